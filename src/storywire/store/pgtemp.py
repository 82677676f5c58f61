"""A throwaway PostgreSQL server (initdb + pg_ctl on 127.0.0.1, a free port) for tests and benchmarks.

Runs the server as the `postgres` system user when we are root, since initdb refuses root.
"""
from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import StoreError


def pg_bin(name: str) -> str | None:
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


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


@contextmanager
def temporary_postgres(durable: bool = False) -> Iterator[Callable[[], str]]:
    """Start a server; yield a function that creates a fresh database and returns its URL. Tests run it with
    fsync, full-page writes and synchronous commits off (a crash only loses a throwaway server); ``durable``
    keeps PostgreSQL's defaults, as a real install runs (for benchmarks)."""
    initdb, pg_ctl = pg_bin("initdb"), pg_bin("pg_ctl")
    if not initdb or not pg_ctl:
        raise StoreError("PostgreSQL server binaries not found: install them (apt-get install postgresql)")
    base = Path(tempfile.mkdtemp(prefix="storywire-pg-"))  # world-traversable, unlike pytest's tmp folders
    run_as: list[str] = []
    if os.geteuid() == 0:
        if not _user_exists("postgres"):
            raise StoreError("running as root needs a 'postgres' system user for initdb")
        shutil.chown(base, "postgres")
        run_as = ["runuser", "-u", "postgres", "--"]
    data, sock = base / "data", base / "sock"
    user = "storywire"
    try:
        subprocess.run(run_as + [initdb, "-D", str(data), "-U", user, "--auth=trust", "-E", "UTF8",
                                 "--locale=C.UTF-8"], check=True, capture_output=True)
        sock.mkdir()
        if run_as:
            shutil.chown(sock, "postgres")
        port = _free_port()
        opts = f"-h 127.0.0.1 -p {port} -k {sock}"
        if not durable:
            opts += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        subprocess.run(run_as + [pg_ctl, "-D", str(data), "-o", opts, "-l", str(base / "log"), "-w", "start"],
                       check=True, capture_output=True)
    except subprocess.CalledProcessError as exc:
        shutil.rmtree(base, ignore_errors=True)
        raise StoreError(f"could not start PostgreSQL: {exc.stderr.decode(errors='replace')[-500:]}") from exc
    admin = f"postgresql://{user}@127.0.0.1:{port}/postgres"

    def new_database() -> str:
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return f"postgresql://{user}@127.0.0.1:{port}/{name}"

    try:
        yield new_database
    finally:
        subprocess.run(run_as + [pg_ctl, "-D", str(data), "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(base, ignore_errors=True)
