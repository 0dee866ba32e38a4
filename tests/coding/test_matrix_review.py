"""Matrix cells and drill-down on the hand-built project, where every answer is known."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from coding.errors import InvalidInput, NotFound
from coding.project import Project
from coding.review.matrix import build_matrix, cell_excerpts, column_specs, write_matrix_csv
from tests.coding.review_project import build_known, known_file
from tests.coding.test_cli import assert_one_line_failure
from tests.conftest import run_cli


def test_theories_by_documents(empty_project: Project, tmp_path: Path) -> None:
    p = empty_project
    k = build_known(p, tmp_path)
    m = build_matrix(p, rows="theories", columns="documents")
    cols = {c.label: c for c in m.columns}
    assert list(cols) == ["d1", "d2", "d3"]
    assert m.value(k.t1, cols["d1"], "references") == 4
    assert m.value(k.t1, cols["d1"], "coverage") == 40.0  # [0,60)+[100,120) of 200
    assert m.value(k.t1, cols["d2"], "coverage") == 20.0
    assert m.value(k.t1, cols["d3"], "references") == 0
    assert m.maximum("coverage") == 40.0
    texts = [(e.node_path, e.start, e.end) for e in cell_excerpts(p, m, k.t1, k.d1)]
    assert texts == [("Contexts/Fear", 0, 50), ("Mechanisms/Understood", 40, 60),
                     ("Contexts/Fear", 100, 120), ("Mechanisms/Understood", 100, 120)]


def test_nodes_by_interventions_and_attribute(empty_project: Project, tmp_path: Path) -> None:
    p = empty_project
    k = build_known(p, tmp_path)
    m = build_matrix(p, rows="nodes", columns="interventions")
    cols = {c.label: c for c in m.columns}
    assert list(cols) == ["#1 Scheme one", "#2 Scheme two"]
    one = cols["#1 Scheme one"]
    assert (one.documents, one.characters) == (2, 300)
    assert m.value(k.fear, one, "coverage") == 23.33  # 70 of d1 + d3
    assert m.value(k.fear, one, "documents") == 1
    design = build_matrix(p, rows="nodes", columns="attribute:Design")
    dcols = {c.label: c for c in design.columns}
    assert list(dcols) == ["Qualitative", "RCT", "(no value)"]
    assert design.value(k.fear, dcols["RCT"], "references") == 2
    assert design.value(k.other, dcols["Qualitative"], "references") == 1
    assert [e.start for e in cell_excerpts(p, design, k.other, "Qualitative")] == [5]
    out = tmp_path / "m.csv"
    write_matrix_csv(design, out, "references")
    with out.open(encoding="utf-8", newline="") as fh:
        rows = {r["node"]: r for r in csv.DictReader(fh)}
    assert rows["Contexts/Fear"]["RCT"] == "2" and rows["Other"]["Qualitative"] == "1"


def test_aggregate_rows_and_bad_specs(empty_project: Project, tmp_path: Path) -> None:
    p = empty_project
    k = build_known(p, tmp_path)
    m = build_matrix(p, rows="nodes", columns="documents", aggregate=True)
    contexts = next(r for r in m.rows if r.label == "Contexts")
    d1 = next(c for c in m.columns if c.label == "d1")
    assert m.value(contexts.id, d1, "references") == 2
    assert m.value(k.fear, d1, "coverage") == 35.0
    with pytest.raises(NotFound):
        build_matrix(p, columns="attribute:Country")
    with pytest.raises(InvalidInput):
        build_matrix(p, columns="pages")
    with pytest.raises(InvalidInput):
        build_matrix(p, rows="topics")
    with pytest.raises(InvalidInput):
        m.value(k.fear, d1, "colour")


def test_matrix_command(tmp_path: Path) -> None:
    path = known_file(tmp_path)
    out = run_cli("matrix", path, "--rows", "theories", "--cols", "documents", "--cells",
                  "coverage")
    assert out.code == 0, out.err
    assert out.out.splitlines() == ["theory\td1\td2\td3", "T1\t40\t20\t0"]
    by_case = run_cli("matrix", path, "--cols", "interventions", "--role", "context",
                      "--csv", tmp_path / "m.csv")
    assert by_case.code == 0, by_case.err
    with (tmp_path / "m.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows == [{"node": "Contexts/Fear", "#1 Scheme one": "2", "#2 Scheme two": "0"}]
    design = run_cli("matrix", path, "--cols", "attribute:Design", "--cells", "documents")
    assert "Other\t1\t0\t0" in design.out
    assert_one_line_failure(run_cli("matrix", path, "--cols", "attribute:Country"), "Country")
    assert_one_line_failure(run_cli("matrix", path, "--cols", "pages"), "pages")


def test_columns_from_an_intervention_attribute(empty_project: Project, tmp_path: Path) -> None:
    from coding.attributes import define_attribute, set_value

    p = empty_project
    k = build_known(p, tmp_path)
    define_attribute(p, "case", "Format")
    set_value(p, "case", 1, "Format", "group")
    m = build_matrix(p, rows="theories", columns="attribute:Format")
    cols = {c.label: c for c in m.columns}
    assert list(cols) == ["group", "(no value)"]
    assert (cols["group"].documents, cols["group"].characters) == (2, 300)  # d1 + d3
    assert m.value(k.t1, cols["group"], "references") == 4
    assert m.value(k.t1, cols["(no value)"], "coverage") == 20.0  # d2: 10 of 50
    assert "attribute:Format" in column_specs(p)
