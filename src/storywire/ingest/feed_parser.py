"""Feed parsing: RSS 0.9x/1.0/2.0 and Atom (feedparser), JSON Feed 1.0/1.1 (by its spec).

Input is the bytes a fetch returned plus the URL they came from (the base for relative links);
feedparser never touches the network here. Output is a frozen :class:`Feed`. A body that is not a
feed (an HTML page, an image, a truncated download, an entity-expansion bomb) raises
:class:`InputError` saying which it was.
"""
from __future__ import annotations

import calendar
import hashlib
import html
import io
import json
import re
import warnings
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from ..errors import InputError

MAX_ENTRIES = 1000  # a feed with more items than this is truncated (newest first in practice)


@dataclass(frozen=True)
class Enclosure:
    url: str
    type: str | None = None
    length: int | None = None


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed. ``id`` is the entry's guid/id, else its link, else a hash of its fields."""

    id: str
    link: str | None
    title: str | None
    published: datetime | None  # timezone-aware (UTC) or None when the feed gives no date
    authors: tuple[str, ...] = ()
    summary: str | None = None  # HTML (sanitised by feedparser for XML feeds)
    content_html: str | None = None
    enclosures: tuple[Enclosure, ...] = ()


@dataclass(frozen=True)
class Feed:
    title: str | None
    site_url: str | None
    entries: tuple[FeedEntry, ...]


# -- sniffing and guarding ------------------------------------------------------------------------
_BINARY_MAGIC = (
    b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04", b"\x1f\x8b", b"RIFF", b"\x00\x00\x01\x00",
)


