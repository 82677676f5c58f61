"""The engine's decisions shown: ``OnlineClusterer.assign(doc, explain=True)`` over a labelled stream.

Each decision (new story, joined, duplicate) with the candidate stories the engine weighed, their
probability and feature values, next to the gold label: what to read when a story is split or two
events are merged. ``--errors`` shows only the wrong decisions, each marked ``split`` (the article
started a story though its event already had one) or ``merge`` (it went to a story mostly of another
event); ``--titles-only`` streams the records as headline-only items.

Usage: ``python -m storywire.cluster.explain FILE [--model params.json] [--window-hours 72] [--errors]
[--titles-only]``
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Hashable, Iterable, Iterator, Sequence

from ..errors import ConfigError
from ..models import Assignment
from .evaluate import load_records, titles_only, to_docs
from .online import OnlineClusterer, load_params


def explain_stream(records: Iterable[dict], params: dict | None = None,
                   window_hours: float = 72.0) -> Iterator[tuple[Hashable, Assignment]]:
    """(gold label, decision with its ``explain``) per record, in stream order, from a fresh engine."""
    eng = OnlineClusterer(params, window_hours=window_hours)
    for doc, gold in to_docs(records):
        yield gold, eng.assign(doc, explain=True)


def judged(decisions: Iterable[tuple[Hashable, Assignment]]) -> Iterator[tuple[Hashable, Assignment, str]]:
    """(gold label, decision, verdict) per decision: ``"split"`` when the article started a story though
    its event already had one, ``"merge"`` when it went to a story (after the merges it caused) mostly of
    another event, else ``""``."""
    labels: dict[int, Counter] = {}  # story -> gold labels of its articles so far
    for gold, a in decisions:
        story = labels.setdefault(a.story_id, Counter())
        for old in a.merged_story_ids:
            story.update(labels.pop(old, Counter()))
        if not story:
            verdict = "split" if any(c[gold] for c in labels.values()) else ""
        else:
            verdict = "merge" if story.most_common(1)[0][0] != gold else ""
        story[gold] += 1
        yield gold, a, verdict


def explanation_lines(a: Assignment, features: Sequence[str] = ()) -> list[str]:
    """A decision and its ``explain`` as text: what was decided, then each candidate story with its
    probability and the ``features`` named (every feature when empty)."""
    e = a.explain
    head = f"article {a.article_id}: {e.get('decision')}, story {a.story_id}"
    if e.get("decision") == "duplicate":
        head += f" (copy of article {e['duplicate_of']}, similarity {e['similarity']})"
    elif "threshold" in e:
        head += f" (p {a.score} against threshold {e['threshold']})"
    lines = [head]
    for c in e.get("candidates", ()):
        shown = " ".join(f"{k}={v}" for k, v in c["features"].items() if not features or k in features)
        lines.append(f"    story {c['story_id']}: p {c['p']}  {shown}")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m storywire.cluster.explain", description=__doc__.split("\n")[0])
    ap.add_argument("file", help="labelled JSONL: id, title, text, [published], story (or cluster)")
    ap.add_argument("--model", help="params JSON (default: the model shipped with storywire)")
    ap.add_argument("--window-hours", type=float, default=72.0)
    ap.add_argument("--errors", action="store_true", help="show only the decisions that split or merge events")
    ap.add_argument("--titles-only", action="store_true", help="keep only each record's title")
    args = ap.parse_args(argv)
    records = load_records(args.file)
    if args.titles_only:
        records = titles_only(records)
    try:
        params = load_params(args.model)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    verdicts: Counter = Counter()
    for gold, a, verdict in judged(explain_stream(records, params, args.window_hours)):
        verdicts[verdict] += 1
        if args.errors and not verdict:
            continue
        lines = explanation_lines(a, params["features"])
        mark = f" {verdict.upper()}" if verdict else ""
        print("\n".join([f"{lines[0]}  [gold {gold}]{mark}", *lines[1:]]))
    print(f"{sum(verdicts.values())} decisions: {verdicts['split']} split, {verdicts['merge']} merge")
    return 0


if __name__ == "__main__":
    sys.exit(main())
