"""The web app under abuse and failure: slow and repeated logins, ids and dates no store can take,
a locked database, hostile article URLs and tokens in access logs.

Everything goes through the real app over a real store (SQLite and PostgreSQL unless a test needs
SQLite's file locks) with a few articles and users made through the store.
"""
from __future__ import annotations

import logging
import re
import sqlite3
import threading
from contextlib import closing
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from storywire.config import Settings
from storywire.models import Assignment, Extracted
from storywire.store import accounts
from storywire.store.schema import articles
from storywire.web import create_app
from tests.test_web import PASSWORD, login

BIG = 2**63  # one past the largest id a store can hold
T = datetime(2022, 2, 4, 16, tzinfo=UTC)
HOSTILE_URLS = ("javascript:alert(1)", "data:text/html,<script>alert(1)</script>", " JavaScript:alert(2)",
                "vbscript:msgbox(1)", "https:/no-host")


def fill(store) -> dict:
    """Two users (alice an admin), alice's API token, a story of two articles, one with a URL no
    page may link to (stored as an old ingest might have left it)."""
    with store.atomic() as conn:
        alice = store.create_user(conn, "alice", PASSWORD, is_admin=True)
        bob = store.create_user(conn, "bob", PASSWORD)
        tokens = {"alice": store.create_token(conn, alice, "test"), "bob": store.create_token(conn, bob, "test")}
        good = store.upsert_article(conn, Extracted(
            origin="good", text="The island ferry will run four crossings a day from November.",
            title="Ferry timetable changes", source="Coast Courier", url="https://courier.example/ferry",
            published=T)).article_id
        bad = store.upsert_article(conn, Extracted(
            origin="bad", text="Ferry crossings are cut to four a day in winter, the operator said.",
            title="Fewer ferries in winter", source="Harbour Post", url="https://harbour.example/ferry",
            published=T)).article_id
        conn.execute(articles.update().where(articles.c.id == bad).values(url=HOSTILE_URLS[0]))
        store.apply_assignment(conn, Assignment(good, 7, True))
        store.apply_assignment(conn, Assignment(bad, 7, False))
    return {"tokens": tokens, "good": good, "bad": bad, "story": 7}


@pytest.fixture
def site(store):
    data = fill(store)
    made = []

    def client(address: str = "testclient", **settings) -> TestClient:
        c = TestClient(create_app(Settings(**settings), store), client=(address, 50000), follow_redirects=False,
                       raise_server_exceptions=False)
        made.append(c)
        return c

    yield {"store": store, "client": client, **data}
    for c in made:
        c.close()


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def limits(clock, **options):
    """The app's failed-login limits on a test clock."""
    from storywire.web.logins import LoginLimits

    return LoginLimits(clock=clock, **options)


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


# -- 1. passwords are checked outside any transaction --------------------------------------------------
def test_a_slow_password_check_does_not_block_other_readers_and_writers(site, monkeypatch):
    """argon2 takes tens of milliseconds by design; while one login is being checked, other readers
    and writers go on (a flood of wrong logins must not hold the store's write lock)."""
    checking, release = threading.Event(), threading.Event()

    class SlowHasher:
        """The store's argon2 hasher, its verify held until the test releases it."""

        def __init__(self, real):
            self.real = real

        def verify(self, stored: str, password: str) -> bool:
            checking.set()
            release.wait(20)
            return self.real.verify(stored, password)

        def __getattr__(self, name: str):
            return getattr(self.real, name)

    monkeypatch.setattr(accounts, "_hasher", SlowHasher(accounts._hasher))
    attacker, reader = site["client"](address="203.0.113.5"), site["client"]()
    outcome: dict = {}
    slow = threading.Thread(target=lambda: outcome.update(login=login(attacker, "alice", "guess").status_code))
    slow.start()
    try:
        assert checking.wait(20)
        other = threading.Thread(target=lambda: outcome.update(
            write=reader.post("/api/v1/preferences", json={"kind": "entity", "value": "Ferry", "action": "follow"},
                              headers=bearer(site["tokens"]["bob"])).status_code,
            read=reader.get(f"/api/v1/stories/{site['story']}", headers=bearer(site["tokens"]["bob"])).status_code))
        other.start()
        other.join(10)
        assert not other.is_alive(), "another reader waited for a password check"
        assert outcome == {"write": 201, "read": 200}
    finally:
        release.set()
        slow.join(20)
    assert outcome["login"] == 401


