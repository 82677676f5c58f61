"""PostgreSQL backend: a pooled psycopg 3 engine and tsvector/GIN search (language-aware per article)."""
from __future__ import annotations

import sqlalchemy as sa

from .base import Store
from .schema import articles


class PostgresStore(Store):
    dialect = "postgresql"

    @classmethod
    def create(cls, url: str) -> PostgresStore:
        driver_url = (url.replace("postgresql://", "postgresql+psycopg://", 1)
                      .replace("postgres://", "postgresql+psycopg://", 1))
        engine = sa.create_engine(driver_url, pool_size=5, max_overflow=10, pool_pre_ping=True)
        return cls(engine, url)

    def _search(self, conn: sa.Connection, query: str, limit: int, offset: int,
                where: sa.ColumnElement[bool] | None) -> list[tuple[int, float]]:
        if not query.strip():
            return []
        tsq = sa.func.websearch_to_tsquery(sa.literal_column("'simple'::regconfig"), query)
        tsq_en = sa.func.websearch_to_tsquery(sa.literal_column("'english'::regconfig"), query)
        search: sa.ColumnClause[object] = sa.literal_column("articles.search")
        rank = sa.func.ts_rank_cd(search, sa.func.coalesce(tsq_en, tsq))
        stmt = (
            sa.select(articles.c.id, rank)
            .where(sa.or_(search.op("@@")(tsq), search.op("@@")(tsq_en)))
            .order_by(rank.desc(), articles.c.id.desc())
            .limit(limit).offset(offset)
        )
        if where is not None:
            stmt = stmt.where(where)
        return [(row[0], float(row[1])) for row in conn.execute(stmt)]

    def lock_clustering(self, conn: sa.Connection) -> None:
        """A transaction-level advisory lock: one clustering writer at a time, released at commit."""
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(7201)"))
