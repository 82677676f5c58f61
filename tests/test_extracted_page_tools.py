"""tools/goose_quotes.py and tools/newspaper4k_quotes.py: a checkout's saved HTML pages extracted as ingest extracts
them, and annotated quotes scored (on a page and quotes written here)."""
from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import NamedTuple

import pytest

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


class Tool(NamedTuple):
    name: str  # tools/<name>.py
    checkout: str  # what a clone's folder is called
    pages: str  # its folder of pages
    kind: str  # what its errors call it
    commit: str  # the commit annotated at
    cases: str  # bench/data/<cases>-quotes.jsonl
    quotes: int  # shipped cases
    documents: int  # their pages


TOOLS = [Tool("goose_quotes", "goose3", "tests/data/content", "goose3", "c5a8902", "goose", 217, 20),
         Tool("newspaper4k_quotes", "newspaper4k", "tests/data/html", "newspaper4k", "540bff3", "newspaper4k", 82, 6)]


def write_checkout(tool: Tool, root: Path) -> Path:
    pages = root / tool.checkout / tool.pages
    pages.mkdir(parents=True)
    (pages / "budget.html").write_text(PAGE, encoding="utf-8")
    (pages / "binary.html").write_bytes(b"\x00\x01\x02 not a page")
    return root / tool.checkout


@pytest.mark.parametrize("tool", TOOLS, ids=lambda t: t.name)
def test_a_page_is_its_article_text_without_the_site_chrome_and_a_binary_file_is_no_page(tool, tmp_path):
    docs = importlib.import_module(tool.name).documents(write_checkout(tool, tmp_path))
    assert list(docs) == ["budget"]
    assert "Ben Cole, the committee chairman, said" in docs["budget"] and "Ann Reed said" in docs["budget"]
    assert "Copyright" not in docs["budget"] and "Politics" not in docs["budget"]


@pytest.mark.parametrize("tool", TOOLS, ids=lambda t: t.name)
def test_each_half_is_scored_by_kind_of_speaker(tool, tmp_path):
    checkout = write_checkout(tool, tmp_path)
    cases = write_cases(tmp_path / "cases.jsonl", [
        {"doc_id": "budget", "quote": "We will not pass this bill", "speaker": "Ben Cole", "half": "tune"},
        {"doc_id": "budget", "quote": "a gift to the wealthy few", "speaker": "Tom Hart", "half": "held"},
    ])
    proc = run_tool(tool.name, checkout, cases)
    assert proc.returncode == 0, proc.stderr
    assert has_line(proc.stdout, "tune  named", "cases    1  right    1 (100.0%)  wrong   0"), proc.stdout
    assert has_line(proc.stdout, "held  named", "right    0 (0.0%)  wrong   1"), \
        proc.stdout  # Ann Reed's words, annotated here as Tom Hart's: a wrong speaker is counted as one


@pytest.mark.parametrize("tool", TOOLS, ids=lambda t: t.name)
def test_a_folder_that_is_no_checkout_or_misses_a_page_is_one_line_and_status_2(tool, tmp_path):
    assert_no_checkout_and_missing_page_errors(tool.name, tool.kind, tool.commit, tmp_path,
                                               lambda root: write_checkout(tool, root))


@pytest.mark.parametrize("tool", TOOLS, ids=lambda t: t.name)
def test_the_shipped_cases_are_well_formed(tool):
    rows = shipped_cases(tool.cases)
    assert len(rows) == tool.quotes
    assert len({r["doc_id"] for r in rows}) == tool.documents
    assert all(len(norm_tokens(r["quote"])) >= 3 and (r["speaker"] is None or r["speaker"].strip()) for r in rows)
