"""Reading state in the web pages: the reader's own feeds and folders with unread counts, read/unread and
save for articles and stories, mark all as read, the Saved page, and personal subscriptions.

The state itself is the store's (``store/reading.py``). Every change is a plain POST form with the
session's CSRF token that redirects back (so pages work without script; ``static/shortcuts.js`` only
clicks these buttons). "Mark all as read" takes the time the page was made (``before``): what arrived
since stays unread.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import RedirectResponse

from ..clock import utcnow
from ..errors import InputError, StorywireError
from ..ingest.subscribe import follow_feed
from ..store.base import Store
from ..store.reading import StreamEntry, StreamQuery
from . import queries
from .auth import Viewer, check_csrf, page_user
from .pages import NOTICES, _page_number, _redirect
from .render import page

router = APIRouter(include_in_schema=False)
STREAM_PAGE_SIZE = 30
SAVED_PAGE_SIZE = 30

NOTICES.update({
    "marked-read": "Marked as read.",
    "subscribed": "Subscribed. Its articles arrive with the next fetch round.",
    "unsubscribed": "Unsubscribed. The articles you saved stay saved.",
    "moved": "Moved.",
})


def _flag(value: str) -> bool:
    if value not in ("0", "1"):
        raise InputError("use 1 (yes) or 0 (no)")
    return value == "1"


def _before(value: str) -> datetime | None:
    """The time a page was made (ISO 8601, from its form); none or a bad one: now."""
    try:
        when = datetime.fromisoformat(value) if value else None
    except ValueError:
        raise InputError(f"before {value!r}: not a time") from None
    if when is not None and when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when


# -- marks on articles and stories -------------------------------------------------------------------
@router.post("/reading/articles/{article_id}/read")
def mark_article(request: Request, article_id: int, read: str = Form("1"), csrf_token: str = Form(""),
                 next: str = Form("/"), viewer: Viewer = Depends(page_user)) -> RedirectResponse:
    return _mark_article(request, viewer, csrf_token, Store.mark_read, article_id, read, next)


@router.post("/reading/articles/{article_id}/save")
def save_article(request: Request, article_id: int, saved: str = Form("1"), csrf_token: str = Form(""),
                 next: str = Form("/saved"), viewer: Viewer = Depends(page_user)) -> RedirectResponse:
    return _mark_article(request, viewer, csrf_token, Store.set_starred, article_id, saved, next)


def _mark_article(request: Request, viewer: Viewer, csrf_token: str, mark: Callable[..., int], article_id: int,
                  value: str, next_url: str) -> RedirectResponse:
    """Set one of the reader's marks on an article (``mark``: Store.mark_read or Store.set_starred) to
    ``value`` (1 or 0), then go back to ``next_url``."""
    check_csrf(viewer, csrf_token)
    queries.checked_id(article_id, "article")
    store = request.app.state.store
    with store.atomic() as conn:
        if not mark(store, conn, viewer.id, [article_id], _flag(value)):
            raise InputError(f"no article with id {article_id}")
    return _redirect(next_url)


@router.post("/reading/stories/read")
def mark_stories(request: Request, story_id: list[int] = Form(...), read: str = Form("1"), before: str = Form(""),
                 csrf_token: str = Form(""), next: str = Form("/"),
                 viewer: Viewer = Depends(page_user)) -> RedirectResponse:
    """Mark whole stories read (what arrived after ``before`` stays unread) or unread."""
    check_csrf(viewer, csrf_token)
    if len(story_id) > 200:
        raise InputError("at most 200 stories at once")
    store = request.app.state.store
    when = _before(before)
    with store.atomic() as conn:
        for sid in story_id:
            queries.checked_id(sid, "story")
            if _flag(read):
                store.mark_all_read(conn, viewer.id, story_id=sid, before=when)
            else:
                store.mark_read(conn, viewer.id, [a.id for a in store.story_articles(conn, sid)], read=False)
    return _redirect(next, "marked-read" if len(story_id) > 1 else None)


@router.post("/reading/read-all")
def mark_all(request: Request, feed_id: int | None = Form(None), folder: str = Form(""), before: str = Form(""),
             csrf_token: str = Form(""), next: str = Form("/reading"),
             viewer: Viewer = Depends(page_user)) -> RedirectResponse:
    """Mark read everything unread in the reader's feeds, or in one feed or folder."""
    check_csrf(viewer, csrf_token)
    if feed_id is not None:
        queries.checked_id(feed_id, "feed")
    store = request.app.state.store
    with store.atomic() as conn:
        store.mark_all_read(conn, viewer.id, feed_id=feed_id, folder=folder or None, before=_before(before))
    return _redirect(next, "marked-read")


