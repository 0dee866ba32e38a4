"""Issue 18, point 8: a batch stopped by a full disk says what it imported before it.

The reproduction: an import of 6 files stopped by a full disk printed "nothing was changed";
4 had been imported, and re-running as advised made duplicates. Now: "import stopped, 4 of 6
imported before it (listed above; the others were not): the disk is full…". (Stopped by a
signal: "import interrupted: 4 of 6 imported", see test_signal_loop.py.)
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest

from coding.documents import import_files, list_documents
from coding.project import Project
from storage.errors import DiskFull
from tests.conftest import run_cli
from tests.reliability.children import run_cli_limited
from tests.reliability.conftest import fill

WORDS = ["mother", "support", "peer", "group", "volunteer", "telephone", "visit", "trust"]


def _texts(folder: Path, count: int, words: int = 25_000) -> list[Path]:
    rng = random.Random(8)
    paths = []
    for i in range(count):
        path = folder / f"interview{i}.txt"
        path.write_text(" ".join(rng.choice(WORDS) for _ in range(words)), encoding="utf-8")
        paths.append(path)
    return paths


def _names(project: Path) -> list[str]:
    with Project.open(project, readonly=True) as p:
        return sorted(d.name for d in list_documents(p))


def test_a_batch_stopped_for_space_lists_what_it_kept(tmp_path: Path) -> None:
    project = tmp_path / "review.realist"
    assert run_cli("new", project).code == 0
    files = _texts(tmp_path, 6)
    result = run_cli_limited("import", project, *files, max_file_bytes=900_000)
    assert result.code == 1, result
    said = re.findall(r"^imported (\S+)\.txt ", result.out, re.M)
    assert 0 < len(said) < 6, result
    line = result.err.strip().splitlines()[-1]
    assert f"import stopped, {len(said)} of 6 imported before it" in line, line
    assert "nothing was changed" not in line and "Traceback" not in result.err
    assert _names(project) == sorted(said)
    rest = [f for f in files if f.stem not in said]  # re-running the rest: no duplicates
    assert run_cli("import", project, *rest).code == 0
    assert _names(project) == sorted(f.stem for f in files)
    assert run_cli("check", project).out.strip() == "ok"


def test_a_truly_full_disk_part_way(tmp_path: Path, small_disk: Path) -> None:
    with Project.create(small_disk / "review.realist") as project:
        files = _texts(tmp_path, 6, words=40_000)
        fill(small_disk, leave=700_000)
        report = import_files(project, files)
        assert 0 < len(report.imported) < 6
        assert report.stopped.startswith("the disk is full") and "free some space" in report.stopped
        assert report.progress_line == f"{len(report.imported)} of 6 imported"
        assert len(list_documents(project)) == len(report.imported)
    shutil.rmtree(small_disk / "review.realist-backups", ignore_errors=True)


def test_nothing_imported_yet_is_still_a_plain_error(tmp_path: Path) -> None:
    """The very first file failing for space: "nothing was changed" is then the truth."""
    project = tmp_path / "review.realist"
    assert run_cli("new", project).code == 0
    files = _texts(tmp_path, 2, words=80_000)
    result = run_cli_limited("import", project, *files, max_file_bytes=400_000)
    assert result.code == 1 and "nothing was changed" in result.err, result
    assert _names(project) == []


def test_the_domain_raises_when_nothing_was_kept(empty_project: Project, tmp_path: Path) -> None:
    from typing import Any

    from sqlalchemy import event

    def cap(dbapi: Any, _record: Any) -> None:
        pages = dbapi.execute("PRAGMA page_count").fetchone()[0]
        dbapi.execute(f"PRAGMA max_page_count={pages + 2}")

    event.listen(empty_project.db.engine, "connect", cap)
    empty_project.db.engine.dispose()
    with pytest.raises(DiskFull):
        import_files(empty_project, _texts(tmp_path, 2))
