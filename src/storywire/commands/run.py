"""What `storywire run` runs beside the collector: the web server and the briefing scheduler.

Kept apart from the collector (service.py) so each part stays testable on its own; this module only
turns them into the shapes ``run_service`` takes: ``serve(stop)`` and (interval, task) pairs.
"""
from __future__ import annotations

import threading
from typing import Callable

from rich.console import Console

from ..config import Settings

BRIEFING_CHECK_SECONDS = 60.0


def web_server(settings: Settings, store, console: Console) -> Callable[[threading.Event], None]:
    """``serve(stop)``: uvicorn on settings.host:port until ``stop`` is set."""
    import uvicorn

    from ..web import create_app

    def serve(stop: threading.Event) -> None:
        config = uvicorn.Config(create_app(settings, store), host=settings.host, port=settings.port,
                                log_level="warning", proxy_headers=True, server_header=False)
        server = uvicorn.Server(config)
        server.install_signal_handlers = lambda: None  # the service owns SIGINT/SIGTERM  # type: ignore[method-assign]
        watcher = threading.Thread(target=lambda: (stop.wait(), setattr(server, "should_exit", True)), daemon=True)
        watcher.start()
        console.print(f"web UI and API on http://{settings.host}:{settings.port}/")
        with store.read() as conn:
            if store.count_users(conn) == 0 and not settings.anonymous_read:
                console.print("no users yet: create one with `storywire users add NAME --admin` to log in")
        try:
            server.run()
        except (OSError, SystemExit) as exc:  # e.g. the port is taken: say so, keep collecting
            console.print(f"[red]web server stopped:[/red] {exc} (set `port` or STORYWIRE_PORT)")

    return serve


def briefing_task(settings: Settings, store, console: Console) -> tuple[float, Callable[[], None]]:
    """(interval, task): build, store and e-mail the briefings that fall due."""
    from ..brief.schedule import run_due

    def task() -> None:
        for r in run_due(store, settings):
            if r.error:
                console.print(f"[red]briefing for {r.recipient} failed:[/red] {r.error}", highlight=False)
            else:
                console.print(f"briefing for {r.recipient}: {r.stories} stories" + (", e-mailed" if r.sent else ""),
                              highlight=False)

    return BRIEFING_CHECK_SECONDS, task
