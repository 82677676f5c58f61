"""Ranking: independent coverage over reprints, recency, and a reader's follows and mutes."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from storywire.models import Story
from storywire.rank import Preferences, StoryFacts, score_story

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
