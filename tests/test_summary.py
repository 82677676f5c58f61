"""Summaries that stand alone: no dangling openers, no bare quotes, no repeated facts, tidy spacing, and
outlets' disagreements on a number shown as such."""
from __future__ import annotations

import json
import re
from collections import defaultdict
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storywire.analyse import analyse_story
from storywire.analyse.summarise import (
    Need,
    Spacing,
    StoryNames,
    SummaryCandidate,
    introduced,
    opens_on_reference,
    refers_back,
    stands_alone,
    story_names,
    summarise,
    summary_candidates,
    tidy,
    undated,
    unintroduced,
)
from storywire.analyse.text import norm_tokens
from storywire.models import Article

T0 = datetime(2024, 3, 2, 9, 0, tzinfo=UTC)


def art(aid: int, source: str, text: str, minutes: int = 0, url: str | None = None) -> Article:
    t = T0 + timedelta(minutes=minutes)
    return Article(id=aid, source=source, title=f"{source} report", text=text, content_hash=f"h{aid}", fetched=t,
                   published=t, url=url)


def sentences(d: dict) -> list[str]:
    return [s["text"] for s in d["summary"] if s.get("kind", "sentence") == "sentence"]


def conflicts(d: dict) -> list[dict]:
    return [s for s in d["summary"] if s["kind"] == "conflict"]


def conflict_values(d: dict) -> list[set[tuple[str, tuple[int, ...]]]]:
    """Each conflict item's values with the articles giving them, in summary order."""
    return [{(v["value"], tuple(v["article_ids"])) for v in c["values"]} for c in conflicts(d)]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def assert_verbatim(d: dict, articles: list[Article]) -> None:
    """Each sentence item is verbatim, apart from whitespace, in every article it links."""
    texts = {a.id: squeeze(a.text) for a in articles}
    for s in d["summary"]:
        if s["kind"] == "sentence":
            assert s["article_ids"] and all(squeeze(s["text"]) in texts[i] for i in s["article_ids"]), s["text"]


BOXING = [
    art(1, "Ring Daily", "Natasha Raye stopped Carla Mendes in the ninth round in Cardiff on Saturday night.\n\n"
        "He said afterwards that the champion had been the best fighter he had ever trained in forty years.\n\n"
        "Raye will now face the winner of the bout between Okafor and Lindqvist in Las Vegas next spring."),
    art(2, "Fight Wire", "Natasha Raye stopped Carla Mendes in the ninth round in Cardiff on Saturday night.\n\n"
        "He said afterwards that the champion had been the best fighter he had ever trained in forty years.\n\n"
        "A crowd of 9,000 watched at the Motorpoint Arena as the Welsh fighter kept her three belts.", 3),
    art(3, "Sports Desk", "Raye stopped Mendes in round nine in Cardiff to keep her three world title belts.\n\n"
        "He said afterwards that the champion had been the best fighter he had ever trained in forty years.", 6),
]


def test_sentence_opening_with_he_is_replaced_or_kept_with_its_lead_in():
    d = analyse_story(1, BOXING, nlp=False)
    he = "He said afterwards that the champion had been the best fighter he had ever trained in forty years."
    for text in sentences(d):
        assert not text.startswith("He "), text
        if he in text:  # kept only with the sentence before it, as one item
            assert text.startswith("Natasha Raye stopped Carla Mendes") or text.startswith("Raye stopped Mendes")
    assert sentences(d)
    assert_verbatim(d, BOXING)


def test_an_item_links_only_the_articles_holding_its_words():
    """Outlets carrying one sentence in slightly other words: the item is the wording most of them print, and it
    links those; the one whose sentence lacks a detail ("hold a leaders summit") is not linked as holding it."""
    said = ("Emmanuel Macron hopes to get a commitment from Vladimir Putin to continue the talks, hold a "
            "leaders summit and dial down tensions on the border.")
    other = said.replace("hold a leaders summit and ", "")
    rest = "Officials in Kyiv said they would wait for the outcome of the Moscow meeting before saying anything more."
    arts = [art(1, "Globe", f"{said}\n\n{rest}"), art(2, "Wire", f"{other}\n\n{rest}", 1),
            art(3, "Post", f"{said}\n\n{rest}", 2)]
    d = analyse_story(9, arts, summary_sentences=2, nlp=False)
    item = next(s for s in d["summary"] if "commitment" in s["text"])
    assert (item["text"], item["article_ids"]) == (said, [1, 3])
    assert_verbatim(d, arts)


def test_lead_in_pair_is_one_item_from_its_article():
    lead = "Promoter Dai Evans confirmed the rematch."  # too short to stand as an item on its own
    he = "He said it will be held in Swansea in June, with tickets on sale at the end of this month."
    a = art(1, "Ring Daily", f"{lead}\n\n{he}\n\nRaye has not lost a fight since turning professional in 2019.")
    b = art(2, "Fight Wire", f"{lead} {he}", 2)
    d = analyse_story(2, [a, b], summary_sentences=3, nlp=False)
    paired = [s for s in d["summary"] if he in s["text"]]
    assert [(s["text"], s["article_ids"]) for s in paired] == [(f"{lead} {he}", [1, 2])]
    assert_verbatim(d, [a, b])


def test_bare_quote_is_skipped_and_attributed_quote_kept():
    a = art(1, "Ring Daily",
            "Natasha Raye kept her three world title belts with a ninth-round stoppage in Cardiff on Saturday.\n\n"
            "\u201cI'm holding out for the big one for Raye. I want the undisputed fight next,\u201d he said.\n\n"
            "\u201cRaye is the best fighter I have trained in forty years,\u201d said her coach Dai Evans.")
    b = art(2, "Fight Wire",
            "Natasha Raye kept her three world title belts with a ninth-round stoppage in Cardiff on Saturday.\n\n"
            "\u201cI'm holding out for the big one for Raye. I want the undisputed fight next,\u201d he said.", 2)
    d = analyse_story(3, [a, b], nlp=False)
    texts = sentences(d)
    assert not any("holding out for the big one" in t for t in texts)
    assert not any(t.startswith("I want the undisputed") for t in texts)
    assert any("said her coach Dai Evans" in t for t in texts)
    assert_verbatim(d, [a, b])


def test_sentence_cut_out_of_a_longer_quote_is_skipped():
    para = ("\u201cWe have tried everything else with Moscow for a year now. In a way we\u2019re calling their "
            "bluff,\u201d said a senior French official on Friday. \u201cBut whether we can get anything out of the "
            "talks, nobody can predict at this stage. What it does is buy time and reduce the tensions.\u201d")
    a = art(1, "Paris Daily", "President Macron will travel to Moscow on Monday for talks with Vladimir Putin on "
            f"Ukraine.\n\n{para}")
    b = art(2, "Euro Wire", "President Macron will travel to Moscow on Monday for talks with Vladimir Putin on "
            f"Ukraine.\n\n{para}", 3)
    texts = sentences(analyse_story(10, [a, b], summary_sentences=5, nlp=False))
    assert texts and not [t for t in texts if "calling their bluff" in t or "nobody can predict" in t], texts


def test_the_26_year_old_opener_is_skipped():
    a = art(1, "Ring Daily", "Natasha Raye kept her three world title belts with a ninth-round stoppage of Mendes.\n\n"
            "The 26-year-old has not lost a fight since turning professional in Cardiff in the spring of 2019.\n\n"
            "The bout drew a crowd of several thousand to the Motorpoint Arena in the Welsh capital city.")
    b = art(2, "Fight Wire",
            "The 26-year-old has not lost a fight since turning professional in Cardiff in the spring of 2019.", 1)
    d = analyse_story(4, [a, b], nlp=False)
    assert not any(t.startswith("The 26-year-old") for t in sentences(d))
    assert any(t.startswith("Natasha Raye kept") for t in sentences(d))


@pytest.mark.parametrize(("text", "leans_back"), [
    ("After rising in polls for three years, the share who see him unfavourably, 49%, has not changed since "
     "January.", True),
    ("If he once ruled as a mighty lion of the Senate, he leaves as something more like a toothless tiger.", True),
    ("There is more, but that gives you an idea of the assertive and appropriately aggressive tone.", True),
    ("McConnell, on the other hand, is calling it quits after 17 years as the Senate Republican leader.", True),
    ("DeGeneres however, has a history of well-received hosting gigs at the Emmys and the Grammys.", True),
    ("Actually, Billie Eilish has the chance to bag both a Brit and an Oscar next week with her Barbie song.", True),
    ("In fact, the bank had been warned twice about the building's wiring by inspectors last year.", True),
    ("Klitschko followed this with a right hand and a short crisp combination in the fifth round.", True),
    ("As she seeks a third and final term as county supervisor, Kathryn Barger is touting her endorsements.", False),
    ("Biden could have reached millions of viewers at the Super Bowl but he chose a late-night show.", False),
    ("Police said they had arrested three men in connection with the attack in Leeds on Tuesday.", False),
    ("Smith said his lawyer would appeal against the ruling of the High Court in London.", False),
    ("Raye and Mendes will meet again this year in a rematch in Las Vegas, promoters confirmed.", False),
    # round 18, even story ids of the as-user store
    ("Now some are suggesting that THIS might finally be the straw that breaks the scheme's back.", True),
    ("A major part of that is its plan to sell off the airline's core short-haul aviation business.", True),
    ("No, she was not going to allow anyone or anything to diminish the joy she felt on stage.", True),
    ("Not exactly the wild and crazy comedy type that has been hosting the Oscars for 20 years.", True),
    ("Not since 1990 has the team won the title at home in front of its own supporters.", False),
    ("Officials said that the bridge will reopen on Monday after repairs to its deck are finished.", False),
])
def test_a_sentence_leaning_on_something_not_said_is_no_item(text, leans_back):
    assert refers_back(text) is leans_back


