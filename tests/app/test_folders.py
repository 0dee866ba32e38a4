"""File dialogs start where the researcher works: the import dialog in the folder the last
import came from, an export beside the project (then where the last export went); not in
whatever folder the app happened to be started from."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog

from app import folders
from app.import_dialog import ask_and_import
from app.welcome import remember_recent
from coding.project import Project
from tests.app.test_workspace import open_window


def _folder_the_dialog_opens_in(qtbot, action) -> str:  # type: ignore[no-untyped-def]
    """Run `action`, which opens a file dialog; read the folder it shows, then cancel it."""
    seen: list[str] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, look)  # not up yet
            return
        seen.append(dialog.directory().absolutePath())
        dialog.reject()

    QTimer.singleShot(0, look)
    action()
    qtbot.waitUntil(lambda: bool(seen), timeout=20_000)
    return seen[0]


def test_the_import_dialog_starts_in_the_last_import_folder(qtbot, demo_path: Path,  # type: ignore[no-untyped-def]
                                                             tmp_path: Path) -> None:
    window = open_window(qtbot, demo_path)
    first = _folder_the_dialog_opens_in(qtbot, lambda: ask_and_import(window))
    assert Path(first) == demo_path.parent  # nothing imported yet: the project's folder
    articles = tmp_path / "articles"
    articles.mkdir()
    folders.remember(folders.IMPORT, articles / "Smith 2019.pdf")
    again = _folder_the_dialog_opens_in(qtbot, lambda: ask_and_import(window))
    assert Path(again) == articles


def test_an_export_starts_beside_the_project_and_a_gone_folder_is_forgotten(qtbot,  # type: ignore[no-untyped-def]
                                                                             demo_path: Path,
                                                                             tmp_path: Path) -> None:
    window = open_window(qtbot, demo_path)
    assert folders.start_in(window, folders.EXPORT, "excerpts.csv") == str(
        demo_path.parent / "excerpts.csv")
    gone = tmp_path / "usb stick"
    gone.mkdir()
    folders.remember(folders.EXPORT, gone / "excerpts.csv")
    assert folders.start_in(window, folders.EXPORT) == str(gone)
    gone.rmdir()  # the stick was taken out: back to the project's folder
    assert folders.start_in(window, folders.EXPORT) == str(demo_path.parent)


def test_open_project_starts_in_the_folder_of_the_newest_recent_project(  # type: ignore[no-untyped-def]
        qtbot, demo_path: Path, tmp_path: Path) -> None:
    window = open_window(qtbot, demo_path)
    assert Path(_folder_the_dialog_opens_in(qtbot, window.ask_open)) == demo_path.parent
    reviews = tmp_path / "reviews"
    reviews.mkdir()
    Project.create(reviews / "peer support.realist").close()
    remember_recent(reviews / "peer support.realist")  # as opening it from anywhere does
    assert Path(_folder_the_dialog_opens_in(qtbot, window.ask_open)) == reviews
