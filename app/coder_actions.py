"""Who is coding, and a colleague's coding brought in.

- The identity dialog: asked on first start (`ensure_identity`, from app/main.py) and from
  Edit ▸ Preferences…; saved with `coding.identity` in the INI file the CLI reads too.
- File ▸ Merge project…: a colleague's `.realist` or a `.qdpx`, merged off the UI thread in one
  transaction with progress, one undo step, and a report of what came in and what did not.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QWidget,
)

from app import folders
from app.background import StepRelay
from app.undo import DoneCommand
from coding.changes import Changes
from coding.errors import USER_ERRORS
from coding.exchange.merge import MergeReport, merge_project
from coding.exchange.merge_undo import MergeRecord, redo_merge, undo_merge
from coding.identity import (
    MAX_INITIALS,
    CoderIdentity,
    current_identity,
    initials_of,
    save_identity,
    stored_identity,
)
from coding.names import counted


class IdentityDialog(QDialog):
    """Name and initials; the initials follow the name until the researcher edits them."""

    def __init__(self, parent: QWidget | None = None, first_start: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("identityDialog")
        self.setWindowTitle("Welcome to Realist Coder" if first_start else "Preferences")
        self.setMinimumWidth(460)
        who = stored_identity() or current_identity()
        self.name = QLineEdit(who.name if stored_identity() else "")
        self.name.setObjectName("coderName")
        self.name.setPlaceholderText("e.g. Ana Silva")
        self.initials = QLineEdit(who.initials if stored_identity() else "")
        self.initials.setObjectName("coderInitials")
        self.initials.setMaxLength(MAX_INITIALS)
        self._initials_edited = bool(stored_identity())
        self.initials.textEdited.connect(lambda _t: setattr(self, "_initials_edited", True))
        self.name.textChanged.connect(self._name_changed)
        form = QFormLayout(self)
        intro = QLabel("Your name is recorded with every excerpt, rating and memo you make, so "
                       "a second reviewer's coding can be merged and compared with yours. It is "
                       "kept for this user on this computer (the command line uses it too).")
        intro.setWordWrap(True)
        form.addRow(intro)
        form.addRow("&Name", self.name)
        form.addRow("&Initials", self.initials)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self._name_changed(self.name.text())
        # The wrapped intro asks for the height it needs at its narrow hint; at the dialog's
        # real width it needs less, and the rest showed as a blank band under the buttons.
        self.resize(self.minimumWidth(), form.heightForWidth(self.minimumWidth()))

    def _name_changed(self, text: str) -> None:
        if not self._initials_edited:
            self.initials.setText(initials_of(text) if text.strip() else "")
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(bool(text.strip()))

    def save(self) -> CoderIdentity:
        return save_identity(self.name.text(), self.initials.text())


def ensure_identity(parent: QWidget | None = None) -> None:
    """On first start (no saved name), ask once; dismissing it codes under the login name
    and asks again next time. Not when `--coder` or REALIST_CODER says who is coding: the
    name is given, and a lab's shared computer started per person would ask every time."""
    if stored_identity() is not None or current_identity().source in ("option", "environment"):
        return
    dialog = IdentityDialog(parent, first_start=True)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        try:
            dialog.save()
        except USER_ERRORS as exc:
            QMessageBox.warning(parent, "Realist Coder", str(exc))


def edit_identity(window) -> None:
    dialog = IdentityDialog(window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    try:
        who = dialog.save()
    except USER_ERRORS as exc:
        QMessageBox.warning(window, "Preferences", str(exc))
        return
    project = window.project
    if project is None:
        window.show_status(f"Coding as {who.name} ({who.initials})")
        return
    window.run_in_background(
        lambda: project.use_identity(who),
        lambda _id: window.show_status(f"Coding as {who.name} ({who.initials})"))


class MergeCommand(DoneCommand):
    def __init__(self, window, merged: MergeRecord, source: str) -> None:
        super().__init__(window, f"merge of {source}")
        self.merged = merged

    def do(self) -> Changes:
        return redo_merge(self.window.project, self.merged)

    def undo_it(self) -> Changes:
        return undo_merge(self.window.project, self.merged)


def merge_into_project(window, path: Path | None = None) -> None:
    project = window.project
    if project is None:
        return
    if project.readonly:
        QMessageBox.information(window, "Merge project", "This project is open read-only.")
        return
    path = path or folders.ask_import(
        window, "Merge a colleague's project",
        "Projects (*.realist *.qdpx);;Realist Coder (*.realist);;REFI-QDA (*.qdpx)")
    if path is None:
        return
    progress = QProgressDialog(f"Merging {path.name}…", "", 0, 0, window)
    progress.setObjectName("mergeProgress")
    progress.setCancelButton(None)  # one transaction: it lands whole or not at all
    progress.setMinimumDuration(300)
    relay = StepRelay(window)

    def step(done: int, total: int, name: str) -> None:  # on the UI thread, by signal
        progress.setMaximum(total)
        progress.setValue(done)
        progress.setLabelText(f"Merging {name}…")

    relay.step.connect(step)
    source = path

    def done(report: MergeReport) -> None:
        progress.close()
        if report.added_anything:
            window.undo_stack.push(MergeCommand(window, report.undo, source.name))
        window.apply(report.changes)
        window.show_status(f"Merged {source.name}: "
                           f"{counted(sum(report.references_added.values()), 'reference')} added")
        show_report(window, report)

    def failed(exc: BaseException) -> None:
        progress.close()
        QMessageBox.warning(window, "Merge project", f"{source.name}: nothing was merged.\n\n{exc}")

    window.run_in_background(
        lambda: merge_project(project, source, progress=lambda d, t, n: relay.step.emit(d, t, n)),
        done, failed)


def show_report(window, report: MergeReport) -> QMessageBox:
    lines = report.lines()  # the command line's ("merged from b.realist"): a sentence here
    lines = [line[:1].upper() + line[1:] for line in lines]
    box = QMessageBox(QMessageBox.Icon.Information, "Merge project", "\n".join(lines[:4]),
                      QMessageBox.StandardButton.Ok, window)
    box.setObjectName("mergeReport")
    box.setDetailedText("\n".join(lines))
    box.open()  # not exec(): the report never blocks the event loop
    window.merge_report = box
    return box


def install(window) -> None:
    file_menu = window.menu_named("&File")
    # put beside the other ways work comes in by app.menus.finish_menus
    merge = file_menu.addAction("&Merge project…", lambda: merge_into_project(window))
    merge.setToolTip("Bring a colleague's coding in from their project (.realist) or a .qdpx")
    window.scope.edits(merge)  # it writes into the open project
    window.scope.free(window.menu_named("&Edit").addAction(
        "Pre&ferences…", lambda: edit_identity(window)))  # who is coding: no project needed
