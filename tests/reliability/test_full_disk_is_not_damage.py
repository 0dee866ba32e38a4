"""Issue 18, point 6: a full disk is told from damage when a project is opened.

The reproduction: when SQLite could not rebuild the `-shm` index for lack of room, every open
said "the file is damaged … restore the latest good backup" and `check` reported a problem;
after freeing space all 156 codings were there. Following the advice would have lost the
recent work. Now the answer is "free some space", never "restore".
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from coding.nodes import add_node, list_nodes
from coding.project import Project
from storage.errors import DamagedProject, DiskFull
from tests.conftest import run_cli
from tests.reliability.children import run_cli_limited
from tests.reliability.conftest import fill


def _no_shm(path: Path) -> None:
    for suffix in ("-shm", "-wal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


@pytest.mark.parametrize("command", [("nodes", "{P}"), ("check", "{P}"), ("documents", "{P}"),
                                     ("node", "add", "{P}", "New")], ids=lambda c: c[0])
def test_no_room_for_the_shm_says_free_some_space(demo_path: Path, command: tuple[str, ...]) -> None:
    """A file-size limit below the 32 kB `-shm`: SQLite cannot build it, as on a full disk."""
    _no_shm(demo_path)
    digest = hashlib.sha256(demo_path.read_bytes()).hexdigest()
    args = [a.format(P=demo_path) for a in command]
    result = run_cli_limited(*args, max_file_bytes=4_096)
    assert result.code == 1, result
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and "free some space" in lines[0], lines
    assert "is damaged" not in lines[0] and "restore" not in lines[0].lower()
    assert hashlib.sha256(demo_path.read_bytes()).hexdigest() == digest
    assert run_cli("check", demo_path).out.strip() == "ok"  # with room again: all there


def test_a_truly_full_disk_on_open(demo_path: Path, small_disk: Path) -> None:
    project = small_disk / "review.realist"
    shutil.copyfile(demo_path, project)
    with Project.open(project) as p:
        add_node(p, "Recent work")
    _no_shm(project)
    fill(small_disk)
    for readonly in (True, False):
        with pytest.raises(DiskFull, match="free some space"):
            Project.open(project, readonly=readonly)
    result = run_cli("check", project)
    assert result.code == 1 and "free some space" in result.err, result
    (small_disk / "filler").unlink()
    with Project.open(project, readonly=True) as p:
        assert "Recent work" in [n.name for n in list_nodes(p)]


def test_real_damage_is_still_damage(demo_path: Path) -> None:
    from tests.reliability.test_disk_errors import _damage

    _damage(demo_path)
    with pytest.raises(DamagedProject, match="restore"):
        Project.open(demo_path)
