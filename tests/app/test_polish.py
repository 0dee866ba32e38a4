"""Polish: a status message after opening and closing, a full shortcut list, dark-palette colours."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QPalette

from app.help_texts import shortcuts_html
from app.main_window import MainWindow
from app.theme import UNUSED_NODE, is_dark, pick
from coding.nodes import add_node, list_nodes


def test_open_and_close_say_so_in_the_status_bar(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_project(demo_path)
    assert window.statusBar().currentMessage().startswith("Opened ")
    assert "4 documents" in window.statusBar().currentMessage()
    window.close_project()
    assert window.statusBar().currentMessage() == "Project closed"


def test_every_menu_shortcut_is_in_the_help_list(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow()
    qtbot.addWidget(window)
    listed = shortcuts_html()
    for action in [window.undo_action, window.find_action, window.memo_action,
                   window.coding.code_to, window.coding.in_vivo, window.coding.new_node,
                   window.coding.uncode_all, window.coding.annotate]:
        assert action.shortcut().toString() in listed, action.text()


def test_unused_node_count_reads_on_a_dark_palette(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    dark = QPalette()
    dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#E8EAED"))
    dark.setColor(QPalette.ColorRole.Base, QColor("#202124"))
    assert is_dark(dark) and not is_dark(QPalette(QColor("#F5F5F5")))
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_project(demo_path)
    node = add_node(window.project, "Outcomes/Never coded")
    window.nodes.setPalette(dark)
    window.nodes.fill(list_nodes(window.project))
    colour = window.nodes.items[node].foreground(3).color()
    assert colour == pick(*UNUSED_NODE, dark) == QColor(UNUSED_NODE[1])
    background = dark.color(QPalette.ColorRole.Base)
    assert abs(colour.lightness() - background.lightness()) > 100  # readable contrast


def test_references_panel_follows_coding_of_its_node_only(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    from coding.nodes import find_node
    from tests.app.test_workspace import open_window, select
    from tests.app.waiting import work_done

    window = open_window(qtbot, demo_path)
    shown = find_node(window.project, "Outcomes/Feels worse")
    other = find_node(window.project, "Outcomes/Feels less alone")
    with work_done(qtbot, window):
        window.nodes.select_node(shown)
    before = window.references_panel.count()
    first_item = window.references_panel.item(0)
    select(window, "Harbour Peer Visits")
    with work_done(qtbot, window):
        window.coding.code_selection([other])
    assert window.references_panel.item(0) is first_item  # not rebuilt: its node did not change
    with work_done(qtbot, window):
        window.coding.code_selection([shown])
    assert window.references_panel.count() == before + 1
    assert any("«Harbour Peer Visits»" in window.references_panel.item(i).text()
               for i in range(window.references_panel.count()))
    with work_done(qtbot, window):
        window.undo()
    assert window.references_panel.count() == before


def test_theory_status_colours_read_on_light_and_dark_palettes(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from app.model_view import STATUS_COLOURS, status_colour

    app = QApplication.instance()
    before = app.palette()
    try:
        app.setPalette(QPalette(QColor("#F5F5F5")))
        assert all(status_colour(s).lightness() < 160 for s in STATUS_COLOURS)
        app.setPalette(QPalette(QColor("#202124")))
        assert all(status_colour(s).lightness() > 128 for s in STATUS_COLOURS)
        assert status_colour("unknown") == app.palette().color(QPalette.ColorRole.Text)
    finally:
        app.setPalette(before)
