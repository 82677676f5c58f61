"""`storywire settings` and `storywire db migrate|copy`: the installation's settings and its store."""
from __future__ import annotations

import sys
from contextlib import closing

import typer
from rich.table import Table

from .. import config
from ..cli_common import command_context, err, out
from ..store import open_store

app = typer.Typer()
db_app = typer.Typer(help="Manage the store's schema and move it between backends.", no_args_is_help=True)


def settings_markdown() -> str:
    """The settings table of README.md (between its <!-- settings --> markers)."""
    rows = ["| setting | default | env var | help |", "| --- | --- | --- | --- |"]
    for name, default, help_text in config.Settings.help_table():
        cell = help_text.replace("|", r"\|")
        rows.append(f"| `{name}` | `{default}` | `STORYWIRE_{name.upper()}` | {cell} |")
    return "\n".join(rows) + "\n"


@app.command()
def settings(markdown: bool = typer.Option(False, "--markdown", help="As the Markdown table of README.md.")):
    """Print every setting with its default and help."""
    if markdown:
        sys.stdout.write(settings_markdown())
        return
    table = Table("setting", "default", "env var", "help", box=None)
    for name, default, help_text in config.Settings.help_table():
        table.add_row(name, default, f"STORYWIRE_{name.upper()}", help_text)
    out.print(table)


@db_app.command("migrate")
def db_migrate(ctx: typer.Context):
    """Create the store or bring its schema up to date."""
    db = command_context(ctx, creates_store=True).settings.db
    with closing(open_store(db, migrate=False)) as store:
        applied = store.migrate()
        out.print(f"{db}: schema {store.schema_revision()} ({'migrated' if applied else 'already current'})")


@db_app.command("copy")
def db_copy(src: str = typer.Option(..., "--from",
                                    help="Source store: SQLite path, sqlite:///path or postgresql:// URL."),
            dst: str = typer.Option(..., "--to", help="Target store (created and migrated if new).")):
    """Copy a whole installation to another store, e.g. SQLite to PostgreSQL. Run again to resume."""
    from ..progress import copy_progress
    from ..store.copy import copy_store

    with (closing(open_store(src, create=False)) as source, closing(open_store(dst)) as target,
          copy_progress(err) as on_rows):
        copied = copy_store(source, target, on_rows)
    out.print(", ".join(f"{t}: {n}" for t, n in copied.items() if n))
