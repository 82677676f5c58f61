"""Building a briefing: the top stories of a period, each told in a few traceable sentences.

Every sentence is copied from the story's stored analysis (or, for "what's new", from the new
articles) and kept only if it is found word for word in an article the briefing links to: a briefing
never paraphrases, so nothing in it can say what no outlet said. A story not yet analysed is analysed
here from its articles' stored per-article parts, without storing the result (storing analyses is the
pipeline's job).
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..analyse.summarise import squeeze, stands_alone
from ..analyse.text import clean_space, fold, norm_tokens, word_count
from ..clock import utcnow
from ..config import Settings
from ..errors import ConfigError
from ..models import Article, known_outlets, outlet_label
from ..rank import Preferences, reader_preferences
from ..store.base import Store
from . import sections as sect
from .model import (
    SECTIONS,
    Briefing,
    CitedConflict,
    CitedQuote,
    CitedSentence,
    CitedValue,
    Item,
    Section,
    SourceLink,
    WhatsNew,
)
from .rank import BriefCandidate, period_facts, rank_candidates

MAX_PERIOD = timedelta(hours=24)
SUMMARY_SENTENCES = 3
NEW_SENTENCES = 3


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"unknown time zone {name!r}: use an IANA name such as Europe/Berlin") from None


def briefing_title(at: datetime, tz: str) -> str:
    """"Morning briefing, Friday 4 February 2022" in the reader's local time."""
    local = at.astimezone(zone(tz))
    part = "Morning" if local.hour < 12 else "Afternoon" if local.hour < 17 else "Evening"
    return f"{part} briefing, {local:%A} {local.day} {local:%B %Y}"


# -- composing one item (pure) --------------------------------------------------------------------
def _key(text: str) -> str:
    return clean_space(fold(text)).casefold()


def _link(a: Article) -> SourceLink:
    return SourceLink(article_id=a.id, source=outlet_label(a.source), url=a.url,
                      title=a.title)


def _verbatim_links(text: str, ids, by_id: dict[int, Article], muted: frozenset[str]) -> tuple[SourceLink, ...]:
    """Links to the articles (among ``ids``) that contain ``text`` exactly, apart from whitespace (summaries tidy
    it); muted outlets left out."""
    bare = squeeze(text)
    found = [by_id[i] for i in ids if i in by_id and bare in squeeze(by_id[i].text)
             and by_id[i].source.lower() not in muted]
    return tuple(_link(a) for a in sorted(found, key=lambda a: (a.time, a.id)))


def summary_sentences(analysis: dict, by_id: dict[int, Article], muted: frozenset[str],
                      limit: int = SUMMARY_SENTENCES, avoid: str = "") -> tuple[CitedSentence, ...]:
    """Up to ``limit`` summary sentences found verbatim in a linked article; ones containing ``avoid``
    (the quote shown beside them) are passed over, so the briefing does not say the same thing twice."""
    out = []
    for s in analysis.get("summary") or []:
        if s.get("kind", "sentence") != "sentence" or avoid and _key(avoid) in _key(s.get("text", "")):
            continue
        links = _verbatim_links(s.get("text", ""), s.get("article_ids") or by_id, by_id, muted)
        if links and s["text"].strip():
            out.append(CitedSentence(s["text"], links))
        if len(out) == limit:
            break
    return tuple(out)


def summary_conflicts(analysis: dict, sentences: tuple[CitedSentence, ...], by_id: dict[int, Article],
                      muted: frozenset[str]) -> tuple[CitedConflict, ...]:
    """The summary's conflict items that follow one of ``sentences`` (the sentences the briefing shows), with
    the values still given by two or more unmuted outlets' articles."""
    shown = {_key(s.text) for s in sentences}
    out = []
    after_shown = False
    for s in analysis.get("summary") or []:
        if s.get("kind", "sentence") == "sentence":
            after_shown = _key(s.get("text", "")) in shown
            continue
        if s.get("kind") != "conflict" or not after_shown:
            continue
        values = []
        for v in s.get("values") or []:
            arts = sorted((by_id[i] for i in v.get("article_ids") or []
                           if i in by_id and by_id[i].source.lower() not in muted), key=lambda a: (a.time, a.id))
            if arts and v.get("value"):
                values.append(CitedValue(str(v["value"]), tuple(_link(a) for a in arts)))
        if len(values) > 1:
            out.append(CitedConflict(tuple(values)))
    return tuple(out)


