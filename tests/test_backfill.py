"""`storywire backfill` on a local Ray (started here with 2 CPUs, shut down at the end): JSONL and WARC shards
give the articles and stories `storywire ingest` gives; an assigner killed mid-run is restarted from its
snapshot with nothing lost or placed twice; bad shards and records are one-line rejections."""
from __future__ import annotations

import gzip
import io
import json
from collections import Counter
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storywire import config
from storywire.cluster.evaluate import bcubed, dated_records, load_records
from storywire.ingest.files import read_paths
from storywire.ingest.warc import WarcReader
from storywire.pipeline import Pipeline
from storywire.store import Store, open_store

ECB = Path("data/stories/ecbplus-dev.jsonl")
FUNDUS = Path("data/extraction/fundus-evaluation")


@pytest.fixture(scope="module")
def local_ray():
    ray = pytest.importorskip("ray")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="ERROR")
    yield ray
    ray.shutdown()


def page(title: str, body: str) -> bytes:
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            + "".join(f"<p>{p}</p>" for p in body.split("\n")) + "</article></body></html>").encode()


def write_warc(path: Path, records: list[tuple[str, str, str, bytes, str]]) -> None:
    """A gzipped WARC: a warcinfo record, then per (uri, status, content type, body, date) a request and its
    response."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        for uri, status, ctype, body, date in records:
            get = b"GET / HTTP/1.1\r\n\r\n"
            request = writer.create_warc_record(uri, "request", payload=io.BytesIO(get), length=len(get),
                                                warc_headers_dict={"WARC-Date": date})
            writer.write_record(request)
            http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), length=len(body),
                                                          http_headers=http, warc_headers_dict={"WARC-Date": date}))


def stories_by_text(store: Store) -> dict[str, int | None]:
    """Content hash -> story of every stored article (which of two records with one text is stored depends
    on which shard came first; the article is the same)."""
    with store.read() as conn:
        arts = list(store.iter_articles(conn))
    by_hash = {a.content_hash: a.story_id for a in arts}
    assert len(by_hash) == len(arts)
    return by_hash


def agreement(a: dict, b: dict) -> float:
    """BCubed F1 of one set of articles' stories against the other's."""
    assert sorted(a) == sorted(b)  # the same articles
    keys = sorted(a)
    return bcubed([a[k] for k in keys], [b[k] for k in keys])["f1"]


def ingest(paths: list[Path], db: str) -> Store:
    store = open_store(db)
    Pipeline(store, config.Settings(db=db, analyse=False)).ingest(read_paths(paths), analyse=False)
    return store


# -- WARC reading (no Ray) --------------------------------------------------------------------------------------
def test_warc_reader_keeps_html_pages_and_counts_what_it_skips(tmp_path):
    when = "2024-03-05T08:00:00Z"
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, [
        ("https://news.example.com/a", "200 OK", "text/html; charset=utf-8", page("Flood in the valley", "Water rose."),
         when),
        ("https://news.example.com/gone", "404 Not Found", "text/html", page("Not found", "Nothing."), when),
        ("https://news.example.com/logo.png", "200 OK", "image/png", b"\x89PNG\r\n", when),
        ("https://news.example.com/b", "200 OK", "text/html; charset=iso-8859-1",
         page("Café reopens", "The café reopened.").decode().encode("latin-1"), when),
    ])
    reader = WarcReader(path, 2_000_000)
    items = list(reader)
    assert [i.url for i in items] == ["https://news.example.com/a", "https://news.example.com/b"]
    assert "Café reopens" in items[1].html
    assert items[0].kind == "html" and items[0].published is None
    assert items[0].entry_published == datetime(2024, 3, 5, 8, tzinfo=UTC)  # the crawl time: a fallback only
    assert reader.skipped == Counter({"request record": 4, "warcinfo record": 1, "HTTP status 404": 1,
                                      "not HTML (image/png)": 1})


def test_a_cut_warc_keeps_the_records_before_the_cut(tmp_path):
    path = tmp_path / "cut.warc.gz"
    write_warc(path, [(f"https://news.example.com/{i}", "200 OK", "text/html",
                       page(f"Story number {i}", f"Paragraph {i} of the story."), "2024-03-05T08:00:00Z")
                      for i in range(3)])
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 60])
    items = list(WarcReader(path, 2_000_000))
    kept = [i for i in items if hasattr(i, "html")]
    assert len(kept) == 2
    assert items[-1].origin.startswith(f"{path}@") and "cut short" in items[-1].reason


# -- the store's view of pending articles (both backends) -----------------------------------------------------
def test_pending_keys_page_through_unclustered_articles_without_text(store, tmp_path):
    src = tmp_path / "a.jsonl"
    src.write_text("".join(json.dumps({"id": f"x{i}", "title": f"Headline number {i}", "text": f"Body {i} here.",
                                       "language": "en" if i % 2 else "de",
                                       "published": f"2024-01-0{1 + i}T10:00:00Z" if i < 4 else None}) + "\n"
                           for i in range(6)))
    Pipeline(store, config.Settings(db="unused", analyse=False)).ingest(read_paths([src]), cluster=False)
    with store.read() as conn:
        first = store.pending_keys(conn, 0, 4)
        rest = store.pending_keys(conn, first[-1][0], 4)
    keys = first + rest
    assert len(first) == 4 and len(rest) == 2
    assert [k[2] for k in keys] == ["de", "en", "de", "en", "de", "en"]
    assert keys[0][1] == datetime(2024, 1, 1, 10, tzinfo=UTC) and keys[5][1] is None


def test_stale_stories_ending_in_a_time_range(store, tmp_path):
    """The changed stories whose last article is in [start, end), on both backends."""
    src = tmp_path / "a.jsonl"
    topics = ["harbour strike", "volcano eruption", "chess final", "tram opening"]
    src.write_text("".join(json.dumps({"id": f"x{i}", "title": f"The {t} goes on", "text": f"Reports on the {t}.",
                                       "published": f"2024-01-{1 + 5 * i:02d}T10:00:00Z", "language": "en"}) + "\n"
                           for i, t in enumerate(topics)))
    Pipeline(store, config.Settings(db="unused", analyse=False)).ingest(read_paths([src]), analyse=False)
    with store.read() as conn:
        by_day = {s.last_seen.day: s.id for s in store.list_stories(conn)}
    day = datetime(2024, 1, 1, tzinfo=UTC)
    assert sorted(by_day) == [1, 6, 11, 16]
    with store.atomic() as conn:
        store.save_analysis(conn, by_day[6], {"title": "Analysed", "summary": []})
    with store.read() as conn:
        assert store.stale_stories_ending(conn, None, day.replace(day=11)) == [by_day[1]]
        assert store.stale_stories_ending(conn, day.replace(day=1, hour=10), day.replace(day=16, hour=10)) == sorted(
            [by_day[1], by_day[11]])  # from its start, up to (not including) its end
        assert store.stale_stories_ending(conn, day.replace(day=17), day.replace(day=30)) == []


def test_boilerplate_counts_of_pages_counted_together_are_those_counted_in_turn(store):
    """Store.count_paragraphs of a batch of pages (outlet id, fingerprints) gives each page the counts just after
    its own, as page after page would, and stores the sums: one read and one write for all the pages (both
    backends)."""
    with store.atomic() as conn:
        a, b = store.source_id(conn, "Outlet A"), store.source_id(conn, "Outlet B")
        sent = _statements(store)
        counts = store.count_paragraphs(conn, [(a, {"x", "y"}), (a, {"x"}), (b, {"x"}), (a, {"x", "z"}), (b, set())])
    assert counts == [{"x": 1, "y": 1}, {"x": 2}, {"x": 1}, {"x": 3, "z": 1}, {}]
    assert len(sent) == 2
    with store.atomic() as conn:
        assert store.count_paragraphs(conn, [(a, {"x", "y"}), (b, {"x"})]) == [{"x": 4, "y": 2}, {"x": 2}]
    assert sum("boilerplate" in q for q in sent) == 4


def test_articles_of_inputs_are_the_outlets_articles_of_that_page_under_that_title(store):
    from storywire.models import Extracted
    from storywire.store.articles import InputKey

    with store.atomic() as conn:
        ids = [r.article_id for r in store.upsert_articles(conn, [
            Extracted(origin=f"in:{i}", url=f"https://a.example/{i}", source=f"Outlet {i % 2}", title=f"Title {i}",
                      text=f"Body {i} of the report.", raw_hash=f"page{i}") for i in range(4)])]
        a, b = store.source_id(conn, "Outlet 0"), store.source_id(conn, "Outlet 1")
        found = store.articles_of_inputs(conn, [InputKey(a, "page0", "Title 0"), InputKey(b, "page1", "Title 1"),
                                                InputKey(a, "page2", "Another title"), InputKey(b, "page2", "Title 2"),
                                                InputKey(a, "page9", "Title 9")])
    assert found == {InputKey(a, "page0", "Title 0"): ids[0], InputKey(b, "page1", "Title 1"): ids[1]}


def _statements(store: Store) -> list[str]:
    """The SQL statements the store sends from now on (appended as they go)."""
    import sqlalchemy as sa

    sent: list[str] = []
    sa.event.listen(store.engine, "before_cursor_execute", lambda conn, cursor, sql, *rest: sent.append(sql))
    return sent


def test_story_analyses_of_a_block_are_saved_in_statements_that_do_not_grow_with_it(store):
    """A block of analysed stories is written as each alone would be (title, summary, entities; a story saved
    again keeps its new analysis only), in as many statements for ten stories as for two (both backends)."""
    from storywire.models import Assignment, Extracted

    with store.atomic() as conn:
        ids = [r.article_id for r in store.upsert_articles(conn, [
            Extracted(origin=f"in:{i}", text=f"Report {i} on the strike.", title=f"Strike {i}", external_id=f"s{i}",
                      source="Outlet") for i in range(12)])]
        store.apply_assignments(conn, [Assignment(aid, 100 + k, True) for k, aid in enumerate(ids)])
        store.refresh_stories(conn, set(range(100, 112)))

    def data(sid: int, n: int) -> dict:
        return {"title": f"Story {sid}", "summary": [{"text": f"First {sid}."}, {"text": f"Then {n}."}],
                "entities": [{"name": f"Person {sid}", "label": "PERSON", "count": n}, {"name": "Rome", "count": 1}]}

    sent = _statements(store)
    with store.atomic() as conn:
        before = len(sent)
        store.save_analyses(conn, [(sid, data(sid, 1)) for sid in (100, 101)])
        two = len(sent) - before
        before = len(sent)
        store.save_analyses(conn, [(sid, data(sid, 2)) for sid in range(100, 110)] + [(105, data(105, 3))])
        ten = len(sent) - before
    assert ten == two
    with store.read() as conn:
        assert store.get_analysis(conn, 101) == data(101, 2) and store.get_analysis(conn, 105) == data(105, 3)
        story = store.get_story(conn, 105)
        assert (story.title, story.summary) == ("Story 105", "First 105. Then 3.")
        assert store.get_analysis(conn, 110) is None and store.stories_needing_analysis(conn) == [110, 111]
        assert {(e["name"], e["stories"]) for e in map(partial(store.entity_info, conn), ["Rome", "Person 105"])} == {
            ("Rome", 10), ("Person 105", 1)}


def test_a_batch_of_many_pages_is_stored_in_as_many_queries_as_a_batch_of_a_few(tmp_path):
    """The driver's side of a backfill's ingest (:class:`ShardWriter`, :meth:`Pipeline.ingest_prepared`) asks the
    store the same number of queries for a batch of 40 pages of one outlet as for one of 10: the look-up of
    pages stored before and the learned boilerplate's counts are one query each per batch, not one per page.
    The outlet's line on every page is learned in turn all the same: kept on its first two pages, dropped from
    the third on."""
    from storywire.scale.shards import ShardWriter, prepare_shard

    tail = "The Harbour Courier is delivered to every home in the bay each morning."
    queries = []
    for n in (10, 40):
        shard = tmp_path / f"pages{n}.jsonl"
        shard.write_text("".join(json.dumps({
            "url": f"https://harbour.example/news/{i}", "source": "Harbour Courier", "title": f"Harbour news {i}",
            "html": f"<html><body><article><h1>Harbour news {i}</h1><p>The harbour board met on day {i} and voted "
                    f"for plan {i}.</p><p>{tail}</p></article></body></html>"}) + "\n" for i in range(n)))
        settings = config.Settings(db=str(tmp_path / f"{n}.db"), analyse=False, batch_size=100)
        store = open_store(settings.db)
        prepared = prepare_shard(str(shard), settings)
        sent = _statements(store)
        writer = ShardWriter(store, settings)
        writer.add(prepared)
        writer.finish()
        queries.append(len(sent))
        kept = texts_by_url(store)
        store.close()
        assert [tail in kept[f"https://harbour.example/news/{i}"] for i in range(n)] == [True, True] + [False] * (n - 2)
    assert queries[0] == queries[1]


# -- backfills on Ray ---------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def ecb_shards(tmp_path_factory) -> list[Path]:
    """ECB+ dev as a dated archive (every story its own day within 20 days) in three shards, one gzipped."""
    shared = Path(__file__).resolve().parents[1].parent / "shared"
    if not (shared / ECB).is_file():
        pytest.skip("../shared is not beside the repository")
    recs = dated_records(load_records(shared / ECB), seed=3, span_days=20)
    folder = tmp_path_factory.mktemp("ecb")
    paths = [folder / "a.jsonl", folder / "b.jsonl", folder / "c.jsonl.gz"]
    for n, path in enumerate(paths):
        lines = "".join(json.dumps(r) + "\n" for r in recs[n::3])
        if path.suffix == ".gz":
            path.write_bytes(gzip.compress(lines.encode()))
        else:
            path.write_text(lines, encoding="utf-8")
    return paths


@pytest.fixture(scope="module")
def ingested_ecb(ecb_shards, tmp_path_factory) -> dict[str, int | None]:
    """The stories `storywire ingest` (one process) makes of the ECB+ shards, by article text."""
    single = ingest(ecb_shards, str(tmp_path_factory.mktemp("single") / "single.db"))
    try:
        return stories_by_text(single)
    finally:
        single.close()


@pytest.mark.slow
def test_jsonl_backfill_gives_the_articles_and_stories_of_ingest(local_ray, ecb_shards, ingested_ecb, tmp_path):
    from storywire.scale.backfill import backfill

    db = str(tmp_path / "ray.db")
    report = backfill([ecb_shards[0].parent], config.Settings(db=db, analyse=False), block_articles=100)
    # every record stored: 3 texts are there twice, under two ids each (records of no outlet: two articles)
    assert report.count("ingested") == 462 and not report.failed and not report.rejected
    assert report.clustered == {"en": 462} and report.retried_blocks == 0
    ray_store = open_store(db)
    ray_view = stories_by_text(ray_store)
    assert None not in ray_view.values()
    assert agreement(ray_view, ingested_ecb) >= 0.99
    with ray_store.read() as conn:
        assert ray_store.count_unclustered(conn) == 0
        assert ray_store.load_state(conn, "backfill:en") == b""  # a finished run leaves no snapshot behind
    ray_store.close()


@pytest.mark.slow
def test_articles_of_one_time_are_placed_in_input_order_whichever_shard_is_stored_first(local_ray, tmp_path):
    """Articles of the same second in two shards are placed in the order of the input (shards by name, then
    records in order), as `storywire ingest` of the same files places them, not in the order the shard tasks
    happened to store them (the short shard is stored first, most runs): one archive gives the same stories,
    made in the same order, from run to run."""
    from storywire.scale.backfill import backfill

    words = "harbour council budget rail strike museum drought vaccine election bridge".split()
    later = [{"url": f"https://a.example/later/{i}", "title": f"Notice {i}",
              "text": " ".join(words[(i + k) % 10] + str(i) for k in range(40)),
              "published": f"2024-06-{1 + i % 28:02d}T08:00:00Z"} for i in range(300)]
    noon = "2024-05-01T12:00:00Z"
    tied = [{"url": f"https://{site}.example/{n}", "title": title, "text": text, "published": noon}
            for site, n, title, text in [
                ("a", 1, "Harbour crane collapses in Rotterdam", "A crane collapsed at the Rotterdam harbour on "
                 "Wednesday, injuring two dock workers, the port authority said."),
                ("b", 2, "Drought forces water limits in Catalonia", "Catalonia declared a drought emergency and "
                 "limited water use in Barcelona and 200 towns, the regional government said."),
                ("b", 3, "Rotterdam harbour crane falls", "Two dock workers were hurt when a crane fell at the "
                 "harbour of Rotterdam on Wednesday, according to the port authority.")]]
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.jsonl").write_text("".join(json.dumps(r) + "\n" for r in later + tied[:1]))
    (tmp_path / "in" / "b.jsonl").write_text("".join(json.dumps(r) + "\n" for r in tied[1:]))
    single = ingest(sorted((tmp_path / "in").iterdir()), str(tmp_path / "single.db"))
    expected = tied_stories(single, tied)
    single.close()
    assert expected == [0, 1, 0]  # the crane story first, the drought story next: input order
    backfill([tmp_path / "in"], config.Settings(db=str(tmp_path / "ray.db"), analyse=False), block_articles=50)
    ray_store = open_store(str(tmp_path / "ray.db"))
    assert tied_stories(ray_store, tied) == expected
    ray_store.close()


@pytest.mark.slow
def test_learned_boilerplate_and_texts_do_not_depend_on_which_shard_task_finishes_first(local_ray, tmp_path):
    """An outlet's line repeated on every page is learned as boilerplate from its third page on, in input order
    (shards by name, then records), as `storywire ingest` of the same files learns it: the pages of the short
    shard, whose task finishes long before the other's, keep or lose it as ingest's do. Same texts, same
    stories."""
    from storywire.scale.backfill import backfill

    def html(title: str, body: str, tail: str = "") -> str:
        return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{body}</p>"
                f"{f'<p>{tail}</p>' if tail else ''}</article></body></html>")

    topics = "ferry timetable|school roof|tram line|flood barrier|library hours|market hall".split("|")
    filler = [{"url": f"https://other{i}.example/news/{i}", "published": f"2024-03-{1 + i % 28:02d}T09:00:00Z",
               "html": html(f"Council report {i} on the {topics[i % 6]}", f"The council of town {i} discussed the "
                            f"{topics[i % 6]} on Monday and agreed to spend {i + 3} million on it next year. " * 3)}
              for i in range(200)]
    tail = "The Harbour Courier is delivered to every home in the bay each morning."
    harbour = [{"url": f"https://harbour.example/news/{n}", "published": f"2024-04-0{n}T10:00:00Z",
                "html": html(f"Harbour news {n}: the {topic}", f"The harbour board met on day {n} to discuss the "
                             f"{topic} and voted for a new plan for the town. " * 3, tail)}
               for n, topic in enumerate(["crane repair", "pier lights", "fish market", "dredging"], 1)]
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jsonl").write_text("".join(json.dumps(r) + "\n" for r in filler + harbour[:2]))  # slow to extract
    (folder / "b.jsonl").write_text("".join(json.dumps(r) + "\n" for r in harbour[2:]))  # done first
    single = ingest([folder / "a.jsonl", folder / "b.jsonl"], str(tmp_path / "single.db"))
    expected, expected_stories = texts_by_url(single), stories_by_text(single)
    single.close()
    assert [tail in expected[r["url"]] for r in harbour] == [True, True, False, False]  # learned from page 3 on
    backfill([folder], config.Settings(db=str(tmp_path / "ray.db"), analyse=False), block_articles=50)
    ray_store = open_store(str(tmp_path / "ray.db"))
    assert texts_by_url(ray_store) == expected
    assert agreement(stories_by_text(ray_store), expected_stories) == 1.0
    ray_store.close()


def texts_by_url(store: Store) -> dict[str, str]:
    with store.read() as conn:
        return {a.url: a.text or "" for a in store.iter_articles(conn)}


def tied_stories(store: Store, records: list[dict]) -> list[int]:
    """The story of each record, as its rank among these records' stories by number (the order they were made
    in: the numbers themselves differ between a backfill and an ingest)."""
    with store.read() as conn:
        story_of = {a.url: a.story_id for a in store.iter_articles(conn)}
    stories = [story_of[r["url"]] for r in records]
    rank = {sid: n for n, sid in enumerate(sorted(set(stories)))}
    return [rank[sid] for sid in stories]


def test_pending_articles_of_one_time_come_in_input_order_not_in_the_order_stored(tmp_path):
    """The order the assigners get: by article time, one time's articles by their place in the input (shards by
    path, then records), whatever ids the shard tasks' stores gave them; articles stored before come first."""
    from storywire.scale.backfill import input_order, pending_partitions
    from storywire.scale.shards import ShardReport

    noon = "2024-05-01T12:00:00Z"

    def record(site: str, n: int, published: str = noon) -> dict:
        return {"url": f"https://{site}.example/{n}", "title": f"Report {n} from {site}", "published": published,
                "text": f"Report number {n} from {site} on the harbour, the council and the budget vote."}

    (tmp_path / "before.jsonl").write_text(json.dumps(record("old", 1)) + "\n")
    (tmp_path / "b.jsonl").write_text("".join(json.dumps(record("b", n)) + "\n" for n in (1, 2)))
    (tmp_path / "a.jsonl").write_text(json.dumps(record("a", 1)) + "\n"
                                      + json.dumps(record("a", 2, "2024-05-01T11:00:00Z")) + "\n")
    db = str(tmp_path / "s.db")
    store = open_store(db)
    reports = []
    for name in ("before.jsonl", "b.jsonl", "a.jsonl"):  # stored b before a: b's ids are the lower
        summary = Pipeline(store, config.Settings(db=db, analyse=False)).ingest(
            read_paths([tmp_path / name]), cluster=False, analyse=False)
        reports.append(ShardReport(str(tmp_path / name), dict(summary.counts), article_ids=tuple(summary.article_ids)))
    with store.read() as conn:
        url_of = {a.id: a.url for a in store.iter_articles(conn)}
    store.close()
    keyed = pending_partitions(config.Settings(db=db), input_order(reports[1:]))
    assert [url_of[aid] for aid, _ in keyed["en"]] == [
        "https://a.example/2", "https://old.example/1", "https://a.example/1", "https://b.example/1",
        "https://b.example/2"]


