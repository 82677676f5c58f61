"""News-prose sentence segmentation: paragraphs (lines) then nupunkt sentences, with offsets.

nupunkt (a Punkt model trained on long-form prose) knows most abbreviations ("Mr.", "Feb. 7", "U.S.", "p.m."); a few
fix-ups on top: a sentence never spans two lines; a split right after a title abbreviation ("Lt. Col.", "Gov.") is
undone; a split after a word Punkt takes for a legal abbreviation (a state, "in New York. Sanders said"; a lower-case
word, "the dog that caught the car. His campaign") is made; closing quotes or brackets that Punkt left at the start
of the next sentence are moved back to the sentence they close; a split after initials ("Randy Wittman/P.J.
Carlesimo") is undone unless a usual sentence opener follows ("the U.S. He left"); and a quoted question or
exclamation stays one sentence with the attribution after it ('"Don't they understand?" Putin asked.').
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .text import tokens_with_spans

# Title abbreviations after which a sentence never ends.
_TITLE_ABBREV = re.compile(
    r"(?:^|[\s(\"'\u201c\u2018])(?:Mr|Mrs|Ms|Mx|Dr|Prof|Gen|Lt|Col|Maj|Capt|Cmdr|Sgt|Adm|Gov|Sen|Rep|Rev|"
    r"Hon|Fr|Sr|Jr|St|Mt|No|Nos|Vol|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|approx|vs)\.\s*$"
)
# Initials ("P.J.", "W.", "Wittman/P.J.") before a capitalised word that rarely opens a sentence: one name
_INITIALS_END = re.compile(r"(?:^|[\s/(\u2013\u2014-])(?:[A-Z]\.){1,3}$")
_SENTENCE_OPENER = re.compile(
    r"(?:He|She|It|They|We|I|You|The|A|An|This|That|These|Those|There|Here|His|Her|Its|Their|Our|My|But|And|Or|"
    r"So|Yet|If|When|While|After|Before|As|In|On|At|For|From|By|With|Now|Then|Still|Meanwhile|However|Also)\b"
)
_LEADING_CLOSERS = re.compile(r"^[\"'\u201d\u2019)\]\u00bb]+(?=\s|$)")
# A quotation closed on "?" or "!", then its attribution: "Putin asked", "Russian President Vladimir Putin asked",
# "he said", "asked Putin".
_QUESTION_CLOSED = re.compile(r"[?!][\"'\u201d\u2019]$")
_SPEECH_VERB = r"(?:said|says|asked|asks|added|adds|told|tells|replied|replies|continued|wrote|writes|explained|" \
               r"insisted|warned|noted|recalled|shouted|cried|quipped|joked|declared|stated|answered|demanded|wondered)"
_ATTRIBUTION_TAIL = re.compile(
    rf"^(?:(?:[A-Z][\w'\u2019.-]*\s+){{1,5}}|(?:he|she|they|we|I)\s+|(?:He|She|They|We)\s+){_SPEECH_VERB}\b"
    rf"|^{_SPEECH_VERB}\s+[A-Z]"
)


# Words Punkt's legal abbreviations take for abbreviations that end a news sentence: "a caucus in Iowa. And Cruz",
# "in New York. Sanders said", "the dog that caught the car. His campaign", "another month. Employers"; and a
# company's abbreviation before a usual sentence opener ("Apple Inc. The company")
_MISSED_END = re.compile(r"(?:\b(?:Idaho|Iowa|York|Utah)|(?<![\w.@/])(?P<word>[a-z][a-z'\u2019\-]+))\."
                         r"(?=\s+[\"\u201c\u2018(]?[A-Z])|"
                         r"\b(?:Inc|Corp|Co|Ltd|Bros)\.(?=\s+(?:He|She|It|They|We|I|The|This|That|But|And)\b)")
# Lower-case abbreviations a capitalised word may follow inside a sentence ("Ohio State vs. Michigan", "5 lb. Maine
# lobster")
_LOWER_ABBREVIATIONS = frozenset({
    "vs", "approx", "est", "incl", "cf", "al", "ft", "lb", "lbs", "oz", "min", "sec", "hr", "hrs", "yr", "yrs", "mo",
    "mos", "no", "nos", "vol", "pp", "ed", "eds", "op", "cit", "ibid", "govt", "dept", "univ", "assn", "bros", "inc",
    "corp", "co", "ltd", "jr", "sr", "st", "mt", "ave", "blvd", "rd", "gen", "sen", "rep", "gov", "ca"})


def _split_missed(par: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """A Punkt sentence split again after a word it took for an abbreviation that ends a sentence here."""
    out, start = [], span[0]
    for m in _MISSED_END.finditer(par, span[0], span[1]):
        if m.group("word") and m.group("word") in _LOWER_ABBREVIATIONS:
            continue
        out.append((start, m.end()))
        start = m.end()
    return out + [(start, span[1])]


@dataclass
class Sentence:
    """One sentence of one article: offsets into the article text and normalised tokens."""

    article_id: int
    index: int  # position in the article (0-based)
    para: int  # paragraph (line) index
    start: int
    end: int
    text: str
    tokens: list[str] = field(repr=False)
    spans: list[tuple[int, int]] = field(repr=False)  # char span of each token, in article offsets


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line, whitespace trimmed."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        seg = m.group()
        stripped = seg.strip()
        if not stripped:
            continue
        lead = len(seg) - len(seg.lstrip())
        out.append((m.start() + lead, m.start() + lead + len(stripped)))
    return out


@lru_cache(maxsize=1)
def _punkt():
    from nupunkt import sent_spans_with_text  # noqa: F401  (import cost paid once)

    return sent_spans_with_text


def _split_paragraph(par: str) -> list[tuple[int, int]]:
    try:
        spans = [span for _, span in _punkt()(par)]
    except Exception:  # never let a segmenter hiccup break analysis: fall back to one sentence
        spans = [(0, len(par))]
    spans = [part for span in spans for part in _split_missed(par, span)]
    # Trim whitespace inside each span.
    trimmed = []
    for s, e in spans:
        chunk = par[s:e]
        s2 = s + (len(chunk) - len(chunk.lstrip()))
        e2 = s + len(chunk.rstrip())
        if e2 > s2:
            trimmed.append([s2, e2])
    # Fix-ups: closers at the start of a sentence belong to the previous one; no split after a title.
    fixed: list[list[int]] = []
    for span in trimmed:
        if fixed:
            prev = fixed[-1]
            head = _LEADING_CLOSERS.match(par[span[0]:span[1]])
            if head:
                prev[1] = span[0] + head.end()
                span[0] = span[0] + head.end()
                while span[0] < span[1] and par[span[0]].isspace():
                    span[0] += 1
                if span[0] >= span[1]:
                    continue
            after_initials = _INITIALS_END.search(par[prev[0]:prev[1]]) is not None and \
                re.match(r"[A-Z][a-z]", par[span[0]:span[1]]) is not None and \
                _SENTENCE_OPENER.match(par[span[0]:span[1]]) is None
            if after_initials or _TITLE_ABBREV.search(par[prev[0]:prev[1]]) or (
                    _QUESTION_CLOSED.search(par[prev[0]:prev[1]]) and _ATTRIBUTION_TAIL.match(par[span[0]:span[1]])):
                prev[1] = span[1]
                continue
        fixed.append(span)
    return [(s, e) for s, e in fixed]


@lru_cache(maxsize=8192)
def _segment_cached(text: str) -> tuple[tuple[int, int, int], ...]:
    out = []
    for p, (ps, pe) in enumerate(paragraphs(text)):
        for s, e in _split_paragraph(text[ps:pe]):
            out.append((p, ps + s, ps + e))
    return tuple(out)


def sentence_spans(text: str) -> list[tuple[int, int, int]]:
    """(paragraph index, start, end) of each sentence of ``text``."""
    return list(_segment_cached(text or ""))


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text`` as strings."""
    return [text[s:e] for _, s, e in sentence_spans(text)]


