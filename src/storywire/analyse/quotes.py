"""Quotes: direct (in quotation marks) and indirect (reported speech), with speaker and cue verb.

Direct quotes: a character scanner pairs curly, straight and angle quotes per paragraph (nested
quotes stay inside the outer one; an unclosed quote runs to the end of its paragraph; a stray
closing mark is ignored), then the attribution is looked for right after the quote (", said X",
", X told Reuters") or before it ("X said: ...", "X said the alliance had observed ...").
A quote split by its attribution ("A," X said. "B.") is joined back; a quote paragraph with no
attribution right after a quoted speaker's paragraph keeps that speaker (news convention).

Indirect speech: sentences with no quotation marks where a clear speaker (a name, or a phrase headed
by "official(s)", "source(s)", "office", "Kremlin", ...) governs a speech verb ("The Kremlin has
made clear ...", "..., two sources close to Mr. Macron said.").

Speakers: ``speaker_full`` is the whole phrase ("Mircea Geoana, NATO's deputy secretary general",
"a senior French official"); ``speaker`` the short form used to merge ("Geoana"). "he"/"she" is
resolved to the article's last person speaker, a bare surname to the fullest phrase seen in the story.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import NamedTuple

from .align import similarity
from .sentences import paragraphs, sentence_spans
from .text import clean_space, norm_tokens

OPENERS = "\u201c\u201e\u00ab"
CLOSERS = "\u201d\u00bb"
STRAIGHT = '"'
ALL_DOUBLE = OPENERS + CLOSERS + STRAIGHT

_CUE_WORDS = (
    r"said|says|say|told|tells|added|adds|stated|declared|warned|warns|insisted|insists|argued|argues|"
    r"stressed|explained|noted|wrote|writes|asked|replied|responded|continued|recalled|acknowledged|"
    r"admitted|confirmed|announced|claimed|suggested|complained|predicted|tweeted|posted|cautioned|"
    r"conceded|remarked|vowed|urged|pointed out|went on"
)
_CUE_EXT = (
    rf"(?:(?:has|have|had)\s+)?(?:told\s+[^,.;:!?\"\u201c\u201d]{{1,60}}?|(?:{_CUE_WORDS})"
    r"(?:\s+(?:in a statement|in an interview|on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
    r"on \w+|at a [^,.;:]{1,30}|during a [^,.;:]{1,30}|later|earlier|separately))?)"
)
_SPK = r"[^,.;:!?\"\u201c\u201d\u2018\u2019()\[\]]{1,80}?"
_AFTER_CUE_FIRST = re.compile(rf"^\s*[,:]?\s*(?P<cue>{_CUE_WORDS})\s+(?P<spk>{_SPK})\s*(?=[,.;:!?]|$)")
_AFTER_SPK_FIRST = re.compile(rf"^\s*[,:]?\s*(?P<spk>{_SPK})\s+(?P<cue>{_CUE_EXT})\s*(?=[,.;:!?]|$)")
_BEFORE_INTRO = re.compile(rf"(?P<spk>{_SPK})\s+(?P<cue>{_CUE_EXT})(?:\s+that)?\s*[,:]?\s*$")
_BEFORE_ANY = re.compile(rf"\b(?P<cue>(?:(?:has|have|had)\s+)?(?:{_CUE_WORDS}))\b")

_INDIRECT_CUE = (
    r"(?:(?:has|have|had)\s+)?(?:said|says|say|told\s+(?:reporters|journalists|lawmakers|parliament|[A-Z][\w.]*)"
    r"(?:\s+on\s+\w+)?|made (?:it )?clear|warned|warns|insisted|insists|argued|stressed|announced|confirmed|"
    r"denied|claimed|noted|acknowledged|predicted|urged|believes|believe|maintains|maintained)"
)
_INDIRECT_LEAD = re.compile(
    rf"(?P<spk>(?:[\w'\u2019.\-]+\s+){{0,6}}?[\w'\u2019.\-]+)\s+(?P<cue>{_INDIRECT_CUE})(?:\s+on\s+\w+)?\s+(?:that\s+)?(?P<content>\S.{{14,}})$"
)
_INDIRECT_TRAIL = re.compile(
    rf"^(?P<content>.{{20,}}?),\s+(?P<spk>{_SPK})\s+(?P<cue>said|says|added|told\s+\w+|noted|warned)"
    r"(?:\s+in a statement|\s+on \w+)?\s*[.!]$"
)
_ACCORDING = re.compile(rf"^(?P<content>.{{20,}}?),?\s+(?P<cue>according to)\s+(?P<spk>{_SPK})\s*[.!]$")

_MASK = re.compile(r"\b(?:Mr|Mrs|Ms|Mx|Dr|Prof|Gen|Lt|Col|Maj|Capt|Sgt|Adm|Gov|Sen|Rep|Rev|Hon|St|Jr|Sr|No|"
                   r"Feb|Jan|Aug|Sept|Oct|Nov|Dec)\.|\b[A-Z]\.(?=[A-Z\s-])")
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you"}
_DETERMINERS = {
    "a", "an", "the", "one", "two", "three", "four", "five", "six", "several", "some", "many", "his", "her",
    "their", "its", "another", "other", "both", "a few", "few", "most", "senior", "top", "our", "this", "that",
}
_BAD_SPEAKER_WORDS = {
    "has", "have", "had", "is", "are", "was", "were", "be", "been", "will", "would", "could", "should", "may",
    "might", "can", "what", "which", "who", "whom", "whose", "that", "this", "there", "if", "when", "because",
    "since", "although", "though", "while", "as", "not", "do", "does", "did", "also", "then", "so", "it",
    "than", "how", "why", "where",
}
SPEAKER_NOUNS = {
    "official", "officials", "source", "sources", "diplomat", "diplomats", "spokesman", "spokeswoman",
    "spokesperson", "minister", "ministers", "president", "presidency", "office", "government", "ministry",
    "kremlin", "envoy", "ambassador", "analyst", "analysts", "secretary", "chief", "leader", "leaders",
    "police", "statement", "report", "aide", "aides", "adviser", "advisers", "advisor", "expert", "experts",
    "lawmaker", "lawmakers", "senator", "governor", "mayor", "general", "commander", "army", "military",
    "spokespeople", "representative", "representatives", "negotiator", "negotiators", "prosecutors",
    "prosecutor", "court", "judge", "company", "residents", "witnesses", "witness", "people", "member",
    "members", "director", "ceo", "chancellor", "premier", "palace", "house", "department", "agency",
    "committee", "commission", "council", "party", "union", "alliance", "organisation", "organization",
}
_TITLE_WORDS = {
    "president", "prime", "minister", "chancellor", "secretary", "general", "foreign", "defence", "defense",
    "senator", "sen", "rep", "gov", "governor", "mayor", "chief", "executive", "ceo", "spokesman", "spokeswoman",
    "deputy", "vice", "king", "queen", "pope", "prince", "princess", "dr", "mr", "mrs", "ms", "lt", "col", "gen",
    "colonel", "lieutenant", "commander", "ambassador", "envoy", "leader", "chairman", "chairwoman", "director",
    "judge", "justice", "attorney", "finance", "interior", "economy", "state", "first", "lady", "former",
    "opposition", "premier", "speaker", "house", "senate", "u.s", "us", "uk", "eu", "un", "nato", "russian",
    "french", "ukrainian", "german", "british", "american", "chinese", "counterpart", "sir", "dame", "professor",
}
_ORG_WORDS = {
    "palace", "ministry", "office", "house", "kremlin", "council", "union", "party", "agency", "bank", "court",
    "department", "government", "commission", "organization", "organisation", "company", "inc", "corp",
    "university", "police", "army", "forces", "presidency", "committee", "alliance", "nato", "group",
}


@dataclass
class Quote:
    kind: str  # "direct" | "indirect"
    text: str
    speaker: str | None
    speaker_full: str | None
    cue: str | None
    attribution: str
    article_id: int
    position: int  # character offset in the article
    tokens: list[str] = field(default_factory=list, repr=False)
    is_person: bool = False


def _mask(text: str) -> str:
    """Same-length copy with abbreviation dots replaced, so "Mr. Macron" does not end a phrase."""
    return _MASK.sub(lambda m: m.group()[:-1] + "\u2024", text)


def quote_spans(par: str) -> list[tuple[int, int, bool]]:
    """(start, end, closed) of the inner text of each top-level double quote in a paragraph."""
    spans: list[tuple[int, int, bool]] = []
    depth = 0
    start = 0
    n = len(par)
    for i, c in enumerate(par):
        if c in OPENERS:
            if depth == 0:
                start = i + 1
            depth += 1
        elif c in CLOSERS:
            if depth > 0:
                depth -= 1
                if depth == 0:
                    spans.append((start, i, True))
        elif c == STRAIGHT:
            prev = par[i - 1] if i > 0 else " "
            nxt = par[i + 1] if i + 1 < n else " "
            opener_ctx = i == 0 or prev.isspace() or prev in "([{\u2014\u2013-:/"
            if depth == 0:
                if opener_ctx or nxt.isalnum():
                    start = i + 1
                    depth = 1
                # else: a stray closing mark, ignored
            elif opener_ctx and (nxt.isalnum() or nxt in "\u2018'"):
                depth += 1  # nested straight quote
            else:
                depth -= 1
                if depth == 0:
                    spans.append((start, i, True))
    if depth > 0 and start < n:
        spans.append((start, n, False))
    return spans


def _clean_quote(text: str) -> str:
    text = clean_space(text)
    return text.rstrip(" ,").strip()


def _looks_name(seg: str) -> bool:
    words = seg.replace("\u2024", ".").split()
    return 1 <= len(words) <= 5 and all(w[:1].isupper() for w in words)


def _subject(pre: str) -> str | None:
    """The speaker phrase at the end of ``pre`` (the text right before a cue verb)."""
    pre = pre.strip().rstrip(",").strip()
    if not pre:
        return None
    segs = [s.strip() for s in pre.split(",") if s.strip()]
    if not segs:
        return None
    last = segs[-1]
    if len(segs) >= 2 and _looks_name(segs[-2]) and not _looks_name(last) and len(last.split()) <= 8:
        full = segs[-2] + ", " + last
    else:
        full = last
    # Drop a leading clause up to a conjunction ("... but three EU diplomats").
    parts = re.split(r"\b(?:but|while|whereas|although|though|because|and then|so)\s+", full)
    full = parts[-1].strip()
    full = re.sub(r"^(?:and|but|then|also|later|now|meanwhile)\s+", "", full, flags=re.IGNORECASE)
    words = [w.lower().strip("\u2024.'\u2019") for w in re.split(r"[\s,]+", full) if w]
    if not words or len(words) > 12 or any(w in _BAD_SPEAKER_WORDS for w in words):
        return None
    return full.replace("\u2024", ".")


def _name_part(full: str) -> str:
    return full.split(",")[0].strip()


def short_speaker(full: str | None) -> tuple[str | None, bool]:
    """(short form, is a person's name) of a speaker phrase."""
    if not full:
        return None, False
    head = _name_part(full)
    words = head.split()
    if not words:
        return None, False
    lw = [w.lower().strip(".'\u2019") for w in words]
    if lw[0] in _PRONOUNS and len(words) == 1:
        return lw[0], False
    if lw[0] in _DETERMINERS or not all(w[:1].isupper() or w[:1].isdigit() for w in words):
        return head, False
    # All capitalised: "French President Emmanuel Macron", "Mr. Macron", "Mircea Geoana", "NATO".
    cut = 0
    for i, w in enumerate(lw):
        if w in _TITLE_WORDS:
            cut = i + 1
    name = words[cut:] or words[-1:]
    if any(w.lower().strip(".'\u2019") in _ORG_WORDS for w in name):
        return head, False
    last = re.sub(r"['\u2019]s$", "", name[-1])
    return last, len(name) >= 1 and not last.isupper()


def _speaker_fields(full: str | None, last_person: Quote | None) -> tuple[str | None, str | None, bool]:
    short, person = short_speaker(full)
    if short in _PRONOUNS:
        if short in ("he", "she") and last_person is not None:
            return last_person.speaker, last_person.speaker_full, True
        return None, full, False
    return short, full, person


def extract_quotes(article_id: int, text: str, skip_paras: AbstractSet[int] = frozenset()) -> list[Quote]:
    """Direct and indirect quotes of one article, in reading order."""
    out: list[Quote] = []
    last_person: Quote | None = None
    prev_para_quote: Quote | None = None
    sents = sentence_spans(text)
    for p_index, (ps, pe) in enumerate(paragraphs(text)):
        if p_index in skip_paras:
            prev_para_quote = None
            continue
        para_quotes = _direct_quotes(article_id, text[ps:pe], ps, last_person, prev_para_quote)
        for q in para_quotes:
            q.text = q.text.rstrip(" ,")
            q.tokens = norm_tokens(q.text)
            out.append(q)
            if q.is_person:
                last_person = q
        prev_para_quote = next((q for q in reversed(para_quotes) if q.speaker), None) if para_quotes else None
        # Indirect speech in the sentences of this paragraph that hold no quotation marks.
        for _, s, e in sents:
            if s < ps or e > pe or any(c in text[s:e] for c in ALL_DOUBLE):
                continue
            iq = _indirect(article_id, text[s:e], s, last_person)
            if iq:
                out.append(iq)
                if iq.is_person:
                    last_person = iq
    out.sort(key=lambda q: q.position)
    return out


def _direct_quotes(article_id: int, par: str, offset: int, last_person: Quote | None,
                   prev_para_quote: Quote | None) -> list[Quote]:
    """The quotes in quotation marks of one paragraph (at ``offset`` in the article), attributed."""
    masked = _mask(par)
    spans = quote_spans(par)
    para_quotes: list[Quote] = []
    prev_attr_end = -1  # where the last quote's own attribution ends: an intro before it is not the next one's
    for k, (qs, qe, _) in enumerate(spans):
        inner = _clean_quote(par[qs:qe])
        if not inner:
            continue
        around = _around(par, masked, spans, k)
        attr = next(filter(None, (find(around, prev_attr_end) for find in _ATTRIBUTION_FINDERS)), None)
        own_attr = attr is not None and attr.own
        if attr is not None and attr.own:
            prev_attr_end = attr.end
        if para_quotes and not own_attr:  # a quote split by its attribution: join it to the previous one
            _join(para_quotes[-1], inner)
            continue
        if attr is None and k == 0 and prev_para_quote is not None and qs <= 1:
            # A quote paragraph continuing the previous paragraph's speaker.
            para_quotes.append(Quote("direct", inner, prev_para_quote.speaker, prev_para_quote.speaker_full,
                                     prev_para_quote.cue, "(continued)", article_id, offset + qs,
                                     is_person=prev_para_quote.is_person))
            continue
        short, full, person = _speaker_fields(attr.speaker if attr else None, last_person)
        if not short and len(inner.split()) < 6:
            continue  # scare quotes, titles, nicknames
        if short and len(inner.split()) < 3 and not own_attr:
            continue
        para_quotes.append(Quote("direct", inner, short, full, attr.cue if attr else None,
                                 clean_space(attr.text if attr else ""), article_id, offset + qs, is_person=person))
    return para_quotes


def _join(prev: Quote, inner: str) -> None:
    """Append ``inner`` to the quote it continues ("A," X said. "B.")."""
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
    before: str  # the last sentence before the quote (since the previous quote)
    before_start: int


def _around(par: str, masked: str, spans: list[tuple[int, int, bool]], k: int) -> _Around:
    qs, qe, closed = spans[k]
    after_start = qe + 1 if closed else qe
    after_end = spans[k + 1][0] - 1 if k + 1 < len(spans) else len(par)
    before_start = spans[k - 1][1] + 1 if k > 0 else 0
    before = masked[before_start:max(before_start, qs - 1)]
    # Only the last sentence of the text before the quote can introduce it.
    cut = max(before.rfind(". "), before.rfind("? "), before.rfind("! "))
    if cut >= 0:
        before, before_start = before[cut + 2:], before_start + cut + 2
    return _Around(par, masked[after_start:after_end], after_start, before, before_start)


class _Attribution(NamedTuple):
    speaker: str  # the speaker phrase, as written
    cue: str  # the speech verb
    text: str  # the attribution as written (", said X" without the comma, "X said:")
    own: bool  # the quote's own: not an introduction the previous quote of the paragraph already used
    end: int  # where in the paragraph the quote and this attribution end


def _said_after(a: _Around, prev_attr_end: int) -> _Attribution | None:
    """Right after the quote: ", said X" or ", X told Reuters"."""
    m = _AFTER_CUE_FIRST.match(a.after) or _AFTER_SPK_FIRST.match(a.after)
    spk = _subject(m.group("spk")) if m else None
    if not m or not spk:
        return None
    start, end = a.after_start + min(m.start("cue"), m.start("spk")), a.after_start + m.end()
    return _Attribution(spk, m.group("cue"), a.par[start:end].strip(" ,"), True, end)


def _intro_before(a: _Around, prev_attr_end: int) -> _Attribution | None:
    """Ending the sentence before the quote: "X said:" or "X said that"."""
    m = _BEFORE_INTRO.search(a.before)
    spk = _subject(m.group("spk")) if m else None
    if not m or not spk:
        return None
    text = a.par[a.before_start + m.start():a.before_start + m.end()].strip(" ,:")
    return _Attribution(spk, m.group("cue"), text, a.before_start > prev_attr_end, a.after_start)


def _cue_before(a: _Around, prev_attr_end: int) -> _Attribution | None:
    """A speech verb in the sentence before the quote, whose subject is the speaker ("X said the alliance had")."""
    m = _BEFORE_ANY.search(a.before)
    spk = _subject(a.before[:m.start()]) if m else None
    if not m or not spk:
        return None
    return _Attribution(spk, m.group("cue"), a.par[a.before_start:a.before_start + m.end()].strip(" ,:"), True,
                        a.after_start)


# Where a direct quote's attribution is looked for, in this order: the first one found is taken.
_ATTRIBUTION_FINDERS = (_said_after, _intro_before, _cue_before)


def _clear_speaker(spk: str) -> bool:
    words = [w.strip(".\u2024'\u2019") for w in spk.split()]
    if not words or len(words) > 8:
        return False
    low = [w.lower() for w in words]
    if any(w in _BAD_SPEAKER_WORDS for w in low) or low[-1] in _PRONOUNS:
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


def _reported_speech(sent: str, masked: str) -> _Reported | None:
    """Speaker, cue and content of a sentence of reported speech with a clear speaker."""
    for rx in (_INDIRECT_TRAIL, _ACCORDING):  # "..., X said." / "..., according to X."
        m = rx.match(masked)
        if m and _clear_speaker(m.group("spk")) and "," not in m.group("spk"):
            return _Reported(m.group("spk"), m.group("cue"), m.group("content"), sent[m.end("content"):].strip(" ,.!"))
    # "X said (that) ...", at the start of the sentence or of a clause
    for st in [0] + [m.end() for m in re.finditer(r",\s+|\b(?:but|and|while|as)\s+", masked)]:
        m = _INDIRECT_LEAD.match(masked, st)
        if not m:
            continue
        spk = re.sub(r"^(?:but|and|while|as)\s+", "", m.group("spk"), flags=re.IGNORECASE)
        if _clear_speaker(spk) and spk.split()[0].lower() not in _PRONOUNS:
            return _Reported(spk, m.group("cue"), m.group("content"), sent[m.start("spk"):m.end("cue")])
    return None


def _indirect(article_id: int, sentence: str, offset: int, last_person: Quote | None) -> Quote | None:
    """The sentence as an indirect quote, if it reports what a clear speaker said."""
    sent = clean_space(sentence)
    if not sent or sent[-1] not in ".!":
        return None
    masked = _mask(sent)
    found = _reported_speech(sent, masked)
    if found is None:
        return None
    start = masked.index(found.content)
    content = sent[start:start + len(found.content)].strip().rstrip(".!").strip()
    if len(content.split()) < 4:
        return None
    short, full, person = _speaker_fields(found.speaker.replace("\u2024", ".").strip(), last_person)
    if not short:
        return None
    return Quote("indirect", content, short, full, found.cue, clean_space(found.attribution).replace("\u2024", "."),
                 article_id, offset, norm_tokens(content), person)


def _same_quote(a: list[str], b: list[str]) -> bool:
    if not a or not b:
        return False
    ratio, contain = similarity(a, b)
    return ratio >= 0.75 or (min(len(a), len(b)) >= 4 and contain >= 0.85)


def merge_quotes(quotes: dict[int, list[Quote]], order: list[int], sources: dict[int, str]) -> list[dict]:
    """Merge near-identical quotes carried by several articles into one ledger entry each."""
    return [_ledger_entry(group, sources) for group in _group_quotes(quotes, order, _fullest_speakers(quotes, order))]


def _fullest_speakers(quotes: dict[int, list[Quote]], order: list[int]) -> dict[str, str]:
    """Story-level speaker resolution: a person's short name (lower case) -> the fullest phrase seen for it."""
    fullest: dict[str, str] = {}
    for aid in order:
        for q in quotes.get(aid, ()):
            if q.speaker and q.speaker_full and q.is_person:
                key = q.speaker.lower()
                if len(q.speaker_full) > len(fullest.get(key, "")):
                    fullest[key] = q.speaker_full
    return fullest


def _group_quotes(quotes: dict[int, list[Quote]], order: list[int], fullest: dict[str, str]) -> list[list[Quote]]:
    """Quotes in groups of the same quote (at most one per article), each speaker given its fullest phrase."""
    groups: list[list[Quote]] = []
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)  # token 3-gram -> groups
    for aid in order:
        for q in quotes.get(aid, ()):
            if q.speaker and q.speaker.lower() in fullest:
                q.speaker_full = fullest[q.speaker.lower()]
            toks = q.tokens
            sh = list(dict.fromkeys(tuple(toks[i:i + 3]) for i in range(max(1, len(toks) - 2))))
            cands: dict[int, int] = defaultdict(int)
            for g in sh:
                for gi in index.get(g, ()):
                    cands[gi] += 1
            target = None
            for gi, _ in sorted(cands.items(), key=lambda kv: -kv[1])[:4]:
                g0 = groups[gi][0]
                if g0.kind == q.kind and all(m.article_id != aid for m in groups[gi]) and _same_quote(toks, g0.tokens):
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
    """One quote of the story object: the first carrier's words, the best-named speaker, every carrier."""
    lead = group[0]
    named = [q for q in group if q.speaker]
    best = max(named, key=lambda q: (q.is_person, len(q.speaker_full or "")), default=lead)
    return {
        "kind": lead.kind,
        "text": lead.text,
        "speaker": best.speaker,
        "speaker_full": best.speaker_full,
        "cue": lead.cue or best.cue,
        "carriers": [{"article_id": q.article_id, "source": sources.get(q.article_id, ""),
                      "attribution": q.attribution} for q in group],
    }
