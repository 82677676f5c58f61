"""The web UI and JSON API through ASGI (TestClient), on SQLite and PostgreSQL.

The data is real: the two sample dumps go through the pipeline once (into a seed store), plus an
article carrying script-injection payloads and a few unrelated stories; each test copies the seed
into the backend under test, so every test starts from the same state.
"""
from __future__ import annotations

import json
import re
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import feedparser
import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from storywire.config import Settings
from storywire.models import RawItem
from storywire.store import open_store
from storywire.store.copy import copy_store
from storywire.store.schema import api_tokens, briefings, sessions, users
from storywire.web import create_app
from tests.pages_server import serve_pages

SAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "samples"
GLOBE = "000_c70a619e594637e5.txt"
F24 = "003_c8f5f9e15842ed9e.txt"
XSS_TEXT = ("Hello <script>alert('body')</script> readers.\n\n"
            "An image <img src=x onerror=alert('img')> and a <a href=\"javascript:alert(1)\">link</a> "
            "sit in this paragraph about the harbour festival and its lantern boats.")
XSS_TITLE = "Harbour festival <script>alert('title')</script> lanterns"
OTHER = [
    ("City Ledger", "Council approves new cycle lanes on the river road",
     "The city council approved twelve kilometres of protected cycle lanes along the river road on Tuesday, "
     "after a year of consultation with residents and shop owners about parking and deliveries."),
    ("Valley Times", "Orchard growers report record apple harvest",
     "Orchard growers in the valley reported a record apple harvest this autumn, crediting a mild spring "
     "and new frost fans, while warning that picking crews remain hard to hire."),
    ("Coast Courier", "Ferry timetable changes for the winter season",
     "The island ferry will run four crossings a day instead of six from November, the operator said, "
     "citing lower winter demand and maintenance on the second vessel."),
]
PASSWORD = "correct horse battery"


def _items() -> list[RawItem]:
    if not (SAMPLES / GLOBE).exists():
        pytest.skip("sample dumps not available")
    t = datetime(2022, 2, 4, 16, tzinfo=UTC)
    items = [
        RawItem(origin=GLOBE, kind="dump", text=(SAMPLES / GLOBE).read_text(encoding="utf-8"),
                source="The Globe and Mail", title="Macron heads to Moscow for talks with Putin on Ukraine",
                url="https://www.theglobeandmail.com/world/macron-moscow", published=t),
        RawItem(origin=F24, kind="dump", text=(SAMPLES / F24).read_text(encoding="utf-8"), source="France 24",
                title="France's Macron to meet Putin and Zelensky in separate talks next week",
                url="https://www.france24.com/en/europe/macron-putin-zelensky", published=t + timedelta(hours=2)),
        RawItem(origin="xss", kind="text", text=XSS_TEXT, title=XSS_TITLE, source="Harbour Post",
                url="https://harbour.example/festival", published=t - timedelta(hours=30)),
    ]
    for n, (source, title, text) in enumerate(OTHER):
        items.append(RawItem(origin=f"other{n}", kind="text", text=text, title=title, source=source,
                             url=f"https://{source.split()[0].lower()}.example/{n}",
                             published=t - timedelta(hours=5 + 10 * n)))
    return items


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    """A SQLite store holding the ingested samples and three users (made once per module)."""
    from storywire.pipeline import Pipeline

    path = tmp_path_factory.mktemp("seed") / "seed.db"
    s = open_store(str(path))
    summary = Pipeline(s, Settings(db=str(path))).ingest(_items())
    assert summary.counts["ingested"] == 6, summary
    with s.atomic() as conn:
        alice = s.create_user(conn, "alice", PASSWORD, is_admin=True)
        bob = s.create_user(conn, "bob", PASSWORD)
        s.create_user(conn, "carol", PASSWORD)
        tokens = {"alice": s.create_token(conn, alice, "test"), "bob": s.create_token(conn, bob, "test")}
    with s.read() as conn:
        story_id = next(st.id for st in s.list_stories(conn) if st.source_count == 2)
        xss_id = next(a.id for a in s.recent_articles(conn, limit=20) if a.source == "Harbour Post")
    s.close()
    return {"path": path, "tokens": tokens, "story": story_id, "xss": xss_id}


@pytest.fixture
def env(store, seed):
    """The seed copied into the backend under test; ``client(**settings)`` makes a TestClient."""
    copy_store(open_store(str(seed["path"])), store)
    made = []

    def client(base_url: str = "http://testserver", **overrides) -> TestClient:
        c = TestClient(create_app(Settings(**overrides), store), base_url=base_url, follow_redirects=False)
        made.append(c)
        return c

    yield {"store": store, "client": client, **seed}
    for c in made:
        c.close()


def login(c: TestClient, name: str = "alice", password: str = PASSWORD):
    form = c.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text).group(1)
    return c.post("/login", data={"name": name, "password": password, "csrf_token": token, "next": "/"})


def csrf_of(c: TestClient, path: str = "/account") -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', c.get(path).text).group(1)


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