def test_a_dangling_pronoun_in_the_best_sentence_gives_way_to_one_that_names_its_person():
    dangling = ("After a long silence on the bout, the promoter who signed him said the rematch is set for June in "
                "Cardiff.")
    named = "Natasha Raye will fight Carla Mendes again in Cardiff in June, her promoter Dai Evans said on Monday."
    a = art(1, "Ring Daily", f"{dangling}\n\nTickets go on sale on Friday at the Motorpoint Arena box office.")
    b = art(2, "Fight Wire", f"{dangling}\n\n{named}", 2)
    c = art(3, "Sports Desk", f"{dangling}", 4)
    texts = sentences(analyse_story(11, [a, b, c], nlp=False))
    assert dangling not in texts and named in texts, texts


def test_paraphrased_duplicates_give_one_item():
    a = art(1, "Quake News",
            "A magnitude 6.1 earthquake struck the coast of northern Chile early on Monday morning.\n\n"
            "Wildfires forced about 3,000 residents to flee their homes near the town of Kalamata on Sunday.\n\n"
            "Rescue teams searched collapsed houses in the port town of Iquique throughout the day.")
    b = art(2, "Pacific Wire", "An earthquake of magnitude 6.1 hit northern Chile's coast on Monday morning.\n\n"
            "Some 3,000 people were evacuated from their homes around Kalamata on Sunday as the wildfires spread.\n\n"
            "Schools in the region will stay closed until engineers have inspected every building.", 2)
    c = art(3, "Andes Post", "Early on Monday, a 6.1-magnitude quake struck off the northern coast of Chile.\n\n"
            "The national emergency office said power had been restored to most homes by the evening.", 4)
    d = analyse_story(5, [a, b, c], summary_sentences=5, nlp=False)
    texts = sentences(d)
    assert len([t for t in texts if "6.1" in t]) == 1, texts
    assert len([t for t in texts if "3,000" in t]) == 1, texts
    assert len(texts) >= 3


def test_spacing_is_normalised_and_still_verbatim():
    a = art(1, "Ring Daily", "Raye meets Mendes in Cardiff (2 March)at the Motorpoint Arena  , with three belts at "
            "stake.\n\nTickets for the bout  in Cardiff sold out within an hour of going on sale last month.")
    d = analyse_story(6, [a], summary_sentences=3, nlp=False)
    texts = sentences(d)
    assert "Raye meets Mendes in Cardiff (2 March) at the Motorpoint Arena, with three belts at stake." in texts
    assert "Tickets for the bout in Cardiff sold out within an hour of going on sale last month." in texts
    assert_verbatim(d, [a])


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab1 ,.;:!?()[]\u201c\u201d\"'\n\t-")), max_size=60))
def test_tidy_only_moves_whitespace(text):
    tidied = tidy(text)
    assert squeeze(tidied) == squeeze(text)
    assert "  " not in tidied and tidied == tidied.strip() and tidy(tidied) == tidied


def test_conflicting_records_are_shown_as_such():
    a = art(1, "Ring Daily", "Natasha Raye (52-3) kept her three world title belts with a stoppage of Carla Mendes "
            "in Cardiff.\n\nMendes had never been stopped before in a professional career of twelve years.")
    b = art(2, "Fight Wire", "The Welsh champion Natasha Raye (58-3) beat Carla Mendes in the ninth round in "
            "Cardiff on Saturday.\n\nA crowd of several thousand watched the bout at the Motorpoint Arena.", 2)
    d = analyse_story(7, [a, b], nlp=False)
    assert conflict_values(d) == [{("52-3", (1,)), ("58-3", (2,))}]
    (c,) = conflicts(d)
    assert c["text"].startswith("outlets differ:") and c["article_ids"] == [1, 2]
    # the two records are not both stated silently
    assert len([t for t in sentences(d) if "52-3" in t or "58-3" in t]) == 1
    json.dumps(d)


def test_a_conflict_lists_every_outlet_giving_a_value_even_in_a_sentence_about_something_else():
    """Outlet 3 gives Raye's record 52-3 only in a sentence giving Mendes's record too, which the same-thing test
    leaves aside: it still sides with outlet 1 (a reader audit found "52-3" listed for three of the six articles
    giving it)."""
    a = art(1, "Ring Daily", "Natasha Raye (52-3) kept her three world title belts with a stoppage of Carla Mendes "
            "in Cardiff.\n\nMendes had never been stopped before in a professional career of twelve years.")
    b = art(2, "Fight Wire", "The Welsh champion Natasha Raye (58-3) beat Carla Mendes in the ninth round in "
            "Cardiff on Saturday.\n\nA crowd of several thousand watched the bout at the Motorpoint Arena.", 2)
    c = art(3, "Boxing Post", "Promoters are already talking about a rematch in the summer at a bigger venue in "
            "London.\n\nNatasha Raye (52-3, 40 KOs) blasted a tired Carla Mendes (30-2-1, 12 KOs) in the ninth round.",
            3)
    d = analyse_story(17, [a, b, c], nlp=False)
    assert {("52-3", (1, 3)), ("58-3", (2,))} in conflict_values(d), d["summary"]


def test_agreeing_or_related_numbers_are_no_conflict():
    a = art(1, "Quake News", "The death toll from the earthquake in northern Chile rose to 12 people on Tuesday.\n\n"
            "Rescue teams searched collapsed houses in the port town of Iquique throughout the day.")
    b = art(2, "Pacific Wire", "The earthquake in northern Chile killed 12 people, the national emergency office "
            "said on Tuesday.\n\nOfficials said the toll rose from 9 people to 12 people overnight in the north.", 2)
    d = analyse_story(8, [a, b], nlp=False)
    assert not conflicts(d)


