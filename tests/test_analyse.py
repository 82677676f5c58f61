"""Coverage comparison on small project-written fixtures."""
from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from storywire.analyse import KEYS, analyse_story
from storywire.analyse.quotes import extract_quotes, quote_spans
from storywire.analyse.sentences import split_sentences
from storywire.analyse.wire import detect_credits
from storywire.models import Article

T0 = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)


def art(aid, source, text, title="", minutes=0, published=True):
    t = T0 + timedelta(minutes=minutes)
    return Article(id=aid, source=source, title=title or f"{source} story", text=text, content_hash=str(aid),
                   fetched=t, published=t if published else None)


def test_sentences_news_abbreviations():
    s = split_sentences('Mr. Macron will travel to Kyiv on Feb. 7 with U.S. officials. Lt. Col. Smith agreed. '
                        '"We go," he said. "It is time." Then he left.')
    assert s == ["Mr. Macron will travel to Kyiv on Feb. 7 with U.S. officials.", "Lt. Col. Smith agreed.",
                 '"We go," he said.', '"It is time."', "Then he left."]
    assert split_sentences("One line\nSecond line") == ["One line", "Second line"]


def test_a_name_with_initials_is_one_sentence_unless_a_sentence_opens_after_them():
    assert split_sentences("Cheeks is closer to the Randy Wittman/P.J. Carlesimo pile. Many felt it.") == [
        "Cheeks is closer to the Randy Wittman/P.J. Carlesimo pile.", "Many felt it."]
    assert split_sentences("He moved to the U.S. He left soon. She joined the U.S. Army.") == [
        "He moved to the U.S.", "He left soon.", "She joined the U.S. Army."]


def test_a_state_punkt_reads_as_a_legal_abbreviation_still_ends_a_sentence():
    assert split_sentences("Cruz won the caucus in Iowa. And Cruz said so. The vote in New York. Sanders said he "
                           "would fight on. He was in Salt Lake City, Utah. \u201cWe will win,\u201d he said.") == [
        "Cruz won the caucus in Iowa.", "And Cruz said so.", "The vote in New York.", "Sanders said he would fight on.",
        "He was in Salt Lake City, Utah.", "\u201cWe will win,\u201d he said."]
    assert split_sentences("Shares of Apple Inc. The company said. Apple Inc. Chief Executive Tim Cook spoke.") == [
        "Shares of Apple Inc.", "The company said.", "Apple Inc. Chief Executive Tim Cook spoke."]


def test_a_sentence_ends_after_a_lower_case_word_punkt_reads_as_an_abbreviation():
    assert split_sentences("He looked like the dog that caught the car. His campaign protested. Orozco will be "
                           "held without bail. Joining Cooley was Assistant Sheriff Doyle Campbell.") == [
        "He looked like the dog that caught the car.", "His campaign protested.",
        "Orozco will be held without bail.", "Joining Cooley was Assistant Sheriff Doyle Campbell."]
    assert split_sentences("Ohio State vs. Michigan was close. It ended at 5 p.m. Central time. Visit example.com. "
                           "Then call.") == [
        "Ohio State vs. Michigan was close.", "It ended at 5 p.m. Central time.", "Visit example.com.", "Then call."]


def test_a_quoted_question_keeps_its_attribution():
    s = split_sentences('"Don\'t they understand it?" Putin asked during his state-of-the-nation address. '
                        '"Enough!" the minister shouted at reporters. "Who pays?" asked Smith. '
                        '"Is it over?" The answer came on Friday.')
    assert s == ['"Don\'t they understand it?" Putin asked during his state-of-the-nation address.',
                 '"Enough!" the minister shouted at reporters.', '"Who pays?" asked Smith.', '"Is it over?"',
                 "The answer came on Friday."]


