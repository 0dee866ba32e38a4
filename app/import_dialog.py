"""Importing documents from the app: File menu or files dropped on the window.

The batch runs on the window's background worker; progress crosses back to the UI thread by
a queued signal, and cancel is a plain flag the importers check between pages and files.
Encrypted PDFs are listed, then the user is asked once for a password to retry them.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from app import folders
from app.undo import DoneCommand
from app.wrap_delegate import WrapDelegate
from coding.changes import Changes
from coding.document_history import DocumentSnapshot, delete_with_snapshot, restore_documents
from coding.documents import ImportReport, comments_kept, import_files
from coding.errors import NotFound
from coding.ids import DocumentId
from coding.names import counted
from importers import SUPPORTED_SUFFIXES, Progress
from importers.ocr import ocr_engine

FILTER = "Documents (" + " ".join(f"*{s}" for s in SUPPORTED_SUFFIXES) + ")"



class ImportCommand(DoneCommand):
    """A batch imported: undo takes its documents out again (whatever was coded in them since
    is undone first, by the steps above this one), keeping each whole, so redo puts them back
    with their ids, as they were."""

    def __init__(self, window, doc_ids: list[DocumentId]) -> None:
        super().__init__(window, f"Imported {counted(len(doc_ids), 'document')}")
        self.doc_ids = doc_ids
        self.snapshots: list[DocumentSnapshot] = []

    def undo_it(self) -> Changes:
        self.snapshots = []
        for doc_id in self.doc_ids:
            try:
                self.snapshots.append(delete_with_snapshot(self.window.project, doc_id))
            except NotFound:  # already gone (a merge's undo, say): nothing to take out
                continue
        return Changes(documents=True, references=True, memos=True,
                       document_ids=frozenset(self.doc_ids))

    def do(self) -> Changes:
        return restore_documents(self.window.project, self.snapshots)

class ImportDialog(QDialog):
    progressed = Signal(int, int, str)
    finished_import = Signal(object)  # the ImportReport

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle("Import documents")
        self.resize(560, 360)
        self.label = QLabel("Preparing…")
        self.bar = QProgressBar()
        self.results = QListWidget()
        self.results.setObjectName("importResults")
        # a refusal says what to do ("run OCR first, e.g. `ocrmypdf in.pdf out.pdf`"): wrapped,
        # it is read whole instead of behind a sideways scroll bar
        self.results.setItemDelegate(WrapDelegate(self.results))  # no sideways scroll bar
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.cancel)
        self.ocr_button = QPushButton("Run &OCR on scans")
        self.ocr_button.setToolTip("Read scanned PDFs with ocrmypdf (installed on this computer)")
        self.ocr_button.clicked.connect(self._retry_with_ocr)
        self.pages_button = QPushButton("Import scans as &pages")
        self.pages_button.setToolTip("Keep each scan as its pages alone, to code regions of them "
                                     "(a paragraph, a table, a figure) in the page view")
        self.pages_button.clicked.connect(self._retry_as_pages)
        self._scanned: list[Path] = []
        layout = QVBoxLayout(self)
        for widget in (self.label, self.bar, self.results, self.buttons):
            layout.addWidget(widget)
        self._cancel = threading.Event()
        self.running = False
        self.progressed.connect(self._show_progress)

    def start(self, paths: list[Path], password: str | None = None, ocr: bool = False,
              pages_only: bool = False) -> None:
        project = self.window_.project
        if project is None or not paths:
            return
        self.running = True
        self._cancel.clear()
        self.bar.setRange(0, 0)
        self.label.setText(f"Importing {counted(len(paths), 'file')}…")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.removeButton(self.ocr_button)
        self.buttons.removeButton(self.pages_button)

        def report_progress(step: Progress) -> None:  # runs on the worker thread
            self.progressed.emit(step.done, step.total, step.path.name)

        self.window_.run_in_background(
            lambda: import_files(project, paths, password=password, progress=report_progress,
                                 cancel=self._cancel.is_set, ocr=ocr, pages_only=pages_only),
            self._done, self._failed)

    def cancel(self) -> None:
        if self.running:
            self._cancel.set()
            self.label.setText("Cancelling…")
        else:
            self.reject()

    def _show_progress(self, done: int, total: int, name: str) -> None:
        self.bar.setRange(0, total)
        self.bar.setValue(done)
        self.label.setText(f"{name}: {done} of {total}")

    def _done(self, report: ImportReport) -> None:
        self.running = False
        for path, _doc in report.imported:
            self._row(f"✔ {path.name}{comments_kept(report.annotations.get(path, 0))}", "imported")
        for _path, message in report.failed:
            self._row(f"✖ {message}", "failed")
        for path, warning in report.warnings:
            self._row(f"⚠ {path.name}: {warning}", "warning")
        if report.stopped:  # the ones above are kept; the rest were not imported
            self._row(f"✖ Stopped, {report.progress_line} before it: {report.stopped}", "failed")
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        done = len(report.imported)
        asked = report.total if report.stopped or report.cancelled else done + len(report.failed)
        summary = f"Imported {done} of {asked}"
        self.label.setText(summary + (" (cancelled)" if report.cancelled else ""))
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
        if report.imported:  # one step: Ctrl+Z takes the batch out again
            self.window_.undo_stack.push(ImportCommand(
                self.window_, [doc_id for _path, doc_id in report.imported]))
        self.window_.apply(report.changes)
        self.window_.show_status(summary)
        self._scanned = list(report.scanned)
        if self._scanned and not report.cancelled:
            if ocr_engine() is not None:
                self.buttons.addButton(self.ocr_button, QDialogButtonBox.ButtonRole.ActionRole)
            # without OCR a scan could only be refused: its pages can still be coded by region
            self.buttons.addButton(self.pages_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.finished_import.emit(report)
        if report.locked and not report.cancelled:
            self._ask_password(report.locked)

    def _ask_password(self, locked: list[Path]) -> None:
        names = ", ".join(p.name for p in locked)
        password, ok = QInputDialog.getText(
            self, "Password needed", f"Password for {names}:", QLineEdit.EchoMode.Password)
        if ok and password:
            self._forget_rows(locked)
            self.start(locked, password=password)

    def _retry_with_ocr(self) -> None:
        self._forget_rows(self._scanned)
        self.start(self._scanned, ocr=True)

    def _retry_as_pages(self) -> None:
        self._forget_rows(self._scanned)
        self.start(self._scanned, pages_only=True)

    def _forget_rows(self, paths: list[Path]) -> None:
        for row in range(self.results.count() - 1, -1, -1):
            if any(p.name in self.results.item(row).text() for p in paths):
                self.results.takeItem(row)

    def _failed(self, exc: BaseException) -> None:
        self.running = False
        self._row(f"✖ {exc}", "failed")
        self.label.setText("Import stopped")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
        self.finished_import.emit(None)

    def _row(self, text: str, kind: str) -> None:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, kind)
        self.results.addItem(item)


class _FileDrops(QObject):
    """Files dropped anywhere on the window are imported."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window_ = window

    def eventFilter(self, watched, event):  # noqa: N802
        dragging = event.type() in (QEvent.Type.DragEnter, QEvent.Type.DragMove)
        if dragging and event.mimeData().hasUrls() and self.window_.project is not None:
            event.acceptProposedAction()
            return True
        if event.type() == QEvent.Type.Drop and event.mimeData().hasUrls():
            paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
            if paths:
                import_paths(self.window_, paths)
                event.acceptProposedAction()
                return True
        return False


def import_paths(window, paths: list[Path]) -> ImportDialog | None:
    """Import, after asking about files already in the project (never a silent "… (2)")."""
    from app.document_actions import ask_about_duplicates

    wanted = ask_about_duplicates(window, paths)
    if not wanted:
        if wanted is not None:
            window.show_status("Nothing to import: every file is already in the project")
        return None
    dialog = ImportDialog(window)
    dialog.show()
    dialog.start(wanted)
    return dialog


def ask_and_import(window) -> None:
    if window.project is None:
        window.show_status("Open a project first")
        return
    names, _ = QFileDialog.getOpenFileNames(window, "Import documents",
                                            folders.start_in(window, folders.IMPORT), FILTER)
    if names:
        folders.remember(folders.IMPORT, Path(names[0]))
        import_paths(window, [Path(n) for n in names])


def install(window) -> None:
    action = window.menu_named("&File").addAction("&Import documents…", lambda: ask_and_import(window))
    action.setShortcut(QKeySequence("Ctrl+Shift+I"))
    window.scope.edits(action)
    window.setAcceptDrops(True)
    window._file_drops = _FileDrops(window)
    window.installEventFilter(window._file_drops)
