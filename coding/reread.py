"""Reading a document again with the current reader, its coding carried over.

The PDF reader gets better (reading order, paragraphs, contents pages), but a document keeps
the text it was imported with, and coded offsets point into that text. Re-reading takes the
stored original through today's reader and moves every excerpt and annotation to the same
words in the new text (`coding.relocate`, as a merge places a colleague's): as they were, or
as the older reader wrote them otherwise (a hyphen at a line end, a ligature). It never
guesses: when the words of any excerpt or annotation are not in the new text (the older reader
garbled them: two columns interleaved), nothing is changed and the plan says which stand in
the way. Applying it is one transaction; `coding.reread_undo` makes it undoable.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from coding.changes import Changes
from coding.errors import InvalidInput, NotFound
from coding.ids import DocumentId
from coding.names import counted
from coding.page_layout import store_blocks, store_layout
from coding.project import Project
from coding.relocate import Relocator
from importers import ImportedDocument, ImporterError, read_stored
from storage.bulk import insert_rows
from storage.models import Annotation, Document, DocumentBlock, DocumentPage, Reference

ASIDE = 1 << 40  # added to every span while they move: past any text's length


@dataclass(frozen=True)
class Moved:
    """A reference or an annotation, where it stood and where its words are now."""

    kind: str  # "excerpt", "region" (an excerpt that is a rectangle on a page) or "annotation"
    id: int
    old: tuple[int, int]
    new: tuple[int, int] | None  # None: its words are not in the new text
    words: str  # the start of its text, to name it
    loose: bool = False  # found as an older reader wrote its words (Relocator.find_loosely)
    label: str = ""  # of one not found: what it is and where, for a researcher to find it

    @property
    def named(self) -> str:
        return self.label or f"{self.kind} at {self.old[0]}-{self.old[1]}"


@dataclass(frozen=True)
class RereadPlan:
    document_id: DocumentId
    name: str
    read: ImportedDocument
    moves: tuple[Moved, ...]
    unchanged: bool  # the reader gives the stored text again: nothing to do
    old_text: str = ""  # what the plan was made from: applied only to that, unchanged since

    @property
    def lost(self) -> tuple[Moved, ...]:
        return tuple(m for m in self.moves if m.new is None)

    @property
    def summary(self) -> str:
        excerpts = sum(m.kind != "annotation" for m in self.moves)
        notes = len(self.moves) - excerpts
        if self.unchanged:
            return f"{self.name}: the current reader gives the same text; nothing to change"
        if self.lost:
            return (f"{self.name}: {len(self.lost)} of {len(self.moves)} coded passages are not "
                    "in the new text as they were, so nothing was changed")
        loose = sum(m.loose for m in self.moves)
        return (f"{self.name}: read again ({counted(len(self.read.pages), 'page')}), "
                f"{counted(excerpts, 'excerpt')} and {counted(notes, 'annotation')} carried over"
                + (f" ({loose} where the older reader wrote the words otherwise: a hyphen, a "
                   "ligature, a glyph it could not read)" if loose else ""))


def plan_reread(project: Project, doc_id: DocumentId) -> RereadPlan:
    """Read the stored original again and find where each excerpt and annotation goes."""
    with project.db.reading() as s:
        doc = s.get(Document, doc_id)
        if doc is None:
            raise NotFound(f"no document with id {doc_id}")
        name, old_text, data = doc.name, doc.text, doc.original_bytes
        suffix = Path(doc.original_filename).suffix or f".{doc.format}"
        references = s.execute(select(Reference.id, Reference.start, Reference.end,
                                      Reference.region_page, Reference.node_id)
                               .where(Reference.document_id == doc_id)
                               .order_by(Reference.start)).all()
        coded = {i: node for i, _a, _b, _page, node in references}
        spans = [("region" if page is not None else "excerpt", i, a, b)
                 for i, a, b, page, _node in references]
        spans += [("annotation", i, a, b) for i, a, b in s.execute(
            select(Annotation.id, Annotation.start, Annotation.end)
            .where(Annotation.document_id == doc_id).order_by(Annotation.start))]
    if not old_text:
        raise InvalidInput(f"{name} has no text to read again (a scan kept as its pages)")
    if data is None:
        raise InvalidInput(f"{name} was imported without its original file: nothing to read")
    read = _read_bytes(name, data, suffix)
    if read.text == old_text:
        return RereadPlan(doc_id, name, read, (), True, old_text)
    where = Relocator(old_text, read.text)
    moves = tuple(_move(where, kind, item, start, end) for kind, item, start, end in spans)
    if any(m.new is None for m in moves):
        moves = _labelled(project, doc_id, moves, coded)
    return RereadPlan(doc_id, name, read, moves, False, old_text)


def _labelled(project: Project, doc_id: DocumentId, moves: tuple[Moved, ...],
              coded: dict[int, int]) -> tuple[Moved, ...]:
    """Those not found, named as a researcher finds them: "excerpt coded to Contexts/Rural
    area, p. 3" (offsets say nothing to them)."""
    from coding.documents import document_pages, pages_label
    from coding.nodes import list_nodes

    paths: dict[int, str] = {n.id: n.path for n in list_nodes(project)}
    pages = document_pages(project, doc_id)

    def label(m: Moved) -> str:
        page = pages_label(pages, *m.old)
        what = (m.kind if m.kind == "annotation"
                else f"{m.kind} coded to {paths.get(coded.get(m.id, 0), 'a node')}")
        return f"{what}, {page}" if page else what

    return tuple(replace(m, label=label(m)) if m.new is None else m for m in moves)


