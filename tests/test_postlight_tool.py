"""tools/postlight_quotes.py: saved pages of a postlight/parser checkout extracted as ingest extracts them, and
annotated quotes scored (on a page and quotes written here)."""
from __future__ import annotations

from pathlib import Path

from storywire.analyse.text import norm_tokens
from tests.page_set_tools import (
    assert_no_checkout_and_missing_page_errors,
    has_line,
    one_line_error,
    run_tool,
    shipped_cases,
    write_cases,
)

PAGE = """<html><head><title>Budget row goes on</title></head><body><article>
<h1>Budget row goes on</h1>
<p>The budget fight in the capital went on for a third week on Tuesday, with no sign of a deal.</p>
<p>\u201cWe will not pass this bill in its current form,\u201d Ben Cole, the committee chairman, said on Tuesday.</p>
<p>Critics call it the \u201cbridge to nowhere\u201d of tax plans, and the opposition has promised a long fight.</p>
<p>Ann Reed, a lawyer who advises the opposition, said the plan was \u201ca gift to the wealthy few\u201d and
would cost the state dearly over the next ten years.</p>
</article></body></html>"""


def write_checkout(root: Path) -> Path:
    fixtures = root / "parser" / "fixtures"
    fixtures.mkdir(parents=True)
    (fixtures / "www.paper.example.html").write_text(PAGE, encoding="utf-8")
    (fixtures / "empty.example.html").write_text("<html><body></body></html>", encoding="utf-8")  # no text: skipped
    return root / "parser"



def test_pages_are_extracted_and_each_half_is_scored_by_kind_of_speaker(tmp_path):
    checkout = write_checkout(tmp_path)
    cases = write_cases(tmp_path / "cases.jsonl", [
        {"doc_id": "www.paper.example", "quote": "We will not pass this bill", "speaker": "Ben Cole", "half": "tune"},
        {"doc_id": "www.paper.example", "quote": "bridge to nowhere", "speaker": None, "half": "tune"},
        {"doc_id": "www.paper.example", "quote": "a gift to the wealthy few", "speaker": "Tom Hart", "half": "held"},
    ])
    proc = run_tool("postlight_quotes", checkout, cases)
    assert proc.returncode == 0, proc.stderr
    assert has_line(proc.stdout, "tune  named", "cases    1  right    1 (100.0%)  wrong   0"), proc.stdout
    assert has_line(proc.stdout, "held  named", "right    0 (0.0%)  wrong   1"), \
        proc.stdout  # Ann Reed's words, annotated here as Tom Hart's: a wrong speaker is counted as one
    assert has_line(proc.stdout, "tune  null", "cases    1"), proc.stdout
    proc = run_tool("postlight_quotes", checkout, cases, "--half", "held")
    assert [line.split()[:2] for line in proc.stdout.splitlines()] == [["held", "named"]], proc.stdout


def test_a_folder_that_is_no_checkout_or_misses_a_page_is_one_line_and_status_2(tmp_path):
    checkout, cases = assert_no_checkout_and_missing_page_errors("postlight_quotes", "postlight/parser", "e8ba7ec",
                                                                 tmp_path, write_checkout)
    cases.write_bytes(b"\xff\xfe not json\n")
    assert one_line_error(run_tool("postlight_quotes", checkout, cases), "cannot read the cases")


def test_the_shipped_cases_are_well_formed():
    rows = shipped_cases("postlight")
    assert len(rows) == 966
    assert all(len(norm_tokens(r["quote"])) >= 2 and (r["speaker"] is None or r["speaker"].strip()) for r in rows)
