"""The Google Reader API (/greader) on a real uvicorn server on 127.0.0.1, and newsboat as a real client."""
from __future__ import annotations

import re
import subprocess
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from storywire.errors import NotFound
from storywire.store.reading import StreamQuery
from tests.reader_server import PASSWORD, client, feed_sites, make_seed, serve

API = "/reader/api/0"
READING_LIST = "user/-/state/com.google/reading-list"
READ = "user/-/state/com.google/read"
STARRED = "user/-/state/com.google/starred"
NEWSBOAT = Path("/usr/bin/newsboat")


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    return make_seed(tmp_path_factory.mktemp("greader-seed"))


def _served(request, seed, tmp_path, **settings):
    db_url = request.getfixturevalue("pg_server")() if getattr(request, "param", "sqlite") == "postgresql" else None
    with serve(seed, tmp_path, db_url, **settings) as server:
        yield server


@pytest.fixture
def live(request, seed, tmp_path):
    """The server over SQLite; tests marked ``BOTH_BACKENDS`` run over PostgreSQL too."""
    yield from _served(request, seed, tmp_path)


@pytest.fixture
def live_local(request, seed, tmp_path):
    """``live`` allowed to fetch from 127.0.0.1, where ``sites`` serves home pages and their feeds."""
    yield from _served(request, seed, tmp_path, allow_private_addresses=True)


@pytest.fixture
def sites():
    with feed_sites("tech", "blog") as base:
        yield base


BOTH_BACKENDS = pytest.mark.parametrize("live", ["sqlite", "postgresql"], indirect=True)


def login(live, password=None):
    with client(live) as c:
        r = c.post("/accounts/ClientLogin", data={"Email": "alice", "Passwd": password or live.seed.app_password})
    assert r.status_code == 200, r.text
    lines = dict(line.split("=", 1) for line in r.text.splitlines())
    assert lines["SID"] == lines["Auth"]
    return lines["Auth"]


@pytest.fixture
def api(live):
    with client(live, login(live)) as c:
        yield c


def alice_unread(live) -> int:
    with live.store.read() as conn:
        return live.store.unread_counts(conn, 1).total


def ids_of(api, stream: str, **params) -> list[int]:
    r = api.get(f"{API}/stream/items/ids", params={"s": stream, "n": 1000, **params})
    assert r.status_code == 200, r.text
    return [int(ref["id"]) for ref in r.json()["itemRefs"]]


# -- logging in -----------------------------------------------------------------------------------
def test_client_login_takes_an_app_password_only(live):
    auth = login(live)
    assert auth.startswith("alice/")
    with client(live) as c:
        for password in (PASSWORD, live.seed.app_password + "x", ""):
            r = c.post("/accounts/ClientLogin", data={"Email": "alice", "Passwd": password})
            assert (r.status_code, r.text) == (401, "Error=BadAuthentication")
        r = c.get(f"{API}/user-info")
        assert (r.status_code, r.text) == (401, "Unauthorized")
        r = c.get(f"{API}/user-info", headers={"Authorization": "GoogleLogin auth=alice/0123"})
        assert (r.status_code, r.text) == (401, "Unauthorized")
        r = c.post("/accounts/ClientLogin", params={"output": "json"},
                   data={"Email": "alice", "Passwd": live.seed.app_password})
        assert r.json()["Auth"] == auth


def test_client_login_goes_through_the_login_limits(live):
    with client(live) as c:
        codes = []
        for n in range(11):  # five free tries, then a growing pause; the tenth failure locks the account
            r = c.post("/accounts/ClientLogin", data={"Email": "bob", "Passwd": f"guess {n}"})
            codes.append(r.status_code)
            if r.status_code == 429:
                break
        assert codes[:5] == [401] * 5 and codes[-1] == 429, codes
        assert int(r.headers["retry-after"]) >= 1


def test_token_and_user_info(api):
    user = api.get(f"{API}/user-info").json()
    assert (user["userName"], user["userId"]) == ("alice", "1")
    token = api.get(f"{API}/token").text
    assert re.fullmatch(r"[0-9a-f]{40}Z{17}", token)
    item = ids_of(api, READING_LIST)[0]
    assert api.post(f"{API}/edit-tag", data={"i": str(item), "a": STARRED, "T": token + "\n"}).text == "OK"
    r = api.post(f"{API}/edit-tag", data={"i": str(item), "a": READ, "T": "not-the-token"})
    assert (r.status_code, r.text) == (401, "Unauthorized")