def test_periods_are_cut_where_time_changes_and_warm_up_on_the_window_before():
    from storywire.scale.backfill import split_periods

    day = datetime(2024, 1, 1, tzinfo=UTC)
    keyed = [(1, day), (2, day.replace(hour=6)), (3, day.replace(hour=6)), (4, day.replace(day=2)),
             (5, day.replace(day=5)), (6, day.replace(day=6)), (7, None)]
    lanes = split_periods("en", keyed, 3, timedelta(hours=72))
    assert [lane.name for lane in lanes] == ["en-1", "en-2", "en-3"]
    assert [lane.ids for lane in lanes] == [[1, 2, 3], [4], [5, 6, 7]]  # 2 and 3 share a time: not cut apart
    assert [lane.period for lane in lanes] == [(None, day.replace(day=2)), (day.replace(day=2), day.replace(day=5)),
                                               (day.replace(day=5), None)]
    assert [lane.warmup for lane in lanes] == [[], [1, 2, 3], [4]]  # the 72 hours before each period
    assert [lane.name for lane in split_periods("de", keyed, 1, timedelta(hours=72))] == ["de"]
    undated = split_periods("und", [(8, None), (9, None)], 4, timedelta(hours=72))
    assert [(lane.name, lane.ids, lane.period) for lane in undated] == [("und", [8, 9], (None, None))]


