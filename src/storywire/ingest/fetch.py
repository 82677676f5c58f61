"""All of storywire's network access: one polite, defensive async HTTP client.

Why each piece is here:
- SSRF guard: feed URLs come from users and OPML files and redirect anywhere, so every TCP connection
  (every redirect hop, every retry) resolves the host itself, refuses non-global addresses (loopback,
  private, link-local incl. the cloud metadata address, CGNAT, multicast, reserved) unless
  ``allow_private_addresses`` is set, and connects to the address it checked (no DNS rebinding gap).
- Politeness: a per-host concurrency limit and a delay between request starts to one host, a global
  limit, a descriptive User-Agent, conditional GET, retries that back off (with jitter) and honour
  ``Retry-After``.
- Bounded work: connect and total timeouts, and a cap on the *decompressed* body enforced while
  streaming (the decoders here stop at the cap, so a gzip or brotli bomb never expands in memory).

``Fetcher.fetch`` never raises for network trouble: it returns a :class:`FetchResult` whose ``error``
says what went wrong in words a user can act on.
"""
from __future__ import annotations

import asyncio
import ipaddress
import random
import re
import socket
import ssl
import zlib
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from ..clock import utcnow
from ..config import Settings
from ..errors import FetchError

FEED_ACCEPT = ("application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml, "
               "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, text/html;q=0.5, */*;q=0.1")
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"
REDIRECTS = (301, 302, 303, 307, 308)
PERMANENT = (301, 308)
MAX_REDIRECTS = 10


@dataclass(frozen=True)
class FetchResult:
    """The outcome of one fetch (after redirects and retries).

    ``error`` is None on success (2xx or 304). ``permanent_redirect`` is the new URL when every hop
    of the redirect chain was permanent (301/308): the caller should store it in place of ``url``.
    """

    url: str
    status: int | None = None
    final_url: str | None = None
    permanent_redirect: str | None = None
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    error: str | None = None
    retry_after: float | None = None  # seconds the server asked us to wait (429/503), if any
    attempts: int = 1
    unreachable: bool = False  # no answer at all (DNS, connect, timeout): maybe our own network is down

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def content_type(self) -> str | None:
        return self.headers.get("content-type")

    def text(self) -> str:
        """The body as text: charset from the header, else from a <meta>/XML declaration, else guessed."""
        return decode_body(self.body, self.content_type)


def decode_body(body: bytes, content_type: str | None = None) -> str:
    charset = None
    if content_type:
        found = re.search(r"charset=[\"']?([\w.:-]+)", content_type, re.I)
        charset = found.group(1) if found else None
    if not charset:
        declared = re.search(rb"<meta[^>]+charset=[\"']?([\w.:-]+)|<\?xml[^>]+encoding=[\"']([\w.:-]+)",
                             body[:4096], re.I)
        charset = (declared.group(1) or declared.group(2)).decode("ascii") if declared else None
    if charset:
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    from .files import decode

    try:
        return decode(body)
    except ValueError:
        return body.decode("utf-8", "replace")


# -- errors raised inside the connection machinery -------------------------------------------------
class Refused(FetchError):
    """The URL points somewhere storywire does not fetch (scheme, private address)."""


class Unresolvable(FetchError):
    """DNS gave no address: usually no network, or a mistyped host. Not retried."""


class TooLarge(FetchError):
    """The body passed the size cap."""


def check_address(ip: str, allow_private: bool) -> None:
    """Refuse addresses that are not on the public internet (unless allowed)."""
    addr = ipaddress.ip_address(ip.split("%", 1)[0])
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        addr = addr.ipv4_mapped
    if allow_private:
        return
    if not addr.is_global or addr.is_multicast:
        raise Refused(f"refused: {ip} is a private, loopback, link-local or reserved address "
                      "(set allow_private_addresses to fetch it)")


