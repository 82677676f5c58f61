"""Sources, articles, revisions, near-duplicates, search filters, learned boilerplate counts and rejections."""
from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from functools import cache
from typing import NamedTuple

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ..clock import utcnow
from ..errors import NotFound, RecordRefused
from ..models import UNKNOWN_OUTLET, Article, Extracted, IngestResult
from ..words import shorten
from .schema import article_revisions, articles, boilerplate, rejections, sources, story_entities


def content_hash(text: str) -> str:
    """Hash of the body with whitespace folded, so re-wrapped copies of one text hash the same."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def headline_hash(title: str) -> str:
    """The content hash of a headline-only article: of its title, marked so that it never equals the hash
    of a body that reads like the title (the same headline from one outlet is one article, two are two)."""
    return content_hash("\x00headline only\x00 " + title)


WHEN = sa.func.coalesce(articles.c.published, articles.c.fetched)  # an article's time (models.Article.time)

ARTICLE_COLUMNS = (
    articles.c.id, articles.c.external_id, articles.c.url, sources.c.name.label("source"), articles.c.title,
    articles.c.authors, articles.c.published, articles.c.language, articles.c.section, articles.c.text,
    articles.c.content_hash, articles.c.fetched, articles.c.story_id, articles.c.duplicate_of,
    articles.c.dup_similarity,
)


def row_to_article(row: sa.Row) -> Article:
    m = row._mapping
    return Article(
        id=m["id"], source=m["source"], title=m["title"], text=m["text"], content_hash=m["content_hash"],
        fetched=m["fetched"], external_id=m["external_id"], url=m["url"], published=m["published"],
        language=m["language"], authors=tuple(json.loads(m["authors"] or "[]")), story_id=m["story_id"],
        duplicate_of=m["duplicate_of"], dup_similarity=m["dup_similarity"], section=m["section"],
    )


def search_filter(outlet: str | None, since: datetime | None, before: datetime | None,
                  entity: str | None) -> sa.ColumnElement[bool] | None:
    """What a search keeps besides matching: one outlet's articles, a time range, stories naming an entity."""
    conds: list[sa.ColumnElement[bool]] = []
    if outlet:
        conds.append(articles.c.source_id.in_(sa.select(sources.c.id).where(sources.c.name == outlet)))
    if since:
        conds.append(WHEN >= since)
    if before:
        conds.append(WHEN < before)
    if entity:
        conds.append(articles.c.story_id.in_(sa.select(story_entities.c.story_id)
                                             .where(sa.func.lower(story_entities.c.name) == entity.lower())))
    return sa.and_(*conds) if conds else None


@cache
def _find_statement(by_external_id: bool, by_url: bool) -> sa.Select:
    """Built once per shape: statement construction costs more than SQLite's execution here."""
    by_text = sa.and_(articles.c.source_id == sa.bindparam("source_id"),
                      articles.c.content_hash == sa.bindparam("digest"))
    priority = []
    if by_external_id:
        priority.append((sa.and_(articles.c.source_id == sa.bindparam("source_id"),
                                 articles.c.external_id == sa.bindparam("external_id")), 0))
    if by_url:
        priority.append((articles.c.url == sa.bindparam("url"), 1))
    priority.append((by_text, 2))
    return (sa.select(articles.c.id, articles.c.content_hash, articles.c.raw_hash, articles.c.title, articles.c.text,
                      articles.c.story_id)
            .where(sa.or_(*[c for c, _ in priority])).order_by(sa.case(*priority, else_=9)).limit(1))


@cache
def _insert_statement(dialect: str) -> sa.Insert:
    insert = (sqlite_insert if dialect == "sqlite" else pg_insert)(articles)
    return insert.on_conflict_do_nothing().returning(articles.c.id, articles.c.source_id, articles.c.content_hash)


