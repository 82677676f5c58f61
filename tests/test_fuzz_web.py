"""Fuzzing the web app's path and query parameters: whatever a client sends, the answer is 2xx, 3xx or
4xx, never a 5xx (an error the server did not foresee).

One small real SQLite store (two articles in a story, two users) serves an anonymous reader, a
logged-in reader and an API client; Hypothesis makes the ids, words, dates and numbers.
"""
from __future__ import annotations

import re
from contextlib import ExitStack, closing
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import example, given, settings
from hypothesis import strategies as st

from storywire.config import Settings
from storywire.store import open_store
from storywire.web import create_app

from .test_web_reliability import fill, login

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
FUZZ = settings(max_examples=100, deadline=None)
EVERY_PAGE = settings(max_examples=50, deadline=None)  # each example asks every path of a list: 21 to 44 requests

PAGES = ["/", "/for-you", "/story/{}", "/article/{}", "/search", "/entity/{}", "/sources", "/sources/opml", "/login",
         "/account", "/admin/users", "/feeds/top.atom", "/feeds/top.json", "/feeds/foryou.atom", "/feeds/foryou.json",
         "/reading", "/saved", "/briefings", "/briefings/{}", "/api/docs", "/setup", "/account/app-passwords"]
# the Google Reader API (clients call it with the token ClientLogin gave) and Fever (an api_key in the form)
GREADER_GET = ["/greader/reader/api/0/user-info", "/greader/reader/api/0/subscription/list",
               "/greader/reader/api/0/tag/list", "/greader/reader/api/0/unread-count",
               "/greader/reader/api/0/stream/contents/{}", "/greader/reader/api/0/stream/items/ids",
               "/greader/reader/atom/{}"]
GREADER_POST = ["/greader/reader/api/0/stream/items/contents", "/greader/reader/api/0/edit-tag",
                "/greader/reader/api/0/mark-all-as-read", "/greader/reader/api/0/subscription/edit",
                "/greader/reader/api/0/rename-tag", "/greader/reader/api/0/disable-tag"]
READER_PARAMS = ["s", "n", "c", "ot", "nt", "xt", "it", "r", "i", "a", "t", "ts", "dest", "output", "ac", "api",
                 "items", "since_id", "max_id", "with_ids", "mark", "as", "id", "before", "feeds", "groups"]
API = ["/api/v1/me", "/api/v1/stories", "/api/v1/stories/{}", "/api/v1/articles", "/api/v1/articles/{}",
       "/api/v1/search", "/api/v1/entities/{}", "/api/v1/sources", "/api/v1/preferences", "/api/v1/briefings",
       "/api/v1/briefings/{}"]
PARAMS = ["q", "since", "until", "page", "limit", "offset", "view", "source", "outlet", "entity", "next", "done",
          "token", "kind", "value"]

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)  # what a URL can carry
number = st.integers(min_value=-2**70, max_value=2**70).map(str)
day = st.dates().map(str) | st.from_regex(r"\A[0-9]{1,5}-[0-9]{1,2}-[0-9]{1,2}\Z")
value = st.one_of(text, number, day, st.sampled_from(["ferry", "top", "foryou", "0", "1", "9999-12-31", ""]))


slot = st.one_of(number, text, st.just("7")).map(lambda v: quote(v, safe=""))  # an id or name in a path
params = st.dictionaries(st.sampled_from(PARAMS), value, max_size=4)
reader_params = st.dictionaries(st.sampled_from(READER_PARAMS), value | slot, max_size=5)


