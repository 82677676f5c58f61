"""The story's timeline: its articles in order of time, marking each outlet's first article."""
from __future__ import annotations

from datetime import UTC, datetime

from ..models import UNKNOWN_OUTLET, Article


def _key(t: datetime) -> datetime:
    # Naive times are taken as UTC so naive and aware times sort together.
    return t if t.tzinfo else t.replace(tzinfo=UTC)


def iso(t: datetime | None) -> str | None:
    return t.isoformat() if t is not None else None


def timeline(articles: list[Article]) -> list[dict]:
    """[{article_id, source, time, first_for_source}]: dated articles by publication time (then id), then
    the undated ones (time None). An article of no known outlet is nobody's first."""
    seen: set[str] = set()
    out = []
    for a in time_order(articles):
        first = a.source not in seen and a.source != UNKNOWN_OUTLET
        seen.add(a.source)
        out.append({"article_id": a.id, "source": a.source, "time": iso(a.published), "first_for_source": first})
    return out


def time_order(articles: list[Article]) -> list[Article]:
    """Dated articles by publication time (then id), then the undated ones by id."""
    return sorted(articles, key=lambda a: (a.published is None, _key(a.published or a.fetched), a.id))
