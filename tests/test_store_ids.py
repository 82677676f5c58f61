"""64-bit ids on both backends: rows with ids past 2^31 are stored, clustered and read back; migration 0005
(ids and references to them as BIGINT on PostgreSQL) runs up and down on a store holding rows."""
from __future__ import annotations

from contextlib import closing
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from typer.testing import CliRunner

from storywire import config
from storywire.cli import app
from storywire.models import Extracted
from storywire.pipeline import Pipeline
from storywire.store import open_store
from storywire.store.base import MIGRATIONS
from storywire.store.schema import ID, metadata

PAST_31_BITS = 2**31 + 1000
SERIAL_TABLES = ("sources", "feeds", "articles", "article_revisions", "users")


def _ids_past_31_bits(store) -> None:
    """Make the next ids of the store's sequences (PostgreSQL) or rowids (SQLite: a row with a large id, as a
    store that grew that far has) larger than a 4-byte integer holds."""
    with store.atomic() as conn:
        if store.dialect == "postgresql":
            for i, table in enumerate(SERIAL_TABLES):
                conn.execute(sa.text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), :v)"),
                             {"v": PAST_31_BITS + 1000 * i})
        else:
            conn.execute(sa.text("INSERT INTO sources (id, name, created) VALUES (:v, 'placeholder', :now)"),
                         {"v": PAST_31_BITS, "now": datetime.now(UTC).replace(tzinfo=None)})
            seed = store.upsert_article(conn, Extracted(origin="seed", text="Seed text.", title="Seed", source="S"))
            conn.execute(sa.text("UPDATE articles SET id = :v WHERE id = :old"),
                         {"v": PAST_31_BITS + 2000, "old": seed.article_id})
        # stories take the next id after the largest: one past 2^31 makes the engine's new stories larger
        conn.execute(sa.text("INSERT INTO stories (id, title, created, updated, merged_into)"
                             " VALUES (:v, 'placeholder', :now, :now, :v)"),
                     {"v": PAST_31_BITS, "now": datetime.now(UTC).replace(tzinfo=None)})


def _records(feed_id: int) -> list[Extracted]:
    when = datetime(2024, 3, 5, 8, tzinfo=UTC)
    quake = "A strong earthquake of magnitude 6.8 struck off the coast of Sumatra on Tuesday, the agency said. "
    vote = "Parliament approved the annual budget after an all-night session on Wednesday, the speaker said. "
    return [Extracted(origin=f"in:{i}", url=f"https://{outlet}.example/{i}", source=outlet.title(), title=title,
                      text=(text * 3).strip(), published=when + timedelta(hours=i), feed_id=feed_id, language="en")
            for i, (outlet, title, text) in enumerate([
                ("north", "Strong earthquake strikes off Sumatra", quake),
                ("south", "Magnitude 6.8 earthquake strikes off Sumatra", quake + "No damage was reported. "),
                ("north", "Budget passes after all-night session", vote),
                ("east", "Parliament approves annual budget", vote + "The opposition voted against it. ")])]


def test_ids_past_31_bits_are_stored_clustered_and_read_back(store):
    _ids_past_31_bits(store)
    with store.atomic() as conn:
        feed_id, _ = store.add_feed(conn, "https://north.example/rss")
    with store.atomic() as conn:  # on PostgreSQL by COPY (a batch of new rows)
        assert [r.status for r in store.upsert_articles(conn, _records(feed_id))] == ["ingested"] * 4
    Pipeline(store, config.Settings(db=store.url, analyse=False)).cluster_pending()
    with store.read() as conn:
        assert store.count_unclustered(conn) == 0
        stored = [a for a in store.iter_articles(conn) if a.url]
        assert len(stored) == 4 and all(a.id > 2**31 for a in stored)
        assert {a.url: store.get_article(conn, a.id).title for a in stored}["https://south.example/1"] == (
            "Magnitude 6.8 earthquake strikes off Sumatra")
        stories = {a.story_id for a in stored}
        assert None not in stories and all(s > 2**31 for s in stories)
        by_story = {s: sorted(a.url for a in store.story_articles(conn, s)) for s in stories}
    assert sorted(by_story.values()) == [["https://east.example/3", "https://north.example/2"],
                                         ["https://north.example/0", "https://south.example/1"]]
    if store.dialect == "postgresql":
        assert feed_id > 2**31


