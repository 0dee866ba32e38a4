"""The type-ahead node picker behind "Code to…": filter by typing, tick several, Enter codes.

The keyboard never leaves the filter: arrows move the highlight in the list, and once the
researcher has moved it (or ticked a node), Space ticks the highlighted node instead of typing
a space, and the filter is selected so the next word starts a new search — type, arrow,
Space, type, Space, Enter codes to two nodes. Before that, Space types (a filter of several
words, "feels less"); Shift+Space always types a space. A name no node has is offered as a new
node: Enter opens the New node dialog with it (a node made as the evidence suggests it,
without leaving the keyboard; the picker used to show an empty list and Enter did nothing).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from coding.nodes import NodeInfo

ROLE_BADGE = {"context": "C", "mechanism": "M", "outcome": "O"}


def swatch(color: str) -> QPixmap:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(color))
    return pixmap


class NodePicker(QDialog):
    """Non-blocking popup; `chosen` carries the ids of the ticked (or highlighted) nodes."""

    chosen = Signal(list)
    new_node_requested = Signal(str)  # the name typed, when `offer_new` and no node matched

    def __init__(self, nodes: list[NodeInfo], parent=None, *, current: int | None = None,
                 offer_new: bool = False) -> None:
        super().__init__(parent)
        self.offer_new = offer_new
        self.setWindowTitle("Code to…")
        self.resize(420, 420)
        self.filter = QLineEdit(
            placeholderText="Type to filter; ↓↑ choose, Space ticks, Enter codes")
        self.list = QListWidget()
        self.list.setObjectName("nodePickerList")
        # a deep node's path is cut in its middle, not at its end: "Programme theories/Take-up/
        # T1/Peers share lived experien" ran off the right behind a sideways scroll bar, the
        # node's own name the part lost (the whole path is the item's tooltip)
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setObjectName("pickerTicked")
        self.summary.setWordWrap(True)
        layout.addWidget(self.filter)
        layout.addWidget(self.list)
        layout.addWidget(self.summary)
        for node in nodes:
            if not node.is_codable:
                continue
            badge = ROLE_BADGE.get(node.role, "")
            item = QListWidgetItem(swatch(node.color), f"{node.path}" + (f"  [{badge}]" if badge else ""))
            item.setData(Qt.ItemDataRole.UserRole, node.id)
            item.setToolTip(node.path)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.ticking = False  # Space ticks once the highlight was moved or a node ticked
        self.filter.textChanged.connect(self.apply_filter)
        self.filter.textChanged.connect(lambda _text: self._summarise())
        self.filter.returnPressed.connect(self.accept_choice)
        self.filter.installEventFilter(self)
        self.list.itemActivated.connect(lambda _item: self.accept_choice())
        self.list.itemChanged.connect(lambda _item: self._summarise())
        self.apply_filter("")
        self._highlight(current)
        self._summarise()

    def _highlight(self, node_id: int | None) -> None:
        """Start on the node chosen in the Nodes tree, so selecting a node, then text, then
        Ctrl+K and Enter codes to it (the first node of the list was highlighted instead)."""
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == node_id:
                self.list.setCurrentRow(row)
                return

    def apply_filter(self, text: str) -> None:
        words = text.lower().split()
        first = None
        for row in range(self.list.count()):
            item = self.list.item(row)
            hidden = not all(w in item.text().lower() for w in words)
            item.setHidden(hidden)
            if not hidden and first is None:
                first = item
        if first is not None:
            self.list.setCurrentItem(first)

    def _summarise(self) -> None:
        """The ticked nodes stay named while the filter hides them."""
        names = [self.list.item(r).text() for r in range(self.list.count())
                 if self.list.item(r).checkState() == Qt.CheckState.Checked]
        if names:
            self.summary.setText(f"Ticked: {'; '.join(names)} — Enter codes to all")
        elif self._new_name():
            self.summary.setText(f"No node is called “{self._new_name()}” — Enter makes it a "
                                 "new node and codes to it")
        else:
            self.summary.setText("Enter codes to the highlighted node; ↓↑ then Space ticks "
                                 "several")

    def _new_name(self) -> str:
        """The name typed, when no node matches it and a new one may be made."""
        name = self.filter.text().strip()
        if not self.offer_new or not name:
            return ""
        shown = any(not self.list.item(r).isHidden() for r in range(self.list.count()))
        return "" if shown else name

    def ticked(self) -> list[int]:
        return [
            self.list.item(r).data(Qt.ItemDataRole.UserRole)
            for r in range(self.list.count())
            if self.list.item(r).checkState() == Qt.CheckState.Checked
        ]

    def accept_choice(self) -> None:
        ids = self.ticked()
        current = self.list.currentItem()
        if not ids and current is not None and not current.isHidden():
            ids = [current.data(Qt.ItemDataRole.UserRole)]
        if ids:
            self.chosen.emit(ids)
            self.accept()
        elif name := self._new_name():
            self.accept()
            self.new_node_requested.emit(name)

    def toggle_current(self) -> None:
        item = self.list.currentItem()
        if item is None or item.isHidden():
            return
        checked = item.checkState() == Qt.CheckState.Checked
        item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)
        self.ticking = True
        self.filter.selectAll()  # the next word typed starts a new search

    def _move(self, key: int) -> None:
        rows = [r for r in range(self.list.count()) if not self.list.item(r).isHidden()]
        if not rows:
            return
        current = self.list.currentRow()
        at = rows.index(current) if current in rows else 0
        step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 10,
                Qt.Key.Key_PageUp: -10}[Qt.Key(key)]
        self.list.setCurrentRow(rows[max(0, min(len(rows) - 1, at + step))])
        self.ticking = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is not self.filter or event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
            self._move(key)
            return True
        plain = event.modifiers() == Qt.KeyboardModifier.NoModifier
        if key == Qt.Key.Key_Space and plain and self.ticking:
            self.toggle_current()
            return True
        return False

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Space and self.list.hasFocus() and self.list.currentItem():
            self.toggle_current()
            return
        super().keyPressEvent(event)