@cache
def _revise_statement() -> sa.Update:
    """A revision's new text and title (and date, when it has one), for executemany."""
    published = sa.func.coalesce(sa.bindparam("new_published", type_=articles.c.published.type), articles.c.published)
    return articles.update().where(articles.c.id == sa.bindparam("aid")).values(
        title=sa.bindparam("title"), text=sa.bindparam("text"), content_hash=sa.bindparam("content_hash"),
        raw_hash=sa.bindparam("raw_hash"), updated=sa.bindparam("updated"), published=published)


GROUP_SIZE = 500  # records looked up and written together (bounds the look-up's parameters)
IN_CHUNK = 2000  # keys looked up by one query (bounds its parameters)


class InputKey(NamedTuple):
    """What an outlet's page was stored from: the outlet's id, the page's hash before extraction, the title."""

    source_id: int
    raw_hash: str
    title: str


class Record(NamedTuple):
    """One record as the store keys it: its outlet, title (made from the text when missing) and hash."""

    ex: Extracted
    source_id: int
    title: str
    digest: str
    headline_only: bool

    @property
    def keys(self) -> set[tuple]:
        """What makes two records one article: the same external id or text from one outlet, the same URL."""
        keys: set[tuple] = {("text", self.source_id, self.digest)}
        if self.ex.external_id:
            keys.add(("external_id", self.source_id, self.ex.external_id))
        if self.ex.url:
            keys.add(("url", self.ex.url))
        return keys


def _lookup_statement(group: list[Record]) -> sa.Select:
    """:meth:`ArticlesMixin._lookup` as one statement with the keys inline. Each pair of columns is matched as two
    lists (a superset of the pairs; :class:`_Found` takes the exact ones), which SQLite looks up in the pair's
    index, where a list of pairs ("(a, b) IN (VALUES ...)") would scan the whole table."""
    def pairs_in(first: sa.Column, second: sa.Column, keys: set[tuple]) -> sa.ColumnElement[bool]:
        return sa.and_(first.in_(sorted({a for a, _ in keys})), second.in_(sorted({b for _, b in keys})))

    conds = [pairs_in(articles.c.source_id, articles.c.content_hash, {(r.source_id, r.digest) for r in group})]
    external = {(r.source_id, r.ex.external_id) for r in group if r.ex.external_id}
    if external:
        conds.append(pairs_in(articles.c.source_id, articles.c.external_id, external))
    urls = {r.ex.url for r in group if r.ex.url}
    if urls:
        conds.append(articles.c.url.in_(urls))
    return sa.select(articles.c.id, articles.c.source_id, articles.c.external_id, articles.c.url,
                     articles.c.content_hash, articles.c.raw_hash, articles.c.title,
                     articles.c.text).where(sa.or_(*conds))


def _unchanged(existing: sa.Row, r: Record) -> bool:
    """Whether a record says nothing new about its stored article: the same title and the same text, or the
    same input as stored (whose text differs only by what the outlet's learned boilerplate removes now); a
    page now paywalled (headline only) keeps the text we have."""
    same_text = existing.content_hash == r.digest or (bool(r.ex.raw_hash) and existing.raw_hash == r.ex.raw_hash)
    return (same_text and existing.title == r.title) or (r.headline_only and bool(existing.text.strip()))


class _Found:
    """The rows a group's look-up found, matched to a record as :func:`_find_statement` orders them:
    by external id, else URL, else text."""

    def __init__(self, rows: Sequence[sa.Row]):
        self.by_external = {(r.source_id, r.external_id): r for r in rows if r.external_id is not None}
        self.by_url = {r.url: r for r in rows if r.url is not None}
        self.by_text = {(r.source_id, r.content_hash): r for r in rows}

    def match(self, r: Record) -> sa.Row | None:
        if r.ex.external_id and (r.source_id, r.ex.external_id) in self.by_external:
            return self.by_external[(r.source_id, r.ex.external_id)]
        if r.ex.url and r.ex.url in self.by_url:
            return self.by_url[r.ex.url]
        return self.by_text.get((r.source_id, r.digest))


NEW_ROW_COLUMNS = ("external_id", "url", "source_id", "feed_id", "title", "authors", "published", "language",
                   "section", "text", "content_hash", "raw_hash", "fetched", "updated")


