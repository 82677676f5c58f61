"""Story feeds out: Atom 1.0 and JSON Feed 1.1 of the top stories and of a reader's "For you"
(written by storywire.brief.feed_writer, the one feed writer).

Feed readers cannot log in, so these also accept an API token as ``?token=`` (a token, not a
password: revocable on the account page).
"""
from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from ..brief.feed_writer import OutgoingEntry, OutgoingFeed, atom_xml, json_feed
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


def _content(c: dict) -> str:
    """The story's summary, then who covers it ("Covered by 2 outlets: A, B."; "No known outlet.")."""
    n = c["outlet_count"]
    covered = f"Covered by {n} outlet{'s' if n != 1 else ''}: {', '.join(c['outlets'])}." if n else "No known outlet."
    return f"{c['summary'] or ''}\n\n{covered}".strip()


def _entry(base: str, c: dict) -> OutgoingEntry:
    url = f"{base}/story/{c['id']}"
    updated = c["last_seen"] or utcnow()
    return OutgoingEntry(id=url, url=url, title=c["title"], published=c["first_seen"] or updated, updated=updated,
                     summary=c["summary"] or "", content_text=_content(c), tags=tuple(c["outlets"]))


def _feed(request: Request, view: str, suffix: str) -> OutgoingFeed:
    """The ranked stories of ``view`` as a feed served at /feeds/{view}.{suffix}."""
    cards, title = _stories(request, view)
    base = str(request.base_url).rstrip("/")
    return OutgoingFeed(id=f"{base}/feeds/{view}", title=title, self_url=f"{base}/feeds/{view}.{suffix}",
                home_url=f"{base}/" if view == "top" else f"{base}/for-you",
                updated=max((c["last_seen"] for c in cards if c["last_seen"]), default=utcnow()),
                entries=tuple(_entry(base, c) for c in cards))


def atom_response(request: Request, view: str) -> Response:
    return Response(atom_xml(_feed(request, view, "atom")), media_type="application/atom+xml; charset=utf-8")


def json_response(request: Request, view: str) -> Response:
    return Response(json_feed(_feed(request, view, "json")), media_type="application/feed+json")


@router.get("/feeds/top.atom")
def top_atom(request: Request):
    return atom_response(request, "top")


@router.get("/feeds/top.json")
def top_json(request: Request):
    return json_response(request, "top")


@router.get("/feeds/foryou.atom")
def foryou_atom(request: Request):
    return atom_response(request, "foryou")


@router.get("/feeds/foryou.json")
def foryou_json(request: Request):
    return json_response(request, "foryou")
