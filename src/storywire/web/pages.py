"""The HTML pages: river, story, article, search, entity; login; follow/mute; account.

Handlers are plain (sync) functions: FastAPI runs them in its thread pool, and the store is
synchronous. Every POST checks the session's CSRF token before touching anything.
"""
from __future__ import annotations

import hmac
from datetime import date, datetime
from functools import partial
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from ..brief.model import Briefing
from ..clock import utcnow
from ..errors import AuthError, InputError, NotFound
from ..models import outlet_label
from ..rank import ranking_period
from ..rank.top import TOP_PERIOD
from ..store.accounts import SESSION_TTL
from ..store.base import Store
from . import logins, queries
from .auth import (
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    Forbidden,
    Viewer,
    after_response,
    check_csrf,
    local_path,
    new_login_csrf,
    page_user,
    page_viewer,
    resolve,
    safe_next,
)
from .highlight import segments, shared_share
from .render import page

router = APIRouter(include_in_schema=False)
MAX_COLUMNS = 12
# How much of each long part of a story page shows before its "show all" (a <details>): a story of fifty
# articles stays a page one scrolls through, not a wall.
STORY_LIMITS = {"covered": 8, "paragraphs": 4, "passages": 6, "adds": 4, "adds_each": 3, "quotes": 8,
                "carriers": 4}

NOTICES = {
    "followed": "Saved. \u201cFor you\u201d now follows it.",
    "muted": "Muted. It is gone from \u201cFor you\u201d.",
    "removed": "Removed from your follows and mutes.",
    "feed-added": "Feed added. Its articles arrive with the next fetch round.",
    "feed-removed": "Feed removed.",
    "feed-known": "Already subscribed to that feed.",
    "opml-imported": "OPML imported.",
    "user-added": "User added.",
    "user-removed": "User removed.",
    "token-revoked": "Token revoked.",
    "password-changed": "Password changed. Other sessions were logged out.",
    "welcome": "Your admin account is ready. Stories appear as the feeds are fetched; add or import feeds on "
               "the Sources page.",
}


def _redirect(path: str, notice: str | None = None) -> RedirectResponse:
    path = safe_next(path)
    if notice:
        path += ("&" if "?" in path else "?") + "done=" + notice
    return RedirectResponse(path, status_code=303)


def _page_number(page_no: int) -> int:
    if page_no < 1 or page_no > 10_000:
        raise InputError("page must be between 1 and 10000")
    return page_no


# -- river ----------------------------------------------------------------------------------------
@router.get("/")
def river(request: Request, page_no: int = Query(1, alias="page"), until: str = "",
          viewer: Viewer = Depends(page_viewer)):
    return _river(request, viewer, "top", page_no, until)


@router.get("/for-you")
def for_you(request: Request, page_no: int = Query(1, alias="page"), until: str = "",
            viewer: Viewer = Depends(page_user)):
    return _river(request, viewer, "foryou", page_no, until)


def _river(request: Request, viewer: Viewer, view: str, page_no: int, until_text: str):
    page_no = _page_number(page_no)
    until = queries.river_day(until_text)
    store = request.app.state.store
    size = queries.PAGE_SIZE
    with store.read() as conn:
        cards, more = queries.river(store, conn, viewer, view, limit=size, offset=(page_no - 1) * size,
                                    cache=request.app.state.river_cache, until=until)
        prefs = store.list_preferences(conn, viewer.id) if view == "foryou" else []
        # stories of undated articles are never ranked; the first page of top stories lists them after the rest
        undated = (queries.undated_cards(store, conn, size - len(cards))
                   if view == "top" and page_no == 1 and not more else [])
        status = queries.collection_status(store, conn) if not cards and not undated and page_no == 1 else None
        unread = queries.with_read_state(store, conn, viewer, cards + undated)
        weeks = _river_weeks(store, conn, until)
    return page(request, "river.html", viewer, view=view, cards=cards, page_no=page_no, more=more, prefs=prefs,
                undated=undated, status=status, unread=unread, weeks=weeks, made=utcnow().isoformat(),
                here=local_path(request),
                notice=NOTICES.get(request.query_params.get("done", "")))


