"""Reported speech (the ledger's indirect quotes) measured against judged output, on the pages of the fundus and
postlight quote sets (tools/fundus_quotes.py, tools/postlight_quotes.py).

Usage: python tools/reported_speech.py FUNDUS_CHECKOUT POSTLIGHT_CHECKOUT [CASES.jsonl] [--half tune|held]
       [--unjudged]

CASES.jsonl (default ``bench/data/reported-speech.jsonl``) holds indirect quotes storywire gave on those pages,
each judged by a helper who read its paragraph, blind to the rules: ``{"set", "doc_id", "quote", "speaker",
"label"}``, the label one of ok, words_wrong (the speaker's, but not their words: cut so the meaning changes, or
holding another's clause or the writer's aside), not_speech (no statement: "denied allegations he ...", a belief),
speaker_wrong, negation_lost. A page is in the half its quote set puts it in. Prints, per half, how many indirect
quotes the pages give now that were judged right, judged wrong and not judged yet, and how many judged ones are no
longer given (right ones lost, wrong ones gone). ``--unjudged`` prints the quotes not judged yet, as JSONL to judge.
Nothing of the pages but the judged quotes is in this repository.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import NamedTuple

import fundus_quotes
import postlight_quotes
from quote_sets import PageSet, is_checkout

from storywire.analyse.quotes import extract_quotes

_DEFAULT_CASES = Path(__file__).resolve().parent.parent / "bench" / "data" / "reported-speech.jsonl"
_SETS = {"fundus": fundus_quotes.PAGES, "postlight": postlight_quotes.PAGES}
LABELS = ("ok", "words_wrong", "not_speech", "speaker_wrong", "negation_lost")


class Given(NamedTuple):
    """An indirect quote a page gives now."""

    set: str
    doc_id: str
    quote: str
    speaker: str | None
    paragraph: str


def _halves(page_set: PageSet) -> dict[str, str]:
    """Page id -> "tune" or "held", from the quote set's cases."""
    rows = [json.loads(line) for line in page_set.cases.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {r["doc_id"]: r["half"] for r in rows}


def given(name: str, docs: dict[str, str], pages: list[str]) -> list[Given]:
    """The indirect quotes of the ``pages`` of one set, with the paragraph each stands in."""
    found = []
    for doc_id in pages:
        text = docs[doc_id]
        for q in extract_quotes(0, text):
            if q.kind == "indirect":
                start = text.rfind("\n", 0, q.position) + 1
                end = text.find("\n", q.position)
                found.append(Given(name, doc_id, q.text, q.speaker, text[start:end if end >= 0 else len(text)]))
    return found


def _read_cases(path: Path, sets: dict[str, PageSet]) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if any(r.get("label") not in LABELS or r.get("set") not in sets for r in rows):
        raise ValueError("a case with no known label or set")
    return rows


def main(argv: list[str] | None = None, sets: dict[str, PageSet] = _SETS) -> int:
    """The command line; ``sets`` names the page sets read from the two checkouts (fundus, postlight)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("fundus", type=Path, help="a clone of flairNLP/fundus")
    ap.add_argument("postlight", type=Path, help="a clone of postlight/parser")
    ap.add_argument("cases", type=Path, nargs="?", default=_DEFAULT_CASES, help="the judged indirect quotes")
    ap.add_argument("--half", choices=("tune", "held"), help="one half only")
    ap.add_argument("--unjudged", action="store_true", help="print the quotes not judged yet, as JSONL")
    args = ap.parse_args(argv)
    if not all(is_checkout(sets[name], checkout) for name, checkout in (("fundus", args.fundus),
                                                                       ("postlight", args.postlight))):
        return 2
    try:
        cases = _read_cases(args.cases, sets)
    except (OSError, UnicodeDecodeError, ValueError) as e:  # (json's error is a ValueError)
        print(f"{args.cases}: cannot read the cases ({e.__class__.__name__})", file=sys.stderr)
        return 2
    judged = {(r["set"], r["doc_id"], r["quote"], r["speaker"]): r["label"] for r in cases}
    counts: dict[str, Counter] = {"tune": Counter(), "held": Counter()}
    unjudged = []
    for name, checkout in (("fundus", args.fundus), ("postlight", args.postlight)):
        halves = _halves(sets[name])
        docs = sets[name].documents(checkout)
        missing = sorted(halves.keys() - docs.keys())
        if missing:
            print(f"{len(missing)} pages of the {name} set are not in this checkout ({missing[0]}, ...): use commit "
                  f"{sets[name].commit}", file=sys.stderr)
            return 2
        pages = [d for d in sorted(halves) if args.half in (None, halves[d])]
        now = given(name, docs, pages)
        keys = {(g.set, g.doc_id, g.quote, g.speaker) for g in now}
        for g in now:
            label = judged.get((g.set, g.doc_id, g.quote, g.speaker))
            counts[halves[g.doc_id]]["right" if label == "ok" else "unjudged" if label is None else "wrong"] += 1
            if label is None:
                unjudged.append(g)
        for key, label in judged.items():
            if key[0] == name and key[1] in halves and args.half in (None, halves[key[1]]) and key not in keys:
                counts[halves[key[1]]]["lost right" if label == "ok" else "gone wrong"] += 1
    if args.unjudged:
        for g in unjudged:
            print(json.dumps(g._asdict(), ensure_ascii=False))
        return 0
    for half, c in counts.items():
        if args.half in (None, half):
            given_now = c["right"] + c["wrong"] + c["unjudged"]
            print(f"{half:5} given {given_now:4}  judged right {c['right']:4}  judged wrong {c['wrong']:3}  "
                  f"not judged {c['unjudged']:3}  |  no longer given: right {c['lost right']:3}  "
                  f"wrong {c['gone wrong']:3}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
