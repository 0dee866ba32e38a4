"""List items wrapped to the list's width, breaking a word too long for a line anywhere.

A list that wraps its items (`setWordWrap(True)`) breaks lines only between words, and a
document's name is one long word to it ("02_Telephone_befriending_pilot", an e-mail address in
an excerpt): such a word widened the item past the panel, behind a sideways scroll bar, in
the diagram's evidence list on a laptop (seen under Xvfb). This delegate lays each item's text
out at the list's width, as Qt's text views do with `WrapAtWordBoundaryOrAnywhere`, and sizes
the item to what that takes. It costs about twice Qt's own wrapping: filling a list of 2,000
two-line excerpts took 195–225 ms against 100 (a cache of heights saved a tenth; not kept).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPalette, QTextLayout, QTextOption
from PySide6.QtWidgets import QListWidget, QStyle, QStyledItemDelegate, QStyleOptionViewItem

PAD = 3


class WrapDelegate(QStyledItemDelegate):
    def __init__(self, view: QListWidget) -> None:
        super().__init__(view)
        self.view = view
        view.setWordWrap(True)  # what the list says of itself; the wrapping is done here
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setResizeMode(QListWidget.ResizeMode.Adjust)  # laid out again at a new width

    def _width(self) -> float:
        return max(self.view.viewport().width() - 2 * PAD - 4, 40)

    def _layouts(self, text: str, option: QStyleOptionViewItem) -> tuple[list[QTextLayout], float]:
        """One layout a paragraph of the item's text (its lines end with "\\n"), placed one
        under the other; and the height they take."""
        wrap = QTextOption()
        wrap.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layouts, y, width = [], 0.0, self._width()
        for paragraph in text.split("\n"):
            layout = QTextLayout(paragraph, option.font)
            layout.setTextOption(wrap)
            layout.beginLayout()
            while (line := layout.createLine()).isValid():
                line.setLineWidth(width)
                line.setPosition(QPointF(0, y))
                y += line.height()
            layout.endLayout()
            layouts.append(layout)
        return layouts, y

    def sizeHint(self, option: QStyleOptionViewItem,  # noqa: N802
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        _, height = self._layouts(text, option)
        return QSize(round(self._width()) + 2 * PAD, round(height) + 2 * PAD)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        opt.text = ""  # the background, selection and focus as the style draws them
        style = opt.widget.style() if opt.widget is not None else self.view.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setClipRect(opt.rect)
        painter.setPen(opt.palette.color(role))
        origin = QRectF(opt.rect).adjusted(PAD, PAD, -PAD, -PAD).topLeft()
        for layout in self._layouts(text, opt)[0]:
            layout.draw(painter, origin)
        painter.restore()
