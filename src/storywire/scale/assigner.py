"""The story engine split for a backfill: its pure half per block of articles, its sequential half per partition.

:func:`prepare_block` reads a block of stored articles and computes what the engine needs of each from
its text alone (:mod:`storywire.cluster.prepare`): a Ray task, any number at once. :class:`Assigner` is
the sequential half for one partition (a language: stories never cross languages): fed the prepared
blocks in article time, it assigns each article to a story and writes the decisions, a block per
transaction, with a snapshot of the engine's state every ``snapshot_every`` blocks in the same
transaction. Run as a Ray actor with restarts: a restarted one loads the last snapshot, replays what was
clustered after it (merges, then articles, from the store) and carries on; an article already in a story
is never assigned again, so nothing is lost or counted twice.
"""
from __future__ import annotations

import struct
import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from ..clock import utcnow
from ..config import Settings
from ..models import Article, Assignment

if TYPE_CHECKING:
    from ..cluster import OnlineClusterer, PreparedDoc
    from ..store import Store

UNKNOWN_LANGUAGE = "und"  # the partition of articles whose language is not known
SNAPSHOT_MAGIC = b"storywire-backfill-1\n"
CLOCK_SLACK = timedelta(minutes=10)  # replay from this long before a snapshot (clocks of machines differ)


def partition_of(language: str | None) -> str:
    """The partition of an article: its language as the engine reads it (ISO 639-1), else ``und``."""
    return (language or "")[:2].lower() or UNKNOWN_LANGUAGE


def time_key(article_id: int, published: datetime | None) -> tuple:
    """Article time order, as `storywire ingest` clusters: dated oldest first, then undated, by id."""
    return (published is None, published or datetime.min.replace(tzinfo=UTC), article_id)


def state_name(partition: str) -> str:
    return f"backfill:{partition}"


@lru_cache(maxsize=4)
def _store(db: str) -> Store:
    from ..store import open_store

    return open_store(db, migrate=False, create=False)


_ENGINES: dict[tuple, OnlineClusterer] = {}


def _engine(settings: Settings) -> OnlineClusterer:
    """An engine for preparing documents with the configured model (one per model in a worker process)."""
    from ..cluster import load_engine

    key = (settings.cluster_model, settings.cluster_embed_model, settings.cluster_window_hours)
    if key not in _ENGINES:
        _ENGINES[key] = load_engine(settings)
    return _ENGINES[key]


def prepare_block(settings: Settings, ids: list[int]) -> list[PreparedDoc]:
    """The prepared documents of these stored articles, in the order given (one store and one engine per
    worker process, reused)."""
    from ..cluster import ClusterDoc

    store = _store(settings.db)
    with store.read() as conn:
        arts = store.get_articles(conn, ids)
    return list(_engine(settings).prepare_all(ClusterDoc.from_article(a) for a in arts))


@dataclass(frozen=True)
class BlockResult:
    """One block assigned: articles placed, articles found already in a story (skipped), new stories,
    whether the assigner had just been restored from a snapshot, and the time it took."""

    assigned: int
    skipped: int
    new_stories: int
    restored: bool = False
    seconds: float = 0.0  # spent on the block (reading, assigning, writing)


def _pack(engine: OnlineClusterer, taken: datetime) -> bytes:
    return SNAPSHOT_MAGIC + struct.pack(">d", taken.timestamp()) + engine.to_bytes()


def _unpack(data: bytes) -> tuple[datetime, bytes] | None:
    if not data.startswith(SNAPSHOT_MAGIC):
        return None
    head = len(SNAPSHOT_MAGIC)
    (taken,) = struct.unpack(">d", data[head:head + 8])
    return datetime.fromtimestamp(taken, UTC), data[head + 8:]


