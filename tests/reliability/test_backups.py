"""Rolling backups, restore, check: through the domain API and the real command line."""

from __future__ import annotations

import hashlib
import sqlite3
import time
from pathlib import Path

from coding import backups
from coding.nodes import add_node, list_nodes
from coding.project import Project
from storage.backup import BackupPolicy
from storage.database import open_database
from tests.conftest import run_cli
from tests.reliability.test_disk_errors import _damage


def _node_names(path: Path) -> list[str]:
    with Project.open(path, readonly=True) as project:
        return [n.name for n in list_nodes(project)]


def test_rolling_backups_on_open_and_while_changing_keep_the_last_k(demo_path: Path) -> None:
    db = open_database(demo_path, policy=BackupPolicy(keep=3, interval_minutes=0))
    project = Project(db, 0)
    assert [b.kind for b in backups.list_backups(demo_path)] == ["auto"]  # made on open
    for n in range(5):
        add_node(project, f"Node {n}")  # interval 0: every commit is due a backup
    project.close()
    found = backups.list_backups(demo_path)
    assert [b.kind for b in found] == ["auto"] * 3 and [b.number for b in found] == [1, 2, 3]
    newest = found[0].path
    assert "Node 4" in _node_names(newest)
    con = sqlite3.connect(newest)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # self-contained
    con.close()


def test_default_policy_does_not_back_up_on_every_open(demo_path: Path) -> None:
    Project.open(demo_path).close()
    Project.open(demo_path).close()
    assert len(backups.list_backups(demo_path)) == 1


def test_policy_is_stored_in_the_project(demo_path: Path) -> None:
    cli = run_cli("backup", "policy", demo_path, "--keep", "4", "--every", "2.5")
    assert cli.code == 0, cli.err
    shown = run_cli("backup", "policy", demo_path)
    assert shown.out.strip() == "keep 4 rolling backups, at most one every 2.5 minutes"
    with Project.open(demo_path) as project:
        assert project.db.backup_policy == BackupPolicy(4, 2.5)
    assert run_cli("backup", "policy", demo_path, "--keep", "0").code == 1


def test_cli_backup_now_list_and_restore_in_place(demo_path: Path) -> None:
    before = _node_names(demo_path)
    made = run_cli("backup", "now", demo_path)
    assert made.code == 0 and "backed up to" in made.out
    with Project.open(demo_path) as project:
        add_node(project, "Added after the backup")
    listing = run_cli("backup", "list", demo_path).out.splitlines()
    assert listing[0].split("\t") == ["number", "made", "kind", "bytes", "file"]
    manual = next(line.split("\t")[0] for line in listing[1:] if "\tmanual\t" in line)
    restored = run_cli("backup", "restore", demo_path, manual)
    assert restored.code == 0, restored.err
    assert _node_names(demo_path) == before
    kinds = [b.kind for b in backups.list_backups(demo_path)]
    assert "before-restore" in kinds  # what the restore replaced is kept
    undo = next(b for b in backups.list_backups(demo_path) if b.kind == "before-restore")
    assert "Added after the backup" in _node_names(undo.path)
    assert run_cli("check", demo_path).out.strip() == "ok"


def test_restore_to_a_new_file_leaves_the_project_alone(demo_path: Path, tmp_path: Path) -> None:
    backups.backup_now(demo_path)
    digest = hashlib.sha256(demo_path.read_bytes()).hexdigest()
    target = tmp_path / "copy.realist"
    cli = run_cli("backup", "restore", demo_path, "1", "--to", target)
    assert cli.code == 0, cli.err
    assert hashlib.sha256(demo_path.read_bytes()).hexdigest() == digest
    assert _node_names(target) == _node_names(demo_path)
    again = run_cli("backup", "restore", demo_path, "1", "--to", target)
    assert again.code == 1 and "already exists" in again.err
    assert run_cli("backup", "restore", demo_path, "99").code == 1


def test_damaged_project_restores_from_latest_good_backup(demo_path: Path) -> None:
    Project.open(demo_path).close()  # the on-open backup
    names = _node_names(demo_path)
    _damage(demo_path)
    check = run_cli("check", demo_path)
    assert check.code == 1 and "problem(s) found" in check.err
    opened = run_cli("nodes", demo_path)
    assert opened.code == 1 and "damaged" in opened.err and "backup" in opened.err
    good = backups.latest_good_backup(demo_path)
    assert good is not None
    backups.restore_backup(demo_path, good.path)
    assert _node_names(demo_path) == names
    aside = list(demo_path.parent.glob("demo.realist.damaged-*"))
    assert aside, "the damaged file is kept, renamed aside"


def test_a_damaged_backup_is_skipped(demo_path: Path) -> None:
    Project.open(demo_path).close()
    first = backups.list_backups(demo_path)[0]
    second = backups.backup_now(demo_path)
    _damage(second.path)
    good = backups.latest_good_backup(demo_path)
    assert good is not None and good.path == first.path


def test_a_backup_says_what_it_holds_and_a_damaged_one_nothing(demo_path: Path) -> None:
    made = backups.backup_now(demo_path)
    with Project.open(demo_path) as project:
        add_node(project, "After the backup")
    from coding.excerpts import iter_excerpts
    from coding.filters import NO_FILTER

    with Project.open(demo_path, readonly=True) as project:
        nodes = len(list_nodes(project))
        codings = sum(1 for _ in iter_excerpts(project, NO_FILTER))
    assert backups.backup_contents(made) == f"4 documents, {nodes - 1} nodes, {codings} codings"
    _damage(made.path)
    assert backups.backup_contents(made) == ""  # the dialog then shows its size instead


