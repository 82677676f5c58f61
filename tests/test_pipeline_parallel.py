"""The parallel pipeline: worker processes give the same articles and stories as one process, in order;
a record that breaks its stage, or kills its worker, costs that record only."""
from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from storywire import config
from storywire.ingest.files import read_paths
from storywire.parallel import StageFailure, ordered_map
from storywire.pipeline import Pipeline

FIXTURES = Path(__file__).parent / "fixtures"


def slow_square(n: int) -> int:
    """Later items finish first (so a pool that did not keep order would show it)."""
    time.sleep(0.002 * (n % 7))
    return n * n


def square_or_die(n: int) -> int:
    """Kills its worker process on 13 (a parser crashing the interpreter), raises on 7."""
    if n == 13:
        os._exit(1)
    if n == 7:
        raise ValueError("seven is refused")
    return n * n


def test_ordered_map_keeps_order_with_workers():
    got = list(ordered_map(slow_square, range(300), workers=2, chunksize=4))
    assert [item for item, _ in got] == list(range(300))
    assert [r for _, r in got] == [n * n for n in range(300)]


def pid_of(n: int) -> tuple[int, int]:
    return n, os.getpid()


def test_cheap_items_run_here_in_their_turn():
    got = list(ordered_map(pid_of, range(200), workers=2, chunksize=3, in_process=lambda n: n % 10 < 4))
    assert [item for item, _ in got] == list(range(200)) and all(r[0] == n for n, r in got)
    here = {n for n, (_, pid) in got if pid == os.getpid()}
    assert here == {n for n in range(200) if n % 10 < 4}


def test_a_dying_worker_costs_only_its_item():
    got = dict(ordered_map(square_or_die, range(40), workers=2, chunksize=5))
    assert list(got) == list(range(40))
    assert isinstance(got[13], StageFailure) and "died" in got[13].reason
    assert isinstance(got[7], StageFailure) and "seven is refused" in got[7].reason
    assert all(got[n] == n * n for n in range(40) if n not in (7, 13))
    # the pool was restarted: it still works
    assert [r for _, r in ordered_map(pid_of, range(30), workers=2, chunksize=2)] != []
    assert all(pid != os.getpid() for _, (_, pid) in ordered_map(pid_of, range(30), workers=2, chunksize=2))


def models_held(n: int) -> tuple[int, int, bool, bool]:
    """(item, pid, whether this process came from the preloading forkserver, whether it holds spaCy)."""
    import sys

    from storywire.analyse import entities

    return n, os.getpid(), "storywire.worker_preload" in sys.modules, "" in entities._nlp_cache


def test_workers_start_holding_the_models():
    """Workers are forked from a server that loaded the stages' models once: none of them loads its own."""
    got = [r for _, r in ordered_map(models_held, range(40), workers=2, chunksize=2)]
    assert {pid for _, pid, _, _ in got} - {os.getpid()} and all(pid != os.getpid() for _, pid, _, _ in got)
    assert all(preloaded and spacy for _, _, preloaded, spacy in got)


STOP_WITH_A_SLOW_POOL_THREAD = """
import time
from concurrent.futures import process as pool_internals
from storywire.parallel import stop_workers, submit_chunk
futures = [submit_chunk(time.sleep, [30.0], 2) for _ in range(6)]
for f in futures:  # work in the pool's own thread as the stop fails each chunk (a busy machine slows it so)
    f.add_done_callback(lambda _f: time.sleep(0.3))
while not any(f.running() for f in futures):
    time.sleep(0.05)
stop_workers()
print(all(f.done() for f in futures), all(w._closed for w in list(pool_internals._threads_wakeups.values())))
try:
    submit_chunk(time.sleep, [30.0], 2)
except RuntimeError as exc:
    print(exc)
"""


def test_stopped_workers_leave_no_pool_thread_for_the_exit_to_wake():
    """A stop (Ctrl-C) returns once each pool's thread is done: chunks running or queued have ended, and no
    pipe is left for the interpreter's exit to wake a thread through while that thread closes it (which
    printed "Exception ignored ... Bad file descriptor" under a stopped ingest's one-line message). Nothing
    sent after a stop starts workers again."""
    import subprocess
    import sys

    run = subprocess.run([sys.executable, "-c", STOP_WITH_A_SLOW_POOL_THREAD], capture_output=True, text=True,
                         timeout=240)
    assert run.stdout.splitlines() == ["True True", "the worker processes are stopped"], run.stderr
    assert run.stderr == ""


