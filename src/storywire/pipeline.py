"""The runner: ingest → extract → store → cluster → analyse, in transactions.

The only module that writes what the stages make (articles, stories, analyses) into the store
(brief.build also runs the analysis, for stories not yet analysed, but keeps the result out of the
store). It owns the error policy: a bad item is skipped with a recorded reason; a good one is never
lost. Each batch of items is stored in one transaction (articles, learned boilerplate), so a crash
loses at most the batch in flight.

Clustering follows the articles' own time, not the order they arrive in: stored articles in no story
yet are pending, and :meth:`Pipeline.cluster_pending` takes them oldest first, a chunk per
transaction (so an archive in any order, or one that arrives years late, is clustered as if it had
come in time; pending articles left by a crash are taken up by the next run). The engine's state is
not serialised into the database: it is rebuilt from the store around the time of the articles it
places (bounded by the window, not the store), follows article time by reading the clustered
articles ahead of it, and before each chunk catches up on what other writers clustered meanwhile.
Writers cluster one at a time (SQLite's write lock; a transaction-level advisory lock on
PostgreSQL), and each chunk starts past the largest story id in the store, so two writers never
give out one id.

The pure stages (extraction and checks, the engine's text features and embeddings, story analysis) run
in worker processes (``workers``; :mod:`storywire.parallel`) ahead of the sequential part, which only
writes to the store and assigns articles to stories. Story analysis combines per-article parts stored
once per article (``article_analyses``), so a story that gains an article computes that article's only;
in an ingest that analyses, the parts of each stored batch compute in the workers while the next batches
are stored and the articles clustered.
"""
from __future__ import annotations

import logging
import threading
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from functools import partial
from itertools import islice
from typing import TYPE_CHECKING

from .clock import utcnow
from .config import Settings
from .errors import RecordRefused
from .extract import extract_item
from .extract.boilerplate import fingerprint, paragraphs
from .models import Article, Assignment, Extracted, IngestResult, RawItem, Rejected
from .parallel import StageFailure, ordered_map, resolve_workers, start_workers, submit_chunk
from .stages import StoryJob, analyse_story_job, article_parts_job, prepare_item
from .store.article_analyses import ArticleAnalysisRow
from .store.articles import UNKNOWN_OUTLET, InputKey
from .store.base import Connection, Store

if TYPE_CHECKING:
    from concurrent.futures import Future

    from .analyse import ArticleParts
    from .cluster import ClusterDoc, OnlineClusterer
    from .cluster.prepare import PreparedDoc

log = logging.getLogger(__name__)


@dataclass
class IngestSummary:
    counts: Counter = field(default_factory=Counter)
    rejected: list[Rejected] = field(default_factory=list)
    article_ids: list[int] = field(default_factory=list)
    warnings: list[Rejected] = field(default_factory=list)  # kept records with something dropped (origin, why)
    stories_analysed: int = 0

    def reject(self, rejection: Rejected) -> None:
        self.rejected.append(rejection)
        self.counts["rejected"] += 1

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

PREPARE_CHUNK = 32  # items extracted per worker task
ANALYSE_BATCH = 200  # stories analysed (in the workers) and stored per transaction
PARTS_CHUNK = 16  # articles whose per-article parts one worker task computes
PARTS_AHEAD = 64  # chunks of parts in flight at most (bounded memory), collected before analysis
FEATURE_CHUNK = 64  # articles whose text features (and embeddings, at once) one worker task computes
CLUSTER_CHUNK = 2000  # pending articles clustered per transaction
OBSERVE_PAGE = 1000  # clustered articles read at once while an engine follows article time


def _compile_engine() -> None:
    """Compile the story engine's kernels before a write transaction starts, not inside it: the first
    time (or on every start where numba cannot cache) this takes ~15 s, which must not hold the store's
    write lock."""
    from .cluster import sparse

    sparse.warm_up()


