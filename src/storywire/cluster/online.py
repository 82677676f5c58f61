"""The online story engine: each article, in arrival order, joins a live story or starts a new one.

Per article (cost independent of how long the stream has run):

1. near-duplicate check (:mod:`.dedup`): a reprint joins the story of its earliest copy;
2. features: TF-IDF vectors of the title+lead and the body, and of entity-like terms (capitalised
   sequences, acronyms, numbers), with document frequencies kept as the stream goes (hashed into a
   fixed table, so memory does not grow with the vocabulary) and smoothed by a background prior
   (``prior_docs`` pseudo-documents with general-English word frequencies from ``wordfreq``), so
   the first articles of a stream are not compared with a near-empty table ("Spain" is not as
   telling as "Paiporta" even in the second article);
3. candidates: stories sharing the article's most salient terms/entities, from an inverted index
   that only holds stories active within the window (never a scan of all stories);
4. decision: a logistic model (fitted by :mod:`.train`) scores each candidate from similarity
   features (centroid cosines; entity/number coverage; evidence from the story's members: how many
   of them name the article's entities, the story's core entities the article lacks, the best
   single-member cosine); the best one joins if its probability clears the fitted threshold and its
   body cosine clears the fitted floor ``min_body``, else a new story. A time-decay prior lowers the
   score of stories quiet for a while;
5. merge: when a second candidate also scores above ``merge_threshold`` and its centroid is close to
   the chosen story's, the two are one story: the smaller is merged into the larger.

Stories keep incremental centroids (pruned to their top terms), keywords and entities, and are
dropped once quiet for ``window_hours``; so memory is bounded by the window, not the stream.
Vectors are sorted arrays of term ids and weights, combined by the compiled kernels of
:mod:`.sparse` (dicts of floats made the engine memory-bound once the window filled up).
"""
from __future__ import annotations

import io
import json
import math
import pickle
import zlib
from collections import OrderedDict, deque
from datetime import datetime, timezone
from functools import partial
from importlib import resources
from itertools import islice, repeat
from operator import add, itemgetter
from pathlib import Path
from typing import Iterable, Iterator

import numpy as np

from ..models import Assignment
from . import sparse
from .dedup import Deduplicator
from .prepare import ClusterDoc, PreparedDoc, prepare, term_table

# Every feature the engine computes for an (article, candidate story) pair; a model uses a subset
# (its "features" list), so a model fitted on fewer features keeps working.
FEATURES = ("title", "body", "ent", "ent_cov", "num_cov", "lead_cov", "story_cov", "title_gap", "body_gap",
            "ent_gap", "size", "core_ent", "core_term", "lead_novel", "mem_body", "mem_ent", "llr_ent", "llr_title",
            "miss_core")
LEGACY_FEATURES = FEATURES[:11]
_MEMBER_FEATURES = frozenset(FEATURES[11:])

# Fallback parameters (used only when no fitted model is given): hand-set, roughly sensible.
DEFAULT_PARAMS: dict = {
    "version": 1,
    "features": list(LEGACY_FEATURES),
    "coef": [2.0, 2.0, 2.0, 1.0, 0.5, 1.0, 1.0, 1.0, 1.0, 1.0, 0.0],
    "intercept": -1.0,
    "mean": [0.0] * len(LEGACY_FEATURES),
    "scale": [0.25] * len(LEGACY_FEATURES),
    "threshold": 0.5,
    "merge_threshold": 0.95,
    "merge_similarity": 0.6,
    "time_decay_per_day": 0.7,
    "candidates": 8,
    "deep_candidates": 2,
    "query_terms": 12,
    "posting_cap": 32,
    "story_terms": 100,
    "story_title_terms": 40,
    "story_entities": 60,
    "key_terms": 24,
    "key_entities": 16,
    "story_top_entities": 8,
    "core_share": 0.5,
    "min_body": 0.0,
    "gate_quantile": 0.01,
    "gate_margin": 0.8,
    "member_vectors": 6,
    "member_terms": 40,
    "df_bits": 18,
    "prior_docs": 0.0,
    "prior_doc_words": 250.0,
    # lsh_bands: (bands, rows) of the LSH index; 10 x 2 finds pairs with Jaccard 0.5 (a trimmed copy)
    # 94% of the time, like datasketch's choice for threshold 0.35 (21 x 3), with half the work a lookup
    "dedup": {"num_perm": 64, "jaccard": 0.8, "containment": 0.85, "lsh_threshold": 0.35, "lsh_bands": [10, 2]},
}

Term = int  # a term or entity, by id: the CRC-32 of its text (see prepare.PreparedDoc.vocab)

