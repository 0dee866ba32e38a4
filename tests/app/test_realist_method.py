"""Issue 15 in the app: the evidence rule, driven through the real panel, dialog and undo stack."""

from __future__ import annotations

from pathlib import Path

from app.model_view import current_html
from coding.realist.evidence_rule import evidence_rule
from tests.app.test_realist import open_demo, tree_rows
from tests.app.waiting import work_done


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
