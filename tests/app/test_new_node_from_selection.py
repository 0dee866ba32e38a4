"""New node from selection (Ctrl+Shift+N): the New node dialog, its parent the node chosen in the
tree and its C/M/O role that parent's, creating the node and coding the selection in one step."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from app.node_dialog import NodeDialog
from coding.nodes import find_node, get_node, list_nodes
from tests.app.test_workspace import open_window, select, spans
from tests.app.waiting import work_done


def test_new_node_from_selection_takes_the_chosen_parent_s_role_and_codes_it(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, demo_path)
    start, end = select(window, "Matching on lived experience")
    window.nodes.select_node(find_node(window.project, "Mechanisms"))
    window.coding.new_node.trigger()  # Ctrl+Shift+N
    dialog = window.findChild(NodeDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == "New node from selection"
    assert dialog.parent_combo.currentText() == "Mechanisms"
    # "Mechanisms" is a folder with no role: its children are mechanisms (the prompt said "none")
    assert dialog.role.currentText() == "mechanism"
    select(window, "Two mothers stopped")  # the selection moves while the dialog is open
    qtbot.keyClicks(dialog.name, "Shared experience builds trust")
    with work_done(qtbot, window):
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok),
                         Qt.MouseButton.LeftButton)
    node = find_node(window.project, "Mechanisms/Shared experience builds trust")
    info = get_node(window.project, node)
    assert (info.role, info.origin) == ("mechanism", dialog.origin.currentText())
    assert (node, start, end) in spans(window)  # what was selected when the dialog opened
    assert window.nodes.current_node_id() == node
    assert "to new node Mechanisms/Shared experience builds trust" in \
        window.statusBar().currentMessage()

    window.undo_stack.undo()  # one step takes back both
    assert "Mechanisms/Shared experience builds trust" not in [n.path for n in list_nodes(window.project)]
    assert not any(s == start and e == end for _n, s, e in spans(window) if _n == node)
    window.undo_stack.redo()
    assert (node, start, end) in spans(window)


def test_cancelling_creates_nothing(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, demo_path)
    select(window, "Matching on lived experience")
    before = [n.path for n in list_nodes(window.project)]
    window.coding.new_node.trigger()
    dialog = window.findChild(NodeDialog)
    qtbot.keyClicks(dialog.name, "Never made")
    dialog.reject()
    assert [n.path for n in list_nodes(window.project)] == before
    assert window.undo_stack.count() == 0


def test_a_path_makes_its_folders_and_undo_takes_them_back_too(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, demo_path)
    start, end = select(window, "Matching on lived experience")
    window.nodes.select_node(find_node(window.project, "Mechanisms"))
    window.coding.new_node.trigger()
    dialog = window.findChild(NodeDialog)
    qtbot.keyClicks(dialog.name, "Trust/Feels understood")
    with work_done(qtbot, window):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    paths = [n.path for n in list_nodes(window.project)]
    assert "Mechanisms/Trust" in paths and "Mechanisms/Trust/Feels understood" in paths
    leaf = find_node(window.project, "Mechanisms/Trust/Feels understood")
    assert (leaf, start, end) in spans(window)

    window.undo_stack.undo()  # the folder the path made goes too: the tree is as it was
    paths = [n.path for n in list_nodes(window.project)]
    assert "Mechanisms/Trust" not in paths and "Mechanisms/Trust/Feels understood" not in paths
    window.undo_stack.redo()
    assert find_node(window.project, "Mechanisms/Trust/Feels understood") == leaf
    assert (leaf, start, end) in spans(window)


def test_the_first_in_vivo_node_s_folder_goes_with_its_undo(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, demo_path)
    before = [n.path for n in list_nodes(window.project)]
    assert "In vivo" not in before
    select(window, "Matching on lived experience")
    with work_done(qtbot, window):
        window.coding.in_vivo.trigger()
    assert "In vivo" in [n.path for n in list_nodes(window.project)]
    window.undo_stack.undo()
    assert [n.path for n in list_nodes(window.project)] == before  # was: "In vivo" left behind


def test_a_name_no_node_has_typed_in_the_picker_makes_the_node(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Seen under Xvfb: Ctrl+K, then a name no node has ("Trust in peers"), showed an empty
    list, and Enter did nothing. Now the picker says Enter makes it a new node, and Enter opens
    the New node dialog with the name; its Enter creates the node and codes the selection."""
    window = open_window(qtbot, demo_path)
    start, end = select(window, "Matching on lived experience")
    window.nodes.select_node(find_node(window.project, "Mechanisms"))
    picker = window.coding.open_picker()
    assert picker is not None
    qtbot.keyClicks(picker.filter, "Trust in peers")
    assert "No node is called “Trust in peers”" in picker.summary.text()
    qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    assert not picker.isVisible()
    dialog = window.findChild(NodeDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.name.text() == "Trust in peers" and dialog.role.currentText() == "mechanism"
    with work_done(qtbot, window):
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    node = find_node(window.project, "Mechanisms/Trust in peers")
    assert (node, start, end) in spans(window)
    window.undo_stack.undo()
    assert "Mechanisms/Trust in peers" not in [n.path for n in list_nodes(window.project)]


def test_a_name_that_matches_codes_as_before(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, demo_path)
    start, end = select(window, "Matching on lived experience")
    picker = window.coding.open_picker()
    assert picker is not None
    qtbot.keyClicks(picker.filter, "feels less exposed")
    assert "No node" not in picker.summary.text()
    with work_done(qtbot, window):
        qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    assert (find_node(window.project, "Mechanisms/Feels less exposed"), start, end) in spans(window)
    assert window.findChild(NodeDialog) is None
