"""The main window: document list, node tree and a read-only document view.

A first, real window over the core; the full coding workspace (issue 3) grows from it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
)

from app.offsets import OffsetMap
from coding.documents import document_text, list_documents
from coding.errors import USER_ERRORS
from coding.ids import DocumentId
from coding.nodes import list_nodes
from coding.project import Project
from coding.references import references_for_document


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.project: Project | None = None
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
        menu = self.menuBar().addMenu("&File")
        menu.addAction("&Open project…", self._ask_open)
        menu.addAction("&Close", self.close)

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
        if self.project is not None:
            self.project.close()
            self.project = None
        super().closeEvent(event)
