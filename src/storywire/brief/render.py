"""A briefing as Markdown, plain text, standalone HTML (for e-mail clients) or JSON.

The HTML has inline styles on each element and no scripts, because e-mail clients drop <style>
blocks and scripts; links are made only for http(s) URLs, so a hostile feed cannot smuggle a
``javascript:`` link into a mail. Every sentence is followed by links to the articles carrying it.
"""
from __future__ import annotations

import json
import re
import textwrap
from datetime import datetime
from html import escape
from zoneinfo import ZoneInfo

from ..links import http_link
from .model import Briefing, CitedConflict, CitedSentence, Item, SourceLink

SECTION_NAMES = {"world": "World", "politics": "Politics", "business": "Business", "technology": "Technology",
                 "science": "Science", "sport": "Sport", "other": "Other news"}


MAX_LINKS = 3  # links shown after a sentence; the briefing object keeps them all


def _shown(links: tuple[SourceLink, ...]) -> tuple[tuple[SourceLink, ...], str]:
    """The links to show and the "and N more" note for the rest; links a reader cannot tell apart (same outlet
    name, same address or none: two articles of no known outlet without a link) are one."""
    first: dict[tuple[str, str | None], SourceLink] = {}
    for link in links:
        first.setdefault(_link_key(link), link)
    distinct = tuple(first.values())
    more = len(distinct) - MAX_LINKS
    return distinct[:MAX_LINKS], (f" and {more} more" if more > 0 else "")


def _link_key(link: SourceLink) -> tuple[str, str | None]:
    """What a reader tells a link apart by: its outlet's name and its address (None: no link)."""
    return link.source, safe_url(link.url)


CONFLICT_LEAD = "Outlets differ:"


def section_name(name: str) -> str:
    return SECTION_NAMES.get(name, name.title())


def safe_url(url: str | None) -> str | None:
    return http_link(url)


def _local(t: datetime, tz: str) -> str:
    local = t.astimezone(ZoneInfo(tz))
    return f"{local:%a} {local.day} {local:%b %Y %H:%M}"


def period_line(b: Briefing) -> str:
    n = len(b.items)
    count = "No new stories" if n == 0 else f"{n} stor{'y' if n == 1 else 'ies'}"
    who = f" for {b.user}" if b.user else ""
    span = f"{_local(b.period_start, b.timezone)} to {_local(b.period_end, b.timezone)}"
    return f"{count}{who} from {span} ({b.timezone})"


def outlets_line(item: Item) -> str:
    """"2 outlets (1 ran another outlet's copy)", or "No known outlet" (then no names follow)."""
    n = len(item.outlets)
    if n == 0:
        return "No known outlet"
    text = f"{n} outlet{'s' if n != 1 else ''}"
    if item.reprint_outlets:
        text += f" ({len(item.reprint_outlets)} ran another outlet's copy)"
    return text


def _named(names: tuple[str, ...]) -> str:
    """": A, B" after the outlets line; nothing when no outlet is known."""
    return ": " + ", ".join(names) if names else ""


def reasons_line(item: Item) -> str:
    """Why a personalised briefing picked the story ("an outlet you follow; follows: nato")."""
    return "For you: " + "; ".join(item.reasons) if item.reasons else ""


def whats_new_line(item: Item, tz: str) -> str:
    w = item.whats_new
    assert w is not None
    parts = [f"{w.new_articles} new article{'s' if w.new_articles != 1 else ''} since {_local(w.since, tz)}"]
    if w.new_outlets:
        parts.append("now also " + ", ".join(w.new_outlets))
    return "; ".join(parts)


def quote_text(item: Item) -> str:
    """A direct quote in quotation marks; an indirect one as reported ("X said that ...")."""
    q = item.quote
    assert q is not None
    if q.kind == "direct":
        return f"\u201c{q.text}\u201d"
    end = "" if q.text.rstrip()[-1:] in ".!?" else "."
    return f"{q.speaker} {q.cue or 'said'} {q.text}{end}"


def quote_line(item: Item) -> str:
    q = item.quote
    assert q is not None
    return f"{quote_text(item)} \u2014 {q.speaker}" if q.kind == "direct" else quote_text(item)


# -- Markdown -----------------------------------------------------------------------------------
def _md(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)


