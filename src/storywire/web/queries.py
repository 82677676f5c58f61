"""What the pages and the API show, read from the store as plain dicts (one place, so both agree),
and the checks of ids and days they take from URLs.

Every reading function takes an open read connection; none writes.
"""
from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa

from ..clock import utcnow
from ..errors import InputError, NotFound
from ..models import Article, Story
from ..rank import Preferences, top_stories
from ..store.schema import articles, briefings, sources, stories, story_entities
from ..store.stories import row_to_story
from .auth import Viewer
from .cache import TTLCache, story_version

MAX_ID = 2**63 - 1  # the stores' keys are signed 64-bit integers
PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
OPENED_MEMORY = timedelta(days=7)
PREF_FIELDS = {"source": "sources", "entity": "entities", "keyword": "keywords"}  # kind -> Preferences field


def prefs_for(store, conn: sa.Connection, viewer: Viewer) -> Preferences | None:
    """The reader's follows, mutes and recently opened stories, as ranking takes them."""
    if viewer.user is None:
        return None
    since = utcnow() - OPENED_MEMORY
    buckets: dict[str, set[str]] = {}
    for kind, value, action in store.preference_rows(conn, viewer.id):
        buckets.setdefault(f"{action}_{PREF_FIELDS[kind]}", set()).add(value.lower())
    return Preferences(**{k: frozenset(v) for k, v in buckets.items()},
                       opened_story_ids=frozenset(store.opened_stories(conn, viewer.id, since=since)))


def story_times(conn: sa.Connection, story_ids: list[int]) -> dict[int, list[tuple[str, datetime, int]]]:
    """(outlet, time, article id) of every article of the given stories, oldest first."""
    if not story_ids:
        return {}
    when = sa.func.coalesce(articles.c.published, articles.c.fetched)
    rows = conn.execute(sa.select(articles.c.story_id, sources.c.name, when, articles.c.id)
                        .join_from(articles, sources).where(articles.c.story_id.in_(story_ids))
                        .order_by(when, articles.c.id))
    out: dict[int, list] = {}
    for sid, name, t, aid in rows:
        out.setdefault(sid, []).append((name, t, aid))
    return out


def card(story: Story, outlets: list[str] | tuple[str, ...], times: list, score: float | None = None,
         reasons: tuple[str, ...] = ()) -> dict:
    """One story as the river, search and entity pages list it."""
    return {
        "id": story.id, "title": story.title or "(untitled story)", "summary": story.summary,
        "outlets": list(outlets), "outlet_count": len(outlets), "article_count": story.article_count,
        "first_seen": story.first_seen, "last_seen": story.last_seen, "score": score,
        "reasons": list(reasons), "times": times,
    }


def river(store, conn: sa.Connection, viewer: Viewer, view: str = "top", limit: int = PAGE_SIZE,
          offset: int = 0, cache: TTLCache | None = None) -> tuple[list[dict], bool]:
    """The ranked stories of a page (``view``: top, or foryou with the reader's preferences) and
    whether another page follows. With ``cache``, a page is reused until the stories change."""
    if view not in ("top", "foryou"):
        raise InputError(f"view {view!r}: use top or foryou")
    prefs = prefs_for(store, conn, viewer) if view == "foryou" else None
    if view == "foryou" and prefs is None:
        raise InputError("\"For you\" needs a logged-in reader")

    def compute() -> tuple[list[dict], bool]:
        ranked = top_stories(store, conn, limit=limit + 1, offset=offset, prefs=prefs)
        times = story_times(conn, [r.story.id for r in ranked[:limit]])
        cards = []
        for r in ranked[:limit]:
            story_rows = times.get(r.story.id, [])
            if prefs is not None:  # a muted outlet's articles leave the reader's view of the story
                story_rows = [t for t in story_rows if t[0].lower() not in prefs.mute_sources]
            cards.append(card(r.story, r.outlets, story_rows, round(r.score, 4), r.reasons))
        return cards, len(ranked) > limit

    if cache is None:
        cards, more = compute()
    else:
        cards, more = cache.get((view, limit, offset, prefs), story_version(conn), compute)
    return [dict(c) for c in cards], more  # callers may add fields; the cached cards stay as they were


def stories_by_ids(store, conn: sa.Connection, ids: list[int], details: bool = True) -> list[dict]:
    """Cards for the given live stories, in the given order; without ``details``, no outlet names or
    article times (two fewer queries, for lists that show only titles and counts)."""
    if not ids:
        return []
    rows = conn.execute(sa.select(stories).where(stories.c.id.in_(ids), stories.c.merged_into.is_(None)))
    by_id = {s.id: s for s in map(row_to_story, rows)}
    if not details:
        return [{**card(by_id[i], [], []), "outlet_count": by_id[i].source_count} for i in ids if i in by_id]
    outlets = store.story_sources(conn, list(by_id))
    times = story_times(conn, list(by_id))
    return [card(by_id[i], outlets.get(i, []), times.get(i, [])) for i in ids if i in by_id]


