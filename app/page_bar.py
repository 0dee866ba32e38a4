"""The bar above the document: Text | Pages, and for pages: page n of N, zoom, the region tool.

Its controls go in small groups that wrap onto a second row when the document pane is narrow.
In one fixed row they were 560 px, the least the pane could be: on a 1,024 px screen the
side panels gave way to them and node names were cut to a word.

Zoom and go-to-page shortcuts (Ctrl+=, Ctrl+-, Ctrl+0 fit width, Ctrl+9 fit page, Ctrl+G) act
only while the pane has the focus, so they never take keys from the rest of the window.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QToolButton,
    QWidget,
)

from app.flow_layout import FlowLayout

ZOOM_STEP = 1.25


class PageBar(QWidget):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("pageBar")
        flow = FlowLayout(self)
        flow.setContentsMargins(4, 2, 4, 2)
        self.text_button = self._button("Text", "Read and code the document's text", True)
        self.page_button = self._button("Pages", "See the PDF's pages and code on them "
                                        "(Ctrl+Shift+P)", True)
        group = QButtonGroup(self)
        group.setExclusive(True)
        group.addButton(self.text_button)
        group.addButton(self.page_button)
        self.text_button.setChecked(True)
        flow.addWidget(self._group(self.text_button, self.page_button))
        self.page_box = QSpinBox(self)
        self.page_box.setObjectName("pageNumber")
        self.page_box.setKeyboardTracking(False)
        self.page_box.setToolTip("Go to page (Ctrl+G)")
        self.of_label = QLabel("of 0", self)
        self.zoom_out = self._button("−", "Zoom out (Ctrl+-)")
        self.zoom_label = QLabel("100 %", self)
        self.zoom_in = self._button("+", "Zoom in (Ctrl+=, or Ctrl+wheel)")
        self.fit_width = self._button("Fit width", "Page width fills the view (Ctrl+0)")
        self.fit_page = self._button("Fit page", "A whole page in view (Ctrl+9)")
        self.region_button = self._button("Region", "Draw a rectangle to code a figure or "
                                          "table (or Shift+drag)", True)
        self.region_button.setObjectName("regionTool")
        # "1 of 13", as a PDF reader shows it: a "Page" label before it cost a second row
        self.page_widgets: list[QWidget] = [
            self._group(self.page_box, self.of_label),
            self._group(self.zoom_out, self.zoom_label, self.zoom_in),
            self._group(self.fit_width, self.fit_page), self._group(self.region_button)]
        for widget in self.page_widgets:
            flow.addWidget(widget)
        self.show_mode("text")

    def _group(self, *widgets: QWidget) -> QWidget:
        """Controls that stay together on one row when the bar wraps."""
        group = QWidget(self)
        row = QHBoxLayout(group)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        for widget in widgets:
            row.addWidget(widget)
        return group

    def _button(self, text: str, tip: str, checkable: bool = False) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setCheckable(checkable)
        button.setAutoRaise(True)
        return button

    def connect_to(self, pane) -> None:
        view = pane.page_view
        self.text_button.clicked.connect(lambda: pane.set_mode("text"))
        self.page_button.clicked.connect(lambda: pane.set_mode("page"))
        self.page_box.valueChanged.connect(view.go_to_page)
        self.zoom_out.clicked.connect(lambda: view.zoom_by(1 / ZOOM_STEP))
        self.zoom_in.clicked.connect(lambda: view.zoom_by(ZOOM_STEP))
        self.fit_width.clicked.connect(lambda: view.set_zoom(fit="width"))
        self.fit_page.clicked.connect(lambda: view.set_zoom(fit="page"))
        self.region_button.toggled.connect(lambda on: setattr(view, "region_tool", on))
        view.page_changed.connect(self.show_page)
        view.zoom_changed.connect(lambda z: self.zoom_label.setText(f"{round(z * 100)} %"))
        for keys, slot in (("Ctrl+=", lambda: view.zoom_by(ZOOM_STEP)),
                           ("Ctrl++", lambda: view.zoom_by(ZOOM_STEP)),
                           ("Ctrl+-", lambda: view.zoom_by(1 / ZOOM_STEP)),
                           ("Ctrl+0", lambda: view.set_zoom(fit="width")),
                           ("Ctrl+9", lambda: view.set_zoom(fit="page")),
                           ("Ctrl+G", self._ask_page)):
            action = QAction(pane)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            pane.addAction(action)

    def _ask_page(self) -> None:
        self.page_box.setFocus()
        self.page_box.selectAll()

    def show_page(self, page: int, count: int) -> None:
        self.page_box.blockSignals(True)
        self.page_box.setRange(1 if count else 0, max(count, 0))
        self.page_box.setValue(page)
        self.page_box.blockSignals(False)
        self.of_label.setText(f"of {count}")

    def show_mode(self, mode: str) -> None:
        self.page_button.setChecked(mode == "page")
        self.text_button.setChecked(mode != "page")
        for widget in self.page_widgets:
            widget.setVisible(mode == "page")

    def set_pdf(self, is_pdf: bool) -> None:
        self.page_button.setEnabled(is_pdf)
        self.page_button.setToolTip("See the PDF's pages and code on them (Ctrl+Shift+P)"
                                    if is_pdf else "Pages are shown for PDF documents only")
