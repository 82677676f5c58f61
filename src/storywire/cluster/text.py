"""Cheap text features for clustering: content terms, entity-like terms, numbers, word shingles.

Everything here is plain Python over regular expressions (no spaCy): the engine must handle
hundreds of articles a second. Entity-like terms are capitalised token sequences (not sentence-
initial function words), acronyms and numbers; they stand in for named entities, dates and places,
which matter most for telling apart two events of the same kind.
"""
from __future__ import annotations

import re
import zlib

import numpy as np
from collections import Counter
from dataclasses import dataclass

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

# Words that say nothing about which event an article reports (news boilerplate, reporting verbs,
# calendar words) on top of scikit-learn's English stop words.
_EXTRA_STOP = set("""
said says say saying told tells tell according reported reports report reporting added adds including
also just like would could should may might will can one two three four five first second last new
year years month months week weeks day days today yesterday tomorrow time times people man woman men
women percent per cent mr mrs ms dr st news update updated story stories article read click share
image photo video getty ap reuters afp copyright rights reserved am pm gmt et est pst utc
monday tuesday wednesday thursday friday saturday sunday
january february march april june july august september october november december jan feb mar apr
jun jul aug sep sept oct nov dec
""".split())
STOP = frozenset(ENGLISH_STOP_WORDS) | frozenset(_EXTRA_STOP)

# Capitalised words never worth keeping as an entity on their own.
_CAP_STOP = STOP | frozenset("""
breaking exclusive watch live police officials official government president minister state city im ive
id ill youre hes shes theyre weve dont cant wont isnt
""".split())

# Words, numbers, and sentence ends ("." "!" "?" as their own tokens, for the entity heuristic).
_WORD = re.compile(r"[^\W\d_](?:[\w'’&-]*\w)?(?:\.(?=\w))?(?:\w+)?|\d[\d,.:]*\d|\d|[.!?]", re.UNICODE)
_SENT = frozenset(".!?")


@dataclass(frozen=True)
class TextFeatures:
    """Features of one article: term counts of title and body, entity counts, shingle hashes."""

    title: dict[str, int]
    body: dict[str, int]
    entities: dict[str, int]
    lead_entities: frozenset[str]  # entity terms of the title and the lead
    shingles: np.ndarray  # distinct hashes (uint32) of the body's word 5-shingles
    n_words: int


def stem(word: str) -> str:
    """A very light English stemmer: plural and a few verb endings (only ever compared with itself)."""
    if len(word) > 4:
        if word.endswith("ies"):
            return word[:-3] + "y"
        if word.endswith("es") and word[-3] in "sxz":
            return word[:-2]
        if word.endswith("s") and not word.endswith(("ss", "us", "is")):
            return word[:-1]
        if word.endswith("ing") and len(word) > 6:
            return word[:-3]
        if word.endswith("ed") and len(word) > 5:
            return word[:-2]
    return word


_stem_cache: dict[str, str] = {}


def _content(word: str) -> str:
    """Normal form of a content word, "" for a stop word or noise."""
    got = _stem_cache.get(word)
    if got is not None:
        return got
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.replace("'", "").replace(".", "").strip("-&")
    out = "" if (len(w) < 2 or w in STOP or w[0].isdigit()) else stem(w)
    if len(_stem_cache) > 500_000:
        _stem_cache.clear()
    _stem_cache[word] = out
    return out


_freq_cache: dict[str, float] = {}
_wordfreq = None


def background_frequency(term: str) -> float:
    """How often ``term`` (a content stem, or "e:" + an entity term) occurs in general English text.

    From the ``wordfreq`` package (frequencies per word, data shipped inside the package, no
    network). A stem is looked up as the most frequent of itself and its usual surface forms
    ("arriv" -> "arrive", "arriving"), so the value never depends on what the process saw before;
    numbers by their digits, multi-word entities as phrases. 0.0 for unknown words (and when
    ``wordfreq`` is not installed: the engine then relies on the stream's own frequencies alone).
    """
    got = _freq_cache.get(term)
    if got is not None:
        return got
    global _wordfreq
    if _wordfreq is None:
        try:
            import wordfreq
            _wordfreq = wordfreq.word_frequency
        except ImportError:  # pragma: no cover - wordfreq is a dependency; degrade, do not fail
            _wordfreq = False
    if not _wordfreq:
        return 0.0
    if term.startswith("e:"):
        forms = (term[3:] if term.startswith("e:#") else term[2:],)
    else:
        forms = (term, term + "e", term + "s", term + "ing", term + "ed")
    f = 0.0
    for q in forms:
        try:
            f = max(f, float(_wordfreq(q, "en")))
        except Exception:  # noqa: BLE001 - odd input to wordfreq's tokenizer: treat as unknown
            pass
    if len(_freq_cache) > 500_000:
        _freq_cache.clear()
    _freq_cache[term] = f
    return f