def test_every_summary_sentence_is_verbatim_in_its_sources(shared):
    path = shared / "data" / "stories" / "ecbplus-dev.jsonl"
    if not path.exists():
        pytest.skip("no ECB+ dev set")
    stories: dict[str, list[dict]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        stories[doc["story"]].append(doc)
    for n, (_, docs) in enumerate(sorted(stories.items())):
        articles = [art(i + 1, f"outlet {i}", f"{doc['title']} {doc['text']}".strip(), i) for i, doc in enumerate(docs)]
        d = analyse_story(n, articles, nlp=False)
        assert sentences(d)
        assert_verbatim(d, articles)
        for c in conflicts(d):
            for v in c["values"]:
                assert all(squeeze(v["value"]) in squeeze(articles[i - 1].text) for i in v["article_ids"])


def test_one_disagreement_is_shown_once(shared, tmp_path):
    """ECB+ dev topic 20 (an Iranian quake), ingested as a user would: the outlets give the magnitude as 5.9 or
    6.1 in two of the chosen sentences; the summary says so once, with every article giving each value."""
    from storywire.store import open_store

    path = shared / "data" / "stories" / "ecbplus-dev.jsonl"
    if not path.exists():
        pytest.skip("no ECB+ dev set")
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    feed = tmp_path / "quake.jsonl"
    feed.write_text("".join(json.dumps({"id": d["id"], "title": d["title"], "text": d["text"],
                                        "source": f"outlet{n}", "published": "2019-04-25T12:00:00Z",
                                        "url": f"https://ecbplus.example/{d['id']}"}) + "\n"
                            for n, d in enumerate(d for d in docs if d["story"] == "20ecbplus")), encoding="utf-8")
    from typer.testing import CliRunner

    from storywire.cli import app

    assert CliRunner().invoke(app, ["--db", str(tmp_path / "s.db"), "ingest", str(feed)]).exit_code == 0
    store = open_store(str(tmp_path / "s.db"))
    try:
        with store.read() as conn:
            story = max(store.list_stories(conn), key=lambda s: s.source_count)
            analysis = store.get_analysis(conn, story.id)
    finally:
        store.close()
    values = [frozenset(v["value"] for v in c["values"]) for c in conflicts(analysis)]
    assert frozenset({"5.9", "6.1"}) in values
    assert len(values) == len(set(values)), conflicts(analysis)
    (magnitude,) = [c for c in conflicts(analysis) if {v["value"] for v in c["values"]} == {"5.9", "6.1"}]
    assert all(len(v["article_ids"]) >= 2 for v in magnitude["values"])
    assert magnitude["article_ids"] == sorted({a for v in magnitude["values"] for a in v["article_ids"]})


def test_two_disagreements_with_the_same_numbers_stay_two():
    """Outlets differ on the dead (3 or 4) and, the other way round, on the children rescued (4 or 3): two items,
    each value under the articles that write it."""
    def candidate(text: str, ids: list[int], at: float) -> SummaryCandidate:
        return SummaryCandidate(text, norm_tokens(text), ids, len(ids), {i: at for i in ids})

    summary, _ = summarise([
        candidate("A tornado killed 3 people in Moore, Oklahoma, on Monday evening, the county sheriff said.",
                  [1, 2], 0.0),
        candidate("A tornado killed 4 people in Moore, Oklahoma, on Monday evening, the county sheriff said.",
                  [3, 4], 0.0),
        candidate("Rescue crews pulled 4 children alive from the rubble of Plaza Towers Elementary overnight.",
                  [1, 2], 0.4),
        candidate("Rescue crews pulled 3 children alive from the rubble of Plaza Towers Elementary overnight.",
                  [3, 4], 0.4),
        candidate("Governor Mary Fallin declared a state of emergency and sent the National Guard.", [1, 3], 0.7),
    ], n_sentences=4)
    found = [{(v["value"], tuple(v["article_ids"])) for v in c["values"]} for c in summary if c["kind"] == "conflict"]
    assert {("3", (1, 2)), ("4", (3, 4))} in found and {("4", (1, 2)), ("3", (3, 4))} in found


RAYE = [
    {"id": "ring-1", "url": "https://ring.example/raye", "source": "Ring Daily", "published": "2024-03-02T21:00:00Z",
     "title": "Raye keeps her belts with ninth-round stoppage",
     "text": "Natasha Raye (52-3) kept her three world title belts with a stoppage of Carla Mendes in Cardiff on "
             "Saturday night.\n\nMendes had never been stopped before in a professional career of twelve years, and "
             "her corner threw in the towel after a barrage of body shots."},
    {"id": "wire-1", "url": "https://wire.example/raye", "source": "Fight Wire", "published": "2024-03-02T21:30:00Z",
     "title": "Raye stops Mendes in Cardiff",
     "text": "The Welsh champion Natasha Raye (58-3) beat Carla Mendes in the ninth round in Cardiff on Saturday "
             "night.\n\nMendes had never been stopped before in a professional career of twelve years, and her corner "
             "threw in the towel after a barrage of body shots."},
]


def test_conflict_is_shown_by_the_cli_the_story_page_and_the_api(tmp_path):
    from fastapi.testclient import TestClient
    from typer.testing import CliRunner

    from storywire.cli import app
    from storywire.config import Settings
    from storywire.store import open_store
    from storywire.web import create_app

    db = tmp_path / "s.db"
    feed = tmp_path / "raye.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in RAYE), encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["--db", str(db), "ingest", str(feed)]).exit_code == 0
    store = open_store(str(db))
    try:
        with store.read() as conn:
            (story,) = [s for s in store.list_stories(conn) if s.source_count == 2]
            analysis = store.get_analysis(conn, story.id)
        (conflict,) = conflicts(analysis)
        numbers = {a["id"]: n for n, a in enumerate(analysis["articles"], 1)}
        by_value = {v["value"]: numbers[v["article_ids"][0]] for v in conflict["values"]}

        out = runner.invoke(app, ["--db", str(db), "story", str(story.id)], env={"COLUMNS": "200"}).output
        assert f"\u2022 Outlets differ: 52-3 [{by_value['52-3']}], 58-3 [{by_value['58-3']}]" in out

        with TestClient(create_app(Settings(anonymous_read=True), store)) as client:
            page = client.get(f"/story/{story.id}").text
            item = re.search(r'<li class="conflict">(.*?)</li>', page, re.S)
            assert item and re.sub(r"<[^>]+>", "", item.group(1)).split() == [
                "Outlets", "differ:", "52-3", f"[{by_value['52-3']}],", "58-3", f"[{by_value['58-3']}]"]
            api = client.get(f"/api/v1/stories/{story.id}").json()
            assert conflicts(api) == [conflict]
    finally:
        store.close()


def test_briefing_carries_the_conflict_after_its_sentence():
    from storywire.brief import render
    from storywire.brief.build import summary_conflicts, summary_sentences
    from storywire.brief.model import Briefing, Item, Section

    arts = [art(1, "Ring Daily", RAYE[0]["text"], url=RAYE[0]["url"]),
            art(2, "Fight Wire", RAYE[1]["text"], 30, url=RAYE[1]["url"])]
    d = analyse_story(9, arts, nlp=False)
    by_id = {a.id: a for a in arts}
    shown = summary_sentences(d, by_id, frozenset())
    conflicts = summary_conflicts(d, shown, by_id, frozenset())
    assert [[(v.value, [s.source for s in v.sources]) for v in c.values] for c in conflicts] == [
        [("52-3", ["Ring Daily"]), ("58-3", ["Fight Wire"])]]
    assert summary_conflicts(d, shown, by_id, frozenset({"fight wire"})) == ()  # one outlet left: no disagreement
    assert summary_conflicts(d, (), by_id, frozenset()) == ()  # its sentence not shown: nor is the conflict
    item = Item(story_id=9, title="Raye keeps her belts", section="sport", score=1.0,
                outlets=("Fight Wire", "Ring Daily"), reprint_outlets=(), article_ids=(1, 2), sentences=shown,
                conflicts=conflicts)
    b = Briefing(title="Evening briefing", created=T0, period_start=T0, period_end=T0, timezone="UTC",
                 sections=(Section("sport", (item,)),))
    md = render(b, "markdown")
    assert ("- Outlets differ: 52-3 ([Ring Daily](https://ring.example/raye)), "
            "58-3 ([Fight Wire](https://wire.example/raye))") in md
    assert md.index("Outlets differ") > md.index(shown[0].text)
    assert Briefing.from_dict(json.loads(render(b, "json"))) == b


QUAKE_TOLLS = [
    art(1, "Quake News", "At least 12 people were killed when a magnitude 6.1 earthquake struck northern Chile on "
        "Monday, officials said.\n\nRescue teams searched collapsed houses in the port town of Iquique throughout "
        "the day.\n\nHospitals in Iquique treated at least 40 people injured in the quake, the health ministry said."),
    art(2, "Pacific Wire", "A powerful earthquake in northern Chile on Monday killed 15 people and injured dozens, the "
        "national emergency office said.\n\nPower was restored to most homes in the region by the evening.", 2),
    art(3, "Andes Post", "The death toll from Monday's earthquake in northern Chile has risen to 15, according to the "
        "emergency office.\n\nSchools in the region will stay closed until engineers have inspected every building.",
        4),
]


def test_a_toll_given_differently_in_other_words_is_a_conflict_and_the_injured_are_another_count():
    d = analyse_story(9, QUAKE_TOLLS, summary_sentences=5, nlp=False)
    assert conflict_values(d) == [  # a toll's hedge is shown, not read as a range: two counts, 12 and 15
        {("At least 12", (1,)), ("15", (2, 3))}]
    texts = sentences(d)
    assert len([t for t in texts if re.search(r"\b1[25]\b", t)]) == 1, texts  # one toll stated, the other flagged
    assert any("40 people injured" in t for t in texts), texts  # not a paraphrase of the toll, nor a conflict
    assert_verbatim(d, QUAKE_TOLLS)


def test_a_score_given_differently_is_a_conflict_a_score_of_another_match_is_not():
    a = art(1, "Match Report", "Arsenal beat Chelsea 3-1 at the Emirates Stadium on Saturday to go top of the Premier "
            "League table.\n\nBukayo Saka scored twice in the second half as the home side pulled clear.")
    b = art(2, "Football Wire", "Arsenal moved top of the Premier League after a 2-1 win over Chelsea at the Emirates "
            "on Saturday.\n\nSaka scored the winner ten minutes from time after a tense second half.", 2)
    c = art(3, "Gunners Daily", "Arsenal lost 2-0 to Liverpool at Anfield in midweek before the visit of Chelsea to "
            "the Emirates.\n\nThe Premier League leaders had won their previous six games in all competitions.", 3)
    d = analyse_story(10, [a, b], nlp=False)
    assert conflict_values(d) == [{("3-1", (1,)), ("2-1", (2,))}]
    d = analyse_story(11, [a, c], summary_sentences=4, nlp=False)
    assert not conflicts(d), d["summary"]


def test_counts_of_different_things_in_one_story_are_no_conflict():
    a = art(1, "Fire News", "The Smokehouse Creek fire in the Texas Panhandle has burned 1.1 million acres and "
            "destroyed 500 structures, the forest service said.\n\nTwo people have died in the fires since Monday.")
    b = art(2, "Plains Wire", "The Windy Deuce fire in the Texas Panhandle has burned 142,000 acres and is 60 per cent "
            "contained, the forest service said.\n\nMore than 40,000 people were without power on Saturday.", 2)
    d = analyse_story(12, [a, b], summary_sentences=4, nlp=False)
    assert not conflicts(d), d["summary"]


def test_shares_of_different_things_are_no_conflict_though_a_title_word_stands_before_one():
    """"President Barack Obama secured 90 percent of the vote" and "an unfavorable view of the president, up from
    just 7%" measure different things: a name's title measures nothing (a reader audit found "outlets differ: 90, 7"
    in a story of two polls)."""
    a = art(1, "The Nation", "Michigan voters sent the president a warning in Tuesday's primary over his policy on "
            "the war in Gaza.\n\nThe last time an incumbent Democratic president ran in a Michigan presidential "
            "primary, 20,833 Democrats voted \u201cUncommitted.\u201d\n\nThat was in 2012, when President Barack "
            "Obama secured 90 percent of the vote in a low-turnout primary. Obama went on to carry the battleground "
            "state with relative ease in November.\n\nMore than 100,000 voters checked the uncommitted box this "
            "year, five times as many as did so in 2012.")
    b = art(2, "Coast Times", "A new poll shows the president leading his rival by 18 points in California, a lead "
            "that shrinks when minor candidates are included in the question.\n\nAmong Democrats, 26% now have an "
            "unfavorable view of the president, up from just 7% when he took office.\n\nThe poll of 8,000 likely "
            "voters was taken in late February by the Berkeley institute.", 2)
    d = analyse_story(16, [a, b], summary_sentences=5, nlp=False)
    assert any("90 percent" in t for t in sentences(d)), d["summary"]
    assert not conflicts(d), d["summary"]


def test_shares_given_differently_are_a_conflict_whatever_the_percent_sign():
    """Turnout as "almost 90 %", "93.87 percent" or "90 per cent" is one share; a legal threshold every figure
    meets ("more than 50 per cent") takes no side, and rounding is no disagreement ("94 percent" / "93.87%")."""
    a = art(1, "Steppe Times", "The Central Election Commission said that turnout was almost 90 %.\n\nVoters chose "
            "among 288 candidates for the 125 seats of the new parliament in Ashgabat on Sunday.")
    b = art(2, "Caspian Wire", "Authorities said turnout reached 93.87 percent in the parliamentary election on "
            "Sunday.\n\nThe vote is valid only with a turnout of more than 50 per cent of registered voters.", 2)
    d = analyse_story(14, [a, b], summary_sentences=4, nlp=False)
    assert conflict_values(d) == [{("almost 90", (1,)), ("93.87", (2,))}], d["summary"]
    c = art(3, "Desert Post", "Officials said turnout reached 94 percent in Sunday's parliamentary election, the "
            "first since the death of the president.", 4)
    d = analyse_story(15, [b, c], summary_sentences=4, nlp=False)
    assert not conflicts(d), d["summary"]


_WORDS = st.sampled_from(["quake", "toll", "rose", "the", "of", "a", "rescuers", "x", "town", "said", "12", "night",
                          "aftershock", "it", "hit", "coast", "we"])


@given(st.lists(st.lists(_WORDS, max_size=12), min_size=1, max_size=8))
@settings(max_examples=200, deadline=None)
def test_summary_vectors_are_scikit_learns_to_the_bit(docs):
    """The summary's TF-IDF sentence vectors are scikit-learn's (sublinear tf, smoothed idf, unit rows), to the
    bit: the same similarities, so the same summaries, without importing scikit-learn."""
    import numpy as np
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

    from storywire.analyse.summarise import _vectorise

    vec = TfidfVectorizer(analyzer=lambda toks: [t for t in toks if t not in ENGLISH_STOP_WORDS and len(t) > 1],
                          sublinear_tf=True, norm="l2")
    try:
        expected = vec.fit_transform(docs)
    except ValueError:  # no term at all
        with pytest.raises(ValueError):
            _vectorise(docs)
        return
    got = _vectorise(docs)
    assert np.array_equal((got @ got.T).toarray(), (expected @ expected.T).toarray())
    assert np.array_equal(got.toarray(), expected.toarray())


def test_analysing_a_story_does_not_import_scikit_learn():
    import subprocess
    import sys

    probe = ("import sys; from datetime import datetime, UTC; from storywire.analyse import analyse_story; "
             "from storywire.models import Article; t = datetime(2024, 3, 2, tzinfo=UTC); "
             "arts = [Article(id=i, source=f'S{i}', title='Quake hits coast', text='A strong quake hit the coast "
             "town on Monday night, officials said. Rescuers searched the rubble for survivors.', "
             "content_hash=f'h{i}', fetched=t, published=t) for i in (1, 2)]; "
             "d = analyse_story(1, arts, nlp=False); print(bool(d['summary']), 'sklearn' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["True", "False"]


@pytest.mark.parametrize("lead_in, second, leans_back", [
    # The second sentence of a pair may point back to its lead-in: that is what the pair is for.
    ("Gunmen attacked a police post in Quetta on Monday, killing four officers.",
     "This is the fifth such attack in the province this month.", False),
    ("Senator Mary Hale opened the hearing on the rail budget on Tuesday.",
     "She followed this with a call for an audit of the contracts.", False),
    # The lead-in itself must stand alone.
    ("There is more, but that gives you an idea of the cost.", "It was paid by the council.", True),
    ("McConnell, on the other hand, is staying in Washington.", "He will vote on Friday.", True),
    # A pronoun with no name for it anywhere in the pair still leans on something unsaid.
    ("The committee met on Tuesday to discuss the rail budget.", "He said it would be cut by a third.", True),
])
def test_a_pair_is_judged_by_its_lead_in(lead_in, second, leans_back):
    assert refers_back(f"{lead_in} {second}", lead_in) is leans_back


def test_a_sentence_pointing_back_with_this_is_kept_with_its_lead_in():
    lead = "Gunmen attacked a police post in Quetta."  # too short to stand as an item on its own
    this = "This is the fifth such attack on the police in the province since the start of the month."
    a = art(1, "Frontier Daily", f"{lead} {this}\n\nThe provincial government announced three days of mourning.")
    b = art(2, "Asia Wire", f"{lead} {this}", 2)
    c = art(3, "Capital News", f"{lead}\n\n{this}", 4)
    texts = sentences(analyse_story(12, [a, b, c], summary_sentences=3, nlp=False))
    assert f"{lead} {this}" in texts, texts


def test_he_with_only_places_and_groups_before_it_is_no_item():
    """A country or an alliance is no one a "he" can stand for: the item leans on a person it does not name."""
    added = ("Russia must also boost the troops it has deployed along its western borders after Finland and Sweden "
             "joined NATO, he added.")
    named = ("Vladimir Putin told Western countries on Thursday they risked provoking a nuclear war if they sent "
             "troops to fight in Ukraine.")
    a = art(1, "Kremlin Watch", f"{named}\n\n{added}")
    b = art(2, "Euro Wire", f"{added}\n\nThe speech lasted more than two hours in central Moscow.", 2)
    c = art(3, "World Desk", f"{added}\n\n{named}", 4)
    texts = sentences(analyse_story(13, [a, b, c], summary_sentences=3, nlp=False))
    assert added not in texts and named in texts, texts


def test_story_names_keep_places_groups_and_acronyms_apart_from_people():
    entities = [{"name": "Russia", "label": "GPE", "forms": ["Russia"]},
                {"name": "NATO", "label": "ORG", "forms": ["NATO"]},
                {"name": "Nikki Haley", "label": "ORG", "forms": ["Nikki Haley"]},  # a small model's mistake
                {"name": "Washington", "label": "GPE", "forms": ["Washington"]},
                {"name": "George Washington", "label": "PERSON", "forms": ["George Washington"]}]
    names = story_names(entities)
    assert (names.people, names.not_people) == (frozenset({"george", "washington"}), frozenset({"Russia", "NATO"}))
    assert names.short_forms == frozenset()  # "Washington" is a place too: no short form of George Washington


PEOPLE = StoryNames(frozenset({"biden", "anthony", "lacalamita", "raye"}),
                    frozenset({"California", "Michigan", "Detroit"}))


@pytest.mark.parametrize("text, leans_back", [
    # A sentence's capitalised first word is no name unless it is one of the story's people.
    ("Just after he was inaugurated, almost two-thirds of California voters had a favorable view of the plan.", True),
    ("Biden said he would visit the border on Thursday with the mayor of the town.", False),
    ("RAYE leads the pack this evening after splitting with her former label in 2021.", False),
    # A person described may be the one a pronoun stands for.
    ("A Michigan man shot one person at the Detroit firm from which he was fired last week, police said.", False),
    ("Police said the 38-year-old suspect was arrested after he led officers on a chase.", False),
    ("Police in Detroit said he was arrested after a chase through three towns on Monday.", True),
])
def test_pronoun_referents_use_the_story_names(text, leans_back):
    assert refers_back(text, names=PEOPLE) is leans_back


@pytest.mark.parametrize("text, alone", [
    ("David Lauter is a senior editor at the Los Angeles Times, based in Washington, D.C.", False),
    ("Jane Doe is a staff writer for The Atlantic and the author of two books on the Senate.", False),
    ("Kathryn Barger is a Los Angeles County supervisor seeking a third and final term in March.", True),
    ("Mark Jay Heller is the lawyer who told the judge that his client had checked into rehab.", True),
    ("According to Greek TV THREE PEOPLE HAVE DIED IN A BLAZE that broke out at a bank in central Athens.", False),
    ("The NATO and EU summit in Vilnius ended on Wednesday with a joint statement on Ukraine's path.", True),
])
def test_a_note_on_the_writer_or_a_shout_is_no_item(text, alone):
    assert stands_alone(text, text.split()) is alone


def test_two_items_of_two_sentences_never_repeat_one_fact():
    """Each item keeps a sentence with its lead-in; their second sentences state one fact in other words."""
    lead_a = "RAYE is the star of this year's Brit Awards, held tonight at the O2 Arena in London."
    fact_a = "The British pop star, 26, received a record-breaking seven nominations this year."
    lead_b = "RAYE leads the pack this evening after releasing her debut album My 21st Century Blues in 2023."
    fact_b = "The 26-year-old holds a record-breaking seven nominations, including Album of the Year."
    other = "Dua Lipa opened the ceremony with a medley of three songs from her new album Radical Optimism."
    cands = [SummaryCandidate(f"{lead_a} {fact_a}", norm_tokens(f"{lead_a} {fact_a}"), [1], 1, {1: 0.3},
                              lead_in=lead_a),
             SummaryCandidate(f"{lead_b} {fact_b}", norm_tokens(f"{lead_b} {fact_b}"), [2], 1, {2: 0.4},
                              lead_in=lead_b),
             SummaryCandidate(other, norm_tokens(other), [1, 2], 2, {1: 0.5, 2: 0.5})]
    texts = [item["text"] for item in summarise(cands, 3)[0]]
    assert len([t for t in texts if "seven nominations" in t]) == 1, texts
    assert other in texts


BIOGRAPHY = [
    "Page was born in Nashville in 1923 and grew up in Tennessee with five brothers and sisters.",
    "Page moved to New York in 1947 and began modelling for camera clubs in Greenwich Village studios.",
    "Page posed for photographer Irving Klaw in New York studios, and the New York camera clubs made her famous.",
    "Page appeared in New York magazines and calendars, and New York photographers made her the pin-up of the decade.",
    "Page left New York modelling in 1957, became a born-again Christian and studied at Bible schools.",
    "Page was married three times, and the New York years were the ones her fans remembered.",
]


def test_the_summary_opens_with_the_lead_not_a_long_biography():
    """A long obituary's background sentences resemble one another (and so look central); the summary still
    opens with the news an article leads with."""
    a = art(1, "Paper A", "Bettie Page died on Thursday in a hospital, her agent said.\n\n" + " ".join(BIOGRAPHY))
    b = art(2, "Paper B", "The pin-up queen of the fifties has passed away at 85 after a heart attack. "
            "Her New York camera club pictures made Page famous.", minutes=30)
    items = sentences(analyse_story(20, [a, b], summary_sentences=3, nlp=False))
    assert items[0] == "Bettie Page died on Thursday in a hospital, her agent said."


def test_articles_of_no_known_outlet_each_count_as_one():
    """Records without an outlet are not one outlet: a sentence three of them carry is carried by three."""
    from storywire.analyse.sentences import segment
    from storywire.models import UNKNOWN_OUTLET

    text = "The bridge reopened to traffic on Monday after two years of repairs."
    by_article = {aid: segment(aid, text) for aid in (1, 2, 3)}
    cluster = [by_article[aid][0] for aid in (1, 2, 3)]
    cands = summary_candidates([cluster], by_article, dict.fromkeys((1, 2, 3), text),
                               {1: UNKNOWN_OUTLET, 2: UNKNOWN_OUTLET, 3: "Paper A"})
    assert cands[0].sources == 3


@pytest.mark.parametrize("text, alone", [
    ("Join us and follow all the Brits action live, from the red carpet through to the ceremony itself.", False),
    ("Read up on the races in L.A. city, L.A. County and other areas before you vote next week.", False),
    ("Sign up for our morning newsletter to get the day's top stories in your inbox.", False),
    ("If you have been affected by the flooding in Valencia, the council has opened a helpline.", False),
    ("Follow-up talks between the two delegations are set for Geneva next Tuesday, officials said.", True),
    ("Stay-at-home orders were lifted across the state on Monday after cases fell for a third week.", True),
    ('Biden told Seth Meyers on Monday night that "you got to take a look at the other guy" in this race.', True),
])
def test_words_to_the_reader_are_no_item(text, alone):
    assert stands_alone(text, text.split()) is alone


@pytest.mark.parametrize("text, leans_back", [
    ("Seven years later, Warren still persists, having turned McConnell's words into a rallying cry.", True),
    ("A day earlier, the company had warned that its profits would fall by a third this year.", True),
    ("Two days after the election, the results were confirmed by the electoral commission in Nairobi.", False),
])
def test_a_time_counted_from_an_untold_event_leans_back(text, leans_back):
    assert refers_back(text) is leans_back


def test_one_fact_in_other_words_with_its_number_is_one_item():
    a = art(1, "Film Wire", "Ellen DeGeneres will host the Oscars for a second time next year, the Academy announced "
            "on Friday.\n\nDeGeneres has experience hosting the Academy Awards: she previously served as emcee "
            "during the 2007 ceremony.", 0)
    b = art(2, "Screen Daily", "The Academy said on Friday that Ellen DeGeneres would host the Oscars next year.\n\n"
            "DeGeneres previously hosted the show in 2007 and earned a Primetime Emmy nomination for her work.", 1)
    c = art(3, "Awards Post", "Ellen DeGeneres is to host next year's Oscars, the Academy announced on Friday.\n\n"
            "ABC will broadcast the ceremony live from the Dolby Theatre in Hollywood on Sunday, March 2.", 2)
    d = analyse_story(6, [a, b, c], summary_sentences=5, nlp=False)
    texts = sentences(d)
    assert len([t for t in texts if "2007" in t]) == 1, texts
    assert any("Dolby Theatre" in t for t in texts), texts


def test_two_figures_one_article_tells_apart_are_no_conflict():
    """Two teams' offers: an article giving both tells them apart, so the outlets giving one each do not differ."""
    a = art(1, "Boston Sports", "The Boston Red Sox have made first baseman Mark Teixeira an eight-year, $200 million "
            "offer, a source said.\n\nThe Red Sox owner met the player and his agent in Texas on Thursday.")
    b = art(2, "Capital Wire", "The Washington Nationals made Mark Teixeira an eight-year, $160 million offer at the "
            "winter meetings.\n\nThe first baseman has not said where he prefers to play next season.", 2)
    c = art(3, "Baseball Daily", "The Boston Red Sox made Mark Teixeira an eight-year, $200 million offer on "
            "Thursday, topping the Washington Nationals, who made Teixeira an eight-year, $160 million offer last "
            "week.\n\nTeixeira hit 33 home runs last season for two clubs.", 3)
    d = analyse_story(13, [a, b], summary_sentences=4, nlp=False)
    assert conflicts(d), d["summary"]  # two outlets, nothing to tell them apart
    d = analyse_story(14, [a, b, c], summary_sentences=4, nlp=False)
    assert not conflicts(d), d["summary"]
    assert_verbatim(d, [a, b, c])


@pytest.mark.parametrize("text, tidied", [
    ('"Thompson was not so easy to box. I\'m satisfied, "said the 36 - year - old Klitschko.',
     '"Thompson was not so easy to box. I\'m satisfied," said the 36-year-old Klitschko.'),
    ('It was known as the "Old Mat Maid Warehouse. " It was built in 1935.',
     'It was known as the "Old Mat Maid Warehouse." It was built in 1935.'),
    ("Fanning could n't say if anyone else was in the building at 9 a. m. on Friday.",
     "Fanning couldn't say if anyone else was in the building at 9 a.m. on Friday."),
    ("The store is on Wellington ’ s high street, and Boras ’ request was for a 10 - year deal.",
     "The store is on Wellington’s high street, and Boras’ request was for a 10-year deal."),
    ("The two co - workers said, ‘ Don ’ t move. ’ The fire did an estimated $ 1 million in damage.",
     "The two co-workers said, ‘Don’t move.’ The fire did an estimated $1 million in damage."),
    ("The 6.1 - magnitude quake hit a post - Soviet state; he is a four - time champion.",
     "The 6.1-magnitude quake hit a post-Soviet state; he is a four-time champion."),
    ("Sixteen - year-old Kimani Gray and a twenty - year - old friend were there.",
     "Sixteen-year-old Kimani Gray and a twenty-year-old friend were there."),
    # A dash between words that stand alone stays; so does a quote the text starts inside.
    ("He won in 2008 - before the crash - and the first - and only - time in 12 - 3 votes.",
     "He won in 2008 - before the crash - and the first - and only - time in 12 - 3 votes."),
    ('it for ever, " he said, "and more.', 'it for ever, " he said, "and more.'),
])
def test_detokenised_spacing_is_tidied(text, tidied):
    assert tidy(text) == tidied
    assert squeeze(tidy(text)) == squeeze(text)


@pytest.mark.parametrize("text, tidied", [
    ("the switch - hitting first baseman and a high - risk stronghold of modern - day piracy",
     "the switch-hitting first baseman and a high-risk stronghold of modern-day piracy"),
    ("a well - practiced boarding - and - search action; his son - in - law; the so - called deal; a 10 - win year",
     "a well-practiced boarding-and-search action; his son-in-law; the so-called deal; a 10-win year"),
    ("Woman Killed In Queens Hit - And - Run Accident, Oscar - nominated star; a check - in",
     "Woman Killed In Queens Hit-And-Run Accident, Oscar-nominated star; a check-in"),
    ("turnout was almost 90 %, and the receptionist - - Madeline Kafoury - - was shot",
     "turnout was almost 90%, and the receptionist -- Madeline Kafoury -- was shot"),
    # dashes stay: before a word opening a clause, after one closing a clause, before a figure or a capitalised word,
    # between two capitalised words or two figures
    ("He won in 2008 - before the crash - and the first - and only - time in 12 - 3 votes.",
     "He won in 2008 - before the crash - and the first - and only - time in 12 - 3 votes."),
    ("Ortiz - who was there - said the audience - will see it; prosecutors - Orozco; Williams - Esther; city - 10",
     "Ortiz - who was there - said the audience - will see it; prosecutors - Orozco; Williams - Esther; city - 10"),
    ("a Los Angeles hospital - nine days after", "a Los Angeles hospital - nine days after"),
])
def test_a_tokenised_articles_spaced_hyphens_close_up_in_compounds(text, tidied):
    assert tidy(text, Spacing(hyphens=True)) == tidied
    assert squeeze(tidy(text, Spacing(hyphens=True))) == squeeze(text)


@pytest.mark.parametrize("text, tidied", [
    ("More than 1, 300 scientists and the 6, 000 - member Academy; $380, 600, a total loss; 1, 000, 000 euros",
     "More than 1,300 scientists and the 6,000-member Academy; $380,600, a total loss; 1,000,000 euros"),
    # a day of a month, a year, a list, a decimal: no thousands
    ("On May 1, 300 people marched; on Sept. 12, 500 more; in 2008, 300 died; 3, 4 and 5; 12, 500.5",
     "On May 1, 300 people marched; on Sept. 12, 500 more; in 2008, 300 died; 3, 4 and 5; 12, 500.5"),
])
def test_a_tokenised_articles_spaced_thousands_close_up(text, tidied):
    assert tidy(text, Spacing(hyphens=True, thousands=True)) == tidied
    spaced = re.compile(r"\d, \d{3}")  # an article that writes "1,300" unspaced: its spaced ones stay as written
    assert len(spaced.findall(tidy(text))) == len(spaced.findall(text))


def test_spaced_hyphens_are_dashes_where_the_article_writes_hyphens_unspaced():
    tokenised = ("Boras met the switch - hitting first baseman in Texas on Thursday to talk about a long - term deal."
                 "\n\nThe Red Sox made an eight - year offer to the first baseman in Texas last week.")
    d = analyse_story(15, [art(1, "Ring Daily", tokenised)], summary_sentences=3, nlp=False)
    assert ("Boras met the switch-hitting first baseman in Texas on Thursday to talk about a long-term deal."
            in sentences(d)), sentences(d)
    dashed = ("Boras met the first baseman - a switch - hitter - in Texas on Thursday to talk about a long-term deal."
              "\n\nThe Red Sox made an eight-year offer to the first baseman in Texas last week.")
    d = analyse_story(16, [art(1, "Ring Daily", dashed)], summary_sentences=3, nlp=False)
    assert ("Boras met the first baseman - a switch - hitter - in Texas on Thursday to talk about a long-term deal."
            in sentences(d)), sentences(d)  # this article hyphens its compounds: its spaced ones are dashes


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aB10 ,.%()\u201c\u201d\"'\n-")), max_size=60))
def test_closing_up_a_tokenised_articles_spacing_only_moves_whitespace(text):
    tidied = tidy(text, Spacing(hyphens=True, thousands=True))
    assert squeeze(tidied) == squeeze(text)
    assert tidy(tidied, Spacing(hyphens=True, thousands=True)) == tidied


