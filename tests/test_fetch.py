"""The network module against a real HTTP server on 127.0.0.1: redirects, 304, 429, 5xx, timeouts,
size caps, compression bombs and the SSRF guard.

``LocalServer`` is also used by test_feeds.py: routes map a path to a ``Reply`` (or a function of the
request returning one); every request is recorded with its headers.
"""
from __future__ import annotations

import asyncio
import gzip
import threading
import time
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler

import brotli
import pytest

from storywire.config import Settings
from storywire.ingest.fetch import BoundedDecoder, Fetcher, TooLarge, check_address, parse_retry_after
from tests.pages_server import QuietHTTPServer


@dataclass
class Reply:
    status: int = 200
    body: bytes | Iterable[bytes] = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the status line: a slow server


@dataclass
class Seen:
    path: str
    headers: dict[str, str]


class LocalServer:
    """A threaded HTTP/1.1 server on 127.0.0.1 and a free port, for the duration of a ``with``."""

    def __init__(self) -> None:
        self.routes: dict[str, Reply | Callable[[Seen], Reply]] = {}
        self.seen: list[Seen] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # keep test output clean
                pass

            def do_GET(self) -> None:
                req = Seen(self.path, {k.lower(): v for k, v in self.headers.items()})
                with server._lock:
                    server.seen.append(req)
                route = server.routes.get(self.path) or server.routes.get(self.path.split("?")[0])
                reply = route(req) if callable(route) else route
                if reply is None:
                    reply = Reply(404, b"not found")
                if reply.delay:
                    time.sleep(reply.delay)
                try:
                    self.send_response(reply.status)
                    for k, v in reply.headers.items():
                        self.send_header(k, v)
                    if isinstance(reply.body, bytes):
                        self.send_header("Content-Length", str(len(reply.body)))
                        self.end_headers()
                        self.wfile.write(reply.body)
                    else:  # streamed without a length: the client must stop on its own
                        self.send_header("Connection", "close")
                        self.end_headers()
                        for chunk in reply.body:
                            self.wfile.write(chunk)
                        self.close_connection = True
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True

        self.httpd = QuietHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.block_on_close = False  # do not wait for handlers stuck in slow replies or keep-alive
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str) -> int:
        return sum(1 for s in self.seen if s.path == path)

    def __enter__(self) -> LocalServer:
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def test_settings(**overrides) -> Settings:
    """Settings for tests: loopback allowed, no politeness delay, short timeouts."""
    base = Settings(allow_private_addresses=True, fetch_host_delay=0.0, fetch_timeout=5.0, fetch_connect_timeout=2.0,
                    fetch_retries=2, fetch_per_host=4)
    return replace(base, **overrides)


test_settings.__test__ = False  # a helper, not a test


def fetch(settings: Settings, url: str, **kw):
    async def go():
        async with Fetcher(settings, backoff_base=0.01) as f:
            return await f.fetch(url, **kw)

    return asyncio.run(go())


@pytest.fixture
def server():
    with LocalServer() as s:
        yield s


RSS = b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>'


def test_plain_fetch_sends_user_agent_and_reads_body(server):
    server.routes["/feed"] = Reply(200, RSS, {"Content-Type": "application/rss+xml", "ETag": '"v1"'})
    r = fetch(test_settings(user_agent="storywire-test/1"), server.url("/feed"))
    assert r.ok and r.status == 200 and r.body == RSS and r.etag == '"v1"'
    assert r.final_url == server.url("/feed") and r.permanent_redirect is None
    assert server.seen[0].headers["user-agent"] == "storywire-test/1"


def test_conditional_get_gives_304_not_modified(server):
    def conditional(req: Seen) -> Reply:
        if req.headers.get("if-none-match") == '"v1"' or req.headers.get("if-modified-since"):
            return Reply(304, b"", {"ETag": '"v1"'})
        return Reply(200, RSS, {"ETag": '"v1"', "Last-Modified": "Tue, 01 Feb 2022 10:00:00 GMT"})

    server.routes["/feed"] = conditional
    first = fetch(test_settings(), server.url("/feed"))
    assert first.status == 200 and first.last_modified == "Tue, 01 Feb 2022 10:00:00 GMT"
    again = fetch(test_settings(), server.url("/feed"), etag=first.etag)
    assert again.ok and again.not_modified and again.status == 304 and again.body == b""
    by_date = fetch(test_settings(), server.url("/feed"), last_modified=first.last_modified)
    assert by_date.not_modified
    assert server.seen[2].headers["if-modified-since"] == "Tue, 01 Feb 2022 10:00:00 GMT"


