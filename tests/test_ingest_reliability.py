"""One bad record never costs good ones: poison lines, bad encodings, huge records, store refusals."""
from __future__ import annotations

import json
from contextlib import closing
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from storywire import config
from storywire.ingest.files import read_file, read_paths
from storywire.models import RawItem, Rejected
from storywire.pipeline import Pipeline
from storywire.store import open_store


def good(i: int) -> dict:
    return {"id": f"g{i}", "source": "Harbour Gazette", "title": f"Council approves harbour budget {i}",
            "text": f"The council approved budget number {i} for the harbour on Monday after a long debate. " * 3,
            "published": "2024-03-01T10:00:00Z"}


def write_lines(path: Path, lines: list[str | bytes]) -> Path:
    path.write_bytes(b"\n".join(line if isinstance(line, bytes) else line.encode() for line in lines) + b"\n")
    return path


def ingest(db_url: str, path: Path, **settings):
    with closing(open_store(db_url)) as store:
        summary = Pipeline(store, config.Settings(analyse=False, **settings)).ingest(read_paths([path]))
        with store.read() as conn:
            stored = {a.external_id: a for a in store.iter_articles(conn)}
    return summary, stored


def test_poison_lines_are_rejected_alone(tmp_path, db_url):
    """Lone surrogate, a year-1 date ahead of UTC, and 100,000 nested brackets: each costs its own line only."""
    src = write_lines(tmp_path / "poison.jsonl", [
        json.dumps(good(1)),
        '{"id": "s", "title": "Surrogate", "text": "bad \\ud800 here"}',
        json.dumps(good(2)),
        json.dumps({"id": "old", "title": "Year one", "text": "An article whose date cannot be stored as UTC.",
                    "published": "0001-01-01T00:00:00+14:00"}),
        json.dumps(good(3)),
        "[" * 100_000 + "]" * 100_000,
        json.dumps({"id": "nul", "title": "Nul", "text": "a NUL \u0000 in the text"}),
        json.dumps(good(4)),
    ])
    summary, stored = ingest(db_url, src)
    assert sorted(stored) == ["g1", "g2", "g3", "g4", "old"]
    assert stored["old"].published is None  # the date is dropped, the article kept
    reasons = {r.origin.rsplit(":", 1)[1]: r.reason for r in summary.rejected}
    assert reasons == {"2": "text contains a lone surrogate (U+D800): not valid Unicode text",
                       "6": "JSON nested too deeply",
                       "7": "text contains a NUL character: not valid Unicode text"}


def test_dropped_date_and_link_are_reported_as_warnings(tmp_path, sqlite_store):
    src = write_lines(tmp_path / "odd.jsonl", [
        json.dumps({**good(1), "published": "0001-01-01T00:00:00+14:00"}),
        json.dumps({**good(2), "published": "next tuesday"}),
        json.dumps({**good(3), "published": "2999-01-01T00:00:00Z"}),
        json.dumps({**good(4), "url": "javascript:alert(1)"}),
        json.dumps({**good(5), "url": "data:text/html,<script>alert(1)</script>"}),
    ])
    seen = []
    summary = Pipeline(sqlite_store, config.Settings(analyse=False)).ingest(read_paths([src]), on_item=seen.append)
    assert summary.counts["ingested"] == 5 and not summary.rejected
    warnings = {r.origin.rsplit(":", 1)[1]: r.warnings for r in seen}
    assert "out of range" in warnings["1"][0]
    assert warnings["2"] == ("published 'next tuesday' is not an ISO 8601 time: dropped",)
    assert "in the future" in warnings["3"][0]
    assert warnings["4"] == ("link 'javascript:alert(1)' is not http(s): dropped",)
    assert "is not http(s)" in warnings["5"][0]
    with sqlite_store.read() as conn:
        arts = {a.external_id: a for a in sqlite_store.iter_articles(conn)}
    assert all(a.published is None for k, a in arts.items() if k in ("g1", "g2", "g3"))
    assert arts["g4"].url is None and arts["g5"].url is None


