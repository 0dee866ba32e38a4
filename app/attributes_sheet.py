"""Documents ▸ Attributes…: the classification sheet — documents or interventions by attributes.

Cells are typed: a yes/no or choice attribute is edited with a list, the others as text
checked by the core (`normalise_value`), so "2O19" never lands in a year. A refused value is
put back and the reason shown. Every cell, new attribute and imported sheet is one undo step;
Import CSV… reads a classification sheet, Export CSV… writes one that reads back in.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import folders
from app.close_button import close_button
from app.export_action import export_to
from app.screen_fit import sized
from app.undo import DoneCommand
from coding.attribute_history import (
    AttributesSnapshot,
    delete_attribute,
    restore_attributes,
    snapshot_attributes,
)
from coding.attributes import (
    AttributeInfo,
    attribute_sheet,
    attribute_values,
    define_attribute,
    export_attributes_csv,
    import_attributes_csv,
    list_attributes,
    set_value,
)
from coding.cases import list_cases
from coding.changes import Changes
from coding.documents import list_documents
from coding.errors import USER_ERRORS
from coding.names import counted
from storage.models import ATTRIBUTE_TYPES

SCOPES = (("Documents", "document"), ("Interventions", "case"))
TARGET_ROLE = Qt.ItemDataRole.UserRole


class SetValueCommand(DoneCommand):
    def __init__(self, window, scope: str, target: int, name: str, before: str, after: str,
                 label: str) -> None:
        super().__init__(window, f"{name} of {label}: {after or '(empty)'}")
        self.scope, self.target, self.name = scope, target, name
        self.before, self.after = before, after

    def do(self) -> Changes:
        return set_value(self.window.project, self.scope, self.target, self.name, self.after)

    def undo_it(self) -> Changes:
        return set_value(self.window.project, self.scope, self.target, self.name, self.before)


class AddAttributeCommand(DoneCommand):
    def __init__(self, window, info: AttributeInfo) -> None:
        super().__init__(window, f"New attribute {info.name} ({info.value_type})")
        self.info = info

    def do(self) -> Changes:
        define_attribute(self.window.project, self.info.scope, self.info.name,
                         self.info.value_type, self.info.choices)
        return Changes(attributes=True)

    def undo_it(self) -> Changes:
        return delete_attribute(self.window.project, self.info.scope, self.info.name)


class ImportSheetCommand(DoneCommand):
    """Undo puts every attribute, value and intervention back as before the import."""

    def __init__(self, window, before: AttributesSnapshot, after: AttributesSnapshot,
                 text: str) -> None:
        super().__init__(window, text)
        self.before, self.after = before, after

    def do(self) -> Changes:
        return restore_attributes(self.window.project, self.after)

    def undo_it(self) -> Changes:
        return restore_attributes(self.window.project, self.before)


class _TypedCells(QStyledItemDelegate):
    """A list for yes/no and choice attributes; plain text (checked on save) otherwise."""

    def __init__(self, sheet: AttributesSheet) -> None:
        super().__init__(sheet)
        self.sheet = sheet
        self.editor: QWidget | None = None  # the cell being typed in, if one is

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:  # noqa: N802
        info = self.sheet.attribute_at(index.column())
        if info is not None and info.value_type in ("boolean", "choice"):
            editor: QWidget = QComboBox(parent)
            editor.addItems(["", "yes", "no"] if info.value_type == "boolean"
                            else ["", *info.choices])
        else:
            editor = super().createEditor(parent, option, index)
        self.editor = editor
        editor.destroyed.connect(lambda _obj=None: self._gone(editor))
        return editor

    def _gone(self, editor: QWidget) -> None:
        if self.editor is editor:
            self.editor = None

    def commit_open_cell(self) -> None:
        """Store what is typed in a cell not yet left (Return, Tab or a click commit it;
        Escape in the cell takes it back, as in any spreadsheet): closing the sheet by its
        title bar lost it."""
        editor, self.editor = self.editor, None
        if editor is not None and editor.isVisible():
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            editor.setCurrentText(str(index.data() or ""))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText())
        else:
            super().setModelData(editor, model, index)


class AttributesSheet(QDialog):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window_ = window
        self.setObjectName("attributesSheet")
        self.setWindowTitle("Attributes")
        sized(self, 900, 480)
        self.scope_combo = QComboBox()
        for label, scope in SCOPES:
            self.scope_combo.addItem(label, scope)
        self.scope_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.add_button = QPushButton("&New attribute…")
        self.import_button = QPushButton("&Import CSV…")
        self.export_button = QPushButton("&Export CSV…")
        self.add_button.clicked.connect(lambda: self.add_attribute())
        self.import_button.clicked.connect(lambda: self.import_csv())
        self.export_button.clicked.connect(lambda: self.export_csv())
        self.table = QTableWidget()
        self.table.setObjectName("attributesTable")
        self.cells = _TypedCells(self)
        self.table.setItemDelegate(self.cells)
        window.typing_flushers.append(self.cells.commit_open_cell)  # the app quits, say
        self.table.itemChanged.connect(self._edited)
        self.status = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Rows:"))
        for widget in (self.scope_combo, self.add_button, self.import_button,
                       self.export_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(close_button(self))
        self.attributes: list[AttributeInfo] = []
        self._filling = False
        self.addActions([window.undo_action, window.redo_action])  # Ctrl+Z works here too
        window.changed.connect(lambda c: self.refresh() if (c.attributes or c.cases
                                                            or c.documents) else None)
        window.scope.on_reset(self.close)
        self.refresh()

    @property
    def scope(self) -> str:
        return str(self.scope_combo.currentData())

    def attribute_at(self, column: int) -> AttributeInfo | None:
        return self.attributes[column - 1] if 1 <= column <= len(self.attributes) else None

    def refresh(self) -> None:
        project = self.window_.project
        if project is None:
            return
        self._filling = True
        self.attributes = list_attributes(project, self.scope)
        header, rows = attribute_sheet(project, self.scope)
        names = header[:1] + [a.name for a in self.attributes]
        targets = ([int(d.id) for d in list_documents(project)] if self.scope == "document"
                   else [int(c.id) for c in list_cases(project)])
        skip = 2 if self.scope == "document" else 1  # the sheet's intervention column
        self.table.clear()
        self.table.setColumnCount(len(names))
        self.table.setRowCount(len(rows))
        self.table.setHorizontalHeaderLabels(
            [names[0]] + [f"{a.name} ({a.value_type})" for a in self.attributes])
        writable = self.window_.scope.writable
        for r, (target, row) in enumerate(zip(targets, rows, strict=True)):
            first = QTableWidgetItem(str(row[0]))
            first.setFlags(first.flags() & ~Qt.ItemFlag.ItemIsEditable)
            first.setData(TARGET_ROLE, target)
            self.table.setItem(r, 0, first)
            for c, value in enumerate(row[skip:], start=1):
                cell = QTableWidgetItem(str(value))
                if not writable:
                    cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(r, c, cell)
        self.table.resizeColumnsToContents()
        for button in (self.add_button, self.import_button):
            button.setEnabled(writable)
        self._filling = False

    def _edited(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() == 0:
            return
        info = self.attribute_at(item.column())
        first = self.table.item(item.row(), 0)
        if info is None or first is None:
            return
        self.set_cell(item.row(), item.column(), item.text())

    def done(self, result: int) -> None:
        """However the sheet closes (its Close button, the title bar's ✕, which QDialog turns
        into a reject), the cell still being typed in is kept."""
        self.cells.commit_open_cell()
        super().done(result)

    def set_cell(self, row: int, column: int, value: str) -> bool:
        """Store a cell's value (typed by the core); a refused value is put back."""
        info, first = self.attribute_at(column), self.table.item(row, 0)
        assert info is not None and first is not None
        target, project = int(first.data(TARGET_ROLE)), self.window_.project

        def stored_value() -> str:
            return attribute_values(project, self.scope).get(target, {}).get(info.name, "")

        before = stored_value()
        try:
            changes = set_value(project, self.scope, target, info.name, value)
        except USER_ERRORS as exc:
            self.status.setText(str(exc))
            self.window_.show_status(str(exc))
            self.refresh()
            return False
        stored = stored_value()
        self.status.clear()
        if stored != before:
            self.window_.undo_stack.push(SetValueCommand(
                self.window_, self.scope, target, info.name, before, stored, first.text()))
        self.window_.apply(changes)
        return True

    def add_attribute(self, name: str | None = None, value_type: str | None = None,
                      choices: tuple[str, ...] = ()) -> bool:
        if name is None:
            name, ok = QInputDialog.getText(self, "New attribute", "Name:")
            if not ok or not name.strip():
                return False
        if value_type is None:
            value_type, ok = QInputDialog.getItem(self, "New attribute", "Type:",
                                                  list(ATTRIBUTE_TYPES), 0, False)
            if not ok:
                return False
            if value_type == "choice":
                text, ok = QInputDialog.getText(self, "New attribute", "Choices (separate with ;):")
                choices = tuple(c.strip() for c in text.split(";") if c.strip()) if ok else ()
        project = self.window_.project
        try:
            define_attribute(project, self.scope, name, value_type, choices)
            info = next(a for a in list_attributes(project, self.scope) if a.name == name.strip())
        except USER_ERRORS as exc:
            self.window_.show_status(str(exc))
            return False
        self.window_.undo_stack.push(AddAttributeCommand(self.window_, info))
        self.window_.apply(Changes(attributes=True))
        return True

    def import_csv(self, path: Path | None = None) -> None:
        path = path or folders.ask_import(self.window_, "Import attributes", "CSV (*.csv)", self)
        if path is None:
            return
        project, scope = self.window_.project, self.scope
        before = snapshot_attributes(project)

        def work() -> tuple[int, AttributesSnapshot]:
            return import_attributes_csv(project, path, scope), snapshot_attributes(project)

        def done(result: tuple[int, AttributesSnapshot]) -> None:
            count, after = result
            text = f"Imported attributes of {counted(count, 'row')} from {path.name}"
            self.window_.undo_stack.push(ImportSheetCommand(self.window_, before, after, text))
            self.window_.apply(Changes(attributes=True, cases=True, documents=True))
            self.window_.show_status(text)
            self.status.setText(text)

        def failed(exc: BaseException) -> None:
            self.status.setText(str(exc))
            self.window_.show_status(str(exc))

        self.window_.run_in_background(work, done, failed)

    def export_csv(self, path: Path | None = None) -> None:
        project, scope = self.window_.project, self.scope
        export_to(self.window_, self, "Export attributes", f"{scope}-attributes.csv",
                  "CSV (*.csv)", lambda target: export_attributes_csv(project, target, scope),
                  "rows", path)


def open_sheet(window) -> AttributesSheet | None:
    if window.project is None:
        return None
    sheet = window.findChild(AttributesSheet)
    if not isinstance(sheet, AttributesSheet):
        sheet = AttributesSheet(window)
    sheet.show()
    sheet.raise_()
    return sheet
