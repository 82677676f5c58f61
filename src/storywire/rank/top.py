"""Top stories: which stories matter now, for everyone or for one reader.

Breadth counts distinct outlets, but an outlet that only reprints another's copy (a near-duplicate of
an earlier article) counts a third: five papers running the same wire story are less independent
coverage than five newsrooms reporting. Recency decays with a half-life; velocity is new outlets per
hour over the last few hours, so a story that is breaking now rises above one that peaked yesterday.

Top stories without a reader's preferences score only the candidates that can make the page: a bound
from each story's row (its counts and latest time, and how many outlets have an article in the velocity
window) is never below its score, so a candidate whose bound is below the page's lowest score is left out
unscored, with the same order as scoring every candidate.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import NamedTuple

from ..clock import utcnow
from ..models import Story
from ..store.base import Connection, Store
from ..store.stories import StoryCounts

REPRINT_WEIGHT = 1 / 3
HALF_LIFE_HOURS = 12.0
VELOCITY_HOURS = 3.0
BOUND_SLACK = 1e-9  # relative: a bound and a score computed in a different order may differ in the last bits
EXTRA_SCORED = 10  # candidates scored past the page in the first round, so one round is usually enough


@dataclass(frozen=True)
class StoryFacts:
    """What ranking needs to know about one story (read from the store, or built by hand in tests)."""

    story: Story
    outlets: tuple[str, ...]  # every outlet that carries the story
    reprint_outlets: tuple[str, ...] = ()  # outlets whose only articles are near-duplicates of another's
    outlet_first_seen: dict = field(default_factory=dict)  # outlet -> first article time
    entities: tuple[str, ...] = ()


@dataclass(frozen=True)
class Preferences:
    """A reader's follows and mutes; values compared case-insensitively."""

    follow_sources: frozenset[str] = frozenset()
    mute_sources: frozenset[str] = frozenset()
    follow_entities: frozenset[str] = frozenset()
    mute_entities: frozenset[str] = frozenset()
    follow_keywords: frozenset[str] = frozenset()
    mute_keywords: frozenset[str] = frozenset()
    opened_story_ids: frozenset[int] = frozenset()

    @classmethod
    def from_rows(cls, rows: list[tuple[str, str, str]], opened: set[int] | None = None) -> Preferences:
        """From (kind, value, action) rows as the store keeps them (kind: source, entity, keyword)."""
        plural = {"source": "sources", "entity": "entities", "keyword": "keywords"}
        buckets: dict[str, set[str]] = {}
        for kind, value, action in rows:
            if kind in plural:
                buckets.setdefault(f"{action}_{plural[kind]}", set()).add(value.lower())
        known = {f for f in cls.__dataclass_fields__ if f != "opened_story_ids"}
        return cls(**{k: frozenset(v) for k, v in buckets.items() if k in known},
                   opened_story_ids=frozenset(opened or ()))


@dataclass(frozen=True)
class RankedStory:
    story: Story
    score: float
    outlets: tuple[str, ...]
    breadth: float
    velocity: float
    reasons: tuple[str, ...] = ()

    def __getattr__(self, name: str):  # a RankedStory reads like its Story (id, title, ...)
        return getattr(self.story, name)


def score_story(facts: StoryFacts, now: datetime, prefs: Preferences | None = None) -> RankedStory | None:
    """Score one story; None when the reader's mutes remove it."""
    outlets = [o for o in facts.outlets]
    reasons: list[str] = []
    if prefs is not None:
        lowered = {o.lower() for o in outlets}
        if lowered and lowered <= prefs.mute_sources:
            return None
        outlets = [o for o in outlets if o.lower() not in prefs.mute_sources]
        haystack = f"{facts.story.title}\n{facts.story.summary}".lower()
        ents = {e.lower() for e in facts.entities}
        if ents & prefs.mute_entities or any(k in haystack for k in prefs.mute_keywords):
            return None
    reprints = {o.lower() for o in facts.reprint_outlets}
    breadth = sum(REPRINT_WEIGHT if o.lower() in reprints else 1.0 for o in outlets)
    last = facts.story.last_seen
    if last is None:  # a story of undated articles only: no time to rank it by
        return None
    fresh = recency(last, now)
    window_start = now - timedelta(hours=VELOCITY_HOURS)
    new_outlets = sum(1 for o, t in facts.outlet_first_seen.items() if t is not None and t >= window_start
                      and o in outlets)
    velocity = new_outlets / VELOCITY_HOURS
    score = (1.0 + math.log1p(breadth) * 2.0 + math.log1p(facts.story.article_count) * 0.25) * fresh
    score += velocity * fresh
    if prefs is not None:
        boost = 1.0
        if {o.lower() for o in outlets} & prefs.follow_sources:
            boost += 1.0
            reasons.append("an outlet you follow")
        ents = {e.lower() for e in facts.entities}
        if ents & prefs.follow_entities:
            boost += 1.5
            reasons.append("follows: " + ", ".join(sorted(ents & prefs.follow_entities)))
        haystack = f"{facts.story.title}\n{facts.story.summary}".lower()
        hits = [k for k in prefs.follow_keywords if k in haystack]
        if hits:
            boost += 1.0
            reasons.append("keywords: " + ", ".join(sorted(hits)))
        if facts.story.id in prefs.opened_story_ids:
            boost *= 0.8  # already read: still there, a little lower
        score *= boost
    return RankedStory(story=facts.story, score=score, outlets=tuple(sorted(outlets)), breadth=breadth,
                       velocity=velocity, reasons=tuple(reasons))


def recency(last: datetime, now: datetime) -> float:
    """How much a story's latest activity still counts: halved every HALF_LIFE_HOURS."""
    age_h = max(0.0, (now - last).total_seconds() / 3600)
    return 0.5 ** (age_h / HALF_LIFE_HOURS)


