"""Rendering of the story object (``storywire.analyse.analyse_story``, as ``models.public_story`` shows it) for the
terminal.

Every piece of data is a rich Text, so titles and quotes print as they are on any console.
"""
from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..models import outlet_label


def _ref(article_id: int, numbers: dict[int, int]) -> str:
    """An article's number in the story, as the reader sees it: "[2]"."""
    return f"[{numbers.get(article_id, article_id)}]"


def _refs(ids, numbers: dict[int, int]) -> str:
    return "".join(_ref(i, numbers) for i in ids)


def _pct(x) -> str:
    try:
        return f"{100 * float(x):.0f}%"
    except (TypeError, ValueError):
        return "-"


def _table(*columns: str, title: str | None = None) -> Table:
    table = Table(title=title, expand=False)
    for col in columns:
        table.add_column(col, overflow="fold")
    return table


def render_story(data: dict, console: Console) -> None:
    """Print the story object readably: title, summary with source refs, shared passages with origin,
    what each outlet adds, the quote ledger, entities and the timeline."""
    articles = data.get("articles") or []
    numbers = {a["id"]: n for n, a in enumerate(articles, 1)}
    console.print(Text.assemble((str(data.get("title") or "(untitled story)"), "bold"), "  ",
                                (f"story {data.get('id')}", "dim")))
    console.print()

    table = _table("#", "source", "title", "published", "shared", "unique", "origin", title="Articles")
    for a in articles:
        table.add_row(str(numbers[a["id"]]), Text(outlet_label(a.get("source"))), Text(a.get("title") or ""),
                      (a.get("published") or "")[:16].replace("T", " "), _pct(a.get("share_shared")),
                      _pct(a.get("share_unique")), Text(a.get("origin") or ""))
    console.print(table)

    summary = data.get("summary") or []
    if summary:
        console.rule("Summary")
        for s in summary:
            if s.get("kind") == "conflict":
                parts: list = ["\u2022 Outlets differ: "]
                for n, v in enumerate(s.get("values") or []):
                    parts += [", " if n else "", f"{v['value']} ", (_refs(v.get("article_ids", []), numbers), "dim")]
                console.print(Text.assemble(*parts))
                continue
            refs = _refs(s.get("article_ids", []), numbers)
            console.print(Text.assemble(f"\u2022 {s['text']} ", (refs, "dim")))

    shared = data.get("shared_passages") or []
    if shared:
        console.rule(f"Shared passages ({len(shared)})")
        for p in shared:
            origin = (f" origin: {p['origin']}", "magenta") if p.get("origin") else ""
            console.print(Text.assemble((_refs(p.get("article_ids", []), numbers), "dim"), origin))
            console.print(Text(f"  {p['text']}"))

    uniques = [u for u in (data.get("unique_passages") or []) if u.get("passages")]
    if uniques:
        console.rule("Only in one outlet")
        for u in uniques:
            console.print(Text.assemble((outlet_label(u.get("source")), "bold"), " ",
                                        (_ref(u["article_id"], numbers), "dim")))
            for text in u["passages"]:
                console.print(Text(f"  \u2022 {text}"))

    quotes = data.get("quotes") or []
    if quotes:
        console.rule(f"Quotes ({len(quotes)})")
        for q in quotes:
            mark = ("\u201c" + q["text"] + "\u201d") if q.get("kind") == "direct" else q["text"]
            who = q.get("speaker_full") or q.get("speaker") or "unattributed"
            how = f"({q.get('kind') or ''}, {q.get('cue') or '-'})"
            console.print(Text.assemble((who, "cyan"), " ", (how, "dim")))
            console.print(Text(f"  {mark}"))
            for c in q.get("carriers", []):
                carrier = (f"{_ref(c['article_id'], numbers)} {outlet_label(c.get('source'))}: "
                           f"{c.get('attribution') or ''}")
                console.print(Text(f"    {carrier}", style="dim"))

    entities = data.get("entities") or []
    if entities:
        console.rule("Entities")
        table = _table("name", "label", "mentions", "articles", "forms")
        for e in entities[:30]:
            table.add_row(Text(e["name"]), Text(e.get("label", "")), str(e.get("count", "")),
                          Text(_refs(e.get("article_ids", []), numbers)), Text(", ".join(e.get("forms", [])[:4])))
        console.print(table)
        if len(entities) > 30:
            console.print(Text(f"\u2026 and {len(entities) - 30} more", style="dim"))

    origins = data.get("origins") or []
    if origins:
        console.rule("Wire services and partners")
        for o in origins:
            credited = _refs(o.get("article_ids", []), numbers)
            console.print(Text.assemble((o["name"], "magenta"), f" credited by {credited}"))
            for c in o.get("credits", [])[:6]:
                credit = f"{_ref(c['article_id'], numbers)} {c.get('kind')}: {c.get('evidence') or ''}"
                console.print(Text(f"  {credit}", style="dim"))

    tl = data.get("timeline") or []
    if tl:
        console.rule("Timeline")
        for t in tl:
            first = (" first from this outlet", "green") if t.get("first_for_source") else ""
            when = (t.get("time") or "")[:16].replace("T", " ")
            console.print(Text.assemble(f"{when}  {_ref(t['article_id'], numbers)} {outlet_label(t.get('source'))}",
                                        first))
