"""House rules that keep the core usable without Qt and the SQL in one room."""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORE = ("coding", "importers", "storage")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_core_never_imports_qt() -> None:
    offenders = [
        str(path.relative_to(REPO))
        for package in CORE
        for path in (REPO / package).rglob("*.py")
        if _imports(path) & {"PySide6", "PyQt5", "PyQt6", "shiboken6"}
    ]
    assert offenders == []


def test_only_the_command_line_launcher_reaches_into_app() -> None:
    """`realist-coder gui` must start the app and `model diagram` draws with Qt (issue 15);
    nothing else in the core may depend on it."""
    users = {
        str(path.relative_to(REPO))
        for package in CORE
        for path in (REPO / package).rglob("*.py")
        if "app" in _imports(path)
    }
    assert users <= {"coding/cli/project_commands.py", "coding/cli/diagram_commands.py"}


def test_importers_know_nothing_of_database_or_coding() -> None:
    offenders = [
        str(path.relative_to(REPO))
        for path in (REPO / "importers").rglob("*.py")
        if _imports(path) & {"sqlalchemy", "storage", "coding"}
    ]
    assert offenders == []


def test_app_never_runs_sql_or_commits() -> None:
    offenders = []
    for path in (REPO / "app").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if ".commit()" in text or ".execute(" in text or "sqlalchemy" in _imports(path):
            offenders.append(str(path.relative_to(REPO)))
    assert offenders == []


# The layers of coding/ (ARCHITECTURE.md, "The rooms"): what each part may import of the others.
SUBPACKAGES = ("realist", "review", "exchange", "exports", "cli")
MAY_IMPORT = {
    "core": set(),
    "realist": {"core"},
    "exchange": {"core"},
    "review": {"core", "realist"},
    "exports": {"core", "realist", "review"},
    "cli": {"core", "realist", "exchange", "review", "exports"},
}


def _part(module: str) -> str | None:
    """'coding.review.matrix' -> 'review'; 'coding.nodes' -> 'core'; not ours -> None."""
    parts = module.split(".")
    if parts[0] != "coding" or len(parts) < 2:
        return None
    return parts[1] if parts[1] in SUBPACKAGES else "core"


def _coding_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {m for m in found if m.startswith("coding.")}


def _part_edges() -> dict[tuple[str, str], list[str]]:
    edges: dict[tuple[str, str], list[str]] = {}
    for path in (REPO / "coding").rglob("*.py"):
        module = ".".join(path.relative_to(REPO).with_suffix("").parts)
        here = _part(module)
        for imported in _coding_imports(path):
            there = _part(imported)
            # "from coding import review" names the package itself
            if imported.count(".") == 1 and imported.split(".")[1] in SUBPACKAGES:
                there = imported.split(".")[1]
            if here and there and there != here:
                edges.setdefault((here, there), []).append(str(path.relative_to(REPO)))
    return edges


def test_each_part_of_coding_imports_only_the_layers_below_it() -> None:
    """The core imports no subpackage; realist, review, exchange and exports never import the
    CLI; review may use realist (theories as rows), exports may use both."""
    broken = {f"{a} -> {b}": sorted(set(files)) for (a, b), files in _part_edges().items()
              if b not in MAY_IMPORT[a]}
    assert broken == {}


def test_no_cycles_between_the_parts_of_coding() -> None:
    edges = {pair for pair in _part_edges()}
    graph: dict[str, set[str]] = {}
    for a, b in edges:
        graph.setdefault(a, set()).add(b)

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for nxt in graph.get(start, ()):
            if nxt == goal or (nxt not in seen and reaches(nxt, goal, seen | {nxt})):
                return True
        return False

    assert [a for a in graph if reaches(a, a, {a})] == []
