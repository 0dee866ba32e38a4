"""A prompt for a paragraph of text (a note, a description) that wraps as it is typed.

QInputDialog.getMultiLineText does not wrap: a researcher's note ran off to the right on one
line under a horizontal scroll bar. This is the same dialog with its text wrapped at the
editor's width, a size for a paragraph, and the old text ready to edit (the cursor at its end,
not all of it selected for the first keystroke to replace).
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialog, QInputDialog, QPlainTextEdit, QWidget


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> tuple[str, bool]:
    """(the text, whether OK was pressed), as QInputDialog.getMultiLineText answers."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setOption(QInputDialog.InputDialogOption.UsePlainTextEditForTextInput)
    dialog.setTextValue(text)
    editor = dialog.findChild(QPlainTextEdit)
    if editor is not None:
        editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        # the dialog selects all as it opens: one keystroke would replace a long note
        QTimer.singleShot(0, lambda: editor.moveCursor(QTextCursor.MoveOperation.End))
    dialog.resize(480, 260)
    ok = dialog.exec() == QDialog.DialogCode.Accepted
    answer = dialog.textValue()
    dialog.deleteLater()
    return answer, ok
