"""Cost of quote attribution on real pages, with and without the dependency parse (``analyse/speech_parse.py``).

Usage: python bench/bench_quotes.py [--pages DIR] [--repeat 3]
Reads the saved pages of DIR (default: ../shared/data/extraction/fundus-evaluation/html), extracts their
text once, then times ``extract_quotes`` over all of them with spaCy's parser and with the parser off
(the rules alone), alternately, and prints the median of each, the sentences parsed and the quotes credited.
The parse runs only for a quote the rules leave without a speaker whose sentence holds a speech verb.
"""
from __future__ import annotations

import argparse
import gzip
import os
import statistics
import time
from pathlib import Path

from storywire.analyse import speech_parse
from storywire.analyse.quotes import extract_quotes
from storywire.extract import extract_item
from storywire.ingest.files import decode
from storywire.models import RawItem

DEFAULT_PAGES = Path(__file__).resolve().parents[2] / "shared" / "data" / "extraction" / "fundus-evaluation" / "html"


class CountingParser:
    """The parser, counting the sentences it parses."""

    def __init__(self, nlp) -> None:
        self.nlp = nlp
        self.calls = 0

    def __call__(self, text: str):
        self.calls += 1
        return self.nlp(text)


def page_texts(folder: Path) -> list[str]:
    texts = []
    for path in sorted(folder.glob("*.html.gz")):
        html = decode(gzip.decompress(path.read_bytes()))
        texts.append(extract_item(RawItem(origin=str(path), kind="html", html=html)).text)
    return texts


def attribute_all(texts: list[str]) -> tuple[float, int]:
    t = time.perf_counter()
    credited = sum(1 for i, text in enumerate(texts) for q in extract_quotes(i, text) if q.speaker)
    return time.perf_counter() - t, credited


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=Path, default=DEFAULT_PAGES)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    texts = page_texts(args.pages)
    nlp = speech_parse.get_parser()
    if nlp is None:
        raise SystemExit("no spaCy English model installed: nothing to compare")
    counting = CountingParser(nlp)
    print(f"{len(texts)} pages, {sum(len(t.split()) for t in texts)} words; load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    with_parse, rules_only = [], []
    parsed = 0
    credited = {True: 0, False: 0}
    for _ in range(args.repeat):
        for parse in (True, False):
            speech_parse._parser[:] = [counting if parse else None]
            counting.calls = 0
            seconds, credited[parse] = attribute_all(texts)
            (with_parse if parse else rules_only).append(seconds)
            parsed = counting.calls if parse else parsed
    speech_parse._parser[:] = [nlp]
    hostile = " ".join("April May June, he said, \u201cx\u201d" for _ in range(300))  # one run-on paragraph
    t = time.perf_counter()
    extract_quotes(0, hostile)
    hostile_seconds = time.perf_counter() - t
    print(f"rules only:       {statistics.median(rules_only):.3f}s  ({credited[False]} quotes credited)")
    print(f"rules and parse:  {statistics.median(with_parse):.3f}s  ({credited[True]} quotes credited, "
          f"{parsed} sentences parsed)")
    print(f"a hostile paragraph of {len(hostile):,} characters and 300 quotes: {hostile_seconds:.2f}s")
    print(f"load average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
