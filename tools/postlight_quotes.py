"""Quote attribution measured on the news pages of postlight/parser's test fixtures (postlight/parser on GitHub).

Usage: python tools/postlight_quotes.py POSTLIGHT_CHECKOUT [CASES.jsonl] [--half tune|held]
POSTLIGHT_CHECKOUT is a clone of https://github.com/postlight/parser (measured at commit e8ba7ec); its
``fixtures/<site>.html`` files are saved web pages (US, UK, Canadian and Indian outlets and magazines, 2016-2022).
A document is one fixture's text as storywire's extractor gives it (``extract_item``, the default extract_favor),
its id the file's name without ``.html`` ("www.cnn.com", "www.nytimes.com--feature").

CASES.jsonl (default ``bench/data/postlight-quotes.jsonl``) holds quotes annotated by reading the extracted text,
blind to storywire's output: 966 quotes of 70 English news pages (pages with fewer than three quotations, pastes,
product pages and the like left out), ``{"doc_id", "quote", "speaker", "half"}``, the pages split at random into a
tuning half and a held-out half before any measurement. Prints, per half and per kind of speaker (named, described,
null), how many quotes the ledger finds and credits rightly or wrongly. A change to the extractor may change a
page's text so that a quote is no longer found ("missed"). Nothing of the pages but the annotated quotes is in
this repository.
"""
from __future__ import annotations

import sys
from pathlib import Path

from quote_sets import PageSet, extracted_pages, main

_DEFAULT_CASES = Path(__file__).resolve().parent.parent / "bench" / "data" / "postlight-quotes.jsonl"


def documents(checkout: Path) -> dict[str, str]:
    """Fixture id -> text, for every fixture page with article text."""
    return extracted_pages(checkout / "fixtures")


PAGES = PageSet(__doc__.splitlines()[0], "postlight/parser", "postlight/parser", "fixtures", "e8ba7ec", _DEFAULT_CASES,
                documents)


if __name__ == "__main__":
    sys.exit(main(PAGES))
