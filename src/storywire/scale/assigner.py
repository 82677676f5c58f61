"""The story engine split for a backfill: its pure half per block of articles, its sequential half per partition.

:func:`prepare_block` reads a block of stored articles and computes what the engine needs of each from
its text alone (:mod:`storywire.cluster.prepare`): a Ray task, any number at once. :class:`Assigner` is
the sequential half for one partition (a language: stories never cross languages): fed the prepared
blocks in article time, it assigns each article to a story and writes the decisions, a block per
transaction, with a snapshot of the engine's state every ``snapshot_every`` blocks in the same
transaction. Run as a Ray actor with restarts: a restarted one loads the last snapshot, replays what was
clustered after it (merges, then articles, from the store) and carries on; an article already in a story
is never assigned again, so nothing is lost or counted twice.

A long archive may be cut into periods, each with its own assigner (a *lane*) running at the same time.
The assigner of a later period first replays the window before it (:meth:`Assigner.warm_up`: the
articles are assigned to provisional stories, nothing is written); when an article of its period joins
a provisional story, that story gets a real id and an *edge* is kept (the story, the replayed articles
in it), so the driver's merge pass can join it to the story the previous period gave those articles.
"""
from __future__ import annotations

import json
import struct
import time
from collections import deque
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
PROVISIONAL = 2**62  # story ids from here on are a warm-up's provisional stories (never stored)
SNAPSHOT_MAGIC = b"storywire-backfill-1\n"
CLOCK_SLACK = timedelta(minutes=10)  # replay from this long before a snapshot (clocks of machines differ)
FOLLOW_PAGE = 1000  # clustered articles read at once while an assigner follows the store
LAST_ID = 2**63 - 1  # above every article id (ids are 8-byte integers)


def partition_of(language: str | None) -> str:
    """The partition of an article: its language as the engine reads it (ISO 639-1), else ``und``."""
    return (language or "")[:2].lower() or UNKNOWN_LANGUAGE


def time_key(published: datetime | None, tie: int | tuple[int, int]) -> tuple:
    """Article time order, as `storywire ingest` clusters: dated oldest first, then undated; one time's
    articles by ``tie`` (their id, or their place in the input)."""
    return (published is None, published or datetime.min.replace(tzinfo=UTC), tie)


def state_name(lane: str) -> str:
    return f"backfill:{lane}"


def edges_name(lane: str) -> str:
    return f"backfill-edges:{lane}"


@lru_cache(maxsize=4)
def worker_store(db: str) -> Store:
    """The store of a task's worker process, opened once and reused by the tasks it runs."""
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

    store = worker_store(settings.db)
    with store.read() as conn:
        arts = store.get_articles(conn, ids)
    return list(_engine(settings).prepare_all(ClusterDoc.from_article(a) for a in arts))


