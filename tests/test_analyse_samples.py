"""Coverage comparison on the two sample dumps: the same Reuters story in The Globe and Mail and France 24."""
from __future__ import annotations

import io
import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storywire.analyse import KEYS, analyse_story
from storywire.analyse.text import fold
from storywire.models import Article

SAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "samples"

GLOBE = "000_c70a619e594637e5.txt"
F24 = "003_c8f5f9e15842ed9e.txt"

# Page chrome of the two dumps, used only when storywire.extract.extract_dump is not available.
_CHROME = (
    "Skip to main content", "Our Morning Update", "Sign up", "Get all your news", "100\u2019s of", "One app",
    "Start reading", "France 24", "Politics", "Already a member", "Sign in here", "Related Stories",
    "Top stories", "One subscription", "Our Picks", "Fourteen days", "Download the app", "One membership",
    "100+ trusted", "Read news from",
)


def _strip_chrome(raw: str, title: str) -> str:
    lines = [ln.strip() for ln in raw.splitlines()]
    keep = [ln for ln in lines if ln and not ln.startswith(_CHROME) and ln != title]
    return "\n\n".join(keep)


def _extract(raw: str, title: str) -> str:
    try:
        from storywire.extract import extract_dump  # type: ignore[attr-defined]
    except ImportError:
        try:
            from storywire.extract.text import extract_dump  # type: ignore[no-redef]
        except ImportError:
            extract_dump = None
    if extract_dump is not None:
        try:
            out = extract_dump(raw)
            text = out if isinstance(out, str) else getattr(out, "text", None)
            if text is None and isinstance(out, tuple):
                text = next((x for x in out if isinstance(x, str) and len(x) > 500), None)
            if text and "Putin" in text and "Skip to main content" not in text:
                return text
        except Exception:
            pass
    return _strip_chrome(raw, title)


def _article(aid: int, name: str, source: str, title: str, url: str, hour: int) -> Article:
    path = SAMPLES / name
    if not path.exists():
        pytest.skip("sample dumps not available")
    text = _extract(path.read_text(encoding="utf-8"), title)
    t = datetime(2022, 2, 4, hour, tzinfo=UTC)
    return Article(id=aid, source=source, title=title, text=text, content_hash=f"h{aid}", fetched=t, url=url,
                   published=t)


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    return [
        _article(11, GLOBE, "The Globe and Mail", "Macron heads to Moscow for talks with Putin on Ukraine",
                 "https://www.theglobeandmail.com/world/macron-moscow", 16),
        _article(12, F24, "France 24", "France's Macron to meet Putin and Zelensky in separate talks next week",
                 "https://www.france24.com/en/europe/macron-putin-zelensky", 18),
    ]


@pytest.fixture(scope="module")
def story(articles) -> dict:
    return analyse_story(5, articles)


def _has(haystack: str, needle: str) -> bool:
    return fold(needle).casefold() in fold(haystack).casefold()


def test_story_object_shape(story, articles):
    assert tuple(story) == KEYS
    assert story["id"] == 5
    assert story["title"] in {a.title for a in articles}
    json.dumps(story)  # JSON-serialisable
    for a in story["articles"]:
        assert 0.0 <= a["share_shared"] <= 1.0 and abs(a["share_shared"] + a["share_unique"] - 1.0) < 0.002
        assert a["origin"] == "Reuters"


@pytest.mark.parametrize("needle", [
    "The Russians gave us signals so we have to jump on them",
    "We're heading to Putin's lair",
    "The Kremlin has made clear the priority of the talks",
    "Mr. Macron aims to capitalize on limited progress",
])
def test_shared_wire_copy_with_reuters_origin(story, needle):
    hits = [p for p in story["shared_passages"] if _has(p["text"], needle)]
    assert hits, f"{needle!r} not among the shared passages"
    assert hits[0]["article_ids"] == [11, 12]
    assert hits[0]["sources"] == ["France 24", "The Globe and Mail"]
    assert hits[0]["origin"] == "Reuters"


def test_additions_unique_to_each_outlet(story):
    unique = {u["article_id"]: " ".join(u["passages"]) for u in story["unique_passages"]}
    assert _has(unique[12], "Mircea Geoana, NATO's deputy secretary general")
    assert _has(unique[12], "NATO will not get involved militarily in Ukraine")
    assert _has(unique[11], "we don't like the methods")
    assert _has(unique[11], "There's always a lack of transparency and co-ordination")
    assert _has(unique[11], "irritated some eastern European and Baltic partners")
    # Nothing unique to one outlet is claimed shared.
    shared = " ".join(p["text"] for p in story["shared_passages"])
    assert "Geoana" not in shared and "methods" not in shared


