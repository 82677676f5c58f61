"""Quote attribution: the patterns of news English, one canonical speaker per person, never a guess; `eval quotes`."""
from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest

from storywire.analyse.quote_eval import evaluate, read_cases, summary
from storywire.analyse.quotes import Quote, extract_quotes, merge_quotes
from storywire.analyse.speakers import split_speaker, trim_phrase

EXE = Path(sys.executable).parent / "storywire"
REPO = Path(__file__).resolve().parents[1]


def quotes_of(text: str) -> list[Quote]:
    return extract_quotes(1, text)


def assert_speaker_in(text: str, words: str, allowed: list[str | None]) -> None:
    """The one quote holding ``words`` is credited to one of ``allowed`` (None: no quote, or credited to no one)."""
    found = [q for q in quotes_of(text) if words in q.text]
    assert len(found) <= 1, [(q.text, q.speaker) for q in found]
    assert (found[0].speaker if found else None) in allowed, [(q.speaker, q.via) for q in found]


def quote(text: str, words: str) -> Quote:
    found = [q for q in quotes_of(text) if words in q.text]
    assert len(found) == 1, [(q.text, q.speaker) for q in quotes_of(text)]
    return found[0]


def test_speaker_after_the_quote_trimmed_of_time_and_place_with_role_apart():
    text = ("\u201cI am asking my colleagues to give me the opportunity,\u201d Texas senator John Cornyn said on "
            "Thursday in Washington.")
    q = quote(text, "asking my colleagues")
    assert (q.speaker, q.role, q.speaker_full) == ("John Cornyn", "Texas senator", "Texas senator John Cornyn")
    q = quote("\u201cWe will keep the plant open for now,\u201d said Maria Lopez, the plant's manager, on Friday.",
              "keep the plant open")
    assert (q.speaker, q.role) == ("Maria Lopez", "the plant's manager")


def test_speaker_before_the_quote_and_in_the_sentence_before_or_after():
    q = quote("Lord Walney told The Telegraph: \u201cThere is a gap in the understanding of the threat.\u201d", "gap")
    assert q.speaker == "Lord Walney"
    text = ("Anna Berg, the harbour master, walked along the empty quay. \u201cNo ship has come in for a week.\u201d")
    assert quote(text, "No ship has come").speaker == "Anna Berg"
    text = "\u201cThe water is still rising.\u201d Ms. Berg added that the quay would stay closed."
    assert quote(text, "water is still rising").speaker == "Berg"


def test_pronoun_resolves_to_the_nearest_fitting_person_in_the_paragraph_or_the_one_before():
    text = ("Ms. Ernst asked Mr. Vilsack about the empty offices of his department.\n\n"
            "He did not answer directly.\n\n"
            "\u201cTo suggest that they are not working is an affront to them,\u201d he said.")
    q = quote(text, "affront")
    assert q.speaker == "Vilsack" and q.is_person
    text = ("Tammy Murphy, who worked at Goldman Sachs, pushed back at the notion. She spoke in Trenton.\n\n"
            "\u201cI have been on the ground for the last eight years,\u201d she said.")
    assert quote(text, "on the ground").speaker == "Tammy Murphy"


def test_relative_clauses_and_genders_learned_from_pronouns():
    q = quote("\u201cNever in my years here have I seen such neglect,\u201d one former staff member who resigned in "
              "October wrote.", "such neglect")
    assert q.speaker == "one former staff member"
    q = quote("\u201cIt takes away from the care of the animals,\u201d the former employee, who requested anonymity, "
              "said.", "care of the animals")
    assert q.speaker == "the former employee"
    text = ("Sarah Rae said she joined the church at 19 after meeting its founder, Paul Emeka.\n\n"
            "Paul Emeka would pray over her for hours, and he said the church would grow.\n\n"
            "\u201cI had abandoned friends, family, my former life,\u201d she said.")
    assert quote(text, "abandoned friends").speaker == "Sarah Rae"


def test_person_known_by_one_name_and_genders_learned_outside_quotes():
    text = ("When Mara first came to the city, she was sure the job would last.\n\n"
            "\u201cI thought I was set for life, and then he called me in,\u201d she said.\n\n"
            "\u201cOnce he got that in place he would never listen,\u201d Mara said of the owner.\n\n"
            "Mara left in 2013. \u201cI had abandoned friends, family, everything,\u201d she said.")
    assert quote(text, "set for life").speaker == "Mara"
    assert quote(text, "abandoned friends").speaker == "Mara"


def test_he_is_never_the_woman_quoted_last():
    text = ("The bakery opens before dawn. \u201cWe start at five every morning,\u201d said Mrs Cole.\n\n"
            "\u201cThat is not true at all,\u201d he protested.")
    q = quote(text, "not true at all")
    assert q.speaker is None  # "he" is not Mrs Cole, and the text names no man


def test_an_epithet_stands_for_the_person_just_quoted_when_no_one_else_is_named():
    text = ("\u201cWe had police with rifles on the gates,\u201d Jane Okoro said. While this may have been for "
            "safety, the former volunteer added: \u201cEssentially you were trapped there.\u201d\n\n"
            "\u201cI had abandoned my former life,\u201d said the 43-year-old, who now lives in Devon.")
    assert quote(text, "trapped there").speaker == "Jane Okoro"
    assert quote(text, "abandoned my former life").speaker == "Jane Okoro"
    text = ("\u201cWe had police on the gates,\u201d Jane Okoro said.\n\n"
            "Her manager, Tom Reyes, disputed the account.\n\n"
            "\u201cI had abandoned my former life,\u201d said the 43-year-old.")
    q = quote(text, "abandoned my former life")
    assert q.speaker == "Tom Reyes"  # someone named since the last quote: the subject named just before


def test_description_resolves_to_the_person_whose_role_fits():
    text = ("Interior Minister Gerald Darmanin visited the border post on Monday.\n\n"
            "\u201cWe will not let anyone through without papers,\u201d the minister said.")
    q = quote(text, "without papers")
    assert (q.speaker, q.role) == ("Gerald Darmanin", "Interior Minister")
    text = ("Russian President Vladimir Putin spoke to parliament.\n\n"
            "\u201cWe also have weapons that can strike their territory,\u201d the Russian dictator continued.")
    assert quote(text, "weapons that can strike").speaker == "Vladimir Putin"


def test_speaker_from_the_parse_when_no_rule_matches():
    """The subject of the speech verb that governs the quote, from spaCy's parse of the quote's sentence."""
    pytest.importorskip("spacy")
    from storywire.analyse.speech_parse import get_parser

    if get_parser() is None:
        pytest.skip("no spaCy English model installed")
    text = ("\u201cWe will rebuild the bridge before the winter comes,\u201d Dana Okafor said as she opened the "
            "town meeting in Leeds.")
    assert quote(text, "rebuild the bridge").speaker == "Dana Okafor"
    text = "Senator Paul Rhee (D-OR) emerged and said, \u201cWe have the votes to pass it this week.\u201d"
    assert quote(text, "have the votes").speaker == "Paul Rhee"
    text = ("Lena Ortiz rarely spoke during the hearing.\n\nLater, she walked to the microphone and added, "
            "\u201cNo school in this district will close this year.\u201d")
    assert quote(text, "No school in this district").speaker == "Lena Ortiz"


def test_he_is_the_man_quoted_before_the_woman_quoted_last():
    text = ("\u201cI love this old town,\u201d Ethan Park said. He smiled at the crowd.\n\n"
            "His wife, Tricia Moss, laughed. \u201cEthan is always working,\u201d Moss went on. She turned to him. "
            "\u201cThere is never a spare minute in your day.\u201d\n\n"
            "\u201cThat is actually not true at all,\u201d he protested.")
    assert quote(text, "not true at all").speaker == "Ethan Park"


def test_title_ending_in_an_organisation_and_phrases_trimmed_at_their_head():
    text = ("Mid Valley Christian Head of School Vicky Ferro wrote that the rule \u201cputs the safety of our "
            "players at risk every single week.\u201d")
    q = quote(text, "safety of our players")
    assert (q.speaker, q.role) == ("Vicky Ferro", "Mid Valley Christian Head of School")
    q = quote("\u201cWe cannot pay the March salaries this year,\u201d Kim Ander quietly said.", "March salaries")
    assert q.speaker == "Kim Ander"
    text = ("The plan adds buses to the busiest routes, \u201cthe biggest expansion of service in twenty years,"
            "\u201d according to the Transit Authority brief.")
    assert quote(text, "biggest expansion").speaker == "the Transit Authority"


def test_a_role_description_is_the_one_person_named_nearby():
    text = ("Mr Hale hinted at a cut to the fuel duty on Friday.\n\n"
            "Asked about further cuts, the Prime Minister said: \u201cWe chose to cut the tax on work first.\u201d")
    assert quote(text, "tax on work").speaker == "Hale"
    text = ("Mr Hale hinted at a cut in the Spring Budget on Friday.\n\n"
            "Asked about further cuts, the Prime Minister said: \u201cWe chose to cut the tax on work first.\u201d")
    assert quote(text, "tax on work").speaker == "Hale"  # "the Spring Budget" names no person
    text = ("Mr Hale and Ms Ruiz met on Friday.\n\n"
            "Asked about further cuts, the Prime Minister said: \u201cWe chose to cut the tax on work first.\u201d")
    q = quote(text, "tax on work")
    assert q.speaker == "the Prime Minister" and not q.is_person  # two people named: no guess


def test_a_closing_mark_opening_a_quote_opens_it():
    text = ("Ron Dale suggests listening. \u201dLetting them know it makes sense to hurt is very helpful,\u201d he "
            "said. \u201cIt gives them permission to feel it.\u201d")
    q = quote(text, "Letting them know")
    assert q.speaker == "Ron Dale"
    assert q.text == "Letting them know it makes sense to hurt is very helpful. It gives them permission to feel it."


def test_two_curly_apostrophes_close_a_quote():
    text = "\u201cImagine a city without a single car on its streets,\u2019\u2019 Ms. Ruiz said. It was noon."
    q = quote(text, "Imagine a city")
    assert (q.speaker, q.text) == ("Ruiz", "Imagine a city without a single car on its streets")


def test_it_and_the_company_are_the_organisation_named_before():
    text = ("Northwind Motors will close 12 plants over three years. The company said the closures would save "
            "two billion dollars a year.")
    assert quote(text, "closures would save").speaker == "Northwind Motors"
    text = ("Brightmart\u2019s will close 150 stores by next year. It said it would open 30 smaller shops in city "
            "centres.")
    assert quote(text, "smaller shops").speaker == "Brightmart\u2019s"
    text = ("The Interior Ministry confirmed the arrests on Monday.\n\n\u201cThe suspects were planning an attack "
            "on the station,\u201d it said in a statement.")
    assert quote(text, "suspects were planning").speaker == "the Interior Ministry"
    text = ("\u201cThe school cannot take part in the league,\u201d the lawsuit states.\n\n"
            "\u201cThe State is entitled to its own views,\u201d it argues.")
    assert quote(text, "entitled to its own views").speaker == "the lawsuit"


def test_it_with_no_organisation_named_credits_no_one():
    text = "Residents fled the valley on Monday after the rain.\n\nIt said the dam would hold for another week."
    assert not [q for q in quotes_of(text) if q.speaker]
    text = ("Residents fled the valley on Monday.\n\n\u201cThe dam will hold for at least another week,\u201d it "
            "said.")
    assert quote(text, "dam will hold").speaker is None


def test_quote_running_over_several_paragraphs():
    text = ("Lord Walney said: \u201cOne of the conclusions of my review is to look at the far-left threat.\n\n"
            "\u201cFor understandable reasons, the focus since 9/11 has been on violent terrorism.\n\n"
            "\u201cYou are seeing an unholy alliance between groups on the marches.\u201d\n\n"
            "The Home Office declined to comment on the review.")
    for words in ("conclusions of my review", "understandable reasons", "unholy alliance"):
        assert quote(text, words).speaker == "Lord Walney"
    text = ("At 82, Mitch McConnell has spent close to half his life in the Senate. He said:\n\n"
            "\u201cI stand before you today to say this will be my last term as Republican Leader.\u201d")
    assert quote(text, "I stand before you today").speaker == "Mitch McConnell"


def test_partial_quotes_inside_paraphrase_and_questions():
    text = ("During his address, Putin accused Western nations of \u201cselecting targets for striking our "
            "territory.\u201d\n\n"
            "\u201cDon't they understand it?\u201d Putin asked during his address. \u201cThose people have "
            "forgotten what war means.\u201d")
    assert quote(text, "selecting targets").speaker == "Putin"
    q = quote(text, "Don't they understand it?")
    assert q.speaker == "Putin" and "forgotten what war means" in q.text
    text = ("French Minister of Foreign Affairs Stephane Sejourne later clarified the comments, saying that "
            "support \u201cmust respond to very specific needs\u201d of Ukraine.")
    q = quote(text, "very specific needs")
    assert (q.speaker, q.role) == ("Stephane Sejourne", "French Minister of Foreign Affairs")


def test_interview_verbs_inverted_attribution_and_an_apposition_after_the_name():
    text = ("\u201cYou said the vote was rigged,\u201d Fridman began. \u201cWas it stolen?\u201d\n\n"
            "\u201cIt was completely stolen,\u201d Carlson answered.")
    assert quote(text, "vote was rigged").speaker == "Fridman"
    assert quote(text, "completely stolen").speaker == "Carlson"
    text = ("This year, says former US representative Andy Levin (D-Mich.), \u201cI don't think that the "
            "president can win without winning Michigan.\u201d")
    q = quote(text, "can win without")
    assert (q.speaker, q.role) == ("Andy Levin", "former US representative")
    text = ("\u201cWhat we know is this: Michigan is going to be a significant state,\u201d explained majority "
            "leader Abraham Aiyash, a Democrat who said that voters would demand more.")
    assert quote(text, "significant state").speaker == "Abraham Aiyash"


def test_a_leading_subordinate_clause_names_no_speaker():
    text = ("After the watchdog group accused Lara of a secret deal, Michael Soller put out a statement saying "
            "that the group\u2019s \u201ccynical claims hide the truth about its own fees.\u201d He added that "
            "the group \u201cis turning a blind eye to what consumers need.\u201d")
    assert quote(text, "cynical claims").speaker == "Michael Soller"
    assert quote(text, "blind eye").speaker == "Michael Soller"
    text = "\u201cIt was a bit of an eye opener,\u201d Christensen says of the study, called Project M."
    assert quote(text, "eye opener").speaker == "Christensen"


def test_the_speech_verb_nearest_the_quote_gives_its_speaker():
    text = ("Nina Park scored twice for the visitors on Saturday.\n\n"
            "Park is making it hard for the national coach to leave her out of the squad and Dalton added: "
            "\u201cShe has earned her place in the team every single week.\u201d")
    assert quote(text, "earned her place").speaker == "Dalton"
    text = "Mary Lee and Tom Cole said: \u201cWe will fight this ruling in every court we can find.\u201d"
    assert quote(text, "fight this ruling").speaker != "Dalton"


def test_adjectives_before_a_name_are_not_part_of_it():
    text = ("Rob Tanner watched his side lose a fifth game in a row.\n\n"
            "A dejected Tanner said: \u201cWe are down, and I will struggle to sleep tonight.\u201d")
    q = quote(text, "struggle to sleep")
    assert q.speaker == "Rob Tanner" and q.is_person


def test_a_title_given_to_a_thing_is_nobody_s_words():
    text = ("\u201cThe real story of those years is still untold,\u201d says Amy Reid, who read the archives. "
            "Reid\u2019s new book is titled, \u201cThe River Plot: A Secret History of the Harbour Deal.\u201d")
    assert quote(text, "still untold").speaker == "Amy Reid"
    assert quote(text, "River Plot").speaker is None
    text = ("Jon Ames spent a decade on the project. The film was called \u201cA Long Walk Home Across the "
            "Northern Hills\u201d by its producers.")
    assert quote(text, "Long Walk Home").speaker is None


def test_a_role_description_is_the_subject_just_before_it_when_no_one_else_is_named():
    text = ("Former House Speaker Kevin Hale lost his post in the autumn.\n\n"
            "Tom Reyes, a budget analyst, expects a long fight over the spending bills.\n\n"
            "With a straight face, Dana Moss proclaimed that the plan would let the party advance its priorities. "
            "\u201cWe are not surrendering, we are fighting,\u201d the new speaker said at the time.")
    assert quote(text, "not surrendering").speaker == "Dana Moss"
    text = ("Mayor Ruth Byrne opened the bridge on Monday. \u201cThis bridge will carry the city for a century,\u201d "
            "the minister said.")
    assert quote(text, "carry the city").speaker != "Ruth Byrne"  # a mayor is not the minister


def test_a_programme_named_after_told_or_said_on_is_nobody_s_words():
    text = ("Chris Dale appeared on Monday to defend the decision of his school.\n\n"
            "\u201cWe decided to forfeit that game and withdraw from the tournament,\u201d he told \u201cMorning "
            "Show.\u201d Later he said on \u201cEvening News Tonight\u201d that he had no regrets.")
    assert quote(text, "forfeit that game").speaker == "Chris Dale"
    assert not [q for q in quotes_of(text) if "Morning" in q.text and q.speaker]
    assert not [q for q in quotes_of(text) if "Evening News" in q.text and q.speaker]


def test_reported_speech_after_he_or_she_is_the_person_it_stands_for():
    text = ("Steve Dale manages the store on Market Street.\n\n"
            "He said thieves take at least four blazers from the racks every single day. "
            "She also says that the city has done nothing about it.")
    found = [q for q in quotes_of(text) if q.kind == "indirect"]
    assert [(q.text, q.speaker) for q in found] == [
        ("thieves take at least four blazers from the racks every single day", "Steve Dale")]
    text = "The store on Market Street was closed. He said thieves take at least four blazers every single day."
    assert not [q for q in quotes_of(text) if q.kind == "indirect"]  # no man named: no one credited


def test_a_short_quote_with_according_to_at_the_end_of_its_sentence():
    text = ("High winds are causing \u201ccritical fire weather conditions,\u201d and threatening to intensify "
            "the fire, according to forecasters.")
    assert quote(text, "critical fire weather").speaker == "forecasters"
    # a short quote with no speaker is a scare quote, not a quote of anyone
    assert not quotes_of("The accommodation was \u201csuper-basic\u201d, with bunk beds in dormitories.")


def test_according_to_told_statement_wrote_tweeted():
    q = quote("The deal values the company at $1.15 billion, according to Reuters.", "values the company")
    assert (q.kind, q.speaker) == ("indirect", "Reuters")
    q = quote("Russian president Vladimir Putin told Western countries on Thursday they risked provoking a "
              "nuclear war.", "risked provoking")
    assert q.speaker == "Vladimir Putin" and q.text.startswith("they risked") and q.cue.startswith("told Western")
    q = quote("\u201cNothing should be ruled out,\u201d Sejourne said in a statement to reporters.", "ruled out")
    assert q.speaker == "Sejourne"
    q = quote("\u201cOh my, I need a drink after reading this one,\u201d one reviewer wrote on Amazon.", "drink")
    assert q.speaker == "one reviewer"
    q = quote("\u201cThe genocide is too much for that young person,\u201d Khamenei tweeted on Wednesday.",
              "young person")
    assert q.speaker == "Khamenei" and q.cue.startswith("tweeted")


@pytest.mark.parametrize("text, words, speaker", [
    ("The paper blamed what the critic Mara Voss elsewhere calls \u201ca newsroom run on fumes and pride.\u201d",
     "run on fumes", "Mara Voss"),
    ("The editors gave them, in Okafor\u2019s words, \u201cmore room than any paper in the city had ever given.\u201d",
     "more room than", "Okafor"),
    ("Later, Tom Reyes describes the old station chief as \u201ca careful man in a careless decade of the force.\u201d",
     "careful man", "Tom Reyes"),
    ("For as Lena Ortiz explained, \u201cthe question is only the top of a very large and very cold iceberg.\u201d",
     "top of a very large", "Lena Ortiz"),
    ("The fund was closed in 2019, in the words of Amos Pike, \u201cwithout a single word to the savers it held.\u201d",
     "without a single word", "Amos Pike"),
])
def test_words_credited_by_the_phrase_right_before_them(text: str, words: str, speaker: str):
    assert quote(text, words).speaker == speaker


def test_a_quote_in_a_later_sentence_about_someone_else_is_not_joined_to_the_quote_before():
    text = ("The pier is \u201cfalling apart,\u201d one visitor writes in a review. The harbour is old, and even "
            "the ferry line, which runs every hour, will not stop there \u201cbecause the landing is not safe for "
            "our passengers.\u201d")
    q = quote(text, "landing is not safe")
    assert q.speaker is None and "falling apart" not in q.text
    text = ("\u201cThere is still a lot we do not understand about the crystals,\u201d says Dr Ana Raw of the lab. "
            "She highlights the \u201clarge number of factors that can come into play\u201d in the tests.")
    assert quote(text, "large number of factors").speaker == "Ana Raw"


def test_she_is_someone_of_her_paragraph_known_to_be_a_she_before_a_subject_further_back():
    text = ("Harbour Point Marina opened in 1990.\n\n"
            "In a statement to the Gazette, Mayor Dana Kloss said she was worried. She and the council are looking "
            "at \u201cevery option to keep the boats and the people on them safe this winter,\u201d she wrote.")
    assert quote(text, "every option").speaker == "Dana Kloss"


def test_an_epithet_is_the_nearest_subject_named_before_it_whose_gender_fits():
    text = ("The awards opened with a tribute to the postmasters.\n\n"
            "Mrs Ellen Hartley, 66, was wrongly accused of theft from the branch she ran.\n\n"
            "The mother-of-two told the crowd: \u201cThank you all for the love and support you gave us.\u201d")
    assert quote(text, "love and support").speaker == "Ellen Hartley"
    text = ("Mr Tom Baird, 70, ran the shop for years.\n\n"
            "The mother-of-two told the crowd: \u201cThank you all for the love and support you gave us.\u201d")
    q = quote(text, "love and support")
    assert (q.speaker, q.is_person) == ("The mother-of-two", False)  # a "Mr" is no mother: the description stays


def test_an_epithet_is_the_woman_named_a_paragraph_further_whom_the_paragraph_between_calls_she():
    # newspaper3k's pages (tuning): "the actress" past a paragraph about "the Goop founder" and whom "she dated"
    between = "The Goop founder was less kind about Ben Affleck, whom she dated in 2000."
    text = ("Ellen Hartley spoke to Howard Stern about her exes on Monday.\n\n"
            f"{between}\n\n\u201cHe was not in a good place in his life,\u201d the actress said.")
    assert quote(text, "good place").speaker == "Ellen Hartley"
    for other in ("The Goop founder was less kind about Ben Affleck, whom the couple met in 2000.",  # no "she"
                  "One ad stars a Lincoln impersonator who says Ben Affleck won the vote."):
        q = quote(text.replace(between, other), "good place")
        assert (q.speaker, q.is_person) == ("the actress", False)


def test_a_name_in_apposition_to_a_prepositions_object_is_no_subject_an_epithet_stands_for():
    # postlight's pages (tuning): the singer, not her mother named after "posing with her mother,"
    text = ("Lady Gaga shared a photo of her ex-fiance, Taylor Kinney.\n\n"
            "The singer, 30, took to Instagram on Monday to share a photo of the actor posing with her mother, "
            "Cynthia Germanotta. The duo smiled as they dropped letters into a mailbox.\n\n"
            "\u201cMy charity also offers a place to send kind letters to people,\u201d the actress wrote.")
    assert quote(text, "kind letters").speaker == "Lady Gaga"
    text = ("The chief executive of the company, Jane Doe, said profits had doubled. \u201cIt was a great year for "
            "all of us,\u201d the businesswoman said.")
    assert quote(text, "great year").speaker == "Jane Doe"  # the subject's own name, after "of the company,"


@pytest.mark.parametrize(("intro", "description", "speaker"), [
    # a role given in apposition, or by a title, to a person named as an object
    ("Tom Hart, the mayor, met Bob Lee, the governor, on Monday.", "the governor", "Bob Lee"),
    ("Tom Hart, the mayor, met Bob Lee, the governor, on Monday.", "the mayor", "Tom Hart"),
    ("Mayor Tom Hart met Gov. Bob Lee on Monday.", "the governor", "Bob Lee"),
])
def test_a_role_description_is_the_person_the_text_gives_that_role(intro: str, description: str, speaker: str):
    text = f"{intro}\n\n\u201cWe had a frank talk about the budget,\u201d {description} said."
    assert quote(text, "frank talk").speaker == speaker


def test_a_role_description_is_its_paragraphs_subject_before_someone_else_given_the_role_earlier():
    text = ("The deal set former House Speaker Kevin McCarthy on a path to dismissal.\n\n"
            "With a straight face, Mike Johnson proclaimed that the approach would work. \u201cWe\u2019re not "
            "surrendering, we\u2019re fighting,\u201d the new speaker said.")
    assert quote(text, "surrendering").speaker == "Mike Johnson"


def test_a_former_office_holder_is_no_holder_of_the_office_now():
    text = ("The accord set former House Speaker Kevin McCarthy on a path to dismissal.\n\n"
            "With a straight face, Mike Johnson proclaimed that the approach would work. \u201cWe\u2019re not "
            "surrendering, we\u2019re fighting,\u201d the new speaker said.")
    assert quote(text, "surrendering").speaker == "Mike Johnson"
    text = ("Former Florida Gov. Jeb Bush spoke first.\n\n\u201cWe will win this state by a wide margin,\u201d the "
            "former governor said.")
    found = quote(text, "wide margin")
    assert (found.speaker, found.role) == ("Jeb Bush", "Former Florida Gov.")


def test_a_description_a_name_follows_that_is_no_subject_still_stands_between_he_and_the_name_before():
    # ECB+ dev: "He said" is the head's (Abbas Jazayeri's), never the governor's named two sentences before
    text = ("Qeshm Governor Heydar Alishvandi spoke on Sunday. Alishvandi said the first aid trucks were sent on "
            "Monday. Meanwhile, the head of the Interior Ministry's Natural Disasters Headquarters, Abbas Jazayeri, "
            "said that the situation was under control. He said relief workers had completed the shipment of urgent "
            "needs to all villages.")
    assert all(q.speaker != "Heydar Alishvandi" for q in quotes_of(text) if "relief workers" in q.text)


def test_the_company_is_no_public_body_named_before_it():
    text = ("The European Commission fined Apple \u20ac1.8bn on Monday.\n\n\u201cWe will appeal this decision "
            "because it ignores the facts,\u201d the company said.")
    assert (quote(text, "appeal this decision").speaker or "").lower() != "the european commission"
    text = ("Macy's closed 60 stores on Monday.\n\n\u201cWe will appeal this decision because it ignores the "
            "facts,\u201d the company said.")
    assert quote(text, "appeal this decision").speaker == "Macy's"


@pytest.mark.parametrize(("text", "speaker"), [
    ("Protesters chanted \u201cNo more war, no more lies\u201d outside the embassy.", "Protesters"),
    ("Jane Doe walked out of the hall, chanting \u201cNo more war, no more lies.\u201d", "Jane Doe"),
])
def test_chanted_words_are_the_chanters(text: str, speaker: str):
    assert quote(text, "No more war").speaker == speaker


@pytest.mark.parametrize("opening", ["Taking to Instagram, the star wrote:", "The mum-of-two said:",
                                     "The mother-of-four said:"])
def test_a_platform_is_no_one_and_a_parent_of_n_is_the_person_just_named(opening: str):
    text = ("Jane Doe split from Tom Hart in May.\n\n"
            f"{opening} \u201cI am heartbroken but I know it is for the best.\u201d")
    assert quote(text, "heartbroken").speaker == "Jane Doe"


def test_a_relatives_name_after_her_role_opening_the_sentence_before_a_quote_is_the_speaker():
    text = ("Jane Doe spoke first.\n\nHer neighbour Tom Hart agreed. \u201cThe council has left us with nothing at "
            "all.\u201d")
    assert quote(text, "left us with nothing").speaker == "Tom Hart"


@pytest.mark.parametrize(("before", "speaker"), [
    ("Officials said the road would reopen.", "Officials"),
    ("Residents were angry.\n\n", "Residents"),
    ("The club confirmed the move.\n\n", "The club"),
    ("Police arrested a man on Monday.\n\n", "Police"),
    ("The couple married in May.\n\n", "The couple"),
    ("Jane and Tom Doe married in May.\n\n", "Jane and Tom Doe"),  # the two people the sentence opens on
    ("Jane and Tom Doe were arrested in May.\n\n", None),  # not those a passive is about
    ("Tom Hart spoke to residents.\n\n", None),  # "residents" no subject
])
def test_they_is_the_group_the_sentence_before_opens_on(before: str, speaker: str | None):
    text = f"{before} \u201cWe have been left with nothing by everyone in power,\u201d they said."
    assert quote(text, "left with nothing").speaker == speaker


def test_an_honorific_tells_which_of_two_people_of_one_surname_speaks():
    text = "Jane Doe and her husband, Tom Doe, spoke to reporters outside the court."
    words = "\u201cWe will fight on. We have no choice in the matter,\u201d"
    assert quote(f"{text}\n\n{words} Mr Doe said.", "fight on").speaker == "Tom Doe"
    assert quote(f"{text}\n\n{words} Mrs Doe said.", "fight on").speaker == "Jane Doe"


def test_a_description_the_next_name_is_set_beside_is_that_person_for_a_pronoun():
    text = ("A nurse from Leeds, Jane Doe, was at the scene.\n\n\u201cIt was chaos, people were screaming and "
            "running everywhere,\u201d she said.")
    assert quote(text, "chaos").speaker == "Jane Doe"


def test_a_role_description_is_the_subject_named_in_the_next_sentence():
    text = ("The prime minister admitted last month that it was \u201ctoo hard to see a dentist in the town.\u201d "
            "Rishi Sunak said the new plan would fix it.")
    assert quote(text, "too hard to see").speaker == "Rishi Sunak"
    text = ("The prime minister admitted last month that it was \u201ctoo hard to see a dentist in the town.\u201d "
            "Dentists were not convinced. Rishi Sunak said the new plan would fix it.")
    assert quote(text, "too hard to see").speaker == "The prime minister"  # named two sentences on: not taken


def test_an_acronym_speaker_is_the_name_the_article_spelled_out():
    text = ("The Royal Society of Chemistry (RSC) published its review on Monday.\n\n"
            "But the RSC says the plan \u201cwill not keep a single laboratory open next year.\u201d")
    q = quote(text, "single laboratory")
    assert (q.speaker, q.is_person) == ("The Royal Society of Chemistry", False)


def test_an_epithet_after_someone_described_but_not_named_is_not_the_person_quoted_before():
    text = ("\u201cIt happens every single day of the week,\u201d employee Sam Ortiz said.\n\n"
            "In the shoe department, another employee who has worked there for ten years blamed the thefts.\n\n"
            "\u201cIt is the theft, and that people are not coming in any more,\u201d said the worker.")
    q = quote(text, "people are not coming in")
    assert (q.speaker, q.is_person) == ("the worker", False)


def test_it_said_and_the_company_said_never_name_a_thing_as_a_person():
    text = ("It\u2019s another blow for the high street. Shoppers were told on Monday.\n\n"
            "As part of the plan, Dunmore\u2019s will keep 40 stores and close the rest.\n\n"
            "The stores set to close hold a quarter of the floor space but a tenth of sales, the company said."
            "\n\nStaff at the Union Square Dunmore\u2019s said they were told nothing about the plan at all.")
    found = [q for q in quotes_of(text) if "quarter of the floor space" in q.text]
    assert [(q.speaker, q.is_person) for q in found] == [("Dunmore\u2019s", False)]


def test_it_is_the_organisation_described_as_the_subject_before_it():
    text = ("(When asked, a spokesman for the court office replied that \u201cthe matter is closed to comment.\u201d) "
            "The Conference asked a review panel to gather more evidence. The panel told the court that it had to "
            "look again. At a minimum, it said, \u201cthe court should interview every witness named in the "
            "reports.\u201d")
    q = quote(text, "interview every witness")
    assert (q.speaker, q.is_person) == ("the panel", False)
    text = ("Dunmore\u2019s will close 40 stores. At the same time, the company signaled a move to luxury goods. "
            "It said \u201cwe will open fifteen new stores in the biggest cities next spring.\u201d")
    assert quote(text, "fifteen new stores").speaker == "Dunmore\u2019s"
    text = ("Dunmore\u2019s will close 40 stores. \u201cThe rules are not clear to anyone in the trade,\u201d the "
            "ministry said.")
    assert quote(text, "rules are not clear").speaker == "the ministry"  # a shop is no ministry


def test_he_may_stand_for_the_person_a_description_opening_the_sentence_before_names():
    text = ("Party chairman Viktor Olsen on Tuesday blamed the heat for the death of the runner Paul Marsh.\n\n"
            "\u201cThe race should never have started in that heat,\u201d Olsen said.\n\n"
            "Hours earlier, the chairman had also linked Mr Marsh\u2019s collapse to the organisers.\n\n"
            "\u201cThe organisers ignored every warning the doctors gave them,\u201d he said in an earlier post.")
    assert quote(text, "ignored every warning").speaker == "Viktor Olsen"


def test_detokenised_hyphens_an_apposed_name_and_a_leading_place_phrase():
    text = ("Fund head Marie Lenoir - Dufour spoke in Paris. \"Everyone must stay very careful now, \"Lenoir - Dufour "
            "said in an interview.")
    assert quote(text, "stay very careful").speaker == "Marie Lenoir-Dufour"
    text = "Deputy Jerry Vega was killed. \"I just say thank God it is over, \" the deputy's mother, Rosa Vega, said."
    assert quote(text, "thank God it is over").speaker == "Rosa Vega"  # not the deputy
    text = ("In Lisbon, harbour officials tried to calm fears on Monday, insisting it was a \"unique case\" of bad "
            "luck and worse weather.")
    assert [q.speaker for q in quotes_of(text) if "unique case" in q.text] == ["harbour officials"]  # not Lisbon


def test_a_clause_or_a_time_phrase_is_no_speaker_and_the_one_led_to_say_is():
    text = ("Firemen had to hold back a woman outside the bank, who wept and cried \"my son, where is my son. \" "
            "Halvorsen expressed shock at the deaths and vowed to find those responsible.")
    assert all(q.speaker != "Halvorsen expressed shock" for q in quotes_of(text))
    text = ("\"She was the last great star of the decade, '' Jan Ruud, author of \"Her Life in Pictures, '' said in a "
            "1996 interview with a radio programme.")
    assert all(q.speaker != "in a 1996 interview with a radio programme" for q in quotes_of(text))
    text = ("When the bill came up, Dorn moved to block it, leading a frustrated Alma Reyes to denounce her former "
            "aide and say, \"If he knew anything about the clinics in the hills, he would know we need them.\"")
    assert quote(text, "clinics in the hills").speaker == "Alma Reyes"


def test_half_of_a_closing_double_apostrophe_is_not_left_in_the_quote():
    text = "\"We wanted to take the show somewhere new, '' Mark Lane said. \"Hugh was the perfect person for it. ''"
    assert quote(text, "somewhere new").text.endswith("somewhere new. Hugh was the perfect person for it.")


def test_words_one_speaker_reports_another_said_are_the_other_s():
    text = ("Tanya Kroll saw the shooting from her window. But a police spokesman said the witness told detectives she "
            "\"could not see his hands from the angle I was at.\"")
    assert quote(text, "from the angle").speaker == "the witness"
    text = ("Tanya Kroll saw the shooting from her window. A police source said Kroll never told detectives that "
            "\"there was nothing at all in his hands when he fell.\"")
    assert quote(text, "nothing at all in his hands").speaker == "Tanya Kroll"


def test_a_title_inside_a_sentence_is_nobody_s_words():
    text = ("\"The strike worries everyone in this town, '' said Rob Hale, the director of \"A Quiet Mind '' and "
            "\"Harbour Lights, '' on Friday. Hale would not say what the \"Sea Road '' star had planned.")
    assert [(q.text, q.speaker) for q in quotes_of(text) if q.speaker] == [
        ("The strike worries everyone in this town", "Rob Hale")]
    text = "Asked whether he would plead guilty, Dorn responded, \"Yes.\""
    assert quote(text, "Yes").speaker == "Dorn"


def test_a_church_is_no_person_a_description_stands_for():
    text = ("Worshippers at Wasford Bible Church were moved to a school. The fire chief says the fire "
            "\"is definitely suspicious and we are treating it that way.\"")
    q = quote(text, "definitely suspicious")
    assert (q.speaker, q.is_person) == ("The fire chief", False)


def test_a_description_ending_in_a_full_name_is_that_person_and_an_apposed_description_is_not_the_speaker():
    text = ("\"We ask you to respect her family's privacy at this time, \" the actress's rep Jack Lamb tells a "
            "magazine.")
    q = quote(text, "respect her family")
    assert (q.speaker, q.is_person) == ("Jack Lamb", True)
    text = ("\"What I feel when I see this is that I love my city more than ever, '' said one young man, a hard "
            "plastic helmet covering his curly brown hair.")
    assert quote(text, "love my city").speaker == "one young man"


def test_a_work_s_title_or_a_headline_names_no_one_a_pronoun_could_stand_for():
    text = ("The Harbour Lights actress has checked into a clinic, according to her publicist, Jack Lamb. "
            "\"We ask that her privacy be respected at this time, \" he said.")
    assert quote(text, "privacy be respected").speaker == "Jack Lamb"
    text = ("Dana Voss Checks Into Clinic In Malibu\n\n"
            "It was her lawyer Mark Hale who spoke in court. He told the judge she was \"ready to do whatever the "
            "court asks of her.\"")
    assert quote(text, "whatever the court asks").speaker == "Mark Hale"


@pytest.mark.parametrize(("text", "words", "speaker", "role"), [
    # fundus (tuning): the letters after a name that give an office or an honour were read as an organisation's name
    ("\u201cWe will appeal the ruling,\u201d said Jane Smith MP.", "appeal", "Jane Smith", "MP"),
    ("Tom Baird KC told the court: \u201cThe evidence was never tested by anyone.\u201d", "never tested",
     "Tom Baird", "KC"),
    ("\u201cWe will appeal the ruling,\u201d said Ann Lee MBE, the charity's founder.", "appeal", "Ann Lee",
     "MBE, the charity's founder"),
    ("Advocate Karabo Mohau King\u2019s Counsel (KC) once cautioned: \u201cConstitutional amendment is "
     "indispensable to development.\u201d", "indispensable", "Karabo Mohau", "Advocate King\u2019s Counsel"),
])
def test_letters_after_a_name_are_its_role(text: str, words: str, speaker: str, role: str):
    found = quote(text, words)
    assert (found.speaker, found.role, found.is_person) == (speaker, role, True)


def test_a_surname_after_a_name_with_letters_is_that_person():
    text = ("Tom Baird KC, for the family, spoke first.\n\n\u201cThe evidence was never tested by anyone,\u201d "
            "Baird said.")
    assert quote(text, "never tested").speaker == "Tom Baird"


@pytest.mark.parametrize(("text", "words", "speaker"), [
    # news English's inverted attributions: the source named after a noun or a verb of saying
    ("Tom Hart chairs the committee. \u201cWe will not stop until the job is done,\u201d read a statement from the "
     "White House.", "job is done", "the White House"),
    ("Tom Hart chairs the committee. \u201cWe will not stop until the job is done\u201d was the response from Jane "
     "Doe.", "job is done", "Jane Doe"),
    ("Tom Hart chairs the committee. \u201cWe will not stop until the job is done,\u201d came the curt reply from "
     "the club.", "job is done", "the club"),
    ("Tom Hart chairs the committee. Jane Doe spoke next. \u201cWe will not stop until the job is done,\u201d was "
     "how Doe put it.", "job is done", "Jane Doe"),
    # a verb of naming, as "called": its subject's words
    ("Tom Hart spoke next. Hart branded the vote \u201ca disgrace to the country and to us all.\u201d", "disgrace",
     "Tom Hart"),
    ("Tom Hart spoke next. Hart labelled the vote \u201ca disgrace to the country and to us all.\u201d", "disgrace",
     "Tom Hart"),
    # verbs of saying right after the quote only
    ("Tom Hart spoke next. \u201cWe will not stop until the job is done,\u201d Hart sniffed.", "job is done",
     "Tom Hart"),
    ("Tom Hart spoke next. \u201cWe will not stop until the job is done,\u201d Hart doubled down.", "job is done",
     "Tom Hart"),
    ("Tom Hart spoke next. \u201cWe will not stop until the job is done,\u201d Hart captioned.", "job is done",
     "Tom Hart"),
    # the owner's words, past a short clause or an addressee
    ("Tom Hart chairs the committee. In Tom Hart's words, it is \u201ca betrayal of everyone who lives here.\u201d",
     "betrayal", "Tom Hart"),
    ("Tom Hart chairs the committee. Hart's message to voters was clear: \u201cIt is a betrayal of everyone who "
     "lives here.\u201d", "betrayal", "Tom Hart"),
    # Canada's councillor: "Coun." ends no sentence
    ("\u201cWe will not stop until the job is done,\u201d said Coun. Tom Hart.", "job is done", "Tom Hart"),
])
def test_inverted_attributions_verbs_of_naming_and_a_councillors_title(text: str, words: str, speaker: str):
    assert quote(text, words).speaker == speaker


@pytest.mark.parametrize(("text", "words", "speaker"), [
    # a state after a place is no subject; a participle's aside and a number's comma do not hide the subject
    ("Speaking at a town hall in Salem, New Hampshire, Donald Trump went after Bush, calling him \u201ca total stiff "
     "and a loser.\u201d", "total stiff", "Donald Trump"),
    ("Donald Trump spoke in Iowa. Trump, later alleging that the president wanted to admit 250,000 Syrians, said the "
     "refugees were \u201cmostly men and a threat.\u201d", "mostly men", "Donald Trump"),
    # a verb of saying after "by"
    ("Megyn Kelly questioned Donald Trump.\n\n\u201cYou called women you don\u2019t like fat pigs,\u201d Kelly "
     "charged.\n\nTrump tried to laugh it off by interjecting, \u201cOnly Rosie O\u2019Donnell.\u201d", "Only Rosie",
     "Donald Trump"),
    # words put to the speaker, or sent to the speaker, are the asker's or the sender's
    ("Tom Hart appeared in court on Monday. Hart was asked by reporters: \u201cDo you regret what you did to the "
     "family?\u201d", "regret what", "reporters"),
    ("Jane Doe received a letter from Tom Hart saying \u201cthe deal is off for good\u201d last week.", "deal is off",
     "Tom Hart"),
    ("Tom Hart resigned on Monday. A message from Hart to staff read: \u201cIt has been an honour to lead this "
     "team.\u201d", "an honour", "Tom Hart"),
    # the one asked answers: "he said" after "X asked Y about …" is Y's, unless a question or of another gender
    ("Tom Hart resigned on Monday. Nick Robinson asked Hart about his plans. \u201cI am done with politics,\u201d he "
     "said.", "done with politics", "Tom Hart"),
    ("Tom Hart resigned on Monday. Nick Robinson interviewed Hart on Tuesday.\n\n\u201cI am done with politics,"
     "\u201d he said.", "done with politics", "Tom Hart"),
    ("Tom Hart resigned on Monday. Nick Robinson asked Hart about his plans. \u201cAre you done with politics?\u201d "
     "he said.", "done with politics", "Nick Robinson"),
    ("Jane Doe resigned on Monday. Nick Robinson asked Doe about her plans. \u201cI am done with politics,\u201d he "
     "said.", "done with politics", "Nick Robinson"),
    # a credit line after a quote alone in its paragraph; not a review's byline after a quote its sentence credits
    ("Tom Hart is suing Jane Doe.\n\n\u201cThis case has no merit whatsoever and we will fight it.\u201d \u2013 "
     "Jane Doe", "no merit", "Jane Doe"),
    ("The dresser, Jenny Holzer, turns phrases into signs. A natural response may be confusion, but, as the artist "
     "herself tells us, \u201cCONFUSING YOURSELF IS A WAY TO STAY HONEST.\u201d\u2014Jackson Arn", "CONFUSING",
     "Jenny Holzer"),
])
def test_subjects_past_asides_and_the_one_asked_sent_or_answering(text: str, words: str, speaker: str):
    assert quote(text, words).speaker == speaker


@pytest.mark.parametrize(("text", "words", "speaker"), [
    # the one who backed the subject speaks next: "Hart was praised by Bob Lee. “…,” he said"
    ("Tom Hart ran for mayor. Hart was praised by Bob Lee. \u201cHe is the best man for the job,\u201d he said.",
     "best man", "Bob Lee"),
    ("Tom Hart ran for mayor. Hart won the backing of Bob Lee. \u201cHe is the best man for the job,\u201d he said.",
     "best man", "Bob Lee"),
    ("Tom Hart ran for mayor. Hart won the backing of Bob Lee, who said: \u201cHe is the best man for the job.\u201d",
     "best man", "Bob Lee"),
    ("Tom Hart ran for mayor. Hart was praised by Jane Doe. \u201cI am grateful for her support,\u201d he said.",
     "grateful", "Tom Hart"),  # (a "he" is not her)
    ("Tom Hart ran for mayor. Hart was attacked by Bob Lee on Monday. \u201cI thought I was going to die,\u201d he "
     "said.", "going to die", "Tom Hart"),  # (an attack's victim may answer)
    # a claim by someone: their words
    ("Tom Hart and Jane Doe are rivals. Doe was responding to a claim by Hart that the party was \u201cfinished and "
     "done for good\u201d.", "finished and done", "Tom Hart"),
    # an epithet opening a paragraph after one that names one person, with no quote, as its subject
    ("Raheem Sterling scored twice on Saturday.\n\nThe 29-year-old winger told Sky Sports: \u201cIt was a great "
     "feeling to score again today.\u201d", "great feeling", "Raheem Sterling"),
    ("Chelsea boss Mauricio Pochettino praised his side.\n\nThe Argentine, 51, said: \u201cWe were much better in "
     "the second half today.\u201d", "much better", "Mauricio Pochettino"),
    ("Novak Djokovic beat Carlos Alcaraz in the final.\n\nThe Spaniard said: \u201cIt was one of the best matches "
     "of my career.\u201d", "best matches", "The Spaniard"),  # (two named: as written)
])
def test_the_backer_of_the_subject_a_claim_by_someone_and_an_epithet_a_paragraph_on(text: str, words: str,
                                                                                     speaker: str):
    assert quote(text, words).speaker == speaker


@pytest.mark.parametrize(("text", "words", "speaker", "role"), [
    # styles of honour are no part of a name, nor a role ("Hon.", "The Rt Hon", "Shri", "Datuk Seri", "Tan Sri")
    ("Prime Minister Datuk Seri Anwar Ibrahim said: \u201cWe will not compromise on our sovereignty.\u201d",
     "compromise", "Anwar Ibrahim", "Prime Minister"),
    ("Datuk Seri Anwar Ibrahim met the king. Anwar said: \u201cWe will not compromise on our sovereignty.\u201d",
     "compromise", "Anwar Ibrahim", None),
    ("Tan Sri Muhyiddin Yassin said: \u201cWe will not compromise on our sovereignty.\u201d", "compromise",
     "Muhyiddin Yassin", None),
    ("Union Minister Shri Nitin Gadkari said: \u201cWe will finish the highway by the end of the year.\u201d",
     "highway", "Nitin Gadkari", "Union Minister"),
    ("Minister of Finance, Hon. Jane Doe, said: \u201cWe will finish the highway by the end of the year.\u201d",
     "highway", "Jane Doe", None),
    ("The Rt Hon Jane Doe MP said: \u201cWe will finish the highway by the end of the year.\u201d", "highway",
     "Jane Doe", "MP"),
    ("Finance Minister Sri Mulyani Indrawati said: \u201cWe will finish the highway by the end of the year.\u201d",
     "highway", "Sri Mulyani Indrawati", "Finance Minister"),  # ("Sri" alone is a given name)
    ("Ntate Tom Mokoena, a farmer in Berea, lost his crops.\n\n\u201cWe have nothing left to eat this winter,"
     "\u201d Ntate Mokoena said.", "nothing left", "Tom Mokoena", None),
])
def test_styles_of_honour_before_a_name(text: str, words: str, speaker: str, role: str | None):
    found = quote(text, words)
    assert (found.speaker, found.role) == (speaker, role)


@pytest.mark.parametrize("text", [
    "The charity\u2019s founder, Jane Smith, MBE, said: \u201cThe camps are open to everyone in need.\u201d",
    "Dr. Jane Smith, MD, MPH, said: \u201cThe camps are open to everyone in need.\u201d",
    "Jane Smith, PhD, a researcher at Yale, said: \u201cThe camps are open to everyone in need.\u201d",
])
def test_letters_after_a_name_set_apart_by_commas_are_no_speaker(text: str):
    assert quote(text, "camps are open").speaker == "Jane Smith"


@pytest.mark.parametrize(("text", "words", "speaker"), [
    # a family's tribute, and friends describing someone: theirs, as written
    ("Tom Hart, 45, was killed in the crash.\n\nHis family said: \u201cWe are heartbroken and ask for privacy at "
     "this time.\u201d", "heartbroken", "His family"),
    ("Tom Hart, 45, was killed in the crash.\n\nIn a tribute, his family said: \u201cHe was the life and soul of "
     "every party.\u201d", "life and soul", "his family"),
    ("Tom Hart, 45, was killed in the crash.\n\nHe was described by friends as \u201cthe life and soul of every "
     "party\u201d.", "life and soul", "friends"),
    # a group that begins to cry says nothing: the words are the speaker's before them
    ("Chela Ortiz told the killer in a firm voice, \u201cI want you to know you did not break our family,\u201d as her "
     "family began to cry.", "did not break", "Chela Ortiz"),
])
def test_a_family_and_friends_speaking(text: str, words: str, speaker: str):
    assert quote(text, words).speaker == speaker


@pytest.mark.parametrize(("text", "words", "speaker"), [
    # a few words quoted as someone's: "the “…” of X", "X's slogan, “…”", "her messages - like “…”"
    ("Hillary Clinton spoke.\n\nHer messages were less compelling than the \u201cpolitical revolution\u201d of "
     "Senator Bernie Sanders.", "political revolution", "Bernie Sanders"),
    ("Adv Tom Hart spoke. He refers to the concept of \u201cconstitutional dismemberment,\u201d a term coined by legal "
     "scholar Richard Albert.", "constitutional dismemberment", "Richard Albert"),
    ("Tom Hart spoke. He praised the \u201cexpedited schedule for the withdrawal of troops\u201d of SANDF.",
     "expedited schedule", "Tom Hart"),  # (a body's, no one's words: the sentence's)
    ("Hillary Clinton spoke.\n\nHer campaign slogan, \u201cStronger Together,\u201d fell flat.", "Stronger Together",
     "Hillary Clinton"),
    ("Hillary Clinton spoke.\n\nAccording to her friends, she worried that her politically safe messages - like "
     "\u201cI'm a progressive who gets results\u201d - were far less compelling.", "progressive who gets",
     "Hillary Clinton"),
    ("Donald Trump spoke. Voters heard Trump's grievance-driven promise to \u201cbring back every job we "
     "lost\u201d.", "bring back every job", "Donald Trump"),
])
def test_words_quoted_as_someones(text: str, words: str, speaker: str):
    assert quote(text, words).speaker == speaker


@pytest.mark.parametrize(("text", "speaker"), [
    # a "she" for the one woman in reach, met by a man: hers
    ("Tom Hart met Jane Doe on Monday.\n\n\u201cWe talked about the future of the club,\u201d she said.", "Jane Doe"),
    ("Tom Hart praised Jane Doe after the game.\n\n\u201cWe talked about the future of the club,\u201d she said.",
     "Jane Doe"),
    # guards: two women, a woman described since, a name of either gender
    ("Tom Hart met Jane Doe and Ann Lee on Monday.\n\n\u201cWe talked about the future of the club,\u201d she "
     "said.", None),
    ("Tom Hart met Jane Doe on Monday. A spokeswoman for the club confirmed the talks.\n\n\u201cWe talked about the "
     "future of the club,\u201d she said.", None),
    ("Tom Hart met Sam Doe on Monday.\n\n\u201cWe talked about the future of the club,\u201d she said.", None),
])
def test_a_she_for_the_one_woman_met(text: str, speaker: str | None):
    assert quote(text, "future of the club").speaker == speaker


@pytest.mark.parametrize(("text", "words", "speaker"), [
    ("Chris Christie spoke on Wednesday. Christie\u2019s bottom line was the right one: \u201cAnyone unwilling to "
     "say it is unfit to be president.\u201d", "unwilling to say", "Chris Christie"),
    ("Chris Christie spoke on Wednesday. Christie\u2019s advice to voters was simple: \u201cDo not vote for anyone "
     "unfit to be president.\u201d", "Do not vote", "Chris Christie"),
    ("Tom Hart, 25, made news when he professed that he would \u201cno longer be complicit in this war\u201d.",
     "no longer be complicit", "Tom Hart"),
])
def test_a_bottom_line_advice_and_a_profession(text: str, words: str, speaker: str):
    assert quote(text, words).speaker == speaker


def test_a_report_after_a_speech_verb_is_its_source_not_the_speaker():
    for text in ("Tom Hart is the health minister. The minister said the plan was \u201cdead on arrival in the "
                 "Senate\u201d, according to the BBC.",
                 "Tom Hart is the health minister. The minister said the plan was \u201cdead on arrival in the "
                 "Senate\u201d last week, according to the BBC."):
        assert quote(text, "dead on arrival").speaker == "Tom Hart"
    text = ("Tom Hart is the health minister. Hart\u2019s plan was \u201cdead on arrival in the Senate,\u201d "
            "according to the BBC.")
    assert quote(text, "dead on arrival").speaker == "the BBC"


@pytest.mark.parametrize("text", [
    "Tom Hart met Jane Doe. Hart was asked: \u201cWhy did you do it to all of us?\u201d",
    "Tom Hart was jailed on Friday. He was told in court: \u201cYou will never work in this town again.\u201d",
])
def test_words_put_to_the_subject_by_no_one_named_are_not_the_subjects(text: str):
    (found,) = quotes_of(text)
    assert found.speaker is None


def test_another_commenter_and_someone_described_by_whose_they_are():
    text = ("Tom Hart posted on Sunday. One user wrote: \u201cCongratulations to you both.\u201d Another commented: "
            "\u201cSo happy for you, well deserved.\u201d")
    assert quote(text, "So happy").speaker == "another user"  # (not joined to the first user's words)
    text = ("Tom Hart posted a video on Sunday. In the clip, Hart\u2019s wife can be heard saying: \u201cGet out of "
            "the way, get out now.\u201d")
    assert quote(text, "Get out of the way").speaker == "Hart\u2019s wife"


def test_an_it_is_no_person_described():
    text = ("A witness said the head of the division told staff to keep quiet, the report said.\n\nThe witness said "
            "the order was to \u201cavoid effecting the outcome of the vote,\u201d according to the report.\n\nThe "
            "report also gave details of other breaches. It said current officials have concealed information about "
            "breaches.")
    assert quote(text, "avoid effecting").speaker == "The witness"
    assert [q.speaker for q in quotes_of(text) if "concealed" in q.text] in ([], [None])


def test_an_answer_in_the_paragraph_after_a_question_is_not_the_askers():
    text = ("Tom Hart interviewed Jane Doe for the show.\n\n\u201cWere you scared?\u201d he asked.\n\n\u201cEvery "
            "single day of the shoot, if I am honest.\u201d")
    assert quote(text, "Every single day").speaker == "Jane Doe"  # the one he interviewed
    text = text.replace("interviewed Jane Doe for", "hosted")
    assert quote(text, "Every single day").speaker is None  # no one asked named: not the asker's
    text = ("Tom Hart interviewed Jane Doe for the show.\n\n\u201cWere you scared?\u201d he asked.\n\n\u201cAnd "
            "were you ever tempted to walk away?\u201d")
    assert quote(text, "tempted to walk away").speaker == "Tom Hart"  # (a second question goes on from the first)


@pytest.mark.parametrize("text", [
    "Tom Hart spoke at the rally. Hart spoke in front of a banner reading \u201cTake Back Control of Our Borders "
    "Now\u201d.",
    "Tom Hart spoke at the rally. Demonstrators carried banners saying \u201cTake Back Control of Our Borders "
    "Now\u201d.",
])
def test_words_written_on_a_thing_are_no_ones(text: str):
    assert [q.speaker for q in quotes_of(text)] in ([], [None])


def test_a_described_speaker_without_the_note_it_wrote_in():
    text = ("Apple reported its earnings on Thursday. \u201cThe outlook is weak for the rest of the year,\u201d wrote "
            "analysts at Goldman Sachs in a note.")
    assert quote(text, "outlook is weak").speaker == "analysts at Goldman Sachs"


def test_an_office_by_its_initials():
    text = ("Chief Minister Yogi Adityanath visited the site on Monday.\n\nThe CM said, \u201cStrict action will be "
            "taken against the guilty.\u201d")
    assert quote(text, "Strict action").speaker == "Yogi Adityanath"
    text = ("Prime Minister Narendra Modi addressed the rally. The PM said, \u201cIndia will become a developed "
            "nation by 2047.\u201d")
    assert quote(text, "developed nation").speaker == "Narendra Modi"


def test_one_of_a_group_speaking():
    text = ("Molly Mae posted a photo of the ring.\n\nFans were quick to react, with one writing: \u201cYou look "
            "amazing, so happy for you both.\u201d")
    assert quote(text, "look amazing").speaker == "one of the fans"
    text = ("Molly Mae posted a photo of the ring.\n\nThe post was liked by thousands, with one writing: \u201cYou "
            "look amazing, so happy for you both.\u201d")
    assert quote(text, "look amazing").speaker is None  # (one of no group the sentence names)


def test_a_name_with_its_generation_a_camel_case_surname_and_a_spaced_possessive():
    text = ("The man held is Anthony LaRocca III, a 38-year-old accountant. Kim Ward, a colleague, was hurt. "
            "Asked whether he understood the charges, LaRocca nodded and said \"I understand every one of them.\"")
    assert quote(text, "understand every one").speaker == "Anthony LaRocca III"  # (his father is another man)
    text = ("The store burned on Sunday, Ben Marsh said.\n\nThe fire service \u2019 s Matt Good explained that "
            "the fire began outside. \"It then spread quickly to the roof and the stores next to it, \u201d he said.")
    assert quote(text, "spread quickly to the roof").speaker == "Matt Good"


def test_the_first_words_of_a_longer_name_are_that_person():
    text = ("Hori Parata and his son, Te Kaurinui Robert Parata, were called in to assist.\n\n"
            "\u201cOur own ancestors would not say to go down there and hug the whales,\u201d says Te Kaurinui.")
    assert quote(text, "Our own ancestors").speaker == "Te Kaurinui Robert Parata"
    text = ("Hillary Rodham Clinton spoke at the college in 1969; Clinton was 21. Years later, Hillary Rodham said "
            "of the speech: \u201cI was nervous about every word of it.\u201d")
    assert quote(text, "nervous about every word").speaker == "Hillary Rodham Clinton"
    # guards: a show named after its host is not the host ("Jimmy Kimmel Live"; review of this round), and a father
    # is not his son, whose name only adds the generation
    text = ("The comedian returned to Jimmy Kimmel Live on Monday.\n\n\u201cIt is good to be back with all of you,"
            "\u201d said Jimmy Kimmel.")
    assert quote(text, "good to be back").speaker == "Jimmy Kimmel"
    text = ("Donald Trump Jr. spoke first. \u201cWe will win this state by a wide margin,\u201d said Donald Trump.")
    assert quote(text, "win this state").speaker == "Donald Trump"


def test_a_he_or_she_after_a_time_clause_and_the_one_person_named_in_reach():
    # "Two years after Hamilton …, Ellen Fetter showed up": Fetter is the subject, so the "she" is hers
    text = ("When Margaret Hamilton arrived at MIT in 1959, Lorenz had just bought the computer. \u201cHe loved that "
            "computer,\u201d Hamilton said.\n\nIn 1961, Hamilton moved on to another project. Two years after Hamilton "
            "first stepped on campus, Ellen Fetter showed up at MIT, eager to learn.\n\nOnce Fetter arrived in "
            "Building 24, Lorenz gave her a manual, and before long she was up to speed. \u201cHe carried a lot in his "
            "head,\u201d she said.")
    assert quote(text, "carried a lot").speaker == "Ellen Fetter"
    # the one person named in the paragraph before, a man by his first name, though named in no sentence's subject
    text = ("From the deck of his halibut schooner at Fisherman\u2019s Terminal in Seattle, skipper Wade Bassi has "
            "better insight than most into the fish trade.\n\nWhile he doesn\u2019t buy halibut much \u2014 he\u2019s "
            "got a freezer full of it \u2014 Bassi, 43 years a fisherman, keeps an eye on how it is sold.\n\n"
            "\u201cWhen you look at nice halibut, I mean it is pure white,\u201d he said.")
    assert quote(text, "nice halibut").speaker == "Wade Bassi"
    # a guard: without a first name telling a man, the "he" may be someone not named ("skipper Bassi")
    assert quote(text.replace("skipper Wade Bassi", "skipper Bassi"), "nice halibut").speaker is None


def test_a_partial_quote_in_the_first_person_goes_on_from_the_speaker_before_it():
    text = ("\u201cI was shocked to see that level,\u201d said Tyler Besecker, the largest buyer of Pacific halibut. "
            "The price, which was matched at QFC stores last week, is \u201cas low as I\u2019ve ever seen.\u201d")
    assert quote(text, "as low as").speaker == "Tyler Besecker"
    # guards: a quote with its own attribution, though it names no one, and one after another person named
    text = ("\u201cHe was a new dad,\u201d said Alastair Osman. Others paid tribute online. \u201cOne of the reasons "
            "why I work in mining was the support I got from him,\u201d his colleague wrote on Facebook.")
    assert quote(text, "reasons why I work").speaker != "Alastair Osman"
    text = ("\u201cI was shocked to see that level,\u201d said Tyler Besecker. Ann Cole, a grocer, thinks the price "
            "is \u201cas low as I\u2019ve ever seen.\u201d")
    assert quote(text, "as low as").speaker != "Tyler Besecker"


def test_names_that_are_no_one_s_a_verb_a_son_a_title():
    # a speech verb opening a sentence is no part of a name: "Replied Stephen" had become Stephen's full name
    text = ("Stephen Jones runs the draft for his father.\n\nReplied Stephen, with some delicacy, \u201cWell, I "
            "don\u2019t think we would.\u201d\n\n\u201cThere wasn\u2019t a peep in the room,\u201d says Stephen.")
    assert quote(text, "wasn\u2019t a peep").speaker == "Stephen Jones"
    # a given name with a generation is the son's: "Jerry" is his father, Jerry Jones
    text = ("Jerry Jones owns the Cowboys; his son Jerry Jr. is the team\u2019s sales officer.\n\n\u201cMy job at "
            "these games,\u201d says Jerry, who saw every snap, \u201chas been to stand by in case Stephen needs "
            "help.\u201d")
    assert quote(text, "My job at these games").speaker == "Jerry Jones"
    # a platform after a person's possessive is her page, no one who speaks
    text = ("This is Elizabeth Snyder\u2019s Facebook post from Thanksgiving. She writes, \u201cToday I am thankful "
            "for, above all else, Blake and Malachi.\u201d")
    assert quote(text, "thankful for").speaker != "Facebook"
    # a title after a work's noun is no person a "he" may be
    text = ("With his musical La La Land charming audiences, Gosling has a lot on his plate.\n\n"
            "\u201cEva\u2019s the dream mother, and they\u2019re dream babies,\u201d he said.")
    assert quote(text, "dream mother").speaker != "La La Land"
    # a person's given name is no company ("Hillary" after "the Hillary Clinton White House"), nor is a person's
    # surname ("President Trump said" after "the Trump Organization"; review of this round)
    text = ("Hillary Clinton answered her critics on Monday. The Hillary Clinton White House was busy.\n\n\u201cI "
            "suppose I could have stayed home and baked cookies,\u201d Hillary said.")
    assert quote(text, "baked cookies").speaker != "Hillary Clinton White House"
    text = ("Prosecutors are investigating the Trump Organization over its tax filings.\n\n\u201cThis is a witch "
            "hunt against my family,\u201d President Trump said on Tuesday.")
    assert quote(text, "witch hunt").speaker == "Trump"


def test_a_speaker_phrase_a_dash_closes_an_epithet_and_one_who_spoke_since():
    text = ("While the old man is known as the visionary\u2014\u201cJerry sees around corners,\u201d says former NFL "
            "general manager Bill Polian\u2014Stephen is \u201cthe details guy,\u201d says Barry Switzer.")
    assert quote(text, "sees around corners").speaker == "Bill Polian"
    assert quote(text, "details guy").speaker == "Barry Switzer"
    text = ("Jerry Jones was smitten with the quarterback. \u201cLet\u2019s go through them again,\u201d Jerry said. "
            "If he was still there, the patriarch added, \u201cI assume we\u2019d take him\u2014wouldn\u2019t "
            "we?\u201d")
    assert quote(text, "I assume we").speaker == "Jerry Jones"
    # a "he" after someone quoted, then another named speaking: the one who spoke since
    text = ("\u201cSales rose in the quarter,\u201d CREA\u2019s chief economist Shaun Cathcart said in a release.\n\n"
            "That is the case in many markets, including Brampton, Ont., where realtor Shaun Ghulam said he has "
            "noticed a dichotomy.\n\n\u201cLease prices are ridiculous now,\u201d he said in an interview.")
    assert quote(text, "Lease prices").speaker == "Shaun Ghulam"


def test_a_place_in_two_parts_closes_no_apposition():
    text = ("Ann Cole, a lawyer from Austin, Texas, said the law was \u201ca disaster for every tenant in the "
            "state.\u201d")
    assert quote(text, "disaster for every tenant").speaker == "Ann Cole"
    text = ("Maurice Obstfeld, a former IMF chief economist who now teaches at the University of California, "
            "Berkeley, has warned that the Fed could \u201cdrive the world economy into an unnecessarily harsh "
            "contraction.\u201d")
    assert quote(text, "drive the world economy").speaker == "Maurice Obstfeld"


def test_a_quote_running_on_takes_the_speaker_named_where_it_goes_on():
    text = ("Ann Cole runs the shelter.\n\n\u201cWe never turn anyone away from this door.\n\n\u201cNot once in ten "
            "years of work,\u201d Cole said.")
    assert quote(text, "never turn anyone away").speaker == "Ann Cole"
    # a guard: a paragraph that does not go on with the quote ends it
    text = ("Ann Cole runs the shelter.\n\n\u201cWe never turn anyone away from this door.\n\nThe shelter opened in "
            "2010. \u201cNot once in ten years of work,\u201d Tom Reed said.")
    assert quote(text, "never turn anyone away").speaker != "Tom Reed"


def test_the_rules_of_round_21_where_a_review_found_them_wrong():
    # a work's noun needs its determiner, and a verb after the name makes it a subject
    text = "Court records show Ann Cole was arrested in May.\n\n\u201cI did nothing wrong at any point,\u201d she said."
    assert quote(text, "nothing wrong").speaker == "Ann Cole"
    text = ("In the book Michelle Obama describes her childhood.\n\n\u201cI was never the smartest kid in the "
            "class,\u201d she writes.")
    assert quote(text, "smartest kid").speaker == "Michelle Obama"
    # the one person named in reach never outranks the person just quoted, nor does a name after "of"
    text = ("\u201cWe will seek the maximum sentence,\u201d county prosecutor Tom Reed said on Monday.\n\nThe jury "
            "watched video of John Smith firing the gun at the car twice.\n\n\u201cThe evidence is overwhelming,"
            "\u201d he said.")
    assert quote(text, "evidence is overwhelming").speaker == "Tom Reed"
    text = ("\u201cWe will seek the maximum sentence,\u201d prosecutor Tom Reed said in a release.\n\nThe case went "
            "to trial in Austin, where the family of victim Chris Smith said they wanted justice.\n\n\u201cThe "
            "evidence is overwhelming,\u201d he said in an interview.")
    assert quote(text, "evidence is overwhelming").speaker == "Tom Reed"
    # words another voice cries out or writes are not the last speaker's "I"
    text = ("\u201cIt was terrifying for all of us,\u201d said Ann Cole. Her daughter kept texting her \u201cMom, "
            "where are you? I am scared,\u201d until the power came back.")
    assert quote(text, "where are you").speaker != "Ann Cole"
    # more wordings of the rules' own cases: a time clause, a place in two parts, a dash, a verb opening a name
    text = ("When Margaret Hamilton arrived at MIT in 1959, Lorenz had just bought the computer. \u201cHe loved that "
            "computer,\u201d Hamilton said.\n\nNearly two years after Hamilton first stepped on campus, Ellen Fetter "
            "showed up at MIT.\n\nOnce Fetter arrived, Lorenz gave her a manual. \u201cHe carried a lot in his "
            "head,\u201d she said.")
    assert quote(text, "carried a lot").speaker == "Ellen Fetter"
    text = "Ann Cole, an Austin, Texas, lawyer, said the law was \u201ca disaster for every tenant in the state.\u201d"
    assert quote(text, "a disaster").speaker == "Ann Cole"
    text = ("He is known as the visionary--\u201cJerry sees around corners,\u201d says general manager Bill "
            "Polian--Stephen is \u201cthe details guy,\u201d says Barry Switzer.")
    assert quote(text, "sees around corners").speaker == "Bill Polian"
    # an en dash joins names ("Dallas\u2013Fort Worth"; second review)
    text = "\u201cFlights will resume at noon,\u201d said Dallas\u2013Fort Worth airport spokesman Ann Cole."
    assert quote(text, "Flights will resume").speaker == "Ann Cole"
    text = ("Stephen Jones runs the draft.\n\nAsks Stephen, with a grin, \u201cWho else would we take?\u201d\n\n"
            "\u201cThere wasn\u2019t a peep in the room,\u201d says Stephen.")
    assert quote(text, "wasn\u2019t a peep").speaker == "Stephen Jones"


def test_according_to_two_roles_and_a_name_is_the_name():
    text = ("According to author and psychologist Patricia O\u2019Gorman, \u201cThe struggle women have with "
            "compliments is that they hit what I\u2019ve named girly thoughts.\u201d")
    assert quote(text, "struggle women have").speaker == "Patricia O\u2019Gorman"
    # a guard: a place after a preposition names no one ("police in New York City")
    text = ("The rally was peaceful, according to police in New York City, \u201cwith no arrests made at any point "
            "in the night.\u201d")
    assert quote(text, "no arrests made").speaker != "New York City"


def test_the_second_review_of_round_21():
    # "-ed" words that are no verb before a name: the one person in reach
    text = ("Among the skippers this week was a man named Wade Bassi, 43.\n\nWhile the market is slow, the fleet "
            "keeps an eye on how fish is sold.\n\n\u201cWhen you look at nice halibut, it is pure white,\u201d he "
            "said.")
    assert quote(text, "nice halibut").speaker == "Wade Bassi"
    # a time after a preposition is no object: "where for years realtor Shaun Ghulam said"
    text = ("\u201cSales rose in the quarter,\u201d economist Shaun Cathcart said in a release.\n\nThat is the case in "
            "Brampton, Ont., where for years realtor Shaun Ghulam said he has seen a dichotomy.\n\n\u201cLease prices "
            "are ridiculous now,\u201d he said in an interview.")
    assert quote(text, "Lease prices").speaker == "Shaun Ghulam"
    # an apposition before someone else's "said" is no one speaking
    text = ("\u201cWe will seek the maximum sentence,\u201d prosecutor Tom Reed said on Monday. The man killed was "
            "John Ghulam, 43, said Sgt. Ann Bell.\n\n\u201cThe evidence is overwhelming,\u201d he said in an "
            "interview.")
    assert quote(text, "evidence is overwhelming").speaker != "John Ghulam"
    # "people" in a sentence is no other voice for the first-person rule
    text = ("\u201cI was shocked to see that level,\u201d said Tyler Besecker, the largest buyer of halibut. The price "
            "most people pay at QFC stores is \u201cas low as I\u2019ve ever seen.\u201d")
    assert quote(text, "as low as").speaker == "Tyler Besecker"
    # a title after "the movie" stays a title, a verb after it or not
    text = ("The movie Tommy Boy opened in 1995 to poor reviews.\n\n\u201cI never expected a hit of that size,\u201d "
            "he said.")
    assert quote(text, "never expected").speaker != "Tommy Boy"
    # a time after a statement's verb is no name: "a statement issued Good Friday"
    text = ("The plant will close, according to a statement issued Good Friday, \u201cwith the loss of all 300 jobs at "
            "the site.\u201d")
    assert quote(text, "loss of all 300 jobs").speaker != "Good"


def test_the_third_review_of_round_21():
    # a spaced en dash ends a speaker phrase
    text = "\u201cWe will not back down on this,\u201d said Keir Starmer \u2013 a line he repeated at every stop."
    assert quote(text, "not back down").speaker == "Keir Starmer"
    # "named" after no person noun is a verb: its name is an object
    text = ("Police on Tuesday named John Smith, 34, as the driver who died in the crash.\n\nInvestigators are still "
            "looking for witnesses.\n\n\u201cWe ask anyone who saw the crash to come forward,\u201d he said.")
    assert quote(text, "come forward").speaker != "John Smith"
    # a woman sobbing, a sign's words: another voice
    text = ("\u201cWe lost everything in the flood,\u201d said Ann Cole. A sign taped to her front door read \u201cI "
            "will be back, do not give up on me.\u201d")
    assert quote(text, "I will be back").speaker != "Ann Cole"
    # "told Reuters" is a name's speech verb; "first responder" is no adverbial
    text = ("\u201cWe will seek the maximum sentence,\u201d prosecutor Tom Reed said on Monday.\n\nThe case went to "
            "trial in Austin, where realtor Shaun Ghulam told Reuters he had seen a dichotomy.\n\n\u201cLease prices "
            "are ridiculous now,\u201d he said in an interview.")
    assert quote(text, "Lease prices").speaker == "Shaun Ghulam"
    text = ("\u201cWe will seek the maximum sentence,\u201d prosecutor Tom Reed said in a release.\n\nThe case went to "
            "trial, where the family of first responder Chris Smith said they wanted justice.\n\n\u201cThe evidence "
            "is overwhelming,\u201d he said in an interview.")
    assert quote(text, "evidence is overwhelming").speaker == "Tom Reed"
    # a work's noun after an opening preposition: the clause's subject follows
    text = "In the film Tom Hanks plays a sea captain.\n\n\u201cI was seasick for weeks on end,\u201d he said."
    assert quote(text, "seasick").speaker == "Tom Hanks"


def test_the_fourth_review_of_round_21():
    # a work's noun after a preposition inside a sentence keeps its title
    text = "Production resumed on the series Ted Lasso in March.\n\n\u201cWe are thrilled to be back,\u201d he said."
    assert quote(text, "thrilled to be back").speaker != "Ted Lasso"
    # "a 43-year-old named" gives a name, no object
    text = ("Among the skippers this week was a 43-year-old named Wade Bassi.\n\nWhile the market is slow, the fleet "
            "keeps an eye on how fish is sold.\n\n\u201cWhen you look at nice halibut, it is pure white,\u201d he "
            "said.")
    assert quote(text, "nice halibut").speaker == "Wade Bassi"
    # a spaced en dash before a capital joins a place's name
    text = "\u201cFlights are delayed,\u201d said Dallas \u2013 Fort Worth airport spokesman Mark Smith."
    assert quote(text, "Flights are delayed").speaker == "Mark Smith"
    # the speaker described ("For a man who has fished here") and words "read as" are no other voice
    text = ("\u201cI was shocked,\u201d said Tyler Besecker. For a man who has fished here for 40 years, the closure "
            "is \u201cthe end of my world.\u201d")
    assert quote(text, "end of my world").speaker == "Tyler Besecker"


def test_the_fifth_review_of_round_21():
    # a work's noun after a preposition opening the sentence past a dateline, a closing quote or an adverb
    for text in ("LOS ANGELES (AP) \u2014 During the show Jimmy Kimmel mocked the president.\n\n\u201cHe had it "
                 "coming,\u201d he said.",
                 "\u201cWe are proud.\u201d In the film Tom Hanks plays a pilot.\n\n\u201cHe had it coming,\u201d "
                 "he said.",
                 "Later in the film Tom Hanks plays a pilot.\n\n\u201cHe had it coming,\u201d he said."):
        assert quote(text, "had it coming").speaker in ("Jimmy Kimmel", "Tom Hanks"), text
    # a spaced en dash closes the speaker phrase before a capital too
    text = "\u201cThis is a great day,\u201d said Keir Starmer \u2013 Britain\u2019s new prime minister."
    assert quote(text, "great day").speaker == "Keir Starmer"
    # "named" right after a person's noun gives a name; after a time it names an object
    text = ("A coroner on Friday named Wade Bassi as the fisherman who drowned.\n\nWhile the market is slow, the "
            "fleet keeps an eye on how fish is sold.\n\n\u201cIt is a terrible loss for the town,\u201d he said.")
    assert quote(text, "terrible loss").speaker is None
    text = ("Among the skippers this week was the man named Wade Bassi.\n\nWhile the market is slow, the fleet "
            "keeps an eye on how fish is sold.\n\n\u201cWhen you look at nice halibut, it is pure white,\u201d he "
            "said.")
    assert quote(text, "nice halibut").speaker == "Wade Bassi"
    # a written thing's words or someone else described are no first-person continuation of the last speaker
    for other in ("A note left on the kitchen table read in part: \u201cI am sorry for everything.\u201d",
                  "A message scrawled on the window read \u201cI am sorry for everything.\u201d",
                  "One resident\u2019s letter to the council ended: \u201cI am sorry for everything.\u201d",
                  "A woman at the back of the hall interrupted: \u201cI am sorry for everything!\u201d"):
        text = "\u201cWe lost everything,\u201d said Tyler Besecker. " + other
        assert all(q.speaker != "Tyler Besecker" for q in quotes_of(text) if "sorry" in q.text), other


def test_no_organisation_work_or_third_party_report_is_a_person():
    # the rest of an organisation's name after "of" is no one a "she" may be
    text = ("The Chicago Department of Aviation said operations continued to run smoothly.\n\nThe workers are not "
            "aiming to disrupt travel, a spokeswoman for the union said at a press conference last week.\n\n"
            "\u201cThey do want to gain public support,\u201d she said.")
    assert quote(text, "public support").speaker == "a spokeswoman for the union"
    # a title the article gives a work is no person where it stands alone
    text = ("With his musical La La Land charming audiences, Ryan Gosling is busy.\n\nAs a boy, Gosling was the "
            "sole male in his dance troupe. So, when La La Land came around, he feared audiences might not accept "
            "it. \u201cYou know, people are breaking into song,\u201d he says.")
    assert quote(text, "breaking into song").speaker == "Ryan Gosling"
    # a report is its issuer's only when the article says who issued it
    text = ("By 10:41 p.m., LAPD\u2019s major crimes unit and the FBI were involved.\n\nEarly on, \u201cthe "
            "objective was to identify the sender,\u201d the report states.")
    assert quote(text, "identify the sender").speaker == "the report"
    text = ("The Interior Ministry issued a report on Monday.\n\n\u201cThe objective was to identify the "
            "sender,\u201d the report states.")
    assert quote(text, "identify the sender").speaker == "the Interior Ministry"


def test_reported_speech_ending_on_where_it_was_said():
    for text in ("The striking workers are not aiming to disrupt travel, a spokeswoman for the union said at a press "
                 "conference last week.",
                 "The striking workers are not aiming to disrupt travel, John Smith told reporters in Washington on "
                 "Tuesday."):
        found = [q for q in quotes_of(text) if q.kind == "indirect"]
        assert [q.text for q in found] == ["The striking workers are not aiming to disrupt travel"], text


def test_the_sixth_review_of_round_21():
    # a clause after the cue is words said, not where they were said
    for text, words in (("Police said at least three people were hurt in the crash.",
                         "at least three people were hurt"),
                        ("After the crash on the highway, police said at least three people were hurt.",
                         "at least three people were hurt"),
                        ("Lee Smith said in most cases the virus causes mild symptoms.", "in most cases the virus")):
        found = [q.text for q in quotes_of(text) if q.kind == "indirect"]
        assert len(found) == 1 and found[0].startswith(words), (text, found)
    # a report, a filing or a brief is its issuer's when a sentence about it names one
    text = ("The Justice Department released a 40-page report on Tuesday.\n\n\u201cThe officers failed to act,\u201d "
            "the report said.")
    assert quote(text, "failed to act").speaker == "the Justice Department"
    # a person named after an organisation's possessive
    text = "The Bank of England's Huw Pill spoke on Thursday.\n\n\u201cInflation is falling,\u201d he said."
    assert quote(text, "Inflation is falling").speaker == "Huw Pill"
    # a single word after a work's noun is no title for the whole article; a title then a comma or a determiner is
    text = ("Kathryn Bigelow spoke in Venice. Her film Zero Dark Thirty was a hit. Jessica Chastain starred. The film "
            "Bigelow showed on Friday drew praise. Bigelow was pleased.\n\n\u201cI am so proud,\u201d she said.")
    assert quote(text, "so proud").speaker == "Kathryn Bigelow"
    text = ("Sally Field won the Oscar in 1980. For the film Norma Rae, she spent weeks in a mill.\n\n\u201cIt was the "
            "hardest thing,\u201d she said.")
    assert quote(text, "hardest thing").speaker == "Sally Field"
    # the speaker described in an apposition still speaks in the first person; a letter whose it does not say is
    # no one's (the seventh review: "Police found a letter in the gunman's car. His letter ended: …")
    text = ("\u201cWe lost everything,\u201d said Tyler Besecker. Besecker, a father of three, is \u201cnot sure I "
            "can go on.\u201d")
    assert quote(text, "not sure I can go on").speaker == "Tyler Besecker"
    text = ("\u201cIt was chaos,\u201d said Mayor Eric Adams. Police found a letter in the gunman's car. His letter "
            "ended: \u201cI am sorry for what I have done.\u201d")
    assert all(q.speaker != "Eric Adams" for q in quotes_of(text) if "sorry" in q.text)
    # any indirect noun before "named" gives a name, but a time or a namer of others
    for who in ("a Navy veteran named", "someone named"):
        text = (f"Among the skippers this week was {who} Wade Bassi.\n\nWhile the market is slow, the fleet keeps an "
                "eye on how fish is sold.\n\n\u201cWhen you look at nice halibut, it is pure white,\u201d he said.")
        assert quote(text, "nice halibut").speaker == "Wade Bassi", who
    # a spaced en dash inside a longer place's name
    text = "\u201cFlights are delayed,\u201d said Minneapolis \u2013 St. Paul International Airport spokesman Jeff Lea."
    assert quote(text, "Flights are delayed").speaker == "Jeff Lea"


def test_reported_speech_is_words_said_by_whom_it_says():
    def indirect(text: str) -> list[tuple[str | None, str]]:
        return [(q.speaker, q.text) for q in quotes_of(text) if q.kind == "indirect"]
    # a thing denied, announced or confirmed is no one's words; a belief is no statement
    for text in ("Earlier in the year, Tim Moore denied allegations he was having an affair with a colleague.",
                 "The regional authorities announced two days of mourning for the victims of the strike.",
                 "Berea DA Phahlane Mokoko confirmed receiving a letter from the chief of the village.",
                 "Keegan Medrano believes the party's actions in Montana may expand the movement.",
                 "The court of claims denied the motions because there was a factual dispute about the contract."):
        assert indirect(text) == [], text
    for text, words in (
            ("A spokesman for IRCC confirmed it completed the full release by the end of January.",
             "it completed the full release by the end of January"),
            ("General manager Ed Stefanski announced Tony DiLeo, the team's assistant general manager, will take over "
             "as head coach.", "Tony DiLeo, the team's assistant general manager, will take over as head coach"),
            ("Metropolitan Police confirmed a Housing Authority officer was shot early on Sunday.",
             "a Housing Authority officer was shot early on Sunday"),
            # one name of several words after "of" is no list whose comma opens no clause
            ("At a news conference at the Philadelphia College of Osteopathic Medicine, Billy King said he had the "
             "support of the owner.", "he had the support of the owner")):
        assert [w for _, w in indirect(text)] == [words], text
    # the words end where the speaker's next verb, another speaker or the writer's aside begins
    for text, words in (
            ("Mykhailo Fedorov told reporters that Syrsky had blocked his efforts to reform the ministry, and accused "
             "the general of enabling corruption.", "Syrsky had blocked his efforts to reform the ministry"),
            ("Chief Seshophe Hlajoane said he was aware of the community's suffering but denied ever taking bribes.",
             "he was aware of the community's suffering"),
            ("Rinaani Musutua said the project should not have been envisaged, adding that the constitution should "
             "be respected.", "the project should not have been envisaged"),
            ("US analysts have said Russia appears to be preparing for a conflict with NATO \u2013 although no one can "
             "say for sure.", "Russia appears to be preparing for a conflict with NATO"),
            ("IRCC spokesperson Jeffrey MacDonald said in an email the cost came to about $58,000 in all.",
             "the cost came to about $58,000 in all"),
            ("David Zaslav told Proskauer investigators he feared for his own safety.", "he feared for his own safety"),
            ("Tiff Macklem noted on Oct. 6 that demand is outpacing supply in the Canadian economy.",
             "demand is outpacing supply in the Canadian economy")):
        assert [w for _, w in indirect(text)] == [words], text
    # the writer's own "I" is no one else's words
    assert indirect("In 2012, after I had been reporting my biography for a year, Megyn Kelly went to Brian Lewis, "
                    "according to a person close to Kelly.") == []
    # someone who speaks for, or is close to, a person is not that person
    for text, who in (("\u201cAiles harassed her,\u201d said a lawyer for former anchor Laurie Dhue.",
                       "a lawyer for former anchor Laurie Dhue"),
                      ("\u201cHe will run,\u201d said an aide to Senator John Smith.", "an aide to Senator John Smith"),
                      ("\u201cShe wanted fame,\u201d friends close to the Duchess said.",
                       "friends close to the Duchess")):
        assert [q.speaker for q in quotes_of(text)] == [who], text
    assert [q.speaker for q in quotes_of("\u201cWe are ready,\u201d said Minister for Foreign Affairs Penny Wong.")] \
        == ["Penny Wong"]


def test_the_seventh_review_of_round_21():
    def indirect(text: str) -> list[str]:
        return [q.text for q in quotes_of(text) if q.kind == "indirect"]
    # a clause after "confirmed", "announced", "acknowledged" or "denied" whose subject is a noun phrase
    for text, words in (("The company confirmed the deal would close by the end of March.",
                         "the deal would close by the end of March"),
                        ("The minister acknowledged mistakes were made in the early days of the pandemic.",
                         "mistakes were made in the early days of the pandemic"),
                        ("Acme Corp announced its sales had risen by 20 percent in the quarter.",
                         "its sales had risen by 20 percent in the quarter"),
                        ("The minister said that policy had failed an entire generation of young people.",
                         "policy had failed an entire generation of young people")):
        assert indirect(text) == [words], text
    assert indirect("The company denied it in a statement released on Tuesday.") == []
    # the words go on past a condition or a caveat; a verb after "and" or "but" that may be the speaker's ends them
    # (shorter words, all theirs: the eighth review's "said the vaccine was safe but warned people with allergies")
    for text, words in (("Police said the man was asked to leave the store but refused.",
                         "the man was asked to leave the store"),
                        ("The ministry said the vaccine was safe but warned people with allergies to see a doctor.",
                         "the vaccine was safe"),
                        ("Police said the suspect and a woman they said was his girlfriend fled in a stolen car.",
                         "the suspect and a woman they said was his girlfriend fled in a stolen car"),
                        ("Health officer Jane Doe said the water was safe to drink, though residents should boil it.",
                         "the water was safe to drink, though residents should boil it"),
                        ("Governor Andrew Bailey said the vaccine was safe for most adults \u2013 but not for pregnant "
                         "women.", "the vaccine was safe for most adults \u2013 but not for pregnant women")):
        assert indirect(text) == [words], text
    # "I" as a numeral or a road's name is no writer's own "I"
    for text in ("State Police said the crash closed both lanes of I-95 for nearly three hours.",
                 "Historian Mary Jones said the bunker was built during World War I and later used as a hospital."):
        assert len(indirect(text)) == 1, text
    # where it was said, and what was said after where
    for text, words in (("The shooting appeared to be targeted, Police Chief Jane Doe said in a video posted on "
                         "Facebook.", "The shooting appeared to be targeted"),
                        ("The deal is dead and will not be revived, Senator John Smith said after meeting the "
                         "president.", "The deal is dead and will not be revived"),
                        ("The bridge will reopen to traffic in May, Transportation Secretary Pete Buttigieg said, "
                         "pending a final safety inspection.", None),
                        ("Senator John Smith said in a statement released Tuesday the bill would fail.",
                         "the bill would fail"),
                        ("The minister told Reuters officials were investigating the cause of the crash.",
                         "officials were investigating the cause of the crash"),
                        ("After a meeting of the Security Council, Russian Ambassador Vassily Nebenzia said the "
                         "resolution was biased.", "the resolution was biased")):
        assert indirect(text) == ([words] if words else []), text
    assert indirect("The remarks echoed what Senator John Smith said at a rally in Ohio last week.") == []
    # a title with "for" or "to" before its holder's name is no go-between's
    text = "\u201cThe talks must continue,\u201d said EU High Representative for Foreign Affairs Josep Borrell."
    assert quote(text, "talks must continue").speaker == "Josep Borrell"
    # a report's critic is not its issuer
    text = ("The ACLU said the report whitewashed the shooting.\n\n\u201cOfficers acted lawfully and in accordance "
            "with training,\u201d the report said.")
    assert quote(text, "acted lawfully").speaker == "the report"
    # a spaced en dash before another person ends the speaker phrase
    text = ("\u201cWe will not give up,\u201d said Mayor Jane Doe \u2013 Governor Tom Brown, for his part, called for "
            "calm.")
    assert quote(text, "not give up").speaker == "Jane Doe"


def test_the_eighth_review_of_round_21():
    def indirect(text: str) -> list[str]:
        return [q.text for q in quotes_of(text) if q.kind == "indirect"]
    # a thing with a relative clause after "denied" or "acknowledged" is no statement
    for text in ("The company denied accusations the firm had misled investors about its finances.",
                 "The minister denied a report the government was planning to raise taxes.",
                 "The former senator denied the charges prosecutors have brought against him.",
                 "The agency acknowledged the mistakes its staff had made in the response."):
        assert indirect(text) == [], text
    # the writer's "though he did not say how"; the writer's own "I" at a sentence's start
    assert indirect("Mayor Eric Adams said the city would hire more officers, though he did not say how it would "
                    "pay for them.") == ["the city would hire more officers"]
    assert indirect("When I called the company on Tuesday, the office was closed and the phones were off, a "
                    "spokesman said.") == []
    # a circumstance after the attribution is the writer's; words that are only where are no quote
    for text in ("Three people were killed in the crash, police said on Sunday, including a 10-year-old boy.",
                 "Three people were killed in the crash, police said, following a meeting with the families."):
        assert indirect(text) == ["Three people were killed in the crash"], text
    # a preposition's phrase opening the words said, with no comma before the speaker, is words
    assert indirect("Border Patrol Chief Raul Ortiz said at the border migrants face long waits.") == \
        ["at the border migrants face long waits"]
    # a list of places is no speaker
    assert indirect("The governors of New York, New Jersey and Connecticut said the region would reopen soon.") == []
    # a report's issuer in the common forms
    text = ("The World Bank cut its growth forecast in a report on Tuesday.\n\n\u201cGrowth will slow sharply next "
            "year,\u201d the report said.")
    assert quote(text, "Growth will slow").speaker == "the World Bank"
    text = ("The Senate Intelligence Committee's report, released Tuesday, was damning.\n\n\u201cThe CIA misled the "
            "White House,\u201d the report said.")
    assert quote(text, "CIA misled").speaker == "the Senate Intelligence Committee"
    # a long run of places is read at once (it took over a minute), and is no words said
    long = ("Prices rose sharply last year, the mayor said " + " ".join(["in the city of the state at the end"] * 60)
            + ".")
    assert indirect(long) == ["Prices rose sharply last year"]


def test_the_ninth_review_of_round_21():
    def indirect(text: str) -> list[str]:
        return [q.text for q in quotes_of(text) if q.kind == "indirect"]
    for text, words in (
            ("A senior official told Reuters Israel had agreed to pause strikes on the city.",
             ["Israel had agreed to pause strikes on the city"]),
            ("Professor Mary Jones said the portrait of Charles I had been missing since 1945.",
             ["the portrait of Charles I had been missing since 1945"]),
            # a time of the words and a comma: the words with it (the eleventh review; the tenth gave none)
            ("The mayor said in the past year, crime had fallen by 20 percent across the city.",
             ["in the past year, crime had fallen by 20 percent across the city"]),
            ("Shares fell 8 percent after the company said in a regulatory filing late on Tuesday.", []),
            ("The ceasefire must hold, the foreign minister said during a visit to a refugee camp near the border "
             "with Syria on Tuesday.", ["The ceasefire must hold"]),
            ("The mayor said residents who lost power and asked for help would receive vouchers.",
             ["residents who lost power and asked for help would receive vouchers"]),
            ("Police said that after the shooting, Brown said nothing to investigators for hours.",
             ["after the shooting, Brown said nothing to investigators for hours"]),
            ("The mayor of Portland, Maine said the city would open two new shelters this winter.", []),
            ("Police confirmed the bus driver was killed in the crash on Monday.",
             ["the bus driver was killed in the crash on Monday"])):
        assert indirect(text) == words, text
    text = ("The NAACP criticized the findings in a report released by the Justice Department on Friday.\n\n"
            "\u201cOfficers routinely violated civil rights,\u201d the report said.")
    assert quote(text, "routinely violated").speaker != "The NAACP"
    text = ("Acme Corp. reported record quarterly revenue on Tuesday. The Company said it expects sales to rise 10 "
            "percent next year.")
    assert [q.speaker for q in quotes_of(text) if q.kind == "indirect"] == ["Acme Corp."]


def test_the_tenth_review_of_round_21():
    def indirect(text: str) -> list[str]:
        return [q.text for q in quotes_of(text) if q.kind == "indirect"]
    for text, words in (
            ("A senior official told Reuters Israel had agreed to pause strikes on the city.",
             ["Israel had agreed to pause strikes on the city"]),
            ("The senator told Fox Business the border was out of control.", ["the border was out of control"]),
            ("Voters want change, Trump said at a rally in Las Vegas, Nevada.", []),
            ("Police said a man was arrested in connection with the shooting, but they did not release his name.",
             ["a man was arrested in connection with the shooting"]),
            ("The governor said the storm that hit the coast was the worst in decades and thanked first responders.",
             ["the storm that hit the coast was the worst in decades"]),
            ("The company said it would cut 500 jobs, the Financial Times reported, citing people familiar with it.",
             ["it would cut 500 jobs"]),
            ("In a speech at the University of Michigan, Whitmer said the state would expand child care.",
             ["the state would expand child care"]),
            ("A spokeswoman said in March I would be allowed to tour the facility.", [])):
        assert indirect(text) == words, text


def test_she_said_right_after_someone_s_quote_is_that_person():
    text = ("Sheriff Lee Baca met the families on Friday. \"The road will stay closed until the morning,\" said Sgt. "
            "Ann Bell. \"We ask every driver to be patient with us tonight,\" she said. Authorities said more.")
    assert quote(text, "every driver to be patient").speaker == "Ann Bell"


def test_abbreviated_ranks_and_an_apposition_with_a_place_after_the_quote():
    text = "\"A man who just lost his job came in and shot a man, '' Vancouver police Const. Tim Ford told reporters."
    q = quote(text, "lost his job")
    assert (q.speaker, q.role) == ("Tim Ford", "Vancouver police Const.")
    text = ("\"She is limping to safe waters and three of her crew may have died, '' Ann Mwale, head of the Seafarers "
            "Program in Mombasa, Kenya, said.")
    assert quote(text, "limping to safe waters").speaker == "Ann Mwale"


def test_when_the_phrase_found_names_no_one_a_later_rule_may():
    text = ("She was the girl next door. '' One big difference, said Ruth Lyle: \"She felt more at ease on stage "
            "than off it. '' Her story began in 1950.")
    assert quote(text, "more at ease on stage").speaker == "Ruth Lyle"


def test_never_a_guess_from_an_unrelated_name():
    # A placard, a headline, a post: nobody is named as their speaker.
    text = ("Jeremy Corbyn and Diane Abbott were seen at the march on Saturday. Placards called the "
            "minister \u201ccomplicit in the deaths of thousands of innocent people in the war\u201d.\n\n"
            "The report was headlined \u201cScreams Without Words: How the Attack Unfolded on That Day\u201d.")
    for q in quotes_of(text):
        assert q.speaker is None, (q.text, q.speaker)
    # "he said" with nobody named near it stays unattributed.
    text = ("The storm hit the coast overnight.\n\n\u201cWe have never seen the water rise this fast,\u201d he said.")
    assert quote(text, "water rise").speaker is None
    # A name given ("which is called") is not words said.
    text = ("The agency's website links to its official account, which is called \u201cThe Institute for "
            "Intelligence and Special Tasks\u201d in Hebrew.")
    assert all(q.speaker is None for q in quotes_of(text))
    # A name in passing in the paragraph before (not its subject, not known to be a "he") is no referent for "he".
    text = ("The show was based on an anthology starring Karen Black.\n\n"
            "\u201cI hate being a slave to the schedule of the network,\u201d he said.")
    assert quote(text, "slave to the schedule").speaker is None
    # "another" names nobody.
    text = ("One placard named the minister; another accused the government of being complicit in \u201cthe "
            "deaths of 30,000 innocent people in the war\u201d.")
    assert all(q.speaker is None for q in quotes_of(text))


def test_one_canonical_speaker_per_person_across_outlets():
    texts = {
        1: "\u201cEurope must be able to defend itself without waiting,\u201d Mr. Macron said.",
        2: ("French President Emmanuel Macron spoke in Paris.\n\n"
            "\u201cEurope must be able to defend itself without waiting,\u201d he said."),
        3: ("Emmanuel Macron, the French president, travelled to Moscow.\n\n"
            "\u201cThe talks will take as long as they need,\u201d the French president said."),
        4: "\u201cThe talks will take as long as they need, and no longer,\u201d said Mr. Macron.",
    }
    ledger = merge_quotes({i: extract_quotes(i, t) for i, t in texts.items()}, [1, 2, 3, 4],
                          {i: f"Outlet {i}" for i in texts})
    assert len(ledger) == 2
    for entry in ledger:
        assert entry["speaker"] == "Emmanuel Macron", entry
        assert entry["role"] in ("French President", "the French president")
    assert {c["article_id"] for c in ledger[0]["carriers"]} == {1, 2}
    assert {c["article_id"] for c in ledger[1]["carriers"]} == {3, 4}
    # Two people with one surname are not merged into one.
    texts = {1: ("Hunter Biden testified on Wednesday.\n\n\u201cI did not involve my father in my business,\u201d "
                 "Hunter Biden said."),
             2: "\u201cMy brother never had any interest in those ventures,\u201d James Biden said."}
    ledger = merge_quotes({i: extract_quotes(i, t) for i, t in texts.items()}, [1, 2], {1: "A", 2: "B"})
    assert sorted(e["speaker"] for e in ledger) == ["Hunter Biden", "James Biden"]


def storywire(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("STORYWIRE_")}
    env["PYTHONPATH"] = os.pathsep.join([str(REPO / "src"), *filter(None, [env.get("PYTHONPATH")])])
    return subprocess.run([str(EXE), *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=300)


def test_eval_quotes_on_a_small_set(tmp_path: Path):
    page = ("<html><head><title>Harbour closed after storm</title></head><body><article>"
            "<h1>Harbour closed after storm</h1>"
            "<p>The harbour of Port Ellis was closed on Tuesday after the storm broke two of its piers, and "
            "the ferries to the islands stayed in port for the whole day.</p>"
            "<p>\u201cNo ship will leave before the piers have been checked,\u201d harbour master Anna Berg said "
            "at a news conference.</p>"
            "<p>Fishermen said the closure would cost them a week of work at the height of the season.</p>"
            "<p>A sign on the gate read \u201cClosed until further notice by order of the port\u201d.</p>"
            "</article></body></html>")
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "harbour.html.gz").write_bytes(gzip.compress(page.encode()))
    (tmp_path / "docs.jsonl").write_text("".join(json.dumps(d) + "\n" for d in [
        {"id": "d1", "title": "Storm.", "text": "\u201cWe will rebuild the piers by spring,\u201d the mayor said."},
        {"id": "d2", "title": "Storm.", "text": "\u201cWe will open the ferry line again soon,\u201d he said."}]),
        encoding="utf-8")
    cases = [
        {"doc": {"file": "pages/harbour.html.gz"}, "quote": "No ship will leave", "speaker": "Anna Berg"},
        {"doc": {"file": "pages/harbour.html.gz"}, "quote": "Closed until further notice", "speaker": None},
        {"doc": {"text": "\u201cThe bridge is safe again for all traffic,\u201d said Tom Hale."},
         "quote": "bridge is safe", "speaker": "Tom Hale"},
        {"doc": {"text": "\u201cThe bridge is safe again for all traffic,\u201d said Tom Hale."},
         "quote": "bridge is safe", "speaker": "Jane Roe"},
        {"doc": {"file": "docs.jsonl", "id": "d1"}, "quote": "rebuild the piers", "speaker": "the mayor"},
        {"doc": {"file": "docs.jsonl", "line": 2}, "quote": "open the ferry line", "speaker": "Jo Park"},
        {"doc": {"text": "Nothing was said that day about the bridge."}, "quote": "bridge is open", "speaker": "X"},
    ]
    sets = tmp_path / "sets"
    sets.mkdir()
    case_file = sets / "cases.jsonl"
    case_file.write_text("".join(json.dumps(c) + "\n" for c in cases).replace('"pages/', '"../pages/')
                         .replace('"docs.jsonl"', '"../docs.jsonl"'), encoding="utf-8")
    r = storywire("eval", "quotes", str(case_file), "--json", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    figures = json.loads(r.stdout)
    assert {k: figures[k] for k in ("cases", "documents", "found", "named", "right", "wrong", "unattributed",
                                    "missed", "unnamed", "wrongly_attributed")} == {
        "cases": 7, "documents": 5, "found": 6, "named": 6, "right": 3, "wrong": 1, "unattributed": 1,
        "missed": 1, "unnamed": 1, "wrongly_attributed": 0}
    r = storywire("eval", "quotes", str(case_file), "--show", cwd=tmp_path)
    assert r.returncode == 0 and re.search(r"7\s+6\s+3/6\s+1\s+1\s+1\s+1\s+0", r.stdout), r.stdout
    assert "cases.jsonl:4: wrong: 'bridge is safe' by 'Jane Roe', found 'Tom Hale'" in r.stderr
    assert "found 'Tom Hale' via said_after/name" in " ".join(r.stderr.split())  # the rule that credited it
    r = storywire("eval", "quotes", str(case_file), "--by-rule", cwd=tmp_path)  # which rule credited each speaker
    assert r.returncode == 0 and re.search(r"said_after/name\s+2\s+1\s+0", r.stdout), r.stdout
    assert re.search(r"said_after/description\s+1\s+0\s+0", r.stdout), r.stdout


@pytest.mark.parametrize("line, why", [
    ("{not json", "cases.jsonl:2: not JSON"),
    ('{"doc": {"text": "x"}, "quote": "a", "speaker": "B"}', "cases.jsonl:2: 'quote' must be a string of two words"),
    ('{"doc": {"text": "x", "file": "y"}, "quote": "a b", "speaker": "B"}', "exactly one of"),
    ('{"doc": {"file": "missing.html"}, "quote": "a b", "speaker": "B"}', "cases.jsonl:2: cannot read"),
    ('{"doc": {"file": "cases.jsonl", "line": 9}, "quote": "a b", "speaker": "B"}', "no such document"),
    ('{"doc": {"text": "x"}, "quote": "a b", "speaker": 3}', "'speaker' must be a name, or null"),
])
def test_eval_quotes_bad_lines_are_one_line_errors(tmp_path: Path, line: str, why: str):
    good = json.dumps({"doc": {"text": "\u201cA good quote of many words,\u201d said Ann Lee."},
                       "quote": "a good quote", "speaker": "Ann Lee"})
    (tmp_path / "cases.jsonl").write_text(good + "\n" + line + "\n", encoding="utf-8")
    r = storywire("eval", "quotes", "cases.jsonl", cwd=tmp_path)
    assert r.returncode != 0 and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and why in r.stderr, r.stderr


def test_eval_quotes_on_store_articles(tmp_path: Path):
    (tmp_path / "in.jsonl").write_text(json.dumps({
        "title": "Council approves budget", "source": "Valley News", "url": "https://valley.example/budget",
        "text": ("The town council approved the budget for next year on Monday evening after a long debate.\n\n"
                 "\u201cThis budget keeps every school open and every road repaired,\u201d said council leader "
                 "Rita Moss.")}) + "\n", encoding="utf-8")
    db = str(tmp_path / "s.db")
    r = storywire("--db", db, "ingest", "in.jsonl", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    (tmp_path / "cases.jsonl").write_text(json.dumps({"doc": {"article": 1}, "quote": "every school open",
                                                      "speaker": "Rita Moss"}) + "\n", encoding="utf-8")
    r = storywire("--db", db, "eval", "quotes", "cases.jsonl", "--json", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["right"] == 1
    (tmp_path / "cases.jsonl").write_text(json.dumps({"doc": {"article": 99}, "quote": "every school open",
                                                      "speaker": "Rita Moss"}) + "\n", encoding="utf-8")
    r = storywire("--db", db, "eval", "quotes", "cases.jsonl", cwd=tmp_path)
    assert r.returncode != 0 and len(r.stderr.strip().splitlines()) == 1 and "99" in r.stderr, r.stderr


class QuoteSetFloor(NamedTuple):
    """What `eval quotes` reached on one annotated set: exact counts of cases, floors and ceilings of the figures
    (the figures reached, never more); None where a set does not hold that figure."""
    name: str
    cases: int
    named: int
    unnamed: int | None
    right: int  # at least
    wrong: int  # at most
    unattributed: int | None  # at most
    credited_unnamed: int = 0  # at most: quotes whose page names no speaker, credited to someone


QUOTE_SET_FLOORS = [
    # the set the rules were tuned on: a floor that keeps a later change from losing what it reached
    QuoteSetFloor("tune", 134, 128, None, 127, 0, None),
    # the held-out half of the first annotated set (one case fewer right since "announced his intentions to run …",
    # a thing announced, is no reported speech)
    QuoteSetFloor("report", 49, 44, 5, 42, 0, 1),
    # a second held-out set, looked at since (so tuning data now)
    QuoteSetFloor("fresh", 76, 71, 5, 69, 0, 0),
    # pages in no other set, annotated before the parse, organisations and the rest were added, measured once
    # after them, tuned on since
    QuoteSetFloor("fresh2", 63, 59, 4, 54, 0, 1),
    # pages in no other set (The Intercept, The Nation, The New Yorker, i, The Independent, LA Times, Reuters),
    # held out in round 2 (42/63), tuned on since
    QuoteSetFloor("fresh3", 69, 63, 6, 56, 0, 4),  # round 19: 56/63
    # 22 ECB+ dev documents in no other set (detokenised news text), held out in round 5 (68/81), tuned on since
    QuoteSetFloor("fresh4", 85, 81, 4, 80, 0, 0),
    # pages in no other set (The New Yorker 1 and 4, i 1 and 2, ECB+ dev lines 119, 343, 357), annotated before
    # round 6's changes and measured once before (61/81, 11 wrong) and once after them (62/81, 10 wrong); its
    # errors were read since (an attribution holding a title), so tuning data now
    # (round 13: no wrong speaker left; round 18: a relative speaks, "said afterward", "She said …": 80/81)
    QuoteSetFloor("fresh5", 89, 81, 8, 80, 0, 0, 0),
    # 25 ECB+ dev documents in no other set, held out in round 7: 76/92 and 6 wrong before its changes, 76/92 and
    # 6 wrong after them (other errors: "the officer" no longer credited to a transit corridor, new ones credited to
    # an organisation in an apposition and to the person quoted before); its errors were read, so tuning data now
    # (round 8: 83/92 and 2 wrong; round 9: 85/92 and none; round 11: 87/92; round 12: 88/92)
    QuoteSetFloor("fresh6", 104, 92, 12, 89, 0, 2, 0),  # round 17: 89/92
    # 12 ECB+ dev documents in no other set, annotated before round 8 and split by document: fresh7a, tuned on in
    # round 8 (47/59 and 5 wrong before, 57/59 and none after); fresh7b, held out, measured once before (45/52, 6
    # wrong, 1 of 3 titles credited) and once after round 8's changes (45/52, 7 wrong, 1 credited); its errors were
    # read in round 9 (52/52, none wrong), so tuning data now (round 11: no title credited)
    QuoteSetFloor("fresh7a", 64, 59, 5, 58, 0, 1, 0),  # round 18: a long title in an attribution, 58/59
    QuoteSetFloor("fresh7b", 55, 52, 3, 52, 0, 0, 0),
    # 22 ECB+ dev documents in no other set (19 topics), annotated before round 9 and split by alternate document:
    # fresh8a, tuned on in round 9 (48/61 and 6 wrong before, 53/61 and 2 wrong after); fresh8b, held out, measured
    # once before (44/59, 12 wrong, 1 of 6 unnamed credited) and once after round 9's changes (50/59, 6 wrong, 1);
    # its errors were read since (52/59, 4 wrong; round 10's company words: 53/59, 3 wrong), so tuning data now
    # (round 11: fresh8a 57/61, none wrong; fresh8b 56/59, none wrong, no unnamed quote credited; round 12:
    # fresh8b 58/59; round 15: fresh8a 58/61)
    QuoteSetFloor("fresh8a", 61, 61, 0, 59, 0, 1, 0),  # round 19: 59/61
    QuoteSetFloor("fresh8b", 65, 59, 6, 58, 0, 0, 0),
    # 15 pages in no other set (10 English pages of trafilatura-eval and ECB+ dev lines 42, 177, 300, 362, 389),
    # annotated before round 11 and split by alternate document: fresh9a, tuned on in round 11 (55/62 and 5 wrong
    # before, 62/62 after); fresh9b, held out, measured once before (57/69, 2 wrong, 1 of 4 unnamed credited) and
    # once after round 11's changes (the same: none of them reached it); its errors were read since (a name in a
    # relative clause after the speaker: 58/69, 1 wrong), so tuning data now (round 12: 68/69, none wrong)
    QuoteSetFloor("fresh9a", 66, 62, 4, 62, 0, 0, 0),
    QuoteSetFloor("fresh9b", 73, 69, 4, 68, 0, 0, 1),
    # 22 pages in no other set (11 English pages of trafilatura-eval, ECB+ dev lines 44, 69, 81, 135, 193, 368, 390),
    # annotated before round 12 and split by alternate page: fresh10a, tuned on in round 12 (55/65 and 6 wrong
    # before, 59/65 and 3 wrong after); fresh10b, held out, measured once before (59/73, 8 wrong, none of 3 unnamed
    # credited) and once after round 12's changes (60/73, 8 wrong, none credited); its errors were read in round 13
    # (the wrong speakers), so tuning data now (round 13: fresh10a 59/65, 1 wrong; fresh10b 65/73, 2 wrong; fresh10a
    # 58/65 once a relative clause credits only a person "who" names; round 14: fresh10b 69/73, none wrong; round
    # 15: fresh10a 59/65; fresh10b 70/73)
    QuoteSetFloor("fresh10a", 69, 65, 4, 60, 1, 3, 0),  # round 17: 60/65
    QuoteSetFloor("fresh10b", 76, 73, 3, 70, 0, 1, 0),
    # 24 documents in no other set (ECB+ dev lines 7-420 of 15 topics, 5 English pages of trafilatura-eval),
    # annotated before round 14 and split by alternate document: fresh11a, tuned on in round 14 (58/66 and 2 wrong
    # before, 63/66 and none after); fresh11b, held out, measured once before (59/68, 4 wrong, none of 3 unnamed
    # credited) and once after round 14's changes (the same: none of them reached it); its errors were read since
    # (a name after a quote reporting words of its own: 60/68, 3 wrong), so tuning data now (round 15: reported
    # speech run on after a quote: fresh11b 62/68, 1 wrong; a subordinate clause after a quote: 63/68; a "she"
    # after someone quoted since a described subject: 65/68; a place after the verb past a long role: 67/68; a
    # bare quote naming the subject before it is not theirs: none wrong)
    QuoteSetFloor("fresh11a", 68, 66, 2, 63, 0, 1, 0),
    QuoteSetFloor("fresh11b", 71, 68, 3, 67, 0, 1, 0),
    # 23 documents in no other set (18 ECB+ dev documents of topics 1-21, 5 English pages of trafilatura-eval),
    # annotated before round 15 and split by alternate document: fresh12a, tuned on in round 15 (49/52, 2 wrong and
    # 1 of 4 unnamed credited before; 50/52, 1 wrong, none credited after); fresh12b, held out, measured once before
    # (41/51, 5 wrong, none of 4 unnamed credited) and once after round 15's changes (42/51, 5 wrong, none credited;
    # 3 of the 5 wrong are "Bettie" for Bettie Page, a lone first name left uncompleted; round 16: completed, 45/51,
    # 2 wrong; a whole quote the nearest speech verb's: 46/51, 1 wrong; "a man standing next to her": none wrong;
    # "As one commentator has argued,": 49/51)
    QuoteSetFloor("fresh12a", 56, 52, 4, 50, 1, 1, 0),
    QuoteSetFloor("fresh12b", 55, 51, 4, 49, 0, 1, 0),
    # 24 documents in no other set (8 ECB+ dev documents of topics 2, 9, 18; 16 English pages of trafilatura-eval),
    # annotated before round 16 and split by alternate document: fresh13a, tuned on in round 16 (34/45, none wrong,
    # 10 unattributed before; 40/45, none wrong, 5 unattributed after); fresh13b, held out, measured once before
    # (48/55, 2 wrong, 5 unattributed, none of 5 unnamed credited) and once after round 16's changes (the same: none
    # of them reached it; both wrong are cue_before/name with a nearer speech verb: "with a spokesman stating :",
    # "…, Pickell said, describing the suspect as “…”"), read since, so tuning data now (round 16, after its
    # second measurement: the speaker nearest the quote, 50/55, none wrong)
    QuoteSetFloor("fresh13a", 56, 45, 11, 42, 0, 3, 0),  # round 19: 42/45
    QuoteSetFloor("fresh13b", 60, 55, 5, 51, 0, 4, 0),  # round 17: 51/55
    # 25 documents in no other set (10 ECB+ dev documents, 15 English pages of trafilatura-eval: a blog quoting
    # whole articles, a long review, survey wording), annotated blind before round 17 and split by alternate
    # document: fresh14a, tuned on in round 17 (43/51, 3 wrong, 2 unattributed, 1 of 11 unnamed credited before);
    # fresh14b, held out, measured once before (24/49, 9 wrong, 9 unattributed, 1 of 12 unnamed credited) and once
    # after round 17's changes (24/49, 10 wrong, 8 unattributed, 1 credited); its errors were read since (two
    # quotes credited to "Michigan": 8 wrong), so tuning data now. fresh14a after round 17: 44/51, none credited
    QuoteSetFloor("fresh14a", 62, 51, 11, 44, 3, 2, 0),
    QuoteSetFloor("fresh14b", 61, 49, 12, 24, 8, 10, 1),
    # 15 English web pages in no other set (a live blog, magazines, a pet blog, the Daily Mail, a short story),
    # annotated blind during round 17 (after its first seven attribution commits) and split by alternate document:
    # fresh15a, tuned on in round 17 (17/52, 5 wrong, 4 unattributed, 33 cases not found before); fresh15b, held
    # out, measured once then (23/51, 2 wrong, 13 unattributed, none of 11 unnamed credited). Since round 17, `eval
    # quotes` reads a page as ingest stores it (extract_favor "balanced", not "precision"): fresh15a then 18/52, 21
    # wrong (the live blog's posts found, credited to "Neil"); with a given name completed from a full name given
    # later: 31/52, 8 wrong; at the end of round 17: 43/52, 1 wrong. fresh15b, measured again after round 17's
    # changes: 23/51, 2 wrong, 13 unattributed (none of them reached it); its errors were read since (the Daily
    # Mail's straight single marks: 26/51), so tuning data now
    QuoteSetFloor("fresh15a", 63, 52, 11, 43, 0, 4, 1),
    QuoteSetFloor("fresh15b", 62, 51, 11, 27, 1, 13, 0),  # round 19: 27/51
    # 16 ECB+ dev documents in no other set, annotated blind during round 17 (cases whose quotes another set holds
    # left out), held out: measured at round 17's start (22/28, 2 wrong, 3 unattributed, 2 of 5 unnamed credited)
    # and after its changes (23/28, 1 wrong, 3 unattributed, 2 credited); its errors were read since
    QuoteSetFloor("fresh16", 33, 28, 5, 23, 1, 3, 2),
    # 50 ECB+ dev documents in no other set, annotated blind by two helpers before round 18 (24 documents by both:
    # 34 of 35 matched cases agree) and split by document at random, balanced on named and unnamed cases: fresh17a,
    # tuned on in round 18 (16/27, 4 wrong, 7 unattributed, none of 11 unnamed credited before; 24/27, 1 wrong, 2
    # unattributed after); fresh17b, held out, measured once before (21/26, none wrong, 2 unattributed, 2 of 10
    # unnamed credited) and once after round 18's changes (the same: none of them reached it); read since
    QuoteSetFloor("fresh17a", 38, 27, 11, 24, 1, 2, 0),
    QuoteSetFloor("fresh17b", 36, 26, 10, 21, 0, 2, 2),
]


@pytest.mark.parametrize("floor", QUOTE_SET_FLOORS, ids=lambda f: f.name)
def test_eval_quotes_on_the_annotated_sets(shared: Path, floor: QuoteSetFloor):
    """Each annotated set of real pages (in ../shared): the figures reached, never more. Scored in this process
    (what `storywire eval quotes FILE --json` prints, as the tests above check), so spaCy loads once."""
    def no_store(article_id: int) -> str:
        raise AssertionError(f"the set names article {article_id}: its cases must carry their documents")

    figures = summary(evaluate(read_cases(REPO / "tests" / "data" / f"quotes-{floor.name}.jsonl"), no_store))
    assert (figures["cases"], figures["named"]) == (floor.cases, floor.named)
    if floor.unnamed is not None:
        assert figures["unnamed"] == floor.unnamed
    assert figures["right"] >= floor.right and figures["wrong"] <= floor.wrong
    if floor.unattributed is not None:
        assert figures["unattributed"] <= floor.unattributed
    assert figures["wrongly_attributed"] <= floor.credited_unnamed


def test_he_is_the_subject_who_said_it_past_a_name_in_a_clause_between():
    text = ("Coach Tom Reyes said he would not wait for the end of the season. \u201cWe had to make a change,\u201d "
            "Reyes said. Ed Snider, who attended Reyes\u2019s news conference, said he backed Reyes. "
            "\u201cI really do not question Tom at all,\u201d he said.")
    assert quote(text, "do not question Tom").speaker == "Ed Snider"


def test_a_sentence_opening_on_a_participle_clause_has_its_subject_after_it():
    text = ("Undersheriff Larry Waldie said Deputy Ortiz had arrived for work early. Asked if Ortiz might have lived "
            "had his partner been with him, Waldie said there was no way to know. \u201cThere might have been two "
            "people killed,\u201d he said.")
    assert quote(text, "two people killed").speaker == "Larry Waldie"


def test_an_age_before_a_name_and_a_lower_case_title_are_not_part_of_it():
    text = ("Wladimir Klitschko stopped Tony Thompson in the sixth round. \u201cThompson was not so easy to box. I am "
            "satisfied,\u201d said the 36 - year - old Klitschko, who improved his record to 58-3.")
    assert quote(text, "not so easy to box").speaker == "Wladimir Klitschko"
    q = quote("\u201cWe will win this seat,\u201d New Jersey first lady Tammy Murphy said.", "win this seat")
    assert (q.speaker, q.role) == ("Tammy Murphy", "New Jersey first lady")
    q = quote("\u201cThe rule is wrong,\u201d said William L. Kovacs.", "rule is wrong")
    assert (q.speaker, q.role) == ("William L. Kovacs", None)


def test_a_title_whose_apposition_holds_commas_is_not_the_speaker():
    text = ("But William L. Kovacs, the Chamber of Commerce\u2019s vice president of environment, technology and "
            "regulatory affairs, said that the review \u201cwill result in even greater delays to projects.\u201d")
    assert quote(text, "greater delays").speaker == "William L. Kovacs"


def test_places_and_ships_are_not_people():
    text = ("Voters appeared reluctant to criticise the government. In Gyami, a village outside the capital, "
            "25-year-old Guzel said she had come to vote. \u201cI voted for our fellow village resident. He is an "
            "experienced person,\u201d she said.")
    assert quote(text, "fellow village resident").speaker == "Guzel"
    text = ("\u201cThe sailors were exchanging fire with the pirates,\u201d said an officer. Soon after, the deadly "
            "INS Mysore also reached the spot. INS Mysore then opened fire across the bows of the dhow. "
            "\u201cSeeing the commandos, the pirates surrendered quite easily,\u201d he said.")
    assert quote(text, "surrendered quite easily").speaker == "an officer"


def test_a_newspaper_reporting_a_statement_does_not_take_the_words_it_quotes():
    text = ("Sarah Palin was at a rally on Friday. The newspaper said Palin released a statement after the fire in "
            "which she said she offered an apology to the pastor \u201cif the incident is in any way connected to the "
            "attention the church has received.\u201d")
    assert quote(text, "in any way connected").speaker == "Sarah Palin"


def test_a_demonym_or_a_ruler_described_by_where_they_rule_is_the_person_named_before():
    text = ("Mitch McConnell knew full well that Trump deserved to be convicted. The Kentuckian acknowledged as much "
            "in a speech, in which he said: \u201cThere is no question that Trump is morally responsible.\u201d")
    assert quote(text, "no question").speaker == "Mitch McConnell"
    text = ("Russian forces now had the initiative in Ukraine, Vladimir Putin said. Russia must boost its troops, he "
            "added.\n\nThe veteran Kremlin leader dismissed Western suggestions of an attack as \u201cnonsense, a "
            "story made up to scare voters.\u201d")
    assert quote(text, "made up to scare").speaker == "Vladimir Putin"


def test_an_organisation_is_not_the_person_whose_role_holds_its_name():
    text = ("White House press secretary Karine Jean-Pierre spoke on Monday about the trip.\n\n"
            "The White House says Biden will use the visit to renew his calls for Congress to pass the agreement.")
    ledger = merge_quotes({1: quotes_of(text)}, [1], {1: ""})
    assert [(q["speaker"], q["kind"]) for q in ledger] == [("The White House", "indirect")]


def test_reported_speech_starts_after_the_day_the_speaker_spoke():
    text = ("Russian President Vladimir Putin warned Thursday that Western military intervention could result in "
            "nuclear escalation.")
    assert quotes_of(text)[0].text == "Western military intervention could result in nuclear escalation"


def test_one_word_scare_quotes_are_not_listed_but_still_tell_who_speaks():
    text = ("Anna Rae watched a woman being \u201ccured\u201d by the pastor, she said.\n\n"
            "\u201cTo me, in that moment, there was a direct link between his action and her response.\u201d\n\n"
            "Some 13% voted \u201cUncommitted\u201d in the primary.")
    assert [(q.text, q.speaker) for q in quotes_of(text)] == [
        ("To me, in that moment, there was a direct link between his action and her response.", "Anna Rae")]


def test_phrases_that_name_no_one_are_not_speakers():
    text = ("The account posted a video of the rally on Monday. Another post from the account said \u201cwe will be "
            "back in the streets next week with even more people.\u201d")
    assert quote(text, "back in the streets").speaker is None
    text = ("Two films are planned. The second said \u201cwe are going to make it even stranger than the first "
            "one.\u201d")
    assert quote(text, "even stranger").speaker is None
    text = ("The partnership, United Atlantic Ventures (UAV), alleges that Trump Media engaged in \u201cwrongful "
            "11th hour maneuvering\u201d to dilute its stake, a court filing said.")
    assert quote(text, "11th hour").speaker == "United Atlantic Ventures"


def test_a_law_is_no_speaker():
    text = ("Every state must \u201crespect the borders of its neighbours at all times and in every case,\u201d "
            "according to the UN Charter. Prices rose by \u201cmore than anyone had expected in the spring,\u201d "
            "according to the Labor Department.")
    assert quote(text, "respect the borders").speaker is None
    assert quote(text, "more than anyone").speaker == "the Labor Department"


def test_a_navy_is_no_man_and_is_quoted_as_saying_attributes():
    text = ("\u201cThe sailors were exchanging fire with the pirates,\u201d said an officer. A frigate of the British "
            "Royal Navy was also nearby. \u201cSeeing the commandos, the pirates surrendered quite easily,\u201d he "
            "said.")
    assert quote(text, "surrendered quite easily").speaker == "an officer"
    text = ("Bettie Page earned a degree in education in 1944. Her teaching career was hampered by her looks. "
            "\u201cI could not control my students, especially the boys,\u201d she is quoted as saying.")
    assert quote(text, "control my students").speaker == "Bettie Page"


def test_a_heading_of_one_s_speech_and_a_medium_s_report_introduce_the_quotes_after_them():
    text = ("RAYE\u2019s acceptance speech for Song of the Year\n\n"
            "\u201cThank you God, like wow! I\u2019m shaking. I don\u2019t really know what to say right now.\u201d")
    assert quote(text, "I\u2019m shaking").speaker == "RAYE"
    text = ("The powder spilled out while the envelope was in the hands of an officer of the court. ABC reports:\n\n"
            "\u201cThe letter was received in the operations office of the downtown courthouse.\u201d")
    assert quote(text, "operations office").speaker == "ABC"


def test_words_after_a_title_are_never_joined_to_it():
    text = ("In the opening pages of \u201cThe Freaks Came Out to Write,\u201d a new oral history of the paper, Howard "
            "Blum, a former staff writer, is the first to declare the Voice \u201ca precursor to the internet,\u201d "
            "an idea that recurs throughout the book.")
    assert [q.text for q in quotes_of(text) if "Freaks" in q.text] == ["The Freaks Came Out to Write"]


def test_a_recording_showing_her_saying_credits_the_woman_it_shows():
    text = ("Ginni Thomas\u2019s enthusiasm for Clanton became evident in a leaked video of a closed-door session. "
            "The video shows her introducing Clanton to the members as her guest, and saying, \u201cCrystal was for "
            "five years the wind in his sails.\u201d")
    assert quote(text, "wind in his sails").speaker == "Ginni Thomas"


def test_a_surname_the_article_gives_two_people_is_not_completed_across_the_story():
    text = ("Clarence Thomas hired a new clerk. Ginni Thomas, his wife, backed her.\n\n"
            "\u201cShe was a great help to the group for five years,\u201d said Ginni Thomas.\n\n"
            "Justice Thomas wrote that his wife had \u201cinformed me of the horrible way she was treated.\u201d")
    ledger = merge_quotes({1: quotes_of(text)}, [1], {1: ""})
    assert [q["speaker"] for q in ledger if "horrible way" in q["text"]] == ["Thomas"]


def test_a_speaker_named_at_the_end_of_an_introduction_with_stating():
    text = ("Steve Doocy noted that there was no direct evidence against the president.\n\n"
            "That prompted the following from Brian Kilmeade and Ainsley Earhardt, with Kilmeade stating:\n\n"
            "\u201cBut man, this looks absolutely terrible. One-hundred fifty suspicious activity reports.\u201d")
    assert quote(text, "looks absolutely terrible").speaker == "Brian Kilmeade"


def test_he_of_reported_speech_is_never_someone_quoted_later_in_the_paragraph():
    text = ("Judge Philip Hickok sentenced Orozco on Thursday. Hickok said the factors were \u201ccolossal.\u201d He "
            "noted the gang member had killed the deputy while hiding behind a door. Outside court, Defense "
            "Attorney Stanley Perlo said the state court was \u201cvery much in favour of the death penalty,\u201d "
            "he said.")
    found = [q for q in quotes_of(text) if q.kind == "indirect" and "hiding behind a door" in q.text]
    assert [q.speaker for q in found] == ["Philip Hickok"]


def test_reported_speech_never_credits_the_end_of_a_name_after_and():
    text = "The Academy of Motion Picture Arts and Sciences announced Friday that Hugh Jackman will host the Oscars."
    assert [q.speaker for q in quotes_of(text)] == ["The Academy of Motion Picture Arts and Sciences"]
    text = ("The National Academy of Recording Arts and Sciences of North America announced that the awards will "
            "move to Los Angeles.")
    assert [q.speaker for q in quotes_of(text)] == []


def test_party_and_state_after_a_name_and_a_trade_before_it_are_not_the_name():
    q = quote("\u201cI have been waiting for one last awful thing he would do,\u201d said Rep. Jim McDermott, D-Wash.",
              "last awful thing")
    assert q.speaker == "Jim McDermott"
    q = quote("\u201cIt is really important that we find a solution,\u201d Actor Leonardo DiCaprio said.",
              "find a solution")
    assert (q.speaker, q.role) == ("Leonardo DiCaprio", "Actor")


def test_a_quote_in_a_new_sentence_with_its_own_verb_is_not_joined_to_the_one_before():
    text = ("It is, said Rep. Jay Inslee, the administration\u2019s \u201clast sour note.\u201d Using the season for "
            "cover, the Interior Department issued \u201crevised\u201d regulations.")
    assert [q.text for q in quotes_of(text)] == ["last sour note."]
    text = ("Jeremy Fogel told me that its backers \u201cwill argue that this decision is within his discretion.\u201d "
            "His critics, however, \u201cwill see this as another example of his willingness to ignore rules.\u201d")
    assert quote(text, "another example").speaker == "Jeremy Fogel"


def test_a_name_after_a_pronoun_subject_is_its_object_not_the_speaker():
    text = ("Jose Orozco was arrested on Friday. Orozco said he was innocent. Sheriff Lee Baca said he was angry. "
            "He called Orozco \u201cthe scum of the earth, a man with no place among us.\u201d")
    assert quote(text, "scum of the earth").speaker == "Lee Baca"


def test_a_role_naming_a_woman_gives_her_gender_and_elect_is_a_role():
    text = ("\u201cI believe the killer did not win today,\u201d said Christina Greenway, daughter of a slain court "
            "reporter. He said it is not in his nature to stay quietly in jail.")
    assert not [q for q in quotes_of(text) if q.kind == "indirect" and q.speaker == "Christina Greenway"]
    q = quote("President-elect Barack Obama said he would reverse the rule changes once he takes office.",
              "reverse the rule")
    assert (q.speaker, q.role) == ("Barack Obama", "President-elect")


def test_an_attribution_holding_a_title_reads_across_it():
    text = ("The crew has grown with the show. \u201cEveryone here has seen the way people connect to it,\u201d Randy "
            "Barbato, an executive producer of \u201cDrag Race,\u201d said.")
    assert quote(text, "connect to it").speaker == "Randy Barbato"
    assert not [q for q in quotes_of(text) if "Drag Race" in q.text and q.speaker]


def test_a_quantifier_names_no_one_and_a_live_blog_byline_names_its_writer():
    text = ("Workers at the plant were asked about their contracts on Tuesday.\n\n"
            "Few said they had a permanent job or a job that guaranteed a pension.")
    assert not [q for q in quotes_of(text) if q.speaker]
    text = ("The Brit Awards began at eight at the O2 Arena in London.\n\n"
            "\u201cThis is going to be a long night for most viewers, I suspect,\u201d says Neil McCormick.\n\n"
            "\u201cThe cheesy radio presenters are so wrong for this ceremony,\u201d Says Neil McCormick.")
    assert quote(text, "cheesy radio presenters").speaker == "Neil McCormick"


def test_a_speakers_verdict_is_the_speakers_words():
    text = ("Our critic Neil McCormick is watching the ceremony. SZA wins the award but does not accept in person.\n\n"
            "Neil\u2019s verdict: \u201c\u2018Sorry I can\u2019t be there,\u2019 says SZA, and doesn\u2019t add that "
            "she had paint to watch drying.\u201d")
    assert quote(text, "paint to watch").speaker == "Neil McCormick"  # was "Neil’s"; "Neil" is the one Neil named


def tightest(text: str, words: str) -> Quote:
    """The shortest quote holding ``words``: a quote inside a quote is its own, as the evaluation scores it."""
    return min((q for q in quotes_of(text) if words in q.text), key=lambda q: len(q.text))


def test_a_quote_inside_a_quote_is_its_own_speakers_or_no_ones():
    # someone else's words the speaker repeats: not the speaker's own
    text = ("\u201cIt is further noteworthy that the question by the UN General Assembly to the ICJ speaks of "
            "\u2018obligations of Israel\u2019. The court might limit itself to that,\u201d Kisla said.")
    assert tightest(text, "obligations of Israel").speaker is None  # was Kisla's
    assert tightest(text, "noteworthy").speaker == "Kisla"
    # a "he" inside the quote, for the person the quote names; or, when it names none, the article's
    text = ("Next door neighbour Doris Zibulka told Philadelphia Magazine: \u201cI kept calling the city. There was "
            "one day I asked Gary Heidnik about the smell. He said \u2018I haven\u2019t smelled anything. I\u2019ve "
            "been cooking.\u2019\u201d")
    assert tightest(text, "smelled anything").speaker == "Gary Heidnik"
    text = ("Roger Ailes would often begin by offering to mentor a young employee. \u201cHe asked, \u2018Am I in a "
            "relationship? What are my familial ties?\u2019 It was all to see how stable I was,\u201d said a former "
            "employee.")
    assert tightest(text, "familial ties").speaker == "Roger Ailes"
    # a "he" the quote gives a noun ("my dad"), or one of two people named: no one
    text = ("Labour leader Tom Fisher spoke on Monday.\n\n\u201cMy dad rang and he said \u2018you have to come home "
            "now\u2019,\u201d said Ann Cole.")
    assert tightest(text, "come home now").speaker is None
    # the speaker's own words, told as such, stay the speaker's; a title stays part of the quote
    text = ("\u201cI said to him, \u2018You need to see a doctor today,\u2019 but he wouldn\u2019t listen,\u201d "
            "said Sharon Webb. \u201cWe watched \u2018A Football Life\u2019 together,\u201d she said.")
    assert tightest(text, "see a doctor").speaker == "Sharon Webb"
    assert tightest(text, "Football Life").speaker == "Sharon Webb"
    # a name before the inner quote, past "When"; and words the article credits elsewhere keep that credit
    text = ("\u201cWhen Sadiq Khan said \u2018we will build more homes\u2019 he meant it,\u201d Smith said.")
    assert tightest(text, "build more homes").speaker == "Sadiq Khan"  # was no quote of its own: Smith's words
    # a plural's possessive goes on inside an inner quote; its last word ending on "s" still closes it
    text = "\u201cHe said \u2018the players\u2019 wages are too high\u2019 and left,\u201d Cole said."
    assert tightest(text, "wages are too high").text == "the players\u2019 wages are too high"
    text = "\u201cHe shouted \u2018Get off my grass\u2019 three times,\u201d Cole said."
    assert tightest(text, "off my grass").text == "Get off my grass"
    text = ("She had shared videos of the violence with words \u201cwe see you\u201d, Govender said.\n\n"
            "\u201cWhat is dangerous about a tweet that says \u2018we see you\u2019 with a video?\u201d Mpofu asked.")
    assert tightest(text, "we see you").speaker != "Mpofu"


def test_a_show_before_its_star_is_no_person():
    text = ("Dragons\u2019 Den star Peter Jones backed the firm in 2015.\n\n"
            "\u201cThis will be worth millions,\u201d he told reporters.")
    assert quote(text, "worth millions").speaker == "Peter Jones"  # was "Dragons’ Den"


def test_a_show_before_its_host_is_no_person():
    text = ("Jimmy Kimmel Live host Jimmy Kimmel opened the show on Monday.\n\n"
            "\u201cThis will be worth millions,\u201d he told the audience.")
    assert quote(text, "worth millions").speaker == "Jimmy Kimmel"  # was "Jimmy Kimmel Live"
    text = "Ted Cruz spokesman Rick Tyler spoke on Monday.\n\n\u201cThis will be worth millions,\u201d Cruz said."
    assert quote(text, "worth millions").speaker == "Ted Cruz"  # a name before a role stays a person


def test_an_epithet_after_a_given_name_alone_is_that_person():
    text = ("Abby Dunn, who has travelled to Florida over 42 times, shared her tips.\n\n"
            "\u201cConsider the school holidays in the USA too,\u201d commented Abby. "
            "\u201cThey last a month!\u201d\n\n"
            "The expert said: \u201cDisney World is a great event space, so check the calendars.\u201d")
    assert quote(text, "great event space").speaker == "Abby Dunn"  # was "The expert": "Abby" was someone else


def test_an_owner_or_a_base_before_a_name_is_its_role():
    q = quote("\u201cThis is a tragic loss for all of us,\u201d said Kraft Food\u2019s Susan Davison.", "tragic loss")
    assert (q.speaker, q.role) == ("Susan Davison", "Kraft Food")
    q = quote("\u201cThe abuses must stop now,\u201d said New York-based Human Rights Watch.", "abuses must stop")
    assert q.speaker == "Human Rights Watch"
    q = quote("\u201cI\u2019m shaking,\u201d said London-born Raye.", "shaking")
    assert (q.speaker, q.role) == ("Raye", "London-born")


def test_a_particle_inside_a_name_keeps_the_name_whole():
    text = ("Public Advocate Bill de Blasio, a candidate for mayor, came to the area on Monday night. "
            "\u201cI understand why young people are frustrated,\u201d he said.")
    q = quote(text, "young people are frustrated")
    assert (q.speaker, q.role) == ("Bill de Blasio", "Public Advocate")  # was "Blasio", role "Public Advocate Bill de"


def test_a_company_named_by_its_trade_is_what_the_company_said():
    text = ("Kraft Foods closed its Philadelphia plant on Friday.\n\n"
            "\u201cWe are cooperating fully with the police,\u201d the company said in a statement.")
    assert quote(text, "cooperating fully").speaker == "Kraft Foods"  # was "the company": a two-word person


def test_a_persons_account_or_network_is_not_a_speaker():
    text = ("Mr. Trump said the news reporters were inaccurate.\n\n"
            "In response, Mr. Biden\u2019s X account posted a video that showed Mr. Trump\u2019s Truth Social video "
            "compared to clips from his speech, with the caption: \u201cDonald, man. Check the tape.\u201d")
    credited = {q.speaker for q in quotes_of(text) if "Check the tape" in q.text}
    assert credited <= {None, "Biden"}  # was "X", role "Biden"


def test_a_ship_is_no_speaker_even_when_a_statement_follows_it():
    text = ("The Indian INS Mysore was patrolling the waters when it received a distress call, a Defence Ministry "
            "statement said. \u201cOn sighting the helicopter, the boats disengaged and attempted escape.\u201d "
            "Indian commandos boarded the larger pirate boat, the statement said.")
    assert "Mysore" not in (quote(text, "boats disengaged").speaker or "")


def test_a_name_owning_a_relative_is_not_the_subject_the_relative_is():
    # ECB+ dev (the Kimani Gray shooting): "Gray ’ s older sister, Mahnefah Gray, … She added …" was credited to Gray
    text = ("Kimani Gray, 16, was shot on Saturday night. Police said he had pointed a gun at officers. "
            "Gray \u2019 s older sister, Mahnefah Gray, 19, told the New York Times that a witness told her that her "
            "brother was only fixing his belt. She added that her brother had too much \u2018 common sense \u2019 to "
            "point a loaded gun at an officer.")
    assert quote(text, "common sense").speaker == "Mahnefah Gray"
    text = ("Ann Cole was charged on Monday. Cole's lawyer, Mark Reed, spoke to reporters outside the court. "
            "\u201cShe will be cleared,\u201d he said.")
    assert quote(text, "will be cleared").speaker == "Mark Reed"


def test_a_gloss_of_a_so_called_term_is_a_name_too():
    # trafilatura-eval (dw.com): the translation of a so-called term was credited to a place taken for a person
    text = ("The most notorious of the three is Carl Peters, who first went to East Africa in the 1880s. He did this "
            "mainly by agreeing so-called \u201cSchutzvertr\u00e4ge,\u201d or \u201cprotection contracts,\u201d which "
            "gave the locals military protection.")
    assert not [q for q in quotes_of(text) if "protection contracts" in q.text and q.speaker]


def test_a_juror_by_number_is_the_speaker():
    # ECB+ dev (the Brian Nichols sentencing): the speaker was cut to "Juror No"
    text = ("The two jurors did not give their names. \u201cEveryone was respectful,\u201d said Juror No. 8, one of "
            "six women on the panel.")
    assert quote(text, "Everyone was respectful").speaker == "Juror No. 8"


def test_another_after_a_described_speaker_is_another_of_them():
    text = ("\u201cWe will rebuild the whole town,\u201d one official said. \u201cIt will take many years,\u201d "
            "another said.")
    assert quote(text, "many years").speaker == "another official"
    # trafilatura-eval (pcgamer.com), in the present tense of a review: the second quote was lost
    text = ("\u201cCould the legends be true?\u201d a guard says.\n\n\u201cLegends don't destroy houses,\u201d another "
            "replies. OK, but the things they are about can, right?")
    assert quote(text, "destroy houses").speaker == "another guard"


def test_speech_verbs_in_the_present_tense_of_a_feature():
    text = ("Ellen Park has run the nursery for thirty years. \u201cThe soil here is heavy clay and holds water,\u201d "
            "Park explains. \u201cThat is why hydrangeas turn blue in this valley,\u201d she continues.")
    assert quote(text, "heavy clay").speaker == "Ellen Park"
    assert quote(text, "turn blue").speaker == "Ellen Park"
    text = "\u201cIt's probably best if we split up,\u201d Hadvar reiterates as he walks off."
    assert quote(text, "split up").speaker == "Hadvar"


def test_words_someone_was_heard_crying_are_theirs_not_the_hearers():
    # ECB+ dev (the Kimani Gray shooting): unattributed
    text = ("Kelly said an \u201c earwitness \u201d heard a cop yell, \u201c What do you have in your hands? "
            "\u201d but a source said the man was too far away to see the confrontation.")
    assert quote(text, "in your hands").speaker == "a cop"
    text = "Neighbour Ann Lee said she heard Gray shout: \u201cPlease do not shoot me, I am not armed!\u201d"
    assert quote(text, "not armed").speaker == "Gray"


def test_a_quote_in_a_list_item_and_tells_with_its_listener():
    # trafilatura-eval (axios.com): a quote opening a bulleted paragraph was left unattributed
    text = ("Increased surveillance stirs up some worry.\n\n- \u201cYou have to ask whether you want to raise a "
            "generation that is used to being watched,\u201d the ACLU's Jay Stanley tells Axios.\n\n- Avigilon "
            "declined to comment.")
    q = quote(text, "raise a generation")
    assert q.speaker == "Jay Stanley" and text[q.position:].startswith("You have to ask")
    text = "\u201cThe rents will go up again next spring,\u201d Maria Lopez, a tenant organiser, tells the Guardian."
    assert quote(text, "rents will go up").speaker == "Maria Lopez"


def test_whose_office_is_the_office_of_the_name_before_it():
    # LA Times (fundus): the speaker was "whose office"
    text = ("A new voice has joined the critics: California's elected insurance commissioner, Ricardo Lara, whose "
            "office has called Consumer Watchdog an entrenched interest group \u201cdefending its own piggy "
            "bank.\u201d")
    assert quote(text, "piggy bank").speaker == "Ricardo Lara's office"


def test_a_given_name_is_completed_from_the_full_name_a_live_blog_gives_at_its_end():
    # the Telegraph's Brit Awards live blog (newest post first): "muses Neil" was credited to "Neil"
    text = ("\u201cRaye wins Best New Artist, after nine years in biz,\u201d muses Neil.\n\n"
            "The red carpet is filling up.\n\n"
            "The Telegraph\u2019s music critic Neil McCormick is standing by to offer his commentary.")
    assert quote(text, "Best New Artist").speaker == "Neil McCormick"


def test_a_name_after_says_and_a_lower_case_role_is_the_she_after_it():
    # trafilatura-eval (thelist.com): "she" went to the expert quoted in the paragraph before
    text = ("These fighters protect your eyes, said Velikova. \u201cVitamin A helps to keep the cornea "
            "clear,\u201d she "
            "continued. \u201cVitamins C and E are potent antioxidants.\u201d\n\n"
            "Of the plethora out there, there's one that's especially important for folks who plan to start a family, "
            "says registered dietitian Amanda A. Kostro Miller. \u201cFolic acid is absolutely essential during "
            "pregnancy,\u201d she shared with The List.")
    assert quote(text, "Folic acid").speaker == "Amanda A. Kostro Miller"
    text = ("Snider, who attended King's news conference, said he backed King. \u201cI really don't question Billy "
            "at all,\u201d he said.")
    assert quote(text, "question Billy").speaker == "Snider"


def test_a_source_named_late_in_the_sentence_after_a_quote_is_not_the_quotes():
    # trafilatura-eval (thelist.com): Velikova's words were credited to Medical News Today
    text = ("These fighters protect your eyes, said Lina Velikova. \u201cVitamin A helps to keep the cornea "
            "clear,\u201d "
            "she continued. \u201cVitamins C and E are potent antioxidants that fight the free radicals.\u201d And "
            "fighting free radicals protects you from oxidative stress, according to Medical News Today.")
    assert quote(text, "potent antioxidants").speaker == "Lina Velikova"


def test_reflects_and_penned_attribute_a_quote():
    # the Telegraph's live blog and thelist.com: both quotes were unattributed
    text = ("\u201cPop goes to Dua Lipa, which is fair enough,\u201d reflects Neil McCormick. \u201cNo clean "
            "sweep.\u201d")
    assert quote(text, "fair enough").speaker == "Neil McCormick"
    text = ("Not much, as noted by health writer Hrefna P\u00e1lsd\u00f3ttir. \u201cMany people believe that taking "
            "multivitamins can help prevent heart disease,\u201d she penned in an article in Healthline.")
    assert quote(text, "Many people believe").speaker == "Hrefna P\u00e1lsd\u00f3ttir"


def test_a_closing_mark_detokenised_onto_the_attribution_closes_the_quote():
    # ECB+ dev (the Indian navy and the Somali pirates): '…, "the officer said' opened a quote of "the officer said."
    text = ("Sukanya intercepted the skiffs. \"While two of the skiffs got away, Sukanya carried out a boarding - and "
            "- search action. \"The three boats had a total of 26 Somali crew on board. Rifles were found and "
            "confiscated, \"the officer said. He said that in addition, the boarding party also found ladders.")
    assert quote(text, "26 Somali crew").speaker == "the officer"
    assert not [q for q in quotes_of(text) if q.text.startswith("the officer said")]


def test_reported_speech_past_a_time_and_a_report_confirmed():
    # ECB+ dev (Mark Teixeira's free agency): the ledger listed "earlier this week that the Red Sox will not …" and
    # "the report to the Los Angeles Times, adding that …" as words said
    text = "However, Henry said earlier this week that the Red Sox will not satisfy the request for a 10-year deal."
    assert quotes_of(text)[0].text == "the Red Sox will not satisfy the request for a 10-year deal"
    text = ("In fact, Angels GM Tony Reagins later confirmed the report to the Los Angeles Times, adding that he is no "
            "longer pursuing Teixeira.")
    assert [(q.speaker, q.text) for q in quotes_of(text)] == [("Tony Reagins", "he is no longer pursuing Teixeira")]
    assert not quotes_of("Mayor Ann Cole confirmed the news to the Times on Monday evening.")
    text = "But authorities say the allegations were investigated by police and OSHA and were found to be unfounded."
    assert quotes_of(text)[0].speaker == "authorities"


def test_a_place_with_its_apposition_is_no_speaker_of_the_quote_after_it():
    # trafilatura-eval (a blog quoting a news report, read after fresh14b's held-out measurement): credited to Michigan
    text = ("Breaking News.\n\nThere is breaking news out of Troy, Michigan, a suburb of Detroit. \u201cA gunman shot "
            "three people at a suburban Detroit office building Monday morning, and officers were searching.\u201d")
    assert quote(text, "A gunman shot").speaker is None


@pytest.mark.parametrize("text, words, speaker", [
    # ECB+ dev (fresh17a, Lohan's rehab; fresh5, the Banky family): no speaker, or the quote dropped as too short
    ("Ann Lee left the clinic on Thursday because \u201cshe was not happy with the place,\u201d her father said.",
     "not happy with the place", "her father"),
    ("Lee left. \u201cWe will fight this ruling,\u201d her mother said.", "fight this ruling", "her mother"),
    ("Dan Banky, Ben's older brother, spoke briefly on Monday. \u201cHe could play any instrument made by man,\u201d "
     "said his brother.", "any instrument", "Dan Banky"),
    ("Ben Reed spoke to his brother Dan on Monday. \u201cHe could play any instrument made by man,\u201d said Ben "
     "Reed.", "any instrument", "Ben Reed"),
])
def test_a_relative_of_someone_named_speaks(text: str, words: str, speaker: str):
    assert quote(text, words).speaker == speaker


def test_a_whole_quote_after_a_sentence_ending_on_someone_else_s_speech_verb_is_theirs():
    # ECB+ dev (fresh17a, Lohan's rehab): unattributed; the sentence's subject is rightly not the speaker
    text = ("Ann Lee checked into a clinic on Thursday night, her rep confirms to PEOPLE. \u201cShe showed up in the "
            "morning and hated it. She is interested in going back.\u201d")
    assert quote(text, "hated it").speaker == "her rep"
    text = ("Ann Lee checked into a clinic on Thursday night, her rep confirms to PEOPLE, and she will stay a month. "
            "\u201cShe showed up in the morning and hated it. She is interested in going back.\u201d")
    assert quote(text, "hated it").speaker is None


def test_a_statement_by_someone_before_a_colon_is_theirs():
    # ECB+ dev (fresh17a, the Endangered Species Act): unattributed, or credited to the group releasing it
    text = ("Below is a statement by Ann Cole, director of the Water Program : \u201cSeveral changes have undermined "
            "the act, and today the administration has begun to repair the damage.\u201d")
    assert quote(text, "repair the damage").speaker == "Ann Cole"
    text = ("The group released a letter from Ann Cole: \u201cSeveral changes have undermined the act, and today the "
            "administration has begun to repair the damage.\u201d")
    assert quote(text, "repair the damage").speaker == "Ann Cole"


@pytest.mark.parametrize("phrase, trimmed", [
    # ECB+ dev (fresh17a, the Indian navy's pirates): the ledger showed "The Indian Navy in November"
    ("The Indian Navy in November", "The Indian Navy"), ("the navy in 2008", "the navy"),
    ("Ann Cole last November", "Ann Cole"), ("a source in March 12", "a source"),
    ("Theresa May", "Theresa May"), ("Brian May on Thursday", "Brian May"),
])
def test_a_month_or_a_year_after_a_speaker_is_no_part_of_it(phrase: str, trimmed: str):
    assert trim_phrase(phrase) == trimmed


@pytest.mark.parametrize("text, speaker", [
    # ECB+ dev (fresh17a, the Indian navy's pirates): the ledger credited "a Defence Ministry statement"
    ("\u201cThe boats disengaged and attempted escape,\u201d a Defence Ministry statement said.", "Defence Ministry"),
    ("The boats fled, a Defence Ministry statement said. \u201cThe boats disengaged and attempted escape.\u201d",
     "Defence Ministry"),
    ("\u201cWe arrested the driver,\u201d a police statement said.", "police"),
    ("Ann Cole, 41, was hurt, the NCAA report said. \u201cThe boats disengaged and attempted escape.\u201d", "NCAA"),
])
def test_a_document_named_by_its_issuer_is_the_issuer_s_words(text: str, speaker: str):
    assert quotes_of(text)[-1].speaker == speaker
    text = ("The Indian government issued a statement.\n\nThe boats were found, the Indian statement said. "
            "\u201cThe boats disengaged and attempted escape.\u201d")
    assert quote(text, "attempted escape").speaker != "Indian"
    assert quote("\u201cThe boats disengaged and attempted escape,\u201d an Indian statement said.",
                 "attempted escape").speaker != "Indian"


def test_a_description_of_an_organisation_is_the_one_credited_just_before_it():
    # ECB+ dev (fresh17a, the Qeshm quake): "the agency" stayed the speaker though the sentence before named IRNA
    text = ("The main hospital was having trouble keeping up, Iran's official news agency IRNA said. It's "
            "\u201cfull of wounded and dying people,\u201d the agency reported.")
    assert quote(text, "full of wounded").speaker == "Iran's official news agency IRNA"
    text = ("The hospital was full, the agency said. It is \u201cfull of wounded and dying people,\u201d the agency "
            "reported.")
    assert quote(text, "full of wounded").speaker == "the agency"


@pytest.mark.parametrize("text", [
    # ECB+ dev (fresh5, the deputy's killer sentenced): unattributed, the closing mark glued to the name
    "\u201cWe appreciate the gravity of the decision the jury had to make,\u201d Ann Cole said afterward.",
    "\"We appreciate the gravity of the decision the jury had to make, \"Ann Cole, the deputy's wife, said afterwards.",
])
def test_said_afterward(text: str):
    assert quote(text, "gravity of the decision").speaker == "Ann Cole"


def test_a_long_title_inside_an_attribution_is_read_across_and_never_a_quote():
    # ECB+ dev (fresh7a, Bettie Page): the book title in the attribution was listed as a quote and joined to the
    # next one under "Quote' James Swanson"; the quote before it was unattributed
    text = ("She had left the public eye in 1957. \"She is the last great icon of the decade, '' Ann Cole, co-author "
            "of \"Bettie Page: The Life of a Pinup Legend, '' said in a 1996 interview. \"Like James Dean, she "
            "brought something modern to the era. ''")
    assert [(q.speaker, q.text) for q in quotes_of(text)] == [
        ("Ann Cole", "She is the last great icon of the decade. Like James Dean, she brought something modern to "
                     "the era.")]


def test_a_whole_quote_followed_by_she_said_and_reported_speech_is_hers():
    # ECB+ dev (fresh5, the Banky family): unattributed between two of the friend's quotes
    text = ("\u201cHe was bright,\u201d said Nancy Hill, a family friend. Hill and her husband Eric, both retired "
            "teachers, knew Ben as a baby because they taught with Ben's father Jake. The Hills' attended Ben's "
            "wedding on an island where his parents now live. \u201cThey weren't married very long, just a couple of "
            "years.\u201d She said Ben and his wife grew up as neighbours.")
    assert quote(text, "married very long").speaker == "Nancy Hill"
    text = "\u201cThey weren't married very long, just a couple of years.\u201d She said, \u201cNo.\u201d"
    assert quote(text, "married very long").speaker is None


def test_words_described_by_someone_and_a_clause_is_no_speaker():
    # The Intercept (the as-user store): the ledger showed "opened with the story of Gal Abdush" and "including
    # the account of Cohen" as speakers
    text = ("The article opened with the story of Ann Cole, described by the Times as \u201cthe woman in the black "
            "dress.\u201d Video followed.")
    assert quote(text, "black dress").speaker == "the Times"
    text = ("Critics flagged contradictions in the stories told in the report, including the account of Ben Reed, who "
            "had initially said \u201che chose not to look, but he could hear them laughing.\u201d")
    assert quote(text, "chose not to look").speaker in ("Ben Reed", None)


@pytest.mark.parametrize(("text", "words", "speaker"), [
    # PolNeAR training articles (measurement only): a verb of judgement or thought took the quote into its clause
    ("Ann Cole thanked the mayor for \u201cstepping up when the council would not act.\u201d", "stepping up",
     "Ann Cole"),
    ("In 2014, the Pew Research Center found that \u201cvoters in both parties have moved further apart.\u201d",
     "moved further apart", "the Pew Research Center"),
    ("Senator Ben Reed worried that the safety net was becoming \u201ca hammock that lulls people into "
     "complacency.\u201d", "hammock", "Ben Reed"),
    ('Ann Cole, co-founder of the institute, welcomed "the recognition that we do not, in fact, have all the '
     'technology we need."', "recognition", "Ann Cole"),
    ("Ann Cole credited the victory to \"a closed primary, something I am not all that enthusiastic about.\"",
     "closed primary", "Ann Cole"),
])
def test_a_verb_of_judgement_or_thought_governing_a_partial_quote_gives_its_subject(text: str, words: str,
                                                                                       speaker: str):
    assert quote(text, words).speaker == speaker


@pytest.mark.parametrize("text", [
    # ProPublica (fresh3): the quote is in a clause of its own, joined to the verb's clause
    "Investigators routinely cite the park for violations, and even Tripadvisor won't sell tickets \u201cbecause it "
    "does not meet our animal welfare guidelines.\u201d",
    # The Miami Herald (fresh9b): the quote is inside the verb's subject
    "The director pledged in July that the department \u201cwould be able to reach the gold standard,\u201d but "
    "trust members questioned whether applying was enough.",
])
def test_a_verb_of_judgement_outside_the_quote_s_clause_gives_no_speaker(text: str):
    assert not any(q.speaker in ("Investigators", "trust members") for q in quotes_of(text))


def test_a_thought_in_quotes_is_the_thinker_s_and_a_later_quote_past_other_sentences_is_not_joined_to_it():
    # The Guardian (the as-user store): "“I created you,” she thought" was joined to "For me, it felt real." five
    # sentences on, a parsed attribution's end read past its full stop
    text = ("“I built this,” Ann Cole thought, and now she could take it out. Since then, Ann Cole has recommitted "
            "to her therapist, who had always cautioned her. She has been feeling better. “For me, it felt real.”")
    assert [q.text for q in quotes_of(text)] == ["I built this", "For me, it felt real."]
    assert quote(text, "I built this").speaker == "Ann Cole"


@pytest.mark.parametrize(("text", "speaker"), [
    # PolNeAR training articles (measurement only): the party label was the speaker, or pushed the name out
    ('Sen. Ben Reed, R-Ky., told Fox News that polls could be "way off," and have been unreliable in past races.',
     "Ben Reed"),
    ("Rep. Ann Cole (D-Md.), chair of the Platform Committee, said it was \u201ccommitted to an open and transparent "
     "process.\u201d", "Ann Cole"),
])
def test_a_party_label_after_a_politician_s_name_is_no_speaker(text: str, speaker: str):
    assert quotes_of(text)[0].speaker == speaker


@pytest.mark.parametrize(("intro", "speaker"), [
    # PolNeAR training articles (measurement only): a paragraph ending on a colon introduced the next one's quote
    ("17-year-old Ann Cole echoed:", "Ann Cole"),
    ("The New York Times confirmed that observation, reporting:", "The New York Times"),
    ("81-year-old Ann Cole, a nominal Republican who voted for Carter, said that given the crop of candidates:",
     "Ann Cole"),
])
def test_a_paragraph_ending_on_a_colon_introduces_the_quote_after_it(intro: str, speaker: str):
    text = f"Ann Cole and the New York Times were there.\n\n{intro}\n\n\u201cHe speaks his mind, and I think that " \
           f"might be what the country needs.\u201d"
    assert quote(text, "speaks his mind").speaker == speaker


@pytest.mark.parametrize("text", [
    # PolNeAR training articles (measurement only): "when" ended no attribution after a quote
    "\u201cThat\u2019s a legitimate concern, because they\u2019re very passionate,\u201d Cole, 69, told MSNBC Monday "
    "when asked about concerns that Reed\u2019s supporters would not support Ann if he loses the nomination.",
    "\"Very good reporter, very good reporter this guy,\" Cole, the frontrunner nationally and the polling leader in "
    "South Carolina, said when Reed asked him a question.",
])
def test_an_attribution_after_a_quote_runs_on_into_when(text: str):
    assert quotes_of(text)[0].speaker == "Cole"


def test_no_speaker_phrase_from_a_negation_a_comparison_a_question_or_a_relative_clause():
    # PolNeAR training articles (measurement only): "Neither Cruz nor Christie acknowledged …" made "Neither Cruz
    # nor Christie" the canonical name of every Christie quote; "Like Corker, Menendez …", "Was Szlachta satisfied
    # …?" and "He lambasted the deal negotiated by President Obama, who he noted was “…”" were speakers too
    text = ("Neither Ben Reed nor Ann Cole acknowledged the administration’s efforts to combat the epidemic. "
            "\u201cThis is a disease, not a moral failing,\u201d Cole said.")
    assert quote(text, "This is a disease").speaker == "Ann Cole"
    text = ("Like Ben Reed, Ann Cole also rejected the notion, arguing that there is \u201cflexibility for the "
            "administration in the regime.\u201d")
    assert quote(text, "flexibility").speaker == "Ann Cole"
    text = ("Ann Cole spoke at the dinner. He lambasted the deal negotiated by Ben Reed, who he noted was \u201cin his "
            "final year, yay.\u201d")
    assert [q.speaker for q in quotes_of(text) if "final year" in q.text] in ([], [None])  # not the deal's maker
    from storywire.analyse.sentences import sentence_spans
    from storywire.analyse.speakers import find_mentions
    text = "Was Ben Reed satisfied with the answer? Ben Reed said no."
    assert all(not m.name.startswith("Was") for m in find_mentions(text, sentence_spans(text), []))


@pytest.mark.parametrize("opening", ["CHICAGO - Ann Cole", "ROME-Ann Cole"])
def test_a_dateline_is_no_part_of_the_name_after_it(opening: str):
    # PolNeAR training articles (measurement only): "ROME-Bernie Sanders" was the speaker of Sanders's quotes
    text = f"{opening} met the pope on Saturday. \u201cIt was an extraordinary experience for me,\u201d Cole said."
    assert quote(text, "extraordinary experience").speaker == "Ann Cole"


@pytest.mark.parametrize(("text", "speaker"), [
    # PolNeAR training articles (measurement only): "Post" was cut off as a document noun, "the Washington" left
    ("\u201cWe are closing the office for good,\u201d the Washington Post said.", "the Washington Post"),
    ("The talks were \u201con the verge of collapse this week,\u201d the Jerusalem Post reported.",
     "the Jerusalem Post"),
    ("\u201cWe are closing the office,\u201d the White House brief said.", "the White House"),
])
def test_a_paper_named_post_keeps_its_name_and_a_document_gives_its_issuer(text: str, speaker: str):
    assert quotes_of(text)[0].speaker == speaker


def test_a_pull_quote_repeating_a_credited_quote_is_not_listed_again():
    # PolNeAR training articles (measurement only): the pull quote was a second, unattributed entry of the ledger
    text = ("\u201cI worry that we may see a resurgence of Democrats singing the virtues of balanced budgets,\u201d "
            "said Dean Baker, co-director of the Center for Economic and Policy Research.\n\n"
            "On its face, the critique is a typical line of attack on tax cuts for the rich.\n\n"
            "\"I worry that we may see a resurgence of Democrats singing the virtues of balanced budgets.\n"
            "Dean Baker, Center for Economic and Policy Research.\"\n\n"
            "But the broadside leaves room to be interpreted in many ways.")
    assert [(q.speaker, q.text[:20]) for q in quotes_of(text)] == [("Dean Baker", "I worry that we may ")]


@pytest.mark.parametrize(("text", "speaker"), [
    # PolNeAR training articles (measurement only), each unattributed or credited to a part of the phrase before
    ("Ann Cole, executive director of the House Majority PAC, a Democratic super PAC, said she thinks they \"are "
     "going to be dragged down by the anger.\"", "Ann Cole"),
    ("Ann Cole, during a town hall meeting in Columbus, Ohio, said she was \"going to put a lot of coal miners out of "
     "business.\"", "Ann Cole"),
    ("Later, in front of the Rotary Club at Fratello\u2019s Italian Grille, Ann Cole said Reed is \u201cnot smart "
     "enough to win the nomination.\u201d", "Ann Cole"),
    ("\u201cOK, for a start, his wife has a lot to say about that,\u201d Ann Cole barked.", "Ann Cole"),
    ("\"I am calling from the campaign. How are you today?\" Ann Cole, a retired worker from a nuclear plant, said "
     "pleasantly into the phone.", "Ann Cole"),
])
def test_the_name_before_a_role_an_aside_or_a_manner_of_speaking_is_the_speaker(text: str, speaker: str):
    assert quotes_of(text)[0].speaker == speaker


@pytest.mark.parametrize(("text", "speaker"), [
    # PolNeAR training articles (measurement only): unattributed
    ("Immediately after the attacks, Ann Cole issued a statement, \u201cLast night, our nation was attacked by a "
     "terrorist.\u201d", "Ann Cole"),
    ("The Democratic National Committee released a statement at the outset of the convention Monday, offering "
     "\u201ca deep and sincere apology to the senator.\u201d", "the Democratic National Committee"),
    ("As Ann Cole said last week in Tel Aviv, \u201cIsrael is the center of the digital future and we are proud to "
     "be here.\u201d", "Ann Cole"),
    ("As Ann Cole, the No. 2 in the GOP leadership, put it: \"The voters will have their say in November this "
     "year.\"", "Ann Cole"),
    ("As Ann Cole puts it, \"The party has no leader at all right now, and it shows.\"", "Ann Cole"),
])
def test_a_statement_issued_and_as_someone_put_it_with_an_aside_give_the_speaker(text: str, speaker: str):
    assert quotes_of(text)[0].speaker == speaker


def test_a_statement_about_someone_who_speaks_in_it_is_not_the_issuer_s():
    text = ("The group released a statement about the senator, which quoted Ann Cole as saying it was \u201ca "
            "disgrace to the whole party and its voters.\u201d")
    assert quotes_of(text)[0].speaker != "The group"


@pytest.mark.parametrize(("text", "speaker"), [
    # PolNeAR training articles (measurement only): a name right before a colon, no speech verb in the sentence
    ("Ann Cole and Ben Reed run the poll. The timing of the surge doesn\u2019t surprise Republican pollster Ann Cole: "
     "\u201cHistorically, lesser-known candidates have seen the biggest boost.\u201d", "Ann Cole"),
    ("Pollsters agree - Ann Cole: \u201cThe polls did not predict the result in Iowa this year.\u201d", "Ann Cole"),
    # ... but an article's byline before its excerpt is no speaker
    ("\u2014\"Hamilton to play Chicago in a long run,\" by Variety's Ann Cole: \"The musical Hamilton will ride its "
     "wave of hype all the way to Chicago.\"", None),
])
def test_a_name_right_before_a_colon_speaks_the_quote_after_it(text: str, speaker: str | None):
    assert quotes_of(text)[-1].speaker == speaker


def test_a_paragraph_of_quote_alone_after_one_telling_of_someone_speaking_is_theirs():
    # PolNeAR training articles (measurement only): unattributed
    text = ("Ann Cole praised the governor\u2019s leadership in the aftermath of the hurricane.\n\n"
            "\u201cHe gets things done in a heavily Democratic state, and that is rare.\u201d")
    assert quote(text, "gets things done").speaker == "Ann Cole"
    # ... not a heading in capitals, nor a paragraph with words of its own outside the quote
    text = ("Ann Cole also announced the Peace Corps would begin operating in Vietnam.\n\n"
            "\u201cEVENTUALLY VOTERS MAKE GOOD DECISIONS FOR THEMSELVES\u201d\n\n"
            "Across Asia, policymakers were startled.")
    assert all(q.speaker is None for q in quotes_of(text) if "VOTERS" in q.text)
    text = ("Ann Cole has been taking heat back home for not condemning the attacks.\n\n"
            "\u201cThere are invertebrates that have shown more spine than Ann Cole,\u201d reads a Wednesday editorial "
            "in The Des Moines Register.")
    assert all(q.speaker != "Ann Cole" for q in quotes_of(text))


@pytest.mark.parametrize(("text", "words"), [
    # PolNeAR training articles (measurement only): a description of a go-between went to the one person named
    ("Ben Reed will work with whoever is elected, his office said.\n\u201cHe has made his views on the comments very "
     "clear. He disagrees with them,\u201d the spokesman said.", "made his views"),
    ("The pontiff met Ben Reed at the guest house.\n\n\"When I came down, I greeted him, I shook his hand and nothing "
     "more,\" the pope told reporters.", "greeted him"),
    ("Ben Reed's money makes up a tiny share of the campaign's spending.\n\n\u201cNobody cares when you\u2019re "
     "spending your own money,\u201d the RNC member said.", "Nobody cares"),
])
def test_a_go_between_described_is_not_the_person_named_nearby(text: str, words: str):
    assert quote(text, words).speaker != "Ben Reed"


def test_a_title_described_is_still_the_person_named_nearby():
    text = ("Ann Cole warned against the \u201cfevered dreams\u201d of a brokered convention. \u201cI think that would "
            "be an absolute disaster for the party,\u201d the Texas senator said.")
    assert quote(text, "absolute disaster").speaker == "Ann Cole"


@pytest.mark.parametrize(("text", "words", "speaker"), [
    # PolNeAR training articles (measurement only): unattributed, or the two partial quotes joined into one
    ('Rajoy said Monday that he will "try to form a stable government" and insisted that his party was "still the '
     'No. 1 force in Spain."', "still the No. 1", "Rajoy"),
    ("As the crowd began to chant, Ann Cole was joined on stage again by Minnesota Sen. Ben Reed and joked, \u201cBust "
     "people, you\u2019re being ridiculous,\u201d drawing loud jeers.", "being ridiculous", "Ann Cole"),
    ('Continuing to explain his perspective, Ben Carson rejected the notion that the episode should be water under '
     'the bridge, saying that if he "found something that was rotten, I would fix it."', "found something",
     "Ben Carson"),
])
def test_a_verb_joined_to_the_sentence_s_and_a_participle_opening_it(text: str, words: str, speaker: str):
    assert quote(text, words).speaker == speaker


def test_a_time_opening_a_sentence_is_no_subject():
    # ECB+ dev (fresh10a): "Moments" became the subject of "and said" and took the witness's quote from her
    text = ("Moments after the shooting, one cop put both hands on his head and said, \u201c\u2018Oh, God!\u2019\u201d "
            "Ann King recalled. \u201cHis partner went over to him and put his hand on his shoulder.\u201d")
    assert quote(text, "His partner went over").speaker in ("Ann King", "King")


def test_a_dash_line_under_a_quote_paragraph_credits_it():
    # PolNeAR training articles (measurement only): a fact-check's and a live blog's quotes, unattributed
    text = ("The numbers came in.\n\n\"Great speech. She's tested. She's ready. She never quits. That's why Ann should "
            "be our next president.\"\n\n-President Ben Reed, tweeting after the speech.\n\nMore followed.")
    q = quote(text, "Great speech")
    assert (q.speaker, q.role) == ("Ben Reed", "President")
    text = "The numbers came in.\n\n\"We will look into it and release all of the transcripts soon.\"\n\nMore followed."
    assert quote(text, "look into it").speaker is None


@pytest.mark.parametrize("line", ["- Ben Reed.", "- Sen. Ben Reed.", "- Ben Reed, at a rally in Ohio."])
def test_a_dash_and_a_space_before_the_credited_name_is_no_list_bullet(line: str):
    # PolNeAR training articles (measurement only): "- Bernie Sanders." was blanked as a list's bullet first, so
    # the fact-check's quotes stayed unattributed; "-Sanders." kept its full stop in the name
    text = ("The numbers came in.\n\n\"We will look into it and release all of the transcripts soon.\"\n\n"
            f"{line}\n\nMore followed.")
    assert quote(text, "look into it").speaker == "Ben Reed"
    assert quote(text.replace("- ", "-"), "look into it").speaker == "Ben Reed"


def test_past_a_verb_whose_subject_up_its_clauses_is_no_speaker_the_next_verb_up_speaks():
    # PolNeAR training articles (measurement only): "to counter" gave "the proceeds", so no one
    text = ('Ann Cole said she planned to use the proceeds from the sale to fight "Black Lives Matter" violence and to '
            'counter "the governor\'s anti-firearm rhetoric."')
    assert quote(text, "anti-firearm rhetoric").speaker == "Ann Cole"
    # ... but a verb's own subject is final: the report's words, not the critic's
    text = ("Ann Cole, the former attorney general, criticized the email use, which an FBI investigation said was "
            "\u201cextremely careless and a risk to national security.\u201d")
    assert quote(text, "extremely careless").speaker != "Ann Cole"


@pytest.mark.parametrize(("text", "words", "speaker"), [
    # PolNeAR training articles (measurement only): "Even people", "Republican", "Trump's Virginia" were speakers
    ("Even people who endorsed the plan sounded equivocal: Former Rep. Ann Cole called it \u201cthe least bad option "
     "under the circumstances.\u201d", "least bad option", "Ann Cole"),
    ("Something happened.\n\nIn response to the loss of life, Republican presidential nominee Ann Cole issued the "
     "following statement:\n\n\u201cOur prayers are with all those affected by the horrible attacks.\u201d",
     "Our prayers", "Ann Cole"),
    ("In early October, Cole\u2019s Virginia state director, Ben Reed, reached out to the firm, writing in an email: "
     "\u201cWe want to use this data package as soon as possible.\u201d", "data package", "Ben Reed"),
])
def test_a_clause_before_a_colon_an_adverb_or_a_title_is_no_part_of_the_subject(text: str, words: str, speaker: str):
    assert quote(text, words).speaker == speaker


@pytest.mark.parametrize(("text", "speaker"), [
    # PolNeAR training articles (measurement only): "he" and "she" went to "Pennsylvania", "Presumptive Democrat"
    ("Former Pennsylvania governor Ben Reed, one of the most vocal supporters, was even more resolute. "
     "\u201cAbsolutely not, and I will say it again today,\u201d he said.", "Ben Reed"),
    ("Presumptive Democrat nominee Ann Cole spoke on Wednesday. She was defending the deal. \u201cWe did nothing "
     "wrong in this case at all,\u201d she said.", "Ann Cole"),
])
def test_a_place_or_an_adjective_before_a_title_and_a_name_is_no_person(text: str, speaker: str):
    assert quotes_of(text)[0].speaker == speaker


@pytest.mark.parametrize(("text", "words", "speaker"), [
    # PolNeAR training articles (measurement only): unattributed
    ("Ben Law leads the group. \"There is a sense of urgency that we keep them there,\" Law said.", "sense of urgency",
     "Ben Law"),
    ("Ann Cole spoke first. Ben Reed shot back, \u201cI suppose I could have chosen to stay home and bake.\u201d",
     "stay home", "Ben Reed"),
    ("\u201cGet out of here right now, all of you,\u201d the officer yelled at the men.", "all of you", "the officer"),
])
def test_a_surname_that_is_a_word_and_a_retort_before_its_words_give_the_speaker(text: str, words: str,
                                                                                  speaker: str):
    assert quote(text, words).speaker == speaker


def test_a_law_that_is_no_one_s_surname_says_nothing():
    text = "\"It is a question for the courts and for nobody else,\" the law said, according to the judge."
    assert quote(text, "question for the courts").speaker in (None, "the judge")


def test_a_title_and_a_name_before_a_description_is_the_speaker_not_the_description():
    # PolNeAR training articles (measurement only): wrong speakers
    text = ("\u201cAlmost everybody but health care economists was opposed to the thing,\u201d said former Sen. Ben "
            "Reed, a moderate Indiana Democrat.")
    assert quote(text, "Almost everybody").speaker == "Ben Reed"
    text = ("On the trail for his wife, presidential front-runner Ann Cole, former governor Ben Cole said she was "
            "ready because \u201cthe world is in very tough shape.\u201d")
    assert quote(text, "tough shape").speaker == "Ben Cole"  # a name after the description: that one


def test_an_adviser_to_someone_is_not_that_person():
    # PolNeAR training articles (measurement only): "said a longtime adviser to Trump" gave Trump
    text = ("The leading authority in the campaign is Ben Reed himself.\n\n\u201cPaul\u2019s knowledge, such as "
            "it is, is about 20 years old,\u201d said a longtime adviser to Reed.")
    assert quote(text, "knowledge").speaker not in ("Ben Reed", "Reed")
    assert quote("\u201cWe lost the vote tonight,\u201d said a dejected Edwards.", "lost the vote").speaker == "Edwards"


def test_a_survey_from_an_outlet_is_the_outlet_s():
    # the as-user ledger: "according to a separate survey from Mortgage News Daily" (a guard for the rule above)
    text = ("Mortgage rates moved higher again to start this week, according to a separate survey from Home Loan "
            "Daily. \u201cThere were no obvious catalysts for the move this time,\u201d the survey said.")
    assert quote(text, "Mortgage rates moved higher").speaker == "Home Loan Daily"


def test_a_name_with_an_age_and_a_hometown_after_the_quote_is_the_speaker():
    # PolNeAR training articles (measurement only): unattributed
    text = ("\"I have been a Democrat all my life and it is over now,\" Ann Cole, 30, of Raleigh, N.C., said in a "
            "follow-up interview.")
    assert quote(text, "all my life").speaker == "Ann Cole"  # (the parse finds some names, not all)


@pytest.mark.parametrize(("text", "words", "speaker"), [
    # PolNeAR training articles (measurement only): a possessive cue, unattributed
    ("Ben Reed emailed Ann Cole on Monday. Cole\u2019s response was: \u201cIs the deal off in Ohio or in "
     "Wisconsin?\u201d", "deal off", "Ann Cole"),
    ("Ann Cole took the stage. Her reply was simple: \u201cWe will win this state in November.\u201d", "win this state",
     "Ann Cole"),
    ("Aides say Ann Cole will back Reed. From Cole\u2019s Facebook post: \"For the sake of our party and country, we "
     "must unite behind him.\"", "For the sake", "Ann Cole"),
])
def test_a_person_s_response_before_a_colon_gives_the_speaker(text: str, words: str, speaker: str):
    assert quote(text, words).speaker == speaker


@pytest.mark.parametrize(("intro", "speaker"), [
    # PolNeAR training articles (measurement only): unattributed; the paragraph before tells of the speaker in a
    # clause of reason or time, past a short quoted term
    ("What \u201cgo after them\u201d actually means is left to the imagination of voters, since Ben Reed spoke only "
     "in evasive bromides during the interview.", "Ben Reed"),
    ("Tom Hart left the room after Ann Cole spoke about the budget.", "Ann Cole"),  # the clause's speaker
    ("Ben Reed praised the plan when he met donors in Ohio.", "Ben Reed"),  # the main clause's
])
def test_a_paragraph_of_quote_after_one_telling_of_someone_speaking_in_a_clause(intro: str, speaker: str):
    text = f"{intro}\n\n\u201cWe cannot go on like this for another year, and we will not.\u201d"
    assert quote(text, "go on like this").speaker == speaker


def test_a_paragraph_of_quote_in_the_first_person_after_one_about_a_named_person_is_theirs():
    # fundus (tuning half): a player's words after a paragraph on his match, running on over two paragraphs
    text = ("Ann Cole meanwhile wrapped up her win in just over two hours, knocking out Eva Lind 6-1, 6-4.\n\n"
            "\u201cHaving other players do well in the draw is amazing. We can all push each other to be better.\n\n"
            "\u201cIt\u2019s nice to be around great players. I\u2019m just very lucky to have them.\u201d")
    assert quote(text, "push each other").speaker == "Ann Cole"
    assert quote(text, "very lucky").speaker == "Ann Cole"
    # not words that are not the first person's, a photo's caption, a "he" or a credit line naming someone else
    words = "\u201cWe are not strangers in this land.\u201d"
    for before, after in [("Ann Cole won in two hours.", "\u201cThe draw is open to all this year.\u201d"),
                          ("Ann Cole at her farm, where she grew up", words),
                          ("He wrapped up his win in two hours.", words),
                          ("Ann Cole voted for the bill.", "\u201cI will look into it.\u201d\n\n- Eva Lind.")]:
        found = quote(f"{before}\n\n{after}", after.split("\u201d")[0][1:12])
        assert found.speaker in (None, "Eva Lind") and found.speaker != "Ann Cole", (before, after)
    assert quote("Ann Cole voted for the bill.\n\n\u201cI will look into it.\u201d\n\n- Eva Lind.",
                 "look into it").speaker == "Eva Lind"


def test_a_sentence_of_a_connective_and_a_quote_goes_on_with_the_speaker_before():
    # PolNeAR training articles (measurement only): the second quote unattributed
    text = ("\u201cHe is supposed to be a cheerleader for this country,\u201d Ben Reed said. Instead, \u201che just "
            "acts like a defeated man.\u201d")
    assert quote(text, "defeated man").speaker == "Ben Reed"
    text = "\u201cWe will win,\u201d Ann Cole said. But \u201cthe other side has the money,\u201d Tom Hart said."
    assert quote(text, "the other side").speaker == "Tom Hart"  # its own speaker


@pytest.mark.parametrize(("text", "words", "speaker"), [
    # PolNeAR training articles (measurement only): unattributed
    ("Ann Cole clashed with Tom Hart during the hearing, chiding him, \u201cWhat difference at this point does it "
     "make?\u201d", "What difference", "Ann Cole"),
    ("Ben Reed offered a retort on the mogul's preferred mode of communication, tweeting at him, \u201cyou are not "
     "just a loser, you are a liar.\u201d", "not just a loser", "Ben Reed"),
    ("One operative inside Hart Tower tried to downplay the comments, saying they were \u201cnot a big deal around "
     "here.\u201d", "big deal", "One operative"),
])
def test_a_participle_of_speech_after_the_clause_gives_its_subject(text: str, words: str, speaker: str):
    assert quote(text, words).speaker == speaker



@pytest.mark.parametrize(("text", "words", "speaker"), [
    # PolNeAR training articles (measurement only): a place credited
    ("Ben Reed, who lives in an area outside of the state capital, Sacramento, said he still \u201cprays that Ann "
     "ends up the nominee after all.\u201d", "prays that", "Ben Reed"),
    ("At a rally in Birmingham, Alabama, some of his supporters kicked a protester, with Reed reportedly yelling: "
     "\u201cGet him the hell out of here right now!\u201d", "Get him", "Reed"),
])
def test_a_place_inside_a_relative_clause_or_after_a_city_is_no_speaker(text: str, words: str, speaker: str):
    assert quote(text, words).speaker == speaker


def test_an_epithet_after_an_unnamed_child_is_not_the_person_quoted_before():
    # PolNeAR training articles (measurement only): "asked the boy" went to the governor quoted before
    text = ("\u201cWe will build it as soon as we can,\u201d Gov. Ben Reed said at the town hall.\n\n"
            "The last question at the event was from a young child, who said he and his father drove to the event.\n\n"
            "\u201cHow big is that wall going to be?\u201d asked the boy, as the audience laughed.")
    assert quote(text, "How big is that wall").speaker == "the boy"


@pytest.mark.parametrize(("text", "words", "speaker"), [
    # PolNeAR training articles (measurement only): the reported clause's subject was credited
    ("Senator Ann Cole, also campaigning in Ohio, said Reed is ultimately responsible for what happens at his events "
     "and accused him of \"inciting violent behavior, aggressive behavior, that I think is very dangerous.\"",
     "inciting violent", "Ann Cole"),
    ("Alongside the calls for action, even a top GOP strategist said Cole will have to choose whose side she is on, "
     "saying, \u201cAt some point, she is going to have to come out on where she stands.\u201d", "At some point",
     "a top GOP strategist"),
])
def test_a_speech_verb_joined_to_a_reported_clause_is_the_reporter_s(text: str, words: str, speaker: str):
    assert quote(text, words).speaker == speaker



def test_a_dash_before_a_quote_in_the_first_person_gives_the_sentence_s_subject():
    # PolNeAR training articles (measurement only): unattributed
    text = ("Ben Reed spoke on Sunday. Reed also embraced enhanced interrogation techniques -- \"I think waterboarding "
            "is peanuts compared to what they would do to us.\"")
    assert quote(text, "waterboarding").speaker == "Ben Reed"
    text = "The storm hit the coast on Monday \u2014 \u201cIt was the worst we have ever seen here.\u201d"
    assert quote(text, "the worst").speaker is None  # no one the sentence names


def test_a_name_before_a_title_and_a_name_is_not_the_sentence_s_subject():
    # PolNeAR training articles (measurement only): "he said" went to the candidate named in the title
    text = ("Ben Reed spoke on Monday. Reed spokesman Tom Hart said that the campaign will show that Reed has "
            "\"guiding principles to make critical decisions as president,\" he said.")
    assert quote(text, "guiding principles").speaker == "Tom Hart"


def test_a_name_set_off_after_a_speech_verb_inside_the_subject_is_the_speaker():
    # PolNeAR training articles (measurement only): the quote went to the sentence's subject, "The paradox of Nancy"
    text = ("Ann Cole died on Sunday. The paradox of Cole, says Tom Hart, historian at the city library, is that "
            "she was \"one of the most powerful figures of the post-war era.\"")
    assert quote(text, "powerful figures").speaker == "Tom Hart"
    text = "The change, said Ben Reed, a lawyer for the city, was \"a long time coming and overdue.\""
    assert quote(text, "long time coming").speaker == "Ben Reed"
    text = "The mayor, said to be furious, called the plan \"a disaster for the whole city.\""
    assert quote(text, "a disaster").speaker == "The mayor"  # "said to be": no speech


def test_a_name_in_apposition_to_a_description_ending_on_a_place_is_the_speaker():
    # fundus's public test pages (measurement only): "Epstein's neighbor in both Florida and New York" was credited
    text = "\"Terrific guy,\" Cole's neighbor in both Florida and New York, Ben Reed, said in the 2002 story."
    assert quote(text, "Terrific guy").speaker == "Ben Reed"


def test_a_participle_of_speaking_to_an_outlet_is_not_part_of_the_speaker():
    text = ("Ann Cole was 14 at the time. Speaking to the Daily Mail Cole claimed: \"A lot of things happened in "
            "that room that I cannot forget.\"")
    assert quote(text, "A lot of things").speaker == "Ann Cole"


def test_states_the_noun_is_no_speech_verb():
    text = ("Ann Cole, the bloc's foreign policy chief, said top diplomats from EU states will meet within days to "
            "\u201cdiscuss how to dial up the pressure on Russia.\u201d")
    assert quote(text, "dial up the pressure").speaker == "Ann Cole"


def test_a_time_phrase_opening_a_sentence_is_not_part_of_the_speaker():
    text = "Ann Cole lost her job in May. Last week Cole told reporters: \"I am not going anywhere at all.\""
    assert quote(text, "not going anywhere").speaker == "Ann Cole"
    text = ("On March 19, 2020, the user asked about driving for a living. The following month they posted: "
            "\"HELP - I cannot get any benefits and am about to run out of money.\"")
    assert quote(text, "run out of money").speaker is None  # no one the text names, never "The following month"


def test_a_title_at_an_employer_then_a_name_gives_the_person_whom_a_given_name_then_calls():
    text = ("Prices are rising fast. Marketing Manager at Ocean Florida Abby Dunn, who has travelled there 42 "
            "times, shared her tips. Abby said: \"I would always recommend buying your park tickets early.\"\n\n"
            "Easter is busy too. The expert said: \"Disney World is a great place for families all year.\"")
    assert quote(text, "buying your park tickets").speaker == "Abby Dunn"
    assert quote(text, "great place for families").speaker == "Abby Dunn"  # "the expert": the one just quoted
    text = "The director of Human Rights Watch said it was \"bad news for everyone in the region\"."
    assert quote(text, "bad news").speaker == "The director of Human Rights Watch"  # an organisation, no one named


def test_the_expert_of_a_service_piece_is_the_one_person_it_quotes():
    # fundus's public test pages (measurement only): plant names and places between the quote and "the expert"
    text = ("\"Plants clean the air of the products of smoke and gas,\" explains Ben Reed from Green Gardens.\n\n"
            "Next up is the English Ivy, a hanging plant from Europe and Western Asia.\n\n"
            "\"Despite this, it is still an easy plant to care for,\" the expert explains.")
    assert quote(text, "easy plant to care for").speaker == "Ben Reed"


def test_a_peer_s_or_a_knight_s_title_gives_the_person_s_gender():
    text = ("Lady Hale met Sir Tom on Monday. Sir Tom spoke first at the meeting. \u201cWe will see what happens "
            "next,\u201d she said.")
    assert quote(text, "what happens next").speaker == "Lady Hale"


def test_a_name_in_the_question_put_to_the_subject_is_not_who_he_is():
    # a guard, from fundus's public test pages (measurement only): once "Lord Alli" is known to be a he, the
    # "he" after "Asked again whether he would accept gifts from Lord Alli," is still the one asked
    text = ("Lord Alli has given money to Labour. Sir Keir Starmer was asked about gifts on Monday.\n\n"
            "Asked again whether he would accept gifts from Lord Alli, he said: \u201cWherever there are gifts from "
            "anyone I am going to comply with the rules.\u201d\n\nAsked whether an adviser would be appointed, he "
            "went on: \u201cThere is a massive difference between declarations and corruption.\u201d")
    assert quote(text, "comply with the rules").speaker == "Sir Keir Starmer"
    assert quote(text, "massive difference").speaker == "Sir Keir Starmer"


def test_a_paragraph_of_quote_alone_after_a_sentence_of_someone_s_wish_is_theirs():
    text = ("Ben Reed, the minister for the economy of the province, wants to see the corridor stretching as far "
            "as Angola.\n\n\u201cBringing in Angola and Namibia is important for the whole region and Africa.\u201d")
    assert quote(text, "Bringing in Angola").speaker == "Ben Reed"
    text = ("Ben Reed, the minister for the economy, opened the new road to Angola.\n\n"
            "\u201cBringing in Angola and Namibia is important for the whole region and Africa.\u201d")
    assert quote(text, "Bringing in Angola").speaker is None  # a deed, not a mind: whose words is not said


def test_an_account_handle_is_a_speaker():
    # fundus's public test pages (measurement only): a Reddit user's posts, quoted under the user's handle
    text = "In June 2023, cole_22 wrote, \u201cI am sticking it out to the end of my contract, and then I leave.\u201d"
    assert quote(text, "sticking it out").speaker == "cole_22"
    text = "\u201cWhat does Ford know about it,\u201d wrote @WomenForTrump on Twitter."
    assert quote(text, "What does Ford know").speaker == "@WomenForTrump"
    text = "The 2024 results showed \u201ca big change in the way people vote in the cities\u201d."
    assert quote(text, "a big change").speaker is None  # a year is no handle


def test_people_described_by_their_employer_keep_it():
    # fundus's public test pages (measurement only): "analysts at Boston Consulting Group wrote" gave "analysts"
    text = "\u201cCompanies should start preparing today,\u201d analysts at Boston Consulting Group wrote in a report."
    assert quote(text, "Companies should start").speaker == "analysts at Boston Consulting Group"
    text = "\u201cWe are looking into it,\u201d officials at the White House said on Monday."
    assert quote(text, "looking into it").speaker == "officials at the White House"  # not "on Monday"


def test_a_sentence_adverb_is_not_the_subject_of_a_colon_intro():
    text = ("Ben Reed spoke on Monday. More importantly, Reed had the courage to ask the voters the essential "
            "question: \u201cIs this the type of conduct that we want from a president?\u201d")
    assert quote(text, "type of conduct").speaker == "Ben Reed"


def test_the_one_a_sentence_tells_was_made_to_speak_is_the_speaker():
    text = ("Ben Reed spoke on Monday. That kind of talk led Reed to suggest, in a hot-mic moment on Wednesday "
            "evening, \u201cShe is going to get smoked, and you and I both know it.\u201d")
    assert quote(text, "going to get smoked").speaker == "Ben Reed"
    text = ("His post was shared 3,200 times, leading advisers like Ann Cole to counter that \u201cevery cent that "
            "went to the bail out, he voted against.\u201d")
    assert quote(text, "every cent").speaker == "Ann Cole"


def test_a_name_then_a_description_with_a_relative_clause_and_no_comma_is_the_name():
    text = ("She fled and phoned the police. Ben Reed, a former police officer who responded said: \u201cShe told "
            "a bizarre tale of being held captive and chained up.\u201d")
    assert quote(text, "bizarre tale").speaker == "Ben Reed"


def test_a_name_after_a_preposition_is_not_the_he_of_its_own_sentence():
    # fundus's public test pages (measurement only): "he" went to the lawyer cross-examining the witness
    text = ("Ben Reed testified on Monday about the unrest. Tom Hart, for the defence, questioned him at length."
            "\n\nIn his evidence, and under cross-examination by "
            "Tom Hart, he said that there had been \u201cintelligence gathering at a high level\u201d in the country.")
    assert quote(text, "intelligence gathering").speaker == "Ben Reed"
    text = ("Ben Reed hosts the show. Tom Hart worked with him for decades.\n\nOne of Reed\u2019s foundational "
            "beliefs is that, as he said, \u201ceverybody\u2019s playing a role.\u201d")
    assert quote(text, "playing a role").speaker == "Ben Reed"  # the owner after "of" is no object


def test_an_apposition_after_the_one_a_subject_is_sent_to_does_not_name_the_speaker():
    # fundus's public test pages (measurement only): the letter's words went to "the standards commissioner"
    text = ("The Conservatives\u2019 letter to Daniel Greenberg, the standards commissioner, said: \u201cIn August "
            "it was reported that the donor had been given a pass.\u201d")
    assert quote(text, "given a pass").speaker == "The Conservatives"
    text = "A lawyer for Ben Reed, the former mayor, said: \u201cHe is innocent of all of it and will say so.\u201d"
    assert quote(text, "innocent of all").speaker == "A lawyer for Ben Reed"  # not "the former mayor"


def test_the_owner_of_a_subject_is_no_organisation_that_speaks():
    # fundus's public test pages (measurement only): "what it calls" went to "Pakistan's"
    text = ("Utopia's military has begun an operation to address \u201cdigital terrorism\u201d spread online. Its "
            "new operation is increasingly focusing on what it calls \u201cthe enemies of the state at home\u201d.")
    assert all(q.speaker != "Utopia's" for q in quotes_of(text))


def test_a_time_word_or_a_leading_said_is_no_part_of_a_speaker():
    # PolNeAR training articles (measurement only): speakers "Saturday", "Today, the People's Daily newspaper"
    text = ("Saturday at the party convention Sen. Ann Cole (D-MA) said her rival was a \u201cproven failure\u201d "
            "in business.")
    assert quote(text, "proven failure").speaker == "Ann Cole"
    text = "Today, the People's Daily newspaper calls it \u201cthe pearl\u201d on the Silk Road Economic Belt."
    assert quote(text, "the pearl").speaker == "the People's Daily newspaper"
    text = "First Lady Ann Cole said the plan was \u201ca gift to every family in the state\u201d."
    assert quote(text, "a gift to every family").speaker == "Ann Cole"  # a title, not a time word


def test_a_paragraph_of_quote_alone_after_one_short_sentence_about_her_is_hers():
    text = ("\u201cThis is our daily life now. We breathe dust every day,\u201d Ms Ann Cole said.\n\n"
            "She has already been forced to sell her field.\n\n"
            "\u201cIt is heartbreaking. They put prices on our land without asking us about it.\u201d")
    assert quote(text, "It is heartbreaking").speaker == "Ann Cole"
    text = ("Ben Reed and Ann Cole live by the mine. She has already been forced to sell her field. Her son left.\n\n"
            "\u201cIt is heartbreaking. They put prices on our land without asking us about it.\u201d")
    assert quote(text, "It is heartbreaking").speaker is None  # a paragraph of several sentences: whose is unsaid


def test_adding_a_thing_is_not_adding_words():
    # fundus's public test pages (measurement only): the parse took "add value" for speech, and "AI" for its speaker
    text = ("Ben Reed is an analyst at a research firm. But, risks aside, he believes generative AI stands to add "
            "value to the platforms by transforming the way they work and \u201ccreating new possibilities for "
            "automation.\u201d")
    assert quote(text, "new possibilities").speaker == "Ben Reed"


def test_a_son_with_his_generation_is_not_his_father():
    # fundus's public test pages (measurement only): "Donald Trump Jr who wrote on X: ‘…’" was unattributed, and a
    # name's "Jr" was dropped, which would have made the son's words the father's
    text = ("Ben Reed spoke on Monday. The move was criticised by Ben Reed Jr who wrote on X: \u201cThe complex seems "
            "to want to make sure they get a war going.\u201d \u201cWe will see about that,\u201d Reed said.")
    assert quote(text, "get a war going").speaker == "Ben Reed Jr"
    assert quote(text, "We will see about that").speaker == "Ben Reed"


def test_the_focus_of_a_cleft_sentence_is_its_subject():
    text = ("After Ann Cole won her first-round match on Monday, it was Kim Ward who got the ball rolling on Tuesday "
            "with a 6-4, 6-0 victory.\n\n\u201cHopefully I have started everyone off well today,\u201d she told Sky "
            "Sports afterwards.")
    assert quote(text, "started everyone off").speaker == "Kim Ward"


def test_as_someone_puts_it_between_dashes_credits_the_quote():
    text = ("Ben Reed runs the unit. The tool combines the platform with outside models to \u2014 as Reed puts it "
            "\u2014 \u201cbring the power of automation to anyone that has to copy and paste.\u201d")
    assert quote(text, "power of automation").speaker == "Ben Reed"


def test_a_statement_from_someone_that_read_credits_its_author():
    text = "A statement from the club read: \u201cWe are deeply saddened by the news of his passing.\u201d"
    assert quote(text, "deeply saddened").speaker == "the club"
    text = ("At the end of June, a statement by a Sussex spokesperson confirming the eviction read: \u201cWe can "
            "confirm the couple have been asked to leave their home.\u201d")
    assert quote(text, "asked to leave").speaker == "a Sussex spokesperson"


def test_a_person_s_remarks_or_claim_that_credits_them():
    text = ("Ben Reed spoke on Monday. He also warned that social media was being exploited. His remarks that "
            "\"anarchy is spread through social media\" followed a condemnation by the army.")
    assert quote(text, "anarchy is spread").speaker == "Ben Reed"
    text = "Ann Cole spoke. Cole's claim that the plan is \"a disaster for every family\" was rejected."
    assert quote(text, "a disaster for every family").speaker == "Ann Cole"
    text = ("Ann Cole spoke. Cole spokeswoman Kim Ward said Thursday that Reed's claim that Cole backs the plan is "
            "\"simply not true at all.\"")
    assert quote(text, "simply not true").speaker == "Kim Ward"  # the verdict on the claim is the reporter's


def test_review_cases_of_this_round_s_rules_stay_right():
    # a reviewer's probes of the rules above: each gave the wrong speaker or none before it was fixed
    text = "Ben Reed spoke. Ann Cole said that, in Tom Hart's words, \u201cthe plan is a disaster for all of us.\u201d"
    assert quote(text, "a disaster for all").speaker == "Tom Hart"  # "words" is no claim
    text = ("Asked about the deal Tom Hart declined to comment on Monday. He later said: \u201cWe will look at it "
            "again next week.\u201d")
    assert quote(text, "look at it again").speaker == "Tom Hart"  # no question closed by a comma: he is the subject
    assert split_speaker("analyst at Morgan Stanley Wealth Management").name != "Wealth Management"
    assert trim_phrase("his lawyer in Boston on Monday") == "his lawyer"


def test_the_eleventh_review_of_round_22():
    """A helper's review of 2565d51..d5405d9: variants of the tenth review's fixes that did not hold."""
    def indirect(text: str) -> list[str]:
        return [q.text for q in quotes_of(text) if q.kind == "indirect"]
    for text, words in (
            # 'told' and a medium: the words open on the clause's subject, never on the medium's name
            ("The lawmaker told The New York Times Trump would sign the bill on Friday.",
             ["Trump would sign the bill on Friday"]),
            ("A spokesman told The Associated Press Israel's military would investigate the incident.",
             ["Israel's military would investigate the incident"]),
            ("A Western diplomat told Reuters Russia wants to freeze the conflict along the current front line.",
             ["Russia wants to freeze the conflict along the current front line"]),
            ("The mayor told WCVB Boston police would increase patrols in the neighborhood.",
             ["Boston police would increase patrols in the neighborhood"]),
            ("A senior official told Reuters Israel should release the frozen tax revenues immediately.",
             ["Israel should release the frozen tax revenues immediately"]),
            ("A police spokesman told Reuters police had arrested three men in the raid.",
             ["police had arrested three men in the raid"]),
            # the speaker's own hedge stays; the writer's remark on what was not given goes
            ("The minister said the aid package would help, but it would not be enough to end the crisis.",
             ["the aid package would help, but it would not be enough to end the crisis"]),
            ("Police said the fire was deliberate, but they could not rule out an accident.",
             ["the fire was deliberate, but they could not rule out an accident"]),
            ("The company said it would cut 500 jobs, though it didn\u2019t say which plants would be affected.",
             ["it would cut 500 jobs"]),
            ("Police said the victim was a 34-year-old man from Dayton, but they haven't released his name.",
             ["the victim was a 34-year-old man from Dayton"]),
            ("Police said the victim was a 34-year-old man from Dayton but did not release his name.",
             ["the victim was a 34-year-old man from Dayton"]),
            # where it was said, a place's state and a comma: the clause after it
            ("The economy is strong, Harris said during a campaign stop in Atlanta, Georgia.",
             ["The economy is strong"]),
            ("The governor said in an interview, the state would not raise taxes.",
             ["the state would not raise taxes"]),
            ("The spokesman said on Monday, that the ministry had summoned the ambassador.",
             ["the ministry had summoned the ambassador"]),
            ("Trump said at a rally in Las Vegas, Nevada that voters want real change.", ["voters want real change"]),
            ("Trump said at a rally in Las Vegas, Nevada.", []),
            # a place after a list of places a person's noun governs is no speaker
            ("The mayor of Calgary, Alberta said the city would open two new shelters this winter.", []),
            ("The mayor of Albany, New York said the city would open two new shelters this winter.", []),
            ("The University of California, Davis said the campus would remain closed through Friday.", []),
            ("Speaking at the University of Michigan, Whitmer said the state would invest in new roads.",
             ["the state would invest in new roads"]),
            # a verb after "and" belongs to a relative clause only when the subject's auxiliary follows it
            ("The agency said travelers who booked flights through the third-party website last summer and asked "
             "for refunds would be compensated.",
             ["travelers who booked flights through the third-party website last summer and asked for refunds "
              "would be compensated"]),
            ("The governor said the hurricane was the worst storm that the state had seen in decades and thanked "
             "first responders.", ["the hurricane was the worst storm that the state had seen in decades"]),
            # another outlet's attribution, its name in lower case too
            ("The minister said the talks had stalled, state news agency TASS reported, quoting a Kremlin aide.",
             ["the talks had stalled"]),
            ("The ministry said it was not aware of the report, Russia's TASS news agency reported.",
             ["it was not aware of the report"])):
        assert indirect(text) == words, text


@pytest.mark.parametrize("text, speaker", [
    # the person a speaker addressed or acted on is not the speaker a description stands for
    ("The senator told Jim Smith the border was in crisis after the surge.", "The senator"),
    ("The senator told Jim Smith: \u201cThe border is in crisis after the surge.\u201d", "The senator"),
    ("Police shot Jim Smith on Tuesday. \u201cHe was unarmed and scared,\u201d the officer said.", "the officer"),
    ("The senator told Fox Business the border was in crisis after the surge.", "The senator"),
    # a month's name borne as a surname
    ("\u201cWe will deliver Brexit for the whole country,\u201d said Theresa May.", "Theresa May"),
    ("Theresa May spoke in Parliament. She told MPs \u201cwe shall never surrender to them.\u201d", "Theresa May"),
    ("Theresa May met MPs. \u201cWe will deliver Brexit for the whole country,\u201d Mrs May said.", "Theresa May"),
    # whom a speaker cites, and who told the writer, are no part of the speaker
    ("Angela Merkel spoke. Echoing Winston Churchill, she told the crowd \u201cwe shall never surrender.\u201d",
     "Angela Merkel"),
    ("\u201cThis is about his legacy,\u201d said Elizabeth, according to a Fox source.", "Elizabeth"),
])
def test_the_speaker_is_not_whom_the_sentence_names_beside_them(text: str, speaker: str):
    q = quotes_of(text)[0]
    assert (q.speaker, q.speaker_full) == (speaker, q.speaker_full) and q.role is None, (q.speaker, q.role)


def test_a_participle_citing_someone_is_no_speaker():
    q = quote("Margaret Thatcher rose to speak. Citing John Locke, Edmund Burke, and Thomas Jefferson, she recommended "
              "\u201ccreating the conditions for a genuine world community.\u201d", "genuine world community")
    assert q.speaker is None or "Locke" not in q.speaker  # (the parse gives no subject for "she recommended")


@pytest.mark.parametrize("text, words, speakers", [
    # a reporting clause ending its sentence names the subject a later "he" stands for, not the reported words' one
    ("Dale Ames fired four shots at the deputies, Sheriff Ray Pruitt said.\n\n\u201cWe are asking residents to stay "
     "indoors tonight,\u201d he said.", "stay indoors", ("Ray Pruitt",)),
    ("The gunman fled on foot after the shooting, Police Chief Ray Pruitt said.\n\n\u201cHe is armed and should not "
     "be approached,\u201d he said.", "should not be approached", ("Ray Pruitt",)),
    # "X, 61, said Y had …": Y is what X reported, not the subject
    ("Tom Baker, 61, said Gary Lane had parked across his drive for three years.\n\n\u201cHe just laughs at me "
     "every single morning,\u201d he said.", "laughs at me", ("Tom Baker",)),
    # someone's relative, a nurse, a coach: not the one person the story names (the description, or nobody)
    ("Jordan Hughes, 17, was stabbed outside a chip shop in Swansea on Friday night.\n\n\u201cI just want answers "
     "about what happened to my boy,\u201d the victim's mother said.", "want answers", ("the victim's mother",)),
    ("Harold Smith, 91, spent six weeks on the ward.\n\n\u201cHe was an absolute gentleman to every one of us,\u201d "
     "the nurse said.", "absolute gentleman", ("the nurse",)),
    ("Jalen Hurts threw three touchdown passes as the Eagles beat the Giants.\n\nThe coach said afterwards that the "
     "line had been outstanding.\n\n\u201cThey gave him all day to throw the ball,\u201d he said.", "all day to throw",
     ("the coach", None)),
    # a subject that describes someone unnamed: a later "she" is that relative, not the person named before
    ("Emily Carter, 19, has been missing since Friday.\n\nHer mother said she had never run away before.\n\n"
     "\u201cShe always phones me when she is going to be late,\u201d she said.", "always phones me", ("Her mother",)),
    ("Trooper Jake Morales stopped the car just after midnight.\n\nThe driver told him he had been drinking at a "
     "party.\n\n\u201cI only had two beers with my dinner,\u201d he said.", "two beers", (None,)),
    # an office is still its one named holder's ("Mr Sunak hinted … the Prime Minister said")
    ("Mr Sunak hinted at tax cuts on Monday.\n\n\u201cWe will cut taxes when it is responsible to do so,\u201d the "
     "Prime Minister said.", "cut taxes", ("Sunak",)),
    # a name of a month or a modal's spelling
    ("\u201cHe knows how to handle his dad better than anyone,\u201d says Will McClay, the team's assistant director.",
     "handle his dad", ("Will McClay",)),
    # how the words were said, after them
    ("\u201cWe talked them into not making it orange and blue,\u201d Jones beams.", "orange and blue", ("Jones",)),
])
def test_whom_a_pronoun_or_a_description_stands_for(text: str, words: str, speakers: tuple):
    spoken = [q for q in quotes_of(text) if words in q.text]
    assert [q.speaker for q in spoken][:1] in ([s] for s in speakers) or (None in speakers and not spoken), \
        [(q.speaker, q.via) for q in spoken]


@pytest.mark.parametrize("text, words, speaker", [
    # the twelfth review (of d5405d9..f25b952): what the previous commits broke or left
    ("Tom Walsh spoke to reporters in Boston on Monday.\n\n\u201cWe are taking this very seriously,\u201d the "
     "sheriff said.", "very seriously", "Tom Walsh"),
    ("Kelly Ann Brown, 29, said she woke up to smoke in the hallway.\n\n\u201cI just kept thinking about my "
     "babies,\u201d the woman said.", "my babies", "Kelly Ann Brown"),
    ("Tim Cook, the chief executive of Apple, spoke at the launch.\n\n\u201cThis is our best phone ever made,\u201d "
     "the chief executive said.", "best phone", "Tim Cook"),
    ("The veteran striker Jamie Vardy scored twice against Chelsea on Saturday.\n\n\u201cI still have a lot to "
     "give,\u201d he said.", "a lot to give", "Jamie Vardy"),
    ("Police said the man who was arrested on Tuesday had been living in his car for several months and added that "
     "he was known to officers.", "the man who was arrested on Tuesday had been living in his car for several months",
     "Police"),
    ("The official told Reuters U.S. officials had been briefed on the plan.", "U.S. officials had been briefed",
     "The official"),
    ("As a member of Congress, Smith said he would vote against the bill.", "he would vote against the bill",
     "Smith"),
    ("Smith said he had been warned but had not given up on the project at all.",
     "he had been warned but had not given up on the project at all", "Smith"),
    # two ages: the one the text gives that age
    ("Gareth Price, 23, and Liam Jones, 31, deny killing a pensioner.\n\nThe 31-year-old told police he had never "
     "been to the house.\n\n\u201cI have never even met the woman,\u201d he said.", "never even met", "Liam Jones"),
    # a name in an apposition after a description of the speaker's: "said John Peters, the lorry driver, had"
    ("Chris Evans, a spokesman for the Highways Agency, said John Peters, the lorry driver, had been taken to "
     "hospital.\n\n\u201cHe was conscious when he was taken away,\u201d he said.", "conscious", "Chris Evans"),
])
def test_the_twelfth_review_of_round_23(text: str, words: str, speaker: str):
    q = quote(text, words)
    assert q.speaker == speaker, (q.speaker, q.via)


_THIRTEENTH_REVIEW = [
    # the thirteenth review (of f25b952..036a8c8): what those commits broke
    # a title with "of" or "for" in a closing reporting clause is the subject's
    ("Daniel Hill fired four shots, Chief of Police Tom Walsh said.\n\n\u201cHe did not hesitate for a "
     "second,\u201d he said.", "did not hesitate", "Tom Walsh"),
    ("Keir Starmer had broken his promise, Leader of the Opposition Kemi Badenoch said.\n\n\u201cHe cannot be "
     "trusted with the economy,\u201d she said.", "cannot be trusted", "Kemi Badenoch"),
    # a description and any verb before a name: the name is its object
    ("Judge Mark Wall sentenced the men on Friday.\n\nThe judge found Daniel Moss guilty of all charges.\n\n"
     "\u201cYou are a danger to the public,\u201d he said.", "danger to the public", "Mark Wall"),
    ("Manager Gareth Southgate named his squad on Thursday.\n\nThe manager left Jack Grealish out again.\n\n"
     "\u201cIt was a tough decision for everyone,\u201d he said.", "tough decision", "Gareth Southgate"),
    # an age in another form; a name with words before it
    ("Tom Hughes, who is 45, runs the village shop. His wife, Claire, 43, works at the school.\n\n\u201cWe love "
     "it here and we always will,\u201d the 45-year-old said.", "love it here", "Tom Hughes"),
    ("Police named the dead man as Liam Jones, 31, of Leeds. On Tuesday Gareth Price, 23, appeared in court.\n\n"
     "\u201cI did not do this to anyone,\u201d the 23-year-old said.", "did not do this", "Gareth Price"),
]


@pytest.mark.parametrize("text, words, speaker", [
    # an office, a trade or "the man" is not the one person named when the text does not show them speaking or
    # calls them otherwise
    ("Jamie Reynolds, 22, was found guilty of murder on Friday.\n\n\u201cHe is a dangerous and violent man,"
     "\u201d the detective said after the verdict.", "dangerous and violent", "the detective"),
    ("Bukayo Saka scored twice as Arsenal beat Chelsea 2-0 on Saturday.\n\n\u201cWe were excellent from start to "
     "finish,\u201d the manager said.", "excellent from start", "the manager"),
    ("Sam Altman was fired by the board on Friday.\n\n\u201cWe had lost confidence in him entirely,\u201d the "
     "chairman said.", "lost confidence", "the chairman"),
    ("Kevin Price, 34, admitted burglary. The owner of the shop, who did not want to be named, was in court.\n\n"
     "\u201cI am heartbroken by all of this,\u201d the owner said.", "heartbroken", "the owner"),
    ("Principal John Marsh said pupils were safe.\n\n\u201cThe children were so brave today,\u201d the teacher "
     "said.", "so brave", "the teacher"),
    ("Ann Jones said the man told her: \u201cGive me your bag or you will get hurt.\u201d", "Give me your bag",
     "the man"),
    # but an office is the one named person the text shows speaking
    ("Tom Walsh spoke to reporters in Boston on Monday.\n\n\u201cWe are taking this very seriously,\u201d the "
     "sheriff said.", "very seriously", "Tom Walsh"),
])
def test_a_description_is_not_a_named_person_the_text_does_not_show_as_them(text: str, words: str, speaker: str):
    q = quote(text, words)
    assert q.speaker == speaker, (q.speaker, q.via)


@pytest.mark.parametrize("text, words", [
    ("Senator Tom Cotton said in an interview, however, that he would not support the nominee.",
     "he would not support the nominee"),
    ("The mayor said in a statement, which was posted on social media, that the city would hire 200 officers.",
     "the city would hire 200 officers"),
    ("Police said a man who attacked a woman and claimed he was a police officer had been arrested.",
     "a man who attacked a woman and claimed he was a police officer had been arrested"),
    ("Trump said the election was rigged but has not provided evidence.", "the election was rigged"),
    ("Police said the driver fled the scene but have not released the victim's name.", "the driver fled the scene"),
    ("State police said on Monday, Interstate 95 would remain closed through the weekend.",
     "Interstate 95 would remain closed through the weekend"),
])
def test_reported_words_past_an_aside_and_up_to_the_writers_remark(text: str, words: str):
    assert [q.text for q in quotes_of(text)] == [words]


_FOURTEENTH_REVIEW = [
    # the fourteenth review (of 036a8c8..336e2e4): what this round's first commits broke
    # a statement the subject reads is theirs, unless it is read on someone's behalf
    ("Reading a prepared statement from the steps of City Hall, Mayor Eric Adams said: \u201cI will not resign and "
     "I have done nothing wrong.\u201d", "will not resign", "Eric Adams"),
    ("After Williams read a statement from the family, Detective Inspector Sarah Cole said: \u201cWe will never stop "
     "looking for the people who did this.\u201d", "never stop looking", "Sarah Cole"),
    ("A statement from the Jones family, read by their solicitor Mark Hill, said: \u201cWe are devastated and ask "
     "for privacy at this time.\u201d", "devastated", "the Jones family"),
    # a speaker's verdict on a claim is the speaker's
    ("Frazier said Rubio's claim that Cruz lied was \u201csimply not true and he knows it.\u201d", "simply not true",
     "Frazier"),
    ("Blinken said Putin's threat to use nuclear weapons was \u201cdeeply irresponsible and dangerous for "
     "everyone.\u201d", "deeply irresponsible", "Blinken"),
    ("The spokesman said the critics' claims that the minister lost control were \u201ccomplete and utter "
     "rubbish.\u201d", "utter rubbish", "The spokesman"),
    ("In a New York Times report that ran Sunday, Smith said the plan was \u201cdead on arrival in the "
     "Senate.\u201d", "dead on arrival", "Smith"),
    # a person's own post
    ("Senator Ted Cruz deleted a tweet that said: \u201cNobody in Texas wants this ridiculous bill to pass.\u201d",
     "ridiculous bill", "Ted Cruz"),
    # an office holder the text does not show speaking
    ("Keir Starmer visited a school in Kent on Monday.\n\n\u201cEvery child deserves a great teacher,\u201d the "
     "prime minister said.", "great teacher", "Keir Starmer"),
    # an epithet used again for the person named
    ("Tom Hill, 52, was cleared of all charges on Monday. Outside court the man hugged his wife and children.\n\n"
     "\u201cI am just relieved it is over,\u201d the man said.", "relieved it is over", "Tom Hill"),
    ("Sarah Evans, 34, rescued a boy from the lake. The boy's mother thanked the woman at the scene.\n\n\u201cI "
     "just did what anyone would do,\u201d the woman said.", "anyone would do", "Sarah Evans"),
    # (an owner, a worker, a fan is the one named only when a role or an apposition calls them so)
    ("Jane Doe has run the corner bakery in Leeds for 20 years.\n\n\u201cI have never seen prices like this,"
     "\u201d the owner said.", "never seen prices", "the owner"),
    # a seed or a score is no age; a champion is no verb
    ("Jannik Sinner beat Taylor Fritz (4) 6-3 6-4 in the final on Sunday.\n\n\u201cI played my best tennis "
     "today,\u201d the 23-year-old said.", "best tennis", "Jannik Sinner"),
    ("The defending champion Carlos Alcaraz beat Jannik Sinner in four sets on Sunday.\n\n\u201cI played the best "
     "tennis of my life,\u201d he said.", "best tennis", "Carlos Alcaraz"),
    # an answer after a question put to the speaker
    ("Asked \u201cWill you resign if the report goes against you?\u201d, Johnson replied: \u201cNo, I will not be "
     "resigning today.\u201d", "not be resigning", "Johnson"),
    # someone else's words: the one named, without the auxiliary or a time word
    ("Tom Reed said that the minister had told him at the meeting: \u201cJust make the problem go away, whatever it "
     "costs.\u201d", "make the problem go away", "the minister"),
]


_FIFTEENTH_REVIEW = [
    # the fifteenth review (of 336e2e4..fc877f1)
    # a claim's own words stay the claim's when the reporter's sentence goes on after them
    ("Frazier said Rubio's claim that Cruz was \u201ca liar who cannot be trusted with anything\u201d had no basis.",
     "a liar who cannot", "Rubio"),
    ("Starmer called Badenoch's claim that taxes were \u201cthe highest in seventy years\u201d misleading.",
     "highest in seventy years", "Badenoch"),
    ("Jones said Smith's threat to quit was \u201cnot serious and nobody in the party believes it.\u201d",
     "not serious", "Jones"),
    # a statement read from a family, by the one speaking
    ("Reading a statement from the family outside court, Detective Inspector Sarah Cole said: \u201cOur hearts are "
     "broken and we will never forget him.\u201d", "hearts are broken", "the family"),
    ("Inspector Tom Hale, reading a statement on behalf of the family, said: \u201cWe will never forget him and we "
     "ask for privacy.\u201d", "never forget him", "the family"),
    # a person something is done to is no office holder; a post needs the person shown speaking
    ("Hunter Biden was convicted on three felony gun charges on Tuesday.\n\n\u201cI accept the outcome of this "
     "case and will respect the judicial process,\u201d the president said.", "accept the outcome", "the president"),
    ("Police said Marcus Hill, 31, was arrested at the scene.\n\n\u201cThis was a senseless and tragic act of "
     "violence,\u201d the police chief said.", "senseless and tragic", "the police chief"),
    ("John Smith, 45, was arrested at the shop on Tuesday.\n\n\u201cI am glad they caught him, I was terrified,"
     "\u201d the owner said.", "glad they caught him", "the owner"),
    ("Jones said the manager then told him: \u201cYou will never play for this club again.\u201d",
     "never play for this club", "the manager"),
    # an epithet whose role does not contradict it; an apposition of the person
    ("Tesla CEO Elon Musk unveiled the robotaxi on Thursday.\n\n\u201cThis will change everything about how we "
     "travel,\u201d the billionaire said.", "change everything", "Elon Musk"),
    ("\u201cIt was a nightmare from start to finish,\u201d said Tom Smith, a local teacher. \u201cWe had no warning "
     "at all,\u201d the teacher added.", "no warning at all", "Tom Smith"),
    ("Lewis Capaldi cancelled his tour on Thursday.\n\nThe singer, who has Tourette's, said: \u201cI am so sorry "
     "to everyone who bought a ticket.\u201d", "so sorry", "Lewis Capaldi"),
    ("Police stopped the van Tom Smith was driving on the M1.\n\n\u201cI had no idea what was in the back,\u201d "
     "he told the court.", "no idea what was", "Tom Smith"),
]


_SIXTEENTH_REVIEW = [
    # the sixteenth review (of fc877f1..3ade80e)
    # a verdict after a claim whose clause has its verb, however irregular
    ("Frazier said Rubio's claim that Cruz stole the election was \u201csimply not true and he knows it\u201d.",
     "simply not true", "Frazier"),
    ("The minister said Labour's claim that the government must resign was \u201cfrankly absurd and "
     "irresponsible\u201d.", "frankly absurd", "The minister"),
    # reading a statement only as the speech act itself
    ("After reading a statement from the family, Inspector Tom Hale said: \u201cWe are now appealing for any "
     "witnesses to come forward.\u201d", "appealing for any witnesses", "Tom Hale"),
    ("Judge Sarah Crew said she had read a moving statement from the victim's mother, and told Jones: \u201cYou "
     "have destroyed a family forever.\u201d", "destroyed a family", "Sarah Crew"),
    ("Speaking outside court and reading a statement on behalf of the family, Inspector Tom Hale said: \u201cWe are "
     "devastated and ask for privacy at this time.\u201d", "devastated", "the family"),
]


_SEVENTEENTH_REVIEW = [
    # the seventeenth review (of 3ade80e..dd37486)
    # the one person named is no office holder or post when something was done to them, nor a post unless shown
    # speaking
    ("Kilmar Abrego Garcia was charged with human smuggling on Friday.\n\n\u201cThis is what American justice "
     "looks like,\u201d the attorney general said.", "American justice", "the attorney general"),
    ("Hunter Biden was pardoned on Sunday.\n\n\u201cNo one is above the law in this country,\u201d the "
     "president said.", "above the law", "the president"),
    ("Cillian Murphy won best actor on Sunday.\n\n\u201cHe gave everything he had to this role,\u201d the "
     "director said.", "gave everything", "the director"),
    ("Rishi Sunak was asked about the row on Tuesday.\n\n\u201cI have full confidence in the home secretary,"
     "\u201d the prime minister said.", "full confidence", "Rishi Sunak"),  # asked: nothing done to him
    # a claim's subject of several words is its subject; a verb in it makes the quote the reporter's verdict
    ("The senator said Vance's claim that Springfield's Haitian community was \u201ceating the pets of "
     "residents\u201d was false.", "eating the pets", "Vance"),
    ("Officials said Johnson's claim that the Downing Street garden party was \u201ca work event for staff "
     "only\u201d was not credible.", "a work event", "Johnson"),
    ("Frazier said Rubio's claim that the senator lied was \u201ca desperate smear from a failing campaign\u201d.",
     "desperate smear", "Frazier"),
    # a statement read out, then ", saying:"
    ("Det Insp Sarah Cole read a statement from the victim's family, saying: \u201cDanny was a loving son and "
     "brother to all.\u201d", "loving son", "the victim's family"),
]


_EIGHTEENTH_REVIEW = [
    # the eighteenth review (of dd37486..c050f9d)
    # a name or a noun in a claim's subject is no verb; a pronoun or a name before a lower-case word has its verb
    ("Labour said Sunak's claim that his tax cut was \u201cfully funded by savings\u201d was false.", "fully funded",
     "Sunak"),
    ("Sunak said Truss's claim that Theresa May was \u201ctoo soft on Brussels always\u201d was unfair.", "too soft",
     "Truss"),
    ("Starmer said Farage's claim that the armed forces were \u201cin a state of collapse\u201d was irresponsible.",
     "state of collapse", "Farage"),
    ("Jones said the company's claim that it paid every worker fairly was \u201ca lie from start to finish\u201d.",
     "a lie from start", "Jones"),
    # a state is nothing done to the person
    ("Keir Starmer was delighted with the result on Friday.\n\n\u201cThe work of change begins now,\u201d the "
     "prime minister said.", "work of change", "Keir Starmer"),
]


_NINETEENTH_REVIEW = [
    # the nineteenth review (of c050f9d..ebd59c3): a name's adjective, particle or adverb is no verb; a past form
    # inside the clause is
    ("Starmer said Farage's claim that Ursula von der Leyen was \u201ca dictator in Brussels\u201d was absurd.",
     "a dictator", "Farage"),
    ("Healey said Shapps's claim that British troops were \u201cready to fight tomorrow\u201d was reckless.",
     "ready to fight", "Shapps"),
    ("Aides said Trump's claim that Biden personally was \u201cto blame for the chaos at the border\u201d was "
     "unfair.", "to blame for the chaos", "Trump"),
    ("Labour said Sunak's claim that the government cut taxes was \u201ca fantasy from start to finish\u201d.",
     "a fantasy", "Labour"),
]


@pytest.mark.parametrize("text, words, speaker", [
    *_THIRTEENTH_REVIEW,
    *_FOURTEENTH_REVIEW,
    *_FIFTEENTH_REVIEW,
    *_SIXTEENTH_REVIEW,
    *_SEVENTEENTH_REVIEW,
    *_EIGHTEENTH_REVIEW,
    *_NINETEENTH_REVIEW,
])
def test_the_reviewers_cases_of_round_24(text: str, words: str, speaker: str):
    """Cases the helper reviews of round 24 found wrong, each fixed with its case here."""
    q = quote(text, words)
    assert q.speaker == speaker, (q.speaker, q.via)


@pytest.mark.parametrize("text, words", [
    ("The mayor said residents who lost power got vouchers and told reporters they deserved more than they had "
     "received.", "residents who lost power got vouchers"),
    ("Police said a man who robbed a shop and told staff he carried a knife was arrested on Friday.",
     "a man who robbed a shop and told staff he carried a knife was arrested on Friday"),
    ("The council said tenants who complained and said they felt ignored will be compensated.",
     "tenants who complained and said they felt ignored will be compensated"),
    ("The council said families who were flooded received grants and promised it would review the flood defences.",
     "families who were flooded received grants"),
    ("Police said a man who was seen running away was arrested and said officers would remain in the area.",
     "a man who was seen running away was arrested"),
    ("Police said a woman who was injured in the crash and said she had been pushed would be interviewed.",
     "a woman who was injured in the crash and said she had been pushed would be interviewed"),
])
def test_reported_words_and_a_relative_clause(text: str, words: str):
    assert [q.text for q in quotes_of(text)][:1] == [words]


@pytest.mark.parametrize("text, words", [
    ("The council said tenants who were evicted and told officials they had nowhere to go would be rehoused.",
     "tenants who were evicted and told officials they had nowhere to go would be rehoused"),
    ("The mayor said residents who lost power would get vouchers and promised she would do better next time.",
     "residents who lost power would get vouchers"),
])
def test_reported_words_end_at_the_speakers_second_verb(text: str, words: str):
    assert [q.text for q in quotes_of(text)] == [words]


def test_a_place_after_a_place_is_not_the_he_of_the_next_quote():
    text = ("The mayor of Kandahar, Afghanistan said the city was safe. \u201cWe have no fighting here at all,\u201d "
            "he said.")
    assert all(q.speaker != "Afghanistan" for q in quotes_of(text))


def test_the_office_goes_to_the_one_holding_it_before_a_former_holder():
    text = ("Former President Donald Trump attacked President Joe Biden at a rally in Iowa on Saturday.\n\nThe "
            "president responded on Monday.\n\n\u201cHe has no ideas, only grievances and more grievances,\u201d he "
            "said.")
    assert quote(text, "no ideas").speaker in (None, "Joe Biden")


def test_a_place_after_a_place_list_is_no_speaker():
    text = "The governor of Kandahar, Afghanistan said the roads had been closed for three days."
    assert all(q.speaker != "Afghanistan" for q in quotes_of(text))


@pytest.mark.parametrize("text", [
    "The mayor of Kharkiv, Ukraine said the city had been hit by more than 20 drones overnight.",
    # someone speaking for a person is not that person, in a closing reporting clause too
    "Jack Smith filed the charges.\n\nThe move was a desperate one, a spokesman for Trump said.\n\n\u201cIt is a "
    "desperate move by a desperate man,\u201d he said.",
])
def test_no_speaker_the_text_does_not_give(text: str):
    assert all(q.speaker in (None, "a spokesman for Trump") for q in quotes_of(text)), \
        [(q.speaker, q.text) for q in quotes_of(text)]


@pytest.mark.parametrize("text, words, speaker", [
    # a relative named by a given name alone in an apposition, and a description whose verb is irregular, are
    # unnamed subjects: a later "she" or "he" is not the person named before (the relative, when "His" or "Her" one)
    ("Lisa Novak, 29, was last seen on Saturday near the trailhead.\n\nNovak's sister, Emma, said the family was "
     "praying for a miracle.\n\n\u201cShe would never just walk away from her family,\u201d she said.", "walk away",
     None),
    ("Mark Evans, 38, died after falling from scaffolding in May.\n\nHis brother, Paul, told the inquest that Mark "
     "had complained for months.\n\n\u201cHe said the boards were rotten and nobody listened,\u201d he said.",
     "boards were rotten", "Paul"),
    ("President Joe Biden said on Thursday that Donald Trump was a threat to democracy.\n\nThe former president hit "
     "back at a rally in Iowa.\n\n\u201cHe is the worst president in the history of our country,\u201d he said.",
     "worst president", None),
])
def test_no_named_person_for_a_he_after_an_unnamed_subject(text: str, words: str, speaker: str | None):
    spoken = [q for q in quotes_of(text) if words in q.text]
    assert spoken and all(q.speaker == speaker for q in spoken), [(q.speaker, q.via) for q in spoken]


@pytest.mark.parametrize("text, words, speaker", [
    # someone else's words the speaker's sentence introduces right before the quote are that someone's
    ("Michael Cohen testified on Monday that Donald Trump told him: \u201cJust take care of it, whatever it "
     "costs.\u201d", "take care of it", "Donald Trump"),
    ("Store clerk Raj Patel said the gunman shouted: \u201cEverybody get down on the floor now!\u201d",
     "get down on the floor", "the gunman"),
    ("Southgate said Harry Kane had told him: \u201cI am fit and ready to play on Saturday.\u201d", "fit and ready",
     "Harry Kane"),
    ("Smith said: \u201cI am fit and ready to play on Saturday.\u201d", "fit and ready", "Smith"),
])
def test_words_someone_else_said_in_the_speakers_sentence(text: str, words: str, speaker: str):
    q = quote(text, words)
    assert q.speaker == speaker, (q.speaker, q.via)


@pytest.mark.parametrize("text, words, speaker", [
    # a claim, an accusation, a promise or a report the subject answers: its owner's words
    ("Opposition leader Ann Cole rejected Tom Reed's claim that the tax was \u201can attack on pensioners\u201d.",
     "attack on pensioners", "Tom Reed"),
    ("Mayor Ann Cole hit back at critics' claims that she was \u201cout of touch\u201d with renters.", "out of touch",
     "critics"),
    ("Senator Ann Cole mocked Tom Reed's promise to be a \u201cpresident for one term\u201d.", "president for one term",
     "Tom Reed"),
    ("The club denied a Daily Mirror report that the manager had \u201clost the dressing room\u201d.",
     "lost the dressing room", "Daily Mirror"),
    # someone else's words the subject recalls, or was told or asked
    ("Goalkeeper Ann Cole recalled Tom Reed telling her: \u201cYou will play for your country one day.\u201d",
     "play for your country", "Tom Reed"),
    ("Nurse Ann Cole remembered a patient saying, \u201cThank you for holding my hand all night.\u201d",
     "holding my hand", "a patient"),
    ("The prince was asked by presenter Ann Cole: \u201cDo you regret ever meeting him at all?\u201d",
     "regret ever meeting", "Ann Cole"),
    ("In her book, Ann Cole writes that Tom Reed asked her about the strikers: \u201cCan't you just fire them "
     "all?\u201d", "just fire them", "Tom Reed"),
    ("Judge Ann Cole read out a message Tom Reed sent to his neighbour: \u201cYou will regret crossing me.\u201d",
     "regret crossing me", "Tom Reed"),
    ("A statement from the family, read by Detective Sergeant Ann Cole, said: \u201cOur hearts are broken and we "
     "will never be the same.\u201d", "hearts are broken", "the family"),
    ("Reading a statement on behalf of the family outside court, Sergeant Ann Cole said: \u201cOur hearts are "
     "broken and we will never be the same.\u201d", "hearts are broken", "the family"),
    # the subject's own words stay theirs
    ("In a statement read by his lawyer outside court, Tom Reed said: \u201cI will keep fighting to clear my "
     "name.\u201d", "keep fighting", "Tom Reed"),
    ("Ann Cole said in a June report that the jail failed because of \u201cnegligence and outright misconduct by "
     "staff\u201d.", "negligence", "Ann Cole"),
])
def test_words_the_subject_answers_recalls_or_reads_out_are_their_owners(text: str, words: str, speaker: str):
    q = quote(text, words)
    assert q.speaker == speaker, (q.speaker, q.via)


@pytest.mark.parametrize("text, words", [
    # someone else's words whom the text does not name: no one's, never the subject's
    ("Police found a note in the car. \u201cI cannot do this any more, I am so sorry,\u201d the note read, according "
     "to police.", "cannot do this"),
    ("The memo warned staff. \u201cAny leaks to the press will result in immediate termination,\u201d it read, "
     "according to The Washington Post.", "immediate termination"),
    ("Tom Reed replied to a post by an anonymous account that said \u201cthe election was stolen from all of "
     "us\u201d with: \u201cYou have said the actual truth.\u201d", "stolen from all"),
])
def test_someone_elses_words_whom_the_text_does_not_name_are_no_ones(text: str, words: str):
    spoken = [q for q in quotes_of(text) if words in q.text]
    assert spoken and all(q.speaker is None for q in spoken), [(q.speaker, q.via) for q in spoken]


@pytest.mark.parametrize("text, words, speaker", [
    # someone else's words whom the text only describes: the description as written, never the subject
    ("Ann Cole said her son's last words to her were: \u201cLove you, Mum, I will see you tonight.\u201d",
     "see you tonight", "her son"),
    ("Ann Cole said her daughter's final text message read: \u201cMum, I'm scared, there is someone in the "
     "building.\u201d", "someone in the building", "her daughter"),
    ("Chef Tom Reed says his father used to tell him: \u201cWork hard and always keep your head down.\u201d",
     "keep your head down", "his father"),
    ("Ann Jones said her husband would always tell her: \u201cNever go to bed on an argument, whatever "
     "happens.\u201d", "Never go to bed", "her husband"),
])
def test_someone_elses_words_whom_the_text_describes_are_the_descriptions(text: str, words: str, speaker: str):
    q = quote(text, words)
    assert (q.speaker, q.is_person) == (speaker, False), (q.speaker, q.via)


def test_a_post_and_the_reply_to_it_are_two_quotes():
    text = ("Tom Reed replied to a post by an anonymous account that said \u201cthe election was stolen from all of "
            "us\u201d with: \u201cYou have said the actual truth.\u201d")
    assert [q.text for q in quotes_of(text)] == ["the election was stolen from all of us",
                                                 "You have said the actual truth."]


@pytest.mark.parametrize("text, speaker", [
    ("\u201cWe will not stand by and watch this happen,\u201d von der Leyen said.", "von der Leyen"),
    ("\u201cWe were simply not good enough today,\u201d ten Hag said.", "ten Hag"),
    ("\u201cWe will not stand by and watch this happen,\u201d Commission President von der Leyen said.",
     "von der Leyen"),
])
def test_a_surname_opening_on_its_particles_is_whole(text: str, speaker: str):
    q = quotes_of(text)[0]
    assert q.speaker == speaker and (q.role or "").split()[-1:] != ["der"]


def test_a_name_with_particles_inside_is_whole():
    q = quotes_of("European Commission President Ursula von der Leyen said on Monday the bloc would impose new "
                  "sanctions on Moscow.")[0]
    assert (q.speaker, q.role) == ("Ursula von der Leyen", "European Commission President")


def test_a_live_blog_entry_opening_on_its_time_names_its_subject():
    text = ("09:30 Chancellor Tom Reed says the economy is \u201cturning a corner at last\u201d.\n\n09:50 Liberal "
            "Democrat leader Ed Cole is on BBC Radio 4. \u201cThis is a Budget for nobody at all,\u201d he says.")
    assert quote(text, "Budget for nobody").speaker == "Ed Cole"


@pytest.mark.parametrize("text, words, speaker", [
    # the twentieth review (of ebd59c3..cf0b953): whether a claim's clause before its copula holds a verb is read
    # from spaCy's tags, not word lists: a subject alone, whatever its words, leaves the quote the claim's own
    ("Labour said Hunt's claim that the tax cut package was \u201cfully funded\u201d was untrue.", "fully funded",
     "Hunt"),
    ("Israel said Hamas's claim that hostages held in Gaza were \u201cbeing treated well\u201d was a lie.",
     "treated well", "Hamas"),
    ("Housing experts said Gove's claim that homes built under Labour were \u201cpoky rabbit hutches\u201d was "
     "unfair.", "rabbit hutches", "Gove"),
    ("Democrats said Trump's claim that undocumented immigrants were \u201cpoisoning the blood of our country\u201d "
     "was racist.", "poisoning the blood", "Trump"),
    ("Davey said Braverman's claim that the so-called woke left was \u201crunning the country\u201d was ridiculous.",
     "running the country", "Braverman"),
    # ... and a clause with its verb, of any tense, leaves the verdict after it the reporter's
    ("Jeffries said Trump's claim that Democrats want open borders was \u201ca flat-out lie\u201d.", "flat-out lie",
     "Jeffries"),
    ("Moscow said Kyiv's claim that Ukrainian drones sank the cruiser was \u201ca fantasy\u201d.", "a fantasy",
     "Moscow"),
    ("The White House said Hur's claim that Biden forgot key dates was \u201cgratuitous and inaccurate\u201d.",
     "gratuitous", "The White House"),
    ("Healey said Farage's claim that Putin respects strength was \u201cdangerously naive\u201d.", "dangerously naive",
     "Healey"),
])
def test_a_claims_own_words_or_the_reporters_verdict_by_the_claims_tags(text: str, words: str, speaker: str):
    q = quote(text, words)
    assert q.speaker == speaker, (q.speaker, q.via)


@pytest.mark.parametrize("text, speaker", [
    # a statement read for others, given by the sentence's own words; the reader's own words after it
    ("DI Sarah Cole read a statement from the family, which stated: \u201cHe was a loving father who lit up every "
     "room.\u201d", "the family"),
    ("DI Sarah Cole read a statement from the family outside court, saying in part: \u201cHe was a loving father "
     "who lit up every room.\u201d", "the family"),
    ("Sgt Tom Hale, who read a statement on behalf of the family outside court, later told reporters: \u201cWe are "
     "pleased with the verdict and the work of the team.\u201d", "Tom Hale"),
    ("Sgt Tom Hale, who read a statement on behalf of the family, said: \u201cHe was a loving father who lit up "
     "every room.\u201d", "the family"),
])
def test_a_statement_read_for_others_and_the_readers_own_words(text: str, speaker: str):
    q = quote(text, "the")
    assert q.speaker == speaker, (q.speaker, q.via)


@pytest.mark.parametrize("text, words, speaker", [
    # whole articles, as a third probe of 29 articles found: a description varying a name stands for the person the
    # text last made a sentence's subject ("“….” Lindholm said." makes him one: the quote before is no "They knew")
    ("Danish manager Anders Berg admitted his side had been poor.\n\n\u201cAt the break I said little. They knew,"
     "\u201d Berg said.\n\nAsked about the winger, the Dane added: \u201cHe is a special talent and he works "
     "hard.\u201d", "special talent", "Anders Berg"),
    ("Visitors boss Neil Harte, a former Scotland defender, felt his side deserved a point.\n\n\u201cWe were the "
     "better team for an hour,\u201d the former Scotland defender said.", "better team", "Neil Harte"),
    ("PARIS, May 4 (Reuters) - Slovenian teenager Mira Novak beat world number one Clara Stein 6-4 7-5 in the "
     "semi-final on Thursday.\n\n\u201cMaybe tomorrow I will cry,\u201d the 18-year-old Slovenian said. Stein "
     "shook her head. \u201cNo excuses,\u201d the world number one said.", "Maybe tomorrow", "Mira Novak"),
    ("PARIS, May 4 (Reuters) - Teenager Mira Novak beat world number one Clara Stein 6-4 7-5 in the semi-final on "
     "Thursday.\n\nStein shook her head. \u201cNo excuses, the shoulder is fine,\u201d the world number one said.",
     "No excuses", "Clara Stein"),
    ("Independent experts urged caution. Prof Ruth Adeyemi, a neurologist at Leeds, said the study was sound.\n\n"
     "Adeyemi said this was a strength. \u201cSelf-reported exercise is unreliable,\u201d the professor said.",
     "unreliable", "Ruth Adeyemi"),
    # an apposition after an owner's possessive, even a plural one, is the sentence's subject, not the owner
    ("Fenwick Homes' regional managing director, Paul Ames, welcomed the decision. \u201cYoung people simply "
     "cannot afford to stay here,\u201d he said.", "cannot afford", "Paul Ames"),
    ("Novak's coach, former Slovenian Davis Cup player Marko Zupan, said he had told her before the match to "
     "\u201cforget the ranking next to the name.\u201d", "forget the ranking", "Marko Zupan"),
    # an abbreviated title is a role, and stands for its description
    ("The cabinet member for planning, Cllr Ian Ross, backed the plan. The Green councillor Jo Pike voted "
     "against.\n\nRoss rejected her claim. \u201cEvery member had the papers in good time,\u201d the Labour "
     "councillor said.", "papers in good time", "Ian Ross"),
    # a surname opening on its Arabic article
    ("An army spokesman, Brigadier General Omar el-Fadil, said the army would \u201cabide by the truce as long as "
     "the other side does\u201d.", "abide by the truce", "Omar el-Fadil"),
    ("\u201cWe will not negotiate with terrorists,\u201d said Bashar al-Assad.", "not negotiate", "Bashar al-Assad"),
])
def test_descriptions_and_names_of_whole_articles(text: str, words: str, speaker: str):
    q = quote(text, words)
    assert q.speaker == speaker, (q.speaker, q.via)


@pytest.mark.parametrize("text, words, speaker", [
    # reported speech whose speaker has an apposition or a relative clause before the speech verb
    ("Jane Talbot chairs the group.\n\nTalbot, a retired midwife who has lived in the town for 40 years, said the "
     "group had raised more than \u00a318,000 through crowdfunding.", "the group had raised", "Jane Talbot"),
    ("Brad Holloway scored 20 points.\n\nHolloway, who missed his first six shots, said he never lost confidence in "
     "his jumper.", "never lost confidence", "Brad Holloway"),
    ("Mark Ruiz, 58, told reporters the factory would reopen in the spring.", "the factory would reopen",
     "Mark Ruiz"),
])
def test_reported_speech_past_an_apposition(text: str, words: str, speaker: str):
    q = quote(text, words)
    assert (q.kind, q.speaker) == ("indirect", speaker), (q.kind, q.speaker, q.via)


def test_no_reported_speech_from_a_time_before_an_apposition():
    text = "On Monday, the day after the vote, said to be the closest in decades, turnout figures were released."
    assert quotes_of(text) == []


def test_an_interviews_transcript_is_the_labelled_persons_words():
    text = ("Mayor Angela Brooks sat down with the Tribune this week.\n\n"
            "Q: Your opponent says you have been asleep at the wheel on crime. What is your response?\n\n"
            "Brooks: Look, I understand the frustration. But homicides are down 18% from last year.\n\n"
            "Q. Will the city step in?\n\n"
            "BROOKS: (laughs) We will do our part. When I met the transit board, I told them, \u201cShow me a plan "
            "and I will show you the money.\u201d I am still waiting.")
    quotes = quotes_of(text)
    credited = {(q.text, q.speaker, q.role) for q in quotes}
    assert ("Look, I understand the frustration. But homicides are down 18% from last year.", "Angela Brooks",
            "Mayor") in credited
    assert ("Show me a plan and I will show you the money.", "Angela Brooks", "Mayor") in credited
    assert not any("asleep at the wheel" in q.text for q in quotes)  # the question is no one's quote
    assert any(q.text.startswith("We will do our part.") for q in quotes)  # the stage direction left out


def test_a_label_naming_no_one_is_no_transcript():
    text = ("Updated: The council met on Monday.\n\nReporting: Ann Lee and Tom Hart.\n\n"
            "Q: Nothing is asked here.")
    assert quotes_of(text) == []


@pytest.mark.parametrize("text, words, speaker", [
    # a name in apposition to a description before the speech verb; the subject of a sentence whose participle
    # reports its words
    ("Dr Ruth Price died on Monday. Her daughter, Caroline Price, said the cause was complications of a stroke.",
     "the cause was complications", "Caroline Price"),
    ("China's lead negotiator, Zhao Ming, rejected that argument, saying Beijing's contributions should remain "
     "voluntary under the Paris Agreement.", "contributions should remain voluntary", "Zhao Ming"),
])
def test_reported_speech_of_a_named_apposition_or_a_participle(text: str, words: str, speaker: str):
    q = quote(text, words)
    assert (q.kind, q.speaker) == ("indirect", speaker), (q.kind, q.speaker, q.via)


def test_a_participle_saying_no_clause_reports_nothing():
    assert quotes_of("The minister left the room on Monday, saying nothing to the waiting reporters.") == []


@pytest.mark.parametrize("text, words, speaker", [
    # a past trade after "the former", its capitalised modifiers no name
    ("The bill's chief negotiator, Sen. Ray Molina, a former Border Patrol agent, spent the week persuading "
     "colleagues. The former "
     "Border Patrol agent said he had taken \u201ca lot of incoming\u201d from conservatives.", "a lot of incoming",
     "Ray Molina"),
    # a name after "the former" and its title stays the name
    ("Until then, it was what the former editor-in-chief David Blum calls \u201cthe most disgusting distribution "
     "model I have ever seen.\u201d", "most disgusting", "David Blum"),
])
def test_a_former_trade_is_a_description_and_a_former_editors_name_a_name(text: str, words: str, speaker: str):
    q = quote(text, words)
    assert q.speaker == speaker, (q.speaker, q.via)


_TWENTY_FIRST_REVIEW = [
    # the twenty-first review (of 88143cc..df40d4e): a nationality, a position or a trade is the person's the
    # text gives it ("Swedish qualifier Elias Ymer" for "the Swede"), never the last subject's by default; a
    # name is no nationality ("the 54-year-old Ryan"); a description inside a longer one ("former world number
    # one Elena Petrova") or sharing only an abbreviated title's word ("Rep.": "the union representative") is
    # someone else
    ("Norway's Casper Ruud beat Swedish qualifier Elias Ymer 6-3 6-2 in Stockholm on Tuesday. \u201cHe "
     "was simply too good today,\u201d the Swede said.",
     "simply too good", "Elias Ymer"),
    ("India's Neeraj Chopra edged Pakistan's Arshad Nadeem to win gold in Budapest on Sunday. \u201cHe "
     "deserved it tonight,\u201d the Pakistani said.",
     "deserved it tonight", "Arshad Nadeem"),
    ("Arsenal manager Mikel Arteta praised midfielder Declan Rice after the 2-0 win over Brentford. "
     "\u201cI just try to do my job for the team,\u201d the midfielder said.",
     "do my job for the team", "Declan Rice"),
    ("Republican Senator Lindsey Graham attacked Democrat Chris Murphy's gun bill on Tuesday. \u201cThis "
     "bill will save lives,\u201d the Connecticut Democrat said.",
     "save lives", "Chris Murphy"),
    ("The airline's chief executive, Tim Clark, thanked engineer Ahmed Farouk for spotting the fault. "
     "\u201cI was only doing my job,\u201d the engineer said.",
     "only doing my job", "Ahmed Farouk"),
    # (a country's possessive alone is no nationality since round 26: "England's Thomas Tuchel" coaches England)
    ("Aryna Sabalenka beat Poland's Iga Swiatek in the Madrid final on Saturday. \u201cI just wasn't "
     "sharp enough today,\u201d the Pole said.",
     "sharp enough", ["Iga Swiatek", "the Pole"]),
    ("Democrat Sen. Jon Tester lost his seat to Republican Tim Sheehy on Tuesday. Tester conceded shortly "
     "after midnight. \u201cMontana voted for change,\u201d the Republican said.",
     "voted for change", "Tim Sheehy"),
    ("Engineer Tom Baird, 52, spotted the crack during a routine inspection. His manager, Claire Dunn, "
     "said the airline was grateful. \u201cI just happened to look in the right place,\u201d the engineer "
     "said.",
     "right place", "Tom Baird"),
    ("Paul Ryan and Kevin McCarthy met privately on Tuesday. McCarthy called the meeting productive. "
     "Later, the 54-year-old Ryan told reporters: \u201cWe disagreed on almost everything.\u201d",
     "disagreed on almost", "Paul Ryan"),
    ("England captain Jos Buttler praised Moeen Ali after the win. Buttler said the team had played with "
     "freedom. \u201cI just enjoyed myself out there,\u201d said the 37-year-old Ali.",
     "enjoyed myself", "Moeen Ali"),
    ("Prima ballerina Olga Smirnova left Russia in 2022 after criticising the war. \u201cShe is no longer "
     "a member of the company,\u201d the Bolshoi said in a statement.",
     "no longer a member", "the Bolshoi"),
    ("Toyota chief executive Koji Sato declined to comment on Thursday. The carmaker is \u201cconsidering "
     "a major overhaul\u201d of its battery unit, the Nikkei reported.",
     "major overhaul", "the Nikkei"),
    ("Sabine Richter will take over at the top of the WTA rankings on Monday after the shock defeat of "
     "former world number one Elena Petrova in Doha.\n\u201cIt is a dream I have had since I was six "
     "years old,\u201d said the world number one.",
     "a dream I have had", "the world number one"),
    ("First Minister John Swinney announced the closure of the prison on Tuesday. Former first minister "
     "Nicola Sturgeon, who opened it in 2016, called the decision a mistake.\nScottish Conservative "
     "leader Russell Findlay said the announcement had been badly handled.\nThe prison will close next "
     "year.\n\u201cThis was a difficult decision but the right one,\u201d the first minister told MSPs.",
     "difficult decision", "the first minister"),
    ("Chelsea's new head coach, Enzo Maresca, took charge of his first training session on Monday. The "
     "club sacked former head coach Mauricio Pochettino in May.\nFans gathered outside the training "
     "ground at Cobham.\nSupporters' groups welcomed the appointment.\n\u201cI want us to play with "
     "courage,\u201d the head coach said.",
     "play with courage", "the head coach"),
    ("Rep. Nancy Mace toured the Boeing plant in North Charleston on Friday. Workers there have been on "
     "strike for six weeks. \u201cWe are not going back until we get a fair deal,\u201d said the union "
     "representative.",
     "fair deal", "the union representative"),
    ("Det Insp Jane Cole said the investigation into Mary Walsh's disappearance remained open. Walsh's "
     "family have hired their own investigator. \u201cThe police missed obvious leads,\u201d the private "
     "detective said.",
     "obvious leads", "the private detective"),
    ("Gov. Gavin Newsom signed the state budget on Thursday, closing a $47bn deficit. Markets barely "
     "moved. \u201cInflation remains too high for us to cut rates,\u201d said the Fed governor.",
     "too high for us", "the Fed governor"),
    ("Sen. Ted Cruz campaigned in Austin on Saturday alongside local candidates. \u201cWe need more "
     "police on our streets,\u201d said the state senator, who is running for re-election.",
     "more police", "the state senator"),
]


@pytest.mark.parametrize("text", [
    # labelled paragraphs with no question asked are a list, not a transcript
    "England player ratings v Slovakia\n\nJordan Pickford: 6 \u2013 Could do nothing about the goal and made a smart "
    "stop late on.\n\nKyle Walker: 5 \u2013 Struggled against the pace of Haraslin all night.",
    "Who could replace Sunak as Tory leader?\n\nKemi Badenoch: The shadow housing secretary is the bookmakers' "
    "favourite.\n\nRobert Jenrick: The former immigration minister has moved to the right on migration.",
])
def test_labelled_paragraphs_without_a_question_are_no_transcript(text: str):
    assert [q.text for q in quotes_of(text) if q.kind == "direct"] == []


def test_an_epithet_two_people_in_reach_are_given_is_neither_unless_one_is_given_its_qualifier():
    text = ("Republican nominee Donald Trump met House Speaker Paul Ryan, a Republican from Wisconsin, on Thursday.\n\n"
            "\u201cWe are still in the game,\u201d the {} said.")
    assert quote(text.format("Wisconsin Republican"), "still in the game").speaker == "Paul Ryan"
    assert quote(text.format("Republican"), "still in the game").speaker == "the Republican"


_TWENTY_SECOND_REVIEW = [
    # the twenty-second review (of ef542a1): what gives a person a nationality, a position or a trade is a word
    # of it in the title run right before their name, their role, a closed apposition or a party label, whole
    # ("Australian Open champion" is no Austrian, "Roma coach" no Romanian, "engineering" no engineer), never
    # across a verb or a quote ("Dutch fans jeered Lewis Hamilton"); left as written when no one is given it
    ("\u201cWe were better than Sweden,\u201d Norway striker Erling Haaland said after the 2-1 win in "
     "Oslo.\nAlexander Isak, who missed a penalty, was downcast. \u201cIt hurts a lot,\u201d the Swede "
     "said.",
     "It hurts a lot", ["Alexander Isak", "the Swede"]),
    ("\u201cWe fear Sweden,\u201d said Kasper Hjulmand, the Denmark coach.\nDejan Kulusevski trained "
     "alone on Thursday. \u201cI will be ready,\u201d the Swede said.",
     "I will be ready", ["Dejan Kulusevski", "the Swede"]),
    ("Swedish club Malmo signed Tom Lowe, an English defender, from Stoke on Friday. Manager Henrik "
     "Rydstrom was delighted.\n\u201cHe fits our style perfectly,\u201d the Swede said.",
     "fits our style", ["Henrik Rydstrom", "the Swede"]),
    ("Dutch fans jeered Lewis Hamilton at Zandvoort, where Max Verstappen won again.\n\u201cThe support "
     "here is incredible,\u201d the Dutchman said.",
     "support here", ["Max Verstappen", "the Dutchman"]),
    ("Japanese reporters pressed Dave Roberts about Shohei Ohtani's elbow before Tuesday's game.\n\u201cI "
     "feel fine, and I want to pitch,\u201d the Japanese said.",
     "I want to pitch", ["Shohei Ohtani", "the Japanese"]),
    ("Dominic Thiem lost to Australian Open champion Jannik Sinner 6-3 6-2 in Vienna.\n\u201cI had no "
     "answers today,\u201d the Austrian said.",
     "no answers today", ["Dominic Thiem", "the Austrian"]),
    ("Valtteri Bottas finished third behind Lewis Hamilton in Budapest.\n\u201cThe car felt good, but it "
     "wasn't enough,\u201d the Finn said.",
     "car felt good", ["Valtteri Bottas", "the Finn"]),
    ("Kevin Magnussen was given a penalty for a dangerous move on Lando Norris in Jeddah.\n\u201cI don't "
     "agree with the decision,\u201d the Dane said.",
     "agree with the decision", ["Kevin Magnussen", "the Dane"]),
    ("Former European Council president Donald Tusk was questioned by political journalist Andrew Marr on "
     "Sunday.\n\u201cEurope must stay united,\u201d the Pole said.",
     "stay united", ["Donald Tusk", "the Pole"]),
    ("Radu Dragusin has impressed Roma coach Claudio Ranieri since joining on loan.\n\u201cI feel at home "
     "here,\u201d the Romanian said.",
     "at home here", ["Radu Dragusin", "the Romanian"]),
    ("Niger's military ruler, Abdourahamane Tiani, met envoys in Niamey on Monday. Victor Osimhen, the "
     "Napoli striker, was also in the city for a charity match.\n\u201cI love this region,\u201d the "
     "Nigerian said.",
     "love this region", ["Victor Osimhen", "the Nigerian"]),
    ("Gael Monfils was beaten by French Open champion Carlos Alcaraz in Paris.\n\u201cHe is on another "
     "level,\u201d the Frenchman said.",
     "another level", ["Gael Monfils", "the Frenchman"]),
    ("Former finance minister Yanis Varoufakis debated Green MEP Philippe Lamberts in "
     "Brussels.\n\u201cAusterity has failed Europe,\u201d the Greek said.",
     "Austerity has failed", ["Yanis Varoufakis", "the Greek"]),
    ("Isabel Allende shared the stage with children's author Michael Rosen at the Hay "
     "festival.\n\u201cStories save us,\u201d the Chilean said.",
     "Stories save us", ["Isabel Allende", "the Chilean"]),
    ("After a Democratic walkout, Gov. Greg Abbott signed the bill. Rep. Jasmine Crockett called it "
     "cruel.\n\u201cThis law targets immigrants,\u201d the Texas Democrat said.",
     "targets immigrants", ["Jasmine Crockett", "the Texas Democrat"]),
    ("The Republican-led committee subpoenaed Hunter Biden on Wednesday. Rep. James Comer said the "
     "inquiry would continue.\n\u201cWe will follow the facts,\u201d the Kentucky Republican said.",
     "follow the facts", ["James Comer", "the Kentucky Republican"]),
    ("Boeing's head of engineering, Howard McKenzie, defended the plane. Whistleblower Sam Salehpour "
     "disagreed.\n\u201cI was told to shut up,\u201d the engineer said.",
     "told to shut up", ["Sam Salehpour", "the engineer"]),
    ("Jane Harper, whose new novel is set in the outback, met Port Authority chair Kevin Ward at the "
     "launch.\n\u201cI write about places I love,\u201d the author said.",
     "places I love", ["Jane Harper", "the author"]),
    ("Federal agents detained Mahmoud Khalil at his apartment on Saturday, according to his lawyer, Amy "
     "Greer. A video shows an agent telling Khalil's wife to step back.\n\u201cWe have a warrant,\u201d "
     "the agent says in the video.",
     "have a warrant", ["the agent"]),
    ("Scientists attacked Wes Streeting's plan on Monday. Among them was Professor Devi Sridhar of "
     "Edinburgh University.\n\u201cThe evidence simply isn't there,\u201d the scientist said.",
     "simply isn't there", ["Devi Sridhar", "the scientist"]),
    ("Former Wimbledon champion Pat Cash watched from the stands as Jannik Sinner beat Daniil "
     "Medvedev.\n\u201cIt was my best match this year,\u201d Sinner said.\n\u201cHe is the best in the "
     "world right now,\u201d said the former Wimbledon champion.",
     "best in the world right now", ["Pat Cash", "the former Wimbledon champion"]),
    ("Carlos Alcaraz beat former champion Dominic Thiem 6-2 6-3 on Tuesday.\n\u201cI was too slow "
     "today,\u201d said the former champion.",
     "too slow today", ["Dominic Thiem"]),
]



@pytest.mark.parametrize("text", [
    # no quote: "said to be"; an explainer's labels with a question line, whose entries never say "I" or "we"
    "The gunman, Omar Hadi, said to be a former soldier, was shot dead by police on Sunday night.",
    "Britain votes on Thursday.\n\nQ: Who are the main candidates?\n\nStarmer: The Labour leader, 61, is a former "
    "chief prosecutor.\n\nSunak: The prime minister, 44, took office in 2022.",
])
def test_said_to_be_and_an_explainers_labels_are_no_quotes(text: str):
    assert [(q.kind, q.text) for q in quotes_of(text)] == []


_TWENTY_THIRD_REVIEW = [
    # the twenty-third review (of 6a1c86f): a title run gives a nationality only by a nationality's word among
    # title nouns right before the name, never a club's or a company's ("Spanish giants Real Madrid coach"), a
    # team's ("Ireland manager"), a city's ("Rome's mayor"), nor across a verb ("Swedish club Malmo want English
    # defender Tom Lowe"); a party label of another state ("D-N.J.") is no New York Democrat
    ("Spanish giants Real Madrid coach Carlo Ancelotti has backed Dani Carvajal to recover from his knee "
     "injury.\n\u201cI will come back stronger,\u201d the Spaniard said.",
     "come back stronger", ["Dani Carvajal", "the Spaniard"]),
    ("Germany's record champions Bayern Munich coach Vincent Kompany praised Thomas Muller before his "
     "farewell game.\n\u201cI will miss this club,\u201d the German said.",
     "miss this club", ["Thomas Muller", "the German"]),
    ("French champions Paris Saint-Germain's coach Luis Enrique hailed Ousmane Dembele after the Ballon "
     "d'Or ceremony.\n\u201cThis award is for my family,\u201d the Frenchman said.",
     "for my family", ["Ousmane Dembele", "the Frenchman"]),
    ("Swedish club Malmo want English defender Tom Lowe, and manager Henrik Rydstrom has confirmed talks "
     "with Stoke.\n\u201cHe would fit our style perfectly,\u201d the Swede said.",
     "fit our style", ["Henrik Rydstrom", "the Swede"]),
    ("The partisan Dutch home crowd again gave Lewis Hamilton a hostile reception at Zandvoort, where Max "
     "Verstappen won from pole.\n\u201cThe support here is incredible,\u201d the Dutchman said.",
     "support here", ["Max Verstappen", "the Dutchman"]),
    ("Sweden's defence could not stop Erling Haaland in Oslo on Tuesday. Alexander Isak missed a late "
     "penalty.\n\u201cIt hurts a lot,\u201d the Swede said.",
     "hurts a lot", ["Alexander Isak", "the Swede"]),
    ("Alexander Isak scored in Sweden's 3-1 win against Erling Haaland's Norway.\n\u201cI'm proud of the "
     "team,\u201d the Swede said.",
     "proud of the team", ["Alexander Isak", "the Swede"]),
    ("Tour de France winner Tadej Pogacar finished ahead of Romain Bardet at the Dauphine on "
     "Sunday.\n\u201cIt was my last big race and I enjoyed every moment,\u201d the Frenchman said.",
     "last big race", ["Romain Bardet", "the Frenchman"]),
    ("Ireland manager Heimir Hallgrimsson watched Evan Ferguson score twice for West Ham on "
     "Saturday.\n\u201cI feel sharp again,\u201d the Irishman said.",
     "feel sharp again", ["Evan Ferguson", "the Irishman"]),
    ("Wales coach Warren Gatland was in the stands to watch Louis Rees-Zammit at Gloucester.\n\u201cI'm "
     "loving my rugby again,\u201d the Welshman said.",
     "loving my rugby", ["Louis Rees-Zammit", "the Welshman"]),
    ("Denmark women's coach Andree Jeglertz has recalled Pernille Harder for the Euros.\n\u201cI'm "
     "excited to be back,\u201d the Dane said.",
     "excited to be back", ["Pernille Harder", "the Dane"]),
    ("Rome's mayor Roberto Gualtieri welcomed Radu Dragusin to the city on Monday.\n\u201cI feel at home "
     "here,\u201d the Romanian said.",
     "at home here", ["Radu Dragusin", "the Romanian"]),
    ("Swedish carmaker Volvo's chief executive Jim Rowan met Prime Minister Ulf Kristersson in Gothenburg "
     "on Monday.\n\u201cWe need more charging points across the country,\u201d the Swede said.",
     "charging points", ["Ulf Kristersson", "the Swede"]),
    ("Newcastle's forward line will face Arsenal defender William Saliba on Sunday. Alexander Isak, who "
     "has scored 20 goals this season, is fit.\n\u201cI'm ready for the battle,\u201d the forward said.",
     "ready for the battle", ["Alexander Isak", "the forward"]),
    ("Jon Dahl Tomasson, the Dane who coaches Sweden, left Viktor Gyokeres out on Friday.\n\u201cI "
     "respect his decision,\u201d the Swede said.",
     "respect his decision", ["Viktor Gyokeres", "the Swede"]),
    ("Rep. Josh Gottheimer, D-N.J., and Rep. Ritchie Torres of New York wrote to the agency on "
     "Monday.\n\u201cThe Bronx has been ignored for too long,\u201d the New York Democrat said.",
     "The Bronx", ["Ritchie Torres", "the New York Democrat"]),
    # (a role parsed whole gives only its own title run: "English champions Liverpool's Dutch coach")
    ("English champions Liverpool's Dutch coach Arne Slot has urged Trent Alexander-Arnold to stay at Anfield.\n"
     "\u201cI'm focused on winning trophies here,\u201d the Englishman said.",
     "winning trophies", ["Trent Alexander-Arnold", "the Englishman"]),
    ("Danish shipping giant Maersk's chief executive Vincent Clerc warned of months of delays in the Red Sea.\n"
     "Mette Frederiksen, the prime minister, said the government would support exporters. \u201cWe must protect "
     "our shipping,\u201d the Dane said.", "protect our shipping", ["Mette Frederiksen", "the Dane"]),
]


@pytest.mark.parametrize("text, words, allowed", [
    *[(text, words, speaker if isinstance(speaker, list) else [speaker])
      for text, words, speaker in _TWENTY_FIRST_REVIEW],
    *_TWENTY_SECOND_REVIEW,
    *_TWENTY_THIRD_REVIEW,
])
def test_the_reviewers_cases_of_round_25(text: str, words: str, allowed: list[str]):
    """Cases the helper reviews of round 25 found wrong, each fixed with its case here: the speaker, or any of
    the answers allowed (the person, or the description left as written)."""
    q = quote(text, words)
    assert q.speaker in allowed, (q.speaker, q.via)


# Round 26: a helper's review of fcefc3e and e5046c5 (100 new cases, 15 wrong speakers, all wrong before too),
# the wrong speakers round 25 left, and a second review, of 7a18f82 (4 new wrong speakers, quotes lost). None: no
# quote holds the words, or it is credited to no one.
_ROUND_26 = [
    # a person named by one word is a candidate too: two the text calls so are neither
    ("Spanish manager Pep Guardiola confirmed on Friday that Spanish midfielder Rodri is fit to face Arsenal after a "
     "year out with a knee injury.\n\u201cMy knee feels strong and I can't wait to play,\u201d the Spaniard said.",
     "My knee feels strong", ["Rodri", "the Spaniard"]),
    ("Manchester City midfielder Mateo Kovacic will miss the derby, but midfielder Rodri is fit after a year out.\n"
     "\u201cMy knee feels strong again,\u201d the midfielder said.", "My knee", ["Rodri", "the midfielder"]),
    ("Striker Ollie Watkins scored twice as Aston Villa beat Everton, whose striker Beto missed a penalty.\n\u201cI "
     "should have scored, I let the team down,\u201d the striker said.", "let the team down", ["Beto", "the striker"]),
    # an apposition gives the words of its own noun phrase, not those of what follows it
    ("Jesse Marsch, an American coaching the Canadian side, has left Alphonso Davies out of his squad for the "
     "friendlies.\n\u201cI understand the decision, but I'm disappointed,\u201d the Canadian said.",
     "understand the decision", ["Alphonso Davies", "the Canadian"]),
    ("Jon Dahl Tomasson, a Dane in charge of the Swedish team, has recalled Viktor Gyokeres for the qualifiers.\n"
     "\u201cI'm happy to be back with the national team,\u201d the Swede said.",
     "happy to be back", ["Viktor Gyokeres", "the Swede"]),
    # a Frenchwoman is one the text shows a woman
    ("Paris mayor Anne Hidalgo welcomed French President Emmanuel Macron to the river on Saturday.\n\u201cI swam in "
     "the Seine and I survived,\u201d the Frenchwoman said.", "swam in the Seine", ["Anne Hidalgo", "the Frenchwoman"]),
    ("Dutch coach Arne Slot watched from the stands as Vivianne Miedema scored twice for Manchester City.\n\u201cIt "
     "is great to be scoring again,\u201d the Dutchwoman said.", "scoring again",
     ["Vivianne Miedema", "the Dutchwoman"]),
    # a country's possessive alone is no nationality (a coach's team, a US state, a club); two set against each
    # other are
    ("England's Thomas Tuchel named Jude Bellingham in his squad for the qualifiers on Friday.\n\u201cI'm proud to be "
     "back,\u201d the Englishman said.", "proud to be back", ["Jude Bellingham", "the Englishman"]),
    ("Brazil's Carlo Ancelotti praised Vinicius Junior after the 2-0 win over Chile in Rio.\n\u201cI'm enjoying my "
     "football again,\u201d the Brazilian said.", "enjoying my football", ["Vinicius Junior", "the Brazilian"]),
    ("Switzerland's Young Boys lost 5-1 to Aston Villa on Tuesday, and coach Patrick Rahmen admitted his team were "
     "outclassed.\n\u201cWe have a lot to learn at this level,\u201d the Swiss said.",
     "a lot to learn", ["Patrick Rahmen", "the Swiss"]),
    ("Georgia's Brian Kemp hosted a trade delegation from Tbilisi led by Prime Minister Irakli Kobakhidze on Monday.\n"
     "\u201cWe want more American investment in our country,\u201d the Georgian said.",
     "American investment", ["Irakli Kobakhidze", "the Georgian"]),
    ("Norway's Casper Ruud beat Sweden's Elias Ymer 6-3 6-4 in Stockholm on Wednesday.\n\u201cCasper was too strong "
     "today,\u201d the Swede said.", "too strong today", ["Elias Ymer"]),
    ("Spain's Carlos Alcaraz beat Italy's Jannik Sinner in five sets in Paris on Sunday.\n\u201cCarlos deserved it "
     "today,\u201d the Italian said.", "deserved it", ["Jannik Sinner"]),
    # a trade is the head of its title ("free agent midfielder" is no agent; "put forward" no position)
    ("Free agent midfielder Adrien Rabiot is weighing three offers, according to his mother Veronique Rabiot.\n"
     "\u201cThere is no hurry to decide,\u201d the agent said.", "no hurry", ["Veronique Rabiot", "the agent"]),
    ("Free agent quarterback Aaron Rodgers met the Steelers on Friday. \u201cHe wants to win now,\u201d the agent "
     "said.", "win now", ["the agent"]),
    ("Newcastle have put forward Kieran Trippier as their candidate for captain while Bruno Guimaraes is injured. "
     "Alexander Isak, who has scored 18 goals, is fit.\n\u201cI'm ready to lead the line,\u201d the forward said.",
     "lead the line", ["Alexander Isak", "the forward"]),
    # a nationality before a golfer, a rider, a driver, a fly-half is given them
    ("Slovenian cyclist Tadej Pogacar beat Danish rider Jonas Vingegaard by four seconds on the Col du Tourmalet.\n"
     "\u201cTadej was simply stronger today,\u201d the Dane said.", "simply stronger", ["Jonas Vingegaard"]),
    ("Finnish driver Valtteri Bottas and Scotland fly-half Finn Russell were guests at the Edinburgh gala on "
     "Thursday.\n\u201cI love coming to Scotland,\u201d the Finn said.", "coming to Scotland", ["Valtteri Bottas"]),
    ("Scottish fly-half Finn Russell kicked 17 points as Scotland beat Italy at Murrayfield.\n\u201cWe were clinical "
     "today,\u201d the Scot said.", "clinical today", ["Finn Russell"]),
    # (the round's second review) "the German" is no man's word only; a title stops at "forward" after a verb only;
    # a country's pair counts past "de"; a nationality before "Open", "Cup", "FA", "Times" names no one
    ("Galatasaray's Nigerian international forward Victor Osimhen scored twice as Nigerian coach Eric Chelle "
     "watched from the stands.\n\u201cI feel at home in Istanbul,\u201d the Nigerian said.", "at home in Istanbul",
     ["Victor Osimhen", "the Nigerian"]),
    ("Chelsea forward Cole Palmer was rested, and injured forward Nicolas Jackson watched from the stands.\n\u201cIt "
     "hurts to watch from up there,\u201d the forward said.", "hurts to watch", ["Nicolas Jackson", "the forward"]),
    ("German coach Julian Nagelsmann watched as German forward Giulia Gwinn scored twice. Gwinn said she was "
     "delighted with her form.\n\u201cI love scoring in big games,\u201d the German said.", "scoring in big games",
     ["Giulia Gwinn", "the German"]),
    ("Serbia's Novak Djokovic beat Australia's Alex de Minaur in straight sets in Melbourne on Sunday.\n\u201cNovak "
     "was too good tonight,\u201d the Australian said.", "too good tonight", ["Alex de Minaur"]),
    ("French striker Kylian Mbappe watched the French Open final from the royal box on Sunday.\n\u201cTennis is my "
     "second love,\u201d the Frenchman said.", "second love", ["Kylian Mbappe"]),
    ("Danish coach Brian Riemer named his squad at the Danish FA headquarters on Monday.\n\u201cWe have a strong "
     "group,\u201d the Dane said.", "strong group", ["Brian Riemer"]),
    ("Simon Schama and Mary Beard will speak at the Hay festival.\n\nQ: Who is on the programme?\n\nSchama: The "
     "historian, 79, will lecture on Charles I and the civil war.\n\nBeard: The classicist will talk about Roman "
     "emperors.", "lecture on Charles I", [None]),
    ("Pfizer's Albert Bourla and Moderna's Stephane Bancel will testify on Thursday.\n\nQ: Who is testifying?\n\n"
     "Bourla: The Pfizer chief, 63, oversaw the Phase I trials of the vaccine.\n\nBancel: The Moderna chief "
     "executive, 52, is French.", "Phase I trials", [None]),
    # "I-95" and "World War I" are no first person: an explainer's "Name: …" lines are no transcript; a quote an
    # answer holds is not its own voice
    ("Ron DeSantis and Charlie Crist face off in Florida on Tuesday.\n\nQ: Who is running?\n\nDeSantis: The "
     "governor, 46, campaigned along I-95 on Sunday.\n\nCrist: The former governor, 67, is running as a Democrat.",
     "campaigned along", [None]),
    ("Keir Starmer and Kemi Badenoch will both attend Remembrance events.\n\nQ: Who will be there?\n\nStarmer: The "
     "prime minister, 62, will lay a wreath at the World War I memorial.\n\nBadenoch: The Conservative leader will "
     "attend a service in Essex.", "lay a wreath", [None]),
    ("Joe Biden and Donald Trump meet again on Thursday.\n\nQ: What are their records?\n\nBiden: The president, 81, "
     "says he has helped the middle class, telling voters: \u201cMy record speaks for itself.\u201d\n\nTrump: The "
     "former president, 78, says the economy was stronger under him.", "helped the middle class", [None]),
    # a name in apposition after a description of one by another may be the other's: the description, or no one
    ("The lawyer for the defendant, Marcus Hill, said the evidence was thin. \u201cWe will appeal the verdict,\u201d "
     "she said.", "appeal the verdict", [None, "The lawyer for the defendant"]),
    ("The lawyer for the defendant, Marcus Hill, said the evidence against him was thin.", "evidence against him",
     [None, "The lawyer for the defendant"]),
    ("\u201cWe will appeal the verdict,\u201d the lawyer for the defendant, Marcus Hill, said.", "appeal the verdict",
     [None, "the lawyer for the defendant"]),
    ("The mother of the boy, Liam Cole, said the school had failed him. \u201cNobody listened to us when we "
     "complained,\u201d she said.", "Nobody listened", [None, "The mother of the boy"]),
    ("\u201cNobody listened to us when we complained,\u201d said the mother of the boy, Liam Cole.", "Nobody listened",
     [None, "the mother of the boy"]),
    ("The mayor of the city, Ciudad Juarez, said on Tuesday that shelters were already full.", "shelters were",
     [None, "The mayor of the city"]),
    # (the round's second review, of 7a18f82) the description's speaker goes on to its "he" or "she"; the boy the
    # text names is never "the coach of the boy"
    ("The mother of the boy, Liam Cole, said he had been bullied for months before the attack at Westfield "
     "Academy.\n\u201cHe came home crying almost every day,\u201d she said.", "came home crying",
     ["The mother of the boy"]),
    ("Daniel Reyes, 17, died at the scene on Route 9, police said. The father of the victim, Tom Reyes, said his son "
     "had just passed his driving test.\n\u201cHe was so proud of that car,\u201d he said.", "so proud of that car",
     ["Tom Reyes", "The father of the victim"]),
    ("Tyler Grant, 12, drowned at Lake Harriet on Saturday. The coach of the boy, Ryan Mills, said Tyler was the best "
     "swimmer on his team.\n\u201cI keep thinking it can't be true,\u201d Mills said.", "best swimmer",
     ["Ryan Mills", "The coach of the boy"]),
    ("Officials in the border city said every shelter was full. The mayor of the city, Cruz Perez Cuellar, said the "
     "federal government had sent no help.\n\u201cWe cannot keep absorbing thousands of people a week,\u201d he "
     "said.", "absorbing thousands", [None, "Cruz Perez Cuellar"]),
    # (a fourth probe of whole articles, its tuning half) a document signed by someone, a message its writer sent, a
    # thing a name right before the quote calls so
    ("Deputy Chief Samuel Ward then read a letter from the firefighters' union, Local 1187. The letter, signed by "
     "union president Kyle Brennan, said in part:\n\n\u201cChief Delacroix never once asked us to do something she "
     "wouldn't do herself. She rode the engines on Christmas.\u201d", "never once asked us", ["Kyle Brennan"]),
    ("The statement, signed by chief executive Maria Lopez, said: \u201cWe regret the disruption this has caused to "
     "our customers.\u201d", "We regret the disruption", ["Maria Lopez"]),
    ("Prosecutor Dan Fenn then showed the jury an email Theresa Gulliver sent to a co-worker in April 2021 that read, "
     "\u201cDon't worry, nobody checks these anyway.\u201d", "nobody checks these", ["Theresa Gulliver"]),
    ("Union leader Carla Benedetti spoke on Monday. The hospital has said it will keep strikers out for two more days "
     "- a move Benedetti called \"pure retaliation.\"", "pure retaliation", ["Carla Benedetti"]),
    ("The council approved the cuts on Tuesday, which Mayor Tom Smith called \u201ca betrayal of the town.\u201d",
     "a betrayal of the town", ["Tom Smith"]),
    # (the round's third and fourth reviews, of 2beca4a and ed02c5c) a name with its age after a description of one
    # by another is the object's; a club's name is no person; "The agent of the player" is not the player named
    # before; "said that X called", "a lawyer for X called" and a reply to a message are not X's; an earlier letter's
    # signer is not a later letter's
    ("The father of the boy, Ethan Brooks, 6, said his son had been left alone on a school bus for three hours in "
     "Dayton.\n\u201cNobody even noticed he was missing,\u201d he said.", "left alone on a school bus",
     ["The father of the boy"]),
    ("Lawyers for the defendant, Marcus Hill, 24, said he would plead not guilty to the charges.",
     "plead not guilty", [None, "Lawyers for the defendant"]),
    ("The owner of the club, Manchester United, said the stadium plan would go ahead.", "stadium plan",
     [None, "The owner of the club"]),
    ("The manager of the team, Gareth Southgate, said Harry Kane would start against Serbia.\n\u201cHarry is in "
     "great shape,\u201d he said.", "would start against Serbia", ["Gareth Southgate"]),
    ("Portugal forward Joao Felix wants to leave Chelsea this summer. The agent of the player, Jorge Mendes, said "
     "talks with Benfica had broken down.\n\u201cThere is no deal yet,\u201d he said.", "no deal yet",
     [None, "Jorge Mendes", "The agent of the player"]),
    ("Margaret Hill, who ran the village shop in Ambleside for 40 years, has died aged 91. The daughter of the "
     "deceased, Susan Hill, said her mother had worked until she was 85.\n\u201cShe knew every customer by "
     "name,\u201d she said.", "every customer by name", [None, "Susan Hill", "The daughter of the deceased"]),
    ("The neighbour said that Dana Hale called \u201cat all hours of the night\u201d in the weeks before the fire.",
     "at all hours", [None, "The neighbour"]),
    ("Prosecutor Dan Fenn said a lawyer for Kevin Marsh called the plea deal \u201ca gift.\u201d", "a gift",
     [None, "a lawyer for Kevin Marsh"]),
    ("After the verdict, the mother of Breonna Taylor called the sentence \u201ca disgrace.\u201d", "a disgrace",
     [None, "the mother of Breonna Taylor"]),
    ("Prosecutors showed jurors a text Kevin Marsh sent to his brother and the brother's reply, which read, "
     "\u201cDelete everything now.\u201d", "Delete everything", [None, "the brother"]),
    ("A letter, signed by Senator Ann Cole, urged the FAA to ground the jets. The agency replied with a letter of "
     "its own on Friday. The letter said: \u201cWe have found no evidence of a systemic defect.\u201d",
     "no evidence of a systemic defect", [None, "the agency", "The letter", "the FAA"]),
    # (the round's fifth review, of b524489 and 7244042) a queen's or a king's "I" before a verb is no first person;
    # a rapper's, a striker's, a club's one word are the object's; a message forwarded or a screenshot is not the
    # sender's
    ("\u201cThe exhibition is a triumph,\u201d said curator Ruth Hale. Visitors can see the desk at which "
     "\u201cQueen Elizabeth I signed the death warrant of Mary, Queen of Scots.\u201d", "death warrant", [None]),
    ("\u201cThe trial results are encouraging,\u201d said Dr. Helen Park. An FDA document shows the drug was tested "
     "only \u201cin Phase I trials with 40 patients.\u201d", "Phase I trials", [None]),
    ("\u201cOur members are angry,\u201d said Rob Haines of the teachers' union. Funding for schools \u201cin Title I "
     "programs has been cut by a third,\u201d budget documents show.", "Title I programs", [None, "budget documents"]),
    ("Dr. Karen Myers and historian Tom Reid will speak at the forum on Thursday.\n\nQ: Who is on the panel?\n\n"
     "Myers: The endocrinologist, 55, treats Type I diabetes in children.\n\nReid: The historian, 62, argues that "
     "Charles I was a tragic figure.", "tragic figure", [None]),
    ("The lawyer for the rapper, Sean Combs, said the charges were \u201ca desperate fishing expedition.\u201d",
     "fishing expedition", [None, "The lawyer for the rapper"]),
    ("The father of the striker, Erling Haaland, said the family was \u201cso proud of him.\u201d", "so proud",
     [None, "The father of the striker"]),
    ("The chairman of the club, Chelsea, said the stadium plan was \u201cstill very much alive.\u201d",
     "very much alive", [None, "The chairman of the club"]),
    ("Jurors saw an email Dana Hill sent to her manager, whose assistant then forwarded a memo that said, "
     "\u201cNobody will check the numbers.\u201d", "check the numbers", [None, "a memo"]),
    ("The inquiry heard about a text Nadine Dorries sent to an aide with a screenshot of a WhatsApp that read, "
     "\u201cBoris wants it buried.\u201d", "wants it buried", [None]),
    # ... and an "I" after a capitalised word is still a first person before a verb or after a day or a comma
    ("Senator Maria Cantwell spoke to reporters after the vote on Tuesday.\n\nQ: Did you expect the bill to fail?"
     "\n\nCantwell: On Monday I told the leadership it would fail.", "told the leadership", ["Maria Cantwell"]),
    ("Prime Minister Mark Carney spoke to reporters in Ottawa.\n\nQ: What do you make of Mr Poilievre's attacks?\n\n"
     "Carney: Look, Pierre, I respect him, but he is wrong.", "I respect him", ["Mark Carney"]),
    ("\u201cIt was terrifying,\u201d said Kevin Walsh, 61. The water rose \u201cso fast that by Tuesday I had lost "
     "everything.\u201d", "lost everything", ["Kevin Walsh"]),
    # ... but the name is the description's where the object is no person's noun, or a company's with a person's name
    ("The chief executive of the company, Jane Doe, said profits had doubled. \u201cIt was a great year for all of "
     "us,\u201d she said.", "a great year", ["Jane Doe"]),
    ("\u201cThe talks have failed for now,\u201d said the spokesman for the ministry, John Smith.", "talks have failed",
     ["John Smith"]),
]


@pytest.mark.parametrize("text, words, allowed", _ROUND_26)
def test_the_reviewers_cases_of_round_26(text: str, words: str, allowed: list[str | None]):
    """Cases the review of round 26 and round 25's note found wrong: the speaker, or any of the answers allowed
    (the person, the description left as written; None for no quote or one credited to no one)."""
    assert_speaker_in(text, words, allowed)


_ROUND_27 = [
    # an opening mark after a comma or a full stop and before a space closes the quote
    ("Maria Lopez coached her son's team for ten years. \u201cI thought I was doing it for him,\u201c Lopez says now. "
     "\u201cI later learned that I got the most out of it.\u201d", "doing it for him", ["Maria Lopez"]),
    ("Maria Lopez coached her son's team for ten years. \u201cI thought I was doing it for him,\u201c Lopez says now. "
     "\u201cI later learned that I got the most out of it.\u201d", "got the most out of it", ["Maria Lopez"]),
    # a noun after a determiner is no speech verb: "gave no hints" attributes nothing, the quote goes on
    ("Tom Groene runs the design team. \u201cWe always push the envelope on every device,\u201d says Groene. "
     "\u201cMaybe it changes next year, maybe it does not change at all.\u201d Groene gave no hints about the next "
     "model.", "Maybe it changes", ["Tom Groene"]),
    # a habit of speaking: a named person "would say", not anyone who "would say"
    ("Bill Parcells ran the draft room. Pointing at the pocket square, Parcells would say, in an accusing tone, "
     "\u201cSee that hankie? That means you are out there selling trucks today.\u201d", "See that hankie",
     ["Bill Parcells"]),
    ("The plan was announced on Monday. Critics would say, \u201cThis is a tax on the poor and nothing else at "
     "all.\u201d", "a tax on the poor", [None]),
    ("The plan was announced on Monday. Some would say \u201cit is far too late for a plan like this one.\u201d",
     "far too late", [None]),
    # "shares" and "summarizes" right after a quote, an adverb after "he"
    ("Adv Mokitimi Tsosane grew up in Maseru.\n\n\u201cEducation was a passion driven by my father, who worked in the "
     "mines,\u201d Adv Tsosane shares.", "a passion driven", ["Mokitimi Tsosane"]),
    ("Mokitimi Tsosane grew up in Maseru. \u201cEvery effort made to invest in education is an investment in the "
     "future,\u201d he aptly summarizes.", "an investment in the future", ["Mokitimi Tsosane"]),
    # a surname that is a common noun ("Law") after a first name is a person's
    ("\u201cThe most important thing you can do is localize the race,\u201d said Steven Law, a former aide.",
     "localize the race", ["Steven Law"]),
    ("The court ruled on Friday. \u201cThe ruling shows what the law demands of every state,\u201d according to "
     "international law.", "what the law demands", [None]),
    # a long apposition after "said Name,"
    ("\u201cWe have to take this race seriously in every county,\u201d said Dana Whitfield, a former adviser to the "
     "governor who now runs the state party's field operation and two related groups.", "in every county",
     ["Dana Whitfield"]),
    # a subordinate clause holding the quote is its verb's; one before the main clause is not
    ("Donald Trump spoke in Ohio. But even as Trump claimed on Tuesday that \u201cthe general got in trouble for far "
     "less,\u201d prosecutors said the two cases were different.", "got in trouble", ["Donald Trump"]),
    ("Even when a police officer first called, the man shrugged off the smell and \u201cthe officer left without "
     "a word.\u201d", "the officer left", [None]),
    # a medium reporting after the quote
    ("\u201cThe president argued that the scorn directed at him stems from prejudice,\u201d the New York Times "
     "reported Monday.", "scorn directed at him", ["the New York Times"]),
    # the review of the first commit of round 27: those cues only after a quote ending on a comma; a name ending on
    # a word like a determiner is still a name; a nested opener is no closer; "the artist herself" is "she"
    ("\u201cStocks are overvalued and everyone knows it.\u201d Bank shares on Friday led the decline.",
     "Stocks are overvalued", [None]),
    ("\u201cWork hard, be kind, and never give up on anyone.\u201d The motto sums up in four words what the school "
     "stands for.", "Work hard", [None]),
    ("\u201cWe are opening a second plant next spring,\u201d said Xu An, a student in Beijing.", "second plant",
     ["Xu An"]),
    ("\u201cHe texted me,\u201c Where are you tonight? \u201d and I panicked right away,\u201d said Sarah Kim.",
     "I panicked", ["Sarah Kim"]),
    ("The show is built around Jenny Holzer's signs. In it she brings back her old words, but, as the artist "
     "herself tells us, \u201cCONFUSING YOURSELF IS A WAY TO STAY HONEST.\u201d", "CONFUSING YOURSELF",
     ["Jenny Holzer"]),
    # a question, then who asks whom
    ("\u201cYou think I'm going to change?\u201d Trump asked reporters during a news conference. \u201cI'm not "
     "changing at all.\u201d", "going to change", ["Trump"]),
    ("Maria Gomez spoke at the rally. \u201cWho will stand with us tonight?\u201d she asked the crowd.",
     "stand with us", ["Maria Gomez"]),
    ("\u201cWe will appeal this decision in the morning.\u201d Smith asked the court to dismiss the case.",
     "appeal this decision", [None]),
    # a newsletter's item: its source after the headline's dash
    ("TURNOUT IN IOWA - Michael P. McDonald: \u201cAt long last the nomination contests have finally started with "
     "the first contest.\u201d", "At long last", ["Michael P. McDonald"]),
    ("PATIENCE IS A VIRTUE \u2014 WSJ\u2019s Nick Timiraos: \u201cA senior Federal Reserve official cautioned it "
     "would take time to reduce inflation.\u201d", "senior Federal Reserve", ["Nick Timiraos"]),
    # a sentence of someone else's own words after a quote its own sentence attributes
    ("Attorney General Lisa Madigan asserted that \u201ctrust in the city's police is broken.\u201d Senator Ann "
     "Cole said Wednesday she, too, wants an inquiry.", "trust in the city", ["Lisa Madigan"]),
    ("\u201cWe will not back down from this fight.\u201d Mayor Tom Smith said Wednesday he would stay on.",
     "back down", ["Tom Smith"]),
    # the review of 5dd1be7: a clause's verb is the quote's only when the quote ends that clause; a conjunction is
    # stripped from a bare subject only; "Virginia Code" is a law; "the mayor himself" is no "he" of anyone's
    ("When Smith said he was leaving Jones told him \u201cGood luck with everything out there.\u201d",
     "Good luck", ["Jones", None]),
    ("After the senator said he would vote no the White House called him \u201ca traitor to the party.\u201d",
     "a traitor", ["the White House", "White House", None]),
    ("When the teacher asked who broke the window Tommy said \u201cIt was me, I did it.\u201d", "It was me",
     ["Tommy", None]),
    ("Virginia Code states that a driver must \u201cyield the right of way at every marked crossing.\u201d",
     "yield the right", [None]),
    ("Sarah Palin endorsed the candidate. The president herself said \u201cI am not worried about it at all.\u201d",
     "not worried", ["The president herself", None]),
    ("The mayor's wife, Laura Kent, spoke first. The mayor himself said \u201cWe will recover from this "
     "together.\u201d", "We will recover", ["The mayor himself", None]),
    # the review of c30f918 to 9d85d52: no time word is a newsletter's source, an initial needs a first name before
    # it, "the retired teacher" is a bare subject, and an opening clause with no subject is no quote's own cue
    ("LIVE \u2014 Now: \u201cPolls have closed in six states across the country.\u201d", "Polls have closed",
     [None]),
    ("The vote went to Plan B. Jones: \u201cIt was the only option we had left.\u201d", "only option",
     ["Jones", None]),
    ("As the retired teacher recalled, \u201cwe had no heating at all that winter.\u201d", "no heating",
     ["the retired teacher"]),
    ("Recalling the moment the roof gave way: \u201cIt sounded like a freight train coming.\u201d Ana Lee said on "
     "Sunday she still has nightmares.", "freight train", ["Ana Lee"]),
    # the review of 84faefa: an opening clause with no subject inside a paragraph about someone is that someone's;
    # an initial after any first name, known or not, is a name's
    ("Senator Ana Ruiz won the vote by two seats. Asked about the vote: \u201cI think the result speaks for itself "
     "and now we move on.\u201d The governor said Friday he disagreed with the outcome.", "speaks for itself",
     ["Ana Ruiz", None]),
    ("The bill was signed on Thursday. Kwame A. Boateng: \u201cWe have talked long enough about equal rights in this "
     "country.\u201d", "talked long enough", ["Kwame A. Boateng"]),
]


@pytest.mark.parametrize("text, words, allowed", _ROUND_27)
def test_the_cases_of_round_27(text: str, words: str, allowed: list[str | None]):
    """Patterns of the tuning halves' unattributed quotes (written anew): the speaker, or any of the answers
    allowed (None for no quote or one credited to no one)."""
    assert_speaker_in(text, words, allowed)


_ROUND_28 = [
    # a verb of speaking otherwise only after a quote, right before one with its colon or comma: the later speaker's
    ("Clinton said there was no daylight between their plans. She said experts had found her proposals strong, to "
     "which Martin O'Malley interjected: \"It's just not true, and everyone in this room knows it.\"",
     "everyone in this room", ["Martin O'Malley"]),
    ("Smith said the plan was sound, and Jones protested, \u201cIt will never work in a city this size.\u201d",
     "never work", ["Jones"]),
    ("Obama spoke about Muslims in America. \u201cWhat sport is he talking about, and who? Is Obama profiling?\u201d "
     "reacted Trump.", "Is Obama profiling", ["Trump"]),  # a reaction after its words (PolNeAR's training part)
    ("The market reacted badly. \u201cThis is a disgrace for the whole city,\u201d Smith said.", "disgrace",
     ["Smith"]),
    # who told of the words after them is no speaker when the quote's sentence gives its speaker a verb before it
    ("Senator Mark Cole spoke at the dinner. He told the donors, \u201cWe will win this state by ten points,\u201d "
     "according to two people who attended.", "ten points", ["Mark Cole"]),
    ("The plan was approved on Monday. \u201cIt will create thousands of jobs,\u201d according to the mayor.",
     "thousands of jobs", ["the mayor"]),
    # a speech verb in a clause on "in which": that clause's subject's
    ("The same day, President Joe Biden gave a speech in which he said, \u201cThe world can\u2019t just look away "
     "from what is going on.\u201d", "look away", ["Joe Biden"]),
    ("A blogger, Tal Cohen, said she had obtained video of Sheldon Adelson at a fundraiser, in which Adelson said: "
     "\u201cTrump is a businessman. I am a businessman.\u201d", "I am a businessman", ["Sheldon Adelson"]),
    ("During this time Ailes divorced and remarried. A former producer described an interview with Ailes in 1975, in "
     "which he said: \u201cYou are going to have to do what I say.\u201d", "do what I say", ["Ailes"]),
    ("Senator Ann Cole gave an interview with CNN on Sunday, in which she said: \u201cWe will never surrender to "
     "these people.\u201d", "never surrender", ["Ann Cole"]),
    # ... not when the sentence's subject is a named person who may be the "he", nor by a name of the other sex
    ("Keir Starmer held a call with Emmanuel Macron on Sunday, during which he said: \u201cBritain stands ready to "
     "help.\u201d", "stands ready", ["Keir Starmer"]),
    ("Nikki Haley gave an interview with Jake Tapper, in which she said: \u201cI am staying in this race.\u201d",
     "staying in this race", ["Nikki Haley"]),
    ("Erik ten Hag recalled a meeting with Marcus Rashford in 2023, in which he told the forward: \u201cYou are "
     "better than this.\u201d", "better than this", ["Erik ten Hag"]),
    # "reacted" after a quote and its speaker, not before "with", "to" or an adverb
    ("\u201cThat was a penalty all day long,\u201d Arteta reacted on the touchline.", "penalty all day", ["Arteta"]),
    ("As he took the stage, the crowd began chanting \"Four more years! Four more years!\" Senator Tim Walcott "
     "reacted with a grin and waved for quiet.", "Four more years", [None]),
    # a party's member described is no person named after the party
    ("Kemi Badenoch spent the weekend in her constituency. \u201cThe leadership is drifting badly,\u201d a senior "
     "Tory said.", "drifting badly", ["a senior Tory"]),
    ("\u201cI was never going to give up on this,\u201d said a dejected Edwards.", "never going to give up",
     ["Edwards"]),
    # "according to" after a quote a described speaker's clause introduces
    ("The prime minister told MPs, \u201cWe will not be rushed into this,\u201d according to two people in the "
     "room.", "rushed into this", ["The prime minister"]),
    ("Ethan Coen interjected: \u201cWe never planned it that way, not once, not in twenty years.\u201d",
     "never planned", ["Ethan Coen"]),
    ("The Ministry of Defence protested: \u201cThese claims are false and the footage has been doctored.\u201d",
     "footage has been doctored", ["The Ministry of Defence", "the Ministry of Defence"]),
    # ... not from a phrase ending on a name inside a longer subject
    ("Asked whether she would run, the former governor of Alaska fumed: \u201cThat is nobody's business but mine "
     "and my family's.\u201d", "nobody's business", ["the former governor", None]),
    # a place's possessive opening a sentence is no organisation "it" may stand for; a shop's name still is
    ("Beijing\u2019s show of neutrality comes as Pakistan asks China to take a tough stand. It has called a press "
     "conference to discuss the president\u2019s \u201coutbound tour of the region next month\u201d on Wednesday.",
     "outbound tour", [None]),
    ("Macy's will close 60 stores this year. It said the closures were \u201cpart of a long-planned turnaround of "
     "the business\u201d.", "long-planned turnaround", ["Macy's"]),
    # words someone is reported to have said inside a "that" clause are that clause's speaker's
    ("NBC hired a law firm after executive David Zaslav told human resources that Ailes had called him a \u201clittle "
     "Jew prick\u201d in front of a witness.", "little Jew prick", ["Ailes"]),
    ("Smith said that Jones described the deal as \u201ca betrayal of every taxpayer in this city\u201d.",
     "betrayal of every taxpayer", ["Jones"]),
    ("Smith told reporters Jones had called the deal \u201ca betrayal of every taxpayer in this city\u201d.",
     "betrayal of every taxpayer", ["Jones"]),
    ("Smith told reporters that Jones had said the deal was \u201ca betrayal of every taxpayer in this city\u201d.",
     "betrayal of every taxpayer", ["Jones"]),
    # ... but a call is no words, a request is no quote's verb, and a clause opening on "once" has no speaker
    ("The neighbour said that Dana Hale called \u201cat all hours of the night\u201d in the weeks before the fire.",
     "at all hours", ["The neighbour"]),
    ("Her sister told the jury Jake Moore called \u201cevery single night\u201d after the divorce.",
     "every single night", ["Her sister", None]),
    ("By contrast, Sen. Marco Rubio said that once the Senate goes on recess, \u201cI intend to do as much as I can, "
     "wherever I can be helpful.\u201d", "wherever I can be helpful", ["Marco Rubio"]),
    ("The two loggers alleged that Ramdehol had asked them to accompany him because he wanted help in fetching out "
     "\u201cwild meat\u201d from the forest.", "wild meat", ["The two loggers", "the two loggers", None]),
    ("The coach told reporters that day: \u201cWe were beaten by a better team, simple as that.\u201d", "better team",
     ["The coach"]),
    # speakers in the plural with no article, as subjects ("Lawyers for the family said", "Attorneys for Clinton
    # opposed the effort, saying")
    ("Lawyers for the family said the officers had \u201cno reason at all to open fire on a man holding a phone.\u201d",
     "no reason at all", ["Lawyers for the family"]),
    ("Attorneys for Clinton opposed the effort, saying that her email account \"has never been the property of the "
     "State Department.\"", "never been the property", ["Attorneys for Clinton"]),
    # an adverb between the auxiliary and the speech verb, or before it
    ("Donald Trump spoke on Monday. Trump has even claimed he will enact a massive infrastructure plan to \u201ccreate "
     "the biggest economic boom in this country since the New Deal.\u201d", "biggest economic boom", ["Donald Trump"]),
    ("The senator has long argued that the program is \u201ca waste of money that could fund real schools.\u201d",
     "waste of money", ["The senator"]),
    # "started" after a quote; a question's asker with whom he asks; "As X explained," opening the quote's sentence
    ("\u201cThe New York Times is claiming today that they had an off-the-record talk with you,\u201d Sean Hannity "
     "started.", "off-the-record talk", ["Sean Hannity"]),
    ("Barack Obama spoke on Tuesday. \u201cWhy are you still endorsing him?\u201d Obama asked Republican politicians.",
     "still endorsing him", ["Barack Obama"]),
    ("As White House press secretary Josh Earnest explained, three taxes were postponed in the budget deal, "
     "\u201cwhich sounds like a lot of money. But it is not, over ten years.\u201d", "sounds like a lot of money",
     ["Josh Earnest"]),
    ("As Smith explained, the rules say that drivers must \u201cstop at every light in the city centre.\u201d",
     "stop at every light", [None, "the rules"]),
    # a document dated, and who obtained it, are no part of its issuer
    ("A Feb. 1 letter from the American Legion warns that \u201cany further communication about it will be through "
     "our trademark attorney.\u201d", "trademark attorney", ["the American Legion", "American Legion"]),
    # a relative's words someone reports are the relative's, not the reporter's
    ("Ana Ruiz said her grandmother once told her: \u201cNever let anyone tell you what you cannot become.\u201d",
     "what you cannot become", ["her grandmother"]),
    ("Tom Webb told the court his uncle had often said: \u201cA man who owes nothing sleeps well at night.\u201d",
     "owes nothing", ["his uncle"]),
    # the review of e88a838 to 7654223: a call is no words, nor "said nothing"; an organisation after a place's
    # possessive is the one "it" stands for; a description holds no second determiner
    ("Ann Smith told police that Jones called her \u201cat all hours\u201d of the night for a month.", "at all hours",
     ["Ann Smith", None]),
    ("Ann Smith told reporters that the governor had called him \u201cto offer support\u201d on Sunday.",
     "to offer support", ["Ann Smith", None]),
    ("Ann Smith told reporters that Jones had said nothing: \u201cHe just sat there and stared at the wall.\u201d",
     "stared at the wall", ["Ann Smith"]),
    ("The IMF raised its forecast on Monday. Japan's finance ministry welcomed the revision. It said growth was "
     "\u201con a firm footing for the rest of the year.\u201d", "firm footing", ["Japan's finance ministry", None]),
    ("Reporters asked about the delay, a question the minister answered: \u201cWe will finish the line by the end of "
     "next year.\u201d", "finish the line", ["the minister", "Reporters", None]),
    # "himself" after a name is no part of it; after a description it stays
    ("Bernie Sanders spoke on Monday. Sanders himself acknowledged in a forum on Monday night \"it will be very hard "
     "for us to win\" if he keeps losing.", "very hard for us to win", ["Bernie Sanders"]),
    ("Sarah Palin endorsed the candidate on Monday. The president herself said \u201cI am not worried about the polls "
     "at all.\u201d", "not worried about the polls", ["The president herself", "The president", None]),
    # a speech verb opening its sentence before the speaker, past an aside ("Replied Stephen, with some delicacy,")
    ("Stephen Jones met the coach every morning. Replied Stephen, with some delicacy, \u201cWell, I don\u2019t think "
     "we would ever do that.\u201d", "think we would ever", ["Stephen Jones"]),
    ("Replied the minister: \u201cWe have no plans to raise taxes this year or next.\u201d", "no plans to raise",
     ["the minister"]),
    ("Asked about the vote: \u201cWe have no plans to raise taxes this year or next.\u201d", "no plans to raise",
     [None]),
]


@pytest.mark.parametrize("text, words, allowed", _ROUND_28)
def test_the_cases_of_round_28(text: str, words: str, allowed: list[str | None]):
    """Patterns of the tuning halves' wrong or unattributed quotes (written anew): the speaker, or any of the
    answers allowed (None for no quote or one credited to no one)."""
    assert_speaker_in(text, words, allowed)


_ROUND_29 = [
    # a subordinate clause's subject inside the speaker phrase speaks ("after the company said")
    ("Oil prices jumped 3 percent after OPEC said output would be \u201ccut sharply next quarter.\u201d",
     "cut sharply", ["OPEC"]),
    ("Stocks fell on Monday before the central bank said rates would stay \u201chigher for longer than markets "
     "expect.\u201d", "higher for longer", ["the central bank"]),
    # ... not one in a clause reported, closed before the quote
    ("Cruz declined to comment. By contrast, Sen. Marco Rubio said that once the Senate goes on recess, \u201cI "
     "intend to do as much as I can, wherever I can be helpful.\u201d", "wherever I can be helpful", ["Marco Rubio"]),
    ("Smith, who joined the firm after Jones left, said the merger was \u201ca mistake from the very start.\u201d",
     "a mistake from", ["Smith"]),
    # "who" speaks for the name before it, or the person a description before it gives, never the clause's subject
    ("The team signed striker Ola Berg, who described the club as \u201ca perfect fit for my game.\u201d",
     "a perfect fit", ["Ola Berg"]),
    ("The club signed a new striker, who called the move \u201ca dream come true for me.\u201d", "a dream come",
     ["a new striker", None]),
    ("The inquiry provided fodder to candidates such as Sen. Marco Rubio of Florida, who mused that Clinton was "
     "\"disqualified from being the commander in chief\" because of it.", "disqualified from", ["Marco Rubio"]),
    # a document's issuer, not how it reached the writer
    ("A report from Amnesty International released Monday said the arrests were \u201cunlawful and arbitrary in "
     "every case.\u201d", "unlawful and arbitrary", ["Amnesty International"]),
    ("A memo obtained by the Associated Press said the program was \u201cbadly mismanaged from the start.\u201d",
     "badly mismanaged", [None, "A memo"]),
    # a bare plural of people speaks as described, with which of them they are
    ("Investigators said the fire was \u201cdeliberately set by someone who knew the building.\u201d",
     "deliberately set", ["Investigators"]),
    ("Officials at the ministry insist the vaccine is \u201csafe for every age group we tested.\u201d",
     "safe for every", ["Officials at the ministry"]),
    ("Critics of the bill say it goes too far, arguing it would \u201cgut protections for renters across the "
     "state.\u201d", "gut protections", ["Critics of the bill"]),
    ("Williams said the vote was \u201ca turning point for the whole league.\u201d", "a turning point", ["Williams"]),
    ("\"It's about time that we had a woman running this country,\" exhorted Clinton's introducer, actress Jamie Lee "
     "Curtis.", "about time", ["Jamie Lee Curtis"]),
    ("Sheriff's Deputy Tim Brennan, who had been Ortiz's partner, called the verdict bittersweet. He explained, "
     "\u201cYou feel good, but it's never going to bring him back.\u201d", "never going to bring", ["Tim Brennan"]),
    ("States with strict gun laws reported fewer deaths. \u201cThe numbers are stark and they keep growing.\u201d",
     "numbers are stark", [None]),
    # (from a second review) what follows a subordinator names no one unless it may speak; "who" after "of" is the
    # one described; "As X noted," stands when the clause's stance verb is past a new clause
    ("Fans leaving the stadium after the game said the referee was \u201ca total disgrace to the sport.\u201d",
     "a total disgrace", [None, "Fans", "Fans leaving the stadium"]),
    ("Teachers on strike since January say they are \u201cnot going back without a contract.\u201d", "not going back",
     [None, "Teachers", "Teachers on strike"]),
    ("Reporters spoke with the mother of the victim, who said her son was \u201ca gentle soul to everyone he "
     "met.\u201d", "a gentle soul", ["the mother of the victim"]),
    ("Prosecutors called the girl's father, who told jurors he had \u201cbegged her to stay home that night.\u201d",
     "begged her", ["the girl's father"]),
    ("Organisers met voters from Iowa, who said the caucus was \u201ca mess from start to finish.\u201d", "a mess from",
     [None, "voters from Iowa"]),
    ("As one analyst noted, the company has rejected three offers and \u201cseems determined to go it alone.\u201d",
     "seems determined", ["one analyst"]),
    # from the tuning halves' described speakers left unattributed: a report that reads, "according to one of",
    # "another" after one of a kind of people
    ("The district released its findings on Friday. \u201cAll school sites should be checked before any students "
     "enter,\u201d the report reads.", "All school sites", ["the report"]),
    ("The cellar was searched at dawn. According to one of the survivors, \u201cHe took her chain off, and he carried "
     "her body upstairs.\u201d", "took her chain off", ["one of the survivors"]),
    ("Readers were furious. One user wrote: \"Scaring young people is not helpful at all.\" Another added: \"And the "
     "first thing my son will ask me is when he can get vaccinated.\"", "first thing my son", ["another user"]),
    # (from a third review) a plural before a name is the name's team or organisation, not speakers described
    ("Rangers manager Tom Hale said the defence was \u201cnowhere near where it needs to be.\u201d",
     "nowhere near where", ["Tom Hale"]),
    ("Doctors Without Borders director Ana Ruiz said the clinic was \u201cout of every basic supply.\u201d",
     "out of every basic", ["Ana Ruiz"]),
    # ... a clause before "when" is no speaker; its subordinate subject speaks; a prediction is no one's words
    ("The room fell silent when an old friend of the bride said, \u201cShe would have loved every minute of "
     "this.\u201d", "loved every minute", ["an old friend of the bride"]),
    ("Supporters gathered at the hotel before the results said they were \u201ccautiously optimistic about "
     "tonight.\u201d", "cautiously optimistic", ["Supporters", None]),
    ("Critics will no doubt call the plan \u201ca handout to the wealthy and well connected.\u201d", "a handout to",
     [None]),
    ("Investigators said the captain radioed, \u201cWe have lost both engines and are turning back.\u201d",
     "lost both engines", ["the captain"]),
    # (from a fourth review) a participle before a name is no role; "according to one of" ends at its comma
    ("Doctors treating the singer said she was \u201cresponding well to every treatment so far.\u201d",
     "responding well", ["Doctors treating the singer"]),
    ("Lawyers representing Mayor Ann Cole said the charges were \u201ca political stunt and nothing more.\u201d",
     "a political stunt", ["Lawyers representing Mayor Ann Cole"]),
    ("According to one of Smith's former aides, \u201che never read a single briefing all year.\u201d",
     "never read a single", ["one of Smith's former aides"]),
]


@pytest.mark.parametrize("text, words, allowed", _ROUND_29)
def test_the_cases_of_round_29(text: str, words: str, allowed: list[str | None]):
    """Patterns of a helper's review cases, written anew: the speaker, or any of the answers allowed (None for no
    quote or one credited to no one)."""
    assert_speaker_in(text, words, allowed)


_ROUND_30 = [
    # "who" after an object speaks for that object, never for the sentence's subject
    ("The mayor toured the flooded streets with residents of Lee County, who said the water came \u201cfaster than "
     "anyone had warned us.\u201d", "faster than anyone", ["residents", "residents of Lee County", None]),
    ("The coach thanked the fans in Leeds, who called the season \u201cthe best we have had in twenty years.\u201d",
     "the best we have had", ["the fans", "the fans in Leeds", None]),
    ("The club sold the Dutch midfielder, who said he felt \u201cbetrayed by the people I trusted most.\u201d",
     "betrayed by the people", ["the Dutch midfielder", None]),
    ("The minister met a spokesman for the consulate in Lagos, who said the staff were \u201call safe and "
     "accounted for tonight.\u201d", "all safe and accounted", ["a spokesman for the consulate in Lagos", None]),
    ("Officers detained the brother of John Reyes, who told them he had \u201cnothing at all to do with "
     "it.\u201d", "nothing at all", ["the brother of John Reyes", None]),
    # ... and a thing before "of" or "for" is no one: the name after it speaks
    ("The vote went ahead over the protests of Republicans, who called the bill \u201ca raid on the "
     "taxpayer.\u201d", "a raid on the", ["Republicans"]),
    # a document's issuer, not who passed it on
    ("The statement released by the school board said she was \u201ca devoted teacher and a loving colleague.\u201d",
     "a devoted teacher", ["the school board"]),
    ("A report published Monday by Human Rights Watch said the detentions were \u201carbitrary and plainly "
     "unlawful.\u201d", "arbitrary and plainly", ["Human Rights Watch"]),
    ("A message from the principal shared by a parent said classes would be \u201ccancelled for the rest of the "
     "week.\u201d", "cancelled for the rest", ["the principal"]),
    ("A letter from prison released by his lawyer says he is \u201can innocent man who has been framed.\u201d",
     "an innocent man", [None]),
    # when a document came out is no issuer
    ("Markets rose after Friday's inflation report said prices were \u201ccooling faster than anyone "
     "expected.\u201d", "cooling faster", [None, "Friday's inflation report"]),
    # how long, or "for their part", is no part of the speaker
    ("Doctors for years have said the drug was \u201csafe for almost every patient who takes it.\u201d",
     "safe for almost", ["Doctors"]),
    ("Union leaders for their part insisted the strike was \u201cthe last resort, not the first.\u201d",
     "the last resort", ["Union leaders"]),
    # what people will likely say is no one's words
    ("Democrats will likely call the plan \u201ca tax cut for the richest one percent.\u201d", "a tax cut for",
     [None]),
    # "As X noted, <clause>": the clause's subject when its verb takes the quote, the one who noted it when a new
    # clause comes between
    ("As Lee noted, the finance minister has pledged to \u201cbalance the books within two years.\u201d",
     "balance the books", ["the finance minister"]),
    ("As the analyst explained, the bank raised rates because \u201cinflation simply refused to come down.\u201d",
     "inflation simply refused", ["the analyst"]),
    ("As Ortiz noted, the council has debated the plan for months, but \u201cnothing ever gets decided.\u201d",
     "nothing ever gets decided", ["Ortiz"]),
    # ... after a conjunction opening the sentence too; and one remembering what they thought said it
    ("But, as the committee has pointed out, the data would be used \u201cfor the purpose of finding sources.\u201d",
     "for the purpose of finding", ["the committee"]),
    ("But as Kim noted, the governor has called the plan \u201ca fiscal time bomb for the state.\u201d",
     "a fiscal time bomb", ["the governor"]),
    ("\u201cJesus \u2026 who is Ellen Fetter?\u201d Daniel Rothman recalls thinking at the time.",
     "who is Ellen Fetter", ["Daniel Rothman"]),
    ("\u201cNobody believed us back then,\u201d recalls Tom Baker.", "Nobody believed us", ["Tom Baker"]),
    # someone a video or a filing shows saying something: theirs, when it is a person (not a sign, a poll's majority,
    # an exhibit)
    ("A video posted by a bystander shows the officer shouting: \u201cGet on the ground right now!\u201d",
     "Get on the ground", ["the officer"]),
    ("Bodycam footage shows Deputy Tom Reyes telling the driver: \u201cStep out of the car slowly.\u201d",
     "Step out of the car", ["Tom Reyes"]),
    ("The photo shows a sign saying \u201cClosed until further notice by order of the owner.\u201d",
     "Closed until further notice", [None]),
    ("The poll shows a majority saying \u201cthe country is heading the wrong way,\u201d up from 48 percent.",
     "heading the wrong way", [None]),
    ("The filing shows Exhibit B saying: \u201cAll payments were approved by the full board.\u201d",
     "All payments were approved", [None]),
    # a peer the text names in full as such ("Kenneth Baker, now Lord Baker"), never a namesake
    ("Kenneth Baker, now Lord Baker of Dorking, was education secretary in 1986.\n\nLord Baker told the Telegraph: "
     "\u201cShe was concerned about every change in education.\u201d", "She was concerned", ["Kenneth Baker"]),
    ("Jeremy Hunt, the former chancellor, spoke first.\n\nLord Hunt of Kings Heath, the Labour peer, said: "
     "\u201cThe bill as drafted would gut the health service.\u201d", "The bill as drafted", ["Lord Hunt"]),
    # a surname alone set off before a copula names the speaker, unless the subject names what the words are
    ("The biggest reason advisors get fired, writes Beyer, is \u201cit is always about communication, every "
     "time.\u201d", "always about communication", ["Beyer"]),
    ("The school motto, writes Evans, was \u201cKnowledge is power and service is duty.\u201d", "Knowledge is power",
     [None]),
    # a video or a statement someone put out "that said": theirs (the subject of its own clause)
    ("In selling the courses, Donald Trump released a marketing video that said, \u201cWe are going to have "
     "professors that are absolutely terrific.\u201d", "professors that are absolutely", ["Donald Trump"]),
    ("Senator Tom Smith released a statement, and his rival Mary Jones posted a video that said, \u201cI have never "
     "taken a single dollar from lobbyists.\u201d", "never taken a single dollar", ["Mary Jones"]),
    # "elaborated" after a quote, as "said"
    ("Dorothy Woods is a retired nurse.\n\n\u201cThe way I see it,\u201d she elaborated, \u201cnobody in this town "
     "wants the new mall at all.\u201d", "nobody in this town wants", ["Dorothy Woods"]),
    # "emailed", "texted" right after a quote; a topic opening its sentence is its "he"
    ("David Taylor is a data scientist in Montreal.\n\n\u201cBasically, I was cruising around the website looking "
     "for data,\u201d he emailed.", "cruising around the website", ["David Taylor"]),
    ("Donald Trump and Ted Cruz spoke on Sunday. Cruz warned against a brokered convention. \u201cIt would be an "
     "absolute disaster for the party,\u201d the Texas senator said.\n\nAs for Trump, he said he was not worried. "
     "\u201cFirst of all, I think I am going to have the delegates, OK?\u201d he said.", "going to have the delegates",
     ["Donald Trump"]),
    # a person noun opening a sentence before a name is the role
    ("Witness Tom Reilly told the jury he saw \u201ca man in a grey hoodie climbing the fence.\u201d",
     "a man in a grey hoodie", ["Tom Reilly"]),
    # a participle after people: the people, not the subordinate clause's subject
    ("Analysts polled after the debate said the senator had been \u201cfar more convincing than expected.\u201d",
     "far more convincing", ["Analysts"]),
    ("Fans booed when Morales told the crowd, \u201cI will be back next season, I promise you.\u201d",
     "I will be back", ["Morales"]),
    # words someone else said, inside what the sentence's subject told or said: theirs
    ("Manager Eddie Howe told reporters his son asked him: \u201cDad, are we going to win the cup?\u201d",
     "are we going to win", ["his son"]),
    ("The guard told the jury a prisoner had shouted \u201cyou will never take me alive!\u201d",
     "you will never take me", ["a prisoner"]),
    ("Investigators said Patel texted a friend, \u201cShred the files before the auditors arrive.\u201d",
     "Shred the files", ["Patel"]),
    # a vox pop's next voice: the one named after "Another,"
    ("One shopper, Ann Cole, said prices were \u201cout of control this year.\u201d Another, pensioner Jim Hart, said "
     "\u201cI can barely afford bread any more.\u201d", "I can barely afford", ["Jim Hart"]),
    # (from the review of 59c2091) one who speaks for people before "for": that one, not the people
    ("The court heard from a lawyer for the nurses, who said: \u201cMy clients were never told of the risk.\u201d",
     "My clients were never", ["a lawyer for the nurses", "a lawyer"]),
    # ... someone described by whose they are is never the one they belong to
    ("Reporters found a cousin of Ana Ruiz, who said: \u201cShe called me the night before and sounded fine.\u201d",
     "She called me", [None, "a cousin of Ana Ruiz", "a cousin"]),
    # ... a name after "with" keeps speaking
    ("Macron held a call with Chancellor Friedrich Merz, who described the talks as \u201cfrank and very "
     "useful.\u201d", "frank and very useful", ["Friedrich Merz"]),
    # ... "would later say" is what they did say
    ("Many residents would later say the warning had come \u201cfar too late to save anything.\u201d",
     "far too late", ["Many residents", "residents"]),
    # ... a document's sender without where it went; no sender that cannot speak
    ("An email sent by a spokeswoman to staff said the office would be \u201cclosed until further notice.\u201d",
     "closed until further", ["a spokeswoman"]),
    ("A message from the account said the protest would be \u201cbigger than anything you have seen.\u201d",
     "bigger than anything", [None]),
    # ... but a thing's "of" or "from" before the name keeps the name speaking (PolNeAR train, lost and found again)
    ("The scheme began, as bad ideas do, in the mouth of Senator Bo Reyes, who claimed in May that the plan "
     "\u201cwould pay for itself within a single year.\u201d", "would pay for itself", ["Bo Reyes"]),
    ("Typical was this post from Dana Kim who wrote, \u201cNobody in this town ever reads the fine print.\u201d",
     "Nobody in this town", ["Dana Kim"]),
    # (from the review of c6831bb..cdef19a) "and" joining nouns of the object is no new clause
    ("As Patel noted, the agency has called the dams and levees \u201ca disaster waiting to happen.\u201d",
     "a disaster waiting", ["the agency"]),
    # ... the "As" speaker's own pronoun is that speaker
    ("As Ann Cole noted on Monday, she has long promised to \u201cput every classroom online by next year.\u201d",
     "put every classroom", ["Ann Cole"]),
    # ... a saying is no one's
    ("As the old saying puts it, \u201cthe early bird catches the worm, but the second mouse gets the "
     "cheese.\u201d", "the early bird", [None]),
    # ... a clause naming its speaker after a participle: that speaker
    ("Residents interviewed after fire chief Dana Ruiz said the blaze was \u201cfinally under control tonight\u201d "
     "were relieved.", "finally under control", ["Dana Ruiz"]),
    # ... something that never happened has no words; the teller's own words
    ("Mayor Ed Lopez told reporters Reyes never asked him about the \u201cbudget hole that everyone can "
     "see.\u201d", "budget hole", ["Ed Lopez"]),
    # ... "to" inside an organisation's name
    ("A statement from the Committee to Protect Journalists said the arrest was \u201can attack on press "
     "freedom.\u201d", "an attack on press", ["the Committee to Protect Journalists"]),
    # ... a prediction stays one
    ("Democrats may eventually call the bill \u201ca betrayal of working families.\u201d", "a betrayal of working",
     [None]),
    # ... the one "who" stands for must speak: "who was in Paris" is no speech
    ("Maria Lee texted her colleague, Sam Cole, who was in Paris: \u201cCall me the minute you land.\u201d",
     "Call me the minute", ["Maria Lee"]),
    # (bench_quotes' pages) an account of someone is theirs to speak: "the account of Cohen, who had said"
    ("Reporters found gaps in the story, including the account of Lena Ruiz, who had first said \u201cshe never saw "
     "the driver at all.\u201d", "she never saw the driver", ["Lena Ruiz"]),
    # (from the review of e9c014b, cb6d6fb) a new clause after "and" unless the verb names something
    ("As Singh noted, the airline promised refunds and travellers \u201cstill have not seen a single "
     "penny.\u201d", "still have not seen", ["Singh"]),
    # ... a verb with only an adverb after "who" before the colon: whom "who" stands for
    ("Reporters approached the coach, who put it bluntly: \u201cWe were not good enough today, full stop.\u201d",
     "We were not good enough", ["the coach"]),
    # ... a document's addressee is no part of its sender
    ("A letter from the mayor to Governor Kathy Hochul said the city was \u201cout of room and out of "
     "money.\u201d", "out of room", ["the mayor"]),
]


@pytest.mark.parametrize("text, words, allowed", _ROUND_30)
def test_the_cases_of_round_30(text: str, words: str, allowed: list[str | None]):
    """Patterns of the open review cases, written anew: the speaker, or any of the answers allowed (None for no
    quote or one credited to no one)."""
    assert_speaker_in(text, words, allowed)


_ROUND_31 = [
    # a one-word company name is the business the article named in full before it
    ("Delta Air Lines and Spirit Airlines cancelled flights on Sunday as the storm moved east.\n\n"
     "\u201cSafety comes before the schedule, always,\u201d Spirit said in a statement.", "Safety comes before",
     ["Spirit Airlines"]),
    # ... not a place's name, which may speak too ("Alaska said" may be the state), nor a person given an age
    ("Alaska Airlines cancelled flights on Sunday.\n\n\u201cThe storm is moving east,\u201d Alaska said.",
     "storm is moving east", ["Alaska", "Alaska Airlines"]),
    ("China Eastern Airlines grounded its fleet.\n\n\u201cThe skies are safe,\u201d China said on Monday.",
     "skies are safe", ["China"]),
    ("Dakota Access LLC says the pipeline is safe. Dakota, 12, lives a mile from the river.\n\n\u201cI don't want "
     "our water poisoned,\u201d Dakota said.", "water poisoned", ["Dakota"]),
    ("Kraft Foods will close two plants next year.\n\n\u201cThis was a hard decision for the whole team,\u201d Kraft "
     "said on Monday.", "a hard decision", ["Kraft Foods"]),
    # ... nor when it names two businesses opening on the word, nor a person of that name
    ("United Airlines and United Technologies both reported results on Tuesday.\n\n\u201cWe had a strong quarter "
     "across the board,\u201d United said.", "a strong quarter", ["United", None]),
    ("Pilots at American Airlines met Jane American, a union steward, on Monday.\n\n\u201cWe are ready to strike "
     "if we must,\u201d American said.", "ready to strike", ["Jane American"]),
    # "who" and an adverb after an object: that object's words, or no one's; never the sentence's subject
    ("The manager dropped the veteran striker, who later said: \u201cI understand it, and I will fight for my "
     "place.\u201d", "I will fight for my place", ["the veteran striker", None]),
    ("The teacher scolded the new student, who then told the class: \u201cI did not mean to cause any "
     "trouble.\u201d", "cause any trouble", ["the new student", None]),
    # a street is where someone is, never who speaks
    ("Officers questioned a cyclist on Bridge Road, who told them: \u201cThe van never even slowed down.\u201d",
     "never even slowed down", ["a cyclist", None]),
    ("The film rests on Diane Lane, who said in an interview: \u201cI wanted to play someone tired.\u201d",
     "play someone tired", ["Diane Lane"]),
    ("Police spoke to Dana Ruiz on Oak Avenue, who said: \u201cI heard two loud bangs and then a car.\u201d",
     "two loud bangs", ["Dana Ruiz"]),
    # a relative clause's speech verb right before the quote: never a verb the parse hangs the quote on above it
    ("Inspectors interviewed a nurse at the clinic, who told them: \u201cWe ran out of gloves in the first "
     "week.\u201d", "ran out of gloves", ["a nurse", "a nurse at the clinic", None]),
    # a document issued by someone: whoever issued it, with when and where it came out left out
    ("A statement released early Monday by the club said the manager had \u201cleft by mutual consent.\u201d",
     "left by mutual consent", ["the club"]),
    ("The report published by the council on Friday said the repairs had been \u201cbadly delayed at every "
     "stage.\u201d", "badly delayed", ["the council"]),
    ("Governor Ana Ruiz visited the dam on Sunday. A video posted by the governor on Instagram said the water was "
     "\u201crising faster than expected.\u201d", "rising faster", ["Ana Ruiz"]),
    ("The lawsuit filed by residents says the plant had been \u201cpoisoning the river for years.\u201d",
     "poisoning the river", ["residents"]),
    ("Singer Mia Cole died on Tuesday. The note released by her family said she \u201cwent peacefully, at "
     "home.\u201d", "went peacefully", ["her family"]),
    ("A report issued in June by Human Rights Watch said detainees were \u201cdenied food for days.\u201d",
     "denied food", ["Human Rights Watch"]),
    # ... not whoever passed it on, nor an account, nor who recorded a video of someone else speaking
    ("A memo obtained by Reuters said the project was \u201cmonths behind and far over budget.\u201d",
     "months behind", [None, "a memo", "A memo"]),
    ("Unlike the report published by the council in May, the report released Tuesday said the bridge was "
     "\u201csafe for traffic.\u201d", "safe for traffic", ["the report", None]),
    ("A video posted by Sarah Kim on TikTok shows her neighbour shouting, \u201cGet off my lawn right now.\u201d",
     "Get off my lawn", ["her neighbour", None, "A video"]),
    ("A clip posted by a neighbour shows the officer shouting, \u201cStep away from the car right now.\u201d",
     "Step away from the car", ["the officer", None, "A clip"]),
    # a speech verb opening the sentence before the one the article named: that one's words
    ("Goalkeeper Ana Ortiz saved two penalties in the shoot-out.\n\nSaid Ortiz: \u201cI just guessed, and I "
     "guessed right twice.\u201d", "I just guessed", ["Ana Ortiz"]),
    ("Coach Tom Lee was pleased with the win.\n\nAdded Lee: \u201cWe played the right way from the first "
     "minute.\u201d", "played the right way", ["Tom Lee"]),
    # ... but "Said" is a given name too
    ("Negotiator Said Jalili met the envoys in Geneva.\n\nSaid Jalili: \u201cWe will never give up our "
     "rights.\u201d", "never give up", ["Said Jalili"]),
    # a title word as a surname after a given name: the person, with the words before as the role
    ("The Rovers came back from two goals down. \u201cWe never stopped believing,\u201d said team captain "
     "Aaron Pastor.", "never stopped believing", ["Aaron Pastor"]),
    ("Hall of Fame pitcher Martin Judge threw the first pitch. \u201cI was more nervous than in any game,\u201d "
     "Judge said.", "more nervous than", ["Martin Judge"]),
    ("Union organiser Carla Justice spoke first. \u201cThe workers have waited long enough,\u201d Justice said.",
     "waited long enough", ["Carla Justice"]),
    # one described by whom they work for or belong to, a title before that one's name, is no part of that one
    ("A spokeswoman in the office of Mayor Karen Bass said the city was \u201cready for the storm.\u201d",
     "ready for the storm", ["A spokeswoman in the office of Mayor Karen Bass"]),
    ("The sister of Pvt. Ana Cruz said the family was \u201cproud of her service.\u201d", "proud of her service",
     ["The sister of Pvt. Ana Cruz"]),
    ("The head of the World Bank said growth was \u201cweaker than we hoped.\u201d", "weaker than we hoped",
     ["The head of the World Bank", None]),
    ("Secretary of State Antony Blinken said the talks were \u201cfrank and useful.\u201d", "frank and useful",
     ["Antony Blinken"]),
    # ... whose words, when the participle tells a call the sentence reports, are the caller's
    ("Dispatcher Carol Leader told reporters that Hiller called 911, saying \u201cI'm the one you are looking "
     "for\u201d before hanging up.", "the one you are looking", ["Hiller"]),
    # ... but a title stays a title, and a place before one is no given name ("Georgia Secretary of State")
    ("\u201cThe amendments passed by wide margins,\u201d said campaign director Paul Jacob.\n\nGeorgia Secretary of "
     "State Brad Raffensperger called for the amendment in December.\n\n\u201cOutside groups are suing to end "
     "citizenship checks,\u201d he said.", "Outside groups are suing", ["Brad Raffensperger"]),
    ("Chief Justice John Roberts wrote for the majority: \u201cThe statute is plain on its face.\u201d",
     "plain on its face", ["John Roberts"]),
    ("Carla Justice testified on Monday. The judge in the trial then said: \u201cOrder in the court, "
     "please.\u201d", "Order in the court", ["The judge in the trial", "the judge in the trial", None]),
]


@pytest.mark.parametrize("text, words, allowed", _ROUND_31)
def test_the_cases_of_round_31(text: str, words: str, allowed: list[str | None]):
    """Company short forms, "who later said" after an object, a street before "who", a document and who issued it,
    "Said Smith:", "Aaron Judge": the speaker, or any of the answers allowed (None for no quote or one credited to no
    one)."""
    assert_speaker_in(text, words, allowed)


_ROUND_32 = [
    # a "which" clause's speech verb: the organisation before "which", or no one; never the sentence's subject
    ("Senator Amy Klobuchar questioned the Federal Aviation Administration, which later said: \u201cWe are "
     "reviewing every certificate.\u201d", "reviewing every certificate", ["the Federal Aviation Administration"]),
    ("Regulators fined Boeing, which said in a statement, \u201cWe accept the decision.\u201d", "accept the decision",
     ["Boeing"]),
    ("The minister blamed Thames Water, whose spokesman later said: \u201cOur crews worked through the night.\u201d",
     "worked through the night", ["Thames Water"]),
    ("The mayor criticised the utility, which later said: \u201cOur crews worked through the night.\u201d",
     "worked through the night", [None, "the utility"]),
    ("The minister praised the report, which said the reforms were \u201cworking well.\u201d", "working well",
     [None, "the report"]),
    ("CNN pointed The Intercept to the network's previous statement about SecondEyes, which described it as a process "
     "to bring \u201cmore expert eyes\u201d to coverage around the clock.", "more expert eyes", [None, "CNN"]),
    # ... a document's "which" is its author's
    ("DI Sarah Cole read a statement from the family, which stated: \u201cHe was a loving father who lit up every "
     "room.\u201d", "loving father", ["the family"]),
    # ... past a time phrase ending the clause
    ("Regulators fined Meta on Monday, whose spokesman said: \u201cWe strongly disagree with the decision.\u201d",
     "strongly disagree", ["Meta"]),
    # a person described by the body they work at or for before "who": that person, not the body
    ("The study was reviewed by a researcher at the University of Chicago, who said: \u201cThe findings are striking "
     "but need to be replicated.\u201d", "findings are striking", ["a researcher at the University of Chicago"]),
    ("The newspaper contacted a spokesman for the Department of Justice, who said: \u201cWe do not comment on ongoing "
     "investigations.\u201d", "do not comment", ["a spokesman for the Department of Justice"]),
    ("Biden met the President of France, who said: \u201cEurope must take more responsibility for its defense.\u201d",
     "more responsibility", ["the President of France"]),
    # ... people in a place as before
    ("The minister met relatives of the victims in Lyon, who later said: \u201cShe listened, but promised "
     "nothing.\u201d", "promised nothing", ["relatives of the victims", None]),
    # people for or against something, or friends of someone: the phrase whole, not "Friends", role "of the Earth"
    ("Friends of the Earth said the pipeline approval was \u201ca betrayal of every climate promise.\u201d",
     "betrayal of every", ["Friends of the Earth"]),
    ("Supporters of the measure say it will \u201cfinally give renters a fair shake.\u201d", "fair shake",
     ["Supporters of the measure"]),
    ("Voters surveyed after the debate said the mayor seemed \u201ctired and distracted.\u201d", "tired and distracted",
     ["Voters", "Voters surveyed after the debate"]),
    # "As X noted," then a clause with its own speech verb: that clause's speaker
    ("Columnist Dan Ortiz has covered City Hall for decades. As Ortiz noted, the mayor said last year that the budget "
     "was \u201cin great shape.\u201d", "in great shape", ["the mayor"]),
    ("As Kim noted, the governor called the levees and pumps \u201ca system held together with tape.\u201d",
     "held together", ["the governor"]),
    # a vox pop's next voice with a role of capitalised words before the name
    ("Residents waded through the streets. One, New Orleans resident Tasha Grant, said the water was \u201cup to my "
     "knees in minutes.\u201d", "up to my knees", ["Tasha Grant"]),
    # a name before an apposition, then "who": the one named; an age between a name and its apposition is no speaker
    ("The report was written by Amy Chen, a fellow at the Brookings Institution, who told reporters: \u201cThe policy "
     "has failed.\u201d", "policy has failed", ["Amy Chen"]),
    ("Biden spoke with Olaf Scholz, the chancellor of Germany, who said: \u201cWe stand together.\u201d",
     "stand together", ["Olaf Scholz"]),
    ("Tom Baker, 67, a retired teacher, said: \u201cNobody listens to us any more.\u201d", "Nobody listens",
     ["Tom Baker"]),
    # "whose" and whom it owns: that one's words or no one's, never the sentence's subject's
    ("Prosecutors charged the banker, whose lawyer said: \u201cMy client will plead not guilty.\u201d",
     "plead not guilty", [None, "his lawyer"]),
    # ... but a list after a name is no apposition of it
    ("Reporters spoke to Mayor Karen Bass, the fire chief and several residents, who said: \u201cWe were not "
     "warned.\u201d", "not warned", [None, "several residents", "residents"]),
]


@pytest.mark.parametrize("text, words, allowed", _ROUND_32)
def test_the_cases_of_round_32(text: str, words: str, allowed: list[str | None]):
    """A "which" clause's speech verb: the organisation or the document's author before it, or no one; a person
    described by the body they work at before "who"; people for or against something, as one phrase; "As X noted,"
    before a clause with a speech verb of its own; "One, New Orleans resident Tasha Grant, said"; a name before an
    apposition; "whose lawyer said"."""
    assert_speaker_in(text, words, allowed)


@pytest.mark.parametrize("text, words, speaker, role", [
    ("General Electric Co said the turbines were \u201cperforming as expected so far.\u201d", "performing as expected",
     "General Electric Co", None),  # a company's suffix: no person "Electric Co" with the role "General"
    ("\u201cThe water came up so fast,\u201d said Maria Lopez, 54, who lives by the river.", "water came up",
     "Maria Lopez", None),  # an age is no role
])
def test_a_speaker_is_not_garbled_by_a_company_suffix_or_an_age(text: str, words: str, speaker: str,
                                                                            role: str | None):
    q = quote(text, words)
    assert (q.speaker, q.role) == (speaker, role)


def test_an_age_in_an_apposition_is_no_role():
    hanks = split_speaker("Tom Hanks, 67, an actor")
    assert (hanks.name, hanks.role) == ("Tom Hanks", "an actor")


_ROUND_33 = [
    # "Even" before a first name and a surname: no part of the name
    ("Even Jon Stewart himself joked about it: \u201cI have never been this confused in my life.\u201d",
     "never been this confused", ["Jon Stewart"]),
    ("Even Stevens, the restaurant owner, said: \u201cWe cannot survive another lockdown.\u201d", "another lockdown",
     ["Even Stevens"]),  # (a first name "Even" stays)
    # a state or country after a place's name is part of the place, never the one "who" stands for
    ("The hospital hired Maria Lopez, a nurse from El Paso, Texas, who said the shifts were \u201cbrutal and "
     "endless.\u201d", "brutal and endless", ["Maria Lopez"]),
    ("A nurse from El Paso, Texas, said the shifts were \u201cbrutal and endless.\u201d", "brutal and endless",
     ["A nurse from El Paso, Texas", "A nurse from El Paso"]),
    # a day owns no spokesman; a time between the owner and "whose" is read past
    ("Apple was sued on Monday, whose spokesman called the claims \u201cbaseless and absurd.\u201d", "baseless",
     [None]),
    ("Regulators fined Meta on Monday, whose spokesman called the fine \u201cbaseless and absurd.\u201d", "baseless",
     ["Meta's spokesman", "Meta"]),
    ("The regulator fined Amazon earlier this month, whose spokesman called the penalty \u201cunwarranted and "
     "excessive.\u201d",
     "unwarranted", ["Amazon's spokesman"]),
    ("Prime Minister Theresa May faced a revolt.\n\nLabour attacked May, whose spokesman called the claims "
     "\u201ccomplete nonsense.\u201d", "complete nonsense", ["Theresa May's spokesman", "May's spokesman"]),
    # one word given an age is a person's name
    ("Baker, 67, said: \u201cThe water was never this high.\u201d", "never this high", ["Baker"]),
    # "Warner Bros." ends no sentence before the rest of a company's name ("Television"), but may before a name
    ("I remember picking up the phone and calling Warner Bros. Television president Peter Roth and saying, \u201cYou "
     "are going to see this guy.\u201d", "going to see this guy", [None]),
    ("Director Spike Lee pitched the project to several studios.\n\nIn the end he sold the film to Warner Bros. Lee "
     "said: \u201cThey understood what I wanted to make.\u201d", "understood what I wanted", ["Spike Lee", "Lee"]),
    # a news agency, named alone, is a source
    ("CHINA CHIPS \u2014 Bloomberg: \u201cThe new restrictions on technology exports could undercut the "
     "economy.\u201d", "could undercut", ["Bloomberg"]),
    # ... and one it cites is the source
    ("Interfax cited a source as saying: \u201cThe deal is done.\u201d", "deal is done", ["a source"]),
    # a passive's agent, the first person its sentence names, is that sentence's subject for a "he" after it
    ("Andrew Hill and Ralf Groene lead the team.\n\n\u201cWe are here to make awesome products,\u201d says Hill. "
     "It's a belief that's reflected by Groene, too. \u201cIf the work is not good inside, the product cannot be good "
     "on the outside,\u201d he says.", "work is not good inside", ["Ralf Groene"]),
    ("John Smith was arrested by Officer Tom Reed on Monday. \u201cI did nothing wrong,\u201d he said.",
     "did nothing wrong", ["John Smith"]),
    # a dateline is no part of the sentence's subject; nor is a participle's aside after a description
    ("KYIV (Reuters) - Ukraine's foreign minister said on Monday: \u201cWe need air defence now, not next "
     "year.\u201d", "air defence now", ["Ukraine's foreign minister"]),
    ("A senior Ukrainian official, speaking on condition of anonymity, told Reuters: \u201cThe counteroffensive has "
     "stalled.\u201d", "counteroffensive has stalled", ["A senior Ukrainian official"]),
    # people a source by what they know, as written (was "people", "the matter as")
    ("\u201cThe deal is close to done,\u201d said people familiar with the matter.", "close to done",
     ["people familiar with the matter"]),
    ("Bloomberg cited people familiar with the matter as saying: \u201cThe deal is close to done.\u201d",
     "close to done", ["people familiar with the matter"]),
    # "with X saying:" after a sentence: X's, not the sentence subject's
    ("Leaders praised the deal, with Chuck Schumer saying: \u201cThis is historic.\u201d", "This is historic",
     ["Chuck Schumer"]),
    # ... but "with a statement saying:" is the sentence subject's statement
    ("Prince Harry hit back with a statement saying: \u201cThis is a lie.\u201d", "This is a lie",
     ["Harry", "Prince Harry"]),
    # "to say" for a purpose is the sentence subject's; "declined to say" says nothing
    ("The judge pointed to a previous case to say that courts must weigh \u201cwhether a party is a public "
     "entity.\u201d", "public entity", ["The judge"]),
    ("The mayor used her speech to say the city was \u201copen for business.\u201d", "open for business",
     ["The mayor"]),
    # a pull quote repeating one credited later is not the last speaker's words continuing: it is left out
    ("Shari Mendes, an army reservist, said she saw bodies. \u201cWe saw evidence of rape,\u201d Mendes said.\n\n"
     "\u201cI kept wondering all the time whether that was just because I was leading toward that.\u201d\n\n"
     "Anat Schwartz said she felt conflicted at times. \u201cI kept wondering all the time whether that was just "
     "because I was leading toward that,\u201d she said.", "kept wondering", ["Anat Schwartz"]),
]


@pytest.mark.parametrize("text, words, allowed", _ROUND_33)
def test_the_cases_of_round_33(text: str, words: str, allowed: list[str | None]):
    """"Even Jon Stewart himself"; "El Paso, Texas" as one place; a day owning a spokesman (a Theresa May may);
    a name given an age; "Warner Bros."; a news agency alone before a colon, and the one it cites; a dateline; an
    aside after a description; "people familiar with the matter"; "with X saying:"; "to say"; a passive's agent; a
    pull quote."""
    assert_speaker_in(text, words, allowed)


def test_reported_speech_after_an_infinitive_or_a_typo():
    """ "declined to say whether" reports nothing; "pointed to a case to say that" is the subject's; a doubled article
    is written once."""
    said = [(q.speaker, q.kind) for q in quotes_of("Bernie Sanders said Wednesday he agrees with Ginsburg.\n\nThe "
                                                    "Vermont senator declined to say whether it is appropriate.")]
    assert said == [("Bernie Sanders", "indirect")]
    judge = quotes_of("The judge pointed to a previous case to say that courts must weigh the public interest in "
                      "every such case.")
    assert [q.speaker for q in judge] == ["The judge"]
    report = quotes_of("Hackers also accessed the computer of Sheila Bair, according to the the congressional report.")
    assert [q.speaker for q in report] == ["the congressional report"]


@pytest.mark.parametrize("text, words, allowed", [
    # a place is no "he", nor its sentence's person subject
    ("Kazakhstan's foreign minister, Erlan Idrissov, plays down concerns. China may outnumber the Kazakh population "
     "by 80 to 1, but its progress represents good news, he says. \u201cWe should get on board that train,\u201d he "
     "said in an interview.", "get on board", ["Erlan Idrissov"]),
    ("Aides met on Monday.\n\nTrump\u2019s Indiana chairman, Rex Early, said he has not explored the process. He "
     "said he intends to run as a delegate.\n\n\u201cI\u2019m sure we will have some delegates out of this,\u201d he "
     "said.", "some delegates", ["Rex Early"]),
    # ... but a surname that is also a place stays the person's
    ("Michael Jordan retired in 2003.\n\n\u201cI never lost the hunger,\u201d Jordan said.", "never lost the hunger",
     ["Michael Jordan"]),
    # a dateline in mixed case before an agency opens no subject
    ("Washington (AFP) \u2013 Democrat Hillary Clinton has taken a swipe at Donald Trump\u2019s stance on Brexit, "
     "saying that \u201cbombastic comments\u201d do more harm than good.", "bombastic comments", ["Hillary Clinton"]),
])
def test_a_place_is_no_person(text: str, words: str, allowed: list[str | None]):
    """A country or a state named in a sentence is never the "he" after it, nor a dateline the subject."""
    assert_speaker_in(text, words, allowed)


def test_words_not_said_are_nobodys():
    """Words the sentence says someone refused or failed to say are no one's quote."""
    text = ("Hillary Clinton spoke first.\n\nShe and other Democrats on the stage refused to say the words "
            "\u201cradical Islam,\u201d a moment Republicans seized on. The president would not use the term "
            "\u201cgenocide again\u201d in his speech.")
    assert [(q.text, q.speaker) for q in quotes_of(text) if q.speaker] == []
    said = quotes_of("The senator said the bill was \u201cdead on arrival.\u201d")
    assert [q.speaker for q in said] == ["The senator"]


@pytest.mark.parametrize(("text", "speaker"), [
    ("\u201cHe dropped Jesse off at school and Jesse told him, \u2018Dad, everything is going to be OK.\u2019\u201d "
     "Murphy told me.", "Jesse"),
    ("\u201cThe letter to Jesse said, \u2018Dad, everything is going to be OK.\u2019\u201d Karen told me.", None),
    ("\u201cThe driver who hit Jesse told us, \u2018Dad, everything is going to be OK.\u2019\u201d Karen told me.",
     None),
])
def test_a_quote_inside_a_quote_is_never_the_words_of_the_object_before_its_speech_verb(text, speaker):
    inner = min((q for q in quotes_of(text) if "everything is going to be" in q.text), key=lambda q: len(q.text))
    assert inner.text.startswith("Dad") and inner.speaker == speaker, (inner.text, inner.speaker, inner.via)


@pytest.mark.parametrize("text, words, speaker", [
    ("\u201cShips must stay vigilant in the area at all times,\u201d the International Maritime Bureau said on "
     "Friday.", "stay vigilant", "the International Maritime Bureau"),
    ("\u201cThe quake was shallow and strong enough to damage old houses,\u201d the U.S. Geological Survey said.",
     "shallow and strong", "the U.S. Geological Survey"),
    ("\u201cThe vote was neither free nor fair in any part of the country,\u201d Human Rights Watch said.",
     "neither free nor fair", "Human Rights Watch"),
])
def test_an_organisations_name_is_not_split_into_a_role_and_a_name(text, words, speaker):
    q = quote(text, words)  # not "Maritime Bureau", role "the International"; nor "Geological Survey", "the U.S."
    assert (q.speaker, q.role, q.is_person) == (speaker, None, False)
    # a person named after an organisation's title is still a person, and a surname that is also a noun still one
    q = quote("\u201cRates will stay high for longer than markets expect,\u201d Federal Reserve Chair Jerome Powell "
              "said.", "stay high")
    assert (q.speaker, q.role, q.is_person) == ("Jerome Powell", "Federal Reserve Chair", True)
    q = quote("\u201cWe saw the boat turn over in the storm,\u201d said Ken Guard, a fisherman.", "boat turn over")
    assert (q.speaker, q.is_person) == ("Ken Guard", True)


def test_a_tokenised_texts_marks_and_possessives_stay_out_of_speakers_and_roles():
    # ECB+ closes a quote with two apostrophes before its attribution, and spaces a possessive's apostrophe
    text = ("Fire Chief James Steele spoke on Friday. \"We just do n't have any leads at all as far as the motive is "
            "concerned, '' Steele said.\n\n\"It never seems to end and the community keeps on suffering, '' said "
            "Frank Graham, Ramarley \u2019 s father.")
    q = quote(text, "have any leads")
    assert (q.speaker, q.role) == ("James Steele", "Fire Chief"), (q.speaker, q.role)
    q = quote(text, "never seems to end")
    assert (q.speaker, q.role) == ("Frank Graham", "Ramarley\u2019s father"), (q.speaker, q.role)
