"""Memos: one per project, document, node, theory, case or reference, saved as typed."""

from __future__ import annotations

from sqlalchemy import select

from coding.changes import Changes
from coding.errors import InvalidInput
from coding.project import Project, new_guid
from storage.models import MEMO_TARGETS, Memo, utcnow

_COLUMN = {
    "document": Memo.document_id,
    "node": Memo.node_id,
    "theory": Memo.theory_id,
    "reference": Memo.reference_id,
    "case": Memo.case_id,
}


def _check(target: str, target_id: int | None) -> None:
    if target not in MEMO_TARGETS:
        raise InvalidInput(f"memos attach to one of {', '.join(MEMO_TARGETS)}, not '{target}'")
    if (target == "project") != (target_id is None):
        raise InvalidInput("a project memo takes no id; every other memo needs one")


def _query(target: str, target_id: int | None):  # type: ignore[no-untyped-def]
    query = select(Memo).where(Memo.target == target)
    if target != "project":
        query = query.where(_COLUMN[target] == target_id)
    return query


def get_memo(project: Project, target: str, target_id: int | None = None) -> str:
    _check(target, target_id)
    with project.db.reading() as s:
        memo = s.scalars(_query(target, target_id)).first()
        return memo.text if memo else ""


def set_memo(project: Project, target: str, target_id: int | None, text: str) -> Changes:
    """Write the memo's full text (the app calls this as the user types)."""
    _check(target, target_id)
    with project.db.transaction() as s:
        memo = s.scalars(_query(target, target_id)).first()
        if memo is None:
            memo = Memo(guid=new_guid(), target=target)
            if target != "project":
                setattr(memo, _COLUMN[target].key, target_id)
            s.add(memo)
        if memo.text != text:
            memo.coder_id = project.coder_id or None  # who wrote it last
        memo.text = text
        memo.updated_at = utcnow()
    return Changes(memos=True)
