"""What the tests of the page-set quote tools share (tools/fundus_quotes.py, postlight_quotes.py, readability_quotes.py,
newspaper_quotes.py, goose_quotes.py, newspaper4k_quotes.py, basil_quotes.py): running a tool, writing its cases,
reading its printed lines, its one-line errors and its shipped case file."""
from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def run_tool(name: str, *args: object) -> subprocess.CompletedProcess:
    """``python tools/<name>.py ARGS``, its output captured."""
    return subprocess.run([sys.executable, str(REPO / "tools" / f"{name}.py"), *map(str, args)], capture_output=True,
                          text=True, timeout=300)


def write_cases(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def has_line(stdout: str, start: str, *parts: str) -> bool:
    """Whether a printed line opens on ``start`` ("tune  named") and holds every one of ``parts``."""
    return any(line.startswith(start) and all(p in line for p in parts) for line in stdout.splitlines())


def shipped_cases(name: str) -> list[dict]:
    """The rows of ``bench/data/<name>-quotes.jsonl``, each checked to keep its page in one half."""
    rows = [json.loads(line) for line in
            (REPO / "bench" / "data" / f"{name}-quotes.jsonl").read_text(encoding="utf-8").splitlines()]
    halves = {r["doc_id"]: r["half"] for r in rows}
    assert {r["half"] for r in rows} == {"tune", "held"}
    assert all(halves[r["doc_id"]] == r["half"] for r in rows)  # a page is in one half
    return rows


def one_line_error(proc: subprocess.CompletedProcess, words: str) -> bool:
    """Whether a run failed with status 2 and one line on stderr holding ``words``."""
    return proc.returncode == 2 and proc.stderr.count("\n") == 1 and words in proc.stderr


def assert_no_checkout_and_missing_page_errors(tool: str, kind: str, commit: str, tmp_path: Path,
                                               write_checkout: Callable[[Path], Path]) -> tuple[Path, Path]:
    """A folder that is no checkout of ``kind``, then a case whose page the checkout lacks (naming the ``commit``
    annotated at): each one line on stderr and status 2. Returns the checkout and the case file for more."""
    assert one_line_error(run_tool(tool, tmp_path, tmp_path / "none.jsonl"), f"not a {kind} checkout")
    checkout = write_checkout(tmp_path)
    cases = write_cases(tmp_path / "cases.jsonl",
                        [{"doc_id": "gone-page", "quote": "two words", "speaker": None, "half": "tune"}])
    assert one_line_error(run_tool(tool, checkout, cases), commit)
    return checkout, cases
