"""Quote attribution measured on the English news pages of newspaper4k's test data (AndyTheFactory/newspaper4k).

Usage: python tools/newspaper4k_quotes.py NEWSPAPER4K_CHECKOUT [CASES.jsonl] [--half tune|held]
NEWSPAPER4K_CHECKOUT is a clone of https://github.com/AndyTheFactory/newspaper4k (measured at commit 540bff3); its
``tests/data/html/<name>.html`` files are whole test pages (CNN, Time, Wired and others, 2011-2023). A document is
one page's article text as ``storywire ingest`` extracts it (the configured extract_favor), its id the file's name
without ``.html`` ("cnn_001").

CASES.jsonl (default ``bench/data/newspaper4k-quotes.jsonl``) holds 82 quotes of 6 English news pages (the pages of
fewer than two direct quotes, the non-English ones and the one newspaper3k's test data also has left out; at most 25
quotes a page), annotated by reading the extracted text, blind to storywire's output:
``{"doc_id", "quote", "speaker", "half", "why"}``, the pages split at random into a tuning half and a held-out half
before any annotation. Nothing of the pages but the annotated quotes is in this repository.
"""
from __future__ import annotations

import sys
from pathlib import Path

from quote_sets import PageSet, extracted_pages, main

_DEFAULT_CASES = Path(__file__).resolve().parent.parent / "bench" / "data" / "newspaper4k-quotes.jsonl"


def documents(checkout: Path) -> dict[str, str]:
    """Page id -> text, for every test page with article text."""
    return extracted_pages(checkout / "tests" / "data" / "html")


PAGES = PageSet(__doc__.splitlines()[0], "AndyTheFactory/newspaper4k", "newspaper4k", "tests/data/html", "540bff3",
                _DEFAULT_CASES, documents)


if __name__ == "__main__":
    sys.exit(main(PAGES))
