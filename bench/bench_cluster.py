"""Story engine throughput and memory on a generated news stream.

Usage: python bench/bench_cluster.py [--sizes 10000,100000,1000000] [--workers N] [--rate 8] [--window-hours 72]

The 1,000,000-article run takes about an hour the first time (generating the 2.8 GB stream file
takes half of it); ``--sizes 10000,100000`` for a quick look.

The generator mimics a news stream: stories are born as a Poisson process and get articles in bursts
that decay over a day or two; each story has a topic (shared vocabulary with other stories of that
topic), its own people, places and numbers, plus names shared across many stories (heads of state,
big companies); articles are 300-600 words; ~15% are reprints (exact wire copies or trimmed ones
with a new headline). One article arrives every ``--rate`` seconds of stream time on average, so a
72-hour window holds ~32,000 articles at the default rate: from 100k articles on, the window is full
and memory must stay flat.

The stream is generated once into a JSONL file in the temp dir (``--cache-dir``) and read back, so
generation is never timed. Each size runs in its own process (peak RSS is per process), through
``OnlineClusterer.assign_all`` with ``--workers`` processes preparing text features ahead of the
sequential engine (default: one per core on a multi-core machine; 0: all in one process). Printed per size:
articles/s of the engine by wall clock (reading the file included) and by the engine process's CPU
time, its CPU microseconds per article for the first and last 10% of the stream (flat cost means
these are close; a second line gives every tenth, to see where cost grows), the workers' CPU per
article, peak RSS, size of the serialised state, live stories and articles in the window, and
BCubed F1 against the generator's stories (a sanity check, not a quality figure: the data is synthetic).
Targets: >= 500 articles/s, per-article cost within 1.5x from 10k to 1M, memory bounded by the window.
"""
from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import NamedTuple

SYL = ["ka", "lo", "mi", "ra", "ten", "su", "vor", "an", "el", "dri", "po", "ne", "sha", "gu", "bel", "tor", "ix",
       "ma", "de", "ri", "on", "zu", "fa", "le", "ost", "ber", "qui", "ja", "no", "tal"]


def _word(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(SYL) for _ in range(n))


class Vocab:
    def __init__(self, seed: int = 1):
        rng = random.Random(seed)
        self.common = [_word(rng, rng.randint(1, 3)) for _ in range(6000)]
        self.common_cum = list(_cumsum([1.0 / (i + 1) ** 1.05 for i in range(len(self.common))]))
        self.topics = [[_word(rng, rng.randint(2, 4)) for _ in range(40)] for _ in range(300)]
        self.first = [_word(rng, 2).capitalize() for _ in range(3000)]
        self.last = [_word(rng, 3).capitalize() for _ in range(20000)]
        self.places = [_word(rng, rng.randint(2, 3)).capitalize() for _ in range(4000)]
        self.famous = [f"{rng.choice(self.first)} {rng.choice(self.last)}" for _ in range(60)]


def _cumsum(xs):
    total = 0.0
    for x in xs:
        total += x
        yield total


def stream(n: int, seed: int = 7, rate: float = 8.0):
    """Yield n (record, story) in time order."""
    v = Vocab()
    rng = random.Random(seed)
    t = datetime(2024, 1, 1, tzinfo=UTC)
    live: list[dict] = []
    story_no = 0
    for i in range(n):
        t += timedelta(seconds=rng.expovariate(1.0 / rate))
        if not live or rng.random() < 0.12:
            story_no += 1
            topic = rng.randrange(len(v.topics))
            people = [f"{rng.choice(v.first)} {rng.choice(v.last)}" for _ in range(rng.randint(2, 4))]
            live.append({"id": story_no, "born": t, "tau": rng.uniform(4, 30) * 3600, "topic": v.topics[topic],
                         "people": people, "places": rng.sample(v.places, 2),
                         "numbers": [str(rng.randint(2, 5000)) for _ in range(2)],
                         "famous": rng.sample(v.famous, rng.randint(0, 2)), "articles": []})
            if len(live) > 600:
                live = live[-600:]
        now = t
        weights = [math.exp(-(now - s["born"]).total_seconds() / s["tau"]) for s in live]
        s = rng.choices(live, weights=weights)[0]
        if s["articles"] and rng.random() < 0.15:
            src = rng.choice(s["articles"])
            paras = src["text"].split("\n\n")
            if rng.random() < 0.5:
                paras = paras[: max(2, int(len(paras) * rng.uniform(0.6, 0.9)))]
            text = "\n\n".join(paras)
            title = src["title"] if rng.random() < 0.5 else _sentence(rng, v, s, 10)
        else:
            words = rng.randint(300, 600)
            paras, count = [], 0
            while count < words:
                para = " ".join(_sentence(rng, v, s, rng.randint(14, 28)) for _ in range(rng.randint(2, 4)))
                paras.append(para)
                count += len(para.split())
            text = "\n\n".join(paras)
            title = _sentence(rng, v, s, rng.randint(7, 12)).rstrip(".")
        rec = {"id": i, "source": f"Outlet {rng.randrange(80)}", "title": title, "text": text, "time": t}
        s["articles"].append({"title": title, "text": text})
        if len(s["articles"]) > 5:
            s["articles"].pop(0)
        yield rec, s["id"]


