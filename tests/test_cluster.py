"""The story engine: project fixtures through the engine and through the real ingest path."""
from __future__ import annotations

import json
import pickle
import random
import re
import zlib
from datetime import datetime

import pytest
from typer.testing import CliRunner

from storywire import config
from storywire.cli import app
from storywire.cluster import OnlineClusterer, bcubed, load_params
from storywire.cluster.evaluate import evaluate_stream, load_records
from storywire.ingest.files import read_paths
from storywire.pipeline import Pipeline

from .conftest import FIXTURES

STREAM = FIXTURES / "cluster" / "stream.jsonl"
runner = CliRunner()


def records() -> list[dict]:
    return load_records(STREAM)


def ingest_stream(store, path=STREAM, **settings):
    pipe = Pipeline(store, config.Settings(analyse=False, **settings))
    summary = pipe.ingest(read_paths([path]), analyse=False)
    assert not summary.rejected
    with store.read() as conn:
        return {a.external_id: a for a in store.iter_articles(conn)}, pipe


def test_engine_on_fixture_stream_matches_gold():
    r = evaluate_stream(records())
    assert r["f1"] == 1.0, r
    assert r["stories"] == 3


def test_same_day_stories_with_shared_entities_stay_apart(store):
    arts, _ = ingest_stream(store)
    flood = {arts[k].story_id for k in ("flood-1", "flood-2", "flood-3", "flood-1-reprint")}
    budget = {arts[k].story_id for k in ("budget-1", "budget-2")}
    assert len(flood) == 1 and len(budget) == 1
    assert flood != budget  # both name Spain and Pedro Sanchez on the same morning


def test_developing_story_over_three_days_stays_together(store):
    arts, _ = ingest_stream(store)
    assert len({arts[f"volcano-{i}"].story_id for i in range(1, 5)}) == 1
    with store.read() as conn:
        story = store.get_story(conn, arts["volcano-1"].story_id)
    assert story.article_count == 4 and story.source_count == 2
    assert (story.last_seen - story.first_seen).days == 2


def test_reprint_is_marked_duplicate_of_the_original(store):
    arts, _ = ingest_stream(store)
    reprint = arts["flood-1-reprint"]
    assert reprint.duplicate_of == arts["flood-1"].id
    assert reprint.dup_similarity is not None and reprint.dup_similarity >= 0.85
    assert arts["flood-2"].duplicate_of is None  # same event, own reporting: not a duplicate


def test_feeding_the_same_articles_twice_changes_nothing(store):
    before, pipe = ingest_stream(store)
    summary = pipe.ingest(read_paths([STREAM]), analyse=False)
    assert summary.counts["unchanged"] == 10 and summary.counts["ingested"] == 0
    with store.read() as conn:
        after = {a.external_id: a for a in store.iter_articles(conn)}
        n_stories = len(store.list_stories(conn))
    assert {k: (a.story_id, a.duplicate_of) for k, a in after.items()} == \
           {k: (a.story_id, a.duplicate_of) for k, a in before.items()}
    assert n_stories == 3


def test_a_new_process_continues_the_same_stories(tmp_path):
    """The engine is rebuilt from the store's window: a later run joins the existing story."""
    from storywire.store import open_store

    lines = STREAM.read_text().splitlines()
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text("\n".join(line for line in lines if "volcano-4" not in line) + "\n")
    second.write_text("\n".join(line for line in lines if "volcano-4" in line) + "\n")
    db = str(tmp_path / "s.db")
    s1 = open_store(db)
    ingest_stream(s1, first)
    s1.close()
    s2 = open_store(db)
    arts, _ = ingest_stream(s2, second)
    assert arts["volcano-4"].story_id == arts["volcano-1"].story_id


def test_two_samples_form_one_story(store, shared):
    pipe = Pipeline(store, config.Settings(analyse=False))
    pipe.ingest(read_paths([shared / "samples"]), analyse=False)
    with store.read() as conn:
        arts = list(store.iter_articles(conn))
    assert len(arts) == 2 and arts[0].story_id == arts[1].story_id is not None


