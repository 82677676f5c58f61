"""PostgreSQL-specific promises: concurrent ingest from two processes, and `db copy` from SQLite."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from storywire.cli import app
from storywire.models import Extracted
from storywire.store import open_store
from storywire.store.schema import articles

STORYWIRE = str(Path(sys.executable).parent / "storywire")


def write_jsonl(path: Path, ids: range) -> None:
    path.write_text("".join(json.dumps({
        "id": f"c{i}", "url": f"https://paper.example/{i}", "source": f"Paper {i % 3}",
        "title": f"Council votes on plan {i}", "text": f"The council voted on plan number {i} on Monday. " * 5,
        "published": f"2022-02-0{1 + i % 5}T10:00:00Z"}) + "\n" for i in ids))


@pytest.mark.slow
def test_two_processes_ingesting_overlapping_files(pg_server, tmp_path):
    url = pg_server()
    open_store(url).close()  # create the schema once, as `storywire db migrate` would
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    write_jsonl(a, range(0, 300))
    write_jsonl(b, range(150, 450))
    procs = [subprocess.Popen([STORYWIRE, "--db", url, "ingest", str(p), "--no-analyse"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True,
                              env={"STORYWIRE_BATCH_SIZE": "25", "PATH": "/usr/bin:/bin",
                                   "PYTHONPATH": os.environ.get("PYTHONPATH", "")}) for p in (a, b)]
    try:
        errors = [p.communicate(timeout=300)[1] for p in procs]
    finally:
        for p in procs:  # after a timeout: end the writers and close their pipes
            if p.poll() is None:
                p.kill()
                p.communicate()
    for p, err in zip(procs, errors, strict=True):
        assert p.returncode == 0, err
    with closing(open_store(url)) as store, store.read() as conn:
        ids = [r[0] for r in conn.execute(sa.select(articles.c.external_id))]
        unclustered = conn.execute(sa.select(sa.func.count()).where(articles.c.story_id.is_(None))).scalar()
    assert len(ids) == 450 and len(set(ids)) == 450
    assert unclustered == 0


@pytest.mark.slow
def test_db_copy_sqlite_to_postgresql(pg_server, tmp_path):
    src = tmp_path / "big.db"
    n = 20_000
    with closing(open_store(str(src))) as store:
        for start in range(0, n, 2000):
            with store.atomic() as conn:
                for i in range(start, start + 2000):
                    store.upsert_article(conn, Extracted(
                        origin="gen", text=f"Body of article {i}, about harbour {i % 97}.", title=f"Article {i}",
                        source=f"Outlet {i % 40}", url=f"https://o.example/{i}", external_id=f"e{i}"))
    dst = pg_server()
    result = CliRunner().invoke(app, ["db", "copy", "--from", str(src), "--to", dst])
    assert result.exit_code == 0, result.output
    assert "articles: 20000" in result.output
    again = CliRunner().invoke(app, ["db", "copy", "--from", str(src), "--to", dst])  # resumable: a no-op now
    assert again.exit_code == 0
    with closing(open_store(dst)) as target:
        with target.read() as conn:
            assert target.count_articles(conn) == n
            sample = target.get_article(conn, 12345)
            assert (sample.title, sample.source, sample.url) == ("Article 12344", "Outlet 24", "https://o.example/12344")
            assert [i for i, _ in target.search_articles(conn, "harbour 55", 500)]  # tsvector search on copied rows
        with target.atomic() as conn:  # sequences moved past the copied ids: new rows get fresh ids
            res = target.upsert_article(conn, Extracted(origin="t", text="new", title="New", source="Outlet 1"))
    assert res.article_id == n + 1
