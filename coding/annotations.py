"""Annotations: a researcher's note on a span of a document (Word comments arrive as these too)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from coding.changes import Changes
from coding.errors import InvalidInput, NotFound
from coding.ids import AnnotationId, DocumentId
from coding.project import Project, new_guid
from storage.models import Annotation, Coder, Document


@dataclass(frozen=True)
class AnnotationInfo:
    id: AnnotationId
    guid: str
    document_id: DocumentId
    start: int
    end: int
    text: str
    author: str


def _info(a: Annotation) -> AnnotationInfo:
    return AnnotationInfo(AnnotationId(a.id), a.guid, DocumentId(a.document_id), a.start, a.end,
                          a.text, a.author)


def add_annotation(project: Project, doc_id: DocumentId, start: int, end: int, text: str,
                   author: str = "") -> AnnotationInfo:
    if not text.strip():
        raise InvalidInput("an annotation needs some text")
    with project.db.transaction() as s:
        length = s.scalar(select(Document.text_length).where(Document.id == doc_id))
        if length is None:
            raise NotFound(f"no document with id {doc_id}")
        if not 0 <= start <= end <= length:
            raise InvalidInput(f"span {start}-{end} is not inside the document (0-{length})")
        if not author and project.coder_id:  # a note made here is signed by its coder
            author = s.scalar(select(Coder.name).where(Coder.id == project.coder_id)) or ""
        note = Annotation(guid=new_guid(), document_id=doc_id, start=start, end=end, text=text,
                          author=author)
        s.add(note)
        s.flush()
        return _info(note)


def list_annotations(project: Project, doc_id: DocumentId) -> list[AnnotationInfo]:
    with project.db.reading() as s:
        rows = s.scalars(select(Annotation).where(Annotation.document_id == doc_id)
                         .order_by(Annotation.start)).all()
        return [_info(a) for a in rows]


def delete_annotation(project: Project, annotation_id: AnnotationId) -> Changes:
    with project.db.transaction() as s:
        note = s.get(Annotation, annotation_id)
        if note is None:
            raise NotFound(f"no annotation with id {annotation_id}")
        doc_id = note.document_id
        s.delete(note)
    return Changes(memos=True, document_ids=frozenset({doc_id}))


def restore_annotation(project: Project, info: AnnotationInfo) -> Changes:
    with project.db.transaction() as s:
        s.add(Annotation(id=info.id, guid=info.guid, document_id=info.document_id,
                         start=info.start, end=info.end, text=info.text, author=info.author))
    return Changes(memos=True, document_ids=frozenset({info.document_id}))


def get_annotation(project: Project, annotation_id: AnnotationId) -> AnnotationInfo:
    with project.db.reading() as s:
        note = s.get(Annotation, annotation_id)
        if note is None:
            raise NotFound(f"no annotation with id {annotation_id}")
        return _info(note)


def edit_annotation(project: Project, annotation_id: AnnotationId, text: str
                    ) -> tuple[AnnotationInfo, AnnotationInfo]:
    """Change a note's text (its span and author stay); (before, after), for undo."""
    if not text.strip():
        raise InvalidInput("an annotation needs some text (delete it to remove it)")
    with project.db.transaction() as s:
        note = s.get(Annotation, annotation_id)
        if note is None:
            raise NotFound(f"no annotation with id {annotation_id}")
        before = _info(note)
        note.text = text
        s.flush()
        return before, _info(note)


def list_all_annotations(project: Project) -> list[AnnotationInfo]:
    """Every annotation of the project, by document then place."""
    with project.db.reading() as s:
        rows = s.scalars(select(Annotation).order_by(Annotation.document_id, Annotation.start,
                                                     Annotation.id)).all()
        return [_info(a) for a in rows]
