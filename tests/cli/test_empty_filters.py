"""A filter or target that names nothing is an error, as a node or document not found is."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.helpers import content, one_line_failure
from tests.conftest import run_main


@pytest.mark.parametrize("command", ["coverage", "matrix"])
def test_a_topic_not_in_the_project_fails(capsys: pytest.CaptureFixture[str], demo_path: Path,
                                          command: str) -> None:
    result = run_main(capsys, command, demo_path, "--topic", "Take-up of supportt")
    one_line_failure(result, "no topic 'Take-up of supportt' (the project's topics: ")  # was an empty table
    assert "Take-up of support" in result.err  # the topics there are, to choose from


def test_a_topic_is_found_whatever_its_case(capsys: pytest.CaptureFixture[str],
                                            demo_path: Path) -> None:
    exact = run_main(capsys, "coverage", demo_path, "--topic", "Take-up of support")
    other_case = run_main(capsys, "coverage", demo_path, "--topic", "TAKE-UP OF SUPPORT")
    assert exact.code == other_case.code == 0
    assert other_case.out == exact.out
    assert "Takes up support" in exact.out  # the topic's outcome: rows, not an empty table


def test_import_into_an_intervention_with_no_name_fails(
        capsys: pytest.CaptureFixture[str], demo_path: Path, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("A line.\n", encoding="utf-8")
    result = run_main(capsys, "import", demo_path, notes, "--case", "")
    one_line_failure(result, "an intervention needs a name")  # was imported into none
    assert "notes" not in run_main(capsys, "documents", demo_path).out


@pytest.mark.parametrize(("args", "reason"), [
    (("search", "{p}", "volunteer", "--code", ""), "node path '' has an empty part"),
    (("candidates", "{p}", "--adopt", "", "--topic", "Take-up of support", "--context",
      "Contexts/Rural area"), "a theory needs a label"),
])
def test_an_empty_target_is_refused_not_ignored(capsys: pytest.CaptureFixture[str],
                                                demo_path: Path, args: tuple[str, ...],
                                                reason: str) -> None:
    before = content(demo_path)
    result = run_main(capsys, *(str(demo_path) if a == "{p}" else a for a in args))
    one_line_failure(result, reason)  # was a plain search, a plain list of candidates
    assert content(demo_path) == before
