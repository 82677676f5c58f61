"""The store: one narrow interface over SQLite (embedded default) and PostgreSQL.

Every query storywire runs lives in this package: other modules call the store's methods and never
import SQLAlchemy or the schema. Writes go through ``atomic()``: one transaction, all or nothing. On
SQLite a process-wide lock makes this process a single writer and ``BEGIN IMMEDIATE`` serialises
writers across processes. Reads use ``read()``, which never waits for a writer (on SQLite a read-only WAL snapshot).
The methods live in per-concern mixins (articles, per-article analyses, stories, accounts, feeds, briefings,
reading state, app passwords) so each file stays short; the backends differ only in engine set-up, full-text
search and the clustering lock.
"""
from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import NamedTuple, TypeAlias

import sqlalchemy as sa

from ..errors import StoreError
from .accounts import AccountsMixin
from .app_passwords import AppPasswordsMixin
from .article_analyses import ArticleAnalysesMixin
from .articles import ArticlesMixin, search_filter
from .briefings import BriefingsMixin
from .reading import ReadingMixin
from .schema import articles
from .stories import StoriesMixin
from .subscriptions import SubscriptionsMixin

MIGRATIONS = Path(__file__).parent / "migrations"
_REVISION_LINE = re.compile(r"^(down_revision|revision) = ['\"]?(\w+|None)['\"]?$", re.M)


@cache
def head_revision() -> str:
    """The newest migration: the revision in ``migrations/versions`` that no other one revises.

    Read from the files' ``revision = '...'`` lines rather than through Alembic, so that opening a store
    (every command does) does not import Alembic; a test checks that Alembic names the same head.
    """
    revisions, revised = set(), set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        lines = dict(_REVISION_LINE.findall(path.read_text(encoding="utf-8")))
        revisions.add(lines["revision"])
        revised.add(lines.get("down_revision", "None"))
    heads = revisions - revised
    if len(heads) != 1:
        raise StoreError(f"the migrations in {MIGRATIONS} have {len(heads)} heads, not one")
    return heads.pop()

Connection: TypeAlias = sa.Connection  # what ``atomic()`` and ``read()`` yield, for callers' annotations
# A read raises these when the database is locked, overloaded or unreachable (a write raises StoreError).
UNAVAILABLE: tuple[type[Exception], ...] = (sa.exc.OperationalError, sa.exc.TimeoutError)
# A statement raises this when the database cannot take a value (PostgreSQL refuses NUL characters).
UNUSABLE_VALUE: type[Exception] = sa.exc.DataError


class NewestMatches(NamedTuple):
    """A search among the newest articles: (article id, rank) best first, and whether any article was left
    out of it (more matches than it ranks, or articles older than the ones it read)."""
    hits: list[tuple[int, float]]
    older: bool