# -- 2. failed logins are limited per account and per address --------------------------------------------
@pytest.mark.slow
def test_wrong_logins_lock_the_account_and_the_address_for_a_while(site):
    clock = Clock()
    attacker = site["client"](address="203.0.113.5")
    attacker.app.state.logins = limits(clock)
    for _ in range(5):
        assert login(attacker, "alice", "guess").status_code == 401
    early = login(attacker, "alice", PASSWORD)  # the 6th try comes too soon after the 5th failure
    assert early.status_code == 429 and int(early.headers["retry-after"]) >= 1
    assert "Too many failed logins for this account; try again in" in early.text
    for _ in range(5):
        clock.now += 60  # past each growing pause
        assert login(attacker, "alice", "guess").status_code == 401
    locked = login(attacker, "alice", PASSWORD)
    assert locked.status_code == 429 and "sw_session" not in attacker.cookies
    assert "Too many failed logins for this account; try again in 15 minutes" in locked.text
    assert 14 * 60 < int(locked.headers["retry-after"]) <= 15 * 60
    assert login(attacker, "bob", PASSWORD).status_code == 429  # the attacker's address is locked too
    friend = site["client"](address="198.51.100.7")
    friend.app.state.logins = attacker.app.state.logins
    assert login(friend, "bob", PASSWORD).status_code == 303  # another account from another address
    clock.now += 15 * 60  # the lock is over
    for _ in range(3):
        assert login(attacker, "alice", "guess").status_code == 401
    assert login(attacker, "alice", PASSWORD).status_code == 303
    stranger = site["client"](address="192.0.2.44")
    stranger.app.state.logins = attacker.app.state.logins
    for _ in range(5):  # the success cleared alice's count: five free tries again
        assert login(stranger, "alice", "guess").status_code == 401
    assert login(stranger, "alice", "guess").status_code == 429


def test_changing_the_password_counts_as_a_login_attempt(site):
    clock = Clock()
    c = site["client"]()
    c.app.state.logins = limits(clock)
    assert login(c, "bob").status_code == 303
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/account").text).group(1)
    form = {"current": "guess", "new": "another long password", "csrf_token": csrf}
    for _ in range(5):
        assert c.post("/account/password", data=form).status_code == 400
    r = c.post("/account/password", data={**form, "current": PASSWORD})
    assert r.status_code == 429 and "retry-after" in r.headers and "Too many failed logins" in r.text


def test_login_limits_keep_a_bounded_memory():
    clock = Clock()
    kept = limits(clock, max_keys=100)
    for n in range(1000):
        kept.failed([f"name{n}"])
    assert len(kept) == 100
    clock.now += 3600
    kept.failed(["late"])
    assert len(kept) == 1  # expired entries go


# -- 3. ids no store can hold are "not found" ----------------------------------------------------------------
@pytest.mark.parametrize("bad", [BIG, -BIG - 1, 10**30, 0, -1])
def test_out_of_range_ids_are_not_found(site, bad):
    c = site["client"]()
    login(c)
    h = bearer(site["tokens"]["alice"])
    for path in (f"/story/{bad}", f"/article/{bad}"):
        r = c.get(path)
        assert r.status_code == 404 and "Not found" in r.text and r.headers["content-type"].startswith("text/html")
    for path in (f"/api/v1/stories/{bad}", f"/api/v1/articles/{bad}", f"/api/v1/briefings/{bad}"):
        r = c.get(path, headers=h)
        assert r.status_code == 404 and r.json()["error"]["status"] == 404, path
    assert c.delete(f"/api/v1/sources/feeds/{bad}", headers=h).status_code == 404
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/account").text).group(1)
    for path in (f"/account/tokens/{bad}/revoke", f"/sources/feeds/{bad}/delete", f"/admin/users/{bad}/delete"):
        assert c.post(path, data={"csrf_token": csrf}).status_code == 404, path


# -- 4. dates no store can take are a 400 ----------------------------------------------------------------------
@pytest.mark.parametrize("field,day", [("until", "9999-12-31"), ("since", "9999-12-31"), ("until", "10000-01-01")])
def test_unusable_search_dates_are_refused(site, field, day):
    c = site["client"]()
    login(c)
    page = c.get("/search", params={"q": "ferry", field: day})
    assert page.status_code == 400 and "That did not work" in page.text and field in page.text.lower()
    api = c.get("/api/v1/search", params={"q": "ferry", field: day}, headers=bearer(site["tokens"]["alice"]))
    assert api.status_code == 400 and field in api.json()["error"]["message"]
    for since, until in (("2022-02-04", "2022-02-04"), ("0001-01-01", "9999-12-30")):
        r = c.get("/search", params={"q": "ferry", "since": since, "until": until})
        assert r.status_code == 200 and r.text.count('class="hit-title"') == 2


def test_values_a_store_refuses_are_a_400(site):
    """PostgreSQL refuses NUL characters in text; SQLite takes them (and finds nothing)."""
    c = site["client"]()
    login(c)
    h = bearer(site["tokens"]["alice"])
    answers = [c.get("/search", params={"q": "ferry\x00"}), c.get("/search", params={"q": "ferry", "outlet": "\x00"}),
               c.get("/entity/a%00b"), c.get("/api/v1/entities/a%00b", headers=h),
               c.get("/api/v1/search", params={"q": "ferry", "entity": "\x00"}, headers=h),
               c.get("/api/v1/articles", params={"source": "\x00"}, headers=h),
               c.post("/api/v1/preferences", json={"kind": "entity", "value": "a\x00", "action": "follow"}, headers=h)]
    for r in answers:
        assert r.status_code in (200, 201, 400, 404), (r.request.url, r.status_code)
    assert all(r.status_code == 400 for r in answers) or site["store"].dialect == "sqlite"


