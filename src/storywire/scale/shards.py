"""Shards of a backfill and the work on one of them: read, extract, check and store its articles.

A shard is a JSONL file (the records `storywire ingest` reads) or a WARC file of a news crawl, either
maybe gzipped. :func:`ingest_shard` is a pure function of its arguments (it opens the store itself), so
it runs as a Ray task on any machine that reaches the store.
"""
from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Settings
from ..models import RawItem, Rejected

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


def ingest_shard(path: str, settings: Settings) -> ShardReport:
    """Store the articles of one shard as `storywire ingest` does (a batch per transaction, bad records
    rejected alone, boilerplate learned per outlet), without clustering them."""
    from ..pipeline import Pipeline
    from ..store import open_store

    started = time.perf_counter()
    store = open_store(settings.db, migrate=False, create=False)
    try:
        shard = _Shard(Path(path), settings.max_record_bytes)
        summary = Pipeline(store, settings).ingest(shard, cluster=False, analyse=False)
    finally:
        store.close()
    return ShardReport(path, dict(summary.counts), shard.skipped, tuple(summary.rejected), tuple(summary.warnings),
                       time.perf_counter() - started, tuple(summary.article_ids))


def one_line(exc: BaseException) -> str:
    """A task's failure in one line: the cause's type and first line, not Ray's traceback."""
    cause = getattr(exc, "cause", None) or exc
    text = str(cause).strip().splitlines()
    return f"{cause.__class__.__name__}: {text[-1] if text else ''}".rstrip(": ")
