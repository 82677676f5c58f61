"""Live collection: `storywire feeds add|list|remove|import|export`, `fetch`, `run` and `init`."""
from __future__ import annotations

import sys
from datetime import datetime
from importlib import resources
from pathlib import Path

import typer
from rich.table import Table
from rich.text import Text

from ..cli_common import command_context, err, out
from ..clock import utcnow
from ..errors import FetchError, StorywireError
from ..ingest.opml import import_opml
from ..words import plural

app = typer.Typer()
feeds_app = typer.Typer(help="Manage the feeds storywire follows.", no_args_is_help=True)

HEALTH_COLOURS = {"ok": "green", "never fetched": "dim", "unreachable": "yellow", "failing": "yellow",
                  "backed off": "red"}


def default_opml_bytes(path: str = "") -> tuple[bytes, str]:
    """The OPML `init` imports: the ``default_opml`` setting, else the list shipped with storywire."""
    if path:
        p = Path(path)
        if not p.is_file():
            raise StorywireError(f"default_opml {path} does not exist")
        return p.read_bytes(), str(p)
    ref = resources.files("storywire") / "data" / "default-feeds.opml"
    return ref.read_bytes(), "the default feed list"


def _ago(when: datetime | None, now: datetime) -> str:
    if when is None:
        return "never"
    secs = (now - when).total_seconds()
    future = secs < 0
    secs = abs(secs)
    text = f"{secs / 86400:.0f}d" if secs >= 86400 else f"{secs / 3600:.0f}h" if secs >= 3600 \
        else f"{secs / 60:.0f}m" if secs >= 60 else f"{secs:.0f}s"
    return f"in {text}" if future else f"{text} ago"


@feeds_app.command("add")
def feeds_add(ctx: typer.Context, url: str = typer.Argument(..., help="A feed URL, or a site's home page."),
              name: str | None = typer.Option(None, "--name", help="Outlet name its articles get."),
              category: str | None = typer.Option(None, "--category", help="Folder, e.g. World/Europe."),
              no_check: bool = typer.Option(False, "--no-check", help="Add without fetching it first.")):
    """Follow a feed. Given a home page, finds the feed it links to."""
    from ..ingest.subscribe import add_feed

    cmd = command_context(ctx, creates_store=True)
    try:
        feed = add_feed(cmd.store, cmd.settings, url, title=name, category=category, check=not no_check)
    except FetchError as exc:
        raise FetchError(f"{exc} (add it anyway with --no-check)") from None
    for other in feed["also_offered"]:
        err.print(f"  also offered: {other}")
    if not feed["new"]:
        out.print(f"already following {feed['url']} (feed {feed['id']})")
        return
    label = feed["title"] or feed["url"]
    out.print(f"added feed {feed['id']}: {label} <{feed['url']}>"
              + (f", {plural(feed['entries'], 'entry', 'entries')}" if not no_check else ""))


@feeds_app.command("list")
def feeds_list(ctx: typer.Context):
    """Every feed with its health: last success, failures in a row, last error, next check."""
    cmd = command_context(ctx)
    with cmd.store.read() as conn:
        feeds = cmd.store.list_feeds(conn)
    if not feeds:
        out.print("no feeds: add one with `storywire feeds add URL`, or `storywire init` for the default list")
        return
    now = utcnow()
    table = Table(box=None)
    table.add_column("id", justify="right")
    table.add_column("name", no_wrap=True, max_width=28)
    table.add_column("category", no_wrap=True, max_width=18)
    table.add_column("health", no_wrap=True)
    table.add_column("articles", justify="right")
    table.add_column("last ok", no_wrap=True)
    table.add_column("next", no_wrap=True)
    table.add_column("url / last error", overflow="fold")
    for f in feeds:
        health = f.health + (f" ({f.consecutive_failures}x)" if f.consecutive_failures else "")
        detail = Text.assemble(f.url, ("\n" + f.last_error, "red") if f.last_error else "")
        table.add_row(str(f.id), f.name, f.category or "", Text(health, style=HEALTH_COLOURS[f.health]),
                      str(f.articles), _ago(f.last_success, now), _ago(f.next_check, now) if f.next_check else "now",
                      detail)
    out.print(table)


