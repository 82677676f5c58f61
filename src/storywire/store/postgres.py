"""PostgreSQL backend: a pooled psycopg 3 engine, new articles written with COPY, and tsvector/GIN search
(language-aware per article)."""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime

import psycopg
import sqlalchemy as sa
from psycopg.errors import UniqueViolation

from .articles import NEW_ROW_COLUMNS, Record, refused
from .base import Store
from .schema import articles

_COLUMNS = ", ".join(NEW_ROW_COLUMNS)
_FOUND = ("SELECT a.id, a.source_id, a.external_id, a.url, a.content_hash, a.raw_hash, a.title, a.text"
          " FROM articles a")
# The keys travel as arrays: a statement of constant size, planned fast whatever the batch's size.
_LOOKUP = sa.text(
    f"{_FOUND} JOIN unnest(CAST(:sids AS bigint[]), CAST(:hashes AS text[])) AS k(source_id, digest)"
    " ON a.source_id = k.source_id AND a.content_hash = k.digest"
    f" UNION ALL {_FOUND} JOIN unnest(CAST(:xsids AS bigint[]), CAST(:xids AS text[])) AS k(source_id, external_id)"
    " ON a.source_id = k.source_id AND a.external_id = k.external_id"
    f" UNION ALL {_FOUND} WHERE a.url = ANY(CAST(:urls AS text[]))")
# New articles take their ids first (in order, as an INSERT would), then go by COPY straight into the table: one
# stream, no statement per row, no copy of the texts through a staging table.
_IDS = "SELECT nextval(pg_get_serial_sequence('articles', 'id')) FROM generate_series(1, %s)"
# When another writer stored one of them meanwhile, they arrive here by COPY, then move in one INSERT that skips it.
_STAGING = ("CREATE TEMP TABLE IF NOT EXISTS articles_incoming (seq integer, external_id text, url text,"
            " source_id bigint, feed_id bigint, title text, authors text, published timestamptz, language text,"
            " section text, text text, content_hash text, raw_hash text, fetched timestamptz, updated timestamptz)"
            " ON COMMIT DELETE ROWS")
_MOVE = (f"WITH moved AS (DELETE FROM articles_incoming RETURNING *) INSERT INTO articles ({_COLUMNS})"
         f" SELECT {_COLUMNS} FROM moved ORDER BY seq ON CONFLICT DO NOTHING RETURNING id, source_id, content_hash")
# Clustering's writes go as arrays, one statement for all rows (an executemany ran one statement per row).
_ASSIGN = sa.text(
    "UPDATE articles AS a SET story_id = u.story_id, duplicate_of = u.duplicate_of, dup_similarity = u.similarity,"
    " clustered_at = u.clustered_at FROM unnest(CAST(:aids AS bigint[]), CAST(:story_ids AS bigint[]),"
    " CAST(:duplicates AS bigint[]), CAST(:similarities AS float8[]), CAST(:ats AS timestamptz[]))"
    " AS u(aid, story_id, duplicate_of, similarity, clustered_at) WHERE a.id = u.aid")
_REFRESH = sa.text(
    "UPDATE stories AS s SET article_count = u.articles, source_count = u.outlets, first_seen = u.first_seen,"
    " last_seen = u.last_seen, updated = u.updated, title = coalesce(u.title, s.title)"
    " FROM unnest(CAST(:sids AS bigint[]), CAST(:articles AS integer[]), CAST(:outlets AS integer[]),"
    " CAST(:firsts AS timestamptz[]), CAST(:lasts AS timestamptz[]), CAST(:updated AS timestamptz[]),"
    " CAST(:titles AS text[])) AS u(sid, articles, outlets, first_seen, last_seen, updated, title) WHERE s.id = u.sid")
_ADD_PAGES = sa.text(
    "INSERT INTO boilerplate (source_id, fingerprint, pages) SELECT * FROM unnest(CAST(:sids AS bigint[]),"
    " CAST(:prints AS text[]), CAST(:pages AS integer[])) ON CONFLICT (source_id, fingerprint)"
    " DO UPDATE SET pages = boilerplate.pages + excluded.pages")
