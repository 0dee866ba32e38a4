"""Undo for Read again: what reading a document again changes, kept to put back.

Reading again replaces a document's text, its pages and page layout, and moves its excerpts
and annotations; nothing else of the document changes (its original file, name, memo,
attributes, the excerpts' nodes, ratings and memos stay as they are). `read_state` copies
just those parts, `put_back` makes the document hold them again in one transaction: undo puts
back the state before, redo the state after. A whole document's snapshot would carry its
original file twice for each undo step, a few megabytes a document: too much for reading a
whole project again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert, select

from coding.changes import Changes
from coding.errors import NotFound
from coding.history import row_dicts, table_of
from coding.ids import DocumentId
from coding.project import Project
from coding.reread import place_spans, spans_of
from storage.models import Document, DocumentBlock, DocumentLayout, DocumentPage, DocumentRun

# parents first: a document's layout row, then what hangs from the document beside it
_READ_PARTS: tuple[type[Any], ...] = (DocumentPage, DocumentLayout, DocumentRun, DocumentBlock)


@dataclass(frozen=True)
class ReadState:
    """A document's text, page count, pages and layout rows, and where each of its excerpts
    and annotations stands: (is an annotation, id, start, end)."""

    document_id: DocumentId
    name: str
    text: str
    page_count: int
    rows: tuple[tuple[str, tuple[dict[str, Any], ...]], ...]
    spans: frozenset[tuple[bool, int, int, int]]


def read_state(project: Project, doc_id: DocumentId) -> ReadState:
    with project.db.reading() as s:
        found = s.execute(select(Document.name, Document.text, Document.page_count)
                          .where(Document.id == doc_id)).first()
        if found is None:
            raise NotFound(f"no document with id {doc_id}")
        name, text, page_count = found
        rows = tuple((model.__tablename__, row_dicts(s, table_of(model),
                                                     model.document_id == doc_id))
                     for model in _READ_PARTS)
        return ReadState(doc_id, name, text, page_count, rows, frozenset(spans_of(s, doc_id)))


def put_back(project: Project, state: ReadState) -> Changes:
    """The document as `state` has it, in one transaction."""
    doc_id = state.document_id
    with project.db.transaction() as s:
        doc = s.get(Document, doc_id)
        if doc is None:
            raise NotFound(f"no document with id {doc_id}")
        doc.text, doc.text_length, doc.page_count = state.text, len(state.text), state.page_count
        for part in reversed(_READ_PARTS):
            s.execute(delete(part).where(part.document_id == doc_id))
        for part, (_name, rows) in zip(_READ_PARTS, state.rows, strict=True):
            if rows:
                s.execute(insert(part), list(rows))
        place_spans(s, doc_id, {(note, item): (start, end)
                                for note, item, start, end in state.spans})
    return Changes(documents=True, references=True, memos=True,
                   document_ids=frozenset({doc_id}), texts=frozenset({doc_id}))
