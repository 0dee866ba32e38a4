"""The realist commands through the real command line, on real project files."""

from __future__ import annotations

import csv
from pathlib import Path

import docx
import pytest

from coding.cli import main
from tests.coding.test_cli import assert_one_line_failure
from tests.conftest import REPO, run_cli

DEMO = REPO / "resources" / "demo"


def rows(out: str) -> list[list[str]]:
    return [line.split("\t") for line in out.strip().splitlines()]


def test_model_import_theories_status_and_export(tmp_path: Path) -> None:
    project = tmp_path / "review.realist"
    assert run_cli("new", project).code == 0
    result = run_cli("model", "import", project, DEMO / "model.csv")
    assert result.code == 0, result.err
    assert result.out.startswith("imported 7 theories: T1, T2")
    again = run_cli("model", "import", project, DEMO / "model.csv")
    assert_one_line_failure(again, "line 2: theory T1 already exists")

    added = run_cli("theory", "add", project, "X1", "--topic", "Negative impact", "--origin",
                    "new", "--context", "Feels watched", "--mechanism", "Fear of reporting")
    assert added.code == 0, added.err
    listing = rows(run_cli("theories", project, "--partial").out)
    assert listing[0][:5] == ["label", "topic", "origin", "status", "partial"]
    assert [r[0] for r in listing[1:]] == ["X1"] and listing[1][3] == "new — no evidence yet"

    assert_one_line_failure(run_cli("theory", "status", project, "T1", "supported"), "rationale")
    ok = run_cli("theory", "status", project, "T1", "supported", "--rationale", "Seen in a thesis")
    assert ok.code == 0, ok.err
    status = {r[0]: r[3] for r in rows(run_cli("theories", project).out)[1:]}
    assert status["T1"] == "supported (override)" and status["T2"] == "unsupported"
    assert run_cli("theory", "status", project, "T1", "--clear").code == 0
    refine = run_cli("theory", "element", project, "T2", "mechanism", "Trusts a peer")
    assert refine.code == 0, refine.err
    status = {r[0]: r[3] for r in rows(run_cli("theories", project).out)[1:]}
    # issue 15: a refinement with no evidence of its own does not make T2 "refined"
    assert status["T1"] == "unsupported" and status["T2"] == "unsupported"

    out, model_csv = tmp_path / "final.docx", tmp_path / "final.csv"
    exported = run_cli("model", "export", project, out, "--csv", model_csv)
    assert exported.code == 0, exported.err
    assert any(p.runs and p.runs[0].text == "X1. " for p in docx.Document(str(out)).paragraphs)
    with model_csv.open(encoding="utf-8") as fh:
        assert {r["label"]: r["status"] for r in csv.DictReader(fh)}["X1"] == "new"
    assert_one_line_failure(run_cli("theories", tmp_path / "missing.realist"), "missing.realist")


def test_rate_cases_attributes_interventions_and_appraise(demo_path: Path, tmp_path: Path) -> None:
    refs = tmp_path / "refs.csv"
    assert run_cli("export-csv", demo_path, refs).code == 0
    rated = run_cli("rate", demo_path, "1", "--relevance", "high", "--rigour", "low",
                    "--note", "small sample")
    assert rated.code == 0, rated.err
    assert rated.out.strip() == "reference 1: relevance high, rigour low"
    assert_one_line_failure(run_cli("rate", demo_path, "99999", "--relevance", "high"),
                            "no reference")
    high = rows(run_cli("theories", demo_path, "--min-relevance", "high").out)
    assert {r[0]: r[3] for r in high[1:]}["N2"] == "unsupported"
    circle = rows(run_cli("theories", demo_path, "--intervention", "#3").out)
    assert {r[0]: r[8] for r in circle[1:]} == {
        "T1": "", "T2": "", "T3": "#3", "T4": "", "N1": "", "N2": "#3", "N3": "", "N4": ""}

    assert run_cli("case", "add", demo_path, "Helpline", "--number", "9").code == 0
    assert_one_line_failure(run_cli("case", "add", demo_path, "Helpline"), "already exists")
    assert run_cli("case", "assign", demo_path, "04_Kinship_study", "#9").code == 0
    cases = rows(run_cli("case", "list", demo_path).out)
    assert cases[-1][:3] == ["#9", "Helpline", "1"]
    sheet = tmp_path / "cases.csv"
    sheet.write_text("intervention,funding\n#9,charity\n", encoding="utf-8")
    assert run_cli("attributes", "import", demo_path, sheet, "--scope", "case").code == 0
    table = tmp_path / "table2.csv"
    assert run_cli("interventions", demo_path, "--csv", table).code == 0
    with table.open(encoding="utf-8") as fh:
        last = list(csv.DictReader(fh))[-1]
    assert (last["number"], last["funding"], last["document"]) == ("#9", "charity",
                                                                   "04_Kinship_study")

    appraised = run_cli("appraise", demo_path, "01_Harbour_peer_visits_evaluation",
                        "--category", "qualitative", "--answer", "S1=yes", "--answer", "1.2=no")
    assert appraised.code == 0, appraised.err
    assert "Qualitative, 0/5 criteria met" in appraised.out
    commented = run_cli("appraise", demo_path, "01_Harbour_peer_visits_evaluation", "--answer",
                        "1.3=cant_tell:themes asserted: no quotes", "--answer", "1.1=yes")
    assert commented.code == 0, commented.err
    criteria = {r[0]: r for r in rows("\n".join(commented.out.splitlines()[1:]))[1:]}
    assert criteria["1.3"][2:] == ["cant_tell", "themes asserted: no quotes"]
    assert criteria["1.2"][2] == "no" and criteria["1.1"][2:] == ["yes", ""]
    assert "1/5 criteria met" in commented.out
    assert_one_line_failure(run_cli("appraise", demo_path, "03_Circle_groups_report",
                                    "--answer", "S1=yes"), "give --category")
    assert_one_line_failure(run_cli("appraise", demo_path, "04_Kinship_study", "--answer",
                                    "1.1"), "QUESTION=ANSWER")


