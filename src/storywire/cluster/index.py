"""Candidate retrieval: an inverted index from key terms and entities to the live stories.

A story is indexed under its most weighted body terms and entities; an article's candidates are the
stories sharing its most salient terms, scored by the article's weights. Postings keep the most
recently updated stories last and are capped, so a lookup never scans all the stories of a term.

Where stories have sentence embeddings, an article with few words (or few candidates by its words)
gets a few more candidates from the closest mean embeddings (one matrix product over the live
stories): a paraphrased headline shares few words with its story.
"""
from __future__ import annotations

from collections.abc import Callable
from itertools import islice

import numpy as np

from . import sparse
from .vectors import LiveStory, TermId, VectorDoc, top_terms


class StoryIndex:
    """Term/entity -> the live stories indexed under it (dict keys, least recently updated first)."""

    def __init__(self, params: dict) -> None:
        self.params = params
        self.postings: dict[TermId, dict[int, None]] = {}
        # the live stories' mean embeddings, a row each (free rows are zero, with story id -1)
        self._rows: dict[int, int] = {}
        self._matrix = np.zeros((0, 0), dtype=np.float32)
        self._row_story = np.zeros(0, dtype=np.int64)
        self._free: list[int] = []

    def __len__(self) -> int:
        return len(self.postings)

    def key_entities(self, s: LiveStory) -> list[TermId]:
        """The story's ``key_entities`` most weighted entities, best first (indexed); keeps the first
        ``story_top_entities`` of them, with their weights, as ``s.top_ents``."""
        top_ents = sparse.top_keys(*s.ents, self.params["key_entities"])
        s.top_ents = sparse.select(*s.ents, top_ents[: self.params["story_top_entities"]])
        return top_ents.tolist()

    def reindex(self, s: LiveStory) -> None:
        """Index ``s`` under its current key terms and entities, as the most recently updated story."""
        p = self.params
        keys = tuple(top_terms(s.body, p["key_terms"]) + self.key_entities(s))
        postings, sid = self.postings, s.id
        if s.keys != keys:
            for k in set(s.keys).difference(keys):
                post = postings.get(k)
                if post is not None:
                    post.pop(sid, None)
                    if not post:
                        del postings[k]
        cap = 4 * p["posting_cap"]
        for k in keys:
            post = postings.get(k)
            if post is None:
                postings[k] = {sid: None}
                continue
            post.pop(sid, None)
            post[sid] = None
            if len(post) > cap:
                del post[next(iter(post))]
        s.keys = keys
        self.index_embedding(s)

    def index_embedding(self, s: LiveStory) -> None:
        """Keep ``s``'s mean embedding in the matrix (or none, if it has none)."""
        unit = s.emb_unit
        if unit is None:
            self._drop_embedding(s.id)
            return
        row = self._rows.get(s.id)
        if row is None:
            if not self._free:
                self._grow(len(unit))
            row = self._rows[s.id] = self._free.pop()
            self._row_story[row] = s.id
        self._matrix[row] = unit

    def _grow(self, dim: int) -> None:
        n = len(self._row_story)
        size = max(64, 2 * n)
        matrix = np.zeros((size, dim), dtype=np.float32)
        matrix[:n] = self._matrix[:, :dim] if n else 0.0
        self._matrix = matrix
        self._row_story = np.concatenate([self._row_story, np.full(size - n, -1, dtype=np.int64)])
        self._free.extend(range(size - 1, n - 1, -1))

    def _drop_embedding(self, sid: int) -> None:
        row = self._rows.pop(sid, None)
        if row is not None:
            self._matrix[row] = 0.0
            self._row_story[row] = -1
            self._free.append(row)

    def unindex(self, s: LiveStory) -> None:
        self._drop_embedding(s.id)
        for k in s.keys:
            post = self.postings.get(k)
            if post is not None:
                post.pop(s.id, None)
                if not post:
                    del self.postings[k]
        s.keys = ()

    def candidates(self, d: VectorDoc, stories: dict[int, LiveStory],
                   allowed: Callable[[LiveStory], bool]) -> list[LiveStory]:
        """The ``candidates`` stories sharing the most of ``d``'s salient terms and entities, best first,
        among those ``allowed``."""
        p = self.params
        cap = p["posting_cap"]
        q = p["query_terms"]
        voters: list[int] = []  # the cap most recent stories of each query term's posting, term after term
        counts: list[int] = []
        weights: list[float] = []
        for terms, term_weights in (d.btop, d.etop):
            for term, weight in zip(terms[:q].tolist(), term_weights[:q].tolist(), strict=True):
                post = self.postings.get(term)
                if post:
                    before = len(voters)
                    voters += islice(reversed(post), cap)
                    counts.append(len(voters) - before)
                    weights.append(weight)
        best = sparse.rank_votes(np.fromiter(voters, np.int64, len(voters)), np.array(counts, dtype=np.int64),
                                 np.array(weights)).tolist() if voters else []
        found = list(islice(filter(allowed, map(stories.__getitem__, best)), p["candidates"]))
        if d.emb is not None and self._rows and p["emb_candidates"] > 0 and (
                len(found) < p["candidates"] or d.size < p["short_shingles"]):  # where words are few
            found += self._closest(d.emb, p["emb_candidates"], {s.id for s in found}, stories, allowed)
        return found

    def _closest(self, emb: np.ndarray, k: int, taken: set[int], stories: dict[int, LiveStory],
                 allowed: Callable[[LiveStory], bool]) -> list[LiveStory]:
        """Up to ``k`` allowed stories not ``taken`` with the closest mean embeddings, closest first."""
        sims = self._matrix @ emb
        look = min(len(sims), 4 * k + len(taken))
        top = np.argpartition(-sims, look - 1)[:look] if look < len(sims) else np.arange(len(sims))
        out: list[LiveStory] = []
        for row in top[np.argsort(-sims[top])]:
            sid = int(self._row_story[row])
            if sid < 0 or sid in taken or sims[row] <= 0.0:
                continue
            s = stories.get(sid)
            if s is not None and allowed(s):
                out.append(s)
                if len(out) == k:
                    break
        return out
