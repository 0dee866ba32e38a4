"""Documents grouped by intervention (a review's table 2), with a CSV export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from coding.intervention_table import export_interventions_csv, intervention_table
from coding.project import Project


class InterventionsDialog(QDialog):
    def __init__(self, window, project: Project) -> None:
        super().__init__(window)
        self.window = window
        self.project = project
        self.setObjectName("interventionsDialog")
        self.setWindowTitle("Documents by intervention")
        self.resize(900, 400)
        table = intervention_table(project)
        self.table = QTableWidget(len(table.rows), len(table.header))
        self.table.setHorizontalHeaderLabels(list(table.header))
        for r, row in enumerate(table.rows):
            for c, value in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        export = QPushButton("&Export CSV…")
        export.clicked.connect(lambda: self.export_csv())
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(export)

    def export_csv(self, path: Path | None = None) -> None:
        if path is None:
            name, _ = QFileDialog.getSaveFileName(self, "Export table", "interventions.csv",
                                                  "CSV (*.csv)")
            if not name:
                return
            path = Path(name)
        project = self.project
        self.window.run_in_background(
            lambda: export_interventions_csv(project, path),
            lambda count: self.window.show_status(f"Wrote {count} rows to {path}"))
