"""The PDF reader on real published layouts: reading order, footnotes, tables and page geometry.

Real files come from tests/data/real (always there) and the development corpus (when it is
beside the repository); see tests/data/real/README.md for origins and licences.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pypdfium2 as pdfium
import pytest

import importers
from importers import NoTextLayer
from importers.pdf import UNREADABLE
from importers.pdf_lines import ot1_ligatures
from tests.benchmarks.reading_order import REAL, ground_truth, pdfium_text, real_pdfs, score
from tests.corpus import CORPUS

TWO_COLUMNS = REAL / "cermine_test3.pdf"
PEERJ = CORPUS / "cermine_test6.pdf"  # page 1: article details in a margin column
BIGTABLE = CORPUS / "cermine_web_test1.pdf"  # OSDI 2006: a footer on every page
needs_peerj = pytest.mark.skipif(not PEERJ.exists(), reason="the development corpus is not here")
needs_bigtable = pytest.mark.skipif(not BIGTABLE.exists(),
                                    reason="the development corpus is not here")
CLINSCI = CORPUS / "cermine_example3.pdf"  # page 1: notes set across the foot, under columns
COMPLEX = CORPUS / "cermine_timeout_complex.pdf"  # 1994, two-up on turned pages, Type 3 fonts


def _norm(text: str) -> str:
    # a glyph with no Unicode: pdfium's control code, stored as U+FFFD (or, at a line's edge,
    # trimmed as pdfium's white space - it counts as such): neither side's is compared; old
    # TeX's ligature codes inside words are stored as their letters
    text = re.sub("[\ufffd]", "", ot1_ligatures(text).translate(UNREADABLE))
    text = unicodedata.normalize("NFKC", re.sub(r"\(cid:\d+\)", "", text))
    # an accent drawn apart is stored on its letter (importers.pdf_accents): letters compared
    # bare, and spacing accents (as NFKC leaves them: combining, or the grave) left out
    text = "".join(c for c in unicodedata.normalize("NFD", text)
                   if not unicodedata.combining(c) and c != "`")
    return re.sub(r"[\s\-\ufffe\x02\u00ad\u2010\u2011]", "", text)


def _read(path: Path) -> importers.ImportedDocument:
    try:
        return importers.read_document(path)
    except NoTextLayer:
        pytest.skip(f"{path.name} is a scan")


@pytest.mark.parametrize("path", real_pdfs(), ids=lambda p: p.name)
def test_runs_map_the_stored_text_onto_the_page(path: Path) -> None:
    doc = _read(path)
    assert doc.runs, "a PDF with text has runs"
    previous_end = 0
    covered = [False] * len(doc.text)
    pdf = pdfium.PdfDocument(str(path))
    pages: dict[int, str] = {}
    try:
        for run in doc.runs:
            assert previous_end <= run.start < run.end <= len(doc.text)
            previous_end = run.end
            assert 1 <= run.page <= len(doc.pages)
            if run.page not in pages:
                textpage = pdf[run.page - 1].get_textpage()
                pages[run.page] = textpage.get_text_range()
            source = pages[run.page][run.char_start:run.char_end]
            assert _norm(source) == _norm(doc.text[run.start:run.end]), run
            left, bottom, right, top = run.box
            assert left <= right and bottom <= top
            covered[run.start:run.end] = [True] * (run.end - run.start)
    finally:
        pdf.close()
    uncovered = {ch for ch, done in zip(doc.text, covered, strict=True) if not done}
    assert uncovered <= {" ", "\n", "\t", "\u2028"}, f"text outside every run: {uncovered}"


@pytest.mark.parametrize("path", [p for p in real_pdfs() if ground_truth(p)], ids=lambda p: p.name)
def test_reading_order_no_worse_than_plain_pdfium(path: Path) -> None:
    """Against the published text: layout analysis must never lose to no analysis at all."""
    truth = ground_truth(path)
    assert truth is not None
    ours = score(truth, _read(path).text)
    assert ours >= score(truth, pdfium_text(path)) - 0.01
    if path.name.startswith("docling_2305"):
        assert ours >= 0.98


def test_full_width_block_above_two_columns() -> None:
    """Page 1: title, centred authors and abstract across the page, then the left column, then
    the right; the introduction's sentences come out whole, not a line from each column."""
    doc = importers.read_document(TWO_COLUMNS)
    flat = " ".join(doc.text.split())
    intro = ("Phoenix paludosa Roxb. (Bengali name-Hantal, Hital; Family- Aracaceae) is thorny palm "
             "with slender stems of 6 to 7 meter in height which grows all over the Sundarban, "
             "Bangladesh.")
    assert intro in flat
    assert "stigmasta-4,22-diene-3,6-dione and vitexin.7 Here, the preliminary" in flat
    order = [flat.index(s) for s in ("Phytochemical and Biological", "ABSTRACT: Lupeol",
                                      "INTRODUCTION", "MATERIALS AND METHODS",
                                      "Plant Material. Leaves")]
    assert order == sorted(order)


