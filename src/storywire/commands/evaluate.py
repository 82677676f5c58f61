"""`storywire eval extract`, `eval cluster`, `eval dated`, `eval quotes`: measure extraction, clustering and quote
attribution on labelled data."""
from __future__ import annotations

import time
from pathlib import Path

import typer
from rich.table import Table

from ..cli_common import command_context, err, out
from ..errors import InputError, StorywireError
from ..words import plural
from .cluster import fit_labelled, labelled_records, through_store

eval_app = typer.Typer(help="Measure extraction, clustering and quote attribution on labelled data.",
                       no_args_is_help=True)


def shared_dir() -> Path:
    """../shared beside the repository root (where the development sets live), or ./shared."""
    for base in (Path.cwd(), Path(__file__).resolve().parents[3]):
        cand = base.parent / "shared"
        if cand.is_dir():
            return cand
    raise StorywireError("cannot find ../shared (the development data); pass the folder explicitly")


@eval_app.command("extract")
def eval_extract(ctx: typer.Context,
                 data: Path | None = typer.Option(None, help="The extraction data folder "
                                                  "(default ../shared/data/extraction)."),
                 favor: str | None = typer.Option(None, help="precision, balanced or recall (default: the setting)."),
                 limit: int | None = typer.Option(None, help="Score only the first N pages of each set.")):
    """Score main-text extraction on the development sets: precision, recall, F1, pages/s."""
    from ..extract.evaluate import evaluate_all

    folder = data or shared_dir() / "data" / "extraction"
    if not folder.is_dir():
        raise StorywireError(f"no extraction data at {folder}")
    chosen = favor or command_context(ctx).settings.extract_favor
    table = Table("set", "pages", "precision", "recall", "F1", "pages/s", box=None)
    for name, r in evaluate_all(folder, chosen, limit=limit).items():
        table.add_row(name, str(r["pages"]), f"{r['precision']:.3f}", f"{r['recall']:.3f}", f"{r['f1']:.3f}",
                      f"{r['pages_per_s']:.1f}")
    out.print(table)


@eval_app.command("cluster")
def eval_cluster(ctx: typer.Context,
                 file: Path = typer.Argument(..., help="Labelled JSONL (see ../shared/data/README.md)."),
                 model: Path | None = typer.Option(None, help="Model JSON (default: the configured/shipped one)."),
                 split_topics: bool = typer.Option(False, "--split-topics",
                                                   help="Fit on odd topics, score on even, and the other way round."),
                 baseline: bool = typer.Option(False, "--baseline", help="Also score TF-IDF + agglomerative "
                                               "clustering, fitted the same way."),
                 via_store: bool = typer.Option(False, "--via-store", help="Cluster by the real path: ingest into "
                                                "a fresh store, then export."),
                 shuffle: bool = typer.Option(False, "--shuffle", help="Ingest the records in a random order (times "
                                              "from the file; the seed is printed). Implies --via-store."),
                 seed: int | None = typer.Option(None, help="The --shuffle seed (default: a random one)."),
                 titles_only: bool = typer.Option(False, "--titles-only", help="Score each record as a "
                                                  "headline-only item: its title alone."),
                 mixed: bool = typer.Option(False, "--mixed", help="Score every other record as a headline-only "
                                            "item."),
                 title_case: bool = typer.Option(False, "--title-case", help="Score the titles in Title Case, as "
                                                 "US outlets write headlines."),
                 orders: int = typer.Option(0, "--orders", min=0, help="Also score the engine on the records in N "
                                            "random arrival orders (seeds 1..N): mean, lowest and highest F1. "
                                            "Undated records are clustered in arrival order, so file order can "
                                            "flatter them.")):
    """Stream a labelled file through the engine in time order: BCubed precision, recall, F1, articles/s.

    --titles-only, --mixed and --title-case change the records scored, never those a model is fitted on:
    with --split-topics the model is fitted on the train half as it is, as the shipped model is.
    """
    import random

    from ..cluster import baseline as base
    from ..cluster import evaluate as ev
    from ..cluster.evaluate import bcubed, evaluate_stream, label_of, split_by_topic
    from ..cluster.online import load_params

    settings = command_context(ctx).settings
    recs = labelled_records(file)

    def scored(records: list[dict]) -> list[dict]:
        """The records as they are scored (headline-only, mixed, Title Case)."""
        if title_case:
            records = [{**r, "title": ev.title_case(r.get("title") or "")} for r in records]
        return ev.titles_only(records) if titles_only else ev.mixed(records) if mixed else records

    shuffle_seed = None
    if shuffle or seed is not None:
        shuffle_seed = seed if seed is not None else random.SystemRandom().randrange(1, 1_000_000)
        err.print(f"shuffled with --seed {shuffle_seed}")
        via_store = True
    if orders and via_store:
        raise InputError("--orders scores the engine itself; it does not go with --via-store or --shuffle")
    runs: list[tuple[str, list[dict], list[dict]]] = [("whole file", [], recs)]
    if split_topics:
        if not all("topic" in r for r in recs):
            raise InputError(f"{file}: --split-topics needs a 'topic' field on every record")
        odd, even = split_by_topic(recs)
        runs = [("fit odd, score even", odd, even), ("fit even, score odd", even, odd)]
    table = Table("run", "system", "articles", "stories", "gold", "precision", "recall", "F1", "articles/s",
                  box=None)
    for name, train, test in runs:
        test = scored(test)
        if train:
            err.print(f"{name}: fitting on {plural(len(train), 'record')}...")
            params = fit_labelled(train, file.name, settings.cluster_window_hours)
        else:
            params = load_params(model or settings.cluster_model or None)
        if via_store:
            started = time.perf_counter()
            pred = through_store(test, params, settings.cluster_window_hours, shuffle_seed)
            took = time.perf_counter() - started
            gold = [label_of(r) for r in test]
            r = {**bcubed(pred, gold), "articles": len(test), "articles_per_s": len(test) / took,
                 "stories": len(set(pred)), "gold_stories": len(set(gold))}
            system = "storywire (ingest+export" + (", shuffled)" if shuffle_seed is not None else ")")
        else:
            r = evaluate_stream(test, params, settings.cluster_window_hours)
            system = "storywire engine"
        table.add_row(name, system, str(r["articles"]), str(r["stories"]), str(r["gold_stories"]),
                      f"{r['precision']:.3f}", f"{r['recall']:.3f}", f"{r['f1']:.3f}", f"{r['articles_per_s']:.0f}")
        if orders:
            rs = ev.in_random_orders(test, params, settings.cluster_window_hours, orders)
            m = {k: sum(x[k] for x in rs) / len(rs) for k in ("stories", "precision", "recall", "f1", "articles_per_s")}
            f1 = [x["f1"] for x in rs]
            table.add_row(name, f"storywire engine, {plural(orders, 'random order')} (F1 {min(f1):.3f}-{max(f1):.3f})",
                          str(r["articles"]), f"{m['stories']:.0f}", str(r["gold_stories"]), f"{m['precision']:.3f}",
                          f"{m['recall']:.3f}", f"{m['f1']:.3f}", f"{m['articles_per_s']:.0f}")
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


