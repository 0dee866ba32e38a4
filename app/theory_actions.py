"""What the Theories panel's menu does: new, edit, delete, add or remove an element, override a
status, choose the evidence rule, and the model, diagram and export windows.

A mixin of `TheoriesPanel` (which provides `window`, `items`, `current_theory`, `ratings`).
Each change opens its dialog (each with a "Why?" field for the theory's log), runs the core
call through `window.run_in_background`, and pushes the returned `Step` onto the undo stack.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from app import folders
from app.export_action import export_to
from app.interventions_view import InterventionsDialog
from app.model_view import ModelDialog
from app.theory_dialogs import (
    DeleteTheoryDialog,
    EditTheoryDialog,
    ElementDialog,
    EvidenceRuleDialog,
    NewTheoryDialog,
    RemoveElementDialog,
    StatusDialog,
)
from app.theory_undo import (
    Step,
    StepCommand,
    create_step,
    delete_step,
    edit_step,
    element_step,
    import_step,
    override_step,
    remove_step,
    rule_step,
)
from coding.ids import NodeId, TheoryId
from coding.nodes import list_nodes
from coding.realist.evidence_rule import evidence_rule
from coding.realist.ratings import describe
from coding.realist.theories import usual_origin
from coding.realist.topics import list_topics


class TheoryActions:
    window: object
    model_dialog: ModelDialog | None

    def _push(self, step: Step, message: str) -> None:
        """Put a done step on the window's undo stack, then let every view refresh."""
        stack = getattr(self.window, "undo_stack", None)
        if stack is not None:
            stack.push(StepCommand(self.window, step))
        self.window.apply(step.changes)
        detail = f" — {step.detail}" if step.detail else ""
        self.window.show_status(f"{message}: {step.text}{detail}")

    def _run(self, job, message: str = "Done") -> None:  # type: ignore[no-untyped-def]
        self.window.run_in_background(job, lambda step: self._push(step, message))

    def _chosen_or_say(self):  # type: ignore[no-untyped-def]
        item = self.current_theory()
        if item is None or self.window.project is None:
            self.window.show_status("Choose a theory first")
            return None
        return item

    # New, edit, delete ----------------------------------------------------------------

    def new_theory_dialog(self, chosen: set[NodeId] | None = None) -> NewTheoryDialog | None:
        project = self.window.project
        if project is None:
            return None
        return NewTheoryDialog(list_topics(project), list_nodes(project), chosen, self,
                               origin=usual_origin(project))

    def create_theory(self, dialog: NewTheoryDialog) -> None:
        project = self.window.project
        label, topic = dialog.label.text(), dialog.topic.currentText()
        statement, origin = dialog.statement.toPlainText(), dialog.origin.currentText()
        nodes, reason = dialog.chosen_nodes(), dialog.reason.text()
        self._run(lambda: create_step(project, label, topic, statement, origin, nodes, reason))

    def selected_nodes(self) -> set[NodeId]:
        """The nodes selected in the node tree (Ctrl+click selects several), or its current one:
        they come pre-ticked in the new-theory dialog."""
        tree = getattr(self.window, "nodes", None)
        if tree is None:
            return set()
        items = tree.selectedItems() or [i for i in (tree.currentItem(),) if i is not None]
        return {NodeId(i.data(0, Qt.ItemDataRole.UserRole)) for i in items}

    def ask_new_theory(self) -> NewTheoryDialog | None:
        """Open the dialog (window-modal, not blocking); OK creates the theory."""
        dialog = self.new_theory_dialog(self.selected_nodes())
        if dialog is not None:
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.accepted.connect(lambda: self.create_theory(dialog))
            dialog.open()
        return dialog

    def edit_dialog(self) -> EditTheoryDialog | None:
        item = self._chosen_or_say()
        if item is None:
            return None
        t = item.theory
        return EditTheoryDialog(t.label, list_topics(self.window.project), t.topic, t.statement,
                                t.origin, self)

    def apply_edit(self, theory_id: TheoryId, dialog: EditTheoryDialog) -> None:
        project, values, reason = self.window.project, dialog.values(), dialog.reason.text()
        self._run(lambda: edit_step(project, theory_id, values, reason), "Updated")

    def ask_edit(self) -> None:
        item = self.current_theory()
        dialog = self.edit_dialog()
        if item is not None and dialog is not None:
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.accepted.connect(lambda: self.apply_edit(item.theory.id, dialog))
            dialog.open()

    def delete_dialog(self) -> DeleteTheoryDialog | None:
        item = self._chosen_or_say()
        return None if item is None else DeleteTheoryDialog(
            item.theory.label, item.whole.references, self)

    def apply_delete(self, theory_id: TheoryId, reason: str = "") -> None:
        project = self.window.project
        flush = getattr(self.window, "flush_edits", None)
        if flush is not None:  # the theory's memo being typed goes into its snapshot
            flush()
        self._run(lambda: delete_step(project, theory_id, reason))

    def delete_current(self) -> DeleteTheoryDialog | None:
        """Ask (window-modal) before deleting the chosen theory and its own node's coding."""
        item, dialog = self.current_theory(), self.delete_dialog()
        if item is not None and dialog is not None:
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.accepted.connect(
                lambda: self.apply_delete(item.theory.id, dialog.reason.text()))
            dialog.open()
        return dialog

    # Status and rule --------------------------------------------------------------------

    def status_dialog(self) -> StatusDialog | None:
        item = self._chosen_or_say()
        if item is None:
            return None
        return StatusDialog(item.theory.label, item.computed_text,
                            item.theory.status_override, item.rationale, self)

    def apply_status(self, theory_id: TheoryId, dialog: StatusDialog) -> None:
        status, rationale = dialog.chosen()
        project = self.window.project
        reason = rationale if status is None else ""  # an override's rationale is its reason
        self._run(lambda: override_step(project, theory_id, status, rationale, reason))

    def ask_status(self) -> None:
        item = self.current_theory()
        dialog = self.status_dialog()
        if item is not None and dialog is not None and dialog.exec() == StatusDialog.DialogCode.Accepted:
            self.apply_status(item.theory.id, dialog)

    def rule_dialog(self) -> EvidenceRuleDialog | None:
        if self.window.project is None:
            return None
        return EvidenceRuleDialog(evidence_rule(self.window.project), self)

    def apply_rule(self, rule: str) -> None:
        project = self.window.project
        self._run(lambda: rule_step(project, rule))

    def ask_rule(self) -> None:
        dialog = self.rule_dialog()
        if dialog is not None and dialog.exec() == EvidenceRuleDialog.DialogCode.Accepted:
            self.apply_rule(dialog.chosen())

    # Elements ---------------------------------------------------------------------------

    def element_dialog(self) -> ElementDialog | None:
        item = self._chosen_or_say()
        project = self.window.project
        return None if item is None else ElementDialog(
            item.theory.label, list_nodes(project), self,
            origin=usual_origin(project, item.theory.origin))

    def add_chosen_element(self, theory_id: TheoryId, dialog: ElementDialog) -> None:
        role, name, node, origin = dialog.chosen()
        if not name:
            self.window.show_status("Name the element")
            return
        project, reason = self.window.project, dialog.reason.text()
        self._run(lambda: element_step(project, theory_id, role, name, node, origin, reason))

    def ask_element(self) -> None:
        item = self.current_theory()
        dialog = self.element_dialog()
        if item is not None and dialog is not None and dialog.exec() == ElementDialog.DialogCode.Accepted:
            self.add_chosen_element(item.theory.id, dialog)

    def remove_dialog(self) -> RemoveElementDialog | None:
        item = self.current_theory()
        if item is None or self.window.project is None or not item.theory.elements:
            self.window.show_status("Choose a theory with elements first")
            return None
        return RemoveElementDialog(item.theory.label, [
            (f"{e.role}: {e.name}", int(e.node_id)) for e in item.theory.elements], self)

    def apply_remove(self, theory_id: TheoryId, node_id: NodeId, reason: str = "") -> None:
        project = self.window.project
        self._run(lambda: remove_step(project, theory_id, node_id, reason))

    def remove_element(self, node_id: NodeId | None = None) -> RemoveElementDialog | None:
        """Detach one of the chosen theory's elements; without `node_id`, ask which (and why)
        in a window-modal dialog."""
        item = self.current_theory()
        if node_id is not None and item is not None:
            self.apply_remove(item.theory.id, node_id)
            return None
        dialog = self.remove_dialog()
        if item is not None and dialog is not None:
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.accepted.connect(lambda: self.apply_remove(
                item.theory.id, dialog.chosen(), dialog.reason.text()))
            dialog.open()
        return dialog

    # Windows and exports ----------------------------------------------------------------

    def show_model(self) -> ModelDialog:
        if self.model_dialog is None:
            self.model_dialog = ModelDialog(self.window)
        items = self.items if self.window.project is not None else []
        self.model_dialog.view.show_items(items, describe(self.ratings()))
        if self.window.project is not None:
            self.model_dialog.redraw_diagram()
        self.model_dialog.show()
        return self.model_dialog

    def show_diagram(self) -> ModelDialog:
        """The model window with its Diagram tab in front."""
        dialog = self.show_model()
        dialog.tabs.setCurrentWidget(dialog.diagram)
        return dialog

    def show_interventions(self) -> InterventionsDialog | None:
        if self.window.project is None:
            return None
        dialog = InterventionsDialog(self.window, self.window.project)
        dialog.show()
        return dialog

    def import_model_csv(self, path: Path | None = None) -> None:
        """Add the theories of a model sheet (the columns of `model import`), undoably; a sheet
        with any bad row adds nothing, and the message names the row."""
        project = self.window.project
        if project is None:
            return
        chosen = path or folders.ask_import(self.window, "Import a model (CSV)",
                                            "Model sheet, one theory a row (*.csv)")
        if chosen is None:
            return
        self._run(lambda: import_step(project, chosen), "Imported")

    def export_word(self, path: Path | None = None) -> None:
        from coding.realist.model_docx import export_model_docx

        project = self.window.project
        if project is None:
            return
        ratings = self.ratings()
        export_to(self.window, self, "Export final model", "model.docx", "Word (*.docx)",
                  lambda target: export_model_docx(project, target, ratings), "theories", path)

    def export_csv(self, kind: str, path: Path | None = None) -> None:
        """The model with status and evidence ("model"), or the evidence tables one row per
        excerpt ("evidence"), as CSV — the same files as `model export --csv/--evidence-csv`."""
        from coding.realist.evidence_tables import export_evidence_csv
        from coding.realist.model_csv import export_model_csv

        project = self.window.project
        if project is None:
            return
        ratings = self.ratings()
        if kind == "model":
            export_to(self.window, self, "Export model (CSV)", "model.csv", "CSV (*.csv)",
                      lambda target: export_model_csv(project, target, ratings), "theories",
                      path)
        else:
            export_to(self.window, self, "Export evidence tables (CSV)", "evidence.csv",
                      "CSV (*.csv)", lambda target: export_evidence_csv(project, target, ratings),
                      "excerpts", path)
