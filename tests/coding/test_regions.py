"""Region coding on a real PDF: a rectangle is a reference of its own, through every path -
undo, recode, merge, CSV, and REFI-QDA out and back in (ours, and another tool's)."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from coding.backups import check_project
from coding.documents import document_text, import_files, list_documents
from coding.errors import InvalidInput
from coding.exchange.refi_export import export_qdpx
from coding.exchange.refi_import import import_qdpx
from coding.exports.csv_export import COLUMNS, export_references_csv
from coding.ids import DocumentId
from coding.memos import get_memo, set_memo
from coding.nodes import add_node, merge_nodes
from coding.page_geometry import PdfPages
from coding.page_layout import ensure_layout, original_pdf
from coding.project import Project
from coding.ratings import rate_reference
from coding.reference_undo import redo_coding, undo_coding
from coding.references import Region, code, recode, references_for_document, uncode
from coding.regions import code_region, reshape_region, uncode_region

REAL = Path(__file__).resolve().parents[1] / "data" / "real" / "cermine_test3.pdf"
PHRASE = "Lupeol (1), epilupeol (2)"


def _box_around(project: Project, doc, phrase: str) -> Region:  # type: ignore[no-untyped-def]
    """A rectangle a little larger than the phrase's boxes on page 1."""
    text = document_text(project, doc)
    start = text.index(phrase)
    layout = ensure_layout(project, doc)
    with PdfPages(original_pdf(project, doc)) as pdf:
        page = pdf.page_text(1, layout.page_runs(1), text)
    boxes = page.span_boxes(start, start + len(phrase))
    return Region(1, min(b[0] for b in boxes) - 2, min(b[1] for b in boxes) - 2,
                  max(b[2] for b in boxes) + 2, max(b[3] for b in boxes) + 2)


@pytest.fixture
def project(tmp_path: Path):  # type: ignore[no-untyped-def]
    with Project.create(tmp_path / "regions.realist") as p:
        doc = import_files(p, [REAL]).imported[0][1]
        yield p, doc, add_node(p, "Figures"), add_node(p, "Tables")


def test_a_region_keeps_its_text_and_is_undone_recoded_and_uncoded_whole(project) -> None:  # type: ignore[no-untyped-def]
    p, doc, figures, tables = project
    region = _box_around(p, doc, PHRASE)
    result = code_region(p, doc, region, [figures])
    (ref,) = result.created
    assert ref.region == region
    assert PHRASE in document_text(p, doc)[ref.start:ref.end]
    assert code_region(p, doc, region, [figures]).created == ()  # coded already: nothing
    text_ref = code(p, doc, ref.start, ref.end, [figures]).created[0]  # same span as text
    assert {r.id for r in references_for_document(p, doc)} == {ref.id, text_ref.id}
    assert uncode(p, doc, ref.start, ref.end).removed == (text_ref,)  # text uncode: text only

    undo_coding(p, result)
    assert references_for_document(p, doc) == []
    redo_coding(p, result)
    assert references_for_document(p, doc) == [ref]

    set_memo(p, "reference", ref.id, "the dose-response figure")
    moved = recode(p, ref.id, tables)
    assert [(r.node_id, r.region) for r in moved.created] == [(tables, region)]
    assert get_memo(p, "reference", moved.created[0].id) == "the dose-response figure"
    gone = uncode_region(p, doc, Region(1, region.left + 5, region.bottom + 1,
                                        region.left + 9, region.top - 1))
    assert [r.region for r in gone.removed] == [region]
    undo_coding(p, gone)
    assert [r.region for r in references_for_document(p, doc)] == [region]
    assert check_project(p.path) == []


def test_a_figure_without_text_is_an_empty_span_at_its_page(project) -> None:  # type: ignore[no-untyped-def]
    p, doc, figures, _tables = project
    with PdfPages(original_pdf(p, doc)) as pdf:
        width, height = pdf.sizes()[1]
    blank = Region(2, 1, height - 30, width - 1, height - 2)  # the top margin of page 2
    (ref,) = code_region(p, doc, blank, [figures]).created
    assert ref.start == ref.end
    assert check_project(p.path) == []
    with pytest.raises(InvalidInput, match="too small"):
        code_region(p, doc, Region(1, 10, 10, 11, 11), [figures])
    with pytest.raises(InvalidInput, match="page 9"):
        code_region(p, doc, Region(9, 10, 10, 100, 100), [figures])


def test_merging_nodes_keeps_a_region_beside_text_with_the_same_span(project) -> None:  # type: ignore[no-untyped-def]
    p, doc, figures, tables = project
    region = _box_around(p, doc, PHRASE)
    (ref,) = code_region(p, doc, region, [figures]).created
    code(p, doc, ref.start, ref.end, [tables])
    merge_nodes(p, figures, tables)
    kinds = sorted((r.node_id, r.region is not None) for r in references_for_document(p, doc))
    assert kinds == [(tables, False), (tables, True)]


