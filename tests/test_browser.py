"""The web UI in a real headless Chromium against a real uvicorn server on 127.0.0.1.

One reader's session end to end: log in, read the river, open the story built from the two sample
dumps (shared passages, quotes), search, follow an entity and see "For you" change, mute an outlet,
add a feed served from 127.0.0.1, log out. Screenshots of the river and the story page are saved to
docs/screenshots/ for the README.
"""
from __future__ import annotations

import re
import socket
import threading
import time
from pathlib import Path

import pytest

from tests.test_web import PASSWORD, _items, feed_server  # noqa: F401  (feed_server is a fixture)

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="/usr/bin/chromium is missing (`make test` installs Debian's chromium)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """storywire served by uvicorn on 127.0.0.1, over a store holding the ingested samples."""
    import uvicorn

    from storywire.config import Settings
    from storywire.pipeline import Pipeline
    from storywire.store import open_store
    from storywire.web import create_app

    path = tmp_path_factory.mktemp("browser") / "storywire.db"
    settings = Settings(db=str(path), allow_private_addresses=True)
    store = open_store(str(path))
    Pipeline(store, settings).ingest(_items())
    with store.atomic() as conn:
        store.create_user(conn, "alice", PASSWORD, is_admin=True)
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(settings, store), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)
    store.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM))
        yield b
        b.close()


def test_a_readers_session(server, browser, feed_server):  # noqa: F811
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))

    # Log in (the river needs it).
    page.goto(server + "/")
    expect(page).to_have_url(re.compile(r"/login"))
    page.fill("input[name=name]", "alice")
    page.fill("input[name=password]", PASSWORD)
    page.click("form.card-form button[type=submit]")
    expect(page).to_have_url(server + "/")

    # The river: the two-outlet story leads.
    lead = page.locator(".card").first
    expect(lead.locator(".card-title")).to_contain_text("Macron")
    expect(lead.locator(".count")).to_contain_text("2 outlets")
    expect(page.locator(".card")).to_have_count(5)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "river.png"))

    # The story: side by side, shared passages marked with their origin, the quote ledger.
    lead.locator(".card-title a").click()
    expect(page).to_have_url(re.compile(r"/story/\d+$"))
    story_url = page.url
    expect(page.locator("article.column")).to_have_count(2)
    marks = page.locator("mark.shared")
    assert marks.count() >= 8
    expect(page.locator("mark.shared", has_text="calling their bluff").first).to_have_attribute(
        "title", re.compile(r"Also in: (France 24|The Globe and Mail) · from Reuters"))
    expect(page.locator("#sp-h")).to_contain_text("Shared passages")
    expect(page.locator("table.ledger")).to_contain_text("a senior French official")
    expect(page.locator("table.ledger")).to_contain_text("Mircea Geoana")
    expect(page.locator("svg.timeline circle")).to_have_count(2)
    page.screenshot(path=str(SHOTS / "story.png"), full_page=True,
                    clip={"x": 0, "y": 0, "width": 1280, "height": 2000})

    # Search from the masthead: hits grouped under their story.
    page.fill("#q-top", "Putin")
    page.press("#q-top", "Enter")
    expect(page).to_have_url(re.compile(r"/search\?q=Putin"))
    expect(page.locator(".result-group h2 a")).to_contain_text("Macron")
    expect(page.locator(".hit-title")).to_have_count(2)

    # "For you" before following anything: no reasons.
    page.goto(server + "/for-you")
    expect(page.locator(".reasons")).to_have_count(0)

    # Follow an entity from the story page's entity chips.
    page.goto(story_url)
    page.locator("a.chip", has_text="NATO").first.click()
    expect(page.locator("h1")).to_have_text("NATO")
    page.get_by_role("button", name="Follow", exact=True).click()
    expect(page.locator(".notice")).to_contain_text("Saved")
    expect(page.get_by_role("button", name="Following ✓")).to_be_visible()
    page.get_by_role("link", name="For you").first.click()
    expect(page.locator(".card").first.locator(".reasons")).to_contain_text("follows: nato")
    expect(page.locator(".pref-summary")).to_contain_text("NATO")

    # Mute an outlet: its story leaves "For you" (and stays in Top stories).
    expect(page.locator(".card-title", has_text="Orchard growers")).to_have_count(1)
    page.goto(server + "/sources")
    row = page.locator(".outlet-row", has_text="Valley Times")
    row.get_by_role("button", name="Mute").click()
    expect(page.locator(".notice")).to_contain_text("Muted")
    page.goto(server + "/for-you")
    expect(page.locator(".card-title", has_text="Orchard growers")).to_have_count(0)
    page.goto(server + "/")
    expect(page.locator(".card-title", has_text="Orchard growers")).to_have_count(1)

    # Add a feed served from 127.0.0.1, given its home page.
    page.goto(server + "/sources")
    page.fill("input[name=url]", feed_server + "/")
    page.fill("input[name=category]", "Local")
    page.get_by_role("button", name="Add feed").click()
    expect(page.locator(".notice")).to_contain_text("Feed added")
    expect(page.locator("table.data")).to_contain_text("Loopback Gazette")
    expect(page.locator("table.data")).to_contain_text(feed_server + "/feed.xml")

    # Log out: the river needs a login again.
    page.get_by_role("button", name="Log out").click()
    expect(page).to_have_url(re.compile(r"/login"))
    page.goto(server + "/")
    expect(page).to_have_url(re.compile(r"/login"))

    assert not [p for p in problems if "Content Security Policy" in p or "Refused" in p], problems
    page.close()


def test_phone_width_has_no_sideways_scrolling(server, browser):
    page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    page.goto(server + "/login")
    page.fill("input[name=name]", "alice")
    page.fill("input[name=password]", PASSWORD)
    page.click("form.card-form button[type=submit]")
    page.wait_for_url(server + "/")
    for path in ("/", "/search?q=Macron", "/sources"):
        page.goto(server + path)
        wide = page.evaluate(
            "[...document.querySelectorAll('body *')]"
            ".filter(e => e.getBoundingClientRect().right > 391 && !e.closest('.table-wrap'))"
            ".slice(0, 8)"
            ".map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, (path, wide)
    page.goto(server + "/")
    page.locator(".card-title a").first.click()
    page.wait_for_url(re.compile(r"/story/\d+$"))
    # The page itself stays phone-wide; only the outlet columns scroll sideways, inside their strip.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.evaluate("document.querySelector('.columns').scrollWidth") > 390
    page.close()
