"""An excerpt's memo goes where its words go.

Coding that merges excerpts, uncoding that trims or splits one, and recoding all replace
reference rows, and the database takes a reference's memo with its row. `MemoMoves` writes
each memo again on the reference that now holds its words - the merged one (memos of merged
excerpts joined, one memo per reference), each piece of a split excerpt, the recoded one, a
resolution's agreed one or, when a resolution set the words aside, the node's memo - and
remembers every memo row as it was before the action and as it is after, so undo and redo put
memos back exactly with the references (`coding.reference_undo`).

Rows are read and written as table rows (`coding.memos.memo_rows_where`), never as ORM
objects: the database deletes a memo behind the session's back when its reference goes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert, update
from sqlalchemy.orm import Session

from coding.memos import MEMO_TABLE as MEMOS
from coding.memos import memo_rows, memo_rows_where
from coding.project import new_guid
from storage.models import utcnow

Row = dict[str, Any]


@dataclass
class MemoMoves:
    before: dict[int, Row] = field(default_factory=dict)  # memo id: its row before the action
    touched: set[int] = field(default_factory=set)  # memo ids written by the action

    def take(self, s: Session, reference_ids: Sequence[int]) -> list[Row]:
        """The memos of references about to be deleted, remembered as they were."""
        if not reference_ids:
            return []
        rows = list(memo_rows_where(s, MEMOS.c.reference_id.in_(list(reference_ids))))
        for row in rows:
            self.before.setdefault(row["id"], row)
        return rows

    def give(self, s: Session, rows: Sequence[Row], reference_id: int, copy: bool = False) -> None:
        """Write `rows` (taken from deleted references) on `reference_id`, joined into its own
        memo if it has one; `copy` writes new memos (the second piece of a split excerpt)."""
        if not rows:
            return
        texts = [r["text"] for r in rows if r["text"].strip()]
        own = memo_rows_where(s, MEMOS.c.reference_id == reference_id)
        if own:
            memo = own[0]
            self.before.setdefault(memo["id"], memo)
            if texts:
                s.execute(update(MEMOS).where(MEMOS.c.id == memo["id"]).values(
                    text="\n\n".join([memo["text"], *texts]).strip(), updated_at=utcnow()))
            self.touched.add(memo["id"])
            return
        row = {**rows[0], "reference_id": reference_id, "text": "\n\n".join(texts)}
        if len(rows) > 1:
            row["updated_at"] = max(r["updated_at"] for r in rows)
        if copy:
            del row["id"]
            row["guid"] = new_guid()
        self.touched.add(s.execute(insert(MEMOS).values(**row).returning(MEMOS.c.id)).scalar_one())

    def give_node(self, s: Session, row: Row, node_id: int, text: str) -> None:
        """Write `text` (what `row`, taken from a deleted reference, said, as the caller words
        it for its new place) into the node's memo: no excerpt of the coder's holds those
        words any more (a resolution set them aside), and the node is what they were about."""
        own = memo_rows_where(s, MEMOS.c.node_id == node_id)
        if own:
            memo = own[0]
            self.before.setdefault(memo["id"], memo)
            if text not in memo["text"]:
                old = memo["text"].rstrip()
                s.execute(update(MEMOS).where(MEMOS.c.id == memo["id"]).values(
                    text=f"{old}\n\n{text}" if old else text, updated_at=utcnow()))
            self.touched.add(memo["id"])
            return
        moved = {**row, "target": "node", "reference_id": None, "node_id": node_id, "text": text}
        self.touched.add(s.execute(insert(MEMOS).values(**moved).returning(MEMOS.c.id))
                         .scalar_one())

    def result(self, s: Session) -> tuple[tuple[Row, ...], tuple[Row, ...]]:
        """(memos as they were, memos as they are now) for undo and redo."""
        return tuple(self.before[k] for k in sorted(self.before)), memo_rows(s, self.touched)