def test_a_detokenised_story_reads_tidily_and_stays_verbatim():
    text = ('"Thompson was not so easy to box. I \'m satisfied, "said the 36 - year - old Klitschko, who improved his '
            "record in Bern on Saturday.\n\nKlitschko could n't finish the bout before the sixth round, when his "
            "co - trainer threw in the towel at 9 p. m. local time.")
    a = art(1, "Ring Daily", text)
    texts = sentences(analyse_story(7, [a], summary_sentences=3, nlp=False))
    assert ('"Thompson was not so easy to box. I\'m satisfied," said the 36-year-old Klitschko, who improved his '
            "record in Bern on Saturday.") in texts, texts
    assert ("Klitschko couldn't finish the bout before the sixth round, when his co-trainer threw in the towel at "
            "9 p.m. local time.") in texts, texts


@pytest.mark.parametrize("text, leans_back", [
    # An opening phrase naming no one does not hide the reference after it.
    ("Early Friday morning, around 1:30 a.m., the 26-year-old actress checked into a clinic in Rancho Mirage.", True),
    ("Firstly, these women had clearly been given a huge boost in confidence by the changes.", True),
    ("Sure, it was over the Thunder in a game nobody expected them to win at home.", True),
    ("Throughout the war, she was a popular pin-up for soldiers, and her wit kept her popular afterwards.", True),
    ("Under the plans, those on the list will be automatically refused entry to the country.", True),
    ("The second, made in response to the first, states that the agency never posted it.", True),
    ("The others involved a booster giving $500 to a football player at the university.", True),
    ("Administration officials say they worry all that data is being used to track drivers.", True),
    ("Early on Friday, around 1:30 a.m., Lindsay Lohan checked into a clinic in Rancho Mirage.", False),
    ("For the first time in Turkmenistan's history, its parliamentary elections will have two parties.", False),
    ("Recently, the drag star RuPaul Andre Charles has taken to falling asleep in front of the television.", False),
    ("The veteran Kremlin leader dismissed Western suggestions that his forces might attack Europe.", True),
    ("The first step in building the list was to ask the advisory board what change means in business.", False),
    ("Police said those arrested on Saturday would appear before magistrates in Leeds on Monday.", False),
    ("In this case, several newsroom sources said, the two reporters did most of the ground reporting.", True),
    ("Since that win over Monte Barrett, Rahman has gone 4-2-1 with a no-contest against club fighters.", True),
    ("Since that time, Monte Barrett has fought only twice, losing both bouts on points in Las Vegas.", False),
    ("After the win over Monte Barrett, Rahman fought only club fighters for the next three years.", False),
    ("A former subpostmistress called for faster compensation for those wrongfully prosecuted in the scandal.", False),
])
def test_a_reference_behind_an_opening_phrase_or_a_demonstrative_leans_back(text, leans_back):
    assert refers_back(text) is leans_back


