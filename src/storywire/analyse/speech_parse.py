"""Who says a quote, read from spaCy's dependency parse: the subject of the speech verb that governs it.

``quotes.py`` asks this only for a quote its attribution rules leave without a speaker, and only when the
quote's sentence holds a speech verb outside the quote; the quote's words are replaced by one placeholder
word first, so a parse costs the words around the quote. A verb of stance or estimate counts as one ("X agrees
that students are “…”", "X estimated “…” could die"). The speech verb is the nearest one above the
placeholder in the parse ("… ," Reid said as he began; "Swalwell emerged and said, …"), or the main verb of
the sentence; its subject is taken up the chain of joined clauses when the verb has none of its own ("Doocy
noted that …, stating, …"), or is the one an infinitive's verb leads to speak ("leading Cook to … say"). The
phrase is trimmed at its head noun ("Rep. Eric Swalwell", "the Prime Minister"), but for an unnamed person's
participle ("a man standing next to her"); a document ("the White House
brief") gives its author; a description with a name in apposition gives the name ("The partnership, United Atlantic
Ventures, alleges"); "who" gives its antecedent when that is a name ("Senator Ann Cole, who called it “…”"), a
"which" gives no one. No parser installed: no answer.
"""
from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from .entities import model_candidates
from .speakers import THINGS_OF

SPEECH_LEMMAS = frozenset({
    "say", "tell", "add", "state", "declare", "warn", "insist", "argue", "stress", "explain", "note", "write",
    "ask", "reply", "respond", "continue", "recall", "acknowledge", "admit", "confirm", "announce", "claim",
    "suggest", "complain", "predict", "tweet", "post", "caution", "concede", "remark", "vow", "urge", "testify",
    "promise", "deny", "clarify", "boast", "joke", "quip", "contend", "counter", "lament", "allege", "emphasize",
    "emphasise", "reassure", "remind", "plead", "protest", "answer", "observe", "recount", "exclaim", "conclude",
    "proclaim", "mouth", "grumble", "shout", "chant", "scream", "whisper", "mutter", "murmur", "yell", "cry", "sigh",
    "laugh", "report", "recommend", "assert", "maintain", "affirm", "reiterate", "repeat", "comment",
    # verbs that report a stance or an estimate: the quote in their clause is their subject's words
    "indicate", "estimate", "pledge", "agree", "point", "call", "describe", "accuse", "blame", "dismiss", "praise",
    "highlight", "hint", "charge", "concur", "signal", "name", "brand", "label", "dub", "profess",
})


def _forms(lemma: str) -> str:
    """A pattern for the regular forms of a verb: note, notes, noted, noting; deny, denied; admit, admitted."""
    if lemma.endswith("e"):
        return rf"{lemma[:-1]}(?:e|es|ed|ing)"
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return rf"{lemma[:-1]}(?:y|ies|ied|ying)"
    return rf"{lemma}(?:s|es|\w?ed|\w?ing)?"


# The forms of those verbs: a sentence with none of them outside its quote is never parsed.
SPEECH_WORD = re.compile(r"\b(?:" + "|".join(_forms(lemma) for lemma in sorted(SPEECH_LEMMAS))
                         + r"|said|told|wrote|written|according to)\b", re.IGNORECASE)
# Verbs of judgement, thought or mention that take someone's words into their clause, the quote the subject's
# ("Moore thanked him for “…”", "Pew found that “…”", "X worried that the net was becoming “…”"): chosen from the
# most frequent attribution verbs of an annotated news corpus (PolNeAR's training part) that give words, not
# deeds. Read by the parse only: they credit a quote no rule credited, and do not make a sentence one of speech.
STANCE_LEMMAS = frozenset({
    "criticize", "criticise", "cite", "talk", "speak", "refer", "question", "defend", "propose", "discuss",
    "attack", "reject", "denounce", "blast", "express", "mention", "reveal", "echo", "challenge", "believe",
    "think", "worry", "fear", "find", "consider", "feel", "thank", "label", "mock", "tout", "assure", "portray",
    "slam", "condemn", "hail", "decry", "characterize", "characterise", "applaud", "lambaste", "ridicule",
    "welcome", "credit", "demand", "ponder", "project", "list",
})
STANCE_WORD = re.compile(r"\b(?:" + "|".join(_forms(lemma) for lemma in sorted(STANCE_LEMMAS))
                          + r"|thought|found|felt|spoke|spoken)\b", re.IGNORECASE)
