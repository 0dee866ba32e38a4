"""The paragraph prompt (notes, descriptions): the old text ready to edit, wrapped as typed."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QInputDialog, QPlainTextEdit

from app.text_prompt import ask_text


def test_a_note_is_edited_in_a_wrapping_editor_and_ok_returns_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    seen: dict[str, object] = {}

    def type_and_ok() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QInputDialog)
        try:  # whatever happens, the dialog closes: a failure must not hang the suite
            editor = dialog.findChild(QPlainTextEdit)
            seen["wrap"] = editor.lineWrapMode()
            seen["old"] = editor.toPlainText()
            QApplication.processEvents()  # the prompt's own queued step: the cursor to the end
            seen["selected"] = editor.textCursor().selectedText()
            qtbot.keyClicks(editor, " and so did the second site, " * 4)
            seen["lines"] = editor.document().documentLayout().documentSize().height()
            ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
            qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, type_and_ok)
    text, ok = ask_text(None, "Edit annotation", "Note on the text:", "Three mothers said so")
    assert ok and text.startswith("Three mothers said so and so did the second site,")
    assert seen["wrap"] == QPlainTextEdit.LineWrapMode.WidgetWidth and seen["old"] == \
        "Three mothers said so"
    assert float(seen["lines"]) > 1  # a long note wraps onto several lines
    assert seen["selected"] == ""  # typing adds to the note, never replaces it


def test_cancel_returns_not_ok(qtbot) -> None:  # type: ignore[no-untyped-def]
    def cancel() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None
        dialog.reject()

    QTimer.singleShot(0, cancel)
    assert ask_text(None, "Annotate", "Note:")[1] is False
