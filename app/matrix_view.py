"""Review ▸ Matrix: nodes or theories against documents, interventions or attribute values.

Cells (references, documents or coverage %) are shaded as a heat map by a table model that
reads the coding layer's Matrix (a 200 x 1,000 grid needs no 200,000 widgets). Clicking a
cell lists the excerpts behind it; double-clicking an excerpt opens it in the document.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.export_action import export_to
from app.review_widgets import FilterBar, excerpt_item, install_dock, results_over_detail
from app.wrap_delegate import WrapDelegate
from coding.coders import list_coders
from coding.excerpts import Excerpt
from coding.names import counted
from coding.realist.theories import list_theories
from coding.review.matrix import (
    MEASURES,
    Matrix,
    build_matrix,
    cell_excerpts,
    column_specs,
    format_value,
    write_matrix_csv,
)

HEAT = QColor("#D62728")


class MatrixModel(QAbstractTableModel):
    """Holds one Matrix and the chosen measure; colours each cell by its share of the maximum."""

    def __init__(self) -> None:
        super().__init__()
        self.matrix: Matrix | None = None
        self.measure = "references"
        self._max = 0.0

    def set_matrix(self, matrix: Matrix | None, measure: str) -> None:
        self.beginResetModel()
        self.matrix, self.measure = matrix, measure
        self._max = matrix.maximum(measure) if matrix else 0.0
        self.endResetModel()

    def rowCount(self, parent=None) -> int:  # noqa: N802
        valid = parent is not None and parent.isValid()
        return 0 if self.matrix is None or valid else len(self.matrix.rows)

    def columnCount(self, parent=None) -> int:  # noqa: N802
        valid = parent is not None and parent.isValid()
        return 0 if self.matrix is None or valid else len(self.matrix.columns)

    def value(self, row: int, column: int) -> float:
        assert self.matrix is not None
        return self.matrix.value(self.matrix.rows[row].id, self.matrix.columns[column], self.measure)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if self.matrix is None or not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            value = self.value(index.row(), index.column())
            return format_value(value) if value else ""
        if role == Qt.ItemDataRole.BackgroundRole:
            value = self.value(index.row(), index.column())
            if value and self._max:
                color = QColor(HEAT)
                color.setAlpha(int(30 + 200 * value / self._max))
                return color
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            row, column = self.matrix.rows[index.row()], self.matrix.columns[index.column()]
            c = self.matrix.counts(row.id, column.key)
            return (f"{row.label} × {column.label}: {counted(c.references, 'reference')}, "
                    f"{counted(c.documents, 'document')}, {counted(c.characters, 'character')}")
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        # the whole name on hover: a column shows only part of a long document's name
        if self.matrix is None or role not in (Qt.ItemDataRole.DisplayRole,
                                               Qt.ItemDataRole.ToolTipRole):
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.matrix.columns[section].label
        return self.matrix.rows[section].label


class MatrixView(QWidget):
    refreshed = Signal()
    excerpts_shown = Signal()

    def __init__(self, window) -> None:
        super().__init__()
        self.setObjectName("matrixView")
        self.window = window
        self.filters = FilterBar()
        self.filters.filter_changed.connect(self.refresh)
        self.columns = QComboBox()
        self.columns.setObjectName("columnsCombo")
        self.columns.addItems(["documents", "interventions"])
        self.columns.currentIndexChanged.connect(lambda _i: self.refresh())
        self.measure = QComboBox()
        self.measure.setObjectName("measureCombo")
        self.measure.addItems(list(MEASURES))
        self.measure.currentTextChanged.connect(
            lambda m: self.model.set_matrix(self.model.matrix, m))
        self.run_button = QPushButton("Run")
        self.run_button.clicked.connect(self.refresh)
        self.export_button = QPushButton("Export CSV…")
        self.export_button.clicked.connect(self._ask_export)
        self.model = MatrixModel()
        self.table = QTableView()
        self.table.setObjectName("matrixTable")
        self.table.setModel(self.model)
        self.table.clicked.connect(self.show_cell)
        self.excerpts = QListWidget()
        self.excerpts.setObjectName("cellExcerpts")
        self.excerpts.setItemDelegate(WrapDelegate(self.excerpts))
        self.excerpts.itemActivated.connect(self._open_excerpt)
        self.cell_label = QLabel("Click a cell to see its excerpts.")
        controls = QHBoxLayout()
        for label, widget in (("Columns", self.columns), ("Cells", self.measure)):
            controls.addWidget(QLabel(label))
            controls.addWidget(widget)
        controls.addWidget(self.run_button)
        controls.addWidget(self.export_button)
        controls.addStretch(1)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.cell_label)
        lower_layout.addWidget(self.excerpts)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(lower)
        self.excerpts.setMinimumHeight(36)
        results_over_detail(split, self.table, lower)
        # a document's name keeps its start and its end ("01_Har…uation"): cut at both ends by
        # its column, "ur_peer_visits_e" named no document
        self.table.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideMiddle)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addLayout(controls)
        layout.addWidget(split, 1)

    def clear_results(self) -> None:
        self.model.set_matrix(None, self.measure.currentText())
        self.excerpts.clear()
        self.cell_label.clear()

    def refresh(self) -> None:
        project = self.window.project
        if project is None:
            return
        rows, columns = self.filters.rows.currentText(), self.columns.currentText()
        flt, aggregate = self.filters.reference_filter(), self.filters.aggregate.isChecked()

        def work():
            topics = sorted({t.topic for t in list_theories(project) if t.topic})
            specs = column_specs(project)
            return topics, specs, list_coders(project), build_matrix(
                project, rows=rows, columns=columns, flt=flt, aggregate=aggregate)

        self.window.run_in_background(work, self._show)

    def _show(self, result) -> None:
        topics, specs, coders, matrix = result
        self.filters.set_topics(topics)
        self.filters.set_coders(coders)
        current = self.columns.currentText()
        self.columns.blockSignals(True)
        self.columns.clear()
        self.columns.addItems(specs)
        self.columns.setCurrentText(current if current in specs else "documents")
        self.columns.blockSignals(False)
        self.model.set_matrix(matrix, self.measure.currentText())
        self.excerpts.clear()
        self.refreshed.emit()

    def show_cell(self, index) -> None:
        matrix, project = self.model.matrix, self.window.project
        if matrix is None or project is None or not index.isValid():
            return
        row, column = matrix.rows[index.row()], matrix.columns[index.column()]
        self.cell_label.setText(f"{row.label} × {column.label}")
        self.window.run_in_background(
            lambda: cell_excerpts(project, matrix, row.id, column.key), self._show_excerpts)

    def _show_excerpts(self, excerpts: list[Excerpt]) -> None:
        self.excerpts.clear()
        for e in excerpts:
            self.excerpts.addItem(excerpt_item(e.text, e.document, e.pages,
                                               (e.document_id, e.start, e.end),
                                               f" · {e.node_path}"))
        self.excerpts_shown.emit()

    def _open_excerpt(self, item: QListWidgetItem) -> None:
        doc_id, start, end = item.data(Qt.ItemDataRole.UserRole)
        self.window.open_document_at(doc_id, start, end)

    def export_to(self, path: Path) -> int:
        if self.model.matrix is None:
            return 0
        return write_matrix_csv(self.model.matrix, path, self.model.measure)

    def _ask_export(self) -> None:
        matrix, measure = self.model.matrix, self.model.measure
        if matrix is None:
            return
        export_to(self.window, self, "Export matrix", "matrix.csv", "CSV (*.csv)",
                  lambda path: write_matrix_csv(matrix, path, measure), "rows")


def install(window) -> None:
    view = MatrixView(window)
    dock = install_dock(window, view, "matrixDock", "Matrix", "&Matrix query", view.refresh)
    window.changed.connect(lambda _c: view.refresh() if dock.isVisible() else None)
