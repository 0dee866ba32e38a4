"""Ctrl+F in the document viewer: find as you type, with the match count in the status bar,
and which match is shown ("Match 3 of 95") as Enter steps through them."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLineEdit

from coding.names import counted


class FindBar(QLineEdit):
    """Ctrl+F: type to find; Enter for next, Shift+Enter for previous; shows the match count."""

    def __init__(self, window) -> None:  # the MainWindow
        super().__init__(window)
        self.window_ = window
        self.setPlaceholderText("Find in document (Enter: next, Shift+Enter: previous, Esc: close)")
        self.textChanged.connect(self._count)
        self.matches = 0

    def open(self) -> None:
        self.show()
        self.setFocus()
        self.selectAll()

    def _pattern(self) -> re.Pattern[str]:
        return re.compile(re.escape(self.text()), re.IGNORECASE)

    def _count(self, text: str) -> None:
        self.matches = len(self._pattern().findall(self.window_.current_text)) if text else 0
        self.window_.show_status(counted(self.matches, "match", "matches"))

    def _show_which(self) -> None:
        """Which match the viewer shows, counted in the stored text up to it."""
        span = self.window_.viewer_widget.selection_span()
        if span is None or not self.matches:
            return
        before = len(self._pattern().findall(self.window_.current_text, 0, span[0]))
        self.window_.show_status(f"Match {before + 1} of {self.matches}")

    def step(self, backwards: bool = False) -> bool:
        flags = QTextDocument.FindFlag.FindBackward if backwards else QTextDocument.FindFlag(0)
        viewer = self.window_.viewer
        found = viewer.find(self.text(), flags)
        if not found:  # wrap around
            cursor = viewer.textCursor()
            cursor.movePosition(cursor.MoveOperation.End if backwards else cursor.MoveOperation.Start)
            viewer.setTextCursor(cursor)
            found = viewer.find(self.text(), flags)
        if found:
            self._show_which()
        return found

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.step(bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier))
        elif event.key() == Qt.Key.Key_Escape:
            self.hide()
            self.window_.viewer.setFocus()
        else:
            super().keyPressEvent(event)
