"""A line of guidance painted in an empty list ("No nodes yet: right-click here…"): a panel
with nothing in it says what fills it, instead of showing bare column titles to a researcher
who has just made a project."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QTreeWidget

MARGIN = 8  # pixels from the viewport's edges


def paint_hint(tree: QTreeWidget, hint: str) -> None:
    """Call at the end of the tree's paintEvent: the hint, wrapped, in the placeholder colour,
    while the tree has no rows at all (rows hidden by a filter are rows: no hint then)."""
    if not hint or tree.topLevelItemCount():
        return
    painter = QPainter(tree.viewport())
    painter.setPen(tree.palette().color(QPalette.ColorRole.PlaceholderText))
    area = tree.viewport().rect().adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
    painter.drawText(area, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
                     | Qt.TextFlag.TextWordWrap, hint)
    painter.end()


class HintedTree(QTreeWidget):
    """A QTreeWidget that says `hint` while it is empty."""

    def __init__(self, hint: str = "", parent=None) -> None:
        super().__init__(parent)
        self.hint = hint

    def paintEvent(self, event) -> None:  # noqa: N802
        super().paintEvent(event)
        paint_hint(self, self.hint)
