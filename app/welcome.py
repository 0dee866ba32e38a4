"""The first screen: open the demo project, start a new one, or pick up a recent one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


def recent_projects() -> list[str]:
    """Whole paths of the recent projects that still exist, each once (older versions kept a
    project opened by a relative name as that name, beside its whole path)."""
    stored = QSettings().value("recentProjects", [], list)
    found = [str(Path(p).resolve()) for p in (stored if isinstance(stored, list) else [])
             if Path(p).exists()]
    return list(dict.fromkeys(found))


class WelcomePage(QWidget):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window_ = window
        self.setObjectName("welcomePage")
        layout = QVBoxLayout(self)
        layout.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title = QLabel("<h1>Realist Coder</h1><p>Code evidence to context–mechanism–outcome "
                       "configurations, and see which theories it supports.</p>")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # wrapped: unwrapped, its 600 px were the least the window's centre could be, with a
        # project open too (a stack is as wide as its widest page), and on a 1,024 px screen
        # the node tree and document list were squeezed to 200 px, names cut to a word
        title.setWordWrap(True)
        title.setMinimumWidth(360)
        layout.addWidget(title)
        self.demo = QPushButton("Open the demo project")
        self.new = QPushButton("New project…")
        self.open = QPushButton("Open project…")
        self.demo.clicked.connect(self.open_demo)
        self.new.clicked.connect(window.ask_new)
        self.open.clicked.connect(window.ask_open)
        for button in (self.demo, self.new, self.open):
            button.setMinimumWidth(260)
            layout.addWidget(button, alignment=Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(QLabel("Recent projects:"), alignment=Qt.AlignmentFlag.AlignCenter)
        self.recent = QListWidget()
        self.recent.setMaximumWidth(520)
        self.recent.itemActivated.connect(lambda item: window.open_project(Path(item.text())))
        self.recent.itemActivated.connect(lambda item: window.open_project(Path(item.text())))
        layout.addWidget(self.recent, alignment=Qt.AlignmentFlag.AlignCenter)

    def refresh(self) -> None:
        self.recent.clear()
        for path in recent_projects():
            self.recent.addItem(QListWidgetItem(path))

    def open_demo(self) -> None:
        from coding.cli.demo import build_demo
        from coding.cli.project_commands import default_demo_path

        path = default_demo_path()
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            build_demo(path).close()
        self.window_.open_project(path)


def remember_recent(path: Path) -> None:
    """Most recent first, at most eight, each once (whole paths: one opened by a relative
    name from the command line is found again from any folder); the welcome page and File ▸
    Open recent list them."""
    settings = QSettings()
    stored = settings.value("recentProjects", [], list)
    path = Path(path).resolve()
    recent = [p for p in (stored if isinstance(stored, list) else []) if Path(p).resolve() != path]
    settings.setValue("recentProjects", [str(path), *recent][:8])
