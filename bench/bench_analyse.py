"""Coverage analysis time per story: stories of 2, 10 and 50 generated articles.

Usage: python bench/bench_analyse.py [--sizes 2,10,50] [--repeat 3]
Articles mix shared wire paragraphs (with outlet edits: honorifics dropped, British spellings,
straight vs curly quotes, trimmed clauses), each outlet's own paragraphs, and quotes. Prints, per
size: the analysis from stored per-article parts (the real path: the pipeline computes each article's
parts once, when it is stored), the analysis computing every part without NER (heuristic entities),
with spaCy NER on a cold sentence cache (every sentence new: parts, quote attribution and its parse
included), and with a warm cache (the story re-analysed after one more article arrived).
Target: under 1 s for 50 articles.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from datetime import UTC, datetime, timedelta
from functools import partial

from storywire.analyse import analyse_story, analyse_story_parts, entities
from storywire.models import Article

FIRST = ["Anna", "Pavel", "Maria", "Jonas", "Leila", "Omar", "Ines", "Kenji", "Sofia", "Tomas", "Chen", "Amara"]
LAST = ["Kovalenko", "Brandt", "Moreau", "Okafor", "Lindqvist", "Haddad", "Rossi", "Tanaka", "Novak", "Silva"]
PLACES = ["Kyiv", "Moscow", "Paris", "Berlin", "Warsaw", "Brussels", "Vienna", "Geneva", "Riga", "Bucharest"]
ORGS = ["NATO", "the European Union", "the Kremlin", "the United Nations", "the OSCE", "the IMF"]
TOPICS = ["energy prices", "troop movements", "border security", "gas supplies", "sanctions", "grain exports",
          "refugee flows", "peace talks", "military aid", "cyber attacks"]
VERBS = ["discussed", "warned about", "played down", "focused on", "raised concerns over", "called for talks on"]
OUTLETS = ["The Daily Ledger", "Northern Post", "Harbour Times", "Capital Tribune", "Evening Star",
           "Morning Herald", "Coast Courier", "Valley News", "Metro Gazette", "River Chronicle"]


def person(r: random.Random) -> str:
    return f"{r.choice(FIRST)} {r.choice(LAST)}"


def sentence(r: random.Random) -> str:
    return (f"{person(r)} {r.choice(VERBS)} {r.choice(TOPICS)} in {r.choice(PLACES)} "
            f"on {r.choice(['Monday', 'Friday', 'Tuesday'])}, "
            f"while {r.choice(ORGS)} said the {r.choice(TOPICS)} would be reviewed by officials "
            f"within {r.randint(2, 30)} days.")


def quote_para(r: random.Random) -> str:
    who = person(r)
    return (f"\u201cWe are watching {r.choice(TOPICS)} very closely and we will act if we must,\u201d said {who}, "
            f"a senior adviser at {r.choice(ORGS)}. "
            f"\u201cNobody can predict what {r.choice(PLACES)} will do next.\u201d")


def wire_story(r: random.Random, n: int = 14) -> list[str]:
    paras = []
    for i in range(n):
        if i % 4 == 2:
            paras.append(quote_para(r))
        else:
            paras.append(" ".join(sentence(r) for _ in range(r.randint(1, 2)))
                         + f" Mr. {r.choice(LAST)} is expected to co-ordinate and capitalize on it.")
    return paras


def edit(r: random.Random, para: str) -> str:
    if r.random() < 0.5:
        para = para.replace("Mr. ", "")
    if r.random() < 0.5:
        para = para.replace("capitalize", "capitalise").replace("co-ordinate", "coordinate")
    if r.random() < 0.5:
        para = para.replace("\u201c", '"').replace("\u201d", '"')
    return para


def story(n_articles: int, seed: int) -> list[Article]:
    r = random.Random(seed)
    wire = wire_story(r)
    t0 = datetime(2024, 5, 1, 6, 0, tzinfo=UTC)
    out = []
    for i in range(n_articles):
        keep = sorted(r.sample(range(len(wire)), r.randint(len(wire) // 3, len(wire))))
        paras = [edit(r, wire[k]) for k in keep]
        for _ in range(r.randint(3, 10)):  # the outlet's own reporting
            paras.insert(r.randint(0, len(paras)),
                         quote_para(r) if r.random() < 0.3 else " ".join(sentence(r) for _ in range(2)))
        paras.append(r.choice(["(Reuters)", "With files from Reuters", "Reporting by staff; Editing by desk", ""]))
        src = OUTLETS[i % len(OUTLETS)]
        when = t0 + timedelta(minutes=13 * i)
        out.append(Article(id=i + 1, source=src, title=f"{r.choice(PLACES)} talks: {r.choice(TOPICS)} in focus",
                           text="\n\n".join(p for p in paras if p), content_hash=str(i), fetched=when, published=when))
    return out


def timed(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="2,10,50")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    nlp = entities.get_nlp()
    print(f"spaCy model: {getattr(nlp, 'meta', {}).get('name', None) if nlp else 'none (heuristic only)'}; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'articles':>8} {'words':>7} {'parts':>9} {'no NER':>9} {'NER cold':>9} {'NER warm':>9}  shared  quotes  "
          "entities")
    for n in (int(x) for x in args.sizes.split(",")):
        arts = story(n, seed=n)
        words = sum(len(a.text.split()) for a in arts)
        analyse_story(1, arts, nlp=False)  # warm the segmentation cache as a running process would have it
        t_plain = timed(partial(analyse_story, 1, arts, nlp=False), args.repeat)
        stored = {p.article_id: p for p in analyse_story_parts(1, arts, {}, nlp=nlp or False)[1]}
        t_parts = timed(partial(analyse_story_parts, 1, arts, stored, nlp=nlp or False), args.repeat)
        cold = []
        d = None
        for _ in range(args.repeat if nlp else 0):
            entities._ner_cache.clear()
            t = time.perf_counter()
            d = analyse_story(1, arts, nlp=nlp)
            cold.append(time.perf_counter() - t)
        t_cold = statistics.median(cold) if cold else float("nan")
        if nlp:
            more = story(n + 1, seed=n)  # same story plus one article: only new sentences go through NER
            entities._ner_cache.clear()
            analyse_story(1, arts, nlp=nlp)
            t_warm = timed(partial(analyse_story, 1, more, nlp=nlp), 1)
        else:
            t_warm = float("nan")
        d = d or analyse_story(1, arts, nlp=False)
        print(f"{n:>8} {words:>7} {t_parts:>8.3f}s {t_plain:>8.3f}s {t_cold:>8.3f}s {t_warm:>8.3f}s  "
              f"{len(d['shared_passages']):>6}  "
              f"{len(d['quotes']):>6}  {len(d['entities']):>8}", flush=True)
    print(f"load average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
