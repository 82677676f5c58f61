"""Quote attribution measured on the news pages of Mozilla Readability's test pages (mozilla/readability on GitHub).

Usage: python tools/readability_quotes.py READABILITY_CHECKOUT [CASES.jsonl] [--half tune|held]
READABILITY_CHECKOUT is a clone of https://github.com/mozilla/readability (measured at commit ab4027a); its
``test/test-pages/<name>/expected.html`` files hold each test page's article as Readability extracts it. A document
is one page's text: the text of each block element (p, h1-h6, li, blockquote, pre) of expected.html, one paragraph
each (text in a block nested in another is the inner block's), its id the page's folder name ("nytimes-1").

CASES.jsonl (default ``bench/data/readability-quotes.jsonl``) holds 250 quotes of 23 English news and magazine
pages (pages with fewer than two direct quotes, blogs, lists and how-to pages left out), annotated by reading the
text, blind to storywire's output: ``{"doc_id", "quote", "speaker", "half", "why"}``, the pages split at random into
a tuning half and a held-out half before any annotation. Nothing of the pages but the annotated quotes is in this
repository.
"""
from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path

from quote_sets import PageSet, main

_DEFAULT_CASES = Path(__file__).resolve().parent.parent / "bench" / "data" / "readability-quotes.jsonl"
_BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre"})


class _Paragraphs(HTMLParser):
    """The text of each block element, whitespace collapsed; a block's text before a nested block is a paragraph
    of its own, and so is what follows the nested block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, list[str]]] = []  # the block elements open, with their text so far
        self.paragraphs: list[str] = []

    def _flush(self, parts: list[str]) -> None:
        text = re.sub(r"\s+", " ", "".join(parts)).strip()
        if text:
            self.paragraphs.append(text)
        parts.clear()

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _BLOCKS:
            if self.open:
                self._flush(self.open[-1][1])
            self.open.append((tag, []))
        elif tag == "br" and self.open:
            self.open[-1][1].append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS and any(t == tag for t, _ in self.open):
            while self.open:
                t, parts = self.open.pop()
                self._flush(parts)
                if t == tag:
                    break

    def handle_data(self, data: str) -> None:
        if self.open:
            self.open[-1][1].append(data)

    def close(self) -> None:
        super().close()
        while self.open:
            self._flush(self.open.pop()[1])


def page_text(html: str) -> str:
    """A page's document text: its block elements' text, one paragraph each."""
    parser = _Paragraphs()
    parser.feed(html)
    parser.close()
    return "\n\n".join(parser.paragraphs)


def documents(checkout: Path) -> dict[str, str]:
    """Page id -> text, for every test page with an expected.html (read as UTF-8, a bad byte replaced: one broken
    page costs no other)."""
    return {path.parent.name: page_text(path.read_bytes().decode("utf-8", errors="replace"))
            for path in sorted((checkout / "test" / "test-pages").glob("*/expected.html"))}


PAGES = PageSet(__doc__.splitlines()[0], "mozilla/readability", "mozilla/readability", "test/test-pages", "ab4027a",
                _DEFAULT_CASES, documents)


if __name__ == "__main__":
    sys.exit(main(PAGES))
