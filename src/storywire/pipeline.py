"""The runner: ingest → extract → store → cluster → analyse, batch by batch, in transactions.

The only module that writes what the stages make (articles, stories, analyses) into the store
(brief.build also runs the analysis, for stories not yet analysed, but keeps the result out of the
store). It owns the error policy: a bad item is skipped with a recorded reason; a good one is never
lost. Each batch is one transaction (articles, learned boilerplate, story assignments), so a crash
loses at most the batch in flight.

Clustering state is not serialised into the database: on start the engine is rebuilt by replaying the
articles of the current time window (bounded by the window, not the store), and before each batch it
catches up on articles other writers clustered meanwhile. Writers cluster one at a time (SQLite's
write lock; a transaction-level advisory lock on PostgreSQL), and each batch starts past the largest
story id in the store, so two writers never give out one id.
"""
from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from itertools import islice
from typing import TYPE_CHECKING

from .clock import utcnow
from .config import Settings
from .errors import InputError, RecordRefused
from .extract import extract_item
from .extract.boilerplate import fingerprint, paragraphs
from .ingest.validate import check_extracted, check_raw
from .models import Article, Extracted, IngestResult, RawItem, Rejected
from .store.base import Connection, Store

if TYPE_CHECKING:
    from .cluster import OnlineClusterer

log = logging.getLogger(__name__)


@dataclass
class IngestSummary:
    counts: Counter = field(default_factory=Counter)
    rejected: list[Rejected] = field(default_factory=list)
    article_ids: list[int] = field(default_factory=list)
    warnings: list[Rejected] = field(default_factory=list)  # kept records with something dropped (origin, why)
    stories_analysed: int = 0

    def add(self, result: IngestResult) -> None:
        self.counts[result.status] += 1
        self.warnings.extend(Rejected(result.origin, w) for w in result.warnings)
        if result.article_id is not None and result.status in ("ingested", "revised"):
            self.article_ids.append(result.article_id)


