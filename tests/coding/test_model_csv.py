"""The model as CSV: import a drafted model, refuse bad sheets whole, export and read back."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from coding.errors import InvalidInput
from coding.nodes import add_node
from coding.project import Project
from coding.realist.model_csv import export_model_csv, import_model
from coding.realist.theories import list_theories
from tests.conftest import REPO

HEADER = "label,topic,statement,contexts,mechanisms,outcomes\n"


def test_import_splits_elements_and_shares_nodes(empty_project: Project, tmp_path: Path) -> None:
    sheet = tmp_path / "model.csv"
    sheet.write_text(HEADER + 'T1,Take-up,"If A, then B",Rural; Alone,Feels safe,Joins\n'
                     "T2,Take-up,,Rural,,\n", encoding="utf-8")
    assert import_model(empty_project, sheet) == ["T1", "T2"]
    t1, t2 = list_theories(empty_project)
    assert [e.name for e in t1.of_role("context")] == ["Rural", "Alone"]
    assert t1.statement == "If A, then B" and t1.origin == "initial"
    assert t2.of_role("context")[0].node_id == t1.of_role("context")[0].node_id
    assert t2.is_partial and not t1.is_partial


@pytest.mark.parametrize(("body", "message"), [
    ("label,topic,statement\nT1,X,Y\n", "missing column"),
    (HEADER + "T1,,s,,,\n", "line 2"),
    (HEADER + "T1,X,s,,,\nT1,X,s,,,\n", "line 3: theory T1 already exists"),
    (HEADER.strip() + ",new_elements\nT1,X,s,Rural,Hope,,Trust\n", "new element 'Trust'"),
    (HEADER.replace(",", ";") + "T1;X;s;Rural;Hope;Joins\n", "comma delimited"),
    (HEADER + "T1,X,s,,,\nT2,X,s,,Themes,\n", "line 3: node 'Mechanisms/Themes' is a context"),
])
def test_bad_sheets_are_refused_before_anything_is_written(
    empty_project: Project, tmp_path: Path, body: str, message: str
) -> None:
    sheet = tmp_path / "model.csv"
    sheet.write_text(body, encoding="utf-8")
    add_node(empty_project, "Mechanisms/Themes", role="context")  # misfiled by hand
    with pytest.raises(InvalidInput, match=message):
        import_model(empty_project, sheet)
    assert list_theories(empty_project) == []


def test_export_round_trips_through_import(demo: Project, tmp_path: Path) -> None:
    out = tmp_path / "final.csv"
    assert export_model_csv(demo, out) == 8
    with out.open(encoding="utf-8") as fh:
        rows = {r["label"]: r for r in csv.DictReader(fh)}
    assert rows["N3"]["status"] == "unsupported" and rows["N4"]["status"] == "new"
    assert rows["N4"]["partial"] == "yes" and rows["N4"]["origin"] == "new"
    assert rows["N1"]["status"] == "partly supported"
    assert rows["N1"]["status_detail"] == "partly supported: no mechanism evidence"
    assert {r["evidence_rule"] for r in rows.values()} == {"parts"}
    assert rows["T2"]["contexts"] == "Practical barriers to attending; Rural area"
    assert rows["T3"]["interventions"] == "#1, #2, #3"
    with Project.create(tmp_path / "copy.realist") as copy:
        import_model(copy, out)
        again = {t.label: t for t in list_theories(copy)}
    original = {t.label: t for t in list_theories(demo)}
    for label, theory in original.items():
        for role in ("context", "mechanism", "outcome"):
            assert [e.name for e in again[label].of_role(role)] == [
                e.name for e in theory.of_role(role)]
        assert again[label].origin == theory.origin
        assert [(e.name, e.origin) for e in again[label].elements] == [
            (e.name, e.origin) for e in theory.elements], label  # refinements stay new
    assert rows["T4"]["new_elements"] == "Trust builds over weeks"
    assert rows["T4"]["whole_configuration_in"] == "04_Kinship_study"
    assert rows["N3"]["whole_configuration_in"] == ""


def test_demo_model_file_is_the_documented_format() -> None:
    with (REPO / "resources" / "demo" / "model.csv").open(encoding="utf-8") as fh:
        assert fh.readline().strip() == HEADER.strip()
