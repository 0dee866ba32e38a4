"""Documents ▸ Read again with the current reader: a document imported by an older reader
gets today's text, its excerpts and annotations carried over (coding/reread.py), as one undo
step. Nothing changes when any coded passage has no place in the new text: the researcher is
told which. Documents ▸ Read all documents again does it for each document in turn, with
progress and Cancel (coding/reread_all.py); those whose passages cannot all be found are left
as they were and listed; the whole pass is one undo step."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QProgressDialog

from app.background import StepRelay
from app.undo import DoneCommand
from coding.changes import Changes
from coding.errors import USER_ERRORS
from coding.ids import DocumentId
from coding.names import bulleted, counted
from coding.reread import RereadPlan, apply_reread, plan_reread
from coding.reread_all import PassReport, reread_all
from coding.reread_undo import ReadState, put_back, read_state

SHOWN_LOST = 10  # passages (or documents) named in a refusal; the rest counted


class RereadCommand(DoneCommand):
    """Undo puts each document back exactly as it was (its old text, pages and layout,
    excerpts and annotations where they stood); redo, as it was read again."""

    def __init__(self, window, label: str, before: list[ReadState],
                 after: list[ReadState]) -> None:
        super().__init__(window, label)
        self.before, self.after = before, after

    def _become(self, states: list[ReadState]) -> Changes:
        changes = Changes()
        for state in states:
            changes |= put_back(self.window.project, state)
        return changes

    def do(self) -> Changes:
        return self._become(self.after)

    def undo_it(self) -> Changes:
        return self._become(self.before)


def reread(window) -> None:
    doc_id = window.documents.current_id()
    project = window.project
    if doc_id is None or project is None:
        window.show_status("Choose a document first")
        return
    window.flush_edits()
    window.show_status(f"Reading {window.documents.name_of(doc_id)} again…")
    window.run_in_background(lambda: plan_reread(project, DocumentId(doc_id)),
                             lambda plan: _planned(window, plan),
                             lambda exc: window.show_status(str(exc)))


def _planned(window, plan: RereadPlan) -> None:
    if plan.unchanged:
        window.show_status(plan.summary)
        return
    if plan.lost:
        lines = bulleted([f"{m.named}: “{m.words}”" for m in plan.lost], SHOWN_LOST)
        QMessageBox.warning(window, "Read again", f"{plan.summary}.\n\nThe current reader reads "
                            f"these otherwise:\n{lines}")
        window.show_status(plan.summary)
        return
    moved = sum(m.kind != "annotation" for m in plan.moves)
    notes = len(plan.moves) - moved
    answer = QMessageBox.question(
        window, "Read again",
        f"Read {plan.name} again with the current reader? Its text is replaced by today's "
        f"reading; {counted(moved, 'excerpt')} and {counted(notes, 'annotation')} move to the "
        "same words in it.\nYou can undo this with Ctrl+Z.")
    if answer != QMessageBox.StandardButton.Yes:
        return
    project = window.project

    def work() -> tuple[ReadState, ReadState, Changes]:
        before = read_state(project, plan.document_id)
        changes = apply_reread(project, plan)
        return before, read_state(project, plan.document_id), changes

    def done(result: tuple[ReadState, ReadState, Changes]) -> None:
        before, after, changes = result
        command = RereadCommand(window, f"Read {plan.name} again", [before], [after])
        window.undo_stack.push(command)
        window.apply(changes)
        window.show_status(plan.summary)

    window.run_in_background(work, done, lambda exc: window.show_status(
        str(exc) if isinstance(exc, USER_ERRORS) else f"Not read again: {exc}"))


def reread_every_document(window) -> None:
    project = window.project
    if project is None or project.readonly:  # the action is disabled then (window.scope)
        return
    total = len(window.documents.docs)
    answer = QMessageBox.question(
        window, "Read all again",
        f"Read all {counted(total, 'document')} again with the current reader? Each gets "
        "today's reading, its excerpts and annotations moved to the same words in it. A "
        "document whose coded passages are not all found is left as it was, and listed.\n"
        "You can undo the whole pass with Ctrl+Z; a backup of the project is made first.")
    if answer != QMessageBox.StandardButton.Yes:
        return
    window.flush_edits()
    progress = QProgressDialog("Reading the documents again…", "Cancel", 0, total, window)
    progress.setObjectName("rereadProgress")
    progress.setMinimumDuration(300)
    relay = StepRelay(window)
    stop: list[bool] = []
    progress.canceled.connect(lambda: stop.append(True))

    def step(done: int, count: int, name: str) -> None:  # on the UI thread, by signal
        progress.setMaximum(count)
        progress.setValue(done)
        progress.setLabelText(f"Reading {name} again ({done + 1} of {count})…")

    relay.step.connect(step)

    def done(report: PassReport) -> None:
        progress.close()
        changed = report.changed
        if changed:
            window.undo_stack.push(RereadCommand(
                window, f"Read {counted(len(changed), 'document')} again",
                [o.before for o in changed if o.before is not None],
                [o.after for o in changed if o.after is not None]))
            ids = frozenset(o.document_id for o in changed)
            window.apply(Changes(documents=True, references=True, memos=True,
                                 document_ids=ids, texts=ids))
        window.show_status(report.summary)
        _report(window, report)

    def failed(exc: BaseException) -> None:
        progress.close()
        window.show_status(str(exc) if isinstance(exc, USER_ERRORS) else f"Stopped: {exc}")

    window.run_in_background(
        lambda: reread_all(project, keep_states=True, cancel=lambda: bool(stop),
                           step=lambda d, t, n: relay.step.emit(d, t, n)),
        done, failed)


def _report(window, report: PassReport) -> QMessageBox:
    """What the pass did; the documents left as they were, and why, listed."""
    refused = report.refused
    text = report.summary[:1].upper() + report.summary[1:] + "."
    if refused:
        names = bulleted([f"{o.name}: {o.refused}" for o in refused], SHOWN_LOST)
        text += (f"\n\nLeft as they were:\n{names}\n\nThe details below name the "
                 "passages that stand in the way.")
    box = QMessageBox(QMessageBox.Icon.Information, "Read all again", text,
                      QMessageBox.StandardButton.Ok, window)
    box.setObjectName("rereadReport")
    box.setDetailedText("\n".join(
        line for o in report.outcomes
        for line in (o.summary, *(f"    • {m.named}: “{m.words}”" for m in o.lost))))
    box.open()
    return box
