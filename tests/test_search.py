"""Search on both backends: the newest matches ranked first, older ones on demand, the right documents first."""
from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from storywire.config import Settings
from storywire.models import Extracted
from storywire.web import create_app, queries

PASSWORD = "correct horse battery"
T0 = datetime(2023, 5, 1, 8, tzinfo=UTC)


def _article(i: int, text: str, title: str, source: str = "Harbour Post") -> Extracted:
    return Extracted(origin=f"a{i}", text=text, title=title, source=source, url=f"https://harbour.example/{i}",
                     published=T0 + timedelta(hours=i), language="en")


@pytest.fixture
def filled(store):
    """Twelve articles about the ferry strike (ids in the order they came in: a0 oldest), an older one that
    is the best match of all, and two on other subjects."""
    records = [_article(0, "Ferry strike. The ferry strike stops every ferry; ferry crews strike over ferry pay.",
                        "Ferry strike: ferry crews strike")]
    records += [_article(i, f"Dock workers met on day {i}; a ferry strike was mentioned once.", f"Dock news {i}")
                for i in range(1, 12)]
    records += [_article(12, "The orchard harvest was a record this autumn.", "Apple harvest"),
                _article(13, "Council approves new cycle lanes on the river road.", "Cycle lanes", "City Ledger")]
    with store.atomic() as conn:
        ids = [r.article_id for r in store.upsert_articles(conn, records)]
        uid = store.create_user(conn, "reader", PASSWORD)
    return {"store": store, "ids": ids, "uid": uid}


def test_newest_matches_are_ranked_and_older_ones_come_on_demand(filled):
    store, ids = filled["store"], filled["ids"]
    with store.read() as conn:
        newest = queries.search(store, conn, "ferry strike", within=5)
        everything = queries.search(store, conn, "ferry strike", older=True, within=5)
        few = queries.search(store, conn, "orchard", within=5)
    found = [a["id"] for g in newest["groups"] for a in g["articles"]]
    assert newest["scope"] == "newest" and newest["older"] is True
    assert sorted(found) == sorted(ids[7:12])  # the five newest matches, not the best (oldest) one
    assert everything["scope"] == "all" and not everything["older"]
    ranked = [a["id"] for g in everything["groups"] for a in g["articles"]]
    assert len(ranked) == 12 and ranked[0] == ids[0]  # every match, the article all about it first
    assert [a["id"] for g in few["groups"] for a in g["articles"]] == [ids[12]] and few["older"] is False


def test_ranking_among_the_newest_puts_the_best_match_first(store):
    records = [_article(i, f"Dock workers met on day {i}; the harbour was quiet.", f"Dock news {i}")
               for i in range(6)]
    records.insert(3, _article(9, "Lantern boats: the lantern festival lit the harbour with lantern boats.",
                               "Lantern festival boats"))
    records.append(_article(10, "One lantern was seen near the dock.", "Dock news 10"))
    with store.atomic() as conn:
        ids = {r.origin: r.article_id for r in store.upsert_articles(conn, records)}
    with store.read() as conn:
        hits, older = store.search_newest(conn, "lantern", 10)
        by_date = queries.search(store, conn, "lantern", since=T0.date(), within=10)
    assert [i for i, _ in hits] == [ids["a9"], ids["a10"]] and older is False
    assert [a["id"] for g in by_date["groups"] for a in g["articles"]] == [ids["a9"], ids["a10"]]
    assert by_date["scope"] == "all"


def test_only_the_latest_articles_are_searched_unless_older_ones_are_asked_for(filled):
    store, ids = filled["store"], filled["ids"]
    with store.read() as conn:
        latest = queries.search(store, conn, "ferry strike", within=50, recent=ids[13] - ids[9])
        orchard = queries.search(store, conn, "orchard", within=50, recent=ids[13] - ids[9])
        whole = queries.search(store, conn, "orchard", within=50, recent=ids[13] - ids[0] + 1)
        everything = queries.search(store, conn, "ferry strike", within=50, recent=3, older=True)
    assert sorted(a["id"] for g in latest["groups"] for a in g["articles"]) == [ids[10], ids[11]]
    assert latest["older"] is True and latest["recent"] == ids[13] - ids[9]
    assert orchard["older"] is True  # one match, but older articles were not searched
    assert [a["id"] for g in whole["groups"] for a in g["articles"]] == [ids[12]] and whole["older"] is False
    assert everything["scope"] == "all" and everything["total_hits"] == 12


