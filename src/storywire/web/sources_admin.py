"""Managing subscriptions from the web and the API: add and remove feeds, OPML in and out.

Adding a feed fetches it first (through the guarded fetcher, so the SSRF guard and size limits
apply): a typo or a page that is not a feed is refused at once instead of failing silently at the
next poll, and a site's home page is resolved to the feed it advertises.
"""
from __future__ import annotations

from dataclasses import asdict

from ..config import Settings
from ..errors import FetchError, InputError
from ..ingest.opml import Subscription, export_opml as _export, import_opml  # noqa: F401 (the web import path)


def resolve_feed(settings: Settings, url: str) -> tuple[str, str | None, str | None, int]:
    """(feed URL to store, its title, its site URL, entries now): the URL itself when it is a feed,
    else the first feed its page links to."""
    from ..ingest.discover import find_feeds
    from ..ingest.feeds import parse_feed, sniff
    from ..ingest.fetch import fetch_url

    res = fetch_url(settings, url)
    if not res.ok:
        raise FetchError(f"{url}: {res.error}")
    if sniff(res.body, res.content_type) == "html":
        found = find_feeds(res.text(), res.final_url or url)
        if not found:
            raise InputError(f"{url} is a web page that links to no feed; give the feed's own address")
        url = found[0].url
        res = fetch_url(settings, url)
        if not res.ok:
            raise FetchError(f"{url}: {res.error}")
    parsed = parse_feed(res.body, res.final_url or url, res.content_type)
    return res.permanent_redirect or url, parsed.title, parsed.site_url, len(parsed.entries)


def add_feed(store, settings: Settings, url: str, title: str | None = None, category: str | None = None,
             check: bool = True) -> dict:
    """Subscribe (after a check fetch); ``title`` names the outlet, else the feed's own title does."""
    from ..ingest.fetch import check_url

    url = url.strip()
    check_url(url)
    feed_title = site = None
    entries = None
    if check:
        url, feed_title, site, entries = resolve_feed(settings, url)
    name = (title or "").strip() or feed_title
    with store.atomic() as conn:
        feed_id, new = store.add_feed(conn, url, title=name, site_url=site, category=(category or "").strip() or None,
                                      source=name)
    return {"id": feed_id, "url": url, "title": name, "site_url": site, "category": category, "new": new,
            "entries": entries}


def remove_feed(store, feed_id: int) -> None:
    with store.atomic() as conn:
        store.remove_feed(conn, int(feed_id))


def export_opml(store) -> str:
    with store.read() as conn:
        feeds = store.list_feeds(conn)
    return _export([Subscription(url=f.url, title=f.title or f.source, site_url=f.site_url, category=f.category)
                    for f in feeds])


def feed_rows(store, conn) -> list[dict]:
    """The feeds as plain dicts with their name and health, for the sources page and the API."""
    return [{**asdict(f), "name": f.name, "health": f.health} for f in store.list_feeds(conn)]
