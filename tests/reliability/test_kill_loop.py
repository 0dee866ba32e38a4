"""Every acknowledged action survives SIGKILL at any moment.

A child codes in a tight loop and prints each committed reference id; the parent kills it at
random points (including during start-up, the on-open backup and stale-lock clearing), starts
another, and at the end every reported id must be there and PRAGMA integrity_check be "ok".
CI runs 15 kills; `-m slow` runs 200.
"""

from __future__ import annotations

import random
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from coding.memos import get_memo
from coding.nodes import add_node
from coding.project import Project
from storage.backup import BackupPolicy
from storage.database import open_database
from tests.conftest import add_text_document
from tests.reliability import children


def _prepare(tmp_path: Path) -> tuple[Path, int, list[int]]:
    path = tmp_path / "kill.realist"
    with Project.create(path) as project:
        doc = add_text_document(project, tmp_path, "long", "abcdefghij" * 100_000)
        nodes = [int(add_node(project, f"Node {i}")) for i in range(3)]
    # back up on every commit, so kills also land inside backups
    with Project(open_database(path, policy=BackupPolicy(3, 0)), 0) as project:
        project.set_setting("backup_interval_minutes", "0.002")
        project.set_setting("backup_keep", "3")
    return path, doc, nodes


def _run_and_kill(
    path: Path, doc: int, nodes: list[int], rng: random.Random, run: int
) -> tuple[set[int], tuple[int, int]]:
    proc = children.spawn(
        "tests.reliability.kill_child", path, doc, ",".join(map(str, nodes)), run)
    ids: set[int] = set()
    memos: list[tuple[int, int]] = []
    coding = threading.Event()

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            coding.set()
            kind, value = line.split()
            if kind == "ref":
                ids.add(int(value))
            else:
                r, n = value.split(":")
                memos.append((int(r), int(n)))

    reader = threading.Thread(target=read)
    reader.start()
    if run % 2:  # mid-loop, however slow the machine is to start a child
        coding.wait(timeout=60)
        time.sleep(rng.uniform(0.0, 0.3))
    else:  # from the spawn: start-up takes ~0.5 s, so some kills land inside it
        time.sleep(rng.uniform(0.0, 1.0))
    children.kill(proc, reader)
    return ids, (memos[-1] if memos else (-1, -1))


def _kill_loop(tmp_path: Path, kills: int) -> None:
    path, doc, nodes = _prepare(tmp_path)
    rng = random.Random(kills)
    acknowledged: set[int] = set()
    last_memo = (-1, -1)
    for run in range(kills):
        ids, memo = _run_and_kill(path, doc, nodes, rng, run)
        acknowledged |= ids
        last_memo = max(last_memo, memo)
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {row[0] for row in con.execute('SELECT id FROM "references"')}
    finally:
        con.close()
    assert acknowledged, "the child never got to code: the test proved nothing"
    assert acknowledged <= stored, f"lost {len(acknowledged - stored)} acknowledged codings"
    with Project.open(path) as project:  # the last child's stale lock is cleared too
        memo = get_memo(project, "document", doc)
    stored_memo = tuple(map(int, memo.split())) if memo else (-1, -1)
    assert stored_memo >= last_memo, "an acknowledged memo keystroke was lost"
    print(f"kills survived: {kills}; acknowledged codings kept: {len(acknowledged)}")


def test_acknowledged_codings_survive_sigkill(tmp_path: Path) -> None:
    _kill_loop(tmp_path, 15)


@pytest.mark.slow
def test_acknowledged_codings_survive_200_sigkills(tmp_path: Path) -> None:
    _kill_loop(tmp_path, 200)