_ANALYSED = sa.text(
    "UPDATE stories AS s SET title = u.title, summary = u.summary, analysed = u.analysed"
    " FROM unnest(CAST(:sids AS bigint[]), CAST(:titles AS text[]), CAST(:summaries AS text[]),"
    " CAST(:analysed AS timestamptz[])) AS u(sid, title, summary, analysed) WHERE s.id = u.sid")
_REVISE = sa.text(
    "UPDATE articles AS a SET title = u.title, text = u.text, content_hash = u.content_hash, raw_hash = u.raw_hash,"
    " updated = u.updated, published = coalesce(u.published, a.published)"
    " FROM unnest(CAST(:aids AS bigint[]), CAST(:titles AS text[]), CAST(:texts AS text[]),"
    " CAST(:hashes AS text[]), CAST(:raw_hashes AS text[]), CAST(:updated AS timestamptz[]),"
    " CAST(:published AS timestamptz[])) AS u(aid, title, text, content_hash, raw_hash, updated, published)"
    " WHERE a.id = u.aid")
_MOVE_MERGED = sa.text(
    "UPDATE articles AS a SET story_id = m.final_id FROM unnest(CAST(:olds AS bigint[]), CAST(:finals AS bigint[]))"
    " AS m(old_id, final_id) WHERE a.story_id = m.old_id")
_MARK_MERGED = sa.text(
    "UPDATE stories AS s SET merged_into = m.into_id, updated = :now, article_count = 0, source_count = 0"
    " FROM unnest(CAST(:olds AS bigint[]), CAST(:intos AS bigint[])) AS m(old_id, into_id) WHERE s.id = m.old_id")
# A search reads the newest PROBE_IDS ids in id order first; where fewer than SPARSE of them matched, it reads
# the rest of its window through the GIN index and the primary key together (a BitmapAnd: only the matching
# rows of the window are fetched), which the planner, misjudging how often words occur (together, or lately),
# may not pick: its other ways are switched off for that statement.
PROBE_IDS = 2000
SPARSE = 0.04
_BITMAP_ONLY = ("SET enable_indexscan = off; SET enable_seqscan = off; SET max_parallel_workers_per_gather = 0")
_PLANNER_DEFAULTS = "RESET enable_indexscan; RESET enable_seqscan; RESET max_parallel_workers_per_gather"


@contextmanager
def _bitmap_scans_only(conn: sa.Connection) -> Iterator[None]:
    """Plan the statements inside with bitmap scans only, then restore the planner's settings (a failed
    transaction rolls them back itself; a dropped connection is discarded)."""
    conn.exec_driver_sql(_BITMAP_ONLY)
    try:
        yield
    finally:
        if not conn.invalidated and conn.connection.driver_connection is not None:
            status = conn.connection.driver_connection.info.transaction_status
            if status != psycopg.pq.TransactionStatus.INERROR:
                conn.exec_driver_sql(_PLANNER_DEFAULTS)


def _aware(value: object) -> object:
    """A naive time is UTC (as the schema's UTCDateTime takes it), not the session's zone."""
    return value.replace(tzinfo=UTC) if isinstance(value, datetime) and value.tzinfo is None else value


def _copy(conn: sa.Connection, statement: str, rows: Iterable[tuple]) -> None:
    """Stream ``rows`` by COPY; a value the database cannot keep raises RecordRefused (a key stored already
    raises psycopg's UniqueViolation)."""
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        with cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row([_aware(value) for value in row])
    except (psycopg.DataError, psycopg.IntegrityError) as exc:
        if isinstance(exc, UniqueViolation):
            raise
        raise refused(exc) from exc
    finally:
        cursor.close()


def _matches(query: str) -> tuple[sa.ColumnElement[bool], sa.ColumnElement[float]]:
    """Whether an article matches the user's words (as words, or stemmed in English: one tsquery of either, so
    each row's tsvector is matched once), and its rank."""
    tsq = sa.func.websearch_to_tsquery(sa.literal_column("'simple'::regconfig"), query)
    tsq_en = sa.func.websearch_to_tsquery(sa.literal_column("'english'::regconfig"), query)
    search: sa.ColumnClause[object] = sa.literal_column("articles.search")
    rank = sa.func.ts_rank_cd(search, sa.func.coalesce(tsq_en, tsq), type_=sa.Float)
    return search.op("@@")(tsq.op("||")(tsq_en)), rank


