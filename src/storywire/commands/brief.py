"""`storywire brief`: make a briefing now, print or save it in any format, and optionally e-mail it."""
from __future__ import annotations

import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional

import typer

from ..errors import ConfigError, InputError


def register(app: typer.Typer) -> None:
    @app.command("brief")
    def brief(ctx: typer.Context,
              since: Optional[str] = typer.Option(None, help="Start of the period: 12h, 3d or an ISO time "
                                                  "(default: the end of the last briefing, at most 24 hours back)."),
              until: Optional[str] = typer.Option(None, help="End of the period (default now; an ISO time makes "
                                                  "the briefing an archive would have had then)."),
              user: Optional[str] = typer.Option(None, help="Personalise for this user (follows, mutes, time zone)."),
              fmt: str = typer.Option("markdown", "--format", help="markdown, html, text, atom, jsonfeed or json."),
              out_file: Optional[Path] = typer.Option(None, "--out", help="Write here instead of stdout."),
              send: bool = typer.Option(False, "--send", help="E-mail it (to --to, else the user's address) "
                                        "through the smtp_* settings; a user's is kept as delivered."),
              to: Optional[str] = typer.Option(None, "--to", help="Recipient for --send.")):
        """Make a briefing: the top stories of the period, each in sentences quoted from their sources."""
        from ..brief import FORMATS, build_briefing, render
        from ..brief.deliver import send as send_mail
        from ..cli import env, parse_since

        if fmt not in FORMATS:
            raise InputError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
        e = env(ctx)
        now = datetime.now(timezone.utc)
        end = parse_since(until, now) if until else now
        start = parse_since(since, end) if since else None
        if start is not None and start >= end:
            raise InputError("--since must be before --until")
        briefing = build_briefing(e.store, e.settings, since=start, until=end, user=user, now=now)
        body = render(briefing, fmt)
        if out_file:
            out_file.write_text(body, encoding="utf-8")  # an OSError is one line, by cli.main
        else:
            sys.stdout.write(body)
        if send:
            with e.store.read() as conn:
                reader = e.store.user_by_name(conn, user) if user else None
            address = to or (reader["email"] if reader else None)
            if not address:
                raise ConfigError("--send needs --to ADDRESS, or --user with an e-mail address")
            send_mail(briefing, address, e.settings)
            if reader is not None:  # the user has now read it: their next briefing tells only what is new
                with e.store.atomic() as conn:
                    e.store.save_briefing(conn, reader["id"], briefing.title, briefing.period_start,
                                          briefing.period_end, briefing.to_dict(), created=now, delivered=now)
            typer.echo(f"sent {briefing.title!r} ({len(briefing.items)} stories) to {address}", err=True)