def test_export_has_story_and_duplicate_columns(tmp_path):
    db = str(tmp_path / "s.db")
    assert runner.invoke(app, ["--db", db, "ingest", str(STREAM), "--no-analyse"]).exit_code == 0
    result = runner.invoke(app, ["--db", db, "export", "articles"])
    recs = {r["id"]: r for r in map(json.loads, result.stdout.splitlines())}
    assert recs["flood-1-reprint"]["duplicate_of"] is not None
    gold = {r["id"]: r["story"] for r in records()}
    ids = sorted(recs)
    assert bcubed([recs[i]["story_id"] for i in ids], [gold[i] for i in ids])["f1"] == 1.0


def test_recluster_rebuilds_a_period(tmp_path):
    db = str(tmp_path / "s.db")
    assert runner.invoke(app, ["--db", db, "ingest", str(STREAM), "--no-analyse"]).exit_code == 0
    def exported() -> dict:
        out = runner.invoke(app, ["--db", db, "export", "articles"]).stdout
        return {r["id"]: r["story_id"] for r in map(json.loads, out.splitlines())}

    before = exported()
    result = runner.invoke(app, ["--db", db, "recluster", "--since", "2024-11-21"])
    assert result.exit_code == 0, result.output
    assert "re-clustered 3 articles" in result.output
    after = exported()
    assert len({after[f"volcano-{i}"] for i in range(1, 5)}) == 1  # rejoined the story begun before --since
    assert {k: v for k, v in after.items() if not k.startswith("volcano")} == \
           {k: v for k, v in before.items() if not k.startswith("volcano")}


def test_train_then_eval_cli(tmp_path):
    model = tmp_path / "m.json"
    result = runner.invoke(app, ["cluster", "train", str(STREAM), "-o", str(model)])
    assert result.exit_code == 0, result.output
    params = json.loads(model.read_text())
    assert params["trained_on"]["records"] == 10 and len(params["coef"]) == len(params["features"])
    result = runner.invoke(app, ["eval", "cluster", str(STREAM), "--model", str(model)])
    assert result.exit_code == 0, result.output
    assert result.output.count("1.000") >= 3  # precision, recall and F1 on the file it was fitted on


def _f1_rows(output: str) -> dict[str, tuple[float, str]]:
    """eval cluster's rows by system: (F1, the system cell)."""
    rows = {}
    for line in output.splitlines():
        m = re.match(r"\s*whole file\s+(storywire engine(?:, \d+ random orders \(F1 [\d.-]+\))?)\s.*?"
                     r"(\d\.\d{3})\s+\d+\s*$", line)
        if m:
            rows["orders" if "random" in m.group(1) else "file"] = (float(m.group(2)), m.group(1))
    return rows


def test_eval_cluster_orders_shows_what_arrival_order_does_to_undated_records(tmp_path):
    """--orders N scores the engine on the file in N random arrival orders. Undated headlines of two rail crashes
    and two fires are grouped in file order, and not always in another; dated ones follow their time whatever it."""
    dated = load_records(FIXTURES / "cluster" / "headline_siblings.jsonl")
    undated = [{k: v for k, v in r.items() if k != "published"} for r in dated]
    (tmp_path / "undated.jsonl").write_text("".join(json.dumps(r) + "\n" for r in undated), encoding="utf-8")
    shuffled = []
    for seed in (1, 2, 3):
        order = list(undated)
        random.Random(seed).shuffle(order)
        shuffled.append(evaluate_stream(order, load_params())["f1"])

    result = runner.invoke(app, ["eval", "cluster", str(tmp_path / "undated.jsonl"), "--orders", "3"])
    assert result.exit_code == 0, result.output
    rows = _f1_rows(result.output)
    assert rows["orders"][0] == pytest.approx(sum(shuffled) / 3, abs=0.0006)
    assert rows["orders"][0] < rows["file"][0] == 1.0  # the file's order flatters undated records
    assert f"(F1 {min(shuffled):.3f}-{max(shuffled):.3f})" in rows["orders"][1]

    result = runner.invoke(app, ["eval", "cluster", str(FIXTURES / "cluster" / "headline_siblings.jsonl"),
                                 "--orders", "3"])
    rows = _f1_rows(result.output)
    assert rows["orders"][0] == rows["file"][0] and "(F1 1.000-1.000)" in rows["orders"][1]

    result = runner.invoke(app, ["eval", "cluster", str(tmp_path / "undated.jsonl"), "--orders", "3", "--shuffle"])
    assert result.exit_code != 0 and "--orders scores the engine itself" in str(result.exception or result.output)


