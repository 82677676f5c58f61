"""The JSON API under /api/v1 (OpenAPI at /api/v1/openapi.json).

Auth: ``Authorization: Bearer <token>`` (``storywire users token NAME`` or the account page), or the
web session cookie plus ``X-CSRF-Token`` for writes. Lists are paginated with ``limit`` and
``offset`` and say where the next page is. Errors are ``{"error": {"status", "message"}}``.
"""
from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.encoders import jsonable_encoder
from pydantic import BaseModel, Field
from starlette.responses import JSONResponse

from ..errors import AuthError
from ..ingest import subscribe
from . import queries, sources_admin
from .auth import Viewer, api_user, api_viewer, require_admin

router = APIRouter(prefix="/api/v1", tags=["api"])

Limit = Query(queries.PAGE_SIZE, ge=1, le=queries.MAX_PAGE_SIZE, description="Items per page (1-100).")
Offset = Query(0, ge=0, le=1_000_000, description="Items to skip.")


def _json(data: Any, status_code: int = 200) -> JSONResponse:
    return JSONResponse(jsonable_encoder(data), status_code=status_code)


def _page(request: Request, items: list, limit: int, offset: int, more: bool, **extra) -> JSONResponse:
    nxt = str(request.url.include_query_params(offset=offset + limit, limit=limit)) if more else None
    return _json({"items": items, "limit": limit, "offset": offset, "next": nxt, **extra})


@router.get("/me", summary="The user the token belongs to")
def me(request: Request, viewer: Viewer = Depends(api_user)):
    return _json({"id": viewer.id, "name": viewer.name, "is_admin": viewer.is_admin})


@router.get("/stories", summary="Top stories, or the reader's \"For you\" (view=foryou)")
def stories(request: Request, view: Literal["top", "foryou"] = "top", limit: int = Limit, offset: int = Offset,
            until: str | None = Query(None, description="YYYY-MM-DD: the top stories of the 7 days to that day"),
            viewer: Viewer = Depends(api_viewer)):
    store = request.app.state.store
    if view == "foryou" and viewer.user is None:
        raise AuthError("view=foryou needs a user: send `Authorization: Bearer <token>`")
    with store.read() as conn:
        cards, more = queries.river(store, conn, viewer, view, limit=limit, offset=offset,
                                    cache=request.app.state.river_cache, until=queries.river_day(until))
    for c in cards:
        c["times"] = [{"source": s, "time": t, "article_id": a} for s, t, a in c["times"]]
        c["url"] = str(request.url_for("story", story_id=c["id"]))
    return _page(request, cards, limit, offset, more, view=view)


@router.get("/stories/{story_id}", summary="One story: everything the story page shows")
def story(request: Request, story_id: int, viewer: Viewer = Depends(api_viewer)):
    queries.checked_id(story_id, "story")
    store = request.app.state.store
    with store.read() as conn:
        detail = queries.story_detail(store, conn, story_id)
    return _json(queries.story_object(detail))


@router.get("/articles", summary="Recent articles, newest first")
def articles(request: Request, source: str | None = None, limit: int = Limit, offset: int = Offset,
             viewer: Viewer = Depends(api_viewer)):
    store = request.app.state.store
    with store.read() as conn:
        arts = store.recent_articles(conn, limit=limit + 1, offset=offset, source=source)
    return _page(request, [queries.article_dict(a) for a in arts[:limit]], limit, offset, len(arts) > limit)


@router.get("/articles/{article_id}", summary="One article with its clean text and near-duplicates")
def article(request: Request, article_id: int, viewer: Viewer = Depends(api_viewer)):
    queries.checked_id(article_id, "article")
    store = request.app.state.store
    with store.read() as conn:
        art = store.get_article(conn, article_id)
        dups = queries.near_duplicates(store, conn, art)
    data = queries.article_dict(art, with_text=True)
    data["near_duplicates"] = [{"id": d["article"].id, "source": d["article"].source, "title": d["article"].title,
                                "relation": d["relation"], "similarity": d["similarity"]} for d in dups]
    return _json(data)


