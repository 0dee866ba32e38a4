"""The main window: documents, node tree, the viewer, and the coding actions around them.

Views redraw from what the core returns; every mutation is announced with `apply(changes)`,
and `ViewRefresher` reads what must be redrawn off the UI thread, then the window draws it
without losing the reader's place. Which project is open is owned by `ProjectScope` alone:
open and close here are the only callers of `set_project`. Menus are built in app/menus.py,
the docks and the View menu in app/window_layout.py; other features plug in through
app/extensions.py.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app import folders
from app.background import Background
from app.coding_actions import CodingActions
from app.document_list import DocumentList
from app.export_action import export_to
from app.extensions import install_all
from app.find_bar import FindBar
from app.last_place import Place, recall, remember
from app.menus import build_menus, finish_menus
from app.node_tree import NodeTree
from app.page_pane import DocumentPane
from app.panels import MemoPanel, ReferencesPanel
from app.project_scope import ProjectScope
from app.read_only_banner import ReadOnlyBanner
from app.screen_fit import sized
from app.view_refresh import ReadPlan, ViewRefresher, read_views
from app.viewer import DocumentViewer, NodeStyle
from app.welcome import WelcomePage, remember_recent
from app.window_layout import WindowLayout
from app.window_views import WorkspaceViews
from coding.changes import Changes
from coding.errors import USER_ERRORS
from coding.ids import DocumentId
from coding.names import counted
from coding.project import Project


class MainWindow(WorkspaceViews, QMainWindow):
    project_opened = Signal(object)
    project_closed = Signal()
    changed = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.project: Project | None = None
        self.current_document_id: DocumentId | None = None
        self.current_text = ""
        self.wanted_document: DocumentId | None = None  # chosen, its text still being read
        self.pending_selection: tuple[DocumentId, int, int] | None = None
        self.pending_place: Place | None = None  # app.last_place: taken when its text shows
        self.node_styles: dict[int, NodeStyle] = {}
        self.background = Background(self)
        self.scope = ProjectScope(self)
        self.views = ViewRefresher(self)
        self.undo_stack = QUndoStack(self)
        self.undo_action: QAction  # these and the other menu actions: app/menus.py
        self.redo_action: QAction
        # extensions add items to the text's right-click menu: hook(menu, doc_id, offset)
        self.viewer_menu_hooks: list[Callable[[QMenu, DocumentId, int], None]] = []
        # what is typed but not yet stored outside the memo (a cell of the attribute sheet):
        # each stores it, before the project closes
        self.typing_flushers: list[Callable[[], None]] = []
        self.setWindowTitle("Realist Coder")
        sized(self, 1280, 800)
        self.viewer_widget = DocumentViewer(self)
        self.viewer = self.viewer_widget.text  # the QPlainTextEdit (extensions read its cursor)
        self.find_bar = FindBar(self)
        self.find_bar.hide()
        # the one place a view of the open document is mounted: the text, or a PDF's pages
        self.document_pane = DocumentPane(self, self.viewer_widget)
        self.welcome = WelcomePage(self)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.welcome)
        self.pages.addWidget(self._stacked(self.find_bar, self.document_pane))
        self.banner = ReadOnlyBanner(self)
        self.setCentralWidget(self._stacked(self.banner, self.pages))
        self.welcome.refresh()
        self.documents = DocumentList(self)
        self.documents.document_chosen.connect(lambda doc_id: self.show_document(DocumentId(doc_id)))
        self.nodes = NodeTree(self)
        self.coding = CodingActions(self)
        self.viewer.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.viewer.customContextMenuRequested.connect(self._viewer_menu)
        margin = self.viewer_widget.margin
        margin.uncode_requested.connect(self.coding.uncode_reference)
        margin.open_node_requested.connect(self.nodes.select_node)
        margin.reference_clicked.connect(self._reference_chosen)
        self.references_panel = ReferencesPanel(self)
        self.memo_panel = MemoPanel(self)
        self.nodes.currentItemChanged.connect(lambda *_: self._node_chosen())
        self.layout_ = WindowLayout(self)
        self.add_dock("documentsDock", "Documents", self.documents, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.add_dock("nodesDock", "Nodes", self.nodes, Qt.DockWidgetArea.RightDockWidgetArea)
        self.add_dock("referencesDock", "Node references", self.references_panel)
        self.add_dock("memoDock", "Memo", self.memo_panel)
        for panel in (self.documents, self.nodes):
            self.scope.needs_project(panel)
        for reset in (self._follow_writable, self.find_bar.hide, self._forget_document, self.documents.clear, self.nodes.clear,
                      lambda: self.references_panel.show_excerpts(None, []),
                      self.memo_panel.show_nothing, self.undo_stack.clear,
                      self.update_undo):  # a memo typed into up to Close left Undo on
            self.scope.on_reset(reset)
        build_menus(self)
        self.changed.connect(self._refresh)
        install_all(self)
        finish_menus(self)
        self.layout_.restore()
        self.scope.set_project(None)

    # The extension API (see app/extensions.py) -----------------------------------------

    def menu_named(self, title: str) -> QMenu:
        for action in self.menuBar().actions():
            menu = action.menu()
            if isinstance(menu, QMenu) and action.text() == title:
                return menu
        return self.menuBar().addMenu(title)

    def add_dock(self, object_name: str, title: str, widget,
                 area=Qt.DockWidgetArea.BottomDockWidgetArea) -> QDockWidget:
        return self.layout_.add_dock(object_name, title, widget, area)

    def apply(self, changes: Changes) -> None:
        self.changed.emit(changes)

    def run_in_background(self, fn, on_done, on_error=None) -> None:
        self.background.run(fn, on_done, on_error or self._report_error)

    def show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, 6000)

    def current_position(self) -> tuple[DocumentId, int] | None:
        if self.current_document_id is None:
            return None
        offsets = self.viewer_widget.offsets
        return self.current_document_id, offsets.to_codepoint(self.viewer.textCursor().position())

    # Projects ---------------------------------------------------------------------------

    def open_project(self, path: Path, readonly: bool = False) -> bool:
        """Open for writing when we can; a locked project opens read-only, a damaged one is
        offered its latest good backup (app/backup_actions.py explains each case)."""
        from app.backup_actions import open_project_explained

        self.close_project()
        reason = ""
        if readonly:
            try:
                project: Project | None = Project.open(path, readonly=True)
                reason = "opened read-only on request"
            except USER_ERRORS as exc:
                QMessageBox.critical(self, "Cannot open project", str(exc))
                return False
        else:
            project, reason = open_project_explained(self, path)
        if project is None:
            return False
        self.project = project
        self.views.reset()
        self.scope.set_project(project, reason or "the project file cannot be written")
        self.banner.show_reason(self.scope.readonly_reason)
        suffix = " (read-only)" if project.readonly else ""
        self.setWindowTitle(f"{project.name}{suffix} — Realist Coder")
        remember_recent(project.path)
        self.pages.setCurrentIndex(1)
        self.views.held = True
        self.draw_views(read_views(project, ReadPlan(documents=True, nodes=True)))
        self.memo_panel.show_memo("project", None, "Project memo")
        place = recall(project)
        if place is not None and any(d.id == place.document for d in self.documents.docs):
            self.pending_place, first = place, place.document  # where the last session ended
        else:
            first = self.documents.first_id()
        if first is not None:
            self.documents.select(first)
        self.views.draw_now(ReadPlan())
        self.project_opened.emit(project)
        _settle_memory()
        self.show_status(f"Opened {project.name}{suffix}: "
                         f"{counted(len(self.documents.docs), 'document')}, "
                         f"{counted(len(self.nodes.paths), 'node')}")
        return True

    def close_project(self) -> None:
        """Save what is being typed, let work in flight land, then empty every panel."""
        if self.project is None:
            return
        remember(self)
        for flush in self.typing_flushers:
            flush()
        self.memo_panel.save()
        self.background.wait()
        self.background.forget_callbacks()  # results of the closed project draw nowhere
        self.project.close()
        self.project = None
        gc.unfreeze()  # what the closed project held may be garbage now
        self.views.reset()
        self.scope.set_project(None)
        self.banner.show_reason("")
        self.setWindowTitle("Realist Coder")
        self.welcome.refresh()
        self.pages.setCurrentIndex(0)
        self.project_closed.emit()
        self.show_status("Project closed")

    def _follow_writable(self) -> None:
        self.viewer_widget.editable = self.scope.writable

    def ask_open(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Open project",
                                              folders.start_in(self, folders.PROJECT),
                                              "Projects (*.realist)")
        if name:
            self.open_project(Path(name))

    _ask_open = ask_open  # the welcome page's buttons and older callers

    def export_csv_to(self, path: Path | None) -> None:
        """Coded excerpts as CSV, UTF-8 with a BOM so Excel reads it right; asks where if None."""
        from coding.exports.csv_export import export_references_csv

        project = self.project
        if project is not None:
            export_to(self, self, "Export coded excerpts", "excerpts.csv", "CSV (*.csv)",
                      lambda p: export_references_csv(project, p, bom=True), "excerpts", path)

    def ask_new(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "New project", folders.start_in(self, folders.PROJECT, "review.realist"),
            "Projects (*.realist)")
        if not name:
            return
        path = Path(name) if name.endswith(".realist") else Path(name + ".realist")
        try:
            Project.create(path).close()
        except USER_ERRORS as exc:
            QMessageBox.critical(self, "Cannot create project", str(exc))
            return
        self.open_project(path)

    _ask_new = ask_new

    # Views ------------------------------------------------------------------------------

    def _reference_chosen(self, ref) -> None:
        path = self.nodes.path_of(ref.node_id)
        self.show_status(f"Reference {ref.id}: {path}")
        self.memo_panel.show_memo("reference", ref.id, f"Memo on the excerpt coded to {path}")

    def show_project_memo(self) -> None:
        self.memo_panel.show_memo("project", None, "Project memo")
        self.memo_panel.editor.setFocus()

    def _viewer_menu(self, pos) -> None:
        menu = self.viewer.createStandardContextMenu()
        self.coding.context_menu(menu)
        if self.current_document_id is not None:
            clicked = self.viewer.cursorForPosition(pos).position()
            offset = self.viewer_widget.offsets.to_codepoint(clicked)
            for hook in self.viewer_menu_hooks:
                hook(menu, self.current_document_id, offset)
        menu.exec(self.viewer.mapToGlobal(pos))

    @staticmethod
    def _stacked(*widgets: QWidget) -> QWidget:
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        for widget in widgets:
            layout.addWidget(widget, 1 if widget is widgets[-1] else 0)
        return holder

    # Undo -------------------------------------------------------------------------------

    def update_undo(self) -> None:
        """Undo is possible when the stack has a step, a memo edit is still open, or a step is
        still saving in the background (Ctrl+Z then waits for it: see `_step`)."""
        self.undo_action.setEnabled(self.undo_stack.canUndo() or self.memo_panel.editing()
                                    or self.background.busy_with_steps())

    _update_undo = update_undo

    def undo(self) -> None:
        self._step(self.undo_stack.canUndo, self.undo_stack.undoText, self.undo_stack.undo, "Undone")

    def redo(self) -> None:
        self._step(self.undo_stack.canRedo, self.undo_stack.redoText, self.undo_stack.redo, "Redone")

    def _step(self, possible, name, step, done: str) -> None:
        """Close the memo edit in progress first, so Ctrl+Z undoes what was typed last. An
        action still saving in the background pushes its step when it lands: wait for it."""
        if self.background.busy_with_steps():
            self.show_status("Finishing the last action…")
            self.background.when_idle(lambda: self._step(possible, name, step, done))
            return
        self.memo_panel.end_session()
        if possible():
            text = name()
            step()
            self.show_status(f"{done}: {text}")

    def flush_edits(self) -> None:
        """Save the memo being typed (as one undo step) before an action that may delete
        what it belongs to: its snapshot then holds the text, and undo brings it back."""
        self.memo_panel.end_session()

    def _report_error(self, exc: BaseException) -> None:
        QMessageBox.warning(self, "Realist Coder", str(exc))

    def closeEvent(self, event):  # noqa: N802
        self.layout_.save()
        self.close_project()
        super().closeEvent(event)


def _settle_memory() -> None:
    """Collect once, then freeze what survives (Instagram's gc.freeze): later full collections
    skip the ~140,000 long-lived objects of Qt, SQLAlchemy and the open project, which took a
    60 ms pause in the middle of a coding action on the benchmark project."""
    gc.collect()
    gc.freeze()
