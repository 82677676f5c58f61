"""Cheap text features for clustering: content terms, entity-like terms, numbers, word shingles.

Everything here is plain Python over regular expressions (no spaCy): the engine must handle
hundreds of articles a second. Entity-like terms are capitalised token sequences (not sentence-
initial function words), acronyms, numbers (a record or score such as "52-3" as one) and the dates
the text mentions, normalised against the article's time ("on Tuesday" -> "d:2024-02-06"); they stand
in for named entities, dates and places, which matter most for telling apart two events of the same kind.
"""
from __future__ import annotations

import math
import re
import zlib
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import compress, filterfalse
from typing import Any, cast

import numpy as np

from ..stop_words import ENGLISH_STOP_WORDS

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
# ".abc" for abbreviations like "U.S"; numbers joined by dashes (a record "52-3", a score "3 – 1", a
# season "1990-91", an ISO date: one token); a number; or a sentence end. (The lookbehind form runs
# 20% faster than the equivalent "(?:[...]*\w)?" and finds the same tokens.)
_WORD = re.compile(r"[^\W\d_][\w'’&-]*(?<=\w)(?:\.(?=\w)\w+)?|\d{1,4}(?: ?[-–] ?\d{1,4})+\b|\d[\d,.:]*\d|\d|[.!?]")
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
    """The entity key of a number token: "#1200" of "1,200", "#58-3" of "58 - 3" or "58–3" (a record or a
    score stays one key), a date key of "2008-12-09"."""
    n = tok.replace(",", "").rstrip(".:")
    if " " in n or "–" in n:
        n = n.replace(" ", "").replace("–", "-")
    if len(n) == 10 and n[4] == "-" and n[7] == "-":  # ISO date
        try:
            return date_key(date(int(n[:4]), int(n[5:7]), int(n[8:])))
        except ValueError:
            pass
    return "#" + n


# token -> how entity_terms treats it: (0,) sentence end; (1, "#number" or a date key) number or date;
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
        info = (1, _norm_number(tok))
    elif first.isupper():
        clean = tok.replace("’", "'")
        if clean.endswith("'s"):
            clean = clean[:-2]
        low = clean.lower()
        ok = (len(clean) > 1 and low not in _CAP_STOP and low.replace("'", "") not in _CAP_STOP
              and "'" not in low[1:-1])
        info = (2, low, ok, low[0].islower())
    elif first == _MARK:  # a date the text mentions (see date_marks): its key
        info = (1, tok[1:])
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


# ----------------------------------------------------------------------------- dates
# Dates the text mentions, as entity keys ("d:2024-02-04"; "m:2005-03" for a month with a year and no
# day): two events of one kind (two earthquakes in one region, two fights of one boxer) that time cannot
# separate are often told apart by the day they happened. Relative dates ("on Tuesday", "yesterday")
# are read against the article's time. Entity keys, not numbers ("#"): measured on the ECB+ odd topics,
# dates among the numbers (num_cov) separated worse.
DATE_PREFIX = "d:"
MONTH_PREFIX = "m:"
_MARK = "\x00"  # starts a token standing for a date key in entity_terms' input (never a real token)
_MONTHS = {name: i for i, names in enumerate(("January Jan", "February Feb", "March Mar", "April Apr", "May",
                                             "June Jun", "July Jul", "August Aug", "September Sep Sept",
                                             "October Oct", "November Nov", "December Dec"), 1)
           for name in names.split()}
