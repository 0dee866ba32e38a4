"""The coded-excerpts CSV read back with the csv module and compared field by field."""

from __future__ import annotations

import csv
from pathlib import Path

from coding.exports.csv_export import COLUMNS, export_references_csv
from coding.filters import ReferenceFilter
from coding.memos import set_memo
from coding.nodes import add_node, find_node
from coding.project import Project
from coding.ratings import rate_reference
from coding.references import code, references_for_node
from coding.tables import safe_cell, write_table_csv
from tests.coding.review_project import build_known, known_file
from tests.coding.test_cli import assert_one_line_failure
from tests.conftest import add_text_document, run_cli

HOSTILE = [
    'a, b and "c"',
    "line one\nline two\n\nline three",
    "emoji 🙂 and 𝑥 (non-BMP)",
    "=HYPERLINK(\"http://x\")",
    "+1", "-2", "@SUM(A1)", "\tTabbed", "-1+2 ends with a newline\n",
]  # no excerpt can begin with "\r": importers store line ends as "\n" (notes and memos can)


def _read(path: Path, encoding: str = "utf-8") -> list[dict[str, str]]:
    with path.open(encoding=encoding, newline="") as fh:
        return list(csv.DictReader(fh))


def test_hostile_excerpts_round_trip(empty_project: Project, tmp_path: Path) -> None:
    p = empty_project
    text = "|".join(HOSTILE)
    doc = add_text_document(p, tmp_path, "=evil, doc", text)
    node = add_node(p, "Mechanisms/Said", role="mechanism", origin="deductive")
    offset = 0
    for piece in HOSTILE:
        code(p, doc, offset, offset + len(piece), [node])
        offset += len(piece) + 1
    first = references_for_node(p, node)[0]
    rate_reference(p, first.id, relevance="high", rigour="low", note='note, with "quotes"')
    set_memo(p, "reference", first.id, "memo\nline")
    second = references_for_node(p, node)[1]
    rate_reference(p, second.id, relevance="low", note="=1+1")
    set_memo(p, "reference", second.id, "\r=cmd|' /C calc'!A0")
    out = tmp_path / "out.csv"
    assert export_references_csv(p, out, bom=True) == len(HOSTILE)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b'"line one\nline two\n\nline three"' in raw  # newlines kept inside the quoted field
    rows = _read(out, "utf-8-sig")
    assert list(rows[0].keys()) == COLUMNS
    for row, piece in zip(rows, HOSTILE, strict=True):
        expected = "'" + piece if piece[0] in "=+-@\t\r" else piece
        assert row["excerpt"] == expected
        assert row["document"] == "'=evil, doc"
        assert row["node"] == "Mechanisms/Said"
        assert (row["role"], row["origin"]) == ("mechanism", "deductive")
        assert int(row["end"]) - int(row["start"]) == len(piece)  # code points
    assert (rows[0]["relevance"], rows[0]["rigour"]) == ("high", "low")
    assert rows[0]["rating_note"] == 'note, with "quotes"'
    assert rows[0]["reference_memo"] == "memo\nline"
    assert rows[0]["reference_id"] == str(first.id)
    assert (rows[1]["rating_note"], rows[1]["reference_memo"]) == (
        "'=1+1", "'\r=cmd|' /C calc'!A0")
    assert rows[0]["coder"] and rows[0]["coded_at"].startswith("20")
    assert safe_cell("\rReturn") == "'\rReturn" and safe_cell("a=b") == "a=b"


def test_filters_attributes_interventions_and_theories(empty_project: Project, tmp_path: Path) -> None:
    p = empty_project
    k = build_known(p, tmp_path)
    out = tmp_path / "all.csv"
    assert export_references_csv(p, out) == 6
    rows = _read(out)
    assert list(rows[0].keys()) == [*COLUMNS, "Design"]
    fear = [r for r in rows if r["node"] == "Contexts/Fear"]
    assert {r["theories"] for r in fear} == {"T1"}
    assert {(r["document"], r["intervention"], r["Design"]) for r in fear} == {
        ("d1", "#1 Scheme one", "RCT")}
    assert {r["Design"] for r in rows if r["document"] == "d2"} == {"Qualitative"}

    def count(flt: ReferenceFilter) -> int:
        return export_references_csv(p, tmp_path / "f.csv", flt=flt)

    contexts = find_node(p, "Contexts")
    assert count(ReferenceFilter(node_ids=(contexts,))) == 2
    assert count(ReferenceFilter(node_ids=(contexts,), with_descendants=False)) == 0
    assert count(ReferenceFilter(document_ids=(k.d2,))) == 2
    assert count(ReferenceFilter(case_ids=(1,))) == 4
    rate_reference(p, references_for_node(p, k.other)[0].id, rigour="high")
    assert count(ReferenceFilter(rigour=("high",))) == 1
    assert [r["node"] for r in _read(tmp_path / "f.csv")] == ["Other"]