@dataclass(frozen=True)
class BlockResult:
    """One block assigned: articles placed, articles found already in a story (skipped), new stories,
    whether the assigner had just been restored from a snapshot, the time it took, the time of its last dated
    article."""

    assigned: int
    skipped: int
    new_stories: int
    restored: bool = False
    seconds: float = 0.0  # spent on the block (reading, assigning, writing)
    until: datetime | None = None  # None: the block holds undated articles only


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

    def __init__(self, settings: Settings, partition: str, snapshot_every: int = 4, lane: str = "",
                 period: tuple[datetime | None, datetime | None] = (None, None)) -> None:
        """``lane``: the name of this assigner's snapshot (default: the partition); ``period``: the article times
        it places, [start, end) (None: open; undated articles belong to the lane whose period has no end)."""
        from ..store import open_store

        self.settings, self.partition, self.lane = settings, partition, lane or partition
        self.period = period
        self.snapshot_every = max(1, snapshot_every)
        self.store = open_store(settings.db, migrate=False, create=False)
        self.blocks = 0  # blocks committed since the last snapshot
        self.restored = False
        self.engine: OnlineClusterer | None = None
        self.replayed: set[int] = set()  # the articles of the warm-up (another lane's)
        self.edges: dict[int, list[int]] = {}  # story -> replayed articles in it
        self._load()

    # -- state --------------------------------------------------------------------------------
    def _load(self) -> None:
        """The engine of the last snapshot, caught up with the store; else a fresh one (which reads the stored
        stories from one window before its first article on)."""
        from ..cluster import OnlineClusterer, load_engine, load_params
        from ..cluster.embed import load_embedder

        with self.store.read() as conn:
            snapshot = _unpack(self.store.load_state(conn, state_name(self.lane)) or b"")
            top = self.store.max_story_id(conn)
            saved = json.loads(self.store.load_state(conn, edges_name(self.lane)) or b"{}")
        self.replayed = set(saved.get("replayed", ()))
        self.edges = {int(k): v for k, v in saved.get("edges", {}).items()}
        cursor = saved.get("cursor")
        self.cursor = (datetime.fromisoformat(cursor[0]), cursor[1]) if cursor else None
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
            self.cursor = None

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
                    and partition_of(a.language) == self.partition and self._in_period(a.published)]
            engine.next_story_id = max(engine.next_story_id, self.store.max_story_id(conn) + 1)
        self._observe(arts)

    def _in_period(self, t: datetime | None) -> bool:
        start, end = self.period
        if t is None:
            return end is None
        return (start is None or t >= start) and (end is None or t < end)

    def _observe(self, arts: list[Article]) -> None:
        from ..cluster import ClusterDoc

        assert self.engine is not None
        for a in sorted(arts, key=lambda a: time_key(a.published, a.id)):
            assert a.story_id is not None
            self.engine.observe(ClusterDoc.from_article(a), a.story_id)

    def _place(self, todo: list[PreparedDoc]) -> list[Assignment]:
        """The block's decisions; before each dated article, the engine reads the stored articles (in a story)
        up to one window past its time, as `ingest` does."""
        from ..cluster import ClusterDoc

        engine = self.engine
        assert engine is not None
        window = timedelta(hours=self.settings.cluster_window_hours)
        ahead = deque(self._stored_ahead(todo))
        decided = []
        for p in todo:
            while p.time is not None and ahead and ahead[0][0] <= p.time + window:
                _, story_id, a = ahead.popleft()
                engine.observe(ClusterDoc.from_article(a), story_id)
            decided.append(engine.assign(p))
        return decided

    def _stored_ahead(self, todo: list[PreparedDoc]) -> list[tuple[datetime, int, Article]]:
        """For a block: this partition's articles already in a story (stored before the backfill, or by another
        writer) up to one window past the block's last time, in article time, within the lane's period; from
        one window before its first article (a fresh engine), else from where the last block stopped."""
        times = [p.time for p in todo if p.time is not None]
        if not times:
            return []
        window = timedelta(hours=self.settings.cluster_window_hours)
        start, end = self.period
        if self.cursor is None:
            self.cursor = (max(times[0] - window, start) if start else times[0] - window, 0)
        until = times[-1] + window
        if end is not None:
            until = min(until, end - timedelta(microseconds=1))
        found: list[tuple[datetime, int, Article]] = []
        with self.store.read() as conn:
            while True:
                page = self.store.clustered_in_time(conn, self.cursor, until, FOLLOW_PAGE)
                found += [(a.published, a.story_id, a) for a in page if a.published is not None
                          and a.story_id is not None and partition_of(a.language) == self.partition]
                if len(page) < FOLLOW_PAGE or page[-1].published is None:
                    break
                self.cursor = (page[-1].published, page[-1].id)
        self.cursor = max(self.cursor, (until, LAST_ID))
        return found

    # -- work ---------------------------------------------------------------------------------
    def warm_up(self, ids: list[int], block: int = 500) -> int:
        """Replay the window before this lane's period (``ids``: another lane's articles, in article time)
        into provisional stories, writing nothing but a snapshot. Returns how many were replayed."""
        engine = self.engine
        assert engine is not None
        real_next, engine.next_story_id = engine.next_story_id, max(engine.next_story_id, PROVISIONAL)
        for i in range(0, len(ids), block):
            for prep in prepare_block(self.settings, ids[i:i + block]):
                engine.assign(prep)
        engine.next_story_id = real_next
        self.replayed |= set(ids)
        with self.store.atomic() as conn:
            self._save(conn)
        return len(ids)

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
        first_new = engine.next_story_id
        try:
            decided = self._place(todo)
            self._commit(decided, first_new)
        except BaseException:
            self.engine = None  # ahead of the store now: the next block starts from the snapshot
            raise
        restored, self.restored = self.restored, False
        return BlockResult(len(decided), len(prepared) - len(todo), sum(a.is_new_story for a in decided), restored,
                           time.perf_counter() - started, max((p.time for p in prepared if p.time), default=None))

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
            edged = self._note_edges(decided)
            self.blocks += 1
            if self.blocks >= self.snapshot_every or edged:
                self._save(conn)

    def _save(self, conn) -> None:
        """The engine's snapshot, and this lane's warm-up articles and edges, in the caller's transaction."""
        assert self.engine is not None
        self.store.save_state(conn, state_name(self.lane), _pack(self.engine, utcnow()))
        cursor = [self.cursor[0].isoformat(), self.cursor[1]] if self.cursor else None
        self.store.save_state(conn, edges_name(self.lane), json.dumps(
            {"replayed": sorted(self.replayed), "edges": self.edges, "cursor": cursor}).encode())
        self.blocks = 0

    def _note_edges(self, decided: list[Assignment]) -> bool:
        """Keep the stories of these decisions that hold replayed articles; whether there was a new one."""
        engine = self.engine
        assert engine is not None
        if not self.replayed:
            return False
        new = False
        for sid in {a.story_id for a in decided} - set(self.edges):
            story = engine.stories.get(sid)
            held = [aid for aid, _ in story.members if aid in self.replayed] if story is not None else []
            if held:
                self.edges[sid], new = held, True
        return new

    def _renumber(self, decided: list[Assignment], first_new: int, top: int) -> list[Assignment]:
        """The decisions with real ids for the provisional stories they name, and with this block's new
        story ids moved past ``top`` (the store's largest) when another writer has used them meanwhile; the
        engine renames its stories alike."""
        engine = self.engine
        assert engine is not None
        end = engine.next_story_id
        named = {sid for a in decided for sid in (a.story_id, *a.merged_story_ids)}
        olds = sorted(sid for sid in named if sid >= PROVISIONAL)
        if top >= first_new:
            olds = list(range(first_new, end)) + olds
        if not olds:
            return decided
        start = max(top + 1, end)
        moved = {old: start + i for i, old in enumerate(olds)}
        for old, new in moved.items():
            engine.follow_merge(old, new)  # a rename: the new id is in no live story
        engine.next_story_id = start + len(moved)  # follow_merge raised it past the provisional ids it was given
        return [replace(a, story_id=moved.get(a.story_id, a.story_id),
                        merged_story_ids=tuple(moved.get(m, m) for m in a.merged_story_ids)) for a in decided]

    def finish(self) -> list[tuple[int, list[int]]]:
        """The lane is done: its snapshot is cleared (a later backfill starts from the store). Returns its
        edges: (story, the replayed articles in it)."""
        with self.store.atomic() as conn:
            self.store.save_state(conn, state_name(self.lane), b"")
            self.store.save_state(conn, edges_name(self.lane), b"")
        return sorted(self.edges.items())

    def ping(self) -> bool:
        """Ready (the engine is built or restored)."""
        return self.engine is not None
