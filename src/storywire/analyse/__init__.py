"""Coverage comparison of one story: what its articles share, what each adds, who is quoted, who said it first.

``analyse_story`` is a pure function over plain ``Article`` objects (no database), returning one
JSON-serialisable dict, the "story object" shown by the web UI, the API and ``storywire story ID --json``::

    id, title,
    articles:         [{id, source, title, url, published, share_shared, share_unique, origin}]
    shared_passages:  [{text, article_ids, sources, origin}]
    unique_passages:  [{article_id, source, passages: [text]}]
    origins:          [{name, article_ids, credits: [{article_id, source, kind, evidence}]}]
    quotes:           [{kind, text, speaker, speaker_full, role, cue, carriers: [{article_id, source, attribution}]}]
    entities:         [{name, label, count, article_ids, forms}]
    summary:          [{kind: "sentence", text, article_ids}
                       | {kind: "conflict", text, article_ids, values: [{value, article_ids}]}]
    timeline:         [{article_id, source, time, first_for_source}]

An article of no known outlet has ``source`` null, and is in no passage's ``sources``
(``models.public_story``; analyses stored before say "unknown").
"""
from __future__ import annotations

from collections.abc import Mapping

from ..models import Article
from .align import Alignment, align
from .entities import collect_mentions, finder_name, get_nlp
from .parts import ArticleParts, article_parts, method_of
from .quotes import merge_quotes
from .sentences import Sentence, segment_from_spans, split_sentences
from .summarise import story_names, summarise, summary_candidates
from .timeline import iso, time_order, timeline
from .wire import Credit, article_origin, detect_credits, origins_table, passage_origin

__all__ = ["ArticleParts", "analyse_story", "analyse_story_parts", "get_nlp", "split_sentences"]


def _is_body_start(title: str, text: str) -> bool:
    """Whether ``title`` is the start of ``text``: the store's title for a page without a headline, its first line
    (cut after a word and marked "…" when long)."""
    start = " ".join(title.split())
    start = start.removesuffix("\u2026").rstrip()
    return bool(start) and " ".join(text.split()).startswith(start)


KEYS = ("id", "title", "articles", "shared_passages", "unique_passages", "origins", "quotes", "entities",
        "summary", "timeline")


def analyse_story(story_id: int, articles: list, summary_sentences: int = 4, nlp=None) -> dict:
    """The story object for ``articles`` (any order; duplicates by id are dropped).

    ``nlp``: a loaded spaCy pipeline; None loads the configured model once per process (see
    ``entities.get_nlp``); False uses the heuristic entity finder without spaCy.
    """
    return analyse_story_parts(story_id, articles, {}, summary_sentences, nlp)[0]


def analyse_story_parts(story_id: int, articles: list, parts: Mapping[int, ArticleParts], summary_sentences: int = 4,
                        nlp=None, any_finder: bool = False) -> tuple[dict, list[ArticleParts]]:
    """:func:`analyse_story` from the per-article ``parts`` computed earlier (by article id), and the parts it
    had to compute (articles with none, or with parts of another text or entity finder) to be stored. With
    ``any_finder``, parts found by another entity finder are used as they are (e.g. spaCy's, by a caller
    that computes the missing ones with the heuristic)."""
    unique_by_id: dict[int, Article] = {}
    for a in articles:
        unique_by_id.setdefault(a.id, a)
    arts = time_order(list(unique_by_id.values()))
    order = [a.id for a in arts]
    texts = {a.id: a.text or "" for a in arts}
    sources = {a.id: a.source or "" for a in arts}
    if nlp is None:
        nlp = get_nlp()
    finder = finder_name(nlp)
    own: dict[int, ArticleParts] = {}
    computed: list[ArticleParts] = []
    for aid in order:
        known = parts.get(aid)
        if known is None or not known.usable_for(texts[aid], method_of(finder), any_finder):
            known = article_parts(aid, texts[aid], nlp, finder)
            computed.append(known)
        own[aid] = known
    sentences = {aid: segment_from_spans(aid, texts[aid], list(own[aid].sentences)) for aid in order}
    skip = {(aid, s.index) for aid in order for s in sentences[aid] if s.para in own[aid].skip_paras}
    credits = {a.id: detect_credits(texts[a.id], a.source or "") for a in arts}

    al = align(sentences, order, texts, skip)
    quotes = merge_quotes({aid: own[aid].quote_objects() for aid in order}, order, sources)
    units = _sentence_units(al)
    entities = collect_mentions((own[rep.article_id].mentions[rep.index], ids) for rep, ids in units)
    candidates = summary_candidates(al.clusters, sentences, texts, sources)
    summary, title = summarise(candidates, summary_sentences, titles=_headlines(arts),
                               names=story_names(entities))
    if not title:
        title = summary[0]["text"] if summary else ""

    return {
        "id": story_id,
        "title": title,
        "articles": [_article_row(a, al, texts[a.id], credits[a.id]) for a in arts],
        "shared_passages": [_shared_row(p.article_ids, p.text, sources, credits) for p in al.shared],
        "unique_passages": [{"article_id": a.id, "source": a.source, "passages": al.unique.get(a.id, [])}
                            for a in arts],
        "origins": origins_table(credits, sources),
        "quotes": quotes,
        "entities": entities,
        "summary": summary,
        "timeline": timeline(arts),
    }, computed


def _shared_row(article_ids: list[int], text: str, sources: dict[int, str], credits: dict[int, list[Credit]]) -> dict:
    ids = sorted(set(article_ids))
    return {"text": text, "article_ids": ids, "sources": sorted({sources[i] for i in ids}),
            "origin": passage_origin(ids, credits, text)}


def _article_row(a: Article, al: Alignment, text: str, credits: list[Credit]) -> dict:
    share = round(al.share.get(a.id, 0.0), 3)
    return {
        "id": a.id,
        "source": a.source,
        "title": a.title,
        "url": a.url,
        "published": iso(a.published),
        "share_shared": share,
        "share_unique": round(1.0 - share, 3) if text.strip() else 0.0,
        "origin": article_origin(credits),
    }


def _sentence_units(al: Alignment) -> list[tuple[Sentence, list[int]]]:
    """One unit per sentence cluster, (representative sentence, carrying articles), for the entities: a wire
    sentence carried by many outlets counts once per carrier."""
    return [(members[0], sorted({m.article_id for m in members})) for members in al.clusters if members]


def _headlines(arts: list[Article]) -> list[tuple[int, str]]:
    """(article id, title) of the articles with a headline.

    A page with no headline gets the start of its body as title (the store's fallback); that is not
    a headline, so it is chosen only when no article has a real one.
    """
    titles = [(a.id, a.title.strip()) for a in arts if (a.title or "").strip()]
    text = {a.id: a.text for a in arts}
    headlines = [(i, t) for i, t in titles if not _is_body_start(t, text[i])]
    return headlines or titles