def test_through_store_scores_a_folded_duplicate_submission_with_its_article():
    """Two records with one text from one outlet are one stored article (a duplicate submission):
    the second record is scored with that article's story, not left without one."""
    from storywire.commands.cluster import through_store

    recs = records()
    again = {**recs[0], "id": "resubmitted", "title": recs[0]["title"].upper()}
    pred = through_store(recs + [again], load_params(), 72.0)
    assert None not in pred and pred[-1] == pred[0]
    assert bcubed(pred, [r["story"] for r in recs + [again]])["f1"] == 1.0


def test_eval_cluster_bad_file_is_a_clean_error(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1, "title": "x", "text": "y"}\n')
    result = runner.invoke(app, ["eval", "cluster", str(bad)])
    assert result.exit_code != 0
    assert "has no 'story' or 'cluster' label" in str(result.exception or result.output)


@pytest.mark.parametrize("override", [{}, {"key_entities": 2, "story_top_entities": 4}])
def test_engine_state_round_trip_gives_same_decisions(override, shared):
    """A restored engine decides, scores and explains exactly like the one that went on running."""
    from storywire.cluster.evaluate import to_docs

    docs = [d for d, _ in to_docs(load_records(shared / "data" / "stories" / "ecbplus-dev.jsonl"))][:60]
    a = OnlineClusterer({**load_params(), **override})
    for d in docs[:30]:
        a.assign(d)
    b = OnlineClusterer.from_bytes(a.to_bytes())

    def seen(engine):
        return [(x.story_id, x.score, x.explain.get("candidates"))
                for x in (engine.assign(d, explain=True) for d in docs[30:])]

    assert seen(a) == seen(b)


def test_engine_state_holds_plain_data_only():
    """A state is loaded by a restricted unpickler: any object other than builtin data is refused."""
    state = pickle.loads(zlib.decompress(OnlineClusterer().to_bytes()))
    with pytest.raises(pickle.UnpicklingError, match="unexpected object datetime.datetime"):
        OnlineClusterer.from_bytes(zlib.compress(pickle.dumps({**state, "now": datetime(2024, 1, 1)})))
    with pytest.raises(ValueError, match="cluster state version 2"):
        OnlineClusterer.from_bytes(zlib.compress(pickle.dumps({**state, "version": 2})))


