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

SHORTCUTS = [
    ("Ctrl+K", "Code the selection to nodes (type-ahead picker; Space ticks several)"),
    ("Ctrl+1 … Ctrl+5", "Code the selection to one of the last nodes used"),
    ("Ctrl+I", "Code in vivo: a new inductive node named after the selection"),
    ("Ctrl+Shift+N", "New node from the selection (name, parent, C/M/O role)"),
    ("Ctrl+U", "Uncode the selection from all nodes"),
    ("Ctrl+Shift+A", "Annotate the selection (a note shown in the margin)"),
    ("Ctrl+M", "The project memo"),
    ("Ctrl+Z / Ctrl+Shift+Z", "Undo / redo any coding, node or memo action"),
    ("Ctrl+F", "Find in the document (Enter next, Shift+Enter previous)"),
    ("Ctrl+Shift+I", "Import documents (or drop files on the window)"),
    ("Ctrl+N / Ctrl+O", "New project / open a project"),
    ("Ctrl+Alt+R", "Rate the excerpt at the cursor (relevance and rigour)"),
    ("F1", "This list"),
]


def recent_projects() -> list[str]:
    stored = QSettings().value("recentProjects", [], list)
    return [p for p in (stored if isinstance(stored, list) else []) if Path(p).exists()]


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
        layout.addWidget(title)
        self.demo = QPushButton("Open the demo project")
        self.new = QPushButton("New project…")
        self.open = QPushButton("Open project…")
        self.demo.clicked.connect(self.open_demo)
        self.new.clicked.connect(window._ask_new)
        self.open.clicked.connect(window._ask_open)
        for button in (self.demo, self.new, self.open):
            button.setMinimumWidth(260)
            layout.addWidget(button, alignment=Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(QLabel("Recent projects:"), alignment=Qt.AlignmentFlag.AlignCenter)
        self.recent = QListWidget()
        self.recent.setMaximumWidth(520)
        self.recent.itemActivated.connect(lambda item: window.open_project(Path(item.text())))
        self.recent.itemDoubleClicked.connect(lambda item: window.open_project(Path(item.text())))
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


def shortcuts_text() -> str:
    rows = "".join(f"<tr><td><b>{k}</b></td><td>{v}</td></tr>" for k, v in SHORTCUTS)
    return f"<table cellpadding='4'>{rows}</table>"


def remember_recent(path: Path) -> None:
    """Most recent first, at most eight, each once; the welcome page lists them."""
    settings = QSettings()
    stored = settings.value("recentProjects", [], list)
    recent = [p for p in (stored if isinstance(stored, list) else []) if p != str(path)]
    settings.setValue("recentProjects", [str(path), *recent][:8])
