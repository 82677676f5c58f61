"""Wording shared by every message storywire prints."""
from __future__ import annotations


def plural(n: int, noun: str, nouns: str = "") -> str:
    """'1 story', '2 stories': the count with its noun in the right number (``nouns``: if not noun + s)."""
    return f"{n} {noun if n == 1 else nouns or noun + 's'}"


def shorten(text: str, limit: int) -> str:
    """``text`` in at most ``limit`` characters, cut after a whole word and marked with "…" when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if text[limit - 1] != " " and " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-–—") + "…"