def apply_reread(project: Project, plan: RereadPlan) -> Changes:
    """The new text, pages and layout, every excerpt and annotation at its words, in one
    transaction; refused while any of them has no place in the new text."""
    if plan.unchanged:
        return Changes()
    if plan.lost:
        raise InvalidInput(plan.summary)
    read = plan.read
    with project.db.transaction() as s:
        doc = s.get(Document, plan.document_id)
        if doc is None:
            raise NotFound(f"no document with id {plan.document_id}")
        if doc.text != plan.old_text or spans_of(s, plan.document_id) != {
                (m.kind == "annotation", m.id, *m.old) for m in plan.moves}:
            # coded while it was being read: a passage the plan does not know would be lost
            raise InvalidInput(f"{plan.name} changed while it was read again; nothing was "
                               "changed: read it again")
        doc.text, doc.text_length, doc.page_count = read.text, len(read.text), len(read.pages)
        s.execute(delete(DocumentPage).where(DocumentPage.document_id == plan.document_id))
        insert_rows(s, DocumentPage, ("document_id", "number", "start", "end"),
                    ((plan.document_id, p.number, p.start, p.end) for p in read.pages))
        if doc.format == "pdf":
            store_layout(s, plan.document_id, read.runs, read.blocks,
                         "import" if read.runs else "none")
        else:  # a Word file's headings and tables
            s.execute(delete(DocumentBlock).where(DocumentBlock.document_id == plan.document_id))
            store_blocks(s, plan.document_id, read.blocks)
        place_spans(s, plan.document_id, {(m.kind == "annotation", m.id): m.new
                                          for m in plan.moves if m.new is not None})
    return Changes(documents=True, references=True, memos=True,
                   document_ids=frozenset({plan.document_id}),
                   texts=frozenset({plan.document_id}))


def place_spans(s: Session, doc_id: DocumentId,
                places: dict[tuple[bool, int], tuple[int, int]]) -> None:
    """Each excerpt and annotation of the document at its place: keyed (is an annotation, id).
    All go out of the way first: one moved onto another's old place (the same node's) would
    break a unique span, though the other moves on too."""
    for table in (Reference, Annotation):
        s.execute(update(table).where(table.document_id == doc_id)
                  .values(start=table.start + ASIDE, end=table.end + ASIDE))
    for (note, item), (start, end) in places.items():
        table = Annotation if note else Reference
        s.execute(update(table).where(table.id == item).values(start=start, end=end))


def spans_of(s: Session, doc_id: DocumentId) -> set[tuple[bool, int, int, int]]:
    """(is an annotation, id, start, end) of every excerpt and annotation of the document."""
    found = {(False, i, a, b) for i, a, b in s.execute(
        select(Reference.id, Reference.start, Reference.end)
        .where(Reference.document_id == doc_id))}
    return found | {(True, i, a, b) for i, a, b in s.execute(
        select(Annotation.id, Annotation.start, Annotation.end)
        .where(Annotation.document_id == doc_id))}


def _read_bytes(name: str, data: bytes, suffix: str) -> ImportedDocument:
    try:
        return read_stored(data, suffix)
    except ImporterError as exc:
        raise InvalidInput(f"{name} cannot be read again: {exc.reason}") from None


def _move(where: Relocator, kind: str, item: int, start: int, end: int) -> Moved:
    shown = " ".join(where.old[start:end].split())[:60]
    found = where.locate(start, end, region=kind == "region")
    if found is None:
        return Moved(kind, item, (start, end), None, shown)
    return Moved(kind, item, (start, end), found[:2], shown, found[2])
