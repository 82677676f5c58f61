"""Feeds end to end: parsing every format, OPML, discovery, canonical URLs, the feed store and its
schedule, collection passes against a real HTTP server on 127.0.0.1 (full text, duplicates across
feeds, 304s, private addresses, dateless feeds), the CLI, and SIGTERM during a pass."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape

import pytest
import sqlalchemy as sa
from rich.console import Console
from typer.testing import CliRunner

from storywire.errors import InputError, NotFound
from storywire.ingest.collect import Collector, is_teaser
from storywire.ingest.discover import canonical_url, find_canonical, find_feeds, same_site
from storywire.ingest.feed_parser import FeedEntry, parse_feed
from storywire.ingest.opml import export_opml, parse_opml
from storywire.store.schema import articles
from storywire.store.subscriptions import adapt_interval, failure_delay

from .conftest import FIXTURES, SAMPLES
from .test_fetch import LocalServer, Reply, test_settings

FEEDS = FIXTURES / "feeds"


# -- page and feed builders -------------------------------------------------------------------------
def article_page(title: str, paragraphs: list[str], outlet: str, canonical: str | None = None) -> bytes:
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)} | {outlet}</title>
{link}<meta property="og:site_name" content="{outlet}"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<main><article><h1>{escape(title)}</h1>{body}</article></main>
<footer><p>Copyright 2022 {outlet}. All rights reserved.</p></footer></body></html>""".encode()


def rss(title: str, link: str, items: list[dict]) -> bytes:
    parts = []
    for it in items:
        date = f"<pubDate>{format_datetime(it['date'])}</pubDate>" if it.get("date") else ""
        guid = f"<guid isPermaLink=\"false\">{it['guid']}</guid>" if it.get("guid") else ""
        parts.append(f"<item><title>{escape(it['title'])}</title><link>{escape(it['link'])}</link>{guid}{date}"
                     f"<description>{escape(it.get('description', ''))}</description></item>")
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{escape(title)}</title>'
            f"<link>{escape(link)}</link>{''.join(parts)}</channel></rss>").encode()


def sample_paragraphs(name_prefix: str) -> list[str]:
    text = next(p for p in sorted(SAMPLES.glob("*.txt")) if p.name.startswith(name_prefix)).read_text()
    lines = [ln.strip() for ln in text.splitlines() if len(ln.strip()) > 80]
    return lines[:12]


LONG = [f"Paragraph {i} of the report: the port authority said the harbour bridge, closed since the storm of "
        f"2020, carried some forty thousand vehicles a day before repairs began, and traders welcomed its "
        f"return after two years of detours that cost the town dearly, according to officials." for i in range(6)]


@pytest.fixture
def server():
    with LocalServer() as s:
        yield s


def collector(store, **overrides) -> Collector:
    settings = test_settings(**overrides)
    return Collector(store, settings, fetcher_options={"backoff_base": 0.01})


def add(store, url: str, **kw) -> int:
    with store.atomic() as conn:
        return store.add_feed(conn, url, **kw)[0]


def feed_of(store, feed_id: int):
    with store.read() as conn:
        return store.get_feed(conn, feed_id)


def stored(store) -> list:
    with store.read() as conn:
        return list(store.iter_articles(conn))


# -- parsing ----------------------------------------------------------------------------------------
def test_rss2_entries_with_dates_authors_enclosures_and_relative_links():
    feed = parse_feed((FEEDS / "rss2.xml").read_bytes(), "https://gazette.example/world/rss.xml")
    assert feed.title == "Harbour Gazette – World" and feed.site_url == "https://gazette.example/world/"
    first, second = feed.entries
    assert first.id == "gazette-1001" and first.authors == ("Ana Lima",)
    assert first.link == "https://gazette.example/world/bridge-reopens?utm_source=rss&utm_medium=feed"
    assert first.published == datetime(2022, 2, 1, 8, 30, tzinfo=UTC)  # +0100 converted
    assert 'href="https://gazette.example/img/bridge.jpg"' in first.content_html  # relative link resolved
    assert first.enclosures[0].url == "https://gazette.example/media/bridge.mp3"
    assert first.enclosures[0].type == "audio/mpeg" and first.enclosures[0].length == 12345
    assert second.title == "Ferries resume & ports reopen" and second.id == second.link  # no guid: the link
    assert second.published == datetime(2022, 2, 1, 23, 0, tzinfo=UTC)  # EST is -0500


