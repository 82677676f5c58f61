"""python -m storywire.cluster.explain: which decisions split an event or merge two."""
from __future__ import annotations

import json

from storywire.cluster import load_params
from storywire.cluster.explain import judged, main
from storywire.models import Assignment

from .conftest import FIXTURES

STREAM = FIXTURES / "cluster" / "stream.jsonl"


def test_each_decision_is_judged_against_the_gold_events_so_far():
    decisions = [
        ("flood", Assignment(1, 1, True)),  # first of its event: right
        ("flood", Assignment(2, 2, True)),  # its event has story 1 already: split
        ("fire", Assignment(3, 2, False)),  # joins a story of the flood: merge
        ("fire", Assignment(4, 3, True)),  # the fire has story 2 (shared with a flood): split
        ("flood", Assignment(5, 1, False, merged_story_ids=(2,))),  # story 1 takes story 2: mostly flood
        ("fire", Assignment(6, 1, False)),  # joins that story, mostly of the flood: merge
    ]
    assert [verdict for _, _, verdict in judged(decisions)] == ["", "split", "merge", "split", "", "merge"]


def test_errors_shows_only_the_decisions_that_split_or_merge(tmp_path, capsys):
    model = tmp_path / "never-joins.json"
    params = load_params()
    never = {**params, "threshold": 1.01, "headline": {**params["headline"], "threshold": 1.01}}
    model.write_text(json.dumps(never), encoding="utf-8")
    assert main([str(STREAM), "--model", str(model), "--errors", "--titles-only"]) == 0
    out = capsys.readouterr().out.splitlines()
    heads = [line for line in out if line.startswith("article ")]
    assert heads and all(line.endswith(" SPLIT") for line in heads), heads
    assert out[-1] == f"10 decisions: {len(heads)} split, 0 merge"
    assert main([str(STREAM)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert sum(line.startswith("article ") for line in out) == 10 and out[-1].startswith("10 decisions: ")


def test_a_model_that_is_not_one_is_one_line(tmp_path, capsys):
    bad = tmp_path / "model.json"
    bad.write_text('{"coef": ', encoding="utf-8")
    assert main([str(STREAM), "--model", str(bad)]) == 2
    assert capsys.readouterr().err.startswith(f"error: {bad}: not a cluster model this engine can use (JSONDecodeError")