def notable_quote(analysis: dict, by_id: dict[int, Article], muted: frozenset[str],
                  new_ids: frozenset[int] = frozenset()) -> CitedQuote | None:
    """A quote with a speaker: from the new articles first (a developing story), then direct before
    indirect, then the one most outlets carry, named people before anonymous sources."""
    best, best_key = None, None
    for q in analysis.get("quotes") or []:
        speaker = q.get("speaker_full") or q.get("speaker")
        if not speaker or not 6 <= word_count(q.get("text", "")) <= 60:
            continue
        carriers = [by_id[c["article_id"]] for c in q.get("carriers", []) if c.get("article_id") in by_id
                    and by_id[c["article_id"]].source.lower() not in muted]
        if not carriers:
            continue
        named = bool(re.search(r"\b[A-Z][a-z]+ [A-Z][a-z]+", speaker)) or bool(q.get("speaker", "")[:1].isupper())
        fresh = any(a.id in new_ids for a in carriers)
        key = (fresh, q.get("kind") == "direct", len({a.source for a in carriers}), named,
               -abs(word_count(q["text"]) - 25))
        if best_key is None or key > best_key:
            best_key = key
            best = CitedQuote(q["text"], speaker, q.get("kind") or "direct",
                         tuple(_link(a) for a in sorted(carriers, key=lambda a: (a.time, a.id))), q.get("cue") or "")
    return best


def whats_new(analysis: dict, arts: list[Article], new_ids: set[int], new_outlets: tuple[str, ...],
              since: datetime, muted: frozenset[str], skip: set[str]) -> WhatsNew:
    """New articles and outlets since the last briefing, and sentences only the new articles carry."""
    from ..analyse import split_sentences

    by_id = {a.id: a for a in arts}
    old_text = _key("\n".join(a.text for a in arts if a.id not in new_ids))
    new_arts = [a for a in arts if a.id in new_ids and a.source.lower() not in muted]
    picked: list[CitedSentence] = []
    seen = set(skip)

    def take(text: str, ids) -> None:
        k = _key(text)
        if len(picked) >= NEW_SENTENCES or k in seen or k in old_text or not stands_alone(text, norm_tokens(text)):
            return
        links = _verbatim_links(text, ids, by_id, muted)
        if links:
            seen.add(k)
            picked.append(CitedSentence(text, links))

    new_id_list = [a.id for a in new_arts]
    for s in analysis.get("summary") or []:  # the story's central sentences first, when they are new
        take(s.get("text", ""), [i for i in s.get("article_ids", []) if i in new_ids])
    leads = [split_sentences(a.text)[:6] for a in new_arts]
    for rank in range(6):  # then the new articles' leads, taking turns, so each new outlet gets a say
        for sents in leads:
            if rank < len(sents):
                take(sents[rank], new_id_list)
    return WhatsNew(since=since, new_articles=len(new_ids), new_outlets=new_outlets, sentences=tuple(picked))


