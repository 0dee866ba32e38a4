"""Batches read while other threads run (the app reads on a worker thread): the workers come
from a fork server, and none of them outlives the importing process, even killed."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
import uuid
from pathlib import Path

import pytest

import importers
from tests.conftest import REPO
from tests.importers.makers import column_pdf, sentences

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="the fork server and /proc are Linux's")


def test_a_batch_read_while_other_threads_run_goes_through_the_fork_server(tmp_path: Path) -> None:
    from importers.dispatch import _start_method

    files = [column_pdf(tmp_path / f"d{i}.pdf", 2, sentences(20, seed=i)) for i in range(2)]
    done = threading.Event()
    other = threading.Thread(target=done.wait)
    other.start()
    try:
        method = _start_method().get_start_method()
        results = list(importers.read_many(files, workers=2))
    finally:
        done.set()
        other.join()
    assert method == "forkserver"
    assert [p for p, _ in results] == files
    assert [r.text for _, r in results] == [importers.read_document(f).text for f in files]


def _marked(mark: str) -> list[int]:
    """Live processes (not zombies) carrying this run's mark in their environment."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if not entry.name.isdigit() or mark.encode() not in (entry / "environ").read_bytes():
                continue
            if (entry / "stat").read_text().rsplit(")", 1)[-1].split()[0] not in ("Z", "X"):
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def test_no_fork_server_worker_outlives_a_killed_importer(tmp_path: Path) -> None:
    """The fork server's workers are its children, and it lives on while any of them does: each
    watches the importing process instead, so a SIGKILL leaves nothing behind (server, resource
    tracker and workers gone within seconds), and the caller reading its output is not held."""
    files = [column_pdf(tmp_path / f"p{i}.pdf", 2, sentences(1500, seed=i)) for i in range(12)]
    script = textwrap.dedent(f"""
        import threading, importers
        from pathlib import Path
        threading.Thread(target=threading.Event().wait, daemon=True).start()
        for path, _ in importers.read_many([Path(p) for p in {[str(f) for f in files]!r}]):
            print(path.name, flush=True)
    """)
    mark = f"READER_TEST_RUN={uuid.uuid4().hex}"
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True,
                            cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO),
                                           mark.split("=")[0]: mark.split("=")[1]})
    assert proc.stdout is not None
    proc.stdout.readline()  # the workers are reading
    assert len(_marked(mark)) >= 4  # importer, fork server, resource tracker, workers
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30)  # would hang while a worker held the pipe
    deadline = time.monotonic() + 5
    while _marked(mark) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _marked(mark) == []


HALF_A_RESULT = """
import gc, os, struct, time
from multiprocessing.queues import SimpleQueue

def half_a_result(mark):
    queue = next(o for o in gc.get_objects() if isinstance(o, SimpleQueue))
    os.write(queue._writer.fileno(), struct.pack("!i", 100_000) + b"x" * 10)
    open(mark, "w").close()  # the worker's own word that it sent
    time.sleep(600)
"""


@pytest.mark.parametrize("method", ["fork", "forkserver"])
def test_stopping_a_batch_while_a_worker_is_sending_its_result_does_not_hang(
        tmp_path: Path, method: str) -> None:
    """A batch stopped early (cancel, a full disk) kills its workers. One killed half-way
    through sending a result (a large result goes as a length, then the body) left half a
    message in the result pipe; the executor waited for the rest for ever, and the import with
    it (seen once in seven loaded runs of the suite). Here a worker sends half a message on
    purpose and waits to be killed; stopping the batch must still return."""
    (tmp_path / "halfway.py").write_text(HALF_A_RESULT, encoding="utf-8")
    mark = tmp_path / "sent"
    script = textwrap.dedent(f"""
        import multiprocessing, os, time
        from concurrent.futures import ProcessPoolExecutor
        from halfway import half_a_result
        from importers.dispatch import _stop

        pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context({method!r}))
        pool.submit(half_a_result, {str(mark)!r})
        while not os.path.exists({str(mark)!r}):
            time.sleep(0.01)
        _stop(pool, finished=False)
        print("stopped", flush=True)
    """)
    said = tmp_path / "said.txt"
    with said.open("w") as out:  # a file, not a pipe: a hung worker would hold a pipe open
        proc = subprocess.Popen([sys.executable, "-c", script], stdout=out,
                                stderr=subprocess.STDOUT, cwd=REPO, start_new_session=True,
                                env={**os.environ,
                                     "PYTHONPATH": os.pathsep.join([str(REPO), str(tmp_path)])})
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            pass  # the hang this test is about: fail below, not here
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)  # and anything of it still alive
    assert said.read_text().strip() == "stopped"
