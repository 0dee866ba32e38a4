"""Review ▸ Coding comparison: two coders' agreement and kappa per node and document, and the
place to settle a disagreement.

The table comes from `coding.review.comparison` off the UI thread. A document row opens
`ComparisonDialog`: the document with one stripe lane per coder (A blue, B orange; the
highlights overlap where both coded) and Keep A's / Keep B's / Keep both, each one undo step.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from app.close_button import close_button
from app.export_action import export_to
from app.review_widgets import install_dock, number_item, text_item
from app.screen_fit import sized
from app.undo import DoneCommand
from app.viewer import DocumentViewer, NodeStyle
from coding.changes import Changes
from coding.coders import CoderInfo, list_coders
from coding.documents import document_pages, document_text
from coding.filters import NO_FILTER
from coding.ids import CoderId, DocumentId, NodeId, ReferenceId
from coding.names import counted
from coding.references import ReferenceRecord
from coding.review.comparison import Comparison, ComparisonRow, coder_spans, compare_coders, header
from coding.review.resolution import Resolution, redo_resolution, resolve, undo_resolution
from coding.tables import write_table_csv
from storage.models import utcnow

COLOURS = ("#4363D8", "#F58231")  # coder A, coder B: apart for colour-blind readers too
TITLES = ["Node", "Document", "Characters", "Kappa", "Agreement %", "A and B %", "A only %",
          "B only %", "Neither %", "Disagreement %"]


class ResolutionCommand(DoneCommand):
    def __init__(self, window, resolution: Resolution) -> None:
        super().__init__(window, f"resolution ({resolution.description})")
        self.resolution = resolution

    def do(self) -> Changes:
        return redo_resolution(self.window.project, self.resolution)

    def undo_it(self) -> Changes:
        return undo_resolution(self.window.project, self.resolution)


class ComparisonView(QWidget):
    refreshed = Signal()

    def __init__(self, window) -> None:
        super().__init__()
        self.setObjectName("comparisonView")
        self.window = window
        self.result: Comparison | None = None
        self.coder_a, self.coder_b = QComboBox(), QComboBox()
        for combo, name in ((self.coder_a, "coderA"), (self.coder_b, "coderB")):
            combo.setObjectName(name)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(18)  # "Ana María Silva (AMS)" whole in a narrow dock
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.compare_button = QPushButton("Compare")
        self.compare_button.clicked.connect(self.refresh)
        self.open_button = QPushButton("Show in document…")
        self.open_button.setObjectName("showInDocument")
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self.open_selected)
        self.export_button = QPushButton("Export CSV…")
        self.export_button.clicked.connect(self._ask_export)
        self.summary = QLabel("Choose two coders.")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, len(TITLES))
        self.table.setObjectName("comparisonTable")
        self.table.setHorizontalHeaderLabels(TITLES)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(0, 260)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.cellActivated.connect(lambda *_: self.open_selected())
        top = QHBoxLayout()
        for label, widget in (("Coder A", self.coder_a), ("Coder B", self.coder_b)):
            top.addWidget(QLabel(label))
            top.addWidget(widget)
        top.addWidget(self.compare_button)
        top.addStretch(1)
        top.addWidget(self.open_button)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.dialog: ComparisonDialog | None = None

    def clear_results(self) -> None:
        """The project closed or another opened: nothing of the last comparison stays."""
        self.result = None
        for combo in (self.coder_a, self.coder_b):
            combo.blockSignals(True)
            combo.clear()
            combo.blockSignals(False)
        self.table.setRowCount(0)
        self.summary.setText("Choose two coders.")
        if self.dialog is not None:
            self.dialog.close()
        self.open_button.setEnabled(False)

    def load_coders(self) -> None:
        """Fill the coder lists (the person at this keyboard first), then compare."""
        project = self.window.project
        if project is None:
            return
        self.window.run_in_background(lambda: list_coders(project), self._show_coders)

    def _show_coders(self, coders: list[CoderInfo]) -> None:
        chosen = (self.coder_a.currentData(), self.coder_b.currentData())
        for index, combo in enumerate((self.coder_a, self.coder_b)):
            combo.blockSignals(True)
            combo.clear()
            for coder in coders:
                combo.addItem(coder.label, coder.id)
                combo.setItemData(combo.count() - 1, f"{counted(coder.references, 'reference')} in "
                                  f"{counted(coder.documents, 'document')}", Qt.ItemDataRole.ToolTipRole)
            found = combo.findData(chosen[index])
            combo.setCurrentIndex(found if found >= 0 else min(index, len(coders) - 1))
            combo.blockSignals(False)
        if len(coders) < 2:
            self.summary.setText("Only one coder has coded in this project. Merge a "
                                 "colleague's project (File ▸ Merge project…) to compare.")
            self.table.setRowCount(0)
            self.refreshed.emit()
            return
        self.refresh()

    def refresh(self) -> None:
        project = self.window.project
        a, b = self.coder_a.currentData(), self.coder_b.currentData()
        if project is None or a is None or b is None:
            return
        if a == b:
            self.summary.setText("Choose two different coders.")
            return
        self.window.run_in_background(
            lambda: compare_coders(project, CoderId(a), CoderId(b), NO_FILTER), self._show)

    def _show(self, result: Comparison) -> None:
        self.result = result
        a, b = result.coder_a, result.coder_b
        names = header(result)
        titles = TITLES[:5] + [names[5].replace("_pct", " %").replace("_", " "),
                               f"{a.initials or 'A'} only %", f"{b.initials or 'B'} only %",
                               *TITLES[8:]]
        self.table.setHorizontalHeaderLabels(titles)
        self.table.clearContents()
        self.table.setRowCount(len(result.rows))
        bold = QFont()
        bold.setBold(True)
        self.table.setUpdatesEnabled(False)
        for i, row in enumerate(result.rows):
            cells = row.cells()
            items = [text_item(str(cells[0]), i), text_item(str(cells[1]))]
            items[0].setToolTip(row.node)
            items += [number_item(v) for v in cells[2:]]  # type: ignore[arg-type]
            for column, item in enumerate(items):
                if row.document_id is None:
                    item.setFont(bold)
                self.table.setItem(i, column, item)
        self.table.setUpdatesEnabled(True)
        self.table.resizeColumnToContents(1)
        if result.documents:
            self.summary.setText(
                f"A = {a.label}, B = {b.label}: {counted(len(result.documents), 'document')} both coded, "
                f"{counted(sum(r.document_id is None for r in result.rows), 'node')}. Bold rows are each "
                "node over all those documents (kappa weighted by length). Double-click a "
                "document row to see both codings and resolve.")
        else:
            self.summary.setText(f"{a.name} and {b.name} have not both coded any document.")
        self._selection_changed()
        self.refreshed.emit()

    def selected_row(self) -> ComparisonRow | None:
        items = self.table.selectedItems()
        if not items or self.result is None:
            return None
        index = self.table.item(items[0].row(), 0).data(Qt.ItemDataRole.UserRole)
        return self.result.rows[index]

    def _selection_changed(self) -> None:
        row = self.selected_row()
        self.open_button.setEnabled(row is not None and row.document_id is not None)

    def open_selected(self) -> None:
        row = self.selected_row()
        if row is None or row.document_id is None or self.result is None:
            return
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
        self.dialog = ComparisonDialog(self.window, self.result.coder_a, self.result.coder_b,
                                       row.document_id, row.node_id, f"{row.node} — {row.document}")
        self.dialog.show()

    def export_to(self, path: Path) -> int:
        if self.result is None:
            return 0
        return write_table_csv(path, header(self.result), self.result.table())

    def _ask_export(self) -> None:
        result = self.result
        if result is None:
            return
        export_to(self.window, self, "Export coding comparison", "coding-comparison.csv",
                  "CSV (*.csv)", lambda path: write_table_csv(path, header(result), result.table()),
                  "rows")


class ComparisonDialog(QDialog):
    """One node in one document: both coders' coding side by side, and the resolution."""

    loaded = Signal()
    resolved = Signal()

    def __init__(self, window, coder_a: CoderInfo, coder_b: CoderInfo, doc_id: DocumentId,
                 node_id: NodeId, title: str) -> None:
        super().__init__(window)
        self.setObjectName("comparisonDialog")
        self.setWindowTitle(f"Coding comparison: {title}")
        sized(self, 900, 640)
        self.window = window
        self.coders = (coder_a, coder_b)
        self.doc_id, self.node_id = doc_id, node_id
        self.viewer = DocumentViewer(self)
        self.viewer.margin.menus = False
        legend = QLabel(" ".join(
            f'<span style="background:{colour}">&nbsp;&nbsp;&nbsp;</span> {c.label}'
            for colour, c in zip(COLOURS, self.coders, strict=True)))
        self.status = QLabel()
        self.keep_buttons = {}
        buttons = QHBoxLayout()
        for keep, text in (("a", f"Keep {coder_a.initials or coder_a.name}'s"),
                           ("b", f"Keep {coder_b.initials or coder_b.name}'s"),
                           ("both", "Keep both")):
            button = QPushButton(text)
            button.setObjectName(f"keep_{keep}")
            button.clicked.connect(lambda _=False, k=keep: self.resolve(k))
            buttons.addWidget(button)
            self.keep_buttons[keep] = button
        buttons.addStretch(1)
        buttons.addWidget(close_button(self))
        layout = QVBoxLayout(self)
        layout.addWidget(legend)
        layout.addWidget(self.viewer, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.addActions([window.undo_action, window.redo_action])  # Ctrl+Z works here too
        self.first_load = True
        window.changed.connect(self._changed)
        self.reload()

    def _changed(self, changes: Changes) -> None:
        if changes.references and self.isVisible():
            self.reload()  # undo and redo redraw the stripes too

    def reload(self) -> None:
        project = self.window.project
        coders = tuple(c.id for c in self.coders)

        def work():
            return (document_text(project, self.doc_id), document_pages(project, self.doc_id),
                    coder_spans(project, self.doc_id, self.node_id, coders))

        self.window.run_in_background(work, self._show)

    def _show(self, result) -> None:
        text, pages, spans = result
        if self.first_load:
            self.viewer.load(text, pages)
        styles = {c.id: NodeStyle(c.initials or c.name, c.name, colour)
                  for colour, c in zip(COLOURS, self.coders, strict=True)}
        now = utcnow()
        refs = [ReferenceRecord(ReferenceId(0), "", self.doc_id, NodeId(coder), start, end,
                                coder, now)  # the lane is the coder, not the node
                for coder, found in spans.items() for start, end in found]
        self.viewer.set_coding(refs, styles)
        self.viewer.lanes = {c.id: lane for lane, c in enumerate(self.coders)}  # A left, B right
        self.viewer.margin.setFixedWidth(self.viewer.margin.sizeHint().width())
        self.viewer.margin.update()
        if self.first_load and refs:
            first = min(refs, key=lambda r: r.start)
            self.viewer.select_span(first.start, first.start)
        self.first_load = False
        same = spans[self.coders[0].id] == spans[self.coders[1].id]
        self.status.setText("Both coders agree here." if same else
                            f"{self.coders[0].name}: "
                            f"{counted(len(spans[self.coders[0].id]), 'excerpt')}; "
                            f"{self.coders[1].name}: "
                            f"{counted(len(spans[self.coders[1].id]), 'excerpt')}.")
        self.loaded.emit()

    def resolve(self, keep: str) -> None:
        project = self.window.project
        a, b = (c.id for c in self.coders)

        def done(resolution: Resolution) -> None:
            self.window.undo_stack.push(ResolutionCommand(self.window, resolution))
            self.window.apply(resolution.coding.changes)
            self.window.show_status(f"Resolved: {resolution.description} (Ctrl+Z undoes it)")
            self.resolved.emit()

        self.window.run_in_background(
            lambda: resolve(project, self.doc_id, self.node_id, a, b, keep), done)


def install(window) -> None:
    view = ComparisonView(window)
    dock = install_dock(window, view, "comparisonDock", "Coding comparison",
                        "Coding co&mparison", view.load_coders, load_on_open=True)
    window.changed.connect(lambda _c: view.refresh() if dock.isVisible() else None)
    window.comparison_view = view
