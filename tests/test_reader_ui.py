"""The reader's web pages beyond the basics, through ASGI (TestClient) on SQLite and PostgreSQL: the first
run (set-up link, first admin), the empty river that says what the collector is doing, pages that hold
real data (long stories, many sources, timelines), briefings and API docs; and the CLI's own output
(progress totals, messages printed as text).
"""
from __future__ import annotations

import io
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rich.console import Console

from storywire.config import Settings
from storywire.errors import AuthError, InputError
from storywire.web import create_app

PASSWORD = "correct horse battery"


def _client(store, **overrides) -> TestClient:
    return TestClient(create_app(Settings(**overrides), store), follow_redirects=False)


def _form_csrf(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


# -- first run ------------------------------------------------------------------------------------------
def test_setup_token_is_stored_hashed_and_used_once(store):
    with store.atomic() as conn:
        first = store.new_setup_token(conn)
        token = store.new_setup_token(conn)  # a restart replaces the link
    assert first and token and first != token
    with store.read() as conn:
        assert store.setup_token_valid(conn, token)
        assert not store.setup_token_valid(conn, first)
        assert not store.setup_token_valid(conn, "")
        assert store.load_state(conn, "setup_token") != token.encode()  # only its digest is kept
    with pytest.raises(InputError), store.atomic() as conn:  # a bad name leaves the token usable
        store.create_first_admin(conn, token, "no spaces allowed", PASSWORD)
    with store.atomic() as conn:
        user_id = store.create_first_admin(conn, token, "root", PASSWORD)
    with store.read() as conn:
        assert store.list_users(conn)[0]["id"] == user_id and store.list_users(conn)[0]["is_admin"]
        assert not store.setup_token_valid(conn, token)
    with pytest.raises(AuthError), store.atomic() as conn:
        store.create_first_admin(conn, token, "second", PASSWORD)
    with store.atomic() as conn:
        assert store.new_setup_token(conn) is None  # never once a user exists


def test_first_run_from_the_printed_link_to_the_river(store):
    from storywire.service import print_setup_link

    settings = Settings(host="0.0.0.0", port=8123)
    shown = io.StringIO()
    print_setup_link(settings, store, Console(file=shown, width=200, markup=False, emoji=False))
    link = re.search(r"http://127\.0\.0\.1:8123(/setup\?token=[\w-]+)", shown.getvalue())
    assert link, shown.getvalue()
    c = _client(store)

    login_page = c.get("/login")
    assert "set-up link" in login_page.text and "/setup?token=" in login_page.text
    assert c.get("/setup?token=wrong").status_code == 403
    form = c.get(link.group(1))
    assert form.status_code == 200 and "Create the admin account" in form.text
    data = {"token": link.group(1).split("=", 1)[1], "name": "root", "password": PASSWORD,
            "password_again": PASSWORD + "x", "csrf_token": _form_csrf(form.text)}
    differ = c.post("/setup", data=data)
    assert differ.status_code == 400 and "passwords differ" in differ.text
    forged = c.post("/setup", data={**data, "password_again": PASSWORD, "csrf_token": "forged"})
    assert forged.status_code == 403 and "form expired" in forged.text
    done = c.post("/setup", data={**data, "password_again": PASSWORD, "csrf_token": _form_csrf(forged.text)})
    assert done.status_code == 303 and done.headers["location"] == "/?done=welcome"
    river = c.get("/?done=welcome")
    assert river.status_code == 200 and "admin account is ready" in river.text
    assert ">root</a>" in river.text  # logged in as the new admin
    assert "follows no feed yet" in river.text and "storywire init" in river.text

    assert c.get(link.group(1)).status_code == 404  # gone for good
    assert c.post("/setup", data={**data, "password_again": PASSWORD}).status_code == 404
    c.cookies.clear()
    hint = c.get("/login").text
    assert "set-up link" not in hint and "storywire users add NAME" in hint and "--admin" in hint
    c.close()


def test_empty_river_says_the_feeds_are_failing_and_when_the_next_try_is(store):
    now = datetime.now(UTC)
    with store.atomic() as conn:
        store.create_user(conn, "alice", PASSWORD, is_admin=True)
        for n in range(3):
            feed, _ = store.add_feed(conn, f"https://news{n}.example/rss", title=f"News {n}")
            store.record_fetch_failure(conn, feed, "cannot connect: Temporary failure in name resolution",
                                       now=now, retry_after=600, count=False)
    c = _client(store)
    form = c.get("/login")
    c.post("/login", data={"name": "alice", "password": PASSWORD, "csrf_token": _form_csrf(form.text), "next": "/"})
    text = c.get("/").text
    assert "follows 3 feeds, and none could be reached yet" in text
    assert "Temporary failure in name resolution" in text
    assert re.search(r"next try in (9|10) min", text), text
    assert "add feeds on the" not in text
    c.close()


# -- the CLI's own output -----------------------------------------------------------------------------------
def _in_terminal(args: list[str], cwd) -> str:
    """Run ``storywire ARGS`` with a pseudo-terminal as stdout and stderr (so rich draws its bars); its output."""
    import os
    import pty
    import subprocess
    import sys

    import storywire

    main_fd, child_fd = pty.openpty()
    src = str(Path(storywire.__file__).resolve().parents[1])  # this checkout's code, whatever the cwd
    env = {**os.environ, "COLUMNS": "200", "TERM": "xterm", "PYTHONPATH": src}
    proc = subprocess.Popen([sys.executable, "-c", "from storywire.cli import main; main()", *args], cwd=cwd,
                            stdin=subprocess.DEVNULL, stdout=child_fd, stderr=child_fd, env=env)
    os.close(child_fd)
    chunks = []
    while True:
        try:
            data = os.read(main_fd, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(main_fd)
    assert proc.wait(timeout=120) in (0, 1)
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", b"".join(chunks).decode("utf-8", "replace"))


def test_ingest_progress_shows_its_total_and_messages_stay_plain_text(tmp_path):
    import json

    lines = [json.dumps({"id": str(n), "url": f"https://wire.example/{n}", "source": "Wire [Europe]",
                         "title": f"Harbour works, part {n}",
                         "text": f"The harbour works reached stage {n} this week, the port authority said. " * 4})
             for n in range(1, 100)]
    lines.append('{"id": "100", "title": ":100: [bold]not closed')
    (tmp_path / "wire[draft].jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    shown = _in_terminal(["--db", "t.db", "ingest", "wire[draft].jsonl", "--no-cluster"], tmp_path)
    assert "100/100" in shown and "/?" not in shown, shown[-2000:]
    assert "rejected wire[draft].jsonl:100: not valid JSON" in shown  # no emoji, no markup eaten
    assert "\U0001f4af" not in shown
    assert "99 ingested" in shown


def test_count_records_matches_what_the_readers_yield(tmp_path):
    import gzip

    from storywire.ingest.files import read_paths
    from storywire.progress import count_records

    (tmp_path / "a.jsonl").write_text('{"title": "x", "text": "y"}\n\n{"title": "z", "text": "w"}\nnot json\n')
    with gzip.open(tmp_path / "b.jsonl.gz", "wt") as f:
        f.write('{"title": "x", "text": "y"}\n' * 5)
    (tmp_path / "page.html").write_text("<html><body><p>Hello there.</p></body></html>")
    (tmp_path / "dump.txt").write_text("A dump.\n")
    paths = [tmp_path, tmp_path / "missing.jsonl"]
    assert count_records(paths) == len(list(read_paths(paths))) == 11