# -- 5. a locked store answers 503 with Retry-After ------------------------------------------------------------
def test_a_locked_store_answers_503_with_retry_after(sqlite_store):
    store = sqlite_store
    data = fill(store)
    for engine in (store.engine, store.read_engine):  # new connections wait 50 ms for a lock, not seconds
        sa.event.listen(engine, "connect", lambda dbapi_conn, _: dbapi_conn.execute("PRAGMA busy_timeout=50"),
                        insert=True)
        engine.dispose()
    c = TestClient(create_app(Settings(anonymous_read=True), store), follow_redirects=False,
                   raise_server_exceptions=False)
    try:
        with closing(sqlite3.connect(store.engine.url.database, isolation_level=None)) as holder:
            holder.execute("PRAGMA locking_mode=EXCLUSIVE")
            holder.execute("BEGIN EXCLUSIVE")
            holder.execute("UPDATE users SET email = 'x' WHERE name = 'bob'")  # takes the lock for good
            try:
                page = c.get(f"/story/{data['story']}")
                api = c.get("/api/v1/stories")
                for r in (page, api):
                    assert r.status_code == 503 and r.headers["retry-after"] == "5"
                assert "Unavailable" in page.text and api.json()["error"]["status"] == 503
            finally:
                holder.rollback()
        assert c.get(f"/story/{data['story']}").status_code == 200
    finally:
        c.close()


# -- 6. only http(s) article URLs become links --------------------------------------------------------------------
@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_hostile_article_urls_are_never_links(site, url):
    with site["store"].atomic() as conn:
        conn.execute(articles.update().where(articles.c.id == site["bad"]).values(url=url))
    c = site["client"]()
    login(c)
    hrefs = []
    for path in (f"/article/{site['bad']}", f"/story/{site['story']}", "/search?q=ferry", "/"):
        r = c.get(path)
        assert r.status_code == 200
        hrefs += re.findall(r'href="([^"]*)"', r.text)
    assert hrefs and not [h for h in hrefs if not h.startswith(("/", "#", "?", "https://courier.example/"))]
    assert 'href="https://courier.example/ferry"' in c.get(f"/story/{site['story']}").text  # good links stay
    assert "Read at Harbour Post" not in c.get(f"/article/{site['bad']}").text


# -- 7. tokens in query strings do not reach the access log ------------------------------------------------------
def test_query_tokens_are_redacted_from_the_access_log(site, caplog):
    create_app(Settings(), site["store"])
    token = site["tokens"]["alice"]
    access = logging.getLogger("uvicorn.access")
    with caplog.at_level(logging.INFO, logger="uvicorn.access"):
        for query in (f"token={token}", f"view=1&token={token}&x=2", f"access_token={token}", f"api_key={token}",
                      f"auth={token}", f"%74oken={token}", f"TOKEN={token}"):
            access.info('%s - "%s %s HTTP/%s" %d', "203.0.113.5:5000", "GET", f"/feeds/foryou.atom?{query}", "1.1", 200)
    assert len(caplog.records) == 7
    assert token not in caplog.text and caplog.text.count("REDACTED") == 7
    assert "view=1&token=REDACTED&x=2" in caplog.text


def test_parallel_guesses_are_counted_before_any_is_checked():
    """Tries still being checked count: with five guesses in flight, a sixth must wait (it used to pass,
    and so did any number of parallel guesses)."""
    from storywire.web.logins import TooManyLogins

    on_clock = limits(Clock())
    keys = {"for this account": "user:alice", "from your address": "addr:10.0.0.9"}
    for _ in range(5):
        on_clock.attempt(keys)  # five checks under way, none answered yet
    with pytest.raises(TooManyLogins, match="for this account"):
        on_clock.attempt(keys)


def test_a_right_password_does_not_count_against_the_address():
    on_clock = limits(Clock())
    keys = {"for this account": "user:alice", "from your address": "addr:10.0.0.9"}
    on_clock.failed(["addr:10.0.0.9"])
    on_clock.succeeded("user:alice", on_clock.attempt(keys))
    for _ in range(3):  # one failure before and these three: the right password in between did not count
        on_clock.failed(["addr:10.0.0.9"])
    on_clock.attempt({"from your address": "addr:10.0.0.9"})  # the fifth: still free, no wait


def test_a_right_password_does_not_wipe_failures_counted_meanwhile():
    """A wrong guess from the same address while a right password is being checked stays counted."""
    from storywire.web.logins import TooManyLogins

    on_clock = limits(Clock())
    right = on_clock.attempt({"for this account": "user:mallory", "from your address": "addr:10.0.0.9"})
    on_clock.failed(["addr:10.0.0.9"])  # a guess at another account, answered while mallory's check runs
    on_clock.succeeded("user:mallory", right)
    for _ in range(4):
        on_clock.failed(["addr:10.0.0.9"])
    with pytest.raises(TooManyLogins, match="from your address"):  # five wrong guesses: a pause
        on_clock.attempt({"from your address": "addr:10.0.0.9"})
