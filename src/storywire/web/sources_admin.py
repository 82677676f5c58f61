"""Managing subscriptions from the web and the API: add and remove feeds, OPML in and out.

Thin glue over the store's feed methods and ``storywire.ingest.opml``, shared by the HTML pages and
the JSON API so both validate the same way.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from ..config import Settings
from ..errors import InputError
from ..ingest.opml import Subscription, export_opml as _export, parse_opml


def check_url(url: str) -> str:
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"{url!r} is not a web address: give the feed's http(s) URL")
    return url


def add_feed(store, settings: Settings, url: str, title: str | None = None, category: str | None = None) -> dict:
    url = check_url(url)
    with store.atomic() as conn:
        feed_id = store.add_feed(conn, url, title=title, category=category)
    return {"id": feed_id, "url": url, "title": title, "category": category}


def remove_feed(store, feed_id: int) -> None:
    with store.atomic() as conn:
        store.remove_feed(conn, feed_id)


def import_opml(store, data: bytes, origin: str = "OPML") -> dict:
    """Subscribe to every feed of an OPML file; feeds already there are counted, not duplicated."""
    subs = parse_opml(data, origin)
    if not subs:
        raise InputError(f"{origin}: no feeds in this OPML file")
    with store.read() as conn:
        known = {f["url"] for f in store.list_feeds(conn)}
    added = 0
    with store.atomic() as conn:
        for s in subs:
            if s.url in known:
                continue
            store.add_feed(conn, s.url, title=s.title, category=s.category, site_url=s.site_url)
            added += 1
    return {"found": len(subs), "added": added, "known": len(subs) - added}


def export_opml(store) -> str:
    with store.read() as conn:
        feeds = store.list_feeds(conn)
    return _export([Subscription(url=f["url"], title=f.get("title"), site_url=f.get("site_url"),
                                 category=f.get("category")) for f in feeds])
