"""Subscribed feeds, their fetch state and health, and when each is next due.

Scheduling lives here because it is state: each feed keeps its own interval, adapted to how often it
publishes (poll roughly twice per typical gap between posts, within the configured bounds), and a
feed that keeps failing is backed off exponentially (up to a day) rather than hammered.
"""
from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ..clock import utcnow
from ..errors import NotFound
from .schema import articles, feeds, sources

MAX_BACKOFF_S = 24 * 3600.0
FeedHealth = Literal["ok", "never fetched", "unreachable", "failing", "backed off"]


@dataclass(frozen=True)
class FeedInfo:
    id: int
    url: str
    title: str | None
    site_url: str | None
    source: str | None  # the outlet name its articles are stored under
    category: str | None
    etag: str | None
    last_modified: str | None
    last_checked: datetime | None
    last_success: datetime | None
    last_error: str | None
    consecutive_failures: int
    interval_s: float
    next_check: datetime | None
    created: datetime
    articles: int = 0

    @property
    def name(self) -> str:
        return self.source or self.title or self.url

    @property
    def health(self) -> FeedHealth:
        """"ok", "never fetched", "unreachable" (network down), "failing" (1-2 in a row) or "backed off"."""
        if self.consecutive_failures >= 3:
            return "backed off"
        if self.consecutive_failures:
            return "failing"
        failed_last = self.last_success is None or bool(self.last_checked and self.last_checked > self.last_success)
        if self.last_error and failed_last:
            return "unreachable"
        return "ok" if self.last_success else "never fetched"


def adapt_interval(previous_s: float, entry_times: Iterable[datetime | None], new_entries: int, now: datetime,
                   min_s: float, max_s: float) -> float:
    """The next polling interval, in seconds.

    With dated entries: half the median gap between the newest (up to 20) posts, lengthened for a feed
    that has gone quiet (a quarter of the time since its newest post). Without dates: shrink by half
    when something new arrived, grow by half when nothing did.
    """
    times = sorted({t for t in entry_times if t is not None and t <= now + timedelta(hours=1)}, reverse=True)[:20]
    if len(times) >= 2:
        gaps = [(a - b).total_seconds() for a, b in zip(times, times[1:], strict=False)]
        target = statistics.median(gaps) / 2
        target = max(target, (now - times[0]).total_seconds() / 4)
    else:
        target = previous_s * (0.5 if new_entries else 1.5)
    return float(min(max_s, max(min_s, target)))


def failure_delay(interval_s: float, failures: int, retry_after: float | None = None) -> float:
    """Seconds until the next attempt after ``failures`` failures in a row: doubling, capped at a day."""
    delay = min(MAX_BACKOFF_S, interval_s * 2 ** min(failures, 16))
    return max(delay, retry_after or 0.0)


_COLUMNS = (feeds, sources.c.name.label("source"))


def _row(row: sa.Row, counts: dict[int, int] | None = None) -> FeedInfo:
    m = row._mapping
    return FeedInfo(
        id=m["id"], url=m["url"], title=m["title"], site_url=m["site_url"], source=m["source"],
        category=m["category"], etag=m["etag"], last_modified=m["last_modified"], last_checked=m["last_checked"],
        last_success=m["last_success"], last_error=m["last_error"],
        consecutive_failures=m["consecutive_failures"] or 0, interval_s=m["interval_s"],
        next_check=m["next_check"], created=m["created"], articles=(counts or {}).get(m["id"], 0),
    )