def _river_weeks(store: Store, conn, until: date | None) -> dict:
    """The river's period for the page: its days (``days``, ``last_day``), whether the store has a dated story
    (``any``), whether it holds only older news (``archive``) or a past period was asked for (``past``), and the
    ``until`` days of the periods before and after (``later`` None: the latest is next)."""
    period = ranking_period(store, conn, until=queries.river_end(until))
    last_day = until or period.now.date()
    newest = store.newest_story_time(conn)
    later = last_day + TOP_PERIOD if until and newest and last_day + TOP_PERIOD < newest.date() else None
    return {"any": newest is not None, "days": TOP_PERIOD.days, "last_day": last_day, "archive": period.archive,
            "past": period.past, "earlier": last_day - TOP_PERIOD, "later": later,
            "query": f"until={until.isoformat()}&" if until else ""}


# -- story and article ------------------------------------------------------------------------------
@router.get("/story/{story_id}")
def story(request: Request, story_id: int, viewer: Viewer = Depends(page_viewer)):
    queries.checked_id(story_id, "story")
    store = request.app.state.store
    with store.read() as conn:
        detail = queries.story_detail(store, conn, story_id)
        prefs = {(p["kind"], p["value"].lower()): p["action"] for p in store.list_preferences(conn, viewer.id)} \
            if viewer.user else {}
    if detail["story"].id != story_id:  # merged into another story since the link was made
        return RedirectResponse(f"/story/{detail['story'].id}", status_code=301)
    analysis = detail["analysis"] or {}
    passages = analysis.get("shared_passages", [])
    info = {a["id"]: a for a in analysis.get("articles", [])}
    covered = [{"article": a, "number": detail["numbers"][a.id], "share": info.get(a.id, {}).get("share_shared"),
                "origin": info.get(a.id, {}).get("origin")} for a in detail["articles"]]
    # Side by side shows the first MAX_COLUMNS original reports (near-copies after them): beyond a
    # dozen columns nobody compares, and the page stays light. "Who covered it" lists every article.
    chosen = sorted(covered, key=lambda c: (c["article"].duplicate_of is not None, c["number"]))[:MAX_COLUMNS]
    columns = []
    for col in sorted(chosen, key=lambda c: c["number"]):
        col["pieces"] = segments(col["article"].text, col["article"].id, passages)
        if col["share"] is None:
            col["share"] = shared_share(col["pieces"])
        columns.append(col)
    # undated articles have no place on the timeline (their fetch time is not when they were published)
    timeline_rows = [(outlet_label(a.source), a.published, a.id) for a in detail["articles"] if a.published is not None]
    reading = _story_reading(store, viewer.id, detail) if viewer.id is not None else None
    response = page(request, "story.html", viewer, story=detail["story"], analysis=analysis, columns=columns,
                    covered=covered, shown={c["article"].id for c in columns},
                    numbers=detail["numbers"], outlets=detail["outlets"], timeline_rows=timeline_rows, prefs=prefs,
                    limits=STORY_LIMITS, reading=reading, here=local_path(request), made=utcnow().isoformat())
    if viewer.id is not None:
        after_response(request, partial(_record_open, store, viewer.id, detail["story"].id, utcnow()))
    return response


def _story_reading(store: Store, user_id: int, detail: dict) -> dict:
    """The reader's state of the story as they open it (before opening marks it read): its state, the
    articles new since they read it, and each article's (read, saved)."""
    story_id = detail["story"].id
    with store.read() as conn:
        state = store.story_read_state(conn, user_id, [story_id]).get(story_id)
        marks = store.article_read_states(conn, user_id, [a.id for a in detail["articles"]])
    new_ids = state.new_article_ids if state else ()
    return {"state": state.state if state else "read", "new": [a for a in detail["articles"] if a.id in new_ids],
            "marks": marks}


def _record_open(store: Store, user_id: int, story_id: int, opened: datetime) -> None:
    """After the page is sent: "For you" remembers the story was opened, and its articles are read (those
    that arrive later come back as what is new)."""
    with store.atomic() as conn:
        store.record_open(conn, user_id, story_id)
        store.mark_all_read(conn, user_id, story_id=story_id, before=opened)


