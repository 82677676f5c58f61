"""tools/polnear_quotes.py: PolNeAR's brat annotations read into quote cases and scored (on articles written here)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TOOL = REPO / "tools" / "polnear_quotes.py"

ARTICLE = ("Budget fight goes on.\n\n"
           "\u201cWe will not pass this bill in its current form,\u201d Sen. Ben Cole (D-Md.) said on Tuesday.\n\n"
           "He added that the plan was \u201ca gift to the wealthy few\u201d and would fail.\n\n"
           "Critics call it the \u201cbridge to nowhere\u201d of tax plans.\n")


def _span(text: str, part: str) -> str:
    start = ARTICLE.index(part)
    return f"{start} {start + len(part)}\t{part}"


def write_part(root: Path) -> Path:
    part = root / "dev"
    (part / "text").mkdir(parents=True)
    (part / "attributions").mkdir()
    (part / "text" / "paper_2016-01-01_budget.txt").write_text(ARTICLE, encoding="utf-8")
    first = "\u201cWe will not pass this bill in its current form,\u201d"
    second = "the plan was \u201ca gift to the wealthy few\u201d and would fail"
    ann = "\n".join([
        f"T1\tSource {_span(ARTICLE, 'Sen. Ben Cole (D-Md.)')}",
        f"T2\tCue {_span(ARTICLE, 'said')}",
        f"T3\tContent {_span(ARTICLE, first)}",
        "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1",
        f"T4\tSource {_span(ARTICLE, 'He')}",
        f"T5\tCue {_span(ARTICLE, 'added')}",
        f"T6\tContent {_span(ARTICLE, second)}",
        "E2\tAttribution:T5 Content:T6 Cue:T5 Source:T4",
    ])
    (part / "attributions" / "paper_2016-01-01_budget_4b22.ann").write_text(ann + "\n", encoding="utf-8")
    (part / "attributions" / "paper_2016-01-01_budget_zz99.ann").write_text("", encoding="utf-8")  # a second reader
    return part


def test_cases_carry_the_source_s_name_its_kind_and_null_for_an_unattributed_quote(tmp_path: Path):
    part = write_part(tmp_path)
    out = tmp_path / "cases.jsonl"
    done = subprocess.run([sys.executable, str(TOOL), str(part), str(out), "--score"], capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    cases = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(c["quote"], c["speaker"], c["kind"]) for c in cases] == [
        ("We will not pass this bill in its current form,", "Sen. Ben Cole", "named"),
        ("a gift to the wealthy few", "He", "pronoun"),
        ("bridge to nowhere", None, "null"),
    ]
    lines = {line.split()[0] + (" 5+" if " 5+ " in line else ""): line for line in done.stdout.splitlines()[1:]}
    assert "right     1 (100.0%)" in lines["named"] and "articles   1  95% interval 100.0%-100.0%" in lines["named"]
    assert "credited to someone     1" in lines["pronoun"]
    assert done.stdout.startswith("3 cases from 1 articles")


def test_a_folder_that_is_no_polnear_part_is_one_line_of_error(tmp_path: Path):
    done = subprocess.run([sys.executable, str(TOOL), str(tmp_path), str(tmp_path / "x.jsonl")], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.strip() == f"{tmp_path}: not a PolNeAR part (no text/ and attributions/ folders)"


def test_an_event_before_its_spans_is_read_and_one_naming_a_missing_span_is_left_out(tmp_path: Path):
    part = write_part(tmp_path)
    ann = part / "attributions" / "paper_2016-01-01_budget_4b22.ann"
    lines = ann.read_text(encoding="utf-8").splitlines()
    events = [line for line in lines if line.startswith("E")]
    spans = [line for line in lines if not line.startswith("E")]
    ann.write_text("\n".join(events + spans + ["E3\tAttribution:T9 Content:T8 Source:T7"]) + "\n", encoding="utf-8")
    out = tmp_path / "cases.jsonl"
    done = subprocess.run([sys.executable, str(TOOL), str(part), str(out)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    cases = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(c["speaker"], c["kind"]) for c in cases] == [("Sen. Ben Cole", "named"), ("He", "pronoun"),
                                                          (None, "null")]
