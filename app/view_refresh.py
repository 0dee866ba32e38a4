"""Redrawing the workspace after a change, with the reading done off the UI thread.

Every coding action used to re-read the document list, the node tree (twice), the document's
references and the node's excerpts on the UI thread: 70–180 ms of frozen window on the
benchmark project. Opening a document reads its text, pages and code-point map here too; the
UI thread only hands the text to Qt. Now `request` notes what must be read; one background job reads all of it
(`read_views`, plain Python, no Qt) and the UI thread only draws what came back. Requests that
arrive while a read is in flight are merged into the next one; a result that belongs to a
project closed meanwhile, or to a document or node no longer shown, is dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QFont, QTextCharFormat, QTextCursor, QTextDocument

from app.offsets import OffsetMap
from app.panels import CONTEXT
from coding.annotations import AnnotationInfo, list_annotations
from coding.documents import (
    DocumentInfo,
    PageInfo,
    document_pages,
    document_text,
    list_documents,
)
from coding.errors import USER_ERRORS
from coding.excerpts import Excerpt, iter_excerpts
from coding.filters import ReferenceFilter
from coding.ids import DocumentId
from coding.nodes import NodeInfo, list_nodes
from coding.page_layout import load_blocks
from coding.project import Project
from coding.references import ReferenceRecord, references_for_document
from importers.base import Block


def _block_formats() -> dict[str, QTextCharFormat]:
    heading, caption = QTextCharFormat(), QTextCharFormat()
    heading.setFontWeight(QFont.Weight.Bold)
    caption.setFontItalic(True)
    return {"heading": heading, "caption": caption}


_BLOCK_FORMATS = _block_formats()


@dataclass(frozen=True)
class ReadPlan:
    documents: bool = False
    nodes: bool = False
    document_id: int | None = None  # its references and annotations
    excerpts: ReferenceFilter | None = None  # the node references panel's node
    excerpts_node: int | None = None
    text: bool = False  # the document's text and pages too (it is being opened)

    def __or__(self, other: ReadPlan) -> ReadPlan:
        document = other.document_id if other.document_id is not None else self.document_id
        return ReadPlan(
            self.documents or other.documents, self.nodes or other.nodes, document,
            other.excerpts if other.excerpts is not None else self.excerpts,
            other.excerpts_node if other.excerpts is not None else self.excerpts_node,
            (other.text and other.document_id == document)
            or (self.text and self.document_id == document),
        )

    def __bool__(self) -> bool:
        return (self.documents or self.nodes or self.document_id is not None
                or self.excerpts is not None)


@dataclass
class ViewData:
    plan: ReadPlan
    documents: list[DocumentInfo] | None = None
    nodes: list[NodeInfo] | None = None
    references: list[ReferenceRecord] = field(default_factory=list)
    annotations: list[AnnotationInfo] = field(default_factory=list)
    excerpts: list[Excerpt] = field(default_factory=list)
    missing_document: bool = False
    text: str = ""
    pages: list[PageInfo] = field(default_factory=list)
    offsets: OffsetMap | None = None
    document: QTextDocument | None = None  # the text already in a Qt document (built here)


def read_views(project: Project, plan: ReadPlan) -> ViewData:
    """Everything the plan asks for, read in the worker."""
    data = ViewData(plan)
    if plan.documents:
        data.documents = list_documents(project)
    if plan.nodes:
        data.nodes = list_nodes(project)  # the viewer's colours and names come from it too
    if plan.document_id is not None:
        doc_id = DocumentId(plan.document_id)
        try:
            if plan.text:  # the text, and its code-point map, built here and not on the UI thread
                data.text = document_text(project, doc_id)
                data.pages = document_pages(project, doc_id)
                data.offsets = OffsetMap(data.text)
                data.document = prepared_document(data.text, load_blocks(project, doc_id),
                                                  data.offsets)
            data.annotations = list_annotations(project, doc_id)
        except USER_ERRORS:
            data.missing_document = True
        data.references = references_for_document(project, doc_id)
    if plan.excerpts is not None:
        data.excerpts = list(iter_excerpts(project, plan.excerpts, context=CONTEXT))
    return data


def prepared_document(text: str, blocks: Sequence[Block] = (),
                      offsets: OffsetMap | None = None) -> QTextDocument:
    """The text in a QTextDocument, built in the worker and handed to the UI thread: setting
    an 800k-character text on the viewer cost 13–25 ms of frozen window, swapping in a ready
    document costs about 3 (`DocumentViewer.load` gives it its layout, font and parent).

    The reader's headings are set in bold and its captions in italic, here where the document
    has no layout yet: the text view read as one undifferentiated stream ("1 Introduction" as
    plain as the prose under it). Coding is drawn over this by extra selections."""
    document = QTextDocument()
    document.setUndoRedoEnabled(False)
    document.setPlainText(text)
    shown = [(b, _BLOCK_FORMATS[b.kind]) for b in blocks if b.kind in _BLOCK_FORMATS]
    if shown:
        to_utf16 = (offsets or OffsetMap(text)).to_utf16
        cursor = QTextCursor(document)
        for block, fmt in shown:
            cursor.setPosition(to_utf16(block.start))
            cursor.setPosition(to_utf16(block.end), QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(fmt)
    app = QCoreApplication.instance()
    if app is not None:
        document.moveToThread(app.thread())
    return document


class ViewRefresher(QObject):
    """Coalesces redraw requests into at most one background read at a time."""

    drawn = Signal(object)  # ViewData, after the window drew it

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.pending = ReadPlan()
        self.in_flight = False
        self.generation = 0  # bumped when a project opens or closes: old results are dropped

    def reset(self) -> None:
        self.generation += 1
        self.pending = ReadPlan()

    def request(self, plan: ReadPlan) -> None:
        if not plan:
            return
        self.pending = self.pending | plan
        if not self.in_flight and not self.held:
            self._start()

    held = False  # while a project opens, requests wait for `draw_now`

    def draw_now(self, plan: ReadPlan) -> None:
        """Read and draw at once, with whatever was requested meanwhile: opening a project
        shows it whole before the window is handed back to the researcher."""
        project = self.window.project
        plan, self.pending = self.pending | plan, ReadPlan()
        try:
            if project is not None:
                data = read_views(project, plan)
                self.window.draw_views(data)
                self.drawn.emit(data)
        finally:
            self.held = False
        if self.pending and not self.in_flight:
            self._start()

    def _start(self) -> None:
        project, plan, generation = self.window.project, self.pending, self.generation
        self.pending = ReadPlan()
        if project is None or not plan:
            return
        self.in_flight = True

        def done(data: ViewData) -> None:
            self.in_flight = False
            if generation == self.generation and self.window.project is project:
                self.window.draw_views(data)
                self.drawn.emit(data)
            self._start()

        def failed(exc: BaseException) -> None:
            self.in_flight = False
            if generation == self.generation:
                self.window.show_status(f"Could not refresh the views: {exc}")
            self._start()

        self.window.background.run(lambda: read_views(project, plan), done, failed, quiet=True)
