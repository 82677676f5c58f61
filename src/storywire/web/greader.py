"""The Google Reader API at /greader, as FreshRSS and Miniflux serve it, for reader apps.

Apps log in at ``/greader/accounts/ClientLogin`` with the user name and an *app password* (never the
login password; tries count against the login limits) and send the ``Auth`` token they get back as
``Authorization: GoogleLogin auth=TOKEN``. Calls with that header need no CSRF token; the ``T`` token
from ``/reader/api/0/token`` is accepted, and a wrong one refused.

Ids follow the protocol: items are ``tag:google.com,2005:reader/item/<16 hex>`` (long form) or the
same number in decimal (short form, in ``stream/items/ids``); streams are ``feed/<id>`` (or
``feed/<url>``), ``user/-/label/<name>`` (a folder, else an article label) and the states
``user/-/state/com.google/reading-list|read|starred``. Storywire's grouping shows as labels: each
article of a current top story (of two articles or more) carries ``user/-/label/Story: <title>``, a
stream of its own.

Errors are the API's own: 401 ``Unauthorized``, 400 or 404 with a one-line reason, 429 or 503 with
Retry-After; never a page.
"""
from __future__ import annotations

import hashlib
import hmac
import logging
import xml.etree.ElementTree as ET  # noqa: N817 - writing XML only, never parsing it
from collections.abc import Callable, Coroutine
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from starlette.datastructures import MultiDict
from starlette.responses import JSONResponse, PlainTextResponse, Response

from ..clock import utcnow
from ..errors import AuthError, InputError, NotFound, StoreError, StorywireError
from ..ingest.subscribe import follow_feed
from ..rank import top_stories
from ..store.base import UNAVAILABLE, UNUSABLE_VALUE, Connection, Store
from ..store.reading import ReadingItem, StreamEntry, StreamQuery, Subscription
from .logins import TooManyLogins
from .render import safe_url, text_to_html

log = logging.getLogger(__name__)

PREFIX = "/greader"
READING_LIST = "user/-/state/com.google/reading-list"
READ = "user/-/state/com.google/read"
STARRED = "user/-/state/com.google/starred"
KEPT_UNREAD = "user/-/state/com.google/kept-unread"
STATE = "user/-/state/com.google/"
LABEL = "user/-/label/"
ITEM = "tag:google.com,2005:reader/item/"
STORY_LABEL = "Story: "
TOP_STORIES = 20  # how many top stories get a label
MAX_ITEMS = 1000  # per stream/contents page
MAX_IDS = 10000  # per stream/items/ids page
MAX_ID = 2**63 - 1