@pytest.mark.slow
def test_killed_assigner_goes_on_from_its_snapshot_losing_and_repeating_nothing(local_ray, ecb_shards, ingested_ecb,
                                                                                pg_server):
    """On PostgreSQL (the store of a multi-node backfill), with the archive cut in two periods assigned at once:
    the second replays the window before it, the merge pass joins stories cut at the edge."""
    from storywire.scale.backfill import backfill

    done: Counter[str] = Counter()

    def kill_after_third_block(progress) -> None:
        done[progress.lane] += progress.stage == "assign"
        if progress.lane == "en-1" and done["en-1"] == 3:
            local_ray.kill(local_ray.get_actor("storywire-assigner-en-1"), no_restart=False)

    db = pg_server()
    report = backfill(ecb_shards, config.Settings(db=db, analyse=False), block_articles=40, snapshot_every=2,
                      periods=2, on_progress=kill_after_third_block)
    assert done["en-1"] > 3 and done["en-2"] > 0
    assert report.retried_blocks >= 1 and report.restored >= 1 and report.joined_at_edges >= 1
    assert sum(report.clustered.values()) == report.count("ingested") == 462
    ray_store = open_store(db)
    with ray_store.read() as conn:
        assert ray_store.count_unclustered(conn) == 0
        stories = ray_store.list_stories(conn, limit=10_000)
    assert sum(s.article_count for s in stories) == 462  # every article in exactly one live story
    assert agreement(stories_by_text(ray_store), ingested_ecb) >= 0.99
    ray_store.close()


