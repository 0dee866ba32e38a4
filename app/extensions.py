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
