"""Rendering of the story object (``storywire.analyse.analyse_story``) for the terminal."""
from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table


def _refs(ids, numbers: dict[int, int]) -> str:
    return "".join(f"[{numbers.get(i, i)}]" for i in ids)


def _pct(x) -> str:
    try:
        return f"{100 * float(x):.0f}%"
    except (TypeError, ValueError):
        return "-"


def render_story(data: dict, console: Console) -> None:
    """Print the story object readably: title, summary with source refs, shared passages with origin,
    what each outlet adds, the quote ledger, entities and the timeline."""
    articles = data.get("articles") or []
    numbers = {a["id"]: n for n, a in enumerate(articles, 1)}
    console.print(f"[bold]{escape(str(data.get('title') or '(untitled story)'))}[/bold]  [dim]story {data.get('id')}[/dim]")
    console.print()

    table = Table(title="Articles", show_lines=False, expand=False)
    for col in ("#", "source", "title", "published", "shared", "unique", "origin"):
        table.add_column(col, overflow="fold")
    for a in articles:
        table.add_row(str(numbers[a["id"]]), escape(a.get("source") or ""), escape(a.get("title") or ""),
                      (a.get("published") or "")[:16].replace("T", " "), _pct(a.get("share_shared")),
                      _pct(a.get("share_unique")), escape(a.get("origin") or ""))
    console.print(table)

    summary = data.get("summary") or []
    if summary:
        console.rule("Summary")
        for s in summary:
            console.print(f"\u2022 {escape(s['text'])} [dim]{_refs(s.get('article_ids', []), numbers)}[/dim]")

    shared = data.get("shared_passages") or []
    if shared:
        console.rule(f"Shared passages ({len(shared)})")
        for p in shared:
            origin = f" [magenta]origin: {escape(p['origin'])}[/magenta]" if p.get("origin") else ""
            console.print(f"[dim]{_refs(p.get('article_ids', []), numbers)}[/dim]{origin}")
            console.print(f"  {escape(p['text'])}")

    uniques = [u for u in (data.get("unique_passages") or []) if u.get("passages")]
    if uniques:
        console.rule("Only in one outlet")
        for u in uniques:
            console.print(f"[bold]{escape(u.get('source') or '')}[/bold] [dim][{numbers.get(u['article_id'], u['article_id'])}][/dim]")
            for text in u["passages"]:
                console.print(f"  \u2022 {escape(text)}")

    quotes = data.get("quotes") or []
    if quotes:
        console.rule(f"Quotes ({len(quotes)})")
        for q in quotes:
            mark = ("\u201c" + q["text"] + "\u201d") if q.get("kind") == "direct" else q["text"]
            who = q.get("speaker_full") or q.get("speaker") or "unattributed"
            console.print(f"[cyan]{escape(who)}[/cyan] [dim]({escape(q.get('kind') or '')}, {escape(q.get('cue') or '-')})[/dim]")
            console.print(f"  {escape(mark)}")
            for c in q.get("carriers", []):
                console.print(f"    [dim][{numbers.get(c['article_id'], c['article_id'])}] {escape(c.get('source') or '')}: "
                              f"{escape(c.get('attribution') or '')}[/dim]")

    entities = data.get("entities") or []
    if entities:
        console.rule("Entities")
        table = Table(show_header=True, expand=False)
        for col in ("name", "label", "mentions", "articles", "forms"):
            table.add_column(col, overflow="fold")
        for e in entities[:30]:
            table.add_row(escape(e["name"]), e.get("label", ""), str(e.get("count", "")),
                          _refs(e.get("article_ids", []), numbers), escape(", ".join(e.get("forms", [])[:4])))
        console.print(table)
        if len(entities) > 30:
            console.print(f"[dim]\u2026 and {len(entities) - 30} more[/dim]")

    origins = data.get("origins") or []
    if origins:
        console.rule("Wire services and partners")
        for o in origins:
            console.print(f"[magenta]{escape(o['name'])}[/magenta] credited by {_refs(o.get('article_ids', []), numbers)}")
            for c in o.get("credits", [])[:6]:
                console.print(f"  [dim][{numbers.get(c['article_id'], c['article_id'])}] {c.get('kind')}: {escape(c.get('evidence') or '')}[/dim]")

    tl = data.get("timeline") or []
    if tl:
        console.rule("Timeline")
        for t in tl:
            first = " [green]first from this outlet[/green]" if t.get("first_for_source") else ""
            console.print(f"{(t.get('time') or '')[:16].replace('T', ' ')}  [{numbers.get(t['article_id'], t['article_id'])}] "
                          f"{escape(t.get('source') or '')}{first}")
