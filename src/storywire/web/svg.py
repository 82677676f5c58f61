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


def _label_format(seconds: float) -> str:
    """The strftime format of the axis labels: as precise as the span needs, no more."""
    if seconds <= 20 * 3600:
        return "%H:%M"
    if seconds <= 60 * 86400:
        return "%b %d, %H:%M"
    if seconds <= 400 * 86400:
        return "%b %d"
    return "%b %Y"


CHAR_W = {"tick": 6.2, "outlet": 7.4}  # average glyph widths (px) of the tick (11px) and outlet (12px bold) text
MAX_OUTLET_CHARS = 24
MAX_LANES = 12


def _ticks(lo: datetime, seconds: float, left: float, plot: float) -> list[tuple[float, str, str]]:
    """(x, anchor, label) of the axis labels: as many as fit side by side without touching (2 to 5)."""
    fmt = _label_format(seconds)
    width = max(len(lo.strftime(fmt)), len((lo + timedelta(seconds=seconds)).strftime(fmt))) * CHAR_W["tick"]
    gap = 12.0
    # the first label starts at its tick and the last ends at its own; those between are centred on theirs
    count = next((n for n in (5, 4, 3) if plot / (n - 1) >= 1.5 * width + gap), 2)
    ticks = []
    for k in range(count):
        x = left + plot * k / (count - 1)
        anchor = "start" if k == 0 else "end" if k == count - 1 else "middle"
        ticks.append((x, anchor, (lo + timedelta(seconds=seconds * k / (count - 1))).strftime(fmt)))
    return ticks


def _short(name: str) -> str:
    return name if len(name) <= MAX_OUTLET_CHARS else name[:MAX_OUTLET_CHARS - 1] + "\u2026"


def timeline_svg(rows: list[tuple[str, datetime, int]], numbers: dict[int, int] | None = None) -> Markup:
    """Articles over time, one lane per outlet (in order of first appearance), a dot per article.

    ``rows``: (outlet, time, article id). Each dot links to its article and has a tooltip. The left margin
    fits the longest outlet name (cut at MAX_OUTLET_CHARS); the axis has as many labels as fit without
    overlapping; past MAX_LANES outlets the busiest are drawn and the rest counted below the chart.
    """
    rows = [(o, _utc(t), aid) for o, t, aid in rows if t is not None]
    if not rows:
        return Markup("")
    outlets = list(dict.fromkeys(o for o, _, _ in sorted(rows, key=lambda r: r[1])))
    hidden = 0
    if len(outlets) > MAX_LANES:
        busiest = sorted(outlets, key=lambda o: -sum(1 for r in rows if r[0] == o))[:MAX_LANES]
        hidden = len(outlets) - MAX_LANES
        outlets = [o for o in outlets if o in busiest]
    lo, seconds = _span([t for _, t, _ in rows])
    width, right, row_h, top = 620, 14, 26, 10
    left = 14 + max(len(_short(o)) for o in outlets) * CHAR_W["outlet"]
    plot = width - left - right
    height = top + row_h * len(outlets) + 28 + (18 if hidden else 0)
    axis_y = top + row_h * len(outlets) + 20
    parts = [f'<svg class="timeline" viewBox="0 0 {width} {height}" width="100%" role="img" '
             f'aria-label="Articles over time by outlet" xmlns="http://www.w3.org/2000/svg">']
    for x, anchor, label in _ticks(lo, seconds, left, plot):
        parts.append(f'<line class="grid" x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{axis_y - 14}"/>')
        parts.append(f'<text class="tick" x="{x:.1f}" y="{axis_y}" text-anchor="{anchor}">{escape(label)}</text>')
    for r, outlet in enumerate(outlets):
        y = top + row_h * r + row_h / 2
        parts.append(f'<text class="outlet" x="{left - 10:.1f}" y="{y + 4:.1f}" text-anchor="end">'
                     f'<title>{escape(outlet)}</title>{escape(_short(outlet))}</text>')
        parts.append(f'<line class="lane" x1="{left:.1f}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}"/>')
        for o, t, aid in rows:
            if o != outlet:
                continue
            x = left + plot * (t - lo).total_seconds() / seconds
            num = f"[{numbers[aid]}] " if numbers and aid in numbers else ""
            tip = f"{num}{o}, {t.strftime('%Y-%m-%d %H:%M UTC')}"
            parts.append(f'<a href="/article/{aid}"><circle class="dot hue-{hue(o)}" cx="{x:.1f}" cy="{y:.1f}" r="6">'
                         f'<title>{escape(tip)}</title></circle></a>')
    if hidden:
        parts.append(f'<text class="tick" x="{left:.1f}" y="{height - 4}">and {hidden} more outlet'
                     f'{"s" if hidden != 1 else ""} (see who covered it)</text>')
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