def _alembic(conn: sa.Connection) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = conn
    return cfg


def _id_column_types(store) -> set[str]:
    """The database's types of every id column and reference to one."""
    columns = [(t.name, c.name) for t in metadata.sorted_tables for c in t.columns if c.type is ID]
    with store.read() as conn:
        return {str(col["type"]) for table, name in columns for col in sa.inspect(conn).get_columns(table)
                if col["name"] == name}


@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
@pytest.mark.filterwarnings("ignore:autogenerate skipping metadata-specified expression-based index")
def test_migration_0005_runs_down_and_up_on_a_store_holding_rows(store):
    wide = {"BIGINT"} if store.dialect == "postgresql" else {"INTEGER"}
    narrow = {"INTEGER"}
    with store.atomic() as conn:
        first = store.upsert_article(conn, Extracted(origin="t", text="Flood text.", title="Flood", source="S"))
        store.create_user(conn, "ann", "a long password here")
    assert _id_column_types(store) == wide
    with store.atomic() as conn:
        command.downgrade(_alembic(conn), "0004")
    assert _id_column_types(store) == narrow and store.schema_revision() == "0004"
    with store.atomic() as conn:
        command.upgrade(_alembic(conn), "head")
    assert _id_column_types(store) == wide and store.schema_revision() == store.head_revision()
    with store.read() as conn:
        assert store.get_article(conn, first.article_id).title == "Flood"
        assert [u["name"] for u in store.list_users(conn)] == ["ann"]
        diffs = compare_metadata(MigrationContext.configure(conn), metadata)
    assert [d for d in diffs if "modify_type" in repr(d)] == []  # the migrations build what schema.py says
    _ids_past_31_bits(store)
    with store.atomic() as conn:
        later = store.upsert_article(conn, Extracted(origin="t", text="Later text.", title="Later", source="S"))
    assert later.article_id > 2**31


@pytest.mark.slow
def test_db_copy_keeps_ids_past_31_bits(pg_server, tmp_path):
    source_db = str(tmp_path / "big-ids.db")
    with closing(open_store(source_db)) as source:
        _ids_past_31_bits(source)
        with source.atomic() as conn:
            stored = source.upsert_articles(conn, [
                Extracted(origin="t", text=f"Text {i} of the harbour.", title=f"Harbour {i}", source="S")
                for i in range(3)])
    target_db = pg_server()
    result = CliRunner().invoke(app, ["db", "copy", "--from", source_db, "--to", target_db])
    assert result.exit_code == 0, result.output
    with closing(open_store(target_db)) as target:
        with target.read() as conn:
            assert [a.title for a in target.get_articles(conn, [r.article_id for r in stored])] == [
                "Harbour 0", "Harbour 1", "Harbour 2"]
        with target.atomic() as conn:  # the sequence moved past the copied ids
            new = target.upsert_article(conn, Extracted(origin="t", text="New text.", title="New", source="S"))
    assert new.article_id == stored[-1].article_id + 1


def test_the_store_names_alembics_head_and_the_revision_alembic_wrote(store, tmp_path):
    """Opening a store reads its revision and the newest migration without Alembic: the same answers as Alembic's."""
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    assert store.head_revision() == ScriptDirectory.from_config(cfg).get_current_head()
    with store.read() as conn:
        written = MigrationContext.configure(conn).get_current_revision()
    assert store.schema_revision() == written == store.head_revision()
    (tmp_path / "empty.db").touch()
    with closing(open_store(str(tmp_path / "empty.db"), migrate=False)) as empty:
        assert empty.schema_revision() is None