class PostgresStore(Store):
    dialect = "postgresql"

    @classmethod
    def create(cls, url: str) -> PostgresStore:
        driver_url = (url.replace("postgresql://", "postgresql+psycopg://", 1)
                      .replace("postgres://", "postgresql+psycopg://", 1))
        engine = sa.create_engine(driver_url, pool_size=5, max_overflow=10, pool_pre_ping=True)
        return cls(engine, url)

    def _lookup(self, conn: sa.Connection, group: list[Record]) -> Sequence[sa.Row]:
        external = [r for r in group if r.ex.external_id]
        return conn.execute(_LOOKUP, {
            "sids": [r.source_id for r in group], "hashes": [r.digest for r in group],
            "xsids": [r.source_id for r in external], "xids": [r.ex.external_id for r in external],
            "urls": [r.ex.url for r in group if r.ex.url]}).all()

    def _insert_new(self, conn: sa.Connection, rows: list[dict]) -> list[tuple[int, int, str]]:
        """Many rows: their ids from the sequence, then COPY into the table (in a savepoint: when another writer
        stored one of them since the look-up, the rows go through the staging table, skipping that one)."""
        if len(rows) < 2:
            return super()._insert_new(conn, rows)
        ids = [r[0] for r in conn.exec_driver_sql(_IDS, (len(rows),))]
        try:
            with conn.begin_nested():
                _copy(conn, f"COPY articles (id, {_COLUMNS}) FROM STDIN",
                      ((aid, *(row[c] for c in NEW_ROW_COLUMNS)) for aid, row in zip(ids, rows, strict=True)))
        except UniqueViolation:
            return self._insert_staged(conn, rows)
        return [(aid, row["source_id"], row["content_hash"]) for aid, row in zip(ids, rows, strict=True)]

    def _insert_staged(self, conn: sa.Connection, rows: list[dict]) -> list[tuple[int, int, str]]:
        """COPY into a session's staging table, then one INSERT ... ON CONFLICT DO NOTHING."""
        if "articles_incoming" not in conn.info:  # the info is cleared at rollback, which drops a new table
            conn.exec_driver_sql(_STAGING)
            conn.info["articles_incoming"] = True
        _copy(conn, f"COPY articles_incoming (seq, {_COLUMNS}) FROM STDIN",
              ((seq, *(row[c] for c in NEW_ROW_COLUMNS)) for seq, row in enumerate(rows)))
        return [(r[0], r[1], r[2]) for r in conn.exec_driver_sql(_MOVE)]

    def _insert_rows(self, conn: sa.Connection, table: sa.Table, rows: list[dict]) -> None:
        """One INSERT ... SELECT over an array per column."""
        if not rows:
            return
        columns = [table.c[name] for name in rows[0]]
        arrays = ", ".join(f"CAST(:c{i} AS {c.type.compile(dialect=conn.dialect)}[])" for i, c in enumerate(columns))
        conn.execute(sa.text(f"INSERT INTO {table.name} ({', '.join(c.name for c in columns)})"
                             f" SELECT * FROM unnest({arrays})"),
                     {f"c{i}": [_aware(row[c.name]) for row in rows] for i, c in enumerate(columns)})

    def _revise(self, conn: sa.Connection, updates: list[dict]) -> None:
        """One UPDATE for all revised articles (of two revisions of one article, the later, as in turn)."""
        updates = list({u["aid"]: u for u in updates}.values())
        conn.execute(_REVISE, {
            "aids": [u["aid"] for u in updates], "titles": [u["title"] for u in updates],
            "texts": [u["text"] for u in updates], "hashes": [u["content_hash"] for u in updates],
            "raw_hashes": [u["raw_hash"] for u in updates], "updated": [_aware(u["updated"]) for u in updates],
            "published": [_aware(u["new_published"]) for u in updates]})

    def _write_assignments(self, conn: sa.Connection, rows: list[dict]) -> None:
        """One UPDATE for all rows (of two rows for one article, the later, as in turn)."""
        rows = list({row["aid"]: row for row in rows}.values())
        if rows:
            conn.execute(_ASSIGN, {
                "aids": [r["aid"] for r in rows], "story_ids": [r["story_id"] for r in rows],
                "duplicates": [r["duplicate_of"] for r in rows], "similarities": [r["dup_similarity"] for r in rows],
                "ats": [_aware(r["clustered_at"]) for r in rows]})

    def _update_stories(self, conn: sa.Connection, rows: list[dict]) -> None:
        """One UPDATE for all rows (a title of None keeps the story's)."""
        if rows:
            conn.execute(_REFRESH, {
                "sids": [r["sid"] for r in rows], "articles": [r["article_count"] for r in rows],
                "outlets": [r["source_count"] for r in rows], "firsts": [_aware(r["first_seen"]) for r in rows],
                "lasts": [_aware(r["last_seen"]) for r in rows], "updated": [_aware(r["updated"]) for r in rows],
                "titles": [r.get("title") for r in rows]})

    def _add_pages(self, conn: sa.Connection, rows: list[dict]) -> None:
        """One INSERT ... ON CONFLICT over arrays for all rows."""
        conn.execute(_ADD_PAGES, {"sids": [r["source_id"] for r in rows], "prints": [r["fingerprint"] for r in rows],
                                  "pages": [r["pages"] for r in rows]})

    def _write_analysed(self, conn: sa.Connection, rows: list[dict]) -> None:
        """One UPDATE for all rows."""
        conn.execute(_ANALYSED, {"sids": [r["sid"] for r in rows], "titles": [r["title"] for r in rows],
                                 "summaries": [r["summary"] for r in rows],
                                 "analysed": [_aware(r["analysed"]) for r in rows]})

    def _record_merges(self, conn: sa.Connection, merges: list[tuple[int, int, int]], now: datetime) -> None:
        """Two UPDATEs for all merges."""
        olds = [old for old, _into, _end in merges]
        conn.execute(_MOVE_MERGED, {"olds": olds, "finals": [end for _old, _into, end in merges]})
        conn.execute(_MARK_MERGED, {"olds": olds, "intos": [into for _old, into, _end in merges], "now": _aware(now)})

    def _search(self, conn: sa.Connection, query: str, limit: int, offset: int,
                where: sa.ColumnElement[bool] | None) -> list[tuple[int, float]]:
        if not query.strip():
            return []
        matches, rank = _matches(query)
        stmt = sa.select(articles.c.id, rank).where(matches).order_by(rank.desc(), articles.c.id.desc())
        if where is not None:
            stmt = stmt.where(where)
        return [(row[0], float(row[1])) for row in conn.execute(stmt.limit(limit).offset(offset))]

    def _search_newest(self, conn: sa.Connection, query: str, within: int, where: sa.ColumnElement[bool] | None,
                       after: int, highest: int) -> list[tuple[int, float]]:
        """The newest ``PROBE_IDS`` ids first, in id order; then the rest of the window the way that reads less
        for a match as common as it was there: in id order until enough match, or (rarer than ``SPARSE``)
        through the GIN index, which reads only the matching rows of the window."""
        if not query.strip():
            return []
        matches, rank = _matches(query)

        def newest(cond: sa.ColumnElement[bool], lo: int, hi: int, limit: int) -> list[tuple[int, float]]:
            stmt = sa.select(articles.c.id, rank).where(cond, articles.c.id > lo, articles.c.id <= hi)
            if where is not None:
                stmt = stmt.where(where)
            return [(row[0], float(row[1])) for row in conn.execute(stmt.order_by(articles.c.id.desc()).limit(limit))]

        in_id_order = sa.func.coalesce(matches, sa.false())  # not a condition the GIN index can serve
        probe_lo = max(after, highest - PROBE_IDS)
        found = newest(in_id_order, probe_lo, highest, within)
        if len(found) >= within or probe_lo <= after:
            return found
        if len(found) / (highest - probe_lo) >= SPARSE:
            return found + newest(in_id_order, after, probe_lo, within - len(found))
        with _bitmap_scans_only(conn):
            rest = newest(matches, after, probe_lo, within - len(found))
        return found + rest

    def lock_clustering(self, conn: sa.Connection) -> None:
        """A transaction-level advisory lock: one clustering writer at a time, released at commit."""
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(7201)"))
