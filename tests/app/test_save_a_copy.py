"""File ▸ Save a copy…: the project as one file, up to the change just made, while it is open;
an existing file is never replaced."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from app.main_window import MainWindow
from coding.nodes import add_node, list_nodes
from coding.project import Project
from tests.app.file_dialogs import choose_file
from tests.app.waiting import work_done


def _nodes(path: Path) -> list[str]:
    with Project.open(path, readonly=True) as project:
        return [n.path for n in list_nodes(project)]


def test_save_a_copy_from_the_file_menu(qtbot, demo_path: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.open_project(demo_path)
    add_node(window.project, "Coded a moment ago")
    action = next(a for a in window.menu_named("&File").actions() if a.text() == "Save a cop&y…")
    copy = tmp_path / "for Ben.realist"
    choose_file(copy)
    with work_done(qtbot, window):
        action.trigger()
    assert "Coded a moment ago" in _nodes(copy)
    assert f"Saved a copy to {copy}" in window.statusBar().currentMessage()

    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _w, _t, text, *a, **k: said.append(text))
    add_node(window.project, "Coded later")
    choose_file(copy)  # the same name again: refused, the first copy kept as it was
    with work_done(qtbot, window):
        action.trigger()
    assert said and "already exists" in said[0]
    assert "Coded later" not in _nodes(copy)
