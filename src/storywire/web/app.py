"""The ASGI app: pages, the JSON API, feeds out, static files, security headers and error pages.

``create_app(settings, store)`` builds it; ``storywire serve`` runs it under uvicorn. Errors from the
domain (NotFound, AuthError, InputError...) become a status code with a JSON body under /api/ and a
readable page elsewhere, never a traceback. A store that is busy or down (a lock timeout, a lost
connection) is a 503 with Retry-After, as is any other 503.
"""
from __future__ import annotations

import logging
from functools import partial

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from ..config import Settings
from ..errors import AuthError, ConfigError, FetchError, InputError, NotFound, StoreError, StorywireError
from ..store.accounts import prepare_login_checks
from ..store.base import UNAVAILABLE, UNUSABLE_VALUE, Store
from . import admin, api, feeds_out, fever, greader, pages, reader_apps, reading_pages
from .auth import AFTER_RESPONSE, Forbidden, LoginRequired, Viewer, login_url
from .cache import TTLCache
from .logins import LoginLimits, TooManyLogins
from .logs import install_log_redaction
from .render import STATIC, make_templates, page

log = logging.getLogger(__name__)
RIVER_TTL_S = 60.0  # ranked pages are reused this long at most (recency decays slowly)
RETRY_AFTER_S = 5  # what a 503 asks clients to wait before trying again

# Article pages show text from anywhere on the web: nothing may load or run but our own files.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
]
HSTS = (b"strict-transport-security", b"max-age=31536000")


def security_headers(secure: bool) -> list[tuple[bytes, bytes]]:
    """The headers every response carries (HSTS only when served over HTTPS)."""
    return HEADERS + ([HSTS] if secure else [])


class SecurityHeaders:
    """Pure ASGI middleware (no request buffering): adds the headers above to every response."""

    def __init__(self, app: ASGIApp, secure: bool = False):
        self.app = app
        self.extra = security_headers(secure)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = scope["path"].startswith("/static/")

        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                headers = list(message.get("headers", []))
                headers += [(k, v) for k, v in self.extra if k not in names]
                if static and b"cache-control" not in names:
                    headers.append((b"cache-control", b"public, max-age=86400"))
                elif not static and b"cache-control" not in names:
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, wrapped)


