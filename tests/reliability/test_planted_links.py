"""Issue 18, point 2: a symlink (or a hard link) planted at the lock's name or at the backups
folder never leads our writes, or our pruning, somewhere else.

The reproduction: with `p.realist.lock -> victim.txt`, `node add` exited 0 and victim.txt held
the lock's JSON; a symlinked `*-backups` folder was followed, backups written and old ones
pruned in its target.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from coding.backups import backup_now, set_backup_policy
from coding.nodes import add_node
from coding.project import Project
from storage import lock
from storage.backup import backup_dir
from storage.errors import StorageError
from tests.conftest import run_cli


def test_a_symlinked_lock_file_is_refused_and_its_target_untouched(demo_path: Path) -> None:
    victim = demo_path.with_name("victim.txt")
    victim.write_text("precious\n")
    lock.lock_path(demo_path).symlink_to(victim.name)
    result = run_cli("node", "add", demo_path, "Never")
    assert result.code == 1 and "is a symbolic link" in result.err, result
    assert len(result.err.strip().splitlines()) == 1
    assert victim.read_text() == "precious\n"
    dangling = demo_path.with_name("nothing-here.txt")
    lock.lock_path(demo_path).unlink()
    lock.lock_path(demo_path).symlink_to(dangling.name)
    assert run_cli("node", "add", demo_path, "Never").code == 1
    assert not dangling.exists()  # O_CREAT did not create the link's target
    assert run_cli("unlock", demo_path).code == 1


def test_a_hard_linked_or_foreign_lock_file_is_refused(demo_path: Path) -> None:
    victim = demo_path.with_name("victim.txt")
    victim.write_text("precious\n")
    os.link(victim, lock.lock_path(demo_path))
    with pytest.raises(StorageError, match="hard links"):
        Project.open(demo_path)
    assert victim.read_text() == "precious\n"
    lock.lock_path(demo_path).unlink()
    os.mkfifo(lock.lock_path(demo_path))
    with pytest.raises(StorageError, match="not a regular file"):
        Project.open(demo_path)


def test_a_symlinked_backups_folder_is_never_written_into_or_pruned(
    demo_path: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    keep = [elsewhere / f"demo-2020010{i}-000000-000000-auto.realist" for i in range(1, 4)]
    real = backup_now(demo_path).path  # self-contained (rollback journal), as backups are
    for path in keep:  # look like rolling backups, due for pruning
        shutil.copyfile(real, path)
    shutil.rmtree(backup_dir(demo_path))
    backup_dir(demo_path).symlink_to(elsewhere)
    result = run_cli("backup", "now", demo_path)
    assert result.code == 1 and "is a symbolic link" in result.err, result
    with Project.open(demo_path) as project:  # work goes on; the failed backup is reported
        add_node(project, "Still works")
        assert "symbolic link" in project.db.backup_error
        with pytest.raises(StorageError, match="symbolic link"):
            set_backup_policy(project, keep=1)
    with pytest.raises(StorageError, match="symbolic link"):
        backup_now(demo_path)
    before = demo_path.read_bytes()
    restore = run_cli("backup", "restore", demo_path, str(keep[0]))
    assert restore.code == 1 and "symbolic link" in restore.err  # no before-restore backup
    assert demo_path.read_bytes() == before
    assert sorted(p.name for p in elsewhere.iterdir()) == sorted(p.name for p in keep)
