"""File > Restore from backup…, and opening a locked or damaged project from the app."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.backup_actions import RestoreDialog, ask_restore, open_project_safely
from app.main_window import MainWindow
from coding.backups import backup_now, list_backups
from coding.nodes import add_node, list_nodes
from coding.project import Project
from tests.app.waiting import work_done
from tests.conftest import REPO
from tests.reliability.test_disk_errors import _damage


def _answer_next_message_box(button: QMessageBox.StandardButton, seen: list[str]) -> None:
    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen.append(box.text())
        box.button(button).click()

    QTimer.singleShot(0, answer)


def test_file_menu_offers_restore_and_backup(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow()
    qtbot.addWidget(window)
    titles = [a.text() for a in window.menu_named("&File").actions()]
    assert "Restore from &backup…" in titles and "Back &up now" in titles


def test_restore_from_backup_opens_a_restored_copy(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_project(demo_path)
    backup_now(demo_path)
    before = len(list_nodes(window.project))
    add_node(window.project, "Added after the backup")
    ask_restore(window)
    dialog = window.findChild(RestoreDialog)
    assert dialog is not None and dialog.list.count() == len(list_backups(demo_path))
    # each backup says what it holds, so the one from before a mistake can be told apart
    from coding.excerpts import iter_excerpts
    from coding.filters import NO_FILTER

    codings = sum(1 for _ in iter_excerpts(window.project, NO_FILTER))
    newest = dialog.list.item(0).text()
    assert newest.endswith(f"made by hand — 4 documents, {before} nodes, {codings} codings"), newest
    dialog.list.setCurrentRow(0)  # newest: the manual one
    dialog.accept()
    assert window.project.path != demo_path and "restored from" in window.project.path.name
    assert len(list_nodes(window.project)) == before
    with Project.open(demo_path, readonly=True) as original:  # the project itself is unchanged
        assert len(list_nodes(original)) == before + 1


def test_damaged_project_offers_the_latest_good_backup(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    Project.open(demo_path).close()  # makes the on-open backup
    _damage(demo_path)
    seen: list[str] = []
    _answer_next_message_box(QMessageBox.StandardButton.Yes, seen)
    project = open_project_safely(None, demo_path)
    assert project is not None
    try:
        assert "is damaged" in seen[0] and "has not been changed" in seen[0]
        assert project.path != demo_path and list_nodes(project)
    finally:
        project.close()


def test_a_project_open_elsewhere_opens_read_only_and_says_so(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from coding.project import Project; "
         "p = Project.open(sys.argv[1]); print('held', flush=True); time.sleep(60)",
         str(demo_path)], stdout=subprocess.PIPE, text=True, cwd=REPO,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        seen: list[str] = []
        _answer_next_message_box(QMessageBox.StandardButton.Ok, seen)
        project = open_project_safely(None, demo_path)
        assert project is not None and project.readonly
        project.close()
        assert f"by process {holder.pid}" in seen[0] and "read-only" in seen[0]
    finally:
        holder.kill()
        holder.wait()


def test_a_failing_automatic_backup_is_reported(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    from coding.backups import set_backup_policy
    from storage.backup import backup_dir

    with Project.open(demo_path) as project:
        set_backup_policy(project, interval_minutes=0)  # every commit is due a backup
    shutil.rmtree(backup_dir(demo_path))
    backup_dir(demo_path).write_text("a file where the backup folder should be")
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_project(demo_path)
    window.apply(add_node_changes(window.project))
    assert "automatic backup failed" in window.statusBar().currentMessage()


def add_node_changes(project: Project):  # type: ignore[no-untyped-def]
    from coding.changes import Changes

    node = add_node(project, "Coded while backups fail")
    return Changes(nodes=True, node_ids=frozenset({node}))


def test_an_idle_window_backs_up_changes_the_last_backup_missed(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    from coding.backups import set_backup_policy

    with Project.open(demo_path) as project:
        set_backup_policy(project, interval_minutes=0.02)
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_project(demo_path)
    before = len(list_backups(demo_path))
    add_node(window.project, "Coded, then a coffee break")  # within the interval: no backup
    assert len(list_backups(demo_path)) == before
    qtbot.wait(1300)
    with work_done(qtbot, window):
        window.findChild(QTimer, "idle_backup_timer").timeout.emit()
    assert len(list_backups(demo_path)) == before + 1
    with Project.open(list_backups(demo_path)[0].path, readonly=True) as copy:
        assert "Coded, then a coffee break" in [n.name for n in list_nodes(copy)]
