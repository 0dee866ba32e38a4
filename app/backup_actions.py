"""File > Restore from backup…, Back up now, Check project; and opening a project safely.

`open_project_safely(parent, path)` is what the main window's open path should call instead of
`Project.open(path)` (the lead wires it into MainWindow.open_project):

    project = open_project_safely(self, path)
    if project is None:
        return
    ... adopt `project` as today ...

It explains and recovers instead of failing: a project another app or machine is writing opens
read-only (and says so); a read-only disk opens read-only; a damaged file is left untouched and
the latest good backup is offered, restored as a new file beside it.

A restore from the menu never overwrites the open project either: the chosen backup becomes a
new file, which is then opened.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from app import folders, last_place
from coding.backups import (
    BackupInfo,
    DamagedProject,
    ProjectLocked,
    ReadOnlyMedium,
    backup_contents,
    backup_now,
    check_project,
    keep_alive,
    latest_good_backup,
    list_backups,
    restore_backup,
    restored_copy_path,
    save_copy,
)
from coding.errors import USER_ERRORS
from coding.project import Project

TITLE = "Realist Coder"


def install(window) -> None:
    menu = window.menu_named("&File")
    menu.addSeparator()
    menu.addAction("Restore from &backup…", lambda: ask_restore(window))
    menu.addAction("Back &up now", lambda: _backup_now(window))
    menu.addAction("Save a cop&y…", lambda: save_a_copy(window))
    menu.addAction("&Check project", lambda: _check(window))
    window.changed.connect(lambda _changes: _warn_if_backups_fail(window))
    timer = QTimer(window)
    timer.setObjectName("idle_backup_timer")
    timer.setInterval(IDLE_CHECK_MS)
    timer.timeout.connect(lambda: _keep_alive(window))
    timer.start()


IDLE_CHECK_MS = 60_000


def _keep_alive(window) -> None:
    """Rolling backups follow commits; after the last commit of a burst, this makes the one
    that is due, so the newest work reaches a backup within the interval even when idle. It
    also refreshes the lock, which other machines would otherwise see age while we sit idle,
    brings the project file up to date, and keeps the reader's place."""
    project = window.project
    if project is None:
        return
    last_place.remember(window)  # a read-only session's place is worth keeping too
    if project.readonly:
        return
    window.run_in_background(lambda: keep_alive(project),
                             lambda _made: _warn_if_backups_fail(window))


def _warn_if_backups_fail(window) -> None:
    """Rolling backups happen after commits; if one failed, say so rather than stay silent."""
    error = window.project.db.backup_error if window.project is not None else ""
    if error:
        window.show_status(f"Warning: {error}")


def _describe(backup: BackupInfo) -> str:
    made = backup.made_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    kind = {"auto": "automatic", "manual": "made by hand", "before-restore": "before a restore",
            "before-reread": "before reading every document again"}
    label = kind.get(backup.kind, backup.kind.replace("-", " "))
    holds = backup_contents(backup)
    return f"{made} — {label} — {holds or f'{backup.size // 1024} KB'}"


def open_project_safely(parent: QWidget | None, path: Path) -> Project | None:
    """Open `path` for the app, or explain why not; None when nothing was opened."""
    return open_project_explained(parent, path)[0]


def open_project_explained(parent: QWidget | None, path: Path) -> tuple[Project | None, str]:
    """As `open_project_safely`, with the reason a project opened read-only ("" if it did
    not): the window keeps it in a banner for as long as the project is open."""
    try:
        return Project.open(path), ""
    except (ProjectLocked, ReadOnlyMedium) as exc:
        QMessageBox.information(
            parent, TITLE, f"{exc}\n\nThe project is opened read-only: you can read and export, "
            "but not change it.",
        )
        return _open_or_report(parent, path, readonly=True), str(exc)
    except DamagedProject as exc:
        return _offer_backup(parent, path, exc), ""
    except USER_ERRORS as exc:
        QMessageBox.critical(parent, "Cannot open project", str(exc))
        return None, ""


def _open_or_report(parent: QWidget | None, path: Path, *, readonly: bool = False) -> Project | None:
    try:
        return Project.open(path, readonly=readonly)
    except USER_ERRORS as exc:
        QMessageBox.critical(parent, "Cannot open project", str(exc))
        return None