def test_origins_credit_lines_not_photo_credits(story):
    origins = {o["name"]: o for o in story["origins"]}
    assert set(origins) == {"Reuters"}  # "(c) Ludovic Marin, AP" is a photo credit
    kinds = {c["article_id"]: c["kind"] for c in origins["Reuters"]["credits"]}
    assert kinds == {11: "told", 12: "credit-line"}
    assert not any("Photo Agency" in c["evidence"] for c in origins["Reuters"]["credits"])


def _quote(story, needle):
    found = [q for q in story["quotes"] if _has(q["text"], needle)]
    assert len(found) == 1, f"{needle!r}: {found}"
    return found[0]


def test_quotes_merged_across_outlets(story):
    q = _quote(story, "The Russians gave us signals")
    assert q["kind"] == "direct" and q["speaker"] == "a senior French official"
    assert _has(q["text"], "What it does is help to gain time")  # split by the attribution, joined back
    carriers = {c["article_id"]: c["attribution"] for c in q["carriers"]}
    assert carriers == {11: "said a senior French official", 12: "a senior French official told Reuters"}

    q = _quote(story, "heading to Putin's lair")
    assert q["cue"] == "told Reuters"
    assert q["speaker"].startswith("one source close to")
    assert {c["article_id"] for c in q["carriers"]} == {11, 12}

    q = _quote(story, "the priority of the talks will be Moscow")
    assert q["kind"] == "indirect" and q["speaker"] == "The Kremlin" and q["cue"] == "has made clear"
    assert {c["article_id"] for c in q["carriers"]} == {11, 12}


def test_quotes_single_outlet_and_speaker_resolution(story):
    q = _quote(story, "NATO will not get involved militarily")
    assert q["speaker"] == "Mircea Geoana" and q["role"] == "NATO's deputy secretary general"
    assert q["speaker_full"] == "Mircea Geoana, NATO's deputy secretary general"
    assert [c["article_id"] for c in q["carriers"]] == [12]
    q = _quote(story, "Ten years ago only 20 percent")
    assert q["speaker"] == "Mircea Geoana" and _has(q["text"], "So in a way we hope")
    q = _quote(story, "we don't like the methods")
    assert q["speaker_full"] == "a senior official from an eastern European nation"
    q = _quote(story, "Putin doesn't need to offer Macron anything")
    assert q["speaker"] == "a former French envoy to the region"
    # Scare quotes are not quotes.
    assert not [q for q in story["quotes"] if q["text"] in ("Normandy format", "any time soon")]


@pytest.mark.parametrize("use_model", [True, False], ids=["spacy", "heuristic"])
def test_entities(articles, story, use_model):
    if use_model:
        from storywire.analyse import get_nlp

        if get_nlp() is None:
            pytest.skip("no spaCy model installed")
        entities = story["entities"]
    else:
        entities = analyse_story(5, articles, nlp=False)["entities"]
    by_name = {e["name"]: e for e in entities}
    for name in ("Macron", "Putin", "Zelensky", "NATO", "Moscow", "Kyiv"):
        match = [e for e in entities if name in e["name"]]
        assert match, f"{name} missing from {sorted(by_name)[:40]}"
    macron = next(e for e in entities if "Macron" in e["name"])
    assert macron["label"] == "PERSON" and macron["article_ids"] == [11, 12]
    assert macron["name"] == "Emmanuel Macron" and "Macron" in macron["forms"]
    assert len([e for e in entities if "Macron" in e["name"]]) == 1  # merged across forms
    assert next(e for e in entities if e["name"] == "NATO")["label"] == "ORG"
    assert next(e for e in entities if e["name"] == "Kyiv")["label"] == "GPE"


def test_summary_is_extractive(story, articles):
    texts = {a.id: re.sub(r"\s+", "", a.text) for a in articles}
    items = [s for s in story["summary"] if s["kind"] == "sentence"]
    assert 1 <= len(items) <= 5
    for s in items:  # verbatim apart from whitespace (spacing is tidied)
        assert any(re.sub(r"\s+", "", s["text"]) in texts[i] for i in s["article_ids"]), s["text"]
    assert len({s["text"] for s in items}) == len(items)


def test_summary_length_is_configurable(articles):
    for n in (3, 5):
        summary = analyse_story(5, articles, summary_sentences=n, nlp=False)["summary"]
        assert len([s for s in summary if s["kind"] == "sentence"]) == n


def test_timeline(story):
    assert [t["article_id"] for t in story["timeline"]] == [11, 12]
    assert all(t["first_for_source"] for t in story["timeline"])


def test_render_story(story):
    from rich.console import Console

    from storywire.commands.story import render_story

    buf = io.StringIO()
    render_story(story, Console(file=buf, width=100, color_system=None))
    out = buf.getvalue()
    for needle in ("Summary", "Shared passages", "Reuters", "Geoana", "Timeline", "France 24"):
        assert needle in out
