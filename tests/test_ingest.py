"""`storywire ingest` end to end: real files in, the store and the CLI's output checked."""
from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storywire.cli import app
from storywire.ingest.files import read_paths
from storywire.models import Rejected
from storywire.store import open_store

from .conftest import FIXTURES, SAMPLES

runner = CliRunner()
INGEST = FIXTURES / "ingest"


def cli(db: Path | str, *args: str):
    return runner.invoke(app, ["--db", str(db), *args])


def exported(db, *extra) -> list[dict]:
    result = cli(db, "export", "articles", *extra)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_jsonl_html_and_txt_each_ingest(tmp_path, db_url):
    db = db_url
    result = cli(db, "ingest", str(INGEST / "wire.jsonl"), str(INGEST / "article.html"), str(SAMPLES), "--no-analyse")
    assert result.exit_code == 0, result.output
    assert "6 ingested" in result.output
    recs = {r["title"]: r for r in exported(db, "--with-text")}
    quake = recs["Strong earthquake strikes off Sumatra"]
    assert quake["id"] == "w1" and quake["source"] == "Wire Example"
    assert quake["published"].startswith("2022-02-01T08:00:00")
    assert recs["Parliament passes budget after long night"]["published"].startswith("2022-02-02T04:30:00")
    storm = recs["Storm closes ports"]
    assert "stranding dozens of ferries" in storm["text"] and "<p>" not in storm["text"]
    page = recs["Harbour bridge reopens after two years of repairs"]
    assert "beats again" in page["text"]
    for chrome in ("Skip to main content", "Related Stories", "Sign up today", "All rights reserved"):
        assert chrome not in page["text"]
    assert "France's Macron to meet Putin and Zelensky in separate talks next week" in recs


def test_samples_give_two_clean_articles(tmp_path, db_url):
    db = db_url
    assert cli(db, "ingest", str(SAMPLES), "--no-cluster").exit_code == 0
    recs = exported(db, "--with-text")
    assert len(recs) == 2
    for rec in recs:
        body = rec["text"]
        for junk in ("Skip to main content", "Sign up", "Get all your news in one place", "newsletters",
                     "Sputnik Photo Agency", "© Ludovic Marin"):
            assert junk not in body, (rec["title"], junk)
        assert "throw of the dice" in body
        assert "The Russians gave us signals so we have to jump on them" in body


def test_reingest_changes_nothing(tmp_path, db_url):
    db = db_url
    assert cli(db, "ingest", str(INGEST / "wire.jsonl"), "--no-analyse").exit_code == 0
    before = exported(db)
    again = cli(db, "ingest", str(INGEST / "wire.jsonl"), "--no-analyse")
    assert again.exit_code == 0 and "0 ingested" in again.output and "3 unchanged" in again.output
    assert exported(db) == before


def test_revised_article_updates_and_keeps_history(tmp_path, db_url):
    db = db_url
    first = tmp_path / "v1.jsonl"
    first.write_text(json.dumps({"id": "r1", "source": "S", "title": "Fire", "text": "A fire broke out."}) + "\n")
    second = tmp_path / "v2.jsonl"
    second.write_text(json.dumps({"id": "r1", "source": "S", "title": "Fire",
                                  "text": "A fire broke out; two hurt."}) + "\n")
    cli(db, "ingest", str(first), "--no-analyse")
    result = cli(db, "ingest", str(second), "--no-analyse")
    assert "1 revised" in result.output
    [rec] = exported(db, "--with-text")
    assert rec["text"] == "A fire broke out; two hurt."
    with closing(open_store(db)) as store, store.read() as conn:
        assert [r["text"] for r in store.article_revisions(conn, 1)] == ["A fire broke out."]


def test_bad_line_is_reported_and_good_lines_kept(tmp_path, db_url):
    db = db_url
    src = tmp_path / "mixed.jsonl"
    good = {"id": "g", "source": "S", "title": "Good", "text": "Good text here."}
    src.write_text("\n".join([json.dumps(good), "{not json", json.dumps({"id": "n", "source": "S"}),
                              json.dumps(dict(good, id="g2", text="Another good one."))]) + "\n")
    result = cli(db, "ingest", str(src), "--no-analyse")
    assert result.exit_code == 1
    assert f"{src}:2: not valid JSON" in result.output
    assert f"{src}:3: no \"title\", \"text\" or \"html\" field with content" in result.output
    assert "2 ingested" in result.output and "2 rejected" in result.output
    assert sorted(r["id"] for r in exported(db)) == ["g", "g2"]


