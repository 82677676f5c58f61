"""Web pages: trafilatura for the main text and metadata, htmldate for the date, then generic post-filters.

trafilatura does the heavy lifting. Our additions are small and measured (see evaluate.py): the
headline is not repeated as the first paragraph, photo captions/credits, subscription plugs,
share rows and related-link lists that slip through are moved out of the body, and the date keeps
its time and zone when the page gives them.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime

from ..errors import InputError
from .boilerplate import is_caption, is_chrome, is_related_heading, normalise, split_credit, words

FAVORS = ("precision", "balanced", "recall")
# The page's date from its markup (meta tags, structured data, <time>, the URL); htmldate's extensive
# search through the text (copyright years, dates mentioned in passing) is only a guess, kept apart.
# The URL is read last (deferred_url_extractor): a date in the markup is more precise than the URL's day.
_DATE_PARAMS = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%dT%H:%M:%S%z",
                "deferred_url_extractor": True}


def trafilatura_document(html, url: str | None, favor: str):
    """trafilatura's Document for a page (markup or a parsed tree; None when it finds no main text)."""
    from trafilatura import bare_extraction

    if favor not in FAVORS:
        raise ValueError(f"favor must be one of {', '.join(FAVORS)}, not {favor!r}")
    return bare_extraction(
        html, url=url, favor_precision=favor == "precision", favor_recall=favor == "recall",
        include_comments=False, with_metadata=True, date_extraction_params=_DATE_PARAMS,
    )


def parse_date(value: str | None) -> datetime | None:
    """htmldate's output ("2022-02-04T09:15:00+0000", or a bare date) as an aware datetime (UTC if no zone)."""
    if not value:
        return None
    for fmt in ("%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"):
        try:
            dt = datetime.strptime(value, fmt)
        except ValueError:
            continue
        return dt if dt.tzinfo else dt.replace(tzinfo=UTC)
    return None


def split_authors(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(dict.fromkeys(a.strip() for a in re.split(r";|\s+and\s+|\s*&\s*", value) if a.strip()))


def page_language(html: str) -> str | None:
    """The page's declared language (<html lang>, content-language, og:locale) as a two-letter code."""
    head = html[:20000]
    for pattern in (r"<html[^>]*\slang\s*=\s*[\"']?([a-zA-Z]{2,3})\b",
                    r"http-equiv\s*=\s*[\"']content-language[\"'][^>]*content\s*=\s*[\"']([a-zA-Z]{2,3})\b",
                    r"property\s*=\s*[\"']og:locale[\"'][^>]*content\s*=\s*[\"']([a-zA-Z]{2,3})\b"):
        m = re.search(pattern, head, re.I)
        if m:
            return m.group(1).lower()
    return None


def figure_captions(tree) -> list[str]:
    """The page's <figcaption> texts: kept as captions, never as body."""
    found = []
    for node in tree.iter("figcaption"):
        text = normalise(" ".join(node.itertext()))
        if text and len(text) < 600 and text not in found:
            found.append(text)
    return found


def post_filter(paras: list[str], title: str | None, known_captions: Sequence[str] = (),
                authors: Sequence[str] = ()) -> tuple[list[str], list[str]]:
    """Drop what trafilatura kept but is not article text: a repeated headline, captions, plugs, link lists, a
    blurb about the author (at the end; at the start only when it names one of the page's ``authors``).

    Returns (body paragraphs, caption lines).
    """
    body: list[str] = []
    captions: list[str] = list(known_captions)
    in_related = False
    last = len(paras) - 1
    for i, p in enumerate(paras):
        if i == 0 and title and p.casefold() == title.casefold():
            continue
        if p in known_captions:
            continue
        p, credit = split_credit(p)
        if credit:
            captions.append(credit)
        if is_caption(p):
            captions.append(p)
            continue
        if is_related_heading(p):
            in_related = True
            continue
        if in_related and words(p) < 25 and not re.search(r"[.!?]$", p):
            continue
        in_related = False
        if is_chrome(p) or is_shouting_link(p) or (i >= last - 2 and is_author_bio(p)) or \
                (i <= 1 and is_author_bio(p) and p.startswith(tuple(a for a in authors if " " in a))):
            continue
        body.append(p)
    return body, captions


_ROLE = (r"writer|editor|reporter|correspondent|journalist|columnist|contributor|author|producer|"
         r"redakteur(in)?|autor(in)?|journalist(in)?|korrespondent(in)?|journaliste|rédact(eur|rice)|periodista|"
         r"redactor(a)?|giornalista|dziennikar(z|ka)")
_BIO = re.compile(rf"^[A-ZÀ-Ý][\w'’.-]+(\s[A-ZÀ-Ý][\w'’.-]+){{1,3}}\s(?i:is|was|ist|war|est|es|è)\s.{{0,80}}"
                  rf"\b(?i:{_ROLE})\b")


def is_author_bio(p: str) -> bool:
    """The closing "Jane Doe is a writer for ..." blurb about the author, not about the news."""
    return len(p) < 600 and bool(_BIO.match(p))


def is_shouting_link(p: str) -> bool:
    """An all-capitals headline with no sentence end: an inline link to another story ("SENDING TROOPS ...")."""
    if p != p.upper() or re.search(r"[.!?]$", p):
        return False
    letters = [c for c in p if c.isalpha()]
    return words(p) >= 3 and len(letters) >= 12 and all(c.isupper() for c in letters) and not re.search(r"[.!?]$", p)


def extract_html(html: str, url: str | None = None, favor: str = "precision") -> dict:
    """Main text and metadata of a page. A page with no article text gives text "" (its title and other
    metadata are still returned, for a headline-only article) and, under "empty", why there is none;
    without a date in its markup, "published_guess" holds htmldate's guess from the text. Raises
    InputError only when the page cannot be parsed as HTML at all."""
    from trafilatura.metadata import extract_metadata
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        raise InputError("no article text found in the page (not parseable as HTML)")
    known = figure_captions(tree)
    doc = trafilatura_document(tree, url, favor)
    text = normalise(doc.text or "") if doc is not None else ""
    if doc is None:  # no main text at all: the page's metadata alone
        doc = extract_metadata(load_html(html), url, date_config=_DATE_PARAMS)
    title = (doc.title or "").strip() or None
    authors = split_authors(doc.author)
    body, captions = post_filter([p for p in text.split("\n") if p.strip()], title, known, authors)
    found = {
        "text": "\n\n".join(body), "title": title, "authors": authors,
        "published": parse_date(doc.date), "source": (doc.sitename or "").strip() or None,
        "language": (getattr(doc, "language", None) or page_language(html)), "url": doc.url,
        "captions": tuple(captions),
    }
    if found["published"] is None:
        found["published_guess"] = guess_date(html, doc.url or url)
    if not text:
        found["empty"] = "no article text found in the page"
    elif not body:
        found["empty"] = "no article text found in the page (only captions or page chrome)"
    return found


def guess_date(html: str, url: str | None) -> datetime | None:
    """htmldate's extensive search for a page without a date in its markup: dates in the text and footer,
    a guess that comes after the URL's date and the feed entry's (a "Copyright 2022" footer gives Jan 1)."""
    from htmldate import find_date

    try:
        return parse_date(find_date(html, extensive_search=True, original_date=True, url=url,
                                    outputformat=str(_DATE_PARAMS["outputformat"])))
    except ValueError:
        return None
