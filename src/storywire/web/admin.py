"""Sources (outlets and feeds: list for every reader; add, remove, OPML for admins) and user admin."""
from __future__ import annotations

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from ..errors import InputError, StorywireError
from ..ingest import opml as opml_in
from ..ingest import subscribe
from . import queries, sources_admin
from .auth import Viewer, check_csrf, page_user, page_viewer, require_admin
from .pages import NOTICES, _redirect
from .render import page

router = APIRouter(include_in_schema=False)
MAX_OPML_BYTES = 5_000_000


def _sources(request: Request, viewer: Viewer, error: str | None = None, status_code: int = 200,
             form: dict | None = None, imported: dict | None = None):
    store = request.app.state.store
    params = request.query_params
    with store.read() as conn:
        listing = queries.sources_page(sources_admin.feed_rows(store, conn), store.list_sources(conn),
                                       params.get("q", ""), _int_param(params.get("feeds_page")),
                                       _int_param(params.get("outlets_page")))
        prefs = {p["value"].lower(): p["action"] for p in store.list_preferences(conn, viewer.id)
                 if p["kind"] == "source"} if viewer.user else {}
        unread = store.unread_counts(conn, viewer.id).feeds if viewer.id is not None else {}
    return page(request, "sources.html", viewer, listing=listing, prefs=prefs, unread=unread, error=error,
                form=form or {}, imported=imported, status_code=status_code,
                notice=NOTICES.get(params.get("done", "")))


def _int_param(value: str | None) -> int:
    """A page number from the query string (anything that is not one is page 1)."""
    return int(value) if value and value.isdigit() and len(value) < 7 else 1


@router.get("/sources")
def sources(request: Request, viewer: Viewer = Depends(page_viewer)):
    return _sources(request, viewer)


@router.post("/sources/feeds")
def add_feed(request: Request, url: str = Form(""), title: str = Form(""), category: str = Form(""),
             csrf_token: str = Form(""), viewer: Viewer = Depends(page_user)):
    check_csrf(viewer, csrf_token)
    require_admin(viewer)
    try:
        added = subscribe.add_feed(request.app.state.store, request.app.state.settings, url, title or None,
                                       category or None)
    except StorywireError as exc:
        return _sources(request, viewer, error=str(exc), status_code=400,
                        form={"url": url, "title": title, "category": category})
    return _redirect("/sources", "feed-added" if added["new"] else "feed-known")


@router.post("/sources/feeds/{feed_id}/delete")
def remove_feed(request: Request, feed_id: int, csrf_token: str = Form(""), viewer: Viewer = Depends(page_user)):
    check_csrf(viewer, csrf_token)
    require_admin(viewer)
    queries.checked_id(feed_id, "feed")
    sources_admin.remove_feed(request.app.state.store, feed_id)
    return _redirect("/sources", "feed-removed")


@router.post("/sources/opml")
async def import_opml(request: Request, opml: UploadFile = File(...), csrf_token: str = Form(""),
                      viewer: Viewer = Depends(page_user)):
    check_csrf(viewer, csrf_token)
    require_admin(viewer)
    data = await opml.read(MAX_OPML_BYTES + 1)
    if len(data) > MAX_OPML_BYTES:
        raise InputError("the OPML file is larger than 5 MB")
    from starlette.concurrency import run_in_threadpool

    try:
        result = await run_in_threadpool(opml_in.import_opml, request.app.state.store, data,
                                         opml.filename or "OPML")
    except StorywireError as exc:
        return await run_in_threadpool(_sources, request, viewer, str(exc), 400)
    return await run_in_threadpool(_sources, request, viewer, None, 200, None, result)


@router.get("/sources/opml")
def export_opml(request: Request, viewer: Viewer = Depends(page_viewer)):
    body = opml_in.export_feeds(request.app.state.store)
    return Response(body, media_type="text/x-opml; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="storywire.opml"'})


# -- users ---------------------------------------------------------------------------------------------
def _users(request: Request, viewer: Viewer, error: str | None = None, status_code: int = 200):
    store = request.app.state.store
    with store.read() as conn:
        users = store.list_users(conn)
    return page(request, "users.html", viewer, users=users, error=error, status_code=status_code,
                notice=NOTICES.get(request.query_params.get("done", "")))


@router.get("/admin/users")
def users(request: Request, viewer: Viewer = Depends(page_user)):
    require_admin(viewer)
    return _users(request, viewer)


@router.post("/admin/users")
def add_user(request: Request, name: str = Form(""), password: str = Form(""), is_admin: str = Form(""),
             csrf_token: str = Form(""), viewer: Viewer = Depends(page_user)):
    check_csrf(viewer, csrf_token)
    require_admin(viewer)
    store = request.app.state.store
    try:
        with store.atomic() as conn:
            store.create_user(conn, name, password, is_admin=bool(is_admin))
    except InputError as exc:
        return _users(request, viewer, error=str(exc), status_code=400)
    return _redirect("/admin/users", "user-added")


@router.post("/admin/users/{user_id}/delete")
def delete_user(request: Request, user_id: int, csrf_token: str = Form(""),
                viewer: Viewer = Depends(page_user)) -> RedirectResponse:
    check_csrf(viewer, csrf_token)
    require_admin(viewer)
    queries.checked_id(user_id, "user")
    if user_id == viewer.id:
        raise InputError("you cannot remove yourself (another admin can)")
    store = request.app.state.store
    with store.atomic() as conn:
        store.delete_user(conn, user_id)
    return _redirect("/admin/users", "user-removed")
