"""Issue 15 through the real command line: the evidence rule, theory history, the diagram and
configuration candidates, on copies of the demo project."""

from __future__ import annotations

from pathlib import Path

import pytest

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


def test_theory_history_with_reasons_and_the_appendix(demo_path: Path, tmp_path: Path) -> None:
    import docx

    edited = run_cli("theory", "edit", demo_path, "T4", "--statement", "If trust builds, "
                     "confidence grows.", "--reason", "Kinship study: trust is the mechanism")
    assert edited.code == 0, edited.err
    assert run_cli("theory", "element", demo_path, "T1", "context", "No family nearby",
                   "--reason", "Harbour evaluation").code == 0
    assert run_cli("theory", "status", demo_path, "N2", "partial", "--rationale",
                   "Only the context").code == 0
    assert run_cli("theory", "delete", demo_path, "N3", "--reason", "never evidenced").code == 0
    shown = run_cli("theory", "history", demo_path, "T4")
    assert shown.code == 0, shown.err
    lines = shown.out.splitlines()
    assert lines[0] == "T4 (Positive impact): refined"
    assert lines[1].startswith("Initial wording: If a mother is supported over several weeks")
    table = rows("\n".join(lines[2:]))
    assert table[0] == ["date_utc", "change", "reason"]
    changes = {r[1].split(":")[0]: r[2] for r in table[1:]}
    assert changes["statement edited"] == "Kinship study: trust is the mechanism"
    assert changes["created — Topic"] == "imported from model.csv"
    deleted = run_cli("theory", "history", demo_path, "N3").out.splitlines()
    assert deleted[0] == "N3: deleted" and deleted[-1].endswith("never evidenced")
    n2 = run_cli("theory", "history", demo_path, "N2").out
    assert "status set to partial\tOnly the context" in n2
    assert_one_line_failure(run_cli("theory", "history", demo_path, "Z9"), "no theory labelled")

    bad = run_cli("model", "export", demo_path, tmp_path / "m.docx", "--history",
                  tmp_path / "h.txt")
    assert_one_line_failure(bad, ".docx or .csv")
    assert not (tmp_path / "m.docx").exists()  # refused before anything was written
    out = run_cli("model", "export", demo_path, tmp_path / "m.docx", "--history",
                  tmp_path / "h.docx")
    assert out.code == 0, out.err
    assert out.out.splitlines()[-1] == f"wrote the development of 8 theories to {tmp_path / 'h.docx'}"
    appendix = docx.Document(str(tmp_path / "h.docx"))
    headings = [p.text for p in appendix.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == "Programme theories" and headings[-2:] == [
        "Theories removed during the review", "N3"]
    texts = [p.text for p in appendix.paragraphs]
    assert "Final status: partly supported: no evidence for context 'No family nearby'" in texts
    t4 = appendix.tables[3]
    assert any(row.cells[2].text == "Kinship study: trust is the mechanism" for row in t4.rows)


def test_model_diagram_writes_vector_svg_and_png_without_a_screen(
        demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import xml.etree.ElementTree as ET

    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):  # the child has no screen
        monkeypatch.delenv(name, raising=False)
    svg = tmp_path / "model.svg"
    made = run_cli("model", "diagram", demo_path, svg, "--topic", "Negative impact")
    assert made.code == 0, made.err
    assert made.out.strip() == f"drew 4 configurations in 1 topic(s) to {svg}"
    root = ET.parse(svg).getroot()
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("viewBox", "").startswith("0 0 462 ")  # points: A4 text width
    texts = ["".join(t.itertext()) for t in root.iter(f"{ns}text")]
    assert "Negative impact" in texts and "Feels worse" in texts  # text as text
    assert "Take-up of support" not in texts
    assert "MASKING DIFFICULTIES" in texts  # N4 is new: capitals, as in the final model
    assert any(t.tag == f"{ns}polyline" for t in root.iter())  # struck text: a line over it
    png = tmp_path / "model.png"
    made = run_cli("model", "diagram", demo_path, png, "--min-relevance", "high", "--dpi", "100")
    assert made.code == 0, made.err
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert_one_line_failure(run_cli("model", "diagram", demo_path, tmp_path / "m.pdf"),
                            ".svg or .png")
    assert_one_line_failure(run_cli("model", "diagram", demo_path, svg, "--topic", "Nope"),
                            "no topic 'Nope'")


def test_candidates_list_export_and_adopt(demo_path: Path, tmp_path: Path) -> None:
    import csv

    listed = run_cli("candidates", demo_path)
    assert listed.code == 0, listed.err
    table = rows(listed.out)
    assert table[0] == ["context", "mechanism", "outcome", "documents", "interventions",
                        "in_model", "candidate"]
    assert table[1:] == [["Contexts/Mother fears being judged",
                          "Mechanisms/Expects to be understood by someone who has been there",
                          "Outcomes/Takes up support", "1", "#1", "T1", "no"]]
    out = tmp_path / "candidates.csv"
    made = run_cli("candidates", demo_path, "--mode", "document", "--candidates-only", "--csv",
                   out)
    assert made.out.strip() == f"wrote 17 triples (17 candidates) to {out}"
    with out.open(encoding="utf-8") as fh:
        found = list(csv.DictReader(fh))
    assert {r["candidate"] for r in found} == {"yes"}
    assert found[0]["document_names"] == "01_Harbour_peer_visits_evaluation"
    assert rows(run_cli("candidates", demo_path, "--mode", "document", "--min-documents",
                        "2").out) == [table[0]]
    adopted = run_cli("candidates", demo_path, "--mode", "document", "--adopt", "N5",
                      "--topic", "Negative impact", "--context",
                      "Contexts/Mother fears being judged", "--outcome", "Outcomes/Feels worse",
                      "--reason", "seen in the Harbour evaluation")
    assert adopted.code == 0, adopted.err
    assert adopted.out.strip() == ("added configuration N5 with 2 element(s) and 2 supporting "
                                   "excerpt(s) coded to it")
    assert statuses(demo_path)["N5"] == "new"
    assert "seen in the Harbour evaluation" in run_cli("theory", "history", demo_path, "N5").out
    assert_one_line_failure(run_cli("candidates", demo_path, "--adopt", "N6"), "--topic")
    assert_one_line_failure(run_cli("candidates", demo_path, "--context", "Contexts/X"),
                            "go with --adopt")
    assert_one_line_failure(run_cli("candidates", demo_path, "--min-documents", "0"),
                            "1 or more")
    assert run_cli("candidates", demo_path, "--mode", "sentence").code == 2
