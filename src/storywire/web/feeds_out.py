"""Story feeds out: Atom 1.0 and JSON Feed 1.1 of the top stories and of a reader's "For you".

Feed readers cannot log in, so these also accept an API token as ``?token=`` (a token, not a
password: revocable on the account page).
"""
from __future__ import annotations

from datetime import UTC, datetime
from xml.etree.ElementTree import Element, SubElement, tostring

from fastapi import APIRouter, Request
from starlette.responses import JSONResponse, Response

from ..clock import utcnow
from ..errors import AuthError
from . import queries
from .auth import resolve

router = APIRouter(include_in_schema=False)
FEED_SIZE = 30


def _stories(request: Request, view: str) -> tuple[list[dict], str]:
    viewer = resolve(request, allow_query_token=True)
    if viewer.user is None and (view == "foryou" or not request.app.state.settings.anonymous_read):
        raise AuthError("feed readers: add ?token=<API token> to the feed URL (make one on the account page)")
    store = request.app.state.store
    with store.read() as conn:
        cards, _ = queries.river(store, conn, viewer, view, limit=FEED_SIZE, cache=request.app.state.river_cache)
    title = "storywire: top stories" if view == "top" else f"storywire: for {viewer.name}"
    return cards, title


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def _iso(t: datetime | None) -> str:
    t = t or utcnow()
    return (t if t.tzinfo else t.replace(tzinfo=UTC)).isoformat()


def _content(c: dict) -> str:
    outlets = ", ".join(c["outlets"])
    text = c["summary"] or ""
    return f"{text}\n\nCovered by {c['outlet_count']} outlet{'s' if c['outlet_count'] != 1 else ''}: {outlets}.".strip()


def atom(request: Request, view: str) -> Response:
    cards, title = _stories(request, view)
    base = _base(request)
    feed = Element("feed", xmlns="http://www.w3.org/2005/Atom")
    SubElement(feed, "title").text = title
    SubElement(feed, "id").text = f"{base}/feeds/{view}"
    SubElement(feed, "updated").text = _iso(max((c["last_seen"] for c in cards if c["last_seen"]), default=None))
    SubElement(feed, "link", href=f"{base}/" if view == "top" else f"{base}/for-you", rel="alternate")
    SubElement(feed, "link", href=f"{base}/feeds/{view}.atom", rel="self")
    SubElement(SubElement(feed, "author"), "name").text = "storywire"
    SubElement(feed, "generator").text = "storywire"
    for c in cards:
        entry = SubElement(feed, "entry")
        SubElement(entry, "title").text = c["title"]
        SubElement(entry, "id").text = f"{base}/story/{c['id']}"
        SubElement(entry, "link", href=f"{base}/story/{c['id']}", rel="alternate")
        SubElement(entry, "updated").text = _iso(c["last_seen"])
        SubElement(entry, "published").text = _iso(c["first_seen"] or c["last_seen"])
        SubElement(entry, "summary", type="text").text = _content(c)
        for outlet in c["outlets"]:
            SubElement(entry, "category", term=outlet)
    body = '<?xml version="1.0" encoding="utf-8"?>\n' + tostring(feed, encoding="unicode")
    return Response(body, media_type="application/atom+xml; charset=utf-8")


def json_feed(request: Request, view: str) -> JSONResponse:
    cards, title = _stories(request, view)
    base = _base(request)
    return JSONResponse({
        "version": "https://jsonfeed.org/version/1.1",
        "title": title,
        "home_page_url": f"{base}/" if view == "top" else f"{base}/for-you",
        "feed_url": f"{base}/feeds/{view}.json",
        "items": [{
            "id": f"{base}/story/{c['id']}",
            "url": f"{base}/story/{c['id']}",
            "title": c["title"],
            "content_text": _content(c),
            "summary": c["summary"],
            "date_published": _iso(c["first_seen"] or c["last_seen"]),
            "date_modified": _iso(c["last_seen"]),
            "tags": c["outlets"],
        } for c in cards],
    }, media_type="application/feed+json")


@router.get("/feeds/top.atom")
def top_atom(request: Request):
    return atom(request, "top")


@router.get("/feeds/top.json")
def top_json(request: Request):
    return json_feed(request, "top")


@router.get("/feeds/foryou.atom")
def foryou_atom(request: Request):
    return atom(request, "foryou")


@router.get("/feeds/foryou.json")
def foryou_json(request: Request):
    return json_feed(request, "foryou")
