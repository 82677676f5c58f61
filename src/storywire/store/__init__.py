"""The store factory: a SQLite path (or sqlite:/// URL) or a postgresql:// URL gives the right backend."""
from __future__ import annotations

from pathlib import Path

from ..errors import StoreError
from .base import Store


def open_store(db: str, migrate: bool = True, create: bool = True) -> Store:
    """Open (and by default create or migrate) the store named by ``db``. With ``create=False`` a SQLite
    file that does not exist is an error, not a new empty store (a PostgreSQL database must exist anyway)."""
    if db.startswith(("postgresql://", "postgres://", "postgresql+psycopg://")):
        from .postgres import PostgresStore

        store: Store = PostgresStore.create(db.replace("postgresql+psycopg://", "postgresql://", 1))
    elif "://" in db and not db.startswith("sqlite:///"):
        raise StoreError(f"unsupported store URL {db!r}: use a SQLite file path or a postgresql:// URL")
    else:
        from .sqlite import SQLiteStore

        path = Path(db.removeprefix("sqlite:///"))
        if path.parent and not path.parent.exists():
            raise StoreError(f"folder {path.parent} does not exist: create it or choose another --db")
        if not create and not path.exists():
            shown = path if path.is_absolute() or path.parent != Path() else f"./{path}"
            raise StoreError(f"no store at {shown}: run `storywire init` or pass --db")
        store = SQLiteStore.create(str(path))
    try:
        if migrate:
            store.ensure_schema()
    except StoreError:
        raise
    except Exception as exc:  # connection refused, bad credentials, not a database file...
        raise StoreError(f"cannot open the store {db}: {exc.__class__.__name__}: {str(exc).splitlines()[0]}") from exc
    return store


__all__ = ["Store", "open_store"]
