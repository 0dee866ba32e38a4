"""Undo and redo of a merge: every row it added, and every memo it appended to, kept whole.

A merge only adds rows (and appends to memos), so what it did is found by difference inside its
own transaction: rows whose id lies past the table's largest id before the merge, link rows
that were not there, memos whose text changed. Undo deletes those rows and puts the memos'
old texts back; redo writes the same rows, with the same ids, so undo steps recorded after the
merge (a rating of a merged reference) still find them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, and_, delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from coding.changes import Changes
from coding.project import Project
from storage.models import Base, DeletedReference

# parents before children: redo inserts in this order, undo deletes in the reverse
ID_TABLES = ("coders", "documents", "nodes", "topics", "theories", "theory_log", "references",
             "memos", "annotations", "node_links")
LINK_TABLES = {  # table -> its key columns
    "document_pages": ("document_id", "number"),
    "theory_elements": ("theory_id", "node_id"),
    "appraisals": ("document_id",),
    "appraisal_answers": ("document_id", "question"),
}
ORDER = ("coders", "documents", "document_pages", "nodes", "topics", "theories", "theory_log",
         "theory_elements", "references", "memos", "annotations", "node_links", "appraisals",
         "appraisal_answers")


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


@dataclass
class Marks:
    """The project just before the merge."""

    top_ids: dict[str, int]
    keys: dict[str, set[tuple[Any, ...]]]
    memo_texts: dict[int, tuple[str, Any]]  # id -> (text, updated_at)


@dataclass
class MergeRecord:
    added: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    memos_before: list[dict[str, Any]] = field(default_factory=list)
    memos_after: list[dict[str, Any]] = field(default_factory=list)
    changes: Changes = field(default_factory=Changes)


def marks(s: Session) -> Marks:
    tops = {name: s.scalar(select(func.coalesce(func.max(_table(name).c.id), 0))) or 0
            for name in ID_TABLES}
    keys = {name: {tuple(r) for r in s.execute(select(*(_table(name).c[c] for c in cols)))}
            for name, cols in LINK_TABLES.items()}
    memos = _table("memos")
    texts = {i: (t, when) for i, t, when in s.execute(
        select(memos.c.id, memos.c.text, memos.c.updated_at))}
    return Marks(tops, keys, texts)


def record(s: Session, before: Marks, changes: Changes) -> MergeRecord:
    """What the merge added (to be called at the end of its transaction)."""
    out = MergeRecord(changes=changes)
    for name in ID_TABLES:
        table = _table(name)
        rows = s.execute(select(table).where(table.c.id > before.top_ids[name])
                         .order_by(table.c.id)).mappings().all()
        out.added[name] = [dict(r) for r in rows]
    for name, cols in LINK_TABLES.items():
        table = _table(name)
        rows = s.execute(select(table)).mappings().all()
        out.added[name] = [dict(r) for r in rows
                           if tuple(r[c] for c in cols) not in before.keys[name]]
    memos = _table("memos")
    changed = [i for i, text in s.execute(select(memos.c.id, memos.c.text))
               if i in before.memo_texts and before.memo_texts[i][0] != text]
    if changed:
        after = s.execute(select(memos).where(memos.c.id.in_(changed))).mappings().all()
        out.memos_after = [dict(r) for r in after]
        out.memos_before = [{**r, "text": before.memo_texts[r["id"]][0],
                             "updated_at": before.memo_texts[r["id"]][1]}
                            for r in out.memos_after]
    return out


def _key_condition(name: str, rows: list[dict[str, Any]]) -> Any:
    table = _table(name)
    cols = LINK_TABLES.get(name, ("id",))
    return or_(*(and_(*(table.c[c] == r[c] for c in cols)) for r in rows))


def undo_merge(project: Project, merged: MergeRecord) -> Changes:
    with project.db.transaction() as s:
        for name in reversed(ORDER):
            rows = merged.added.get(name, [])
            for chunk in range(0, len(rows), 500):
                s.execute(delete(_table(name)).where(
                    _key_condition(name, rows[chunk:chunk + 500])))
        # taking a merge back is no deletion: merged again, its references come in again
        guids = [r["guid"] for r in merged.added.get("references", [])]
        for chunk in range(0, len(guids), 500):
            s.execute(delete(DeletedReference).where(
                DeletedReference.guid.in_(guids[chunk:chunk + 500])))
        _put_memo_texts(s, merged.memos_before)
    return merged.changes


def redo_merge(project: Project, merged: MergeRecord) -> Changes:
    with project.db.transaction() as s:
        for name in ORDER:
            rows = merged.added.get(name, [])
            if rows:
                s.execute(insert(_table(name)), rows)
        _put_memo_texts(s, merged.memos_after)
    return merged.changes


def _put_memo_texts(s: Session, rows: list[dict[str, Any]]) -> None:
    memos = _table("memos")
    for row in rows:
        s.execute(update(memos).where(memos.c.id == row["id"])
                  .values(text=row["text"], updated_at=row["updated_at"]))
