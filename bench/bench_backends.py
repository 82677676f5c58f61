"""Ingest and search on SQLite and PostgreSQL side by side (the same corpus, the same code path).

Usage: python bench/bench_backends.py [--articles 20000]
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus import NAMES, PLACES, articles  # noqa: E402
from storywire import config  # noqa: E402
from storywire.ingest.files import read_paths  # noqa: E402
from storywire.pipeline import Pipeline  # noqa: E402
from storywire.store import open_store  # noqa: E402
from storywire.store.pgtemp import temporary_postgres  # noqa: E402


def measure(label: str, url: str, src: Path, n: int) -> None:
    store = open_store(url)
    pipe = Pipeline(store, config.Settings(db=url, analyse=False, batch_size=500))
    t0 = time.perf_counter()
    summary = pipe.ingest(read_paths([src]), cluster=False)
    ingest_s = time.perf_counter() - t0
    queries = [f"{a} {b}" for a in NAMES[:10] for b in PLACES[:5]]
    times = []
    with store.read() as conn:
        for q in queries:
            t = time.perf_counter()
            store.search_articles(conn, q, 20)
            times.append((time.perf_counter() - t) * 1000)
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"{label:<11} ingest {summary.counts['ingested'] / ingest_s:8.1f} articles/s   "
          f"search p50 {statistics.median(times):6.1f} ms  p95 {p95:6.1f} ms  ({len(queries)} queries, {n} articles)",
          flush=True)
    store.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=20000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "corpus.jsonl"
        src.write_text("".join(json.dumps(r) + "\n" for r in articles(args.articles)))
        print(f"== backends: {args.articles} JSONL articles, store only (no clustering) ==")
        measure("sqlite", str(Path(tmp) / "bench.db"), src, args.articles)
        with temporary_postgres() as new_database:
            measure("postgresql", new_database(), src, args.articles)


if __name__ == "__main__":
    main()
