"""Issue 18, point 1: an output path that is the project (or its companions, a backup, an input)
is refused in one line before anything is written.

The reproduction: `coverage P --csv P` exited 0 ("wrote 44 rows") and the project was gone; the
same with export-xlsx, export-qdpx, model export-csv and report; export-csv emptied it.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from coding.backups import backup_now, restore_backup
from coding.exports.csv_export import export_references_csv
from coding.project import Project
from storage.output_files import UnsafeOutput, check_output
from tests.conftest import run_cli, run_main


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _folder_state(folder: Path) -> dict[str, str]:
    return {p.name: _digest(p) for p in sorted(folder.iterdir()) if p.is_file()}


# Every writing command, with OUT standing for the path under test.
WRITERS = [
    ("coverage", "{P}", "--csv", "{OUT}"),
    ("matrix", "{P}", "--csv", "{OUT}"),
    ("search", "{P}", "support", "--csv", "{OUT}"),
    ("cooccur", "{P}", "Contexts", "Outcomes", "--csv", "{OUT}"),
    ("export-csv", "{P}", "{OUT}"),
    ("export-xlsx", "{P}", "{OUT}"),
    ("export-qdpx", "{P}", "{OUT}"),
    ("export-qdc", "{P}", "{OUT}"),
    ("model", "export", "{P}", "{OUT}"),
    ("model", "export", "{P}", "{DOCX}", "--csv", "{OUT}"),
    ("model", "export", "{P}", "{DOCX}", "--evidence-csv", "{OUT}"),
    ("model", "export-csv", "{P}", "{OUT}"),
    ("report", "{P}", "Contexts", "{OUT}"),
    ("codebook", "{P}", "{OUT}"),
    ("interventions", "{P}", "--csv", "{OUT}"),
    ("backup", "restore", "{P}", "1", "--to", "{OUT}"),  # refused as an existing file
    ("model", "export", "{P}", "{DOCX}", "--history", "{OUT}"),
    ("model", "diagram", "{P}", "{OUT}"),
    ("candidates", "{P}", "--csv", "{OUT}"),
    ("compare", "{P}", "--coders", "A", "B", "--csv", "{OUT}"),
    ("page-image", "{P}", "04_Kinship_study", "1", "{OUT}"),
]


@pytest.mark.parametrize("command", WRITERS, ids=lambda c: " ".join(c[:2]))
def test_no_command_writes_over_its_own_project(
    demo_path: Path, command: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    backup_now(demo_path)
    folder = demo_path.parent
    (folder / "a.docx").write_bytes(b"x")
    before = _folder_state(folder)
    args = [a.format(P=demo_path, OUT=demo_path, DOCX=folder / "a.docx") for a in command]
    result = run_main(capsys, *args)
    assert result.code == 1, result
    lines = result.err.strip().splitlines()
    assert len(lines) == 1
    assert ("Realist Coder project" in lines[0] and "not written" in lines[0]
            or "already exists" in lines[0])
    assert _folder_state(folder) == before
    assert run_main(capsys, "check", demo_path).out.strip() == "ok"


@pytest.mark.parametrize("suffix", ["-wal", "-shm", "-journal", ".lock"])
def test_the_projects_companion_files_are_refused_even_before_they_exist(
    demo_path: Path, suffix: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = Path(f"{demo_path}{suffix}")
    result = run_main(capsys, "export-csv", demo_path, out)
    assert result.code == 1 and "of the project demo.realist" in result.err
    assert not out.exists()
    shouted = demo_path.with_name(demo_path.name.upper() + suffix)  # a case-insensitive disk
    assert run_main(capsys, "coverage", demo_path, "--csv", shouted).code == 1
    created = run_main(capsys, "new", out)  # nor is a new project made there
    assert created.code == 1 and "of the project demo.realist" in created.err
    assert not out.exists()


def test_a_symlink_or_a_hard_link_to_the_project_is_the_project(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = demo_path.with_name("innocent.csv")
    link.symlink_to(demo_path.name)
    hard = demo_path.with_name("copy.csv")
    os.link(demo_path, hard)
    digest = _digest(demo_path)
    for out in (link, hard, demo_path.parent / "." / demo_path.name):
        result = run_main(capsys, "export-csv", demo_path, out)
        assert result.code == 1 and "Realist Coder project" in result.err, result
    assert "leads to" in run_main(capsys, "export-csv", demo_path, link).err
    assert _digest(demo_path) == digest and link.is_symlink()


def test_backups_and_other_projects_are_refused(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = backup_now(demo_path).path
    other = tmp_path / "other"
    other.mkdir()
    stranger = other / "review.realist"
    stranger.write_bytes(demo_path.read_bytes())
    for out in (backup, backup.parent / "new.csv", stranger):
        result = run_main(capsys, "export-csv", demo_path, out)
        assert result.code == 1 and "not written" in result.err, result
    assert not (backup.parent / "new.csv").exists()


def test_inputs_and_outputs_of_one_command_are_told_apart(demo_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "model.docx"
    result = run_cli("model", "export", demo_path, out, "--csv", out)
    assert result.code == 1 and "another output of this command" in result.err
    assert not out.exists()
    qdpx = tmp_path / "p.qdpx"
    assert run_cli("export-qdpx", demo_path, qdpx).code == 0
    result = run_cli("import-qdpx", qdpx, f"{qdpx}-journal")
    assert result.code == 1 and "journal of an input of this command" in result.err, result
    with pytest.raises(UnsafeOutput, match="input of this command"):
        check_output(tmp_path / "." / "notes.txt", inputs=[tmp_path / "notes.txt"])


def test_the_domain_refuses_too_for_the_app(demo: Project, tmp_path: Path) -> None:
    """The app's export dialogs call these functions: the guard lives in them, not only in
    the command line."""
    with pytest.raises(UnsafeOutput, match="Realist Coder project"):
        export_references_csv(demo, demo.path)
    with pytest.raises(UnsafeOutput, match="rollback journal"):
        restore_backup(demo.path, backup_now(demo.path).path, to=Path(f"{demo.path}-journal"))


def test_writing_to_a_device_or_a_folder(demo_path: Path, tmp_path: Path) -> None:
    result = run_cli("export-csv", demo_path, os.devnull)
    assert result.code == 0, result.err
    assert Path(os.devnull).is_char_device()
    result = run_cli("export-csv", demo_path, tmp_path)
    assert result.code == 1 and "is a folder" in result.err
