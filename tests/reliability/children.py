"""Child processes the kill tests start and SIGKILL: started as a user's script would be, and
checked afterwards to have died of the kill, not of a lock or a bug."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading

from tests.conftest import REPO


def spawn(module: str, *args: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", module, *map(str, args)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def kill(proc: subprocess.Popen[str], reader: threading.Thread) -> None:
    """SIGKILL now, wait for the child and for `reader` (which drains its stdout)."""
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    reader.join()
    assert proc.stderr is not None
    err = proc.stderr.read()
    proc.stderr.close()
    assert "Traceback" not in err, err
