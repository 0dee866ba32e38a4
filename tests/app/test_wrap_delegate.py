"""List items break a word too long for their line: a document's name ("02_Telephone_…") had
widened the diagram's evidence list past its panel, behind a sideways scroll bar."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QListWidget

from app.wrap_delegate import WrapDelegate

NAME = "02_Telephone_befriending_pilot_evaluation_final_report_2019"


def _ink_rows(widget: QListWidget, top: int, bottom: int) -> int:
    image = widget.viewport().grab().toImage()
    base = widget.palette().color(QPalette.ColorRole.Base)
    return sum(1 for y in range(max(top, 0), min(bottom, image.height()))
               if any(QColor(image.pixel(x, y)) != base for x in range(0, image.width(), 2)))


def test_a_long_name_wraps_inside_a_narrow_list(qtbot) -> None:  # type: ignore[no-untyped-def]
    widget = QListWidget()
    qtbot.addWidget(widget)
    widget.setItemDelegate(WrapDelegate(widget))
    widget.addItem(f"“Mothers in rural areas often cannot travel.”\n— {NAME}, p. 2")
    widget.addItem("short")
    widget.resize(180, 300)
    widget.show()
    qtbot.waitExposed(widget)
    first, second = widget.visualItemRect(widget.item(0)), widget.visualItemRect(widget.item(1))
    line = widget.fontMetrics().lineSpacing()
    assert widget.viewport().rect().contains(first)  # as wide as the list, no wider
    assert first.height() >= 4 * line  # the quotation's lines, then the name over two or more
    assert second.top() >= first.bottom()  # the next item below it, not over it
    assert _ink_rows(widget, first.bottom() - line, first.bottom()) > 0  # its last line drawn
    widget.resize(900, 300)
    qtbot.waitUntil(lambda: widget.visualItemRect(widget.item(0)).height() < first.height())
