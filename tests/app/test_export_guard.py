"""Issue 18 in the app: the export dialogs refuse the project (and its companions) before
anything is computed or written, through the same guard as the command line."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.main_window import MainWindow
from app.review_exports import FORMATS, ExportDialog
from tests.app.waiting import work_done


def _close_next_warning(seen: list[str]) -> None:
    def close() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, close)
            return
        seen.append(box.text())
        box.button(QMessageBox.StandardButton.Ok).click()

    QTimer.singleShot(0, close)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_export_dialog_refuses_the_project_itself(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_project(demo_path)
    before = _digest(demo_path)
    dialog = ExportDialog(window)
    qtbot.addWidget(dialog)
    dialog.format.setCurrentText(next(iter(FORMATS)))
    for target in (demo_path, Path(f"{demo_path}-wal"), Path(f"{demo_path}.lock")):
        seen: list[str] = []
        dialog.path.setText(str(target))
        _close_next_warning(seen)
        dialog.export()
        assert len(seen) == 1 and "it was not written" in seen[0], seen
        assert not window.background.busy()
    assert _digest(demo_path) == before
    out = demo_path.with_name("excerpts.csv")
    dialog.path.setText(str(out))
    with work_done(qtbot, window):
        dialog.export()
    assert out.read_text(encoding="utf-8-sig").startswith("document,")
    window.close_project()


def test_file_menu_export_refuses_the_project(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_project(demo_path)
    before = _digest(demo_path)
    seen: list[str] = []
    _close_next_warning(seen)
    window.export_csv_to(demo_path)
    assert len(seen) == 1 and "Realist Coder project" in seen[0]
    assert not window.background.busy() and _digest(demo_path) == before
    window.close_project()
