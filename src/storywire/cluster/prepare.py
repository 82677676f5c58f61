"""The state-free half of clustering an article: text features, term buckets, near-duplicate sketch.

Everything here is a pure function of one document (and of fixed parameters), so it can run in
other processes, or on other machines, ahead of the engine, which is sequential by nature (each
decision depends on every earlier one). The pipeline (``Pipeline._features``) and
:meth:`OnlineClusterer.assign_all` run it in worker processes; :meth:`OnlineClusterer.assign` calls it
in-process for a plain :class:`ClusterDoc`.
"""
from __future__ import annotations

import math
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from itertools import filterfalse, repeat

import numpy as np

from ..models import Article
from .dedup import sketch
from .embed import Embedder
from .text import background_frequency, sorted_unique
from .text import features as text_features


@dataclass(frozen=True)
class ClusterDoc:
    """What the engine needs of an article. ``time``: its own time (publication), None: undated."""

    article_id: int
    source: str
    title: str
    text: str
    time: datetime | None
    language: str | None = None  # ISO 639-1 ("en"); None: not known

    @classmethod
    def from_article(cls, a: Article) -> ClusterDoc:
        """From a stored article: its publication time, never the time it was fetched."""
        language = (a.language or "")[:2].lower() or None
        return cls(a.id, a.source or "", a.title or "", a.text or "", a.published, language)


@dataclass(frozen=True)
class PreparedDoc:
    """A document with everything computed from its text alone (no text: it is not needed any more).

    Term weights come as 1 + log(count) arrays: the engine multiplies them by the idf of the stream
    so far. Kept lean (no repeated strings, numbers in arrays): it crosses a process boundary for
    every article, and unpickling it is work for the sequential engine.
    """

    article_id: int
    source: str
    time: datetime | None  # None: undated
    # the document's distinct terms as term ids (CRC-32 of the term: the engine keys everything by
    # them, so no strings cross the process boundary): its body terms (in text order), then the
    # title+lead terms not in the body, then its entity keys ("e:<entity>", apart from the terms)
    vocab: np.ndarray
    n_body: int  # body terms: vocab[:n_body]
    n_entities: int  # entity keys: the last n_entities of vocab
    body_tf: np.ndarray  # tf weight of each body term
    title_idx: np.ndarray  # positions in vocab of the title+lead terms (in title order)
    title_tf: np.ndarray  # their tf weights
    entity_tf: np.ndarray  # tf weight of each entity key
    lead_idx: np.ndarray  # positions in vocab of the entity keys named in the title or the lead
    number_idx: np.ndarray  # positions in vocab of the entity keys that are numbers ("e:#...")
    buckets: np.ndarray  # df-table bucket of each vocab entry
    prior: np.ndarray  # background-prior document frequency of each vocab entry
    distinct_buckets: np.ndarray  # the distinct buckets, sorted (one df increment each)
    n_shingles: int  # distinct word 5-shingles (the near-duplicate check compares set sizes)
    signature: np.ndarray | None  # MinHash values of the shingles (None: too short for LSH)
    exact: int | None  # exact-copy key of the shingle set (None: no text)
    embedding: np.ndarray | None = None  # sentence embedding of the title and lead (unit, float32; None: none)
    language: str | None = None
    headline: bool = False  # headline-only: a title and no body


