"""Extractive story summary (LexRank over TF-IDF sentence vectors, weighted by coverage) and title.

Candidates are sentence clusters from the alignment (a wire sentence carried by five outlets is one
candidate carried by five articles), so coverage across outlets is counted, not repeated. The score
is LexRank centrality x (1 + coverage across sources) x a mild lead-position prior; selection is MMR
with a hard similarity cut so no two sentences say the same thing; the chosen sentences are shown
in the lead article's order. Each sentence's text is verbatim from one article.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .text import fold, norm_tokens

MIN_WORDS = 8
MAX_WORDS = 60
SIM_CUT = 0.5
MMR_LAMBDA = 0.7


@dataclass
class SummaryCandidate:
    """A sentence cluster of the story, as a candidate summary sentence."""

    text: str
    tokens: list[str]
    article_ids: list[int]
    sources: int  # distinct outlets carrying it
    rel_pos: dict[int, float]  # article id -> relative position (0 = first sentence)


def stands_alone(text: str, tokens: list[str]) -> bool:
    """Whether a sentence can be quoted on its own: a bounded length, a capital start, a final . or !, no
    unbalanced quote."""
    if not (MIN_WORDS <= len(tokens) <= MAX_WORDS):
        return False
    t = fold(text).strip()
    if not t or t[0].islower() or t[0] in "(-":
        return False
    if t.rstrip("\"')").rstrip()[-1:] not in ".!":
        return False
    if t.count('"') % 2:
        return False  # a piece of a quote split across sentences
    return True


def _vectorise(docs: list[list[str]]):
    """Unit TF-IDF vectors (a sparse matrix, one row per token list)."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

    vec = TfidfVectorizer(analyzer=lambda toks: [t for t in toks if t not in ENGLISH_STOP_WORDS and len(t) > 1],
                          sublinear_tf=True, norm="l2")
    return vec.fit_transform(docs)


def lexrank(sim: np.ndarray, threshold: float = 0.1, damping: float = 0.85, iters: int = 50) -> np.ndarray:
    n = sim.shape[0]
    if n == 0:
        return np.zeros(0)
    adj = np.where(sim >= threshold, sim, 0.0)
    np.fill_diagonal(adj, 0.0)
    rows = adj.sum(axis=1, keepdims=True)
    trans = np.divide(adj, rows, out=np.full_like(adj, 1.0 / n), where=rows > 0)
    p = np.full(n, 1.0 / n)
    for _ in range(iters):
        new = (1 - damping) / n + damping * trans.T @ p
        if np.abs(new - p).sum() < 1e-8:
            p = new
            break
        p = new
    return p


def summarise(candidates: list[SummaryCandidate], n_sentences: int = 4,
              titles: Sequence[tuple[int, str]] = ()) -> tuple[list[dict], str | None]:
    """(summary [{text, article_ids}], most central headline) for a story."""
    n_sentences = max(1, int(n_sentences))
    pool = [c for c in candidates if stands_alone(c.text, c.tokens)]
    if not pool:
        pool = [c for c in candidates if c.tokens][:n_sentences]
    if not pool:
        return [], (titles[0][1] if titles else None)
    docs = [c.tokens for c in pool]
    title_docs = [norm_tokens(t) for _, t in titles]
    try:
        X = _vectorise(docs + title_docs)
    except ValueError:  # empty vocabulary
        return ([{"text": c.text, "article_ids": c.article_ids} for c in pool[:n_sentences]],
                (titles[0][1] if titles else None))
    S = X[: len(docs)]
    sim = (S @ S.T).toarray()
    central = lexrank(sim)
    central = central / (central.max() or 1.0)
    chosen = _select(pool, sim, central, n_sentences)
    summary = [{"text": pool[i].text, "article_ids": pool[i].article_ids} for i in _reading_order(chosen, pool)]
    return summary, (_central_title(X[len(docs):], S, central, titles) if titles else None)


def _select(pool: list[SummaryCandidate], sim: np.ndarray, central: np.ndarray, n_sentences: int) -> list[int]:
    """MMR over LexRank centrality x coverage x lead prior, never two sentences more similar than SIM_CUT."""
    score = np.array([
        central[i] * (1.0 + 0.5 * math.log1p(max(0, c.sources - 1)))
        * (1.0 + 0.5 * (1.0 - min(1.0, min(c.rel_pos.values(), default=1.0))))
        for i, c in enumerate(pool)
    ])
    chosen: list[int] = []
    remaining = set(range(len(pool)))
    while remaining and len(chosen) < n_sentences:
        best, best_val = None, -1e9
        for i in remaining:
            red = max((sim[i, j] for j in chosen), default=0.0)
            if red > SIM_CUT:
                continue
            val = MMR_LAMBDA * score[i] - (1 - MMR_LAMBDA) * red
            if val > best_val:
                best, best_val = i, val
        if best is None:
            break
        chosen.append(best)
        remaining.discard(best)
    return chosen


def _reading_order(chosen: list[int], pool: list[SummaryCandidate]) -> list[int]:
    """The chosen sentences in the order of the article carrying most of them, else by relative position."""
    counts: dict[int, int] = {}
    for i in chosen:
        for a in pool[i].article_ids:
            counts[a] = counts.get(a, 0) + 1
    lead = max(counts, key=lambda a: counts[a]) if counts else None

    def pos(i: int) -> float:
        c = pool[i]
        first = min(c.rel_pos.values(), default=1.0)
        return c.rel_pos.get(lead, first) if lead is not None else first

    return sorted(chosen, key=pos)


def _central_title(T, S, central: np.ndarray, titles: Sequence[tuple[int, str]]) -> str:
    """The headline closest to the other headlines and to the story's central sentences (rows ``T``)."""
    centroid = np.asarray((S.T @ central).T).ravel()
    norm = np.linalg.norm(centroid) or 1.0
    to_story = np.asarray(T @ (centroid / norm)).ravel()
    tt = (T @ T.T).toarray()
    np.fill_diagonal(tt, 0.0)
    to_titles = tt.sum(axis=1) / max(1, len(titles) - 1)
    scores = to_story + to_titles
    return titles[int(np.argmax(scores))][1]