def _new_row(r: Record, now: datetime) -> dict:
    """The values of a new article's row (NEW_ROW_COLUMNS)."""
    ex = r.ex
    return dict(external_id=ex.external_id, url=ex.url, source_id=r.source_id, feed_id=ex.feed_id, title=r.title,
                authors=json.dumps(list(ex.authors)), published=ex.published, language=ex.language,
                section=ex.section, text=ex.text, content_hash=r.digest, raw_hash=ex.raw_hash or r.digest,
                fetched=now, updated=now)


@contextmanager
def _refusals() -> Iterator[None]:
    """A value the database cannot keep becomes RecordRefused; a store that fails (locked, full, gone) or a
    wrong statement does not (not a record's fault)."""
    try:
        yield
    except sa.exc.DBAPIError as exc:
        if not isinstance(exc, (sa.exc.DataError, sa.exc.IntegrityError)):
            raise
        raise refused(exc) from exc
    except (sa.exc.StatementError, ValueError, OverflowError, UnicodeError) as exc:  # a value that cannot bind
        raise refused(exc) from exc


TITLE_CHARS = 200  # a title made from the first line of an untitled text is cut after a word, at most this long


def refused(exc: Exception) -> RecordRefused:
    cause = getattr(exc, "orig", None) or exc
    message = str(cause).splitlines()[0][:200] if str(cause) else ""
    return RecordRefused(f"the store refused it ({cause.__class__.__name__}: {message})")


