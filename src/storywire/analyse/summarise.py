"""Extractive story summary (LexRank over TF-IDF sentence vectors, weighted by coverage) and title.

Candidates are sentence clusters from the alignment (a wire sentence carried by five outlets is one
candidate carried by five articles), so coverage across outlets is counted, not repeated. The score
is LexRank centrality x (1 + coverage across sources) x a lead-position prior; selection is MMR with
hard cuts so no two sentences state the same fact (TF-IDF similarity, content-word containment, or
the same number context with different values); the chosen sentences are shown in the lead article's
order.

Every item stands alone: a sentence that opens on a reference to something not yet said ("He",
"The 26-year-old", "However") is taken only together with the sentence before it in its article (one
item); an item that leans on something it does not say (a pronoun for a person it never names, "but that
gives", "McConnell, on the other hand,") is never taken, nor a sentence that is mostly a quotation without a
named speaker inside it. A person called by surname ("O'Brien sued") comes after an item naming them in full
("Jim O'Brien"), when any candidate does; a wire dateline ("INDIANAPOLIS (AP) —") is cut.
Texts are verbatim from one article except for whitespace and punctuation spacing (``tidy``). When
outlets give different numbers for a fact a chosen sentence states, a ``conflict`` item follows it
with each value and the articles giving it.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import combinations
from typing import Literal, NamedTuple

import numpy as np

from ..models import UNKNOWN_OUTLET
from ..stop_words import ENGLISH_STOP_WORDS
from .quotes import quote_spans
from .sentences import Sentence, paragraphs
from .speakers import HONORIFICS, ROLE_WORDS, written_as_title
from .text import fold, norm_tokens
from .wire import DATELINE

MIN_WORDS = 8
MAX_WORDS = 60
PAIR_MAX_WORDS = 80
SIM_CUT = 0.5
CONTAIN_CUT = 0.5
PART_MIN_WORDS = 4
LEAD_CONTAIN_CUT = 0.25  # two articles' lead sentences: the same main event, however worded
LEAD_SENTENCES = 2  # an article's lead: its first two sentences (a kicker or a dateline may come first)
NUMBER_CONTAIN_CUT = 0.3  # two sentences giving one number (a year, a count): the same fact, in fewer shared words
MMR_LAMBDA = 0.7
LEAD_WEIGHT = 1.0  # the lead prior: an article's opening sentence weighs (1 + LEAD_WEIGHT) times...
LEAD_SPAN = 0.3  # ...falling to 1 at this relative position (news puts its main facts first)
QUOTED_SHARE = 0.5

ItemKind = Literal["sentence", "conflict"]

# Openers that point back at something the reader has not been told: pronouns, determiners used as
# pronouns, discourse connectives, and definite descriptions of a person not yet named.
_CONNECTIVES = (
    r"but|however|also|and|or|so|yet|still|meanwhile|instead|moreover|furthermore|additionally|besides|"
    r"then|thus|therefore|nevertheless|nonetheless|likewise|similarly|otherwise|later|afterwards|"
    r"in addition|in turn|as a result|by contrast|on the other hand|even so|despite this|despite that|"
    r"at the time|in response|actually|indeed|in fact|of course|after all|again|"
    # a comment on what was said before: "Obviously, there's division on the right as well."
    r"obviously|naturally|fortunately|unfortunately|surely|at least(?=\s+(?:we|i|you|he|she|they|it|this|there)\b)|"
    # "No wonder Israel is so eager …", "Enter Beus, then a dairy farmer": a comment on, or a turn in, a story told
    r"no\s+wonder|enter(?=\s+(?-i:[A-Z]))|"
    # an answer or a denial of what was said before: "No, Bettie was not going to …", "Not at the patients …"
    r"(?:no|yes)(?=\s*,)|not(?=\s+(?:at|exactly|so|because|that|for|to|with|in|just|quite|even|least)\b)|"
    # "Even Amy Winehouse's look was …": more than something said before (not "Even as", "Even before the vote")
    r"even(?!\s+(?:as|if|though|before|after|when|while|so|then|now|today|with|without|in|at|on|by|more|less)\b)|"
    # "two of them managed to flee", "Some of those arrested": part of a group said before
    r"(?:\w+\s+)?of\s+(?:them|those|these)(?!\s+who\b)"
)
_PRONOUNS = (
    r"he|she|they|it|its|it's|his|her|hers|their|theirs|them|him|we|our|us|i|my|you|this|these|those|that|"
    r"such|both|neither|either|another|others|here"
)
_ROLE_NOUNS = (
    r"actress|actor|singer|star|rapper|player|boxer|fighter|champion|woman|man|girl|boy|teen|teenager|"
    r"suspect|victim|pair|couple|duo|trio|company|firm|club|team|band|group|ceremony|event|move|decision|"
    r"incident|attack|latter|former|same|two|three|four|five|veteran|youngster|newcomer|striker|"
    r"midfielder|defender|goalkeeper|coach|manager|director|mother|father|wife|husband|son|daughter|starlet|"
    r"singer-songwriter|musician|comedian|model|celebrity|lawmaker|politician|official|spokesman|spokeswoman|native|host|"
    r"senator|governor|mayor|minister|president|premier|chancellor|secretary|commissioner|judge|prosecutor|lawyer|"
    r"filmmaker|journalist|reporter|writer|author|photographer|artist|producer|correspondent|"
    r"aim|idea|purpose|figure"  # "The aim was to help scientists ...", "The figure is 32% less ..."
)
# "Seven years later,", "A day earlier": a time counted from an event the reader has not been told of.
_RELATIVE_TIME = r"(?:\S+\s+){1,2}(?:years?|months?|weeks?|days?|hours?|minutes?|decades?)\s+(?:later|earlier)\b"
_OPENER_REFERENCE = re.compile(
    rf"^[\"'(\[]*(?:(?:{_CONNECTIVES}|{_PRONOUNS})\b(?!-)|{_RELATIVE_TIME}"
    rf"|the\s+(?:\S+\s+){{0,3}}?(?:\d+\s*-\s*years?\b|former\b|latter\b|(?:{_ROLE_NOUNS})\b(?!-))"
    r"|the\s+\d{1,3}(?:,\d{3})*\s+[a-z]+s\b"  # "The 79 screenshots sparked ...": a count of things told before
    r"|the\s+(?:(?:second|third|fourth|fifth|others|rest|remainder)(?![\w-])|first(?=\s*,)))",
    re.IGNORECASE,
)
# "Early Friday morning, around 1:30 a.m., the 26-year-old …", "Firstly, these women …": up to two opening phrases
# that name no one, each cut off by a comma, before the clause whose opener is judged. The first opens on a function
# word ("Under the plans,"), an adverb in -ly ("Firstly,") or a word of time or order ("Sure,", "Last year,").
_OPENING_PHRASE = re.compile(
    r"(?:after|before|while|since|during|under|for|from|by|in|on|at|with|without|despite|amid|among|once|until|"
    r"throughout|within|across|around|between|through|against|along|beyond|"
    r"over|as|when|if|though|although|because|following|according|sure|early|late|last|next|today|yesterday|now|"
    r"first|second|third|finally|plus|overall|\w+ly)\b(?:[^,;:\"]|(?<=\d):(?=\d)){0,60}?,\s+",
    re.IGNORECASE,
)
_DEMONSTRATIVE_IN_PHRASE = re.compile(r"\b(?:this|that|these|those)\s+(?!time\b|year\b|week\b|month\b)\w",
                                      re.IGNORECASE)
_NEXT_PHRASE = re.compile(r"(?:[^,;:\"]|(?<=\d):(?=\d)){1,40}?,\s+")
# An opening phrase's own word and a demonstrative after it ("Since that win over Monte Barrett,"): which win, the
# reader was not told, whether or not the phrase names someone
_DEMONSTRATIVE_OPENING = re.compile(r"[\"'(\[]*\w+\s+(?:this|that|these|those)\s+(?!time\b|year\b|week\b|month\b)\w",
                                    re.IGNORECASE)
_SPEECH_CUE = re.compile(
    r"\b(?:said|says|say|told|tells|added|adds|according to|stated|states|explained|insisted|warned|wrote|"
    r"writes|asked|announced|announces|confirmed|declared|noted|tweeted|posted|admitted|claimed|claims|"
    r"recalled|argued|replied|continued)\b",
    re.IGNORECASE,
)
_SPEAKER_WORD = re.compile(
    r"\b(?:[A-Z][a-z]+|police|officials?|spokes(?:man|woman|person)|ministry|minister|president|"
    r"witnesses|residents|authorities|representative|publicist|statement|sources?)\b"
)
_SINGLE_QUOTE = re.compile(r"(?<![^\W_])'|'(?![^\W_])")  # a single quote mark, not an apostrophe inside a word
_NOT_A_NAME = frozenset({"He", "She", "They", "It", "We", "I", "You", "His", "Her", "Their", "The", "A", "An",
                         "This", "That", "But", "And", "In", "On", "At", "As", "When", "If"})


@dataclass(frozen=True)
class SummaryCandidate:
    """A sentence cluster of the story (or such a sentence with its lead-in), as one candidate summary item."""

    text: str
    tokens: list[str]
    article_ids: list[int]
    sources: int  # distinct outlets carrying it (an article of no known outlet counts as one of its own)
    rel_pos: dict[int, float]  # article id -> relative position (0 = first sentence)
    quoted: float = 0.0  # share of its characters inside quotation marks
    lead_in: str = ""  # the sentence before, kept with this one as one item when this one opens on a reference
    split_quote: bool = False  # starts or ends inside a quotation that goes on beyond it
    index: int = 0  # the earliest position of its (first) sentence in the articles carrying it (0 = an opening one)


# Spacing a detokenised text put inside words: "could n't", "I 'm", "Wellington ’ s", "Don ’ t", "9 a. m.", "$ 1
# million", "35 - year - old", "6.1 - magnitude".
_UNIT = (r"(?:year|month|week|day|hour|minute|mile|point|game|round|time|foot|yard|storey|magnitude|seat|man|member|"
         r"page|acre|degree|floor|term|place|party|person|star)s?\b")
# "co - workers", "post - Soviet", "four - time", "first - degree": a prefix or a number word before a unit, joined
# by a spaced hyphen (a dash stands between words that stand alone).
_JOINED = re.compile(
    r"\b(co|ex|anti|non|pre|post|self|multi|semi|vice|mid|inter|counter|cross)\s+-\s+(?=\w)"
    r"|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|(?:thir|four|fif|six|seven|eigh|nine)teen|"
    rf"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)|first|second|third|fourth|fifth|half)\s+-\s+(?={_UNIT})",
    re.IGNORECASE,
)
_INNER_SPACE = re.compile(
    r"(?<=\w) (?=n't\b|'(?:m|re|ve|ll|d|s)\b)"
    r"|(?<=[\w\u201d\"]) (?=\u2019(?:s|t|re|ve|ll|d|m)\b)|(?<=\w\u2019) (?=(?:s|t|re|ve|ll|d|m)\b)"
    r"|(?<=\b[ap]\.) (?=m\.)|(?<=[$\u00a3\u20ac]) (?=\d)"
    rf"|(?<=\d) (?=- {_UNIT})|(?<=\d -) (?={_UNIT})"
    r"|(?<=\byear) (?=- old\b)|(?<=\byears) (?=- old\b)|(?<=\byear -) (?=old\b)|(?<=\byears -) (?=old\b)"
    r"|(?<=\d) (?=%)|(?<=\s-) (?=-\s)",  # "almost 90 %"; a double hyphen spaced apart, "the receptionist - - Madeline"
    re.IGNORECASE,
)

# A hyphen a tokeniser spaced inside a compound ("switch - hitting", "high - risk", "a 10 - win season", "Oscar -
# nominated", "hit - and - run"), read only in an article that writes no hyphen between two letters unspaced: there,
# a spaced one is a dash ("the audience - will"). Even so a dash stays where a word after it opens a clause or a word
# before it closes one ("Ortiz - who", "in 2008 - before the crash - and"), between a word and a capitalised one or a
# figure ("prosecutors - Orozco", "province - 10"), between two capitalised words ("Williams - Esther") or two
# figures ("12 - 3 votes").
_CLAUSE_WORDS = frozenset((
    "the a an this that these those he she it they we i you his her its their our my me him them us who whom whose "
    "which what where when while why how and or but nor so yet if as because although though was were is are be "
    "been being has have had will would can could should may might must do does did not to at by for from with "
    "without into onto about after before during since until including according despite against among many some "
    "most any each every one two three four five six seven eight nine ten only even just also then there here now "
    "saying said says").split())
_HEAD_WORDS = _CLAUSE_WORDS - frozenset(
    "a one two three four five six seven eight nine ten all so then now no must well".split())  # "two - year",
# "so - called", "then - assistant", "must - have": a compound's first word
_SPACED_HYPHEN = re.compile(r"(?<![\w-])([^\W_]+)((?: - [^\W_]+)+)(?![\w-])")
_TOKEN = re.compile(r"[^\W_]+")
_UNSPACED_HYPHEN = re.compile(r"[^\W\d_]-[^\W\d_]")
# A thousands separator a tokeniser spaced ("20, 000 people", "1, 300 federal scientists"), read only in an article
# that writes no number with it unspaced; never after a month's day ("May 1, 300 people") or a year ("2008, 300").
_SPACED_THOUSANDS = re.compile(r"(?<![\w.,])\d{1,3}(?:, \d{3})+(?!\d|[.,]\d)")
_UNSPACED_THOUSANDS = re.compile(r"\d,\d{3}")


class Spacing(NamedTuple):
    """How a tokenised article spaces what a writer does not: compounds' hyphens ("a high - risk area"), numbers'
    thousands separators ("20, 000 people"); each read only when the article never writes the unspaced form."""

    hyphens: bool = False
    thousands: bool = False


def article_spacing(article: str) -> Spacing:
    """What an article spaces as a tokeniser does: each form it never writes unspaced."""
    return Spacing(_UNSPACED_HYPHEN.search(article) is None, _UNSPACED_THOUSANDS.search(article) is None)


def _thousands_joined(t: str) -> str:
    """``t`` with its spaced thousands separators closed up, but not after a month ("May 1, 300 people")."""
    return _SPACED_THOUSANDS.sub(lambda m: m.group() if _MONTH_BEFORE.search(t, 0, m.start()) else
                                 m.group().replace(", ", ","), t)


def _compound_joined(m: re.Match) -> str:
    """A run of words with spaced hyphens between them, each hyphen closed up where it joins a compound."""
    words = [m.group(1)] + _TOKEN.findall(m.group(2))
    keep = [_dash(words[i], words[i + 1], words[i + 2] if i + 2 < len(words) else None,
                  words[i - 1] if i else None) for i in range(len(words) - 1)]
    return words[0] + "".join((" - " if dash else "-") + w for dash, w in zip(keep, words[1:], strict=True))


def _dash(left: str, right: str, after: str | None, before: str | None) -> bool:
    """Whether a spaced hyphen between ``left`` and ``right`` is a dash rather than a compound's hyphen (``after``:
    the word a further hyphen joins to ``right``, ``before``: the one joined to ``left`` before it)."""
    low, rlow = left.lower(), right.lower()
    if rlow in _CLAUSE_WORDS and (after is None or after.lower() in _CLAUSE_WORDS) and \
            not (before is not None and low in _CLAUSE_WORDS):
        return True  # "Ortiz - who", "crash - and"; but "hit - and - run", "son - in - law" are one word
    if low in _HEAD_WORDS and before is None and not (after is not None and rlow in _CLAUSE_WORDS):
        return True  # "and - despite", "the - lineup"
    if right[:1].isdigit():
        return True  # "province - 10", "12 - 3"
    if right[:1].isupper() and not (left[:1].isupper() and (after is not None or before is not None)):
        return True  # "prosecutors - Orozco", "Williams - Esther" (but "Hit - And - Run" is one word)
    return False


def tidy(text: str, spacing: Spacing = Spacing()) -> str:
    """Whitespace and punctuation spacing normalised: one space between words, none before , . ; : ! ? or
    a closing bracket or quote nor after an opening one or inside a time ("3: 30") or a word (``_INNER_SPACE``),
    one after a closing bracket or a comma before a letter; for an article spacing as a tokeniser does
    (:class:`Spacing`), none around a compound's hyphen (:func:`_dash`) nor after a thousands separator."""
    t = re.sub(r"\s+", " ", text).strip()
    t = re.sub(r"\s+([,;:!?)\]])", r"\1", t)
    t = re.sub(r"\s+\.(?=\s|$)", ".", t)
    t = re.sub(r"([(\[\u201c\u2018])\s+", r"\1", t)
    t = re.sub(r"(?<=[\w.,!?])\s+([\u201d\u2019])(?=\s|$|[\u201d\u2019\"])", r"\1", t)
    t = re.sub(r"\s+\u201d", "\u201d", t)
    t = re.sub(r"(?<=\d): (?=\d\d\b)", ":", t)
    t = _INNER_SPACE.sub("", t)
    t = _JOINED.sub(lambda m: (m.group(1) or m.group(2)) + "-", t)
    if spacing.hyphens:
        t = _SPACED_HYPHEN.sub(_compound_joined, t)
    if spacing.thousands:
        t = _thousands_joined(t)
    t = re.sub(r"([)\]])(?=[^\W\d_])", r"\1 ", t)
    t = re.sub(r"([,;])(?=[^\W\d_])", r"\1 ", t)
    return _straight_quotes(t)


