"""Quote attribution that never credits the wrong person: sentences written after the error classes of held-out
pages (a quote joined to one it does not go on from, a speaker introduced after the quote, a pronoun two people fit).
Each row: a text, words of one quote, the speaker it must get (None: it stays unattributed)."""
from __future__ import annotations

import pytest

from storywire.analyse.quotes import Quote, extract_quotes


def quote(text: str, words: str) -> Quote:
    found = [q for q in extract_quotes(1, text) if words in q.text]
    assert len(found) == 1, [(q.text, q.speaker) for q in extract_quotes(1, text)]
    return found[0]


def speaker_of(text: str, words: str) -> str | None:
    """The speaker of the quote holding ``words``; None when it is unattributed or not listed (a short quote
    with no speaker is a scare quote)."""
    found = [q for q in extract_quotes(1, text) if words in q.text]
    assert len(found) <= 1, [(q.text, q.speaker) for q in found]
    return found[0].speaker if found else None


JOINS = [
    # titles not listed between two quotes outside any attribution: the second is not the first one's
    ("Tom Reed made his first costumes at home (\u201ccheap ones,\u201d he writes, \u201csewn from curtains\u201d). "
     "He advertised the shows with posters reading \u201cREED IS HERE\u201d and \u201cREED IS BACK,\u201d which he "
     "taped to poles. \u201cI have never met anyone in my life as driven as Tom.\u201d", "never met anyone", None),
    ("Tom Reed hosts seven versions of the show. \u201cAfter the parties ended,\u201d he writes, \u201cI knew it was "
     "nonsense.\u201d The show, a pastiche of \u201cStar Search,\u201d tests its players (testing \u201ccharisma, "
     "nerve, and talent\u201d as the acronym goes).", "charisma, nerve", None),
    # a sentence of someone else speaking between two quotes: the second is that person's
    ("Outside court, Fowler said Kirk is \" not doing very well. '' \"He is cold and he can not sleep. '' \"He is "
     "presumed innocent and should be treated better. '' Lon Wood, a neighbour who knew the family, said he met "
     "them years ago. \"They are a very close family. ''", "very close family", "Lon Wood"),
    ("Outside court, Fowler said Kirk is \" not doing very well. '' \"He is cold and he can not sleep. '' \"He is "
     "presumed innocent and should be treated better. '' Lon Wood, a neighbour who knew the family, said he met "
     "them years ago. \"They are a very close family. ''", "presumed innocent", "Fowler"),
    # a quote opening a sentence after sentences naming no one goes on from the one before
    ("\u201cI would not call it a shelter,\u201d Tom Reed said. But it is built to withstand a storm. \u201cIt is a "
     "lot of concrete and a lot of steel.\u201d", "lot of concrete", "Tom Reed"),
    # a quote not listed inside the attribution's sentence does not stop the next quote going on
    ("\u201cEvery voter who chose \u2018Uncommitted\u2019 spoke for the city today,\u201d said Ali Hassan, the mayor "
     "of Dearborn, where the \u201cUncommitted\u201d option led by a wide margin. \u201cToday, thousands said "
     "enough. We have made our voices heard.\u201d", "thousands said enough", "Ali Hassan"),
]


@pytest.mark.parametrize("text, words, speaker", JOINS)
def test_a_quote_goes_on_only_from_the_quote_it_follows(text: str, words: str, speaker: str | None):
    assert speaker_of(text, words) == speaker
