"""What the researcher does to a selection — text, or a region drawn on a page — code to
nodes, code in vivo, uncode, quick-code. What to code is read on the UI thread; the write
runs off it (one transaction, fsynced), then the undo step is pushed and the views redraw.

Quick-code slots (Ctrl+1…5) are the last nodes coded to, most recent first; the Code menu
names each slot's node, and the slots are kept per project between sessions (QSettings,
keyed by the project file's path).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from app import text_prompt
from app.icons import icon
from app.node_dialog import NodeDialog
from app.node_picker import NodePicker
from app.undo import AnnotationCommand, AnnotationEditCommand, CodingCommand, NewNodeCodingCommand
from coding.annotations import add_annotation, delete_annotation, edit_annotation
from coding.changes import Changes
from coding.errors import USER_ERRORS
from coding.ids import NodeId
from coding.names import counted, in_vivo_name
from coding.node_records import NodeRecord, node_record
from coding.nodes import add_node, get_node, list_nodes
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
        window.viewer_widget.margin.annotation_edit_requested.connect(self.edit_annotation)
        window.viewer_widget.margin.recode_requested.connect(self.recode_picker)
        self.quick = [self._action(f"Quick code {i + 1}", f"Ctrl+{i + 1}",
                                   lambda i=i: self.quick_code(i)) for i in range(RECENT)]
        window.scope.project_changed.connect(lambda _p: self.load_slots())

    # Quick-code slots ----------------------------------------------------------------------

    def _slots_key(self) -> str | None:
        project = self.window.project
        if project is None:
            return None
        digest = hashlib.sha1(str(project.path.resolve()).encode()).hexdigest()[:16]
        return f"quickCode/{digest}"

    def load_slots(self) -> None:
        key = self._slots_key()
        stored = QSettings().value(key, []) if key else []
        values = stored if isinstance(stored, list) else [stored] if stored else []
        self.recent = [int(str(v)) for v in values if str(v).isdigit()][:RECENT]
        self.name_slots()

    def _save_slots(self) -> None:
        key = self._slots_key()
        if key is not None:
            QSettings().setValue(key, [str(n) for n in self.recent])

    def name_slots(self) -> None:
        """Each slot's menu text names its node; slots whose node is gone are dropped."""
        paths = self.window.nodes.paths
        if paths:
            kept = [n for n in self.recent if n in paths]
            if kept != self.recent:
                self.recent = kept
                self._save_slots()
        for index, action in enumerate(self.quick):
            node = self.recent[index] if index < len(self.recent) else None
            name = paths.get(node, "") if node is not None else ""
            action.setText(f"Quick code {index + 1}: {name}" if name
                           else f"Quick code {index + 1} (empty)")
            action.setToolTip(f"{action.text()} ({action.shortcut().toString()})")

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
        for index, _node_id in enumerate(self.recent):
            menu.addAction(self.quick[index])

    def _region(self) -> tuple[Region, tuple[int, int] | None] | None:
        """A rectangle drawn on the page view, when that is the selection."""
        pane = getattr(self.window, "document_pane", None)
        region = getattr(pane, "region_selection", None)
        return region() if region is not None else None

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

    def _coding_job(self) -> Callable[[list[NodeId]], tuple[CodingResult, str]] | None:
        """What the selection codes (a region on the page, or text), read now; the returned
        job codes it to the nodes it is given, later, off the UI thread: (result, what)."""
        w = self.window
        project, doc = w.project, w.current_document_id
        region = self._region()
        if region is not None and project is not None and doc is not None:
            box, under = region
            return lambda ids: (code_region(project, doc, box, ids, span=under), "1 region")
        span = self._selection()
        if span is None:
            return None
        return lambda ids: (code(project, doc, span[0], span[1], ids), "1 excerpt")

    def open_picker(self) -> NodePicker | None:
        if self._region() is None and self._selection() is None:
            return None
        self.picker = NodePicker(list_nodes(self.window.project), self.window,
                                 current=self.window.nodes.current_node_id(), offer_new=True)
        self.picker.chosen.connect(self.code_selection)
        self.picker.new_node_requested.connect(self.new_node_from_selection)
        self._give_keyboard(self.picker)
        return self.picker

    def _give_keyboard(self, picker: NodePicker) -> None:
        """The keyboard goes to the picker (even with no window manager to give it), and back
        to the window when it closes, so Ctrl+Z and the other shortcuts work at once."""
        picker.finished.connect(lambda _result: self.window.activateWindow())
        picker.show()
        picker.activateWindow()
        picker.filter.setFocus()

    def save(self, work, done, failed=None) -> None:
        """Write off the UI thread (one transaction, fsynced); then `done(result)` pushes the
        undo step and redraws. Ctrl+Z pressed meanwhile waits for it (Background.when_idle).
        The memo being typed is saved first: the excerpt it is on may be merged, trimmed or
        recoded, and its memo goes with it only once it is stored."""
        self.window.flush_edits()
        self.window.run_in_background(work, done, failed or (
            lambda exc: self.window.show_status(str(exc))))

    def code_selection(self, node_ids: list[int]) -> None:
        job = self._coding_job()
        if job is None:
            return
        w = self.window
        project, ids = w.project, [NodeId(n) for n in node_ids]

        def work() -> tuple[CodingResult, str, str]:
            result, what = job(ids)
            return result, what, ", ".join(get_node(project, n).path for n in ids)

        def done(value: tuple[CodingResult, str, str]) -> None:
            result, what, names = value
            text = f"Coded {what} to {names}"
            w.undo_stack.push(CodingCommand(w, result, text))
            w.apply(result.changes)
            for node_id in node_ids:
                if node_id in self.recent:
                    self.recent.remove(node_id)
                self.recent.insert(0, node_id)
            del self.recent[RECENT:]
            self._save_slots()
            self.name_slots()
            w.show_status(text)

        self.save(work, done)

    def quick_code(self, index: int) -> None:
        if index < len(self.recent):
            self.code_selection([self.recent[index]])
        else:
            self.window.show_status(f"Quick code {index + 1} is empty: code to a node first, "
                                    "and it takes the next free slot")

    def _new_node_and_code(self, path: str, role: str, *, origin: str = "inductive",
                           color: str | None = None, description: str = "",
                           job: Callable[[list[NodeId]], tuple[CodingResult, str]] | None = None,
                           ) -> None:
        """Create the node and code the selection (or the `job` read when a dialog opened) to
        it, as one undoable step."""
        if job is None:
            if not self.has_selection():
                self._selection()  # says what to do
                return
            job = self._coding_job()
        if job is None:
            return
        w = self.window
        project = w.project
        coding = job

        def work() -> tuple[list[NodeRecord], CodingResult, str]:
            made: list[NodeId] = []
            node_id = add_node(project, path, role=role, origin=origin, color=color,
                               description=description, made=made)
            result, what = coding([node_id])
            return [node_record(project, i) for i in made], result, what

        def done(value: tuple[list[NodeRecord], CodingResult, str]) -> None:
            records, result, what = value
            text = f"Coded {what} to new node {path}"
            w.undo_stack.push(NewNodeCodingCommand(w, records, result, text))
            w.apply(result.changes | Changes(nodes=True))
            w.nodes.select_node(records[-1].id)
            w.show_status(text)

        self.save(work, done)

    def code_in_vivo(self) -> None:
        region = self._region()
        span = region[1] if region is not None else self._selection()
        if region is None and span is None:
            return
        text = in_vivo_name(self.window.current_text, *span) if span is not None else ""
        fallback = f"Region p. {region[0].page}" if region is not None else "In vivo"
        name = text or fallback
        self._new_node_and_code(f"In vivo/{name}", "none")

    def new_node_from_selection(self, name: str = "") -> NodeDialog | None:
        """The New node dialog, its parent the node chosen in the tree (so its C/M/O role and
        origin are that node's: a mechanism under "Mechanisms"); OK creates the node and codes
        the selection, as it was when the dialog opened, to it. Two bare prompts asked for a
        path, then a role that always started at "none". `name`: typed in the node picker."""
        if not self.has_selection():
            self._selection()  # says what to do
            return None
        job = self._coding_job()
        if job is None:
            return None
        w = self.window
        dialog = NodeDialog(list_nodes(w.project), w.nodes.current_node_id(), w)
        dialog.setWindowTitle("New node from selection")

        def accepted() -> None:
            value = dialog.value()
            self._new_node_and_code(value.path, value.role, origin=value.origin,
                                    color=value.color, description=value.description, job=job)

        dialog.accepted.connect(accepted)
        dialog.open()
        if name:
            dialog.name.setText(name)
        dialog.name.setFocus()
        return dialog

    def uncode_selection(self, node_ids: list[int] | None = None) -> None:
        region = self._region()
        w = self.window
        project, doc = w.project, w.current_document_id
        if region is not None:
            wanted = None if node_ids is None else [NodeId(n) for n in node_ids]
            box = region[0]
            self.save(lambda: uncode_region(project, doc, box, wanted), self._push_uncode)
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
            project = self.window.project
            self.save(lambda: delete_references(project, [ref.id]), self._push_uncode)

    def uncode_one(self, ref) -> None:
        """Remove exactly this reference, in whichever document it is (Node references' menu:
        the excerpt listed need not be in the document open)."""
        project = self.window.project
        self.save(lambda: delete_references(project, [ref.id]), self._push_uncode)

    def uncode_span(self, start: int, end: int, node_ids: list[int] | None,
                    coder_ids: list[int] | None = None) -> None:
        """Uncode the span (of these nodes; of these coders' references only, when given)."""
        w = self.window
        project, doc = w.project, w.current_document_id
        wanted = None if node_ids is None else [NodeId(n) for n in node_ids]
        self.save(lambda: uncode(project, doc, start, end, wanted, coder_ids=coder_ids),
                   self._push_uncode)

    def _push_uncode(self, result: CodingResult) -> None:
        w = self.window
        if not result.removed:
            w.show_status("Nothing coded there")
            return
        text = f"Uncoded {counted(len(result.removed), 'reference')}"
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
        note, ok = text_prompt.ask_text(self.window, "Annotate", "Note on the selected text:")
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

    def edit_annotation(self, info) -> None:
        w = self.window
        note, ok = text_prompt.ask_text(w, "Edit annotation", "Note on the text:", info.text)
        if not ok or note == info.text:
            return
        try:
            before, after = edit_annotation(w.project, info.id, note)
        except USER_ERRORS as exc:
            w.show_status(str(exc))
            return
        w.undo_stack.push(AnnotationEditCommand(w, before, after))
        w.apply(Changes(memos=True, document_ids=frozenset({info.document_id})))
        w.show_status("Annotation edited")

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
        self._give_keyboard(self.picker)
        return self.picker

    def recode(self, ref, node_id: int) -> None:
        w = self.window
        project = w.project

        def work() -> tuple[CodingResult, str]:
            return recode(project, ref.id, NodeId(node_id)), get_node(project, NodeId(node_id)).path

        def done(value: tuple[CodingResult, str]) -> None:
            result, path = value
            text = f"Recoded 1 excerpt to {path}"
            w.undo_stack.push(CodingCommand(w, result, text))  # the memo panel follows it
            w.apply(result.changes)
            w.show_status(text)

        self.save(work, done)