def check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise Refused(f"refused: only http and https URLs are fetched, not {parts.scheme or 'a relative URL'!r}")
    if not parts.hostname:
        raise Refused(f"refused: {url!r} has no host")


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """Resolves, checks, then connects to the checked address (TLS still verifies the host name)."""

    def __init__(self, allow_private: bool):
        self.allow_private = allow_private
        self._inner = httpcore.AnyIOBackend()

    async def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                          socket_options: Iterable | None = None) -> httpcore.AsyncNetworkStream:
        loop = asyncio.get_running_loop()
        try:
            infos = await asyncio.wait_for(loop.getaddrinfo(host, port, type=socket.SOCK_STREAM), timeout)
        except socket.gaierror as exc:
            raise Unresolvable(f"cannot resolve host {host} ({exc.strerror or exc})") from None
        except TimeoutError:
            raise httpcore.ConnectTimeout(f"resolving {host} timed out") from None
        addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
        for ip in addresses:  # every address must pass: the OS may pick any of them
            check_address(ip, self.allow_private)
        last: Exception | None = None
        for ip in addresses:
            try:
                return await self._inner.connect_tcp(ip, port, timeout=timeout, local_address=local_address,
                                                     socket_options=socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        raise last or httpcore.ConnectError(f"no address for {host}")

    async def connect_unix_socket(self, *args, **kwargs):
        raise Refused("refused: unix sockets are not fetched")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


class GuardedTransport(httpx.AsyncHTTPTransport):
    """httpx's transport with its connection pool rebuilt on :class:`GuardedBackend` (httpx has no
    public hook for the network backend; the pool is the documented httpcore API)."""

    def __init__(self, allow_private: bool, max_connections: int):
        super().__init__(trust_env=False)
        import certifi

        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=ssl.create_default_context(cafile=certifi.where()),
            max_connections=max_connections, max_keepalive_connections=max_connections, keepalive_expiry=5.0,
            network_backend=GuardedBackend(allow_private),
        )


# -- bounded decompression ----------------------------------------------------------------------
class _Stage:
    def __init__(self, encoding: str):
        self.encoding = encoding
        if encoding in ("gzip", "x-gzip"):
            self._z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._z = zlib.decompressobj()
            self._raw_fallback = True
        elif encoding == "br":
            import brotli

            self._br = brotli.Decompressor()
        elif encoding != "identity":
            raise FetchError(f"unsupported Content-Encoding {encoding!r}")

    def feed(self, data: bytes, room: int) -> bytes:
        """Decompress ``data``, producing at most ``room`` bytes; more means the cap was passed."""
        try:
            return self._feed(data, room)
        except (TooLarge, FetchError):
            raise
        except Exception as exc:  # zlib.error, brotli.error: a corrupt body
            raise FetchError(f"corrupt {self.encoding} body ({exc})") from None

    def _feed(self, data: bytes, room: int) -> bytes:
        if self.encoding == "identity":
            return data
        if self.encoding == "br":
            out = self._br.process(data, output_buffer_limit=room + 1) if data else b""
            if len(out) > room or not self._br.can_accept_more_data():
                raise TooLarge("")
            return out
        try:
            out = self._z.decompress(data, room + 1)
        except zlib.error:
            if self.encoding == "deflate" and getattr(self, "_raw_fallback", False):
                self._z, self._raw_fallback = zlib.decompressobj(-zlib.MAX_WBITS), False  # raw deflate
                out = self._z.decompress(data, room + 1)
            else:
                raise
        self._raw_fallback = False
        if len(out) > room:
            raise TooLarge("")
        if self.encoding.endswith("gzip") and self._z.eof and self._z.unused_data:  # concatenated members
            rest = self._z.unused_data
            self._z = zlib.decompressobj(16 + zlib.MAX_WBITS)
            out += self._feed(rest, room - len(out))
        return out


class BoundedDecoder:
    """Applies Content-Encoding stages in reverse order, never holding more than ``limit`` bytes."""

    def __init__(self, content_encoding: str | None, limit: int):
        names = [e.strip().lower() for e in (content_encoding or "").split(",") if e.strip()]
        self.stages = [_Stage(n) for n in reversed(names)]
        self.limit = limit
        self.size = 0

    def feed(self, chunk: bytes) -> bytes:
        room = self.limit - self.size
        for stage in self.stages:
            chunk = stage.feed(chunk, room)
        if len(chunk) > room:
            raise TooLarge("")
        self.size += len(chunk)
        return chunk


