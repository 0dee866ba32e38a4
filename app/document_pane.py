"""The centre of the window: the read-only banner, then the welcome page or the document pane.

The document pane is the one place a view of the open document is mounted: the text viewer is
its first view, and another view of the same document (a PDF's page view) is added with
`mount(widget)` and brought forward with `show_view(widget)`. The find bar sits above them all.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from app.find_bar import FindBar
from app.viewer import DocumentViewer


class DocumentPane(QWidget):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.setObjectName("documentPane")
        self.find_bar = FindBar(window)
        self.viewer = DocumentViewer(self)
        self.views = QStackedWidget(self)
        self.views.addWidget(self.viewer)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.views, 1)
        self.find_bar.hide()

    def mount(self, view: QWidget) -> int:
        """Add another view of the current document; returns its index among the views."""
        return self.views.addWidget(view)

    def show_view(self, view: QWidget) -> None:
        self.views.setCurrentWidget(view)

    def current_view(self) -> QWidget | None:
        return self.views.currentWidget()


class ReadOnlyBanner(QLabel):
    """Says the project is read-only and why, above everything, for as long as it is open."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readOnlyBanner")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setMargin(6)
        self.setStyleSheet("QLabel#readOnlyBanner { background: #FEF3C7; color: #78350F; "
                           "border-bottom: 1px solid #F59E0B; }")
        self.hide()

    def show_reason(self, reason: str) -> None:
        if not reason:
            self.hide()
            return
        self.setText(f"Read-only — {reason.rstrip('.')}. You can read, search and export; "
                     "coding, memos and every other edit are switched off until you reopen it "
                     "when the other app has closed it.")
        self.show()
