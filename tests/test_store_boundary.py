"""The store boundary: only storywire.store runs queries, so no other module imports SQLAlchemy or the schema."""
from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "storywire"
FORBIDDEN = ("sqlalchemy", "storywire.store.schema")


def _module(path: Path) -> str:
    """The dotted name of the module at ``path`` (a package's __init__ is the package)."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _absolute(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    """What ``from ... import`` names, made absolute (``from ..store import schema`` -> storywire.store.schema)."""
    if not node.level:
        return node.module or ""
    base = module.split(".")
    base = base[:len(base) - node.level + (1 if is_package else 0)]
    return ".".join(base + ([node.module] if node.module else []))


def crossings(path: Path) -> list[str]:
    """The imports in ``path`` that cross the boundary, as written: SQLAlchemy or the schema by absolute
    name (relative ones resolved), or any relative import of a module called ``schema``."""
    module, is_package = _module(path), path.name == "__init__.py"
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node, module, is_package)
            names = [base] + [f"{base}.{alias.name}" for alias in node.names]  # the name may be a module
            if node.level and (node.module or "").split(".")[-1] == "schema":
                names.append("storywire.store.schema")
        else:
            continue
        if any(n == f or n.startswith(f + ".") for n in names for f in FORBIDDEN):
            found.append(ast.unparse(node))
    return found


def outside_store() -> list[Path]:
    """Every module of storywire but the store package's own (its migrations included)."""
    return sorted(p for p in PACKAGE.rglob("*.py") if p.relative_to(PACKAGE).parts[0] != "store")


def test_no_module_outside_the_store_imports_sqlalchemy_or_the_schema():
    modules = outside_store()
    assert PACKAGE / "pipeline.py" in modules and PACKAGE / "web" / "queries.py" in modules
    offenders = {str(p.relative_to(PACKAGE.parent)): crossings(p) for p in modules}
    offenders = {name: found for name, found in offenders.items() if found}
    assert not offenders, f"only storywire.store may query the database; these cross into it: {offenders}"


@pytest.mark.parametrize("source, where", [
    ("import sqlalchemy as sa", "web/x.py"),
    ("import sqlalchemy.exc", "web/x.py"),
    ("from sqlalchemy.exc import OperationalError", "web/x.py"),
    ("from storywire.store.schema import articles", "rank/x.py"),
    ("from storywire.store import schema", "rank/x.py"),
    ("from ..store.schema import articles", "rank/x.py"),
    ("from ..store import schema", "brief/x.py"),
    ("from .store.schema import stories", "x.py"),
    ("from .schema import users", "web/x.py"),
    ("from ...store.schema import users", "web/sub/x.py"),
])
def test_the_check_catches_every_spelling(tmp_path, monkeypatch, source, where):
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", tmp_path / "storywire")
    path = tmp_path / "storywire" / where
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"def f():\n    {source}\n")  # imports inside functions count too
    assert crossings(path) == [source]


@pytest.mark.parametrize("source", ["from ..store.base import Connection, Store", "from ..store import open_store",
                                    "from ..store.briefings import StoredBriefing", "import storywire.store"])
def test_the_store_interface_may_be_imported(tmp_path, monkeypatch, source):
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", tmp_path / "storywire")
    path = tmp_path / "storywire" / "web" / "x.py"
    path.parent.mkdir(parents=True)
    path.write_text(source + "\n")
    assert crossings(path) == []
