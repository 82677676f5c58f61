"""Ranking stories for one briefing period: storywire.rank's score, times novelty against the last briefing.

``score_story`` (breadth with reprints discounted, recency, velocity, follows and mutes) decides how
much a story matters; a briefing adds one question: has the reader been told this already? A story in
the previous briefing comes back only when articles arrived since, and it is weighted by how much of
its coverage is new, so a developing story with fresh outlets returns while a story with one late
reprint stays down the list. Matching is by article ids, so it survives stories being merged.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from ..rank import Preferences, RankedStory, StoryFacts, score_story
from ..rank.top import story_facts
from ..store.base import Connection, Store

BRIEFED_FLOOR = 0.35  # a briefed story with new articles keeps at least this share of its score


@dataclass(frozen=True)
class ArticleRef:
    """The little ranking needs to know about one article of a candidate story."""

    id: int
    source: str
    time: datetime


@dataclass(frozen=True)
class Novelty:
    briefed: bool  # some of the story's articles were in the previous briefing
    new_article_ids: tuple[int, ...]  # articles the previous briefing did not see
    new_outlets: tuple[str, ...]  # outlets that had no article in the story before
    factor: float


@dataclass(frozen=True)
class BriefCandidate:
    """A story ranked for one briefing: storywire.rank's score times its novelty to the reader."""

    ranked: RankedStory
    facts: StoryFacts
    novelty: Novelty
    articles: tuple[ArticleRef, ...]

    @property
    def score(self) -> float:
        return self.ranked.score * self.novelty.factor


def novelty(refs: list[ArticleRef], briefed_ids: frozenset[int], outlets: tuple[str, ...]) -> Novelty | None:
    """How new the story is to a reader of the previous briefing; None when nothing is new at all."""
    old = [r for r in refs if r.id in briefed_ids]
    if not old:
        return Novelty(False, tuple(r.id for r in refs), (), 1.0)
    new = [r for r in refs if r.id not in briefed_ids]
    if not new:
        return None
    old_outlets = {r.source for r in old}
    new_outlets = tuple(sorted({r.source for r in new} - old_outlets))
    counted = {o.lower() for o in outlets}
    fresh = {r.source.lower() for r in new} & counted
    share = len(fresh) / max(1, len(counted))
    return Novelty(True, tuple(r.id for r in new), new_outlets, BRIEFED_FLOOR + (1 - BRIEFED_FLOOR) * share)


def rank_candidates(facts: list[StoryFacts], refs: dict[int, list[ArticleRef]], now: datetime,
                    prefs: Preferences | None, briefed_ids: frozenset[int]) -> list[BriefCandidate]:
    """Score every story (pure): muted ones and briefed ones with nothing new drop; best first."""
    out = []
    for f in facts:
        ranked = score_story(f, now, prefs)
        if ranked is None:
            continue
        nov = novelty(refs.get(f.story.id, []), briefed_ids, ranked.outlets)
        if nov is None:
            continue
        out.append(BriefCandidate(ranked, f, nov, tuple(refs.get(f.story.id, ()))))
    out.sort(key=lambda c: (-c.score, -c.ranked.story.id))
    return out


# -- reading the store ----------------------------------------------------------------------------
def article_refs(store: Store, conn: Connection, story_ids: list[int],
                 until: datetime) -> dict[int, list[ArticleRef]]:
    """Articles of the stories up to ``until``, oldest first."""
    return {sid: [ArticleRef(aid, name, t) for name, t, aid in times]
            for sid, times in store.article_times(conn, story_ids, until).items()}


def period_facts(store: Store, conn: Connection, since: datetime, until: datetime,
                 candidates: int = 500) -> tuple[list[StoryFacts], dict[int, list[ArticleRef]]]:
    """Stories active in [since, until] with their ranking facts, as they stood at ``until``.

    Articles after ``until`` (a briefing made for a past time) are left out of outlets and times, so
    the same period gives the same briefing later.
    """
    pool = [s for s in store.list_stories(conn, since=since, limit=candidates)]
    refs = article_refs(store, conn, [s.id for s in pool], until)
    pool = [s for s in pool if any(r.time >= since for r in refs.get(s.id, ()))]
    facts = []
    for f in story_facts(store, conn, pool):
        rs = refs[f.story.id]
        seen = {r.source for r in rs}
        story = replace(f.story, last_seen=max(r.time for r in rs), article_count=len(rs), source_count=len(seen))
        facts.append(replace(f, story=story, outlets=tuple(o for o in f.outlets if o in seen),
                             reprint_outlets=tuple(o for o in f.reprint_outlets if o in seen),
                             outlet_first_seen={o: t for o, t in f.outlet_first_seen.items() if o in seen}))
    return facts, refs

