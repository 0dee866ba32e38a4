"""Rating excerpts for relevance and rigour, quickly, from the keyboard.

The &Appraisal menu acts on the excerpt in hand: the one selected in the node references panel
when that panel has the focus, else the one at the viewer's cursor — a dialog (Ctrl+Alt+R), or
one keystroke per judgement: Ctrl+Alt+1/2/3 set relevance high/moderate/low, Ctrl+Alt+4/5/6 set
rigour high/moderate/low. The references panel also offers them on its context menu. Every
rating goes on the window's undo stack, like coding: Ctrl+Z takes it back.
The viewer's stripes and the text's right-click menu offer "Rate excerpt…" too.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QWidget,
)

from app.offsets import OffsetMap
from app.panels import REFERENCE_ROLE
from app.theory_dialogs import ok_cancel
from app.undo import DoneCommand
from coding.changes import Changes
from coding.documents import document_text
from coding.filters import NO_FILTER
from coding.ids import DocumentId
from coding.nodes import get_node
from coding.ratings import rate_reference, restore_rating
from coding.realist.ratings import (
    LEVELS,
    RATING_CHOICES,
    RATING_LABELS,
    describe,
    references_at,
    with_minimum,
)
from coding.references import ReferenceRecord, get_reference

EXCERPT_PREVIEW = 160


class RatingDialog(QDialog):
    def __init__(self, reference: ReferenceRecord, excerpt: str,
                 parent: QWidget | None = None, node: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("ratingDialog")
        self.setWindowTitle("Rate excerpt")
        self.reference = reference
        preview = excerpt if len(excerpt) <= EXCERPT_PREVIEW else excerpt[:EXCERPT_PREVIEW] + "…"
        shown = QLabel(f"“{preview}”")
        shown.setWordWrap(True)
        # A rating belongs to one excerpt of one node: the same words coded to two nodes are
        # two excerpts, rated apart, so the dialog says which it rates.
        coded_to = QLabel(f"coded to {node}" if node else "")
        coded_to.setObjectName("ratedNode")
        coded_to.setWordWrap(True)
        self.relevance = QComboBox()
        self.rigour = QComboBox()
        for combo, value in ((self.relevance, reference.relevance),
                             (self.rigour, reference.rigour)):
            for rating in RATING_CHOICES:
                combo.addItem(RATING_LABELS[rating], rating)
            combo.setCurrentIndex(RATING_CHOICES.index(value))
        self.note = QLineEdit(reference.rating_note)
        self.note.setPlaceholderText("A short rationale")
        buttons = ok_cancel(self)
        form = QFormLayout(self)
        form.addRow(shown)
        if node:
            form.addRow(coded_to)
        form.addRow("Re&levance", self.relevance)
        form.addRow("R&igour", self.rigour)
        form.addRow("&Note", self.note)
        form.addRow(buttons)

    def values(self) -> tuple[str, str, str]:
        return self.relevance.currentData(), self.rigour.currentData(), self.note.text()


def _rating_changes(record: ReferenceRecord) -> Changes:
    return Changes(references=True, document_ids=frozenset({record.document_id}),
                   node_ids=frozenset({record.node_id}))


class RatingCommand(DoneCommand):
    """A rating already saved: undo puts the excerpt's previous rating and note back."""

    def __init__(self, window, before: ReferenceRecord, after: ReferenceRecord) -> None:
        super().__init__(window, f"Rate excerpt {after.id}")
        self.before, self.after = before, after

    def do(self) -> Changes:
        restore_rating(self.window.project, self.after)
        return _rating_changes(self.after)

    def undo_it(self) -> Changes:
        restore_rating(self.window.project, self.before)
        return _rating_changes(self.before)


def save_rating(window, reference_id: int, **values: str) -> None:
    """Store a rating off the UI thread, put it on the undo stack, then let every view refresh."""
    project = window.project

    def work() -> tuple[ReferenceRecord, ReferenceRecord]:
        return rate_reference(project, reference_id, **values)  # type: ignore[arg-type]

    def done(records: tuple[ReferenceRecord, ReferenceRecord]) -> None:
        before, after = records
        stack = getattr(window, "undo_stack", None)
        if stack is not None and before != after:
            stack.push(RatingCommand(window, before, after))
        panel = getattr(window, "references_panel", None)
        row = panel.currentRow() if panel is not None else -1
        window.apply(_rating_changes(after))
        if row >= 0 and row < panel.count():  # the panel redrew: keep the reader's place
            panel.setCurrentRow(row)
        window.show_status("Rating saved")

    window.run_in_background(work, done)


