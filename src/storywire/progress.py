"""Progress bars (rich) for long commands; silent when stderr is not a terminal."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Callable, Iterator

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn


def _progress(console: Console) -> Progress:
    return Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=console, transient=True, disable=not console.is_terminal)


@contextmanager
def ingest_progress(console: Console) -> Iterator[Callable]:
    """A callback to pass as ``on_item``: counts items by outcome on a live bar."""
    with _progress(console) as bar:
        task = bar.add_task("ingesting", total=None)
        counts: dict[str, int] = {}

        def on_item(result) -> None:
            status = getattr(result, "status", "rejected")
            counts[status] = counts.get(status, 0) + 1
            bar.update(task, advance=1, description="ingesting " + " ".join(f"{k}={v}" for k, v in sorted(counts.items())))

        yield on_item


@contextmanager
def analyse_progress(console: Console) -> Iterator[Callable]:
    with _progress(console) as bar:
        task = bar.add_task("analysing stories", total=None)
        yield lambda _sid: bar.update(task, advance=1)