# -- accounts in the store --------------------------------------------------------------------------
def test_secrets_are_not_stored_in_the_clear(env):
    store = env["store"]
    with store.atomic() as conn:
        session = store.create_session(conn, store.user_by_name(conn, "alice")["id"])
    with store.read() as conn:
        hashes = [r[0] for r in conn.execute(sa.select(users.c.password_hash))]
        token_hashes = {r[0] for r in conn.execute(sa.select(api_tokens.c.token_hash))}
        session_ids = {r[0] for r in conn.execute(sa.select(sessions.c.id))}
        assert all(h.startswith("$argon2") and PASSWORD not in h for h in hashes)
        assert env["tokens"]["alice"] not in token_hashes and len(token_hashes) == 2
        assert session["id"] not in session_ids and len(session_ids) == 1
        assert store.user_for_token(conn, env["tokens"]["alice"])["name"] == "alice"
        assert store.get_session(conn, session["id"])["user"]["name"] == "alice"
        assert store.user_for_token(conn, env["tokens"]["alice"] + "x") is None


def test_expired_session_is_refused(env):
    store = env["store"]
    with store.atomic() as conn:
        s = store.create_session(conn, store.user_by_name(conn, "bob")["id"], ttl=timedelta(seconds=-1))
    with store.read() as conn:
        assert store.get_session(conn, s["id"]) is None
    c = env["client"]()
    c.cookies.set("sw_session", s["id"])
    assert c.get("/").status_code == 303


# -- login, sessions, CSRF ------------------------------------------------------------------------------
def test_pages_need_login_by_default(env):
    c = env["client"]()
    r = c.get(f"/story/{env['story']}")
    assert r.status_code == 303 and r.headers["location"] == f"/login?next=%2Fstory%2F{env['story']}"
    assert c.get("/api/v1/stories").status_code == 401


def test_login_sets_a_strict_session_cookie_and_logout_ends_it(env):
    c = env["client"]()
    bad = login(c, password="wrong password")
    assert bad.status_code == 401 and "Wrong user name or password" in bad.text
    assert "sw_session" not in c.cookies
    r = login(c)
    assert r.status_code == 303 and r.headers["location"] == "/"
    cookie = next(h for h in r.headers.get_list("set-cookie") if h.startswith("sw_session="))
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" not in cookie
    page = c.get("/")
    assert page.status_code == 200 and "Macron" in page.text and "alice" in page.text
    old = c.cookies.get("sw_session")
    out = c.post("/logout", data={"csrf_token": csrf_of(c)})
    assert out.status_code == 303
    fresh = env["client"]()
    fresh.cookies.set("sw_session", old)
    assert fresh.get("/").status_code == 303  # the session is gone on the server, not just the cookie


def test_a_first_login_to_an_unknown_account_costs_one_check_like_any_login(env, monkeypatch):
    """The dummy hash an unknown account is checked against is made as the server starts, so the first login
    to an unknown account is one argon2 check, as a login to an existing account is: timing does not tell
    which names exist."""
    import threading

    from storywire.store import accounts

    accounts._dummy_hash.cache_clear()
    c = env["client"]()
    for thread in threading.enumerate():
        if thread.name == "dummy-hash":
            thread.join()
    made: list[str] = []

    class CountingHasher(type(accounts._hasher)):  # type: ignore[misc]
        def hash(self, password, **kwargs):
            made.append(password)
            return super().hash(password, **kwargs)

    monkeypatch.setattr(accounts, "_hasher", CountingHasher())
    r = login(c, name="nobody-here", password="whatever password")
    assert r.status_code == 401 and "Wrong user name or password" in r.text
    assert made == []


def test_secure_cookies_setting(env):
    c = env["client"](secure_cookies=True, base_url="https://testserver")  # Secure cookies travel over HTTPS only
    r = login(c)
    assert r.status_code == 303
    cookie = next(h for h in r.headers.get_list("set-cookie") if h.startswith("sw_session="))
    assert "Secure" in cookie and "HttpOnly" in cookie
    assert c.get("/").headers["strict-transport-security"].startswith("max-age=")


def test_login_form_needs_its_csrf_token(env):
    c = env["client"]()
    r = c.post("/login", data={"name": "alice", "password": PASSWORD, "csrf_token": "forged", "next": "/"})
    assert r.status_code == 403 and "sw_session" not in c.cookies


def test_login_does_not_redirect_off_site(env):
    c = env["client"]()
    form = c.get("/login?next=//evil.example/x")
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text).group(1)
    r = c.post("/login", data={"name": "alice", "password": PASSWORD, "csrf_token": token,
                               "next": "//evil.example/x"})
    assert r.status_code == 303 and r.headers["location"] == "/"


def test_post_forms_are_rejected_without_the_csrf_token(env):
    c = env["client"]()
    login(c, "bob")
    store = env["store"]
    form = {"kind": "entity", "value": "NATO", "action": "follow", "next": "/for-you"}
    assert c.post("/prefs", data=form).status_code == 403
    assert c.post("/prefs", data={**form, "csrf_token": "not-the-token"}).status_code == 403
    with store.read() as conn:
        assert store.list_preferences(conn, store.user_by_name(conn, "bob")["id"]) == []
    ok = c.post("/prefs", data={**form, "csrf_token": csrf_of(c)})
    assert ok.status_code == 303
    with store.read() as conn:
        assert [p["value"] for p in store.list_preferences(conn, store.user_by_name(conn, "bob")["id"])] == ["NATO"]
    # Another session's token does not work either.
    other = env["client"]()
    login(other, "carol")
    assert other.post("/prefs", data={**form, "csrf_token": csrf_of(c)}).status_code == 403


