"""Child processes the kill tests start and SIGKILL: started as a user's script would be, and
checked afterwards to have died of the kill, not of a lock or a bug."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading

from tests.conftest import REPO, CliResult


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


def run_cli_limited(*args: object, max_file_bytes: int, timeout: float = 120) -> CliResult:
    """The real command line with a file-size limit (RLIMIT_FSIZE): every write past it fails
    with EFBIG, as on a full disk, in this child only. SIGXFSZ is ignored so the write fails
    instead of the process dying."""
    import resource

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (max_file_bytes, max_file_bytes))

    proc = subprocess.run(
        [sys.executable, "-m", "coding.cli", *map(str, args)], capture_output=True, text=True,
        cwd=REPO, timeout=timeout, env={**os.environ, "PYTHONPATH": str(REPO)},
        preexec_fn=limit,
    )
    return CliResult(proc.returncode, proc.stdout, proc.stderr)