# -- the reader's feeds ------------------------------------------------------------------------------
@router.get("/reading")
def reading(request: Request, feed: int | None = Query(None), folder: str = "", after: str = "",
            after_id: int | None = Query(None), viewer: Viewer = Depends(page_user)):
    """The reader's feeds by folder with unread counts, and the articles of all, one folder or one feed."""
    cursor = StreamEntry(after_id, when) if after_id and (when := _before(after)) else None
    return _reading_page(request, viewer, feed, folder, cursor)


def _reading_page(request: Request, viewer: Viewer, feed: int | None = None, folder: str = "",
                  cursor: StreamEntry | None = None, error: str | None = None, status_code: int = 200):
    store = request.app.state.store
    made = utcnow()
    with store.read() as conn:
        subs = store.list_subscriptions(conn, viewer.id)
        counts = store.unread_counts(conn, viewer.id)
        entries = store.stream(conn, viewer.id, StreamQuery(feed_id=feed, folder=folder or None),
                               STREAM_PAGE_SIZE + 1, after=cursor)
        items = store.reading_items(conn, viewer.id, [e.article_id for e in entries[:STREAM_PAGE_SIZE]])
    last = entries[STREAM_PAGE_SIZE - 1] if len(entries) > STREAM_PAGE_SIZE else None
    title = next((s.title for s in subs if s.feed_id == feed), "Feed") if feed else folder or "All your feeds"
    return page(request, "reading.html", viewer, subs=subs, counts=counts, items=items, feed=feed, folder=folder,
                title=title, next_page=last, made=made.isoformat(), active="reading", error=error,
                here=str(request.url.path) + ("?" + request.url.query if request.url.query else ""),
                status_code=status_code, notice=NOTICES.get(request.query_params.get("done", "")))


@router.post("/reading/subscriptions")
def subscribe(request: Request, url: str = Form(""), folder: str = Form(""), csrf_token: str = Form(""),
              viewer: Viewer = Depends(page_user)):
    """Follow a feed for oneself: checked like an admin's (the guarded fetcher: no private addresses)."""
    check_csrf(viewer, csrf_token)
    assert viewer.id is not None  # page_user lets in signed-in readers only
    try:
        follow_feed(request.app.state.store, request.app.state.settings, viewer.id, url, folder=folder)
    except StorywireError as exc:
        return _reading_page(request, viewer, error=str(exc), status_code=400)
    return _redirect("/reading", "subscribed")


@router.post("/reading/subscriptions/{feed_id}/delete")
def unsubscribe(request: Request, feed_id: int, csrf_token: str = Form(""),
                viewer: Viewer = Depends(page_user)) -> RedirectResponse:
    check_csrf(viewer, csrf_token)
    queries.checked_id(feed_id, "feed")
    store = request.app.state.store
    with store.atomic() as conn:
        store.unsubscribe(conn, viewer.id, feed_id)
    return _redirect("/reading", "unsubscribed")


@router.post("/reading/subscriptions/{feed_id}/folder")
def move(request: Request, feed_id: int, folder: str = Form(""), csrf_token: str = Form(""),
         viewer: Viewer = Depends(page_user)) -> RedirectResponse:
    check_csrf(viewer, csrf_token)
    queries.checked_id(feed_id, "feed")
    store = request.app.state.store
    with store.atomic() as conn:
        store.move_subscription(conn, viewer.id, feed_id, folder or None)
    return _redirect(f"/reading?feed={feed_id}", "moved")


# -- saved -------------------------------------------------------------------------------------------
@router.get("/saved")
def saved(request: Request, page_no: int = Query(1, alias="page"), viewer: Viewer = Depends(page_user)):
    page_no = _page_number(page_no)
    store = request.app.state.store
    with store.read() as conn:
        items = store.saved_articles(conn, viewer.id, SAVED_PAGE_SIZE + 1, (page_no - 1) * SAVED_PAGE_SIZE)
        total = store.count_saved(conn, viewer.id)
    return page(request, "saved.html", viewer, items=items[:SAVED_PAGE_SIZE], more=len(items) > SAVED_PAGE_SIZE,
                page_no=page_no, total=total, active="saved",
                here="/saved" + (f"?page={page_no}" if page_no > 1 else ""))