def rating_dialog_for(window, ref: ReferenceRecord) -> RatingDialog:
    text = document_text(window.project, ref.document_id)[ref.start:ref.end]
    return RatingDialog(ref, text, window, node=get_node(window.project, ref.node_id).path)


def _ask(window, dialog: RatingDialog | None) -> None:
    if dialog is not None and dialog.exec() == QDialog.DialogCode.Accepted:
        relevance, rigour, note = dialog.values()
        save_rating(window, dialog.reference.id, relevance=relevance, rigour=rigour, note=note)


def panel_reference(window) -> ReferenceRecord | None:
    """The excerpt selected in the node references panel (its items hold document and span;
    the node is the tree's current one)."""
    panel = getattr(window, "references_panel", None)
    item = panel.currentItem() if panel is not None else None
    if window.project is None or item is None:
        return None
    ref_id = item.data(REFERENCE_ROLE)
    if ref_id is not None:  # a region covering no text has no position to find it by
        return get_reference(window.project, ref_id)
    doc_id, start, end = item.data(Qt.ItemDataRole.UserRole)
    node = window.nodes.current_node_id() if getattr(window, "nodes", None) else None
    return next((r for r in references_at(window.project, DocumentId(doc_id), start)
                 if (r.start, r.end) == (start, end) and node in (None, r.node_id)), None)


def _panel_has_focus(window) -> bool:
    panel = getattr(window, "references_panel", None)
    return panel is not None and panel.hasFocus() and panel.currentItem() is not None


def cursor_position(window) -> tuple[DocumentId, int] | None:
    """(document, code-point offset) of the viewer's cursor.

    Uses `window.current_position()` when the window offers it; otherwise reads the current
    document list item and the viewer's text cursor (converting Qt's UTF-16 position).
    """
    getter = getattr(window, "current_position", None)
    if callable(getter):
        return getter()
    viewer, documents = getattr(window, "viewer", None), getattr(window, "documents", None)
    if viewer is None or documents is None or documents.currentItem() is None:
        return None
    doc_id = DocumentId(documents.currentItem().data(Qt.ItemDataRole.UserRole))
    offsets = OffsetMap(viewer.toPlainText())
    return doc_id, offsets.to_codepoint(viewer.textCursor().position())


def target_reference(window) -> ReferenceRecord | None:
    """The excerpt the rating actions act on: the panel's selection when the panel has the
    focus, else the shortest excerpt at the viewer's cursor."""
    if window.project is None:
        return None
    if _panel_has_focus(window):
        return panel_reference(window)
    position = cursor_position(window)
    found = references_at(window.project, *position) if position is not None else []
    return found[0] if found else None


def quick_rate(window, field: str, value: str) -> None:
    ref = target_reference(window)
    if ref is None:
        if window.project is not None:
            window.show_status("No coded excerpt at the cursor")
        return
    save_rating(window, ref.id, **{field: value})


def _dialog_for_target(window) -> None:
    ref = target_reference(window)
    if ref is None:
        window.show_status("No coded excerpt at the cursor")
        return
    _ask(window, rating_dialog_for(window, ref))


def _rating_menu(menu: QMenu, window) -> None:
    """Rate…, then one submenu per judgement; shared by the Appraisal menu and the panel."""
    scope = window.scope
    scope.edits(menu.addAction("&Rate excerpt…", "Ctrl+Alt+R", lambda: _dialog_for_target(window)))
    for field, first_key in (("relevance", 1), ("rigour", 4)):
        sub = menu.addMenu(f"Set {field}")
        for index, level in enumerate(LEVELS):
            scope.edits(sub.addAction(f"{field.capitalize()} {level}", f"Ctrl+Alt+{first_key + index}",
                                      lambda f=field, v=level: quick_rate(window, f, v)))


