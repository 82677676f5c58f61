"""tools/goose_quotes.py: goose3's test pages extracted as ingest extracts them, and annotated quotes scored (on a
page and quotes written here)."""
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

from goose_quotes import page_text  # noqa: E402

PAGE = """<html><head><title>Budget row goes on - The Example Post</title></head><body>
<nav><a href="/">Home</a> | <a href="/politics">Politics</a> | <a href="/sport">Sport</a></nav>
<article><h1>Budget row goes on</h1>
<p>The budget fight in the capital went on for a third week on Tuesday, with no sign of a deal between the two
parties that run the committee.</p>
<p>\u201cWe will not pass this bill in its current form,\u201d Ben Cole, the committee chairman, said on Tuesday
after a long session behind closed doors.</p>
<p>\u201cIt is a gift to the wealthy few and we will say so on every street,\u201d Ann Reed said outside the
building, where protesters had gathered since the morning.</p>
</article>
<footer>Copyright The Example Post. All rights reserved.</footer></body></html>"""


def write_checkout(root: Path) -> Path:
    content = root / "goose3" / "tests" / "data" / "content"
    content.mkdir(parents=True)
    (content / "test_budget.html").write_text(PAGE, encoding="utf-8")
    (content / "test_binary.html").write_bytes(b"\x00\x01\x02 not a page")
    return root / "goose3"


def test_a_page_is_its_article_text_without_the_site_chrome(tmp_path):
    checkout = write_checkout(tmp_path)
    text = page_text(checkout / "tests" / "data" / "content" / "test_budget.html")
    assert "Ben Cole, the committee chairman, said" in text and "Ann Reed said" in text
    assert "Copyright" not in text and "Politics" not in text
    assert page_text(checkout / "tests" / "data" / "content" / "test_binary.html") == ""


def test_each_half_is_scored_by_kind_of_speaker(tmp_path):
    checkout = write_checkout(tmp_path)
    cases = write_cases(tmp_path / "cases.jsonl", [
        {"doc_id": "test_budget", "quote": "We will not pass this bill", "speaker": "Ben Cole", "half": "tune"},
        {"doc_id": "test_budget", "quote": "a gift to the wealthy few", "speaker": "Tom Hart", "half": "held"},
    ])
    proc = run_tool("goose_quotes", checkout, cases)
    assert proc.returncode == 0, proc.stderr
    assert has_line(proc.stdout, "tune  named", "cases    1  right    1 (100.0%)  wrong   0"), proc.stdout
    assert has_line(proc.stdout, "held  named", "right    0 (0.0%)  wrong   1"), \
        proc.stdout  # Ann Reed's words, annotated here as Tom Hart's: a wrong speaker is counted as one


def test_a_folder_that_is_no_checkout_or_misses_a_page_is_one_line_and_status_2(tmp_path):
    assert_no_checkout_and_missing_page_errors("goose_quotes", "goose3", "c5a8902", tmp_path, write_checkout)


def test_the_shipped_cases_are_well_formed():
    rows = shipped_cases("goose")
    assert len(rows) == 217
    assert len({r["doc_id"] for r in rows}) == 20
    assert all(len(norm_tokens(r["quote"])) >= 3 and (r["speaker"] is None or r["speaker"].strip()) for r in rows)
