"""Every module-level name of storywire is bound once: a second binding silently replaces the first for every use
(round 25's three `_FIRST_PERSON` patterns in quotes.py, of which only the last ever ran)."""
from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "storywire"


def bound_twice(source: str) -> list[str]:
    """The names a module's top level binds more than once (by assignment, def or class; not under if or try)."""
    names: Counter[str] = Counter()
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names[node.target.id] += 1
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names[node.name] += 1
    return sorted(name for name, n in names.items() if n > 1)


def test_a_name_bound_twice_is_found():
    source = "A = 1\ndef f():\n    A = 2\nB: int = 3\nclass C: ...\nA = 4\ndef C(): ...\n"
    assert bound_twice(source) == ["A", "C"]


def test_no_module_of_storywire_binds_a_name_twice():
    modules = sorted(PACKAGE.rglob("*.py"))
    assert PACKAGE / "analyse" / "quotes.py" in modules
    twice = {str(p.relative_to(PACKAGE.parent)): found for p in modules
             if (found := bound_twice(p.read_text(encoding="utf-8")))}
    assert not twice, f"module-level names bound more than once (the last wins everywhere): {twice}"
