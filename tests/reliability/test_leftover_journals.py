"""Issue 18, point 3: a stale `-wal`, `-shm` or `-journal` at a new project's name is never
replayed into it.

The reproduction: `new review.realist` beside a leftover `review.realist-wal` of another
database made a project that failed `check` (15 lines); `backup restore --to X` merged a
foreign `X-wal` into the restored file.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from coding.backups import backup_now
from coding.exchange.refi_export import export_qdpx
from coding.exchange.refi_import import import_qdpx
from coding.project import Project
from storage.atomic import COMPANIONS
from storage.errors import LeftoverCompanion
from tests.conftest import run_cli


def _foreign_wal(folder: Path) -> Path:
    """A real write-ahead log of another database, with committed frames in it."""
    other = folder / "other.db"
    con = sqlite3.connect(other)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA wal_autocheckpoint=0")
    con.execute("CREATE TABLE t(x)")
    con.executemany("INSERT INTO t VALUES (?)", [(i,) for i in range(500)])
    con.commit()
    wal = folder / "copy-of-wal"
    shutil.copyfile(f"{other}-wal", wal)
    con.close()
    return wal


def test_new_refuses_a_name_with_a_foreign_wal_beside_it(tmp_path: Path) -> None:
    target = tmp_path / "review.realist"
    shutil.copyfile(_foreign_wal(tmp_path), f"{target}-wal")
    result = run_cli("new", target)
    assert result.code == 1 and "leftover review.realist-wal" in result.err, result
    assert len(result.err.strip().splitlines()) == 1
    assert not target.exists()
    Path(f"{target}-wal").unlink()
    assert run_cli("new", target).code == 0
    assert run_cli("check", target).out.strip() == "ok"


@pytest.mark.parametrize("suffix", COMPANIONS)
def test_every_atomic_create_refuses_each_companion(
    demo_path: Path, tmp_path: Path, suffix: str
) -> None:
    backup = backup_now(demo_path).path
    qdpx = tmp_path / "p.qdpx"
    with Project.open(demo_path, readonly=True) as project:
        export_qdpx(project, qdpx)
    for name, make in (
        ("new.realist", lambda t: Project.create(t).close()),
        ("restored.realist", lambda t: run_cli("backup", "restore", demo_path, backup.name,
                                               "--to", t)),
        ("imported.realist", lambda t: import_qdpx(qdpx, t)),
    ):
        target = tmp_path / name
        Path(f"{target}{suffix}").write_bytes(b"left over")
        try:
            result = make(target)
        except LeftoverCompanion as exc:
            assert f"leftover {name}{suffix}" in str(exc)
        else:
            assert result.code == 1 and f"leftover {name}{suffix}" in result.err
        assert not target.exists()
        assert Path(f"{target}{suffix}").read_bytes() == b"left over"
        assert not [p for p in tmp_path.iterdir() if p.name.startswith(f".{name}")]


def test_restore_to_never_merges_a_foreign_wal(demo_path: Path, tmp_path: Path) -> None:
    backup_now(demo_path)
    target = tmp_path / "restored.realist"
    shutil.copyfile(_foreign_wal(tmp_path), f"{target}-wal")
    result = run_cli("backup", "restore", demo_path, "1", "--to", target)
    assert result.code == 1 and "leftover restored.realist-wal" in result.err
    Path(f"{target}-wal").unlink()
    assert run_cli("backup", "restore", demo_path, "1", "--to", target).code == 0
    assert run_cli("check", target).out.strip() == "ok"
