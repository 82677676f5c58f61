"""Secrets out of the access log: uvicorn logs each request's path with its query string, and feed
readers pass their API token as ``?token=``. ``install_log_redaction()`` (called by ``create_app``)
makes the 'uvicorn.access' logger write such values as REDACTED.
"""
from __future__ import annotations

import logging
from urllib.parse import unquote_plus

SECRET_PARAMS = frozenset({"token", "access_token", "api_key", "auth"})
ACCESS_LOGGER = "uvicorn.access"


def redact(target: str) -> str:
    """A path with the values of secret query parameters replaced by REDACTED."""
    path, mark, query = target.partition("?")
    if not mark:
        return target
    pairs = [pair.partition("=") for pair in query.split("&")]
    return path + "?" + "&".join(
        name + eq + ("REDACTED" if eq and unquote_plus(name).strip().lower() in SECRET_PARAMS else value)
        for name, eq, value in pairs)


class RedactTokens(logging.Filter):
    """Rewrites the string arguments of each record (uvicorn passes the path as one of them)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        return True


def install_log_redaction() -> None:
    """Attach RedactTokens to uvicorn's access logger (once, however many apps are made)."""
    logger = logging.getLogger(ACCESS_LOGGER)
    if not any(isinstance(f, RedactTokens) for f in logger.filters):
        logger.addFilter(RedactTokens())
