"""Quote attribution measured on the English news pages of goose3's extraction tests (goose3/goose3 on GitHub).

Usage: python tools/goose_quotes.py GOOSE3_CHECKOUT [CASES.jsonl] [--half tune|held]
GOOSE3_CHECKOUT is a clone of https://github.com/goose3/goose3 (measured at commit c5a8902); its
``tests/data/content/<name>.html`` files are whole test pages (US and UK news sites and magazines, about 2010-2013).
A document is one page's article text as ``storywire ingest`` extracts it (the configured extract_favor), its
id the file's name without ``.html`` ("test_cnn1").

CASES.jsonl (default ``bench/data/goose-quotes.jsonl``) holds 217 quotes of 20 English news and magazine pages (the
pages of fewer than two direct quotes, the non-English ones, a duplicate page and a marketing blog left out; at
most 25 quotes a page), annotated by reading the extracted text, blind to storywire's output:
``{"doc_id", "quote", "speaker", "half", "why"}``, the pages split at random into a tuning half and a held-out half
before any annotation. Nothing of the pages but the annotated quotes is in this repository.
"""
from __future__ import annotations

import sys
from pathlib import Path

from quote_sets import PageSet, extracted_pages, main

_DEFAULT_CASES = Path(__file__).resolve().parent.parent / "bench" / "data" / "goose-quotes.jsonl"


def documents(checkout: Path) -> dict[str, str]:
    """Page id -> text, for every test page of the content tests with article text."""
    return extracted_pages(checkout / "tests" / "data" / "content")


PAGES = PageSet(__doc__.splitlines()[0], "goose3/goose3", "goose3", "tests/data/content", "c5a8902",
                _DEFAULT_CASES, documents)


if __name__ == "__main__":
    sys.exit(main(PAGES))