def test_rss1_and_rss091():
    rdf = parse_feed((FEEDS / "rss1.rdf").read_bytes(), "https://rdf.example/index.rdf")
    (entry,) = rdf.entries
    assert rdf.title == "RDF Times" and entry.authors == ("Jo Smith",)
    assert entry.published == datetime(2022, 2, 2, 2, 30, tzinfo=UTC)
    old = parse_feed((FEEDS / "rss091.xml").read_bytes(), "http://oldschool.example/rss.xml")
    assert old.entries[0].title == "Café reopens in São Paulo" and old.entries[0].published is None


def test_atom_xml_base_multiple_authors_and_updated_only_dates():
    feed = parse_feed((FEEDS / "atom.xml").read_bytes(), "https://atom.example/feed.atom")
    storm, updated = feed.entries
    assert storm.title == "Storm closes ports" and storm.link == "https://atom.example/news/storm-closes-ports"
    assert storm.authors == ("Kim Lee", "Sam Roe") and storm.id == "tag:atom.example,2022:storm"
    assert storm.published == datetime(2022, 2, 3, 13, 15, tzinfo=UTC)
    assert storm.enclosures[0].url == "https://atom.example/news/storm.jpg"
    assert updated.published == datetime(2022, 2, 2, 22, 0, tzinfo=UTC)  # from <updated>, +09:00
    assert updated.authors == ("Desk",)  # inherited from the feed (RFC 4287)
    assert updated.content_html == "<p>Plain text body.</p><p>Second paragraph.</p>"


def test_json_feed_1_1():
    feed = parse_feed((FEEDS / "feed.json").read_bytes(), "https://json.example/feed.json", "application/feed+json")
    quake, text = feed.entries
    assert feed.title == "JSON Journal" and feed.site_url == "https://json.example/"
    assert quake.link == "https://json.example/2022/02/04/quake" and quake.authors == ("Rin Tan",)
    assert quake.published == datetime(2022, 2, 3, 23, 0, tzinfo=UTC)
    assert quake.enclosures[0].url == "https://json.example/media/quake.png" and quake.enclosures[0].length == 999
    assert text.id == "2" and text.authors == ("JSON Desk",)  # numeric id kept as text; feed authors inherited
    assert text.content_html == "<p>First paragraph.</p><p>Second &lt;paragraph&gt;.</p>"


@pytest.mark.parametrize("body, message", [
    ((FEEDS / "malformed.xml").read_bytes(), "malformed feed"),
    (b"<!DOCTYPE html><html><head><title>Home</title></head><body>hi</body></html>", "HTML page"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "binary data"),
    (b'{"version": "https://jsonfeed.org/version/1.1", "title": "x", "items": "nope"}', "\"items\" must be a list"),
    (b'{"title": "no version"}', "not a feed"),
    (b'{"version": "https://jsonfeed.org/version/1.1", ', "malformed JSON Feed"),
    (b"", "empty response"),
])
def test_bad_feeds_raise_clear_input_errors(body, message):
    with pytest.raises(InputError, match=message):
        parse_feed(body, "https://x.example/feed")


def test_billion_laughs_is_refused_before_parsing():
    data = (FEEDS / "billion-laughs.xml").read_bytes()
    with pytest.raises(InputError, match="declares entities"):
        parse_feed(data, "https://x.example/feed")
    external = (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                b'<rss version="2.0"><channel><title>&x;</title></channel></rss>')
    with pytest.raises(InputError, match="declares entities"):
        parse_feed(external, "https://x.example/feed")
    utf16 = '<?xml version="1.0" encoding="utf-16"?><!DOCTYPE r [<!ENTITY a "aaaa">]><rss/>'.encode("utf-16")
    with pytest.raises(InputError, match="declares entities"):
        parse_feed(utf16, "https://x.example/feed")


def test_feed_body_naming_a_local_file_is_not_read():
    """feedparser treats a bytes argument as a file name first; we hand it a stream instead."""
    with pytest.raises(InputError):
        parse_feed(str(FEEDS / "rss2.xml").encode(), "https://x.example/feed")


def test_teaser_detection():
    def entry(summary=None, content=None):
        return FeedEntry(id="1", link=None, title="t", published=None, summary=summary, content_html=content)

    assert is_teaser(entry(summary="<p>Short summary.</p>"))
    assert is_teaser(entry(content="<p>" + "word " * 200 + "[…]</p>"))
    assert is_teaser(entry())
    assert not is_teaser(entry(content="".join(f"<p>{p}</p>" for p in LONG)))


