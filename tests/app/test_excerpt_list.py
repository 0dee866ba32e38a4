"""Node references show each excerpt wrapped within the panel, in bold within its context: the
list drew one unwrapped line that ran off the panel behind a horizontal scroll bar."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QImage

from app.excerpt_delegate import BODY_LINES, SPAN_ROLE
from coding.nodes import find_node
from coding.references import code
from tests.app.test_workspace import open_window
from tests.app.waiting import settled


def _ink_rows(image: QImage, top: int, bottom: int) -> int:
    """How many pixel rows of [top, bottom) have dark (text) pixels."""
    rows = 0
    for y in range(max(top, 0), min(bottom, image.height())):
        if any(QColor(image.pixel(x, y)).lightness() < 100 for x in range(0, image.width(), 2)):
            rows += 1
    return rows


def test_a_long_excerpt_wraps_inside_the_panel_with_no_sideways_scrolling(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, demo_path)
    text = window.current_text
    start = text.index("Matching on lived experience")
    end = min(len(text), start + 400)  # longer than a line of the panel
    node = find_node(window.project, "Outcomes/Feels worse")
    code(window.project, window.current_document_id, start, end, [node])
    window.nodes.select_node(node)
    settled(qtbot, window)
    panel = window.references_panel
    panel.resize(420, 400)
    qtbot.wait(10)  # one pass of the event loop: items laid out at the new width
    item = next(panel.item(i) for i in range(panel.count())
                if panel.item(i).data(SPAN_ROLE) is not None
                and "Matching on lived experience" in panel.item(i).text())
    body = item.text().partition("\n")[2]
    span = item.data(SPAN_ROLE)
    assert body[span[0]:span[1]].startswith("Matching on lived experience")
    assert panel.horizontalScrollBar().maximum() == 0
    rect = panel.visualItemRect(item)
    assert rect.width() <= panel.viewport().width()
    image = panel.viewport().grab(rect).toImage()
    line = panel.fontMetrics().lineSpacing()
    # the document's line, then the excerpt over every one of the body's lines
    assert _ink_rows(image, 0, line + 4) > 0
    for k in range(1, BODY_LINES + 1):
        assert _ink_rows(image, 4 + k * line, 4 + (k + 1) * line) > line // 3, k


def test_an_empty_list_says_why_it_is_empty(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Seen under Xvfb: a node with nothing coded to it left the panel blank, as it was before
    any node was chosen and as a ratings filter leaves it, and nothing told them apart."""
    from PySide6.QtGui import QPalette

    from app.rating import filter_references_panel
    from coding.changes import Changes
    from coding.nodes import add_node

    window = open_window(qtbot, demo_path)
    panel = window.references_panel
    panel.resize(420, 300)

    def painted() -> int:
        image = panel.viewport().grab().toImage()
        base = panel.palette().color(QPalette.ColorRole.Base)
        return sum(1 for y in range(0, image.height(), 2) for x in range(0, image.width(), 2)
                   if QColor(image.pixel(x, y)) != base)

    assert panel.count() == 0 and panel.empty_text().startswith("Choose a node")
    assert painted() > 20
    node = add_node(window.project, "Nothing here yet")
    window.apply(Changes(nodes=True))
    window.nodes.select_node(node)
    settled(qtbot, window)
    assert panel.count() == 0 and panel.empty_text() == "Nothing is coded to this node yet."
    assert painted() > 20
    filter_references_panel(window, "high", "high")
    assert "rated as highly" in panel.empty_text()
