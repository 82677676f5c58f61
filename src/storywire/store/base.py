"""The store: one narrow interface over SQLite (embedded default) and PostgreSQL.

Writes go through ``atomic()``: one transaction, all or nothing. On SQLite a process-wide lock makes
this process a single writer and ``BEGIN IMMEDIATE`` serialises writers across processes.
Reads use ``read()``: a read-only snapshot that never waits for a writer. The methods live in per-concern mixins (articles, stories, accounts, feeds,
briefings) so each file stays short; the backends differ only in engine set-up and full-text search.
"""
from __future__ import annotations

import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from ..errors import StoreError
from .accounts import AccountsMixin
from .articles import ArticlesMixin
from .briefings import BriefingsMixin
from .feeds import FeedsMixin
from .stories import StoriesMixin

MIGRATIONS = Path(__file__).parent / "migrations"


class Store(ArticlesMixin, StoriesMixin, AccountsMixin, FeedsMixin, BriefingsMixin):
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
        """A read-only connection: it never takes the write lock, so readers never wait for writers."""
        with self.read_engine.connect() as conn:
            yield conn

    # -- schema -------------------------------------------------------------------------------
    def _alembic(self, conn: sa.Connection) -> Config:
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        cfg.attributes["connection"] = conn
        return cfg

    def schema_revision(self) -> str | None:
        with self.read() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    def head_revision(self) -> str | None:
        return ScriptDirectory.from_config(self._alembic(None)).get_current_head()  # type: ignore[arg-type]

    def migrate(self) -> bool:
        """Bring the schema to the newest migration; returns True when anything was applied."""
        if self.schema_revision() == self.head_revision():
            return False
        with self.atomic() as conn:
            command.upgrade(self._alembic(conn), "head")
        return True

    def ensure_schema(self) -> None:
        """Fail early with a fix when the store is older than this storywire."""
        current = self.schema_revision()
        if current is None:
            self.migrate()
        elif current != self.head_revision():
            raise StoreError(f"the store {self.url} is at schema {current}; run `storywire db migrate`")

    def search_articles(self, conn: sa.Connection, query: str, limit: int, offset: int = 0,
                        filters: sa.ColumnElement | None = None) -> list[tuple[int, float]]:
        """(article id, rank) best first; the backend implements it with its own full-text index."""
        raise NotImplementedError

    def close(self) -> None:
        self.engine.dispose()
        self.read_engine.dispose()