class AfterResponse:
    """Pure ASGI middleware: runs the bookkeeping a request queued in its state (a token's last use, a page marked
    read: auth.after_response) once its response is sent, in a worker thread: the reader does not wait for it, and
    none of it outlives the request (nor holds a store connection after the request is done)."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        jobs: list = []
        scope.setdefault("state", {})[AFTER_RESPONSE] = jobs
        try:
            await self.app(scope, receive, send)
        finally:
            for job in jobs:
                await run_in_threadpool(job)


def _status(exc: Exception) -> int:
    if isinstance(exc, TooManyLogins):
        return 429
    if isinstance(exc, Forbidden):
        return 403
    if isinstance(exc, AuthError):
        return 401
    if isinstance(exc, NotFound):
        return 404
    if isinstance(exc, InputError):
        return 400
    if isinstance(exc, FetchError):
        return 502  # the feed's server (not the request) failed
    if isinstance(exc, (StoreError, ConfigError)):
        return 503
    return 500


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _error(request: Request, status: int, message: str, details: list | None = None,
           retry_after: int | None = None) -> Response:
    """The error as JSON under /api/, as a page elsewhere; a 503 always says when to retry."""
    if _is_api(request):
        body: dict = {"error": {"status": status, "message": message}}
        if details:
            body["error"]["details"] = details
        response: Response = JSONResponse(body, status_code=status)
        if status == 401:
            response.headers["WWW-Authenticate"] = 'Bearer realm="storywire"'
    else:
        viewer = getattr(request.state, "viewer", None) or Viewer(None)
        titles = {400: "That did not work", 401: "Please log in", 403: "Not allowed", 404: "Not found",
                  405: "Not allowed", 422: "That did not work", 429: "Too many tries", 503: "Unavailable"}
        response = page(request, "error.html", viewer, status_code=status, status=status,
                        title=titles.get(status, "Something went wrong"), message=message)
    if retry_after is None and status == 503:
        retry_after = RETRY_AFTER_S
    if retry_after is not None:
        response.headers["Retry-After"] = str(retry_after)
    return response


def create_app(settings: Settings, store: Store) -> FastAPI:
    """The web app over ``store`` with ``settings`` (anonymous_read, secure_cookies...)."""
    app = FastAPI(title="storywire", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/api/v1/openapi.json",
                  description="Stories, articles, search, sources and follows of a storywire server. "
                              "Authenticate with `Authorization: Bearer <token>`.")
    app.state.settings = settings
    app.state.store = store
    app.state.templates = make_templates()
    app.state.river_cache = TTLCache(ttl=RIVER_TTL_S)
    app.state.token_seen = {}  # token -> when its use was last recorded (see auth._note_use)
    app.state.logins = LoginLimits()
    prepare_login_checks()
    install_log_redaction()
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    app.include_router(api.router)
    app.include_router(feeds_out.router)
    app.include_router(admin.router)
    app.include_router(greader.router)  # reader apps: Google Reader API, Fever, app passwords
    app.include_router(fever.router)
    app.include_router(reader_apps.router)
    app.include_router(reading_pages.router)  # reading state in the pages: feeds, saved, read marks
    app.include_router(pages.router)
    app.openapi = partial(_openapi, app)  # type: ignore[method-assign]

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict:
        store.ping()
        return {"status": "ok"}

    _install_error_handlers(app, settings)
    app.add_middleware(AfterResponse)
    app.add_middleware(SecurityHeaders, secure=settings.secure_cookies)
    return app


def _openapi(app: FastAPI) -> dict:
    """The generated schema plus the Bearer scheme every /api/v1 call takes."""
    if app.openapi_schema is None:
        from fastapi.openapi.utils import get_openapi

        schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        schema.setdefault("components", {})["securitySchemes"] = {
            "bearer": {"type": "http", "scheme": "bearer",
                       "description": "An API token (`storywire users token NAME`)."}}
        schema["security"] = [{"bearer": []}]
        app.openapi_schema = schema
    return app.openapi_schema


def _install_error_handlers(app: FastAPI, settings: Settings) -> None:
    """Every error becomes a status with a JSON body under /api/ and a readable page elsewhere."""

    @app.exception_handler(LoginRequired)
    async def _login(request: Request, exc: LoginRequired) -> Response:
        return RedirectResponse(login_url(exc.next_path), status_code=303)

    @app.exception_handler(StorywireError)
    async def _domain(request: Request, exc: StorywireError) -> Response:
        status = _status(exc)
        if status >= 500:
            log.error("%s %s: %s", request.method, request.url.path, exc)
        retry_after = exc.retry_after if isinstance(exc, TooManyLogins) else None
        return _error(request, status, str(exc), retry_after=retry_after)

    async def _busy(request: Request, exc: Exception) -> Response:
        """The store is locked, overloaded or unreachable (writes say so as StoreError, reads here)."""
        log.error("%s %s: the store is unavailable: %s", request.method, request.url.path, exc)
        return _error(request, 503, "the store is busy or unavailable; try again in a few seconds")

    for unavailable in UNAVAILABLE:
        app.add_exception_handler(unavailable, _busy)

    @app.exception_handler(UNUSABLE_VALUE)
    async def _unusable(request: Request, exc: Exception) -> Response:
        """A value from the request the database cannot take (PostgreSQL refuses NUL characters)."""
        log.warning("%s %s: the store refused a value: %s", request.method, request.url.path, getattr(exc, "orig", exc))
        return _error(request, 400, "a value in this request cannot be used (it may hold a NUL character)")

    @app.exception_handler(HTTPException)
    async def _http(request: Request, exc: HTTPException) -> Response:
        messages = {404: "there is nothing at this address", 405: "this address does not take that method"}
        return _error(request, exc.status_code, messages.get(exc.status_code, str(exc.detail)))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        details = [{"where": ".".join(str(p) for p in e.get("loc", ())), "problem": e.get("msg", "")}
                   for e in exc.errors()]
        message = "; ".join(f"{d['where']}: {d['problem']}" for d in details) or "invalid request"
        return _error(request, 422 if _is_api(request) else 400, message, details)

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> Response:
        log.exception("%s %s failed", request.method, request.url.path)
        response = _error(request, 500, "an internal error occurred; it has been logged")
        # Starlette answers unexpected errors outside every middleware (SecurityHeaders included),
        # so this response gets the headers here.
        for name, value in security_headers(settings.secure_cookies) + [(b"cache-control", b"no-store")]:
            response.headers.setdefault(name.decode(), value.decode())
        return response
