"""Entity mentions with NER run only where it can find something new (``entities.article_mentions``)."""
from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from storywire.analyse import analyse_story, analyse_story_parts, get_nlp
from storywire.analyse.entities import article_mentions, capitalised_words, finder_name, mentions
from storywire.analyse.parts import ArticleParts
from storywire.analyse.sentences import sentence_spans
from storywire.models import Article

WIRE = [
    "Angela Merkel met Emmanuel Macron in Berlin on Tuesday to discuss gas supplies.",
    "Merkel said the talks with Macron had been useful.",
    "\u201cWe will keep working together,\u201d Merkel told reporters.",
    "It rained all day and the meeting ran late.",
    "Macron later flew to Brussels, where NATO officials were waiting.",
    "The European Commission will publish its plan on Friday, Macron said.",
]
OWN = {
    1: ["Merkel thanked Macron for coming to Berlin.", "Officials in Brussels welcomed the talks."],
    2: ["Vladimir Putin did not comment on the meeting.", "Putin was in Moscow."],
    3: ["The meeting came a week after a summit in Warsaw.", "Merkel and Macron will meet again in Paris."],
}


@pytest.fixture(scope="module")
def nlp():
    model = get_nlp()
    if model is None:
        pytest.skip("no spaCy model installed")
    return model


def _articles() -> list[Article]:
    t0 = datetime(2024, 3, 5, 9, tzinfo=UTC)
    return [Article(aid, f"Outlet {aid}", f"Merkel and Macron meet ({aid})", " ".join(WIRE + own), f"h{aid}",
                    t0 + timedelta(minutes=aid)) for aid, own in OWN.items()]


def _every_sentence_story(arts: list[Article], nlp) -> dict:
    """The story object with NER run on every sentence (as before the restriction)."""
    parts = {}
    for a in arts:
        computed = analyse_story_parts(0, [a], {}, 4, nlp)[1][0]
        spans = [a.text[s:e] for _, s, e in computed.sentences]
        parts[a.id] = ArticleParts(a.id, computed.digest, computed.method, computed.sentences, computed.skip_paras,
                                   tuple(mentions(spans, nlp)), computed.quotes)
    return analyse_story_parts(9, arts, parts, 4, nlp)[0]


def test_capitalised_words_leave_out_an_opening_common_word():
    assert capitalised_words("The talks with Macron had been useful.") == {"Macron"}
    assert capitalised_words("\u201cWe will keep working,\u201d Merkel's aide said.") == {"Merkel"}
    assert capitalised_words("Merkel said it rained.") == {"Merkel"}
    assert capitalised_words("It rained all day.") == set()


def test_sentences_with_only_known_names_get_the_names_ner_found(nlp):
    sentences = [WIRE[0], WIRE[1], WIRE[3], "Macron and Merkel spoke again in Berlin."]
    found = article_mentions(sentences, nlp)
    assert found[:2] == mentions(sentences[:2], nlp)  # NER read these: each brings a new name
    assert found[2] == ()  # no name at all
    assert {m for m in found[3]} == {("Macron", "PERSON"), ("Merkel", "PERSON"), ("Berlin", "GPE")}


def test_story_entities_and_quotes_match_ner_on_every_sentence(nlp):
    arts = _articles()
    story = analyse_story(9, arts, nlp=nlp)
    full = _every_sentence_story(arts, nlp)
    top = [(e["name"], e["label"], e["article_ids"]) for e in story["entities"][:8]]
    assert top == [(e["name"], e["label"], e["article_ids"]) for e in full["entities"][:8]]
    counts = {e["name"]: e["count"] for e in full["entities"]}
    assert all(abs(e["count"] - counts[e["name"]]) <= 1 for e in story["entities"][:8])  # NER itself varies
    by_name = {e["name"]: e for e in story["entities"]}
    assert by_name["Angela Merkel"]["label"] == "PERSON" and by_name["Angela Merkel"]["article_ids"] == [1, 2, 3]
    assert by_name["Vladimir Putin"]["article_ids"] == [2] and by_name["Moscow"]["label"] == "GPE"
    assert story["quotes"] == full["quotes"]
    quote = next(q for q in story["quotes"] if "keep working together" in q["text"])
    assert quote["speaker"] in ("Merkel", "Angela Merkel") and len(quote["carriers"]) == 3


def test_parts_record_the_entity_finder(nlp):
    a = _articles()[0]
    parts = analyse_story_parts(1, [a], {}, 4, nlp)[1][0]
    assert finder_name(nlp) in parts.method and len(parts.sentences) == len(sentence_spans(a.text))


def test_stored_parts_of_another_finder_are_used_when_asked(nlp):
    """A briefing analyses a story not yet analysed with the heuristic finder, but from the parts stored
    for its articles (found by spaCy): nothing is computed again and the entities are spaCy's."""
    arts = _articles()
    story, computed = analyse_story_parts(9, arts, {}, 4, nlp)
    parts = {p.article_id: p for p in computed}
    reused, again = analyse_story_parts(9, arts, parts, 4, nlp=False, any_finder=True)
    assert again == [] and reused == story
    heuristic, recomputed = analyse_story_parts(9, arts, parts, 4, nlp=False)
    assert len(recomputed) == len(arts) and heuristic["entities"] != story["entities"]
    revised = [replace(arts[0], text=arts[0].text + " Putin left."), *arts[1:]]
    assert [p.article_id for p in analyse_story_parts(9, revised, parts, 4, nlp=False, any_finder=True)[1]] == [1]


class _Span:
    def __init__(self, text: str, label: str) -> None:
        self.text, self.label_ = text, label


class _OneMistakeNer:
    """A stand-in NER that makes the small model's mistake: a person's name run on into the words after it."""

    def pipe(self, texts, batch_size=64):
        for t in texts:
            ents = [_Span("Raye winning Songwriter of", "PERSON")] if "Raye winning" in t else []
            ents += [_Span("rapper Drake", "PERSON")] if "rapper Drake" in t else []
            ents += [_Span("GOP’s Hunter Biden", "PERSON")] if "GOP’s Hunter Biden" in t else []
            yield type("Doc", (), {"ents": ents})()


def test_a_person_mention_run_on_into_common_words_is_cut_to_the_name():
    found = mentions(["Raye winning Songwriter of the Year was the moment of the night.",
                      "Raye thanked the rapper Drake.", "The Year of the Songwriter was Raye's, the night of nights."],
                     _OneMistakeNer())
    assert found[0] == (("Raye", "PERSON"),)
    assert ("Drake", "PERSON") in found[1]
    assert all(surface not in ("of", "Songwriter of") for ments in found for surface, _ in ments), found
    owned = mentions(["FUTILE EXERCISE: GOP’s Hunter Biden deposition goes nowhere"], _OneMistakeNer())
    assert owned[0] == (("Hunter Biden", "PERSON"),)  # the party is not part of his name
