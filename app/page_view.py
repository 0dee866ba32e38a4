"""The page view: the canvas (app/page_canvas.py) with the mouse and keys.

A press on text anchors at the character under it (or the nearest, so a press in a margin
starts at the line beside it); dragging extends the selection to the character under the mouse
- on any page - and a double click selects a word and then extends by whole words. The span is
stored text from anchor to mouse, so a drag down a two-column page selects in reading order.
Shift+drag, or any drag with the region tool on, draws a rectangle instead. A press inside the
selection, or inside the chosen region, and a move start a drag that the node tree accepts
(code by dropping); Shift+drag there draws a new rectangle. Ctrl+wheel zooms; Home/End go
to the first and last page; Ctrl+C copies the selected text. An annotation's mark left of the
page shows its note on hover and selects what it notes on a click. A coded region, clicked,
shows corner handles: dragging one resizes it (`region_reshaped`; its codings, memo and
rating move with it, undoably).
"""

from __future__ import annotations

import re

from PySide6.QtCore import QMimeData, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QDrag, QGuiApplication, QKeySequence, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QWidget

from app.page_canvas import GAP, PageCanvas
from app.page_paint import note_rects, stripe_rects
from coding.annotations import AnnotationInfo
from coding.page_geometry import Box
from coding.page_marks import Mark
from coding.references import ReferenceRecord, Region
from coding.regions import MIN_SIDE

_WORD = re.compile(r"\w+", re.UNICODE)


HANDLE = 8  # pixels: a corner handle of the selected coded region