def test_non_utf8_line_is_rejected_with_its_number(tmp_path, sqlite_store):
    latin1 = json.dumps({**good(2), "title": "Crème fraîche loses"}, ensure_ascii=False).encode("latin-1")
    src = write_lines(tmp_path / "latin1.jsonl", [
        json.dumps({**good(1), "title": "Crème brûlée wins"}, ensure_ascii=False).encode("utf-8"), latin1,
        json.dumps(good(3)),
    ])
    summary = Pipeline(sqlite_store, config.Settings(analyse=False)).ingest(read_paths([src]))
    assert [(r.origin, r.reason) for r in summary.rejected] == [
        (f"{src}:2", f"not UTF-8 (byte 0xe8 at column {latin1.index(0xe8) + 1})")]
    with sqlite_store.read() as conn:
        titles = sorted(a.title for a in sqlite_store.iter_articles(conn))
    assert titles == ["Council approves harbour budget 3", "Crème brûlée wins"]


def test_record_over_the_size_cap_is_rejected_alone(tmp_path, sqlite_store):
    big = {**good(2), "text": "word " * 700_000}  # 3.5 MB of text
    src = write_lines(tmp_path / "big.jsonl", [json.dumps(good(1)), json.dumps(big), json.dumps(good(3))])
    summary = Pipeline(sqlite_store, config.Settings(analyse=False)).ingest(read_paths([src]))
    assert [(r.origin, r.reason) for r in summary.rejected] == [
        (f"{src}:2", "text of 3.5 MB is over the 2 MB limit (max_record_bytes)")]
    assert summary.counts["ingested"] == 2
    # the cap is a setting
    summary = Pipeline(sqlite_store, config.Settings(analyse=False, max_record_bytes=5_000_000)).ingest(
        read_paths([src], max_record_bytes=5_000_000))
    assert summary.counts["ingested"] == 1 and not summary.rejected


def test_a_record_the_store_refuses_costs_only_itself(tmp_path, db_url, monkeypatch):
    """When the database refuses one record mid-batch, the batch is stored again without it."""
    import sqlalchemy as sa

    src = write_lines(tmp_path / "batch.jsonl", [json.dumps(good(i)) for i in range(1, 6)])
    with closing(open_store(db_url)) as store:
        real = store._record

        def refusing(conn, ex):
            if ex.external_id == "g3":  # what a driver raises for a value it cannot bind
                raise sa.exc.StatementError("value out of range", "INSERT", {},
                                            OverflowError("date value out of range"))
            return real(conn, ex)

        monkeypatch.setattr(store, "_record", refusing)
        summary = Pipeline(store, config.Settings(analyse=False)).ingest(read_paths([src]))
        assert [(r.origin, r.reason) for r in summary.rejected] == [
            (f"{src}:3", "the store refused it (OverflowError: date value out of range)")]
        with store.read() as conn:
            ids = sorted(a.external_id for a in store.iter_articles(conn))
            stories = {a.story_id for a in store.iter_articles(conn)}
    assert ids == ["g1", "g2", "g4", "g5"]
    assert None not in stories  # the retried batch was clustered too


def test_cli_prints_warnings_and_rejections_as_plain_lines(tmp_path):
    from typer.testing import CliRunner

    from storywire.cli import app

    lines = [json.dumps({**good(1), "published": "0001-01-01T00:00:00+14:00"})] + [""] * 98
    src = write_lines(tmp_path / "ecb.jsonl", lines + ['{"id": "x", "text": "bad \\ud800"}'])  # line 100
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "s.db"), "ingest", str(src), "--no-analyse"])
    assert result.exit_code == 1
    assert f"warning {src}:1: published 0001-01-01T00:00:00+14:00 is out of range: dropped" in result.output
    assert f"rejected {src}:100: text contains a lone surrogate" in result.output  # not an emoji code
    assert "Traceback" not in result.output


