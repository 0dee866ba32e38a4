"""Memos: one per project, document, node, theory, case or reference, saved as typed."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

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


MEMO_FIELDS = ("id", "guid", "target", "document_id", "node_id", "theory_id", "reference_id",
               "case_id", "text", "created_at", "updated_at", "coder_id")


def memo_rows(s: Session, ids: Iterable[int]) -> tuple[dict[str, Any], ...]:
    """Whole memo rows, to put back exactly later (undo of a step that moves memos)."""
    wanted = list(ids)
    if not wanted:
        return ()
    memos = s.scalars(select(Memo).where(Memo.id.in_(wanted)).order_by(Memo.id)).all()
    return tuple({f: getattr(m, f) for f in MEMO_FIELDS} for m in memos)


def put_memo_rows(s: Session, remove: Iterable[int], rows: Iterable[dict[str, Any]]) -> None:
    """Delete the memos `remove` names, then write `rows` back with their own ids."""
    gone = list(remove)
    if gone:
        s.execute(delete(Memo).where(Memo.id.in_(gone)))
        s.flush()
    for row in rows:
        s.merge(Memo(**row))
    s.flush()
