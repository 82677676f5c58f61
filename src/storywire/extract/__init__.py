"""Extraction: any RawItem (clean text, plain-text page dump or web page) to an ``Extracted``.

Fields the input states explicitly (title, source, date, language, authors from a JSONL record or a
feed) always win over what is guessed from the page; extraction fills only the gaps: the outlet by
``outlets.outlet_name``; the date from the page's markup, else from its URL (``dates.url_date``), else
the feed entry's, else a date guessed from the page's text; the language by detection
(``language.language_of``). Without any of these dates the article is undated (published None).

An item with a title but no body text (a headline from a feed, a paywalled or script-only page) is a
headline-only article: text "" and the title kept. An item with neither is refused with the reason.
"""
from __future__ import annotations

import hashlib
import re

from ..errors import ConfigError, InputError
from ..models import Extracted, RawItem
from .dates import url_date
from .html import FAVORS, extract_html
from .language import iso_code, language_of
from .outlets import outlet_name
from .text import Dump, clean_text, extract_dump

__all__ = ["extract_item", "extract_dump", "extract_html", "clean_text", "Dump", "FAVORS", "is_headline"]

# Titles of pages that are not articles: error pages, bot checks, consent and login walls.
_NOT_A_HEADLINE = re.compile(
    r"^\W*(?:error\b|\d{3}\b|(?:page |seite |file )?not found|(?:seite )?nicht gefunden|page introuvable|"
    r"p[áa]gina no encontrada|access denied|forbidden|just a moment|attention required|are you a robot|"
    r"captcha|security check|sign in|log ?in|subscribe|cookie|consent|redirect|loading|home(?: ?page)?|index|"
    r"untitled|bad request|service unavailable|internal server error|too many requests)\b", re.I)


# A separator before a site's name appended to a page title: "Headline | Outlet", "Headline - Outlet".
_TITLE_SEPARATOR = re.compile(r"\s+[|\u2013\u2014-]\s+|\s+::\s+")


def without_site_name(title: str, names: tuple[str | None, ...]) -> str:
    """A page's title without the site's name its template appends ("Headline | The Gateway Pundit | by Mike
    LaChance", "Headline - BBC News"): cut at the first separator followed by one of ``names`` (the outlet, the
    page's site name) as a whole part, when a headline is left before it."""
    wanted = {n.casefold().strip() for n in names if n and n.strip()}
    if not wanted:
        return title
    for sep in _TITLE_SEPARATOR.finditer(title):
        rest = _TITLE_SEPARATOR.split(title[sep.end():], maxsplit=1)[0]
        head = title[:sep.start()].strip()
        if rest.casefold().strip() in wanted and is_headline(head):
            return head
    return title


def raw_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def is_headline(title: str | None, site_name: str | None = None) -> bool:
    """Whether a title found on a page can stand for an article: two words or more, not the name of the
    site (a home page), not an error page, bot check or login wall ("Page not found", "Just a moment...")."""
    if not title:
        return False
    words = [w for w in title.split() if any(c.isalpha() for c in w)]
    if len(words) < 2 or _NOT_A_HEADLINE.search(title):
        return False
    return not (site_name and title.casefold().strip() == site_name.casefold().strip())


def extract_item(item: RawItem, favor: str = "precision") -> Extracted:
    """Clean text and metadata for one item. Without text, the item is headline-only (text "") when it has
    a title; raises InputError("no article text found ...") when it has neither."""
    if favor not in FAVORS:
        raise ConfigError(f"extract_favor must be one of {', '.join(FAVORS)}, not {favor!r}")
    if item.kind == "html":
        raw = item.html or ""
        found = extract_html(raw, item.url, favor) if raw.strip() else {}
    elif item.kind == "dump":
        raw = item.text or ""
        dump = extract_dump(raw)
        found = {"text": dump.text, "title": dump.title, "source": dump.source, "published": dump.published,
                 "authors": dump.authors, "captions": dump.captions}
    elif item.kind == "text":
        raw = item.text or ""
        found = {"text": clean_text(raw)}
    else:
        raise InputError(f"unknown item kind {item.kind!r} (expected text, dump or html)")
    text = found.get("text") or ""
    if not text.strip():
        text = ""
        page_title = found.get("title") if is_headline(found.get("title"), found.get("source")) else None
        if not (item.title and item.title.strip() or page_title) or not item.allow_headline_only:
            where = {"html": "in the page", "dump": "in the page dump"}.get(item.kind, "in the item")
            why = found.get("empty") or f"no article text found {where}"
            raise InputError(why if not item.allow_headline_only else f"{why} and no title")
        found["title"] = page_title
    url = item.url or found.get("url")
    warnings = item.warnings
    if item.language and not iso_code(item.language):
        warnings += (f"language {item.language[:40]!r} is not a language tag: dropped",)
    source = outlet_name(item.source, found.get("source"), url)
    title = item.title or (found.get("title") and without_site_name(found["title"], (source, found.get("source"))))
    in_url = url_date(url)
    page_date = found.get("published")
    if page_date is not None and in_url is not None and page_date == in_url.replace(hour=0):
        page_date = in_url  # htmldate read the URL's day as midnight: a day in a URL is taken at noon (dates.py)
    return Extracted(
        origin=item.origin, text=text, title=title, external_id=item.external_id,
        url=url, source=source,
        published=item.published or page_date or in_url or item.entry_published or found.get("published_guess"),
        language=language_of(item.language, found.get("language"), title, text),
        authors=item.authors or tuple(found.get("authors") or ()), raw_hash=raw_hash(raw),
        feed_id=item.feed_id, section=item.section, captions=tuple(found.get("captions") or ()),
        warnings=warnings,
    )