# -- fuzzing: any bytes in a .jsonl file give items or clean rejections, never an exception -------
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
records = st.fixed_dictionaries({}, optional={
    key: json_values | st.text() for key in ("id", "url", "source", "title", "text", "html", "published",
                                             "language", "authors", "author", "section")})


@hsettings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000) | st.lists(records.map(json.dumps), max_size=4).map("\n".join).map(str.encode))
def test_fuzz_jsonl_reader(tmp_path, data):
    path = tmp_path / "fuzz.jsonl"
    path.write_bytes(data)
    for item in read_file(path):
        assert isinstance(item, (RawItem, Rejected))
        if isinstance(item, Rejected):
            assert item.reason and "\n" not in item.reason


@pytest.fixture(scope="module")
def fuzz_pipeline(tmp_path_factory):
    with closing(open_store(str(tmp_path_factory.mktemp("fuzz") / "s.db"))) as store:
        yield Pipeline(store, config.Settings(analyse=False))


@hsettings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(recs=st.lists(records, min_size=1, max_size=5))
def test_fuzz_ingest_never_raises(tmp_path, fuzz_pipeline, recs):
    """Whatever the records hold, ingest stores or rejects each one; it never raises."""
    path = tmp_path / "fuzz.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in recs) + "\n")
    summary = fuzz_pipeline.ingest(read_paths([path]), cluster=False)
    assert sum(summary.counts.values()) == len(recs)


def test_a_huge_number_costs_only_its_line(tmp_path, sqlite_store):
    huge = '{"id": "n", "text": "x", "n": 1' + "1" * 5000 + "}"
    src = write_lines(tmp_path / "num.jsonl", [json.dumps(good(1)), huge, json.dumps(good(2))])
    summary = Pipeline(sqlite_store, config.Settings(analyse=False)).ingest(read_paths([src]))
    assert summary.counts["ingested"] == 2
    [(origin, reason)] = [(r.origin, r.reason) for r in summary.rejected]
    assert origin == f"{src}:2" and reason.startswith("not usable JSON (Exceeds the limit")


def test_a_file_name_that_is_not_utf8_is_still_reported(tmp_path, db_url):
    """The rejection of a line is recorded under the file's name, even when that name is not UTF-8."""
    import os

    src = write_lines(tmp_path / os.fsdecode(b"caf\xe9.jsonl"), [json.dumps(good(1)), "not json"])
    summary, stored = ingest(db_url, src)
    assert sorted(stored) == ["g1"]
    assert [r.reason for r in summary.rejected] == ["not valid JSON (Expecting value at column 1)"]


def test_a_language_that_is_no_language_tag_is_dropped_on_every_backend(tmp_path, db_url):
    src = write_lines(tmp_path / "lang.jsonl", [json.dumps({**good(1), "language": "english-united-kingdom"}),
                                                json.dumps({**good(2), "language": "pt-BR"})])
    summary, stored = ingest(db_url, src)
    assert not summary.rejected
    # the bad tag is dropped (the language is then detected from the text); a good one is kept, as ISO 639-1
    assert stored["g1"].language == "en" and stored["g2"].language == "pt"
    assert summary.warnings[0].reason == "language 'english-united-kingdom' is not a language tag: dropped"


def test_a_title_made_from_a_long_first_line_is_cut_after_a_word(tmp_path, sqlite_store):
    first = ("Russia says it will pull back some troops from the border with Ukraine as the West warns of an imminent "
             "invasion and diplomats scramble for a way out of the crisis over Ukraine, but rights groups doubt it")
    record = {"id": "u1", "source": "Wire", "text": first + "\n\nMore."}
    src = write_lines(tmp_path / "untitled.jsonl", [json.dumps(record)])
    Pipeline(sqlite_store, config.Settings(analyse=False)).ingest(read_paths([src]))
    with sqlite_store.read() as conn:
        [article] = list(sqlite_store.iter_articles(conn))
    assert article.title == first[:first.index(" doubt")] + "…"  # was cut mid-word: "…but ri"
    assert len(article.title) <= 200