# -- subscriptions and tags -------------------------------------------------------------------------
@pytest.mark.parametrize("live_local", ["sqlite", "postgresql"], indirect=True)
def test_subscriptions_list_and_edit(live_local, sites):
    """subscribe and quickadd resolve a home page to the feed it links to, as the web's form does."""
    live = live_local
    with client(live, login(live)) as api:
        subs = api.get(f"{API}/subscription/list", params={"output": "json"}).json()["subscriptions"]
        assert [(s["title"], s["categories"][0]["label"]) for s in subs] == [("Local Paper", "Local"),
                                                                            ("World Wire", "World")]
        world = f"feed/{live.seed.world_feed}"
        for form in ({"ac": "subscribe", "s": f"feed/{sites}/tech/", "a": "user/-/label/Tech", "t": "Tech news"},
                     {"ac": "edit", "s": world, "t": "The World", "a": "user/-/label/Tech",
                      "r": "user/-/label/World"},
                     {"ac": "unsubscribe", "s": "feed/https://local.example/rss"}):
            assert api.post(f"{API}/subscription/edit", data=form).text == "OK"
        added = api.post(f"{API}/subscription/quickadd", data={"quickadd": f"{sites}/blog/"}).json()
        assert (added["numResults"], added["query"], added["streamName"]) == (1, f"{sites}/blog/", "blog Feed")
        again = api.post(f"{API}/subscription/quickadd", data={"quickadd": f"{sites}/blog/feed.xml"}).json()
        assert again["streamId"] == added["streamId"]  # the feed the home page led to: one row per URL
        subs = api.get(f"{API}/subscription/list").json()["subscriptions"]
    assert sorted((s["title"], [c["label"] for c in s["categories"]], s["url"]) for s in subs) == [
        ("Tech news", ["Tech"], f"{sites}/tech/feed.xml"),
        ("The World", ["Tech"], "https://world.example/feed.xml"),
        ("blog Feed", [], f"{sites}/blog/feed.xml")]
    with live.store.read() as conn:  # Bob's list did not change; the new feeds are fetched for everybody
        assert len(live.store.list_subscriptions(conn, 2)) == 2
        assert live.store.count_feeds(conn) == 4


def test_subscribing_fetches_through_the_ssrf_guard(api, live, sites):
    """Without allow_private_addresses a 127.0.0.1 home page is refused in one line; a feed already fetched for
    anyone is followed as it is, with no fetch (``*.example`` resolves nowhere)."""
    for r in (api.post(f"{API}/subscription/quickadd", data={"quickadd": f"{sites}/blog/"}),
              api.post(f"{API}/subscription/edit", data={"ac": "subscribe", "s": f"feed/{sites}/tech/"})):
        assert r.status_code == 400 and "127.0.0.1" in r.text and "\n" not in r.text.strip(), r.text
    known = api.post(f"{API}/subscription/quickadd", data={"quickadd": "feed/https://local.example/rss"}).json()
    assert known["streamId"] == f"feed/{live.seed.local_feed}"
    with live.store.read() as conn:
        assert live.store.count_feeds(conn) == 2
        assert [s.url for s in live.store.list_subscriptions(conn, 1)] == [
            "https://local.example/rss", "https://world.example/feed.xml"]


def test_subscription_mistakes_are_one_line_400s(api):
    for form in ({"ac": "subscribe", "s": "feed/javascript:alert(1)"}, {"ac": "dance", "s": "feed/1"},
                 {"ac": "edit"}):
        r = api.post(f"{API}/subscription/edit", data=form)
        assert r.status_code == 400 and "\n" not in r.text.strip() and r.text, r.text
    r = api.post(f"{API}/subscription/edit", data={"ac": "unsubscribe", "s": "feed/9999"})
    assert r.status_code == 404 and "9999" in r.text


def test_tag_list_has_folders_states_labels_and_story_labels(api):
    ids = ids_of(api, READING_LIST)
    assert api.post(f"{API}/edit-tag", data={"i": [str(ids[0])], "a": "user/-/label/Follow up"}).text == "OK"
    tags = {t["id"]: t.get("type") for t in api.get(f"{API}/tag/list", params={"output": "json"}).json()["tags"]}
    assert {STARRED, READ, "user/-/label/World", "user/-/label/Local", "user/-/label/Follow up"} <= set(tags)
    assert tags["user/-/label/World"] == "folder" and tags["user/-/label/Follow up"] == "tag"
    assert "user/-/label/Story: Storm closes the northern ferry terminal" in tags  # the two-outlet story


