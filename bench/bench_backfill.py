"""`storywire backfill` on a local Ray with 1 and with 2 workers: the speed-up of each stage and of the whole
backfill, and the articles/s one assigner actor sustains.

Usage: python bench/bench_backfill.py [--articles 3000] [--shards 8] [--runs 3] [--no-analyse]
The archive is generated (bench/corpus.py) as gzipped WARC files of HTML pages, as a news crawl gives them;
each run backfills it into a fresh SQLite store. The stages are what the driver waits for, one after the
other: "ingest" until the last shard is stored (shard tasks read and extract; the driver stores in input
order while they go on), "prepare+assign" until the last article is placed (prepare tasks, one assigner actor
per language, here one, fed in article time), "analyse" until the last story analysis is stored. The analysis
(per-article parts as batches are stored, stories as they close behind the assigner) only fills the CPUs the
first two stages leave, so they take the same time whatever it did meanwhile; "analyse" is the parts left
then (shown apart) and the stories. "backfill" is the three stages; starting and stopping Ray is apart. The
time the driver spent storing the shards (the ingest's sequential part: the articles/s one driver stores) and
the analysis tasks' results is printed too.

Each run also prints the CPU time its processes used (read from /proc while it runs): the tasks' workers, the
assigner actor, the driver and Ray's own processes. Unlike the times, it hardly depends on the load: what a
second worker costs in CPU (models loaded again, caches of one process split in two) shows there. The CPUs
the run got on average (its CPU time over its wall time) show what the machine gave it. The load
average is printed with each run, and before each pair of runs the CPU 2 busy processes get against 1: the
kernel shares the CPUs between sessions (autogroups), so on a machine other sessions keep busy this is well
under 2x whatever the number of workers, and it caps any speed-up measured.
"""
from __future__ import annotations

import argparse
import io
import multiprocessing
import os
import statistics
import sys
import tempfile
import threading
import time
from collections import defaultdict
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus import articles, html_page  # noqa: E402
from storywire import config  # noqa: E402
from storywire.scale.backfill import backfill  # noqa: E402


