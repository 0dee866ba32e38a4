"""The page view's place in the window: the View menu's "Page view", and what a click or a
right-click on a page does. Everything goes through the paths the text view uses - the coding
actions, the stripe margin's signals (uncode, recode, rate, memo, open node) and the text's
right-click hooks - so a page is one more way to reach the same excerpts.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QMenu

from app.undo import CodingCommand
from coding.names import counted
from coding.page_marks import Mark
from coding.regions import reshape_region


def view_menu(window) -> QMenu:
    """The View menu, made before Help when nobody has made it yet (the window's menu_named
    adds at the end)."""
    for action in window.menuBar().actions():
        if action.text() == "&View" and action.menu() is not None:
            return action.menu()
    menu = QMenu("&View", window)
    before = next((a for a in window.menuBar().actions() if a.text() == "&Help"), None)
    if before is not None:
        window.menuBar().insertMenu(before, menu)
    else:
        window.menuBar().addMenu(menu)
    return menu


def _stripe_clicked(window, ref, event) -> None:
    """As a click on the text view's stripe: select the excerpt, show its memo."""
    pane = window.document_pane
    if event.button() == Qt.MouseButton.LeftButton:
        if ref.region is None:
            pane.page_view.selection = (ref.start, ref.end)
            pane.page_view.viewport().update()
            pane.page_selected(ref.start, ref.end)
        window.viewer_widget.margin.reference_clicked.emit(ref)


def _context_menu(window, global_pos, offset: int | None, mark: Mark | None) -> None:
    page_menu(window, global_pos, offset, mark).exec(global_pos)


def page_menu(window, global_pos, offset: int | None, mark: Mark | None) -> QMenu:
    """The page view's right-click menu: coding, the excerpt under the mouse, zoom."""
    pane = window.document_pane
    view = pane.page_view
    if offset is not None and view.selection is None and view.region is None:
        pane.page_selected(offset, offset)  # the caret goes where the click was
    menu = QMenu(view)
    if view.selection is not None:
        menu.addAction("&Copy", view.copy)
    window.coding.context_menu(menu)
    if mark is not None:
        ref = mark.reference
        margin = window.viewer_widget.margin
        what = "region" if mark.is_region else "excerpt"
        path = window.nodes.path_of(ref.node_id)
        menu.addSection(f"{what.capitalize()} coded to {path}")
        menu.addAction(f"Uncode this {what}", lambda: margin.uncode_requested.emit(ref))
        menu.addAction("Recode to…", lambda: margin.recode_requested.emit(ref))
        menu.addAction(f"Rate {what}…", lambda: margin.rate_requested.emit(ref))
        menu.addAction(f"Memo on this {what}", lambda: _memo(window, ref))
        menu.addAction("Open node", lambda: margin.open_node_requested.emit(ref.node_id))
    note = view.note_at(QPointF(view.viewport().mapFromGlobal(global_pos)))
    if note is not None:
        menu.addSection("Annotation")
        menu.addAction("Edit annotation…", lambda: window.coding.edit_annotation(note))
        menu.addAction("Delete annotation", lambda: window.coding.delete_annotation(note))
    # the excerpts under the caret (rating, as the text's menu has it): not when the mouse is
    # on one, whose own section above rates it (the menu said "Rate excerpt" twice)
    if offset is not None and mark is None and window.current_document_id is not None:
        for hook in window.viewer_menu_hooks:
            hook(menu, window.current_document_id, offset)
    menu.addSeparator()
    menu.addAction("Zoom to fit width", lambda: view.set_zoom(fit="width"))
    menu.addAction("Zoom to fit page", lambda: view.set_zoom(fit="page"))
    return menu


def _reshape(window, ref, region) -> None:
    """A coded region's corner dragged: its codings move to the new rectangle, undoably."""
    view = window.document_pane.page_view
    project = window.project

    def done(result) -> None:
        window.undo_stack.push(CodingCommand(window, result, "Resized a region"))
        same = next((r for r in result.created if r.node_id == ref.node_id), None)
        if same is not None:
            view.region, view.region_ref = same.region, same
        window.apply(result.changes)
        window.show_status(f"Resized the region ({counted(len(result.created), 'coding')} moved)")

    def failed(exc: BaseException) -> None:
        view.region = ref.region
        view.viewport().update()
        window.show_status(str(exc))

    window.coding.save(lambda: reshape_region(project, ref.id, region), done, failed)


def _memo(window, ref) -> None:
    window.viewer_widget.margin.reference_clicked.emit(ref)
    window.memo_panel.editor.setFocus()


def install(window) -> None:
    pane = window.document_pane
    menu = view_menu(window)
    menu.addAction(pane.page_action)
    window.scope.free(pane.page_action)  # the pane enables it for PDFs only, itself
    window.addAction(pane.page_action)  # its shortcut works wherever the focus is
    pane.page_view.stripe_clicked.connect(lambda ref, event: _stripe_clicked(window, ref, event))
    pane.page_view.region_reshaped.connect(lambda ref, region: _reshape(window, ref, region))
    pane.page_view.context_requested.connect(
        lambda pos, offset, mark: _context_menu(window, pos, offset, mark))