_WEEKDAYS = {name + tail: i for i, name in enumerate(("Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                                       "Saturday", "Sunday")) for tail in ("", "'s", "’s")}
# "yesterday", "today" ...: days from the article's time; "night", "morning" ...: only after "last"/"this"
_REL_DAYS = {w: d for word, d in (("yesterday", -1), ("today", 0), ("tonight", 0)) for w in (word, word.title())}
_PART_OF_DAY = {"night": {"last": -1}, "morning": {"this": 0}, "afternoon": {"this": 0}, "evening": {"this": 0}}
_DATE_TRIGGERS = frozenset(_MONTHS) | frozenset(_WEEKDAYS) | frozenset(_REL_DAYS) | frozenset(_PART_OF_DAY)
_ORDINAL = frozenset(("st", "nd", "rd", "th", "of"))
# A bare weekday is the last such day, unless the words just before it look ahead ("will fight on
# Saturday", "scheduled for Friday", "this Friday"): then it is the next such day (today included).
_AHEAD = frozenset(("will", "shall", "scheduled", "expected", "due", "until", "till", "upcoming", "coming",
                    "planned", "tomorrow", "this"))
_AHEAD_WINDOW = 4


def date_key(d: date) -> str:
    """The entity key of a day: "d:2024-02-04"."""
    return f"{DATE_PREFIX}{d.isoformat()}"


def _day(tok: str) -> int:
    """The day of month a token names (1-31), else 0."""
    return int(tok) if len(tok) <= 2 and tok.isdigit() and 0 < int(tok) <= 31 else 0


def _year(tok: str) -> int:
    return int(tok) if len(tok) == 4 and tok.isdigit() and tok[:2] in ("19", "20") else 0


def _month_day(year: int, month: int, day: int, pub: date | None) -> date | None:
    """The date; without a year, the one of that month and day closest to ``pub`` (None: no ``pub``)."""
    try:
        if year:
            return date(year, month, day)
        if pub is None:
            return None
        near = [date(y, month, day) for y in (pub.year - 1, pub.year, pub.year + 1)
                if not (month == 2 and day == 29 and y % 4)]
    except ValueError:
        return None
    return min(near, key=lambda d: abs((d - pub).days)) if near else None


def date_marks(toks: list[str], pub: date | None) -> list[tuple[int, str]]:
    """(position, key) of each date the tokens mention: "Feb. 4", "February 4, 2024", "4th of February",
    "on Tuesday", "last Friday", "yesterday", "last night" (resolved against ``pub``, the article's
    day: without it, only dates with a year count). The position is the token that stands for the date
    in the entity terms (the day number, the weekday, "yesterday": its key replaces that token's);
    a month with a year and no day ("March 2005") gives a month key, "m:2005-03"."""
    out: list[tuple[int, str]] = []
    n = len(toks)
    for i in compress(range(n), map(_DATE_TRIGGERS.__contains__, toks)):
        t = toks[i]
        month = _MONTHS.get(t)
        if month is not None:
            j = i + 2 if i + 1 < n and toks[i + 1] == "." else i + 1  # "Feb. 4"
            nxt = toks[j] if j < n else ""
            day = _day(nxt)
            if day:  # "February 4", "Feb. 4th, 2024"
                k = j + 2 if j + 1 < n and toks[j + 1] in _ORDINAL else j + 1
                d = _month_day(_year(toks[k]) if k < n else 0, month, day, pub)
                if d is not None:
                    out.append((j, date_key(d)))
                continue
            year = _year(nxt)
            j = i - 1
            while j >= 0 and i - j < 3 and toks[j] in _ORDINAL:
                j -= 1
            day = _day(toks[j]) if j >= 0 else 0
            if day:  # "4 February 2024", "4th of February"
                d = _month_day(year, month, day, pub)
                if d is not None:
                    out.append((j, date_key(d)))
            elif year:  # "March 2005"
                out.append((i, f"{MONTH_PREFIX}{year}-{month:02d}"))
            continue
        if pub is None:
            continue
        back = _REL_DAYS.get(t)
        if back is None:
            prev = toks[i - 1].lower() if i else ""
            wd = _WEEKDAYS.get(t)
            if wd is not None:  # the last such day (today included), the one before after "last", next after "next"
                if prev == "next":
                    back = (wd - pub.weekday()) % 7 or 7
                elif prev != "last" and _looks_ahead(toks, i):
                    back = (wd - pub.weekday()) % 7
                else:
                    back = -((pub.weekday() - wd) % 7 or (7 if prev == "last" else 0))
            else:
                back = _PART_OF_DAY[t].get(prev)
                if back is None:
                    continue
        out.append((i, date_key(pub + timedelta(days=back))))
    return out


def _looks_ahead(toks: list[str], i: int) -> bool:
    """Whether the words before the weekday at ``i`` (in its sentence) speak of what is to come."""
    for t in reversed(toks[max(0, i - _AHEAD_WINDOW):i]):
        if t in _SENT:
            return False
        low = t.lower()
        if low in _AHEAD or low.endswith(("'ll", "’ll")):
            return True
    return False


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


def _with_dates(toks: list[str], pub: date | None) -> list[str]:
    """The tokens with each date mention's token replaced by one that stands for its date key."""
    marks = date_marks(toks, pub)
    if not marks:
        return toks
    toks = toks.copy()
    for i, key in marks:
        toks[i] = _MARK + key
    return toks


def features(title: str, text: str, published: datetime | None = None, lead_words: int = 60) -> TextFeatures:
    """Terms of the title+lead and of the body, entity terms (and those of the lead), shingles.

    ``published``: the article's time (None: undated), to read the dates it mentions against: each
    date mention is an entity key ("d:2024-02-04", see :func:`date_marks`), in place of its day number.

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
    pub = published.date() if published is not None else None
    tents, _ = entity_terms(_with_dates(title_toks, pub))
    bents, lead = entity_terms(_with_dates(body_toks, pub), lead_words)
    ents = Counter(tents)
    ents.update(bents)
    lead.update(tents)
    # Duplicates are judged on the body (outlets rewrite headlines); a title-only item uses its title.
    src = body_toks if len(body_toks) >= 20 else all_toks
    lower = dict(zip(distinct, map(str.lower, distinct), strict=True)).__getitem__
    words = list(map(lower, filterfalse(_SENT.__contains__, src)))
    return TextFeatures(title_terms, body_terms, dict(ents), frozenset(lead), shingle_hashes(words))
