"""`demo PATH` builds only where there is nothing or a project: never over a user's file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.helpers import one_line_failure
from tests.conftest import run_main


@pytest.mark.parametrize("rebuild", [(), ("--rebuild",)])
def test_a_file_that_is_not_a_project_is_left_alone(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, rebuild: tuple[str, ...]) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n")
    result = run_main(capsys, "demo", "--no-gui", *rebuild, notes)
    one_line_failure(result, "notes.txt", "not a Realist Coder project")
    assert result.out == ""  # not the path, as if the demo were there
    assert notes.read_text() == "my notes\n"  # --rebuild deleted it


@pytest.mark.parametrize("rebuild", [(), ("--rebuild",)])
def test_a_folder_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                             rebuild: tuple[str, ...]) -> None:
    folder = tmp_path / "reviews"
    (folder / "inside").mkdir(parents=True)
    one_line_failure(run_main(capsys, "demo", "--no-gui", *rebuild, folder), "is a folder")
    assert (folder / "inside").is_dir()
