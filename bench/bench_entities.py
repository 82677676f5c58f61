"""Story entity lists with NER only where it is needed, against NER on every sentence (ECB+ dev, ../shared).

Usage: python bench/bench_entities.py
Each gold story of the ECB+ dev set is analysed twice from per-article parts: once with the mentions of
spaCy NER run on every sentence, once with ``entities.article_mentions`` (NER only on the sentences that
bring a capitalised word the article's NER-read sentences did not have). Prints the CPU time of each
(parts: sentences, mentions, quotes) and how many of each story's top-10 entities the restricted lists
keep, for topics 1-11 (where the rule was tuned) and 12-22 (reported). The load average is printed.
"""
from __future__ import annotations

import json
import os
import sys
import time
from collections import defaultdict
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

from storywire.analyse import analyse_story_parts, entities
from storywire.analyse.entities import finder_name, get_nlp, mentions
from storywire.analyse.parts import ArticleParts, article_parts, credit_paragraphs, method_of, text_digest
from storywire.analyse.quotes import extract_quotes
from storywire.analyse.sentences import sentence_spans
from storywire.models import Article

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "stories" / "ecbplus-dev.jsonl"


def every_sentence_parts(a: Article, nlp, finder: str) -> ArticleParts:
    """The parts as computed before the restriction: NER on every sentence that is not a credit line."""
    text = a.text
    spans = tuple(sentence_spans(text))
    skip = credit_paragraphs(text)
    kept = [i for i, (p, _, _) in enumerate(spans) if p not in skip]
    found = mentions([text[spans[i][1]:spans[i][2]] for i in kept], nlp)
    by_sentence: list = [()] * len(spans)
    for i, m in zip(kept, found, strict=True):
        by_sentence[i] = m
    quotes = tuple(asdict(q) for q in extract_quotes(a.id, text, skip))
    return ArticleParts(a.id, text_digest(text), method_of(finder), spans, skip, tuple(by_sentence), quotes)


def main() -> None:
    if not DEV.is_file():
        sys.exit(f"{DEV} is missing")
    rows = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines()]
    now = datetime(2024, 1, 1, tzinfo=UTC)
    arts = [Article(i + 1, f"Outlet {i % 12}", r["title"], r["text"], "", now) for i, r in enumerate(rows)]
    stories: dict[str, list[Article]] = defaultdict(list)
    topic: dict[str, int] = {}
    for a, r in zip(arts, rows, strict=True):
        stories[r["story"]].append(a)
        topic[r["story"]] = r["topic"]
    nlp = get_nlp()
    if nlp is None:
        sys.exit("no spaCy model installed")
    finder = finder_name(nlp)
    list(nlp.pipe(["Emmanuel Macron met Vladimir Putin in Moscow."] * 8))  # warm up
    print(f"== entities: {len(arts)} ECB+ dev articles, {len(stories)} stories; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores ==")
    tops = {}
    for label, compute in (("NER on every sentence", lambda a: every_sentence_parts(a, nlp, finder)),
                           ("NER where needed", lambda a: article_parts(a.id, a.text, nlp, finder))):
        entities._ner_cache.clear()  # each run reads its sentences afresh
        t0 = time.process_time()
        parts = {a.id: compute(a) for a in arts}
        dt = time.process_time() - t0
        print(f"{label:<24} parts {dt:6.2f} s CPU  ({1000 * dt / len(arts):5.1f} ms per article)", flush=True)
        tops[label] = {sid: [e["name"] for e in analyse_story_parts(1, members, parts, 4, nlp)[0]["entities"][:10]]
                       for sid, members in stories.items()}
    full, restricted = tops.values()
    for half, topics in (("topics 1-11 (tuned)", range(1, 12)), ("topics 12-22 (reported)", range(12, 23))):
        kept = [len(set(full[s]) & set(restricted[s])) / len(full[s]) for s in full if topic[s] in topics and full[s]]
        print(f"top-10 entities kept, {half}: mean {sum(kept) / len(kept):.3f}, worst story {min(kept):.2f}, "
              f"{len(kept)} stories")
    print(f"load average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