def test_explain_shows_each_decision(capsys):
    """python -m storywire.cluster.explain: every decision, with the candidates and their features."""
    from storywire.cluster.explain import explain_stream, explanation_lines, main

    shown = [explanation_lines(a) for _, a in explain_stream(records())]
    assert shown[0] == [f"article 0: new story, story 1 (p 0.0 against threshold {load_params()['threshold']})"]
    assert any(lines[0].startswith("article 2: duplicate, story 1 (copy of article 0") for lines in shown)
    joined = [lines for lines in shown if ": joined, " in lines[0]]
    assert len(joined) == 6 and all(" p " in lines[1] and " body=" in lines[1] for lines in joined)
    assert main([str(STREAM)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert sum(line.startswith("article ") for line in out) == 10 and out[0].endswith("[gold flood]")


def test_numbers_an_article_leads_with_that_no_member_names_are_counted_as_novel():
    """num_novel: the share of the numbers of the title and lead that no article of the story gives."""
    from storywire.cluster.evaluate import to_docs

    docs = {gold + str(d.article_id): d for d, gold in to_docs(load_records(FIXTURES / "cluster" / "siblings.jsonl"))}
    qeshm, again, bandar = docs["quake-qeshm0"], docs["quake-qeshm1"], docs["quake-bandar2"]

    def novel(doc) -> float:
        eng = OnlineClusterer(load_params())
        eng.assign(qeshm)
        (best, *_) = eng.assign(doc, explain=True).explain["candidates"]
        return best["features"]["num_novel"]

    assert novel(again) == 0.0  # "5.6" again
    assert novel(bandar) == 1.0  # "6.1", "ten": another quake


def test_worker_processes_give_the_same_decisions(shared):
    """assign_all with a worker process preparing features decides exactly as the engine alone."""
    from storywire.cluster.evaluate import to_docs

    recs = load_records(shared / "data" / "stories" / "ecbplus-dev.jsonl")[:150]
    docs = [doc for doc, _ in to_docs(recs)]
    alone = [(a.story_id, a.duplicate_of, a.score) for a in OnlineClusterer().assign_all(docs)]
    pooled = [(a.story_id, a.duplicate_of, a.score) for a in OnlineClusterer().assign_all(docs, workers=1)]
    assert pooled == alone
    assert len({s for s, _, _ in alone}) > 5  # a real clustering, not one story


@pytest.mark.slow
def test_ingest_with_workers_gives_the_same_stories(tmp_path, shared):
    """The ingest path with worker processes (workers) stores the same stories as without."""
    from storywire.commands.cluster import _as_article
    from storywire.store import open_store

    recs = load_records(shared / "data" / "stories" / "ecbplus-dev.jsonl")
    path = tmp_path / "ecb.jsonl"
    path.write_text("".join(json.dumps(_as_article(r)) + "\n" for r in recs), encoding="utf-8")
    stories = []
    for workers in (0, 1):
        store = open_store(str(tmp_path / f"w{workers}.db"))
        arts, _ = ingest_stream(store, path, workers=workers, batch_size=500)
        stories.append({k: (a.story_id, a.duplicate_of) for k, a in arts.items()})
    assert stories[0] == stories[1]
    assert len(stories[0]) > 450 and len({s for s, _ in stories[0].values()}) > 20


@pytest.mark.slow
def test_ecbplus_topic_split_through_the_real_path(shared):
    """Fit on odd topics, ingest the even ones through `storywire ingest`, score the exported stories."""
    from storywire.cluster.evaluate import split_by_topic
    from storywire.cluster.train import fit
    from storywire.commands.cluster import through_store

    recs = load_records(shared / "data" / "stories" / "ecbplus-dev.jsonl")
    odd, even = split_by_topic(recs)
    params = fit(odd, source="odd topics")
    pred = through_store(even, params, 72.0)
    score = bcubed(pred, [r["story"] for r in even])
    direct = evaluate_stream(even, params)
    assert score["f1"] == pytest.approx(direct["f1"], abs=0.02)  # the store path is the engine's path
    assert score["f1"] >= 0.88, score


def _stories_of(path) -> dict[str, set[int]]:
    """Gold story -> the predicted stories of its articles, streaming ``path`` through the shipped model."""
    from storywire.cluster.evaluate import run_stream, to_docs

    docs = to_docs(load_records(path))
    pred, _ = run_stream(docs, load_params())
    out: dict[str, set[int]] = {}
    for (_, gold), sid in zip(docs, pred, strict=True):
        out.setdefault(gold, set()).add(sid)
    return out


def test_sibling_rehab_check_ins_of_one_week_stay_apart():
    """Two actresses enter rehab in California two days apart (one in Malibu, one near Palm Springs): one
    story each, though time cannot tell them apart and the vocabulary is the same."""
    got = _stories_of(FIXTURES / "cluster" / "siblings.jsonl")
    assert len(got["rehab-reid"]) == 1 and len(got["rehab-lowe"]) == 1, got
    assert got["rehab-reid"] != got["rehab-lowe"]


def test_sibling_earthquakes_of_one_region_in_one_week_stay_apart():
    """Two quakes in southern Iran two days apart (one on an island, one near a port city; 5.6 and 6.1)."""
    got = _stories_of(FIXTURES / "cluster" / "siblings.jsonl")
    assert len(got["quake-qeshm"]) == 1 and len(got["quake-bandar"]) == 1, got
    assert got["quake-qeshm"] != got["quake-bandar"]


TEMPLATED = FIXTURES / "cluster" / "templated_siblings.jsonl"


def test_templated_preview_of_another_game_stays_apart_from_a_recap():
    """Two wire pieces of one template an hour apart (a recap of one game, a preview of another: other teams,
    players and scores): two stories, and the recap's story stays whole (a local paper's account joins it)."""
    got = _stories_of(TEMPLATED)
    assert len(got["game-harlow"]) == 1 and len(got["preview-tarrant"]) == 1, got
    assert got["game-harlow"] != got["preview-tarrant"]


@pytest.mark.xfail(strict=True, reason="known miss (issue #15): the recap of another game the same evening "
                   "(p 0.41 against the threshold 0.4) joins the first game's story")
def test_templated_recaps_of_two_games_the_same_evening_stay_apart():
    """Two recaps of one template the same evening (other teams, players, scores), each with a local paper's
    account: one story per game."""
    got = _stories_of(TEMPLATED)
    assert not got["game-harlow"] & got["game-westfall"], got


HEADLINES = FIXTURES / "cluster" / "headlines.jsonl"


def test_headline_stream_groups_paraphrases_and_keeps_unrelated_items_apart():
    """Headline-only items from many outlets over four days: paraphrases of one event together, unrelated
    short items alone (a cycle lane, an apple harvest, a ferry timetable), events of one kind apart where
    their names differ (two rehab check-ins, two Arsenal matches, an apple harvest and an iPhone)."""
    from storywire.cluster.evaluate import evaluate_stream

    got = _stories_of(HEADLINES)
    for one, other in (("rehab-brooks", "rehab-hale"), ("liverpool-arsenal", "arsenal-chelsea"),
                       ("apple-harvest", "iphone"), ("wildfire", "quake-peru"), ("museum-heist", "rail-strike")):
        assert not got[one] & got[other], (one, other, got)
    taken = [sid for sids in got.values() for sid in sids]
    for name in ("cycle-lanes", "apple-harvest", "ferry", "library", "pandas", "moon-ice", "bakery"):
        (sid,) = got[name]
        assert taken.count(sid) == 1, (name, got)
    for name in ("iphone", "rail-strike", "jet-landing", "liverpool-arsenal"):
        assert len(got[name]) == 1, (name, got)  # three outlets' paraphrases: one story
    assert evaluate_stream(load_records(HEADLINES))["f1"] >= 0.85


@pytest.mark.xfail(strict=True, reason="known miss since the headline decision (issue #15): 'Pop star Brooks seeks "
                   "treatment at Promises clinic' scores 0.19 against its threshold 0.2 for the story of 'Lana "
                   "Brooks enters rehab in Malibu' (the decision fitted on full text joined it)")
def test_headline_stream_joins_a_paraphrase_naming_the_surname_only():
    assert len(_stories_of(HEADLINES)["rehab-brooks"]) == 1


@pytest.mark.xfail(strict=True, reason="known miss (issue #15): headlines of two events of one kind that share "
                   "a protagonist or a subject (a boxer's fight and his next bout, two quakes, two rate "
                   "decisions on one day) are one story")
def test_headline_stream_keeps_same_kind_events_apart():
    got = _stories_of(HEADLINES)
    for one, other in (("quake-peru", "quake-chile"), ("fight-kowalski", "fight-okafor"), ("boe-rates", "ecb-cut")):
        assert not got[one] & got[other], (one, other, got)


def _best_candidate(story: list[str], headline: str) -> dict:
    """The features of the best candidate story for ``headline`` after ``story``'s headlines made one story."""
    from storywire.cluster.prepare import ClusterDoc

    t = datetime(2025, 3, 10, 8)
    eng = OnlineClusterer(load_params())
    first, *rest = [eng.assign(ClusterDoc(i, f"outlet {i}", title, "", t)) for i, title in enumerate(story)]
    assert all(a.story_id == first.story_id for a in rest)  # one story to compare with
    (best, *_) = eng.assign(ClusterDoc(99, "outlet 99", headline, "", t), explain=True).explain["candidates"]
    return best["features"]


def test_a_story_whose_members_share_no_name_has_no_core():
    """no_core: 1 when no entity is named by most of the story's members (the core features say nothing
    then, which used to read as 'no core entity missing', the best value), else 0."""
    named = ["Wildfire near Valparaiso forces thousands to flee", "Valparaiso wildfire: thousands flee homes"]
    assert _best_candidate(named, "Thousands flee Valparaiso wildfire")["no_core"] == 0.0
    unnamed = ["A wildfire forces thousands to flee their homes", "As the wildfire spreads, thousands flee homes"]
    assert _best_candidate(unnamed, "The wildfire: thousands flee")["no_core"] == 1.0


def test_embedding_evidence_counts_most_where_the_words_shared_are_few():
    """emb_thin: the embedding cosine with the closest member, times one minus the body cosine."""
    story = ["Wildfire near Valparaiso forces thousands to flee", "Valparaiso wildfire: thousands flee homes"]
    same = _best_candidate(story, "Thousands flee homes in Valparaiso wildfire")
    reworded = _best_candidate(story, "Blaze on Chilean coast drives residents from houses")
    for f in (same, reworded):
        assert f["emb_thin"] == pytest.approx(f["mem_emb"] * (1 - f["body"]), abs=1e-3)
    assert same["emb_thin"] < 0.05 < reworded["emb_thin"]