# -- the client ---------------------------------------------------------------------------------
def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date); None if absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or utcnow())).total_seconds())


@dataclass
class _Host:
    sem: asyncio.Semaphore
    next_start: float = 0.0


class Fetcher:
    """One client for a whole fetch pass; use ``async with Fetcher(settings) as f: await f.fetch(url)``.

    ``backoff_base`` (seconds) scales the retry back-off; ``max_retry_after`` is the longest
    ``Retry-After`` waited for inside one fetch (a longer one ends the fetch with ``retry_after`` set,
    so the caller schedules the next attempt instead of holding a slot).
    """

    def __init__(self, settings: Settings, backoff_base: float = 1.0, max_retry_after: float = 60.0):
        self.settings = settings
        self.backoff_base = backoff_base
        self.max_retry_after = max_retry_after
        self._global = asyncio.Semaphore(max(1, settings.fetch_concurrency))
        self._hosts: dict[str, _Host] = {}
        self._client: httpx.AsyncClient | None = None

    async def __aenter__(self) -> Fetcher:
        s = self.settings
        self._client = httpx.AsyncClient(
            transport=GuardedTransport(s.allow_private_addresses, max(1, s.fetch_concurrency)),
            timeout=httpx.Timeout(s.fetch_timeout, connect=s.fetch_connect_timeout),
            headers={"User-Agent": s.user_agent, "Accept-Encoding": "gzip, deflate, br"},
            follow_redirects=False, trust_env=False,
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    @asynccontextmanager
    async def _slot(self, url: str) -> AsyncIterator[None]:
        """Per-host limit and spacing first (not holding a global slot while waiting), then global."""
        parts = urlsplit(url)
        key = f"{parts.hostname}:{parts.port or ''}"
        host = self._hosts.get(key)
        if host is None:
            host = self._hosts[key] = _Host(asyncio.Semaphore(max(1, self.settings.fetch_per_host)))
        async with host.sem:
            loop = asyncio.get_running_loop()
            start = max(loop.time(), host.next_start)
            host.next_start = start + max(0.0, self.settings.fetch_host_delay)
            await asyncio.sleep(start - loop.time())
            async with self._global:
                yield

    async def fetch(self, url: str, etag: str | None = None, last_modified: str | None = None,
                    accept: str = FEED_ACCEPT) -> FetchResult:
        """GET ``url`` following redirects, with retries; never raises for network or HTTP problems."""
        if self._client is None:
            raise RuntimeError("use Fetcher as an async context manager")
        attempts = 0
        while True:
            attempts += 1
            try:
                result = await self._follow(url, etag, last_modified, accept)
            except Refused as exc:
                return FetchResult(url, error=str(exc), attempts=attempts)
            except Unresolvable as exc:
                return FetchResult(url, error=str(exc), attempts=attempts, unreachable=True)
            except TooLarge:
                return FetchResult(url, error=f"response larger than {self.settings.fetch_max_bytes} bytes "
                                              "(fetch_max_bytes), not read", attempts=attempts)
            except (TimeoutError, httpx.TimeoutException):
                result = FetchResult(url, error=f"timed out (connect {self.settings.fetch_connect_timeout:g}s, "
                                                f"total {self.settings.fetch_timeout:g}s)", attempts=attempts,
                                     unreachable=True)
            except httpx.TransportError as exc:
                result = FetchResult(url, error=f"network error: {_describe(exc)}", attempts=attempts,
                                     unreachable=isinstance(exc, (httpx.ConnectError, httpx.ConnectTimeout)))
            except FetchError as exc:
                return FetchResult(url, error=f"bad response: {_describe(exc)}", attempts=attempts)
            result = _with_attempts(result, attempts)
            retryable = result.status is None or result.status == 429 or result.status >= 500
            if result.ok or not retryable or attempts > self.settings.fetch_retries:
                return result
            if result.retry_after is not None:
                if result.retry_after > self.max_retry_after:
                    return result
                delay = result.retry_after
            else:
                step = self.backoff_base * 2 ** (attempts - 1)
                delay = step + random.uniform(0, step)
            await asyncio.sleep(delay)

    async def _follow(self, url: str, etag: str | None, last_modified: str | None, accept: str) -> FetchResult:
        assert self._client is not None
        current, permanent, hops = url, True, 0
        while True:
            check_url(current)
            headers = {"Accept": accept}
            if etag:
                headers["If-None-Match"] = etag
            if last_modified:
                headers["If-Modified-Since"] = last_modified
            # the total timeout covers one request and its body, not the wait for a polite slot
            async with self._slot(current), asyncio.timeout(self.settings.fetch_timeout):
                request = self._client.build_request("GET", current, headers=headers)
                response = await self._client.send(request, stream=True)
                try:
                    status = response.status_code
                    location = response.headers.get("location")
                    if status in REDIRECTS and location:
                        hops += 1
                        if hops > MAX_REDIRECTS:
                            return FetchResult(url, status=status, final_url=current,
                                               error=f"more than {MAX_REDIRECTS} redirects")
                        permanent = permanent and status in PERMANENT
                        current = urljoin(current, location.strip())
                        continue
                    body = await self._read(response) if 200 <= status < 300 else b""
                finally:
                    await response.aclose()
            heads = {k.lower(): v for k, v in response.headers.items()}
            ok = 200 <= status < 300 or status == 304
            error = None if ok else f"HTTP {status} {response.reason_phrase}".strip()
            return FetchResult(
                url=url, status=status, final_url=current, body=body, headers=heads,
                permanent_redirect=current if hops and permanent else None,
                etag=heads.get("etag"), last_modified=heads.get("last-modified"), not_modified=status == 304,
                error=error, retry_after=parse_retry_after(heads.get("retry-after")) if status in (429, 503) else None,
            )

    async def _read(self, response: httpx.Response) -> bytes:
        limit = self.settings.fetch_max_bytes
        declared = response.headers.get("content-length", "")
        if not response.headers.get("content-encoding") and declared.isdigit() and int(declared) > limit:
            raise TooLarge("")
        decoder = BoundedDecoder(response.headers.get("content-encoding"), limit)
        parts = []
        async for chunk in response.aiter_raw():
            parts.append(decoder.feed(chunk))
        return b"".join(parts)


def _with_attempts(result: FetchResult, attempts: int) -> FetchResult:
    from dataclasses import replace

    return replace(result, attempts=attempts)


def _root_oserror(exc: BaseException | None, depth: int = 0) -> OSError | None:
    """The OS-level cause under httpx/httpcore/anyio wrappers ("All connection attempts failed")."""
    if exc is None or depth > 8:
        return None
    if isinstance(exc, OSError) and exc.strerror:
        return exc
    for inner in getattr(exc, "exceptions", ()) or ():  # anyio's ExceptionGroup of per-address errors
        found = _root_oserror(inner, depth + 1)
        if found:
            return found
    return _root_oserror(exc.__cause__ or exc.__context__, depth + 1)


def _describe(exc: BaseException) -> str:
    root = _root_oserror(exc)
    if root is not None:  # "connection refused", "network is unreachable"
        import os

        return (os.strerror(root.errno) if root.errno else root.strerror or "").lower()
    text = str(exc).strip()
    return text.splitlines()[0][:200] if text else exc.__class__.__name__


async def fetch_one(settings: Settings, url: str, accept: str = FEED_ACCEPT) -> FetchResult:
    async with Fetcher(settings) as fetcher:
        return await fetcher.fetch(url, accept=accept)


def fetch_url(settings: Settings, url: str, accept: str = FEED_ACCEPT) -> FetchResult:
    """One fetch from synchronous code (the CLI's `feeds add`)."""
    return asyncio.run(fetch_one(settings, url, accept))