@pytest.mark.slow
def test_backfill_into_a_store_with_stories_joins_them_as_ingest_does(local_ray, ecb_shards, tmp_path):
    """A third of the archive is in the store (ingested and clustered) before the rest is backfilled: the new
    articles join the stored stories of their time, all along the archive, as a second `ingest` would."""
    from storywire.scale.backfill import backfill

    db, single_db = str(tmp_path / "ray.db"), str(tmp_path / "single.db")
    ingest(ecb_shards[:1], db).close()
    report = backfill(ecb_shards[1:], config.Settings(db=db, analyse=False), block_articles=100)
    assert report.clustered == {"en": report.count("ingested")}
    single = ingest(ecb_shards[:1], single_db)
    Pipeline(single, config.Settings(db=single_db, analyse=False)).ingest(read_paths(ecb_shards[1:]), analyse=False)
    ray_store = open_store(db)
    with ray_store.read() as conn:
        arts = list(ray_store.iter_articles(conn))
    stored_first = {json.loads(line)["id"] for line in ecb_shards[0].read_text(encoding="utf-8").splitlines()}
    first = {a.id for a in arts if a.external_id in stored_first}
    old_stories = {a.story_id for a in arts if a.id in first}
    joined = [a for a in arts if a.id not in first and a.story_id in old_stories]
    days = {a.published.date() for a in joined if a.published}
    assert len(days) >= 10  # the stored stories were found all along the archive, not only at its start
    assert agreement(stories_by_text(ray_store), stories_by_text(single)) >= 0.99
    ray_store.close()
    single.close()


