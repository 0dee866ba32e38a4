"""The document viewer: highlights, coding stripes and page markers, fast on a 300-page thesis.

Highlights are `setExtraSelections` (where `mergeCharFormat` took minutes), given only the
references near the screen and renewed as the reader scrolls past them; the stripe margin
paints only the references that intersect the visible text. So opening and scrolling cost
about the same whatever the document's size. Offsets arrive as
code points and are converted to Qt's UTF-16 positions here, through OffsetMap, only.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QMenu, QPlainTextEdit, QTextEdit, QToolTip, QWidget

from app.offsets import OffsetMap
from coding.annotations import AnnotationInfo
from coding.documents import PageInfo
from coding.references import ReferenceRecord

LANE = 12
PAGE_COLUMN = 40
MAX_LANES = 14
HIGHLIGHT_MARGIN = 30_000  # characters highlighted beyond the screen, about 10 pages


@dataclass(frozen=True)
class NodeStyle:
    name: str
    path: str
    color: str


class TextView(QPlainTextEdit):
    """Read-only text; the margin beside it follows its scrolling."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setObjectName("documentViewer")
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )


class StripeMargin(QWidget):
    """Page markers and one coloured bar per node, in its own lane, beside the lines it codes."""

    reference_clicked = Signal(object)  # ReferenceRecord
    uncode_requested = Signal(object)  # ReferenceRecord
    open_node_requested = Signal(int)
    recode_requested = Signal(object)  # ReferenceRecord
    rate_requested = Signal(object)  # ReferenceRecord
    annotation_delete_requested = Signal(object)  # AnnotationInfo

    def __init__(self, viewer: DocumentViewer) -> None:
        super().__init__(viewer)
        self.viewer = viewer
        self.setMouseTracking(True)
        self.setObjectName("codingStripes")
        self.menus = True  # False where stripes are not one node's coding (coder lanes)

    def page_column(self) -> int:
        """Room for "p. 7" markers and annotation marks, only when there are any."""
        return PAGE_COLUMN if len(self.viewer.pages) > 1 else (16 if self.viewer.annotations else 4)

    def sizeHint(self) -> QSize:  # noqa: N802
        lanes = max(1, min(len(self.viewer.lanes), MAX_LANES))
        return QSize(self.page_column() + LANE * lanes + 4, 0)

    def stripe_rects(self) -> list[tuple[QRect, ReferenceRecord]]:
        """Rectangles of the stripes for the references in view (cheap: visible refs only)."""
        v = self.viewer
        first, last = v.visible_range()
        out: list[tuple[QRect, ReferenceRecord]] = []
        for ref in v.refs_between(first, last):
            lane = v.lanes.get(ref.node_id, 0) % MAX_LANES
            top = v.text.cursorRect(v.cursor_at(max(ref.start, first))).top()
            bottom = v.text.cursorRect(v.cursor_at(min(ref.end, last))).bottom()
            x = self.page_column() + lane * LANE
            out.append((QRect(x + 2, top, LANE - 4, max(bottom - top, 4)), ref))
        return out

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(event.rect(), self.palette().window())
        v = self.viewer
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF() - 2, 6))
        painter.setFont(font)
        first, last = v.visible_range()
        for page in v.pages:
            if first <= page.start <= last and len(v.pages) > 1:
                y = v.text.cursorRect(v.cursor_at(page.start)).top()
                painter.setPen(self.palette().placeholderText().color())
                painter.drawText(QRect(2, y, PAGE_COLUMN - 4, 14), Qt.AlignmentFlag.AlignLeft, f"p. {page.number}")
        for rect, _note in self.annotation_rects():
            painter.setPen(self.palette().link().color())
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, "\u270e")
        for rect, ref in self.stripe_rects():
            style = v.styles.get(ref.node_id)
            painter.fillRect(rect, QColor(style.color if style else "#808080"))
            if rect.height() > 40 and style:
                painter.save()
                painter.translate(rect.left() + LANE - 3, rect.top() + 4)
                painter.rotate(90)
                painter.setPen(self.palette().text().color())
                painter.drawText(0, 0, style.name[: max(rect.height() // 7, 1)])
                painter.restore()

    def annotation_rects(self) -> list[tuple[QRect, AnnotationInfo]]:
        v = self.viewer
        first, last = v.visible_range()
        return [
            (QRect(0, v.text.cursorRect(v.cursor_at(a.start)).top(), 14, 14), a)
            for a in v.annotations if first <= a.start <= last
        ]

    def reference_at(self, pos: QPoint) -> ReferenceRecord | None:
        for rect, ref in self.stripe_rects():
            if rect.adjusted(-1, -1, 1, 1).contains(pos):
                return ref
        return None

    def annotation_at(self, pos: QPoint) -> AnnotationInfo | None:
        return next((a for rect, a in self.annotation_rects() if rect.contains(pos)), None)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        note = self.annotation_at(event.position().toPoint())
        if note is not None:
            QToolTip.showText(event.globalPosition().toPoint(), note.text, self)
            return
        ref = self.reference_at(event.position().toPoint())
        style = self.viewer.styles.get(ref.node_id) if ref else None
        if style:
            QToolTip.showText(event.globalPosition().toPoint(), style.path, self)
        else:
            QToolTip.hideText()

    def mousePressEvent(self, event) -> None:  # noqa: N802
        note = self.annotation_at(event.position().toPoint())
        if note is not None:
            if event.button() == Qt.MouseButton.RightButton:
                menu = QMenu(self)
                menu.addAction("Delete annotation", lambda: self.annotation_delete_requested.emit(note))
                menu.popup(event.globalPosition().toPoint())
            else:
                self.viewer.select_span(note.start, note.end)
            return
        ref = self.reference_at(event.position().toPoint())
        if ref is None:
            return
        if event.button() == Qt.MouseButton.RightButton:
            if not self.menus:
                return
            menu = QMenu(self)
            menu.addAction("Uncode", lambda: self.uncode_requested.emit(ref))
            menu.addAction("Recode to…", lambda: self.recode_requested.emit(ref))
            menu.addAction("Rate excerpt…", lambda: self.rate_requested.emit(ref))
            menu.addAction("Open node", lambda: self.open_node_requested.emit(ref.node_id))
            menu.popup(event.globalPosition().toPoint())
        else:
            self.viewer.select_span(ref.start, ref.end)
            self.reference_clicked.emit(ref)


class DocumentViewer(QWidget):
    """A document's text with its coding drawn on and beside it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = TextView(self)
        self.margin = StripeMargin(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.margin)
        self.offsets = OffsetMap("")
        self.refs: list[ReferenceRecord] = []
        self.refs_by_end: list[ReferenceRecord] = []
        self.ref_ends: list[int] = []
        self.styles: dict[int, NodeStyle] = {}
        self.lanes: dict[int, int] = {}
        self.pages: list[PageInfo] = []
        self.annotations: list[AnnotationInfo] = []
        self._formats: dict[int, QTextCharFormat] = {}
        self._highlighted: tuple[int, int] | None = None
        self.text.verticalScrollBar().valueChanged.connect(self.margin.update)
        self.text.verticalScrollBar().valueChanged.connect(lambda _v: self.highlight_visible())
        self.text.updateRequest.connect(lambda *_: self.margin.update())

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.highlight_visible()

    def cursor_at(self, offset: int) -> QTextCursor:
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(self.offsets.to_utf16(offset))
        return cursor

    def visible_range(self) -> tuple[int, int]:
        """Code-point offsets of the first and last characters on screen."""
        top = self.text.cursorForPosition(QPoint(0, 0)).position()
        bottom = self.text.cursorForPosition(QPoint(self.text.viewport().width(),
                                                    self.text.viewport().height())).position()
        return self.offsets.to_codepoint(top), self.offsets.to_codepoint(bottom)

    def load(self, text: str, pages: list[PageInfo]) -> None:
        self.offsets = OffsetMap(text)
        self.pages = pages
        self.text.setPlainText(text)

    def set_coding(self, refs: list[ReferenceRecord], styles: dict[int, NodeStyle]) -> None:
        """Draw highlights and stripes for `refs` (all of this document's references)."""
        self.refs = sorted(refs, key=lambda r: (r.start, r.end))
        self.refs_by_end = sorted(refs, key=lambda r: r.end)
        self.ref_ends = [r.end for r in self.refs_by_end]
        self.styles = styles
        self.lanes = {}
        for ref in self.refs:
            self.lanes.setdefault(ref.node_id, len(self.lanes))
        self._formats = {}
        self._highlighted = None
        self.highlight_visible()
        self.margin.updateGeometry()
        self.margin.setFixedWidth(self.margin.sizeHint().width())
        self.margin.update()

    def refs_between(self, first: int, last: int) -> list[ReferenceRecord]:
        """The references that touch [first, last] (code points), found by bisection."""
        index = bisect_left(self.ref_ends, first)
        return [ref for ref in self.refs_by_end[index:] if ref.start <= last]

    def _format(self, node_id: int) -> QTextCharFormat:
        """One translucent format per node, so overlapping codings show through each other."""
        fmt = self._formats.get(node_id)
        if fmt is None:
            style = self.styles.get(node_id)
            color = QColor(style.color if style else "#808080")
            color.setAlpha(60)
            fmt = QTextCharFormat()
            fmt.setBackground(color)
            self._formats[node_id] = fmt
        return fmt

    def highlight_visible(self) -> None:
        """Highlight the references on screen and HIGHLIGHT_MARGIN characters either side.

        `setExtraSelections` lays out every paragraph a selection touches to find what to
        repaint, so handing it all 2,000 spans of a thesis cost 0.2 s at open. Scrolling past
        the highlighted window re-runs this, which costs about a screenful of spans.
        """
        first, last = self.visible_range()
        covered = self._highlighted
        if covered is not None and covered[0] <= first and last <= covered[1]:
            return
        low, high = max(0, first - HIGHLIGHT_MARGIN), last + HIGHLIGHT_MARGIN
        self._highlighted = (low, high)
        document = self.text.document()
        # Inside an edit block QTextCursor.setPosition skips laying out the paragraph to find
        # the cursor's x, which extra selections never use. Nothing is edited, so closing the
        # block changes nothing and records no undo step.
        batch = QTextCursor(document)
        batch.beginEditBlock()
        selections = []
        for ref in sorted(self.refs_between(low, high), key=lambda r: (r.start, r.end)):
            cursor = QTextCursor(document)
            cursor.setPosition(self.offsets.to_utf16(ref.start))
            cursor.setPosition(self.offsets.to_utf16(ref.end), QTextCursor.MoveMode.KeepAnchor)
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = self._format(ref.node_id)
            selections.append(selection)
        batch.endEditBlock()
        self.text.setExtraSelections(selections)

    def selection_span(self) -> tuple[int, int] | None:
        """The selected text as code-point offsets, or None."""
        cursor = self.text.textCursor()
        if not cursor.hasSelection():
            return None
        start = self.offsets.to_codepoint(cursor.selectionStart())
        end = self.offsets.to_codepoint(cursor.selectionEnd())
        return (start, end) if end > start else None

    def select_span(self, start: int, end: int) -> None:
        cursor = self.text.textCursor()
        cursor.setPosition(self.offsets.to_utf16(start))
        cursor.setPosition(self.offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.text.setTextCursor(cursor)
        self.text.centerCursor()

    def references_at(self, offset: int) -> list[ReferenceRecord]:
        return [r for r in self.refs if r.start <= offset < r.end]
