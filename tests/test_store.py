"""The store on both backends: idempotent upserts, revisions, full-text search, atomic batches."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from storywire.models import Extracted
from storywire.store.schema import articles


def ex(text="Macron flies to Moscow for talks with Putin.", **kw) -> Extracted:
    base = dict(origin="t", text=text, title="Macron to Moscow", source="Reuters", url="https://r.example/a")
    base.update(kw)
    return Extracted(**base)


def test_same_article_twice_is_one_row(store):
    with store.atomic() as conn:
        first = store.upsert_article(conn, ex())
        again = store.upsert_article(conn, ex())
        same_text_other_url = store.upsert_article(conn, ex(url="https://r.example/b"))
    assert first.status == "ingested"
    assert again.status == "unchanged" and again.article_id == first.article_id
    # same content hash from the same source is the same article
    assert same_text_other_url.status == "unchanged"
    with store.read() as conn:
        assert store.count_articles(conn) == 1


def test_external_id_identifies_article_within_source(store):
    with store.atomic() as conn:
        a = store.upsert_article(conn, ex(url=None, external_id="x1"))
        b = store.upsert_article(conn, ex(url=None, external_id="x1", text="Changed text about Macron."))
        c = store.upsert_article(conn, ex(url=None, external_id="x1", source="AFP"))
    assert b.status == "revised" and b.article_id == a.article_id
    assert c.status == "ingested" and c.article_id != a.article_id


def test_revision_keeps_previous_version(store):
    with store.atomic() as conn:
        a = store.upsert_article(conn, ex())
        store.upsert_article(conn, ex(text="Macron flies to Moscow; talks with Putin set for Monday."))
    with store.read() as conn:
        art = store.get_article(conn, a.article_id)
        revs = store.article_revisions(conn, a.article_id)
    assert "Monday" in art.text
    assert [r["text"] for r in revs] == ["Macron flies to Moscow for talks with Putin."]


def test_full_text_search_finds_words_and_prefixes(store):
    with store.atomic() as conn:
        a = store.upsert_article(conn, ex())
        store.upsert_article(conn, ex(text="Earthquake hits Indonesia.", title="Quake", url="https://r.example/q"))
    with store.read() as conn:
        assert [i for i, _ in store.search_articles(conn, "Putin", 10)] == [a.article_id]
        assert [i for i, _ in store.search_articles(conn, "earthquake", 10)] != [a.article_id]
        assert store.search_articles(conn, "", 10) == []


def test_failed_batch_leaves_nothing(store):
    with pytest.raises(RuntimeError):
        with store.atomic() as conn:
            store.upsert_article(conn, ex())
            raise RuntimeError("crash mid-batch")
    with store.read() as conn:
        assert store.count_articles(conn) == 0
        assert conn.execute(sa.select(sa.func.count()).select_from(articles)).scalar() == 0


def test_times_come_back_timezone_aware(store):
    when = datetime(2022, 2, 4, 17, 30, tzinfo=UTC)
    with store.atomic() as conn:
        a = store.upsert_article(conn, ex(published=when))
    with store.read() as conn:
        got = store.get_article(conn, a.article_id)
    assert got.published == when and got.fetched.tzinfo is not None
