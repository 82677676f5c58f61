"""Collection throughput: feeds/s against a local HTTP server, and peak memory.

Usage: python bench/bench_fetch.py [--feeds 500] [--entries 50]
A server in a child process serves N RSS feeds of M full-content entries each (generated corpus,
ETag support). Three passes over a fresh SQLite store: 1) everything new (fetch, parse, extract,
store, cluster), 2) conditional GET (all 304), 3) validators dropped (fetch and parse; every entry
already known, so nothing is re-extracted). Each pass prints its wall time and the CPU time of this process
and its worker processes (on a busy machine, compare CPU).
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from html import escape
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus import articles  # noqa: E402
from storywire.config import Settings  # noqa: E402
from storywire.ingest.collect import Collector  # noqa: E402
from storywire.store import open_store  # noqa: E402
from storywire.store.schema import feeds as feeds_table  # noqa: E402

SERVER = r"""
import hashlib, sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
folder = Path(sys.argv[1])
bodies = {"/" + p.name: p.read_bytes() for p in folder.glob("*.xml")}
tags = {k: '"' + hashlib.md5(v).hexdigest() + '"' for k, v in bodies.items()}
class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass
    def do_GET(self):
        body = bodies.get(self.path)
        if body is None:
            self.send_response(404); self.send_header("Content-Length", "0"); self.end_headers(); return
        if self.headers.get("If-None-Match") == tags[self.path]:
            self.send_response(304); self.send_header("ETag", tags[self.path]); self.end_headers(); return
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml"); self.send_header("ETag", tags[self.path])
        self.send_header("Content-Length", str(len(body))); self.end_headers(); self.wfile.write(body)
srv = ThreadingHTTPServer(("127.0.0.1", 0), H)
srv.daemon_threads = True
print(srv.server_address[1], flush=True)
srv.serve_forever()
"""


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds(skip: int) -> float:
    """CPU time used so far by this process and its descendants alive now (the forkserver and the worker
    processes it forked), except the process ``skip`` (the feed server) and its own: what a pass costs
    whatever else the machine runs (wall time on a busy machine mostly measures the others)."""
    tick = os.sysconf("SC_CLK_TCK")
    stats = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            stats[int(entry.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / tick)
    tree, grew = {os.getpid()}, True
    while grew:
        more = {pid for pid, (parent, _) in stats.items() if parent in tree and pid != skip} - tree
        tree |= more
        grew = bool(more)
    return sum(stats[pid][1] for pid in tree if pid in stats)


def write_feeds(folder: Path, n_feeds: int, n_entries: int) -> None:
    recs = list(articles(n_feeds * n_entries))
    for f in range(n_feeds):
        items = []
        for rec in recs[f * n_entries:(f + 1) * n_entries]:
            content = "".join(f"<p>{escape(p)}</p>" for p in rec["text"].split("\n\n"))
            items.append(f"<item><title>{escape(rec['title'])}</title><link>{rec['url']}</link>"
                         f"<guid>{rec['id']}</guid><pubDate>{rec['published']}</pubDate>"
                         f"<content:encoded><![CDATA[{content}]]></content:encoded></item>")
        (folder / f"feed{f}.xml").write_text(
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            f"<title>Bench Outlet {f}</title><link>https://outlet{f}.example/</link>{''.join(items)}</channel></rss>")


def timed(label: str, collector: Collector, store, n_feeds: int, server: int) -> None:
    with store.read() as conn:
        feeds = store.list_feeds(conn)
    t0, cpu0 = time.perf_counter(), cpu_seconds(server)
    s = collector.run(feeds=feeds, analyse=False)
    dt, cpu = time.perf_counter() - t0, cpu_seconds(server) - cpu0
    print(f"{label:<40} {s.ok + s.not_modified:>4}/{n_feeds} feeds  {dt:7.1f} s  {n_feeds / dt:7.1f} feeds/s  "
          f"{s.new_articles:>6} new ({s.new_articles / dt:6.1f}/s)  CPU {cpu:6.1f} s  peak RSS {peak_mb():6.0f} MB",
          flush=True)
    if s.failed:
        print("   failures:", s.errors[:3])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--feeds", type=int, default=500)
    ap.add_argument("--entries", type=int, default=50)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_feeds(folder, args.feeds, args.entries)
        server = subprocess.Popen([sys.executable, "-c", SERVER, str(folder)], stdout=subprocess.PIPE, text=True)
        try:
            port = int(server.stdout.readline())
            db = folder / "bench.db"
            store = open_store(str(db))
            with store.atomic() as conn:
                for f in range(args.feeds):
                    store.add_feed(conn, f"http://127.0.0.1:{port}/feed{f}.xml")
            settings = Settings(db=str(db), allow_private_addresses=True, fetch_host_delay=0.0, fetch_per_host=16,
                                fetch_concurrency=16, analyse=False, full_text=False, batch_size=500)
            collector = Collector(store, settings)
            print(f"{args.feeds} feeds x {args.entries} entries, one local server, SQLite, clustering on")
            timed("pass 1: all new (fetch+parse+extract+store)", collector, store, args.feeds, server.pid)
            timed("pass 2: conditional GET (304)", collector, store, args.feeds, server.pid)
            with store.atomic() as conn:
                conn.execute(feeds_table.update().values(etag=None, last_modified=None))
            timed("pass 3: full fetch+parse, entries known", collector, store, args.feeds, server.pid)
            store.close()
        finally:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    main()
