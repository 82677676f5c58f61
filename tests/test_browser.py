"""The web UI in a real headless Chromium against a real uvicorn server on 127.0.0.1.

One reader's session end to end: log in, read the river, open the story built from the two sample
dumps (shared passages, quotes), search, follow an entity and see "For you" change, mute an outlet,
add a feed served from 127.0.0.1, log out. Then the first run from the set-up link to the first story,
the keyboard shortcuts, reading state (unread counts, mark all as read, saved), a 50-outlet story and a
long Sources list at phone size. Screenshots are saved to docs/screenshots/ for the README.
"""
from __future__ import annotations

import io
import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
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


@contextmanager
def serving(store, settings) -> Iterator[str]:
    """storywire's app over ``store`` under uvicorn on 127.0.0.1 and a free port; yields its base URL."""
    import uvicorn

    from storywire.web import create_app

    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(settings, store), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """storywire served by uvicorn on 127.0.0.1, over a store holding the ingested samples."""
    from storywire.config import Settings
    from storywire.pipeline import Pipeline
    from storywire.store import open_store

    path = tmp_path_factory.mktemp("browser") / "storywire.db"
    settings = Settings(db=str(path), allow_private_addresses=True)
    store = open_store(str(path))
    Pipeline(store, settings).ingest(_items())
    with store.atomic() as conn:
        store.create_user(conn, "alice", PASSWORD, is_admin=True)
    with serving(store, settings) as url:
        yield url
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
    expect(page.locator("section.quotes")).to_contain_text("a senior French official")
    expect(page.locator("section.quotes")).to_contain_text("Mircea Geoana")
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


def _login(page, base: str, name: str = "alice") -> None:
    page.goto(base + "/login")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.card-form button[type=submit]")
    page.wait_for_url(base + "/")


def _overflowing(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_first_run_from_the_setup_link_to_the_first_story(tmp_path, browser):
    from playwright.sync_api import expect
    from rich.console import Console

    from storywire.config import Settings
    from storywire.pipeline import Pipeline
    from storywire.service import print_setup_link
    from storywire.store import open_store

    path = tmp_path / "first.db"
    settings = Settings(db=str(path))
    store = open_store(str(path))
    with serving(store, settings) as base:
        printed = io.StringIO()
        print_setup_link(settings.with_overrides(port=int(base.rsplit(":", 1)[1])), store,
                         Console(file=printed, width=300, markup=False, emoji=False))
        link = re.search(r"http://\S+/setup\?token=\S+", printed.getvalue()).group(0)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(base + "/")
        expect(page.locator(".first-run")).to_contain_text("set-up link")
        page.goto(link)
        page.fill("input[name=name]", "root")
        page.fill("input[name=password]", PASSWORD)
        page.fill("input[name=password_again]", PASSWORD)
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "first-run.png"))
        page.get_by_role("button", name="Create the admin account").click()
        expect(page).to_have_url(base + "/?done=welcome")
        expect(page.locator(".notice")).to_contain_text("admin account is ready")
        expect(page.locator(".who .user")).to_have_text("root")
        expect(page.locator("#collecting")).to_contain_text("follows no feed yet")
        assert page.goto(link).status == 404

        Pipeline(store, settings).ingest(_items())
        page.goto(base + "/")
        page.locator(".card-title a").first.click()
        expect(page).to_have_url(re.compile(r"/story/\d+$"))
        expect(page.locator("article.column")).to_have_count(2)
        page.close()
    store.close()


@pytest.fixture
def reading_server(tmp_path):
    """A store with two followed feeds and recent articles (see test_reader_ui), served."""
    from storywire.config import Settings
    from storywire.store import open_store
    from tests.test_reader_ui import _reading_world

    path = tmp_path / "reading.db"
    store = open_store(str(path))
    world = _reading_world(store)
    with serving(store, Settings(db=str(path))) as base:
        yield base, world
    store.close()


def test_keyboard_shortcuts_and_reading_state(reading_server, browser):
    from playwright.sync_api import expect

    base, world = reading_server
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    _login(page, base)
    expect(page.locator(".tabs .unread-count")).to_have_text("3")

    page.goto(base + "/reading")
    items = page.locator("[data-item]")
    expect(items).to_have_count(3)
    expect(page.locator(".feed-tree")).to_contain_text("Local 2")
    page.keyboard.press("j")
    expect(items.nth(0)).to_have_class(re.compile(r"\bcurrent\b"))
    page.keyboard.press("j")
    expect(items.nth(1)).to_have_class(re.compile(r"\bcurrent\b"))
    page.keyboard.press("k")
    expect(items.nth(0)).to_have_class(re.compile(r"\bcurrent\b"))
    first_title = items.nth(0).locator(".item-link").inner_text()
    page.keyboard.press("m")  # read: the form posts, the page comes back with the same item current
    expect(items.nth(0)).to_have_class(re.compile(r"\bis-read\b"))
    expect(items.nth(0)).to_have_class(re.compile(r"\bcurrent\b"))
    expect(page.locator(".feed-tree a[aria-current=page] .unread-count")).to_have_text("2")
    page.keyboard.press("s")
    expect(items.nth(0).locator("[data-shortcut=s]")).to_have_text("Saved ★")
    page.keyboard.press("?")
    expect(page.locator("#shortcut-help")).to_be_visible()
    page.screenshot(path=str(SHOTS / "shortcuts.png"))
    page.keyboard.press("Escape")
    expect(page.locator("#shortcut-help")).to_be_hidden()
    page.keyboard.press("j")
    page.keyboard.press("m")
    expect(items.nth(1)).to_have_class(re.compile(r"\bis-read\b"))
    page.keyboard.press("o")
    expect(page).to_have_url(re.compile(r"/article/\d+$"))

    page.goto(base + "/saved")
    expect(page.locator(".stream-item")).to_have_count(1)
    expect(page.locator(".stream-item .item-link")).to_have_text(first_title)

    # Mark all as read on the river: every story of the page, and the unread count goes.
    page.goto(base + "/")
    not_read = page.locator(".card .state.unread, .card .state.updated")
    expect(not_read).not_to_have_count(0)
    page.get_by_role("button", name="Mark all as read").click()
    expect(not_read).to_have_count(0)
    expect(page.locator(".tabs .unread-count")).to_have_count(0)
    page.goto(base + "/reading")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "reading.png"))
    assert not problems, problems
    page.close()


