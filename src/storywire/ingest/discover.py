"""What a web page says about itself: its feeds (<link rel="alternate">) and its canonical URL.

``canonical_url`` is how one article reached through two feeds (one with ``?utm_source=rss``, one
with ``#comments``) becomes one URL, and so one stored article.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

FEED_TYPES = {
    "application/rss+xml": "rss",
    "application/atom+xml": "atom",
    "application/feed+json": "json",
    "application/json": "json",
    "application/rdf+xml": "rss",
    "application/xml": "rss",
    "text/xml": "rss",
}

# Query parameters that identify the click, not the page. Prefix match for the families.
TRACKING_PREFIXES = ("utm_", "ns_", "mc_", "pk_", "piwik_", "hsa_", "_hs", "oly_", "vero_", "at_", "itm_")
TRACKING_PARAMS = {
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "twclid", "ttclid", "li_fat_id",
    "mkt_tok", "_ga", "_gl", "ocid", "cmpid", "cmp", "smid", "smtyp", "sr_share", "taid", "ito", "dicbo",
    "wt.mc_id", "wt_mc_id", "ref_src", "ref_url", "xtor", "feature", "__twitter_impression",
    "guccounter", "guce_referrer", "guce_referrer_sig", "s_cid", "s_kwcid", "rssfeed",
}


@dataclass(frozen=True)
class FoundFeed:
    """A feed a page links to: absolute URL, its title attribute, and "rss", "atom" or "json"."""

    url: str
    title: str | None
    kind: str


class _LinkScanner(HTMLParser):
    """Collects <link>, <base> and <meta property="og:url"> attributes; tolerant of broken HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[dict[str, str]] = []
        self.base: str | None = None
        self.og_url: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "").strip() for k, v in attrs}
        if tag == "link":
            self.links.append(a)
        elif tag == "base" and a.get("href") and self.base is None:
            self.base = a["href"]
        elif tag == "meta" and a.get("property", "").lower() == "og:url" and a.get("content"):
            self.og_url = self.og_url or a["content"]

    handle_startendtag = handle_starttag


def _scan(html: str, base_url: str) -> tuple[_LinkScanner, str]:
    scanner = _LinkScanner()
    # the links we want live in <head>; cutting there bounds the work on huge pages
    head_end = re.search(r"</head\s*>", html, re.I)
    scanner.feed(html[: head_end.end()] if head_end else html[:500_000])
    scanner.close()
    base = urljoin(base_url, scanner.base) if scanner.base else base_url
    return scanner, base


def find_feeds(html: str, base_url: str) -> list[FoundFeed]:
    """Feeds advertised by a page, in page order, absolute and without repeats."""
    scanner, base = _scan(html, base_url)
    found: list[FoundFeed] = []
    seen: set[str] = set()
    for link in scanner.links:
        rels = link.get("rel", "").lower().split()
        kind = FEED_TYPES.get(link.get("type", "").lower().split(";")[0].strip())
        if "alternate" not in rels or kind is None or not link.get("href"):
            continue
        url = urljoin(base, link["href"])
        if urlsplit(url).scheme not in ("http", "https") or url in seen:
            continue
        seen.add(url)
        found.append(FoundFeed(url=url, title=link.get("title") or None, kind=kind))
    return found


def find_canonical(html: str, base_url: str) -> str | None:
    """The page's own idea of its URL: <link rel="canonical">, else og:url; absolute, or None."""
    scanner, base = _scan(html, base_url)
    for link in scanner.links:
        if "canonical" in link.get("rel", "").lower().split() and link.get("href"):
            url = urljoin(base, link["href"])
            if urlsplit(url).scheme in ("http", "https"):
                return url
    if scanner.og_url:
        url = urljoin(base, scanner.og_url)
        if urlsplit(url).scheme in ("http", "https"):
            return url
    return None


def _is_tracking(name: str) -> bool:
    low = name.lower()
    return low in TRACKING_PARAMS or low.startswith(TRACKING_PREFIXES)


def canonical_url(url: str) -> str:
    """One spelling per page: lower-case scheme and host, no default port, no fragment, no tracking
    parameters (utm_*, fbclid, ...); the remaining parameters keep their order."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    if not host:
        return url.strip()
    port = parts.port if parts.port and (scheme, parts.port) not in (("http", 80), ("https", 443)) else None
    netloc = host if port is None else f"{host}:{port}"
    if ":" in host and not host.startswith("["):  # IPv6 literal
        netloc = f"[{host}]" if port is None else f"[{host}]:{port}"
    if parts.username:
        netloc = f"{parts.username}{':' + parts.password if parts.password else ''}@{netloc}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)])
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


def registrable_domain(host: str) -> str:
    """An approximation of the site a host belongs to (news.bbc.co.uk -> bbc.co.uk), no suffix list:
    a second-level label of 2-3 letters under a 2-letter country code (co.uk, com.au) counts as suffix."""
    labels = host.lower().rstrip(".").split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and len(labels[-2]) <= 3:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def same_site(a: str, b: str) -> bool:
    """Whether two URLs belong to one site; a canonical link to another site (syndication) is not trusted."""
    ha, hb = urlsplit(a).hostname, urlsplit(b).hostname
    return bool(ha and hb) and registrable_domain(ha or "") == registrable_domain(hb or "")
