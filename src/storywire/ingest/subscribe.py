"""Following a feed: check it by fetching it (a home page resolves to the feed it links to), then store it.

``add_feed`` is the one path for `storywire feeds add`, the sources page and the API; ``follow_feed`` the one
for a reader's own subscriptions (the reading page's form, the Google Reader API's subscribe and quickadd).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..config import Settings
from ..errors import FetchError, InputError

if TYPE_CHECKING:
    from ..store.reading import Subscription


def resolve_feed(settings: Settings, url: str) -> dict:
    """The URL itself when it is a feed, else the first feed its page links to, fetched and parsed.

    Returns {"url" (to store: after a permanent redirect), "title", "site_url", "entries", "also_offered"}.
    """
    from .discover import find_feeds
    from .feed_parser import parse_feed, sniff
    from .fetch import fetch_url

    res = fetch_url(settings, url)
    if not res.ok:
        raise FetchError(f"{url}: {res.error}")
    also: list[str] = []
    if sniff(res.body, res.content_type) == "html":
        found = find_feeds(res.text(), res.final_url or url)
        if not found:
            raise InputError(f"{url} is a web page that links to no feed (no <link rel=\"alternate\">); "
                             "give the feed's URL")
        also = [f"{other.url} ({other.title or other.kind})" for other in found[1:]]
        url = found[0].url
        res = fetch_url(settings, url)
        if not res.ok:
            raise FetchError(f"{url}: {res.error}")
    parsed = parse_feed(res.body, res.final_url or url, res.content_type)
    return {"url": res.permanent_redirect or url, "title": parsed.title, "site_url": parsed.site_url,
            "entries": len(parsed.entries), "also_offered": also}


def add_feed(store, settings: Settings, url: str, title: str | None = None, category: str | None = None,
             check: bool = True) -> dict:
    """Subscribe (after a check fetch unless ``check`` is off); ``title`` names the outlet, else the
    feed's own title does."""
    from .fetch import check_url

    url = url.strip()
    check_url(url)
    found = resolve_feed(settings, url) if check else {"url": url, "title": None, "site_url": None,
                                                        "entries": None, "also_offered": []}
    name = (title or "").strip() or found["title"]
    with store.atomic() as conn:
        feed_id, new = store.add_feed(conn, found["url"], title=name, site_url=found["site_url"],
                                      category=(category or "").strip() or None, source=name)
    return {"id": feed_id, "url": found["url"], "title": name, "site_url": found["site_url"], "category": category,
            "new": new, "entries": found["entries"], "also_offered": found["also_offered"]}


def follow_feed(store, settings: Settings, user_id: int, url: str, folder: str | None = None,
                title: str | None = None) -> tuple[Subscription, bool]:
    """Subscribe a reader to ``url``: a feed already fetched for anyone as it is (one feed row per URL), else
    after a check fetch through the guarded fetcher (no private addresses), a home page resolving to the feed
    it links to. ``title`` is the reader's name for it (default: the feed's title). Returns what
    ``Store.subscribe`` returns: (the subscription, True when the reader did not follow it before)."""
    from .fetch import check_url

    url = url.strip()
    check_url(url)
    with store.read() as conn:
        known = store.known_feed_url(conn, url)
    if not known:
        found = resolve_feed(settings, url)
        url, title = found["url"], title if title is not None else found["title"]
    with store.atomic() as conn:
        return store.subscribe(conn, user_id, url, folder=folder, title=title)
