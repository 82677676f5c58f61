"""The Fever API at /fever/, for reader apps that speak it (Reeder, Unread, ReadKit...).

Clients send ``api_key = md5("name:app-password")`` with every call (any of the user's app
passwords) and name what they want in the query: ``?api&groups``, ``&feeds``, ``&items`` (with
``since_id``, ``max_id`` or ``with_ids``), ``&unread_item_ids``, ``&saved_item_ids``; and change state
with ``mark=item|feed|group``, ``as=read|unread|saved|unsaved``, ``id`` and ``before``. Groups are the
reader's folders, numbered by a stable hash of their names (group 0 is everything). Every answer
carries ``auth``: 0 for a missing or wrong key, never a page; items' HTML is sanitised.
"""
from __future__ import annotations

import zlib

from fastapi import APIRouter, Request
from starlette.responses import JSONResponse, Response

from ..errors import InputError, NotFound
from ..store.base import Store
from ..store.reading import StreamQuery, Subscription
from .greader import MAX_ID, GReaderRoute, _time
from .render import safe_url, text_to_html

router = APIRouter(prefix="/fever", route_class=GReaderRoute, include_in_schema=False)
PAGE = 50
MAX_LIST = 10000  # ids in unread_item_ids / saved_item_ids


def group_id(folder: str) -> int:
    """A folder's Fever group id: stable across calls and renames of other folders (never 0)."""
    return zlib.crc32(folder.encode("utf-8")) % (2**31 - 1) + 1


def _ids(value: str, what: str) -> list[int]:
    try:
        ids = [int(x) for x in value.split(",") if x.strip()]
    except ValueError:
        raise InputError(f"{what} must be comma-separated numbers") from None
    return [i for i in ids if 0 < i <= MAX_ID]


def _number(params, name: str) -> int | None:
    raw = str(params.get(name, "")).strip()
    if not raw:
        return None
    if not raw.lstrip("-").isdigit():
        raise InputError(f"{name} must be a number")
    return max(0, min(MAX_ID, int(raw)))


def _feeds_groups(subs: list[Subscription]) -> list[dict]:
    members: dict[str, list[int]] = {}
    for s in subs:
        if s.folder:
            members.setdefault(s.folder, []).append(s.feed_id)
    return [{"group_id": group_id(f), "feed_ids": ",".join(map(str, ids))} for f, ids in members.items()]


@router.api_route("/", methods=["GET", "POST"])
def fever(request: Request) -> Response:
    params = request.state.params
    store: Store = request.app.state.store
    with store.read() as conn:
        user = store.user_for_fever_key(conn, str(params.get("api_key", "")))
    body: dict = {"api_version": 3, "auth": 0 if user is None else 1}
    if user is None:
        return JSONResponse(body)
    uid = user["id"]
    if "mark" in params:
        _mark(store, uid, params)
    with store.read() as conn:
        subs = store.list_subscriptions(conn, uid)
        body["last_refreshed_on_time"] = max((int(t.timestamp()) for t in store.unread_counts(conn, uid).newest
                                              .values()), default=0)
        if "groups" in params:
            body["groups"] = [{"id": group_id(f), "title": f} for f in sorted({s.folder for s in subs if s.folder})]
            body["feeds_groups"] = _feeds_groups(subs)
        if "feeds" in params:
            body["feeds"] = [{"id": s.feed_id, "favicon_id": 0, "title": s.title, "url": s.url,
                              "site_url": safe_url(s.site_url), "is_spark": 0, "last_updated_on_time": 0} for s in subs]
            body["feeds_groups"] = _feeds_groups(subs)
        if "favicons" in params:
            body["favicons"] = []
        if "links" in params:
            body["links"] = []
        if "unread_item_ids" in params:
            unread = store.stream(conn, uid, StreamQuery(only="unread"), MAX_LIST)
            body["unread_item_ids"] = ",".join(str(e.article_id) for e in unread)
        if "saved_item_ids" in params:
            saved = store.stream(conn, uid, StreamQuery(starred=True), MAX_LIST)
            body["saved_item_ids"] = ",".join(str(e.article_id) for e in saved)
        if "items" in params:
            body["items"] = _items(store, conn, uid, params)
            body["total_items"] = len(body["items"])
    return JSONResponse(body)


def _items(store: Store, conn, uid: int, params) -> list[dict]:
    """Up to 50 items: ``with_ids``, else above ``since_id`` or below ``max_id`` (of the reading list)."""
    if params.get("with_ids"):
        ids = _ids(str(params["with_ids"]), "with_ids")[:PAGE]
    else:
        ids = store.stream_ids_by_number(conn, uid, StreamQuery(), since_id=_number(params, "since_id"),
                                         max_id=_number(params, "max_id"), limit=PAGE)
    return [{"id": i.id, "feed_id": i.feed_id or 0, "title": i.title, "author": ", ".join(i.authors),
             "html": str(text_to_html(i.text)), "url": safe_url(i.url), "is_saved": int(i.starred),
             "is_read": int(i.read), "created_on_time": int(i.time.timestamp())}
            for i in store.reading_items(conn, uid, ids)]


def _mark(store: Store, uid: int, params) -> None:
    """mark=item (as read, unread, saved, unsaved) or mark=feed|group (as read, ``before`` a time)."""
    what, action, target = str(params.get("mark")), str(params.get("as", "")), _number(params, "id")
    if target is None:
        raise InputError("id is missing")
    before = _number(params, "before")
    with store.atomic() as conn:
        if what == "item" and action in ("read", "unread"):
            store.mark_read(conn, uid, [target], read=action == "read")
        elif what == "item" and action in ("saved", "unsaved"):
            store.set_starred(conn, uid, [target], starred=action == "saved")
        elif what == "feed" and action == "read":
            store.mark_all_read(conn, uid, feed_id=target, before=_time(before) if before else None)
        elif what == "group" and action == "read":
            folders = {group_id(f): f for f in store.folders(conn, uid)}
            if target and target not in folders:
                raise NotFound(f"no group {target}")
            store.mark_all_read(conn, uid, folder=folders.get(target), before=_time(before) if before else None)
        else:
            raise InputError(f"mark={what[:20]} as={action[:20]}: not something Fever can do")