def _sentence(rng: random.Random, v: Vocab, s: dict, n: int) -> str:
    words = rng.choices(v.common, cum_weights=v.common_cum, k=n)
    for _ in range(max(1, n // 6)):
        words[rng.randrange(n)] = rng.choice(s["topic"])
    pick = rng.random()
    if pick < 0.5:
        words.insert(rng.randrange(n), rng.choice(s["people"]))
    elif pick < 0.7:
        words.insert(rng.randrange(n), "in " + rng.choice(s["places"]))
    elif pick < 0.8:
        words.insert(rng.randrange(n), rng.choice(s["numbers"]))
    elif pick < 0.9 and s["famous"]:
        words.insert(rng.randrange(n), rng.choice(s["famous"]))
    return " ".join(words).capitalize() + "."


def stream_file(n: int, rate: float, seed: int = 7, cache_dir: str | None = None) -> Path:
    """The stream of ``n`` articles as JSONL (generated once, then reused: generating costs more than
    clustering, and must not be timed with it)."""
    folder = Path(cache_dir or tempfile.gettempdir())
    path = folder / f"storywire-bench-stream-{n}-{rate:g}-{seed}.jsonl"
    if not path.exists():
        tmp = path.with_suffix(".part")
        with tmp.open("w", encoding="utf-8") as fh:
            for rec, story in stream(n, seed=seed, rate=rate):
                fh.write(json.dumps({**rec, "time": rec["time"].isoformat(), "story": story}) + "\n")
        tmp.rename(path)
    return path


def children_peak_rss_mb() -> float | None:
    """Peak RSS of this process's live children (the engine's workers), from /proc's VmHWM: unlike
    ``getrusage(RUSAGE_CHILDREN).ru_maxrss`` it does not count the parent's pages at fork time (a
    spawned worker is forked from the engine's process, then exec'd). None: no /proc here."""
    peak = None
    for child in multiprocessing.active_children():
        try:
            with open(f"/proc/{child.pid}/status", encoding="ascii") as fh:
                hwm = next((int(line.split()[1]) for line in fh if line.startswith("VmHWM:")), None)
        except OSError:
            continue
        if hwm is not None:
            peak = max(peak or 0, hwm)
    return None if peak is None else peak / 1024


class _Run(NamedTuple):
    """What streaming the articles through the engine measured."""

    wall: float  # seconds by wall clock, reading the file included
    cpu: float  # CPU seconds of this process (the engine; not the workers)
    tenths: list[float]  # engine CPU seconds spent on each tenth of the stream
    pred: list[int]  # story per article as assigned (up to 100,000 articles)
    alias: dict[int, int]  # story -> the story it was merged into
    dups: int  # near-duplicates found
    worker_rss: float | None  # workers' peak RSS (MB)


def _stream_through(eng, docs, n: int, workers: int) -> _Run:
    tenth = max(1, n // 10)
    tenths = [0.0] * 10
    pred: list[int] = []
    alias: dict[int, int] = {}
    dups = 0
    # CPU time of this process (all its threads; the workers' time is not in it): the per-article
    # cost of the sequential engine, whatever else runs on the machine.
    t_start = time.perf_counter()
    c_start = c0 = time.process_time()
    worker_rss = None
    for i, a in enumerate(eng.assign_all(docs, workers=workers)):
        if workers and (i % 1000 == 999 or i == n - 1):  # before the pool closes at the end
            worker_rss = max(worker_rss or 0.0, children_peak_rss_mb() or 0.0) or None
        c1 = time.process_time()
        tenths[min(9, i // tenth)] += c1 - c0
        c0 = c1
        dups += a.duplicate_of is not None
        for old in a.merged_story_ids:
            alias[old] = a.story_id
        if n <= 100_000:
            pred.append(a.story_id)
    return _Run(time.perf_counter() - t_start, time.process_time() - c_start, tenths, pred, alias, dups, worker_rss)


def run_one(n: int, rate: float, window_hours: float, workers: int, cache_dir: str | None) -> dict:
    from storywire.cluster import ClusterDoc, OnlineClusterer, bcubed

    path = stream_file(n, rate, cache_dir=cache_dir)
    gold: list[int] = []

    def docs():
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                if n <= 100_000:
                    gold.append(r["story"])
                yield ClusterDoc(r["id"], r["source"], r["title"], r["text"], datetime.fromisoformat(r["time"]))

    eng = OnlineClusterer(window_hours=window_hours)
    run = _stream_through(eng, docs(), n, workers)
    t0 = time.perf_counter()
    state = eng.to_bytes()
    save_s = time.perf_counter() - t0
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    tenth = max(1, n // 10)
    per_tenth = [1e6 * x / k for x, k in zip(run.tenths, [tenth] * 9 + [max(1, n - 9 * tenth)], strict=True)]  # µs
    out = {"articles": n, "workers": workers, "articles_per_s": round(n / run.wall, 1),
           "articles_per_cpu_s": round(n / run.cpu, 1),
           "worker_cpu_us_per_article": round(1e6 * (kids.ru_utime + kids.ru_stime) / n, 1),
           "us_per_article_first10pct": round(per_tenth[0], 1),
           "us_per_article_last10pct": round(per_tenth[9], 1),
           "us_per_article_by_tenth": [round(x) for x in per_tenth],
           "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
           "worker_peak_rss_mb": round(run.worker_rss if run.worker_rss is not None else kids.ru_maxrss / 1024, 1),
           "state_mb": round(len(state) / 1e6, 2), "state_save_s": round(save_s, 2),
           "duplicates_found": run.dups,
           **{k: v for k, v in eng.stats().items() if k in ("active_stories", "articles_in_window")}}
    if run.pred:
        def final(s):
            while s in run.alias:
                s = run.alias[s]
            return s
        out["bcubed_f1_synthetic"] = round(bcubed([final(s) for s in run.pred], gold)["f1"], 4)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description="story engine benchmark")
    ap.add_argument("--sizes", default="10000,100000,1000000", help="stream lengths, comma-separated")
    ap.add_argument("--rate", type=float, default=8.0, help="mean seconds of stream time between articles")
    ap.add_argument("--window-hours", type=float, default=72.0)
    ap.add_argument("--workers", type=int, default=os.cpu_count() if (os.cpu_count() or 1) > 1 else 0,
                    help="processes preparing text features ahead of the engine (0: none; default: one per core on a "
                         "multi-core machine, sharing the cores with the engine)")
    ap.add_argument("--cache-dir", help="where generated streams are kept between runs (default: the temp dir)")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.rate, args.window_hours, args.workers, args.cache_dir)))
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s]
    print(f"story engine: stream of one article per {args.rate:g} s on average, window {args.window_hours:g} h")
    print(f"{'articles':>9} {'workers':>7} {'art/s':>7} {'art/cpu-s':>9} {'us/art first10%':>16} "
          f"{'us/art last10%':>15} {'worker us/art':>13} {'peak RSS MB':>12} {'worker RSS':>10} {'state MB':>9} "
          f"{'live stories':>13} {'in window':>10} {'dups':>7} {'F1 synth':>9}")
    failed = False
    for n in sizes:
        proc = subprocess.run([sys.executable, __file__, "--one", str(n), "--rate", str(args.rate),
                               "--window-hours", str(args.window_hours), "--workers", str(args.workers)]
                              + (["--cache-dir", args.cache_dir] if args.cache_dir else []),
                              capture_output=True, text=True)
        if proc.returncode != 0:
            print(proc.stderr)
            failed = True
            continue
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        print(f"{r['articles']:>9} {r['workers']:>7} {r['articles_per_s']:>7} {r['articles_per_cpu_s']:>9} "
              f"{r['us_per_article_first10pct']:>16} {r['us_per_article_last10pct']:>15} "
              f"{r['worker_cpu_us_per_article']:>13} {r['peak_rss_mb']:>12} {r['worker_peak_rss_mb']:>10} "
              f"{r['state_mb']:>9} "
              f"{r['active_stories']:>13} {r['articles_in_window']:>10} {r['duplicates_found']:>7} "
              f"{r.get('bcubed_f1_synthetic', '-'):>9}", flush=True)
        print(f"{'':>9} engine us/article by tenth of the stream: {' '.join(map(str, r['us_per_article_by_tenth']))}",
              flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
