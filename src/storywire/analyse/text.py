"""Text normalisation shared by the analysis modules.

Normal forms are only ever compared with other normal forms, so folding rules need not be
linguistically exact, only applied the same way on both sides ("promise" -> "promize" is harmless).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Characters folded before tokenising: curly quotes, primes, dashes, ellipsis, non-breaking spaces.
_FOLD = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u2026": "...", "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u200b": "",
})

HONORIFICS = frozenset({"mr", "mrs", "ms", "mx", "messrs", "mme", "mlle", "dr", "sir", "dame", "prof"})

# A token: a number (with thousands separators), or a word with inner hyphens, apostrophes or dots
# ("co-ordinated", "we're", "U.S").
_TOKEN = re.compile(r"\d[\d,.]*\d|\d|[^\W_]+(?:[-'\u2019.][^\W_]+)*", re.UNICODE)

_PREFIXES = frozenset({
    "co", "re", "pre", "non", "anti", "pro", "post", "ex", "multi", "semi", "sub", "inter", "counter",
    "de", "un", "mid", "neo", "bi", "tri", "micro", "macro", "mega", "over", "under", "cross", "e",
})

# British/American spelling folds applied to the end of a normalised word.
_SUFFIXES = (
    ("isations", "izations"), ("isation", "ization"), ("ising", "izing"), ("ised", "ized"),
    ("ises", "izes"), ("ise", "ize"), ("yse", "yze"), ("ysed", "yzed"), ("ysing", "yzing"),
    ("ours", "ors"), ("our", "or"), ("tres", "ters"), ("tre", "ter"), ("lled", "led"), ("lling", "ling"),
    ("ogue", "og"), ("ence", "ense"),
)


def fold(text: str) -> str:
    """Fold typographic variants (quotes, dashes, ellipsis, spaces) to ASCII-ish forms."""
    return text.translate(_FOLD)


def _strip_accents(word: str) -> str:
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


@lru_cache(maxsize=200_000)
def norm_word(word: str) -> str:
    """Normal form of one token ("" for a token that is dropped, e.g. an honorific)."""
    w = _strip_accents(fold(word).casefold())
    if w[:1].isdigit():
        return w.replace(",", "")
    w = w.replace("-", "").replace("'", "").replace(".", "")
    if w in HONORIFICS:
        return ""
    if len(w) > 4:
        for old, new in _SUFFIXES:
            if w.endswith(old):
                w = w[: -len(old)] + new
                break
    return w


def tokens_with_spans(text: str, offset: int = 0) -> list[tuple[str, int, int]]:
    """(normal form, start, end) for each kept token of ``text``; offsets shifted by ``offset``."""
    out = []
    for m in _TOKEN.finditer(text):
        word = m.group()
        if "-" in word and not word[:1].isdigit():
            # "co-ordinated" == "coordinated" (a prefix is joined), "US-Russian" == "U.S.-Russian" (split).
            pos = m.start()
            parts: list[tuple[str, int, int]] = []
            for part in word.split("-"):
                if part:
                    if parts and parts[-1][0].casefold() in _PREFIXES:
                        prev = parts.pop()
                        parts.append((prev[0] + part, prev[1], pos + len(part)))
                    else:
                        parts.append((part, pos, pos + len(part)))
                pos += len(part) + 1
            for part, a, b in parts:
                n = norm_word(part)
                if n:
                    out.append((n, a + offset, b + offset))
            continue
        n = norm_word(word)
        if n:
            out.append((n, m.start() + offset, m.end() + offset))
    return out


def norm_tokens(text: str) -> list[str]:
    return [t for t, _, _ in tokens_with_spans(text)]


def contains_run(hay: list[str], needle: list[str]) -> bool:
    """Whether the tokens ``needle`` occur in ``hay`` as one run."""
    n = len(needle)
    return any(hay[i:i + n] == needle for i in range(len(hay) - n + 1))


def word_count(text: str) -> int:
    return len(_TOKEN.findall(text))


def clean_space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# Latin capitals with a mark, read as their plain letter: one character for one, so offsets hold ("Ö" -> "O",
# "Ł" -> "L"; not "Æ" or "Þ", which are no marked letter)
_PLAIN_CAPITAL = str.maketrans(
    {chr(cp): unicodedata.normalize("NFD", chr(cp))[0] for cp in range(0xC0, 0x250)
     if chr(cp).isupper() and "A" <= unicodedata.normalize("NFD", chr(cp))[0] <= "Z"} |
    {"\u0141": "L", "\u00d8": "O", "\u0110": "D", "\u0126": "H", "\u0166": "T"})
_WORD = re.compile(r"\w+")


def plain_capitals(text: str) -> str:
    """The text with its marked Latin capitals written plain ("Öcalan" -> "Ocalan", "ÉLYSÉE" -> "ELYSEE"), of
    the same length, for patterns that read a capital as [A-Z]."""
    return text.translate(_PLAIN_CAPITAL)


def own_spelling(text: str) -> dict[str, str]:
    """For each word of ``text`` that ``plain_capitals`` changes, its plain form -> the word as the text first
    writes it (an article that also writes "Ocalan" plain gets the marked spelling, "Öcalan", for both)."""
    out: dict[str, str] = {}
    for m in _WORD.finditer(text):
        plain = m.group().translate(_PLAIN_CAPITAL)
        if plain != m.group():
            out.setdefault(plain, m.group())
    return out


def respelled(phrase: str, spelling: dict[str, str]) -> str:
    """A phrase taken from the plain-capital text, in the text's own spelling."""
    return _WORD.sub(lambda m: spelling.get(m.group(), m.group()), phrase) if spelling else phrase