@pytest.mark.slow
def test_backfill_in_periods_into_a_store_with_ids_past_31_bits(local_ray, ecb_shards, ingested_ecb, tmp_path):
    """Stored stories and articles with ids past 2^31 (a grown store) are real ones, not a warm-up's provisional
    stories: a backfill in two periods (the second warmed up on the window before it) gives ingest's stories."""
    from storywire.scale.backfill import backfill
    from tests.test_store_ids import _ids_past_31_bits

    db = str(tmp_path / "ray.db")
    seeded = open_store(db)
    _ids_past_31_bits(seeded)
    seeded.close()
    report = backfill(ecb_shards, config.Settings(db=db, analyse=False), block_articles=100, periods=2)
    assert report.count("ingested") == 462
    assert report.clustered == {"en": 462, "und": 1}  # the seed article, undated, is a lane of its own
    ray_store = open_store(db)
    with ray_store.read() as conn:
        arts = [a for a in ray_store.iter_articles(conn) if a.source != "S"]  # not the seed article
        stories = ray_store.list_stories(conn, limit=10_000)
    assert all(a.id > 2**31 and a.story_id and a.story_id > 2**31 for a in arts)
    assert sum(s.article_count for s in stories) == 463  # every article (and the seed) in exactly one live story
    assert agreement({a.content_hash: a.story_id for a in arts}, ingested_ecb) >= 0.99
    ray_store.close()


