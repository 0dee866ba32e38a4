"""Windows that fit the screen they open on.

A laptop used on a large monitor at the office saves a window of 1,600×1,000; opened at home
on its own 1,366×768 screen, Qt restores that size as it was, and without a window manager
that clamps it (seen under Xvfb at 1,024×600: a 1,280×800 window whose status bar and right
panels were off the screen) the researcher cannot reach the bottom of the window to resize it.
The same holds for the first size the app and its larger dialogs ask for. Both are cut to the
screen's available area (less its panels and docks) and moved inside it.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QWidget


def sized(widget: QWidget, width: int, height: int) -> None:
    """`widget.resize(width, height)`, at most as large as the screen it opens on."""
    area = _available(widget)
    if area is None:
        widget.resize(width, height)
        return
    widget.resize(min(width, area.width()), min(height, area.height()))


def keep_on_screen(widget: QWidget) -> None:
    """After restoring a saved geometry: shrink the window to the screen's available area if it
    is larger, and move it so that all of it is on that screen."""
    area = _available(widget)
    if area is None or widget.isMaximized() or widget.isFullScreen():
        return
    frame = widget.frameGeometry()
    extra_w = frame.width() - widget.width()  # the title bar and borders, when decorated
    extra_h = frame.height() - widget.height()
    width = min(widget.width(), area.width() - extra_w)
    height = min(widget.height(), area.height() - extra_h)
    if (width, height) != (widget.width(), widget.height()):
        widget.resize(width, height)
    left = max(area.left(), min(frame.left(), area.right() + 1 - width - extra_w))
    top = max(area.top(), min(frame.top(), area.bottom() + 1 - height - extra_h))
    if (left, top) != (frame.left(), frame.top()):
        widget.move(left, top)


def _available(widget: QWidget) -> QRect | None:
    screen = widget.screen()
    if screen is None:
        return None
    area = screen.availableGeometry()
    return area if area.width() > 0 and area.height() > 0 else None
