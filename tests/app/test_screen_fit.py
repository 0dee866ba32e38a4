"""A window saved on a larger screen, or asked for larger than this one, fits this screen.

Restoring a saved window is checked on keep_on_screen itself: on the offscreen test platform
Qt's restoreGeometry already cuts a saved window to the screen, which under X11 it did not
(a 1,280×800 window on a 1,024×600 Xvfb screen, its status bar and Nodes panel off it)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.main_window import MainWindow
from app.screen_fit import keep_on_screen, sized


def _within(inner, outer) -> bool:  # type: ignore[no-untyped-def]
    return (inner.left() >= outer.left() and inner.top() >= outer.top()
            and inner.right() <= outer.right() and inner.bottom() <= outer.bottom())


def test_the_first_window_is_no_larger_than_the_screen(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow()  # nothing saved: the app's own first size, 1,280×800 on a big screen
    qtbot.addWidget(window)
    area = window.screen().availableGeometry()
    # the test screen (800×800 offscreen) is narrower than the window's minimum width
    assert window.width() <= max(area.width(), window.minimumSizeHint().width()) < 1280
    assert window.height() <= area.height()


def test_keep_on_screen_cuts_and_moves_only_what_does_not_fit(qtbot) -> None:  # type: ignore[no-untyped-def]
    widget = QWidget()
    qtbot.addWidget(widget)
    area = widget.screen().availableGeometry()
    widget.resize(area.width() // 2, area.height() // 2)
    widget.move(area.left() + 40, area.top() + 30)
    keep_on_screen(widget)
    assert (widget.width(), widget.height()) == (area.width() // 2, area.height() // 2)
    assert (widget.x(), widget.y()) == (area.left() + 40, area.top() + 30)

    widget.resize(area.width() + 300, area.height() // 2)
    widget.move(area.left() + 200, area.bottom() - 50)  # mostly below the screen
    keep_on_screen(widget)
    assert widget.width() == area.width() and widget.height() == area.height() // 2
    assert _within(widget.frameGeometry(), area), (widget.frameGeometry(), area)


def test_a_size_asked_for_is_cut_to_the_screen(qtbot) -> None:  # type: ignore[no-untyped-def]
    widget = QWidget()
    qtbot.addWidget(widget)
    area = widget.screen().availableGeometry()
    sized(widget, area.width() + 500, 200)
    assert (widget.width(), widget.height()) == (area.width(), 200)
    sized(widget, 300, area.height() * 3)
    assert (widget.width(), widget.height()) == (300, area.height())
