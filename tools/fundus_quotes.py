"""Quote attribution measured on the English news pages of fundus's parser tests (flairNLP/fundus on GitHub).

Usage: python tools/fundus_quotes.py FUNDUS_CHECKOUT [CASES.jsonl] [--half tune|held]
FUNDUS_CHECKOUT is a clone of https://github.com/flairNLP/fundus (measured at commit 18da6e5, 2026-08-05); its
``tests/resources/parser/test_data/<country>/<Publisher>.json`` files hold each test page's parsed body. A
document is one page version of an English-language outlet, its id ``country/Publisher/Version`` ("uk/BBC/V1"),
its text the page's summary, section headlines and paragraphs, one paragraph each.

CASES.jsonl (default ``bench/data/fundus-quotes.jsonl``) holds quotes annotated by reading the pages, blind to
storywire's output: ``{"doc_id", "quote", "speaker", "half"}``, speaker null when the page names nobody; the
documents were split at random into a tuning half and a held-out half before any measurement. Prints, per half
and per kind of speaker (named, described, null), how many quotes the ledger finds and credits rightly or wrongly.
The pages are read from the checkout; nothing of them but the annotated quotes is in this repository.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from quote_sets import PageSet, main

_COUNTRIES = ("us", "uk", "ca", "au", "ind", "za", "ls", "na", "tz", "my")
_DEFAULT_CASES = Path(__file__).resolve().parent.parent / "bench" / "data" / "fundus-quotes.jsonl"


def documents(checkout: Path) -> dict[str, str]:
    """Page id -> text, for every page version of the outlets of English-speaking countries."""
    docs = {}
    for country in _COUNTRIES:
        for path in sorted((checkout / "tests" / "resources" / "parser" / "test_data" / country).glob("*.json")):
            for version, page in json.loads(path.read_text(encoding="utf-8")).items():
                body = page.get("body") or {}
                paragraphs = list(body.get("summary") or [])
                for section in body.get("sections") or []:
                    paragraphs += list(section.get("headline") or []) + list(section.get("paragraphs") or [])
                docs[f"{country}/{path.stem}/{version}"] = "\n\n".join(p.strip() for p in paragraphs if p.strip())
    return docs


PAGES = PageSet(__doc__.splitlines()[0], "flairNLP/fundus", "fundus", "tests/resources/parser/test_data", "18da6e5",
                _DEFAULT_CASES, documents)


if __name__ == "__main__":
    sys.exit(main(PAGES))
