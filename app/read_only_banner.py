"""The banner above everything while the open project is read-only: it says so and why (the
lock's holder, or a read-only disk), so nobody wonders why nothing can be changed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


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
