"""OPML 2.0 subscription lists: import (nested folders, ``category`` attributes) and export.

The export uses one level of folders (``<outline text="World">``), the shape Miniflux, FreshRSS and
NetNewsWire all read back; a nested category is written as its path ("World/Europe"), which the
import turns back into the same category, so a round trip is lossless.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element, SubElement, indent, tostring

from ..clock import utcnow
from ..errors import InputError
from ..store.base import Store

MAX_DEPTH = 50  # outline levels; readers export one or two, so deeper is a broken or hostile file


@dataclass(frozen=True)
class Subscription:
    """One feed of an OPML list. ``category`` is a folder path such as "World/Europe" (or None)."""

    url: str
    title: str | None = None
    site_url: str | None = None
    category: str | None = None


def _category_attr(value: str | None) -> str | None:
    """The first path of an OPML ``category`` attribute ("/Science/Weather,/Misc" -> "Science/Weather")."""
    if not value:
        return None
    first = value.split(",")[0].strip().strip("/")
    return first or None


def parse_opml(data: bytes, origin: str = "OPML") -> list[Subscription]:
    """Every feed outline (one with ``xmlUrl``), with its folder path as category; repeats dropped."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    try:
        root = fromstring(data)
    except DefusedXmlException:
        raise InputError(f"{origin}: refused, the XML declares entities or a DTD") from None
    except (ParseError, LookupError, ValueError) as exc:  # also an unknown or unsupported declared encoding
        raise InputError(f"{origin}: not valid XML ({exc})") from None
    if root.tag.lower() != "opml":
        raise InputError(f"{origin}: not an OPML file (root element is <{root.tag}>)")
    body = next((child for child in root if child.tag.lower() == "body"), None)
    if body is None:
        raise InputError(f"{origin}: OPML without a <body>")
    found: dict[str, Subscription] = {}
    # (element, folder path, depth), in document order
    stack: list[tuple[Element, tuple[str, ...], int]] = [(outline, (), 1) for outline in reversed(body)]
    while stack:
        outline, path, depth = stack.pop()
        if outline.tag.lower() != "outline":
            continue
        if depth > MAX_DEPTH:
            raise InputError(f"{origin}: outlines nested deeper than {MAX_DEPTH} levels")
        a = {k.lower(): (v or "").strip() for k, v in outline.attrib.items()}
        label = a.get("title") or a.get("text") or None
        url = a.get("xmlurl")
        if not url:
            folder = path + ((label,) if label else ())
            stack.extend((child, folder, depth + 1) for child in reversed(outline))
        elif urlsplit(url).scheme in ("http", "https") and url not in found:
            category = "/".join(path) if path else _category_attr(a.get("category"))
            found[url] = Subscription(url=url, title=label, site_url=a.get("htmlurl") or None, category=category)
    return list(found.values())


def export_opml(subscriptions: Iterable[Subscription], title: str = "storywire subscriptions",
                now: datetime | None = None) -> str:
    """An OPML 2.0 document: feeds without a category at the top, the others in one folder each."""
    root = Element("opml", version="2.0")
    head = SubElement(root, "head")
    SubElement(head, "title").text = title
    SubElement(head, "dateCreated").text = format_datetime(now or utcnow(), usegmt=True)
    body = SubElement(root, "body")
    folders: dict[str, Element] = {}
    for sub in subscriptions:
        parent = body
        if sub.category:
            if sub.category not in folders:
                folders[sub.category] = SubElement(body, "outline", text=sub.category, title=sub.category)
            parent = folders[sub.category]
        label = sub.title or urlsplit(sub.url).hostname or sub.url
        attrs = {"type": "rss", "text": label, "title": label, "xmlUrl": sub.url}
        if sub.site_url:
            attrs["htmlUrl"] = sub.site_url
        SubElement(parent, "outline", attrs)
    indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(root, encoding="unicode") + "\n"


def import_opml(store: Store, data: bytes, origin: str = "OPML") -> dict:
    """Follow every feed of an OPML document; feeds already followed are counted, not duplicated.

    Returns {"found", "added", "known"}. The one import path for the CLI and the web UI.
    """
    subs = parse_opml(data, origin)
    if not subs:
        raise InputError(f"{origin}: no feeds in this OPML file")
    added = 0
    with store.atomic() as conn:
        for sub in subs:
            _, new = store.add_feed(conn, sub.url, title=sub.title, site_url=sub.site_url, category=sub.category,
                                    source=sub.title)
            added += new
    return {"found": len(subs), "added": added, "known": len(subs) - added}


def export_feeds(store: Store) -> str:
    """The store's feeds as OPML, each titled with its outlet name (what an import reads back as the
    outlet). The one export path for the CLI and the web UI."""
    with store.read() as conn:
        feeds = store.list_feeds(conn)
    return export_opml([Subscription(url=f.url, title=f.name, site_url=f.site_url, category=f.category)
                        for f in feeds])
