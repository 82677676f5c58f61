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
    summary:          [{text, article_ids}]
    timeline:         [{article_id, source, time, first_for_source}]
"""
from __future__ import annotations

from ..models import Article
from .align import Alignment, align
from .entities import collect as collect_entities
from .entities import get_nlp
from .quotes import extract_quotes, merge_quotes
from .sentences import Sentence, paragraphs, segment, split_sentences
from .summarise import SummaryCandidate, summarise
from .timeline import iso, time_order, timeline
from .wire import Credit, article_origin, detect_credits, is_credit_line, is_photo_credit, origins_table, passage_origin

__all__ = ["analyse_story", "get_nlp", "split_sentences"]


def _is_body_start(title: str, text: str) -> bool:
    return " ".join(text.split()).startswith(" ".join(title.split()))


KEYS = ("id", "title", "articles", "shared_passages", "unique_passages", "origins", "quotes", "entities",
        "summary", "timeline")


def analyse_story(story_id: int, articles: list, summary_sentences: int = 4, nlp=None) -> dict:
    """The story object for ``articles`` (any order; duplicates by id are dropped).

    ``nlp``: a loaded spaCy pipeline; None loads the configured model once per process (see
    ``entities.get_nlp``); False uses the heuristic entity finder without spaCy.
    """
    unique_by_id: dict[int, Article] = {}
    for a in articles:
        unique_by_id.setdefault(a.id, a)
    arts = time_order(list(unique_by_id.values()))
    order = [a.id for a in arts]
    texts = {a.id: a.text or "" for a in arts}
    sources = {a.id: a.source or "" for a in arts}
    sentences = {a.id: segment(a.id, texts[a.id]) for a in arts}
    skip_paras = {a.id: _credit_paragraphs(texts[a.id]) for a in arts}
    skip = {(aid, s.index) for aid in order for s in sentences[aid] if s.para in skip_paras[aid]}
    credits = {a.id: detect_credits(texts[a.id], a.source or "") for a in arts}

    al = align(sentences, order, texts, skip)
    quotes = merge_quotes({a.id: extract_quotes(a.id, texts[a.id], skip_paras[a.id]) for a in arts}, order, sources)
    units, candidates = _sentence_units(al, sentences, sources)
    entities = collect_entities(units, nlp=nlp)
    summary, title = summarise(candidates, summary_sentences, titles=_headlines(arts))
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
    }


def _credit_paragraphs(text: str) -> set[int]:
    """Indexes of the paragraphs that are photo credits or credit lines (left out of the analysis)."""
    return {i for i, (s, e) in enumerate(paragraphs(text)) if is_photo_credit(text[s:e]) or is_credit_line(text[s:e])}


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


def _sentence_units(al: Alignment, sentences: dict[int, list[Sentence]],
                    sources: dict[int, str]) -> tuple[list[tuple[str, list[int]]], list[SummaryCandidate]]:
    """One unit per sentence cluster, (text, carrying articles) for NER and a summary candidate: NER runs
    once on a wire sentence carried by many outlets, and the summary counts its coverage."""
    units = []
    candidates = []
    n_sent = {aid: max(1, len(sents)) for aid, sents in sentences.items()}
    for members in al.clusters:
        if not members:
            continue
        rep = members[0]
        ids = sorted({m.article_id for m in members})
        units.append((rep.text, ids))
        rel: dict[int, float] = {}
        for m in members:
            rel.setdefault(m.article_id, m.index / n_sent[m.article_id])
        candidates.append(SummaryCandidate(rep.text, rep.tokens, ids, len({sources[i] for i in ids}), rel))
    return units, candidates


def _headlines(arts: list[Article]) -> list[tuple[int, str]]:
    """(article id, title) of the articles with a headline.

    A page with no headline gets the start of its body as title (the store's fallback); that is not
    a headline, so it is chosen only when no article has a real one.
    """
    titles = [(a.id, a.title.strip()) for a in arts if (a.title or "").strip()]
    text = {a.id: a.text for a in arts}
    headlines = [(i, t) for i, t in titles if not _is_body_start(t, text[i])]
    return headlines or titles