def test_anonymous_read_opens_reading_only(env):
    c = env["client"](anonymous_read=True)
    assert c.get("/").status_code == 200
    assert c.get(f"/story/{env['story']}").status_code == 200
    assert c.get("/api/v1/stories").status_code == 200
    assert c.get("/for-you").status_code == 303  # personal pages still need a login
    assert c.post("/prefs", data={"kind": "entity", "value": "x", "action": "follow"}).status_code == 303
    r = c.post("/api/v1/preferences", json={"kind": "entity", "value": "x", "action": "follow"})
    assert r.status_code == 401 and r.json()["error"]["status"] == 401


def test_admin_pages_need_the_admin_role(env):
    c = env["client"]()
    login(c, "bob")
    assert c.get("/admin/users").status_code == 403
    r = c.post("/admin/users", data={"name": "mallory", "password": PASSWORD, "csrf_token": csrf_of(c)})
    assert r.status_code == 403
    admin = env["client"]()
    login(admin)
    r = admin.post("/admin/users", data={"name": "dave", "password": PASSWORD, "is_admin": "1",
                                          "csrf_token": csrf_of(admin)})
    assert r.status_code == 303
    page = admin.get("/admin/users")
    assert "dave" in page.text and "mallory" not in page.text
    short = admin.post("/admin/users", data={"name": "erin", "password": "short", "csrf_token": csrf_of(admin)})
    assert short.status_code == 400 and "at least 8 characters" in short.text


# -- headers and untrusted content -----------------------------------------------------------------------
def test_strict_content_security_policy(env):
    c = env["client"]()
    login(c)
    for path in ("/", f"/article/{env['xss']}", "/api/v1/stories", "/login"):
        r = c.get(path)
        csp = r.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert r.headers["x-content-type-options"] == "nosniff"
    assert c.get("/static/style.css").headers["cache-control"].startswith("public")


def test_script_payloads_are_rendered_harmless(env):
    c = env["client"]()
    login(c)
    pages = [c.get(f"/article/{env['xss']}"), c.get("/search?q=harbour"), c.get("/")]
    for r in pages:
        assert r.status_code == 200
        assert "<script>alert" not in r.text
        assert not re.search(r"<img\b", r.text) and not re.search(r'<a\b[^>]*href="javascript:', r.text)
        assert not re.search(r"<[^>]+\sonerror\s*=", r.text)
    article = pages[0].text
    # The payload is shown as text (escaped), so a reader sees what the page contained.
    assert "&lt;script&gt;alert('body')&lt;/script&gt;" in article
    assert "&lt;img src=x onerror=alert('img')&gt;" in article
    assert "harbour festival" in article
    api = c.get(f"/api/v1/articles/{env['xss']}", headers=bearer(env["tokens"]["alice"]))
    assert api.headers["content-type"].startswith("application/json")
    assert "<script>alert('body')</script>" in api.json()["text"]  # JSON carries the text, not HTML


def test_sanitiser_allow_list():
    from storywire.web.render import sanitise, text_to_html

    html = sanitise('<p onclick="x()">Hi <a href="javascript:alert(1)">a</a> <a href="https://ok.example/">b</a>'
                    '<img src=x onerror=alert(1)><style>p{}</style><iframe src="https://x"></iframe></p>')
    assert "onclick" not in html and "javascript:" not in html and "<img" not in html
    assert "<style" not in html and "<iframe" not in html
    assert 'href="https://ok.example/"' in html and 'rel="noopener noreferrer nofollow ugc"' in html
    assert str(text_to_html("a <b>\n\nc")) == "<p>a &lt;b&gt;</p><p>c</p>"


# -- pages -----------------------------------------------------------------------------------------------
def test_story_page_compares_the_coverage(env):
    c = env["client"]()
    login(c)
    r = c.get(f"/story/{env['story']}")
    assert r.status_code == 200
    text = r.text
    assert text.count('class="column"') == 2
    assert "The Globe and Mail" in text and "France 24" in text
    marks = re.findall(r'<mark class="shared" title="([^"]*)">(.*?)</mark>', text, re.S)
    assert len(marks) >= 8
    titles = {t for t, _ in marks}
    assert any("Also in: France 24" in t and "from Reuters" in t for t in titles)
    assert any("Also in: The Globe and Mail" in t for t in titles)
    assert any("calling their bluff" in m for _, m in marks)
    assert "Quote ledger" in text and "a senior French official" in text
    # A speaker's role apart from the name: Mircea Geoana, NATO's deputy secretary general
    assert re.search(r'class="speaker">Mircea Geoana<span class="role">NATO(&#39;|\u2019|\')s deputy secretary general',
                     text)
    assert "Mircea Geoana" in text  # an addition unique to France 24, in "What each outlet adds"
    assert '<svg class="timeline"' in text and text.count('class="dot hue-') == 2
    assert 'href="/entity/' in text
    assert re.search(r'<a class="ref" href="/article/\d+"', text)  # summary sentences link their sources


def test_story_open_is_recorded_for_for_you(env):
    c = env["client"]()
    login(c, "bob")
    store = env["store"]
    c.get(f"/story/{env['story']}")
    with store.read() as conn:
        assert store.opened_stories(conn, store.user_by_name(conn, "bob")["id"]) == {env["story"]}


