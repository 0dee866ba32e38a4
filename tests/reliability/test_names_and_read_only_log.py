"""Issue 18, point 11: a write-ahead log without its `-shm` on a read-only medium is read, not
ignored; names with control characters or bidi overrides never garble the CLI's output.

The reproduction: on a read-only medium a project whose last transactions sat in its `-wal`
(no `-shm` beside it) opened without them — the last commit was silently invisible; a node
named with an escape sequence or U+202E printed as something else in `nodes`.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from coding.errors import InvalidInput
from coding.names import visible
from coding.nodes import add_node, list_nodes, update_node
from coding.project import Project
from tests.conftest import REPO, run_cli, run_main
from tests.reliability.test_read_only_medium import read_only

CRASH_AFTER_COMMIT = (
    "import os, sys\n"
    "from coding.nodes import add_node\n"
    "from coding.project import Project\n"
    "p = Project.open(sys.argv[1])\n"
    "add_node(p, 'The last commit')\n"
    "os._exit(0)  # no close, no checkpoint: the commit lives in the -wal only\n"
)


@pytest.fixture
def medium_with_log(demo_path: Path, tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "stick"
    folder.mkdir()
    path = folder / "demo.realist"
    shutil.copyfile(demo_path, path)
    subprocess.run([sys.executable, "-c", CRASH_AFTER_COMMIT, str(path)], cwd=REPO, check=True)
    Path(f"{path}-shm").unlink()  # copied without it, or lost
    Path(f"{path}.lock").unlink(missing_ok=True)
    assert Path(f"{path}-wal").stat().st_size > 32
    with read_only([path, Path(f"{path}-wal"), folder]):
        yield path


def test_the_last_commit_in_a_log_without_its_index_is_read(medium_with_log: Path) -> None:
    before = sorted(p.name for p in medium_with_log.parent.iterdir())
    with Project.open(medium_with_log, readonly=True) as project:
        assert "The last commit" in [n.name for n in list_nodes(project)]
    result = run_cli("nodes", medium_with_log)
    assert result.code == 0 and "The last commit" in result.out, result
    assert run_cli("check", medium_with_log).out.strip() == "ok"
    assert sorted(p.name for p in medium_with_log.parent.iterdir()) == before


EVIL = ["Trust\x1b[2J", "Hope\u202eesrever", "Two\nlines", "Bell\x07", "Isolate\u2066x\u2069"]


@pytest.mark.parametrize("name", EVIL, ids=["escape", "rlo", "newline", "bell", "isolate"])
def test_typed_names_with_controls_or_overrides_are_refused(
    empty_project: Project, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(InvalidInput, match="control character"):
        add_node(empty_project, name)
    node = add_node(empty_project, "Plain")
    with pytest.raises(InvalidInput, match="control character"):
        update_node(empty_project, node, name=name)
    result = run_main(capsys, "node", "add", empty_project.path, name)
    assert result.code == 1 and len(result.err.strip().splitlines()) == 1


def test_names_from_files_are_escaped_in_tsv_and_errors(demo_path: Path, tmp_path: Path) -> None:
    """A document's name comes from its file name, which may hold anything but '/'."""
    odd = tmp_path / "Interview\x1b[31m red \u202eevil\nsecond.txt"
    odd.write_text("a quiet interview", encoding="utf-8")
    assert run_cli("import", demo_path, odd).code == 0
    listed = run_cli("documents", demo_path)
    rows = listed.out.splitlines()
    assert all(row.count("\t") == rows[0].count("\t") for row in rows)
    assert "Interview\\x1b[31m red \\u202eevil\\nsecond" in listed.out
    assert "\x1b" not in listed.out and "\u202e" not in listed.out
    missing = run_cli("document-coverage", demo_path, "nowhere\x1b[2J")
    assert missing.code == 1 and "\x1b" not in missing.err and "\\x1b[2J" in missing.err


def test_right_to_left_marks_are_ordinary_text(empty_project: Project) -> None:
    name = "\u05ea\u05de\u05d9\u05db\u05d4 \u200f(2)"  # Hebrew with a right-to-left mark
    add_node(empty_project, name)
    assert visible(name) == name
    assert [n.name for n in list_nodes(empty_project)] == [name]