def test_gzip_deflate_and_brotli_bodies_are_decoded(server):
    server.routes["/gz"] = Reply(200, gzip.compress(RSS), {"Content-Encoding": "gzip"})
    server.routes["/br"] = Reply(200, brotli.compress(RSS), {"Content-Encoding": "br"})
    server.routes["/deflate"] = Reply(200, zlib.compress(RSS), {"Content-Encoding": "deflate"})
    for path in ("/gz", "/br", "/deflate"):
        r = fetch(test_settings(), server.url(path))
        assert r.ok and r.body == RSS, path
    assert "gzip" in server.seen[0].headers["accept-encoding"] and "br" in server.seen[0].headers["accept-encoding"]


def test_redirect_chain_reports_only_all_permanent_chains(server):
    server.routes["/old"] = Reply(301, b"", {"Location": "/older"})
    server.routes["/older"] = Reply(308, b"", {"Location": server.url("/feed")})
    server.routes["/temp"] = Reply(301, b"", {"Location": "/hop"})
    server.routes["/hop"] = Reply(302, b"", {"Location": "/feed"})
    server.routes["/feed"] = Reply(200, RSS)
    moved = fetch(test_settings(), server.url("/old"))
    assert moved.ok and moved.body == RSS and moved.url == server.url("/old")
    assert moved.final_url == server.url("/feed") and moved.permanent_redirect == server.url("/feed")
    mixed = fetch(test_settings(), server.url("/temp"))
    assert mixed.ok and mixed.final_url == server.url("/feed") and mixed.permanent_redirect is None


def test_redirect_loop_and_non_http_redirect_are_refused(server):
    server.routes["/loop"] = Reply(302, b"", {"Location": "/loop"})
    server.routes["/file"] = Reply(301, b"", {"Location": "file:///etc/passwd"})
    loop = fetch(test_settings(), server.url("/loop"))
    assert not loop.ok and "redirects" in loop.error
    assert server.hits("/loop") == 11
    bad = fetch(test_settings(), server.url("/file"))
    assert not bad.ok and "only http and https" in bad.error


def test_429_with_retry_after_is_waited_for_then_succeeds(server):
    calls = []

    def limited(req: Seen) -> Reply:
        calls.append(time.monotonic())
        return Reply(429, b"slow down", {"Retry-After": "1"}) if len(calls) == 1 else Reply(200, RSS)

    server.routes["/feed"] = limited
    r = fetch(test_settings(), server.url("/feed"))
    assert r.ok and r.attempts == 2 and r.body == RSS
    assert calls[1] - calls[0] >= 0.9  # the server's Retry-After was honoured (a lower bound, not a speed claim)


def test_long_retry_after_ends_the_fetch_with_the_delay(server):
    server.routes["/feed"] = Reply(429, b"", {"Retry-After": "3600"})
    r = fetch(test_settings(), server.url("/feed"))
    assert not r.ok and r.status == 429 and r.retry_after == 3600 and server.hits("/feed") == 1


def test_503_then_success_is_retried(server):
    replies = iter([Reply(503, b"busy"), Reply(502, b"bad gateway"), Reply(200, RSS)])
    server.routes["/feed"] = lambda req: next(replies)
    r = fetch(test_settings(fetch_retries=3), server.url("/feed"))
    assert r.ok and r.attempts == 3 and server.hits("/feed") == 3


def test_retries_give_up_and_4xx_is_not_retried(server):
    server.routes["/down"] = Reply(500, b"oops")
    server.routes["/gone"] = Reply(404, b"nope")
    down = fetch(test_settings(fetch_retries=2), server.url("/down"))
    assert down.error == "HTTP 500 Internal Server Error" and down.attempts == 3 and server.hits("/down") == 3
    gone = fetch(test_settings(fetch_retries=2), server.url("/gone"))
    assert gone.error == "HTTP 404 Not Found" and server.hits("/gone") == 1


def test_slow_server_times_out(server):
    server.routes["/slow"] = Reply(200, RSS, delay=3.0)
    r = fetch(test_settings(fetch_timeout=0.5, fetch_retries=0), server.url("/slow"))
    assert not r.ok and "timed out" in r.error and r.status is None


def test_huge_streamed_response_is_cut_at_the_cap(server):
    sent = []

    def endless():
        for _ in range(2000):  # 2000 x 64 KiB = 125 MiB if nobody stops us
            sent.append(1)
            yield b"x" * 65536

    server.routes["/huge"] = lambda req: Reply(200, endless(), {"Content-Type": "application/rss+xml"})
    r = fetch(test_settings(fetch_max_bytes=1_000_000, fetch_retries=0), server.url("/huge"))
    assert not r.ok and "larger than 1000000 bytes" in r.error and r.body == b""
    assert len(sent) < 2000  # the client hung up; the server did not send everything


def test_declared_oversize_is_refused_before_reading(server):
    server.routes["/big"] = Reply(200, b"y" * 300_000)
    r = fetch(test_settings(fetch_max_bytes=100_000), server.url("/big"))
    assert "larger than 100000 bytes" in r.error


