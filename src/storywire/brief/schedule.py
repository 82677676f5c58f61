"""When briefings are due, and making the due ones: build, store, e-mail.

Times are wall-clock times in the reader's zone ("07:00" in Europe/Berlin), turned into instants one
local day at a time with zoneinfo, so they follow daylight saving: 07:00 stays 07:00 local when the
clocks change. A time that does not exist that day (02:30 when clocks jump from 02:00 to 03:00) falls
the length of the gap later; a time that occurs twice (02:30 when clocks go back) is taken once,
at its first occurrence. ``run_due`` is safe to call every minute: a slot is served once, the store
remembering it (a briefing whose period ends at or after the slot), and a slot missed by more than
``max_delay`` (storywire was not running) is skipped rather than sent late.
"""
from __future__ import annotations

import json
import logging
import re
import ssl
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from ..clock import utcnow
from ..config import Settings
from ..errors import ConfigError, StorywireError
from ..store.base import Connection, Store
from .build import build_briefing, zone

log = logging.getLogger(__name__)
MAX_DELAY = timedelta(hours=3)


def parse_times(times: list[str] | tuple[str, ...]) -> list[time]:
    """"HH:MM" strings to times, sorted and without repeats; a clear error for anything else."""
    out = set()
    for t in times:
        m = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*", str(t))
        if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
            raise ConfigError(f"briefing time {t!r} is not a time of day: use HH:MM, e.g. \"07:00\"")
        out.add(time(int(m.group(1)), int(m.group(2))))
    return sorted(out)


def _instants(times: list[time], tz: str, day: date) -> list[datetime]:
    z = zone(tz)
    # fold=0: an ambiguous time is its first occurrence; a missing one uses the offset before the gap.
    return [datetime.combine(day, t, tzinfo=z).astimezone(UTC) for t in times]


def slots_between(times: list[str], tz: str, start: datetime, end: datetime) -> list[datetime]:
    """Scheduled instants t (UTC) with start < t <= end, in order."""
    parsed, z = parse_times(times), zone(tz)
    day, last = start.astimezone(z).date() - timedelta(days=1), end.astimezone(z).date() + timedelta(days=1)
    found: set[datetime] = set()
    while day <= last:
        found.update(t for t in _instants(parsed, tz, day) if start < t <= end)
        day += timedelta(days=1)
    return sorted(found)


def next_due(times: list[str], tz: str, after: datetime, count: int = 1) -> list[datetime]:
    """The next ``count`` scheduled instants (UTC) strictly after ``after``."""
    parsed, z = parse_times(times), zone(tz)
    if not parsed:
        return []
    day = after.astimezone(z).date()
    found: set[datetime] = set()
    while len(found) < count:
        found.update(t for t in _instants(parsed, tz, day) if t > after)
        day += timedelta(days=1)
    return sorted(found)[:count]


def last_due(times: list[str], tz: str, at: datetime) -> datetime | None:
    """The latest scheduled instant at or before ``at`` (None when there are no times)."""
    slots = slots_between(times, tz, at - timedelta(days=2), at)
    return slots[-1] if slots else None


# -- running the due briefings --------------------------------------------------------------------
@dataclass(frozen=True)
class Recipient:
    user_id: int | None  # None: the briefing for everyone (stored, not mailed)
    name: str | None
    email: str | None
    timezone: str
    times: tuple[str, ...]


@dataclass(frozen=True)
class RunResult:
    recipient: str
    briefing_id: int | None
    stories: int
    sent: bool
    error: str | None = None


def recipients(store: Store, conn: Connection, settings: Settings) -> list[Recipient]:
    """Everyone's briefing, then each user with an e-mail address (own times and zone, else the settings')."""
    out = [Recipient(None, None, None, settings.timezone, tuple(settings.briefing_times))]
    for u in store.mail_recipients(conn):
        try:
            own = json.loads(u["briefing_times"]) if u["briefing_times"] else None
        except json.JSONDecodeError:
            own = None
            log.warning("user %s: briefing_times is not a JSON list; using the global times", u["name"])
        if own is not None and not isinstance(own, list):
            own = None
        out.append(Recipient(u["id"], u["name"], u["email"], u["timezone"] or settings.timezone,
                             tuple(own if own is not None else settings.briefing_times)))
    return out


def run_due(store: Store, settings: Settings, now: datetime | None = None, send: bool = True,
            max_delay: timedelta = MAX_DELAY, ssl_context: ssl.SSLContext | None = None) -> list[RunResult]:
    """Build, store and (for users with an e-mail, when smtp_host is set) send every briefing due at ``now``."""
    from .deliver import send as send_mail
    from .model import Briefing

    now = now or utcnow()
    with store.read() as conn:
        everyone = recipients(store, conn, settings)
    results = []
    for r in everyone:
        label, bid, stories = r.name or "everyone", None, 0
        try:
            slot = last_due(list(r.times), r.timezone, now)
            if slot is None or now - slot > max_delay:
                continue
            with store.read() as conn:
                last = store.last_briefing(conn, r.user_id)
            if last is not None and last.period_end >= slot:
                if not (r.email and send and settings.smtp_host and last.delivered is None
                        and last.data.get("sections") and now - last.created <= max_delay):
                    continue
                briefing, bid = Briefing.from_dict(last.data), last.id  # a send that failed: try again
            else:
                briefing = build_briefing(store, settings, until=now, user=r.name, now=now)
                with store.atomic() as conn:
                    bid = store.save_briefing(conn, r.user_id, briefing.title, briefing.period_start,
                                              briefing.period_end, briefing.to_dict(), created=now)
            sent, stories = False, len(briefing.items)
            if r.email and send and settings.smtp_host and briefing.items:
                send_mail(briefing, r.email, settings, ssl_context=ssl_context)
                with store.atomic() as conn:
                    store.mark_delivered(conn, bid, utcnow())
                sent = True
            results.append(RunResult(label, bid, stories, sent))
        except StorywireError as exc:
            log.warning("briefing for %s: %s", label, exc)
            results.append(RunResult(label, bid, stories, False, str(exc)))
    return results