@router.get("/search", summary="Full-text search, hits grouped by story")
def search(request: Request, q: str = Query(..., min_length=1, max_length=300), source: str | None = None,
           since: str | None = Query(None, description="YYYY-MM-DD"),
           until: str | None = Query(None, description="YYYY-MM-DD"), entity: str | None = None,
           older: bool = Query(False, description="Rank every match, not only the newest 1,000 of the latest "
                                                    "100,000 articles stored (slower)"),
           limit: int = Limit, offset: int = Offset, viewer: Viewer = Depends(api_viewer)):
    store = request.app.state.store
    with store.read() as conn:
        result = queries.search(store, conn, q, source, queries.parse_day(since, "since"),
                                queries.parse_day(until, "until"), entity, limit=limit, offset=offset, older=older)
    for g in result["groups"]:
        if g["story"]:
            for key in ("times", "outlets"):
                g["story"].pop(key, None)
    return _page(request, result["groups"], limit, offset, result["more"], query=result["query"],
                 total_hits=result["total_hits"], scope=result["scope"], older=result["older"],
                 within=result["within"], recent=result["recent"])


@router.get("/entities/{name}", summary="An entity and the stories that mention it")
def entity(request: Request, name: str, limit: int = Limit, viewer: Viewer = Depends(api_viewer)):
    store = request.app.state.store
    with store.read() as conn:
        info = store.entity_info(conn, name)
        cards = queries.stories_by_ids(store, conn, store.entity_stories(conn, info["name"], limit=limit))
    for c in cards:
        c.pop("times", None)
    return _json({**info, "stories": cards})


@router.get("/sources", summary="Outlets (with article counts) and feeds (with health)")
def sources(request: Request, viewer: Viewer = Depends(api_viewer)):
    store = request.app.state.store
    with store.read() as conn:
        return _json({"outlets": store.list_sources(conn), "feeds": sources_admin.feed_rows(store, conn)})


class FeedIn(BaseModel):
    url: str = Field(..., min_length=1, max_length=2000, description="The feed's URL (or a page announcing one).")
    title: str | None = Field(None, max_length=500)
    category: str | None = Field(None, max_length=200)


@router.post("/sources/feeds", status_code=201, summary="Subscribe to a feed (admin)")
def add_feed(request: Request, body: FeedIn, viewer: Viewer = Depends(api_user)):
    require_admin(viewer)
    feed = subscribe.add_feed(request.app.state.store, request.app.state.settings, body.url, body.title,
                                  body.category)
    return _json(feed, status_code=201 if feed["new"] else 200)


@router.delete("/sources/feeds/{feed_id}", summary="Unsubscribe from a feed (admin)")
def remove_feed(request: Request, feed_id: int, viewer: Viewer = Depends(api_user)):
    require_admin(viewer)
    queries.checked_id(feed_id, "feed")
    sources_admin.remove_feed(request.app.state.store, feed_id)
    return _json({"deleted": feed_id})


class PreferenceIn(BaseModel):
    kind: Literal["source", "entity", "keyword"]
    value: str = Field(..., min_length=1, max_length=200)
    action: Literal["follow", "mute"]


@router.get("/preferences", summary="The reader's follows and mutes")
def preferences(request: Request, viewer: Viewer = Depends(api_user)):
    store = request.app.state.store
    with store.read() as conn:
        return _json({"items": store.list_preferences(conn, viewer.id)})


@router.post("/preferences", status_code=201, summary="Follow or mute an outlet, entity or keyword")
def set_preference(request: Request, body: PreferenceIn, viewer: Viewer = Depends(api_user)):
    store = request.app.state.store
    with store.atomic() as conn:
        pref = store.set_preference(conn, viewer.id, body.kind, body.value, body.action)
    return _json(pref, status_code=201)


@router.delete("/preferences", summary="Stop following or muting a value")
def delete_preference(request: Request, kind: Literal["source", "entity", "keyword"], value: str,
                      viewer: Viewer = Depends(api_user)):
    store = request.app.state.store
    with store.atomic() as conn:
        store.remove_preference(conn, viewer.id, kind, value)
    return _json({"deleted": {"kind": kind, "value": value}})


@router.get("/briefings", summary="The reader's briefings (and shared ones), newest first")
def briefings(request: Request, limit: int = Limit, offset: int = Offset, viewer: Viewer = Depends(api_viewer)):
    store = request.app.state.store
    with store.read() as conn:
        items, more = queries.briefing_list(store, conn, viewer.id, limit, offset)
    return _page(request, items, limit, offset, more)


@router.get("/briefings/{briefing_id}", summary="One briefing")
def briefing(request: Request, briefing_id: int, viewer: Viewer = Depends(api_viewer)):
    queries.checked_id(briefing_id, "briefing")
    store = request.app.state.store
    with store.read() as conn:
        return _json(queries.briefing_one(store, conn, viewer.id, briefing_id))
