"""A project being created and killed leaves nothing at its name, or a whole project.

A child creates projects one after another (`create_child.py`); the parent SIGKILLs it at
random moments. After each kill every project file at a non-hidden name must open and hold its
settings, and the name the child was creating when it died, if empty, must be creatable again
(once through the real `new` command). CI runs 20 kills; `-m slow` runs 200.
"""

from __future__ import annotations

import random
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from coding.project import Project
from tests.conftest import run_cli
from tests.reliability import children


def _complete(path: Path) -> None:
    """Opens (so it is ours, sound and unlocked once its creator is dead) and holds its
    settings and schema."""
    with Project.open(path) as project:
        assert project.setting("guid"), f"{path.name} has no guid: a partial create"
        assert project.name == path.stem
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()


def _run_and_kill(folder: Path, prefix: str, rng: random.Random) -> int:
    """Start a creating child, kill it at a random moment; the last number it finished."""
    proc = children.spawn("tests.reliability.create_child", folder, prefix)
    finished = [-1]
    ready = threading.Event()

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.strip() == "ready":
                ready.set()
            else:
                finished.append(int(line))

    reader = threading.Thread(target=read)
    reader.start()
    ready.wait(timeout=60)
    time.sleep(rng.uniform(0.0, 0.4))
    children.kill(proc, reader)
    return finished[-1]


def _kill_loop(tmp_path: Path, kills: int) -> None:
    rng = random.Random(kills)
    checked = mid_build = renewed = 0
    via_cli = False
    for run in range(kills):
        prefix = f"r{run}"
        last = _run_and_kill(tmp_path, prefix, rng)
        killed = tmp_path / f"{prefix}-{last + 1}.realist"
        if list(tmp_path.glob(f".{killed.name}.*")):
            mid_build += 1  # its hidden build was left behind
        for path in sorted(tmp_path.glob(f"{prefix}-*.realist")):
            _complete(path)
            checked += 1
        if killed.exists():
            continue  # killed after the file got its name: whole, and checked above
        if not via_cli:
            result = run_cli("new", killed)
            assert result.code == 0 and not result.err, result.err
            via_cli = True
        else:
            Project.create(killed).close()
        _complete(killed)
        renewed += 1
    assert mid_build, "no kill landed inside a create: the test proved nothing"
    assert via_cli
    print(f"kills: {kills}; inside a build: {mid_build}; names created again: {renewed}; "
          f"projects checked whole: {checked}")


def test_killed_create_leaves_nothing_or_a_whole_project(tmp_path: Path) -> None:
    _kill_loop(tmp_path, 20)


@pytest.mark.slow
def test_killed_create_200_times(tmp_path: Path) -> None:
    _kill_loop(tmp_path, 200)