# Nouns for what a speaker issues: "the White House brief said" is the White House speaking.
DOCUMENT_NOUNS = frozenset({"statement", "brief", "briefing", "report", "filing", "release", "email", "letter",
                            "post", "memo", "note", "tweet"})
PLACEHOLDER = "Quote"
_SUBJECT_DEPS = ("nsubj",)
_CLIMB_DEPS = ("conj", "advcl", "xcomp", "ccomp", "acl", "relcl", "dep")
_NOUN_PARTS = ("compound", "amod", "det", "poss", "flat", "nmod", "nummod", "case")

_lock = threading.Lock()
_parser: list[object] = []  # [] until loaded; [None] when no model is installed


class ParsedSpeaker(NamedTuple):
    phrase: str  # the speaker phrase as written ("Rep. Eric Swalwell", "he", "the Prime Minister")
    head: str  # its head word, lower case ("swalwell", "he", "minister")
    proper: bool  # the head is a proper noun
    cue: str  # the speech verb as written
    cue_offset: int  # where the verb is in the sentence given


def get_parser():
    """spaCy's pipeline of the configured model without NER (tagger, parser, lemmatizer), loaded once; None
    when none is installed."""
    with _lock:
        if not _parser:
            nlp = None
            try:
                import spacy

                for name in model_candidates():
                    try:
                        nlp = spacy.load(name, exclude=["ner"])
                        break
                    except OSError:
                        continue
            except ImportError:
                nlp = None
            _parser.append(nlp)
        return _parser[0]


def speaker_of_quote(before: str, quote_end: str, after: str,
                     speaks: Callable[[ParsedSpeaker], bool] = lambda _: True) -> ParsedSpeaker | None:
    """The speaker of the quote in the sentence ``before`` + quote + ``after`` (``quote_end``: the quote's last
    punctuation, kept inside the placeholder: a comma or nothing), or None. The nearest governing verb's subject;
    past a verb whose subject, found up its chain of clauses, does not ``speaks`` ("used the proceeds to counter
    “…”": not the proceeds), the next one up ("Zimmerman said he planned to …")."""
    if not any(words.search(before) or words.search(after) for words in (SPEECH_WORD, STANCE_WORD)):
        return None
    nlp = get_parser()
    if nlp is None:
        return None
    start = len(before) + 1
    sentence = f"{before}\u201c{PLACEHOLDER}{quote_end}\u201d{after}"
    doc = nlp(sentence)
    span = doc.char_span(start, start + len(PLACEHOLDER))
    if span is None:
        return None
    found = False
    for verb, subject in _governing_verbs(span[0]):
        found = True
        speaker = _speaker(verb, subject)
        if speaker is None or speaks(speaker) or subject.head.i == verb.i:
            return speaker  # (the verb's own subject, "which an FBI investigation said was “…”", is final)
    return None if found else _according_to(doc)


# "would later say": the past told as its future (not "may eventually call": a prediction)
_LATER = re.compile(r"\b(?:later|eventually|afterwards|subsequently)\b")