@feeds_app.command("remove")
def feeds_remove(ctx: typer.Context, feed: str = typer.Argument(..., help="Feed id or URL.")):
    """Stop following a feed (its articles stay)."""
    store = command_context(ctx).store
    with store.atomic() as conn:
        info = store.remove_feed(conn, feed)
    out.print(f"removed feed {info.id}: {info.name} <{info.url}>")


@feeds_app.command("import")
def feeds_import(ctx: typer.Context, file: Path = typer.Argument(..., help="An OPML file (from any reader).")):
    """Follow every feed of an OPML file; folders become categories."""
    if not file.is_file():
        raise StorywireError(f"{file} does not exist")
    result = import_opml(command_context(ctx, creates_store=True).store, file.read_bytes(), str(file))
    out.print(f"{plural(result['added'], 'feed')} added, {result['known']} already followed")


@feeds_app.command("export")
def feeds_export(ctx: typer.Context):
    """Write the feeds as OPML 2.0 to stdout (`storywire feeds export > feeds.opml`)."""
    from ..ingest.opml import export_feeds

    sys.stdout.write(export_feeds(command_context(ctx).store))


@app.command("fetch")
def fetch(ctx: typer.Context, all_feeds: bool = typer.Option(False, "--all", help="Every feed, due or not.")):
    """One collection pass over the due feeds: fetch, store, cluster, analyse."""
    import threading

    from ..ingest.collect import Collector
    from ..progress import fetch_progress
    from ..service import install_signals, report

    cmd = command_context(ctx)
    feeds = None
    if all_feeds:
        with cmd.store.read() as conn:
            feeds = cmd.store.list_feeds(conn)
    stop = threading.Event()
    restore = install_signals(stop, err)  # SIGINT/SIGTERM: finish the feed being stored, then stop
    try:
        with fetch_progress(err) as (on_start, on_feed):
            summary = Collector(cmd.store, cmd.settings, cmd.pipeline()).run(feeds, stop=stop, on_start=on_start,
                                                                             on_feed=on_feed)
    finally:
        restore()
    if not summary.feeds:
        err.print("no feed is due (`storywire fetch --all` fetches them anyway)")
        return
    report(err, summary, running=False)
    if summary.failed and summary.failed == summary.feeds:
        raise typer.Exit(1)


@app.command("run")
def run(ctx: typer.Context, no_web: bool = typer.Option(False, "--no-web", help="Collect only; no web server."),
        no_briefings: bool = typer.Option(False, "--no-briefings", help="Do not make scheduled briefings.")):
    """Keep collecting (each feed on its own schedule), serve the web UI, make the briefings, until stopped."""
    from ..ingest.collect import Collector
    from ..service import briefing_task, run_service, web_server

    cmd = command_context(ctx, creates_store=True)
    serve = None if no_web else web_server(cmd.settings, cmd.store, err)
    periodic = [] if no_briefings else [briefing_task(cmd.settings, cmd.store, err)]
    run_service(cmd.settings, cmd.store, err, periodic=periodic, serve=serve,
                collector=Collector(cmd.store, cmd.settings, cmd.pipeline()))


@app.command("init")
def init(ctx: typer.Context, no_feeds: bool = typer.Option(False, "--no-feeds", help="Do not add the default feeds.")):
    """Create the store and follow the default list of world-news feeds (unless feeds exist)."""
    cmd = command_context(ctx, creates_store=True)
    with cmd.store.read() as conn:
        existing = cmd.store.count_feeds(conn)
    out.print(f"store ready: {cmd.settings.db}")
    if no_feeds or existing:
        if existing:
            out.print(f"{plural(existing, 'feed')} already followed; the default list was not imported")
        return
    data, origin = default_opml_bytes(cmd.settings.default_opml)
    added = import_opml(cmd.store, data, origin)["added"]
    out.print(f"now following {plural(added, 'feed')} from {origin}; `storywire run` collects them")