def test_alignment_with_small_edits():
    a = art(1, "Paper A",
            "Mr. Macron aims to capitalize on limited progress made during \u201cNormandy format\u201d talks.\n\n"
            "The trip, co-ordinated with Washington and Berlin, is part of diplomatic efforts to defuse tensions.\n\n"
            "Local reaction in Lyon was muted, with few residents following the talks closely at all.")
    b = art(2, "Paper B", "Macron aims to capitalise on limited progress made during \"Normandy format\" talks.\n\n"
            "The trip, coordinated with Washington and Berlin, is part of diplomatic efforts to defuse tensions.\n\n"
            "Analysts in Warsaw said the visit was a gamble that could easily backfire on the president.", minutes=5)
    d = analyse_story(1, [b, a], nlp=False)
    assert tuple(d) == KEYS
    shared = d["shared_passages"]
    assert len(shared) == 2 and all(p["article_ids"] == [1, 2] for p in shared)
    assert shared[0]["text"].startswith("Mr. Macron aims")  # text from the earliest article
    unique = {u["article_id"]: u["passages"] for u in d["unique_passages"]}
    assert unique[1] == ["Local reaction in Lyon was muted, with few residents following the talks closely at all."]
    assert unique[2][0].startswith("Analysts in Warsaw")
    assert 0.5 < d["articles"][0]["share_shared"] < 0.8
    assert all(p["origin"] is None for p in shared)  # nobody credits a wire service


def test_an_outlets_sub_headings_are_not_what_it_adds():
    shared = "The trip, co-ordinated with Washington and Berlin, is part of diplomatic efforts to defuse tensions."
    a = art(1, "Paper A", f"{shared}\n\n'Throw of the dice'\n\n"
            "A French official told reporters that Macron would see what could be negotiated.\n\n"
            "No third party has a veto right on future membership, says NATO's deputy chief\n\n"
            "The alliance's deputy chief played down the prospect of Ukraine joining it any time soon.")
    b = art(2, "Paper B", f"{shared}\n\nAnalysts in Warsaw said the visit was a gamble.\n\nThe vote is on Tuesday",
            minutes=5)
    unique = {u["article_id"]: u["passages"] for u in analyse_story(1, [a, b], nlp=False)["unique_passages"]}
    assert unique[1] == ["A French official told reporters that Macron would see what could be negotiated.",
                         "The alliance's deputy chief played down the prospect of Ukraine joining it any time soon."]
    # a last paragraph without a full stop is the article's own words, not a heading
    assert unique[2] == ["Analysts in Warsaw said the visit was a gamble.", "The vote is on Tuesday"]


def test_shared_fragment_inside_rewritten_sentence():
    a = art(1, "A", "The president heads to Moscow on Monday hoping to ensure Europe gets a say in broader "
            "negotiations over Ukraine, but risks embarrassment.")
    b = art(2, "B", "Officials confirmed a visit next week, hoping to ensure Europe gets a say in broader negotiations "
            "over Ukraine.", minutes=1)
    d = analyse_story(2, [a, b], nlp=False)
    assert [p["text"] for p in d["shared_passages"]] == [
        "hoping to ensure Europe gets a say in broader negotiations over Ukraine"]


def test_quote_split_by_attribution():
    text = ("Jane Doe, the city's mayor, spoke on Monday.\n\n"
            "\u201cWe are ready,\u201d Doe said, \u201cto talk to anyone who wants peace.\u201d\n\n"
            "\"The first part ends here,\" said John Smith. \"And the second part follows it.\"")
    qs = extract_quotes(1, text)
    assert [(q.text, q.speaker) for q in qs] == [
        ("We are ready to talk to anyone who wants peace.", "Jane Doe"),  # the article's full name for "Doe"
        ("The first part ends here. And the second part follows it.", "John Smith"),
    ]
    assert qs[1].speaker_full == "John Smith" and qs[1].attribution == "said John Smith"


