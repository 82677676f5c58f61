"""Shards of a backfill and the work on them: read, extract and check their records, then store them.

A shard is a JSONL file (the records `storywire ingest` reads) or a WARC file of a news crawl, either
maybe gzipped. :func:`prepare_shard` is a pure function of its arguments, so it runs as a Ray task on any
machine that reads the shards; :class:`ShardWriter` stores what the tasks give, in input order, in the driver.
"""
from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import Settings
from ..models import Extracted, IngestResult, RawItem, Rejected

if TYPE_CHECKING:
    from ..pipeline import IngestSummary
    from ..store import Store

SHARD_KINDS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".warc": "warc"}
NOT_A_SHARD = "not a shard (use .jsonl or .warc files, optionally .gz, or folders of them)"


def shard_kind(path: Path) -> str | None:
    name = path.name.lower().removesuffix(".gz")
    return SHARD_KINDS.get(Path(name).suffix)


def discover_shards(sources: Iterable[str | Path]) -> tuple[list[Path], list[Rejected]]:
    """The shard files named or found in folders (recursively, sorted), and a rejection for each source that
    is none."""
    found: list[Path] = []
    bad: list[Rejected] = []
    for raw in sources:
        path = Path(raw)
        if path.is_dir():
            shards = sorted(p for p in path.rglob("*") if p.is_file() and shard_kind(p))
            found.extend(shards)
            if not shards:
                bad.append(Rejected(str(path), "no .jsonl or .warc files in this folder"))
        elif path.is_file():
            if shard_kind(path):
                found.append(path)
            else:
                bad.append(Rejected(str(path), NOT_A_SHARD))
        else:
            bad.append(Rejected(str(path), "no such file or folder"))
    return list(dict.fromkeys(found)), bad


@dataclass(frozen=True)
class ShardReport:
    """What one shard gave: records by outcome, WARC records skipped by reason, the rejected records and the
    kept ones with something dropped (origin, why), the articles it stored new or revised."""

    path: str
    counts: dict[str, int]
    skipped: dict[str, int] = field(default_factory=dict)
    rejected: tuple[Rejected, ...] = ()
    warnings: tuple[Rejected, ...] = ()
    seconds: float = 0.0
    article_ids: tuple[int, ...] = ()


class _Shard:
    """The records of one shard; ``skipped`` is filled as a WARC file is read."""

    def __init__(self, path: Path, max_record_bytes: int) -> None:
        from ..ingest.files import read_file
        from ..ingest.warc import WarcReader

        self.skipped: dict[str, int] = {}
        if shard_kind(path) == "warc":
            self._warc: WarcReader | None = WarcReader(path, max_record_bytes)
            self._records: Iterable[RawItem | Rejected] = self._warc
        else:
            self._warc = None
            self._records = read_file(path, max_record_bytes)

    def __iter__(self) -> Iterator[RawItem | Rejected]:
        yield from self._records
        if self._warc is not None:
            self.skipped = dict(self._warc.skipped)


Prepared = tuple[Extracted, bool] | Rejected  # a record extracted and checked (:func:`stages.prepare_item`)


@dataclass(frozen=True)
class PreparedShard:
    """One shard read, its records extracted and checked by a task, nothing stored yet."""

    path: str
    items: tuple[Prepared, ...]
    skipped: dict[str, int]
    seconds: float


def prepare_shard(path: str, settings: Settings) -> PreparedShard:
    """Read one shard and extract and check its records as `storywire ingest` does; a pure function (a Ray task).
    The driver stores what it returns (:class:`ShardWriter`)."""
    from ..stages import prepare_item

    started = time.perf_counter()
    shard = _Shard(Path(path), settings.max_record_bytes)
    items = tuple(prepare_item(item, settings.max_record_bytes, settings.extract_favor) for item in shard)
    return PreparedShard(path, items, shard.skipped, time.perf_counter() - started)


class ShardWriter:
    """The driver's half of the ingest stage: prepared shards stored in input order, one stream cut into batches
    of ``batch_size`` (one transaction each), as `storywire ingest` of the same files stores them. So each
    outlet's learned boilerplate, and the texts stored, never depend on which shard task finished first. What
    each shard gave is counted apart."""

    def __init__(self, store: Store, settings: Settings) -> None:
        from ..pipeline import Pipeline

        self.pipeline, self.batch_size = Pipeline(store, settings), settings.batch_size
        self.waiting: list[tuple[int, Prepared]] = []  # (shard, item) not stored yet, in input order
        self.shards: list[PreparedShard] = []
        self.summaries: list[IngestSummary] = []

    def add(self, shard: PreparedShard) -> list[int]:
        """Take the next shard in input order and store the full batches there are; the ids stored new or
        revised."""
        from ..pipeline import IngestSummary

        self.waiting.extend((len(self.shards), item) for item in shard.items)
        self.shards.append(shard)
        self.summaries.append(IngestSummary())
        stored: list[int] = []
        while len(self.waiting) >= self.batch_size:
            stored += self._store(self.batch_size)
        return stored

    def finish(self) -> list[int]:
        """Store what is left (the last batch)."""
        return self._store(len(self.waiting)) if self.waiting else []

    def reports(self) -> list[ShardReport]:
        return [ShardReport(shard.path, dict(s.counts), shard.skipped, tuple(s.rejected), tuple(s.warnings),
                            shard.seconds, tuple(s.article_ids)) for shard, s in zip(self.shards, self.summaries,
                                                                                     strict=True)]

    def _store(self, n: int) -> list[int]:
        batch, self.waiting = self.waiting[:n], self.waiting[n:]
        shard_of = {(item if isinstance(item, Rejected) else item[0]).origin: k for k, item in batch}

        def count(outcome: IngestResult | Rejected) -> None:
            summary = self.summaries[shard_of[outcome.origin]]
            if isinstance(outcome, Rejected):
                summary.reject(outcome)
            else:
                summary.add(outcome)

        return self.pipeline.ingest_prepared([item for _, item in batch], on_item=count).article_ids


def one_line(exc: BaseException) -> str:
    """A task's failure in one line: the cause's type and first line, not Ray's traceback."""
    cause = getattr(exc, "cause", None) or exc
    text = str(cause).strip().splitlines()
    return f"{cause.__class__.__name__}: {text[-1] if text else ''}".rstrip(": ")
