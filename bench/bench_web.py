"""Web latency with 100,000 articles in SQLite (and PostgreSQL): the river, a story page and a search, p50/p95.

Usage: python bench/bench_web.py [--articles 100000] [--requests 300] [--db PATH] [--concurrency 1] [--only KIND..]
                                 [--postgres [URL]]

The store is filled from the generated corpus (bench/corpus.py: ~18,000 stories over ~3 weeks, 40
outlets, reprints), with stories assigned as the generator made them and coverage analyses stored
for the stories the story-page requests open (as the pipeline would have). "river, cold" changes a
story before each request, so the ranking is recomputed (the worst case, while ingest runs); "river"
is the steady state between changes. "search" ranks the newest matches (the default); "search older"
ranks every match (the "Search older articles too" link). The server is uvicorn
in its own process on 127.0.0.1; this process is the load: logged-in requests with a session
cookie, timed from send to last byte. ``--db PATH`` keeps the filled store; a later run reuses it as it is.
``--postgres`` measures the same pages on PostgreSQL too, side by side: a throwaway server (store/pgtemp.py),
or the database at URL, filled when empty by copying the SQLite store (store/copy.py: same rows, same ids).
Targets: p95 under 100 ms for each page, 300 ms for a search of common words.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

# What readers search for: people and places, alone or with a topic word. (The corpus's topic words come
# from a 90-word vocabulary, so each is in most articles: topic-only queries are reported separately.)
SEARCHES = ["Macron", "Nairobi", "Kyiv ceasefire", "Erdogan Ankara", "Meloni", "Tokyo election", "Lula Brasilia",
            "Scholz energy", "\"Buenos Aires\"", "Ramaphosa strike"]
COMMON = ["energy prices", "summit leaders", "storm flood rescue"]


def fill_store(db: str, n: int) -> None:
    """Store n generated articles, their stories, and analyses of recent multi-outlet stories."""
    from datetime import datetime

    from corpus import articles
    from storywire.analyse import analyse_story
    from storywire.models import Extracted
    from storywire.store import open_store

    store = open_store(db, migrate=False)
    store.migrate()  # a store kept from an earlier run may be at an older schema
    with store.read() as conn:
        have = store.count_articles(conn)
    if have:  # filled by an earlier run (the generator repeats a few texts, so have < n)
        print(f"  reusing {db}: {have} articles", flush=True)
        store.close()
        return
    import sqlalchemy as sa

    from storywire.store.schema import articles as articles_t
    from storywire.store.schema import stories as stories_t

    start = time.perf_counter()
    placed: list[tuple[int, int]] = []  # (article id, story id) as the generator made them
    batch: list[dict] = []

    def flush() -> None:
        with store.atomic() as conn:
            for rec in batch:
                ex = Extracted(origin=rec["id"], text=rec["text"], title=rec["title"], external_id=rec["id"],
                               url=rec["url"], source=rec["source"], published=datetime.fromisoformat(rec["published"]),
                               language="en")
                res = store.upsert_article(conn, ex)
                if res.status == "ingested":
                    placed.append((res.article_id, rec["story"] + 1))
        batch.clear()

    for i, rec in enumerate(articles(n), 1):
        batch.append(rec)
        if len(batch) == 5000:
            flush()
            print(f"\r  stored {i}/{n} articles", end="", flush=True)
    if batch:
        flush()
    # Stories in bulk (what clustering's apply_assignment does one article at a time).
    now = datetime.now().astimezone()
    story_ids = sorted({sid for _, sid in placed})
    with store.atomic() as conn:
        conn.execute(stories_t.insert(),
                     [{"id": sid, "title": "", "created": now, "updated": now} for sid in story_ids])
        place = articles_t.update().where(articles_t.c.id == sa.bindparam("aid")).values(story_id=sa.bindparam("sid"))
        conn.execute(place, [{"aid": a, "sid": s} for a, s in placed])
        for sid in story_ids:
            store.refresh_story(conn, sid)
    print(f"\r  stored {len(placed)} articles in {len(story_ids)} stories in {time.perf_counter() - start:.0f} s",
          flush=True)
    # Analyses for the 300 newest stories with 3+ outlets (what the pipeline keeps up to date).
    with store.read() as conn:
        recent = [s for s in store.list_stories(conn, limit=3000) if s.source_count >= 3][:300]
    for s in recent:
        with store.read() as conn:
            arts = store.story_articles(conn, s.id)
        data = analyse_story(s.id, arts, nlp=False)
        with store.atomic() as conn:
            store.save_analysis(conn, s.id, data)
    print(f"  analysed {len(recent)} stories; total {time.perf_counter() - start:.0f} s", flush=True)
    store.close()


def serve(db: str, port: int) -> None:
    """The server process: storywire's app under uvicorn, one worker, no access log."""
    import uvicorn

    from storywire.config import Settings
    from storywire.store import open_store
    from storywire.web import create_app

    store = open_store(db)
    uvicorn.run(create_app(Settings(db=db), store), host="127.0.0.1", port=port, log_level="warning",
                access_log=False)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(base: str, proc: subprocess.Popen) -> None:
    """Return once the server at ``base`` answers /healthz (or exit if it dies or takes over a minute)."""
    import httpx

    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(base + "/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline or proc.poll() is not None:
            raise SystemExit("the server did not start")
        time.sleep(0.2)


TARGET_MS = {"search common": 300, "search older": None}  # p95; the rest 100 ms (older: on demand, none)


def verdict(kind: str, p95: float) -> str:
    target = TARGET_MS.get(kind, 100)
    return "(on demand)" if target is None else f"{'ok' if p95 < target else 'OVER'} (< {target} ms)"


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def fill_postgres(sqlite_db: str, url: str) -> None:
    """Copy the filled SQLite store into the PostgreSQL database at ``url`` (unless it holds articles already)."""
    from storywire.store import open_store
    from storywire.store.copy import copy_store

    target = open_store(url, migrate=False)
    target.migrate()
    with target.read() as conn:
        have = target.count_articles(conn)
    if have:
        print(f"  reusing the PostgreSQL database: {have} articles", flush=True)
        target.close()
        return
    source = open_store(sqlite_db)
    start = time.perf_counter()

    def progress(table: str, done: int, total: int) -> None:
        if done == total or done % 50_000 == 0:  # a line per table, its progress on that line
            print(f"\r  copying {table}: {done}/{total} rows ({time.perf_counter() - start:.0f} s)",
                  end="\n" if done == total else "", flush=True)

    copied = copy_store(source, target, on_rows=progress)
    with target.atomic() as conn:
        conn.exec_driver_sql("ANALYZE")
    print(f"  copied {copied.get('articles', 0)} articles, {copied.get('stories', 0)} stories into PostgreSQL "
          f"in {time.perf_counter() - start:.0f} s", flush=True)
    source.close()
    target.close()


def load() -> str:
    return f"{os.getloadavg()[0]:.1f}"


Timing = tuple[str, list[float], float]  # page kind, request times (ms), wall time (s)


def measure(db: str, args: argparse.Namespace) -> list[Timing]:
    """Serve the store at ``db`` and time each page kind; print a line per kind as it is measured."""
    from datetime import datetime

    import httpx

    from storywire.store import open_store
    from storywire.store.schema import stories as stories_t

    store = open_store(db)
    with store.atomic() as conn:
        try:
            uid = store.user_by_name(conn, "bench")["id"]
        except Exception:
            uid = store.create_user(conn, "bench", "bench-password", is_admin=True)
        session = store.create_session(conn, uid)
    with store.read() as conn:
        analysed = [s.id for s in store.list_stories(conn, limit=3000) if store.get_analysis(conn, s.id)]
        counts = (store.count_articles(conn), len(store.list_stories(conn, limit=10**6)))
    store.close()
    print(f"  {counts[0]} articles, {counts[1]} stories, {len(analysed)} analysed", flush=True)

    port = _free_port()
    proc = subprocess.Popen([sys.executable, __file__, "--serve", db, str(port)])
    base = f"http://127.0.0.1:{port}"
    results: list[Timing] = []
    try:
        wait_until_up(base, proc)
        rng = random.Random(3)
        writer = open_store(db)

        def touch_a_story() -> None:
            """A story changes (as during ingest): the next river request must rank afresh."""
            with writer.atomic() as conn:
                conn.execute(stories_t.update().where(stories_t.c.id == rng.choice(analysed))
                             .values(updated=datetime.now(UTC)))

        # (name, path maker, untimed step before each request)
        kinds = [
            ("river (/)", lambda: "/", None),
            ("river, cold", lambda: "/", touch_a_story),
            ("story page", lambda: f"/story/{rng.choice(analysed)}", None),
            ("search", lambda: "/search?" + str(httpx.QueryParams({"q": rng.choice(SEARCHES)})), None),
            ("search common", lambda: "/search?" + str(httpx.QueryParams({"q": rng.choice(COMMON)})), None),
            ("search older", lambda: "/search?" + str(httpx.QueryParams({"q": rng.choice(SEARCHES), "older": 1})),
             None),
        ]
        if args.only:
            kinds = [k for k in kinds if k[0].startswith(tuple(args.only))]
        cookies = {"sw_session": session["id"]}
        local = threading.local()

        def worker_init() -> None:
            local.client = httpx.Client(base_url=base, cookies=cookies, timeout=60)

        print(f"\n{'page':<14}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'req/s':>8}{'load':>6}"
              "  p95 target")
        for name, path, before in kinds:
            def one(_: int, client: httpx.Client | None = None, path=path, before=before) -> float:
                c = client or local.client
                url = path()
                if before:
                    before()
                t0 = time.perf_counter()
                r = c.get(url)
                r.read()
                elapsed = (time.perf_counter() - t0) * 1000
                if r.status_code != 200:
                    raise SystemExit(f"{url}: HTTP {r.status_code}")
                return elapsed

            with httpx.Client(base_url=base, cookies=cookies, timeout=60) as warm:
                for i in range(10):
                    one(i, warm)
            requests = args.requests if not before else max(50, args.requests // 3)
            if name == "search older":  # every match ranked, on demand: a few requests show its cost
                requests = max(10, args.requests // 10)
            t0 = time.perf_counter()
            with ThreadPoolExecutor(args.concurrency, initializer=worker_init) as pool:
                times = list(pool.map(one, range(requests)))
            wall = time.perf_counter() - t0
            results.append((name, times, wall))
            print(f"{name:<14}{len(times):>9}{statistics.median(times):>9.1f}{pct(times, 95):>9.1f}"
                  f"{max(times):>9.1f}{len(times) / wall:>8.0f}{load():>6}  {verdict(name, pct(times, 95))}",
                  flush=True)
        writer.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    return results


def side_by_side(sqlite: list[Timing], postgres: list[Timing]) -> None:
    """The p50/p95 of each page kind on both backends, one line each."""
    pg = {name: times for name, times, _ in postgres}
    print(f"\n{'page':<14}{'sqlite p50':>11}{'p95':>8}{'postgres p50':>14}{'p95':>8}  p95 target (load {load()})")
    for name, times, _ in sqlite:
        other = pg.get(name, [])
        pg_cols = f"{statistics.median(other):>14.1f}{pct(other, 95):>8.1f}" if other else f"{'-':>14}{'-':>8}"
        target = TARGET_MS.get(name, 100)
        print(f"{name:<14}{statistics.median(times):>11.1f}{pct(times, 95):>8.1f}{pg_cols}  "
              f"{'on demand' if target is None else f'< {target} ms'}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=300, help="Timed requests per page kind.")
    ap.add_argument("--concurrency", type=int, default=1, help="Simultaneous clients.")
    ap.add_argument("--db", default="", help="Keep the filled store here (reused when it exists).")
    ap.add_argument("--only", nargs="*", default=[], help="Only the page kinds starting with these words.")
    ap.add_argument("--postgres", nargs="?", const="temporary", default="", metavar="URL",
                    help="Also on PostgreSQL: a throwaway server, or the database at URL (filled when empty).")
    ap.add_argument("--serve", nargs=2, metavar=("DB", "PORT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.serve:
        serve(args.serve[0], int(args.serve[1]))
        return

    with contextlib.ExitStack() as stack:
        db = args.db
        if not db:
            db = str(Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="sw-bench-web-"))) / "web.db")
        print(f"web latency, {args.articles} articles in SQLite ({db}); load average {load()}", flush=True)
        fill_store(db, args.articles)
        sqlite = measure(db, args)
        if not args.postgres:
            return
        url = args.postgres
        if url == "temporary":
            from storywire.store.pgtemp import temporary_postgres

            url = stack.enter_context(temporary_postgres())()
        print(f"\nweb latency, the same store in PostgreSQL; load average {load()}", flush=True)
        fill_postgres(db, url)
        postgres = measure(url, args)
        side_by_side(sqlite, postgres)


if __name__ == "__main__":
    main()
