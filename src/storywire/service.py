"""`storywire run`: the long-running service.

One loop in the main thread: collect the feeds that are due (each feed has its own adaptive
schedule, see store.feeds), run the periodic tasks whose time has come, sleep until the next of
either. The web server, when given, runs beside it in a thread. SIGINT/SIGTERM set ``stop``: the pass
in progress cancels its downloads, commits the feed it is storing, and the loop ends; a second signal
stops at once. Without a network the loop keeps going and says so plainly.
"""
from __future__ import annotations

import logging
import signal
import threading
import time
from datetime import datetime, timezone
from typing import Callable

from rich.console import Console

from .config import Settings
from .errors import StorywireError
from .ingest.collect import CollectSummary, Collector
from .store import Store

log = logging.getLogger(__name__)

MAX_SLEEP_S = 60.0  # look again at least this often (feeds added meanwhile, clock changes)


def install_signals(stop: threading.Event, console: Console) -> Callable[[], None]:
    """SIGINT/SIGTERM -> stop (first time), immediate exit (second time). Returns the undo function."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}

    def handler(signum: int, _frame: object) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        console.print(f"{signal.Signals(signum).name}: stopping after the feed being stored (again to force)")
        # set from another thread: Event.set takes a lock the interrupted main thread may be holding
        threading.Thread(target=stop.set, daemon=True).start()

    for sig in previous:
        signal.signal(sig, handler)

    def restore() -> None:
        for sig, old in previous.items():
            signal.signal(sig, old)

    return restore


def report(console: Console, summary: CollectSummary, running: bool = True) -> None:
    """One line per pass, plus why feeds failed; an unreachable network is said in words."""
    stamp = datetime.now().strftime("%H:%M:%S")
    console.print(f"{stamp} {summary.line()}", highlight=False)
    if summary.offline:
        sample = summary.errors[0][1] if summary.errors else ""
        then = "storywire keeps running and tries again" if running else "try again later"
        console.print(f"[yellow]could not reach any of the {summary.failed} feeds ({sample}); is this machine "
                      f"online? {then}.[/yellow]", highlight=False)
        return
    for url, error in summary.errors[:5]:
        console.print(f"  [red]failed[/red] {url}: {error}", highlight=False, soft_wrap=True)
    if len(summary.errors) > 5:
        console.print(f"  ... and {len(summary.errors) - 5} more (see `storywire feeds list`)")


def _ingest_paths(settings: Settings, collector: Collector, console: Console) -> None:
    if not settings.ingest_paths:
        return
    from .ingest.files import read_paths

    summary = collector.pipeline.ingest(read_paths(settings.ingest_paths, settings.max_record_bytes))
    c = summary.counts
    console.print(f"local files: {c['ingested']} ingested, {c['unchanged']} unchanged, {c['rejected']} rejected")


def run_service(settings: Settings, store: Store, console: Console, stop: threading.Event | None = None,
                periodic: list[tuple[float, Callable[[], None]]] | None = None,
                serve: Callable[[threading.Event], None] | None = None,
                collector: Collector | None = None) -> None:
    """Run until ``stop`` is set (or SIGINT/SIGTERM).

    ``periodic``: (interval in seconds, task) pairs; each task first runs one interval after start,
    then every interval; a failing task is reported and retried next time, never fatal.
    ``serve(stop)``: started in a daemon thread (e.g. the web server); it should return once ``stop``
    is set.
    """
    stop = stop or threading.Event()
    restore = install_signals(stop, console)
    collector = collector or Collector(store, settings)
    tasks = [[time.monotonic() + interval, interval, task] for interval, task in (periodic or [])]
    server = None
    warned_empty = False
    try:
        if serve is not None:
            server = threading.Thread(target=serve, args=(stop,), name="storywire-serve", daemon=True)
            server.start()
        _ingest_paths(settings, collector, console)
        console.print("storywire is running; Ctrl-C (or SIGTERM) stops it cleanly.")
        while not stop.is_set():
            try:
                with store.read() as conn:
                    has_feeds = store.count_feeds(conn) > 0
                if not has_feeds and not warned_empty:
                    console.print("no feeds yet: add some with `storywire feeds add URL` or `storywire init`")
                    warned_empty = True
                if has_feeds:
                    summary = collector.run(stop=stop)
                    if summary.feeds:
                        report(console, summary)
            except StorywireError as exc:
                console.print(f"[red]collection failed:[/red] {exc}", highlight=False)
            except Exception as exc:  # keep serving; the next pass may well succeed
                log.exception("collection pass failed")
                console.print(f"[red]collection failed:[/red] {exc!r}", highlight=False)
            for entry in tasks:
                if stop.is_set() or time.monotonic() < entry[0]:
                    continue
                try:
                    entry[2]()
                except Exception as exc:
                    log.exception("periodic task failed")
                    console.print(f"[red]task {getattr(entry[2], '__name__', entry[2])} failed:[/red] {exc!r}",
                                  highlight=False)
                entry[0] = time.monotonic() + entry[1]
            stop.wait(_sleep_for(store, tasks))
    finally:
        restore()
        stop.set()
        if server is not None:
            server.join(timeout=10)
        console.print("storywire stopped")


def _sleep_for(store: Store, tasks: list[list]) -> float:
    """Seconds until the next feed is due or the next task runs, between 1 and MAX_SLEEP_S."""
    wait = MAX_SLEEP_S
    try:
        with store.read() as conn:
            due = store.next_due(conn)
        if due is not None:
            wait = min(wait, (due - datetime.now(timezone.utc)).total_seconds())
    except Exception:  # the store may be briefly unavailable; look again soon
        wait = 5.0
    for entry in tasks:
        wait = min(wait, entry[0] - time.monotonic())
    return max(1.0, wait)
