"""Candidate retrieval: an inverted index from key terms and entities to the live stories.

A story is indexed under its most weighted body terms and entities; an article's candidates are the
stories sharing its most salient terms, scored by the article's weights. Postings keep the most
recently updated stories last and are capped, so a lookup never scans all the stories of a term.
"""
from __future__ import annotations

from collections.abc import Callable
from itertools import islice, repeat
from operator import add, itemgetter

import numpy as np

from . import sparse
from .vectors import LiveStory, TermId, VectorDoc, top_terms

_second = itemgetter(1)


class StoryIndex:
    """Term/entity -> the live stories indexed under it (dict keys, least recently updated first)."""

    def __init__(self, params: dict) -> None:
        self.params = params
        self.postings: dict[TermId, dict[int, None]] = {}

    def __len__(self) -> int:
        return len(self.postings)

    def key_entities(self, s: LiveStory) -> list[TermId]:
        """The story's ``key_entities`` most weighted entities, best first (indexed); keeps the first
        ``story_top_entities`` of them, with their weights, as ``s.top_ents``."""
        top_ents = top_terms(s.ents, self.params["key_entities"])
        s.top_ents = sparse.select(*s.ents,
                                   np.asarray(top_ents[: self.params["story_top_entities"]], dtype=sparse.KEYS))
        return top_ents

    def reindex(self, s: LiveStory) -> None:
        """Index ``s`` under its current key terms and entities, as the most recently updated story."""
        p = self.params
        keys = tuple(top_terms(s.body, p["key_terms"]) + self.key_entities(s))
        for k in set(s.keys) - set(keys):
            post = self.postings.get(k)
            if post is not None:
                post.pop(s.id, None)
                if not post:
                    del self.postings[k]
        cap = 4 * p["posting_cap"]
        for k in keys:
            post = self.postings.get(k)
            if post is None:
                post = self.postings[k] = {}
            else:
                post.pop(s.id, None)
            post[s.id] = None
            if len(post) > cap:
                del post[next(iter(post))]
        s.keys = keys

    def unindex(self, s: LiveStory) -> None:
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
        bq, eq = d.btop[0][:q].tolist(), d.etop[0][:q].tolist()
        query = bq + eq
        weights = {**dict(zip(bq, d.btop[1][:q].tolist(), strict=True)),
                   **dict(zip(eq, d.etop[1][:q].tolist(), strict=True))}
        score: dict[int, float] = {}
        for term in query:
            post = self.postings.get(term)
            if not post:
                continue
            # score[sid] += w for the cap most recent stories of the posting (distinct ids), in C
            ids = list(islice(reversed(post), cap))
            score.update(zip(ids, map(add, map(score.get, ids, repeat(0.0)), repeat(weights[term])), strict=True))
        best = sorted(score.items(), key=_second, reverse=True)
        return list(islice(filter(allowed, (stories[s] for s, _ in best)), p["candidates"]))
