"""The engine's view of articles and live stories: sparse TF-IDF vectors weighted by the stream so far.

Vectors are sorted arrays of term ids and weights (:data:`Vec`), combined by the compiled kernels of
:mod:`.sparse` (dicts of floats made the engine memory-bound once the window filled up).
"""
from __future__ import annotations

import numpy as np

from . import sparse
from .prepare import PreparedDoc, TermTable, term_table

TermId = int  # a term or entity, by id: the CRC-32 of its text (see prepare.PreparedDoc.vocab)
Vec = tuple[np.ndarray, np.ndarray]  # a sparse vector: (term ids, sorted; weights); see .sparse
MemberVecs = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]  # body keys, weights, entity keys, weights
Core = tuple[np.ndarray, np.ndarray, np.ndarray]  # keys, weight, member count (see sparse.core)
EMPTY: Vec = (sparse.EMPTY_KEYS, sparse.EMPTY_VALS)


class VectorDoc:
    """An article as the engine compares it: unit vectors, near-duplicate sketch, time (epoch seconds;
    for an undated article, ``dated`` is False and ``t`` is the engine's head when it came)."""

    __slots__ = ("id", "source", "t", "dated", "tv", "bv", "ev", "lead", "nums", "size", "sig", "exact", "btop",
                 "etop", "emb", "language", "headline")

    def __init__(self, id, source, t, dated, tv, bv, ev, lead, nums, size, sig, exact, btop, etop, emb,
                 language=None, headline=False):
        self.id, self.source, self.t, self.dated = id, source, t, dated
        self.language: str | None = language  # ISO 639-1; None: not known
        self.headline: bool = headline  # headline-only: a title and no body
        self.emb: np.ndarray | None = emb  # sentence embedding of the title and lead (unit; None: none)
        self.tv: Vec = tv  # title+lead terms, unit length
        self.bv: Vec = bv  # body terms, unit length
        self.ev: Vec = ev  # entities, unit length
        self.lead: Vec = lead  # the entities named in the title or lead (with their ev weight)
        self.nums: Vec = nums  # the number entities (with their ev weight)
        self.size, self.sig, self.exact = size, sig, exact
        self.btop: Vec = btop  # the most weighted body terms / entities, best first
        self.etop: Vec = etop


class LiveStory:
    """A story of the window: centroids, index keys, members and the member statistics the scorer reads."""

    __slots__ = ("id", "first", "last", "n", "title", "body", "ents", "tnorm", "bnorm", "enorm", "keys", "top_ents",
                 "members", "edf", "tdf", "mvecs", "core_e", "core_t", "emb", "emb_unit", "membs", "language")

    def __init__(self, sid: int, t: float | None):
        # the time span of its dated articles (first > last: none yet)
        self.first, self.last = (t, t) if t is not None else (float("inf"), float("-inf"))
        self.id, self.n = sid, 0
        self.title: Vec = EMPTY  # centroids: sums of the members' unit vectors, pruned to their top terms
        self.body: Vec = EMPTY
        self.ents: Vec = EMPTY
        self.tnorm = self.bnorm = self.enorm = 0.0
        self.keys: tuple[TermId, ...] = ()  # what the story is indexed under (see index.StoryIndex)
        self.top_ents: Vec = EMPTY  # the story's most weighted entities (with their centroid weight)
        self.members: list[tuple[int, float]] = []  # (article id, time), within the window
        self.edf: Vec = EMPTY  # entity -> number of member articles naming it (pruned)
        self.tdf: Vec = EMPTY  # content term -> number of member articles using it (pruned)
        self.mvecs: list[MemberVecs] = []  # vectors of the latest members, pruned
        # the entities / content terms most members use; None: to recompute (lazily: most stories
        # change far more often than their member features are needed)
        self.core_e: Core | None = None
        self.core_t: Core | None = None
        self.emb: np.ndarray | None = None  # sum of the members' sentence embeddings
        self.emb_unit: np.ndarray | None = None  # their mean, unit length
        self.membs: np.ndarray | None = None  # sentence embeddings of the latest members, a row each
        self.language: str | None = None  # of its first article that has one (a story is in one language)

    def set_embeddings(self, total: np.ndarray, members: np.ndarray) -> None:
        """The sum of the members' sentence embeddings, and those of the latest members (a row each)."""
        self.emb, self.membs = total, members
        norm = float(np.linalg.norm(total))
        self.emb_unit = total / norm if norm > 0 else None

    def embedding_similarity(self, emb: np.ndarray | None) -> tuple[float, float]:
        """Cosines of a unit embedding with the story's mean embedding and with its closest latest member."""
        if emb is None or self.emb_unit is None or self.membs is None:
            return 0.0, 0.0
        return sparse.embedding_cosines(self.emb_unit, self.membs, emb)

    def add(self, d: VectorDoc, p: dict, member_stats: bool) -> None:
        """Count ``d`` in the centroids (and, with ``member_stats``, in the member statistics)."""
        self.n += 1
        if self.language is None:
            self.language = d.language
        if d.dated:
            self.last = max(self.last, d.t)
            self.first = min(self.first, d.t)
        self.title, self.tnorm = add_into(self.title, d.tv, p["story_title_terms"])
        self.body, self.bnorm = add_into(self.body, d.bv, p["story_terms"])
        self.ents, self.enorm = add_into(self.ents, d.ev, p["story_entities"])
        if d.emb is not None:
            if self.emb is None or self.membs is None:
                self.set_embeddings(d.emb.astype(np.float32), d.emb[None, :])
            else:
                keep = self.membs[max(0, len(self.membs) + 1 - p["member_vectors"]):]
                self.set_embeddings(self.emb + d.emb, np.vstack([keep, d.emb]))
        if member_stats:
            self.edf = count_into(self.edf, d.ev[0], 4 * p["story_entities"])
            self.tdf = count_into(self.tdf, d.bv[0], 4 * p["story_terms"])
            k = p["member_terms"]
            self.mvecs.append(sparse.sorted_top(*d.btop, k) + sparse.sorted_top(*d.etop, k))
            if len(self.mvecs) > p["member_vectors"]:
                del self.mvecs[0]

    @property
    def dated(self) -> bool:
        """Whether the story has a dated article (and so a time span)."""
        return self.first <= self.last

    def gap(self, t: float) -> float:
        """Seconds from the story's span to time ``t`` (0: within it, or no span)."""
        return max(0.0, t - self.last, self.first - t) if self.dated else 0.0

    def absorb(self, other: LiveStory, p: dict) -> None:
        """Add the centroids and member statistics of ``other`` (merged into this story)."""
        self.title, self.tnorm = add_into(self.title, other.title, p["story_title_terms"])
        self.body, self.bnorm = add_into(self.body, other.body, p["story_terms"])
        self.ents, self.enorm = add_into(self.ents, other.ents, p["story_entities"])
        self.n += other.n
        self.first, self.last = min(self.first, other.first), max(self.last, other.last)
        if other.emb is not None and other.membs is not None:
            if self.emb is None or self.membs is None:
                self.set_embeddings(other.emb.copy(), other.membs)
            else:
                self.set_embeddings(self.emb + other.emb, np.vstack([self.membs, other.membs])[-p["member_vectors"]:])
        self.edf = add_into(self.edf, other.edf, 4 * p["story_entities"])[0]
        self.tdf = add_into(self.tdf, other.tdf, 4 * p["story_terms"])[0]
        self.mvecs = (self.mvecs + other.mvecs)[-p["member_vectors"]:]
        self.core_e = self.core_t = None


