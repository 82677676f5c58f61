"""The reader's web pages beyond the basics, through ASGI (TestClient) on SQLite and PostgreSQL: the first
run (set-up link, first admin), the empty river that says what the collector is doing, pages that hold
real data (long stories, many sources, timelines), briefings and API docs; and the CLI's own output
(progress totals, messages printed as text).
"""
from __future__ import annotations

import io
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rich.console import Console

from storywire.config import Settings
from storywire.errors import AuthError, InputError
from storywire.models import Extracted, RawItem
from storywire.store import open_store
from storywire.store.copy import copy_store
from storywire.web import create_app
from tests.test_web import feed_server  # noqa: F401  (a fixture)

PASSWORD = "correct horse battery"
# A story of 50 outlets: a wire report every outlet carries (cut in two around its own reporting), with
# local detail and a quote of its own.
WIRE = [
    "The harbour authority of Port Selwyn closed the northern breakwater on Monday after storm waves cracked its "
    "seaward wall, stranding forty fishing boats inside the inner basin.",
    "Engineers from the regional port agency said the crack ran for nearly ninety metres along the old granite "
    "blocks and that repairs could take until the spring.",
    "\"We cannot let boats pass the breakwater until divers have checked every block,\" said Maria Okonkwo, the "
    "harbour master, at a briefing in the port office.",
    "Fishing crews said the closure would cost them the start of the winter herring season, which usually brings "
    "in a third of the town's yearly catch.",
    "The mayor, Tomas Lindqvist, said the town council would ask the national government for emergency funds to "
    "pay the crews while the breakwater is repaired.",
    "Storm Edda brought gusts of 140 kilometres an hour to the coast over the weekend and flooded low streets near "
    "the fish market.",
]
BIG_START = datetime(2024, 11, 4, 6, tzinfo=UTC)


def big_story_items(n: int = 50) -> list[RawItem]:
    """``n`` articles of one story from ``n`` outlets with long names, two hours apart."""
    items = []
    for i in range(n):
        own = [f"Our reporter found that shop number {i} on Quay Street had water {i % 7 + 1} centimetres deep "
               f"and that its owner, a baker, lost flour worth {100 + i} euros.",
               f"Residents of block {i} said the sea wall had been patched {i % 5 + 2} times in the past decade, "
               f"most recently after a smaller storm in {2000 + i}.",
               f"\"We were told the wall was safe,\" said resident number {i}, who has lived by the harbour for "
               f"{10 + i} years."]
        paragraphs = WIRE[:3 + i % 4] + own + WIRE[3 + i % 4:]
        items.append(RawItem(origin=f"big{i}", kind="text", text="\n\n".join(paragraphs),
                             source=f"The Coastal Observer Number {i:02d} Daily",
                             title=f"Storm cracks Port Selwyn breakwater, boats stranded ({i})",
                             url=f"https://outlet{i}.example/storm", published=BIG_START + timedelta(hours=2 * i)))
    return items


@pytest.fixture(scope="module")
def big_seed(tmp_path_factory):
    """A SQLite store holding the 50-outlet story, analysed, and an admin (made once per module)."""
    from storywire.pipeline import Pipeline

    path = tmp_path_factory.mktemp("big") / "big.db"
    seed = open_store(str(path))
    assert Pipeline(seed, Settings(db=str(path))).ingest(big_story_items()).counts["ingested"] == 50
    with seed.atomic() as conn:
        seed.create_user(conn, "alice", PASSWORD, is_admin=True)
        seed.create_user(conn, "bob", PASSWORD)
    seed.close()
    return path


@pytest.fixture
def big(store, big_seed):
    """The big story's store copied into the backend under test."""
    copy_store(open_store(str(big_seed)), store)
    return store


def _logged_in(store, name: str = "alice", **overrides) -> TestClient:
    c = _client(store, **overrides)
    form = c.get("/login")
    r = c.post("/login", data={"name": name, "password": PASSWORD, "csrf_token": _form_csrf(form.text), "next": "/"})
    assert r.status_code == 303, r.text
    return c


def _client(store, **overrides) -> TestClient:
    return TestClient(create_app(Settings(**overrides), store), follow_redirects=False)


