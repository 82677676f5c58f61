"""Fit the engine's decision from labelled data: no hand-set thresholds.

1. Stream the labelled records through an engine that is told the gold story of every article
   (:meth:`OnlineClusterer.train_step`); each article yields one (article, candidate story) pair per
   candidate the index retrieves, labelled 1 when the candidate is the article's gold story.
2. Fit a logistic regression on the standardised similarity features of those pairs (the model's
   ``features`` list picks which of the engine's features it uses), and set the content floor
   ``min_body`` to the ``gate_quantile`` quantile of the body cosine of the positive pairs.
3. Choose the join threshold, then the merge thresholds, then the join threshold again with those
   merges, by streaming the same records through the real engine (no gold labels) and keeping the values
   with the best BCubed F1.
4. The same for the decision on headline-only articles (``headline``): its pairs are those of the
   headline-only articles of two streams of the same records, all of them headline-only and about half
   of them, and its join threshold the one with the best mean F1 on the two.

The time-decay prior (``time_decay_per_day``) is not fitted when the data has no times.

Usage: ``python -m storywire.cluster.train FILE [-o params.json]``
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from collections.abc import Hashable
from pathlib import Path

import numpy as np

from ..clock import utcnow
from .evaluate import bcubed, load_records, prepared_stream, run_stream, titles_only, to_docs
from .online import DEFAULT_PARAMS, OnlineClusterer

# What a fit uses unless ``base`` says otherwise: the features and background prior that held up on
# both topic-split halves of the ECB+ development set.
FIT_DEFAULTS: dict = {
    "features": ["title", "body", "ent", "ent_cov", "num_cov", "lead_cov", "story_cov", "llr_ent", "llr_title",
                 "miss_core", "mem_ent", "mem_body", "emb", "mem_emb", "num_novel", "no_core", "emb_thin"],
    "prior_docs": 1000.0,
}
THRESHOLDS = (0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
MERGE_GRID = ((1.01, 1.01),) + tuple((mt, ms) for mt in (0.7, 0.8, 0.9, 0.97) for ms in (0.3, 0.45, 0.6))


def pairs(docs, params: dict, window_hours: float = 72.0, counterfactual: bool = True,
          gate: list | None = None, headlines: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Feature rows and 0/1 labels of article-vs-candidate pairs, streaming with gold assignments.

    With ``counterfactual``, each article whose story is among its candidates also yields the pairs it
    would give if its story did not exist yet (all negatives): the decision that matters most, a new
    event next to an older one of the same kind, is otherwise seen once per event. ``gate``: gets the
    body cosine of each positive pair. ``headlines``: only the pairs of headline-only articles.
    """
    eng = OnlineClusterer(params, window_hours=window_hours)
    ids: dict[Hashable, int] = {}
    X, y = [], []
    for doc, gold in docs:
        sid = ids.setdefault(gold, len(ids) + 1)
        cands, without = eng.train_step(doc, sid)
        if headlines and not doc.headline:
            continue
        for cand, f in cands + (without if counterfactual else []):
            X.append([f[k] for k in params["features"]])
            y.append(1 if cand == sid else 0)
            if gate is not None and cand == sid:
                gate.append(f["body"])
    return np.asarray(X, dtype=float).reshape(-1, len(params["features"])), np.asarray(y, dtype=int)


def headline_streams(records: list[dict], seed: int = 1) -> list[list[dict]]:
    """What a headline decision is fitted and tuned on: the records as headline-only items, and the records
    with about half of them (chosen at random) headline-only among the others."""
    rng = random.Random(seed)
    return [titles_only(records), [{**r, "text": ""} if rng.random() < 0.5 else r for r in records]]


def fit(records: list[dict], base: dict | None = None, window_hours: float = 72.0, C: float = 1.0,
        tune: bool = True, source: str = "") -> dict:
    """Parameters fitted on labelled ``records`` (see the module docstring)."""
    params = {**DEFAULT_PARAMS, **FIT_DEFAULTS, **(base or {})}
    k = len(params["features"])
    # placeholders until fitted; no content floor while the pairs are collected
    unfitted = {"coef": [0.0] * k, "mean": [0.0] * k, "scale": [1.0] * k, "intercept": 0.0, "min_body": 0.0,
                "min_emb": 1.01}
    params.update(unfitted, headline={**unfitted, "threshold": params["threshold"]})
    # prepared once: what a document is made of does not depend on the thresholds searched below
    docs = prepared_stream(to_docs(records), params)
    streams = [prepared_stream(to_docs(r), params) for r in headline_streams(records)]
    positive_body: list[float] = []
    X, y = pairs(docs, params, window_hours, gate=positive_body)
    params.update(_logistic(X, y, positive_body, params, C))
    positive_body = []
    rows = [pairs(s, params, window_hours, gate=positive_body, headlines=True) for s in streams]
    Xh, yh = np.vstack([r[0] for r in rows]), np.concatenate([r[1] for r in rows])
    params["headline"].update(_logistic(Xh, yh, positive_body, params, C))
    gold = [g for _, g in docs]
    report: dict = {"pairs": int(len(y)), "positive_pairs": int(y.sum()), "headline_pairs": int(len(yh))}
    if tune:
        report["train_f1"] = _tune(params, docs, gold, window_hours)
        report["headline_train_f1"] = _tune_headline(params, streams, window_hours)
    params["trained_on"] = {"file": source, "records": len(records), "stories": len(Counter(gold)),
                            "fitted": utcnow().strftime("%Y-%m-%d"), **report}
    return params


