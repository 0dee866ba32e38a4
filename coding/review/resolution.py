"""Resolving a disagreement between two coders on one node in one document.

After a resolution both coders' coding of the node in the document is the agreed one, so the
comparison shows the row settled (kappa 1) and every count that takes the union reads it:
- keep A's: B's references there are replaced by copies of A's (with A's ratings);
- keep B's: the other way round;
- keep both: each coder's coding becomes the union of the two.
References that already match are left alone. A memo on a reference that goes is carried to the
coder's new reference over the same words (appended if that one has a memo), or, when none
covers them (the rejected side of keep A's / B's), appended to the node's memo quoting the
excerpt: nothing written is lost. Memos move as every coding step moves them
(`coding.reference_memos.MemoMoves`: the same row, its GUID kept). One transaction;
`undo_resolution` / `redo_resolution` put references and memos back exactly, with the same ids,
in one transaction as well.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coding.changes import Changes
from coding.errors import InvalidInput, NotFound
from coding.ids import CoderId, DocumentId, NodeId
from coding.project import Project, new_guid
from coding.reference_memos import MemoMoves
from coding.reference_undo import redo_coding, undo_coding
from coding.references import CodingResult, reference_record
from storage.models import Coder, Document, Node, Reference, utcnow

KEEPS = ("a", "b", "both")


@dataclass(frozen=True)
class Resolution:
    coding: CodingResult  # its memos too: undo puts references and memos back together
    description: str  # "kept Ana Silva's coding", for the undo menu and the status bar


def merge_touching(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with overlapping or touching ones joined (as coding joins them)."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def resolve(project: Project, doc_id: DocumentId, node_id: NodeId, coder_a: CoderId,
            coder_b: CoderId, keep: str) -> Resolution:
    if keep not in KEEPS:
        raise InvalidInput(f"keep one of {', '.join(KEEPS)}, not '{keep}'")
    if coder_a == coder_b:
        raise InvalidInput("a resolution is between two different coders")
    with project.db.transaction() as s:
        names = _check(s, doc_id, node_id, (coder_a, coder_b))
        refs: dict[int, list[Reference]] = {c: list(s.scalars(select(Reference).where(
            Reference.document_id == doc_id, Reference.node_id == node_id,
            Reference.coder_id == c, Reference.region_page.is_(None))  # regions stay as coded
            .order_by(Reference.start, Reference.end)))
            for c in (coder_a, coder_b)}
        if keep == "both":
            target = merge_touching([(r.start, r.end) for c in refs for r in refs[c]])
            plans: dict[int, list[tuple[int, int]]] = {c: target for c in refs}
        else:
            winner = coder_a if keep == "a" else coder_b
            plans = {c: [(r.start, r.end) for r in refs[winner]] for c in refs}
        return _apply(s, project, doc_id, node_id, refs, plans, names, keep)


def _check(s: Session, doc_id: int, node_id: int, coders: tuple[int, int]) -> dict[int, str]:
    if s.get(Document, doc_id) is None:
        raise NotFound(f"no document with id {doc_id}")
    if s.get(Node, node_id) is None:
        raise NotFound(f"no node with id {node_id}")
    names = dict(s.execute(select(Coder.id, Coder.name).where(Coder.id.in_(coders))).all())
    for coder in coders:
        if coder not in names:
            raise NotFound(f"no coder with id {coder}")
    return names


def _apply(s: Session, project: Project, doc_id: int, node_id: int,
           refs: dict[int, list[Reference]], plans: dict[int, list[tuple[int, int]]],
           names: dict[int, str], keep: str) -> Resolution:
    moves = MemoMoves()
    removed, created, moved = [], [], []
    for coder, wanted in plans.items():
        have = {(r.start, r.end): r for r in refs[coder]}
        keep_refs = {span: have[span] for span in wanted if span in have}
        going = [ref for ref in have.values() if (ref.start, ref.end) not in keep_refs]
        taken = moves.take(s, [ref.id for ref in going])  # before the database deletes them
        for ref in going:
            removed.append(reference_record(ref))
            rows = [row for row in taken if row["reference_id"] == ref.id]
            if rows:
                moved.append((coder, ref.start, ref.end, rows))
            s.delete(ref)
        s.flush()
        for start, end in wanted:
            if (start, end) in keep_refs:
                continue
            source = _rated_source(refs, coder, start, end)
            new = Reference(guid=new_guid(), document_id=doc_id, node_id=node_id, start=start,
                            end=end, coder_id=coder, created_at=utcnow(),
                            relevance=source.relevance if source else "not_rated",
                            rigour=source.rigour if source else "not_rated",
                            rating_note=source.rating_note if source else "",
                            rated_by_id=source.rated_by_id if source else None)
            s.add(new)
            s.flush()
            created.append(reference_record(new))
    _carry_memos(s, moves, doc_id, node_id, moved, names)
    memos_before, memos_after = moves.result(s)
    coding = CodingResult(tuple(created), tuple(removed), Changes(
        references=True, memos=bool(moved), document_ids=frozenset({doc_id}),
        node_ids=frozenset({node_id})), memos_before, memos_after)
    return Resolution(coding, _label(keep, names, list(plans)))


def _label(keep: str, names: dict[int, str], coders: list[int]) -> str:
    if keep == "both":
        return "kept both coders' coding"
    winner = coders[0] if keep == "a" else coders[1]
    return f"kept {names[winner]}'s coding"


def _rated_source(refs: dict[int, list[Reference]], coder: int, start: int,
                  end: int) -> Reference | None:
    """Whose ratings a new reference takes: the coder's own over those words, else the
    other coder's (the words they coded)."""
    for owner in sorted(refs, key=lambda c: c != coder):
        for ref in refs[owner]:
            if ref.start < end and ref.end > start:
                return ref
    return None


def _carry_memos(s: Session, moves: MemoMoves, doc_id: int, node_id: int,
                 moved: list[tuple[int, int, int, list[dict[str, Any]]]],
                 names: dict[int, str]) -> None:
    """Memos of references that went: onto the coder's reference now over those words, else
    onto the node's memo with the excerpt quoted."""
    if not moved:
        return
    text = s.scalar(select(Document.text).where(Document.id == doc_id)) or ""
    for coder, start, end, rows in moved:
        target = s.scalar(select(Reference.id).where(
            Reference.document_id == doc_id, Reference.node_id == node_id,
            Reference.coder_id == coder, Reference.start < end, Reference.end > start,
            Reference.region_page.is_(None))
            .order_by(Reference.start).limit(1))
        if target is not None:
            moves.give(s, rows, target)
            continue
        excerpt = text[start:end]
        short = excerpt if len(excerpt) <= 120 else excerpt[:117] + "…"
        for row in rows:
            moves.give_node(s, row, node_id, (
                f"— {names.get(coder, 'a coder')}'s memo on an excerpt set aside in a "
                f"resolution, “{short}”:\n{row['text']}"))


def undo_resolution(project: Project, resolution: Resolution) -> Changes:
    """References and memos back as they were, in one transaction (`undo_coding`)."""
    return undo_coding(project, resolution.coding) | Changes(memos=True)


def redo_resolution(project: Project, resolution: Resolution) -> Changes:
    return redo_coding(project, resolution.coding) | Changes(memos=True)
