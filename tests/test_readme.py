"""README.md is checked: every command of its ```sh blocks runs, and its settings table is the generated one.

The commands run in README order on a fresh store, from a folder that looks like the repository root
(its files, ../shared beside it) with nothing written into the repository. A command that cannot run
here is listed in NOT_RUN with the reason; a storywire command among them must still answer --help.
The long commands that read no store and make nothing a later command reads are listed in APART: each
runs in a test of its own on a fresh folder (after the commands that make its input), so that pytest's
workers run them side by side.

`python tests/test_readme.py` rewrites the README's settings table from the settings.
"""
from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
SHARED = ROOT.parent / "shared"
EXE = Path(sys.executable).parent / "storywire"

NOT_RUN = {
    "make run": "installs storywire, then runs it until stopped",
    "make test": "runs every test, this one too",
    "storywire feeds add https://www.example.com/": "fetches from the network",
    "storywire fetch": "fetches from the network",
    "storywire run": "runs until stopped, fetching from the network",
    "storywire users add alice --admin": "asks for the password on the terminal (set-up adds alice instead)",
    "storywire serve --port 8000": "runs until stopped",
    'curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:8000/api/v1/stories': "needs `storywire serve` running",
    "storywire brief --user alice --send": "needs an SMTP server",
    "storywire db copy --from storywire.db --to postgresql://user:pass@127.0.0.1/storywire": "needs PostgreSQL",
    "ray start --head --port 6379": "starts a Ray cluster that runs until stopped",
    "ray start --address 192.0.2.10:6379": "joins a Ray cluster on another machine",
    "storywire --db postgresql://storywire:secret@192.0.2.20/storywire backfill /archive/cc-news/ "
    "--address 192.0.2.10:6379": "needs a Ray cluster, PostgreSQL and a crawl",
}
DATED = "storywire eval dated ../shared/data/stories/ecbplus-dev.jsonl -o ecb-dated.jsonl"
APART = {  # command: the README commands run before it, in its own folder
    "storywire cluster train tests/fixtures/cluster/stream.jsonl -o model.json": (),
    "storywire eval cluster ../shared/data/stories/ecbplus-dev.jsonl --split-topics --baseline": (),
    "storywire eval cluster ../shared/data/stories/ecbplus-dev.jsonl --split-topics --via-store": (),
    "storywire eval cluster ecb-dated.jsonl --shuffle --seed 7": (DATED,),
    "storywire eval cluster ../shared/data/stories/ecbplus-dev.jsonl --split-topics --titles-only": (),
    "storywire eval extract --limit 50": (),
    "storywire eval quotes tests/data/quotes-report.jsonl --show": (),
    "storywire backfill ecb-dated.jsonl --workers 2": (DATED,),
}
SETTINGS_TABLE = re.compile(r"(<!-- settings:[^\n]*-->\n)(.*?)(<!-- /settings -->)", re.S)


def sh_commands(text: str) -> list[str]:
    """Every command line of the ```sh blocks, in order, without its comment."""
    blocks = re.findall(r"^```sh\n(.*?)^```", text, re.S | re.M)
    lines = (re.sub(r"\s+#\s.*$", "", line).strip() for block in blocks for line in block.splitlines())
    return [line for line in lines if line]


def run(line: str, cwd: Path) -> subprocess.CompletedProcess:
    """One README command line in ``cwd``: storywire as installed beside this Python; ``> FILE`` honoured."""
    args = shlex.split(line)
    target = None
    if ">" in args:
        args, target = args[:args.index(">")], args[args.index(">") + 1]
    assert args[0] == "storywire", f"README command {line!r}: not a storywire command; list it in NOT_RUN"
    env = {k: v for k, v in os.environ.items() if not k.startswith("STORYWIRE_")}
    proc = subprocess.run([str(EXE), *args[1:]], cwd=cwd, env=env, capture_output=True, text=True, timeout=900,
                          stdin=subprocess.DEVNULL)
    if target:
        (cwd / target).write_text(proc.stdout, encoding="utf-8")
    return proc


