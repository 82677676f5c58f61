"""Managing subscriptions from the web and the API: remove feeds, OPML out, the sources table.

Adding a feed and importing OPML are :func:`storywire.ingest.subscribe.add_feed` and
:func:`storywire.ingest.opml.import_opml`, shared with the CLI (adding fetches the feed first
through the guarded fetcher: a typo or a page that is not a feed is refused at once).
"""
from __future__ import annotations

from dataclasses import asdict

from ..store.base import Connection, Store


def remove_feed(store: Store, feed_id: int) -> None:
    with store.atomic() as conn:
        store.remove_feed(conn, int(feed_id))


def feed_rows(store: Store, conn: Connection) -> list[dict]:
    """The feeds as plain dicts with their name and health, for the sources page and the API."""
    return [{**asdict(f), "name": f.name, "health": f.health} for f in store.list_feeds(conn)]
