"""Shared fixtures: real stores on both backends, the shared data folder, the sample dumps.

PostgreSQL is a real server: initdb into a temporary folder, pg_ctl on 127.0.0.1 and a free port,
stopped at the end of the session. Tests that take the ``store`` fixture run on SQLite and PostgreSQL.
"""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLES = SHARED / "samples"
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def pg_server():
    """A real PostgreSQL server for the session; yields a function making a fresh database URL."""
    from storywire.store.pgtemp import temporary_postgres

    with temporary_postgres() as new_database:
        yield new_database


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> str:
    """A fresh, empty store URL on each backend."""
    if request.param == "sqlite":
        return str(tmp_path / "storywire.db")
    return request.getfixturevalue("pg_server")()


@pytest.fixture
def store(db_url):
    from storywire.store import open_store

    s = open_store(db_url)
    yield s
    s.close()


@pytest.fixture
def sqlite_store(tmp_path):
    from storywire.store import open_store

    s = open_store(str(tmp_path / "storywire.db"))
    yield s
    s.close()


@pytest.fixture
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the repository")
    return SHARED


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the xdist_group marks
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The tests marked slow first, each group in its collected order: with `--dist loadgroup` each test (or
    xdist_group) is handed to a worker as it frees up, so the long tests start early and the workers end on short
    ones, instead of one worker running a long test alone at the end. The tests on the module's local Ray are one
    group: one worker starts Ray once for them."""
    for item in items:
        if "local_ray" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group("local_ray"))
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)