# -- counts and streams -----------------------------------------------------------------------------
def test_unread_count_matches_the_store(api, live):
    counts = {c["id"]: c["count"] for c in api.get(f"{API}/unread-count", params={"output": "json"}).json()[
        "unreadcounts"]}
    with live.store.read() as conn:
        mine = live.store.unread_counts(conn, 1)
    assert counts[READING_LIST] == mine.total == 6
    assert counts[f"feed/{live.seed.world_feed}"] == 4 and counts["user/-/label/Local"] == 2


@BOTH_BACKENDS
def test_stream_contents_pages_with_continuation(api, live):
    seen, continuation, pages = [], None, 0
    while True:
        params = {"n": 2, **({"c": continuation} if continuation else {})}
        body = api.get(f"{API}/stream/contents/{READING_LIST}", params=params).json()
        seen += body["items"]
        pages += 1
        continuation = body.get("continuation")
        if not continuation:
            break
    assert pages == 4 and len(seen) == 7 == len({i["id"] for i in seen})  # 6 recent + the old (read) one
    times = [int(i["timestampUsec"]) for i in seen]
    assert times == sorted(times, reverse=True)
    oldest_first = api.get(f"{API}/stream/contents", params={"s": READING_LIST, "r": "o", "n": 50}).json()["items"]
    assert [i["id"] for i in oldest_first] == [i["id"] for i in reversed(seen)]
    old = seen[-1]
    assert READ in old["categories"] and all(READ not in i["categories"] for i in seen[:-1])
    unread = api.get(f"{API}/stream/contents/{READING_LIST}", params={"xt": READ, "n": 50}).json()["items"]
    assert len(unread) == 6
    newer = api.get(f"{API}/stream/contents/{READING_LIST}",
                    params={"ot": int(seen[-2]["published"]), "n": 50}).json()["items"]
    assert len(newer) == 6
    older = api.get(f"{API}/stream/contents/{READING_LIST}", params={"nt": int(seen[-2]["published"])}).json()
    assert [i["id"] for i in older["items"]] == [old["id"]]
    feed = api.get(f"{API}/stream/contents/feed%2F{live.seed.local_feed}").json()["items"]
    assert {i["origin"]["title"] for i in feed} == {"Local Paper"} and len(feed) == 2
    folder = api.get(f"{API}/stream/contents/user/-/label/World").json()["items"]
    assert len(folder) == 5


def test_items_are_sanitised(api):
    items = api.get(f"{API}/stream/contents/{READING_LIST}", params={"n": 50}).json()["items"]
    lantern = next(i for i in items if i["canonical"][0]["href"] == "https://local.example/lanterns")
    html = lantern["summary"]["content"]
    assert "&lt;script&gt;" in html and "<p>" in html  # the payloads are text, shown and inert
    assert set(re.findall(r"<\s*([a-zA-Z]+)", html)) == {"p"}  # no script, img or javascript: link survives
    assert all(i["canonical"][0]["href"].startswith("https://") for i in items)


def test_item_ids_and_contents_in_both_id_forms(api):
    refs = api.get(f"{API}/stream/items/ids", params={"s": READING_LIST, "n": 3}).json()
    assert len(refs["itemRefs"]) == 3 and refs["continuation"]
    short = [r["id"] for r in refs["itemRefs"]]
    long_form = [f"tag:google.com,2005:reader/item/{int(i):016x}" for i in short]
    body = api.post(f"{API}/stream/items/contents", data={"i": [long_form[0], short[1], long_form[2]]}).json()
    assert [i["id"] for i in body["items"]] == long_form
    rest = api.get(f"{API}/stream/items/ids", params={"s": READING_LIST, "n": 100, "c": refs["continuation"]})
    assert len(rest.json()["itemRefs"]) == 4 and not set(short) & {r["id"] for r in rest.json()["itemRefs"]}