def write_warcs(folder: Path, n: int, shards: int) -> None:
    """``n`` generated articles as HTML responses, dealt round-robin into ``shards`` gzipped WARC files."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    files = [open(folder / f"crawl-{i:02d}.warc.gz", "wb") for i in range(shards)]
    writers = [WARCWriter(f, gzip=True) for f in files]
    for i, rec in enumerate(articles(n)):
        body = html_page(rec).encode()
        when = datetime.fromisoformat(rec["published"]).strftime("%Y-%m-%dT%H:%M:%SZ")
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        w = writers[i % shards]
        w.write_record(w.create_warc_record(rec["url"], "response", payload=io.BytesIO(body), length=len(body),
                                            http_headers=http, warc_headers_dict={"WARC-Date": when}))
    for f in files:
        f.close()


def _spin(seconds: float, out: multiprocessing.Queue) -> None:
    n, end = 0, time.perf_counter() + seconds
    while time.perf_counter() < end:
        n += sum(range(1000))
    out.put(n)


def cpu_ceiling(seconds: float = 3.0) -> float:
    """The work 2 busy processes get done against 1, in the same time: what the machine gives a second worker now."""
    work = []
    for k in (1, 2):
        out: multiprocessing.Queue = multiprocessing.Queue()
        procs = [multiprocessing.Process(target=_spin, args=(seconds, out)) for _ in range(k)]
        for p in procs:
            p.start()
        work.append(sum(out.get() for _ in procs))
        for p in procs:
            p.join()
    return work[1] / work[0]


class CpuMeter:
    """CPU seconds of this process's descendants (Ray's processes) by role, sampled from /proc while it runs (a
    process ending loses at most its last half second)."""

    TICK = os.sysconf("SC_CLK_TCK")
    RANK = {"Ray": 0, "workers": 1, "assigner": 2}

    def __init__(self) -> None:
        self.cpu: dict[int, float] = {}
        self.role: dict[int, str] = {}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> CpuMeter:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()

    def _sample(self) -> None:
        me = os.getpid()
        while not self.stop.wait(0.5):
            parent, stat = {}, {}
            for entry in os.scandir("/proc"):
                if entry.name.isdigit():
                    try:
                        fields = Path(entry.path, "stat").read_text().rsplit(")", 1)[1].split()
                    except OSError:
                        continue
                    parent[int(entry.name)] = int(fields[1])
                    stat[int(entry.name)] = (int(fields[11]) + int(fields[12])) / self.TICK
            for pid, cpu in stat.items():
                p = pid
                while p > 1 and p != me:
                    p = parent.get(p, 0)
                if p != me or pid == me:
                    continue
                self.cpu[pid] = max(cpu, self.cpu.get(pid, 0.0))
                try:
                    title = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[0].decode(errors="replace")
                except OSError:
                    continue
                role = ("assigner" if title.startswith("ray::Assigner") else "workers"
                        if title.startswith("ray::") and "Agent" not in title else "Ray")
                if self.RANK[role] > self.RANK[self.role.get(pid, "Ray")]:  # a worker is first a bare process
                    self.role[pid] = role

    def by_role(self) -> dict[str, float]:
        out: dict[str, float] = defaultdict(float)
        for pid, cpu in self.cpu.items():
            out[self.role.get(pid, "Ray")] += cpu
        return out


def run(folder: Path, db: Path, workers: int, analyse: bool) -> dict:
    load = os.getloadavg()[0]
    started, driver = time.perf_counter(), time.process_time()
    with CpuMeter() as meter:
        report = backfill([folder], config.Settings(db=str(db), analyse=analyse), workers=workers)
    total = time.perf_counter() - started
    cpu = {"workers": 0.0, "assigner": 0.0, **meter.by_role(), "driver": time.process_time() - driver}
    stages = report.ingest_seconds + report.cluster_seconds + report.analyse_seconds
    placed = sum(report.clustered.values())
    busy = sum(report.assigner_seconds.values())
    print(f"{workers} worker{'s' if workers > 1 else ' '} (load {load:4.1f}): {report.count('ingested'):>6} articles  "
          f"ingest {report.ingest_seconds:6.1f} s  prepare+assign {report.cluster_seconds:6.1f} s  "
          f"analyse {report.analyse_seconds:6.1f} s ({report.parts_wait_seconds:.1f} s of it for the parts left; "
          f"{report.analysed} stories, {report.analysed_early} of them sent while assigning; parts of "
          f"{report.parts_computed} articles ahead)  backfill {stages:6.1f} s (Ray start and stop "
          f"{total - stages:4.1f} s more)  assigner {placed / busy:7.1f} articles/s busy", flush=True)
    stored = report.count("ingested") / max(report.store_seconds, 1e-9)
    print(f"    driver: storing the shards {report.store_seconds:.1f} s ({stored:.0f} articles/s), storing the "
          f"analysis tasks' results {report.write_seconds:.1f} s")
    print(f"    CPU: {sum(cpu.values()):6.1f} s (" + ", ".join(f"{k} {v:.1f} s" for k, v in cpu.items())
          + f"); {sum(cpu.values()) / total:.2f} CPUs used on average")
    return {"ingest": report.ingest_seconds, "cluster": report.cluster_seconds, "analyse": report.analyse_seconds,
            "backfill": stages, "cpu": sum(cpu.values()), "cores": sum(cpu.values()) / total}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=3000)
    ap.add_argument("--shards", type=int, default=8)
    ap.add_argument("--runs", type=int, default=3, help="runs of 1 then 2 workers, back to back")
    ap.add_argument("--no-analyse", action="store_true", help="leave the stories unanalysed")
    args = ap.parse_args()
    stages = ["ingest", "cluster"] + ([] if args.no_analyse else ["analyse"]) + ["backfill"]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        archive = root / "archive"
        archive.mkdir()
        write_warcs(archive, args.articles, args.shards)
        print(f"== backfill benchmark: {args.articles} HTML pages in {args.shards} WARC shards; {os.cpu_count()} CPUs, "
              f"load average {os.getloadavg()[0]:.1f} before the runs ==")
        ratios: dict[str, list[float]] = {s: [] for s in stages}
        cpu: list[float] = []
        cores: list[tuple[float, float]] = []
        for n in range(args.runs):
            print(f"CPU of 2 busy processes against 1 now: {cpu_ceiling():.2f}x (the ceiling of a speed-up)",
                  flush=True)
            one = run(archive, root / f"one-{n}.db", 1, not args.no_analyse)
            two = run(archive, root / f"two-{n}.db", 2, not args.no_analyse)
            for s in stages:
                ratios[s].append(one[s] / two[s])
            cpu.append(two["cpu"] / one["cpu"])
            cores.append((one["cores"], two["cores"]))
        print("speed-up with 2 workers (median of the runs; per run): " + ", ".join(
            f"{'prepare+assign' if s == 'cluster' else s} {statistics.median(r):.2f}x "
            f"({' '.join(f'{x:.2f}' for x in r)})" for s, r in ratios.items())
              + " (target for the parallel stages: 1.7x)")
        print(f"CPU time of 2 workers against 1: {statistics.median(cpu):.2f}x ({' '.join(f'{x:.2f}' for x in cpu)}); "
              "CPUs used on average, 1 worker / 2 workers: " + " ".join(f"{a:.2f}/{b:.2f}" for a, b in cores)
              + " (the speed-up is about the second ratio over the first)")
        print(f"load average after the runs {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