class GReaderRoute(APIRoute):
    """Every /greader route: query and form parameters merged in ``request.state.params``, and every
    error answered as plain text in the API's own way."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def route(request: Request) -> Response:
            try:
                params = MultiDict(list(request.query_params.multi_items()))
                if request.method == "POST":
                    form = await request.form()
                    params = MultiDict(list(params.multi_items()) + [(k, v) for k, v in form.multi_items()
                                                                     if isinstance(v, str)])
                request.state.params = params
                return await handler(request)
            except Exception as exc:  # noqa: BLE001 - every error becomes the API's own answer
                return _error(request, exc)

        return route


router = APIRouter(prefix=PREFIX, route_class=GReaderRoute, include_in_schema=False)


def _error(request: Request, exc: Exception) -> Response:
    if isinstance(exc, TooManyLogins):
        return PlainTextResponse(str(exc), status_code=429, headers={"Retry-After": str(exc.retry_after)})
    if isinstance(exc, AuthError):
        return PlainTextResponse("Unauthorized", status_code=401, headers={"Google-Bad-Token": "true"})
    if isinstance(exc, NotFound):
        return PlainTextResponse(str(exc), status_code=404)
    if isinstance(exc, InputError):
        return PlainTextResponse(str(exc), status_code=400)
    if isinstance(exc, RequestValidationError):
        return PlainTextResponse("invalid parameters", status_code=400)
    if isinstance(exc, UNUSABLE_VALUE):
        return PlainTextResponse("a value in this request cannot be used", status_code=400)
    if isinstance(exc, (StoreError, *UNAVAILABLE)):
        log.error("%s %s: the store is unavailable: %s", request.method, request.url.path, exc)
        return PlainTextResponse("the store is busy; try again", status_code=503, headers={"Retry-After": "5"})
    if isinstance(exc, StorywireError):
        return PlainTextResponse(str(exc), status_code=400)
    log.exception("%s %s failed", request.method, request.url.path)
    return PlainTextResponse("internal error", status_code=500)


# -- parameters and ids -------------------------------------------------------------------------
def _params(request: Request) -> MultiDict:
    return request.state.params


def _one(request: Request, name: str, default: str = "") -> str:
    return str(_params(request).get(name, default)).strip()


def _int(request: Request, name: str, default: int, low: int = 0, high: int = MAX_ID) -> int:
    raw = _one(request, name)
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise InputError(f"{name}={raw[:40]!r} is not a whole number") from None
    return max(low, min(high, value))


def long_item_id(article_id: int) -> str:
    return f"{ITEM}{article_id:016x}"


def parse_item_id(value: str) -> int:
    """An item id in long form (hex) or short form (decimal) to the article id."""
    value = value.strip()
    try:
        number = int(value[len(ITEM):], 16) if value.startswith(ITEM) else int(value)
    except ValueError:
        raise InputError(f"{value[:60]!r} is not an item id") from None
    if not 0 < number <= MAX_ID:
        raise InputError(f"{value[:60]!r} is not an item id")
    return number


def _usec(t: datetime) -> int:
    return int(t.timestamp() * 1_000_000)


def _time(value: int) -> datetime:
    """A timestamp in seconds, milliseconds or microseconds (apps send each) to a UTC time."""
    seconds = value / 1_000_000 if value > 10**14 else value / 1000 if value > 10**11 else value
    try:
        return datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        raise InputError(f"{value} is not a usable timestamp") from None


def _encode_continuation(entry: StreamEntry) -> str:
    return f"{_usec(entry.time)}-{entry.article_id}"


def _decode_continuation(value: str) -> StreamEntry | None:
    if not value:
        return None
    usec, _, article_id = value.partition("-")
    if not (usec.isdigit() and article_id.isdigit()):
        raise InputError(f"c={value[:40]!r} is not a continuation this server gave")
    return StreamEntry(int(article_id), datetime.fromtimestamp(int(usec) / 1_000_000, UTC))


def _action_token(auth: str) -> str:
    """The ``T`` token of an Auth token (FreshRSS-style: 40 hex and 17 Z)."""
    return hashlib.sha256(b"storywire T:" + auth.encode()).hexdigest()[:40] + "Z" * 17


# -- who is asking --------------------------------------------------------------------------------
def _auth_token(request: Request) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, rest = header.strip().partition(" ")
    if scheme.lower() != "googlelogin" or not rest.strip().lower().startswith("auth="):
        raise AuthError("no GoogleLogin auth header")
    return rest.strip()[len("auth="):].strip()


def _user(request: Request) -> dict:
    """The user of the GoogleLogin header; on POST a ``T`` token, when sent, must be theirs."""
    token = _auth_token(request)
    store: Store = request.app.state.store
    with store.read() as conn:
        user = store.user_for_reader_token(conn, token)
    if user is None:
        raise AuthError("unknown Auth token")
    sent = _one(request, "T")
    if request.method == "POST" and sent and not hmac.compare_digest(sent.encode(), _action_token(token).encode()):
        raise AuthError("wrong T token")
    return user


@router.api_route("/accounts/ClientLogin", methods=["GET", "POST"])
def client_login(request: Request) -> Response:
    """Email (the user name) and Passwd (an app password) for an Auth token; tries are rate-limited."""
    name, password = _one(request, "Email"), str(_params(request).get("Passwd", ""))
    if not name or not password:
        return PlainTextResponse("Error=BadAuthentication", status_code=401)
    limits = request.app.state.logins
    address = request.client.host if request.client else ""
    keys = {"for this account": "user:" + name, "from your address": "addr:" + address}
    attempt = limits.attempt(keys)  # counted as a failure until the password proves right
    try:
        _, token = request.app.state.store.check_app_password(name, password)
    except AuthError:
        return PlainTextResponse("Error=BadAuthentication", status_code=401)
    limits.succeeded(keys["for this account"], attempt)
    if _one(request, "output") == "json":
        return JSONResponse({"SID": token, "LSID": "null", "Auth": token})
    return PlainTextResponse(f"SID={token}\nLSID=null\nAuth={token}\n")


@router.get("/reader/api/0/token")
def action_token(request: Request) -> Response:
    _user(request)
    return PlainTextResponse(_action_token(_auth_token(request)))


@router.get("/reader/api/0/user-info")
def user_info(request: Request) -> Response:
    user = _user(request)
    return JSONResponse({"userId": str(user["id"]), "userName": user["name"], "userProfileId": str(user["id"]),
                         "userEmail": user["email"] or "", "isBloggerUser": False,
                         "signupTimeSec": int(user["created"].timestamp()), "isMultiLoginEnabled": False})


# -- subscriptions and tags -------------------------------------------------------------------------
def _subscription_json(sub: Subscription) -> dict:
    return {"id": f"feed/{sub.feed_id}", "title": sub.title, "url": sub.url, "htmlUrl": safe_url(sub.site_url),
            "iconUrl": "", "firstitemmsec": "0",
            "categories": [{"id": LABEL + sub.folder, "label": sub.folder}] if sub.folder else []}


@router.get("/reader/api/0/subscription/list")
def subscription_list(request: Request) -> Response:
    user = _user(request)
    store: Store = request.app.state.store
    with store.read() as conn:
        subs = store.list_subscriptions(conn, user["id"])
    return JSONResponse({"subscriptions": [_subscription_json(s) for s in subs]})


def _label_name(tag: str) -> str | None:
    """The name in ``user/-/label/NAME`` (any user number stands for the caller), else None."""
    parts = tag.split("/", 3)
    if len(parts) == 4 and parts[0] == "user" and parts[2] == "label" and (parts[1] == "-" or parts[1].isdigit()):
        return parts[3].strip() or None
    return None


def _state(tag: str) -> str:
    """``user/-/state/com.google/read`` (any user number) in its ``-`` form."""
    parts = tag.split("/", 2)
    if len(parts) == 3 and parts[0] == "user" and (parts[1] == "-" or parts[1].isdigit()):
        return "user/-/" + parts[2]
    return tag


def _feed_of(store: Store, conn: Connection, stream: str) -> int:
    """The feed id of ``feed/<id>`` or ``feed/<url>``."""
    if not stream.startswith("feed/"):
        raise InputError(f"{stream[:80]!r} is not a feed stream (feed/<id> or feed/<url>)")
    return store.get_feed(conn, stream[len("feed/"):]).id


def _feed_url(stream: str) -> str:
    """The URL of ``feed/<url>`` (apps also send the bare URL): a feed's or a home page's."""
    return stream[len("feed/"):] if stream.startswith("feed/") else stream


@router.post("/reader/api/0/subscription/edit")
def subscription_edit(request: Request) -> Response:
    """ac=subscribe|unsubscribe|edit for each ``s``; ``t`` a title, ``a``/``r`` a folder label."""
    user = _user(request)
    action, streams = _one(request, "ac", "edit"), _params(request).getlist("s")
    title = _params(request).get("t")
    add = [n for n in (_label_name(a) for a in _params(request).getlist("a")) if n]
    remove = [n for n in (_label_name(r) for r in _params(request).getlist("r")) if n]
    if action not in ("subscribe", "unsubscribe", "edit"):
        raise InputError(f"ac={action[:40]!r}: use subscribe, unsubscribe or edit")
    if not streams:
        raise InputError("s (the feed stream) is missing")
    store: Store = request.app.state.store
    if action == "subscribe":  # each checked by a fetch, outside any transaction
        for stream in streams:
            follow_feed(store, request.app.state.settings, user["id"], _feed_url(stream),
                        folder=add[0] if add else None, title=title)
        return PlainTextResponse("OK")
    with store.atomic() as conn:
        for stream in streams:
            feed_id = _feed_of(store, conn, stream)
            if action == "unsubscribe":
                store.unsubscribe(conn, user["id"], feed_id)
                continue
            if title is not None:
                store.rename_subscription(conn, user["id"], feed_id, title)
            if add or remove:
                store.move_subscription(conn, user["id"], feed_id, add[0] if add else None)
    return PlainTextResponse("OK")


@router.post("/reader/api/0/subscription/quickadd")
def quickadd(request: Request) -> Response:
    user = _user(request)
    url = _feed_url(_one(request, "quickadd"))
    sub, _ = follow_feed(request.app.state.store, request.app.state.settings, user["id"], url)
    return JSONResponse({"numResults": 1, "query": url, "streamId": f"feed/{sub.feed_id}", "streamName": sub.title})


def _story_labels(request: Request, store: Store, conn: Connection) -> dict[int, str]:
    """Story id -> label name for the current top stories (cached until the stories change)."""

    def compute() -> dict[int, str]:
        labels: dict[int, str] = {}
        for ranked in top_stories(store, conn, limit=TOP_STORIES):
            if ranked.story.article_count < 2:  # a story of one article groups nothing
                continue
            title = " ".join((ranked.story.title or "untitled").split())[:120]
            name = STORY_LABEL + title
            labels[ranked.story.id] = name if name not in labels.values() else f"{name} ({ranked.story.id})"
        return labels

    return request.app.state.river_cache.get(("greader-story-labels",), store.story_version(conn), compute)


@router.get("/reader/api/0/tag/list")
def tag_list(request: Request) -> Response:
    user = _user(request)
    store: Store = request.app.state.store
    with store.read() as conn:
        folders = store.folders(conn, user["id"])
        labels = store.labels(conn, user["id"])
        stories = _story_labels(request, store, conn)
    tags: list[dict] = [{"id": STARRED}, {"id": READ}, {"id": READING_LIST}]
    tags += [{"id": LABEL + f, "type": "folder"} for f in folders]
    tags += [{"id": LABEL + x, "type": "tag"} for x in labels if x not in folders]
    tags += [{"id": LABEL + x, "type": "tag"} for x in stories.values() if x not in labels and x not in folders]
    return JSONResponse({"tags": tags})


@router.get("/reader/api/0/unread-count")
def unread_count(request: Request) -> Response:
    user = _user(request)
    store: Store = request.app.state.store
    with store.read() as conn:
        counts = store.unread_counts(conn, user["id"])
        subs = store.list_subscriptions(conn, user["id"])
    rows = [{"id": f"feed/{feed_id}", "count": n, "newestItemTimestampUsec": str(_usec(counts.newest[feed_id]))}
            for feed_id, n in counts.feeds.items()]
    for folder, n in counts.folders.items():
        newest = max(counts.newest[s.feed_id] for s in subs if s.folder == folder and s.feed_id in counts.newest)
        rows.append({"id": LABEL + folder, "count": n, "newestItemTimestampUsec": str(_usec(newest))})
    newest_all = max(counts.newest.values(), default=utcnow())
    rows.append({"id": READING_LIST, "count": counts.total, "newestItemTimestampUsec": str(_usec(newest_all))})
    return JSONResponse({"max": counts.total, "unreadcounts": rows})


# -- streams ----------------------------------------------------------------------------------------
def _stream_query(request: Request, store: Store, conn: Connection, user_id: int, stream: str) -> StreamQuery | None:
    """The StreamQuery of a stream id and the request's xt/it/ot/nt/r; None for a state storywire does
    not keep (an empty stream)."""
    stream = _state(stream.strip())
    label = _label_name(stream)
    if stream in ("", READING_LIST):
        query = StreamQuery()
    elif stream == STARRED:
        query = StreamQuery(starred=True)
    elif stream == READ:
        query = StreamQuery(only="read")
    elif stream.startswith(STATE):
        return None
    elif stream.startswith("feed/"):
        query = StreamQuery(feed_id=_feed_of(store, conn, stream))
    elif label is not None:
        stories = {name: story_id for story_id, name in _story_labels(request, store, conn).items()}
        if label in store.folders(conn, user_id):
            query = StreamQuery(folder=label)
        elif label in stories and label not in store.labels(conn, user_id):
            query = StreamQuery(story_id=stories[label])
        else:
            query = StreamQuery(label=label)
    else:
        raise InputError(f"unknown stream {stream[:80]!r}")
    for excluded in map(_state, _params(request).getlist("xt")):
        if excluded == READ:
            query = replace(query, only="unread")
        elif excluded == STARRED:
            query = replace(query, not_starred=True)
    for included in map(_state, _params(request).getlist("it")):
        if included == STARRED:
            query = replace(query, starred=True)
        elif included == READ:
            query = replace(query, only="read")
    since, until = _int(request, "ot", 0), _int(request, "nt", 0)
    return replace(query, since=_time(since) if since else None, until=_time(until) if until else None,
                   oldest_first=_one(request, "r") == "o")


def _page(request: Request, user_id: int, stream: str, limit: int) -> tuple[list[StreamEntry], str | None]:
    store: Store = request.app.state.store
    n = _int(request, "n", 20, low=1, high=limit)
    after = _decode_continuation(_one(request, "c"))
    with store.read() as conn:
        query = _stream_query(request, store, conn, user_id, stream)
        entries = store.stream(conn, user_id, query, n + 1, after) if query is not None else []
    more = len(entries) > n
    return entries[:n], _encode_continuation(entries[n - 1]) if more else None


def item_json(item: ReadingItem, feed_titles: dict[int, str], story_labels: dict[int, str]) -> dict:
    """One article as a Reader API item (sanitised HTML, only http(s) links)."""
    categories = [READING_LIST, *([READ] if item.read else []), *([STARRED] if item.starred else [])]
    categories += [LABEL + x for x in item.labels]
    if item.story_id in story_labels:
        categories.append(LABEL + story_labels[item.story_id])
    link = safe_url(item.url)
    feed_title = feed_titles.get(item.feed_id or 0) or item.feed_title or item.source
    return {
        "id": long_item_id(item.id), "crawlTimeMsec": str(_usec(item.fetched) // 1000),
        "timestampUsec": str(_usec(item.time)), "published": int(item.time.timestamp()),
        "updated": int(item.time.timestamp()), "title": item.title, "author": ", ".join(item.authors),
        "canonical": [{"href": link}] if link else [],
        "alternate": [{"href": link, "type": "text/html"}] if link else [],
        "categories": categories, "summary": {"direction": "ltr", "content": str(text_to_html(item.text))},
        "origin": {"streamId": f"feed/{item.feed_id or 0}", "title": feed_title, "htmlUrl": safe_url(item.site_url)},
    }


def _items(request: Request, user_id: int, ids: list[int]) -> list[dict]:
    store: Store = request.app.state.store
    with store.read() as conn:
        items = store.reading_items(conn, user_id, ids)
        titles = {s.feed_id: s.title for s in store.list_subscriptions(conn, user_id)}
        stories = _story_labels(request, store, conn)
    return [item_json(i, titles, stories) for i in items]


@router.get("/reader/api/0/stream/contents")
@router.get("/reader/api/0/stream/contents/{stream:path}")
def stream_contents(request: Request, stream: str = "") -> Response:
    """A page of a stream's items (the stream in the path, or in ``s``); ``c`` continues."""
    user = _user(request)
    stream = stream or _one(request, "s", READING_LIST)
    entries, continuation = _page(request, user["id"], stream, MAX_ITEMS)
    body: dict = {"id": stream, "updated": int(utcnow().timestamp()),
                  "items": _items(request, user["id"], [e.article_id for e in entries])}
    if continuation:
        body["continuation"] = continuation
    return JSONResponse(body)