def test_nested_quotes():
    text = ("\u201cHe told me \u2018never again,\u2019 and I believed him at the time,\u201d said Jane Doe.\n\n"
            "\"They called it \"a disaster\" in the report we read,\" said Tom Lee.")
    qs = extract_quotes(1, text)
    assert [q.speaker for q in qs] == ["Jane Doe", "Tom Lee"]
    assert qs[0].text == "He told me \u2018never again,\u2019 and I believed him at the time"
    assert qs[1].text == 'They called it "a disaster" in the report we read'


def test_unbalanced_quotes_never_crash():
    texts = ["\u201cThis quote never closes and goes on to the end of the paragraph, said Bob.",
             "A stray \u201d closing mark and a \" lone straight one.", "\"", "\u201c\u201d",
             "\u201d\u201c\u201d\"\"\"", "He said \u201c", ""]
    for t in texts:
        extract_quotes(1, t)
        analyse_story(1, [art(1, "A", t)], nlp=False)
    assert quote_spans("a \u201cb") == [(3, 4, False)]
    q = extract_quotes(1, texts[0])
    assert len(q) == 1 and q[0].text.startswith("This quote never closes")


def test_no_quotes():
    d = analyse_story(3, [art(1, "A", "Rain fell on the city all day. Traffic was slow on the ring road."),
                          art(2, "B", "Rain fell on the city all day. Schools stayed open.", minutes=3)], nlp=False)
    assert d["quotes"] == []
    assert d["shared_passages"][0]["text"] == "Rain fell on the city all day."


def test_one_article_story():
    a = art(9, "Solo Times", "PARIS (AFP) - France's interior minister resigned on Friday after a week of protests in "
            "the capital.\n\n\u201cI take full responsibility,\u201d the minister told reporters.",
            title="Minister resigns", published=False)
    d = analyse_story(4, [a], nlp=False)
    json.dumps(d)
    assert d["title"] == "Minister resigns"
    assert d["shared_passages"] == []
    assert d["articles"][0]["share_unique"] == 1.0 and d["articles"][0]["origin"] == "AFP"
    assert d["timeline"] == [{"article_id": 9, "source": "Solo Times", "time": None,  # undated: no time
                              "first_for_source": True}]
    assert d["quotes"][0]["speaker"] == "the minister" and d["quotes"][0]["cue"] == "told reporters"
    assert 1 <= len(d["summary"]) <= 2


def test_empty_story():
    d = analyse_story(5, [], nlp=False)
    assert tuple(d) == KEYS and d["articles"] == [] and d["summary"] == []
    d = analyse_story(6, [art(1, "A", "")], nlp=False)
    assert d["articles"][0]["share_shared"] == 0.0


def test_wire_credits():
    kinds = lambda text: sorted((c.agency, c.kind) for c in detect_credits(text))  # noqa: E731
    assert kinds("Body.\n\n(FRANCE 24 with REUTERS)") == [("Reuters", "credit-line")]
    assert kinds("Putin speaks in Moscow, on June 26, 2020.Sputnik Photo Agency/Reuters") == []
    assert kinds("\u00a9 Ludovic Marin, AP") == []
    assert kinds("REUTERS/Evelyn Hockstein") == []
    assert kinds("WASHINGTON (AP) \u2014 The Senate voted.") == [("AP", "dateline")]
    assert kinds("\u201cIt is over,\u201d one aide told Reuters.") == [("Reuters", "told")]
    assert kinds("With files from The Canadian Press") == [("The Canadian Press", "credit-line")]
    assert kinds("(Reporting by Jane Roe; Editing by Tom Doe)") == [("Reuters", "trailer")]


