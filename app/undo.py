"""Undo and redo for coding actions, through the core: every step is its own transaction.

The action is done (and saved) before its command is pushed, so a command's first redo() is
skipped; later redos and undos call the core's inverse operations.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from coding.annotations import AnnotationInfo, delete_annotation, restore_annotation
from coding.changes import Changes
from coding.memos import set_memo
from coding.nodes import NodeRecord, delete_node, restore_node
from coding.references import CodingResult, redo_coding, undo_coding


class CodingCommand(QUndoCommand):
    """Coding, uncoding or recoding: undo deletes what was created and restores what was removed."""

    def __init__(self, window, result: CodingResult, text: str) -> None:
        super().__init__(text)
        self.window = window
        self.result = result
        self._done = True

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self.window.apply(redo_coding(self.window.project, self.result))

    def undo(self) -> None:
        self.window.apply(undo_coding(self.window.project, self.result))


class NewNodeCodingCommand(QUndoCommand):
    """A node made from the selection and the selection coded to it (in vivo, new from selection)."""

    def __init__(self, window, node: NodeRecord, result: CodingResult, text: str) -> None:
        super().__init__(text)
        self.window = window
        self.node = node
        self.result = result
        self._done = True

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        changes = restore_node(self.window.project, self.node)
        self.window.apply(changes | redo_coding(self.window.project, self.result))

    def undo(self) -> None:
        undo_coding(self.window.project, self.result)
        self.window.apply(delete_node(self.window.project, self.node.id))


class AnnotationCommand(QUndoCommand):
    """An annotation added (or deleted): undo deletes (or restores) it, with the same id."""

    def __init__(self, window, info: AnnotationInfo, added: bool) -> None:
        super().__init__("Annotation added" if added else "Annotation deleted")
        self.window, self.info, self.added = window, info, added
        self._done = True

    def _remove(self) -> None:
        self.window.apply(delete_annotation(self.window.project, self.info.id))

    def _put_back(self) -> None:
        self.window.apply(restore_annotation(self.window.project, self.info))

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._put_back() if self.added else self._remove()

    def undo(self) -> None:
        self._remove() if self.added else self._put_back()


class MemoCommand(QUndoCommand):
    """One memo edit session: undo writes back the text it began with, redo the text it ended with."""

    def __init__(self, window, target: str, target_id: int | None, before: str, after: str,
                 text: str) -> None:
        super().__init__(text)
        self.window, self.target, self.target_id = window, target, target_id
        self.before, self.after = before, after
        self._done = True

    def _write(self, text: str) -> None:
        set_memo(self.window.project, self.target, self.target_id, text)
        self.window.memo_panel.reload(self.target, self.target_id)
        self.window.apply(Changes(memos=True))

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._write(self.after)

    def undo(self) -> None:
        self._write(self.before)
