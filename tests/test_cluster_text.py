"""Text features that tell sibling events apart: dates mentioned in the text, numbers kept whole."""
from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from storywire.cluster.text import _WORD, date_marks, features

# 2024-02-06 is a Tuesday
TUE = datetime(2024, 2, 6, 15, 0, tzinfo=UTC)


def _dates(f) -> set[str]:
    return {k for k in f.entities if k.startswith(("d:", "m:"))}


def _numbers(f) -> set[str]:
    return {k for k in f.entities if k.startswith("#")}


def test_two_quakes_in_one_region_differ_and_a_later_report_of_the_same_quake_agrees():
    first = features("Magnitude 6.1 quake hits central Italy",
                     "A magnitude 6.1 earthquake struck central Italy on Feb. 4, killing 12 people and injuring "
                     "dozens near the town of Norcia, officials said.", datetime(2024, 2, 4, 22, tzinfo=UTC))
    next_day = features("Rescuers search rubble after Italy quake",
                        "Rescuers searched the rubble after the 6.1 earthquake that struck near Norcia "
                        "yesterday, leaving 12 dead.", datetime(2024, 2, 5, 9, tzinfo=UTC))
    sibling = features("Magnitude 5.4 quake shakes central Italy again",
                       "A magnitude 5.4 earthquake shook central Italy on Tuesday, killing 3 people near the town "
                       "of Amatrice, two days after the Norcia quake.", TUE)
    assert _dates(first) == _dates(next_day) == {"d:2024-02-04"}
    assert _dates(sibling) == {"d:2024-02-06"}
    assert {"#6.1", "#12"} <= _numbers(first) & _numbers(next_day)
    assert not _numbers(sibling) & {"#6.1", "#12"} and {"#5.4", "#3"} <= _numbers(sibling)
    assert "d:2024-02-04" in first.lead_entities  # a date in the lead names the event


def test_two_fights_of_one_boxer_keep_their_records_whole():
    a = features("Klitschko stops Rahman", "Wladimir Klitschko (52-3, 46 KOs) stopped Hasim Rahman (45-7-2).")
    b = features("Klitschko stops Thompson", "The champion Klitschko, 58 - 3 with 51 knockouts, stopped Thompson.")
    assert {"#52-3", "#45-7-2"} <= _numbers(a)
    assert "#58-3" in _numbers(b)
    assert not _numbers(a) & _numbers(b)  # "52-3" and "58-3" share no "#3"


@pytest.mark.parametrize("text, tokens", [
    ("52-3 and 45-7-2", ["52-3", "and", "45-7-2"]),
    ("won 3 – 1", ["won", "3 – 1"]),
    ("6.1 magnitude, 1,200 people, at 2:15", ["6.1", "magnitude", "1,200", "people", "at", "2:15"]),
    ("a 10-year-old, COVID-19", ["a", "10", "year-old", "COVID-19"]),
])
def test_tokens_of_numbers(text, tokens):
    assert _WORD.findall(text) == tokens


def test_number_keys_are_normalised():
    f = features("", "6.1 quake, 1,200 homeless, the 1990-91 season, 3–1 win, on 2008-12-09.")
    assert {"#6.1", "#1200", "#1990-91", "#3-1"} <= _numbers(f)
    assert _dates(f) == {"d:2008-12-09"}


@pytest.mark.parametrize("text", ["Feb. 4", "February 4, 2024", "4 February", "4th of February 2024",
                                  "Feb 4th", "on Sunday", "last Sunday", "Sunday's", "on Sunday night"])
def test_forms_of_one_date(text):
    pub = datetime(2024, 2, 5, 12, tzinfo=UTC)  # a Monday
    assert _dates(features("", f"The fight took place {text} in Bern.", pub)) == {"d:2024-02-04"}


@pytest.mark.parametrize("text, key", [
    ("yesterday", "d:2024-02-05"), ("Yesterday's", None), ("today", "d:2024-02-06"), ("tonight", "d:2024-02-06"),
    ("last night", "d:2024-02-05"), ("this morning", "d:2024-02-06"), ("on Tuesday", "d:2024-02-06"),
    ("last Tuesday", "d:2024-01-30"), ("next Monday", "d:2024-02-12"), ("on Wednesday", "d:2024-01-31"),
    ("Dec. 30", "d:2023-12-30"), ("March 11", "d:2024-03-11"), ("in March 2005", "m:2005-03"),
    ("Sept. 11, 2001", "d:2001-09-11"), ("in May", None), ("it may 5", None), ("at night", None),
    ("Feb. 30", None), ("on March 45", None),
])
def test_dates_are_read_against_the_articles_time(text, key):
    got = _dates(features("", f"He spoke {text} to reporters.", TUE))
    assert got == ({key} if key else set())


@pytest.mark.parametrize("text, key", [
    ("He will fight on Saturday in Bern.", "d:2024-02-10"), ("He'll fight on Saturday.", "d:2024-02-10"),
    ("The fight is scheduled for Saturday.", "d:2024-02-10"), ("The vote is due on Tuesday.", "d:2024-02-06"),
    ("The fight this Saturday is sold out.", "d:2024-02-10"), ("He fought on Saturday.", "d:2024-02-03"),
    ("He will not forget. On Saturday he lost.", "d:2024-02-03"), ("He will fight last Saturday's foe.",
                                                                   "d:2024-02-03"),
])
def test_a_weekday_after_words_of_what_is_to_come_is_the_next_one(text, key):
    """A preview ("will fight on Saturday") and a report ("fought on Saturday") of one fight name one day."""
    assert _dates(features("", text, TUE)) == {key}


def test_without_a_time_only_dates_with_a_year_count():
    f = features("", "On Tuesday, a year after the March 11, 2005 shooting (Dec. 6), he spoke yesterday.")
    assert _dates(f) == {"d:2005-03-11"}


def test_a_date_replaces_its_day_number_and_keeps_its_year():
    f = features("", "The quake of December 9, 2008 was the worst since 1980.")
    assert "d:2008-12-09" in f.entities and "#2008" in f.entities and "#9" not in f.entities


def test_dates_do_not_change_content_terms_or_shingles():
    text = "Rescuers searched the rubble on Tuesday after the quake struck yesterday near Norcia."
    with_time, without = features("Quake", text, TUE), features("Quake", text)
    assert with_time.body == without.body and with_time.title == without.title
    assert (with_time.shingles == without.shingles).all()


def test_date_marks_point_at_the_token_standing_for_the_date():
    toks = _WORD.findall("On Feb. 4, 2024 and 4 February, yesterday.")
    assert [(toks[i], k) for i, k in date_marks(toks, date(2024, 2, 6))] == [
        ("4", "d:2024-02-04"), ("4", "d:2024-02-04"), ("yesterday", "d:2024-02-05")]


def test_the_engine_drops_scikit_learns_stop_words_without_importing_it():
    """The engine's stop words are scikit-learn's English list (kept in storywire, so neither the engine
    nor its worker processes spend a second importing scikit-learn for it)."""
    import subprocess
    import sys

    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    from storywire.stop_words import ENGLISH_STOP_WORDS as ours

    assert ours == ENGLISH_STOP_WORDS
    f = features("Whereas the council herself voted", "Nevertheless the council voted yourselves thereafter.", TUE)
    assert "council" in f.body and not {"wherea", "whereas", "nevertheless", "thereafter"} & set(f.body)
    probe = "import sys, storywire.cluster.prepare; print('sklearn' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True).stdout.strip() == "False"
