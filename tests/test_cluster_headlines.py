"""Headline-only articles: the shipped model's decision fitted on headlines, and the engine using it."""
from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storywire.cli import app
from storywire.cluster import OnlineClusterer, load_params
from storywire.cluster.evaluate import load_records, run_stream, title_case, to_docs
from storywire.cluster.prepare import ClusterDoc

from .conftest import FIXTURES

# Two rail crashes a day apart (Bavaria, Greece), four outlets' headlines each, some in Title Case
SIBLINGS = FIXTURES / "cluster" / "headline_siblings.jsonl"
# Two Oscar hosts announced a day apart (Steve Martin, Billy Crystal), four outlets' headlines each
HOSTS = FIXTURES / "cluster" / "headline_hosts.jsonl"
runner = CliRunner()


def _stories(params: dict, stream: Path = SIBLINGS) -> dict[str, set[int]]:
    """Gold story -> the predicted stories of its headlines."""
    docs = to_docs(load_records(stream))
    pred, _ = run_stream(docs, params)
    out: dict[str, set[int]] = {}
    for (_, gold), sid in zip(docs, pred, strict=True):
        out.setdefault(str(gold), set()).add(sid)
    return out


def test_headlines_of_two_rail_crashes_make_one_story_each():
    """Paraphrased headlines that share few words ("Investigators Examine Track After Garmisch
    Derailment", "Greek stationmaster arrested over deadly collision") join their crash's story, and
    the two crashes stay apart."""
    got = _stories(load_params())
    assert len(got["rail-bavaria"]) == 1 and len(got["rail-greece"]) == 1, got
    assert got["rail-bavaria"] != got["rail-greece"], got


@pytest.mark.xfail(strict=True, reason="known miss (issue #15): 'Billy Crystal to host the Oscars' joins the Steve "
                   "Martin story (p 0.35 against the headline threshold 0.2, though the story's core name is "
                   "missing: miss_core -1.06), and the other Crystal headlines follow it. A headline decision "
                   "with pairwise feature products merged them too; shallow gradient-boosted trees kept them "
                   "apart but split the rail-crash headlines and lost on the odd-topic ECB+ half")
def test_headlines_of_two_oscar_hosts_make_two_stories():
    """Headline-only announcements of two events of one kind whose names differ (another host) stay apart."""
    got = _stories(load_params(), HOSTS)
    assert not got["host-martin"] & got["host-crystal"], got


def test_the_shipped_model_carries_a_headline_decision_over_its_features():
    params = load_params()
    head = params["headline"]
    n = len(params["features"])
    assert len(head["coef"]) == len(head["mean"]) == len(head["scale"]) == n
    assert head["coef"] != params["coef"] and 0.0 < head["threshold"] < 1.0
    assert params["trained_on"]["headline_pairs"] > 0


def test_the_engine_scores_headline_only_articles_by_the_headline_decision():
    """A headline decision that never joins splits every headline; a body decision that never joins
    changes nothing for them. An article with a body is scored by the body decision."""
    params = load_params()
    never_head = {**params, "headline": {**params["headline"], "threshold": 1.01}}
    assert sum(map(len, _stories(never_head).values())) == 8
    never_body = {**params, "threshold": 1.01}
    assert sum(map(len, _stories(never_body).values())) == 2
    eng = OnlineClusterer(never_head)
    t = datetime(2025, 6, 3, 8)
    eng.assign(ClusterDoc(1, "Alpine Wire", "Train derails near Garmisch-Partenkirchen, four dead",
                          "A regional train derailed near Garmisch-Partenkirchen in Bavaria, killing four people.", t))
    with_body = eng.assign(ClusterDoc(2, "Daily Ledger", "Four dead in Garmisch derailment",
                                      "Four people died when a train left the tracks near Garmisch-Partenkirchen, "
                                      "Bavarian police said.", t), explain=True)
    headline = eng.assign(ClusterDoc(3, "Europe Today", "Four dead in Garmisch derailment", "", t), explain=True)
    assert with_body.explain["threshold"] == params["threshold"] and not with_body.is_new_story
    assert headline.explain["threshold"] == 1.01 and headline.is_new_story


def test_title_case_writes_headlines_as_us_outlets_do():
    assert title_case("Lindsay Lohan checks into rehab at the Betty Ford clinic") == \
        "Lindsay Lohan Checks Into Rehab at the Betty Ford Clinic"
    assert title_case("the iPhone and the EU: what it is for") == "The iPhone and the EU: What It Is For"


