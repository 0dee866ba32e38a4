"""Numbers a user may type where an id or a number goes: too large, or not ASCII digits."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.helpers import content, one_line_failure
from tests.conftest import run_main

HUGE = "99999999999999999999"  # past SQLite's 2**63-1: binding it raised OverflowError
NODE = "Mechanisms/Feeling understood"


@pytest.mark.parametrize("args", [
    ("show", "{P}", HUGE),
    ("code", "{P}", "04_Kinship_study", HUGE, "--span", "0", "4"),
    ("case", "assign", "{P}", "04_Kinship_study", HUGE),
    ("memo", "{P}", "--intervention", HUGE),
    ("export-csv", "{P}", "{OUT}", "--intervention", HUGE),
    ("show", "{P}", "²"),  # "²".isdigit() is True, int("²") a ValueError
    ("backup", "restore", "{P}", "²"),
    ("coverage", "{P}", "--coded-by", "²"),
])
def test_a_number_that_names_no_record_is_not_found(
        capsys: pytest.CaptureFixture[str], demo_path: Path, args: tuple[str, ...]) -> None:
    before = content(demo_path)
    argv = [a.replace("{P}", str(demo_path)).replace("{OUT}", str(demo_path.parent / "x.csv"))
            for a in args]
    line = one_line_failure(run_main(capsys, *argv))
    assert "no " in line
    assert content(demo_path) == before


@pytest.mark.parametrize("args", [
    ("rate", "{P}", HUGE, "--relevance", "high"),
    ("annotation", "edit", "{P}", HUGE, "note"),
    ("annotation", "delete", "{P}", HUGE),
])
def test_an_id_too_large_is_a_usage_error(
        capsys: pytest.CaptureFixture[str], demo_path: Path, args: tuple[str, ...]) -> None:
    argv = [a.replace("{P}", str(demo_path)) for a in args]
    with pytest.raises(SystemExit) as exited:
        run_main(capsys, *argv)
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "too large to be an id" in err and "Traceback" not in err


@pytest.mark.parametrize("number", ["0", "-1", HUGE])
def test_an_intervention_number_runs_from_one(
        capsys: pytest.CaptureFixture[str], demo_path: Path, number: str) -> None:
    before = content(demo_path)
    result = run_main(capsys, "case", "add", demo_path, "Z", f"--number={number}")
    one_line_failure(result, "number is a whole number from 1")
    assert content(demo_path) == before


def test_a_huge_distance_is_as_far_as_any(capsys: pytest.CaptureFixture[str],
                                          demo_path: Path) -> None:
    args = ("cooccur", demo_path, "Contexts/Mother fears being judged",
            "Outcomes/Takes up support", "--mode", "near", "--distance")
    far = run_main(capsys, *args, "100000")
    huge = run_main(capsys, *args, HUGE)
    assert huge.code == 0, huge.err
    assert huge.out == far.out