def _text_prefix(data: bytes, size: int) -> str:
    """The start of the document as text, whatever its (ASCII-compatible or UTF-16/32) encoding."""
    head = data[:size]
    for bom, enc in ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
                     (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return head.decode(enc, "ignore")
    if head[:4] in (b"<\x00?\x00", b"\x00<\x00?"):
        return head.decode("utf-16-le" if head[0] == 0x3C else "utf-16-be", "ignore")
    return head.decode("latin-1")


def sniff(data: bytes, content_type: str | None = None) -> str:
    """"json", "xml", "html" or "binary": what a body looks like, to pick a parser or explain a refusal."""
    ctype = (content_type or "").split(";")[0].strip().lower()
    head = _text_prefix(data, 4096).lstrip("\ufeff \t\r\n")
    if data.startswith(_BINARY_MAGIC) or "\x00" in head[:1024] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary"
    if head.startswith(("{", "[")) or ctype in ("application/feed+json", "application/json"):
        return "json"
    low = head[:2048].lower()
    if re.match(r"(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<!doctype\s+html", low, re.S) or re.match(r"\s*<html[\s>]", low):
        return "html"
    if low.startswith("<") or "xml" in ctype:
        return "xml" if not re.search(r"<html[\s>]", low) or re.search(r"<(rss|feed|rdf:rdf)[\s>]", low) else "html"
    return "binary" if ctype.startswith(("image/", "audio/", "video/", "application/octet-stream")) else "html"


def guard_xml(data: bytes, headers: dict[str, str]) -> None:
    """Refuse documents declaring entities (billion laughs, quadratic blow-up, external entities).

    Feeds have no use for an internal DTD subset; a plain ``<!DOCTYPE rss PUBLIC ...>`` is allowed
    (feedparser never loads external DTDs). A ``<!ENTITY`` anywhere is refused, in the document as
    feedparser decodes it, so neither a long comment before the DOCTYPE nor an encoding such as UTF-7
    hides one.
    """
    from feedparser.encodings import convert_to_utf8

    if re.search(rb"<!ENTITY", convert_to_utf8(headers, data, {}), re.I):
        raise InputError("refused: the XML declares entities in its DOCTYPE (possible entity-expansion bomb)")


# -- helpers --------------------------------------------------------------------------------------
def _abs(url: Any, base: str) -> str | None:
    if not isinstance(url, str) or not url.strip():
        return None
    out = urljoin(base, url.strip())
    return out if urlsplit(out).scheme in ("http", "https") else None


def _clean(text: Any) -> str | None:
    if not isinstance(text, str):
        return None
    text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", text))).strip()
    return text or None


def _struct_to_dt(value: Any) -> datetime | None:
    try:
        return datetime.fromtimestamp(calendar.timegm(value), tz=UTC) if value else None
    except (TypeError, ValueError, OverflowError):
        return None


def _synthetic_id(*parts: Any) -> str:
    return "sha1:" + hashlib.sha1("\x1f".join(str(p or "") for p in parts).encode("utf-8")).hexdigest()


def _text_to_html(text: str) -> str:
    return "".join(f"<p>{html.escape(p.strip())}</p>" for p in re.split(r"\n\s*\n", text) if p.strip())


# -- XML feeds ------------------------------------------------------------------------------------
def _authors(entry: Any) -> tuple[str, ...]:
    names: list[str] = []
    for a in entry.get("authors") or []:
        name = _clean(a.get("name")) if isinstance(a, dict) else None
        if name and name not in names:
            names.append(name)
    if not names and _clean(entry.get("author")):
        names.append(_clean(entry.get("author")))  # type: ignore[arg-type]
    return tuple(names)


def _xml_entry(e: Any, base: str, feed_authors: tuple[str, ...] = ()) -> FeedEntry:
    link = _abs(e.get("link"), base)
    if link is None:
        for candidate in e.get("links") or []:
            if candidate.get("rel", "alternate") == "alternate" and _abs(candidate.get("href"), base):
                link = _abs(candidate.get("href"), base)
                break
    # "updated_parsed" only when present: feedparser's get() falls back to "published_parsed" with a DeprecationWarning
    updated = e.get("updated_parsed") if "updated_parsed" in e else None
    published = _struct_to_dt(e.get("published_parsed")) or _struct_to_dt(updated) \
        or _struct_to_dt(e.get("created_parsed"))
    contents = [c for c in e.get("content") or [] if isinstance(c.get("value"), str) and c["value"].strip()]
    html_parts = [c for c in contents if "html" in (c.get("type") or "")] or contents
    content = max((c["value"] for c in html_parts), key=len) if html_parts else None
    if content and not any("html" in (c.get("type") or "") for c in html_parts):
        content = _text_to_html(content)
    enclosures = []
    for enc in e.get("enclosures") or []:
        url = _abs(enc.get("href") or enc.get("url"), base)
        if url:
            length = str(enc.get("length") or "")
            enclosures.append(Enclosure(url, enc.get("type") or None, int(length) if length.isdigit() else None))
    title = _clean(e.get("title"))
    summary = e.get("summary") if isinstance(e.get("summary"), str) and e.get("summary").strip() else None
    guid = e.get("id") if isinstance(e.get("id"), str) and e.get("id").strip() else None
    return FeedEntry(
        id=(guid.strip() if guid else None) or link or _synthetic_id(title, summary, content),
        link=link, title=title, published=published, authors=_authors(e) or feed_authors, summary=summary,
        content_html=content, enclosures=tuple(enclosures),
    )


def _parse_xml(data: bytes, url: str, content_type: str | None) -> Feed:
    import feedparser

    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    try:
        with warnings.catch_warnings():  # a hostile encoding declaration ("unicode_escape") makes Python warn
            warnings.simplefilter("ignore", DeprecationWarning)
            guard_xml(data, headers)
            # a file-like object: feedparser treats a bytes/str argument as a URL or a *local file name* first
            parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    except ValueError as exc:  # feedparser on a lone surrogate (UTF-7 "+2AA") or on "&#2000000;"
        raise InputError(f"malformed feed: {_describe(exc)}") from None
    version = parsed.get("version") or ""
    entries = parsed.get("entries") or []
    meta = parsed.get("feed") or {}
    if not version and not entries:
        problem = parsed.get("bozo_exception")
        detail = f" ({_describe(problem)})" if problem else ""
        raise InputError(f"not a feed: no RSS, RDF or Atom document found{detail}")
    if parsed.get("bozo") and not entries and not meta.get("title"):
        raise InputError(f"malformed feed: {_describe(parsed.get('bozo_exception'))}")
    # Atom entries inherit the feed's authors (RFC 4287 4.2.1); an RSS channel has no such notion
    inherited = _authors(meta) if version.startswith("atom") else ()
    return Feed(
        title=_clean(meta.get("title")),
        site_url=_abs(meta.get("link"), url),
        entries=tuple(_xml_entry(e, url, inherited) for e in entries[:MAX_ENTRIES]),
    )


def _describe(exc: Any) -> str:
    if exc is None:
        return "unknown problem"
    text = str(exc).strip() or exc.__class__.__name__
    return text.splitlines()[0][:200]


# -- JSON Feed ------------------------------------------------------------------------------------
def _json_date(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        dt = datetime.fromisoformat(value.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    return (dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt).astimezone(UTC)


def _json_authors(obj: dict) -> tuple[str, ...]:
    raw = obj.get("authors")
    if not isinstance(raw, list):
        raw = [obj["author"]] if isinstance(obj.get("author"), dict) else []  # JSON Feed 1.0
    names = [a["name"].strip() for a in raw
             if isinstance(a, dict) and isinstance(a.get("name"), str) and a["name"].strip()]
    return tuple(dict.fromkeys(names))


# A JSON escape of half a surrogate pair with no other half ("\ud800"): no character, a replacement one
_LONE_SURROGATE = re.compile(r"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})|"
                             r"(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}")


def _parse_json(data: bytes, url: str) -> Feed:
    try:
        doc = json.loads(_LONE_SURROGATE.sub(r"\\ufffd", data.decode("utf-8-sig")))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"malformed JSON Feed: {exc}") from None
    if not isinstance(doc, dict) or not str(doc.get("version", "")).startswith("https://jsonfeed.org/version/"):
        raise InputError("not a feed: JSON without a https://jsonfeed.org/version/ \"version\"")
    items = doc.get("items")
    if not isinstance(items, list):
        raise InputError("malformed JSON Feed: \"items\" must be a list")
    feed_base = _abs(doc.get("feed_url"), url) or url
    feed_authors = _json_authors(doc)
    entries = []
    for item in items[:MAX_ENTRIES]:
        if not isinstance(item, dict):
            continue
        link = _abs(item.get("url"), feed_base) or _abs(item.get("external_url"), feed_base)
        title = _clean(item.get("title"))
        content = item.get("content_html") if isinstance(item.get("content_html"), str) else None
        if not content and isinstance(item.get("content_text"), str):
            content = _text_to_html(item["content_text"])
        summary = item.get("summary") if isinstance(item.get("summary"), str) else None
        raw_id = item.get("id")
        item_id = str(raw_id).strip() if isinstance(raw_id, (str, int)) and str(raw_id).strip() else None
        enclosures = []
        attachments = item.get("attachments")
        for att in attachments if isinstance(attachments, list) else []:  # ("attachments": true: none)
            if isinstance(att, dict) and _abs(att.get("url"), feed_base):
                size, mime = att.get("size_in_bytes"), att.get("mime_type")
                enclosures.append(Enclosure(_abs(att["url"], feed_base),  # type: ignore[arg-type]
                                            mime if isinstance(mime, str) and mime else None,
                                            size if isinstance(size, int) else None))
        entries.append(FeedEntry(
            id=item_id or link or _synthetic_id(title, summary, content), link=link, title=title,
            published=_json_date(item.get("date_published")) or _json_date(item.get("date_modified")),
            authors=_json_authors(item) or feed_authors, summary=summary, content_html=content,
            enclosures=tuple(enclosures),
        ))
    return Feed(title=_clean(doc.get("title")), site_url=_abs(doc.get("home_page_url"), url), entries=tuple(entries))


# -- entry point ----------------------------------------------------------------------------------
def parse_feed(data: bytes, url: str, content_type: str | None = None) -> Feed:
    """Parse a fetched feed body. ``url`` is where it came from (relative links resolve against it)."""
    if not data or not data.strip():
        raise InputError("empty response, not a feed")
    kind = sniff(data, content_type)
    if kind == "binary":
        raise InputError(f"binary data ({content_type or 'unknown type'}), not a feed")
    if kind == "json":
        return _parse_json(data, url)
    if kind == "html":
        raise InputError("not a feed: this is an HTML page (give the feed URL, or the home page to discover it)")
    return _parse_xml(data, url, content_type)
