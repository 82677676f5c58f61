"""Scoring story clusterings: BCubed precision/recall/F1 and a streaming evaluation of the engine.

Labelled records are dicts (one JSON object a line in a file): ``id``, ``title``, ``text``, optional
``published`` (ISO time) and the gold label in ``story`` (or ``cluster``).
"""
from __future__ import annotations

import json
import random
import re
import time
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from .online import OnlineClusterer
from .prepare import ClusterDoc, PreparedDoc

# Records without a time are all "ingested" at this instant: one corpus read at once is one window.
INGEST_TIME = datetime(2024, 1, 1, tzinfo=UTC)


def bcubed(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> dict:
    """BCubed precision, recall and F1 (Amigo et al. 2009) of two labelings of the same items.

    Per item: precision = |pred cluster & gold cluster| / |pred cluster|, recall = ... / |gold cluster|,
    averaged over items; F1 is the harmonic mean of the two averages.
    """
    if len(predicted) != len(gold):
        raise ValueError("predicted and gold labelings differ in length")
    n = len(gold)
    if n == 0:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    pair = Counter(zip(predicted, gold, strict=True))
    psize = Counter(predicted)
    gsize = Counter(gold)
    prec = sum(pair[(p, g)] / psize[p] for p, g in zip(predicted, gold, strict=True)) / n
    rec = sum(pair[(p, g)] / gsize[g] for p, g in zip(predicted, gold, strict=True)) / n
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"precision": prec, "recall": rec, "f1": f1}


def label_of(rec: dict) -> Hashable:
    for key in ("story", "cluster"):
        if key in rec and rec[key] is not None:
            return rec[key]
    raise ValueError(f"record {rec.get('id')!r} has no 'story' or 'cluster' label")


def load_records(path: str | Path) -> list[dict]:
    """Labelled records of a JSONL file (blank lines skipped); raises ValueError naming the bad line."""
    out = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{n}: not JSON ({exc.msg})") from None
            if not isinstance(rec, dict):
                raise ValueError(f"{path}:{n}: not a JSON object")
            label_of(rec)
            out.append(rec)
    return out


def _parse_time(value) -> datetime | None:
    if not value:
        return None
    if isinstance(value, datetime):
        t = value
    else:
        t = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return t if t.tzinfo else t.replace(tzinfo=UTC)


def to_docs(records: Iterable[dict]) -> list[tuple[ClusterDoc, Hashable]]:
    """(doc, gold label) in stream order: by time where given (stable, so file order otherwise).

    Article ids are positions in the file (0, 1, ...), records without a time get INGEST_TIME.
    """
    timed = []
    for i, rec in enumerate(records):
        t = _parse_time(rec.get("published")) or INGEST_TIME
        doc = ClusterDoc(i, str(rec.get("source") or ""), rec.get("title") or "", rec.get("text") or "", t)
        timed.append((t, doc, label_of(rec)))
    timed.sort(key=lambda tdl: tdl[0])
    return [(doc, label) for _, doc, label in timed]


def prepared_stream(docs: list[tuple[ClusterDoc, Hashable]], params: dict | None = None
                    ) -> list[tuple[PreparedDoc, Hashable]]:
    """``docs`` prepared once (:meth:`OnlineClusterer.prepare_all`), for streaming through many engines of the same
    features and embedding model (what a fit's threshold search does)."""
    prepared = OnlineClusterer(params).prepare_all(d for d, _ in docs)
    return [(p, gold) for p, (_, gold) in zip(prepared, docs, strict=True)]


def run_stream(docs: Sequence[tuple[ClusterDoc | PreparedDoc, Hashable]], params: dict | None = None,
               window_hours: float = 72.0) -> tuple[list[int], float]:
    """Predicted story per doc (final ids, after merges) and the seconds the engine took."""
    eng = OnlineClusterer(params, window_hours=window_hours)
    assigned: list[int] = []
    alias: dict[int, int] = {}
    start = time.perf_counter()
    for doc, _ in docs:
        a = eng.assign(doc)
        for old in a.merged_story_ids:
            alias[old] = a.story_id
        assigned.append(a.story_id)
    elapsed = time.perf_counter() - start

    def final(sid: int) -> int:
        while sid in alias:
            sid = alias[sid]
        return sid

    return [final(s) for s in assigned], elapsed


