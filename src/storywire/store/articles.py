"""Sources, articles, revisions, near-duplicates, search filters, learned boilerplate counts and rejections."""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator, Sequence
from datetime import datetime
from functools import cache

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
    return (sa.select(articles.c.id, articles.c.content_hash, articles.c.title, articles.c.text, articles.c.story_id)
            .where(sa.or_(*[c for c, _ in priority])).order_by(sa.case(*priority, else_=9)).limit(1))


@cache
def _insert_statement(dialect: str) -> sa.Insert:
    insert = (sqlite_insert if dialect == "sqlite" else pg_insert)(articles)
    return insert.on_conflict_do_nothing().returning(articles.c.id)


TITLE_CHARS = 200  # a title made from the first line of an untitled text is cut after a word, at most this long


def _refused(exc: Exception) -> RecordRefused:
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
        """The outlets with their article counts (not the reserved UNKNOWN_OUTLET)."""
        count = sa.func.count(articles.c.id)
        stmt = (sa.select(sources.c.id, sources.c.name, sources.c.homepage, count.label("articles"),
                          sa.func.max(articles.c.fetched).label("last_article"))
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
        never stored twice: identical content is "unchanged"; changed content is "revised", with
        the previous version kept in article_revisions. A value the database cannot keep raises
        RecordRefused (the transaction is then unusable: retry the batch with ``savepoint``).
        """
        try:
            return self._upsert_article(conn, ex, now or utcnow())
        except sa.exc.DBAPIError as exc:
            if not isinstance(exc, (sa.exc.DataError, sa.exc.IntegrityError)):
                raise  # the store failed (locked, full, gone) or a statement is wrong: not this record's fault
            raise _refused(exc) from exc
        except (sa.exc.StatementError, ValueError, OverflowError, UnicodeError) as exc:  # a value that cannot bind
            raise _refused(exc) from exc

    def _upsert_article(self, conn: sa.Connection, ex: Extracted, now: datetime) -> IngestResult:
        source_id = self.source_id(conn, ex.source or UNKNOWN_OUTLET)
        title = (ex.title or "").strip() or shorten(ex.text.strip().split("\n", 1)[0], TITLE_CHARS)
        headline_only = not ex.text.strip()
        digest = headline_hash(title) if headline_only else content_hash(ex.text)
        existing = self._find_existing(conn, source_id, ex, digest)
        if existing is not None:
            if existing.content_hash == digest and existing.title == title:
                return IngestResult(ex.origin, "unchanged", existing.id)
            if headline_only and existing.text.strip():  # its page is now paywalled: keep the text we have
                return IngestResult(ex.origin, "unchanged", existing.id)
            conn.execute(article_revisions.insert().values(
                article_id=existing.id, title=existing.title, text=existing.text,
                content_hash=existing.content_hash, replaced=now))
            conn.execute(articles.update().where(articles.c.id == existing.id).values(
                title=title, text=ex.text, content_hash=digest, raw_hash=ex.raw_hash, updated=now,
                published=ex.published or articles.c.published))
            return IngestResult(ex.origin, "revised", existing.id)
        values = dict(
            external_id=ex.external_id, url=ex.url, source_id=source_id, feed_id=ex.feed_id, title=title,
            authors=json.dumps(list(ex.authors)), published=ex.published, language=ex.language,
            section=ex.section, text=ex.text, content_hash=digest, raw_hash=ex.raw_hash or digest,
            fetched=now, updated=now,
        )
        # ON CONFLICT DO NOTHING: a concurrent writer (PostgreSQL) may have stored it since our look-up.
        new_id = conn.execute(_insert_statement(conn.dialect.name), values).scalar()
        if new_id is None:
            existing = self._find_existing(conn, source_id, ex, digest)
            return IngestResult(ex.origin, "unchanged", existing.id if existing is not None else None)
        return IngestResult(ex.origin, "ingested", new_id)

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

    # -- learned boilerplate ------------------------------------------------------------------
    def count_paragraphs(self, conn: sa.Connection, source_id: int, fingerprints: set[str]) -> dict[str, int]:
        """Add one page to each fingerprint's count for this outlet; return the updated counts."""
        if not fingerprints:
            return {}
        fps = sorted(fingerprints)
        known = dict(conn.execute(sa.select(boilerplate.c.fingerprint, boilerplate.c.pages).where(
            boilerplate.c.source_id == source_id, boilerplate.c.fingerprint.in_(fps))).all())
        new = [{"source_id": source_id, "fingerprint": f, "pages": 1} for f in fps if f not in known]
        if new:
            conn.execute(boilerplate.insert(), new)
        if known:
            conn.execute(boilerplate.update().where(boilerplate.c.source_id == source_id,
                                                    boilerplate.c.fingerprint.in_(list(known)))
                         .values(pages=boilerplate.c.pages + 1))
        return {f: known.get(f, 0) + 1 for f in fps}

    # -- rejections ---------------------------------------------------------------------------
    def record_rejection(self, conn: sa.Connection, origin: str, reason: str) -> None:
        """Keep why an input was rejected; both texts are made storable first (a file name with bytes that
        are not UTF-8, a NUL), so recording a rejection never fails."""
        conn.execute(rejections.insert().values(origin=_storable(origin)[:1000], reason=_storable(reason)[:1000],
                                                at=utcnow()))
