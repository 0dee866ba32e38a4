"""The Theories panel: every configuration with its C/M/O evidence and status, and the
&Theories menu (new theory from nodes, status override, model view, table 2, Word export).

Reads are aggregate queries (fast), run on the UI thread; mutations and exports run through
`window.run_in_background` and announce what changed with `window.apply`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.export_action import export_to
from app.interventions_view import InterventionsDialog
from app.model_view import ModelDialog, details_html, status_colour
from app.theory_dialogs import (
    EditTheoryDialog,
    ElementDialog,
    EvidenceRuleDialog,
    NewTheoryDialog,
    StatusDialog,
)
from app.theory_undo import (
    Step,
    StepCommand,
    create_step,
    delete_step,
    edit_step,
    element_step,
    override_step,
    remove_step,
    rule_step,
)
from coding.filters import NO_FILTER, ReferenceFilter
from coding.ids import NodeId, TheoryId
from coding.nodes import list_nodes
from coding.realist.evidence import ROLES, TheoryEvidence, theory_evidence
from coding.realist.evidence_rule import RULE_DEFINITIONS, RULE_NAMES, evidence_rule
from coding.realist.ratings import LEVELS, describe, with_minimum
from coding.realist.theories import list_topics

COLUMNS = ["Theory", "Status", "C", "M", "O", "Interventions", "Documents"]
ANY = "any"


class TheoriesPanel(QWidget):
    theory_chosen = Signal(int)

    def __init__(self, window) -> None:
        super().__init__()
        self.window = window
        self.items: list[TheoryEvidence] = []
        self.partial_only = QCheckBox("&Partial only")
        self.min_relevance = QComboBox()
        self.min_rigour = QComboBox()
        for combo in (self.min_relevance, self.min_rigour):
            combo.addItems([ANY, *LEVELS])
        bar = QHBoxLayout()
        bar.addWidget(self.partial_only)
        bar.addWidget(QLabel("Relevance ≥"))
        bar.addWidget(self.min_relevance)
        bar.addWidget(QLabel("Rigour ≥"))
        bar.addWidget(self.min_rigour)
        bar.addStretch(1)
        self.rule_label = QLabel()
        self.rule_label.setObjectName("evidenceRuleLabel")
        bar.addWidget(self.rule_label)
        self.tree = QTreeWidget()
        self.tree.setObjectName("theoryTree")
        self.tree.setHeaderLabels(COLUMNS)
        self.tree.setRootIsDecorated(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(bar)
        self.details = QTextBrowser()
        self.details.setObjectName("theoryDetails")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.tree)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)
        self.tree.currentItemChanged.connect(lambda _now, _before: self.show_details())
        self.partial_only.toggled.connect(lambda _on: self.refresh())
        self.min_relevance.currentTextChanged.connect(lambda _t: self.refresh())
        self.min_rigour.currentTextChanged.connect(lambda _t: self.refresh())
        self.model_dialog: ModelDialog | None = None

    def ratings(self) -> ReferenceFilter:
        def level(combo: QComboBox) -> str | None:
            return None if combo.currentText() == ANY else combo.currentText()

        return with_minimum(NO_FILTER, level(self.min_relevance), level(self.min_rigour))

    def refresh(self) -> None:
        project = self.window.project
        previous = self.current_theory()
        self.tree.clear()
        self.details.clear()
        if project is None:
            self.items = []
            return
        self.items = theory_evidence(project, self.ratings(), partial_only=False)
        rule = evidence_rule(project)
        self.rule_label.setText(f"Rule: {rule}")
        self.rule_label.setToolTip(f"Evidence rule: {RULE_NAMES[rule]} — "
                                   f"{RULE_DEFINITIONS[rule]} (Theories ▸ Evidence rule…)")
        topics: dict[str, QTreeWidgetItem] = {}
        for item in self.items:
            if self.partial_only.isChecked() and not item.is_partial:
                continue
            topic = item.theory.topic or "(no topic)"
            if topic not in topics:
                topics[topic] = QTreeWidgetItem([topic])
                self.tree.addTopLevelItem(topics[topic])
            row = self._row(item)
            topics[topic].addChild(row)
            if previous is not None and item.theory.id == previous.theory.id:
                self.tree.setCurrentItem(row)
        self.tree.expandAll()
        for column in range(len(COLUMNS)):
            self.tree.resizeColumnToContents(column)
        if self.model_dialog is not None and self.model_dialog.isVisible():
            self.show_model()

    def show_details(self) -> None:
        item = self.current_theory()
        self.details.setHtml(details_html(item) if item is not None else "")

    def _row(self, item: TheoryEvidence) -> QTreeWidgetItem:
        t = item.theory
        status = item.status_text + (" (partial)" if item.is_partial else "")
        row = QTreeWidgetItem([
            t.label, status,
            *(item.parts[r].interventions_label() or "–" for r in ROLES),
            item.total.interventions_label(), str(len(item.total.documents)),
        ])
        row.setData(0, Qt.ItemDataRole.UserRole, int(t.id))
        row.setToolTip(0, t.statement)
        row.setForeground(1, QBrush(status_colour(item.status)))
        font = QFont(row.font(0))
        font.setStrikeOut(item.status == "unsupported")
        row.setFont(0, font)
        if item.overridden:
            row.setToolTip(1, f"Set by the researcher: {item.rationale}")
        return row

    def current_theory(self) -> TheoryEvidence | None:
        row = self.tree.currentItem()
        theory_id = row.data(0, Qt.ItemDataRole.UserRole) if row is not None else None
        return next((i for i in self.items if i.theory.id == theory_id), None)

    # Actions ---------------------------------------------------------------------------

    def new_theory_dialog(self, chosen: set[NodeId] | None = None) -> NewTheoryDialog | None:
        project = self.window.project
        if project is None:
            return None
        return NewTheoryDialog(list_topics(project), list_nodes(project), chosen, self)

    def create_theory(self, dialog: NewTheoryDialog) -> None:
        project = self.window.project
        label, topic = dialog.label.text(), dialog.topic.currentText()
        statement, origin = dialog.statement.toPlainText(), dialog.origin.currentText()
        nodes = dialog.chosen_nodes()
        self.window.run_in_background(
            lambda: create_step(project, label, topic, statement, origin, nodes),
            lambda step: self._push(step, "Done"))

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
        item = self.current_theory()
        if item is None or self.window.project is None:
            self.window.show_status("Choose a theory first")
            return None
        t = item.theory
        return EditTheoryDialog(t.label, list_topics(self.window.project), t.topic, t.statement,
                                t.origin, self)

    def apply_edit(self, theory_id: TheoryId, dialog: EditTheoryDialog) -> None:
        project, values = self.window.project, dialog.values()
        self.window.run_in_background(lambda: edit_step(project, theory_id, values),
                                      lambda step: self._push(step, "Updated"))

    def _push(self, step: Step, message: str) -> None:
        """Put a done step on the window's undo stack, then let every view refresh."""
        stack = getattr(self.window, "undo_stack", None)
        if stack is not None:
            stack.push(StepCommand(self.window, step))
        self.window.apply(step.changes)
        self.window.show_status(f"{message}: {step.text}")

    def ask_edit(self) -> None:
        item = self.current_theory()
        dialog = self.edit_dialog()
        if item is not None and dialog is not None:
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.accepted.connect(lambda: self.apply_edit(item.theory.id, dialog))
            dialog.open()

    def delete_current(self) -> None:
        """Delete the chosen theory and its own node's coding, once the researcher agrees."""
        item = self.current_theory()
        if item is None or self.window.project is None:
            self.window.show_status("Choose a theory first")
            return
        label, project = item.theory.label, self.window.project
        answer = QMessageBox.question(
            self, "Delete theory",
            f"Delete {label} and the {item.whole.references} excerpt(s) coded to it as a "
            "whole? Its contexts, mechanisms and outcomes and their coding stay.")
        if answer == QMessageBox.StandardButton.Yes:
            self.window.run_in_background(lambda: delete_step(project, item.theory.id),
                                          lambda step: self._push(step, "Done"))

    def status_dialog(self) -> StatusDialog | None:
        item = self.current_theory()
        if item is None:
            self.window.show_status("Choose a theory first")
            return None
        return StatusDialog(item.theory.label, item.computed_text,
                            item.theory.status_override, item.rationale, self)

    def apply_status(self, theory_id: TheoryId, dialog: StatusDialog) -> None:
        status, rationale = dialog.chosen()
        project = self.window.project
        self.window.run_in_background(
            lambda: override_step(project, theory_id, status, rationale),
            lambda step: self._push(step, "Done"))

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
        self.window.run_in_background(lambda: rule_step(project, rule),
                                      lambda step: self._push(step, "Done"))

    def ask_rule(self) -> None:
        dialog = self.rule_dialog()
        if dialog is not None and dialog.exec() == EvidenceRuleDialog.DialogCode.Accepted:
            self.apply_rule(dialog.chosen())

    def element_dialog(self) -> ElementDialog | None:
        item = self.current_theory()
        if item is None or self.window.project is None:
            self.window.show_status("Choose a theory first")
            return None
        return ElementDialog(item.theory.label, list_nodes(self.window.project), self)

    def add_chosen_element(self, theory_id: TheoryId, dialog: ElementDialog) -> None:
        role, name, node, origin = dialog.chosen()
        if not name:
            self.window.show_status("Name the element")
            return
        project = self.window.project
        self.window.run_in_background(
            lambda: element_step(project, theory_id, role, name, node, origin),
            lambda step: self._push(step, "Done"))

    def ask_element(self) -> None:
        item = self.current_theory()
        dialog = self.element_dialog()
        if item is not None and dialog is not None and dialog.exec() == ElementDialog.DialogCode.Accepted:
            self.add_chosen_element(item.theory.id, dialog)

    def remove_element(self, node_id: NodeId | None = None) -> None:
        """Detach one of the chosen theory's elements (asked for when not given)."""
        item = self.current_theory()
        if item is None or self.window.project is None or not item.theory.elements:
            self.window.show_status("Choose a theory with elements first")
            return
        if node_id is None:
            names = [f"{e.role}: {e.name}" for e in item.theory.elements]
            chosen, ok = QInputDialog.getItem(self, "Remove element",
                                              f"Element of {item.theory.label}", names, 0, False)
            if not ok:
                return
            node_id = item.theory.elements[names.index(chosen)].node_id
        project, theory_id, node = self.window.project, item.theory.id, node_id
        self.window.run_in_background(lambda: remove_step(project, theory_id, node),
                                      lambda step: self._push(step, "Done"))

    def show_model(self) -> ModelDialog:
        if self.model_dialog is None:
            self.model_dialog = ModelDialog(self.window)
        items = self.items if self.window.project is not None else []
        self.model_dialog.view.show_items(items, describe(self.ratings()))
        self.model_dialog.show()
        return self.model_dialog

    def show_interventions(self) -> InterventionsDialog | None:
        if self.window.project is None:
            return None
        dialog = InterventionsDialog(self.window, self.window.project)
        dialog.show()
        return dialog

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


