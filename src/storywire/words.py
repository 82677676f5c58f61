"""Wording shared by every message storywire prints."""
from __future__ import annotations


def plural(n: int, noun: str, nouns: str = "") -> str:
    """'1 story', '2 stories': the count with its noun in the right number (``nouns``: if not noun + s)."""
    return f"{n} {noun if n == 1 else nouns or noun + 's'}"
