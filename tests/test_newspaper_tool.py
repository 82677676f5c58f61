"""tools/newspaper_quotes.py: newspaper3k's stored article texts read as paragraphs, and annotated quotes scored (on
a page and quotes written here)."""
from __future__ import annotations

import sys
from pathlib import Path

from storywire.analyse.text import norm_tokens
from tests.page_set_tools import (
    REPO,
    assert_no_checkout_and_missing_page_errors,
    has_line,
    run_tool,
    shipped_cases,
    write_cases,
)

sys.path.insert(0, str(REPO / "tools"))

from newspaper_quotes import page_text  # noqa: E402

PAGE = ("The budget fight in the capital went on for a third week on Tuesday.\r\n\r\n"
        "\u201cWe will not pass this bill in its current form,\u201d Ben Cole, the committee chairman, said.\r\n\r\n"
        "\u201cIt is a gift to the wealthy few,\u201d Ann Reed said.\r\n")


def write_checkout(root: Path) -> Path:
    text = root / "newspaper" / "tests" / "data" / "text"
    text.mkdir(parents=True)
    (text / "paper.example1.txt").write_bytes(PAGE.encode("utf-8"))
    return root / "newspaper"



def test_a_page_keeps_its_blank_lines_and_one_paragraph_a_line_becomes_paragraphs():
    assert page_text(PAGE.encode("utf-8")).split("\n\n")[:2] == [
        "The budget fight in the capital went on for a third week on Tuesday.",
        "\u201cWe will not pass this bill in its current form,\u201d Ben Cole, the committee chairman, said."]
    assert page_text(b"First line.\nSecond line.\n\xff") == "First line.\n\nSecond line.\n\n\ufffd"


def test_each_half_is_scored_by_kind_of_speaker(tmp_path):
    checkout = write_checkout(tmp_path)
    cases = write_cases(tmp_path / "cases.jsonl", [
        {"doc_id": "paper.example1", "quote": "We will not pass this bill", "speaker": "Ben Cole", "half": "tune"},
        {"doc_id": "paper.example1", "quote": "a gift to the wealthy few", "speaker": "Tom Hart", "half": "held"},
    ])
    proc = run_tool("newspaper_quotes", checkout, cases)
    assert proc.returncode == 0, proc.stderr
    assert has_line(proc.stdout, "tune  named", "cases    1  right    1 (100.0%)  wrong   0"), proc.stdout
    assert has_line(proc.stdout, "held  named", "right    0 (0.0%)  wrong   1"), \
        proc.stdout  # Ann Reed's words, annotated here as Tom Hart's: a wrong speaker is counted as one


def test_a_folder_that_is_no_checkout_or_misses_a_page_is_one_line_and_status_2(tmp_path):
    assert_no_checkout_and_missing_page_errors("newspaper_quotes", "codelucas/newspaper", "1618b54", tmp_path,
                                               write_checkout)


def test_the_shipped_cases_are_well_formed():
    rows = shipped_cases("newspaper")
    assert len(rows) == 344
    assert len({r["doc_id"] for r in rows}) == 40
    assert all(len(norm_tokens(r["quote"])) >= 3 and (r["speaker"] is None or r["speaker"].strip()) for r in rows)