def references_panel_menu(window) -> QMenu | None:
    """The panel's context menu: open, uncode, recode or rate the selected excerpt, as the
    coding stripes offer them (the panel offered rating alone, so taking an excerpt off a node
    meant finding it in its document first)."""
    panel = getattr(window, "references_panel", None)
    item = panel.currentItem() if panel is not None else None
    if item is None:
        return None
    menu = QMenu(panel)
    ref = panel_reference(window)
    menu.addAction("&Open in its document", lambda: panel.itemActivated.emit(item))
    menu.addSeparator()
    scope = getattr(window, "scope", None)
    writable = scope is None or scope.writable
    for text, act in (("&Uncode", window.coding.uncode_one),
                      ("Re&code to…", window.coding.recode_picker)):
        action = menu.addAction(text, lambda act=act: act(ref) if ref is not None else None)
        action.setEnabled(writable and ref is not None)
    menu.addAction("&Rate excerpt…", lambda: _ask(window, rating_dialog_for(window, ref))
                   if ref is not None else None)
    for field in ("relevance", "rigour"):
        sub = menu.addMenu(f"Set {field}")
        for level in LEVELS:
            sub.addAction(f"{field.capitalize()} {level}",
                          lambda f=field, v=level: save_rating(window, ref.id, **{f: v})
                          if ref is not None else None)
    return menu


def filter_references_panel(window, relevance: str | None, rigour: str | None) -> None:
    """Show only the node's excerpts rated at least these levels (None: any rating)."""
    panel = window.references_panel
    panel.ratings = with_minimum(NO_FILTER, relevance, rigour)
    nodes = getattr(window, "nodes", None)
    panel.show_node(nodes.current_node_id() if nodes is not None else None)
    window.show_status(f"Node references: {describe(panel.ratings)}")


def _panel_filter_menu(menu: QMenu, window) -> None:
    """Two exclusive choices (relevance, rigour: any / at least high / moderate / low)."""
    chosen: dict[str, str | None] = {"relevance": None, "rigour": None}
    for field in chosen:
        sub = menu.addMenu(f"Node references: {field} at least")
        group = QActionGroup(sub)
        for level in (None, *LEVELS):
            action = sub.addAction(level or "any rating")
            action.setCheckable(True)
            action.setChecked(level is None)
            group.addAction(action)

            def choose(_on: bool = True, f: str = field, v: str | None = level) -> None:
                chosen[f] = v
                filter_references_panel(window, chosen["relevance"], chosen["rigour"])

            action.triggered.connect(choose)


def _viewer_menu_items(window, menu: QMenu, doc_id: DocumentId, offset: int) -> None:
    """Right-click on coded text: rate the excerpt under the mouse, or, where excerpts of
    several nodes overlap, the one chosen by its node (shortest first)."""
    found = references_at(window.project, doc_id, offset) if window.project is not None else []
    if not found:
        return
    menu.addSeparator()
    scope = getattr(window, "scope", None)
    writable = scope is None or scope.writable
    if len(found) == 1:
        action = menu.addAction("Rate excerpt…", lambda: _ask(window, rating_dialog_for(
            window, found[0])))
        action.setEnabled(writable)
        return
    choices = menu.addMenu("Rate excerpt")
    choices.setEnabled(writable)
    for ref in found:
        choices.addAction(f"{get_node(window.project, ref.node_id).path}…",
                          lambda r=ref: _ask(window, rating_dialog_for(window, r)))


def install(window) -> None:
    menu = window.menu_named("&Appraisal")
    _rating_menu(menu, window)
    window.viewer_menu_hooks.append(
        lambda m, doc_id, offset: _viewer_menu_items(window, m, doc_id, offset))
    window.viewer_widget.margin.rate_requested.connect(
        lambda ref: _ask(window, rating_dialog_for(window, ref)))
    panel = getattr(window, "references_panel", None)
    if panel is not None:
        menu.addSeparator()
        _panel_filter_menu(menu, window)
        panel.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

        def show_menu(pos) -> None:
            found = references_panel_menu(window)
            if found is not None:
                found.exec(panel.viewport().mapToGlobal(pos))

        panel.customContextMenuRequested.connect(show_menu)