def test_csv_appends_page_and_rectangle_columns(project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    p, doc, figures, _tables = project
    region = _box_around(p, doc, PHRASE)
    code_region(p, doc, region, [figures])
    code(p, doc, 0, 20, [figures])
    out = tmp_path / "x.csv"
    assert export_references_csv(p, out) == 2
    with out.open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    assert header[:14] == COLUMNS[:14]  # the contract's columns stay first
    assert header[18:23] == ["region_page", "region_left", "region_bottom", "region_right",
                             "region_top"]
    by_page = {row[header.index("region_page")]: row for row in rows[1:]}
    assert set(by_page) == {"", "1"}
    shown = by_page["1"]
    assert PHRASE in shown[header.index("excerpt")]
    assert float(shown[header.index("region_left")]) == pytest.approx(region.left, abs=0.01)
    assert float(shown[header.index("region_top")]) == pytest.approx(region.top, abs=0.01)


def test_qdpx_round_trip_keeps_regions_with_their_memos_and_ratings(project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    p, doc, figures, _tables = project
    region = _box_around(p, doc, PHRASE)
    (ref,) = code_region(p, doc, region, [figures]).created
    set_memo(p, "reference", ref.id, "Table 1 in the abstract")
    rate_reference(p, ref.id, relevance="high")
    export_qdpx(p, tmp_path / "out.qdpx")
    with zipfile.ZipFile(tmp_path / "out.qdpx") as zf:
        qde = zf.read("project.qde").decode()
    assert "<PDFSelection" in qde and f'guid="{ref.guid}"' in qde
    summary = import_qdpx(tmp_path / "out.qdpx", tmp_path / "back.realist")
    assert not [s for s in summary.not_imported if "region" in s.lower()]
    with Project.open(tmp_path / "back.realist") as back:
        (doc2,) = [DocumentId(d.id) for d in list_documents(back)]
        (got,) = [r for r in references_for_document(back, doc2) if r.region is not None]
        # integers rounded outwards: the rectangle never shrinks
        assert got.region is not None and got.region.page == 1
        assert got.region.left <= region.left and got.region.right >= region.right
        assert got.region.bottom <= region.bottom and got.region.top >= region.top
        assert got.region.right - got.region.left < region.right - region.left + 2
        assert PHRASE in document_text(back, doc2)[got.start:got.end]
        assert get_memo(back, "reference", got.id) == "Table 1 in the abstract"
        assert got.relevance == "high"
        export_qdpx(back, tmp_path / "again.qdpx")
    with zipfile.ZipFile(tmp_path / "again.qdpx") as zf:
        again = zf.read("project.qde").decode()
    assert _selection(again) == _selection(qde)


def _selection(qde: str) -> str:
    start = qde.index("<PDFSelection")
    return qde[start:qde.index(">", start)].split(" creatingUser")[0]


def test_another_tools_pdf_selections_import_instead_of_being_lost(tmp_path: Path) -> None:
    """As NVivo and ATLAS.ti write them: the PDF, a plain-text representation in the tool's
    own reading (here pdfium's raw page text), pages counted from 0, corners either way."""
    data = REAL.read_bytes()
    pdf = pdfium.PdfDocument(data)
    text = "\n".join(pdf[i].get_textpage().get_text_range().replace("\r\n", "\n")
                     for i in range(len(pdf)))
    width, height = pdf[0].get_size()
    code_guid, source_guid = "0b0f4f1e-1111-4c1a-9d3e-000000000001", "0b0f4f1e-1111-4c1a-9d3e-000000000002"
    qde = f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="From another tool" origin="ATLAS.ti 23">
 <CodeBook><Codes><Code guid="{code_guid}" name="Figure" isCodable="true"/></Codes></CodeBook>
 <Sources><PDFSource guid="{source_guid}" name="Article" path="internal://{source_guid}.pdf">
  <PDFSelection guid="0b0f4f1e-1111-4c1a-9d3e-000000000003" page="0" firstX="60" firstY="{int(height) - 60}" secondX="{int(width) - 60}" secondY="{int(height) - 330}">
   <Coding guid="0b0f4f1e-1111-4c1a-9d3e-000000000004"><CodeRef targetGUID="{code_guid}"/></Coding>
  </PDFSelection>
  <PDFSelection guid="0b0f4f1e-1111-4c1a-9d3e-000000000005" page="1" firstX="{int(width) - 60}" firstY="30" secondX="60" secondY="{int(height) - 30}">
   <Coding guid="0b0f4f1e-1111-4c1a-9d3e-000000000006"><CodeRef targetGUID="{code_guid}"/></Coding>
  </PDFSelection>
  <Representation guid="0b0f4f1e-1111-4c1a-9d3e-000000000007" plainTextPath="internal://rep.txt"/>
 </PDFSource></Sources>
</Project>"""
    with zipfile.ZipFile(tmp_path / "other.qdpx", "w") as zf:
        zf.writestr("project.qde", qde)
        zf.writestr(f"sources/{source_guid}.pdf", data)
        zf.writestr("sources/rep.txt", text)
    summary = import_qdpx(tmp_path / "other.qdpx", tmp_path / "in.realist")
    assert summary.references == 2
    assert not [s for s in summary.not_imported if "region" in s.lower() or "PDF" in s]
    with Project.open(tmp_path / "in.realist") as p:
        (doc,) = [DocumentId(d.id) for d in list_documents(p)]
        refs = references_for_document(p, doc)
        pages = [r.region.page if r.region else 0 for r in refs]
        refs = [r for _page, r in sorted(zip(pages, refs, strict=True))]
        assert sorted(pages) == [1, 2]
        stored = document_text(p, doc)
        assert "Phytochemical and Biological" in stored[refs[0].start:refs[0].end]
        second = refs[1].region
        assert second is not None and second.left == 60 and second.right == int(width) - 60
    assert check_project(tmp_path / "in.realist") == []


def test_a_colleagues_regions_merge_in_as_theirs_and_only_once(tmp_path: Path) -> None:
    """Two copies of one project (same PDF): Ben draws regions in his, Ana merges it."""
    from coding.coders import list_coders
    from coding.exchange.merge import merge_project
    from tests.coding.two_coders import ANA, BEN

    ours, theirs = tmp_path / "ana.realist", tmp_path / "ben.realist"
    with Project.create(ours, coder=ANA) as p:
        doc = import_files(p, [REAL]).imported[0][1]
        figures = add_node(p, "Figures")
        region = _box_around(p, doc, PHRASE)
        code_region(p, doc, region, [figures])  # Ana's own, on the same rectangle
    import shutil

    shutil.copyfile(ours, theirs)
    with Project.open(theirs, coder=BEN) as p:
        (bens,) = code_region(p, doc, region, [figures]).created  # agreement, not a duplicate
        with PdfPages(original_pdf(p, doc)) as pdf:
            width, height = pdf.sizes()[1]
        (blank,) = code_region(p, doc, Region(2, 1, height - 30, width - 1, height - 2),
                               [figures]).created
        set_memo(p, "reference", blank.id, "the figure Ben meant")
    with Project.open(ours, coder=ANA) as p:
        report = merge_project(p, theirs)
        assert report.references_added == {"Ben Okafor": 2}
        ben = next(c.id for c in list_coders(p) if c.name == "Ben Okafor")
        got = {(r.coder_id == ben, r.region) for r in references_for_document(p, doc)}
        assert got == {(False, region), (True, region), (True, blank.region)}
        (merged_blank,) = [r for r in references_for_document(p, doc)
                           if r.region == blank.region]
        assert merged_blank.start == merged_blank.end == blank.start
        assert get_memo(p, "reference", merged_blank.id) == "the figure Ben meant"
        assert not merge_project(p, theirs).added_anything  # a second run adds nothing
    assert check_project(ours) == []
    assert bens.region == region


def test_a_region_resized_takes_its_codings_memo_rating_and_new_text_and_undoes(project) -> None:  # type: ignore[no-untyped-def]
    from tests.coding.test_excerpt_memos import dump

    p, doc, figures, tables = project
    small = _box_around(p, doc, "Lupeol (1)")
    [ref] = code_region(p, doc, small, [figures, tables]).created[:1]
    rate_reference(p, ref.id, relevance="high", note="the key structure")
    set_memo(p, "reference", ref.id, "compare with table 2")
    before = dump(p)
    wide = _box_around(p, doc, PHRASE)
    result = reshape_region(p, ref.id, wide)
    after = dump(p)
    moved = {r.node_id: r for r in references_for_document(p, doc)}
    assert set(moved) == {figures, tables} and all(r.region == wide for r in moved.values())
    text = document_text(p, doc)
    assert PHRASE in text[moved[figures].start:moved[figures].end]  # the text under it now
    assert (moved[figures].relevance, moved[figures].rating_note) == ("high", "the key structure")
    assert get_memo(p, "reference", moved[figures].id) == "compare with table 2"

    undo_coding(p, result)
    assert dump(p) == before
    redo_coding(p, result)
    assert dump(p) == after
    with pytest.raises(InvalidInput, match="stays on its page"):
        reshape_region(p, moved[figures].id, Region(2, *wide.box))
    text_ref = code(p, doc, 0, 10, [figures]).created[0]
    with pytest.raises(InvalidInput, match="only a region"):
        reshape_region(p, text_ref.id, wide)