def test_plain_project_keeps_the_old_contract(empty_project: Project, tmp_path: Path) -> None:
    p = empty_project
    doc = add_text_document(p, tmp_path, "q", "just text")
    code(p, doc, 0, 4, [add_node(p, "N")])
    out = tmp_path / "o.csv"
    export_references_csv(p, out)
    header = out.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header[:14] == ["document", "intervention", "node", "role", "origin", "excerpt",
                           "pages", "start", "end", "relevance", "rigour", "rating_note",
                           "coder", "coded_at"]


def test_export_commands(tmp_path: Path) -> None:
    path = known_file(tmp_path)
    out = tmp_path / "e.csv"
    run = run_cli("export-csv", path, out, "--node", "Contexts", "--relevance", "not_rated",
                  "--bom")
    assert run.code == 0, run.err
    assert run.out.strip() == f"wrote 2 excerpts to {out}"
    assert {r["node"] for r in _read(out, "utf-8-sig")} == {"Contexts/Fear"}
    assert "wrote 0 excerpts" in run_cli("export-csv", path, out, "--node", "Contexts",
                                         "--no-descendants").out
    assert "wrote 2 excerpts" in run_cli("export-csv", path, out, "--document", "d2").out
    assert "wrote 4 excerpts" in run_cli("export-csv", path, out, "--intervention",
                                         "Scheme one").out
    for args in (("export-xlsx", path, tmp_path / "x.xlsx", "--sheets", "topic"),
                 ("codebook", path, tmp_path / "c.docx"), ("codebook", path, tmp_path / "c.csv"),
                 ("report", path, "Contexts", tmp_path / "r.docx")):
        result = run_cli(*args)
        assert result.code == 0, result.err
        assert Path(args[-1] if args[0] != "export-xlsx" else args[2]).stat().st_size > 0
    assert_one_line_failure(run_cli("codebook", path, tmp_path / "c.txt"), ".csv or .docx")
    assert_one_line_failure(run_cli("export-csv", path, out, "--node", "Nope"), "Nope")


def test_every_table_export_neutralises_formulas(tmp_path: Path) -> None:
    out = tmp_path / "t.csv"
    rows: list[list[object]] = [["=cmd|' /C calc'!A0", -3, "a\nb, \"c\"", "@x"], ["ok", 5, "", "+"]]
    assert write_table_csv(out, ["=h", "n", "text", "x"], rows, bom=True) == 2
    with out.open(encoding="utf-8-sig", newline="") as fh:
        back = list(csv.reader(fh))
    assert back == [["'=h", "n", "text", "x"],
                    ["'=cmd|' /C calc'!A0", "-3", "a\nb, \"c\"", "'@x"],
                    ["ok", "5", "", "'+"]]


def test_interventions_table_csv_is_spreadsheet_safe(tmp_path: Path) -> None:
    """The "table 2" export: an attribute named or valued like a formula stays text."""
    from coding.attributes import define_attribute, set_value

    path = known_file(tmp_path)
    with Project.open(path) as p:
        define_attribute(p, "case", "=Format")
        set_value(p, "case", 1, "=Format", "@group, weekly")
    out = tmp_path / "table2.csv"
    result = run_cli("interventions", path, "--csv", out)
    assert result.code == 0, result.err
    assert result.out.strip() == f"wrote 3 rows to {out}"
    rows = _read(out)
    assert list(rows[0])[:3] == ["number", "intervention", "'=Format"]
    assert [(r["intervention"], r["'=Format"], r["document"]) for r in rows] == [
        ("Scheme one", "'@group, weekly", "d1"), ("Scheme one", "'@group, weekly", "d3"),
        ("Scheme two", "", "d2")]
