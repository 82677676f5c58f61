"""Summary quality on the ECB+ dev stories: how many summaries break the stand-alone rules.

Usage: python bench/bench_summary.py [--data ../shared/data/stories/ecbplus-dev.jsonl] [--show]

Each gold story (``story``) is one story: its documents become articles (first sentence, then the rest as
a second paragraph), analysed without NER. The stories are split by topic: odd topics are the half the
summary rules were tuned on, even topics the half to report. Printed per half: summaries, sentence
items, conflict items, and how many summaries have
- an item opening on a reference (``opens_on_reference``: He, The 26-year-old, But...),
- a bare quote (mostly inside quotation marks in its article, no named speaker in the sentence),
- a duplicate fact: two items whose content words (stop words left out) have a rapidfuzz token-set
  ratio of 70 or more, a measure independent of the summariser's own same-fact rules (it misses
  paraphrases in other words, so it is a floor),
- an item not found in any of its articles apart from whitespace (must be 0), and an item linking an article that
  does not hold it (``links_elsewhere``: the article carries the fact in other words; a reader following the link
  would not find the sentence),
- the lead: per story, the mean share of each article's first-sentence content words that the summary's first
  item holds (a reader's first line should state what the articles lead with), averaged over stories; and the
  same share for the whole summary (all its items).
``--show`` prints the duplicate pairs and the conflict items.
"""
from __future__ import annotations

import argparse
import json
import re
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

from rapidfuzz import fuzz
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from storywire.analyse import analyse_story
from storywire.analyse.quotes import quote_spans
from storywire.analyse.summarise import is_bare_quote, opens_on_reference, squeeze
from storywire.models import Article

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "stories" / "ecbplus-dev.jsonl"


def content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.lower()) if w not in ENGLISH_STOP_WORDS}


def content(text: str) -> str:
    return " ".join(sorted(content_words(text)))


def lead_share(first: str, docs: list[dict]) -> float:
    """Mean share of each document's first-sentence content words found in ``first``."""
    words = content_words(first)
    leads = [content_words(d["title"]) for d in docs if content_words(d["title"])]
    return sum(len(lead & words) / len(lead) for lead in leads) / max(1, len(leads))


def locate(text: str, src: str) -> tuple[int, int] | None:
    """(start, end) of ``text`` in ``src`` with whitespace ignored (summary items have tidied spacing)."""
    kept = [i for i, ch in enumerate(src) if not ch.isspace()]
    k = "".join(src[i] for i in kept).find(squeeze(text))
    return None if k < 0 or not text.strip() else (kept[k], kept[k + len(squeeze(text)) - 1] + 1)


def quoted_share(text: str, sources: list[str]) -> float:
    """Share of ``text`` inside quotation marks of the paragraph it sits in, in the first source holding it."""
    for src in sources:
        src = src.replace("``", " \u201c").replace("''", "\u201d ")
        span = locate(text, src)
        if span is None:
            continue
        start = src.rfind("\n", 0, span[0]) + 1
        end = src.find("\n", span[1])
        end = len(src) if end < 0 else end
        quoted = quote_spans(src[start:end])
        inside = sum(max(0, min(e + start, span[1]) - max(b + start, span[0])) for b, e, _ in quoted)
        return inside / max(1, span[1] - span[0])
    return 0.0


def measure(stories: list[list[dict]], show: bool) -> dict[str, float]:
    counts: dict[str, float] = dict.fromkeys(
        ("summaries", "items", "conflicts", "opener", "bare_quote", "duplicate", "not_verbatim", "links_elsewhere",
         "lead", "lead_all"), 0)
    when = datetime(2024, 1, 1, tzinfo=UTC)
    for n, docs in enumerate(stories):
        arts = [Article(id=i + 1, source=f"outlet {i}", title="", text=f"{d['title']}\n\n{d['text']}".strip(),
                        content_hash=d["id"], fetched=when, published=when) for i, d in enumerate(docs)]
        texts = {a.id: a.text for a in arts}
        summary = analyse_story(n, arts, nlp=False)["summary"]
        items = [s for s in summary if s.get("kind", "sentence") == "sentence"]
        conflicts = [s for s in summary if s.get("kind") == "conflict"]
        counts["summaries"] += 1
        counts["items"] += len(items)
        counts["conflicts"] += len(conflicts)
        counts["lead"] += lead_share(items[0]["text"], docs) if items else 0.0
        counts["lead_all"] += lead_share(" ".join(s["text"] for s in items), docs)
        counts["opener"] += any(opens_on_reference(s["text"]) for s in items)
        counts["bare_quote"] += any(
            is_bare_quote(s["text"], quoted_share(s["text"], [texts[i] for i in s["article_ids"]])) for s in items)
        pairs = [(a["text"], b["text"]) for k, a in enumerate(items) for b in items[k + 1:]
                 if fuzz.token_set_ratio(content(a["text"]), content(b["text"])) >= 70]
        counts["duplicate"] += bool(pairs)
        counts["not_verbatim"] += sum(not any(squeeze(s["text"]) in squeeze(texts[i]) for i in s["article_ids"])
                                      for s in items)
        counts["links_elsewhere"] += sum(any(squeeze(s["text"]) not in squeeze(texts[i]) for i in s["article_ids"])
                                         for s in items)
        if show:
            for a, b in pairs:
                print(f"  duplicate: {a[:100]!r}\n             {b[:100]!r}")
            for c in conflicts:
                print(f"  conflict: {c['values']}")
    return counts


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--show", action="store_true")
    args = ap.parse_args()
    by_story: dict[tuple[int, str], list[dict]] = defaultdict(list)
    for line in args.data.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        by_story[(doc["topic"], doc["story"])].append(doc)
    for half, parity in (("tune (odd topics)", 1), ("report (even topics)", 0)):
        stories = [docs for (topic, _), docs in sorted(by_story.items()) if topic % 2 == parity]
        c = measure(stories, args.show)
        print(f"{half}: {c['summaries']} summaries, {c['items']} sentence items, {c['conflicts']} conflict items; "
              f"summaries with an opener-reference item {c['opener']}, a bare quote {c['bare_quote']}, "
              f"a duplicate fact {c['duplicate']}; items not verbatim {c['not_verbatim']}, "
              f"linking an article not holding them {c['links_elsewhere']}; "
              f"lead: first item {c['lead'] / max(1, c['summaries']):.3f}, "
              f"all items {c['lead_all'] / max(1, c['summaries']):.3f}", flush=True)


if __name__ == "__main__":
    main()
