"""Light or dark: colours the app chooses itself must read on the palette the system gives us.

Qt hands us the system's palette (and follows its light/dark switch); we only pick, for the few
colours we set by hand, the variant that contrasts with the current window background.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette

from coding import page_marks


def is_dark(palette: QPalette | None = None) -> bool:
    palette = palette or QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def pick(light: str, dark: str, palette: QPalette | None = None) -> QColor:
    """`light` is for light backgrounds, `dark` for dark ones."""
    return QColor(dark if is_dark(palette) else light)


UNUSED_NODE = ("#B00020", "#FF7A8A")  # a codable node with no references yet
# An annotation's mark: one colour for the views and `page-image` (coding.page_marks)
NOTE_COLOR, NOTE_RIM = page_marks.NOTE_COLOR, page_marks.NOTE_RIM
