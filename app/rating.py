"""Rating excerpts for relevance and rigour, quickly, from the keyboard.

The &Appraisal menu acts on the excerpt at the viewer's cursor: a dialog (Ctrl+Alt+R), or one
keystroke per judgement — Ctrl+Alt+1/2/3 set relevance high/moderate/low, Ctrl+Alt+4/5/6 set
rigour high/moderate/low. `rate_reference_at(window, doc_id, offset)` is the entry point the
document viewer and references panel can call for their own context menus.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from app.offsets import OffsetMap
from app.theory_dialogs import ok_cancel
from coding.changes import Changes
from coding.documents import document_text
from coding.ids import DocumentId
from coding.ratings import LEVELS, RATING_CHOICES, RATING_LABELS, references_at
from coding.references import ReferenceRecord, rate_reference

EXCERPT_PREVIEW = 160


class RatingDialog(QDialog):
    def __init__(self, reference: ReferenceRecord, excerpt: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ratingDialog")
        self.setWindowTitle("Rate excerpt")
        self.reference = reference
        preview = excerpt if len(excerpt) <= EXCERPT_PREVIEW else excerpt[:EXCERPT_PREVIEW] + "…"
        shown = QLabel(f"“{preview}”")
        shown.setWordWrap(True)
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
        form.addRow("Re&levance", self.relevance)
        form.addRow("R&igour", self.rigour)
        form.addRow("&Note", self.note)
        form.addRow(buttons)

    def values(self) -> tuple[str, str, str]:
        return self.relevance.currentData(), self.rigour.currentData(), self.note.text()


def save_rating(window, reference_id: int, **values: str) -> None:
    """Store a rating off the UI thread, then let every view refresh."""
    project = window.project

    def work() -> Changes:
        _before, after = rate_reference(project, reference_id, **values)  # type: ignore[arg-type]
        return Changes(references=True, document_ids=frozenset({after.document_id}),
                       node_ids=frozenset({after.node_id}))

    window.run_in_background(work, lambda changes: (
        window.apply(changes), window.show_status("Rating saved")))


def rating_dialog_at(window, doc_id: DocumentId, offset: int) -> RatingDialog | None:
    """The dialog for the shortest excerpt covering `offset`, or None (with a status message)."""
    if window.project is None:
        return None
    found = references_at(window.project, doc_id, offset)
    if not found:
        window.show_status("No coded excerpt at the cursor")
        return None
    ref = found[0]
    text = document_text(window.project, doc_id)[ref.start:ref.end]
    return RatingDialog(ref, text, window)


def rate_reference_at(window, doc_id: DocumentId, offset: int) -> None:
    dialog = rating_dialog_at(window, doc_id, offset)
    if dialog is not None and dialog.exec() == QDialog.DialogCode.Accepted:
        relevance, rigour, note = dialog.values()
        save_rating(window, dialog.reference.id, relevance=relevance, rigour=rigour, note=note)


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


def quick_rate(window, field: str, value: str) -> None:
    position = cursor_position(window)
    if window.project is None or position is None:
        return
    found = references_at(window.project, *position)
    if not found:
        window.show_status("No coded excerpt at the cursor")
        return
    save_rating(window, found[0].id, **{field: value})


def _dialog_at_cursor(window) -> None:
    position = cursor_position(window)
    if position is not None:
        rate_reference_at(window, *position)


def install(window) -> None:
    menu = window.menu_named("&Appraisal")
    menu.addAction("&Rate excerpt at cursor…", "Ctrl+Alt+R", lambda: _dialog_at_cursor(window))
    for field, first_key in (("relevance", 1), ("rigour", 4)):
        sub = menu.addMenu(f"Set {field}")
        for index, level in enumerate(LEVELS):
            sub.addAction(f"{field.capitalize()} {level}", f"Ctrl+Alt+{first_key + index}",
                          lambda f=field, v=level: quick_rate(window, f, v))