def _md_links(links: tuple[SourceLink, ...]) -> str:
    parts = []
    shown, more = _shown(links)
    for link in shown:
        url = safe_url(link.url)
        target = url.replace("(", "%28").replace(")", "%29") if url else None
        parts.append(f"[{_md(link.source)}]({target})" if target else _md(link.source))
    return "(" + ", ".join(parts) + more + ")"


def _md_sentences(sentences: tuple[CitedSentence, ...]) -> list[str]:
    return [f"- {_md(s.text)} {_md_links(s.sources)}" for s in sentences]


def _md_conflicts(conflicts: tuple[CitedConflict, ...]) -> list[str]:
    return [f"- {CONFLICT_LEAD} " + ", ".join(f"{_md(v.value)} {_md_links(v.sources)}" for v in c.values)
            for c in conflicts]


def markdown(b: Briefing) -> str:
    lines = [f"# {_md(b.title)}", "", f"*{period_line(b)}*", ""]
    for section in b.sections:
        lines += [f"## {section_name(section.name)}", ""]
        for item in section.items:
            lines += [f"### {_md(item.title)}", ""]
            named = f":** {_md(', '.join(item.outlets))}" if item.outlets else "**"
            lines += [f"**{outlets_line(item)}{named}", ""]
            if item.reasons:
                lines += [f"*{_md(reasons_line(item))}*", ""]
            lines += _md_sentences(item.sentences)
            lines += _md_conflicts(item.conflicts)
            if item.quote:
                lines += ["", f"> {_md(quote_line(item))} {_md_links(item.quote.sources)}"]
            if item.whats_new:
                lines += ["", f"**What's new:** {_md(whats_new_line(item, b.timezone))}"]
                lines += _md_sentences(item.whats_new.sentences)
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


# -- plain text ---------------------------------------------------------------------------------
def _cite(links: tuple[SourceLink, ...], refs: dict[tuple[str, str | None], int]) -> str:
    """Reference marks ("[1][2] (+3 more)") for the links, numbered in ``refs`` (the story's references)."""
    marks = []
    shown, more = _shown(links)
    for link in shown:
        key = _link_key(link)
        refs.setdefault(key, len(refs) + 1)
        marks.append(f"[{refs[key]}]")
    return "".join(marks) + (f" (+{more.split()[1]} more)" if more else "")


def text(b: Briefing, width: int = 72) -> str:
    """Plain text for the text/plain part of the e-mail: numbered references under each story."""
    def wrap_text(line: str, first: str = "", rest: str = "") -> list[str]:
        return textwrap.wrap(line, width=width, initial_indent=first, subsequent_indent=rest,
                             break_long_words=False, break_on_hyphens=False)

    out = [*wrap_text(b.title.upper()), *wrap_text(period_line(b)), ""]
    number = 0
    for section in b.sections:
        out += [f"== {section_name(section.name).upper()} ==", ""]
        for item in section.items:
            number += 1
            refs: dict[tuple[str, str | None], int] = {}
            out += wrap_text(f"{number}. {item.title}")
            out += wrap_text(f"{outlets_line(item)}{_named(item.outlets)}", first="   ",
                             rest="   ")
            if item.reasons:
                out += wrap_text(reasons_line(item), first="   ", rest="   ")
            for s in item.sentences:
                out += wrap_text(f"{s.text} {_cite(s.sources, refs)}", first="   * ", rest="     ")
            for c in item.conflicts:
                values = ", ".join(f"{v.value} {_cite(v.sources, refs)}" for v in c.values)
                out += wrap_text(f"{CONFLICT_LEAD} {values}", first="   * ", rest="     ")
            if item.quote:
                out += wrap_text(f"{quote_line(item)} {_cite(item.quote.sources, refs)}",
                                 first="   > ", rest="     ")
            if item.whats_new:
                out += wrap_text(f"What's new: {whats_new_line(item, b.timezone)}", first="   ",
                                 rest="   ")
                for s in item.whats_new.sentences:
                    out += wrap_text(f"{s.text} {_cite(s.sources, refs)}", first="   + ", rest="     ")
            for (source, url), n in refs.items():
                out.append(f"   [{n}] {source}" + (f" <{url}>" if url else ""))
            out.append("")
    if not b.items:
        out += ["Nothing new in this period.", ""]
    return "\n".join(out).rstrip() + "\n"


