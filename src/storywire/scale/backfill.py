"""`storywire backfill`: archives of any size through the pipeline on a Ray cluster (or a local Ray).

Three stages, each on Ray:

1. ingest: one task per shard reads, extracts, checks and stores its articles (:func:`.shards.ingest_shard`);
2. prepare: the pending articles (stored, in no story) are split by partition (language) and ordered by
   article time; blocks of them are prepared by tasks (the engine's pure half, :func:`.assigner.prepare_block`),
   a few blocks ahead of
3. assign: one :class:`.assigner.Assigner` actor per partition (restarted on failure, from its last
   snapshot) places them in order and writes the stories.

A block whose actor died is sent again to the restarted actor (articles already placed are skipped).
"""
from __future__ import annotations

import logging
import os
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from ..config import Settings
from ..errors import StorywireError
from ..models import Rejected
from .assigner import Assigner, BlockResult, partition_of, prepare_block, time_key
from .shards import ShardReport, discover_shards, ingest_shard

log = logging.getLogger(__name__)

BLOCK_ARTICLES = 500  # articles per prepare task and per assigner transaction
PREPARE_AHEAD = 3  # blocks prepared ahead of each assigner
ASSIGNER_RESTARTS = 3  # restarts of a dead assigner (and tries of one block) before the backfill gives up
PENDING_PAGE = 50_000
RESTART_SECONDS = 300.0  # longest wait for a restarted assigner to load its snapshot

Stage = Literal["ingest", "assign"]


class BackfillError(StorywireError):
    """A backfill could not go on (its cluster, or an assigner that kept dying)."""


@dataclass(frozen=True)
class Progress:
    """One step done: a shard stored, or a block assigned in a partition (``done`` of ``total`` in the stage)."""

    stage: Stage
    done: int
    total: int
    partition: str = ""


