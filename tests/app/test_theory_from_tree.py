"""A new theory from the nodes selected in the node tree (Ctrl+click several, then Ctrl+Alt+T)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt

from app.main_window import MainWindow
from app.theories_panel import TheoriesPanel
from app.theory_dialogs import NewTheoryDialog
from coding.nodes import find_node
from coding.theories import list_theories


def click(qtbot, tree, node_id: int, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    item = tree.items[node_id]
    tree.scrollToItem(item)
    rect = tree.visualItemRect(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, modifier,
                     QPoint(rect.left() + 8, rect.center().y()))  # on the name, not past it


def test_nodes_selected_in_the_tree_become_the_new_theorys_elements(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_project(demo_path)
    window.show()
    qtbot.waitExposed(window)
    panel = window.findChild(TheoriesPanel, "theoriesPanel")
    project = window.project
    rural = find_node(project, "Contexts/Rural area")
    worse = find_node(project, "Outcomes/Feels worse")
    click(qtbot, window.nodes, rural)
    click(qtbot, window.nodes, worse, Qt.KeyboardModifier.ControlModifier)
    assert panel.selected_nodes() == {rural, worse}
    action = next(a for m in window.menuBar().actions() if m.text() == "&Theories"
                  for a in m.menu().actions() if a.text().startswith("&New theory"))
    assert action.shortcut().toString() == "Ctrl+Alt+T"
    action.trigger()
    dialog = next(d for d in panel.findChildren(NewTheoryDialog) if d.isVisible())
    assert set(dialog.chosen_nodes()) == {rural, worse}  # pre-ticked from the tree
    dialog.label.setText("N9")
    dialog.topic.setCurrentText("Negative impact")
    dialog.accept()
    qtbot.waitUntil(lambda: any(t.label == "N9" for t in list_theories(project)), timeout=5000)
    theory = next(t for t in list_theories(project) if t.label == "N9")
    assert {e.node_id for e in theory.elements} == {rural, worse}
    click(qtbot, window.nodes, rural)  # a plain click still selects one node
    assert panel.selected_nodes() == {rural}
