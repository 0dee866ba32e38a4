"""A project on a truly read-only medium, and in folders whose names upset URIs.

Even root cannot write to an immutable file (`chattr +i`), so that stands in for a read-only
disk when the tests run as root; as another user, plain permissions do. Skipped where neither
can be arranged.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from coding.backups import backup_now, list_backups
from coding.nodes import list_nodes
from coding.project import Project
from storage.errors import ReadOnlyMedium
from tests.conftest import run_cli


def _freeze(paths: list[Path]) -> bool:
    if os.geteuid() != 0:
        for p in paths:
            p.chmod(0o555 if p.is_dir() else 0o444)
        return True
    if shutil.which("chattr") is None:
        return False
    return subprocess.run(["chattr", "+i", *map(str, paths)], capture_output=True).returncode == 0


def _thaw(paths: list[Path]) -> None:
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", *map(str, paths)], capture_output=True)
    else:
        for p in paths:
            p.chmod(0o755 if p.is_dir() else 0o644)


@contextmanager
def read_only(paths: list[Path]) -> Iterator[None]:
    """`paths` read-only for the block (skipped where that cannot be arranged)."""
    if not _freeze(paths):
        pytest.skip("cannot make a read-only file here (no chattr, or not permitted)")
    try:
        yield
    finally:
        _thaw(paths)


@pytest.fixture
def frozen(demo_path: Path, tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "medium"
    folder.mkdir()
    path = folder / "demo.realist"
    shutil.copyfile(demo_path, path)
    with read_only([path, folder]):
        yield path


def test_read_only_medium_opens_read_only_and_refuses_writes_clearly(frozen: Path) -> None:
    digest = hashlib.sha256(frozen.read_bytes()).hexdigest()
    with pytest.raises(ReadOnlyMedium, match="cannot be written.*read-only"):
        Project.open(frozen)
    cli = run_cli("node", "add", frozen, "Never")
    assert cli.code == 1 and "read-only" in cli.err and len(cli.err.strip().splitlines()) == 1
    with Project.open(frozen, readonly=True) as project:
        assert list_nodes(project)
    listed = run_cli("documents", frozen)
    assert listed.code == 0, listed.err
    assert run_cli("check", frozen).out.strip() == "ok"
    assert hashlib.sha256(frozen.read_bytes()).hexdigest() == digest
    assert sorted(p.name for p in frozen.parent.iterdir()) == ["demo.realist"]


def test_names_with_percent_hash_and_spaces(demo_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "100% sure #1 ?"
    folder.mkdir()
    path = folder / "review 50%.realist"
    shutil.copyfile(demo_path, path)
    with Project.open(path, readonly=True) as project:
        assert list_nodes(project)
    backup_now(path)
    with Project.open(path) as project:
        assert list_nodes(project)
    assert list_backups(path)
