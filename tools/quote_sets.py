"""What the page-set quote tools share (tools/fundus_quotes.py, postlight_quotes.py, readability_quotes.py,
newspaper_quotes.py, goose_quotes.py, newspaper4k_quotes.py, basil_quotes.py): annotated quotes of pages read from a
public checkout, scored per half (tuning, held out) and kind of speaker.

A case file holds ``{"doc_id", "quote", "speaker", "half"}`` per line, speaker null when the page names nobody.
A named or described row also prints how far its share of right speakers could move with other pages of the same
kind: a 95% bootstrap interval over the pages (quotes of one page rise and fall together, so pages are resampled,
not quotes).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import numpy as np

from storywire.analyse.quote_eval import evaluate, read_cases
from storywire.config import Settings
from storywire.errors import InputError
from storywire.extract import extract_item
from storywire.ingest.files import decode
from storywire.models import RawItem


def extracted_pages(folder: Path) -> dict[str, str]:
    """Page id (file name without ``.html``) -> article text as ingest extracts it (the configured extract_favor),
    for every page of ``folder`` that has any (not a binary file, nor a page with no article)."""
    docs = {}
    favor = Settings().extract_favor
    for path in sorted(folder.glob("*.html")):
        try:
            item = RawItem(origin=str(path), kind="html", html=decode(path.read_bytes()))
            docs[path.stem] = extract_item(item, favor).text
        except (ValueError, InputError):
            continue  # no article text on the page
    return docs


def kind_of(speaker: str | None) -> str:
    """ "named", "described" ("a ministry spokesperson", "the officer") or "null"."""
    if speaker is None:
        return "null"
    words = speaker.split()
    described = words[0][:1].islower() or words[0] in ("A", "An", "The", "One")
    return "described" if described and not any(w[:1].isupper() for w in words[1:]) else "named"


class PageCount(NamedTuple):
    """One page's cases and how many of them the ledger credits rightly."""

    cases: int
    right: int


def page_interval(pages: list[PageCount], draws: int = 2000, seed: int = 0) -> tuple[float, float]:
    """(low, high): the 95% bootstrap interval of the share of right answers, resampling whole pages with
    replacement (a fixed seed, so a rerun prints the same figures)."""
    cases = np.array([p.cases for p in pages], dtype=float)
    right = np.array([p.right for p in pages], dtype=float)
    picks = np.random.default_rng(seed).integers(0, len(pages), size=(draws, len(pages)))
    shares = right[picks].sum(axis=1) / np.maximum(cases[picks].sum(axis=1), 1.0)
    low, high = np.percentile(shares, [2.5, 97.5])
    return float(low), float(high)


def score(docs: dict[str, str], cases: Path, half: str | None, commit: str) -> int:
    """Score the cases of ``cases`` (of one ``half``, or both) on the pages ``docs`` (id -> text) and print the
    counts per half and kind; a bad case file or a page missing from the checkout is one line on stderr and 2."""
    try:
        rows = [json.loads(line) for line in cases.read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        print(f"{cases}: cannot read the cases ({e.__class__.__name__})", file=sys.stderr)
        return 2
    rows = [r for r in rows if half in (None, r.get("half"))]
    missing = sorted({r.get("doc_id") for r in rows} - docs.keys(), key=str)
    if missing:
        print(f"{len(missing)} annotated pages are not in this checkout ({missing[0]}, ...): use commit {commit}",
              file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cases.jsonl"
        path.write_text("".join(json.dumps({"doc": {"text": docs[r["doc_id"]]}, "quote": r["quote"],
                                            "speaker": r["speaker"]}) + "\n" for r in rows), encoding="utf-8")
        try:
            results = evaluate(read_cases(path), lambda _: "")
        except InputError as e:
            print(f"{cases}: {e}", file=sys.stderr)
            return 2
    by_page: dict[tuple[str, str], dict[str, Counter]] = {}  # (half, kind) -> page -> outcome counts
    for row, result in zip(rows, results, strict=True):
        key = (row["half"], kind_of(row["speaker"]))
        by_page.setdefault(key, {}).setdefault(row["doc_id"], Counter())[result.outcome] += 1
    for (part, kind), pages in sorted(by_page.items(), key=lambda kv: (kv[0][0] != "tune", kv[0][1])):
        c = sum(pages.values(), Counter())
        n = sum(c.values())
        print(f"{part:5} {kind:10} cases {n:4}  right {c['right']:4} ({c['right'] / n:.1%})  wrong {c['wrong']:3}  "
              f"unattributed {c['unattributed']:3}  missed {c['missed']:3}  credited where none "
              f"{c['wrongly attributed']:3}  left unattributed {c['rightly unattributed']:3}"
              + ("" if kind == "null" else
                 interval_column([PageCount(sum(c.values()), c["right"]) for c in pages.values()], "pages")))
    return 0


def interval_column(pages: list[PageCount], unit: str) -> str:
    """The column a scored row ends on: how many ``unit`` (pages, articles) and their 95% interval."""
    low, high = page_interval(pages)
    return f"  {unit} {len(pages):3}  95% interval {low:.1%}-{high:.1%}"


class PageSet(NamedTuple):
    """A set of annotated pages read from a public checkout."""

    description: str  # the tool's one-line description
    repo: str  # what the checkout is a clone of ("flairNLP/fundus")
    kind: str  # what it is called in an error ("fundus")
    pages: str  # the folder of pages a checkout has ("fixtures")
    commit: str  # the commit the cases were annotated at
    cases: Path  # the annotated quotes shipped here
    documents: Callable[[Path], dict[str, str]]  # page id -> text, read from a checkout


def is_checkout(page_set: PageSet, checkout: Path) -> bool:
    """Whether ``checkout`` holds the set's pages; if not, says so in one line on stderr."""
    if (checkout / page_set.pages).is_dir():
        return True
    print(f"{checkout}: not a {page_set.kind} checkout (no {page_set.pages})", file=sys.stderr)
    return False


def main(page_set: PageSet, argv: list[str] | None = None) -> int:
    """The command line of a page-set tool: CHECKOUT [CASES] [--half tune|held]."""
    ap = argparse.ArgumentParser(description=page_set.description)
    ap.add_argument("checkout", type=Path, help=f"a clone of {page_set.repo}")
    ap.add_argument("cases", type=Path, nargs="?", default=page_set.cases, help="the annotated quotes")
    ap.add_argument("--half", choices=("tune", "held"), help="score one half only")
    args = ap.parse_args(argv)
    if not is_checkout(page_set, args.checkout):
        return 2
    return score(page_set.documents(args.checkout), args.cases, args.half, page_set.commit)
