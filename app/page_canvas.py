"""The page view's canvas: a PDF's pages, scrolled continuously, with the coding drawn on them.

It paints what it has: rendered pages from a bounded cache (a page at another zoom is
stretched until its new rendering comes), placeholders for the rest, and the marks of
`coding.page_marks` once a page's geometry is known. Rendering and geometry come from
`PageRenderer`'s thread; the UI thread only lays out, paints and handles the mouse, so a
scroll never waits for pdfium. A drag selects stored text from the character under the press
to the one under the mouse - a code-point span in reading order, the same selection as the
text view's - and Shift+drag (or the region tool) draws a rectangle for region coding.
The mouse and keys are `PageView`'s (app/page_view.py), built on this.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import OrderedDict

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from app.page_paint import STRIPES_WIDTH, paint_coding
from app.page_render import Geometry, ImageCache, PageRenderer, Rendered
from app.viewer import Finder, NodeStyle
from coding.annotations import AnnotationInfo
from coding.page_geometry import PdfPages
from coding.page_layout import Layout
from coding.page_marks import Mark, page_marks
from coding.references import ReferenceRecord, Region

GAP = 12  # pixels between pages and around them
GEOMETRY_PAGES = 40  # page geometries kept (a few hundred kB each)
MIN_ZOOM, MAX_ZOOM = 0.25, 6.0


class PageCanvas(QAbstractScrollArea):
    page_changed = Signal(int, int)  # current page, page count
    zoom_changed = Signal(float)
    page_shown = Signal(int)  # a page's rendering arrived and was painted in
    page_measured = Signal(int)  # a page's text geometry arrived: coding shows, drags select
    selection_made = Signal(int, int)  # code points, end exclusive
    region_made = Signal(object)  # Region
    stripe_clicked = Signal(object, object)  # ReferenceRecord, the click's QMouseEvent
    context_requested = Signal(object, object, object)  # global pos, offset or None, Mark or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pageView")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setMouseTracking(True)
        self.renderer = PageRenderer(self)
        self.renderer.rendered.connect(self._rendered)
        self.renderer.measured.connect(self._measured)
        self.cache = ImageCache()
        self.geometry_of: OrderedDict[int, Geometry] = OrderedDict()
        self.generation = 0
        self.sizes: list[tuple[float, float]] = []
        self.tops: list[float] = []
        self.zoom = 1.0
        self.fit = "width"  # "width", "page" or "" (a chosen zoom)
        self.refs: list[ReferenceRecord] = []
        self.annotations: list[tuple[int, AnnotationInfo]] = []  # each with the page it starts on
        self.styles: dict[int, NodeStyle] = {}
        self.text = ""
        self.has_layout = False
        self.selection: tuple[int, int] | None = None
        self.region: Region | None = None
        self.band: tuple[int, QPointF, QPointF] | None = None  # page, corners while dragging
        self.flash_span: tuple[int, int] | None = None
        self.flash_region: Region | None = None
        self.found_in: Finder | None = None  # the find bar's, while it is open
        self.message = ""
        self._target: tuple[int, int, bool, int | None] | None = None  # to show once measured
        self._resume_at: tuple[int, float] | None = None  # a position to take once open
        self._current = 0
        self.region_tool = False
        self._scrolling = False
        self._request = QTimer(self)
        self._request.setSingleShot(True)
        self._request.timeout.connect(self._ask)
        # Geometry (pure Python, the GIL's) waits until scrolling pauses: renders (pdfium, in C)
        # keep coming while the view moves, and the coding shows a moment after it stops.
        self._measure = QTimer(self)
        self._measure.setSingleShot(True)
        self._measure.setInterval(120)
        self._measure.timeout.connect(lambda: self._ask(measure=True))
        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.timeout.connect(self._end_flash)
        self.verticalScrollBar().valueChanged.connect(lambda _v: self._scrolled())
        self.horizontalScrollBar().valueChanged.connect(lambda _v: self.viewport().update())

    # Document ------------------------------------------------------------------------

    def start(self, message: str = "") -> int:
        """Forget the current document; returns the generation the next one is loaded under."""
        self.generation += 1
        self.renderer.open(None, self.generation)
        self.cache.clear()
        self.geometry_of.clear()
        self.sizes, self.tops, self.refs, self.annotations, self.text = [], [], [], [], ""
        self.has_layout, self.selection, self.region, self.band = False, None, None, None
        self.flash_span, self.flash_region, self._target, self.found_in = None, None, None, None
        self._resume_at = None
        self.message = message
        self._relayout()
        return self.generation

    def open(self, generation: int, pdf: PdfPages, sizes: list[tuple[float, float]]) -> None:
        if generation != self.generation:
            pdf.close()
            return
        self.renderer.open(pdf, generation)
        self.sizes, self.message = sizes, ""
        self._relayout()
        self.verticalScrollBar().setValue(0)
        if self._resume_at is not None:
            self._restore(*self._resume_at)
            self._resume_at = None
        if self._target is not None:
            self.show_span(*self._target)
        self._ask()
        self.page_changed.emit(self.current_page(), self.page_count)

    def set_layout(self, generation: int, layout: Layout, text: str) -> None:
        if generation != self.generation:
            return
        self.renderer.set_layout(layout, text)
        self.text, self.has_layout = text, True
        self._ask()

    def set_coding(self, refs: list[ReferenceRecord], styles: dict[int, NodeStyle],
                   annotations: list[tuple[int, AnnotationInfo]] | None = None) -> None:
        self.refs, self.styles, self.annotations = refs, styles, annotations or []
        self.viewport().update()

    @property
    def page_count(self) -> int:
        return len(self.sizes)

    # Layout and zoom ------------------------------------------------------------------

    def stripe_room(self) -> float:
        return STRIPES_WIDTH + GAP

    def _fit_zoom(self) -> float:
        if not self.sizes:
            return self.zoom
        width = max(w for w, _h in self.sizes)
        height = max(h for _w, h in self.sizes)
        room_w = max(self.viewport().width() - 2 * GAP - self.stripe_room(), 50)
        zoom = room_w / width
        if self.fit == "page":
            zoom = min(zoom, max(self.viewport().height() - 2 * GAP, 50) / height)
        return max(MIN_ZOOM, min(zoom, MAX_ZOOM))

    def set_zoom(self, zoom: float | None = None, fit: str = "") -> None:
        """A zoom (pixels per point) or a fit ("width", "page"); the page in view stays. Fit
        page shows the page in the middle of the view whole, from its top: kept where it was,
        it showed the end of one page over the start of the next."""
        page, fraction = self.position()
        middle = self.current_page()
        self.fit = fit
        self.zoom = max(MIN_ZOOM, min(zoom if zoom is not None else self._fit_zoom(), MAX_ZOOM))
        self._relayout()
        if fit == "page":
            self.go_to_page(middle)
        else:
            self._restore(page, fraction)
        self.zoom_changed.emit(self.zoom)

    def zoom_by(self, factor: float) -> None:
        self.set_zoom(self.zoom * factor)

    def _relayout(self) -> None:
        if self.fit:
            zoom = self._fit_zoom()
            if zoom != self.zoom:
                self.zoom = zoom
                self.zoom_changed.emit(zoom)
        self.tops, y = [], float(GAP)
        for _w, h in self.sizes:
            self.tops.append(y)
            y += h * self.zoom + GAP
        width = max((w for w, _h in self.sizes), default=0) * self.zoom + self.stripe_room()
        bar, hbar = self.verticalScrollBar(), self.horizontalScrollBar()
        bar.setRange(0, max(0, int(y - self.viewport().height())))
        bar.setPageStep(self.viewport().height())
        bar.setSingleStep(40)
        hbar.setRange(0, max(0, int(width + 2 * GAP - self.viewport().width())))
        hbar.setPageStep(self.viewport().width())
        self.viewport().update()
        self._request.start(0)

    def resizeEvent(self, event) -> None:  # noqa: N802
        page, fraction = self.position()
        super().resizeEvent(event)
        self._relayout()
        self._restore(page, fraction)

    def page_rect(self, index: int) -> QRectF:
        """Page `index` (from 0) in viewport coordinates."""
        w, h = self.sizes[index]
        width = w * self.zoom
        room = self.viewport().width() - self.stripe_room()
        x = max(GAP, (room - width) / 2) - self.horizontalScrollBar().value()
        return QRectF(x, self.tops[index] - self.verticalScrollBar().value(), width, h * self.zoom)

    def visible_pages(self) -> list[int]:
        """Indexes (from 0) of the pages on screen."""
        if not self.tops:
            return []
        top = self.verticalScrollBar().value()
        bottom = top + self.viewport().height()
        first = max(bisect_right(self.tops, top) - 1, 0)
        found = []
        for index in range(first, len(self.tops)):
            if self.tops[index] > bottom:
                break
            found.append(index)
        return found

    def position(self) -> tuple[int, float]:
        """The page at the top of the view and how far down it the view starts."""
        pages = self.visible_pages()
        if not pages:
            return 0, 0.0
        index = pages[0]
        height = self.sizes[index][1] * self.zoom
        return index, (self.verticalScrollBar().value() - self.tops[index]) / max(height, 1)

    def resume(self, index: int, fraction: float) -> None:
        """Take a position `position` gave a session ago, now or once the pages are open."""
        if self.tops:
            self._restore(index, fraction)
        else:
            self._resume_at = (index, fraction)

    def _restore(self, index: int, fraction: float) -> None:
        if index < len(self.tops):
            height = self.sizes[index][1] * self.zoom
            self.verticalScrollBar().setValue(int(self.tops[index] + fraction * height))

    def go_to_page(self, number: int) -> None:
        if 1 <= number <= len(self.tops):
            self.verticalScrollBar().setValue(int(self.tops[number - 1] - GAP / 2))

    def current_page(self) -> int:
        """The page holding the middle of the view (1-based), 0 with no document."""
        if not self.tops:
            return 0
        middle = self.verticalScrollBar().value() + self.viewport().height() / 2
        return max(bisect_right(self.tops, middle), 1)

    def _scrolled(self) -> None:
        self.viewport().update()
        self._scrolling = True
        self._request.start(0)
        page = self.current_page()
        if page != self._current:
            self._current = page
            self.page_changed.emit(page, self.page_count)

    # Work for the renderer ------------------------------------------------------------

    def render_scale(self) -> float:
        return round(self.zoom * self.devicePixelRatioF(), 3)

    def _ask(self, measure: bool = False) -> None:
        pages = self.visible_pages()
        if not pages or self.generation == 0:
            return
        around = [p for p in (pages[0] - 1, pages[-1] + 1) if 0 <= p < len(self.sizes)]
        scale = self.render_scale()
        renders = [(i + 1, scale) for i in pages + around if self.cache.get(i + 1, scale) is None]
        texts = [i + 1 for i in pages if i + 1 not in self.geometry_of] if self.has_layout else []
        if texts and not measure and self._scrolling:
            self._measure.start()
            texts = []
        self.renderer.want(renders, texts)
        self._scrolling = False

    def _rendered(self, result: Rendered) -> None:
        if result.generation != self.generation:
            return
        result.image.setDevicePixelRatio(result.scale / max(self.zoom, 1e-6))
        self.cache.put(result.page, result.scale, result.image)
        self.viewport().update()
        self.page_shown.emit(result.page)

    def _measured(self, geometry: Geometry) -> None:
        if geometry.generation != self.generation:
            return
        self.geometry_of[geometry.page] = geometry
        while len(self.geometry_of) > GEOMETRY_PAGES:
            self.geometry_of.popitem(last=False)
        if self._target is not None:
            self.show_span(*self._target)
        self.viewport().update()
        self.page_measured.emit(geometry.page)

    # Where text is -------------------------------------------------------------------

    def to_view(self, index: int, rect: tuple[float, float, float, float]) -> QRectF:
        """A rectangle of the page as shown (points, zoom 1) in viewport coordinates."""
        page = self.page_rect(index)
        left, top, right, bottom = rect
        return QRectF(page.left() + left * self.zoom, page.top() + top * self.zoom,
                      (right - left) * self.zoom, (bottom - top) * self.zoom)

    def marks(self, index: int) -> list[Mark]:
        geometry = self.geometry_of.get(index + 1)
        if geometry is None:
            return []
        return page_marks(index + 1, geometry.frame, geometry.text, self.refs)

    def page_of_offset(self, offset: int) -> int | None:
        """The page (from 1) whose geometry or span holds `offset`, from the measured pages."""
        for number, geometry in self.geometry_of.items():
            text = geometry.text
            if text is not None and text.offsets and text.offsets[0] <= offset <= text.offsets[-1]:
                return number
        return None

    def show_span(self, start: int, end: int, flash: bool = False, page: int | None = None
                  ) -> None:
        """Scroll to the span (its page first, then its line once the page is measured); before
        the document is open, remember it for then."""
        number = page or self.page_of_offset(start)
        if not self.tops:
            self._target = (start, end, flash, number)
            return
        if number is None:
            return
        geometry = self.geometry_of.get(number)
        boxes = geometry.text.span_boxes(start, end) if geometry and geometry.text else []
        if not boxes or geometry is None:
            self._target = (start, end, flash, number)
            self.go_to_page(number)
            self._ask()
            return
        self._target = None
        top = min(geometry.frame.box_to_view(b)[1] for b in boxes)
        self.verticalScrollBar().setValue(
            int(self.tops[number - 1] + top * self.zoom - self.viewport().height() / 3))
        if flash:
            self.flash(span=(start, end))

    def flash(self, span: tuple[int, int] | None = None, region: Region | None = None) -> None:
        self.flash_span, self.flash_region = span, region
        self._flash_timer.start(1500)
        self.viewport().update()

    def _end_flash(self) -> None:
        self.flash_span = self.flash_region = None
        self.viewport().update()

    def top_offset(self) -> int | None:
        """The first stored character at the top of the view, when its page is measured."""
        index, _fraction = self.position()
        geometry = self.geometry_of.get(index + 1)
        if geometry is None or geometry.text is None or not geometry.text.offsets:
            return None
        top = (self.verticalScrollBar().value() - self.tops[index]) / self.zoom
        text = geometry.text
        for i, offset in enumerate(text.offsets):
            if geometry.frame.box_to_view(text.box(i))[3] >= top:
                return offset
        # The top of the view is below the page's last line (its foot, or the gap before the
        # next page, where "go to page" leaves it): the place read is the next page's start.
        following = self.geometry_of.get(index + 2)
        if following is not None and following.text is not None and following.text.offsets:
            return following.text.offsets[0]
        return geometry.text.offsets[-1]

    # Painting --------------------------------------------------------------------------

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self.viewport())
        painter.fillRect(event.rect(), self.palette().color(QPalette.ColorRole.Dark))
        if self.message or not self.sizes:
            painter.setPen(self.palette().color(QPalette.ColorRole.BrightText))
            painter.drawText(self.viewport().rect(), Qt.AlignmentFlag.AlignCenter, self.message)
            return
        scale = self.render_scale()
        for index in self.visible_pages():
            rect = self.page_rect(index)
            image = self.cache.get(index + 1, scale) or self.cache.any_scale(index + 1)
            if image is not None:
                painter.drawImage(rect, image)
            else:
                painter.fillRect(rect, QColor("white"))
                painter.setPen(QColor("#9ca3af"))
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, f"Page {index + 1}")
            paint_coding(self, painter, index)