# -- URLs and discovery -----------------------------------------------------------------------------
def test_canonical_url_strips_tracking_and_fragments():
    assert canonical_url("HTTPS://WWW.Example.com:443/a/b?utm_source=rss&id=7&fbclid=X&utm_medium=feed#comments") \
        == "https://www.example.com/a/b?id=7"
    assert canonical_url("http://example.com") == "http://example.com/"
    assert canonical_url("http://example.com:8080/x?b=2&a=1") == "http://example.com:8080/x?b=2&a=1"  # order kept
    assert canonical_url("https://example.com/p?CMP=share_btn_tw&gclid=1") == "https://example.com/p"


def test_find_feeds_and_canonical():
    page = """<html><head><base href="https://site.example/news/">
      <link rel="alternate" type="application/rss+xml" title="Top stories" href="rss.xml">
      <link rel="alternate" type="application/atom+xml" href="/atom.xml">
      <link rel="alternate" type="application/feed+json" href="https://site.example/feed.json">
      <link rel="alternate" hreflang="fr" href="/fr/">
      <link rel="stylesheet" type="text/css" href="/s.css">
      <link rel="canonical" href="/news/story-1"></head><body></body></html>"""
    found = find_feeds(page, "https://site.example/")
    assert [(f.url, f.kind) for f in found] == [("https://site.example/news/rss.xml", "rss"),
                                                ("https://site.example/atom.xml", "atom"),
                                                ("https://site.example/feed.json", "json")]
    assert found[0].title == "Top stories"
    assert find_canonical(page, "https://site.example/") == "https://site.example/news/story-1"
    assert find_canonical("<html><head></head></html>", "https://x.example/") is None
    assert same_site("https://www.bbc.co.uk/a", "https://feeds.bbc.co.uk/b")
    assert not same_site("https://www.bbc.co.uk/a", "https://www.itv.co.uk/b")


# -- OPML -------------------------------------------------------------------------------------------
def test_opml_import_nested_folders_and_category_attribute():
    subs = parse_opml((FEEDS / "subscriptions.opml").read_bytes())
    by_url = {s.url: s for s in subs}
    assert len(subs) == 4  # the link outline is not a feed
    assert by_url["https://gazette.example/world/rss.xml"].category == "World"
    assert by_url["https://gazette.example/world/rss.xml"].site_url == "https://gazette.example/world/"
    assert by_url["https://rdf.example/index.rdf"].category == "World/Europe"
    assert by_url["https://atom.example/feed.atom"].category == "Science/Weather"
    loose = by_url["https://loose.example/feed"]
    assert loose.category is None and loose.title == "Loose"


def test_opml_round_trip_is_lossless():
    subs = parse_opml((FEEDS / "subscriptions.opml").read_bytes())
    again = parse_opml(export_opml(subs).encode("utf-8"))
    assert sorted(again, key=lambda s: s.url) == sorted(subs, key=lambda s: s.url)


def test_opml_errors():
    with pytest.raises(InputError, match="not valid XML"):
        parse_opml(b"<opml><body>")
    with pytest.raises(InputError, match="not an OPML"):
        parse_opml(b"<rss/>")
    with pytest.raises(InputError, match="refused"):
        parse_opml(b'<!DOCTYPE o [<!ENTITY a "b">]><opml><body/></opml>')


def test_default_opml_has_30_plus_distinct_outlets():
    from storywire.commands.feeds import default_opml_bytes

    data, _ = default_opml_bytes()
    subs = parse_opml(data)
    assert len(subs) >= 30 and len({s.title for s in subs}) == len(subs)
    assert all(s.url.startswith(("https://", "http://")) and s.category for s in subs)


# -- the feed store ---------------------------------------------------------------------------------
def test_feed_store_add_list_get_remove(store):
    with store.atomic() as conn:
        fid, new = store.add_feed(conn, "https://a.example/rss", title="A Daily", category="World")
        again, new_again = store.add_feed(conn, "https://a.example/rss", title="Other")
    assert new and not new_again and again == fid
    with store.read() as conn:
        (info,) = store.list_feeds(conn)
        assert info.source == "A Daily" and info.category == "World" and info.health == "never fetched"
        assert store.get_feed(conn, "https://a.example/rss").id == fid == store.get_feed(conn, str(fid)).id
        assert [f.id for f in store.due_feeds(conn, datetime.now(UTC))] == [fid]
    with store.atomic() as conn:
        store.remove_feed(conn, fid)
    with store.read() as conn, pytest.raises(NotFound):
        store.get_feed(conn, fid)