class TermTable:
    """Id (CRC-32), df-table bucket (the id's low bits) and background-prior document frequency of a
    term: pure functions of the term and three parameters, cached per process (dropped past a
    million terms).

    The prior: ``prior_docs`` pseudo-documents of ``prior_words`` words where a term occurs as
    often as in general English (``wordfreq``), so "Spain" is not as telling as "Paiporta" even in
    the second article of a stream.
    """

    def __init__(self, bits: int, prior_docs: float, prior_words: float) -> None:
        self.bits, self.prior_docs, self.prior_words = int(bits), float(prior_docs), float(prior_words)
        self._mask = (1 << self.bits) - 1
        self._id: dict[str, int] = {}
        self._prior: dict[str, float] = {}

    def __reduce__(self):  # a worker gets its own process's cached table, not a copy of the cache
        return term_table, (self.bits, self.prior_docs, self.prior_words)

    def lookup(self, terms: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(ids, df buckets, prior document frequencies) of the terms."""
        ids, prior = self._id, self._prior
        new = list(filterfalse(ids.__contains__, terms))
        if new:
            if len(ids) + len(new) > 1_000_000:
                ids.clear()
                prior.clear()
                new = list(dict.fromkeys(terms))
            for t in new:
                ids[t] = zlib.crc32(t.encode())
            n0 = self.prior_docs
            if n0 > 0:
                freq = np.fromiter((background_frequency(t) for t in new), dtype=np.float64, count=len(new))
                prior.update(zip(new, (n0 * -np.expm1(-self.prior_words * freq)).tolist(), strict=True))
            else:
                prior.update(zip(new, repeat(0.0)))
        n = len(terms)
        tid = np.fromiter(map(ids.__getitem__, terms), dtype=np.uint32, count=n)
        return tid, tid & np.uint32(self._mask), np.fromiter(map(prior.__getitem__, terms), dtype=np.float64, count=n)


@lru_cache(maxsize=8)
def term_table(bits: int, prior_docs: float, prior_words: float) -> TermTable:
    return TermTable(bits, prior_docs, prior_words)


EMBED_LEAD_WORDS = 40  # words of the text embedded with the title (a sentence model reads a headline and lead)


def embedding_text(doc: ClusterDoc) -> str:
    """What is embedded of an article: its title and the start of its text."""
    return " ".join([doc.title, *doc.text.split(maxsplit=EMBED_LEAD_WORDS)[:EMBED_LEAD_WORDS]]).strip()


def prepare_batch(docs: list[ClusterDoc], terms: TermTable, num_perm: int = 64, seed: int = 1,
                  embedder: Embedder | None = None) -> list[PreparedDoc]:
    """:func:`prepare` for each of ``docs``; ``embedder``: with the sentence embeddings of their titles and
    leads (embedded at once: the model's cost is mostly per call)."""
    if embedder is None:
        return [prepare(d, terms, num_perm, seed) for d in docs]
    vecs = embedder.embed([embedding_text(d) for d in docs])
    return [prepare(d, terms, num_perm, seed, v if v.any() else None) for d, v in zip(docs, vecs, strict=True)]


def prepare(doc: ClusterDoc, terms: TermTable, num_perm: int = 64, seed: int = 1,
            embedding: np.ndarray | None = None) -> PreparedDoc:
    """Everything the engine needs of ``doc`` that does not depend on the stream so far (``embedding``:
    the sentence embedding of its title and lead, from :func:`prepare_batch`)."""
    f = text_features(doc.title, doc.text, doc.time)
    body = f.body
    vocab = list(body) + [t for t in f.title if t not in body]
    pos = {t: i for i, t in enumerate(vocab)}
    title_idx = np.fromiter(map(pos.__getitem__, f.title), dtype=np.intp, count=len(f.title))
    first = len(vocab)  # entity keys start here
    ents = list(f.entities)
    vocab += ["e:" + k for k in ents]
    lead = [first + i for i, k in enumerate(ents) if k in f.lead_entities]
    nums = [first + i for i, k in enumerate(ents) if k.startswith("#")]
    ids, idx, prior = terms.lookup(vocab)
    sig, exact = sketch(f.shingles, num_perm, seed)
    return PreparedDoc(doc.article_id, doc.source, doc.time, ids, len(body), len(ents), _tf(body),
                       title_idx, _tf(f.title), _tf(f.entities), np.array(lead, dtype=np.intp),
                       np.array(nums, dtype=np.intp), idx, prior, sorted_unique(idx), len(f.shingles), sig, exact,
                       embedding, doc.language, not doc.text.strip())


class MemoTable(dict):
    """key -> fn(key), filled on first use (so lookups run in C via ``map(table.__getitem__, ...)``)."""

    def __init__(self, fn: Callable[[int], float], limit: int = 100_000) -> None:
        super().__init__()
        self.fn, self.limit = fn, limit

    def __missing__(self, key: int) -> float:
        v = self.fn(key)
        if len(self) < self.limit:
            self[key] = v
        return v


_TF = MemoTable(lambda c: 1.0 + math.log(c))  # term count c -> the 1 + log(c) tf weight


def _tf(counts: dict[str, int]) -> np.ndarray:
    """The 1 + log(count) weights of the dict's terms, in its order."""
    return np.fromiter(map(_TF.__getitem__, counts.values()), dtype=np.float64, count=len(counts))
