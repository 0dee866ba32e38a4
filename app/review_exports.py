"""Review ▸ Export: coded excerpts (CSV, CSV for Excel, Excel workbook), node report, codebook.

One dialog holds the shared reference filter (node with or without descendants, document,
intervention, relevance, rigour) and the target file; the export runs off the UI thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app import folders
from app.export_action import refused
from app.review_widgets import ANY
from coding.cases import list_cases
from coding.coders import list_coders
from coding.documents import list_documents
from coding.errors import InvalidInput
from coding.exports.codebook import write_codebook_csv, write_codebook_docx
from coding.exports.csv_export import export_references_csv
from coding.exports.node_report import write_node_report
from coding.exports.xlsx_export import export_references_xlsx
from coding.filters import ReferenceFilter
from coding.nodes import list_nodes
from storage.models import RATINGS

FORMATS = {
    "Coded excerpts — CSV (UTF-8)": (".csv", "excerpts_csv"),
    "Coded excerpts — CSV for Excel (UTF-8 with BOM)": (".csv", "excerpts_csv_bom"),
    "Coded excerpts — Excel, one sheet per node": (".xlsx", "xlsx_node"),
    "Coded excerpts — Excel, one sheet per topic": (".xlsx", "xlsx_topic"),
    "Node report — Word (needs a node)": (".docx", "report"),
    "Codebook — CSV": (".csv", "codebook_csv"),
    "Codebook — Word": (".docx", "codebook_docx"),
}


def run_export(project, kind: str, path: Path, flt: ReferenceFilter) -> int:
    """The coding-layer call behind each choice; returns how many rows or excerpts were written."""
    if kind in ("excerpts_csv", "excerpts_csv_bom"):
        return export_references_csv(project, path, bom=kind.endswith("bom"), flt=flt)
    if kind.startswith("xlsx_"):
        return export_references_xlsx(project, path, sheets=kind[5:], flt=flt)
    if kind == "report":
        if not flt.node_ids:
            raise InvalidInput("choose the node to report on")
        return write_node_report(project, flt.node_ids[0], path, flt=flt)
    if kind == "codebook_csv":
        return write_codebook_csv(project, path)
    return write_codebook_docx(project, path)


class ExportDialog(QDialog):
    exported = Signal(int)

    def __init__(self, window, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setWindowTitle("Export")
        self.setObjectName("exportDialog")
        self.window = window
        project = window.project
        self.format = QComboBox()
        self.format.addItems(list(FORMATS))
        self.node = QComboBox()
        self.node.addItem(ANY, None)
        self.descendants = QCheckBox("with the nodes under it")
        self.descendants.setChecked(True)
        self.document = QComboBox()
        self.document.addItem(ANY, None)
        self.intervention = QComboBox()
        self.intervention.addItem(ANY, None)
        if project is not None:
            for n in list_nodes(project):
                self.node.addItem(n.path, n.id)
            for d in list_documents(project):
                self.document.addItem(d.name, d.id)
            for c in list_cases(project):
                self.intervention.addItem(f"#{c.number} {c.name}", c.id)
        self.relevance = QComboBox()
        self.relevance.addItems([ANY, *RATINGS])
        self.rigour = QComboBox()
        self.rigour.addItems([ANY, *RATINGS])
        self.coder = QComboBox()
        self.coder.setObjectName("exportCoder")
        self.coder.addItem(ANY, None)
        if project is not None:
            for coder in list_coders(project):
                self.coder.addItem(coder.label, coder.id)
        self.path = QLineEdit()
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        target = QHBoxLayout()
        target.addWidget(self.path, 1)
        target.addWidget(browse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.export)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        node_row = QHBoxLayout()
        node_row.addWidget(self.node, 1)
        node_row.addWidget(self.descendants)
        for label, item in (("What", self.format), ("Node", node_row),
                            ("Document", self.document), ("Intervention", self.intervention),
                            ("Relevance", self.relevance), ("Rigour", self.rigour),
                            ("Coder", self.coder), ("File", target)):
            form.addRow(label, item)
        form.addRow(buttons)

    def reference_filter(self) -> ReferenceFilter:
        def one(combo: QComboBox) -> tuple:
            return () if combo.currentData() is None else (combo.currentData(),)

        def rating(combo: QComboBox) -> tuple[str, ...]:
            return () if combo.currentText() == ANY else (combo.currentText(),)

        return ReferenceFilter(
            node_ids=one(self.node), with_descendants=self.descendants.isChecked(),
            document_ids=one(self.document), case_ids=one(self.intervention),
            relevance=rating(self.relevance), rigour=rating(self.rigour),
            coder_ids=one(self.coder),
        )

    def _browse(self) -> None:
        suffix = FORMATS[self.format.currentText()][0]
        name, _ = QFileDialog.getSaveFileName(
            self, "Export to", folders.start_in(self.window, folders.EXPORT, f"export{suffix}"),
            f"*{suffix}")
        if name:
            folders.remember(folders.EXPORT, Path(name))
            self.path.setText(name)

    def export(self) -> None:
        project, text = self.window.project, self.path.text().strip()
        if project is None or not text:
            self.window.show_status("Choose a file to export to")
            return
        suffix, kind = FORMATS[self.format.currentText()]
        path = Path(text) if Path(text).suffix else Path(text + suffix)
        if refused(self.window, self, path):
            return
        flt = self.reference_filter()

        def done(count: int) -> None:
            self.window.show_status(f"Wrote {count} to {path}")
            self.exported.emit(count)
            self.accept()

        self.window.run_in_background(lambda: run_export(project, kind, path, flt), done)


def install(window) -> None:
    def show() -> None:
        if window.project is None:
            window.show_status("Open a project first")
            return
        ExportDialog(window).open()

    window.menu_named("&Review").addAction("&Export…", show)
