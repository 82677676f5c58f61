"""`storywire ingest` (local files) and the commands that read what it stored: `articles`, `stories`,
`story`, `search` and `export articles`."""
from __future__ import annotations

import csv
import json
import sys
from datetime import timedelta
from pathlib import Path

import typer
from rich.table import Table
from rich.text import Text

from ..cli_common import command_context, err, out, parse_since
from ..errors import StorywireError
from ..models import Article, outlet_label, public_story
from ..store.articles import UNKNOWN_OUTLET
from ..words import plural, shorten

app = typer.Typer()
UNDATED = "undated"


def title_cell(a: Article, limit: int) -> str:
    """The title cut after a whole word, marked when only the headline was stored."""
    return shorten(a.title, limit) + (" [headline only]" if a.headline_only else "")
export_app = typer.Typer(help="Export what the store holds.", no_args_is_help=True)


@app.command()
def ingest(ctx: typer.Context,
           paths: list[Path] = typer.Argument(..., help="Files or folders (.jsonl .html .htm .txt .warc, .gz too)."),
           no_cluster: bool = typer.Option(False, "--no-cluster", help="Store only; cluster later."),
           no_analyse: bool = typer.Option(False, "--no-analyse", help="Skip coverage analysis for now.")):
    """Ingest articles from local files into the store."""
    from ..ingest.files import read_paths
    from ..progress import analyse_progress, cluster_progress, count_records, ingest_progress

    cmd = command_context(ctx, creates_store=True)
    pipe = cmd.pipeline()
    analyse = not no_analyse and not no_cluster and cmd.settings.analyse
    with ingest_progress(err, total=count_records(paths) if err.is_terminal else None) as on_item:
        # the per-article parts of the analysis compute in the workers while the articles are clustered
        summary = pipe.ingest(read_paths(paths, cmd.settings.max_record_bytes), on_item=on_item, cluster=False,
                              analyse=False, parts=analyse)
    if not no_cluster:  # in the order of the articles' own time, once all are stored
        with cluster_progress(err, lines=False) as on_progress:
            pipe.cluster_pending(on_progress)
    if analyse:
        total = None
        if err.is_terminal:
            with cmd.store.read() as conn:
                total = len(cmd.store.stories_needing_analysis(conn, limit=10**9))
        with analyse_progress(err, total=total) as on_story:
            summary.stories_analysed = pipe.analyse_pending(on_story=on_story)
    for w in summary.warnings:
        err.print(Text.assemble(("warning", "yellow"), f" {w.origin}: {w.reason}"), soft_wrap=True)
    for r in summary.rejected:
        err.print(Text.assemble(("rejected", "red"), f" {r.origin}: {r.reason}"), soft_wrap=True)
    c = summary.counts
    err.print(f"{c['ingested']} ingested, {c['revised']} revised, {c['unchanged']} unchanged, "
              f"{c['rejected']} rejected; {plural(summary.stories_analysed, 'story', 'stories')} analysed")
    raise typer.Exit(1 if c["rejected"] else 0)


@app.command("articles")
def list_articles(ctx: typer.Context, limit: int = typer.Option(20, help="How many."),
                  source: str | None = typer.Option(None, help="Only this outlet.")):
    """List recent articles in a table."""
    cmd = command_context(ctx)
    with cmd.store.read() as conn:
        arts = cmd.store.recent_articles(conn, limit=limit, source=source)
    table = Table("id", "time", "source", "title", "story", box=None)
    for a in arts:
        when = a.published.strftime("%Y-%m-%d %H:%M") if a.published else UNDATED
        table.add_row(str(a.id), when, outlet_label(a.source), title_cell(a, 80), str(a.story_id or ""))
    out.print(table)