def _speaker(verb, subject) -> ParsedSpeaker | None:
    """The speaker a verb's subject gives, or None."""
    if subject is None:
        return None
    if subject.tag_ in ("WDT", "WP") and subject.head.dep_ == "relcl":
        # "Ann Cole, who called it “…”": the relative clause's antecedent, only a person named by "who" (a
        # "which" is a thing's; "outside the bank, who cried “…”" is a parse that took the wrong antecedent)
        antecedent = subject.head.head
        if antecedent.dep_ == "appos" and antecedent.head.pos_ == "PROPN":
            antecedent = antecedent.head  # "Abraham Aiyash, a Democrat who said": the one the apposition describes
        if subject.lower_ != "who" or antecedent.pos_ != "PROPN":
            return None
        owner = antecedent.head.head  # ("the husband" of "the husband of Jane Doe")
        if antecedent.dep_ == "pobj" and antecedent.head.dep_ == "prep" and owner.pos_ == "NOUN" and \
                antecedent.head.lower_ in ("of", "from", "at", "in") and (
                    antecedent.ent_type_ in ("GPE", "LOC", "FAC") or owner.lower_ not in THINGS_OF | DOCUMENT_NOUNS):
            return None  # "the husband of Jane Doe, who", "voters from Iowa, who": a parse that took the wrong
            # antecedent (the one described, not whose husband they are or where they are from; but a thing's: "in the
            # mouth of Donald Trump, who", "this tweet from Rikkie Wells who": the name)
        subject = antecedent
    if subject.tag_ in ("NNS", "NNPS") and not any(t.dep_ in ("poss", "nummod") or t.dep_ == "det" and t.lower_ not in (
            "some", "many", "most") for t in subject.lefts) and any(
            t.dep_ == "aux" and (t.lower_ in ("would", "might", "could", "may", "should", "must") and not (
                t.lower_ == "would" and _LATER.search(verb.doc[t.i:verb.i].text.lower())) or t.lower_ in (
                "will", "'ll") and re.search(r"\b(?:no doubt|surely|likely|probably|undoubtedly|doubtless)\b",
                                              verb.doc[t.i:verb.i].text.lower())) for t in verb.lefts):
        return None  # "Critics would say, “…”", "Republicans will likely call it": what such people might say, no
        # one's words
    named = [c for c in subject.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
    if named and (subject.pos_ == "NOUN" or any(t.dep_ == "det" for t in subject.lefts)):
        subject = named[0]  # "The partnership, United Atlantic Ventures, alleges", "Another leading Dem, Sen. Kristen
        # Gillibrand, said": the name the apposition gives
    phrase = _phrase(subject)
    return ParsedSpeaker(phrase, subject.lower_, subject.pos_ == "PROPN", verb.text, verb.idx) if phrase else None


def _governing_verbs(placeholder) -> Iterator[tuple[Any, Any]]:
    """(verb, its subject or None), nearest first, of each speech verb above the placeholder and each verb of
    judgement above it that has a subject; else of the sentence's main verb when that is a speech verb."""
    ancestors = list(placeholder.ancestors)
    any_verb = False
    for n, tok in enumerate(ancestors):
        lemma = tok.lemma_.lower()
        if tok.pos_ not in ("VERB", "AUX") or _requests(tok, ancestors):
            continue
        if lemma == "add" and any(c.dep_ == "dobj" and c.i != placeholder.i for c in tok.children):
            continue  # "stands to add value to RPA by … “…”": adding a thing, not words
        if lemma in SPEECH_LEMMAS:
            any_verb = True
            yield tok, _subject(tok, placeholder)
            continue
        if lemma not in STANCE_LEMMAS or not _in_clause_of(placeholder, tok) or \
                any(t.lemma_.lower() in SPEECH_LEMMAS and t.pos_ == "VERB" for t in ancestors[n + 1:]):
            continue  # a speech verb above it quotes its speaker ("X said that many believe that “…”": X's)
        subject = _own_subject(tok, placeholder)
        if subject is not None:  # (one with none, "testified that …, while blasting them for having “…”", gives
            any_verb = True  # way to the verb above it)
            yield tok, subject
    root = placeholder.sent.root  # not a verb of judgement that does not govern it ("investigators cite the
    if not any_verb and root.lemma_.lower() in SPEECH_LEMMAS and root.pos_ == "VERB":  # facility, and …")
        yield root, _subject(root, placeholder)


def _own_subject(verb, placeholder):
    """A verb of judgement's own subject, or that of the verb it is joined to ("praised them and thanked them for
    “…”"); not one further up ("kept it in a tank commonly referred to as the “…”": no one's)."""
    tok = verb
    while True:
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children):
            return None
        subjects = [c for c in tok.children if c.dep_ == "nsubj" and c.i != placeholder.i]
        if subjects or tok.dep_ != "conj" or tok.head.i == tok.i:
            return subjects[0] if subjects else None
        tok = tok.head


def _in_clause_of(placeholder, verb) -> bool:
    """Whether the placeholder is in the verb's own clause or one it governs: not inside its subject ("the
    department “…,” but members questioned whether"), nor in a clause joined to it with a subject of its own
    ("investigators cite the facility, and Tripadvisor won't sell tickets “…”")."""
    tok = placeholder
    while tok.i != verb.i and tok.head.i != tok.i:
        if tok.dep_ in ("nsubj", "nsubjpass", "csubj") or \
                tok.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            return False
        tok = tok.head
    return tok.i == verb.i