def test_failures_back_off_exponentially_and_success_resets(store):
    fid = add(store, "https://b.example/rss")
    now = datetime(2022, 2, 1, 12, tzinfo=UTC)
    delays = []
    for _ in range(4):
        with store.atomic() as conn:
            nxt = store.record_fetch_failure(conn, fid, "HTTP 500 Internal Server Error", now=now)
        delays.append((nxt - now).total_seconds())
    assert delays == [3600, 7200, 14400, 28800]  # interval 1800 s doubled per failure
    info = feed_of(store, fid)
    assert info.consecutive_failures == 4 and info.health == "backed off" and "500" in info.last_error
    with store.read() as conn:
        assert store.due_feeds(conn, now + timedelta(hours=7)) == []
        assert [f.id for f in store.due_feeds(conn, now + timedelta(hours=9))] == [fid]
    assert failure_delay(1800, 30) == 24 * 3600  # capped at a day
    assert failure_delay(1800, 1, retry_after=20000) == 20000
    times = [now - timedelta(hours=h) for h in (0, 1, 2, 3)]
    with store.atomic() as conn:
        interval = store.record_fetch_success(conn, fid, now=now, etag='"e"', entry_times=times, new_entries=4,
                                              min_interval_s=600, max_interval_s=14400)
    info = feed_of(store, fid)
    assert interval == 1800 and info.consecutive_failures == 0 and info.last_error is None and info.etag == '"e"'
    assert info.health == "ok" and info.next_check == now + timedelta(seconds=1800)


def test_adaptive_interval_follows_publishing_rate():
    now = datetime(2022, 2, 1, 12, tzinfo=UTC)
    busy = [now - timedelta(minutes=5 * i) for i in range(20)]
    quiet = [now - timedelta(days=i + 2) for i in range(5)]
    assert adapt_interval(1800, busy, 20, now, 600, 14400) == 600  # every 5 min: the floor
    assert adapt_interval(1800, quiet, 0, now, 600, 14400) == 14400  # daily and quiet: the ceiling
    hourly = [now - timedelta(hours=i) for i in range(10)]
    assert adapt_interval(600, hourly, 3, now, 600, 14400) == 1800
    assert adapt_interval(1800, [None, None], 0, now, 600, 14400) == 2700  # no dates, nothing new: slower
    assert adapt_interval(1800, [], 5, now, 600, 14400) == 900  # no dates, new items: faster


# -- collection passes against the local server -------------------------------------------------------
def test_pass_over_every_format_then_304(server, sqlite_store):
    def with_etag(body: bytes, ctype: str, tag: str):
        def reply(req):
            if req.headers.get("if-none-match") == tag:
                return Reply(304, b"", {"ETag": tag})
            return Reply(200, body, {"Content-Type": ctype, "ETag": tag})
        return reply

    server.routes["/rss2"] = with_etag((FEEDS / "rss2.xml").read_bytes(), "application/rss+xml", '"r"')
    server.routes["/atom"] = with_etag((FEEDS / "atom.xml").read_bytes(), "application/atom+xml", '"a"')
    server.routes["/json"] = with_etag((FEEDS / "feed.json").read_bytes(), "application/feed+json", '"j"')
    for path in ("/rss2", "/atom", "/json"):
        add(sqlite_store, server.url(path))
    col = collector(sqlite_store, full_text=False, analyse=False)
    first = col.run()
    assert (first.feeds, first.ok, first.failed, first.new_articles) == (3, 3, 0, 6), first
    arts = {a.title: a for a in stored(sqlite_store)}
    bridge = arts["Bridge reopens after two years"]
    assert bridge.url == server.url("/world/bridge-reopens")  # relative to the feed's URL, utm_* stripped
    assert bridge.source == "Harbour Gazette – World" and bridge.external_id == "gazette-1001"
    assert bridge.published == datetime(2022, 2, 1, 8, 30, tzinfo=UTC) and bridge.authors == ("Ana Lima",)
    assert "reopened on Tuesday after two years of repairs" in bridge.text
    assert arts["Strong earthquake strikes"].source == "JSON Journal"
    with sqlite_store.read() as conn:
        feeds = {f.url: f for f in sqlite_store.list_feeds(conn)}
        assert sqlite_store.due_feeds(conn, datetime.now(UTC)) == []
    assert feeds[server.url("/atom")].etag == '"a"' and feeds[server.url("/atom")].title == "Atom Post"
    assert feeds[server.url("/rss2")].articles == 2 and feeds[server.url("/rss2")].health == "ok"
    second = col.run(feeds=list(feeds.values()))
    assert (second.not_modified, second.new_articles, second.failed) == (3, 0, 0)
    assert sorted(s.headers.get("if-none-match") for s in server.seen[-3:]) == ['"a"', '"j"', '"r"']


