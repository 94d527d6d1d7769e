"""The import rules of docs/architecture.md, checked on the package's own source.

No module imports an underscore name from another module unless that module
(or the name) is a private module made for sharing, and no module reaches
into another module's private names as ``module._name``. The layers table
is checked for the foundations, which must import nothing else of partnet.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "partnet"
SOURCES = sorted(PACKAGE.rglob("*.py"))


def _is_private_module(dotted: str) -> bool:
    return any(part.startswith("_") and not part.startswith("__") for part in dotted.split("."))


def _module_exists(dotted: str) -> bool:
    base = PACKAGE.parent.joinpath(*dotted.split("."))
    return base.with_suffix(".py").exists() or (base / "__init__.py").exists()


def _where(path: Path) -> str:
    return str(path.relative_to(PACKAGE.parent)) if path.is_relative_to(PACKAGE.parent) else path.name


def private_imports(path: Path) -> list[str]:
    """``from partnet.x import _y`` where neither ``partnet.x`` nor ``partnet.x._y`` is a private module."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.ImportFrom) or not (node.module or "").startswith("partnet"):
            continue
        if _is_private_module(node.module):
            continue
        for alias in node.names:
            name = alias.name
            if name.startswith("_") and not name.startswith("__") and not _module_exists(f"{node.module}.{name}"):
                out.append(f"{_where(path)}:{node.lineno} from {node.module} import {name}")
    return out


def private_attributes(path: Path, public_modules: set[str]) -> list[str]:
    """``module._name`` for a public module of partnet (``self._x`` and the like are not modules)."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__")
                and isinstance(node.value, ast.Name) and node.value.id in public_modules):
            out.append(f"{_where(path)}:{node.lineno} {node.value.id}.{node.attr}")
    return out


def test_no_module_imports_another_modules_private_names():
    assert [hit for path in SOURCES for hit in private_imports(path)] == []


def test_no_module_reaches_into_a_public_modules_private_names():
    public = {p.stem for p in SOURCES if not p.stem.startswith("_")} - {"__init__"}
    assert [hit for path in SOURCES for hit in private_attributes(path, public)] == []


def test_the_checks_find_what_they_look_for(tmp_path):
    # The rules would pass on anything if they found nothing: show them a
    # module that breaks each one beside imports they allow.
    probe = tmp_path / "probe.py"
    probe.write_text("from partnet.viz.interactive import _notes\n"
                     "from partnet.metrics._kernels import core_numbers\n"
                     "from partnet.viz import _shared\n"
                     "import partnet.themes as themes\n"
                     "x = themes._private\n"
                     "y = themes.quotes\n")
    assert private_imports(probe) == ["probe.py:1 from partnet.viz.interactive import _notes"]
    assert private_attributes(probe, {"themes"}) == ["probe.py:5 themes._private"]


@pytest.mark.parametrize("module", ["errors", "schema"])
def test_foundations_import_nothing_else_of_partnet(module):
    tree = ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert {m for m in imported if m.split(".")[0] == "partnet"} <= {"partnet.errors", "partnet.schema"}
