"""tools/reported_speech.py: the indirect quotes pages give now, counted against judged ones (on pages and judged
quotes written here)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tools"))

import reported_speech  # noqa: E402
from quote_sets import PageSet  # noqa: E402

PAGES = {
    "a.example": "The mayor spoke on Monday.\n\nCity spokeswoman Ann Reed said the bridge would reopen in May.\n\n"
                 "Earlier in the year, Tim Moore denied allegations he was having an affair with a colleague.",
    "b.example": "Police said at least three people were hurt in the crash on the highway.",
}


def page_set(tmp_path: Path, name: str, halves: dict[str, str]) -> PageSet:
    cases = tmp_path / f"{name}-quotes.jsonl"
    cases.write_text("".join(json.dumps({"doc_id": d, "quote": "x y", "speaker": None, "half": h}) + "\n"
                             for d, h in halves.items()), encoding="utf-8")
    return PageSet(name, f"example/{name}", name, "pages", "abc1234", cases,
                   lambda checkout: {d: PAGES[d] for d in halves if (checkout / "pages").is_dir()})


@pytest.fixture()
def setup(tmp_path: Path):
    for name in ("one", "two"):
        (tmp_path / name / "pages").mkdir(parents=True)
    sets = {"fundus": page_set(tmp_path, "one", {"a.example": "tune"}),
            "postlight": page_set(tmp_path, "two", {"b.example": "held"})}
    cases = tmp_path / "judged.jsonl"
    cases.write_text("".join(json.dumps(c) + "\n" for c in [
        {"set": "fundus", "doc_id": "a.example", "quote": "the bridge would reopen in May", "speaker": "Ann Reed",
         "label": "ok"},
        # what an older rule gave: the allegation as Moore's words, judged no statement and no longer given
        {"set": "fundus", "doc_id": "a.example", "speaker": "Tim Moore", "label": "not_speech",
         "quote": "allegations he was having an affair with a colleague"},
        {"set": "postlight", "doc_id": "b.example", "quote": "no one was hurt", "speaker": "Police", "label": "ok"},
    ]), encoding="utf-8")
    return tmp_path, sets, cases


def test_given_quotes_are_counted_as_judged_right_wrong_or_not_yet_and_judged_ones_no_longer_given(setup, capsys):
    root, sets, cases = setup
    assert reported_speech.main([str(root / "one"), str(root / "two"), str(cases)], sets) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["tune", "given", "1", "judged", "right", "1", "judged", "wrong", "0", "not", "judged",
                                "0", "|", "no", "longer", "given:", "right", "0", "wrong", "1"]
    assert lines[1].split()[:12] == ["held", "given", "1", "judged", "right", "0", "judged", "wrong", "0", "not",
                                     "judged", "1"]
    assert lines[1].split()[-3:] == ["1", "wrong", "0"]  # the judged "no one was hurt" is no longer given
    assert reported_speech.main([str(root / "one"), str(root / "two"), str(cases), "--half", "held", "--unjudged"],
                                sets) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["doc_id"], r["quote"], r["speaker"]) for r in rows] == \
        [("b.example", "at least three people were hurt in the crash on the highway", "Police")]


def test_a_folder_that_is_no_checkout_or_bad_cases_are_one_line_and_status_2(setup, capsys):
    root, sets, cases = setup
    assert reported_speech.main([str(root), str(root / "two"), str(cases)], sets) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a one checkout" in err
    cases.write_text(json.dumps({"set": "fundus", "doc_id": "a.example", "quote": "q", "speaker": None,
                                 "label": "maybe"}) + "\n", encoding="utf-8")
    assert reported_speech.main([str(root / "one"), str(root / "two"), str(cases)], sets) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot read the cases" in err


def test_the_shipped_judged_quotes_are_well_formed():
    rows = [json.loads(line) for line in
            (REPO / "bench" / "data" / "reported-speech.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 300 and {r["set"] for r in rows} == {"fundus", "postlight"}
    assert all(r["label"] in reported_speech.LABELS and r["quote"].strip() for r in rows)
    assert len({(r["set"], r["doc_id"], r["quote"], r["speaker"]) for r in rows}) == len(rows)
