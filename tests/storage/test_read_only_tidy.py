"""Reading a project leaves nothing beside it: a read-only open (every script that only reads:
`documents`, `export-csv`...) left an empty `-wal` and a `-shm` beside the project, which a
read-only connection cannot remove (storage.integrity.tidy_after_reading)."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from coding.documents import list_documents
from coding.nodes import add_node, list_nodes
from coding.project import Project
from tests.conftest import REPO, run_main
from tests.reliability.test_names_and_read_only_log import CRASH_AFTER_COMMIT


def _beside(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_read_only_open_leaves_the_project_file_alone_and_nothing_beside_it(
        demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before, mtime = _digest(demo_path), demo_path.stat().st_mtime_ns
    alone = _beside(demo_path)
    with Project.open(demo_path, readonly=True) as p:
        assert list_documents(p)
        assert f"{demo_path.name}-wal" in _beside(demo_path)  # SQLite's own, while open
    assert _beside(demo_path) == alone
    for args in (["documents", demo_path], ["nodes", demo_path],
                 ["export-csv", demo_path, demo_path.parent / "out.csv"]):
        assert run_main(capsys, *args).code == 0, args
        assert _beside(demo_path) == alone, args
    assert _digest(demo_path) == before and demo_path.stat().st_mtime_ns == mtime


def test_with_the_app_open_on_it_a_reader_leaves_the_apps_log_in_use(demo_path: Path) -> None:
    with Project.open(demo_path) as app:
        add_node(app, "Before the reader")
        with Project.open(demo_path, readonly=True) as reader:
            assert "Before the reader" in {n.name for n in list_nodes(reader)}
        assert {f"{demo_path.name}-wal", f"{demo_path.name}-shm"} <= set(_beside(demo_path))
        add_node(app, "After the reader")  # the app's log and index still work
    with Project.open(demo_path, readonly=True) as p:
        assert {"Before the reader", "After the reader"} <= {n.name for n in list_nodes(p)}


def test_a_log_holding_a_crashed_writers_last_commit_is_left_to_the_next_writer(
        demo_path: Path) -> None:
    subprocess.run([sys.executable, "-c", CRASH_AFTER_COMMIT, str(demo_path)], cwd=REPO,
                   check=True, timeout=120)
    wal = Path(f"{demo_path}-wal")
    size = wal.stat().st_size
    assert size > 0
    with Project.open(demo_path, readonly=True) as p:
        assert "The last commit" in {n.name for n in list_nodes(p)}
    assert wal.stat().st_size == size  # not checkpointed by a reader
    with Project.open(demo_path, readonly=True) as p:
        assert "The last commit" in {n.name for n in list_nodes(p)}
