"""A run-in heading (a structured abstract's bold "Results.") starts a paragraph."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

import importers
from tests.corpus import CORPUS

FONT, SIZE = "Helvetica", 11


def _justified(canv: canvas.Canvas, y: float, lead: str, rest: str, width: float) -> None:
    """One line stretched to `width` by its word spaces, `lead` (if any) set in bold."""
    bold = "Helvetica-Bold"
    natural = stringWidth(lead, bold, SIZE) + stringWidth(rest, FONT, SIZE)
    spaces = (lead + rest).count(" ")
    line = canv.beginText(72, y)
    line.setWordSpace((width - natural) / spaces)
    if lead:
        line.setFont(bold, SIZE)
        line.textOut(lead)
    line.setFont(FONT, SIZE)
    line.textOut(rest)
    canv.drawText(line)


def test_a_run_in_bold_heading_after_a_full_line_starts_a_paragraph(tmp_path: Path) -> None:
    """A structured abstract: its parts run on with no gap or indent, and the line ending one
    part may be as wide as any other; only the next part's bold heading tells them apart."""
    path = tmp_path / "abstract.pdf"
    canv = canvas.Canvas(str(path))
    width = 440.0
    lines = [
        ("Methods. ", "We interviewed twenty mothers who received peer support in two services"),
        ("", "in the north of England and analysed what they said about the support given."),
        ("Results. ", "Mothers said they felt understood without having to explain, which they"),
        ("", "compared with appointments with professionals; several credited the long"),
        ("Kinship ", "of the relationship between them with what they had gained from peers"),
        ("", "over the weeks of the study, and said that trust took a long time to build."),
    ]
    for number, (lead, rest) in enumerate(lines):
        _justified(canv, 700 - 14 * number, lead, rest, width)
    canv.save()

    text = importers.read_document(path).text
    assert "about the support given.\n\nResults. Mothers said" in text
    # a bold word after a line that ends mid-sentence carries the sentence on
    assert "several credited the long Kinship of the relationship" in text


PEERJ = CORPUS / "cermine_test6.pdf"


@pytest.mark.skipif(not PEERJ.exists(), reason="the development corpus is not beside the repository")
def test_a_real_structured_abstract_keeps_its_parts_apart() -> None:
    text = importers.read_document(PEERJ).text
    assert "within a UNIX environment.\n\nResults. We have benchmarked VESPA" in text
    assert "previously published datasets.\n\nDiscussion. Large-scale" in text
    # its references set their authors in bold: one reference, one paragraph
    assert "25.17.3389.\n\nAlvarez-Ponce D, Aguade M, Rozas J. 2009." in text
