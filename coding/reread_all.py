"""Reading every document of a project again with the current reader.

A project coded for months holds documents imported by several versions of the reader; each
fix of the reader reaches them only when they are read again (`coding.reread`). One document
at a time that is dozens of menu clicks, so here they go one after another, each in its own
transaction and each all-or-nothing as for one: a document whose coded passages cannot all be
found is left as it was and named, and the others are read again all the same. A backup of
the project comes first (undo ends with the session; the backup stays). With `keep_states`
each document read again keeps its state before and after (`coding.reread_undo`), for an undo
of the whole pass.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select

from coding.backups import backup_before_reread
from coding.errors import InvalidInput
from coding.ids import DocumentId
from coding.names import counted
from coding.project import Project
from coding.reread import Moved, apply_reread, plan_reread
from coding.reread_undo import ReadState, read_state
from storage.models import Document


@dataclass(frozen=True)
class Outcome:
    """What happened to one document: read again (`changed`), the same text already, or left
    as it was with the reason (`refused`: its words of these passages are not in the new
    text; or it cannot be read again at all, a scan say)."""

    document_id: DocumentId
    name: str
    summary: str
    changed: bool = False
    refused: str = ""
    lost: tuple[Moved, ...] = ()
    before: ReadState | None = None
    after: ReadState | None = None


@dataclass(frozen=True)
class PassReport:
    outcomes: tuple[Outcome, ...]
    stopped: bool = False  # cancelled: the documents after the last one listed were not read

    @property
    def changed(self) -> tuple[Outcome, ...]:
        return tuple(o for o in self.outcomes if o.changed)

    @property
    def refused(self) -> tuple[Outcome, ...]:
        return tuple(o for o in self.outcomes if o.refused)

    @property
    def summary(self) -> str:
        same = len(self.outcomes) - len(self.changed) - len(self.refused)
        text = (f"{counted(len(self.changed), 'document')} read again, {same} the same already, "
                f"{len(self.refused)} left as they were")
        return text + (" (stopped: the rest were not read)" if self.stopped else "")


def reread_all(
    project: Project,
    *,
    dry_run: bool = False,
    keep_states: bool = False,
    step: Callable[[int, int, str], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> PassReport:
    """Every document, in the order they were imported; `step(done, total, name)` before each.
    A backup of the project is made first (kind "before-reread"); a `dry_run` plans each and
    changes nothing."""
    with project.db.reading() as s:
        documents = list(s.execute(select(Document.id, Document.name).order_by(Document.id)))
    if documents and not dry_run:
        backup_before_reread(project.path)
    outcomes: list[Outcome] = []
    for done, (doc_id, name) in enumerate(documents):
        if cancel is not None and cancel():
            return PassReport(tuple(outcomes), stopped=True)
        if step is not None:
            step(done, len(documents), name)
        outcomes.append(_one(project, DocumentId(doc_id), name, dry_run, keep_states))
    return PassReport(tuple(outcomes))


def _one(project: Project, doc_id: DocumentId, name: str, dry_run: bool,
         keep_states: bool) -> Outcome:
    try:
        plan = plan_reread(project, doc_id)
        if plan.unchanged:
            return Outcome(doc_id, name, plan.summary)
        if plan.lost:
            return Outcome(doc_id, name, plan.summary,
                           refused="coded passages not in the new text", lost=plan.lost)
        if dry_run:
            return Outcome(doc_id, name, plan.summary, changed=True)
        before = read_state(project, doc_id) if keep_states else None
        apply_reread(project, plan)
        after = read_state(project, doc_id) if keep_states else None
        return Outcome(doc_id, name, plan.summary, changed=True, before=before, after=after)
    except InvalidInput as exc:  # a scan, no stored original, coded while it was read
        return Outcome(doc_id, name, str(exc), refused=str(exc))