_MODEL_FILE = "model.json"
_STATE_VERSION = 3  # 2: terms keyed by id (CRC-32), not by string; 3: vectors as arrays


def load_params(path: str | Path | None = None) -> dict:
    """Fitted parameters from a JSON file; empty/None: the model shipped with storywire."""
    if path:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    else:
        try:
            data = json.loads(resources.files(__package__).joinpath(_MODEL_FILE).read_text(encoding="utf-8"))
        except FileNotFoundError:
            data = {}
    return {**DEFAULT_PARAMS, **data}


def _ts(t: datetime) -> float:
    if t.tzinfo is None:
        t = t.replace(tzinfo=timezone.utc)
    return t.timestamp()


def _prepare_chunk(docs: list[ClusterDoc], terms, num_perm: int, seed: int) -> list[PreparedDoc]:
    return [prepare(d, terms, num_perm, seed) for d in docs]


Vec = tuple[np.ndarray, np.ndarray]  # a sparse vector: (term ids, sorted; weights); see .sparse
_EMPTY: Vec = (sparse.EMPTY_KEYS, sparse.EMPTY_VALS)


class _Doc:
    __slots__ = ("id", "source", "t", "tv", "bv", "ev", "lead", "nums", "size", "sig", "exact", "btop", "etop")

    def __init__(self, id, source, t, tv, bv, ev, lead, nums, size, sig, exact, btop, etop):
        self.id, self.source, self.t = id, source, t
        self.tv: Vec = tv  # title+lead terms, unit length
        self.bv: Vec = bv  # body terms, unit length
        self.ev: Vec = ev  # entities, unit length
        self.lead: Vec = lead  # the entities named in the title or lead (with their ev weight)
        self.nums: Vec = nums  # the number entities (with their ev weight)
        self.size, self.sig, self.exact = size, sig, exact
        self.btop: Vec = btop  # the most weighted body terms / entities, best first
        self.etop: Vec = etop


class _Story:
    __slots__ = ("id", "first", "last", "n", "title", "body", "ents", "tnorm", "bnorm", "enorm", "keys", "top_ents",
                 "members", "edf", "tdf", "mvecs", "core_e", "core_t")

    def __init__(self, sid: int, t: float):
        self.id, self.first, self.last, self.n = sid, t, t, 0
        self.title: Vec = _EMPTY  # centroids: sums of the members' unit vectors, pruned to their top terms
        self.body: Vec = _EMPTY
        self.ents: Vec = _EMPTY
        self.tnorm = self.bnorm = self.enorm = 0.0
        self.keys: tuple[Term, ...] = ()
        self.top_ents: Vec = _EMPTY  # the story's most weighted entities (with their centroid weight)
        self.members: list[tuple[int, float]] = []  # (article id, time), within the window
        self.edf: Vec = _EMPTY  # entity -> number of member articles naming it (pruned)
        self.tdf: Vec = _EMPTY  # content term -> number of member articles using it (pruned)
        self.mvecs: list[tuple[np.ndarray, ...]] = []  # (body keys, weights, entity keys, weights) of the latest members, pruned
        # (keys, weight, member count) of the entities / content terms most members use; None: to
        # recompute (lazily: most stories change far more often than their member features are needed)
        self.core_e: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        self.core_t: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None


def _cos(a: Vec, b: Vec, bnorm: float) -> float:
    """Cosine of a unit vector ``a`` with ``b`` (norm ``bnorm``)."""
    return sparse.dot(a[0], a[1], b[0], b[1]) / bnorm if bnorm > 0 else 0.0


def _add_into(c: Vec, v: Vec, keep: int) -> tuple[Vec, float]:
    """c + v, pruned to ``keep`` terms once above twice that, and its norm."""
    k, w, norm = sparse.add(c[0], c[1], v[0], v[1], keep)
    return (k, w), norm


def _count_into(c: Vec, keys: np.ndarray, keep: int) -> Vec:
    """One more member for each of ``keys`` (distinct) in the counts ``c``, pruned to the ``keep`` most counted."""
    return _add_into(c, (keys, np.ones(len(keys))), keep)[0]


def _top(v: Vec, n: int) -> list[Term]:
    """The ``n`` most weighted terms, best first (ties: the lower id first)."""
    return sparse.top_keys(v[0], v[1], n).tolist()


_NO_EXTRA: dict[str, float] = {}
_second = itemgetter(1)


def _pack(v: Vec) -> tuple[bytes, bytes]:
    return v[0].tobytes(), v[1].tobytes()


def _unpack(b: tuple[bytes, bytes]) -> Vec:
    return np.frombuffer(b[0], dtype=sparse.KEYS).copy(), np.frombuffer(b[1], dtype=np.float64).copy()


