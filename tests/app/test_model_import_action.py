"""Theories ▸ Import model (CSV): a researcher's drafted model comes in from the app, not only
from the command line, as one step that Ctrl+Z takes back whole; a bad sheet adds nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from app.main_window import MainWindow
from app.theories_panel import TheoriesPanel
from coding.nodes import find_node, get_node
from coding.project import Project
from coding.realist.theories import list_theories
from tests.app.file_dialogs import choose_file
from tests.app.waiting import work_done
from tests.coding.test_merge_undo import dump
from tests.conftest import REPO

MODEL = REPO / "resources" / "demo" / "model.csv"


def _window(qtbot, path: Path) -> tuple[MainWindow, TheoriesPanel]:  # type: ignore[no-untyped-def]
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.open_project(path)
    return window, window.findChild(TheoriesPanel, "theoriesPanel")


def _action(window: MainWindow, text: str):  # type: ignore[no-untyped-def]
    return next(a for a in window.menu_named("&Theories").actions() if a.text() == text)


def test_import_a_model_from_the_menu_then_undo_and_redo_it(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    Project.create(tmp_path / "review.realist").close()
    sheet = tmp_path / "drafts" / "model.csv"
    sheet.parent.mkdir()
    shutil.copyfile(MODEL, sheet)
    window, panel = _window(qtbot, tmp_path / "review.realist")
    empty = dump(window.project)
    choose_file(sheet)
    with work_done(qtbot, window):
        _action(window, "&Import model (CSV)…").trigger()
    labels = [t.label for t in list_theories(window.project)]
    assert labels[:4] == ["T1", "T2", "T3", "T4"]
    assert get_node(window.project, find_node(window.project, "Contexts/Rural area")).role == "context"
    assert panel.tree.topLevelItemCount() >= 2  # its topics, in the panel at once
    assert window.undo_stack.undoText() == "Import model model.csv"
    assert f"{len(labels)} theories: T1, T2" in window.statusBar().currentMessage()
    imported = dump(window.project)

    window.undo_stack.undo()  # the whole import, in one step
    assert dump(window.project) == empty
    assert panel.tree.topLevelItemCount() == 0
    window.undo_stack.redo()
    assert dump(window.project) == imported  # the same rows and ids


def test_a_bad_sheet_adds_nothing_and_says_which_row(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    Project.create(tmp_path / "review.realist").close()
    sheet = tmp_path / "model.csv"
    sheet.write_text("label,topic,statement,contexts,mechanisms,outcomes\n"
                     "T1,Take-up,,Rural,Feels safe,Joins\nT1,Take-up,,,,\n", encoding="utf-8")
    window, panel = _window(qtbot, tmp_path / "review.realist")
    before = dump(window.project)
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _w, _t, text, *a, **k: said.append(text))
    with work_done(qtbot, window):
        panel.import_model_csv(sheet)
    assert said and "line 3" in said[0] and "T1 already exists" in said[0]
    assert dump(window.project) == before
    assert window.undo_stack.count() == 0
