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


def test_a_writer_never_reuses_a_story_id_another_writer_merged_away(tmp_path):
    """Writer B creates story N+1 and merges it into another story before writer A ever sees it;
    A's next new story must still get a fresh id (it used to take N+1 and fail the batch)."""
    from storywire.models import Assignment

    topics = ["volcano erupts near the coast, ash closes airports", "central bank raises interest rates again",
              "football club wins the cup final on penalties", "new vaccine approved by the health agency"]

    def jsonl(name: str, items: list[tuple[str, str]]):
        path = tmp_path / f"{name}.jsonl"
        path.write_text("\n".join(json.dumps({"id": i, "source": f"Outlet {i}", "title": t.capitalize(),
                                              "text": (t.capitalize() + ". ") * 4}) for i, t in items) + "\n")
        return read_paths([path])

    store = open_store(str(tmp_path / "s.db"))
    settings = config.Settings(analyse=False)
    a, b = Pipeline(store, settings), Pipeline(store, settings)
    a.ingest(jsonl("a1", [("a1", topics[0])]))
    b.ingest(jsonl("b1", [("b1", topics[1])]))
    with store.read() as conn:
        first, second = (store.story_of(conn, x.id) for x in store.iter_articles(conn))
    with store.atomic() as conn:  # B merges its new story into A's (as an arriving article would)
        store.apply_assignment(conn, Assignment(article_id=1, story_id=first, is_new_story=False,
                                                merged_story_ids=(second,)))
    a.ingest(jsonl("a2", [("a2", topics[2])]))
    with store.read() as conn:
        arts = {x.external_id: x for x in store.iter_articles(conn)}
        assert arts["a2"].story_id not in (first, second)
        assert [s.id for s in store.list_stories(conn, limit=100) if s.id == second] == []
    store.close()
