"""The `storywire` command: a thin layer over the pipeline and the store.

Domain errors become one clear line on stderr and exit status 2; rejected input, and a system error
(a folder that does not exist, a full disk), exit status 1; a closed output pipe ends quietly.
"""
from __future__ import annotations

import csv
import json
import os
import re
import sys
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from . import config
from .errors import InputError, StorywireError
from .store import Store, open_store

app = typer.Typer(help="storywire: all your news in one place, every story whole.", no_args_is_help=True,
                  pretty_exceptions_enable=False, add_completion=False)
export_app = typer.Typer(help="Export what the store holds.", no_args_is_help=True)
eval_app = typer.Typer(help="Measure extraction and clustering on labelled data.", no_args_is_help=True)
cluster_app = typer.Typer(help="Train the story-clustering decision.", no_args_is_help=True)
db_app = typer.Typer(help="Manage the store's schema and move it between backends.", no_args_is_help=True)
app.add_typer(export_app, name="export")
app.add_typer(eval_app, name="eval")
app.add_typer(cluster_app, name="cluster")
app.add_typer(db_app, name="db")

# Piped output is not cut to 80 columns (tables stay readable in logs and files).
out = Console() if sys.stdout.isatty() else Console(width=160)
err = Console(stderr=True) if sys.stderr.isatty() else Console(stderr=True, width=160)


@dataclass
class Env:
    """What every command gets: the settings, and the store opened on first use."""

    settings: config.Settings
    _store: Store | None = field(default=None, repr=False)

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = open_store(self.settings.db)
        return self._store

    def pipeline(self):
        """The pipeline on these settings; every command that analyses stories gets it here."""
        from .analyse import entities
        from .pipeline import Pipeline

        entities.configure(self.settings)
        return Pipeline(self.store, self.settings)


@app.callback()
def _main(ctx: typer.Context,
          db: Optional[str] = typer.Option(None, "--db", help="SQLite path or postgresql:// URL (STORYWIRE_DB)."),
          config_file: Optional[Path] = typer.Option(None, "--config", help="Settings file (default ./storywire.toml).")):
    ctx.obj = Env(config.load(config_file, db=db))


def env(ctx: typer.Context) -> Env:
    return ctx.find_root().obj


def shared_dir() -> Path:
    """../shared beside the repository root (where the development sets live), or ./shared."""
    for base in (Path.cwd(), Path(__file__).resolve().parents[2]):
        cand = base.parent / "shared"
        if cand.is_dir():
            return cand
    raise StorywireError("cannot find ../shared (the development data); pass the folder explicitly")


