"""WARC files of news crawls (CC-NEWS and the like), .warc or .warc.gz, read with warcio.

Each HTTP response record with status 200 and an HTML body becomes a ``RawItem`` of kind html: its
target URI is the page's URL and its WARC-Date (the crawl time) the fallback time, taken only when
neither the page nor its URL gives a date. Other records are skipped and counted by reason (requests,
metadata, redirects, errors, images); a record that cannot be read is rejected alone as
``file@offset: why``, and a file cut or corrupted midway keeps every record before the cut.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from ..models import RawItem, Rejected
from .validate import HTML_FACTOR

HTML_TYPES = ("text/html", "application/xhtml+xml")


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip().strip("\"'"):
            return value.strip().strip("\"'")
    return None


def _decode(body: bytes, content_type: str) -> str:
    """The page's text: the declared charset when it decodes, else UTF-8 or the most likely encoding."""
    from .files import decode

    charset = _charset(content_type)
    if charset:
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(body)


def _crawl_time(value: str | None) -> datetime | None:
    from .files import parse_time

    try:
        return parse_time(value) if value else None
    except ValueError:
        return None


class WarcReader:
    """The pages of one WARC file; ``skipped`` counts the records that are no article page, by reason."""

    def __init__(self, path: Path, max_record_bytes: int) -> None:
        self.path = path
        self.max_html_bytes = max_record_bytes * HTML_FACTOR
        self.skipped: Counter[str] = Counter()

    def __iter__(self) -> Iterator[RawItem | Rejected]:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed

        offset = 0
        try:
            with open(self.path, "rb") as fh:
                records = ArchiveIterator(fh)
                for record in records:
                    offset = records.offset  # where this record starts (get_record_offset() would read it)
                    yield from self._record(record, f"{self.path}@{offset}")
        except (ArchiveLoadFailed, EOFError, OSError, ValueError) as exc:
            where = f"{self.path}@{offset}" if offset else str(self.path)
            reason = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
            yield Rejected(where, f"unreadable WARC data ({reason[:160]}); the records before it were read")

    def _record(self, record, origin: str) -> Iterator[RawItem | Rejected]:
        if not record.rec_type:
            yield Rejected(origin, "unreadable WARC data (a record without WARC-Type)")
            return
        if record.rec_type != "response":
            self.skipped[f"{record.rec_type} record"] += 1
            return
        if record.http_headers is None:
            self.skipped["response without HTTP headers"] += 1
            return
        status = record.http_headers.get_statuscode()
        if status != "200":
            self.skipped[f"HTTP status {status}"] += 1
            return
        content_type = record.http_headers.get_header("Content-Type") or ""
        if not any(t in content_type.lower() for t in HTML_TYPES):
            self.skipped[f"not HTML ({content_type.split(';')[0].strip() or 'no content type'})"] += 1
            return
        url = record.rec_headers.get_header("WARC-Target-URI")
        body = record.content_stream().read(self.max_html_bytes + 1)
        if len(body) > self.max_html_bytes:
            yield Rejected(origin, f"HTML over the {self.max_html_bytes / 1e6:g} MB limit (max_record_bytes)")
            return
        missing = getattr(record.raw_stream, "limit", 0)  # what the record declares but the file no longer holds
        if missing:
            yield Rejected(origin, f"record cut short ({missing} bytes missing): the file ends inside it")
            return
        try:
            html = _decode(body, content_type)
        except ValueError as exc:
            yield Rejected(origin, str(exc))
            return
        if not html.strip():
            self.skipped["empty body"] += 1
            return
        yield RawItem(origin=origin, kind="html", url=url, html=html,
                      entry_published=_crawl_time(record.rec_headers.get_header("WARC-Date")))


def read_warc(path: Path, max_record_bytes: int) -> Iterator[RawItem | Rejected]:
    """The article pages of a WARC file (see :class:`WarcReader`; what was skipped is not reported)."""
    return iter(WarcReader(path, max_record_bytes))