class _SafeUnpickler(pickle.Unpickler):
    def find_class(self, module, name):  # state holds only builtin containers, numbers, strings, bytes
        raise pickle.UnpicklingError(f"unexpected object {module}.{name} in cluster state")


class OnlineClusterer:
    """Streaming story clustering. See the module docstring; :mod:`storywire.cluster` for the API."""

    def __init__(self, params: dict | None = None, window_hours: float = 72.0, next_story_id: int = 1) -> None:
        self.params = {**DEFAULT_PARAMS, **(params if params is not None else load_params())}
        p = self.params
        self.window_hours = float(window_hours)
        self.window = self.window_hours * 3600.0
        self.next_story_id = int(next_story_id)
        self.now = float("-inf")
        self._coef = np.asarray(p["coef"], dtype=float)
        self._mean = np.asarray(p["mean"], dtype=float)
        self._scale = np.asarray(p["scale"], dtype=float)
        unknown = [k for k in p["features"] if k not in FEATURES]
        if unknown or len(p["coef"]) != len(p["features"]):
            raise ValueError(f"cluster model uses features {unknown or p['features']} that this engine does not "
                             f"compute (it computes {list(FEATURES)}), or has {len(p['coef'])} coefficients")
        self._features = tuple(p["features"])
        self._extra = any(k in _MEMBER_FEATURES for k in self._features) or bool(p.get("train_all_features"))
        # What a decision needs (assign without explain computes only this): the gap features need
        # every candidate's three cosines; otherwise a candidate below the content floor needs only
        # its body cosine, and member features the model does not use are skipped.
        self._need_gaps = any(k in ("title_gap", "body_gap", "ent_gap") for k in self._features)
        self._need_member = frozenset(k for k in self._features if k in _MEMBER_FEATURES)
        self._ranked = max(int(p["query_terms"]), int(p["member_terms"]))  # top terms a document needs ranked
        self._bits = int(p["df_bits"])
        self._df = np.zeros(1 << self._bits, dtype=np.uint32)
        self._ndocs = 0
        self._min_body = float(p["min_body"])
        self._prior_docs = float(p["prior_docs"])
        self._terms = term_table(self._bits, self._prior_docs, float(p["prior_doc_words"]))
        sparse.warm_up()  # compile (first run) or load the kernels now, not in the middle of a stream
        self.stories: dict[int, _Story] = {}
        self._active: OrderedDict[int, float] = OrderedDict()  # story id -> last time, least recent first
        self._postings: dict[Term, dict[int, None]] = {}
        self._doc_story: dict[int, int] = {}  # article id -> story, for articles of live stories
        dd = {**DEFAULT_PARAMS["dedup"], **p["dedup"]}
        self.dedup = Deduplicator(self.window, num_perm=dd["num_perm"], jaccard=dd["jaccard"],
                                  containment=dd["containment"], lsh_threshold=dd["lsh_threshold"],
                                  lsh_bands=tuple(dd["lsh_bands"]) if dd.get("lsh_bands") else None)

    # ------------------------------------------------------------------ public API
    def assign(self, doc: ClusterDoc | PreparedDoc, explain: bool = False) -> Assignment:
        """Decide where ``doc`` goes, update the state, and return the decision.

        Feeding an article already in the window again changes nothing and returns its story.
        ``doc`` may come prepared (:func:`prepare`, e.g. by :meth:`assign_all`'s workers).
        """
        known = self._doc_story.get(doc.article_id)
        if known is not None:
            return Assignment(doc.article_id, known, False, None, None, None, (),
                              {"decision": "already assigned"} if explain else {})
        d = self._vectorise(doc if isinstance(doc, PreparedDoc) else self._prepared(doc))
        dup = self.dedup.process(d.id, d.t, d.size, d.sig, d.exact)
        info: dict = {}
        if dup.duplicate_of is not None and self._doc_story.get(dup.duplicate_of) in self.stories:
            sid = self._doc_story[dup.duplicate_of]
            self._add(d, sid)
            if explain:
                info = {"decision": "duplicate", "duplicate_of": dup.duplicate_of, "similarity": dup.similarity}
            return Assignment(d.id, sid, False, 1.0, dup.duplicate_of, dup.similarity, (), info)
        scored = self._score(d, full=explain)
        p = self.params
        merged: tuple[int, ...] = ()
        if scored and scored[0][1] >= p["threshold"]:
            sid, score = scored[0][0], scored[0][1]
            is_new = False
            for other, pr, _ in scored[1:]:
                if pr < p["merge_threshold"] or other == sid or other not in self.stories:
                    continue
                if self._story_similarity(self.stories[sid], self.stories[other]) >= p["merge_similarity"]:
                    survivor = self._merge(sid, other)
                    merged += (other if survivor == sid else sid,)
                    sid = survivor
            self._add(d, sid)
        else:
            sid = self._new_story(d.t)
            score = scored[0][1] if scored else 0.0
            is_new = True
            self._add(d, sid)
        if explain:
            info = {
                "decision": "new story" if is_new else "joined",
                "threshold": p["threshold"],
                "candidates": [{"story_id": s, "p": round(pr, 4), "features": {k: round(v, 4) for k, v in f.items()}}
                               for s, pr, f in scored[:5]],
                "near_duplicate": {"article_id": dup.near, "similarity": dup.similarity} if dup.near else None,
            }
        dup_sim = dup.similarity if dup.near is not None else None
        return Assignment(d.id, sid, is_new, round(float(score), 6), None, dup_sim, merged, info)

    def assign_all(self, docs: Iterable[ClusterDoc], workers: int = 0, chunksize: int = 64) -> Iterator[Assignment]:
        """:meth:`assign` each document in order, yielding the decisions (the same ones).

        ``workers`` > 0: that many processes :func:`prepare` the documents ahead of the engine (the
        text features and sketches are about half of the CPU time and need no state), so on a
        multi-core machine the engine only does the sequential part. At most ``2 * workers + 1``
        chunks of ``chunksize`` documents are in flight, so memory does not grow with the stream.
        Worth it from a few hundred documents (a worker process takes a fraction of a second to start).
        """
        if workers <= 0:
            for doc in docs:
                yield self.assign(doc)
            return
        import multiprocessing

        ctx = multiprocessing.get_context("spawn")  # no fork: the caller may run threads (web server)
        job = partial(_prepare_chunk, terms=self._terms, num_perm=self.dedup.num_perm, seed=self.dedup.seed)
        source = iter(docs)
        with ctx.Pool(workers) as pool:
            pending: deque = deque()

            def submit() -> None:
                chunk = list(islice(source, chunksize))
                if chunk:
                    pending.append(pool.apply_async(job, (chunk,)))

            for _ in range(2 * workers + 1):
                submit()
            while pending:
                prepared = pending.popleft().get()
                submit()
                for prep in prepared:
                    yield self.assign(prep)

    def observe(self, doc: ClusterDoc, story_id: int) -> None:
        """Seed the engine with an article already assigned to ``story_id`` (warm-up before re-clustering)."""
        if doc.article_id in self._doc_story:
            return
        d = self._vectorise(self._prepared(doc))
        self.dedup.process(d.id, d.t, d.size, d.sig, d.exact)
        if story_id not in self.stories:
            self._create(story_id, d.t)
        self.next_story_id = max(self.next_story_id, story_id + 1)
        self._add(d, story_id)

    def follow_merge(self, old: int, into: int) -> None:
        """Another writer merged story ``old`` into ``into`` in the store: do the same here."""
        s = self.stories.get(old)
        if s is None or old == into:
            return
        if into in self.stories:
            self._merge(into, old, keep=into)
            return
        self._unindex(s)
        del self.stories[old]
        self._active.pop(old, None)
        s.id = into
        self.stories[into] = s
        self._active[into] = s.last
        for m, _ in s.members:
            if self._doc_story.get(m) == old:
                self._doc_story[m] = into
        self.next_story_id = max(self.next_story_id, into + 1)
        self._reindex(s)

    def train_step(self, doc: ClusterDoc, story_id: int) -> tuple[list[tuple[int, dict]], list[tuple[int, dict]]]:
        """For fitting: the candidates of ``doc`` with their features, then observe it in ``story_id``.

        Returns (candidates, candidates without ``story_id``): the second list is what the engine
        would see if the article's story did not exist yet (the first article of a new event).
        """
        d = self._vectorise(self._prepared(doc))
        self.dedup.process(d.id, d.t, d.size, d.sig, d.exact)
        cands = [(s, f) for s, _, f in self._score(d, full=True)]
        if any(s == story_id for s, _ in cands):
            without = [(s, f) for s, _, f in self._score(d, exclude=story_id, full=True)]
        else:
            without = []
        if story_id not in self.stories:
            self._create(story_id, d.t)
        self.next_story_id = max(self.next_story_id, story_id + 1)
        self._add(d, story_id)
        return cands, without

    def story_of(self, article_id: int) -> int | None:
        """The story of an article still in the window."""
        return self._doc_story.get(article_id)

    def stats(self) -> dict:
        return {"active_stories": len(self.stories), "articles_in_window": len(self._doc_story),
                "indexed_terms": len(self._postings), "dedup_entries": len(self.dedup),
                "documents_seen": self._ndocs, "next_story_id": self.next_story_id}

    # ------------------------------------------------------------------ features
    def _prepared(self, doc: ClusterDoc) -> PreparedDoc:
        return prepare(doc, self._terms, self.dedup.num_perm, self.dedup.seed)

    def _vectorise(self, prep: PreparedDoc) -> _Doc:
        """The engine's view of a prepared document: TF-IDF vectors with the stream's current df."""
        t = _ts(prep.time)
        if t > self.now:
            self.now = t
            self._expire()
        # count the document first, so a term's first occurrence has idf log((N+1)/2) + 1
        self._df[prep.distinct_buckets] += 1  # distinct buckets: like np.add.at over np.unique
        self._ndocs += 1
        df = self._df[prep.buckets].astype(np.float64) + prep.prior
        idf = np.log((self._ndocs + self._prior_docs + 1.0) / (df + 1.0)) + 1.0
        vocab = prep.vocab
        nb, ne = prep.n_body, len(vocab) - prep.n_entities
        top = self._ranked
        ek, ew, etk, etw = sparse.unit(vocab[ne:], prep.entity_tf * idf[ne:], top)
        bk, bw, btk, btw = sparse.unit(vocab[:nb], prep.body_tf * idf[:nb], top)
        ti = prep.title_idx
        tk, tw, _, _ = sparse.unit(vocab[ti], prep.title_tf * idf[ti], 0)
        return _Doc(prep.article_id, prep.source, t, (tk, tw), (bk, bw), (ek, ew), sparse.select(ek, ew, vocab[prep.lead_idx]),
                    sparse.select(ek, ew, vocab[prep.number_idx]), prep.n_shingles, prep.signature, prep.exact,
                    (btk, btw), (etk, etw))

    def _candidates(self, d: _Doc) -> list[_Story]:
        p = self.params
        cap = p["posting_cap"]
        q = p["query_terms"]
        bq, eq = d.btop[0][:q].tolist(), d.etop[0][:q].tolist()
        query = bq + eq
        weights = {**dict(zip(bq, d.btop[1][:q].tolist())), **dict(zip(eq, d.etop[1][:q].tolist()))}
        score: dict[int, float] = {}
        for term in query:
            post = self._postings.get(term)
            if not post:
                continue
            # score[sid] += w for the cap most recent stories of the posting (distinct ids), in C
            ids = list(islice(reversed(post), cap))
            score.update(zip(ids, map(add, map(score.get, ids, repeat(0.0)), repeat(weights[term]))))
        best = sorted(score.items(), key=_second, reverse=True)[: p["candidates"]]
        return [self.stories[s] for s, _ in best]

    def _score(self, d: _Doc, exclude: int | None = None,
               full: bool = True) -> list[tuple[int, float, dict[str, float]]]:
        """Candidates as (story id, probability, features), best first (``exclude``: leave one story out).

        ``full``: every feature of every candidate (for explain and fitting); else only what the
        decision needs (same probabilities, fewer entries in the feature dicts).
        """
        cands = [s for s in self._candidates(d) if s.id != exclude]
        if not cands:
            return []
        tv, bv, ev = d.tv, d.bv, d.ev
        ek, ew = ev
        ent_total = float(ew.sum()) or 1.0
        nk, nw = d.nums
        num_total = float(nw.sum())
        lk, lw = d.lead
        lead_total = float(lw.sum())
        raw = []
        min_body = self._min_body
        extra_on = self._extra
        all_cos = full or self._need_gaps
        member = None if full else self._need_member
        bodies = [_cos(bv, s.body, s.bnorm) for s in cands]
        deep = self.params["deep_candidates"]
        if not full and deep and len(cands) > deep:
            # Only the closest stories by body get the costly features: a story outside the top few
            # by content is not the one an article joins (checked on ECB+: same F1), and this keeps
            # the per-article cost flat as the window fills with stories sharing common terms.
            cut = sorted(bodies, reverse=True)[deep - 1]
            shallow = [b < cut for b in bodies]
        else:
            shallow = [False] * len(cands)
        for s, body, skip in zip(cands, bodies, shallow):
            if (body < min_body or skip) and not all_cos:  # cannot join: nothing else is needed
                raw.append((0.0, body, 0.0, 0.0, 0.0, 0.0, 0.0, s, None))
                continue
            ents = s.ents
            title, ent = _cos(tv, s.title, s.tnorm), _cos(ev, ents, s.enorm)
            if body < min_body or skip:  # below the content floor (or far behind): skip the costly features
                raw.append((title, body, ent, 0.0, 0.0, 0.0, 0.0, s, None))
                continue
            sk = ents[0]
            cov = sparse.shared_sum(ek, ew, sk) / ent_total
            ncov = sparse.shared_sum(nk, nw, sk) / num_total if num_total else 0.0
            lcov = sparse.shared_sum(lk, lw, sk) / lead_total if lead_total else 0.0
            top_k, top_w = s.top_ents
            stot = float(top_w.sum())
            scov = sparse.shared_sum(top_k, top_w, ek) / stot if stot else 0.0
            extra = self._member_features(d, s, lead_total, member) if extra_on else _NO_EXTRA
            raw.append((title, body, ent, cov, ncov, lcov, scov, s, extra))
        # "gap" features: own cosine minus the best cosine among the other candidates
        others_best = []
        for col in (0, 1, 2):
            vals = [r[col] for r in raw]
            if len(vals) < 2:
                others_best.append((-1, 0.0, 0.0))
                continue
            i1 = max(range(len(vals)), key=vals.__getitem__)
            others_best.append((i1, vals[i1], max(vals[:i1] + vals[i1 + 1:])))
        (ti, tm1, tm2), (bi, bm1, bm2), (ei, em1, em2) = others_best
        out = []
        rows = []
        decay = self.params["time_decay_per_day"]
        feats = self._features
        for i, (title, body, ent, cov, ncov, lcov, scov, s, extra) in enumerate(raw):
            tg = title - (tm2 if i == ti else tm1)
            bg = body - (bm2 if i == bi else bm1)
            eg = ent - (em2 if i == ei else em1)
            f = {"title": title, "body": body, "ent": ent, "ent_cov": cov, "num_cov": ncov, "lead_cov": lcov,
                 "story_cov": scov, "title_gap": tg,
                 "body_gap": bg, "ent_gap": eg, "size": math.log1p(s.n), **(extra or {})}
            gap_days = max(0.0, d.t - s.last) / 86400.0
            f["gap_days"] = gap_days
            if extra is not None:
                rows.append((len(out), [f[k] for k in feats]))
            out.append((s.id, 0.0, f))
        if rows:
            z = (np.array([r for _, r in rows], dtype=float) - self._mean) / self._scale
            coef, intercept = self._coef, self.params["intercept"]
            for (j, _), zrow in zip(rows, z):
                sid, _, f = out[j]
                logit = float(zrow @ coef) + intercept - decay * f["gap_days"]
                prob = 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, logit))))
                out[j] = (sid, prob, f)
        out.sort(key=_second, reverse=True)
        return out

    def _member_features(self, d: _Doc, s: _Story, lead_total: float,
                         need: frozenset[str] | None = None) -> dict[str, float]:
        """Features from the story's members rather than its centroid.

        core_ent / core_term: share of the weight of the entities / terms that most of the story's
        articles use (the event's own names: "Rahman" in one Klitschko fight, "Thompson" in the next)
        which the article uses too. lead_novel: share of the article's lead entities that no member
        names. mem_body / mem_ent: best cosine with one of the latest members (a story is often a
        chain of close rewrites, which a centroid blurs). ``need``: compute only these (None: all).
        """
        ek, ew = d.ev
        bk, bw = d.bv
        if s.core_e is None:
            self._recore(s)
        ce_k, ce_w, ce_c = s.core_e
        tot_e = float(ce_w.sum())
        out: dict[str, float] = {}
        if need is None or "core_ent" in need:
            out["core_ent"] = sparse.shared_sum(ce_k, ce_w, ek) / tot_e if tot_e else 0.0
        if need is None or "core_term" in need:
            ct_k, ct_w, _ = s.core_t
            tot = float(ct_w.sum())
            out["core_term"] = sparse.shared_sum(ct_k, ct_w, bk) / tot if tot else 0.0
        edf_k, edf_c = s.edf
        if need is None or "lead_novel" in need:
            lk, lw = d.lead
            out["lead_novel"] = (lead_total - sparse.shared_sum(lk, lw, edf_k)) / lead_total if lead_total else 0.0
        if need is not None and not need & {"mem_body", "mem_ent", "llr_ent", "llr_title", "miss_core"}:
            return out
        mb = me = 0.0
        dot = sparse.dot
        for vbk, vbw, vek, vew in s.mvecs:
            mb = max(mb, dot(bk, bw, vbk, vbw))
            me = max(me, dot(ek, ew, vek, vew))
        # Story "language model" evidence, which grows with the story: how many of its n members use
        # each of the article's salient entities / title terms (a name none of 10 members uses is
        # stronger evidence against than one a single-article story lacks), and the story's core
        # entities the article does not name.
        n = s.n
        denom = math.log(n + 0.7)
        llr_e = sparse.log_ratio(ek, ew, edf_k, edf_c, denom)
        llr_t = sparse.log_ratio(d.tv[0], d.tv[1], s.tdf[0], s.tdf[1], denom)
        miss = sparse.missing_core(ce_k, ce_w, ce_c, ek, n)
        out.update(mem_body=mb, mem_ent=me, llr_ent=llr_e, llr_title=llr_t, miss_core=miss)
        return out

    def _recore(self, s: _Story) -> None:
        """Refresh the story's core entities/terms (used by most members) after its members changed."""
        need, n = self.params["core_share"] * s.n, s.n
        s.core_e = sparse.core(s.edf[0], s.edf[1], s.ents[0], s.ents[1], need, n)
        s.core_t = sparse.core(s.tdf[0], s.tdf[1], s.body[0], s.body[1], need, n)

    def _story_similarity(self, a: _Story, b: _Story) -> float:
        body = sparse.dot(*a.body, *b.body) / (a.bnorm * b.bnorm) if a.bnorm and b.bnorm else 0.0
        ents = sparse.dot(*a.ents, *b.ents) / (a.enorm * b.enorm) if a.enorm and b.enorm else 0.0
        return 0.5 * (body + ents)

    # ------------------------------------------------------------------ state changes
    def _new_story(self, t: float) -> int:
        sid = self.next_story_id
        self.next_story_id += 1
        self._create(sid, t)
        return sid

    def _create(self, sid: int, t: float) -> _Story:
        s = self.stories[sid] = _Story(sid, t)
        self._active[sid] = t
        return s

    def _add(self, d: _Doc, sid: int) -> None:
        p = self.params
        s = self.stories[sid]
        s.n += 1
        s.last = max(s.last, d.t)
        s.first = min(s.first, d.t)
        s.title, s.tnorm = _add_into(s.title, d.tv, p["story_title_terms"])
        s.body, s.bnorm = _add_into(s.body, d.bv, p["story_terms"])
        s.ents, s.enorm = _add_into(s.ents, d.ev, p["story_entities"])
        if self._extra:
            s.edf = _count_into(s.edf, d.ev[0], 4 * p["story_entities"])
            s.tdf = _count_into(s.tdf, d.bv[0], 4 * p["story_terms"])
            k = p["member_terms"]
            s.mvecs.append(sparse.sorted_top(*d.btop, k) + sparse.sorted_top(*d.etop, k))
            if len(s.mvecs) > p["member_vectors"]:
                del s.mvecs[0]
        s.members.append((d.id, d.t))
        self._doc_story[d.id] = sid
        if s.members[0][1] < self.now - self.window:  # a long-running story forgets its old articles
            limit = self.now - self.window
            keep = [(a, t) for a, t in s.members if t >= limit]
            for a, _ in s.members:
                if _ < limit and self._doc_story.get(a) == sid:
                    del self._doc_story[a]
            s.members = keep
        self._active[sid] = s.last
        self._active.move_to_end(sid)
        self._reindex(s)
        s.core_e = s.core_t = None

    def _key_entities(self, s: _Story) -> list[Term]:
        """The story's ``key_entities`` most weighted entities, best first (indexed); keeps the first
        ``story_top_entities`` of them, with their weights, as ``s.top_ents``."""
        top_ents = _top(s.ents, self.params["key_entities"])
        s.top_ents = sparse.select(*s.ents, np.asarray(top_ents[: self.params["story_top_entities"]], dtype=sparse.KEYS))
        return top_ents

    def _reindex(self, s: _Story) -> None:
        p = self.params
        keys = tuple(_top(s.body, p["key_terms"]) + self._key_entities(s))
        for k in set(s.keys) - set(keys):
            post = self._postings.get(k)
            if post is not None:
                post.pop(s.id, None)
                if not post:
                    del self._postings[k]
        cap = 4 * p["posting_cap"]
        for k in keys:
            post = self._postings.get(k)
            if post is None:
                post = self._postings[k] = {}
            else:
                post.pop(s.id, None)
            post[s.id] = None
            if len(post) > cap:
                del post[next(iter(post))]
        s.keys = keys

    def _unindex(self, s: _Story) -> None:
        for k in s.keys:
            post = self._postings.get(k)
            if post is not None:
                post.pop(s.id, None)
                if not post:
                    del self._postings[k]
        s.keys = ()

    def _merge(self, a: int, b: int, keep: int | None = None) -> int:
        """Merge stories a and b; ``keep`` survives, else the larger one (older on ties). Returns the survivor."""
        sa, sb = self.stories[a], self.stories[b]
        if keep == sb.id or (keep is None and (sb.n, -sb.id) > (sa.n, -sa.id)):
            sa, sb = sb, sa
        p = self.params
        sa.title, sa.tnorm = _add_into(sa.title, sb.title, p["story_title_terms"])
        sa.body, sa.bnorm = _add_into(sa.body, sb.body, p["story_terms"])
        sa.ents, sa.enorm = _add_into(sa.ents, sb.ents, p["story_entities"])
        sa.n += sb.n
        sa.first, sa.last = min(sa.first, sb.first), max(sa.last, sb.last)
        sa.edf = _add_into(sa.edf, sb.edf, 4 * p["story_entities"])[0]
        sa.tdf = _add_into(sa.tdf, sb.tdf, 4 * p["story_terms"])[0]
        sa.mvecs = (sa.mvecs + sb.mvecs)[-p["member_vectors"]:]
        sa.core_e = sa.core_t = None
        for m, _ in sb.members:
            if self._doc_story.get(m) == sb.id:
                self._doc_story[m] = sa.id
        sa.members = sorted(sa.members + sb.members, key=lambda m: m[1])
        self._unindex(sb)
        del self.stories[sb.id]
        self._active.pop(sb.id, None)
        self._active[sa.id] = sa.last
        self._active.move_to_end(sa.id)
        self._reindex(sa)
        return sa.id

    def _expire(self) -> None:
        limit = self.now - self.window
        while self._active:
            sid, last = next(iter(self._active.items()))
            if last >= limit:
                break
            self._active.popitem(last=False)
            s = self.stories.pop(sid, None)
            if s is not None:
                self._unindex(s)
                for aid, _ in s.members:
                    if self._doc_story.get(aid) == sid:
                        del self._doc_story[aid]
        self.dedup.expire(self.now)

    # ------------------------------------------------------------------ persistence
    def to_bytes(self) -> bytes:
        """The whole engine state (bounded by the window), for storing next to the assignments."""
        stories = [[s.id, s.first, s.last, s.n, _pack(s.title), _pack(s.body), _pack(s.ents), list(s.keys), s.members,
                    _pack(s.edf), _pack(s.tdf), [_pack(m[:2]) + _pack(m[2:]) for m in s.mvecs]]
                   for s in self.stories.values()]
        state = {
            "version": _STATE_VERSION,
            "params": json.dumps(self.params, sort_keys=True),
            "window_hours": self.window_hours,
            "next_story_id": self.next_story_id,
            "now": self.now,
            "ndocs": self._ndocs,
            "df": self._df.tobytes(),
            "stories": stories,
            "active": list(self._active.items()),
            "postings": {k: list(v) for k, v in self._postings.items()},
            "doc_story": list(self._doc_story.items()),
            "dedup": self.dedup.state(),
        }
        return zlib.compress(pickle.dumps(state, protocol=5), 3)

    @classmethod
    def from_bytes(cls, data: bytes, params: dict | None = None) -> "OnlineClusterer":
        """Restore an engine from :meth:`to_bytes`. ``params`` overrides the stored model (e.g. a refit)."""
        state = _SafeUnpickler(io.BytesIO(zlib.decompress(data))).load()
        if state.get("version") != _STATE_VERSION:
            raise ValueError(f"cluster state version {state.get('version')} is not {_STATE_VERSION}")
        stored = json.loads(state["params"])
        eng = cls(params if params is not None else stored, state["window_hours"], state["next_story_id"])
        eng.now = state["now"]
        eng._ndocs = state["ndocs"]
        if int(stored["df_bits"]) == eng._bits:
            eng._df = np.frombuffer(state["df"], dtype=np.uint32).copy()
        for sid, first, last, n, title, body, ents, keys, members, edf, tdf, mvecs in state["stories"]:
            s = _Story(sid, first)
            s.last, s.n, s.keys = last, n, tuple(keys)
            s.title, s.body, s.ents, s.edf, s.tdf = map(_unpack, (title, body, ents, edf, tdf))
            s.mvecs = [_unpack(m[:2]) + _unpack(m[2:]) for m in mvecs]
            eng._key_entities(s)  # the index keys come from the state; top_ents as _reindex sets them
            s.members = [tuple(m) for m in members]
            s.tnorm, s.bnorm, s.enorm = (sparse.norm(v[1]) for v in (s.title, s.body, s.ents))
            eng.stories[sid] = s
        eng._active = OrderedDict(state["active"])
        eng._postings = {k: dict.fromkeys(v) for k, v in state["postings"].items()}
        eng._doc_story = dict(state["doc_story"])
        eng.dedup = Deduplicator.from_state(state["dedup"])
        return eng