def test_teaser_fetches_the_article_page_and_uses_its_canonical_url(server, sqlite_store):
    page = article_page("Harbour bridge reopens", LONG, "Harbour Gazette", canonical=server.url("/news/bridge"))
    server.routes["/news/bridge"] = Reply(200, page, {"Content-Type": "text/html; charset=utf-8"})
    server.routes["/feed"] = Reply(200, rss("Harbour Gazette", server.url("/"), [
        {"title": "Harbour bridge reopens", "link": server.url("/news/bridge?utm_source=rss&utm_campaign=x"),
         "guid": "hg-1", "date": datetime(2022, 2, 1, 9, tzinfo=UTC),
         "description": "The bridge is back. Read more…"}]))
    add(sqlite_store, server.url("/feed"))
    summary = collector(sqlite_store, analyse=False).run()
    assert summary.new_articles == 1 and summary.pages_fetched == 1
    (art,) = stored(sqlite_store)
    assert art.url == server.url("/news/bridge") and art.title == "Harbour bridge reopens"
    assert "forty thousand vehicles a day" in art.text and "Read more" not in art.text
    assert "All rights reserved" not in art.text and "Sport" not in art.text
    # the next pass knows the entry: the page is not fetched again
    with sqlite_store.read() as conn:
        feed = sqlite_store.list_feeds(conn)[0]
    again = collector(sqlite_store, analyse=False).run(feeds=[feed])
    assert again.pages_fetched == 0 and again.new_articles == 0 and server.hits("/news/bridge") == 1


def test_teaser_without_full_text_setting_keeps_the_entry(server, sqlite_store):
    server.routes["/feed"] = Reply(200, rss("Short Wire", server.url("/"), [
        {"title": "Quake strikes", "link": server.url("/q"), "description": "A strong quake struck the coast today."}]))
    add(sqlite_store, server.url("/feed"))
    summary = collector(sqlite_store, full_text=False, analyse=False).run()
    (art,) = stored(sqlite_store)
    assert summary.pages_fetched == 0 and art.text == "A strong quake struck the coast today."


def test_page_without_article_text_falls_back_to_the_entry(server, sqlite_store):
    """A paywall page yields no article: the teaser is stored instead, and the page is not fetched again.
    An entry with a title and nothing else is kept as a headline-only article."""
    wall = b"<html><head><title>Subscribe</title></head><body><div>Subscribe to continue.</div></body></html>"
    server.routes["/paywalled"] = Reply(200, wall, {"Content-Type": "text/html"})
    server.routes["/nothing"] = Reply(404, b"")
    server.routes["/feed"] = Reply(200, rss("Paper", server.url("/"), [
        {"title": "Budget passes", "link": server.url("/paywalled"), "guid": "p1",
         "description": "Parliament passed the budget after a long night of debate."},
        {"title": "Empty", "link": server.url("/nothing"), "guid": "p2", "description": ""}]))
    add(sqlite_store, server.url("/feed"))
    col = collector(sqlite_store, analyse=False)
    first = col.run()
    art, empty = sorted(stored(sqlite_store), key=lambda a: a.title != "Budget passes")
    assert first.new_articles == 2 and first.rejected == 0
    assert empty.title == "Empty" and empty.headline_only
    assert art.text == "Parliament passed the budget after a long night of debate."
    assert art.url == server.url("/paywalled")
    with sqlite_store.read() as conn:
        feed = sqlite_store.list_feeds(conn)[0]
    again = col.run(feeds=[feed])
    assert again.rejected == 0 and again.new_articles == 0  # the empty entry is not retried by this process
    assert server.hits("/paywalled") == 1 and server.hits("/nothing") == 1


def test_same_article_through_two_feeds_is_stored_once(server, sqlite_store):
    page = article_page("Ferries resume", LONG, "Harbour Gazette")
    server.routes["/story/ferries"] = Reply(200, page, {"Content-Type": "text/html"})
    for name, campaign in (("/top", "top"), ("/world", "world")):
        server.routes[name] = Reply(200, rss(f"Harbour Gazette {campaign}", server.url("/"), [
            {"title": "Ferries resume", "link": server.url(f"/story/ferries?utm_source={campaign}&utm_medium=rss#top"),
             "description": "Ferries resumed."}]))
        add(sqlite_store, server.url(name), source="Harbour Gazette")
    summary = collector(sqlite_store, analyse=False).run()
    assert summary.ok == 2 and summary.new_articles == 1
    (art,) = stored(sqlite_store)
    assert art.url == server.url("/story/ferries")


