"""Stories follow the articles' own time: archives in any order, late arrivals, undated articles."""
from __future__ import annotations

import json
from contextlib import closing
from datetime import UTC, datetime, timedelta

import pytest
from typer.testing import CliRunner

from storywire import config
from storywire.cli import app
from storywire.cluster import bcubed, load_params
from storywire.cluster.evaluate import dated_records, load_records
from storywire.commands.cluster import through_store
from storywire.errors import InputError
from storywire.ingest.files import read_paths
from storywire.pipeline import Pipeline
from storywire.rank.top import top_stories
from storywire.store import open_store

WINDOW = timedelta(hours=72)
runner = CliRunner()

QUAKE = ("A magnitude {m} earthquake struck the Kermadec Islands region on {day}, the geological survey said. "
         "The quake hit at a depth of {depth} kilometres off the islands. Tsunami warnings were issued for "
         "{place} and later lifted. Residents of {place} felt strong shaking and moved to higher ground.")
BUDGET = ("The finance ministry presented its {year} budget to parliament on Tuesday, with higher spending "
          "on hospitals and schools and a new tax on sugary drinks. Opposition leaders called the plan "
          "reckless. The minister said the deficit would fall to {pct} percent of output.")


def _write(path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def _ingest(store, path, **settings) -> dict:
    Pipeline(store, config.Settings(analyse=False, **settings)).ingest(read_paths([path]))
    with store.read() as conn:
        return {a.external_id: a for a in store.iter_articles(conn)}


def _quake(i: int, when: datetime | None, m: str, place: str, depth: int, outlet: str) -> dict:
    rec = {"id": f"q{i}", "source": outlet, "title": f"Magnitude {m} quake strikes off Kermadec Islands",
           "text": QUAKE.format(m=m, day=(when or datetime(2020, 1, 1)).strftime("%A"), depth=depth, place=place)}
    if when is not None:
        rec["published"] = when.isoformat()
    return rec


@pytest.mark.slow
def test_a_shuffled_dated_archive_gives_the_stories_of_the_sorted_one(shared):
    """Six ECB+ topics, each event given its own day: the same file ingested in a random order gives
    the stories it gives in time order, and no story has a gap above the window."""
    recs = [r for r in load_records(shared / "data" / "stories" / "ecbplus-dev.jsonl") if int(r["topic"]) <= 6]
    dated = dated_records(recs, seed=3)
    params = load_params()  # the shipped model
    in_order = through_store(dated, params, 72.0)
    shuffled = through_store(dated, params, 72.0, shuffle_seed=11)
    assert bcubed(shuffled, in_order)["f1"] >= 0.95
    gold = [r["story"] for r in dated]
    assert bcubed(shuffled, gold)["f1"] >= bcubed(in_order, gold)["f1"] - 0.01
    times: dict = {}
    for story, rec in zip(shuffled, dated, strict=True):
        times.setdefault(story, []).append(datetime.fromisoformat(rec["published"]))
    for ts in times.values():
        ts.sort()
        assert all(b - a <= WINDOW for a, b in zip(ts, ts[1:], strict=False))


def test_eval_dated_can_put_the_events_of_one_topic_in_one_window(tmp_path, shared):
    """`eval dated --siblings-within 2`: the two events of an ECB+ topic (events of one kind) start within two
    days of each other, so time cannot keep them apart; without it, every event gets its own day."""
    src = shared / "data" / "stories" / "ecbplus-dev.jsonl"
    firsts: dict[str, dict[str, dict[str, datetime]]] = {}
    for name, extra in (("apart", []), ("siblings", ["--siblings-within", "2"])):
        out = tmp_path / f"{name}.jsonl"
        result = CliRunner().invoke(app, ["eval", "dated", str(src), "-o", str(out), *extra])
        assert result.exit_code == 0, result.output
        firsts[name] = {}
        for line in out.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            when = datetime.fromisoformat(rec["published"])
            by_story = firsts[name].setdefault(str(rec["topic"]), {})
            by_story[rec["story"]] = min(when, by_story.get(rec["story"], when))
    gaps = {name: [max(s.values()) - min(s.values()) for s in topics.values() if len(s) == 2]
            for name, topics in firsts.items()}
    assert len(gaps["siblings"]) >= 15 and all(g <= timedelta(days=2, hours=36) for g in gaps["siblings"])
    assert sum(g > timedelta(days=30) for g in gaps["apart"]) >= len(gaps["apart"]) * 0.8
    bad = CliRunner().invoke(app, ["eval", "dated", str(src), "-o", str(tmp_path / "x.jsonl"),
                                   "--siblings-within", "-1"])
    assert isinstance(bad.exception, InputError) and "--siblings-within" in str(bad.exception)  # one line


def test_a_late_article_joins_its_own_story_not_todays(tmp_path, store):
    """A 2019 quake story and a 2024 quake story in the store; a 2019 report arriving afterwards joins
    the 2019 story (on both backends)."""
    old, new = datetime(2019, 6, 16, 8, tzinfo=UTC), datetime(2024, 3, 2, 9, tzinfo=UTC)
    first = [_quake(1, old, "7.2", "Tonga", 10, "Wire A"), _quake(2, old + timedelta(hours=3), "7.2", "Tonga", 10,
                                                                     "Daily B"),
             _quake(3, new, "7.2", "Tonga", 10, "Wire A"), _quake(4, new + timedelta(hours=2), "7.2", "Tonga", 10,
                                                                  "Daily B")]
    _write(tmp_path / "first.jsonl", first)
    _write(tmp_path / "late.jsonl", [_quake(5, old + timedelta(hours=6), "7.2", "Tonga", 10, "Herald C")])
    arts = _ingest(store, tmp_path / "first.jsonl")
    assert arts["q1"].story_id == arts["q2"].story_id != arts["q3"].story_id == arts["q4"].story_id
    arts = _ingest(store, tmp_path / "late.jsonl")
    assert arts["q5"].story_id == arts["q1"].story_id
    with store.read() as conn:
        story = store.get_story(conn, arts["q1"].story_id)
    assert story.first_seen.year == story.last_seen.year == 2019 and story.article_count == 3


def test_an_undated_article_does_not_join_across_years_nor_move_a_span(tmp_path, store):
    old, new = datetime(2019, 6, 16, 8, tzinfo=UTC), datetime(2024, 3, 2, 9, tzinfo=UTC)
    budget = {"id": "b1", "source": "Daily B", "title": "Finance ministry presents 2024 budget",
              "text": BUDGET.format(year=2024, pct=3), "published": new.isoformat()}
    _write(tmp_path / "dated.jsonl", [_quake(1, old, "7.2", "Tonga", 10, "Wire A"),
                                      _quake(2, old + timedelta(hours=3), "7.2", "Tonga", 10, "Daily B"), budget])
    undated_copy = {**budget, "id": "b2", "source": "Herald C"}
    del undated_copy["published"]
    _write(tmp_path / "undated.jsonl", [_quake(3, None, "7.2", "Tonga", 10, "Herald C"), undated_copy])
    _ingest(store, tmp_path / "dated.jsonl")
    with store.read() as conn:
        before = store.get_story(conn, store.story_of(conn, 3))
    arts = _ingest(store, tmp_path / "undated.jsonl")
    with store.read() as conn:
        after = store.get_story(conn, arts["b1"].story_id)
    assert arts["q3"].published is None and arts["q3"].story_id != arts["q1"].story_id  # not into 2019
    with store.read() as conn:
        alone = store.get_story(conn, arts["q3"].story_id)
        top = [r.story.id for r in top_stories(store, conn, limit=50)]
        undated = [s.id for s in store.undated_stories(conn)]  # listed apart on the river
        plotted = store.article_times(conn, [after.id])[after.id]  # river sparklines, briefing periods
    assert [aid for _, _, aid in plotted] == [arts["b1"].id]  # the undated copy has no place in time
    assert (alone.first_seen, alone.last_seen) == (None, None)  # not news of any time: not "3 min ago"
    assert alone.id not in top and after.id in top and undated == [alone.id]
    assert arts["b2"].story_id == arts["b1"].story_id  # a copy is strong evidence
    assert (after.first_seen, after.last_seen) == (before.first_seen, before.last_seen) and after.article_count == 2


def test_pending_articles_are_clustered_by_the_next_run_and_recluster_shows_progress(tmp_path):
    day = datetime(2024, 3, 2, 9, tzinfo=UTC)
    _write(tmp_path / "a.jsonl", [_quake(i, day + timedelta(hours=i), "7.2", "Tonga", 10, f"Outlet {i}")
                                  for i in range(1, 5)])
    db = tmp_path / "s.db"
    runner = CliRunner()
    res = runner.invoke(app, ["--db", str(db), "ingest", "--no-cluster", str(tmp_path / "a.jsonl")])
    assert res.exit_code == 0, res.output
    with closing(open_store(str(db))) as store:
        with store.read() as conn:
            assert store.count_unclustered(conn) == 4
        assert Pipeline(store, config.Settings(analyse=False)).cluster_pending() == 4
        with store.read() as conn:
            assert store.count_unclustered(conn) == 0
            assert len({a.story_id for a in store.iter_articles(conn)}) == 1
    res = runner.invoke(app, ["--db", str(db), "recluster", "--since", "2024-01-01"])
    assert res.exit_code == 0, res.output
    assert "clustered 4 of 4 articles" in res.output
    assert "re-clustered 4 articles" in res.output


HEADLINES = [  # (id, outlet, headline, event)
    ("h1", "Wire A", "Magnitude 7.2 earthquake strikes off Tonga, tsunami warning issued", "quake"),
    ("h2", "Daily B", "Strong quake hits near Tonga; tsunami alert lifted hours later", "quake"),
    ("h3", "Herald C", "Tonga earthquake: 7.2 tremor shakes islands, residents flee to high ground", "quake"),
    ("h4", "Wire A", "Central bank raises interest rates by half a point to curb inflation", "rates"),
    ("h5", "Daily B", "Interest rates go up again as central bank fights rising prices", "rates"),
    ("h6", "Herald C", "Football club wins cup final on penalties after goalless draw", "cup"),
]


def test_headline_only_items_are_stored_and_grouped(tmp_path, store):
    """Titles alone, paraphrased by three outlets: stored as headline-only articles, the two events each
    one story, the unrelated one apart (on both backends)."""
    day = datetime(2024, 3, 2, 9, tzinfo=UTC)
    _write(tmp_path / "h.jsonl", [{"id": i, "source": outlet, "title": title, "url": f"https://example.org/{i}",
                                   "published": (day + timedelta(hours=n)).isoformat()}
                                  for n, (i, outlet, title, _) in enumerate(HEADLINES)])
    arts = _ingest(store, tmp_path / "h.jsonl")
    assert all(a.headline_only and a.text == "" for a in arts.values())
    gold = [event for *_, event in HEADLINES]
    predicted = [arts[i].story_id for i, *_ in HEADLINES]
    assert bcubed(predicted, gold)["f1"] == 1.0, predicted


def test_a_story_timeline_puts_undated_articles_last_without_a_time():
    from storywire.analyse.timeline import timeline
    from storywire.models import UNKNOWN_OUTLET, Article

    fetched = datetime(2026, 11, 30, 12, tzinfo=UTC)

    def art(i: int, source: str, published: datetime | None) -> Article:
        return Article(id=i, source=source, title=f"t{i}", text="x", content_hash=str(i), fetched=fetched,
                       published=published)

    rows = timeline([art(1, "Daily B", None), art(2, "Wire A", datetime(2019, 6, 16, 8, tzinfo=UTC)),
                     art(3, UNKNOWN_OUTLET, datetime(2019, 6, 16, 9, tzinfo=UTC))])
    assert [(r["article_id"], r["time"], r["first_for_source"]) for r in rows] == [
        (2, "2019-06-16T08:00:00+00:00", True), (3, "2019-06-16T09:00:00+00:00", False), (1, None, True)]


def test_story_page_and_river_place_in_time_only_dated_coverage(tmp_path):
    """A story of undated articles says so and draws no empty "Coverage over time" box; a dated one draws it.
    The river ranks dated stories and lists undated ones apart."""
    from fastapi.testclient import TestClient

    from storywire.models import RawItem
    from storywire.web import create_app

    text = ("Firefighters contained a wildfire that burned 400 hectares of pine forest above the village of "
            "Castelvecchio overnight, the regional fire service said, after 200 residents were evacuated.")
    items = [RawItem(origin=f"{outlet}{dated}", kind="text", title="Wildfire contained above Castelvecchio",
                     text=text, source=f"{outlet} {'Times' if dated else 'Post'}",
                     url=f"https://{outlet}{dated}.example/fire",
                     published=datetime(2023, 7, 2, 9 + i, tzinfo=UTC) if dated else None)
             for dated in (True, False) for i, outlet in enumerate(("north", "south"))]
    pages, rivers = {}, {}
    for dated, part in ((True, items[:2]), (False, items[2:])):
        path = tmp_path / f"{dated}.db"
        with closing(open_store(str(path))) as store:
            Pipeline(store, config.Settings(db=str(path))).ingest(part)
            with store.read() as conn:
                story_ids = {a.story_id for a in store.iter_articles(conn)}
            assert len(story_ids) == 1
            with TestClient(create_app(config.Settings(anonymous_read=True), store)) as client:
                pages[dated] = client.get(f"/story/{story_ids.pop()}").text
            rivers[dated] = client.get("/").text
    assert "Coverage over time" in pages[True] and "<svg" in pages[True]
    assert "undated" in pages[False] and "Coverage over time" not in pages[False]
    # the river ranks the dated story; the undated one is listed apart, never as "No stories yet"
    assert "Wildfire contained" in rivers[True] and "Undated stories" not in rivers[True]
    assert "Undated stories" in rivers[False] and "Wildfire contained" in rivers[False]
    assert "No stories yet" not in rivers[False]


def test_an_archive_says_which_week_its_top_stories_are_from(tmp_path):
    """A store holding only old news ranks the week up to its newest news, and the CLI and the river say so
    (with how to reach older stories): a reader of an archive is not left wondering why so few stories show."""
    from fastapi.testclient import TestClient

    from storywire.web import create_app

    path = tmp_path / "archive.jsonl"
    rows = [_quake(i, datetime(2021, 3, 4, 8, tzinfo=UTC) + timedelta(hours=i), "6.9", "Raoul Island", 10, o)
            for i, o in enumerate(("Pacific Wire", "Island Times"))]
    rows += [{"id": f"b{i}", "source": o, "title": "Budget 2019 presented", "published": f"2019-05-0{i + 1}T09:00:00Z",
              "text": BUDGET.format(year=2019, pct=3)} for i, o in enumerate(("Capital News", "Ledger"))]
    rows.append({"id": "f", "source": "Harbour Ledger", "title": "Ferry timetable changes for the winter",
                 "published": "2021-03-04T10:00:00Z", "text": "The island ferry will sail twice a day from "
                 "Monday instead of three times, the operator said, citing fewer passengers in winter."})
    _write(path, rows)
    db = str(tmp_path / "a.db")
    runner = CliRunner()
    assert runner.invoke(app, ["--db", db, "ingest", str(path)]).exit_code == 0
    listed = runner.invoke(app, ["--db", db, "stories"], terminal_width=200)
    assert listed.exit_code == 0, listed.output
    assert "Kermadec" in listed.output and "Budget" not in listed.output
    assert "top stories of the 7 days to 2021-03-04, its newest news" in listed.output
    assert "storywire stories --since 2021-01-26" in listed.output
    older = runner.invoke(app, ["--db", db, "stories", "--since", "2019-01-01"], terminal_width=200)
    assert "Budget" in older.output and "newest news" not in older.output
    # ranked as of the newest news, not as of today (when every score had decayed to 0, leaving the order to
    # ids): the quake two outlets report goes before the later ferry story of one
    assert older.output.index("Kermadec") < older.output.index("Ferry")
    # a briefing of today has nothing from an archive, and says how to brief its newest news
    today = runner.invoke(app, ["--db", db, "brief"], terminal_width=200)
    assert "No new stories" in today.output, today.output
    assert "The store's newest news is from 2021-03-04; its briefing: storywire brief --until 2021-03-05" \
        in today.output
    then = runner.invoke(app, ["--db", db, "brief", "--until", "2021-03-05"], terminal_width=200)
    assert "Kermadec" in then.output and "No new stories" not in then.output
    with closing(open_store(db)) as store, TestClient(create_app(config.Settings(anonymous_read=True), store)) as c:
        river = " ".join(c.get("/").text.split())
        # an earlier period, as a reader of the archive steps back to it
        budget_week = " ".join(c.get("/?until=2019-05-05").text.split())
        api = c.get("/api/v1/stories", params={"until": "2019-05-05"}).json()
        bad = c.get("/?until=2019-02-30")
        edges = [c.get("/", params={"until": d}).status_code for d in ("0001-01-01", "9999-12-30", "1900-01-01")]
    assert "top stories of the 7 days to Mar 4, 2021, the newest news in the store" in river
    assert "Kermadec" in river and "Budget" not in river
    assert 'href="/?until=2021-02-25">← The 7 days to Feb 25, 2021' in river
    assert "Budget 2019 presented" in budget_week and "Kermadec" not in budget_week
    assert "The top stories of the 7 days to May 5, 2019" in budget_week
    assert 'href="/?until=2019-05-12">The 7 days to May 12, 2019 →' in budget_week
    assert [s["title"] for s in api["items"]] == ["Budget 2019 presented"]
    assert bad.status_code == 400 and "use a date like" in bad.text
    assert edges == [400, 400, 200]


def test_storywire_stories_lists_undated_stories_after_the_ranked_ones(tmp_path):
    """Page dumps without a date (as in ../shared/samples) make a story that is never ranked: `storywire stories`
    lists it after the top stories, marked undated, as the web river does, instead of an empty table."""
    fire = ("Firefighters contained a wildfire that burned 400 hectares of pine forest above the village of "
            "Castelvecchio overnight, the regional fire service said, after 200 residents were evacuated.")
    rows = [{"id": f"u{i}", "source": outlet, "url": f"https://{outlet.split()[0].lower()}.example/fire",
             "title": "Wildfire contained above Castelvecchio", "text": fire} for i, outlet in
            enumerate(("North Post", "South Post"))]
    _write(tmp_path / "undated.jsonl", rows)
    db = str(tmp_path / "s.db")
    assert runner.invoke(app, ["--db", db, "ingest", str(tmp_path / "undated.jsonl")]).exit_code == 0
    listed = runner.invoke(app, ["--db", db, "stories"])
    assert listed.exit_code == 0, listed.output
    row = next(line.split() for line in listed.output.splitlines() if "Castelvecchio" in line)
    assert row[1:4] == ["2", "2", "undated"]  # two outlets, two articles, no time

    dated = {**rows[0], "id": "d1", "published": "2024-05-02T10:00:00Z", "title": "Budget passes in Valmora",
             "url": "https://north.example/budget", "text": BUDGET.format(year=2024, pct=3)}
    _write(tmp_path / "dated.jsonl", [dated])
    assert runner.invoke(app, ["--db", db, "ingest", str(tmp_path / "dated.jsonl")]).exit_code == 0
    titles = [line for line in runner.invoke(app, ["--db", db, "stories"]).output.splitlines()
              if "Budget" in line or "Castelvecchio" in line]
    assert "Budget" in titles[0] and "undated" in titles[1]  # ranked first, the undated one after it
    limited = runner.invoke(app, ["--db", db, "stories", "--limit", "1"]).output
    assert "Budget" in limited and "Castelvecchio" not in limited


def test_an_outlets_latest_article_is_its_newest_dated_one_never_a_fetch_time(tmp_path):
    """The Sources page and the API give an outlet's latest article by the articles' own time: an archive's outlet
    is not "latest 2 min ago" because it was ingested then, and an outlet of undated articles shows no time."""
    from fastapi.testclient import TestClient

    from storywire.web import create_app

    rows = [{"id": "old", "source": "Archive Gazette", "url": "https://gazette.example/budget",
             "published": "2022-02-04T10:00:00Z", "title": "Budget passes", "text": BUDGET.format(year=2022, pct=3)},
            {"id": "dump", "source": "Undated Courier", "url": "https://courier.example/fire",
             "title": "Wildfire contained", "text": QUAKE.format(m="6.1", day="Monday", depth=10, place="Tonga")}]
    _write(tmp_path / "a.jsonl", rows)
    path = tmp_path / "s.db"
    with closing(open_store(str(path))) as store:
        Pipeline(store, config.Settings(db=str(path), analyse=False)).ingest(read_paths([tmp_path / "a.jsonl"]))
        with TestClient(create_app(config.Settings(anonymous_read=True), store)) as client:
            page = client.get("/sources").text
            outlets = {o["name"]: o for o in client.get("/api/v1/sources").json()["outlets"]}
    gazette = page[page.index("Archive Gazette"):page.index("</div>", page.index("Archive Gazette"))]
    assert 'title="2022-02-04 10:00 UTC"' in gazette and "min ago" not in gazette
    courier = page[page.index("Undated Courier"):page.index("</div>", page.index("Undated Courier"))]
    assert "latest" not in courier
    assert outlets["Archive Gazette"]["last_article"].startswith("2022-02-04T10:00")
    assert outlets["Undated Courier"]["last_article"] is None