def _storable(text: str) -> str:
    """The text with lone surrogates escaped and NUL characters dropped."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8").replace("\x00", "")


class ArticlesMixin:
    engine: sa.Engine

    # -- sources ------------------------------------------------------------------------------
    def source_id(self, conn: sa.Connection, name: str, homepage: str | None = None) -> int:
        """The id of the outlet called ``name``, created on first sight."""
        name = re.sub(r"\s+", " ", name).strip()[:200] or UNKNOWN_OUTLET
        cache = conn.info.setdefault("source_ids", {})
        if name in cache:
            return cache[name]
        found = conn.execute(sa.select(sources.c.id).where(sources.c.name == name)).scalar()
        if found is None:
            insert = (sqlite_insert if conn.dialect.name == "sqlite" else pg_insert)(sources)
            conn.execute(insert.values(name=name, homepage=homepage, created=utcnow()).on_conflict_do_nothing())
            found = conn.execute(sa.select(sources.c.id).where(sources.c.name == name)).scalar_one()
        cache[name] = found
        return found

    def source_names(self, conn: sa.Connection) -> list[str]:
        """Every outlet's name, in order (the sources table alone, no article counts; not the reserved
        UNKNOWN_OUTLET, which is no outlet)."""
        return [r[0] for r in conn.execute(sa.select(sources.c.name).where(sources.c.name != UNKNOWN_OUTLET)
                                           .order_by(sources.c.name))]

    def list_sources(self, conn: sa.Connection) -> list[dict]:
        """The outlets with their article counts and the time of their newest dated article, ``last_article`` (None
        when none has a date: a fetch time is not when an article was published); not the reserved UNKNOWN_OUTLET."""
        count = sa.func.count(articles.c.id)
        stmt = (sa.select(sources.c.id, sources.c.name, sources.c.homepage, count.label("articles"),
                          sa.func.max(articles.c.published).label("last_article"))
                .select_from(sources.outerjoin(articles, articles.c.source_id == sources.c.id))
                .where(sources.c.name != UNKNOWN_OUTLET)
                .group_by(sources.c.id).order_by(sources.c.name))
        return [dict(r._mapping) for r in conn.execute(stmt)]

    # -- articles -----------------------------------------------------------------------------
    def _find_existing(self, conn: sa.Connection, source_id: int, ex: Extracted, digest: str) -> sa.Row | None:
        """The stored copy of this article, matched by external id, else URL, else text (one query)."""
        stmt = _find_statement(bool(ex.external_id), bool(ex.url))
        return conn.execute(stmt, {"source_id": source_id, "digest": digest, "url": ex.url,
                                   "external_id": ex.external_id}).first()

    def upsert_article(self, conn: sa.Connection, ex: Extracted, now: datetime | None = None) -> IngestResult:
        """Store one extracted article idempotently.

        The same article (same URL, or same external id, or same text from the same source) is
        never stored twice: identical content, or the same input as stored, is "unchanged"; changed content
        is "revised", with the previous version kept in article_revisions. A value the database cannot keep raises
        RecordRefused (the transaction is then unusable: retry the batch with ``savepoint``).
        """
        with _refusals():
            record = self._record(conn, ex)
            return self._store_group(conn, [record], now or utcnow())[0]

    def upsert_articles(self, conn: sa.Connection, exs: Sequence[Extracted],
                        now: datetime | None = None) -> list[IngestResult]:
        """:meth:`upsert_article` of each record, in order, with the same results, in a few statements
        for the whole batch (one look-up, one insert, one revision write per group of records that do not
        share a key; a later record with the key of an earlier one starts a new group). A value the
        database cannot keep raises RecordRefused for the batch: store it again record by record, each in
        a ``savepoint``, to reject that record alone."""
        now = now or utcnow()
        results: list[IngestResult] = []
        with _refusals():
            group: list[Record] = []
            keys: set[tuple] = set()
            for ex in exs:
                record = self._record(conn, ex)
                if keys & record.keys or len(group) == GROUP_SIZE:
                    results += self._store_group(conn, group, now)
                    group, keys = [], set()
                group.append(record)
                keys |= record.keys
            results += self._store_group(conn, group, now)
        return results

    def _record(self, conn: sa.Connection, ex: Extracted) -> Record:
        title = (ex.title or "").strip() or shorten(ex.text.strip().split("\n", 1)[0], TITLE_CHARS)
        headline_only = not ex.text.strip()
        digest = headline_hash(title) if headline_only else content_hash(ex.text)
        if not ex.source and ex.external_id:
            # No outlet: records are not one outlet's articles, so one text under two ids is two articles (a
            # reprint: the story engine puts them in one story), not one article revised
            digest = content_hash(f"\x00id {ex.external_id}\x00 {digest}")
        return Record(ex, self.source_id(conn, ex.source or UNKNOWN_OUTLET), title, digest, headline_only)

    def _store_group(self, conn: sa.Connection, group: list[Record], now: datetime) -> list[IngestResult]:
        """Store records that share no key (external id, URL, text) with one another."""
        if not group:
            return []
        found = _Found(self._lookup(conn, group)) if len(group) > 1 else None
        results: list[IngestResult | None] = []
        revisions: list[dict] = []
        updates: list[dict] = []
        new: dict[tuple[int, str], int] = {}  # (source id, hash) -> place in results
        for r in group:
            existing = found.match(r) if found is not None else self._find_existing(conn, r.source_id, r.ex, r.digest)
            if existing is None:
                new[(r.source_id, r.digest)] = len(results)
                results.append(None)
            elif _unchanged(existing, r):
                results.append(IngestResult(r.ex.origin, "unchanged", existing.id))
            else:
                revisions.append({"article_id": existing.id, "title": existing.title, "text": existing.text,
                                  "content_hash": existing.content_hash, "replaced": now})
                updates.append({"aid": existing.id, "title": r.title, "text": r.ex.text, "content_hash": r.digest,
                                "raw_hash": r.ex.raw_hash, "updated": now, "new_published": r.ex.published})
                results.append(IngestResult(r.ex.origin, "revised", existing.id))
        if revisions:
            self._insert_rows(conn, article_revisions, revisions)
            self._revise(conn, updates)
        if new:
            records = [r for r in group if (r.source_id, r.digest) in new]
            # ON CONFLICT DO NOTHING: a concurrent writer (PostgreSQL) may have stored one since our look-up.
            rows = self._insert_new(conn, [_new_row(r, now) for r in records])
            stored = {(source_id, digest): article_id for article_id, source_id, digest in rows}
            for r in records:
                place = new[(r.source_id, r.digest)]
                if (r.source_id, r.digest) in stored:
                    results[place] = IngestResult(r.ex.origin, "ingested", stored[(r.source_id, r.digest)])
                else:
                    existing = self._find_existing(conn, r.source_id, r.ex, r.digest)
                    results[place] = IngestResult(r.ex.origin, "unchanged",
                                                  existing.id if existing is not None else None)
        return [r for r in results if r is not None]

    def _lookup(self, conn: sa.Connection, group: list[Record]) -> Sequence[sa.Row]:
        """The stored articles any record of ``group`` may be (by external id, URL or text), in one query."""
        return conn.execute(_lookup_statement(group)).all()

    def _insert_new(self, conn: sa.Connection, rows: list[dict]) -> list[tuple[int, int, str]]:
        """Insert article rows unless one is already stored; (id, source id, hash) of those inserted."""
        return [(r[0], r[1], r[2]) for r in conn.execute(_insert_statement(conn.dialect.name), rows)]

    def _insert_rows(self, conn: sa.Connection, table: sa.Table, rows: list[dict]) -> None:
        """Insert rows (dicts of the same columns) into ``table``."""
        if rows:
            conn.execute(table.insert(), rows)

    def _revise(self, conn: sa.Connection, updates: list[dict]) -> None:
        """Write revised articles' new text and title (and date, when they have one)."""
        conn.execute(_revise_statement(), updates)

    def get_article(self, conn: sa.Connection, article_id: int) -> Article:
        row = conn.execute(sa.select(*ARTICLE_COLUMNS).join_from(articles, sources)
                           .where(articles.c.id == article_id)).first()
        if row is None:
            raise NotFound(f"no article with id {article_id}")
        return row_to_article(row)

    def get_articles(self, conn: sa.Connection, ids: Sequence[int]) -> list[Article]:
        if not ids:
            return []
        rows = conn.execute(sa.select(*ARTICLE_COLUMNS).join_from(articles, sources)
                            .where(articles.c.id.in_(list(ids))))
        by_id = {a.id: a for a in map(row_to_article, rows)}
        return [by_id[i] for i in ids if i in by_id]

    def iter_articles(self, conn: sa.Connection, batch: int = 1000) -> Iterator[Article]:
        """All articles in id order, read in batches to bound memory."""
        last = 0
        while True:
            stmt = sa.select(*ARTICLE_COLUMNS).join_from(articles, sources).where(articles.c.id > last)
            rows = conn.execute(stmt.order_by(articles.c.id).limit(batch)).all()
            if not rows:
                return
            for row in rows:
                yield row_to_article(row)
            last = rows[-1].id

    def story_of(self, conn: sa.Connection, article_id: int) -> int | None:
        """The story the article is in (None: not clustered)."""
        return conn.execute(sa.select(articles.c.story_id).where(articles.c.id == article_id)).scalar()

    def copies_of(self, conn: sa.Connection, original_id: int, exclude_id: int,
                  limit: int = 50) -> dict[int, float | None]:
        """The original and its near-duplicates but ``exclude_id``, in id order: id -> similarity to
        the original (None for the original itself)."""
        rows = conn.execute(sa.select(articles.c.id, articles.c.dup_similarity)
                            .where(sa.or_(articles.c.id == original_id, articles.c.duplicate_of == original_id),
                                   articles.c.id != exclude_id)
                            .order_by(articles.c.id).limit(limit))
        return {r.id: r.dup_similarity for r in rows}

    def recent_articles(self, conn: sa.Connection, limit: int = 20, offset: int = 0,
                        source: str | None = None) -> list[Article]:
        stmt = sa.select(*ARTICLE_COLUMNS).join_from(articles, sources)
        if source:
            stmt = stmt.where(sources.c.name == source)
        stmt = stmt.order_by(WHEN.desc(), articles.c.id.desc()).limit(limit).offset(offset)
        return [row_to_article(r) for r in conn.execute(stmt)]

    def count_articles(self, conn: sa.Connection) -> int:
        return conn.execute(sa.select(sa.func.count()).select_from(articles)).scalar_one()

    def article_revisions(self, conn: sa.Connection, article_id: int) -> list[dict]:
        rows = conn.execute(sa.select(article_revisions).where(article_revisions.c.article_id == article_id)
                            .order_by(article_revisions.c.id))
        return [dict(r._mapping) for r in rows]

    def articles_of_inputs(self, conn: sa.Connection, keys: Sequence[InputKey]) -> dict[InputKey, int]:
        """Of these (outlet id, ``raw_hash``: the page before extraction, title), those the outlet has an article
        stored from exactly: key -> its id (the lowest, if several). One query per ``IN_CHUNK`` keys."""
        wanted = set(keys)
        found: dict[InputKey, int] = {}
        ordered = sorted(wanted)
        for start in range(0, len(ordered), IN_CHUNK):
            chunk = ordered[start:start + IN_CHUNK]
            rows = conn.execute(sa.select(articles.c.id, articles.c.source_id, articles.c.raw_hash, articles.c.title)
                                .where(articles.c.source_id.in_(sorted({k.source_id for k in chunk})),
                                       articles.c.raw_hash.in_(sorted({k.raw_hash for k in chunk})))
                                .order_by(articles.c.id))
            for aid, source_id, raw_hash, title in rows:
                key = InputKey(source_id, raw_hash, title)
                if key in wanted:
                    found.setdefault(key, aid)
        return found

    # -- learned boilerplate ------------------------------------------------------------------
    def count_paragraphs(self, conn: sa.Connection, pages: Sequence[tuple[int, set[str]]]) -> list[dict[str, int]]:
        """Add each page (its outlet's id, its paragraphs' fingerprints), in order, to its fingerprints' counts
        for its outlet; return each page's counts just after its own (as if counted page by page). One read per
        ``IN_CHUNK`` fingerprints, then one write of all the sums (an insert adding to the counts stored)."""
        wanted = {(sid, f) for sid, fps in pages for f in fps}
        counts: dict[tuple[int, str], int] = {}
        ordered = sorted(wanted)
        for start in range(0, len(ordered), IN_CHUNK):
            chunk = ordered[start:start + IN_CHUNK]
            rows = conn.execute(sa.select(boilerplate.c.source_id, boilerplate.c.fingerprint, boilerplate.c.pages)
                                .where(boilerplate.c.source_id.in_(sorted({s for s, _ in chunk})),
                                       boilerplate.c.fingerprint.in_(sorted({f for _, f in chunk}))))
            counts.update({(s, f): n for s, f, n in rows if (s, f) in wanted})
        out = []
        for sid, fps in pages:
            for f in fps:
                counts[(sid, f)] = counts.get((sid, f), 0) + 1
            out.append({f: counts[(sid, f)] for f in sorted(fps)})
        added = Counter((sid, f) for sid, fps in pages for f in fps)
        if added:
            self._add_pages(conn, [{"source_id": s, "fingerprint": f, "pages": n} for (s, f), n in added.items()])
        return out

    def _add_pages(self, conn: sa.Connection, rows: list[dict]) -> None:
        """Add each row's pages to its (outlet, fingerprint) count, a new count starting at 0."""
        insert = sqlite_insert(boilerplate)
        conn.execute(insert.on_conflict_do_update(index_elements=[boilerplate.c.source_id, boilerplate.c.fingerprint],
                                                  set_={"pages": boilerplate.c.pages + insert.excluded.pages}), rows)

    # -- rejections ---------------------------------------------------------------------------
    def record_rejection(self, conn: sa.Connection, origin: str, reason: str) -> None:
        """Keep why an input was rejected; both texts are made storable first (a file name with bytes that
        are not UTF-8, a NUL), so recording a rejection never fails."""
        conn.execute(rejections.insert().values(origin=_storable(origin)[:1000], reason=_storable(reason)[:1000],
                                                at=utcnow()))
