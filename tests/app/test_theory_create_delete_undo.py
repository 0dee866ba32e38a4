"""Creating and deleting a theory in the app are undoable, and the steps around them still work:
the theory comes back with its old id, so a status override made on it can be redone or undone."""

from __future__ import annotations

from pathlib import Path

from app.main_window import MainWindow
from app.theories_panel import TheoriesPanel
from app.theory_dialogs import NewTheoryDialog
from coding.memos import get_memo
from coding.nodes import find_node, list_nodes
from coding.realist.evidence import evidence_for, theory_evidence
from coding.realist.theories import find_theory, list_theories
from coding.realist.topics import list_topics
from tests.app.waiting import work_done
from tests.coding.test_merge_undo import dump


def open_window(qtbot, demo_path: Path) -> tuple[MainWindow, TheoriesPanel]:  # type: ignore[no-untyped-def]
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_project(demo_path)
    return window, window.findChild(TheoriesPanel, "theoriesPanel")


def select(panel: TheoriesPanel, label: str) -> None:
    for t in range(panel.tree.topLevelItemCount()):
        topic = panel.tree.topLevelItem(t)
        for c in range(topic.childCount()):
            if topic.child(c).text(0) == label:
                panel.tree.setCurrentItem(topic.child(c))
    assert panel.current_theory().theory.label == label


def override(qtbot, panel: TheoriesPanel, label: str, status: str, why: str) -> None:  # type: ignore[no-untyped-def]
    select(panel, label)
    stack = panel.window.undo_stack
    start = stack.index()
    dialog = panel.status_dialog()
    qtbot.addWidget(dialog)
    dialog.status.setCurrentText(status)
    dialog.rationale.setPlainText(why)
    with work_done(qtbot, panel.window):
        panel.apply_status(panel.current_theory().theory.id, dialog)
    assert stack.index() == start + 1
    assert stack.undoText() == f"Status of {label}"


def test_create_undo_redo_and_a_later_step_still_works(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window, panel = open_window(qtbot, demo_path)
    project, stack = window.project, window.undo_stack
    rural = find_node(project, "Contexts/Rural area")
    before = dump(project)
    dialog = panel.new_theory_dialog({rural})
    qtbot.addWidget(dialog)
    dialog.label.setText("X9")
    dialog.topic.setCurrentText("Brand new topic")
    with work_done(qtbot, window):
        panel.create_theory(dialog)
    assert stack.undoText() == "New theory X9"
    x9 = find_theory(project, "X9")
    created = dump(project)
    override(qtbot, panel, "X9", "partial", "Only the context so far")

    window.undo_action.trigger()  # the override, through the Edit menu
    assert not evidence_for(project, x9).overridden
    window.undo_action.trigger()  # the creation
    assert dump(project) == before  # its topic and folder went with it
    assert "Brand new topic" not in list_topics(project)
    assert all(t.theory.label != "X9" for t in panel.items)  # the panel redrew
    assert stack.redoText() == "New theory X9"

    stack.redo()
    assert find_theory(project, "X9") == x9  # the same id, so the next redo finds it
    assert dump(project) == created
    stack.redo()
    item = evidence_for(project, x9)
    assert (item.status, item.rationale) == ("partial", "Only the context so far")
    assert any(t.theory.id == x9 for t in panel.items)
    stack.undo()
    stack.undo()
    stack.redo()
    assert dump(project) == created


def test_delete_undo_redo_with_steps_on_either_side(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window, panel = open_window(qtbot, demo_path)
    project, stack = window.project, window.undo_stack
    n2 = find_theory(project, "N2")
    node = next(t.node_id for t in list_theories(project) if t.id == n2)
    override(qtbot, panel, "N2", "partial", "Only the context has evidence")
    before, evidence = dump(project), theory_evidence(project)
    select(panel, "N2")
    with work_done(qtbot, window):
        panel.delete_current().accept()
    assert stack.undoText() == "Delete theory N2"
    deleted = dump(project)
    assert all(t.label != "N2" for t in list_theories(project))
    assert node not in {n.id for n in list_nodes(project)}

    window.undo_action.trigger()
    assert dump(project) == before  # theory, elements, memo, own node and its coding
    assert theory_evidence(project) == evidence
    assert any(t.theory.id == n2 for t in panel.items)
    stack.undo()  # the override made before the delete finds the theory again
    item = evidence_for(project, n2)
    assert (item.overridden, get_memo(project, "theory", n2)) == (False, "")
    stack.redo()
    stack.redo()
    assert dump(project) == deleted
    assert all(t.theory.id != n2 for t in panel.items)
    stack.undo()
    assert dump(project) == before
    override(qtbot, panel, "N2", "unsupported", "A new step after the restore")
    stack.undo()
    assert evidence_for(project, n2).status == "partial"


def test_new_theory_dialog_ok_is_one_undo_step(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window, panel = open_window(qtbot, demo_path)
    stack = window.undo_stack
    dialog = panel.ask_new_theory()
    assert isinstance(dialog, NewTheoryDialog)
    dialog.label.setText("X8")
    with work_done(qtbot, window):
        dialog.accept()
    assert stack.undoText() == "New theory X8"
    assert stack.count() == 1
    stack.undo()
    assert all(t.label != "X8" for t in list_theories(window.project))