def test_search_groups_hits_by_story_and_filters(env):
    c = env["client"]()
    login(c)
    r = c.get("/search", params={"q": "Macron"})
    assert r.status_code == 200
    assert r.text.count('class="result-group"') == 1 and r.text.count('class="hit-title"') == 2
    only = c.get("/search", params={"q": "Macron", "outlet": "France 24"})
    assert only.text.count('class="hit-title"') == 1
    none = c.get("/search", params={"q": "Macron", "until": "2022-02-03"})
    assert none.text.count('class="hit-title"') == 0 and "Nothing matches" in none.text
    bad = c.get("/search", params={"q": "Macron", "since": "yesterday"})
    assert bad.status_code == 400 and "2022-02-04" in bad.text


def test_entity_page_and_follow_changes_for_you(env):
    c = env["client"]()
    login(c, "bob")
    page = c.get("/entity/NATO")
    assert page.status_code == 200 and "Follow" in page.text
    before = c.get("/for-you").text
    assert "Because of" not in before
    r = c.post("/prefs", data={"kind": "entity", "value": "NATO", "action": "follow", "next": "/entity/NATO",
                               "csrf_token": csrf_of(c)})
    assert r.status_code == 303 and r.headers["location"] == "/entity/NATO?done=followed"
    assert "Following" in c.get("/entity/NATO").text
    after = c.get("/for-you").text
    assert "Because of follows: nato" in after
    assert c.get("/entity/Nobody%20At%20All").status_code == 404


def test_muting_every_outlet_of_a_story_removes_it_from_for_you(env):
    c = env["client"]()
    login(c, "bob")
    title_bit = "cycle lanes"
    assert title_bit in c.get("/for-you").text
    c.post("/prefs", data={"kind": "source", "value": "City Ledger", "action": "mute", "csrf_token": csrf_of(c)})
    assert title_bit not in c.get("/for-you").text
    assert title_bit in c.get("/").text  # top stories are everyone's


# -- JSON API ---------------------------------------------------------------------------------------------
def test_api_auth_failures_are_json(env):
    c = env["client"]()
    for headers in ({}, bearer("sw_wrong"), {"Authorization": "Basic YWxpY2U6eA=="}, {"Authorization": "Bearer"}):
        r = c.get("/api/v1/stories", headers=headers)
        assert r.status_code == 401, headers
        assert r.headers["content-type"] == "application/json"
        assert r.json()["error"]["status"] == 401 and r.json()["error"]["message"]
        assert r.headers["www-authenticate"].startswith("Bearer")
    store = env["store"]
    with store.atomic() as conn:
        uid = store.user_by_name(conn, "bob")["id"]
        store.revoke_token(conn, uid, store.list_tokens(conn, uid)[0]["id"])
    assert c.get("/api/v1/me", headers=bearer(env["tokens"]["bob"])).status_code == 401
    assert c.get("/api/v1/me", headers=bearer(env["tokens"]["alice"])).json()["name"] == "alice"
    # The token's use is recorded once the response is sent, not left to a thread that outlives the request.
    with store.read() as conn:
        alice = store.user_by_name(conn, "alice")["id"]
        assert store.list_tokens(conn, alice)[0]["last_used"] is not None


def test_api_stories_paginate(env):
    c = env["client"]()
    h = bearer(env["tokens"]["alice"])
    seen, url = [], "/api/v1/stories?limit=2"
    while url:
        page = c.get(url, headers=h).json()
        assert len(page["items"]) <= 2 and page["limit"] == 2
        seen += [s["id"] for s in page["items"]]
        url = page["next"]
    everything = c.get("/api/v1/stories?limit=100", headers=h).json()
    assert everything["next"] is None
    assert seen == [s["id"] for s in everything["items"]] and len(seen) == 5 and len(set(seen)) == 5
    assert everything["items"][0]["id"] == env["story"]  # two outlets outrank one
    for bad in ("limit=0", "limit=101", "offset=-1", "view=sideways"):
        r = c.get(f"/api/v1/stories?{bad}", headers=h)
        assert r.status_code == 422 and r.json()["error"]["status"] == 422, bad


def test_api_story_detail(env):
    c = env["client"]()
    h = bearer(env["tokens"]["alice"])
    data = c.get(f"/api/v1/stories/{env['story']}", headers=h).json()
    for key in ("id", "title", "articles", "shared_passages", "unique_passages", "origins", "quotes", "entities",
                "summary", "timeline", "outlets", "analysed"):
        assert key in data
    assert data["analysed"] is True and data["outlets"] == ["France 24", "The Globe and Mail"]
    assert any(p["origin"] == "Reuters" for p in data["shared_passages"])
    missing = c.get("/api/v1/stories/987654", headers=h)
    assert missing.status_code == 404
    assert missing.json() == {"error": {"status": 404, "message": "no story with id 987654"}}
    assert c.get("/api/v1/stories/abc", headers=h).status_code == 422
    assert c.get("/api/v1/no-such-thing", headers=h).json()["error"]["status"] == 404


def test_api_articles(env):
    c = env["client"]()
    h = bearer(env["tokens"]["alice"])
    page = c.get("/api/v1/articles?limit=4", headers=h).json()
    assert len(page["items"]) == 4 and page["next"] and "text" not in page["items"][0]
    rest = c.get(page["next"], headers=h).json()
    assert len(rest["items"]) == 2 and rest["next"] is None
    ids = [a["id"] for a in page["items"] + rest["items"]]
    assert len(set(ids)) == 6
    f24 = c.get("/api/v1/articles?source=France%2024", headers=h).json()["items"]
    assert [a["source"] for a in f24] == ["France 24"]
    one = c.get(f"/api/v1/articles/{f24[0]['id']}", headers=h).json()
    assert "Zelensky" in one["text"] and one["story_id"] == env["story"] and one["near_duplicates"] == []
    assert c.get("/api/v1/articles/999999", headers=h).status_code == 404


