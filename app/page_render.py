"""Pages rendered, and their text geometry read, on one thread of their own.

The UI says which pages it wants now (`want`), replacing whatever it wanted before, so a fast
scroll never leaves a queue of pages nobody will see; the worker takes the next wanted item
each time it finishes one. Results come back by signal with the generation they were asked
for: a page of the previous document, arriving late, is dropped. pdfium calls lock `PDFIUM`
(coding.page_geometry), so the importer on the database worker and this thread never meet
inside pdfium. Images are kept by the view in a bounded cache (`ImageCache`).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtGui import QImage

from coding.page_geometry import Frame, PageText, PdfPages
from coding.page_layout import Layout

CACHE_BYTES = 160 * 1024 * 1024  # about 30 pages at fit width on a large screen


@dataclass(frozen=True)
class Rendered:
    generation: int
    page: int
    scale: float
    image: QImage


@dataclass(frozen=True)
class Geometry:
    generation: int
    page: int
    frame: Frame
    text: PageText | None  # None: no runs (an OCR'd scan) - pages show, coding cannot


class ImageCache:
    """Rendered pages by (page, scale), least recently used first out, within a byte budget."""

    def __init__(self, budget: int = CACHE_BYTES) -> None:
        self.budget = budget
        self.size = 0
        self._images: OrderedDict[tuple[int, float], QImage] = OrderedDict()

    def get(self, page: int, scale: float) -> QImage | None:
        image = self._images.get((page, scale))
        if image is not None:
            self._images.move_to_end((page, scale))
        return image

    def any_scale(self, page: int) -> QImage | None:
        """Some rendering of the page, to stretch while the right one comes."""
        return next((img for (p, _s), img in reversed(self._images.items()) if p == page), None)

    def put(self, page: int, scale: float, image: QImage) -> None:
        old = self._images.pop((page, scale), None)
        if old is not None:
            self.size -= old.sizeInBytes()
        self._images[(page, scale)] = image
        self.size += image.sizeInBytes()
        while self.size > self.budget and len(self._images) > 1:
            _key, gone = self._images.popitem(last=False)
            self.size -= gone.sizeInBytes()

    def clear(self) -> None:
        self._images.clear()
        self.size = 0


class _Drain(QRunnable):
    def __init__(self, renderer: PageRenderer) -> None:
        super().__init__()
        self.renderer = renderer

    def run(self) -> None:
        self.renderer.drain()


class PageRenderer(QObject):
    rendered = Signal(object)  # Rendered
    measured = Signal(object)  # Geometry
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._lock = threading.Lock()
        self._pdf: PdfPages | None = None
        self._closing: list[PdfPages] = []
        self._layout: Layout | None = None
        self._text = ""
        self._generation = 0
        self._wanted: list[tuple[str, int, float]] = []
        self._running = False

    def open(self, pdf: PdfPages | None, generation: int) -> None:
        """Switch to another document (None: none); the old one is closed on the worker."""
        with self._lock:
            if self._pdf is not None:
                self._closing.append(self._pdf)
            self._pdf, self._generation = pdf, generation
            self._layout, self._text, self._wanted = None, "", []
        self._start()

    def set_layout(self, layout: Layout, text: str) -> None:
        with self._lock:
            self._layout, self._text = layout, text

    def want(self, renders: list[tuple[int, float]], texts: list[int]) -> None:
        """What the view needs now, most urgent first; replaces the previous wish."""
        with self._lock:
            self._wanted = ([("text", p, 0.0) for p in texts]
                            + [("render", p, s) for p, s in renders])
        self._start()

    def _start(self) -> None:
        with self._lock:
            if self._running or not (self._wanted or self._closing):
                return
            self._running = True
        self.pool.start(_Drain(self))

    def drain(self) -> None:
        """Worker thread: do the wanted items one by one until none is left."""
        while True:
            with self._lock:
                closing, self._closing = self._closing, []
                if not self._wanted and not closing:
                    self._running = False
                    return
                item = self._wanted.pop(0) if self._wanted else None
                pdf, layout, text, generation = (self._pdf, self._layout, self._text,
                                                 self._generation)
            for old in closing:
                old.close()
            if item is None or pdf is None:
                continue
            try:
                self._do(item, pdf, layout, text, generation)
            except Exception as exc:  # a damaged page: say so, keep serving the others
                self.failed.emit(f"page {item[1]} cannot be shown ({type(exc).__name__}: {exc})")

    def _do(self, item: tuple[str, int, float], pdf: PdfPages, layout: Layout | None,
            text: str, generation: int) -> None:
        kind, page, scale = item
        if kind == "render":
            pixels = pdf.render(page, scale)
            image = QImage(pixels.data, pixels.width, pixels.height, pixels.stride,
                           QImage.Format.Format_RGBX8888).copy()  # own its memory
            self.rendered.emit(Rendered(generation, page, scale, image))
        elif layout is not None:
            runs = layout.page_runs(page)
            page_text = pdf.page_text(page, runs, text) if runs else None
            self.measured.emit(Geometry(generation, page, pdf.frame(page), page_text))

    def wait(self, msecs: int = 10_000) -> bool:
        return self.pool.waitForDone(msecs)