def _form_csrf(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


# -- first run ------------------------------------------------------------------------------------------
def test_setup_token_is_stored_hashed_and_used_once(store):
    with store.atomic() as conn:
        first = store.new_setup_token(conn)
        token = store.new_setup_token(conn)  # a restart replaces the link
    assert first and token and first != token
    with store.read() as conn:
        assert store.setup_token_valid(conn, token)
        assert not store.setup_token_valid(conn, first)
        assert not store.setup_token_valid(conn, "")
        assert store.load_state(conn, "setup_token") != token.encode()  # only its digest is kept
    with pytest.raises(InputError), store.atomic() as conn:  # a bad name leaves the token usable
        store.create_first_admin(conn, token, "no spaces allowed", PASSWORD)
    with store.atomic() as conn:
        user_id = store.create_first_admin(conn, token, "root", PASSWORD)
    with store.read() as conn:
        assert store.list_users(conn)[0]["id"] == user_id and store.list_users(conn)[0]["is_admin"]
        assert not store.setup_token_valid(conn, token)
    with pytest.raises(AuthError), store.atomic() as conn:
        store.create_first_admin(conn, token, "second", PASSWORD)
    with store.atomic() as conn:
        assert store.new_setup_token(conn) is None  # never once a user exists


def test_first_run_from_the_printed_link_to_the_river(store):
    from storywire.service import print_setup_link

    settings = Settings(host="0.0.0.0", port=8123)
    shown = io.StringIO()
    print_setup_link(settings, store, Console(file=shown, width=200, markup=False, emoji=False))
    link = re.search(r"http://127\.0\.0\.1:8123(/setup\?token=[\w-]+)", shown.getvalue())
    assert link, shown.getvalue()
    c = _client(store)

    login_page = c.get("/login")
    assert "set-up link" in login_page.text and "/setup?token=" in login_page.text
    assert c.get("/setup?token=wrong").status_code == 403
    form = c.get(link.group(1))
    assert form.status_code == 200 and "Create the admin account" in form.text
    data = {"token": link.group(1).split("=", 1)[1], "name": "root", "password": PASSWORD,
            "password_again": PASSWORD + "x", "csrf_token": _form_csrf(form.text)}
    differ = c.post("/setup", data=data)
    assert differ.status_code == 400 and "passwords differ" in differ.text
    forged = c.post("/setup", data={**data, "password_again": PASSWORD, "csrf_token": "forged"})
    assert forged.status_code == 403 and "form expired" in forged.text
    done = c.post("/setup", data={**data, "password_again": PASSWORD, "csrf_token": _form_csrf(forged.text)})
    assert done.status_code == 303 and done.headers["location"] == "/?done=welcome"
    river = c.get("/?done=welcome")
    assert river.status_code == 200 and "admin account is ready" in river.text
    assert ">root</a>" in river.text  # logged in as the new admin
    assert "follows no feed yet" in river.text and "storywire init" in river.text

    assert c.get(link.group(1)).status_code == 404  # gone for good
    assert c.post("/setup", data={**data, "password_again": PASSWORD}).status_code == 404
    c.cookies.clear()
    hint = c.get("/login").text
    assert "set-up link" not in hint and "storywire users add NAME" in hint and "--admin" in hint
    c.close()


def test_empty_river_says_the_feeds_are_failing_and_when_the_next_try_is(store):
    now = datetime.now(UTC)
    with store.atomic() as conn:
        store.create_user(conn, "alice", PASSWORD, is_admin=True)
        for n in range(3):
            feed, _ = store.add_feed(conn, f"https://news{n}.example/rss", title=f"News {n}")
            store.record_fetch_failure(conn, feed, "cannot connect: Temporary failure in name resolution",
                                       now=now, retry_after=600, count=False)
    c = _client(store)
    form = c.get("/login")
    c.post("/login", data={"name": "alice", "password": PASSWORD, "csrf_token": _form_csrf(form.text), "next": "/"})
    text = c.get("/").text
    assert "follows 3 feeds, and none could be reached yet" in text
    assert "Temporary failure in name resolution" in text
    assert re.search(r"next try in (9|10) min", text), text
    assert "add feeds on the" not in text
    c.close()


# -- the CLI's own output -----------------------------------------------------------------------------------
def _in_terminal(args: list[str], cwd) -> str:
    """Run ``storywire ARGS`` with a pseudo-terminal as stdout and stderr (so rich draws its bars); its output."""
    import os
    import pty
    import subprocess
    import sys

    import storywire

    main_fd, child_fd = pty.openpty()
    src = str(Path(storywire.__file__).resolve().parents[1])  # this checkout's code, whatever the cwd
    env = {**os.environ, "COLUMNS": "200", "TERM": "xterm", "PYTHONPATH": src}
    proc = subprocess.Popen([sys.executable, "-c", "from storywire.cli import main; main()", *args], cwd=cwd,
                            stdin=subprocess.DEVNULL, stdout=child_fd, stderr=child_fd, env=env)
    os.close(child_fd)
    chunks = []
    while True:
        try:
            data = os.read(main_fd, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(main_fd)
    assert proc.wait(timeout=120) in (0, 1)
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", b"".join(chunks).decode("utf-8", "replace"))


def test_ingest_progress_shows_its_total_and_messages_stay_plain_text(tmp_path):
    import json

    lines = [json.dumps({"id": str(n), "url": f"https://wire.example/{n}", "source": "Wire [Europe]",
                         "title": f"Harbour works, part {n}",
                         "text": f"The harbour works reached stage {n} this week, the port authority said. " * 4})
             for n in range(1, 100)]
    lines.append('{"id": "100", "title": ":100: [bold]not closed')
    (tmp_path / "wire[draft].jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    shown = _in_terminal(["--db", "t.db", "ingest", "wire[draft].jsonl", "--no-cluster"], tmp_path)
    assert "100/100" in shown and "/?" not in shown, shown[-2000:]
    assert "rejected wire[draft].jsonl:100: not valid JSON" in shown  # no emoji, no markup eaten
    assert "\U0001f4af" not in shown
    assert "99 ingested" in shown


def test_count_records_matches_what_the_readers_yield(tmp_path):
    import gzip

    from storywire.ingest.files import read_paths
    from storywire.progress import count_records

    (tmp_path / "a.jsonl").write_text('{"title": "x", "text": "y"}\n\n{"title": "z", "text": "w"}\nnot json\n')
    with gzip.open(tmp_path / "b.jsonl.gz", "wt") as f:
        f.write('{"title": "x", "text": "y"}\n' * 5)
    (tmp_path / "page.html").write_text("<html><body><p>Hello there.</p></body></html>")
    (tmp_path / "dump.txt").write_text("A dump.\n")
    paths = [tmp_path, tmp_path / "missing.jsonl"]
    assert count_records(paths) == len(list(read_paths(paths))) == 11


# -- pages that hold real data -------------------------------------------------------------------------------
def test_a_fifty_outlet_story_page_shows_each_part_short_with_show_all(big):
    with big.read() as conn:
        story = next(st for st in big.list_stories(conn) if st.article_count == 50)
    c = _logged_in(big)
    text = c.get(f"/story/{story.id}").text
    who = text[text.index('id="wc-h"'):text.index('id="cmp-h"')]
    assert who.count("<li>") == 50 and "Show all 50 articles" in who
    assert who.index("Show all 50 articles") < who.index("Number 08 Daily")  # the ninth is behind "show all"
    assert text.count('class="column"') == 12 and "Showing 12 of 50 articles" in text
    assert "Show the whole article (5 more paragraphs)" in text  # 9 paragraphs, 4 shown
    assert re.search(r'<a class="passage-ref" href="#p\d+"><mark class="shared"', text)
    assert re.search(r"and 4\d more outlets</p>", text)  # a passage's carriers are cut at four
    assert 'class="column-nav"' in text and "scroll sideways" in text
    timeline = text[text.index('<svg class="timeline"'):]
    assert timeline[:timeline.index("</svg>")].count('class="outlet"') == 12 and "and 38 more outlets" in timeline
    c.close()


def test_timeline_labels_fit_the_span():
    from storywire.web.svg import CHAR_W, _label_format, _ticks

    start = datetime(2020, 2, 29, tzinfo=UTC)
    for seconds, example in ((3600.0, "00:00"), (5 * 86400.0, "Feb 29, 00:00"), (200 * 86400.0, "Feb 29"),
                             (5 * 365 * 86400.0, "Feb 2020")):
        assert start.strftime(_label_format(seconds)) == example
        for plot in (200.0, 420.0, 600.0):
            ticks = _ticks(start, seconds, 100.0, plot)
            spans = []
            for x, anchor, label in ticks:
                w = len(label) * CHAR_W["tick"]
                spans.append({"start": (x, x + w), "middle": (x - w / 2, x + w / 2), "end": (x - w, x)}[anchor])
            assert all(a[1] < b[0] for a, b in zip(spans, spans[1:], strict=False)), (seconds, plot, ticks)


def test_sources_page_is_filtered_and_paginated(store):
    with store.atomic() as conn:
        store.create_user(conn, "alice", PASSWORD, is_admin=True)
        for n in range(120):
            name = f"{'Tide' if n % 10 == 0 else 'Wire'} {n:03d}"
            store.add_feed(conn, f"https://feeds{n:03d}.example/rss", title=name, category="World")
    c = _logged_in(store)
    first = c.get("/sources").text
    assert first.count('data-label="Last success"') == 50 and "page 1 of 3" in first
    assert "Wire 001" in first and "Wire 099" not in first
    last = c.get("/sources?feeds_page=3").text
    assert last.count('data-label="Last success"') == 20 and "page 3 of 3" in last and "Wire 119" in last
    assert "page 3 of 3" in c.get("/sources?feeds_page=99").text  # past the end: the last page
    found = c.get("/sources?q=tide").text
    assert found.count('data-label="Last success"') == 12 and "12 feeds and 12 outlets match" in found
    assert "page 1 of" not in found
    assert c.get("/sources?q=" + "x" * 300).status_code == 400
    c.close()


def test_briefings_pages_show_the_readers_and_the_shared_ones(big):
    from storywire.brief.build import build_briefing

    settings = Settings()
    shared = build_briefing(big, settings, since=BIG_START, until=BIG_START + timedelta(days=5),
                            now=BIG_START + timedelta(days=5))
    assert shared.items
    with big.atomic() as conn:
        bob = big.user_by_name(conn, "bob")["id"]
        shared_id = big.save_briefing(conn, None, shared.title, shared.period_start, shared.period_end,
                                      shared.to_dict())
        private_id = big.save_briefing(conn, bob, "Bob's own briefing", shared.period_start, shared.period_end,
                                       shared.to_dict())
    c = _logged_in(big)
    listing = c.get("/briefings").text
    assert f'href="/briefings/{shared_id}"' in listing and f'href="/briefings/{private_id}"' not in listing
    assert "1 story" in listing
    one = c.get(f"/briefings/{shared_id}").text
    item = shared.items[0]
    assert f'href="/story/{item.story_id}"' in one and item.sentences[0].text.split('"')[0][:40] in one
    assert re.search(r'\(<a href="/article/\d+">The Coastal Observer', one)
    assert c.get(f"/briefings/{private_id}").status_code == 404
    c.close()
    c = _logged_in(big, "bob")
    assert f'href="/briefings/{private_id}"' in c.get("/briefings").text
    c.close()


def test_api_docs_page_renders_the_openapi_document(store):
    c = _client(store, anonymous_read=True)
    docs = c.get("/api/docs")
    assert docs.status_code == 200
    assert "script-src 'self'" in docs.headers["content-security-policy"]
    text = docs.text
    assert '<code class="api-path">/api/v1/stories</code>' in text
    assert "<code>limit</code>" in text and "Items per page (1-100)." in text
    assert '<code class="api-path">/api/v1/preferences</code>' in text and "<code>action</code>" in text
    assert 'href="/api/docs"' in c.get("/login").text  # the footer's API link goes to this page
    assert "<script>" not in text and "cdn" not in text.lower()
    c.close()


# -- reading state in the pages ------------------------------------------------------------------------------
STORM = ("Storm Edda closed the northern ferry terminal at Port Selwyn on Monday after waves damaged the pier, and "
         "ferries to the islands will sail from the southern quay until repairs end next month, officials said.")


def _reading_world(store) -> dict:
    """Two followed feeds (World, and Local in a folder) with recent articles; two of them one story."""
    from storywire.clock import utcnow
    from storywire.pipeline import Pipeline

    now = utcnow()
    with store.atomic() as conn:
        world, _ = store.add_feed(conn, "https://world.example/rss", title="World Wire", category="World")
        local, _ = store.add_feed(conn, "https://local.example/rss", title="Harbour Post", category="Local")
        store.create_user(conn, "alice", PASSWORD, is_admin=True)
    items = [RawItem(origin="w1", kind="text", text=STORM, title="Storm closes ferry terminal", source="World Wire",
                     url="https://world.example/storm", published=now - timedelta(hours=3), feed_id=world),
             RawItem(origin="l1", kind="text", text=STORM + " Local cafes said trade fell by half.",
                     title="Ferry terminal shut after storm", source="Harbour Post",
                     url="https://local.example/storm", published=now - timedelta(hours=2), feed_id=local),
             RawItem(origin="l2", kind="text", title="Lantern festival moves indoors", source="Harbour Post",
                     text="The harbour lantern festival will be held in the old fish market hall this year, "
                          "the organisers said, after the storm damaged the quay where the boats gather.",
                     url="https://local.example/lanterns", published=now - timedelta(hours=1), feed_id=local)]
    summary = Pipeline(store, Settings()).ingest(items)
    assert summary.counts["ingested"] == 3
    with store.read() as conn:
        arts = {a.url: a for a in store.recent_articles(conn, limit=10)}
    return {"world": world, "local": local, "arts": arts, "story": arts["https://world.example/storm"].story_id}


def _post(c: TestClient, path: str, form_page: str, **data) -> None:
    r = c.post(path, data={"csrf_token": _form_csrf(c.get(form_page).text), **data})
    assert r.status_code == 303, r.text


def test_unread_counts_and_marks_on_the_river_feeds_and_folders(store):
    world = _reading_world(store)
    story, lanterns = world["story"], world["arts"]["https://local.example/lanterns"]
    assert story == world["arts"]["https://local.example/storm"].story_id
    c = _logged_in(store)
    river = c.get("/").text
    assert re.search(r'Your feeds <span class="n unread-count"[^>]*>3</span>', river)
    assert f'data-item="story-{story}"' in river and 'class="state unread"' in river
    feeds = c.get("/reading").text
    assert re.search(r'Local <span class="n unread-count">2</span>', feeds)
    assert re.search(r'World Wire <span class="n unread-count">1</span>', feeds)
    assert feeds.count('data-shortcut="m"') == 3 and feeds.count('data-shortcut="s"') == 3
    assert re.search(r"2 unread</a>", c.get("/sources").text)

    _post(c, f"/reading/articles/{lanterns.id}/read", "/reading", read="1", next="/reading")
    assert re.search(r'Local <span class="n unread-count">1</span>', c.get("/reading").text)
    _post(c, f"/reading/articles/{lanterns.id}/read", "/reading", read="0", next="/reading")
    assert re.search(r'Local <span class="n unread-count">2</span>', c.get("/reading").text)
    _post(c, "/reading/read-all", "/reading", folder="Local", next="/reading")
    after = c.get("/reading").text
    assert "Local <span" not in after and re.search(r'All <span class="n unread-count">1</span>', after)
    _post(c, "/reading/read-all", "/reading", next="/reading")
    assert 'unread-count' not in c.get("/reading").text
    c.close()


def test_a_story_read_then_updated_shows_what_is_new(store):
    from storywire.clock import utcnow
    from storywire.pipeline import Pipeline

    world = _reading_world(store)
    story = world["story"]
    c = _logged_in(store)
    first = c.get(f"/story/{story}")
    assert first.status_code == 200 and "Updated since you read it" not in first.text
    river = c.get("/").text  # opening the story marked it read
    card = river[river.index(f'data-item="story-{story}"'):]
    assert card.index('class="state read"') < card.index("</article>")
    later = RawItem(origin="w2", kind="text", text=STORM + " The pier will reopen in six weeks, engineers said.",
                    title="Ferry pier to reopen in six weeks", source="Coast Courier",
                    url="https://courier.example/pier", published=utcnow() - timedelta(minutes=30),
                    feed_id=world["world"])
    Pipeline(store, Settings()).ingest([later])
    river = c.get("/").text
    assert "updated: 1 new article" in river
    page_text = c.get(f"/story/{story}").text
    notice = page_text[page_text.index("Updated since you read it"):]
    assert "Ferry pier to reopen in six weeks" in notice[:notice.index("</div>")]
    assert 'class="state updated">new</span>' in page_text
    _post(c, "/reading/stories/read", "/", story_id=str(story), read="0", next="/")
    assert 'class="state unread"' in c.get("/").text
    river = c.get("/").text
    ids = re.findall(r'name="story_id" value="(\d+)"', river[river.index('class="inline mark-all"'):])
    assert str(story) in ids
    c.post("/reading/stories/read", data={"csrf_token": _form_csrf(river), "story_id": ids, "read": "1",
                                          "before": datetime.now(UTC).isoformat(), "next": "/"})
    assert 'class="state unread"' not in c.get("/").text and 'class="state updated"' not in c.get("/").text
    c.close()


def test_saved_articles_and_opening_an_article_marks_it_read(store):
    world = _reading_world(store)
    lanterns = world["arts"]["https://local.example/lanterns"]
    c = _logged_in(store)
    assert "Nothing saved yet" in c.get("/saved").text
    _post(c, f"/reading/articles/{lanterns.id}/save", "/reading", saved="1", next="/saved")
    saved = c.get("/saved").text
    assert "Lantern festival moves indoors" in saved and "Saved ★" in saved
    assert c.get(f"/article/{lanterns.id}").status_code == 200
    feeds = c.get("/reading").text
    item = feeds[feeds.index(f'data-item="article-{lanterns.id}"') - 40:]
    assert "is-read" in item[:60]
    _post(c, f"/reading/articles/{lanterns.id}/save", "/saved", saved="0", next="/saved")
    assert "Nothing saved yet" in c.get("/saved").text
    bad = c.post(f"/reading/articles/{lanterns.id}/save", data={"csrf_token": _form_csrf(c.get("/saved").text),
                                                                  "saved": "maybe"})
    assert bad.status_code == 400 and "1 (yes) or 0 (no)" in bad.text
    c.close()


def test_a_reader_follows_a_feed_of_their_own_through_the_ssrf_guard(store, feed_server):  # noqa: F811
    with store.atomic() as conn:
        store.create_user(conn, "alice", PASSWORD, is_admin=True)
        store.create_user(conn, "bob", PASSWORD)
    guarded = _logged_in(store, "bob")
    refused = guarded.post("/reading/subscriptions", data={"csrf_token": _form_csrf(guarded.get("/reading").text),
                                                           "url": feed_server + "/", "folder": "Local"})
    assert refused.status_code == 400 and 'role="alert"' in refused.text and "127.0.0.1" in refused.text
    guarded.close()
    c = _logged_in(store, "bob", allow_private_addresses=True)
    _post(c, "/reading/subscriptions", "/reading", url=feed_server + "/", folder="Local")
    tree = c.get("/reading").text
    assert re.search(r'href="/reading\?folder=Local"', tree) and "Loopback Gazette" in tree
    with store.read() as conn:
        bob = store.user_by_name(conn, "bob")["id"]
        alice = store.user_by_name(conn, "alice")["id"]
        assert [s.url for s in store.list_subscriptions(conn, bob)] == [feed_server + "/feed.xml"]
        assert store.list_subscriptions(conn, alice) == []  # a reader's feed is theirs, not everyone's
    feed_id = int(re.search(r'href="/reading\?feed=(\d+)"', tree).group(1))
    _post(c, f"/reading/subscriptions/{feed_id}/folder", f"/reading?feed={feed_id}", folder="News")
    assert 'href="/reading?folder=News"' in c.get("/reading").text
    _post(c, f"/reading/subscriptions/{feed_id}/delete", f"/reading?feed={feed_id}")
    assert "You follow no feed" in c.get("/reading").text
    c.close()


def _pager_links(html: str) -> list[tuple[str, str]]:
    nav = re.search(r'<nav class="pager" aria-label="Pages">(.*?)</nav>', html, re.S)
    return re.findall(r'<a rel="(prev|next)" href="([^"]+)"', nav.group(1)) if nav else []


def test_saved_and_briefings_page_newest_first_with_newer_and_older_links(store):
    from storywire.clock import utcnow
    from storywire.web.pages import BRIEFINGS_PAGE_SIZE
    from storywire.web.reading_pages import SAVED_PAGE_SIZE

    now = utcnow()
    with store.atomic() as conn:
        store.create_user(conn, "alice", PASSWORD, is_admin=True)
        alice = store.user_by_name(conn, "alice")["id"]
        saved = [store.upsert_article(conn, Extracted(origin=f"s{i}", title=f"Saved story {i}", source="Post",
                                                      text=f"Body {i} of a story worth keeping.")).article_id
                 for i in range(SAVED_PAGE_SIZE + 1)]
        for article_id in saved:
            store.set_starred(conn, alice, [article_id])
        for i in range(BRIEFINGS_PAGE_SIZE + 1):
            store.save_briefing(conn, None, f"Briefing number {i}", now - timedelta(hours=i + 12),
                                now - timedelta(hours=i), {"sections": []}, created=now - timedelta(hours=i))
    c = _logged_in(store)
    for path, listed_last in (("/saved", "Saved story"), ("/briefings", "Briefing number")):
        first, second = c.get(path), c.get(path + "?page=2")
        assert first.status_code == second.status_code == 200
        assert _pager_links(first.text) == [("next", "?page=2")], path
        assert _pager_links(second.text) == [("prev", "?page=1")], path
        assert second.text.count(listed_last) == 1, path  # the one past the first page
    c.close()