def _one_blas_thread() -> AbstractContextManager:
    """Numpy's BLAS on one thread while the story engine runs: its matrix products are small (one article
    against the live stories), and a pool of BLAS threads spinning for them on cores the worker processes
    (or other programs) use makes each one many times slower. The results are the same."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(1, user_api="blas")


def _is_clean(item: RawItem | Rejected) -> bool:
    """An item whose preparation costs less than sending it to a worker process: already clean text (a
    JSONL record), or already rejected."""
    return isinstance(item, Rejected) or item.kind == "text"


class _Timeline:
    """A story engine and how far along article time it has seen the store's clustered articles.

    It saw every dated article in a story published from ``start`` up to ``observed_until`` (and the
    undated ones around ``start``); it can place an article of time t if it still holds the stories
    active within the window of t (not expired), has seen the store from t - window on, and t is not so
    far ahead that reading the articles in between is wasted (the engine would forget them again).
    """

    def __init__(self, engine: OnlineClusterer, window: timedelta, start: datetime,
                 features: Callable[[list[ClusterDoc]], Iterator[PreparedDoc]]) -> None:
        self.engine, self.window, self.start = engine, window, start
        self.features = features  # the engine's text features of articles, in order (in the worker processes)
        self.observed_until = start
        self._position: tuple[datetime, int] | None = None  # (published, id) of the last article read
        self.next_stored: tuple[datetime, int] | None = None  # the first clustered article after it (None: not known)

    def covers(self, t: datetime) -> bool:
        w = self.window
        head = _engine_time(self.engine)
        return self.start <= t - w and (head is None or t >= head - w) and t - w <= self.observed_until + 2 * w

    def seen(self, t: datetime | None) -> bool:
        """Whether an article of time ``t`` (None: undated) is behind what the engine has read."""
        return t is None or self.start <= t <= self.observed_until

    def observe(self, arts: list[Article]) -> None:
        """Seed the engine with clustered articles, in order (their features computed by ``features``)."""
        from .cluster import ClusterDoc

        for art, prep in zip(arts, self.features([ClusterDoc.from_article(a) for a in arts]), strict=True):
            assert art.story_id is not None
            self.engine.observe(prep, art.story_id)

    def observe_until(self, conn: Connection, store: Store, until: datetime) -> None:
        """Observe the dated clustered articles published up to ``until`` not read yet, in time order."""
        if until <= self.observed_until:
            return
        if self.next_stored is not None and until < self.next_stored[0]:  # nothing stored before then: no query
            self.observed_until = until
            return
        while True:
            keys = store.clustered_keys_in_time(conn, self._position or (self.start, -1), until, OBSERVE_PAGE)
            self._observe_page(conn, store, keys)
            if keys:
                self._position = keys[-1]
            if len(keys) < OBSERVE_PAGE:
                break
        self.observed_until = until
        # the next clustered article beyond (those this engine adds meanwhile it holds already)
        following = store.clustered_keys_in_time(conn, self._position or (self.start, -1), _FAR_FUTURE, 1)
        self.next_stored = following[0] if following else (_FAR_FUTURE, 0)

    def _observe_page(self, conn: Connection, store: Store, keys: list[tuple[datetime, int]]) -> None:
        """Observe, in order, the articles of ``keys`` (published, id) the engine does not hold; only those
        are read (most are the engine's own)."""
        from .cluster import ClusterDoc

        engine = self.engine
        arts = store.get_articles(conn, [aid for _, aid in keys if engine.story_of(aid) is None])
        prepared = {a.id: (a.story_id, prep) for a, prep in
                    zip(arts, self.features([ClusterDoc.from_article(a) for a in arts]), strict=True)}
        for _, aid in keys:
            if engine.story_of(aid) is not None:
                continue
            if aid in prepared:
                story_id, prep = prepared[aid]
                assert story_id is not None
                engine.observe(prep, story_id)
            else:  # held when the page was read, expired since
                self.observe(store.get_articles(conn, [aid]))


_FAR_FUTURE = datetime(9999, 1, 1, tzinfo=UTC)


def _engine_time(engine: OnlineClusterer) -> datetime | None:
    """The engine's head: the time of the newest dated article it has seen (None: none)."""
    return None if engine.now == float("-inf") else datetime.fromtimestamp(engine.now, UTC)


class Pipeline:
    """Runs the stages over one store with one set of settings."""

    def __init__(self, store: Store, settings: Settings):
        self.store = store
        self.settings = settings
        self.workers = resolve_workers(settings.workers)  # worker processes for the pure stages
        self.worth_workers = PARTS_CHUNK * (2 * self.workers + 1)  # items an ingest needs to use the workers
        self._timeline: _Timeline | None = None  # the story engine, built lazily from the store
        self._synced_at = utcnow()
        # articles this pipeline clustered lately (id -> when): a catch-up skips them (the engine has
        # them, or forgot them on purpose); kept for twice the clock slack
        self._own: dict[int, datetime] = {}
        # the same writes by their clustered_at (-> how many articles), so a catch-up does not read them back
        self._own_writes: dict[datetime, int] = {}
        self._parts_ahead = _PartsAhead(self.workers, settings.spacy_model)  # per-article parts in the workers
        self.parts_computed = 0  # articles whose per-article parts this pipeline computed

    # -- ingest ---------------------------------------------------------------------------------
    def ingest(self, items: Iterable[RawItem | Rejected],
               on_item: Callable[[IngestResult | Rejected], None] | None = None, cluster: bool = True,
               analyse: bool | None = None, parts: bool | None = None) -> IngestSummary:
        """Store every item (a batch per transaction; extraction and checks run in worker processes ahead
        of the store, in order), then cluster what is new in the order of the articles' own time
        (:meth:`cluster_pending`), then analyse the stories that changed. With ``parts`` (default: when
        analysing), the per-article parts of each stored batch start computing in the worker processes at
        once, while the next batches are stored and the articles clustered (:meth:`analyse_pending`
        collects them)."""
        summary = IngestSummary()
        analyse = analyse if analyse is not None else self.settings.analyse
        ahead = parts if parts is not None else analyse
        for batch in batched(self.prepare_items(self._starting_workers(items)), self.settings.batch_size):
            stored = len(summary.article_ids)
            self._store_prepared(batch, summary, on_item)
            if ahead:  # from the first batch on, or never: a small ingest leaves them to the analysis
                ahead = self._compute_parts_ahead(summary.article_ids[stored:], first=not stored)
        if cluster:
            self.cluster_pending()
        if analyse:
            summary.stories_analysed = self.analyse_pending()
        return summary

    def _starting_workers(self, items: Iterable[RawItem | Rejected]) -> Iterator[RawItem | Rejected]:
        """``items``, the worker processes starting (:func:`parallel.start_workers`) once they are enough to be
        worth starting them for, so what the workers load is loaded while the rest is read and stored."""
        for n, item in enumerate(items, 1):
            if n == self.worth_workers:
                start_workers(self.workers)
            yield item

    def extract(self, item: RawItem) -> Extracted:
        return extract_item(item, favor=self.settings.extract_favor)

    def prepare_items(self, items: Iterable[RawItem | Rejected]) -> Iterator[tuple[Extracted, bool] | Rejected]:
        """:func:`stages.prepare_item` of each item, in order, in the worker processes (``workers``; clean
        text, which costs less to prepare than to send, is prepared here); an item that kills its worker is
        rejected alone."""
        for item, prepared in ordered_map(self.prepare_job, items, self.workers, chunksize=PREPARE_CHUNK,
                                          in_process=_is_clean):
            if isinstance(prepared, StageFailure):
                yield Rejected(item.origin, f"extraction failed ({prepared.reason})")
            else:
                yield prepared

    @property
    def prepare_job(self) -> Callable[[RawItem | Rejected], tuple[Extracted, bool] | Rejected]:
        """:func:`stages.prepare_item` with this pipeline's settings, picklable (for the worker processes)."""
        return partial(prepare_item, max_record_bytes=self.settings.max_record_bytes, favor=self.settings.extract_favor)

    def ingest_prepared(self, prepared: list[tuple[Extracted, bool] | Rejected],
                        on_item: Callable[[IngestResult | Rejected], None] | None = None) -> IngestSummary:
        """Store items already prepared (:attr:`prepare_job`, e.g. in the worker processes while they were
        being fetched), a batch per transaction; they are left pending (:meth:`cluster_pending`)."""
        summary = IngestSummary()
        for batch in batched(prepared, self.settings.batch_size):
            self._store_prepared(batch, summary, on_item)
        return summary

    def ingest_batch(self, batch: list[RawItem | Rejected], summary: IngestSummary,
                     on_item: Callable | None = None, cluster: bool = True) -> None:
        """Store one batch in one transaction (then, with ``cluster``, cluster what is pending). If the
        store refuses a record, the batch is stored again with a savepoint per record, so that record
        alone is rejected."""
        cap, favor = self.settings.max_record_bytes, self.settings.extract_favor
        self._store_prepared([prepare_item(item, cap, favor) for item in batch], summary, on_item)
        if cluster:
            self.cluster_pending()

    def _store_prepared(self, batch: list[tuple[Extracted, bool] | Rejected], summary: IngestSummary,
                        on_item: Callable | None) -> None:
        """Store one batch of prepared items in one transaction (see :meth:`ingest_batch`)."""
        ready: list[tuple[Extracted, bool]] = []
        rejected: list[Rejected] = []
        for prepared in batch:
            if isinstance(prepared, Rejected):
                rejected.append(prepared)
            else:
                ready.append(prepared)
        try:
            results, refused = self._store_batch(ready, rejected, isolate=False)
        except RecordRefused:
            results, refused = self._store_batch(ready, rejected, isolate=True)
        for result in results:
            summary.add(result)
            if on_item:
                on_item(result)
        for rejection in rejected + refused:
            summary.reject(rejection)
            if on_item:
                on_item(rejection)

    def _store_batch(self, ready: list[tuple[Extracted, bool]], rejected: list[Rejected],
                     isolate: bool) -> tuple[list[IngestResult], list[Rejected]]:
        with self.store.atomic() as conn:
            results, refused = self._store_records(conn, ready, isolate)
            for rejection in rejected + refused:
                self.store.record_rejection(conn, rejection.origin, rejection.reason)
            self._refresh_revised(conn, results)
        return results, refused

    def _store_records(self, conn: Connection, ready: list[tuple[Extracted, bool]],
                       isolate: bool) -> tuple[list[IngestResult], list[Rejected]]:
        """Store the records, in order: together (:meth:`Store.upsert_articles`), or with ``isolate`` each in
        a savepoint, so one the store refuses is rejected alone."""
        results: list[IngestResult] = []
        refused: list[Rejected] = []
        if not isolate:
            learned = self._learned(conn, ready)
            refused = [item for item in learned if isinstance(item, Rejected)]
            exs = [item for item in learned if isinstance(item, Extracted)]
            stored = iter(zip(exs, self.store.upsert_articles(conn, exs), strict=True))
            for item in learned:
                if isinstance(item, IngestResult):
                    results.append(item)
                elif isinstance(item, Extracted):
                    ex, r = next(stored)
                    results.append(replace(r, warnings=ex.warnings) if ex.warnings else r)
            return results, refused
        for ex, learn in ready:
            one: IngestResult | Rejected
            try:
                with self.store.savepoint(conn):
                    one = self._store_one(conn, ex, learn)
            except RecordRefused as exc:
                one = Rejected(ex.origin, str(exc))
            if isinstance(one, Rejected):
                refused.append(one)
            else:
                results.append(one)
        return results, refused

    def _refresh_revised(self, conn: Connection, results: list[IngestResult]) -> None:
        """A revised article's story shows its new title and time (new articles wait for clustering)."""
        for r in results:
            if r.status == "revised" and r.article_id is not None:
                sid = self.store.story_of(conn, r.article_id)
                if sid is not None:
                    self.store.refresh_story(conn, sid)

    def _store_one(self, conn: Connection, ex: Extracted, learn: bool) -> IngestResult | Rejected:
        learned = self._learned(conn, [(ex, learn)])[0]
        if not isinstance(learned, Extracted):
            return learned
        result = self.store.upsert_article(conn, learned)
        return replace(result, warnings=learned.warnings) if learned.warnings else result

    def _learned(self, conn: Connection, ready: list[tuple[Extracted, bool]]
                 ) -> list[Extracted | Rejected | IngestResult]:
        """Each record, in order, without its outlet's learned boilerplate (with ``learn``), or why nothing is
        left; or, when the outlet has an article stored from this very page under this title, that article
        unchanged (the page is not counted again, and what the outlet has learned since cannot make it look
        new). One look-up of the pages' inputs and one count of their paragraphs for the whole batch."""
        # articles of no known outlet share no template
        keys = [InputKey(self.store.source_id(conn, ex.source), ex.raw_hash, (ex.title or "").strip())
                if learn and ex.source and ex.source != UNKNOWN_OUTLET else None for ex, learn in ready]
        same = self.store.articles_of_inputs(conn, [k for k in keys if k is not None and k.title])
        out: list[Extracted | Rejected | IngestResult] = []
        learning: list[tuple[int, Extracted, int]] = []  # (place in out, page, outlet id): pages whose paragraphs count
        for (ex, _), key in zip(ready, keys, strict=True):
            if key is not None and key in same:
                out.append(IngestResult(ex.origin, "unchanged", same[key], warnings=ex.warnings))
                continue
            if key is not None:
                learning.append((len(out), ex, key.source_id))
            out.append(ex)
        stripped = self._strip_learned(conn, [(ex, sid) for _, ex, sid in learning])
        for (i, ex, _), kept in zip(learning, stripped, strict=True):
            emptied = ex.text.strip() and not kept.text.strip() and not (kept.title or "").strip()
            out[i] = Rejected(ex.origin, "nothing left after removing boilerplate") if emptied else kept
        return out

    def _strip_learned(self, conn: Connection, pages: list[tuple[Extracted, int]]) -> list[Extracted]:
        """Each page without the paragraphs its outlet (the id beside it) repeats on many pages (newsletter
        plugs, footers, nav), each page counted in order."""
        paras = [paragraphs(ex.text) for ex, _ in pages]
        prints = [{p: fingerprint(p) for p in ps if len(p) < 300} for ps in paras]
        counts = self.store.count_paragraphs(conn, [(sid, set(pr.values())) for (_, sid), pr in
                                                    zip(pages, prints, strict=True)])
        out = []
        for (ex, _), ps, pr, count in zip(pages, paras, prints, counts, strict=True):
            keep = [p for p in ps if count.get(pr.get(p, ""), 0) < self.settings.boilerplate_min_pages]
            out.append(ex if len(keep) == len(ps) else replace(ex, text="\n\n".join(keep)))
        return out

    # -- clustering -----------------------------------------------------------------------------
    def cluster_pending(self, on_progress: Callable[[int, int], None] | None = None) -> int:
        """Cluster every stored article in no story yet: dated ones in the order of their own time (not
        the order they came in), then undated ones; a chunk per transaction. Returns how many.

        ``on_progress(done, total)`` after each chunk (total: the articles pending at the start).
        """
        with self.store.read() as conn:
            total = self.store.count_unclustered(conn)
        if not total:
            return 0
        _compile_engine()
        done = 0
        with _one_blas_thread():
            for dated in (True, False):
                while n := self._cluster_chunk(dated):
                    done += n
                    if on_progress:
                        on_progress(done, max(total, done))
        return done

    def _cluster_chunk(self, dated: bool) -> int:
        """Cluster the next chunk of pending articles (oldest first) in one transaction; 0: none left."""
        try:
            with self.store.atomic() as conn:
                self.store.lock_clustering(conn)  # then read: another writer may have clustered them meanwhile
                docs = self.store.unclustered_articles(conn, dated, CLUSTER_CHUNK)
                if docs:
                    self._cluster(conn, docs)
                return len(docs)
        except BaseException:
            self._timeline = None  # the engine's memory may be ahead of the rolled-back store (a failed commit too)
            raise

    def _cluster(self, conn: Connection, docs: list[Article]) -> None:
        """Assign ``docs`` (dated ones in time order, or undated ones) to stories; store the decisions.

        Before a dated article of time t is placed, the engine has seen every clustered article up to
        t + window (so an archive arriving late finds the stories of its own time), and an article far
        from the engine's time gets an engine rebuilt from the store around its time.
        """
        from .cluster import ClusterDoc

        timeline = self._timeline_at(conn, docs[0].published)
        touched: set[int] = set()
        decided: list[Assignment] = []  # written in groups (the store sees them before an engine is rebuilt)
        for prep in self._features(timeline.engine, [ClusterDoc.from_article(a) for a in docs]):
            if prep.time is not None:
                if not timeline.covers(prep.time):
                    self._apply(conn, decided)
                    decided = []
                    timeline = self._timeline_at(conn, prep.time)
                timeline.observe_until(conn, self.store, prep.time + timeline.window)
            assignment = timeline.engine.assign(prep)
            decided.append(assignment)
            touched.add(assignment.story_id)
            self._own[assignment.article_id] = self._synced_at
        self._apply(conn, decided)
        self.store.refresh_stories(conn, touched)

    def _apply(self, conn: Connection, decided: list[Assignment]) -> None:
        """Store the decisions, noting the write as this pipeline's own (see :meth:`_catch_up`)."""
        if decided:
            at = self.store.apply_assignments(conn, decided)
            self._own_writes[at] = self._own_writes.get(at, 0) + len(decided)

    def _features(self, engine: OnlineClusterer, docs: list[ClusterDoc]) -> Iterator[PreparedDoc]:
        """The engine's text features of ``docs`` (:func:`cluster.prepare.prepare_batch`), in order, computed
        in the worker processes (sent back packed: :mod:`cluster.transfer`); a chunk a worker failed on is
        prepared here."""
        from .cluster.prepare import prepare_batch
        from .cluster.transfer import PackedDocs, prepare_packed, unpack

        here = partial(prepare_batch, terms=engine.vectoriser.terms, num_perm=engine.dedup.num_perm,
                       seed=engine.dedup.seed, embedder=engine.embedder)
        # with workers, sent back packed (cheaper to receive)
        job: Callable[[list[ClusterDoc]], PackedDocs | list[PreparedDoc]] = (
            partial(prepare_packed, *here.args, **here.keywords) if self.workers > 0 else here)
        for chunk, prepared in ordered_map(job, batched(docs, FEATURE_CHUNK), self.workers, chunksize=1):
            if isinstance(prepared, StageFailure):
                yield from here(chunk)
            elif isinstance(prepared, PackedDocs):
                yield from unpack(prepared)
            else:
                yield from prepared

    def _timeline_at(self, conn: Connection, t: datetime | None) -> _Timeline:
        """An engine that can place an article of time ``t`` (None: undated, placed at the store's newest
        time): the current one, caught up with other writers, if it holds that time; else one rebuilt
        from the store around it."""
        from .cluster import load_engine

        if t is None:
            t = self.store.latest_published(conn)
        timeline = self._timeline
        if timeline is not None and (t is None or timeline.covers(t)):
            self._catch_up(conn, timeline)
        else:
            window = timedelta(hours=self.settings.cluster_window_hours)
            engine = load_engine(self.settings, next_story_id=self.store.max_story_id(conn) + 1)
            self._synced_at = utcnow()  # under the write lock: later merges are stamped after it
            start = (t or utcnow()) - window
            timeline = self._timeline = _Timeline(engine, window, start, partial(self._features, engine))
            timeline.observe(self.store.clustered_undated(conn, start - window))  # undated ones clustered around then
        if t is not None:
            timeline.observe_until(conn, self.store, t)
        return timeline

    def _catch_up(self, conn: Connection, timeline: _Timeline) -> None:
        """What other writers clustered since our last chunk: their articles of the time the engine has
        seen (later ones come along its timeline), their merges (or we would put articles into stories
        they merged away; MERGE_CLOCK_SLACK allows for clock skew between machines) and their new story
        ids (or ours would collide with them)."""
        synced_at = utcnow()  # under the write lock: later merges are stamped after it
        since = self._synced_at - MERGE_CLOCK_SLACK
        timeline.next_stored = None  # others may have stored articles ahead of it since
        self._own = {aid: at for aid, at in self._own.items() if at >= since - MERGE_CLOCK_SLACK}
        self._own_writes = {at: n for at, n in self._own_writes.items() if at >= since}
        missed = [aid for aid, published in self.store.clustered_since(conn, since, self._own_writes)
                  if aid not in self._own and timeline.engine.story_of(aid) is None and timeline.seen(published)]
        timeline.observe(sorted(self.store.get_articles(conn, missed), key=lambda a: (a.published is not None, a.time)))
        for old, into in self.store.merges_since(conn, since):
            timeline.engine.follow_merge(old, into)
        timeline.engine.next_story_id = max(timeline.engine.next_story_id, self.store.max_story_id(conn) + 1)
        self._synced_at = synced_at

    def recluster(self, since: datetime, on_progress: Callable[[int, int], None] | None = None) -> int:
        """Rebuild the stories of a period: detach its articles and cluster them again in time order."""
        with self.store.atomic() as conn:
            ids = self.store.clear_stories_since(conn, since)
        self._timeline = None
        return self.cluster_pending(on_progress) if ids else 0

    # -- analysis -------------------------------------------------------------------------------
    def analyse_story(self, story_id: int) -> dict:
        """Analyse one story now (from the stored per-article parts; those missing are computed and stored)."""
        with self.store.read() as conn:
            job = self._story_job(conn, story_id)
        data, computed = analyse_story_job(job)
        self.parts_computed += len(computed)
        with self.store.atomic() as conn:
            self._save_parts(conn, computed)
            self.store.save_analysis(conn, story_id, data)
        return data

    def analyse_pending(self, on_story: Callable[[int], None] | None = None) -> int:
        """Analyse every story that changed since its last analysis: the stories of a batch in the worker
        processes (each from its articles' stored per-article parts, computing only the missing ones), their
        results stored in one transaction per batch. Parts computing ahead (:meth:`ingest`) are stored first."""
        self._collect_parts(wait=True)
        done = 0
        while True:
            with self.store.read() as conn:
                pending = self.store.stories_needing_analysis(conn, limit=ANALYSE_BATCH)
                jobs = [self._story_job(conn, sid) for sid in pending]
            if not jobs:
                return done
            results = list(ordered_map(analyse_story_job, jobs, self.workers, chunksize=1))
            with self.store.atomic() as conn:
                for job, result in results:
                    if isinstance(result, StageFailure):  # one bad story must not stop the others; the reason is kept
                        log.error("analysis of story %s failed: %s", job.story_id, result.reason)
                        self.store.mark_analysed(conn, job.story_id)
                        self.store.record_rejection(conn, f"story {job.story_id}", f"analysis failed: {result.reason}")
                    else:
                        data, computed = result
                        self.parts_computed += len(computed)
                        self._save_parts(conn, computed)
                        self.store.save_analysis(conn, job.story_id, data)
            for job, _ in results:
                done += 1
                if on_story:
                    on_story(job.story_id)

    def _story_job(self, conn: Connection, story_id: int) -> StoryJob:
        from .analyse import ArticleParts

        arts = self.store.story_articles(conn, story_id)
        stored = self.store.article_analyses(conn, (a.id for a in arts))
        parts = tuple(ArticleParts.from_json(r.article_id, r.digest, r.method, r.data) for r in stored.values())
        return StoryJob(story_id, tuple(arts), parts, self.settings.summary_sentences, self.settings.spacy_model)

    def _save_parts(self, conn: Connection, parts: list[ArticleParts]) -> None:
        self.store.save_article_analyses(conn, (ArticleAnalysisRow(p.article_id, p.digest, p.method, p.to_json())
                                                for p in parts))

    def _compute_parts_ahead(self, article_ids: list[int], first: bool) -> bool:
        """Start computing the per-article parts of these stored articles in the worker processes
        (:class:`_PartsAhead`), and say so; with no workers, or a ``first`` batch too small to be worth
        sending (an ingest of a few articles), the story analysis computes them."""
        if not article_ids:  # nothing new in this batch: decide on the next one
            return True
        if self.workers <= 0 or (first and len(article_ids) < self.worth_workers):
            return False
        with self.store.read() as conn:  # an article revised within the batch is there once, as stored last
            texts = [(a.id, a.text or "") for a in self.store.get_articles(conn, list(dict.fromkeys(article_ids)))]
        self._parts_ahead.add(texts)
        self._collect_parts(wait=False)
        return True

    def _collect_parts(self, wait: bool) -> None:
        """Store the parts computed ahead that are done (see :meth:`_PartsAhead.take`)."""
        done = self._parts_ahead.take(wait)
        if done:
            self.parts_computed += len(done)
            with self.store.atomic() as conn:
                self._save_parts(conn, done)


class _PartsAhead:
    """Per-article parts computing in the worker processes ahead of the story analysis, at most one chunk per
    worker at a time (a chunk done sends the next), so the work the main process waits for meanwhile (the
    story engine's text features, in the same pool) never queues behind more than one chunk per worker."""

    def __init__(self, workers: int, spacy_model: str) -> None:
        self.workers = workers
        self.job = partial(article_parts_job, spacy_model=spacy_model)
        self._lock = threading.RLock()  # the pool's thread sends the next chunk as one finishes
        self._waiting: deque[list[tuple[int, str]]] = deque()  # chunks of (article id, text) not yet sent
        self._sent: deque[Future] = deque()  # in the order sent
        self._running = 0

    def add(self, texts: list[tuple[int, str]]) -> None:
        with self._lock:
            self._waiting.extend(batched(texts, PARTS_CHUNK))
        self._send()

    def _send(self, at_least_one: bool = False) -> None:
        with self._lock:
            while self._waiting and (self._running < self.workers or at_least_one):
                try:
                    future = submit_chunk(self.job, self._waiting.popleft(), self.workers)
                except RuntimeError:  # the pool is shut down: the process is stopping, nothing more to send
                    self._waiting.clear()
                    return
                self._running += 1
                self._sent.append(future)
                future.add_done_callback(self._finished)
                at_least_one = False

    def _finished(self, _future: Future) -> None:
        with self._lock:
            self._running -= 1
        self._send()

    def take(self, wait: bool) -> list[ArticleParts]:
        """The parts of the chunks done, in the order sent (the oldest waited for while more than
        ``PARTS_AHEAD`` chunks are pending: bounded memory), or, with ``wait``, of all. A chunk whose worker
        failed is left to the story analysis."""
        done: list[ArticleParts] = []
        while True:
            with self._lock:
                if not self._sent and self._waiting and (wait or len(self._waiting) > PARTS_AHEAD):
                    self._send(at_least_one=True)  # the chunk before it finished but has not sent it yet
                if not self._sent or not (wait or self._sent[0].done()
                                          or len(self._sent) + len(self._waiting) > PARTS_AHEAD):
                    return done
                future = self._sent.popleft()
            try:
                done.extend(p for p in future.result() if not isinstance(p, StageFailure))
            except Exception:  # a worker died: the analysis computes that chunk's parts
                log.warning("per-article parts failed in a worker; the story analysis computes them", exc_info=True)