def test_api_search(env):
    c = env["client"]()
    h = bearer(env["tokens"]["alice"])
    r = c.get("/api/v1/search", params={"q": "Putin"}, headers=h).json()
    assert len(r["items"]) == 1 and r["items"][0]["story"]["id"] == env["story"]
    assert {a["source"] for a in r["items"][0]["articles"]} == {"France 24", "The Globe and Mail"}
    r = c.get("/api/v1/search", params={"q": "ferry"}, headers=h).json()
    assert [a["source"] for g in r["items"] for a in g["articles"]] == ["Coast Courier"]
    assert c.get("/api/v1/search", params={"q": "Putin", "entity": "NATO"}, headers=h).json()["total_hits"] == 2
    assert c.get("/api/v1/search", params={"q": "ferry", "entity": "NATO"}, headers=h).json()["total_hits"] == 0
    assert c.get("/api/v1/search", params={"q": "Putin", "since": "2022-02-05"}, headers=h).json()["total_hits"] == 0
    assert c.get("/api/v1/search", headers=h).status_code == 422
    bad = c.get("/api/v1/search", params={"q": "x", "since": "soon"}, headers=h)
    assert bad.status_code == 400 and "since" in bad.json()["error"]["message"]


def test_api_preferences_are_per_user(env):
    c = env["client"]()
    a, b = bearer(env["tokens"]["alice"]), bearer(env["tokens"]["bob"])
    r = c.post("/api/v1/preferences", json={"kind": "entity", "value": "Kyiv", "action": "follow"}, headers=a)
    assert r.status_code == 201 and r.json()["value"] == "Kyiv"
    assert [p["value"] for p in c.get("/api/v1/preferences", headers=a).json()["items"]] == ["Kyiv"]
    assert c.get("/api/v1/preferences", headers=b).json()["items"] == []  # bob cannot see alice's
    assert c.delete("/api/v1/preferences", params={"kind": "entity", "value": "Kyiv"}, headers=b).status_code == 404
    assert c.delete("/api/v1/preferences", params={"kind": "entity", "value": "kyiv"}, headers=a).status_code == 200
    assert c.get("/api/v1/preferences", headers=a).json()["items"] == []
    assert c.post("/api/v1/preferences", json={"kind": "colour", "value": "x", "action": "follow"},
                  headers=a).status_code == 422
    assert c.post("/api/v1/preferences", json={"kind": "entity", "value": "x", "action": "follow"}).status_code == 401


def test_api_for_you_follows_and_mutes(env):
    c = env["client"]()
    h = bearer(env["tokens"]["bob"])
    assert c.get("/api/v1/stories?view=foryou").status_code == 401
    c.post("/api/v1/preferences", json={"kind": "entity", "value": "Emmanuel Macron", "action": "follow"}, headers=h)
    items = c.get("/api/v1/stories?view=foryou", headers=h).json()["items"]
    top = next(s for s in items if s["id"] == env["story"])
    assert top["reasons"] == ["follows: emmanuel macron"] and items[0]["id"] == env["story"]
    for outlet in ("France 24", "The Globe and Mail"):
        c.post("/api/v1/preferences", json={"kind": "source", "value": outlet, "action": "mute"}, headers=h)
    assert env["story"] not in [s["id"] for s in c.get("/api/v1/stories?view=foryou", headers=h).json()["items"]]
    assert env["story"] in [s["id"] for s in c.get("/api/v1/stories", headers=h).json()["items"]]


def test_api_writes_with_a_session_cookie_need_the_csrf_header(env):
    c = env["client"]()
    login(c, "bob")
    body = {"kind": "keyword", "value": "ferry", "action": "follow"}
    r = c.post("/api/v1/preferences", json=body)
    assert r.status_code == 403 and "CSRF" in r.json()["error"]["message"]
    assert c.post("/api/v1/preferences", json=body, headers={"X-CSRF-Token": csrf_of(c)}).status_code == 201
    assert c.get("/api/v1/preferences").json()["items"][0]["value"] == "ferry"


def test_api_briefings_show_own_and_shared_only(env):
    store = env["store"]
    now = datetime.now(UTC)
    with store.atomic() as conn:
        ids = {}
        for owner in ("alice", "bob", None):
            uid = store.user_by_name(conn, owner)["id"] if owner else None
            ids[owner] = conn.execute(briefings.insert().values(
                user_id=uid, created=now, period_start=now - timedelta(hours=12), period_end=now,
                title=f"Briefing for {owner or 'everyone'}", data=json.dumps({"stories": [env["story"]]}),
            ).returning(briefings.c.id)).scalar_one()
    c = env["client"]()
    h = bearer(env["tokens"]["alice"])
    items = c.get("/api/v1/briefings", headers=h).json()["items"]
    assert sorted(b["title"] for b in items) == ["Briefing for alice", "Briefing for everyone"]
    assert items[0]["data"] == {"stories": [env["story"]]}
    assert c.get(f"/api/v1/briefings/{ids['alice']}", headers=h).status_code == 200
    other = c.get(f"/api/v1/briefings/{ids['bob']}", headers=h)
    assert other.status_code == 404 and other.json()["error"]["status"] == 404
    assert c.get("/api/v1/briefings?limit=1", headers=h).json()["next"]


