"""PostgreSQL's batched writes, against the real server the tests start: new articles by COPY (their ids taken
first), clustering's writes as arrays. A file ingested with clustering stores on PostgreSQL what it stores on
SQLite; the same file again adds nothing; a record the database refuses costs only itself."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from storywire import config
from storywire.ingest.files import read_paths
from storywire.pipeline import Pipeline
from storywire.store import open_store

EVENTS = [
    ("Rome", "The harbour strike in Rome entered its third day as dock workers rejected the offer of the port"),
    ("Oslo", "Floods in Oslo forced hundreds of families from their homes after the river burst its banks"),
    ("Lagos", "The central bank in Lagos raised its main rate by two points to slow the rise in food prices"),
    ("Quito", "A magnitude six earthquake struck near Quito, cutting power to the old town for several hours"),
    ("Hanoi", "Typhoon Kirra made landfall north of Hanoi with winds of 150 kilometres an hour on Sunday"),
]


def _records() -> list[dict]:
    """Five events, each told by four outlets over two days (one reprinting another word for word), and a
    record whose URL repeats an earlier one's."""
    out = []
    for e, (place, lead) in enumerate(EVENTS):
        for k in range(4):
            text = (f"{lead}. Officials in {place} said talks would resume. Outlet {k} reports, update {k}."
                    if k != 3 else out[-2]["text"])  # the fourth outlet reprints the third word for word
            out.append({"id": f"e{e}-{k}", "url": f"https://news{k}.example/{place.lower()}/{e}-{k}",
                        "source": f"Outlet {k}", "title": f"{place}: {lead[:40]}", "text": text, "language": "en",
                        "published": f"2024-03-{10 + e:02d}T{8 + 3 * k:02d}:00:00+00:00"})
    out.append({**out[0], "id": "e0-0-again"})  # same URL as the first: one article
    return out


def _ingest(db: str, path: Path) -> dict[str, int]:
    store = open_store(db)
    try:
        summary = Pipeline(store, config.Settings(db=db, analyse=False, workers=0, batch_size=8)).ingest(
            read_paths([path]), cluster=True)
    finally:
        store.close()
    return {k: v for k, v in summary.counts.items() if v}


def _state(db: str) -> tuple[list, list]:
    """Every article as readers see it (with its story, duplicate and similarity) and every story."""
    store = open_store(db)
    try:
        with store.read() as conn:
            arts = [(a.id, a.url, a.source, a.title, a.text, a.published, a.story_id, a.duplicate_of,
                     a.dup_similarity) for a in store.iter_articles(conn)]
            stories = sorted((s.id, s.title, s.article_count, s.source_count, s.first_seen, s.last_seen)
                             for s in store.list_stories(conn, limit=100))
    finally:
        store.close()
    return arts, stories


@pytest.fixture
def jsonl(tmp_path) -> Path:
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in _records()), encoding="utf-8")
    return path


@pytest.fixture
def revised(tmp_path) -> Path:
    """Two of the records again with new texts (and one with a later date)."""
    first, second = _records()[1], _records()[6]
    path = tmp_path / "revised.jsonl"
    path.write_text(json.dumps({**first, "text": first["text"] + " Talks resumed on Monday."}) + "\n"
                    + json.dumps({**second, "text": "A new text.", "published": "2024-03-12T09:00:00+00:00"}) + "\n",
                    encoding="utf-8")
    return path


def test_postgresql_stores_what_sqlite_stores_and_a_second_ingest_adds_nothing(pg_server, tmp_path, jsonl,
                                                                              revised):
    sqlite, postgresql = str(tmp_path / "s.db"), pg_server()
    assert _ingest(sqlite, jsonl) == _ingest(postgresql, jsonl) == {"ingested": 20, "unchanged": 1}
    expected = _state(sqlite)
    assert len(expected[1]) == 5 and sum(a[7] is not None for a in expected[0]) >= 5  # five stories, near-copies
    assert _state(postgresql) == expected
    assert _ingest(postgresql, jsonl) == {"unchanged": 21}
    assert _state(postgresql) == expected
    assert _ingest(sqlite, revised) == _ingest(postgresql, revised) == {"revised": 2}
    assert _state(postgresql) == _state(sqlite) != expected


def test_a_key_another_writer_stored_meanwhile_is_skipped(pg_server, monkeypatch):
    """Between the look-up and the COPY another writer stores one of the batch's articles: the COPY's duplicate
    key sends the batch through the staging table, which skips that one; the others are stored."""
    from storywire.models import Extracted
    from storywire.store.postgres import PostgresStore

    store = open_store(pg_server())
    batch = [Extracted(origin=f"t:{i}", url=f"https://r.example/{i}", source="Reuters", title=f"Title {i}",
                       text=f"Body {i} of the report on the port strike.") for i in range(4)]
    try:
        with store.atomic() as conn:
            other = store.upsert_article(conn, batch[2]).article_id
        monkeypatch.setattr(PostgresStore, "_lookup", lambda self, conn, group: [])  # the look-up ran before
        with store.atomic() as conn:
            got = [(r.status, r.article_id) for r in store.upsert_articles(conn, batch)]
        assert [status for status, _ in got] == ["ingested", "ingested", "unchanged", "ingested"]
        assert got[2][1] == other
        with store.read() as conn:
            assert sorted(a.url for a in store.iter_articles(conn)) == [f"https://r.example/{i}" for i in range(4)]
    finally:
        store.close()


def test_ingest_with_clustering_writes_no_statement_per_row(pg_server, jsonl, revised):
    """On PostgreSQL every write of an ingest with clustering (and of revisions, and of per-article analyses) is
    one statement for its rows: none is sent once per row (an executemany)."""
    import sqlalchemy as sa

    from storywire.store.article_analyses import ArticleAnalysisRow

    db = pg_server()
    store = open_store(db)
    per_row: list[str] = []

    def executed(conn, cursor, statement, parameters, context, executemany):
        if executemany and len(parameters) > 1:
            per_row.append(statement.split(" WHERE")[0][:60])

    sa.event.listen(store.engine, "before_cursor_execute", executed)
    try:
        pipe = Pipeline(store, config.Settings(db=db, analyse=False, workers=0, batch_size=8))
        pipe.ingest(read_paths([jsonl]), cluster=True)
        assert pipe.ingest(read_paths([revised]), cluster=True).counts["revised"] == 2
        with store.atomic() as conn:
            store.save_article_analyses(conn, [ArticleAnalysisRow(aid, "d", "m", {"n": aid}) for aid in (1, 2, 3)])
        with store.read() as conn:
            assert store.article_analyses(conn, [1, 2, 3])[2].data == {"n": 2}
            assert len(store.article_revisions(conn, 2)) == 1
    finally:
        store.close()
    assert per_row == []
