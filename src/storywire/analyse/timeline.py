"""The story's timeline: its articles in order of time, marking each outlet's first article."""
from __future__ import annotations

from datetime import UTC, datetime

from ..models import Article


def _key(t: datetime) -> datetime:
    # Naive times are taken as UTC so naive and aware times sort together.
    return t if t.tzinfo else t.replace(tzinfo=UTC)


def iso(t: datetime | None) -> str | None:
    return t.isoformat() if t is not None else None


def timeline(articles: list[Article]) -> list[dict]:
    """[{article_id, source, time, first_for_source}] ordered by Article.time (then id)."""
    seen: set[str] = set()
    out = []
    for a in sorted(articles, key=lambda a: (_key(a.time), a.id)):
        first = a.source not in seen
        seen.add(a.source)
        out.append({"article_id": a.id, "source": a.source, "time": iso(a.time), "first_for_source": first})
    return out


def time_order(articles: list[Article]) -> list[Article]:
    return sorted(articles, key=lambda a: (_key(a.time), a.id))