GR_SCHEME = "http://www.google.com/reader/"


def atom_feed(stream: str, title: str, items: list[dict], continuation: str | None) -> bytes:
    """Items as Google Reader's Atom stream: each entry's <category> terms (scheme GR_SCHEME) carry its
    states, with label "read", or "fresh" when unread, as clients of /reader/atom read them."""
    ns = "http://www.w3.org/2005/Atom"
    ET.register_namespace("", ns)
    ET.register_namespace("gr", GR_SCHEME)
    feed = ET.Element(f"{{{ns}}}feed")
    ET.SubElement(feed, f"{{{ns}}}id").text = f"tag:google.com,2005:reader/{stream}"
    ET.SubElement(feed, f"{{{ns}}}title").text = title
    ET.SubElement(feed, f"{{{ns}}}updated").text = utcnow().isoformat()
    if continuation:
        ET.SubElement(feed, f"{{{GR_SCHEME}}}continuation").text = continuation
    for item in items:
        entry = ET.SubElement(feed, f"{{{ns}}}entry")
        ET.SubElement(entry, f"{{{ns}}}id").text = item["id"]
        ET.SubElement(entry, f"{{{ns}}}title", type="text").text = item["title"]
        when = datetime.fromtimestamp(item["published"], UTC).isoformat()
        ET.SubElement(entry, f"{{{ns}}}published").text = when
        ET.SubElement(entry, f"{{{ns}}}updated").text = when
        if item["canonical"]:
            ET.SubElement(entry, f"{{{ns}}}link", rel="alternate", href=item["canonical"][0]["href"], type="text/html")
        if item["author"]:
            ET.SubElement(ET.SubElement(entry, f"{{{ns}}}author"), f"{{{ns}}}name").text = item["author"]
        ET.SubElement(entry, f"{{{ns}}}content", type="html").text = item["summary"]["content"]
        terms = list(item["categories"]) + ([] if READ in item["categories"] else [STATE + "fresh"])
        for term in terms:
            ET.SubElement(entry, f"{{{ns}}}category", term=term, scheme=GR_SCHEME, label=term.rsplit("/", 1)[-1])
        source = ET.SubElement(entry, f"{{{ns}}}source")
        ET.SubElement(source, f"{{{ns}}}id").text = "tag:google.com,2005:reader/" + item["origin"]["streamId"]
        ET.SubElement(source, f"{{{ns}}}title").text = item["origin"]["title"]
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


