"""A Close button for the app's windows that stay open beside the main one (the model, the
attributes sheet, the interventions, a coding comparison): with only a title bar's ✕ to close
them, a window manager that draws none (a tiling one, or a kiosk session) left no way out but
Escape, which nothing on screen mentions."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox


def close_button(dialog: QDialog) -> QDialogButtonBox:
    """Buttons holding Close, which closes `dialog` as Escape does; add them to its layout."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.setObjectName("closeButtons")
    buttons.rejected.connect(dialog.reject)
    return buttons
