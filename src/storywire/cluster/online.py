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
   score of stories quiet for a while. A headline-only article (no body) is scored by the model's
   second decision, fitted on headline-only articles (see :mod:`.scoring`);
5. merge: when a second candidate also scores above ``merge_threshold`` and its centroid is close to
   the chosen story's, the two are one story: the smaller is merged into the larger (never on the
   evidence of a headline-only article: its decision is fitted for joining, and a headline is thin
   evidence that two stories are one).

Stories keep incremental centroids (pruned to their top terms), keywords and entities, and are
dropped once quiet for two windows; so memory is bounded by the window, not the stream.

Time is the article's own (its publication time), never the arrival's. The caller streams articles
in time order (the pipeline sorts them); an article may still come later than newer ones (a late
arrival within the window), so an article at time t is compared only with stories it would not
stretch beyond the window: a story joins it only if t lies within ``window_hours`` of the story's
span, so in a story sorted by time no two consecutive articles are more than the window apart.
An undated article (time None) is placed at the engine's head, joins a story only on strong evidence
(a near-duplicate, or probability >= ``undated_threshold``) and never moves a story's time span; a
dated article joins a story of undated articles only on the same evidence.

:class:`OnlineClusterer` does the bookkeeping of the window (stories, their members, merges,
expiry) and composes the parts: :mod:`.vectors` (TF-IDF vectors with the stream's document
frequencies, step 2), :mod:`.index` (candidate retrieval, step 3), :mod:`.scoring` (features and
probability, step 4) and :mod:`.state` (snapshot and restore).
"""
from __future__ import annotations

import json
from collections import OrderedDict, deque
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from functools import partial
from importlib import resources
from itertools import islice
from pathlib import Path

from ..errors import ConfigError
from ..models import Assignment
from . import sparse, state
from .dedup import Deduplicator, DupResult
from .embed import Embedder, load_embedder
from .index import StoryIndex
from .prepare import ClusterDoc, PreparedDoc, prepare_batch
from .scoring import EMBEDDING_FEATURES, FEATURES, LEGACY_FEATURES, ScoredCandidate, Scorer, story_similarity
from .vectors import LiveStory, VectorDoc, Vectoriser

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
    "undated_threshold": 0.9,
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
    "min_emb": 1.01,  # the embedding cosine that passes the content floor on its own (above 1: never)
    "emb_candidates": 3,  # stories retrieved by embedding besides those sharing terms ...
    "short_shingles": 100,  # ... for articles with fewer distinct word 5-shingles than this (about 100 words)
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

_MODEL_FILE = "model.json"


def load_params(path: str | Path | None = None) -> dict:
    """Fitted parameters from a JSON file; empty/None: the model shipped with storywire. A file that is not
    a model this engine can score with is a ConfigError naming it."""
    try:
        if path:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        else:
            try:
                data = json.loads(resources.files(__package__).joinpath(_MODEL_FILE).read_text(encoding="utf-8"))
            except FileNotFoundError:
                data = {}
        params = {**DEFAULT_PARAMS, **data}
        Scorer(params)  # checks the features and both decisions
    except (OSError, ValueError, TypeError, KeyError) as exc:  # ValueError: also bad JSON, bad UTF-8
        where = path or f"the shipped {_MODEL_FILE}"
        raise ConfigError(f"{where}: not a cluster model this engine can use ({type(exc).__name__}: {exc})") from None
    return params


def _epoch(t: datetime | None) -> float | None:
    """Epoch seconds of an article time (naive: UTC; None: undated)."""
    if t is None:
        return None
    return (t if t.tzinfo else t.replace(tzinfo=UTC)).timestamp()


class OnlineClusterer:
    """Streaming story clustering. See the module docstring; :mod:`storywire.cluster` for the API."""

    def __init__(self, params: dict | None = None, window_hours: float = 72.0, next_story_id: int = 1,
                 embedder: Embedder | None = None) -> None:
        self.params = {**DEFAULT_PARAMS, **(params if params is not None else load_params())}
        p = self.params
        self.window_hours = float(window_hours)
        self.window = self.window_hours * 3600.0
        # Stories are kept for two windows after their last article, so a late article (older than the
        # head, within the window) still finds every story active around its own time.
        self.retain = 2.0 * self.window
        self.next_story_id = int(next_story_id)
        self.now = float("-inf")
        self.scorer = Scorer(p)
        # sentence embeddings when the model uses them: the given embedder, else the one `make` installs
        self.embedder = (embedder or load_embedder()) if EMBEDDING_FEATURES & set(p["features"]) else None
        self.vectoriser = Vectoriser(p)
        sparse.warm_up()  # compile (first run) or load the kernels now, not in the middle of a stream
        self.index = StoryIndex(p)
        self.stories: dict[int, LiveStory] = {}
        self._active: OrderedDict[int, float] = OrderedDict()  # story id -> last time, least recent first
        self._doc_story: dict[int, int] = {}  # article id -> story, for articles of live stories
        dd = {**DEFAULT_PARAMS["dedup"], **p["dedup"]}
        self.dedup = Deduplicator(self.retain, num_perm=dd["num_perm"], jaccard=dd["jaccard"],
                                  containment=dd["containment"], lsh_threshold=dd["lsh_threshold"],
                                  lsh_bands=tuple(dd["lsh_bands"]) if dd.get("lsh_bands") else None)

    # ------------------------------------------------------------------ public API
    def assign(self, doc: ClusterDoc | PreparedDoc, explain: bool = False) -> Assignment:
        """Decide where ``doc`` goes, update the state, and return the decision.

        Feeding an article already in the window again changes nothing and returns its story.
        ``doc`` may come prepared (:func:`prepare`, e.g. by :meth:`assign_all`'s workers).
        ``explain``: the decision, threshold, top candidates with probability and every feature value
        in ``Assignment.explain``.
        """
        known = self._doc_story.get(doc.article_id)
        if known is not None:
            return Assignment(doc.article_id, known, False, None, None, None, (),
                              {"decision": "already assigned"} if explain else {})
        d = self._vectorise(doc if isinstance(doc, PreparedDoc) else self._prepared(doc))
        dup = self.dedup.process(d.id, d.t, d.size, d.sig, d.exact)
        original = self.stories.get(self._doc_story.get(dup.duplicate_of, -1)) if dup.duplicate_of is not None \
            else None
        if original is not None and self._eligible(original, d):
            sid = original.id
            self._add(d, sid)
            info = {"decision": "duplicate", "duplicate_of": dup.duplicate_of, "similarity": dup.similarity}
            return Assignment(d.id, sid, False, 1.0, dup.duplicate_of, dup.similarity, (), info if explain else {})
        scored = self._score(d, full=explain)
        merged: tuple[int, ...] = ()
        if scored and scored[0].p >= self._threshold(d, self.stories[scored[0].story_id]):
            sid, merged = self._join_best(scored) if d.dated and not d.headline else (scored[0].story_id, ())
            score, is_new = scored[0].p, False
        else:
            sid = self._new_story(d)
            score, is_new = (scored[0].p if scored else 0.0), True
        self._add(d, sid)
        info = self._explanation(is_new, scored, dup, self.scorer.decision_for(d).threshold) if explain else {}
        dup_sim = dup.similarity if dup.near is not None else None
        return Assignment(d.id, sid, is_new, round(float(score), 6), None, dup_sim, merged, info)

    def assign_all(self, docs: Iterable[ClusterDoc], workers: int = 0, chunksize: int = 64) -> Iterator[Assignment]:
        """:meth:`assign` each document in order, yielding the decisions (the same ones), with
        :meth:`prepare_all`'s ``workers``."""
        for prep in self.prepare_all(docs, workers, chunksize):
            yield self.assign(prep)

    def prepare_all(self, docs: Iterable[ClusterDoc], workers: int = 0, chunksize: int = 64) -> Iterator[PreparedDoc]:
        """The documents :func:`prepare`-d for this engine (and any engine with the same model), in order.

        ``workers`` > 0: that many processes prepare the documents ahead of the engine (the text
        features and sketches are about half of the CPU time and need no state), so on a multi-core
        machine the engine only does the sequential part. At most ``2 * workers + 1`` chunks of
        ``chunksize`` documents are in flight, so memory does not grow with the stream. Worth it from a
        few hundred documents (a worker process takes a fraction of a second to start).
        """
        job = partial(prepare_batch, terms=self.vectoriser.terms, num_perm=self.dedup.num_perm,
                      seed=self.dedup.seed, embedder=self.embedder)
        source = iter(docs)
        if workers <= 0:
            while chunk := list(islice(source, chunksize)):
                yield from job(chunk)
            return
        import multiprocessing

        ctx = multiprocessing.get_context("spawn")  # no fork: the caller may run threads (web server)
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
                yield from prepared

    def observe(self, doc: ClusterDoc | PreparedDoc, story_id: int) -> None:
        """Seed the engine with an article already assigned to ``story_id`` (warm-up before re-clustering);
        ``doc`` may come prepared, like :meth:`assign`'s."""
        if doc.article_id in self._doc_story:
            return
        d = self._vectorise(doc if isinstance(doc, PreparedDoc) else self._prepared(doc))
        self.dedup.process(d.id, d.t, d.size, d.sig, d.exact)
        if story_id not in self.stories:
            self._create(story_id, d)
        self.next_story_id = max(self.next_story_id, story_id + 1)
        self._add(d, story_id)

    def follow_merge(self, old: int, into: int) -> None:
        """Another writer merged story ``old`` into ``into`` in the store: do the same here."""
        self.next_story_id = max(self.next_story_id, old + 1, into + 1)
        s = self.stories.get(old)
        if s is None or old == into:
            return
        if into in self.stories:
            self._merge(into, old, keep=into)
            return
        self.index.unindex(s)
        del self.stories[old]
        active = self._active.pop(old, s.last)
        s.id = into
        self.stories[into] = s
        self._active[into] = active
        for m, _ in s.members:
            if self._doc_story.get(m) == old:
                self._doc_story[m] = into
        self.next_story_id = max(self.next_story_id, into + 1)
        self.index.reindex(s)

    def train_step(self, doc: ClusterDoc | PreparedDoc, story_id: int
                   ) -> tuple[list[tuple[int, dict]], list[tuple[int, dict]]]:
        """For fitting: the candidates of ``doc`` with their features, then observe it in ``story_id``.

        Returns (candidates, candidates without ``story_id``): the second list is what the engine
        would see if the article's story did not exist yet (the first article of a new event).
        """
        d = self._vectorise(doc if isinstance(doc, PreparedDoc) else self._prepared(doc))
        self.dedup.process(d.id, d.t, d.size, d.sig, d.exact)
        cands = [(c.story_id, c.features) for c in self._score(d, full=True)]
        if any(s == story_id for s, _ in cands):
            without = [(c.story_id, c.features) for c in self._score(d, exclude=story_id, full=True)]
        else:
            without = []
        if story_id not in self.stories:
            self._create(story_id, d)
        self.next_story_id = max(self.next_story_id, story_id + 1)
        self._add(d, story_id)
        return cands, without

    def story_of(self, article_id: int) -> int | None:
        """The story of an article still in the window."""
        return self._doc_story.get(article_id)

    def stats(self) -> dict:
        return {"active_stories": len(self.stories), "articles_in_window": len(self._doc_story),
                "indexed_terms": len(self.index), "dedup_entries": len(self.dedup),
                "documents_seen": self.vectoriser.ndocs, "next_story_id": self.next_story_id}

    def to_bytes(self) -> bytes:
        """The whole engine state (bounded by the window), for storing next to the assignments."""
        return state.dump(self)

    @classmethod
    def from_bytes(cls, data: bytes, params: dict | None = None) -> OnlineClusterer:
        """Restore an engine from :meth:`to_bytes`. ``params`` overrides the stored model (e.g. a refit)."""
        return state.load(cls, data, params)

    # ------------------------------------------------------------------ decisions
    def _prepared(self, doc: ClusterDoc) -> PreparedDoc:
        return prepare_batch([doc], self.vectoriser.terms, self.dedup.num_perm, self.dedup.seed, self.embedder)[0]

    def _vectorise(self, prep: PreparedDoc) -> VectorDoc:
        """The engine's view of a prepared document (a dated one moves the head on to its time; an
        undated one is placed at the head)."""
        t = _epoch(prep.time)
        if t is None:
            return self.vectoriser.vectorise(prep, self.now if self.now > float("-inf") else 0.0, dated=False)
        if t > self.now:
            self.now = t
            self._expire()
        return self.vectoriser.vectorise(prep, t)

    def _eligible(self, s: LiveStory, d: VectorDoc) -> bool:
        """Whether ``d`` may join ``s``: in its language (where both are known), and in time: its time
        within the window of the story's span (an undated article, or a story with no dated article: any
        time)."""
        if d.language and s.language and d.language != s.language:
            return False
        return not d.dated or not s.dated or s.first - self.window <= d.t <= s.last + self.window

    def _threshold(self, d: VectorDoc, s: LiveStory) -> float:
        """The probability ``d`` needs to join ``s``: strong evidence where either has no date."""
        threshold = self.scorer.decision_for(d).threshold
        return threshold if d.dated and s.dated else max(threshold, self.params["undated_threshold"])

    def _score(self, d: VectorDoc, exclude: int | None = None, full: bool = True) -> list[ScoredCandidate]:
        """The candidate stories of ``d`` it may join in time, scored, best first (``exclude``: leave one
        story out)."""
        cands = self.index.candidates(d, self.stories, lambda s: s.id != exclude and self._eligible(s, d))
        return self.scorer.score(d, cands, full)

    def _join_best(self, scored: list[ScoredCandidate]) -> tuple[int, tuple[int, ...]]:
        """(story, stories merged) for joining the best candidate: another candidate scoring above
        ``merge_threshold`` whose centroid is close to it is the same story, merged with it."""
        p = self.params
        sid = scored[0].story_id
        merged: tuple[int, ...] = ()
        for c in scored[1:]:
            other = c.story_id
            if c.p < p["merge_threshold"] or other == sid or other not in self.stories \
                    or not self.stories[other].dated:
                continue
            if story_similarity(self.stories[sid], self.stories[other]) >= p["merge_similarity"]:
                survivor = self._merge(sid, other)
                merged += (other if survivor == sid else sid,)
                sid = survivor
        return sid, merged

    def _explanation(self, is_new: bool, scored: list[ScoredCandidate], dup: DupResult, threshold: float) -> dict:
        return {
            "decision": "new story" if is_new else "joined",
            "threshold": threshold,
            "candidates": [{"story_id": c.story_id, "p": round(c.p, 4),
                            "features": {k: round(v, 4) for k, v in c.features.items()}} for c in scored[:5]],
            "near_duplicate": {"article_id": dup.near, "similarity": dup.similarity} if dup.near is not None else None,
        }

    # ------------------------------------------------------------------ state changes
    def _new_story(self, d: VectorDoc) -> int:
        sid = self.next_story_id
        self.next_story_id += 1
        self._create(sid, d)
        return sid

    def _create(self, sid: int, d: VectorDoc) -> LiveStory:
        """A new story for ``d`` (its span starts at ``d``'s time; none while it has no dated article)."""
        s = self.stories[sid] = LiveStory(sid, d.t if d.dated else None)
        self._active[sid] = d.t
        return s

    def _add(self, d: VectorDoc, sid: int) -> None:
        s = self.stories[sid]
        s.add(d, self.params, self.scorer.member_stats)
        s.members.append((d.id, d.t))
        self._doc_story[d.id] = sid
        limit = self.now - self.retain
        if s.members[0][1] < limit:  # a long-running story forgets its old articles
            for a, t in s.members:
                if t < limit and self._doc_story.get(a) == sid:
                    del self._doc_story[a]
            s.members = [(a, t) for a, t in s.members if t >= limit]
        self._active[sid] = max(self._active.get(sid, d.t), d.t)
        self._active.move_to_end(sid)
        self.index.reindex(s)
        s.core_e = s.core_t = None

    def _merge(self, a: int, b: int, keep: int | None = None) -> int:
        """Merge stories a and b; ``keep`` survives, else the larger one (older on ties). Returns the survivor."""
        sa, sb = self.stories[a], self.stories[b]
        if keep == sb.id or (keep is None and (sb.n, -sb.id) > (sa.n, -sa.id)):
            sa, sb = sb, sa
        sa.absorb(sb, self.params)
        for m, _ in sb.members:
            if self._doc_story.get(m) == sb.id:
                self._doc_story[m] = sa.id
        sa.members = sorted(sa.members + sb.members, key=lambda m: m[1])
        self.index.unindex(sb)
        del self.stories[sb.id]
        active = max(self._active.pop(sb.id, sa.last), self._active.get(sa.id, sa.last))
        self._active[sa.id] = active
        self._active.move_to_end(sa.id)
        self.index.reindex(sa)
        return sa.id

    def _expire(self) -> None:
        limit = self.now - self.retain
        while self._active:
            sid, last = next(iter(self._active.items()))
            if last >= limit:
                break
            self._active.popitem(last=False)
            s = self.stories.pop(sid, None)
            if s is not None:
                self.index.unindex(s)
                for aid, _ in s.members:
                    if self._doc_story.get(aid) == sid:
                        del self._doc_story[aid]
        self.dedup.expire(self.now)


__all__ = ["DEFAULT_PARAMS", "FEATURES", "LEGACY_FEATURES", "OnlineClusterer", "load_params"]
