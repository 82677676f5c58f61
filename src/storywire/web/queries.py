"""What the pages and the API show: view models (plain dicts) made from what the store's methods
return (one place, so both agree), and the checks of ids and days they take from URLs.

Every reading function takes the store and an open read connection; none writes, and none runs SQL.
"""
from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

from ..clock import utcnow
from ..errors import InputError, NotFound
from ..models import Article, Story, known_outlets, public_story
from ..rank import Preferences, reader_preferences, top_stories
from ..store.articles import UNKNOWN_OUTLET
from ..store.base import Connection, Store
from ..store.briefings import StoredBriefing
from .auth import Viewer
from .cache import TTLCache

MAX_ID = 2**63 - 1  # the stores' keys are signed 64-bit integers
PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
OPENED_MEMORY = timedelta(days=7)
NEWEST_MATCHES = 1000  # a search ranks the newest this many matching articles, unless older ones are asked for,
RECENT_ARTICLES = 100_000  # among the articles with the newest this many ids (whatever the store holds)


def prefs_for(store: Store, conn: Connection, viewer: Viewer) -> Preferences | None:
    """The reader's follows, mutes and recently opened stories, as ranking takes them."""
    if viewer.id is None:
        return None
    return reader_preferences(store, conn, viewer.id, opened_since=utcnow() - OPENED_MEMORY)


def card(story: Story, outlets: list[str] | tuple[str, ...], times: list, score: float | None = None,
         reasons: tuple[str, ...] = ()) -> dict:
    """One story as the river, search and entity pages list it (articles of unknown outlet are no outlet)."""
    outlets = list(known_outlets(outlets))
    return {
        "id": story.id, "title": story.title or "(untitled story)", "summary": story.summary,
        "outlets": outlets, "outlet_count": len(outlets), "article_count": story.article_count,
        "first_seen": story.first_seen, "last_seen": story.last_seen, "score": score,
        "reasons": list(reasons), "times": times,
    }


def river(store: Store, conn: Connection, viewer: Viewer, view: str = "top", limit: int = PAGE_SIZE,
          offset: int = 0, cache: TTLCache | None = None, until: date | None = None) -> tuple[list[dict], bool]:
    """The ranked stories of a page (``view``: top, or foryou with the reader's preferences) and
    whether another page follows; with ``until``, those of the days up to that day (see :func:`river_end`).
    With ``cache``, a page is reused until the stories change."""
    if view not in ("top", "foryou"):
        raise InputError(f"view {view!r}: use top or foryou")
    prefs = prefs_for(store, conn, viewer) if view == "foryou" else None
    if view == "foryou" and prefs is None:
        raise InputError("\"For you\" needs a logged-in reader")

    def compute() -> tuple[list[dict], bool]:
        ranked = top_stories(store, conn, limit=limit + 1, offset=offset, prefs=prefs, until=river_end(until))
        times = store.article_times(conn, [r.story.id for r in ranked[:limit]])
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
        cards, more = cache.get((view, limit, offset, prefs, until), store.story_version(conn), compute)
    return [dict(c) for c in cards], more  # callers may add fields; the cached cards stay as they were


RIVER_DAYS = (date(1900, 1, 1), date(9998, 12, 31))  # a river's last day: news, and room for its neighbours


def river_day(value: str | None) -> date | None:
    """A YYYY-MM-DD last day of a river period (``until``), from RIVER_DAYS."""
    day = parse_day(value, "until")
    if day is not None and not RIVER_DAYS[0] <= day <= RIVER_DAYS[1]:
        raise InputError(f"until {value!r}: use a date from {RIVER_DAYS[0]} to {RIVER_DAYS[1]}")
    return day


def river_end(until: date | None) -> datetime | None:
    """Where a river of the days up to ``until`` ends: the start of the day after (None: no end)."""
    return datetime.combine(until + timedelta(days=1), time.min, UTC) if until else None