@pytest.fixture
def dock_log(store, monkeypatch):
    """60 articles (oldest first) with words as common as a topic, a name, and a name only in old news; a
    search's first look (postgres.PROBE_IDS) covers the newest 10, so each way of reading the rest is taken."""
    from storywire.store import postgres

    monkeypatch.setattr(postgres, "PROBE_IDS", 10)
    records = []
    for i in range(60):
        words = ["harbour"] + ["Okafor"] * (i % 5 == 0) + ["Lindqvist"] * (i < 20 and i % 3 == 0)
        records.append(_article(i, f"Day {i} at the dock: {' '.join(words)} in the log, cranes idle.", f"Log {i}"))
    with store.atomic() as conn:
        ids = [r.article_id for r in store.upsert_articles(conn, records)]
    return store, ids, records


@pytest.mark.parametrize("word, within", [("harbour", 6), ("Okafor", 8), ("Lindqvist", 4), ("Lindqvist", 50)])
def test_newest_matches_are_the_same_whichever_way_they_are_read(dock_log, word, within):
    store, ids, records = dock_log
    matching = [i for i, r in zip(ids, records, strict=True) if word in r.text]
    with store.read() as conn:
        hits, older = store.search_newest(conn, word, within)
        window, window_older = store.search_newest(conn, word, within, recent=ids[-1] - ids[9])
        after = store.get_articles(conn, [ids[0]])  # the connection reads on as before
    assert sorted(i for i, _ in hits) == sorted(matching)[-within:]
    assert older is (len(matching) >= within)
    assert sorted(i for i, _ in window) == sorted(i for i in matching if i > ids[9])[-within:]
    assert window_older is True and after[0].title == "Log 0"


def test_a_rare_match_leaves_the_planner_as_it_was(dock_log):
    store, ids, _ = dock_log
    if store.dialect != "postgresql":
        pytest.skip("PostgreSQL's planner settings")
    with store.read() as conn:
        hits, _ = store.search_newest(conn, "Lindqvist", 4)  # read through the GIN index, other scans off
        settings = [conn.exec_driver_sql(f"SHOW {name}").scalar()
                    for name in ("enable_indexscan", "enable_seqscan", "max_parallel_workers_per_gather")]
    assert len(hits) == 4 and settings == ["on", "on", "2"]


def _login(c: TestClient) -> None:
    form = c.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text).group(1)
    c.post("/login", data={"name": "reader", "password": PASSWORD, "csrf_token": token, "next": "/"})


def test_search_page_and_api_offer_older_results(filled, monkeypatch):
    monkeypatch.setattr(queries, "NEWEST_MATCHES", 5)
    store = filled["store"]
    with store.atomic() as conn:
        token = store.create_token(conn, filled["uid"], "test")
    with TestClient(create_app(Settings(), store), follow_redirects=False) as c:
        _login(c)
        page = c.get("/search", params={"q": "ferry strike"})
        assert page.status_code == 200 and page.text.count('class="hit-title"') == 5
        assert "Best matches among the 5 newest matching articles of the latest 100,000 stored" in page.text
        link = re.search(r'class="older-results" href="\?([^"]+)"', page.text).group(1).replace("&amp;", "&")
        older = c.get("/search?" + link)
        assert older.text.count('class="hit-title"') == 12 and "older-results" not in older.text
        assert re.search(r'class="hit-title"[^>]*>Ferry strike: ferry crews strike<', older.text)
        one = c.get("/search", params={"q": "orchard"})
        assert one.text.count('class="hit-title"') == 1 and "older-results" not in one.text
        h = {"Authorization": f"Bearer {token}"}
        api = c.get("/api/v1/search", params={"q": "ferry strike"}, headers=h).json()
        assert api["scope"] == "newest" and api["older"] is True and api["total_hits"] == 5
        assert api["within"] == 5 and api["recent"] == queries.RECENT_ARTICLES
        api_all = c.get("/api/v1/search", params={"q": "ferry strike", "older": "true"}, headers=h).json()
        assert api_all["scope"] == "all" and api_all["older"] is False and api_all["total_hits"] == 12
        assert api_all["items"][0]["articles"][0]["title"] == "Ferry strike: ferry crews strike"
