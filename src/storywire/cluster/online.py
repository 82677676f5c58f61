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
from operator import add, itemgetter, mul
from pathlib import Path
from typing import Iterable, Iterator

import numpy as np

from ..models import Assignment
from .dedup import Deduplicator
from .prepare import ClusterDoc, MemoTable, PreparedDoc, prepare, term_table

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
_STATE_VERSION = 2  # 2: terms keyed by id (CRC-32), not by string


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


class _Doc:
    __slots__ = ("id", "source", "t", "tv", "bv", "ev", "lead", "nums", "size", "sig", "exact", "btop", "etop")

    def __init__(self, id, source, t, tv, bv, ev, lead, nums, size, sig, exact, btop, etop):
        self.id, self.source, self.t, self.tv, self.bv, self.ev = id, source, t, tv, bv, ev
        self.lead, self.nums, self.size, self.sig, self.exact = lead, nums, size, sig, exact
        self.btop, self.etop = btop, etop  # the most weighted body terms / entities, best first


class _Story:
    __slots__ = ("id", "first", "last", "n", "title", "body", "ents", "tnorm", "bnorm", "enorm", "keys", "top_ents",
                 "members", "edf", "tdf", "mvecs", "core_e", "core_t")

    def __init__(self, sid: int, t: float):
        self.id, self.first, self.last, self.n = sid, t, t, 0
        self.title: dict[Term, float] = {}
        self.body: dict[Term, float] = {}
        self.ents: dict[Term, float] = {}
        self.tnorm = self.bnorm = self.enorm = 0.0
        self.keys: tuple[Term, ...] = ()
        self.top_ents: tuple[Term, ...] = ()  # the story's most weighted entities
        self.members: list[tuple[int, float]] = []  # (article id, time), within the window
        self.edf: dict[Term, int] = {}  # entity -> number of member articles naming it (pruned)
        self.tdf: dict[Term, int] = {}  # content term -> number of member articles using it (pruned)
        self.mvecs: list[tuple[dict, dict]] = []  # (body, entities) vectors of the latest members, pruned
        # entities / content terms most members use, with their weight; None: to recompute (lazily:
        # most stories change far more often than their member features are needed)
        self.core_e: tuple[tuple[Term, float], ...] | None = None
        self.core_t: tuple[tuple[Term, float], ...] | None = None


# Speed notes (the engine must do hundreds of articles a second on one core). The sparse vectors
# are dicts; the helpers below do their loops in C (map/zip/comprehensions over shared keys) but
# keep the exact order of the float operations of the plain loops they replace, so results do
# not depend on the optimisation. Sorting by weight is ``reverse=True`` on a C key (stable, so
# ties keep insertion order exactly like ``key=-weight``).


def _norm(v: dict[Term, float]) -> float:
    vals = v.values()
    return math.sqrt(sum(map(mul, vals, vals)))


