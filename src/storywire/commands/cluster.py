"""`storywire cluster train` and `storywire recluster`: fit the story-clustering decision, rebuild stories.

Also the labelled-data helpers `storywire eval cluster` measures with (storywire.commands.evaluate).
"""
from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

import typer

from ..cli_common import command_context, err, out, parse_since
from ..errors import InputError
from ..words import plural

app = typer.Typer()
cluster_app = typer.Typer(help="Train the story-clustering decision.", no_args_is_help=True)


def labelled_records(path: Path) -> list[dict]:
    """The records of a labelled JSONL file; an unreadable file is an InputError."""
    from ..cluster.evaluate import load_records

    if not path.is_file():
        raise InputError(f"{path}: no such file")
    try:
        return load_records(path)
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError(str(exc)) from None


def fit_labelled(records: list[dict], source: str, window_hours: float) -> dict:
    """The fitted model parameters; data that cannot be fitted is an InputError."""
    from ..cluster.train import fit

    try:
        return fit(records, window_hours=window_hours, source=source)
    except ValueError as exc:
        raise InputError(str(exc)) from None


def _as_article(rec: dict) -> dict:
    """A labelled record as a user's JSONL article: no label; a record without a time gets the
    evaluation's ingest instant (as in the engine's evaluation: a corpus read at once is one window).
    A record with a title and no text goes in headline-only, as the engine's evaluation streams it."""
    from ..cluster.evaluate import INGEST_TIME

    art = {k: v for k, v in rec.items() if k not in ("story", "cluster")}
    art.setdefault("published", INGEST_TIME.isoformat())
    return art


def through_store(records: list[dict], params: dict, window_hours: float, shuffle_seed: int | None = None) -> list:
    """Predicted story per record by the real path: ingest into a fresh SQLite store, then export.

    Records go in as JSONL (as a user's archive would), clustered by the pipeline with ``params``;
    ``shuffle_seed``: written in a random order (the times stay the records' own). A record the
    store folds into an earlier article (the same text from the same outlet: a duplicate
    submission) gets that article's story, as a user looking it up would see.
    """
    import random

    from .. import config
    from ..ingest.files import read_paths
    from ..pipeline import Pipeline
    from ..store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "stream.jsonl"
        order = list(range(len(records)))
        if shuffle_seed is not None:
            random.Random(shuffle_seed).shuffle(order)
        src.write_text("".join(json.dumps(_as_article(records[i])) + "\n" for i in order), encoding="utf-8")
        model = Path(tmp) / "model.json"
        model.write_text(json.dumps(params), encoding="utf-8")
        settings = config.Settings(db=str(Path(tmp) / "eval.db"), cluster_model=str(model),
                                   cluster_window_hours=window_hours, analyse=False)
        store = open_store(settings.db)
        kept: dict[str, int | None] = {}  # origin ("stream.jsonl:LINE") -> the stored article

        def note(result) -> None:
            kept[result.origin] = getattr(result, "article_id", None)

        try:
            Pipeline(store, settings).ingest(read_paths([src]), on_item=note, analyse=False)
            with store.read() as conn:
                story = {a.id: a.story_id for a in store.iter_articles(conn)}
        finally:
            store.close()
    line_of = {i: n for n, i in enumerate(order, 1)}
    found = (kept.get(f"{src}:{line_of[i]}") for i in range(len(records)))
    return [None if article is None else story.get(article) for article in found]


@cluster_app.command("train")
def train(ctx: typer.Context,
          file: Path = typer.Argument(..., help="Labelled JSONL: id, title, text, published (optional), story or "
                                      "cluster."),
          output: Path = typer.Option(Path("cluster-model.json"), "-o", "--out", help="Where to write the model."),
          window_hours: float | None = typer.Option(None, help="Story time window used while fitting "
                                                    "(default: the cluster_window_hours setting).")):
    """Fit the clustering decision (logistic model + thresholds) on labelled data; write it as JSON.

    Use it with `--config` / STORYWIRE_CLUSTER_MODEL=path. Never report scores on the file you fit on.
    """
    recs = labelled_records(file)
    started = time.perf_counter()
    window = window_hours if window_hours is not None else command_context(ctx).settings.cluster_window_hours
    params = fit_labelled(recs, file.name, window)
    output.write_text(json.dumps(params, indent=1) + "\n", encoding="utf-8")
    out.print(f"wrote {output} ({plural(len(recs), 'record')}, {plural(params['trained_on'].get('pairs', 0), 'pair')}, "
              f"threshold {params['threshold']}, headline-only threshold {params['headline']['threshold']}, "
              f"{time.perf_counter() - started:.1f}s)")


@app.command("recluster")
def recluster(ctx: typer.Context,
              since: str = typer.Option(..., "--since", help="Rebuild stories from this time on (2022-02-04, 3d).")):
    """Rebuild the stories of a period: detach its articles and cluster them again in time order."""
    cmd = command_context(ctx)
    when = parse_since(since)
    pipe = cmd.pipeline()
    from ..progress import cluster_progress

    with cluster_progress(err) as on_progress:
        n = pipe.recluster(when, on_progress)
    analysed = pipe.analyse_pending() if cmd.settings.analyse else 0
    out.print(f"re-clustered {plural(n, 'article')} since {when.isoformat()}; "
              f"{plural(analysed, 'story', 'stories')} analysed")
