"""Issue 15 through the real command line: the evidence rule, theory history, the diagram and
configuration candidates, on copies of the demo project."""

from __future__ import annotations

from pathlib import Path

from tests.coding.test_cli import assert_one_line_failure
from tests.conftest import run_cli


def rows(out: str) -> list[list[str]]:
    return [line.split("\t") for line in out.strip().splitlines()]


def statuses(project: Path) -> dict[str, str]:
    return {r[0]: r[3] for r in rows(run_cli("theories", project).out)[1:]}


def test_model_rule_shows_sets_and_refuses(demo_path: Path) -> None:
    shown = run_cli("model", "rule", demo_path)
    assert (shown.code, shown.out) == (0, "parts\tevery part evidenced somewhere in the review\n")
    assert statuses(demo_path)["N1"] == "partly supported: no mechanism evidence"
    assert run_cli("model", "rule", demo_path, "any").code == 0
    assert statuses(demo_path)["N1"] == "supported"
    assert rows(run_cli("theories", demo_path).out)[1][-1] == "any"
    assert run_cli("model", "rule", demo_path, "strict").out.strip() == (
        "evidence rule: strict (whole configuration in one document)")
    assert statuses(demo_path)["T2"] == (
        "partly supported: no evidence for context 'Practical barriers to attending'")
    bad = run_cli("model", "rule", demo_path, "loose")
    assert bad.code == 2 and "invalid choice" in bad.err
    assert_one_line_failure(run_cli("model", "rule", demo_path.with_name("nope.realist")),
                            "nope.realist")
    shown = run_cli("theory", "show", demo_path, "N1").out.splitlines()
    assert shown[0] == "N1 (Negative impact; initial): partly supported: no mechanism evidence"
    assert shown[2].startswith("Evidence rule: whole configuration in one document (strict)")
