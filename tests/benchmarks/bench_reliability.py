"""Costs of the safety net on a large project: the open-time check, backups, `check`."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from coding.backups import check_project
from coding.project import Project
from storage import integrity
from storage.backup import BackupPolicy, contents, list_backups, rolling_backup
from tests.benchmarks.bench_scale import timed
from tests.benchmarks.synthetic import build_synthetic


def run(quick: bool) -> list[dict[str, object]]:
    docs, nodes, refs = (60, 50, 6_000) if quick else (1000, 200, 100_000)
    tag = f"{docs}d/{nodes}n/{refs}r"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "synthetic.realist"
        build_synthetic(path, documents=docs, nodes=nodes, references=refs)
        Project.open(path).close()  # the on-open backup exists: later opens skip it
        size_mb = path.stat().st_size / 1e6
        quick_check = timed(lambda: integrity.problems(path))
        open_rw = timed(lambda: Project.open(path).close())
        open_ro = timed(lambda: Project.open(path, readonly=True).close())
        backup = timed(lambda: rolling_backup(path, BackupPolicy(keep=2)), repeat=2)
        newest = list_backups(path)[0].path
        holds = timed(lambda: contents(newest))  # a line of File ▸ Restore from backup
        opened = timed(lambda: Project.open(newest, readonly=True).close())
        t0 = time.perf_counter()
        problems = check_project(path)
        full_check = time.perf_counter() - t0
        assert problems == [], problems
    return [
        {"name": f"project file size {tag}", "value": round(size_mb, 1), "unit": "MB"},
        {"name": f"open-time quick_check {tag}", "value": round(quick_check, 4), "unit": "s"},
        {"name": f"writable open (lock + check) {tag}", "value": round(open_rw, 4), "unit": "s"},
        {"name": f"read-only open (check) {tag}", "value": round(open_ro, 4), "unit": "s"},
        {"name": f"rolling backup {tag}", "value": round(backup, 4), "unit": "s"},
        {"name": f"what one backup holds, for the restore dialog {tag} (a read-only open of "
                 "it = baseline)", "value": round(holds, 4), "unit": "s",
         "baseline": round(opened, 4)},
        {"name": f"check command {tag}", "value": round(full_check, 3), "unit": "s"},
    ]
