"""`storywire backfill` on a local Ray with 1 and with 2 workers: the speed-up of the parallel stages, and the
articles/s one assigner actor sustains.

Usage: python bench/bench_backfill.py [--articles 3000] [--shards 8]
The archive is generated (bench/corpus.py) as gzipped WARC files of HTML pages, as a news crawl gives them;
each run backfills it into a fresh SQLite store. Stage 1 (shard tasks: read, extract, store) and the prepare
tasks scale with workers; the assigner is one actor per language (here one), fed in article time.
"""
from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus import articles, html_page  # noqa: E402
from storywire import config  # noqa: E402
from storywire.scale.backfill import backfill  # noqa: E402


def write_warcs(folder: Path, n: int, shards: int) -> None:
    """``n`` generated articles as HTML responses, dealt round-robin into ``shards`` gzipped WARC files."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    files = [open(folder / f"crawl-{i:02d}.warc.gz", "wb") for i in range(shards)]
    writers = [WARCWriter(f, gzip=True) for f in files]
    for i, rec in enumerate(articles(n)):
        body = html_page(rec).encode()
        when = datetime.fromisoformat(rec["published"]).strftime("%Y-%m-%dT%H:%M:%SZ")
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        w = writers[i % shards]
        w.write_record(w.create_warc_record(rec["url"], "response", payload=io.BytesIO(body), length=len(body),
                                            http_headers=http, warc_headers_dict={"WARC-Date": when}))
    for f in files:
        f.close()


def run(folder: Path, db: Path, workers: int) -> dict:
    started = time.perf_counter()
    report = backfill([folder], config.Settings(db=str(db), analyse=False), workers=workers)
    total = time.perf_counter() - started
    placed = sum(report.clustered.values())
    busy = sum(report.assigner_seconds.values())
    print(f"{workers} worker{'s' if workers > 1 else ' '}: {report.count('ingested'):>6} articles  "
          f"ingest {report.ingest_seconds:6.1f} s  prepare+assign {report.cluster_seconds:6.1f} s  "
          f"total {total:6.1f} s (Ray start and stop included)  assigner {placed / busy:7.1f} articles/s busy",
          flush=True)
    return {"ingest": report.ingest_seconds, "cluster": report.cluster_seconds, "total": total,
            "assigner": placed / busy}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=3000)
    ap.add_argument("--shards", type=int, default=8)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        archive = root / "archive"
        archive.mkdir()
        write_warcs(archive, args.articles, args.shards)
        print(f"== backfill benchmark: {args.articles} HTML pages in {args.shards} WARC shards; {os.cpu_count()} CPUs, "
              f"load average {os.getloadavg()[0]:.1f} before the runs ==")
        one = run(archive, root / "one.db", 1)
        two = run(archive, root / "two.db", 2)
        print(f"speed-up with 2 workers: ingest stage {one['ingest'] / two['ingest']:.2f}x, prepare+assign "
              f"{one['cluster'] / two['cluster']:.2f}x (target for the parallel stages: 1.7x)")


if __name__ == "__main__":
    main()