def _dot(a: dict[Term, float], b: dict[Term, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    # only shared keys contribute (all weights are positive: a missing key would add +0.0)
    return sum([x * b[k] for k, x in a.items() if k in b], 0.0)


def _cos(a: dict[Term, float], b: dict[Term, float], bnorm: float) -> float:
    """Cosine of a unit vector ``a`` with ``b`` (norm ``bnorm``)."""
    return _dot(a, b) / bnorm if bnorm > 0 and a else 0.0


def _add_into(c: dict[Term, float], v: dict[Term, float], keep: int) -> None:
    # c[k] = c.get(k, 0.0) + x for each (k, x) of v, in v's order (keys of v are distinct)
    c.update(zip(v, map(add, map(c.get, v, repeat(0.0)), v.values())))
    if len(c) > 2 * keep:
        top = sorted(c.items(), key=_second, reverse=True)[:keep]
        c.clear()
        c.update(top)


def _count_into(c: dict[Term, int], keys: dict, keep: int) -> None:
    """Add the counts of a dict of counts, else one per key of a dict (a vector: its terms are
    distinct), into ``c``; prune to the ``keep`` most counted."""
    if keys and isinstance(next(iter(keys.values())), int):
        c.update(zip(keys, map(add, map(c.get, keys, repeat(0)), keys.values())))
    else:
        c.update(zip(keys, map(add, map(c.get, keys, repeat(0)), repeat(1))))
    if len(c) > 2 * keep:
        top = sorted(c.items(), key=_second, reverse=True)[:keep]
        c.clear()
        c.update(top)


def _unit_top(v: dict[Term, float], n: int, ranked: list[Term]) -> dict[Term, float]:
    """The ``n`` largest components of ``v`` (``ranked``: its keys by weight), renormalised to unit length."""
    if len(v) > n:
        v = {k: v[k] for k in ranked[:n]}
    norm = _norm(v)
    return {k: x / norm for k, x in v.items()} if norm > 0 else {}


_NO_EXTRA: dict[str, float] = {}
_second = itemgetter(1)


_LLR = MemoTable(lambda c: math.log(c + 0.2))  # member count c -> log(c + 0.2), for the llr features


def _core(counts: dict[Term, int], centroid: dict[Term, float], need: float, n: int) -> tuple[tuple[Term, float], ...]:
    """(key, centroid weight / n) of the keys counted at least ``need`` times that the centroid
    still holds, in the counts' order. The counts are filtered with numpy: a story keeps hundreds."""
    keys = list(counts)
    hits = np.flatnonzero(np.fromiter(counts.values(), dtype=np.float64, count=len(keys)) >= need).tolist()
    return tuple([(k, centroid[k] / n) for k in map(keys.__getitem__, hits) if k in centroid])


def _top(v: dict[Term, float], n: int) -> list[Term]:
    return sorted(v, key=v.__getitem__, reverse=True)[:n]


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
    @staticmethod
    def _unit(terms: list[Term], w: np.ndarray, top: int = 0) -> tuple[dict[Term, float], list[Term]]:
        """The weights scaled to unit length (the norm summed in order, like a plain loop would),
        and the ``top`` most weighted terms, best first (ties in term order, like a stable sort)."""
        vals = w.tolist()
        n = math.sqrt(sum(map(mul, vals, vals)))
        if not n > 0:
            return {}, []
        u = w / n
        ranked = list(map(terms.__getitem__, np.argsort(-u, kind="stable")[:top].tolist())) if top else []
        return dict(zip(terms, u.tolist())), ranked

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
        vocab = prep.vocab.tolist()
        nb, ne = prep.n_body, len(vocab) - prep.n_entities
        top = self._ranked
        ev, etop = self._unit(vocab[ne:], prep.entity_tf * idf[ne:], top)
        bv, btop = self._unit(vocab[:nb], prep.body_tf * idf[:nb], top)
        tv, _ = self._unit(list(map(vocab.__getitem__, prep.title_idx.tolist())), prep.title_tf * idf[prep.title_idx])
        lead = {k: ev[k] for k in map(vocab.__getitem__, prep.lead_idx.tolist()) if k in ev}
        nums = {k: ev[k] for k in map(vocab.__getitem__, prep.number_idx.tolist()) if k in ev}
        return _Doc(prep.article_id, prep.source, t, tv, bv, ev, lead, nums, prep.n_shingles, prep.signature,
                    prep.exact, btop, etop)

    def _candidates(self, d: _Doc) -> list[_Story]:
        p = self.params
        cap = p["posting_cap"]
        query = d.btop[: p["query_terms"]] + d.etop[: p["query_terms"]]
        weights = {**{k: d.bv[k] for k in query if k in d.bv}, **{k: d.ev[k] for k in query if k in d.ev}}
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
        tv, bv, ev, lead = d.tv, d.bv, d.ev, d.lead
        ent_total = sum(ev.values()) or 1.0
        nums = d.nums
        num_total = sum(nums.values())
        lead_total = sum(lead.values())
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
            cov = sum([x for k, x in ev.items() if k in ents]) / ent_total
            ncov = sum([x for k, x in nums.items() if k in ents]) / num_total if num_total else 0.0
            lcov = sum([x for k, x in lead.items() if k in ents]) / lead_total if lead_total else 0.0
            top = s.top_ents
            stot = sum([ents[k] for k in top])
            scov = sum([ents[k] for k in top if k in ev]) / stot if stot else 0.0
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
        ev, bv = d.ev, d.bv
        edf = s.edf
        if s.core_e is None:
            self._recore(s)
        tot_e = sum([w for _, w in s.core_e])
        out: dict[str, float] = {}
        if need is None or "core_ent" in need:
            out["core_ent"] = sum([w for k, w in s.core_e if k in ev]) / tot_e if tot_e else 0.0
        if need is None or "core_term" in need:
            tot = sum([w for _, w in s.core_t])
            out["core_term"] = sum([w for k, w in s.core_t if k in bv]) / tot if tot else 0.0
        if need is None or "lead_novel" in need:
            out["lead_novel"] = (sum([x for k, x in d.lead.items() if k not in edf]) / lead_total
                                 if lead_total else 0.0)
        if need is not None and not need & {"mem_body", "mem_ent", "llr_ent", "llr_title", "miss_core"}:
            return out
        mb = me = 0.0
        for vb, ve in s.mvecs:
            mb = max(mb, _dot(bv, vb))
            me = max(me, _dot(ev, ve))
        # Story "language model" evidence, which grows with the story: how many of its n members use
        # each of the article's salient entities / title terms (a name none of 10 members uses is
        # stronger evidence against than one a single-article story lacks), and the story's core
        # entities the article does not name.
        n = s.n
        denom = math.log(n + 0.7)
        tot = sum(ev.values())
        llr_e = sum([x * (lg - denom) for x, lg in zip(ev.values(), map(_LLR.__getitem__, map(edf.get, ev, repeat(0))))]
                    ) / tot if tot else 0.0
        tdf = s.tdf
        tv = d.tv
        tot = sum(tv.values())
        llr_t = sum([x * (lg - denom) for x, lg in zip(tv.values(), map(_LLR.__getitem__, map(tdf.get, tv, repeat(0))))]
                    ) / tot if tot else 0.0
        tot = tot_e
        miss = 0.0
        if tot:
            for k, w in s.core_e:
                if k not in ev:
                    miss += w * math.log(1.0 - edf[k] / (n + 1.0))
            miss /= tot
        out.update(mem_body=mb, mem_ent=me, llr_ent=llr_e, llr_title=llr_t, miss_core=miss)
        return out

    def _recore(self, s: _Story) -> None:
        """Refresh the story's core entities/terms (used by most members) after its members changed."""
        need, n = self.params["core_share"] * s.n, s.n
        s.core_e = _core(s.edf, s.ents, need, n)
        s.core_t = _core(s.tdf, s.body, need, n)

    def _story_similarity(self, a: _Story, b: _Story) -> float:
        body = _dot(a.body, b.body) / (a.bnorm * b.bnorm) if a.bnorm and b.bnorm else 0.0
        ents = _dot(a.ents, b.ents) / (a.enorm * b.enorm) if a.enorm and b.enorm else 0.0
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
        _add_into(s.title, d.tv, p["story_title_terms"])
        _add_into(s.body, d.bv, p["story_terms"])
        _add_into(s.ents, d.ev, p["story_entities"])
        s.tnorm, s.bnorm, s.enorm = _norm(s.title), _norm(s.body), _norm(s.ents)
        if self._extra:
            _count_into(s.edf, d.ev, 4 * p["story_entities"])
            _count_into(s.tdf, d.bv, 4 * p["story_terms"])
            k = p["member_terms"]
            s.mvecs.append((_unit_top(d.bv, k, d.btop), _unit_top(d.ev, k, d.etop)))
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

    def _reindex(self, s: _Story) -> None:
        p = self.params
        top_ents = _top(s.ents, p["key_entities"])
        s.top_ents = tuple(top_ents[: p["story_top_entities"]])
        keys = tuple(_top(s.body, p["key_terms"]) + top_ents)
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

    def _merge(self, a: int, b: int) -> int:
        """Merge stories a and b; the larger one (older on ties) survives. Returns the survivor."""
        sa, sb = self.stories[a], self.stories[b]
        if (sb.n, -sb.id) > (sa.n, -sa.id):
            sa, sb = sb, sa
        p = self.params
        for attr, keep in (("title", p["story_title_terms"]), ("body", p["story_terms"]),
                           ("ents", p["story_entities"])):
            _add_into(getattr(sa, attr), getattr(sb, attr), keep)
        sa.tnorm, sa.bnorm, sa.enorm = _norm(sa.title), _norm(sa.body), _norm(sa.ents)
        sa.n += sb.n
        sa.first, sa.last = min(sa.first, sb.first), max(sa.last, sb.last)
        _count_into(sa.edf, sb.edf, 4 * p["story_entities"])
        _count_into(sa.tdf, sb.tdf, 4 * p["story_terms"])
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
        stories = [[s.id, s.first, s.last, s.n, s.title, s.body, s.ents, list(s.keys), s.members, s.edf, s.tdf,
                    [list(m) for m in s.mvecs]] for s in self.stories.values()]
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
        for sid, first, last, n, title, body, ents, keys, members, *more in state["stories"]:
            s = _Story(sid, first)
            if more:
                s.edf, s.tdf, s.mvecs = more[0], more[1], [tuple(m) for m in more[2]]
            s.last, s.n, s.title, s.body, s.ents, s.keys = last, n, title, body, ents, tuple(keys)
            s.top_ents = tuple(_top(ents, eng.params["key_entities"])[: eng.params["story_top_entities"]])
            s.members = [tuple(m) for m in members]
            s.tnorm, s.bnorm, s.enorm = _norm(title), _norm(body), _norm(ents)
            eng.stories[sid] = s
        eng._active = OrderedDict(state["active"])
        eng._postings = {k: dict.fromkeys(v) for k, v in state["postings"].items()}
        eng._doc_story = dict(state["doc_story"])
        eng.dedup = Deduplicator.from_state(state["dedup"])
        return eng
