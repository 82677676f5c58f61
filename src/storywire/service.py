"""`storywire run`: the long-running service.

One loop in the main thread: collect the feeds that are due (each feed has its own adaptive
schedule, see store.subscriptions), run the periodic tasks whose time has come (the briefings), sleep until
the next of either. The web server, when given, runs beside it in a thread. SIGINT/SIGTERM set
``stop``: the pass in progress cancels its downloads, commits the feed it is storing, and the loop
ends; a second signal stops at once. Without a network the loop keeps going and says so plainly.
"""
from __future__ import annotations

import logging
import signal
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from rich.console import Console
from rich.text import Text

from .clock import utcnow
from .config import Settings
from .errors import ConfigError, StorywireError
from .ingest.collect import Collector, CollectSummary
from .store import Store
from .words import plural

log = logging.getLogger(__name__)

MAX_SLEEP_S = 60.0  # look again at least this often (feeds added meanwhile, clock changes)
BRIEFING_CHECK_SECONDS = 60.0


@dataclass
class _Periodic:
    """A task of the loop: run every ``interval`` seconds, next at ``due`` (time.monotonic)."""

    interval: float
    task: Callable[[], None]
    due: float


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
    console.print(f"{stamp} {summary.line()}")
    if summary.offline:
        sample = summary.errors[0][1] if summary.errors else ""
        then = "storywire keeps running and tries again" if running else "try again later"
        console.print(Text(f"could not reach any of the {plural(summary.failed, 'feed')} ({sample}); is this machine "
                           f"online? {then}.", style="yellow"))
        return
    for url, error in summary.errors[:5]:
        console.print(Text.assemble("  ", ("failed", "red"), f" {url}: {error}"), soft_wrap=True)
    if len(summary.errors) > 5:
        console.print(f"  ... and {len(summary.errors) - 5} more (see `storywire feeds list`)")


def _ingest_paths(settings: Settings, collector: Collector, console: Console) -> None:
    if not settings.ingest_paths:
        return
    from .ingest.files import read_paths

    summary = collector.pipeline.ingest(read_paths(settings.ingest_paths, settings.max_record_bytes))
    c = summary.counts
    console.print(f"local files: {c['ingested']} ingested, {c['unchanged']} unchanged, {c['rejected']} rejected")


def listen(host: str, port: int) -> socket.socket:
    """A socket listening on host:port; a taken port or an unknown host is a ConfigError."""
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        reason = exc.strerror or exc
        raise ConfigError(f"cannot listen on {host}:{port}: {reason} (change --host/--port or the settings)") from None
    return sock


def web_server(settings: Settings, store: Store, console: Console) -> Callable[[threading.Event], None]:
    """``serve(stop)``: uvicorn on settings.host:port until ``stop`` is set. The port is taken here, at
    once, so a busy port stops `storywire run` with one clear line before it collects anything."""
    import uvicorn

    from .web import create_app

    sock = listen(settings.host, settings.port)

    def serve(stop: threading.Event) -> None:
        config = uvicorn.Config(create_app(settings, store), log_level="warning", proxy_headers=True,
                                server_header=False)
        server = uvicorn.Server(config)  # in a thread uvicorn leaves the signals alone: the service owns them

        def exit_on_stop() -> None:
            stop.wait()
            server.should_exit = True

        threading.Thread(target=exit_on_stop, daemon=True).start()
        console.print(f"web UI and API on {base_url(settings)}/")
        print_setup_link(settings, store, console)
        try:
            server.run(sockets=[sock])
        except (OSError, SystemExit) as exc:  # the server failed while running: say so, keep collecting
            console.print(Text.assemble(("web server stopped:", "red"), f" {exc}"))

    return serve


def base_url(settings: Settings) -> str:
    """The address to open in a browser (a wildcard listen address is reached on loopback)."""
    host = {"0.0.0.0": "127.0.0.1", "::": "[::1]", "": "127.0.0.1"}.get(settings.host, settings.host)
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{settings.port}"


def print_setup_link(settings: Settings, store: Store, console: Console) -> None:
    """While the store has no user: print a one-time link to the page that makes the first admin
    (a fresh token each start; the previous link stops working)."""
    with store.atomic() as conn:
        token = store.new_setup_token(conn)
    if token is None:
        return
    console.print(Text.assemble(("first run:", "yellow"), " no user yet; open this link to create the admin account:"))
    console.print(f"  {base_url(settings)}/setup?token={token}", soft_wrap=True)


def briefing_task(settings: Settings, store: Store, console: Console) -> tuple[float, Callable[[], None]]:
    """(interval, task) for ``run_service``: build, store and e-mail the briefings that fall due."""
    from .brief.schedule import run_due

    def briefings() -> None:
        for r in run_due(store, settings):
            if r.error:
                console.print(Text.assemble((f"briefing for {r.recipient} failed:", "red"), f" {r.error}"))
            else:
                console.print(f"briefing for {r.recipient}: {plural(r.stories, 'story', 'stories')}"
                              + (", e-mailed" if r.sent else ""))

    return BRIEFING_CHECK_SECONDS, briefings


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
    tasks = [_Periodic(interval, task, time.monotonic() + interval) for interval, task in (periodic or [])]
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
                console.print(Text.assemble(("collection failed:", "red"), f" {exc}"))
            except Exception as exc:  # keep serving; the next pass may well succeed
                log.exception("collection pass failed")
                console.print(Text.assemble(("collection failed:", "red"), f" {exc!r}"))
            for periodic_task in tasks:
                if not stop.is_set() and time.monotonic() >= periodic_task.due:
                    _run_periodic(periodic_task, console)
            stop.wait(_sleep_for(store, tasks))
    finally:
        restore()
        stop.set()
        if server is not None:
            server.join(timeout=10)
        console.print("storywire stopped")


def _run_periodic(periodic: _Periodic, console: Console) -> None:
    """Run one periodic task now and set its next time; a failure is reported, never raised."""
    try:
        periodic.task()
    except Exception as exc:
        log.exception("periodic task failed")
        name = getattr(periodic.task, "__name__", periodic.task)
        console.print(Text.assemble((f"task {name} failed:", "red"), f" {exc!r}"))
    periodic.due = time.monotonic() + periodic.interval


def _sleep_for(store: Store, tasks: list[_Periodic]) -> float:
    """Seconds until the next feed is due or the next task runs, between 1 and MAX_SLEEP_S."""
    wait = MAX_SLEEP_S
    try:
        with store.read() as conn:
            due = store.next_due(conn)
        if due is not None:
            wait = min(wait, (due - utcnow()).total_seconds())
    except Exception:  # the store may be briefly unavailable; look again soon
        wait = 5.0
    for periodic in tasks:
        wait = min(wait, periodic.due - time.monotonic())
    return max(1.0, wait)
