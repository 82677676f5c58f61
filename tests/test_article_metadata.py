"""Article metadata users see (issue #15): headline-only records, outlet names, event dates from URLs,
languages, undated articles. Real files in (fixtures under tests/fixtures/metadata, real pages from
../shared when present), the store, the CLI, the web pages and the API checked."""
from __future__ import annotations

import gzip
import json
import re
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storywire.cli import app
from storywire.errors import InputError
from storywire.extract import extract_item, without_site_name
from storywire.extract.dates import url_date
from storywire.extract.language import detect
from storywire.extract.outlets import outlet_name
from storywire.models import RawItem
from storywire.store import open_store
from storywire.store.articles import UNKNOWN_OUTLET

from .conftest import FIXTURES
from .test_feeds import add, collector, rss, server, stored  # noqa: F401  (server is a fixture)
from .test_fetch import Reply

META = FIXTURES / "metadata"
runner = CliRunner()


def cli(db, *args: str):
    return runner.invoke(app, ["--db", str(db), *args], env={"COLUMNS": "200"})


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def articles_of(db) -> dict:
    with closing(open_store(str(db))) as store, store.read() as conn:
        return {a.external_id or a.title: a for a in store.iter_articles(conn)}


def page(name: str, url: str | None = None, **fields) -> RawItem:
    return RawItem(origin=name, kind="html", html=(META / name).read_text(encoding="utf-8"), url=url, **fields)


# -- headline-only records ------------------------------------------------------------------------
def test_a_title_without_body_is_stored_headline_only_and_found_by_search(tmp_path, db_url):
    src = write_jsonl(tmp_path / "headlines.jsonl", [
        {"id": "h1", "source": "Harbour Ledger", "title": "Volcano erupts near Reykjavik airport",
         "url": "https://ledger.example/2023/11/12/volcano"},
        {"id": "h2", "source": "Harbour Ledger", "title": "Parliament approves new fisheries quota"},
        {"id": "full", "source": "Harbour Ledger", "title": "Bridge reopens",
         "text": "The bridge reopened on Monday after two years of repairs, officials said."},
        {"id": "none", "source": "Harbour Ledger", "url": "https://ledger.example/x"},
    ])
    db = db_url
    result = cli(db, "ingest", str(src), "--no-analyse")
    assert result.exit_code == 1  # the record with neither a title nor a body
    assert f"{src}:4: no \"title\", \"text\" or \"html\" field with content" in result.output
    assert "3 ingested" in result.output and "1 rejected" in result.output
    arts = articles_of(db)
    volcano, quota = arts["h1"], arts["h2"]
    assert (volcano.text, volcano.title, volcano.headline_only) == ("", "Volcano erupts near Reykjavik airport", True)
    assert quota.headline_only and quota.id != volcano.id  # two headlines of one outlet are two articles
    assert not arts["full"].headline_only
    with closing(open_store(str(db))) as store, store.read() as conn:
        hits = [i for i, _ in store.search_articles(conn, "volcano Reykjavik", 10)]
    assert hits == [volcano.id]
    again = cli(db, "ingest", str(src), "--no-analyse")  # idempotent: the same headlines change nothing
    assert "0 ingested" in again.output and "3 unchanged" in again.output


def test_a_page_without_readable_text_keeps_its_headline():
    ex = extract_item(page("paywalled.html", "https://www.harbourledger.example/economy/rates"))
    assert ex.text == "" and ex.title == "Central bank raises rates to a 15-year high"
    assert ex.source == "The Harbour Ledger" and ex.published == datetime(2023, 5, 4, 10, 30, tzinfo=UTC)
    with pytest.raises(InputError, match="no article text found in the page"):  # an error page is no headline
        extract_item(RawItem(origin="404.html", kind="html",
                             html=(FIXTURES / "ingest" / "no-article.html").read_text()))
    with pytest.raises(InputError, match="no article text found"):  # the collector's fallback wants the refusal
        extract_item(page("paywalled.html", allow_headline_only=False))


def test_a_feed_entry_with_only_a_title_is_stored_headline_only(server, sqlite_store):  # noqa: F811
    server.routes["/feed"] = Reply(200, rss("Headline Wire", server.url("/"), [
        {"title": "Quake of magnitude 6.1 hits northern Japan", "link": server.url("/q"), "guid": "q1",
         "date": datetime(2024, 1, 2, 8, tzinfo=UTC), "description": ""}]))
    server.routes["/q"] = Reply(404, b"")
    add(sqlite_store, server.url("/feed"))
    summary = collector(sqlite_store, analyse=False).run()
    assert summary.new_articles == 1 and summary.rejected == 0
    (art,) = stored(sqlite_store)
    assert art.headline_only and art.title == "Quake of magnitude 6.1 hits northern Japan"
    assert art.url == server.url("/q") and art.source == "Headline Wire"
    assert art.published == datetime(2024, 1, 2, 8, tzinfo=UTC)


