"""Ctrl+F in the document viewer: find as you type, with the match count in the status bar."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLineEdit


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

    def _count(self, text: str) -> None:
        haystack = self.window_.current_text.lower()
        self.matches = haystack.count(text.lower()) if text else 0
        self.window_.show_status(f"{self.matches} match(es)")

    def step(self, backwards: bool = False) -> bool:
        flags = QTextDocument.FindFlag.FindBackward if backwards else QTextDocument.FindFlag(0)
        viewer = self.window_.viewer
        found = viewer.find(self.text(), flags)
        if not found:  # wrap around
            cursor = viewer.textCursor()
            cursor.movePosition(cursor.MoveOperation.End if backwards else cursor.MoveOperation.Start)
            viewer.setTextCursor(cursor)
            found = viewer.find(self.text(), flags)
        return found

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.step(bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier))
        elif event.key() == Qt.Key.Key_Escape:
            self.hide()
            self.window_.viewer.setFocus()
        else:
            super().keyPressEvent(event)
