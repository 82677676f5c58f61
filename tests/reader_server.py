"""A storywire server for the reader-app API tests: real uvicorn on 127.0.0.1 over a seeded store.

The seed is made once per module through the pipeline: two feeds (World, Local), recent articles
in each (two of them one story told by two outlets), one article older than the unread window, one
carrying script-injection payloads; users alice (with an app password) and bob. Each test gets its own
copy of the seed and its own server, so tests may change reading state freely.
"""
from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import httpx

from storywire.clock import utcnow
from storywire.config import Settings
from storywire.models import RawItem
from storywire.store import open_store
from storywire.store.base import Store
from storywire.store.reading import UNREAD_DAYS
from storywire.web import create_app
from tests.pages_server import serve_pages

PASSWORD = "correct horse battery"
STORY_TEXT = ("The harbour authority closed the northern ferry terminal on {day} after storm damage to the pier, "
              "and ferries to the islands will leave from the southern quay until repairs end next month, "
              "officials said in a statement that also warned of delays for freight.")
XSS_TEXT = ("Lantern boats <script>alert('body')</script> sailed.\n\n"
            "An image <img src=x onerror=alert('img')> and a <a href=\"javascript:alert(1)\">link</a> here.")
WORLD = [
    ("World Wire", "Council approves cycle lanes on the river road",
     "The city council approved twelve kilometres of protected cycle lanes along the river road on Tuesday."),
    ("World Wire", "Orchard growers report a record apple harvest",
     "Orchard growers in the valley reported a record apple harvest this autumn after a mild spring."),
    ("World Wire", "Observatory opens its doors for a meteor night",
     "The hill observatory opened to visitors for the meteor shower, with telescopes set up on the lawn."),
]


@dataclass(frozen=True)
class Seed:
    path: Path
    app_password: str
    world_feed: int
    local_feed: int


@dataclass(frozen=True)
class Live:
    url: str
    store: Store
    seed: Seed


def make_seed(folder: Path) -> Seed:
    from storywire.pipeline import Pipeline

    path = folder / "seed.db"
    store = open_store(str(path))
    with store.atomic() as conn:
        world, _ = store.add_feed(conn, "https://world.example/feed.xml", title="World Wire", category="World")
        local, _ = store.add_feed(conn, "https://local.example/rss", title="Local Paper", category="Local")
    now = utcnow()
    items = [RawItem(origin=f"world{n}", kind="text", source=source, title=title, text=text, feed_id=world,
                     url=f"https://world.example/{n}", published=now - timedelta(hours=2 + n))
             for n, (source, title, text) in enumerate(WORLD)]
    items += [
        RawItem(origin="ferry-world", kind="text", source="World Wire",
                title="Storm closes the northern ferry terminal", text=STORY_TEXT.format(day="Monday"), feed_id=world, url="https://world.example/ferry",
                published=now - timedelta(hours=1)),
        RawItem(origin="ferry-local", kind="text", source="Local Paper", title="Northern ferry terminal shut by storm",
                text=STORY_TEXT.format(day="Monday morning"), feed_id=local, url="https://local.example/ferry",
                published=now - timedelta(minutes=50)),
        RawItem(origin="xss", kind="text", source="Local Paper", title="Lantern festival <script>x</script> boats",
                text=XSS_TEXT, feed_id=local, url="https://local.example/lanterns", published=now - timedelta(hours=9)),
        RawItem(origin="old", kind="text", source="World Wire", title="Bridge repainting finished",
                text="Painters finished the bridge after six months of work on the old iron spans and rails.",
                feed_id=world, url="https://world.example/old", published=now - timedelta(days=UNREAD_DAYS + 3)),
    ]
    summary = Pipeline(store, Settings(db=str(path))).ingest(items)
    assert summary.counts["ingested"] == len(items), summary
    with store.atomic() as conn:
        alice = store.create_user(conn, "alice", PASSWORD)
        store.create_user(conn, "bob", PASSWORD)
        app_password = store.create_app_password(conn, alice, "tests")
    store.close()
    return Seed(path, app_password, world, local)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(seed: Seed, folder: Path, db_url: str | None = None, **settings: object) -> Iterator[Live]:
    """A copy of the seed (in a SQLite file, or copied into the empty store ``db_url``) served by uvicorn on
    127.0.0.1 with ``settings`` until the block ends."""
    import uvicorn

    from storywire.store.copy import copy_store

    path = folder / "storywire.db"
    shutil.copy(seed.path, path)
    store = open_store(str(path))
    if db_url is not None:
        source, store = store, open_store(db_url)
        copy_store(source, store)
        source.close()
    port = _free_port()
    app = create_app(Settings(db=db_url or str(path), **settings), store)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield Live(f"http://127.0.0.1:{port}", store, seed)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        store.close()


def client(live: Live, auth: str | None = None) -> httpx.Client:
    headers = {"Authorization": f"GoogleLogin auth={auth}"} if auth else {}
    return httpx.Client(base_url=live.url + "/greader", headers=headers, timeout=30)


SITE_HOME = """<!doctype html><html><head><title>The {name} site</title>
<link rel="alternate" type="application/rss+xml" title="{name} RSS" href="feed.xml"></head><body>Home</body></html>"""
SITE_FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>{name} Feed</title><link>http://127.0.0.1/{name}/</link><description>test</description>
<item><title>First {name} post</title><link>http://127.0.0.1/{name}/1</link><guid>{name}-1</guid></item>
</channel></rss>"""


def feed_sites(*names: str):
    """A real HTTP server on 127.0.0.1 with, for each name, a home page ``/<name>/`` that links to (and only
    links to) its RSS feed ``/<name>/feed.xml``; a context manager that yields its base URL."""
    pages = {}
    for name in names:
        pages[f"/{name}/"] = (SITE_HOME.format(name=name).encode(), "text/html")
        pages[f"/{name}/feed.xml"] = (SITE_FEED.format(name=name).encode(), "application/rss+xml")
    return serve_pages(pages)
