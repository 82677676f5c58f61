"""Following a feed: check it by fetching it (a home page resolves to the feed it links to), then store it.

The one path for `storywire feeds add`, the sources page and the API.
"""
from __future__ import annotations

from ..config import Settings
from ..errors import FetchError, InputError


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
