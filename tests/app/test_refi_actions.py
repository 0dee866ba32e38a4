"""File ▸ REFI-QDA exchange, driven on the real window with the demo project."""

from __future__ import annotations

import zipfile
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from app import refi_actions
from app.main_window import MainWindow
from app.refi_actions import MENU_TITLE
from coding.documents import list_documents
from coding.ids import DocumentId
from coding.nodes import list_nodes
from coding.project import Project
from coding.references import references_for_document
from tests.app.waiting import work_done


def reference_count(project: Project) -> int:
    return sum(len(references_for_document(project, DocumentId(d.id)))
               for d in list_documents(project))


def _refi_menu(window: MainWindow):  # type: ignore[no-untyped-def]
    for action in window.menu_named("&File").actions():
        if action.menu() is not None and action.text() == MENU_TITLE:
            return action.menu()
    raise AssertionError("no REFI-QDA submenu in the File menu")


def test_exports_need_a_project(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow()
    qtbot.addWidget(window)
    enabled = {a.text(): a.isEnabled() for a in _refi_menu(window).actions() if a.text()}
    assert enabled == {
        "Export project (.qdpx)…": False,
        "Export codebook (.qdc)…": False,
        "Import project (.qdpx) as a new project…": True,
        "Import codebook (.qdc) into this project…": False,
    }


def test_export_then_import_opens_the_copy_with_a_report(qtbot, demo_path: Path,  # type: ignore[no-untyped-def]
                                                          tmp_path: Path) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_project(demo_path)
    assert all(a.isEnabled() for a in _refi_menu(window).actions())
    documents = len(list_documents(window.project))
    excerpts = reference_count(window.project)
    qdpx, qdc = tmp_path / "demo.qdpx", tmp_path / "demo.qdc"
    with work_done(qtbot, window):
        refi_actions.export_project(window, qdpx)
        refi_actions.export_codebook(window, qdc)
    assert qdpx.exists() and qdc.exists()
    with zipfile.ZipFile(qdpx) as zf:
        assert "project.qde" in zf.namelist()

    copy = tmp_path / "copy.realist"
    with work_done(qtbot, window, timeout=60_000):
        refi_actions.import_project(window, qdpx, copy)
    assert window.project is not None and window.project.path == copy
    box = window.findChild(QMessageBox, "refiImportReport")
    assert box is not None and f"Imported {documents} documents" in box.text()
    assert len(list_documents(window.project)) == documents
    assert reference_count(window.project) == excerpts
    box.close()

    with work_done(qtbot, window):
        refi_actions.import_codebook(window, qdc)  # every code is already there
    assert "Added 0 codes" in window.statusBar().currentMessage()
    assert window.undo_stack.count() == 0  # nothing added: nothing to take back
    QApplication.processEvents()


def test_a_codebook_import_is_one_undo_step(qtbot, demo_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_project(demo_path)
    qdc = tmp_path / "demo.qdc"
    with work_done(qtbot, window):
        refi_actions.export_codebook(window, qdc)
    codes = len(list_nodes(window.project))
    Project.create(tmp_path / "colleague.realist").close()
    window.close_project()
    assert window.open_project(tmp_path / "colleague.realist")
    with work_done(qtbot, window):
        refi_actions.import_codebook(window, qdc)
    assert len(list_nodes(window.project)) == codes
    assert f"Added {codes} codes from demo.qdc" in window.statusBar().currentMessage()
    added = sorted((n.id, n.path, n.role) for n in list_nodes(window.project))
    window.undo_stack.undo()  # every code, in one step
    assert list_nodes(window.project) == []
    window.undo_stack.redo()
    assert sorted((n.id, n.path, n.role) for n in list_nodes(window.project)) == added
