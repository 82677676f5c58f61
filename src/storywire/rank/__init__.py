"""Ranking stories: breadth of independent coverage, recency, velocity; personalised by follows and mutes.

``score_story`` is pure (plain data in, a number out); ``top_stories`` reads the store and applies it.
"""
from .top import (
    Preferences,
    RankedStory,
    RankingPeriod,
    StoryFacts,
    ranking_period,
    reader_preferences,
    score_story,
    top_stories,
)

__all__ = ["Preferences", "RankedStory", "RankingPeriod", "StoryFacts", "ranking_period", "reader_preferences",
           "score_story", "top_stories"]
