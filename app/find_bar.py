"""Ctrl+F in the document viewer: find as you type, with the match count in the status bar,
and which match is shown ("Match 3 of 95") as Enter steps through them."""

from __future__ import annotations

import re
from itertools import islice

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLineEdit

from coding.names import counted

MOST_MARKED = 400  # matches a view marks at once: each costs Qt's layout a fifth of a ms


class FindBar(QLineEdit):
    """Ctrl+F: type to find; Enter for next, Shift+Enter for previous; shows the match count."""

    def __init__(self, window) -> None:  # the MainWindow
        super().__init__(window)
        self.window_ = window
        self.setPlaceholderText("Find in document (Enter: next, Shift+Enter: previous, Esc: close)")
        self.textChanged.connect(self._count)
        self.matches = 0
        self._source, self._lower = "", ""

    def open(self) -> None:
        self.show()
        self.setFocus()
        self.selectAll()

    def _lowered(self) -> str:
        """The document's text in lower case, made once a document, not once a keystroke
        (2M characters of the corpus's articles: 7–13 ms a keystroke, lowered each time)."""
        text = self.window_.current_text
        if text is not self._source:
            self._source, self._lower = text, text.lower()
        return self._lower

    def _count(self, text: str) -> None:
        """Count the matches, and have the views mark those on screen as the word is typed: a
        count of six with none of them to be seen sent the reader pressing Enter to find them.
        The views ask `spans_between` for the stretch they show: listing every "e" of a
        2.7M-character thesis and marking them all held the window 1.3 s a keystroke."""
        self.matches = self._count_before(text, len(self.window_.current_text)) if text else 0
        self.window_.document_pane.show_found(self.spans_between if self.matches else None)
        self.window_.show_status(counted(self.matches, "match", "matches"))

    def refresh(self) -> None:
        """Count and mark again: another document is shown with the bar still open."""
        self._count(self.text())

    @staticmethod
    def _pattern(needle: str) -> re.Pattern[str]:
        return re.compile(re.escape(needle), re.IGNORECASE)

    def _count_before(self, needle: str, end: int) -> int:
        """The matches of `needle`, ignoring case, that start before code point `end`."""
        lowered, text = self._lowered(), self.window_.current_text
        if len(lowered) == len(text):
            return lowered.count(needle.lower(), 0, end)
        # a letter that lowers to two ("İ"): offsets differ, count in the text itself
        return len(self._pattern(needle).findall(text, 0, end))

    def spans_between(self, low: int, high: int) -> list[tuple[int, int]]:
        """The matches that touch [low, high] (code points), in order, at most MOST_MARKED:
        what a view marks of them."""
        needle, text, lowered = self.text(), self.window_.current_text, self._lowered()
        if not needle:
            return []
        start = max(0, low - len(needle) + 1)
        if len(lowered) != len(text):
            pattern = self._pattern(needle)
            found = pattern.finditer(text, start, high + len(needle))
            return [m.span() for m in islice(found, MOST_MARKED)]
        needle = needle.lower()
        spans: list[tuple[int, int]] = []
        at = lowered.find(needle, start, high + len(needle))
        while at >= 0 and len(spans) < MOST_MARKED:
            spans.append((at, at + len(needle)))
            at = lowered.find(needle, at + len(needle), high + len(needle))
        return spans

    def hideEvent(self, event) -> None:  # noqa: N802
        """Closed (Esc, another project): its matches are no longer marked. Not when the
        window itself is going (the bar hidden with it is not hidden itself)."""
        if self.isHidden() and self.window_.viewer_widget.found_in is not None:
            self.window_.document_pane.show_found(None)
        super().hideEvent(event)

    def _show_which(self) -> None:
        """Which match the viewer shows, counted in the stored text up to it."""
        span = self.window_.viewer_widget.selection_span()
        if span is None or not self.matches:
            return
        before = self._count_before(self.text(), span[0])
        self.window_.show_status(f"Match {before + 1} of {self.matches}")

    def step(self, backwards: bool = False) -> bool:
        flags = QTextDocument.FindFlag.FindBackward if backwards else QTextDocument.FindFlag(0)
        self.window_.document_pane.start_find_here()
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