# -- HTML ---------------------------------------------------------------------------------------
FONT = "font-family:Georgia,'Times New Roman',serif;"
SANS = "font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;"
MUTED = "color:#5e5e5e;"
LINK = "color:#1a5fb4;text-decoration:none;"


def _h_links(links: tuple[SourceLink, ...]) -> str:
    parts = []
    shown, more = _shown(links)
    for link in shown:
        url = safe_url(link.url)
        name = escape(link.source)
        parts.append(f'<a href="{escape(url)}" style="{LINK}">{name}</a>' if url else name)
    return f'<span style="{SANS}font-size:12px;{MUTED}">({", ".join(parts)}{more})</span>'


def _h_sentences(sentences: tuple[CitedSentence, ...], conflicts: tuple[CitedConflict, ...] = ()) -> str:
    lis = "".join(f'<li style="margin:0 0 6px 0;">{escape(s.text)} {_h_links(s.sources)}</li>' for s in sentences)
    lis += "".join(f'<li style="margin:0 0 6px 0;">{CONFLICT_LEAD} '
                   + ", ".join(f"{escape(v.value)} {_h_links(v.sources)}" for v in c.values) + "</li>"
                   for c in conflicts)
    return f'<ul style="margin:8px 0;padding-left:20px;">{lis}</ul>' if lis else ""


def _h_item(item: Item, tz: str) -> str:
    parts = [f'<h3 style="{FONT}font-size:19px;margin:18px 0 4px 0;color:#111;">{escape(item.title)}</h3>',
             f'<p style="{SANS}font-size:12px;margin:0;{MUTED}">{escape(outlets_line(item) + _named(item.outlets))}'
             '</p>']
    if item.reasons:
        parts.append(f'<p style="{SANS}font-size:12px;margin:0;{MUTED}"><em>{escape(reasons_line(item))}</em></p>')
    parts.append(_h_sentences(item.sentences, item.conflicts))
    if item.quote:
        parts.append(f'<blockquote style="margin:8px 0;padding:4px 12px;border-left:3px solid #c0c0c0;{MUTED}">'
                     f'{escape(quote_line(item))} '
                     f'{_h_links(item.quote.sources)}</blockquote>')
    if item.whats_new:
        parts.append(f'<p style="{SANS}font-size:13px;margin:8px 0 0 0;"><strong>What\'s new:</strong> '
                     f'{escape(whats_new_line(item, tz))}</p>')
        parts.append(_h_sentences(item.whats_new.sentences))
    return "".join(parts)


def html_body(b: Briefing) -> str:
    """The briefing as an HTML fragment (for feed entries and inside the full document)."""
    parts = [f'<h1 style="{FONT}font-size:26px;margin:0 0 4px 0;color:#111;">{escape(b.title)}</h1>',
             f'<p style="{SANS}font-size:13px;margin:0 0 12px 0;{MUTED}">{escape(period_line(b))}</p>']
    for section in b.sections:
        parts.append(f'<h2 style="{SANS}font-size:13px;letter-spacing:1px;text-transform:uppercase;'
                     f'border-top:2px solid #111;padding-top:6px;margin:24px 0 0 0;color:#111;">'
                     f'{escape(section_name(section.name))}</h2>')
        parts += [_h_item(item, b.timezone) for item in section.items]
    if not b.items:
        parts.append(f'<p style="{FONT}">Nothing new in this period.</p>')
    return "".join(parts)


def html(b: Briefing) -> str:
    """A standalone HTML document readable in e-mail clients."""
    return ("<!DOCTYPE html>\n"
            '<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width,initial-scale=1">'
            f"<title>{escape(b.title)}</title></head>"
            f'<body style="margin:0;padding:0;background:#f4f4f2;">'
            f'<div style="max-width:640px;margin:0 auto;padding:24px 20px;background:#ffffff;{FONT}'
            f'font-size:16px;line-height:1.5;color:#222;">{html_body(b)}'
            f'<p style="{SANS}font-size:11px;{MUTED}margin-top:32px;">Made by storywire from the articles linked. '
            "Every sentence is quoted word for word from the outlet after it.</p></div></body></html>\n")


def as_json(b: Briefing) -> str:
    return json.dumps(b.to_dict(), ensure_ascii=False, indent=2) + "\n"