@router.get("/article/{article_id}")
def article(request: Request, article_id: int, viewer: Viewer = Depends(page_viewer)):
    queries.checked_id(article_id, "article")
    store = request.app.state.store
    with store.read() as conn:
        art = store.get_article(conn, article_id)
        story_obj = None
        if art.story_id is not None:
            try:
                story_obj = store.get_story(conn, art.story_id)
            except NotFound:
                story_obj = None
        dups = queries.near_duplicates(store, conn, art)
    marks = None
    if viewer.id is not None:
        with store.read() as conn:
            marks = store.article_read_states(conn, viewer.id, [art.id]).get(art.id)
    response = page(request, "article.html", viewer, article=art, story=story_obj, duplicates=dups, marks=marks,
                    here=local_path(request))
    if viewer.id is not None:
        after_response(request, partial(_mark_read, store, viewer.id, art.id))
    return response


def _mark_read(store: Store, user_id: int, article_id: int) -> None:
    """Opening an article marks it read (after the page is sent: a write never delays a read)."""
    with store.atomic() as conn:
        store.mark_read(conn, user_id, [article_id])


# -- search and entities ---------------------------------------------------------------------------
@router.get("/search")
def search(request: Request, q: str = "", outlet: str = "", since: str = "", until: str = "", entity: str = "",
           older: str = "", page_no: int = Query(1, alias="page"), viewer: Viewer = Depends(page_viewer)):
    page_no = _page_number(page_no)
    store = request.app.state.store
    size = 50
    with store.read() as conn:
        result = queries.search(store, conn, q, outlet or None, queries.parse_day(since, "since"),
                                queries.parse_day(until, "until"), entity or None, limit=size,
                                offset=(page_no - 1) * size, older=bool(older))
        outlets = store.source_names(conn)
    return page(request, "search.html", viewer, result=result, q=q, outlet=outlet, since=since, until=until,
                entity=entity, outlets=outlets, page_no=page_no, older="1" if older else "")


@router.get("/entity/{name:path}")
def entity(request: Request, name: str, viewer: Viewer = Depends(page_viewer)):
    store = request.app.state.store
    with store.read() as conn:
        info = store.entity_info(conn, name)
        cards = queries.stories_by_ids(store, conn, store.entity_stories(conn, info["name"], limit=50))
        prefs = {(p["kind"], p["value"].lower()): p["action"] for p in store.list_preferences(conn, viewer.id)} \
            if viewer.user else {}
    return page(request, "entity.html", viewer, entity=info, cards=cards,
                pref=prefs.get(("entity", info["name"].lower())),
                notice=NOTICES.get(request.query_params.get("done", "")))


# -- briefings and API docs --------------------------------------------------------------------------
BRIEFINGS_PAGE_SIZE = 20


@router.get("/briefings")
def briefings(request: Request, page_no: int = Query(1, alias="page"), viewer: Viewer = Depends(page_viewer)):
    page_no = _page_number(page_no)
    store = request.app.state.store
    with store.read() as conn:
        found, more = queries.briefing_list(store, conn, viewer.id, BRIEFINGS_PAGE_SIZE,
                                            (page_no - 1) * BRIEFINGS_PAGE_SIZE)
    for b in found:
        b["stories"] = sum(len(s.get("items", ())) for s in b["data"].get("sections", ()))
    return page(request, "briefings.html", viewer, briefings=found, more=more, page_no=page_no)


@router.get("/briefings/{briefing_id}")
def briefing(request: Request, briefing_id: int, viewer: Viewer = Depends(page_viewer)):
    queries.checked_id(briefing_id, "briefing")
    store = request.app.state.store
    with store.read() as conn:
        found = queries.briefing_one(store, conn, viewer.id, briefing_id)
    return page(request, "briefing.html", viewer, briefing=found, brief=Briefing.from_dict(found["data"]))


@router.get("/api/docs")
def api_docs(request: Request):
    """The JSON API's reference, rendered from its OpenAPI document (open to all, like the document)."""
    viewer = resolve(request)
    return page(request, "api_docs.html", viewer, api=queries.api_reference(request.app.openapi()))