def compose_item(cand: BriefCandidate, analysis: dict, arts: list[Article], prefs: Preferences | None,
                 previous_created: datetime | None) -> Item:
    """One briefing item from a ranked candidate, its analysis and its articles (pure)."""
    muted = prefs.mute_sources if prefs else frozenset()
    by_id = {a.id: a for a in arts}
    story = cand.ranked.story
    title = analysis.get("title") or story.title
    new_ids = frozenset(cand.novelty.new_article_ids) if cand.novelty.briefed else frozenset()
    quote = notable_quote(analysis, by_id, muted, new_ids)
    sentences = summary_sentences(analysis, by_id, muted, avoid=quote.text if quote else "")
    if quote and len(sentences) < 2:  # the quote is most of what there is to say: tell it as sentences
        quote, sentences = None, summary_sentences(analysis, by_id, muted)
    new = None
    if cand.novelty.briefed:
        new_outlets = known_outlets(cand.novelty.new_outlets)
        new = whats_new(analysis, arts, set(cand.novelty.new_article_ids), new_outlets,
                        previous_created or story.first_seen or story.created, muted,
                        {_key(s.text) for s in sentences})
    text = " ".join([title] + [s.text for s in sentences])
    section = sect.classify([a.section for a in arts], text)
    outlets = known_outlets(cand.ranked.outlets)
    return Item(story_id=story.id, title=title, section=section, score=round(cand.score, 4), outlets=outlets,
                reprint_outlets=tuple(o for o in outlets if o in set(cand.facts.reprint_outlets)),
                article_ids=tuple(a.id for a in arts), sentences=sentences, quote=quote, whats_new=new,
                reasons=cand.ranked.reasons, conflicts=summary_conflicts(analysis, sentences, by_id, muted))


def group(items: list[Item]) -> tuple[Section, ...]:
    """Sections in the order of their best story; stories in rank order within each."""
    order: list[str] = []
    for i in items:
        if i.section not in order:
            order.append(i.section)
    order = [s for s in order if s != "other"] + (["other"] if "other" in order else [])  # "other" last
    return tuple(Section(s, tuple(i for i in items if i.section == s)) for s in order if s in SECTIONS)


# -- building (reads the store) ------------------------------------------------------------------
def build_briefing(store: Store, settings: Settings, since: datetime | None = None, until: datetime | None = None,
                   user: str | None = None, now: datetime | None = None, size: int | None = None) -> Briefing:
    """The briefing for everyone (``user`` None) or for one user, covering ``since`` .. ``until``.

    ``since`` defaults to the end of the same reader's previous briefing, at most 24 hours back.
    """
    from ..analyse import ArticleParts, analyse_story_parts

    now = now or utcnow()
    until = until or now
    size = size or settings.briefing_size
    with store.read() as conn:
        reader = store.user_by_name(conn, user) if user else None
        user_id = reader["id"] if reader else None
        tz = (reader["timezone"] if reader and reader["timezone"] else settings.timezone)
        zone(tz)
        previous = store.last_briefing(conn, user_id, before=until)
        if since is None:
            since = max(previous.period_end, until - MAX_PERIOD) if previous else until - MAX_PERIOD
        prefs = reader_preferences(store, conn, user_id) if user_id is not None else None
        briefed = frozenset(i for it in (previous.data.get("sections", []) if previous else [])
                            for item in it.get("items", []) for i in item.get("article_ids", []))
        facts, refs = period_facts(store, conn, since, until)
        chosen = rank_candidates(facts, refs, until, prefs, briefed)[:size]
        loaded = []
        for cand in chosen:
            arts = [a for a in store.story_articles(conn, cand.ranked.story.id) if a.time <= until]
            analysis = store.get_analysis(conn, cand.ranked.story.id)
            stored = store.article_analyses(conn, (a.id for a in arts)) if analysis is None else {}
            parts = {i: ArticleParts.from_json(i, r.digest, r.method, r.data) for i, r in stored.items()}
            loaded.append((cand, analysis, arts, parts))
    items = []
    for cand, analysis, arts, parts in loaded:
        if analysis is None:  # analysis switched off or not yet run: compute it from the stored per-article
            # parts (the missing ones with the heuristic entity finder), do not store it
            analysis = analyse_story_parts(cand.ranked.story.id, arts, parts, settings.summary_sentences,
                                           nlp=False, any_finder=True)[0]
        items.append(compose_item(cand, analysis, arts, prefs, previous.created if previous else None))
    return Briefing(title=briefing_title(until, tz), created=now, period_start=since, period_end=until,
                    timezone=tz, sections=group(items), user=reader["name"] if reader else None)
