"""The main window: documents, node tree, the viewer, and the coding actions around them.

Views redraw from what the core returns; every mutation is announced with `apply(changes)`,
which refreshes the lists and the current document's coding without losing the reader's place.
Other features plug in through app/extensions.py.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.background import Background
from app.coding_actions import CodingActions
from app.document_list import DocumentList
from app.export_action import export_to
from app.extensions import install_all
from app.find_bar import FindBar
from app.icons import describe_action, icon
from app.node_tree import NodeTree
from app.page_pane import DocumentPane
from app.panels import MemoPanel, ReferencesPanel
from app.viewer import DocumentViewer, NodeStyle
from app.welcome import WelcomePage, remember_recent, shortcuts_text
from coding.annotations import list_annotations
from coding.changes import Changes
from coding.documents import document_pages, document_text, list_documents
from coding.errors import USER_ERRORS
from coding.ids import DocumentId
from coding.nodes import list_nodes
from coding.project import Project
from coding.references import references_for_document

ROLE_BADGE = {"context": "C", "mechanism": "M", "outcome": "O"}


class MainWindow(QMainWindow):
    project_opened = Signal(object)
    project_closed = Signal()
    changed = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.project: Project | None = None
        self.current_document_id: DocumentId | None = None
        self.current_text = ""
        self.background = Background(self)
        self.undo_stack = QUndoStack(self)
        # extensions add items to the text's right-click menu: hook(menu, doc_id, offset)
        self.viewer_menu_hooks: list[Callable[[QMenu, DocumentId, int], None]] = []
        self.setWindowTitle("Realist Coder")
        self.resize(1280, 820)
        self.viewer_widget = DocumentViewer(self)
        self.viewer = self.viewer_widget.text  # the QPlainTextEdit (extensions read its cursor)
        self.welcome = WelcomePage(self)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.welcome)
        self.pages.addWidget(self._with_find_bar(self.viewer_widget))
        self.setCentralWidget(self.pages)
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
        self.add_dock("documentsDock", "Documents", self.documents, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.add_dock("nodesDock", "Nodes", self.nodes, Qt.DockWidgetArea.RightDockWidgetArea)
        self.add_dock("referencesDock", "Node references", self.references_panel)
        self.add_dock("memoDock", "Memo", self.memo_panel)
        self._build_menus()
        self.changed.connect(self._refresh)
        install_all(self)
        self._finish_actions()
        settings = QSettings()
        if settings.contains("window/geometry"):
            self.restoreGeometry(settings.value("window/geometry"))
            self.restoreState(settings.value("window/state"))

    # The extension API (see app/extensions.py) -----------------------------------------

    def menu_named(self, title: str) -> QMenu:
        for action in self.menuBar().actions():
            menu = action.menu()
            if isinstance(menu, QMenu) and action.text() == title:
                return menu
        return self.menuBar().addMenu(title)

    def add_dock(self, object_name: str, title: str, widget,
                 area=Qt.DockWidgetArea.BottomDockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(object_name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def apply(self, changes: Changes) -> None:
        self.changed.emit(changes)

    def run_in_background(self, fn, on_done, on_error=None) -> None:
        self.background.run(fn, on_done, on_error or self._report_error)

    def show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, 6000)

    def open_document_at(self, doc_id: DocumentId, start: int, end: int) -> None:
        self.select_document(doc_id)
        self.viewer_widget.select_span(start, end)

    def current_position(self) -> tuple[DocumentId, int] | None:
        if self.current_document_id is None:
            return None
        offsets = self.viewer_widget.offsets
        return self.current_document_id, offsets.to_codepoint(self.viewer.textCursor().position())

    # Projects ---------------------------------------------------------------------------

    def open_project(self, path: Path, readonly: bool = False) -> bool:
        """Open for writing when we can; a locked project opens read-only, a damaged one is
        offered its latest good backup (app/backup_actions.py explains each case)."""
        from app.backup_actions import open_project_safely

        self.close_project()
        if readonly:
            try:
                project: Project | None = Project.open(path, readonly=True)
            except USER_ERRORS as exc:
                QMessageBox.critical(self, "Cannot open project", str(exc))
                return False
        else:
            project = open_project_safely(self, path)
        if project is None:
            return False
        self.project = project
        self.undo_stack.clear()
        suffix = " (read-only)" if project.readonly else ""
        self.setWindowTitle(f"{project.name}{suffix} — Realist Coder")
        remember_recent(project.path)
        self.pages.setCurrentIndex(1)
        self._refresh(Changes(documents=True, nodes=True))
        first = self.documents.first_id()
        if first is not None:
            self.documents.select(first)
        self.project_opened.emit(project)
        _settle_memory()
        self.show_status(f"Opened {project.name}{suffix}: {len(self.documents.docs)} documents, "
                         f"{len(self.nodes.paths)} nodes")
        return True

    def close_project(self) -> None:
        if self.project is None:
            return
        self.memo_panel.save()
        self.memo_panel.target = None
        self.background.wait()
        self.project.close()
        self.project = None
        gc.unfreeze()  # what the closed project held may be garbage now
        self.current_document_id = None
        self.undo_stack.clear()
        self.documents.clear()
        self.nodes.clear()
        self.viewer_widget.load("", [])
        self.welcome.refresh()
        self.pages.setCurrentIndex(0)
        self.project_closed.emit()
        self.show_status("Project closed")

    def _ask_open(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Open project", "", "Projects (*.realist)")
        if name:
            self.open_project(Path(name))

    def _export_csv(self) -> None:
        self.export_csv_to(None)

    def export_csv_to(self, path: Path | None) -> None:
        """Coded excerpts as CSV, UTF-8 with a BOM so Excel reads it right; asks where if None."""
        from coding.exports.csv_export import export_references_csv

        project = self.project
        if project is not None:
            export_to(self, self, "Export coded excerpts", "excerpts.csv", "CSV (*.csv)",
                      lambda p: export_references_csv(project, p, bom=True), "excerpts", path)

    def _ask_new(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "New project", "review.realist", "Projects (*.realist)")
        if not name:
            return
        path = Path(name) if name.endswith(".realist") else Path(name + ".realist")
        try:
            Project.create(path).close()
        except USER_ERRORS as exc:
            QMessageBox.critical(self, "Cannot create project", str(exc))
            return
        self.open_project(path)

    # Views ------------------------------------------------------------------------------

    def _refresh(self, changes: Changes) -> None:
        if self.project is None:
            return
        if changes.documents or changes.references:
            self._fill_documents()
        if changes.nodes or changes.references or changes.theories:
            self.nodes.fill(list_nodes(self.project))
            current = self.nodes.current_node_id()
            if changes.nodes or changes.theories or not changes.node_ids or current in changes.node_ids:
                self.references_panel.show_node(current)  # a busy node's list takes ~50 ms
        if self.current_document_id is not None and (changes.references or changes.nodes
                                                     or changes.memos):
            self._draw_coding()

    def _fill_documents(self) -> None:
        assert self.project is not None
        self.documents.fill(list_documents(self.project), self.current_document_id)

    def select_document(self, doc_id: DocumentId) -> None:
        self.documents.select(doc_id)

    def show_document(self, doc_id: DocumentId) -> None:
        assert self.project is not None
        self.current_document_id = doc_id
        self.current_text = document_text(self.project, doc_id)
        self.viewer_widget.load(self.current_text, document_pages(self.project, doc_id))
        self._draw_coding()
        self.document_pane.show_document(doc_id)
        name = next((d.name for d in self.documents.docs if d.id == doc_id), str(doc_id))
        self.memo_panel.show_memo("document", doc_id, f"Memo: {name}")

    def _draw_coding(self) -> None:
        assert self.project is not None and self.current_document_id is not None
        styles: dict[int, NodeStyle] = {
            n.id: NodeStyle(n.name, n.path, n.color) for n in list_nodes(self.project)
        }
        refs = references_for_document(self.project, self.current_document_id)
        self.viewer_widget.annotations = list_annotations(self.project, self.current_document_id)
        self.viewer_widget.set_coding(refs, styles)

    def _reference_chosen(self, ref) -> None:
        path = self.nodes.path_of(ref.node_id)
        self.show_status(f"Reference {ref.id}: {path}")
        self.memo_panel.show_memo("reference", ref.id, f"Memo on the excerpt coded to {path}")

    def show_project_memo(self) -> None:
        self.memo_panel.show_memo("project", None, "Project memo")
        self.memo_panel.editor.setFocus()

    def _node_chosen(self) -> None:
        node_id = self.nodes.current_node_id()
        self.references_panel.show_node(node_id)
        if node_id is not None:
            self.memo_panel.show_memo("node", node_id, f"Memo: {self.nodes.path_of(node_id)}")

    def _viewer_menu(self, pos) -> None:
        menu = self.viewer.createStandardContextMenu()
        self.coding.context_menu(menu)
        if self.current_document_id is not None:
            clicked = self.viewer.cursorForPosition(pos).position()
            offset = self.viewer_widget.offsets.to_codepoint(clicked)
            for hook in self.viewer_menu_hooks:
                hook(menu, self.current_document_id, offset)
        menu.exec(self.viewer.mapToGlobal(pos))

    def _with_find_bar(self, viewer: DocumentViewer) -> QWidget:
        holder = QWidget(self)
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        self.find_bar = FindBar(self)
        layout.addWidget(self.find_bar)
        self.document_pane = DocumentPane(self, viewer)  # the text view, or the page view
        layout.addWidget(self.document_pane, 1)
        self.find_bar.hide()
        return holder

    def _build_menus(self) -> None:
        file_menu = self.menu_named("&File")
        self.new_project_action = file_menu.addAction(
            icon("new_project"), "&New project…", QKeySequence.StandardKey.New, self._ask_new)
        self.open_action = file_menu.addAction(
            icon("open"), "&Open project…", QKeySequence.StandardKey.Open, self._ask_open)
        self.export_action = file_menu.addAction(
            icon("export"), "&Export coded excerpts (CSV)…", self._export_csv)
        file_menu.addAction("&Close project", self.close_project)
        file_menu.addAction("&Quit", QKeySequence.StandardKey.Quit, self.close)
        edit = self.menu_named("&Edit")
        self.undo_action = QAction(icon("undo"), "&Undo", self)
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.undo_action.triggered.connect(self.undo)
        self.redo_action = QAction(icon("redo"), "&Redo", self)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.redo_action.triggered.connect(self.redo)
        self.undo_stack.canUndoChanged.connect(lambda _can: self._update_undo())
        self.memo_panel.editor.textChanged.connect(self._update_undo)
        self.background.started.connect(self._update_undo)  # a step in flight can be undone
        self.background.idle.connect(self._update_undo)
        self.undo_stack.canRedoChanged.connect(self.redo_action.setEnabled)
        self.undo_stack.undoTextChanged.connect(lambda t: self._name_step(self.undo_action, "Undo", t))
        self.undo_stack.redoTextChanged.connect(lambda t: self._name_step(self.redo_action, "Redo", t))
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        edit.addActions([self.undo_action, self.redo_action])
        edit.addSeparator()
        self.find_action = edit.addAction(
            icon("find"), "&Find in document", QKeySequence.StandardKey.Find, self.find_bar.open)
        self.memo_action = edit.addAction(
            icon("memo"), "&Project memo", QKeySequence("Ctrl+M"), self.show_project_memo)
        coding = self.menu_named("&Code")
        for action in (self.coding.code_to, self.coding.in_vivo, self.coding.new_node,
                       self.coding.uncode_all, self.coding.annotate, *self.coding.quick):
            coding.addAction(action)
        help_menu = self.menu_named("&Help")
        help_menu.addAction("&Keyboard shortcuts", QKeySequence("F1"), self.show_shortcuts)
        self.toolbar = QToolBar("Coding", self)
        self.toolbar.setObjectName("codingToolbar")
        self.toolbar.addActions([self.new_project_action, self.open_action])
        self.toolbar.addSeparator()
        self.toolbar.addActions([self.undo_action, self.redo_action])
        self.toolbar.addSeparator()
        self.toolbar.addActions([self.coding.code_to, self.coding.in_vivo, self.coding.new_node,
                                 self.coding.uncode_all, self.coding.annotate])
        self.toolbar.addSeparator()
        self.toolbar.addActions([self.find_action, self.memo_action, self.export_action])
        self.addToolBar(self.toolbar)

    def _name_step(self, action: QAction, verb: str, step: str) -> None:
        action.setText(f"&{verb} {step}" if step else f"&{verb}")
        describe_action(action)

    def _update_undo(self) -> None:
        """Undo is possible when the stack has a step, a memo edit is still open, or a step is
        still saving in the background (Ctrl+Z then waits for it: see `_step`)."""
        self.undo_action.setEnabled(self.undo_stack.canUndo() or self.memo_panel.editing()
                                    or self.background.busy())

    def undo(self) -> None:
        self._step(self.undo_stack.canUndo, self.undo_stack.undoText, self.undo_stack.undo, "Undone")

    def redo(self) -> None:
        self._step(self.undo_stack.canRedo, self.undo_stack.redoText, self.undo_stack.redo, "Redone")

    def _step(self, possible, name, step, done: str) -> None:
        """Close the memo edit in progress first, so Ctrl+Z undoes what was typed last. An
        action still saving in the background pushes its step when it lands: wait for it."""
        if self.background.busy():
            self.show_status("Finishing the last action…")
            self.background.when_idle(lambda: self._step(possible, name, step, done))
            return
        self.memo_panel.end_session()
        if possible():
            text = name()
            step()
            self.show_status(f"{done}: {text}")

    def _finish_actions(self) -> None:
        """Icons for the actions extensions add, and a shortcut in every tooltip."""
        for action in self.menu_named("&File").actions():
            if action.text() == "&Import documents…":
                action.setIcon(icon("import"))
                self.toolbar.insertAction(self.export_action, action)
        for menu_action in self.menuBar().actions():
            menu = menu_action.menu()
            if isinstance(menu, QMenu):
                menu.setToolTipsVisible(True)
                for action in menu.actions():
                    describe_action(action)

    def _report_error(self, exc: BaseException) -> None:
        QMessageBox.warning(self, "Realist Coder", str(exc))

    def show_shortcuts(self) -> None:
        QMessageBox.information(self, "Keyboard shortcuts", shortcuts_text())

    def closeEvent(self, event):  # noqa: N802
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        self.close_project()
        super().closeEvent(event)


def _settle_memory() -> None:
    """Collect once, then freeze what survives (Instagram's gc.freeze): later full collections
    skip the ~140,000 long-lived objects of Qt, SQLAlchemy and the open project, which took a
    60 ms pause in the middle of a coding action on the benchmark project."""
    gc.collect()
    gc.freeze()
