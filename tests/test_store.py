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


def _state(store) -> list[tuple]:
    """What the store holds: each article's url, outlet, title, text and its revisions' texts."""
    with store.read() as conn:
        arts = sorted(store.iter_articles(conn), key=lambda a: a.id)
        return [(a.url, a.source, a.title, a.text, [r["text"] for r in store.article_revisions(conn, a.id)])
                for a in arts]


def test_a_batch_stores_what_one_record_at_a_time_stores(db_url, tmp_path):
    """New records, repeats (by URL, external id, text), a revision of a stored article and of one earlier
    in the same batch: upsert_articles gives each record the result upsert_article gives it."""
    from storywire.store import open_store

    stored_before = [ex(url="https://r.example/old", text="The old text about the port strike.", title="Strike")]
    batch = [
        ex(url=f"https://r.example/{i}", text=f"Story number {i} about the summit in Rome.", title=f"Summit {i}")
        for i in range(5)
    ] + [
        ex(url="https://r.example/1", text="Story number 1 about the summit in Rome.", title="Summit 1"),  # repeat
        ex(url="https://r.example/other", text="Story number 2 about the summit in Rome.", title="Summit 2"),
        ex(url="https://r.example/old", text="The new text about the port strike, now over.", title="Strike"),
        ex(url="https://r.example/3", text="Story number 3, updated: the summit ended.", title="Summit 3"),
        ex(url=None, external_id="wire-9", text="A wire item.", title="Wire", source="AFP"),
        ex(url=None, external_id="wire-9", text="A wire item, corrected.", title="Wire", source="AFP"),
        ex(url=None, text="", title="Headline only: strike over", source="AFP"),
    ]
    one_by_one = open_store(str(tmp_path / "one.db"))
    together = open_store(db_url)
    try:
        for s in (one_by_one, together):
            with s.atomic() as conn:
                s.upsert_articles(conn, stored_before)
        with one_by_one.atomic() as conn:
            expected = [one_by_one.upsert_article(conn, e) for e in batch]
        with together.atomic() as conn:
            got = together.upsert_articles(conn, batch)
        assert [(r.status, r.article_id) for r in got] == [(r.status, r.article_id) for r in expected]
        assert [r.status for r in got] == ["ingested"] * 5 + ["unchanged", "unchanged", "revised", "revised",
                                                               "ingested", "revised", "ingested"]
        assert _state(together) == _state(one_by_one)
        with together.read() as conn:
            assert [r["text"] for r in together.article_revisions(conn, got[8].article_id)] == [
                "Story number 3 about the summit in Rome."]
    finally:
        one_by_one.close()
        together.close()


@pytest.mark.parametrize("feed_id", [424242, 2**40], ids=["no-such-feed", "out-of-range"])
def test_one_refused_record_costs_only_itself(store, feed_id):
    """A batch with a record the database refuses (a feed that does not exist; an id no column can hold) is
    stored again record by record: the good ones are kept, that one is rejected with the database's reason."""
    from storywire import config
    from storywire.models import RawItem
    from storywire.pipeline import IngestSummary, Pipeline

    with store.atomic() as conn:
        store.upsert_article(conn, ex(url="https://r.example/known", text="Known text.", title="Known"))
    items = [RawItem(origin=f"in.jsonl:{i}", kind="text", url=f"https://r.example/{i}", source="Reuters",
                     title=f"Title {i}", text=f"Body {i} about the floods in the north of the country.")
             for i in range(4)]
    items.insert(2, RawItem(origin="in.jsonl:bad", kind="text", url="https://r.example/bad", source="Reuters",
                            title="Bad", text="A record for a feed that is gone.", feed_id=feed_id))
    items.append(RawItem(origin="in.jsonl:again", kind="text", url="https://r.example/known", source="Reuters",
                         title="Known", text="Known text."))
    summary = IngestSummary()
    Pipeline(store, config.Settings(db=store.url, analyse=False)).ingest_batch(items, summary, cluster=False)
    assert summary.counts["ingested"] == 4 and summary.counts["unchanged"] == 1
    assert [r.origin for r in summary.rejected] == ["in.jsonl:bad"]
    assert "the store refused it (" in summary.rejected[0].reason
    with store.read() as conn:
        assert store.count_articles(conn) == 5
        assert sorted(a.url for a in store.iter_articles(conn)) == sorted(
            [f"https://r.example/{i}" for i in range(4)] + ["https://r.example/known"])


def test_article_parts_saved_twice_in_one_call_keep_the_later(store):
    from storywire.store.article_analyses import ArticleAnalysisRow

    with store.atomic() as conn:
        aid = store.upsert_article(conn, Extracted(origin="a", text="Text one.", title="One", source="S")).article_id
        store.save_article_analyses(conn, [ArticleAnalysisRow(aid, "d1", "m", {"n": 1}),
                                           ArticleAnalysisRow(aid, "d2", "m", {"n": 2})])
    with store.read() as conn:
        row = store.article_analyses(conn, [aid])[aid]
    assert (row.digest, row.data) == ("d2", {"n": 2})