def _offer_backup(parent: QWidget | None, path: Path, exc: DamagedProject) -> Project | None:
    good = latest_good_backup(path)
    if good is None:
        QMessageBox.critical(
            parent, "Damaged project",
            f"{exc.reason}.\n\nThere is no good backup of it. The file has been left exactly as "
            "it was; a data-recovery tool may still rescue part of it.",
        )
        return None
    target = restored_copy_path(path, good.made_at)
    answer = QMessageBox.question(
        parent, "Damaged project",
        f"“{path.name}” is damaged, perhaps by a crash, a full disk or a cloud-sync conflict. "
        f"It has not been changed.\n\nThe latest good backup is from {_describe(good)}. "
        f"Open a copy restored from it? It will be saved as “{target.name}” beside the "
        "project; work done after that backup is not in it.",
    )
    if answer != QMessageBox.StandardButton.Yes:
        return None
    try:
        restore_backup(path, good.path, to=target)
    except USER_ERRORS as error:
        QMessageBox.critical(parent, "Cannot restore", str(error))
        return None
    return _open_or_report(parent, target)


class RestoreDialog(QDialog):
    """Pick one backup; the window then opens it as a restored copy."""

    def __init__(self, parent: QWidget | None, project_path: Path) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore from backup")
        self.project_path = project_path
        self.list = QListWidget()
        self.list.setObjectName("backupList")
        for backup in list_backups(project_path):
            item = QListWidgetItem(_describe(backup))
            item.setData(Qt.ItemDataRole.UserRole, backup)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(
            "The chosen backup is restored as a new project file beside this one and opened; "
            "the current project is not changed."
        ))
        layout.addWidget(self.list)
        layout.addWidget(buttons)

    def chosen(self) -> BackupInfo | None:
        item = self.list.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)


def ask_restore(window) -> None:
    if window.project is None:
        window.show_status("Open a project first")
        return
    dialog = RestoreDialog(window, window.project.path)
    dialog.setObjectName("restoreDialog")
    dialog.finished.connect(lambda result: _restore_chosen(window, dialog, result))
    dialog.open()


def _restore_chosen(window, dialog: RestoreDialog, result: int) -> None:
    backup = dialog.chosen()
    if result != QDialog.DialogCode.Accepted or backup is None:
        return
    target = restored_copy_path(window.project.path, backup.made_at)
    try:
        restore_backup(window.project.path, backup.path, to=target)
    except USER_ERRORS as exc:
        QMessageBox.critical(window, "Cannot restore", str(exc))
        return
    window.open_project(target)
    window.show_status(f"Opened {target.name}, restored from the backup of {_describe(backup)}")


def _backup_now(window) -> None:
    if window.project is None:
        return
    path = window.project.path
    window.run_in_background(
        lambda: backup_now(path),
        lambda made: window.show_status(f"Backed up to {made.path.name}"),
    )


def save_a_copy(window, to: Path | None = None) -> None:
    """The project as one file, up to the last change, for a colleague to merge or for a USB
    stick: copying the .realist file by hand while the app is open can miss the latest work,
    still in the "-wal" file beside it. An existing file is never replaced."""
    if window.project is None:
        return
    path = window.project.path
    if to is None:
        name, _ = QFileDialog.getSaveFileName(
            window, "Save a copy of the project",
            folders.start_in(window, folders.EXPORT, f"{path.stem} (copy).realist"),
            "Projects (*.realist)", options=QFileDialog.Option.DontConfirmOverwrite)
        if not name:
            return
        to = Path(name)
        folders.remember(folders.EXPORT, to)
    target = to
    window.run_in_background(lambda: save_copy(path, target),
                             lambda made: window.show_status(f"Saved a copy to {made}"))


def _check(window) -> None:
    if window.project is None:
        return
    path = window.project.path

    def report(problems: list[str]) -> None:
        if problems:
            QMessageBox.warning(window, TITLE, "Problems found:\n" + "\n".join(problems[:20]))
        else:
            window.show_status("The project file is sound")

    window.run_in_background(lambda: check_project(path), report)
