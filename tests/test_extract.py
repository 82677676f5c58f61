"""Extraction on real pages and dumps: stored pages with expected fields, the two sample dumps, the scorers."""
from __future__ import annotations

import gzip
import hashlib
import json
import re
from datetime import UTC, datetime, timedelta, timezone

import pytest

from storywire.errors import ConfigError, InputError
from storywire.extract import extract_dump, extract_item
from storywire.extract.boilerplate import fingerprint, paragraphs
from storywire.extract.evaluate import evaluate_all, score_fundus_page
from storywire.extract.text import find_date
from storywire.models import RawItem

from .conftest import FIXTURES, SAMPLES

PAGES = FIXTURES / "extract"
CASES = sorted(p.stem for p in PAGES.glob("*.json"))
GLOBE = SAMPLES / "000_c70a619e594637e5.txt"
F24 = SAMPLES / "003_c8f5f9e15842ed9e.txt"
SAMPLE_CHROME = ("Skip to main content", "Sign up", "Get all your news in one place", "newsletters", "Sign in",
                 "Related Stories", "Our Picks", "Download the app", "Start reading", "Sputnik Photo Agency",
                 "© Ludovic Marin", "Top stories on inkl")


def raw_item(name: str, **fields) -> RawItem:
    spec = json.loads((PAGES / f"{name}.json").read_text())
    if spec["kind"] == "html":
        return RawItem(origin=name, kind="html", html=(PAGES / f"{name}.html").read_text(), url=spec.get("url"),
                       **fields)
    return RawItem(origin=name, kind="dump", text=(PAGES / f"{name}.txt").read_text(), **fields)


@pytest.mark.parametrize("name", CASES)
def test_stored_page(name):
    spec = json.loads((PAGES / f"{name}.json").read_text())
    ex = extract_item(raw_item(name))
    assert ex.title == spec["title"]
    assert ex.source == spec["source"]
    assert ex.published == datetime.fromisoformat(spec["date"])
    assert ex.published.utcoffset() == datetime.fromisoformat(spec["date"]).utcoffset()
    assert list(ex.authors) == spec["authors"]
    if "language" in spec:
        assert ex.language == spec["language"]
    for phrase in spec["must_contain"]:
        assert phrase in ex.text, phrase
    for phrase in spec["must_not_contain"]:
        assert phrase not in ex.text, phrase
    for caption in spec.get("captions_contain", []):
        assert caption in ex.captions
    assert re.search(r"[^\n]\n[^\n]", ex.text) is None  # paragraphs are separated by blank lines, never single breaks
    assert ex.raw_hash == hashlib.sha256((raw_item(name).html or raw_item(name).text).encode()).hexdigest()


def test_fields_given_by_the_input_win():
    when = datetime(2022, 10, 7, 9, 0, tzinfo=UTC)
    ex = extract_item(raw_item("ledger-energy", title="Given title", source="Given Outlet", published=when,
                               authors=("A. Writer",), language="fr", external_id="x1"))
    assert (ex.title, ex.source, ex.published, ex.authors, ex.language, ex.external_id) == \
        ("Given title", "Given Outlet", when, ("A. Writer",), "fr", "x1")
    assert "Gas storage sites are now 92 percent full" in ex.text


@pytest.fixture
def samples():
    if not GLOBE.exists() or not F24.exists():
        pytest.skip("sample dumps not available")
    return {path: extract_item(RawItem(origin=str(path), kind="dump", text=path.read_text())) for path in (GLOBE, F24)}


def test_france24_sample(samples):
    ex = samples[F24]
    assert ex.title == "France's Macron to meet Putin and Zelensky in separate talks next week"
    assert ex.source == "France 24"
    assert ex.text.startswith("French President Emmanuel Macron will meet Russian President Vladimir Putin")
    assert ex.text.endswith("(FRANCE 24 with REUTERS)")
    assert "'Throw of the dice'" in ex.text  # sub-headings between paragraphs stay
    assert ex.title not in ex.text
    assert ex.captions == ("French President Emmanuel Macron talks with representatives of families of repatriates "
                           "from Algeria after the country's independence war with its colonial power, at the Élysée "
                           "Palace in Paris on January 26, 2022. © Ludovic Marin, AP",)


def test_globe_sample(samples):
    ex = samples[GLOBE]
    assert ex.title is None  # the dump has no headline line; the store falls back to the first line
    assert ex.text.startswith("French President Emmanuel Macron heads to talks with Russian counterpart")
    assert ex.text.endswith("are always asking for transparency from the Americans.”")
    assert len(ex.captions) == 1 and ex.captions[0].endswith("Sputnik Photo Agency/Reuters")