# -- login --------------------------------------------------------------------------------------------
@router.get("/login")
def login_form(request: Request, next: str = "/"):
    if resolve(request).user is not None:
        return _redirect(next)
    return _login_page(request, next)


@router.post("/login")
def login(request: Request, name: str = Form(""), password: str = Form(""), csrf_token: str = Form(""),
          next: str = Form("/")):
    expected = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not expected or not hmac.compare_digest(expected.encode(), csrf_token.encode()):
        return _login_page(request, next, "The login form expired. Please try again.", 403)
    try:
        user = logins.authenticate(request, name, password)
    except logins.TooManyLogins as exc:
        resp = _login_page(request, next, str(exc).capitalize() + ".", 429, name)
        resp.headers["Retry-After"] = str(exc.retry_after)
        return resp
    except AuthError as exc:
        return _login_page(request, next, str(exc).capitalize() + ".", 401, name)
    store = request.app.state.store
    with store.atomic() as conn:
        session = store.create_session(conn, user["id"])
    resp = _redirect(next)
    _set_cookie(request, resp, SESSION_COOKIE, session["id"], max_age=int(SESSION_TTL.total_seconds()))
    resp.delete_cookie(LOGIN_CSRF_COOKIE, path="/")
    return resp


def _login_page(request: Request, next_path: str, error: str | None = None, status_code: int = 200,
                name: str = "") -> Response:
    """The login form with a fresh CSRF token, in the form and in its cookie."""
    token = new_login_csrf()
    store = request.app.state.store
    with store.read() as conn:
        no_user = store.count_users(conn) == 0
    resp = page(request, "login.html", Viewer(None), next=safe_next(next_path), login_csrf=token, error=error,
                name=name, no_user=no_user, status_code=status_code)
    _set_cookie(request, resp, LOGIN_CSRF_COOKIE, token, max_age=3600)
    return resp


# -- first run ------------------------------------------------------------------------------------
@router.get("/setup")
def setup_form(request: Request, token: str = ""):
    _setup_check(request, token)
    return _setup_page(request, token)


@router.post("/setup")
def setup(request: Request, token: str = Form(""), name: str = Form(""), password: str = Form(""),
          password_again: str = Form(""), csrf_token: str = Form("")):
    _setup_check(request, token)
    expected = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not expected or not hmac.compare_digest(expected.encode(), csrf_token.encode()):
        return _setup_page(request, token, "The form expired. Please try again.", 403, name)
    if password != password_again:
        return _setup_page(request, token, "The two passwords differ. Please type them again.", 400, name)
    store = request.app.state.store
    try:
        with store.atomic() as conn:
            user_id = store.create_first_admin(conn, token, name, password)
            session = store.create_session(conn, user_id)
    except InputError as exc:
        return _setup_page(request, token, str(exc).capitalize() + ".", 400, name)
    resp = _redirect("/", "welcome")
    _set_cookie(request, resp, SESSION_COOKIE, session["id"], max_age=int(SESSION_TTL.total_seconds()))
    resp.delete_cookie(LOGIN_CSRF_COOKIE, path="/")
    return resp


def _setup_check(request: Request, token: str) -> None:
    """/setup exists only while the store has no user; its link must carry the token storywire printed."""
    store = request.app.state.store
    with store.read() as conn:
        if store.count_users(conn) > 0:
            raise NotFound("there is nothing at this address")
        if not store.setup_token_valid(conn, token):
            raise Forbidden("this set-up link is not valid (used already, or replaced by a newer one): open the "
                            "link storywire printed when it last started")


def _setup_page(request: Request, token: str, error: str | None = None, status_code: int = 200,
                name: str = "") -> Response:
    """The first-admin form with a fresh CSRF token, in the form and in its cookie."""
    csrf_value = new_login_csrf()
    resp = page(request, "setup.html", Viewer(None), token=token, login_csrf=csrf_value, error=error, name=name,
                status_code=status_code)
    _set_cookie(request, resp, LOGIN_CSRF_COOKIE, csrf_value, max_age=3600)
    return resp


