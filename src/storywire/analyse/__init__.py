"""Coverage comparison of one story: what its articles share, what each adds, who is quoted, who said it first.

``analyse_story`` is a pure function over plain ``Article`` objects (no database), returning one
JSON-serialisable dict, the "story object" shown by the web UI, the API and ``storywire story ID --json``::

    id, title,
    articles:         [{id, source, title, url, published, share_shared, share_unique, origin}]
    shared_passages:  [{text, article_ids, sources, origin}]
    unique_passages:  [{article_id, source, passages: [text]}]
    origins:          [{name, article_ids, credits: [{article_id, source, kind, evidence}]}]
    quotes:           [{kind, text, speaker, speaker_full, cue, carriers: [{article_id, source, attribution}]}]
    entities:         [{name, label, count, article_ids, forms}]
    summary:          [{text, article_ids}]
    timeline:         [{article_id, source, time, first_for_source}]
"""
from __future__ import annotations

from .align import align
from .entities import collect as collect_entities
from .entities import get_nlp
from .quotes import extract_quotes, merge_quotes
from .sentences import paragraphs, segment, split_sentences
from .summarise import Candidate, summarise
from .timeline import iso, time_order, timeline
from .wire import article_origin, detect_credits, is_credit_line, is_photo_credit, origins_table, passage_origin

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
    unique_by_id = {}
    for a in articles:
        unique_by_id.setdefault(a.id, a)
    arts = time_order(list(unique_by_id.values()))
    order = [a.id for a in arts]
    texts = {a.id: a.text or "" for a in arts}
    sources = {a.id: a.source or "" for a in arts}

    sentences = {}
    skip: set[tuple[int, int]] = set()
    skip_paras: dict[int, set[int]] = {}
    credits = {}
    for a in arts:
        text = texts[a.id]
        sentences[a.id] = segment(a.id, text)
        bad = {i for i, (s, e) in enumerate(paragraphs(text)) if is_photo_credit(text[s:e]) or is_credit_line(text[s:e])}
        skip_paras[a.id] = bad
        skip.update((a.id, s.index) for s in sentences[a.id] if s.para in bad)
        credits[a.id] = detect_credits(text, a.source or "")

    al = align(sentences, order, texts, skip)

    shared = []
    for p in al.shared:
        ids = sorted(set(p.article_ids))
        shared.append({
            "text": p.text,
            "article_ids": ids,
            "sources": sorted({sources[i] for i in ids}),
            "origin": passage_origin(ids, credits, p.text),
        })

    article_rows = []
    for a in arts:
        share = round(al.share.get(a.id, 0.0), 3)
        article_rows.append({
            "id": a.id,
            "source": a.source,
            "title": a.title,
            "url": a.url,
            "published": iso(a.published),
            "share_shared": share,
            "share_unique": round(1.0 - share, 3) if texts[a.id].strip() else 0.0,
            "origin": article_origin(credits[a.id]),
        })

    unique = [{"article_id": a.id, "source": a.source, "passages": al.unique.get(a.id, [])} for a in arts]

    quotes = merge_quotes({a.id: extract_quotes(a.id, texts[a.id], skip_paras[a.id]) for a in arts}, order, sources)

    # One unit per sentence cluster: NER runs once on a wire sentence carried by many outlets.
    units = []
    candidates = []
    n_sent = {aid: max(1, len(sentences[aid])) for aid in order}
    for members in al.clusters:
        if not members:
            continue
        rep = members[0]
        ids = sorted({m.article_id for m in members})
        units.append((rep.text, ids))
        rel = {}
        for m in members:
            rel.setdefault(m.article_id, m.index / n_sent[m.article_id])
        candidates.append(Candidate(rep.text, rep.tokens, ids, len({sources[i] for i in ids}), rel))
    entities = collect_entities(units, nlp=nlp)

    titles = [(a.id, a.title.strip()) for a in arts if (a.title or "").strip()]
    # A page with no headline gets the start of its body as title (the store's fallback); that is not
    # a headline, so it is chosen only when no article has a real one.
    headlines = [(i, t) for i, t in titles if not _is_body_start(t, unique_by_id[i].text)]
    titles = headlines or titles
    summary, title = summarise(candidates, summary_sentences, titles=titles)
    if not title:
        title = summary[0]["text"] if summary else ""

    return {
        "id": story_id,
        "title": title,
        "articles": article_rows,
        "shared_passages": shared,
        "unique_passages": unique,
        "origins": origins_table(credits, sources),
        "quotes": quotes,
        "entities": entities,
        "summary": summary,
        "timeline": timeline(arts),
    }