# -- outlet names --------------------------------------------------------------------------------
@pytest.mark.parametrize("name, url, expected", [
    ("placeholder-sitename.html", "https://www.stadtbote.example.de/lokales/bruecke", "example.de"),
    ("date-sitename.html", "https://news.islandferries.co.uk/2021/11/02/ferries", "islandferries.co.uk"),
    ("copyright-sitename.html", None, None),
    ("good-sitename.html", "https://www.riverside-courier.example/library", "Riverside Courier"),
    ("good-sitename.html", "https://www.theguardian.com/uk-news/library", "The Guardian"),
])
def test_outlet_from_the_table_else_a_site_name_that_looks_like_one_else_the_domain(name, url, expected):
    assert extract_item(page(name, url)).source == expected


def test_an_outlet_the_input_states_wins_after_light_cleaning():
    assert extract_item(page("date-sitename.html", "https://www.reuters.com/x", source="  Ferry  News ")).source \
        == "Ferry News"
    assert outlet_name("reuters.com", None, None) == "Reuters"
    assert outlet_name("unknown", "© 2022", None) is None
    assert outlet_name(None, None, "https://www.bbc.co.uk/news/world-1") == "BBC News"
    assert outlet_name(None, None, "https://feeds.bbci.co.uk/news/rss.xml") == "BBC News"
    assert outlet_name(None, "Copyright © 2001-2009", "http://bayrische-bembel.de/x") == "bayrische-bembel.de"


REAL_PAGES = [  # (set, file, outlet): junk og:site_name on the first four
    ("trafilatura-eval", "mpimet.de.klimasystem.html", "mpg.de"),  # {$plugin.tx_news.opengraph.site_name}
    ("trafilatura-eval", "amnesty.de-waffensysteme.html", "amnesty.de"),  # 02.11.2021
    ("trafilatura-eval", "vinosytapas.de.rioja.html", "vinosytapas.de"),  # (C) 2020 By Iberische Weine ...
    ("trafilatura-eval", "tagesspiegel.de.abstandsregeln.html", "Der Tagesspiegel"),  # a facebook URL
    ("trafilatura-eval", "sueddeutsche.de.flixtrain.html", "Süddeutsche Zeitung"),
    ("trafilatura-eval", "dw.com-elephants.html", "DW"),
    ("fundus-evaluation", "APNews_0.html", "AP"),
    ("fundus-evaluation", "Reuters_0.html", "Reuters"),
    ("fundus-evaluation", "TheGatewayPundit_0.html", "The Gateway Pundit"),
]


@pytest.mark.parametrize("which, name, expected", REAL_PAGES)
def test_outlet_names_on_real_pages(shared, which, name, expected):
    base = shared / "data" / "extraction" / which
    if which == "trafilatura-eval":
        url = next(u for u, rec in json.loads((base / "evaldata.json").read_text()).items() if rec["file"] == name)
    else:
        url = json.loads((base / "ground_truth.json").read_text())[name + ".gz"]["url"]
    html = gzip.decompress((base / "html" / (name + ".gz")).read_bytes()).decode("utf-8", "replace")
    assert extract_item(RawItem(origin=name, kind="html", html=html, url=url)).source == expected


REAL_TITLES = [  # (set, file, title): the site's name (and what follows it) cut off the page's title
    ("fundus-evaluation", "TheGatewayPundit_3.html",
     "Biden's Late Night Interview With Seth Meyers Was a Ratings Dud - Especially With Young Voters"),
    ("trafilatura-eval", "dw.com-elephants.html", "La perte des terres fertiles et les éléphants en Guinée-Conakry"),
    ("trafilatura-eval", "japantimes.co.jp.surgical.html",
     "Losing face: 6,000 surgical masks stolen from Kobe hospital"),
    ("trafilatura-eval", "swim.de-ga2.html", "Einheit der Woche | Lagen-Pyramide mit GA2"),
]


@pytest.mark.parametrize("which, name, expected", REAL_TITLES)
def test_titles_on_real_pages_lose_the_site_name(shared, which, name, expected):
    base = shared / "data" / "extraction" / which
    html = gzip.decompress((base / "html" / (name + ".gz")).read_bytes()).decode("utf-8", "replace")
    assert extract_item(RawItem(origin=name, kind="html", html=html)).title == expected


