"""Coverage numbers on a hand-built project where the right answers are known."""

from __future__ import annotations

import csv
from pathlib import Path

from coding.cases import assign_document, ensure_case
from coding.exports.csv_export import COLUMNS, export_references_csv
from coding.nodes import add_node
from coding.project import Project
from coding.references import code
from coding.review.coverage import (
    coverage_by_case,
    coverage_by_document,
    coverage_table,
    node_coverage,
)
from tests.conftest import add_text_document


def test_overlaps_count_once_and_percentages_are_exact(empty_project: Project, tmp_path: Path) -> None:
    p = empty_project
    d1 = add_text_document(p, tmp_path, "d1", "x" * 200)
    d2 = add_text_document(p, tmp_path, "d2", "y" * 50)
    a, b = add_node(p, "A"), add_node(p, "B")
    code(p, d1, 0, 50, [a])
    code(p, d1, 40, 60, [b])
    code(p, d1, 100, 120, [a, b])
    code(p, d2, 0, 10, [a])
    assign_document(p, d1, ensure_case(p, "Scheme one"))
    by_node = {c.path: c for c in node_coverage(p)}
    assert (by_node["A"].references, by_node["A"].documents, by_node["A"].characters) == (3, 2, 80)
    assert (by_node["B"].references, by_node["B"].documents, by_node["B"].characters) == (2, 1, 40)
    assert by_node["A"].cases == 1
    cells = {(c.path, c.group_name): c for c in coverage_by_document(p)}
    assert cells[("A", "d1")].percent == 35.0  # 70 of 200
    assert cells[("A", "d2")].percent == 20.0  # 10 of 50
    assert cells[("B", "d1")].percent == 20.0
    by_case = {(c.path, c.group_name): c for c in coverage_by_case(p)}
    assert by_case[("A", "#1 Scheme one")].references == 2
    assert by_case[("A", "(no intervention)")].documents == 1


def test_csv_round_trip_with_hostile_text(empty_project: Project, tmp_path: Path) -> None:
    p = empty_project
    text = 'He said, "yes"\nthen 𝑥 =SUM(A1) and -1 @x done'
    doc = add_text_document(p, tmp_path, "q", text)
    node = add_node(p, "N")
    code(p, doc, 0, 14, [node])
    code(p, doc, text.index("=SUM"), text.index(" and"), [node])
    out = tmp_path / "out.csv"
    assert export_references_csv(p, out, bom=True) == 2
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0].keys()) == COLUMNS
    assert rows[0]["excerpt"] == 'He said, "yes"'
    assert rows[1]["excerpt"] == "'=SUM(A1)"  # formula neutralised
    assert rows[0]["start"] == "0" and rows[0]["end"] == "14"


def test_folders_are_the_paths_with_nodes_under_them(tmp_path: Path) -> None:
    from coding.review.coverage import folder_labels
    from tests.coding.review_project import build_known

    with Project.create(tmp_path / "f.realist") as p:
        build_known(p, tmp_path)
        rows = coverage_table(p)
    assert folder_labels(rows) == {"Contexts", "Mechanisms", "Programme theories",
                                   "Programme theories/Take-up"}
