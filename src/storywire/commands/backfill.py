"""`storywire backfill`: JSONL and WARC archives through the pipeline on Ray (storywire.scale)."""
from __future__ import annotations

from pathlib import Path

import typer
from rich.text import Text

from ..cli_common import command_context, err
from ..errors import InputError
from ..words import plural

app = typer.Typer()


@app.command()
def backfill(ctx: typer.Context,
             sources: list[Path] = typer.Argument(..., help="Shards: .jsonl or .warc files (.gz too), or folders."),
             address: str | None = typer.Option(None, "--address", help="A running Ray cluster (host:port of its "
                                                "head, or auto); default: a local Ray on this machine."),
             workers: int | None = typer.Option(None, "--workers", min=1, help="CPUs of the local Ray (default: "
                                                "the machine's); ignored with --address."),
             block: int = typer.Option(500, "--block", min=1, help="Articles per prepare task and per transaction "
                                       "of an assigner."),
             snapshot_every: int = typer.Option(4, "--snapshot-every", min=1, help="Blocks between two snapshots of "
                                                "an assigner's engine (a restarted one goes on from the last)."),
             periods: int = typer.Option(1, "--periods", min=1, help="Cut each language's articles into this "
                                         "many periods of article time, assigned in parallel (each replays the "
                                         "window before it; a merge pass joins stories cut at the edges)."),
             no_analyse: bool = typer.Option(False, "--no-analyse", help="Skip coverage analysis for now.")):
    """Ingest, cluster and analyse archives on Ray: a task per shard, one story assigner per language, in
    article time, then tasks for the stories' coverage analyses."""
    from dataclasses import replace

    from ..scale.backfill import Progress, backfill

    cmd = command_context(ctx, creates_store=True)
    if address and workers:
        raise InputError("--workers sets the CPUs of a local Ray; a cluster at --address has its own")

    def on_progress(p: Progress) -> None:
        if err.is_terminal:
            err.print(f"{p.stage}: {p.done}/{p.total}" + (f" ({p.partition})" if p.partition else ""))

    settings = replace(cmd.settings, analyse=False) if no_analyse else cmd.settings
    report = backfill(list(sources), settings, address=address, workers=workers, block_articles=block,
                      snapshot_every=snapshot_every, periods=periods, on_progress=on_progress)
    for s in report.shards:
        for w in s.warnings:
            err.print(Text.assemble(("warning", "yellow"), f" {w.origin}: {w.reason}"), soft_wrap=True)
    for r in report.failed + report.rejected + report.unanalysed:
        err.print(Text.assemble(("rejected", "red"), f" {r.origin}: {r.reason}"), soft_wrap=True)
    skipped = report.skipped
    if skipped:
        err.print(f"skipped {plural(sum(skipped.values()), 'record')}: "
                  + ", ".join(f"{n} {why}" for why, n in sorted(skipped.items(), key=lambda kv: -kv[1])))
    clustered = sum(report.clustered.values())
    edges = f", {plural(report.joined_at_edges, 'story', 'stories')} joined at period edges" if periods > 1 else ""
    err.print(f"{plural(len(report.shards), 'shard')}: {report.count('ingested')} ingested, {report.count('revised')} "
              f"revised, {report.count('unchanged')} unchanged, {report.count('rejected')} rejected "
              f"({report.ingest_seconds:.1f}s); {plural(clustered, 'article')} clustered in "
              f"{plural(len(report.clustered), 'partition')}, {plural(report.new_stories, 'new story', 'new stories')} "
              f"({report.cluster_seconds:.1f}s){edges}; {plural(report.analysed, 'story', 'stories')} analysed"
              + (f", {report.analysis_failures} failed" if report.analysis_failures else "")
              + f" ({report.analyse_seconds:.1f}s)")
    raise typer.Exit(1 if report.failed or report.count("rejected") or report.unanalysed else 0)