def _norm_number(tok: str) -> str:
    return tok.replace(",", "").rstrip(".:")


def entity_terms(tokens: list[str], lead: int = 0) -> tuple[list[str], set[str]]:
    """Entity-like terms of a token list, and those that start in the first ``lead`` tokens.

    Capitalised sequences (whole and by word), acronyms, numbers ("#" prefix). A sequence is broken
    at stop words ("The", "On", "Saturday"), so "Saturday Tony Thompson" gives "tony thompson",
    "tony", "thompson"; a sentence-initial word that also occurs in lower case is a common word.
    """
    out: list[str] = []
    in_lead: set[str] = set()
    run: list[str] = []
    run_start = 0
    lower_seen = {t for t in tokens if t[0].islower()}
    start = True

    def flush() -> None:
        if run:
            n = len(out)
            if len(run) > 1:
                out.append(" ".join(run))
            out.extend(run)
            if run_start < lead:
                in_lead.update(out[n:])
            run.clear()

    for i, tok in enumerate(tokens):
        first = tok[0]
        if first in _SENT:
            flush()
            start = True
            continue
        if first.isdigit():
            flush()
            n = _norm_number(tok)
            if n:
                out.append("#" + n)
                if i < lead:
                    in_lead.add("#" + n)
        elif first.isupper():
            clean = tok.replace("’", "'")
            if clean.endswith("'s"):
                clean = clean[:-2]
            low = clean.lower()
            if len(clean) > 1 and low not in _CAP_STOP and low.replace("'", "") not in _CAP_STOP \
                    and "'" not in low[1:-1] and not (start and low in lower_seen):
                if not run:
                    run_start = i
                run.append(low)
            else:
                flush()
        else:
            flush()
        start = False
    flush()
    return out, in_lead


_tok_hash: dict[str, int] = {}
_P = np.array([1, 0x01000193, 0x01000193 ** 2 % (1 << 64), 0x01000193 ** 3 % (1 << 64), 0x01000193 ** 4 % (1 << 64)],
              dtype=np.uint64)


def shingle_hashes(words: list[str], k: int = 5) -> np.ndarray:
    """Distinct 32-bit hashes of the word k-shingles (one hash for a text shorter than k words)."""
    if not words:
        return np.zeros(0, dtype=np.uint32)
    cache = _tok_hash
    if len(cache) > 500_000:
        cache.clear()
    h = np.fromiter((cache.get(w) or cache.setdefault(w, zlib.crc32(w.encode()) | 1) for w in words),
                    dtype=np.uint64, count=len(words))
    if len(h) < k:
        k = len(h)
    m = len(h) - k + 1
    acc = np.zeros(m, dtype=np.uint64)
    for j in range(k):
        acc = acc * np.uint64(0x01000193) + h[j:j + m]
    acc ^= acc >> np.uint64(29)
    return np.unique((acc & np.uint64(0xFFFFFFFF)).astype(np.uint32))


def features(title: str, text: str, lead_words: int = 60) -> TextFeatures:
    """Terms of the title+lead and of the body, entity terms (and those of the lead), shingles.

    ``title`` counts include the first ``lead_words`` words of the body: news leads name the event.
    """
    title_toks = _WORD.findall(title or "")
    body_toks = _WORD.findall(text or "")
    title_terms: dict[str, int] = {}
    body_terms: dict[str, int] = {}
    for tok in title_toks:
        c = _content(tok)
        if c:
            title_terms[c] = title_terms.get(c, 0) + 1
    for tok in body_toks[:lead_words]:
        c = _content(tok)
        if c:
            title_terms[c] = title_terms.get(c, 0) + 1
    for tok, n in Counter(title_toks + body_toks).items():
        c = _content(tok)
        if c:
            body_terms[c] = body_terms.get(c, 0) + n
    tents, _ = entity_terms(title_toks)
    bents, lead = entity_terms(body_toks, lead_words)
    ents = Counter(tents)
    ents.update(bents)
    lead.update(tents)
    # Duplicates are judged on the body (outlets rewrite headlines); a title-only item uses its title.
    words = [t.lower() for t in (body_toks if len(body_toks) >= 20 else title_toks + body_toks) if t[0] not in _SENT]
    return TextFeatures(title_terms, body_terms, dict(ents), frozenset(lead), shingle_hashes(words), len(words))
