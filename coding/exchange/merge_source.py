"""The other project of a merge, read whole into plain rows before anything is written.

A `.realist` file is opened read-only (an older one is first copied and upgraded in a temporary
folder, so the colleague's file is never changed); a `.qdpx` goes through the one REFI-QDA
import into a temporary project, so everything that import understands (positions, roles,
theories, ratings, memos, users) arrives here the same way.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coding.exchange.refi_import import import_qdpx
from coding.identity import CoderIdentity
from coding.project import Project
from storage.backup import backup_to
from storage.database import open_database
from storage.errors import StorageError
from storage.models import (
    Annotation,
    Appraisal,
    AppraisalAnswer,
    Coder,
    Document,
    DocumentPage,
    Memo,
    Node,
    NodeLink,
    Reference,
    Theory,
    TheoryElement,
    Topic,
)


@dataclass(frozen=True)
class InDocument:
    id: int
    guid: str
    name: str
    sha256: str
    text: str
    format: str
    original_filename: str
    title: str
    authors: str
    year: int | None
    description: str
    import_warnings: str
    imported_at: datetime
    page_count: int
    pages: tuple[tuple[int, int, int], ...]


@dataclass(frozen=True)
class InNode:
    id: int
    guid: str
    parent_id: int | None
    path: str
    name: str
    description: str
    color: str
    role: str
    origin: str
    is_codable: bool


@dataclass(frozen=True)
class InTheory:
    id: int
    guid: str
    label: str
    topic: str | None
    statement: str
    origin: str
    status_override: str | None
    node_id: int | None
    elements: tuple[tuple[int, str], ...]  # (node id, origin)


@dataclass(frozen=True)
class InReference:
    id: int
    guid: str
    document_id: int
    node_id: int
    start: int
    end: int
    coder_id: int | None
    created_at: datetime
    relevance: str
    rigour: str
    rating_note: str
    rated_by_id: int | None
    region: tuple[int, float, float, float, float] | None = None  # page and rectangle


@dataclass
class Incoming:
    """Everything a merge may bring in, keyed by the other file's ids."""

    label: str  # the file's name, for the report and merged memo headings
    coders: dict[int, tuple[str, str, str]] = field(default_factory=dict)  # guid, name, initials
    documents: list[InDocument] = field(default_factory=list)
    nodes: list[InNode] = field(default_factory=list)  # parents before children
    theories: list[InTheory] = field(default_factory=list)
    references: list[InReference] = field(default_factory=list)
    memos: list[tuple[str, int | None, str, int | None]] = field(default_factory=list)
    annotations: list[tuple[int, int, int, str, str, datetime]] = field(default_factory=list)
    links: list[tuple[int, int, str, str]] = field(default_factory=list)
    appraisals: dict[int, tuple[str, str, tuple[tuple[str, str, str], ...]]] = field(
        default_factory=dict)
    not_read: list[str] = field(default_factory=list)  # what the reading itself left out
    originals: Path | None = None  # where the documents' original bytes can still be read


def read_realist(path: Path, s: Session, label: str) -> Incoming:
    data = Incoming(label)
    data.coders = {i: (g, n, ini) for i, g, n, ini in s.execute(
        select(Coder.id, Coder.guid, Coder.name, Coder.initials))}
    pages: dict[int, list[tuple[int, int, int]]] = {}
    for doc_id, number, start, end in s.execute(select(
            DocumentPage.document_id, DocumentPage.number, DocumentPage.start, DocumentPage.end)):
        pages.setdefault(doc_id, []).append((number, start, end))
    d = Document
    for row in s.execute(select(d.id, d.guid, d.name, d.sha256, d.text, d.format,
                                d.original_filename, d.title, d.authors, d.year, d.description,
                                d.import_warnings, d.imported_at, d.page_count)):
        values: list[Any] = [*row, tuple(sorted(pages.get(row[0], ())))]
        data.documents.append(InDocument(*values))
    data.nodes = _nodes(s)
    data.theories = _theories(s)
    r = Reference
    data.references = [
        replace(InReference(*tuple[Any, ...](row[:12])),
                region=tuple[Any, ...](row[12:]) if row[12] is not None else None)
        for row in s.execute(select(
            r.id, r.guid, r.document_id, r.node_id, r.start, r.end, r.coder_id, r.created_at,
            r.relevance, r.rigour, r.rating_note, r.rated_by_id, r.region_page, r.region_left,
            r.region_bottom, r.region_right, r.region_top).order_by(r.id))]
    for memo in s.scalars(select(Memo).order_by(Memo.id)):
        target_id = None if memo.target == "project" else getattr(memo, f"{memo.target}_id")
        data.memos.append((memo.target, target_id, memo.text, memo.coder_id))
    a = Annotation
    data.annotations = [tuple(row) for row in s.execute(  # type: ignore[misc]
        select(a.document_id, a.start, a.end, a.text, a.author, a.created_at))]
    data.links = [tuple(row) for row in s.execute(  # type: ignore[misc]
        select(NodeLink.source_id, NodeLink.target_id, NodeLink.name, NodeLink.direction))]
    answers: dict[int, list[tuple[str, str, str]]] = {}
    for doc_id, question, answer, comment in s.execute(select(
            AppraisalAnswer.document_id, AppraisalAnswer.question, AppraisalAnswer.answer,
            AppraisalAnswer.comment)):
        answers.setdefault(doc_id, []).append((question, answer, comment))
    for doc_id, category, comment in s.execute(
            select(Appraisal.document_id, Appraisal.category, Appraisal.comment)):
        data.appraisals[doc_id] = (category, comment, tuple(sorted(answers.get(doc_id, ()))))
    data.originals = path
    return data


