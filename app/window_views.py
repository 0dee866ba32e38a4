"""The window's views of the open project: what a change makes stale, reading it off the UI
thread (`ViewRefresher`), and drawing what came back — the document list, the node tree, the
document's text and coding, the chosen node's excerpts. A mixin of MainWindow, split out by
concept; it uses the window's widgets and never runs SQL.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from app.view_refresh import ReadPlan, ViewData
from app.viewer import NodeStyle
from coding.changes import Changes
from coding.ids import DocumentId


class WorkspaceViews:
    """Needs: project, documents, nodes, viewer_widget, references_panel, memo_panel, views,
    background, coding, find_bar, node_styles, current/wanted document, pending_selection."""

    project: Any
    documents: Any
    document_pane: Any
    find_bar: Any
    nodes: Any
    viewer_widget: Any
    references_panel: Any
    memo_panel: Any
    views: Any
    background: Any
    coding: Any
    node_styles: dict[int, Any]
    current_document_id: DocumentId | None
    wanted_document: DocumentId | None
    pending_selection: tuple[DocumentId, int, int] | None
    pending_place: Any
    current_text: str
    show_status: Any

    def select_document(self, doc_id: DocumentId) -> None:
        self.documents.select(doc_id)

    def open_document_at(self, doc_id: DocumentId, start: int, end: int) -> None:
        """Show the document with [start, end) selected, now or once its text has arrived."""
        self.select_document(doc_id)
        if self.current_document_id == doc_id and self.wanted_document is None:
            self.viewer_widget.select_span(start, end)
        else:
            self.pending_selection = (doc_id, start, end)

    def _refresh(self, changes: Changes) -> None:
        """Ask for what this change makes stale; the reading happens off the UI thread."""
        if self.project is None:
            return
        doc, node = self.current_document_id, self.references_panel.node_id
        if doc is not None and doc in changes.texts:  # read again: its text, pages, layout anew
            self.show_document(doc)
        coding = changes.references or changes.nodes or changes.theories
        plan = ReadPlan(
            documents=changes.documents or changes.references or changes.cases,
            nodes=coding,
            document_id=doc if doc is not None and (coding or changes.memos or changes.documents)
            else None,
        )
        if node is not None and (coding or changes.documents) and (
                changes.nodes or changes.theories or changes.documents or not changes.node_ids
                or node in changes.node_ids):
            plan = plan | self.excerpts_plan(node)
        self.views.request(plan)
        self.memo_panel.forget_if_gone()

    def excerpts_plan(self, node_id: int) -> ReadPlan:
        return ReadPlan(excerpts=self.references_panel.excerpts_filter(node_id),
                        excerpts_node=node_id)

    def draw_views(self, data: ViewData) -> None:
        """Draw what `read_views` returned (UI thread); stale parts are skipped."""
        if data.documents is not None:
            self.documents.fill(data.documents, self.wanted_document or self.current_document_id)
            if self.current_document_id not in self.documents.items:
                self._forget_document()
        if data.nodes is not None:
            self.node_styles = {n.id: NodeStyle(n.name, n.path, n.color) for n in data.nodes}
            self.nodes.fill(data.nodes)
            self.coding.name_slots()
        doc = data.plan.document_id
        if data.plan.text and doc is not None and doc == self.wanted_document:
            self._show_text(data)
            if not self.views.held:  # let Qt paint the text first: two short stalls, not one
                shown = data
                self.background.run(lambda: None, lambda _r: self._draw_coding(shown), quiet=True)
                data = replace(data, plan=replace(data.plan, document_id=None))
        self._draw_coding(data)
        node, panel = data.plan.excerpts_node, self.references_panel
        if (data.plan.excerpts is not None and node == panel.node_id and node is not None
                and data.plan.excerpts == panel.excerpts_filter(node)):
            panel.show_excerpts(node, data.excerpts)

    def _draw_coding(self, data: ViewData) -> None:
        doc = data.plan.document_id
        if doc is not None and doc == self.current_document_id and not data.missing_document:
            self.viewer_widget.annotations = data.annotations
            self.viewer_widget.set_coding(data.references, self.node_styles)

    def show_document(self, doc_id: DocumentId) -> None:
        """Read the text, pages and coding off the UI thread; show them when they arrive
        (`current_document_id` changes then, so nothing acts on a text not yet shown)."""
        self.wanted_document = doc_id
        self.views.request(ReadPlan(document_id=doc_id, text=True, nodes=not self.node_styles))

    def _show_text(self, data: ViewData) -> None:
        doc_id = DocumentId(data.plan.document_id or 0)
        self.wanted_document = None
        if data.missing_document:
            self.show_status(f"Document {doc_id} is no longer in the project")
            return
        self.current_document_id = doc_id
        self.current_text = data.text
        self.viewer_widget.load(data.text, data.pages, data.offsets, data.document)
        data.document = None  # the viewer owns it now
        self.document_pane.show_document(doc_id)  # as text, or as its pages
        if self.find_bar.isVisible():  # still open: the same word, counted and marked here
            self.find_bar.refresh()
        name = next((d.name for d in self.documents.docs if d.id == doc_id), str(doc_id))
        self.memo_panel.show_memo("document", doc_id, f"Memo: {name}")
        pending, self.pending_selection = self.pending_selection, None
        place, self.pending_place = self.pending_place, None
        if pending is not None and pending[0] == doc_id:
            self.viewer_widget.select_span(pending[1], pending[2])
        elif place is not None and place.document == doc_id:
            self.document_pane.resume(place.offset, place.page, place.fraction)

    def _forget_document(self) -> None:
        """The shown document is gone (closed project, deleted): show nothing of it."""
        if self.current_document_id is not None and self.memo_panel.target == (
                "document", self.current_document_id):
            self.memo_panel.show_nothing("Choose a document, node or excerpt for its memo")
        self.current_document_id = self.wanted_document = self.pending_selection = None
        self.pending_place = None
        self.current_text = ""
        self.viewer_widget.load("", [])

    def _node_chosen(self) -> None:
        node_id = self.nodes.current_node_id()
        if node_id is None:
            self.references_panel.show_excerpts(None, [])
            if self.memo_panel.target is not None and self.memo_panel.target[0] == "node":
                self.memo_panel.forget_if_gone()
            return
        self.references_panel.node_id = node_id
        self.views.request(self.excerpts_plan(node_id))
        self.memo_panel.show_memo("node", node_id, f"Memo: {self.nodes.path_of(node_id)}")