@eval_app.command("dated")
def eval_dated(file: Path = typer.Argument(..., help="Labelled JSONL (e.g. ../shared/data/stories/ecbplus-dev.jsonl)."),
               output: Path = typer.Option(..., "-o", "--out", help="Where to write the dated JSONL."),
               seed: int = typer.Option(1, help="Same seed, same dates."),
               first: str = typer.Option("2015-01-01", help="The earliest event day."),
               span_days: float = typer.Option(3650.0, help="Event days fall within this many days of --first."),
               spread_hours: float = typer.Option(36.0, help="An event's articles fall within this many hours of "
                                                  "its day."),
               siblings_within: float | None = typer.Option(None, "--siblings-within", help="Days: the events "
                                                            "of one topic fall within this many days of each "
                                                            "other (time cannot keep them apart).")):
    """Write a dated copy of a labelled file: each story its own day, its articles over the next hours.

    For measuring time behaviour (`storywire eval cluster DATED --shuffle`) on a set without real dates.
    """
    import json
    from datetime import UTC, datetime

    from ..cluster.evaluate import dated_records

    try:
        start = datetime.fromisoformat(first).replace(tzinfo=UTC)
    except ValueError:
        raise InputError(f"--first {first!r} is not a date (2015-01-01)") from None
    if siblings_within is not None and siblings_within < 0:
        raise InputError(f"--siblings-within {siblings_within}: a number of days, 0 or more")
    recs = dated_records(labelled_records(file), seed=seed, first=start, span_days=span_days,
                         spread_hours=spread_hours, siblings_within_days=siblings_within)
    output.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    out.print(f"wrote {output} ({plural(len(recs), 'record')}, "
              f"{plural(len({str(r.get('story', r.get('cluster'))) for r in recs}), 'story', 'stories')})")


@eval_app.command("quotes")
def eval_quotes(ctx: typer.Context,
                file: Path = typer.Argument(..., help="JSONL of cases {doc, quote, speaker}."),
                as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
                show: bool = typer.Option(False, "--show", help="Also list every case not credited rightly."),
                by_rule: bool = typer.Option(False, "--by-rule",
                                             help="Also count right and wrong speakers per path that credited them.")):
    """Score quote attribution on annotated cases: found, right speaker, wrong speaker, unattributed."""
    import json

    from ..analyse.quote_eval import by_path, evaluate, read_cases, summary

    cmd = command_context(ctx)

    def article_text(article_id: int) -> str:
        with cmd.store.read() as conn:
            return cmd.store.get_article(conn, article_id).text or ""

    results = evaluate(read_cases(file), article_text, cmd.settings.extract_favor)
    figures = summary(results)
    if show:
        for r in results:
            if r.outcome not in ("right", "rightly unattributed"):
                err.print(f"{r.case.where}: {r.outcome}: {r.case.quote[:60]!r} by {r.case.speaker!r}, "
                          f"found {r.found_speaker!r}" + (f" via {r.via}" if r.via else ""), markup=False,
                          highlight=False)
    if as_json:
        out.print_json(json.dumps(figures))
        return
    if by_rule:
        paths = Table("path", "right", "wrong", "wrongly attributed", box=None)
        for path, right, wrong, credited in by_path(results):
            paths.add_row(path, str(right), str(wrong), str(credited))
        out.print(paths)
    table = Table("cases", "found", "right speaker", "wrong speaker", "unattributed", "not found",
                  "no speaker named", "wrongly attributed", box=None)
    table.add_row(str(figures["cases"]), str(figures["found"]), f"{figures['right']}/{figures['named']}",
                  str(figures["wrong"]), str(figures["unattributed"]), str(figures["missed"]),
                  str(figures["unnamed"]), str(figures["wrongly_attributed"]))
    out.print(table)
