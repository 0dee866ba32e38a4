"""Accents drawn apart from their letters are put back on them; other marks stay as they are."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

import importers
from importers.pdf_accents import place_accents
from tests.corpus import CORPUS

FONT, SIZE = "Helvetica", 11


def _over(canv: canvas.Canvas, line: str, before: str, accent: str, y: float) -> None:
    """Draw `accent` over the letter that follows `before` in `line` (drawn at x=72), after
    the whole line, as a typesetter that builds accented letters does."""
    x = 72 + stringWidth(before, FONT, SIZE)
    letter = stringWidth(line[len(before)], FONT, SIZE)
    canv.drawString(x + (letter - stringWidth(accent, FONT, SIZE)) / 2, y, accent)


def test_an_accent_drawn_over_a_letter_goes_on_it(tmp_path: Path) -> None:
    path = tmp_path / "accents.pdf"
    canv = canvas.Canvas(str(path))
    canv.setFont(FONT, SIZE)
    first = "Sant Cugat del Valles and Pompeu Fabra University, Barcelona, Spain"
    canv.drawString(72, 700, first)
    _over(canv, first, "Sant Cugat del Vall", "`", 700)
    second = "Interviews with Jose and Ines were coded in Malaga."
    canv.drawString(72, 680, second)
    _over(canv, second, "Interviews with Jos", "\u00b4", 680)
    _over(canv, second, "Interviews with Jose and In", "\u00b4", 680)
    _over(canv, second, "Interviews with Jose and Ines were coded in M", "\u00b4", 680)
    canv.drawString(72, 660, "Run `make test` on about \u02dc200 rows.")  # marks over no letter
    canv.save()

    text = importers.read_document(path).text
    assert "Sant Cugat del Vall\u00e8s and Pompeu Fabra University, Barcelona, Spain\n" in text + "\n"
    assert "Interviews with Jos\u00e9 and In\u00e9s were coded in M\u00e1laga." in text
    assert "Run `make test` on about \u02dc200 rows." in text
    assert "`\n" not in text + "\n" and "\u00b4" not in text


def test_place_accents_leaves_a_piece_without_one_alone() -> None:
    boxes = {0: (0.0, 0.0, 5.0, 7.0), 1: (5.0, 0.0, 8.0, 7.0)}
    assert place_accents("ab", 0, 2, boxes.__getitem__) is None
    # a mark beside the letters, at their height: no letter under it
    beside = {0: (0.0, 0.0, 5.0, 5.0), 1: (6.0, 3.0, 7.0, 4.0)}
    assert place_accents("e`", 0, 2, beside.__getitem__) is None
    # the same mark over the e, then drawn after a space at the line's end
    over = {0: (0.0, 0.0, 5.0, 5.0), 1: (5.0, 0.0, 5.0, 0.0), 2: (1.5, 5.2, 3.5, 6.5)}
    assert place_accents("e `", 0, 3, over.__getitem__) == "\u00e8"


@pytest.mark.skipif(not (CORPUS / "cermine_example3.pdf").exists(),
                    reason="the development corpus is not beside the repository")
def test_a_real_article_reads_valles_and_angstroms() -> None:
    text = importers.read_document(CORPUS / "cermine_example3.pdf").text
    assert "Sant Cugat del Vall\u00e8s and Pompeu Fabra" in text
    assert "solved at 2.2 \u00c5 in complex with compound 33RE" in text
    assert "Resolution (\u00c5) 2.2" in text
    assert "Spain `" not in text
    # Its supplement's rings stay where drawn: pdfium's boxes there are off by a character or
    # two from its text, so no ring is seen over its A.