def test_a_sentence_describing_what_the_sentence_before_introduced_is_kept_with_it():
    lead = "Sleep researchers in Leeds have published a new study of memory in older adults."
    study = ("The study compared 2,000 people who slept less than six hours a night with 2,000 who slept eight "
             "hours, over ten years.")
    a = art(1, "Health Wire", f"Doctors in Britain are urged to ask older patients how long they sleep each night.\n\n"
            f"{lead} {study}\n\nThe NHS said it would review its advice on sleep for the over-70s later this year.")
    texts = sentences(analyse_story(8, [a], summary_sentences=4, nlp=False))
    assert study not in texts, texts
    assert all(t.startswith(lead) for t in texts if study in t), texts


def test_two_articles_restating_the_main_event_after_a_first_sentence_give_one_item():
    negotiating = ("According to The Hollywood Reporter, director Gary Ross is currently negotiating to direct the "
                   "sequel Catching Fire.")
    resuming = ("Ross will resume negotiating with Lionsgate on Monday about returning for the Hunger Games sequel, "
                "THR said.")
    a = art(1, "Film Wire", "Lionsgate shares rose two per cent in early trading in New York on Monday.\n\n"
            f"{negotiating}\n\nThe first film took in $155 million in North America on its opening weekend.")
    b = art(2, "Screen Daily", "Jennifer Lawrence is back in Los Angeles after a holiday in Hawaii with friends.\n\n"
            f"{resuming}\n\nSuzanne Collins wrote the three novels the films are based on for young readers.", 2)
    texts = sentences(analyse_story(9, [a, b], summary_sentences=5, nlp=False))
    assert (negotiating in texts) != (resuming in texts), texts


