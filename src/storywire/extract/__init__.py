"""Extraction: any RawItem (clean text, plain-text page dump or web page) to an ``Extracted``.

Fields the input states explicitly (title, source, date, language, authors from a JSONL record or a
feed) always win over what is guessed from the page; extraction fills only the gaps.
"""
from __future__ import annotations

import hashlib

from ..errors import ConfigError, InputError
from ..models import Extracted, RawItem
from .html import FAVORS, extract_html
from .text import Dump, clean_text, extract_dump

__all__ = ["extract_item", "extract_dump", "extract_html", "clean_text", "Dump", "FAVORS"]


def raw_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def extract_item(item: RawItem, favor: str = "precision") -> Extracted:
    """Clean text and metadata for one item; raises InputError("no article text found ...") when none is left."""
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
        where = {"html": "in the page", "dump": "in the page dump"}.get(item.kind, "in the item")
        raise InputError(f"no article text found {where}")
    return Extracted(
        origin=item.origin, text=text, title=item.title or found.get("title"), external_id=item.external_id,
        url=item.url or found.get("url"), source=item.source or found.get("source"),
        published=item.published or found.get("published"), language=item.language or found.get("language"),
        authors=item.authors or tuple(found.get("authors") or ()), raw_hash=raw_hash(raw),
        feed_id=item.feed_id, section=item.section, captions=tuple(found.get("captions") or ()),
        warnings=item.warnings,
    )