class Assigner:
    """The sequential story engine of one partition (see the module docstring)."""

    def __init__(self, settings: Settings, partition: str, snapshot_every: int = 4) -> None:
        from ..store import open_store

        self.settings, self.partition = settings, partition
        self.snapshot_every = max(1, snapshot_every)
        self.store = open_store(settings.db, migrate=False, create=False)
        self.blocks = 0  # blocks committed since the last snapshot
        self.restored = False
        self.engine: OnlineClusterer | None = None
        self._load()

    # -- state --------------------------------------------------------------------------------
    def _load(self) -> None:
        """The engine of the last snapshot, caught up with the store; else a fresh one (warmed up on the
        first block)."""
        from ..cluster import OnlineClusterer, load_engine, load_params
        from ..cluster.embed import load_embedder

        with self.store.read() as conn:
            snapshot = _unpack(self.store.load_state(conn, state_name(self.partition)) or b"")
            top = self.store.max_story_id(conn)
        self.engine = None
        if snapshot is not None:
            taken, data = snapshot
            try:
                self.engine = OnlineClusterer.from_bytes(data, load_params(self.settings.cluster_model or None))
            except ValueError:  # a snapshot of another engine version: start again from the store
                self.engine = None
            if self.engine is not None:
                if self.settings.cluster_embed_model and self.engine.embedder is not None:
                    self.engine.embedder = load_embedder(self.settings.cluster_embed_model)
                self._replay(taken - CLOCK_SLACK)
                self.restored = True
        if self.engine is None:
            self.engine = load_engine(self.settings, next_story_id=top + 1)
            self._warm = False
        else:
            self._warm = True

    def _replay(self, since: datetime) -> None:
        """What was committed after the snapshot: the merges, then this partition's articles the engine does
        not hold, in article time."""
        engine = self.engine
        assert engine is not None
        with self.store.read() as conn:
            for old, into in self.store.merges_since(conn, since):
                engine.follow_merge(old, into)
            missed = [aid for aid, _ in self.store.clustered_since(conn, since) if engine.story_of(aid) is None]
            arts = [a for a in self.store.get_articles(conn, missed) if a.story_id is not None
                    and partition_of(a.language) == self.partition]
            engine.next_story_id = max(engine.next_story_id, self.store.max_story_id(conn) + 1)
        self._observe(arts)

    def _observe(self, arts: list[Article]) -> None:
        from ..cluster import ClusterDoc

        assert self.engine is not None
        for a in sorted(arts, key=lambda a: time_key(a.id, a.published)):
            assert a.story_id is not None
            self.engine.observe(ClusterDoc.from_article(a), a.story_id)

    def _warm_up(self, t: datetime | None) -> None:
        """A fresh engine first reads this partition's clustered articles of the window before ``t``."""
        self._warm = True
        if t is None:
            return
        window = timedelta(hours=self.settings.cluster_window_hours)
        found: list[Article] = []
        after: tuple[datetime, int] | None = (t - window, 0)
        with self.store.read() as conn:
            while after is not None:
                page = self.store.clustered_in_time(conn, after, t, 1000)
                found += [a for a in page if partition_of(a.language) == self.partition]
                after = (page[-1].published, page[-1].id) if len(page) == 1000 and page[-1].published else None
        self._observe(found)

    # -- work ---------------------------------------------------------------------------------
    def assign_block(self, prepared: list[PreparedDoc]) -> BlockResult:
        """Assign a block of prepared articles (in article time) and commit the decisions; articles already in
        a story are skipped."""
        started = time.perf_counter()
        if self.engine is None:
            self._load()
        engine = self.engine
        assert engine is not None
        with self.store.read() as conn:
            pending = {a.id for a in self.store.get_articles(conn, [p.article_id for p in prepared])
                       if a.story_id is None}
        todo = [p for p in prepared if p.article_id in pending]
        if not self._warm and todo:
            self._warm_up(todo[0].time)
        first_new = engine.next_story_id
        try:
            decided = [engine.assign(p) for p in todo]
            self._commit(decided, first_new)
        except BaseException:
            self.engine = None  # ahead of the store now: the next block starts from the snapshot
            raise
        restored, self.restored = self.restored, False
        return BlockResult(len(decided), len(prepared) - len(todo), sum(a.is_new_story for a in decided), restored,
                           time.perf_counter() - started)

    def _commit(self, decided: list[Assignment], first_new: int) -> None:
        """One transaction: the decisions (new stories renumbered past the store's if another writer took
        their ids meanwhile), the touched stories' counts, and every ``snapshot_every`` blocks a snapshot."""
        engine = self.engine
        assert engine is not None
        with self.store.atomic() as conn:
            self.store.lock_clustering(conn)
            decided = self._renumber(decided, first_new, self.store.max_story_id(conn))
            self.store.apply_assignments(conn, decided)
            self.store.refresh_stories(conn, {a.story_id for a in decided})
            self.blocks += 1
            if self.blocks >= self.snapshot_every:
                self.store.save_state(conn, state_name(self.partition), _pack(engine, utcnow()))
                self.blocks = 0

    def _renumber(self, decided: list[Assignment], first_new: int, top: int) -> list[Assignment]:
        """The decisions with this block's new story ids moved past ``top`` (the store's largest), in the
        engine too, when another writer has used them; as they are otherwise."""
        engine = self.engine
        assert engine is not None
        end = engine.next_story_id
        if top < first_new or end == first_new:
            return decided
        shift = max(top + 1, end) - first_new
        for old in range(first_new, end):
            engine.follow_merge(old, old + shift)  # a rename: the new id is in no live story

        def moved(sid: int) -> int:
            return sid + shift if first_new <= sid < end else sid

        return [replace(a, story_id=moved(a.story_id), merged_story_ids=tuple(map(moved, a.merged_story_ids)))
                for a in decided]

    def finish(self) -> int:
        """The partition is done: its snapshot is cleared (a later backfill starts from the store). Returns
        the engine's next story id."""
        engine = self.engine
        with self.store.atomic() as conn:
            self.store.save_state(conn, state_name(self.partition), b"")
        return engine.next_story_id if engine is not None else 0

    def ping(self) -> bool:
        """Ready (the engine is built or restored)."""
        return self.engine is not None