def stories_by_ids(store: Store, conn: Connection, ids: list[int], details: bool = True) -> list[dict]:
    """Cards for the given live stories, in the given order; without ``details``, no outlet names or
    article times (two fewer queries, for lists that show only titles and counts)."""
    if not ids:
        return []
    by_id = {s.id: s for s in store.live_stories(conn, ids)}
    if not details:
        return [{**card(by_id[i], [], []), "outlet_count": by_id[i].source_count} for i in ids if i in by_id]
    outlets = store.story_sources(conn, list(by_id))
    times = store.article_times(conn, list(by_id))
    return [card(by_id[i], outlets.get(i, []), times.get(i, [])) for i in ids if i in by_id]


def undated_cards(store: Store, conn: Connection, limit: int) -> list[dict]:
    """Cards for the stories of undated articles (not ranked: they have no place in time), latest first."""
    return stories_by_ids(store, conn, [s.id for s in store.undated_stories(conn, limit)]) if limit > 0 else []


def story_detail(store: Store, conn: Connection, story_id: int) -> dict:
    """The story, its articles (oldest first, numbered) and its stored coverage analysis (None if pending)."""
    story = store.get_story(conn, story_id)
    arts = store.story_articles(conn, story.id)
    analysis = store.get_analysis(conn, story.id)
    numbers = {a.id: n for n, a in enumerate(arts, 1)}
    outlets = sorted(set(known_outlets(a.source for a in arts)))
    return {"story": story, "articles": arts, "analysis": analysis, "numbers": numbers, "outlets": outlets}


def story_object(detail: dict) -> dict:
    """The API's story object: the stored analysis (as ``storywire story ID --json`` prints it) plus
    counts; while analysis is pending, the same keys with what is known."""
    story: Story = detail["story"]
    data = public_story(detail["analysis"] or {
        "id": story.id, "title": story.title,
        "articles": [{"id": a.id, "source": a.source, "title": a.title, "url": a.url,
                      "published": a.published.isoformat() if a.published else None} for a in detail["articles"]],
        "shared_passages": [], "unique_passages": [], "origins": [], "quotes": [], "entities": [], "summary": [],
        "timeline": [{"article_id": a.id, "source": a.source, "time": a.published.isoformat()}
                     for a in detail["articles"] if a.published is not None],  # undated articles have no place
    })
    data["id"] = story.id
    data.update(analysed=detail["analysis"] is not None, outlets=detail["outlets"],
                article_count=story.article_count, outlet_count=story.source_count,
                first_seen=story.first_seen, last_seen=story.last_seen)
    return data


def near_duplicates(store: Store, conn: Connection, art: Article) -> list[dict]:
    """Articles that are near-copies of this one: its original, its copies, and copies of the same original."""
    root = art.duplicate_of or art.id
    found = store.copies_of(conn, root, exclude_id=art.id)
    out = []
    for other in store.get_articles(conn, list(found)):
        relation = "original" if other.id == root else "copy"
        sim = art.dup_similarity if relation == "original" else found[other.id]
        out.append({"article": other, "relation": relation, "similarity": sim})
    return out


def article_dict(a: Article, with_text: bool = False) -> dict:
    """One article as the API and the search page give it: ``source`` None when the outlet is not known,
    ``published`` None when undated (``fetched`` is only when storywire read it), ``headline_only`` when
    no text was stored."""
    out = {"id": a.id, "source": None if a.source == UNKNOWN_OUTLET else a.source, "title": a.title, "url": a.url,
           "published": a.published, "fetched": a.fetched, "language": a.language, "authors": list(a.authors),
           "section": a.section, "story_id": a.story_id, "duplicate_of": a.duplicate_of,
           "headline_only": a.headline_only}
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
        day = date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"{field} {value!r}: use a date like 2022-02-04") from None
    if day >= date.max:
        raise InputError(f"{field} {value!r}: use a date before {date.max.isoformat()}")
    return day