@app.command("stories")
def list_stories(ctx: typer.Context, limit: int = typer.Option(20, help="How many."),
                 since: str | None = typer.Option(None, help="Only stories active since (12h, 3d, 2022-02-04).")):
    """List stories, top first (breadth of coverage, recency, velocity); then, as the web river does, the stories of
    undated articles (never ranked: they have no place in time), latest changed first."""
    from ..rank import ranking_period, top_stories
    from ..rank.top import TOP_PERIOD

    cmd = command_context(ctx)
    with cmd.store.read() as conn:
        period = ranking_period(cmd.store, conn, since=parse_since(since) if since else None)
        ranked = top_stories(cmd.store, conn, since=period.since, now=period.now, limit=limit)
        undated = cmd.store.undated_stories(conn, limit - len(ranked)) if len(ranked) < limit else []
    table = Table("story", "outlets", "articles", "last", "title", box=None)
    for story in [r.story for r in ranked] + undated:
        table.add_row(str(story.id), str(story.source_count), str(story.article_count),
                      story.last_seen.strftime("%Y-%m-%d %H:%M") if story.last_seen else UNDATED,
                      shorten(story.title, 90))
    out.print(table)
    if period.archive:
        older = (period.since - timedelta(days=30)).strftime("%Y-%m-%d")
        days = TOP_PERIOD.days
        out.print(f"No news of the last {days} days in the store: these are the top stories of the {days} days to "
                  f"{period.now:%Y-%m-%d}, its newest news. Older ones:", style="dim")
        out.print(f"  storywire stories --since {older}", style="dim", soft_wrap=True)


@app.command("story")
def show_story(ctx: typer.Context, story_id: int = typer.Argument(..., help="Story id (see `storywire stories`)."),
               as_json: bool = typer.Option(False, "--json", help="The story object as JSON (as the API returns it).")):
    """Show a story's coverage: shared passages, what each outlet adds, quotes, entities, summary, timeline."""
    from .story import render_story

    cmd = command_context(ctx)
    with cmd.store.read() as conn:
        story = cmd.store.get_story(conn, story_id)
        data = cmd.store.get_analysis(conn, story.id)
    if data is None:
        data = cmd.pipeline().analyse_story(story.id)
    data = public_story(data)
    if as_json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    render_story(data, out)


@app.command("search")
def search(ctx: typer.Context, query: str = typer.Argument(..., help='Words; "quoted phrases" allowed.'),
           limit: int = typer.Option(20, help="How many.")):
    """Full-text search over titles and bodies."""
    cmd = command_context(ctx)
    with cmd.store.read() as conn:
        hits = cmd.store.search_articles(conn, query, limit)
        arts = cmd.store.get_articles(conn, [i for i, _ in hits])
    table = Table("id", "time", "source", "story", "title", box=None)
    for a in arts:
        table.add_row(str(a.id), a.published.strftime("%Y-%m-%d") if a.published else UNDATED, outlet_label(a.source),
                      str(a.story_id or ""), title_cell(a, 90))
    out.print(table)


EXPORT_FIELDS = ["id", "url", "source", "title", "published", "language", "story_id", "duplicate_of"]


@export_app.command("articles")
def export_articles(ctx: typer.Context,
                    fmt: str = typer.Option("jsonl", "--format", help="jsonl or csv."),
                    with_text: bool = typer.Option(False, "--with-text", help="Include the article body."),
                    out_file: Path | None = typer.Option(None, "--out", help="Write here instead of stdout.")):
    """Export every article: id (the external id when one was given), url, source, title, ..."""
    if fmt not in ("jsonl", "csv"):
        raise StorywireError(f"unknown format {fmt!r}: use jsonl or csv")
    store = command_context(ctx).store  # before --out is created: a missing store is the error
    fields = EXPORT_FIELDS + (["text"] if with_text else [])
    stream = open(out_file, "w", encoding="utf-8", newline="") if out_file else sys.stdout
    try:
        writer = csv.DictWriter(stream, fieldnames=fields) if fmt == "csv" else None
        if writer:
            writer.writeheader()
        with store.read() as conn:
            for a in store.iter_articles(conn):
                source = None if a.source == UNKNOWN_OUTLET else a.source  # no outlet, not one called "unknown"
                rec = {"id": a.external_id or str(a.id), "url": a.url, "source": source, "title": a.title,
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
