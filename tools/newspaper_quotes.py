"""Quote attribution measured on the news pages of newspaper3k's test data (codelucas/newspaper on GitHub).

Usage: python tools/newspaper_quotes.py NEWSPAPER_CHECKOUT [CASES.jsonl] [--half tune|held]
NEWSPAPER_CHECKOUT is a clone of https://github.com/codelucas/newspaper (measured at commit 1618b54); its
``tests/data/text/<site><n>.txt`` files hold each test page's article text as newspaper3k extracts it (US and UK
newspapers, wires and magazines, about 2013-2016). A document is one file's text (read as UTF-8, a bad byte
replaced; paragraphs apart by blank lines, or by each line break in a file with no blank line), its id the file's
name without ``.txt`` ("reuters.com2").

CASES.jsonl (default ``bench/data/newspaper-quotes.jsonl``) holds 344 quotes of 40 English news and magazine pages
(pages with fewer than two direct quotes, lists and essays left out; at most 25 quotes a page), annotated by reading
the text, blind to storywire's output: ``{"doc_id", "quote", "speaker", "half", "why"}``, the pages split at random
into a tuning half and a held-out half before any annotation. Nothing of the pages but the annotated quotes is in
this repository.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from quote_sets import PageSet, main

_DEFAULT_CASES = Path(__file__).resolve().parent.parent / "bench" / "data" / "newspaper-quotes.jsonl"


def page_text(raw: bytes) -> str:
    """A test page's document text: its paragraphs apart by blank lines."""
    text = raw.decode("utf-8", errors="replace").replace("\r\n", "\n")
    if "\n\n" not in text and "\n" in text.strip("\n"):
        text = re.sub(r"(?<!\n)\n(?!\n)", "\n\n", text)  # a file with one paragraph a line
    return text


def documents(checkout: Path) -> dict[str, str]:
    """Page id -> text, for every test page's text file."""
    return {path.stem: page_text(path.read_bytes())
            for path in sorted((checkout / "tests" / "data" / "text").glob("*.txt"))}


PAGES = PageSet(__doc__.splitlines()[0], "codelucas/newspaper", "codelucas/newspaper", "tests/data/text", "1618b54",
                _DEFAULT_CASES, documents)


if __name__ == "__main__":
    sys.exit(main(PAGES))