@pytest.mark.parametrize("text, alone", [
    ("Senior leadership at the New York Times did.", False),  # the verb is the sentence before's
    ("There is some irony in this: like many reality shows, the contest draws complaints from its contestants.", False),
    ("The native of Chicago, Ill., he averaged 11.1 points and 6.7 assists over his playing career.", False),
    ("The senator has pleaded not guilty and projected a defiant stance throughout the trial.", False),
    ("CLAIM: The agency called the Air Force an enemy of the state in a post on its account.", False),
    ("LAURA INGRAHAM: Joining me now, Chris Bedford, senior contributor at The Federalist.", False),
    ("A: I cannot comment on what people are choosing to write about the team or me.", False),
    ("About the prison: The supermax unit holds extremely dangerous or escape-risk federal inmates.", False),
    ("The Associated Press created this story using technology provided by Data Skrive.", False),
    ("Senator Ann Cole said on Monday that the bill would pass the Senate before the recess.", True),
    ("The bill's sponsors said: the vote would come before the summer recess in July.", True),
])
def test_ellipses_labels_and_words_about_the_page_are_no_item(text, alone):
    assert stands_alone(text, text.split()) is alone


def test_a_value_the_sentence_itself_also_gives_is_no_conflict():
    both = "Teixeira hit 13 home runs for the Angels after the July trade, and 33 homers over the whole season."
    a = art(1, "Ball Wire", f"{both}\n\nThe Angels offered the first baseman an eight-year contract on Monday.")
    b = art(2, "Diamond Daily", "Teixeira hit 33 home runs for the Angels and the Braves last season, his agent "
            "said.\n\nThe Angels offered the first baseman an eight-year contract on Monday.", 2)
    d = analyse_story(10, [a, b], summary_sentences=4, nlp=False)
    assert both in sentences(d), sentences(d)
    assert not conflicts(d), d["summary"]


def test_a_breakdown_in_brackets_is_no_conflict_with_its_parts():
    total = ("The Indian navy said the arrest of the 23 pirates (12 Somali and 11 Yemeni) off Somalia was its largest "
             "seizure.")
    a = art(1, "Sea Wire", f"{total}\n\nThe warship escorted the merchant vessel to safety on Thursday.")
    b = art(2, "Harbour Daily", "Indian navy commandos made the arrest of 12 Somali pirates off Somalia, the largest "
            "seizure, the navy said.\n\nThe warship escorted the merchant vessel to safety on Thursday.", 2)
    d = analyse_story(11, [a, b], summary_sentences=4, nlp=False)
    assert total in sentences(d), sentences(d)
    assert not conflicts(d), d["summary"]


@pytest.mark.parametrize("text, leans_back", [
    ("Obviously, there's division on the right as well as on the left this year.", True),
    ("Fortunately for Brown, Nixon is no stranger to controversy in the audiobook trade.", True),
    ("At least we can point to one woman, Bettie Page, who wouldn't have it.", True),
    ("The aim was to help scientists better understand how to form different crystal structures.", True),
    ("The figure is 32% less than the same day the year prior, according to the network.", True),
    ("The 79 screenshots sparked speculation over whether Geri Horner would join her husband.", True),
    ("At least 46 demonstrators were arrested along Church Avenue in East Flatbush on Monday.", False),
    ("The 2024 election will be decided in a handful of swing states, pollsters said on Monday.", False),
])
def test_a_comment_on_what_was_said_or_a_thing_counted_before_leans_back(text, leans_back):
    assert refers_back(text) is leans_back