def test_a_title_is_cut_only_where_the_site_name_is_a_whole_part():
    assert without_site_name("Fire hits bank - Harbour Ledger | by Ann Lee", ("Harbour Ledger",)) == "Fire hits bank"
    assert without_site_name("Harbour Ledger - the story of a newspaper", ("Harbour Ledger", None)) == \
        "Harbour Ledger - the story of a newspaper"  # nothing before the name: no headline left
    assert without_site_name("Strike - Harbour Ledger", ("Harbour Ledger",)) == "Strike - Harbour Ledger"  # one word
    assert without_site_name("Fire hits bank - Harbour Ledger staff safe", ("Harbour Ledger",)) == \
        "Fire hits bank - Harbour Ledger staff safe"  # the name begins a part, is not one
    assert without_site_name("Fire hits bank - harbour ledger", ("Harbour Ledger",)) == "Fire hits bank"
    assert without_site_name("Fire hits bank | Harbour Ledger", (None, "")) == "Fire hits bank | Harbour Ledger"
    stated = extract_item(RawItem(origin="r", kind="text", text="Fire broke out. " * 20, title="Fire | Harbour Ledger",
                                  source="Harbour Ledger"))
    assert stated.title == "Fire | Harbour Ledger"  # a stated title is the input's: kept as it is


def test_records_without_outlet_are_not_one_outlet(tmp_path):
    db = tmp_path / "s.db"
    src = write_jsonl(tmp_path / "anon.jsonl", [
        {"id": f"a{i}", "title": f"Anonymous report number {i}", "text": f"Body of anonymous report {i} here."}
        for i in range(3)] + [{"id": "g", "source": "Gazette", "title": "Named", "text": "A named outlet's text."}])
    assert cli(db, "ingest", str(src), "--no-analyse").exit_code == 0
    arts = articles_of(db)
    assert {arts[f"a{i}"].source for i in range(3)} == {UNKNOWN_OUTLET}
    with closing(open_store(str(db))) as store, store.read() as conn:
        assert store.source_names(conn) == ["Gazette"]
        assert [s["name"] for s in store.list_sources(conn)] == ["Gazette"]
    listing = cli(db, "articles").output
    assert listing.count("unknown outlet") == 3 and not re.search(r"\bunknown\b(?! outlet)", listing)
    exported = [json.loads(line) for line in cli(db, "export", "articles").stdout.splitlines()]
    assert sorted(str(r["source"]) for r in exported) == ["Gazette", "None", "None", "None"]


def test_one_text_under_two_ids_of_no_outlet_is_two_articles_of_one_story(tmp_path):
    """Records of no outlet with their own ids are not one outlet's: the same text under another id and title
    is another article (a reprint in the same story), not a revision of the first."""
    db = tmp_path / "s.db"
    text = ("The harbour bridge reopened on Monday after eight months of repairs, the city council said. "
            "Engineers replaced the cables and the deck of the 1932 span.")
    records = [{"id": "r1", "title": "Harbour bridge reopens", "text": text, "published": "2024-03-04T09:00:00Z"},
               {"id": "r2", "title": "Bridge open again after repairs", "text": text,
                "published": "2024-03-04T10:00:00Z"}]
    src = write_jsonl(tmp_path / "copies.jsonl", records)
    first = cli(db, "ingest", str(src), "--no-analyse")
    assert first.output.startswith("2 ingested, 0 revised, 0 unchanged"), first.output
    arts = articles_of(db)
    assert (arts["r1"].title, arts["r2"].title) == ("Harbour bridge reopens", "Bridge open again after repairs")
    assert arts["r1"].story_id == arts["r2"].story_id is not None
    assert cli(db, "ingest", str(src), "--no-analyse").output.startswith("0 ingested, 0 revised, 2 unchanged")
    write_jsonl(src, [records[0], {**records[1], "text": text + " Traffic resumed at noon."}])
    assert cli(db, "ingest", str(src), "--no-analyse").output.startswith("0 ingested, 1 revised, 1 unchanged")