def story_detail(store, conn: sa.Connection, story_id: int) -> dict:
    """The story, its articles (oldest first, numbered) and its stored coverage analysis (None if pending)."""
    story = store.get_story(conn, story_id)
    arts = store.story_articles(conn, story.id)
    analysis = store.get_analysis(conn, story.id)
    numbers = {a.id: n for n, a in enumerate(arts, 1)}
    outlets = sorted({a.source for a in arts})
    return {"story": story, "articles": arts, "analysis": analysis, "numbers": numbers, "outlets": outlets}


def story_object(detail: dict) -> dict:
    """The API's story object: the stored analysis (as ``storywire story ID --json`` prints it) plus
    counts; while analysis is pending, the same keys with what is known."""
    story: Story = detail["story"]
    data = dict(detail["analysis"] or {
        "id": story.id, "title": story.title,
        "articles": [{"id": a.id, "source": a.source, "title": a.title, "url": a.url,
                      "published": a.published.isoformat() if a.published else None} for a in detail["articles"]],
        "shared_passages": [], "unique_passages": [], "origins": [], "quotes": [], "entities": [], "summary": [],
        "timeline": [{"article_id": a.id, "source": a.source, "time": a.time.isoformat()} for a in detail["articles"]],
    })
    data["id"] = story.id
    data.update(analysed=detail["analysis"] is not None, outlets=detail["outlets"],
                article_count=story.article_count, outlet_count=story.source_count,
                first_seen=story.first_seen, last_seen=story.last_seen)
    return data


def near_duplicates(store, conn: sa.Connection, art: Article) -> list[dict]:
    """Articles that are near-copies of this one: its original, its copies, and copies of the same original."""
    root = art.duplicate_of or art.id
    rows = conn.execute(sa.select(articles.c.id, articles.c.dup_similarity)
                        .where(sa.or_(articles.c.id == root, articles.c.duplicate_of == root), articles.c.id != art.id)
                        .order_by(articles.c.id).limit(50)).all()
    found = {r.id: r.dup_similarity for r in rows}
    out = []
    for other in store.get_articles(conn, list(found)):
        relation = "original" if other.id == root else "copy"
        sim = art.dup_similarity if relation == "original" else found[other.id]
        out.append({"article": other, "relation": relation, "similarity": sim})
    return out


def article_dict(a: Article, with_text: bool = False) -> dict:
    out = {"id": a.id, "source": a.source, "title": a.title, "url": a.url,
           "published": a.published, "fetched": a.fetched, "language": a.language, "authors": list(a.authors),
           "section": a.section, "story_id": a.story_id, "duplicate_of": a.duplicate_of}
    if with_text:
        out["text"] = a.text
    else:
        out["excerpt"] = excerpt(a.text)
    return out


def excerpt(text: str, length: int = 280) -> str:
    flat = " ".join(text.split())
    if len(flat) <= length:
        return flat
    cut = flat[:length].rsplit(" ", 1)[0]
    return cut + "\u2026"


def checked_id(value: int, what: str) -> int:
    """An id from a URL; one no row can have (out of 1..MAX_ID) is NotFound, not a driver error."""
    if not 1 <= value <= MAX_ID:
        raise NotFound(f"no {what} with id {value}")
    return value


def parse_day(value: str | None, field: str) -> date | None:
    """A YYYY-MM-DD search bound; the next day must exist too (``until`` ends there)."""
    if not value:
        return None
    try:
        day = date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise InputError(f"{field} {value!r}: use a date like 2022-02-04") from None
    if day >= date.max:
        raise InputError(f"{field} {value!r}: use a date before {date.max.isoformat()}")
    return day