@pytest.fixture(scope="module")
def big_server(tmp_path_factory):
    """The 50-outlet story and 120 feeds, served (anonymous reading on)."""
    from storywire.config import Settings
    from storywire.pipeline import Pipeline
    from storywire.store import open_store
    from tests.test_reader_ui import big_story_items

    path = tmp_path_factory.mktemp("big-browser") / "big.db"
    settings = Settings(db=str(path), anonymous_read=True)
    store = open_store(str(path))
    Pipeline(store, settings).ingest(big_story_items())
    with store.atomic() as conn:
        for n in range(120):
            store.add_feed(conn, f"https://feeds{n:03d}.example/rss", title=f"Regional Daily Newsfeed {n:03d}",
                           category="World")
    with store.read() as conn:
        story_id = next(st.id for st in store.list_stories(conn) if st.article_count == 50)
    with serving(store, settings) as base:
        yield base, story_id
    store.close()


def test_a_fifty_outlet_story_at_phone_size(big_server, browser):
    from playwright.sync_api import expect

    base, story_id = big_server
    page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    page.goto(f"{base}/story/{story_id}")
    assert _overflowing(page) <= 390
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 8000, height  # every long part is cut to a few rows with its "show all"
    # One outlet at a time: a column is the strip's width, and the outlet chips say there are more.
    widths = page.evaluate("[document.querySelector('.columns').clientWidth, "
                           "document.querySelector('.column').getBoundingClientRect().width]")
    assert abs(widths[0] - widths[1]) < 2, widths
    expect(page.locator(".column-nav a")).to_have_count(12)
    expect(page.locator(".scroll-cue")).to_contain_text("scroll sideways")
    # The timeline's axis labels never overlap, and outlet names are cut whole, not clipped.
    ticks = page.evaluate("[...document.querySelectorAll('svg.timeline text.tick')].slice(0, -1)"
                          ".map(t => [t.getBoundingClientRect().left, t.getBoundingClientRect().right])")
    assert len(ticks) >= 2 and all(a[1] <= b[0] for a, b in zip(ticks, ticks[1:], strict=False)), ticks
    lefts = page.evaluate("[...document.querySelectorAll('svg.timeline text.outlet')]"
                          ".map(t => t.getBoundingClientRect().left - document.querySelector('svg.timeline')"
                          ".getBoundingClientRect().left)")
    assert min(lefts) >= 0, lefts
    # "Show all" opens what was cut.
    who = page.locator(".who-covered")
    who.get_by_text("Show all 50 articles").click()
    expect(who.locator("li")).to_have_count(50)
    page.locator(".who-covered details").evaluate("d => d.open = false")
    page.screenshot(path=str(SHOTS / "story-phone.png"), full_page=True,
                    clip={"x": 0, "y": 0, "width": 390, "height": 2400})
    page.close()

    desktop = browser.new_page(viewport={"width": 1280, "height": 900})
    desktop.goto(f"{base}/story/{story_id}")
    assert desktop.evaluate("document.documentElement.scrollHeight") < 6000
    desktop.close()


def test_sources_page_is_paginated_and_labelled_at_phone_size(big_server, browser):
    from playwright.sync_api import expect

    base, _ = big_server
    page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    page.goto(base + "/sources")
    expect(page.locator("table.data tbody tr")).to_have_count(50)
    expect(page.locator("nav[aria-label='Feeds pages'] .page-of")).to_have_text("page 1 of 3")
    label = page.evaluate("getComputedStyle(document.querySelector('td[data-label=\"Last success\"]'), '::before')"
                          ".content")
    assert "Last success" in label
    assert _overflowing(page) <= 390
    page.locator("nav[aria-label='Feeds pages']").get_by_role("link", name="Next →").click()
    expect(page.locator("nav[aria-label='Feeds pages'] .page-of")).to_have_text("page 2 of 3")
    expect(page.locator("table.data")).to_contain_text("Regional Daily Newsfeed 050")
    page.fill("#sources-q", "Newsfeed 11")
    page.press("#sources-q", "Enter")
    expect(page.locator("table.data tbody tr")).to_have_count(10)
    page.close()
