"""Managing what was imported: rename a document, delete it (asking, with how many codings go
with it), both undoable; and re-importing a file already in the project asks first.

Delete snapshots every row that goes with the document (coding.document_history) off the UI
thread, then deletes; undo restores the snapshot with the same ids, redo deletes again.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QMenu, QMessageBox

from app.undo import DoneCommand
from coding.changes import Changes
from coding.document_history import (
    DocumentSnapshot,
    count_codings,
    delete_with_snapshot,
    restore_documents,
)
from coding.documents import already_imported, delete_document, rename_document
from coding.errors import USER_ERRORS
from coding.ids import DocumentId
from coding.names import bulleted, counted


class RenameDocumentCommand(DoneCommand):
    def __init__(self, window, doc_id: DocumentId, before: str, after: str) -> None:
        super().__init__(window, f"Renamed document {before} to {after}")
        self.doc_id, self.before, self.after = doc_id, before, after

    def do(self) -> Changes:
        return rename_document(self.window.project, self.doc_id, self.after)

    def undo_it(self) -> Changes:
        return rename_document(self.window.project, self.doc_id, self.before)


class DeleteDocumentCommand(DoneCommand):
    """One or several documents deleted, each with what went with it: undo restores them all."""

    def __init__(self, window, snapshots: list[DocumentSnapshot]) -> None:
        codings = sum(s.reference_count for s in snapshots)
        what = (f"document {snapshots[0].name}" if len(snapshots) == 1
                else counted(len(snapshots), "document"))
        super().__init__(window, f"Deleted {what} ({counted(codings, 'coding')})")
        self.snapshots = snapshots

    def do(self) -> Changes:
        changes = Changes()
        for snapshot in self.snapshots:
            changes |= delete_document(self.window.project, snapshot.document_id)
        return changes

    def undo_it(self) -> Changes:
        return restore_documents(self.window.project, self.snapshots)


def _chosen(window) -> DocumentId | None:
    doc_id = window.documents.current_id()
    if doc_id is None or window.project is None:
        window.show_status("Choose a document first")
        return None
    return DocumentId(doc_id)


def rename(window, new_name: str | None = None) -> None:
    """Rename the chosen document (asked for when not given)."""
    doc_id = _chosen(window)
    if doc_id is None:
        return
    before = window.documents.name_of(doc_id)
    if new_name is None:
        name, ok = QInputDialog.getText(window, "Rename document", "New name:", text=before)
        if not ok:
            return
        new_name = name
    new_name = new_name.strip()
    if not new_name or new_name == before:
        return
    try:
        changes = rename_document(window.project, doc_id, new_name)
    except USER_ERRORS as exc:
        window.show_status(str(exc))
        return
    command = RenameDocumentCommand(window, doc_id, before, new_name)
    window.undo_stack.push(command)
    window.apply(changes)
    window.show_status(command.text())


def confirm_delete(window, name: str, codings: int, count: int = 1) -> bool:
    what = f"'{name}'" if count == 1 else counted(count, "document")
    them = ("it, with its annotations, memo, attributes and appraisal" if count == 1 else
            "them, with their annotations, memos, attributes and appraisals")
    answer = QMessageBox.question(
        window, "Delete document" if count == 1 else "Delete documents",
        f"Delete {what}? {counted(codings, 'coding')} go with {them}.\n"
        "You can undo this with Ctrl+Z.")
    return answer == QMessageBox.StandardButton.Yes


def delete(window) -> None:
    """Ask, saying how many codings go with the chosen documents (several when Ctrl/Shift+click
    chose several); then delete them off the UI thread, as one undo step."""
    doc_id = _chosen(window)
    if doc_id is None:
        return
    chosen = [DocumentId(d) for d in window.documents.selected_ids()] or [doc_id]
    project = window.project
    codings = sum(count_codings(project, d) for d in chosen)
    if not confirm_delete(window, window.documents.name_of(chosen[0]), codings, len(chosen)):
        return
    window.flush_edits()

    def work() -> tuple[list[DocumentSnapshot], str]:
        """Each document in its own transaction; if one is refused, those deleted before it
        still get their undo step."""
        snapshots: list[DocumentSnapshot] = []
        try:
            for d in chosen:
                snapshots.append(delete_with_snapshot(project, d))
        except USER_ERRORS as exc:
            return snapshots, str(exc)
        return snapshots, ""

    def done(result: tuple[list[DocumentSnapshot], str]) -> None:
        snapshots, error = result
        if snapshots:
            command = DeleteDocumentCommand(window, snapshots)
            window.undo_stack.push(command)
            window.apply(Changes(documents=True, references=True, nodes=True, memos=True,
                                 document_ids=frozenset(s.document_id for s in snapshots)))
            back = "them" if len(snapshots) > 1 else "it"
            window.show_status(error or f"{command.text()} — Ctrl+Z brings {back} back")
        elif error:
            window.show_status(error)

    window.run_in_background(work, done, lambda exc: window.show_status(str(exc)))


def ask_about_duplicates(window, paths: list[Path]) -> list[Path] | None:
    """Files already in the project (same bytes): skip them or import them again, as the
    researcher says. Returns the files to import, or None if the import is cancelled."""
    found = already_imported(window.project, paths)
    if not found:
        return paths
    listed = bulleted([f"{p.name} — already imported as '{name}'" for p, name in found.items()],
                      12)
    box = QMessageBox(QMessageBox.Icon.Question, "Already in the project",
                      f"{len(found)} of these files are already in the project:\n{listed}\n\n"
                      "Importing one again adds a second copy, coded separately.", parent=window)
    box.setObjectName("duplicateImport")
    skip = box.addButton("Skip them", QMessageBox.ButtonRole.AcceptRole)
    again = box.addButton("Import again", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(skip)
    box.exec()
    if box.clickedButton() is again:
        return paths
    if box.clickedButton() is skip:
        return [p for p in paths if p not in found]
    return None


def list_menu(window, pos) -> None:
    tree = window.documents.tree
    if tree.itemAt(pos) is None or window.documents.current_id() is None:
        return
    menu = QMenu(tree)
    for action in (window.rename_document_action, window.delete_document_action):
        menu.addAction(action)
    menu.popup(tree.viewport().mapToGlobal(pos))


def install(window) -> None:
    from app.attributes_sheet import open_sheet
    from app.interventions_editor import open_editor
    from app.reread_action import reread, reread_every_document

    menu = window.menu_named("&Documents")
    window.rename_document_action = menu.addAction("Re&name document…", lambda: rename(window))
    window.delete_document_action = menu.addAction("&Delete document…", lambda: delete(window))
    window.reread_action = menu.addAction("Read &again with the current reader…",
                                          lambda: reread(window))
    window.reread_action.setToolTip("Read the document's original again with today's reader "
                                     "(better reading order, paragraphs, tables), its excerpts "
                                     "and annotations carried over")
    window.reread_all_action = menu.addAction("Read a&ll documents again…",
                                              lambda: reread_every_document(window))
    window.reread_all_action.setToolTip("Read every document's original again with today's "
                                         "reader; a document whose coded passages are not all "
                                         "found is left as it was")
    window.scope.edits(window.rename_document_action, window.delete_document_action,
                       window.reread_action, window.reread_all_action)
    menu.addSeparator()
    menu.addAction("&Interventions…", lambda: open_editor(window))
    menu.addAction("&Attributes…", lambda: open_sheet(window))
    tree = window.documents.tree
    for action, key in ((window.rename_document_action, "F2"),
                        (window.delete_document_action, QKeySequence.StandardKey.Delete)):
        local = QAction(action.text(), tree)
        local.setShortcut(QKeySequence(key))
        local.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        local.triggered.connect(action.trigger)
        tree.addAction(local)
    tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    tree.customContextMenuRequested.connect(lambda pos: list_menu(window, pos))
    tree.itemSelectionChanged.connect(lambda: _name_delete(window))


def _name_delete(window) -> None:
    """The menu says how many documents Delete takes, once Ctrl/Shift+click chose several."""
    chosen = len(window.documents.selected_ids())
    window.delete_document_action.setText(
        "&Delete document…" if chosen <= 1 else f"&Delete {chosen} documents…")
