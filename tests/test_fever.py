"""The Fever API (/fever/) on a real uvicorn server on 127.0.0.1, as Fever clients call it."""
from __future__ import annotations

import re

import httpx
import pytest

from storywire.store.app_passwords import fever_api_key
from storywire.web.fever import group_id
from tests.reader_server import PASSWORD, make_seed, serve


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    return make_seed(tmp_path_factory.mktemp("fever-seed"))


@pytest.fixture
def live(seed, tmp_path):
    with serve(seed, tmp_path) as server:
        yield server


@pytest.fixture
def fever(live):
    key = fever_api_key("alice", live.seed.app_password)
    with httpx.Client(base_url=live.url, timeout=30) as c:
        def call(query: str, **form) -> dict:
            r = c.post(f"/fever/?api&{query}" if query else "/fever/?api", data={"api_key": key, **form})
            assert r.status_code == 200, r.text
            return r.json()
        yield call


def unread(live) -> int:
    with live.store.read() as conn:
        return live.store.unread_counts(conn, 1).total


def test_auth_needs_the_md5_of_name_and_app_password(live, fever):
    body = fever("")
    assert (body["api_version"], body["auth"]) == (3, 1) and body["last_refreshed_on_time"] > 0
    with httpx.Client(base_url=live.url, timeout=30) as c:
        for key in (fever_api_key("alice", PASSWORD), "", "zz"):
            r = c.post("/fever/?api&items", data={"api_key": key})
            assert r.status_code == 200 and r.json() == {"api_version": 3, "auth": 0}


def test_groups_and_feeds(live, fever):
    body = fever("groups&feeds")
    assert sorted(g["title"] for g in body["groups"]) == ["Local", "World"]
    assert {f["title"]: f["id"] for f in body["feeds"]} == {"Local Paper": live.seed.local_feed,
                                                            "World Wire": live.seed.world_feed}
    groups = {g["group_id"]: g["feed_ids"] for g in body["feeds_groups"]}
    assert groups[group_id("World")] == str(live.seed.world_feed)


def test_items_page_by_since_and_max_id_and_with_ids(fever):
    first = fever("items", since_id="0")["items"]
    assert len(first) == 7 and [i["id"] for i in first] == sorted(i["id"] for i in first)
    newest = fever("items")["items"]
    assert [i["id"] for i in newest] == sorted((i["id"] for i in first), reverse=True)
    below = fever("items", max_id=str(newest[2]["id"]))["items"]
    assert [i["id"] for i in below] == [i["id"] for i in newest[3:]]
    some = fever("items", with_ids=f"{first[0]['id']},{first[3]['id']}")["items"]
    assert {i["id"] for i in some} == {first[0]["id"], first[3]["id"]}
    lantern = next(i for i in first if i["url"] == "https://local.example/lanterns")
    assert set(re.findall(r"<\s*([a-zA-Z]+)", lantern["html"])) == {"p"} and "&lt;script&gt;" in lantern["html"]


def test_marking_items_feeds_and_groups(live, fever):
    ids = [int(x) for x in fever("unread_item_ids")["unread_item_ids"].split(",")]
    assert len(ids) == unread(live) == 6
    fever("", mark="item", **{"as": "read"}, id=str(ids[0]))
    fever("", mark="item", **{"as": "saved"}, id=str(ids[1]))
    assert unread(live) == 5
    assert fever("saved_item_ids")["saved_item_ids"] == str(ids[1])
    item = fever("items", with_ids=str(ids[0]))["items"][0]
    assert (item["is_read"], item["is_saved"]) == (1, 0)
    fever("", mark="item", **{"as": "unread"}, id=str(ids[0]))
    assert unread(live) == 6
    fever("", mark="feed", **{"as": "read"}, id=str(live.seed.local_feed), before="1000")
    assert unread(live) == 6  # nothing arrived before 1970-01-01 00:16
    fever("", mark="feed", **{"as": "read"}, id=str(live.seed.local_feed))
    assert unread(live) == 4
    fever("", mark="group", **{"as": "read"}, id=str(group_id("World")))
    assert unread(live) == 0 and fever("unread_item_ids")["unread_item_ids"] == ""


def test_bad_marks_are_one_line_400s(live):
    key = fever_api_key("alice", live.seed.app_password)
    with httpx.Client(base_url=live.url, timeout=30) as c:
        for form in ({"mark": "item", "as": "read"}, {"mark": "item", "as": "eaten", "id": "1"},
                     {"mark": "group", "as": "read", "id": "12345"}, {"mark": "item", "as": "read", "id": "x"}):
            r = c.post("/fever/?api", data={"api_key": key, **form})
            assert r.status_code in (400, 404) and r.text and "\n" not in r.text.strip(), (form, r.text)
