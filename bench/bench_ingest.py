"""Ingest throughput (articles/s) for JSONL text and for HTML pages, and peak memory.

Usage: python bench/bench_ingest.py [--jsonl 20000] [--html 2000]
Runs the real path (files → extract → store), once store-only and once with story clustering.
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus import articles, html_page  # noqa: E402
from storywire import config  # noqa: E402
from storywire.ingest.files import read_paths  # noqa: E402
from storywire.pipeline import Pipeline  # noqa: E402
from storywire.store import open_store  # noqa: E402


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(label: str, paths: list[Path], db: Path, n: int, cluster: bool) -> None:
    store = open_store(str(db))
    pipe = Pipeline(store, config.Settings(db=str(db), analyse=False, batch_size=500))
    t0 = time.perf_counter()
    summary = pipe.ingest(read_paths(paths), cluster=cluster)
    dt = time.perf_counter() - t0
    got = summary.counts["ingested"]
    print(f"{label:<34} {got:>7} articles  {dt:7.1f} s  {got / dt:8.1f} articles/s  peak RSS {peak_mb():7.0f} MB",
          flush=True)
    store.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--jsonl", type=int, default=20000)
    ap.add_argument("--html", type=int, default=2000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        src = root / "corpus.jsonl"
        with src.open("w") as f:
            for rec in articles(args.jsonl):
                f.write(json.dumps(rec) + "\n")
        pages = root / "pages"
        pages.mkdir()
        for rec in articles(args.html, seed=11):
            (pages / f"{rec['id']}.html").write_text(html_page(rec))
        print(f"== ingest benchmark: {args.jsonl} JSONL articles, {args.html} HTML pages ==")
        run("jsonl text, store only", [src], root / "a.db", args.jsonl, cluster=False)
        run("jsonl text, store + clustering", [src], root / "b.db", args.jsonl, cluster=True)
        run("html pages, extract + store", [pages], root / "c.db", args.html, cluster=False)


if __name__ == "__main__":
    main()
