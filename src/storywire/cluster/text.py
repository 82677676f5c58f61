"""Cheap text features for clustering: content terms, entity-like terms, numbers, word shingles.

Everything here is plain Python over regular expressions (no spaCy): the engine must handle
hundreds of articles a second. Entity-like terms are capitalised token sequences (not sentence-
initial function words), acronyms and numbers; they stand in for named entities, dates and places,
which matter most for telling apart two events of the same kind.
"""
from __future__ import annotations

import math
import re
import zlib
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from itertools import compress, filterfalse
from typing import Any, cast

import numpy as np
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
# A word: a letter, then word characters and inner ' ’ & - (ending on a word character), then
# ".abc" for abbreviations like "U.S"; a number; or a sentence end. (The lookbehind form runs 20%
# faster than the equivalent "(?:[...]*\w)?" and finds the same tokens.)
_WORD = re.compile(r"[^\W\d_][\w'’&-]*(?<=\w)(?:\.(?=\w)\w+)?|\d[\d,.:]*\d|\d|[.!?]")
_SENT = frozenset(".!?")


@dataclass(frozen=True)
class TextFeatures:
    """Features of one article: term counts of title and body, entity counts, shingle hashes."""

    title: dict[str, int]
    body: dict[str, int]
    entities: dict[str, int]
    lead_entities: frozenset[str]  # entity terms of the title and the lead
    shingles: np.ndarray  # distinct hashes (uint32) of the body's word 5-shingles


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
_wordfreq: Any = None  # wordfreq.word_frequency once imported; False: wordfreq is not installed


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
    forms: tuple[str, ...]
    if term.startswith("e:"):
        forms = (term[3:] if term.startswith("e:#") else term[2:],)
    else:
        forms = (term, term + "e", term + "s", term + "ing", term + "ed")
    f = 0.0
    for q in forms:
        try:
            got = _plain_frequency(q) if _PLAIN.match(q) else None
            f = max(f, float(_wordfreq(q, "en") if got is None else got))
        except Exception:  # noqa: BLE001 - odd input to wordfreq's tokenizer: treat as unknown
            pass
    if len(_freq_cache) > 500_000:
        _freq_cache.clear()
    _freq_cache[term] = f
    return f


# Lower-case ASCII words (and phrases of them): wordfreq's tokenizer returns them unchanged, so
# their frequency is a dictionary look-up plus wordfreq's own arithmetic, done here without the
# tokenizer (which costs ~50 us a call; a stream brings a few new terms an article). Same value as
# ``wordfreq.word_frequency(q, "en")`` (checked against the library on 53,000 words and phrases of its
# English list; anything else still goes through the library).
_PLAIN = re.compile(r"[a-z]+(?: [a-z]+)*\Z")
_freq_dict: dict[str, float] | None = None


def _plain_frequency(q: str) -> float | None:
    """wordfreq's frequency of a lower-case ASCII word/phrase; None when wordfreq is unavailable."""
    global _freq_dict
    if _freq_dict is None:
        try:
            from wordfreq import get_frequency_dict
            _freq_dict = get_frequency_dict("en", "best")
        except Exception:  # noqa: BLE001 - no wordfreq data: use the library call (or nothing)
            _freq_dict = {}
    if not _freq_dict:
        return None
    one_over = 0.0
    for tok in q.split(" "):
        freq = _freq_dict.get(tok)
        if freq is None:
            return 0.0
        one_over += 1.0 / freq
    freq = 1.0 / one_over
    return round(freq, math.floor(-math.log(freq, 10)) + 3)


def _norm_number(tok: str) -> str:
    return tok.replace(",", "").rstrip(".:")


# token -> how entity_terms treats it: (0,) sentence end; (1, "#number" or "") number;
# (2, lower-case form, may start an entity) capitalised; (3,) anything else. Pure functions of
# the token, cached so the per-token loop does no string work for tokens seen before.
_ent_tok: dict[str, tuple] = {}
_SENT_INFO = (0,)
_OTHER_INFO = (3,)


