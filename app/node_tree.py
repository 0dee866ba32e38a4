"""The node tree: hierarchy with colour, C/M/O badge, origin and counts; drop text on a node
to code it, drag a node onto another (or below the last one, for the top level) to move it."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem

from app.column_fit import RefitOnResize, fit_columns
from app.empty_hint import paint_hint
from app.node_picker import swatch
from app.theme import UNUSED_NODE, pick
from coding.ids import NodeId
from coding.nodes import NodeInfo

COLOR_ROLE = Qt.ItemDataRole.UserRole + 1
NODE_MIME = "application/x-realist-coder-node"
ROLE_BADGE = {"context": "C", "mechanism": "M", "outcome": "O"}
ORIGIN_BADGE = {"deductive": "deductive", "inductive": "inductive"}
ROLE_NAME = {"context": "Context", "mechanism": "Mechanism", "outcome": "Outcome"}
ORIGIN_HELP = {"deductive": "Deductive: from the initial programme theory",
               "inductive": "Inductive: emerged from the data"}


class NodeTree(QTreeWidget):
    """Items carry node ids; dropping a selection from the viewer onto a node codes it."""

    node_dropped = Signal(int, object)  # the node, its new parent (None: the top level)

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window_ = window
        self.setObjectName("nodeTree")
        self.setHeaderLabels(["Node", "C/M/O", "Origin", "References", "Documents"])
        self.setAcceptDrops(True)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setUniformRowHeights(True)
        self.items: dict[int, QTreeWidgetItem] = {}
        self.paths: dict[int, str] = {}
        self._shape: list[tuple[NodeId, NodeId | None]] = []
        self.wanted: int | None = None  # a node just made: chosen as soon as it is drawn
        RefitOnResize(self, 0, 1)

    HINT = ("No nodes yet. Right-click here for New node…, select text in a document and "
            "press Ctrl+Shift+N, or import an initial model (Theories ▸ Import model).")

    def paintEvent(self, event) -> None:  # noqa: N802
        super().paintEvent(event)
        paint_hint(self, self.HINT if getattr(self.window_, "project", None) else "")

    def clear(self) -> None:
        """Forget the items too: Qt deletes them, and a stale one must never be touched."""
        self.items = {}
        self._shape = []
        super().clear()

    def fill(self, nodes: list[NodeInfo]) -> None:
        """Rebuild quietly: listeners hear of the current node only if it changed (a refresh
        after coding must not reload the node's reference list and memo for nothing). When
        the same nodes come back under the same parents, only their cells are updated."""
        shape = [(n.id, n.parent_id) for n in nodes]
        if shape == self._shape and nodes:
            renamed = any(self.items[n.id].text(0) != n.name for n in nodes)
            for node in nodes:
                self._set_cells(self.items[node.id], node)
            self.paths = {n.id: n.path for n in nodes}
            if renamed:
                self.fit_columns()
            return
        self._fill(nodes)
        if self.wanted in self.items:
            self.select_node(self.wanted)
            self.wanted = None

    def _fill(self, nodes: list[NodeInfo]) -> None:
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
        self._shape = [(n.id, n.parent_id) for n in nodes]
        self.paths = {n.id: n.path for n in nodes}
        for node in nodes:
            item = QTreeWidgetItem()
            item.setData(0, Qt.ItemDataRole.UserRole, node.id)
            self._set_cells(item, node)
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
        self.fit_columns()

    def fit_columns(self) -> None:
        """Names as wide as the longest, but never pushing the C/M/O column out of the dock
        (`app.column_fit`; a name cut short is whole in its tooltip)."""
        fit_columns(self, 0, 1)

    def _set_cells(self, item: QTreeWidgetItem, node: NodeInfo) -> None:
        texts = [node.name, ROLE_BADGE.get(node.role, ""), ORIGIN_BADGE.get(node.origin, ""),
                 str(node.reference_count), str(node.document_count)]
        for column, text in enumerate(texts):
            if item.text(column) != text:
                item.setText(column, text)
        if item.data(0, COLOR_ROLE) != node.color:
            item.setData(0, COLOR_ROLE, node.color)
            item.setIcon(0, swatch(node.color))
        item.setToolTip(0, f"{node.path}\n{node.description}" if node.description else node.path)
        item.setToolTip(1, ROLE_NAME.get(node.role, "No C/M/O role"))
        item.setToolTip(2, ORIGIN_HELP.get(node.origin, ""))
        unused = node.reference_count == 0 and node.is_codable
        item.setForeground(3, QBrush(pick(*UNUSED_NODE, self.palette())) if unused
                           else self.palette().text())

    def current_node_id(self) -> int | None:
        item = self.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def select_node(self, node_id: int) -> None:
        """Choose the node now, or as soon as the tree is redrawn with it."""
        item = self.items.get(node_id)
        self.wanted = None if item is not None else node_id
        if item is not None:
            self.setCurrentItem(item)
            self.scrollToItem(item)

    def path_of(self, node_id: int) -> str:
        return self.paths.get(node_id, "?")

    def subtree_ids(self, node_id: int) -> set[int]:
        """The node and everything under it, as the tree shows it."""
        found, stack = set(), [self.items.get(node_id)]
        while stack:
            item = stack.pop()
            if item is None:
                continue
            found.add(item.data(0, Qt.ItemDataRole.UserRole))
            stack.extend(item.child(i) for i in range(item.childCount()))
        return found

    def mimeData(self, items) -> QMimeData:  # noqa: N802
        """A dragged node carries its id (moving it never moves Qt's items: the tree redraws)."""
        data = super().mimeData(items)
        if items:
            data.setData(NODE_MIME, str(items[0].data(0, Qt.ItemDataRole.UserRole)).encode())
        return data

    @staticmethod
    def dragged_node(event) -> int | None:
        raw = bytes(event.mimeData().data(NODE_MIME).data()) if event.mimeData().hasFormat(
            NODE_MIME) else b""
        return int(raw) if raw.isdigit() else None

    def _target(self, event) -> int | None:
        item = self.itemAt(event.position().toPoint())
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def _accepts(self, event) -> bool:
        return (event.mimeData().hasText() and self.dragged_node(event) is None
                and self.window_.scope.writable
                and self.window_.coding.has_selection())  # text, or a region on a page

    def _accepts_move(self, event) -> bool:
        node = self.dragged_node(event)
        return (node is not None and self.window_.scope.writable
                and self._target(event) not in self.subtree_ids(node))

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if self._accepts(event) or self.dragged_node(event) is not None:
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        if self._accepts_move(event) or (
                self._accepts(event) and self.itemAt(event.position().toPoint()) is not None):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:  # noqa: N802
        if self._accepts_move(event):
            node = self.dragged_node(event)
            event.setDropAction(Qt.DropAction.IgnoreAction)  # Qt must not remove the row itself
            event.accept()
            self.node_dropped.emit(node, self._target(event))
            return
        item = self.itemAt(event.position().toPoint())
        if item is None or not self._accepts(event):
            event.ignore()
            return
        event.acceptProposedAction()
        self.window_.coding.code_selection([item.data(0, Qt.ItemDataRole.UserRole)])
