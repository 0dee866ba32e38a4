"""What the researcher does to a selection: code to nodes, code in vivo, uncode, quick-code."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QMenu

from app.icons import icon
from app.node_picker import NodePicker
from app.undo import AnnotationCommand, CodingCommand, NewNodeCodingCommand
from coding.annotations import add_annotation, delete_annotation
from coding.changes import Changes
from coding.errors import USER_ERRORS
from coding.ids import NodeId
from coding.nodes import add_node, get_node, list_nodes, node_record
from coding.references import (
    CodingResult,
    Region,
    code,
    delete_references,
    recode,
    uncode,
)
from coding.regions import code_region, uncode_region

RECENT = 5


class CodingActions:
    """Owns the coding actions of one window; every action is undoable through its stack."""

    def __init__(self, window) -> None:
        self.window = window
        self.recent: list[int] = []
        self.picker: NodePicker | None = None
        self.code_to = self._action("Code to…", "Ctrl+K", self.open_picker, "code")
        self.in_vivo = self._action("Code in vivo", "Ctrl+I", self.code_in_vivo, "in_vivo")
        self.new_node = self._action("New node from selection…", "Ctrl+Shift+N",
                                     self.new_node_from_selection, "new_node")
        self.uncode_all = self._action("Uncode from all nodes", "Ctrl+U", self.uncode_selection, "uncode")
        self.annotate = self._action("Annotate selection…", "Ctrl+Shift+A", self.annotate_selection,
                                     "annotate")
        window.viewer_widget.margin.annotation_delete_requested.connect(self.delete_annotation)
        window.viewer_widget.margin.recode_requested.connect(self.recode_picker)
        self.quick = [self._action(f"Quick code {i + 1}", f"Ctrl+{i + 1}",
                                   lambda i=i: self.quick_code(i)) for i in range(RECENT)]

    def _action(self, text: str, shortcut: str, slot, icon_name: str | None = None) -> QAction:
        action = QAction(text, self.window)
        if icon_name is not None:
            action.setIcon(icon(icon_name))
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(action)
        return action

    def context_menu(self, menu: QMenu) -> None:
        menu.addSeparator()
        for action in (self.code_to, self.in_vivo, self.new_node, self.uncode_all, self.annotate):
            menu.addAction(action)
        for index, node_id in enumerate(self.recent):
            try:
                name = get_node(self.window.project, NodeId(node_id)).path
            except USER_ERRORS:
                continue
            self.quick[index].setText(f"Code to {name}")
            menu.addAction(self.quick[index])

    def _region(self) -> tuple[Region, tuple[int, int] | None] | None:
        """A rectangle drawn on the page view, when that is the selection."""
        pane = getattr(self.window, "document_pane", None)
        return pane.region_selection() if pane is not None else None

    def has_selection(self) -> bool:
        w = self.window
        return w.viewer_widget.selection_span() is not None or self._region() is not None

    def _selection(self) -> tuple[int, int] | None:
        w = self.window
        span = w.viewer_widget.selection_span()
        if w.project is None or w.current_document_id is None or span is None:
            w.show_status("Select some text in a document first")
            return None
        return span

    def _code(self, node_ids: list[NodeId]) -> tuple[CodingResult, str] | None:
        """Code the selection - text, or a region on the page - to the nodes: (result, what)."""
        w = self.window
        region = self._region()
        if region is not None and w.project is not None and w.current_document_id is not None:
            result = code_region(w.project, w.current_document_id, region[0], node_ids,
                                 span=region[1])
            return result, "1 region"
        span = self._selection()
        if span is None:
            return None
        return code(w.project, w.current_document_id, span[0], span[1], node_ids), "1 excerpt"

    def open_picker(self) -> NodePicker | None:
        if self._region() is None and self._selection() is None:
            return None
        self.picker = NodePicker(list_nodes(self.window.project), self.window)
        self.picker.chosen.connect(self.code_selection)
        self.picker.show()
        self.picker.filter.setFocus()
        return self.picker

    def code_selection(self, node_ids: list[int]) -> None:
        w = self.window
        try:
            done = self._code([NodeId(n) for n in node_ids])
        except USER_ERRORS as exc:
            w.show_status(str(exc))
            return
        if done is None:
            return
        result, what = done
        names = ", ".join(get_node(w.project, NodeId(n)).path for n in node_ids)
        text = f"Coded {what} to {names}"
        w.undo_stack.push(CodingCommand(w, result, text))
        w.apply(result.changes)
        for node_id in node_ids:
            if node_id in self.recent:
                self.recent.remove(node_id)
            self.recent.insert(0, node_id)
        del self.recent[RECENT:]
        w.show_status(text)

    def quick_code(self, index: int) -> None:
        if index < len(self.recent):
            self.code_selection([self.recent[index]])

    def _new_node_and_code(self, path: str, role: str) -> None:
        if not self.has_selection():
            self._selection()  # says what to do
            return
        w = self.window
        try:
            node_id = add_node(w.project, path, role=role, origin="inductive")
            record = node_record(w.project, node_id)
            done = self._code([node_id])
        except USER_ERRORS as exc:
            w.show_status(str(exc))
            return
        if done is None:
            return
        result, what = done
        text = f"Coded {what} to new node {path}"
        w.undo_stack.push(NewNodeCodingCommand(w, record, result, text))
        w.apply(result.changes | Changes(nodes=True))
        w.show_status(text)

    def code_in_vivo(self) -> None:
        region = self._region()
        span = region[1] if region is not None else self._selection()
        if region is None and span is None:
            return
        text = self.window.current_text[span[0]:span[1]] if span is not None else ""
        fallback = f"Region p. {region[0].page}" if region is not None else "In vivo"
        name = " ".join(text.replace("/", " ").split())[:80] or fallback
        self._new_node_and_code(f"In vivo/{name}", "none")

    def new_node_from_selection(self) -> None:
        if not self.has_selection():
            self._selection()
            return
        path, ok = QInputDialog.getText(self.window, "New node from selection",
                                        "Node path (Parent/Child):")
        if not ok or not path.strip():
            return
        roles = ["none", "context", "mechanism", "outcome"]
        role, ok = QInputDialog.getItem(self.window, "New node", "C/M/O role:", roles, 0, False)
        if ok:
            self._new_node_and_code(path.strip(), role)

    def uncode_selection(self, node_ids: list[int] | None = None) -> None:
        region = self._region()
        if region is not None:
            w = self.window
            wanted = None if node_ids is None else [NodeId(n) for n in node_ids]
            self._push_uncode(uncode_region(w.project, w.current_document_id, region[0], wanted))
            return
        span = self._selection()
        if span is None:
            return
        self.uncode_span(span[0], span[1], node_ids)

    def uncode_reference(self, ref) -> None:
        """Uncode one reference from its node, and only its coder's coding (a stripe's Uncode
        takes back that coder's coding, not a colleague's of the same words): a region whole,
        text by its span."""
        if ref.region is None:
            self.uncode_span(ref.start, ref.end, [ref.node_id],
                             [ref.coder_id] if ref.coder_id else None)
        else:
            self._push_uncode(delete_references(self.window.project, [ref.id]))

    def uncode_span(self, start: int, end: int, node_ids: list[int] | None,
                    coder_ids: list[int] | None = None) -> None:
        """Uncode the span (of these nodes; of these coders' references only, when given)."""
        w = self.window
        wanted = None if node_ids is None else [NodeId(n) for n in node_ids]
        self._push_uncode(uncode(w.project, w.current_document_id, start, end, wanted,
                                 coder_ids=coder_ids))

    def _push_uncode(self, result: CodingResult) -> None:
        w = self.window
        if not result.removed:
            w.show_status("Nothing coded there")
            return
        text = f"Uncoded {len(result.removed)} reference(s)"
        w.undo_stack.push(CodingCommand(w, result, text))
        w.apply(result.changes)
        w.show_status(text)

    def annotate_selection(self) -> None:
        region = self._region()
        if region is not None and region[1] is None:
            self.window.show_status("Annotations are notes on text, and this region holds "
                                    "none: code it, and write a memo on the excerpt instead")
            return
        span = region[1] if region is not None else self._selection()
        if span is None:
            return
        note, ok = QInputDialog.getMultiLineText(self.window, "Annotate", "Note on the selected text:")
        if not ok or not note.strip():
            return
        w = self.window
        try:
            info = add_annotation(w.project, w.current_document_id, span[0], span[1], note)
        except USER_ERRORS as exc:
            w.show_status(str(exc))
            return
        w.undo_stack.push(AnnotationCommand(w, info, added=True))
        w.apply(Changes(memos=True))
        w.show_status("Annotation added")

    def delete_annotation(self, info) -> None:
        w = self.window
        w.apply(delete_annotation(w.project, info.id))
        w.undo_stack.push(AnnotationCommand(w, info, added=False))
        w.show_status("Annotation deleted")

    def recode_picker(self, ref) -> NodePicker:
        """Move one reference to another node, chosen in the same picker."""
        self.picker = NodePicker(list_nodes(self.window.project), self.window)
        self.picker.setWindowTitle("Recode to…")
        self.picker.chosen.connect(lambda ids: self.recode(ref, ids[0]))
        self.picker.show()
        return self.picker

    def recode(self, ref, node_id: int) -> None:
        w = self.window
        try:
            result = recode(w.project, ref.id, NodeId(node_id))
        except USER_ERRORS as exc:
            w.show_status(str(exc))
            return
        text = f"Recoded 1 excerpt to {get_node(w.project, NodeId(node_id)).path}"
        w.undo_stack.push(CodingCommand(w, result, text))
        w.apply(result.changes)
        w.show_status(text)
