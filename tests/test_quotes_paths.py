"""Attribution paths that guessed on unseen pages, made strict: a quote the text does not clearly give to someone
stays unattributed rather than credited to a wrong speaker (sentences written for these tests)."""
from __future__ import annotations

from storywire.analyse.quote_eval import same_speaker

from .test_quotes_trust import quote


def test_a_paragraph_naming_someone_outside_its_quote_does_not_go_on_from_the_paragraph_before():
    text = ("\u201cBecause our country is so far back now,\u201d Scott said.\n\n"
            "\u201cWhat is it about Joe Biden that you feel connected to?\u201d came the question from Gayle King.\n\n"
            "\u201cWe need somebody who can hit the ground running,\u201d Scott said.\n\n"
            "\u201cAnd we will knock on every door in this county until the day of the vote.\u201d")
    assert quote(text, "What is it about").speaker is None
    assert quote(text, "every door").speaker == "Scott"  # a paragraph of nothing but a quote goes on


def test_a_name_before_a_long_apposition_is_the_speaker_of_its_own_clause():
    text = ("Commissioner Ray Kell said there was nothing wrong with the arrest, while John C. Cerar, the former "
            "commander for firearms training at the Police Department, said \u201cit appears to be a good "
            "shooting\u201d under the circumstances.")
    assert quote(text, "good shooting").speaker == "John C. Cerar"
    text = ("Commissioner Ray Kell told the Times there was \u201cnothing to indicate a fault in the arrest\u201d "
            "while John C. Cerar, the former commander for firearms training at the Police Department, said \u201cit "
            "appears to be a good shooting\u201d under the circumstances.")
    assert quote(text, "good shooting").speaker == "John C. Cerar"
    assert quote(text, "nothing to indicate").speaker == "Ray Kell"


def test_any_verb_between_a_quote_and_a_name_after_it_is_its_attribution():
    text = ("\u201cThose goats were so smart,\u201d remembers Shanna Challenger, coordinator for the restoration "
            "programme, with a laugh. \u201cThey would look at our snares, and jump over them.\u201d\n\n"
            "\u201cWe had never seen a harbour this full,\u201d recounts Ann Marie Lee.")
    assert quote(text, "goats were so smart").speaker == "Shanna Challenger"
    assert quote(text, "jump over them").speaker == "Shanna Challenger"
    assert quote(text, "harbour this full").speaker == "Ann Marie Lee"


def test_a_she_after_reported_speech_of_a_described_speaker_is_that_speaker_in_reading_order():
    # one paragraph: the fire "potentially suspicious" in marks, then reported speech, then "She added :" (a colon a
    # detokenised text spaced off its word) before her words
    text = ("The blaze, treated by police as \u201cpotentially suspicious\u201d, spread quickly. A police "
            "spokeswoman said other shops suffered smoke damage. Roads were closed, but the spokeswoman said they "
            "were all reopened by Saturday. She added : \u201cThe focus for today has been to keep the public "
            "safe and return normality to the area.\u201d")
    assert quote(text, "focus for today").speaker == "the spokeswoman"
    assert quote(text, "all reopened").speaker == "the spokeswoman"


def test_a_quote_after_an_opening_time_phrase_is_the_speaker_of_the_reported_speech_before_it():
    text = ("Bob Currie, a resident of the condominiums, saw a police car blocking the drive-up window. He said the "
            "bank was evacuated at 1:30 p.m. and he saw people leaving it from his balcony. Later in the afternoon, "
            "\u201cI went back to my computer and all of a sudden heard this loud ka-boom.\u201d Tim Simons, 17, who "
            "works at the gas station, also heard the blast.")
    assert quote(text, "loud ka-boom").speaker == "Bob Currie"


def test_a_speaker_phrase_holds_the_acronym_the_text_gives_a_name_in_brackets():
    text = ("The National Oceanic and Atmospheric Administration (NOAA) recently stated to \u201cExpect "
            "record-shattering hot years soon, likely in the next couple of years.\u201d\n\n"
            "A Foreign, Commonwealth & Development Office (FCDO) spokesperson told i: \u201cWe take all reports "
            "of crime seriously and our teams are ready to help.\u201d")
    assert quote(text, "record-shattering").speaker == "The National Oceanic and Atmospheric Administration"
    assert quote(text, "all reports of crime").speaker == "FCDO spokesperson"  # the name cut off: its acronym


def test_eval_quotes_judges_the_speaker_alone_and_takes_the_name_ending_a_title():
    assert same_speaker("Secretary of State John Kerry", "John Kerry")
    assert same_speaker("Ministry of Foreign Affairs spokesman Wang Wenbin", "Wang Wenbin")
    assert not same_speaker("the governor of Texas", "Texas")
    assert not same_speaker("a source close to Mr. Macron", "Mr. Macron")
    assert not same_speaker("an aide in the office of Governor Gavin Newsom", "Gavin Newsom")
    assert same_speaker("President Clinton", "Bill Clinton")  # a given name added, the title aside
    assert same_speaker("Elliott", "Charles Elliott III")
    assert not same_speaker("Texas Sen. Ted Cruz", "Despite Ted Cruz")  # a word added that is no given name
    assert not same_speaker("Hunter Biden", "President Biden")
    assert same_speaker("Jesse Jackson Jr.", "Jackson")  # a generational suffix aside
    assert same_speaker("George T. Conway III", "Mr. Conway, a vocal critic of Mr. Trump")
    assert not same_speaker("Jesse Jackson Jr.", "Jesse Jackson Sr.")  # but not another one
    assert same_speaker("Mark Udall and Ron Wyden", "Mr. Wyden and Mr. Udall")  # each of two speakers
    assert not same_speaker("Mark Udall and Ron Wyden", "Mr. Udall")
    assert not same_speaker("Mark Udall and Ron Wyden", "Mr. Udall and Mr. Smith")


def test_eval_quotes_takes_an_acronym_for_the_name_it_spells():
    assert same_speaker("NOAA", "The National Oceanic and Atmospheric Administration")
    assert same_speaker("The National Oceanic and Atmospheric Administration", "NOAA")
    assert not same_speaker("NOAA", "The National Atmospheric Administration")
    assert same_speaker("the National Rifle Association", "the NRA")  # an acronym after "the"
    assert not same_speaker("the National Rifle Association", "the NBA")


def test_a_common_first_name_alone_is_the_one_person_named_in_full_so_initial_and_all():
    text = ("One of the organizers was Walter A. Clyburn Reed, the grandson of Congressman James Clyburn.\n\n"
            "\u201cHe was referring to his generation in particular,\u201d Walter said.")
    q = quote(text, "his generation")
    assert (q.speaker, q.role) == ("Walter A. Clyburn Reed", None)
