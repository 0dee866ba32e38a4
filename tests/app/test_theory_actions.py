"""Theory actions in the app: a new theory from the nodes selected in the tree, edit, delete."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt

from app.main_window import MainWindow
from app.theories_panel import TheoriesPanel
from app.theory_dialogs import NewTheoryDialog
from coding.nodes import find_node
from coding.realist.theories import list_theories
from tests.app.waiting import work_done


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
    with work_done(qtbot, window):
        dialog.accept()
    assert any(t.label == "N9" for t in list_theories(project))
    theory = next(t for t in list_theories(project) if t.label == "N9")
    assert {e.node_id for e in theory.elements} == {rural, worse}
    click(qtbot, window.nodes, rural)  # a plain click still selects one node
    assert panel.selected_nodes() == {rural}


def test_edit_and_delete_a_theory_from_the_panel(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.theory_dialogs import EditTheoryDialog
    from coding.nodes import list_nodes

    window = MainWindow()
    qtbot.addWidget(window)
    window.open_project(demo_path)
    panel = window.findChild(TheoriesPanel, "theoriesPanel")
    negative = panel.tree.topLevelItem(2)
    n3 = next(negative.child(i) for i in range(negative.childCount())
              if negative.child(i).text(0) == "N3")
    panel.tree.setCurrentItem(n3)
    panel.ask_edit()
    dialog = next(d for d in panel.findChildren(EditTheoryDialog) if d.isVisible())
    assert (dialog.label.text(), dialog.topic.currentText()) == ("N3", "Negative impact")
    dialog.label.setText("N3b")
    dialog.topic.setCurrentText("Mismatch")
    with work_done(qtbot, window):
        dialog.accept()
    assert panel.tree.topLevelItem(panel.tree.topLevelItemCount() - 1).text(0) == "Mismatch"
    assert panel.current_theory().theory.label == "N3b"  # the selection follows it
    paths = {n.path for n in list_nodes(window.project)}
    assert "Programme theories/Mismatch/N3b" in paths
    assert "Programme theories/Negative impact/N3" not in paths

    mismatch = panel.tree.topLevelItem(panel.tree.topLevelItemCount() - 1)
    panel.tree.setCurrentItem(mismatch.child(0))
    asked = panel.delete_current()  # issue 15: a dialog of our own, with a "Why?" field
    assert "Delete N3b" in asked.message.text()
    asked.reject()
    assert any(t.label == "N3b" for t in list_theories(window.project))  # "No" keeps it
    asked = panel.delete_current()
    asked.reason.setText("Folded into N2")
    with work_done(qtbot, window):
        asked.accept()
    assert all(t.label != "N3b" for t in list_theories(window.project))
    assert "Mechanisms/Feels misunderstood by the peer" in {
        n.path for n in list_nodes(window.project)}  # its elements stay


def test_status_override_refinement_and_edit_are_undoable(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    from coding.memos import get_memo
    from coding.nodes import list_nodes
    from coding.realist.evidence import evidence_for
    from coding.realist.theories import find_theory

    window = MainWindow()
    qtbot.addWidget(window)
    window.open_project(demo_path)
    panel = window.findChild(TheoriesPanel, "theoriesPanel")
    project = window.project
    n2 = find_theory(project, "N2")
    stack = window.undo_stack

    def select(label: str) -> None:
        for t in range(panel.tree.topLevelItemCount()):
            topic = panel.tree.topLevelItem(t)
            for c in range(topic.childCount()):
                if topic.child(c).text(0) == label:
                    panel.tree.setCurrentItem(topic.child(c))

    select("N2")
    dialog = panel.status_dialog()
    qtbot.addWidget(dialog)
    dialog.status.setCurrentText("partial")
    dialog.rationale.setPlainText("Only the context has evidence")
    with work_done(qtbot, window):
        panel.apply_status(n2, dialog)
    assert stack.undoText() == "Status of N2"
    assert evidence_for(project, n2).status == "partial"
    stack.undo()
    item = evidence_for(project, n2)
    assert (item.status, item.overridden) == ("partial", False)  # issue 15: no M or O evidence
    assert get_memo(project, "theory", n2) == ""
    assert not panel.current_theory().overridden  # the panel redrew
    stack.redo()
    assert evidence_for(project, n2).rationale == "Only the context has evidence"

    select("T1")
    t1 = find_theory(project, "T1")
    element = panel.element_dialog()
    qtbot.addWidget(element)
    element.role.setCurrentText("context")
    element.name.setEditText("No family nearby")
    with work_done(qtbot, window):
        panel.add_chosen_element(t1, element)
    assert stack.undoText() == "Add context No family nearby to T1"
    assert evidence_for(project, t1).status == "partial"  # issue 15: the refinement needs evidence
    stack.undo()
    assert evidence_for(project, t1).status == "supported"
    assert "Contexts/No family nearby" in {n.path for n in list_nodes(project)}  # kept, empty
    stack.redo()
    assert evidence_for(project, t1).status == "partial"

    select("N1")
    n1 = find_theory(project, "N1")
    edit = panel.edit_dialog()
    qtbot.addWidget(edit)
    edit.label.setText("N1a")
    edit.statement.setPlainText("If unsupervised, worse.")
    with work_done(qtbot, window):
        panel.apply_edit(n1, edit)
    assert stack.undoText() == "Edit N1"
    assert evidence_for(project, n1).theory.label == "N1a"
    stack.undo()
    theory = evidence_for(project, n1).theory
    assert theory.label == "N1" and theory.statement.startswith("If a volunteer is not well")
    assert "Programme theories/Negative impact/N1" in {n.path for n in list_nodes(project)}
    stack.redo()
    assert evidence_for(project, n1).theory.statement == "If unsupervised, worse."


def test_model_and_evidence_csv_from_the_theories_menu(qtbot, demo_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import csv

    window = MainWindow()
    qtbot.addWidget(window)
    window.open_project(demo_path)
    panel = window.findChild(TheoriesPanel, "theoriesPanel")
    panel.min_relevance.setCurrentText("high")  # the panel's filter reaches the files
    model, evidence = tmp_path / "model.csv", tmp_path / "evidence.csv"
    with work_done(qtbot, window):
        panel.export_csv("model", model)
    assert window.statusBar().currentMessage().startswith("Wrote 8 theories")
    with work_done(qtbot, window):
        panel.export_csv("evidence", evidence)
    assert "excerpts to" in window.statusBar().currentMessage()
    with model.open(encoding="utf-8") as fh:
        status = {r["label"]: r["status"] for r in csv.DictReader(fh)}
    assert status["T3"] == "unsupported" and status["N4"] == "new"  # high relevance only
    with evidence.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and {r["relevance"] for r in rows} == {"high"}


def test_remove_an_element_from_the_menu_and_undo(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.theory_dialogs import RemoveElementDialog
    from coding.realist.evidence import evidence_for
    from coding.realist.theories import find_theory

    window = MainWindow()
    qtbot.addWidget(window)
    window.open_project(demo_path)
    panel = window.findChild(TheoriesPanel, "theoriesPanel")
    project = window.project
    topic = panel.tree.topLevelItem(1)
    panel.tree.setCurrentItem(next(topic.child(i) for i in range(topic.childCount())
                                   if topic.child(i).text(0) == "T4"))
    action = next(a for m in window.menuBar().actions() if m.text() == "&Theories"
                  for a in m.menu().actions() if a.text() == "&Remove element…")
    action.trigger()  # issue 15: the element is chosen in a dialog with a "Why?" field
    dialog = next(d for d in panel.findChildren(RemoveElementDialog) if d.isVisible())
    offered = [dialog.element.itemText(i) for i in range(dialog.element.count())]
    assert "outcome: Greater parenting confidence" in offered
    dialog.element.setCurrentText("mechanism: Trust builds over weeks")
    with work_done(qtbot, window):
        dialog.accept()
    t4 = find_theory(project, "T4")
    assert evidence_for(project, t4).status == "supported"
    assert window.undo_stack.undoText() == "Remove mechanism Trust builds over weeks from T4"
    window.undo_stack.undo()
    item = evidence_for(project, t4)
    assert item.status == "refined"  # back, and still a refinement (origin new)
    assert [e.origin for e in item.theory.of_role("mechanism")] == ["initial", "new"]


def test_ctrl_z_while_a_step_is_still_saving_undoes_that_step(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The worker saves a theory edit before its undo step reaches the stack; an impatient
    Ctrl+Z in that gap must wait for the step and undo it, not the step before (issue 12)."""
    from coding.realist.evidence import evidence_for
    from coding.realist.theories import find_theory

    window = MainWindow()
    qtbot.addWidget(window)
    window.open_project(demo_path)
    panel = window.findChild(TheoriesPanel, "theoriesPanel")
    topic = panel.tree.topLevelItem(1)
    panel.tree.setCurrentItem(next(topic.child(i) for i in range(topic.childCount())
                                   if topic.child(i).text(0) == "T4"))
    dialog = panel.remove_element()
    dialog.element.setCurrentText("mechanism: Trust builds over weeks")
    with work_done(qtbot, window):
        dialog.accept()
        assert window.background.busy()  # the step is not on the stack yet...
        window.undo_action.trigger()  # ...and the researcher presses Ctrl+Z
    t4 = evidence_for(window.project, find_theory(window.project, "T4"))
    assert [e.name for e in t4.theory.of_role("mechanism")][-1] == "Trust builds over weeks"
    assert window.undo_stack.redoText() == "Remove mechanism Trust builds over weeks from T4"