# The long single-line blocks of the dumps that are not story: two photo captions and a newsletter plug.
NOT_STORY = (
    "Russia's President Vladimir Putin speaks with",
    "French President Emmanuel Macron talks with representatives",
    "Our Morning Update and Evening Update newsletters",
)


def test_samples_keep_every_story_paragraph_and_drop_the_chrome(samples):
    for path, ex in samples.items():
        blocks = [b.strip() for b in path.read_text().split("\n\n")]
        story = [b for b in blocks if "\n" not in b and len(b.split()) >= 15 and not b.startswith(NOT_STORY)]
        assert len(story) == {GLOBE: 16, F24: 17}[path]
        for para in story:
            assert para in ex.text, para
        for junk in SAMPLE_CHROME:
            assert junk not in ex.text, (path.name, junk)
        assert "throw of the dice" in ex.text
        assert "The Russians gave us signals so we have to jump on them" in ex.text
        assert "said a senior French official" in ex.text or "a senior French official told Reuters" in ex.text


def test_extract_dump_is_importable_for_analysis():
    dump = extract_dump("Headline about a ferry\n\nThe ferry sank on Monday after striking rocks near the harbour, "
                        "officials said.\n\nShare\nFacebook\nTwitter")
    assert dump.title == "Headline about a ferry"
    assert dump.text == "The ferry sank on Monday after striking rocks near the harbour, officials said."


def test_clean_text_keeps_paragraphs_and_normalises_spacing():
    raw = "  First\u00a0 line\r\ncontinues here.\n\n\n\nSecond   one.  "
    ex = extract_item(RawItem(origin="t", kind="text", text=raw))
    assert ex.text == "First line continues here.\n\nSecond one."
    assert ex.raw_hash == hashlib.sha256(raw.encode()).hexdigest()


def test_nothing_left_is_a_clear_input_error():
    with pytest.raises(InputError, match="no article text found"):
        extract_item(RawItem(origin="404.html", kind="html",
                             html=(FIXTURES / "ingest" / "no-article.html").read_text()))
    with pytest.raises(InputError, match="no article text found"):
        extract_item(RawItem(origin="menu.txt", kind="dump", text="Home\nNews\nSport\nSign in\n\nSubscribe today"))
    with pytest.raises(InputError, match="no article text found"):
        extract_item(RawItem(origin="blank", kind="text", text=" \n\n "))
    with pytest.raises(InputError, match="unknown item kind"):
        extract_item(RawItem(origin="x", kind="pdf", text="..."))
    with pytest.raises(ConfigError, match="extract_favor"):
        extract_item(RawItem(origin="x", kind="text", text="Some text."), favor="speed")


@pytest.mark.parametrize("favor", ["precision", "balanced", "recall"])
def test_every_favor_extracts_the_article(favor):
    ex = extract_item(raw_item("stadtanzeiger-bruecke"), favor=favor)
    assert "Die Sicherheit hat Vorrang" in ex.text and "Lesen Sie auch" not in ex.text


@pytest.mark.parametrize("line, expected", [
    ("Updated 2:13 PM GMT+1, February 4, 2022", datetime(2022, 2, 4, 14, 13, tzinfo=timezone(timedelta(hours=1)))),
    ("Published on: 04/02/2022 - 10:49", datetime(2022, 2, 4, 10, 49, tzinfo=UTC)),
    ("5 February 2022", datetime(2022, 2, 5, tzinfo=UTC)),
    ("2022-02-04T09:15:00-05:00", datetime(2022, 2, 4, 9, 15, tzinfo=timezone(timedelta(hours=-5)))),
    ("Feb. 3, 2022 at 6:30 p.m. EST", datetime(2022, 2, 3, 18, 30, tzinfo=timezone(timedelta(hours=-5)))),
    ("Politics", None),
])
def test_dates_in_dump_lines(line, expected):
    assert find_date(line) == expected


def test_fingerprint_ignores_case_spacing_and_digits_only():
    a = fingerprint("© 2021 The Coastal Times.  All rights reserved.")
    assert re.fullmatch(r"[0-9a-f]{32}", a)
    assert a == fingerprint("© 2022 the coastal times. All Rights Reserved")
    assert a != fingerprint("© 2022 The Harbour Times. All rights reserved.")
    assert paragraphs("One\ntwo.\n\n\nThree.\n") == ["One two.", "Three."]


