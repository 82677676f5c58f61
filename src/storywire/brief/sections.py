"""Which section of the briefing a story belongs in: what its outlets say, else what its text says.

Outlets' own section labels are the better evidence ("World", "Europe", "Markets"); they are mapped to
the briefing's few sections and the majority wins. Without them a small keyword classifier over the
title and summary decides; a story needs two keyword hits before it leaves "other", so one stray word
("market" in a war story) does not move it.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import cache

# Outlet section labels (lower-case words found in them) -> briefing section. The first matching entry
# wins, so the specific sections come before the broad "world" ("Europe business" is business).
LABELS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("sport", ("sport", "sports", "football", "soccer", "cricket", "tennis", "olympics", "rugby", "nba", "nfl")),
    ("technology", ("tech", "technology", "internet", "gadgets", "cyber", "ai")),
    ("science", ("science", "health", "environment", "climate", "space", "medicine")),
    ("business", ("business", "markets", "market", "economy", "money", "finance", "companies", "investing")),
    ("politics", ("politics", "election", "elections", "government", "congress", "parliament")),
    ("world", ("world", "international", "europe", "asia", "africa", "americas", "middle", "east", "global",
               "foreign", "uk", "us", "canada", "australia")),
)

# Keywords for text classification, lower case: whole words (a plural "s" allowed), or word prefixes when
# they end in "*". Kept short and unambiguous.
KEYWORDS: dict[str, tuple[str, ...]] = {
    "sport": ("match", "tournament", "championship", "league", "goal", "coach", "striker", "olympic",
              "medal", "world cup", "season", "playoff", "stadium", "football", "tennis", "cricket", "athlete"),
    "technology": ("software", "smartphone", "chip", "semiconductor", "artificial intelligence", "startup",
                   "app", "internet", "cyber", "hacker", "data breach", "google", "apple", "microsoft",
                   "algorithm", "computer", "online platform"),
    "science": ("scientist", "research*", "study", "species", "climate", "vaccine", "virus",
                "telescope", "nasa", "astronom*", "genome", "fossil", "disease", "patients", "emission",
                "laboratory", "journal", "planet"),
    "business": ("shares", "stock", "investor", "market", "profit", "revenue", "earnings", "inflation",
                 "interest rate", "central bank", "economy", "economic", "company", "merger", "acquisition",
                 "billion", "quarter", "prices", "bank", "trade"),
    "politics": ("election", "vote", "voters", "parliament", "lawmakers", "senate", "congress", "minister",
                 "president", "party", "campaign", "legislation", "bill", "opposition", "government",
                 "prime minister", "referendum", "mayor"),
    # "world" is also where the day's disasters and emergencies go (the news pages, not a special section)
    "world": ("troops", "military", "war", "ukraine", "russia", "china", "nato", "united nations", "border",
              "diplomat", "embassy", "refugee", "ceasefire", "invasion", "sanctions", "foreign", "summit",
              "kremlin", "moscow", "beijing", "kyiv", "flood*", "wildfire", "evacuat*", "hurricane",
              "earthquake", "state of emergency", "firefighter", "rescue*", "storm", "disaster"),
}

MIN_HITS = 2


def from_labels(labels: Iterable[str | None]) -> str | None:
    """The section the outlets' labels agree on most, or None when no label maps."""
    votes: Counter[str] = Counter()
    for label in labels:
        if not label:
            continue
        words = set(re.findall(r"[a-z]+", label.lower()))
        for section, keys in LABELS:
            if words & set(keys):
                votes[section] += 1
                break
    if not votes:
        return None
    best = max(votes.values())
    return next(s for s, _ in LABELS if votes.get(s) == best)


def from_text(text: str) -> str:
    """Keyword classifier: the section with most keyword hits (at least ``MIN_HITS``), else "other"."""
    low = " " + re.sub(r"\s+", " ", text.lower()) + " "
    scores = {section: sum(len(_pattern(k).findall(low)) for k in keys) for section, keys in KEYWORDS.items()}
    section, hits = max(scores.items(), key=lambda kv: (kv[1], -list(KEYWORDS).index(kv[0])))
    return section if hits >= MIN_HITS else "other"


@cache
def _pattern(keyword: str) -> re.Pattern:
    if keyword.endswith("*"):
        return re.compile(r"\b" + re.escape(keyword[:-1]))
    return re.compile(r"\b" + re.escape(keyword) + r"(?:s|es)?\b")


def classify(labels: Iterable[str | None], text: str) -> str:
    return from_labels(labels) or from_text(text)
