"""The simplest honest baseline: TF-IDF cosine + agglomerative clustering (batch, sees all documents).

The distance threshold is fitted like the engine's: the value with the best BCubed F1 on the
training part. Usage: ``python -m storywire.cluster.baseline FILE`` (topic-split report on ECB+-like
files with a ``topic`` field; otherwise fit and score on the whole file).
"""
from __future__ import annotations

import argparse
import json
import sys

import numpy as np

from .evaluate import bcubed, label_of, load_records, split_by_topic

THRESHOLDS = tuple(np.round(np.arange(0.3, 0.99, 0.02), 2))


def tree(records: list[dict], linkage: str = "average") -> np.ndarray:
    """The merge tree of ``records``' TF-IDF vectors (cosine distance), as AgglomerativeClustering builds it."""
    from scipy.cluster.hierarchy import linkage as merge_tree
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [f"{r.get('title') or ''}\n{r.get('text') or ''}" for r in records]
    X = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=1).fit_transform(texts).toarray()
    return merge_tree(X, method=linkage, metric="cosine")


def cut(merges: np.ndarray, threshold: float) -> list[int]:
    """The clusters of a merge tree at ``threshold``: every merge closer than it, none at or above it."""
    from scipy.cluster.hierarchy import fcluster

    return fcluster(merges, np.nextafter(threshold, -np.inf), criterion="distance").tolist()


def cluster(records: list[dict], threshold: float, linkage: str = "average") -> list[int]:
    return cut(tree(records, linkage), threshold) if len(records) > 1 else [0] * len(records)


def score(records: list[dict], threshold: float, linkage: str = "average") -> dict:
    return bcubed(cluster(records, threshold, linkage), [label_of(r) for r in records])


def fit_threshold(records: list[dict], linkage: str = "average") -> float:
    """The threshold of THRESHOLDS with the best BCubed F1 on ``records`` (ties: the one closest to 0.7)."""
    if len(records) < 2:
        return 0.7
    merges, gold = tree(records, linkage), [label_of(r) for r in records]
    return max(THRESHOLDS, key=lambda t: (round(bcubed(cut(merges, float(t)), gold)["f1"], 4), -abs(t - 0.7)))


def topic_split_report(records: list[dict], linkage: str = "average") -> dict:
    """Fit on odd topics and report on even ones, then the other way round."""
    odd, even = split_by_topic(records)
    out = {}
    for name, train, test in (("odd->even", odd, even), ("even->odd", even, odd)):
        t = float(fit_threshold(train, linkage))
        out[name] = {"threshold": t, **{k: round(v, 4) for k, v in score(test, t, linkage).items()}}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m storywire.cluster.baseline")
    ap.add_argument("file")
    ap.add_argument("--linkage", default="average", choices=["average", "complete", "single"])
    args = ap.parse_args(argv)
    recs = load_records(args.file)
    if all("topic" in r for r in recs):
        print(json.dumps(topic_split_report(recs, args.linkage), indent=1))
    else:
        t = float(fit_threshold(recs, args.linkage))
        print(json.dumps({"threshold": t, **score(recs, t, args.linkage)}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
