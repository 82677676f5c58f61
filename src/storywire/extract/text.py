"""Plain-text page dumps (what "select all, copy" or a text browser gives): headline, outlet, date, body.

A dump has no markup, so structure is read from shape. Body paragraphs are long lines with sentence
ends; page chrome is short lines without sentence punctuation that come in runs (menus, footers,
related lists), known chrome phrases, and photo captions and credits. The article is the span from the
first to the last body paragraph; inside it, an isolated short line is a sub-heading and is kept, and
right after it a wire sign-off ("(FRANCE 24 with REUTERS)") is kept. The headline is the last
title-shaped line before the body. Rules are generic, so they carry over to other outlets' dumps.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timezone

from .boilerplate import (
    AGENCIES,
    SENTENCE_END,
    is_caption,
    is_chrome,
    is_prose,
    is_related_heading,
    is_wire_credit,
    normalise,
    words,
)

GOOD, SHORT, CHROME, CAPTION, CREDIT, DATE, BYLINE = "good", "short", "chrome", "caption", "credit", "date", "byline"
_BYLINE = re.compile(r"^(?i:by|von|par|por|di|door)\s+([A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3}"
                     r"(?:\s*(?:,|and|&|und|et|y|e)\s*[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3})*)\s*[,|]?.{0,40}$")
_MONTHS = ("jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
           "oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
_TIME = r"(?:,?\s*(?:at\s+)?\d{1,2}[:.h]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*(?:[A-Z]{2,4}|[+-]\d{2}:?\d{2}))?)?"
_DATE_PATTERNS = (
    re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?"),
    re.compile(rf"(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}{_TIME}", re.I),
    re.compile(rf"\d{{1,2}}(?:st|nd|rd|th)?\.?\s+(?:{_MONTHS})\.?,?\s+\d{{4}}{_TIME}", re.I),
    re.compile(rf"\d{{1,2}}/\d{{1,2}}/\d{{4}}{_TIME}"),
)
_TZ = {"UTC": 0, "GMT": 0, "Z": 0, "BST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3, "MSK": 3, "IST": 5.5,
       "ET": -5, "EST": -5, "EDT": -4, "CT": -6, "CST": -6, "CDT": -5, "PT": -8, "PST": -8, "PDT": -7,
       "JST": 9, "KST": 9, "AEST": 10, "AEDT": 11, "HKT": 8, "SGT": 8}


@dataclass(frozen=True)
class Dump:
    """What a page dump yields: the body (paragraphs separated by blank lines) and what was found around it."""

    text: str
    title: str | None = None
    source: str | None = None
    published: datetime | None = None
    authors: tuple[str, ...] = ()
    captions: tuple[str, ...] = ()
    dropped: tuple[str, ...] = field(default=(), compare=False)


@dataclass
class _Line:
    text: str
    block: int
    label: str = SHORT


def clean_text(text: str) -> str:
    """Given clean text: normalise spacing, one blank line between paragraphs, single line breaks kept as spaces."""
    from .boilerplate import paragraphs

    return "\n\n".join(paragraphs(text))


def _blocks(text: str) -> list[list[str]]:
    """Blank-line separated blocks of lines. Hard-wrapped prose (long lines, no sentence breaks) is re-joined."""
    blocks = [[ln for ln in b.split("\n") if ln.strip()] for b in re.split(r"\n\s*\n", text)]
    blocks = [b for b in blocks if b]
    if len(blocks) == 1 and len(blocks[0]) > 3:
        blocks = [[ln] for ln in blocks[0]]  # no blank lines at all: every line stands alone
    out = []
    for b in blocks:
        wrapped = len(b) > 1 and all(len(ln) >= 50 and not SENTENCE_END.search(ln) for ln in b[:-1]) \
            and not any(is_caption(ln) or is_chrome(ln) for ln in b)
        out.append([" ".join(b)] if wrapped else b)
    return out


def _label(line: str) -> str:
    if is_caption(line):
        return CAPTION
    if is_wire_credit(line):
        return CREDIT
    if is_chrome(line) or is_related_heading(line):
        return CHROME
    if words(line) <= 12 and _BYLINE.match(line):
        return BYLINE
    if words(line) <= 14 and not SENTENCE_END.search(line) and find_date(line) is not None \
            and len(_strip_dates(line).split()) <= 4:
        return DATE
    if is_prose(line):
        return GOOD
    return SHORT


def _strip_dates(line: str) -> str:
    for pattern in _DATE_PATTERNS:
        line = pattern.sub(" ", line)
    return re.sub(r"\b(published|updated|posted|on|at|last|first|modified|date)\b|[:|,-]", " ", line, flags=re.I)


_CLOCK = re.compile(r"\b(\d{1,2})[:.h](\d{2})(?::(\d{2}))?\s*([ap])?\.?m?\.?(?![\w])", re.I)
_OFFSET = re.compile(r"\b(?:GMT|UTC)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?\b|(?<=\d)\s*([+-])(\d{2}):?(\d{2})\b")


def find_date(line: str) -> datetime | None:
    """The first date in a line as an aware datetime, with its clock time and zone when the line gives them.

    "Updated 2:13 PM GMT+1, February 4, 2022" -> 2022-02-04 14:13+01:00; a line without a zone is UTC.
    """
    from dateutil import parser

    for pattern in _DATE_PATTERNS:
        m = pattern.search(line)
        if not m:
            continue
        raw = m.group(0)
        if pattern is _DATE_PATTERNS[0]:  # ISO 8601 carries its own time and zone
            try:
                dt = datetime.fromisoformat(raw.replace("Z", "+00:00"))
            except ValueError:
                continue
            return dt if dt.tzinfo else dt.replace(tzinfo=UTC)
        day_only = re.sub(_TIME + "$", "", raw)
        nums = re.match(r"(\d{1,2})/(\d{1,2})/", day_only)
        try:
            dt = parser.parse(day_only, dayfirst=bool(nums and int(nums.group(2)) <= 12), fuzzy=True)
        except (ValueError, OverflowError):
            continue
        if not 1990 <= dt.year <= 2100:
            continue
        rest = line[: m.start()] + " " + line[m.start() + len(day_only):]
        clock = _CLOCK.search(rest)
        if clock:
            hour, minute = int(clock.group(1)), int(clock.group(2))
            if clock.group(4):
                hour = hour % 12 + (12 if clock.group(4).lower() == "p" else 0)
            if hour < 24 and minute < 60:
                dt = dt.replace(hour=hour, minute=minute, second=int(clock.group(3) or 0))
        return dt.replace(tzinfo=_zone(rest))
    return None


def _zone(text: str) -> timezone:
    from datetime import timedelta

    m = _OFFSET.search(text)
    if m:
        sign, hours, minutes = m.group(1, 2, 3) if m.group(1) else m.group(4, 5, 6)
        delta = timedelta(hours=int(hours), minutes=int(minutes or 0))
        return timezone(-delta if sign == "-" else delta)
    for word in re.findall(r"\b[A-Z]{2,4}\b", text):
        if word in _TZ:
            return timezone(timedelta(hours=_TZ[word]))
    return UTC


def _chrome_blocks(lines: list[_Line]) -> None:
    """A block of three or more lines that is mostly not prose is a menu, header or footer: all chrome."""
    by_block: dict[int, list[_Line]] = {}
    for ln in lines:
        by_block.setdefault(ln.block, []).append(ln)
    for group in by_block.values():
        if len(group) >= 3 and sum(ln.label == GOOD for ln in group) * 2 < len(group):
            for ln in group:
                if ln.label not in (CAPTION, DATE, BYLINE) and not (ln.label == GOOD and words(ln.text) >= 25):
                    ln.label = CHROME


def _related_lists(lines: list[_Line]) -> None:
    """After a "Related Stories"-style heading, the headline-shaped lines that follow are links: chrome."""
    inside = False
    for ln in lines:
        if ln.label == CHROME and is_related_heading(ln.text):
            inside = True
        elif inside and ln.label in (SHORT, GOOD) and not (ln.label == GOOD and words(ln.text) >= 25):
            ln.label = CHROME
        elif inside and ln.label == GOOD:
            inside = False


def _headline(lines: list[_Line], first_good: int) -> int | None:
    """Index of the headline: the longest title-shaped line before the body, outside chrome runs and bylines."""
    byline_blocks = {ln.block for ln in lines[:first_good] if ln.label == BYLINE}
    best: int | None = None
    for i in range(first_good):
        ln = lines[i]
        if ln.label == SHORT and ln.block not in byline_blocks and 3 <= words(ln.text) <= 30 \
                and not SENTENCE_END.search(ln.text.rstrip("'\"’”")) and not ln.text.isupper():
            if best is None or words(ln.text) >= words(lines[best].text):
                best = i
    return best


def _outlet(lines: list[_Line], head: int | None, first_good: int) -> str | None:
    """The outlet: named in the wire sign-off "(OUTLET with AGENCY)", a "© 2022 Outlet" line, or a repeated masthead."""
    agencies = {a.casefold() for a in AGENCIES}
    header = [ln.text for ln in lines[: head if head is not None else first_good]]
    names = [t for t in header if 1 <= words(t) <= 4 and not SENTENCE_END.search(t) and not is_chrome(t)]

    def cased(name: str) -> str:
        for t in names:
            if t.casefold() == name.casefold():
                return t
        return name.title() if name.isupper() and len(name) > 4 else name

    for ln in lines:
        m = re.match(r"^\((.{2,40}?)\s+with\s+[^()]+\)\.?$", ln.text, re.I)
        if ln.label == CREDIT and m and m.group(1).casefold() not in agencies:
            return cased(m.group(1).strip())
    for ln in lines:  # "© 2022 The Daily Ledger Ltd. All rights reserved." in the footer
        m = re.search(r"(?:©|\bcopyright\b)\s*(\d{4}(?:\s*[-–]\s*\d{4})?)?\s*([A-Z][\w&' -]{1,50}?)\s*"
                      r"(?:\b(?:ltd|limited|inc|llc|gmbh|plc|s\.a)\b)?[.,]?\s*(?:all rights reserved.*)?$",
                      ln.text, re.I)
        if not m or words(m.group(2)) > 5 or re.search(r"[,;/]", m.group(2)):
            continue
        name = m.group(2).strip()
        if (m.group(1) or ln.label == CHROME) and (m.group(1) or name.casefold() not in agencies):
            return cased(name)
    for a, b in zip(names, names[1:], strict=False):
        if a == b:
            return a
    return None


def extract_dump(raw: str) -> Dump:
    """Split a plain-text page dump into headline, outlet, date, authors, captions and the clean body."""
    text = normalise(raw)
    lines = [_Line(ln.strip(), b) for b, block in enumerate(_blocks(text)) for ln in block]
    for ln in lines:
        ln.label = _label(ln.text)
    _chrome_blocks(lines)
    _related_lists(lines)
    for prev, ln in zip(lines, lines[1:], strict=False):  # "Image caption," on its own line labels the next one
        if re.fullmatch(r"(image|photo|picture|video)?\s*caption\s*[,:]?", prev.text, re.I):
            prev.label, ln.label = CHROME, CAPTION
    goods = [i for i, ln in enumerate(lines) if ln.label == GOOD]
    if not goods:
        # No paragraph reads as prose: keep sentence-shaped lines that are not chrome (a very short item).
        body = [ln.text for ln in lines if ln.label == SHORT and SENTENCE_END.search(ln.text) and words(ln.text) >= 4]
        return Dump(text="\n\n".join(body), captions=tuple(ln.text for ln in lines if ln.label == CAPTION))
    first, last = goods[0], goods[-1]
    head = _headline(lines, first)
    keep: list[str] = []
    for i in range(first, last + 1):
        ln = lines[i]
        if ln.label == GOOD or ln.label == CREDIT:
            keep.append(ln.text)
        elif ln.label == SHORT and _sub_heading(lines, i, first, last):
            keep.append(ln.text)
    for ln in lines[last + 1:]:  # the sign-off after the last paragraph (related lists may sit in between)
        if ln.label == CREDIT:
            keep.append(ln.text)
        elif ln.label not in (CAPTION, DATE, BYLINE, CHROME):
            break
    title = lines[head].text if head is not None else None
    if title:
        keep = [k for k in keep if k != title]
    dates = [find_date(ln.text) for ln in lines if ln.label == DATE]
    authors: list[str] = []
    for ln in lines:
        m = _BYLINE.match(ln.text) if ln.label == BYLINE else None
        if m:
            authors += [name_case(a.strip()) for a in re.split(r"\s*(?:,|\band\b|&|\bund\b|\bet\b)\s*", m.group(1))
                        if a.strip()]
    return Dump(
        text="\n\n".join(keep), title=title, source=_outlet(lines, head, first),
        published=next((d for d in dates if d is not None), None), authors=tuple(dict.fromkeys(authors)),
        captions=tuple(ln.text for ln in lines if ln.label == CAPTION),
        dropped=tuple(ln.text for ln in lines if ln.label in (CHROME, CAPTION)),
    )


_PARTICLES = {"de", "da", "di", "du", "van", "von", "der", "den", "del", "la", "le", "ter", "bin", "al"}


def name_case(name: str) -> str:
    """"ANNA DE VRIES" -> "Anna de Vries"; names already in mixed case are left alone."""
    if not name.isupper():
        return name
    parts = name.title().split()
    return " ".join(p.lower() if i and p.lower() in _PARTICLES else p for i, p in enumerate(parts))


def _sub_heading(lines: list[_Line], i: int, first: int, last: int) -> bool:
    """A short line inside the body is kept when it is a sentence, or a lone heading between paragraphs."""
    text = lines[i].text
    if SENTENCE_END.search(text) and words(text) >= 3:
        return True
    prev_ok = lines[i - 1].label in (GOOD, CAPTION) if i > first else False
    next_ok = lines[i + 1].label in (GOOD, CAPTION) if i < last else False
    return prev_ok and next_ok