def test_an_entry_stored_as_another_entrys_text_stays_known_pass_after_pass(server, sqlite_store):
    """Two entries of one feed with the same text under two titles are one article (the second a revision).
    Passes that fetch the whole feed again find nothing new: the second entry's page is not counted again
    towards the outlet's boilerplate, so its short paragraphs are not stripped into a 'new' article."""
    short = ["Officials said the ferry would sail again on Monday.", "Tickets are on sale at the harbour office."]
    body = "".join(f"<p>{p}</p>" for p in short + LONG[:2])
    server.routes["/feed"] = Reply(200, rss("Harbour Gazette", server.url("/"), [
        {"title": title, "link": server.url(f"/ferry-{n}"), "guid": f"hg-{n}", "description": body,
         "date": datetime(2022, 2, 1, 9, n, tzinfo=UTC)}
        for n, title in enumerate(["Ferries resume on Monday", "Ferry service returns"])]))
    add(sqlite_store, server.url("/feed"))
    col = collector(sqlite_store, full_text=False, analyse=False)
    first = col.run()
    assert (first.new_articles, first.revised) == (1, 1)
    with sqlite_store.read() as conn:
        feed = sqlite_store.list_feeds(conn)[0]
    for _ in range(3):
        again = col.run(feeds=[feed])
        assert (again.new_articles, again.revised, again.rejected) == (0, 0, 0), again
    (art,) = stored(sqlite_store)
    assert art.title == "Ferry service returns" and "Tickets are on sale" in art.text


def test_feed_at_a_private_address_is_refused_by_default(server, sqlite_store):
    server.routes["/feed"] = Reply(200, (FEEDS / "rss2.xml").read_bytes())
    fid = add(sqlite_store, server.url("/feed"))
    summary = collector(sqlite_store, allow_private_addresses=False).run()
    assert summary.failed == 1 and "refused" in summary.errors[0][1] and server.seen == [] and not summary.offline
    info = feed_of(sqlite_store, fid)
    assert info.consecutive_failures == 1 and "allow_private_addresses" in info.last_error
    assert stored(sqlite_store) == []


def test_failing_feed_is_backed_off_and_reported(server, sqlite_store):
    server.routes["/broken"] = Reply(200, (FEEDS / "malformed.xml").read_bytes())
    server.routes["/gone"] = Reply(404, b"")
    broken, gone = add(sqlite_store, server.url("/broken")), add(sqlite_store, server.url("/gone"))
    col = collector(sqlite_store, analyse=False)
    checks = []
    for _ in range(3):
        with sqlite_store.read() as conn:
            feeds = sqlite_store.list_feeds(conn)
        summary = col.run(feeds=feeds)
        assert summary.failed == 2 and not summary.offline  # HTTP answered: not a network outage
        checks.append(feed_of(sqlite_store, broken))
    assert [c.consecutive_failures for c in checks] == [1, 2, 3]
    gaps = [(c.next_check - c.last_checked).total_seconds() for c in checks]
    assert gaps[0] < gaps[1] < gaps[2]
    assert "malformed feed" in checks[-1].last_error and feed_of(sqlite_store, gone).last_error == "HTTP 404 Not Found"
    assert checks[-1].health == "backed off"


def test_permanent_redirect_updates_the_stored_url(server, sqlite_store):
    server.routes["/old-feed"] = Reply(301, b"", {"Location": "/new-feed"})
    server.routes["/new-feed"] = Reply(200, (FEEDS / "rss1.rdf").read_bytes())
    fid = add(sqlite_store, server.url("/old-feed"))
    assert collector(sqlite_store, full_text=False, analyse=False).run().ok == 1
    assert feed_of(sqlite_store, fid).url == server.url("/new-feed")


def test_feed_whose_items_all_lack_dates(server, sqlite_store):
    server.routes["/feed"] = Reply(200, (FEEDS / "nodates.xml").read_bytes())
    add(sqlite_store, server.url("/feed"))
    before = datetime.now(UTC)
    summary = collector(sqlite_store, full_text=False, analyse=False).run()
    arts = stored(sqlite_store)
    assert summary.new_articles == 2 and len(arts) == 2
    assert all(a.published is None and a.time >= before - timedelta(seconds=1) for a in arts)


