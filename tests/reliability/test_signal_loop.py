"""Issue 18, point 5: signals during imports and exports; no process of ours outlives a command.

The reproduction: SIGTERM or SIGKILL during a multi-file import left two forked pool workers
alive under PID 1 (4 of 4 runs), holding the lock and the command's stdout/stderr: every
writer was refused naming the dead parent, `unlock --force` failed, a caller reading the output
hung for ever. Now SIGINT/SIGTERM cancel like the Cancel button ("import interrupted: 7 of 13
imported", exit 130/143), workers die with their parent (PR_SET_PDEATHSIG), a forked child
never keeps the parent's lock, and `unlock` clears a lock whose flock nobody holds.

The loop sends SIGINT, SIGTERM or SIGKILL at random moments to `import` (a batch read by the
worker pool) and to `export-csv` over a good file; after each run no process carrying the
run's mark may be alive, the project must take a writer at once and pass `check`, every
document the command said it imported must be there, and the old export must be whole.
CI runs 6 rounds; `-m slow` runs 40.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from coding.documents import list_documents
from coding.project import Project
from storage import lock
from storage.errors import ProjectLocked
from tests.conftest import REPO, run_cli
from tests.importers.makers import column_pdf, sentences

MARK = "REALIST_CODER_TEST_RUN"


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Eight PDFs of a few pages: the pool takes two or three seconds over them."""
    folder = tmp_path_factory.mktemp("batch")
    return [column_pdf(folder / f"paper{i}.pdf", 2, sentences(500, seed=i), title=f"Paper {i}")
            for i in range(8)]


