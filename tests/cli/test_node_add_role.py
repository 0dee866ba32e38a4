"""`node add` without `--role` gives a node the role the app's New node dialog gives it: its
parent's, its parent's children's most common, or its top folder's name's ("Contexts/…" a
context). The same path typed in the dialog was a context and, from a script, "none"."""

from __future__ import annotations

from pathlib import Path

import pytest

from coding.nodes import list_nodes
from coding.project import Project
from coding.realist.roles import inherited_role
from tests.conftest import run_main


def _roles(project: Path) -> dict[str, str]:
    with Project.open(project, readonly=True) as p:
        return {n.path: n.role for n in list_nodes(p)}


def test_a_node_added_without_a_role_takes_the_one_the_dialog_would(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "r.realist"
    assert run_main(capsys, "new", project).code == 0
    for path, role in (("Contexts/Rural area", []), ("Contexts/Rural area/Remote island", []),
                       ("Trust/Feels safe", ["--role", "mechanism"]), ("Trust/Feels heard", []),
                       ("Outcomes/Unsure", ["--role", "none"]), ("Themes/Cost", [])):
        result = run_main(capsys, "--coder", "Ana", "node", "add", project, path, *role)
        assert result.code == 0 and result.out == f"added node {result.out.split()[2]} {path}\n"
    roles = _roles(project)
    assert roles["Contexts/Rural area"] == "context"  # the folder's name (it had no children)
    assert roles["Contexts/Rural area/Remote island"] == "context"  # its parent's
    assert roles["Trust/Feels heard"] == "mechanism"  # its parent folder's children's
    assert roles["Outcomes/Unsure"] == "none"  # asked for: "none" is a choice now
    assert roles["Themes/Cost"] == roles["Contexts"] == roles["Trust"] == "none"


def test_the_dialog_and_the_command_line_share_the_rule(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "r.realist"
    assert run_main(capsys, "new", project).code == 0
    assert run_main(capsys, "node", "add", project, "Mechanisms/Trust").code == 0
    with Project.open(project, readonly=True) as p:
        nodes = list_nodes(p)
    assert inherited_role(nodes, "Mechanisms/Trust/Feels safe") == "mechanism"
    assert inherited_role(nodes, "Mechanisms/") == "mechanism"  # the dialog, no name typed yet
    assert inherited_role(nodes, "Outcome/Uptake") == "outcome"  # a role's own name
    assert inherited_role(nodes, "Uptake") == "none"
