"""Annotations and regions from the command line, as a script uses them: list, add, edit, delete
notes; code and uncode a rectangle of a PDF page."""

from __future__ import annotations

from pathlib import Path

import pytest

from coding.annotations import list_all_annotations
from coding.project import Project
from tests.coding.test_cli import assert_one_line_failure
from tests.conftest import run_cli, run_main


def test_annotations_added_listed_edited_and_deleted(
        demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = demo_path
    added = run_main(capsys, "annotation", "add", p, "04_Kinship_study", "Check the second site",
                     "--text", "trust took weeks to build")
    assert added.code == 0, added.err
    note_id = int(added.out.split()[2])
    listed = run_main(capsys, "annotations", p, "04_Kinship_study").out.splitlines()
    assert listed[0].split("\t") == ["id", "document", "start", "end", "page", "author", "note"]
    row = next(line.split("\t") for line in listed[1:] if line.startswith(f"{note_id}\t"))
    assert row[1] == "04_Kinship_study" and row[4] == "1" and row[6] == "Check the second site"

    assert run_main(capsys, "annotation", "edit", p, note_id, "Both sites said so").code == 0
    with Project.open(p, readonly=True) as project:
        [note] = [n for n in list_all_annotations(project) if n.id == note_id]
    assert note.text == "Both sites said so"
    everything = run_main(capsys, "annotations", p).out
    assert "Both sites said so" in everything

    assert run_main(capsys, "annotation", "delete", p, note_id).code == 0
    assert "Both sites said so" not in run_main(capsys, "annotations", p).out


def test_bad_annotation_commands_fail_in_one_line(demo_path: Path) -> None:
    assert_one_line_failure(run_cli("annotation", "edit", demo_path, 999, "x"),
                            "no annotation with id 999")
    assert_one_line_failure(run_cli("annotation", "edit", demo_path, 1, " "),
                            "an annotation needs some text")
    assert_one_line_failure(run_cli("annotation", "add", demo_path, "04_Kinship_study", "x",
                                    "--text", "not in the text at all"), "is not in the document")


def test_regions_coded_and_uncoded_from_the_command_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.coding.test_regions import PHRASE, REAL, _box_around

    p = tmp_path / "r.realist"
    notes = tmp_path / "notes.txt"
    notes.write_text("Plain notes.\n", encoding="utf-8")
    for args in (("new", p), ("import", p, REAL, notes), ("node", "add", p, "Figures")):
        assert run_main(capsys, *args).code == 0
    with Project.open(p) as project:
        box = _box_around(project, 1, PHRASE)
    where = ["--region", box.page, box.left, box.bottom, box.right, box.top]
    coded = run_main(capsys, "code", p, "cermine_test3", "Figures", *where)
    assert coded.code == 0 and "1 reference(s) created" in coded.out, coded.err
    out = tmp_path / "x.csv"
    assert run_main(capsys, "export-csv", p, out).code == 0
    assert PHRASE in out.read_text(encoding="utf-8")
    gone = run_main(capsys, "uncode", p, "cermine_test3", "Figures", *where)
    assert gone.code == 0 and "uncoded 1 region(s)" in gone.out
    assert_one_line_failure(run_cli("code", p, "notes", "Figures", *where), "is not a PDF")
