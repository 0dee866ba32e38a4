"""Issue 18, point 7: a truncated file, a dropped table, a file with our mark but no schema.

The reproduction: with the last 1,000 bytes cut, `quick_check` said ok, `node add` and `code`
wrote into the damaged file, `backup now` backed it up, and an in-place restore of that backup
replaced a good project; a dropped table passed `check`; a writable open "upgraded" a file with
our application id but no schema version table.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest

from coding.backups import backup_now, check_project, list_backups, restore_backup
from coding.project import Project
from storage.backup import backup_dir
from storage.errors import DamagedProject, NotAProject
from storage.header import APPLICATION_ID
from tests.conftest import run_cli, run_main


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _cut(path: Path, tail: int) -> None:
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    os.truncate(path, path.stat().st_size - tail)


@pytest.mark.parametrize("tail", [1_000, 4_096])
def test_a_file_cut_short_is_refused_and_never_written_or_backed_up(
    demo_path: Path, tail: int, capsys: pytest.CaptureFixture[str]
) -> None:
    _cut(demo_path, tail)
    digest = _digest(demo_path)
    for args in (("node", "add", demo_path, "Never"),
                 ("code", demo_path, "1", "X", "--span", "0", "5"),
                 ("backup", "now", demo_path)):
        result = run_main(capsys, *args)
        assert result.code == 1 and "cut short" in result.err, (args, result)
        assert len(result.err.strip().splitlines()) == 1
    assert _digest(demo_path) == digest
    assert list_backups(demo_path) == []
    assert any("cut short" in p for p in check_project(demo_path))


def test_a_cut_backup_is_never_restored_over_a_good_project(demo_path: Path) -> None:
    made = backup_now(demo_path).path
    os.truncate(made, made.stat().st_size - 1_000)
    digest = _digest(demo_path)
    with pytest.raises(DamagedProject, match="backup fails the check.*cut short"):
        restore_backup(demo_path, made)
    result = run_cli("backup", "restore", demo_path, "1")
    assert result.code == 1 and "cut short" in result.err
    assert _digest(demo_path) == digest
    assert not any(b.kind == "before-restore" for b in list_backups(demo_path))


def test_check_compares_the_schema_with_ours(demo_path: Path) -> None:
    con = sqlite3.connect(demo_path)
    con.execute("DROP TABLE memos")
    con.commit()
    con.close()
    assert check_project(demo_path) == ["table memos is missing"]
    result = run_cli("check", demo_path)
    assert result.code == 1 and "table memos is missing" in result.out
    with pytest.raises(DamagedProject, match="not backed up"):
        backup_now(demo_path)


def test_a_dropped_column_and_a_dropped_version_table(demo_path: Path) -> None:
    con = sqlite3.connect(demo_path)
    con.execute("ALTER TABLE nodes DROP COLUMN description")
    con.commit()
    assert check_project(demo_path) == ["table nodes has no column description"]
    con.execute("DROP TABLE alembic_version")
    con.commit()
    con.close()
    assert "alembic_version" in check_project(demo_path)[0]


def test_our_mark_without_a_version_table_is_not_migrated(tmp_path: Path) -> None:
    path = tmp_path / "stranger.realist"
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA application_id={APPLICATION_ID}")
    con.execute("CREATE TABLE their_data (x)")
    con.execute("INSERT INTO their_data VALUES (42)")
    con.commit()
    con.close()
    digest = _digest(path)
    with pytest.raises(NotAProject, match="no schema version"):
        Project.open(path)
    result = run_cli("node", "add", path, "Never")
    assert result.code == 1 and "no schema version" in result.err
    assert _digest(path) == digest and not backup_dir(path).exists()


def test_a_sound_file_with_a_pending_wal_is_not_taken_for_cut(demo: Project) -> None:
    """An open project's file may be shorter than its WAL's view: not damage."""
    from coding.nodes import add_node

    for i in range(50):
        add_node(demo, f"Growing {i}")
    assert check_project(demo.path) == []
