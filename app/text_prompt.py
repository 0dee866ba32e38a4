"""A prompt for a paragraph of text (a note, a description) that wraps as it is typed.

QInputDialog.getMultiLineText does not wrap: a researcher's note ran off to the right on one
line under a horizontal scroll bar. This is the same dialog with its text wrapped at the
editor's width, a size for a paragraph, and the old text ready to edit.
"""

from __future__ import annotations

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
    dialog.resize(480, 260)
    ok = dialog.exec() == QDialog.DialogCode.Accepted
    answer = dialog.textValue()
    dialog.deleteLater()
    return answer, ok