# "Mannheim, Germany (Sports Network) -": a place (and a date) and a service's credit that wire.DATELINE does not
# know as an agency (it names the agencies a reprint is traced to).
# The credit is in words written in capitals and lower case ("(UN) -", a ticker's "(AAPL) -", are no credit).
_CREDIT_DATELINE = re.compile(r"^(?!(?:The|A|An)\s)[A-Z][\w.'-]*(?:,?\s+[A-Z][\w.'-]*){0,4}"
                              r"(?:,?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*"
                              r"\(\s*[A-Z][a-z][\w&]*(?:\s+(?:&|[A-Z][a-z][\w&]*)){0,3}\s*\)\s+[-\u2013\u2014]\s+")


def undated(text: str) -> str:
    """``text`` without a wire story's dateline ("INDIANAPOLIS (AP) — Kansas City Chiefs coach …", "Mannheim,
    Germany (Sports Network) - Wladimir Klitschko …"): the rest is still verbatim in the article."""
    m = DATELINE.match(text) or _CREDIT_DATELINE.match(text)
    return text[m.end():].lstrip() if m and text[m.end():].strip()[:1].isupper() else text


def _straight_quotes(text: str) -> str:
    """Straight double quotes spaced as curly ones: none inside a quote at its ends, one after it before a word
    (``"I'm satisfied, "said Klitschko`` -> ``"I'm satisfied," said Klitschko``). Only when the quote parser pairs
    the marks in order, first with second, and no opening mark is spaced as a closing one (``ever, " he said, "and``):
    a text starting inside a quotation is left as it is."""
    marks = [i for i, c in enumerate(text) if c == '"']
    if not marks or len(marks) % 2:
        return text
    pairs = list(zip(marks[::2], marks[1::2], strict=True))
    if not set(pairs) <= {(s - 1, e) for s, e, _ in quote_spans(text)}:
        return text
    if any(re.match(r'[,.!?] " ', text[a - 2:a + 2]) for a, _ in pairs):
        return text  # an opening mark spaced as a closing one: the text starts inside a quotation
    out, pos = [], 0
    for a, b in pairs:
        out += [text[pos:a + 1], text[a + 1:b].strip(), '"', " " if text[b + 1:b + 2].isalnum() else ""]
        pos = b + 1
    out.append(text[pos:])
    return "".join(out)


def squeeze(text: str) -> str:
    """``text`` without whitespace: the form in which a tidied sentence is verbatim in its source."""
    return re.sub(r"\s+", "", text)


def opens_on_reference(text: str) -> bool:
    """Whether a sentence opens on a reference to something not yet said ("He", "The 26-year-old", "But", "The
    second,"), also past opening phrases that name no one ("Early on Friday, the 26-year-old actress") or in one
    ("In this case,", "Since that win over Monte Barrett,"); not a description followed by the full name it
    describes ("The drag star RuPaul Andre Charles", but "The veteran Kremlin leader" is one)."""
    t = fold(text).strip()
    starts = _clause_starts(t)
    if any(_DEMONSTRATIVE_IN_PHRASE.search(t, 0, end) for end in starts[1:]):
        return True  # "In this case, several sources said …"
    opening = _OPENING_PHRASE.match(t)
    if opening is not None and _DEMONSTRATIVE_OPENING.match(opening.group()):
        return True  # "Since that win over Monte Barrett, Rahman has gone 4-2-1"
    for start in starts:
        m = _OPENER_REFERENCE.match(t[start:])
        described = m is not None and m.group().lower().lstrip("\"'([").startswith("the")
        if m and not (described and _FULL_NAME.match(t[start + m.end():].lstrip())):
            return True
    return False