def search(store: Store, conn: Connection, q: str, outlet: str | None = None, since: date | None = None,
           until: date | None = None, entity: str | None = None, limit: int = 50, offset: int = 0,
           older: bool = False, within: int | None = None, recent: int | None = None) -> dict:
    """Full-text hits (best first) grouped by story; a story's place is that of its best hit.

    Without dates or ``older``, only the ``within`` (NEWEST_MATCHES) newest matching articles among the
    ``recent`` (RECENT_ARTICLES) newest are ranked (``scope`` "newest"; ``older`` says whether any article was
    left out): a common word costs no more than a rare one, a large store no more than a small one. With dates
    or ``older``, every match is ranked (``scope`` "all")."""
    q = (q or "").strip()
    within = within or NEWEST_MATCHES
    recent = recent or RECENT_ARTICLES
    scope = "all" if older or since or until else "newest"
    if not q:
        return {"query": q, "groups": [], "total_hits": 0, "more": False, "scope": scope, "older": False,
                "within": within, "recent": recent}
    if len(q) > 300:
        raise InputError("the search is too long (at most 300 characters)")
    has_older = False
    if scope == "newest":
        found, has_older = store.search_newest(conn, q, within, recent=recent, outlet=outlet, entity=entity)
        hits = found[offset:offset + limit + 1]
    else:
        hits = store.search_articles(
            conn, q, limit + 1, offset, outlet=outlet, entity=entity,
            since=datetime.combine(since, time.min, UTC) if since else None,
            before=datetime.combine(until + timedelta(days=1), time.min, UTC) if until else None)
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
    return {"query": q, "groups": list(groups.values()), "total_hits": len(arts), "more": more, "scope": scope,
            "older": has_older, "within": within, "recent": recent}


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


def briefing_list(store: Store, conn: Connection, user_id: int | None, limit: int,
                  offset: int) -> tuple[list[dict], bool]:
    """The reader's briefings and the shared ones (no user), newest first."""
    found = store.list_briefings(conn, user_id, limit + 1, offset, include_global=True)
    return [briefing_dict(b) for b in found[:limit]], len(found) > limit


def briefing_one(store: Store, conn: Connection, user_id: int | None, briefing_id: int) -> dict:
    """One briefing, if it is the reader's or a shared one."""
    found = store.get_briefing(conn, briefing_id)
    if found.user_id is not None and found.user_id != user_id:
        raise NotFound(f"no briefing with id {briefing_id}")  # another reader's briefing is not revealed
    return briefing_dict(found)


def briefing_dict(b: StoredBriefing) -> dict:
    return {"id": b.id, "created": b.created, "title": b.title, "period_start": b.period_start,
            "period_end": b.period_end, "data": b.data}


def collection_status(store: Store, conn: Connection) -> dict:
    """What the collector is doing, for a river with no story yet: how many feeds are followed, how many
    fail (and a sample error), whether none was ever reached (offline?), and when the next try is."""
    feeds = store.list_feeds(conn)
    failing = [f for f in feeds if f.health in ("failing", "backed off", "unreachable")]
    reached = [f for f in feeds if f.last_success is not None]
    due = store.next_due(conn) if feeds else None
    return {"feeds": len(feeds), "failing": len(failing), "reached": len(reached),
            "never_checked": sum(1 for f in feeds if f.last_checked is None),
            "articles": sum(f.articles for f in feeds),
            "error": next((f.last_error for f in failing if f.last_error), None),
            "offline": bool(feeds) and len(failing) == len(feeds) and not reached,
            "next_check": due if due is not None and due.year > 1 else None}


SOURCES_PAGE_SIZE = 50