def test_check_reports_references_outside_their_document(demo_path: Path) -> None:
    con = sqlite3.connect(demo_path)
    con.execute('UPDATE "references" SET "end" = 10000000 WHERE id = (SELECT min(id) FROM "references")')
    con.commit()
    con.close()
    problems = backups.check_project(demo_path)
    assert len(problems) == 1 and "lies outside document" in problems[0]


def test_a_failing_backup_never_fails_the_action_it_follows(demo_path: Path) -> None:
    from storage.backup import backup_dir

    backup_dir(demo_path).write_text("a file where the backup folder should be")
    db = open_database(demo_path, policy=BackupPolicy(keep=3, interval_minutes=0))
    assert "automatic backup failed" in db.backup_error
    project = Project(db, 0)
    add_node(project, "Committed anyway")
    assert "automatic backup failed" in db.backup_error
    project.close()
    assert "Committed anyway" in _node_names(demo_path)


def test_commits_within_the_interval_make_no_backup(demo_path: Path) -> None:
    db = open_database(demo_path, policy=BackupPolicy(keep=3, interval_minutes=10))
    project = Project(db, 0)
    for n in range(3):
        add_node(project, f"Quick {n}")
    project.close()
    assert len(backups.list_backups(demo_path)) == 1  # only the one made on open


def test_the_last_changes_of_a_session_reach_a_backup_on_close(demo_path: Path) -> None:
    """Changes made soon after a backup are not lost from the backups when no commit follows:
    closing after the interval makes the backup the next commit would have made."""
    db = open_database(demo_path, policy=BackupPolicy(keep=5, interval_minutes=0.02))
    project = Project(db, 0)
    add_node(project, "Late in the session")  # within the interval of the on-open backup
    assert len(backups.list_backups(demo_path)) == 1
    time.sleep(1.3)
    project.close()
    newest = backups.list_backups(demo_path)
    assert len(newest) == 2
    assert "Late in the session" in _node_names(newest[0].path)


def test_closing_makes_no_backup_without_new_changes_or_before_the_interval(
    demo_path: Path,
) -> None:
    db = open_database(demo_path, policy=BackupPolicy(keep=5, interval_minutes=0.02))
    time.sleep(1.3)
    db.close()  # nothing changed since the on-open backup
    assert len(backups.list_backups(demo_path)) == 1
    db = open_database(demo_path, policy=BackupPolicy(keep=5, interval_minutes=10))
    project = Project(db, 0)
    add_node(project, "Quick")
    project.close()  # changed, but the interval has not passed: a CLI command stays cheap
    assert len(backups.list_backups(demo_path)) == 1


def test_an_emptied_project_with_backups_is_damage_to_recover_from(demo_path: Path) -> None:
    """A failed sync or copy can leave an empty file: with our backups beside it, it was a
    project, so the way back is offered instead of 'not a Realist Coder project'."""
    Project.open(demo_path).close()  # the on-open backup
    names = _node_names(demo_path)
    for suffix in ("-wal", "-shm"):
        Path(f"{demo_path}{suffix}").unlink(missing_ok=True)
    demo_path.write_bytes(b"")
    opened = run_cli("nodes", demo_path)
    assert opened.code == 1 and "damaged (it is empty)" in opened.err and "backup" in opened.err
    assert demo_path.read_bytes() == b""
    good = backups.latest_good_backup(demo_path)
    assert good is not None and good.kind == "auto"
    backups.restore_backup(demo_path, good.path)
    assert _node_names(demo_path) == names
    assert list(demo_path.parent.glob("demo.realist.damaged-*")), "the empty file is set aside"
    assert backups.latest_good_backup(demo_path) == good  # not a copy of the empty file


def test_a_stranger_file_without_backups_is_still_not_a_project(tmp_path: Path) -> None:
    stranger = tmp_path / "notes.realist"
    stranger.write_text("shopping list")
    result = run_cli("nodes", stranger)
    assert result.code == 1 and "not a Realist Coder project" in result.err


def test_save_a_copy_while_open_holds_the_last_change_and_overwrites_nothing(
        demo_path: Path, tmp_path: Path) -> None:
    with Project.open(demo_path) as project:  # the app has it open, and has just coded
        add_node(project, "Added a moment ago")
        copied = run_cli("backup", "copy", demo_path, tmp_path / "for Ben.realist")
        assert copied.code == 0, copied.err
        assert "Added a moment ago" in _node_names(tmp_path / "for Ben.realist")
        assert not (tmp_path / "for Ben.realist-wal").exists()  # one self-contained file
        again = run_cli("backup", "copy", demo_path, tmp_path / "for Ben.realist")
        assert again.code == 1 and "already exists" in again.err
        itself = run_cli("backup", "copy", demo_path, demo_path)
        assert itself.code == 1
        (tmp_path / "old.realist-wal").write_bytes(b"another database's log")  # a leftover
        beside = run_cli("backup", "copy", demo_path, tmp_path / "old.realist")
        assert beside.code == 1 and "leftover old.realist-wal" in beside.err
        assert not (tmp_path / "old.realist").exists()
    assert "Added a moment ago" in _node_names(demo_path)