_FULL_NAME = re.compile(r"[A-Z][\w'-]*\s+[A-Z][\w'-]*")  # "RuPaul Andre", not "Kremlin leader"


def _clause_starts(text: str) -> list[int]:
    """Where a sentence's main clause may start: at 0, and past each of up to two opening phrases that name no one
    (``_OPENING_PHRASE``)."""
    starts = [0]
    phrase = _OPENING_PHRASE.match(text)
    while phrase and len(starts) < 3 and not any(_NAME_WORD.fullmatch(w) and w not in _NOT_A_REFERENT
                                                 for w in phrase.group().split()[len(starts) == 1:]):
        starts.append(phrase.end())
        phrase = _NEXT_PHRASE.match(text, phrase.end())
    return starts


# A pronoun for one person ("they" may stand for "residents"), and the words that can name its person (a capitalised
# word that is not a function word, a month or a day).
_PERSON_PRONOUN = re.compile(r"\b(?:he|she|him|her|his|hers)\b", re.IGNORECASE)
_NAME_WORD = re.compile(r"\b[A-Z][\w'-]*")
_NOT_A_REFERENT = frozenset(
    "After Before While Although Though Since With Without For From By Of To Despite Because Once Until Over Under "
    "During Amid Among Meanwhile However There Here What Who Why How Where Which Some Many Most All One Two Its Our "
    "My Your I January February March April May June July August September October November December Monday "
    "Tuesday Wednesday Thursday Friday Saturday Sunday".split()) | _NOT_A_NAME
# "…, but that gives", "… and this means": a demonstrative standing for something said before.
_DEMONSTRATIVE_SUBJECT = re.compile(
    r"(?:,|\b(?:but|and|so|because))\s+(?:that|this|these|those)\s+(?:is|was|are|were|gives|gave|means|meant|shows|"
    r"showed|makes|made|has|had|will|would|could|can|may|might|should|must|seems|seemed|suggests|suggested)\b",
    re.IGNORECASE,
)
# "followed this with", "do this instead", "experts say these were", "THIS might", "A major part of that is": a
# demonstrative with no noun of its own.
_DEMONSTRATIVE_PRONOUN = re.compile(
    r"\b(?:this|these|those)(?:\s+(?:with|instead|is|was|are|were|will|would|could|can|might|may|must|should|has|"
    r"had|means|meant)\b|\s*[.,;:!?])"
    r"|\b(?:of|about|for|with|from|by)\s+that\s+(?:is|was|are|were|will|would|could|can|might|may|has|had|means)\b",
    re.IGNORECASE,
)
# "Senior leadership at the Times did.": a sentence ending on an auxiliary leaves its verb to the sentence before.
_ELLIPTICAL_END = re.compile(
    r"\b(?:did|does|do|has|have|had|can|could|would|will|should)(?:\s+(?:not|too|so))?\s*[.!]$", re.IGNORECASE)
# "these women", "all that data", "in that case": a plural demonstrative, or "that" after a preposition, before a
# noun points back, unless it tells the time ("in that year") or is a pronoun before a clause, a preposition or a
# participle ("those who", "those in need", "those wrongfully arrested"). "this race" may be the story's own.
_TIME_NOUN = (r"(?:year|week|weekend|month|morning|afternoon|evening|night|season|spring|summer|autumn|fall|winter|"
              r"time|decade|century|past|coming|day|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|"
              r"february|march|april|may|june|july|august|september|october|november|december)\b")
_FUNCTION_WORD = (r"(?:who|whom|whose|which|that|of|in|on|at|with|for|from|by|to|like|not|is|was|are|were|be|have|has|"
                  r"had|will|would|can|could|may|might|must|should|and|or|but|\w+ed|\w+ly)\b")
_DEMONSTRATIVE_NOUN = re.compile(
    rf"\b(?:(?:these|those)\s+(?!{_FUNCTION_WORD})|(?:all|of|in|at|by|from|for|on|with)\s+that\s+"
    rf"(?!{_TIME_NOUN}|{_FUNCTION_WORD}))[a-z]",
    re.IGNORECASE,
)
# "McConnell, on the other hand, is …", "DeGeneres however, has …": a connective set off after the subject still
# points back.
_INNER_CONNECTIVE = re.compile(
    r"^[^,]{1,60}(?:,\s*|\s+(?=however,))(?:on the other hand|however|meanwhile|too|also|though|instead|in turn|"
    r"as well|in contrast|by contrast|for (?:his|her|their|its) part|in response|likewise|similarly|nevertheless|"
    r"nonetheless),",
    re.IGNORECASE,
)


class StoryNames(NamedTuple):
    """Capitalised words of a story's entity names (:func:`story_names`); empty when not known."""

    people: frozenset[str] = frozenset()  # words of its people's names, casefolded
    not_people: frozenset[str] = frozenset()  # words of its places, groups and acronyms no person's name shares
    # people's short forms: surnames and lone given names ("O'Brien", "Tony"), which a full name introduces
    short_forms: frozenset[str] = frozenset()


def story_names(entities: Sequence[dict]) -> StoryNames:
    """The :class:`StoryNames` of a story's entity items. Organisations count as no person only by an acronym
    ("NATO"): a small NER model often labels a person's name an organisation. A person's short forms are the
    surname of each of its full names (two capitalised words or more, titles left out) and its one-word forms
    ("Tony" for "Tony Thompson"), unless a place or an acronym is written so."""
    def words(labels: set[str]) -> set[str]:
        return {w for e in entities if e["label"] in labels for f in e["forms"] for w in f.split() if w[:1].isupper()}
    people = words({"PERSON"})
    acronyms = {w for w in words({"ORG"}) if len(w) > 1 and w.isupper()}
    places = words({"GPE", "LOC", "NORP", "FAC"})
    shorts: set[str] = set()
    for e in entities:
        forms = [_name_words(f) for f in e["forms"]] if e["label"] == "PERSON" else []
        if any(len(n) >= 2 for n in forms):
            shorts |= {n[-1] for n in forms if len(n) >= 2} | {n[0] for n in forms if len(n) == 1}
    return StoryNames(frozenset(w.casefold() for w in people), frozenset((places | acronyms) - people),
                      frozenset(shorts - places - acronyms - _NOT_A_REFERENT))


def _name_words(form: str) -> list[str]:
    """A name form's capitalised words after any title or honorific ("Actress Lindsay Lohan": Lindsay, Lohan)."""
    names = [_possessive_stem(w) for w in form.split() if w[:1].isupper()]
    while names and names[0].lower().rstrip(".") in ROLE_WORDS | HONORIFICS:
        names = names[1:]
    return names


# "Jim O'Brien", "Tony Thompson", "President Obama": a short form next to another word of a name, or after a title or
# role, is said in full; "the Bush administration" uses a name, it does not call a person by it.
_LOWER_WORD = re.compile(r"\b[a-z][\w'-]*")  # "fire" in the story: "Fire" opening a sentence is no surname
_ATTRIBUTIVE = re.compile(r"\b[Tt]he\s+$")
_BEFORE = re.compile(r"(?:^|\s)([A-Z][\w'.-]*)\s+$")
_AFTER = re.compile(r"\s+(?:[A-Z]\.\s+)?([A-Z][\w'-]*)")


def _in_full(text: str, m: re.Match) -> bool:
    """Whether a short form's occurrence ``m`` is part of a full name or follows a title or role."""
    before = _BEFORE.search(text, 0, m.start())
    if before and before.group(1) not in _NOT_A_REFERENT and before.group(1).lower().rstrip(".") not in HONORIFICS:
        return True
    after = _AFTER.match(text, m.end())
    return bool(after and after.group(1) not in _NOT_A_REFERENT)


def _mentions(text: str, short: str) -> Iterator[re.Match]:
    return re.finditer(rf"(?<![\w'-]){re.escape(short)}(?![\w-])", text)


class Need(NamedTuple):
    """What an item leans on that an item before it (or the story's title) must have said: a person called by a
    short form (``name``: "O'Brien") or a thing by a bare definite description (``thing``: the stem of "parade")."""

    kind: Literal["name", "thing"]
    word: str


# "The parade was intended to …", "The powder is being analysed": a sentence opening on "the", at most two lower-case
# words and its noun, and a verb right after: a thing said before (not "The murder trial of …", "The fear among …").
_BARE_DESCRIPTION = re.compile(r"[\"'(\[]*The\s+(?:[a-z][\w-]*\s+){0,2}?(?P<head>[a-z][\w-]*)\s+(?:(?:is|are|was|were|"
                               r"has|have|had|will|would|could|can|may|might|must|did|does|do)\b|[a-z]+(?:ed|s)\b)")
# Things every reader knows without being told which
_KNOWN_THINGS = frozenset({"government", "police", "public", "economy", "weather", "world", "market", "markets",
                           "military", "army", "internet", "sun", "moon", "country", "nation", "law", "media", "press"})


def unintroduced(text: str, names: StoryNames) -> frozenset[Need]:
    """What ``text`` leans on (:class:`Need`): the short forms of people ("O'Brien sued", "Tony was exhibiting") it
    uses before it says the name in full or gives a title ("Jim O'Brien", "President Obama"), a name used as an
    adjective ("the Bush administration") calling no one; and a thing it opens on by a bare definite description
    ("The parade was intended to celebrate …")."""
    firsts = ((short, next(_mentions(text, short), None)) for short in names.short_forms)
    needs = {Need("name", short) for short, m in firsts
             if m is not None and not _in_full(text, m) and not _ATTRIBUTIVE.search(text, 0, m.start())}
    described = _BARE_DESCRIPTION.match(fold(text))
    if described is not None and described.group("head") not in _KNOWN_THINGS:
        needs.add(Need("thing", _stem(described.group("head"))))
    return frozenset(needs)


