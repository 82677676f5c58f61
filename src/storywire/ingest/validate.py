"""The checks every record passes before the store sees it: size, characters, dates, links.

A record too large, holding characters no store can keep (a lone surrogate, NUL), or with neither a
title nor a text, is rejected alone with the reason (a title alone is a headline-only article). A date
that cannot be a publication time (before 1900, more than a day ahead, or out of range once in UTC), a
link that is not http(s) and a language that is not a language tag are dropped with a warning; the
article is kept.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from ..clock import utcnow
from ..links import http_link
from ..models import Extracted, RawItem, Rejected

HTML_FACTOR = 5  # a page's HTML may be this many times the text cap (scripts, styles, markup)
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
FUTURE_SLACK = timedelta(days=1)
_BAD_CHARS = re.compile("[\x00\ud800-\udfff]")
_TEXT_FIELDS = ("text", "title", "external_id", "url", "source", "language", "section")


def _size_problem(what: str, value: str | None, cap: int) -> str | None:
    # len() counts characters; UTF-8 is at most 4 bytes each, so only near the cap is encoding needed
    if value is None or len(value) <= cap // 4:
        return None
    size = len(value) if len(value) > cap else len(value.encode("utf-8", "surrogatepass"))
    if size <= cap:
        return None
    return f"{what} of {size / 1e6:.1f} MB is over the {cap / 1e6:g} MB limit (max_record_bytes)"


def check_raw(item: RawItem, max_record_bytes: int) -> Rejected | None:
    """Refuse a record too large to extract, before any work is spent on it."""
    problem = (_size_problem("text", item.text, max_record_bytes)
               or _size_problem("HTML", item.html, max_record_bytes * HTML_FACTOR))
    return Rejected(item.origin, problem) if problem else None


def _bad_char(ex: Extracted) -> str | None:
    values = [(name, getattr(ex, name)) for name in _TEXT_FIELDS]
    values += [("authors", a) for a in ex.authors] + [("captions", c) for c in ex.captions]
    for name, value in values:
        found = _BAD_CHARS.search(value) if value else None
        if found:
            what = "a NUL character" if found.group() == "\x00" else f"a lone surrogate (U+{ord(found.group()):04X})"
            return f"{name} contains {what}: not valid Unicode text"
    return None


def publication_time(value: datetime | None, now: datetime) -> tuple[datetime | None, str | None]:
    """The time in UTC when it can be a publication time, else None and why it was dropped."""
    if value is None:
        return None, None
    try:
        utc = value.astimezone(UTC)
    except (OverflowError, ValueError):
        return None, f"published {value.isoformat()} is out of range: dropped"
    if utc < EARLIEST:
        return None, f"published {utc:%Y-%m-%d} is before 1900: dropped"
    if utc > now + FUTURE_SLACK:
        return None, f"published {utc:%Y-%m-%d} is in the future: dropped"
    return utc, None


def web_link(url: str | None) -> tuple[str | None, str | None]:
    """The URL when it is an http(s) link, else None and why it was dropped."""
    if not url:
        return None, None
    if http_link(url.strip()):
        return url.strip(), None
    return None, f"link {url[:60]!r} is not http(s): dropped"


def check_extracted(ex: Extracted, max_record_bytes: int, now: datetime | None = None) -> Extracted | Rejected:
    """The record the store may take (dates and links cleaned, with warnings), or why it is refused."""
    problem = _bad_char(ex) or _size_problem("text", ex.text, max_record_bytes)
    if not problem and not ex.text.strip() and not (ex.title or "").strip():
        problem = "no title and no text: nothing to store"
    if problem:
        return Rejected(ex.origin, problem)
    published, date_warning = publication_time(ex.published, now or utcnow())
    url, link_warning = web_link(ex.url)
    language, language_warning = language_code(ex.language)
    warnings = tuple(w for w in (date_warning, link_warning, language_warning) if w)
    if not warnings and published == ex.published and url == ex.url:
        return ex
    return replace(ex, published=published, url=url, language=language, warnings=ex.warnings + warnings)


def language_code(value: str | None) -> tuple[str | None, str | None]:
    """The language when it looks like a language tag ("en", "pt-BR"), else None and why it was dropped."""
    if not value or re.fullmatch(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8}){0,2}", value) and len(value) <= 16:
        return value or None, None
    return None, f"language {value[:40]!r} is not a language tag: dropped"
