"""How the Node references list draws a text excerpt: its document on one line, then the excerpt
in bold within its context, wrapped over a few lines and cut with "…" at the last.

The list drew each item as two plain lines, the second unwrapped: an excerpt of any length ran
off the panel's right edge, mostly hidden behind a horizontal scroll bar, and what showed was
the context before it ("…ing sequences in a genome) from a large number of species. «Methods.
We present VESPA, …"). Wrapping by the list itself laid out every item (300 took longer than
reading them), so each item here keeps one fixed height, and only the items on screen are laid
out, when they are painted. Region excerpts, which show a picture, are drawn as before.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QPainter,
    QPalette,
    QTextCharFormat,
    QTextLayout,
    QTextLine,
)
from PySide6.QtWidgets import QListWidget, QStyle, QStyledItemDelegate, QStyleOptionViewItem

BODY_LINES = 3  # lines of excerpt and context under the document's line
SPAN_ROLE = Qt.ItemDataRole.UserRole + 3  # (start, end) of the excerpt in the item's second line
PAD = 4


class ExcerptDelegate(QStyledItemDelegate):
    def __init__(self, view: QListWidget) -> None:
        super().__init__(view)
        self.view = view

    def _lines(self, option: QStyleOptionViewItem) -> float:
        return QFontMetricsF(option.font).lineSpacing()

    def sizeHint(self, option: QStyleOptionViewItem,  # noqa: N802
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        if index.data(SPAN_ROLE) is None:
            return super().sizeHint(option, index)
        height = self._lines(option) * (1 + BODY_LINES) + 2 * PAD
        return QSize(max(self.view.viewport().width() - 2, 100), round(height))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        span = index.data(SPAN_ROLE)
        if span is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""  # the style's copy has its line break as U+2028: read the item's own
        text = str(index.data(Qt.ItemDataRole.DisplayRole))
        style = opt.widget.style() if opt.widget is not None else self.view.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        label, _, body = text.partition("\n")
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setClipRect(opt.rect)
        painter.setPen(opt.palette.color(role))
        painter.setFont(opt.font)
        rect = QRectF(opt.rect).adjusted(PAD, PAD, -PAD, -PAD)
        line = self._lines(opt)
        metrics = QFontMetricsF(opt.font)
        painter.drawText(QRectF(rect.left(), rect.top(), rect.width(), line),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         metrics.elidedText(label, Qt.TextElideMode.ElideRight, rect.width()))
        self._draw_body(painter, opt.font, body, span, QRectF(rect.left(), rect.top() + line,
                                                               rect.width(), line * BODY_LINES))
        painter.restore()

    def _draw_body(self, painter: QPainter, font: QFont, body: str, span: tuple[int, int],
                   rect: QRectF) -> None:
        """The context and the excerpt (in bold), wrapped; the last line that fits is cut
        with "…" when more follows."""
        layout = _bolded(body, font, span)
        layout.beginLayout()
        y = 0.0
        drawn: list[QTextLine] = []
        while len(drawn) < BODY_LINES:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(rect.width())
            line.setPosition(QPointF(0, y))
            y += line.height()
            drawn.append(line)
        layout.endLayout()
        if not drawn:
            return
        last = drawn[-1]
        start = last.textStart()
        more = start + last.textLength() < len(body)
        for line in drawn[:-1] if more else drawn:
            line.draw(painter, rect.topLeft())
        if not more:
            return
        # the last line laid out again on its own, cut to fit with "…", the excerpt still bold
        heavy = QFont(font)  # measured in bold, the wider, so the "…" fits either way
        heavy.setWeight(QFont.Weight.Bold)
        tail = QFontMetricsF(heavy).elidedText(body[start:], Qt.TextElideMode.ElideRight,
                                               rect.width())
        cut = _bolded(tail, font, (span[0] - start, span[1] - start))
        cut.beginLayout()
        one = cut.createLine()
        one.setLineWidth(rect.width() + 1)
        one.setPosition(QPointF(0, last.y()))
        cut.endLayout()
        cut.draw(painter, rect.topLeft())


def _bolded(text: str, font: QFont, span: tuple[int, int]) -> QTextLayout:
    """A layout of `text` with [span) (clipped to the text) in bold."""
    layout = QTextLayout(text, font)
    start, end = max(span[0], 0), min(span[1], len(text))
    if end > start:
        bold = QTextCharFormat()
        bold.setFontWeight(QFont.Weight.Bold)
        excerpt = QTextLayout.FormatRange()
        excerpt.start, excerpt.length, excerpt.format = start, end - start, bold
        layout.setFormats([excerpt])
    return layout