def _ent_info(tok: str) -> tuple:
    first = tok[0]
    if first in _SENT:
        info: tuple = _SENT_INFO
    elif first.isdigit():
        n = _norm_number(tok)
        info = (1, "#" + n if n else "")
    elif first.isupper():
        clean = tok.replace("’", "'")
        if clean.endswith("'s"):
            clean = clean[:-2]
        low = clean.lower()
        ok = (len(clean) > 1 and low not in _CAP_STOP and low.replace("'", "") not in _CAP_STOP
              and "'" not in low[1:-1])
        info = (2, low, ok, low[0].islower())
    else:
        info = _OTHER_INFO
    if len(_ent_tok) > 500_000:
        _ent_tok.clear()
    _ent_tok[tok] = info
    return info


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
    tokset: set[str] | None = None  # built only when a sentence starts with a capitalised word
    start = True
    cache_get = _ent_tok.get

    def flush() -> None:
        if run:
            n = len(out)
            if len(run) > 1:
                out.append(" ".join(run))
            out.extend(run)
            if run_start < lead:
                in_lead.update(out[n:])
            run.clear()

    cached = list(map(cache_get, tokens))
    infos = [info or _ent_info(tok) for tok, info in zip(tokens, cached, strict=True)] if None in cached \
        else cast(list[tuple], cached)
    # Plain lower-case words (most tokens) only end a run and a sentence start: visit the other
    # tokens, and apply that effect when a gap shows some were skipped.
    prev = -1
    for i in compress(range(len(infos)), map(_OTHER_INFO.__ne__, infos)):
        if i != prev + 1:
            if run:
                flush()
            start = False
        prev = i
        info = infos[i]
        kind = info[0]
        if kind == 2:
            ok = info[2]
            if ok and start:
                # "a sentence-initial word that also occurs in lower case": the lower-case form is
                # itself a token of the text (and starts with a lower-case letter)
                if tokset is None:
                    tokset = set(tokens)
                ok = not (info[3] and info[1] in tokset)
            if ok:
                if not run:
                    run_start = i
                run.append(info[1])
            elif run:
                flush()
            start = False
        elif kind == 0:
            if run:
                flush()
            start = True
        else:  # a number
            if run:
                flush()
            n = info[1]
            if n:
                out.append(n)
                if i < lead:
                    in_lead.add(n)
            start = False
    flush()
    return out, in_lead


_tok_hash: dict[str, int] = {}


def shingle_hashes(words: list[str], k: int = 5) -> np.ndarray:
    """Distinct 32-bit hashes of the word k-shingles (one hash for a text shorter than k words)."""
    if not words:
        return np.zeros(0, dtype=np.uint32)
    cache = _tok_hash
    if len(cache) > 500_000:
        cache.clear()
    try:
        h = np.fromiter(map(cache.__getitem__, words), dtype=np.uint64, count=len(words))
    except KeyError:
        for w in set(words).difference(cache):
            cache[w] = zlib.crc32(w.encode()) | 1
        h = np.fromiter(map(cache.__getitem__, words), dtype=np.uint64, count=len(words))
    if len(h) < k:
        k = len(h)
    m = len(h) - k + 1
    acc = np.zeros(m, dtype=np.uint64)
    for j in range(k):
        acc = acc * np.uint64(0x01000193) + h[j:j + m]
    acc ^= acc >> np.uint64(29)
    return sorted_unique((acc & np.uint64(0xFFFFFFFF)).astype(np.uint32))


def sorted_unique(arr: np.ndarray) -> np.ndarray:
    """``np.unique`` for a small 1-d array (sort + mask: several times faster than numpy 2's hash path)."""
    if arr.size < 2:
        return arr.copy()
    a = np.sort(arr)
    keep = np.empty(a.size, dtype=bool)
    keep[0] = True
    np.not_equal(a[1:], a[:-1], out=keep[1:])
    return a[keep]


def features(title: str, text: str, published: datetime | None = None, lead_words: int = 60) -> TextFeatures:
    """Terms of the title+lead and of the body, entity terms (and those of the lead), shingles.

    ``published``: the article's time (None: undated), to read the dates it mentions against.

    ``title`` counts include the first ``lead_words`` words of the body: news leads name the event.
    Every token is normalised once per distinct token (a dict per article), and the counting is
    done by ``Counter`` (C), in first-occurrence order like a plain loop would.
    """
    title_toks = _WORD.findall(title or "")
    body_toks = _WORD.findall(text or "")
    all_toks = title_toks + body_toks
    distinct = list(dict.fromkeys(all_toks))
    conv = dict(zip(distinct, map(_stem_cache.get, distinct), strict=True))
    if None in conv.values():
        for tok, c in conv.items():
            if c is None:
                conv[tok] = _content(tok)
    to_term = conv.__getitem__
    title_terms = dict(Counter(filter(None, map(to_term, title_toks + body_toks[:lead_words]))))
    body_terms = dict(Counter(filter(None, map(to_term, all_toks))))
    tents, _ = entity_terms(title_toks)
    bents, lead = entity_terms(body_toks, lead_words)
    ents = Counter(tents)
    ents.update(bents)
    lead.update(tents)
    # Duplicates are judged on the body (outlets rewrite headlines); a title-only item uses its title.
    src = body_toks if len(body_toks) >= 20 else all_toks
    lower = dict(zip(distinct, map(str.lower, distinct), strict=True)).__getitem__
    words = list(map(lower, filterfalse(_SENT.__contains__, src)))
    return TextFeatures(title_terms, body_terms, dict(ents), frozenset(lead), shingle_hashes(words))