def score_bound(counts: StoryCounts, now: datetime, recent_outlets: int) -> float:
    """Never below :func:`score_story`'s score without preferences: breadth at most one per outlet (the row counts
    known outlets, so one more for articles of no known outlet), velocity at most the outlets with an article in
    the velocity window (``recent_outlets``)."""
    outlets = min(counts.source_count + 1, counts.article_count)
    base = 1.0 + math.log1p(outlets) * 2.0 + math.log1p(counts.article_count) * 0.25
    return (base + min(recent_outlets, outlets) / VELOCITY_HOURS) * recency(counts.last_seen, now) * (1 + BOUND_SLACK)


def best_candidates(store: Store, conn: Connection, since: datetime, now: datetime, candidates: int,
                    wanted: int, until: datetime | None = None) -> list[RankedStory]:
    """Scored candidates (of the ``candidates`` latest active since ``since``, and before ``until``) that include
    the ``wanted`` best: they are scored in order of their bound, until the next bound is below the ``wanted``-th
    best score."""
    rows = store.ranking_candidates(conn, since, candidates, until=until)
    if not rows:
        return []
    recent = store.recent_outlets(conn, now - timedelta(hours=VELOCITY_HOURS), until=until)
    bounds = {c.id: score_bound(c, now, recent.get(c.id, 0)) for c in rows}
    order = sorted(rows, key=lambda c: -bounds[c.id])
    ranked: list[RankedStory] = []
    done = 0
    while done < len(order):
        if len(ranked) < wanted:
            end = done + wanted - len(ranked) + EXTRA_SCORED
        else:
            floor = sorted((r.score for r in ranked), reverse=True)[wanted - 1]
            end = next((i for i in range(done, len(order)) if bounds[order[i].id] < floor), len(order))
            if end == done:
                break
        stories = store.live_stories(conn, [c.id for c in order[done:end]])
        facts = story_facts(store, conn, stories, with_entities=False)  # entities count only for preferences
        ranked += [r for r in (score_story(f, now) for f in facts) if r is not None]
        done = end
    return ranked


def story_facts(store: Store, conn: Connection, stories: list[Story], with_entities: bool = True) -> list[StoryFacts]:
    """Outlets, reprint outlets, first-seen times and (unless not ``with_entities``) entities of the given stories."""
    ids = [s.id for s in stories]
    coverage = store.outlet_coverage(conn, ids)
    ents = store.story_entity_names(conn, ids) if with_entities else {}
    out = []
    for s in stories:
        outlets = coverage.get(s.id, {})
        out.append(StoryFacts(story=s, outlets=tuple(sorted(outlets)),
                              reprint_outlets=tuple(o for o, (only_dup, _) in outlets.items() if only_dup),
                              outlet_first_seen={o: t for o, (_, t) in outlets.items()},
                              entities=tuple(ents.get(s.id, ()))))
    return out


def reader_preferences(store: Store, conn: Connection, user_id: int,
                       opened_since: datetime | None = None) -> Preferences:
    """The reader's follows and mutes, and the stories they opened (since ``opened_since`` when given)."""
    return Preferences.from_rows(store.preference_rows(conn, user_id),
                                 opened=store.opened_stories(conn, user_id, since=opened_since))


TOP_PERIOD = timedelta(days=7)


class RankingPeriod(NamedTuple):
    """What top stories are ranked over: the stories active since ``since``, scored as of ``now``."""

    since: datetime
    now: datetime
    archive: bool  # the store holds no news of the last TOP_PERIOD: ``now`` is its newest story's last activity
    past: bool = False  # a period chosen in the past: only stories last active before ``now``


def ranking_period(store: Store, conn: Connection, since: datetime | None = None, now: datetime | None = None,
                   until: datetime | None = None) -> RankingPeriod:
    """The period of :func:`top_stories`: up to ``until`` (a past period: the stories last active before it),
    else as of ``now`` (default: the wall clock, or the newest story's last activity when the store holds only
    older news: an archive ingested today still ranks sensibly, also over a period asked for with ``since``, where
    ranking as of today would decay every story's score to nothing); since ``since`` (default: TOP_PERIOD before).
    ``archive``: the default period of a store of older news."""
    if until is not None:
        return RankingPeriod(since if since is not None else until - TOP_PERIOD, until, False, True)
    archive = False
    if now is None:
        now = utcnow()
        newest = store.newest_story_time(conn) or now  # aware: the store's times are UTC (schema.UTCDateTime)
        if newest < now - TOP_PERIOD:
            now, archive = newest, since is None
    return RankingPeriod(since if since is not None else now - TOP_PERIOD, now, archive)


def top_stories(store: Store, conn: Connection, since: datetime | None = None, limit: int = 20, offset: int = 0,
                prefs: Preferences | None = None, now: datetime | None = None, candidates: int = 500,
                until: datetime | None = None) -> list[RankedStory]:
    """The top stories of the :func:`ranking_period` of ``since``, ``now`` and ``until``."""
    since, now, _, past = ranking_period(store, conn, since, now, until)
    if prefs is None:
        ranked = best_candidates(store, conn, since, now, candidates, offset + limit, until=now if past else None)
    else:  # follows boost and mutes remove: no bound from the row alone, every candidate is scored
        pool = store.list_stories(conn, since=since, limit=candidates, until=now if past else None)
        ranked = [r for r in (score_story(f, now, prefs) for f in story_facts(store, conn, pool)) if r is not None]
    ranked.sort(key=lambda r: (-r.score, -(r.story.id)))
    return ranked[offset:offset + limit]
