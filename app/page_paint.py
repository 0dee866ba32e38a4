"""What the page view paints over a page: each reference's rectangles in its node's colour
(translucent, so several nodes on one line stack), regions outlined, the coding stripes beside
the page, annotations' marks in the gap left of it, Find's matches, the selection, a flashed
excerpt, and the rectangle being drawn."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen

from app.theme import FOUND, paint_note_mark
from coding.annotations import AnnotationInfo
from coding.page_marks import Mark, lanes

if TYPE_CHECKING:
    from app.page_canvas import PageCanvas

LANE = 8  # a coding stripe's lane beside the page
MAX_LANES = 10
STRIPES_WIDTH = LANE * MAX_LANES // 2  # room kept beside a page (lanes beyond it overlap)
NOTE = 11  # an annotation's mark, in the gap (GAP = 12) left of the page


def stripe_rects(canvas: PageCanvas, index: int, page: QRectF) -> list[tuple[Mark, QRectF]]:
    """Each mark's coding stripe beside the page: one lane per node."""
    marks = canvas.marks(index)
    lane_of = lanes(marks)
    found = []
    for mark in marks:
        top, bottom = mark.extent
        x = page.right() + 4 + (lane_of[mark.reference.node_id] % MAX_LANES) * LANE
        found.append((mark, QRectF(x, page.top() + top * canvas.zoom, LANE - 2,
                                   max((bottom - top) * canvas.zoom, 3))))
    return found


def note_rects(canvas: PageCanvas, index: int, page: QRectF
               ) -> list[tuple[AnnotationInfo, QRectF]]:
    """A mark for each annotation that starts on page `index`, level with its first line, where
    the text view's margin shows it: hovering shows the note, a click selects what it notes."""
    geometry = canvas.geometry_of.get(index + 1)
    if geometry is None or geometry.text is None:
        return []
    found = []
    for number, note in canvas.annotations:
        boxes = geometry.text.span_boxes(note.start, note.end) if number == index + 1 else []
        if boxes:
            top = geometry.frame.box_to_view(boxes[0])[1] * canvas.zoom + page.top()
            found.append((note, QRectF(page.left() - NOTE - 1, top, NOTE, NOTE)))
    return found


def paint_coding(canvas: PageCanvas, painter: QPainter, index: int) -> None:
    """Everything drawn over page `index` after its image."""
    page = canvas.page_rect(index)
    for _note, spot in note_rects(canvas, index, page):
        paint_note_mark(painter, spot)
    for mark, stripe in stripe_rects(canvas, index, page):
        color = QColor(_color(canvas, mark.reference.node_id))
        fill = QColor(color)
        fill.setAlpha(70)  # several nodes on one line stack, each still showing
        for rect in mark.rects:
            shape = canvas.to_view(index, rect)
            painter.fillRect(shape, fill)
            if mark.is_region:
                painter.setPen(QPen(color, 2))
                painter.drawRect(shape)
        painter.fillRect(stripe, color)
    geometry = canvas.geometry_of.get(index + 1)
    highlight = canvas.palette().color(QPalette.ColorRole.Highlight)
    if geometry is not None and geometry.text is not None:
        found = QColor(FOUND[0])  # a page is dark type on white, whatever the theme
        for start, end in _found_on(canvas, geometry.text.offsets):
            for box in geometry.text.span_boxes(start, end):
                painter.fillRect(canvas.to_view(index, geometry.frame.box_to_view(box)),
                                 found)
        for span, alpha in ((canvas.selection, 90), (canvas.flash_span, 160)):
            if span is not None:
                shade = QColor(highlight)
                shade.setAlpha(alpha)
                for box in geometry.text.span_boxes(*span):
                    painter.fillRect(canvas.to_view(index, geometry.frame.box_to_view(box)),
                                     shade)
    for region, width in ((canvas.region, 2), (canvas.flash_region, 4)):
        if region is not None and region.page == index + 1 and geometry is not None:
            painter.setPen(QPen(highlight, width, Qt.PenStyle.DashLine))
            painter.drawRect(canvas.to_view(index, geometry.frame.box_to_view(region.box)))
    if canvas.band is not None and canvas.band[0] == index:
        painter.setPen(QPen(highlight, 1, Qt.PenStyle.DashLine))
        painter.drawRect(QRectF(canvas.band[1], canvas.band[2]).normalized())


def _found_on(canvas: PageCanvas, offsets: Sequence[int]) -> list[tuple[int, int]]:
    """The find bar's matches on a page whose characters are at `offsets` (in order)."""
    if canvas.found_in is None or not offsets:
        return []
    return canvas.found_in(offsets[0], offsets[-1])


def _color(canvas: PageCanvas, node_id: int) -> str:
    style = canvas.styles.get(node_id)
    return style.color if style else "#808080"
