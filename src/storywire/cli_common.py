"""What every command module shares: the command context, the two consoles, and small helpers.

The consoles print data as it is: no markup, no emoji codes, no highlighting (style with rich Text).
Piped into a file or another program they are wide, so tables are not cut at 80 columns.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import typer
from rich.console import Console

from .clock import utcnow
from .config import Settings
from .errors import InputError
from .store import Store, open_store

if TYPE_CHECKING:
    from .pipeline import Pipeline

PIPED_WIDTH = 160  # columns of piped output: a 100-character user name still fits its table


def _console(stderr: bool) -> Console:
    width = None if (sys.stderr if stderr else sys.stdout).isatty() else PIPED_WIDTH
    return Console(stderr=stderr, width=width, markup=False, emoji=False, highlight=False)


out = _console(stderr=False)
err = _console(stderr=True)


@dataclass
class CommandContext:
    """What every command gets: the settings, and the store opened on first use.

    ``creates_store``: the command may create the store; otherwise a SQLite file that does not exist
    is an error (reading an empty store made on the spot would only hide a wrong --db).
    """

    settings: Settings
    creates_store: bool = False
    _store: Store | None = field(default=None, repr=False)

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = open_store(self.settings.db, create=self.creates_store)
        return self._store

    def close(self) -> None:
        """Close the store, if the command opened it."""
        if self._store is not None:
            self._store.close()

    def pipeline(self) -> Pipeline:
        """The pipeline on these settings; every command that analyses stories gets it here."""
        from .analyse import entities
        from .pipeline import Pipeline

        entities.configure(self.settings)
        return Pipeline(self.store, self.settings)


def command_context(ctx: typer.Context, creates_store: bool = False) -> CommandContext:
    """The CommandContext the root callback made; ``creates_store`` for the commands that may create it."""
    cmd: CommandContext = ctx.find_root().obj
    cmd.creates_store = creates_store
    return cmd


def parse_since(text: str, ref: datetime | None = None) -> datetime:
    """'12h', '3d', '90m' back from ``ref`` (default now), or an ISO date/time (naive: UTC)."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([mhdw])\s*", text or "")
    if m:
        unit = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}[m.group(2)]
        return (ref or utcnow()) - timedelta(**{unit: float(m.group(1))})
    try:
        dt = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise InputError(f"cannot read the time {text!r}: use e.g. 12h, 3d or 2022-02-04T19:00") from None
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt


