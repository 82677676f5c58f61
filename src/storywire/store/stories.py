"""Stories (made by clustering), what ranking and pages read about them, their stored analyses and
entities, and the clustering engine's state."""
from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import NamedTuple

import sqlalchemy as sa

from ..clock import utcnow
from ..errors import NotFound, StoreError
from ..models import Article, Assignment, Story
from .articles import ARTICLE_COLUMNS, UNKNOWN_OUTLET, WHEN, row_to_article
from .schema import analyses, articles, engine_state, sources, stories, story_entities

# A story's span is that of its dated articles (an undated one never stretches it); a story of undated
# articles only has none (first_seen and last_seen are null: it is not news of any time).
SPAN_FIRST = sa.func.min(articles.c.published)
SPAN_LAST = sa.func.max(articles.c.published)
_KNOWN_OUTLETS = sa.func.count(sa.distinct(sa.case((sources.c.name != UNKNOWN_OUTLET, articles.c.source_id))))
_ANY_UNKNOWN = sa.func.max(sa.case((sources.c.name == UNKNOWN_OUTLET, 1), else_=0))
# Distinct outlets; articles of no known outlet count as one only where no known outlet covers the story.
OUTLETS = sa.func.coalesce(sa.case((_KNOWN_OUTLETS > 0, _KNOWN_OUTLETS), else_=_ANY_UNKNOWN), 0)


def _refresh_statement(with_title: bool) -> sa.Update:
    """A story's counts and times (and provisional title), for executemany."""
    names = ("article_count", "source_count", "first_seen", "last_seen", "updated") + (("title",) if with_title else ())
    return stories.update().where(stories.c.id == sa.bindparam("sid")).values({c: sa.bindparam(c) for c in names})


class PendingKey(NamedTuple):
    """An article in no story yet, as a backfill orders it: its id, time and language."""

    id: int
    published: datetime | None
    language: str | None


class StoryCounts(NamedTuple):
    """A story's size and latest time as its row keeps them: enough to bound its ranking score."""

    id: int
    last_seen: datetime
    article_count: int
    source_count: int


def row_to_story(row: sa.Row) -> Story:
    m = row._mapping
    return Story(id=m["id"], title=m["title"], created=m["created"], updated=m["updated"],
                 article_count=m["article_count"], source_count=m["source_count"], first_seen=m["first_seen"],
                 last_seen=m["last_seen"], summary=m["summary"])


