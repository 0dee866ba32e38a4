"""The document list: name, format, pages, references and intervention; sortable, filterable,
and grouped by intervention on request."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coding.documents import DocumentInfo

COLUMNS = ["Document", "Format", "Pages", "References", "Intervention"]


class _Item(QTreeWidgetItem):
    """Numbers sort as numbers."""

    def __lt__(self, other: QTreeWidgetItem) -> bool:
        column = self.treeWidget().sortColumn() if self.treeWidget() else 0
        a, b = self.data(column, Qt.ItemDataRole.UserRole + 1), other.data(column, Qt.ItemDataRole.UserRole + 1)
        if isinstance(a, int) and isinstance(b, int):
            return a < b
        return self.text(column).lower() < other.text(column).lower()


class DocumentList(QWidget):
    document_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter = QLineEdit(placeholderText="Filter documents")
        self.group = QCheckBox("Group by intervention")
        self.tree = QTreeWidget()
        self.tree.setObjectName("documentList")
        self.tree.setHeaderLabels(COLUMNS)
        self.tree.setSortingEnabled(True)
        self.tree.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.tree.setRootIsDecorated(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.filter, self.group, self.tree):
            layout.addWidget(widget)
        self.docs: list[DocumentInfo] = []
        self.items: dict[int, QTreeWidgetItem] = {}
        self.filter.textChanged.connect(lambda _t: self._apply_filter())
        self.group.toggled.connect(lambda _on: self.fill(self.docs, self.current_id()))
        self.tree.currentItemChanged.connect(self._chosen)

    def fill(self, docs: list[DocumentInfo], current: int | None) -> None:
        self.docs = docs
        self.tree.blockSignals(True)
        self.tree.clear()
        self.items = {}
        self.tree.setRootIsDecorated(self.group.isChecked())
        groups: dict[str, QTreeWidgetItem] = {}
        for doc in docs:
            case = f"#{doc.case_number} {doc.case_name}" if doc.case_number else ""
            item = _Item([doc.name, doc.format.upper(), str(doc.page_count),
                          str(doc.reference_count), case])
            item.setData(0, Qt.ItemDataRole.UserRole, doc.id)
            for column, value in ((2, doc.page_count), (3, doc.reference_count),
                                  (4, doc.case_number or 0)):
                item.setData(column, Qt.ItemDataRole.UserRole + 1, value)
            item.setToolTip(0, doc.title or doc.name)
            if self.group.isChecked():
                label = case or "(no intervention)"
                if label not in groups:
                    groups[label] = _Item([label])
                    groups[label].setData(4, Qt.ItemDataRole.UserRole + 1, doc.case_number or 10**6)
                    groups[label].setFlags(Qt.ItemFlag.ItemIsEnabled)
                    self.tree.addTopLevelItem(groups[label])
                groups[label].addChild(item)
            else:
                self.tree.addTopLevelItem(item)
            self.items[doc.id] = item
        self.tree.expandAll()
        if current in self.items:
            self.tree.setCurrentItem(self.items[current])
        for column in range(len(COLUMNS)):
            self.tree.resizeColumnToContents(column)
        self.tree.blockSignals(False)
        self._apply_filter()

    def _apply_filter(self) -> None:
        words = self.filter.text().lower().split()
        for item in self.items.values():
            haystack = " ".join(item.text(c) for c in range(len(COLUMNS))).lower()
            item.setHidden(not all(w in haystack for w in words))

    def current_id(self) -> int | None:
        item = self.tree.currentItem()
        value = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        return value if isinstance(value, int) else None

    def select(self, doc_id: int) -> None:
        item = self.items.get(doc_id)
        if item is not None:
            self.tree.setCurrentItem(item)

    def count(self) -> int:
        return len(self.items)

    def first_id(self) -> int | None:
        for row in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(row)
            item = top.child(0) if top is not None and top.childCount() else top
            value = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
            if isinstance(value, int):
                return value
        return None

    def clear(self) -> None:
        self.fill([], None)

    def _chosen(self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        value = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        if isinstance(value, int):
            self.document_chosen.emit(value)
