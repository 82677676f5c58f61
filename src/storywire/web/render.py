"""Jinja2 set-up: templates, filters for times, outlets and links, the static asset version, page rendering."""
from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

import nh3
from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from ..brief.render import outlets_line, period_line, quote_line, reasons_line, section_name, whats_new_line
from ..clock import utcnow
from ..links import http_link
from ..models import outlet_label
from ..store.articles import UNKNOWN_OUTLET
from .auth import Viewer
from .svg import hue, sparkline_svg, timeline_svg

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"

# What survives in article bodies: text structure only. No attributes beyond a link's href, no
# scripts, styles, event handlers or embedded media (the CSP would block them anyway).
ALLOWED_TAGS = {"p", "a", "em", "strong", "b", "i", "blockquote", "ul", "ol", "li", "h2", "h3", "h4", "br", "q",
                "cite", "sub", "sup", "figure", "figcaption", "code", "pre"}


def sanitise(html: str) -> Markup:
    """Untrusted article HTML to markup safe to inline (nh3: an allow-list HTML sanitiser)."""
    return Markup(nh3.clean(html, tags=ALLOWED_TAGS, attributes={"a": {"href"}}, url_schemes={"http", "https"},
                            link_rel="noopener noreferrer nofollow ugc"))


def safe_url(url: str | None) -> str:
    """The URL when a page may link to it (see storywire.links), else ""."""
    return http_link(url) or ""


def text_to_html(text: str) -> Markup:
    """Clean article text to paragraphs: escaped first, then sanitised, so nothing in it can run."""
    paras = [p.strip() for p in text.split("\n") if p.strip()]
    return sanitise("".join(f"<p>{escape(p)}</p>" for p in paras))


def _utc(t: datetime) -> datetime:
    return t if t.tzinfo else t.replace(tzinfo=UTC)


def timeago(t: datetime | None, now: datetime | None = None) -> str:
    if t is None:
        return ""
    t = _utc(t)
    now = now or utcnow()
    s = (now - t).total_seconds()
    if 0 <= s < 60:
        return "just now"
    if 0 <= s < 3600:
        return f"{int(s // 60)} min ago"
    if 0 <= s < 86400:
        return f"{int(s // 3600)} h ago"
    if 0 <= s < 7 * 86400:
        return f"{int(s // 86400)} d ago"
    return t.strftime("%b %-d, %Y") if t.year != now.year else t.strftime("%b %-d")


def due_in(t: datetime | None, now: datetime | None = None) -> str:
    """A coming time as "now", "in 5 min" or "in 2 h" (for the next fetch)."""
    if t is None:
        return ""
    s = (_utc(t) - (now or utcnow())).total_seconds()
    if s < 60:
        return "now"
    if s < 3600:
        return f"in {int(s // 60)} min"
    return f"in {int(s // 3600)} h"


def when(t: datetime | None) -> Markup:
    """A <time> element: relative text, the exact UTC time on hover and in the datetime attribute."""
    if t is None:
        return Markup("")
    t = _utc(t)
    return Markup(f'<time datetime="{t.isoformat()}" title="{t.strftime("%Y-%m-%d %H:%M UTC")}">'
                  f'{escape(timeago(t))}</time>')


def published(t: datetime | None) -> Markup:
    """An article's publication time as a <time> element, or "undated": never the time it was fetched."""
    if t is None:
        return Markup('<span class="undated" title="no date in the article, its page or its link">undated</span>')
    return when(t)


def clock(t: datetime | None) -> str:
    return _utc(t).strftime("%b %-d, %Y %H:%M UTC") if t else ""


@lru_cache(maxsize=4096)
def monogram(name: str) -> Markup:
    """An outlet's initials in its colour: a logo stand-in that needs no image from the outlet."""
    words = [w for w in name.replace("-", " ").split() if w[:1].isalnum() and w.lower() not in ("the", "of", "and")]
    letters = "".join(w[0] for w in words[:2]).upper() or name[:1].upper()
    return Markup(f'<span class="mono hue-{hue(name)}" aria-hidden="true">{escape(letters)}</span>')


def asset_version() -> str:
    h = hashlib.sha256()
    for p in sorted(STATIC.glob("*")):
        h.update(p.read_bytes())
    return h.hexdigest()[:10]


def make_templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(TEMPLATES))
    env = templates.env
    env.filters.update(timeago=timeago, due_in=due_in, when=when, published=published, outlet=outlet_label, clock=clock,
                       monogram=monogram, hue=hue, sparkline=sparkline_svg, text_html=text_to_html, safe_url=safe_url)
    env.globals.update(period_line=period_line, section_name=section_name, outlets_line=outlets_line,
                       reasons_line=reasons_line, quote_line=quote_line, whats_new_line=whats_new_line,
                       timeline_svg=timeline_svg, asset_v=asset_version(), unknown_outlet=UNKNOWN_OUTLET)
    env.trim_blocks = True
    env.lstrip_blocks = True
    return templates


def page(request: Request, template: str, viewer: Viewer, status_code: int = 200, **context) -> HTMLResponse:
    """Render a page with what every page needs (the reader, their CSRF token, the settings)."""
    templates: Jinja2Templates = request.app.state.templates
    ctx = {"viewer": viewer, "csrf": viewer.csrf, "settings": request.app.state.settings, **context}
    return templates.TemplateResponse(request, template, ctx, status_code=status_code)
