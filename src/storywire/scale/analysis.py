"""Coverage analysis of a backfill on Ray: per-article parts and story analyses as tasks, written by the driver.

Two kinds of task, both pure functions of their arguments that read the store themselves:

- :func:`parts_block`: the per-article parts (:func:`storywire.analyse.parts.article_parts`: sentences, entity
  mentions, quote candidates) of stored articles that have none usable yet. They depend on an article's text
  alone, so they start as soon as a batch of them is stored, while other shards are ingested and stories assigned.
- :func:`stories_block`: the story analyses (:func:`storywire.stages.analyse_story_job`) of stories that
  changed, from the stored parts (any missing ones are computed there, as `storywire ingest` does): while the
  stories are assigned, those no article still to be placed can join (:meth:`Analysis.stories_closed`), the
  rest once every article is placed.

While the backfill's own tasks (shards, blocks to assign) run, the analysis only fills the CPUs they leave
(:meth:`Analysis.reserve`): the ingest and the assignment, on the way to the last stories, never wait behind
it, and each stage takes the same time whatever the analysis had to do meanwhile. The parts go first; story
tasks are sent once no parts task is queued or running, so a story never computes parts a parts task is
computing. :class:`TaskFeed` holds the blocks of one kind; the driver stores what they return, a
transaction per result block (parts; analyses with the parts they computed; a story whose analysis failed is
marked analysed and its failure recorded, as in :meth:`storywire.pipeline.Pipeline.analyse_pending`; the
stories of a task that died stay pending).
"""
from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..config import Settings
from ..models import Rejected
from ..store.article_analyses import ArticleAnalysisRow
from .assigner import worker_store
from .shards import one_line

if TYPE_CHECKING:
    from ..store import Store

log = logging.getLogger(__name__)

PARTS_BLOCK = 100  # articles per parts task
STORIES_BLOCK = 50  # stories per analysis task
IN_FLIGHT_PER_CPU = 2  # analysis tasks in flight per CPU of the cluster once nothing else runs


def _row(parts: Any) -> ArticleAnalysisRow:
    return ArticleAnalysisRow(parts.article_id, parts.digest, parts.method, parts.to_json())


def parts_block(settings: Settings, ids: list[int]) -> list[ArticleAnalysisRow]:
    """The per-article parts of those of these stored articles that have none for their text and entity
    finder (an article whose parts raise is left to its story's analysis, which records the failure)."""
    from ..analyse.entities import entity_finder, finder_name
    from ..analyse.parts import article_parts, method_of, text_digest

    store = worker_store(settings.db)
    nlp = entity_finder(settings.spacy_model)
    finder = finder_name(nlp)
    method = method_of(finder)
    with store.read() as conn:
        arts = store.get_articles(conn, ids)
        stored = store.article_analyses(conn, ids)
    rows = []
    for a in arts:
        text = a.text or ""
        known = stored.get(a.id)
        if known is not None and known.method == method and known.digest == text_digest(text):
            continue
        try:
            rows.append(_row(article_parts(a.id, text, nlp, finder)))
        except Exception:
            log.warning("parts of article %s failed; its story's analysis computes them again", a.id, exc_info=True)
    return rows


@dataclass(frozen=True)
class StoryOutcome:
    """One story analysed (its story object and the parts it computed), or why not (``failure``)."""

    story_id: int
    data: dict | None
    parts: tuple[ArticleAnalysisRow, ...] = ()
    failure: str = ""


def stories_block(settings: Settings, story_ids: list[int]) -> list[StoryOutcome]:
    """The analyses of these stories from their stored articles and parts; a story that raises costs itself only."""
    from ..analyse.parts import ArticleParts
    from ..stages import StoryJob, analyse_story_job

    store = worker_store(settings.db)
    with store.read() as conn:
        jobs = []
        for sid in story_ids:
            arts = store.story_articles(conn, sid)
            stored = store.article_analyses(conn, (a.id for a in arts))
            parts = tuple(ArticleParts.from_json(r.article_id, r.digest, r.method, r.data) for r in stored.values())
            jobs.append(StoryJob(sid, tuple(arts), parts, settings.summary_sentences, settings.spacy_model))
    out = []
    for job in jobs:
        try:
            data, computed = analyse_story_job(job)
        except Exception as exc:
            log.warning("analysis of story %s failed", job.story_id, exc_info=True)
            out.append(StoryOutcome(job.story_id, None, (), f"{exc.__class__.__name__}: {exc}"))
            continue
        out.append(StoryOutcome(job.story_id, data, tuple(map(_row, computed))))
    return out


