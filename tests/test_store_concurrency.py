"""Concurrent writers keep stories consistent; readers never wait for a writer."""
from __future__ import annotations

import json
import random
import sqlite3
import threading
import time
from contextlib import closing
from datetime import datetime, timedelta

import pytest

from storywire import config
from storywire.ingest.files import read_paths
from storywire.pipeline import IngestSummary, Pipeline, batched
from storywire.store import open_store


def dated_ecb(shared, seed: int) -> list[dict]:
    recs = [json.loads(line) for line in (shared / "data/stories/ecbplus-dev.jsonl").read_text().splitlines()]
    random.Random(seed).shuffle(recs)
    start = datetime(2024, 1, 1)
    for i, r in enumerate(recs):
        r["published"] = (start + timedelta(minutes=i)).isoformat() + "Z"
        r["source"] = f"Outlet {i % 7}"
    return recs


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 4])  # interleavings in which one writer merges stories the other holds
def test_two_writers_never_leave_articles_in_merged_stories(tmp_path, shared, seed):
    """Two pipelines (two story engines, as two processes have) take turns storing interleaved halves
    of one archive. A story one of them merged away must never get articles from the other."""
    recs = dated_ecb(shared, seed)
    halves = []
    for name, part in (("a", recs[0::2]), ("b", recs[1::2])):
        path = tmp_path / f"{name}.jsonl"
        path.write_text("\n".join(json.dumps(r) for r in part) + "\n")
        halves.append(batched(read_paths([path]), 20))
    with closing(open_store(str(tmp_path / "s.db"))) as store:
        settings = config.Settings(analyse=False)
        writers = [Pipeline(store, settings), Pipeline(store, settings)]
        summary = IngestSummary()
        while True:
            batches = [next(h, None) for h in halves]
            if batches == [None, None]:
                break
            for writer, batch in zip(writers, batches, strict=True):
                if batch:
                    writer.ingest_batch(batch, summary)
        assert summary.counts["ingested"] + summary.counts["rejected"] == len(recs)  # titles alone are rejected
        with store.read() as conn:
            visible = set()
            for story in store.list_stories(conn, limit=10_000):
                members = store.story_articles(conn, story.id)
                assert len(members) == story.article_count
                visible.update(a.id for a in members)
            all_ids = {a.id for a in store.iter_articles(conn)}
    assert visible == all_ids  # every article is listed by a story that is shown


def test_reads_do_not_wait_for_a_writer(tmp_path):
    """Another process holds the write lock with an uncommitted change: reads answer at once from
    the last committed state."""
    db = tmp_path / "s.db"
    src = tmp_path / "one.jsonl"
    src.write_text(json.dumps({"id": "a1", "source": "Gazette", "title": "Bridge reopens",
                               "text": "The bridge reopened on Monday after repairs."}) + "\n")
    with closing(open_store(str(db))) as store:
        Pipeline(store, config.Settings(analyse=False)).ingest(read_paths([src]))
        answered: list = []

        def read() -> None:
            with store.read() as conn:
                answered.append([a.title for a in store.recent_articles(conn)])

        with closing(sqlite3.connect(db, isolation_level=None)) as other:
            other.execute("BEGIN IMMEDIATE")
            other.execute("UPDATE articles SET title = 'uncommitted'")
            try:
                reader = threading.Thread(target=read)
                started = time.monotonic()
                reader.start()
                reader.join(timeout=30)
                assert answered == [["Bridge reopens"]], "the read waited for the writer"
                assert time.monotonic() - started < 30
            finally:
                other.execute("ROLLBACK")


def test_read_connections_cannot_write(tmp_path):
    import sqlalchemy as sa

    with (
        closing(open_store(str(tmp_path / "s.db"))) as store,
        store.read() as conn,
        pytest.raises(sa.exc.OperationalError, match="readonly"),
    ):
        conn.exec_driver_sql("DELETE FROM articles")
