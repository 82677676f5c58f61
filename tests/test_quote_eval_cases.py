"""`storywire eval quotes` reads a case's document however the case gives it: an object, a text, an article id,
or the case's own keys; a case without a usable document is an error naming its line."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from storywire.analyse.quote_eval import doc_text, evaluate, read_cases
from storywire.errors import InputError

PAGE = ("The finance minister spoke on Tuesday.\n\n"
        "\u201cWe will not raise taxes this year,\u201d said Finance Minister Anna Berg. Critics were unconvinced.")


@pytest.mark.parametrize("given", [
    {"doc": {"text": PAGE}},
    {"doc": PAGE},
    {"text": PAGE},
    {"doc_text": PAGE},
    {"doc": {"file": "page.txt"}},
    {"file": "page.txt"},
    {"doc": 7},
    {"article_id": 7},
    {"article_id": "7"},
], ids=lambda g: ",".join(g) + ("=" + type(next(iter(g.values()))).__name__))
def test_eval_quotes_takes_the_document_however_the_case_gives_it(tmp_path: Path, given: dict):
    (tmp_path / "page.txt").write_text(PAGE, encoding="utf-8")
    case = {**given, "quote": "We will not raise taxes this year", "speaker": "Anna Berg"}
    (tmp_path / "cases.jsonl").write_text(json.dumps(case) + "\n", encoding="utf-8")
    [result] = evaluate(read_cases(tmp_path / "cases.jsonl"), {7: PAGE}.__getitem__)
    assert result.outcome == "right" and result.found_speaker.endswith("Anna Berg")


@pytest.mark.parametrize("case, why", [
    ({"quote": "a b c", "speaker": "X"}, "a case is"),
    ({"doc": [1, 2], "quote": "a b c", "speaker": "X"}, "a case is"),
    ({"text": 5, "quote": "a b c", "speaker": "X"}, "doc 'text' must be a string"),
    ({"article_id": "one", "quote": "a b c", "speaker": "X"}, "doc 'article' must be an article id"),
    ({"text": "x", "file": "y", "quote": "a b c", "speaker": "X"}, "exactly one of"),
])
def test_a_case_without_a_usable_document_is_an_error_naming_its_line(tmp_path: Path, case: dict, why: str):
    (tmp_path / "cases.jsonl").write_text(json.dumps(case) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        read_cases(tmp_path / "cases.jsonl")
    assert str(raised.value).startswith(f"{tmp_path / 'cases.jsonl'}:1: ") and why in str(raised.value)


def test_eval_quotes_reads_a_saved_page_as_ingest_stores_it(shared: Path, tmp_path: Path):
    """The Telegraph's Brit Awards live blog: `eval quotes` read 580 characters of it (extracted for precision)
    where `ingest` stores 28,000 (the extract_favor setting): every quote of the posts was 'not found'."""
    from storywire.store import open_store

    page = shared / "data" / "extraction" / "fundus-evaluation" / "html" / "TheTelegraph_1.html.gz"
    db = str(tmp_path / "s.db")
    r = subprocess.run([sys.executable, "-m", "storywire", "--db", db, "ingest", str(page)], capture_output=True,
                       text=True, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    store = open_store(db)
    with store.read() as conn:
        stored = store.get_article(conn, 1).text
    case = {"doc": {"file": str(page)}, "quote": "Raye wins Best New Artist, after nine years in biz",
            "speaker": "Neil McCormick"}
    (tmp_path / "cases.jsonl").write_text(json.dumps(case) + "\n", encoding="utf-8")
    [read] = read_cases(tmp_path / "cases.jsonl")
    assert doc_text(read, lambda i: "") == stored and len(stored) > 20_000
    [result] = evaluate([read], lambda i: "")
    assert result.outcome == "right", result
