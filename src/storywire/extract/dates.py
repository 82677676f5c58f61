"""A publication date read from an article's URL ("/2022/02/04/", "/2022-02-04/", "…-20220204-…").

Used only when neither the record nor the page gives a date. A URL gives a day, not a time: the
date is taken at 12:00 UTC, the time of day that lies inside that calendar day in every zone from
UTC-11 to UTC+11, so the day shown near the outlet is the URL's day (midnight UTC would show as the
day before anywhere west of Greenwich), and a clustering window around it is off by at most 12 hours.
"""
from __future__ import annotations

import re
from datetime import UTC, datetime
from urllib.parse import urlsplit

from ..clock import utcnow

EARLIEST_YEAR = 1990
NOON = 12
_PATTERNS = (
    re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?=/|$|[-_.])"),  # /2022/02/04/
    re.compile(r"(?<![\d])((?:19|20)\d{2})-(\d{2})-(\d{2})(?![\d])"),  # /2022-02-04/, slug-2022-02-04
    re.compile(r"(?<![\d])((?:19|20)\d{2})(\d{2})(\d{2})(?![\d])"),  # 20220204 alone in its digits
)


def url_date(url: str | None, now: datetime | None = None) -> datetime | None:
    """The date in the URL's path, at noon UTC, when it is a real day from 1990 to today; else None."""
    if not url:
        return None
    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    now = now or utcnow()
    for pattern in _PATTERNS:
        for m in pattern.finditer(path):
            year, month, day = (int(g) for g in m.groups())
            if not EARLIEST_YEAR <= year <= now.year:
                continue
            try:
                found = datetime(year, month, day, NOON, tzinfo=UTC)
            except ValueError:
                continue
            if found.date() <= now.date():
                return found
    return None
