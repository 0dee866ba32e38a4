"""A line centred under the one before (a title's second line) goes on with it; a paragraph's
indented first line still starts a paragraph."""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfgen import canvas

import importers

DEMO_PDF = Path(__file__).resolve().parents[2] / "resources" / "demo" / "sources" / "04_Kinship_study.pdf"


def test_a_title_centred_over_two_lines_is_one_paragraph(tmp_path: Path) -> None:
    path = tmp_path / "centred.pdf"
    canv = canvas.Canvas(str(path))
    canv.setFont("Helvetica-Bold", 16)
    canv.drawCentredString(300, 760, "Peer support for mothers with low mood in")
    canv.drawCentredString(300, 740, "two coastal towns")
    canv.setFont("Helvetica", 10)
    body = [
        (90, "Mothers who were offered support by a volunteer with lived experience said"),
        (72, "they felt understood, and most of them accepted a first visit from her at home."),
        (90, "Where volunteers were not supervised, the visits drifted away from the mother"),
        (72, "and towards the volunteer's own story, and some mothers stopped seeing them."),
    ]
    for number, (x, line) in enumerate(body):
        canv.drawString(x, 700 - 13 * number, line)
    canv.save()

    text = importers.read_document(path).text
    assert text.startswith("Peer support for mothers with low mood in two coastal towns\n\n")
    assert "from her at home.\n\nWhere volunteers" in text  # an indented first line: a paragraph


def test_the_demo_article_title_reads_whole() -> None:
    text = importers.read_document(DEMO_PDF).text
    assert text.startswith("Kinship: a qualitative study of paid peer support in two maternity "
                           "services\n\n")
