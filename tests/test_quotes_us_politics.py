"""How US political reporting attributes quotes, each with the speaker a reader takes from it: party labels, a city
and its state before a title, a sentence going on past a quote, a description set beside a name, a "he" that
paragraphs about him carry on, and a term given in quotes that nobody said."""
from __future__ import annotations

import pytest

from storywire.analyse.quotes import extract_quotes

SPOKEN = [
    ("\u201cWith respect, I disagree with the plan,\u201d Senate President Tom Reed (R) said Wednesday. \u201cThe "
     "caucus has stated that we need a plan for corrective action.\u201d",
     "Tom Reed", ["I disagree with the plan", "we need a plan for corrective action"]),
    ("Senate leader Tom Reed spoke first.\n\nReed, D-N.Y., concluded, \u201cIt was the governor who took the "
     "protections away in the first place.\u201d",
     "Tom Reed", ["took the protections away"]),
    ("Another leading Democrat, Sen. Ann Cole of Ohio, who announced her bid in an episode of \u201cThe Late Show "
     "with Stephen Colbert,\u201d said the offer was a \u201cbad deal.\u201d",
     "Ann Cole", ["bad deal"]),
    ("House Speaker Ann Cole, D-Calif., said this week that the mounting calls to remove Reed were \u201cabsolutely "
     "ridiculous.\u201d",
     "Ann Cole", ["absolutely ridiculous"]),
    ("South Bend, Ind., Mayor Tom Reed, who has seen his campaign surge, also called for the report to be released. "
     "And in an interview on MSNBC, he pointed "
     "to the election, saying, \u201cIt would be a mistake to wait for the investigation.\u201d",
     "Tom Reed", ["a mistake to wait"]),
    ("But Mr. Reed, of California, called Friday for the governor to \u201cuse the indictments to challenge\u201d "
     "Mr. Cole at the summit, adding, \u201cWe cannot afford to give an inch of ground.\u201d",
     "Reed", ["give an inch of ground"]),
    ("The governor\u2019s \u201cexcesses\u201d are sickening, Reed said Tuesday in Paris, noting the governor "
     "\u201cmakes you want to quit.\u201d",
     "Reed", ["makes you want to quit"]),
    ("\u201cThere is going to be a review of exactly what funds can be used,\u201d said House Minority Whip Tom Reed "
     "(D-Md.).",
     "Tom Reed", ["a review of exactly what funds"]),
    ("\"The First Amendment protects freedom of religion,\" reads a statement from Senate Majority Leader Tom Reed's "
     "office (D-Nev.). \"Senator Reed respects that.\"",
     "Senate Majority Leader Tom Reed's office", ["protects freedom of religion"]),
    ("Gov. Tom Reed ran for president.\n\nIn 2007 Mr. Reed was quoted as saying, \u201cClimate change is here, "
     "it\u2019s real.\u201d",
     "Tom Reed", ["Climate change is here"]),
    ("Speaker-to-be Ann Cole met the governor on Wednesday.\n\n\u201cWe are asking the governor to open the "
     "government,\u201d she told reporters on the driveway.",
     "Ann Cole", ["asking the governor to open"]),
    ("The congressman underwent surgery at the Ridgeview Memorial Hospital Center after being shot. In a statement "
     "Wednesday night, the hospital said he sustained \u201ca single rifle shot to the left hip.\u201d",
     "Ridgeview Memorial Hospital Center", ["a single rifle shot"]),
    ("Republican presidential candidate Tom Reed pledges to end the war on religion in a new ad airing in Iowa.\n\n"
     "\u201cAs president, I will end the war on religion and fight against attacks on our heritage,\u201d the Texas "
     "governor continues.",
     "Tom Reed", ["As president, I will end"]),
    ("Tom Reed, the closing speaker of the conference, tore into both parties on Saturday.\n\n"
     "Spending, he told the conference, is a cancer that must be cut out of the system.\n\n"
     "But he aimed his fire at Republicans as well as Democrats, saying he did not know what they stood for.\n\n"
     "\u201cIt is not enough just to be less bad than the other side,\u201d he said.",
     "Tom Reed", ["less bad than the other side"]),
]


@pytest.mark.parametrize(("text", "speaker", "quotes"), SPOKEN)
def test_the_speaker_of_a_construction_of_political_reporting(text: str, speaker: str, quotes: list[str]) -> None:
    found = extract_quotes(1, text)
    for words in quotes:
        (quote,) = [q for q in found if words in q.text]
        assert quote.speaker == speaker, (words, quote.speaker)


def test_a_term_known_by_a_quoted_name_is_nobodys_words():
    text = ("Sen. Tom Reed, of South Dakota, all but confirmed Wednesday that his party is willing to use what\u2019s "
            "known as the \u201cnuclear option\u201d to confirm the judge.\n\n"
            "Sen. Ann Cole, of Ohio, all but conceded that \u201cwe do not have the votes this week.\u201d")
    quotes = extract_quotes(1, text)
    assert not [q for q in quotes if "nuclear option" in q.text and q.speaker]
    (conceded,) = [q for q in quotes if "do not have the votes" in q.text]
    assert conceded.speaker == "Ann Cole"  # the adverb set off after the apposition is no speaker


def test_of_two_hospitals_named_the_hospital_is_neither():
    text = ("The congressman underwent surgery at the Eastside Hospital and then at the Ridgeview Memorial Hospital "
            "Center. In a statement Wednesday night, the hospital said he sustained \u201ca single rifle shot to the "
            "left hip.\u201d")
    assert [q.speaker for q in extract_quotes(1, text)] == ["the hospital"]  # which one, the text does not say


def test_an_organisation_opening_a_sentence_that_puts_out_words_before_a_colon_speaks_them():
    text = ("The Harbor Times also chimed in: \u201cWashington is more than partisan enough without the spectacle "
            "of a justice in the fray.\u201d\n\n"
            "The Democratic National Committee issued a brief statement shortly after the senator\u2019s speech:\n\n"
            "\u201cOkay. So here is the new foreign policy. Troops in the Middle East permanently.\u201d")
    first, second = extract_quotes(1, text)
    assert first.speaker == "The Harbor Times"
    assert (second.speaker or "").lower() == "the democratic national committee"


def test_two_people_speaking_together_are_both_credited_by_their_names():
    text = ("Ann Cole and Tom Reed sit on the committee.\n\n"
            "\u201cThis is plainly a power grab by a disappointed governor,\u201d Speaker Ann Cole of California and "
            "Senator Tom Reed of New York said in a joint statement.\n\n"
            "On Friday, Ms. Cole and Mr. Reed released a joint statement repeating that they had \u201clong been "
            "concerned about the degree to which this collection has relied on secret law.\u201d")
    assert [q.speaker for q in extract_quotes(1, text)] == ["Ann Cole and Tom Reed"] * 2

