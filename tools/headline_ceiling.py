"""What headline-only clustering can reach at all on a labelled file split by topic (issue #15).

For each half of the topics, the titles alone are clustered offline (agglomerative, average and single
linkage on cosine distance) under four representations: TF-IDF words, names only (the engine's entity
terms of the title), the engine's static sentence embedding, and their combination (a weighted mean of the
three cosine matrices). The distance threshold (and the combination's weights) are chosen on the OTHER
half and the F1 on this half is reported (honest); the best threshold (and weights) on the half itself is printed as an
upper bound, never a result. The engine, fitted on the other half as ``eval cluster --split-topics`` fits
it, is scored with its headline join threshold as fitted, and with the best threshold on the half itself
(an upper bound); and, as fitted, on the half's titles in ``--orders`` random arrival orders (the file
holds each event's documents together, which a feed of many events' headlines does not; the offline
clusterings above do not depend on order).

Usage: ``PYTHONPATH=src python tools/headline_ceiling.py ../shared/data/stories/ecbplus-dev.jsonl``
"""
from __future__ import annotations

import argparse
import itertools
import random

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform
from sklearn.feature_extraction.text import TfidfVectorizer

from storywire.cluster.embed import load_embedder
from storywire.cluster.evaluate import (
    bcubed,
    label_of,
    load_records,
    prepared_stream,
    run_stream,
    split_by_topic,
    titles_only,
    to_docs,
)
from storywire.cluster.text import features
from storywire.cluster.train import fit

CUTS = np.round(np.arange(0.02, 1.0, 0.02), 2)
WEIGHTS = [w for w in itertools.product((0.0, 0.25, 0.5, 0.75, 1.0), repeat=3) if sum(w) > 0]


def cosines(m: np.ndarray) -> np.ndarray:
    """Cosine matrix of the rows of ``m`` (zero rows: cosine 0)."""
    norm = np.linalg.norm(m, axis=1, keepdims=True)
    u = np.divide(m, norm, out=np.zeros_like(m), where=norm > 0)
    return np.clip(u @ u.T, 0.0, 1.0)


def representations(titles: list[str]) -> dict[str, np.ndarray]:
    """Cosine matrices of the titles: TF-IDF words, names only, the sentence embedding."""
    words = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(titles).toarray()
    names = TfidfVectorizer(analyzer=lambda t: list(features(t, "").entities)).fit_transform(titles).toarray()
    return {"tf-idf words": cosines(words), "names": cosines(names),
            "embedding": cosines(load_embedder().embed(titles).astype(float))}


def curve(sim: np.ndarray, gold: list, method: str) -> np.ndarray:
    """BCubed F1 at every distance cut of ``CUTS``."""
    dist = 1.0 - sim
    np.fill_diagonal(dist, 0.0)
    tree = linkage(squareform(dist, checks=False), method=method)
    return np.array([bcubed(fcluster(tree, t=c, criterion="distance").tolist(), gold)["f1"] for c in CUTS])


def combined(mats: dict[str, np.ndarray], w: tuple[float, ...]) -> np.ndarray:
    return sum(wi * m for wi, m in zip(w, mats.values(), strict=True)) / sum(w)


def engine(train: list[dict], test: list[dict], orders: int) -> tuple[float, float, float, float, float]:
    """(F1 as fitted, its headline threshold, the best F1 over headline thresholds on ``test``, that threshold,
    the mean F1 as fitted over ``orders`` random arrival orders of the titles)."""
    params = fit(train)
    docs = prepared_stream(to_docs(titles_only(test)), params)

    def f1(t: float, stream: list = docs) -> float:
        pred = run_stream(stream, {**params, "headline": {**params["headline"], "threshold": t}})[0]
        return bcubed(pred, [g for _, g in stream])["f1"]

    fitted = params["headline"]["threshold"]
    best = max(np.round(np.arange(0.05, 0.96, 0.05), 2), key=f1)
    shuffled = [random.Random(seed).sample(docs, len(docs)) for seed in range(orders)]
    mixed_up = sum(f1(fitted, s) for s in shuffled) / orders if orders else float("nan")
    return f1(fitted), fitted, f1(best), float(best), mixed_up


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("file")
    ap.add_argument("--no-engine", action="store_true", help="leave out the engine rows (two fits)")
    ap.add_argument("--orders", type=int, default=5, help="random arrival orders the engine is also scored in")
    args = ap.parse_args()
    odd, even = split_by_topic(load_records(args.file))
    halves = {"even": even, "odd": odd}
    gold = {h: [label_of(r) for r in recs] for h, recs in halves.items()}
    mats = {h: representations([r.get("title") or "" for r in recs]) for h, recs in halves.items()}
    other = {"even": "odd", "odd": "even"}
    print(f"{'representation':28} {'linkage':8} {'scored':6} {'honest F1':>10} {'@cut':>5} {'oracle F1':>10}")
    for method in ("average", "single"):
        for name in [*mats["even"], "combined"]:
            for h in halves:
                o = other[h]
                if name == "combined":  # weights and cut chosen together on the other half
                    w_o, c_o = max(((w, curve(combined(mats[o], w), gold[o], method)) for w in WEIGHTS),
                                   key=lambda wc: wc[1].max())
                    cut = CUTS[int(np.argmax(c_o))]
                    mine = curve(combined(mats[h], w_o), gold[h], method)
                    oracle = max(curve(combined(mats[h], w), gold[h], method).max() for w in WEIGHTS)
                    label = f"combined {'/'.join(f'{x:g}' for x in w_o)}"
                else:
                    cut = CUTS[int(np.argmax(curve(mats[o][name], gold[o], method)))]
                    mine = curve(mats[h][name], gold[h], method)
                    oracle = mine.max()
                    label = name
                honest = mine[list(CUTS).index(cut)]
                print(f"{label:28} {method:8} {h:6} {honest:10.3f} {cut:5.2f} {oracle:10.3f}")
    if not args.no_engine:
        for h in halves:
            f, t, best, bt, mixed_up = engine(halves[other[h]], halves[h], args.orders)
            print(f"{'engine (fit on other half)':28} {'online':8} {h:6} {f:10.3f} {t:5.2f} {best:10.3f} {bt:5.2f}")
            print(f"{'engine, titles interleaved':28} {'online':8} {h:6} {mixed_up:10.3f} {t:5.2f}   (mean of "
                  f"{args.orders} random arrival orders)")


if __name__ == "__main__":
    main()
