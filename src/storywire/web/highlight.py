"""Mark, inside each outlet's own text, the stretches it shares with other outlets.

The analysis gives each shared passage once (one outlet's wording) and the articles carrying it.
Outlets differ in small ways ("Mr. Macron's" / "Macron's", "co-ordinated" / "coordinated"), so the
match is on normalised word 3-grams of the passage, looked up in the article's own normalised tokens
(with character offsets): a run of at least MIN_RUN tokens whose 3-grams belong to a passage carried
by this article is marked, in this article's words.
"""
from __future__ import annotations

from ..analyse.sentences import paragraphs
from ..analyse.text import norm_tokens, tokens_with_spans

N = 3
MIN_RUN = 5
_TRAILING = set(".,;:!?\u201d\u2019\"')]\u2026")


def _grams(tokens: list[str]) -> list[tuple[str, ...]]:
    return [tuple(tokens[i:i + N]) for i in range(len(tokens) - N + 1)]


def segments(text: str, article_id: int, passages: list[dict]) -> list[list[tuple[str, int | None]]]:
    """The article's paragraphs, each a list of (text, index of the shared passage or None)."""
    index: dict[tuple[str, ...], int] = {}
    for n, p in enumerate(passages):
        if article_id in p.get("article_ids", ()):
            for g in _grams(norm_tokens(p.get("text", ""))):
                index.setdefault(g, n)
    out = []
    for start, end in paragraphs(text):
        toks = tokens_with_spans(text[start:end], start)
        marks: list[int | None] = [None] * len(toks)
        if index:
            words = [t for t, _, _ in toks]
            for i, g in enumerate(_grams(words)):
                hit = index.get(g)
                if hit is not None:
                    for j in range(i, i + N):
                        if marks[j] is None:
                            marks[j] = hit
        out.append(_cut(text, start, end, toks, marks))
    return out


def _cut(text: str, start: int, end: int, toks: list, marks: list) -> list[tuple[str, int | None]]:
    """Split one paragraph into plain and marked pieces (marked: runs of >= MIN_RUN tokens)."""
    runs = []
    i = 0
    while i < len(toks):
        if marks[i] is None:
            i += 1
            continue
        j = i
        while j + 1 < len(toks) and marks[j + 1] is not None:
            j += 1
        if j - i + 1 >= MIN_RUN:
            s, e = toks[i][1], toks[j][2]
            while e < end and text[e] in _TRAILING:  # keep the closing stop or quote with the run
                e += 1
            if i == 0:
                s = start  # an opening quote before the first word
            runs.append((s, e, marks[i]))
        i = j + 1
    pieces: list[tuple[str, int | None]] = []
    pos = start
    for s, e, n in runs:
        if s > pos:
            pieces.append((text[pos:s], None))
        pieces.append((text[s:e], n))
        pos = e
    if pos < end:
        pieces.append((text[pos:end], None))
    return pieces


def shared_share(pieces: list[list[tuple[str, int | None]]]) -> float:
    """Fraction of the article's characters that are marked shared (for the column's bar)."""
    total = sum(len(t) for para in pieces for t, _ in para)
    marked = sum(len(t) for para in pieces for t, n in para if n is not None)
    return marked / total if total else 0.0