def write_parts(store: Store, rows: list[ArticleAnalysisRow]) -> None:
    with store.atomic() as conn:
        store.save_article_analyses(conn, rows)


def write_outcomes(store: Store, outcomes: list[StoryOutcome]) -> None:
    """One transaction: each story's analysis and the parts it computed, or its failure (the story is marked
    analysed and the reason kept, so one bad story is not tried again and again); the analyses and parts of the
    block written together (a few statements, not a few per story)."""
    with store.atomic() as conn:
        for o in outcomes:
            if o.data is None:
                log.error("analysis of story %s failed: %s", o.story_id, o.failure)
                store.mark_analysed(conn, o.story_id)
                store.record_rejection(conn, f"story {o.story_id}", f"analysis failed: {o.failure}")
        store.save_article_analyses(conn, [row for o in outcomes for row in o.parts])
        store.save_analyses(conn, [(o.story_id, o.data) for o in outcomes if o.data is not None])


class TaskFeed:
    """Blocks of work for one task function, sent when :class:`Analysis` has room for them; each result goes to
    ``write`` (in the driver) as it comes back. A block whose task failed for good is handed to ``on_failure``."""

    def __init__(self, task: Any, settings: Settings, block: int, write: Callable[[Any], None],
                 on_failure: Callable[[list[int], str], None]) -> None:
        self.task, self.settings, self.block = task, settings, block
        self.write, self.on_failure = write, on_failure
        self.queued: deque[list[int]] = deque()
        self.waiting: set[int] = set()  # the ids of the queued blocks
        self.running: dict[Any, list[int]] = {}
        self.done = 0  # items whose block came back

    def add(self, ids: Iterable[int]) -> None:
        """Queue these ids, but those queued already (a shard may store an article, then revise it or store
        its text again: the task reads the stored one when it runs)."""
        ids = [i for i in dict.fromkeys(ids) if i not in self.waiting]
        self.waiting.update(ids)
        self.queued.extend(ids[i:i + self.block] for i in range(0, len(ids), self.block))

    def send(self, room: int) -> int:
        """Send up to ``room`` queued blocks; how many were sent."""
        sent = 0
        while self.queued and sent < room:
            ids = self.queued.popleft()
            self.waiting.difference_update(ids)
            self.running[self.task.remote(self.settings, ids)] = ids
            sent += 1
        return sent

    @property
    def idle(self) -> bool:
        return not self.queued and not self.running

    def owns(self, ref: Any) -> bool:
        return ref in self.running

    def collect(self, ref: Any) -> None:
        """Store the result of a finished task of this feed."""
        import ray

        ids = self.running.pop(ref)
        try:
            result = ray.get(ref)
        except ray.exceptions.RayError as exc:
            self.on_failure(ids, one_line(exc))
        else:
            self.write(result)
        self.done += len(ids)


