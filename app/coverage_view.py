"""Review ▸ Coverage: every node or theory with its evidence; empty rows stand out.

The table is computed off the UI thread (coding.review.coverage, all SQL aggregates) and redrawn when
it returns. Selecting a row lists its coverage per document; a second tab summarises one
document's coding (which nodes, how much, on which pages).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.export_action import export_to
from app.review_widgets import (
    FilterBar,
    compact_rows,
    install_dock,
    number_item,
    results_over_detail,
    text_item,
)
from app.theme import pick
from coding.coders import list_coders
from coding.documents import list_documents
from coding.realist.theories import list_theories
from coding.review.coverage import CoverageRow, coverage_table, document_summary, folder_labels
from coding.review.matrix import build_matrix
from coding.tables import write_table_csv

HEADER = ["Node", "Role", "Origin", "References", "Documents", "Interventions", "Characters",
          "Coverage %"]
# What the narrow number columns say (the whole word is their tooltip): a header wider than
# its column is clipped at both ends, not elided ("nterventions", "overage %")
SHORT = ["Node", "Role", "Origin", "Refs", "Docs", "Interv.", "Chars", "Cover %"]
EMPTY_BACKGROUND = ("#FDECEA", "#5C2B29")  # light and dark palettes
ROWS = {"node": "nodes", "theory": "theories"}
NUMBER_WIDTH = 70


class CoverageView(QWidget):
    refreshed = Signal()
    details_shown = Signal()
    summary_shown = Signal()

    def __init__(self, window) -> None:
        super().__init__()
        self.setObjectName("coverageView")
        self.window = window
        self.rows: list[CoverageRow] = []
        self.filters = FilterBar()
        self.filters.filter_changed.connect(self.refresh)
        self.export_button = QPushButton("Export CSV…")
        self.export_button.clicked.connect(self._ask_export)
        self.summary = QLabel()
        self.table = QTableWidget(0, len(HEADER))
        self.table.setObjectName("coverageTable")
        self.table.setHorizontalHeaderLabels(SHORT)
        header = self.table.horizontalHeader()
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # tree order until clicked
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(36)
        for column in range(1, len(HEADER)):  # narrow number columns, their titles elided:
            header.resizeSection(column, NUMBER_WIDTH)  # the node's name keeps the room
            self.table.horizontalHeaderItem(column).setToolTip(HEADER[column])
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.itemSelectionChanged.connect(self._row_chosen)
        self.detail = QTableWidget(0, 4)
        self.detail.setObjectName("coverageDetail")
        self.detail.setHorizontalHeaderLabels(["Document", "References", "Characters", "Coverage %"])
        self.detail.setSortingEnabled(True)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        results_over_detail(split, self.table, self.detail)
        compact_rows(self.detail)
        nodes_tab = QWidget()
        layout = QVBoxLayout(nodes_tab)
        top = QHBoxLayout()
        top.addWidget(self.filters, 1)
        top.addWidget(self.export_button)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        self.document_combo = QComboBox()
        self.document_combo.setObjectName("summaryDocument")
        self.document_combo.currentIndexChanged.connect(self._document_chosen)
        self.document_table = QTableWidget(0, 5)
        self.document_table.setObjectName("documentSummary")
        self.document_table.setHorizontalHeaderLabels(
            ["Node", "References", "Characters", "Coverage %", "Pages"])
        doc_tab = QWidget()
        doc_layout = QVBoxLayout(doc_tab)
        doc_layout.addWidget(self.document_combo)
        doc_layout.addWidget(self.document_table, 1)
        compact_rows(self.document_table)
        self.tabs = QTabWidget()
        self.tabs.addTab(nodes_tab, "Nodes and theories")
        self.tabs.addTab(doc_tab, "By document")
        outer = QVBoxLayout(self)
        outer.addWidget(self.tabs)

    # loading -----------------------------------------------------------------------------

    def clear_results(self) -> None:
        self.rows = []
        for table in (self.table, self.detail, self.document_table):
            table.setRowCount(0)
        self.summary.clear()
        self.document_combo.blockSignals(True)
        self.document_combo.clear()
        self.document_combo.blockSignals(False)

    def refresh(self) -> None:
        project = self.window.project
        if project is None:
            return
        kind, flt = self.filters.rows.currentText(), self.filters.reference_filter()
        aggregate = self.filters.aggregate.isChecked()

        def work():
            topics = sorted({t.topic for t in list_theories(project) if t.topic})
            docs = [(d.id, d.name) for d in list_documents(project)]
            return (topics, docs, list_coders(project),
                    coverage_table(project, rows=kind, flt=flt, aggregate=aggregate))

        self.window.run_in_background(work, self._show)

    def _show(self, result) -> None:
        topics, docs, coders, rows = result
        self.filters.set_topics(topics)
        self.filters.set_coders(coders)
        self.rows = rows
        self.table.setSortingEnabled(False)
        self.table.clearContents()
        self.table.setRowCount(len(rows))
        theories = self.filters.rows.currentText() == "theories"
        self.table.setHorizontalHeaderItem(0, text_item("Theory" if theories else "Node"))
        self.table.setHorizontalHeaderItem(1, text_item("Topic" if theories else "Role"))
        # A folder ("Contexts") holds its nodes' coding, not its own: with no coding of its own
        # it is no gap in the evidence, so it is not shaded nor counted as one.
        folders = folder_labels(rows) if not theories else set()
        gaps = [not r.has_evidence and r.label not in folders for r in rows]
        for i, r in enumerate(rows):
            items = [text_item(r.label, (r.kind, r.id)),
                     text_item(r.topic if theories else ("" if r.role == "none" else r.role)),
                     text_item(r.origin), number_item(r.references), number_item(r.documents),
                     number_item(r.cases), number_item(r.characters), number_item(r.percent)]
            for column, item in enumerate(items):
                if gaps[i]:
                    item.setBackground(QBrush(pick(*EMPTY_BACKGROUND)))
                    font = QFont()
                    font.setItalic(True)
                    item.setFont(font)
                self.table.setItem(i, column, item)
        self.table.setSortingEnabled(True)
        self.summary.setText(f"{len(rows)} rows; {sum(gaps)} with no evidence (shaded)")
        current = self.document_combo.currentData()
        self.document_combo.blockSignals(True)
        self.document_combo.clear()
        for doc_id, name in docs:
            self.document_combo.addItem(name, doc_id)
        index = self.document_combo.findData(current)
        self.document_combo.setCurrentIndex(max(index, 0))
        self.document_combo.blockSignals(False)
        self._document_chosen()
        self.refreshed.emit()

    def _row_chosen(self) -> None:
        project = self.window.project
        selected = self.table.selectedItems()
        if project is None or not selected:
            return
        kind, row_id = self.table.item(selected[0].row(), 0).data(Qt.ItemDataRole.UserRole)
        flt, aggregate = self.filters.reference_filter(), self.filters.aggregate.isChecked()

        if kind == "node":  # only this node's references (and its subtree's, when folded in)
            flt = replace(flt, node_ids=(row_id,), with_descendants=aggregate)

        def work():
            m = build_matrix(project, rows=ROWS[kind], flt=flt, aggregate=aggregate,
                             columns="documents")
            return [(c.label, m.counts(row_id, c.key), m.value(row_id, c, "coverage"))
                    for c in m.columns if m.counts(row_id, c.key).references]

        def show(cells) -> None:
            self.detail.setSortingEnabled(False)
            self.detail.setRowCount(len(cells))
            for i, (name, counts, percent) in enumerate(cells):
                for column, item in enumerate([text_item(name), number_item(counts.references),
                                               number_item(counts.characters),
                                               number_item(percent)]):
                    self.detail.setItem(i, column, item)
            self.detail.setSortingEnabled(True)
            self.details_shown.emit()

        self.window.run_in_background(work, show)

    def _document_chosen(self) -> None:
        project, doc_id = self.window.project, self.document_combo.currentData()
        if project is None or doc_id is None:
            self.document_table.setRowCount(0)
            return
        aggregate = self.filters.aggregate.isChecked()

        def show(rows) -> None:
            if self.document_combo.currentData() != doc_id:
                return  # the user has moved on to another document
            self.document_table.setSortingEnabled(False)
            self.document_table.setRowCount(len(rows))
            for i, r in enumerate(rows):
                for column, item in enumerate([text_item(r.path), number_item(r.references),
                                               number_item(r.characters), number_item(r.percent),
                                               text_item(r.pages)]):
                    self.document_table.setItem(i, column, item)
            self.document_table.setSortingEnabled(True)
            self.summary_shown.emit()

        self.window.run_in_background(
            lambda: document_summary(project, doc_id, aggregate=aggregate), show)

    # export ------------------------------------------------------------------------------

    def _shown(self) -> tuple[list[str], list[list[object]]]:
        """The table as shown (current filters and sort order), read on the UI thread."""
        header = list(HEADER)  # the file says the whole words the narrow columns shorten
        rows = [[self.table.item(r, c).data(Qt.ItemDataRole.DisplayRole)
                 for c in range(self.table.columnCount())] for r in range(self.table.rowCount())]
        return header, rows

    def export_to(self, path: Path) -> int:
        """The table as shown to a CSV file."""
        return write_table_csv(path, *self._shown())

    def _ask_export(self) -> None:
        header, rows = self._shown()
        export_to(self.window, self, "Export coverage", "coverage.csv", "CSV (*.csv)",
                  lambda path: write_table_csv(path, header, rows), "rows")


def install(window) -> None:
    view = CoverageView(window)
    dock = install_dock(window, view, "coverageDock", "Coverage", "Node &coverage", view.refresh,
                        load_on_open=True)
    window.changed.connect(lambda _c: view.refresh() if dock.isVisible() else None)

