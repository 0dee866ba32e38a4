"""Excel workbook, Word node report and codebook, read back with openpyxl and python-docx."""

from __future__ import annotations

import csv
from pathlib import Path

import docx
from openpyxl import load_workbook
from reportlab.pdfgen import canvas

from coding.documents import document_text, import_files
from coding.exports.codebook import write_codebook_csv, write_codebook_docx
from coding.exports.node_report import write_node_report
from coding.exports.xlsx_export import export_references_xlsx
from coding.filters import ReferenceFilter
from coding.ids import DocumentId
from coding.nodes import add_node, find_node, update_node
from coding.project import Project
from coding.references import code
from coding.review.coverage import document_summary
from tests.coding.review_project import build_known
from tests.conftest import add_text_document


def _pdf(path: Path, pages: list[str]) -> Path:
    c = canvas.Canvas(str(path))
    for text in pages:
        c.drawString(72, 720, text)
        c.showPage()
    c.save()
    return path


def _three_page_document(p: Project, tmp_path: Path) -> DocumentId:
    pdf = _pdf(tmp_path / "Smith 2019.pdf", ["Mothers feared judgement at home.",
                                             "A peer made them feel understood.",
                                             "They felt less alone afterwards."])
    report = import_files(p, [pdf])
    assert not report.failed, report.failed
    return report.imported[0][1]


def test_xlsx_one_sheet_per_node_or_topic_keeps_text_as_text(
    empty_project: Project, tmp_path: Path
) -> None:
    p = empty_project
    k = build_known(p, tmp_path)
    doc = add_text_document(p, tmp_path, "f", "=SUM(A1) is not a formula")
    code(p, doc, 0, 8, [k.other])
    out = tmp_path / "x.xlsx"
    assert export_references_xlsx(p, out) == 7
    wb = load_workbook(out)
    assert sorted(wb.sheetnames) == sorted(["Contexts_Fear", "Mechanisms_Understood", "Other",
                                            "Programme theories_Take-up_T1"])
    other = wb["Other"]
    header = [c.value for c in other[1]]
    assert header[:3] == ["document", "intervention", "node"] and header[-1] == "Design"
    excerpts = [row[5].value for row in other.iter_rows(min_row=2)]
    assert "=SUM(A1)" in excerpts
    formula_cell = next(row[5] for row in other.iter_rows(min_row=2) if row[5].value == "=SUM(A1)")
    assert formula_cell.data_type == "s"
    by_topic = tmp_path / "t.xlsx"
    export_references_xlsx(p, by_topic, sheets="topic", flt=ReferenceFilter(relevance=()))
    wb = load_workbook(by_topic)
    assert wb.sheetnames == ["No topic", "Take-up"]
    assert wb["Take-up"].max_row == 1 + 5


def test_word_report_groups_by_document_with_page_citations(
    empty_project: Project, tmp_path: Path
) -> None:
    p = empty_project
    doc = _three_page_document(p, tmp_path)
    text = document_text(p, doc)
    node = add_node(p, "Mechanisms/Understood", role="mechanism", origin="deductive")
    update_node(p, node, description="Feeling understood by someone who has been there.")
    child = add_node(p, "Mechanisms/Understood/By a peer", role="mechanism")
    start = text.index("A peer")
    code(p, doc, start, start + len("A peer made them feel understood."), [node])
    code(p, doc, text.index("feared"), text.index("They felt") + 9, [child])
    out = tmp_path / "r.docx"
    assert write_node_report(p, node, out) == 2
    paragraphs = [para.text for para in docx.Document(str(out)).paragraphs]
    assert paragraphs[0] == "Mechanisms/Understood"
    assert "Feeling understood by someone who has been there." in paragraphs
    assert "2 excerpts from 1 document in 0 interventions." in paragraphs
    assert "Smith 2019" in paragraphs
    assert "A peer made them feel understood. (Smith 2019, p. 2)" in paragraphs
    assert any(t.endswith("(Smith 2019, pp. 1\u20133)") for t in paragraphs)
    assert "Mechanisms/Understood/By a peer" in paragraphs
    only = write_node_report(p, node, tmp_path / "o.docx",
                             flt=ReferenceFilter(with_descendants=False))
    assert only == 1
    (summary,) = [s for s in document_summary(p, doc) if s.node_id == child]
    assert summary.pages == "1\u20133"


def test_codebook_csv_and_word(empty_project: Project, tmp_path: Path) -> None:
    p = empty_project
    build_known(p, tmp_path)
    update_node(p, find_node(p, "Contexts/Fear"), description='Fear of being "judged", by family')
    out = tmp_path / "codebook.csv"
    assert write_codebook_csv(p, out) == 8
    with out.open(encoding="utf-8", newline="") as fh:
        rows = {r["node"]: r for r in csv.DictReader(fh)}
    fear = rows["Contexts/Fear"]
    assert (fear["name"], fear["depth"], fear["role"], fear["origin"]) == (
        "Fear", "1", "context", "deductive")
    assert fear["description"] == 'Fear of being "judged", by family'
    assert (fear["theories"], fear["references"], fear["documents"], fear["interventions"]) == (
        "T1", "2", "1", "1")
    assert rows["Programme theories/Take-up/T1"]["theories"] == "T1"
    word = tmp_path / "codebook.docx"
    assert write_codebook_docx(p, word) == 8
    text = [para.text for para in docx.Document(str(word)).paragraphs]
    assert "Fear  context; deductive; 2 references, 1 document, 1 intervention; theories T1" in text
    assert 'Fear of being "judged", by family' in text


def test_attribute_named_like_a_column_is_told_apart_in_csv_and_xlsx(
    empty_project: Project, tmp_path: Path
) -> None:
    from coding.attributes import define_attribute, set_value
    from coding.exports.csv_export import COLUMNS, export_references_csv

    p = empty_project
    k = build_known(p, tmp_path)
    define_attribute(p, "document", "pages")
    set_value(p, "document", k.d1, "pages", "12")
    expected = [*COLUMNS, "Design", "attribute pages"]
    export_references_csv(p, tmp_path / "e.csv")
    with (tmp_path / "e.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == expected
    export_references_xlsx(p, tmp_path / "e.xlsx")
    sheet = load_workbook(tmp_path / "e.xlsx")["Contexts_Fear"]
    assert [c.value for c in sheet[1]] == expected
    first = [c.value for c in sheet[2]]
    assert first[expected.index("attribute pages")] == "12"
    assert first[expected.index("pages")] in ("", None)  # a text document has no pages
