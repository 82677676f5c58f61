"""Progress bars (rich) for long commands; silent when stderr is not a terminal. A bar shows its total
whenever it can be known before the work starts (records in the files to ingest, feeds due, rows to copy)."""
from __future__ import annotations

import gzip
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn


def _progress(console: Console) -> Progress:
    return Progress(SpinnerColumn(), TextColumn("{task.description}", markup=False), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=console, transient=True, disable=not console.is_terminal)


def count_records(paths: Iterable[str | Path]) -> int:
    """How many records ingesting ``paths`` will report: a JSONL file's non-blank lines, one per page file,
    one per path that cannot be read (streamed: a large or gzipped file is never held in memory)."""
    from .ingest.files import discover, kind_of

    files, bad = discover(paths)
    total = len(bad)
    for path in files:
        if kind_of(path) != "jsonl":
            total += 1
            continue
        opener = gzip.open if path.name.lower().endswith(".gz") else open
        lines = 0
        try:
            with opener(path, "rb") as f:
                lines = sum(1 for line in f if line.strip())
        except (OSError, EOFError, zlib.error):
            lines += 1  # the reader reports the damage as one more record
        total += max(lines, 1)
    return total


@contextmanager
def ingest_progress(console: Console, total: int | None = None) -> Iterator[Callable]:
    """A callback to pass as ``on_item``: counts items by outcome on a live bar (of ``total`` records)."""
    with _progress(console) as bar:
        task = bar.add_task("ingesting", total=total)
        counts: dict[str, int] = {}

        def on_item(result) -> None:
            status = getattr(result, "status", "rejected")
            counts[status] = counts.get(status, 0) + 1
            bar.update(task, advance=1,
                       description="ingesting " + " ".join(f"{k}={v}" for k, v in sorted(counts.items())))

        yield on_item


@contextmanager
def analyse_progress(console: Console, total: int | None = None) -> Iterator[Callable]:
    """A callback to pass as ``on_story``: one step per story analysed (of ``total``)."""
    with _progress(console) as bar:
        task = bar.add_task("analysing stories", total=total)
        yield lambda _sid: bar.update(task, advance=1)


@contextmanager
def fetch_progress(console: Console) -> Iterator[tuple[Callable, Callable]]:
    """``on_start(n)`` and ``on_feed(feed, status)`` for a collection pass: one bar over the feeds."""
    with _progress(console) as bar:
        task = bar.add_task("fetching feeds", total=None)
        yield (lambda n: bar.update(task, total=n),
               lambda feed, status: bar.update(task, advance=1, description=f"{status:>9} {feed.name[:40]}"))


@contextmanager
def copy_progress(console: Console) -> Iterator[Callable[[str, int, int], None]]:
    """``on_rows(table, done, total)`` for a store copy: one bar per table."""
    with _progress(console) as bar:
        tasks: dict[str, TaskID] = {}

        def on_rows(table: str, done: int, total: int) -> None:
            if table not in tasks:
                tasks[table] = bar.add_task(table, total=total)
            bar.update(tasks[table], completed=done)

        yield on_rows


@contextmanager
def cluster_progress(console: Console, lines: bool = True) -> Iterator[Callable[[int, int], None]]:
    """``on_progress(done, total)`` while articles are clustered: a bar on a terminal, else (``lines``) a
    line at every tenth of the way (so a log shows a long re-clustering moving)."""
    with _progress(console) as bar:
        task = bar.add_task("clustering", total=None)
        shown = [0]

        def on_progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)
            if lines and not console.is_terminal and (done * 10 // max(total, 1) > shown[0] or done == total):
                shown[0] = done * 10 // max(total, 1)
                console.print(f"clustered {done} of {total} articles", markup=False, highlight=False)

        yield on_progress
