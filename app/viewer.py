"""The document viewer: highlights, coding stripes and page markers, fast on a 300-page thesis.

Highlights are `setExtraSelections` (where `mergeCharFormat` took minutes), given only the
references near the screen and renewed as the reader scrolls past them; the stripe margin
paints only the references that intersect the visible text. So opening and scrolling cost
about the same whatever the document's size. Offsets arrive as
code points and are converted to Qt's UTF-16 positions here, through OffsetMap, only.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMenu,
    QPlainTextDocumentLayout,
    QPlainTextEdit,
    QTextEdit,
    QToolTip,
    QWidget,
)

from app.offsets import OffsetMap
from app.theme import found_color, paint_note_mark
from coding.annotations import AnnotationInfo
from coding.documents import PageInfo
from coding.references import ReferenceRecord

LANE = 12
PAGE_COLUMN = 40
LANES_SHOWN = 6  # the margin's width never changes, so the text never reflows under a stripe
MIN_LANE = 4  # past LANES_SHOWN nodes the lanes narrow, down to this; then they share
LANES_WIDTH = LANE * LANES_SHOWN + 4
HIGHLIGHT_MARGIN = 30_000  # characters highlighted beyond the screen, about 10 pages
FOUND_MARGIN = 3_000  # characters beyond the screen where Find's matches are marked


# The find bar's matches that touch [low, high] (code points), in order
Finder = Callable[[int, int], list[tuple[int, int]]]


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
        self.document().setUndoRedoEnabled(False)  # nothing is edited: 10 ms less per opening
        self.setPlaceholderText(NO_DOCUMENT)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )


NO_DOCUMENT = ("No document chosen: choose one in the Documents list, or import documents with "
               "File ▸ Import documents… (Ctrl+Shift+I) or by dropping files on the window.")
# a scan imported as its pages alone has no text to show here (it said "No document chosen")
PAGES_ALONE = ("This document is a scan with no text: its pages are in the Pages view, where "
               "regions of them can be coded (the Region tool, or Shift+drag).")


class StripeMargin(QWidget):
    """Page markers and one coloured bar per node, in its own lane, beside the lines it codes."""

    reference_clicked = Signal(object)  # ReferenceRecord
    uncode_requested = Signal(object)  # ReferenceRecord
    open_node_requested = Signal(int)
    recode_requested = Signal(object)  # ReferenceRecord
    rate_requested = Signal(object)  # ReferenceRecord
    annotation_delete_requested = Signal(object)  # AnnotationInfo
    annotation_edit_requested = Signal(object)  # AnnotationInfo

    def __init__(self, viewer: DocumentViewer) -> None:
        super().__init__(viewer)
        self.viewer = viewer
        self.setMouseTracking(True)
        self.setObjectName("codingStripes")
        self.menus = True  # False where stripes are not one node's coding (coder lanes)

    def page_column(self) -> int:
        """Room for "p. 7" markers (documents with pages) or annotation marks. Fixed per
        document, as the lanes' room is: adding a stripe or a note never reflows the text."""
        return PAGE_COLUMN if len(self.viewer.pages) > 1 else 16

    def lane_width(self) -> int:
        lanes = max(len(self.viewer.lanes), 1)
        return max(MIN_LANE, min(LANE, (LANE * LANES_SHOWN) // lanes))

    def lane_count(self) -> int:
        return (LANE * LANES_SHOWN) // self.lane_width()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(self.page_column() + LANES_WIDTH, 0)

    def stripe_rects(self) -> list[tuple[QRect, ReferenceRecord]]:
        """Rectangles of the stripes for the references in view (cheap: visible refs only)."""
        v = self.viewer
        first, last = v.visible_range()
        out: list[tuple[QRect, ReferenceRecord]] = []
        width, lanes = self.lane_width(), self.lane_count()
        gap = 2 if width > 6 else 1
        for ref in v.refs_between(first, last):
            lane = v.lanes.get(ref.node_id, 0) % lanes
            top = v.text.cursorRect(v.cursor_at(max(ref.start, first))).top()
            bottom = v.text.cursorRect(v.cursor_at(min(ref.end, last))).bottom()
            x = self.page_column() + lane * width
            out.append((QRect(x + gap, top, width - 2 * gap, max(bottom - top, 4)), ref))
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
        for rect, _note in self.annotation_rects():  # the page view's note mark, the same
            paint_note_mark(painter, QRectF(rect.adjusted(1, 1, -2, -2)))
        for rect, ref in self.stripe_rects():
            style = v.styles.get(ref.node_id)
            painter.fillRect(rect, QColor(style.color if style else "#808080"))
            if rect.height() > 40 and rect.width() >= LANE - 4 and style:
                self._label(painter, rect, style.name)

    def _label(self, painter: QPainter, rect: QRect, name: str) -> None:
        """The node's name along its stripe, elided to the stripe's length (the full path is
        the stripe's tooltip)."""
        shown = painter.fontMetrics().elidedText(name, Qt.TextElideMode.ElideRight,
                                                 rect.height() - 8)
        painter.save()
        painter.translate(rect.left() + rect.width() - 1, rect.top() + 4)
        painter.rotate(90)
        painter.setPen(self.palette().text().color())
        painter.drawText(0, 0, shown)
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
                menu.addAction("Edit annotation…", lambda: self.annotation_edit_requested.emit(note))
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
        self.editable = True  # False on a read-only project: the margin offers no edits
        self._formats: dict[int, QTextCharFormat] = {}
        self._highlighted: tuple[int, int] | None = None
        self.found_in: Finder | None = None  # the find bar's, while it is open
        self._found_window: tuple[int, int] | None = None
        self.margin.setFixedWidth(self.margin.sizeHint().width())
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

    def scroll_to(self, offset: int) -> None:
        """Put the line holding `offset` at the top of the view, the caret there: the cursor
        is moved to the end first, so coming back up scrolls its line to the top edge."""
        end = QTextCursor(self.text.document())
        end.movePosition(QTextCursor.MoveOperation.End)
        self.text.setTextCursor(end)
        self.text.ensureCursorVisible()
        self.text.setTextCursor(self.cursor_at(offset))
        self.text.ensureCursorVisible()

    def show_at_top(self, offset: int) -> None:
        """Put the line holding `offset` at the top of the view, the cursor and selection left
        as they are. The scroll bar counts laid-out lines, and laying out lines on the way to
        a place changes what a value means: the line is found by the same count the bar uses,
        at the moment it is set, and the cursor never moves (moving it scrolls)."""
        cursor = self.cursor_at(offset)
        block = cursor.block()
        self.text.document().documentLayout().blockBoundingRect(block)  # lays the block out
        layout = block.layout()
        line = layout.lineForTextPosition(cursor.positionInBlock()) if layout else None
        within = line.lineNumber() if line is not None and line.isValid() else 0
        self.text.verticalScrollBar().setValue(block.firstLineNumber() + within)

    def visible_range(self) -> tuple[int, int]:
        """Code-point offsets of the first and last characters on screen."""
        top = self.text.cursorForPosition(QPoint(0, 0)).position()
        bottom = self.text.cursorForPosition(QPoint(self.text.viewport().width(),
                                                    self.text.viewport().height())).position()
        return self.offsets.to_codepoint(top), self.offsets.to_codepoint(bottom)

    def load(self, text: str, pages: list[PageInfo], offsets: OffsetMap | None = None,
             document: QTextDocument | None = None) -> None:
        """Show a new text with no coding: the last document's spans must never be drawn on
        this one (its coding arrives by `set_coding` once read)."""
        self.refs, self.refs_by_end, self.ref_ends = [], [], []
        self.lanes, self.annotations, self._formats = {}, [], {}
        self._highlighted, self.found_in = None, None
        self.offsets = offsets if offsets is not None else OffsetMap(text)
        self.pages = pages
        self.text.setPlaceholderText(PAGES_ALONE if pages and not text else NO_DOCUMENT)
        self.margin.setFixedWidth(self.margin.sizeHint().width())
        if document is not None:  # built off the UI thread with this text (view_refresh.py)
            # cleared while their document lives: after the swap Qt spent 12–40 ms on them
            self.text.setExtraSelections([])
            document.setDefaultFont(self.text.font())
            document.setDocumentLayout(QPlainTextDocumentLayout(document))
            document.setParent(self.text)  # the viewer owns it: the next swap deletes it
            self.text.setDocument(document)
        else:
            self.text.setPlainText(text)
            self.text.setExtraSelections([])  # after: before it, Qt crashed here at close
        self.margin.update()

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
        covered, marked = self._highlighted, self._found_window
        if covered is not None and covered[0] <= first and last <= covered[1] and (
                self.found_in is None or (marked is not None and marked[0] <= first
                                          and last <= marked[1])):
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
        found = QTextCharFormat()
        found.setBackground(found_color())
        self._found_window = (max(0, first - FOUND_MARGIN), last + FOUND_MARGIN)
        for start, end in self.found_in(*self._found_window) if self.found_in else []:
            cursor = QTextCursor(document)
            cursor.setPosition(self.offsets.to_utf16(start))
            cursor.setPosition(self.offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
            selection = QTextEdit.ExtraSelection()
            selection.cursor, selection.format = cursor, found
            selections.append(selection)
        batch.endEditBlock()
        self.text.setExtraSelections(selections)

    def show_found(self, found_in: Finder | None) -> None:
        """Mark the find bar's matches as the coding is marked: those near the screen,
        renewed on scrolling; none once the bar closes (None)."""
        self.found_in, self._highlighted = found_in, None
        self.highlight_visible()

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
