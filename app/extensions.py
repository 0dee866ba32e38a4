"""Features that add panels and menu items to the main window without editing it.

Each module listed in EXTENSIONS has `install(window: MainWindow) -> None`. MainWindow calls
them once, after building itself. The window API they may use (a contract, keep it stable):

- `window.project` — the open `coding.project.Project`, or None.
- `window.project_opened` (Signal(object): the Project), `window.project_closed` (Signal()),
  `window.changed` (Signal(object): a `coding.changes.Changes` after any mutation).
- `window.apply(changes)` — announce a mutation you made, so every view refreshes.
- `window.menu_named("&Theories")` — the menu with that title, created if missing.
- `window.add_dock(object_name, title, widget, area)` — a dockable panel (remembered layout).
- `window.open_document_at(doc_id, start, end)` — show a document with [start, end) selected
  (code-point offsets).
- `window.run_in_background(fn, on_done, on_error=None)` — run `fn()` off the UI thread; the
  callbacks run on the UI thread with its result or exception.
- `window.show_status(message)` — a status-bar message.
- `window.viewer_menu_hooks` — append `hook(menu, doc_id, offset)` to add items to the
  document text's right-click menu; `offset` is the code point under the mouse.
- `window.scope` (app/project_scope.py), the one owner of "which project is open":
  `scope.project_changed` (Signal(object): the Project or None, on every open and close);
  `scope.needs_project(action_or_widget, writable=False)`; `scope.edits(*actions)` (off
  without a project and on a read-only one); `scope.free(*actions)` (never needs one);
  `scope.on_reset(fn)` (drop what you show when the project closes or another opens).
  Every menu action not declared free is swept into `needs_project` after install.
  A review view given to `review_widgets.install_dock` must have `clear_results()`.
- `window.menu_named("&View")` is open to additions (the page view's toggle is one); the
  document pane (`app/page_pane.py`) takes another view of the open document:
  `window.document_pane.mount(widget)`, then `window.document_pane.show_view(widget)`.
- `window.flush_edits()` — save the memo being typed before an action that may delete what
  it belongs to.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

EXTENSIONS: list[str] = [
    "app.coverage_view", "app.matrix_view", "app.search_view", "app.review_exports",
    "app.theories_panel", "app.candidates_view",
    "app.rating",
    "app.appraisal_dialog",
    "app.import_dialog",
    "app.document_actions",
    "app.node_actions",
    "app.backup_actions",
    "app.refi_actions",
    "app.coder_actions",
    "app.comparison_view",
    "app.page_actions",
]


def install_all(window: Any) -> None:
    for name in EXTENSIONS:
        import_module(name).install(window)
