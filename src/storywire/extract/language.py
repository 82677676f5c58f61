"""The language of an article (ISO 639-1, e.g. "de"), as stated or else detected with py3langid.

A stated language (a record's ``language`` field) wins; a page's own declaration (``<html lang>``)
is only a hint, since templates often declare "en" on pages in German: it is used when the text is
too short to tell. Detection uses py3langid restricted to its two-letter (ISO 639-1) languages and
answers only when sure: at least MIN_LETTERS letters and a normalised probability of at least
MIN_CONFIDENCE. Measured on the trafilatura evaluation pages (mostly German), body texts agree with
the page's declaration 865 of 904 times, and the 39 disagreements are pages declaring "en" over German
text (confidence 1.0); on their titles alone (a headline's length), 0.9 leaves 4% of the answers
differing from the page's declaration and gives None for about half. "Macron to meet Putin in Moscow"
scores 0.37, so it stays None rather than a guess; "Erdbeben in der Türkei" scores 0.98, "de".
"""
from __future__ import annotations

import re
import threading
from functools import cache

MIN_LETTERS = 20
MIN_CONFIDENCE = 0.9
SAMPLE_CHARS = 600  # the start is enough (same answer as 3,000 on 400 of 400 pages of the extraction set), 5x faster
_lock = threading.Lock()
_THREE = {"deu": "de", "ger": "de", "eng": "en", "fra": "fr", "fre": "fr", "spa": "es", "ita": "it",
          "por": "pt", "nld": "nl", "dut": "nl", "rus": "ru", "pol": "pl", "ukr": "uk", "tur": "tr",
          "ara": "ar", "zho": "zh", "chi": "zh", "jpn": "ja", "kor": "ko", "swe": "sv", "nor": "no",
          "dan": "da", "fin": "fi", "ces": "cs", "cze": "cs", "ell": "el", "gre": "el", "hun": "hu",
          "ron": "ro", "rum": "ro", "heb": "he", "hin": "hi", "cat": "ca"}


def iso_code(value: str | None) -> str | None:
    """A language tag ("de-CH", "pt_BR", "fra") as its ISO 639-1 code ("de", "pt", "fr"), else None."""
    if not value:
        return None
    m = re.fullmatch(r"\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8}){0,2}\s*", value)
    if not m:
        return None
    code = m.group(1).lower()
    return code if len(code) == 2 else _THREE.get(code)


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages([code for code in ident.labels if len(code) == 2])
    return ident


def detect(text: str) -> str | None:
    """The language of ``text`` when py3langid is sure of it, else None (too short, or unclear)."""
    sample = text[:SAMPLE_CHARS]
    if sum(c.isalpha() for c in sample) < MIN_LETTERS:
        return None
    with _lock:  # loaded once (about 2 s), on first use
        ident = _identifier()
    code, confidence = ident.classify(sample)
    return code if confidence >= MIN_CONFIDENCE and len(code) == 2 else None


def language_of(stated: str | None, declared: str | None, title: str | None, text: str) -> str | None:
    """The stated language, else the detected one, else the page's declaration; None when none is known."""
    code = iso_code(stated)
    if code:
        return code
    found = detect("\n".join(t for t in (title, text) if t))
    return found or iso_code(declared)