def _requests(verb, ancestors) -> bool:
    """Whether a speech verb asks someone to do something and the quote is in a clause giving a reason or a time
    for that request ("had asked them to accompany him ... because he wanted them to assist him in fetching out
    “wild meat”"): the request's words are not the quote."""
    request = any(c.dep_ == "dobj" for c in verb.children) and \
        any(c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for c in verb.children)
    return request and any(c.dep_ == "advcl" and c in ancestors for c in verb.children)


def _subject(verb, placeholder):
    """The verb's subject (never the quote), or that of the clause it is joined to (the object of the verb an
    infinitive completes: "led Cook to say"); None for a passive."""
    tok = verb
    report = _beside_report(tok)
    if report is not None:
        tok = report  # "X said Trump is … and accused him of “…”", "X said Y will have to …, saying, “…”": X's
    for _ in range(4):
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children):
            return None
        subjects = [c for c in tok.children if c.dep_ in _SUBJECT_DEPS and c.i != placeholder.i]
        if subjects:
            return subjects[0]
        if tok.dep_ == "pcomp" and tok.head.lower_ == "by" and tok.head.dep_ == "prep":  # "announced by saying"
            tok = tok.head.head
            continue
        if tok.dep_ not in _CLIMB_DEPS or tok.head is tok:
            return None
        objects = [c for c in tok.head.children if c.dep_ == "dobj" and c.i != placeholder.i]
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        if infinitive and tok.dep_ in ("xcomp", "advcl") and objects:
            return objects[0]  # "leading a frustrated Cook to denounce ... and say": the one led says it
        if infinitive and tok.dep_ in ("relcl", "acl") and tok.head.pos_ in ("PROPN", "NOUN"):
            return tok.head  # the same, parsed as "Cook (to denounce ...)"
        tok = tok.head
    return None


def _beside_report(verb):
    """The speech verb reporting the clause that a speech verb with no subject of its own is joined to, or hangs on
    as a participle ("said Trump is responsible … and accused him", "said Clinton will have to choose …, saying"):
    it goes with the reporting verb, not with the reported clause's subject; else None."""
    if verb.dep_ not in ("conj", "advcl") or any(c.dep_ in _SUBJECT_DEPS for c in verb.children) or \
            verb.dep_ == "advcl" and verb.tag_ != "VBG":
        return None
    clause = verb.head
    if clause.lemma_.lower() in SPEECH_LEMMAS:
        return None  # "told reporters that Hiller called 911, saying “…”": the reported speaking, said on
    if clause.dep_ == "xcomp" and clause.head.i != clause.i:
        clause = clause.head  # "will have to choose …, saying"
    report = clause.head
    if clause.dep_ == "ccomp" and report.i < clause.i and report.lemma_.lower() in SPEECH_LEMMAS and \
            report.pos_ == "VERB" and any(c.dep_ == "nsubj" and c.i > report.i for c in clause.children) and \
            not any(t.text in (".", "!", "?", "\u201c", "\u201d", '"') for t in report.doc[report.i:clause.i]):
        return report  # (a reported clause with a subject of its own, after its reporting verb, in its sentence,
    return None  # no quote between: a parse may take two sentences for one when a quote ends the first)


