"""Ingest throughput (articles/s) for JSONL text and for HTML pages, and peak memory; SQLite and PostgreSQL.

Usage: python bench/bench_ingest.py [--jsonl 20000] [--html 2000] [--no-postgres] [--pg-fast] [--only-cli]
[--profile]
Runs the real path (files → extract → store), once store-only and once with story clustering, in a single process
(workers = 0), then with the parallel pipeline (workers = -1: one per core), with the CPU time of this process and
the ratio of the two (target: store + clustering at least 0.5 of store only; in a single process the ratio of CPU
times is the one a shared machine does not blur); then the same JSONL input on PostgreSQL (a throwaway server,
pgtemp.py, with the durability of a real install: fsync, full-page writes and synchronous commits on; ``--pg-fast``
turns them off as the tests do) with the parallel pipeline and its ratio to SQLite's (target: at least 0.7). Then
`storywire ingest` as a user runs it (a new process; clustering and analysis included) on the real texts of the
ECB+ dev set (../shared), single process and parallel, with the CPU time of the command and its workers (steadier
than the wall time on a shared machine), and for the parallel run how that CPU time splits between the command, its
forkserver (the models loaded for the workers) and each worker.
The machine's load average is printed: other processes share it.
``--profile`` adds where the time of a single-process JSONL ingest with
clustering goes (store, pending articles read, text features, the engine's decisions: idf weighting,
near-duplicates, candidate retrieval, scoring, state update; story writes) and that of the single-process
command (start-up, extraction, store, clustering, per-article parts, story analysis), in ms per article (cProfile).
"""
from __future__ import annotations

import argparse
import json
import os
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus import articles, html_page  # noqa: E402
from storywire import config  # noqa: E402
from storywire.ingest.files import read_paths  # noqa: E402
from storywire.pipeline import Pipeline  # noqa: E402
from storywire.store import open_store  # noqa: E402
from storywire.store.pgtemp import temporary_postgres  # noqa: E402


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(label: str, paths: list[Path], db: str, cluster: bool, workers: int) -> tuple[float, float]:
    """Ingest ``paths`` into the store at ``db``; print and return (articles/s, CPU seconds of this process: with
    workers = 0 all the work, steadier than the wall time on a shared machine)."""
    store = open_store(db)
    pipe = Pipeline(store, config.Settings(db=db, analyse=False, batch_size=500, workers=workers))
    t0, c0 = time.perf_counter(), time.process_time()
    summary = pipe.ingest(read_paths(paths), cluster=cluster)
    dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    got = summary.counts["ingested"]
    print(f"{label:<44} {got:>7} articles  {dt:7.1f} s  {got / dt:8.1f} articles/s  CPU here {cpu:6.1f} s  "
          f"peak RSS {peak_mb():7.0f} MB  load {os.getloadavg()[0]:.1f}", flush=True)
    store.close()
    return got / dt, cpu


def adopt_orphans() -> None:
    """Make this process the reaper of its descendants orphaned on the way (Linux), so the CPU time of a
    command's forkserver and the workers forked from it counts in RUSAGE_CHILDREN once they are reaped."""
    import ctypes

    PR_SET_CHILD_SUBREAPER = 36
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)


def children() -> set[int]:
    """The ids of this process's child processes (Linux /proc)."""
    me, found = os.getpid(), set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # gone meanwhile
            continue
        if int(fields[1]) == me:
            found.add(int(stat.parent.name))
    return found


def reap_orphans(own: set[int]) -> None:
    """Wait for the descendants adopted (:func:`adopt_orphans`): every child but ``own`` (this process's own
    long-lived children: its worker pool, its forkserver), until none is left."""
    while adopted := children() - own:
        for pid in adopted:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:  # reaped already
                pass