@pytest.mark.slow
def test_storywire_ingest_with_workers_stores_what_one_process_stores(tmp_path):
    """`storywire ingest` as a user runs it, with workers (started while the input is read) and without:
    the same articles, the same stories, the same analyses, each bad record reported on its own line."""
    import subprocess
    import sys

    from storywire.store import open_store

    events = [("Harbour strike", "Dockers at the port of Leith walked out over pay, the union Unite said."),
              ("Bridge closure", "The Forth bridge was closed to lorries after cracks were found, engineers said.")]
    lines = [json.dumps({"id": f"a{i}", "title": f"{what} day {i % 5}", "source": f"Outlet {i % 4}",
                         "text": f"{what} {body} Day {i % 5}, report {i}.",
                         "published": f"2024-05-0{1 + i % 5}T09:00:00Z"})
             for i in range(160) for what, body in [events[i % 2]]]
    lines[40:40] = ["{not json", json.dumps({"id": "nul", "text": "a\u0000b"})]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = []
    for workers in (2, 0):
        db = tmp_path / f"w{workers}.db"
        proc = subprocess.run([str(Path(sys.executable).parent / "storywire"), "--db", str(db), "ingest", str(src)],
                              capture_output=True, text=True, timeout=600,
                              env={**os.environ, "STORYWIRE_WORKERS": str(workers)})
        assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
        rejected = sorted(line for line in proc.stderr.splitlines() if line.startswith("rejected"))
        store = open_store(str(db))
        try:
            with store.read() as conn:
                analyses = sorted(store.stories_needing_analysis(conn, limit=10**6))
            results.append((rejected, proc.stderr.splitlines()[-1], _contents(store), analyses))
        finally:
            store.close()
    assert results[0] == results[1]
    rejected, last, (rows, stories), pending = results[0]
    assert [line.split(" ", 2)[1] for line in rejected] == [f"{src}:41:", f"{src}:42:"]
    assert "not valid JSON" in rejected[0] and "NUL" in rejected[1]
    assert last.startswith("160 ingested") and len(rows) == 160 and len(stories) >= 2 and pending == []


def test_a_short_stream_runs_here():
    assert all(pid == os.getpid() for _, (_, pid) in ordered_map(pid_of, range(10), workers=2, chunksize=2))


def _write_input(root: Path, shared: Path | None) -> list[Path]:
    """A JSONL file (real story texts when ../shared is there, and bad lines) and real HTML pages."""
    lines = []
    if shared is not None:
        dev = (shared / "data" / "stories" / "ecbplus-dev.jsonl").read_text(encoding="utf-8")
        for i, line in enumerate(dev.splitlines()):
            rec = json.loads(line)
            lines.append(json.dumps({"id": rec["id"], "title": rec["title"], "text": rec["text"],
                                     "source": f"Outlet {i % 9}", "url": f"https://example.com/{i}"}))
    lines[3:3] = ["{not json", json.dumps({"id": "empty", "text": ""}), json.dumps({"id": "x" * 10, "text": "\ud800"})]
    for i in range(60):
        lines.append(json.dumps({"id": f"own-{i}", "title": f"Harbour strike day {i % 6}",
                                 "text": f"Dockers at the port walked out for day {i % 6} of the strike over pay. "
                                         f"The union said talks with the port authority had failed. Item {i}.",
                                 "source": f"Outlet {i % 4}", "url": f"https://example.org/strike/{i}"}))
    src = root / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    pages = root / "pages"
    pages.mkdir()
    for name in ("ledger-energy.html", "stadtanzeiger-bruecke.html"):
        (pages / name).write_bytes((FIXTURES / "extract" / name).read_bytes())
    return [src, pages]


def _second_url(request, db_url: str, tmp_path: Path) -> str:
    if "postgresql" in db_url:
        return request.getfixturevalue("pg_server")()
    return str(tmp_path / "single.db")


def _contents(store) -> tuple[list, set]:
    with store.read() as conn:
        arts = list(store.iter_articles(conn))
    rows = sorted((a.url or a.external_id or "", a.title, a.text, a.source, a.published) for a in arts)
    by_story: dict[int, set[str]] = {}
    for a in arts:
        by_story.setdefault(a.story_id, set()).add(a.url or a.external_id or "")
    return rows, {frozenset(members) for members in by_story.values()}