def test_a_story_of_no_known_outlet_says_so(tmp_path):
    """Its page and the top-stories feed say "no known outlet", not "0 outlets"."""
    from fastapi.testclient import TestClient

    from storywire.config import Settings
    from storywire.web import create_app

    db = tmp_path / "s.db"
    text = ("Firefighters fought a blaze at the Harbour Street warehouse through the night, and the fire chief "
            "said on Tuesday that no one was hurt and the cause was not yet known.")
    src = write_jsonl(tmp_path / "anon.jsonl", [
        {"id": f"a{i}", "title": f"Warehouse fire on Harbour Street {i}", "text": text,
         "published": f"2024-05-0{i + 1}T10:00:00Z"} for i in range(2)])
    assert cli(db, "ingest", str(src)).exit_code == 0
    with closing(open_store(str(db))) as store:
        with store.read() as conn:
            (story,) = store.list_stories(conn, limit=10)
        with TestClient(create_app(Settings(anonymous_read=True), store)) as client:
            kicker = client.get(f"/story/{story.id}").text.split('class="kicker"')[1].split("</p>")[0]
            feed = client.get("/feeds/top.json").json()
    assert "no known outlet" in kicker and "outlets" not in kicker
    (entry,) = feed["items"]  # the feed a reader app follows says it too, not "Covered by 0 outlets: ."
    assert entry["content_text"].endswith("No known outlet.") and "Covered by" not in entry["content_text"]


# -- dates ---------------------------------------------------------------------------------------
def test_dates_in_urls():
    now = datetime(2024, 3, 1, tzinfo=UTC)
    noon = datetime(2022, 2, 4, 12, tzinfo=UTC)
    assert url_date("https://www.reuters.com/world/europe/2022/02/04/macron-moscow/", now) == noon
    assert url_date("https://example.com/news/2022-02-04/macron-moscow", now) == noon
    assert url_date("https://example.com/news/macron-moscow-20220204.html", now) == noon
    assert url_date("https://example.com/politik/20220204/macron", now) == noon
    for url in ("https://example.com/a/1989/02/04/x", "https://example.com/a/2022/13/04/x",
                "https://example.com/story/202202041234567", "https://example.com/a/2025/01/01/future",
                "https://example.com/x?date=2022-02-04", "https://example.com/article/123456"):
        assert url_date(url, now) is None, url


def test_a_record_dated_only_by_its_url_and_an_undated_one(tmp_path):
    db = tmp_path / "s.db"
    src = write_jsonl(tmp_path / "d.jsonl", [
        {"id": "u", "source": "S", "title": "Macron in Moscow", "text": "Macron met Putin in Moscow on Monday.",
         "url": "https://s.example/world/2022/02/07/macron-moscow"},
        {"id": "n", "source": "S", "title": "Undated note", "text": "A note that gives no date at all."},
        {"id": "r", "source": "S", "title": "Dated", "text": "The record's own date wins over its URL.",
         "url": "https://s.example/2022/02/07/dated", "published": "2022-02-08T06:00:00Z"},
    ])
    assert cli(db, "ingest", str(src), "--no-analyse").exit_code == 0
    arts = articles_of(db)
    assert arts["u"].published == datetime(2022, 2, 7, 12, tzinfo=UTC)
    assert arts["n"].published is None and arts["n"].undated  # not the fetch time
    assert arts["r"].published == datetime(2022, 2, 8, 6, tzinfo=UTC)


def test_a_feed_pages_date_then_its_url_then_the_entry():
    entry = datetime(2024, 1, 9, 7, tzinfo=UTC)
    marked = page("paywalled.html", "https://x.example/2023/01/01/rates", entry_published=entry)
    assert extract_item(marked).published == datetime(2023, 5, 4, 10, 30, tzinfo=UTC)  # the page's markup
    in_url = page("good-sitename.html", "https://x.example/2023/06/01/library", entry_published=entry)
    assert extract_item(in_url).published == datetime(2023, 6, 1, 12, tzinfo=UTC)
    plain = page("good-sitename.html", "https://x.example/library", entry_published=entry)
    assert extract_item(plain).published == entry


# -- language ------------------------------------------------------------------------------------
def test_language_detected_on_french_and_german_and_a_stated_one_wins():
    french, german = ((META / n).read_text(encoding="utf-8") for n in ("french.txt", "german.txt"))
    assert extract_item(RawItem(origin="fr", kind="text", text=french)).language == "fr"
    assert extract_item(RawItem(origin="de", kind="text", text=german)).language == "de"
    assert extract_item(RawItem(origin="de", kind="text", text=german, language="en")).language == "en"
    assert extract_item(RawItem(origin="de", kind="text", text=german, language="de-AT")).language == "de"
    # a page declaring "en" over German text: the text tells
    html = (META / "placeholder-sitename.html").read_text(encoding="utf-8").replace('lang="de"', 'lang="en"')
    assert extract_item(RawItem(origin="p", kind="html", html=html)).language == "de"
    assert detect("Macron to meet Putin in Moscow") is None  # too little to tell: None, not a guess
    assert extract_item(RawItem(origin="h", kind="text", text="", title="Storm closes ports")).language is None