def test_a_body_paragraph_mentioning_a_photo_is_analysed():
    """A caption or credit is left out of the analysis; a body paragraph that only mentions photographs (or the
    Academy of Motion Picture Arts and Sciences) is story text. Every paragraph holding the word "photo" or
    "picture" used to be dropped, and with it whole single-paragraph articles."""
    body = ("Hugh Jackman will host the 81st Academy Awards, the Academy of Motion Picture Arts and Sciences "
            "announced on Friday. The Australian actor posed for photographs with the show's producers in "
            "Beverly Hills. Jackman said he was thrilled and would sing at the ceremony on February 22.")
    caption = "\n\nHugh Jackman at the Kodak Theatre in Los Angeles on Friday, February 20. Photo: Getty Images"
    a = art(1, "Paper A", body + caption)
    b = art(2, "Paper B", body.replace("Friday", "Friday morning") + caption, minutes=20)
    d = analyse_story(1, [a, b], nlp=False)
    assert any("Jackman will host the 81st Academy Awards" in s["text"] for s in d["summary"])
    assert any("Jackman will host" in p["text"] for p in d["shared_passages"])
    assert not any("Kodak Theatre" in p["text"] for p in d["shared_passages"] + d["summary"])


def test_timeline_order_and_first_for_source():
    arts = [art(1, "A", "x y z.", minutes=30), art(2, "B", "x y z.", minutes=10), art(3, "A", "x y z.", minutes=50)]
    tl = analyse_story(1, arts, nlp=False)["timeline"]
    assert [(t["article_id"], t["first_for_source"]) for t in tl] == [(2, True), (1, True), (3, False)]


def test_heuristic_entities_merge_forms():
    a = art(1, "A", "French President Emmanuel Macron met officials in Paris. Mr. Macron said little. "
            "Later, Macron flew to Berlin with NATO officials.")
    ents = analyse_story(1, [a], nlp=False)["entities"]
    macron = [e for e in ents if "Macron" in e["name"]]
    assert len(macron) == 1 and macron[0]["name"] == "Emmanuel Macron" and macron[0]["count"] == 3
    labels = {e["name"]: e["label"] for e in ents}
    assert labels["Paris"] == "GPE" and labels["NATO"] == "ORG"


def test_story_title_is_a_headline_not_a_body_start():
    """A page without a headline is stored with the start of its body as title; the story takes a real one."""
    body = ("The central bank raised its main rate by half a point on Thursday, the largest increase in two decades, "
            "as inflation stayed above eight percent for a third month.\n\nThe bank said more increases were likely.")
    no_headline = art(1, "Daily Ledger", body, title=body.split("\n")[0][:200], minutes=0)
    headlined = art(2, "Morning Herald", "The central bank raised its main rate by half a point on Thursday, its "
                    "biggest move in twenty years.\n\nEconomists had expected a smaller rise.",
                    title="Central bank makes biggest rate rise in 20 years", minutes=30)
    d = analyse_story(5, [no_headline, headlined], nlp=False)
    assert d["title"] == "Central bank makes biggest rate rise in 20 years"
    alone = analyse_story(6, [no_headline], nlp=False)
    assert alone["title"] == no_headline.title  # nothing better: the body start stays


def test_story_title_is_a_headline_not_a_long_body_start_cut_with_an_ellipsis():
    """A page dump without a headline whose first paragraph is long (as in ../shared/samples) is stored with that
    paragraph cut after a word and marked "…" as its title: still a body start, so the story takes the headline."""
    from storywire.store.articles import TITLE_CHARS
    from storywire.words import shorten

    lead = ("French President Emmanuel Macron heads to talks with Russian counterpart Vladimir Putin in Moscow on "
            "Monday hoping to ensure Europe gets a say in broader U.S.-Russian negotiations over Ukraine, but risks "
            "embarrassment if he returns empty-handed.")
    dump = art(1, "unknown", lead + "\n\nThe trip is co-ordinated with Washington and Berlin.",
               title=shorten(lead, TITLE_CHARS), minutes=0)
    assert dump.title.endswith("\u2026")
    headlined = art(2, "France 24", "French President Emmanuel Macron will meet Russian President Vladimir Putin in "
                    "Moscow on February 7.\n\nThe trip is co-ordinated with Washington and Berlin.",
                    title="France's Macron to meet Putin and Zelensky in separate talks next week", minutes=30)
    assert analyse_story(7, [dump, headlined], nlp=False)["title"] == headlined.title