def test_eval_cluster_scores_headline_only_mixed_and_title_case_streams(tmp_path):
    """--titles-only, --mixed, --title-case: the records scored change (a row each), the model is the shipped one."""
    stream = tmp_path / "stream.jsonl"
    stream.write_text("".join(json.dumps({**r, "text": r["title"] + ". " + r["title"]}) + "\n"
                              for r in load_records(SIBLINGS)), encoding="utf-8")
    for flag in ("--titles-only", "--mixed", "--title-case"):
        result = runner.invoke(app, ["eval", "cluster", str(stream), flag])
        assert result.exit_code == 0, result.output
        row = next(line for line in result.output.splitlines() if line.strip().startswith("whole file"))
        cells = row.split()
        assert (cells[4], cells[6]) == ("8", "2"), row  # articles, gold stories


def test_a_headline_only_article_never_merges_two_stories():
    """With merges on any evidence, headlines still only join (or start) stories."""
    params = {**load_params(), "merge_threshold": 0.0, "merge_similarity": -1.0}
    eng = OnlineClusterer(params)
    merged = [eng.assign(doc).merged_story_ids for doc, _ in to_docs(load_records(SIBLINGS))]
    assert merged == [()] * 8
    assert eng.stats()["active_stories"] == 2


def test_eval_split_fits_on_the_train_half_as_it_is_and_scores_the_other_as_headlines(tmp_path, monkeypatch):
    """--split-topics --titles-only fits on full text (as the shipped model is) and scores headlines."""
    from storywire.cluster import evaluate as ev
    from storywire.commands import evaluate as cmd

    stream = tmp_path / "topics.jsonl"
    recs = [{**r, "text": r["title"] + ". More text follows.", "topic": 1 + i // 4}
            for i, r in enumerate(load_records(SIBLINGS))]
    stream.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    fitted_on: list[list[dict]] = []
    scored: list[list[dict]] = []
    monkeypatch.setattr(cmd, "fit_labelled", lambda train, *a: fitted_on.append(train) or load_params())
    real = ev.evaluate_stream
    monkeypatch.setattr(ev, "evaluate_stream", lambda test, *a: scored.append(test) or real(test, *a))
    result = runner.invoke(app, ["eval", "cluster", str(stream), "--split-topics", "--titles-only"])
    assert result.exit_code == 0, result.output
    assert [len(t) for t in fitted_on] == [4, 4] and all(r["text"] for t in fitted_on for r in t)
    assert [len(t) for t in scored] == [4, 4] and not any(r["text"] for t in scored for r in t)


def test_headline_only_records_ingested_make_one_story_per_crash(sqlite_store):
    """The real path: JSONL records with a title and no text are stored headline-only and clustered by
    the headline decision."""
    from storywire import config
    from storywire.ingest.files import read_paths
    from storywire.pipeline import Pipeline

    Pipeline(sqlite_store, config.Settings(analyse=False)).ingest(read_paths([SIBLINGS]), analyse=False)
    with sqlite_store.read() as conn:
        arts = list(sqlite_store.iter_articles(conn))
    assert len(arts) == 8 and not any(a.text for a in arts)
    stories: dict[str, set] = {}
    for a in arts:
        stories.setdefault(a.external_id.rsplit("-", 1)[0], set()).add(a.story_id)
    assert len(stories["rail-bavaria"]) == 1 and len(stories["rail-greece"]) == 1, stories
    assert stories["rail-bavaria"] != stories["rail-greece"]


def test_a_model_whose_headline_decision_does_not_fit_its_features_is_one_line(tmp_path):
    """The command as a user runs it: one line naming the file, no traceback."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    import storywire

    model = tmp_path / "model.json"
    params = load_params()
    model.write_text(json.dumps({**params, "headline": {**params["headline"], "coef": [1.0]}}), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(Path(storywire.__file__).parents[1])}
    proc = subprocess.run([sys.executable, "-m", "storywire", "--db", str(tmp_path / "s.db"), "eval", "cluster",
                           str(SIBLINGS), "--model", str(model)], capture_output=True, text=True, env=env)
    assert proc.returncode != 0
    assert proc.stderr.strip() == (f"error: {model}: not a cluster model this engine can use (ValueError: the "
                                   f"model's headline part has 1 coefficients for {len(params['features'])} "
                                   "features)"), proc.stderr


def test_eval_via_the_store_streams_headline_only_records_as_headlines():
    """`eval cluster --via-store` ingests a record without text as the headline-only item it is (it used to
    copy the title into the text, so the store path never met the headline decision: 5 stories for 2 crashes)."""
    rows = {}
    for extra in ([], ["--via-store"]):
        result = runner.invoke(app, ["eval", "cluster", str(SIBLINGS), *extra], env={"COLUMNS": "200"})
        assert result.exit_code == 0, result.output
        rows[bool(extra)] = result.stdout.splitlines()[-1].split()
    assert rows[True][-6:-1] == rows[False][-6:-1] == ["2", "2", "1.000", "1.000", "1.000"]