@router.get("/reader/atom/{stream:path}")
def stream_atom(request: Request, stream: str) -> Response:
    """A stream as Atom (Google Reader's /reader/atom/, what FeedHQ-mode clients such as newsboat read)."""
    user = _user(request)
    entries, continuation = _page(request, user["id"], stream, MAX_ITEMS)
    items = _items(request, user["id"], [e.article_id for e in entries])
    title = stream
    if stream.startswith("feed/"):
        store: Store = request.app.state.store
        with store.read() as conn:
            feed_id = _feed_of(store, conn, stream)
            title = next((s.title for s in store.list_subscriptions(conn, user["id"]) if s.feed_id == feed_id), title)
    return Response(atom_feed(stream, title, items, continuation), media_type="application/atom+xml")


@router.api_route("/reader/api/0/stream/items/ids", methods=["GET", "POST"])
def stream_item_ids(request: Request) -> Response:
    user = _user(request)
    entries, continuation = _page(request, user["id"], _one(request, "s", READING_LIST), MAX_IDS)
    body: dict = {"itemRefs": [{"id": str(e.article_id), "directStreamIds": [], "timestampUsec": str(_usec(e.time))}
                               for e in entries]}
    if continuation:
        body["continuation"] = continuation
    return JSONResponse(body)


@router.api_route("/reader/api/0/stream/items/contents", methods=["GET", "POST"])
def stream_items_contents(request: Request) -> Response:
    """The items named by each ``i`` (long or short ids), in that order."""
    user = _user(request)
    ids = [parse_item_id(i) for i in _params(request).getlist("i")][:MAX_ITEMS]
    return JSONResponse({"id": READING_LIST, "updated": int(utcnow().timestamp()),
                         "items": _items(request, user["id"], ids)})


