"""Extraction quality on labelled pages, scored the way each data set's authors score it.

- trafilatura-eval (``evaldata.json``): segment metric, summed over pages. A "with" segment found in
  the output is a true positive, a missing one a false negative; a "without" segment found is a false
  positive. precision = tp / (tp + fp), recall = tp / (tp + fn).
- fundus (``ground_truth.json``): 4-token shingles of ``\\w+`` tokens as multisets; per page
  precision = |out ∩ truth| / |out| and recall = |out ∩ required| / |required|, averaged over pages,
  F1 from the two averages. Paragraphs are joined before shingling. A paragraph written "[...]"
  (in square brackets: standfirsts, "[Reporting by ...]") is optional: not required for recall,
  not penalised for precision. (Counting them as required instead reproduces the published
  figures from the stored outputs, trafilatura 0.940 and Fundus 0.963; ``stored_scores`` gives
  the stored outputs' scores under this metric.)

Pages are split by a hash of their name into a "dev" half (the only half post-filters may be tuned on)
and a "test" half (held out); ``part`` picks one, "all" scores both.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import re
import time
from collections import Counter
from pathlib import Path

from ..errors import InputError, StorywireError
from ..models import RawItem
from . import extract_item

PARTS = ("all", "dev", "test")
_WORD = re.compile(r"\w+")


def part_of(name: str) -> str:
    """The fixed half a page belongs to: "dev" or "test" (by a hash of its file name, never by content)."""
    return "dev" if hashlib.sha256(name.encode()).digest()[0] % 2 == 0 else "test"


def _read_page(path: Path) -> str:
    from ..ingest.files import decode

    data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    return decode(data)


def _extract(html: str, name: str, favor: str, url: str | None = None) -> str:
    try:
        return extract_item(RawItem(origin=name, kind="html", html=html, url=url), favor=favor).text
    except InputError:
        return ""


def _pages(names: list[str], part: str, limit: int | None) -> list[str]:
    chosen = [n for n in names if part == "all" or part_of(n) == part]
    return chosen[:limit] if limit is not None else chosen


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def evaluate_trafilatura(folder: Path, favor: str, limit: int | None = None, part: str = "all",
                         details: list | None = None) -> dict:
    """Segment metric over ``evaldata.json`` (the figure trafilatura publishes for this set)."""
    data = json.loads((folder / "evaldata.json").read_text(encoding="utf-8"))
    by_file = {entry["file"]: (url, entry) for url, entry in data.items()}
    tp = fn = fp = 0
    seconds = 0.0
    names = _pages(sorted(by_file), part, limit)
    for name in names:
        url, entry = by_file[name]
        html = _read_page(folder / "html" / f"{name}.gz")
        t0 = time.perf_counter()
        text = _extract(html, name, favor, url)
        seconds += time.perf_counter() - t0
        kept = [s for s in entry["with"] if s in text]
        leaked = [s for s in entry["without"] if s in text]
        tp += len(kept)
        fn += len(entry["with"]) - len(kept)
        fp += len(leaked)
        if details is not None:
            details.append({"page": name, "missed": [s for s in entry["with"] if s not in text], "leaked": leaked})
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"pages": len(names), "precision": p, "recall": r, "f1": _f1(p, r),
            "pages_per_s": len(names) / seconds if seconds else 0.0}


def shingles(text: str, n: int = 4) -> Counter:
    tokens = _WORD.findall(text)
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def is_optional(paragraph: str) -> bool:
    """A ground-truth paragraph in square brackets ("[Reporting by ...]", a standfirst) is optional."""
    p = paragraph.strip()
    return p.startswith("[") and p.endswith("]")


def score_fundus_page(output: str, body: list[str]) -> tuple[float, float]:
    """(precision, recall) of one page; optional paragraphs count for precision but are not required."""
    everything = shingles(" ".join(body))  # one text, as the set's authors score it
    required = shingles(" ".join(p for p in body if not is_optional(p)))
    out = shingles(output)
    size = sum(out.values())
    precision = sum((out & everything).values()) / size if size else (1.0 if not required else 0.0)
    recall = sum((out & required).values()) / sum(required.values()) if required else 1.0
    return precision, recall


def stored_scores(folder: Path) -> dict[str, dict]:
    """The same fundus metric over the other tools' stored outputs (``extractions/*.json``), for comparison."""
    sub = Path(folder) / "fundus-evaluation"
    truth = json.loads((sub / "ground_truth.json").read_text(encoding="utf-8"))
    results = {}
    for path in sorted((sub / "extractions").glob("*.json")):
        outputs = json.loads(path.read_text(encoding="utf-8"))
        pairs = [score_fundus_page(" ".join((outputs.get(name) or {}).get("body") or []), truth[name]["body"])
                 for name in sorted(truth)]
        p = sum(x for x, _ in pairs) / len(pairs)
        r = sum(y for _, y in pairs) / len(pairs)
        results[path.stem] = {"pages": len(pairs), "precision": p, "recall": r, "f1": _f1(p, r)}
    return results


def evaluate_fundus(folder: Path, favor: str, limit: int | None = None, part: str = "all",
                    details: list | None = None) -> dict:
    """Shingle metric over ``ground_truth.json``: page-averaged precision and recall, F1 of the averages."""
    truth = json.loads((folder / "ground_truth.json").read_text(encoding="utf-8"))
    names = _pages(sorted(truth), part, limit)
    ps, rs = [], []
    seconds = 0.0
    for name in names:
        html = _read_page(folder / "html" / name)
        t0 = time.perf_counter()
        text = _extract(html, name, favor, truth[name].get("url"))
        seconds += time.perf_counter() - t0
        p, r = score_fundus_page(text, truth[name]["body"])
        ps.append(p)
        rs.append(r)
        if details is not None:
            details.append({"page": name, "precision": p, "recall": r})
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    return {"pages": len(names), "precision": p, "recall": r, "f1": _f1(p, r),
            "pages_per_s": len(names) / seconds if seconds else 0.0}


SETS = {"trafilatura-eval": ("trafilatura-eval", evaluate_trafilatura),
        "fundus": ("fundus-evaluation", evaluate_fundus)}


def evaluate_all(folder: Path, favor: str, limit: int | None = None, part: str = "all") -> dict[str, dict]:
    """Scores of every data set found under ``folder``, keyed by set name."""
    if part not in PARTS:
        raise StorywireError(f"part must be one of {', '.join(PARTS)}, not {part!r}")
    folder = Path(folder)
    warm_up = "<p>Warm-up page, so imports are not timed as extraction.</p>"
    _extract(f"<html><body><article>{warm_up}</article></body></html>", "warm-up", favor)
    results = {}
    for name, (sub, scorer) in SETS.items():
        if (folder / sub).is_dir():
            results[name] = scorer(folder / sub, favor, limit=limit, part=part)
    if not results:
        raise StorywireError(f"no extraction data set (trafilatura-eval/, fundus-evaluation/) in {folder}")
    return results