@pytest.fixture(scope="module")
def clients(tmp_path_factory):
    with ExitStack() as opened:  # closed in reverse: the clients, then the store
        store = opened.enter_context(closing(open_store(str(tmp_path_factory.mktemp("fuzz") / "fuzz.db"))))
        data = fill(store)
        anonymous = opened.enter_context(closing(
            TestClient(create_app(Settings(anonymous_read=True), store), follow_redirects=False)))
        reader = opened.enter_context(closing(TestClient(create_app(Settings(), store), follow_redirects=False)))
        assert login(reader).status_code == 303
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', reader.get("/account").text).group(1)
        with store.atomic() as conn:
            app_password = store.create_app_password(conn, store.user_by_name(conn, "alice")["id"], "fuzz")
        auth = reader.post("/greader/accounts/ClientLogin", data={"Email": "alice", "Passwd": app_password})
        assert auth.status_code == 200, auth.text
        yield {"anonymous": anonymous, "reader": reader, "token": data["tokens"]["alice"], "csrf": csrf,
               "greader": {"Authorization": f"GoogleLogin auth={auth.text.split('Auth=')[1].split()[0]}"}}


def answered(response) -> None:
    assert response.status_code < 500, (response.request.url, response.status_code, response.text[:300])


@pytest.mark.slow
@EVERY_PAGE
@given(slot=slot, params=params)
def test_pages_answer_any_parameters(clients, slot, params):
    for path in PAGES:
        for who in ("anonymous", "reader"):
            answered(clients[who].get(path.format(slot), params=params))


@pytest.mark.slow
@EVERY_PAGE
@given(slot=slot, params=params)
def test_api_answers_any_parameters(clients, slot, params):
    auth = {"Authorization": f"Bearer {clients['token']}"}
    for path in API:
        answered(clients["anonymous"].get(path.format(slot), params=params))
        answered(clients["reader"].get(path.format(slot), params=params, headers=auth))


@FUZZ
@given(slot=slot, params=params)
def test_api_deletes_answer_any_parameters(clients, slot, params):
    auth = {"Authorization": f"Bearer {clients['token']}"}
    answered(clients["reader"].delete(f"/api/v1/sources/feeds/{slot}", headers=auth))
    answered(clients["reader"].delete("/api/v1/preferences", params=params, headers=auth))


@FUZZ
@given(slot=slot, form=st.dictionaries(st.sampled_from(["kind", "value", "action", "next", "name", "read", "saved",
                                                        "story_id", "before", "feed_id", "folder"]), value, max_size=4))
@example(slot="7", form={"kind": "", "feed_id": str(2**63)})  # a feed id past 64 bits was a 500 ("read all")
def test_forms_answer_any_parameters(clients, slot, form):
    reader, data = clients["reader"], {**form, "csrf_token": clients["csrf"]}
    for path in (f"/sources/feeds/{slot}/delete", f"/account/tokens/{slot}/revoke", "/prefs", "/prefs/remove",
                 f"/reading/articles/{slot}/read", f"/reading/articles/{slot}/save", "/reading/stories/read",
                 "/reading/read-all", f"/reading/subscriptions/{slot}/delete", f"/reading/subscriptions/{slot}/folder"):
        answered(reader.post(path, data=data))


@EVERY_PAGE
@given(slot=slot, params=reader_params)
def test_reader_apps_answer_any_parameters(clients, slot, params):
    reader, auth = clients["reader"], clients["greader"]
    for path in GREADER_GET:
        answered(reader.get(path.format(slot), params=params, headers=auth))
        answered(clients["anonymous"].get(path.format(slot), params=params))
    for path in GREADER_POST:
        answered(reader.post(path, data=params, headers=auth))
    answered(reader.post("/fever/", params={"api": ""}, data=params))


@FUZZ
@given(authorization=st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=60),
       cookie=st.text(st.characters(min_codepoint=33, max_codepoint=126, blacklist_characters=';,"\\'), max_size=60))
def test_any_credentials_are_answered(clients, authorization, cookie):
    client = clients["anonymous"]
    answered(client.get("/api/v1/stories", headers={"Authorization": authorization}))
    answered(client.get("/", headers={"Cookie": f"sw_session={cookie}"}))
    answered(client.get("/feeds/top.atom", params={"token": authorization}))
