"""The project file itself holds the latest commits a minute after them, not only the "-wal"
file beside it: a copy of the .realist alone, made while the app is open, is then up to date."""

from __future__ import annotations

import shutil
from pathlib import Path

from coding.nodes import add_node, list_nodes
from coding.project import Project


def _copied(path: Path, tmp_path: Path, name: str) -> list[str]:
    """Copy only the project file, as a researcher copying it to a USB stick does."""
    copy = tmp_path / "stick" / name
    copy.parent.mkdir(exist_ok=True)
    shutil.copyfile(path, copy)
    with Project.open(copy, readonly=True) as project:
        return [n.path for n in list_nodes(project)]


def test_an_idle_project_s_file_holds_its_latest_commits(tmp_path: Path) -> None:
    path = tmp_path / "review.realist"
    with Project.create(path) as project:
        add_node(project, "Mechanisms/Feels understood")
        assert "Mechanisms/Feels understood" not in _copied(path, tmp_path, "before.realist")
        project.db.while_idle()  # what the app does each minute
        assert "Mechanisms/Feels understood" in _copied(path, tmp_path, "after.realist")
        add_node(project, "Outcomes/Takes up support")
        project.db.while_idle()
        assert "Outcomes/Takes up support" in _copied(path, tmp_path, "later.realist")
