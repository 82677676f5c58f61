"""SQLite backend: one file, WAL, FTS5 search; writers queue on BEGIN IMMEDIATE, readers never wait for them."""
from __future__ import annotations

import re

import sqlalchemy as sa

from .base import Store
from .schema import articles

_FTS = sa.table("articles_fts", sa.column("rowid"), sa.column("rank"))
READ_BUSY_MS = 5000  # a read waits this long at most (only WAL recovery or a schema change can block it)


def _engine(url: str, writer: bool) -> sa.Engine:
    """Writers begin with BEGIN IMMEDIATE and queue for the write lock; readers begin a deferred,
    read-only transaction: a consistent WAL snapshot that never takes or waits for the write lock."""
    engine = sa.create_engine(url, connect_args={"timeout": 60 if writer else READ_BUSY_MS / 1000,
                                                 "check_same_thread": False})

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None  # let SQLAlchemy's BEGIN below, and SAVEPOINTs, work
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={60000 if writer else READ_BUSY_MS}")
        if not writer:
            cur.execute("PRAGMA query_only=ON")
        cur.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn):
        conn.exec_driver_sql("BEGIN IMMEDIATE" if writer else "BEGIN")

    return engine


class SQLiteStore(Store):
    dialect = "sqlite"

    @classmethod
    def create(cls, path: str) -> SQLiteStore:
        url = f"sqlite:///{path}"
        return cls(_engine(url, writer=True), url, read_engine=_engine(url, writer=False))

    def _search(self, conn: sa.Connection, query: str, limit: int, offset: int,
                where: sa.ColumnElement[bool] | None) -> list[tuple[int, float]]:
        match = fts5_query(query)
        if not match:
            return []
        if where is None:  # the index alone: no join, SQLite stops at the limit
            rows = conn.execute(sa.text("SELECT rowid, rank FROM articles_fts WHERE articles_fts MATCH :q "
                                        "ORDER BY rank, rowid DESC LIMIT :limit OFFSET :offset"),
                                {"q": match, "limit": limit, "offset": offset})
            return [(row[0], -float(row[1])) for row in rows]
        stmt = (
            sa.select(articles.c.id, sa.literal_column("articles_fts.rank"))
            .select_from(_FTS.join(articles, articles.c.id == sa.literal_column("articles_fts.rowid")))
            .where(sa.text("articles_fts MATCH :q").bindparams(q=match), where)
            .order_by(sa.literal_column("articles_fts.rank"), articles.c.id.desc())
            .limit(limit).offset(offset)
        )
        return [(row[0], -float(row[1])) for row in conn.execute(stmt)]

    def _search_newest(self, conn: sa.Connection, query: str, within: int, where: sa.ColumnElement[bool] | None,
                       after: int, highest: int) -> list[tuple[int, float]]:
        match = fts5_query(query)
        if not match:
            return []
        # FTS5 walks the matches from the newest rowid back, stops at the limit or the window's lowest id;
        # bm25 ranks only those.
        if where is None:
            rows = conn.execute(sa.text("SELECT rowid, rank FROM articles_fts WHERE articles_fts MATCH :q "
                                        "AND rowid > :after ORDER BY rowid DESC LIMIT :within"),
                                {"q": match, "after": after, "within": within})
            return [(row[0], -float(row[1])) for row in rows]
        rowid: sa.ColumnClause[int] = sa.literal_column("articles_fts.rowid")
        stmt = (
            sa.select(articles.c.id, sa.literal_column("articles_fts.rank"))
            .select_from(_FTS.join(articles, articles.c.id == rowid))
            .where(sa.text("articles_fts MATCH :q").bindparams(q=match), rowid > after, where)
            .order_by(rowid.desc()).limit(within)
        )
        return [(row[0], -float(row[1])) for row in conn.execute(stmt)]


def fts5_query(query: str) -> str:
    """User words to an FTS5 query: every word must match, quotes kept as phrases. (No word is taken as a
    prefix: FTS5 reads the whole index of a prefix before it can stop, and PostgreSQL matches words only.)"""
    phrases = re.findall(r'"([^"]+)"', query)
    rest = re.sub(r'"[^"]*"', " ", query)
    words = re.findall(r"\w+", rest)
    parts = ['"' + " ".join(re.findall(r"\w+", p)) + '"' for p in phrases if re.findall(r"\w+", p)]
    parts += ['"' + w + '"' for w in words]
    return " ".join(parts)
