"""`storywire backfill`: archives of any size through the pipeline on a Ray cluster (or a local Ray).

Three stages, each on Ray:

1. ingest: one task per shard reads, extracts and checks its articles (:func:`.shards.prepare_shard`); the
   driver stores them in input order (:class:`.shards.ShardWriter`), so the texts do not depend on which task
   finished first;
2. prepare: the pending articles (stored, in no story) are split by partition (language) and ordered by
   article time; blocks of them are prepared by tasks (the engine's pure half, :func:`.assigner.prepare_block`),
   a few blocks ahead of
3. assign: one :class:`.assigner.Assigner` actor per partition (restarted on failure, from its last
   snapshot) places them in order and writes the stories.

A block whose actor died is sent again to the restarted actor (articles already placed are skipped).

With ``settings.analyse`` the coverage analysis runs as tasks too (:mod:`.analysis`): per-article parts as soon
as a batch is stored, during stages 1 to 3, then the stories that changed, once every article is placed.

With ``periods`` > 1 each partition's articles are cut into periods of article time, each placed by its
own actor (a lane) at the same time; a lane replays the window before its period first, and a merge pass
at the end joins the stories cut at the edges (:func:`join_edges`).
"""
from __future__ import annotations

import logging
import os
import time
from bisect import bisect_left
from collections import Counter, deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any, Literal

from ..config import Settings
from ..errors import StorywireError
from ..models import Rejected
from .analysis import Analysis
from .assigner import Assigner, BlockResult, partition_of, prepare_block, time_key
from .shards import PreparedShard, ShardReport, ShardWriter, discover_shards, one_line, prepare_shard

log = logging.getLogger(__name__)

BLOCK_ARTICLES = 500  # articles per prepare task and per assigner transaction
PREPARE_AHEAD = 3  # blocks prepared ahead of each assigner
ASSIGNER_RESTARTS = 3  # restarts of a dead assigner (and tries of one block) before the backfill gives up
PENDING_PAGE = 50_000
SHARDS_AHEAD_PER_CPU = 2  # shards prepared (or preparing) and not yet stored, per CPU of the cluster
RESTART_SECONDS = 300.0  # longest wait for a restarted assigner to load its snapshot

Stage = Literal["ingest", "assign", "analyse"]


class BackfillError(StorywireError):
    """A backfill could not go on (its cluster, or an assigner that kept dying)."""


@dataclass(frozen=True)
class Progress:
    """One step done: a shard stored, a block assigned in a lane (a partition, or a period of one), or stories
    analysed (``done`` of ``total`` in the stage)."""

    stage: Stage
    done: int
    total: int
    partition: str = ""
    lane: str = ""