# -- changing state ---------------------------------------------------------------------------------
@router.post("/reader/api/0/edit-tag")
def edit_tag(request: Request) -> Response:
    """Add (``a``) and remove (``r``) read, starred, kept-unread and labels on the items ``i``."""
    user = _user(request)
    ids = [parse_item_id(i) for i in _params(request).getlist("i")]
    if not ids:
        raise InputError("i (the items) is missing")
    store: Store = request.app.state.store
    with store.atomic() as conn:
        for adding, tags in ((True, _params(request).getlist("a")), (False, _params(request).getlist("r"))):
            for tag in map(_state, tags):
                label = _label_name(tag)
                if tag == READ:
                    store.mark_read(conn, user["id"], ids, read=adding)
                elif tag == KEPT_UNREAD and adding:
                    store.mark_read(conn, user["id"], ids, read=False)
                elif tag == STARRED:
                    store.set_starred(conn, user["id"], ids, starred=adding)
                elif label is not None:
                    store.set_labels(conn, user["id"], ids, add=[label] if adding else [],
                                     remove=[] if adding else [label])
                elif not tag.startswith(STATE):  # states storywire does not keep (broadcast, like...) are ignored
                    raise InputError(f"unknown tag {tag[:80]!r}")
    return PlainTextResponse("OK")


