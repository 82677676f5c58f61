"""Feeds out: storywire's one Atom 1.0 (RFC 4287) and JSON Feed 1.1 writer, and briefings as entries.

``atom_xml`` and ``json_feed`` write any ``OutgoingFeed`` (storywire.web.feeds_out makes one of the top
stories). ``atom`` and ``jsonfeed`` make one entry per briefing, whose content is the briefing's HTML.
Briefing entry ids are tag URIs (RFC 4151) made from the reader and the end of the period, so the same
briefing keeps its id however often the feed is rendered.
"""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import quote

from ..clock import utcnow
from .model import Briefing
from .render import html_body, period_line, text

ATOM_NS = "http://www.w3.org/2005/Atom"
JSONFEED_VERSION = "https://jsonfeed.org/version/1.1"
BRIEFINGS_DESCRIPTION = "Morning and evening updates: the top stories, in sentences quoted from their sources."


@dataclass(frozen=True)
class OutgoingEntry:
    """One entry: its content as HTML, as plain text, or both (Atom carries the HTML when there is)."""

    id: str
    title: str
    published: datetime
    updated: datetime
    summary: str = ""
    url: str | None = None
    content_html: str | None = None
    content_text: str | None = None
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class OutgoingFeed:
    id: str
    title: str
    updated: datetime
    entries: tuple[OutgoingEntry, ...]
    self_url: str | None = None  # where this document is served
    home_url: str | None = None
    description: str | None = None
    language: str | None = None


def _iso(t: datetime) -> str:
    """RFC 3339 in UTC with a Z; a naive time is taken as UTC."""
    return (t if t.tzinfo else t.replace(tzinfo=UTC)).astimezone(UTC).isoformat().replace("+00:00", "Z")


def _el(parent: ET.Element, tag: str, value: str | None = None, **attrs: str) -> ET.Element:
    node = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
    if value is not None:
        node.text = value
    return node


def atom_xml(feed: OutgoingFeed) -> str:
    """The feed as an Atom document."""
    ET.register_namespace("", ATOM_NS)
    root = ET.Element(f"{{{ATOM_NS}}}feed")
    _el(root, "id", feed.id)
    _el(root, "title", feed.title)
    if feed.description:
        _el(root, "subtitle", feed.description)
    _el(root, "updated", _iso(feed.updated))
    _el(_el(root, "author"), "name", "storywire")
    _el(root, "generator", "storywire")
    if feed.self_url:
        _el(root, "link", rel="self", href=feed.self_url, type="application/atom+xml")
    if feed.home_url:
        _el(root, "link", rel="alternate", href=feed.home_url, type="text/html")
    for e in feed.entries:
        entry = _el(root, "entry")
        _el(entry, "id", e.id)
        _el(entry, "title", e.title)
        if e.url:
            _el(entry, "link", rel="alternate", href=e.url, type="text/html")
        _el(entry, "published", _iso(e.published))
        _el(entry, "updated", _iso(e.updated))
        if e.summary:
            _el(entry, "summary", e.summary)
        for tag in e.tags:
            _el(entry, "category", term=tag)
        if e.content_html is not None:
            _el(entry, "content", e.content_html, type="html")
        elif e.content_text is not None:
            _el(entry, "content", e.content_text, type="text")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def json_feed(feed: OutgoingFeed) -> str:
    """The feed as a JSON Feed document."""
    doc: dict = {"version": JSONFEED_VERSION, "title": feed.title}
    if feed.home_url:
        doc["home_page_url"] = feed.home_url
    if feed.self_url:
        doc["feed_url"] = feed.self_url
    if feed.description:
        doc["description"] = feed.description
    doc["authors"] = [{"name": "storywire"}]
    if feed.language:
        doc["language"] = feed.language
    doc["items"] = [_json_item(e) for e in feed.entries]
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _json_item(e: OutgoingEntry) -> dict:
    item: dict = {"id": e.id}
    if e.url:
        item["url"] = e.url
    item["title"] = e.title
    if e.content_html is not None:
        item["content_html"] = e.content_html
    if e.content_text is not None:
        item["content_text"] = e.content_text
    if e.summary:
        item["summary"] = e.summary
    item.update(date_published=_iso(e.published), date_modified=_iso(e.updated), tags=list(e.tags))
    return item


# -- briefings as entries ---------------------------------------------------------------------------------
def entry_id(b: Briefing) -> str:
    end = b.period_end.astimezone(UTC)
    who = quote(b.user, safe="") if b.user else "all"
    return f"tag:storywire,{end:%Y-%m-%d}:briefing/{who}/{end:%Y%m%dT%H%M%SZ}"


def _feed_title(briefings: Sequence[Briefing], title: str | None) -> str:
    if title:
        return title
    users = {b.user for b in briefings}
    return f"storywire briefings for {users.pop()}" if len(users) == 1 and None not in users else "storywire briefings"


def briefing_feed(briefings: Briefing | Sequence[Briefing], title: str | None = None, feed_url: str | None = None,
                  home_url: str | None = None) -> OutgoingFeed:
    """A feed with one entry per briefing (newest first)."""
    items = [briefings] if isinstance(briefings, Briefing) else sorted(briefings, key=lambda b: b.period_end,
                                                                        reverse=True)
    who = "all" if not items or not items[0].user else quote(items[0].user, safe="")
    return OutgoingFeed(
        id=feed_url or f"tag:storywire,2022-01-01:briefings/{who}", title=_feed_title(items, title),
        updated=max((b.created for b in items), default=utcnow()), self_url=feed_url, home_url=home_url,
        description=BRIEFINGS_DESCRIPTION, language="en",
        entries=tuple(OutgoingEntry(id=entry_id(b), title=b.title, published=b.created, updated=b.created,
                                summary=period_line(b), content_html=html_body(b), content_text=text(b),
                                tags=tuple(s.name for s in b.sections)) for b in items))


def atom(briefings: Briefing | Sequence[Briefing], **feed_options: str | None) -> str:
    """An Atom feed with one entry per briefing (newest first)."""
    return atom_xml(briefing_feed(briefings, **feed_options))


def jsonfeed(briefings: Briefing | Sequence[Briefing], **feed_options: str | None) -> str:
    """A JSON Feed 1.1 document with one item per briefing."""
    return json_feed(briefing_feed(briefings, **feed_options))
