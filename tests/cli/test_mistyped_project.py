"""`backup list` and `unlock` on a path that is no project: said, not an empty success."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.helpers import one_line_failure
from tests.conftest import run_main


def _targets(tmp_path: Path) -> dict[str, Path]:
    (tmp_path / "folder").mkdir()
    (tmp_path / "notes.txt").write_text("not a project\n")
    return {"no such project file": tmp_path / "typo.realist",
            "is a folder": tmp_path / "folder",
            "not a Realist Coder project": tmp_path / "notes.txt"}


@pytest.mark.parametrize("command", [("backup", "list"), ("unlock",)])
def test_a_path_that_is_no_project_fails(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                         command: tuple[str, ...]) -> None:
    for reason, path in _targets(tmp_path).items():
        result = run_main(capsys, *command, path)
        one_line_failure(result, path.name, reason)
        assert result.out == ""


@pytest.mark.parametrize("command", [("backup", "list"), ("unlock",)])
def test_a_project_still_answers(capsys: pytest.CaptureFixture[str], demo_path: Path,
                                 command: tuple[str, ...]) -> None:
    result = run_main(capsys, *command, demo_path)
    assert result.code == 0, result.err
    assert result.out.splitlines()[0] in ("number\tmade\tkind\tbytes\tfile", "no lock to clear")
