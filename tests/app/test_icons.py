"""Icons: every SVG parses and renders, and every toolbar action shows one, with its shortcut."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from app.icons import ICON_DIR, icon, icon_names
from app.main_window import MainWindow

EXPECTED = {"code", "in_vivo", "uncode", "undo", "redo", "find", "import", "annotate",
            "new_node", "memo", "export", "open", "new_project"}


def test_the_icon_set_is_complete() -> None:
    assert set(icon_names()) >= EXPECTED


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_svg_parses_and_draws_something_visible(qapp, name: str) -> None:  # type: ignore[no-untyped-def]
    path = ICON_DIR / f"{name}.svg"
    root = ET.parse(path).getroot()
    assert root.tag.endswith("svg")
    assert "currentColor" not in path.read_text()
    renderer = QSvgRenderer(str(path))
    assert renderer.isValid()
    image = QImage(24, 24, QImage.Format.Format_ARGB32)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    opaque = sum(image.pixelColor(x, y).alpha() > 0 for x in range(24) for y in range(24))
    assert opaque > 20  # strokes, not an empty canvas


def test_unknown_icon_fails_loudly() -> None:
    with pytest.raises(KeyError):
        icon("no-such-icon")


def test_every_toolbar_action_has_an_icon_and_a_tooltip_with_its_shortcut(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow()
    qtbot.addWidget(window)
    actions = [a for a in window.toolbar.actions() if not a.isSeparator()]
    assert len(actions) >= 10
    for action in actions:
        assert not action.icon().isNull(), action.text()
        assert not action.icon().pixmap(24, 24).isNull(), action.text()
        keys = action.shortcut().toString()
        if keys:
            assert keys in action.toolTip(), action.toolTip()
    assert window.coding.code_to.toolTip() == "Code to… (Ctrl+K)"
    texts = {a.text() for a in actions}
    assert "&Import documents…" in texts
