"""Merges and memo edits undo and redo through the toolbar actions, down to the database."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app import node_actions
from coding.memos import get_memo
from coding.nodes import count_references_under, find_node, list_nodes
from coding.project import Project
from coding.theory_log import all_entries
from tests.app.test_workspace import open_window
from tests.app.waiting import settled


def test_merge_nodes_then_undo_and_redo_from_the_toolbar(qtbot, demo_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, demo_path)
    p = window.project
    source = find_node(p, "Mechanisms/Feeling understood")
    target = find_node(p, "Outcomes/Feels less alone")
    refs = count_references_under(p, source) + count_references_under(p, target)
    logged = len(all_entries(p))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr("PySide6.QtWidgets.QInputDialog.getItem",
                        lambda *a, **k: ("Outcomes/Feels less alone", True))
    node_actions.merge(window, source)
    settled(qtbot, window)
    assert source not in window.nodes.items
    assert count_references_under(p, target) == refs
    assert "Merged Mechanisms/Feeling understood" in window.statusBar().currentMessage()
    assert window.undo_action.isEnabled()
    assert "Merged" in window.undo_action.toolTip()
    merged = all_entries(p)[logged:]  # the theories with the source as an element say so
    assert merged and all("merged into Feels less alone" in e.describe() or
                          "merged from Feeling understood" in e.describe() for e in merged)

    window.undo_action.trigger()
    settled(qtbot, window)
    assert source in window.nodes.items  # the tree redrew with the node back
    assert count_references_under(p, source) + count_references_under(p, target) == refs
    assert window.statusBar().currentMessage().startswith("Undone: Merged")
    assert len(all_entries(p)) == logged  # the log is as it was
    window.redo_action.trigger()
    settled(qtbot, window)
    assert source not in window.nodes.items
    assert count_references_under(p, target) == refs
    assert all_entries(p)[logged:] == merged  # the same entries, at the same times


def test_a_memo_edit_session_is_one_undoable_step(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, demo_path)
    node = find_node(window.project, "Outcomes/Feels worse")
    window.nodes.select_node(node)
    editor = window.memo_panel.editor
    original = editor.toPlainText()
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    with qtbot.waitSignal(window.memo_panel.timer.timeout, timeout=5000):  # the pause saves
        qtbot.keyClicks(editor, " Comparison hurts.")
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.keyClicks(editor, "Check N3.")
    typed = editor.toPlainText()
    assert get_memo(window.project, "node", node) == typed

    window.undo_action.trigger()  # one step takes back the whole session
    assert get_memo(window.project, "node", node) == original
    assert editor.toPlainText() == original
    assert window.undo_stack.count() == 1
    window.redo_action.trigger()
    assert get_memo(window.project, "node", node) == typed
    assert editor.toPlainText() == typed

    other = next(n.id for n in list_nodes(window.project) if n.id != node)
    qtbot.keyClicks(editor, " More.")
    window.nodes.select_node(other)  # moving on closes the session
    assert window.undo_stack.count() == 2
    window.undo_action.trigger()
    assert get_memo(window.project, "node", node) == typed
    window.close()
    with Project.open(demo_path, readonly=True) as project:
        assert get_memo(project, "node", node) == typed