# -- what the web and the API show -----------------------------------------------------------------
def test_web_and_api_show_headline_only_unknown_outlet_and_undated(tmp_path):
    from fastapi.testclient import TestClient

    from storywire.config import Settings
    from storywire.pipeline import Pipeline
    from storywire.web import create_app

    path = tmp_path / "s.db"
    items = [
        RawItem(origin="h", kind="text", text="", title="Volcano erupts near Reykjavik airport", source="Ledger",
                url="https://ledger.example/volcano", published=datetime(2023, 11, 12, 8, tzinfo=UTC)),
        RawItem(origin="u", kind="text", title="Volcano alert raised for Reykjavik peninsula",
                text="Officials raised the volcano alert for the Reykjavik peninsula on Sunday after a series "
                     "of earthquakes, and the airport stayed open while the town of Grindavik was evacuated."),
    ]
    with closing(open_store(str(path))) as store:
        Pipeline(store, Settings(db=str(path), analyse=False)).ingest(items, cluster=False)
        with store.read() as conn:
            by_title = {a.title: a for a in store.iter_articles(conn)}
        headline, anonymous = by_title[items[0].title], by_title[items[1].title]
        with TestClient(create_app(Settings(anonymous_read=True), store)) as client:
            page_h = client.get(f"/article/{headline.id}").text
            page_u = client.get(f"/article/{anonymous.id}").text
            found = client.get("/search", params={"q": "volcano"}).text
            api_h = client.get(f"/api/v1/articles/{headline.id}").json()
            api_u = client.get(f"/api/v1/articles/{anonymous.id}").json()
    assert "headline only" in page_h and 'href="https://ledger.example/volcano"' in page_h
    assert '<div class="prose body">' not in page_h  # no empty body
    assert "undated" in page_u and "ago" not in page_u.split("<h1>")[0]  # not "3 min ago" from the fetch time
    assert "unknown outlet" in page_u and "<strong>unknown</strong>" not in page_u
    assert "language en" in page_u
    assert found.count("/article/") == 2 and "headline only" in found and "undated" in found
    assert '<option value="unknown"' not in found and '<option value="Ledger"' in found
    assert api_h["headline_only"] is True and api_h["text"] == "" and api_h["source"] == "Ledger"
    assert api_u["published"] is None and api_u["source"] is None and api_u["language"] == "en"


def test_a_story_shows_an_article_of_no_outlet_as_no_outlet_in_the_cli_and_the_api(tmp_path):
    """`storywire story` names it "unknown outlet" (never an outlet called "unknown"); the story object of
    `story --json` and the API gives its source as null and lists it in no passage's sources."""
    from fastapi.testclient import TestClient

    from storywire.config import Settings
    from storywire.web import create_app

    db = tmp_path / "s.db"
    lead = ("The harbour bridge reopened on Monday after eight months of repairs, the city council said. "
            "Engineers replaced the cables and the deck of the 1932 span, and traffic resumed at noon.")
    records = [{"id": "g1", "source": "Gazette", "title": "Harbour bridge reopens", "text": lead,
                "published": "2024-03-04T09:00:00Z"},
               {"id": "n1", "title": "Bridge open again after repairs", "text": lead + " Buses return next week.",
                "published": "2024-03-04T10:00:00Z"}]
    assert cli(db, "ingest", str(write_jsonl(tmp_path / "r.jsonl", records))).exit_code == 0
    story_id = articles_of(db)["n1"].story_id
    shown = cli(db, "story", str(story_id)).output
    assert "unknown outlet" in shown and not re.search(r"\bunknown\b(?! outlet)", shown), shown
    printed = json.loads(cli(db, "story", str(story_id), "--json").stdout)
    with closing(open_store(str(db))) as store:
        with TestClient(create_app(Settings(anonymous_read=True), store)) as client:
            api = client.get(f"/api/v1/stories/{story_id}").json()
    for data in (printed, api):
        assert {a["source"] for a in data["articles"]} == {"Gazette", None}
        assert {t["source"] for t in data["timeline"]} == {"Gazette", None}
        assert all("unknown" not in p["sources"] for p in data["shared_passages"])
        assert data["shared_passages"] and all(p["sources"] == ["Gazette"] for p in data["shared_passages"])
