"""The document pane: the text view or the page view of the current document, and a bar to
switch between them, go to a page and zoom.

One selection for both views: the text viewer's cursor holds it (every coding action, rating
and memo reads it there), and the page view's drags are written into it. So switching views
keeps the selection, and what the text view's selection does - an excerpt opened from Node
references, a search hit, a matrix cell, a coverage row, Ctrl+F - the page view follows,
flashing it. A region drawn on a page is the one selection the text cannot hold: the pane keeps
it and CodingActions asks for it (`region_selection`). The choice of view is remembered per
document (QSettings: it is how this reader likes to see it, not project data).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable

from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from app.page_bar import PageBar
from app.page_view import PageView
from app.viewer import DocumentViewer, Finder, NodeStyle
from coding.annotations import list_annotations
from coding.documents import PageInfo, document_pages, document_text
from coding.errors import USER_ERRORS
from coding.ids import DocumentId
from coding.nodes import list_nodes
from coding.page_geometry import PdfPages
from coding.page_layout import ensure_layout, has_layout, original_pdf
from coding.references import Region, references_for_document


def _open_pages(project, doc_id: DocumentId) -> tuple[PdfPages, list[tuple[float, float]]]:
    pdf = PdfPages(original_pdf(project, doc_id))
    return pdf, pdf.sizes()


class DocumentPane(QWidget):
    view_changed = Signal(str)  # "text" or "page"

    def __init__(self, window, viewer: DocumentViewer) -> None:
        super().__init__(window)
        self.window_ = window
        self.viewer = viewer
        self.page_view = PageView(self)
        self.bar = PageBar(self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(viewer)
        self.stack.addWidget(self.page_view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.bar)
        layout.addWidget(self.stack, 1)
        self.doc_id: DocumentId | None = None
        self.is_pdf = False
        self.loaded: DocumentId | None = None
        self.pages: list[PageInfo] = []
        self._syncing = False
        self._after_first_page: tuple[int, Callable[[], None]] | None = None
        self.page_action = QAction("&Page view", self)
        self.page_action.setCheckable(True)
        self.page_action.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.page_action.setToolTip("Show the document as its pages (PDF) or as text")
        self.page_action.toggled.connect(lambda on: self.set_mode("page" if on else "text"))
        self.bar.connect_to(self)
        self.page_view.selection_made.connect(self.page_selected)
        self.page_view.page_shown.connect(self._first_page_shown)
        self.page_view.region_made.connect(lambda _r: self.window_.show_status(
            "Region selected: code it like text (Ctrl+K, Ctrl+1…, drag onto a node)"))
        self.page_view.renderer.failed.connect(lambda why: self.window_.show_status(why))
        viewer.text.selectionChanged.connect(self._text_selected)
        window.project_closed.connect(self.clear)
        window.changed.connect(self._coding_changed)
        self._update_enabled()

    # Which view -------------------------------------------------------------------------

    def mount(self, view: QWidget) -> int:
        """Add another view of the current document; returns its index among the views."""
        return self.stack.addWidget(view)

    def show_view(self, view: QWidget) -> None:
        self.stack.setCurrentWidget(view)

    def current_view(self) -> QWidget | None:
        return self.stack.currentWidget()

    @property
    def mode(self) -> str:
        return "page" if self.stack.currentWidget() is self.page_view else "text"

    def _key(self, doc_id: DocumentId) -> str:
        return f"documentView/{self.window_.project.setting('guid', str(self.window_.project.path))}/{doc_id}"

    def show_document(self, doc_id: DocumentId) -> None:
        """Called by the window after it loaded the text: show it as this document likes."""
        info = next((d for d in self.window_.documents.docs if d.id == doc_id), None)
        self.doc_id, self.is_pdf = doc_id, info is not None and info.format == "pdf"
        self.pages = document_pages(self.window_.project, doc_id)
        self.loaded = None
        self.page_view.start()  # let the previous document's pages go
        # a scan kept as its pages alone has nothing to read in the text view: its pages first
        first = "page" if info is not None and self.is_pdf and not info.text_length else "text"
        wanted = str(QSettings().value(self._key(doc_id), first)) if self.is_pdf else "text"
        self._switch(wanted, remember=False, carry=False)
        self._update_enabled()

    def place(self) -> tuple[int | None, int, float]:
        """Where the reader is: the first character on screen, and in the page view the page
        at the top and how far down it (`app.last_place`)."""
        if self.mode == "page":
            index, fraction = self.page_view.position()
            return self.page_view.top_offset(), index, fraction
        return self.viewer.visible_range()[0], 0, 0.0

    def resume(self, offset: int | None, page: int, fraction: float) -> None:
        """Go back to a `place()`, in the view this document is shown in."""
        if self.mode == "page":
            self.page_view.resume(page, fraction)
        elif offset is not None:
            self.viewer.scroll_to(offset)

    def set_mode(self, mode: str) -> None:
        if self.doc_id is None:
            return
        if mode == "page" and not self.is_pdf:
            self.window_.show_status("The page view is for PDF documents; this one is text")
            mode = "text"
        self._switch(mode, remember=True)

    def _switch(self, mode: str, remember: bool, carry: bool = True) -> None:
        """Show `mode`; with `carry`, at the place and with the selection of the other view."""
        before = self.mode if carry else ""
        if mode == "page":
            offset = self.viewer.visible_range()[0] if before == "text" else None
            self.stack.setCurrentWidget(self.page_view)
            self._ensure_loaded()
            span = self.viewer.selection_span()
            self.page_view.selection = span
            # The selection is shown where it is unless the researcher had scrolled away from
            # it: then the place they were reading (the selection is kept all the same).
            if span is not None and (offset is None
                                     or _overlaps(span, self.viewer.visible_range())):
                self.page_view.show_span(*span, page=self.page_for(span[0]))
            elif offset is not None:
                self.page_view.show_span(offset, offset + 1, page=self.page_for(offset))
        else:
            offset = self._place_read() if before == "page" else None
            self.stack.setCurrentWidget(self.viewer)
            span = self.viewer.selection_span()
            if offset is not None and (span is None or not self._span_on_screen(span)):
                # The line read at the top of the page view at the top of the text; a selection
                # on pages away from it is kept (and shown when the researcher goes back to it)
                self._syncing = True
                if span is None:
                    self.viewer.text.setTextCursor(self.viewer.cursor_at(offset))
                self.viewer.show_at_top(offset)
                self._syncing = False
        if remember and self.doc_id is not None and self.is_pdf:
            QSettings().setValue(self._key(self.doc_id), mode)
        self.page_action.blockSignals(True)
        self.page_action.setChecked(mode == "page")
        self.page_action.blockSignals(False)
        self.bar.show_mode(mode)
        self.view_changed.emit(mode)

    def _span_on_screen(self, span: tuple[int, int]) -> bool:
        """Whether the page view shows any page the selection `span` lies on."""
        first, last = self.page_for(span[0]), self.page_for(max(span[0], span[1] - 1))
        if first is None or last is None:
            return True
        return any(first <= index + 1 <= last for index in self.page_view.visible_pages())

    def _update_enabled(self) -> None:
        enabled = self.doc_id is not None and self.is_pdf
        self.page_action.setEnabled(enabled)
        self.bar.set_pdf(enabled)

    def page_for(self, offset: int) -> int | None:
        if not self.pages:
            return self.page_view.page_of_offset(offset)
        return max(bisect_right([p.start for p in self.pages], offset), 1)

    # Loading ---------------------------------------------------------------------------

    def _ensure_loaded(self) -> None:
        w, doc_id = self.window_, self.doc_id
        if doc_id is None or self.loaded == doc_id or w.project is None:
            return
        self.loaded = doc_id
        project = w.project
        generation = self.page_view.start("Opening the pages…")
        self._draw_coding()
        derive = not has_layout(project, doc_id)
        w.run_in_background(lambda: _open_pages(project, doc_id),
                            lambda found: self.page_view.open(generation, *found),
                            lambda exc: self._failed(generation, exc))

        def lay_out() -> None:
            if derive:
                w.show_status("Finding where the text lies on the pages (once for this "
                              "document)…")
            w.run_in_background(lambda: (ensure_layout(project, doc_id),
                                         document_text(project, doc_id)),
                                lambda found: self._laid_out(generation, found[0], found[1],
                                                             derive),
                                lambda exc: self._failed(generation, exc))

        # Deriving reads the whole PDF again, holding pdfium: the first page renders first.
        self._after_first_page = (generation, lay_out) if derive else None
        if not derive:
            lay_out()

    def _first_page_shown(self, _page: int) -> None:
        waiting = self._after_first_page
        if waiting is not None and waiting[0] == self.page_view.generation:
            self._after_first_page = None
            waiting[1]()

    def _laid_out(self, generation: int, layout, text: str, derived: bool) -> None:
        self.page_view.set_layout(generation, layout, text)
        if not text:
            self.window_.show_status("A scan with no text: code regions of its pages (the "
                                     "Region tool, or Shift+drag)")
        elif not layout.runs:
            self.window_.show_status("This PDF's text has no positions on its pages (an OCR'd "
                                     "scan?): pages show, coding cannot be drawn on them")
        elif derived:
            self.window_.show_status("The pages are ready for coding")

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self.page_view.generation:
            self.page_view.message = f"The pages cannot be shown: {exc}"
            self.page_view.viewport().update()
        if not isinstance(exc, USER_ERRORS):
            self.window_.show_status(f"Page view: {type(exc).__name__}: {exc}")

    def clear(self) -> None:
        self.doc_id, self.loaded, self.pages = None, None, []
        self.page_view.start()
        self.page_view.renderer.wait()  # the closed project's PDF is closed on the worker
        self.stack.setCurrentWidget(self.viewer)
        self._update_enabled()

    def _coding_changed(self, changes) -> None:
        if self.loaded is not None and (changes.references or changes.nodes or changes.memos):
            self._draw_coding()

    def _draw_coding(self) -> None:
        project = self.window_.project
        if project is None or self.doc_id is None:
            return
        styles: dict[int, NodeStyle] = {
            n.id: NodeStyle(n.name, n.path, n.color) for n in list_nodes(project)}
        notes = []  # annotations, each with the page it starts on (it is marked there)
        for note in list_annotations(project, self.doc_id):
            page = self.page_for(note.start)
            if page is not None:
                notes.append((page, note))
        self.page_view.set_coding(references_for_document(project, self.doc_id), styles, notes)

    # One selection -------------------------------------------------------------------------

    def page_selected(self, start: int, end: int) -> None:
        """A drag on the page: the text viewer holds the same span (or the caret)."""
        self._syncing = True
        try:
            if end > start:
                self.viewer.select_span(start, end)
                self.window_.show_status(f"Selected {end - start} characters")
            else:
                self.viewer.text.setTextCursor(self.viewer.cursor_at(start))
        finally:
            self._syncing = False

    def _text_selected(self) -> None:
        """The text viewer's selection changed not by us (an excerpt opened, Find): follow."""
        if self._syncing or self.mode != "page":
            return
        span = self.viewer.selection_span()
        self.page_view.region = None
        self.page_view.selection = span
        if span is not None:
            self.page_view.show_span(*span, flash=True, page=self.page_for(span[0]))
        self.page_view.viewport().update()

    def show_found(self, found_in: Finder | None) -> None:
        """The find bar's matches, marked in both views (None: no longer)."""
        self.viewer.show_found(found_in)
        self.page_view.found_in = found_in
        self.page_view.viewport().update()

    def start_find_here(self) -> None:
        """Before Find's next step in the page view: from the place being read, when the last
        match (the selection) is on no page on screen. The text view's caret stays where the
        last match was while the reader goes on through the pages: at page 50, Enter went back
        to the first match on page 1."""
        if self.mode != "page" or not self.pages:
            return
        span = self.viewer.selection_span()
        if span is not None and self._span_on_screen(span):
            return
        offset = self._place_read()
        if offset is not None:
            self._syncing = True
            try:
                self.viewer.text.setTextCursor(self.viewer.cursor_at(offset))
            finally:
                self._syncing = False

    def _place_read(self) -> int | None:
        """The first stored character at the top of the page view, or its page's first while
        that page is not measured yet."""
        offset = self.page_view.top_offset()
        if offset is None:
            page = self.page_view.current_page()
            offset = self.pages[page - 1].start if 0 < page <= len(self.pages) else None
        return offset

    def region_selection(self) -> tuple[Region, tuple[int, int] | None] | None:
        """The rectangle drawn on the page and the text under it, when it is the selection."""
        region = self.page_view.region
        if self.mode != "page" or region is None:
            return None
        geometry = self.page_view.geometry_of.get(region.page)
        text = geometry.text if geometry is not None else None
        return region, text.span_in(region.box) if text is not None else None

    def reveal_region(self, doc_id: DocumentId, region: Region) -> None:
        """An excerpt that is a region, opened from a list: its page, flashed."""
        if self.doc_id == doc_id and self.mode == "page":
            self.page_view.region = region
            self.page_view.show_region(region)


def _overlaps(span: tuple[int, int], shown: tuple[int, int]) -> bool:
    return span[0] <= shown[1] and span[1] >= shown[0]
