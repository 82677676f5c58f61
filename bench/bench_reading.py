"""Reading-state queries on a store of many articles: what the Reader API and the web's marks cost.

Usage: python bench/bench_reading.py [--articles 20000] [--feeds 50] [--db URL] [--repeat 5]
Builds a store (a temporary SQLite file unless --db names an empty one) of generated articles over
the last 30 days (each fetched five minutes after it was published) from many feeds, in stories of
five, for a reader who read a third of them and starred some; then prints the median time of: unread
counts (per feed and folder), the first and a deep page of the unread reading list (keyset
continuation), 50 items with their state, the read state of 50 stories, and marking a feed read.
Target: each under 100 ms at 20,000 articles.
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from storywire.clock import utcnow
from storywire.models import Assignment, Extracted
from storywire.store import open_store
from storywire.store.base import Store
from storywire.store.reading import StreamQuery


def build(store: Store, n_articles: int, n_feeds: int) -> int:
    now = utcnow()
    with store.atomic() as conn:
        user = store.create_user(conn, "reader", "bench password")
        feed_ids = [store.add_feed(conn, f"https://feed{f}.example/rss", title=f"Feed {f}",
                                   category=f"Folder {f % 8}")[0] for f in range(n_feeds)]
    ids: list[int] = []
    for start in range(0, n_articles, 1000):
        with store.atomic() as conn:
            for n in range(start, min(n_articles, start + 1000)):
                published = now - timedelta(minutes=30 * 24 * 60 * (n_articles - n) / n_articles)
                ex = Extracted(origin=f"a{n}", text=f"Article {n} body about topic {n % 97} and {n % 13}.",
                               title=f"Headline {n}", url=f"https://news.example/{n}", source=f"Outlet {n % n_feeds}",
                               published=published, feed_id=feed_ids[n % n_feeds])
                ids.append(store.upsert_article(conn, ex, now=published + timedelta(minutes=5)).article_id)
            store.apply_assignments(conn, [Assignment(a, 1 + i // 5, i % 5 == 0) for i, a in enumerate(ids)
                                           if i >= start])
    with store.atomic() as conn:
        store.mark_read(conn, user, ids[::3])
        store.set_starred(conn, user, ids[::50])
    return user


def timed(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--feeds", type=int, default=50)
    parser.add_argument("--db", default=None)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(args.db or str(Path(tmp) / "bench.db"))
        t = time.perf_counter()
        user = build(store, args.articles, args.feeds)
        built = time.perf_counter() - t
        print(f"built {args.articles} articles, {args.feeds} feeds ({store.dialect}) in {built:.1f} s")
        with store.read() as conn:
            first = store.stream(conn, user, StreamQuery(only="unread"), 50)
            deep = store.stream(conn, user, StreamQuery(only="unread"), 2000)[-1]
            item_ids = [e.article_id for e in first]
            feed_id = store.list_subscriptions(conn, user)[0].feed_id
            checks: list[tuple[str, Callable[[], object]]] = [
                ("unread counts", lambda: store.unread_counts(conn, user)),
                ("first page of 50 unread", lambda: store.stream(conn, user, StreamQuery(only="unread"), 50)),
                ("page of 50 after 2000", lambda: store.stream(conn, user, StreamQuery(only="unread"), 50, deep)),
                ("50 items with state", lambda: store.reading_items(conn, user, item_ids)),
                ("read state of 50 stories", lambda: store.story_read_state(conn, user, range(1, 51))),
            ]
            for name, fn in checks:
                print(f"{name:28s} {timed(fn, args.repeat):8.1f} ms")
        t = time.perf_counter()
        with store.atomic() as conn:
            marked = store.mark_all_read(conn, user, feed_id=feed_id)
        print(f"{'mark a feed read':28s} {(time.perf_counter() - t) * 1000:8.1f} ms ({marked} articles)")
        store.close()


if __name__ == "__main__":
    main()
