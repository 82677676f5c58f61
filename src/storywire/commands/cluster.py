"""`storywire cluster train`, `storywire eval cluster` and `storywire recluster`: fit, measure, rebuild."""
from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from ..errors import InputError, StorywireError


def _records(path: Path) -> list[dict]:
    from ..cluster.evaluate import load_records

    if not path.is_file():
        raise InputError(f"{path}: no such file")
    try:
        return load_records(path)
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError(str(exc)) from None


def _fit(records: list[dict], source: str, window_hours: float) -> dict:
    from ..cluster.train import fit

    try:
        return fit(records, window_hours=window_hours, source=source)
    except ValueError as exc:
        raise InputError(str(exc)) from None


def _as_article(rec: dict) -> dict:
    """A labelled record as a user's JSONL article: no label; a title-only record's title is its text
    (ECB+ keeps the whole text of some documents in ``title``, and the engine reads title + text)."""
    art = {k: v for k, v in rec.items() if k not in ("story", "cluster")}
    if not str(art.get("text") or "").strip() and not art.get("html"):
        art["text"] = art.get("title") or ""
    return art


def through_store(records: list[dict], params: dict, window_hours: float) -> list:
    """Predicted story per record by the real path: ingest into a fresh SQLite store, then export.

    Records go in as JSONL (as a user's archive would), clustered by the pipeline with ``params``.
    A record the store folds into an earlier article (the same text from the same outlet: a
    duplicate submission) gets that article's story, as a user looking it up would see.
    """
    from .. import config
    from ..ingest.files import read_paths
    from ..pipeline import Pipeline
    from ..store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "stream.jsonl"
        src.write_text("".join(json.dumps(_as_article(r)) + "\n" for r in records), encoding="utf-8")
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
    return [story.get(kept.get(f"{src}:{line}")) for line in range(1, len(records) + 1)]


def register(app: typer.Typer, cluster_app: typer.Typer, eval_app: typer.Typer) -> None:
    from ..cli import env, err, out, parse_since

    @cluster_app.command("train")
    def train(ctx: typer.Context,
              file: Path = typer.Argument(..., help="Labelled JSONL: id, title, text, published (optional), story or cluster."),
              output: Path = typer.Option(Path("cluster-model.json"), "-o", "--out", help="Where to write the model."),
              window_hours: Optional[float] = typer.Option(None, help="Story time window used while fitting "
                                                           "(default: the cluster_window_hours setting).")):
        """Fit the clustering decision (logistic model + thresholds) on labelled data; write it as JSON.

        Use it with `--config` / STORYWIRE_CLUSTER_MODEL=path. Never report scores on the file you fit on.
        """
        recs = _records(file)
        started = time.perf_counter()
        window = window_hours if window_hours is not None else env(ctx).settings.cluster_window_hours
        params = _fit(recs, file.name, window)
        output.write_text(json.dumps(params, indent=1) + "\n", encoding="utf-8")
        out.print(f"wrote {output} ({len(recs)} records, {params['trained_on'].get('pairs', 0)} pairs, "
                  f"threshold {params['threshold']}, {time.perf_counter() - started:.1f}s)")

    @eval_app.command("cluster")
    def eval_cluster(ctx: typer.Context,
                     file: Path = typer.Argument(..., help="Labelled JSONL (see ../shared/data/README.md)."),
                     model: Optional[Path] = typer.Option(None, help="Model JSON (default: the configured/shipped one)."),
                     split_topics: bool = typer.Option(False, "--split-topics",
                                                       help="Fit on odd topics, score on even, and the other way round."),
                     baseline: bool = typer.Option(False, "--baseline",
                                                   help="Also score TF-IDF + agglomerative clustering, fitted the same way."),
                     via_store: bool = typer.Option(False, "--via-store",
                                                    help="Cluster by the real path: ingest into a fresh store, then export.")):
        """Stream a labelled file through the engine in time order: BCubed precision, recall, F1, articles/s."""
        from ..cluster import baseline as base
        from ..cluster.evaluate import bcubed, evaluate_stream, label_of, split_by_topic
        from ..cluster.online import load_params

        e = env(ctx)
        recs = _records(file)
        runs: list[tuple[str, list[dict], list[dict] | None]] = []
        if split_topics:
            if not all("topic" in r for r in recs):
                raise InputError(f"{file}: --split-topics needs a 'topic' field on every record")
            odd, even = split_by_topic(recs)
            runs = [("fit odd, score even", odd, even), ("fit even, score odd", even, odd)]
        else:
            runs = [("whole file", [], recs)]
        table = Table("run", "system", "articles", "stories", "gold", "precision", "recall", "F1", "articles/s",
                      box=None)
        for name, train, test in runs:
            if train:
                err.print(f"{name}: fitting on {len(train)} records...")
                params = _fit(train, file.name, e.settings.cluster_window_hours)
            else:
                params = load_params(model or e.settings.cluster_model or None)
            if via_store:
                started = time.perf_counter()
                pred = through_store(test, params, e.settings.cluster_window_hours)
                took = time.perf_counter() - started
                gold = [label_of(r) for r in test]
                r = {**bcubed(pred, gold), "articles": len(test), "articles_per_s": len(test) / took,
                     "stories": len(set(pred)), "gold_stories": len(set(gold))}
                system = "storywire (ingest+export)"
            else:
                r = evaluate_stream(test, params, e.settings.cluster_window_hours)
                system = "storywire engine"
            table.add_row(name, system, str(r["articles"]), str(r["stories"]), str(r["gold_stories"]),
                          f"{r['precision']:.3f}", f"{r['recall']:.3f}", f"{r['f1']:.3f}", f"{r['articles_per_s']:.0f}")
            if baseline:
                if train:
                    t = float(base.fit_threshold(train))
                else:
                    t = float(base.fit_threshold(test))
                    name += " (baseline fit on itself)"
                started = time.perf_counter()
                b = base.score(test, t)
                took = time.perf_counter() - started
                table.add_row(name, f"tf-idf+agglomerative @{t:.2f}", str(len(test)), "", "", f"{b['precision']:.3f}",
                              f"{b['recall']:.3f}", f"{b['f1']:.3f}", f"{len(test) / took:.0f}")
        out.print(table)

    @app.command("recluster")
    def recluster(ctx: typer.Context,
                  since: str = typer.Option(..., "--since", help="Rebuild stories from this time on (2022-02-04, 3d).")):
        """Rebuild the stories of a period: detach its articles and cluster them again in time order."""
        e = env(ctx)
        when = parse_since(since)
        pipe = e.pipeline()
        n = pipe.recluster(when)
        analysed = pipe.analyse_pending() if e.settings.analyse else 0
        out.print(f"re-clustered {n} articles since {when.isoformat()}; {analysed} stories analysed")


__all__ = ["register", "through_store", "StorywireError"]
