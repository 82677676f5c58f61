"""The pure stages of the pipeline: plain functions over frozen dataclasses, no store, no state.

:class:`~storywire.pipeline.Pipeline` runs them in worker processes ahead of its sequential part
(store writes, story assignment) through :func:`storywire.parallel.ordered_map`; anything else may run
them as it likes (e.g. as Ray tasks).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import InputError
from .extract import extract_item
from .ingest.validate import check_extracted, check_raw
from .models import Article, Extracted, RawItem, Rejected

if TYPE_CHECKING:
    from .analyse.parts import ArticleParts

log = logging.getLogger(__name__)


def prepare_item(item: RawItem | Rejected, max_record_bytes: int, favor: str) -> tuple[Extracted, bool] | Rejected:
    """Extract and check one item: what the store may take (and whether its outlet's boilerplate is to be
    learned from it and stripped), or why not. A :class:`Rejected` passes through."""
    if isinstance(item, Rejected):
        return item
    refused = check_raw(item, max_record_bytes)
    if refused:
        return refused
    try:
        ex = extract_item(item, favor=favor)
    except InputError as exc:
        return Rejected(item.origin, str(exc))
    except Exception as exc:  # hostile pages can break a parser; that costs this item only
        log.warning("extraction of %s failed", item.origin, exc_info=True)
        return Rejected(item.origin, f"extraction failed ({exc.__class__.__name__})")
    checked = check_extracted(ex, max_record_bytes)
    return checked if isinstance(checked, Rejected) else (checked, item.kind in ("html", "dump"))


@dataclass(frozen=True)
class StoryJob:
    """One story to analyse: its articles, the per-article parts stored for them, the analysis settings."""

    story_id: int
    articles: tuple[Article, ...]
    parts: tuple[ArticleParts, ...]
    summary_sentences: int
    spacy_model: str  # empty: the default model


def article_parts_job(article: tuple[int, str], spacy_model: str) -> ArticleParts:
    """The per-article parts of one stored article, (id, text), with the entity finder of ``spacy_model``
    (empty: the default model)."""
    from .analyse.entities import entity_finder, finder_name
    from .analyse.parts import article_parts

    nlp = entity_finder(spacy_model)
    return article_parts(article[0], article[1], nlp, finder_name(nlp))


def analyse_story_job(job: StoryJob) -> tuple[dict, list[ArticleParts]]:
    """The story object of ``job`` and the per-article parts it computed (those not given, or stale)."""
    from .analyse import analyse_story_parts
    from .analyse.entities import entity_finder

    return analyse_story_parts(job.story_id, list(job.articles), {p.article_id: p for p in job.parts},
                               job.summary_sentences, entity_finder(job.spacy_model))
