"""Copy a whole installation between stores (e.g. SQLite to PostgreSQL), batch by batch, resumably.

Rows keep their ids. Each batch is one transaction on the target and inserts skip rows already
there, so an interrupted copy is resumed by running the same command again.
"""
from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from .base import Store
from .schema import metadata

BATCH = 2000


def _insert(target: Store, table: sa.Table):
    dialect_insert = postgresql.insert if target.dialect == "postgresql" else sqlite.insert
    return dialect_insert(table).on_conflict_do_nothing()


def copy_store(source: Store, target: Store, on_rows: Callable[[str, int, int], None] | None = None) -> dict[str, int]:
    """Copy every table (parents before children); returns rows copied per table."""
    copied: dict[str, int] = {}
    for table in metadata.sorted_tables:
        pk = list(table.primary_key.columns)
        with source.read() as conn:
            total = conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
        done = 0
        last: tuple | None = None
        cols = [c for c in table.columns]
        while True:
            stmt = sa.select(*cols).order_by(*pk).limit(BATCH)
            if last is not None:
                stmt = stmt.where(sa.tuple_(*pk) > sa.tuple_(*[sa.literal(v) for v in last]))
            with source.read() as conn:
                rows = [dict(r._mapping) for r in conn.execute(stmt)]
            if not rows:
                break
            with target.atomic() as conn:
                conn.execute(_insert(target, table), rows)
            done += len(rows)
            last = tuple(rows[-1][c.name] for c in pk)
            if on_rows:
                on_rows(table.name, done, total)
        copied[table.name] = done
    if target.dialect == "postgresql":
        _reset_sequences(target)
    return copied


def _reset_sequences(target: Store) -> None:
    """Explicit ids were inserted: move each serial sequence past the largest id."""
    with target.atomic() as conn:
        for table in metadata.sorted_tables:
            if "id" in table.c and table.c.id.primary_key and table.c.id.autoincrement is not False:
                seq = conn.execute(sa.text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table.name}).scalar()
                if seq:
                    conn.execute(sa.text(f"SELECT setval('{seq}', "
                                         f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"))
