"""Articles that quote in single marks: ‘We won,’ she said (Mail Online's and the Express's style, many books').

The quote finder reads double marks. An article that never uses a double mark but pairs single ones as quotes has
them written as double ones, in a copy of the same length (offsets stay true), before quotes are found. An
article with any double mark is left as it is: its single marks are quotes within quotes, or scare quotes.

A single opening mark opens a word (‘We, 'We: after a space, a bracket or a dash, or at a paragraph's start); its
closing mark ends one (a letter or a stop before it, no letter after it: not "don’t"). A closing mark after an
"s" and before a lower-case word ("the workers’ union") is a plural's apostrophe unless no other mark closes the
quote. A straight mark opens a quote only when a closing one after a stop or a comma ends it ('We won,' she
said), or one after a word before a word a phrase ends on ("not to 'trade away our futures' in the talks"), or a
paragraph's end after a colon (a quote going on): "rock 'n' roll", "'90s" and "James' car" stay as they are. An
opening curly mark whose quote runs to the paragraph's end is a quote going on in the next paragraph, as in double
marks. Detokenised corpora space the marks off their words ("‘ Tonight was a peaceful vigil, ’ he wrote"): so may
a curly quote.
"""
from __future__ import annotations

import re

_DOUBLE = re.compile("[\u201c\u201d\u201e\"\u00ab\u00bb]|''|``")
_OPEN_CONTEXT = " \t\n([{\u2014\u2013-/"
_STOPS = ",.!?\u2026;:"
_SPACED_CONTRACTION = re.compile(r" (?:t|s|ll|m|re|ve|d)\b", re.I)
# A word a partial quote in straight marks is often followed by, never a plural's noun: "not to 'trade away our
# children's futures' in the negotiations"
_AFTER_PHRASE = re.compile(r" (?:in|on|at|to|for|and|or|but|as|with|from|by|that|is|was|are|were|when|after|before|"
                           r"because|if|while|which|who)\b")
_ELISIONS = re.compile(r"(?:em|n|til|cause|tis|twas|bout|\d\d)s?\b", re.I)


def with_double_quotes(text: str) -> str:
    """``text`` with the quote marks of an article that quotes in single marks written as double ones (same
    length); ``text`` itself when it uses a double mark anywhere or pairs no single marks."""
    if _DOUBLE.search(text) or ("\u2018" not in text and "'" not in text):
        return text
    chars = list(text)
    start = 0
    lines = text.split("\n")
    opens_next, opens = [False] * len(lines), False  # whether the next paragraph with text opens on a straight mark
    for k in range(len(lines) - 1, -1, -1):
        opens_next[k] = opens
        if lines[k].strip():
            opens = lines[k].lstrip()[:1] == "'"
    for line, goes_on in zip(lines, opens_next, strict=True):
        for opened, closed in _pairs(line, goes_on):
            chars[start + opened] = "\u201c"
            if closed is not None:
                chars[start + closed] = "\u201d"
        start += len(line) + 1
    return "".join(chars)


def _pairs(par: str, goes_on: bool = False) -> list[tuple[int, int | None]]:
    """(opening mark, closing mark or None when the quote runs on) of each single-mark quote of a paragraph
    (``goes_on``: the next paragraph opens on a straight mark, as a quote going on does)."""
    out: list[tuple[int, int | None]] = []
    i = 0
    while i < len(par):
        c = par[i]
        if c in "\u2018'" and _opens(par, i):
            close = _closing(par, i + 1, straight=c == "'")
            if close is not None or (c == "\u2018" and not par[:i].strip()) or goes_on and _runs_on(par, i):
                out.append((i, close))
                if close is None:
                    break
                i = close
        i += 1
    return out


def _runs_on(par: str, i: int) -> bool:
    """Whether a straight mark after a colon opens a quote running to the paragraph's end, ended by a stop
    ("warns Mr Johnson: 'If we don't get this right, … wiped out." going on in the next paragraph, which opens on
    a straight mark)."""
    return par[i] == "'" and par[:i].rstrip().endswith(":") and par.rstrip()[-1:] in ".!?"


def _opens(par: str, i: int) -> bool:
    before = par[i - 1] if i else " "
    after = par[i + 1:i + 2]
    if par[i] == "\u2018" and after == " ":  # a detokenised text's spaced mark: "‘ Tonight was ..., ’ he wrote"
        after = par[i + 2:i + 3]
    return before in _OPEN_CONTEXT and (after.isalnum() or after in "\u2026.") and not (
        par[i] == "'" and _ELISIONS.match(par, i + 1))


def _closing(par: str, i: int, straight: bool) -> int | None:
    """Where the quote opened before ``i`` closes: the first closing mark that is no plural's apostrophe, else
    the first closing mark; for a straight mark, only one after a stop."""
    marks = "'" if straight else "\u2019"
    spaced = par[i:i + 1] == " "  # "‘ Tonight ..., ’ he wrote": its closing mark is spaced off too
    candidates = []
    for j in range(i, len(par)):
        c = par[j]
        if c in "\u2018" or (straight and c == "'" and _opens(par, j) and j > i and par[j - 1] in " \t"):
            break  # another quote opens first
        if c not in marks or j == i or par[j + 1:j + 2].isalnum():
            continue
        if par[j - 1].isspace() and not (spaced and j >= 2 and not par[j - 2].isspace()):
            continue
        if spaced and _SPACED_CONTRACTION.match(par, j + 1):  # "don ’ t", "we ’ ll"
            continue
        if straight and par[j - 1] not in _STOPS and not (par[j - 1].isalpha() and _AFTER_PHRASE.match(par, j + 1)):
            continue
        candidates.append(j)
        if not _plural_apostrophe(par, j):
            return j
    return candidates[0] if candidates else None


def _plural_apostrophe(par: str, j: int) -> bool:
    """"workers’ union": an "s", the mark, a space, a lower-case word."""
    return par[j - 1] == "s" and re.match(r" [a-z]", par[j + 1:j + 3]) is not None
