"""Documents ▸ Interventions…: add and number interventions, and put documents in them.

Documents are assigned by dragging them (several at once) onto an intervention, or by
selecting them and pressing Assign. Every edit is one transaction and one undo step; the
editor redraws from the project after any change, wherever it was made.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGridLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from app.close_button import close_button
from app.screen_fit import sized
from app.undo import DoneCommand
from app.wrap_delegate import WrapDelegate
from coding.case_delete import DeletedCase, changed, delete_case, restore_case_deleted
from coding.cases import (
    CaseRecord,
    assign_documents,
    case_record,
    delete_empty_case,
    document_cases,
    ensure_case,
    list_cases,
    restore_case,
    update_case,
)
from coding.changes import Changes
from coding.documents import list_documents
from coding.errors import USER_ERRORS
from coding.ids import CaseId, DocumentId
from coding.names import counted

DOCS_MIME = "application/x-realist-coder-documents"


class AddCaseCommand(DoneCommand):
    def __init__(self, window, record: CaseRecord) -> None:
        super().__init__(window, f"New intervention #{record.number} {record.name}")
        self.record = record

    def do(self) -> Changes:
        return restore_case(self.window.project, self.record)

    def undo_it(self) -> Changes:
        return delete_empty_case(self.window.project, self.record.id)


class DeleteCaseCommand(DoneCommand):
    def __init__(self, window, deleted: DeletedCase) -> None:
        super().__init__(window, f"Delete intervention {deleted.label}")
        self.deleted = deleted

    def do(self) -> Changes:
        self.deleted = delete_case(self.window.project, CaseId(self.deleted.case["id"]))
        return changed(self.deleted)

    def undo_it(self) -> Changes:
        return restore_case_deleted(self.window.project, self.deleted)


class UpdateCaseCommand(DoneCommand):
    def __init__(self, window, case_id: CaseId, before: dict, after: dict, text: str) -> None:
        super().__init__(window, text)
        self.case_id, self.before, self.after = case_id, before, after

    def do(self) -> Changes:
        return update_case(self.window.project, self.case_id, **self.after)

    def undo_it(self) -> Changes:
        return update_case(self.window.project, self.case_id, **self.before)


class AssignCommand(DoneCommand):
    def __init__(self, window, before: dict, after: dict, text: str) -> None:
        super().__init__(window, text)
        self.before, self.after = before, after

    def do(self) -> Changes:
        return assign_documents(self.window.project, self.after)

    def undo_it(self) -> Changes:
        return assign_documents(self.window.project, self.before)


class _DocumentList(QListWidget):
    """Drags carry the selected documents' ids."""

    def mimeData(self, items) -> QMimeData:  # noqa: N802
        data = super().mimeData(items)
        ids = ",".join(str(i.data(Qt.ItemDataRole.UserRole)) for i in items)
        data.setData(DOCS_MIME, ids.encode())
        return data