@dataclass
class BackfillReport:
    shards: list[ShardReport] = field(default_factory=list)
    failed: list[Rejected] = field(default_factory=list)  # sources and shards that gave nothing (why)
    clustered: dict[str, int] = field(default_factory=dict)  # articles placed per partition
    new_stories: int = 0
    retried_blocks: int = 0  # blocks sent again after their assigner died
    restored: int = 0  # assigners that went on from a snapshot
    assigner_seconds: dict[str, float] = field(default_factory=dict)  # time each partition's assigner worked
    ingest_seconds: float = 0.0
    cluster_seconds: float = 0.0

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
    CPUs (default: the machine's). Shut down at the end when started here."""
    import ray

    if ray.is_initialized():
        yield
        return
    try:
        if address:
            ray.init(address=address, include_dashboard=False, log_to_driver=False, logging_level=logging.WARNING)
        else:
            ray.init(num_cpus=workers or os.cpu_count() or 1, include_dashboard=False, log_to_driver=False,
                     logging_level=logging.WARNING)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        raise BackfillError(f"cannot start or reach Ray{f' at {address}' if address else ''}: "
                            f"{str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__}") from None
    try:
        yield
    finally:
        ray.shutdown()


def _one_line(exc: BaseException) -> str:
    """A task's failure in one line: the cause's type and first line, not Ray's traceback."""
    cause = getattr(exc, "cause", None) or exc
    text = str(cause).strip().splitlines()
    return f"{cause.__class__.__name__}: {text[-1] if text else ''}".rstrip(": ")


def backfill(sources: list[str | Path], settings: Settings, *, address: str | None = None, workers: int | None = None,
             block_articles: int = BLOCK_ARTICLES, snapshot_every: int = 4,
             on_progress: Callable[[Progress], None] | None = None) -> BackfillReport:
    """Ingest the shards under ``sources`` and cluster every pending article, on Ray (see the module docstring)."""
    from ..store import open_store

    settings = replace(settings, db=_absolute_db(settings.db))
    shards, failed = discover_shards(sources)
    report = BackfillReport(failed=list(failed))
    open_store(settings.db).close()  # created and migrated once, before any worker opens it
    with ray_session(address, workers):
        started = time.perf_counter()
        _ingest(shards, settings, report, on_progress)
        report.ingest_seconds = time.perf_counter() - started
        started = time.perf_counter()
        _Clustering(settings, report, block_articles, snapshot_every, on_progress).run()
        report.cluster_seconds = time.perf_counter() - started
    return report


def _ingest(shards: list[Path], settings: Settings, report: BackfillReport,
            on_progress: Callable[[Progress], None] | None) -> None:
    import ray

    task = ray.remote(num_cpus=1, max_retries=1)(ingest_shard)
    running = {task.remote(str(path), settings): path for path in shards}
    done = 0
    while running:
        ready, _ = ray.wait(list(running), num_returns=1)
        path = running.pop(ready[0])
        try:
            report.shards.append(ray.get(ready[0]))
        except ray.exceptions.RayError as exc:
            report.failed.append(Rejected(str(path), f"shard failed ({_one_line(exc)})"))
        done += 1
        if on_progress:
            on_progress(Progress("ingest", done, len(shards)))
    report.shards.sort(key=lambda r: r.path)


def pending_partitions(settings: Settings) -> dict[str, list[int]]:
    """The ids of the articles in no story, per partition, in article time."""
    from ..store import open_store

    store = open_store(settings.db, migrate=False, create=False)
    keys: dict[str, list[tuple]] = {}
    try:
        with store.read() as conn:
            after = 0
            while page := store.pending_keys(conn, after, PENDING_PAGE):
                for aid, published, language in page:
                    keys.setdefault(partition_of(language), []).append(time_key(aid, published))
                after = page[-1][0]
    finally:
        store.close()
    return {p: [k[2] for k in sorted(ks)] for p, ks in sorted(keys.items())}


class _Clustering:
    """Stages 2 and 3: blocks prepared by tasks a few ahead, assigned by one actor per partition in order."""

    def __init__(self, settings: Settings, report: BackfillReport, block_articles: int, snapshot_every: int,
                 on_progress: Callable[[Progress], None] | None) -> None:
        import ray

        self.ray = ray
        self.settings, self.report, self.on_progress = settings, report, on_progress
        self.block_articles, self.snapshot_every = max(1, block_articles), snapshot_every
        self.prepare = ray.remote(num_cpus=1, max_retries=2)(prepare_block)
        # the assigners hold no CPU of their own: several partitions never wait for each other's actor to end
        self.actor_class = ray.remote(num_cpus=0, max_restarts=ASSIGNER_RESTARTS, max_task_retries=0)(Assigner)

    def run(self) -> None:
        partitions = pending_partitions(self.settings)
        if not partitions:
            return
        blocks = {p: deque(ids[i:i + self.block_articles] for i in range(0, len(ids), self.block_articles))
                  for p, ids in partitions.items()}
        total = sum(len(b) for b in blocks.values())
        actors: dict[str, Any] = {p: self.actor_class.options(name=f"storywire-assigner-{p}").remote(
            self.settings, p, self.snapshot_every) for p in blocks}
        ahead: dict[str, deque] = {p: deque() for p in blocks}
        running: dict[Any, tuple[str, Any, int]] = {}  # assign call -> (partition, prepared block, tries)
        for p in blocks:
            self._prepare_ahead(p, blocks, ahead)
            prepared = ahead[p].popleft()
            running[actors[p].assign_block.remote(prepared)] = (p, prepared, 1)
        done = 0
        try:
            while running:
                ready, _ = self.ray.wait(list(running), num_returns=1)
                p, prepared, tries = running.pop(ready[0])
                result = self._result(ready[0], p, tries)
                if result is None:  # the actor died: the same block again, to the restarted actor
                    self._await_restart(actors[p], p)
                    self.report.retried_blocks += 1
                    running[actors[p].assign_block.remote(prepared)] = (p, prepared, tries + 1)
                    continue
                self.report.clustered[p] = self.report.clustered.get(p, 0) + result.assigned
                self.report.new_stories += result.new_stories
                self.report.restored += result.restored
                self.report.assigner_seconds[p] = self.report.assigner_seconds.get(p, 0.0) + result.seconds
                done += 1
                self._prepare_ahead(p, blocks, ahead)
                if ahead[p]:
                    prepared = ahead[p].popleft()
                    running[actors[p].assign_block.remote(prepared)] = (p, prepared, 1)
                else:
                    self.ray.get(actors[p].finish.remote())
                if self.on_progress:
                    self.on_progress(Progress("assign", done, total, p))
        finally:
            for actor in actors.values():
                self.ray.kill(actor)

    def _prepare_ahead(self, p: str, blocks: dict[str, deque], ahead: dict[str, deque]) -> None:
        while blocks[p] and len(ahead[p]) < PREPARE_AHEAD:
            ahead[p].append(self.prepare.remote(self.settings, blocks[p].popleft()))

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

    def _result(self, ref: Any, partition: str, tries: int) -> BlockResult | None:
        """The block's result; None when its actor died and may be tried again."""
        try:
            return self.ray.get(ref)
        except self.ray.exceptions.RayActorError as exc:
            if tries > ASSIGNER_RESTARTS:
                raise BackfillError(f"the assigner of partition {partition} kept failing ({_one_line(exc)}); "
                                    "run the backfill again to go on from its last snapshot") from None
            log.warning("assigner of partition %s died; its block goes to the restarted one", partition)
            return None
        except self.ray.exceptions.RayTaskError as exc:
            raise BackfillError(f"clustering partition {partition} failed ({_one_line(exc)}); its unplaced "
                                "articles stay pending for the next run") from None