@router.post("/reader/api/0/mark-all-as-read")
def mark_all_as_read(request: Request) -> Response:
    """Mark read the unread items of stream ``s`` that arrived before ``ts`` (when given)."""
    user = _user(request)
    ts = _int(request, "ts", 0)
    before = _time(ts) if ts else None
    store: Store = request.app.state.store
    with store.atomic() as conn:
        query = _stream_query(request, store, conn, user["id"], _one(request, "s", READING_LIST))
        if query is not None and query.only != "read":
            store.mark_all_read(conn, user["id"], feed_id=query.feed_id, folder=query.folder, story_id=query.story_id,
                                label=query.label, starred=query.starred, before=before)
    return PlainTextResponse("OK")


@router.post("/reader/api/0/rename-tag")
def rename_tag(request: Request) -> Response:
    """Rename a folder (``s`` to ``dest``, both labels)."""
    user = _user(request)
    old, new = _label_name(_state(_one(request, "s"))), _label_name(_state(_one(request, "dest")))
    if old is None or new is None:
        raise InputError("s and dest must be user/-/label/NAME")
    store: Store = request.app.state.store
    with store.atomic() as conn:
        store.rename_folder(conn, user["id"], old, new)
    return PlainTextResponse("OK")


@router.post("/reader/api/0/disable-tag")
def disable_tag(request: Request) -> Response:
    """Remove a folder (its feeds stay, in no folder) or an article label from every article."""
    user = _user(request)
    name = _label_name(_state(_one(request, "s")))
    if name is None:
        raise InputError("s must be user/-/label/NAME")
    store: Store = request.app.state.store
    with store.atomic() as conn:
        if name in store.folders(conn, user["id"]):
            store.rename_folder(conn, user["id"], name, None)
        else:
            ids = [e.article_id for e in store.stream(conn, user["id"], StreamQuery(label=name), MAX_ID)]
            store.set_labels(conn, user["id"], ids, remove=[name])
    return PlainTextResponse("OK")


@router.api_route("/{rest:path}", methods=["GET", "POST"])
def unknown(request: Request, rest: str) -> Response:
    raise NotFound(f"no Reader API endpoint /{rest[:80]}")