@pytest.mark.parametrize("encoding", ["gzip", "br"])
def test_compression_bomb_is_stopped_at_the_cap(server, encoding):
    raw = b"\0" * 200_000_000  # 200 MB of zeros compresses to a few hundred KB
    bomb = gzip.compress(raw, 9) if encoding == "gzip" else brotli.compress(raw, quality=5)
    del raw
    assert len(bomb) < 1_000_000
    server.routes["/bomb"] = Reply(200, bomb, {"Content-Encoding": encoding})
    r = fetch(test_settings(fetch_max_bytes=5_000_000), server.url("/bomb"))
    assert not r.ok and "larger than 5000000 bytes" in r.error


def test_bounded_decoder_never_produces_more_than_the_cap():
    bomb = gzip.compress(b"\0" * 50_000_000)
    dec = BoundedDecoder("gzip", 1_000_000)
    produced = 0
    with pytest.raises(TooLarge):
        for i in range(0, len(bomb), 4096):
            produced += len(dec.feed(bomb[i:i + 4096]))
    assert produced <= 1_000_000


def test_binary_response_is_returned_for_the_parser_to_refuse(server):
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    server.routes["/img"] = Reply(200, png, {"Content-Type": "image/png"})
    r = fetch(test_settings(), server.url("/img"))
    assert r.ok and r.body == png and r.content_type == "image/png"


def test_private_addresses_are_refused_by_default(server):
    server.routes["/feed"] = Reply(200, RSS)
    r = fetch(test_settings(allow_private_addresses=False), server.url("/feed"))
    assert not r.ok and "refused" in r.error and "allow_private_addresses" in r.error
    assert server.seen == []  # refused before connecting
    by_name = fetch(test_settings(allow_private_addresses=False), f"http://localhost:{server.port}/feed")
    assert "refused" in by_name.error and server.seen == []  # checked after DNS resolution


def test_every_redirect_hop_is_checked(server, monkeypatch):
    """A first hop that passes cannot bounce us into the private network. The test server is itself on
    loopback, so the guard is narrowed to "only 127.0.0.1 is allowed"; the redirect goes to 127.0.0.2."""
    import storywire.ingest.fetch as fetch_module

    real = fetch_module.check_address
    checked = []

    def only_the_test_server(ip: str, allow_private: bool) -> None:
        checked.append(ip)
        real(ip, allow_private=ip == "127.0.0.1")

    monkeypatch.setattr(fetch_module, "check_address", only_the_test_server)
    server.routes["/jump"] = Reply(302, b"", {"Location": f"http://127.0.0.2:{server.port}/feed"})
    server.routes["/feed"] = Reply(200, RSS)
    r = fetch(test_settings(allow_private_addresses=False), server.url("/jump"))
    assert "refused: 127.0.0.2" in r.error
    assert checked == ["127.0.0.1", "127.0.0.2"] and [s.path for s in server.seen] == ["/jump"]


@pytest.mark.parametrize("ip", ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "::1",
                                "fd00:ec2::254", "100.64.0.1", "0.0.0.0", "::ffff:127.0.0.1", "224.0.0.1"])
def test_non_global_addresses_are_refused(ip):
    with pytest.raises(Exception, match="refused"):
        check_address(ip, allow_private=False)
    check_address(ip, allow_private=True)


def test_public_addresses_pass():
    for ip in ("93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946", "8.8.8.8"):
        check_address(ip, allow_private=False)


def test_non_http_schemes_are_refused():
    for url in ("file:///etc/passwd", "ftp://example.com/feed", "gopher://x/"):
        r = fetch(test_settings(), url)
        assert not r.ok and "only http and https" in r.error


def test_retry_after_parsing():
    from datetime import UTC, datetime

    now = datetime(2022, 2, 1, 10, 0, tzinfo=UTC)
    assert parse_retry_after("120") == 120
    assert parse_retry_after("Tue, 01 Feb 2022 10:01:30 GMT", now) == 90
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None


def test_per_host_limit_holds_under_load(server):
    """Twelve fetches with a per-host limit of 2 never overlap more than two at the server."""
    active, peak, lock = [0], [0], threading.Lock()

    def tracked(req: Seen) -> Reply:
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        time.sleep(0.05)
        with lock:
            active[0] -= 1
        return Reply(200, RSS)

    server.routes["/feed"] = tracked

    async def go():
        async with Fetcher(test_settings(fetch_per_host=2, fetch_concurrency=16)) as f:
            return await asyncio.gather(*(f.fetch(server.url("/feed")) for _ in range(12)))

    results = asyncio.run(go())
    assert all(r.ok for r in results) and server.hits("/feed") == 12
    assert peak[0] == 2
