"""Common ways news English attributes a quote, each with the speaker a reader takes from it: one case per
construction (the speaker before or after, an apposition, a place in two parts, a pronoun, a description,
a document, a quote running over paragraphs)."""
from __future__ import annotations

import pytest

from storywire.analyse.quotes import extract_quotes

CASES = [
    ("Ann Cole, 45, of Springfield, Ill., said the plan was \u201ca disaster for every "
     "tenant in town.\u201d",
     "Ann Cole", "a disaster for every tena"),
    ("\u201cWe will appeal the ruling immediately,\u201d said Ann Cole, a spokeswoman "
     "for the agency, in a statement.",
     "Ann Cole", "We will appeal the ruling"),
    ("\u201cWe will appeal the ruling immediately,\u201d Ann Cole said Tuesday in an "
     "interview with The Associated Press.",
     "Ann Cole", "We will appeal the ruling"),
    ("In a statement, Ann Cole said: \u201cWe will appeal the ruling immediately.\u201d",
     "Ann Cole", "We will appeal the ruling"),
    ("According to Ann Cole, the plan is \u201ca disaster for every tenant in "
     "town.\u201d",
     "Ann Cole", "a disaster for every tena"),
    ("Ann Cole told reporters: \u201cWe will appeal the ruling immediately.\u201d",
     "Ann Cole", "We will appeal the ruling"),
    ("\u201cWe will appeal the ruling immediately,\u201d Ann Cole wrote on Twitter.",
     "Ann Cole", "We will appeal the ruling"),
    ("\u201cWe will appeal the ruling immediately,\u201d said a woman, who declined to "
     "give her last name.",
     "a woman", "We will appeal the ruling"),
    ("\u201cWe will appeal the ruling immediately,\u201d added Ann Cole, the "
     "company\u2019s chief executive.",
     "Ann Cole", "We will appeal the ruling"),
    ("Asked whether the city would appeal, Ann Cole said: \u201cWe will appeal the "
     "ruling immediately.\u201d",
     "Ann Cole", "We will appeal the ruling"),
    ("\u201cWe will appeal the ruling,\u201d Ann Cole said, adding: \u201cIt is not "
     "over yet for any of us.\u201d",
     "Ann Cole", "We will appeal the ruling"),
    ("Speaking at a news conference, Ann Cole said: \u201cWe will appeal the ruling "
     "immediately.\u201d",
     "Ann Cole", "We will appeal the ruling"),
    ("Ann Cole, the mayor of Springfield, said in a tweet that the city was \u201cready "
     "for every storm ahead.\u201d",
     "Ann Cole", "ready for every storm ahe"),
    ("\u201cWe will appeal the ruling immediately,\u201d said Ann Cole of Springfield.",
     "Ann Cole", "We will appeal the ruling"),
    ("\u201cWe will appeal the ruling immediately,\u201d says Ann Cole, 32, a teacher "
     "from Leeds.",
     "Ann Cole", "We will appeal the ruling"),
    ("\u201cWe will appeal the ruling immediately,\u201d the governor\u2019s spokesman, "
     "Tom Reed, said.",
     "Tom Reed", "We will appeal the ruling"),
    ("The White House spokesman Tom Reed said: \u201cWe will appeal the ruling "
     "immediately.\u201d",
     "Tom Reed", "We will appeal the ruling"),
    ("\u201cThe virus is spreading faster than we feared,\u201d Dr. Ann Cole, an "
     "epidemiologist at Emory University, told CNN.",
     "Ann Cole", "The virus is spreading fa"),
    ("Sen. Ann Cole, R-Texas, said the bill was \u201ca disaster for every family in "
     "the state.\u201d",
     "Ann Cole", "a disaster for every fami"),
    ("\u201cWe will appeal the ruling immediately,\u201d Ann Cole, of Houston, Texas, "
     "said.",
     "Ann Cole", "We will appeal the ruling"),
    ("Ann Cole, a Democrat from Ohio, said the bill was \u201ca disaster for every "
     "family in the state.\u201d",
     "Ann Cole", "a disaster for every fami"),
    ("Ann Cole \u2014 who has led the agency since 2019 \u2014 said the plan was "
     "\u201ca disaster for every tenant.\u201d",
     "Ann Cole", "a disaster for every tena"),
    ("\u201cWe will appeal the ruling immediately,\u201d Ann Cole, the mayor, told "
     "reporters outside City Hall on Monday.",
     "Ann Cole", "We will appeal the ruling"),
    ("Tom Reed, the mayor of Springfield, Ill., told reporters the city was \u201cready "
     "for every storm ahead.\u201d",
     "Tom Reed", "ready for every storm ahe"),
    ("\u201cWe will appeal the ruling immediately,\u201d said Tom Reed, president of "
     "the Springfield, Ill., chapter.",
     "Tom Reed", "We will appeal the ruling"),
    ("\u201cWe will appeal,\u201d Tom Reed, 51, a farmer in Ames, Iowa, said on Sunday.",
     "Tom Reed", "We will appeal"),
    ("Tom Reed, a farmer in Ames, Iowa, who has grown corn for 30 years, said the "
     "drought was \u201cthe worst I have seen.\u201d",
     "Tom Reed", "the worst I have seen."),
    ("\u201cIt is the worst drought I have seen,\u201d said Tom Reed, who farms near "
     "Ames, Iowa.",
     "Tom Reed", "It is the worst drought I"),
    ("Officials in Paris, France, said the fire was \u201cunder control by the early evening.\u201d",
     "Officials in Paris", "under control by the earl"),
    ("\u201cThe fire was under control by the early evening,\u201d a spokesman for the "
     "Paris fire brigade said.",
     "a spokesman for the Paris fire brigade", "The fire was under contro"),
    ("Ann Cole has run the shelter since 2010.\n\n\u201cWe never turn anyone away from "
     "this door,\u201d she said.",
     "Ann Cole", "never turn"),
    ("Tom Reed and Ann Cole met on Monday at the shelter. \u201cIt went better than any "
     "of us expected,\u201d she said.",
     "Ann Cole", "went better"),
    ("\u201cWe never turn anyone away from this door,\u201d Cole said. \u201cNot once "
     "in ten years of work.\u201d",
     "Cole", "Not once"),
    ("Ann Cole runs the shelter.\n\n\u201cWe never turn anyone away from this "
     "door.\n\n\u201cNot once in ten years of work,\u201d Cole said.",
     "Ann Cole", "never turn"),
    ("The senator, Ann Cole, spoke after the vote. She said:\n\n\u201cWe never turn "
     "anyone away from this door.\u201d",
     "Ann Cole", "never turn"),
    ("Ann Cole, 45, was hurt in the crash. \u201cI thought I would never walk "
     "again,\u201d the 45-year-old said.",
     "Ann Cole", "never walk"),
    ("Acme Corp. cut 300 jobs on Monday. \u201cThese decisions are never easy for "
     "us,\u201d the company said in a statement.",
     "Acme Corp.", "never easy"),
    ("Tom Reed spoke on Monday. \u201cThese decisions are never easy for us,\u201d Mr. "
     "Reed said.",
     "Tom Reed", "never easy"),
    ("Tom Reed spoke on Monday. \u201cThese decisions are never easy for us,\u201d "
     "Reed, a Republican, said.",
     "Tom Reed", "never easy"),
    ("Tom Reed spoke on Monday. \u201cThese decisions are never easy for us.\u201d Reed "
     "said.",
     "Tom Reed", "never easy"),
    ("Tom Reed spoke on Monday. \u201cWhy would we ever do that to our own "
     "voters?\u201d Reed asked.",
     "Tom Reed", "Why would"),
    ("Tom Reed tweeted: \u201cThese decisions are never easy for us.\u201d",
     "Tom Reed", "never easy"),
    ("\u201cThese decisions are never easy for us,\u201d Tom Reed told The New York "
     "Times.",
     "Tom Reed", "never easy"),
    ("\u201cThese decisions are never easy for us,\u201d said Tom Reed, whose son was "
     "killed in the crash.",
     "Tom Reed", "never easy"),
    ("In an interview, Tom Reed, who has served two terms, said he was \u201cproud of "
     "every vote I cast in office.\u201d",
     "Tom Reed", "proud of every"),
    ("Reed\u2019s lawyer, Ann Cole, said in a statement that her client was "
     "\u201cinnocent of every single charge.\u201d",
     "Ann Cole", "innocent of every"),
    ("\u201cThe suspect should be considered armed and dangerous,\u201d according to a "
     "statement from the Springfield Police Department.",
     "Springfield Police Department", "armed and dangerous"),
    ("Tom Reed was not at home. \u201cHe left before dawn for the harbour,\u201d said "
     "Reed\u2019s wife, Ann.",
     "Ann", "left before dawn"),
    ("Tom Reed was not at home. \u201cHe left before dawn for the harbour,\u201d his "
     "wife said.",
     "his wife", "left before dawn"),
    ("\u201cThese decisions are never easy for us,\u201d Reed said of the cuts, which "
     "take effect in May.",
     "Reed", "never easy"),
    ("Tom Reed, the chief executive, defended the cuts. \u201cThese decisions are never "
     "easy for us,\u201d he told staff in an email.",
     "Tom Reed", "never easy"),
    ("Tom Reed defended the cuts. In an email to staff, he wrote: \u201cThese decisions "
     "are never easy for us.\u201d",
     "Tom Reed", "never easy"),
    ("Tom Reed defended the cuts.\n\n\u201cThese decisions are never easy for us. We "
     "owe our staff the truth.\u201d\n\nAnn Cole, a union leader, disagreed.",
     "Tom Reed", "never easy"),
    ("\u201cThese decisions are never easy for us,\u201d said Tom Reed. Ann Cole, a "
     "union leader, disagreed: \u201cThey were easy for him.\u201d",
     "Ann Cole", "easy for him"),
    ("Police said the man was \u201carmed and dangerous\u201d when he fled the scene on "
     "foot.",
     "Police", "armed and dangerous"),
    ("Tom Reed called the ruling \u201ca victory for every family in this state.\u201d",
     "Tom Reed", "victory for every"),
    ("Tom Reed described the cuts as \u201cpainful but necessary for the company.\u201d",
     "Tom Reed", "painful but"),
    ("Tom Reed, who called the cuts \u201cpainful but necessary for the company,\u201d "
     "resigned on Friday.",
     "Tom Reed", "painful but"),
    ("The cuts were \u201cpainful but necessary for the company,\u201d Tom Reed said.",
     "Tom Reed", "painful but"),
    ("\u201cThese decisions,\u201d Tom Reed said, \u201care never easy for any of "
     "us.\u201d",
     "Tom Reed", "never easy"),
]


@pytest.mark.parametrize(("text", "speaker", "words"), CASES)
def test_the_speaker_of_a_common_construction(text: str, speaker: str, words: str) -> None:
    (found,) = [q for q in extract_quotes(1, text) if words in q.text]
    assert found.speaker == speaker or speaker.split()[-1].lower() in (found.speaker or "").lower().split()
