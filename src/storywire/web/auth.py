"""Who is asking: a session cookie (web pages), a Bearer token (API) or nobody (when anonymous reading is on).

Sessions are server-side rows keyed by a digest of a random cookie value; each carries its own CSRF
token, which every POST form must echo (and API calls made with the cookie must send as
``X-CSRF-Token``). Bearer tokens need no CSRF token: a browser never attaches them by itself.
"""
from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from fastapi import Request

from ..errors import AuthError

SESSION_COOKIE = "sw_session"
LOGIN_CSRF_COOKIE = "sw_login_csrf"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class LoginRequired(Exception):
    """A page needs a logged-in reader; the app answers with a redirect to the login page."""

    def __init__(self, next_path: str = "/"):
        super().__init__(next_path)
        self.next_path = next_path


class Forbidden(AuthError):
    """Logged in, but not allowed (not an admin, or a bad CSRF token): 403, not 401."""


@dataclass(frozen=True)
class Viewer:
    """The reader of one request. ``user`` is None for anonymous reading."""

    user: dict | None
    via: str = "anonymous"  # session | token | anonymous
    csrf: str = ""
    token: str = ""

    @property
    def id(self) -> int | None:
        return self.user["id"] if self.user else None

    @property
    def name(self) -> str:
        return self.user["name"] if self.user else ""

    @property
    def is_admin(self) -> bool:
        return bool(self.user and self.user["is_admin"])


def bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "").strip()
    if not header:
        return None
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        raise AuthError("use `Authorization: Bearer <token>` (make a token with `storywire users token NAME`)")
    return value.strip()


def resolve(request: Request, allow_query_token: bool = False) -> Viewer:
    """The viewer of this request (cached on it). A wrong token is an error, not anonymous access."""
    cached = getattr(request.state, "viewer", None)
    if cached is not None:
        return cached
    store = request.app.state.store
    token = bearer_token(request)
    if token is None and allow_query_token:
        token = request.query_params.get("token") or None
    if token is not None:
        with store.read() as conn:
            user = store.user_for_token(conn, token)
        if user is None:
            raise AuthError("the API token is not valid (it may have been revoked)")
        viewer = Viewer(user, via="token", token=token)
        _note_use(request, token)
    else:
        viewer = Viewer(None)
        sid = request.cookies.get(SESSION_COOKIE)
        if sid:
            with store.read() as conn:
                session = store.get_session(conn, sid)
            if session is not None:
                viewer = Viewer(session["user"], via="session", csrf=session["csrf"])
    request.state.viewer = viewer
    return viewer


TOUCH_EVERY_S = 60.0
AFTER_RESPONSE = "after_response"  # the request state's list of jobs run once its response is sent (app.AfterResponse)
_touch_lock = threading.Lock()


def after_response(request: Request, job: Callable[[], None]) -> None:
    """Run ``job`` once the request's response is sent, in a worker thread (app.AfterResponse): bookkeeping a
    reader never waits for and no write that makes a read wait."""
    getattr(request.state, AFTER_RESPONSE).append(job)


def _note_use(request: Request, token: str) -> None:
    """Record the token's last use (shown on the account page) at most once a minute, after the response is
    sent: a write must never make a read wait (on SQLite, behind an ingest transaction)."""
    seen: dict = request.app.state.token_seen
    now = time.monotonic()
    with _touch_lock:
        if now - seen.get(token, -TOUCH_EVERY_S) < TOUCH_EVERY_S:
            return
        seen[token] = now
    store = request.app.state.store

    def touch() -> None:
        try:
            with store.atomic() as conn:
                store.touch_token(conn, token)
        except Exception:  # bookkeeping only: never let it surface
            pass

    after_response(request, touch)


def page_viewer(request: Request) -> Viewer:
    """For HTML pages: the logged-in reader, or anonymous when the settings allow; else off to log in."""
    viewer = resolve(request)
    if viewer.user is None and not request.app.state.settings.anonymous_read:
        raise LoginRequired(local_path(request))
    return viewer


def page_user(request: Request) -> Viewer:
    """For pages that change something (follow, account): a logged-in reader only."""
    viewer = resolve(request)
    if viewer.user is None:
        raise LoginRequired(local_path(request))
    return viewer


def api_viewer(request: Request) -> Viewer:
    """For the JSON API: a token (or session) user, or anonymous when allowed; unsafe calls need a user
    and, with a session cookie, the session's CSRF token in ``X-CSRF-Token``."""
    viewer = resolve(request)
    if request.method not in SAFE_METHODS:
        if viewer.user is None:
            raise AuthError("this call needs a user: send `Authorization: Bearer <token>`")
        if viewer.via == "session":
            check_csrf(viewer, request.headers.get("x-csrf-token", ""))
    elif viewer.user is None and not request.app.state.settings.anonymous_read:
        raise AuthError("log in or send `Authorization: Bearer <token>`")
    return viewer


def api_user(request: Request) -> Viewer:
    viewer = api_viewer(request)
    if viewer.user is None:
        raise AuthError("this call needs a user: send `Authorization: Bearer <token>`")
    return viewer


def require_admin(viewer: Viewer) -> None:
    if viewer.user is None:
        raise AuthError("log in first")
    if not viewer.is_admin:
        raise Forbidden("only an admin can do this")


def check_csrf(viewer: Viewer, submitted: str) -> None:
    """The submitted token must be the session's own (constant-time compare)."""
    if viewer.via != "session" or not viewer.csrf:
        raise Forbidden("log in to do this")
    if not submitted or not hmac.compare_digest(viewer.csrf.encode(), submitted.encode()):
        raise Forbidden("the form has expired or did not come from this site (CSRF check failed); reload and try again")


def new_login_csrf() -> str:
    return secrets.token_urlsafe(24)


def local_path(request: Request) -> str:
    path = request.url.path
    return path + ("?" + request.url.query if request.url.query else "")


def safe_next(value: str | None) -> str:
    """Only a local path may follow a login (no open redirect to another site)."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/"
    return value


def login_url(next_path: str) -> str:
    return "/login" + ("?next=" + quote(next_path, safe="") if next_path and next_path != "/" else "")