def test_parallel_and_single_process_ingest_store_the_same(request, store, db_url, tmp_path, shared):
    from storywire.store import open_store

    paths = _write_input(tmp_path, shared)
    other = open_store(_second_url(request, db_url, tmp_path))
    try:
        summaries = []
        for target, workers in ((store, 2), (other, 0)):
            pipe = Pipeline(target, config.Settings(analyse=False, workers=workers, batch_size=100))
            seen: list[str] = []
            summary = pipe.ingest(read_paths(paths), on_item=lambda r, seen=seen: seen.append(r.origin))
            summaries.append((summary.counts, [r.origin for r in summary.rejected], seen))
        assert summaries[0] == summaries[1]
        counts, rejected, seen = summaries[0]
        assert counts["ingested"] > 500 and counts["rejected"] == 3
        assert len(rejected) == 3 and all(o.endswith((":4", ":5", ":6")) for o in rejected)
        parallel, single = _contents(store), _contents(other)
        assert parallel == single
        assert len(parallel[1]) > 30  # a real clustering
    finally:
        other.close()


def test_a_record_that_breaks_extraction_is_rejected_alone(sqlite_store, tmp_path):
    """A page the extractor refuses is rejected with its reason; the good records around it are stored."""
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.html").write_bytes((FIXTURES / "extract" / "ledger-energy.html").read_bytes())
    (pages / "b.html").write_bytes(b"\x00\x00\x00 not a page \xff\xfe")
    (pages / "c.html").write_bytes((FIXTURES / "extract" / "stadtanzeiger-bruecke.html").read_bytes())
    summary = Pipeline(sqlite_store, config.Settings(analyse=False, workers=2)).ingest(read_paths([pages]))
    assert summary.counts["ingested"] == 2
    assert [r.origin.rsplit("/", 1)[-1] for r in summary.rejected] == ["b.html"]


@pytest.mark.parametrize("workers", [-2])
def test_a_bad_workers_setting_is_one_clear_error(workers):
    from storywire.errors import ConfigError

    with pytest.raises(ConfigError, match="workers must be"):
        config.Settings(workers=workers)


WIRE = ("Dockers at the port of Valmora walked out on Monday over pay, the union said.\n"
        "\"We will not unload a single ship until the port authority talks to us,\" said Ana Ferreira, "
        "the union's secretary.\n"
        "The port authority said it regretted the strike and would meet the union on Wednesday in Lisbon.\n"
        "Trade through Valmora, the country's second port, has grown by a third since 2020.")


def _story_records(n: int, start: int = 0) -> list[str]:
    out = []
    for i in range(start, start + n):
        extra = f"\nOutlet {i} reporter Sam Okafor added that {i + 2} ships waited outside the harbour."
        out.append(json.dumps({"id": f"wire-{i}", "title": "Valmora dockers strike over pay", "text": WIRE + extra,
                               "source": f"Outlet {i}", "url": f"https://example.net/valmora/{i}",
                               "published": f"2024-03-0{1 + i % 3}T0{i}:00:00Z"}))
    return out


def test_article_analysis_is_stored_once_and_reused(store, tmp_path):
    """A story analysis stores each article's parts; when the story gains an article, only that article's
    parts are computed (the stored rows of the others are left as they were), and the result is the one a
    fresh analysis from the texts gives."""
    from storywire.analyse import analyse_story

    pipe = Pipeline(store, config.Settings(workers=2))
    first = tmp_path / "first.jsonl"
    first.write_text("\n".join(_story_records(3)) + "\n", encoding="utf-8")
    assert pipe.ingest(read_paths([first])).stories_analysed == 1
    with store.read() as conn:
        arts = list(store.iter_articles(conn))
        before = store.article_analyses(conn, [a.id for a in arts])
    assert len({a.story_id for a in arts}) == 1 and set(before) == {a.id for a in arts}
    assert all(r.data["mentions"] and r.data["sentences"] for r in before.values())

    second = tmp_path / "second.jsonl"
    second.write_text("\n".join(_story_records(1, start=3)) + "\n", encoding="utf-8")
    pipe.ingest(read_paths([second]))
    with store.read() as conn:
        arts = list(store.iter_articles(conn))
        after = store.article_analyses(conn, [a.id for a in arts])
        analysis = store.get_analysis(conn, arts[0].story_id)
    assert len(arts) == 4 and len({a.story_id for a in arts}) == 1
    new = set(after) - set(before)
    assert len(new) == 1
    assert all(after[aid] == before[aid] for aid in before)  # same rows, same computed time: not run again
    fresh = json.loads(json.dumps(analyse_story(arts[0].story_id, arts), default=str))
    assert analysis == fresh
    assert {e["name"] for e in analysis["entities"]} >= {"Ana Ferreira", "Valmora", "Lisbon"}
    assert any(q["speaker"] and "Ferreira" in q["speaker"] for q in analysis["quotes"])


