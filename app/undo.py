"""Undo and redo through the core: every step is its own transaction.

Actions are done (and saved) before their command is pushed; `DoneCommand` is the one place
that knows to skip Qt's first redo(). Later redos and undos call the core's inverse operations.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from coding.annotations import (
    AnnotationInfo,
    delete_annotation,
    edit_annotation,
    restore_annotation,
)
from coding.changes import Changes
from coding.memos import set_memo
from coding.node_records import NodeRecord, delete_made, restore_made
from coding.reference_undo import redo_coding, undo_coding
from coding.references import CodingResult


class DoneCommand(QUndoCommand):
    """An action that ran (and was saved) before the push. Qt calls redo() on push, so the first
    call is skipped; later ones run `do()`, and undo() runs `undo_it()`; the window announces
    the Changes either returns. Every undoable action in the app is one of these."""

    def __init__(self, window, text: str) -> None:
        super().__init__(text)
        self.window = window
        self._skip = True

    def redo(self) -> None:
        if self._skip:
            self._skip = False
            return
        self.window.apply(self.do())

    def undo(self) -> None:
        self.window.apply(self.undo_it())

    def do(self) -> Changes:
        raise NotImplementedError

    def undo_it(self) -> Changes:
        raise NotImplementedError


class CodingCommand(DoneCommand):
    """Coding, uncoding or recoding: undo deletes what was created and restores what was removed."""

    def __init__(self, window, result: CodingResult, text: str) -> None:
        super().__init__(window, text)
        self.result = result

    def redo(self) -> None:
        if self._skip:  # pushed just after the action: the memo panel follows it as a redo's
            self._follow(forward=True)
        super().redo()

    def do(self) -> Changes:
        changes = redo_coding(self.window.project, self.result)
        self._follow(forward=True)
        return changes

    def undo_it(self) -> Changes:
        changes = undo_coding(self.window.project, self.result)
        self._follow(forward=False)
        return changes

    def _follow(self, forward: bool) -> None:
        """The memo panel showing an excerpt's memo follows it to the excerpt it is on now -
        where its memo went, or the one excerpt that took its place - rather than saying its
        excerpt was deleted."""
        target = self.window.memo_panel.target
        if target is None or target[0] != "reference":
            return
        r = self.result
        was, now = (r.memos_before, r.memos_after) if forward else (r.memos_after, r.memos_before)
        gone, made = (r.removed, r.created) if forward else (r.created, r.removed)
        memo = next((m for m in was if m["reference_id"] == target[1]), None)
        moved = next((m for m in now if memo is not None and m["id"] == memo["id"]), None)
        record = next((x for x in made if moved is not None and x.id == moved["reference_id"]),
                      None)
        if record is None and len(made) == 1 and any(x.id == target[1] for x in gone):
            record = made[0]  # no memo to follow, but one excerpt in its place
        if record is not None:
            self.window._reference_chosen(record)


class NewNodeCodingCommand(DoneCommand):
    """A node made from the selection and the selection coded to it (in vivo, new from
    selection), with the folders its path made: undo takes all of them back."""

    def __init__(self, window, nodes: list[NodeRecord], result: CodingResult, text: str) -> None:
        super().__init__(window, text)
        self.nodes = nodes  # parents first, the coded node last
        self.result = result

    def do(self) -> Changes:
        return (restore_made(self.window.project, self.nodes)
                | redo_coding(self.window.project, self.result))

    def undo_it(self) -> Changes:
        undo_coding(self.window.project, self.result)
        return delete_made(self.window.project, self.nodes)


class AnnotationCommand(DoneCommand):
    """An annotation added (or deleted): undo deletes (or restores) it, with the same id."""

    def __init__(self, window, info: AnnotationInfo, added: bool) -> None:
        super().__init__(window, "Annotation added" if added else "Annotation deleted")
        self.info, self.added = info, added

    def _remove(self) -> Changes:
        return delete_annotation(self.window.project, self.info.id)

    def _put_back(self) -> Changes:
        return restore_annotation(self.window.project, self.info)

    def do(self) -> Changes:
        return self._put_back() if self.added else self._remove()

    def undo_it(self) -> Changes:
        return self._remove() if self.added else self._put_back()


class AnnotationEditCommand(DoneCommand):
    """An annotation's text changed: undo writes back the text it had, redo the new one."""

    def __init__(self, window, before: AnnotationInfo, after: AnnotationInfo) -> None:
        super().__init__(window, "Annotation edited")
        self.before, self.after = before, after

    def _write(self, info: AnnotationInfo) -> Changes:
        edit_annotation(self.window.project, info.id, info.text)
        return Changes(memos=True, document_ids=frozenset({info.document_id}))

    def do(self) -> Changes:
        return self._write(self.after)

    def undo_it(self) -> Changes:
        return self._write(self.before)


class MemoCommand(DoneCommand):
    """One memo edit session: undo writes back the text it began with, redo the text it ended with."""

    def __init__(self, window, target: str, target_id: int | None, before: str, after: str,
                 text: str) -> None:
        super().__init__(window, text)
        self.target, self.target_id = target, target_id
        self.before, self.after = before, after

    def _write(self, text: str) -> Changes:
        set_memo(self.window.project, self.target, self.target_id, text)
        self.window.memo_panel.reload(self.target, self.target_id)
        return Changes(memos=True)

    def do(self) -> Changes:
        return self._write(self.after)

    def undo_it(self) -> Changes:
        return self._write(self.before)
