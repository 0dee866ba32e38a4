"""Documents: importing files into the project and reading them back."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

import importers
from coding.changes import Changes
from coding.errors import InvalidInput, NotFound
from coding.ids import CaseId, DocumentId
from coding.names import as_number, check_name
from coding.project import Project, new_guid
from importers.base import CancelCheck, ImportedDocument, ImporterError, ProgressCallback
from importers.source import read_source
from storage.bulk import insert_rows
from storage.errors import StorageError
from storage.models import Annotation, Case, Document, DocumentPage, Reference


@dataclass(frozen=True)
class DocumentInfo:
    id: DocumentId
    name: str
    format: str
    page_count: int
    text_length: int
    title: str
    authors: str
    year: int | None
    case_id: CaseId | None
    case_name: str
    case_number: int | None
    reference_count: int


@dataclass(frozen=True)
class PageInfo:
    number: int
    start: int
    end: int


@dataclass
class ImportReport:
    """Per-file outcome of a batch, so one bad file never hides the good ones."""

    imported: list[tuple[Path, DocumentId]] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)
    warnings: list[tuple[Path, str]] = field(default_factory=list)
    cancelled: bool = False
    total: int = 0  # files asked for
    # Why the batch stopped part-way (a full disk, a damaged or read-only file): the files
    # imported before it are kept, and the researcher must be told which (issue 18).
    stopped: str = ""
    locked: list[Path] = field(default_factory=list)  # encrypted: worth asking for a password
    scanned: list[Path] = field(default_factory=list)  # no text layer: worth offering OCR
    annotations: dict[Path, int] = field(default_factory=dict)  # the file's comments, kept

    @property
    def progress_line(self) -> str:
        """"7 of 13 imported": what an interrupted or stopped batch did keep."""
        return f"{len(self.imported)} of {self.total} imported"

    @property
    def changes(self) -> Changes:
        return Changes(
            documents=bool(self.imported),
            document_ids=frozenset(doc_id for _, doc_id in self.imported),
        )


def comments_kept(count: int) -> str:
    """The import summary's note of the file's own comments, kept as annotations."""
    if not count:
        return ""
    return f" — {count} comment{'s' if count != 1 else ''} kept as annotation{'s' if count != 1 else ''}"


def _unique_name(session: Session, wanted: str) -> str:
    existing = set(session.scalars(select(Document.name).where(Document.name.like(f"{wanted}%"))))
    if wanted not in existing:
        return wanted
    n = 2
    while f"{wanted} ({n})" in existing:
        n += 1
    return f"{wanted} ({n})"


def store_document(
    project: Project, doc: ImportedDocument, *, case_id: CaseId | None = None
) -> DocumentId:
    """Store one read document with its original bytes, in one transaction."""
    original = read_source(doc.path)  # the reader checked it; it may have changed since
    with project.db.transaction() as s:
        record = Document(
            guid=new_guid(),
            name=_unique_name(s, doc.path.stem),
            format=doc.format,
            original_filename=doc.path.name,
            original_bytes=original,
            sha256=hashlib.sha256(original).hexdigest(),
            text=doc.text,
            text_length=len(doc.text),
            page_count=len(doc.pages),
            title=doc.title,
            authors=doc.authors,
            year=doc.year,
            import_warnings="\n".join(doc.warnings),
            case_id=case_id,
        )
        s.add(record)
        s.flush()
        insert_rows(s, DocumentPage, ("document_id", "number", "start", "end"),
                    ((record.id, p.number, p.start, p.end) for p in doc.pages))
        s.add_all(
            Annotation(
                guid=new_guid(),
                document_id=record.id,
                start=note.start,
                end=note.end,
                text=note.text,
                author=note.author,
            )
            for note in doc.notes
        )
        if doc.format == "pdf":  # the page view's geometry, so it never has to be derived
            from coding.page_layout import store_layout

            store_layout(s, record.id, doc.runs, doc.blocks, "import" if doc.runs else "none",
                         new=True)
        elif doc.blocks:  # a Word file's headings and tables, for the text view
            from coding.page_layout import store_blocks

            store_blocks(s, record.id, doc.blocks)
        return DocumentId(record.id)


def import_files(
    project: Project,
    paths: Iterable[Path | str],
    *,
    password: str | None = None,
    case_name: str | None = None,
    keep_headers: bool = False,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
    ocr: bool = False,
    pages_only: bool = False,
) -> ImportReport:
    """Read and store a batch; each file is all-or-nothing, the batch carries on past failures.
    With `pages_only`, a scan (a PDF with no text layer) is kept as its pages alone."""
    from coding.cases import ensure_case

    path_list = [Path(p) for p in paths]
    report = ImportReport(total=len(path_list))
    # None is no intervention; "" is a name left empty, refused as ensure_case refuses it
    # (`import --case ""` imported the files into no intervention, and said nothing)
    case_id = ensure_case(project, case_name) if case_name is not None else None
    results = importers.read_many(
        path_list, password=password, keep_headers=keep_headers, progress=progress, cancel=cancel,
        ocr=ocr, pages_only=pages_only,
    )
    with closing(results):  # stopping early stops the worker processes at once
        for path, result in results:
            if isinstance(result, ImporterError):
                if isinstance(result, importers.ImportCancelled):
                    report.cancelled = True
                    break
                _note_failure(report, path, result)
                continue
            try:
                doc_id = store_document(project, result, case_id=case_id)
            except OSError as exc:
                report.failed.append((path, f"{path.name}: cannot be read ({exc.strerror or exc})"))
                continue
            except StorageError as exc:  # the project cannot take more: stop, say what was kept
                if not report.imported:
                    raise
                report.stopped = f"{_kept_in_part(exc.reason)} (at {path.name})"
                break
            report.imported.append((path, doc_id))
            report.warnings.extend((path, w) for w in result.warnings)
            if result.notes:
                report.annotations[path] = len(result.notes)
    if cancel is not None and cancel():
        report.cancelled = True
    return report


def _kept_in_part(reason: str) -> str:
    """A storage error ends by saying its action changed nothing; a batch stopped part-way
    did change things (the files before it), so that clause would mislead (issue 18)."""
    return re.split(r"[;—]\s*nothing was changed", reason)[0].strip(" ;—")


def _note_failure(report: ImportReport, path: Path, error: ImporterError) -> None:
    report.failed.append((path, str(error)))
    if isinstance(error, importers.PasswordRequired | importers.WrongPassword):
        report.locked.append(path)
    if isinstance(error, importers.NoTextLayer):
        report.scanned.append(path)


def _info_query() -> object:
    ref_counts = (
        select(Reference.document_id, func.count().label("n"))
        .group_by(Reference.document_id)
        .subquery()
    )
    return (
        select(Document, Case.name, Case.number, func.coalesce(ref_counts.c.n, 0))
        .outerjoin(Case, Document.case_id == Case.id)
        .outerjoin(ref_counts, ref_counts.c.document_id == Document.id)
        .order_by(Document.name)
    )


def list_documents(project: Project) -> list[DocumentInfo]:
    with project.db.reading() as s:
        rows = s.execute(_info_query()).all()  # type: ignore[call-overload]
        return [
            DocumentInfo(
                id=DocumentId(d.id),
                name=d.name,
                format=d.format,
                page_count=d.page_count,
                text_length=d.text_length,
                title=d.title,
                authors=d.authors,
                year=d.year,
                case_id=CaseId(d.case_id) if d.case_id else None,
                case_name=case_name or "",
                case_number=case_number,
                reference_count=count,
            )
            for d, case_name, case_number, count in rows
        ]


def find_document(project: Project, name_or_id: str | int) -> DocumentId:
    """Resolve what a user typed: a document name, its file name, or its numeric id."""
    with project.db.reading() as s:
        number = as_number(name_or_id)
        if number is not None:
            doc = s.get(Document, number)
            if doc is not None:
                return DocumentId(doc.id)
        name = str(name_or_id)
        found = s.scalars(
            select(Document.id).where(
                (Document.name == name) | (Document.original_filename == name)
            )
        ).all()
        if len(found) == 1:
            return DocumentId(found[0])
        if len(found) > 1:
            raise InvalidInput(f"'{name}' matches {len(found)} documents; use the document id")
    raise NotFound(f"no document named '{name_or_id}' (see `realist-coder documents`)")


def document_text(project: Project, doc_id: DocumentId) -> str:
    with project.db.reading() as s:
        text = s.scalar(select(Document.text).where(Document.id == doc_id))
        if text is None:
            raise NotFound(f"no document with id {doc_id}")
        return text


def document_pages(project: Project, doc_id: DocumentId) -> list[PageInfo]:
    with project.db.reading() as s:
        rows = s.execute(
            select(DocumentPage.number, DocumentPage.start, DocumentPage.end)
            .where(DocumentPage.document_id == doc_id)
            .order_by(DocumentPage.number)
        ).all()
        return [PageInfo(*row) for row in rows]


def pages_label(pages: list[PageInfo], start: int, end: int) -> str:
    """"p. 7" or "pp. 7-8" for a span, or "" for a document without pages."""
    if len(pages) <= 1:
        return ""
    covered = [p.number for p in pages if p.start < max(end, start + 1) and p.end > start]
    if not covered:
        covered = [p.number for p in pages if p.start <= start <= p.end][:1]
    if not covered:
        return ""
    first, last = covered[0], covered[-1]
    return f"p. {first}" if first == last else f"pp. {first}\u2013{last}"


def rename_document(project: Project, doc_id: DocumentId, name: str) -> Changes:
    name = check_name(name, "a document's name")
    if not name:
        raise InvalidInput("a document name cannot be empty")
    with project.db.transaction() as s:
        doc = s.get(Document, doc_id)
        if doc is None:
            raise NotFound(f"no document with id {doc_id}")
        clash = s.scalar(select(Document.id).where(Document.name == name, Document.id != doc_id))
        if clash is not None:
            raise InvalidInput(f"another document is already named '{name}'")
        doc.name = name
    return Changes(documents=True, document_ids=frozenset({doc_id}))


def delete_document(project: Project, doc_id: DocumentId) -> Changes:
    """Remove a document and its references (the UI confirms first, with the count)."""
    with project.db.transaction() as s:
        doc = s.get(Document, doc_id)
        if doc is None:
            raise NotFound(f"no document with id {doc_id}")
        s.delete(doc)
    return Changes(documents=True, references=True, nodes=True, memos=True,
                   document_ids=frozenset({doc_id}))


def already_imported(project: Project, paths: Iterable[Path | str]) -> dict[Path, str]:
    """The files whose exact bytes are already in the project (same SHA-256), each with the
    name it has there: importing one again is almost always a slip, so the app asks."""
    digests: dict[str, list[Path]] = {}
    for raw in paths:
        path = Path(raw)
        try:
            digest = _sha256_of(path)
        except OSError:
            continue  # unreadable: the import itself will say so
        digests.setdefault(digest, []).append(path)
    if not digests:
        return {}
    with project.db.reading() as s:
        rows = s.execute(select(Document.sha256, Document.name)
                         .where(Document.sha256.in_(list(digests)))
                         .order_by(Document.id)).all()
    found: dict[Path, str] = {}
    for digest, name in rows:
        for path in digests.get(digest, []):
            found.setdefault(path, name)
    return found


def _sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
