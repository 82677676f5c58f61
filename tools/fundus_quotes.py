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

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

from storywire.analyse.quote_eval import evaluate, read_cases
from storywire.errors import InputError

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


def kind_of(speaker: str | None) -> str:
    """ "named", "described" ("a ministry spokesperson", "the officer") or "null"."""
    if speaker is None:
        return "null"
    words = speaker.split()
    described = words[0][:1].islower() or words[0] in ("A", "An", "The", "One")
    return "described" if described and not any(w[:1].isupper() for w in words[1:]) else "named"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("checkout", type=Path, help="a clone of flairNLP/fundus")
    ap.add_argument("cases", type=Path, nargs="?", default=_DEFAULT_CASES, help="the annotated quotes")
    ap.add_argument("--half", choices=("tune", "held"), help="score one half only")
    args = ap.parse_args(argv)
    if not (args.checkout / "tests" / "resources" / "parser" / "test_data").is_dir():
        print(f"{args.checkout}: not a fundus checkout (no tests/resources/parser/test_data)", file=sys.stderr)
        return 2
    docs = documents(args.checkout)
    rows = [json.loads(line) for line in args.cases.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [r for r in rows if args.half in (None, r["half"])]
    missing = sorted({r["doc_id"] for r in rows} - docs.keys())
    if missing:
        print(f"{len(missing)} annotated pages are not in this checkout ({missing[0]}, ...): use commit 18da6e5",
              file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cases.jsonl"
        path.write_text("".join(json.dumps({"doc": {"text": docs[r["doc_id"]]}, "quote": r["quote"],
                                            "speaker": r["speaker"]}) + "\n" for r in rows), encoding="utf-8")
        try:
            results = evaluate(read_cases(path), lambda _: "")
        except InputError as e:
            print(f"{args.cases}: {e}", file=sys.stderr)
            return 2
    counts: dict[tuple[str, str], Counter] = {}
    for row, result in zip(rows, results, strict=True):
        counts.setdefault((row["half"], kind_of(row["speaker"])), Counter())[result.outcome] += 1
    for (half, kind), c in sorted(counts.items(), key=lambda kv: (kv[0][0] != "tune", kv[0][1])):
        n = sum(c.values())
        print(f"{half:5} {kind:10} cases {n:4}  right {c['right']:4} ({c['right'] / n:.1%})  wrong {c['wrong']:3}  "
              f"unattributed {c['unattributed']:3}  missed {c['missed']:3}  credited where none "
              f"{c['wrongly attributed']:3}  left unattributed {c['rightly unattributed']:3}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