@pytest.mark.slow
def test_warc_backfill_gives_the_articles_and_stories_of_ingest(local_ray, shared, tmp_path):
    from storywire.scale.backfill import backfill

    truth = json.loads((shared / FUNDUS / "ground_truth.json").read_text(encoding="utf-8"))
    names = sorted(truth)[::4]
    records = [(truth[n]["url"], "200 OK", "text/html; charset=utf-8",
                gzip.decompress((shared / FUNDUS / "html" / n).read_bytes()),
                datetime.fromisoformat(truth[n]["crawl_date"]).strftime("%Y-%m-%dT%H:%M:%SZ")) for n in names]
    records.insert(3, ("https://apnews.com/missing", "404 Not Found", "text/html", b"<html>gone</html>",
                       "2024-02-28T10:00:00Z"))
    warc = tmp_path / "crawl.warc.gz"
    write_warc(warc, records)
    db = str(tmp_path / "ray.db")
    report = backfill([warc], config.Settings(db=db, analyse=False), block_articles=8)
    assert report.skipped == {"request record": len(records), "warcinfo record": 1, "HTTP status 404": 1}
    assert report.count("ingested") == len(names) - report.count("rejected") >= len(names) - 2
    ray_store, single = open_store(db), ingest([warc], str(tmp_path / "single.db"))
    assert agreement(stories_by_text(ray_store), stories_by_text(single)) >= 0.99
    ray_store.close()
    single.close()