def test_footnotes_after_the_body_of_their_page() -> None:
    doc = importers.read_document(TWO_COLUMNS)
    page_one = doc.text[doc.pages[0].start:doc.pages[0].end]
    assert page_one.index("Correspondence to:") > page_one.index("heating for 5 minutes at 110")
    footnotes = [doc.text[b.start:b.end] for b in doc.blocks if b.kind == "footnote"]
    assert any("Correspondence to:" in text for text in footnotes)
    # The journal line at the foot of page 1 is on no other page: kept.
    assert doc.text.count("Dhaka Univ. J. Pharm. Sci.") == 1


def test_running_heads_of_a_real_article_go() -> None:
    doc = importers.read_document(TWO_COLUMNS)
    assert "Alam et al." not in doc.text
    kept = importers.read_document(TWO_COLUMNS, keep_headers=True)
    assert "Alam et al." in kept.text


def test_a_real_table_is_kept_as_rows_of_cells() -> None:
    doc = importers.read_document(REAL / "docling_2305.03393v1-pg9.pdf")
    tables = [doc.text[b.start:b.end] for b in doc.blocks if b.kind == "table"]
    assert tables
    rows = tables[0].split("\n")
    assert len(rows) >= 4 and all("\t" in row for row in rows[:4])
    assert any(row.split("\t")[:3] == ["6", "6", "OTSL"] for row in rows) or any(
        "0.965" in row.split("\t") for row in rows)


def test_headings_are_marked() -> None:
    doc = importers.read_document(TWO_COLUMNS)
    headings = {doc.text[b.start:b.end] for b in doc.blocks if b.kind == "heading"}
    assert {"INTRODUCTION", "MATERIALS AND METHODS"} <= headings
    assert not any(len(h) > 120 for h in headings)


@needs_peerj
def test_a_margin_column_is_a_sidebar_read_after_the_body() -> None:
    """PeerJ's page 1 sets the article's details in the left margin beside the body: read into
    the body line by line they broke every sentence beside them."""
    doc = importers.read_document(PEERJ)
    flat = " ".join(doc.text.split())
    assert ("Estimating selective pressure variation across homologous protein-coding genes "
            "from different species is typically done by assessing the ratio of dN/dS") in flat
    assert ("The ratio of dN/dS is commonly referred to as omega (ω), and is routinely used to "
            "assess selective pressure variation or constraints") in flat
    sidebar = " ".join(doc.text[b.start:b.end] for b in doc.blocks if b.kind == "sidebar")
    for detail in ("Submitted 25 March 2016", "Academic editor James Procter",
                   "Distributed under Creative Commons CC-BY 4.0"):
        assert detail in " ".join(sidebar.split())
    assert flat.index("Submitted 25 March 2016") > flat.index("http://www.mol-evol.org/VESPA.")


@needs_peerj
def test_a_paragraph_running_over_a_page_break_leaves_the_pages_notes_on_their_page() -> None:
    """The introduction's first paragraph runs from page 1 on to page 2 and is joined; page 1's
    sidebar and its footer note are read before it, inside page 1's span, not after it on
    page 2."""
    doc = importers.read_document(PEERJ)
    flat = " ".join(doc.text.split())
    assert "experiments). Codeml is part of the PAML package" in flat
    page_one = doc.text[doc.pages[0].start:doc.pages[0].end]
    assert "Academic editor" in page_one and "How to cite this article" in page_one
    page_two = doc.text[doc.pages[1].start:doc.pages[1].end]
    assert "is part of the PAML package" in page_two
    assert "Academic editor" not in page_two and "How to cite this article" not in page_two


@needs_peerj
def test_a_real_tables_cells_run_over_onto_further_lines_stay_in_their_rows() -> None:
    """PeerJ's Table 1 sets each phase's cells over two to four lines; each row is one line of
    the stored text, a cell's own lines kept apart by U+2028."""
    doc = importers.read_document(PEERJ)
    rows = [row for b in doc.blocks if b.kind == "table"
            for row in doc.text[b.start:b.end].split("\n")]
    assert ("3 Alignment assessment and\u2028phylogeny reconstruction\tMultiple sequence"
            "\u2028alignmentsa\tFASTA, NEXUS, PHYLIP") in rows
    four = next(row for row in rows if row.startswith("4 Selective pressure analysis"))
    assert four.split("\t")[1].split("\u2028") == [
        "Gene phylogenies (or", "species phylogenies) with", "corresponding Multiple",
        "sequence alignmentsa"]
    assert not any(row.startswith(("phylogeny reconstruction", "files", "the software"))
                   for row in rows)