class SubscriptionsMixin:
    engine: sa.Engine

    def _select_feeds(self) -> sa.Select:
        return sa.select(*_COLUMNS).select_from(feeds.outerjoin(sources, feeds.c.source_id == sources.c.id))

    # -- subscriptions ------------------------------------------------------------------------
    def add_feed(self, conn: sa.Connection, url: str, title: str | None = None, site_url: str | None = None,
                 category: str | None = None, source: str | None = None,
                 interval_s: float | None = None) -> tuple[int, bool]:
        """Subscribe to ``url``; returns (feed id, True if new). An existing subscription is left as is.

        ``source`` is the outlet name its articles get (default: the title; else, at the first fetch,
        the feed's own title or its host name).
        """
        existing = conn.execute(sa.select(feeds.c.id).where(feeds.c.url == url)).scalar()
        if existing is not None:
            return existing, False
        name = source or title
        # without a name yet, the first fetch names the outlet after the feed's title
        source_id = self.source_id(conn, name, homepage=site_url) if name else None  # type: ignore[attr-defined]
        values = dict(url=url, title=title, site_url=site_url, category=category, source_id=source_id,
                      created=utcnow(), consecutive_failures=0)
        if interval_s is not None:
            values["interval_s"] = interval_s
        insert = (sqlite_insert if conn.dialect.name == "sqlite" else pg_insert)(feeds)
        new_id = conn.execute(insert.values(**values).on_conflict_do_nothing().returning(feeds.c.id)).scalar()
        if new_id is None:  # a concurrent writer subscribed it first
            return conn.execute(sa.select(feeds.c.id).where(feeds.c.url == url)).scalar_one(), False
        return new_id, True

    def list_feeds(self, conn: sa.Connection) -> list[FeedInfo]:
        """All feeds by category and name, with how many articles each brought."""
        counts: dict[int, int] = dict(conn.execute(
            sa.select(articles.c.feed_id, sa.func.count()).where(articles.c.feed_id.is_not(None))
            .group_by(articles.c.feed_id)).all())
        rows = conn.execute(self._select_feeds().order_by(sa.func.coalesce(feeds.c.category, ""),
                                                          sa.func.lower(sa.func.coalesce(sources.c.name, feeds.c.url)),
                                                          feeds.c.id))
        return [_row(r, counts) for r in rows]

    def get_feed(self, conn: sa.Connection, feed: int | str) -> FeedInfo:
        """A feed by id, or by URL (a string of digits counts as an id)."""
        if isinstance(feed, int) or str(feed).isdigit():
            where = feeds.c.id == int(feed)
        else:
            where = feeds.c.url == str(feed).strip()
        row = conn.execute(self._select_feeds().where(where)).first()
        if row is None:
            raise NotFound(f"no feed {feed!r} (see `storywire feeds list`)")
        return _row(row)

    def remove_feed(self, conn: sa.Connection, feed: int | str) -> FeedInfo:
        """Unsubscribe; articles already collected stay (they just no longer point at the feed)."""
        info = self.get_feed(conn, feed)
        conn.execute(articles.update().where(articles.c.feed_id == info.id).values(feed_id=None))
        conn.execute(feeds.delete().where(feeds.c.id == info.id))
        return info

    def update_feed(self, conn: sa.Connection, feed_id: int, **values: object) -> None:
        """Change stored columns (url after a permanent redirect, title, site_url, category) or the
        outlet name (``source``)."""
        if values.get("source"):
            values["source_id"] = self.source_id(conn, str(values.pop("source")))  # type: ignore[attr-defined]
        values.pop("source", None)
        allowed = {"url", "title", "site_url", "category", "source_id"}
        unknown = set(values) - allowed
        if unknown:
            raise ValueError(f"cannot update feed columns {sorted(unknown)}")
        if values:
            conn.execute(feeds.update().where(feeds.c.id == feed_id).values(**values))

    def known_feed_url(self, conn: sa.Connection, url: str) -> bool:
        return conn.execute(sa.select(feeds.c.id).where(feeds.c.url == url)).first() is not None

    def count_feeds(self, conn: sa.Connection) -> int:
        return conn.execute(sa.select(sa.func.count()).select_from(feeds)).scalar_one()

    # -- scheduling ---------------------------------------------------------------------------
    def due_feeds(self, conn: sa.Connection, now: datetime | None = None, limit: int | None = None) -> list[FeedInfo]:
        """Feeds whose next check has come (never-checked ones first, then the most overdue)."""
        now = now or utcnow()
        stmt = (self._select_feeds().where(sa.or_(feeds.c.next_check.is_(None), feeds.c.next_check <= now))
                .order_by(feeds.c.next_check.is_not(None), feeds.c.next_check, feeds.c.id))
        if limit:
            stmt = stmt.limit(limit)
        return [_row(r) for r in conn.execute(stmt)]

    def next_due(self, conn: sa.Connection) -> datetime | None:
        """When the next feed falls due (None: no feeds; a past time: some are due now)."""
        if conn.execute(sa.select(feeds.c.id).where(feeds.c.next_check.is_(None)).limit(1)).first():
            return datetime.min.replace(tzinfo=UTC)
        return conn.execute(sa.select(sa.func.min(feeds.c.next_check))).scalar()

    def record_fetch_success(self, conn: sa.Connection, feed_id: int, *, now: datetime | None = None,
                             etag: str | None = None, last_modified: str | None = None,
                             entry_times: Sequence[datetime | None] = (), new_entries: int = 0,
                             not_modified: bool = False, min_interval_s: float = 600.0,
                             max_interval_s: float = 14400.0) -> float:
        """A good fetch: health reset, validators kept, interval adapted; returns the new interval (s).

        Call it only after the entries are stored: validators saved before the articles would make the
        next fetch a 304 and lose them.
        """
        now = now or utcnow()
        previous = conn.execute(sa.select(feeds.c.interval_s, feeds.c.etag, feeds.c.last_modified)
                                .where(feeds.c.id == feed_id)).first()
        if previous is None:
            raise NotFound(f"no feed with id {feed_id}")
        interval = adapt_interval(previous.interval_s, [] if not_modified else entry_times,
                                  0 if not_modified else new_entries, now, min_interval_s, max_interval_s)
        conn.execute(feeds.update().where(feeds.c.id == feed_id).values(
            etag=previous.etag if not_modified and not etag else etag,
            last_modified=previous.last_modified if not_modified and not last_modified else last_modified,
            last_checked=now, last_success=now, last_error=None, consecutive_failures=0,
            interval_s=interval, next_check=now + timedelta(seconds=interval)))
        return interval

    def record_fetch_failure(self, conn: sa.Connection, feed_id: int, error: str, *, now: datetime | None = None,
                             retry_after: float | None = None, count: bool = True) -> datetime:
        """A failed fetch: error kept, failures counted, next check pushed back; returns the next check.

        ``count=False`` (every feed failed at once: our own network is down) records the error but
        retries after ``retry_after`` (else the feed's interval) instead of backing this feed off.
        """
        now = now or utcnow()
        row = conn.execute(sa.select(feeds.c.interval_s, feeds.c.consecutive_failures)
                           .where(feeds.c.id == feed_id)).first()
        if row is None:
            raise NotFound(f"no feed with id {feed_id}")
        failures = (row.consecutive_failures or 0) + (1 if count else 0)
        if count:
            delay = failure_delay(row.interval_s, failures, retry_after)
        else:
            delay = retry_after if retry_after is not None else row.interval_s
        next_check = now + timedelta(seconds=delay)
        conn.execute(feeds.update().where(feeds.c.id == feed_id).values(
            last_checked=now, last_error=error[:1000], consecutive_failures=failures, next_check=next_check))
        return next_check

    def known_urls(self, conn: sa.Connection, urls: Iterable[str]) -> set[str]:
        """Which of these article URLs are already stored (so their pages are not fetched again)."""
        wanted = sorted({u for u in urls if u})
        found: set[str] = set()
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            found.update(r[0] for r in conn.execute(sa.select(articles.c.url).where(articles.c.url.in_(chunk))))
        return found

    def known_external_ids(self, conn: sa.Connection, source: str, ids: Iterable[str]) -> set[str]:
        """Which of these entry ids the outlet ``source`` already has (a guid outlives URL changes)."""
        wanted = sorted({i for i in ids if i})
        source_id = conn.execute(sa.select(sources.c.id).where(sources.c.name == source)).scalar()
        if source_id is None or not wanted:
            return set()
        found: set[str] = set()
        for i in range(0, len(wanted), 500):
            found.update(r[0] for r in conn.execute(sa.select(articles.c.external_id).where(
                articles.c.source_id == source_id, articles.c.external_id.in_(wanted[i:i + 500]))))
        return found