@pytest.mark.slow
def test_bad_shards_and_records_are_one_line_rejections_that_cost_no_good_record(local_ray, tmp_path):
    from storywire.cli import app

    folder = tmp_path / "archive"
    folder.mkdir()
    good = [{"id": f"g{i}", "title": f"Bridge {i} closed for repairs", "text": f"Bridge {i} in Riverton is "
             "closed for repairs until spring, the city said on Monday.", "published": "2024-05-06T09:00:00Z",
             "language": "en"} for i in range(3)]
    (folder / "mixed.jsonl").write_text(json.dumps(good[0]) + "\n{not json\n" + json.dumps(good[1]) + "\n"
                                        + json.dumps({"id": "empty"}) + "\n", encoding="utf-8")
    (folder / "corrupt.jsonl.gz").write_bytes(gzip.compress((json.dumps(good[2]) + "\n").encode())[:-12])
    (folder / "junk.warc").write_bytes(b"WARC/1.0\r\nthis is no warc record\r\n\r\n")
    notes = tmp_path / "notes.txt"
    notes.write_text("not a shard", encoding="utf-8")
    db = str(tmp_path / "ray.db")
    result = CliRunner().invoke(app, ["--db", db, "backfill", str(folder), str(notes), str(tmp_path / "missing"),
                                      "--no-analyse"])
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert "Traceback" not in result.output
    expected = [f"{folder / 'mixed.jsonl'}:2: not valid JSON", f"{folder / 'mixed.jsonl'}:4: no \"title\"",
                f"{notes}: not a shard", f"{tmp_path / 'missing'}: no such file or folder",
                f"{folder / 'junk.warc'}@0: unreadable WARC data"]
    for text in expected:
        assert sum(text in line and line.startswith("rejected ") for line in lines) == 1, (text, result.output)
    assert any("corrupt.jsonl.gz" in line and "truncated .gz" in line for line in lines), result.output
    store = open_store(db)
    with store.read() as conn:
        kept = {a.external_id: a.story_id for a in store.iter_articles(conn)}
    store.close()
    assert {"g0", "g1"} <= set(kept) <= {"g0", "g1", "g2"} and None not in kept.values()