class Store(ArticlesMixin, ArticleAnalysesMixin, StoriesMixin, AccountsMixin, SubscriptionsMixin, BriefingsMixin,
            ReadingMixin, AppPasswordsMixin):
    """Everything storywire keeps. Create with :func:`storywire.store.open_store`."""

    dialect: str = ""

    def __init__(self, engine: sa.Engine, url: str, read_engine: sa.Engine | None = None):
        self.engine = engine
        self.read_engine = read_engine or engine
        self.url = url
        self._write_lock = threading.RLock()
        # per-connection caches (e.g. source ids) must not outlive a rolled-back transaction
        sa.event.listen(engine, "rollback", lambda conn: conn.info.clear())
        sa.event.listen(engine, "rollback_savepoint", lambda conn, name, context: conn.info.clear())
        # which stories exist and are not merged is only known inside one transaction
        sa.event.listen(engine, "commit", lambda conn: conn.info.pop("known_story_ids", None))

    # -- transactions -------------------------------------------------------------------------
    @contextmanager
    def atomic(self) -> Iterator[sa.Connection]:
        """One write transaction: commits whole or rolls back whole."""
        with self._write_lock:
            try:
                with self.engine.begin() as conn:
                    yield conn
            except sa.exc.OperationalError as exc:
                raise StoreError(f"the store could not be written: {exc.orig}") from exc

    @contextmanager
    def savepoint(self, conn: sa.Connection) -> Iterator[sa.Connection]:
        """A savepoint inside a write transaction: what fails in it is rolled back alone."""
        with conn.begin_nested():
            yield conn

    @contextmanager
    def read(self) -> Iterator[sa.Connection]:
        """A connection for reading. On SQLite it is read-only and never takes the write lock, so readers
        never wait for writers; on PostgreSQL (MVCC) reads never wait for writers either."""
        with self.read_engine.connect() as conn:
            yield conn

    # -- schema -------------------------------------------------------------------------------
    def schema_revision(self) -> str | None:
        """The store's migration (Alembic's version table), None for an empty store."""
        with self.read() as conn:
            if not sa.inspect(conn).has_table("alembic_version"):
                return None
            return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()

    def head_revision(self) -> str:
        return head_revision()

    def migrate(self) -> bool:
        """Bring the schema to the newest migration; returns True when anything was applied."""
        if self.schema_revision() == self.head_revision():
            return False
        from alembic import command  # only here: Alembic takes a quarter of a second to import
        from alembic.config import Config

        with self.atomic() as conn:
            cfg = Config()
            cfg.set_main_option("script_location", str(MIGRATIONS))
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
        return True

    def ensure_schema(self) -> None:
        """Fail early with a fix when the store is older than this storywire."""
        current = self.schema_revision()
        if current is None:
            self.migrate()
        elif current != self.head_revision():
            raise StoreError(f"the store {self.url} is at schema {current}; run `storywire db migrate`")

    def ping(self) -> None:
        """One trivial read: raises when the store cannot be reached."""
        with self.read() as conn:
            conn.exec_driver_sql("SELECT 1")

    # -- backend specifics --------------------------------------------------------------------
    def search_articles(self, conn: sa.Connection, query: str, limit: int, offset: int = 0, *,
                        outlet: str | None = None, since: datetime | None = None, before: datetime | None = None,
                        entity: str | None = None) -> list[tuple[int, float]]:
        """(article id, rank) best first, optionally only an outlet's articles, those dated in
        [since, before), or those of stories naming ``entity``."""
        return self._search(conn, query, limit, offset, search_filter(outlet, since, before, entity))

    def search_newest(self, conn: sa.Connection, query: str, within: int, *, recent: int | None = None,
                      outlet: str | None = None, since: datetime | None = None, before: datetime | None = None,
                      entity: str | None = None) -> NewestMatches:
        """The ``within`` newest matching articles (by id: the order they came in) among the ``recent``
        newest ids (all when None), best first; filters as :meth:`search_articles`. Its cost is bounded by
        ``within`` and ``recent``, however many articles match and however many the store holds."""
        # Two subqueries: each one step along the primary key (SQLite reads the table for min and max together).
        lowest, highest = conn.execute(sa.select(sa.select(sa.func.min(articles.c.id)).scalar_subquery(),
                                                 sa.select(sa.func.max(articles.c.id)).scalar_subquery())).one()
        if highest is None:
            return NewestMatches([], False)
        after = max(highest - recent, 0) if recent else 0  # the ids searched are (after, highest]
        found = self._search_newest(conn, query, within, search_filter(outlet, since, before, entity),
                                    after, highest)
        hits = sorted(found, key=lambda hit: (-hit[1], -hit[0]))
        return NewestMatches(hits, len(found) >= within or after >= lowest)

    def _search(self, conn: sa.Connection, query: str, limit: int, offset: int,
                where: sa.ColumnElement[bool] | None) -> list[tuple[int, float]]:
        """The backend's full-text search over its own index."""
        raise NotImplementedError

    def _search_newest(self, conn: sa.Connection, query: str, within: int, where: sa.ColumnElement[bool] | None,
                       after: int, highest: int) -> list[tuple[int, float]]:
        """The backend's (article id, rank) of the ``within`` newest matches with ids in (after, highest],
        in any order."""
        raise NotImplementedError

    def lock_clustering(self, conn: sa.Connection) -> None:
        """Make this write transaction the only one clustering (SQLite's write lock already does)."""

    def close(self) -> None:
        self.engine.dispose()
        self.read_engine.dispose()
