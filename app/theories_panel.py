"""The Theories panel: every configuration with its C/M/O evidence and status, the chosen
theory's evidence and log in the detail pane, and the &Theories menu (its actions live in
`app/theory_actions.py`).

Reads are aggregate queries (fast), run on the UI thread; mutations and exports run through
`window.run_in_background` and announce what changed with `window.apply`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QFont, QTextOption
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTextBrowser,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.column_fit import RefitOnResize, fit_columns
from app.empty_hint import HintedTree
from app.flow_layout import FlowLayout
from app.model_view import ModelDialog, details_html, history_html, status_colour
from app.review_widgets import minimum_rating_combos, minimum_rating_filter
from app.theory_actions import TheoryActions
from coding.filters import ReferenceFilter
from coding.realist.evidence import ROLES, TheoryEvidence, theory_evidence
from coding.realist.evidence_rule import RULE_DEFINITIONS, RULE_NAMES, evidence_rule
from coding.theory_log import entries_for

COLUMNS = ["Theory", "Status", "C", "M", "O", "Interventions", "Documents"]
ANY = "any"
STATUS = COLUMNS.index("Status")
LABEL_PADDING = 12  # pixels beside a theory's label, as a cell's margins take


NO_THEORIES = ("No theories yet. Enter the initial model with Theories ▸ New theory from "
               "nodes… (Ctrl+Alt+T), or import it with Theories ▸ Import model (CSV)….")
NO_PARTIAL = "No partial configurations: every theory has a context, a mechanism and an outcome."

class TheoriesPanel(TheoryActions, QWidget):
    theory_chosen = Signal(int)

    def __init__(self, window) -> None:
        super().__init__()
        self.window = window
        self.items: list[TheoryEvidence] = []
        self.partial_only = QCheckBox("&Partial only")
        self.min_relevance, self.min_rigour = minimum_rating_combos()
        self.rule_label = QLabel()
        self.rule_label.setObjectName("evidenceRuleLabel")
        bar = FlowLayout()  # a row when the panel is wide, wrapped when it is narrow
        for label, combo in (("Relevance ≥", self.min_relevance), ("Rigour ≥", self.min_rigour)):
            pair = QWidget()  # a label stays beside its filter when the bar wraps
            row = QHBoxLayout(pair)
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(QLabel(label))
            row.addWidget(combo)
            bar.addWidget(pair)
        bar.addWidget(self.partial_only)
        bar.addWidget(self.rule_label)
        self.tree = HintedTree()
        self.tree.setObjectName("theoryTree")
        self.tree.setHeaderLabels(COLUMNS)
        self.tree.setRootIsDecorated(True)
        RefitOnResize(self.tree, STATUS, STATUS + len(ROLES))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(bar)
        self.details = QTextBrowser()
        self.details.setObjectName("theoryDetails")
        # a document's name ("02_Telephone_befriending_pilot") is one long word: broken
        # anywhere, it no longer widens the pane past the panel behind a sideways scroll bar
        self.details.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
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
        return minimum_rating_filter(self.min_relevance, self.min_rigour)

    def refresh(self) -> None:
        project = self.window.project
        previous = self.current_theory()
        self.tree.clear()
        self.details.clear()
        self.tree.hint = ""
        if project is None:
            self.items = []
            return
        self.items = theory_evidence(project, self.ratings(), partial_only=False)
        self.tree.hint = (NO_PARTIAL if self.items and self.partial_only.isChecked()
                          else NO_THEORIES)
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
        for topic in topics.values():  # a topic is a row of its own, across the columns
            topic.setFirstColumnSpanned(True)
        self.fit_columns()
        if self.model_dialog is not None and self.model_dialog.isVisible():
            self.show_model()

    def fit_columns(self) -> None:
        """The labels' column as wide as the labels (a topic's name spans the row), the status
        cut short before it pushes the C, M and O columns out of the dock (`app.column_fit`;
        the status is whole in its tooltip and in the details below)."""
        tree = self.tree
        labels = [tree.topLevelItem(i).child(j).text(0) for i in range(tree.topLevelItemCount())
                  for j in range(tree.topLevelItem(i).childCount())]
        width = max(map(tree.fontMetrics().horizontalAdvance, labels or ["Theory"]))
        fit_columns(tree, STATUS, STATUS + len(ROLES),
                    {0: width + 2 * tree.indentation() + LABEL_PADDING})

    def show_details(self) -> None:
        """The chosen theory's evidence by part, then its log (newest last)."""
        item = self.current_theory()
        project = self.window.project
        if item is None or project is None:
            self.details.setHtml("")
            return
        entries = entries_for(project, item.theory.guid)
        self.details.setHtml(details_html(item) + history_html(entries, item))

    def _row(self, item: TheoryEvidence) -> QTreeWidgetItem:
        t = item.theory
        status = item.status_text + (" (partial)" if item.is_partial else "")
        row = QTreeWidgetItem([
            t.label, status,
            *(item.parts[r].short_label() or "–" for r in ROLES),
            item.total.interventions_label(), str(len(item.total.documents)),
        ])
        row.setData(0, Qt.ItemDataRole.UserRole, int(t.id))
        row.setToolTip(0, t.statement)
        row.setForeground(1, QBrush(status_colour(item.status)))
        row.setToolTip(1, status)  # whole, when the column is too narrow for it
        font = QFont(row.font(0))
        font.setStrikeOut(item.status == "unsupported")
        row.setFont(0, font)
        if item.overridden:
            row.setToolTip(1, f"{status}\nSet by the researcher: {item.rationale}")
        return row

    def current_theory(self) -> TheoryEvidence | None:
        row = self.tree.currentItem()
        theory_id = row.data(0, Qt.ItemDataRole.UserRole) if row is not None else None
        return next((i for i in self.items if i.theory.id == theory_id), None)


def install(window) -> None:
    panel = TheoriesPanel(window)
    panel.setObjectName("theoriesPanel")
    window.add_dock("theoriesDock", "Theories", panel, Qt.DockWidgetArea.RightDockWidgetArea)
    tree = getattr(window, "nodes", None)
    if tree is not None:  # several nodes at once become one theory's elements
        tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    menu = window.menu_named("&Theories")
    window.scope.edits(
        menu.addAction("&New theory from nodes…", "Ctrl+Alt+T", panel.ask_new_theory),
        menu.addAction("&Import model (CSV)…", lambda: panel.import_model_csv()),
        menu.addAction("E&dit theory…", panel.ask_edit),
        menu.addAction("&Delete theory…", panel.delete_current),
        menu.addAction("Add &element…", panel.ask_element),  # initial, or a refinement
        menu.addAction("&Remove element…", lambda: panel.remove_element()),
        menu.addAction("Override &status…", panel.ask_status),
        menu.addAction("Evidence r&ule…", panel.ask_rule),
    )
    menu.addSeparator()
    menu.addAction("&Model view (initial and current)", "Ctrl+Alt+M", panel.show_model)
    menu.addAction("Programme-theory dia&gram", panel.show_diagram)
    menu.addAction("Documents by &intervention", panel.show_interventions)
    menu.addAction("&Export final model (Word)…", lambda: panel.export_word())
    menu.addAction("Export model with status (&CSV)…", lambda: panel.export_csv("model"))
    menu.addAction("Export evidence tables (C&SV)…", lambda: panel.export_csv("evidence"))
    window.scope.needs_project(panel)
    window.project_opened.connect(lambda _project: panel.refresh())
    window.project_closed.connect(panel.refresh)
    window.changed.connect(
        lambda c: panel.refresh() if (c.theories or c.references or c.nodes or c.cases
                                      or c.documents or c.memos) else None)