def test_openapi_lists_the_api(env):
    spec = env["client"]().get("/api/v1/openapi.json").json()
    paths = set(spec["paths"])
    for p in ("/api/v1/stories", "/api/v1/stories/{story_id}", "/api/v1/articles", "/api/v1/articles/{article_id}",
              "/api/v1/search", "/api/v1/sources", "/api/v1/preferences", "/api/v1/briefings"):
        assert p in paths
    assert not any(p.startswith("/story") or p == "/" for p in paths)
    assert spec["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"


def check_json_feed(feed: dict) -> None:
    """JSON Feed 1.1 (https://jsonfeed.org/version/1.1): what the spec requires, checked field by field
    (feedparser 6.0 reads only XML feeds)."""
    assert feed["version"] == "https://jsonfeed.org/version/1.1" and feed["title"]
    for item in feed["items"]:
        assert isinstance(item["id"], str) and item["id"]
        assert item.get("content_text") or item.get("content_html")
        assert datetime.fromisoformat(item["date_published"]).tzinfo is not None
        assert item["url"].startswith("http")


# -- feeds out ----------------------------------------------------------------------------------------------
def test_atom_and_json_feed_of_top_stories(env):
    c = env["client"]()
    assert c.get("/feeds/top.atom").status_code == 401
    token = env["tokens"]["alice"]
    atom = c.get(f"/feeds/top.atom?token={token}")
    assert atom.headers["content-type"].startswith("application/atom+xml")
    parsed = feedparser.parse(atom.content)
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.version == "atom10" and len(parsed.entries) == 5
    first = parsed.entries[0]
    assert first.link.endswith(f"/story/{env['story']}") and "France 24" in first.content[0].value
    js = c.get("/feeds/top.json", headers=bearer(token))
    assert js.headers["content-type"].startswith("application/feed+json")
    check_json_feed(js.json())
    assert len(js.json()["items"]) == 5 and js.json()["items"][0]["title"] == first.title
    assert token not in atom.text  # the reader's token does not leak into the feed's links


def test_for_you_feed_needs_a_token_and_is_personal(env):
    c = env["client"](anonymous_read=True)
    assert c.get("/feeds/top.atom").status_code == 200
    assert c.get("/feeds/foryou.atom").status_code == 401
    h = bearer(env["tokens"]["bob"])
    c.post("/api/v1/preferences", json={"kind": "source", "value": "Coast Courier", "action": "mute"}, headers=h)
    mine = feedparser.parse(c.get(f"/feeds/foryou.atom?token={env['tokens']['bob']}").content)
    assert len(mine.entries) == 4 and not any("Ferry" in e.title for e in mine.entries)
    theirs = c.get(f"/feeds/foryou.json?token={env['tokens']['alice']}").json()
    check_json_feed(theirs)
    assert any("Ferry" in item["title"] for item in theirs["items"])
    assert c.get("/feeds/foryou.json?token=sw_nope").status_code == 401


# -- CLI ----------------------------------------------------------------------------------------------------
def test_users_cli(tmp_path):
    from typer.testing import CliRunner

    from storywire.cli import app

    db = str(tmp_path / "cli.db")
    runner = CliRunner()
    r = runner.invoke(app, ["--db", db, "users", "add", "zoe", "--admin", "--password-stdin"], input=PASSWORD + "\n")
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["--db", db, "users", "add", "zoe", "--password-stdin"], input=PASSWORD + "\n")
    assert r.exit_code != 0 and "already exists" in str(r.exception)
    r = runner.invoke(app, ["--db", db, "users", "token", "zoe"])
    token = r.stdout.strip()
    assert r.exit_code == 0 and token.startswith("sw_")
    r = runner.invoke(app, ["--db", db, "users", "list"])
    assert "zoe" in r.stdout and "admin" in r.stdout
    s = open_store(db)
    with s.read() as conn:
        assert s.user_for_token(conn, token)["name"] == "zoe"
    assert s.authenticate("zoe", PASSWORD)["is_admin"] is True
    s.close()


