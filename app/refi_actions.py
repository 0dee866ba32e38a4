"""File ▸ REFI-QDA exchange: export the project or codebook, import a .qdpx or a .qdc.

A .qdpx import never touches the open project: it builds a new project file and opens it,
then lists what could not come over, so a researcher moving from NVivo or ATLAS.ti sees
exactly what to check. Everything runs off the UI thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from app import folders
from app.export_action import export_to
from app.theory_undo import Step, StepCommand
from coding import import_undo
from coding.exchange.refi_codebook import export_qdc
from coding.exchange.refi_export import export_qdpx
from coding.exchange.refi_import import ImportSummary, import_qdc, import_qdpx
from coding.names import counted
from coding.project import PROJECT_SUFFIX

MENU_TITLE = "REFI-QDA e&xchange"


def export_project(window, path: Path | None = None) -> None:
    project = window.project
    export_to(window, window, "Export project as REFI-QDA", f"{project.name}.qdpx",
              "REFI-QDA project (*.qdpx)", lambda p: export_qdpx(project, p).selections,
              "coded excerpts", path)


def export_codebook(window, path: Path | None = None) -> None:
    project = window.project
    export_to(window, window, "Export codebook as REFI-QDA", f"{project.name}.qdc",
              "REFI-QDA codebook (*.qdc)", lambda p: export_qdc(project, p), "codes", path)


def import_codebook(window, path: Path | None = None) -> None:
    path = path or folders.ask_import(window, "Import REFI-QDA codebook", "REFI-QDA codebook (*.qdc)")
    if path is None:
        return
    project, source = window.project, path

    def work() -> tuple[int, Step]:
        was = import_undo.before(project)
        count, changes = import_qdc(project, source)
        added = import_undo.added_since(project, was)
        return count, Step(f"Import codebook {source.name}", changes,
                           lambda: import_undo.take_back(project, added),
                           lambda: import_undo.put_back(project, added))

    def done(result: tuple[int, Step]) -> None:
        count, step = result
        if count:  # one undo step takes every code back
            window.undo_stack.push(StepCommand(window, step))
        window.apply(step.changes)
        window.show_status(f"Added {counted(count, 'code')} from {source.name}")

    window.run_in_background(work, done)


def import_project(window, source: Path | None = None, target: Path | None = None) -> None:
    """Ask for the .qdpx and for the new project's file, build it, then open it."""
    source = source or folders.ask_import(window, "Import REFI-QDA project", "REFI-QDA project (*.qdpx)")
    if source is None:
        return
    if target is None:
        default = str(source.with_suffix(PROJECT_SUFFIX))
        name, _ = QFileDialog.getSaveFileName(window, "Save the imported project as", default,
                                              f"Realist Coder project (*{PROJECT_SUFFIX})")
        if not name:
            return
        target = Path(name)
    qdpx, new = source, target
    window.show_status(f"Importing {qdpx.name}…")

    def done(summary: ImportSummary) -> None:
        if window.open_project(summary.path):
            report(window, summary)

    window.run_in_background(lambda: import_qdpx(qdpx, new), done)


def report(window, summary: ImportSummary) -> QMessageBox:
    """Non-modal, so the researcher can look at the project while reading the list."""
    text = (f"Imported {counted(summary.documents, 'document')}, "
            f"{counted(summary.codes, 'code')}, {counted(summary.references, 'coded excerpt')}, "
            f"{counted(summary.memos, 'memo')} and {counted(summary.cases, 'intervention')}.")
    box = QMessageBox(QMessageBox.Icon.Information, "REFI-QDA import", text, parent=window)
    if summary.not_imported or summary.notes:
        box.setInformativeText("Some things could not be brought over, or need a check; "
                               "see the details.")
        box.setDetailedText("\n".join([*(f"Not imported: {x}" for x in summary.not_imported),
                                       *(f"Note: {x}" for x in summary.notes)]))
    box.setObjectName("refiImportReport")
    box.open()
    window.show_status(text)
    return box


def install(window) -> None:
    file_menu = window.menu_named("&File")
    menu = QMenu(MENU_TITLE, window)
    scope = window.scope
    scope.needs_project(menu.addAction("Export project (.qdpx)…", lambda: export_project(window)))
    scope.needs_project(menu.addAction("Export codebook (.qdc)…", lambda: export_codebook(window)))
    menu.addSeparator()
    scope.free(menu.addAction("Import project (.qdpx) as a new project…",
                              lambda: import_project(window)))
    scope.edits(menu.addAction("Import codebook (.qdc) into this project…",
                               lambda: import_codebook(window)))
    file_menu.addMenu(menu)  # put in its group by app.menus.finish_menus