def _nodes(s: Session) -> list[InNode]:
    rows = s.execute(select(Node.id, Node.guid, Node.parent_id, Node.name, Node.description,
                            Node.color, Node.role, Node.origin, Node.is_codable)
                     .order_by(Node.position, Node.id)).all()
    children: dict[int | None, list[Any]] = {}
    for row in rows:
        children.setdefault(row.parent_id, []).append(row)
    out: list[InNode] = []

    def walk(parent: int | None, prefix: str) -> None:
        for row in children.get(parent, []):
            path = f"{prefix}/{row.name}" if prefix else row.name
            out.append(InNode(row.id, row.guid, row.parent_id, path, row.name, row.description,
                              row.color, row.role, row.origin, row.is_codable))
            walk(row.id, path)

    walk(None, "")
    return out


def _theories(s: Session) -> list[InTheory]:
    elements: dict[int, list[tuple[int, str]]] = {}
    for theory_id, node_id, origin in s.execute(select(
            TheoryElement.theory_id, TheoryElement.node_id, TheoryElement.origin)
            .order_by(TheoryElement.position)):
        elements.setdefault(theory_id, []).append((node_id, origin))
    topics = dict(s.execute(select(Topic.id, Topic.name)).all())
    t = Theory
    return [InTheory(i, g, label, topics.get(topic) if topic else None, statement, origin,
                     override, node, tuple(elements.get(i, ())))
            for i, g, label, topic, statement, origin, override, node in s.execute(select(
                t.id, t.guid, t.label, t.topic_id, t.statement, t.origin, t.status_override,
                t.node_id).order_by(t.position, t.id))]


@contextmanager
def opened_source(path: Path, project_path: Path) -> Iterator[tuple[Project, list[str]]]:
    """The other project opened read-only, plus notes on how it was read (an upgraded copy,
    a REFI-QDA import's own report)."""
    path = Path(path)
    if not path.exists():
        raise StorageError(path, "no such file")
    if path.resolve() == Path(project_path).resolve():
        raise StorageError(path, "is this project itself; choose a colleague's project")
    with tempfile.TemporaryDirectory(prefix="realist-merge-") as folder:
        notes: list[str] = []
        if path.suffix.lower() == ".qdpx":
            copy = Path(folder) / "from-qdpx.realist"
            summary = import_qdpx(path, copy, unattributed=_file_coder(path))
            notes += [f"from {path.name}: {item}" for item in summary.not_imported]
            notes += [f"from {path.name}: {item}" for item in summary.notes]
            source = copy
        else:
            source = path
        try:
            project = Project.open(source, readonly=True)
        except StorageError as exc:
            if "needs an upgrade" not in str(exc):
                raise
            source = backup_to(path, Path(folder) / "upgraded.realist")
            # upgrade the copy, never the colleague's file, and with no name to hand: their
            # one coder keeps their own name (the upgrade must not make their work ours)
            open_database(source, upgrade_attributes={}).close()
            notes.append(f"{path.name} was made by an older version; read from an upgraded copy")
            project = Project.open(source, readonly=True)
        try:
            yield project, notes
        finally:
            project.close()


def _file_coder(path: Path) -> CoderIdentity:
    """Who codings without a `creatingUser` belong to: named after the file, never the
    researcher merging it (their coding would seem to be their own)."""
    name = f"{path.stem} (unnamed coder)"
    return CoderIdentity(name, "", "")
