"""bench/bench_web.py on a small store: the same pages timed on SQLite and PostgreSQL, printed side by side."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench" / "bench_web.py"


@pytest.mark.slow
def test_bench_web_times_the_same_pages_on_sqlite_and_postgresql(pg_server, tmp_path):
    url = pg_server()
    run = subprocess.run([sys.executable, str(BENCH), "--articles", "600", "--requests", "5", "--db",
                          str(tmp_path / "web.db"), "--only", "river", "story", "--postgres", url],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    out = run.stdout
    assert "copied" in out and "articles" in out  # PostgreSQL was filled from the SQLite store
    table = out[out.rindex("sqlite p50"):]
    for page in ("river (/)", "river, cold", "story page"):
        line = next(ln for ln in table.splitlines() if ln.startswith(page))
        figures = [float(x) for x in re.findall(r"\d+\.\d", line[len(page):])]
        assert len(figures) == 4 and all(f > 0 for f in figures), line  # p50 and p95 on each backend
    again = subprocess.run([sys.executable, str(BENCH), "--articles", "600", "--requests", "5", "--db",
                            str(tmp_path / "web.db"), "--only", "story", "--postgres", url],
                           capture_output=True, text=True, timeout=600)
    assert again.returncode == 0 and "reusing the PostgreSQL database: " in again.stdout, again.stderr[-2000:]