def test_every_realist_subcommand_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    """In-process (the same parser), so fourteen --help runs cost no child processes."""
    for command in (["model", "import"], ["model", "export"], ["model", "export-csv"],
                    ["theories"], ["theory", "add"], ["theory", "show"], ["theory", "status"],
                    ["theory", "element"], ["theory", "edit"], ["theory", "delete"], ["rate"], ["case", "add"], ["case", "list"],
                    ["case", "assign"], ["attributes", "import"], ["interventions"],
                    ["appraise"]):
        with pytest.raises(SystemExit) as exit_info:
            main([*command, "--help"])
        assert exit_info.value.code == 0, command
        assert "usage: realist-coder" in capsys.readouterr().out, command


def test_theory_show_lists_documents_for_each_part(demo_path: Path) -> None:
    result = run_cli("theory", "show", demo_path, "T3")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "T3 (Positive impact; initial): supported"
    table = {(r[0], r[1]): r for r in rows("\n".join(lines[2:]))[1:]}
    assert table[("mechanism", "(all evidence for this part)")][3] == "#1, #2, #3"
    assert table[("whole", "(coded to the theory itself)")][4] == "03_Circle_groups_report"
    assert table[("context", "Peer shares own experience")][5] == "0"
    assert_one_line_failure(run_cli("theory", "show", demo_path, "T99"), "no theory labelled")


def test_theory_edit_and_delete(demo_path: Path) -> None:
    edited = run_cli("theory", "edit", demo_path, "N3", "--label", "N3b", "--topic",
                     "Mismatch", "--statement", "If matched badly, then withdraws.")
    assert edited.code == 0, edited.err
    assert edited.out.strip() == "N3: updated, now N3b"
    shown = run_cli("theory", "show", demo_path, "N3b")
    assert shown.out.splitlines()[:2] == ["N3b (Mismatch; initial): unsupported",
                                         "If matched badly, then withdraws."]
    nodes = run_cli("nodes", demo_path).out
    assert "Programme theories/Mismatch/N3b" in nodes and "Negative impact/N3\t" not in nodes
    assert_one_line_failure(run_cli("theory", "edit", demo_path, "T1", "--label", "T2"),
                            "theory T2 already exists")
    assert_one_line_failure(run_cli("theory", "edit", demo_path, "T1"), "give --label")
    deleted = run_cli("theory", "delete", demo_path, "N3b")
    assert deleted.code == 0, deleted.err
    labels = [r[0] for r in rows(run_cli("theories", demo_path).out)[1:]]
    assert labels == ["T1", "T2", "T3", "T4", "N1", "N2", "N4"]
    assert "Mechanisms/Feels misunderstood by the peer" in run_cli("nodes", demo_path).out
    assert_one_line_failure(run_cli("theory", "delete", demo_path, "N3b"), "no theory labelled")


def test_model_export_writes_the_evidence_tables_as_csv(demo_path: Path, tmp_path: Path) -> None:
    assert run_cli("theory", "status", demo_path, "T4", "supported", "--rationale",
                   "The refinement is minor").code == 0
    out, evidence = tmp_path / "final.docx", tmp_path / "evidence.csv"
    result = run_cli("model", "export", demo_path, out, "--evidence-csv", evidence,
                     "--min-rigour", "moderate")
    assert result.code == 0, result.err
    with evidence.open(encoding="utf-8") as fh:
        table = list(csv.DictReader(fh))
    assert result.out.splitlines()[-1] == f"wrote {len(table)} excerpts to {evidence}"
    assert list(table[0]) == ["theory", "topic", "status", "part", "node", "document",
                              "intervention", "pages", "relevance", "rigour", "rating_note",
                              "excerpt", "status_rationale", "status_detail", "evidence_rule"]
    assert {r["rigour"] for r in table} <= {"high", "moderate"}  # the filter reached it
    t4 = [r for r in table if r["theory"] == "T4"]
    assert t4 and t4[0]["excerpt"] == "felt understood without having to explain"
    assert (t4[0]["part"], t4[0]["pages"], t4[0]["intervention"]) == (
        "mechanism", "p. 1", "#4 Kinship peer workers")
    assert all(r["status"] == "supported" and
               r["status_rationale"] == "The refinement is minor" for r in t4)
    assert all(r["status_rationale"] == "" for r in table if r["theory"] != "T4")
