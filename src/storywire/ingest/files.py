"""Readers for local files: JSONL archives, saved HTML pages, plain-text page dumps and WARC crawls (each maybe .gz).

A reader yields ``RawItem`` for every usable record and ``Rejected`` (with file:line and why) for
every bad one, and carries on: one bad line never costs the good ones around it.
"""
from __future__ import annotations

import gzip
import io
import json
import zlib
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from ..config import Settings
from ..models import RawItem, Rejected
from .validate import HTML_FACTOR

SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".html": "html", ".htm": "html", ".txt": "dump", ".warc": "warc"}
MAX_FILE_BYTES = 200_000_000
DEFAULT_MAX_RECORD_BYTES = Settings.max_record_bytes


def kind_of(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return SUFFIXES.get(Path(name).suffix)


def discover(paths: Iterable[str | Path]) -> tuple[list[Path], list[Rejected]]:
    """Expand files and folders (recursively) into the files storywire can read, sorted for repeatability."""
    found: list[Path] = []
    bad: list[Rejected] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and kind_of(p)))
        elif path.is_file():
            if kind_of(path):
                found.append(path)
            else:
                why = "unsupported file type (use .jsonl, .html, .htm, .txt or .warc, optionally .gz)"
                bad.append(Rejected(str(path), why))
        else:
            bad.append(Rejected(str(path), "no such file or folder"))
    return found, bad


def read_bytes(path: Path) -> tuple[bytes, str | None]:
    """The file's bytes (gunzipped), and a problem if it was cut short (what was read is still returned)."""
    data = path.read_bytes()
    if len(data) > MAX_FILE_BYTES:
        raise ValueError(f"file larger than {MAX_FILE_BYTES // 1_000_000} MB")
    if not path.name.lower().endswith(".gz"):
        return data, None
    out = io.BytesIO()
    dec = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out.write(dec.decompress(data, MAX_FILE_BYTES))
        if dec.unconsumed_tail:
            raise ValueError(f"decompressed file larger than {MAX_FILE_BYTES // 1_000_000} MB")
        if not dec.eof:
            return out.getvalue(), "truncated .gz file (the part before the cut was read)"
    except zlib.error as exc:
        return out.getvalue(), f"corrupt .gz file ({exc})"
    return out.getvalue(), None


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else the most likely encoding; refuses binary data."""
    if b"\x00" in data[:4096]:
        raise ValueError("binary data, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ValueError("undecodable text (not UTF-8 and no other encoding fits)")
    return str(best)


def parse_time(value: object) -> datetime:
    """ISO 8601 (a trailing Z allowed) to an aware datetime; naive times are taken as UTC."""
    if not isinstance(value, str):
        raise ValueError(f"published must be an ISO 8601 string, not {type(value).__name__}")
    text = value.strip().replace("Z", "+00:00").replace("z", "+00:00")
    try:
        dt = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"published {value[:40]!r} is not an ISO 8601 time") from None
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt


def _published(record: dict) -> tuple[datetime | None, str | None]:
    """The record's time, or None and a warning when it cannot be read (the record is kept)."""
    value = record.get("published")
    if value in (None, ""):
        return None, None
    try:
        return parse_time(value), None
    except ValueError as exc:
        return None, f"{exc}: dropped"


def _str(record: dict, key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise ValueError(f"field {key!r} must be a string")
    return value.strip() or None


def jsonl_item(record: object, origin: str) -> RawItem:
    """One JSONL record to a RawItem (a title alone makes a headline-only item); raises ValueError with a
    clear reason."""
    if not isinstance(record, dict):
        raise ValueError("each line must be a JSON object")
    text, html, title = _str(record, "text"), _str(record, "html"), _str(record, "title")
    if not text and not html and not title:
        raise ValueError('no "title", "text" or "html" field with content')
    authors = record.get("authors") or ([record["author"]] if isinstance(record.get("author"), str) else [])
    published, warning = _published(record)
    return RawItem(
        origin=origin, kind="html" if html and not text else "text", external_id=_str(record, "id"),
        url=_str(record, "url"), source=_str(record, "source"), title=title, text=text, html=None if text else html,
        published=published, language=_str(record, "language"),
        authors=tuple(a for a in authors if isinstance(a, str)) if isinstance(authors, list) else (),
        section=_str(record, "section"), warnings=(warning,) if warning else (),
    )


def _jsonl_line(line: bytes, origin: str, max_line_bytes: int) -> RawItem | Rejected:
    if len(line) > max_line_bytes:
        return Rejected(origin, f"line of {len(line) / 1e6:.1f} MB is over the "
                                f"{max_line_bytes / 1e6:g} MB limit (max_record_bytes)")
    try:
        record = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as exc:
        return Rejected(origin, f"not UTF-8 (byte 0x{line[exc.start]:02x} at column {exc.start + 1})")
    except json.JSONDecodeError as exc:
        return Rejected(origin, f"not valid JSON ({exc.msg} at column {exc.colno})")
    except RecursionError:
        return Rejected(origin, "JSON nested too deeply")
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        return Rejected(origin, f"not usable JSON ({str(exc)[:120]})")
    try:
        return jsonl_item(record, origin)
    except ValueError as exc:
        return Rejected(origin, str(exc))


def read_jsonl(path: Path, data: bytes, max_record_bytes: int) -> Iterator[RawItem | Rejected]:
    """One item per line; each line must be UTF-8 JSON (a line that is not is rejected with its number)."""
    max_line_bytes = max_record_bytes * HTML_FACTOR * 2  # JSON escapes may double a record's size
    for number, line in enumerate(data.removeprefix(b"\xef\xbb\xbf").split(b"\n"), 1):
        if line.strip():
            yield _jsonl_line(line, f"{path}:{number}", max_line_bytes)


def read_file(path: Path, max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES) -> Iterator[RawItem | Rejected]:
    """Every item in one file; problems become Rejected items, never exceptions."""
    kind = kind_of(path)
    if kind == "warc":  # streamed record by record: crawl files are large
        from .warc import read_warc

        yield from read_warc(path, max_record_bytes)
        return
    try:
        data, problem = read_bytes(path)
        content = "" if kind == "jsonl" or not data else decode(data)
    except (OSError, ValueError, EOFError, gzip.BadGzipFile) as exc:
        yield Rejected(str(path), str(exc) or exc.__class__.__name__)
        return
    if kind == "jsonl":
        if not data.strip() and not problem:
            yield Rejected(str(path), "empty file")
        yield from read_jsonl(path, data, max_record_bytes)
    elif problem:
        pass  # a cut-off page is not a page: reported below, nothing stored
    elif not content.strip():
        yield Rejected(str(path), "empty file")
    elif kind == "html":
        yield RawItem(origin=str(path), kind="html", html=content)
    else:
        yield RawItem(origin=str(path), kind="dump", text=content)
    if problem:
        yield Rejected(str(path), problem)


def read_paths(paths: Iterable[str | Path],
               max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES) -> Iterator[RawItem | Rejected]:
    files, bad = discover(paths)
    yield from bad
    for path in files:
        yield from read_file(path, max_record_bytes)