class StoriesMixin:
    _insert_rows: Callable[[sa.Connection, sa.Table, list[dict]], None]  # (ArticlesMixin's)

    # -- clustering results -------------------------------------------------------------------
    def apply_assignment(self, conn: sa.Connection, a: Assignment) -> None:
        """Record where clustering put one article; create or refresh its story (and merges)."""
        self.apply_assignments(conn, [a])
        self.refresh_story(conn, a.story_id)

    def apply_assignments(self, conn: sa.Connection, assignments: list[Assignment]) -> datetime:
        """Record where clustering put these articles, in order: their stories are created, merges
        done. The store ends as if each were applied in turn, in a few statements for all: each article is
        written once, into the story its story ended in after the merges that follow it, and the merges
        move the articles stored before. The caller refreshes the touched stories (:meth:`refresh_stories`).
        Returns the time written as the articles' ``clustered_at`` (see :meth:`clustered_since`)."""
        now = utcnow()
        self._stories_to_join(conn, [a.story_id for a in assignments], now)
        merged_into: dict[int, int] = {}  # story merged away -> the story it was merged into, in merge order
        for a in assignments:
            for old in a.merged_story_ids:
                merged_into[old] = a.story_id

        def final(story_id: int) -> int:
            seen = set()
            while story_id in merged_into and story_id not in seen:
                seen.add(story_id)
                story_id = merged_into[story_id]
            return story_id

        self._write_assignments(conn, [{"aid": a.article_id, "story_id": final(a.story_id),
                                        "duplicate_of": a.duplicate_of, "dup_similarity": a.dup_similarity,
                                        "clustered_at": now} for a in assignments])
        self._merge_stories(conn, [(old, into, final(into)) for old, into in merged_into.items()], now)
        return now

    def _stories_to_join(self, conn: sa.Connection, story_ids: list[int], now: datetime) -> None:
        """Create the stories not stored yet (one look-up, one insert), after checking that none of them was
        merged away."""
        known = conn.info.setdefault("known_story_ids", set())  # cleared at every commit and rollback
        wanted = list(dict.fromkeys(sid for sid in story_ids if sid not in known))
        if not wanted:
            return
        found = conn.execute(sa.select(stories.c.id, stories.c.merged_into).where(stories.c.id.in_(wanted)))
        stored = {sid: merged_into for sid, merged_into in found}
        for sid in wanted:
            if stored.get(sid) is not None:  # the engine must follow merges first (Pipeline._catch_up)
                raise StoreError(f"story {sid} was merged into story {stored[sid]}: an article cannot join it")
        new = [{"id": sid, "title": "", "created": now, "updated": now} for sid in wanted if sid not in stored]
        if new:
            self._insert_rows(conn, stories, new)
        known.update(wanted)

    def _write_assignments(self, conn: sa.Connection, rows: list[dict]) -> None:
        if rows:
            conn.execute(articles.update().where(articles.c.id == sa.bindparam("aid")).values(
                story_id=sa.bindparam("story_id"), duplicate_of=sa.bindparam("duplicate_of"),
                dup_similarity=sa.bindparam("dup_similarity"), clustered_at=sa.bindparam("clustered_at")), rows)

    def _merge_stories(self, conn: sa.Connection, merges: list[tuple[int, int, int]], now: datetime) -> None:
        """Record the merges (story, merged into, where that ended): the stories' stored articles move to the
        end of the chain, the stories are marked merged into the one they joined, their analyses dropped."""
        if not merges:
            return
        self._record_merges(conn, merges, now)
        olds = [old for old, _into, _end in merges]
        conn.execute(analyses.delete().where(analyses.c.story_id.in_(olds)))
        conn.execute(story_entities.delete().where(story_entities.c.story_id.in_(olds)))

    def _record_merges(self, conn: sa.Connection, merges: list[tuple[int, int, int]], now: datetime) -> None:
        """Move the merged stories' articles to the end of each chain; mark each story merged into the one it
        joined."""
        conn.execute(articles.update().where(articles.c.story_id == sa.bindparam("old_id"))
                     .values(story_id=sa.bindparam("final_id")),
                     [{"old_id": old, "final_id": end} for old, _into, end in merges])
        conn.execute(stories.update().where(stories.c.id == sa.bindparam("old_id"))
                     .values(merged_into=sa.bindparam("into_id"), updated=now, article_count=0, source_count=0),
                     [{"old_id": old, "into_id": into} for old, into, _end in merges])

    def merges_since(self, conn: sa.Connection, since: datetime) -> list[tuple[int, int]]:
        """(story, merged into) for the merges recorded since ``since``, oldest first."""
        return [(r[0], r[1]) for r in conn.execute(
            sa.select(stories.c.id, stories.c.merged_into)
            .where(stories.c.merged_into.is_not(None), stories.c.updated >= since)
            .order_by(stories.c.updated, stories.c.id))]

    def refresh_stories(self, conn: sa.Connection, story_ids: set[int] | list[int]) -> None:
        """:meth:`refresh_story` for many stories: grouped queries for the counts, times and titles, and one
        update for all."""
        ids = sorted(set(story_ids))
        if not ids:
            return
        agg = {r[0]: r[1:] for r in conn.execute(
            sa.select(articles.c.story_id, sa.func.count(), OUTLETS, SPAN_FIRST, SPAN_LAST).join_from(articles, sources)
            .where(articles.c.story_id.in_(ids)).group_by(articles.c.story_id))}
        analysed = {r[0] for r in conn.execute(sa.select(analyses.c.story_id).where(analyses.c.story_id.in_(ids)))}
        untitled = {r[0] for r in conn.execute(sa.select(stories.c.id).where(stories.c.id.in_(ids),
                                                                             stories.c.title == ""))} - analysed
        titles = self._first_titles(conn, sorted(untitled))
        now = utcnow()
        rows: list[dict] = []
        for sid in ids:
            n, n_sources, first, last = agg.get(sid, (0, 0, None, None))
            if isinstance(first, str):  # SQLite gives min()/max() of timestamps as text
                first, last = datetime.fromisoformat(first), datetime.fromisoformat(last)
            row = dict(sid=sid, article_count=n, source_count=n_sources, first_seen=first, last_seen=last, updated=now)
            if sid in untitled:
                row["title"] = titles.get(sid, "")
            rows.append(row)
        self._update_stories(conn, rows)

    def _update_stories(self, conn: sa.Connection, rows: list[dict]) -> None:
        """Write each row's counts and times (and its title, when the row has one) to its story."""
        for with_title in (True, False):
            group = [row for row in rows if ("title" in row) == with_title]
            if group:
                conn.execute(_refresh_statement(with_title), group)

    def _first_titles(self, conn: sa.Connection, story_ids: list[int]) -> dict[int, str]:
        """Story id -> the title of its first article (by time, then id), in one query."""
        if not story_ids:
            return {}
        place = sa.func.row_number().over(partition_by=articles.c.story_id, order_by=(WHEN, articles.c.id))
        ranked = (sa.select(articles.c.story_id, articles.c.title, place.label("place"))
                  .where(articles.c.story_id.in_(story_ids)).subquery())
        return {r[0]: r[1] or "" for r in conn.execute(sa.select(ranked.c.story_id, ranked.c.title)
                                                        .where(ranked.c.place == 1))}

    def refresh_story(self, conn: sa.Connection, story_id: int) -> None:
        """Recompute a story's counts, times and provisional title from its articles."""
        agg = conn.execute(sa.select(sa.func.count(), OUTLETS, SPAN_FIRST, SPAN_LAST).join_from(articles, sources)
                           .where(articles.c.story_id == story_id)).one()
        first, last = (datetime.fromisoformat(t) if isinstance(t, str) else t for t in agg[2:4])
        values: dict = dict(article_count=agg[0], source_count=agg[1], first_seen=first, last_seen=last,
                            updated=utcnow())
        has_analysis = conn.execute(sa.select(analyses.c.story_id).where(analyses.c.story_id == story_id)).first()
        if not has_analysis:
            first = conn.execute(sa.select(articles.c.title).where(articles.c.story_id == story_id)
                                 .order_by(WHEN, articles.c.id).limit(1)).scalar()
            values["title"] = first or ""
        conn.execute(stories.update().where(stories.c.id == story_id).values(**values))

    # -- what clustering reads, in article time ---------------------------------------------------
    def unclustered_articles(self, conn: sa.Connection, dated: bool, limit: int) -> list[Article]:
        """Up to ``limit`` articles in no story yet: dated ones oldest first, or (``dated=False``) undated
        ones in id order."""
        stmt = sa.select(*ARTICLE_COLUMNS).join_from(articles, sources).where(articles.c.story_id.is_(None))
        if dated:
            stmt = stmt.where(articles.c.published.is_not(None)).order_by(articles.c.published, articles.c.id)
        else:
            stmt = stmt.where(articles.c.published.is_(None)).order_by(articles.c.id)
        return [row_to_article(r) for r in conn.execute(stmt.limit(limit))]

    def pending_keys(self, conn: sa.Connection, after_id: int, limit: int) -> list[PendingKey]:
        """The :class:`PendingKey` of up to ``limit`` articles in no story yet with an id above ``after_id``, in id
        order: what a backfill needs to partition them by language and order them by time, without their text."""
        rows = conn.execute(sa.select(articles.c.id, articles.c.published, articles.c.language)
                            .where(articles.c.story_id.is_(None), articles.c.id > after_id)
                            .order_by(articles.c.id).limit(limit))
        return [PendingKey(r.id, r.published, r.language) for r in rows]

    def clustered_in_time(self, conn: sa.Connection, after: tuple[datetime, int] | None, until: datetime,
                          limit: int) -> list[Article]:
        """Up to ``limit`` dated articles in a story, published after ``after`` (time, id) and at most
        ``until``, in time order."""
        stmt = _in_time(sa.select(*ARTICLE_COLUMNS).join_from(articles, sources), after, until)
        rows = conn.execute(stmt.order_by(articles.c.published, articles.c.id).limit(limit))
        return [row_to_article(r) for r in rows]

    def clustered_keys_in_time(self, conn: sa.Connection, after: tuple[datetime, int] | None, until: datetime,
                               limit: int) -> list[tuple[datetime, int]]:
        """(published, id) of the articles :meth:`clustered_in_time` gives, without reading them."""
        stmt = _in_time(sa.select(articles.c.published, articles.c.id), after, until)
        rows = conn.execute(stmt.order_by(articles.c.published, articles.c.id).limit(limit))
        return [(r.published, r.id) for r in rows]

    def clustered_undated(self, conn: sa.Connection, fetched_since: datetime) -> list[Article]:
        """The undated articles in a story fetched from ``fetched_since`` on, in id order."""
        rows = conn.execute(sa.select(*ARTICLE_COLUMNS).join_from(articles, sources).where(
            articles.c.story_id.is_not(None), articles.c.published.is_(None), articles.c.fetched >= fetched_since)
            .order_by(articles.c.id))
        return [row_to_article(r) for r in rows]

    def clustered_since(self, conn: sa.Connection, since: datetime,
                        own: Mapping[datetime, int] | None = None) -> list[tuple[int, datetime | None]]:
        """(id, published) of the articles put in a story from ``since`` on (by any writer), in the order
        they were. ``own``: the caller's writes (``clustered_at`` as :meth:`apply_assignments` returned it ->
        how many articles): the articles of such a time are left out when the store holds exactly that many
        clustered then (so another writer's articles of the very same time are never missed); one grouped
        count is read for them, not a row per article."""
        recent = sa.and_(articles.c.clustered_at >= since, articles.c.story_id.is_not(None))
        if own:
            counts = conn.execute(sa.select(articles.c.clustered_at, sa.func.count()).where(recent)
                                  .group_by(articles.c.clustered_at))
            skip = [at for at, n in counts if own.get(at) == n]
            if skip:
                recent = sa.and_(recent, articles.c.clustered_at.not_in(skip))
        rows = conn.execute(sa.select(articles.c.id, articles.c.published).where(recent)
                            .order_by(articles.c.clustered_at, articles.c.id))
        return [(r.id, r.published) for r in rows]

    def count_unclustered(self, conn: sa.Connection) -> int:
        """How many articles are in no story yet."""
        return conn.execute(sa.select(sa.func.count()).select_from(articles)
                            .where(articles.c.story_id.is_(None))).scalar_one()

    def latest_published(self, conn: sa.Connection) -> datetime | None:
        """The publication time of the newest dated article in a story (None: none yet)."""
        return conn.execute(sa.select(sa.func.max(articles.c.published))
                            .where(articles.c.story_id.is_not(None))).scalar()

    def clear_stories_since(self, conn: sa.Connection, since: datetime) -> list[int]:
        """Detach articles from ``since`` on from their stories (for re-clustering); returns their ids."""
        ids = [r[0] for r in conn.execute(sa.select(articles.c.id).where(WHEN >= since).order_by(WHEN, articles.c.id))]
        touched = {r[0] for r in conn.execute(sa.select(articles.c.story_id).where(WHEN >= since).distinct())}
        conn.execute(articles.update().where(WHEN >= since).values(story_id=None, duplicate_of=None,
                                                                     dup_similarity=None, clustered_at=None))
        for sid in touched - {None}:
            self.refresh_story(conn, sid)
        empty = sa.select(stories.c.id).where(stories.c.article_count == 0)
        conn.execute(analyses.delete().where(analyses.c.story_id.in_(empty)))
        conn.execute(story_entities.delete().where(story_entities.c.story_id.in_(empty)))
        conn.execute(stories.delete().where(stories.c.article_count == 0, stories.c.merged_into.is_(None)))
        conn.info.pop("known_story_ids", None)
        return ids

    # -- reading stories ----------------------------------------------------------------------
    def get_story(self, conn: sa.Connection, story_id: int) -> Story:
        row = conn.execute(sa.select(stories).where(stories.c.id == story_id)).first()
        if row is None:
            raise NotFound(f"no story with id {story_id}")
        if row.merged_into:
            return self.get_story(conn, row.merged_into)
        return row_to_story(row)

    def story_articles(self, conn: sa.Connection, story_id: int) -> list[Article]:
        rows = conn.execute(sa.select(*ARTICLE_COLUMNS).join_from(articles, sources)
                            .where(articles.c.story_id == story_id).order_by(WHEN, articles.c.id))
        return [row_to_article(r) for r in rows]

    def list_stories(self, conn: sa.Connection, since: datetime | None = None, limit: int = 50,
                     offset: int = 0, min_articles: int = 1, until: datetime | None = None) -> list[Story]:
        """Live stories, newest activity first (ranking lives in storywire.rank); with ``until``, only those
        last active before it."""
        stmt = sa.select(stories).where(stories.c.merged_into.is_(None), stories.c.article_count >= min_articles)
        latest = stories.c.last_seen.desc()
        if until is not None:
            stmt = stmt.where(stories.c.last_seen < until)
        if since is not None:  # no story without a time: the order is the index's (PostgreSQL puts nulls first)
            stmt = stmt.where(stories.c.last_seen >= since)
        else:
            latest = latest.nulls_last()
        stmt = stmt.order_by(latest, stories.c.id.desc()).limit(limit).offset(offset)
        return [row_to_story(r) for r in conn.execute(stmt)]

    def newest_story_time(self, conn: sa.Connection) -> datetime | None:
        """The latest activity (``last_seen``) of any live story (None: no story has a time), along its index."""
        return conn.execute(sa.select(stories.c.last_seen).where(
            stories.c.merged_into.is_(None), stories.c.article_count >= 1, stories.c.last_seen.is_not(None))
            .order_by(stories.c.last_seen.desc()).limit(1)).scalar()

    def ranking_candidates(self, conn: sa.Connection, since: datetime, limit: int,
                           until: datetime | None = None) -> list[StoryCounts]:
        """The stories :meth:`list_stories` gives for ``since``, ``limit`` and ``until``, in its order, as their
        counts only."""
        stmt = (sa.select(stories.c.id, stories.c.last_seen, stories.c.article_count, stories.c.source_count)
                .where(stories.c.merged_into.is_(None), stories.c.article_count >= 1, stories.c.last_seen >= since)
                .order_by(stories.c.last_seen.desc(), stories.c.id.desc()).limit(limit))
        if until is not None:
            stmt = stmt.where(stories.c.last_seen < until)
        return [StoryCounts(*r) for r in conn.execute(stmt)]

    def recent_outlets(self, conn: sa.Connection, since: datetime, until: datetime | None = None) -> dict[int, int]:
        """Story id -> how many outlets have an article in it timed (published, else fetched) from ``since`` on
        (and before ``until``): read along the article-time index, so it costs the recent articles only."""
        outlets: dict[int, set[int]] = {}
        stmt = sa.select(articles.c.story_id, articles.c.source_id).where(WHEN >= since)
        for sid, source_id in conn.execute(stmt if until is None else stmt.where(WHEN < until)):
            if sid is not None:
                outlets.setdefault(sid, set()).add(source_id)
        return {sid: len(found) for sid, found in outlets.items()}

    def undated_stories(self, conn: sa.Connection, limit: int = 50) -> list[Story]:
        """Live stories of undated articles only (no time span, so never ranked), latest changed first."""
        stmt = (sa.select(stories).where(stories.c.merged_into.is_(None), stories.c.last_seen.is_(None))
                .order_by(stories.c.updated.desc(), stories.c.id.desc()).limit(limit))
        return [row_to_story(r) for r in conn.execute(stmt)]

    def live_stories(self, conn: sa.Connection, story_ids: list[int]) -> list[Story]:
        """Those of the given stories that were not merged into another (in no particular order)."""
        rows = conn.execute(sa.select(stories).where(stories.c.id.in_(story_ids), stories.c.merged_into.is_(None)))
        return [row_to_story(r) for r in rows]

    def max_story_id(self, conn: sa.Connection) -> int:
        """The largest story id in the store (0: none yet); merged stories count."""
        return conn.execute(sa.select(sa.func.max(stories.c.id))).scalar() or 0

    def story_version(self, conn: sa.Connection) -> tuple:
        """Changes whenever clustering or analysis touches any story: the newest change and analysis, each one step
        along its index (no count: counting every story costs a scan on PostgreSQL; stories are deleted only by
        :meth:`clear_stories_since`, whose re-clustering right after changes stories)."""
        parts = [sa.select(agg).scalar_subquery() for agg in (sa.func.max(stories.c.updated),
                                                               sa.func.max(stories.c.analysed))]
        return tuple(conn.execute(sa.select(*parts)).one())

    def article_times(self, conn: sa.Connection, story_ids: list[int],
                      until: datetime | None = None) -> dict[int, list[tuple[str, datetime, int]]]:
        """Story id -> (outlet, time, article id) of each of its dated articles (published up to ``until``),
        oldest first: an undated article has no place in time (its fetch time is not its news time)."""
        if not story_ids:
            return {}
        published = articles.c.published
        stmt = (sa.select(articles.c.story_id, sources.c.name, published, articles.c.id).join_from(articles, sources)
                .where(articles.c.story_id.in_(story_ids), published.is_not(None)).order_by(published, articles.c.id))
        if until is not None:
            stmt = stmt.where(published <= until)
        out: dict[int, list[tuple[str, datetime, int]]] = {}
        for sid, name, t, aid in conn.execute(stmt):  # times come back aware (UTC) through the schema's UTCDateTime
            out.setdefault(sid, []).append((name, t, aid))
        return out

    def outlet_coverage(self, conn: sa.Connection,
                        story_ids: list[int]) -> dict[int, dict[str, tuple[bool, datetime | None]]]:
        """Story id -> outlet -> (whether all its articles are near-duplicates of another's, its first
        article's time), in one grouped query."""
        if not story_ids:
            return {}
        originals = sa.func.sum(sa.case((articles.c.duplicate_of.is_(None), 1), else_=0))
        rows = conn.execute(sa.select(articles.c.story_id, sources.c.name, originals, sa.func.min(WHEN))
                            .join_from(articles, sources).where(articles.c.story_id.in_(story_ids))
                            .group_by(articles.c.story_id, sources.c.name))
        out: dict[int, dict[str, tuple[bool, datetime | None]]] = {}
        for sid, name, n_original, t in rows:
            if isinstance(t, str):  # SQLite returns min() of a timestamp column as text
                t = datetime.fromisoformat(t)
            if t is not None and t.tzinfo is None:
                t = t.replace(tzinfo=UTC)
            out.setdefault(sid, {})[name] = (not n_original, t)
        return out

    def story_entity_names(self, conn: sa.Connection, story_ids: list[int]) -> dict[int, list[str]]:
        """Story id -> the names of the entities its analysis found."""
        out: dict[int, list[str]] = {}
        if story_ids:
            for sid, name in conn.execute(sa.select(story_entities.c.story_id, story_entities.c.name)
                                          .where(story_entities.c.story_id.in_(story_ids))):
                out.setdefault(sid, []).append(name)
        return out

    def story_sources(self, conn: sa.Connection, story_ids: list[int]) -> dict[int, list[str]]:
        if not story_ids:
            return {}
        rows = conn.execute(sa.select(articles.c.story_id, sources.c.name).join_from(articles, sources)
                            .where(articles.c.story_id.in_(story_ids)).distinct())
        out: dict[int, list[str]] = {}
        for sid, name in rows:
            out.setdefault(sid, []).append(name)
        return {k: sorted(v) for k, v in out.items()}

    # -- analyses -----------------------------------------------------------------------------
    def save_analysis(self, conn: sa.Connection, story_id: int, data: dict) -> None:
        """Store the computed story object, so showing a story is a read, not a recomputation."""
        self.save_analyses(conn, [(story_id, data)])

    def save_analyses(self, conn: sa.Connection, computed: Sequence[tuple[int, dict]]) -> None:
        """:meth:`save_analysis` of each (story id, story object), of two for one story the later, in a few
        statements for them all (each deletes or writes many rows)."""
        by_story = dict(computed)
        if not by_story:
            return
        now, ids = utcnow(), list(by_story)
        conn.execute(analyses.delete().where(analyses.c.story_id.in_(ids)))
        conn.execute(analyses.insert(), [{"story_id": sid, "data": json.dumps(data, ensure_ascii=False, default=str),
                                          "computed": now} for sid, data in by_story.items()])
        self._write_analysed(conn, [{"sid": sid, "title": data.get("title") or "", "analysed": now,
                                     "summary": " ".join(s.get("text", "") for s in data.get("summary", []))}
                                    for sid, data in by_story.items()])
        conn.execute(story_entities.delete().where(story_entities.c.story_id.in_(ids)))
        ents: dict[tuple[int, str], dict] = {}
        for sid, data in by_story.items():
            for e in data.get("entities", []):
                ents.setdefault((sid, e["name"]), {"story_id": sid, "name": e["name"],
                                                   "label": e.get("label", "MISC")[:16],
                                                   "mentions": int(e.get("count", 1))})
        if ents:
            conn.execute(story_entities.insert(), list(ents.values()))

    def _write_analysed(self, conn: sa.Connection, rows: list[dict]) -> None:
        """Each row's title, summary and time of analysis to its story."""
        conn.execute(stories.update().where(stories.c.id == sa.bindparam("sid")).values(
            title=sa.bindparam("title"), summary=sa.bindparam("summary"), analysed=sa.bindparam("analysed")), rows)

    def mark_analysed(self, conn: sa.Connection, story_id: int) -> None:
        conn.execute(stories.update().where(stories.c.id == story_id).values(analysed=utcnow()))

    def get_analysis(self, conn: sa.Connection, story_id: int) -> dict | None:
        data = conn.execute(sa.select(analyses.c.data).where(analyses.c.story_id == story_id)).scalar()
        return json.loads(data) if data else None

    def stories_needing_analysis(self, conn: sa.Connection, limit: int = 1000) -> list[int]:
        stale = sa.or_(stories.c.analysed.is_(None), stories.c.analysed < stories.c.updated)
        stmt = (sa.select(stories.c.id).where(stories.c.merged_into.is_(None), stories.c.article_count > 0, stale)
                .order_by(stories.c.id).limit(limit))
        return [r[0] for r in conn.execute(stmt)]

    def stale_stories_ending(self, conn: sa.Connection, start: datetime | None, end: datetime) -> list[int]:
        """:meth:`stories_needing_analysis` of the stories whose last article time is in [start, end) (None: from
        the earliest), along the index on that time."""
        stale = sa.or_(stories.c.analysed.is_(None), stories.c.analysed < stories.c.updated)
        span = [stories.c.last_seen < end] + ([stories.c.last_seen >= start] if start is not None else [])
        stmt = (sa.select(stories.c.id).where(*span, stories.c.merged_into.is_(None), stories.c.article_count > 0,
                                              stale).order_by(stories.c.id))
        return [r[0] for r in conn.execute(stmt)]

    def entity_info(self, conn: sa.Connection, name: str) -> dict:
        """{name, label, stories, mentions} of the entity (any case) in the most stories; NotFound if none."""
        row = conn.execute(sa.select(story_entities.c.name, story_entities.c.label, sa.func.count(),
                                     sa.func.sum(story_entities.c.mentions))
                           .where(sa.func.lower(story_entities.c.name) == name.lower())
                           .group_by(story_entities.c.name, story_entities.c.label)
                           .order_by(sa.func.count().desc()).limit(1)).first()
        if row is None:
            raise NotFound(f"no story mentions {name!r}")
        return {"name": row[0], "label": row[1], "stories": row[2], "mentions": int(row[3] or 0)}

    def entity_stories(self, conn: sa.Connection, name: str, limit: int = 50) -> list[int]:
        rows = conn.execute(sa.select(story_entities.c.story_id)
                            .join(stories, stories.c.id == story_entities.c.story_id)
                            .where(sa.func.lower(story_entities.c.name) == name.lower())
                            .order_by(stories.c.last_seen.desc().nulls_last()).limit(limit))
        return [r[0] for r in rows]

    # -- engine state -------------------------------------------------------------------------
    def load_state(self, conn: sa.Connection, name: str) -> bytes | None:
        return conn.execute(sa.select(engine_state.c.data).where(engine_state.c.name == name)).scalar()

    def save_state(self, conn: sa.Connection, name: str, data: bytes) -> None:
        conn.execute(engine_state.delete().where(engine_state.c.name == name))
        conn.execute(engine_state.insert().values(name=name, data=data, updated=utcnow()))


def _in_time(stmt: sa.Select, after: tuple[datetime, int] | None, until: datetime) -> sa.Select:
    """``stmt`` limited to the dated articles in a story published after ``after`` (time, id), at most ``until``."""
    stmt = stmt.where(articles.c.story_id.is_not(None), articles.c.published.is_not(None),
                      articles.c.published <= until)
    if after is not None:
        t, aid = after
        stmt = stmt.where(sa.or_(articles.c.published > t, sa.and_(articles.c.published == t, articles.c.id > aid)))
    return stmt
