"""`storywire brief`: make a briefing now, print or save it in any format, and optionally e-mail it."""
from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

import typer

from ..cli_common import command_context, err, parse_since
from ..clock import utcnow
from ..errors import ConfigError, InputError
from ..words import plural

app = typer.Typer()


@app.command("brief")
def brief(ctx: typer.Context,
          since: str | None = typer.Option(None, help="Start of the period: 12h, 3d or an ISO time "
                                           "(default: the end of the last briefing, at most 24 hours back)."),
          until: str | None = typer.Option(None, help="End of the period (default now; an ISO time makes "
                                           "the briefing an archive would have had then)."),
          user: str | None = typer.Option(None, help="Personalise for this user (follows, mutes, time zone)."),
          fmt: str = typer.Option("markdown", "--format", help="markdown, html, text, atom, jsonfeed or json."),
          out_file: Path | None = typer.Option(None, "--out", help="Write here instead of stdout."),
          send: bool = typer.Option(False, "--send", help="E-mail it (to --to, else the user's address) "
                                    "through the smtp_* settings; a user's is kept as delivered."),
          to: str | None = typer.Option(None, "--to", help="Recipient for --send.")):
    """Make a briefing: the top stories of the period, each in sentences quoted from their sources."""
    from ..brief import FORMATS, build_briefing, render
    from ..brief.deliver import send as send_mail

    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    cmd = command_context(ctx)
    now = utcnow()
    end = parse_since(until, now) if until else now
    start = parse_since(since, end) if since else None
    if start is not None and start >= end:
        raise InputError("--since must be before --until")
    briefing = build_briefing(cmd.store, cmd.settings, since=start, until=end, user=user, now=now)
    body = render(briefing, fmt)
    if out_file:
        out_file.write_text(body, encoding="utf-8")  # an OSError is one line, by cli.main
    else:
        sys.stdout.write(body)
    if not briefing.items and until is None:
        with cmd.store.read() as conn:
            newest = cmd.store.newest_story_time(conn)
        if newest is not None and newest < briefing.period_start:  # a store of older news: say how to brief it
            err.print(f"The store's newest news is from {newest:%Y-%m-%d}; its briefing: storywire brief --until "
                      f"{newest + timedelta(days=1):%Y-%m-%d}", style="dim", soft_wrap=True)
    if send:
        with cmd.store.read() as conn:
            reader = cmd.store.user_by_name(conn, user) if user else None
        address = to or (reader["email"] if reader else None)
        if not address:
            raise ConfigError("--send needs --to ADDRESS, or --user with an e-mail address")
        send_mail(briefing, address, cmd.settings)
        if reader is not None:  # the user has now read it: their next briefing tells only what is new
            with cmd.store.atomic() as conn:
                cmd.store.save_briefing(conn, reader["id"], briefing.title, briefing.period_start,
                                        briefing.period_end, briefing.to_dict(), created=now, delivered=now)
        err.print(f"sent {briefing.title!r} ({plural(len(briefing.items), 'story', 'stories')}) to {address}",
                  soft_wrap=True)