@BOTH_BACKENDS
def test_edit_tag_round_trip(api, live):
    first, second = ids_of(api, READING_LIST)[:2]
    assert api.post(f"{API}/edit-tag", data={"i": [str(first), str(second)], "a": READ}).text == "OK"
    assert alice_unread(live) == 4
    assert api.post(f"{API}/edit-tag", data={"i": str(second), "r": READ, "a": STARRED}).text == "OK"
    assert alice_unread(live) == 5
    assert set(ids_of(api, READ)) >= {first} and second not in ids_of(api, READ)
    assert ids_of(api, STARRED) == [second] == ids_of(api, READING_LIST, it=STARRED)
    assert set(ids_of(api, READING_LIST, xt=READ)) == set(ids_of(api, READING_LIST)) - {first} - set(
        ids_of(api, READ))
    assert api.post(f"{API}/edit-tag", data={"i": str(first), "a": "user/-/label/Later"}).text == "OK"
    assert ids_of(api, "user/-/label/Later") == [first]
    item = api.post(f"{API}/stream/items/contents", data={"i": str(first)}).json()["items"][0]
    assert READ in item["categories"] and "user/-/label/Later" in item["categories"]
    assert api.post(f"{API}/edit-tag", data={"i": str(first), "r": "user/-/label/Later"}).text == "OK"
    assert ids_of(api, "user/-/label/Later") == []
    with live.store.read() as conn:
        states = live.store.article_read_states(conn, 1, [first, second])
    assert states == {first: (True, False), second: (False, True)}


@BOTH_BACKENDS
def test_mark_all_as_read_by_stream_and_time(api, live):
    world = f"feed/{live.seed.world_feed}"
    assert api.post(f"{API}/mark-all-as-read", data={"s": world, "ts": "1000000"}).text == "OK"  # before 1970+
    assert alice_unread(live) == 6
    now_usec = str(int(time.time() * 1_000_000))
    assert api.post(f"{API}/mark-all-as-read", data={"s": world, "ts": now_usec}).text == "OK"
    assert alice_unread(live) == 2
    assert api.post(f"{API}/mark-all-as-read", data={"s": READING_LIST}).text == "OK"
    assert alice_unread(live) == 0
    with live.store.read() as conn:
        assert live.store.unread_counts(conn, 2).total == 6  # Bob's are his own


@BOTH_BACKENDS
def test_story_labels_make_streams(api, live):
    label = "user/-/label/Story: Storm closes the northern ferry terminal"
    items = api.get(f"{API}/stream/contents/{label}").json()["items"]
    assert sorted(i["origin"]["title"] for i in items) == ["Local Paper", "World Wire"]
    assert all(label in i["categories"] for i in items)
    assert api.post(f"{API}/mark-all-as-read", data={"s": label}).text == "OK"
    assert alice_unread(live) == 4


def test_folder_rename_and_disable(api, live):
    assert api.post(f"{API}/rename-tag", data={"s": "user/-/label/World", "dest": "user/-/label/Planet"}).text == "OK"
    assert api.post(f"{API}/disable-tag", data={"s": "user/-/label/Local"}).text == "OK"
    with live.store.read() as conn:
        assert [(s.title, s.folder) for s in live.store.list_subscriptions(conn, 1)] == [
            ("Local Paper", None), ("World Wire", "Planet")]


def test_bad_requests_get_the_apis_own_errors(api):
    for method, path, params in (
            ("GET", f"{API}/stream/contents/{READING_LIST}", {"n": "many"}),
            ("GET", f"{API}/stream/contents/{READING_LIST}", {"c": "not-mine"}),
            ("GET", f"{API}/stream/contents/nonsense", {}),
            ("POST", f"{API}/edit-tag", {"i": "tag:google.com,2005:reader/item/zz", "a": READ}),
            ("POST", f"{API}/edit-tag", {"i": "1", "a": "nonsense"}),
            ("POST", f"{API}/edit-tag", {"a": READ}),
            ("POST", f"{API}/stream/items/contents", {"i": "-5"}),
            ("POST", f"{API}/mark-all-as-read", {"s": READING_LIST, "ts": "99999999999999999999999"})):
        r = api.request(method, path, params=params if method == "GET" else None,
                        data=params if method == "POST" else None)
        assert r.status_code == 400, (path, params, r.status_code, r.text)
        assert r.text and "\n" not in r.text.strip() and "<html" not in r.text.lower()
    r = api.get(f"{API}/no/such/thing")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/plain")
    assert api.get(f"{API}/stream/contents/feed%2F424242").status_code == 404


def test_atom_streams_carry_read_state(api, live):
    first = ids_of(api, f"feed/{live.seed.local_feed}")[0]
    api.post(f"{API}/edit-tag", data={"i": str(first), "a": READ})
    r = api.get(f"/reader/atom/feed%2F{live.seed.local_feed}", params={"n": 10})
    assert r.headers["content-type"].startswith("application/atom+xml")
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.fromstring(r.content)
    assert feed.find("a:title", ns).text == "Local Paper"
    labels = {e.find("a:id", ns).text: {c.get("label") for c in e.findall("a:category", ns)}
              for e in feed.findall("a:entry", ns)}
    assert labels[f"tag:google.com,2005:reader/item/{first:016x}"] >= {"read", "reading-list"}
    assert sum("fresh" in v for v in labels.values()) == 1


