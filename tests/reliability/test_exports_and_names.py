"""Exports a spreadsheet cannot be tricked by, and file names a document cannot escape."""

from __future__ import annotations

import csv
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from coding.exports.csv_export import export_references_csv
from coding.filenames import MAX_BYTES, safe_filename
from coding.nodes import add_node
from coding.project import Project
from coding.ratings import rate_reference
from coding.references import code
from tests.conftest import add_text_document

FORMULAS = ["=HYPERLINK(\"http://evil\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def test_csv_export_neutralises_formulas_in_every_user_field(
    empty_project: Project, tmp_path: Path
) -> None:
    doc = add_text_document(empty_project, tmp_path, "=cmd", "=1+1 is the excerpt here")
    node = add_node(empty_project, "@evil")
    ref = code(empty_project, doc, 0, 9, [node]).created[0]
    rate_reference(empty_project, ref.id, note="+danger")
    out = tmp_path / "out.csv"
    export_references_csv(empty_project, out)
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    cells = [c for row in rows[1:] for c in row]
    assert "'=cmd" in cells and "'=1+1 is t" in cells and "'@evil" in cells
    assert "'+danger" in cells
    assert not any(c.startswith(("=", "+", "@", "\t", "\r")) for c in cells)
    assert not any(c.startswith("-") and not c[1:].replace(".", "").isdigit() for c in cells)


def test_the_formula_starts_are_all_covered() -> None:
    from coding.tables import safe_cell

    for formula in FORMULAS:
        assert safe_cell(formula).startswith("'")


@given(st.text(max_size=300))
def test_safe_filename_is_one_harmless_path_component(name: str) -> None:
    result = safe_filename(name, ".pdf")
    assert result.endswith(".pdf") and len(result) > len(".pdf")
    assert "/" not in result and "\\" not in result and "\x00" not in result
    assert result not in (".", "..") and not result.startswith(".")
    assert len(result.encode("utf-8")) <= MAX_BYTES
    base = Path("/exports")
    assert (base / result).parent == base
    result.encode("utf-8")  # no lone surrogates


def test_safe_filename_examples() -> None:
    assert safe_filename("../../etc/passwd") == "_.._etc_passwd"
    assert safe_filename("CON", ".txt") == "_CON.txt"
    assert safe_filename("  ...  ") == "untitled"
    assert safe_filename("Smith: 2019 \"trust\"?", ".docx") == "Smith_ 2019 _trust__.docx"
    assert safe_filename("Ünïcödé 😀 study") == "Ünïcödé 😀 study"


HOSTILE = "=HYPERLINK(\"http://x\",\"y\")"


def test_every_csv_and_xlsx_export_is_inert_in_a_spreadsheet(demo_path: Path, tmp_path: Path) -> None:
    """Names a hostile project could carry (documents, nodes, interventions) go through every
    CSV writer the CLI has; no cell may start a formula, and .xlsx cells stay text."""
    import sqlite3

    from coding.cli import main

    con = sqlite3.connect(demo_path)
    con.execute("UPDATE documents SET name = '=' || name")
    con.execute("UPDATE nodes SET name = '+' || name")
    con.execute("UPDATE cases SET name = '@' || name")
    con.execute("UPDATE theories SET statement = ? ", (HOSTILE,))
    con.commit()
    con.close()
    out = tmp_path / "out"
    out.mkdir()
    commands = [
        ["export-csv", demo_path, out / "excerpts.csv"],
        ["coverage", demo_path, "--csv", out / "coverage.csv"],
        ["matrix", demo_path, "--cols", "interventions", "--csv", out / "matrix.csv"],
        ["model", "export-csv", demo_path, out / "model.csv"],
        ["codebook", demo_path, out / "codebook.csv"],
        ["interventions", demo_path, "--csv", out / "interventions.csv"],
        ["export-xlsx", demo_path, out / "excerpts.xlsx"],
    ]
    for command in commands:
        assert main([str(a) for a in command]) == 0, command
    for path in out.glob("*.csv"):
        with path.open(encoding="utf-8-sig", newline="") as fh:
            cells = [c for row in csv.reader(fh) for c in row]
        assert any(c.startswith("'") for c in cells), f"{path.name}: no hostile text reached it {cells[:30]}"
        risky = [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r")
                 or (c.startswith("-") and not c[1:].replace(".", "", 1).isdigit())]
        assert risky == [], f"{path.name}: {risky[:3]}"
    from openpyxl import load_workbook

    book = load_workbook(out / "excerpts.xlsx")
    formula_like = [c for ws in book.worksheets for row in ws.iter_rows() for c in row
                    if isinstance(c.value, str) and c.value.startswith(("=", "+", "@"))]
    assert formula_like and all(c.data_type == "s" for c in formula_like)
