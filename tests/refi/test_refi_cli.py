"""The REFI-QDA commands through the real command line: output, exit codes, one-line errors."""

from __future__ import annotations

import zipfile
from pathlib import Path

from coding.project import Project
from tests.conftest import run_cli
from tests.refi.samples import CODE, CODEBOOK, SOURCE, TEXT, project_xml, write_qdpx, xmlns


def _one_line_failure(result_code: int, err: str, *needles: str) -> None:
    assert result_code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("realist-coder: ")
    for needle in needles:
        assert needle in lines[0], lines[0]


def test_export_then_import_a_project(demo_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "demo.qdpx"
    exported = run_cli("export-qdpx", demo_path, out)
    assert exported.code == 0, exported.err
    assert exported.out.startswith("exported ") and str(out) in exported.out
    assert zipfile.is_zipfile(out)
    target = tmp_path / "back.realist"
    imported = run_cli("import-qdpx", out, target)
    assert imported.code == 0, imported.err
    assert imported.out.startswith(f"created {target} with ") and imported.err == ""
    assert target.is_file()
    again = run_cli("import-qdpx", out, target)  # the target exists: refused, untouched
    _one_line_failure(again.code, again.err, str(target), "already exists")


def test_import_reports_what_it_could_not_bring_over(tmp_path: Path) -> None:
    audio = ('<AudioSource guid="11111111-2222-4333-8444-555555555555" name="Tape" '
             'path="internal://tape.mp3"/>')
    qde = project_xml().replace("</Sources>", audio + "</Sources>")
    write_qdpx(tmp_path / "in.qdpx", qde, {f"sources/{SOURCE}.txt": TEXT})
    result = run_cli("import-qdpx", tmp_path / "in.qdpx", tmp_path / "out.realist")
    assert result.code == 0, result.err
    assert "1 coded excerpts" in result.out
    assert "not imported: Tape: AudioSource" in result.out


def test_import_of_a_bad_file_fails_in_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.qdpx"
    bad.write_text("not a zip")
    result = run_cli("import-qdpx", bad, tmp_path / "new.realist")
    _one_line_failure(result.code, result.err, "bad.qdpx", "not a REFI-QDA project")
    slip = write_qdpx(tmp_path / "slip.qdpx", project_xml(), {"../evil.txt": "x"})
    result = run_cli("import-qdpx", slip, tmp_path / "new.realist")
    _one_line_failure(result.code, result.err, "slip.qdpx", "outside the archive")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.qdpx", "slip.qdpx"]


def test_export_of_a_bad_project_fails_in_one_line(tmp_path: Path) -> None:
    fake = tmp_path / "fake.realist"
    fake.write_text("not sqlite")
    for command in ("export-qdpx", "export-qdc"):
        result = run_cli(command, fake, tmp_path / "out")
        _one_line_failure(result.code, result.err, "fake.realist")
    assert not (tmp_path / "out").exists()


def test_export_into_a_missing_folder_fails_in_one_line(demo_path: Path, tmp_path: Path) -> None:
    result = run_cli("export-qdc", demo_path, tmp_path / "no" / "such" / "book.qdc")
    _one_line_failure(result.code, result.err)


def test_codebook_export_and_import(demo_path: Path, tmp_path: Path) -> None:
    book = tmp_path / "book.qdc"
    exported = run_cli("export-qdc", demo_path, book)
    assert exported.code == 0, exported.err
    count = int(exported.out.split()[1])
    assert exported.out.strip() == f"exported {count} codes to {book}" and count > 0
    Project.create(tmp_path / "empty.realist").close()
    imported = run_cli("import-qdc", tmp_path / "empty.realist", book)
    assert imported.code == 0, imported.err
    assert imported.out.strip() == f"added {count} codes from {book}"
    again = run_cli("import-qdc", tmp_path / "empty.realist", book)
    assert again.out.strip() == f"added 0 codes from {book}"  # same GUIDs are not doubled


def test_codebook_import_of_bad_files(demo_path: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.qdc"
    bad.write_text("<CodeBook><Codes>")
    result = run_cli("import-qdc", demo_path, bad)
    _one_line_failure(result.code, result.err, "bad.qdc", "not well-formed XML")
    wrong = tmp_path / "wrong.qdc"
    wrong.write_text(CODEBOOK.format(xmlns=xmlns(""), code=CODE, child=CODE)
                     .replace("CodeBook", "Whatever"))
    result = run_cli("import-qdc", demo_path, wrong)
    _one_line_failure(result.code, result.err, "wrong.qdc", "not <CodeBook>")
    result = run_cli("import-qdc", tmp_path / "missing.realist", bad)
    _one_line_failure(result.code, result.err, "missing.realist")
