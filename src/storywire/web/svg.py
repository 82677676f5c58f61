"""Coverage timelines drawn on the server as inline SVG (no chart library, no script, CSP-friendly).

Only presentation attributes and classes are used (no ``style=``), so a strict style-src holds.
"""
from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from markupsafe import Markup, escape

HUES = 12


def hue(name: str) -> int:
    """A stable colour class (0..11) for an outlet, the same on every page."""
    return hashlib.blake2s(name.lower().encode("utf-8"), digest_size=2).digest()[0] % HUES


def _utc(t: datetime) -> datetime:
    return t if t.tzinfo else t.replace(tzinfo=UTC)


def _span(times: list[datetime]) -> tuple[datetime, float]:
    lo, hi = min(times), max(times)
    seconds = (hi - lo).total_seconds()
    if seconds < 3600:  # a story of minutes: centre it in an hour-wide frame
        lo = lo - timedelta(seconds=(3600 - seconds) / 2)
        seconds = 3600.0
    return lo, seconds


def _label(t: datetime, seconds: float) -> str:
    return t.strftime("%b %d, %H:%M") if seconds > 20 * 3600 else t.strftime("%H:%M")


def timeline_svg(rows: list[tuple[str, datetime, int]], numbers: dict[int, int] | None = None) -> Markup:
    """Articles over time, one row per outlet (in order of first appearance), a dot per article.

    ``rows``: (outlet, time, article id). Each dot links to its article and has a tooltip.
    """
    rows = [(o, _utc(t), aid) for o, t, aid in rows if t is not None]
    if not rows:
        return Markup("")
    outlets = list(dict.fromkeys(o for o, _, _ in sorted(rows, key=lambda r: r[1])))
    lo, seconds = _span([t for _, t, _ in rows])
    left, right, row_h, top = 160, 14, 26, 10
    width = 620
    plot = width - left - right
    height = top + row_h * len(outlets) + 28
    parts = [f'<svg class="timeline" viewBox="0 0 {width} {height}" width="100%" role="img" '
             f'aria-label="Articles over time by outlet" xmlns="http://www.w3.org/2000/svg">']
    for k in range(5):  # grid and time labels
        x = left + plot * k / 4
        t = lo + timedelta(seconds=seconds * k / 4)
        parts.append(f'<line class="grid" x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{height - 22}"/>')
        anchor = "start" if k == 0 else "end" if k == 4 else "middle"
        parts.append(f'<text class="tick" x="{x:.1f}" y="{height - 8}" text-anchor="{anchor}">'
                     f'{escape(_label(t, seconds))}</text>')
    for r, outlet in enumerate(outlets):
        y = top + row_h * r + row_h / 2
        name = outlet if len(outlet) <= 22 else outlet[:21] + "\u2026"
        parts.append(f'<text class="outlet" x="{left - 10}" y="{y + 4:.1f}" text-anchor="end">{escape(name)}</text>')
        parts.append(f'<line class="lane" x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}"/>')
        for o, t, aid in rows:
            if o != outlet:
                continue
            x = left + plot * (t - lo).total_seconds() / seconds
            num = f"[{numbers[aid]}] " if numbers and aid in numbers else ""
            tip = f"{num}{o}, {t.strftime('%Y-%m-%d %H:%M UTC')}"
            parts.append(f'<a href="/article/{aid}"><circle class="dot hue-{hue(o)}" cx="{x:.1f}" cy="{y:.1f}" r="6">'
                         f'<title>{escape(tip)}</title></circle></a>')
    parts.append("</svg>")
    return Markup("".join(parts))


def sparkline_svg(rows: list[tuple[str, datetime, int]]) -> Markup:
    """A small strip for a story card: a tick per article over the story's life, coloured by outlet."""
    rows = [(o, _utc(t), aid) for o, t, aid in rows if t is not None]
    if not rows:
        return Markup("")
    lo, seconds = _span([t for _, t, _ in rows])
    width, height, pad = 120, 18, 4
    parts = [f'<svg class="spark" viewBox="0 0 {width} {height}" width="{width}" height="{height}" aria-hidden="true" '
             'xmlns="http://www.w3.org/2000/svg">',
             f'<line class="lane" x1="{pad}" y1="{height - 3}" x2="{width - pad}" y2="{height - 3}"/>']
    for o, t, _ in rows:
        x = pad + (width - 2 * pad) * (t - lo).total_seconds() / seconds
        parts.append(f'<rect class="tickmark hue-{hue(o)}" x="{x - 1.5:.1f}" y="3" width="3" '
                     f'height="{height - 6}" rx="1"/>')
    parts.append("</svg>")
    return Markup("".join(parts))