def evaluate_stream(records: Iterable[dict], params: dict | None = None, window_hours: float = 72.0) -> dict:
    """Stream labelled records through a fresh engine (time order, else file order) and score it.

    Returns precision, recall, f1 (BCubed), articles, articles_per_s, stories (predicted), gold_stories.
    """
    docs = to_docs(records)
    pred, elapsed = run_stream(docs, params, window_hours)
    gold = [g for _, g in docs]
    out = bcubed(pred, gold)
    out.update(articles=len(docs), articles_per_s=len(docs) / elapsed if elapsed > 0 else float("inf"),
               stories=len(set(pred)), gold_stories=len(set(gold)))
    return out


def in_random_orders(records: Sequence[dict], params: dict | None, window_hours: float, orders: int) -> list[dict]:
    """:func:`evaluate_stream` of ``records`` in ``orders`` random arrival orders (seeds 1, 2, ...). Only undated
    records follow their arrival order; dated ones are streamed in time order whatever it is."""
    out = []
    for seed in range(1, orders + 1):
        shuffled = list(records)
        random.Random(seed).shuffle(shuffled)
        out.append(evaluate_stream(shuffled, params, window_hours))
    return out


def titles_only(records: Iterable[dict]) -> list[dict]:
    """The records as headline-only items: the title alone, no text."""
    return [{**r, "text": ""} for r in records]


def mixed(records: Iterable[dict]) -> list[dict]:
    """The records with every other one (the second, the fourth, ...) a headline-only item."""
    return [{**r, "text": ""} if i % 2 else r for i, r in enumerate(records)]


# Words a Title Case headline leaves in lower case (Chicago style: articles, short conjunctions and prepositions)
_SMALL_WORDS = frozenset("a an the and but or nor for so yet as at by in of on per to via vs".split())
_TITLE_WORD = re.compile(r"[^\W\d_][\w'’]*")


def title_case(title: str) -> str:
    """``title`` as a US outlet writes a headline: every word capitalised but the small ones (not the first
    or last); a word with a capital letter already ("iPhone", "EU") is left as it is."""
    words = list(_TITLE_WORD.finditer(title))

    def cap(m: re.Match) -> str:
        w = m.group()
        if w != w.lower() or (w in _SMALL_WORDS and m.start() != words[0].start() and m.end() != words[-1].end()):
            return w
        return w[0].upper() + w[1:]

    return _TITLE_WORD.sub(cap, title)


def dated_records(records: Iterable[dict], seed: int = 1, first: datetime = datetime(2015, 1, 1, tzinfo=UTC),
                  span_days: float = 3650.0, spread_hours: float = 36.0,
                  siblings_within_days: float | None = None) -> list[dict]:
    """The records with a publication time each, as a dated archive: every story (gold label) gets its
    own day, uniformly at random within ``span_days`` from ``first``, and its articles are spread
    uniformly over the ``spread_hours`` after it. With ``siblings_within_days``, the stories of one
    ``topic`` (events of one kind) get days within that many days of the topic's own, so that time
    cannot keep them apart. Same seed, same times. In file order."""
    rng = random.Random(seed)
    recs = list(records)
    day: dict[Hashable, datetime] = {}
    topic_day: dict[str, datetime] = {}
    for label, topic in sorted({(str(label_of(r)), str(r.get("topic", ""))) for r in recs}):
        if siblings_within_days is None:
            day[label] = first + timedelta(days=rng.uniform(0.0, span_days))
        else:
            start = topic_day.setdefault(topic, first + timedelta(days=rng.uniform(0.0, span_days)))
            day[label] = start + timedelta(days=rng.uniform(0.0, siblings_within_days))
    return [{**r, "published": (day[str(label_of(r))] + timedelta(hours=rng.uniform(0.0, spread_hours)))
             .isoformat(timespec="seconds")} for r in recs]


def split_by_topic(records: list[dict], key: str = "topic") -> tuple[list[dict], list[dict]]:
    """(odd topics, even topics): the split used to fit on one half and report on the other."""
    odd = [r for r in records if int(r[key]) % 2 == 1]
    even = [r for r in records if int(r[key]) % 2 == 0]
    return odd, even