def analyses_by_members(store: Store) -> dict[frozenset[int], dict]:
    """The stored analysis of every live story, keyed by its articles (story ids differ between runs), without
    the story id."""
    with store.read() as conn:
        out = {}
        for s in store.list_stories(conn, limit=10_000):
            members = frozenset(a.id for a in store.story_articles(conn, s.id))
            data = store.get_analysis(conn, s.id)
            assert data is not None, f"story {s.id} was not analysed"
            out[members] = {k: v for k, v in data.items() if k != "id"}
    return out


@pytest.mark.slow
def test_backfill_analyses_the_stories_on_ray_as_ingest_does(local_ray, shared, tmp_path):
    """Per-article parts (tasks fed as the shard is stored) and story analyses (tasks: while assigning, of the
    stories no later article can join; the rest once every article is placed): the stored analyses (summary,
    quotes, entities, ...) and parts are those of `storywire ingest`."""
    from storywire.scale.backfill import backfill

    recs = dated_records(load_records(shared / ECB), seed=3, span_days=20)
    chosen = list(dict.fromkeys(r["story"] for r in recs))[:6]
    shard = tmp_path / "archive.jsonl"  # one shard: the articles get the ids ingest gives them
    shard.write_text("".join(json.dumps(r) + "\n" for r in recs if r["story"] in chosen), encoding="utf-8")
    db, single_db = str(tmp_path / "ray.db"), str(tmp_path / "single.db")
    report = backfill([shard], config.Settings(db=db), block_articles=20)
    single = open_store(single_db)
    Pipeline(single, config.Settings(db=single_db, workers=0)).ingest(read_paths([shard]))
    ray_store = open_store(db)
    ray_analyses, ingest_analyses = analyses_by_members(ray_store), analyses_by_members(single)
    articles = report.count("ingested")
    assert report.analysed == len(ray_analyses) >= len(chosen) and report.analysis_failures == 0
    assert report.parts_computed == articles  # every article's parts came from a parts task, ahead of its story
    assert 0 < report.analysed_early < report.analysed  # the first days' stories while the later ones were assigned
    assert ray_analyses == ingest_analyses
    assert sum(bool(a["summary"] and a["entities"]) for a in ray_analyses.values()) >= len(chosen)
    assert sum(len(a["quotes"]) for a in ray_analyses.values()) >= 5
    with ray_store.read() as conn, single.read() as single_conn:
        parts = {i: r.data for i, r in ray_store.article_analyses(conn, range(1, articles + 1)).items()}
        assert len(parts) == articles
        assert parts == {i: r.data for i, r in single.article_analyses(single_conn, range(1, articles + 1)).items()}
        assert ray_store.stories_needing_analysis(conn) == []
    ray_store.close()
    single.close()


@pytest.mark.slow
def test_analysis_fills_only_the_cpus_the_backfills_own_tasks_leave(local_ray, tmp_path):
    """Parts tasks sent while shard or prepare tasks want every CPU would queue ahead of them (and hold up the
    stage that waits for those): none is sent then, one per CPU they leave, and every queued block once the
    backfill's own tasks are done."""
    from storywire.scale.analysis import Analysis

    db = str(tmp_path / "a.db")
    open_store(db).close()
    analysis = Analysis(config.Settings(db=db))
    try:
        analysis.reserve(2)  # both CPUs of the local Ray busy with the backfill's own tasks
        analysis.add_parts(range(1, 1001))  # ten blocks
        assert analysis.refs() == []
        analysis.reserve(1)
        assert len(analysis.refs()) == 1
        analysis.finish()
        assert analysis.parts.done == 1000 and analysis.refs() == []
    finally:
        analysis.close()


def test_an_article_stored_again_before_its_parts_task_is_sent_is_queued_once():
    """A shard that stores an article and then revises it gives its id twice: while the first block is still
    queued (its task reads the stored text when it runs) the id is not queued again; once it was sent, it is."""
    from storywire.scale.analysis import TaskFeed

    class Task:
        def remote(self, settings, ids):
            return tuple(ids)

    feed = TaskFeed(Task(), config.Settings(), 2, write=lambda result: None, on_failure=lambda ids, why: None)
    feed.add([1, 2, 3])
    feed.add([3, 4])
    assert list(feed.queued) == [[1, 2], [3], [4]]
    assert feed.send(10) == 3
    feed.add([3])
    assert list(feed.queued) == [[3]]
