"""Items of a lettered or numbered list, and entries of a table of contents, each a paragraph:
one that fits on a line is not run into the next, and the line hanging under an item's label
goes on with it (seen in a GNU manual: its licence's "D. Preserve … Document. E. Add …" as one
paragraph, "G. Preserve … required Cover | Texts given … notice. H. Include …" cut after its
first line, and its contents and index each one paragraph of dot leaders)."""

from __future__ import annotations

from pathlib import Path

import importers
from tests.benchmarks.reading_order import REAL
from tests.importers.test_pdf_hanging import _page

LICENCE = [
    (72, "A. Use in the Title Page (and on the covers, if any) a title distinct from that of the"),
    (90, "Document, and from those of previous versions (which should be listed in its History)"),
    (90, "if there were any."),
    (72, "D. Preserve all the copyright notices of the Document."),
    (72, "E. Add an appropriate copyright notice for your modifications adjacent to the other"),
    (90, "copyright notices."),
    (72, "G. Preserve in that license notice the full lists of Invariant Sections and required"),
    (90, "Cover Texts given in the Document's license notice."),
    (72, "H. Include an unaltered copy of this License."),
]


def test_lettered_items_are_paragraphs_of_their_own(tmp_path: Path) -> None:
    text = _page(tmp_path / "licence.pdf", LICENCE)
    assert "notices of the Document.\n\nE. Add an appropriate" in text
    assert ("and required Cover Texts given in the Document's license notice.\n\n"
            "H. Include an unaltered") in text
    assert "distinct from that of the Document, and from those" in text


def test_an_initial_at_a_line_start_is_no_item(tmp_path: Path) -> None:
    text = _page(tmp_path / "refs.pdf", [
        (72, "21 Rhaleb, N.E., Peng, H., Harding, P. and Carretero, O.A. (2011) Renal protective"),
        (72, "effects of N-acetyl-Ser-Asp-Lys-Pro in hypertensive mice."),
        (72, "J. Hypertens. 29, 330-338"),
        (72, "22 Sun, Y., Yang, F., Yan, J., Li, Q., Wei, Z., Feng, H. and Wang, R. (2010) New"),
    ])
    assert "in hypertensive mice. J. Hypertens. 29, 330-338" in text


def test_a_numbered_reference_runs_on_past_its_short_first_line() -> None:
    text = importers.read_document(REAL / "cermine_test3.pdf").text
    # was "… 1st ed.,\n\nTectona computing, …": the hanging line taken for a new paragraph
    assert "Some plants of Sundarbans, 1st ed., Tectona computing, Chittagong" in text


def test_each_entry_of_a_table_of_contents_is_its_own(tmp_path: Path) -> None:
    text = _page(tmp_path / "contents.pdf", [
        (72, "Table of Contents"),
        (72, "1 Introduction . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . 1"),
        (72, "2 Peer support in the perinatal period . . . . . . . . . . . . . . . . . . . . 4"),
        (86, "2.1 Who takes up an offer of support . . . . . . . . . . . . . . . . . . . . 5"),
        (72, "3 Methods . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . 9"),
        (72, "Appendix A Interview guide . . . . . . . . . . . . . . . . . . . . . . . . . xi"),
    ])
    # was one paragraph: an entry without a full stop ran on into the next, which opens with
    # its number as a sentence going on over a break would
    entries = [p for p in text.split("\n\n") if ". . ." in p]
    assert len(entries) == 5 and entries[2].startswith("2.1 Who takes up")


def _word_list(path: Path) -> str:
    """A page set as Word sets a bulleted list: each bullet a glyph of its own, raised a little
    and a tab away from its item's text, the item's second line under that text, a sub-list
    with dashes, and a heading numbered with a tab after its number."""
    from reportlab.pdfgen import canvas

    canv = canvas.Canvas(str(path))
    canv.setFont("Helvetica", 11)
    y = 760.0

    def line(x: float, text: str, *, bullet: str = "", step: float = 13.0) -> None:
        nonlocal y
        if bullet:
            canv.drawString(x - 19, y + 3, bullet)
        canv.drawString(x, y, text)
        y -= step

    line(72, "The following reasons and requirements for such an exchange have been identified:",
         step=20)
    line(108, "Users may not want to be locked in a specific software solution.", bullet="•",
         step=20)
    line(108, "Users may want to use different types of analysis and visualisation features",
         bullet="•")
    line(108, "that are available in one software but not another on the same dataset.", step=20)
    line(108, "Users may want to be able to exchange the following information:", bullet="•")
    line(126, "Data that they are using in their project", bullet="-")
    line(126, "Coding structure", bullet="-", step=24)
    canv.drawString(72, y, "9.1.3")  # a tab's width before its title, as Word sets it
    line(110, "Styled text", step=20)
    line(72, "Styled text documents must be stored as a DOCX file as an internal source.")
    canv.save()
    return importers.read_document(path).text


def test_a_word_processor_s_bulleted_list_reads_item_by_item(tmp_path: Path) -> None:
    """On the REFI-QDA standard (a real 60-page Word-made PDF): its bulleted lists were read
    as tables (bullet column, text column), each item's wrapped second line falling out of
    it, and a numbered heading after a list ran into the list's last item. Measured there:
    table blocks 13 -> 4 (its contents and a diagram's labels), items' lines fallen out 3 -> 0."""
    text = _word_list(tmp_path / "bullets.pdf")
    assert ("• Users may want to use different types of analysis and visualisation features "
            "that are available in one software but not another on the same dataset.") in text
    assert "• Users may not want to be locked in a specific software solution.\n\n•" in text
    assert "exchange the following information:\n\n- Data that they" in text
    assert "project\n\n- Coding structure\n\n9.1.3 Styled text\n\nStyled text documents" in text
    assert "\t" not in text  # no table's cells
