"""Outlet names: the one rule deciding which outlet an article is from.

In order: the outlet the input states (a JSONL record's ``source``, a feed's title), lightly cleaned;
else the table of known outlets (``outlets.json``, by host or registrable domain); else the page's
``og:site_name`` (or what trafilatura found) when it looks like a name, not a date, a copyright line,
a template placeholder, a URL or a sentence; else the URL's registrable domain ("example.co.uk", from
the public suffix list the ``publicsuffixlist`` package ships: nothing is downloaded); else None.
None means "unknown outlet": the store keeps such articles under a reserved name, never as one outlet.
"""
from __future__ import annotations

import json
import re
import threading
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from ..words import shorten

MAX_NAME_CHARS = 60  # a site name longer than this, or of more than MAX_NAME_WORDS words, is a sentence
MAX_NAME_WORDS = 8
STATED_CHARS = 200  # a stated outlet name is kept whole up to this length (cut after a word beyond)
_NOT_STATED = {"unknown", "n/a", "na", "none", "null", "-", "?", "undefined"}
_lock = threading.Lock()

_PLACEHOLDER = re.compile(r"\{.*\}|\$\{|%[\w.]+%|\[\[.*\]\]|<%|%>|\{\{|\}\}")
_COPYRIGHT = re.compile(r"©|\(c\)|&copy;|\bcopyright\b|\ball rights reserved\b|\balle rechte vorbehalten\b|"
                        r"\btous droits réservés\b", re.I)
_MONTHS = (r"jan(uary|uar)?|feb(ruary|ruar)?|m(ar(ch)?|ärz|ars)|apr(il)?|ma[iy]|june?|juni|july?|juli|aug(ust)?|"
           r"sep(t(ember)?)?|o[ck]t(ober)?|nov(ember)?|de[cz](ember)?|janvier|février|avril|juin|juillet|août|"
           r"septembre|octobre|novembre|décembre")
_DATE = re.compile(
    r"\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b"  # 02.11.2021, 2021-11-02, 11/2/21
    rf"|\b\d{{1,2}}\.?\s+(?:{_MONTHS})\b|\b(?:{_MONTHS})\.?\s+\d{{1,2}}\b"  # 10. Oktober, March 3
    r"|\b(?:19|20)\d{2}\b", re.I)  # a year on its own: copyright lines, "Wochenbericht ... 2022"
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_URL = re.compile(r"^(?:https?://|www\.)|https?://\S+|\bwww\.\S+", re.I)
_DOMAIN = re.compile(r"^(?:[a-z0-9äöüß-]+\.)+[a-z]{2,24}/?$", re.I)


@cache
def _psl():
    from publicsuffixlist import PublicSuffixList

    return PublicSuffixList()


@cache
def known_outlets() -> dict[str, str]:
    """The table of known outlets: host or registrable domain -> name."""
    with open(Path(__file__).with_name("outlets.json"), encoding="utf-8") as f:
        return json.load(f)


def host_of(url: str | None) -> str | None:
    """The URL's host name, lower case, without "www." (None when there is none)."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname
    except ValueError:
        return None
    if not host or "." not in host or host.replace(".", "").isdigit():
        return None
    return host.removeprefix("www.").rstrip(".")


def registrable_domain(url: str | None) -> str | None:
    """The domain one registers ("bbc.co.uk" for https://www.bbc.co.uk/news), from the public suffix list."""
    host = host_of(url)
    if host is None:
        return None
    with _lock:  # the list is built once, on first use
        psl = _psl()
    return psl.privatesuffix(host)


def known_outlet(url: str | None) -> str | None:
    """The name of a known outlet for this URL: its host, then each parent domain, in the table."""
    host, domain = host_of(url), registrable_domain(url)
    if host is None or domain is None:
        return None
    table = known_outlets()
    labels = host.split(".")
    for i in range(len(labels) - domain.count(".")):
        name = table.get(".".join(labels[i:]))
        if name:
            return name
    return None


def clean_name(name: str | None) -> str | None:
    """Spacing folded, surrounding quotes and separators stripped; "" and "unknown" are no name."""
    if not name:
        return None
    name = " ".join(name.split()).strip(" \"'“”‘’«»|•·–—")
    if not name or name.casefold() in _NOT_STATED:
        return None
    return shorten(name, STATED_CHARS)


def looks_like_name(name: str) -> bool:
    """Whether a page's site name is an outlet's name: not a date, a copyright line, a template
    placeholder, a URL, a bare domain or an e-mail address, not a sentence (over 60 characters or 8
    words), not mostly digits and punctuation."""
    if not name or len(name) > MAX_NAME_CHARS or len(name.split()) > MAX_NAME_WORDS:
        return False
    if _PLACEHOLDER.search(name) or _COPYRIGHT.search(name) or _DATE.search(name):
        return False
    if _URL.search(name) or _EMAIL.search(name) or _DOMAIN.match(name):
        return False
    visible = [c for c in name if not c.isspace()]
    return sum(c.isalpha() for c in visible) * 2 >= len(visible)


def outlet_name(stated: str | None, site_name: str | None = None, url: str | None = None) -> str | None:
    """The outlet an article is from (see the module's docstring for the order), or None: unknown."""
    name = clean_name(stated)
    if name is not None and not _PLACEHOLDER.search(name):
        if _URL.search(name) or _DOMAIN.match(name):  # "reuters.com" or a link given as the source
            return known_outlet(name) or registrable_domain(name) or name
        return name
    found = known_outlet(url)
    if found:
        return found
    site = clean_name(site_name)
    if site is not None and looks_like_name(site):
        return site
    return registrable_domain(url)