def test_unreachable_feeds_are_an_outage_not_a_backoff(sqlite_store):
    import socket

    ports = []
    for _ in range(2):  # ports with nobody listening: connection refused
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            ports.append(s.getsockname()[1])
    ids = [add(sqlite_store, f"http://127.0.0.1:{p}/feed") for p in ports]
    summary = collector(sqlite_store, fetch_retries=0).run()
    assert summary.offline and summary.failed == 2
    info = feed_of(sqlite_store, ids[0])
    assert info.consecutive_failures == 0 and info.health == "unreachable" and "refused" in info.last_error


def test_a_pass_flows_through_the_pipeline_into_a_story(server, sqlite_store):
    """Two outlets' teaser feeds point at their pages about one event: one story, two articles, analysed."""
    for outlet, prefix, path in (("Globe Wire", "000", "/globe"), ("France 24", "003", "/f24")):
        paras = sample_paragraphs(prefix)
        title = paras[0][:80]
        server.routes[f"{path}/story"] = Reply(200, article_page(title, paras, outlet), {"Content-Type": "text/html"})
        server.routes[f"{path}/rss"] = Reply(200, rss(outlet, server.url(path), [
            {"title": title, "link": server.url(f"{path}/story"), "date": datetime(2022, 2, 4, 9, tzinfo=UTC),
             "description": paras[0][:150] + "…"}]))
        add(sqlite_store, server.url(f"{path}/rss"), source=outlet)
    summary = collector(sqlite_store).run()
    assert summary.new_articles == 2 and summary.stories_analysed >= 1
    arts = stored(sqlite_store)
    assert len({a.story_id for a in arts}) == 1 and arts[0].story_id is not None
    with sqlite_store.read() as conn:
        story = sqlite_store.get_story(conn, arts[0].story_id)
        analysis = sqlite_store.get_analysis(conn, story.id)
    assert story.article_count == 2 and story.source_count == 2
    assert analysis is not None and len(analysis["articles"]) == 2


# -- the service ------------------------------------------------------------------------------------
def test_service_reports_unreachable_feeds_and_keeps_running(sqlite_store):
    from storywire.service import run_service

    add(sqlite_store, "http://127.0.0.1:9/a")  # port 9 (discard): nothing listens
    add(sqlite_store, "http://127.0.0.1:9/b")
    console = Console(record=True, width=200)
    stop = threading.Event()
    passes = []

    def second_loop() -> None:  # a periodic task: runs after the first pass; stop on its second run
        passes.append(1)
        if len(passes) == 2:
            stop.set()

    settings = test_settings(fetch_retries=0)
    run_service(settings, sqlite_store, console, stop=stop, periodic=[(0.0, second_loop)],
                collector=Collector(sqlite_store, settings))
    text = console.export_text()
    assert "could not reach any of the 2 feeds" in text and "keeps running" in text
    assert len(passes) == 2 and "storywire stopped" in text


# -- the CLI ----------------------------------------------------------------------------------------
@pytest.fixture
def cli_app():
    from storywire.cli import app

    return app


def invoke(app, db, *args, env=None):
    env = {"STORYWIRE_ALLOW_PRIVATE_ADDRESSES": "1", "STORYWIRE_FETCH_HOST_DELAY": "0", "STORYWIRE_ANALYSE": "0",
           **(env or {})}
    return CliRunner().invoke(app, ["--db", str(db), *args], env=env)


def test_cli_add_discovers_lists_exports_imports_and_removes(server, tmp_path, cli_app):
    db = tmp_path / "s.db"
    server.routes["/"] = Reply(200, b'<html><head><title>Gazette</title><link rel="alternate" '
                                    b'type="application/rss+xml" href="/feeds/world.xml"></head>'
                                    b'<body>Home</body></html>',
                               {"Content-Type": "text/html"})
    server.routes["/feeds/world.xml"] = Reply(200, (FEEDS / "rss2.xml").read_bytes(),
                                              {"Content-Type": "application/rss+xml"})
    server.routes["/page"] = Reply(200, b"<html><head></head><body>No feeds here</body></html>",
                                   {"Content-Type": "text/html"})
    r = invoke(cli_app, db, "feeds", "add", server.url("/"), "--name", "The Gazette", "--category", "World")
    assert r.exit_code == 0, r.output
    assert "added feed 1: The Gazette" in r.output and server.url("/feeds/world.xml") in r.output
    r = invoke(cli_app, db, "feeds", "add", server.url("/page"))
    assert r.exit_code != 0 and "links to no feed" in str(r.exception or r.output)
    r = invoke(cli_app, db, "feeds", "add", server.url("/feeds/world.xml"))
    assert "already following" in r.output
    opml = invoke(cli_app, db, "feeds", "export")
    assert opml.exit_code == 0 and 'xmlUrl="' + server.url("/feeds/world.xml") in opml.stdout
    other = tmp_path / "other.db"
    (tmp_path / "out.opml").write_text(opml.stdout)
    r = invoke(cli_app, other, "feeds", "import", str(tmp_path / "out.opml"))
    assert "1 feed added" in r.output
    listed = invoke(cli_app, other, "feeds", "list")
    assert "The Gazette" in listed.output and "never fetched" in listed.output
    r = invoke(cli_app, db, "fetch")
    assert r.exit_code == 0 and "1 ok" in r.output and "2 new articles" in r.output
    listed = invoke(cli_app, db, "feeds", "list")
    assert " ok " in listed.output
    r = invoke(cli_app, db, "feeds", "remove", "1")
    assert "removed feed 1" in r.output
    assert "no feeds" in invoke(cli_app, db, "feeds", "list").output


