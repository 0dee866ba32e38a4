"""One writer: a second process is refused, naming the holder; stale locks are cleared."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from coding.backups import list_backups
from coding.project import Project
from storage import lock
from storage.errors import ProjectLocked
from tests.conftest import REPO, run_cli

HOLD = (
    "import sys, time\n"
    "from coding.project import Project\n"
    "p = Project.open(sys.argv[1])\n"
    "print('held', flush=True)\n"
    "time.sleep(60)\n"
)


def _holder_process(path: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path)], stdout=subprocess.PIPE, text=True, cwd=REPO,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def test_second_process_is_refused_but_can_read(demo_path: Path) -> None:
    proc = _holder_process(demo_path)
    try:
        with pytest.raises(ProjectLocked, match=f"by process {proc.pid}") as info:
            Project.open(demo_path)
        assert socket.gethostname() in str(info.value)
        assert not lock.holds(demo_path)
        with Project.open(demo_path, readonly=True) as ro:  # a read-only open takes no lock
            assert ro.readonly and ro.name
        cli = run_cli("node", "add", demo_path, "Refused")
        assert cli.code == 1 and "is open in" in cli.err and len(cli.err.strip().splitlines()) == 1
        assert run_cli("documents", demo_path).code == 0
        assert run_cli("backup", "now", demo_path).code == 0  # reads only: allowed
        before = demo_path.read_bytes()
        restore = run_cli("backup", "restore", demo_path, "1")  # would write: refused
        assert restore.code == 1 and "is open in" in restore.err, restore
        assert len(restore.err.strip().splitlines()) == 1
        assert demo_path.read_bytes() == before
        assert not any(b.kind == "before-restore" for b in list_backups(demo_path))
    finally:
        proc.kill()
        proc.wait()
    # The holder died by SIGKILL: its lock is stale (same host, dead pid) and is cleared.
    assert lock.lock_path(demo_path).exists()
    with Project.open(demo_path) as project:
        assert not project.readonly
        assert lock.read_holder(demo_path).pid == __import__("os").getpid()  # type: ignore[union-attr]
    assert not lock.lock_path(demo_path).exists()


def test_lock_is_reentrant_within_a_process_and_released_on_last_close(demo_path: Path) -> None:
    first = Project.open(demo_path)
    second = Project.open(demo_path)
    first.close()
    assert lock.holds(demo_path) and lock.lock_path(demo_path).exists()
    second.close()
    assert not lock.holds(demo_path) and not lock.lock_path(demo_path).exists()


def _write_lock(path: Path, **fields: object) -> None:
    data = {"host": socket.gethostname(), "pid": 1, "process_started": None,
            "since": datetime.now(UTC).isoformat(), "app": "Realist Coder"}
    data.update(fields)
    lock.lock_path(path).write_text(json.dumps(data))


def test_a_reused_pid_is_a_stale_lock(demo_path: Path) -> None:
    # pid 1 is alive, but it started at a different time than the lock says: reused pid.
    _write_lock(demo_path, pid=1, process_started=-5)
    with Project.open(demo_path):
        pass


def test_a_live_local_holder_without_flock_is_still_respected(demo_path: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        _write_lock(demo_path, pid=proc.pid, process_started=lock._process_started(proc.pid))
        with pytest.raises(ProjectLocked):
            Project.open(demo_path)
    finally:
        proc.kill()
        proc.wait()


def test_another_hosts_lock_is_respected_unless_old_and_forced(demo_path: Path) -> None:
    _write_lock(demo_path, host="laptop-elsewhere", pid=4242)
    with pytest.raises(ProjectLocked, match="laptop-elsewhere.*can be forced"):
        Project.open(demo_path)
    with pytest.raises(ProjectLocked):
        lock.clear_stale(demo_path, force=True)  # forced, but too recent
    old = (datetime.now(UTC) - lock.REMOTE_STALE_AFTER - timedelta(minutes=1)).isoformat()
    _write_lock(demo_path, host="laptop-elsewhere", pid=4242, since=old)
    with pytest.raises(ProjectLocked):
        Project.open(demo_path)  # old, but not forced
    cli = run_cli("unlock", demo_path, "--force")
    assert cli.code == 0, cli.err
    assert "laptop-elsewhere" in cli.out
    with Project.open(demo_path):
        pass


RACE = (
    "import sys, time\n"
    "from coding.project import Project\n"
    "from storage.errors import ProjectLocked\n"
    "time.sleep(max(0.0, float(sys.argv[2]) - time.time()))\n"
    "try:\n"
    "    p = Project.open(sys.argv[1])\n"
    "except ProjectLocked:\n"
    "    print('locked', flush=True)\n"
    "else:\n"
    "    print('got', flush=True)\n"
    "    sys.stdin.read()\n"
)


def test_racing_to_clear_a_stale_lock_leaves_exactly_one_writer(demo_path: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    _write_lock(demo_path, pid=dead.pid)  # a stale lock: this host, a pid that has exited
    start = __import__("time").time() + 2.0  # all started, then all open at once
    racers = [
        subprocess.Popen([sys.executable, "-c", RACE, str(demo_path), str(start)],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=REPO)
        for _ in range(4)
    ]
    outcomes = sorted(r.stdout.readline().strip() for r in racers)  # type: ignore[union-attr]
    for r in racers:  # the winner holds the lock until every racer has answered
        r.communicate(timeout=30)
    assert outcomes == ["got", "locked", "locked", "locked"]


FORKING_HOLDER = (
    "import os, sys, time\n"
    "from coding.project import Project\n"
    "p = Project.open(sys.argv[1])\n"
    "if os.fork() == 0:\n"  # a worker (like an import pool's) inherits the locked file
    "    time.sleep(1.0)\n"
    "    os._exit(0)\n"
    "print('held', flush=True)\n"
    "time.sleep(60)\n"
)


def test_a_dead_holders_forked_workers_only_delay_the_next_open(demo_path: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-c", FORKING_HOLDER, str(demo_path)],
                            stdout=subprocess.PIPE, text=True, cwd=REPO)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    proc.kill()
    proc.wait()
    with Project.open(demo_path) as project:  # waits for the orphaned worker, then takes over
        assert not project.readonly


def test_an_idle_session_keeps_its_lock_fresh_for_other_machines(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Another host may force a lock not refreshed for 12 hours; a window left open overnight
    must not look like that. Commits refresh it; so does the app's idle call."""
    from dataclasses import replace

    from coding.backups import keep_alive

    monkeypatch.setattr(lock, "HEARTBEAT_SECONDS", 0.0)  # no waiting a minute in a test
    with Project.open(demo_path) as project:
        data = json.loads(lock.lock_path(demo_path).read_text())
        data["refreshed"] = (datetime.now(UTC) - timedelta(hours=13)).isoformat()
        lock.lock_path(demo_path).write_text(json.dumps(data))  # as after a night without commits
        held = lock.read_holder(demo_path)
        assert held is not None
        assert lock.is_stale(replace(held, host="laptop-elsewhere"), force=True)
        keep_alive(project)
        held = lock.read_holder(demo_path)
        assert held is not None and held.refreshed is not None
        assert datetime.now(UTC) - held.refreshed < timedelta(minutes=1)
        assert not lock.is_stale(replace(held, host="laptop-elsewhere"), force=True)


def test_a_machine_with_the_same_host_name_is_another_machine(demo_path: Path) -> None:
    """Two laptops called "MacBook-Pro" on one synced folder: the other's live lock names a pid
    that does not exist here. Judged by pid it would be cleared: a silent second writer."""
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    _write_lock(demo_path, pid=gone.pid, machine="0123456789abcdef-the-other-laptop")
    with pytest.raises(ProjectLocked, match="can be forced once it is older"):
        Project.open(demo_path)
    assert lock.read_holder(demo_path).machine.endswith("the-other-laptop")  # type: ignore[union-attr]
    _write_lock(demo_path, pid=gone.pid, machine=lock.machine_id())  # this machine: stale
    with Project.open(demo_path):
        assert lock.read_holder(demo_path).machine == lock.machine_id()  # type: ignore[union-attr]