class PageView(PageCanvas):
    region_reshaped = Signal(object, object)  # ReferenceRecord, its new Region

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._anchor: int | None = None
        self._words = False
        self._drag_from: QPointF | None = None
        self.region_ref: ReferenceRecord | None = None  # the coded region selected, resizable
        self._resizing: tuple[int, QPointF] | None = None  # page index, the corner held still

    def word_at(self, offset: int) -> tuple[int, int]:
        text: str = self.text
        for match in _WORD.finditer(text, max(0, offset - 100), offset + 100):
            if match.start() <= offset < match.end():
                return match.start(), match.end()
        return offset, offset + 1

    def _span_to(self, offset: int) -> tuple[int, int]:
        anchor = self._anchor
        assert anchor is not None
        if self._words:
            a, b = self.word_at(anchor), self.word_at(offset)
            return min(a[0], b[0]), max(a[1], b[1])
        return min(anchor, offset), max(anchor, offset) + 1

    def at(self, pos: QPointF) -> tuple[int, float, float] | None:
        """(page index, x, y in PDF points) under a viewport position, or None off the pages."""
        for index in self.visible_pages():
            rect = self.page_rect(index)
            if rect.top() - GAP / 2 <= pos.y() <= rect.bottom() + GAP / 2:
                geometry = self.geometry_of.get(index + 1)
                if geometry is None:
                    return None
                u = min(max(pos.x() - rect.left(), 0), rect.width()) / self.zoom
                v = min(max(pos.y() - rect.top(), 0), rect.height()) / self.zoom
                x, y = geometry.frame.to_page(u, v)
                return index, x, y
        return None

    def offset_at(self, index: int, x: float, y: float) -> int | None:
        """The stored character at (or nearest to) a point of page `index`, in PDF points."""
        geometry = self.geometry_of.get(index + 1)
        if geometry is None or geometry.text is None:
            return None
        return geometry.text.offset_at(x, y)

    def mark_at(self, pos: QPointF) -> Mark | None:
        """The coding stripe beside a page, or the region, under a viewport position."""
        for index in self.visible_pages():
            page = self.page_rect(index)
            for mark, rect in stripe_rects(self, index, page):
                if rect.adjusted(-1, -1, 1, 1).contains(pos):
                    return mark
            for mark in self.marks(index):
                if mark.is_region and self.to_view(index, mark.rects[0]).contains(pos):
                    return mark
        return None

    def note_at(self, pos: QPointF) -> AnnotationInfo | None:
        """The annotation whose mark, left of a page, is under a viewport position."""
        for index in self.visible_pages():
            for note, rect in note_rects(self, index, self.page_rect(index)):
                if rect.adjusted(-1, -1, 1, 1).contains(pos):
                    return note
        return None

    def set_coding(self, refs, styles, annotations=None) -> None:
        """As the canvas's; a selected coded region that is no longer coded (undone, uncoded)
        loses its handles."""
        super().set_coding(refs, styles, annotations)
        stale = self.region_ref
        if stale is not None and stale not in refs:  # as it was, exactly: an undo may give its
            self.region_ref = None  # id back to the old rectangle
            if self.region == stale.region:  # and the rectangle shown is no coding's now
                self.region = None

    def handles(self) -> list[tuple[QPointF, QRectF]]:
        """The selected coded region's corner handles: (the opposite corner, the handle)."""
        shape = self._region_shape()
        if self.region_ref is None or shape is None:
            return []
        corners = (shape.topLeft(), shape.topRight(), shape.bottomRight(), shape.bottomLeft())
        half = HANDLE / 2
        return [(corners[(i + 2) % 4], QRectF(c.x() - half, c.y() - half, HANDLE, HANDLE))
                for i, c in enumerate(corners)]

    def _region_shape(self) -> QRectF | None:
        """Where the chosen region is in the viewport, when its page is in sight."""
        region = self.region
        if region is None or region.page - 1 not in self.visible_pages():
            return None
        geometry = self.geometry_of.get(region.page)
        if geometry is None:
            return None
        return self.to_view(region.page - 1, geometry.frame.box_to_view(region.box))

    def paintEvent(self, event) -> None:  # noqa: N802
        super().paintEvent(event)
        handles = self.handles()
        if handles:
            painter = QPainter(self.viewport())
            colour = self.palette().color(QPalette.ColorRole.Highlight)
            painter.setPen(QPen(colour.darker(150), 1))
            for _still, handle in handles:
                painter.fillRect(handle, colour)
                painter.drawRect(handle)

    def _inside_selection(self, index: int, x: float, y: float) -> bool:
        geometry = self.geometry_of.get(index + 1)
        if self.selection is None or geometry is None or geometry.text is None:
            return False
        return any(b[0] <= x <= b[2] and b[1] <= y <= b[3]
                   for b in geometry.text.span_boxes(*self.selection))

    def mousePressEvent(self, event) -> None:  # noqa: N802
        if event.button() != Qt.MouseButton.LeftButton:
            return
        pos = event.position()
        hit = self.at(pos)
        self._drag_from = None
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        held = next((still for still, handle in self.handles()
                     if handle.adjusted(-2, -2, 2, 2).contains(pos)), None)
        if held is not None and self.region is not None:  # a corner of the coded region
            self._resizing = (self.region.page - 1, held)
            return
        shape = self._region_shape()
        if not shift and shape is not None and shape.contains(pos):
            under = self.mark_at(pos)
            if under is None or under.reference.region is None or under.reference == self.region_ref:
                self._drag_from = pos  # the chosen region: a move drags it onto a node
                return
        self.region_ref = None
        if hit is not None and (shift or self.region_tool):
            self.band = (hit[0], pos, pos)
            self._anchor = None
            return
        note = self.note_at(pos)
        if note is not None:  # an annotation's mark: select what it notes
            self.selection, self.region = (note.start, note.end), None
            self.selection_made.emit(note.start, note.end)
            self.viewport().update()
            return
        mark = self.mark_at(pos)
        if mark is not None:  # a stripe, or a coded region: that reference (its memo shows)
            if mark.reference.region is not None:  # chosen, and a move drags it onto a node
                self.region, self.selection = mark.reference.region, None
                self.region_ref, self._drag_from = mark.reference, pos
                self.region_made.emit(self.region)
                self.viewport().update()
            self.stripe_clicked.emit(mark.reference, event)
            return
        if hit is None:
            return
        index, x, y = hit
        if self._inside_selection(index, x, y):
            self._drag_from = pos
            return
        self._anchor, self._words = self.offset_at(index, x, y), False
        self.selection, self.region = None, None
        self.viewport().update()

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802
        hit = self.at(event.position())
        offset = self.offset_at(*hit) if hit is not None else None
        if offset is None:
            return
        self._anchor, self._words = offset, True
        self.selection = self._span_to(offset)
        self.viewport().update()

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        over = any(h.adjusted(-2, -2, 2, 2).contains(event.position()) for _s, h in self.handles())
        self.viewport().setCursor(Qt.CursorShape.SizeAllCursor if over or self._resizing
                                  else Qt.CursorShape.ArrowCursor)
        pos = event.position()
        held = bool(event.buttons() & Qt.MouseButton.LeftButton)
        if self._resizing is not None and held and self.region is not None:
            index, still = self._resizing
            box = self.region_box(index, still, pos)
            if box is not None and box[2] - box[0] >= MIN_SIDE and box[3] - box[1] >= MIN_SIDE:
                self.region = Region(index + 1, *box)
                self.viewport().update()
        elif self.band is not None and held:
            self.band = (self.band[0], self.band[1], pos)
            self.viewport().update()
        elif self._drag_from is not None and held:
            if (pos - self._drag_from).manhattanLength() >= QApplication.startDragDistance():
                self._drag_from = None
                self._start_drag()
        elif self._anchor is not None and held:
            hit = self.at(pos)
            offset = self.offset_at(*hit) if hit is not None else None
            if offset is not None:
                self.selection = self._span_to(offset)
                self.viewport().update()
        elif (note := self.note_at(pos)) is not None:
            self.setToolTip(note.text)
        else:
            mark = self.mark_at(pos)
            style = self.styles.get(mark.reference.node_id) if mark else None
            self.setToolTip(style.path if style else "")

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        if self._resizing is not None:
            self._resizing = None
            ref = self.region_ref
            if ref is not None and self.region is not None and self.region != ref.region:
                self.region_reshaped.emit(ref, self.region)
            return
        if self.band is not None:
            index, a, b = self.band
            self.band = None
            box = self.region_box(index, a, b)
            if box is not None and box[2] - box[0] >= MIN_SIDE and box[3] - box[1] >= MIN_SIDE:
                self.region, self.selection = Region(index + 1, *box), None
                self.region_made.emit(self.region)
            self.viewport().update()
        elif self._anchor is not None:
            anchor, self._anchor = self._anchor, None
            if self.selection is not None:
                self.selection_made.emit(*self.selection)
            else:  # a click: the caret goes there, for what acts "at the cursor" (rating)
                self.selection_made.emit(anchor, anchor)
        elif self._drag_from is not None and self.region is not None:
            self._drag_from = None  # a click inside the chosen region keeps it
        elif self._drag_from is not None:  # a click inside the selection: a new caret there
            hit = self.at(self._drag_from)
            self._drag_from, self.selection = None, None
            offset = self.offset_at(*hit) if hit is not None else None
            if offset is not None:
                self.selection_made.emit(offset, offset)
            self.viewport().update()

    def show_region(self, region: Region, flash: bool = True) -> None:
        self.go_to_page(region.page)
        geometry = self.geometry_of.get(region.page)
        if geometry is not None:
            top = geometry.frame.box_to_view(region.box)[1]
            self.verticalScrollBar().setValue(
                int(self.tops[region.page - 1] + top * self.zoom - self.viewport().height() / 3))
        if flash:
            self.flash(region=region)

    def _start_drag(self) -> None:
        """The node tree codes what the coding actions hold (this span or region) on a drop;
        the text is for other programs, and marks the drag as one of ours to the tree."""
        if self.selection is not None:
            words = self.text[self.selection[0]:self.selection[1]]
        elif self.region is not None:
            words = f"A region on page {self.region.page}"
        else:
            return
        mime = QMimeData()
        mime.setText(words)
        drag = QDrag(self)
        drag.setMimeData(mime)
        drag.exec(Qt.DropAction.CopyAction)

    def contextMenuEvent(self, event) -> None:  # noqa: N802
        pos = QPointF(event.pos())
        hit = self.at(pos)
        offset = self.offset_at(*hit) if hit is not None else None
        self.context_requested.emit(event.globalPos(), offset, self.mark_at(pos))

    def wheelEvent(self, event) -> None:  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.zoom_by(1.15 ** steps)
            event.accept()
            return
        super().wheelEvent(event)

    def copy(self) -> None:
        if self.selection is not None:
            QGuiApplication.clipboard().setText(self.text[self.selection[0]:self.selection[1]])

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.matches(QKeySequence.StandardKey.Copy) and self.selection is not None:
            self.copy()
            return
        if event.key() == Qt.Key.Key_Home:
            self.go_to_page(1)
            return
        if event.key() == Qt.Key.Key_End:
            self.go_to_page(self.page_count)
            return
        super().keyPressEvent(event)

    def region_box(self, index: int, a: QPointF, b: QPointF) -> Box | None:
        """The dragged rectangle in PDF points, clipped to the page."""
        geometry = self.geometry_of.get(index + 1)
        if geometry is None:
            return None
        page = self.page_rect(index)
        rect = QRectF(a, b).normalized().intersected(page)
        if rect.isEmpty():
            return None
        return geometry.frame.view_to_box((rect.left() - page.left()) / self.zoom,
                                          (rect.top() - page.top()) / self.zoom,
                                          (rect.right() - page.left()) / self.zoom,
                                          (rect.bottom() - page.top()) / self.zoom)