def quake_reports(usgs: str) -> list[Article]:
    return [
        art(1, "Gulf News", "A powerful earthquake hit the Iranian island of Qeshm on Sunday, destroying homes in "
            "seven villages.\n\nThe official IRNA news agency and the United States Geological Survey said it had a "
            "magnitude of 5.9.\n\nA 6.4-magnitude quake hit the town of Zarand in Kerman province in February, "
            "killing 612 people."),
        art(2, "Desert Wire", "An earthquake shook the Iranian island of Qeshm on Sunday and was felt as far away as "
            f"Dubai.\n\n{usgs}\n\nHelicopters ferried the injured to hospital in Bandar Abbas on the coast.", 2),
    ]


@pytest.mark.parametrize("usgs", [
    "The United States Geological Survey puts the magnitude at 6.1.",
    "The United States Geological Survey said it was a magnitude-6.1 temblor.",
    "The United States Geological Survey said it was a 6.1-magnitude temblor.",
])
def test_a_magnitude_given_differently_is_a_conflict_another_quakes_is_not(usgs):
    arts = quake_reports(usgs)
    d = analyse_story(15, arts, summary_sentences=5, nlp=False)
    assert conflict_values(d) == [
        {("5.9", (1,)), ("6.1", (2,))}], d["summary"]
    assert_verbatim(d, arts)


def test_a_toll_written_in_words_is_compared_with_one_in_figures_or_words():
    a = art(1, "Leeds Echo", "Five people were injured when a gas cylinder exploded at a restaurant in Leeds on Friday "
            "evening, police said.\n\nThe restaurant on Briggate had opened only a month before the blast.")
    b = art(2, "Yorkshire Wire", "Two people were injured when a gas cylinder exploded at a restaurant in Leeds on "
            "Friday, police said.\n\nFirefighters from three stations made the building safe within the hour.", 2)
    c = art(3, "Northern Post", "Police said 5 people were injured when a gas cylinder exploded at a restaurant in "
            "Leeds on Friday.\n\nFirefighters from three stations made the building safe within the hour.", 3)
    d = analyse_story(16, [a, b], summary_sentences=4, nlp=False)
    assert conflict_values(d) == [
        {("Five", (1,)), ("Two", (2,))}], d["summary"]
    d = analyse_story(17, [a, c], summary_sentences=4, nlp=False)
    assert not conflicts(d), d["summary"]


def test_a_toll_of_an_earlier_quake_is_no_conflict():
    """Every other toll the two sentences give differs (the magnitude, the dead): they tell of two quakes."""
    a = art(1, "Gulf News", "A powerful earthquake hit southern Iran on Sunday, killing 10 people and injuring 80 on "
            "the island of Qeshm.\n\nRelief teams handed out tents and blankets in the villages on Monday.")
    b = art(2, "Desert Wire", "A magnitude-6.4 earthquake hit southern Iran in February, killing 612 people and "
            "injuring 1,400 on the plain of Zarand.\n\nRelief teams handed out tents and blankets in the villages on "
            "Monday.", 2)
    d = analyse_story(18, [a, b], summary_sentences=4, nlp=False)
    assert not conflicts(d), d["summary"]


def test_a_name_in_the_possessive_is_the_same_name():
    a = art(1, "Gulf News", "A powerful earthquake hit southern Iran on Sunday, destroying seven villages and killing "
            "10 people and injuring 80.\n\nRelief teams handed out tents and blankets in the villages on Monday.")
    b = art(2, "Desert Wire", "A strong earthquake has destroyed seven villages in Iran's southern area, killing 10 "
            "persons and wounding 70, officials said.\n\nRelief teams handed out tents and blankets on Monday.", 2)
    d = analyse_story(19, [a, b], summary_sentences=4, nlp=False)
    assert conflict_values(d) == [
        {("80", (1,)), ("70", (2,))}], d["summary"]


@pytest.mark.parametrize("text", [
    "There is a lot to unpack here about the new policy, so bear with me.",
    "Soon, with co-author James Swanson, I embarked on the adventure of writing her biography.",
    "Seeing emergency patients who do not have a dentist gives me an insight into the system.",
    ":: My deepest and sincere condolences to the family of our sports writer.",
    "My deepest and sincere condolences to the family of our sports writer.",
])
def test_the_writer_speaking_in_the_first_person_is_no_item(text):
    # round 18, even story ids of the as-user store: the summary spoke as the writer of one page
    assert not stands_alone(text, norm_tokens(text))
    for other in ("Veterans who served in World War I were honoured in the capital with a parade on Sunday.",
                  "Raye won six awards after releasing her debut album My 21st Century Blues in 2023."):
        assert stands_alone(other, norm_tokens(other))


@pytest.mark.parametrize("text", [
    "The navy launched its helicopter and headed for the scene On sighting the helicopter, the pirates broke off.",
    "Scientists started with the polar bears The rule change has its origins in a decision taken in May last year.",
    "The accountant had been fired last week by the company An accounting firm employee opened fire on Monday.",
])
def test_two_sentences_run_together_where_the_full_stop_was_lost_are_no_item(text):
    assert not stands_alone(text, norm_tokens(text))
    for other in ("Police told The Associated Press on Monday that the suspect had acted alone in the attack.",
                  "Campaigners in The Hague and in Brussels welcomed the court ruling on Tuesday evening."):
        assert stands_alone(other, norm_tokens(other))


def test_a_person_called_by_surname_is_introduced_by_full_name_first():
    """Each outlet opens on "O'Brien sued …" (its readers know the coach); the summary's reader does not: the
    sentence naming Jim O'Brien in full comes before it."""
    lead = "Ohio State fired basketball coach Jim O'Brien on Thursday after an NCAA inquiry into payments to a recruit."
    sued = "O'Brien sued the university, claiming he was terminated without cause, and asked for millions in damages."
    extra = "The NCAA notified the university of nine alleged rules violations in the men's basketball program."
    a = art(1, "Columbus Daily", f"{sued}\n\n{extra}\n\n{lead}")
    b = art(2, "Buckeye Wire", f"{sued}\n\n{extra}", 2)
    hearing = "The hearing on the claim is set for next month in a state court."
    c = art(3, "Sports Desk", f"{sued}\n\n{hearing}\n\n{lead}", 4)
    texts = sentences(analyse_story(5, [a, b, c], summary_sentences=3, nlp=False))
    assert lead in texts and texts.index(lead) < texts.index(sued), texts


def test_short_forms_that_call_a_person_and_the_words_that_introduce_one():
    names = StoryNames(short_forms=frozenset({"O'Brien", "Bush", "Tony"}))
    obrien, tony = Need("name", "O'Brien"), Need("name", "Tony")
    assert unintroduced("O'Brien sued the university on Friday.", names) == {obrien}
    assert unintroduced("Mr. O'Brien sued the university.", names) == {obrien}  # an honorific says no more
    assert unintroduced("Tony was exhibiting his awkward movement.", names) == {tony}
    assert unintroduced("Coach Jim O'Brien sued. O'Brien won.", names) == frozenset()
    assert unintroduced("Some say the Bush administration ruled and President Bush spoke.", names) == frozenset()
    assert unintroduced("Tony Thompson lost in the sixth round.", names) == frozenset()
    assert introduced(frozenset({obrien}), "Ohio State fired coach Jim O'Brien.")
    assert not introduced(frozenset({obrien}), "The O'Brien case went on.")  # a name as an adjective
    assert not introduced(frozenset({obrien, tony}), "Ohio State fired coach Jim O'Brien.")


def test_a_thing_opened_on_by_a_bare_description_is_said_before_it():
    parade = Need("thing", "parad")
    assert unintroduced("The parade was intended to celebrate another title for the club.", StoryNames()) == {parade}
    assert unintroduced("The murder trial of the employee starts on Monday in the city.", StoryNames()) == frozenset()
    assert unintroduced("The government says the cuts are needed to secure a loan.", StoryNames()) == frozenset()
    assert introduced(frozenset({parade}), "A shooting at the victory parades left one dead.")
    assert not introduced(frozenset({parade}), "A shooting at the rally left one dead.")


def test_story_names_short_forms_come_from_people_named_in_full():
    entities = [{"name": "Jim O'Brien", "label": "PERSON", "forms": ["O'Brien", "Jim O'Brien", "Coach Jim O'Brien"]},
                {"name": "Tony Thompson", "label": "PERSON", "forms": ["Tony Thompson", "Tony"]},
                {"name": "Cher", "label": "PERSON", "forms": ["Cher"]},  # no full name: nothing to introduce her by
                {"name": "Ohio", "label": "GPE", "forms": ["Ohio"]}]
    assert story_names(entities).short_forms == {"O'Brien", "Thompson", "Tony"}


def test_one_toll_in_other_words_is_one_fact():
    """"killed at least three people" and "Three people died": the same three dead, stated once."""
    killed = ("A firebomb attack on a bank in Greece killed at least three people today as police fought battles "
              "with striking protesters.")
    died = "Three people died in Athens on Wednesday evening when a petrol bomb set fire to a branch of Marfin Bank."
    march = "Tens of thousands of people marched through the capital to protest against new taxes and cuts to pensions."
    loan = "The government says the cuts are needed to secure an international loan package and avoid a default."
    a = art(1, "Greek Wire", f"{killed}\n\n{march}\n\n{loan}")
    b = art(2, "Euro Desk", f"{march}\n\n{died}\n\n{loan}", 2)
    c = art(3, "World Desk", f"{march}\n\n{died}", 4)
    texts = sentences(analyse_story(3, [a, b, c], summary_sentences=4, nlp=False))
    assert killed in texts and died not in texts and loan in texts, texts