def introduced(needs: frozenset[Need], said: str) -> bool:
    """Whether ``said`` (the items before, or the title) says what each of ``needs`` leans on
    (:func:`unintroduced`): a person in full or after a title, not as an adjective ("the O'Brien case"); a thing by
    a word of the same stem ("parades")."""
    stems = {_stem(w) for w in _LOWER_WORD.findall(said.lower())} if any(n.kind == "thing" for n in needs) else set()
    return all(n.word in stems if n.kind == "thing" else
               any(_in_full(said, m) and not _ATTRIBUTIVE.search(said, 0, m.start()) for m in _mentions(said, n.word))
               for n in needs)


# "a Michigan man", "the 59-year-old woman", "one former employee": a person described, whom a "he" or "she" after
# it may stand for.
_PERSON_DESCRIBED = re.compile(
    r"\b(?:a|an|the|one)\s+(?:[\w'-]+\s+){0,3}?(?:man|woman|boy|girl|teenager|teen|suspect|employee|worker|officer|"
    r"driver|gunman|resident|mother|father|son|daughter|wife|husband|actor|actress|singer|player|student|patient|"
    r"victim|passenger|pilot|soldier|veteran|spokesman|spokeswoman|official|leader|candidate)\b",
    re.IGNORECASE,
)


def refers_back(text: str, lead_in: str = "", names: StoryNames = StoryNames()) -> bool:
    """Whether an item's text leans on something not said in it: its first sentence (``lead_in`` when the item
    is a sentence kept with the one before it, else the whole text) opens on a reference
    (:func:`opens_on_reference`), sets a connective off after its subject, or uses a demonstrative for something
    ("but that gives", "followed this with", "these women" outside a quotation), or ends on an auxiliary ("… did.");
    or, anywhere in the text, a
    pronoun for one person comes before every name or description that could be its person (a pronoun in an
    opening clause may look ahead to the name starting the next: "As she seeks a third term, Kathryn Barger …").
    ``names`` tells which words name no person ("Russia") and whether a sentence's capitalised first word is a
    name. The later sentence of a pair may point back to its lead-in."""
    t = fold(text).strip()
    first = fold(lead_in).strip() or t
    if (opens_on_reference(first) or _INNER_CONNECTIVE.match(first) or _DEMONSTRATIVE_SUBJECT.search(first)
            or _DEMONSTRATIVE_PRONOUN.search(first) or _DEMONSTRATIVE_NOUN.search(_outside_quotes(first))
            or _ELLIPTICAL_END.search(first)):
        return True
    pronoun = _PERSON_PRONOUN.search(t)
    if pronoun is None:
        return False
    referents = [m.start() for m in _NAME_WORD.finditer(t) if _may_name_a_person(t, m, names)]
    referents += [m.start() for m in _PERSON_DESCRIBED.finditer(t)]
    if any(start < pronoun.start() for start in referents):
        return False
    clause_end = t.find(",", pronoun.end())
    return not (clause_end >= 0 and _next_word(t, clause_end + 1) in referents)


def _may_name_a_person(text: str, word: re.Match, names: StoryNames) -> bool:
    """Whether a capitalised word may be (part of) a person's name: not a function word, month or day, no
    place or group of the story, and, first in a sentence (capitalised anyway), a word of the story's people."""
    stem = _possessive_stem(word.group())
    if word.group().strip("'") in _NOT_A_REFERENT or stem in names.not_people:
        return False
    at_sentence_start = not text[:word.start()].strip(" \"'(") or text[:word.start()].rstrip()[-1:] in ".!?"
    return not (at_sentence_start and names.people) or stem.casefold() in names.people


def _possessive_stem(word: str) -> str:
    """"Russia's" -> "Russia"."""
    return re.sub(r"'s?$", "", word.strip("'"))


def _next_word(text: str, pos: int) -> int:
    """Where the first word at or after ``pos`` starts."""
    while pos < len(text) and not text[pos].isalnum():
        pos += 1
    return pos


def is_bare_quote(text: str, quoted: float) -> bool:
    """Mostly a quotation, with no speaker named in the sentence outside the quotation marks ("he said" does not
    name one)."""
    if quoted < QUOTED_SHARE:
        return False
    outside = _outside_quotes(fold(text))
    if not _SPEECH_CUE.search(outside):
        return True
    names = [w for w in _SPEAKER_WORD.findall(outside) if w not in _NOT_A_NAME and not _SPEECH_CUE.fullmatch(w)]
    return not names


def _outside_quotes(text: str) -> str:
    spans = quote_spans(text)
    out, pos = [], 0
    for s, e, _ in spans:
        out.append(text[pos:s])
        pos = e
    out.append(text[pos:])
    return " ".join(out)


# "David Lauter is a senior editor at the Los Angeles Times, based in Washington": a note on the writer, not news.
_WRITER_NOTE = re.compile(
    r"^(?:[A-Z][\w.'-]*\s+){1,4}(?:is|was|has been)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:editor|reporter|"
    r"correspondent|writer|columnist|journalist|contributor|producer|critic)s?\b(?:\s+(?:at|for|of|with)\b|,|\.)"
)


# "The Associated Press created this story using …", "Since this article was written, …": the page about itself.
_ABOUT_THE_PAGE = re.compile(r"\bthis (?:story|article|report|page|post)\b|\bhas more(?: here| on this)?:",
                             re.IGNORECASE)  # ("Alaska Dispatch has more here: By the mid-1980s, …": a link's text)
# "As a back-up plan to a failure to land Teixeira, yes.": an answer to a question the reader has not seen
_ANSWER_END = re.compile(r",\s+(?:yes|no)[.!]$", re.IGNORECASE)

# "THREE PEOPLE HAVE DIED IN A BLAZE": four words or more in capitals are a shout or a run-in headline, not a
# sentence to show.
_SHOUTED = re.compile(r"\b[A-Z][A-Z'-]+(?:\s+[A-Z][A-Z'-]*){3,}\b")

# "Join us and follow all the action live", "Read up on the races", "Sign up for our newsletter": the page speaking
# to its reader (an imperative, or "you" outside any quotation), not news.
_TO_THE_READER = re.compile(
    r"^\W*(?:please\s+)?(?:join|follow|read|sign|click|tap|subscribe|watch|listen|download|visit|scroll|register|"
    r"check|see|find|get|stay|keep|catch|don't|do not|make sure|let us|let's)(?![\w'-])"
    r"|\b(?:you|your|yours|yourself)\b",
    re.IGNORECASE,
)


# "There's a lot to unpack here, so bear with me.", "Soon, with co-author James Swanson, I embarked on …": the
# writer speaking in the first person outside any quotation, not news ("I" not after a capitalised word: "World
# War I", "Elizabeth I").
_WRITER_VOICE = re.compile(r"\b(?:me|my|myself)\b|^\W*My\b"
                           r"|(?:^|(?<=[^\w\s])|(?<=\b[a-z]))\s*\bI\b(?=\s*['\u2019]?\s*[a-z])")

# "CLAIM: …", "LAURA INGRAHAM: Joining me now …", "A: I cannot comment …", "About the prison: The unit …": a label in
# capitals, or of up to three words, before a colon: a transcript's speaker, a form's field or a fact check's claim.
_LABEL = re.compile(r"^[\"'(]*(?:[A-Z][A-Z0-9 .'&-]{0,40}|[A-Z][\w'-]*(?:\s+[\w'-]+){0,2}):\s+[A-Z0-9]")

# "… headed for the scene On sighting the helicopter, the pirates …", "… the polar bears The rule change has …": a
# sentence run into the next (or a subheading run into its text) where the source lost the full stop between them: a
# capitalised word that opens clauses, after a word in lower case and before one.
_RUN_ON = re.compile(r"(?<=[a-z0-9,)]) (?:The|On|In|An|After|But|He|She|It|They|We|This|These|Those|His|Her|Their|"
                     r"When|While|At|For|If)\s+[a-z]")


def stands_alone(text: str, tokens: list[str], quoted: float | None = None, lead_in: str = "",
                 split_quote: bool = False, names: StoryNames = StoryNames()) -> bool:
    """Whether a sentence (or a sentence with its lead-in: ``text`` holds both, ``lead_in`` the first) can be
    shown on its own: a bounded length, a capital start, a final . or !, no unbalanced quote, no note on the
    writer, no shouting, no label before a colon, no words to the reader or about the page itself, no two
    sentences run together (a lost full stop), nothing it leans on left unsaid (:func:`refers_back`), not a bare
    quote. ``quoted``: the share of it inside quotation marks of its paragraph (default: measured in the sentence
    alone); ``names`` as for :func:`refers_back`."""
    if not (MIN_WORDS <= len(tokens) <= (PAIR_MAX_WORDS if lead_in else MAX_WORDS)):
        return False
    t = fold(text).strip()
    if not t or t[0].islower() or t[0] in "(-:;,.":
        return False  # (":: My deepest condolences": a page's glyphs before the sentence)
    if t.rstrip("\"')").rstrip()[-1:] not in ".!":
        return False
    if split_quote or t.count('"') % 2 or (t[0] == "'" and len(_SINGLE_QUOTE.findall(t)) % 2):
        return False  # a piece of a quote split across sentences
    if refers_back(t, lead_in, names) or _WRITER_NOTE.match(t) or _SHOUTED.search(t) or _LABEL.match(t) or \
            _ANSWER_END.search(fold(lead_in).strip() or t):
        return False
    outside = _outside_quotes(t)
    if _TO_THE_READER.search(outside) or _ABOUT_THE_PAGE.search(outside) or _WRITER_VOICE.search(outside) or \
            _RUN_ON.search(outside):
        return False
    if quoted is None:
        quoted = sum(e - s for s, e, _ in quote_spans(t)) / len(t)
    return not is_bare_quote(t, quoted)


