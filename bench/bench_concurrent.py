"""The river while another process writes: p50/p95 of `/` and `/healthz` during `storywire ingest`.

Usage: python bench/bench_concurrent.py [--articles 20000] [--base 20000]

A SQLite store is filled with ``--base`` generated articles (bench/corpus.py, as bench_web.py does),
the web server starts in its own process, and `storywire ingest` stores ``--articles`` more (a later
stretch of the same generator, clustered and analysed as a user runs it) in a third process. This
process asks for the river and /healthz without pause until the ingest ends; every answer must be 200.
Target: river p95 under 100 ms while the other process writes.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

from bench_web import _free_port, fill_store, pct, wait_until_up  # noqa: E402


def write_jsonl(path: Path, n: int) -> None:
    from corpus import articles

    start = datetime(2022, 3, 1, tzinfo=UTC)  # after the stored stretch: new stories, as live ingest
    with path.open("w") as out:
        for rec in articles(n, seed=11, start=start):
            rec = {k: rec[k] for k in ("id", "url", "source", "title", "text", "published")}
            rec["id"] = f"late-{rec['id']}"
            rec["url"] = rec["url"].replace("https://", "https://late.")
            out.write(json.dumps(rec) + "\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=20_000, help="Articles the other process ingests.")
    ap.add_argument("--base", type=int, default=20_000, help="Articles in the store before it starts.")
    args = ap.parse_args()

    import httpx

    from storywire.store import open_store

    with tempfile.TemporaryDirectory(prefix="sw-bench-conc-") as tmp:
        db, src = str(Path(tmp) / "s.db"), Path(tmp) / "late.jsonl"
        print(f"river latency while another process ingests {args.articles} articles "
              f"(store: {args.base} articles, SQLite)", flush=True)
        fill_store(db, args.base)
        write_jsonl(src, args.articles)
        store = open_store(db)
        with store.atomic() as conn:
            session = store.create_session(conn, store.create_user(conn, "bench", "bench-password", is_admin=True))
        store.close()

        port = _free_port()
        server = subprocess.Popen([sys.executable, str(HERE / "bench_web.py"), "--serve", db, str(port)])
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(base, server)
            with httpx.Client(base_url=base, cookies={"sw_session": session["id"]}, timeout=120) as client:
                for _ in range(5):
                    client.get("/")
                exe = Path(sys.executable).parent / "storywire"
                started = time.perf_counter()
                ingest = subprocess.Popen([str(exe), "--db", db, "ingest", str(src)],
                                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
                times: dict[str, list[float]] = {"/": [], "/healthz": []}
                failures = 0
                while ingest.poll() is None:
                    for path in times:
                        t0 = time.perf_counter()
                        status = client.get(path).status_code
                        times[path].append((time.perf_counter() - t0) * 1000)
                        failures += status != 200
                    time.sleep(0.05)
                took = time.perf_counter() - started
                err = ingest.stderr.read() if ingest.stderr else ""
                if ingest.returncode != 0:
                    print(f"  ingest ended with status {ingest.returncode}: {err.strip()[-300:]}")
        finally:
            server.terminate()
            server.wait(timeout=10)
    print(f"  the ingest took {took:.0f} s ({args.articles / took:.0f} articles/s with the server reading)")
    print(f"\n{'page':<10}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}  target p95 < 100 ms")
    for path, values in times.items():
        print(f"{path:<10}{len(values):>9}{statistics.median(values):>9.1f}{pct(values, 95):>9.1f}"
              f"{max(values):>9.1f}  {'ok' if pct(values, 95) < 100 else 'OVER'}")
    print(f"  answers other than 200: {failures}")


if __name__ == "__main__":
    main()
