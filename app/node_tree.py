"""The node tree: hierarchy with colour, C/M/O badge, origin and counts; drop text to code it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem

from app.node_picker import swatch
from app.theme import UNUSED_NODE, pick
from coding.nodes import NodeInfo

ROLE_BADGE = {"context": "C", "mechanism": "M", "outcome": "O"}
ORIGIN_BADGE = {"deductive": "deductive", "inductive": "inductive"}
ROLE_NAME = {"context": "Context", "mechanism": "Mechanism", "outcome": "Outcome"}
ORIGIN_HELP = {"deductive": "Deductive: from the initial programme theory",
               "inductive": "Inductive: emerged from the data"}


class NodeTree(QTreeWidget):
    """Items carry node ids; dropping a selection from the viewer onto a node codes it."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window_ = window
        self.setObjectName("nodeTree")
        self.setHeaderLabels(["Node", "C/M/O", "Origin", "References", "Documents"])
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.items: dict[int, QTreeWidgetItem] = {}
        self.paths: dict[int, str] = {}

    def clear(self) -> None:
        """Forget the items too: Qt deletes them, and a stale one must never be touched."""
        self.items = {}
        super().clear()

    def fill(self, nodes: list[NodeInfo]) -> None:
        """Rebuild quietly: listeners hear of the current node only if it changed (a refresh
        after coding must not reload the node's reference list and memo for nothing)."""
        expanded = {nid for nid, item in self.items.items() if item.isExpanded()} or None
        current = self.current_node_id()
        self.blockSignals(True)
        try:
            self._rebuild(nodes, expanded, current)
        finally:
            self.blockSignals(False)
        if self.current_node_id() != current:
            self.currentItemChanged.emit(self.currentItem(), None)

    def _rebuild(self, nodes: list[NodeInfo], expanded: set[int] | None, current: int | None) -> None:
        self.clear()
        self.paths = {n.id: n.path for n in nodes}
        for node in nodes:
            item = QTreeWidgetItem([node.name, ROLE_BADGE.get(node.role, ""),
                                    ORIGIN_BADGE.get(node.origin, ""), str(node.reference_count),
                                    str(node.document_count)])
            item.setData(0, Qt.ItemDataRole.UserRole, node.id)
            item.setIcon(0, swatch(node.color))
            item.setToolTip(0, node.description or node.path)
            item.setToolTip(1, ROLE_NAME.get(node.role, "No C/M/O role"))
            item.setToolTip(2, ORIGIN_HELP.get(node.origin, ""))
            if node.reference_count == 0 and node.is_codable:
                item.setForeground(3, QBrush(pick(*UNUSED_NODE, self.palette())))
            parent = self.items.get(node.parent_id) if node.parent_id else None
            if parent is None:
                self.addTopLevelItem(item)
            else:
                parent.addChild(item)
            self.items[node.id] = item
        for node_id, item in self.items.items():
            item.setExpanded(expanded is None or node_id in expanded)
        if current in self.items:
            self.setCurrentItem(self.items[current])
        self.resizeColumnToContents(0)

    def current_node_id(self) -> int | None:
        item = self.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def select_node(self, node_id: int) -> None:
        item = self.items.get(node_id)
        if item is not None:
            self.setCurrentItem(item)
            self.scrollToItem(item)

    def path_of(self, node_id: int) -> str:
        return self.paths.get(node_id, "?")

    def _accepts(self, event) -> bool:
        return event.mimeData().hasText() and self.window_.coding.has_selection()

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if self._accepts(event):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        if self._accepts(event) and self.itemAt(event.position().toPoint()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:  # noqa: N802
        item = self.itemAt(event.position().toPoint())
        if item is None or not self._accepts(event):
            event.ignore()
            return
        event.acceptProposedAction()
        self.window_.coding.code_selection([item.data(0, Qt.ItemDataRole.UserRole)])