def test_truncated_gz_keeps_what_was_readable(tmp_path, db_url):
    lines = [json.dumps({"id": f"a{i}", "source": "S", "title": f"T{i}", "text": f"Body number {i} " * 30})
             for i in range(200)]
    blob = gzip.compress(("\n".join(lines) + "\n").encode())
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(blob[: len(blob) * 2 // 3])
    db = db_url
    result = cli(db, "ingest", str(cut), "--no-analyse")
    assert result.exit_code == 1 and "truncated .gz" in result.output
    got = exported(db)
    assert 0 < len(got) < 200  # the lines before the cut are kept (the last, cut-off line is rejected)


def test_non_utf8_file_is_decoded(tmp_path, db_url):
    page = tmp_path / "latin.txt"
    text = ("Élection à Montréal\n\n"
            "Les électeurs de Montréal ont élu un nouveau maire dimanche, après une campagne très disputée.\n\n"
            "Le résultat a été annoncé tard dans la soirée par la commission électorale.")
    page.write_bytes(text.encode("latin-1"))
    db = db_url
    assert cli(db, "ingest", str(page), "--no-cluster").exit_code == 0
    [rec] = exported(db, "--with-text")
    assert "électeurs de Montréal" in rec["text"]


def test_empty_and_no_article_and_binary_files_are_rejected_clearly(tmp_path, db_url):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.jsonl").write_text("")
    shutil.copy(INGEST / "no-article.html", tmp_path / "in" / "404.html")
    (tmp_path / "in" / "blob.html").write_bytes(bytes(range(256)) * 50)
    db = db_url
    result = cli(db, "ingest", str(tmp_path / "in"), "--no-analyse")
    assert result.exit_code == 1
    assert "empty.jsonl: empty file" in result.output
    assert "404.html: no article text found" in result.output
    assert "blob.html: binary data" in result.output
    assert "Traceback" not in result.output


def test_crash_mid_ingest_leaves_no_half_batch(tmp_path, db_url, monkeypatch):
    """A batch that fails part-way is rolled back whole; earlier batches stay."""
    from storywire import config
    from storywire.pipeline import Pipeline

    src = tmp_path / "many.jsonl"
    src.write_text("\n".join(json.dumps({"id": f"c{i}", "source": "S", "title": f"Crash test {i}",
                                         "text": f"Unique body {i} about event {i}."}) for i in range(10)) + "\n")
    with closing(open_store(db_url)) as store:
        pipe = Pipeline(store, config.Settings(batch_size=4, analyse=False))
        real = store.upsert_articles
        calls = {"n": 0}

        def crashing(conn, exs, now=None):
            calls["n"] += 1
            if calls["n"] == 2:  # second batch, after its first article is written
                real(conn, exs[:1], now)
                raise OSError("disk on fire")
            return real(conn, exs, now)

        monkeypatch.setattr(store, "upsert_articles", crashing)
        with pytest.raises(OSError):
            pipe.ingest(read_paths([src]), cluster=False)
        with store.read() as conn:
            ids = [a.external_id for a in store.iter_articles(conn)]
    assert ids == ["c0", "c1", "c2", "c3"]


def test_missing_path_and_bad_db_give_one_clean_line(tmp_path):
    exe = Path(sys.executable).parent / "storywire"
    proc = subprocess.run([str(exe), "--db", str(tmp_path / "nope" / "s.db"), "articles"],
                          capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.startswith("error: folder") and "Traceback" not in proc.stderr
    items = list(read_paths([tmp_path / "missing.jsonl"]))
    assert items == [Rejected(str(tmp_path / "missing.jsonl"), "no such file or folder")]


def _outlet_page(slug: str, body: str) -> str:
    """A page of one outlet: a long paragraph of its own and the outlet's credit line under every article."""
    return (f'<html><head><title>{slug.title()} story in the harbour town</title>'
            f'<link rel="canonical" href="https://harbour.example/news/{slug}"></head><body><article>'
            f'<h1>{slug.title()} story in the harbour town</h1><p>{body}</p>'
            '<p>Reporting by the Harbour Courier news desk.</p></article></body></html>')


def test_same_pages_again_are_unchanged_and_a_changed_page_is_revised(tmp_path, db_url):
    """The outlet's credit line becomes learned boilerplate as the pages come in (and again when they come in
    a second time): the same pages are still unchanged, a page whose text changed is revised."""
    pages = tmp_path / "pages"
    pages.mkdir()

    def long(slug: str) -> str:
        return f"The harbour board met on Monday to discuss the new ferry timetable for the {slug} season. " * 4

    for slug in ("alpha", "beta", "gamma"):
        (pages / f"{slug}.html").write_text(_outlet_page(slug, long(slug)))
    first = cli(db_url, "ingest", str(pages), "--no-analyse", "--no-cluster")
    assert first.exit_code == 0 and "3 ingested, 0 revised, 0 unchanged" in first.output, first.output
    before = exported(db_url, "--with-text")
    for _ in range(2):
        again = cli(db_url, "ingest", str(pages), "--no-analyse", "--no-cluster")
        assert again.exit_code == 0 and "0 ingested, 0 revised, 3 unchanged" in again.output, again.output
    assert exported(db_url, "--with-text") == before
    (pages / "beta.html").write_text(_outlet_page("beta", long("beta") + " Two new routes were approved."))
    changed = cli(db_url, "ingest", str(pages), "--no-analyse", "--no-cluster")
    assert changed.exit_code == 0 and "0 ingested, 1 revised, 2 unchanged" in changed.output, changed.output
    beta = next(r for r in exported(db_url, "--with-text") if r["url"].endswith("/beta"))
    assert "Two new routes were approved." in beta["text"] and "Reporting by" not in beta["text"]