def test_cli_init_imports_the_default_list_once(tmp_path, cli_app):
    db = tmp_path / "s.db"
    r = invoke(cli_app, db, "init")
    assert r.exit_code == 0 and "now following" in r.output
    n = int(r.output.split("now following ")[1].split()[0])
    assert n >= 30
    again = invoke(cli_app, db, "init")
    assert f"{n} feeds already followed" in again.output


# -- SIGTERM during a pass ----------------------------------------------------------------------------
RUNNER = """
import sys
from storywire.cli import main
sys.argv = ["storywire"] + sys.argv[1:]
main()
"""


@pytest.mark.slow
def test_sigterm_during_a_pass_loses_nothing_and_half_writes_nothing(server, tmp_path):
    db = tmp_path / "s.db"
    from storywire.store import open_store

    store = open_store(str(db))
    slow = {"on": True}
    fast_ids, slow_ids = [], []
    for i in range(8):
        items = [{"title": f"Feed {i} item {j}", "link": server.url(f"/a/{i}/{j}"), "guid": f"{i}-{j}",
                  "description": f"Dispatch {i}-{j} from the coast. " + " ".join(LONG)} for j in range(3)]
        body = rss(f"Outlet {i}", server.url("/"), items)
        delayed = i >= 4
        server.routes[f"/feed/{i}"] = (
            lambda b, d: lambda req: Reply(200, b, {"ETag": '"x"'}, delay=30.0 if d and slow["on"] else 0)
        )(body, delayed)
        (slow_ids if delayed else fast_ids).append(add(store, server.url(f"/feed/{i}"), source=f"Outlet {i}"))
    store.close()
    env = {**os.environ, "STORYWIRE_ALLOW_PRIVATE_ADDRESSES": "1", "STORYWIRE_FETCH_HOST_DELAY": "0",
           "STORYWIRE_ANALYSE": "0", "STORYWIRE_FETCH_PER_HOST": "16", "STORYWIRE_FETCH_TIMEOUT": "60"}
    proc = subprocess.Popen([sys.executable, "-c", RUNNER, "--db", str(db), "run", "--no-web", "--no-briefings"],
                            env=env, cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:  # wait until the fast feeds are stored and the slow ones hang
            check = open_store(str(db))
            with check.read() as conn:
                done = conn.execute(sa.select(sa.func.count()).select_from(articles)).scalar()
            check.close()
            if done >= 12 and all(server.hits(f"/feed/{i}") for i in range(8)):
                break
            time.sleep(0.2)
        else:
            pytest.fail("the fast feeds were not stored in time")
        proc.send_signal(signal.SIGTERM)
        output, _ = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 0, output
    assert "SIGTERM" in output and "storywire stopped" in output
    store = open_store(str(db))
    with store.read() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        feeds = {f.id: f for f in store.list_feeds(conn)}
        count = store.count_articles(conn)
    assert count == 12
    for fid in fast_ids:
        assert feeds[fid].last_success is not None and feeds[fid].articles == 3 and feeds[fid].etag == '"x"'
    for fid in slow_ids:  # cancelled: no validators saved, not counted as failures, so fetched in full next time
        assert feeds[fid].last_success is None and feeds[fid].etag is None and feeds[fid].consecutive_failures == 0
    slow["on"] = False
    summary = Collector(store, test_settings(analyse=False)).run()
    assert summary.ok == 4 and summary.new_articles == 12
    with store.read() as conn:
        assert store.count_articles(conn) == 24
    store.close()
