"""Per-user reading state over the shared articles: read, starred, labels; personal subscriptions in folders.

Fetching stays shared (one ``feeds`` row per URL whoever follows it); what is personal is which feeds a
reader follows, in which folder and under which title, and what they read, starred or labelled.

Rules the methods keep:

- **Subscriptions.** A reader who never changed their list follows every feed the admin added, each
  in the folder of its category. Their first subscribe, unsubscribe, move or rename copies that list
  into their own (``user_feeds``), which from then on is the whole truth for them. A feed a reader's
  subscribe added is theirs (and their co-subscribers'), not everybody's; when its last reader
  leaves, the shared feed is removed (its articles stay).
- **Unread is bounded.** An article is unread for a reader when they did not mark it read and it is
  at most ``UNREAD_DAYS`` old by its own time (published, else fetched); marking an older one unread
  keeps it unread. So a new reader starts with the last two weeks unread, not the whole archive.
- **Reading list.** The articles of the feeds a reader follows; articles from files (no feed) are in
  stories but in nobody's reading list. Starred articles, labels and stories are not limited to it.
- Ids that name no article are ignored; a user's rows go when the user or the article goes (cascades).
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ..clock import utcnow
from ..errors import InputError, NotFound
from ..links import http_link
from .articles import WHEN
from .schema import article_labels, article_states, articles, feeds, reading_lists, sources, stories, user_feeds

UNREAD_DAYS = 14
MAX_LABEL = 200
StoryReadKind = Literal["unread", "read", "updated"]


@dataclass(frozen=True)
class Subscription:
    """A feed a reader follows: ``title`` is what to show (their own title, else the feed's)."""

    feed_id: int
    url: str
    title: str
    folder: str | None
    site_url: str | None
    custom_title: str | None  # the reader's own title, None when they kept the feed's


@dataclass(frozen=True)
class UnreadCounts:
    """Unread articles of a reader's subscriptions: in all, per feed id and per folder (feeds in no
    folder count only in ``total`` and ``feeds``); ``newest`` is each feed's newest unread article time."""

    total: int
    feeds: dict[int, int]
    folders: dict[str, int]
    newest: dict[int, datetime]


@dataclass(frozen=True)
class StoryReadState:
    """``unread``: the reader read none of the story's articles; ``read``: all of them; ``updated``: some,
    and ``new_article_ids`` (oldest first) are the unread ones (those that came after they read it)."""

    state: StoryReadKind
    new_article_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class StreamQuery:
    """Which articles a stream holds. With none of feed_id, folder, label, story_id or starred: the
    reader's reading list. ``label`` is an article label (folders go in ``folder``). ``since`` and
    ``until`` bound the article time (since <= time < until)."""

    feed_id: int | None = None
    folder: str | None = None
    label: str | None = None
    story_id: int | None = None
    starred: bool = False
    only: Literal["all", "unread", "read"] = "all"
    not_starred: bool = False
    since: datetime | None = None
    until: datetime | None = None
    oldest_first: bool = False


@dataclass(frozen=True)
class StreamEntry:
    """One article of a stream page; (time, article_id) is the key to continue after it."""

    article_id: int
    time: datetime


@dataclass(frozen=True)
class ReadingItem:
    """An article as reader apps show it, with this reader's state of it."""

    id: int
    title: str
    url: str | None
    text: str
    authors: tuple[str, ...]
    time: datetime  # published, else fetched
    fetched: datetime
    language: str | None
    source: str
    feed_id: int | None
    feed_title: str | None
    feed_url: str | None
    site_url: str | None
    story_id: int | None
    story_title: str | None
    read: bool
    starred: bool
    labels: tuple[str, ...]


def _insert(conn: sa.Connection, table: sa.Table):  # noqa: ANN202 - the dialect's insert
    return (sqlite_insert if conn.dialect.name == "sqlite" else pg_insert)(table)


def _is_read(now: datetime) -> sa.ColumnElement[bool]:
    """Read (never NULL), over ``articles`` outer-joined to the reader's ``article_states`` row: the
    explicit mark, else whether the article is older than UNREAD_DAYS."""
    return sa.func.coalesce(article_states.c.read, WHEN < now - timedelta(days=UNREAD_DAYS), type_=sa.Boolean)


def _unread_clause(now: datetime) -> sa.ColumnElement[bool]:
    return _is_read(now) == sa.false()


def _with_state(user_id: int) -> sa.FromClause:
    return articles.outerjoin(article_states, sa.and_(article_states.c.article_id == articles.c.id,
                                                      article_states.c.user_id == user_id))


def _folder(value: str | None) -> str | None:
    folder = " ".join((value or "").split())
    if len(folder) > MAX_LABEL:
        raise InputError(f"a folder name has at most {MAX_LABEL} characters")
    return folder or None


def _label(value: str) -> str:
    label = " ".join(value.split())
    if not label or len(label) > MAX_LABEL:
        raise InputError(f"a label has 1 to {MAX_LABEL} characters")
    return label


class ReadingMixin:
    # -- subscriptions ------------------------------------------------------------------------
    def list_subscriptions(self, conn: sa.Connection, user_id: int) -> list[Subscription]:
        """The feeds the reader follows, by folder (no folder first) then title."""
        source_name = sources.c.name
        if self._has_own_list(conn, user_id):
            stmt = (sa.select(feeds.c.id, feeds.c.url, feeds.c.title, feeds.c.site_url, source_name,
                              user_feeds.c.folder, user_feeds.c.title.label("custom"))
                    .select_from(user_feeds.join(feeds, feeds.c.id == user_feeds.c.feed_id)
                                 .outerjoin(sources, sources.c.id == feeds.c.source_id))
                    .where(user_feeds.c.user_id == user_id))
        else:
            stmt = (sa.select(feeds.c.id, feeds.c.url, feeds.c.title, feeds.c.site_url, source_name,
                              feeds.c.category.label("folder"), sa.null().label("custom"))
                    .select_from(feeds.outerjoin(sources, sources.c.id == feeds.c.source_id))
                    .where(feeds.c.id.not_in(sa.select(user_feeds.c.feed_id).where(user_feeds.c.brought == sa.true()))))
        subs = [Subscription(feed_id=r.id, url=r.url, title=r.custom or r.name or r.title or r.url,
                             folder=_folder(r.folder), site_url=r.site_url, custom_title=r.custom)
                for r in conn.execute(stmt)]
        return sorted(subs, key=lambda s: (s.folder is not None, (s.folder or "").lower(), s.title.lower(), s.feed_id))

    def folders(self, conn: sa.Connection, user_id: int) -> list[str]:
        """The reader's folder names, sorted."""
        return sorted({s.folder for s in self.list_subscriptions(conn, user_id) if s.folder}, key=str.lower)

    def subscription_feed_ids(self, conn: sa.Connection, user_id: int, folder: str | None = None) -> list[int]:
        """Ids of the feeds the reader follows (only those in ``folder`` when given)."""
        wanted = _folder(folder)
        return [s.feed_id for s in self.list_subscriptions(conn, user_id) if wanted is None or s.folder == wanted]

    def subscribe(self, conn: sa.Connection, user_id: int, url: str, folder: str | None = None,
                  title: str | None = None) -> tuple[Subscription, bool]:
        """Follow the feed at ``url`` (an http(s) URL), creating the shared feed row when nobody had it;
        returns (the subscription, True when the reader did not follow it before). Following a feed
        again only changes its folder or title when they are given."""
        url = url.strip()
        if not http_link(url):
            raise InputError(f"{url!r} is not an http(s) feed URL")
        self._own_list(conn, user_id)
        feed_id, brought = self.add_feed(conn, url)  # type: ignore[attr-defined]
        values: dict[str, object] = {}
        if folder is not None:
            values["folder"] = _folder(folder)
        if title is not None:
            values["title"] = " ".join(title.split()) or None
        created = conn.execute(_insert(conn, user_feeds).values(user_id=user_id, feed_id=feed_id, created=utcnow(),
                                                                brought=brought, **values)
                               .on_conflict_do_nothing().returning(user_feeds.c.feed_id)).first() is not None
        if not created and values:
            conn.execute(user_feeds.update().where(user_feeds.c.user_id == user_id, user_feeds.c.feed_id == feed_id)
                         .values(**values))
        return self._subscription(conn, user_id, feed_id), created

    def unsubscribe(self, conn: sa.Connection, user_id: int, feed_id: int) -> None:
        """Stop following a feed (its articles stay); NotFound when not followed. A feed a reader brought
        passes to another of its readers, or is removed with its last one."""
        self._subscription(conn, user_id, feed_id)
        self._own_list(conn, user_id)
        brought = conn.execute(user_feeds.delete().where(user_feeds.c.user_id == user_id,
                                                         user_feeds.c.feed_id == feed_id)
                               .returning(user_feeds.c.brought)).scalar()
        if not brought:
            return
        heir = conn.execute(sa.select(user_feeds.c.user_id).where(user_feeds.c.feed_id == feed_id).limit(1)).scalar()
        if heir is None:
            self.remove_feed(conn, feed_id)  # type: ignore[attr-defined]
        else:
            conn.execute(user_feeds.update().where(user_feeds.c.user_id == heir, user_feeds.c.feed_id == feed_id)
                         .values(brought=True))

    def move_subscription(self, conn: sa.Connection, user_id: int, feed_id: int, folder: str | None) -> None:
        """Put a followed feed in ``folder`` (None or "": in no folder)."""
        self._edit_subscription(conn, user_id, feed_id, folder=_folder(folder))

    def rename_subscription(self, conn: sa.Connection, user_id: int, feed_id: int, title: str | None) -> None:
        """Show a followed feed under the reader's own title (None or "": the feed's own again)."""
        self._edit_subscription(conn, user_id, feed_id, title=" ".join((title or "").split())[:MAX_LABEL] or None)

    def rename_folder(self, conn: sa.Connection, user_id: int, old: str, new: str | None) -> int:
        """Move every feed of folder ``old`` into ``new`` (None or "": out of any folder, i.e. the folder is
        removed; an existing name merges the two). Returns how many feeds moved; NotFound for no such folder."""
        old_name, new_name = _folder(old), _folder(new)
        if old_name is None or old_name not in self.folders(conn, user_id):
            raise NotFound(f"you have no folder {old!r}")
        self._own_list(conn, user_id)
        return conn.execute(user_feeds.update().where(user_feeds.c.user_id == user_id,
                                                      user_feeds.c.folder == old_name)
                            .values(folder=new_name)).rowcount

    def _subscription(self, conn: sa.Connection, user_id: int, feed_id: int) -> Subscription:
        for sub in self.list_subscriptions(conn, user_id):
            if sub.feed_id == feed_id:
                return sub
        raise NotFound(f"you do not follow feed {feed_id}")

    def _edit_subscription(self, conn: sa.Connection, user_id: int, feed_id: int, **values: object) -> None:
        self._subscription(conn, user_id, feed_id)
        self._own_list(conn, user_id)
        conn.execute(user_feeds.update().where(user_feeds.c.user_id == user_id, user_feeds.c.feed_id == feed_id)
                     .values(**values))

    def _has_own_list(self, conn: sa.Connection, user_id: int) -> bool:
        return conn.execute(sa.select(reading_lists.c.user_id).where(reading_lists.c.user_id == user_id)).first() \
            is not None

    def _own_list(self, conn: sa.Connection, user_id: int) -> None:
        """From the first change on, the reader's list is their own: copy the implicit one (every feed)."""
        if self._has_own_list(conn, user_id):
            return
        now = utcnow()
        inherited = [{"user_id": user_id, "feed_id": s.feed_id, "folder": s.folder, "created": now}
                     for s in self.list_subscriptions(conn, user_id)]
        if inherited:
            conn.execute(_insert(conn, user_feeds).on_conflict_do_nothing(), inherited)
        conn.execute(_insert(conn, reading_lists).values(user_id=user_id, created=now).on_conflict_do_nothing())

    # -- read, starred, labels ----------------------------------------------------------------
    def mark_read(self, conn: sa.Connection, user_id: int, article_ids: Iterable[int], read: bool = True) -> int:
        """Mark articles read (or unread with ``read=False``); returns how many of the ids exist."""
        ids = self._existing(conn, article_ids)
        if ids:
            now = utcnow()
            rows = [{"user_id": user_id, "article_id": i, "read": read, "read_at": now if read else None} for i in ids]
            stmt = _insert(conn, article_states)
            conn.execute(stmt.on_conflict_do_update(index_elements=["user_id", "article_id"],
                                                    set_={"read": stmt.excluded.read,
                                                          "read_at": stmt.excluded.read_at}), rows)
        return len(ids)

    def mark_all_read(self, conn: sa.Connection, user_id: int, *, feed_id: int | None = None,
                      folder: str | None = None, story_id: int | None = None, label: str | None = None,
                      starred: bool = False, before: datetime | None = None) -> int:
        """Mark read every unread article of the reading list, or only of one feed, folder, story (a story's
        articles whether followed or not), article label, or the starred ones; with ``before``, only
        articles fetched before that time (what a reader had loaded). Returns how many were marked."""
        query = StreamQuery(feed_id=feed_id, folder=folder, story_id=story_id, label=label, starred=starred,
                            only="unread")
        stmt = self._stream_select(conn, user_id, query, utcnow())
        if stmt is None:
            return 0
        if before is not None:
            stmt = stmt.where(articles.c.fetched < before)
        ids = [r.id for r in conn.execute(stmt)]
        return self.mark_read(conn, user_id, ids) if ids else 0

    def set_starred(self, conn: sa.Connection, user_id: int, article_ids: Iterable[int], starred: bool = True) -> int:
        """Star (save) articles, or unstar them; returns how many of the ids exist. Starring leaves read alone."""
        ids = self._existing(conn, article_ids)
        if ids:
            now = utcnow()
            rows = [{"user_id": user_id, "article_id": i, "read": None, "starred": starred,
                     "starred_at": now if starred else None} for i in ids]
            stmt = _insert(conn, article_states)
            conn.execute(stmt.on_conflict_do_update(index_elements=["user_id", "article_id"],
                                                    set_={"starred": stmt.excluded.starred,
                                                          "starred_at": stmt.excluded.starred_at}), rows)
        return len(ids)

    def set_labels(self, conn: sa.Connection, user_id: int, article_ids: Iterable[int], *,
                   add: Iterable[str] = (), remove: Iterable[str] = ()) -> int:
        """Add and remove the reader's labels on articles; returns how many of the ids exist."""
        ids = self._existing(conn, article_ids)
        adding, removing = [_label(x) for x in add], [_label(x) for x in remove]
        if ids and removing:
            conn.execute(article_labels.delete().where(article_labels.c.user_id == user_id,
                                                       article_labels.c.article_id.in_(ids),
                                                       article_labels.c.label.in_(removing)))
        if ids and adding:
            now = utcnow()
            conn.execute(_insert(conn, article_labels).on_conflict_do_nothing(),
                         [{"user_id": user_id, "article_id": i, "label": x, "created": now}
                          for i in ids for x in adding])
        return len(ids)

    def labels(self, conn: sa.Connection, user_id: int) -> list[str]:
        """The labels the reader put on articles, sorted."""
        rows = conn.execute(sa.select(article_labels.c.label).where(article_labels.c.user_id == user_id).distinct())
        return sorted((r[0] for r in rows), key=str.lower)

    def _existing(self, conn: sa.Connection, article_ids: Iterable[int]) -> list[int]:
        wanted = sorted({int(i) for i in article_ids})
        found: list[int] = []
        for i in range(0, len(wanted), 500):
            found += [r[0] for r in conn.execute(sa.select(articles.c.id).where(articles.c.id.in_(wanted[i:i + 500])))]
        return found

    # -- what a reader sees -------------------------------------------------------------------
    def unread_counts(self, conn: sa.Connection, user_id: int) -> UnreadCounts:
        """How many unread articles the reader has, per followed feed and per folder."""
        subs = self.list_subscriptions(conn, user_id)
        if not subs:
            return UnreadCounts(0, {}, {}, {})
        stmt = (sa.select(articles.c.feed_id, sa.func.count(), sa.func.max(WHEN)).select_from(_with_state(user_id))
                .where(articles.c.feed_id.in_([s.feed_id for s in subs]), _unread_clause(utcnow()))
                .group_by(articles.c.feed_id))
        per_feed, newest = {}, {}
        for feed_id, count, latest in conn.execute(stmt):
            per_feed[feed_id], newest[feed_id] = count, latest
        per_folder: dict[str, int] = {}
        for s in subs:
            if s.folder and s.feed_id in per_feed:
                per_folder[s.folder] = per_folder.get(s.folder, 0) + per_feed[s.feed_id]
        return UnreadCounts(sum(per_feed.values()), per_feed, per_folder, newest)

    def story_read_state(self, conn: sa.Connection, user_id: int,
                         story_ids: Iterable[int]) -> dict[int, StoryReadState]:
        """Each story's state for the reader (see StoryReadState); stories without articles are left out."""
        wanted = sorted(set(story_ids))
        if not wanted:
            return {}
        unread = _unread_clause(utcnow())
        rows = conn.execute(sa.select(articles.c.story_id, articles.c.id, unread.label("unread"))
                            .select_from(_with_state(user_id)).where(articles.c.story_id.in_(wanted))
                            .order_by(articles.c.story_id, WHEN, articles.c.id))
        by_story: dict[int, list[tuple[int, bool]]] = {}
        for story_id, article_id, is_unread in rows:
            by_story.setdefault(story_id, []).append((article_id, bool(is_unread)))
        states: dict[int, StoryReadState] = {}
        for story_id, members in by_story.items():
            fresh = tuple(a for a, is_unread in members if is_unread)
            if not fresh:
                states[story_id] = StoryReadState("read")
            elif len(fresh) == len(members):
                states[story_id] = StoryReadState("unread")
            else:
                states[story_id] = StoryReadState("updated", fresh)
        return states

    def saved_articles(self, conn: sa.Connection, user_id: int, limit: int = 50, offset: int = 0) -> list[ReadingItem]:
        """The reader's starred articles, most recently starred first."""
        ids = [r[0] for r in conn.execute(
            sa.select(article_states.c.article_id).where(article_states.c.user_id == user_id,
                                                         article_states.c.starred == sa.true())
            .order_by(article_states.c.starred_at.desc(), article_states.c.article_id.desc())
            .limit(limit).offset(offset))]
        return self.reading_items(conn, user_id, ids)

    def count_saved(self, conn: sa.Connection, user_id: int) -> int:
        return conn.execute(sa.select(sa.func.count()).select_from(article_states).where(
            article_states.c.user_id == user_id, article_states.c.starred == sa.true())).scalar_one()

    def article_read_states(self, conn: sa.Connection, user_id: int,
                            article_ids: Iterable[int]) -> dict[int, tuple[bool, bool]]:
        """(read, starred) for each existing article id, for pages that show marks next to articles."""
        ids = self._existing(conn, article_ids)
        if not ids:
            return {}
        unread = _unread_clause(utcnow())
        rows = conn.execute(sa.select(articles.c.id, unread.label("unread"), article_states.c.starred)
                            .select_from(_with_state(user_id)).where(articles.c.id.in_(ids)))
        return {r.id: (not r.unread, bool(r.starred)) for r in rows}

    def stream(self, conn: sa.Connection, user_id: int, query: StreamQuery, limit: int,
               after: StreamEntry | None = None) -> list[StreamEntry]:
        """One page of a stream, newest first (oldest first with ``query.oldest_first``); pass the last entry
        of a page as ``after`` to get the next."""
        stmt = self._stream_select(conn, user_id, query, utcnow())
        if stmt is None:
            return []
        if after is not None and query.oldest_first:
            stmt = stmt.where(sa.or_(WHEN > after.time, sa.and_(WHEN == after.time, articles.c.id > after.article_id)))
        elif after is not None:
            stmt = stmt.where(sa.or_(WHEN < after.time, sa.and_(WHEN == after.time, articles.c.id < after.article_id)))
        order = (WHEN.asc(), articles.c.id.asc()) if query.oldest_first else (WHEN.desc(), articles.c.id.desc())
        return [StreamEntry(r.id, r.time) for r in conn.execute(stmt.order_by(*order).limit(limit))]

    def stream_ids_by_number(self, conn: sa.Connection, user_id: int, query: StreamQuery, *,
                             since_id: int | None = None, max_id: int | None = None, limit: int = 50) -> list[int]:
        """Article ids of a stream in id order (Fever's paging): those above ``since_id`` lowest first,
        else those below ``max_id`` (or all) highest first."""
        stmt = self._stream_select(conn, user_id, query, utcnow())
        if stmt is None:
            return []
        if since_id is not None:
            stmt = stmt.where(articles.c.id > since_id).order_by(articles.c.id.asc())
        else:
            if max_id is not None:
                stmt = stmt.where(articles.c.id < max_id)
            stmt = stmt.order_by(articles.c.id.desc())
        return [r.id for r in conn.execute(stmt.limit(limit))]

    def _stream_select(self, conn: sa.Connection, user_id: int, query: StreamQuery, now: datetime) -> sa.Select | None:
        """The select of (id, time) of a stream's articles, unordered; None when the stream is empty."""
        stmt = sa.select(articles.c.id, WHEN.label("time")).select_from(_with_state(user_id))
        if query.story_id is not None:
            stmt = stmt.where(articles.c.story_id == query.story_id)
        if query.feed_id is not None:
            stmt = stmt.where(articles.c.feed_id == query.feed_id)
        if query.label is not None:
            stmt = stmt.where(articles.c.id.in_(sa.select(article_labels.c.article_id).where(
                article_labels.c.user_id == user_id, article_labels.c.label == _label(query.label))))
        if query.starred:
            stmt = stmt.where(article_states.c.starred == sa.true())
        if query.folder is not None or not (query.story_id is not None or query.feed_id is not None
                                            or query.label is not None or query.starred):
            feed_ids = self.subscription_feed_ids(conn, user_id, query.folder)
            if not feed_ids:
                return None
            stmt = stmt.where(articles.c.feed_id.in_(feed_ids))
        unread = _unread_clause(now)
        if query.only == "unread":
            stmt = stmt.where(unread)
        elif query.only == "read":
            stmt = stmt.where(_is_read(now) == sa.true())
        if query.not_starred:
            stmt = stmt.where(sa.or_(article_states.c.starred.is_(None), article_states.c.starred == sa.false()))
        if query.since is not None:
            stmt = stmt.where(WHEN >= query.since)
        if query.until is not None:
            stmt = stmt.where(WHEN < query.until)
        return stmt

    def reading_items(self, conn: sa.Connection, user_id: int, article_ids: Sequence[int]) -> list[ReadingItem]:
        """The articles with these ids, in the order given (unknown ids left out), with the reader's state."""
        ids = list(dict.fromkeys(int(i) for i in article_ids))
        if not ids:
            return []
        unread = _unread_clause(utcnow())
        found: dict[int, sa.Row] = {}
        for i in range(0, len(ids), 500):
            stmt = (sa.select(articles.c.id, articles.c.title, articles.c.url, articles.c.text, articles.c.authors,
                              WHEN.label("time"), articles.c.fetched, articles.c.language,
                              sources.c.name.label("source"),
                              articles.c.feed_id, feeds.c.title.label("feed_title"), feeds.c.url.label("feed_url"),
                              feeds.c.site_url, articles.c.story_id, stories.c.title.label("story_title"),
                              unread.label("unread"), article_states.c.starred)
                    .select_from(_with_state(user_id).join(sources, sources.c.id == articles.c.source_id)
                                 .outerjoin(feeds, feeds.c.id == articles.c.feed_id)
                                 .outerjoin(stories, stories.c.id == articles.c.story_id))
                    .where(articles.c.id.in_(ids[i:i + 500])))
            found.update((r.id, r) for r in conn.execute(stmt))
        labels: dict[int, list[str]] = {}
        for i in range(0, len(ids), 500):
            for article_id, label in conn.execute(sa.select(article_labels.c.article_id, article_labels.c.label).where(
                    article_labels.c.user_id == user_id, article_labels.c.article_id.in_(ids[i:i + 500]))
                    .order_by(article_labels.c.label)):
                labels.setdefault(article_id, []).append(label)
        return [_item(found[i], labels.get(i, [])) for i in ids if i in found]


def _item(row: sa.Row, labels: list[str]) -> ReadingItem:
    return ReadingItem(
        id=row.id, title=row.title, url=row.url, text=row.text, authors=tuple(json.loads(row.authors or "[]")),
        time=row.time, fetched=row.fetched, language=row.language, source=row.source, feed_id=row.feed_id,
        feed_title=row.feed_title, feed_url=row.feed_url, site_url=row.site_url, story_id=row.story_id,
        story_title=row.story_title or None, read=not row.unread, starred=bool(row.starred), labels=tuple(labels))
