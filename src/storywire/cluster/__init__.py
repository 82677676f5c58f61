"""Story engine: near-duplicate detection and online story clustering. Pure: plain data in and out.

API (no database: the caller reads and writes the store). How the ingest pipeline runs it::

    from storywire.cluster import ClusterDoc, load_engine

    eng = load_engine(settings, next_story_id=max_story_id + 1)   # the configured model
    for art in clustered_articles_of_the_window_before_t:         # rebuild around time t from the store,
        eng.observe(ClusterDoc.from_article(art), art.story_id)   # in time order
    for old, into in merges_other_writers_made_since:             # keep up with other writers
        eng.follow_merge(old, into)
    for prep in eng.prepare_all(ClusterDoc.from_article(art) for art in pending_articles_in_time_order):
        observe_the_clustered_articles_up_to(prep.time + window)  # what is stored ahead of it
        store.apply_assignments(conn, [eng.assign(prep)])         # storywire.models.Assignment

(``storywire.pipeline`` does this, with an engine rebuilt when an article is far from the engine's time.)

``Assignment`` fields: story_id (existing or newly allocated from the engine's counter), is_new_story,
score (probability of the joined story; for a new story, the best candidate's), duplicate_of (the
earliest copy in the window) and dup_similarity (best near-duplicate similarity), merged_story_ids
(stories merged into story_id by this arrival: their articles now belong to story_id), explain
(with ``explain=True``: the decision, threshold (of the decision that scored the article: the
model's ``headline`` decision for an article without a body), top candidates with probability and
feature values; shown by ``python -m storywire.cluster.explain FILE``).

- ``load_engine(settings, next_story_id=1)``: a fresh engine with ``settings.cluster_model`` (empty: the
  model shipped in cluster/model.json) and ``settings.cluster_window_hours``.
- ``ClusterDoc(article_id, source, title, text, time, language=None)``; ``ClusterDoc.from_article(article)``:
  ``time`` is the article's publication time (None: undated, never the fetch time).
- ``OnlineClusterer(params=None, window_hours=72.0, next_story_id=1, embedder=None)``; ``load_params(path=None)``;
  ``embedder``: a :class:`.embed.Embedder` (default: the model ``make`` installs, when the model uses
  the embedding features).
- ``OnlineClusterer.assign(doc, explain=False) -> Assignment``: never looks ahead; an article already
  in the window is returned with its story and changes nothing.
- ``OnlineClusterer.assign_all(docs, workers=0) -> Iterator[Assignment]``: the same decisions for a
  stream; with ``workers`` > 0, worker processes run :func:`prepare` (text features, term ids,
  near-duplicate sketch: pure functions of one document) ahead of the sequential engine.
- ``prepare(doc, terms) -> PreparedDoc`` (:mod:`.prepare`): the state-free half of an assignment
  (``prepare_batch(docs, terms, embedder=...)``: with sentence embeddings, embedded at once);
  ``assign`` accepts a ``PreparedDoc`` as well as a ``ClusterDoc``.
- ``OnlineClusterer.observe(doc, story_id)``: seed with an already-assigned article (re-clustering a
  period: observe the window before ``--since``, then assign the rest; ``doc`` may come prepared, as
  for ``assign``). Raises next_story_id past it.
- ``OnlineClusterer.follow_merge(old, into)``: another writer merged story ``old`` into ``into``.
- ``OnlineClusterer.to_bytes() / OnlineClusterer.from_bytes(data, params=None)``: a snapshot of the whole
  state, bounded by the window (:mod:`.state`: zlib-compressed pickle of builtin types only, loaded with
  a restricted unpickler), to move an engine to another process; the pipeline rebuilds its engine from
  the store instead.
- ``OnlineClusterer.next_story_id``, ``.story_of(article_id)``, ``.stats()``.
- ``storywire.cluster.train.fit(records, window_hours=72.0, source="") -> params dict`` (write it as JSON
  for ``cluster_model``; both decisions, the headline one under ``headline``);
  ``python -m storywire.cluster.train FILE -o params.json``.
- ``storywire.cluster.evaluate``: ``load_records(path)`` (JSONL with id, title, text, [published],
  story|cluster), ``evaluate_stream(records, params=None, window_hours=72.0) -> dict(precision, recall,
  f1, articles, articles_per_s, stories, gold_stories)``, ``bcubed(pred, gold)``, ``split_by_topic``;
  ``titles_only``, ``mixed`` and ``title_case`` turn records into headline-only, every-other-headline-only
  and Title Case ones.
- ``storywire.cluster.baseline``: TF-IDF + agglomerative clustering, ``python -m storywire.cluster.baseline FILE``.
- ``storywire.cluster.dedup.Deduplicator``: the near-duplicate index on its own.

State: an engine's state is all in its ``OnlineClusterer`` object. Module-level state is only
per-process caches of pure functions (token features, word frequencies, term ids, tf weights, MinHash
permutations, compiled kernels), which never change a result.
"""
from __future__ import annotations

from .dedup import Deduplicator, DupResult
from .evaluate import bcubed, evaluate_stream, load_records
from .online import DEFAULT_PARAMS, FEATURES, OnlineClusterer, load_params
from .prepare import ClusterDoc, PreparedDoc, prepare, prepare_batch


def load_engine(settings, next_story_id: int = 1) -> OnlineClusterer:
    """A fresh engine with the configured model (``settings.cluster_model``; empty: the shipped one)."""
    import json

    from ..errors import ConfigError

    try:
        params = load_params(settings.cluster_model or None)
    except (OSError, json.JSONDecodeError) as exc:
        raise ConfigError(f"cannot read the cluster model {settings.cluster_model!r} ({exc}); "
                          "fit one with `storywire cluster train FILE.jsonl -o model.json`") from None
    from .embed import load_embedder

    embedder = load_embedder(settings.cluster_embed_model) if settings.cluster_embed_model else None
    return OnlineClusterer(params, window_hours=settings.cluster_window_hours, next_story_id=next_story_id,
                           embedder=embedder)


__all__ = ["load_engine", "ClusterDoc", "PreparedDoc", "prepare", "prepare_batch", "OnlineClusterer", "load_params",
           "DEFAULT_PARAMS", "FEATURES", "Deduplicator", "DupResult", "bcubed", "evaluate_stream", "load_records"]
