"""tools/basil_quotes.py: BASIL's articles read as documents and annotated quotes scored (on articles and quotes
written here)."""
from __future__ import annotations

import json
from pathlib import Path

from tests.page_set_tools import (
    assert_no_checkout_and_missing_page_errors,
    has_line,
    run_tool,
    shipped_cases,
    write_cases,
)


def write_checkout(root: Path) -> Path:
    articles = root / "basil" / "articles" / "2015"
    articles.mkdir(parents=True)
    article = {"title": "Budget row", "source": "nyt", "body-paragraphs": [
        ["\u201cWe will not pass this bill in its current form,\u201d Sen. Ben Cole said on Tuesday."],
        ["It has been called the \u201cbridge to nowhere\u201d of tax plans.", "The vote is on Friday."],
        ["Ann Reed, a lawyer, said the plan was \u201ca gift to the wealthy few\u201d."]]}
    (articles / "e1f2_1.json").write_text(json.dumps(article), encoding="utf-8")
    (articles / "e1f2_2.json").write_text("{not json", encoding="utf-8")  # a broken file: no article
    return root / "basil"


def test_articles_are_read_and_each_half_is_scored_by_kind_of_speaker(tmp_path):
    checkout = write_checkout(tmp_path)
    cases = write_cases(tmp_path / "cases.jsonl", [
        {"doc_id": "2015/e1f2_1", "quote": "We will not pass this bill", "speaker": "Ben Cole", "half": "tune"},
        {"doc_id": "2015/e1f2_1", "quote": "bridge to nowhere", "speaker": None, "half": "tune"},
        {"doc_id": "2015/e1f2_1", "quote": "a gift to the wealthy few", "speaker": "Tom Hart", "half": "held"},
    ])
    proc = run_tool("basil_quotes", checkout, cases)
    assert proc.returncode == 0, proc.stderr
    assert has_line(proc.stdout, "tune  named", "cases    1  right    1 (100.0%)  wrong   0"), proc.stdout
    assert has_line(proc.stdout, "held  named", "right    0 (0.0%)  wrong   1"), \
        proc.stdout  # Ann Reed's words, annotated here as Tom Hart's: a wrong speaker is counted as one
    assert has_line(proc.stdout, "tune  null", "cases    1", "credited where none   0"), proc.stdout
    proc = run_tool("basil_quotes", checkout, cases, "--half", "held")
    assert [line.split()[:2] for line in proc.stdout.splitlines()] == [["held", "named"]], proc.stdout


def test_a_folder_that_is_no_basil_checkout_or_misses_an_article_is_one_line_and_status_2(tmp_path):
    assert_no_checkout_and_missing_page_errors("basil_quotes", "BASIL", "4fdbc4f", tmp_path, write_checkout)


def test_the_shipped_cases_keep_each_event_in_one_half():
    rows = shipped_cases("basil")
    event_half = {}
    for row in rows:
        event = row["doc_id"].rsplit("_", 1)[0]  # "2015/<event>_<n>": the three articles of one event
        assert event_half.setdefault(event, row["half"]) == row["half"], row
        assert row["quote"].strip() and row["why"].strip()
    assert len(event_half) == 100 and len({r["doc_id"] for r in rows}) == 298  # two articles quote no one
    assert sum(half == "held" for half in event_half.values()) == 20
