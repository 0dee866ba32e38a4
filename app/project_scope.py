"""The one owner of "which project is open": every panel, action and editor follows it.

Typing into a memo after the project closed, or into one left showing a deleted node, was
saved nowhere and lost without a word. So nothing decides for itself whether it may act:
what needs a project registers here once, and `set_project` (called only by the window's
open and close) empties, disables and re-enables all of it together. What needs a *writable*
project is also disabled when the project opened read-only (another app holds the lock).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from coding.project import Project

Guarded = QAction | QWidget
_EDITORS = (QPlainTextEdit, QTextEdit, QLineEdit)


class ProjectScope(QObject):
    """Guards, resets and one signal; `project_changed` carries the Project or None."""

    project_changed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project: Project | None = None
        self.readonly_reason = ""
        self._guards: list[tuple[Guarded, bool]] = []
        self._resets: list[Callable[[], None]] = []
        self._free: set[int] = set()

    @property
    def writable(self) -> bool:
        return self.project is not None and not self.project.readonly

    def needs_project(self, thing: Guarded, *, writable: bool = False) -> None:
        """Enable `thing` only while a project (a writable one, if asked) is open. An editor
        that needs a writable project stays readable but refuses input (setReadOnly)."""
        self._guards.append((thing, writable))
        self._apply(thing, writable)

    def edits(self, *actions: QAction) -> None:
        """Actions that change the project: disabled without one and on read-only projects."""
        for action in actions:
            self.needs_project(action, writable=True)

    def free(self, *actions: QAction) -> None:
        """Actions that need no project (New, Open, Quit, Help, View): never swept."""
        self._free.update(id(a) for a in actions)

    def is_free(self, action: QAction) -> bool:
        return id(action) in self._free

    def is_guarded(self, action: QAction) -> bool:
        return any(thing is action for thing, _w in self._guards)

    def on_reset(self, reset: Callable[[], None]) -> None:
        """Called whenever the project closes or another one opens: drop what you show."""
        self._resets.append(reset)

    def set_project(self, project: Project | None, readonly_reason: str = "") -> None:
        self.project = project
        self.readonly_reason = readonly_reason if project is not None and project.readonly else ""
        for reset in self._resets:
            reset()
        for thing, writable in self._guards:
            self._apply(thing, writable)
        self.project_changed.emit(project)

    def refresh(self) -> None:
        """Re-apply every guard (after something re-enabled an action on its own)."""
        for thing, writable in self._guards:
            self._apply(thing, writable)

    def _apply(self, thing: Guarded, writable: bool) -> None:
        allowed = self.writable if writable else self.project is not None
        if writable and isinstance(thing, _EDITORS):
            thing.setEnabled(self.project is not None)
            thing.setReadOnly(not allowed)
        else:
            thing.setEnabled(allowed)
