"""Web pages: trafilatura for the main text and metadata, htmldate for the date, then generic post-filters.

trafilatura does the heavy lifting. Our additions are small and measured (see evaluate.py): the
headline is not repeated as the first paragraph, photo captions/credits, subscription plugs,
share rows and related-link lists that slip through are moved out of the body, and the date keeps
its time and zone when the page gives them.
"""
from __future__ import annotations

import re
from datetime import datetime, timezone

from ..errors import InputError
from .boilerplate import is_caption, is_chrome, is_related_heading, normalise, words

FAVORS = ("precision", "balanced", "recall")
_DATE_PARAMS = {"extensive_search": True, "original_date": True, "outputformat": "%Y-%m-%dT%H:%M:%S%z"}


def trafilatura_document(html: str, url: str | None, favor: str):
    """trafilatura's Document for a page (None when it finds no main text)."""
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
        return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)
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


def post_filter(paras: list[str], title: str | None) -> tuple[list[str], list[str]]:
    """Drop what trafilatura kept but is not article text: a repeated headline, captions, plugs, link lists.

    Returns (body paragraphs, caption lines).
    """
    body: list[str] = []
    captions: list[str] = []
    in_related = False
    for i, p in enumerate(paras):
        if i == 0 and title and p.casefold() == title.casefold():
            continue
        if is_caption(p):
            captions.append(p)
            continue
        if is_related_heading(p):
            in_related = True
            continue
        if in_related and words(p) < 25 and not re.search(r"[.!?]$", p):
            continue
        in_related = False
        if is_chrome(p):
            continue
        body.append(p)
    return body, captions


def extract_html(html: str, url: str | None = None, favor: str = "precision") -> dict:
    """Main text and metadata of a page; raises InputError when the page holds no article text."""
    doc = trafilatura_document(html, url, favor)
    text = normalise(doc.text or "") if doc is not None else ""
    if not text:
        raise InputError("no article text found in the page")
    title = (doc.title or "").strip() or None
    body, captions = post_filter([p for p in text.split("\n") if p.strip()], title)
    if not body:
        raise InputError("no article text found in the page (only captions or page chrome)")
    return {
        "text": "\n\n".join(body), "title": title, "authors": split_authors(doc.author),
        "published": parse_date(doc.date), "source": (doc.sitename or "").strip() or None,
        "language": (doc.language or page_language(html)), "url": doc.url, "captions": tuple(captions),
    }
