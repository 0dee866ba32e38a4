"""The main window: document list, node tree and a read-only document view.

A first, real window over the core; the full coding workspace (issue 3) grows from it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
)

from app.background import Background
from app.extensions import install_all
from app.offsets import OffsetMap
from coding.changes import Changes
from coding.documents import document_text, list_documents
from coding.errors import USER_ERRORS
from coding.ids import DocumentId
from coding.nodes import list_nodes
from coding.project import Project
from coding.references import references_for_document


class MainWindow(QMainWindow):
    project_opened = Signal(object)
    project_closed = Signal()
    changed = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.project: Project | None = None
        self.background = Background(self)
        self.setWindowTitle("Realist Coder")
        self.resize(1200, 800)
        self.viewer = QPlainTextEdit(readOnly=True)
        self.viewer.setObjectName("documentViewer")
        self.setCentralWidget(self.viewer)
        self.documents = QListWidget()
        self.documents.setObjectName("documentList")
        self.documents.currentItemChanged.connect(self._document_chosen)
        self.nodes = QTreeWidget()
        self.nodes.setObjectName("nodeTree")
        self.nodes.setHeaderLabels(["Node", "Role", "References"])
        for title, widget, area in (
            ("Documents", self.documents, Qt.DockWidgetArea.LeftDockWidgetArea),
            ("Nodes", self.nodes, Qt.DockWidgetArea.RightDockWidgetArea),
        ):
            dock = QDockWidget(title, self)
            dock.setObjectName(f"{title.lower()}Dock")
            dock.setWidget(widget)
            self.addDockWidget(area, dock)
        menu = self.menu_named("&File")
        menu.addAction("&Open project…", self._ask_open)
        menu.addAction("&Close", self.close)
        self.changed.connect(lambda _changes: self._load())
        install_all(self)

    # The extension API (see app/extensions.py) -----------------------------------------

    def menu_named(self, title: str) -> QMenu:
        for action in self.menuBar().actions():
            menu = action.menu()
            if isinstance(menu, QMenu) and action.text() == title:
                return menu
        return self.menuBar().addMenu(title)

    def add_dock(self, object_name: str, title: str, widget, area=Qt.DockWidgetArea.BottomDockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(object_name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def apply(self, changes: Changes) -> None:
        self.changed.emit(changes)

    def run_in_background(self, fn, on_done, on_error=None) -> None:
        self.background.run(fn, on_done, on_error or self._report_error)

    def show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, 5000)

    def open_document_at(self, doc_id: DocumentId, start: int, end: int) -> None:
        self.show_document(doc_id)
        offsets = OffsetMap(self.viewer.toPlainText())
        cursor = self.viewer.textCursor()
        cursor.setPosition(offsets.to_utf16(start))
        cursor.setPosition(offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.viewer.setTextCursor(cursor)

    def _report_error(self, exc: BaseException) -> None:
        QMessageBox.warning(self, "Realist Coder", str(exc))

    def open_project(self, path: Path) -> None:
        try:
            project = Project.open(path)
        except USER_ERRORS as exc:
            QMessageBox.critical(self, "Cannot open project", str(exc))
            return
        if self.project is not None:
            self.project.close()
        self.project = project
        self.setWindowTitle(f"{project.name} — Realist Coder")
        self._load()
        self.project_opened.emit(project)

    def _ask_open(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Open project", "", "Projects (*.realist)")
        if name:
            self.open_project(Path(name))

    def _load(self) -> None:
        assert self.project is not None
        self.documents.clear()
        for doc in list_documents(self.project):
            item = QListWidgetItem(doc.name)
            item.setData(Qt.ItemDataRole.UserRole, doc.id)
            self.documents.addItem(item)
        self.nodes.clear()
        items: dict[int, QTreeWidgetItem] = {}
        for node in list_nodes(self.project):
            parent = items.get(node.parent_id) if node.parent_id else None
            tree_item = QTreeWidgetItem([node.name, node.role if node.role != "none" else "",
                                         str(node.reference_count)])
            tree_item.setForeground(0, QColor(node.color))
            if parent is None:
                self.nodes.addTopLevelItem(tree_item)
            else:
                parent.addChild(tree_item)
            items[node.id] = tree_item
        self.nodes.expandAll()
        if self.documents.count():
            self.documents.setCurrentRow(0)

    def _document_chosen(self, item: QListWidgetItem | None) -> None:
        if item is None or self.project is None:
            return
        doc_id = DocumentId(item.data(Qt.ItemDataRole.UserRole))
        self.show_document(doc_id)

    def show_document(self, doc_id: DocumentId) -> None:
        assert self.project is not None
        text = document_text(self.project, doc_id)
        self.viewer.setPlainText(text)
        offsets = OffsetMap(text)
        colors = {n.id: n.color for n in list_nodes(self.project)}
        selections = []
        for ref in references_for_document(self.project, doc_id):
            cursor = QTextCursor(self.viewer.document())
            cursor.setPosition(offsets.to_utf16(ref.start))
            cursor.setPosition(offsets.to_utf16(ref.end), QTextCursor.MoveMode.KeepAnchor)
            fmt = QTextCharFormat()
            color = QColor(colors.get(ref.node_id, "#808080"))
            color.setAlpha(70)
            fmt.setBackground(color)
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = fmt
            selections.append(selection)
        self.viewer.setExtraSelections(selections)

    def closeEvent(self, event):  # noqa: N802
        self.background.wait()
        if self.project is not None:
            self.project.close()
            self.project = None
            self.project_closed.emit()
        super().closeEvent(event)
