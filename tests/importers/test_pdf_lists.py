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