@pytest.fixture
def repo_view(tmp_path: Path) -> Path:
    """tmp/repo holds links to the repository's files (but no store, no settings file); tmp/shared, to ../shared."""
    if not SHARED.is_dir():
        pytest.skip("the README's examples need ../shared beside the repository")
    view = tmp_path / "repo"
    view.mkdir()
    for entry in ROOT.iterdir():
        if not entry.name.startswith(".") and entry.name not in ("storywire.db", "storywire.toml"):
            (view / entry.name).symlink_to(entry)
    (tmp_path / "shared").symlink_to(SHARED)
    return view


def test_sh_blocks_are_read_line_by_line():
    text = "```sh\nstorywire a --x 1   # a comment\n\nstorywire b \"#1\"\n```\n```\nnot sh\n```\n"
    assert sh_commands(text) == ["storywire a --x 1", 'storywire b "#1"']


def test_every_commands_left_out_is_still_in_the_readme():
    commands = sh_commands(README.read_text(encoding="utf-8"))
    assert set(NOT_RUN) <= set(commands)
    for line, before in APART.items():  # run apart: still README commands, after the ones they need
        assert line in commands and line not in NOT_RUN
        assert all(b in commands and commands.index(b) < commands.index(line) for b in before), line


# A library's log line, which a user should not see ("2026-12-04 05:18:20,792\tWARNING authentication_token_setup.py:85
# -- Token authentication is enabled", "[2026-12-04 05:19:04,563 W 27703 27703] gcs_client.cc:210: Failed to")
_LIBRARY_LOG = re.compile(r"^\[?\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+\s.*\b\w+\.(?:py|cc):\d+", re.M)


def failures(lines: list[str], cwd: Path) -> list[str]:
    """Run README command lines in order in ``cwd``; a note for each that fails or prints a library's log line."""
    failed = []
    for line in lines:
        proc = run(line, cwd)
        if proc.returncode != 0:
            failed.append(f"{line}\nexit status {proc.returncode}\n{proc.stderr[-2000:]}")
        elif (log := _LIBRARY_LOG.search(proc.stderr)) is not None:
            failed.append(f"{line}\nprinted a library's log line: {proc.stderr[log.start():log.start() + 300]}")
    return failed


@pytest.mark.slow
def test_every_readme_command_runs(repo_view):
    """Every command in README order on one store, but those run apart (APART) or not run (NOT_RUN)."""
    added = subprocess.run([str(EXE), "users", "add", "alice", "--admin", "--password-stdin"], cwd=repo_view,
                           input="correct horse battery\n", capture_output=True, text=True)  # the README's user
    assert added.returncode == 0, added.stderr
    lines = [line for line in sh_commands(README.read_text(encoding="utf-8")) if line not in {**NOT_RUN, **APART}]
    failed = failures(lines, repo_view)
    assert not failed, "README commands that failed:\n\n" + "\n\n".join(failed)


@pytest.mark.slow
@pytest.mark.parametrize("line", list(APART))
def test_readme_command_run_apart_runs(line, repo_view):
    failed = failures([*APART[line], line], repo_view)
    assert not failed, "README commands that failed:\n\n" + "\n\n".join(failed)


@pytest.mark.slow
@pytest.mark.parametrize("line", [line for line in NOT_RUN if line.startswith("storywire ")])
def test_readme_command_not_run_answers_help(line, tmp_path):
    failed = failures([line + " --help"], tmp_path)
    assert not failed, failed[0]


def test_readme_settings_table_is_the_generated_one():
    from storywire.commands.admin import settings_markdown

    found = SETTINGS_TABLE.search(README.read_text(encoding="utf-8"))
    assert found, "README.md has lost its settings table markers (<!-- settings: ... --> and <!-- /settings -->)"
    assert found.group(2) == settings_markdown(), (
        "README.md's settings table differs from the settings: rewrite it with `python tests/test_readme.py`")


def test_settings_markdown_prints_the_table():
    from storywire.cli import app
    from storywire.commands.admin import settings_markdown
    from storywire.config import Settings

    printed = CliRunner().invoke(app, ["settings", "--markdown"]).output
    assert printed == settings_markdown() and len(printed.splitlines()) == 2 + len(Settings.help_table())


def rewrite_settings_table() -> None:
    """Put the generated settings table into README.md."""
    from storywire.commands.admin import settings_markdown

    text = README.read_text(encoding="utf-8")
    README.write_text(SETTINGS_TABLE.sub(lambda m: m.group(1) + settings_markdown() + m.group(3), text),
                      encoding="utf-8")


if __name__ == "__main__":
    rewrite_settings_table()
