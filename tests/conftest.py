"""Shared fixtures: real stores on both backends, the shared data folder, the sample dumps.

PostgreSQL is a real server: initdb into a temporary folder, pg_ctl on 127.0.0.1 and a free port,
stopped at the end of the session. Tests that take the ``store`` fixture run on SQLite and PostgreSQL.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLES = SHARED / "samples"
FIXTURES = Path(__file__).parent / "fixtures"


def _pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    for cand in sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True):
        return str(cand)
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory):
    """A throwaway PostgreSQL server; yields a function making a fresh database URL."""
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if not initdb or not pg_ctl:
        pytest.fail("PostgreSQL server binaries not found: `make test` installs them (apt-get install postgresql)")
    base = Path(tempfile.mkdtemp(prefix="storywire-pg-"))  # not under pytest's 0700 folder: postgres must enter it
    data = base / "data"
    user = "storywire"
    run_as: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root: use the postgres system user
        shutil.chown(base, "postgres") if _has_user("postgres") else None
        run_as = ["runuser", "-u", "postgres", "--"] if _has_user("postgres") else []
        if not run_as:
            pytest.fail("running as root needs a 'postgres' system user for initdb")
    subprocess.run(run_as + [initdb, "-D", str(data), "-U", user, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"],
                   check=True, capture_output=True)
    port = _free_port()
    sock_dir = base / "sock"
    sock_dir.mkdir()
    if run_as:
        shutil.chown(sock_dir, "postgres")
    opts = f"-h 127.0.0.1 -p {port} -k {sock_dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    subprocess.run(run_as + [pg_ctl, "-D", str(data), "-o", opts, "-l", str(base / "log"), "-w", "start"],
                   check=True, capture_output=True)
    admin = f"postgresql://{user}@127.0.0.1:{port}/postgres"

    def new_db() -> str:
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return f"postgresql://{user}@127.0.0.1:{port}/{name}"

    yield new_db
    subprocess.run(run_as + [pg_ctl, "-D", str(data), "-m", "immediate", "stop"], capture_output=True)
    shutil.rmtree(base, ignore_errors=True)


def _has_user(name: str) -> bool:
    import pwd

    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


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
