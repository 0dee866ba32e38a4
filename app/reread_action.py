"""Documents ▸ Read again with the current reader: a document imported by an older reader
gets today's text, its excerpts and annotations carried over (coding/reread.py), as one undo
step. Nothing changes when any coded passage has no place in the new text: the researcher is
told which."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from app.undo import DoneCommand
from coding.changes import Changes
from coding.document_history import DocumentSnapshot, restore_document, snapshot_document
from coding.documents import delete_document
from coding.errors import USER_ERRORS
from coding.ids import DocumentId
from coding.names import counted
from coding.reread import RereadPlan, apply_reread, plan_reread

SHOWN_LOST = 10  # passages named in the refusal; the rest counted


class RereadCommand(DoneCommand):
    """Undo puts the document back exactly as it was (its old text, excerpts where they
    stood); redo, as it was read again."""

    def __init__(self, window, before: DocumentSnapshot, after: DocumentSnapshot) -> None:
        super().__init__(window, f"Read {before.name} again")
        self.before, self.after = before, after

    def _become(self, snapshot: DocumentSnapshot) -> Changes:
        delete_document(self.window.project, snapshot.document_id)
        return restore_document(self.window.project, snapshot) | Changes(
            texts=frozenset({snapshot.document_id}))

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
        lines = "\n".join(f"• {m.kind} at {m.old[0]}–{m.old[1]}: “{m.words}”"
                          for m in plan.lost[:SHOWN_LOST])
        more = f"\n… and {len(plan.lost) - SHOWN_LOST} more" if len(plan.lost) > SHOWN_LOST else ""
        QMessageBox.warning(window, "Read again", f"{plan.summary}.\n\nThe current reader reads "
                            f"these otherwise:\n{lines}{more}")
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

    def work() -> tuple[DocumentSnapshot, DocumentSnapshot, Changes]:
        before = snapshot_document(project, plan.document_id)
        changes = apply_reread(project, plan)
        return before, snapshot_document(project, plan.document_id), changes

    def done(result: tuple[DocumentSnapshot, DocumentSnapshot, Changes]) -> None:
        before, after, changes = result
        command = RereadCommand(window, before, after)
        window.undo_stack.push(command)
        window.apply(changes)
        window.show_status(plan.summary)

    window.run_in_background(work, done, lambda exc: window.show_status(
        str(exc) if isinstance(exc, USER_ERRORS) else f"Not read again: {exc}"))
