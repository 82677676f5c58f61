"""The clock: every "now" storywire records or compares is an aware UTC time from ``utcnow``."""
from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)
