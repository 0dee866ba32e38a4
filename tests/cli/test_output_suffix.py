"""A file written under another suffix than its kind's is written, with a warning."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.conftest import run_main


@pytest.mark.parametrize(("args", "name", "kind"), [
    (("report", "{p}", "Outcomes/Takes up support"), "r.txt", "a Word document"),
    (("export-xlsx", "{p}"), "x.csv", "an Excel workbook"),
    (("model", "export", "{p}"), "m.doc", "a Word document"),
])
def test_a_misnamed_output_is_written_and_said(capsys: pytest.CaptureFixture[str],
                                               demo_path: Path, tmp_path: Path,
                                               args: tuple[str, ...], name: str,
                                               kind: str) -> None:
    out = tmp_path / name
    result = run_main(capsys, *(str(demo_path) if a == "{p}" else a for a in args), out)
    assert result.code == 0, result.err  # scripts that name files their own way still work
    assert f"warning: {name} is written as {kind}" in result.err
    assert zipfile.is_zipfile(out)  # what it says it is: an Office file


def test_a_well_named_output_says_nothing(capsys: pytest.CaptureFixture[str], demo_path: Path,
                                          tmp_path: Path) -> None:
    result = run_main(capsys, "report", demo_path, "Outcomes/Takes up support",
                      tmp_path / "r.DOCX")
    assert result.code == 0 and "warning" not in result.err
