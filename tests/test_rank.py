"""Ranking: independent coverage over reprints, recency, and a reader's follows and mutes."""
from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from storywire.models import Assignment, Extracted, Story
from storywire.rank import Preferences, StoryFacts, score_story, top
from storywire.rank.top import story_facts, top_stories

NOW = datetime(2024, 5, 1, 12, tzinfo=UTC)


def facts(sid: int, outlets: list[str], reprints: list[str] = (), hours_ago: float = 1.0, title: str = "A story",
          entities: tuple[str, ...] = ()) -> StoryFacts:
    last = NOW - timedelta(hours=hours_ago)
    story = Story(id=sid, title=title, created=last, updated=last, article_count=len(outlets),
                  source_count=len(outlets), first_seen=last - timedelta(hours=2), last_seen=last, summary="")
    return StoryFacts(story=story, outlets=tuple(outlets), reprint_outlets=tuple(reprints),
                      outlet_first_seen={o: last for o in outlets}, entities=entities)


def test_independent_reporting_outranks_reprints_of_one_wire_copy():
    outlets = [f"Outlet {i}" for i in range(6)]
    independent = score_story(facts(1, outlets), NOW)
    reprinted = score_story(facts(2, outlets, reprints=outlets[1:]), NOW)
    assert independent.score > reprinted.score
    assert reprinted.breadth < independent.breadth


def test_recent_story_outranks_an_old_one_of_the_same_breadth():
    assert score_story(facts(1, ["A", "B"], hours_ago=1), NOW).score > \
           score_story(facts(2, ["A", "B"], hours_ago=30), NOW).score


def test_preferences_from_store_rows_follow_and_mute():
    prefs = Preferences.from_rows([("entity", "NATO", "follow"), ("source", "Rumour Mill", "mute"),
                                   ("keyword", "football", "mute")])
    assert prefs.follow_entities == {"nato"} and prefs.mute_sources == {"rumour mill"}
    followed = score_story(facts(1, ["A"], entities=("NATO",)), NOW, prefs)
    plain = score_story(facts(2, ["A"]), NOW, prefs)
    assert followed.score > plain.score and followed.reasons
    assert score_story(facts(3, ["Rumour Mill"]), NOW, prefs) is None
    assert score_story(facts(4, ["A"], title="Football cup final tonight"), NOW, prefs) is None
    kept = score_story(facts(5, ["Rumour Mill", "B"]), NOW, prefs)
    assert kept is not None and kept.outlets == ("B",)


def _written_stories(store, n_stories: int = 120, seed: int = 5) -> datetime:
    """Stories begun over two days in a real store: 1-7 articles each from 9 outlets (one unknown) over up to a
    day, reprints, undated copies; returns the newest article time."""
    rng = random.Random(seed)
    outlets = [f"Outlet {i}" for i in range(8)] + [None]  # None: an article of no known outlet
    start = datetime(2024, 4, 27, tzinfo=UTC)
    with store.atomic() as conn:
        assignments: list[Assignment] = []
        for sid in range(1, n_stories + 1):
            first = start + timedelta(hours=rng.uniform(0, 48))
            stored: list[int] = []
            for k in range(rng.randint(1, 7)):
                undated = k > 0 and rng.random() < 0.1
                ex = Extracted(origin=f"s{sid}a{k}", text=f"Story {sid}, report {k}: {rng.random()}",
                               title=f"Story {sid} report {k}", url=f"https://news.example/{sid}/{k}",
                               source=rng.choice(outlets),
                               published=None if undated else first + timedelta(hours=rng.uniform(0, 24)))
                aid = store.upsert_article(conn, ex).article_id
                reprint = stored and rng.random() < 0.3
                assignments.append(Assignment(article_id=aid, story_id=sid, is_new_story=not stored,
                                              duplicate_of=rng.choice(stored) if reprint else None))
                stored.append(aid)
        store.apply_assignments(conn, assignments)
        store.refresh_stories(conn, range(1, n_stories + 1))
        return store.latest_published(conn)


def _scored_every_candidate(store, conn, now: datetime, candidates: int) -> list[tuple[int, float]]:
    """The ranking as it was before bounds: every candidate's facts read and scored."""
    pool = store.list_stories(conn, since=now - timedelta(days=7), limit=candidates)
    ranked = [r for r in (score_story(f, now) for f in story_facts(store, conn, pool)) if r is not None]
    return [(r.story.id, r.score) for r in sorted(ranked, key=lambda r: (-r.score, -r.story.id))]


def test_top_stories_score_only_what_can_make_the_page_and_rank_as_scoring_every_candidate(store, monkeypatch):
    newest = _written_stories(store)
    looked_up: list[int] = []
    coverage = store.outlet_coverage
    monkeypatch.setattr(store, "outlet_coverage", lambda conn, ids: looked_up.extend(ids) or coverage(conn, ids))
    with store.read() as conn:
        assert store.count_unclustered(conn) == 0
        for extra in (0, top.EXTRA_SCORED):  # none: every round after the first relies on the bounds alone
            monkeypatch.setattr(top, "EXTRA_SCORED", extra)
            for now in (newest, newest - timedelta(hours=20), newest + timedelta(hours=5), None):
                for limit, offset, candidates in ((1, 0, 500), (5, 0, 500), (21, 0, 500), (10, 10, 500), (8, 0, 40),
                                                  (200, 0, 500)):
                    at = now or newest  # None: the store's own latest news (an archive)
                    expected = _scored_every_candidate(store, conn, at, candidates)[offset:offset + limit]
                    got = top_stories(store, conn, limit=limit, offset=offset, now=now, candidates=candidates)
                    assert [(r.story.id, r.score) for r in got] == expected, (extra, now, limit, offset, candidates)
        for at in (newest, newest - timedelta(hours=20)):  # each story's bound is at least its score
            counts = store.ranking_candidates(conn, at - timedelta(days=7), 500)
            recent = store.recent_outlets(conn, at - timedelta(hours=top.VELOCITY_HOURS))
            stories = store.live_stories(conn, [c.id for c in counts])
            facts_of = {f.story.id: f for f in story_facts(store, conn, stories)}
            scores = [(score_story(facts_of[c.id], at).score, top.score_bound(c, at, recent.get(c.id, 0)))
                      for c in counts]
            assert len(scores) > 80 and all(score <= bound for score, bound in scores)
        at = newest - timedelta(hours=20)
        looked_up.clear()
        page = top_stories(store, conn, limit=5, now=at)
        scored = set(looked_up)
        everyone = _scored_every_candidate(store, conn, at, 500)
    assert [r.story.id for r in page] == [sid for sid, _ in everyone[:5]]
    assert len(everyone) > 80 and len(scored) < len(everyone) / 2, (len(scored), len(everyone))
