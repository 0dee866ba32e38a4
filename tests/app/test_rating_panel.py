"""Rating from the node references panel (its context menu and the keyboard), and undo."""

from __future__ import annotations

from pathlib import Path

from app.main_window import MainWindow
from app.rating import panel_reference, quick_rate, references_panel_menu
from coding.documents import list_documents
from coding.nodes import find_node
from coding.references import get_reference, references_for_node
from tests.app.waiting import settled, work_done


def open_on_node(qtbot, demo_path: Path, node_path: str) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_project(demo_path)
    window.nodes.select_node(find_node(window.project, node_path))
    settled(qtbot, window)
    return window


def menu_action(menu, text: str):  # type: ignore[no-untyped-def]
    return next(a for sub in menu.actions() if sub.menu() for a in sub.menu().actions()
                if a.text() == text)


def test_rate_from_the_references_panel_menu_then_undo_and_redo(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_on_node(qtbot, demo_path, "Outcomes/Takes up support")
    panel = window.references_panel
    assert panel.count() == 2
    assert "relevance high, rigour high" in panel.item(1).text()  # rated in the demo
    panel.setCurrentRow(0)
    ref = panel_reference(window)
    assert ref is not None and ref.relevance == "not_rated"
    assert (ref.document_id, ref.start, ref.end) == tuple(panel.item(0).data(0x0100))
    assert "relevance" not in panel.item(0).text()  # unrated excerpts say nothing
    menu = references_panel_menu(window)
    assert menu is not None
    with work_done(qtbot, window):
        menu_action(menu, "Relevance low").trigger()
    assert get_reference(window.project, ref.id).relevance == "low"
    assert "relevance low, rigour not rated" in panel.item(0).text()
    assert panel.currentRow() == 0  # the redraw keeps the reader's place
    assert window.undo_stack.undoText() == f"Rate excerpt {ref.id}"
    window.undo_stack.undo()
    settled(qtbot, window)
    assert get_reference(window.project, ref.id).relevance == "not_rated"
    assert "relevance" not in panel.item(0).text()
    window.undo_stack.redo()
    assert get_reference(window.project, ref.id).relevance == "low"


def test_keyboard_rating_acts_on_the_panel_when_it_has_the_focus(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_on_node(qtbot, demo_path, "Outcomes/Takes up support")
    window.show()
    qtbot.waitExposed(window)
    panel = window.references_panel
    panel.setCurrentRow(0)
    window.activateWindow()
    panel.setFocus()
    qtbot.waitUntil(panel.hasFocus, timeout=3000)
    ref = panel_reference(window)
    assert ref is not None
    action = next(a for m in window.menuBar().actions() if m.text() == "&Appraisal"
                  for s in m.menu().actions() if s.menu() for a in s.menu().actions()
                  if a.text() == "Rigour moderate")
    assert action.shortcut().toString() == "Ctrl+Alt+5"
    with work_done(qtbot, window):
        action.trigger()
    assert get_reference(window.project, ref.id).rigour == "moderate"
    panel.setCurrentRow(-1)
    window.viewer.setFocus()
    quick_rate(window, "rigour", "low")  # no panel selection, cursor on an uncoded title
    assert get_reference(window.project, ref.id).rigour == "moderate"


def test_the_references_panel_keeps_only_excerpts_rated_at_least(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_on_node(qtbot, demo_path, "Outcomes/Takes up support")
    panel = window.references_panel
    assert panel.count() == 2
    appraisal = next(m.menu() for m in window.menuBar().actions() if m.text() == "&Appraisal")

    def choose(field: str, level: str) -> None:
        sub = next(a.menu() for a in appraisal.actions()
                   if a.menu() and a.text() == f"Node references: {field} at least")
        next(a for a in sub.actions() if a.text() == level).trigger()

    choose("relevance", "moderate")
    assert panel.count() == 1 and "relevance high" in panel.item(0).text()
    assert "relevance high or moderate" in window.statusBar().currentMessage()
    window.nodes.select_node(find_node(window.project, "Contexts/Rural area"))
    settled(qtbot, window)
    assert panel.count() == 0  # the choice holds from node to node (this one is not rated)
    window.nodes.select_node(find_node(window.project, "Outcomes/Takes up support"))
    settled(qtbot, window)
    choose("rigour", "high")
    assert panel.count() == 1
    choose("relevance", "any rating")
    assert panel.count() == 1  # rigour high still applies; the unrated excerpt stays out
    choose("rigour", "any rating")
    assert panel.count() == 2
    window.nodes.select_node(find_node(window.project, "Contexts/Rural area"))
    settled(qtbot, window)
    assert panel.count() == 1


def top_action(menu, text: str):  # type: ignore[no-untyped-def]
    return next(a for a in menu.actions() if a.text() == text)


def test_uncode_and_recode_an_excerpt_from_the_panel_whatever_document_is_open(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_on_node(qtbot, demo_path, "Outcomes/Takes up support")
    panel = window.references_panel
    panel.setCurrentRow(0)
    ref = panel_reference(window)
    assert ref is not None
    other = next(d.id for d in list_documents(window.project) if d.id != ref.document_id)
    window.open_document_at(other, 0, 0)  # the excerpt's document is not the one open
    settled(qtbot, window)
    assert window.current_document_id == other
    with work_done(qtbot, window):
        top_action(references_panel_menu(window), "&Uncode").trigger()
    assert panel.count() == 1
    assert all(r.id != ref.id for r in references_for_node(window.project, ref.node_id))
    assert window.undo_stack.undoText() == "Uncoded 1 reference"
    with work_done(qtbot, window):
        window.undo_stack.undo()
    settled(qtbot, window)
    assert panel.count() == 2

    panel.setCurrentRow(0)
    ref = panel_reference(window)
    assert ref is not None
    top_action(references_panel_menu(window), "Re&code to…").trigger()
    picker = window.coding.picker
    target = find_node(window.project, "Outcomes/Feels worse")
    with work_done(qtbot, window):
        picker.chosen.emit([target])
    assert panel.count() == 1
    moved = references_for_node(window.project, target)
    assert any((r.document_id, r.start, r.end) == (ref.document_id, ref.start, ref.end)
               for r in moved)

    panel.setCurrentRow(0)
    item = panel.currentItem()
    top_action(references_panel_menu(window), "&Open in its document").trigger()
    settled(qtbot, window)
    assert window.current_document_id == item.data(0x0100)[0]
