"""Plain, frozen dataclasses passed between pipeline stages.

Stages take and return these (no database handles, no globals), so any stage can run in another
process or on another machine later.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

ItemKind = Literal["text", "dump", "html"]  # clean text, a plain-text page dump, a web page
IngestStatus = Literal["ingested", "unchanged", "revised"]
# The outlet of articles that name none (no source, no URL): shown as "unknown outlet", never counted as one
UNKNOWN_OUTLET = "unknown"


@dataclass(frozen=True)
class RawItem:
    """One article as read from an input, before extraction.

    Exactly one of ``text`` (already clean or a plain-text dump) and ``html`` is usually set; with
    neither, a ``title`` makes it a headline-only item. ``origin`` says where it came from
    ("file.jsonl:12", a feed URL) for error messages. ``published`` is the date the input states (it
    wins); ``entry_published`` the date of the feed entry that linked to the page, used only when
    neither the page nor its URL gives one. ``allow_headline_only`` False refuses the item when its
    page has no text (the collector then falls back to the feed entry's own content).
    """

    origin: str
    kind: ItemKind
    external_id: str | None = None
    url: str | None = None
    source: str | None = None
    title: str | None = None
    text: str | None = None
    html: str | None = None
    published: datetime | None = None
    language: str | None = None
    authors: tuple[str, ...] = ()
    feed_id: int | None = None
    section: str | None = None
    warnings: tuple[str, ...] = ()  # what was dropped from the record while reading it (a bad date...)
    entry_published: datetime | None = None
    allow_headline_only: bool = True


@dataclass(frozen=True)
class Extracted:
    """The result of extraction: clean body text and metadata (the input to the store).

    ``text`` is "" for a headline-only article (then ``title`` is set); ``source`` None is an unknown
    outlet; ``published`` None is undated; ``language`` is an ISO 639-1 code or None."""

    origin: str
    text: str
    title: str | None = None
    external_id: str | None = None
    url: str | None = None
    source: str | None = None
    published: datetime | None = None
    language: str | None = None
    authors: tuple[str, ...] = ()
    raw_hash: str = ""
    feed_id: int | None = None
    section: str | None = None
    captions: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Article:
    """A stored article. ``id`` is the store's integer key; ``external_id`` the id given by the input."""

    id: int
    source: str
    title: str
    text: str
    content_hash: str
    fetched: datetime
    external_id: str | None = None
    url: str | None = None
    published: datetime | None = None
    language: str | None = None
    authors: tuple[str, ...] = ()
    story_id: int | None = None
    duplicate_of: int | None = None
    dup_similarity: float | None = None
    section: str | None = None

    @property
    def time(self) -> datetime:
        """The article's time on the news stream: publication time, else when we fetched it."""
        return self.published or self.fetched

    @property
    def headline_only(self) -> bool:
        """Only a headline was stored (a feed item without text, a page whose text could not be read)."""
        return not self.text.strip()

    @property
    def undated(self) -> bool:
        """Neither the input, the page nor its URL gave a date (``time`` is then only when it was fetched)."""
        return self.published is None


@dataclass(frozen=True)
class Assignment:
    """What clustering decided for one article."""

    article_id: int
    story_id: int
    is_new_story: bool
    score: float | None = None
    duplicate_of: int | None = None
    dup_similarity: float | None = None
    merged_story_ids: tuple[int, ...] = ()  # stories merged into story_id by this arrival
    explain: dict = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Story:
    id: int
    title: str
    created: datetime
    updated: datetime
    article_count: int = 0
    source_count: int = 0
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    summary: str = ""
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class IngestResult:
    """Outcome of storing one item: "ingested", "unchanged", "revised" or "rejected"."""

    origin: str
    status: str
    article_id: int | None = None
    reason: str | None = None
    warnings: tuple[str, ...] = ()  # what was dropped from the record (a bad date, a non-http link)


@dataclass(frozen=True)
class Rejected:
    """An input item that could not be used, with the reason users see ("file.jsonl:7: not JSON")."""

    origin: str
    reason: str


def known_outlets(names: Iterable[str]) -> tuple[str, ...]:
    """``names`` but the reserved name of articles whose outlet is not known (no known outlet is no outlet)."""
    return tuple(n for n in names if n != UNKNOWN_OUTLET)


def outlet_label(name: str | None) -> str:
    """An outlet's name as readers see it: "unknown outlet" for articles whose outlet is not known (the reserved
    name, or none, as the story object gives it)."""
    return "unknown outlet" if not name or name == UNKNOWN_OUTLET else name


def public_story(data: dict) -> dict:
    """The story object as it is shown: the outlet of an article of no known outlet is null, not a name
    ("unknown" is how the store files such articles), and no passage lists it among its ``sources``."""
    def walk(value):
        if isinstance(value, list):
            return [walk(v) for v in value]
        if not isinstance(value, dict):
            return value
        out = {k: walk(v) for k, v in value.items()}
        if out.get("source") == UNKNOWN_OUTLET:
            out["source"] = None
        if isinstance(out.get("sources"), list):
            out["sources"] = [s for s in out["sources"] if s != UNKNOWN_OUTLET]
        return out

    return walk(data)
