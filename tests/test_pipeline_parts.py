"""Per-article parts (sentences, entity mentions, quote candidates) are computed once per article in an
ingest: in the worker processes as each batch is stored, while the articles are clustered, so the story
analysis only combines stored parts."""
from __future__ import annotations

import json
from pathlib import Path

from storywire import config
from storywire.analyse.parts import text_digest
from storywire.ingest.files import read_paths
from storywire.pipeline import Pipeline
from storywire.store import open_store

STORIES = [
    ("Valmora dockers strike over pay", "Ana Ferreira", "Valmora", "the Dockworkers Union", "harbour"),
    ("Floods cut power in Brenlow", "Tomas Lindqvist", "Brenlow", "the Red Cross", "river"),
    ("Kestrel Airlines grounds its fleet", "Leila Haddad", "Kestrel Airlines", "the Aviation Authority", "airport"),
    ("Orvieto votes on a new mayor", "Marco Rossi", "Orvieto", "the Green Party", "town hall"),
    ("Wildfire nears Castellan", "Grace Okafor", "Castellan", "the Forest Service", "forest"),
]


def _records(per_story: int) -> list[str]:
    out = []
    for n in range(per_story):
        for s, (title, person, place, org, thing) in enumerate(STORIES):
            text = (f"In {place} on Monday, {person} said nobody would give in, as {org} met near the {thing}.\n"
                    f"\u201cWe will stay here until we are heard,\u201d {person} told reporters in {place}.\n"
                    f"Officials from {org} said talks would resume later in the week.\n"
                    f"Outlet {n} added that {n + 3} people watched from the {thing} as the day went on.")
            out.append(json.dumps({"id": f"s{s}-{n}", "title": title, "text": text, "source": f"Outlet {n}",
                                   "url": f"https://example.net/{s}/{n}",
                                   "published": f"2024-03-0{1 + s}T{n % 24:02d}:00:00Z"}))
    return out


def test_parts_are_computed_once_per_article_in_the_workers(store, tmp_path: Path):
    path = tmp_path / "news.jsonl"
    path.write_text("\n".join(_records(24)) + "\n", encoding="utf-8")  # 120 articles, 5 stories
    pipe = Pipeline(store, config.Settings(workers=2, batch_size=100))
    # as `storywire ingest` runs it: store (parts start in the workers), cluster, then analyse
    summary = pipe.ingest(read_paths([path]), cluster=False, analyse=False, parts=True)
    assert summary.counts["ingested"] == 120 and pipe.analyse_pending() == 0  # no story yet: parts collected
    assert pipe.parts_computed == 120
    pipe.cluster_pending()
    assert pipe.analyse_pending() >= 5
    assert pipe.parts_computed == 120  # once each: ahead in the workers, none again in the story analyses
    with store.read() as conn:
        arts = list(store.iter_articles(conn))
        rows = store.article_analyses(conn, [a.id for a in arts])
        analyses = {sid: store.get_analysis(conn, sid) for sid in {a.story_id for a in arts}}
    assert all(rows[a.id].digest == text_digest(a.text) for a in arts)
    for _, person, _, org, _ in STORIES:
        story = next(d for d in analyses.values() if any(e["name"] == person for e in d["entities"]))
        assert org.removeprefix("the ") in {e["name"] for e in story["entities"]}
        quote = next(q for q in story["quotes"] if "until we are heard" in q["text"])
        assert person.split()[-1] in quote["speaker"] and len(quote["carriers"]) >= 2

    again = pipe.ingest(read_paths([path]))  # nothing new: nothing computed, nothing analysed
    assert again.counts["unchanged"] == 120 and again.stories_analysed == 0 and pipe.parts_computed == 120


def test_an_article_revised_in_the_same_ingest_gets_its_parts_once_from_its_last_text(store, tmp_path: Path):
    """A record that comes again in one input with a new text (a revision, in the same batch) is one article:
    its parts are computed once, from the text stored last, and the ingest ends with every story analysed."""
    lines = _records(24)
    revised = json.loads(lines[0])
    revised["text"] += "\nUpdated: the strike ended on Tuesday night."
    path = tmp_path / "news.jsonl"
    path.write_text("\n".join([*lines, json.dumps(revised)]) + "\n", encoding="utf-8")
    pipe = Pipeline(store, config.Settings(workers=2, batch_size=200))
    summary = pipe.ingest(read_paths([path]))
    assert summary.counts["ingested"] == 120 and summary.counts["revised"] == 1 and summary.stories_analysed >= 5
    assert pipe.parts_computed == 120
    with store.read() as conn:
        arts = list(store.iter_articles(conn))
        rows = store.article_analyses(conn, [a.id for a in arts])
    assert all(rows[a.id].digest == text_digest(a.text) for a in arts)
    assert sum("strike ended" in a.text for a in arts) == 1


def test_parts_computed_ahead_give_the_analyses_of_one_process(sqlite_store, tmp_path: Path):
    path = tmp_path / "news.jsonl"
    path.write_text("\n".join(_records(20)) + "\n", encoding="utf-8")
    Pipeline(sqlite_store, config.Settings(workers=2, batch_size=100)).ingest(read_paths([path]))
    serial_store = open_store(str(tmp_path / "serial.db"))
    serial = Pipeline(serial_store, config.Settings(workers=0, batch_size=100))
    serial.ingest(read_paths([path]))
    assert serial.parts_computed == 100  # in the story analyses, one process

    def analyses(store) -> dict:
        with store.read() as conn:
            ids = sorted({a.story_id for a in store.iter_articles(conn)})
            return {sid: json.dumps(store.get_analysis(conn, sid), sort_keys=True, default=str) for sid in ids}

    try:
        assert analyses(sqlite_store) == analyses(serial_store)
    finally:
        serial_store.close()


def test_a_spacy_model_not_installed_gives_heuristic_entities_computed_once(sqlite_store, tmp_path: Path):
    """A ``spacy_model`` that is not installed: entities come from the heuristic finder, in the workers as in
    the story analysis, each article's parts computed once (not again with the default model)."""
    path = tmp_path / "news.jsonl"
    path.write_text("\n".join(_records(20)) + "\n", encoding="utf-8")
    pipe = Pipeline(sqlite_store, config.Settings(workers=2, batch_size=100, spacy_model="no_such_spacy_model"))
    summary = pipe.ingest(read_paths([path]))
    assert summary.counts["ingested"] == 100 and summary.stories_analysed >= 5
    assert pipe.parts_computed == 100
    with sqlite_store.read() as conn:
        rows = sqlite_store.article_analyses(conn, [a.id for a in sqlite_store.iter_articles(conn)])
    assert len(rows) == 100 and all("|heuristic|" in r.method for r in rows.values())
