"""The document list: name, title, format, pages, references and intervention; sortable,
filterable, and grouped by intervention on request. Long names are elided in the middle (the
start and the year at the end both matter); the full name and title are the tooltip.

A refresh after coding changes only counts, so when the same documents come back in the same
order the rows are updated in place instead of rebuilt (300 rows rebuilt took 17 ms)."""

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

from app.empty_hint import HintedTree
from coding.documents import DocumentInfo

COLUMNS = ["Document", "Title", "Format", "Pages", "References", "Intervention"]
NAME_WIDTH = 190


class _Item(QTreeWidgetItem):
    """Numbers sort as numbers."""

    def __lt__(self, other: QTreeWidgetItem) -> bool:
        column = self.treeWidget().sortColumn() if self.treeWidget() else 0
        a, b = self.data(column, Qt.ItemDataRole.UserRole + 1), other.data(column, Qt.ItemDataRole.UserRole + 1)
        if isinstance(a, int) and isinstance(b, int):
            return a < b
        return self.text(column).lower() < other.text(column).lower()


NO_DOCUMENTS = ("No documents yet. Import PDF, Word or text files with File ▸ Import "
                "documents… (Ctrl+Shift+I), or drop them on the window.")


class DocumentList(QWidget):
    document_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter = QLineEdit(placeholderText="Filter documents")
        self.group = QCheckBox("Group by intervention")
        self.tree = HintedTree()
        self.tree.setObjectName("documentList")
        self.tree.setHeaderLabels(COLUMNS)
        self.tree.setSortingEnabled(True)
        self.tree.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.tree.setRootIsDecorated(False)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.tree.setUniformRowHeights(True)
        # Ctrl/Shift+click choose several (to delete them at once); the current one is shown
        self.tree.setSelectionMode(QTreeWidget.SelectionMode.ExtendedSelection)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.filter, self.group, self.tree):
            layout.addWidget(widget)
        self.docs: list[DocumentInfo] = []
        self.items: dict[int, QTreeWidgetItem] = {}
        self._grouped = False
        self.filter.textChanged.connect(lambda _t: self._apply_filter())
        self.group.toggled.connect(lambda _on: self._regroup())
        self.tree.currentItemChanged.connect(self._chosen)

    def fill(self, docs: list[DocumentInfo], current: int | None) -> None:
        self.tree.hint = NO_DOCUMENTS  # a project is open: it may have none yet
        grouped = self.group.isChecked()
        if [d.id for d in docs] == [d.id for d in self.docs] and self._grouped == grouped and docs:
            self.docs = docs
            for doc in docs:
                self._set_row(self.items[doc.id], doc)
            self._apply_filter()
            return
        self.docs = docs
        self._grouped = grouped
        self.tree.blockSignals(True)
        self.tree.clear()
        self.items = {}
        self.tree.setRootIsDecorated(grouped)
        groups: dict[str, QTreeWidgetItem] = {}
        for doc in docs:
            item = _Item()
            item.setData(0, Qt.ItemDataRole.UserRole, doc.id)
            self._set_row(item, doc)
            if grouped:
                label = item.text(5) or "(no intervention)"
                if label not in groups:
                    groups[label] = _Item([label])
                    groups[label].setData(5, Qt.ItemDataRole.UserRole + 1, doc.case_number or 10**6)
                    groups[label].setFlags(Qt.ItemFlag.ItemIsEnabled)
                    self.tree.addTopLevelItem(groups[label])
                groups[label].addChild(item)
            else:
                self.tree.addTopLevelItem(item)
            self.items[doc.id] = item
        self.tree.expandAll()
        if current in self.items:
            self.tree.setCurrentItem(self.items[current])
        for column in range(2, len(COLUMNS)):
            self.tree.resizeColumnToContents(column)
        self.tree.setColumnWidth(0, NAME_WIDTH)
        self.tree.setColumnWidth(1, NAME_WIDTH)
        self.tree.blockSignals(False)
        self._apply_filter()

    @staticmethod
    def _set_row(item: QTreeWidgetItem, doc: DocumentInfo) -> None:
        case = f"#{doc.case_number} {doc.case_name}" if doc.case_number else ""
        title = doc.title if doc.title != doc.name else ""  # a file name twice says nothing
        texts = [doc.name, title, doc.format.upper(), str(doc.page_count),
                 str(doc.reference_count), case]
        for column, text in enumerate(texts):
            if item.text(column) != text:
                item.setText(column, text)
        for column, value in ((3, doc.page_count), (4, doc.reference_count),
                              (5, doc.case_number or 0)):
            item.setData(column, Qt.ItemDataRole.UserRole + 1, value)
        tip = doc.name if not doc.title or doc.title == doc.name else f"{doc.name}\n{doc.title}"
        item.setToolTip(0, tip)
        item.setToolTip(1, tip)

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

    def selected_ids(self) -> list[int]:
        """The documents chosen (an intervention's heading is not one), in the order listed."""
        return [doc_id for doc_id, item in self.items.items()
                if item.isSelected() and not item.isHidden()]  # not one filtered out of sight

    def name_of(self, doc_id: int) -> str:
        return next((d.name for d in self.docs if d.id == doc_id), str(doc_id))

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
        self.tree.hint = ""  # no project: nothing to say

    def _regroup(self) -> None:
        docs, self.docs = self.docs, []
        self.fill(docs, self.current_id())

    def _chosen(self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        value = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        if isinstance(value, int):
            self.document_chosen.emit(value)
