"""Ingest throughput (articles/s) for JSONL text and for HTML pages, and peak memory; SQLite and PostgreSQL.

Usage: python bench/bench_ingest.py [--jsonl 20000] [--html 2000] [--no-postgres]
Runs the real path (files → extract → store), once store-only and once with story clustering, on
SQLite, then the same JSONL input on PostgreSQL (a throwaway server, pgtemp.py) and the ratio of the two.
Target: PostgreSQL at least 0.7 × SQLite.
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
from storywire.store.pgtemp import temporary_postgres  # noqa: E402


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(label: str, paths: list[Path], db: str, cluster: bool) -> float:
    """Ingest ``paths`` into the store at ``db``; print and return articles/s."""
    store = open_store(db)
    pipe = Pipeline(store, config.Settings(db=db, analyse=False, batch_size=500))
    t0 = time.perf_counter()
    summary = pipe.ingest(read_paths(paths), cluster=cluster)
    dt = time.perf_counter() - t0
    got = summary.counts["ingested"]
    print(f"{label:<44} {got:>7} articles  {dt:7.1f} s  {got / dt:8.1f} articles/s  peak RSS {peak_mb():7.0f} MB",
          flush=True)
    store.close()
    return got / dt


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--jsonl", type=int, default=20000)
    ap.add_argument("--html", type=int, default=2000)
    ap.add_argument("--no-postgres", action="store_true", help="SQLite only.")
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
        warm = root / "warm.jsonl"  # the story engine's kernels compile on first use: not in any timed run
        warm.write_text("".join(json.dumps(rec) + "\n" for rec in articles(200, seed=3)))
        Pipeline(open_store(str(root / "warm.db")), config.Settings(analyse=False)).ingest(read_paths([warm]))
        print(f"== ingest benchmark: {args.jsonl} JSONL articles, {args.html} HTML pages ==")
        sqlite = {cluster: run(f"sqlite, jsonl text, {what}", [src], str(root / f"{cluster}.db"), cluster)
                  for cluster, what in ((False, "store only"), (True, "store + clustering"))}
        run("sqlite, html pages, extract + store", [pages], str(root / "c.db"), cluster=False)
        if args.no_postgres:
            return
        with temporary_postgres() as new_database:
            for cluster, what in ((False, "store only"), (True, "store + clustering")):
                rate = run(f"postgresql, jsonl text, {what}", [src], new_database(), cluster)
                print(f"  postgresql / sqlite, {what}: {rate / sqlite[cluster]:.2f}  (target >= 0.7)", flush=True)


if __name__ == "__main__":
    main()