def summary_candidates(clusters: list[list[Sentence]], sentences: dict[int, list[Sentence]], texts: dict[int, str],
                       sources: dict[int, str]) -> list[SummaryCandidate]:
    """One candidate per sentence cluster, and for a sentence that opens on a reference one more: the sentence
    with the one before it in its articles (carried by the articles where both are consecutive)."""
    cluster_of = {(m.article_id, m.index): ci for ci, members in enumerate(clusters) for m in members}
    n_sent = {aid: max(1, len(sents)) for aid, sents in sentences.items()}
    quoted = _QuotedShare(texts)
    spacing = {aid: article_spacing(text) for aid, text in texts.items()}  # read once per article
    out = []
    for members in (group for c in clusters if c for group in _by_figures(c)):
        wordings = Counter(squeeze(m.text) for m in members)
        rep = next(m for m in members if wordings[squeeze(m.text)] == max(wordings.values()))
        ids = sorted({m.article_id for m in members})
        rel: dict[int, float] = {}
        for m in members:
            rel.setdefault(m.article_id, m.index / n_sent[m.article_id])
        described = _describes_previous(rep, sentences[rep.article_id])
        if not described:
            text = undated(tidy(rep.text, spacing[rep.article_id]))
            out.append(SummaryCandidate(text, rep.tokens, _holding(text, [(m.article_id, m.text) for m in members]),
                                        _outlets(ids, sources), rel, quoted(rep), split_quote=quoted.splits(rep, rep),
                                        index=min(m.index for m in members)))
        if described or opens_on_reference(rep.text) or _DEMONSTRATIVE_NOUN.search(_outside_quotes(fold(rep.text))):
            pair = _with_lead_in(members, sentences, texts, sources, cluster_of, n_sent, quoted, spacing)
            if pair is not None:
                out.append(pair)
    return out


def _by_figures(members: list[Sentence]) -> list[list[Sentence]]:
    """A cluster's sentences in groups that give the same numbers: "Five people were injured in Leeds" and "Two people
    were injured in Leeds" are one outlet's figure each, not one sentence carried by both."""
    numbers = [tuple(t for t in m.tokens if t[:1].isdigit() or t in _NUMBER_WORDS) for m in members]
    if len(set(numbers)) == 1:
        return [members]
    figures_of: dict[tuple[str, ...], _Figures] = {}
    groups: list[tuple[_Figures, list[Sentence]]] = []
    for m, given in zip(members, numbers, strict=True):
        if given not in figures_of:  # the same numbers, read once
            figures_of[given] = _figures(m.text, m.tokens)
        figures = figures_of[given]
        group = next((g for f, g in groups if not _differ(f, figures)), None)
        if group is None:
            groups.append((figures, [m]))
        else:
            group.append(m)
    return [g for _, g in groups]


# "The study compared …": a sentence opening on "the" and words in lower case.
_DEFINITE_OPENER = re.compile(r"[\"'(\[]*the\s+([a-z][\w'-]*)(?:\s+([a-z][\w'-]*))?", re.IGNORECASE)


def _describes_previous(s: Sentence, article: list[Sentence]) -> bool:
    """Whether a sentence opens (past opening phrases that name no one) on a definite description of something the
    sentence before it in its paragraph, or at the end of the one before, introduced: one of its first two words
    in lower case is a content word of that sentence ("A new study shows …" / "The study compared …")."""
    if s.index == 0 or article[s.index - 1].para < s.para - 1:
        return False
    t = fold(s.text).strip()
    m = next((m for m in (_DEFINITE_OPENER.match(t, i) for i in _clause_starts(t)) if m), None)
    if m is None:
        return False
    words = [w for w in m.groups() if w and w.islower()]
    return bool(_content(words) & _content(article[s.index - 1].tokens))


def _holding(text: str, written: list[tuple[int, str]]) -> list[int]:
    """The articles whose own wording (``written``: article id, its sentence) holds ``text``, whitespace aside: an
    item links only where a reader finds it, not the articles that carry its fact in other words (those still count
    as its outlets)."""
    kept = squeeze(text)
    return sorted({aid for aid, wording in written if kept in squeeze(wording)})


def _outlets(article_ids: list[int], sources: dict[int, str]) -> int:
    """Distinct outlets of these articles; each article of no known outlet counts as one of its own."""
    return len({sources[i] if sources[i] not in ("", UNKNOWN_OUTLET) else i for i in article_ids})


def _with_lead_in(members: list[Sentence], sentences: dict[int, list[Sentence]], texts: dict[int, str],
                  sources: dict[int, str], cluster_of: dict[tuple[int, int], int], n_sent: dict[int, int],
                  quoted: _QuotedShare, spacing: dict[int, Spacing]) -> SummaryCandidate | None:
    """The members' sentence kept with the sentence before it: the previous sentence most members share
    (``spacing``: each article's, :func:`article_spacing`)."""
    pairs: list[tuple[Sentence, Sentence]] = []
    for m in members:
        if m.index > 0:
            p = sentences[m.article_id][m.index - 1]
            if (p.para >= m.para - 1 and (m.article_id, p.index) in cluster_of and not opens_on_reference(p.text)
                    and not _describes_previous(p, sentences[m.article_id])
                    and _contained(_content(p.tokens), _content(m.tokens)) < CONTAIN_CUT):
                pairs.append((m, p))  # (not a sentence restating the one before: "The murder trial of … starts
                # Monday. The murder trial for … starts Monday.")
    if not pairs:
        return None
    votes = Counter(cluster_of[(p.article_id, p.index)] for _, p in pairs)
    best = votes.most_common(1)[0][0]
    pairs = [(m, p) for m, p in pairs if cluster_of[(p.article_id, p.index)] == best]
    m, p = pairs[0]
    ids = sorted({x.article_id for x, _ in pairs})
    rel: dict[int, float] = {}
    for x, q in pairs:
        rel.setdefault(x.article_id, q.index / n_sent[x.article_id])
    share = (quoted(p) * len(p.text) + quoted(m) * len(m.text)) / max(1, len(p.text) + len(m.text))
    text = undated(tidy(texts[m.article_id][p.start:m.end], spacing[m.article_id]))
    held = _holding(text, [(x.article_id, texts[x.article_id][q.start:x.end]) for x, q in pairs])
    return SummaryCandidate(text, p.tokens + m.tokens, held, _outlets(ids, sources), rel, share,
                            lead_in=undated(tidy(p.text, spacing[m.article_id])),
                            split_quote=quoted.splits(p, m), index=min(q.index for _, q in pairs))


class _QuotedShare:
    """Share of a sentence's characters that lie inside quotation marks of its paragraph (cached per paragraph)."""

    def __init__(self, texts: dict[int, str]) -> None:
        self._texts = texts
        self._paragraphs: dict[int, list[tuple[int, int]]] = {}
        self._spans: dict[tuple[int, int], list[tuple[int, int]]] = {}

    def _paragraph_spans(self, aid: int, para: int) -> list[tuple[int, int]]:
        if (aid, para) not in self._spans:
            text = self._texts[aid]
            if aid not in self._paragraphs:
                self._paragraphs[aid] = paragraphs(text)
            ps, pe = self._paragraphs[aid][para]
            # LaTeX-style quotes (``...'') as in detokenised corpora, same length so offsets hold.
            par = text[ps:pe].replace("``", " \u201c").replace("''", "\u201d ")
            self._spans[(aid, para)] = [(ps + b, ps + e) for b, e, _ in quote_spans(par)]
        return self._spans[(aid, para)]

    def __call__(self, s: Sentence) -> float:
        inside = sum(max(0, min(e, s.end) - max(b, s.start)) for b, e in self._paragraph_spans(s.article_id, s.para))
        return inside / max(1, s.end - s.start)

    def splits(self, first: Sentence, last: Sentence) -> bool:
        """Whether the text from ``first`` to ``last`` starts or ends inside a quotation that goes on beyond it."""
        spans = self._paragraph_spans(first.article_id, first.para)
        if last.para != first.para:
            spans = spans + self._paragraph_spans(last.article_id, last.para)
        return any(b < first.start < e or b < last.end - 1 < e - 1 for b, e in spans)


def _vectorise(docs: list[list[str]]):
    """Unit TF-IDF vectors (a sparse matrix, one row per token list; ValueError when no list has a term): the
    vectors of scikit-learn's ``TfidfVectorizer(sublinear_tf=True)`` over the tokens not stop words and longer
    than one character, to the bit (same column order, same order of the values in a row), without importing
    scikit-learn (~0.7 s per process)."""
    from scipy.sparse import csr_matrix

    vocabulary: dict[str, int] = {}  # term -> column, in the order first seen (sorted by term below)
    indices: list[int] = []
    counts: list[int] = []
    indptr = [0]
    for toks in docs:
        row = Counter(vocabulary.setdefault(t, len(vocabulary)) for t in toks
                      if t not in ENGLISH_STOP_WORDS and len(t) > 1)
        for column in sorted(row):
            indices.append(column)
            counts.append(row[column])
        indptr.append(len(indices))
    if not vocabulary:
        raise ValueError("empty vocabulary")
    by_term = np.empty(len(vocabulary), dtype=np.int64)
    for rank, (_term, column) in enumerate(sorted(vocabulary.items())):
        by_term[column] = rank
    columns = by_term.take(np.asarray(indices, dtype=np.int64))
    data = np.log(np.asarray(counts, dtype=np.float64)) + 1.0
    df = np.bincount(columns, minlength=len(vocabulary)).astype(np.float64) + 1.0
    idf = np.full_like(df, len(docs) + 1, dtype=np.float64)
    idf /= df
    idf = np.log(idf) + 1.0
    data *= idf[columns]
    bounds = np.asarray(indptr)
    for i in range(len(docs)):
        row_data = data[bounds[i]:bounds[i + 1]]
        total = 0.0
        for value in row_data.tolist():  # summed in the row's order, as scikit-learn does
            total += value * value
        if total:
            row_data /= math.sqrt(total)
    return csr_matrix((data, columns, bounds), shape=(len(docs), len(vocabulary)))


def lexrank(sim: np.ndarray, threshold: float = 0.1, damping: float = 0.85, iters: int = 50) -> np.ndarray:
    n = sim.shape[0]
    if n == 0:
        return np.zeros(0)
    adj = np.where(sim >= threshold, sim, 0.0)
    np.fill_diagonal(adj, 0.0)
    rows = adj.sum(axis=1, keepdims=True)
    trans = np.divide(adj, rows, out=np.full_like(adj, 1.0 / n), where=rows > 0)
    p = np.full(n, 1.0 / n)
    for _ in range(iters):
        new = (1 - damping) / n + damping * trans.T @ p
        if np.abs(new - p).sum() < 1e-8:
            p = new
            break
        p = new
    return p