@pytest.mark.parametrize(("text", "leans"), [
    ("Even Amy Winehouse's look in the beginning was a derivative of Page.", True),
    ("After a brief skirmish, two of them managed to flee the area in a small boat.", True),
    ("Most of those arrested were released on Sunday without charge.", True),
    ("The daytime talk show host follows Seth MacFarlane, whose hosting was divisive.", True),
    ("Even before the vote, the party was split over the leadership of its group.", False),
    ("Some of those who voted were angry about the result of the count.", False),
    ("The three-day summit opened in Paris on Monday with talks on trade.", False),
])
def test_openers_that_lean_on_something_said_before(text: str, leans: bool):
    assert opens_on_reference(text) is leans


@pytest.mark.parametrize("dateline", ["INDIANAPOLIS (AP) \u2014 ", "Indianapolis, Indiana (Sports Network) - "])
def test_a_wire_dateline_is_no_part_of_a_summary_item(dateline):
    lead = (f"{dateline}Kansas City Chiefs coach Andy Reid walked to the podium on Tuesday with a "
            "message that resonated beyond the football world.")
    rest = "The Chiefs won the title on Sunday in a game that went to overtime in Las Vegas."
    a = art(1, "Wire One", f"{lead}\n\n{rest}")
    b = art(2, "Wire Two", f"{lead}\n\n{rest}", 2)
    d = analyse_story(9, [a, b], summary_sentences=2, nlp=False)
    texts = sentences(d)
    assert texts[0].startswith("Kansas City Chiefs coach Andy Reid walked"), texts
    assert_verbatim(d, [a, b])


@pytest.mark.parametrize("text", ["The United Nations (UN) - its agencies and donors - met on Monday in Geneva.",
                                  "Apple (AAPL) - Shares rose 4 per cent on Monday after the results in New York.",
                                  "Senator Chuck Schumer (D-N.Y.) - the majority leader - said no to the plan."])
def test_a_bracket_and_a_dash_after_a_name_are_no_dateline(text):
    assert undated(text) == text


def test_a_toll_stated_after_the_people_it_counts_is_one_fact_with_a_toll_before_them():
    """"killed at least three people" and "left three bank workers dead": one toll; "accused of shooting three
    co-workers, killing two" gives no toll of three."""
    killed = ("A firebomb attack on a bank in Greece killed at least three people today as police fought battles "
              "with striking protesters.")
    left = ("Riots over harsh new austerity measures left three bank workers dead and engulfed the streets of Athens "
            "on Wednesday.")
    march = "Tens of thousands of people marched through the capital to protest against new taxes and cuts to pensions."
    loan = "The government says the cuts are needed to secure an international loan package and avoid a default."
    a = art(1, "Greek Wire", f"{killed}\n\n{march}\n\n{loan}")
    b = art(2, "Euro Desk", f"{march}\n\n{left}\n\n{loan}", 2)
    c = art(3, "World Desk", f"{march}\n\n{left}", 4)
    texts = sentences(analyse_story(3, [a, b, c], summary_sentences=4, nlp=False))
    assert killed in texts and left not in texts and loan in texts, texts


def test_an_item_opening_on_a_thing_no_item_or_title_names_is_left_out():
    """"The parade was intended …" leans on a parade the reader has not been told of; with an item naming it
    before, it may come after that item."""
    parade = "The parade was intended to celebrate another title for the team and its many fans."
    shot = "Police said one woman died and more than twenty people were hurt in the shooting on Wednesday."
    a = art(1, "City Wire", f"{parade}\n\n{shot}")
    b = art(2, "Metro Desk", f"{parade}\n\n{shot}", 2)
    texts = sentences(analyse_story(6, [a, b], summary_sentences=3, nlp=False))
    assert parade not in texts and shot in texts, texts
    named = "A shooting at the victory parade in the city centre left one woman dead on Wednesday afternoon."
    c = art(3, "Sports Wire", f"{named}\n\n{parade}", 4)
    texts = sentences(analyse_story(6, [a, b, c], summary_sentences=3, nlp=False))
    assert parade not in texts or texts.index(named) < texts.index(parade), texts


def test_a_sentence_restating_the_one_before_it_is_not_kept_with_it():
    """A subhead and a lead saying one thing ("The murder trial of … starts Monday. The murder trial for …
    starts Monday.") make no candidate of two sentences; a sentence describing what the one before introduced
    does ("A new study … The study compared …")."""
    from storywire.analyse.sentences import segment

    for text, paired in [
        ("The murder trial of a suspended plant employee who allegedly shot and killed two co-workers starts Monday. "
         "The murder trial for the suspended plant employee accused of shooting three co-workers starts Monday.",
         False),
        ("A new study of ten thousand adults shows that walking daily lowers blood pressure. "
         "The study compared walkers with people who drove to work and found a clear difference.", True),
    ]:
        by_article = {aid: segment(aid, text) for aid in (1, 2)}
        clusters = [[by_article[aid][k] for aid in (1, 2)] for k in (0, 1)]
        cands = summary_candidates(clusters, by_article, dict.fromkeys((1, 2), text), {1: "Paper A", 2: "Paper B"})
        assert any(c.lead_in for c in cands) is paired, [c.text for c in cands]


def test_a_story_whose_every_sentence_leans_on_an_unintroduced_name_gets_no_summary_and_no_error():
    # the story's one article calls "Acmera" by that name before naming "Camp Acmera": no candidate introduces it
    a = art(1, "Paper A", "Acmera on Thursday announced new features at its annual Camp Acmera event in San "
            "Francisco.\n\nAcmera says it will introduce dark mode later this summer, for every user of the app.")
    d = analyse_story(1, [a], nlp=False)
    assert_verbatim(d, [a])
    assert all("Acmera says" not in s for s in sentences(d))


@pytest.mark.parametrize("text, alone", [
    ("As a back-up plan to a failure to land the first baseman, yes.", False),  # an answer to a question not shown
    ("No wonder the city is so eager to get rid of the agency and its staff.", False),
    ("Enter Ben Reed, then a dairy farmer in the valley, and his partner Tom Hart.", False),
    ("The Dispatch has more here: By the mid-1980s, the creamery was faltering badly.", False),  # a link's text
    ("The creamery was faltering by the mid-1980s, and a state-run corporation took over.", True),
    ("Enterprise Holdings said on Monday that it would close twelve branches in the state.", True),
    ("No one was injured in the fire, which broke out at the back of the store on Sunday.", True),
])
def test_answers_comments_turns_and_link_texts_are_no_item(text, alone):
    assert stands_alone(text, text.split()) is alone


def _rehab_story(b_lead: str, body: bool = True) -> list[Article]:
    """Three outlets: two open on the same sentence, the third on ``b_lead``; two give a fact of their own after."""
    lead = "Actress Jane Doe checked into the Betty Ford Center in California on Tuesday, her spokesman said."
    return [art(1, "Star Daily", lead + ("\n\nDoe was arrested in May after a crash on the Pacific Coast Highway "
                                         "near Malibu." if body else "")),
            art(2, "Film Wire", b_lead + ("\n\nA thriller Doe shot in Toronto last winter opens in cinemas across "
                                          "the country in March." if body else ""), 1),
            art(3, "City News", lead, 2)]


def test_another_outlets_lead_restating_the_first_item_gives_way_to_other_facts():
    arts = _rehab_story("Doe has begun treatment at a desert clinic near Palm Springs, according to a source.")
    texts = sentences(analyse_story(17, arts, summary_sentences=3, nlp=False))
    assert texts[0].startswith("Actress Jane Doe checked into the Betty Ford Center"), texts
    assert not any("begun treatment" in t for t in texts), texts  # the same fact in other words, sharing one word
    assert any("arrested in May" in t for t in texts) and any("thriller" in t for t in texts), texts


def test_another_outlets_lead_giving_a_number_of_its_own_is_kept():
    arts = _rehab_story("Doe paid 45,000 dollars for a stay at a desert clinic near Palm Springs, according to a "
                        "source.")
    texts = sentences(analyse_story(18, arts, summary_sentences=3, nlp=False))
    assert any("45,000 dollars" in t for t in texts), texts


def test_leads_still_fill_a_summary_when_nothing_else_is_left():
    arts = _rehab_story("Doe has begun treatment at a desert clinic near Palm Springs, according to a source.",
                        body=False)
    texts = sentences(analyse_story(19, arts, summary_sentences=3, nlp=False))
    assert len(texts) == 2 and any("begun treatment" in t for t in texts), texts


def test_a_first_item_written_as_a_title_does_not_hold_back_another_outlets_lead():
    """A headline opening two articles may only hint at the event ("… Is A Muslim"); the other outlet's lead stays
    in the running."""
    title = "Actress Jane Doe Enters Rehab In California After Her Arrest."
    arts = [art(1, "Star Daily", title + "\n\nDoe was arrested in May after a crash on the Pacific Coast Highway near "
                "Malibu."),
            art(2, "Film Wire", "Doe has begun treatment at a desert clinic near Palm Springs, according to a source."
                "\n\nA thriller Doe shot in Toronto last winter opens in cinemas across the country in March.", 1),
            art(3, "City News", title, 2)]
    texts = sentences(analyse_story(20, arts, summary_sentences=3, nlp=False))
    assert texts[0] == title and any("begun treatment" in t for t in texts), texts