class Analysis:
    """The driver's side: parts tasks fed as shards are stored, story tasks as stories close behind the
    assigners, both on the CPUs the backfill's own tasks leave (:meth:`reserve`); then, once every article is
    placed, every CPU for the parts left and the stories that changed."""

    def __init__(self, settings: Settings) -> None:
        import ray

        from ..store import open_store

        self.cpus = max(1, int(ray.cluster_resources().get("CPU", 1)))
        self.store = open_store(settings.db, migrate=False, create=False)
        task = ray.remote(num_cpus=1, max_retries=1)
        self.parts = TaskFeed(task(parts_block), settings, PARTS_BLOCK, self._write_parts,
                              lambda ids, why: log.warning("parts of %d articles failed (%s); their stories' "
                                                           "analyses compute them", len(ids), why))
        self.stories = TaskFeed(task(stories_block), settings, STORIES_BLOCK, self._write_outcomes,
                                self._stories_failed)
        self.reserved: int | None = 0  # CPUs the backfill's own tasks take now; None: none any more (finish)
        self.parts_computed = self.analysed = self.failures = 0
        self.closed_until: datetime | None = None  # the stories ending before this time went to the story feed
        self.analysed_early = 0  # stories sent to analysis while articles were still being assigned
        self.parts_wait_seconds = 0.0  # spent by finish() waiting for the parts tasks still in flight
        self.write_seconds = 0.0  # spent storing what the tasks gave
        self.left_pending: list[Rejected] = []  # blocks of stories whose task failed for good, and why

    def refs(self) -> list[Any]:
        return list(self.parts.running) + list(self.stories.running)

    def reserve(self, cpus: int) -> None:
        """The backfill's own tasks in flight now: the analysis sends no more tasks than the CPUs they leave."""
        self.reserved = cpus
        self._send()

    def add_parts(self, ids: Iterable[int]) -> None:
        """The parts of these stored articles, computed ahead of their stories."""
        self.parts.add(ids)
        self._send()

    def collect(self, ref: Any) -> bool:
        """Store the result of ``ref`` if it is a task of this analysis (and send what now has room); whether
        it was."""
        for feed in (self.parts, self.stories):
            if feed.owns(ref):
                feed.collect(ref)
                self._send()
                return True
        return False

    def stories_closed(self, before: datetime) -> None:
        """Analyse now the changed stories whose last article is before ``before``: no article still to be
        placed can join them (the assigners are past ``before`` + window). One that changes all the same (an
        undated article, a merge at a period's edge) is analysed again by :meth:`finish`."""
        if self.closed_until is not None and before <= self.closed_until:
            return
        with self.store.read() as conn:
            closed = self.store.stale_stories_ending(conn, self.closed_until, before)
        self.closed_until = before
        self.analysed_early += len(closed)
        self.stories.add(closed)
        self._send()

    def finish(self, on_progress: Callable[[int, int], None] | None = None) -> None:
        """Every CPU to the analysis: the parts left, then every story that changed and is not analysed yet
        (``on_progress(done, total)`` after each block of stories)."""
        self.reserved = None
        started = time.perf_counter()
        self._send()
        self._drain(self.parts)
        self.parts_wait_seconds = time.perf_counter() - started
        self._drain(self.stories)
        with self.store.read() as conn:
            changed = self.store.stories_needing_analysis(conn, limit=2**31 - 1)
        total = self.stories.done + len(changed)
        self.stories.add(changed)
        self._send()
        self._drain(self.stories, on_progress and (lambda: on_progress(self.stories.done, total)))

    def _send(self) -> None:
        """Send queued blocks while there is room: parts first; stories once no parts task is queued or running."""
        limit = IN_FLIGHT_PER_CPU * self.cpus if self.reserved is None else self.cpus - self.reserved
        room = limit - len(self.parts.running) - len(self.stories.running)
        if room > 0:
            room -= self.parts.send(room)
        if room > 0 and self.parts.idle:
            self.stories.send(room)

    def _drain(self, feed: TaskFeed, on_block: Callable[[], None] | None = None) -> None:
        """Wait until every block of ``feed`` came back (storing the results of the other feed meanwhile)."""
        import ray

        while not feed.idle:
            ready, _ = ray.wait(self.refs(), num_returns=1)
            mine = feed.owns(ready[0])
            self.collect(ready[0])
            if mine and on_block:
                on_block()

    def close(self) -> None:
        self.store.close()

    def _write_parts(self, rows: list[ArticleAnalysisRow]) -> None:
        started = time.perf_counter()
        write_parts(self.store, rows)
        self.write_seconds += time.perf_counter() - started
        self.parts_computed += len(rows)

    def _write_outcomes(self, outcomes: list[StoryOutcome]) -> None:
        started = time.perf_counter()
        write_outcomes(self.store, outcomes)
        self.write_seconds += time.perf_counter() - started
        self.failures += sum(o.data is None for o in outcomes)
        self.analysed += len(outcomes)

    def _stories_failed(self, ids: list[int], why: str) -> None:
        """A task that died (not a story that raised: the worker, or its node's storywire): its stories stay
        pending, for the next analysis."""
        log.warning("the analysis task of %d stories failed (%s); they stay pending", len(ids), why)
        self.left_pending.append(Rejected(f"stories {', '.join(map(str, ids))}",
                                          f"analysis task failed ({why}); they stay pending"))