def search(store, conn: sa.Connection, q: str, outlet: str | None = None, since: date | None = None,
           until: date | None = None, entity: str | None = None, limit: int = 50, offset: int = 0) -> dict:
    """Full-text hits (best first) grouped by story; a story's place is that of its best hit."""
    q = (q or "").strip()
    if not q:
        return {"query": q, "groups": [], "total_hits": 0, "more": False}
    if len(q) > 300:
        raise InputError("the search is too long (at most 300 characters)")
    conds = []
    when = sa.func.coalesce(articles.c.published, articles.c.fetched)
    if outlet:
        conds.append(articles.c.source_id.in_(sa.select(sources.c.id).where(sources.c.name == outlet)))
    if since:
        conds.append(when >= datetime.combine(since, time.min, UTC))
    if until:
        conds.append(when < datetime.combine(until + timedelta(days=1), time.min, UTC))
    if entity:
        conds.append(articles.c.story_id.in_(sa.select(story_entities.c.story_id)
                                             .where(sa.func.lower(story_entities.c.name) == entity.lower())))
    hits = store.search_articles(conn, q, limit + 1, offset, sa.and_(*conds) if conds else None)
    more = len(hits) > limit
    hits = hits[:limit]
    arts = store.get_articles(conn, [i for i, _ in hits])
    story_ids = list(dict.fromkeys(a.story_id for a in arts if a.story_id is not None))
    cards = {c["id"]: c for c in stories_by_ids(store, conn, story_ids, details=False)}
    groups: dict = {}
    for a in arts:
        key = a.story_id if a.story_id in cards else None
        groups.setdefault(key, {"story": cards.get(key), "articles": []})["articles"].append(
            {**article_dict(a), "snippet": snippet(a.text, q)})
    return {"query": q, "groups": list(groups.values()), "total_hits": len(arts), "more": more}


def snippet(text: str, query: str, width: int = 110) -> str:
    """The stretch of text around the first matched word (plain text; the template marks words)."""
    words = [w for w in re.findall(r"\w+", query.lower()) if len(w) > 1]
    flat = " ".join(text.split())
    low = flat.lower()
    pos = min((p for p in (low.find(w) for w in words) if p >= 0), default=-1)
    if pos < 0:
        return excerpt(flat, 2 * width)
    start = max(0, pos - width)
    if start:
        start = flat.find(" ", start) + 1 or start
    end = min(len(flat), pos + width)
    if end < len(flat):
        end = flat.rfind(" ", pos, end) if flat.rfind(" ", pos, end) > pos else end
    return ("\u2026" if start else "") + flat[start:end] + ("\u2026" if end < len(flat) else "")


def outlet_names(conn: sa.Connection) -> list[str]:
    """Every outlet's name (for filters): the sources table alone, no article counts."""
    return [r[0] for r in conn.execute(sa.select(sources.c.name).order_by(sources.c.name))]


def entity_info(conn: sa.Connection, name: str) -> dict:
    row = conn.execute(sa.select(story_entities.c.name, story_entities.c.label, sa.func.count(), sa.func.sum(story_entities.c.mentions))
                       .where(sa.func.lower(story_entities.c.name) == name.lower())
                       .group_by(story_entities.c.name, story_entities.c.label)
                       .order_by(sa.func.count().desc()).limit(1)).first()
    if row is None:
        raise NotFound(f"no story mentions {name!r}")
    return {"name": row[0], "label": row[1], "stories": row[2], "mentions": int(row[3] or 0)}


def briefing_list(conn: sa.Connection, user_id: int | None, limit: int, offset: int) -> tuple[list[dict], bool]:
    """The reader's briefings and the shared ones (no user), newest first."""
    own = briefings.c.user_id.is_(None) if user_id is None else sa.or_(briefings.c.user_id == user_id,
                                                                        briefings.c.user_id.is_(None))
    rows = conn.execute(sa.select(briefings.c.id, briefings.c.created, briefings.c.title, briefings.c.data,
                                  briefings.c.period_start, briefings.c.period_end)
                        .where(own).order_by(briefings.c.created.desc(), briefings.c.id.desc())
                        .limit(limit + 1).offset(offset)).all()
    out = [{"id": r.id, "created": r.created, "title": r.title, "period_start": r.period_start,
            "period_end": r.period_end, "data": _json(r.data)} for r in rows[:limit]]
    return out, len(rows) > limit


def briefing_one(conn: sa.Connection, user_id: int | None, briefing_id: int) -> dict:
    row = conn.execute(sa.select(briefings).where(briefings.c.id == briefing_id)).first()
    if row is None or (row.user_id is not None and row.user_id != user_id):
        raise NotFound(f"no briefing {briefing_id}")  # another reader's briefing is not revealed
    return {"id": row.id, "created": row.created, "title": row.title, "period_start": row.period_start,
            "period_end": row.period_end, "data": _json(row.data)}


def _json(text: str):
    try:
        return json.loads(text)
    except (TypeError, ValueError):
        return None


def feeds_table(store, conn: sa.Connection) -> list[dict]:
    """The subscribed feeds with their health."""
    from .sources_admin import feed_rows

    return feed_rows(store, conn)
