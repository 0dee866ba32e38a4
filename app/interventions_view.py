"""Documents grouped by intervention (a review's table 2), with a CSV export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from app.close_button import close_button
from app.export_action import export_to
from app.screen_fit import sized
from coding.project import Project
from coding.realist.intervention_table import export_interventions_csv, intervention_table


class InterventionsDialog(QDialog):
    def __init__(self, window, project: Project) -> None:
        super().__init__(window)
        self.window = window
        self.project = project
        self.setObjectName("interventionsDialog")
        self.setWindowTitle("Documents by intervention")
        sized(self, 900, 400)
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
        closing = close_button(self)
        closing.addButton(export, closing.ButtonRole.ActionRole)
        layout.addWidget(closing)

    def export_csv(self, path: Path | None = None) -> None:
        project = self.project
        export_to(self.window, self, "Export table", "interventions.csv", "CSV (*.csv)",
                  lambda target: export_interventions_csv(project, target), "rows", path)
