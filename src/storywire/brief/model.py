"""The briefing object: frozen dataclasses, and their JSON form (what is stored, served and rendered).

Every sentence and quote carries the articles it was taken from (``SourceLink``), so a reader of any
rendering can follow it back. ``to_dict``/``from_dict`` round-trip exactly: a stored briefing is
rendered again later (web UI, API, feeds) without touching the stories, which may have changed since.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime

from ..errors import InputError

SECTIONS = ("world", "politics", "business", "technology", "science", "sport", "other")


@dataclass(frozen=True)
class SourceLink:
    """One article a sentence or quote was taken from."""

    article_id: int
    source: str
    url: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class CitedSentence:
    """A sentence copied verbatim from ``sources[0]`` (and carried word for word by the others)."""

    text: str
    sources: tuple[SourceLink, ...]


@dataclass(frozen=True)
class CitedValue:
    """One outlet's figure for a fact outlets disagree on, with the articles giving it."""

    value: str
    sources: tuple[SourceLink, ...]


@dataclass(frozen=True)
class CitedConflict:
    """A number outlets give differently for the same fact (from the summary's conflict items)."""

    values: tuple[CitedValue, ...]


@dataclass(frozen=True)
class CitedQuote:
    """A quote from the story's analysis, with its speaker and the articles that carry it."""

    text: str
    speaker: str
    kind: str  # "direct" or "indirect", as the analysis found it
    sources: tuple[SourceLink, ...]
    cue: str = ""  # the reporting verb of an indirect quote ("said", "has made clear")


@dataclass(frozen=True)
class WhatsNew:
    """What a story briefed before gained since that briefing."""

    since: datetime  # when the previous briefing was made
    new_articles: int
    new_outlets: tuple[str, ...]
    sentences: tuple[CitedSentence, ...]


@dataclass(frozen=True)
class Item:
    """One story in a briefing."""

    story_id: int
    title: str
    section: str
    score: float
    outlets: tuple[str, ...]
    reprint_outlets: tuple[str, ...]  # outlets that only ran another's copy
    article_ids: tuple[int, ...]  # every article of the story the briefing saw (for the next novelty check)
    sentences: tuple[CitedSentence, ...]
    quote: CitedQuote | None = None
    whats_new: WhatsNew | None = None
    reasons: tuple[str, ...] = ()
    conflicts: tuple[CitedConflict, ...] = ()

    @property
    def outlet_count(self) -> int:
        return len(self.outlets)


@dataclass(frozen=True)
class Section:
    name: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Briefing:
    title: str
    created: datetime
    period_start: datetime
    period_end: datetime
    timezone: str
    sections: tuple[Section, ...]
    user: str | None = None  # None: the briefing for everyone

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(i for s in self.sections for i in s.items)

    def to_dict(self) -> dict:
        """JSON-ready dict (times as ISO 8601 strings)."""
        return _jsonable(asdict(self))

    @classmethod
    def from_dict(cls, data: dict) -> Briefing:
        try:
            return Briefing(
                title=data["title"], created=_time(data["created"]), period_start=_time(data["period_start"]),
                period_end=_time(data["period_end"]), timezone=data["timezone"], user=data.get("user"),
                sections=tuple(Section(s["name"], tuple(_item(i) for i in s["items"])) for s in data["sections"]))
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(f"not a briefing object ({exc.__class__.__name__}: {exc})") from None


def _jsonable(value):
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def _time(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _links(rows) -> tuple[SourceLink, ...]:
    return tuple(SourceLink(**r) for r in rows)


def _sentences(rows) -> tuple[CitedSentence, ...]:
    return tuple(CitedSentence(r["text"], _links(r["sources"])) for r in rows)


def _item(d: dict) -> Item:
    q = d.get("quote")
    w = d.get("whats_new")
    return Item(
        story_id=d["story_id"], title=d["title"], section=d["section"], score=d["score"],
        outlets=tuple(d["outlets"]), reprint_outlets=tuple(d.get("reprint_outlets", ())),
        article_ids=tuple(d["article_ids"]), sentences=_sentences(d["sentences"]),
        quote=_quote(q) if q else None,
        whats_new=WhatsNew(_time(w["since"]), w["new_articles"], tuple(w["new_outlets"]),
                           _sentences(w["sentences"])) if w else None,
        reasons=tuple(d.get("reasons", ())),
        conflicts=tuple(CitedConflict(tuple(CitedValue(v["value"], _links(v["sources"])) for v in c["values"]))
                        for c in d.get("conflicts", ())))


def _quote(d: dict) -> CitedQuote:
    return CitedQuote(d["text"], d["speaker"], d["kind"], _links(d["sources"]), d.get("cue", ""))