def cos(a: Vec, b: Vec, bnorm: float) -> float:
    """Cosine of a unit vector ``a`` with ``b`` (norm ``bnorm``)."""
    return sparse.dot(a[0], a[1], b[0], b[1]) / bnorm if bnorm > 0 else 0.0


def add_into(c: Vec, v: Vec, keep: int) -> tuple[Vec, float]:
    """c + v, pruned to ``keep`` terms once above twice that, and its norm."""
    k, w, norm = sparse.add(c[0], c[1], v[0], v[1], keep)
    return (k, w), norm


def count_into(c: Vec, keys: np.ndarray, keep: int) -> Vec:
    """One more member for each of ``keys`` (distinct) in the counts ``c``, pruned to the ``keep`` most counted."""
    return add_into(c, (keys, np.ones(len(keys))), keep)[0]


def top_terms(v: Vec, n: int) -> list[TermId]:
    """The ``n`` most weighted terms, best first (ties: the lower id first)."""
    return sparse.top_keys(v[0], v[1], n).tolist()


class Vectoriser:
    """TF-IDF with the document frequencies of the stream so far, hashed into a fixed table (memory does
    not grow with the vocabulary) and smoothed by the background prior of :class:`.prepare.TermTable`."""

    def __init__(self, params: dict) -> None:
        self.bits = int(params["df_bits"])
        self.df = np.zeros(1 << self.bits, dtype=np.uint32)
        self.ndocs = 0
        self.prior_docs = float(params["prior_docs"])
        self.terms: TermTable = term_table(self.bits, self.prior_docs, float(params["prior_doc_words"]))
        self.ranked = max(int(params["query_terms"]), int(params["member_terms"]))  # top terms a document needs ranked

    def vectorise(self, prep: PreparedDoc, t: float, dated: bool = True) -> VectorDoc:
        """Count ``prep`` in the document frequencies, then weight its terms (at time ``t``; ``dated``:
        whether that is the article's own time)."""
        # count the document first, so a term's first occurrence has idf log((N+1)/2) + 1
        self.df[prep.distinct_buckets] += 1  # distinct buckets: like np.add.at over np.unique
        self.ndocs += 1
        df = self.df[prep.buckets].astype(np.float64) + prep.prior
        idf = np.log((self.ndocs + self.prior_docs + 1.0) / (df + 1.0)) + 1.0
        ek, ew, etk, etw, bk, bw, btk, btw, tk, tw, lk, lw, nk, nw = sparse.weigh(
            prep.vocab, idf, prep.n_body, prep.n_entities, prep.body_tf, prep.entity_tf, prep.title_idx, prep.title_tf,
            prep.lead_idx, prep.number_idx, self.ranked)
        return VectorDoc(prep.article_id, prep.source, t, dated, (tk, tw), (bk, bw), (ek, ew), (lk, lw), (nk, nw),
                         prep.n_shingles, prep.signature, prep.exact, (btk, btw), (etk, etw), prep.embedding,
                         prep.language, prep.headline)