def _according_to(doc) -> ParsedSpeaker | None:
    """"…, according to the White House brief.": the object of "according to"."""
    for tok in doc:
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            objects = [c for c in doc[tok.i + 1].children if c.dep_ == "pobj"]
            if objects:
                obj = objects[0]
                named = _name_ending(obj) if obj.pos_ == "NOUN" else None
                if named is not None:  # "according to author and psychologist Patricia O'Gorman": her
                    return ParsedSpeaker(named.text, named[-1].lower_, True, "according to", tok.idx)
                phrase = _phrase(obj)
                of = [c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"]
                group = [c for c in of[0].children if c.dep_ == "pobj"] if of else []
                if obj.lower_ in ("one", "some", "many", "several", "two", "three", "most") and group:
                    end = next((t.i for t in doc[of[0].i:of[0].right_edge.i + 1] if t.is_punct and t.text != "'"),
                               of[0].right_edge.i + 1)  # (not a quote the parse hangs on: "one of his aides, “…”")
                    phrase = doc[obj.i:end].text  # "according to one of the survivors"
                    obj = group[0]
                proper = obj.pos_ == "PROPN" or obj.i > 0 and doc[obj.i - 1].pos_ == "PROPN"
                return ParsedSpeaker(phrase, obj.lower_, proper, "according to", tok.idx) if phrase else None
    return None


def _name_ending(head):
    """The run of capitalised nouns (two or more; the parser tags "O’Gorman" a common noun) that ends the phrase of
    a common noun and names it ("author and psychologist Patricia O'Gorman"; not "police in New York City"), or
    None."""
    tokens = list(head.subtree)
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    run: list = []
    for t in reversed(tokens):
        if t.pos_ not in ("PROPN", "NOUN") or not t.text[:1].isupper() or run and t.i != run[-1].i - 1:
            break
        run.append(t)
    if len(run) < 2:
        return None
    tok = run[0]  # the name's head: up to ``head`` through conjuncts and appositions only (no preposition, no
    # time: "a statement issued Good Friday")
    while tok.i != head.i and tok.head.i != tok.i and tok.dep_ in ("conj", "appos", "compound"):
        tok = tok.head
    return head.doc[run[-1].i:run[0].i + 1] if tok.i == head.i else None


def _phrase(head) -> str:
    """The noun phrase ending at ``head``: its left modifiers, contiguous; a document gives its author."""
    if head.pos_ == "PRON":
        return head.text
    left = [t for t in head.lefts if t.dep_ in _NOUN_PARTS]
    start = min((t.left_edge.i for t in left), default=head.i)
    end = head.i + 1
    if head.lemma_.lower() in DOCUMENT_NOUNS and head.text.islower() and head.i > start and \
            head.doc[head.i - 1].pos_ == "PROPN":  # (not a paper's name: "the Washington Post")
        end = head.i  # "the White House brief": the White House
    unnamed = head.pos_ == "NOUN" and any(t.dep_ == "det" and t.lower_ in ("a", "an") for t in head.lefts)
    described = [t for t in head.rights if t.dep_ == "acl" and t.tag_ == "VBG"] if unnamed else []
    if described and described[0].right_edge.i - head.i <= 8:
        end = described[0].right_edge.i + 1  # "a man standing next to her": the participle tells which man
    bare_plural = head.tag_ == "NNS" and start == head.i  # a plural alone ("Officials", not "Police officers")
    where = [t for t in head.rights if t.dep_ == "prep" and t.lower_ in ("at", "of", "in", "for", "from", "on")
             ] if bare_plural else []
    if where and where[0].right_edge.i - head.i <= 8:
        end = where[0].right_edge.i + 1  # "Officials at the agency insist": which officials
    tokens = head.doc[start:end]
    while len(tokens) > 1 and (tokens[0].is_punct or tokens[0].dep_ == "case"):
        tokens = tokens[1:]
    if any(t.is_punct and t.text not in (".", "-", "'", "\u2019") for t in tokens):
        tokens = head.doc[head.i:head.i + 1]
    return tokens.text.removesuffix("'s").removesuffix("\u2019s").strip()


_FINITE_TAGS = frozenset({"VBD", "VBP", "VBZ", "MD"})


def clause_has_verb(words: str, end: str) -> bool | None:
    """Whether the words of a clause before its copula or auxiliary ``end`` hold a verb of their own ("Cruz lied",
    "the Democrats want open borders", "the government cut taxes"), not a subject alone ("his tax cut",
    "hostages held in Gaza", "Ursula von der Leyen"): a lower-case word spaCy tags as a finite verb, or a past
    form in -ed ending the words after a noun or a pronoun. None when no parser is installed."""
    nlp = get_parser()
    if nlp is None:
        return None
    doc = nlp(f"{words.strip()} {end.strip()} right.")
    tokens = list(doc[:len(nlp.tokenizer(words.strip()))])
    if any(t.tag_ in _FINITE_TAGS and t.text[:1].islower() for t in tokens):
        return True
    return (len(tokens) > 1 and tokens[-1].tag_ in ("VBN", "VBD") and tokens[-1].text.endswith("ed") and
            tokens[-2].tag_[:2] in ("NN", "PR"))  # ("his opponent cheated"; not "the so-called woke left")