@lru_cache(maxsize=4096)
def _segment_tokens(text: str) -> tuple:
    return _tokenised(text, sentence_spans(text))


def _tokenised(text: str, sentence_spans: list[tuple[int, int, int]]) -> tuple:
    out = []
    for p, s, e in sentence_spans:
        toks = tokens_with_spans(text[s:e], s)
        out.append((p, s, e, [t for t, _, _ in toks], [(a, b) for _, a, b in toks]))
    return tuple(out)


def segment(article_id: int, text: str) -> list[Sentence]:
    """Sentences of one article, with normalised tokens for alignment (treat as read-only)."""
    return _sentences(article_id, text, _segment_tokens(text or ""))


def segment_from_spans(article_id: int, text: str, spans: list[tuple[int, int, int]]) -> list[Sentence]:
    """:func:`segment` from the (paragraph, start, end) spans :func:`sentence_spans` gave for ``text`` earlier
    (stored with the article: only the cheap tokenising runs again)."""
    return _sentences(article_id, text, _tokenised(text, spans))


def _sentences(article_id: int, text: str, tokenised: tuple) -> list[Sentence]:
    return [Sentence(article_id, i, p, s, e, text[s:e], toks, spans)
            for i, (p, s, e, toks, spans) in enumerate(tokenised)]
