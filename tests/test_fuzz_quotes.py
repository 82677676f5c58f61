"""The quote ledger and the sentence splitter against text made of the pieces their rules read (marks, speech verbs,
clause openers, abbreviations, names): every text gives sentences and quotes, never an exception (Hypothesis, plus
the case it found)."""
from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from storywire.analyse.quotes import extract_quotes
from storywire.analyse.sentences import sentence_spans

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PIECES = ["Iowa.", "York.", "Corp.", "Inc.", "the car.", "His", "When", "After the mayor said",
          "But when Ann Cole said", ",", ", and Tom Hale would", "saying,", "\u201c", "\u201d", '"', "'",
          "she recalls him saying", "According to a former producer,", ":", "The woman, then 25,", "she said",
          "he said", "Ames", "Roger Ames", "another assistant", "Vanity Fair", "according to", "\u2014", "2,400",
          "says a doctor from Hebron", "he explains", "\n\n", "\n", "vs.", "p.m.", "et al.", "Even", "Mr.", "said", ".",
          "?", "!", "We will win"]


@FUZZ
@given(st.lists(st.sampled_from(PIECES), max_size=80).map(" ".join))
@example("\u201d says \" \u2014")  # a speaker phrase of marks alone: an IndexError once
def test_any_text_of_the_pieces_gives_sentences_and_quotes(text):
    spans = sentence_spans(text)
    assert all(0 <= start < end <= len(text) for _, start, end in spans)
    for q in extract_quotes(1, text):
        assert 0 <= q.position <= len(text) and q.text.strip()