def parse_since(text: str, ref: datetime | None = None) -> datetime:
    """'12h', '3d', '90m' back from ``ref`` (default now), or an ISO date/time (naive: UTC)."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([mhdw])\s*", text or "")
    if m:
        unit = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}[m.group(2)]
        return (ref or datetime.now(timezone.utc)) - timedelta(**{unit: float(m.group(1))})
    try:
        dt = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise InputError(f"cannot read the time {text!r}: use e.g. 12h, 3d or 2022-02-04T19:00") from None
    return dt.replace(tzinfo=timezone.utc) if dt.tzinfo is None else dt


# -- ingest -------------------------------------------------------------------------------------
@app.command()
def ingest(ctx: typer.Context, paths: list[Path] = typer.Argument(..., help="Files or folders (.jsonl .html .htm .txt, .gz too)."),
           no_cluster: bool = typer.Option(False, "--no-cluster", help="Store only; cluster later."),
           no_analyse: bool = typer.Option(False, "--no-analyse", help="Skip coverage analysis for now.")):
    """Ingest articles from local files into the store."""
    from .ingest.files import read_paths
    from .progress import ingest_progress

    e = env(ctx)
    pipe = e.pipeline()
    with ingest_progress(err) as on_item:
        summary = pipe.ingest(read_paths(paths, e.settings.max_record_bytes), on_item=on_item,
                              cluster=not no_cluster, analyse=False)
    if not no_analyse and not no_cluster and e.settings.analyse:
        from .progress import analyse_progress

        with analyse_progress(err) as on_story:
            summary.stories_analysed = pipe.analyse_pending(on_story=on_story)
    for w in summary.warnings:
        err.print(Text.assemble(("warning", "yellow"), f" {w.origin}: {w.reason}"), highlight=False, soft_wrap=True)
    for r in summary.rejected:
        err.print(Text.assemble(("rejected", "red"), f" {r.origin}: {r.reason}"), highlight=False, soft_wrap=True)
    c = summary.counts
    err.print(f"{c['ingested']} ingested, {c['revised']} revised, {c['unchanged']} unchanged, "
              f"{c['rejected']} rejected; {summary.stories_analysed} stories analysed")
    raise typer.Exit(1 if c["rejected"] else 0)


# -- reading ------------------------------------------------------------------------------------
@app.command("articles")
def list_articles(ctx: typer.Context, limit: int = typer.Option(20, help="How many."),
                  source: Optional[str] = typer.Option(None, help="Only this outlet.")):
    """List recent articles in a table."""
    e = env(ctx)
    with e.store.read() as conn:
        arts = e.store.recent_articles(conn, limit=limit, source=source)
    table = Table("id", "time", "source", "title", "story", box=None)
    for a in arts:
        table.add_row(str(a.id), a.time.strftime("%Y-%m-%d %H:%M"), a.source, a.title[:80], str(a.story_id or ""))
    out.print(table)


@app.command("stories")
def list_stories(ctx: typer.Context, limit: int = typer.Option(20, help="How many."),
                 since: Optional[str] = typer.Option(None, help="Only stories active since (12h, 3d, 2022-02-04).")):
    """List stories, top first (breadth of coverage, recency, velocity)."""
    from .rank import top_stories

    e = env(ctx)
    with e.store.read() as conn:
        ranked = top_stories(e.store, conn, since=parse_since(since) if since else None, limit=limit)
    table = Table("story", "outlets", "articles", "last", "title", box=None)
    for story in ranked:
        table.add_row(str(story.id), str(story.source_count), str(story.article_count),
                      story.last_seen.strftime("%Y-%m-%d %H:%M") if story.last_seen else "", story.title[:90])
    out.print(table)


@app.command("story")
def show_story(ctx: typer.Context, story_id: int = typer.Argument(..., help="Story id (see `storywire stories`)."),
               as_json: bool = typer.Option(False, "--json", help="The story object as JSON (as the API returns it).")):
    """Show a story's coverage: shared passages, what each outlet adds, quotes, entities, summary, timeline."""
    e = env(ctx)
    with e.store.read() as conn:
        story = e.store.get_story(conn, story_id)
        data = e.store.get_analysis(conn, story.id)
    if data is None:
        data = e.pipeline().analyse_story(story.id)
    if as_json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    from .commands.story import render_story

    render_story(data, out)


@app.command("search")
def search(ctx: typer.Context, query: str = typer.Argument(..., help='Words; "quoted phrases" allowed.'),
           limit: int = typer.Option(20, help="How many.")):
    """Full-text search over titles and bodies."""
    e = env(ctx)
    with e.store.read() as conn:
        hits = e.store.search_articles(conn, query, limit)
        arts = e.store.get_articles(conn, [i for i, _ in hits])
    table = Table("id", "time", "source", "story", "title", box=None)
    for a in arts:
        table.add_row(str(a.id), a.time.strftime("%Y-%m-%d"), a.source, str(a.story_id or ""), a.title[:90])
    out.print(table)


EXPORT_FIELDS = ["id", "url", "source", "title", "published", "language", "story_id", "duplicate_of"]


@export_app.command("articles")
def export_articles(ctx: typer.Context,
                    fmt: str = typer.Option("jsonl", "--format", help="jsonl or csv."),
                    with_text: bool = typer.Option(False, "--with-text", help="Include the article body."),
                    out_file: Optional[Path] = typer.Option(None, "--out", help="Write here instead of stdout.")):
    """Export every article: id (the external id when one was given), url, source, title, ..."""
    if fmt not in ("jsonl", "csv"):
        raise StorywireError(f"unknown format {fmt!r}: use jsonl or csv")
    e = env(ctx)
    fields = EXPORT_FIELDS + (["text"] if with_text else [])
    stream = open(out_file, "w", encoding="utf-8", newline="") if out_file else sys.stdout
    try:
        writer = csv.DictWriter(stream, fieldnames=fields) if fmt == "csv" else None
        if writer:
            writer.writeheader()
        with e.store.read() as conn:
            for a in e.store.iter_articles(conn):
                rec = {"id": a.external_id or str(a.id), "url": a.url, "source": a.source, "title": a.title,
                       "published": a.published.isoformat() if a.published else None, "language": a.language,
                       "story_id": a.story_id, "duplicate_of": a.duplicate_of}
                if with_text:
                    rec["text"] = a.text
                if writer:
                    writer.writerow(rec)
                else:
                    stream.write(json.dumps(rec, ensure_ascii=False) + "\n")
    finally:
        if out_file:
            stream.close()


