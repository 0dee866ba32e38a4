"""A project opens where its last session stopped reading: the document, the line, the page."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer

from app.main_window import MainWindow
from coding.documents import find_document, import_files
from coding.project import Project
from tests.app.test_page_view import REAL
from tests.app.test_workspace import open_window
from tests.app.waiting import settled, work_done
from tests.conftest import add_text_document

LONG = "\n\n".join(f"Paragraph {i}: the volunteers visited mothers at home every week." for i in
                   range(400))


def _reopen(qtbot, window: MainWindow, path: Path) -> None:  # type: ignore[no-untyped-def]
    window.close_project()
    assert window.open_project(path)
    settled(qtbot, window)


def _reading_the_long_one(qtbot, tmp_path: Path) -> tuple[MainWindow, Path, int]:  # type: ignore[no-untyped-def]
    """A project of a short document then a long one, open at the long one."""
    path = tmp_path / "p.realist"
    with Project.create(path) as project:
        add_text_document(project, tmp_path, "a_short", "Only a line.")
        add_text_document(project, tmp_path, "b_long", LONG)
    window = open_window(qtbot, path)
    long_id = find_document(window.project, "b_long")
    window.select_document(long_id)
    settled(qtbot, window)  # the text is read off the UI thread, then shown
    return window, path, long_id


def test_the_text_view_reopens_at_the_document_and_line_left(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window, path, long_id = _reading_the_long_one(qtbot, tmp_path)
    target = LONG.index("Paragraph 250")
    window.viewer_widget.scroll_to(target)
    top = window.viewer_widget.visible_range()[0]
    assert top > 0

    _reopen(qtbot, window, path)
    assert window.current_document_id == long_id  # not the first document, as before
    first, last = window.viewer_widget.visible_range()
    assert first <= top < last and top - first < 200  # the same screenful, within a line


def test_the_page_view_reopens_at_the_page_left(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "pages.realist"
    notes = tmp_path / "a_notes.txt"
    notes.write_text("Plain notes, listed first.\n", encoding="utf-8")
    with Project.create(path) as project:
        import_files(project, [REAL, notes])
    window = open_window(qtbot, path)
    window.select_document(find_document(window.project, "cermine_test3"))
    settled(qtbot, window)
    view = window.document_pane.page_view
    with work_done(qtbot, window), qtbot.waitSignal(view.page_shown, timeout=20_000):
        qtbot.mouseClick(window.document_pane.bar.page_button, Qt.MouseButton.LeftButton)
    view.verticalScrollBar().setValue(int(view.tops[2]) + 120)  # a little way down page 3
    page, fraction = view.position()
    assert page == 2 and fraction > 0, (view.tops, view.verticalScrollBar().maximum())

    window.close_project()
    with qtbot.waitSignal(view.page_shown, timeout=20_000):
        assert window.open_project(path)
    settled(qtbot, window)
    assert window.document_pane.mode == "page"
    assert view.current_page() == 3
    again = view.position()
    assert again[0] == page and abs(again[1] - fraction) < 0.01


def test_a_deleted_document_or_a_new_machine_opens_the_first(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "p.realist"
    with Project.create(path) as project:
        add_text_document(project, tmp_path, "a_first", "First.")
        add_text_document(project, tmp_path, "b_second", "Second.")
    window = open_window(qtbot, path)
    second = find_document(window.project, "b_second")
    window.select_document(second)
    settled(qtbot, window)
    window.close_project()
    with Project.open(path) as project:
        from coding.documents import delete_document

        delete_document(project, second)
    assert window.open_project(path)
    settled(qtbot, window)
    assert window.current_document_id == find_document(window.project, "a_first")


def test_a_session_that_never_closed_reopens_at_its_place(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window, path, long_id = _reading_the_long_one(qtbot, tmp_path)
    window.viewer_widget.scroll_to(LONG.index("Paragraph 250"))
    timer = window.findChild(QTimer, "idle_backup_timer")
    with work_done(qtbot, window):
        timer.timeout.emit()  # the minute's idle work; then the app is killed, never closed
    window.project.db.engine.dispose()  # what a killed process leaves: no close, no remember()

    again = MainWindow()  # the next session, after a crash
    qtbot.addWidget(again)
    assert again.open_project(path, readonly=True)  # the dead session's lock file is still there
    settled(qtbot, again)
    assert again.current_document_id == long_id  # was: the first document
