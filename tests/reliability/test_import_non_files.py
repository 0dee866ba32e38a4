"""Issue 18, point 10: `import` refuses FIFOs, devices and anything not a regular file, and caps
the bytes it reads.

The reproduction: importing a FIFO hung for ever; a symlink to /dev/zero grew the import to
6.3 GB in 20 seconds. Every reader of a user's file now opens it through importers/source.py.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from coding.documents import import_files, list_documents
from coding.project import Project
from importers.base import ImporterError
from importers.source import MAX_DOCUMENT_BYTES, read_source
from tests.conftest import run_cli


@pytest.fixture
def strangers(tmp_path: Path) -> dict[str, Path]:
    fifo = tmp_path / "interview.txt"
    os.mkfifo(fifo)
    zero = tmp_path / "endless.txt"
    zero.symlink_to("/dev/zero")
    huge = tmp_path / "huge.pdf"
    with huge.open("wb") as fh:  # sparse: no disk used
        fh.truncate(MAX_DOCUMENT_BYTES + 1)
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    return {"fifo": fifo, "device": zero, "huge": huge, "folder": folder}


def test_the_cli_refuses_each_in_one_line_and_goes_on(demo_path: Path, tmp_path: Path,
                                                      strangers: dict[str, Path]) -> None:
    good = tmp_path / "good.txt"
    good.write_text("a real interview", encoding="utf-8")
    link = tmp_path / "linked.txt"
    link.symlink_to(good.name)  # a symlink to a document is a document
    result = run_cli("import", demo_path, *strangers.values(), "/dev/null", good, link)
    assert result.code == 1
    errors = result.err.strip().splitlines()
    assert len(errors) == 5, errors
    assert "interview.txt: is a pipe (FIFO), not a regular file" in errors[0]
    assert "endless.txt: is a device, not a regular file" in errors[1]
    assert "huge.pdf: is 512 MB, more than the 512 MB" in errors[2]
    assert "folder.txt: is a folder" in errors[3] and "is a device" in errors[4]
    assert "imported good.txt" in result.out and "imported linked.txt" in result.out


def test_the_domain_never_blocks_or_reads_without_end(empty_project: Project,
                                                      strangers: dict[str, Path]) -> None:
    report = import_files(empty_project, list(strangers.values()))
    assert [p for p, _ in report.failed] == list(strangers.values())
    assert list_documents(empty_project) == []


@pytest.mark.parametrize("command", ["import-qdpx", "import-qdc", "model", "attributes"])
def test_every_reader_of_a_users_file_refuses_a_fifo(demo_path: Path, tmp_path: Path,
                                                     command: str) -> None:
    fifo = tmp_path / "input.fifo"
    os.mkfifo(fifo)
    args = {"import-qdpx": ["import-qdpx", fifo, tmp_path / "new.realist"],
            "import-qdc": ["import-qdc", demo_path, fifo],
            "model": ["model", "import", demo_path, fifo],
            "attributes": ["attributes", "import", demo_path, fifo, "--scope", "document"]}
    result = run_cli(*args[command])
    assert result.code == 1 and "is a pipe (FIFO)" in result.err, result


def test_the_cap_holds_for_a_file_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"x" * 11)
    assert read_source(path, 11) == b"x" * 11
    with pytest.raises(ImporterError, match="more than the 10 bytes"):
        read_source(path, 10)
