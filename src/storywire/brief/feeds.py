"""Briefings as feed entries: Atom 1.0 (RFC 4287) and JSON Feed 1.1, one entry per briefing.

A feed reader subscribed to a reader's briefings gets each morning and evening update as one entry
whose content is the briefing's HTML. Entry ids are tag URIs (RFC 4151) made from the reader and the
end of the period, so the same briefing keeps its id however often the feed is rendered.
"""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from typing import Sequence
from urllib.parse import quote

from ..clock import utcnow
from .model import Briefing
from .render import html_body, period_line, text

ATOM_NS = "http://www.w3.org/2005/Atom"
JSONFEED_VERSION = "https://jsonfeed.org/version/1.1"


def entry_id(b: Briefing) -> str:
    end = b.period_end.astimezone(UTC)
    who = quote(b.user, safe="") if b.user else "all"
    return f"tag:storywire,{end:%Y-%m-%d}:briefing/{who}/{end:%Y%m%dT%H%M%SZ}"


def _iso(t: datetime) -> str:
    return t.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _feed_title(briefings: Sequence[Briefing], title: str | None) -> str:
    if title:
        return title
    users = {b.user for b in briefings}
    return f"storywire briefings for {next(iter(users))}" if len(users) == 1 and None not in users else "storywire briefings"


def atom(briefings: Briefing | Sequence[Briefing], title: str | None = None, feed_url: str | None = None,
         home_url: str | None = None) -> str:
    """An Atom feed with one entry per briefing (newest first)."""
    items = [briefings] if isinstance(briefings, Briefing) else sorted(briefings, key=lambda b: b.period_end,
                                                                        reverse=True)
    ET.register_namespace("", ATOM_NS)

    def el(parent, tag: str, value: str | None = None, **attrs) -> ET.Element:
        node = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", {k: v for k, v in attrs.items() if v is not None})
        if value is not None:
            node.text = value
        return node

    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    el(feed, "id", feed_url or "tag:storywire,2022-01-01:briefings/" + ("all" if not items or not items[0].user
                                                                          else quote(items[0].user, safe="")))
    el(feed, "title", _feed_title(items, title))
    el(feed, "updated", _iso(max((b.created for b in items), default=utcnow())))
    el(el(feed, "author"), "name", "storywire")
    el(feed, "generator", "storywire")
    if feed_url:
        el(feed, "link", rel="self", href=feed_url, type="application/atom+xml")
    if home_url:
        el(feed, "link", rel="alternate", href=home_url, type="text/html")
    for b in items:
        entry = el(feed, "entry")
        el(entry, "id", entry_id(b))
        el(entry, "title", b.title)
        el(entry, "published", _iso(b.created))
        el(entry, "updated", _iso(b.created))
        el(entry, "summary", period_line(b))
        for section in b.sections:
            el(entry, "category", term=section.name)
        el(entry, "content", html_body(b), type="html")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def jsonfeed_dict(briefings: Briefing | Sequence[Briefing], title: str | None = None, feed_url: str | None = None,
                  home_url: str | None = None) -> dict:
    items = [briefings] if isinstance(briefings, Briefing) else sorted(briefings, key=lambda b: b.period_end,
                                                                        reverse=True)
    feed: dict = {"version": JSONFEED_VERSION, "title": _feed_title(items, title)}
    if home_url:
        feed["home_page_url"] = home_url
    if feed_url:
        feed["feed_url"] = feed_url
    feed["description"] = "Morning and evening updates: the top stories, in sentences quoted from their sources."
    feed["authors"] = [{"name": "storywire"}]
    feed["language"] = "en"
    feed["items"] = [{
        "id": entry_id(b),
        "title": b.title,
        "content_html": html_body(b),
        "content_text": text(b),
        "summary": period_line(b),
        "date_published": _iso(b.created),
        "date_modified": _iso(b.created),
        "tags": [s.name for s in b.sections],
    } for b in items]
    return feed


def jsonfeed(briefings: Briefing | Sequence[Briefing], **kw) -> str:
    """A JSON Feed 1.1 document with one item per briefing."""
    return json.dumps(jsonfeed_dict(briefings, **kw), ensure_ascii=False, indent=2) + "\n"