def test_scorers_on_a_small_labelled_set(tmp_path):
    page = "<html><body><nav>Menu Impressum</nav><article><h1>Title</h1><p>{}</p></article></body></html>"
    body = ("The council approved the new budget on Tuesday evening after a long debate about school funding "
            "and road repairs in the northern districts of the city.")
    tv = tmp_path / "trafilatura-eval"
    (tv / "html").mkdir(parents=True)
    (tv / "html" / "a.html.gz").write_bytes(gzip.compress(page.format(body).encode()))
    (tv / "evaldata.json").write_text(json.dumps({"https://x.example/a": {
        "file": "a.html", "with": ["approved the new budget", "not on the page at all"], "without": ["Impressum"]}}))
    fu = tmp_path / "fundus-evaluation"
    (fu / "html").mkdir(parents=True)
    (fu / "html" / "P_0.html.gz").write_bytes(gzip.compress(page.format(body).encode()))
    (fu / "ground_truth.json").write_text(json.dumps({"P_0.html.gz": {"url": "https://x.example/p", "body": [
        body, "[An optional standfirst the extractor may miss.]"]}}))
    scores = evaluate_all(tmp_path, "precision")
    tr = scores["trafilatura-eval"]
    assert (tr["pages"], tr["precision"], tr["recall"]) == (1, 1.0, 0.5)
    assert tr["f1"] == pytest.approx(2 / 3)
    fd = scores["fundus"]
    assert (fd["pages"], fd["precision"], fd["recall"], fd["f1"]) == (1, 1.0, 1.0, 1.0)
    assert fd["pages_per_s"] > 0


def test_fundus_page_score_counts_multisets_and_optional_paragraphs():
    truth = ["a b c d e", "[f g h i]"]
    assert score_fundus_page("a b c d e", truth) == (1.0, 1.0)  # the optional paragraph is not required
    p, r = score_fundus_page("a b c d e x y z w", truth)
    assert (p, r) == (pytest.approx(2 / 6), 1.0)
    assert score_fundus_page("", truth) == (0.0, 0.0)
    p, r = score_fundus_page("a b c d a b c d", ["a b c d"])  # a repeated shingle counts once against truth
    assert p == pytest.approx(1 / 5) and r == 1.0


def test_evaluate_on_the_shared_development_sets(shared):
    folder = shared / "data" / "extraction"
    if not folder.is_dir():
        pytest.skip("no extraction data")
    scores = evaluate_all(folder, "balanced", limit=6)
    assert set(scores) == {"trafilatura-eval", "fundus"}
    for result in scores.values():
        assert result["pages"] == 6 and 0.5 < result["f1"] <= 1.0


def _page_by(author: str, paras: list[str]) -> RawItem:
    body = "".join(f"<p>{p}</p>" for p in paras)
    html = (f"<html><head><title>Poll shows a close race</title><meta name='author' content='{author}'></head>"
            f"<body><article><h1>Poll shows a close race</h1>{body}</article></body></html>")
    return RawItem(origin="poll.html", kind="html", html=html, url="https://news.example/2024/03/01/poll")


NEWS = ["In 2020 the governor won the state by more than 29 points, a margin of more than five million votes, the "
        "largest of any candidate in the state's modern history, and his party expects to hold it again.",
        "The new poll of 6,500 registered voters shows that margin has shrunk to 18 points in a two-way race, and to "
        "12 points when independent and minor-party candidates are included in the question put to voters.",
        "The poll was conducted online in English and Spanish over six days last week, the institute said, and its "
        "results were weighted to match census and voter registration benchmarks across every county."]


def test_a_blurb_about_the_pages_author_at_the_start_is_not_article_text():
    bio = ("Dana Whitfield is a senior editor at the Daily Ledger, based in Washington. She began writing news in "
           "1981 and has covered Congress, the Supreme Court and four presidential campaigns.")
    ex = extract_item(_page_by("Dana Whitfield", [bio, *NEWS]))
    assert ex.text.startswith("In 2020 the governor") and "senior editor" not in ex.text
    # the same opening by another author is news about that journalist: kept
    lead = ("Dana Whitfield was a senior editor at the Daily Ledger when she was detained at the border on Friday, "
            "her lawyer said.")
    assert extract_item(_page_by("Sam Ortega", [lead, *NEWS])).text.startswith("Dana Whitfield was a senior editor")
