"""`storywire backfill --address` joins a Ray cluster started apart, as on the first machine of a multi-node run
(`ray start --head`, token authentication on): here on this machine, 2 CPUs, its workers importing this checkout,
stopped at the end. The backfill runs in a process of its own, like the command on another machine."""
from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from storywire.store import open_store

SRC = Path(__file__).resolve().parents[1] / "src"
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def ray_head(tmp_path):
    """(address, environment with the cluster's token) of a Ray head started with `ray start --head --block`."""
    if not (BIN / "ray").exists():
        pytest.skip("no ray command beside the interpreter")
    port = free_port()
    temp = Path(tempfile.mkdtemp(prefix="swray-", dir="/tmp"))  # short: Ray's socket paths have a length limit
    env = {**os.environ, "RAY_AUTH_MODE": "token", "RAY_AUTH_TOKEN": secrets.token_hex(16),
           "PYTHONPATH": os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")]))}
    log = (tmp_path / "head.log").open("wb")
    head = subprocess.Popen([str(BIN / "ray"), "start", "--head", "--block", f"--port={port}",
                             "--node-ip-address=127.0.0.1", "--num-cpus=2", "--include-dashboard=false",
                             "--disable-usage-stats", f"--temp-dir={temp}"],
                            env=env, cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while True:
            assert head.poll() is None, (tmp_path / "head.log").read_text(errors="replace")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "the Ray head did not start in 2 minutes"
                time.sleep(0.5)
        yield f"127.0.0.1:{port}", env
    finally:
        head.terminate()  # `ray start --block` stops the processes it started
        try:
            head.wait(timeout=60)
        except subprocess.TimeoutExpired:
            head.kill()
            head.wait()
        log.close()
        shutil.rmtree(temp, ignore_errors=True)


def record(i: int, story: str, day: int, said: str) -> dict:
    return {"id": f"{story}-{i}", "title": f"{story.title()} talks: day {day}, report {i}",
            "text": f"Negotiators from Norland and Sudria met in Geneva on Monday to discuss the {story} dispute. "
                    f"\"We are close to an agreement,\" said Maria Keller, the Norland envoy. Report {i} adds that "
                    f"{said}.\n\nThe talks resume on Tuesday, officials said.",
            "published": f"2024-03-{day:02d}T{8 + i:02d}:00:00Z", "language": "en"}


@pytest.mark.slow
def test_backfill_joins_a_cluster_at_its_address_and_analyses_there(ray_head, tmp_path):
    address, env = ray_head
    shard = tmp_path / "archive.jsonl"
    recs = [record(i, "fishing", 4, "the quotas were the hardest part") for i in range(3)]
    recs += [record(i, "border", 20, "the crossing points stay closed") for i in range(3)]
    shard.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    db = str(tmp_path / "cluster.db")
    result = subprocess.run([str(BIN / "storywire"), "--db", db, "backfill", str(shard), "--address", address],
                            env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "6 ingested" in result.stderr and "6 articles clustered" in result.stderr, result.stderr
    store = open_store(db)
    with store.read() as conn:
        stories = store.list_stories(conn)
        analyses = [store.get_analysis(conn, s.id) for s in stories]
    store.close()
    assert sorted(s.article_count for s in stories) == [3, 3]
    assert f"{len(stories)} stories analysed" in result.stderr
    for data in analyses:
        assert data is not None and data["summary"]
        assert any(q["speaker"] == "Maria Keller" for q in data["quotes"])
