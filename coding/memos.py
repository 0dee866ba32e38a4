"""Memos: one per project, document, node, theory, case or reference, saved as typed."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, cast

from sqlalchemy import Table, delete, insert, select
from sqlalchemy.orm import Session

from coding.changes import Changes
from coding.errors import InvalidInput, NotFound
from coding.project import Project, new_guid
from storage.models import MEMO_TARGETS, Case, Document, Memo, Node, Reference, Theory, utcnow

_COLUMN = {
    "document": Memo.document_id,
    "node": Memo.node_id,
    "theory": Memo.theory_id,
    "reference": Memo.reference_id,
    "case": Memo.case_id,
}
_OWNER = {"document": Document, "node": Node, "theory": Theory, "reference": Reference,
          "case": Case}


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


def _require_owner(s: Session, target: str, target_id: int | None) -> None:
    """A memo is never written for something that is gone (it would be an orphan row)."""
    if target != "project" and s.get(_OWNER[target], target_id) is None:
        raise NotFound(f"the {target} {target_id} this memo belongs to no longer exists")


def get_memo(project: Project, target: str, target_id: int | None = None) -> str:
    _check(target, target_id)
    with project.db.reading() as s:
        memo = s.scalars(_query(target, target_id)).first()
        return memo.text if memo else ""


def set_memo(project: Project, target: str, target_id: int | None, text: str) -> Changes:
    """Write the memo's full text (the app calls this as the user types)."""
    return _write(project, target, target_id, lambda _old: text)


def _write(project: Project, target: str, target_id: int | None,
           new_text: Callable[[str], str]) -> Changes:
    """The memo's text becomes new_text(old text), in one transaction; made if missing."""
    _check(target, target_id)
    with project.db.transaction() as s:
        _require_owner(s, target, target_id)
        memo = s.scalars(_query(target, target_id)).first()
        if memo is None:
            memo = Memo(guid=new_guid(), target=target, text="")
            if target != "project":
                setattr(memo, _COLUMN[target].key, target_id)
            s.add(memo)
        text = new_text(memo.text or "")
        if memo.text != text:
            memo.coder_id = project.coder_id or None  # who wrote it last
        memo.text = text
        memo.updated_at = utcnow()
    return Changes(memos=True)


MEMO_TABLE = cast(Table, Memo.__table__)


def memo_rows(s: Session, ids: Iterable[int]) -> tuple[dict[str, Any], ...]:
    """Whole memo rows, to put back exactly later (undo of a step that moves memos)."""
    wanted = list(ids)
    return memo_rows_where(s, MEMO_TABLE.c.id.in_(wanted)) if wanted else ()


def memo_rows_where(s: Session, condition: Any) -> tuple[dict[str, Any], ...]:
    """Rows, never ORM objects: the database deletes a memo behind the session's back when
    its reference goes, and an object the session still held would be stale."""
    return tuple(dict(r) for r in s.execute(
        select(MEMO_TABLE).where(condition).order_by(MEMO_TABLE.c.id)).mappings())


def put_memo_rows(s: Session, remove: Iterable[int], rows: Iterable[dict[str, Any]]) -> None:
    """Delete the memos `remove` names, then write `rows` back with their own ids."""
    s.flush()  # the session's own changes first, in their order
    gone, wanted = list(remove), [dict(r) for r in rows]
    if gone:
        s.execute(delete(MEMO_TABLE).where(MEMO_TABLE.c.id.in_(gone)))
    if wanted:
        s.execute(delete(MEMO_TABLE).where(MEMO_TABLE.c.id.in_([r["id"] for r in wanted])))
        s.execute(insert(MEMO_TABLE), wanted)


def memo_target_exists(project: Project, target: str, target_id: int | None) -> bool:
    """Whether the thing a memo is about is still there: an editor left showing a deleted
    node's memo would take typing that has nowhere to go."""
    _check(target, target_id)
    if target == "project":
        return True
    with project.db.reading() as s:
        return s.get(_OWNER[target], target_id) is not None


def append_memo(project: Project, target: str, target_id: int | None, text: str) -> Changes:
    """Add a paragraph to the memo (the command line's `memo --append`), in one transaction."""
    return _write(project, target, target_id,
                  lambda old: f"{old.rstrip()}\n\n{text}" if old.strip() else text)