@router.post("/logout")
def logout(request: Request, csrf_token: str = Form(""), viewer: Viewer = Depends(page_user)):
    check_csrf(viewer, csrf_token)
    store = request.app.state.store
    with store.atomic() as conn:
        store.delete_session(conn, request.cookies.get(SESSION_COOKIE, ""))
    resp = _redirect("/login")
    resp.delete_cookie(SESSION_COOKIE, path="/")
    return resp


def _set_cookie(request: Request, resp: Response, name: str, value: str, max_age: int) -> None:
    resp.set_cookie(name, value, max_age=max_age, path="/", httponly=True, samesite="lax",
                    secure=request.app.state.settings.secure_cookies)


# -- follow and mute ---------------------------------------------------------------------------------
@router.post("/prefs")
def set_pref(request: Request, kind: str = Form(...), value: str = Form(...), action: str = Form(...),
             csrf_token: str = Form(""), next: str = Form("/for-you"), viewer: Viewer = Depends(page_user)):
    check_csrf(viewer, csrf_token)
    store = request.app.state.store
    with store.atomic() as conn:
        store.set_preference(conn, viewer.id, kind, value, action)
    return _redirect(next, "followed" if action == "follow" else "muted")


@router.post("/prefs/remove")
def remove_pref(request: Request, kind: str = Form(...), value: str = Form(...), csrf_token: str = Form(""),
                next: str = Form("/account"), viewer: Viewer = Depends(page_user)):
    check_csrf(viewer, csrf_token)
    store = request.app.state.store
    with store.atomic() as conn:
        store.remove_preference(conn, viewer.id, kind, value)
    return _redirect(next, "removed")


# -- account -----------------------------------------------------------------------------------------
@router.get("/account")
def account(request: Request, viewer: Viewer = Depends(page_user)):
    return _account(request, viewer)


def _account(request: Request, viewer: Viewer, new_token: str | None = None, error: str | None = None,
             status_code: int = 200):
    store = request.app.state.store
    with store.read() as conn:
        prefs = store.list_preferences(conn, viewer.id)
        tokens = store.list_tokens(conn, viewer.id)
    feed_token = quote(new_token or "YOUR_TOKEN", safe="")
    return page(request, "account.html", viewer, prefs=prefs, tokens=tokens, new_token=new_token, error=error,
                feed_token=feed_token, base=str(request.base_url).rstrip("/"), status_code=status_code,
                notice=NOTICES.get(request.query_params.get("done", "")))


@router.post("/account/tokens")
def new_token(request: Request, name: str = Form(""), csrf_token: str = Form(""),
              viewer: Viewer = Depends(page_user)):
    check_csrf(viewer, csrf_token)
    store = request.app.state.store
    with store.atomic() as conn:
        token = store.create_token(conn, viewer.id, name.strip() or "web")
    return _account(request, viewer, new_token=token)


@router.post("/account/tokens/{token_id}/revoke")
def revoke_token(request: Request, token_id: int, csrf_token: str = Form(""), viewer: Viewer = Depends(page_user)):
    check_csrf(viewer, csrf_token)
    queries.checked_id(token_id, "token")
    store = request.app.state.store
    with store.atomic() as conn:
        store.revoke_token(conn, viewer.id, token_id)
    return _redirect("/account", "token-revoked")


@router.post("/account/password")
def change_password(request: Request, current: str = Form(""), new: str = Form(""), csrf_token: str = Form(""),
                    viewer: Viewer = Depends(page_user)):
    check_csrf(viewer, csrf_token)
    store = request.app.state.store
    try:
        logins.authenticate(request, viewer.name, current)
        with store.atomic() as conn:
            store.set_password(conn, viewer.id, new)
            session = store.create_session(conn, viewer.id)
    except (AuthError, InputError) as exc:
        return _account(request, viewer, error=str(exc), status_code=400)
    resp = _redirect("/account", "password-changed")
    _set_cookie(request, resp, SESSION_COOKIE, session["id"], max_age=int(SESSION_TTL.total_seconds()))
    return resp