def install(window) -> None:
    panel = TheoriesPanel(window)
    panel.setObjectName("theoriesPanel")
    window.add_dock("theoriesDock", "Theories", panel, Qt.DockWidgetArea.RightDockWidgetArea)
    tree = getattr(window, "nodes", None)
    if tree is not None:  # several nodes at once become one theory's elements
        tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    menu = window.menu_named("&Theories")
    menu.addAction("&New theory from nodes…", "Ctrl+Alt+T", panel.ask_new_theory)
    menu.addAction("E&dit theory…", panel.ask_edit)
    menu.addAction("&Delete theory…", panel.delete_current)
    menu.addAction("Add &element (refinement)…", panel.ask_element)
    menu.addAction("&Remove element…", lambda: panel.remove_element())
    menu.addAction("Override &status…", panel.ask_status)
    menu.addAction("Evidence r&ule…", panel.ask_rule)
    menu.addSeparator()
    menu.addAction("&Model view (initial and current)", "Ctrl+Alt+M", panel.show_model)
    menu.addAction("Documents by &intervention", panel.show_interventions)
    menu.addAction("&Export final model (Word)…", lambda: panel.export_word())
    menu.addAction("Export model with status (&CSV)…", lambda: panel.export_csv("model"))
    menu.addAction("Export evidence tables (C&SV)…", lambda: panel.export_csv("evidence"))
    window.project_opened.connect(lambda _project: panel.refresh())
    window.project_closed.connect(panel.refresh)
    window.changed.connect(
        lambda c: panel.refresh() if (c.theories or c.references or c.nodes or c.cases
                                      or c.documents or c.memos) else None)
