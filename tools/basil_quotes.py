"""Quote attribution measured on the news articles of BASIL (launchnlp/BASIL on GitHub).

Usage: python tools/basil_quotes.py BASIL_CHECKOUT [CASES.jsonl] [--half tune|held]
BASIL_CHECKOUT is a clone of https://github.com/launchnlp/BASIL (measured at commit 4fdbc4f), the articles of
"In Plain Sight: Media Bias Through the Lens of Factual Reporting" (Fan et al., EMNLP 2019): 100 US political
events of 2010-2019, each reported by the New York Times, Fox News and the Huffington Post. A document is one
article of ``articles/<year>/<event>_<n>.json``, its id ``<year>/<event>_<n>``, its text the body paragraphs, one
paragraph each (the sentences of a paragraph joined by a space).

CASES.jsonl (default ``bench/data/basil-quotes.jsonl``) holds 3,152 direct quotes of 298 articles (at most 30 quotes
an article, each of two words or more), annotated by reading the articles, blind to storywire's output: ``{"doc_id",
"quote", "speaker", "half", "why"}``, speaker null when the article names nobody. First 40 events were drawn at
random and split at random into a tuning half and a held-out half before any annotation (1,126 quotes of 119
articles; one article quotes no one); later 30 more events were drawn from the other 60, all for tuning (1,014
quotes of 90 articles), and then the last 30, all for tuning too (1,012 quotes of 89 articles; one quotes no one).
An event's three articles are in one half. Nothing of the articles but the annotated quotes is in this repository.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from quote_sets import PageSet, main

_DEFAULT_CASES = Path(__file__).resolve().parent.parent / "bench" / "data" / "basil-quotes.jsonl"


def documents(checkout: Path) -> dict[str, str]:
    """Article id -> text, for every article of the checkout."""
    docs = {}
    for path in sorted((checkout / "articles").glob("*/*.json")):
        try:
            article = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            continue  # not an article file
        paragraphs = (" ".join(s.strip() for s in p if isinstance(s, str))
                      for p in article.get("body-paragraphs") or [])
        docs[f"{path.parent.name}/{path.stem}"] = "\n\n".join(p for p in paragraphs if p)
    return docs


PAGES = PageSet(__doc__.splitlines()[0], "launchnlp/BASIL", "BASIL", "articles", "4fdbc4f", _DEFAULT_CASES,
                documents)


if __name__ == "__main__":
    sys.exit(main(PAGES))
