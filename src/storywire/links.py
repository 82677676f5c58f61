"""Which URLs storywire stores and renders as links: absolute http(s) only.

Article URLs come from feeds and pages, so ``javascript:``, ``data:`` and anything a browser could
read differently (spaces, control characters) must never become a link.
"""
from __future__ import annotations

from urllib.parse import urlsplit


def http_link(url: str | None) -> str | None:
    """The URL when it is an absolute http(s) link with a host, else None."""
    if not url or any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None
