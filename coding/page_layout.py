"""A PDF document's page geometry, kept in the project: which stored text sits where.

New imports store the reader's runs and blocks with the document (`store_layout`, called from
`store_document`). Documents imported before that have none: the first time they are shown
as pages, `ensure_layout` derives them from the stored original (`coding.page_align`) and
keeps the result, so the work is done once. A read-only project derives them each time and
keeps them only in memory.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from coding.errors import InvalidInput, NotFound
from coding.ids import DocumentId
from coding.project import Project
from importers.base import Block, TextRun
from storage.bulk import insert_rows
from storage.models import Document, DocumentBlock, DocumentLayout, DocumentPage, DocumentRun

_RUN_COLUMNS = ("document_id", "seq", "start", "end", "page", "char_start", "char_end", "left",
                "bottom", "right", "top")


@dataclass(frozen=True)
class Layout:
    """Runs in stored-text order, blocks, and how they were found (models.LAYOUT_SOURCES)."""

    runs: tuple[TextRun, ...]
    blocks: tuple[Block, ...]
    source: str

    def page_runs(self, number: int) -> list[TextRun]:
        return [run for run in self.runs if run.page == number]


def store_layout(s: Session, doc_id: int, runs: Sequence[TextRun], blocks: Sequence[Block],
                 source: str, *, new: bool = False) -> None:
    """Write (or replace) a document's layout inside the caller's transaction; a `new`
    document, stored in this transaction, has none to replace (three statements fewer a file
    of an import)."""
    connection = s.connection()  # Core statements: the ORM's bookkeeping costs more here
    if not new:
        for table in (DocumentRun, DocumentBlock, DocumentLayout):
            connection.execute(delete(table).where(table.document_id == doc_id))
    connection.execute(insert(DocumentLayout).values(document_id=doc_id, source=source))
    insert_rows(s, DocumentRun, _RUN_COLUMNS,
                ((doc_id, seq, r.start, r.end, r.page, r.char_start, r.char_end, *r.box)
                 for seq, r in enumerate(runs)))
    store_blocks(s, doc_id, blocks)


def store_blocks(s: Session, doc_id: int, blocks: Sequence[Block]) -> None:
    """A new document's blocks, inside the caller's transaction: a Word file has no page
    geometry, but its headings and tables are shown as such all the same."""
    insert_rows(s, DocumentBlock, ("document_id", "seq", "start", "end", "kind"),
                ((doc_id, seq, b.start, b.end, b.kind) for seq, b in enumerate(blocks)))


def has_layout(project: Project, doc_id: DocumentId) -> bool:
    """Whether the document's layout is known (cheap: does not read the runs)."""
    with project.db.reading() as s:
        return s.scalar(select(DocumentLayout.source)
                        .where(DocumentLayout.document_id == doc_id)) is not None


def load_layout(project: Project, doc_id: DocumentId) -> Layout | None:
    """The stored layout, or None when the document has not been looked at yet."""
    with project.db.reading() as s:
        source = s.scalar(select(DocumentLayout.source).where(DocumentLayout.document_id == doc_id))
        if source is None:
            return None
        runs = tuple(
            TextRun(start, end, page, char_start, char_end, (left, bottom, right, top))
            for start, end, page, char_start, char_end, left, bottom, right, top in s.execute(
                select(DocumentRun.start, DocumentRun.end, DocumentRun.page,
                       DocumentRun.char_start, DocumentRun.char_end, DocumentRun.left,
                       DocumentRun.bottom, DocumentRun.right, DocumentRun.top)
                .where(DocumentRun.document_id == doc_id).order_by(DocumentRun.seq))
        )
        return Layout(runs, _blocks(s, doc_id), source)


def load_blocks(project: Project, doc_id: DocumentId) -> tuple[Block, ...]:
    """The document's headings, captions, tables and notes as its reader marked them (none
    for a document imported before blocks were kept, or a text file); cheap: no runs."""
    with project.db.reading() as s:
        return _blocks(s, doc_id)


def _blocks(s: Session, doc_id: int) -> tuple[Block, ...]:
    return tuple(
        Block(start, end, kind) for start, end, kind in s.execute(
            select(DocumentBlock.start, DocumentBlock.end, DocumentBlock.kind)
            .where(DocumentBlock.document_id == doc_id).order_by(DocumentBlock.seq))
    )


def original_pdf(project: Project, doc_id: DocumentId) -> bytes:
    """The stored original of a PDF document; a clear error for any other kind."""
    with project.db.reading() as s:
        row = s.execute(select(Document.format, Document.name, Document.original_bytes)
                        .where(Document.id == doc_id)).first()
    if row is None:
        raise NotFound(f"no document with id {doc_id}")
    fmt, name, data = row
    if fmt != "pdf":
        raise InvalidInput(f"'{name}' is a {fmt.upper()} document: only PDF documents have pages "
                           "to show")
    if not data:
        raise InvalidInput(f"'{name}' has no stored original PDF to show")
    return bytes(data)


def ensure_layout(project: Project, doc_id: DocumentId) -> Layout:
    """The document's layout, derived from its original and kept the first time it is asked
    for (a few seconds for a long thesis, once). Call it off the UI thread."""
    found = load_layout(project, doc_id)
    if found is not None:
        return found
    from coding.page_align import derive_layout

    data = original_pdf(project, doc_id)
    with project.db.reading() as s:
        text = s.scalar(select(Document.text).where(Document.id == doc_id)) or ""
        pages = [(number, start, end) for number, start, end in s.execute(
            select(DocumentPage.number, DocumentPage.start, DocumentPage.end)
            .where(DocumentPage.document_id == doc_id).order_by(DocumentPage.number))]
    runs, blocks, source = derive_layout(data, text, pages)
    if not project.readonly:
        with project.db.transaction() as s:
            if s.scalar(select(DocumentLayout.source)
                        .where(DocumentLayout.document_id == doc_id)) is None:
                store_layout(s, doc_id, runs, blocks, source)
    return Layout(tuple(runs), tuple(blocks), source)
