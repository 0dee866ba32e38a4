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
    """`realist-coder gui` must start the app; nothing else in the core may depend on it."""
    users = {
        str(path.relative_to(REPO))
        for package in CORE
        for path in (REPO / package).rglob("*.py")
        if "app" in _imports(path)
    }
    assert users <= {"coding/cli/project_commands.py"}


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
