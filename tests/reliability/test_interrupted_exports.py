"""Issue 18, point 4: an interrupted export never destroys the previous one.

The reproduction: SIGINT/SIGTERM during `export-csv` left a cut-off file in place of a good
30,000-row CSV in 7 of 8 runs; a full disk truncated an old CSV and left a 0-byte .docx; the
.qdpx writer printed a traceback on a full disk and left its `.part` behind. Every writer now
goes through storage/output_files.py: temporary file in the same folder, fsync, rename.
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coding.project import Project
from storage.errors import DiskFull
from storage.output_files import LEFTOVER_AGE_SECONDS, open_replacing, replacing
from tests.benchmarks.synthetic import build_synthetic
from tests.conftest import REPO, run_cli
from tests.reliability.children import run_cli_limited
from tests.reliability.conftest import fill

LIMIT = 36_000  # bytes: room for the -shm (32 kB), not for any of the exports below


@pytest.fixture(scope="module")
def big_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """30,000 references: `export-csv` takes about a second and a half, time to be hit."""
    path = tmp_path_factory.mktemp("big") / "big.realist"
    return build_synthetic(path, documents=100, nodes=40, references=30_000, chars=20_000)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


def _interrupt_exports(big_project: Path, folder: Path, runs: int, seed: int) -> dict[str, int]:
    """Export over a good CSV and interrupt at random moments: the file is always the old one
    or the whole new one, never a mixture, never a leftover."""
    out = folder / "excerpts.csv"
    assert run_cli("export-csv", big_project, out).code == 0
    good = _digest(out)
    rng = random.Random(seed)
    outcomes = {"interrupted": 0, "finished": 0}
    for _ in range(runs):
        signum = rng.choice([signal.SIGINT, signal.SIGTERM])
        proc = subprocess.Popen(
            [sys.executable, "-m", "coding.cli", "export-csv", str(big_project), str(out)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
        time.sleep(rng.uniform(0.7, 2.0))  # past start-up (imports)
        proc.send_signal(signum)
        _, err = proc.communicate(timeout=60)
        assert "Traceback" not in err, err
        assert proc.returncode in (0, 128 + signum, -signum), (proc.returncode, err)
        outcomes["finished" if proc.returncode == 0 else "interrupted"] += 1
        assert _digest(out) == good  # the same project, so a finished export is identical
        assert _leftovers(folder) == []
    return outcomes


def test_signals_during_export_leave_the_previous_csv_whole(
    big_project: Path, tmp_path: Path
) -> None:
    outcomes = _interrupt_exports(big_project, tmp_path, runs=4, seed=18)
    assert sum(outcomes.values()) == 4


@pytest.mark.slow
def test_signals_during_export_leave_the_previous_csv_whole_long(
    big_project: Path, tmp_path: Path
) -> None:
    outcomes = _interrupt_exports(big_project, tmp_path, runs=40, seed=1818)
    print(outcomes)
    assert outcomes["interrupted"] > 10


@pytest.mark.parametrize(("command", "name"), [
    ("export-csv", "excerpts.csv"), ("export-xlsx", "excerpts.xlsx"),
    ("codebook", "codebook.docx"), ("export-qdpx", "project.qdpx"),
])
def test_a_write_failing_for_space_keeps_the_old_file_and_says_so(
    big_project: Path, tmp_path: Path, command: str, name: str
) -> None:
    """A file-size limit just above SQLite's 32 kB `-shm` (so the project opens): every write
    of a larger file fails with EFBIG part-way, as it would on a full disk."""
    out = tmp_path / name
    out.write_bytes(b"the previous export, which must survive\n" * 3)
    before = _digest(out)
    result = run_cli_limited(command, big_project, out, max_file_bytes=LIMIT)
    assert result.code == 1, result
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and "size limit" in lines[0] and "previous file is unchanged" in lines[0]
    assert _digest(out) == before
    assert _leftovers(tmp_path) == []


def test_a_new_file_on_a_full_disk_is_not_left_empty(demo_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.docx"
    result = run_cli_limited("model", "export", demo_path, out, max_file_bytes=LIMIT)
    assert result.code == 1 and "nothing was written" in result.err, result
    assert not out.exists() and _leftovers(tmp_path) == []


def test_a_truly_full_disk(demo: Project, small_disk: Path) -> None:
    """ENOSPC from a real (tmpfs) file system, through the domain call the app makes."""
    from coding.exchange.refi_export import export_qdpx
    from coding.exports.csv_export import export_references_csv

    old = small_disk / "excerpts.csv"
    export_references_csv(demo, old)
    before = _digest(old)
    fill(small_disk)
    with pytest.raises(DiskFull, match="the disk is full.*previous file is unchanged"):
        export_references_csv(demo, old)
    with pytest.raises(DiskFull, match="the disk is full.*nothing was written"):
        export_qdpx(demo, small_disk / "p.qdpx")
    assert _digest(old) == before
    assert sorted(p.name for p in small_disk.iterdir()) == ["excerpts.csv", "filler"]


def test_an_exception_mid_write_keeps_the_old_file(tmp_path: Path) -> None:
    out = tmp_path / "table.csv"
    out.write_text("old\n")
    out.chmod(0o640)
    with pytest.raises(KeyboardInterrupt), open_replacing(out, "w") as fh:
        fh.write("half of the new")
        raise KeyboardInterrupt
    assert out.read_text() == "old\n" and _leftovers(tmp_path) == []
    with open_replacing(out, "w") as fh:
        fh.write("new\n")
    assert out.read_text() == "new\n"
    assert out.stat().st_mode & 0o777 == 0o640  # the old file's permissions are kept


def test_a_symlinked_output_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_text("old")
    link = tmp_path / "link.csv"
    link.symlink_to(real.name)
    with replacing(link) as tmp:
        tmp.write_text("new")
    assert link.is_symlink() and real.read_text() == "new"


def test_leftovers_of_killed_writes_are_swept_after_an_hour(tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    old = tmp_path / ".x.csv.0123456789ab.part"
    young = tmp_path / ".x.csv.ba9876543210.part"
    for p in (old, young):
        p.write_text("killed mid-write")
    stale = time.time() - LEFTOVER_AGE_SECONDS - 5
    os.utime(old, (stale, stale))
    with open_replacing(out, "w") as fh:
        fh.write("done")
    assert _leftovers(tmp_path) == [young.name]
