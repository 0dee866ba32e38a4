"""Start the desktop app (Qt is imported only from here downwards)."""

from __future__ import annotations

import sys
from pathlib import Path


def run_app(project_path: Path | None = None) -> int:
    from PySide6.QtWidgets import QApplication

    from app.coder_actions import ensure_identity
    from app.icons import app_icon
    from app.main_window import MainWindow
    from coding.version import app_version

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Realist Coder")
    app.setOrganizationName("Realist Coder")
    app.setApplicationVersion(app_version())
    # Ties the windows to the entry `realist-coder install-desktop` writes (icon, name in the
    # dock; the app id under Wayland).
    QApplication.setDesktopFileName("realist-coder")
    QApplication.setWindowIcon(app_icon())
    ensure_identity()  # the first start asks who is coding
    window = MainWindow()
    if project_path is not None:
        window.open_project(Path(project_path))
    window.show()
    return int(app.exec())
