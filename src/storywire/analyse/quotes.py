"""Quotes: direct (in quotation marks) and indirect (reported speech), with speaker, role and cue verb.

Direct quotes: a character scanner pairs curly, straight and angle quotes per paragraph (nested quotes stay inside the
outer one; an unclosed quote runs to the end of its paragraph and the next paragraph that opens a quote continues it;
a stray closing mark is ignored). The attribution is looked for in this order: right after the quote (", said X", ", X
told Reuters on Thursday", "? Putin asked during his address", ", Fridman began"); at the end of the quote's sentence
(", ... for her views, Barger said.", ", according to forecasters."); before it in its sentence ("X said:", "X said
the alliance had", "X accused the West of", "X, ..., saying", "This year, says X (D-Mich.),", "The video shows her
..., and saying", "what the critic X calls", "in X's words,", "X describes Y as", "For as X explained,"; a leading
"After Y accused Z of ...," or "In Brussels," names no speaker); in the paragraph before, when it ends "He said:" or
"ABC reports:", or is a heading "RAYE's acceptance speech"; in the sentence before ("She missed laughter. "I don't
...""); in the sentence after ("He added that ..."). When no rule names a speaker (or the phrase a rule finds names no
one), the subject of the speech verb governing the quote in spaCy's parse of its sentence (``speech_parse.py``). A
quote split by its attribution ("A," X said. "B.") is joined back, within its sentence or opening the next or one
after sentences naming no one; never from a quote other than the last one listed (a title or scare quote left out in
between breaks the run, unless inside that quote's sentence), never across a sentence of someone speaking ("“A.” Lon
Wood said he met Ben. “B.”"), never inside a later sentence about someone else; a paragraph of quotes with no
attribution at all continues the previous paragraph's speaker (news convention) when its text outside the quotes
names no one and holds no speech verb. A title inside a sentence (a few
capitalised words: 'director of "A Beautiful Mind"') and a thing's name ('is titled, "…"') are nobody's words, and no
quote is joined to a title; an attribution holding a title reads across it (", X, a producer of "Drag Race," said"). A
medium's report ("The newspaper said Palin released a statement in which she said") gives the words to the person it
quotes. A quote of one word ("nonsense.") is a scare quote: not listed, unless a whole sentence ("Yes."); so is a term
of two or three words modifying a noun ('an "active shooter" situation') in a sentence giving no speaker before it.

Indirect speech: sentences with no quotation marks, not inside one, where a clear speaker (a name, or a phrase headed by
"official(s)", "source(s)", "office", "Kremlin", ...) governs a speech verb ("The Kremlin has made clear ...", "...,
two sources close to Mr. Macron said.", "X told Western countries on Thursday they ...").

Speakers (``speakers.py``): ``speaker`` is the person's name without role, time or place ("John Cornyn"), ``role``
the role written with it ("Texas senator"), ``speaker_full`` the phrase as written, trimmed. "he", "she" and definite
descriptions ("the minister") resolve to the nearest fitting person the article names in the paragraph or the one
before (two before, across a paragraph naming no one); "he"/"she" with no one named there is the person quoted last
who may be a "he" (or a "she"), within three paragraphs; a description of a role with one person named there is that
person; an epithet ("the 43-year-old", "the first son") is the person quoted last when the text names or describes no
one else since, else the nearest subject named in the paragraph or the one before whose gender does not contradict it
("the mother-of-two"); a description with no one before it is the subject of the next sentence when that names
someone ("The prime minister admitted ... Rishi Sunak said"); a sentence opening on a description of a named person
("the ayatollah had") counts as that person's mention; "it" and "the company" are the organisation last made the
subject of a sentence in the paragraph or the one before ("the committee" when the sentence names none; "the
ministry" only an organisation whose name holds "ministry"; "it" also the last non-person quoted there: "the lawsuit
states ... it argues"); an acronym is the name the article spelled out ("the BDA": "The British Dental Association
(BDA)"); "he" after "…," said an officer with no one named since is the officer; otherwise the quote stays
unattributed, as is a quote calling by first name the person a pronoun resolves to ("“Our Jerry is in heaven,” she
said"). Phrases that name no one are no speaker: a law ("according to international law"), an ordinal ("The
second"), one document among others ("Another post from the account"). A bare surname takes the article's fullest
form of the names given before it, and across a story one canonical name per person (``merge_quotes``), but a
surname the article gives two people before it stays bare.
"""
from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import NamedTuple, TypeGuard

from .align import similarity
from .first_names import first_name_gender
from .quote_marks import with_double_quotes
from .sentences import paragraphs, sentence_spans
from .speakers import (
    CITING_PARTICIPLES,
    COUNT_WORDS,
    DATELINE,
    DAY_WORDS,
    DAYS,
    DESCRIPTION_START,
    EPITHET_NOUNS,
    HONORIFIC_GENDER,
    MAIN_CLAUSE_VERB,
    MONTH_WORDS,
    MONTHS,
    OBJECT_PREPOSITIONS,
    ORG_NOUNS,
    PEOPLE_OF,
    PERSON_DESCRIPTION_HEADS,
    PLACE_APPOSITION,
    PLURAL_NO_PERSON,
    POST_NOMINAL_LETTERS,
    QUOTE_ENDED,
    ROLE_WORDS,
    SPEAKER_NOUNS,
    STATES,
    SUBORDINATE_START,
    THING_WORDS,
    THINGS_OF,
    TITLE_NOUNS,
    Canonical,
    Gender,
    Mentions,
    OrgMention,
    SpeakerName,
    canonical_people,
    company_called,
    describes,
    description_gender,
    find_mentions,
    find_organisations,
    given_word,
    is_epithet,
    is_place_name,
    month_surname,
    named_after_kind,
    named_company,
    named_with_noun,
    names_ship,
    names_the_object,
    only_connective,
    resolve_organisation,
    speakers_in_plural,
    split_speaker,
    subject_of_kind,
    surname,
    trim_phrase,
)
from .speech_parse import (
    DOCUMENT_NOUNS,
    PLACEHOLDER,
    SPEECH_WORD,
    STANCE_WORD,
    ParsedSpeaker,
    clause_has_verb,
    speaker_of_quote,
)
from .text import clean_space, contains_run, norm_tokens, own_spelling, plain_capitals, respelled
from .wire import canonical_agency

OPENERS = "\u201c\u201e\u00ab"
CLOSERS = "\u201d\u00bb"
STRAIGHT = '"'
ALL_DOUBLE = OPENERS + CLOSERS + STRAIGHT

_CUE_WORDS = (
    r"said|says|say|told|tells|added|adds|stated|states|declared|warned|warns|insisted|insists|argued|argues|"
    r"stressed|stresses|explained|explains|noted|notes|wrote|writes|asked|asks|replied|responded|continued|"
    r"(?:recalls|recalled|remembers|remembered)\s+thinking|"  # a thought remembered ("Rothman recalls thinking")
    r"recalled|acknowledged|admitted|confirmed|announced|claimed|suggested|complained|predicted|tweeted|posted|"
    r"cautioned|conceded|remarked|vowed|urged|pointed out|went on|testified|accused|blamed|described|calls|commented|"
    r"called|promised|dismissed|denied|praised|commended|lauded|hailed|clarified|boasted|joked|quipped|contended|"
    r"countered|lamented|"
    r"alleged|alleges|emphasi[sz]ed|highlighted|hinted|reassured|reminded|mused|pleaded|charged|chanted|confided|"
    r"saying|"
    # a participle after "by" ("Trump laughed it off by interjecting, “…”")
    r"(?<=\bby )(?:interjecting|exclaiming|answering|replying|responding|retorting|quipping|joking|tweeting|posting|"
    r"writing|declaring|shouting|yelling|insisting|noting|arguing|adding|asking|"
    r"telling [^,.;:!?\"\u201c\u201d]{1,40}?)|"
    # the present tense of features and reviews ("…," he replies): those not also a common noun ("claims", "posts")
    r"recalls|elaborated|elaborates|replies|responds|continues|acknowledges|admits|confirms|announces|suggests|"
    r"complains|predicts|cautions|"
    r"concedes|urges|points out|goes on|testifies|accuses|describes|promises|denies|praises|clarifies|boasts|"
    r"quips|contends|laments|emphasi[sz]es|hints|reassures|muses|pleads|confides|reiterated|reiterates|repeated|"
    r"repeats|reflected|reflects|penned|pens|"
    # a retort, before its words too ("Hillary Clinton shot back, “…”")
    r"shot back|fired back|hit back|retorted"
)
_CIRC = (r"(?:\s+(?:in|into|on|at|during|to|after|before|from|outside|via|while|when|with|later|earlier|afterwards?|"
         r"separately|again|also|last|this|late|early|yesterday|today|tonight|of|about|by|over|amid|through|years|months|weeks|days|"
         r"hours|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b[^,.;:!?\"\u201c\u201d\u2014\u2013]{0,60}?)?")
# Verbs that attribute a quote only right after it ("…," Fridman began. "…," Coen interjected. "…," Jones beams.
# "…," the letter read: a text's words, but not "…," the widow read: someone else's).
_AFTER_ONLY_CUES = (r"began|started|questioned|interjected|protested|answered|observed|recounted|exclaimed|concluded|"
                    r"chimed in|barked|snapped|retaliated|pressed|exhorted|wondered|riffed|sang|sings|gushed|demanded|"
                    r"demands|posited|posits|"
                    r"reacted(?!\s+(?:with|to|by|[a-z]+ly)\b)|"  # (not "Walcott reacted with a grin")
                    r"shares|shared|summari[sz]es|summari[sz]ed|sums up|summed up|reported|reports|"
                    r"thundered|fumed|raged|scoffed|sniffed|shouted|yelled|emailed|texted|messaged|captioned|"
                    r"doubled down|"
                    # how it was said ("…,” Jones beams.")
                    r"laughed|laughs|grinned|grins|smiled|smiles|beamed|beams|shrugged|shrugs|sighed|sighs|chuckled|"
                    r"chuckles|sobbed|enthused|enthuses|marvel(?:l)?ed|marvels|teased|teases|jokes|(?:"
                    + "|".join(f"(?<={noun} )" for noun in ("letter", "statement", "release", "note", "memo", "email",
                                                             "post", "sign", "placard", "banner", "message", "report",
                                                             "document", "filing", "complaint", "lawsuit", "indictment",
                                                             "order", "ruling", "tweet", "caption", "notice",
                                                             "petition", "affidavit", "motion", "transcript", "plaque",
                                                             "headline"))
                    + ")(?:read|reads)")
_CUE_EXT = (rf"(?:(?:has|have|had)\s+)?(?:(?:later|also|then|once|again|earlier|previously|recently|subsequently)\s+)?"
            rf"(?:(?:is|are|was|were)\s+quoted\s+as\s+saying|(?:is|are|was|were|can\s+be|could\s+be)\s+"
            rf"(?:shown|seen|heard)\s+saying"
            rf"|(?:told|tells)\s+[^,.;:!?\"\u201c\u201d]{{1,60}}?|asked\s+(?!(?:if|whether|for|about|to|that)\b)[A-Z][\w\-]*"
            rf"|asked\s+(?:him|her|them|me|us|(?:[A-Z][a-z]+\s+)?(?:reporters|journalists|politicians|lawmakers|senators|"
            rf"voters|supporters|delegates|colleagues|leaders)|(?:the|a|an|his|her|their)\s+(?:[a-z]+\s+){{0,2}}"
            rf"(?!(?:court|judge|jury|board|council|committee|state|government|panel)\b)[a-z]+)"
            rf"|(?:{_CUE_WORDS}))(?:\s+[a-z]{{3,}}ly)?{_CIRC}")  # "said pleasantly into the phone"
_CUE_EXT_AFTER = _CUE_EXT.replace(f"(?:{_CUE_WORDS})", f"(?:{_CUE_WORDS}|{_AFTER_ONLY_CUES})")
# A speaker phrase: no punctuation but a word's apostrophe and an acronym in brackets ("The National Oceanic and
# Atmospheric Administration (NOAA) recently stated")
_SPK = (r"(?:[^,.;:!?\"\u201c\u201d\u2018\u2019()\[\]]|(?<=\w)\u2019(?=\w)|(?<= )\([A-Z][A-Z&]{1,10}\)(?= )|"
        # (the party of the first of two: "Jeff McCabe (D) and Sara Gideon (D) said")
        r"(?<= )\((?:[RDI]|Rep|Dem|Ind)(?:-[A-Z][A-Za-z.\u2024]*)?\)(?=\s+and\s)){1,100}?")
# A place's first part and a spaced en dash opening a speaker phrase, with the rest of the place, maybe a role, and
# a name after it ("said Dallas – Fort Worth airport spokesman Mark Smith.", "Winston – Salem police Chief Catrina
# Thompson,"; not "said Mayor Jane Doe – Governor Tom Brown, for his part, called")
_PLACE_DASHED = (r"(?:[A-Z][\w\-\u2024]*\s\u2013\s(?=(?:[A-Z][\w\-\u2024]*\s+){1,5}(?:[a-z][\w\-]*\s+){0,3}"
                 r"[A-Z][\w\-\u2024]*(?:\s+[A-Z][\w\-\u2024]*)+\s*(?:[,.;:!?]|$)))?")
# A speaker phrase after its cue, which a dash closes too ("—“Jerry sees around corners,” says Bill Polian—Stephen
# is …", "--"; an en dash without spaces joins: "Dallas–Fort Worth airport spokesman"; a spaced one is a dash:
# "said Keir Starmer – Britain's new prime minister", "said Keir Starmer – a line he …")
_SPK_TO_DASH = _SPK.replace("()", "()\u2014").replace("(?:[^", "(?:(?!\\s\u2013\\s)[^", 1)

# A US politician's party and state after the name: "Sen. Rand Paul, R-Ky.,", "Rep. Elijah Cummings (D-Md.)"
# (its full stops may be masked as one-dot leaders: "D-N\u2024Y.")
# (or the party alone, in brackets: "Senate President Mike Thibodeau (R)")
_PARTY_IN_BRACKETS = r"\s*\((?:[RDI]|Rep|Dem|Ind)(?:-[A-Z][A-Za-z.\u2024]*(?:\s[A-Z][A-Za-z.\u2024]*)?)?\)"
# (set off by commas before a verb, both go: "Schumer, D-N.Y., concluded" reads "Schumer concluded")
PARTY_LABEL = re.compile(rf"{_PARTY_IN_BRACKETS}|,\s*[RDI]-[A-Z][A-Za-z.\u2024]{{1,8}}(?:,(?=\s+[a-z])|(?=\s*,|\s*$))")
# A speaker after the cue: ", said Tom Hart, the mayor, on Monday", "reads a statement from Harry Reid’s office
# (D-Nev.)"
_AFTER_CUE_FIRST = re.compile(rf"^\s*[,:]?\s*(?P<cue>{_CUE_WORDS}|{_AFTER_ONLY_CUES}|according to)\s+"
                              rf"(?P<spk>{_PLACE_DASHED}{_SPK_TO_DASH})(?:{_PARTY_IN_BRACKETS})?"
                              rf"(?:(?:,\s*(?P<appos>[^,.;:!?\"\u201c\u201d]{{1,160}}))?{_CIRC}\s*(?=[,.;:!?]|$)"
                              rf"|{_CIRC}\s*(?=\u2014|--|\u2013\s))")  # (not " - ": "the 36 - year - old X")

# A circumstance too long for _CIRC after a cue ("thundered in Parliament during a session to discuss ..."); the
# cue is the attribution's end.
_LONG_CIRC = r"(?<=\w)\s+(?:in|at|during|on|to|after|before|while|as|when)\s"
# A programme in quotes where it was said, after the cue: ' said on "Fox & Friends."', ' told NBC's "Meet the Press"'
_ON_SHOW = r"(?:on|to|in)\s+(?:[A-Z][\w.\u2024'\u2019&]*\s+){0,3}[\"\u201c][A-Z]"
_AFTER_SPK_FIRST = re.compile(
    rf"^\s*[,:]?\s*(?P<spk>{_SPK})(?:{_PARTY_IN_BRACKETS})?(?P<party>,\s*[RDI]-[A-Z][\w.\u2024]{{1,8}}(?=,))?"
    rf"(?:,\s*(?P<appos>[^,.;:!?\"\u201c\u201d]{{1,60}})(?:,\s*[A-Z][\w.\u2024 ]{{1,30}})?,)?(?(party),?)\s+"
    rf"(?P<cue>{_CUE_EXT_AFTER})\s*(?=[,.;:!?]|$|{_LONG_CIRC}|{_ON_SHOW})")  # (", Sen. Rand Paul, R-Ky., said")
# A name and a long apposition before the cue: ", Larry Tee, the d.j. and club promoter, who was ..., later said.",
# ", Harry Bond, 30, of Raleigh, N.C., said in a follow-up interview.",
# ", Tadzhigul Begmedova, director of the Turkmenistan Helsinki Foundation for Human Rights, said by telephone from",
# " Rep. Jerrold Nadler, D-N.Y., the former chairman …, told The Washington Post.", " the commentator Ann Coulter,
# who has …, wrote on Twitter.", " Representative Jerrold Nadler, Democrat of New York and … — where … — said on CNN."
_AFTER_LONG_APPOS = re.compile(
    r"^\s*,?\s*(?P<spk>(?:the\s+[a-z][\w\-]*\s+)?(?:(?:Rep|Sen|Gov|Dr|Mr|Mrs|Ms|Rev|Prof|Gen|Lt|Col|Sgt)[.\u2024]\s+)?"
    r"(?:(?:di|de|da|du|la|le)(?=[A-Z]))?[A-Z][\w'\u2019\-]*(?:\s+(?:(?:di|de|da|du|la|le)(?=[A-Z]))?[A-Z][\w'\u2019\-]*)"
    r"{0,3})(?P<appos>)(?:,\s+[RDI]-[A-Z][\w.\u2024]{1,8})?(?:,\s+(?:[a-z]|the\b|\d{1,3},|(?:Democrat|Republican)\s+of\b)|"
    r"\s+of\s+(?=[A-Z]))"  # (or where they're from, a comma after it only: " John Hopping of Our Lady of Fatima, told")
    r"(?:[^\"\u201c\u201d!?;:.]|\.(?!\s+[A-Z\"\u201c]|$)){1,200}?(?:,|\s+[\u2014\u2013]|\s+--)\s+(?P<cue>(?:(?:later|also|once|then)\s+)?(?:said|says|added|adds|"
    r"wrote|writes|tweeted|posted|noted|argued|insisted|warned|stated|recalled|explained|"
    r"(?:told|tells)\s+[^,.;:!?\"\u201c\u201d]{1,40}?))" + _CIRC + r"\s*(?=[.,]|$)")
# Any verb between a quote that ends on a comma and a name, inverted, is its attribution: "“…,” remembers Shanna
# Challenger, coordinator for ...", "“…,” recounts Ann Lee." (a verb no list holds).
_AFTER_ANY_VERB = re.compile(r"^\s*,?\s*(?P<cue>(?!(?:is|was|has|does|goes|comes)\b)[a-z]{3,}(?:s|ed))\s+"
                             r"(?P<spk>[A-Z][\w'\u2019\-]*(?:\s+[A-Z][\w'\u2019\-]*){1,3})(?P<appos>)(?=\s*[,.]|\s*$)")
# A medium quoting someone: ", the New York Daily News quoted witness Devonte Brown as saying."
_AFTER_QUOTED_AS = re.compile(rf"^\s*,?\s*[^.!?\"\u201c\u201d]{{0,80}}?\b(?:quoted|cited)\s+(?!by\b)(?P<spk>{_SPK})"
                              r"\s+as\s+(?P<cue>saying)(?P<appos>)\s*(?=[,.;:!?]|$)")
_QUOTED_AS = re.compile(rf"\b(?:quoted|cited)\s+(?!by\b)(?P<spk>{_SPK})\s+as\s*$")
_AFTER_LATE = re.compile(
    rf"^[^.!?\"\u201c\u201d]{{1,200}}?,\s+(?P<spk>{_SPK})\s+(?P<cue>said|says|added|adds|wrote|explained|insisted|"
    rf"(?:told|tells)\s+\w+){_CIRC}\s*[.!?]")
_AFTER_LATE_INVERTED = re.compile(
    r"^[^.!?\"\u201c\u201d]{1,200}?,\s+(?P<cue>said|says|added|adds|wrote|writes|explained|insisted|argued|argues|"
    r"noted|notes)\s+(?P<spk>(?:the\s+)?[A-Z][\w'\u2019.\-]*(?:\s+(?:(?:of|and|the|for)\s+)*[A-Z][\w'\u2019.\-]*){0,5})"
    r"\s*[.!?]")  # a name, not a clause: "…, said he met Ben"
_SAID_THEN_ACCORDING = re.compile(rf"^\s*,?\s*(?P<spk>{_SPK})\s+(?P<cue>said|says|told|added|yelled|shouted)\b"
                                  rf"[^.!?\"\u201c\u201d]{{0,200}}?,\s+according to\s+{_SPK}\s*[.!?]")
_ACCORDING_LATE = re.compile(rf"^[^.!?\"\u201c\u201d]{{0,200}}?,\s+(?P<cue>according to)\s+(?P<spk>{_SPK})\s*[.!?]")
# An inverted attribution opening the quote's sentence: "This year, says former representative Andy Levin (D-Mich.),"
_CUE_FIRST_INTRO = re.compile(rf"(?:^|,\s+)(?P<cue>says|said|asks|asked|adds|added|writes|wrote|explains|explained)\s+"
                              rf"(?P<spk>{_SPK})(?:\s*\([^()]{{1,30}}\))?\s*[,:]\s*$|"
                              # ... or opening its sentence, past an aside ("Replied Stephen, with some delicacy,")
                              rf"^\s*(?P<opening_cue>Replied|Answered|Countered|Responded|Added)\s+"
                              rf"(?P<opening_spk>{_SPK})(?:,\s+(?:with|in|after|before|from|at|on|by|again|later)\b"
                              rf"[^,.;:!?\"\u201c\u201d]{{0,40}})?\s*[,:]\s*$")
_CAPITAL_WORD = r"[A-Z][\w'\u2019\-]+"
_HONORED_NAME = rf"(?:Mr|Mrs|Ms|Dr)\u2024?\s+{_CAPITAL_WORD}"  # "Mr. Lee"
_NEXT_SENTENCE = re.compile(rf"^\s*(?P<spk>He|She|{_HONORED_NAME}|{_CAPITAL_WORD}(?:\s+{_CAPITAL_WORD})?)"
                            r"\s+(?P<cue>added|continued|went on|explained)\b")
# A sentence of the same speaker's reported speech after a whole-sentence quote: "“….” She said Ben and his wife …",
# "“….” Kenneth Dorsey says …" (one capitalised word alone is not enough)
_NEXT_SENTENCE_SAID = re.compile(rf"^\s*(?P<spk>He|She|{_HONORED_NAME}|{_CAPITAL_WORD}\s+{_CAPITAL_WORD})"
                                 r"\s+(?P<cue>said|says)\s+(?=\w)")
_BEFORE_INTRO = re.compile(rf"(?P<spk>{_SPK})\s+(?P<cue>{_CUE_EXT})(?:\s+that)?\s*[,:]?\s*$")
# ... or a verb of speaking otherwise only after a quote, with its colon or comma right before it ("to which
# O'Malley interjected: “…”", "Jones protested, “…”"; a description holds no second determiner: "…, a question the
# minister answered:" is the minister's)
_BEFORE_INTRO_ACT = re.compile(r"(?:^\s*|[,;]\s+(?:(?:an?|the)\s+[a-z][\w\-]*\s+(?=(?:[Tt]he|[Aa]n?)\s|[A-Z]))?|"
                               r"\b(?:to which|which|and|but|then|whereupon)\s+)"
                               r"(?P<spk>(?:(?:[Tt]he|[Aa]n?)\s+(?:(?!(?:the|a|an)\s)[a-z][\w\-]*\s+){0,2})?"
                               r"(?:[A-Z][\w\-'\u2019.\u2024]*\s+(?:(?:of|for|and)\s+)?){0,4}[A-Z][\w\-'\u2019\u2024]*|"
                               r"(?:[Tt]he|[Aa]n?)\s+(?:(?!(?:the|a|an)\s)[a-z][\w\-]*\s+){0,2}"
                               r"(?!(?:the|a|an)\s)[a-z][\w\-]*|[Hh]e|[Ss]he|[Tt]hey)\s+"
                               r"(?P<cue>interjected|protested|answered|exclaimed|chimed in|barked|snapped|shouted|"
                               r"yelled|thundered|fumed|scoffed|pressed)\s*[,:]\s*$")
# The end of :data:`_BEFORE_INTRO` alone, cheap to test first: its speaker phrase is slow to search for over a long
# run of blanks (:func:`_before_across_partials`)
_INTRO_CUE_AT_END = re.compile(rf"{_CUE_EXT}(?:\s+that)?\s*[,:]?\s*$")


def _before_intro(text: str) -> re.Match[str] | None:
    """:data:`_BEFORE_INTRO` in ``text``, tried only when ``text`` ends on its cue."""
    return _BEFORE_INTRO.search(text) if _INTRO_CUE_AT_END.search(text) else None


# Words credited by the phrase right before them: "what X calls", "in X's words", "X describes Y as", "as X put it,"
_WHO = r"(?P<spk>(?:[\w\-'\u2019.\u2024]+\s+){0,5}?(?:[A-Z][\w\-'\u2019.\u2024]*|he|she|they))"
# ... or one described: "As one commentator has argued,"
_WHO_AS = (r"(?P<spk>(?:[Aa]n?|[Oo]ne|[Aa]nother|[Tt]he)\s+(?:[a-z][\w\-]*\s+){0,2}?[a-z][\w\-]*|"
           r"(?:[\w\-'\u2019.\u2024]+\s+){0,5}?(?:[A-Z][\w\-'\u2019.\u2024]*|he|she|they))")
_NAMING_CUE = (r"(?:calls|called|describes?\s+as|described\s+as|terms|termed|dubs|dubbed|labels|labell?ed|brands|"
               r"branded)")
# "In X's words" (or "own words"), before a quote or opening its sentence
_IN_WORDS = rf"[Ii]n\s+{_WHO}['\u2019]s?\s+(?P<cue>(?:own\s+)?words)"
# Whose words a possessive gives: "Hart's", "Tom Hart's", "her"
_POSSESSOR = r"(?:^|(?<=[\s(]))(?P<spk>His|Her|Their|his|her|their|[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,2}['\u2019]s?)"
_WORDS_OF = tuple(re.compile(rf"{pattern}\s*['\u2018]?$") for pattern in (
    rf"\bwhat\s+{_WHO}\s+(?:[a-z]+ly\s+|elsewhere\s+|once\s+|later\s+|has\s+|had\s+)?(?P<cue>{_NAMING_CUE})",
    rf"\b{_IN_WORDS}\s*,?",
    rf"\b[Ii]n\s+the\s+(?P<cue>words)\s+of\s+{_WHO}\s*,",
    rf"(?:^\s*|[,;:]\s+|\b(?:and|that|[Ww]hen|[Aa]fter|[Ww]hile|[Ss]ince|[Bb]ecause|(?:[Aa]l)?[Tt]hough|[Oo]nce)\s+)"
    rf"{_WHO}\s+(?:(?:has|had)\s+)?(?P<cue>describes|described|calls|called|labels|labell?ed|brands|branded)"
    rf"\s+(?:[^,.;:!?\"\u201c\u201d]{{1,80}}?\s+)?as",  # ("When Hart described the deal as “…,” Doe laughed")
    # "Hart's description of the plan as", "Hart's call for": the owner's words
    rf"{_POSSESSOR}\s+(?P<cue>descriptions?|characteri[sz]ations?|portrayals?|depictions?)\s+of\s+"
    r"[^,.;:!?\"\u201c\u201d]{1,60}?\s+as",
    rf"{_POSSESSOR}\s+(?P<cue>calls?|demands?|pleas?|appeals?)\s+for",
    # "Gal Abdush, described by the Times as": the describer's words
    rf"\b(?P<cue>described|called|labell?ed|branded|dubbed)\s+by\s+{_WHO}\s+as",
    # "her politically safe messages - like “…”", "Trump's slogan, “…”": the owner's words
    r"(?:^|(?<=[\s(]))(?P<spk>His|Her|Their|his|her|their|[A-Z][\w\-]*['\u2019]s?)\s+(?:[a-z][\w\-]*\s+){0,3}"
    r"(?P<cue>messages?|slogans?|catchphrases?|mantras?|mottos?|refrains?|taglines?)\s*(?:[-\u2013\u2014,]\s*)?"
    r"(?:like|such\s+as|including)?",
    # "He was described by friends as": people in the plural
    r"\b(?P<cue>described|called|labell?ed|branded|dubbed)\s+by\s+(?P<spk>(?:(?:his|her|their|the|some|many)\s+)?"
    r"[a-z]+s)\s+as",
    rf"\b[Aa]s\s+{_WHO_AS}(?:,\s+[^,;:!?\"\u201c\u201d]{{1,60}},)?\s+(?:(?:himself|herself|themselves)\s+)?"
    rf"(?:(?:has|had|have|once|later|famously)\s+)?"
    rf"(?P<cue>explained|explains|said|says|wrote|writes|puts?\s+it|noted|notes|observed|argued|reported|reports|"
    rf"argues|remarked|recalled|once\s+said|has\s+said|told\s+[^,.;:!?]{{1,40}}?)"
    rf"(?:\s+of\s+[^,.;:!?\"\u201c\u201d]{{1,60}})?{_CIRC}\s*[,:\u2014\u2013]?",  # "As X said of the building:",
    # "As X, the No. 2 in the leadership, put it:", "As X said last week in Tel Aviv,", "— as Enslin puts it —"
    # "The central problem, as she noted in her memoirs, was that": the aside's speaker
    rf",\s+as\s+{_WHO_AS}\s+(?:has\s+|had\s+|once\s+|later\s+)?(?P<cue>noted|said|wrote|puts?\s+it|argued|explained|"
    rf"observed)(?:\s+(?:in|on|at|to)\s+[^,.;:!?\"\u201c\u201d]{{1,40}})?,\s+(?:is|was|are|were)(?:\s+that)?",
))
# A sentence opening on "As X explained," (or "But, as X has pointed out,") and going on, with no other speech verb,
# to the quote
_AS_OPENING = re.compile(rf"\s*(?:(?:But|And|Yet|So|Still|Indeed),?\s+)?[Aa]s\s+{_WHO_AS}"
                         r"(?:\s+(?:himself|herself|themselves|itself))?\s+"
                         r"(?:(?:has|had|have|once|later|famously)\s+)?"
                         r"(?P<cue>explained|explains|said|says|wrote|writes|puts?\s+it|noted|notes|observed|argued|"
                         r"argues|pointed\s+out|points\s+out)(?:\s+(?:in|on|at|to)\s+[^,.;:!?\"\u201c\u201d]{1,40})?,\s+"
                         r"[^\"\u201c\u201d]*$")
# ... or on "In X's words," ("In Tom Hart's words, it is “…”")
_IN_WORDS_OPENING = re.compile(rf"\s*(?:(?:But|And|Yet|So|Still|Indeed),?\s+)?{_IN_WORDS},\s+[^\"\u201c\u201d]*$")
# ... its clause's own verb of thinking or stance, which the quote is the object of: "As Jones wrote, Lincoln believed
# that “…”" is Lincoln's, "As Kim noted, the commissioner has promised a “…”" the commissioner's
_AS_CLAUSE_VERB = re.compile(r"\b(?:believes?|believed|thinks?|thought|feels?|felt|hopes?|hoped|fears?|feared|"
                             r"expects?|expected|worr(?:y|ies|ied)|knows?|knew|suspects?|suspected|doubts?|doubted|"
                             r"considers?|considered|wants?|wanted|wish(?:es|ed)?)\b")
# ... or of stance, when the quote is its object: not passive ("the rookie was called up in May and has been “…”"),
# nor past a new clause ("the company has rejected three offers and “seems …”", "has branded itself …, but its
# record “…”")
_AS_CLAUSE_STANCE = re.compile(r"(?<!\bwas )(?<!\bwere )(?<!\bbeen )(?<!\bbe )(?<!\bis )(?<!\bare )"
                               r"\b(?:promis(?:es|ed)|vow(?:s|ed)|pledg(?:es|ed)|dismiss(?:es|ed)|reject(?:s|ed)|"
                               r"den(?:ies|ied)|insist(?:s|ed)|warn(?:s|ed)|call(?:s|ed)|describ(?:es|ed)|brand(?:s|ed)|"
                               r"label(?:s|led|ed))\b(?![^\"\u201c\u201d]*\b(?:and|but|yet|while|because|so)\s)")
# The owner's words, given as what they claimed: "His remarks that “…”", "Clinton's claim that the plan is “…”",
# "critics' claims that he was “…”", "the newspaper's claim that the duke had “…”", "Trump's promise to be a “…”",
# "a Wall Street Journal report that Putin had “…”", "a claim by Hart that the party was “…”"
_CLAIM_THAT = re.compile(
    r"(?:^|(?<=[\s(]))(?:(?P<spk>His|Her|Their|his|her|their|[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,2}['\u2019]s?|"
    r"[a-z]+s['\u2019]|the\s+[a-z]+['\u2019]s)\s+"
    r"(?:(?:earlier|latest|repeated|recent|new|own|[a-z]+-[a-z]+)\s+)?(?P<cue>remarks?|comments?|claims?|warnings?|"
    r"assertions?|"
    r"insistence|promises?|pledges?|suggestions?|argument|contention|accusations?|allegations?|vows?|threats?|"
    r"charges?|jibes?|insinuations?|boasts?|complaints?|calls?)"
    r"|(?<!\b[Ii]n\s)(?:a|an|the)\s+(?P<medium>[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,3})\s+"
    r"(?P<report>report|story|article|editorial)"
    r"|(?:a|an|the)\s+(?:(?:earlier|latest|repeated|recent|new)\s+)?(?P<by_cue>remarks|comments|claims?|assertions?|"
    r"suggestions?|accusations?|allegations?)\s+(?:by|from)\s+(?P<by>[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,2}))"
    r"(?:\s+(?:on\s+[A-Z][a-z]+day|last\s+(?:week|month|year)|this\s+week|earlier\s+this\s+(?:week|month|year)|"
    r"earlier\s+in\s+the\s+(?:day|night|evening)|yesterday))?"  # ("Axelrod's comment on Sunday that")
    r"\s+(?P<clause>that|to)(?:\s+[^.!?;:\"\u201c\u201d]{1,80}?)?\s*$")
_CLAIM_TO = {"promise", "promises", "pledge", "pledges", "vow", "vows", "threat", "threats", "call", "calls"}
# The end of a claim's clause before a quote that is its own words: an auxiliary after its subject ("that the duke
# had “made it all up”", "that Putin had personally “ordered …”")
_HELPER_END = re.compile(r"\b(?:had|has|have|would|will|could|might|may|must|should|can|did)(?:\s+[a-z]+ly)?\s*$")


def _subject_only(words: str, end: str) -> bool:
    """Whether the words of a claim's clause before its copula or auxiliary ``end`` are its subject alone ("Cruz",
    "the Budget", "hostages held in Gaza"), so the quote after them is the claim's own words; not a clause with its
    verb ("Cruz lied", "the Democrats want open borders"), after which it is the reporter's verdict. Read from
    spaCy's tags (``speech_parse.clause_has_verb``); no parser, no claim's own words."""
    return 1 <= len(words.split()) <= 8 and clause_has_verb(words, end) is False


# A claim as the subject of a clause someone states ("Frazier said Rubio's claim that Cruz lied was “…”"): the
# verdict after its copula is the speaker's; a claim named so ("called the BBC report that he lied “…”") too
_CLAUSE_TAKER_BEFORE = re.compile(r"\b(?:said|says|say|added|adds|insisted|insists|argued|argues|stated|states|"
                                  r"believes|believed|thinks|thought|noted|notes|wrote|writes|warned|claimed|"
                                  r"suggested|told\s+\S+|that)\s+(?:(?:the|a|an|his|her|their)\s+)?$")
_NAMING_BEFORE = re.compile(r"\b(?:called|calls|dubbed|dubs|branded|brands|labell?ed|labels|termed|terms)\s+$")
_COPULA_END = re.compile(r"\b(?:is|was|are|were|remains|remained|seems|seemed)(?:\s+[a-z]+ly)?\s*$")


# Whose words, said right after them: "the “Philly Max,” as Brand later called it", "“…,” as Ann Lee put it."
_AFTER_AS = re.compile(rf"^\s*,?\s*as\s+{_WHO}\s+(?:later\s+|once\s+|has\s+|had\s+|memorably\s+)?"
                       r"(?P<cue>puts?\s+it|(?:called|calls|described|describes|dubbed|dubs|termed|terms)\s+(?:it|them|him|her)|"
                       r"said|says|wrote|writes|noted|notes|explained|explains|argued|argues)(?P<appos>)\s*(?=[,.;:!?]|$)")
# A quote given as the name of a thing, not words said: 'the book is titled, "…"', 'a film called "…"', 'the
# so-called "medical conscience" rule', 'what's known as the "nuclear option"'
_TITLED = re.compile(r"(?:\b(?:titled|entitled|headlined)|\bso\s?[-\u2010]?\s?called|\bknown\s+as(?:\s+(?:the|an?))?|"
                     r"(?:\b(?:is|was|are|were|be|been)|\w\s?['\u2019]\s?s)\s+(?:called|named|dubbed))"
                     r"\s*[,:]?\s*$")
# ... or a nickname, a few words at most ("known by the nickname “Sepy.”"; not a quote whose marks run on past it)
_NICKNAMED = re.compile(r"\b(?:nicknamed|nickname)\s*[,:]?\s*$")
# Between a name in quotes and its gloss: 'so-called "Schutzverträge," or "protection contracts,"'
_GLOSS = re.compile(r"\s*,?\s*(?:(?:or|also\s+known\s+as|meaning|aka)\s*\(?|\()\s*")
# A programme or paper named where words are said: 'he told "Fox & Friends."', 'she said on "Meet the Press"'
_SHOW_NAMED = re.compile(r"\b(?:told|(?:said|says|appeared|speaking|spoke|wrote|writing)\s+(?:on|in))\s*$")
# "<a clause> and Emery": the name after the last "and" (the clause is tested by _verb_clause)
_AND_NAME = re.compile(r"^(?P<clause>.*\b[a-z]\w*.*)\s+and\s+"
                       r"(?P<name>[A-Z][\w\-'\u2019.]*(?:\s+[A-Z][\w\-'\u2019.]*){0,3})$")
_BEFORE_ANY = re.compile(rf"\b(?P<cue>(?:(?:has|have|had)\s+(?:(?:[a-z]+ly|even|also|long|never|often|already|since|"
                         rf"once|just|now|still)\s+)?)?(?:{_CUE_WORDS}))\b")  # ("has even claimed")
_SAYING = re.compile(r",\s+(?:and\s+)?(?P<cue>saying|adding|writing|noting|arguing|insisting|warning|explaining|"
                     r"stating|declaring|tweeting|quipping|joking|complaining|conceding|acknowledging|recalling|"
                     r"remarking|replying|responding|boasting|stressing|predicting|vowing|pleading|chiding|claiming|"
                     r"asserting|contending|objecting|demanding|"
                     r"telling [^,]{1,40}|calling (?:it|them|him|her)?|describing [^,.;:]{1,40}?\s+as)\b")

# A medium's name after "told": "Reuters", "The New York Times", "NBC News"
_MEDIUM = r"(?:The\s+)?[A-Z][\w.&\-\u2024]*(?:\s+[A-Z][\w.&\-\u2024]*){0,3}"
# Words that open a clause, never a medium's name: "told Fox Business the border", "told CNN he would"
_CLAUSE_OPENING = (r"that|the|a|an|his|her|their|its|our|my|your|he|she|it|they|we|i|you|there|this|these|those|"
                   r"on|in|at|during|about|of|last|next|yesterday|today|tonight|earlier|later|after|before|while|when|"
                   r"how|what|why|whether|if|no|not|some|any|all|both|every|each|many|more|most|several|none|nobody|"
                   r"only|as|by|for|from|with|over|under|since|until")
_MONTH_OR_DAY = rf"{DAYS}|{MONTHS}"
_INDIRECT_CUE = (
    r"(?:(?:has|have|had)\s+)?(?:said|says|say|told\s+(?:reporters|journalists|lawmakers|parliament|"
    rf"[^,.;:]{{1,40}}?(?=\s+(?:that|on\s+{DAYS})\b)"
    # a medium's name of up to four words, never the clause's subject: before a word opening a clause ("told Fox
    # Business the border"), before a capitalised subject and its verb ("told The New York Times Trump would", "told
    # WCVB Boston police would"), or before a common noun ("told Reuters police had")
    rf"|(?:{_MEDIUM}(?=\s+(?:{_CLAUSE_OPENING})\b|\s+\d|\s*[,.;:])"
    rf"|{_MEDIUM}(?=\s+(?!{_MONTH_OR_DAY}\b)[A-Z][\w'\u2019.\-\u2024]*\s+[a-z])"
    rf"|{_MEDIUM}(?=\s+[a-z])(?!\s+(?:had|has|have|was|were|is|are|would|will|could|can|did|does|may|might|must)\b))"
    r"(?:\s+(?:investigators|officials|lawmakers|reporters|journalists|prosecutors|police|officers|agents|staff|"
    r"employees|members|viewers|listeners|readers|supporters|colleagues)(?!\s+(?:were|was|are|is|had|have|has|would|"
    r"will|could|did)\b))?)"
    r"(?:\s+on\s+\w+)?|made (?:it )?clear|warned|warns|insisted|insists|argued|stressed|announced|confirmed|"
    r"denied|claimed|noted|acknowledged|predicted|urged|maintains|maintained)"
)
# Cues whose object may be a thing, not words: reported speech only with "that" ("denied that he …"; not "denied
# allegations he …", "announced two days of mourning", "confirmed receiving a letter")
_THAT_CUES = frozenset({"stressed", "announced", "confirmed", "denied", "acknowledged", "maintains", "maintained",
                        "made clear", "made it clear"})
# When, right after the cue: "warned Thursday that", "said on Saturday", "said yesterday morning"
_WHEN_AFTER_CUE = (r"(?:\s+(?:on\s+)?(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|today|yesterday|tonight)"
                   r"(?:\s+(?:morning|afternoon|evening|night))?|\s+on\s+[A-Z][a-z]{2,8}\u2024?\s+\d{1,2}"
                   r"|\s+on\s+(?!(?:the|a|an|his|her|their|its)\b)\w+"
                   r"|\s+(?:(?:earlier|later)\s+)?(?:this|last)\s+(?:week|month|year|morning|afternoon|evening)"
                   r"|\s+earlier(?=\s+that\s))?")
# How or to whom, between the cue and "that": "said in a statement that", "confirmed to the AP that"
_HOW_AFTER_CUE = (r"(?P<how>\s+(?:in|to|during|at|via|through|with)\s+(?:(?:a|an|the|his|her|their|its)\s|[A-Z0-9])"
                  r"[^,.;:\"\u201c\u201d]{0,60}?(?=\s+that\b)"
                  r"|\s+(?:in|on|via|by)\s+(?:an?\s+|the\s+|her\s+|his\s+|their\s+)?(?:[A-Z0-9][\w\-']*\s+){0,3}"
                  r"(?:(?:podcast|programme|program|show|broadcast|radio|television)\s+(?:interview|episode|appearance|"
                  r"segment)|e-?mail|statement|interview|letter|post|podcast|programme|program|show|broadcast|"
                  r"tweet|text(?:\s+message)?|(?:tele)?phone(?:\s+interview|\s+call)?|press\s+release|court\s+filing|"
                  r"filing|court(?:\s+(?:papers|documents|filings))?|Twitter|X|Facebook|Instagram|LinkedIn|Threads|"
                  r"Bluesky)(?:\s+(?:released|issued|posted|published|sent|filed)(?:\s+(?:on\s+)?\w+day)?"
                  r"|\s+on\s+\w+day)?(?=\s+(?!that\b)[a-z])"
                  r"|\s+through\s+(?:a|an|his|her|their|its)\s+(?:spokes(?:man|woman|person)|lawyers?|attorneys?|"
                  r"representative|aide|publicist)(?=\s+(?!that\b)[a-z]))?")
_INDIRECT_LEAD = re.compile(
    rf"(?P<spk>(?:[\w'\u2019.\-\u2024]+\s+){{0,7}}?[\w'\u2019.\-\u2024]+)\s+(?P<cue>{_INDIRECT_CUE}){_WHEN_AFTER_CUE}"
    rf"{_HOW_AFTER_CUE}\s+(?P<that>that,?\s+)?(?P<content>\S.{{14,}})$"
)
# ... a name and an apposition or a relative clause between commas before the cue: "Talbot, a retired midwife who has
# lived in the town for 40 years, said the group …", "Holloway, who missed his first six shots, said he …"
_INDIRECT_APPOSED = re.compile(
    rf"(?:(?P<spk>[A-Z][\w'\u2019.\-\u2024]*(?:\s+[A-Z][\w'\u2019.\-\u2024]*){{0,3}}),\s+(?P<aside>(?:a|an|the|who|"
    rf"whose|which|\d+)\b[^,;:\"\u201c\u201d()]{{0,100}}?)"
    # ... or a name in apposition to a description: "Her daughter, Caroline Price, said the cause was …"
    rf"|(?P<desc>(?:[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Tt]he|[A-Z][\w'\u2019\-]*['\u2019]s?)\s+(?:[a-z][\w\-]*\s+){{0,3}}"
    rf"[a-z][\w\-]*),\s+"
    rf"(?P<named>[A-Z][\w'\u2019.\-\u2024]*(?:\s+[A-Z][\w'\u2019.\-\u2024]*){{1,3}})),\s+"
    rf"(?P<cue>{_INDIRECT_CUE})(?!\s+to\s)"  # (not "Omar Hadi, said to be a former soldier,")
    rf"{_WHEN_AFTER_CUE}{_HOW_AFTER_CUE}\s+(?P<that>that,?\s+)?(?P<content>\S.{{14,}})$")
# The sentence's subject and its words given by a participle after it: "Zhao Ming rejected that argument, saying
# Beijing's contributions should remain voluntary"
_INDIRECT_SAYING = re.compile(r",\s+(?:and\s+)?(?P<cue>saying|adding|arguing|insisting|warning|noting|claiming)\s+"
                              r"(?P<that>that,?\s+)?(?P<content>\S.{14,})$")
# Where or when words were said, after the cue that ends their sentence: "…, she said at a press conference last
# week.", "…, Smith told reporters in Washington on Tuesday."
# (a phrase of a preposition, a determiner, a name or a noun of a medium, and at most six words, no auxiliary and
# no word in -ed at its end: "at least three people were hurt", "during the pandemic many businesses closed" and
# "to stay indoors" are words said; "in a video posted on Facebook" is where)
_SAID_WHERE = (r"(?:\s+(?:in|at|on|during|to|via|through|with|from|before|after|outside|inside|near)\s+"
               r"(?:(?:downtown|lower|upper|central|northern|southern|eastern|western)\s+)?"
               r"(?:a|an|the|his|her|their|its|reporters|journalists|court|part|person|public|private|writing|response|"
               r"remarks|comments|parliament|congress|television|social\s+media|[A-Z0-9][\w\-\u2024]*|[a-z]+[^s\W]s)\b"
               r"(?:\s+(?!(?:is|are|was|were|be|been|had|has|have|will|would|could|should|can|may|might|must|did|"
               r"does|do|in|at|on|during|to|via|through|with|from|before|after|outside|inside|near|last|this|next|"
               r"yesterday|today|tonight|earlier|later|\w+day)\b)"
               r"(?![a-z]+ed\s*[.!]?$)[\w'\u2019\-\u2024]+){0,6}+"
               r"|\s+(?:after|before|while|when)\s+[a-z]+ing\b(?:\s+[\w'\u2019\-]+){0,5}+"
               r"|\s+(?:(?:earlier|later)\s+)?(?:this|last|next)\s+\w+"
               r"|\s+(?:yesterday|today|tonight|earlier|later|recently)"
               r"|\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day(?:\s+(?:morning|afternoon|evening|night))?)*+")
# The writer's own clause after an attribution: "…, Zelenskyy said Sunday, marking the third time", "— also in line
# with the Bank of Canada's take", "said in a podcast interview, produced by Channel 12", ", including a 10-year-old
# boy" (not a condition: ", pending a final safety inspection")
_WRITER_PARTICIPLE = (r"(?!(?:pending|barring|assuming|excluding|notwithstanding|depending|provided|unless|if)\b)"
                      r"(?:[a-z]+(?:ing|ed)\b|according\s+to\b)")
_WRITER_AFTER = rf",\s+{_WRITER_PARTICIPLE}[^.!?]*|\s+[\u2013\u2014]\s[^.!?]*"
# A place's state or country after a comma: "in Las Vegas, Nevada", "in Albany, New York"
_PLACE_NAME = r"[A-Z][\w.\u2024]*(?:\s+[A-Z][\w.\u2024]*)?"
_INDIRECT_TRAIL = re.compile(
    rf"^(?P<content>.{{20,}}?),\s+(?P<spk>{_SPK})\s+(?P<cue>said|says|added|told\s+\w+|noted|warned)"
    rf"{_SAID_WHERE}(?:,\s+{_PLACE_NAME}(?:,?{_SAID_WHERE}))?(?P<aside>{_WRITER_AFTER})?\s*[.!]$"
)
_ONLY_WHERE = re.compile(rf"{_SAID_WHERE}(?:{_WRITER_AFTER})?\s*[.!]?$")
# Where words were said, then a comma and the writer's participle: "in a podcast interview on January 3, produced by
# …" (but "said in the past year, crime had fallen" is words)
_WHERE_THEN_COMMA = re.compile(rf"(?=\s+(?:in|at|on|during|via|through))(?:{_SAID_WHERE}),\s*"
                               rf"(?:{_PLACE_NAME}(?:,\s*|\s*[.!]?$|\s+(?=that\b)))?(?:that,?\s+)?")


_NOT_WORDS_AFTER_WHERE = re.compile(rf"(?:which|where|who|whom|when|however|though|meanwhile|too)\b|{MONTHS}\s+\d")
# An aside after where the words were said, then the words: "in an interview, however, that he would not", "at a
# rally in Pittsburgh, where he grew up, that unions built", "in a statement, which was posted online, that the road"
_ASIDE_THEN_THAT = re.compile(r"(?:(?:however|though|too|meanwhile),\s+|(?:which|where|who|when)\b[^,;:.!?]{1,80},\s+)"
                              r"that\s+")
_TIME_OF_WORDS = re.compile(r"\b(?:past|coming|next|meantime|future|recent)\b")


def _past_where(content: str) -> str | None:
    """The reported words after where or when they were said and a comma ("in an interview, the state would not raise
    taxes": "the state would …"); "" when only where is left or the writer goes on ("at a rally in Las Vegas,
    Nevada.", "in a podcast interview, produced by …"); None when the words open on no such phrase."""
    m = _WHERE_THEN_COMMA.match(" " + content)
    if m is None:
        return None
    rest = (" " + content)[m.end():]
    aside = _ASIDE_THEN_THAT.match(rest)
    if aside is not None:
        return rest[aside.end():]  # "in an interview, however, that he would not …": "he would not …"
    if len(rest.split()) < 3 or re.match(_WRITER_PARTICIPLE, rest) or _NOT_WORDS_AFTER_WHERE.match(rest):
        return ""  # (nor "in a statement, which was posted …, that", "on Monday, June 3, the state")
    return content if _TIME_OF_WORDS.search(content, 0, m.end() - 1) else rest  # "in the past year, crime had
    # fallen": a time of what was said, part of the words
_ACCORDING = re.compile(rf"^(?P<content>.{{20,}}?),?\s+(?P<cue>according to)\s+"
                        rf"(?!(?:our|my)\s+[a-z\s]+[.!\u2013\u2014])(?P<spk>{_SPK_TO_DASH})\s*[.!]$")
# (not "according to our forecasts — ahead of Buttigieg": the writer's, and no dash in a source; but "according to
# our critic Helen Brown")

_MASK = re.compile(r"\b(?:Mr|Mrs|Ms|Mx|Dr|Prof|Gen|Lt|Col|Maj|Capt|Sgt|Adm|Gov|Sen|Rep|Rev|Hon|St|Jr|Sr|No|"
                   r"Const|Det|Insp|Supt|Cpl|Pvt|Cmdr|Atty|Dist|Ald|Coun|Fr|Brig|Msgr|"
                   r"Feb|Jan|Aug|Sept|Oct|Nov|Dec)\.|\b[A-Z]\.(?=[A-Z\s-])|"
                   r"\bBros\.(?=\s+(?:Discovery|Pictures|Television|TV|Entertainment|Home|Consumer|Records|Studios?|"
                   r"Animation|Games|Interactive|Digital|International|Holdings|Inc|Theatre|Theater|Circus)\b)|"
                   r"\b(?:Corp|Inc|Co|Ltd|Bros)\.(?=\s+[a-z])")
# ("Warner Bros. Television president Peter Roth": one name; "sold the film to Warner Bros. Lee said": two sentences;
# "a former News Corp. executive said": a company's abbreviation before a lower-case word ends no sentence)
_DETACHED_COLON = re.compile(r"(?<=\w) :(?=\s)")
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you"}
# Words that stand for a speaker without naming one ("another accused the government of ..."), and days that
# open a sentence without a comma ("Saturday at the convention Sen. X said"): no speaker either way.
_NOBODY = {"another", "one", "others", "some", "many", "someone", "somebody", "anyone", "everyone", "all", "both",
           "few", "most", "several", "none", "nobody", "each", "either", "neither", "those", "these"} | DAY_WORDS
_BAD_SPEAKER_WORDS = {
    "has", "have", "had", "is", "are", "was", "were", "be", "been", "will", "would", "could", "should", "may",
    "might", "can", "what", "which", "who", "whom", "whose", "that", "this", "there", "if", "when", "because",
    "since", "although", "though", "while", "as", "not", "do", "does", "did", "also", "then", "so", "it",
    "than", "how", "why", "where", "neither", "nor", "nobody",  # "Neither Cruz nor Christie acknowledged": no one
}
# Prepositions that open a phrase of place or time before a sentence's subject ("In Brussels, ...").
_PLACE_WORDS = frozenset({"in", "on", "at", "from", "for", "with", "by", "under", "over", "during", "across",
                          "outside", "inside", "near", "throughout", "within", "into", "to",
                          "like", "unlike", "despite", "besides", "amid", "alongside", "among",
                          "against"})  # "Like Corker, Menendez rejected", "Alongside BLM calls for action, even …"
# A time opening a sentence as so long before or after another: "Ten minutes later,", "Hours earlier,", "A year ago,"
_TIME_SINCE = re.compile(r"(?:(?:[A-Z][a-z]+(?:-[a-z]+)?|\d+)\s+)?(?:[a-z]+\s+)?(?:[Ss]econds|[Mm]inutes|[Hh]ours|"
                         r"[Dd]ays|[Ww]eeks|[Mm]onths|[Yy]ears|[Dd]ecades|[Mm]oments|minute|hour|day|week|month|year|"
                         r"decade)\s+(?:later|earlier|before|after|ago|on),")
# A lower-case role word a clause may open on before a name ("But neighbour Zibulka", "And lawyer Tom Hart")
_ROLE_OR_NEIGHBOUR = ROLE_WORDS | {"neighbour", "neighbor"}
# How many paragraphs back "he said" may reach for the person last quoted when the text names no one nearer.
_SPEAKER_REACH = 3
# Lower-case words a subject phrase may hold before the name ("Hunter Biden's attorney Abbe Lowell").
_SUBJECT_GLUE = {"of", "the", "de", "van", "von", "al", "and", "for",
                 # the lower-case words of a title before a name: "Republican presidential nominee Donald Trump",
                 # "Trump's Virginia state director, Mike Rubino"
                 "former", "senior", "deputy", "executive", "chief", "vice", "state", "national"} | TITLE_NOUNS


@dataclass
class Quote:
    kind: str  # "direct" | "indirect"
    text: str
    speaker: str | None  # the person's name ("John Cornyn"), or the description ("a senior French official")
    speaker_full: str | None  # the speaker phrase as written, trimmed of time and place words
    cue: str | None
    attribution: str
    article_id: int
    position: int  # character offset in the article
    tokens: list[str] = field(default_factory=list, repr=False)
    is_person: bool = False
    role: str | None = None  # "Texas senator", "NATO's deputy secretary general"
    shared_surname: bool = False  # a bare surname the article gives several people ("Thomas": Clarence, Ginni)
    via: str = ""  # the path that credited the speaker: the rule that found the phrase, and the phrase's form
    joined_at: list[int] = field(default_factory=list, repr=False)  # where in ``text`` each joined part starts


def _mask(text: str) -> str:
    """Same-length copy with abbreviation dots replaced, so "Mr. Macron" does not end a phrase, and a colon a
    detokenised text spaced off its word put back on it ("She added : “…”" reads "She added:  “…”")."""
    return _DETACHED_COLON.sub(": ", _MASK.sub(lambda m: m.group()[:-1] + "\u2024", text))


def quote_spans(par: str) -> list[tuple[int, int, bool]]:
    """(start, end, closed) of the inner text of each top-level double quote in a paragraph.

    Two apostrophes close a quote (``''`` or two curly ones, as in detokenised corpora); a straight mark after a
    comma or a full stop and a space closes the open quote rather than nesting one (``done, "Salazar said``); a
    closing mark that opens a word after a space opens a quote, and an opening one before a comma or a full stop
    closes one; a single closing mark before an attribution inside a double quote closes it too."""
    scan = par.replace("''", " \u201d").replace("\u2019\u2019", "\u201d\u2019")
    lost_close = {m.start() for m in _LOST_CLOSE.finditer(scan)}
    marks = _MarkScan(scan)
    for i, c in enumerate(scan):
        if c in OPENERS:
            marks.opener(i)
        elif c in CLOSERS:
            marks.closer(i)
        elif i in lost_close and marks.depth == 1:
            marks.close(i + 1)  # "“… for 'New Moon,' she wrote": the single mark closed both
        elif c == STRAIGHT:
            marks.straight(i)
    spans = marks.spans
    if marks.depth > 0 and marks.start < len(scan):
        spans.extend(_after_stray_opener(par, marks.start) or [(marks.start, len(scan), False)])
    return [(s, e, closed) for s, e, closed in spans if par[s:e].strip(" \u201d")]


class _MarkScan:
    """Reading a paragraph's quote marks left to right: the quotes found, how deep the marks open now are and
    where the words of the outermost one start."""

    def __init__(self, scan: str) -> None:
        self.scan = scan
        self.spans: list[tuple[int, int, bool]] = []
        self.depth = 0
        self.start = 0

    def close(self, end: int) -> None:
        """The outermost quote ends at ``end``; none is open."""
        self.spans.append((self.start, end, True))
        self.depth = 0

    def opener(self, i: int) -> None:
        """An opening mark: it opens a quote or nests one, or closes the open one when typed to close."""
        scan = self.scan
        if self.depth == 1 and (scan[i + 1:i + 2] in (",", ".") and scan[i + 2:i + 3] in ("", " ", "\n") or
                                scan[i - 1:i] in (",", ".", "!", "?") and scan[i + 1:i + 2] in ("", " ", "\n") and
                                not _two_closers_next(scan, i + 1)):
            self.close(i)  # an opening mark typed to close: "… the orchestra “, the host said", "“I thought I was
            return  # doing it for him,“ Jerry says now." (not "“He texted me,“ Where are you? ” and I panicked,”
            # said Kim": a nested quote whose two closers follow)
        if self.depth == 0:
            self.start = i + 1
        self.depth += 1

    def closer(self, i: int) -> None:
        """A closing mark: it closes the innermost open quote, or opens one when written where a quote opens."""
        scan = self.scan
        if self.depth == 0 and (i == 0 or scan[i - 1].isspace()) and scan[i + 1:i + 2].isalnum():
            self.start, self.depth = i + 1, 1  # a closing mark written where a quote opens: "”Letting them know"
        elif self.depth > 0:
            self.depth -= 1
            if self.depth == 0:
                self.close(i)

    def straight(self, i: int) -> None:
        """A straight mark: it opens, nests or closes by the characters around it."""
        scan, depth = self.scan, self.depth
        prev = scan[i - 1] if i > 0 else " "
        nxt = scan[i + 1] if i + 1 < len(scan) else " "
        opener_ctx = i == 0 or prev.isspace() or prev in "([{\u2014\u2013-:/"
        after_punct = prev == " " and i >= 2 and scan[i - 2] in ",.!?"
        if depth == 0:
            if opener_ctx or nxt.isalnum():
                self.start, self.depth = i + 1, 1
        elif opener_ctx and (nxt.isalnum() or nxt in "\u2018'") and not (depth == 1 and after_punct):
            run_on = _RUN_ON.match(scan, self.start, i) if depth == 1 and scan[self.start - 1:self.start] == STRAIGHT \
                else None
            if run_on is not None:  # a quote left open two sentences back: its words end with the first one
                self.spans.append((self.start, run_on.end("first"), True))
                self.start = i + 1
            else:
                self.depth += 1  # nested straight quote
        elif depth == 1 and after_punct and scan[i - 2] in ".!?" and nxt.isalnum() and _closer_next(scan, i + 1):
            self.spans.append((self.start, i, True))  # a quote going on in a new paragraph the text ran together
            self.start = i + 1
        else:
            self.depth -= 1
            if self.depth == 0:
                self.close(i)


def _two_closers_next(scan: str, at: int) -> bool:
    """Whether the next two double marks from ``at`` both close a quote."""
    marks = re.findall(f"[{ALL_DOUBLE}]", scan[at:])[:2]
    return len(marks) == 2 and all(c in CLOSERS for c in marks)


def _after_stray_opener(par: str, start: int) -> list[tuple[int, int, bool]] | None:
    """The quotes after an opening mark left open to the paragraph's end (at ``start``) that holds two or more quotes
    of its own, all closed: a stray mark ("“ The “Mean Girls” star ... said she was “ensconced” ..."), not a quote;
    or, when its words end a sentence before the next mark, a quote whose closing mark a paragraph end took ("“He
    was shot … to hide. “Law enforcement …,” the District Attorney said.")."""
    inner = quote_spans(par[start:])
    if len(inner) < 2 or not all(closed for _, _, closed in inner):
        return None
    head = par[start:start + inner[0][0] - 1].rstrip()
    own = [(start, start + len(head), True)] if head[-1:] in ".!?" else []
    return own + [(start + s, start + e, True) for s, e, _ in inner]


# A single closing mark followed by an attribution, inside a double quote: the double mark is lost there.
_LOST_CLOSE = re.compile(r"(?<=[,.!?])['\u2019](?=\s+(?:he|she|[A-Z][\w\-]+)\s+"
                         r"(?:said|says|wrote|writes|told|added)\b)")


# An open straight quote that has run on past two sentence ends to a mark opening a word mid-sentence ("“He is also
# aware of you. It's rare for a director ... There have been reports ... in "Twilight"): left open by the text.
_RUN_ON = re.compile(r"(?P<first>[^\"]*?[.!?])\s+[A-Z][^\"]*?[.!?]\s+[A-Z][^\"]*$")


# A closing straight mark a detokenised text put on the attribution's first word: '…, "the officer said'
_DETACHED_ATTRIBUTION = re.compile(r"[,?!] \"(?:the |a |an )?[a-z]+(?: [a-z]+)?,? (?:said|says|told|added|read)\b")


def _closer_next(scan: str, at: int) -> bool:
    """Whether the next double mark from ``at`` closes a quote (a curly closer, or a straight one before no word):
    then a straight mark opening a word after a sentence's end (``void. "What is``) opens a quote, its open one
    having run unclosed to a paragraph end that the text lost."""
    m = re.compile(f"[{ALL_DOUBLE}]").search(scan, at)
    if m is None:
        return False
    return m.group() in CLOSERS or scan[m.end():m.end() + 1] in ("", " ", "\n", ",", ".", ";", ":") or \
        _DETACHED_ATTRIBUTION.match(scan, m.start() - 2) is not None  # "…, "the officer said": detokenised


def _clean_quote(text: str) -> str:
    text = clean_space(text.replace(" \u201d", "").replace("''", ""))
    return re.sub(r"(?<=[\s,])'$", "", text).rstrip(" ,").strip()  # "another form, ''": the closing mark's half


_CLAUSE_START = re.compile(r"\b(?:but|while|whereas|where|although|though|because|and then|so|whom)\s+")


# A name and the acronym the text gives it in brackets: "United Atlantic Ventures (UAV)"
_ACRONYM_AFTER = re.compile(r"(?P<name>(?:[A-Z][\w&\-'\u2019]*\s+(?:(?:and|of|for|&)\s+)?)*)"
                            r"\((?P<acronym>[A-Z][A-Z&]{1,10})\)")


def _spelled_or_acronym(m: re.Match) -> str:
    """The name before an acronym in brackets when its capitalised words spell it out ("United Atlantic Ventures"),
    else the acronym, the part of the name before it being cut off ("Commonwealth & Development Office (FCDO)")."""
    initials = "".join(w[0] for w in m.group("name").split() if w[:1].isupper() and w != "The")
    if initials == m.group("acronym") or initials.endswith(m.group("acronym")) and \
            re.search(r"\bCounsel\s*$", m.group("name")):  # "Advocate Karabo Mohau King’s Counsel (KC)": a
        return m.group("name").rstrip()  # barrister's title after the name, the name kept
    return m.group("acronym")




# A relative "who" and the adverbs or auxiliaries between it and its verb: "who", "who later", "who then", "who has"
_THEN = (r"(?:\s+(?:later|then|also|once|again|quickly|previously|earlier|first|afterwards|"
         r"has|had|have|would|will|did|does))*")
_WHO_THEN = re.compile(r"[Ww]ho" + _THEN)
# ... and a relative "which", or "whose" and its spokesman: "which later", "whose spokesman then"
_WHOSE_SPOKESMAN = r"whose\s+(?:chief\s+|press\s+)?spokes(?:man|woman|person)"
_WHICH_THEN = re.compile(rf"(?:which|{_WHOSE_SPOKESMAN})" + _THEN)  # (not
# "whose lawyer": the lawyer's)
# ... a "whose" and the one it owns: "whose lawyer", "whose mother later"
_WHOSE_THEN = re.compile(r"whose\s+(?:[a-z][\w\-]*\s+){0,2}[a-z][\w\-]*" + _THEN)
# An organisation's name ending a clause: "fined Boeing", "questioned the Federal Aviation Administration", "blamed
# the Department of Justice"
_ORG_ENDING = re.compile(r"(?:^|\s)(?P<name>(?:the\s+)?(?:[A-Z][\w'\u2019.&\-]*\s+){0,5}[A-Z][\w'\u2019.&\-]*"
                         r"(?:\s+(?:of|for)\s+(?:the\s+)?(?:[A-Z][\w'\u2019.&\-]*\s+){0,3}[A-Z][\w'\u2019.&\-]*)?)$")
# ... which is no organisation when it is a day or a month ("released its ruling on Friday, which said"), nor a time
# phrase ending the clause ("fined Meta on Monday", "sued Uber last week")
_MONTHS_AND_DAYS = MONTH_WORDS | (DAY_WORDS - {"today", "yesterday"})
_WHEN = (rf"\s+(?:(?:earlier|later)\s+)?(?:on|in|last|this|early|late|earlier)\s+(?:(?:the\s+)?(?:{_MONTH_OR_DAY})|"
         r"week|month|year)(?:\s+\d{1,2})?")  # "on Monday", "in March", "earlier this month"
_WHEN_END = re.compile(_WHEN + "$")


# An infinitive's "to" right before the speech verb: not said ("declined to say"), someone else made to say ("told
# his aides to say"), or said for a purpose by the sentence's subject ("The judge pointed to a case to say")
_NOT_SAYING = (r"(?:declined|declines|decline|refused|refuses|refuse|failed|fails|yet|unable|unwilling|reluctant|"
               r"hesitant|afraid)\s+to")  # ("has yet to say whether")
_TO_NOT_SAID = re.compile(rf"\b{_NOT_SAYING}$")
_TO_MADE_TO = re.compile(r"\b(?:told|asked|urged|forced|encouraged|invited|allowed|instructed|ordered|pressed|"
                         r"persuaded|got|wanted|expected|tells|asks|urges|wants)\s+(?:\S+\s+){1,3}to$")


# Letters after a name, set apart by commas: "Jane Smith, MBE, said", "Jane Doe, MD, MPH, said"
_LETTERS_AFTER_NAME = re.compile(rf"{POST_NOMINAL_LETTERS}|BEM|JP|DL|FRS|MPH|RN|CPA|IAS|IPS|IFS|Ph[.\u2024]D[.\u2024]?|"
                                 r"M[.\u2024]?D[.\u2024]?|Esq[.\u2024]?")


# A claim and the relative clause of one who answers it: "a point the USCCB media office", "a charge the company"
_CLAIM_THEN_OTHER = re.compile(r"(?:a|an|the|this|that|one)\s+(?:[a-z][\w\-]*\s+)?(?:point|charge|claim|allegation|"
                               r"accusation|assertion|contention|suggestion|characteri[sz]ation)\s+(?:that\s+)?"
                               r"(?:the|a|an|[A-Z])")
# An adverb set off after an apposition, before the verb: "Tom Hart, the mayor, also said", ", meanwhile, told",
# "Sen. John Thune, of South Dakota, all but confirmed", ", effectively conceded"
_SET_OFF_WORDS = (r"(?:also|too|meanwhile|however|though|instead|likewise|in\s+turn|all\s+but|[a-z]{3,}ly|"
                  r"for\s+(?:his|her|its|their)\s+part|for\s+(?:instance|example|one)|in\s+particular|in\s+response|"
                  r"in\s+addition|as\s+well|by\s+contrast|at\s+least)")
_ADVERB_SET_OFF = re.compile(rf",\s*{_SET_OFF_WORDS}\s*,?\s*$")
# ... or between commas in a sentence's subject: "A top Senate Democratic aide, likewise, put it bluntly"
_SET_OFF_ADVERB = re.compile(rf",\s*{_SET_OFF_WORDS}\s*(?=,)")


# Where a clause with a subject of its own starts: ", and", ", but", ", while" (past a quote's closing mark: "“without
# delay,” and Pelosi …") or a semicolon
_LAST_CLAUSE_BREAK = re.compile(r"[,;][\"\u201d]?\s+(?:and|but|while)\s+|;\s+")


def _subject(pre: str) -> str | None:
    """The speaker phrase at the end of ``pre`` (the text right before a cue verb)."""
    bare = pre.rstrip(" ,")
    if re.search(r"\bto$", bare):
        return None if _TO_NOT_SAID.search(bare) or _TO_MADE_TO.search(bare) else sentence_subject(bare)
    issued = _ISSUED_THAT.search(bare)
    if issued is not None:  # "Trump released a marketing video that said": who put it out (the subject of its own
        # clause: "Smith released a statement, and his rival Mary Jones posted a video that said": Jones)
        return sentence_subject(_LAST_CLAUSE_BREAK.split(bare[:issued.start()])[-1])
    pre = PARTY_LABEL.sub("", pre)  # "Sen. Rand Paul, R-Ky., told": the senator, not "R-Ky."
    pre = _ADVERB_SET_OFF.sub(", ", pre)  # "Tom Hart, the mayor, also said": the mayor, not "also"
    pre = _ACRONYM_AFTER.sub(_spelled_or_acronym, pre)  # "United Atlantic Ventures (UAV),": the name
    closed = pre.rstrip().endswith(",")
    pre = pre.strip().rstrip(",").strip()
    pre = re.sub(r"(?<=\w)\s+(?:even|also|never|often|already|once|still|just)$", "", pre)  # "Trump even claimed"
    pre = re.sub(r"((?:^|[,;:]\s+|\b(?:and|but)\s+)(?!(?:The|A|An)\s)(?:[A-Z][\w'\u2019\-]*\s+){0,2}"
                 r"[A-Z][\w'\u2019\-]*)\s+(?:himself|herself|themselves)$", r"\1", pre)  # "Sanders himself
    # acknowledged" (a name only: "The mayor himself said" stays as written)
    if re.search(r"\b(?:is|are|was|were|be|been|being)$", pre):
        return None  # "which is called": a name given, not words said
    pre = re.split(r"[;:\u2014\u2013]", pre)[-1]  # the last clause: "One placard ...; another accused", "Even
    # people who endorsed the plan sounded equivocal: Former Rep. Jane Harman called it"
    if not pre.rstrip().endswith("--"):  # past an aside between double hyphens: "In May -- just months before
        pre = re.split(r"\s--\s", pre)[-1]  # launching it -- Munir highlighted" (not one closing on the cue: "A
        # former presidential candidate -- John McCain, who lost … -- said")
    segs = _places_joined([s.strip() for s in re.split(r",(?!\d{3}\b)", pre) if s.strip() and not s.strip().isdigit()
                           and not _LETTERS_AFTER_NAME.fullmatch(s.strip())])  # ("250,000 Syrians" is one segment;
    # "Tom Baker, 67, a retired teacher, said": no age; "Jane Smith, MBE, said": no letters)
    relative = re.fullmatch(r"(?:who|said|says|added|adds)\s+(?P<pronoun>he|she|they)", segs[-1] if segs else "",
                            flags=re.IGNORECASE)  # ("Perić said he had told his charge to “…”": he)
    if relative is not None:
        return relative.group("pronoun")  # "… by President Obama, who he noted was “…”": he notes it, not Obama
    if re.fullmatch(r"(?:a|an|the|this|that|one)\s+(?:[a-z][\w\-]*\s+)?[a-z]+\s+(?:he|she|they|we|I)",
                    segs[-1] if segs else "") or _CLAIM_THEN_OTHER.match(segs[-1] if segs else ""):
        return None  # "Doe said Hart “…”, a charge he denied", "…, a point the bishops' office disputed": a claim
        # and a relative clause, no speaker
    if len(segs) >= 2 and _WHO_THEN.fullmatch(segs[-1]):  # "The club has also signed Marco Rossi, who called": the
        return _named_before(segs[:-1]) or _who_before(segs[-2])  # name before "who", or no one (never the clause's
        # subject); "The coach benched the star guard, who later said": the guard
    if len(segs) >= 2 and _WHOSE_THEN.fullmatch(segs[-1]) and not _WHICH_THEN.fullmatch(segs[-1]):
        return None  # "Prosecutors charged the banker, whose lawyer said": the lawyer's words, not the prosecutors'
    if len(segs) >= 2 and _WHICH_THEN.fullmatch(segs[-1]):  # "The senator questioned the FAA, which later said":
        return _which_before(segs[-2])  # the FAA, or no one (never the senator)
    if len(segs) >= 2 and (segs[-1].lower().startswith("who ") or
                           closed and re.match(r"which\s|(?:(?:[a-z]+ly|later|then|again|also|once)\s+)?(?:[a-z]+ed\b|"
                                               r"(?:sent|written|signed|given|taken|held|seen|shown|brought|kept|"
                                               r"found|built|read|led)\s+(?:under|to|from|in|on|at|with)\b|"
                                               r"[a-z]+ing\s+(?:that|to|on|about)\b|made\b|known\b|speaking\b|"
                                               r"writing\b|asking\b|requesting\b|declining\b|alleging\b|citing\b|"
                                               r"noting\b|arguing\b|claiming\b|insisting\b|responding\b|reacting\b)",
                                               segs[-1])):
        segs.pop()  # "The former staff member, who requested anonymity, said", "The second, made in response to the
        # first, states", "…,” said Paul Begala, who was an advisor to Bill and Hillary Clinton", "A senior official,
        # speaking on condition of anonymity, said": the relative or participle clause is not it; but an open
        # "which" clause may be the attribution ("Kroon said the church,
        # which he described as “…”": his)
    if not segs:
        return None
    return _trimmed_subject(_phrase_of_segments(segs, closed))


# An organisation's name after "The": "The State Department", "The National Rifle Association"
_THE_NAMED = re.compile(r"The\s+(?:[A-Z][\w&'\u2019\-]*\s+){0,4}[A-Z][\w&'\u2019\-]*")


def _phrase_of_segments(segs: list[str], closed: bool) -> str:
    """The speaker phrase among the comma segments before a cue: the last, or a name an aside, an addressee or an
    apposition sets apart from it (``closed``: the text before the cue ends on a comma)."""
    aside = next((i for i, seg in enumerate(segs) if i and seg.split()[0].lower() in _ASIDE_START), None)
    if aside is not None and (_looks_name(segs[aside - 1]) and split_speaker(segs[aside - 1]).is_person or
                              _THE_NAMED.fullmatch(segs[aside - 1])):
        segs = segs[:aside]  # "Clinton, during a town hall meeting in Columbus, Ohio, said": not Ohio; "The State
        # Department, in a document put out last week, noted": the department
    segs[-1] = re.split(r"\s+who\s+", segs[-1])[0]  # "one former staff member who resigned in October"
    if len(segs) >= 2 and _DOCUMENT_ASIDE.match(segs[-1]) and segs[-2].split() and \
            segs[-2].split()[-1].lower() in DOCUMENT_NOUNS:
        segs = segs[:-1]  # "Jane Doe’s statement, read to the court, said": the statement, not how it was given
    last = segs[-1]
    addressee = _TO_SOMEONE.match(segs[-2]) if len(segs) >= 2 and closed and \
        last.split()[0].lower() in ("a", "an", "the") else None
    if addressee is not None:  # "The Conservatives’ letter to Daniel Greenberg, the standards commissioner, said"
        subject = addressee.group("subject")  # (a document without whom it is sent to: "the Conservatives’ letter")
        last = subject if subject.split()[-1].lower() in DOCUMENT_NOUNS else segs[-2]
        segs = segs[:-2] + [last]
    named = _apposition_name(segs) if closed else None
    if len(segs) >= 2 and _ANOTHER_ONE.fullmatch(segs[-2]) and (
            _looks_name(_ROLE_BEFORE_NAME.sub("", last)) or split_speaker(last).is_person and split_speaker(last).role):
        return last  # "Another, retiree Tom Baker, said", "One, New Orleans resident Tasha Grant, said": the one named
        # (a vox pop's next voice)
    if named is not None:
        return named
    if len(segs) >= 2 and len(last.split()) <= 12:
        clause = _CLAUSE_START.split(segs[-2])[-1]
        relative = _WHAT_OPENING.match(clause)
        name = clause[relative.end():] if relative else clause
        if _names_with_appositive(name, last):
            return (name if relative else segs[-2]) + ", " + last  # "..., while John C. Cerar, the former commander
            # ..., said": the name; "…, in what Bay Buchanan, national treasurer for …, called"
    return last


# What opens a relative clause before its subject: "(in) what (Bay Buchanan … called)"
_WHAT_OPENING = re.compile(r"(?:(?:in|by|of|with|from|to|for|at|on)\s+)?(?:what|which|whom)\s+(?=[A-Z])")


# Two people, each with a title: "State House Majority Leader Jeff McCabe and Assistant House Majority Leader Sara
# Gideon" (longer than one speaker phrase may be)
_TWO_TITLED = re.compile(r"(?:[A-Z][\w.'\u2019\-]*\s+){1,7}and\s+(?:[A-Z][\w.'\u2019\-]*\s+){1,7}[A-Z][\w.'\u2019\-]*")


# Where the words were given, after the speaker phrase: "in a joint statement" (no part of its length)
_MEDIUM_TAIL = re.compile(r"\s+in\s+(?:a|an)\s+(?:joint\s+|written\s+)?"
                          r"(?:statement|interview|email|letter|tweet|post)$")


def _trimmed_subject(full: str) -> str | None:
    """A speaker phrase trimmed of what comes before its subject (a clause to a conjunction, a reported clause,
    a time, a subordinator) and of its head's extras; None when what is left is no speaker phrase."""
    full = full.lstrip("\u2015\u2014\u2013- ")  # ("― the new congresswoman vowed": no bar or dash of an aside)
    # Drop a leading clause up to a conjunction ("... but three EU diplomats").
    parts = _CLAUSE_START.split(full)
    clause = _AND_NAME.match(parts[-1].strip())
    if clause and _verb_clause(clause.group("clause")):
        parts = [clause.group("name")]  # "Watkins is making himself ... and Emery added:": the nearest subject
    full = re.sub(r"^(?:and|but|then|also|later|now|meanwhile|even)\s+", "", parts[-1].strip(), flags=re.IGNORECASE)
    # past a reporting verb: "a police source said King never" is King's words, "The board noted the Code of Conduct
    # says" the code's
    *_, cue, full = [""] + re.split(r"\s(said|says|say|told|tells|noted|notes|argued|argues)\s", full)
    if cue in ("told", "tells"):  # ("Smith told reporters Jones had called": Jones, not "reporters
        full = re.sub(r"^(?:[a-z]+\s+){1,4}(?=[A-Z])|"
                      r"^(?:(?:the|a|an)\s+)?[a-z]+\s+(?=(?:his|her|their|the|a|an)\s+[a-z])",
                      "", full)  # Jones"; "told the court his father had often said": his father)
    full = _TIME_OPENER.sub("", full)  # "The following month they posted": they
    if not cue:  # (not inside a clause reported: "Rubio said that once the Senate goes on recess, “…”" is Rubio's)
        full = _past_subordinator(full)
    full = _PLACE_IN_TEXT_OPENING.sub("", full)  # "in a hand-written annotation to his letter Mrs Thatcher": her
    bare = _SUBORDINATOR_OPENING.sub("", full)  # "But even as Trump claimed that “…”": Trump; only a bare
    if bare != full and _bare_subject(bare):  # subject, not a clause ("When the teacher asked who broke the window
        full = bare  # Tommy")
    itself = re.fullmatch(r"(?:the|The)\s+(?:artist|author|writer|novelist|poet|singer|songwriter|composer|painter|"
                          r"sculptor|photographer|designer|director|filmmaker|playwright|chef|architect)\s+"
                          r"(?P<self>himself|herself)", full)
    if itself is not None:  # "as the artist herself tells us": the one the text has been about, as "she" (a maker
        # only: "The mayor himself said" after a named woman is no "she" of hers)
        return {"himself": "he", "herself": "she"}[itself.group("self")]
    told = _TOLD_OUTLET_THEN_NAME.match(full)
    if told is not None:  # "Speaking to the Daily Mail Lacerda claimed:": the surname, which the article completes
        full = told.group("name")
    if full.endswith((" and", " but")) and " " in full[:-4].strip():
        return None  # "one cop put both hands on his head and said": a clause, not a speaker phrase
    full = _head_trimmed(full)
    known_as = re.search(r"\bknown\s+as\s+(?P<name>[A-Z][\w'\u2019\-]*(?:\s+[A-Z][\w'\u2019\-]*){0,3})$", full)
    full = known_as.group("name") if known_as else full  # "the performer known as Flloyd": Flloyd
    words = [w.lower().strip("\u2024.'\u2019") for w in re.split(r"[\s,]+", _MEDIUM_TAIL.sub("", full)) if w]
    if not words or len(words) > (18 if "," in full or _TWO_TITLED.fullmatch(full) else 12) or \
            words != ["it"] and _bad_speaker_word(full) or \
            words[-1] in _ENDS_NO_PHRASE and (full.split()[-1].islower() or words[-1] in _COUNTING_WORDS):
        return None  # (a noun after a determiner is no verb: "“….” Groene gave no hints."; but "Xu An", "Thomas
        # More", "An said" are names)
    return full.replace("\u2024", ".")


# A count of people opening a sentence before the one it names: "Another, retiree Tom Baker, said"
# ... and the role before that one's name: "retiree", "lifelong resident", "retired nurse"
_ROLE_BEFORE_NAME = re.compile(r"^(?:[a-z][\w\-]*\s+){1,3}(?=[A-Z])")
_ANOTHER_ONE = re.compile(r"(?:[Aa]nother|[Oo]ne|[Aa]\s+(?:second|third|fourth|fifth))(?:\s+[a-z]+)?")


# A noun phrase or a name ending a clause ("stopped a driver", "spoke to Dana Ruiz"), not a verb ("relied on Picabo
# Street, who")
_NOUN_PHRASE_END = re.compile(r"(?:\b(?:a|an|the|his|her|their|its)\s+(?:[a-z][\w\-]*\s+){0,2}[a-z][\w\-]*|"
                              r"\s[A-Z][\w'\u2019\-]*)$")


# A document and its author ending a clause: "read a statement from the family"
_DOCUMENT_OF_END = re.compile(r"\b(?:" + "|".join(sorted(DOCUMENT_NOUNS | {"message", "remarks", "speech"})) +
                              r")\s+(?:from|by|on\s+behalf\s+of)\s+(?P<spk>[^,;:]{2,80})$")


# What a document is about, before a name: never who speaks ("a statement about SecondEyes, which", "a complaint
# against Meta, which"; but "shares of Nvidia, which", "an investigation into Binance, which": Nvidia, Binance)
_ABOUT_END = re.compile(r"\b(?:about|regarding|concerning|on\s+behalf\s+of)\s+$|\b(?:" +
                        "|".join(sorted(DOCUMENT_NOUNS | {"complaint", "lawsuit", "ruling", "article", "story"})) +
                        r")\s+(?:over|against|into|of|on|like)\s+$")
# A document the clause's subject put out: "The court released its ruling on Friday, which said", "Apple published a
# letter on its website, which said" (the subject's words)
_PUT_OUT_NOUNS = DOCUMENT_NOUNS | {"ruling", "decision", "judgment", "letter"}
_ISSUED_DOCUMENT = re.compile(r"\b(?:issued|released|published|posted|sent|filed|shared|put\s+out)\s+(?:a|an|the|its|"
                              r"his|her|their)\s+(?:[a-z\-]+\s+){0,2}(?:" + "|".join(sorted(_PUT_OUT_NOUNS)) + r")\b")


# ... or a video or an ad, and a relative "that" or "which" right before the speech verb: "Trump released a marketing
# video that said, “…”" is Trump's
_ISSUED_THAT = re.compile(r"\b(?:issued|released|published|posted|sent|put\s+out|aired|ran)\s+(?:a|an|the|its|his|her|"
                          r"their)\s+(?:[a-z\-]+\s+){0,2}(?:" +
                          "|".join(sorted(_PUT_OUT_NOUNS | {"video", "ad", "advert", "advertisement", "commercial",
                                                            "message"})) +
                          r")(?:\s+(?:on|last|this)\s+[A-Za-z]+)?,?\s+(?:that|which)" + _THEN + "$")


def _places_joined(segs: list[str]) -> list[str]:
    """Comma-separated parts of a clause, a state or country after a place's name joined to it ("a nurse from El
    Paso", "Texas": "a nurse from El Paso, Texas", never a speaker of its own)."""
    joined: list[str] = []
    for seg in segs:
        if joined and (is_place_name(seg) or re.fullmatch(r"D[.\u2024]?C[.\u2024]?", seg)) and \
                joined[-1].split()[-1][:1].isupper():  # ("the mayor of Washington, DC")
            joined[-1] += ", " + seg
        else:
            joined.append(seg)
    return joined


def _named_before(segs: list[str]) -> str | None:
    """The person's name before an apposition describing them, the last of ``segs`` (comma-separated parts of a
    clause): "written by Amy Chen, a fellow at the Brookings Institution" is Amy Chen; None otherwise."""
    if len(segs) < 2 or not re.match(r"(?:a|an|the)\s", segs[-1]) or " and " in segs[-1]:
        return None  # (not a list: "spoke to Mayor Karen Bass, the fire chief and several residents, who said")
    named = _NAME_ENDING.search(segs[-2])
    return named.group("name") if named is not None and split_speaker(named.group("name")).is_person else None


def _which_before(clause: str) -> str | None:
    """What a "which" (or "whose spokesman") right before a speech verb is: the organisation ending ``clause``, the
    clause before it ("fined Boeing", "blamed the utility"), or the author of a document ending it ("read a statement
    from the family"); None when it is none."""
    document = _DOCUMENT_OF_END.search(clause)
    if document is not None:
        return document.group("spk")
    clause = _WHEN_END.sub("", clause)  # "Regulators fined Meta on Monday, whose spokesman said": Meta
    named = _ORG_ENDING.search(clause)
    if named is not None and not _ABOUT_END.search(clause, 0, named.start("name")) and \
            named.group("name").removeprefix("the ").lower() not in _MONTHS_AND_DAYS:
        return named.group("name")  # (not "the network's statement about SecondEyes, which described it": the
        # statement's words)
    if _ISSUED_DOCUMENT.search(clause):
        return sentence_subject(clause)  # "The company issued a statement about Halden Labs, which said": the company
    described = _PERSON_ENDING.search(" " + clause)
    return described.group("name") if described is not None and described.group("noun") in ORG_NOUNS else None


# A person described by the body they work at or for, ending a clause: "a researcher at the University of Chicago", "a
# spokesman for the Department of Justice"; or a title of a place: "the President of France"
_PERSON_AT_BODY = re.compile(r"(?:^|\s)(?P<name>(?:(?:a|an|the|one)\s+(?:[a-z][\w\-]*\s+){0,2}(?P<noun>[a-z]+)\s+"
                             r"(?:at|for|from|with)|(?:the|a)\s+(?P<title>[A-Z][a-z]+)\s+of)\s+(?:the\s+)?"
                             r"[A-Z][\w'\u2019.&\-]*(?:\s+(?:(?:of|for|and)\s+(?:the\s+)?)?[A-Z][\w'\u2019.&\-]*){0,5})$")


def _who_before(clause: str) -> str | None:
    """Who a "who" right before a speech verb is: the name or the person's description ending ``clause``, the clause
    before it; None when it is neither."""
    described = _PERSON_AT_BODY.search(clause)
    noun = (described.group("noun") or described.group("title")).lower() if described is not None else ""
    if described is not None and described.start("name") > 0 and _speaker_noun(noun) and not noun.endswith("s"):
        return described.group("name")  # "a researcher at the University of Chicago, who": not "University" (people
        # in the plural as before: "relatives of the victims in Lyon, who"; and a description that is the whole clause,
        # an apposition: "Dr. Sarah Kim, a researcher at Stanford University, who": Sarah Kim)
    place = _PLACE_OF.search(clause)
    if place is not None and place.group("prep") == "on" and not _NOUN_PHRASE_END.search(clause, 0, place.start()):
        place = None  # "stopped a driver on Main Street, who": where the driver was; "relied on Picabo Street, who":
        # the one relied on
    placeless = clause[:place.start()] if place else clause
    before_place = placeless.split()[-1].lower() if place and placeless.split() else ""
    people_there = before_place.islower() and (_speaker_noun(before_place) or before_place.endswith("s") and
                                                not before_place.endswith("ss") and
                                                before_place[:-1] not in DOCUMENT_NOUNS and
                                                (place is not None and place.group("prep") != "of" or
                                                 speakers_in_plural(before_place)))  # ("voters from Iowa"; but
    # "the objections of Democrats": no people before "of")
    plural = _PLURAL_ENDING.search(placeless)
    if plural is not None and speakers_in_plural(plural.group("noun")):
        owner = _OWNER_OF.search(placeless, 0, plural.start("name"))
        owner_noun = owner.group("noun").lower() if owner is not None else ""
        if owner is not None and (_speaker_noun(owner_noun) or owner_noun in PEOPLE_OF):
            return placeless[owner.start("name"):]  # "a lawyer for the workers, who says": the lawyer
        return placeless[plural.start("name"):]  # "thanked the troops, who", "visited residents in Fort Myers, who"
    if people_there and place is not None and place.group("prep") in ("of", "for", "from"):
        person = _PERSON_ENDING.search(" " + placeless)
        if person is not None and _speaker_noun(person.group("noun").lower()):
            return clause[max(person.start("name") - 1, 0):]  # "the husband of Jane Doe", "a resident of Mariupol"
    in_place = place is not None and (place.group("prep") == "on" or place.group("prep") in ("in", "at") and (
        people_there or before_place in ORG_NOUNS | _SITE_NOUNS))  # ("the embassy in Kabul"; not "jeered at Mayor X";
    # a street is a place whoever is on it)
    antecedent = _NAME_ENDING.search(placeless) or \
        (None if people_there or in_place else _NAME_ENDING.search(clause)) or \
        _PERSON_ENDING.search(placeless if in_place else clause)  # ("a reply from Julia Blystone, who": no place
    # after a name; but "residents in Fort Myers, who", "experts at Stanford, who": not the place)
    if antecedent and antecedent.re is _NAME_ENDING and antecedent.start("name") == 0 and placeless != clause:
        return clause  # "Fans of the Chicago Cubs, who said": the whole phrase, a capital opening it no name
    if antecedent and re.search(r"\b(?:of|for)$", clause[:antecedent.start("name")].rstrip()):
        described = _PERSON_OF.search(clause)  # "the mother of Jane Doe, who said", "the chief of the fire
        # department, who": the one described, not whose mother or chief they are (never the clause's subject)
        noun = described.group("noun").lower() if described else ""
        if described and (_speaker_noun(noun) or noun in PEOPLE_OF):
            return described.group("name")
        thing = described is not None and antecedent.re is _NAME_ENDING and noun in THINGS_OF
        return antecedent.group("name") if thing else None  # "a victory for Jane Park, who", "the objections
        # of Democrats, who": the name (a thing is no one)
    return antecedent.group("name") if antecedent and (antecedent.re is _NAME_ENDING or antecedent.group(
        "noun").lower() in SPEAKER_NOUNS | ROLE_WORDS | EPITHET_NOUNS) else None  # ("Sen. Marco Rubio of
    # Florida, who"; "signed a new striker, who called": the striker)


# Participles describing people by what was done to them ("Economists surveyed", "Officials briefed"), not a verb of
# their own ("Fans booed")
_PASSIVE_PARTICIPLES = frozenset({"surveyed", "polled", "interviewed", "questioned", "briefed", "contacted", "asked",
                                  "reached", "consulted", "quoted", "cited", "arrested", "detained", "rescued",
                                  "evacuated", "injured", "hospitalized", "hospitalised", "elected", "appointed",
                                  "hired", "employed", "stationed", "based", "deployed"})


def _past_subordinator(full: str) -> str:
    """The speaker phrase ``full`` read past a subordinator inside it: the subject after it when that may speak, the
    description before it when a clause follows; ``full`` itself otherwise."""
    inner = list(_SUBORDINATOR_INSIDE.finditer(full))
    if not inner:
        return full
    after, before = full[inner[-1].end():], full[:inner[-1].start()].split()
    clause_before = (_holds_verb(before) or any(w.lower() in _PAST_IRREGULAR for w in before[1:])) and not (
        speakers_in_plural(before[0]) or any(_speaker_noun(w.lower().strip(",")) for w in before[:3]))  # "The crowd
    # cheered", "The courtroom fell silent": a clause, whose subordinate subject speaks (not "Fans leaving the
    # stadium", nor a participle after one who speaks: "Two officials briefed after the meeting")
    if len(before) == 2 and speakers_in_plural(before[0]) and before[1].lower() in _PASSIVE_PARTICIPLES and not (
            _bare_subject(after) and _names_speaker(after) and after.split()[-1].lower() not in DOCUMENT_NOUNS):
        # (not when the clause names who speaks: "Officials contacted after engineer Paul Jones said": Jones's words)
        return before[0]  # "Economists surveyed before the report said": the economists (a participle's clause; not
        # "Fans booed when Jones told": a clause, Jones's words)
    thing_after = bool(after.split()) and (after.split()[-1].lower() in THING_WORDS or after.split()[-1].endswith(
        "s") and not speakers_in_plural(after.split()[-1]))  # ("before the results": a thing, not who speaks)
    if _bare_subject(after) and (_names_speaker(after) or clause_before and not thing_after):
        return after  # "Shares of Boeing fell 4 percent after the company said": the company
    if clause_before and not thing_after and (last := re.split(r"\s+(?:and|but)\s+", after)[-1]).split() \
            and last.split()[0].lower() in DESCRIPTION_START and len(last.split()) <= 8 and \
            not _holds_verb(last.split()):
        return last  # "The crowd cheered when a longtime friend of the family said": the friend, not the crowd (and
        # after a clause of its own, its last subject: "when the team took the field and the coach said": the coach)
    if not _bare_subject(after) and not clause_before and (
            speakers_in_plural(full.split()[0]) or full.split()[0].lower() in DESCRIPTION_START):
        return full[:inner[-1].start()]  # "Witnesses at the scene before police arrived said": the witnesses
    return full


# A name ending a clause ("signed Marco Rossi"), and where a person named so is from ("Marco Rubio of Florida")
_PERSON_ENDING = re.compile(r"\s(?P<name>(?:a|an|the|his|her|their|its)\s+(?:[A-Za-z][\w\-]*(?:['\u2019]s)?\s+){0,2}"
                            r"(?P<noun>[a-z]+))$")  # ("the Brazilian striker")
# People in the plural ending a clause: "thanked the troops", "visited residents" (who they are: speakers_in_plural)
_PLURAL_ENDING = re.compile(r"(?:^|\s)(?P<name>(?:(?:the|some|many|several|their|his|her|its)\s+(?:[a-z][\w\-]*\s+)?)?"
                            r"(?P<noun>[a-z]+s))$")
_OWNER_OF = re.compile(r"(?:^|\s)(?P<name>(?:(?:a|an|the|his|her|their|its)\s+(?:[a-z][\w\-]*\s+){0,2})?"
                       r"(?P<noun>[a-z]+)\s+(?:of|for)\s+)$")
_SITE_NOUNS = frozenset({"embassy", "consulate", "mission", "office", "headquarters", "bureau", "branch"})
_PERSON_OF = re.compile(r"(?:^|\s)(?P<name>(?:a|an|the|his|her|their|its)\s+(?:[a-z][\w\-]*\s+){0,2}(?P<noun>[a-z]+)"
                        r"\s+(?:of|for)\s+\S.*)$")
_PLACE_OF = re.compile(r"\s+(?P<prep>of|from|in|at|on(?=\s+(?:[A-Z][\w'\u2019.\-]*\s+){1,2}(?:Street|Avenue|Road|"
                       r"Boulevard|Lane|Drive|Highway|Square)$))\s+(?:the\s+)?(?:[A-Z][\w'\u2019.\-]*\s*){1,3}$")
# ("on Main Street": a street, where someone is)
_NAME_ENDING = re.compile(r"(?:^|\s)(?P<name>(?:[A-Z][\w'\u2019\-]+\s+){0,3}[A-Z][\w'\u2019\-]+)$")


def _bare_subject(phrase: str) -> bool:
    """Whether the words after a subordinator are a bare subject ("the company", "Trump"), not a clause."""
    words = phrase.split()
    return bool(words) and len(words) <= 5 and words[0].lower() not in _NO_SUBJECT_START and \
        not any(w.lower() in _ENDS_NO_PHRASE for w in words[1:]) and not _holds_verb(words)


def _names_speaker(phrase: str) -> bool:
    """Whether a bare subject names one who may speak: a pronoun, a name (not a day's, a month's or a thing's: "since
    January"), or a speaker's, role's or organisation's noun ("the company"; not "the match", "the outbreak began")."""
    last = phrase.split()[-1].strip(".,'\u2019")
    low = last.lower()
    if low in _PRONOUNS or re.search(r"^[A-Z][\w\-]*['\u2019]s\s+(?:official\s+)?(?:account|campaign|office)$", phrase):
        return True  # ("after Trump's account tweeted": his)
    if last[:1].isupper():
        return low not in DAY_WORDS | MONTH_WORDS | THING_WORDS
    return _speaker_noun(low) or low in ORG_NOUNS or low.removesuffix("s") in ORG_NOUNS


# Past forms not in -ed that tell a clause before a subordinator ("Shares fell after", "The room went quiet when")
_PAST_IRREGULAR = frozenset({"fell", "rose", "went", "grew", "came", "sank", "slid", "broke", "began", "spread",
                             "froze", "shook", "stood", "sat", "ran", "drew", "swung", "rang", "burst", "stayed"})


def _holds_verb(words: list[str]) -> bool:
    """Whether words hold a past form in -ed as a verb ("the teacher asked"), not as an adjective after a determiner
    or an adverb ("the retired teacher", "the newly retired general")."""
    dets = ("the", "a", "an", "this", "that")
    return any(re.fullmatch(r"[a-z]+ed", w) and not (i and (words[i - 1].lower() in dets or re.fullmatch(
        r"[a-z]+ly", words[i - 1]) and (i == 1 or words[i - 2].lower() in dets)))  # "Trump finally arrived": a verb
               for i, w in enumerate(words))


# Words that open no bare subject after a subordinating conjunction ("When asked", "After years of", "as of")
_NO_SUBJECT_START = frozenset({"of", "in", "on", "at", "for", "with", "from", "to", "by", "about", "then", "years",
                               "months", "weeks", "days", "asked", "pressed"})
# Words that end no speaker phrase: a determiner, whose noun is the "cue" ("gave no hints", "made some notes")
_COUNTING_WORDS = frozenset({"no", "any", "some", "few", "many", "several", "these", "those", "this", "that"})
_ENDS_NO_PHRASE = frozenset({"no", "any", "some", "few", "more", "many", "several", "the", "a", "an", "his", "her",
                             "their", "its", "my", "our", "your", "these", "those", "this", "that"})


# A conjunction opening a subordinate clause before its subject: "But even as Trump (claimed)", "When Smith"
# ... and one inside a clause, its subject what the speech verb after it has ("Shares of Boeing fell after the company
# said"; not "as", which also links two names: "Smith as well as Jones")
_SUBORDINATOR_INSIDE = re.compile(r"(?<=\S)\s+(?:after|before|when|while|since|until|because|once|unless|whereas)\s+"
                                  r"(?=\S)")
_SUBORDINATOR_OPENING = re.compile(r"^\s*(?:(?:But|And|Yet|but|and|yet)\s+)?(?:(?:Even|even)\s+)?(?:As|When|While|"
                                   r"Although|Though|Because|Since|After|Whereas|as|when|while|although|though|"
                                   r"because|since|after|whereas)\s+(?=\S)")


# Where in a text or an event the words were given, opening a sentence with no comma before the name of who gave
# them: "(But) in a hand-written annotation to his letter (Mrs Thatcher)", "At the end of the meeting (Jones)"
_PLACE_IN_TEXT_OPENING = re.compile(r"^(?:[Ii]n|[Aa]t|[Dd]uring)\s+(?:a|an|the|his|her|their|its)\s+"
                                    r"(?:[a-z][\w\-]*\s+){1,8}(?=(?:[A-Z][\w.'\u2019\-]*\s+){0,3}[A-Z][\w'\u2019\-]*$)")
# A time phrase opening a sentence with no comma before its subject: "The following month they", "Last week Cole"
_TIME_OPENER = re.compile(r"^(?:The\s+(?:following|next|previous)|(?:Last|Next|That|Later\s+that|Earlier\s+that))\s+"
                          r"(?:day|week|month|year|morning|afternoon|evening|night|spring|summer|autumn|fall|winter)"
                          r"\s+(?=\S)")


# A participle of speaking to an outlet, then the speaker's name with no comma between: the name is the last word.
_TOLD_OUTLET_THEN_NAME = re.compile(r"(?:Speaking|Talking|Writing|Appearing)\s+(?:to|with|on|in)\s+the\s+"
                                    r"(?:[A-Z][\w'\u2019\-]*\s+)+(?P<name>[A-Z][\w'\u2019\-]*)$")


# A subject, then the person it is addressed to or about, whom an apposition after the comma describes
_TO_SOMEONE = re.compile(r"(?P<subject>.+?)\s+(?:to|for|from|with|about|against)\s+(?:[A-Z][\w'\u2019\-.]*\s+){0,3}"
                         r"[A-Z][\w'\u2019\-]*$")


def _names_with_appositive(name: str, appositive: str) -> bool:
    """Whether ``name, appositive`` is a name and a description of its person: a name and no second name ("John
    C. Cerar, the former commander"), or a title and a name of two words or more and an indefinite or definite
    description ("former Sen. Evan Bayh, a moderate Indiana Democrat", "Representative Joaquin Castro of Texas,
    another Democratic member of the committee"; not ", citing participants")."""
    if _looks_name(appositive):
        return False
    if _looks_name(name):
        return True
    sp = split_speaker(name)
    return sp.is_person and sp.role is not None and len(sp.name.split()) >= 2 and sp.name in name and \
        re.match(r"(?:a|an|the|another)\s", appositive, re.IGNORECASE) is not None


# How a document was given, set off after it: "statement, read to the court,", "letter, seen by the BBC,"
_DOCUMENT_ASIDE = re.compile(r"(?:[a-z]+ly\s+)?(?:read|released|issued|published|posted|shared|seen|obtained|sent|"
                             r"signed|written|delivered|submitted|filed|made|given|handed)\s+(?:out\s+|aloud\s+)?"
                             r"(?:to|by|in|on|at|before|through|via|from|outside|after|during|last|this|late|early)\b")
# The first word of an aside of time or place between a name and its verb
_ASIDE_START = frozenset({"during", "at", "in", "on", "after", "before", "while", "speaking", "addressing",
                          "appearing", "who"})  # "Michael Seaman, who lives … capital, Sacramento, said"


def _apposition_name(segs: list[str]) -> str | None:
    """The name before an apposition that holds commas of its own ("William Kovacs, the Chamber's vice president of
    environment, technology and regulatory affairs, said"): the segments after the name, the first a description
    ("the ...", "a ..."), the others in lower case; None when the segments are not so."""
    for i in range(len(segs) - 3, -1, -1):
        rest = segs[i + 1:]
        if _looks_name(segs[i]) and (rest[0].split()[0].lower() in DESCRIPTION_START or rest[0][:1].islower() or
                                     _PARTY_OF_STATE.fullmatch(rest[0])) and \
                all(seg[:1].islower() or _PLACE_BEFORE.search(before) and _PLACE_AFTER.fullmatch(seg)
                    for before, seg in zip(rest, rest[1:], strict=False)):
            return segs[i]  # (or a role with no article: "Alixandria Lapp, executive director of the House Majority
    return None  # PAC, a Democratic super PAC, said"; and a place's second part: "Ann Cole, a lawyer from Austin,
    # Texas, said", "…, who teaches at the University of California, Berkeley, has warned"; and a party and state
    # first: "Representative Jim Jordan, Republican of Ohio, a founder of …, said")


# A politician's party and state, as the New York Times gives them: "Republican of Ohio", "Democrat of New York"
_PARTY_OF_STATE = re.compile(rf"(?:Republican|Democrat|Independent)\s+of\s+(?:{STATES})")


# A segment ending on a place, and the segment after it that completes the place ("from Austin", "Texas")
_PLACE_BEFORE = re.compile(r"(?:\b(?:in|from|of|at|near|outside|around)|^(?:an?|the))\s+"
                           r"(?:[A-Z][\w.'\u2019\-]*\s*){1,3}$")
_PLACE_AFTER = re.compile(r"(?:[A-Z][\w.'\u2019\-]*\s*){1,3}")


def _verb_clause(text: str) -> bool:
    """Whether a text before "and Name" is a clause of its own (it holds a verb), not the first of two names."""
    return bool(re.search(r"\b(?:is|are|was|were|has|have|had|\w+ed)\s+(?!and\b)[a-z]", text)) and \
        not _looks_name(text)


_LY_NOUNS = frozenset({"family", "ally", "daily", "weekly", "monthly", "quarterly", "assembly", "fly", "belly"})
_ADVERBS = frozenset({"never", "also", "later", "again", "then", "still", "now", "previously", "first", "once"})


_ARTICLE_WORDS = frozenset({"the", "a", "an"})


def _head_trimmed(phrase: str) -> str:
    """A speaker phrase ending at its head: without an adverb after a name ("Doocy correctly", "King never"), and a
    document of an organisation is the organisation ("the White House brief")."""
    words = phrase.split()
    described = words[0].lower() in DESCRIPTION_START
    issued = words[0].lower() in ("a", "an")  # "a Defence Ministry statement": the issuer's (_ISSUER_DOCUMENT)
    pronoun = len(words) == 2 and words[0].lower() in ("he", "she", "they")  # "he aptly": he
    while len(words) >= 2 and (words[-2][:1].isupper() or described or pronoun) and \
            (words[-1].endswith("ly") and words[-1].islower() and words[-1] not in _LY_NOUNS or
             words[-2][:1].isupper() and words[-2].lower() not in _ARTICLE_WORDS and
             (words[-1] in DOCUMENT_NOUNS and not issued or words[-1] in _ADVERBS)):  # not "The statement"
        words.pop()  # "a former Turning Point staffer simply": the staffer
    return " ".join(words)


def _looks_name(seg: str) -> bool:
    words = seg.replace("\u2024", ".").split()
    if words and re.fullmatch(r"\d+-year-old", words[0]):
        words = words[1:]  # "81-year-old Parker Eaton"
    return 1 <= len(words) <= 5 and all(w[:1].isupper() for w in words)


# A sentence opening on a description of one as its subject, then a verb: "The director denied", "A spokesman said".
# A name given and the verb of the clause it is the subject of: "(called) Strengthen Social Security has"
_NAME_THEN_VERB = re.compile(r"\s+[A-Z][\w\-'\u2019]*(?:\s+(?:of|for|and|[A-Z][\w\-'\u2019]*)){0,5}\s+"
                             r"(?:has|have|had|is|was|are|were|[a-z]+ed)\b")
# A group opening a sentence with the name it goes by: "A coalition of groups called Strengthen Social Security has"
_CALLED_GROUP_OPENING = re.compile(r"(?:The|A|An)\s+(?:[a-z][\w\-]*\s+)?(?P<head>[a-z]+)\s+(?:of\s+[a-z]+\s+)?"
                                   r"(?:called|named|known\s+as)\s+(?P<name>[A-Z][\w\-'\u2019]*(?:\s+(?:of|for|and|"
                                   r"[A-Z][\w\-'\u2019]*)){0,5})\s+(?:has\s+|have\s+|had\s+)?[a-z]+(?:ed|s)\b")
_GROUP_NOUNS_CALLED = frozenset({"coalition", "group", "organization", "organisation", "campaign", "charity",
                                 "committee", "alliance", "network", "movement", "association", "union", "nonprofit",
                                 "non-profit", "firm", "company", "startup", "start-up", "party", "caucus"})
_DESCRIBED_OPENING = re.compile(r"(?P<spk>(?:The|A|An|One|Another)\s+(?:[a-z][\w\-]*\s+){0,2}?(?P<head>[a-z]+))"
                                r"(?:\s+(?:inside|in|at|from|with|for|close\s+to)\s+(?:the\s+)?"
                                r"[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,3})?"  # "One operative inside Trump Tower"
                                r"\s+[a-z]+(?:ed|s)\b")


# A place named after a preposition, ending a phrase before a comma: "in Birmingham, " (a state may follow)
_IN_PLACE_END = re.compile(r"\b(?:in|at|near|from|outside|of)\s+[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*)?,\s+$")
# A name's possessive ("Cole's", "Meadows'"): whose, not who
_OWNER = re.compile(r"\w(?:['\u2019]s|s['\u2019])$")


# A document's speech verb: "The letter warns", not "The post featured a photograph"
_DOCUMENT_SPEAKS = re.compile(r"\s+(?:warns|warned|says|said|reads|read|states|stated|argues|argued|adds|added|urges|"
                              r"urged|declares|declared)\b")
_DASHED_ASIDE = re.compile(r"\s[\u2013\u2014-]\s[^\u2013\u2014]{1,120}?\s[\u2013\u2014-]\s")


# A description of one by another, opening a sentence before a comma: "The mother of the boy, "
_OBJECT_DESCRIPTION = re.compile(r"(?P<desc>(?:(?:The|A|An|His|Her|Their|Its)\s+(?:[a-z][\w\-]*\s+){0,2}|"
                                 r"[A-Z][a-z]+s\s+)(?:of|for|to|with)\s+(?:the|a|an|his|her|their|its|our)\s+(?:[a-z][\w\-]*\s+)?[a-z]+),\s+")


# A sentence opening on speakers in the plural with no article ("Attorneys for Clinton opposed", "Prosecutors argued")
# (its verb agrees with a plural: a past form or a plain one, never one in -s, which is a plural noun: "Critics of
# the law say it goes" is the critics, not "Critics of the law say it"; "States with strict gun laws reported")
_PLURAL_OPENING = re.compile(r"(?P<spk>(?P<head>[A-Z][a-z]+s)(?:\s+(?:for|of|at|from|with|in|close\s+to)\s+(?:the\s+)?"
                             r"(?:[A-Za-z][\w\-]*\s+){0,3}?[A-Za-z][\w\-]*)?)\s+(?:[a-z]+ly\s+)?"
                             r"(?:[a-z]+ed|said|told|wrote|spoke|gave|made|took|say|tell|argue|claim|contend|insist|warn|"
                             r"fear|believe|want|expect|allege|maintain|note|worry|predict|think|agree|complain|"
                             r"describe|call|accuse|urge|oppose|deny|reject|blame|hope|feel|have|had|were|are)\b")


# A sentence opening on someone described by whose they are, then its verb: "Hart’s wife can be heard", "Cole's
# lawyer said" (not past a comma: "Cole's lawyer, Sam Reid, had" is Sam Reid)
_OWNED_OPENING = re.compile(r"(?P<spk>[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)?['\u2019]s?\s+(?:[a-z][\w\-]*\s+)?"
                            r"(?P<head>[a-z]+))\s+(?:[a-z]+ly\s+)?(?:[a-z]+(?:ed|s)|can|could|would|will|has|had|was|is|"
                            r"told|wrote|said)\b")
_OWNED_HEADS = PEOPLE_OF | {"lawyer", "attorney", "spokesman", "spokeswoman", "spokesperson", "aide", "adviser"}


def sentence_subject(sentence: str) -> str | None:
    """The name that opens a sentence or its main clause ("However, late Wednesday, Hunter Biden's attorney Abbe
    Lowell seemed ..." -> "Hunter Biden's attorney Abbe Lowell"), a description of a speaker that does ("The
    director denied"), or None."""
    sentence = DATELINE.sub("", sentence.lstrip(), count=1)  # "“…” A government official downplayed": the text
    # after a quote's mark; "Washington (AFP) – Democrat Hillary Clinton has": no dateline
    sentence = _DASHED_ASIDE.sub(" ", sentence)  # "The letter – an edited version of which … – warns"
    sentence = _SET_OFF_ADVERB.sub("", sentence)  # "A top Senate Democratic aide, likewise, put it bluntly"
    starts = [m.end() for m in re.finditer(r",\s+", sentence[:160])]
    if not SUBORDINATE_START.match(sentence):  # "After Consumer Watchdog accused Lara ..., Soller put out": Soller
        described = _described_subject(sentence)
        if described is not None:
            return described
        starts.insert(0, 0)
    return next((subject for st in starts if (subject := _subject_at(sentence, st)) is not None), None)


def _described_subject(sentence: str) -> str | None:
    """A description of a speaker opening a sentence: "The director denied", "Attorneys for Clinton opposed"; a
    group the description names, by its name ("A coalition of groups called Strengthen Social Security has")."""
    called = _CALLED_GROUP_OPENING.match(sentence)
    if called is not None and called.group("head").lower() in _GROUP_NOUNS_CALLED:
        return called.group("name")
    described = _DESCRIBED_OPENING.match(sentence)
    head = described.group("head").lower() if described is not None else ""
    if described is not None and (
            head in SPEAKER_NOUNS | ROLE_WORDS | ORG_NOUNS | EPITHET_NOUNS or
            head in DOCUMENT_NOUNS and _DOCUMENT_SPEAKS.match(sentence, described.end("spk"))):
        return described.group("spk")  # "The director denied reports that his talks with the studio,
        # Lionsgate, hit a snag": the director, not a name in an apposition after the verb
    plural = _PLURAL_OPENING.match(sentence)
    if plural is not None and plural.group("head").lower() in SPEAKER_NOUNS | {
            w + "s" for w in (ROLE_WORDS - PLURAL_NO_PERSON) | EPITHET_NOUNS}:
        return plural.group("spk")  # "Attorneys for Clinton opposed the effort, saying": the attorneys
    return None


def _subject_at(sentence: str, st: int) -> str | None:
    """The person whose name (or description of an object's person) opens the clause at ``st``, or None."""
    opening = _OBJECT_DESCRIPTION.fullmatch(sentence, 0, st) if st else None
    if opening is not None and names_the_object(opening.group("desc"), sentence[st:]):
        return opening.group("desc")  # "The mother of the boy, Liam Cole, said": the mother, maybe not Liam Cole
    words = sentence[st:].split()
    while words and words[0].lower().strip(",") in ("and", "but", "so", "then", "still", "yet", "or", "even",
                                                     "likewise", "meanwhile", "moreover", "instead", "also"):
        words = words[1:]
    if words and words[0].lower() in ("he", "she"):
        return words[0]
    if len(words) > 1 and words[0] in _ROLE_OR_NEIGHBOUR and words[1][:1].isupper():
        words = words[1:]  # "But neighbour Zibulka picks up the story:", "And lawyer Tom Hart said": the name
    if words and words[0].lower() in _PLACE_WORDS or _TIME_SINCE.match(sentence, st):
        return None  # "In Brussels, European Union officials ...", "Ten minutes later, Rhodes": a place or a time,
        # not the subject
    if len(words) > 2 and words[0] in ("His", "Her", "Their") and words[1] in PEOPLE_OF | {"neighbour", "neighbor"}:
        named = _name_words(words[2:])  # "Her neighbour Tom Hart agreed.": him, a relative's role his
        if named and named[-1][:1].isupper() and split_speaker(" ".join(named)).is_person:
            return " ".join(words[:2] + named).replace("\u2024", ".")
    if re.match(r"(?:[A-Za-z]+\s+)?[a-z]+ly,", " ".join(words[:2])):
        return None  # "More importantly, Christie had …": a sentence's adverb, not its subject (one capitalised
        # word alone, "Notably,", is left: "Kelly," is a name)
    taken = _name_words(words)
    if len(taken) >= 2 and not taken[-1][:1].isupper() and len(words) > len(taken) and \
            words[len(taken) - 1].endswith(","):
        return None  # "Trump's Virginia state director, Mike Rubino, reached out": the name in apposition
    while taken and not taken[-1][:1].isupper():
        taken.pop()
    after = words[len(taken)] if taken and len(words) > len(taken) else ""
    if _OWNER.search(taken[-1] if taken else "") and after[:1].islower() and not after.endswith(":"):
        owned = _OWNED_OPENING.match(sentence, st)
        if owned is not None and owned.group("head").lower() in _OWNED_HEADS:
            return owned.group("spk")  # "Hart’s wife can be heard saying:", "In the clip, Hart’s wife …": the wife
        return None  # "Cole's lawyer, Sam Reid, had": whose lawyer, not who (the apposition may say who); but
        # "Neil's verdict:" is Neil's
    if taken and PLACE_APPOSITION.match(sentence, sentence.find(taken[-1], st) + len(taken[-1])):
        return None  # "out of Troy, Michigan, a suburb of Detroit": a place
    if _IN_PLACE_END.search(sentence, 0, st) and (len(taken) == 1 or is_place_name(" ".join(taken))):
        return None  # "At a rally in Birmingham, Alabama, …", "in Salem, New Hampshire, Trump": the state of a place,
        # not the subject
    if taken and split_speaker(" ".join(taken)).is_person:
        return " ".join(taken).replace("\u2024", ".")
    return None


def _name_words(words: list[str]) -> list[str]:
    """The capitalised words opening ``words`` and the role words and glue between them, up to a comma."""
    taken: list[str] = []
    for word in words:
        bare = word.rstrip(",")
        low = bare.lower().strip(".\u2024'\u2019")
        if not (bare[:1].isupper() or (taken and (low in _SUBJECT_GLUE or low in ROLE_WORDS))):
            break
        taken.append(bare)
        if word.endswith(","):
            break
    return taken


class _Context(NamedTuple):
    """What attributing the quotes of one article needs: its text, its people, its organisations."""

    article_id: int
    text: str
    people: Mentions
    speakers: list[tuple[int, Quote]]  # (paragraph, quote) of each quote credited to a person, in reading order
    orgs: list[OrgMention]  # the organisations it makes subjects of sentences, for "it said", "the company said"
    sayers: list[tuple[int, Quote]]  # (paragraph, quote) of each quote credited to no person ("the lawsuit")
    acronyms: dict[str, str]  # "BDA" -> "The British Dental Association", as the article spells them out


_NAME_WORD = r"[A-Z][\w&'\u2019\-]*"
_SPELLED_OUT = re.compile(rf"(?P<name>(?:[Tt]he\s+)?{_NAME_WORD}(?:\s+(?:(?:of|and|for|on|the|&)\s+)*{_NAME_WORD})+)"
                          r"\s+\((?P<short>[A-Z][A-Z&]{1,7})\)")


def spelled_out(text: str) -> dict[str, str]:
    """The acronyms an article defines ("The British Dental Association (BDA)"), each to its full name: the
    capitalised words before the brackets whose initials spell it."""
    found: dict[str, str] = {}
    for m in _SPELLED_OUT.finditer(text):
        words = m.group("name").split()
        short = m.group("short").replace("&", "")
        for start in range(len(words)):
            initials = "".join(w[0] for w in words[start:] if w[:1].isupper() and w.lower() != "the")
            if initials == short and words[start][:1].isupper():
                found.setdefault(short, " ".join(words[start - 1 if start and words[start - 1].lower() == "the"
                                                       else start:]))
                break
    return found


# A group of speakers opening a clause by a fixed plural noun, after a few words ("Senior officials", "Nonetheless,
# sources involved with the franchise are betting"; see :func:`_group_opening`)
_GROUP_CLAUSE = re.compile(
    r"(?:^|[.!?]\s+|,\s+)(?P<group>(?:[A-Za-z]+\s+){0,2}?(?i:sources|officials|residents|witnesses|analysts|experts|"
    r"diplomats|aides|insiders|executives|employees|workers|neighbou?rs)(?:\s+(?:close to|involved with|familiar "
    r"with|in|at|from|of)\s+[^,.;:!?\"\u201c\u201d]{1,40}?)?)\s+(?:are|were|say|said|have|had|told|believe|expect)\b")


# Someone asking about a "he" or "she" in the quote's sentence: "When Winfrey asked if he could share ..., he declined"
_ASKED_ABOUT = re.compile(r"\b(?P<asker>[A-Z][\w'\u2019\-]*)\s+(?:asked|wondered|wanted\s+to\s+know)\s+(?:\w+\s+)?"
                          r"(?:if|whether)\s+(?P<pronoun>he|she)\b")


# A sentence that names, besides its subject, the one whose words a "he" or "she" after it gives: the one asked
# ("Nick Robinson asked Hart about his plans. “…,” he said": Hart's answer), or the one who backed the subject ("Hart
# was praised by Bob Lee. “…,” he said", "Hart won the backing of Bob Lee.": Lee's; not one who attacked or criticised
# the subject, whom the subject may be answering)
_NAME_WORDS = r"[A-Z][\w'\u2019\-]*(?:\s+[A-Z][\w'\u2019\-]*){0,2}"
_QUESTIONED = r"asked|pressed|questioned|quizzed|interviewed"  # verbs of putting questions to someone named after
_OTHER_SPEAKS = (
    re.compile(rf"(?P<subject>[A-Z][\w'\u2019\-]*)\s+(?:{_QUESTIONED}|challenged)\s+"
               rf"(?P<other>{_NAME_WORDS})(?:\s+(?:whether|if|about|on|over|why|how|what|when|where)\b"
               r"[^.!?\"\u201c\u201d]*)?[.!?]"),
    re.compile(rf"(?P<subject>[A-Z][\w'\u2019\-]*)\s+(?:was|were|is|are|has\s+been|had\s+been)\s+(?:[a-z]+ly\s+)?"
               r"(?:praised|backed|endorsed|defended|supported|welcomed|thanked|congratulated|hailed|lauded)\s+"
               rf"by\s+(?P<other>{_NAME_WORDS})(?:\s+(?:on|in|at|during|after|over|for)\b[^.!?\"\u201c\u201d]*)?[.!?]"),
    re.compile(rf"(?P<subject>[A-Z][\w'\u2019\-]*)\s+(?:won|received|got|gained|drew|earned)\s+(?:the\s+)?"
               r"(?:[a-z]+\s+)?(?:backing|support|endorsement|praise|thanks)\s+"
               rf"(?:of|from)\s+(?P<other>{_NAME_WORDS})(?:\s+(?:on|in|at|during|after|over|for)\b"
               r"[^.!?\"\u201c\u201d]*)?[.!?]"),
)


class SpeakerFields(NamedTuple):
    """A speaker phrase resolved: the speaker as the ledger names it, the phrase as written (trimmed), the role
    the text gives, and whether the speaker is a person."""

    speaker: str | None
    speaker_full: str | None
    role: str | None
    is_person: bool


NO_SPEAKER = SpeakerFields(None, None, None, False)


def _as_written(name: str, full: str | None = None) -> SpeakerFields:
    """A speaker that is no person the text names, kept as written ("the Dolphin Company", "a spokesperson")."""
    return SpeakerFields(name, name if full is None else full, None, False)


# A description stressed by a reflexive pronoun: "The president himself"
_STRESSED_DESCRIPTION = re.compile(r"(?P<description>[Tt]he\s+(?:[a-z][\w\-]*\s+){0,3}[a-z][\w\-]*)\s+"
                                   r"(?:himself|herself)")


def _speaker_fields(ctx: _Context, phrase: str | None, position: int, para: int) -> SpeakerFields:
    """The fields of a speaker phrase at ``position``: a pronoun or definite description resolved to a person the
    article names; :data:`NO_SPEAKER` for a phrase that names nobody; a "he" the sentence has someone ask about is
    never the one who asks, but whom it stands for before that sentence."""
    stressed = _STRESSED_DESCRIPTION.fullmatch(phrase.strip()) if phrase else None
    if stressed is not None:  # "The president himself responded": whom "the president" stands for, the text
        # calling them so ("President Donald Trump"; not "Sarah Palin endorsed him. The president herself said")
        fields = _phrase_fields(ctx, stressed.group("description"), position, para)
        if fields.speaker and fields.is_person and \
                stressed.group("description").split()[-1].lower() in ctx.people.role_words(fields.speaker):
            return fields
    fields = _phrase_fields(ctx, phrase, position, para)
    if fields.speaker and fields.is_person and phrase and phrase.strip().lower() in ("he", "she"):
        before = re.split(r"(?<=[.!?])\s+", ctx.text[max(0, position - 300):position])[-1]
        asked = _ASKED_ABOUT.search(before)
        if asked and asked.group("pronoun") == phrase.strip().lower() and \
                surname(asked.group("asker")) == surname(fields.speaker):
            # the one asked about is someone the text spoke of before the sentence: resolved from its start
            earlier = _phrase_fields(ctx, phrase, position - len(before), para)
            if earlier.speaker and earlier.is_person and surname(earlier.speaker) != surname(asked.group("asker")):
                return earlier
            return NO_SPEAKER
    if fields.speaker and fields.is_person and phrase and phrase.strip().lower() in ("he", "she"):
        fields = _other_speaking(ctx, fields, phrase.strip().lower(), position, para)
        return _answering(ctx, fields, phrase.strip().lower(), position, para)
    return fields


# A question put to someone named, in quotes, right before the answer's attribution: "Vieira asked Trump, “…?”"
_ASKED_QUOTING = re.compile(rf"(?P<asker>{_NAME_WORDS})\s+asked\s+(?P<other>{_NAME_WORDS}),?\s*"
                            r"[\"\u201c][^\"\u201c\u201d]{1,300}\?[\"\u201d][^.!?\"\u201c\u201d]{0,60}[\"\u201c]?$")


def _answering(ctx: _Context, fields: SpeakerFields, pronoun: str, position: int, para: int) -> SpeakerFields:
    """For a "he" or "she" right after a question the one it stood for asked someone ("Vieira asked Trump, “…?” His
    response: “…”"), the one asked, when the pronoun fits them."""
    asked = _ASKED_QUOTING.search(ctx.text, max(0, position - 400), position)
    if asked is None or surname(asked.group("asker")) != surname(fields.speaker or "") or \
            ctx.people.known_gender(asked.group("other")) not in ("?", "m" if pronoun == "he" else "f"):
        return fields
    found = _phrase_fields(ctx, asked.group("other"), position, para)
    return found if found.speaker and found.is_person else fields


def _other_speaking(ctx: _Context, fields: SpeakerFields, pronoun: str, position: int, para: int) -> SpeakerFields:
    """For the "he" or "she" of a quote that first stood for the subject of the sentence right before it, the other
    person that sentence names as the one to speak (:data:`_OTHER_SPEAKS`), when the pronoun fits them; not for a
    question ("Robinson asked Hart about his plans. “Are you done?” he said": Robinson's)."""
    close = re.search(r"[\u201d\"]", ctx.text[position + 1:position + 2000])
    if close is None or ctx.text[position + close.start()] == "?":
        return fields
    sentences = re.split(r"(?<=[.!?])\s+", ctx.text[max(0, position - 300):position].rstrip(" \n" + ALL_DOUBLE))
    other = next((m for rx in _OTHER_SPEAKS if (m := rx.search(sentences[-1])) and m.end() == len(sentences[-1])),
                 None) if sentences else None
    if other is None or surname(other.group("subject")) != surname(fields.speaker or "") or \
            ctx.people.known_gender(other.group("other")) not in ("?", "m" if pronoun == "he" else "f"):
        return fields
    found = _phrase_fields(ctx, other.group("other"), position, para)
    return found if found.speaker and found.is_person else fields


def _phrase_fields(ctx: _Context, phrase: str | None, position: int, para: int) -> SpeakerFields:
    """The fields of :func:`_speaker_fields` as the phrase alone gives them: the first of the readings below that
    decides (someone related to another, a document's source, an organisation's noun, a pronoun or description)
    or, when none does, the phrase read as a name."""
    if not phrase:
        return NO_SPEAKER
    if (organisation := named_after_kind(phrase)) is not None:
        return _as_written(organisation)  # "The charity Mind said": no person
    full = trim_phrase(phrase)
    sp = split_speaker(full)
    if not sp.name.strip():
        return NO_SPEAKER  # a phrase of stray words and marks alone ("' “ But when …"): no one
    for reading in (_joint_fields, _related_fields, _source_fields, _organisation_fields, _spokesperson_fields,
                    _pronoun_fields):
        fields = reading(ctx, phrase, full, sp, position, para)
        if fields is not None:
            return fields
    return _name_fields(ctx, full, sp, position)


def _joint_fields(ctx: _Context, phrase: str, full: str, sp: SpeakerName, position: int, para: int
                  ) -> SpeakerFields | None:
    """Two people named as speaking together ("Speaker Nancy Pelosi of California and Senator Chuck Schumer of New
    York said", "Mr. Udall and Mr. Wyden released a joint statement"): both, each by the name the article gives them
    (the pair is no one person); None when the phrase is not two people's names."""
    parts = re.split(r"\s+and\s+", full)
    if len(parts) != 2 or not all(_NAME_PART.match(part) for part in parts):
        return None
    people = [_phrase_fields(ctx, part, position, para) for part in parts]
    if not all(p.speaker and p.is_person and " " in p.speaker for p in people) or \
            surname(people[0].speaker or "") == surname(people[1].speaker or ""):
        return None
    return SpeakerFields(f"{people[0].speaker} and {people[1].speaker}", full, None, False)


# One part of two people's names: a capitalised name, maybe after an honorific or a title ("Mr. Udall", "Senator Chuck
# Schumer of New York"), no lower-case word but "of" and a place after it
_NAME_PART = re.compile(r"(?:[A-Z][\w'\u2019.\-]*\s+)*[A-Z][\w'\u2019.\-]*(?:\s+of\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)?$")


# A person's office or those who speak for them, by a pronoun: "his office", "her campaign", "his lawyer"
_HIS_OWN = re.compile(r"(?P<pronoun>his|her)\s+(?P<noun>office|campaign|spokes(?:man|woman|person)|lawyers?|"
                      r"attorneys?|aides?|team|representatives?|camp)")


def _related_fields(ctx: _Context, phrase: str, full: str, sp: SpeakerName, position: int, para: int
                    ) -> SpeakerFields | None:
    """A phrase that speaks of someone through another: the object of a description, "whose office", "one" of a
    group, "another" of a kind, an inverted "Said Smith"; None when the phrase is none of these."""
    low = sp.name.lower()
    if low.split()[0] in ("the", "a", "an", "his", "her", "their", "its") and names_the_object(sp.name, ""):
        return _as_written(sp.name, full)  # "The coach of the boy": as written (not the boy the text names)
    if low.startswith("whose "):  # "Ricardo Lara, whose office has called …": Ricardo Lara's office
        owners = list(_WHOSE.finditer(ctx.text, max(0, position - 400), position))
        owner = owners[-1] if owners else None
        if owner is None or owner.group("noun").lower() != low.split(None, 1)[1] or \
                owner.group("name").lower() in _MONTHS_AND_DAYS and surname(owner.group("name")) not in ctx.people.full:
            return NO_SPEAKER  # (a day owns nothing: "Apple was sued on Monday, whose spokesman"; but
            # "Prime Minister Theresa May … Labour attacked May, whose spokesman": hers)
        return _as_written(f"{owner.group('name')}'s {owner.group('noun')}")
    owned = _HIS_OWN.fullmatch(low)
    if owned is not None:  # "Scalise was “in good spirits,” his office said": Steve Scalise's office
        holder = _phrase_fields(ctx, "he" if owned.group("pronoun") == "his" else "she", position, para)
        if holder.speaker and holder.is_person:
            return _as_written(f"{holder.speaker}'s {owned.group('noun')}")
    group = _group_before(ctx.text, position) if low in ("one", "another") else None
    one_of = _one_of_group(low, group) if group is not None else None
    if one_of is not None:
        return _as_written(one_of)  # "Sources ... are betting. “…,” says one."
    if low == "another" and (another := _another_of(ctx, position, para)) is not None:
        return _as_written(another)  # "“…,” a guard says. “…,” another replies": another guard
    inverted = _VERB_OPENING.match(full)
    others = {f for f in ctx.people.full.get(surname(inverted.group("name")), ())
              if not f.startswith(inverted.group("verb"))} if inverted is not None else set()
    if inverted is not None and others:  # "Said Smith:" after "Jane Smith": hers (the one Smith the text names)
        return _phrase_fields(ctx, others.pop() if len(others) == 1 else inverted.group("name"), position, para)
    return None


def _source_fields(ctx: _Context, phrase: str, full: str, sp: SpeakerName, position: int, para: int
                   ) -> SpeakerFields | None:
    """A document's or an acronym's source: who published, issued, sent or signed it, or the organisation an
    acronym spells out; no one for words that name no source ("Law said" aside); None when the phrase is none of
    these."""
    low = sp.name.lower()
    published = _published_by(ctx, full, position)
    if published is not None:  # "The report published by the committee on Wednesday concluded": the committee
        return published
    account = _ACCOUNT_OF.fullmatch(full.strip())
    if account is not None:  # "Hart's official account posted:", "A tweet from Hart's account said:": Hart
        return _phrase_fields(ctx, account.group("owner"), position, para)
    by_issuer = _ISSUER_DOCUMENT.match(full)
    if by_issuer is not None and by_issuer.group("noun").lower() in DOCUMENT_NOUNS and \
            not _DEMONYM.fullmatch(by_issuer.group("owner").strip()):  # "a police statement": the police
        return _as_written(by_issuer.group("owner").strip())
    if low in _NOBODY or _names_no_source(sp.name) and not (" " not in sp.name and surname(sp.name) in ctx.people.full):
        return NO_SPEAKER  # ("Law said" after "Steven Law": his words, not a law's)
    acronym = ctx.acronyms.get(re.sub(r"^the\s+", "", sp.name, flags=re.IGNORECASE))
    if acronym is not None:  # "the BDA says": the British Dental Association the article spelled out
        return _as_written(acronym)
    owner = _DOCUMENT_OWNER.match(sp.name)
    if owner is not None and owner.group("noun").lower() in DOCUMENT_NOUNS:  # "the NYPD's statement": the NYPD's
        if owner.group("owner").strip().lower() in _WHEN_WORDS | {"today", "yesterday", "tomorrow"}:
            return NO_SPEAKER  # "Wednesday's jobs report": when it came out, no issuer
        return _as_written(owner.group("owner").strip())
    issued = _DOCUMENT_FROM.match(full)
    if issued is not None and issued.group("noun").lower() in DOCUMENT_NOUNS and all(
            w in _WHEN_WORDS or w.isdigit() for w in issued.group("owner").lower().strip(" ,.").split()):
        return NO_SPEAKER  # "A memo from March obtained by The Post": when it was written, no issuer
    if issued is not None and issued.group("noun").lower() in _ISSUED_NOUNS:
        sender = _sender(issued.group("owner"))  # "sent by a spokesperson to staff": the spokesperson
        if issued.group("noun").lower() not in DOCUMENT_NOUNS and not _owner_speaks(sender):
            return NO_SPEAKER  # "A text message from an unknown number", "a message from the account"
        fields = _phrase_fields(ctx, sender, position, para)
        if fields.speaker:  # "A statement from Surrey police said": Surrey police
            return fields
    tail = _DOCUMENT_TAIL.search(full)
    if tail is not None and low.split()[0] in ("a", "an", "the", "another") and (
            full[:tail.start()].split()[-1].lower().rstrip("s") in DOCUMENT_NOUNS or issued is not None):
        return _phrase_fields(ctx, full[:tail.start()], position, para)  # "A memo obtained by the AP": the memo,
        # not who obtained it; "A text message from the coach shared by a parent": from the coach
    if low.startswith("the ") and len(low.split()) <= 3 and low.split()[-1] in DOCUMENT_NOUNS:
        return _document_signer(ctx, phrase, low.split()[-1], position, para)
    return None


def _document_signer(ctx: _Context, phrase: str, noun: str, position: int, para: int) -> SpeakerFields | None:
    """Who signed or issued "the letter", "the statement": a signer in the phrase or the quote's sentence, else
    the organisation that put the document out (a person, as a person)."""
    signed = [m for m in _DOCUMENT_SIGNED.finditer(ctx.text, max(0, position - 300), position + 200)
              if m.group("noun") == noun and m.start() <= position + len(phrase) and
              not _SENTENCE_BREAK.search(ctx.text, m.end(), max(m.end(), position))]  # (the phrase's own, or
    # one in the quote's sentence: not an earlier letter's)
    signer = _phrase_fields(ctx, signed[-1].group("owner"), position, para) if signed else None
    if signer is not None and signer.speaker:  # "The letter, signed by union president Kyle Brennan, said": Kyle
        return signer  # Brennan
    introduced = _document_introduced(ctx, noun, position, para)
    org = _document_organisation(ctx, noun, position, para, introduced is not None)
    if org is not None and any(o.person and o.name == org for o in ctx.orgs):
        issuer = split_speaker(org)  # "Senator Ann Cole issued a statement": Ann Cole, senator
        name = ctx.people.fullest(issuer.name, position)
        return SpeakerFields(name, org, issuer.role or ctx.people.role_of(name), True)
    if org is not None:
        return _as_written(org)
    return _document_author(ctx, introduced, noun, position, para) if introduced is not None else None


# A document's first mention ("a letter", "a joint letter", "separate but identical letters"), and who wrote it after
# it: "signed by the 42 members of the caucus", "released Tuesday and signed by", "from the chairs of six committees"
_DOCUMENT_FIRST = (r"\b(?:[Aa]n?|[Tt]wo|[Ss]eparate)\s+(?:[\w\-'\u2019]+\s+){{0,5}}?{noun}\b|"
                   r"\b[A-Z][\w\-]*['\u2019]s\s+(?:[\w\-]+\s+){{0,2}}?{noun}\b|\b{noun}s\b")
# ... and its issuer in it: "A September 2010 Congressional Research Service report", "BuzzFeed's Thursday night report"
_ISSUER_IN_MENTION = re.compile(r"(?:^|\s)(?P<owner>(?:[A-Z][\w&\-]*\s+)*?[A-Z][\w&\-]*)"
                                r"(?:['\u2019]s\s+(?:[\w\-]+\s+)*|\s+)[a-z]+s?$")
_AUTHORED_BY = re.compile(r"[^.;:!?\"\u201c\u201d]{0,60}?\b(?:(?:signed|written|authored|penned|drafted|sent|released|"
                          r"issued|prepared|published|brought|filed)\s+by|"
                          r"from)\s+(?P<owner>[^,.;:!?\"\u201c\u201d]{3,100})")


def _document_introduced(ctx: _Context, noun: str, position: int, para: int) -> tuple[str, re.Match] | None:
    """The last sentence before ``position``, in its paragraph or the two before, that names a document of the
    ``noun`` first ("a letter", "separate but identical letters"), with that mention; None when none is in reach."""
    for _, s, e in reversed([span for span in sentence_spans(ctx.text)
                             if para - 2 <= span[0] <= para and span[2] <= position]):
        first = re.search(_DOCUMENT_FIRST.format(noun=noun), ctx.text[s:e])
        if first is not None:
            return ctx.text[s:e], first
    return None


def _document_author(ctx: _Context, introduced: tuple[str, re.Match], noun: str, position: int, para: int
                     ) -> SpeakerFields | None:
    """Who wrote "the letter" (the ``noun``) at ``position``, from the sentence that names it first (``introduced``,
    as `_document_introduced` gives it): an issuer the mention names ("A September 2010 Congressional Research
    Service report"), whoever signed, sent or released it ("a letter signed by the 42 members of the Republican
    caucus"), or that sentence's subject when it sent, wrote, signed or issued it ("Every former secretary … sent a
    letter"), spoke in it ("Hart said in a statement") or opens on it ("In separate letters sent on Oct. 19, Ronald
    Weich told"); None when that sentence names no author ("Police found a letter")."""
    sentence, first = introduced
    masked = _mask(sentence)  # ("the U.S. House": one phrase)
    issuer = _ISSUER_IN_MENTION.search(first.group())
    if issuer is not None and not set(issuer.group("owner").lower().split()) & (DAY_WORDS | MONTH_WORDS) and \
            issuer.group("owner") not in ("A", "An", "Two", "Separate"):
        named_in = _phrase_fields(ctx, issuer.group("owner"), position, para)
        return named_in if named_in.speaker else _as_written(issuer.group("owner"))
    by = _AUTHORED_BY.match(masked, first.end())
    sent = re.search(_SENT_DOCUMENT + rf"{noun}\b", sentence[:first.end()])
    if by is not None:
        owner = _AUTHOR_END.split(_sender(sentence[by.start("owner"):by.end("owner")]), maxsplit=1)[0]
        named = _NAME_SET_OFF.match(sentence, by.end("owner"))
        if named is not None and (surname(named.group("name")) in ctx.people.full or
                                  first_name_gender(named.group("name").split()[0]) != "?"):
            owner = named.group("name")  # "from the club's executive director, Jeremy Boreing,": him
        if owner.split()[0].lower() in DAY_WORDS | MONTH_WORDS or owner.split()[0].isdigit():
            return None  # "a letter from March about the plant": when, not who
    elif sent is not None or re.match(r"\s*In\s", sentence) or \
            re.search(r"\bin\s+(?:a|an|its|their|his|her)\s+(?:[\w\-]+\s+){0,2}$", sentence[:first.end() - len(noun)]):
        clause = _LAST_CLAUSE_BREAK.split(sentence[:sent.start()])[-1] if sent else sentence
        owner = sentence_subject(clause) or ""  # (of the clause that sends it: "X said …, and Pelosi and Schumer
        # released a joint statement")
        before = _subject_before(masked[sent.start() - len(clause):sent.start()]) if sent else ""
        if before.startswith(owner) and len(before) > len(owner):
            owner = before  # "Every former secretary of the department, including …, sent": not "Every"
        owner = PARTY_LABEL.sub("", owner)  # ("Pelosi (D-Calif.) and Schumer (D-N.Y.) released")
    else:
        return None
    fields = _phrase_fields(ctx, owner, position, para) if owner else None
    if fields is not None and fields.speaker and (fields.is_person or not owner.startswith(fields.speaker)):
        return fields  # a person, or the organisation a description stands for ("from the company": Acme Corp)
    return _as_written(owner) if owner else None  # a group as written ("nearly 90 faculty members and priests at
    # Georgetown", not trimmed of its place)


# Where an author's phrase ends: at a time ("by the campaign on Thursday", "late Tuesday") or a verb ("was notable")
_AUTHOR_END = re.compile(r"\s+(?:(?:on|late|early|last|this)\s+)*(?i:" + "|".join(sorted(DAY_WORDS | MONTH_WORDS)) +
                        r")\b|\s+(?:was|were|is|are|has|have|had|will|would|that|which|who|and\s+(?=[a-z]+ed\b))\b")


# A name set off after a description: ", Jeremy Boreing,"
_NAME_SET_OFF = re.compile(r",\s+(?P<name>[A-Z][\w'\u2019\-]*(?:\s+[A-Z][\w'\u2019\-]*){1,2})\s*[,.]")


def _subject_before(clause: str) -> str:
    """The noun phrase opening a clause that ends on its verb, up to an aside set off by a comma ("Every former
    secretary of the Department of Homeland Security, including …, sent"), or "" when it is no such phrase."""
    phrase = re.sub(r"\s+(?:has|have|had)$", "", clause.split(",")[0].strip())
    return phrase.replace("\u2024", ".") if phrase[:1].isupper() and len(phrase.split()) <= 15 else ""


def _organisation_fields(ctx: _Context, phrase: str, full: str, sp: SpeakerName, position: int, para: int
                         ) -> SpeakerFields | None:
    """ "It" or "the company", "the bank": the organisation it stands for (one named near, one that spoke just
    before, the sentence subject of that kind); a capitalised name after "the" as written; None when the phrase
    is none of these or stands for no organisation."""
    low = sp.name.lower()
    if not (low == "it" or (low.startswith("the ") and len(low.split()) <= 4 and low.split()[-1] in ORG_NOUNS)):
        return None
    org = resolve_organisation(ctx.orgs, position, para, None if low == "it" else low.split()[-1])
    capitalised = [w.lower() for w in sp.name.split()[1:] if w[:1].isupper() and w.lower() not in ORG_NOUNS]
    if capitalised and not (org is not None and all(w in org.lower().split() for w in capitalised)):
        return SpeakerFields(f"the {sp.name.split(maxsplit=1)[1]}", None, None, False)  # "the Dolphin Company":
        # a name, not the last organisation named
    if org is None and low in ("the company", "the firm"):
        org = named_company(ctx.text, position)  # "at the Kraft Foods plant ... the company said": Kraft Foods
    sayers = _credited_before(ctx.sayers, position)
    things = [(p, q) for p, q in sayers if not _of_people(q.speaker or "")]
    if org is None and low == "it" and things and things[-1][0] >= para - 1:
        org = things[-1][1].speaker  # "…," the lawsuit states. "…," it argues (not "The witness said", a person)
    if org is None and low != "it":  # "…, Iran's official news agency IRNA said. It's “…,” the agency reported"
        org = next((q.speaker for p, q in reversed(sayers) if p >= para - 1 and q.speaker and q.speaker != sp.name
                    and low.split()[-1] in (q.speaker_full or q.speaker).lower().split()), None)
    if org is None and low != "it":  # "Goldman Sachs estimates …. “…,” the bank said"
        org = subject_of_kind(ctx.text, sentence_spans(ctx.text), ctx.people, low.split()[-1], position, para)
    if org is None and low != "it":  # "surgery at the MedStar Washington Hospital Center …, the hospital said"
        org = named_with_noun(ctx.text, position, low.split()[-1])
    return _as_written(org) if org is not None else None


# A spokesperson named by no more than that: "the spokesperson", "a spokesman", "the company spokeswoman"
_BARE_SPOKESPERSON = re.compile(r"(?:the|a|an)\s+(?:company\s+|same\s+)?(?P<head>spokes(?:person|man|woman))",
                                re.IGNORECASE)
# ... and the one the text brought in before, by whom they speak for: "a spokesperson for Google", "A Microsoft
# spokesperson", "a spokesman for American Media Inc., the Enquirer's parent company," (not one it names after a
# comma: "a Google spokesman, Matt Kallman,")
_SPOKESPERSON_FOR = re.compile(
    r"\b[Aa]n?\s+(?P<desc>(?:(?:[A-Z][\w.&'\u2019\-]*|of|and)\s+){0,4}(?<=[A-Za-z.]\s)"
    r"(?P<head>spokes(?:person|man|woman))(?!\s+for\b)|"
    r"(?P<head2>spokes(?:person|man|woman))\s+for\s+(?:the\s+)?[A-Z][\w.&'\u2019\-]*"
    r"(?:\s+(?:of\s+|and\s+|&\s+)?[A-Z][\w.&'\u2019\-]*){0,5})(?!,\s+[A-Z][a-z]+\s+[A-Z])")


def _spokesperson_fields(ctx: _Context, phrase: str, full: str, sp: SpeakerName, position: int, para: int
                         ) -> SpeakerFields | None:
    """ "The spokesperson" or "a spokesman" with no one they speak for: the spokesperson the text brought in last,
    in the quote's paragraph or the two before, by whom they speak for ("A spokesperson for Google says ….
    ¶ “…,” the spokesperson said": a spokesperson for Google); None when the phrase is another or the text
    brought in none."""
    bare = _BARE_SPOKESPERSON.fullmatch(full.strip())
    if bare is None:
        return None
    found = [m for m in _SPOKESPERSON_FOR.finditer(ctx.text, ctx.people.paragraph_start(max(0, para - 2)), position)
             if m.group("head2") or any(w[:1].isupper() for w in m.group("desc").split()[:-1])]
    if not found:
        return None
    last = found[-1]
    described = last.group(0)
    head = (last.group("head") or last.group("head2")).lower()
    if bare.group("head").lower() not in (head, "spokesperson") and head != "spokesperson":
        return None  # (not "the spokeswoman" of "a spokesman for …")
    return _as_written(f"a {described.split(maxsplit=1)[1]}")


def _pronoun_fields(ctx: _Context, phrase: str, full: str, sp: SpeakerName, position: int, para: int
                    ) -> SpeakerFields | None:
    """A pronoun or a definite description ("he", "the minister", "the Swede"): the person it stands for, a
    description as written, or no one; None when the phrase is neither."""
    low = sp.name.lower()
    described = ctx.people.described_last(position, para, sp.gender) if low in ("he", "she") else None
    if described is not None:  # "A spokesperson ... said ... “…,” he said": the spokesperson, when quoted
        described_at = described.start
        unnamed = _last_described(ctx, sp.gender, position, para)
        other = re.search(r"\bhim\b" if low == "he" else r"\bher\b", ctx.text[described_at:position])
        if unnamed is not None and other is None:
            return SpeakerFields(unnamed.speaker, unnamed.speaker_full, None, False)
        her_own = described.gender == sp.gender
        quoted_since = any(described_at < q.position and not (her_own and q.is_person and q.speaker and
                                                              not ctx.people.may_be(q.speaker, sp.gender))
                           for _, q in _credited_before(ctx.speakers, position))  # (a "she" after "The woman …": not
        # past a man quoted since, who cannot be her)
        own = _OBJECT_DESCRIPTION.match(ctx.text, described_at)
        if own is not None and other is None and _of_another_person(own.group("desc"), sp.gender) and \
                not quoted_since:
            return _as_written(own.group("desc"))  # "The lawyer for the defendant, Marcus Hill, said …. “…,” he
            # said": the lawyer, as written
        kin = _KIN_SUBJECT.match(ctx.text, described_at)
        if kin is not None and other is None and not quoted_since and kin.group("head") in PEOPLE_OF and \
                description_gender(kin.group("head")) == sp.gender:
            given = kin.group("given")  # "His brother paid tribute. “…,” he said": his brother (named "Bob": Bob)
            return SpeakerFields(given, given, kin.group("desc"), True) if given else _as_written(kin.group("desc"))
        if not quoted_since:
            return NO_SPEAKER  # "a drama teacher scolded him": that "him" may be the "he"
        # a person quoted since the description ("…,” her agent, Mark Roe, said"): the rules below tell
    if low in ("he", "she"):
        just = _just_quoted(ctx, sp.gender, position, para)
        if just is not None:  # "…, said Sgt. Vanette Christiansen. “…,” she said": the speaker just quoted
            return SpeakerFields(just.speaker, just.speaker_full, just.role, True)
        same = _same_pronoun_before(ctx, low, position, para)
        if same is not None:
            named = ctx.people.named_before_quote(low, position, para)
            if named is not None and ctx.people.person_key(named) != ctx.people.person_key(same.speaker or ""):
                return SpeakerFields(named, named, ctx.people.role_of(named), True)  # "That did not satisfy Justice
                # Scalia. “…,” he said": Scalia, named right before the quote, not the "he" quoted before
            if same.speaker:
                name = ctx.people.fullest(same.speaker, position)
                return SpeakerFields(name, name, same.role or ctx.people.role_of(name), True)
    if low in _PRONOUNS or (not sp.is_person and low.startswith("the ") and
                            (len(low.split()) <= 4 or is_epithet(sp.name) or
                            " of " in sp.name and sp.name.split(" of ", 1)[1].islower() and
                            len(low.split(" of ")[0].split()) <= 4)):
        return _referent_fields(ctx, full, sp, position, para)
    return None


def _referent_fields(ctx: _Context, full: str, sp: SpeakerName, position: int, para: int) -> SpeakerFields:
    """Whom a pronoun or definite description stands for: a person the text names and the phrase fits, the one
    quoted last or since, a person described before; else no one (a pronoun) or the description as written."""
    low = sp.name.lower()
    here = _last_described(ctx, sp.gender, position, para, reach=0) if low in ("he", "she") else None
    if here is not None:  # "“…,” says a doctor from Hebron …. he explains …. “…,” he says": the doctor quoted in
        # this paragraph, not one named before it
        return SpeakerFields(here.speaker, here.speaker_full, None, False)
    person = ctx.people.resolve(sp.name, position, para)
    if person is not None:
        return SpeakerFields(person, ctx.people.fullest(person, position), ctx.people.role_of(person), True)
    last = _last_quoted(ctx, sp.gender, position, para) if low in ("he", "she") else None
    spoke = _spoke_since(ctx, last, sp.gender, position, para) if last is not None else []
    speaking = [name for name, says in spoke if says]
    if len(speaking) == 1:  # "where realtor Shaun Ghulam said he's noticed …. ¶ “…,” he said": the one who spoke
        name = ctx.people.fullest(speaking[0], position)  # since, not the one quoted before (nor one named since
        return SpeakerFields(name, name, ctx.people.role_of(name), True)  # who did not speak: "calls for Schumer")
    if last is not None:  # no one named near: the person quoted last who may be a "he" (or a "she")
        return SpeakerFields(last.speaker, last.speaker_full, last.role, True)
    unnamed = _last_described(ctx, sp.gender, position, para) if low in ("he", "she") else None
    if unnamed is not None:  # "…," said an officer. … "…," he said: the officer
        return SpeakerFields(unnamed.speaker, unnamed.speaker_full, None, False)
    group = _group_before(ctx.text, position) if low == "they" else None
    if group is not None:  # "Residents were angry. ¶ “…,” they said": the residents
        return _as_written(group)
    pair = _pair_quoted_last(ctx, position, para) if low == "they" else None
    if pair is not None:  # "Mr. Udall and Mr. Wyden released a statement …. ¶ “…,” they said": the two
        return SpeakerFields(pair.speaker, pair.speaker_full, pair.role, False)
    if low in _PRONOUNS:
        return NO_SPEAKER
    if is_epithet(sp.name):
        return _epithet_fields(ctx, full, sp, position, para)
    named = ctx.people.called_so(sp.name, position) or \
        ctx.people.adjacent(sp.name, position, para)  # "the world number one" of "world number one Sabine
    # Richter"; "Manager Thomas Tuchel was full of praise. “…,” the boss said"
    if named is not None:
        return SpeakerFields(named, named, ctx.people.role_of(named), True)
    return _as_written(sp.name, full)


# The group a "they" may stand for, opening the sentence before the quote's: people in the plural ("Officials",
# "Residents", "Police"), or a couple, a family, a club
_GROUP_SUBJECT = re.compile(r"(?:(?:The|Some|Many|Local|Angry)\s+)?(?P<head>[A-Za-z]+)")
_GROUP_NOUNS = frozenset({"couple", "family", "pair", "duo", "club", "team", "band", "police", "parents", "families"})
# A sentence opening on a group and its verb: "Police arrested a man.", "The couple married in May."
_GROUP_OPENING = re.compile(
    r"\s*(?P<group>Police|(?:The|His|Her|Their|[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)?['\u2019]s)\s+(?:couple|family|pair|duo|"
    r"police|parents|relatives|children)(?:\s+of\s+[A-Z][\w'\u2019\-]*(?:\s+[A-Z][\w'\u2019\-]*){0,2})?)\s+"
    r"(?:have\s+|had\s+)?(?:[a-z]+(?:ed|s)|paid|said|told|spoke|wrote|gave|made|led)\b")


def _group_before(text: str, position: int) -> str | None:
    """The people in the plural, or the group, that the sentence before the quote's at ``position`` opens on (in its
    paragraph, or the last of the paragraph before when the quote opens its own), or None."""
    start = text.rfind("\n", 0, position) + 1
    before = text[start:position]
    if not before.strip(" \u201c\u2018\"'"):  # (the quote's opening mark)
        prev_end = text[:start].rstrip()
        before = prev_end[prev_end.rfind("\n") + 1:] + " "
    else:
        cut = _last_sentence_start(before)
        before = before[:cut] if cut >= 0 else ""
    body = before.rstrip()
    if not body or body[-1] not in ".!?":
        return None
    cut = _last_sentence_start(body)
    return _group_opening(body[cut:] if cut >= 0 else body)


# A sentence opening on two people, or a family by its name, and an active verb of theirs (not "were arrested")
_NAME_RUN = r"[A-Z][\w'\u2019\-]*(?:\s+[A-Z][\w'\u2019\-]*){0,2}"
_PAIR_OPENING = re.compile(
    rf"(?:(?P<first>{_NAME_RUN})(?:,\s+\d{{1,3}},)?\s+and\s+(?P<second>(?:his|her)\s+(?:wife|husband|partner|son|"
    rf"daughter|brother|sister|mother|father)(?:\s+{_NAME_RUN})?|{_NAME_RUN})(?:,\s+\d{{1,3}},)?|"
    r"(?P<family>The\s+[A-Z][a-z]+s))\s+(?:say|said|told|tell|live|lived|run|ran|own|owned|moved|met|married|"
    r"started|founded|opened|bought|built|agree|agreed|believe|believed|hope|hoped|want|wanted|decided|"
    r"have\s+(?:lived|run|owned|spent|been\s+married))\b")


def _group_opening(sentence: str) -> str | None:
    """The people in the plural, or the group, a sentence opens on (or a clause of it after a comma), whom a "they"
    after it, or "one" or "another" of them, stands for: "Police arrested", "The couple married", "Supporters of
    the measure say", "Fans were quick to react", "Nonetheless, sources close to him are"; or None."""
    sentence = sentence.lstrip()
    pair = _PAIR_OPENING.match(sentence)
    if pair is not None:  # "Tom Hart, 45, and Jane Doe, 62, have lived …", "The Harts have run …"
        return pair.group("family") or f"{pair.group('first')} and {pair.group('second')}"
    plural = _PLURAL_OPENING.match(sentence)
    if plural is not None and speakers_in_plural(plural.group("head")):
        return plural.group("spk")  # "Critics of the law say"; not "States with strict gun laws reported"
    clause = _GROUP_CLAUSE.search(sentence)
    if clause is not None:
        return clause.group("group")
    opening = _GROUP_OPENING.match(sentence)
    if opening is not None:
        return opening.group("group")  # "The couple married", "Tom Hart's family paid tribute"
    subject = sentence_subject(sentence)
    m = _GROUP_SUBJECT.fullmatch(subject or "")
    if m is None:
        return None
    head = m.group("head").lower()
    plural_head = head.endswith("s") and _speaker_noun(head)
    return subject if plural_head or head in _GROUP_NOUNS else None


# Words before a group's noun that its "one of the …" drops ("Many residents": one of the residents)
_GROUP_QUANTIFIERS = frozenset({"the", "some", "many", "several", "most", "few", "two", "three", "four", "five",
                                "dozens", "hundreds", "thousands", "other", "both"})


def _one_of_group(one: str, group: str) -> str | None:
    """ "one" or "another" of a group as a speaker ("one of the fans", "another of the sources close to him",
    "one of the couple"), or None for a body that is not its members ("The club has not commented. “…,” said one")."""
    words = group.split()
    while len(words) > 1 and words[0].lower() in _GROUP_QUANTIFIERS:
        words = words[1:]  # "Many residents": one of the residents
    owned = next((i + 1 for i, w in enumerate(words[:-1]) if _POSSESSIVE_S.search(w)), 0)
    head = next((w.lower() for w in words[owned:] if speakers_in_plural(w) or w.lower() in _GROUP_NOUNS),
                words[owned].lower())  # "Doctors at the hospital", "Senior officials", "Tom Hart's parents"
    if head in _GROUP_NOUNS - {"couple", "pair", "duo", "parents", "families"}:
        return None
    rest = " ".join(words)
    if " and " in rest:
        return None  # "Tom Hart and Jane Doe met. “…,” one said": which of the two, the text does not say
    if words[0].lower() in ("his", "her", "their") or _POSSESSIVE_S.search(words[0]) or \
            len(words) > 1 and _POSSESSIVE_S.search(words[1]):
        return f"{one.lower()} of {rest[:1].lower() if words[0].lower() in ('his', 'her', 'their') else rest[:1]}" \
               f"{rest[1:]}"  # "one of his parents", "one of Tom Hart's parents"
    common = speakers_in_plural(head) or _speaker_noun(head) or head in _GROUP_NOUNS
    return f"{one.lower()} of the {rest[:1].lower() if common else rest[:1]}{rest[1:]}"  # ("one of the Harts")


# Heads of a description of someone a text may bring in unnamed ("a man came in"), whom "the man" then stands for
_STRANGER_HEADS = frozenset({"man", "woman", "boy", "girl", "person", "stranger", "customer", "passenger", "driver",
                             "motorist", "cyclist", "pedestrian", "gunman", "intruder", "caller", "passer-by"})


def _epithet_fields(ctx: _Context, full: str, sp: SpeakerName, position: int, para: int) -> SpeakerFields:
    """An epithet ("the Swede", "the midfielder", "the expert"): the one person the text calls so, quotes as such
    or describes so, unless the text gives the title to another too; else as written."""
    word = given_word(sp.name)
    if word is not None:  # "the Swede", "the midfielder": only one the text calls so
        named = ctx.people.given(word, position, para) or ctx.people.adjacent(sp.name, position, para)
        return SpeakerFields(named, named, ctx.people.role_of(named), True) if named else _as_written(sp.name, full)
    head = sp.name.lower().split()[-1]
    if head in _STRANGER_HEADS and re.search(rf"\b(?:a|an)\s+(?:[a-z][\w\-]*\s+){{0,2}}{head}\b",
                                              ctx.text[max(0, position - 3000):position]):
        return _as_written(sp.name, full)  # "the owner said a man came in …. “…,” the man said": that man, whom the
        # text does not name (not the owner's son named since)
    quoted = _epithet_person(ctx, position, para, sp.name)
    if quoted is None and head == "expert":
        quoted = _sole_source(ctx, position)
    if quoted is not None and not ctx.people.given_another(head, quoted.speaker or "", position, para):
        return SpeakerFields(quoted.speaker, quoted.speaker_full, quoted.role, True)
    named = ctx.people.described(sp.name, position, para) if quoted is None else None
    if named is not None and not ctx.people.given_another(head, named, position, para):
        return SpeakerFields(named, ctx.people.fullest(named, position), ctx.people.role_of(named), True)
    # (not one when the text gives the title to another too: "Striker Ollie Watkins …, whose striker Beto")
    named = ctx.people.called_so(sp.name, position) or ctx.people.adjacent(sp.name, position, para)
    if named is not None:
        return SpeakerFields(named, named, ctx.people.role_of(named), True)
    return _as_written(sp.name, full)


def _name_fields(ctx: _Context, full: str, sp: SpeakerName, position: int) -> SpeakerFields:
    """The phrase read as a name: an account's handle, a website, a company, a news agency, a person (in full, as
    the text names them), or no one (a capitalised word that is no name)."""
    if _HANDLE.fullmatch(full):  # "acebush1 wrote,", "wrote @WomenForTrump": an account speaks
        return _as_written(full)
    if not sp.is_person and not _names_someone(sp.name):
        return NO_SPEAKER  # "marking the start of 13 years of": no one
    if _WEB_OUTLET.fullmatch(sp.name):
        return _as_written(sp.name, full)  # "SI.com is reporting that": a website, an outlet
    if sp.is_person and len(sp.name.split()) == 1 and sp.name.lower() in ctx.people.employers:
        return _as_written(sp.name, full)  # "Microsoft said" after "Microsoft President Brad Smith": a company
    bearers = ctx.people.full.get(surname(sp.name), ()) if " " not in sp.name and not sp.is_person else ()
    if len(bearers) == 1 and sp.name[:1].isupper() and sp.name.lower() in ROLE_WORDS:
        name = next(iter(bearers))  # "Judge said" after "Yankees captain Aaron Judge": his surname, not a title
        return SpeakerFields(name, name, ctx.people.role_of(name), True)
    aged = " " not in sp.name and re.search(rf"\b{re.escape(sp.name)},\s+\d{{1,3}},", ctx.text) is not None
    company = company_called(ctx.text, position, sp.name) if " " not in sp.name and not sp.role and \
        surname(sp.name) not in ctx.people.full and not is_place_name(sp.name) and not aged else None  # (a place,
    # "China said", is no "China Eastern Airlines"; nor a person given an age, "Dakota, 12,", "Dakota Access LLC")
    if company is not None:
        return _as_written(company)  # "American said" after "American Airlines": the airline
    if sp.is_person and len(sp.name.split()) == 1 and canonical_agency(sp.name) is not None and \
            not ctx.people.is_name(sp.name):
        return _as_written(sp.name, full)  # a news agency: "CHINA CHIPS — Bloomberg: “…”"
    if sp.is_person and len(sp.name.split()) == 1 and _speaker_noun(sp.name.lower()) and sp.name.endswith("s") and \
            not ctx.people.is_name(sp.name):
        return _as_written(sp.name, full)  # "Protesters chanted": people described, opening the sentence
    if sp.is_person and len(sp.name.split()) == 1 and not sp.role and sp.gender == "?" and \
            not ctx.people.is_name(sp.name) and not aged:
        return NO_SPEAKER  # a capitalised word opening a sentence, not a name ("Placards called"; but one given an
        # age is someone: "Baker, 67, said")
    if sp.is_person:
        name = ctx.people.fullest(sp.name, position, sp.gender)
        ctx.people.add_role(name, sp.role)
        return SpeakerFields(name, full, sp.role or ctx.people.role_of(name), True)
    return _as_written(sp.name, full)


# An account's handle: "@WomenForTrump", "u/throwaway_22", "acebush1" (a word with a digit: no name has one)
_HANDLE = re.compile(r"@\w{2,30}|u/[\w\-]{2,30}|[A-Za-z][A-Za-z_]*\d\w*")


# A name and a relative "whose" after it: "Ricardo Lara, whose office"
_WHOSE = re.compile(rf"(?P<name>[A-Z][\w'\u2019\-.]*(?:\s+[A-Z][\w'\u2019\-.]*){{0,3}})(?:{_WHEN})?,"
                    r"\s+whose\s+(?P<noun>[a-z]+)\b")  # (past a time: "fined Meta on Monday, whose spokesman")
_WEB_OUTLET = re.compile(r"[A-Z][\w\-]*\.(?:com|org|net|co\.uk)")
# Whose document speaks: "the NYPD's statement", "the company's email"
_DOCUMENT_OWNER = re.compile(r"^(?P<owner>(?:[Tt]he\s+)?[A-Z][\w&\-]*(?:\s+[A-Z][\w&\-]*){0,3})['\u2019]s\s+"
                             r"(?:[a-z]+\s+)?(?P<noun>\w+)$")


# A document named by its issuer: "a Defence Ministry statement", "a police report"
_ISSUER_DOCUMENT = re.compile(r"^(?:[Aa]n?|[Tt]he)\s+(?P<owner>(?:[A-Z][\w&\-]*\s+){1,4}|police\s+|army\s+|military\s+)"
                              r"(?P<noun>[a-z]+)$")
# A person's or a body's account on a platform, or a post from it: "Hart's official account", "the club's X
# account", "A tweet from Hart's account"
_ACCOUNT_OF = re.compile(r"(?:(?:[Aa]n?|[Tt]he)\s+(?:[a-z]+\s+)?(?:tweet|post|message|video)\s+(?:from|on)\s+)?"
                         r"(?P<owner>[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,2}|[Tt]he\s+[a-z]+)['\u2019]s?\s+"
                         r"(?:(?:official|verified|personal)\s+)?(?:(?:X|Twitter|Instagram|Facebook|TikTok|Truth\s+Social|"
                         r"YouTube|Threads|Bluesky)\s+)?(?:account|feed|handle)")
# A word for where something is from ("the Indian statement"): not who issued it
_DEMONYM = re.compile(r"[A-Z][a-z]+(?:an|ese|ish|i)")
# A document and who issued it: "A statement from Surrey police", "the news release issued by the sheriff's office"
_DOCUMENT_FROM = re.compile(r"^(?:(?:[Aa]n?|[Tt]he|[Aa]nother|[Oo]ne)\s+)?(?:[A-Z][a-z]{2,4}[.\u2024]?\s+\d{1,2}\s+)?"
                            r"(?:[a-z][\w\-]*\s+)??(?P<noun>[a-z]+?)s?\s+"
                            r"(?:from|by|(?:issued|signed|written|sent|released|published|posted|filed)\s+"
                            r"(?:(?:on\s+)?[A-Z][a-z]+\s+|(?:yesterday|today|earlier|late|last\s+week)\s+)?by)\s+"
                            r"(?P<owner>\S.*?)"
                            r"(?:\s+(?:obtained|seen|reviewed|released|published|posted|filed|shared|viewed)(?:\s+by\s.*)?)?"
                            r"(?:\s+on\s+(?:Facebook|X|Twitter|Instagram|TikTok|YouTube|Telegram|social\s+media))?"
                            r"(?:\s+(?:about|on|regarding|concerning)\s+(?:the|a|an|his|her|its|their)\s+[a-z][^,]{0,40})?$")
# ("A Feb. 1 letter from the American Legion obtained by The Associated Press": the American Legion; "A report from
# Human Rights Watch published Tuesday", "A report published Tuesday by Human Rights Watch": Human Rights Watch; "The
# statement released by his family", "A video posted by the mayor on Facebook": who issued it, not who passed it on;
# "a release from Mr. Seel's office about the planned meeting": the office, not what it is about)
# What a document from someone may be: "A text message from the coach", "a video posted by the mayor" (not nouns
# that speak for an organisation the text names before: "the lawsuit says" is no last-named company's)
_ISSUED_NOUNS = DOCUMENT_NOUNS | {"message", "video", "ruling", "lawsuit", "complaint"}
# ... and how it reached the writer, no part of it ("A memo obtained by the Associated Press")
_DOCUMENT_TAIL = re.compile(r"\s+(?:obtained|seen|reviewed|released|published|posted|filed|shared|viewed)"
                            r"(?:\s+by\s.*)?$")
# Words of a time a document is from ("from March", "from last week"), no issuer
_WHEN_WORDS = DAY_WORDS | MONTH_WORDS | {"last", "this", "next", "early", "late", "earlier", "week", "month", "year",
                                         "spring", "summer", "fall", "autumn", "winter", "the", "weekend"}
_SENTENCE_BREAK = re.compile(r"[.!?][\"\u201d]?\s+[A-Z\"\u201c]")
# ... or in an apposition after it: "The letter, signed by union president Kyle Brennan, said"
_DOCUMENT_SIGNED = re.compile(r"\b(?:[Aa]n?|[Tt]he)\s+(?P<noun>[a-z]+),\s+(?:(?:issued|signed|written|sent)\s+)?by\s+"
                              r"(?P<owner>[^,.;:!?\"\u201c\u201d]{3,80}),")


# A speech verb opening a sentence before who speaks: "Said Smith:", "Added Lee:" (a name only when the article names
# that person otherwise too: "Said" is also a given name)
_VERB_OPENING = re.compile(r"^(?P<verb>Said|Added|Asked|Explained|Replied)\s+(?P<name>[A-Z][\w'\u2019\-]*"
                           r"(?:\s+[A-Z][\w'\u2019\-]*){0,2})$")
# When a document came out: "Sunday", "last week"
_WHEN_WORD = (r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|night|week|month|year|"
              r"morning|evening)")
# A document, how it was issued and by whom, with when or where between and after: "A statement released late Sunday
# by the family", "The report published by the committee on Wednesday", "A video posted by the mayor on Facebook",
# "The documents filed by prosecutors" (not how it reached the writer: "A memo obtained by The Washington Post")
_ISSUED_BY_AFTER = re.compile(
    r"\b(?P<opening>(?:[Aa]n?|[Tt]he)\s+(?:[a-z][\w\-]*\s+)?)(?P<noun>[a-z]+?)s?,?\s+"
    r"(?:issued|signed|written|sent|released|published|posted|filed|put\s+out)\s+"
    rf"(?:in\s+[A-Z][a-z]+\s+|(?:(?:late|early|on|last|this|earlier)\s+)?(?:{_WHEN_WORD}\s+)?)by\s+"
    r"(?P<owner>(?:his|her|their|its|the)\s+[a-z][\w\-]*(?:\s+[a-z][\w\-]*)??|"
    r"[A-Z][\w'\u2019.\-]*(?:\s+[A-Z][\w'\u2019.\-]*){0,4}|[a-z]+s)"
    r"(?=\s+(?:on|in|at|late|early|last|this|said|says|say|called|calls|concluded|concludes|urged|urges|"
    r"reads?|stated|states|described|describes|warned|warns|found|finds)\b|\s*[,.;:]|$)")  # (not "shows": a video
# showing someone else speak is theirs)


# ... and the document's own verb after it, past where and when: "… by the mayor on Facebook said" (not "shows her
# neighbour shouting": a video of someone else speaking)
_ISSUED_VERB_AFTER = re.compile(
    rf"(?:\s+(?:on|in|at)\s+[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*){{0,2}}|\s+(?:(?:late|early|last|this|on)\s+)?{_WHEN_WORD})*"
    r"\s*,?\s+(?:said|says|say|called|calls|concluded|concludes|urged|urges|reads?|stated|states|described|"
    r"describes|warned|warns|found|finds|argued|argues|claimed|claims|added|adds)\b")


def _published_by(ctx: _Context, phrase: str, position: int) -> SpeakerFields | None:
    """The fields of whoever issued the document a speaker phrase names, when the sentence says who in a participle
    after it ("The report published by the committee": the committee, as the phrase resolves); None otherwise."""
    words = phrase.split()
    if len(words) < 2 or words[0].lower() not in ("a", "an", "the"):
        return None
    for m in _ISSUED_BY_AFTER.finditer(ctx.text, max(0, position - 300), position + 200):
        if not m.group().startswith(" ".join(words[:2])) or m.group("noun") not in _ISSUED_NOUNS | {"document"} or \
                _SENTENCE_BREAK.search(ctx.text, m.end(), max(m.end(), position)) or \
                _SENTENCE_BREAK.search(ctx.text, position, max(position, m.start())) or \
                " ".join(words[:2]).lower() in ctx.text[m.end():position].lower():
            continue  # (the phrase's own document: not one in another sentence, nor one before it that it is
            # set against, "Unlike the report published by the council, the report released Tuesday said")
        if not _ISSUED_VERB_AFTER.match(ctx.text, m.end()):
            continue
        owner = m.group("owner")
        if owner.split()[0] in ("his", "her", "their", "its"):
            return _as_written(owner)  # "The statement released by his family": his family, as written
        if " " not in owner and owner.islower():
            return _as_written(owner) if speakers_in_plural(owner) else None  # "filed by prosecutors"
        if not _owner_speaks(owner) and owner.split()[-1] not in ("family", "families"):
            return None  # "posted by the account": no one who speaks
        fields = _phrase_fields(ctx, owner, position, ctx.text.count("\n\n", 0, position))
        return fields if fields.speaker else _as_written(owner)  # "released by the family": as written
    return None


def _another_of(ctx: _Context, position: int, para: int) -> str | None:
    """The one an "another" speaking at ``position`` is another of: "another guard" after a quote of "a guard"
    (or "one guard"), the quote before in its paragraph or the one before, with no person quoted since."""
    sayers, speakers = _credited_before(ctx.sayers, position), _credited_before(ctx.speakers, position)
    if not sayers or sayers[-1][0] < para - 1 or (speakers and speakers[-1][1].position > sayers[-1][1].position):
        return None
    words = (sayers[-1][1].speaker or "").split()
    if len(words) < 2 or words[0].lower() not in ("a", "an", "one"):
        return None
    described = list(itertools.takewhile(lambda w: w.lower() not in _POSTMODIFIERS, words[1:]))
    return "another " + " ".join(described) if described and described[-1].lower() in _ANOTHER_HEADS else None



# Documents as often about an organisation as by it: whose they are only an issuer named with them says
_THIRD_PARTY_DOCUMENTS = frozenset({"report", "filing", "brief"})
# Verbs of issuing a document, before it in the issuer's sentence ("The Justice Department released a 40-page
# report"; not "The ACLU said the report whitewashed", "The NAACP criticized a report released by …")
_ISSUING = (r"(?:released|issued|published|filed|presented|prepared|produced|wrote|put\s+out|submitted|unveiled|"
            r"disclosed|commissioned|compiled)")


# A document someone sent, before its noun: "has sent Ryan, R-Wis., a letter", "wrote an open letter", "issued a
# statement"
_SENT_DOCUMENT = (r"\b(?:sent|sends|wrote|writes|signed|released|delivered|penned|drafted|issued|issues|published|"
                  r"filed|put\s+out)\b"
                  r"(?:(?!\.\s+[A-Z])[^!?\n]){0,60}?\b(?:a|an)\s+(?:[\w\-]+\s+){0,2}")


def _document_organisation(ctx: _Context, noun: str, position: int, para: int, introduced: bool) -> str | None:
    """Whose "the statement" (or "the letter", the ``noun``) at ``position`` is: whoever issued the last one the
    text names in reach ("a statement from the Indian government", "Gordon Advisors issued a statement"; a person
    too; of a report, a filing or a brief, one named in a sentence issuing it), else (not for a report, a filing or
    a brief) the organisation an "it" there would be, unless a sentence in reach names the document first
    (``introduced``: that sentence tells its author); when no person is the subject of a sentence since it was
    named (then the statement may be theirs)."""
    issued = [o for o in ctx.orgs if o.document == noun and o.position < position and para - 1 <= o.para <= para]
    if not issued and noun in _THIRD_PARTY_DOCUMENTS:  # one named in a sentence about such a document
        issued = [o for o in ctx.orgs if o.position < position and para - 1 <= o.para <= para and
                  (re.match(rf"[^.!?\n]*?(?:\b{_ISSUING}\b[^.!?\n]{{0,60}}?\b|\bin\s+(?:a|an|its|their)\s+"
                            rf"(?:[\w\-]+\s+){{0,2}}){noun}s?\b(?!,?\s+(?:\w+\s+)?by\b)", ctx.text[o.position:])
                   # (not "the findings in a report released by …"), or its own: "The committee's report"
                   or re.match(rf"(?:the\s+)?{re.escape(re.sub(r'^the ', '', o.name, flags=re.I))}"
                               rf"(?:['\u2019]s)?(?<=['\u2019]s)\s+(?:[\w\-]+\s+){{0,2}}{noun}s?\b",
                               ctx.text[o.position:], re.I))]
        if not issued:
            return None  # "LAPD's major crimes unit … were involved. “…,” the report states": whose, it does not say
        if not issued[-1].named:  # "The committee published its report"
            return resolve_organisation(ctx.orgs, issued[-1].position + 1, issued[-1].para,
                                        issued[-1].name.split()[-1]) or issued[-1].name
    if not issued and re.search(_SENT_DOCUMENT + rf"{noun}\b", ctx.text[max(0, position - 600):position]):
        return None  # "A group of 90 professors has sent Ryan a letter …. “…,” the letter states": theirs, not an
        # organisation named near ("his GOP House budget")
    if not issued and introduced:
        return None  # "Police found a letter in the car": its sentence says who wrote it, or no one does
    org = issued[-1].name if issued else resolve_organisation(ctx.orgs, position, para)
    named_at = [o.position for o in ctx.orgs if o.name == org and o.position < position]
    if org is None or not named_at:
        return None
    spoken = any(named_at[-1] < mt.position < position and mt.subject for mt in ctx.people.items)
    return None if spoken else re.sub(r"['\u2019]s$", "", org)  # ("The Senate Intelligence Committee's report")


# Last words of laws and other texts of rules, which words are "according to" but which say nothing themselves.
_LAW_WORDS = frozenset({"law", "laws", "charter", "constitution", "convention", "code", "treaty", "act", "rules",
                        "guidelines", "regulations", "doctrine", "bible", "koran", "quran", "scripture", "scriptures"})
# First names that are places too: "Virginia Code" is a law
_PLACE_FIRST_NAMES = frozenset({"Virginia", "Georgia", "Florence", "Victoria", "Charlotte", "Regina", "Austin", "Tyler",
                                "Eugene", "Marion", "Carolina", "Jordan", "Chester", "Clinton", "Lincoln", "Warren"})
_ORDINALS = frozenset({"first", "second", "third", "fourth", "fifth", "last", "latter", "former", "other", "next"})


# Words after a document's owner that are no part of it: "sent by a spokesperson to staff", "written by the suspect
# and found by police"
_OWNER_TAIL = re.compile(r"(?:(?<!\S)(?P<prev>\S+)\s+(?:to|through|via|against)\s+(?P<next>\S+)|"
                         r"\s+and\s+(?:later\s+)?[a-z]+\s+by\s).*$")
# Words after "to" that open whom a document went to, not the rest of an organisation's name
_ADDRESSEE_OPENING = frozenset({"The", "President", "Governor", "Gov.", "Mayor", "Senator", "Sen.", "Rep.",
                                "Representative", "Coach", "Judge", "Congress", "Parliament", "Prime", "Chancellor",
                                "Secretary", "Mr.", "Mrs.", "Ms.", "Dr."})


def _sender(owner: str) -> str:
    """A document's owner without where the document went ("the mayor to Governor Kathy Hochul": the mayor); a "to"
    between capitalised words is part of a name ("the Coalition to Save Lake Erie")."""
    tail = _OWNER_TAIL.search(owner)
    if tail is None:
        return owner
    prev, nxt = tail.group("prev") or "", tail.group("next") or ""
    if prev[:1].isupper() and nxt[:1].isupper() and nxt not in _ADDRESSEE_OPENING:
        return owner
    return owner[:tail.start() + len(prev)].rstrip()


def _owner_speaks(owner: str) -> bool:
    """Whether a document's owner may speak: a name, a speaker's or an organisation's noun ("the coach", "Surrey
    police"; not "an unknown number", "the account", "prison")."""
    words = owner.split()
    last = words[-1].lower() if words else ""
    return bool(words) and (words[0][:1].isupper() or _speaker_noun(last) or last in ORG_NOUNS)


# Nouns of words nobody in particular says: "As the old saying puts it", "the proverb says"
_SAYING_NOUNS = frozenset({"saying", "proverb", "adage", "maxim", "aphorism", "cliche", "clich\u00e9",
                           "lyrics", "lyric", "motto", "slogan", "idiom", "expression"})


def _names_no_source(phrase: str) -> bool:
    """Whether a speaker phrase names no one: an ordinal or a count with nothing it counts ("The second", "Dozens"),
    a law ("the UN Charter"), one document among others from no named source ("Another post from the account", "a
    statement"), a ship ("INS Mysore"); "the memo" (the one the article is about) and "a statement from the
    White House" name a source."""
    words = phrase.split()
    low = [w.lower().strip(".,\u2024") for w in words]
    if low[-1] in _ORDINALS and len(low) <= 2 or low[-1] in _LAW_WORDS and not speakers_in_plural(words[0]) and \
            not (len(words) == 2 and words[-1] == "Law" and first_name_gender(words[0]) != "?" and
                 words[0] not in _PLACE_FIRST_NAMES):
        return True  # "The second"; "according to international law", "the UN Charter": a text, no one's words
        # (but "Steven Law": a person's; not "Virginia Law")
    if len(low) == 1 and low[0] in COUNT_WORDS:
        return True  # "Dozens chanted": a count of no one named
    if names_ship(phrase):
        return True
    if low[0] in ("a", "an", "the") and low[-1] in _SAYING_NOUNS:
        return True  # "As the old saying puts it", "the proverb says": no one's words
    counted = low[0] in ("a", "an", "another", "one") and any(w in DOCUMENT_NOUNS for w in low[1:3])
    issued = _DOCUMENT_FROM.match(phrase)  # ("a text message from the coach": the coach's; not "a letter from prison")
    owned = issued is not None and _owner_speaks(_sender(issued.group("owner")))  # (not "from the account")
    return counted and not any(w[:1].isupper() for w in words[1:]) and not owned


def _credit(ctx: _Context, p_index: int, q: Quote) -> None:
    """Keep a credited quote for the pronouns that may follow: a person for "he"/"she", anything else for "it"."""
    if q.is_person:
        ctx.speakers.append((p_index, q))
    elif q.speaker:
        ctx.sayers.append((p_index, q))


def _credited_before(credited: list[tuple[int, Quote]], position: int) -> list[tuple[int, Quote]]:
    """The quotes credited so far that stand before ``position``, in reading order (a sentence of reported speech
    after a quote in marks is credited after it, and a "he" refers back, never forward)."""
    return sorted((pq for pq in credited if pq[1].position < position), key=lambda pq: pq[1].position)


# A speech verb right after a name, past an apposition or an adverb: "realtor Shaun Ghulam said he's noticed",
# "Shaun Ghulam, a realtor, has said" (not a verb before another speaker: "John Ghulam, 43, said Sgt. Bell")
_SAYS_AFTER_NAME = re.compile(r"(?P<appos>,\s*[^,.;:!?\"\u201c\u201d]{1,40},|,\s*[RDI]-[A-Z][A-Za-z.\u2024]{1,8},)?\s+"
                              r"(?:(?:has|had|also|recently|then|later|long|previously)\s+){0,2}"
                              r"(?:said|says|told|tells|added|adds|explained|explains|noted|notes|argued|argues|remarked|"
                              r"observes|observed|suggested|suggests|insisted|insists|warned|warns|claimed|claims|"
                              r"stressed|stresses|acknowledged|acknowledges|conceded|concedes|vowed|vows|announced|"
                              r"announces|declared|declares)\b"
                              r"(?(appos)(?!\s+(?:[A-Z][a-z]*\.\s+)?[A-Z][a-z]+\s+[A-Z]))")
# What makes a name no subject: a preposition before it, past a role noun ("the family of victim Chris Smith")
_OBJECT_BEFORE = re.compile(r"\b(?!(?:for\s+(?:years|decades|months|weeks|days|now|once|example|instance)|"
                            r"at\s+(?:first|last|least|times)|by\s+contrast)\b)(?:of|for|by|to|with|against|from|about|"
                            r"on|at)\s+(?:[a-z][\w\-]*\s+){0,2}$")


def _spoke_since(ctx: _Context, last: Quote, gender: Gender, position: int, para: int) -> list[tuple[str, bool]]:
    """The other people a "he" (``gender`` m) or "she" may be, named after the quote ``last`` and before
    ``position``, in its paragraph or the one before; each with whether a speech verb follows their name."""
    quoted = ctx.people.person_key(last.speaker or "")
    found: dict[str, bool] = {}
    for mt in ctx.people.items:
        key = ctx.people.person_key(mt.name)
        if last.position < mt.position < position and mt.para >= para - 1 and key != quoted and \
                ctx.people.may_be(mt.name, gender):
            says = bool(_SAYS_AFTER_NAME.match(ctx.text, ctx.people.name_at(mt) + len(mt.name))) and \
                not _OBJECT_BEFORE.search(ctx.text, max(0, mt.position - 40), mt.position)
            found[key] = found.get(key, False) or says
    names = {ctx.people.person_key(mt.name): mt.name for mt in ctx.people.items}  # (each person's last mention)
    return [(names[k], says) for k, says in found.items()]


def _last_quoted(ctx: _Context, gender: Gender, position: int, para: int) -> Quote | None:
    """The person quoted last within reach whom a "he" (``gender`` m) or a "she" may be: the last one, or the last
    one known to be of that gender when those quoted after are known to be of the other (or bear a common first
    name of the other: "Mark Roe" is no "she")."""
    described = [q.position for _, q in _credited_before(ctx.sayers, position) if _of_a_person(q.speaker or "")]
    for p_index, q in reversed(_credited_before(ctx.speakers, position)):
        if p_index < para - _SPEAKER_REACH or any(at > q.position for at in described):
            return None  # (not past a person quoted since by a description: "Villa manager Unai Emery … “…,” the
            # Spaniard said. … The Newcastle boss said: “…” ¶ He added": the boss, maybe, whom the text may not name)
        if ctx.people.may_be(q.speaker or "", gender):
            return q
    return None


def _pair_quoted_last(ctx: _Context, position: int, para: int) -> Quote | None:
    """The two people named as one speaker ("Mr. Udall and Mr. Wyden") whom the last quote before ``position``, in
    its paragraph or the one before, credits; else None."""
    before = _credited_before(ctx.speakers + ctx.sayers, position)
    if not before:
        return None
    p_index, q = before[-1]
    words = (q.speaker or "").split()
    two = " and " in (q.speaker or "") and not q.is_person and all(w[:1].isupper() or w == "and" for w in words)
    return q if two and p_index >= para - 1 else None


def _of_a_person(description: str) -> bool:
    """Whether a speaker written as a description ("the Newcastle boss", "an officer") describes a person."""
    words = description.lower().split()
    return len(words) >= 2 and words[0] in ("the", "a", "an", "one") and (
        words[-1] in _PERSON_HEADS or words[-1] in EPITHET_NOUNS or words[-1] in ROLE_WORDS or
        words[-1] in TITLE_NOUNS or words[-1] in _BOSS_NOUNS or "-of-" in words[-1] or words[-1].endswith("-year-old"))


_BOSS_NOUNS = frozenset({"boss", "manager", "coach", "captain", "skipper", "chief", "leader", "head"})


# Heads of descriptions of one person a "he" or "she" may stand for ("an officer", "a senior official").
_PERSON_HEADS = frozenset({"official", "officer", "spokesman", "spokeswoman", "spokesperson", "source", "witness",
                           "diplomat", "aide", "adviser", "advisor", "member", "employee", "friend", "relative",
                           "neighbour", "neighbor", "resident"})


_POSTMODIFIERS = frozenset({"", "for", "of", "at", "with", "from"})  # "a spokesperson for the union": spokesperson
# Heads of a description "another" may take up: "a guard says. … another replies"
_ANOTHER_HEADS = _PERSON_HEADS | EPITHET_NOUNS | {"guard", "soldier", "juror", "passenger", "student", "parent",
                                                  "customer", "user", "commenter", "reader", "viewer", "listener",
                                                  "fan", "voter", "resident", "witness", "neighbour", "neighbor"}


def _last_described(ctx: _Context, gender: str, position: int, para: int, reach: int = _SPEAKER_REACH
                    ) -> Quote | None:
    """The person described but not named ("an officer", "the spokeswoman") who was quoted last within ``reach``
    paragraphs before ``para``, when no one was quoted or named since and a "he" (``gender`` m) or "she" may be
    them."""
    sayers, speakers = _credited_before(ctx.sayers, position), _credited_before(ctx.speakers, position)
    if not sayers:
        return None
    p_index, q = sayers[-1]
    words = (q.speaker or "").lower().split()
    head = next((w for w, after in zip(words, [*words[1:], ""], strict=True) if after in _POSTMODIFIERS), "")
    if p_index < para - reach or not words or words[0] not in ("a", "an", "one", "the") or \
            not _of_another_person(q.speaker or "", gender) and (  # ("the lawyer for the defendant")
                head not in _PERSON_HEADS | EPITHET_NOUNS or description_gender(q.speaker or "") not in ("?", gender)):
        return None
    if speakers and speakers[-1][1].position > q.position:
        return None
    named_since = any(q.position < mt.position < position and not mt.place and
                      not ctx.people.object_of_preposition(mt.position) for mt in ctx.people.items)
    return None if named_since else q  # (not a place, nor a name after a preposition: "at Ramallah Hospital")


def _just_quoted(ctx: _Context, gender: Gender, position: int, para: int) -> Quote | None:
    """The person quoted last in this paragraph, when no one else is named since and a "he" (``gender`` m) or a
    "she" may be them (by the article's pronouns, else their first name)."""
    speakers = _credited_before(ctx.speakers, position)
    if not speakers or speakers[-1][0] != para:
        return None
    last = speakers[-1][1]
    return last if _none_else_named(ctx, last, position) and ctx.people.may_be(last.speaker or "", gender) else None


# The opening of each sentence after the first: "… his story. (He) said"
_SENTENCE_OPENINGS = re.compile(r"[.!?]['\"\u2019\u201d]?\s+(?P<next>\S)")


def _same_pronoun_before(ctx: _Context, pronoun: str, position: int, para: int) -> Quote | None:
    """The quote credited last, in this paragraph or the one before, when the same ``pronoun`` ("he", "she") was its
    speaker and no one named since opens a sentence as its subject: that pronoun's person ("He said that he and other
    Republicans … and echoed Mr. Moore’s assertion …. ¶ “…,” he said": the same he, not Mr. Moore)."""
    speakers = _credited_before(ctx.speakers, position)
    if not speakers or speakers[-1][0] < para - 1:
        return None
    last = speakers[-1][1]
    if not last.via.endswith("/pronoun") or not re.match(rf"{pronoun}\b", last.attribution, re.IGNORECASE):
        return None
    between = _mask(_quotes_blanked(ctx.text[last.position:position]))
    for m in _SENTENCE_OPENINGS.finditer(between):
        subject = sentence_subject(between[m.start("next"):])
        if subject is not None and subject.lower() != pronoun:
            return None  # a sentence since on someone else: "… the GOP candidate took to Twitter. “…,” he tweeted"
    return None if any(last.position < mt.position < position and mt.subject for mt in ctx.people.items) else last


def _none_else_named(ctx: _Context, last: Quote, position: int) -> bool:
    """Whether the article names no one but a quote's speaker between the quote and ``position`` (their given name
    alone is them: "commented Abby" after Abby Dunn's quote)."""
    key = surname(last.speaker or "")
    return all(surname(ctx.people.fullest(mt.name, mt.position)) == key
               for mt in ctx.people.items if last.position < mt.position < position)


def _epithet_person(ctx: _Context, position: int, para: int, epithet: str) -> Quote | None:
    """The person "the 43-year-old" (an ``epithet``) at ``position`` stands for: the person quoted last, within
    reach, when the text names no one else since that quote, nor describes someone it does not name ("another
    employee"), nor calls them otherwise ("Principal John Marsh said a teacher …": not "the teacher"), nor gives
    them another gender or age ("Cole, 31, said …. “…,” the 28-year-old said")."""
    speakers = _credited_before(ctx.speakers, position)
    if not speakers or speakers[-1][0] < para - _SPEAKER_REACH:
        return None
    last = speakers[-1][1]
    head = epithet.split()[-1].lower()
    if not ctx.people.fits_epithet(last.speaker or "", epithet):
        return None
    described = ctx.people.unnamed_between(last.position, position)  # "another employee ..., said the worker"
    otherwise = ctx.people.called_otherwise(last.speaker or "", head, last.position, position)
    return last if _none_else_named(ctx, last, position) and not described and not otherwise else None


def _sole_source(ctx: _Context, position: int) -> Quote | None:
    """The one person the article has quoted before ``position`` (a service piece's "the expert explains"), or None
    when it has quoted none or several."""
    quoted = {surname(q.speaker or ""): q for _, q in _credited_before(ctx.speakers, position)}
    return next(iter(quoted.values())) if len(quoted) == 1 else None


_NUMBERED_PERSON = re.compile(r"(?:Juror|Witness|Patient|Victim|Inmate|Prisoner|Officer|Suspect)\s+"
                              r"(?:No[.\u2024]|Number|#)?\s*\d{1,3}")


# Someone described as kin of a person the text names: "her father", "his widow"
_KIN = re.compile(r"(?:[Hh]is|[Hh]er|[Tt]heir)\s+(?:[a-z]+\s+)?(?P<noun>father|mother|dad|mum|mom|husband|wife|son|"
                  r"daughter|brother|sister|grandfather|grandmother|uncle|aunt|cousin|widow|widower|fianc[eé]e?|"
                  r"partner|boyfriend|girlfriend|parents)")


# What makes people sources: "familiar with the matter", "close to the talks", "briefed on the plans"
_KNOWING = re.compile(r"\s+(?:(?:familiar|acquainted)\s+with|close\s+to|briefed\s+on|knowledgeable\s+(?:about|of)|"
                      r"involved\s+in|with\s+(?:direct\s+|first-?hand\s+)?knowledge\s+of|aware\s+of)\s.*$")


def _names_someone(phrase: str) -> bool:
    """Whether a phrase that is not a person's name can still be a speaker: a description ("a senior official",
    "two sources close to Mr. Macron") or a name of an organisation ("The Kremlin", "Reuters")."""
    if _NUMBERED_PERSON.fullmatch(phrase):
        return True  # "Juror No. 8": one of a panel, by number
    words = phrase.split()
    low = [w.lower().strip(".,\u2024'\u2019") for w in words]
    if len(words) >= 2 and low[0] in DESCRIPTION_START:
        return True
    if low and low[0] in _PLACE_WORDS:
        return False  # "said in a 1996 interview with NBC": a place or a time, not a speaker
    if low and low[0] in CITING_PARTICIPLES:
        return False  # "Citing John Locke": whom the speaker cites
    nouns = SPEAKER_NOUNS | ROLE_WORDS | ORG_NOUNS | EPITHET_NOUNS
    if words[0].islower() and low[0].endswith(("ed", "ing")) and low[0] not in nouns:
        return False  # "opened with the story of Gal Abdush", "including the account of Cohen": a clause
    knowing = _KNOWING.search(phrase)
    core = phrase[:knowing.start()].split() if knowing is not None else []
    if core and (core[-1].lower() in ("people", "person", "persons") or _speaker_noun(core[-1].lower())):
        return True  # "people familiar with the matter", "sources close to the talks": people, sources
    head = re.split(r"\s(?:for|of|at|from|with)\s", phrase)[0].split()  # "Lawyers for the family": lawyers (a
    head = head if head[-1].endswith("s") else words  # plural; not an apposition's "president of Local 1187")
    last = head[-1].lower().strip(".,\u2024'\u2019")
    if not head[-1][:1].isupper() and last not in nouns and last.rstrip("s") not in nouns:
        return False  # "Papandreou expressed shock": a clause, not a name ending in its head
    return any(w[:1].isupper() for w in words) or any(w in SPEAKER_NOUNS or w in ROLE_WORDS for w in low) or \
        any(w.rstrip("s") in SPEAKER_NOUNS or w.rstrip("s") in ROLE_WORDS for w in low)


# A list item's bullet opening a paragraph ("- “…,” Jay Stanley tells Axios."): blanked, so the quote opens it; not
# a credit line's dash (:func:`_credit_line`): "- Bernie Sanders.", "-President Obama, tweeting after the speech."
_CREDIT_WORD = (r"(?:[A-Z](?:[\w'\u2019\-]|\.(?=\w))*(?:(?<=\b\w)\.)?"  # "Sen.", "J.B.", not "Reed."
                r"|(?:Sen|Rep|Gov|Dr|Mr|Mrs|Ms|Jr|Sr|Gen|Lt|Col|Sgt|Capt|Maj|Adm|Rev|Prof|Pres|St|Hon|[A-Z])\.)")
_CREDITED = rf"(?P<spk>{_CREDIT_WORD}(?:\s+{_CREDIT_WORD}){{0,3}})(?:,[^.\n]{{0,80}})?\.?"
_BULLET = re.compile(r"^[ \t]*[-\u2022*\u2013\u2014][ \t]+(?=\S)(?!" + _CREDITED + r"[ \t]*$)", re.MULTILINE)


def _past_quotation(text: str, start: int, end: int, quoted: list[tuple[int, int]]) -> int:
    """Where a sentence's own words start: past the end of a quotation it opens inside and that closes in it ("“Power
    rests with him. He controls the media, '' the diplomat added.": the last sentence of the quote, closed by two
    apostrophes, which the check for marks does not see, holds no words of its own but "the diplomat added")."""
    for qs, qe in quoted:
        if qs <= start < qe < end:
            start = qe
            while start < len(text) and text[start] in "'\u2019\" \u201d":
                start += 1
    return start


def extract_quotes(article_id: int, text: str, skip_paras: AbstractSet[int] = frozenset()) -> list[Quote]:
    """Direct and indirect quotes of one article, in reading order (its single quote marks read as double ones
    when it quotes in single marks: ``quote_marks``)."""
    text = _BULLET.sub(lambda m: " " * len(m.group()), with_double_quotes(text))
    plain = plain_capitals(text)
    spelling, text = (own_spelling(text) if plain != text else {}), plain
    paras = paragraphs(text)
    sents = sentence_spans(text)
    spans = [quote_spans(text[ps:pe]) for ps, pe in paras]
    quoted = [(ps + s, ps + e) for (ps, _), sp in zip(paras, spans, strict=True) for s, e, _ in sp]
    people = Mentions(find_mentions(text, sents, quoted), text, quoted)
    people.add_described(sents, quoted)
    ctx = _Context(article_id, text, people, [], find_organisations(text, sents, quoted, people), [],
                   spelled_out(text))
    out: list[Quote] = []
    prev: _ParaEnd = _ParaEnd(None, None, False)
    running: list[Quote] = []  # quotes no rule credits that run on into the next paragraph
    past_quotes = _past_quotes(text, sents, quoted)
    for p_index, (ps, _) in enumerate(paras):
        if p_index in skip_paras:
            prev, running = _ParaEnd(None, None, False), []
            continue
        # Indirect speech in the sentences of this paragraph that hold no quotation marks, credited in reading order
        # with its quotes (a "she" in a quote's attribution may stand for the speaker of a sentence before it).
        unquoted = [(_past_quotation(text, s, e, quoted), e) for sp_index, s, e in past_quotes
                    if sp_index == p_index and not any(c in text[s:e] for c in ALL_DOUBLE)]
        runs_on = prev.open_quote
        para_quotes, prev = _direct_quotes(ctx, p_index, ps, spans[p_index], prev, unquoted)
        running = _ran_on(running if runs_on else [], para_quotes, ps, prev.open_quote)
        if p_index + 1 < len(paras):
            _credit_line(ctx, para_quotes, p_index, paras[p_index + 1])
        out.extend(para_quotes)
    out += _transcript_quotes(ctx, paras, out)
    out += _echoed([nested for q in out if q.kind == "direct" for nested in _nested_quotes(ctx, q)], out)
    for q in out:
        _respell(q, spelling)
        q.text = q.text.rstrip(" ,")
        q.tokens = norm_tokens(q.text)
        q.shared_surname = q.is_person and " " not in (q.speaker or " ") and \
            len(people.full.get(surname(q.speaker or ""), ())) >= 2
    out.sort(key=lambda q: q.position)
    # a quote of one word ("nonsense.", "Uncommitted") is a scare quote, not a quote, unless it is a whole sentence
    # ("Yes."): it still tells who speaks (the paragraph after, "it said"), but it is not listed
    return [q for q in out if (len(q.text.split()) >= 2 or re.fullmatch(r"[A-Z]\w*[.!?]", q.text)) and
            not _repeated(q, out)]


def _respell(q: Quote, spelling: dict[str, str]) -> None:
    """Give a quote's words back the article's marked capitals, which extraction read plain ("Öcalan")."""
    if spelling:
        q.text = respelled(q.text, spelling)
        q.speaker, q.speaker_full, q.role, q.cue = (None if phrase is None else respelled(phrase, spelling)
                                                    for phrase in (q.speaker, q.speaker_full, q.role, q.cue))
        q.attribution = respelled(q.attribution, spelling)


# A transcript's line: a label naming who speaks opens the paragraph ("Brooks: …", "KOVAČ: …", "Q: …", "Q. …")
_TRANSCRIPT_LABEL = re.compile(r"(?:(?P<question>Q|Question)\s*[:.]|"
                               r"(?P<label>[A-Z][\w'\u2019\-]*(?:\s+[A-Z][\w'\u2019\-]*){0,2})\s*:)\s+(?=\S)")
# An answer's own voice: its first person
_FIRST_PERSON = re.compile(r"(?<![\w\-])(?:I|I'm|I\u2019m|I've|I\u2019ve|I'd|I\u2019d|me|my|My|we|We|our|Our|us)"
                           r"(?![\w\-])")  # (not "I-75")


def _first_person(words: str) -> bool:
    """Whether words speak in the first person ("I", "we", "my"); not a name's or a numeral's "I" after a
    capitalised word inside its sentence ("World War I", "Queen Elizabeth I signed", "in Phase I trials"), unless
    that word is a day's, a month's, "God" or ends on a comma ("On Monday I told", "Look, Pierre, I respect")."""
    for m in _FIRST_PERSON.finditer(words):
        before = words[:m.start()].split()
        if m.group() == "I" and len(before) >= 2 and before[-1][:1].isupper() and \
                not before[-2].endswith((".", "!", "?", ":")) and not before[-1].endswith(",") and \
                before[-1].lower() not in DAY_WORDS | MONTH_WORDS | {"god"}:
            continue
        return True
    return False


# A stage direction in a transcript: "(laughs)", "[pauses]"
_STAGE_DIRECTION = re.compile(r"\s*[(\[](?:laughs|laughing|laughter|pauses|sighs|smiles|chuckles|inaudible|"
                              r"crosstalk)[^)\]]{0,20}[)\]]\s*", re.IGNORECASE)


def _transcript_quotes(ctx: _Context, paras: list[tuple[int, int]], out: list[Quote]) -> list[Quote]:
    """An interview's transcript: in a paragraph opening on a label that names a person of the article ("Brooks:",
    "KOVAČ:"), in an article with a question line ("Q:", "Q."), of a person whose answers say "I" or "we"
    somewhere, the words after the label are that person's, one direct quote; so are the quotes in it no rule
    credited ("I told them, “…”"). Credits ``out`` in place and gives the new quotes."""
    labelled = [(i, m) for i, (ps, pe) in enumerate(paras) if (m := _TRANSCRIPT_LABEL.match(ctx.text, ps, pe))]
    people = {}
    for i, m in labelled:
        name = m.group("label")
        mention = next((mt for mt in ctx.people.items if name and name.lower() in
                        (surname(mt.name).lower(), mt.name.lower())), None) if name else None
        if mention is not None:
            people[i] = ctx.people.fullest(mention.name, m.start())
    if not people or not any(m.group("question") for _, m in labelled):
        return []  # (no question asked: "Kemi Badenoch: The shadow housing secretary is …", a list of who is who)
    answers = {i: _STAGE_DIRECTION.sub(" ", ctx.text[m.end():paras[i][1]]).strip() for i, m in labelled if i in people}
    speaking = {name for i, name in people.items() if _first_person(_quotes_blanked(answers[i]))}
    # (its own words, not a quote it holds: "Biden: The president, 81, says …, telling voters: “My record …”")
    found = []
    for i, name in people.items():
        if name not in speaking:
            continue  # one who never says "I" or "we" is described, not answering ("Starmer: The Labour leader, 61, …")
        ps, pe = paras[i]
        start = _TRANSCRIPT_LABEL.match(ctx.text, ps, pe).end()  # type: ignore[union-attr]
        role = ctx.people.role_of(name)
        for q in out:
            if ps <= q.position < pe and not q.speaker:
                q.speaker, q.speaker_full, q.role, q.is_person, q.via = name, name, role, True, "transcript"
        words = answers[i]
        if len(words.split()) >= 3:
            found.append(Quote("direct", clean_space(words), name, name, None, ctx.text[ps:start].strip(),
                               ctx.article_id, start, [], True, role, via="transcript"))
    return found


def _ran_on(running: list[Quote], para_quotes: list[Quote], start: int, open_quote: bool) -> list[Quote]:
    """Credit the quotes no rule credited that ran on into this paragraph (an opening mark and no closing one)
    with the speaker of the quote that goes on at its start ("“We never turn anyone away. ¶ “Not once,” Cole
    said."); the quotes still running on after it."""
    direct = [q for q in para_quotes if q.kind == "direct"]
    first = direct[0] if direct and direct[0].position - start <= 2 else None
    if running and first is not None and first.speaker:
        for q in running:
            q.speaker, q.speaker_full, q.role, q.is_person = first.speaker, first.speaker_full, first.role, \
                first.is_person
            q.cue, q.via = first.cue, "ran_on"
        running = []
    last = direct[-1] if direct else None
    if not open_quote or last is None or last.speaker:
        return []
    return [*running, last] if last is first else [last]


def _repeated(q: Quote, quotes: list[Quote]) -> bool:
    """Whether a quote no rule of its own credits repeats one the article credits: a pull quote set apart from the
    text. Unattributed, it is the same words, or those words with a few more (its credit line: "“I worry that … tax
    cuts. Dean Baker, Center for Economic and Policy Research.”" after the paragraph quoting him); taken as the last
    speaker's words continuing, it is an excerpt of the credited quote or adds only its speaker's name ("“We're here
    to make awesome products.”" after another speaker's quote; not "“Hands off our libraries. I'll keep saying it.”",
    the last speaker's own words around a slogan)."""
    if q.speaker and q.via != "continued" or q.kind != "direct" or q.via.startswith("nested"):
        return False  # (a quote inside a quote repeats its words by being there)
    for other in quotes:
        if other is q or not other.speaker or other.via == "continued" or other.kind != "direct" or \
                len(other.tokens) < 6:
            continue
        shorter, longer = sorted((q.tokens, other.tokens), key=len)
        if len(longer) - len(shorter) > 12 or len(shorter) < 6 or not contains_run(longer, shorter):
            continue
        named = norm_tokens(" ".join(w for w in (other.speaker_full or other.speaker).split() if w[:1].isupper()))
        if not q.speaker or len(q.tokens) <= len(other.tokens) or set(named) & set(q.tokens) - set(other.tokens):
            return True
    return False


# A line crediting the quote paragraph above it (``_CREDITED`` after a dash)
_CREDIT_LINE = re.compile(r"\s*[-\u2013\u2014]\s*" + _CREDITED + r"\s*")


def _credit_line(ctx: _Context, quotes: list[Quote], p_index: int, below: tuple[int, int]) -> None:
    """Credit a paragraph's quotes that no rule credited to the name on the line below it, a dash before it
    (a fact-check's or a live blog's "“…” ¶ - Bernie Sanders.")."""
    line = _CREDIT_LINE.fullmatch(ctx.text, *below)
    if line is None:
        return
    for q in quotes:
        if (q.speaker is None or q.via.startswith("subject_before/")) and q.kind == "direct":
            short, full, role, person = _speaker_fields(ctx, line.group("spk"), below[0], p_index + 1)
            if short:
                q.speaker, q.speaker_full, q.role, q.is_person, q.cue = short, full, role, person, None
                q.attribution, q.via = line.group().strip(), f"credit_line/{_phrase_form(line.group('spk'), person)}"


# A quote inside a quote, in single marks, with its own speaker named right after or before it: "“‘Sorry I can’t be
# there,’ says SZA, and doesn’t add …”", "“… Roman Kemp says: ‘Canada has produced …’”" (a closing mark is one no
# letter follows: "can’t" goes on)
_INNER = r"[\u2018'](?P<inner>(?:[^\u2018\u2019']|[\u2019'](?=[A-Za-z]))+?)[,.!?]?[\u2019'](?![A-Za-z])"
_INNER_NAME = r"(?P<spk>(?:[A-Z][\w\-]*\s+){0,3}[A-Z][\w\-]*)"
_INNER_CUE = (r"(?P<cue>says|said|adds|added|asks|asked|recalls|recalled|writes|wrote|tweets|tweeted|replies|replied|"
              r"tells|told)")
_NESTED_AFTER = re.compile(r"(?:^|(?<=[\s(\u201c\"]))" + _INNER + rf"\s*,?\s+(?:{_INNER_CUE}\s+{_INNER_NAME}\b|"
                           rf"{_INNER_NAME.replace('spk', 'spk_first')}\s+{_INNER_CUE.replace('cue', 'cue_after')}\b)")
_NESTED_BEFORE = re.compile(rf"\b{_INNER_NAME}\s+{_INNER_CUE}(?:\s+(?:me|us|him|her|them))?[,:]?\s+" + _INNER)


_NOT_INNER_NAME = _PRONOUNS | {"so", "and", "but", "then", "when", "as", "now", "even", "people", "everybody",
                                "everyone", "somebody", "someone", "nobody", "doctors", "fans", "critics", "others",
                                "many", "some"}
# A plural's possessive inside a quote in single marks: a mark after an "s", a lower-case word after it, and a closing
# mark later ("‘the players’ wages are too high’"; but "‘Get off my grass’ three times" closes)
_OWNER_MARK = r"(?<=s)[\u2019'](?=\s[a-z][^\u2018\u2019']*?[\u2019'](?![A-Za-z]))"
# Any quote in single marks inside a quote: its opening mark starts a word, not a number ("the '80s") nor a word
# cut short ("'cause", "'em", "'til"); a plural's possessive goes on inside it
_ANY_INNER = re.compile(r"(?:^|(?<=[\s(\u201c\"\u2014:]))(?![\u2018']\d)"
                        r"(?![\u2018'](?:cause|cos|coz|em|til|till|bout|n|round|tis|twas|nuff)\b)"
                        r"[\u2018'](?P<inner>(?:[^\u2018\u2019']|[\u2019'](?=[A-Za-z])|" + _OWNER_MARK + r")+?)"
                        r"[,.!?]?(?!" + _OWNER_MARK + r")[\u2019'](?![A-Za-z])")
_NESTED_CUE = (r"(?:said|says|asked|asks|told|tells|replied|answered|wrote|writes|texted|tweeted|posted|shouted|"
               r"yelled|screamed|added|would\s+say|would\s+tell|promised|(?:was|is|were|are|am)\s+(?:\w+\s+){0,2}?like)"
               r"(?:\s+(?:me|us|him|her|them|it|myself|ourselves))?")
# The quoter's own words, told as such: "So I said, ‘…’", "I’m like, ‘…’", "I turned to my wife and said ‘…’", "I wrote
# in my journal that night, ‘…’", "My answer was ‘…’", "what I call ‘…’", "What I tell every young player is, ‘…’"
# (the words between "I" and the verb: ``_own_words``)
_OWN_WORDS_BEFORE = re.compile(r"(?:\b(?:I|[Ww]e)(?:['\u2019](?:m|d|ve|ll|re))?\s+(?P<gap>(?:[\w'\u2019]+,?\s+){0,8}?)"
                               r"(?:(?:told|tell|tells|wrote(?:\s+back)?|writes|texted|asked|asks|replied|answered|"
                               r"promised|shouted|yelled|screamed|added|said\s+to)"  # (to whom or where: "I told the
                               r"(?P<tail>(?:\s+[\w'\u2019]+){0,6}?)|"  # girls", "I wrote in my journal that night")
                               + _NESTED_CUE + r"|(?:say(?:ing)?|think(?:ing)?|thought|jok(?:e|ed|es|ing)|go(?:ing)?|"
                               r"went|like)(?:\s+(?:to\s+)?(?:me|us|him|her|them|you|myself|ourselves|that|this|it))?)|"
                               r"\b(?:thinking|saying|telling)\s+(?:to\s+)?(?:myself|ourselves)|"
                               r"\b(?:[Mm]y|[Oo]ur)\s+(?:answer|reply|response|message|advice|motto)\s+(?:was|is)|"
                               r"\b[Ww]hat\s+(?:I|we)\s+(?:always\s+)?(?:call(?:ed)?|tell|told|say|said)\b"
                               r"(?:[^.!?\u201c\u201d\"]{0,80}\s+(?:is|was))?)[,:]?\s*$")
# Words in the gap that make the words another's: a subject of their own, or what brought them ("I heard him say",
# "I got a text from my sister that said", "we kept hearing people say"); in the words after the verb, a subject ("I
# asked Klopp about it and he said"); the gap's last word, one who said them ("I remember my father said")
_ANOTHER_SUBJECT = frozenset({"he", "she", "they", "you", "it", "heard", "hear", "hearing", "remember", "remembered",
                              "read", "saw", "see", "got", "get", "received", "recall", "recalled", "that", "who",
                              "which"})
_TAIL_SUBJECTS = frozenset({"he", "she", "they", "we", "i"})
_OTHERS = frozenset({"him", "her", "them", "people", "someone", "somebody", "everyone", "everybody"})
# "I was told ‘…’": another's words
_PASSIVE_GAP = frozenset({"was", "were", "been", "being", "got", "get", "am", "is", "are"})
# Another's, by "he" or "she" opening a clause: "He said ‘…’", "and she was like: ‘…’" (not "The coach he sacked said")
_PRONOUN_SAYS = re.compile(r"(?:^|[.!?,;:\u2014]\s+|\b(?:and|but|then|so|when)\s+)(?P<pronoun>[Hh]e|[Ss]he)\s+"
                           r"(?:(?:then|later|once|just|also|always|again|finally|even|would|had|has|simply|actually)\s+)?"
                           rf"(?P<cue>{_NESTED_CUE})[,:]?\s*$")
# ... or right after it: "‘…,’ he said"
_PRONOUN_SAID = re.compile(r"\s*,?\s+(?P<pronoun>he|she)\s+(?P<cue>said|says|asked|asks|told\s+(?:me|us|him|her|them)|"
                           r"replied|added|wrote|texted|tweeted|shouted|yelled|screamed)\b")
# People a quote speaks of by a noun before a "he" or "she": the pronoun may be them, whom the article does not name
# ("my dad", "the detective", "a rookie", "one of the officers")
_PERSON_NOUN = re.compile(r"\b(?i:the|a|an|my|our|his|her|their|your|this|that|one|another|some)\s+"
                          r"(?:[a-z\-]+\s+){0,2}?(?P<noun>[a-z\-]+)\b|\b(?:someone|somebody|one of)\b")
_PERSON_WORDS = frozenset({"dad", "father", "mum", "mom", "mother", "son", "daughter", "husband", "wife", "brother",
                           "sister", "boss", "man", "woman", "guy", "boy", "girl", "stranger", "officer", "doctor",
                           "nurse", "driver", "neighbour", "neighbor", "friend", "teacher", "coach", "manager", "uncle",
                           "aunt", "grandad", "grandma", "granddad", "grandfather", "grandmother", "boyfriend",
                           "girlfriend", "partner", "colleague", "customer", "passenger", "player", "referee", "ref",
                           "child", "kid", "baby", "detective", "lawyer", "attorney", "trooper", "agent", "rookie",
                           "guard", "cop", "judge", "priest", "pastor", "soldier", "sergeant", "captain", "chief"})
_TITLE_SMALL_WORDS = frozenset({"a", "an", "the", "of", "and", "in", "on", "at", "to", "for", "with", "or", "by"})


def _nested_quotes(ctx: _Context, outer: Quote) -> list[Quote]:
    """The quotes inside a quote, each its own: the quoted speaker's words, beside the outer speaker's words that
    carry them. Its speaker is the one named right before or after it, or a "he" or "she" right before or after it
    that stands for someone other than the outer speaker (``_nested_pronoun``); else no one ("the question … speaks
    of ‘obligations of Israel’": not the outer speaker's own). Words the outer speaker says they said ("So I said,
    ‘…’": ``_own_words``), titles and quotes of fewer than three words stay part of the outer quote."""
    found, seen = [], set()
    for m in (*_NESTED_AFTER.finditer(outer.text), *_NESTED_BEFORE.finditer(outer.text)):
        inner, words = m.group("inner").strip(" ,"), (m.groupdict().get("spk") or m.group("spk_first")).split()
        while words and words[0].lower() in _NOT_INNER_NAME:
            words.pop(0)  # "When Sadiq Khan said ‘…’"
        if len(inner.split()) < 3 or not words or any(w.lower() in _NOT_INNER_NAME for w in words):
            continue  # "So I said, ‘…’", "He said ‘…’": read below
        if m.re is _NESTED_BEFORE and _object_before(outer.text[:m.start()]):
            continue  # "The letter to Jesse said, ‘…’", "The driver who hit Jesse told us, ‘…’": not Jesse's words
        name = " ".join(words)
        speaker = split_speaker(name)
        seen.add(m.start("inner"))
        if speaker.name == outer.speaker:
            continue  # the one quoted, telling what they said
        position = outer.position + m.start("inner")
        full = ctx.people.fullest(speaker.name, position) if speaker.is_person else speaker.name
        cue = m.groupdict().get("cue") or m.group("cue_after")
        found.append(Quote("direct", inner, full, full, cue, m.group().strip(), ctx.article_id, position,
                           is_person=speaker.is_person, via="nested/name"))
    for m in _ANY_INNER.finditer(outer.text):
        inner, before = m.group("inner").strip(" ,"), outer.text[:m.start()]
        if len(inner.split()) < 3 or m.start("inner") in seen or _is_title_words(inner) or _own_words(before) or \
                not before.strip() and not outer.text[m.end():].strip(" ,.!?"):
            continue  # (nor the whole quote in single marks: "“‘…,’ Mourinho told me”" read as one)
        said_before = _PRONOUN_SAYS.search(before)
        said = said_before or _PRONOUN_SAID.match(outer.text, m.end())  # "‘…,’ he said"
        person = _nested_pronoun(ctx, outer, said.group("pronoun"),
                                 before[:said_before.start("pronoun")] if said_before else before) if said else None
        found.append(Quote("direct", inner, person, person, said.group("cue") if said and person else None,
                           said.group().strip() if said and person else "", ctx.article_id,
                           outer.position + m.start("inner"), is_person=bool(person),
                           via="nested/pronoun" if person else "nested/none"))
    return found


def _object_before(before: str) -> bool:
    """Whether a name after ``before`` is the object of the word before it, not the subject of a clause of its own:
    of a preposition ("The letter to Jesse said") or of a relative clause's verb ("The driver who hit Jesse told")."""
    words = before.split()
    return bool(words) and (words[-1] in OBJECT_PREPOSITIONS or
                            len(words) >= 2 and words[-2] in ("who", "that", "which") and words[-1].isalpha() and
                            words[-1].islower())


def _echoed(nested: list[Quote], quotes: list[Quote]) -> list[Quote]:
    """The nested quotes, each of no speaker given the speaker of a quote elsewhere in the article made of its words
    (she "shared videos with words “we see you”" … “What is dangerous about a tweet that says ‘we see you’”)."""
    for q in nested:
        if q.speaker is None:
            words = norm_tokens(q.text)
            echo = next((other for other in quotes if other.speaker and other.position != q.position and
                         not other.position <= q.position <= other.position + len(other.text) and
                         2 * len(words) >= len(norm_tokens(other.text)) and
                         contains_run(norm_tokens(other.text), words)), None)  # (the words of that quote, at least
            # half of them: not a phrase a long quote of someone else's happens to hold, "natural born citizen")
            if echo is not None:
                q.speaker, q.speaker_full, q.role = echo.speaker, echo.speaker_full, echo.role
                q.is_person, q.via = echo.is_person, "nested/echo"
    return nested


def _own_words(before: str) -> bool:
    """Whether the words of a quote before a quote inside it say its speaker said that one ("I told him, ‘…’", "I
    turned to my wife and said ‘…’"; not "I think she said ‘…’", "I asked Tom and he said ‘…’", "I remember my father
    said ‘…’": another's)."""
    m = _OWN_WORDS_BEFORE.search(before)
    if m is None:
        return False
    gap, tail = (m.group("gap") or "").split(), (m.group("tail") or "").split()
    if gap and gap[-1].lower() in _PASSIVE_GAP and not m.group().rstrip(" ,:").endswith("like"):
        return False  # "I was asked ‘…’", "I was told ‘…’": whoever asked; but "I was like, ‘…’"
    if any(w.lower().strip(",") in _ANOTHER_SUBJECT or w[:1].isupper() and w != "I" for w in gap) or \
            any(w.lower().strip(",") in _TAIL_SUBJECTS for w in tail):
        return False
    last = gap[-1].lower().strip(",") if gap else ""
    return last not in _PERSON_WORDS and last not in ROLE_WORDS and last not in _OTHERS  # ("my father said")


def _speaks_of_someone(words: str) -> bool:
    """Whether words speak of a person by a noun ("my dad", "the detective", "one of the officers")."""
    return any(m.group("noun") is None or m.group("noun") in _PERSON_WORDS or m.group("noun") in ROLE_WORDS or
               m.group("noun") in EPITHET_NOUNS or m.group("noun").rstrip("s") in _PERSON_WORDS
               for m in _PERSON_NOUN.finditer(words))


def _is_title_words(words: str) -> bool:
    """Whether words are written as a title: every word capitalised but the small ones ("A Football Life")."""
    return all(w[:1].isupper() or w.lower() in _TITLE_SMALL_WORDS for w in words.split())


def _nested_pronoun(ctx: _Context, outer: Quote, pronoun: str, before: str) -> str | None:
    """The person a "he" or "she" inside a quote stands for (``before``: the quote's words before the pronoun):
    the one person the quote names before it whom the pronoun fits ("I asked Gary Heidnik about the smell. He
    said ‘…’", "my brother Danny … he was like ‘…’"; not one of two: "I introduced Tom Hayes to Mark Reilly, and he
    said"); else, when neither the quote nor its attribution speaks of someone by a noun ("my dad", "a man", "said
    of a colleague"), the one person in reach of the quote in the article's text whom it fits; never the quote's
    own speaker."""
    want: Gender = "m" if pronoun.lower() == "he" else "f"
    own = ctx.people.fullest(outer.speaker or "", outer.position)
    named = []
    for run in re.findall(r"(?<![\w'\u2019])[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*", before):
        name = ctx.people.fullest(run, outer.position)
        first = name.split()[0]
        known = surname(name) in ctx.people.full or first_name_gender(first) == want or \
            HONORIFIC_GENDER.get(first.lower()) == want and len(name.split()) > 1  # (not "Real Madrid")
        if known and name != own and not is_place_name(name) and ctx.people.may_be(name, want):
            named.append(name)
    if named:
        return named[-1] if len(set(named)) == 1 else None
    spoken_of = " ".join(re.findall(r"\b(?:of|about)\s+((?:[\w'\u2019\-]+\s+){0,3}[\w\-]+)", outer.attribution))
    if _speaks_of_someone(before) or _speaks_of_someone(spoken_of):
        return None  # "My dad … he said ‘…’", "the detective came back in and he said": whom the article may not name
    para = len(paragraphs(ctx.text[:outer.position])) - 1
    near = {ctx.people.person_key(mt.name) for mt in ctx.people.items if mt.position < outer.position and
            para - 2 <= mt.para <= para and not mt.place and ctx.people.may_be(mt.name, want) and
            ctx.people.fullest(mt.name, outer.position) != own}
    person = ctx.people.resolve(pronoun.lower(), outer.position, para) if len(near) == 1 else None
    return person if person and person != own else None


# What may follow the closing mark of a quote whose words end a sentence, before the next sentence's capital
_PAST_CLOSE = re.compile(r"['\u2019\u201d\u00bb\"]*\s+(?=[A-Z])")


def _past_quotes(text: str, sents: list[tuple[int, int, int]], quoted: list[tuple[int, int]]
                 ) -> list[tuple[int, int, int]]:
    """The sentences (para, start, end), each cut after the last quote inside it whose words end a sentence: the
    words after it are a sentence of their own ("“… they were OK.” Pigeon said police spent two hours …", which
    the sentence splitter keeps with the quote)."""
    out = []
    for para, s, e in sents:
        ends = [m.end() for qs, qe in quoted if s <= qe < e and
                text[qs:qe].rstrip(" '\u2019")[-1:] in (".", "!", "?") and (m := _PAST_CLOSE.match(text, qe, e))]
        out.append((para, s, e) if not ends else (para, ends[-1], e))
    return out


def _indirect_quotes(ctx: _Context, sentences: list[tuple[int, int]], before: int, p_index: int) -> list[Quote]:
    """The sentences (start, end) of paragraph ``p_index`` ending before ``before`` that report speech, as indirect
    quotes, credited; they are taken off ``sentences``."""
    found = []
    while sentences and sentences[0][1] <= before:
        s, e = sentences.pop(0)
        iq = _indirect(ctx, ctx.text[s:e], s, p_index)
        if iq:
            found.append(iq)
            _credit(ctx, p_index, iq)
    return found


class _Intro(NamedTuple):
    """Who a paragraph's end introduces as the speaker of the next paragraph's quote."""

    phrase: str  # the speaker phrase
    cue: str
    at: int  # where in the article
    told_of: bool = False  # a sentence telling of the person speaking ("X praised …"): for a paragraph of quote alone
    in_own_words: bool = False  # a sentence about the person only: for a paragraph of quote alone in the first person


class _ParaEnd(NamedTuple):
    """What a paragraph hands to the next: its last attributed quote, an introduction it ends with ("He said:"),
    and whether its last quote is still open."""

    last_quote: Quote | None
    intro: _Intro | None
    open_quote: bool


class _SpanAttributions(NamedTuple):
    """What the finders give the quote spans of one paragraph, one entry per span."""

    attrs: list[_Attribution | None]
    titled: list[bool]  # a quote given as a thing's name: nobody's words
    found_by: list[tuple[int, int]]  # (the finder that gave each quote's attribution, prev_attr_end then)


# Words written on a thing, right before them: "in front of a banner reading", "carried placards saying", "a T-shirt
# bearing the words" (the thing's, never its carrier's nor the sentence subject's)
_WORDS_ON_A_THING = re.compile(r"\b(?:banner|sign|placard|poster|t-shirt|shirt|billboard|plaque|flag|badge|sticker|"
                               r"hat|cap)s?\s+(?:that\s+|which\s+)?(?:reading|read|reads|saying|said|says|bearing|"
                               r"emblazoned\s+with|with\s+the\s+(?:words|slogan|message))(?:\s+the\s+words)?\s*[,:]?\s*$",
                               re.IGNORECASE)


def _attribute_spans(par: str, masked: str, spans: list[tuple[int, int, bool]]) -> _SpanAttributions:
    """Each quote span's attribution: the first finder's that gives one (none for a title), else its sentence's."""
    attrs: list[_Attribution | None] = []
    titled: list[bool] = []
    found_by: list[tuple[int, int]] = []
    prev_attr_end = -1  # where the last quote's own attribution ends: an intro before it is not the next one's
    reach_back = [0] * len(spans)  # where each quote's speaker is named, for an attribution read across quotes:
    # earlier quotes of the sentence are theirs only from there on
    for k in range(len(spans)):
        around = _around(par, masked, spans, k)
        titled.append((bool(_TITLED.search(around.before)) or _is_title(around) or
                       bool(_NICKNAMED.search(around.before)) and len(around.quote.split()) <= 6) and
                      _named_by(around) is None or
                      _is_term(around) or
                      bool(_WORDS_ON_A_THING.search(around.before)) or
                      _rebutted(around) or bool(_NOT_SAID.search(around.before)) or
                      (k > 0 and titled[k - 1] and bool(_GLOSS.fullmatch(around.before))) or
                      bool(_SHOW_NAMED.search(around.before) and around.quote.lstrip()[:1].isupper()))
        found = None if titled[-1] else next(((i, a) for i, find in enumerate(_ATTRIBUTION_FINDERS)
                                              if (a := find(around, prev_attr_end)) is not None), None)
        across = _before_across_partials(around, par, masked, spans, attrs, k) if found is None and not titled[-1] \
            else None
        if across is not None:  # ("Ms. Harris, in addition to calling for it “immediately,” called on Mr. Barr to
            # “…”": hers)
            found = next(((i, a) for i, find in enumerate(_ATTRIBUTION_FINDERS)
                          if find in _ACROSS_FINDERS and (a := find(across, prev_attr_end)) is not None), None)
            named_at = across.before.rfind(found[1].speaker) if found is not None else -1
            reach_back[k] = across.before_start + named_at if named_at >= 0 else spans[k][0]
        attr = found[1] if found else None
        found_by.append((found[0] if found else len(_ATTRIBUTION_FINDERS), prev_attr_end))
        if attr is not None and attr.own:
            prev_attr_end = attr.end
        attrs.append(attr)
    attrs = [attr or (None if titled[k] else _sentence_attribution(masked, spans, attrs, k, reach_back))
             for k, attr in enumerate(attrs)]
    return _SpanAttributions(attrs, titled, found_by)


def _before_across_partials(around_k: _Around, par: str, masked: str, spans: list[tuple[int, int, bool]],
                            attrs: list[_Attribution | None], k: int) -> _Around | None:
    """Quote ``k`` (``around_k``) read with the text before it reaching back across the earlier quotes of its
    sentence that no one was credited with, their marks and words blanked ("Ms. Harris, in addition to calling for
    the report to be released “immediately,” called on Mr. Barr to “…”"); None when no such quote is right before
    it."""
    j = k
    while j > 0 and attrs[j - 1] is None and not _ends_sentence(masked[spans[j - 1][0]:spans[j - 1][1]]) and \
            not _SENTENCE_END.search(masked, spans[j - 1][1] + 1, spans[j][0]):
        j -= 1
    if j == k:
        return None
    around = _around(par, masked, spans, j)
    text = list(masked[around.before_start:max(around.before_start, spans[k][0] - 1)])
    # their words blanked too: no cue of theirs ("“Met accused of whitewashing baby Jesus,” by Post's …: “…”")
    for qs, qe, _ in spans[j:k]:
        for at in range(max(qs - 1, around.before_start), min(qe + 1, spans[k][0] - 1)):
            text[at - around.before_start] = " "
    return around_k._replace(before="".join(text), before_start=around.before_start)


def _direct_quotes(ctx: _Context, p_index: int, offset: int, spans: list[tuple[int, int, bool]],
                   prev: _ParaEnd, unquoted: list[tuple[int, int]]) -> tuple[list[Quote], _ParaEnd]:
    """The quotes in quotation marks of one paragraph (at ``offset`` in the article), attributed, with the indirect
    quotes of its ``unquoted`` sentences (those before a quote credited before it)."""
    par = ctx.text[offset:offset + _para_len(ctx.text, offset)]
    masked = _mask(par)
    attrs, titled, found_by = _attribute_spans(par, masked, spans)
    any_own = any(a is not None and a.own for a in attrs)
    para_quotes: list[Quote] = []
    last_title: Quote | None = None  # the last title listed ("The Freaks Came Out to Write"): no quote goes on from it
    last_span = -1  # the span the last quote listed ends with: a quote goes on only from that one
    named = [mt.position - offset for mt in ctx.people.items if mt.para == p_index]
    indirect: list[Quote] = []
    for k, (qs, qe, _) in enumerate(spans):
        indirect += _indirect_quotes(ctx, unquoted, offset + qs, p_index)
        inner = _clean_quote(par[qs:qe])
        attr = attrs[k]
        own = attr is not None and attr.own
        if para_quotes and not own and not titled[k] and para_quotes[-1] is not last_title and \
                not (_scare_quote(para_quotes[-1].text) and
                     SPEECH_WORD.search(masked, spans[last_span][1], spans[k][0])) and \
                _continues(masked, spans, last_span, k, attrs[last_span], named):
            _join(para_quotes[-1], inner)  # a quote split by its attribution: joined to the previous one (not a title)
            last_span = k
            continue
        if attr is None and k == 0 and qs <= 1 and not any_own and not titled[k] and \
                not _names_outside_quotes(ctx, masked, spans, offset, p_index):
            bare = not any(re.search(r"\w", masked[a:b]) for a, b in _outside_quotes(masked, spans))
            inherited = _inherited(ctx, prev, inner, offset + qs, p_index, bare)
            if inherited is not None:
                para_quotes.append(inherited)
                _credit(ctx, p_index, inherited)
                last_span = k
                continue
        attr, (short, full, role, person), finder = _credited_speaker(ctx, par, masked, spans, k, attr, titled[k],
                                                                      found_by[k], offset, p_index)
        via = _via(finder, attr, short, person)
        if attr is None and not titled[k] and (speaking := _first_person_of(ctx, para_quotes, offset + qs, inner)):
            short, full, role, person = speaking.speaker, speaking.speaker_full, speaking.role, True
            via = "first_person"
        if short and person and _names_resolved_speaker(inner, short, attr.speaker if attr else ""):
            short, full, role, person = None, None, None, False  # "“Our Jerry is in heaven,” she said": not Jerry
        attr_before = attrs[k - 1] if k > 0 else None
        in_attribution = titled[k] and attr_before is not None and attr_before.end > qs
        if not short and (len(inner.split()) < 6 or in_attribution):
            continue  # scare quotes, titles, nicknames; a title inside the last quote's attribution ("…,” X,
            # co-author of “Bettie Page: The Life of a Pinup Legend,” said)
        if short and len(inner.split()) < 3 and not own:
            continue
        para_quotes.append(Quote("direct", inner, short, full, attr.cue if attr else None,
                                 clean_space(attr.text if attr else ""), ctx.article_id, offset + qs,
                                 is_person=person, role=role, via=via))
        _credit(ctx, p_index, para_quotes[-1])
        last_span = k
        if titled[k]:
            last_title = para_quotes[-1]
    last = next((q for q in reversed(para_quotes) if q.speaker), None)
    indirect += _indirect_quotes(ctx, unquoted, len(ctx.text), p_index)
    return para_quotes + indirect, _ParaEnd(last, _ending_intro(par, masked, spans, offset),
                                            bool(spans) and not spans[-1][2])


def _credited_speaker(ctx: _Context, par: str, masked: str, spans: list[tuple[int, int, bool]], k: int,
                      attr: _Attribution | None, titled: bool, found_by: tuple[int, int], offset: int, p_index: int
                      ) -> tuple[_Attribution | None, SpeakerFields, str]:
    """(the attribution, the speaker's fields, the finder's name) of quote span ``k``: the speaker its attribution
    phrase resolves to, or the one a "told" inside it names, or a later finder's when the phrase names no one."""
    qs = spans[k][0]
    own = attr is not None and attr.own
    told = _told_within(par, qs, attr) if attr is not None and own and not titled else attr
    others = told is not attr  # "Cohen testified that Donald Trump told him: “…”": Trump's, or no one named
    teller, attr = attr, told
    fields = _speaker_fields(ctx, attr.speaker if attr else None, _pronoun_position(ctx, par, qs, attr, offset),
                             p_index)
    if others and fields.is_person and fields.speaker and teller is not None and attr is not None:
        told_by = _speaker_fields(ctx, teller.speaker, offset + qs, p_index).speaker
        if surname(fields.speaker) == surname(told_by or ""):
            fields = _as_written(attr.speaker)  # "Jones said the man told her:"
    if attr is not None and attr.not_of and fields.speaker and surname(fields.speaker) == surname(attr.not_of):
        if attr.speaker.lower() in _PRONOUNS:  # "Mayor Reed … As Cole noted, he has promised": whom the pronoun
            # stands for before the sentence, when that is someone else (not Cole: "Cole … As Cole noted, she has")
            sentence = re.split(r"(?<=[.!?])\s+", ctx.text[max(0, offset + qs - 300):offset + qs])[-1]
            earlier = _speaker_fields(ctx, attr.speaker, offset + qs - len(sentence), p_index)
            if earlier.speaker and earlier.is_person:
                fields = earlier
        else:  # "As Kim noted, the commissioner has promised": the commissioner as written, not Kim
            fields = _as_written(attr.speaker)
    if others and not fields.speaker and attr is not None and attr.speaker:
        fields = _as_written(attr.speaker)  # "her son's last words were:"
    finder = _FINDER_NAMES[found_by[0]] + ("" if own else "~used") if found_by[0] < len(_FINDER_NAMES) - 1 \
        else "sentence"
    if attr is not None and own and not fields.speaker and not others and attr.speaker:  # names no one
        attr, fields, finder = _later_finder(ctx, par, masked, spans, k, attr, fields, found_by, finder, offset,
                                             p_index)
    return attr, fields, finder


def _pronoun_position(ctx: _Context, par: str, qs: int, attr: _Attribution | None, offset: int) -> int:
    """Where the speaker phrase of quote ``qs`` stands for someone: at its "he" or "she" when that comes before the
    quote with a person named in between ("when he said …, he’d tell President Obama to “…”": not Obama, named
    after the "he"); at the quote otherwise."""
    if attr is None or attr.speaker.lower() not in ("he", "she") or not attr.text:
        return offset + qs
    at = par.rfind(attr.text, 0, qs)
    if at < 0 or re.search(r"[.!?\"\u201c\u201d]", par[at + len(attr.text):qs - 1]):
        return offset + qs  # (an attribution of the quote's own sentence before it, not "he said" after another)
    word = re.search(rf"\b{attr.speaker}\b", attr.text, re.IGNORECASE)
    if word is None:
        return offset + qs
    pronoun = offset + at + word.start()
    if not any(pronoun < mt.position < offset + qs for mt in ctx.people.items if not mt.place):
        return offset + qs
    return pronoun


def _later_finder(ctx: _Context, par: str, masked: str, spans: list[tuple[int, int, bool]], k: int,
                  attr: _Attribution, fields: SpeakerFields, found_by: tuple[int, int], finder: str, offset: int,
                  p_index: int) -> tuple[_Attribution, SpeakerFields, str]:
    """For an attribution whose phrase names no one: the attribution of the first later finder (the parse first)
    whose phrase names someone, else a kin noun as the speaker ("…,” her father said")."""
    qs = spans[k][0]
    around, (first, attr_end) = _around(par, masked, spans, k), found_by
    later = [f for f in _ATTRIBUTION_FINDERS[first + 1:] if f is not _parsed]
    for find in ([] if attr.parsed else [_parsed]) + later:
        alt = find(around, attr_end)
        if alt is not None and _KIN.fullmatch(attr.speaker.strip()) and \
                0 <= alt.text.find(alt.speaker) < alt.text.find(attr.speaker.strip()):
            continue  # "Jones said her mother often told her: “…”": not the one who reports her words
        found = _speaker_fields(ctx, alt.speaker, _pronoun_position(ctx, par, qs, alt, offset), p_index) \
            if alt and alt.own else None
        if alt is not None and found is not None and found.speaker:
            attr, fields = alt, found
            finder = f"{finder}>{_FINDER_NAMES[_ATTRIBUTION_FINDERS.index(find)]}"
            break
    kin = _KIN.fullmatch(attr.speaker.strip()) if not fields.speaker else None
    if kin is not None:  # "…,” her father said.": no other finder names anyone, so he says it
        spoken = attr.speaker.strip()
        fields = fields._replace(speaker=spoken, speaker_full=spoken)
        relative = ctx.people.with_role_word(kin.group("noun").lower(), offset + qs, p_index)
        if relative is not None:  # "John Banky, Ben's older brother, … “…,” said his brother"
            fields = SpeakerFields(relative, relative, ctx.people.role_of(relative), True)
    return attr, fields, finder


# Words of another voice in a quote's sentence: a verb of crying out or texting, a crowd, or a written thing with its
# words right before the quote ("A note on the table read in part:", "His letter ended:" when whose it does not
# say; not "read as")
_OTHER_VOICE = re.compile(r"\b(?:shout(?:s|ed|ing)?|yell(?:s|ed|ing)?|scream(?:s|ed|ing)?|chant(?:s|ed|ing)?|heckl\w+|"
                          r"sobb(?:ed|ing)|text(?:s|ed|ing)|cr(?:ies|ied)\s+out|crowd|protesters?|someone)\b|"
                          r"\b(?:sign|banner|placard|poster|note|message|card|shirt|letter)s?\b[^.!?]{0,60}"
                          r"\b(?:read|reads|reading|ended|began)\b(?!\s+as\b)[^.!?\u201c\u201d\x22]{0,30}"
                          r"[\u201c\u2018\x22']?$", re.IGNORECASE)
# Someone described opening a sentence or a clause, another voice when the sentence does not name the speaker ("A
# woman at the back interrupted:", "In the video, a man can be heard"; not "Besecker, a father of three, is", "For a
# man who has fished here, the closure is", "Losing a mother is")
_SOMEONE_DESCRIBED = re.compile(r"(?:^|[.!?]\s+|,\s+)(?:a|one|another)\s+(?:[\w\-]+\s+)?(?:woman|man|girl|boy|child|"
                                r"mother|father|resident|witness|neighbou?r|voice)\b", re.IGNORECASE)


def _first_person_of(ctx: _Context, para_quotes: list[Quote], position: int, inner: str) -> Quote | None:
    """The person whose quote before it in the paragraph a quote with no attribution goes on from, when it speaks in
    the first person and nobody else is named between the two ("“I was shocked,” said Tyler Besecker. The price
    is “as low as I’ve ever seen.”")."""
    last = next((q for q in reversed(para_quotes) if q.speaker), None)
    if last is None or not last.is_person or not _first_person(inner) or \
            any(re.search(rf"\b{re.escape(w)}\b", inner) for w in (last.speaker or "").split() if len(w) > 2):
        return None  # (a quote naming them is someone else's: "“I have never met anyone as driven as Tom.”")
    since = ctx.text[last.position + len(last.text):position]
    sentence = since[max(0, _last_sentence_start(since)):]
    if _OTHER_VOICE.search(sentence) or _SOMEONE_DESCRIBED.search(sentence) and \
            surname(last.speaker or "") not in sentence.lower():
        return None  # someone else cries them out or shows them ("Her daughter kept texting her “Mom, …”")
    return last if _none_else_named(ctx, last, position) else None


def _names_outside_quotes(ctx: _Context, masked: str, spans: list[tuple[int, int, bool]], offset: int,
                          p_index: int) -> bool:
    """Whether a paragraph's text outside its quotes names a person or holds a speech verb: the paragraph tells
    whose words it gives (though no rule read it: "“…?” came the question from Gayle King."), so they never go on
    from the paragraph before."""
    outside = _outside_quotes(masked, spans)
    if any(SPEECH_WORD.search(masked, a, b) for a, b in outside):
        return True
    return any(mt.para == p_index and any(a <= mt.position - offset < b for a, b in outside) for mt in ctx.people.items)


def _outside_quotes(masked: str, spans: list[tuple[int, int, bool]]) -> list[tuple[int, int]]:
    """(start, end) of each stretch of a paragraph outside its quotes: before the first, after each one."""
    return [(0, spans[0][0])] + [(e, spans[i + 1][0] if i + 1 < len(spans) else len(masked))
                                 for i, (_, e, _) in enumerate(spans)]


def _scare_quote(text: str) -> bool:
    """Whether a quote is one word with no punctuation of its own: a word marked, not words said, from which a
    quote after someone else's speech verb does not go on ("an “earwitness” heard a cop yell, “…”")."""
    return bool(re.fullmatch(r"\s*[\w\-'\u2019]+\s*", text))


def _sentence_attribution(masked: str, spans: list[tuple[int, int, bool]], attrs: list[_Attribution | None],
                          k: int, reach_back: list[int]) -> _Attribution | None:
    """The attribution of a later quote of the sentence quote ``k`` is in, with no sentence end between them ("“A
    unique case” because of its “debt” and because it “has cheated,” Olli Rehn said": all three are Rehn's), when
    its speaker is named before quote ``k`` or needs not be (``reach_back``: where it is named)."""
    for m in range(k + 1, len(spans)):
        if _ends_sentence(masked[spans[m - 1][0]:spans[m - 1][1]]) or \
                _SENTENCE_END.search(masked, spans[m - 1][1] + 1, spans[m][0]):
            return None
        if not re.search(r"\w", masked[spans[m - 1][1] + 1:spans[m][0]]):
            return None  # "“It does not matter who gets elected” “This campaign …,” an official told": two texts
        later = attrs[m]
        if later is not None and later.own:
            return later if reach_back[m] <= spans[k][0] else None
    return None


def _names_resolved_speaker(quote: str, name: str, phrase: str) -> bool:
    """Whether a quote calls the person a pronoun or description (``phrase``) was resolved to by their first name:
    someone spoken about ("“Our Jerry is in heaven,” she said"), not the speaker (who may give their own full name
    or surname: "he talked about Donald Trump," Trump said)."""
    words = name.split()
    if len(words) < 2 or surname(name) in phrase.lower() or re.search(rf"\b{re.escape(words[-1])}\b", quote):
        return False
    return any(re.search(rf"\b{re.escape(w)}\b", quote) for w in words[:-1] if len(w) > 2 and w[:1].isupper())


def _continues(masked: str, spans: list[tuple[int, int, bool]], j: int, k: int, attr: _Attribution | None,
               named: list[int]) -> bool:
    """Whether quote ``k`` goes on from quote ``j`` (with attribution ``attr``), the last one listed: in the same
    sentence, or opening the sentence after it or after the one attributing it ("A," X said. "B.") or after
    sentences naming no one (``named``: where the paragraph names people) or a sentence about "he" or "she". Not
    across a quote left out of the list outside quote j's sentence ("RUPAUL IS
    EVERYTHING"), nor after a sentence of someone speaking ("“A.” Lon Wood ... said he met Ben. “B.”"), nor
    inside a later sentence about someone else ("... and even Tripadvisor won't sell tickets “because ...”", "“...
    sour note.” Using the season, it issued “revised” rules")."""
    ends_sentence = masked[spans[j][0]:spans[j][1]].rstrip(" '\u2019\"\u201d")[-1:] in ".!?"
    if any(ends_sentence or _SENTENCE_END.search(masked, spans[j][1], spans[i][0]) for i in range(j + 1, k)):
        return False  # ", said X, where the “Uncommitted” option ...": a quote left out inside j's sentence only
    start, stop = spans[j][1] + 1, spans[k][0]
    attr_end = attr.end if attr is not None and attr.own and attr.end > start else -1  # "A," X said.
    if _OWN_VERB_AFTER.search(masked, max(start, attr_end), spans[k][0]):
        return False  # "… he will “A” and insisted that his party was “B”": a clause of speech of its own
    if attr_end > 0 or not ends_sentence:  # quote j's sentence runs on after it: the others start past its end
        # (from the attribution's last character: a parsed one ends past its stop)
        sentence_end = _SENTENCE_END.search(masked, max(start, attr_end - 1), stop)
        start = sentence_end.end() if sentence_end else stop
    if _BEFORE_ANY.search(masked, start, stop):
        return False  # a sentence of someone speaking between
    between = masked[spans[k - 1][1] + 1:max(spans[k - 1][1] + 1, spans[k][0] - 1)]
    ends = [m.end() for m in re.finditer(r"[.!?][\"\u201d\u2019]?\s+(?=[A-Z\"\u201c])", between + "\u201c")]
    tail = between[ends[-1]:].strip() if ends else ""
    rest = between.strip(" '\u2019\"\u201d")
    if not ends and rest.endswith(":") and (len(rest.split()) > 3 or not ends_sentence and re.search(r"\w", rest)
                                            or _BEFORE_ANY.search(rest) or _OWNED_WORDS_OPENING.match(rest)):
        return False  # a sentence of its own introducing new words: "“….” That did not stop a judge from allowing
        # the prisoner to give speeches: “…”"; in the sentence: "replied to a post that said “…” with: “…”"
    if not ends and masked[spans[k - 1][0]:spans[k - 1][1]].rstrip(" '\u2019")[-1:] in ".!?" and \
            rest[-1:] not in ".!?:" and re.search(r"\b(?:is|are|was|were|has|have|had|will|would|[a-z]\w+ed)\b", rest):
        tail = rest  # a sentence of its own after the one ended inside the quote: "… note." Using …, it issued
    if not tail:  # in quote j's sentence, or opening a sentence after sentences naming no one ("“…,” he said. But
        return not any(start <= at < stop for at in named)  # it is designed to withstand calamity. “…”")
    return bool(re.match(r"(?:He|She)\s", tail) or _CONNECTIVE_ONLY.fullmatch(tail))  # "He highlights the “…”",
    # "Instead, “…”": the same speaker


# Whose words the next quote is, opening a colon's sentence: "His response:", "Trump's reply was:"
_OWNED_WORDS_OPENING = re.compile(r"(?:His|Her|Their|[A-Z][\w\-]*['\u2019]s)\s+(?:[a-z]+\s+)?[a-z]+")
# A sentence that is a connective and a quote: "“….” Instead, “he just acts like a defeated man.”"
_CONNECTIVE_ONLY = re.compile(r"(?:Instead|Specifically|Still|Rather|Again|Also|But|And|Then|Otherwise|Moreover|"
                              r"In other words|In short|In fact|Indeed|Worse|Besides),?")


_SENTENCE_END = re.compile(r"[.!?]\)?\s")  # "... told New York.) RuPaul": an aside's end too


def _last_sentence_start(text: str) -> int:
    """Where the last sentence of a text starts (after ". ", "? ", ".) "), or -1 when it holds no sentence end."""
    return max((m.end() for m in _SENTENCE_END.finditer(text)), default=-1)


_TITLE_GLUE = frozenset({"a", "an", "the", "of", "and", "in", "on", "at", "to", "for", "from", "with", "or", "by"})


def _is_title(a: _Around) -> bool:
    """Whether a quote inside a sentence is the name of a work or a thing, not words said: a few words, each
    capitalised but the small ones ("director of “A Beautiful Mind”", "a sequel to “The Hunger Games.”")."""
    before = a.before.rstrip()
    if not before or before[-1] in ",:" or re.search(r"[.!?,;:]\S", a.quote):
        return False
    if len(_TITLE_WORD.findall(a.quote)) == 1 and re.search(r"[.!?]", a.quote):
        return False  # He responded, "Yes."
    return _title_words(a.quote, _WORK_OF.search(before) is not None)


# Words that may follow a quote inside a sentence but are not the noun of a phrase the quote modifies
_NOT_A_NOUN = _TITLE_GLUE | {"but", "that", "which", "who", "as", "than", "is", "was", "are", "were", "he", "she",
                             "they", "it", "said", "says", "told", "added", "after", "before", "since", "during",
                             "over", "about", "into", "under", "until", "because", "when", "while", "if", "so",
                             # a modal or auxiliary: the quote is a subject ("that “temporary burials” might be")
                             "might", "may", "could", "would", "will", "should", "can", "must", "has", "had", "have",
                             "do", "does", "did"}


# A speech verb, not a noun spelled the same ("911 calls from employees")
_CUE_VERB = re.compile(rf"\b(?:{_CUE_WORDS}|spoke\s+of|speaks\s+of)\b(?!\s+(?:from|to|for|of|by|in|on|at)\b)")


def _is_term(a: _Around) -> bool:
    """Whether a quote of two or three words modifies a noun after it, a term in a noun phrase, not words said
    ("trained for an “active shooter” situation", "the “devil horns” tattooed on his head"), in a sentence that
    gives it no speaker before it ("what he called the “late-night talk-show” feel": his; a request, "asked them to
    perform a “direction discrimination” task", gives none)."""
    before, noun = a.before.lower().split()[-1:], re.match(r"\s+([a-z][a-z\-]*)\b", a.after)
    return 2 <= len(a.quote.split()) <= 3 and not re.search(r"[.!?,;:]", a.quote) and noun is not None and \
        before in (["a"], ["an"], ["the"], ["this"], ["that"], ["its"], ["his"], ["her"], ["their"], ["our"]) and \
        noun.group(1) not in _NOT_A_NOUN and \
        not any(not _REQUEST.match(a.before, m.start()) for m in _CUE_VERB.finditer(a.before))


# A claim the subject answers, in the words of whoever made it: "dismissed claims that the plan was “…”"
_REBUTTED = re.compile(r"\b(?:dismiss|den(?:y|ie)|reject|disput|refut|brush(?:ed|es)?\s+(?:off|aside)|"
                       r"laugh(?:ed|s)?\s+off|respond(?:ed|s)?\s+to|hit\s+back\s+at|push(?:ed|es)?\s+back\s+(?:on|against))[a-z]*\s+"
                       r"(?:the\s+|those\s+|these\s+)?(?:[a-z]+\s+)?(?:claims?|suggestions?|reports?|allegations?|"
                       r"accusations?|charges?|criticisms?|assertions?|rumou?rs?|complaints?|speculation)\s+(?:that|of)\b")


def _rebutted(a: _Around) -> bool:
    """Whether the quote is in a claim its sentence's subject answers ("dismissed claims that the plan was “dead
    on arrival”", "denied reports that he had called them “clowns”"): its maker's words, not the subject's;
    the subject's own speech verb after it gives the quote a speaker again ("…, and said it was “…”")."""
    last = max((m.end() for m in _REBUTTED.finditer(a.before)), default=-1)
    return last >= 0 and not _OWN_VERB_AFTER.search(a.before, last)


_OWN_VERB_AFTER = re.compile(rf"\b(?:and|but)\s+(?:also\s+|then\s+|later\s+)?(?:{_CUE_WORDS})\b")
# Words the sentence says were not said, right before the quote: "refused to say the words “radical Islam”", "would
# not use the term “genocide”" (nobody's words)
_NOT_SAID = re.compile(rf"\b(?:{_NOT_SAYING}|would\s+not|will\s+not|did\s+not|does\s+not|won['\u2019]t|"
                       r"wouldn['\u2019]t|didn['\u2019]t|doesn['\u2019]t|never)\s+(?:say|use|utter|mention|repeat)\s+"
                       r"(?:the\s+(?:words?|phrase|term|name)\s+)?$")


# A speech verb asking for a deed, not giving words: "asked five people to perform a “direction discrimination” task"
_REQUEST = re.compile(r"(?:asked|asks|told|tells|urged|urges)\s+(?:[\w'\u2019\-]+\s+){1,3}?to\s+[a-z]+\b")


def _para_len(text: str, offset: int) -> int:
    end = text.find("\n", offset)
    return (end if end >= 0 else len(text)) - offset


_ASKING_CUES = frozenset({"asked", "asks", "ask", "wondered", "wonders", "questioned", "pressed", "inquired"})


def _inherited(ctx: _Context, prev: _ParaEnd, inner: str, position: int, p_index: int, bare: bool
               ) -> Quote | None:
    """A paragraph opening with a quote and no attribution: the speaker the previous paragraph introduced
    ("He said:"; or told of speaking, when the paragraph is the quote alone and no heading in capitals), or the
    speaker of its last quote (a quote running on, or the next paragraph of a statement)."""
    if prev.intro is not None and (not prev.intro.told_of or bare and not inner.isupper()) and \
            (not prev.intro.in_own_words or _first_person(inner)):
        phrase, cue, at = prev.intro.phrase, prev.intro.cue, prev.intro.at
        short, full, role, person = _speaker_fields(ctx, phrase, at, p_index - 1)
        if not short and cue == "reports":
            short, full, role, person = phrase, phrase, None, False  # "Politico reports:": the medium, as written
        if short:
            finder = "subject_before" if prev.intro.in_own_words else "intro"
            return Quote("direct", inner, short, full, cue, f"{phrase} {cue}:", ctx.article_id, position,
                         is_person=person, role=role, via=f"{finder}/{_phrase_form(phrase, person)}")
    q = prev.last_quote
    if q is None:
        return None
    if q.text.rstrip(" '\u2019")[-1:] == "?" and (q.cue or "").split()[0] in _ASKING_CUES and \
            inner.rstrip(" '\u2019")[-1:] != "?":
        return _answer(ctx, q, inner, position, p_index)  # "“Were you scared?” he asked. ¶ “Every single day.”": an
        # answer, never the asker's
    if q.via == "answer" and inner.rstrip(" '\u2019")[-1:] == "?":
        return None  # the next question after an answer: the asker's again, maybe, never the one who answered
    return Quote("direct", inner, q.speaker, q.speaker_full, q.cue, "(continued)", ctx.article_id, position,
                 is_person=q.is_person, role=q.role, via="continued")


# Someone questioning someone named: "Tom Hart interviewed Jane Doe", "Hart asked Doe"
_ASKED_ONE = re.compile(rf"(?P<subject>{_NAME_WORDS})\s+(?:{_QUESTIONED})\s+"
                        rf"(?P<other>{_NAME_WORDS})\b")


def _answer(ctx: _Context, question: Quote, inner: str, position: int, p_index: int) -> Quote | None:
    """A paragraph of quote alone after a question its asker put ("“Were you scared?” he asked. ¶ “Every single
    day.”"): the words of the one the text has the asker question or interview before it ("Tom Hart interviewed
    Jane Doe"), or None."""
    before = ctx.text[max(0, question.position - 1500):question.position]
    asked = [m for m in _ASKED_ONE.finditer(before)
             if question.speaker and surname(m.group("subject")) == surname(question.speaker)]
    if not asked:
        return None
    short, full, role, person = _speaker_fields(ctx, asked[-1].group("other"), position, p_index)
    if not short or not person or surname(short) == surname(question.speaker or ""):
        return None
    return Quote("direct", inner, short, full, "answered", "(answer)", ctx.article_id, position, is_person=person,
                 role=role, via="answer")


# A heading naming whose words follow: "RAYE's acceptance speech for Song of the Year", "Biden's statement in full"
_SPEECH_HEADING = re.compile(r"^(?P<spk>[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,3})['\u2019]s\s+(?:[a-z][\w\-]*\s+){0,2}"
                             r"(?:speech|statement|remarks|address|message|letter|post|tweet)\b[^.!?:]{0,60}$")
# A medium's report introducing the words it quotes: "ABC reports:", "The Times reported:"
_MEDIUM_REPORTS = re.compile(r"(?:^|[.!?]\s+)(?P<spk>(?:The\s+)?[A-Z][\w&\-]*(?:\s+[A-Z][\w&\-]*){0,3})\s+"
                             r"(?:reports|reported)\s*:$")


def _ending_intro(par: str, masked: str, spans: list[tuple[int, int, bool]], offset: int) -> _Intro | None:
    """A paragraph that ends introducing the next one ("He said:", "Lord Walney told The Telegraph:", "ABC
    reports:"), or a heading of one's speech ("RAYE's acceptance speech for Song of the Year")."""
    tail_start = spans[-1][1] + 1 if spans else 0
    tail = masked[tail_start:].rstrip()
    heading = None if spans else _SPEECH_HEADING.match(tail)
    if heading is not None:
        return _Intro(heading.group("spk"), "said", offset)
    if not tail.endswith(":"):
        if all(len(par[qs:qe].split()) <= 4 for qs, qe, _ in spans):  # no quote, or short terms only ("What
            return _spoke_last(masked.rstrip(), offset)  # “go after them” means is left to …, since Trump spoke …")
        return None
    medium = _MEDIUM_REPORTS.search(tail)
    if medium is not None:
        return _Intro(medium.group("spk"), "reports", offset + tail_start + medium.start())
    speaking = _with_speaker(tail)
    if speaking is not None:
        return _Intro(speaking.group("spk"), "said", offset + tail_start + speaking.start())
    cut = max(tail.rfind(". "), tail.rfind("? "), tail.rfind("! "))
    sentence = tail[cut + 2 if cut >= 0 else 0:]
    m = _before_intro(sentence)
    spk = _subject(m.group("spk")) if m else _intro_subject(sentence[:-1])
    issuer = _ISSUER_COLON.match(sentence) if not spk else None
    spk = spk or (issuer.group("spk") if issuer else None)  # "The Democratic National Committee issued a brief
    # statement shortly after Rubio's speech:"
    if not spk:
        return None
    return _Intro(spk, m.group("cue") if m else "said", offset + tail_start + (cut if cut >= 0 else 0))


def _spoke_last(par: str, at: int) -> _Intro | None:
    """A paragraph with no quote whose last sentence tells of a person speaking, judging or wishing ("Trump spoke
    only in evasive bromides during the interview.", "Valastro praised Christie's leadership.", "X wants to see …"),
    or that is one short sentence about a "he" or a "she": that person, whose words a paragraph of quote alone after
    it gives; else a named person its last sentence is about ("Draper wrapped up his win in two hours."), for a
    paragraph of quote alone in the first person only."""
    cut = _last_sentence_start(par.rstrip())
    sentence = par[cut:] if cut >= 0 else par
    if cut < 0 and _PRONOUN_SENTENCE.match(sentence):  # "She has already been forced to sell her field.": a
        return _Intro(sentence.split()[0].lower(), "said", at, told_of=True)  # paragraph of one sentence on her
    if not (SPEECH_WORD.search(sentence) or STANCE_WORD.search(sentence) or _MIND_WORD.search(sentence) or
            _DIFFERED.search(sentence)):
        spk = sentence_subject(sentence) if sentence.rstrip()[-1:] in ".!?" else None  # (not a photo's caption)
        if not _a_person(spk) or spk.lower() in _PRONOUNS:
            return None
        return _Intro(spk, "said", at + max(cut, 0), told_of=True, in_own_words=True)
    clause = _SPEAKING_CLAUSE.search(sentence)  # "…, since Trump spoke only in evasive bromides.": the clause's
    main = sentence[:clause.start()] if clause else sentence
    speaks_in_main = SPEECH_WORD.search(main) or STANCE_WORD.search(main) or _MIND_WORD.search(main)
    spk = sentence_subject(main if speaks_in_main or clause is None else clause.group("clause"))
    if not _a_person(spk):
        return None
    return _Intro(spk, "said", at + max(cut, 0), told_of=True)


# A sentence of someone taking the other side, whose words follow ("Lee disagreed.", "Lee was not so sure.")
_DIFFERED = re.compile(r"\b(?:disagreed|disagrees|begged\s+to\s+differ|(?:was|is)\s+(?:not\s+so\s+sure|unconvinced|"
                       r"unimpressed|more\s+cautious|less\s+sure|less\s+convinced)|(?:hit|hits|fired|fires)\s+back)\b")
# A paragraph of one short sentence about a "he" or a "she"
_PRONOUN_SENTENCE = re.compile(r"(?:He|She)\s+[a-z][^.!?\"\u201c\u201d]{5,120}[.!?]\s*$")


# A mind's stance, before a paragraph of one's words: "X wants to see the corridor stretching to Angola.", "X is
# upbeat about Cruz's chances"
_MIND_WORD = re.compile(r"\b(?:wants?|wanted|hopes?|hoped|wish(?:es|ed)?|expects?|expected|(?:is|was|remains?|"
                        r"remained)\s+(?:\w+ly\s+)?(?:upbeat|optimistic|hopeful|confident|concerned|critical|"
                        r"sceptical|skeptical|adamant|unconvinced|unimpressed|blunt|defiant|worried|pessimistic))\b")


# A clause of reason or time at a sentence's end, which may be the one telling of someone speaking
_SPEAKING_CLAUSE = re.compile(r",?\s+(?:since|because|as|when|after|while)\s+(?P<clause>[^,;:]{3,200})[.!?]?\s*$")


# A short sentence of a speaker and any verb, introducing the next paragraph: "17-year-old Jared Potts echoed:"
_SPEAKER_VERB = re.compile(r"(?P<spk>[^,;:]{1,60}?)\s+(?:(?:also|then|later)\s+)?[a-z]{3,}(?:ed|s)")


def _intro_subject(sentence: str) -> str | None:
    """Who a sentence ending on a colon introduces, when no speech verb ends it: the subject of its last speech
    verb ("X, a Republican who voted for JFK, said that given the candidates on both sides:"; a participle's is the
    sentence's: "The Times confirmed it, reporting:"), the name opening it, or a speaker before a lone verb."""
    cues = list(_BEFORE_ANY.finditer(sentence))
    if cues:
        pre = sentence[:cues[-1].start()]
        spk = sentence_subject(pre) if cues[-1].group("cue").endswith("ing") else _subject(pre)
        if spk:
            return spk
    lone = _SPEAKER_VERB.fullmatch(sentence.strip())
    return sentence_subject(sentence) or (_subject(lone.group("spk")) if lone else None)


def _join(prev: Quote, inner: str) -> None:
    """Append ``inner`` to the quote it continues ("A," X said. "B.")."""
    prev.joined_at.append(len(prev.text))
    if prev.text.endswith(",") or (inner[:1].islower()):
        prev.text = prev.text.rstrip(",") + " " + inner
    elif prev.text[-1:] in ".!?\u2026":
        prev.text = prev.text + " " + inner
    else:
        prev.text = prev.text + ". " + inner if inner[:1].isupper() else prev.text + " " + inner


class _Around(NamedTuple):
    """The masked text around one quote of a paragraph, and where it is in the paragraph."""

    par: str  # the paragraph (unmasked)
    after: str  # from the quote's end to the next quote
    after_start: int
    before: str  # the text before the quote in its sentence (since the previous quote)
    before_start: int
    prev_sentence: str  # the whole sentence before the quote's sentence, when the quote opens a sentence
    quote: str  # the quote's own text


# A sentence opening on a time or place phrase before a quote: "Later in the afternoon, “…”"
_OPENING_ADVERBIAL = re.compile(r"\s*(?:Later|Earlier|Then|Afterwards|Now|Still|Today|Yesterday|In|On|At|By|During|"
                                r"After|Before)(?:\s+[a-z][\w\-]*){0,5},\s*")


def _around(par: str, masked: str, spans: list[tuple[int, int, bool]], k: int) -> _Around:
    qs, qe, closed = spans[k]
    after_start = qe + 1 if closed else qe
    after_end = spans[k + 1][0] - 1 if k + 1 < len(spans) else len(par)
    before_start = spans[k - 1][1] + 1 if k > 0 else 0
    before = masked[before_start:max(before_start, qs - 1)]
    prev_sentence = ""
    # Only the last sentence of the text before the quote can introduce it.
    cut = _last_sentence_start(before)
    if cut >= 0:
        if not before[cut:].strip() or _OPENING_ADVERBIAL.fullmatch(before[cut:]):
            earlier = before[:cut].rstrip()
            prev_sentence = earlier[max(_last_sentence_start(earlier), 0):]
        before, before_start = before[cut:], before_start + cut
    elif not before.strip() and k == 0:
        prev_sentence = ""
    quote = re.sub(r"(?<=[\s,])'$", "", masked[qs:qe].rstrip())  # "better. ''": the closing mark's first half
    return _Around(par, _after_across_titles(masked, spans, k, after_start, after_end), after_start, before,
                   before_start, prev_sentence, quote)


def _after_across_titles(masked: str, spans: list[tuple[int, int, bool]], k: int, start: int, end: int) -> str:
    """The text after quote ``k`` up to the next quote, or across a title in the attribution (", Randy Barbato, an
    executive producer of “Drag Race,” said."), its marks blanked so that the attribution reads on."""
    j = k + 1
    while j < len(spans) and not re.search(r"[.!?]\s", masked[start:spans[j][0]]) and \
            _title_words(masked[spans[j][0]:spans[j][1]], _WORK_OF.search(masked, start, spans[j][0]) is not None):
        end = spans[j + 1][0] - 1 if j + 1 < len(spans) else len(masked)
        j += 1
    text = list(masked[start:end])
    for qs, qe, _ in spans[k + 1:j]:
        for at in range(max(qs - 1, start), min(qe + 2, end)):
            if text[at - start] in ALL_DOUBLE or text[at - start] in (".!?;:'" if at < qe else "'"):
                text[at - start] = " "  # its marks and the stops inside it ("Bettie Page: The Life of …")
    return "".join(text)


# A word of a title ("Drag Race", "X-Men", "Catching Fire")
_TITLE_WORD = re.compile(r"\w[\w'\u2019/\-]*")
# The maker of a work named next: "co-author of “Bettie Page: The Life of a Pinup Legend,”"
_WORK_OF = re.compile(r"\b(?:author|co-author|writer|director|producer|creator|star|host|editor)\s+of\s*"
                      r"[\"\u201c]?\s*$")


def _title_words(quote: str, of_a_work: bool = False) -> bool:
    """Whether a quote reads as a title: one to six words (twelve after "author of" and the like), capitalised but
    the small ones ("Drag Race,")."""
    words = _TITLE_WORD.findall(quote)
    return 1 <= len(words) <= (12 if of_a_work else 6) and words[0][:1].isupper() and \
        all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _TITLE_GLUE for w in words)


# Someone else's words the speaker's sentence introduces, right before the quote: "… that Donald Trump told him:",
# "… said the gunman shouted:", "… recalled Kenny Dalglish telling him:", "… was asked by presenter Emily Maitlis:",
# "… her son's last words to her were:", "… her daughter's final text message read:"
_NOT_INNER = r"(?!(?:had|has|have|was|were|would|will|once|then|later|kept|used|always|never|often|only)\b)"
_INNER_SPEAKER = (rf"(?P<inner>(?:the|a|an|his|her|their|my|its)\s+(?:{_NOT_INNER}[a-z][\w\-]*\s+){{0,2}}"
                  rf"{_NOT_INNER}[a-z][\w\-]*"
                  r"|(?:(?!that\b)[a-z][\w\-]*\s+){0,2}(?:[A-Z][\w'\u2019\-.\u2024]*\s+){0,3}"
                  r"[A-Z][\w'\u2019\-.\u2024]*"
                  r"|reporters|journalists|police|officers|detectives|prosecutors|investigators|officials|lawmakers)")
_TO_WHOM = r"(?:\s+(?:to\s+)?(?:him|her|them|me|us|police|officers|reporters))?"
# ... or a described one, right before the quote: "emailed a colleague, “…”" (not "told the truth in his “…”")
_TO_DESCRIBED = r"\s+(?:a|an|the|his|her|their)\s+[a-z]+"
_WHERE_ABOUT = r"(?:\s+(?:about|at|in|on|during|after|before|over)\s+[^,.;:!?\"\u201c\u201d]{1,30}?)?"
_QUOTE_NEXT = r"\s*[,:]?\s*[\"\u201c]?\s*$"
_TOLD_WITHIN = re.compile(
    rf"(?:\bthat\s+|\b(?:said|says|recalled|recalls|remembered|remembers|recounted|recounts|testified|wrote|writes)"
    rf"(?:\s+how)?\s+|\b(?:told|tells)\s+(?:the\s+)?[a-z]+\s+){_INNER_SPEAKER}\s+(?:(?:had|has|once|then|later|would|used\s+to|kept|always|often)"
    rf"\s+){{0,3}}"
    r"(?P<verb>told|shouted|yelled|screamed|wrote|texted|radioed|emailed|messaged|asked|warned|whispered|cried|said|says|tells|tell|say|"
    r"telling|saying|warning|asking|shouting|yelling|screaming|whispering|crying)"
    rf"(?:{_TO_DESCRIBED}|{_TO_WHOM}{_WHERE_ABOUT}){_QUOTE_NEXT}")
# Time words before the one who spoke: "said Thursday President Biden had told him"
_TIME_LEAD = re.compile(rf"^(?:(?:(?:on|last|this|earlier|later)\s+)?(?:{DAYS}|Yesterday|Today|Earlier|Later|week|"
                        r"month|year|night)\s+|only\s+|even\s+|also\s+)+")
_ASKED_BY = re.compile(rf"\b(?:was|were|been|being|is|are)\s+(?:once\s+)?(?P<verb>told|asked|warned)\s+by\s+"
                       rf"{_INNER_SPEAKER}"
                       rf"{_WHERE_ABOUT}{_QUOTE_NEXT}")
_WORDS_WRITTEN = re.compile(
    rf"{_INNER_SPEAKER}['\u2019]s\s+(?:(?:last|final|first|exact|parting|dying)\s+)?(?:(?:text|private|farewell)\s+)?"
    r"(?:words|message|text|note|letter|post|tweet|e-?mail)"
    rf"(?:(?:\s+to)?{_TO_DESCRIBED}|{_TO_WHOM})\s+(?P<verb>were|was|read|reads|said|says){_QUOTE_NEXT}")
_SENT_BY = re.compile(rf"\b(?:a|the)\s+(?:message|text|letter|note|e-?mail|post|tweet)\s+(?:that\s+)?{_INNER_SPEAKER}"
                      rf"\s+(?:had\s+)?(?P<verb>sent|wrote|posted|texted)(?:\s+to\s+[^,.;:!?\"\u201c\u201d]{{1,30}}?)?"
                      rf"{_QUOTE_NEXT}")
# Words sent from someone and received by the speaker: "received a letter from Tom Hart saying “…”"
_SENT_FROM = re.compile(r"\b(?:a|an|the)\s+(?:[\w\-]+\s+)?(?:message|text|letter|note|e-?mail|card|call|voicemail)\s+"
                        rf"from\s+{_INNER_SPEAKER}(?:\s+to\s+[^,.;:!?\"\u201c\u201d]{{1,30}}?)?\s*,?\s+"
                        rf"(?P<verb>saying|(?:that|which)\s+(?:said|read)|reading){_QUOTE_NEXT}")
# Someone's post the speaker replied to or shared: its words are not the speaker's ("replied to a post by a
# far-right account that said “…”", "shared a post from a supporter that read:")
_POST_SAID = re.compile(r"\b(?:(?:replied|replying|responded|responding)\s+to|shared|sharing|reshared|retweeted|"
                        r"retweeting|reposted|reposting|amplified)\s+(?:a|the|an)\s+(?:[\w\-]+\s+){0,2}"
                        r"(?:post|tweet|message|comment|video|meme)\b[^.!?\"\u201c\u201d]{0,60}\b(?:that|which)\s+"
                        rf"(?:said|read|reads|says|stated|claimed){_QUOTE_NEXT}")
# A question put to the speaker: "Asked “Are you a racist?”, Farage replied" (the asker's, not named)
_ASKED_BEFORE = re.compile(r"(?:^|[,;]\s+|\b(?:when|after|being)\s+)[Aa]sked\s*[,:]?\s*[\"\u201c]?\s*$")
# A statement someone reads for others: "A statement from his family, read by their lawyer Ben Crump, said:",
# "Reading a statement on behalf of the family, Detective Inspector Sarah Cole said:"
_READ_BY = re.compile(r"\bread\s+(?:out\s+|aloud\s+)?by\s+(?:[\w\-.'\u2019]+\s+){0,6}$")
_STATEMENT_OWNER = (r"(?P<inner>(?:the|his|her|their|a|an)\s+[^,.;:!?\"\u201c\u201d]{2,40}?|"
                    r"[A-Z][^,.;:!?\"\u201c\u201d]{1,40}?)")
_READ_FOR = re.compile(rf"\b(?:statement|letter|message)\s+(?:on\s+behalf\s+of|from)\s+{_STATEMENT_OWNER}\s*,\s+read\b")
_OWNER_END = re.compile(r"\s+(?:outside|at|in|on|after|before|during|to)\s")
_KIN_OWNER = (r"(?P<kin>(?:the|his|her|their)\s+(?:[\w'\u2019\-]+\s+){0,2}(?:family|families|relatives|parents|mother|"
              r"father|wife|husband|widow|widower|son|daughter|brother|sister|children))")
_READ_OUT = re.compile(rf"(?:out\s+|aloud\s+)?(?:a|the)\s+(?:[\w\-]+\s+)?(?:statement|letter|message)\s+"
                       rf"(?:on\s+behalf\s+of\s+{_STATEMENT_OWNER}(?=\s*[,:]|\s+(?:outside|at|in)\b)|"
                       rf"from\s+{_KIN_OWNER}(?![\w'\u2019]))")
# ... as the speech act itself: opening the sentence, after the speaker and a comma, or its verb before a colon (not
# "After reading …", "who read … earlier,", "said she had read …")
_READING_LEAD = re.compile(r"^\s*Reading\s+|,\s+reading\s+|\band\s+reading\s+|,\s+who\s+(?P<who>read)\s+|"
                           r"(?<!\bhad\s)(?<!\bhas\s)(?<!\bwho\s)\b(?P<verb>read)\s+")


_READ_PLACE = r"(?:\s+(?:in|at|outside|to)\s+[^,:;.!?]{1,30})?"
_READ_TO_COLON = re.compile(rf"{_READ_PLACE}(?:\s*,\s*(?:saying(?:\s+in\s+part)?|(?:which|that)\s+"
                            r"(?:said|says|read|reads|stated|states)))?\s*:\s*[\"\u201c]?\s*")
# "…, who read a statement on behalf of the family, said:" (not "…, later told reporters:": their own words)
_WHO_READ_SAID = re.compile(rf"{_READ_PLACE}\s*,\s+(?:said|says|stated|added)\s*[:,]?\s*[\"\u201c]?\s*")


def _read_for(before: str) -> re.Match | None:
    """The statement the speaker reads for others in the sentence before a quote ("Reading a statement on behalf of
    the family, …", "…, reading a statement from his parents, said:", "X read a letter from his mother in court:",
    "…, who read a statement on behalf of the family, said:")."""
    for lead in _READING_LEAD.finditer(before):
        out = _READ_OUT.match(before, lead.end())
        if out is None or lead.group("who") and not (out.group("inner") and
                                                     _WHO_READ_SAID.fullmatch(before, out.end())):
            continue  # (", who read a statement from the family earlier, told reporters": their own words)
        if not lead.group("verb") or _READ_TO_COLON.fullmatch(before, out.end()):
            return out
    return None


def _told_within(par: str, qs: int, attr: _Attribution) -> _Attribution:
    """The attribution of a quote whose sentence says someone else said it ("Michael Cohen testified that Donald
    Trump told him: “…”", "Patel said the gunman shouted: “…”", "Kemi Badenoch's claim that …", a statement read
    on a family's behalf, a question put to the speaker): that someone when the text names or describes them; a
    speaker phrase of "" (someone the text does not name) when it does not; else ``attr``."""
    before = re.split(r"(?<=[.!?])\s+(?=[A-Z\"\u201c])", par[:qs])[-1]
    if _ASKED_BEFORE.search(before) and attr.text and par.find(attr.text, qs) >= 0:
        return attr._replace(speaker="")  # "Asked “Are you a racist?”, Farage replied"
    reading = _read_for(before)
    if reading is not None:  # "Reading a statement on behalf of the family, …"
        return attr._replace(speaker=_OWNER_END.split(reading.group("inner") or reading.group("kin"))[0])
    at = before.rfind(attr.speaker.split()[-1]) if attr.speaker.strip() else -1
    if at >= 0 and _READ_BY.search(before, 0, at):  # "A statement from his family, read by their lawyer Ben Crump,"
        owner = _READ_FOR.search(before, 0, at)
        return attr._replace(speaker=_OWNER_END.split(owner.group("inner"))[0] if owner else "")
    start = par.rfind(attr.text[:30], 0, qs) if attr.text else -1
    if start < 0:
        return attr
    stretch = start + len(attr.speaker) if attr.text.startswith(attr.speaker) else start
    if _POST_SAID.search(par, stretch, qs):
        return attr._replace(speaker="")
    inner = next((m for rx in (_TOLD_WITHIN, _ASKED_BY, _WORDS_WRITTEN, _SENT_BY, _SENT_FROM)
                  if (m := rx.search(par, stretch, qs)) is not None), None)
    who = _TIME_LEAD.sub("", inner.group("inner")) if inner is not None else ""
    if not who or who.lower() in _PRONOUNS:
        return attr
    if who.split()[-1] == attr.speaker.split()[-1]:
        return attr  # "Southgate said Harry Kane had told him:" as found
    return attr._replace(speaker=who, cue=inner.group("verb"))  # type: ignore[union-attr]


class _Attribution(NamedTuple):
    speaker: str  # the speaker phrase, as written
    cue: str  # the speech verb
    text: str  # the attribution as written (", said X" without the comma, "X said:")
    own: bool  # the quote's own: not an introduction the previous quote of the paragraph already used
    end: int  # where in the paragraph the quote and this attribution end
    parsed: bool = False  # found in the parse (speech_parse), not by a rule
    not_of: str = ""  # a name the speaker phrase does not stand for ("As Kim noted, the commissioner": not Kim)


# The end of a clause whose speech verb introduces the quote: "he remarked to his deputy, Bill Shine, “…”", "He told
# the donors: “…”", "The prime minister told MPs:"
_SPEAKING_CLAUSE_END = re.compile(
    r"(?:^|[.;]\s+|,\s+|\b(?:and|but|when|as|then|later)\s+|\b(?:Then|Later|Afterwards|Finally)\s+)"
    r"(?:[Hh]e|[Ss]he|[Tt]hey|I|[Ww]e|"  # a pronoun, a name after up to three words of title, a person's description
    r"(?:[A-Za-z][\w\-]*\s+){0,3}?[A-Z][\w'\u2019\-.\u2024]+(?:\s+[A-Z][\w'\u2019\-.\u2024]+){0,3}|"
    r"(?:A|An|The|One)\s+(?:[\w\-]+\s+){0,4}?(?P<head>[a-z][\w\-]+))"
    r"(?:,\s+[^,.;:!?\"\u201c\u201d]{1,60},)?\s+(?:[a-z]+ly\s+)?(?:(?:then|later|also)\s+)?"
    rf"(?:{_CUE_WORDS})\b[^.!?;:\"\u201c\u201d]{{0,80}}[,:]\s*$")
_ACCORDING_NEXT = re.compile(r"\s*,?\s+according\s+to\b")


def _source_of_report(a: _Around) -> bool:
    """Whether an "according to" after the quote names who told of it, not its speaker: the quote's own sentence
    introduces it by a speech verb with a subject ("he remarked to his deputy, “…,” according to an executive who
    was in the room": his words)."""
    clause = _SPEAKING_CLAUSE_END.search(a.before) if _ACCORDING_NEXT.match(a.after) else None
    head = clause.group("head") if clause is not None else None
    return clause is not None and (head is None or head in ROLE_WORDS or head in SPEAKER_NOUNS or
                                   head in EPITHET_NOUNS or head in _PERSON_WORDS)  # (not "The plan adds")


# The pronoun a person named as an object ("recalls him saying", "shows her saying") is as the speaker
_SUBJECT_PRONOUN = {"him": "he", "her": "she"}
# Right after a quote, someone remembering another saying it: "she recalls him saying", "he remembered her telling him"
_RECALLS_SAYING = re.compile(r"\s*(?:he|she|they|I|[A-Z][\w'\u2019\-]*(?:\s+[A-Z][\w'\u2019\-]*)?)\s+"
                             r"(?:recalls|recalled|remembers|remembered)\s+(?P<spk>him|her)\s+"
                             r"(?P<cue>saying|telling|asking|shouting|yelling)\b")


# The owner of a few words quoted as a noun, right after them: "the “political revolution” of Senator Bernie Sanders"
_OWNER_AFTER = re.compile(r"['\u2019]?\s*of\s+(?P<spk>(?:(?:[A-Z][a-z]{1,5}\.|[A-Z][a-z]+)\s+)?[A-Z][\w'\u2019\-]*"
                          r"(?:\s+[A-Z][\w'\u2019\-]*){0,2})(?![\w'\u2019\-])")


# ... a person's name: a title or a given name before a surname
_PERSON_OWNER = re.compile(r"(?:(?:Senator|Sen\.|President|Governor|Gov\.|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Rep\.)\s+"
                           r"|(?=(?P<given>[A-Z][a-z]+)\s+[A-Z]))")
_COINED_BY = re.compile(r"[,\s]*(?:a|the)\s+(?:term|phrase|word|expression|label|nickname)\s+(?:first\s+)?"
                        r"(?:coined|used|popularised|popularized)\s+by\s+(?P<spk>(?:[a-z][\w\-]*\s+){0,3}[A-Z][\w'\u2019\-]*"
                        r"(?:\s+[A-Z][\w'\u2019\-]*){0,2})")

# A passive verb of naming before the quote and its agent after: "Hart was called “…” by Lee", "was branded “…” by
# his rival, Bob Lee"
_PASSIVE_NAMING_END = re.compile(r"\b(?:was|were|been|being|is|are)\s+(?:[a-z]+ly\s+)?(?P<cue>called|described\s+as|"
                                 r"branded|labell?ed|dubbed|nicknamed|denounced\s+as|derided\s+as|dismissed\s+as)\s*$")
_BY_AGENT = re.compile(r"\s*by\s+(?P<spk>(?:(?:his|her|their|the|a|an)\s+(?:[a-z][\w\-]*\s+){0,2})?[A-Z][\w'\u2019\-]*"
                       r"(?:\s+[A-Z][\w'\u2019\-]*){0,2}|(?:his|her|their|the|a|an)\s+(?:[a-z][\w\-]*\s+){0,2}"
                       r"[a-z][\w\-]*|(?P<plural>[a-z]+s)\b)(?:,\s+(?P<named>[A-Z][\w'\u2019\-]*(?:\s+[A-Z][\w'\u2019\-]*){1,2})\b)?")


def _named_by(a: _Around) -> _Attribution | None:
    """Words a passive verb of naming gives, and the agent after the quote: "Hart was called “…” by Lee" (Lee's),
    "was branded “…” by his rival, Bob Lee" (the name in apposition); None otherwise."""
    passive = _PASSIVE_NAMING_END.search(a.before)
    agent = _BY_AGENT.match(a.after) if passive is not None else None
    if agent is None or passive is None or agent.group("plural") and not speakers_in_plural(agent.group("plural")):
        return None  # (people in the plural only: "by fans", not "by means of")
    return _Attribution(agent.group("named") or agent.group("spk"), passive.group("cue"), agent.group().strip(" ,."),
                        True, a.after_start + agent.end())


def _said_after(a: _Around, prev_attr_end: int) -> _Attribution | None:
    """Right after the quote: ", said X", ", X told Reuters on Thursday", ", Mr. Trump, 77, said"; not the next
    sentence's subject after a quote its sentence introduced ("X told New York, “….” Another contestant, Y, told");
    a written thing's words that someone reports (", the note read, according to police."): the phrase "", no one
    the text names."""
    owner = _OWNER_AFTER.match(a.after) if re.search(r"\bthe\s*['\u2018]?$", a.before) and len(a.quote.split()) <= 6 \
        else _COINED_BY.match(a.after) if len(a.quote.split()) <= 6 else None
    person = _PERSON_OWNER.match(owner.group("spk")) if owner is not None else None
    if owner is not None and owner.re is _OWNER_AFTER and (
            person is None or person.group("given") and first_name_gender(person.group("given")) == "?"):
        owner = None  # (a body's or a place's: "the “expedited schedule” of SANDF", "the “third pillar” of Western …")
    if owner is not None:  # "the “political revolution” of Senator Bernie Sanders", "“…,” a term coined by legal
        # scholar Richard Albert": his words
        return _Attribution(owner.group("spk"), "of" if owner.re is _OWNER_AFTER else "coined",
                            owner.group().strip(" ,."), True, a.after_start + owner.end())
    named_by = _named_by(a)
    if named_by is not None:  # "Hart was called “…” by Lee": Lee's words
        return named_by
    credit = _CREDIT_LINE.fullmatch(a.after.replace("\u2024", ".")) if a.quote.rstrip()[-1:] in ".!?" and \
        not a.par[:a.before_start + len(a.before)].strip() and a.after_start + len(a.after) >= len(a.par.rstrip()) \
        else None
    if credit is not None:  # "“…” – Jane Doe" alone in its paragraph: a credit line on the quote's own line (not a
        # review's byline after a sentence's quote: "as the artist tells us, “…”—Jackson Arn")
        return _Attribution(credit.group("spk"), "said", credit.group().strip(" ,."), True,
                            a.after_start + len(a.after))
    written = _WRITTEN_ACCORDING.match(a.after)
    if written is not None:
        return _Attribution("", written.group("cue"), written.group().strip(" ,."), True, a.after_start + written.end())
    recalled = _RECALLS_SAYING.match(a.after)
    if recalled is not None:  # "“…,” she recalls him saying": his words, as she remembers them
        return _Attribution(_SUBJECT_PRONOUN[recalled.group("spk").lower()], recalled.group("cue"),
                            recalled.group().strip(" ,."), True, a.after_start + recalled.end())
    inverted = next((m for m in (r.match(a.after) for r in _INVERTED_SOURCE) if m is not None), None)
    if inverted is not None and (spk := _subject(inverted.group("spk"))):  # "“…” was the reply from X."
        return _Attribution(spk, inverted.group("cue"), inverted.group().strip(" ,."), True,
                            a.after_start + inverted.end())
    if _source_of_report(a):
        return None
    if _ends_sentence(a.quote) and re.search(r"[,:]\s*$", a.before) and \
            (_BEFORE_ANY.search(a.before) or _CALLED_OUT.search(a.before)):
        return None  # "an employee ... had yelled, “Hide, she's got a gun!” Vanore said": the employee's words
    if _ends_sentence(a.quote) and (_NEXT_SENTENCE_OPENS.match(a.after) or
                                    a.after.lstrip()[:1].isupper() and not re.search(r"[.!?]", a.after)):
        return None  # "…. But one woman … told NY1 that …", "…. Paul Browne had said, “…”": the next sentence's
    if _words_of_opening_clause(a):
        return None  # "When Hart described the deal as “…,” Doe laughed": Hart's words, the clause's object
    m = _AFTER_QUOTED_AS.match(a.after) or _AFTER_AS.match(a.after) or _AFTER_CUE_FIRST.match(a.after) or \
        _AFTER_SPK_FIRST.match(a.after) or _AFTER_LONG_APPOS.match(a.after) or \
        (_AFTER_ANY_VERB.match(a.after) if a.quote.rstrip()[-1:] in ",?!" else None)
    if m and m.re is _AFTER_LONG_APPOS and re.match(r"\s+of\s", a.after[m.end("spk"):]) and (
            " " not in m.group("spk").strip() or m.group("spk").split()[-1].lower() in ROLE_WORDS):
        return None  # ("Secretary of State Mike Pompeo, who …, said": no name before "of")
    if m and re.match(r"asked\s+[a-z]", m.group("cue")) and a.quote.rstrip(" '\u2019")[-1:] != "?":
        return None  # "“…?” Trump asked reporters": his question; not "“….” Smith asked the man to leave"
    if m and re.match(r"(?:(?:has|have|had)\s+)?started\b", m.group("cue")) and (
            _STARTED_ON.search(m.group("cue")) or _a_thing(m.group("spk"))):
        return None  # "“…?” Rumours started to spread", "The strike started at dawn", "The debate started.": a thing
        # that starts, not one who starts speaking ("“…,” Hannity started", "Smith started to say")
    if m and m.group("cue") == "according to" and _SAID_BEFORE.search(a.before):
        return None  # "The minister said the plan was “…”, according to the BBC": the minister's, the BBC reporting
    if m and re.match(r"(?:began|started)\s+to\s+(?!(?:say|speak|explain|tell|ask|read|recite|sing|chant|shout|yell|"
                      r"scream)\b)", a.after[m.start("cue"):]):
        return None  # "“…,” as her family began to cry": no words of theirs
    if m and _COMMA_ONLY_CUE.match(m.group("cue")) and a.quote.rstrip(" '\u2019")[-1:] not in ",?!":
        return None  # "“….” Apple shares on Monday fell", "The motto sums up": a sentence of its own
    if m and m.re is _AFTER_SPK_FIRST and _ends_sentence(a.quote) and _BEFORE_ANY.search(m.group("spk")):
        return None  # "“….” Owen says fire departments responded": the next sentence reports other words
    # (not an opening clause with no subject before a colon: "Recalling the night: “…”", "Asked about it: “…”")
    own_cue = None if re.fullmatch(r"\s*(?:[A-Z][a-z]+ing|Asked|Pressed|Questioned)\b[^.!?:;,\"\u201c\u201d]*:\s*",
                                   a.before) and not a.par[:a.before_start].strip() else SPEECH_WORD.search(a.before)
    # (only when the clause opens the paragraph: after "Senator Ruiz won the vote. Asked about it: “…”" the words
    # are the previous sentence's subject's, not the next sentence's speaker's)
    if m and _ends_sentence(a.quote) and own_cue and \
            re.search(r"\s(?:he|she|they|we|I)(?=[\s,]|$)", m.group("cue")):
        return None  # "Madigan asserted that “… is broken.” Hillary Clinton said Wednesday she, too, wants": a
        # sentence of its own words after a quote its own sentence attributes
    if m and a.quote.rstrip(" '\u2019")[-1:] == "." and _REPORTS_THAT.match(a.after, m.start("cue")):
        return None  # "“…. ” Mark Pinder told The Canadian Press that police …": a sentence with words of its own
    if m and m.re is _AFTER_CUE_FIRST:  # the phrase runs to the end: trim_phrase tells role from time and place
        spk = _subject(a.after[m.start("spk"):m.end()])
        named = _subject(m.group("spk")) if m.group("appos") else None
        if named and (spk is None or not split_speaker(spk).is_person):
            spk = named  # ", said Smith, adding that ...", ", said one young man, a helmet covering his hair"
        given = _NAME_GIVEN_LAST.match(a.after, m.end()) if not m.group("appos") else None
        name = given.group("name") if given else ""
        if name and spk and not _looks_name(spk) and not _GO_BETWEEN_FOR.search(spk) and \
                split_speaker(name).is_person and not is_place_name(name) and not names_the_object(spk, name):
            spk = name  # "said the Democratic leader of the Senate, Justin Alfond.": the name its
            # description (past "of ...", which reads as a circumstance) is given
    else:
        spk = _subject(m.group("spk")) if m else None
        named = _subject(m.group("appos")) if m and m.group("appos") else None
        if named and spk and split_speaker(named).is_person and not names_the_object(spk, named) and \
                not (is_place_name(named) or _IN_PLACE_END.search(f"{spk}, ")) and (
                not split_speaker(spk).is_person or _looks_name(named) and not _looks_name(spk)):
            spk = named  # ", the deputy's mother, Rosa Ortiz, said": the name the description is given (also ",
            # Epstein's neighbor in both Florida and New York, Donald Trump, said", whose description ends on a place;
            # but "Wray Grimaldi of the University of Otago in Dunedin, New Zealand, said": the place's country)
    if not m or not spk:
        return None
    start, end = a.after_start + min(m.start("cue"), m.start("spk")), a.after_start + m.end()
    return _Attribution(spk, m.group("cue"), a.par[start:end].strip(" ,"), True, end)


# A name closing a sentence in apposition to the description before it: ", Justin Alfond."
# (not one speaking for the person named: "a spokeswoman for the governor, Andrew Cuomo.")
_GO_BETWEEN_FOR = re.compile(r"\s(?:for|to)\s|\b(?:spokes\w*|aides?|lawyers?|attorneys?|advis[eo]rs?|"
                             r"representatives?|assistants?|secretary)\s+(?:of|at|in)\s")
_NAME_GIVEN_LAST = re.compile(r",\s+(?P<name>(?:[A-Z][\w'\u2019\-]*\s+){1,3}[A-Z][\w'\u2019\-]*)\s*(?:[.!?]\s*)?$")


# A sentence after a quote naming its source after a noun or a verb of saying: "“…” was the reply from Jane Doe.",
# "“…,” came the response from the club.", "“…,” read a statement from the White House.", "“…,” was how Doe put it."
_SOURCE = r"(?P<spk>[^.!?;:\"\u201c\u201d]{2,80}?)"
_SOURCE_END = _SOURCE + rf"(?:{_PARTY_IN_BRACKETS})?\s*[.!]?\s*$"  # ("from Harry Reid's office (D-Nev.).")
_INVERTED_SOURCE = (
    re.compile(r"^\s*,?\s*(?:was|came|is|comes)\s+(?:the|a|an)\s+(?:[a-z]+\s+)?(?P<cue>response|reply|answer|retort|"
               r"reaction|verdict|message)\s+from\s+" + _SOURCE_END),
    re.compile(r"^\s*,?\s*(?P<cue>read|reads|said|says)\s+(?:a|the)\s+(?:joint\s+)?(?:statement|letter|notice|"
               r"message|post|tweet)\s+(?:from|by|(?:issued|released|signed|posted)\s+by)\s+" + _SOURCE_END),
    re.compile(r"^\s*,?\s*(?:was|is)\s+how\s+" + _SOURCE +
               r"\s+(?P<cue>puts?\s+it|described\s+it|describes\s+it|summed\s+it\s+up|sums\s+it\s+up)\s*[.!]?\s*$"),
    # "“….” That was the verdict of Tom Hart.", "Those were the words of", "So said Tom Hart."
    re.compile(r"^\s*(?:That|This|Those|These|Such)\s+(?:was|were|is|are)\s+the\s+(?:[a-z]+\s+)?(?P<cue>verdict|"
               r"words|message|response|reply|reaction|warning|assessment|view)\s+(?:of|from)\s+" + _SOURCE_END),
    re.compile(r"^\s*So\s+(?P<cue>said|says|wrote|writes)\s+" + _SOURCE_END),
    # "“…,” was Hart's verdict."
    re.compile(r"^\s*,?\s*(?:was|is)\s+(?P<spk>[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,2})['\u2019]s?\s+(?:[a-z]+\s+)?"
               r"(?P<cue>verdict|response|reply|answer|retort|reaction|message|view|assessment|warning)\s*[.!]?\s*$"),
)
# "started" and a circumstance: a thing that starts ("Rumours started to spread", "The strike started at dawn"),
# but "Smith started to say"
_STARTED_ON = re.compile(r"\bstarted\s+(?!to\s+(?:say|speak|answer|explain|reply|respond)\b)\w")


def _a_thing(phrase: str) -> bool:
    """Whether a speaker phrase is a description whose head names no person ("The strike", "the debate")."""
    words = phrase.split()
    if len(words) < 2 or words[0].lower() not in ("the", "a", "an"):
        return False
    head = words[-1].lower()
    nouns = SPEAKER_NOUNS | ROLE_WORDS | EPITHET_NOUNS | ORG_NOUNS
    return not {head, head.removesuffix("s"), head.removesuffix("es")} & nouns


# Cues after a quote only when the quote ends on a comma, "?" or "!" (also nouns, or verbs of other things)
_COMMA_ONLY_CUE = re.compile(r"(?:(?:has|have|had|later|also|then|once|again)\s+)*(?:shares|shared|summari[sz]es|"
                             r"summari[sz]ed|sums\s+up|summed\s+up|reported|reports)\b")
# A written thing's words that someone reports: "“…,” the note read, according to police.", "“…,” one passage
# read, according to investigators."
_WRITTEN_ACCORDING = re.compile(
    r"^\s*,?\s*(?:it|(?:the|a|one|another|his|her|their|its)\s+(?:[\w\-]+\s+)?(?:note|letter|memo|message|text|post|"
    r"passage|sign|document|e-?mail|card|placard|banner|entry|page|tweet|caption|inscription|notebook|diary|journal))"
    r"\s+(?P<cue>read|reads|stated|states|said|says)\s*,\s+according\s+to\s+[^.!?\"\u201c\u201d]{1,80}[.!?]")
# The rest of a sentence of reported speech: "… that police ordered" (not "that night").
_REPORTS_THAT = re.compile(r"[^.!?\"\u201c\u201d]{0,60}?\bthat\s+(?!(?:day|night|morning|afternoon|evening|week|"
                           r"month|year|time)\b)\w")
# Words called out, given right after the verb: "had yelled, “…!”"
_CALLED_OUT = re.compile(r"\b(?:yelled|shouted|screamed|cried|chanted|whispered|yelling|shouting|screaming)\s*[,:]\s*$")
# A sentence after a quote that ends one, opening on a conjunction or a subordinate clause ("Even though she
# conceded to ..."): not the quote's attribution.
_NEXT_SENTENCE_OPENS = re.compile(r"\s*(?:But|And|Yet|However|Still|Meanwhile|Also|Then|Even\s+though|Although|"
                                  r"Though|When|Whenever|While|Whereas|After|Before|Because|If|Since|Once|Until|"
                                  r"Unless)\b")


def _ends_sentence(quote: str) -> bool:
    """Whether a quote's words end a sentence ("… the show.")."""
    return quote.rstrip(" '\u2019")[-1:] in ".!?"


_SAID_BEFORE = re.compile(r"\b(?:said|says|told|tells)\b")


def _said_late(a: _Around, prev_attr_end: int) -> _Attribution | None:
    """At the end of the quote's sentence: "... every day" for her views, Barger said. / ..., argued the NRDC. /
    ..., according to X." (not past the end of a sentence the quote ends: "“….” And fighting ..., according to
    Medical News Today." is a sentence of its own)."""
    if _ends_sentence(a.quote) and a.after.lstrip()[:1].isupper() or _source_of_report(a):
        return None
    m = _AFTER_LATE.match(a.after) or _AFTER_LATE_INVERTED.match(a.after) or _ACCORDING_LATE.match(a.after)
    if m is not None and m.re is _ACCORDING_LATE:
        m = _SAID_THEN_ACCORDING.match(a.after) or m  # "…,” police said …, according to the Times": police's
        if m.re is _ACCORDING_LATE and _SAID_BEFORE.search(a.before):
            return None  # "The minister said the plan was “…”, according to the BBC": the minister's, the BBC reporting
    spk = _subject(m.group("spk")) if m else None
    if not m or not spk:
        return None
    start, end = a.after_start + min(m.start("spk"), m.start("cue")), a.after_start + m.end()
    return _Attribution(spk, m.group("cue"), a.par[start:end].strip(" ,."), True, end)


def _words_of_opening_clause(a: _Around) -> bool:
    """Whether a quote ending on a comma is the object of a subordinate clause opening its sentence, with its own
    subject and verb of speech or naming ("When Hart described the deal as “…,” Doe laughed", "After Hart said the
    plan was “…,” Doe walked out"), so it is not the words of the one named after it."""
    clause = a.before[max(_last_sentence_start(a.before), 0):]
    if a.quote.rstrip(" '\u2019")[-1:] != "," or re.search(r"[,:;]\s*$", clause):
        return False  # ("When asked about it, “…,” Hart said": Hart's)
    if not re.match(r"\s*(?:After|When|While|As|Since|Because|Although|Though|Once)\s+[A-Z]", clause):
        return False  # (a subordinator, then its clause's subject by name)
    verb = _NAMING_VERB.search(clause) or _BEFORE_ANY.search(clause)
    return verb is not None and not re.search(r"[,;]", clause[verb.end():])


# A name, an apposition and the verb whose object is "what he called" next: "Todd Akin, running as …, defended"
_NAMED_DOER_OF_WHAT = re.compile(r"(?<![\w'\u2019.])(?P<name>[A-Z][\w'\u2019\-]*(?:\s+[A-Z][\w'\u2019\-]*){1,3})"
                                 r"(?:,\s+[^,.;:!?\"\u201c\u201d]{1,80},)?\s+(?:[a-z]+ly\s+)?[a-z]+(?:ed|s)\s+$")


def _words_of(a: _Around, prev_attr_end: int) -> _Attribution | None:
    """Words credited by the phrase right before them: "what the critic X calls", "in X's words", "X describes
    the film as", "For as X explained,"."""
    m = next(filter(None, (rx.search(a.before) for rx in _WORDS_OF)), None) or _CLAIM_THAT.search(a.before)
    opening = (_AS_OPENING.match(a.before) or _IN_WORDS_OPENING.match(a.before)) if m is None else None
    if opening is not None:
        own = _as_clause_speaker(a, opening)
        if own is not None:  # "As Kim noted, the commissioner has promised a “…”": the commissioner's
            return own
        if not _clause_verb_of_quote(a.before, opening.end("cue")):
            m = opening  # "As White House press secretary Josh Earnest explained, three taxes were postponed, “which
            # …”"; "As Garcia noted, the city has warned residents for years, but “nobody listens”": Garcia's
    if m and m.re is _CLAIM_THAT:
        if m.group("clause") == "to" and m.group("cue") not in _CLAIM_TO:
            return None  # "Smith's comments to reporters were “…”": no claim to do something
        lead, clause = a.before[:m.start()], a.before[m.end("clause"):]
        copula = _COPULA_END.search(clause)
        helper = _HELPER_END.search(clause)
        end = copula or helper
        inside = end is not None and _subject_only(clause[:end.start()], end.group())  # "that Cruz was “a liar”"
        if m.group("clause") == "to":  # "Smith's threat to quit was “…”": its verb is the infinitive
            inside = copula is None
        if re.search(r"\bas\s*$", a.before) or _NAMING_BEFORE.search(lead) and not inside:
            return None  # "… as “total fiction”", "called the BBC report that he had lied “a fabrication”"
        if _CLAUSE_TAKER_BEFORE.search(lead) and copula is not None and not inside:
            return None  # "Frazier said that Rubio's claim that Cruz lied is “simply not true”": Frazier's verdict
    owner = (m.group("spk") or m.group("medium") or m.group("by")) if m else None
    if owner and m is not None and m.re is not _CLAIM_THAT:
        owner = re.split(r"\bthat\s+", owner)[-1]  # "Smith said that Jones described it as “…”": Jones
    if owner and owner.split()[0].lower() in _MONTHS_AND_DAYS:
        return None  # "said in a June report that"
    spk = _subject(_OWNER_PRONOUN.get(owner.lower(), _POSSESSIVE_S.sub("", owner))) if owner else None
    if not m or not spk:
        return None
    doer = _NAMED_DOER_OF_WHAT.search(a.before, 0, m.start()) if m.re is _WORDS_OF[0] and spk in ("he", "she") \
        else None
    if doer is not None and split_speaker(doer.group("name")).is_person and \
            first_name_gender(doer.group("name").split()[0]) in ("?", "m" if spk == "he" else "f"):
        spk = doer.group("name")  # "when Todd Akin, running as …, defended what he called “…”": Akin, the doer of
        # the verb whose object "what he called" is (not one named before him)
    cue = m.group("cue") or m.group("report") or m.group("by_cue") if m.re is _CLAIM_THAT else m.group("cue")
    text = a.par[a.before_start + m.start():a.before_start + m.end()].strip(" ,:;")
    return _Attribution(spk, cue, text, True, a.after_start)


def _clause_verb_of_quote(before: str, at: int) -> re.Match | None:
    """The verb of speech, thinking or stance in ``before`` (from ``at``, past an "As X noted," opening) whose object
    the quote is: none when a new clause comes between ("…, but “nobody listens”", "called a timeout because “…”")."""
    verbs = [v for v in (_AS_CLAUSE_VERB.search(before, at), _AS_CLAUSE_STANCE.search(before, at),
                         _BEFORE_ANY.search(before, at)) if v is not None]
    verb = max(verbs, key=lambda v: v.start(), default=None)
    if verb is None or _NEW_CLAUSE.search(before, verb.end()):
        return None
    if _NEW_CLAUSE_ANY.search(before, verb.end()) and not _NAMING_VERB.search(verb.group()):
        return None  # "promised help and residents “are …”": a new clause (one noun joins an object only after a
        # naming verb: "called the levees and pumps “…”")
    return verb


def _as_clause_speaker(a: _Around, opening: re.Match) -> _Attribution | None:
    """After "As X noted,", the subject of the clause whose verb of speech, thinking or stance takes the quote as its
    object ("As Harris noted, the prime minister vowed to “…”", "As Ortiz noted, the mayor said last year that the
    budget was “…”": the prime minister, the mayor); None when no such verb does."""
    at = opening.end("cue")
    verb = _clause_verb_of_quote(a.before, at)
    comma = a.before.find(",", at)
    if verb is None or comma < 0 or comma > verb.start():
        return None
    clause = _AUXILIARY_END.sub("", a.before[comma + 1:verb.start()])
    if re.search(r"['\u2019]s?\s*$", clause):
        return None  # "the governor's promises of a “…”": a noun, no verb of the clause
    spk = _subject(clause) if clause.strip() else None
    if not spk:
        return None
    return _Attribution(spk, verb.group(), a.par[a.before_start + comma + 1:a.before_start + verb.end()].strip(),
                        True, a.after_start, not_of=opening.group("spk"))


# A new clause after a verb, before the quote: the quote is not its object
_NEW_CLAUSE = re.compile(r"(?:,\s*|\s)(?:but|while|because|although|though)\s|,\s*(?:and|yet|so)\s|"
                         r"\s(?:and|yet|so)\s(?!(?!(?:has|have|had|is|are|was|were|be|been|will|would|can|could|did|"
                         r"does|do|may|might|must|should|then|also|still|now|never|not)\b)[a-z][\w\-]*\s*[\"\u201c]?\s*$)")
# (not "and" joining one noun to the object: "called the levees and pumps “…”")
_NEW_CLAUSE_ANY = re.compile(r"(?:,\s*|\s)(?:and|but|yet|while|because|so|although|though)\s")
_NAMING_VERB = re.compile(r"\b(?:call|calls|called|calling|describ(?:e|es|ed|ing)|dub(?:s|bed|bing)|"
                          r"label(?:s|l?ed|l?ing)|brand(?:s|ed|ing)|term(?:s|ed|ing)|nam(?:e|es|ed|ing))\b")
# Auxiliaries and adverbs between a subject and its verb: "the commissioner has long promised"
_AUXILIARY_END = re.compile(r"(?:\s+(?:has|have|had|will|would|also|again|repeatedly|already|long|since|once|now|"
                            r"publicly|never|even|just|recently|previously|often))+\s*$")


# A name and a description of it right before a speech verb: "Gia Gunn, a contestant, "
_NAME_DESCRIBED = re.compile(r"(?:^|[.;:]\s+|,\s+)(?P<name>[A-Z][\w'\u2019\-]*(?:\s+[A-Z][\w'\u2019\-]*){0,3}),\s+"
                             r"(?:a|an|the|one|another)\s+(?:[^,.;:!?\"\u201c\u201d]{1,60},|[^,.;:!?\"\u201c\u201d]{1,60}"
                             r"\swho(?:\s[^,.;:!?\"\u201c\u201d]{1,60}?)?)\s*$")  # ("…, a former officer who said:")

# A name and its role with no article nor closing comma, right before the cue: "Anthony Anton, president and CEO of
# Washington Restaurant Association (stated,)"
_NAME_ROLE_UNCLOSED = re.compile(r"(?:^|[.;:]\s+|,\s+)(?P<name>[A-Z][\w'\u2019\-]*(?:\s+[A-Z][\w'\u2019\-]*){1,3}),\s+"
                                 r"(?P<role>[a-z][\w\-]*)\s+(?:and|of|for|at)\s+[^,.;:!?\"\u201c\u201d]{1,60}$")

# Words cried out, the text before them ending on who cried them: "... told the Times that Gray was calling out:"
_CRIED_BY = re.compile(r"(?:^|\bthat\s+|\b(?:said|says)\s+|[,;]\s+)(?P<spk>(?:[A-Z][\w'\u2019\-]*\s+){0,3}"
                       r"[A-Z][\w'\u2019\-]*)\s+(?:was\s+|were\s+|kept\s+|began\s+)?"
                       r"(?P<cue>(?:shout|yell|scream|plead|whisper)(?:ed|ing)|cried(?:\s+out)?|crying(?:\s+out)?|"
                       r"call(?:ed|ing)\s+out|begg(?:ed|ing))\s*[:,]?\s*$")


# Words someone was heard crying out: "an “earwitness” heard a cop yell, “…”", "heard Gray shout:", or shown saying
# ("A video posted by a bystander shows the officer shouting:", "Bodycam footage shows Deputy Tom Reyes telling the
# driver:": the one shown, not the video)
_HEARD_CRY = re.compile(r"\b(?:heard|hear|hears|saw|see|sees|"
                        r"(?P<shown>shows?|showed|showing|captured|captures|depicts?|depicted|"
                        r"(?:clip|video|footage|recording|audio|tape)\s+of))\s+"  # ("retweeted a clip of Hart saying:")
                        r"(?P<spk>(?:an?|one|the|another)\s+(?:[a-z][\w\-]*\s+){0,2}?[a-z][\w\-]*|(?:[A-Z][\w'\u2019\-]*\s+){0,2}[A-Z][\w'\u2019\-]*)\s+"
                        r"(?P<cue>yell|shout|scream|cry(?:\s+out)?|call\s+out|say|ask|(?:yell|shout|scream|say|ask)ing|"
                        r"(?:tell|ask)ing\s+(?:him|her|them|[a-z]+s|(?:the|an?)\s+[a-z][\w\-]*))"
                        r"\s*[:,]?\s*$")


# ... or after the words, a recording showing who spoke them: "“…,” the video showed Tlaib telling supporters."
_SHOWN_AFTER = re.compile(r"[\u201d\"']?,?\s+(?:the|a|an|this|that)\s+(?:[a-z][\w\-]*\s+){0,2}"
                          r"(?:video|footage|clip|recording|tape|audio)\s+(?:shows?|showed|captured|captures)\s+"
                          rf"(?P<spk>{_NAME_RUN})\s+(?P<cue>saying|telling|shouting|yelling|asking|declaring)\b")


_NO_ONE_SHOWN = frozenset({"majority", "minority", "plurality", "most", "half", "third", "quarter", "share"})


def _shown_person(phrase: str) -> bool:
    """Whether what a video or a filing shows saying something is a person: a person's noun ("the officer", "a
    neighbor"; not "a sign", nor "a majority" of a poll), or a name with no document's word or lone letter in it
    ("Deputy Tom Reyes", "Apple"; not "Exhibit B")."""
    words = phrase.split()
    head = words[-1].lower()
    if words[0].islower():
        return (_speaker_noun(head) or head in PERSON_DESCRIPTION_HEADS) and head not in _NO_ONE_SHOWN
    return split_speaker(phrase).is_person and not any(
        len(w) == 1 or w.lower() in DOCUMENT_NOUNS for w in words)


def _called_out(a: _Around, prev_attr_end: int) -> _Attribution | None:
    """Words cried out, right after the name of who cried them: "A woman ... told the Times that Gray was calling
    out: “…”" is Gray's, not the woman's (a "he" there may be anyone the speaker around it speaks of); so are words
    someone was heard crying ("heard a cop yell, “…”": the cop's, not the hearer's), and those a recording shows
    someone saying ("“…,” the video showed Tlaib telling supporters")."""
    m = _CRIED_BY.search(a.before)
    if m is None or not split_speaker(m.group("spk")).is_person:
        m = _HEARD_CRY.search(a.before)
    shown = _SHOWN_AFTER.match(a.par, a.after_start) if m is None else None
    if shown is not None and _shown_person(shown.group("spk")):
        return _Attribution(shown.group("spk"), shown.group("cue"), a.par[shown.start("spk"):shown.end()], True,
                            shown.end())
    if m is None or m.re is _HEARD_CRY and m.group("shown") and not _shown_person(m.group("spk")):
        return None
    text = a.par[a.before_start + m.start("spk"):a.before_start + m.end()].strip(" ,:")
    return _Attribution(m.group("spk"), m.group("cue"), text, a.before_start > prev_attr_end, a.after_start)


# A "told" whose object runs on into a clause of its own ("told human resources that Ailes had called him", "told
# reporters Jones had called"), not a time ("told reporters that day")
_TOLD_CLAUSE = re.compile(r"(?:told|tells)\s.*\b(?:that\s+(?!(?:day|night|morning|afternoon|evening|week|month|year|"
                          r"time|season|summer|winter|spring|autumn|fall)\b)\S|(?:has|had|have|is|was|are|were)\s|"
                          r"(?:called|described|said|labell?ed|branded|dubbed)\b)")


def _intro_before(a: _Around, prev_attr_end: int) -> _Attribution | None:
    """Ending the sentence before the quote: "X said:", "X said that", or inverted: ", says X (D-Mich.),"."""
    if _with_speaker(a.before):
        return None  # "Leaders praised the deal, with Chuck Schumer saying:": Schumer's (:func:`_colon_before`)
    m = _before_intro(a.before) or _BEFORE_INTRO_ACT.search(a.before)
    if m is not None and _TOLD_CLAUSE.match(m.group("cue")):
        m = None  # "X told human resources that Ailes had called him a “…”": the clause's words, not X's
    if m is not None and re.match(r"[a-z]+ed\s+by\s", m.group("cue")):
        m = None  # "said the interactions described by the White House “…”": a passive's participle, no one speaking
    if m is None or _subject(m.group("spk")) is None:
        inverted = _CUE_FIRST_INTRO.search(a.before)
        opening = inverted is not None and inverted.group("opening_cue") is not None
        part = "opening_" if opening else ""
        spk = _subject(inverted.group(part + "spk")) if inverted else None
        if inverted and spk and (split_speaker(spk).is_person or opening and re.match(r"(?:the|an?)\s", spk)):
            # ("Replied the minister:" too)
            text = a.par[a.before_start + inverted.start(part + "cue"):a.before_start + inverted.end()].strip(" ,:")
            return _Attribution(spk, inverted.group(part + "cue").lower(), text, a.before_start > prev_attr_end,
                                a.after_start)
    spk = _subject(m.group("spk")) if m else None
    if m is not None and _ADVERB_SET_OFF.search(a.before, 0, m.start("cue")):
        spk = _subject(a.before[:m.start("cue")])  # "Sen. John Thune, of South Dakota, all but confirmed": Thune
    joined = m is not None and spk in ("and", "And", "but", "But")
    if m is not None and joined:  # "… called it “…” and said:": the sentence's subject
        spk = _joined_verb_subject(a, m.start("cue"))
    if m is not None and spk is not None and m.group("cue").endswith("ing") and \
            not re.search(r"\b(?:quoted\s+as|shown|seen|heard)\s+saying$", m.group("cue")):  # ("Huckabee was quoted as
        # saying": the phrase before it)
        spk = sentence_subject(a.before[:m.start("cue")])  # "An official downplayed the unrest saying that": the
        # participle's speaker is the sentence's subject, not the phrase before it
    if not m or not spk:
        return None
    if not split_speaker(spk).is_person:  # "Gia Gunn, a contestant, told New York,": the name before the description
        described = _NAME_DESCRIBED.search(a.before, 0, m.start("cue")) or \
            _NAME_ROLE_UNCLOSED.search(a.before, 0, m.start("cue"))
        if described and (described.re is _NAME_DESCRIBED or described.group("role") in ROLE_WORDS) and \
                split_speaker(described.group("name")).is_person:
            spk = described.group("name")  # (also "Anthony Anton, president and CEO of Washington Restaurant
            # Association stated,": the role's closing comma left out)
    start = a.before_start + m.start()
    if joined:  # the attribution from the sentence's start: "Gardner called the allegations “…” and said"
        start = max(_last_sentence_start(_mask(a.par[:start])), 0)
    text = a.par[start:a.before_start + m.end()].strip(" ,:")
    return _Attribution(spk, m.group("cue"), text, a.before_start > prev_attr_end, a.after_start)


# A recording of someone speaking: "The video shows her introducing Clanton ..., and saying"
_SEEN_SAYING = re.compile(r"\b(?:shows?|showed|shown|captured|captures|recorded|records|filmed|heard)\s+"
                          r"(?P<obj>him|her)\b")


# A reporting clause closing the words before it: "…, Pickell said" (before a participle: ", describing ... as")
_REPORTING_END = re.compile(r"(?<=,)\s+(?P<spk>[A-Z][\w'\u2019\-]*(?:\s+[A-Z][\w'\u2019\-]*){0,2}|he|she|they)\s+"
                            r"(?:said|says|added|told\s+[A-Z][\w.]*)\s*$")


# A reported act of reaching someone, which the participle after it tells: "… that Hiller called 911, saying" (the
# text up to the participle's comma)
_REPORTED_CALL = re.compile(r"\bthat\s+(?P<spk>[A-Z][\w'\u2019\-]*(?:\s+[A-Z][\w'\u2019\-]*)?)\s+(?:called|phoned|"
                            r"texted|emailed|messaged|radioed|wrote\s+to|contacted)\b[^,;:.!?\"\u201c\u201d]{0,40}$")


# A clause joined to the sentence's first by "and" or "but", on a name of its own and its verb: ", and Schmidt would"
_JOINED_CLAUSE = re.compile(r",\s+(?:and|but)\s+(?P<spk>[A-Z][\w'\u2019\-]*(?:\s+[A-Z][\w'\u2019\-]*){0,2})(?=\s)")


# A name in apposition to the noun before it, at the end of a text: "(his rival), Hillary Clinton"
_NAME_APPOSED_END = re.compile(r"(?<=[a-z]),\s+(?:[A-Z][\w'\u2019.\-]*\s+){1,3}[A-Z][\w'\u2019\-]*$")


def _joined_clause_subject(before: str) -> str | None:
    """The name opening the last clause joined by "and" or "but" before a participle ("Page would grow animated,
    and Schmidt would shut him down, saying": Schmidt, whose act the participle goes on), or None."""
    joined = [m for m in _JOINED_CLAUSE.finditer(before) if MAIN_CLAUSE_VERB.match(before, m.end())]
    return _subject(joined[-1].group("spk")) if joined else None


def _saying_before(a: _Around, prev_attr_end: int) -> _Attribution | None:
    """"X ..., saying (that) "..."": the subject of the sentence, or of a reporting clause right before the
    participle ("X said nothing …, Pickell said, describing him as": Pickell); "The video shows her ..., and
    saying": her."""
    m = _SAYING.search(a.before)
    reporting = _REPORTING_END.search(a.before, 0, m.start()) if m else None
    spk = _subject(reporting.group("spk")) if reporting else None
    act = _REPORTED_CALL.search(a.before, 0, m.start()) if m and not spk else None
    spk = spk or (act.group("spk") if act else None)  # "Leader told reporters that Hiller called 911, saying": Hiller
    spk = spk or (_joined_clause_subject(a.before[:m.start()]) if m else None)
    if m and not spk and re.search(r"[^\s,.;:!?][\u201d\"]$", a.par[:a.before_start]) and \
            "," not in _NAME_APPOSED_END.sub("", a.before[:m.start()]):
        # the sentence goes on past a quote in its clause ("Royce called for Trump to “use the indictments to
        # challenge” Mr. Putin at the summit, adding, “…”"): its subject is the sentence's, not the object after it
        # (but "Trump’s “excesses” are sickening, Hollande said Tuesday, noting": the reporting clause's; "visited
        # “Today” to discuss his remarks about his rival, Hillary Clinton, saying": a name in apposition is no subject)
        whole = _sentence_before(a)
        spk = sentence_subject(whole[:len(whole) - len(a.before) + m.start()])
    spk = spk or (sentence_subject(a.before[:m.start()]) if m else None)
    seen = _SEEN_SAYING.search(a.before[:m.start()]) if m and not spk else None
    if seen is not None:
        spk = _SUBJECT_PRONOUN[seen.group("obj").lower()]
    if not m or not spk:
        return None
    return _Attribution(spk, m.group("cue").strip(), a.par[a.before_start:a.before_start + m.end()].strip(" ,:"),
                        True, a.after_start)


# What follows "states" the noun, not the verb: "top diplomats from EU states will meet"
_NOUN_FOLLOWS = re.compile(r"\s+(?:will|would|can|could|must|should|may|might|have|has|had|are|were|and|or|of)\b")


# How a clause after "that" opens on its subject: a name, a determiner, a pronoun, or a title before a name ("head
# coach Bill Carter"), not a subordinator ("once the Senate goes on")
_CLAUSE_SUBJECT_START = re.compile(r"[A-Z]|(?:the|a|an|his|her|their|its|one|another|he|she|they|we)\s|(?!(?:once|when|"
                                   r"if|after|before|because|while|as|since|until|although|though|unless|where)\s)"
                                   r"(?:[a-z][\w\-]*\s+){1,3}[A-Z]")


def _clause_subject(pre: str) -> str | None:
    """The speaker phrase at the end of ``pre``, or of its last clause after "that" ("Smith told reporters that
    Jones had said": Jones)."""
    thats = list(re.finditer(r"\bthat\s+", pre))
    clause = pre[thats[-1].end():] if thats else ""
    if "," in clause or not _CLAUSE_SUBJECT_START.match(clause):
        return _subject(pre)  # (a subject: not "the Project that encourages libertarians …", "that once the …")
    return _subject(pre) or _subject(clause)


# A call, not a name given: "called" with a person's pronoun as its object and a quote on when, why or how often
# ("called her “at all hours”", "called him on Sunday “to offer support”", "called her “dozens of times”")
_A_CALL = re.compile(r"\s+(?:him|her|me|us|them)\b[^,;:.!?\"\u201c\u201d]{0,30}")
_CALL_WORDS = re.compile(r"(?:to|at|on|in|from|during|after|before|around|late|early|repeatedly|constantly|daily|"
                         r"nightly|twice)\b|(?:\d[\d,]*|dozens\s+of|hundreds\s+of|scores\s+of|several|many|multiple|"
                         r"countless|numerous|more\s+than\s+\d[\d,]*|a\s+dozen|a\s+few|two|three|four|five|ten|twenty|"
                         r"thirty|forty|fifty)\s+times\b", re.IGNORECASE)


def _verb_subject(a: _Around, cue: re.Match) -> str | None:
    """The subject of a speech verb before a quote: the phrase before it, or the last clause's after "that" (not
    for a request, "asked them to"); for "called" right before the quote, only a subject no other speech verb
    comes before ("said that Dana Hale called “at all hours”", "told officers Dana Hale called “40 times”": calls,
    no words)."""
    pre = a.before[:cue.start()]
    if cue.group("cue").split()[-1] in _NAMING_CUES and (not a.before[cue.end():].strip() or _A_CALL.fullmatch(
            a.before[cue.end():]) and _CALL_WORDS.match(a.quote.lstrip())):  # ("called her “at all hours”", "called
        # him on Sunday “to offer support”": a call too)
        return None if _BEFORE_ANY.search(pre) or re.search(r"\b(?:told|tells)\s", pre) else _subject(pre)
    if re.match(r"\s+(?:nothing|little)\b", a.before[cue.end():]) and _BEFORE_ANY.search(pre):
        return None  # "Smith told reporters that Jones had said nothing: “He just sat …”": Smith's, no words of Jones
    if re.match(r"\s+\S+\s+to\s", a.before[cue.end():]):
        return _subject(pre)  # "the loggers alleged that Ramdehol had asked them to go … “wild meat”": a request
    return _clause_subject(pre)


# Words before a noun "calls" whose caller they do not say: "the mounting calls to remove", "growing calls for" (but
# "his calls to end the “rigged economy”" are his)
_CALLS_NOUN_BEFORE = re.compile(r"\b(?:the|a|an|these|those|such|[a-z]{4,}ing|[a-z]{3,}ed)\s+$")


def _cues_before(a: _Around) -> list[re.Match]:
    """The speech verbs before a quote in its sentence, or only the last one when the quote, a partial one, is in
    its clause with a subject of its own ("X told The Post — where Y said she was “ensconced” ...": Y's word)."""
    cues = [m for m in _BEFORE_ANY.finditer(a.before)
            if not (m.group("cue") == "states" and _NOUN_FOLLOWS.match(a.before, m.end())) and
            not (m.group("cue") in ("continued", "continues") and
                 not re.match(r"\s*(?:[,:]|that\b|$)", a.before[m.end():])) and
            not (m.group("cue") in ("called", "named") and _NAME_THEN_VERB.match(a.before, m.end())) and
            not (m.group("cue").endswith("ed") and re.match(r"\s+by\s", a.before[m.end():])) and
            not (m.group("cue") in ("calls", "call") and _CALLS_NOUN_BEFORE.search(a.before, 0, m.start()))]
    # ("the misuse continued despite “…”": going on, not speaking on; "a coalition called Strengthen Social Security
    # has railed …, claiming “…”": a name given, not words; "the interactions described by the White House “…”": a
    # passive's participle, no one speaking; "the mounting calls to remove Schiff": a noun)
    if len(cues) < 2 or a.quote.lstrip()[:1].isupper():
        return cues
    pre = a.before[:cues[-1].start()]
    own = _verb_subject(a, cues[-1]) or _IN_WHICH_SUBJECT.search(pre)  # ("a quote from Mrs. Clinton in which she
    # said she wanted to “just drone”": hers)
    if re.search(r"[,;:()\u2014\u2013]", a.before[cues[-1].end():]) or not own or \
            pre.rstrip().endswith(",") and not split_speaker(trim_phrase(own)).is_person:
        return cues  # (a name before an apposition is the clause's own subject: "while X, the former ..., said")
    return cues[-1:]


def _cue_before(a: _Around, prev_attr_end: int) -> _Attribution | None:
    """A speech verb before the quote in its sentence, whose subject is the speaker ("X said the alliance had",
    "Putin accused Western nations of", "Psychoanalyst Stephen Grosz, who ..., warns that"); of several, the one
    nearest a whole quote first."""
    if _with_speaker(a.before):
        return None  # "X stated that … with a spokesman stating:": the one speaking nearest the quote
    cues = _cues_before(a)
    if len(cues) >= 2 and (a.quote.lstrip()[:1].isupper() or  # a whole quote is the nearest verb's: "Unions say
                           cues[-1].group("cue") in _NAMING_CUES and not a.before[cues[-1].end():].strip(" ,:")):
        cues = cues[-1:] + cues[:-1]  # ... and the union's vice president, X, told Sky News: “…”" is X's; so are
        # the words a name right before the quote gives ("a move Benedetti called “…”")
    nearest = max(cues, key=lambda c: c.start(), default=None)
    last_part = a.before[:nearest.start()].rsplit(",", 1)[-1].strip() if nearest is not None else ""
    if nearest is not None and (_WHICH_THEN.fullmatch(last_part) or _WHOSE_THEN.fullmatch(last_part)):
        if not a.quote.lstrip()[:1].isupper():
            return None  # a few words in a "which" clause's paraphrase: whose, the clause does not tell ("the
            # network's statement about SecondEyes, which described it as a process to bring “more expert eyes”")
        cues = [nearest]  # "The minister praised the report, which said: “…”": the report's words, never the minister's
    for m in cues:
        if _WITH_NAME_SPEAKING.search(a.before, m.end()):
            continue  # "Leaders of both parties praised the agreement, with Schumer calling it “…”": Schumer's
        pre = a.before[:m.start()]
        conjunction = _SUBORDINATOR_OPENING.match(pre)
        # the quote ends the clause (a comma, not "and …") and no later speech verb comes before it
        closes = (a.quote.rstrip()[-1:] == "," or a.after.lstrip()[:1] == ",") and \
            not re.match(r"\s*,?\s*(?:and|but|or|then)\b", a.after) and m.start() == max(c.start() for c in cues)
        if (SUBORDINATE_START.match(pre) or conjunction) and "," not in pre and \
                ("," in a.before[m.end():] or not conjunction or not closes):
            continue  # "After the group accused Lara of ..., Soller said", "Even when an officer called, he
            # shrugged it off and “…”": not the verb of the quote (but "Even as Trump claimed that “…,” prosecutors
            # said": the quote is in the clause, his)
        spk = _cue_subject(a, m, pre)
        aside = _INVERTED_ASIDE.match(a.before, m.end()) if m.group("cue") in _ASIDE_CUES and re.search(
            r",\s*$", pre) else None
        if aside is not None:  # "The paradox of Nancy, says Carl Anthony, historian …, is that she was “…”"
            spk = aside.group("spk")
            if _QUOTED_THING_NOUNS & set(re.findall(r"[a-z]+", pre.lower())):
                return None  # "The school motto, writes Evans, was “…”": the motto's words, not Evans's
        if spk and _reports_others(spk):  # "The newspaper said Palin ... in which she said": Palin's words
            inner = _inner_speaker(a.before, m.end())
            if inner is not None:
                spk, m = inner
        if spk and not only_connective(spk):  # (not "Meanwhile" of "Meanwhile, the statement on her health, from
            # Dr. Lisa Bardack, …, said")
            return _Attribution(spk, m.group("cue"), a.par[a.before_start:a.before_start + m.end()].strip(" ,:"),
                                True, a.after_start)
    return None


def _joined_verb_subject(a: _Around, cue_start: int) -> str | None:
    """The subject of a verb joined by "and" to its sentence's, which a quote may come between ("Gardner called the
    allegations “deeply troubling” and said:"): the sentence's subject, read from its start with quotes blanked."""
    head = _mask(a.par[:a.before_start + cue_start])
    start = max([_last_sentence_start(head)] + [m.end() for m in QUOTE_ENDED.finditer(head)] + [0])
    return sentence_subject(_quotes_blanked(head[start:]))  # (from after a quote that ends its sentence: "“…?” He
    # laughed and said:" is his, not the asker's before the question)


def _cue_subject(a: _Around, m: re.Match, pre: str) -> str | None:
    """The speaker phrase of the speech verb ``m`` before a quote (``pre``: the words before the verb): its
    subject, or the one a clause in ``pre`` makes the speaker ("in which he said", "a move Benedetti called",
    "quoted X as saying")."""
    # "X put out a statement saying": a participle's speaker is the subject of the sentence, and so is that of a
    # verb joined to the sentence's ("Silverman was joined on stage by Al Franken and joked,")
    if re.search(r"(?:^|\s)(?:and|but)\s*$", pre) and \
            not re.search(r"\bwho\b|\bto\s+[a-z]+\b[^,]*\s(?:and|but)\s*$", pre):
        # (the sentence from its start, across a quote before it; not a relative clause's verb, "said an official
        # who oversaw … and described", nor an infinitive's, "leading Reyes to denounce her aide and say,")
        spk = _joined_verb_subject(a, m.start())
    else:
        spk = sentence_subject(pre) if m.group("cue").endswith("ing") else _verb_subject(a, m)
    in_which = _IN_WHICH_SUBJECT.search(pre)
    if in_which is not None:  # "gave a speech in which he said": he, not the one who recalled it
        spk = in_which.group("spk")
        talked = _TALK_WITH.search(pre, 0, in_which.start()) if spk.lower() in ("he", "she") else None
        if talked is not None and _talked_with(pre, talked, spk.lower()):  # "A former producer described an
            spk = talked.group("name")  # interview with Ailes in 1975, in which he said:": Ailes
        words_of = _WORDS_FROM_NAME.search(pre, 0, in_which.start()) if spk.lower() in ("he", "she") else None
        if words_of is not None and first_name_gender(words_of.group("name").split()[-2 if words_of.group(
                "honorific") else 0]) in ("?", "m" if spk.lower() == "he" else "f"):
            spk = words_of.group("name")  # "a message that included a quote from Mrs. Clinton in which she said":
            # hers, whoever sent the message
    described = _OBJECT_DESCRIPTION.match(pre)
    if described is not None and spk and spk in pre[described.end():] and \
            names_the_object(described.group("desc"), spk):
        spk = described.group("desc")  # "The lawyer for the rapper, Sean Combs, said …“…”": the lawyer
    relative = _NAMER_OF_THING.search(pre) if m.group("cue").split()[-1] in _NAMING_CUES and \
        not a.before[m.end():].strip(" ,:") else None
    thing = relative.group("noun") or "" if relative is not None else ""
    if relative is not None and thing not in _NOT_A_THING and not thing.endswith(("ed", "ing")) and \
            not re.search(r"\b(?:told|tells)\s", pre[max(relative.start() - 6, 0):relative.end()]):
        # (not "a witness told officers Dana Hale called “40 times”", "told the jury Jake Moore called": whom
        # someone told, no thing named)
        spk = relative.group("spk")  # "a move Benedetti called “pure retaliation”": Benedetti, not the
        # sentence's subject (not "a lawyer for Kevin Marsh called", "said that Dana Hale called")
    quoted_as = _QUOTED_AS.search(pre) if m.group("cue") == "saying" else None
    if quoted_as is not None:  # "The Daily News quoted witness Devonte Brown as saying": Brown
        spk = _subject(quoted_as.group("spk"))
    if spk is None and re.search(r",\s+who\b", pre) and not _WHO_THEN.fullmatch(pre.rsplit(",", 1)[-1].strip()):
        spk = sentence_subject(pre)  # "Grosz, who ..., warns that": the subject (but "The governor visited
        # residents, who (later) said": the residents or no one, never the governor)
    return spk


_ASIDE_CUES = frozenset({"says", "said", "adds", "added", "notes", "noted", "argues", "argued", "writes", "wrote"})
# Words of something written or said that such a subject may name ("The inscription above the door, notes Carter, is
# “…”")
_QUOTED_THING_NOUNS = _SAYING_NOUNS | frozenset({"inscription", "line", "lines", "words", "phrase", "quote",
                                                 "quotation", "title", "headline", "caption", "epitaph", "sign",
                                                 "message", "refrain", "chorus", "verse"})
# A talk with someone right before such a clause: its "he" is that someone ("an interview with Ailes in 1975, in which
# he said")
_TALK_WITH = re.compile(r"\b(?:interview|conversation|call|meeting|chat|exchange|session)\s+with\s+"
                        r"(?P<name>[A-Z][\w'\u2019\-.]*(?:\s+[A-Z][\w'\u2019\-.]*){0,3})"
                        r"(?:\s+(?:in|on|last|this)\s+[^,.;:]{1,20})?,?\s*$")
_MEDIA_WORDS = frozenset({"news", "times", "post", "radio", "tv", "television", "magazine", "journal", "daily"})


def _talked_with(pre: str, talked: re.Match, pronoun: str) -> bool:
    """Whether the "he" or "she" of a clause on "in which" after "an interview with X" is X: a person's name (no
    acronym, no organisation's or medium's word: not "an interview with CNN"), whose first name does not say
    otherwise, in a sentence whose subject is no named person ("Starmer held a call with Macron, during which he
    said" is Starmer's, the subject's, as "Haley gave an interview with Jake Tapper, in which she said")."""
    name = talked.group("name")
    words = name.split()
    if any(w.isupper() for w in words) or {w.lower() for w in words} & (ORG_NOUNS | _MEDIA_WORDS) or \
            not split_speaker(name).is_person:
        return False
    if first_name_gender(words[0]) not in ("?", "m" if pronoun == "he" else "f"):
        return False
    sentence = pre[:talked.start()]
    sentence = sentence[max(_last_sentence_start(sentence), 0):]
    return not re.match(r"\s*(?:[A-Z][\w'\u2019\-.\u2024]*\s+){0,3}[A-Z][\w'\u2019\-\u2024]*\s+[a-z]", sentence) or \
        bool(re.match(r"\s*(?:A|An|The|One)\s", sentence))


# The subject of a clause on "in which", "during which" right before its speech verb: "a speech in Ohio, during which
# he said"
_IN_WHICH_SUBJECT = re.compile(r"\b(?:in|during|at|after|with)\s+which\s+(?P<spk>[Hh]e|[Ss]he|[Tt]hey|I|[Ww]e|"
                               r"[A-Z][\w'\u2019\-.]*(?:\s+[A-Z][\w'\u2019\-.]*){0,3})\s+(?:[a-z]+ly\s+)?$")
# Words someone said or wrote, named with them, right before "in which": "a quote from Mrs. Clinton", "a letter by Bob
# Lee" (of which a "he" or "she" after "in which" is the one named)
_WORDS_FROM_NAME = re.compile(r"\b(?:quote|quotation|statement|letter|speech|remarks|message|post|tweet|e-?mail|video|"
                              r"clip|recording|note|memo)\s+(?:from|by)\s+(?P<name>(?P<honorific>(?:Mr|Mrs|Ms|Dr)[.\u2024]\s+)?"
                              r"[A-Z][\w'\u2019\-]*(?:\s+[A-Z][\w'\u2019\-]*){0,2}),?\s*$")
# A name speaking in a clause of its own after a verb, right before the quote: ", with Gov. Greg Abbott calling it"
_WITH_NAME_SPEAKING = re.compile(r",\s+with\s+(?:[A-Z][\w'\u2019.\u2024\-]*\s+){1,4}(?:[a-z]+ly\s+)?(?:calling|saying|"
                                 r"describing|adding|noting|warning|arguing|insisting|declaring|dubbing|branding)\b"
                                 r"[^,.;:!?\"\u201c\u201d]*$")
# A thing, then who names it so in a clause of its own: "a move (that) Benedetti called", "what Smith described as"
_NAMING_CUES = frozenset({"called", "calls", "described", "describes"})
_NAMER_OF_THING = re.compile(r"(?:\b(?:a|an|the)\s+(?:[a-z][\w\-]*\s+){0,2}?(?P<noun>[a-z][\w\-]*)\s+(?:that\s+)?|"
                             r"\b(?P<pronoun>which|what|who|whom)\s+)"  # ("Hart, who Lee has called “…”")
                             r"(?P<spk>[A-Z][\w'\u2019\-]*(?:\s+[A-Z][\w'\u2019\-]*){0,3})\s*$")
# Words before a name that make it no namer of a thing: a preposition's object, a speech verb's subject
_NOT_A_THING = frozenset({"for", "of", "to", "with", "by", "from", "about", "against", "on", "at", "in", "said",
                          "says", "told", "tells", "and", "or", "but"})
# A name set off after a speech verb that itself is set off by commas: ", says Carl Anthony, historian at …,", or a
# surname alone before a copula ("The biggest reason advisors get fired, writes Beyer, is “…”")
_INVERTED_ASIDE = re.compile(r"\s+(?P<spk>[A-Z][\w'\u2019\-]*(?:\s+[A-Z][\w'\u2019\-]*){1,3}|"
                             r"[A-Z][\w'\u2019\-]*(?=\s*,\s+(?:is|was|are|were)\b))\s*,")


# Last words of a speaker that reports what others said: a medium, its report, its document.
_MEDIA_NOUNS = frozenset({"newspaper", "paper", "daily", "outlet", "magazine", "broadcaster", "channel", "network",
                          "agency", "report", "reports", "news", "times", "post", "journal", "press", "telegraph",
                          "guardian", "herald", "tribune", "gazette", "radio", "tv"})


def _reports_others(speaker: str) -> bool:
    """Whether a speaker is a medium reporting what others said ("The newspaper", "The Anchorage Daily News")."""
    words = speaker.lower().replace("\u2024", ".").split()
    return bool(words) and words[-1] in _MEDIA_NOUNS


def _inner_speaker(before: str, start: int) -> tuple[str, re.Match] | None:
    """A person, or "he"/"she", who speaks later in the text before a quote, in a clause of a medium's report
    ("... released a statement in which she said"): the nearest such speaker and its cue."""
    for m in reversed(list(_BEFORE_ANY.finditer(before, start))):
        tail = re.split(r"\b(?:which|whom|that|and)\b|,", before[:m.start()])[-1].strip()
        spk = _subject(tail) if tail else None
        if _a_person(spk):
            return spk, m
    return None


# Who speaks, named at the end of a sentence introducing a quote: "..., with Kilmeade stating:"
_WITH_SPEAKING = re.compile(r"\bwith(?<!familiar with)(?<!acquainted with)\s+(?P<spk>[A-Z][\w'\u2019\-]*"
                            r"(?:\s+[A-Z][\w'\u2019\-]*){0,3}|(?:an?|the|one)\s+(?:[a-z][\w\-]*\s+){0,2}?[a-z][\w\-]*|"
                            r"one|another)(?<!\sas)\s+"
                            r"(?:[a-z]+ly\s+)?(?:saying|stating|adding|writing|noting|asking|yelling|shouting|"
                            r"tweeting)\s*:\s*$")  # "with Trump reportedly yelling:" (not "cited people familiar with
# the matter as saying:")


def _with_speaker(before: str) -> re.Match | None:
    """A "with X saying:" ending ``before`` whose X may speak: a name or a person's noun ("with Chuck Schumer
    saying:", "with one aide adding:"; not "with a statement saying:", "with a smile saying:": the subject's)."""
    with_x = _WITH_SPEAKING.search(before)
    if with_x is None:
        return None
    words = with_x.group("spk").lower().split()
    person = with_x.group("spk")[:1].isupper() or \
        (_speaker_noun(words[-1]) or words[0] in ("one", "another")) and words[-1] not in DOCUMENT_NOUNS
    return with_x if person else None  # (a vox pop's next voice: "with one supporter tweeting:"; one of a group the
    # sentence opens on: "Fans were quick to react, with one writing:", :func:`_one_of`)


def _one_of(before: str, spk: str) -> str | None:
    """Whom a bare "one" or "another" speaking stands for: one of the people in the plural the sentence opens on
    ("Fans were quick to react, with one writing:": one of the fans), or None; any other phrase as it is."""
    if spk.lower() not in ("one", "another"):
        return spk
    group = _group_opening(before)
    return _one_of_group(spk, group) if group is not None else None


# A name, then a relative clause of its speaking, right before a colon: "…and Donald Trump Jr who wrote on X:"
_WHO_WROTE_COLON = re.compile(r"(?P<spk>[A-Z][\w'\u2019\-]*(?:\s+[A-Z][\w'\u2019\-.]*){1,3}),?\s+who\s+(?:later\s+|"
                              r"also\s+|then\s+)?(?:said|wrote|tweeted|posted|added|replied|responded)"
                              r"(?:\s+(?:on|in)\s+[A-Z][\w.]*)?\s*:\s*$")


# A document and its author, then "read:": "A statement from the club read:", "a statement by a Sussex spokesperson
# confirming the eviction read:"
_DOCUMENT_READ = re.compile(r"\b(?:statement|post|message|letter|note|email|tweet|notice|update)\s+(?:from|by|"
                            r"issued\s+by|released\s+by|on\s+behalf\s+of)\s+(?P<spk>[^,:;.!?\"\u201c\u201d]{2,80}?)"
                            r"(?:\s+to\s+(?:the\s+)?[^,:;.!?\"\u201c\u201d\s]+)?(?:,?\s+(?:confirming|"
                            r"announcing|explaining|saying|addressing)\b[^:;.!?\"\u201c\u201d]{0,100}?)?,?\s+(?:read|reads|"
                            r"said|says|stated|states)\s*:\s*$")


# A name with its honorific right before a colon: "experts such as Dr Azm Al Homoud:"
_TITLED_NAME_COLON = re.compile(r"(?<!warns )(?<!warned )(?<!tells )(?<!told )(?<!asks )(?<!asked )(?<!urges )"
                                r"(?<!urged )(?<!reminds )(?<!reminded )\b(?:Dr|Mr|Mrs|Ms|Prof)\u2024?\s+"
                                r"(?P<spk>[A-Z][\w'\u2019\-]*(?:\s+[A-Z][\w'\u2019\-]*){0,3})\s*:\s*$")


# A document and its author right before a colon: "Below is a statement by Francesca Grifo, director of …:"
_DOCUMENT_BY = re.compile(r"\b(?:" + "|".join(sorted(DOCUMENT_NOUNS | {"message", "remarks", "speech", "testimony"}))
                          + r")\s+(?:by|from)\s+(?P<spk>[A-Z][^:.!?\"\u201c\u201d]{1,120}?)\s*:\s*$")


# A name right before a colon in a sentence with no speech verb: "The surge doesn't surprise pollster Daron Shaw:",
# "Pollsters agree - Carl Bialik:"
# A name (an organisation's too) opening a sentence that puts out words, ending on a colon: "The New York Times also
# chimed in:", "The Democratic National Committee issued a brief statement shortly after Rubio's speech:"
_ISSUER_COLON = re.compile(r"\s*(?P<spk>(?:The\s+)?(?:[A-Z][\w&'\u2019\-]*\s+){0,5}[A-Z][\w&'\u2019\-]*)\s+"
                           r"(?:(?:also|later|quickly|then|soon|swiftly)\s+)?(?:chimed\s+in|weighed\s+in|issued|released|"
                           r"posted|put\s+out|sent\s+out|published|responded|replied|tweeted|wrote|countered|fired\s+back|"
                           r"shot\s+back|pushed\s+back|e-?mailed)\b[^:.!?]*:\s*$")
_NAME_COLON = re.compile(r"(?<![\w\-])(?P<spk>[A-Z][\w'\u2019\-]*(?:\s+[A-Z][.\u2024])?(?:\s+[A-Z][\w'\u2019\-]*){1,2})"
                         r"\s*:\s*$")
# A newsletter's item: a headline in capitals, a dash, then its source and a colon ("CHINA CHIPS — Bloomberg:",
# "PATIENCE IS A VIRTUE — WSJ’s Nick Timiraos:", "… - More from Blumenthal and Cohen:")
_NEWSLETTER_SOURCE = re.compile(r"^\s*[A-Z0-9][A-Z0-9 '\u2019&,.\-]{3,80}?\s+(?:[\-\u2013\u2014]+|--)\s*"
                                r"(?:More\s+from\s+)?"
                                r"(?!(?:Now|Here|There|Then|Today|Tonight|Tomorrow|Yesterday|Update|Also|Plus|Next|"
                                r"Later|Earlier|Meanwhile|Still|Again|Soon)\s*:)"
                                r"(?P<spk>[A-Z][\w'\u2019\-.\u2024]*(?:\s+(?:and\s+|&\s+)?[A-Z][\w'\u2019\-.\u2024]*){0,5})"
                                r"\s*:\s*$")


_BYLINE_END = re.compile(r"\bby\s+(?:[\w.\-'\u2019]+\s+){0,5}$", re.IGNORECASE)  # "by Variety's", "by The Wall Street"


# Words introduced as a person's own: "Clinton's response was:", "Her reply was simple:", "Trump's answer:"
_OWN_WORDS_COLON = re.compile(
    rf"{_POSSESSOR}\s+"
    r"(?:(?:first|only|full|whole|brief|one-word|terse)\s+)?(?P<noun>response|reply|answer|verdict|retort|reaction|"
    r"comment|message|words|advice|bottom\s+line|warning|plea|conclusion|statement|post|tweet|letter|note|email)"
    r"(?:\s+(?:to|for|on|about|over|concerning|regarding)\s+[^,:;.!?\"\u201c\u201d]{1,80}?)?"
    r"(?:\s+(?:was|is|read|reads|came))?(?:\s+(?:simple|short|blunt|brief|clear|direct|stark|the\s+right\s+one))?"
    r"\s*:\s*$")  # ("Hart's message to voters was clear:", "Christie's bottom line was the right one:", "Hart's
# statement read:")
# ... or as from them: "The message from Hart was clear:"
_WORDS_FROM_COLON = re.compile(r"(?:^|(?<=[.!?]\s))The\s+(?P<noun>message|verdict|response|reply|answer|warning)\s+"
                               r"from\s+(?P<spk>[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,2})\s+(?:was|is)"
                               r"(?:\s+(?:simple|short|blunt|brief|clear|direct|stark))?\s*:\s*$")
_OWNER_PRONOUN = {"his": "he", "her": "she", "their": "they"}
_POSSESSIVE_S = re.compile(r"['\u2019]s?$")
# A post quoted from its writer: "From Bush's Facebook post:", "From Ann Cole's statement:"
_FROM_OWN_TEXT = re.compile(r"(?:^|(?<=[.!?]\s))From\s+(?P<spk>[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,2})['\u2019]s?\s+"
                            r"(?:[A-Z]\w*\s+)?(?P<noun>post|statement|tweet|letter|speech|remarks|email|op-ed|blog "
                            r"post|memo|message)\s*:\s*$")


# One made to speak: "That kind of talk led Christie to suggest, …, “…”", "leading advisers like Gene Sperling to
# counter that “…”"
_LED_TO_SAY = re.compile(r"\b(?:led|leading|prompted|prompting|pushed|forced|caused|moved)\s+(?P<spk>[^,.;:!?\"\u201c"
                         r"\u201d]{2,80}?)\s+to\s+(?P<cue>say|suggest|state|declare|counter|respond|reply|quip|joke|"
                         r"remark|write|tweet|warn|ask|insist|tell\s+\w+)\b(?P<rest>[^.!?;\"\u201c\u201d]*)$")


def _led_to_say(a: _Around, prev_attr_end: int) -> _Attribution | None:
    """The one a sentence tells was made to speak, right before the quote ("led Christie to suggest, …, “…”")."""
    m = _LED_TO_SAY.search(a.before)
    if m is None or _BEFORE_ANY.search(m.group("rest")):
        return None
    like = re.search(r"\b(?:like|such\s+as|including)\s+(?P<name>[A-Z][^,]*)$", m.group("spk"))
    spk = _subject(like.group("name") if like else m.group("spk"))
    if not spk:
        return None
    return _Attribution(spk, m.group("cue"), a.before[m.start():].strip(" ,:"), a.before_start > prev_attr_end,
                        a.after_start)


# Words that label a thing with a letter ("Plan B", "Section A", "Option C"): no first name before an initial
_LABEL_WORDS = frozenset({"plan", "section", "option", "measure", "proposition", "prop", "exhibit", "article",
                          "schedule", "appendix", "annex", "part", "chapter", "class", "type", "grade", "group",
                          "category", "phase", "stage", "level", "tier", "vitamin", "hepatitis", "model", "series",
                          "form", "box", "gate", "terminal", "platform", "room", "block", "unit", "ward", "wing",
                          "zone", "area", "sector", "division", "lot", "figure", "table", "item", "line", "route",
                          "runway", "building", "floor", "bay", "door", "question", "amendment", "clause", "rule",
                          "step", "round", "act", "scene", "volume", "page", "book", "track", "channel", "lane",
                          "pier", "hall", "court", "tower", "wave", "team", "pool", "league"})


# A sentence opening on its source: "According to a former Fox producer, …"
_ACCORDING_OPENING = re.compile(r"\s*According\s+to\s+(?P<spk>[^,.;:!?\"\u201c\u201d]{2,80}),\s")


# A subject that words were put to, with no one named putting them: "Hart was told:", "He was then asked in court:"
_PUT_TO_COLON = re.compile(r"\b(?:was|were|is|are|been|being)\s+(?:(?:[a-z]+ly|then|also|later|once|repeatedly)\s+)?"
                           r"(?:asked|told|warned|informed|reminded|advised|urged|ordered|instructed|questioned)"
                           r"(?:\s+(?:in|at|on|during|after|before)\s+[^,.;:!?\"\u201c\u201d]{1,30})?\s*:\s*$")


def _colon_before(a: _Around, prev_attr_end: int) -> _Attribution | None:
    """A sentence ending with a colon right before the quote, whose subject is a person ("X reassured her:"), or
    naming who speaks at its end ("That prompted the following, with Kilmeade stating:", "experts such as Dr X:")."""
    if not a.before.rstrip().endswith(":"):
        return None
    owned = _OWN_WORDS_COLON.search(a.before) or _WORDS_FROM_COLON.search(a.before) or _FROM_OWN_TEXT.search(a.before)
    if owned is not None:  # "Clinton's response was:", "Her reply was simple:", "From Bush's Facebook post:"
        owner = _OWNER_PRONOUN.get(owned.group("spk").lower(), owned.group("spk"))
        return _Attribution(owner, owned.group("noun"), owned.group().strip(" :"), a.before_start > prev_attr_end,
                            a.after_start)
    if _PUT_TO_COLON.search(a.before):
        return None  # "Hart was told:", "Jurors were asked:": put to the subject by someone the text does not name
    who = _WHO_COLON.search(a.before)
    if who is None and _WHOSE_COLON.search(a.before) and not _WHICH_COLON.search(a.before):
        return None  # "Police arrested a man on Sunday, whose mother said:": hers, never the police's
    which = None if who is not None else _WHICH_COLON.search(a.before)
    spk = _which_before(which.group("clause").strip()) if which is not None else None
    if spk is not None:  # "The coach criticised the league, which then said:": the league
        return _Attribution(spk, "said", a.par[a.before_start:a.before_start + len(a.before)].strip(" :"),
                            a.before_start > prev_attr_end, a.after_start)
    if who is not None:  # "The governor visited residents, who said:": whom "who" stands for, or no one
        spk = _named_before(re.split(r"[;:\u2014\u2013]", a.before[:who.start("clause")])[-1].split(",")[:-1] +
                            [who.group("clause").strip()]) or _who_before(who.group("clause").strip())
        return _Attribution(spk, "said", a.par[a.before_start:a.before_start + len(a.before)].strip(" :"),
                            a.before_start > prev_attr_end, a.after_start) if spk else None
    speaking = _NEWSLETTER_SOURCE.match(a.before) or _with_speaker(a.before) or \
        _WHO_WROTE_COLON.search(a.before) or \
        _DOCUMENT_READ.search(a.before) or _TITLED_NAME_COLON.search(a.before) or \
        _DOCUMENT_BY.search(a.before) or (None if _BEFORE_ANY.search(a.before) else _NAME_COLON.search(a.before))
    if speaking is not None and speaking.re is _NAME_COLON and re.search(r"\s[A-Z][.\u2024]\s", speaking.group("spk")) \
            and speaking.group("spk").split()[0].lower() in _LABEL_WORDS:
        return None  # "The vote went to Plan B. Jones:": an initial after a label's noun, not a first name
    if speaking is not None and speaking.re is _NAME_COLON and _BYLINE_END.search(a.before, 0, speaking.start()):
        return None  # "“Hamilton to play Chicago,” by Variety's Gordon Cox: “…”": an article's excerpt
    according = _ACCORDING_OPENING.match(a.before) if speaking is None and which is None else None
    spk = _one_of(a.before, speaking.group("spk")) if speaking is not None and speaking.re is _WITH_SPEAKING else \
        speaking.group("spk") if speaking else according.group("spk") if according else \
        None if which is not None else sentence_subject(_HEARD_THAT.sub("", a.before, count=1))  # ("According to
    # a former producer, Laterza entered fake names: “…”": the producer's words, not Laterza's; "The court heard
    # that Hart texted her:": Hart's)
    if not spk and which is None:  # "The Democratic National Committee issued a brief statement after the speech:"
        issuer = _ISSUER_COLON.match(a.before)
        spk = issuer.group("spk") if issuer is not None else None
    if not spk:  # (a "which" clause is no sentence subject's: "The mayor criticised the utility, which said:")
        return None
    if re.fullmatch(r"[A-Z][a-z]+s", spk.split()[0]) and SPEECH_WORD.fullmatch(spk.split()[0]):
        return None  # a headline's verb in capitals is no name: "Co-Worker Calls Alleged Shooter: “Very Spiritual”"
    return _Attribution(spk, "said", a.par[a.before_start:a.before_start + len(a.before)].strip(" :"),
                        a.before_start > prev_attr_end, a.after_start)


# A hearing's account opening the sentence, whose reported clause has the speaker: "The court heard that", "Jurors
# were told"
_HEARD_THAT = re.compile(r"^\s*(?:(?:The|the)\s+(?:court|jury|inquest|tribunal|hearing|trial|inquiry|committee|panel)|"
                         r"Jurors|Magistrates)\s+(?:heard|was\s+told|were\s+told)\s+(?:that\s+|how\s+)?")


# A "who" clause ending on a colon: "The governor visited residents, who said:"
_WHO_COLON = re.compile(rf"(?:^|[,;:]\s*)(?P<clause>[^,;:]+),\s+who\s+(?:later\s+|also\s+|then\s+)?(?:(?:{_CUE_WORDS}|"
                        r"put\s+it)\b[^,.;:!?]{0,40}|[a-z]+(?:\s+[a-z]+ly)?):\s*$")
# (or a verb with nothing after it but an adverb: "the defendant, who smiled:", "a man, who shouted:"; not "the
# firefighters, who rescued six people:")
# ... a "whose" clause of someone else's ("a man, whose mother said:")
_WHOSE_COLON = re.compile(r",\s+whose\s+(?:[a-z][\w\-]*\s+){0,2}[a-z][\w\-]*\s+(?:later\s+|also\s+|then\s+)?"
                          r"(?:said|says|told|tells|added|adds|stated|wrote|replied|responded)\b[^,.;:!?]{0,40}:\s*$")
# ... a "which" clause, with a verb an organisation speaks by: "The coach criticised the league, which later said:" (not
# "a letter to the council, which read:")
_WHICH_COLON = re.compile(rf"(?:^|[,;:]\s*)(?P<clause>[^,;:]+),\s+(?:which|{_WHOSE_SPOKESMAN})\s+"
                          r"(?:later\s+|also\s+|then\s+)?(?:said|says|told|tells|added|adds|stated|wrote|tweeted|posted|"
                          r"responded|replied|announced)\b[^,.;:!?]{0,40}:\s*$")


def _a_person(phrase: str | None) -> TypeGuard[str]:
    """Whether a speaker phrase is a person: "he", "she" or a person's name."""
    return phrase is not None and phrase != "" and (phrase.lower() in ("he", "she") or split_speaker(phrase).is_person)


# A dash before a quote of someone's own words, in the first person: "Trump also embraced enhanced interrogation
# techniques -- “I think waterboarding is peanuts …”"
_DASH_END = re.compile(r"\s(?:--|\u2014|\u2013)\s*$")


def _dash_before(a: _Around, prev_attr_end: int) -> _Attribution | None:
    """A sentence whose subject is a person, ending on a dash right before a quote that opens a sentence in the
    first person: that person's words."""
    if not _DASH_END.search(a.before) or not a.quote.lstrip()[:1].isupper() or not _first_person(a.quote):
        return None
    spk = sentence_subject(a.before)
    if not _a_person(spk):
        return None
    return _Attribution(spk, "said", a.par[a.before_start:a.before_start + len(a.before)].strip(" -\u2014\u2013"),
                        a.before_start > prev_attr_end, a.after_start)


# A statement someone issued, its words right after it: "Trump issued a statement, “…”", "His office put out a
# statement saying the U.S. “…”", "The DNC released a statement on Monday, offering “…”"
_ISSUED = re.compile(r"\b(?P<verb>issued|released|put\s+out|sent\s+out|posted|published)\s+(?:a|an)\s+"
                     r"(?:[\w\-]+\s+){0,2}?(?:statement|memo|letter|email|video|message|release)\b"
                     r"(?P<rest>[^\"\u201c\u201d]{0,100}?)[,:]?\s*$")


# A message, its writer, and the words it held: "an email Gulliver sent to a co-worker in April 2021 that read,"
_SENT_READING = re.compile(r"\b(?:an?|the)\s+(?:[a-z]+\s+)?(?:email|e-mail|letter|text(?:\s+message)?|message|note|"
                           r"memo|tweet|post)\s+(?P<spk>[A-Z][\w'\u2019\-]*(?:\s+[A-Z][\w'\u2019\-]*){0,3})\s+(?:had\s+)?"
                           r"(?P<verb>sent|wrote|posted|emailed|texted)\b"
                           r"(?:(?!,\s*who(?:se)?\b|\b(?:repl\w+|answer\w*|respon\w+|email|text|message|letter|note|"
                           r"memo|voicemail|whatsapp|screenshot|post|tweet|forward\w*|quot\w+)\b)"
                           r"[^.!?\"\u201c\u201d]){0,80}?\b(?:that|which)\s+"
                           r"(?:read|reads|said|says|stated)\s*[,:]?\s*$")


# A sentence opening on a participle of speaking, whose subject is the main clause's, named after the quote: "A day
# after telling reporters that he's “not going to talk about this anymore,” Congressman Anthony Weiner broke his
# silence", "After insisting that “…,” Smith left"
_OPENING_PARTICIPLE = re.compile(
    r"^\s*(?:(?:(?:A|One|Two|Three|Several|A\s+few)\s+(?:days?|weeks?|hours?|months?)|Shortly|Moments|Days|Hours|"
    r"Weeks)\s+)?(?:[Aa]fter\s+|[Bb]efore\s+|[Ww]hile\s+|[Ss]ince\s+|[Uu]pon\s+)?"
    r"(?P<cue>saying|telling\s+[^,.;:!?\"\u201c\u201d]{1,40}?|declaring|insisting|claiming|promising|vowing|"
    r"tweeting|announcing|warning|arguing|writing)\b[^,.;:!?\"\u201c\u201d]*$")
# ... and the main clause's subject after the quote: a name (a role and a party in brackets with it), or a pronoun,
# then its verb
_SUBJECT_AFTER_CLAUSE = re.compile(r"^[\u201d\"']?\s*(?P<spk>(?:[A-Z][\w.'\u2019\u2024\-]*\s+){0,5}"
                                   r"[A-Z][\w'\u2019\-]*|he|she)(?:\s+\([A-Z][\w.\u2024\-]*\))?\s+(?!(?:and|or|of)\b)"
                                   r"(?:[a-z]+ly\s+)?[a-z]{2,}\b")


def _opening_participle(a: _Around, prev_attr_end: int) -> _Attribution | None:
    """A quote ending a leading clause on a participle of speaking, with no subject of its own: the subject of the
    main clause after it ("After telling reporters that he was “not going to talk about this anymore,” Anthony
    Weiner broke his silence": Weiner's)."""
    if not a.quote.rstrip(" '\u2019").endswith(","):
        return None
    m = _OPENING_PARTICIPLE.match(a.before)
    after = a.par[a.after_start:a.after_start + len(a.after)]  # (as written: a title in quotes opens no name)
    subject = _SUBJECT_AFTER_CLAUSE.match(after) if m is not None else None
    if m is None or subject is None:
        return None
    spk = subject.group("spk")
    if spk not in ("he", "she") and not split_speaker(spk).is_person:
        return None
    text = a.par[a.before_start + m.start("cue"):a.before_start + m.end("cue")]
    return _Attribution(spk, m.group("cue").split()[0], text, True, a.after_start + subject.end("spk"))


def _statement_before(a: _Around, prev_attr_end: int) -> _Attribution | None:
    """A statement its subject issued, the quote its words ("Trump issued a statement, “…”"): the verb's
    subject, when no one else speaks in the words between ("… a statement about X, who called it “…”": X's); a
    message its writer sent that the quote's words are ("an email Gulliver sent to a co-worker that read, “…”")."""
    sent = _SENT_READING.search(a.before)
    if sent is not None:
        return _Attribution(sent.group("spk"), sent.group("verb"), sent.group().strip(" ,:"),
                            a.before_start > prev_attr_end, a.after_start)
    m = _ISSUED.search(a.before)
    if m is None or any(c.group("cue") not in ("saying", "stating") for c in _BEFORE_ANY.finditer(m.group("rest"))) \
            or re.search(r"\b(?:who|which|whom)\b", m.group("rest")):
        return None
    spk = _subject(a.before[:m.start()])
    if not spk:
        return None
    return _Attribution(spk, m.group("verb"), a.par[a.before_start:a.before_start + len(a.before)].strip(" ,:"),
                        a.before_start > prev_attr_end, a.after_start)


def _next_sentence(a: _Around, prev_attr_end: int) -> _Attribution | None:
    """A whole-sentence quote followed by "He added ..." or "Jones continued ...", or by "She said ..." reporting
    more of her words: that speaker."""
    if a.quote.rstrip()[-1:] not in ".!?" and not re.match(r"^\s*[.!?]", a.after):
        return None
    m = _NEXT_SENTENCE.match(a.after.lstrip(" .!?")) or _NEXT_SENTENCE_SAID.match(a.after.lstrip(" .!?"))
    if not m:
        return None
    return _Attribution(m.group("spk").replace("\u2024", "."), m.group("cue"), m.group().strip(), True,
                        a.after_start + len(a.after) - len(a.after.lstrip(" .!?")) + m.end())


def _previous_sentence(a: _Around, prev_attr_end: int) -> _Attribution | None:
    """A whole-sentence quote with no attribution after a sentence about a person: that person (the speaker, when
    that sentence reports what someone said); not when the quote names them (words about them)."""
    ends_sentence = a.quote.rstrip()[-1:] in ".!?\u2026" or a.after.strip()[:1] in ("", ".", "!", "?") or \
        a.after.lstrip().startswith(("--", "\u2014", "\u2013"))  # "“…” -- something he never could": an aside
    if a.before.strip() and not _OPENING_ADVERBIAL.fullmatch(a.before) or not a.prev_sentence or \
            not ends_sentence or a.after.lstrip(" ,")[:1].islower():
        return None  # ("“Why did you do it?” the widow read from her son's letter": its sentence says whose)
    prev = a.prev_sentence.strip()
    if prev.endswith("?"):
        return None  # "Governor Pence? “Solid as a rock.”": the one asked about, not the one answering
    reported = _reported_speech(prev, prev)  # "Page was no tease, Yeager said. “…”": Yeager
    pronoun = _PRONOUN_SAID_END.search(prev)  # "Taking Archie out is his favourite thing, he said. “…”": he
    clause = None if reported or pronoun else _SAID_IN_CLAUSE.search(prev)
    if clause is not None and not _TO_WHOM_END.fullmatch(prev, clause.end()):
        return None  # "Lohan checked into Betty Ford, her rep confirms to PEOPLE, and …. “…”": not Lohan's
    spk = reported.speaker.replace("\u2024", ".") if reported else pronoun.group(1) if pronoun else \
        clause.group("spk").strip() if clause else sentence_subject(prev)  # "…, her rep confirms to PEOPLE."
    if not spk:
        return None
    last = spk.split()[-1]
    if last[:1].isupper() and re.search(rf"\b{re.escape(last)}\b", a.quote):
        return None  # "Governor Palin visited … “Gov. Palin stopped by …”": words about the subject, not theirs
    return _Attribution(spk, "said", "", False, a.after_start)


# A clause of its own in which someone else (a few words, no pronoun: "she says", "who told" are the subject's own)
# says something: the sentence's subject is not who spoke; when the clause ends the sentence, its speaker is.
_SAID_IN_CLAUSE = re.compile(rf",\s+(?!(?i:he|she|they|it|i|we|you|who|which|that)\b)"
                             rf"(?P<spk>(?:[\w'\u2019.-]+\s+){{1,4}}?)(?:{_CUE_WORDS}|confirms|reports|reported)\b")
# The rest of a sentence after its closing clause's speech verb: "…, her rep confirms to PEOPLE."
_TO_WHOM_END = re.compile(r"(?:\s+(?:to|in|on)\s+[^,.;:!?]{1,40})?\s*[.!]?\s*")
_PRONOUN_SAID_END = re.compile(r",\s+(he|she)\s+(?:said|says|added|adds|explained|recalled)\s*[.!]$")
_ASIDE_BEFORE = re.compile(r"\s(?:\u2014|\u2013|--)\s(?:(?!\u2014|\u2013|--).)+(?:\u2014|\u2013|--)\s*$")
_SENTENCE_ENDS = (". ", "? ", "! ", ".\u201d ", '." ', "?\u201d ", "!\u201d ")


# How many characters before and after a quote the parse reads at most: a long sentence's clause with the quote
_PARSE_REACH = 600


def _parsed(a: _Around, prev_attr_end: int) -> _Attribution | None:
    """The subject of the speech verb governing the quote in spaCy's parse of its sentence (``speech_parse``):
    "…," Reid said as he began …; Swalwell emerged and said, "…"."""
    after = a.after
    if re.match(r"^\s*[.!?]", after) or a.quote.rstrip()[-1:] == "." or \
            a.quote.rstrip()[-1:] in "!?" and not re.match(r"\s*[a-z]", after):  # "…?” she said years later"
        after = ""
    else:
        ends = [i for i in (after.find(". "), after.find("! "), after.find("? ")) if i >= 0]
        after = after[:min(ends) + 1] if ends else after
    before = PARTY_LABEL.sub("", _sentence_before(a))
    aside = _ASIDE_BEFORE.search(before)
    if aside is not None:  # "X told The Post — where Y said she was … — “…”": the aside's verb is not the quote's
        before = before[:aside.start()] + " "
    if len(before) > _PARSE_REACH:  # a run-on "sentence" of a whole paragraph, parsed once per quote, is no
        # sentence's subject and made a hostile 9 KB paragraph of 300 quotes take 18 s: its last words only
        before = before[before.find(" ", len(before) - _PARSE_REACH) + 1:]
    after = a.par[a.after_start:a.after_start + len(after)][:_PARSE_REACH]
    found = speaker_of_quote(before, "," if a.quote.rstrip().endswith(",") else "", after, _parsed_speaks)
    if found is None or not _parsed_speaks(found):
        return None  # "the Oscar-winning movie said": a subject, but no speaker
    if PLACEHOLDER in found.phrase.split():
        return None  # an earlier quote is no speaker
    relative = _RELATIVE_CUE_END.search(before)
    if relative is not None and (found.cue != relative.group("cue") or relative.group("rel") != "who"):
        return None  # "Officers questioned a cyclist on Bridge Road, who told them: “…”": the quote is the relative
        # clause's, whose "who" the rules resolve or leave to no one (a parse hanging it on "questioned" is wrong); "a
        # man, whose mother said:": hers, not "Sunday's mother"
    text = before.strip(" ,:") or after.strip(" ,.")
    phrase = re.sub(rf"^{PLACEHOLDER}['\u2019]\s+", "", found.phrase)  # "''…'' Mr. Trump said": the closing mark's
    # second apostrophe after the blanked quote is no part of him
    return _Attribution(phrase, found.cue, text, True, a.after_start + len(after), parsed=True)


# A relative clause's speech verb right before the quote: ", who later told them:", ", who said,"
_RELATIVE_CUE_END = re.compile(r",\s+(?P<rel>who|whose\s+[a-z]+)(?:\s+(?:later|then|also|once|again|quickly|afterwards|"
                               r"[a-z]+ly))*\s+"
                               r"(?P<cue>said|says|told|tells|added|adds|wrote|writes|replied|explained|testified|"
                               r"declared|posted|tweeted|shouted|yelled|chanted)(?:\s+[a-z]+){0,3}\s*[:,]?\s*$")


def _parsed_speaks(found: ParsedSpeaker) -> bool:
    """Whether a subject the parse found may be a speaker: a name, "he", "she" or "it", a speaker's or an
    organisation's noun (not "the proceeds", "the Oscar-winning movie")."""
    return found.proper or found.head in ("he", "she", "it") or _speaker_noun(found.head) or found.head in ORG_NOUNS


def _sentence_before(a: _Around) -> str:
    """The quote's sentence from its start up to the quote, across a quote before it in the sentence (whose words are
    one placeholder: ``_quotes_blanked``)."""
    head = _mask(a.par[:a.before_start])
    start = max([head.rfind(mark) + len(mark) for mark in _SENTENCE_ENDS if mark in head], default=0)
    return _quotes_blanked(a.par[start:a.before_start + len(a.before)])


def _quotes_blanked(text: str) -> str:
    """``text`` with each quote's words replaced by one placeholder word: a name inside an earlier quote ("so
    Russia cannot win the war," stressing that "...") is never the subject the parse finds for a verb outside it."""
    out, last = [], 0
    for qs, qe, _ in quote_spans(text):
        out += [text[last:qs], PLACEHOLDER]
        last = qe
    return "".join(out) + text[last:]


# Where a direct quote's attribution is looked for, in this order: the first one found is taken.
_ATTRIBUTION_FINDERS = (_said_after, _said_late, _words_of, _called_out, _intro_before, _saying_before, _led_to_say,
                        _cue_before,
                        _colon_before, _dash_before, _statement_before, _opening_participle, _parsed, _next_sentence,
                        _previous_sentence)


# The finders that read a speaker across earlier quotes: those on a speech verb (not "X became a bestseller, with
# “…” — … the author's visions: “…”", whose subject a colon alone does not make a speaker)
_ACROSS_FINDERS = (_intro_before, _saying_before, _cue_before)
_FINDER_NAMES = tuple(f.__name__.strip("_") for f in _ATTRIBUTION_FINDERS) + ("",)


def _phrase_form(phrase: str, person: bool) -> str:
    """The form of a speaker phrase: a pronoun, a description ("the minister", "a source"), or a name."""
    low = phrase.strip().lower()
    if low in _PRONOUNS:
        return "pronoun"
    if low.split()[0] in ("the", "a", "an", "one", "another", "two", "three", "some", "his", "her", "their"):
        return "description"
    return "name" if person else "organisation"


def _via(finder: str, attr: _Attribution | None, speaker: str | None, person: bool) -> str:
    """A credited quote's path: the rule whose phrase gave the speaker, and the phrase's form."""
    return f"{finder}/{_phrase_form(attr.speaker, person)}" if attr is not None and speaker else ""


def _speaker_noun(word: str) -> bool:
    """Whether a common noun can head a speaker phrase ("officials", "the minister", "the 43-year-old")."""
    return any(w in SPEAKER_NOUNS or w in ROLE_WORDS or w in EPITHET_NOUNS for w in (word, word.removesuffix("s")))


def _bad_speaker_word(phrase: str) -> bool:
    """Whether a speaker phrase holds a word no speaker phrase has (an auxiliary, a relative or a conjunction: "which
    is called"), not counting a name's "Will", "May" ("Will McClay", "Theresa May", "Mrs May")."""
    words = phrase.split()
    named = [w for i, w in enumerate(words) if not (w in ("Will", "Can") and i + 1 < len(words) and
                                                    words[i + 1][:1].isupper() or month_surname(words[:i + 1]))]
    return any(w.lower().strip("\u2024.,'\u2019") in _BAD_SPEAKER_WORDS for w in named)


def _of_another_person(description: str, gender: str) -> bool:
    """Whether a description is a person's by another whom a name in apposition after it may be ("The mother of
    the boy"), and a "he" (``gender`` m) or "she" may be them."""
    return names_the_object(description, "") and _described_person(description) and \
        description_gender(_description_head(description)) in ("?", gender)


# A relative opening a sentence, perhaps with a given name: "His brother paid tribute", "Her mother, Ann, said"
_KIN_SUBJECT = re.compile(r"(?P<desc>(?:His|Her|Their)\s+(?:(?:older|younger|elder|eldest|youngest|twin|late)\s+)?"
                          r"(?P<head>[a-z]+))(?:,?\s+(?P<given>[A-Z][a-z]+)(?=,?\s+[a-z]))?")


# Heads of a speaker as written that describe people, in the singular: "The witness", "Some 55 percent of voters"
_PEOPLE_HEADS = _PERSON_HEADS | EPITHET_NOUNS | {"people", "voter", "percent"}


def _of_people(speaker: str) -> bool:
    """Whether a speaker as written describes people ("The witness", "Some 55 percent of voters"), no "it"."""
    words = re.split(r"\s+(?:of|for|to|with|at|from)\s+", speaker.lower(), maxsplit=1)[0].split()
    return bool(words) and (words[-1] in _PEOPLE_HEADS or words[-1].endswith("s") and words[-1][:-1] in _PEOPLE_HEADS)


def _described_person(description: str) -> bool:
    """Whether a description of one by another is a person's: "The lawyer for the defendant", "The mother of the
    boy" (its head, before the preposition, a speaker's, a role's or a woman's or man's noun)."""
    head = _description_head(description)
    return _speaker_noun(head) or description_gender(head) != "?"


def _description_head(description: str) -> str:
    """The head of a description of one by another, lower-case: its last word before the preposition ("lawyer" of
    "The lawyer for the defendant")."""
    return re.split(r"\s+(?:of|for|to|with)\s+", description, maxsplit=1)[0].split()[-1].lower()


def _clear_speaker(spk: str) -> bool:
    words = [w.strip(".\u2024'\u2019") for w in spk.split()]
    if not words or len(words) > 8:
        return False
    low = [w.lower() for w in words]
    if _bad_speaker_word(spk) or low[-1] in _PRONOUNS:
        return False
    head = re.sub(r"['\u2019]s$", "", words[-1])
    # "Geoana", "The Kremlin", "French officials", "Macron's office", "two sources close to Mr. Macron".
    if head[:1].isupper() and head.lower() not in {"the", "a"}:
        return True
    if head.lower() in SPEAKER_NOUNS:
        return True
    return any(w in SPEAKER_NOUNS for w in low) and any(w in ("to", "of", "from", "for", "in", "at") for w in low)


class _Reported(NamedTuple):
    speaker: str  # as written (masked)
    cue: str
    content: str  # what was said (masked)
    attribution: str


# Words that open a clause inside a speaker phrase, and a clause's verb where reported words need their subject
_CLAUSE_OPENER = re.compile(r"\b(?:after|before|when|because|since|until|once|although|though|whereas|if)\s+")
_OPENED_CLAUSE = re.compile(_CLAUSE_OPENER.pattern + "$")  # the speaker phrase starts a clause it opens
_VERB_FIRST = re.compile(r"(?:is|are|was|were|has|have|had|will|would|could|can|should|must|may|might)\b")
# The commas of a date, around its year: "Oct. 14,| 2016,| interview"
_DATE_COMMA = re.compile(r"\b\d{1,2},\s+(?:\d{4},\s+)?$")
# A list of capitalised words after "of" or "for" ("the Bureau of Alcohol, Tobacco, Firearms and Explosives"): a
# comma in it opens no clause
_CAPITALISED = r"[A-Z][\w'\u2019\-]*"
_NAMES = rf"{_CAPITALISED}(?:\s+{_CAPITALISED})*"
_NAME_LIST = re.compile(rf"\b(?:of|for)\s+(?:the\s+)?{_NAMES}(?:,\s+{_NAMES})*,\s+$")
# ... whose items go on after the comma to an "and" ("The governors of New York, New Jersey and Connecticut said",
# "Residents of Ha Tuke, Mechaling, Ha Pitso and Mokotane say"; not "at the College of Osteopathic Medicine, King
# said")
_CLAUSE_IN_SPEAKER = re.compile(r"\b(?:as|after|before|while|when|because|and|but|since|until)\b")
# After a list of places a person's noun governs ("The mayor of Calgary, Alberta said"), a state, province or a
# place of the gazetteer ("Kandahar, Afghanistan said"; not "As a member of Congress, Smith said"); after an
# organisation's name ("at the University of Michigan, Whitmer said"), a state or province only
_PLACE_SAYS = re.compile(r"(?P<place>[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,2})\s+[a-z]")
_STATE_SAYS = re.compile(rf"(?:{STATES}|Berkeley|Davis|Irvine)\s+[a-z]")


def _place_list_before(masked: str, at: int) -> bool:
    """Whether ``at`` follows a list of places ("The governors of New York, New Jersey and| Connecticut said", "The
    mayor of Portland,| Maine said"): the clause it seems to open is no speaker's."""
    places = _NAME_LIST.search(masked, 0, at)
    if places is None:
        return False
    if _LIST_GOES_ON.match(masked, at):
        return True
    governed = masked[:places.start()].rstrip().rsplit(" ", 1)[-1]
    if not governed.islower():
        return bool(_STATE_SAYS.match(masked, at))
    place = _PLACE_SAYS.match(masked, at)
    return place is not None and is_place_name(place.group("place"))


_LIST_GOES_ON = re.compile(rf"{_NAMES}(?:,\s+{_NAMES})*,?\s+(?:and|&)\s+(?:the\s+)?{_CAPITALISED}")
# A capitalised word right before "and": the clause "and" opens may be the rest of a name ("Arts and Sciences")
_INSIDE_NAME = re.compile(r"\b[A-Z][\w'\u2019\-]*\s+and\s$")


# A report confirmed or denied, an object, not words said: "confirmed the report to the Los Angeles Times"
_REPORT_CONFIRMED = re.compile(r"(?:the|a|an|these|those|such)\s+(?:[a-z]+\s+)?(?:reports?|news|story|stories|claims?|"
                               r"details?|accounts?|rumou?rs?|allegations?)(?=\s*[,.]|\s+(?:to|in|on|at|from|with)\b)")
_ADDING_THAT = re.compile(r",\s+adding\s+that\s+")


# Where the words a speaker is reported to have said end: a verb of theirs ("…, and accused the general of", "but
# warned people with allergies", "but declined to release his name": shorter words, all theirs, where the verb may
# be the speaker's or the clause's subject's: "the man was asked to leave but refused"), the writer's "though he did
# not say how", another speaker ("…, and another 27 percent said", "…, though IRCC has since confirmed", "– although
# no one can say"), the writer's aside ("– also"), or "adding that" (more of theirs)
_SPEAKERS_VERBS = (r"(?:also\s+|then\s+|later\s+)?(?:accused|denied|said|added|questioned|urged|warned|insisted|noted|"
                   r"stressed|claimed|asked|argued|told|pledged|vowed|promised|called|critici[sz]ed|praised|"
                   r"admitted|acknowledged|conceded|suggested|described|thanked|apologi[sz]ed|declined|refused)\b")
_REPORTED_END = re.compile(
    rf",?\s+(?:and|but)\s+{_SPEAKERS_VERBS}"
    # the writer's remark on what the speaker did not give ("…, though he did not say how", "but did not release his
    # name", "…, but police didn't identify him"; not the speaker's "but it would not be enough")
    r"|,?\s+(?:though|although|but)\s+(?:(?:he|she|it|they|police|officials|authorities|the\s+[a-z]+)\s+)?"
    r"(?:(?:did|does|do|has|have|had|would|could)\s*(?:not|n['\u2019]t)\s+(?:say|specify|elaborate|explain|identify|"
    r"name|release|give|provide|disclose|comment|offer|detail|reveal|respond|discuss|indicate)"
    r"|(?:has|have|had)\s*(?:not|n['\u2019]t)\s+(?:(?:yet|publicly)\s+)?(?:said|specified|elaborated|explained|"
    r"disclosed|commented|responded|(?:identified|named|released|given|provided|offered|detailed|revealed)\s+"
    r"(?:(?:his|her|their|the|a|an|any|further|more)\s+)?(?:[a-z]+['\u2019]s\s+)?(?:names?|details|reasons?|motive|"
    r"information|identity|figures|timeline|him|her|them|evidence|proof|victims?|explanation|specifics|comment))"
    r"|(?:gave|offered|provided)\s+no)\b"
    r"|,?\s+(?:and|but|though|although|whereas|while)\s+(?!(?:he|she|it|they|that|also|then|later|said|says|told|"
    r"confirmed|reported|claimed|insisted|argued|denied)\b)[A-Za-z]"
    r"(?:(?!\b(?:who|whom|that|which|they|he|she|we)\b)[^,.;\u2013\u2014]){0,50}?\s"
    r"(?:said|say|says|told|confirmed|reported|claimed|insisted|argued|denied)\b"
    r"(?!\s+(?:was|were|is|are|had|has|have|would|will|could|tried|wanted)\b)"  # (not "a woman they said was his
    # girlfriend fled", "a board member investors said had been pushed out": a relative clause)
    r"|\s[\u2013\u2014]\s+(?:although|though|also)\s|,\s+(?:adding|stating|noting|saying)\b"
    # another source's attribution ("…, the Anchorage Daily News reported Sunday"), the writer's comparison ("…,
    # as have some members of Congress")
    r"|,\s+(?:(?:the\s+)?[A-Z][\w'\u2019\-.]*(?:\s+[A-Z][\w'\u2019\-.]*){0,5}\s+(?:reported|reports|said|says)"
    r"|(?:[\w'\u2019\-.]+\s+){1,5}(?:reported|reports))"  # ("…, Afghan media reported", "state news agency TASS
    # reported, quoting a Kremlin aide")
    r"(?:\s+(?:on\s+)?\w+day)?(?:,\s+(?:citing|quoting)\b[^.!?]*)?\s*[.!]?$"
    r"|,\s+as\s+(?:have|has|had|did|do|does)\s")
# A clause after a cue without "that": a pronoun and its verb, or a subject and an auxiliary ("confirmed it
# completed the release", "announced Tony DiLeo, the team's assistant manager, will take over", "confirmed a
# Housing Authority officer was shot"; not "denied allegations he was", "announced two days of mourning", "denied the
# motions because there was", "denied a report the government was", "the mistakes its staff had made")
_NOT_IN_SUBJECT = (r"(?:because|that|which|who|he|she|they|it|there|when|if|as|after|before|while|and|but|since|"
                   r"although|though|the|a|an|his|her|its|their|many|some|most|all|these|those|this)")
_CLAUSE_AFTER_CUE = re.compile(
    r"(?:he|she|it|they|we|there)\s+(?!(?:the|a|an|in|on|at|to|for|with|by|from|of|as|after|before)\b)[a-z]"
    # a subject of up to three words, no plural before another word ("the charges prosecutors have"), or a name
    r"|(?:(?:(?:the|a|an|his|her|its|their|both|several|two|three|four|five|\d+)\s+)?"
    rf"(?:(?!{_NOT_IN_SUBJECT}\b)(?![a-z\-]*[^suia'\u2019\s]s\s)[\w'\u2019\-]+\s+){{0,2}}(?!{_NOT_IN_SUBJECT}\b)"
    r"[\w'\u2019\-]+\s+"
    r"|(?:[\w\-]+\s+)?[A-Z][\w'\u2019\-\u2024]*(?:\s+[A-Z][\w'\u2019\-\u2024]*)*(?:,[^,]{1,80},)?\s+)"
    r"(?:is|was|are|were|had|has|have|would|will|could|did|should|might|may|can)\b")
# "that" as a demonstrative: "maintained that position", "confirmed that account"
_THAT_THING = re.compile(r"(?:position|view|stance|line|claim|argument|decision|policy|idea|approach|account|version|"
                         r"assessment|figure|number|report|story|statement)\b(?!\s+(?:is|was|are|were|had|has|have|"
                         r"would|will|could|should|might|may|can|did)\b)")
# The writer's own "I" in what a sentence reports: no one else's words ("In 2012, after I had been reporting my
# Ailes biography, …, according to a person close to Kelly")
_WRITER_FIRST_PERSON = re.compile(r"\bI(?:['\u2019][a-z]+\b|\s+(?!(?:and|or|of|in|to|on|at|for|with|by|from|as|is|"
                                  r"diabetes|trials?|funding|program|status)\b)[a-z]+)|\b(?:me|my)\b")  # (a verb after
# it: "When I called"; not "I-95", "World War I and later", "Type I diabetes")


_RELATIVE = re.compile(r"\b(?:who|whom|that|which)\b")
_AUXILIARY = re.compile(r"\b(?:would|will|could|should|can|may|might|must|was|were|is|are|had|has|have)\b")


# Where the clause of a verb after "and" ends: "… and added that he was known" (its own words: no auxiliary of the
# relative clause's subject before "that"); not at a pronoun ("a man who attacked a woman and claimed he was a police
# officer had been arrested": the man's clause runs on to its auxiliary)
_CLAUSE_END = re.compile(r"[,;.]|\bthat\b|$")


def _reported_words(content: str) -> str:
    """The words a sentence reports, up to another verb of the speaker's, another speaker or the writer's aside (a
    verb after "and" with no comma, after a relative pronoun and before the subject's auxiliary, is the relative
    clause's: "residents who lost power and asked for help would receive vouchers")."""
    for end in _REPORTED_END.finditer(content):
        clause_end = _CLAUSE_END.search(content, end.end())
        stop = clause_end.start() if clause_end else len(content)
        helpers = sum(1 for h in _AUXILIARY.finditer(content, end.end(), stop)
                      if not re.search(r"\b(?:he|she|it|they|we)\s+$", content[:h.start()]))  # not "they had"
        relative = _RELATIVE.search(content, 0, end.start())
        own = re.match(r"\s+\w+", content[relative.end():]) if relative is not None else None  # "who was seen"
        if end.group().startswith(",") or relative is None or not helpers or \
                _AUXILIARY.search(content, relative.end() + (own.end() if own else 0), end.start()):
            return content[:end.start()]  # ("… who lost power would get vouchers and promised …": the subject's
            # verb came before "and"; "… who were flooded received grants and promised it would": the pronoun's
            # clause has the only auxiliary; but "a man who … and claimed he was … had been arrested")
    return content


def _reported_speech(sent: str, masked: str) -> _Reported | None:
    """Speaker, cue and content of a sentence of reported speech with a clear speaker."""
    found = _speaker_after(sent, masked) or _speaker_before(sent, masked) or _subject_saying(sent, masked)
    return _within_fronted_clause(found, masked) if found is not None else None


# A sentence opening on a subordinate clause: "But when Clinton said …, he looked", "After the mayor said …, residents"
_FRONTED_CLAUSE = re.compile(r"\s*(?:(?:But|And|So|Yet)\s+)?(?:[Aa]fter|[Ww]hen|[Ww]hile|[Aa]s|[Ss]ince|[Bb]ecause|"
                             r"[Aa]lthough|[Tt]hough|[Ii]f|[Bb]efore|[Uu]ntil|[Oo]nce|[Uu]nless|[Bb]y\s+the\s+time)\s+")
_CLAUSE_COMMA = re.compile(r",\s")  # a comma ending a clause (not one inside a number: "2,400")


def _within_fronted_clause(found: _Reported, masked: str) -> _Reported:
    """Reported speech whose cue is in a subordinate clause opening the sentence ends with that clause, and its
    speaker is the clause's subject ("After the mayor said the park would close, residents gathered": the mayor,
    "the park would close"; not "…, residents gathered …" from "After the mayor")."""
    fronted = _FRONTED_CLAUSE.match(masked)
    clause_end = _CLAUSE_COMMA.search(masked, fronted.end()) if fronted is not None else None
    comma = clause_end.start() if clause_end is not None else -1
    cue_at = masked.find(found.cue, fronted.end()) if fronted is not None else -1
    content_at = masked.find(found.content)
    if comma < 0 or not 0 <= cue_at < comma or not content_at < comma < content_at + len(found.content):
        return found
    return found._replace(speaker=_FRONTED_CLAUSE.sub("", found.speaker, count=1),
                          content=found.content[:comma - content_at].rstrip(" ,"))


def _speaker_after(sent: str, masked: str) -> _Reported | None:
    """"..., X said." / "..., according to X.": the speaker after the words."""
    for rx in (_INDIRECT_TRAIL, _ACCORDING):
        m = rx.match(masked)
        if m and _clear_speaker(m.group("spk")) and "," not in m.group("spk"):
            end = m.start("aside") if rx is _INDIRECT_TRAIL and m.group("aside") else len(sent)
            return _Reported(m.group("spk"), m.group("cue"), m.group("content"),
                             sent[m.end("content"):end].strip(" ,.!"))
    return None


def _speaker_before(sent: str, masked: str) -> _Reported | None:
    """"X said (that) ...", at the start of the sentence or of a clause."""
    for st in [0] + [m.end() for m in re.finditer(rf",\s+|\b(?:but|and|while|as)\s+|{_CLAUSE_OPENER.pattern}", masked)
                     if not _INSIDE_NAME.search(masked, 0, m.end())  # not "Arts and| Sciences announced"
                     and not _place_list_before(masked, m.end()) and not _DATE_COMMA.search(masked, 0, m.end())]:
        # (nor "Bureau of Alcohol, Tobacco,| Firearms and Explosives"; nor "in an Oct. 14, 2016,| interview with Fox
        # News claimed": a date's commas)
        found = _speaker_from(sent, masked, st)
        if found is not None:
            return found
    return None


def _speaker_from(sent: str, masked: str, st: int) -> _Reported | None:
    """Reported speech whose speaker phrase opens at ``st``: "X said (that) ...", "X, a ..., said ..."."""
    m = _INDIRECT_LEAD.match(masked, st)
    if m is None and (m := _INDIRECT_APPOSED.match(masked, st)) is not None and \
            not split_speaker(trim_phrase(m.group("spk") or m.group("named"))).is_person:
        return None  # ("On Monday, the day after the vote, said": no one)
    who = "named" if m is not None and m.re is _INDIRECT_APPOSED and m.group("named") else "spk"
    if who == "named" and m is not None and names_the_object(m.group("desc"), m.group("named")):
        who = "desc"  # "The mother of the boy, Liam Cole, said": the mother, maybe not Liam Cole
    opening = _OBJECT_DESCRIPTION.fullmatch(masked, 0, st) if st and m is not None and who == "spk" else None
    described = opening.group("desc") if opening is not None and m is not None and \
        names_the_object(opening.group("desc"), m.group("spk")) else None  # ("The father of the boy, Ethan
    # Brooks, 6, said", "Lawyers for the defendant, Marcus Hill, 24, said": the father, the lawyers)
    in_clause = st > 0 or _CLAUSE_IN_SPEAKER.search(m.group(who)) is not None if m else False
    if not m or _VERB_FIRST.match(m.group("content")) or re.search(r"\bwhat\b", m.group(who), re.I) or \
            in_clause and _ONLY_WHERE.match(" " + m.group("content")):
        return None  # "The man police say is behind ...": no one's words, a relative clause; "…, Smith said at a
        # news conference.": where, not what, he said; "echoed what Smith said at a rally": said before
    said = _what_was_said(m)
    if said is None:
        return None
    content, cue = said
    # "... riots across Greece after witnesses claimed that": the speaker opens its own clause
    spk_start = m.start(who) + max((c.end() for c in _CLAUSE_OPENER.finditer(m.group(who))), default=0)
    subordinate = _OPENED_CLAUSE.search(masked, 0, spk_start) is not None
    spk = re.sub(r"^(?:but|and|while|as)\s+", "", masked[spk_start:m.end(who)], flags=re.IGNORECASE)
    spk = re.sub(r"^(he|she)\s+(?:also|later|again|previously|now)$", r"\1", spk, flags=re.IGNORECASE)
    if subordinate and spk.split()[0].lower() in _PRONOUNS:
        return None  # "X sounded aware ... when he noted": whom "he" is the clause it hangs on says, not this rule
    if re.search(r"\bto$", spk):  # "The senator declined to say whether": nothing said; "The judge pointed to
        spk = _subject(spk) or ""  # a case to say that": the judge
        if not spk:
            return None
    if described is not None:
        spk, spk_start = described, 0
    if spk.lower() in ("it", "he", "she") or (who == "desc" or described) and _described_person(spk) or \
            _clear_speaker(trim_phrase(spk)) and spk.split()[0].lower() not in _PRONOUNS:
        return _Reported(spk, cue, content, sent[spk_start:m.end("how") if m.group("how") else m.end("cue")])
    return None


def _what_was_said(m: re.Match) -> tuple[str, str] | None:
    """(content, cue) of a reported-speech match: the words after the cue, past where they were said and what
    was confirmed; None when the cue takes a thing, not words."""
    content, cue = m.group("content"), m.group("cue")
    past = None if m.group("that") else _past_where(content)
    if past is not None and not past:
        return None  # "said at a rally in Las Vegas, Nevada.", "said in an interview, produced by …": where
    content = past or content  # "said in an interview, the state would not raise taxes": the clause
    if _REPORT_CONFIRMED.match(content):  # "confirmed the report to the Times, adding that he …": what he added
        adding = _ADDING_THAT.search(content)
        if adding is None:
            return None
        content, cue = content[adding.end():], "adding"
    elif re.sub(r"\s+", " ", cue) in _THAT_CUES and not m.group("that") and not _CLAUSE_AFTER_CUE.match(content) \
            or m.group("that") and _THAT_THING.match(content):
        return None  # "denied allegations he …", "maintained that position at …": a thing, not words (but
        # "confirmed it completed the release")
    return _reported_words(content), cue


def _subject_saying(sent: str, masked: str) -> _Reported | None:
    """"Zhao rejected that argument, saying Beijing's … should remain …": the sentence's subject."""
    saying = _INDIRECT_SAYING.search(masked)
    subject = sentence_subject(masked[:saying.start()]) if saying is not None else None
    if saying is not None and subject and (saying.group("that") or _CLAUSE_AFTER_CUE.match(saying.group("content"))) \
            and _clear_speaker(trim_phrase(subject)):
        at = masked.find(subject)
        return _Reported(subject, saying.group("cue"), _reported_words(saying.group("content")),
                         f"{sent[at:at + len(subject)]} … {saying.group('cue')}")
    return None


# A dateline in capitals and a station's or agency's call letters: "SOUTHWEST MIAMI-DADE, FLA. (WSVN) -"
_ANY_DATELINE = re.compile(r"[A-Z][A-Z0-9 .,'\-]{1,60}?\s*\([A-Z][A-Za-z0-9 &]{1,15}\)\s*[-\u2013\u2014:]\s*")


def _writer_speaks(content: str) -> bool:
    """Whether reported words hold the writer's own "I" ("When I called the company", "after I had been reporting my
    biography") or "me", "my"; not a name's or a numeral's "I" ("Charles I had been", "World War I memorial")."""
    for m in _WRITER_FIRST_PERSON.finditer(content):
        if m.group().startswith("I"):
            before = content[:m.start()].split()
            if before and before[-1][:1].isupper() and len(before) >= 2 and not before[-2].endswith((".", "!", "?")) \
                    and before[-1].lower() not in _MONTHS_AND_DAYS:
                continue  # a capitalised word before it inside the sentence: "Charles I", "World War I"
        return True
    return False


def _indirect(ctx: _Context, sentence: str, offset: int, p_index: int) -> Quote | None:
    """The sentence as an indirect quote, if it reports what a clear speaker said."""
    sent = clean_space(sentence)
    if not sent or sent[-1] not in ".!":
        return None
    masked = _mask(sent)
    found = _reported_speech(sent, masked)
    if found is None:
        return None
    start = masked.index(found.content)
    content = sent[start:start + len(found.content)].strip(" ,").rstrip(".!,;").strip()
    dateline = _ANY_DATELINE.match(content)  # "SOUTHWEST MIAMI-DADE, FLA. (WSVN) - An overnight crash …"
    content = content[dateline.end():] if dateline is not None else content
    if len(content.split()) < 4 or _writer_speaks(content):
        return None
    short, full, role, person = _speaker_fields(ctx, found.speaker.replace("\u2024", ".").strip(), offset, p_index)
    if not short:
        return None
    return Quote("indirect", content, short, full, found.cue, clean_space(found.attribution).replace("\u2024", "."),
                 ctx.article_id, offset, [], person, role, via=f"indirect/{_phrase_form(found.speaker, person)}")


def _same_quote(a: list[str], b: list[str]) -> bool:
    """Near-identical token lists, or the shorter (4 tokens or more) a part of the longer: most of it in runs of
    three words or more of the longer (nearly all of a short one: "the purposes of the Endangered Species Act" is
    no part of "... the scientific foundation of the Endangered Species Act ...")."""
    if not a or not b:
        return False
    ratio, contain = similarity(a, b)
    if ratio >= 0.75:
        return True
    short = min(len(a), len(b))
    if short < 4 or contain < 0.85:
        return False
    runs = sum(m.size for m in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks() if m.size >= 3)
    return runs >= (0.85 if short < 12 else 0.7) * short


def merge_quotes(quotes: dict[int, list[Quote]], order: list[int], sources: dict[int, str]) -> list[dict]:
    """Merge near-identical quotes carried by several articles into one ledger entry each, every person under one
    canonical name across outlets ("Mr. Macron", "the French president" -> Emmanuel Macron)."""
    _canonicalise(quotes, order)
    return [_ledger_entry(group, sources) for group in _group_quotes(quotes, order)]


def _canonicalise(quotes: dict[int, list[Quote]], order: list[int]) -> None:
    """Give each person's quotes the story's canonical name, fullest phrase and role; a definite description
    ("the French president") becomes the one person whose role it fits."""
    everyone = [q for aid in order for q in quotes.get(aid, ())]
    people = canonical_people([(q.speaker, q.role) for q in everyone if q.speaker and q.is_person])
    for q in everyone:
        if q.shared_surname and q.speaker in people:  # "Justice Thomas" of an article naming Ginni Thomas too
            people[q.speaker] = Canonical(q.speaker, people[q.speaker].role)
    fullest: dict[str, str] = {}
    for q in everyone:
        if q.speaker and q.speaker_full and q.is_person:
            name = people[q.speaker].name
            if len(q.speaker_full) > len(fullest.get(name, "")):
                fullest[name] = q.speaker_full
    distinct = set(people.values())
    fitting: dict[str, list[Canonical]] = {}  # description -> the people whose role it fits
    for q in everyone:
        if not q.speaker:
            continue
        if q.is_person:
            canon = people[q.speaker]
        else:
            if q.speaker not in fitting:
                fitting[q.speaker] = [c for c in distinct if describes(q.speaker, c.role)]
            if len(fitting[q.speaker]) != 1:
                continue
            canon = fitting[q.speaker][0]
            q.is_person = True
        full = _past_marks(fullest.get(canon.name, q.speaker_full) or canon.name, canon.name)
        # the name as written at its fullest (not past a quote mark or a bracket before it: "Quote' James Swanson",
        # "(The celebrated drag queen Lady Bunny"), but a given name the canonical name opens is that name ("Neil"
        # of "muses Neil"); a bare surname stays as written ("DiLeo" of an article naming Tony and T.J. DiLeo)
        q.speaker, q.speaker_full = canon.name, canon.name if canon.name.startswith(full + " ") else full
        q.role = q.role or canon.role


def _past_marks(full: str, name: str) -> str:
    """A speaker phrase without what comes before the last quote mark or bracket ahead of the name in it."""
    at = full.rfind(name.split()[-1]) if name.split() else -1
    if at <= 0:
        return full
    return (_PAST_MARKS.sub("", full[:at]) + full[at:]).strip() or name


# Everything up to the last quote mark or bracket in a speaker phrase, and the spaces after it
_PAST_MARKS = re.compile(r"^.*(?:[`\"\u201c\u201d()\[\]]|(?<!\w)['\u2018\u2019](?!\s?s\b)|"
                         r"(?<!s)['\u2019](?!\s?s\b)(?!\w))\s*")


def _group_quotes(quotes: dict[int, list[Quote]], order: list[int]) -> list[list[Quote]]:
    """Quotes in groups of the same quote (at most one per article)."""
    groups: list[list[Quote]] = []
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)  # token 3-gram -> groups
    for aid in order:
        for q in quotes.get(aid, ()):
            toks = q.tokens
            sh = list(dict.fromkeys(tuple(toks[i:i + 3]) for i in range(max(1, len(toks) - 2))))
            cands: dict[int, int] = defaultdict(int)
            for g in sh:
                for gi in index.get(g, ()):
                    cands[gi] += 1
            target = None
            for gi, _ in sorted(cands.items(), key=lambda kv: -kv[1])[:4]:
                g0 = groups[gi][0]
                if g0.kind == q.kind and all(m.article_id != aid for m in groups[gi]) and \
                        _same_quote(toks, g0.tokens):
                    target = gi
                    break
            if target is None:
                target = len(groups)
                groups.append([])
                for g in sh:
                    index[g].append(target)
            groups[target].append(q)
    return groups


def _ledger_entry(group: list[Quote], sources: dict[int, str]) -> dict:
    """One quote of the story object: the first carrier's words, a person before a description, then the speaker
    most carriers credit (a fuller form counting the votes of its shorter ones), then the best-named; every
    carrier with its own attribution."""
    lead = group[0]
    named = [q for q in group if q.speaker]
    forms = Counter(q.speaker for q in named)

    def votes(speaker: str | None) -> int:  # its own and those of its shorter forms ("Zadan and Meron")
        words = set((speaker or "").lower().split())
        return sum(n for form, n in forms.items() if set((form or "").lower().split()) <= words)

    best = max(named, key=lambda q: (q.is_person, votes(q.speaker), len(q.speaker_full or "")), default=lead)
    return {
        "kind": lead.kind,
        "text": lead.text,
        "speaker": best.speaker,
        "speaker_full": best.speaker_full,
        "role": best.role,
        "cue": lead.cue or best.cue,
        "carriers": [{"article_id": q.article_id, "source": sources.get(q.article_id, ""),
                      "attribution": q.attribution} for q in group],
    }