@dataclass
class BackfillReport:
    shards: list[ShardReport] = field(default_factory=list)
    failed: list[Rejected] = field(default_factory=list)  # sources and shards that gave nothing (why)
    clustered: dict[str, int] = field(default_factory=dict)  # articles placed per partition
    new_stories: int = 0
    retried_blocks: int = 0  # blocks sent again after their assigner died
    restored: int = 0  # assigners that went on from a snapshot
    assigner_seconds: dict[str, float] = field(default_factory=dict)  # time each partition's assigners worked
    joined_at_edges: int = 0  # stories of a period joined to the previous period's by the merge pass
    analysed: int = 0  # stories analysed (failures included)
    analysed_early: int = 0  # of them, sent to analysis while articles were still being assigned (closed stories)
    analysis_failures: int = 0  # stories whose analysis failed (each recorded as a rejection in the store)
    unanalysed: list[Rejected] = field(default_factory=list)  # stories left pending by an analysis task that died
    parts_computed: int = 0  # articles whose per-article analysis parts were computed ahead of their stories
    ingest_seconds: float = 0.0
    store_seconds: float = 0.0  # of it, the driver storing the prepared shards (the ingest's sequential part)
    cluster_seconds: float = 0.0
    analyse_seconds: float = 0.0  # from the last article placed to the last analysis stored
    parts_wait_seconds: float = 0.0  # of it, waiting for per-article parts still in flight
    write_seconds: float = 0.0  # the driver storing the analysis tasks' results (parts, story analyses)

    def count(self, status: str) -> int:
        return sum(r.counts.get(status, 0) for r in self.shards)

    @property
    def rejected(self) -> list[Rejected]:
        return [r for s in self.shards for r in s.rejected]

    @property
    def skipped(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for s in self.shards:
            for why, n in s.skipped.items():
                out[why] = out.get(why, 0) + n
        return out


def _absolute_db(db: str) -> str:
    """A SQLite path that means the same file in every worker process (a URL as it is)."""
    if "://" in db and not db.startswith("sqlite:///"):
        return db
    return str(Path(db.removeprefix("sqlite:///")).resolve())


@contextmanager
def ray_session(address: str | None, workers: int | None) -> Iterator[None]:
    """Ray, connected: the running session, else the cluster at ``address``, else a local one with ``workers``
    CPUs (default: the machine's), its workers not niced. Shut down at the end when started here."""
    import ray

    if ray.is_initialized():
        yield
        return
    try:
        if address:
            ray.init(address=address, include_dashboard=False, log_to_driver=False, logging_level=logging.WARNING)
        else:
            # workers at this command's priority, as `storywire ingest`'s (Ray's default, nice 15, leaves a local
            # backfill only the CPU other programs leave: on a busy machine, 2 workers got no more than 1); without
            # Ray's warning, on every run, that it enabled token authentication, its default for a local cluster
            logging.getLogger("ray._private.authentication.authentication_token_setup").setLevel(logging.ERROR)
            ray.init(num_cpus=workers or os.cpu_count() or 1, include_dashboard=False, log_to_driver=False,
                     logging_level=logging.WARNING, _system_config={"worker_niceness": 0})
    except (ConnectionError, RuntimeError, ValueError) as exc:
        raise BackfillError(f"cannot start or reach Ray{f' at {address}' if address else ''}: "
                            f"{str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__}") from None
    try:
        yield
    finally:
        ray.shutdown()


def backfill(sources: list[str | Path], settings: Settings, *, address: str | None = None, workers: int | None = None,
             block_articles: int = BLOCK_ARTICLES, snapshot_every: int = 4, periods: int = 1,
             on_progress: Callable[[Progress], None] | None = None) -> BackfillReport:
    """Ingest the shards under ``sources``, cluster every pending article and (with ``settings.analyse``) analyse
the stories that changed, on Ray (see the module docstring)."""
    from ..store import open_store

    # Ray's tasks are the parallelism: a task runs its stages in its own process, not in a pool of its own
    settings = replace(settings, db=_absolute_db(settings.db), workers=0)
    shards, failed = discover_shards(sources)
    report = BackfillReport(failed=list(failed))
    open_store(settings.db).close()  # created and migrated once, before any worker opens it
    with ray_session(address, workers):
        analysis = Analysis(settings) if settings.analyse else None
        try:
            started = time.perf_counter()
            _ingest(shards, settings, report, on_progress, analysis)
            report.ingest_seconds = time.perf_counter() - started
            started = time.perf_counter()
            _Clustering(settings, report, block_articles, snapshot_every, periods, on_progress, analysis).run()
            report.cluster_seconds = time.perf_counter() - started
            if analysis is not None:
                started = time.perf_counter()
                analysis.finish(on_progress and (lambda done, total: on_progress(Progress("analyse", done, total))))
                report.analyse_seconds = time.perf_counter() - started
                report.analysed, report.analysis_failures = analysis.analysed, analysis.failures
                report.analysed_early, report.parts_wait_seconds = analysis.analysed_early, analysis.parts_wait_seconds
                report.parts_computed, report.unanalysed = analysis.parts_computed, analysis.left_pending
                report.write_seconds = analysis.write_seconds
        finally:
            if analysis is not None:
                analysis.close()
    return report


def _ingest(shards: list[Path], settings: Settings, report: BackfillReport,
            on_progress: Callable[[Progress], None] | None, analysis: Analysis | None) -> None:
    """A task per shard reads and extracts it, at most a few per CPU prepared and not yet stored; the driver stores
    the shards in input order (shards by path) as they come back (:class:`.shards.ShardWriter`), while the tasks
    go on. The articles of each stored batch go to the analysis' parts tasks at once."""
    import ray

    from ..store import open_store

    task = ray.remote(num_cpus=1, max_retries=1)(prepare_shard)
    limit = SHARDS_AHEAD_PER_CPU * max(1, int(ray.cluster_resources().get("CPU", 1)))
    shards = sorted(shards, key=str)  # the order of input_order()
    running: dict[Any, int] = {}
    ready: dict[int, PreparedShard | Rejected] = {}  # prepared shards waiting for those before them
    store = open_store(settings.db, migrate=False, create=False)
    writer, sent, stored = ShardWriter(store, settings), 0, 0
    try:
        while stored < len(shards):
            while sent < len(shards) and len(running) + len(ready) < limit:
                running[task.remote(str(shards[sent]), settings)] = sent
                sent += 1
            if analysis is not None:
                analysis.reserve(len(running))
            done, _ = ray.wait(list(running) + (analysis.refs() if analysis else []), num_returns=1)
            if analysis is not None and analysis.collect(done[0]):
                continue
            index = running.pop(done[0])
            try:
                ready[index] = ray.get(done[0])
            except ray.exceptions.RayError as exc:
                ready[index] = Rejected(str(shards[index]), f"shard failed ({one_line(exc)})")
            while stored in ready:
                shard = ready.pop(stored)
                if isinstance(shard, Rejected):
                    report.failed.append(shard)
                else:
                    started = time.perf_counter()
                    ids = writer.add(shard)
                    report.store_seconds += time.perf_counter() - started
                    if analysis is not None:
                        analysis.add_parts(ids)
                stored += 1
                if on_progress:
                    on_progress(Progress("ingest", stored, len(shards)))
        started = time.perf_counter()
        last = writer.finish()
        report.store_seconds += time.perf_counter() - started
        if analysis is not None:
            analysis.add_parts(last)
    finally:
        store.close()
    report.shards = writer.reports()


def input_order(shards: list[ShardReport]) -> dict[int, int]:
    """Article id -> its place in the input (shards by path, then records in order): one time's articles are
    placed so, as `storywire ingest` of those files places them, whichever shard task stored first."""
    order: dict[int, int] = {}
    for shard in sorted(shards, key=lambda r: r.path):
        for aid in shard.article_ids:
            order.setdefault(aid, len(order))
    return order


def pending_partitions(settings: Settings, order: dict[int, int] | None = None
                       ) -> dict[str, list[tuple[int, datetime | None]]]:
    """(id, published) of the articles in no story, per partition, in article time; one time's articles in
    ``order`` (:func:`input_order`), those not in it (stored before) first, by id."""
    from ..store import open_store

    order = order or {}
    store = open_store(settings.db, migrate=False, create=False)
    keys: dict[str, list[tuple[tuple, int, datetime | None]]] = {}
    try:
        with store.read() as conn:
            after = 0
            while page := store.pending_keys(conn, after, PENDING_PAGE):
                for key in page:
                    tie = (1, order[key.id]) if key.id in order else (0, key.id)
                    keys.setdefault(partition_of(key.language), []).append(
                        (time_key(key.published, tie), key.id, key.published))
                after = page[-1].id
    finally:
        store.close()
    return {p: [(aid, published) for _, aid, published in sorted(ks)] for p, ks in sorted(keys.items())}


@dataclass
class Lane:
    """The articles one assigner places: a partition's, or one period of them, and the window before the period
    that it replays first (another lane's articles)."""

    name: str
    partition: str
    period: tuple[datetime | None, datetime | None]
    ids: list[int]
    warmup: list[int] = field(default_factory=list)


def split_periods(partition: str, keyed: list[tuple[int, datetime | None]], periods: int,
                  window: timedelta) -> list[Lane]:
    """The lanes of a partition's pending articles (in article time): ``periods`` of about equal size, cut
    where the time changes (undated articles go with the last), each after the first with its warm-up."""
    dated = [(aid, t) for aid, t in keyed if t is not None]
    undated = [aid for aid, t in keyed if t is None]
    cuts = [0]
    for k in range(1, min(periods, len(dated))):
        i = max(len(dated) * k // periods, cuts[-1] + 1)
        while i < len(dated) and dated[i][1] == dated[i - 1][1]:
            i += 1
        if i < len(dated):
            cuts.append(i)
    cuts.append(len(dated))
    times = [t for _, t in dated]
    lanes = []
    for k, (lo, hi) in enumerate(zip(cuts, cuts[1:], strict=False)):
        start = times[lo] if k else None
        end = times[hi] if hi < len(dated) else None
        name = partition if len(cuts) == 2 else f"{partition}-{k + 1}"
        ids = [aid for aid, _ in dated[lo:hi]] + (undated if end is None else [])
        warmup = [aid for aid, _ in dated[bisect_left(times, start - window):lo]] if start is not None else []
        lanes.append(Lane(name, partition, (start, end), ids, warmup))
    return lanes


def join_edges(settings: Settings, edges: list[tuple[int, list[int]]]) -> int:
    """The merge pass: each story of a period that holds replayed articles of the period before joins the story
    those articles were given there (the one most of them are in). Returns how many stories were joined."""
    from ..models import Assignment
    from ..store import open_store

    joined = 0
    store = open_store(settings.db, migrate=False, create=False)
    try:
        with store.atomic() as conn:
            store.lock_clustering(conn)
            for story_id, replayed in edges:
                given = Counter(sid for sid in map(partial(store.story_of, conn), replayed) if sid is not None)
                if not given:
                    continue
                into, cut = (store.get_story(conn, sid).id for sid in (given.most_common(1)[0][0], story_id))
                members = store.story_articles(conn, cut) if into != cut else []
                if members:
                    a = members[0]
                    store.apply_assignments(conn, [Assignment(a.id, into, False, None, a.duplicate_of,
                                                              a.dup_similarity, (cut,))])
                    store.refresh_stories(conn, {into})
                    joined += 1
    finally:
        store.close()
    return joined


@dataclass
class _Call:
    """An assigner call in flight: a warm-up (``prepared`` None) or a block, and how many times it was sent."""

    lane: Lane
    prepared: Any
    tries: int = 1


class _Clustering:
    """Stages 2 and 3: blocks prepared by tasks a few ahead, assigned in order by one actor per lane."""

    def __init__(self, settings: Settings, report: BackfillReport, block_articles: int, snapshot_every: int,
                 periods: int, on_progress: Callable[[Progress], None] | None, analysis: Analysis | None) -> None:
        import ray

        self.ray, self.analysis = ray, analysis
        self.settings, self.report, self.on_progress = settings, report, on_progress
        self.block_articles, self.snapshot_every, self.periods = max(1, block_articles), snapshot_every, periods
        self.prepare = ray.remote(num_cpus=1, max_retries=2)(prepare_block)
        # the assigners hold no CPU of their own: several lanes never wait for each other's actor to end
        self.actor_class = ray.remote(num_cpus=0, max_restarts=ASSIGNER_RESTARTS, max_task_retries=0)(Assigner)
        self.blocks: dict[str, deque] = {}
        self.ahead: dict[str, deque] = {}
        self.actors: dict[str, Any] = {}
        self.running: dict[Any, _Call] = {}
        self.edges: list[tuple[int, list[int]]] = []
        self.placed_until: dict[str, datetime | None] = {}  # per lane still assigning: its last dated article

    def run(self) -> None:
        window = timedelta(hours=self.settings.cluster_window_hours)
        lanes = [lane for p, keyed in pending_partitions(self.settings, input_order(self.report.shards)).items()
                 for lane in split_periods(p, keyed, self.periods, window)]
        for lane in lanes:
            self.blocks[lane.name] = deque(lane.ids[i:i + self.block_articles]
                                           for i in range(0, len(lane.ids), self.block_articles))
            self.ahead[lane.name] = deque()
            self.placed_until[lane.name] = None
            self.actors[lane.name] = self.actor_class.options(name=f"storywire-assigner-{lane.name}").remote(
                self.settings, lane.partition, self.snapshot_every, lane.name, lane.period)
            if lane.warmup:
                self._send(_Call(lane, None))
            else:
                self._next_block(lane)
        total, done = sum(len(b) for b in self.blocks.values()), 0
        try:
            while self.running:
                if self.analysis is not None:
                    self.analysis.reserve(self._preparing())
                ready, _ = self.ray.wait(list(self.running) + (self.analysis.refs() if self.analysis else []),
                                         num_returns=1)
                if self.analysis is not None and self.analysis.collect(ready[0]):  # parts stored meanwhile
                    continue
                call = self.running.pop(ready[0])
                result = self._result(ready[0], call)
                if result is None:  # the actor died: the same call again, to the restarted actor
                    self._await_restart(self.actors[call.lane.name], call.lane.partition)
                    self.report.retried_blocks += 1
                    self._send(replace(call, tries=call.tries + 1))
                    continue
                if isinstance(result, BlockResult):
                    self._count(call.lane.partition, result)
                    self.placed_until[call.lane.name] = result.until or self.placed_until[call.lane.name]
                    done += 1
                    if self.on_progress:
                        self.on_progress(Progress("assign", done, total, call.lane.partition, call.lane.name))
                self._next_block(call.lane)
                self._analyse_closed()
        finally:
            for actor in self.actors.values():
                self.ray.kill(actor)
        if self.edges:
            self.report.joined_at_edges = join_edges(self.settings, self.edges)

    def _preparing(self) -> int:
        """The prepare tasks not finished yet, ahead or given to an assigner (the CPUs the assignment wants now)."""
        refs = [ref for ahead in self.ahead.values() for ref in ahead]
        refs += [call.prepared for call in self.running.values() if call.prepared is not None]
        done, _ = self.ray.wait(refs, num_returns=len(refs), timeout=0) if refs else ([], [])
        return len(refs) - len(done)

    def _count(self, partition: str, result: BlockResult) -> None:
        r = self.report
        r.clustered[partition] = r.clustered.get(partition, 0) + result.assigned
        r.new_stories += result.new_stories
        r.restored += result.restored
        r.assigner_seconds[partition] = r.assigner_seconds.get(partition, 0.0) + result.seconds

    def _send(self, call: _Call) -> None:
        actor = self.actors[call.lane.name]
        ref = actor.warm_up.remote(call.lane.warmup) if call.prepared is None else actor.assign_block.remote(
            call.prepared)
        self.running[ref] = call

    def _next_block(self, lane: Lane) -> None:
        """Send the lane's next block (keeping a few prepared ahead), or finish the lane and keep its edges."""
        blocks, ahead = self.blocks[lane.name], self.ahead[lane.name]
        while blocks and len(ahead) < PREPARE_AHEAD:
            ahead.append(self.prepare.remote(self.settings, blocks.popleft()))
        if ahead:
            self._send(_Call(lane, ahead.popleft()))
        else:
            self.edges += self.ray.get(self.actors[lane.name].finish.remote())
            del self.placed_until[lane.name]

    def _analyse_closed(self) -> None:
        """The stories ending more than a window before every lane still assigning go to the analysis."""
        times = list(self.placed_until.values())
        if self.analysis is not None and times and None not in times:
            self.analysis.stories_closed(min(t for t in times if t is not None)
                                         - timedelta(hours=self.settings.cluster_window_hours))

    def _await_restart(self, actor: Any, partition: str) -> None:
        """Wait until a restarted assigner answers (it loads its snapshot first); raise if it is gone for good."""
        deadline = time.monotonic() + RESTART_SECONDS
        while True:
            try:
                self.ray.get(actor.ping.remote(), timeout=RESTART_SECONDS)
                return
            except self.ray.exceptions.ActorUnavailableError:
                if time.monotonic() > deadline:
                    break
                time.sleep(0.5)
            except (self.ray.exceptions.RayActorError, self.ray.exceptions.GetTimeoutError):
                break
        raise BackfillError(f"the assigner of partition {partition} did not come back after a failure; run the "
                            "backfill again to go on from its last snapshot")

    def _result(self, ref: Any, call: _Call) -> BlockResult | int | None:
        """The call's result; None when its actor died and the call may be sent again."""
        partition = call.lane.partition
        try:
            return self.ray.get(ref)
        except self.ray.exceptions.RayActorError as exc:
            if call.tries > ASSIGNER_RESTARTS:
                raise BackfillError(f"the assigner of partition {partition} kept failing ({one_line(exc)}); "
                                    "run the backfill again to go on from its last snapshot") from None
            log.warning("assigner of partition %s died; its block goes to the restarted one", partition)
            return None
        except self.ray.exceptions.RayTaskError as exc:
            raise BackfillError(f"clustering partition {partition} failed ({one_line(exc)}); its unplaced "
                                "articles stay pending for the next run") from None
