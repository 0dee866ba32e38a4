"""A new project file appears whole at its name, never over another file, and builds left by
killed processes neither block a name nor pile up."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from coding.project import Project
from storage import lock
from storage.atomic import discard, place_new, sweep_leftovers, temp_beside
from storage.errors import ProjectExists
from tests.conftest import run_cli


def test_a_created_project_is_the_only_file_left(tmp_path: Path) -> None:
    with Project.create(tmp_path / "p.realist", name="Review") as project:
        assert project.name == "Review" and project.setting("guid")
        assert lock.holds(project.path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.realist"]


def test_placing_never_replaces_a_file_that_appeared(tmp_path: Path) -> None:
    target = tmp_path / "p.realist"
    tmp = temp_beside(target)
    tmp.write_bytes(b"new")
    target.write_bytes(b"someone else's work")
    with pytest.raises(ProjectExists, match="already exists"):
        place_new(tmp, target)
    assert target.read_bytes() == b"someone else's work"
    discard(tmp)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.realist"]


def _leftover(folder: Path, name: str, age_seconds: float) -> Path:
    """What a create killed mid-build leaves: a hidden, partial database and its WAL."""
    build = temp_beside(folder / name)
    build.write_bytes(b"SQLite format 3\x00" + b"\x00" * 84)
    build.with_name(build.name + "-wal").write_bytes(b"\x00" * 32)
    then = time.time() - age_seconds
    for path in (build, build.with_name(build.name + "-wal")):
        os.utime(path, (then, then))
    return build


def test_a_killed_build_does_not_block_the_name(tmp_path: Path) -> None:
    young = _leftover(tmp_path, "review.realist", 5)
    result = run_cli("new", tmp_path / "review.realist")
    assert result.code == 0, result.err
    with Project.open(tmp_path / "review.realist") as project:
        assert project.setting("guid")
    assert young.exists()  # may be another process's build in progress: left alone


def test_old_builds_are_swept_young_ones_kept(tmp_path: Path) -> None:
    old = _leftover(tmp_path, "a.realist", 2 * 3600)
    young = _leftover(tmp_path, "b.realist", 60)
    unrelated = tmp_path / ".notes.creating-draft"
    unrelated.write_text("not ours")
    os.utime(unrelated, (0, 0))
    Project.create(tmp_path / "c.realist").close()  # a new file sweeps its folder
    assert not old.exists() and not old.with_name(old.name + "-wal").exists()
    assert young.exists() and unrelated.exists()
    assert sweep_leftovers(tmp_path, older_than=0) == 1  # the young one
