"""Briefings: the morning and evening update, ranked, faithful to its sources, delivered.

``build_briefing`` picks and tells the top stories of a period (every sentence verbatim from a linked
article); ``render`` turns a briefing into Markdown, HTML, text, Atom, JSON Feed or JSON;
``deliver.send`` e-mails it; ``schedule.run_due`` makes and sends the briefings that are due.
"""
from __future__ import annotations

from collections.abc import Sequence

from ..errors import InputError
from .build import build_briefing
from .feed_writer import atom, jsonfeed
from .model import Briefing, CitedQuote, CitedSentence, Item, Section, SourceLink, WhatsNew
from .render import as_json, html, markdown, text
from .schedule import next_due, run_due, slots_between

FORMATS = ("markdown", "html", "text", "atom", "jsonfeed", "json")


def render(briefing: Briefing | Sequence[Briefing], fmt: str, **feed_options) -> str:
    """One briefing in any format; the feed formats also take several briefings (one entry each)."""
    if fmt == "atom":
        return atom(briefing, **feed_options)
    if fmt == "jsonfeed":
        return jsonfeed(briefing, **feed_options)
    if not isinstance(briefing, Briefing):
        raise InputError(f"format {fmt!r} renders one briefing; use atom or jsonfeed for several")
    renderers = {"markdown": markdown, "html": html, "text": text, "json": as_json}
    if fmt not in renderers:
        raise InputError(f"unknown briefing format {fmt!r}: use one of {', '.join(FORMATS)}")
    return renderers[fmt](briefing)


__all__ = ["FORMATS", "Briefing", "CitedQuote", "CitedSentence", "Item", "Section", "SourceLink", "WhatsNew",
           "build_briefing", "next_due", "render", "run_due", "slots_between"]