def summarise(candidates: list[SummaryCandidate], n_sentences: int = 4, titles: Sequence[tuple[int, str]] = (),
              names: StoryNames = StoryNames()) -> tuple[list[dict], str | None]:
    """(summary items, most central headline) for a story; ``names`` as for :func:`refers_back`.

    A sentence item is ``{kind: "sentence", text, article_ids}``; a conflict item is ``{kind: "conflict", text,
    article_ids, values: [{value, article_ids}]}`` and follows the sentence stating one of its values.
    """
    n_sentences = max(1, int(n_sentences))
    pool = [c for c in candidates
            if stands_alone(c.text, c.tokens, c.quoted, c.lead_in, c.split_quote, names)]
    if not pool:
        return [], (titles[0][1] if titles else None)
    docs = [c.tokens for c in pool]
    title_docs = [norm_tokens(t) for _, t in titles]
    try:
        X = _vectorise(docs + title_docs)
    except ValueError:  # empty vocabulary
        return ([_sentence_item(c) for c in pool[:n_sentences]], (titles[0][1] if titles else None))
    S = X[: len(docs)]
    sim = (S @ S.T).toarray()
    central = lexrank(sim)
    central = central / (central.max() or 1.0)
    others = [(c, _figures(c.text, c.tokens)) for c in candidates]
    figures_of = {id(c): f for c, f in others}
    figures = [_with_sentences(figures_of[id(c)], c) for c in pool]
    title = _central_title(X[len(docs):], S, central, titles) if titles else None
    needs = _needs(pool, names, title or "")
    chosen = _select(pool, sim, central, figures, n_sentences, needs)
    summary: list[dict] = []
    stated = _stated(others)
    for i in _reading_order(chosen, pool, needs):
        summary.append(_sentence_item(pool[i]))
        for conflict in _conflicts(pool[i], figures[i], others, stated):
            _add_conflict(summary, conflict)
    return summary, title


def _add_conflict(summary: list[dict], conflict: dict) -> None:
    """Add a conflict item, or fold it into the one already shown between the same values as written, when no
    article would then give two of them (the magnitude is 5.9 [8] or 6.1 [9] after one sentence, 6.1 [1] or 5.9 [6]
    after another: one item, 5.9 [6][8], 6.1 [1][9]; but 3 dead [1][2] or 4 [3][4], then 4 children [1][2] or 3
    [3][4], are two disagreements)."""
    values = {v["value"]: set(v["article_ids"]) for v in conflict["values"]}
    for shown in (s for s in summary if s.get("kind") == "conflict"):
        before = {v["value"]: set(v["article_ids"]) for v in shown["values"]}
        merged = {value: before[value] | values.get(value, set()) for value in before}
        if set(before) != set(values) or any(merged[a] & merged[b] for a in merged for b in merged if a < b):
            continue
        for v in shown["values"]:
            v["article_ids"] = sorted(merged[v["value"]])
        shown["article_ids"] = sorted(set().union(*merged.values()))
        return
    summary.append(conflict)


def _needs(pool: list[SummaryCandidate], names: StoryNames, title: str) -> list[frozenset[Need]]:
    """What each candidate leans on (:func:`unintroduced`) that the story's title does not say. A word the story
    writes in lower case is no surname ("Fire" opening a sentence); a person no candidate introduces holds no
    item back (nothing could come first), a thing no candidate names does."""
    common = {w for c in pool for w in _LOWER_WORD.findall(c.text)}
    names = names._replace(short_forms=frozenset(w for w in names.short_forms if w.casefold() not in common))
    needs = [frozenset(n for n in unintroduced(c.text, names) if not introduced(frozenset({n}), title)) for c in pool]
    people = [Need("name", short) for short in names.short_forms]
    named = {n for c in pool for n in people if introduced(frozenset({n}), c.text)}
    return [frozenset(n for n in ns if n.kind == "thing" or n in named) for ns in needs]


def _with_sentences(figures: _Figures, c: SummaryCandidate) -> _Figures:
    """``figures`` with the content words of each of the item's two sentences, when it has two."""
    if not c.lead_in or not c.text.startswith(c.lead_in):
        return figures
    parts = (_content(norm_tokens(c.lead_in)), _content(norm_tokens(c.text[len(c.lead_in):])))
    return replace(figures, sentences=parts)


def _sentence_item(c: SummaryCandidate) -> dict:
    return {"kind": "sentence", "text": c.text, "article_ids": c.article_ids}


def _opened(c: SummaryCandidate) -> int:
    """How many articles open with this item."""
    return sum(v == 0.0 for v in c.rel_pos.values())


def _select(pool: list[SummaryCandidate], sim: np.ndarray, central: np.ndarray, figures: list[_Figures],
            n_sentences: int, needs: list[frozenset[Need]]) -> list[int]:
    """The opening sentence most articles share (ties: the best scored) first, then MMR over LexRank centrality
    x coverage x lead prior; never two items stating the same fact, nor an item calling a person by a short form
    no item chosen before introduces (``needs``, :func:`unintroduced`); after an opening first item (not one
    written as a title), the lead of an article not carrying it only when no other candidate is left
    (:func:`_restates_opening`)."""
    score = np.array([
        central[i] * (1.0 + 0.5 * math.log1p(max(0, c.sources - 1)))
        * (1.0 + LEAD_WEIGHT * max(0.0, 1.0 - min(c.rel_pos.values(), default=1.0) / LEAD_SPAN))
        for i, c in enumerate(pool)
    ])
    opened = [_opened(c) for c in pool]
    leads = [c.index < LEAD_SENTENCES for c in pool]
    chosen: list[int] = []
    alone = [i for i in range(len(pool)) if not needs[i]]
    if max((opened[i] for i in alone), default=0):
        chosen.append(max(alone, key=lambda i: (opened[i], score[i])))
    remaining = set(range(len(pool))) - set(chosen)
    while remaining and len(chosen) < n_sentences:
        said = " ".join(pool[j].text for j in chosen)

        def value(i: int) -> float:
            return MMR_LAMBDA * score[i] - (1 - MMR_LAMBDA) * max((sim[i, j] for j in chosen), default=0.0)
        ranked = sorted((i for i in remaining if not any(
            _same_fact(i, j, sim, figures, leads[i] and leads[j] and _apart(pool[i], pool[j])) for j in chosen)),
            key=value, reverse=True)
        if chosen and opened[chosen[0]] and not written_as_title(pool[chosen[0]].text):
            ranked.sort(key=lambda i: _restates_opening(pool, leads, figures, chosen[0], i))  # (a stable sort: by value
            # within each part; a first item written as a title may only hint at the event the leads state)
        pick = None
        for i in ranked:
            missing = frozenset(need for need in needs[i] if not introduced(frozenset({need}), said))
            if not missing:
                pick = i
                break
            if len(chosen) + 1 < n_sentences:  # room for the item introducing its people first
                pick = next((k for k in ranked if introduced(missing, pool[k].text) and introduced(needs[k], said)),
                            None)
                if pick is not None:
                    break
        if pick is None:
            break
        chosen.append(pick)
        remaining.discard(pick)
    return chosen