# -- a real client ------------------------------------------------------------------------------------
def _newsboat_mode() -> str:
    """freshrss from newsboat 2.22 on; older ones (Debian's 2.21) speak to Reader APIs in FeedHQ mode."""
    version = subprocess.run([str(NEWSBOAT), "-v"], capture_output=True, text=True, timeout=30).stdout
    major, minor = map(int, re.search(r"newsboat (\d+)\.(\d+)", version).groups())
    return "freshrss" if (major, minor) >= (2, 22) else "feedhq"


def newsboat(live, home: Path, *command: str) -> str:
    mode = _newsboat_mode()
    (home / "config").write_text(f'urls-source "{mode}"\n{mode}-url "{live.url}/greader"\n{mode}-login "alice"\n'
                                 f'{mode}-password "{live.seed.app_password}"\n{mode}-min-items 100\n')
    (home / "urls").touch()
    proc = subprocess.run([str(NEWSBOAT), "-C", str(home / "config"), "-u", str(home / "urls"),
                           "-c", str(home / "cache.db"), "-x", *command],
                          env={"HOME": str(home), "PATH": "/usr/bin:/bin", "TERM": "dumb", "LANG": "C.UTF-8"},
                          capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.mark.slow
@pytest.mark.skipif(not NEWSBOAT.exists(), reason="/usr/bin/newsboat is missing (`make test` installs it)")
def test_newsboat_reads_and_syncs_with_storywire(live, tmp_path):
    newsboat(live, tmp_path, "reload")
    assert newsboat(live, tmp_path, "print-unread").strip() == f"{alice_unread(live)} unread articles"
    with live.store.read() as conn:
        first = live.store.stream(conn, 1, StreamQuery(only="unread"), 1)[0].article_id
    with client(live, login(live)) as api:
        assert api.post(f"{API}/edit-tag", data={"i": str(first), "a": READ}).text == "OK"
    assert alice_unread(live) == 5
    newsboat(live, tmp_path, "reload")
    assert newsboat(live, tmp_path, "print-unread").strip() == "5 unread articles"
    with live.store.read() as conn:
        assert live.store.article_read_states(conn, 1, [first]) == {first: (True, False)}


# -- where app passwords come from ------------------------------------------------------------------
def test_the_account_page_makes_and_revokes_app_passwords(live):
    with httpx.Client(base_url=live.url, follow_redirects=False, timeout=30) as web:
        form = web.get("/login").text
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
        assert web.post("/login", data={"name": "alice", "password": PASSWORD, "csrf_token": csrf,
                                        "next": "/"}).status_code == 303
        account = web.get("/account").text
        assert 'action="/account/app-passwords"' in account
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', account).group(1)
        assert web.post("/account/app-passwords", data={"name": "phone", "csrf_token": "forged"}).status_code == 403
        made = web.post("/account/app-passwords", data={"name": "phone", "csrf_token": csrf})
        assert made.status_code == 200 and f"{live.url}/greader" in made.text
        password = re.search(r'<code class="token" id="new-app-password">([^<]+)</code>', made.text).group(1)
        assert login(live, password).startswith("alice/")
        listing = web.get("/account/app-passwords").text
        assert password not in listing and "phone" in listing
        revoke = re.search(r'action="(/account/app-passwords/(\d+)/revoke)"', listing[listing.index("phone"):])
        assert web.post(revoke.group(1), data={"csrf_token": csrf}).status_code == 303
    with client(live) as c:
        assert c.post("/accounts/ClientLogin", data={"Email": "alice", "Passwd": password}).status_code == 401


def test_the_cli_prints_an_app_password(live):
    from storywire.cli import app

    r = CliRunner().invoke(app, ["--db", live.store.url.removeprefix("sqlite:///"), "users", "app-password", "bob"])
    assert r.exit_code == 0, r.output
    password = r.stdout.strip()
    with client(live) as c:
        r = c.post("/accounts/ClientLogin", data={"Email": "bob", "Passwd": password})
    assert r.status_code == 200 and "Auth=bob/" in r.text
    r = CliRunner().invoke(app, ["--db", live.store.url.removeprefix("sqlite:///"), "users", "app-password", "zed"])
    assert isinstance(r.exception, NotFound) and "no user called 'zed'" in str(r.exception)  # main() prints it
