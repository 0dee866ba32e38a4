"""The window's menus and toolbar, in the order desktop users expect.

File, Edit, View, Code come first; extensions add Review, Theories, Appraisal; Help is moved
last and Quit to the end of File once every extension has added its items. Then every menu
action is swept into the project scope: it needs an open project unless it was declared free
(New, Open, Quit, the View and Help menus), and what edits is off on a read-only project.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar

from app import help_texts
from app.icons import describe_action, icon

EDITING_MENUS = ("&Code",)


def build_menus(window) -> None:
    file_menu = window.menu_named("&File")
    window.new_project_action = file_menu.addAction(
        icon("new_project"), "&New project…", QKeySequence.StandardKey.New, window.ask_new)
    window.open_action = file_menu.addAction(
        icon("open"), "&Open project…", QKeySequence.StandardKey.Open, window.ask_open)
    window.recent_menu = file_menu.addMenu("Open &recent")
    window.recent_menu.aboutToShow.connect(lambda: fill_recent(window))
    window.export_action = file_menu.addAction(
        icon("export"), "&Export coded excerpts (CSV)…", lambda: window.export_csv_to(None))
    window.close_action = file_menu.addAction("&Close project", QKeySequence("Ctrl+W"),
                                              window.close_project)
    window.quit_action = QAction("&Quit", window)
    window.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
    window.quit_action.triggered.connect(window.close)
    _edit_menu(window)
    window.layout_.build_view_menu(window.menu_named("&View"))
    coding = window.menu_named("&Code")
    c = window.coding
    coding.addActions([c.code_to, c.in_vivo, c.new_node, c.uncode_all, c.annotate])
    coding.addSeparator()
    coding.addActions(c.quick)
    window.menu_named("&Documents")  # filled by app/document_actions.py
    window.scope.free(window.new_project_action, window.open_action, window.quit_action,
                      window.undo_action, window.redo_action, window.recent_menu.menuAction())
    _toolbar(window)


def fill_recent(window) -> None:
    """File ▸ Open recent, read when it opens: the welcome page's list was the only way back to
    a recent project, and it is gone once a project is open. The open one is not offered."""
    from app.welcome import recent_projects

    menu = window.recent_menu
    menu.clear()
    here = window.project.path.resolve() if window.project is not None else None
    paths = [p for p in recent_projects() if Path(p) != here]
    for number, path in enumerate(paths, start=1):
        # the whole path: two projects called review.realist in two folders are told apart
        menu.addAction(f"&{number} {Path(path).name}  —  {Path(path).parent}",
                       lambda p=path: window.open_project(Path(p)))
    if not paths:
        menu.addAction("No other recent project").setEnabled(False)


def _edit_menu(window) -> None:
    edit = window.menu_named("&Edit")
    window.undo_action = QAction(icon("undo"), "&Undo", window)
    window.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
    window.undo_action.triggered.connect(window.undo)
    window.redo_action = QAction(icon("redo"), "&Redo", window)
    window.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    window.redo_action.triggered.connect(window.redo)
    stack = window.undo_stack
    stack.canUndoChanged.connect(lambda _can: window.update_undo())
    window.memo_panel.editor.textChanged.connect(window.update_undo)
    window.background.started.connect(window.update_undo)  # a step in flight can be undone
    window.background.idle.connect(window.update_undo)
    stack.canRedoChanged.connect(window.redo_action.setEnabled)
    stack.undoTextChanged.connect(lambda t: _name_step(window.undo_action, "Undo", t))
    stack.redoTextChanged.connect(lambda t: _name_step(window.redo_action, "Redo", t))
    window.undo_action.setEnabled(False)
    window.redo_action.setEnabled(False)
    edit.addActions([window.undo_action, window.redo_action])
    edit.addSeparator()
    window.find_action = edit.addAction(
        icon("find"), "&Find in document", QKeySequence.StandardKey.Find, window.find_bar.open)
    window.memo_action = edit.addAction(
        icon("memo"), "&Project memo", QKeySequence("Ctrl+M"), window.show_project_memo)


def _toolbar(window) -> None:
    c = window.coding
    window.toolbar = QToolBar("Coding", window)
    window.toolbar.setObjectName("codingToolbar")
    window.toolbar.addActions([window.new_project_action, window.open_action])
    window.toolbar.addSeparator()
    window.toolbar.addActions([window.undo_action, window.redo_action])
    window.toolbar.addSeparator()
    window.toolbar.addActions([c.code_to, c.in_vivo, c.new_node, c.uncode_all, c.annotate])
    window.toolbar.addSeparator()
    window.toolbar.addActions([window.find_action, window.memo_action, window.export_action])
    window.addToolBar(window.toolbar)


def _name_step(action: QAction, verb: str, step: str) -> None:
    action.setText(f"&{verb} {step}" if step else f"&{verb}")
    describe_action(action)


# The File menu in groups, as desktop applications order it: the project itself, what comes
# in and goes out of it, its safe keeping, Quit. The extensions add their items as they
# install (Import after Close, say); `finish_menus` puts them in these places, and anything
# not named here goes at the end of the exchange group.
FILE_GROUPS = (
    ("&New project…", "&Open project…", "Open &recent", "&Close project"),
    ("&Import documents…", "&Merge project…", "REFI-QDA e&xchange",
     "&Export coded excerpts (CSV)…"),
    ("Back &up now", "Save a cop&y…", "Restore from &backup…", "&Check project"),
)


def finish_menus(window) -> None:
    """After the extensions: File in its groups with Quit last, Import documents also at the
    head of the Documents menu, Help last in the bar, icons, tooltips with shortcuts, and
    every action guarded by the project scope."""
    file_menu = window.menu_named("&File")
    _order_file_menu(file_menu)
    file_menu.addSeparator()
    file_menu.addAction(window.quit_action)
    help_menu = _help_menu(window)
    bar = window.menuBar()
    bar.removeAction(help_menu.menuAction())
    bar.addAction(help_menu.menuAction())
    for action in file_menu.actions():
        if action.text() == "&Import documents…":
            action.setIcon(icon("import"))
            window.toolbar.insertAction(window.export_action, action)
            documents = window.menu_named("&Documents")  # where a researcher looks for it too
            head = documents.actions()[0] if documents.actions() else None
            documents.insertAction(head, action)
            documents.insertSeparator(head)
    for menu_action in bar.actions():
        menu = menu_action.menu()
        if isinstance(menu, QMenu):
            _sweep(window, menu, editing=menu_action.text() in EDITING_MENUS)


def _order_file_menu(menu: QMenu) -> None:
    """Put the File menu's items in FILE_GROUPS' order, a separator between groups. Items are
    taken out and put back, never cleared: clear() would delete those the menu owns."""
    items = [a for a in menu.actions() if not a.isSeparator()]
    for action in menu.actions():
        menu.removeAction(action)
    by_text = {a.text(): a for a in items}
    named = {text for group in FILE_GROUPS for text in group}
    others = [a for a in items if a.text() not in named]
    groups = [[by_text[t] for t in group if t in by_text] for group in FILE_GROUPS]
    groups[1].extend(others)
    for number, group in enumerate(g for g in groups if g):
        if number:
            menu.addSeparator()
        menu.addActions(group)


def _sweep(window, menu: QMenu, editing: bool) -> None:
    menu.setToolTipsVisible(True)
    for action in menu.actions():
        sub = action.menu()
        if isinstance(sub, QMenu):
            _sweep(window, sub, editing)
            continue
        describe_action(action)
        if action.isSeparator() or window.scope.is_free(action) or window.scope.is_guarded(action):
            continue
        window.scope.needs_project(action, writable=editing)


def _help_menu(window) -> QMenu:
    menu = window.menu_named("&Help")
    shortcuts = menu.addAction("&Keyboard shortcuts", QKeySequence("F1"),
                               lambda: help_texts.show_shortcuts(window))
    guide = menu.addAction("&User guide", lambda: help_texts.show_guide(window))
    menu.addSeparator()
    about = menu.addAction("&About Realist Coder", lambda: help_texts.show_about(window))
    window.scope.free(shortcuts, guide, about)
    for action in menu.actions():
        window.scope.free(action)  # help needs no project, whoever added it
    return menu