def _logistic(X: np.ndarray, y: np.ndarray, positive_body: list[float], params: dict, C: float) -> dict:
    """A decision's coefficients, standardisation and content floor, fitted on pairs ``X``, ``y``."""
    from sklearn.linear_model import LogisticRegression

    if len(set(y.tolist())) < 2:
        raise ValueError("the training data gives no positive and negative pairs to learn from "
                         "(needs stories of several articles and more than one story)")
    mean = X.mean(axis=0)
    scale = X.std(axis=0)
    scale[scale < 1e-6] = 1.0
    model = LogisticRegression(C=C, max_iter=2000)
    model.fit((X - mean) / scale, y)
    out = {"coef": [float(c) for c in model.coef_[0]], "intercept": float(model.intercept_[0]),
           "mean": [float(m) for m in mean], "scale": [float(s) for s in scale], "min_body": 0.0,
           "min_emb": DEFAULT_PARAMS["min_emb"]}
    if positive_body and params.get("gate_quantile", 0.0) > 0:
        # the floor under which (almost) no article of the training data joined its story: a join
        # needs at least this much shared content, whatever the other features say (one shared place
        # name is not a story)
        out["min_body"] = float(params["gate_margin"] * np.quantile(positive_body, params["gate_quantile"]))
    if "emb" in params["features"]:
        out["min_emb"] = embedding_floor(X[:, params["features"].index("emb")], y)
    return out


def embedding_floor(emb: np.ndarray, y: np.ndarray, precision: float = 0.9) -> float:
    """The lowest embedding cosine above which at least ``precision`` of the pairs are the article's own
    story (1.01, never, if there is none): where it passes the content floor without shared words."""
    order = np.argsort(-emb)
    hits = np.cumsum(y[order])
    share = hits / np.arange(1, len(order) + 1)
    ok = np.nonzero((share >= precision) & (emb[order] > 0))[0]
    return round(float(emb[order][ok[-1]]), 4) if len(ok) else 1.01


def _tune(params: dict, docs: list, gold: list[Hashable], window_hours: float) -> float:
    """Set the join threshold, then the merge thresholds, then the join threshold again (with those merges:
    a threshold chosen without merges is set low to make up for them), to the values with the best BCubed F1
    of the real engine on ``docs`` (ties: the threshold closest to 0.5, the larger merge thresholds); returns
    that F1."""
    def score(p: dict) -> float:
        pred, _ = run_stream(docs, p, window_hours)
        return bcubed(pred, gold)["f1"]

    def join_threshold() -> float:
        return max(THRESHOLDS, key=lambda t: (round(score({**params, "threshold": t}), 4), -abs(t - 0.5)))

    params["merge_threshold"], params["merge_similarity"] = 1.01, 1.01
    params["threshold"] = join_threshold()
    mt, ms = max(MERGE_GRID, key=lambda m: (round(score({**params, "merge_threshold": m[0],
                                                            "merge_similarity": m[1]}), 4), m))
    params["merge_threshold"], params["merge_similarity"] = mt, ms
    params["threshold"] = join_threshold()
    return round(score(params), 4)


def _tune_headline(params: dict, streams: list[list], window_hours: float) -> float:
    """Set the headline decision's join threshold to the one with the best mean BCubed F1 of the real engine
    on the headline ``streams`` (ties: the threshold closest to 0.5); returns that F1."""
    head = params["headline"]

    def score(t: float) -> float:
        p = {**params, "headline": {**head, "threshold": t}}
        return sum(bcubed(run_stream(s, p, window_hours)[0], [g for _, g in s])["f1"] for s in streams) / len(streams)

    head["threshold"] = max(THRESHOLDS, key=lambda t: (round(score(t), 4), -abs(t - 0.5)))
    return round(score(head["threshold"]), 4)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m storywire.cluster.train", description=__doc__.split("\n")[0])
    ap.add_argument("file", help="labelled JSONL: id, title, text, [published], story (or cluster)")
    ap.add_argument("-o", "--output", default="-", help="params JSON to write (default: stdout)")
    ap.add_argument("--window-hours", type=float, default=72.0)
    args = ap.parse_args(argv)
    params = fit(load_records(args.file), window_hours=args.window_hours, source=Path(args.file).name)
    text = json.dumps(params, indent=1)
    if args.output == "-":
        print(text)
    else:
        Path(args.output).write_text(text + "\n", encoding="utf-8")
        print(f"wrote {args.output}: {params['trained_on']}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