def _ours(mark: str) -> list[int]:
    """Live processes (not zombies) started with this run's mark in their environment."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if f"{MARK}={mark}".encode() not in (entry / "environ").read_bytes():
                continue
            state = (entry / "stat").read_text().rsplit(")", 1)[-1].split()[0]
        except OSError:
            continue
        if state not in ("Z", "X"):
            found.append(int(entry.name))
    return found


def _start(mark: str, *args: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "coding.cli", *map(str, args)], stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True, cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO), MARK: mark},
    )


def _nothing_survives(mark: str) -> None:
    deadline = time.monotonic() + 5  # the kernel delivers PDEATHSIG at once; reaping may lag
    while _ours(mark) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _ours(mark) == [], "a process of ours outlived the command"


def _import_round(project: Path, batch: list[Path], rng: random.Random) -> str:
    mark = uuid.uuid4().hex
    before = len(_names(project))
    signum = rng.choice([signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
    proc = _start(mark, "import", project, *batch)
    time.sleep(rng.uniform(0.8, 3.0))
    proc.send_signal(signum)
    out, err = proc.communicate(timeout=60)  # would hang if a worker held our pipes
    _nothing_survives(mark)
    assert "Traceback" not in err, err
    said = re.findall(r"^imported (\S+) ", out, re.M)
    stored = len(_names(project)) - before
    if proc.returncode == -signal.SIGKILL:
        outcome = "killed"
    elif proc.returncode in (0, -signum):  # -signum: it came during the interpreter's exit
        outcome = "finished"
        assert len(said) == len(batch) == stored
    else:
        assert proc.returncode == 128 + signum, (proc.returncode, err)
        line = err.strip().splitlines()[-1]
        if line == "realist-coder: interrupted":  # before the batch began, or after it ended
            assert stored >= len(said)
        else:
            assert line == (f"realist-coder: import interrupted: {len(said)} of {len(batch)} "
                            "imported")
            assert stored == len(said)  # finished documents kept, and only those
        outcome = "interrupted"
    with Project.open(project) as writer:  # at once: no orphan holds the lock
        assert not writer.readonly
    assert run_cli("check", project).out.strip() == "ok"
    return outcome


def _export_round(project: Path, out: Path, good: str, rng: random.Random) -> str:
    mark = uuid.uuid4().hex
    signum = rng.choice([signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
    proc = _start(mark, "export-csv", project, out)
    time.sleep(rng.uniform(0.3, 1.5))
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=60)
    _nothing_survives(mark)
    assert "Traceback" not in err, err
    assert hashlib.sha256(out.read_bytes()).hexdigest() == good  # old, or identical new
    if proc.returncode != -signal.SIGKILL:  # a SIGKILL may leave a hidden temporary file
        assert not [p for p in out.parent.iterdir() if p.name.endswith(".part")]
    if proc.returncode == -signal.SIGKILL:
        return "killed"
    return "finished" if proc.returncode in (0, -signum) else "interrupted"


def _names(project: Path) -> list[str]:
    with Project.open(project, readonly=True) as p:
        return [d.name for d in list_documents(p)]


def _loop(tmp_path: Path, batch: list[Path], rounds: int, seed: int) -> dict[str, int]:
    project = tmp_path / "signals.realist"
    assert run_cli("new", project).code == 0
    out = tmp_path / "excerpts.csv"
    rng = random.Random(seed)
    outcomes: dict[str, int] = {}
    for _ in range(rounds):
        kind = _import_round(project, batch, rng)
        outcomes[f"import {kind}"] = outcomes.get(f"import {kind}", 0) + 1
        assert run_cli("export-csv", project, out).code == 0
        good = hashlib.sha256(out.read_bytes()).hexdigest()
        kind = _export_round(project, out, good, rng)
        outcomes[f"export {kind}"] = outcomes.get(f"export {kind}", 0) + 1
    return outcomes


def test_signals_during_imports_and_exports(tmp_path: Path, batch: list[Path]) -> None:
    outcomes = _loop(tmp_path, batch, rounds=3, seed=5)
    assert sum(outcomes.values()) == 6


@pytest.mark.slow
def test_signals_during_imports_and_exports_long(tmp_path: Path, batch: list[Path]) -> None:
    outcomes = _loop(tmp_path, batch, rounds=20, seed=55)
    print(json.dumps(outcomes))
    assert outcomes.get("import interrupted", 0) > 3


def test_unlock_clears_a_lock_whose_flock_nobody_holds(demo_path: Path) -> None:
    """The lock names a live process of this machine, but no process holds its flock (as
    when the holder's orphaned workers were finally killed): an ordinary open stays careful,
    `unlock` clears it."""
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        lock.lock_path(demo_path).write_text(json.dumps({
            "host": __import__("socket").gethostname(), "machine": lock.machine_id(),
            "pid": sleeper.pid, "process_started": lock._process_started(sleeper.pid),
            "since": "2024-01-01T00:00:00+00:00", "app": "Realist Coder"}))
        with pytest.raises(ProjectLocked):
            Project.open(demo_path)
        result = run_cli("unlock", demo_path)
        assert result.code == 0 and "cleared the lock" in result.out, result
        assert run_cli("node", "add", demo_path, "Writable again").code == 0
    finally:
        sleeper.kill()
        sleeper.wait()


def test_a_forked_child_never_keeps_its_parents_lock(demo_path: Path) -> None:
    """The parent dies by SIGKILL; its forked child lives on: the lock is free at once."""
    code = (
        "import os, sys, time\n"
        "from coding.project import Project\n"
        "p = Project.open(sys.argv[1])\n"
        "if os.fork() == 0:\n"
        "    time.sleep(30)\n"
        "    os._exit(0)\n"
        "print('held', flush=True)\n"
        "time.sleep(30)\n"
    )
    mark = uuid.uuid4().hex
    proc = subprocess.Popen([sys.executable, "-c", code, str(demo_path)], stdout=subprocess.PIPE,
                            text=True, cwd=REPO, env={**os.environ, MARK: mark})
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
        proc.kill()
        proc.wait()
        started = time.monotonic()
        with Project.open(demo_path) as project:
            assert not project.readonly
        assert time.monotonic() - started < lock.ORPHAN_WAIT_SECONDS / 2
        assert _ours(mark)  # the child is alive (it is not an import worker), yet no holder
    finally:
        for pid in _ours(mark):
            os.kill(pid, signal.SIGKILL)


def test_an_interrupt_swallowed_by_a_destructor_is_raised_again() -> None:
    """Found by the long export loop: SIGINT arrived inside SQLAlchemy's weakref callback,
    where an exception cannot propagate — Python printed "Exception ignored" and the export
    ran on. The unraisable hook sends the signal again, to be raised where it can stop."""
    from coding.cli.signals import Interrupted, catch_signals, restore_signals

    class Collected:
        def __del__(self) -> None:
            raise Interrupted(signal.SIGINT)  # as when the handler runs during a collection

    saved = catch_signals()
    try:
        with pytest.raises(Interrupted):
            Collected()
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline:  # handled between bytecodes, once it arrives
                pass
    finally:
        restore_signals(saved)