def batched(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


MERGE_CLOCK_SLACK = timedelta(minutes=10)

# Fewest articles clustered at once for which worker processes are worth starting (~1 s each).
POOL_MIN_ARTICLES = 1000


def _compile_engine() -> None:
    """Compile the story engine's kernels before a write transaction starts, not inside it: the first
    time (or on every start where numba cannot cache) this takes ~15 s, which must not hold the store's
    write lock."""
    from .cluster import sparse

    sparse.warm_up()


class Pipeline:
    """Runs the stages over one store with one set of settings."""

    def __init__(self, store: Store, settings: Settings):
        self.store = store
        self.settings = settings
        self._clusterer: OnlineClusterer | None = None  # built lazily by replaying the window
        self._last_seen_id = 0
        self._synced_at = utcnow()

    # -- ingest ---------------------------------------------------------------------------------
    def ingest(self, items: Iterable[RawItem | Rejected],
               on_item: Callable[[IngestResult | Rejected], None] | None = None, cluster: bool = True,
               analyse: bool | None = None) -> IngestSummary:
        summary = IngestSummary()
        if cluster:
            _compile_engine()
        for batch in batched(items, self.settings.batch_size):
            self.ingest_batch(batch, summary, on_item, cluster=cluster)
        if analyse if analyse is not None else self.settings.analyse:
            summary.stories_analysed = self.analyse_pending()
        return summary

    def extract(self, item: RawItem) -> Extracted:
        return extract_item(item, favor=self.settings.extract_favor)

    def _prepare(self, item: RawItem) -> tuple[Extracted, bool] | Rejected:
        """Extract and check one item: what the store may take (and whether to learn boilerplate), or why not."""
        cap = self.settings.max_record_bytes
        refused = check_raw(item, cap)
        if refused:
            return refused
        try:
            ex = self.extract(item)
        except InputError as exc:
            return Rejected(item.origin, str(exc))
        except Exception as exc:  # hostile pages can break a parser; that costs this item only
            log.warning("extraction of %s failed", item.origin, exc_info=True)
            return Rejected(item.origin, f"extraction failed ({exc.__class__.__name__})")
        checked = check_extracted(ex, cap)
        return checked if isinstance(checked, Rejected) else (checked, item.kind in ("html", "dump"))

    def ingest_batch(self, batch: list[RawItem | Rejected], summary: IngestSummary,
                     on_item: Callable | None = None, cluster: bool = True) -> None:
        """Store one batch in one transaction. If the store refuses a record, the batch is stored again
        with a savepoint per record, so that record alone is rejected."""
        ready: list[tuple[Extracted, bool]] = []
        rejected: list[Rejected] = []
        for item in batch:
            prepared = item if isinstance(item, Rejected) else self._prepare(item)
            if isinstance(prepared, Rejected):
                rejected.append(prepared)
            else:
                ready.append(prepared)
        try:
            results, refused = self._store_batch(ready, rejected, cluster, isolate=False)
        except RecordRefused:
            results, refused = self._store_batch(ready, rejected, cluster, isolate=True)
        for result in results:
            summary.add(result)
            if on_item:
                on_item(result)
        for rejection in rejected + refused:
            summary.rejected.append(rejection)
            summary.counts["rejected"] += 1
            if on_item:
                on_item(rejection)

    def _store_batch(self, ready: list[tuple[Extracted, bool]], rejected: list[Rejected], cluster: bool,
                     isolate: bool) -> tuple[list[IngestResult], list[Rejected]]:
        clustering = False
        try:
            with self.store.atomic() as conn:
                results, refused = self._store_records(conn, ready, isolate)
                for rejection in rejected + refused:
                    self.store.record_rejection(conn, rejection.origin, rejection.reason)
                new_ids = self._to_cluster(conn, results)
                if cluster and new_ids:
                    clustering = True
                    self._cluster(conn, new_ids)
        except BaseException:
            if clustering:
                self._clusterer = None  # its memory may be ahead of the rolled-back store (a failed commit too)
            raise
        return results, refused

    def _store_records(self, conn: Connection, ready: list[tuple[Extracted, bool]],
                       isolate: bool) -> tuple[list[IngestResult], list[Rejected]]:
        """Store each record; with ``isolate``, each in a savepoint, so one the store refuses is rejected alone."""
        results: list[IngestResult] = []
        refused: list[Rejected] = []
        for ex, learn in ready:
            stored: IngestResult | Rejected
            if not isolate:
                stored = self._store_one(conn, ex, learn)
            else:
                try:
                    with self.store.savepoint(conn):
                        stored = self._store_one(conn, ex, learn)
                except RecordRefused as exc:
                    stored = Rejected(ex.origin, str(exc))
            if isinstance(stored, Rejected):
                refused.append(stored)
            else:
                results.append(stored)
        return results, refused

    def _to_cluster(self, conn: Connection, results: list[IngestResult]) -> list[int]:
        """The new articles, and the revised ones in no story yet; a revised article's story is refreshed."""
        new_ids = [r.article_id for r in results if r.status == "ingested" and r.article_id is not None]
        for r in results:
            if r.status == "revised" and r.article_id is not None:
                sid = self.store.story_of(conn, r.article_id)
                if sid is not None:
                    self.store.refresh_story(conn, sid)
                else:
                    new_ids.append(r.article_id)
        return new_ids

    def _store_one(self, conn: Connection, ex: Extracted, learn: bool) -> IngestResult | Rejected:
        if learn:
            ex = self._strip_learned(conn, ex)
            if not ex.text.strip():
                return Rejected(ex.origin, "nothing left after removing boilerplate")
        result = self.store.upsert_article(conn, ex)
        return replace(result, warnings=ex.warnings) if ex.warnings else result

    def _strip_learned(self, conn: Connection, ex: Extracted) -> Extracted:
        """Drop paragraphs this outlet repeats on many pages (newsletter plugs, footers, nav)."""
        source_id = self.store.source_id(conn, ex.source or "unknown")
        paras = paragraphs(ex.text)
        prints = {p: fingerprint(p) for p in paras if len(p) < 300}
        counts = self.store.count_paragraphs(conn, source_id, set(prints.values()))
        keep = [p for p in paras if counts.get(prints.get(p, ""), 0) < self.settings.boilerplate_min_pages]
        if len(keep) == len(paras):
            return ex
        return replace(ex, text="\n\n".join(keep))

    # -- clustering -----------------------------------------------------------------------------
    def _cluster(self, conn: Connection, article_ids: list[int]) -> None:
        from .cluster import ClusterDoc

        self.store.lock_clustering(conn)
        engine = self._engine(conn)
        docs = sorted(self.store.get_articles(conn, article_ids), key=lambda a: (a.time, a.id))
        touched: set[int] = set()
        workers = self.settings.cluster_workers if len(docs) >= POOL_MIN_ARTICLES else 0
        for assignment in engine.assign_all((ClusterDoc.from_article(a) for a in docs), workers=workers):
            self.store.apply_assignment(conn, assignment, refresh=False)
            touched.add(assignment.story_id)
        self.store.refresh_stories(conn, touched)
        self._last_seen_id = max(self._last_seen_id, max(article_ids))

    def _engine(self, conn: Connection) -> OnlineClusterer:
        """The in-memory engine, rebuilt from the window, caught up with other writers' articles."""
        from .cluster import load_engine

        synced_at = utcnow()  # under the write lock: later merges are stamped after it
        engine = self._clusterer
        if engine is None:
            latest = self.store.latest_clustered_time(conn)
            engine = self._clusterer = load_engine(self.settings, next_story_id=self.store.max_story_id(conn) + 1)
            self._last_seen_id = 0
            if latest is not None:
                self._replay(conn, engine, since=latest - timedelta(hours=self.settings.cluster_window_hours))
        else:
            # Other writers may have clustered since our last batch: their articles, their merges (or we
            # would put articles into stories they merged away; MERGE_CLOCK_SLACK allows for clock skew
            # between machines) and their new story ids (or ours would collide with them).
            self._replay(conn, engine, after_id=self._last_seen_id)
            for old, into in self.store.merges_since(conn, self._synced_at - MERGE_CLOCK_SLACK):
                engine.follow_merge(old, into)
            engine.next_story_id = max(engine.next_story_id, self.store.max_story_id(conn) + 1)
        self._synced_at = synced_at
        return engine

    def _replay(self, conn: Connection, engine: OnlineClusterer, after_id: int = 0,
                since: datetime | None = None) -> None:
        """Observe the clustered articles after ``after_id`` (from ``since`` on), in time order."""
        from .cluster import ClusterDoc

        seen: list[Article] = list(self.store.clustered_articles(conn, after_id=after_id, since=since))
        for art in sorted(seen, key=lambda a: (a.time, a.id)):
            assert art.story_id is not None  # clustered_articles gives only articles in a story
            engine.observe(ClusterDoc.from_article(art), art.story_id)
            self._last_seen_id = max(self._last_seen_id, art.id)

    def recluster(self, since: datetime) -> int:
        """Rebuild the stories of a period: detach its articles and stream them again in time order."""
        _compile_engine()
        with self.store.atomic() as conn:
            ids = self.store.clear_stories_since(conn, since)
            self._clusterer = None
            if ids:
                self._cluster(conn, ids)
        return len(ids)

    # -- analysis -------------------------------------------------------------------------------
    def analyse_story(self, story_id: int) -> dict:
        from .analyse import analyse_story

        with self.store.read() as conn:
            arts = self.store.story_articles(conn, story_id)
        data = analyse_story(story_id, arts, summary_sentences=self.settings.summary_sentences)
        with self.store.atomic() as conn:
            self.store.save_analysis(conn, story_id, data)
        return data

    def analyse_pending(self, on_story: Callable[[int], None] | None = None) -> int:
        """Analyse every story that changed since its last analysis (each in its own transaction)."""
        done = 0
        while True:
            with self.store.read() as conn:
                pending = self.store.stories_needing_analysis(conn, limit=200)
            if not pending:
                return done
            for sid in pending:
                try:
                    self.analyse_story(sid)
                except Exception as exc:  # one bad story must not stop the others; the reason is kept
                    log.exception("analysis of story %s failed", sid)
                    with self.store.atomic() as conn:
                        self.store.mark_analysed(conn, sid)
                        self.store.record_rejection(conn, f"story {sid}", f"analysis failed: {exc!r}")
                done += 1
                if on_story:
                    on_story(sid)