def test_stale_parts_of_a_revised_article_are_computed_again(sqlite_store, tmp_path):
    pipe = Pipeline(sqlite_store, config.Settings(workers=0))
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(_story_records(2)) + "\n", encoding="utf-8")
    pipe.ingest(read_paths([path]))
    revised = json.loads(_story_records(1)[0])
    revised["text"] += "\nLater, Mayor Rui Tavares called for calm in Valmora."
    path.write_text(json.dumps(revised) + "\n", encoding="utf-8")
    assert pipe.ingest(read_paths([path])).counts["revised"] == 1
    with sqlite_store.read() as conn:
        arts = {a.external_id: a for a in sqlite_store.iter_articles(conn)}
        rows = sqlite_store.article_analyses(conn, [a.id for a in arts.values()])
        analysis = sqlite_store.get_analysis(conn, arts["wire-0"].story_id)
    assert any("Rui Tavares" in str(m) for m in rows[arts["wire-0"].id].data["mentions"])
    assert "Rui Tavares" in {e["name"] for e in analysis["entities"]}


def _news(n: int, seed: int) -> list[dict]:
    """``n`` dated articles over two days: a few dozen events, each reported by several outlets in their
    own words (names, places, numbers shared), some reprinted word for word."""
    import random
    from datetime import UTC, datetime, timedelta

    rng = random.Random(seed)
    names = ["Okafor", "Lindqvist", "Moreau", "Tanaka", "Alvarez", "Novak", "Haddad", "Petrov", "Mensah", "Kowalski"]
    places = ["Lagos", "Uppsala", "Lyon", "Osaka", "Cusco", "Brno", "Beirut", "Varna", "Kumasi", "Gdansk"]
    things = ["flood", "strike", "election", "fire", "trial", "summit", "storm", "merger", "protest", "rescue"]
    words = ("officials said the council would meet again after the vote while residents waited for news of "
             "the damage and the police asked people to stay away from the area until the morning").split()
    events = [(rng.choice(names), rng.choice(places), rng.choice(things), rng.randint(2, 900)) for _ in range(40)]
    start = datetime(2024, 5, 1, tzinfo=UTC)
    out: list[dict] = []
    for i in range(n):
        e = i * len(events) // n + rng.choice((0, 0, 1)) if i % 5 else rng.randrange(len(events))
        name, place, thing, number = events[min(e, len(events) - 1)]
        body = [f"{name} spoke in {place} after the {thing}, which left {number} people affected."]
        body += [" ".join(rng.sample(words, 12)).capitalize() + f" in {place}." for _ in range(rng.randint(2, 6))]
        if out and i % 7 == 0:  # a reprint of an earlier report
            body = out[-1]["text"].split("\n\n")
        out.append({"id": f"n{i}", "url": f"https://news{i % 6}.example/{i}", "source": f"Outlet {i % 6}",
                    "title": f"{thing.capitalize()} in {place}: {name} on {number} affected",
                    "text": "\n\n".join(body), "published": (start + timedelta(minutes=4 * i)).isoformat()})
    return out


def _assignments(store) -> dict[str, tuple]:
    """url -> (story, url of the copy it duplicates, similarity) of every stored article."""
    with store.read() as conn:
        arts = list(store.iter_articles(conn))
    url = {a.id: a.url for a in arts}
    return {a.url or "": (a.story_id, url.get(a.duplicate_of or 0), a.dup_similarity) for a in arts}


def test_features_computed_in_workers_give_the_same_stories(store, tmp_path):
    """Clustering with the engine's features computed in worker processes (the pending articles, and the
    stored ones an engine rebuilt by a later run reads) decides exactly as in one process."""
    from storywire.store import open_store

    news = _news(700, seed=5)
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"  # the second run fills in between
    first.write_text("".join(json.dumps(r) + "\n" for r in news[::2]), encoding="utf-8")
    second.write_text("".join(json.dumps(r) + "\n" for r in news[1::2]), encoding="utf-8")
    single = open_store(str(tmp_path / "single.db"))
    try:
        for target, workers in ((store, 2), (single, 0)):
            for path in (first, second):  # a new pipeline each time: its engine is rebuilt from the store
                Pipeline(target, config.Settings(analyse=False, workers=workers)).ingest(read_paths([path]))
        parallel, alone = _assignments(store), _assignments(single)
    finally:
        single.close()
    assert parallel == alone
    assert len(parallel) == 700
    stories = {story for story, _, _ in parallel.values()}
    assert 10 <= len(stories) <= 200  # a real clustering: events grouped, not one story nor one per article
    assert sum(dup is not None for _, dup, _ in parallel.values()) >= 50  # reprints found