def cli_ingest(label: str, path: Path, db: Path, workers: int) -> None:
    """`storywire ingest` in a new process, as a user runs it (clustering and analysis included)."""
    env = {**os.environ, "STORYWIRE_DB": str(db), "STORYWIRE_WORKERS": str(workers)}
    n = sum(1 for _ in path.open(encoding="utf-8"))
    own = children()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    command = subprocess.Popen([str(Path(sys.executable).parent / "storywire"), "ingest", str(path)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    by_process = cpu_by_process(command)
    dt = time.perf_counter() - t0
    if command.returncode:
        raise subprocess.CalledProcessError(command.returncode, command.args)
    reap_orphans(own)  # the command's forkserver, outliving it a moment, and the workers forked from it
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the command and all its descendants
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    print(f"{label:<34} {n:>7} articles  {dt:7.1f} s  {n / dt:8.1f} articles/s  "
          f"CPU {cpu:6.1f} s ({1000 * cpu / n:5.1f} ms per article)  load {os.getloadavg()[0]:.1f}", flush=True)
    if workers:
        split = ", ".join(f"{role} {seconds:.1f} s" for role, seconds in by_process.items())
        print(f"  CPU by process (sampled): {split}", flush=True)


def cpu_by_process(command: subprocess.Popen) -> dict[str, float]:
    """Wait for ``command``, sampling the CPU time of it and its descendants (Linux /proc) every 0.2 s: seconds
    used by the command itself, by its forkserver (the models it loads for the workers) and by each worker
    forked from it. Sampled: the last 0.2 s of a process that ends may be missed."""
    tick = os.sysconf("SC_CLK_TCK")
    used: dict[int, tuple[int, float]] = {}  # pid -> (parent pid, CPU seconds)
    while command.poll() is None:
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:  # gone meanwhile
                continue
            pid, parent = int(stat.parent.name), int(fields[1])
            if pid == command.pid or parent in used:
                used[pid] = (parent, (int(fields[11]) + int(fields[12])) / tick)
        time.sleep(0.2)
    helpers = {pid for pid, (parent, _) in used.items() if parent == command.pid}
    forkserver = max(helpers, key=lambda pid: used[pid][1], default=None)  # (the other: the resource tracker)
    workers = sorted((pid for pid, (parent, _) in used.items() if parent == forkserver), key=lambda pid: pid)
    out = {"command": used.get(command.pid, (0, 0.0))[1]}
    if forkserver is not None:
        out["forkserver"] = used[forkserver][1]
    out.update({f"worker {i + 1}": used[pid][1] for i, pid in enumerate(workers)})
    return out


# (label, module file ending, function name): the stages of `storywire ingest`, by cumulative time; the lines
# indented are part of the one above (imports done lazily are counted in the stage that first needs them)
STAGES = [
    ("whole command", "storywire/cli.py", "<module>"),
    ("  start-up: imports before the command runs", "", ""),
    ("  store the articles (read, extract, check, write)", "storywire/pipeline.py", "ingest"),
    ("  extraction and checks", "storywire/stages.py", "prepare_item"),
    ("    language detection (model load included)", "storywire/extract/language.py", "detect"),
    ("    language model load", "storywire/extract/language.py", "_identifier"),
    ("  clustering", "storywire/pipeline.py", "cluster_pending"),
    ("    engine kernels compiled or loaded", "storywire/pipeline.py", "_compile_engine"),
    ("    engine built (model, word frequencies)", "storywire/cluster/__init__.py", "load_engine"),
    ("    text features and embeddings", "storywire/cluster/prepare.py", "prepare_batch"),
    ("    engine decisions", "storywire/cluster/online.py", "assign"),
    ("    assignments and stories written", "storywire/store/stories.py", "apply_assignments"),
    ("    stories refreshed", "storywire/store/stories.py", "refresh_stories"),
    ("  analysis", "storywire/pipeline.py", "analyse_pending"),
    ("    spaCy loaded", "storywire/analyse/entities.py", "get_nlp"),
    ("    per-article parts", "storywire/analyse/parts.py", "article_parts"),
    ("      spaCy NER", "storywire/analyse/entities.py", "_ner"),
    ("    summary", "storywire/analyse/summarise.py", "summarise"),
    ("    analyses written", "storywire/store/stories.py", "save_analysis"),
    ("  of all the above, module imports", "<frozen importlib._bootstrap>", "_find_and_load"),
]


# the stages of a single-process JSONL ingest with clustering (bench_ingest's run), as STAGES
JSONL_STAGES = [
    ("ingest + clustering", "storywire/pipeline.py", "ingest"),
    ("  records read and prepared (parse, checks)", "storywire/pipeline.py", "prepare_items"),
    ("  articles written", "storywire/pipeline.py", "_store_prepared"),
    ("  clustering", "storywire/pipeline.py", "cluster_pending"),
    ("    engine kernels compiled or loaded", "storywire/pipeline.py", "_compile_engine"),
    ("    engine built (model, embedding model)", "storywire/cluster/__init__.py", "load_engine"),
    ("    pending articles read", "storywire/store/stories.py", "unclustered_articles"),
    ("    text features and embeddings", "storywire/cluster/prepare.py", "prepare_batch"),
    ("    engine decisions", "storywire/cluster/online.py", "assign"),
    ("      idf weighting", "storywire/cluster/online.py", "_vectorise"),
    ("      near-duplicates", "storywire/cluster/dedup.py", "process"),
    ("      candidate retrieval", "storywire/cluster/index.py", "candidates"),
    ("      scoring", "storywire/cluster/scoring.py", "score"),
    ("      state update (centroids, index)", "storywire/cluster/online.py", "_add"),
    ("    assignments and stories written", "storywire/store/stories.py", "apply_assignments"),
    ("    stories refreshed", "storywire/store/stories.py", "refresh_stories"),
]


def profile_jsonl(path: Path, db: str) -> None:
    """Where the time of a single-process JSONL ingest with clustering goes (cProfile, in this process; its
    overhead inflates Python-heavy stages), in ms per article."""
    import cProfile

    store = open_store(db)
    pipe = Pipeline(store, config.Settings(db=db, analyse=False, batch_size=500, workers=0))
    profile = cProfile.Profile()
    summary = profile.runcall(pipe.ingest, read_paths([path]), cluster=True)
    store.close()
    n = summary.counts["ingested"]
    cumulative = _cumulative(pstats.Stats(profile).stats, JSONL_STAGES)  # type: ignore[attr-defined]
    print(f"-- where a JSONL ingest with clustering spends its time (single process, cProfile, {n} articles; "
          f"load {os.getloadavg()[0]:.1f}) --")
    for label, ending, name in JSONL_STAGES:
        seconds = cumulative.get((ending, name), 0.0)
        print(f"{label:<56} {seconds:7.2f} s  {1000 * seconds / n:6.2f} ms per article", flush=True)


def _cumulative(stats: dict, stages: list[tuple[str, str, str]]) -> dict[tuple[str, str], float]:
    """The cumulative time of each stage's function (the largest entry of that name: recursion counts once)."""
    cumulative: dict[tuple[str, str], float] = {}
    for (file, _line, func), (_cc, _nc, _tt, ct, _callers) in stats.items():
        for _label, ending, name in stages:
            if name == func and file.endswith(ending):
                cumulative[(ending, name)] = max(cumulative.get((ending, name), 0.0), ct)
    return cumulative


def profile_cli(path: Path, db: Path) -> None:
    """Where the time of a single-process `storywire ingest` goes (cProfile; its overhead inflates Python-heavy
    stages), in ms per article."""
    out = db.with_suffix(".prof")
    env = {**os.environ, "STORYWIRE_DB": str(db), "STORYWIRE_WORKERS": "0"}
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(out), "-m", "storywire.cli", "ingest", str(path)],
                   env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    n = sum(1 for _ in path.open(encoding="utf-8"))
    stats = pstats.Stats(str(out)).stats  # type: ignore[attr-defined]
    cumulative = _cumulative(stats, STAGES)
    main = next((ct for (file, _l, func), (*_, ct, _c) in stats.items()
                 if func == "main" and file.endswith("storywire/cli.py")), 0.0)
    whole = cumulative.get(("storywire/cli.py", "<module>"), 0.0)
    print(f"-- where `storywire ingest` spends its time (single process, cProfile, {n} articles; "
          f"load {os.getloadavg()[0]:.1f}) --")
    for label, ending, name in STAGES:
        seconds = whole - main if not ending else cumulative.get((ending, name), 0.0)
        print(f"{label:<56} {seconds:7.2f} s  {1000 * seconds / n:6.2f} ms per article", flush=True)


def real_texts(root: Path) -> Path | None:
    """The ECB+ dev set as ingest JSONL (id, title, text, a source), or None without ../shared."""
    dev = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "stories" / "ecbplus-dev.jsonl"
    if not dev.is_file():
        return None
    out = root / "ecbplus.jsonl"
    with out.open("w", encoding="utf-8") as f:
        for i, line in enumerate(dev.read_text(encoding="utf-8").splitlines()):
            rec = json.loads(line)
            f.write(json.dumps({"id": rec["id"], "title": rec["title"], "text": rec["text"],
                                "source": f"Outlet {i % 12}"}) + "\n")
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--jsonl", type=int, default=20000)
    ap.add_argument("--html", type=int, default=2000)
    ap.add_argument("--only-cli", action="store_true", help="only the `storywire ingest` lines")
    ap.add_argument("--no-postgres", action="store_true", help="SQLite only.")
    ap.add_argument("--pg-fast", action="store_true",
                    help="PostgreSQL with fsync, full-page writes and synchronous commits off (as in the tests)")
    ap.add_argument("--profile", action="store_true", help="where the time of `storywire ingest` goes")
    args = ap.parse_args()
    if args.only_cli:
        args.jsonl = args.html = 0
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        src = root / "corpus.jsonl"
        with src.open("w") as f:
            for rec in articles(args.jsonl):
                f.write(json.dumps(rec) + "\n")
        pages = root / "pages"
        pages.mkdir()
        for rec in articles(args.html, seed=11):
            (pages / f"{rec['id']}.html").write_text(html_page(rec))
        warm = root / "warm.jsonl"  # the story engine's kernels compile on first use: not in any timed run
        warm.write_text("".join(json.dumps(rec) + "\n" for rec in articles(200, seed=3)))
        Pipeline(open_store(str(root / "warm.db")), config.Settings(analyse=False, workers=0)).ingest(
            read_paths([warm]))
        print(f"== ingest benchmark: {args.jsonl} JSONL articles, {args.html} HTML pages; "
              f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores ==")
        sqlite: dict[bool, float] = {}
        for workers, mode in ((0, "single process"), (-1, "parallel")) if not args.only_cli else ():
            print(f"-- {mode} (workers = {workers}) --")
            cpu: dict[bool, float] = {}
            for cluster, what in ((False, "store only"), (True, "store + clustering")):
                sqlite[cluster], cpu[cluster] = run(f"sqlite, jsonl text, {what}", [src],
                                                    str(root / f"{cluster}{workers}.db"), cluster, workers)
            by_cpu = f", {cpu[False] / cpu[True]:.2f} by CPU" if workers == 0 else ""
            print(f"  store + clustering / store only: {sqlite[True] / sqlite[False]:.2f} by wall time{by_cpu}"
                  "  (target >= 0.5)", flush=True)
            run("sqlite, html pages, extract + store", [pages], str(root / f"c{workers}.db"), False, workers)
        if args.profile and not args.only_cli:
            profile_jsonl(src, str(root / "profiled-jsonl.db"))
        if not args.no_postgres and not args.only_cli:
            durability = "fsync, full-page writes, synchronous commits " + ("off" if args.pg_fast else "on")
            print(f"-- postgresql ({durability}), parallel (workers = -1) --")
            with temporary_postgres(durable=not args.pg_fast) as new_database:
                for cluster, what in ((False, "store only"), (True, "store + clustering")):
                    rate, _ = run(f"postgresql, jsonl text, {what}", [src], new_database(), cluster, -1)
                    print(f"  postgresql / sqlite, {what}: {rate / sqlite[cluster]:.2f}  (target >= 0.7)", flush=True)
        ecb = real_texts(root)
        if ecb is not None:
            adopt_orphans()
            for workers, mode in ((0, "single process"), (-1, "parallel")):
                cli_ingest(f"storywire ingest ECB+ dev, {mode}", ecb, root / f"d{workers}.db", workers)
            if args.profile:
                profile_cli(ecb, root / "profiled.db")
        print(f"load average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
