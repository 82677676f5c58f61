"""A generated news corpus for benchmarks: many stories, several outlets each, reprints, shared names.

Deterministic (seeded) so figures are comparable run to run.
"""
from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

WORDS = ("government minister officials said talks security economy market prices energy election vote "
         "court police protest city region border troops attack ceasefire aid health hospital vaccine school "
         "company shares profit workers strike union storm flood fire rescue investigation report budget tax "
         "bank inflation rates trade deal summit leaders agreement sanctions parliament opposition campaign "
         "president prime spokesperson statement weekend morning evening according people country capital").split()
NAMES = ["Macron", "Putin", "Zelensky", "Scholz", "Biden", "Sunak", "Modi", "Lula", "Ruto", "Albanese", "Kishida",
         "Erdogan", "Meloni", "Sanchez", "Trudeau", "Ramaphosa", "Widodo", "Yoon", "Milei", "Tusk"]
PLACES = ["Moscow", "Kyiv", "Paris", "Berlin", "London", "Delhi", "Brasilia", "Nairobi", "Canberra", "Tokyo",
          "Ankara", "Rome", "Madrid", "Ottawa", "Pretoria", "Jakarta", "Seoul", "Buenos Aires", "Warsaw", "Lagos"]
OUTLETS = [f"Outlet {i:02d}" for i in range(40)]


def sentence(rng: random.Random, names: list[str]) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(12, 24))]
    for _ in range(2):
        words.insert(rng.randrange(len(words)), rng.choice(names))
    return " ".join(words).capitalize() + "."


def articles(n: int, seed: int = 7, start: datetime | None = None):
    """Yield n article dicts in time order: ~6 articles per story, bursts, 20% reprints."""
    rng = random.Random(seed)
    t = start or datetime(2022, 1, 1, tzinfo=UTC)
    live: list[dict] = []
    for i in range(n):
        t += timedelta(seconds=rng.expovariate(1 / 20))
        if not live or rng.random() < 0.18:
            names = rng.sample(NAMES, 2) + rng.sample(PLACES, 2)
            story = {"id": i, "names": names, "wire": [sentence(rng, names) for _ in range(6)], "born": t}
            live.append(story)
            live = [s for s in live if t - s["born"] < timedelta(hours=36)][-200:]
        story = rng.choice(live[-30:])
        outlet = rng.choice(OUTLETS)
        if rng.random() < 0.2:
            paras = list(story["wire"])  # a reprint of the wire copy
        else:
            shared = story["wire"][: rng.randint(2, 4)]  # drawn before the outlet's own sentences (seeded order)
            paras = shared + [sentence(rng, story["names"]) for _ in range(rng.randint(3, 8))]
        yield {"id": f"a{i}", "url": f"https://{outlet.replace(' ', '').lower()}.example/{i}", "source": outlet,
               "title": sentence(rng, story["names"])[:90], "text": "\n\n".join(paras),
               "published": t.isoformat(), "language": "en", "story": story["id"]}


def html_page(rec: dict) -> str:
    paras = "".join(f"<p>{p}</p>" for p in rec["text"].split("\n\n"))
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{rec['title']}</title>"
            f"<meta property='og:site_name' content='{rec['source']}'>"
            f"<meta property='article:published_time' content='{rec['published']}'></head><body>"
            "<nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/business'>Business</a></nav>"
            f"<main><article><h1>{rec['title']}</h1>{paras}</article></main>"
            "<aside><h2>Related</h2><ul><li><a href='/x'>Other story</a></li></ul></aside>"
            "<footer>© Example Media. All rights reserved.</footer></body></html>")
