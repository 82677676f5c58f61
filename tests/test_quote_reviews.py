"""The cases of the helpers' reviews of the attribution rules (``tests/data/quote-reviews.jsonl``): short texts
written with their answers before any run, each ``{"id", "text", "quote", "expect", "why", "status"}``; ``expect``
lists every answer a careful reader accepts (null: no speaker, or no quote listed). The cases the ledger answers
rightly ("holds") must stay right; the "open" ones are known misses, kept for the next round to work on."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from storywire.analyse.quotes import extract_quotes

_CASES = [json.loads(line) for line in
          (Path(__file__).parent / "data" / "quote-reviews.jsonl").read_text(encoding="utf-8").splitlines()]


def _norm(name: str | None) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", (name or "").strip().rstrip(".").lower().replace("\u2019", "'"))


def answers(text: str, words: str) -> list[str | None]:
    """The speaker of the tightest quote holding ``words`` (a quote inside a quote is its own: the evaluation's
    rule; the name the ledger gives, not the phrase as written: "Gavin Newsom" for "An aide in the office of
    Governor Gavin Newsom" is a wrong speaker), [None] when none is credited."""
    found = sorted((q for q in extract_quotes(1, text) if words in q.text), key=lambda q: len(q.text))
    if not found or not found[0].speaker:
        return [None]
    return [found[0].speaker]


@pytest.mark.parametrize("case", [c for c in _CASES if c["status"] == "holds"], ids=lambda c: c["id"])
def test_a_reviewed_case_keeps_its_answer(case: dict):
    got = answers(case["text"], case["quote"])
    want = {_norm(e) for e in case["expect"] if e is not None}
    ok = got == [None] and None in case["expect"] or any(g and _norm(g) in want for g in got)
    assert ok, (case["why"], got, case["expect"])


def test_the_review_file_is_well_formed():
    ids = [c["id"] for c in _CASES]
    assert len(ids) == len(set(ids))
    for c in _CASES:
        assert c["status"] in ("holds", "open") and c["expect"] and c["quote"] in c["text"], c["id"]