# -- sources: feeds and OPML ----------------------------------------------------------------------------------
RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Loopback Gazette</title><link>http://127.0.0.1/</link>
<description>test</description>
<item><title>First post</title><link>http://127.0.0.1/a/1</link><guid>a1</guid>
<pubDate>Fri, 04 Feb 2022 10:00:00 GMT</pubDate><description>Hello.</description></item>
</channel></rss>"""
HOME = b"""<!doctype html><html><head><title>Gazette</title>
<link rel="alternate" type="application/rss+xml" title="Gazette RSS" href="/feed.xml"></head><body>hi</body></html>"""
OPML = b"""<?xml version="1.0"?><opml version="2.0"><head><title>mine</title></head><body>
<outline text="World"><outline text="Europe"><outline type="rss" text="Euro Wire" xmlUrl="https://euro.example/rss"/></outline></outline>
<outline type="rss" text="Plain Feed" xmlUrl="https://plain.example/feed" htmlUrl="https://plain.example/"/>
</body></opml>"""


@pytest.fixture
def feed_server():
    """A real HTTP server on 127.0.0.1 serving a home page that links to an RSS feed."""
    with serve_pages({"/feed.xml": (RSS, "application/rss+xml"), "/": (HOME, "text/html")}) as base:
        yield base


def test_admin_adds_and_removes_a_feed(env, feed_server):
    c = env["client"](allow_private_addresses=True)
    login(c)
    r = c.post("/sources/feeds",
               data={"url": feed_server + "/", "category": "Local", "csrf_token": csrf_of(c, "/sources")})
    assert r.status_code == 303 and r.headers["location"] == "/sources?done=feed-added"
    page = c.get("/sources").text
    assert "Loopback Gazette" in page and f"{feed_server}/feed.xml" in page and "never fetched" in page
    feeds = c.get("/api/v1/sources", headers=bearer(env["tokens"]["bob"])).json()["feeds"]
    assert [(f["url"], f["name"], f["category"], f["health"]) for f in feeds] == [
        (f"{feed_server}/feed.xml", "Loopback Gazette", "Local", "never fetched")]
    again = c.post("/sources/feeds", data={"url": f"{feed_server}/feed.xml", "csrf_token": csrf_of(c, "/sources")})
    assert again.headers["location"] == "/sources?done=feed-known"
    r = c.post(f"/sources/feeds/{feeds[0]['id']}/delete", data={"csrf_token": csrf_of(c, "/sources")})
    assert r.status_code == 303 and f"{feed_server}/feed.xml" not in c.get("/sources").text


def test_feed_admin_is_for_admins_and_checks_the_feed(env, feed_server):
    reader = env["client"](allow_private_addresses=True)
    login(reader, "bob")
    page = reader.get("/sources").text
    assert "Add a feed" not in page and "The Globe and Mail" in page
    assert reader.post("/sources/feeds", data={"url": feed_server + "/feed.xml",
                                               "csrf_token": csrf_of(reader, "/sources")}).status_code == 403
    api = env["client"](allow_private_addresses=True)
    r = api.post("/api/v1/sources/feeds", json={"url": feed_server + "/feed.xml"}, headers=bearer(env["tokens"]["bob"]))
    assert r.status_code == 403 and r.json()["error"]["message"] == "only an admin can do this"
    admin = bearer(env["tokens"]["alice"])
    missing = api.post("/api/v1/sources/feeds", json={"url": feed_server + "/nothing.xml"}, headers=admin)
    assert missing.status_code == 502 and "404" in missing.json()["error"]["message"]
    r = api.post("/api/v1/sources/feeds", json={"url": feed_server + "/feed.xml", "title": "Gazette"}, headers=admin)
    assert r.status_code == 201 and r.json()["title"] == "Gazette" and r.json()["entries"] == 1
    assert api.delete(f"/api/v1/sources/feeds/{r.json()['id']}", headers=admin).status_code == 200
    assert api.delete(f"/api/v1/sources/feeds/{r.json()['id']}", headers=admin).status_code == 404
    # Without allow_private_addresses the SSRF guard refuses a loopback address.
    guarded = env["client"]()
    login(guarded)
    r = guarded.post("/sources/feeds",
                     data={"url": feed_server + "/feed.xml", "csrf_token": csrf_of(guarded, "/sources")})
    assert r.status_code == 400 and "refused" in r.text and "allow_private_addresses" in r.text


def test_opml_import_and_export(env):
    c = env["client"]()
    login(c)
    files = {"opml": ("mine.opml", OPML, "text/x-opml")}
    r = c.post("/sources/opml", data={"csrf_token": csrf_of(c, "/sources")}, files=files)
    assert r.status_code == 200 and "2 feeds found, 2 added, 0 already subscribed" in r.text
    r = c.post("/sources/opml", data={"csrf_token": csrf_of(c, "/sources")}, files=files)
    assert "2 feeds found, 0 added, 2 already subscribed" in r.text
    bad = c.post("/sources/opml", data={"csrf_token": csrf_of(c, "/sources")},
                 files={"opml": ("x.opml", b"<html>no</html>", "text/html")})
    assert bad.status_code == 400 and "not an OPML file" in bad.text
    assert c.post("/sources/opml", files=files).status_code == 403  # no CSRF token
    out = c.get("/sources/opml")
    assert out.headers["content-type"].startswith("text/x-opml")
    from storywire.ingest.opml import parse_opml

    subs = {s.url: s for s in parse_opml(out.content)}
    assert subs["https://euro.example/rss"].category == "World/Europe"
    assert subs["https://plain.example/feed"].site_url == "https://plain.example/"


# -- the ranked-page cache ----------------------------------------------------------------------------------
def test_cache_reuses_until_the_version_changes():
    from storywire.web.cache import TTLCache

    calls = []
    cache = TTLCache(ttl=3600)
    compute = lambda: calls.append(1) or len(calls)  # noqa: E731
    assert cache.get("k", 1, compute) == 1 and cache.get("k", 1, compute) == 1
    assert cache.get("k", 2, compute) == 2  # the stories changed
    assert cache.get("other", 2, compute) == 3
    expired = TTLCache(ttl=0)
    assert expired.get("k", 1, compute) == 4 and expired.get("k", 1, compute) == 5
    small = TTLCache(ttl=3600, size=1)
    small.get("a", 1, compute)
    small.get("b", 1, compute)
    assert small.get("a", 1, compute) == 8  # evicted by "b"


def test_new_story_shows_at_once_despite_the_cache(env):
    from storywire.models import Assignment, Extracted

    c = env["client"]()
    h = bearer(env["tokens"]["alice"])
    before = [s["id"] for s in c.get("/api/v1/stories?limit=100", headers=h).json()["items"]]
    store = env["store"]
    with store.atomic() as conn:
        res = store.upsert_article(conn, Extracted(
            origin="new", text="The library reopens after a two-year renovation with a new reading room.",
            title="Library reopens", source="City Ledger", published=datetime(2022, 2, 4, 17, tzinfo=UTC)))
        store.apply_assignment(conn, Assignment(res.article_id, 9999, True))
    after = [s["id"] for s in c.get("/api/v1/stories?limit=100", headers=h).json()["items"]]
    assert len(after) == len(before) + 1 and 9999 in after


def test_story_without_analysis_yet_and_near_duplicates(env):
    from storywire.models import Assignment, Extracted

    store = env["store"]
    text = "The library reopens after a two-year renovation with a new reading room and longer hours."
    t = datetime(2022, 2, 4, 17, tzinfo=UTC)
    with store.atomic() as conn:
        first = store.upsert_article(conn, Extracted(origin="a", text=text, title="Library reopens",
                                                     source="City Ledger", published=t)).article_id
        copy = store.upsert_article(conn, Extracted(origin="b", text=text + " (Wire)", title="Library reopens",
                                                    source="Valley Times", published=t + timedelta(hours=1))).article_id
        store.apply_assignment(conn, Assignment(first, 9999, True))
        store.apply_assignment(conn, Assignment(copy, 9999, False, duplicate_of=first, dup_similarity=0.97))
    c = env["client"]()
    login(c)
    page = c.get("/story/9999").text
    assert "being computed" in page and page.count('class="column"') == 2 and "near-copy" in page
    art = c.get(f"/article/{first}").text
    assert "Near-duplicates" in art and "a copy, 97% alike" in art
    orig = c.get(f"/article/{copy}").text
    assert "the original this copies, 97% alike" in orig
    api = c.get("/api/v1/stories/9999", headers=bearer(env["tokens"]["alice"])).json()
    assert api["analysed"] is False and [a["id"] for a in api["articles"]] == [first, copy]
    dups = c.get(f"/api/v1/articles/{copy}", headers=bearer(env["tokens"]["alice"])).json()["near_duplicates"]
    assert dups == [{"id": first, "source": "City Ledger", "title": "Library reopens", "relation": "original",
                     "similarity": 0.97}]


def test_wrong_method_and_unknown_pages(env):
    c = env["client"]()
    r = c.post("/api/v1/stories", headers=bearer(env["tokens"]["alice"]))
    assert r.status_code == 405 and r.json()["error"]["status"] == 405
    login(c)
    page = c.get("/no/such/page")
    assert page.status_code == 404 and "Not found" in page.text and "text/html" in page.headers["content-type"]
    assert c.get("/story/424242").status_code == 404


def test_unexpected_errors_answer_500_with_the_security_headers(env, caplog):
    """A bug in a handler gives a readable 500 (JSON under /api/), logged, with the same strict
    headers as every other response: Starlette answers it outside the middleware stack."""
    from fastapi.routing import APIRoute

    def boom():
        raise RuntimeError("bug in a handler")

    app = create_app(Settings(secure_cookies=True), env["store"])
    c = TestClient(app, follow_redirects=False, raise_server_exceptions=False)
    routes = app.router.routes
    routes.insert(0, APIRoute("/api/v1/boom", boom))
    routes.insert(0, APIRoute("/boom", boom))
    login(c)
    api, page = c.get("/api/v1/boom"), c.get("/boom")
    assert api.status_code == page.status_code == 500
    assert api.json()["error"]["message"] == "an internal error occurred; it has been logged"
    assert "Something went wrong" in page.text and "RuntimeError" not in page.text
    for r in (api, page):
        assert "default-src 'none'" in r.headers["content-security-policy"]
        assert r.headers["x-frame-options"] == "DENY" and r.headers["cache-control"] == "no-store"
        assert r.headers["strict-transport-security"].startswith("max-age=")
    assert "bug in a handler" in caplog.text
    c.close()


def test_account_page_makes_lists_and_revokes_api_tokens(env):
    c = env["client"]()
    login(c)
    made = c.post("/account/tokens", data={"name": "my reader", "csrf_token": csrf_of(c)})
    token = re.search(r'id="new-token">([^<]+)<', made.text).group(1)
    assert c.get("/api/v1/me", headers=bearer(token)).status_code == 200
    deadline = time.monotonic() + 10  # the use is recorded off the request path: wait for it
    while "never used" in (listing := c.get("/account").text)[listing.index("my reader"):][:200]:
        assert time.monotonic() < deadline, "the token's use was never recorded"
        time.sleep(0.05)
    assert "<strong>my reader</strong>" in listing
    revoke = re.search(r'action="(/account/tokens/\d+/revoke)"', listing[listing.index("my reader"):]).group(1)
    assert c.post(revoke, data={"csrf_token": csrf_of(c)}).status_code == 303
    assert "my reader" not in c.get("/account").text
    assert c.get("/api/v1/me", headers=bearer(token)).status_code == 401