def _restates_opening(pool: list[SummaryCandidate], leads: list[bool], figures: list[_Figures], first: int,
                      i: int) -> bool:
    """Whether candidate ``i`` is the lead of an article that does not carry the opening item ``first`` and gives
    no number ``first`` does not: outlets lead with the main event, each in its own words, so such a lead mostly
    states the first item's fact again ("Lohan checked into the Betty Ford Center on Thursday" / "is now receiving
    treatment at the Betty Ford Center"), in words no measure of shared words or sentence embedding tells from
    another fact (measured on labelled pairs of ECB+ dev summaries)."""
    given = {f.amount for f in figures[first].facts}
    return leads[i] and _apart(pool[i], pool[first]) and not any(
        f.shape != "age" and f.amount not in given for f in figures[i].facts)  # (a number the first item does not
    # give is a fact of its own: "turnout was almost 90%")


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """A crude stem: an inflection cut, then the first five letters ("pulls", "pulling" -> "pull")."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word[:5]


def _content(tokens: list[str]) -> frozenset[str]:
    """Content-word stems of a sentence, numbers kept whole."""
    return frozenset(t if t[:1].isdigit() else _stem(t) for t in tokens if t not in ENGLISH_STOP_WORDS and len(t) > 1)


def _apart(a: SummaryCandidate, b: SummaryCandidate) -> bool:
    """Whether two items come from different articles (no article carries both)."""
    return not set(a.article_ids) & set(b.article_ids)


def _same_fact(i: int, j: int, sim: np.ndarray, figures: list[_Figures], both_leads: bool) -> bool:
    """Two items say the same thing: similar TF-IDF vectors, one's content words mostly in the other's (a
    quarter is enough for the lead sentences of two articles: outlets lead with the main event in their own words, and
    three tenths for two giving one number; for an item of two sentences, either sentence's), or a number given
    for the same thing (a conflict); never two tolls of different kinds (the dead, the injured)."""
    a, b = figures[i], figures[j]
    tolls_a, tolls_b = {f.toll for f in a.facts} - {""}, {g.toll for g in b.facts} - {""}
    if tolls_a and tolls_b and not tolls_a & tolls_b:
        return False  # "12 people were killed" and "40 people were injured": two counts, however alike the words
    if any(f.toll and f.toll == g.toll and f.amount == g.amount for f in a.facts for g in b.facts):
        return True  # "killed at least three people" / "left three bank workers dead": one toll, in other words
    if sim[i, j] > SIM_CUT:
        return True
    shared = len(a.content & b.content) / max(1, min(len(a.content), len(b.content)))
    if shared >= (LEAD_CONTAIN_CUT if both_leads else CONTAIN_CUT):
        return True
    if shared >= NUMBER_CONTAIN_CUT and any(w[:1].isdigit() for w in a.content & b.content):
        return True  # "previously served as emcee during the 2007 ceremony" / "previously hosted the show in 2007"
    if any(_contained(p, q) >= CONTAIN_CUT for p in a.sentences for q in b.sentences or (b.content,)) or any(
            _contained(a.content, q) >= CONTAIN_CUT for q in b.sentences):
        return True  # one sentence of a two-sentence item states the other item's fact
    return _differ(a, b)


def _differ(a: _Figures, b: _Figures) -> bool:
    """Whether two sentences give different numbers for the same thing."""
    return any(not _compatible(f, g) and _about_same(f, g, a, b) for f in a.facts for g in b.facts)


def _contained(a: frozenset[str], b: frozenset[str]) -> float:
    """The share of the smaller set of content words found in the other (0 when either has fewer than
    PART_MIN_WORDS: a short clause shares its few words by chance)."""
    if min(len(a), len(b)) < PART_MIN_WORDS:
        return 0.0
    return len(a & b) / min(len(a), len(b))


# Numbers: a win-loss record ("52-3", "40-2-1"), an age ("26-year-old"), a plain number ("1,200", "6.1"), or a number
# word ("five"; read as a toll only: "one" and "a dozen" say too many other things).
_NUMBER_WORDS = dict(zip(
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen "
    "nineteen twenty thirty forty fifty sixty seventy eighty ninety".split(),
    map(str, [*range(2, 21), *range(30, 100, 10)]), strict=True))
_NUMBER = re.compile(r"(?<![\w.,-])(?:(?P<record>\d{1,3}-\d{1,3}(?:-\d{1,3})?)(?!-?year)|(?P<age>\d{1,3})-year-old"
                     r"|(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)|(?P<word>(?i:" + "|".join(_NUMBER_WORDS) + r")))"
                     r"(?![\w-]|\.\d)")
_MONTHS = frozenset("jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july "
                    "august september october november december".split())
# A month's name or its abbreviation right before a number: "May 1, 300 people" is a day, not 1,300
_MONTH_BEFORE = re.compile(rf"\b(?:{'|'.join(sorted(m.capitalize() for m in _MONTHS))})[a-z]*\.?\s+$")
_WORD = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")
_CONTEXT = 4
CONTEXT_SHARED = 2
SENTENCE_SHARED = 0.35


# What a toll counts, by the nearest word of its kind next to the number ("killed 15 people", "the death toll has
# risen to 15"; "40 people were injured" is another count); a quake's magnitude is compared as a toll is.
_TOLL_KINDS = {
    "dead": ("kill", "dead", "die", "died", "death", "toll", "fatal", "lives", "bodie"),
    "injured": ("injur", "wound", "hurt", "hospi"),
    "missing": ("missi", "unacc"),
    "held": ("arres", "detai", "held", "charg"),
    "displaced": ("evacu", "displ", "fled", "flee", "homel"),
    "magnitude": ("magni", "richt"),
}
_KIND_OF_STEM = {stem: kind for kind, stems in _TOLL_KINDS.items() for stem in stems}


@dataclass(frozen=True)
class _Fact:
    """A number in a sentence and what it is about: its shape, what it counts or whose record it is (``unit``),
    the kind of toll it gives, the content words and names around it."""

    value: str  # as written ("1,200", "Five")
    shape: str
    unit: str
    context: frozenset[str]
    names: frozenset[str]
    toll: str = ""  # "dead", "injured", ... or "" when the number is no toll
    hedge: str = ""  # a word bounding a plain number before it: "almost", "more than", ... (_HEDGES)
    measured: frozenset[str] = frozenset()  # of a share: the content words before it ("turnout was")

    @property
    def amount(self) -> str:
        return _amount(self.value)

    @property
    def written(self) -> str:
        """The number as the sentence gives it, with its hedge: "almost 90"."""
        return f"{self.hedge} {self.value}" if self.hedge else self.value


def _amount(value: str) -> str:
    """A number as written, in figures: "1,200" -> "1200", "Five" -> "5"."""
    return _NUMBER_WORDS.get(value.casefold(), value.replace(",", ""))


# Words bounding a number before it, and the range they allow around it, as factors of the number.
_HEDGES = {
    **dict.fromkeys(("about", "around", "roughly", "approximately", "some", "estimated"), (0.9, 1.1)),
    **dict.fromkeys(("almost", "nearly", "close to", "just under"), (0.9, 1.0)),
    **dict.fromkeys(("more than", "over", "at least", "upwards of", "above"), (1.0, math.inf)),
    **dict.fromkeys(("less than", "fewer than", "under", "up to", "at most", "below"), (0.0, 1.0)),
}


def _hedge(before: list[str]) -> str:
    """The hedge ending the words before a number, as written ("turnout was Almost": "Almost"), or ""."""
    for n in (2, 1):
        if len(before) >= n and " ".join(before[-n:]).casefold() in _HEDGES:
            return " ".join(before[-n:])
    return ""


def _range(f: _Fact) -> tuple[float, float] | None:
    """The values a plain number allows: as written to its last digit ("94": 93.5 to 94.5), or what its hedge
    allows ("almost 90": 81 to 90); None for a record, an age, a number word or a toll (a count of the dead, the
    injured: "at least 12" and "15" are two counts)."""
    if f.shape != "num" or f.toll or not f.value[:1].isdigit():
        return None
    n = float(f.amount)
    if f.hedge:
        low, high = _HEDGES[f.hedge.casefold()]
        return n * low, n * high
    half = 0.5 * 10.0 ** -len(f.amount.partition(".")[2])
    return n - half, n + half


def _compatible(f: _Fact, g: _Fact) -> bool:
    """Whether two figures can both be right: the same amount, or plain numbers whose ranges overlap ("93.87" and
    "94", "almost 90" and "90"; not "93.87" and "almost 90", nor "52" and "53")."""
    if f.amount == g.amount:
        return True
    a, b = _range(f), _range(g)
    return a is not None and b is not None and max(a[0], b[0]) < min(a[1], b[1])


@dataclass(frozen=True)
class _Figures:
    """The numbers a sentence gives, with the sentence's content words."""

    facts: tuple[_Fact, ...]
    content: frozenset[str]
    names: frozenset[str] = frozenset()  # the capitalised words of the sentence past its first word
    lead_name: str = ""  # the stem of its first capitalised word: the subject of a score ("Arsenal beat ...")
    sentences: tuple[frozenset[str], ...] = ()  # of an item of two sentences: the content words of each


def _about_same(f: _Fact, g: _Fact, a: _Figures, b: _Figures) -> bool:
    """Whether ``f`` (of sentence ``a``) and ``g`` (of ``b``) count the same thing: a record or an age of the same
    named person; a toll of one kind of the same event; a plain number of the same unit next to the same name, in
    sentences mostly about the same; for a toll or a plain number, unless every other figure of its kind the two give
    differs too."""
    if f.shape != g.shape:
        return False
    if f.toll or g.toll:  # "killed 12 people" and "the death toll has risen to 15": the same count, of one event
        return f.toll == g.toll and _same_event(a, b) and _others_agree(f, g, a, b, lambda x: x.toll)
    if f.shape == "record" and f.unit != g.unit:  # a score: the same two sides ("Arsenal beat Chelsea 3-1")
        sides = (f.names | {a.lead_name}) & (g.names | {b.lead_name}) - {""}
        return len(sides) >= 2 and _same_event(a, b)
    if not f.unit or f.unit != g.unit:
        return False
    if f.shape != "num":
        return bool(f.context & g.context)
    if f.unit == _stem("percent"):  # a share of the same thing: "turnout was almost 90 %" / "turnout reached 93.87
        # percent": what it measures is named before it, and the outlets name it alike
        return bool(f.measured & g.measured) and _others_agree(f, g, a, b, lambda x: (x.shape, x.unit))
    if len(f.context & g.context) < CONTEXT_SHARED or not f.names & g.names:
        return False
    if len(a.content & b.content) / max(1, len(a.content), len(b.content)) < SENTENCE_SHARED:
        return False
    return _others_agree(f, g, a, b, lambda x: (x.shape, x.unit))


def _others_agree(f: _Fact, g: _Fact, a: _Figures, b: _Figures, kind) -> bool:
    """Whether the two sentences give no other figures of one ``kind``, or give one of them alike: when every one
    differs, they count something else (a total, a period, an earlier quake: "magnitude 6.4 … killed 612 people")."""
    pairs = [(x, y) for x in a.facts if x is not f for y in b.facts if y is not g and kind(x) and kind(x) == kind(y)]
    return not pairs or any(_compatible(x, y) for x, y in pairs)


def _same_event(a: _Figures, b: _Figures) -> bool:
    """Two sentences about the same event: a name in common and mostly the same content words."""
    return bool(a.names & b.names) and \
        len(a.content & b.content) / max(1, min(len(a.content), len(b.content))) >= SENTENCE_SHARED


def _toll_words(words: list[str], numbers: list[int]) -> dict[int, str]:
    """The kind of toll each number (a word index) gives: a toll word within three words whose nearest number
    it is ("12 people were killed", "killed 15 people"), or "toll" earlier with no number between ("the death
    toll from the quake has risen to 15")."""
    kinds: dict[int, str] = {}
    for i, w in enumerate(words):
        kind = _KIND_OF_STEM.get(_stem(w)) or _KIND_OF_STEM.get(w)
        if not kind or not numbers:
            continue
        nearest = min(numbers, key=lambda n: (abs(n - i), n < i))
        if abs(nearest - i) <= 3:
            kinds.setdefault(nearest, kind)
        if w == "toll":
            after = [n for n in numbers if n > i]
            if after:
                kinds.setdefault(after[0], "injured" if "injur" in map(_stem, words[max(0, i - 2):i]) else "dead")
    return kinds


def _word_toll(words: list[str], i: int, tolls: dict[int, str]) -> bool:
    """Whether the number word at ``i`` gives a toll next to its toll word or to "people" ("five people were injured",
    "killing two"), or a state after the people it counts ("left three bank workers dead"); "a man and two women
    died" and "nine days after a heart attack" give none."""
    if i not in tolls:
        return False
    if any(w in ("people", "persons") or w in _KIND_OF_STEM or _stem(w) in _KIND_OF_STEM
           for w in words[max(0, i - 1):i] + words[i + 1:i + 2]):
        return True
    after = words[i + 1:i + 4]  # "left three bank workers dead": a state after the people counted
    end = next((k for k, w in enumerate(after) if w in _TOLL_STATES), None)
    return end is not None and end > 0 and not any(
        w in ENGLISH_STOP_WORDS or _stem(w) in _TIME_STEMS or w.isdigit() for w in after[:end])


_TOLL_STATES = frozenset({"dead", "injured", "wounded", "hurt", "missing"})
_TIME_STEMS = frozenset({"secon", "minut", "hour", "day", "week", "month", "year", "decad"})


def _figures(text: str, tokens: list[str]) -> _Figures:
    """The numbers of a sentence with their context (dates, times and years left out: they differ honestly)."""
    # Detokenised spacing: "36 - year - old", "58 - 3", "AK - 47", "120, 000".
    t = re.sub(r"(?<=[\d\w]) - (?=\d|year)|(?<=year) - (?=old)", "-", fold(text))
    t = re.sub(r"(?<![\d,])(\d{1,3}), (?=\d{3}\b)", r"\1,", t)
    t = re.sub(r"(?<=\d) ?- ?(?=magnitude)|(?<=magnitude) ?- ?(?=\d)", " ", t, flags=re.IGNORECASE)  # "6.1-magnitude"
    t = _PERCENT.sub(" percent", t)  # "90 %", "90%", "90 per cent", "90 pct": one unit
    out = []
    matches = list(_NUMBER.finditer(t))
    sentence_words = [w.casefold() for w in _WORD.findall(t)]
    at = [len(_WORD.findall(t[:m.start()])) for m in matches]
    tolls = _toll_words(sentence_words, at)
    for k, m in enumerate(matches):
        if m.group("word") and not _word_toll(sentence_words, at[k], tolls):
            continue
        shape = "record" if m.group("record") else "age" if m.group("age") else "num"
        value = m.group(shape) or m.group("word")
        before_cased = _WORD.findall(t[:m.start()])[-_CONTEXT:]
        after_cased = _WORD.findall(t[m.end():])[:_CONTEXT]
        before = [w.casefold() for w in before_cased]
        after = [w.casefold() for w in after_cased]
        if shape == "num" and (_is_date_or_time(value, before, after, t, m.end()) or
                               _converted(t, m.start(), m.end(), before)):
            continue
        if shape == "record" and re.search(r"\bsince\b", t, re.IGNORECASE):
            continue  # a record over a period ("has gone 4-2-1 since..."), not the career record
        words = [w for w in before + after if w not in ENGLISH_STOP_WORDS and not w[:1].isdigit() and len(w) > 1]
        names = [w for w in before_cased + after_cased if w[:1].isupper() and w not in _NOT_A_NAME]
        if shape == "num":  # what is counted: the next content word ("12 people"), else the one before
            nxt = [w for w in after if w not in ENGLISH_STOP_WORDS][:1]
            unit = _stem(nxt[0]) if nxt else (_stem(before[-1]) if before else "")
        else:  # whose record or age: the name after an age ("40-year-old Thompson"), else the nearest before
            owners = [w for w in before_cased if w[:1].isupper() and w not in _NOT_A_NAME]
            if shape == "age":
                owners += [w for w in after_cased[:3] if w[:1].isupper() and w not in _NOT_A_NAME][:1]
            unit = owners[-1].casefold() if owners else ""
        toll = tolls.get(at[k], "") if shape == "num" else ""
        hedge = _hedge(before_cased) if shape == "num" else ""
        measured = frozenset(_stem(w.casefold()) for w in before_cased if w.casefold() not in ENGLISH_STOP_WORDS and
                             w.casefold() not in _NOT_MEASURED and not w[:1].isupper())  # (not a name's title:
        # "President Barack Obama secured 90 percent" measures no president)
        out.append(_Fact(value, shape, unit, frozenset(_stem(w) for w in words),
                         frozenset(_stem(w.casefold()) for w in names), toll, hedge, measured))
    cased = [w for w in _WORD.findall(t) if w[:1].isupper() and w not in _NOT_A_NAME]
    in_sentence = frozenset(w.casefold().removesuffix("'s") for w in cased if not t.startswith(w))  # "Iran's": Iran
    return _Figures(tuple(out), _content(tokens), in_sentence, _stem(cased[0].casefold()) if cased else "")


_PERCENT = re.compile(r"(?<=\d)\s?(?:%|per\s?cent\b|pct\b)", re.IGNORECASE)
# Words before a share that say how it moved or who gave it, not what it measures ("turnout reached 93 percent")
_NOT_MEASURED = frozenset({"said", "says", "say", "reached", "rose", "risen", "fell", "fallen", "dropped", "climbed",
                           "jumped", "increased", "decreased", "grew", "stood", "hit", "estimated", "officials",
                           "according", "percent", "just", "close"})


# Figures in brackets that add up a figure before them, not a conversion of it: "23 pirates (12 Somali and 11 Yemeni)"
_BREAKDOWN = re.compile(r"[^()]{0,40}?\band\s+\d")


def _converted(text: str, start: int, end: int, before: list[str]) -> bool:
    """Whether the figure at ``start``:``end`` of ``text`` is in brackets right after another figure: a conversion
    ("US$1 million ($1.52 million)"), unless the bracket adds it up with others (a breakdown)."""
    return bool(re.search(r"\(\s*[^\w\s(]{0,3}\s*$", text[:start])) and \
        any(c.isdigit() for w in before[-3:] for c in w) and not _BREAKDOWN.match(text, end)


def _is_date_or_time(value: str, before: list[str], after: list[str], text: str, end: int) -> bool:
    if len(value) == 4 and value[:2] in ("19", "20"):
        return True
    if (before and before[-1] in _MONTHS) or (after and after[0] in _MONTHS):
        return True
    return text[end:end + 1] == ":" or bool(after and after[0] in ("am", "pm", "a.m", "p.m", "gmt", "utc"))


def _stated(others: list[tuple[SummaryCandidate, _Figures]]) -> dict[int, set[tuple[str, str, str]]]:
    """Per article, (shape, unit, amount) of every figure its candidate sentences give."""
    stated: dict[int, set[tuple[str, str, str]]] = {}
    for c, cf in others:
        for a in c.article_ids:
            stated.setdefault(a, set()).update((g.shape, g.unit, g.amount) for g in cf.facts)
    return stated


def _conflicts(chosen: SummaryCandidate, figures: _Figures, others: list[tuple[SummaryCandidate, _Figures]],
               stated: dict[int, set[tuple[str, str, str]]]) -> list[dict]:
    """One conflict item per number of ``chosen`` that other articles give differently for the same thing; none
    where one article gives two of the values (as figures of the same kind, anywhere in its sentences: ``stated``,
    from :func:`_stated`): it tells two things apart (two offers, a toll that rose), so the outlets need not
    disagree; nor a value ``chosen`` itself gives too, in any words ("13 home runs for the Angels and 33 homers in
    all"). A value is shown as each article writes it ("two" [1], "2" [2]), an item once."""
    items: list[dict] = []
    seen: list[set[tuple[str, str, int]]] = []
    own = {g.amount for g in figures.facts}
    for f in figures.facts:
        given_as: dict[str, _Fact] = {f.written: f}  # each value as written ("almost 90"), with its figure
        by_value: dict[str, set[int]] = {f.written: set(chosen.article_ids)}
        for c, cf in others:
            given = {(g.amount, g.hedge): g for g in cf.facts if _about_same(f, g, figures, cf)}
            if len(given) == 1 and not {a for a, _ in given} & own - {f.amount}:
                # (a sentence giving two figures for one thing relates them: "rose from 12 to 15")
                g = given.popitem()[1]
                given_as.setdefault(g.written, g)
                by_value.setdefault(g.written, set()).update(c.article_ids)
        # a value every other one allows takes no side ("valid with a turnout more than 50 percent" beside 93.87 and
        # almost 90); the chosen sentence's own is always shown
        facts = [g for g in given_as.values()
                 if g is f or any(not _compatible(g, x) for x in given_as.values())]
        by_value = {v: ids | {a for c, cf in others for a in c.article_ids if any(  # and every article giving it
            (g.shape, g.unit, g.amount, g.hedge) == (given_as[v].shape, given_as[v].unit, given_as[v].amount,
                                                     given_as[v].hedge) for g in cf.facts)}  # elsewhere, as written
            for v, ids in by_value.items() if given_as[v] in facts}
        said = {(given_as[v].amount, given_as[v].hedge, a) for v, ids in by_value.items() for a in ids}
        kinds = {(f.shape, f.unit, g.amount) for g in facts}
        if (any(not _compatible(x, y) for x, y in combinations(facts, 2)) and said not in seen
                and all(len(kinds & given) < 2 for given in stated.values())):
            seen.append(said)
            values = [(v, sorted(ids)) for v, ids in by_value.items()]
            items.append({"kind": "conflict", "text": "outlets differ: " + ", ".join(v for v, _ in values),
                          "article_ids": sorted({a for _, ids in values for a in ids}),
                          "values": [{"value": v, "article_ids": ids} for v, ids in values]})
    return items


def _reading_order(chosen: list[int], pool: list[SummaryCandidate], needs: list[frozenset[Need]]) -> list[int]:
    """The item most articles open with first (when any opens one), then the chosen sentences in the order of the
    article carrying most of them, else by relative position; an item introducing a person comes before the
    items calling them by a short form (``needs``)."""
    if not chosen:
        return []  # every candidate leans on someone no candidate introduces
    counts: dict[int, int] = {}
    for i in chosen:
        for a in pool[i].article_ids:
            counts[a] = counts.get(a, 0) + 1
    lead = max(counts, key=lambda a: counts[a]) if counts else None

    def pos(i: int) -> float:
        c = pool[i]
        first = min(c.rel_pos.values(), default=1.0)
        return c.rel_pos.get(lead, first) if lead is not None else first

    ordered = sorted(chosen, key=pos)
    first = chosen[0]  # the item most articles open with, when any opens one (:func:`_select` takes it first)
    order = [first] + [i for i in ordered if i != first] if _opened(pool[first]) else ordered
    placed: list[int] = []
    while order:  # each item after the items introducing its people (:func:`_select` chose them all)
        i = next((i for i in order if introduced(needs[i], " ".join(pool[j].text for j in placed))), order[0])
        placed.append(i)
        order.remove(i)
    return placed


def _central_title(T, S, central: np.ndarray, titles: Sequence[tuple[int, str]]) -> str:
    """The headline closest to the other headlines and to the story's central sentences (rows ``T``)."""
    centroid = np.asarray((S.T @ central).T).ravel()
    norm = np.linalg.norm(centroid) or 1.0
    to_story = np.asarray(T @ (centroid / norm)).ravel()
    tt = (T @ T.T).toarray()
    np.fill_diagonal(tt, 0.0)
    to_titles = tt.sum(axis=1) / max(1, len(titles) - 1)
    scores = to_story + to_titles
    return titles[int(np.argmax(scores))][1]
