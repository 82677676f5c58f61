"""The `storywire` command: the command modules (storywire.commands.*) wired into one app.

Domain errors become one clear line on stderr and exit status 2; rejected input, and a system error
(a folder that does not exist, a full disk), exit status 1; a closed output pipe ends quietly.
"""
from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import typer
from typer.core import TyperOption

from . import __version__, config
from .cli_common import CommandContext, err, out
from .commands import admin, articles, backfill, brief, cluster, evaluate, feeds, web
from .errors import StorywireError

_option_type = TyperOption.display_type_rich


def _flag_type(option: TyperOption, ctx: typer.Context) -> str | None:
    """Typer's help labels every flag <bool>, though a flag takes no value: no label for flags."""
    return None if option.is_flag else _option_type(option, ctx)


TyperOption.display_type_rich = _flag_type  # type: ignore[method-assign,assignment]

app = typer.Typer(help="storywire: all your news in one place, every story whole.", no_args_is_help=True,
                  pretty_exceptions_enable=False, add_completion=False,
                  context_settings={"help_option_names": ["-h", "--help"]})
for commands in (articles.app, feeds.app, web.app, brief.app, cluster.app, admin.app, backfill.app):
    app.add_typer(commands)
app.add_typer(articles.export_app, name="export")
app.add_typer(feeds.feeds_app, name="feeds")
app.add_typer(web.users_app, name="users")
app.add_typer(cluster.cluster_app, name="cluster")
app.add_typer(evaluate.eval_app, name="eval")
app.add_typer(admin.db_app, name="db")


def _print_version(wanted: bool) -> None:
    if wanted:
        out.print(f"storywire {__version__}")
        raise typer.Exit()


@app.callback()
def _main(ctx: typer.Context,
          db: str | None = typer.Option(None, "--db", help="SQLite path or postgresql:// URL (STORYWIRE_DB)."),
          config_file: Path | None = typer.Option(None, "--config", help="Settings file (default ./storywire.toml)."),
          version: bool = typer.Option(False, "--version", callback=_print_version, is_eager=True,
                                       help="Print the version and exit.")):
    ctx.obj = CommandContext(config.load(config_file, db=db))
    ctx.call_on_close(ctx.obj.close)


def _os_message(exc: OSError) -> str:
    """An OSError in one line: "out/a.csv: No such file or directory", "No space left on device"."""
    reason = exc.strerror or str(exc)
    return f"{exc.filename}: {reason}" if exc.filename else reason


def _drop_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's last flush of unwritable output stays silent."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _stop_on_sigterm(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt  # SIGTERM (kill, a service manager) stops a command as Ctrl-C does


def main() -> None:
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    try:
        try:
            app()
        finally:
            sys.stdout.flush()  # a full disk or a closed pipe shows here, not at interpreter exit
    except StorywireError as exc:
        err.print(f"error: {exc}", soft_wrap=True)
        sys.exit(2)
    except BrokenPipeError:  # `storywire ... | head`: the reader has what it wanted
        _drop_stdout()
        sys.exit(1)
    except OSError as exc:
        _drop_stdout()
        err.print(f"error: {_os_message(exc)}", soft_wrap=True)
        sys.exit(1)
    except KeyboardInterrupt:  # outside a command (Typer turns one inside into exit status 130)
        _interrupted()
    except SystemExit as exc:
        if exc.code == 130:
            _interrupted()
        raise


def _interrupted() -> None:
    from .parallel import stop_workers

    stop_workers()
    err.print("interrupted: what was stored is kept; the same command again goes on from there")
    sys.exit(130)


if __name__ == "__main__":
    main()
