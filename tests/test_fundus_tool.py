"""tools/fundus_quotes.py: fundus's parser test pages read as documents and annotated quotes scored (on pages and
quotes written here)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from tests.page_set_tools import (
    REPO,
    assert_no_checkout_and_missing_page_errors,
    has_line,
    one_line_error,
    run_tool,
    write_cases,
)

sys.path.insert(0, str(REPO / "tools"))

from quote_sets import PageCount, page_interval  # noqa: E402


def write_checkout(root: Path) -> Path:
    pages = root / "fundus" / "tests" / "resources" / "parser" / "test_data" / "uk"
    pages.mkdir(parents=True)
    page = {"V1": {"title": "Budget row", "body": {
        "summary": ["The budget fight goes on."],
        "sections": [{"headline": [], "paragraphs": [
            "\u201cWe will not pass this bill in its current form,\u201d Sir Ben Cole said on Tuesday.",
            "It has been called the \u201cbridge to nowhere\u201d of tax plans.",
            "\u201cThe plan will cost every family in the country a great deal of money.\u201d"]},
                     {"headline": ["Reaction"], "paragraphs": [
                         "Ann Reed, a lawyer, said the plan was \u201ca gift to the wealthy few\u201d."]}]}}}
    (pages / "Paper.json").write_text(json.dumps(page), encoding="utf-8")
    (pages.parent / "de").mkdir()  # a country whose pages are not English: not read
    (pages.parent / "de" / "Zeitung.json").write_text(json.dumps({"V1": {"body": {}}}), encoding="utf-8")
    return root / "fundus"



def test_pages_are_read_and_each_half_is_scored_by_kind_of_speaker(tmp_path):
    checkout = write_checkout(tmp_path)
    cases = write_cases(tmp_path / "cases.jsonl", [
        {"doc_id": "uk/Paper/V1", "quote": "We will not pass this bill", "speaker": "Ben Cole", "half": "tune"},
        {"doc_id": "uk/Paper/V1", "quote": "bridge to nowhere", "speaker": None, "half": "tune"},
        {"doc_id": "uk/Paper/V1", "quote": "cost every family in the country", "speaker": None, "half": "tune"},
        {"doc_id": "uk/Paper/V1", "quote": "a gift to the wealthy few", "speaker": "Tom Hart", "half": "held"},
    ])
    proc = run_tool("fundus_quotes", checkout, cases)
    assert proc.returncode == 0, proc.stderr
    assert has_line(proc.stdout, "tune  named", "cases    1  right    1 (100.0%)  wrong   0",
                    "pages   1  95% interval 100.0%-100.0%"), proc.stdout
    assert has_line(proc.stdout, "held  named", "right    0 (0.0%)  wrong   1"), \
        proc.stdout  # Ann Reed's words, annotated here as Tom Hart's: a wrong speaker is counted as one
    assert has_line(proc.stdout, "tune  null", "cases    2", "left unattributed   1"), \
        proc.stdout  # the scare quote is no quote of the ledger: missed
    proc = run_tool("fundus_quotes", checkout, cases, "--half", "held")
    assert [line.split()[:2] for line in proc.stdout.splitlines()] == [["held", "named"]], proc.stdout


def test_a_folder_that_is_no_fundus_checkout_or_misses_a_page_is_one_line_and_status_2(tmp_path):
    checkout, cases = assert_no_checkout_and_missing_page_errors("fundus_quotes", "fundus", "18da6e5", tmp_path,
                                                                 write_checkout)
    cases.write_text(json.dumps({"doc_id": "uk/Paper/V1", "quote": "one", "speaker": None, "half": "tune"}) + "\n",
                     encoding="utf-8")  # a quote of one word: no case
    assert one_line_error(run_tool("fundus_quotes", checkout, cases), "two words or more")


def test_the_interval_resamples_pages_not_quotes():
    # one page of ten quotes all right and one of ten all wrong: other pages like them could give anything from
    # none to all right; resampled as twenty quotes, the interval would stay near one half
    low, high = page_interval([PageCount(10, 10), PageCount(10, 0)])
    assert (low, high) == (0.0, 1.0)
    # many pages of one quote each, half of them right: near one half, as quotes would give
    low, high = page_interval([PageCount(1, i % 2) for i in range(400)])
    assert 0.4 < low < 0.5 < high < 0.6
    assert page_interval([PageCount(4, 3)]) == (0.75, 0.75)
    assert page_interval([PageCount(4, 3), PageCount(6, 1)]) == page_interval([PageCount(4, 3), PageCount(6, 1)])
