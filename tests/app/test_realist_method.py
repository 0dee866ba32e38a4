"""Issue 15 in the app: the evidence rule, driven through the real panel, dialog and undo stack."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from app.model_view import current_html
from coding.realist.evidence_rule import evidence_rule
from tests.app.test_realist import open_demo, tree_rows
from tests.app.waiting import settled, work_done


def test_the_evidence_rule_is_chosen_in_a_dialog_and_undone(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window, panel = open_demo(qtbot, demo_path)
    assert panel.rule_label.text() == "Rule: parts"
    assert tree_rows(panel)["N1"][1] == "partly supported: no mechanism evidence"
    dialog = panel.rule_dialog()
    qtbot.addWidget(dialog)
    dialog.rule.setCurrentIndex(dialog.rule.findData("any"))
    assert dialog.definition.text().startswith("A configuration is supported when any excerpt")
    with work_done(qtbot, window):
        panel.apply_rule(dialog.chosen())
    assert evidence_rule(window.project) == "any"
    assert tree_rows(panel)["N1"][1] == "supported" and panel.rule_label.text() == "Rule: any"
    assert window.undo_stack.undoText() == "Evidence rule: any evidence"
    window.undo_stack.undo()
    assert evidence_rule(window.project) == "parts"
    assert tree_rows(panel)["N1"][1] == "partly supported: no mechanism evidence"
    model = panel.show_model()
    qtbot.addWidget(model)
    assert model.view.rule_label.text().startswith(
        "Evidence rule: every part evidenced somewhere in the review (parts)")
    assert "partly supported: no mechanism or outcome evidence" in current_html(panel.items)


def select(panel, label: str) -> None:  # type: ignore[no-untyped-def]
    for t in range(panel.tree.topLevelItemCount()):
        topic = panel.tree.topLevelItem(t)
        for c in range(topic.childCount()):
            if topic.child(c).text(0) == label:
                panel.tree.setCurrentItem(topic.child(c))


def test_the_why_of_an_edit_shows_in_the_log_and_undo_takes_it_back(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.theory_dialogs import EditTheoryDialog
    from coding.realist.theories import find_theory
    from coding.theory_log import entries_for

    window, panel = open_demo(qtbot, demo_path)
    select(panel, "T4")
    details = panel.details.toPlainText()
    assert "How this theory changed" in details and "imported from model.csv" in details
    assert "First evidence for each part" in details and "04_Kinship_study" in details
    panel.ask_edit()
    dialog = next(d for d in panel.findChildren(EditTheoryDialog) if d.isVisible())
    dialog.statement.setPlainText("If trust builds over weeks, confidence grows.")
    dialog.reason.setText("The Kinship study puts trust first")
    with work_done(qtbot, window):
        dialog.accept()
    guid = panel.current_theory().theory.guid
    last = entries_for(window.project, guid)[-1]
    assert (last.action, last.field, last.reason) == (
        "edited", "statement", "The Kinship study puts trust first")
    assert "The Kinship study puts trust first" in panel.details.toPlainText()
    window.undo_stack.undo()
    assert [e.action for e in entries_for(window.project, guid)] == ["created", "element_added"]
    assert "puts trust first" not in panel.details.toPlainText()
    window.undo_stack.redo()
    assert entries_for(window.project, guid)[-1] == last  # the same entry, time included
    assert find_theory(window.project, "T4")


def test_the_diagram_tab_draws_filters_and_lists_a_box_evidence(qtbot, demo_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPoint

    window, panel = open_demo(qtbot, demo_path)
    with work_done(qtbot, window):
        dialog = panel.show_diagram()
    qtbot.addWidget(dialog)
    view = dialog.diagram
    assert dialog.tabs.currentWidget() is view
    diagram = view.canvas.diagram
    assert [s.topic for s in diagram.sections] == [
        "Take-up of support", "Positive impact", "Negative impact"]
    with work_done(qtbot, window):
        view.topic.setCurrentText("Positive impact")
    assert [s.topic for s in view.canvas.diagram.sections] == ["Positive impact"]
    box = next(b for s in view.canvas.diagram.sections for b in s.boxes
               if b.lines == ("Feelings normalised",))
    zoom = view.canvas.zoom
    at = QPoint(round((box.x + 5) * zoom), round((box.y + 5) * zoom))
    with qtbot.waitSignal(view.evidence_shown, timeout=20_000):
        qtbot.mouseClick(view.canvas, Qt.MouseButton.LeftButton, pos=at)
    assert view.canvas.selected == box.key
    shown = [view.evidence.item(i).text() for i in range(view.evidence.count())]
    assert len(shown) == 2  # its own excerpt, and T3's coded as a whole
    assert any("coded to T3" in text for text in shown)
    with work_done(qtbot, window):  # a new figure: the box stays chosen, its evidence anew
        view.min_relevance.setCurrentText("high")
    assert view.canvas.selected == box.key
    assert [view.evidence.item(i).text() for i in range(view.evidence.count())] == [
        "No excerpts under this filter."]
    with work_done(qtbot, window):
        view.min_relevance.setCurrentText("any")
    assert view.evidence.count() == 2

    # an excerpt opened: in its document, and the model window, which covered it, steps aside
    item = view.evidence.item(0)
    doc, start, end = item.data(Qt.ItemDataRole.UserRole)
    view.evidence.setCurrentItem(item)
    view.evidence.itemActivated.emit(item)  # the document may be on screen already: no work
    settled(qtbot, window)
    assert not dialog.isVisible() and window.current_document_id == doc
    assert window.viewer_widget.selection_span() == (start, end)
    with work_done(qtbot, window):
        again = panel.show_diagram()
    assert again is dialog and dialog.isVisible() and view.canvas.selected == box.key
    assert view.evidence.count() == 2
    out = tmp_path / "diagram.svg"
    with work_done(qtbot, window):
        view.export(out)
    assert "<text" in out.read_text(encoding="utf-8")


def test_a_candidate_becomes_a_configuration_in_one_undoable_action(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.candidates_view import AdoptDialog, CandidatesView
    from coding.realist.theories import list_theories
    from coding.references import references_for_node
    from coding.theory_log import entries_for

    window, _panel = open_demo(qtbot, demo_path)
    view = window.findChild(CandidatesView, "candidatesView")
    view.mode.setCurrentText("document")
    view.candidates_only.setChecked(True)
    with qtbot.waitSignal(view.found, timeout=20_000):
        view.run()
    assert view.status.text().startswith("17 triples coded together, 17 of them candidates")
    row = next(i for i, c in enumerate(view.model.rows)
               if c.names[2] == "Outcomes/Feels worse" and "Expects" in c.names[1])
    with qtbot.waitSignal(view.excerpts_shown, timeout=20_000):
        view.table.selectRow(row)
    assert view.excerpts.count() == 3  # its C, M and O excerpts in 01_Harbour
    dialog = view.ask_adopt()
    assert isinstance(dialog, AdoptDialog)
    dialog.label.setText("N5")
    dialog.topic.setCurrentText("Negative impact")
    dialog.parts[1].setChecked(False)  # a partial configuration: no mechanism
    dialog.reason.setText("Harbour: fear of judgement, then feeling worse")
    with work_done(qtbot, window):
        dialog.accept()
    n5 = next(t for t in list_theories(window.project) if t.label == "N5")
    assert (n5.origin, n5.is_partial, [e.role for e in n5.elements]) == (
        "new", True, ["context", "outcome"])
    assert len(references_for_node(window.project, n5.node_id)) == 2  # the linked excerpts
    assert entries_for(window.project, n5.guid)[0].reason == (
        "Harbour: fear of judgement, then feeling worse")
    assert window.undo_stack.undoText() == "New theory N5 from a candidate"
    assert view.status.text().startswith("17 triples")  # searched again; a pair is no triple
    window.undo_stack.undo()
    assert "changed since this search" in view.status.text()
    assert all(t.label != "N5" for t in list_theories(window.project))
    assert entries_for(window.project, n5.guid) == []
    window.undo_stack.redo()
    assert len(references_for_node(window.project, n5.node_id)) == 2