@app.command()
def settings():
    """Print every setting with its default and help."""
    table = Table("setting", "default", "env var", "help", box=None)
    for name, default, help_text in config.Settings.help_table():
        table.add_row(name, default, f"STORYWIRE_{name.upper()}", help_text)
    out.print(table)


# -- evaluation ---------------------------------------------------------------------------------
@eval_app.command("extract")
def eval_extract(ctx: typer.Context, data: Optional[Path] = typer.Option(None, help="The extraction data folder (default ../shared/data/extraction)."),
                 favor: Optional[str] = typer.Option(None, help="precision, balanced or recall (default: the setting)."),
                 limit: Optional[int] = typer.Option(None, help="Score only the first N pages of each set.")):
    """Score main-text extraction on the development sets: precision, recall, F1, pages/s."""
    from .extract.evaluate import evaluate_all

    folder = data or shared_dir() / "data" / "extraction"
    if not folder.is_dir():
        raise StorywireError(f"no extraction data at {folder}")
    chosen = favor or env(ctx).settings.extract_favor
    table = Table("set", "pages", "precision", "recall", "F1", "pages/s", box=None)
    for name, r in evaluate_all(folder, chosen, limit=limit).items():
        table.add_row(name, str(r["pages"]), f"{r['precision']:.3f}", f"{r['recall']:.3f}", f"{r['f1']:.3f}",
                      f"{r['pages_per_s']:.1f}")
    out.print(table)


# -- database -----------------------------------------------------------------------------------
@db_app.command("migrate")
def db_migrate(ctx: typer.Context):
    """Create the store or bring its schema up to date."""
    e = env(ctx)
    store = open_store(e.settings.db, migrate=False)
    applied = store.migrate()
    out.print(f"{e.settings.db}: schema {store.schema_revision()} ({'migrated' if applied else 'already current'})")


@db_app.command("copy")
def db_copy(src: str = typer.Option(..., "--from", help="Source store: SQLite path, sqlite:///path or postgresql:// URL."),
            dst: str = typer.Option(..., "--to", help="Target store (created and migrated if new).")):
    """Copy a whole installation to another store, e.g. SQLite to PostgreSQL. Run again to resume."""
    from rich.progress import Progress

    from .store.copy import copy_store

    source, target = open_store(src), open_store(dst)
    with Progress(console=err, transient=True, disable=not err.is_terminal) as bar:
        tasks: dict[str, int] = {}

        def on_rows(table: str, done: int, total: int) -> None:
            if table not in tasks:
                tasks[table] = bar.add_task(table, total=total)
            bar.update(tasks[table], completed=done)

        copied = copy_store(source, target, on_rows)
    out.print(", ".join(f"{t}: {n}" for t, n in copied.items() if n))


def _register_commands() -> None:
    """Commands that live in storywire.commands.* (one module per area)."""
    from .commands import brief as brief_commands
    from .commands import cluster as cluster_commands
    from .commands import feeds as feeds_commands
    from .commands import web as web_commands

    cluster_commands.register(app, cluster_app, eval_app)
    feeds_commands.register(app)
    web_commands.register(app)
    brief_commands.register(app)


_register_commands()


def _os_message(exc: OSError) -> str:
    """An OSError in one line: "out/a.csv: No such file or directory", "No space left on device"."""
    reason = exc.strerror or str(exc)
    return f"{exc.filename}: {reason}" if exc.filename else reason


def _drop_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's last flush of unwritable output stays silent."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def main() -> None:
    try:
        try:
            app()
        finally:
            sys.stdout.flush()  # a full disk or a closed pipe shows here, not at interpreter exit
    except StorywireError as exc:
        err.print(f"error: {exc}", highlight=False, soft_wrap=True)
        sys.exit(2)
    except BrokenPipeError:  # `storywire ... | head`: the reader has what it wanted
        _drop_stdout()
        sys.exit(1)
    except OSError as exc:
        _drop_stdout()
        err.print(f"error: {_os_message(exc)}", highlight=False, soft_wrap=True)
        sys.exit(1)
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)


if __name__ == "__main__":
    main()