@needs_bigtable
def test_a_footer_drawn_after_a_line_is_cut_from_it_and_goes_as_a_running_footer() -> None:
    """On some pages the producer drew "To appear in OSDI 2006" and the page number right after
    the last line of the right column, and pdfium made them one line with it ("as-To appear in
    OSDI 2006 8"): the line is cut where it jumps back across the page, so the footer is a line
    of its own in the margin, and goes like the same footer on every other page."""
    doc = importers.read_document(BIGTABLE)
    assert "To appear in OSDI" not in doc.text
    assert "To appear in OSDI" in importers.read_document(BIGTABLE, keep_headers=True).text
    assert "while tablets are split and merged." in doc.text


@pytest.mark.skipif(not CLINSCI.exists(), reason="the development corpus is not here")
def test_notes_across_the_foot_of_a_real_first_page_stay_out_of_its_last_paragraph() -> None:
    doc = importers.read_document(CLINSCI)
    page_one = doc.text[doc.pages[0].start:doc.pages[0].end]
    assert "While this Abbreviations" not in doc.text
    footnotes = [doc.text[b.start:b.end] for b in doc.blocks if b.kind == "footnote"]
    assert any(text.startswith("Abbreviations: ACE") for text in footnotes)
    assert "305" not in page_one.split("\n\n"), "the page number beside the running footer"


@needs_peerj
def test_a_real_table_on_pages_shown_turned_reads_row_by_row() -> None:
    doc = importers.read_document(PEERJ)
    page = doc.text[doc.pages[7].start:doc.pages[7].end]
    assert "m0 Sample_MSA Homogeneous 1 2\t\u2212572.969394 N/A\tw = 0.61924 No" in page
    assert "Webb et al. (2017), PeerJ" not in doc.text, "the running footer, turned pages too"


@pytest.mark.skipif(not COMPLEX.exists(), reason="the development corpus is not here")
def test_turned_pages_of_old_tex_output_are_read_as_drawn() -> None:
    """A 1994 preprint printed two-up on turned pages, in Type 3 fonts that give no ascent or
    descent: turned, the layout pass could not tell its type sizes and kept 0.33 of its
    sentences in order against 0.51 as drawn; a journal's turned table pages read turned."""
    from importers.pdf_lines import reads_turned
    from importers.pdf_turn import page_turn

    for path, turned in ((COMPLEX, False), (PEERJ, True)):
        pdf = pdfium.PdfDocument(str(path))
        try:
            for index in range(len(pdf)):
                page = pdf[index]
                turn = page_turn(page)
                if turn is not None and len(page.get_textpage().get_text_range()) > 500:
                    assert reads_turned(page.get_textpage(), turn) is turned, (path.name, index)
        finally:
            pdf.close()


def test_a_reference_runs_on_to_its_short_last_line_and_the_next_one_starts_apart() -> None:
    """The reference list of a real article, set with hanging indents: the first reference's
    short last line ("Bangladesh.") was read after the second reference's first line."""
    paragraphs = importers.read_document(TWO_COLUMNS).text.split("\n\n")
    assert "1. Bangladesh National Herbarium, Mirpur, Dhaka, Bangladesh." in paragraphs
    assert any(p.startswith("2. Hassan, D.Z. 2000.") for p in paragraphs)


def test_the_title_printed_on_page_one_stands_in_for_a_producers_title() -> None:
    doc = _read(TWO_COLUMNS)  # its info dictionary: "Microsoft Word - 02. 206.doc"
    assert doc.title == "Phytochemical and Biological investigations of Phoenix paludosa Roxb."
    # and the text view shows it as the headings are (bold): its paragraph is marked one
    headings = [doc.text[b.start:b.end] for b in doc.blocks if b.kind == "heading"]
    assert headings[0] == doc.title, headings


@pytest.mark.skipif(not CLINSCI.exists(), reason="the development corpus is not here")
def test_a_journals_banner_set_larger_than_the_title_is_not_taken_for_it() -> None:
    assert _read(CLINSCI).title.startswith(
        "Fragment-based design for the development of N-domain-selective")


@pytest.mark.parametrize("path", real_pdfs(), ids=lambda p: p.name)
def test_no_control_characters_are_stored(path: Path) -> None:
    """Clinical Science's sum signs and copyright signs, the 1994 preprint's ligatures and
    symbols: fonts without a Unicode map, stored as U+FFFD, never as invisible controls."""
    text = _read(path).text
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", text)
