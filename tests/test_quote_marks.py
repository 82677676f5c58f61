"""Articles that quote in single marks (Mail Online's style, detokenised corpora) have their quotes found and
credited as double-marked ones are; apostrophes, elisions and articles that quote in double marks are left alone."""
from __future__ import annotations

import pytest

from storywire.analyse.quote_marks import with_double_quotes
from storywire.analyse.quotes import extract_quotes


def ledger(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in extract_quotes(1, text, frozenset())]


@pytest.mark.parametrize("text, expected", [
    ("\u2018We will not raise taxes this year,\u2019 said Anna Berg, the finance minister.",
     [("We will not raise taxes this year", "Anna Berg")]),
    ("'We will not raise taxes this year,' said Anna Berg, the finance minister.",
     [("We will not raise taxes this year", "Anna Berg")]),
    ("Anna Berg, the finance minister, said: 'We won\u2019t raise taxes, and James' plan is dead.'",
     [("We won\u2019t raise taxes, and James' plan is dead.", "Anna Berg")]),
    ("Anna Berg was under pressure on Tuesday.\n\n\u2018We will not raise taxes this year,\u2019 she told MPs.",
     [("We will not raise taxes this year", "Anna Berg")]),
    ("Anna Berg said the workers\u2019 union had \u2018no right to strike this year\u2019 and left.",
     [("no right to strike this year", "Anna Berg")]),
    ("Councilman Jumaane Williams was there. \u2018 Tonight was a peaceful vigil that devolved into a riot, \u2019 he "
     "wrote. \u2018 The youth here don \u2019 t have outlets for their anger. \u2019",
     [("Tonight was a peaceful vigil that devolved into a riot. The youth here don \u2019 t have outlets for their "
       "anger.", "Jumaane Williams")]),
    # the Daily Mail (trafilatura-eval): a partial quote in straight marks, and a letter quoted over two paragraphs
    ("Chef Jamie Oliver called on the Prime Minister not to 'trade away our children's futures' in the talks, "
     "Oliver said.", [("trade away our children's futures", "Jamie Oliver")]),
    ("The letter was sent on Monday.\n\nThe letter \u2013 an edited version of which is reproduced above \u2013 warns "
     "Mr Johnson: 'If we don't get this right, progress could be wiped out.\n\n'Let's not enter a race to the "
     "bottom.'", [("If we don't get this right, progress could be wiped out.", "The letter"),
                  ("Let's not enter a race to the bottom.", "The letter")]),
])
def test_quotes_in_single_marks_are_found_and_credited(text: str, expected: list):
    assert ledger(text) == expected
    assert len(with_double_quotes(text)) == len(text)  # offsets into the article stay true


@pytest.mark.parametrize("text", [
    "Anna Berg loves rock 'n' roll and the music of the '90s. James' car is red and the workers\u2019 union met.",
    "\u201cWe will not raise \u2018taxes\u2019 this year,\u201d said Anna Berg.",  # double marks: singles are inner
    "Anna Berg said: \"It's the 'right' call.\" Then she left.",
])
def test_apostrophes_elisions_and_quotes_within_double_marks_are_left_alone(text: str):
    assert with_double_quotes(text) == text