def _page_of(rows: list, page_no: int, size: int) -> dict:
    """One page of ``rows``: {rows, total, page, pages}; a page past the end shows the last one."""
    pages = max(1, -(-len(rows) // size))
    page_no = min(max(1, page_no), pages)
    return {"rows": rows[(page_no - 1) * size:page_no * size], "total": len(rows), "page": page_no, "pages": pages}


def sources_page(feed_rows: list[dict], outlets: list[dict], q: str, feeds_page: int, outlets_page: int,
                 size: int = SOURCES_PAGE_SIZE) -> dict:
    """The feeds and outlets matching ``q`` (any part of a name, address or category, any case), a page of each."""
    q = " ".join((q or "").split())
    if len(q) > 200:
        raise InputError("the filter is too long (at most 200 characters)")
    needle = q.lower()
    if needle:
        feed_rows = [f for f in feed_rows
                     if any(needle in (f.get(k) or "").lower() for k in ("name", "url", "category"))]
        outlets = [o for o in outlets if needle in o["name"].lower()]
    return {"q": q, "feeds": _page_of(feed_rows, feeds_page, size), "outlets": _page_of(outlets, outlets_page, size)}


def _type_of(schema: dict) -> str:
    """A parameter's or field's type in words: "integer", "string: top | foryou", "list of string"."""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " or ".join(_type_of(s) for s in schema["anyOf"] if s.get("type") != "null")
    if schema.get("type") == "array":
        return "list of " + _type_of(schema.get("items", {}))
    kind = schema.get("type", "any")
    return kind + (": " + " | ".join(str(e) for e in schema["enum"]) if "enum" in schema else "")


def _fields(spec: dict, schema: dict) -> list[dict]:
    """The fields of a request body's schema (one $ref deep), as rows the docs page shows."""
    if "$ref" in schema:
        schema = spec.get("components", {}).get("schemas", {}).get(schema["$ref"].rsplit("/", 1)[-1], {})
    required = set(schema.get("required", ()))
    return [{"name": name, "type": _type_of(f), "required": name in required, "default": f.get("default"),
             "description": f.get("description", "")} for name, f in schema.get("properties", {}).items()]


def api_reference(spec: dict) -> dict:
    """The OpenAPI document as the docs page shows it: its description, and each operation with its
    parameters, request body fields and response codes, grouped by tag in path order."""
    groups: dict[str, list[dict]] = {}
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            params = [{"name": p["name"], "where": p["in"], "type": _type_of(p.get("schema", {})),
                       "required": p.get("required", False), "default": p.get("schema", {}).get("default"),
                       "description": p.get("description", "")} for p in op.get("parameters", [])]
            body: dict = op.get("requestBody", {}).get("content", {})
            body_schema: dict = next(iter(body.values())).get("schema", {}) if body else {}
            groups.setdefault((op.get("tags") or ["api"])[0], []).append({
                "method": method.upper(), "path": path, "summary": op.get("summary", ""),
                "description": op.get("description", ""), "params": params,
                "body": _fields(spec, body_schema) if body_schema else [],
                "responses": sorted(op.get("responses", {})), "id": op.get("operationId", f"{method}-{path}")})
    info = spec.get("info", {})
    return {"title": info.get("title", ""), "version": info.get("version", ""),
            "description": info.get("description", ""), "groups": groups}


def with_read_state(store: Store, conn: Connection, viewer: Viewer, cards: list[dict]) -> int | None:
    """Add the reader's state of each story to its card (``read``: unread, read or updated; ``new``: how many
    articles came since they read it; ``opened``: whether they opened it) and return their unread article
    count (None for anonymous readers)."""
    if viewer.id is None:
        return None
    states = store.story_read_state(conn, viewer.id, [c["id"] for c in cards])
    opened = store.opened_stories(conn, viewer.id)  # "read" is said only of stories the reader opened: an
    for c in cards:                                 # old story nobody opened is read only by its age
        state = states.get(c["id"])
        c["read"] = state.state if state else None
        c["new"] = len(state.new_article_ids) if state else 0
        c["opened"] = c["id"] in opened
    return store.unread_counts(conn, viewer.id).total
