"""The type-ahead node picker behind "Code to…": filter by typing, tick several, Enter codes."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import QDialog, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout

from coding.nodes import NodeInfo

ROLE_BADGE = {"context": "C", "mechanism": "M", "outcome": "O"}


def swatch(color: str) -> QPixmap:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(color))
    return pixmap


class NodePicker(QDialog):
    """Non-blocking popup; `chosen` carries the ids of the ticked (or highlighted) nodes."""

    chosen = Signal(list)

    def __init__(self, nodes: list[NodeInfo], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Code to…")
        self.resize(420, 420)
        self.filter = QLineEdit(placeholderText="Type to filter nodes; Space ticks, Enter codes")
        self.list = QListWidget()
        self.list.setObjectName("nodePickerList")
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.list)
        for node in nodes:
            if not node.is_codable:
                continue
            badge = ROLE_BADGE.get(node.role, "")
            item = QListWidgetItem(swatch(node.color), f"{node.path}" + (f"  [{badge}]" if badge else ""))
            item.setData(Qt.ItemDataRole.UserRole, node.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.filter.textChanged.connect(self.apply_filter)
        self.filter.returnPressed.connect(self.accept_choice)
        self.list.itemActivated.connect(lambda _item: self.accept_choice())
        self.apply_filter("")

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

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.filter.hasFocus():
            self.list.setFocus()
            self.list.keyPressEvent(event)
            return
        if event.key() == Qt.Key.Key_Space and self.list.hasFocus() and self.list.currentItem():
            item = self.list.currentItem()
            item.setCheckState(Qt.CheckState.Unchecked if item.checkState() == Qt.CheckState.Checked
                               else Qt.CheckState.Checked)
            return
        super().keyPressEvent(event)
