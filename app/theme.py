"""Light or dark: colours the app chooses itself must read on the palette the system gives us.

Qt hands us the system's palette (and follows its light/dark switch); we only pick, for the few
colours we set by hand, the variant that contrasts with the current window background.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPalette, QPen

from coding import page_marks


def is_dark(palette: QPalette | None = None) -> bool:
    palette = palette or QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def pick(light: str, dark: str, palette: QPalette | None = None) -> QColor:
    """`light` is for light backgrounds, `dark` for dark ones."""
    return QColor(dark if is_dark(palette) else light)


# Find's matches, over any coding's tint, in both views (#AARRGGBB): amber under dark text,
# a darker amber under a dark theme's light text
FOUND = ("#96FFC800", "#B4A07800")
UNUSED_NODE = ("#B00020", "#FF7A8A")  # a codable node with no references yet
# An annotation's mark: one colour for the views and `page-image` (coding.page_marks)
NOTE_COLOR, NOTE_RIM = page_marks.NOTE_COLOR, page_marks.NOTE_RIM


def paint_note_mark(painter: QPainter, rect: QRectF) -> None:
    """An annotation's mark, the same beside a page and in the text view's margin: a yellow
    note with a pencil on it. The painter's brush is left unset."""
    painter.setPen(QPen(QColor(NOTE_RIM), 1))
    painter.setBrush(QColor(NOTE_COLOR))
    painter.drawRoundedRect(rect, 2, 2)
    painter.setPen(QColor("black"))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, "\u270e")
    painter.setBrush(Qt.BrushStyle.NoBrush)


def found_color() -> QColor:
    return pick(*FOUND)
