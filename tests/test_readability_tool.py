"""tools/readability_quotes.py: Readability's expected pages read as one paragraph per block element, and annotated
quotes scored (on a page and quotes written here)."""
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

from readability_quotes import page_text  # noqa: E402

PAGE = """<div id="readability-page-1" class="page"><div>
<h2>Budget row goes on</h2>
<p>The budget fight in the capital went on for a third week on Tuesday, with no sign of a deal.</p>
<p>\u201cWe will not pass this bill in its current form,\u201d Ben Cole, the committee chairman, said
   on Tuesday.</p>
<blockquote>Loose words <p>\u201cIt is a gift to the wealthy few,\u201d Ann Reed said.</p> after it</blockquote>
<ul><li>Critics call it the &ldquo;bridge to nowhere&rdquo; of tax plans.<br>A second line.</li></ul>
</div></div>"""


def write_checkout(root: Path) -> Path:
    page = root / "readability" / "test" / "test-pages" / "budget-1"
    page.mkdir(parents=True)
    (page / "expected.html").write_text(PAGE, encoding="utf-8")
    return root / "readability"



def test_a_page_is_one_paragraph_per_block_with_nested_blocks_apart_and_entities_decoded():
    assert page_text(PAGE).split("\n\n") == [
        "Budget row goes on",
        "The budget fight in the capital went on for a third week on Tuesday, with no sign of a deal.",
        "\u201cWe will not pass this bill in its current form,\u201d Ben Cole, the committee chairman, said "
        "on Tuesday.",
        "Loose words", "\u201cIt is a gift to the wealthy few,\u201d Ann Reed said.", "after it",
        "Critics call it the \u201cbridge to nowhere\u201d of tax plans. A second line.",
    ]


def test_each_half_is_scored_by_kind_of_speaker(tmp_path):
    checkout = write_checkout(tmp_path)
    cases = write_cases(tmp_path / "cases.jsonl", [
        {"doc_id": "budget-1", "quote": "We will not pass this bill", "speaker": "Ben Cole", "half": "tune"},
        {"doc_id": "budget-1", "quote": "bridge to nowhere", "speaker": None, "half": "tune"},
        {"doc_id": "budget-1", "quote": "a gift to the wealthy few", "speaker": "Tom Hart", "half": "held"},
    ])
    proc = run_tool("readability_quotes", checkout, cases)
    assert proc.returncode == 0, proc.stderr
    assert has_line(proc.stdout, "tune  named", "cases    1  right    1 (100.0%)  wrong   0"), proc.stdout
    assert has_line(proc.stdout, "held  named", "right    0 (0.0%)  wrong   1"), \
        proc.stdout  # Ann Reed's words, annotated here as Tom Hart's: a wrong speaker is counted as one
    proc = run_tool("readability_quotes", checkout, cases, "--half", "held")
    assert [line.split()[:2] for line in proc.stdout.splitlines()] == [["held", "named"]], proc.stdout


def test_a_folder_that_is_no_checkout_or_misses_a_page_is_one_line_and_status_2(tmp_path):
    assert_no_checkout_and_missing_page_errors("readability_quotes", "mozilla/readability", "ab4027a", tmp_path,
                                               write_checkout)


def test_the_shipped_cases_are_well_formed():
    rows = shipped_cases("readability")
    assert len(rows) == 250
    assert len({r["doc_id"] for r in rows}) == 23
    assert all(len(norm_tokens(r["quote"])) >= 3 and (r["speaker"] is None or r["speaker"].strip()) for r in rows)


def test_a_page_of_bad_bytes_costs_no_other_page(tmp_path):
    checkout = write_checkout(tmp_path)
    bad = checkout / "test" / "test-pages" / "broken-1"
    bad.mkdir()
    (bad / "expected.html").write_bytes(b"<p>\xff\xfe broken \x00</p>")
    cases = write_cases(tmp_path / "cases.jsonl", [
        {"doc_id": "budget-1", "quote": "We will not pass this bill", "speaker": "Ben Cole", "half": "tune"}])
    proc = run_tool("readability_quotes", checkout, cases)
    assert proc.returncode == 0, proc.stderr
    assert has_line(proc.stdout, "tune  named", "cases    1  right    1 (100.0%)"), proc.stdout