class _CaseList(QListWidget):
    """Documents dropped on an intervention are assigned to it."""

    dropped = Signal(int, list)

    def _ids(self, event) -> list[int]:
        if not event.mimeData().hasFormat(DOCS_MIME):
            return []
        raw = bytes(event.mimeData().data(DOCS_MIME).data()).decode()
        return [int(i) for i in raw.split(",") if i.isdigit()]

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if self._ids(event):
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        if self._ids(event) and self.itemAt(event.position().toPoint()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:  # noqa: N802
        item, ids = self.itemAt(event.position().toPoint()), self._ids(event)
        if item is None or not ids:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.dropped.emit(item.data(Qt.ItemDataRole.UserRole), ids)


class InterventionsEditor(QDialog):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window_ = window
        self.setObjectName("interventionsEditor")
        self.setWindowTitle("Interventions")
        sized(self, 760, 460)
        self.cases = _CaseList()
        self.cases.setObjectName("interventionList")
        self.cases.setAcceptDrops(True)
        self.cases.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.cases.dropped.connect(lambda case_id, ids: self.assign(ids, case_id))
        self.documents = _DocumentList()
        self.documents.setObjectName("interventionDocuments")
        # "02_Telephone_befriending_pilot — #2 Telephone befriending pilot" wraps, instead of
        # running off the list behind a sideways scroll bar
        self.documents.setItemDelegate(WrapDelegate(self.documents))
        self.documents.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.documents.setDragEnabled(True)
        self.documents.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.add_button = QPushButton("&Add…")
        self.rename_button = QPushButton("&Rename…")
        self.number_button = QPushButton("&Number…")
        self.delete_button = QPushButton("&Delete")
        self.assign_button = QPushButton("← A&ssign selected documents")
        self.unassign_button = QPushButton("Take out of its &intervention")
        self.add_button.clicked.connect(lambda: self.add())
        self.rename_button.clicked.connect(lambda: self.rename())
        self.number_button.clicked.connect(lambda: self.renumber())
        self.delete_button.clicked.connect(self.delete_current)
        self.assign_button.clicked.connect(self.assign_selected)
        self.unassign_button.clicked.connect(
            lambda: self.assign(self.selected_documents(), None))
        grid = QGridLayout(self)
        grid.addWidget(QLabel("Interventions (drop documents on one)"), 0, 0, 1, 4)
        grid.addWidget(QLabel("Documents (Ctrl/Shift+click for several)"), 0, 4, 1, 2)
        grid.addWidget(self.cases, 1, 0, 1, 4)
        grid.addWidget(self.documents, 1, 4, 1, 2)
        for column, button in enumerate((self.add_button, self.rename_button, self.number_button,
                                         self.delete_button, self.assign_button,
                                         self.unassign_button)):
            grid.addWidget(button, 2, column)
        grid.addWidget(close_button(self), 3, 0, 1, 6)
        self.addActions([window.undo_action, window.redo_action])  # Ctrl+Z works here too
        window.changed.connect(lambda c: self.refresh() if (c.cases or c.documents) else None)
        window.scope.on_reset(self.close)
        self.refresh()

    def refresh(self) -> None:
        project = self.window_.project
        if project is None:
            return
        chosen = self.current_case()
        picked = set(self.selected_documents())
        self.cases.clear()
        for case in list_cases(project):
            item = QListWidgetItem(f"#{case.number} {case.name} — "
                                   f"{counted(case.document_count, 'document')}")
            item.setData(Qt.ItemDataRole.UserRole, int(case.id))
            self.cases.addItem(item)
            if case.id == chosen:
                self.cases.setCurrentItem(item)
        self.documents.clear()
        for doc in list_documents(project):
            where = f"#{doc.case_number} {doc.case_name}" if doc.case_number else "(none)"
            item = QListWidgetItem(f"{doc.name}   — {where}")
            item.setData(Qt.ItemDataRole.UserRole, int(doc.id))
            item.setToolTip(doc.title or doc.name)
            self.documents.addItem(item)
            item.setSelected(doc.id in picked)
        writable = self.window_.scope.writable
        for widget in (self.add_button, self.rename_button, self.number_button,
                       self.delete_button, self.assign_button, self.unassign_button):
            widget.setEnabled(writable)
        self.cases.setAcceptDrops(writable)

    def current_case(self) -> CaseId | None:
        item = self.cases.currentItem()
        return CaseId(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def selected_documents(self) -> list[int]:
        return [i.data(Qt.ItemDataRole.UserRole) for i in self.documents.selectedItems()]

    def _push(self, action, command_factory) -> bool:
        try:
            changes = action()
            command = command_factory()
        except USER_ERRORS as exc:
            self.window_.show_status(str(exc))
            return False
        self.window_.undo_stack.push(command)
        self.window_.apply(changes)
        self.window_.show_status(command.text())
        return True

    def add(self, name: str | None = None) -> bool:
        if name is None:
            name, ok = QInputDialog.getText(self, "New intervention",
                                            "Name of the new intervention:")
            if not ok:
                return False
        project, made = self.window_.project, []

        def action() -> Changes:
            made.append(ensure_case(project, name))
            return Changes(cases=True)

        if not self._push(action, lambda: AddCaseCommand(self.window_,
                                                          case_record(project, made[0]))):
            return False
        self.choose_case(made[0])  # the next click assigns documents to it
        return True

    def choose_case(self, case_id: CaseId) -> None:
        for row in range(self.cases.count()):
            if self.cases.item(row).data(Qt.ItemDataRole.UserRole) == case_id:
                self.cases.setCurrentRow(row)

    def delete_current(self) -> bool:
        """Delete the chosen intervention; its documents stay, in none (undoable)."""
        case_id = self.current_case()
        if case_id is None:
            self.window_.show_status("Choose an intervention first")
            return False
        found: list[DeletedCase] = []

        def action() -> Changes:
            found.append(delete_case(self.window_.project, case_id))
            return changed(found[0])

        if not self._push(action, lambda: DeleteCaseCommand(self.window_, found[0])):
            return False
        self.window_.show_status(f"Deleted intervention {found[0].label}{found[0].kept_note}"
                                 " (Ctrl+Z brings it back)")
        return True

    def _edit(self, field: str, value: object, text: str) -> bool:
        case_id = self.current_case()
        if case_id is None:
            self.window_.show_status("Choose an intervention first")
            return False
        record = case_record(self.window_.project, case_id)
        before = {field: getattr(record, field)}
        return self._push(lambda: update_case(self.window_.project, case_id, **{field: value}),
                          lambda: UpdateCaseCommand(self.window_, case_id, before,
                                                    {field: value}, text))

    def rename(self, name: str | None = None) -> bool:
        if name is None:
            chosen = self.current_case()
            if chosen is None:  # said before the question, not after the name was typed
                self.window_.show_status("Choose an intervention first")
                return False
            before = case_record(self.window_.project, chosen).name
            name, ok = QInputDialog.getText(self, "Rename intervention", "New name:", text=before)
            if not ok:
                return False
        return self._edit("name", name, f"Renamed an intervention to {name}")

    def renumber(self, number: int | None = None) -> bool:
        if number is None:
            number, ok = QInputDialog.getInt(self, "Number intervention", "Number (#):", 1, 1)
            if not ok:
                return False
        return self._edit("number", number, f"Numbered an intervention #{number}")

    def assign_selected(self) -> bool:
        case_id = self.current_case()
        if case_id is None:
            self.window_.show_status("Choose an intervention first")
            return False
        return self.assign(self.selected_documents(), case_id)

    def assign(self, doc_ids: list[int], case_id: int | None) -> bool:
        if not doc_ids:
            self.window_.show_status("Select documents first")
            return False
        project = self.window_.project
        current = document_cases(project)
        before = {DocumentId(d): current.get(DocumentId(d)) for d in doc_ids}
        after = {DocumentId(d): CaseId(case_id) if case_id else None for d in doc_ids}
        if case_id is None:
            where = "no intervention"
        else:
            record = case_record(project, CaseId(case_id))
            where = f"#{record.number} {record.name}"
        return self._push(lambda: assign_documents(project, after),
                          lambda: AssignCommand(self.window_, before, after,
                                                f"Put {counted(len(doc_ids), 'document')} in {where}"))


def open_editor(window) -> InterventionsEditor | None:
    if window.project is None:
        return None
    editor: QWidget | None = window.findChild(InterventionsEditor)
    if not isinstance(editor, InterventionsEditor):
        editor = InterventionsEditor(window)
    editor.show()
    editor.raise_()
    return editor
