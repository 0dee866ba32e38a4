"""Affiliations and notes that open with a superscript mark are each a paragraph: "… Dublin,
Ireland" then "²Computational and Molecular …" read as one paragraph, on real articles too."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

import importers
from tests.benchmarks.reading_order import REAL
from tests.corpus import CORPUS

PEERJ = CORPUS / "cermine_test6.pdf"


def _affiliations(path: Path, *, raised: bool, apart: bool) -> str:
    """Two affiliations, the first running over two lines, each opening with its number."""
    canv = canvas.Canvas(str(path))
    y = 760.0
    for number, lines in (("1", ["Bioinformatics and Molecular Evolution Group, School of Biotechnology,",
                                 "Dublin City University, Dublin, Ireland"]),
                          ("2", ["Computational and Molecular Evolutionary Biology Group, University",
                                 "of Leeds, Leeds, United Kingdom"])):
        for k, line in enumerate(lines):
            text = canv.beginText(72, y)
            if k == 0:
                text.setFont("Helvetica", 6 if raised else 10)
                text.setRise(4 if raised else 0)
                text.textOut(number if apart else number + " ")
                text.setRise(0)
                if apart:  # drawn as its own run, a little way off, as some producers do
                    text.moveCursor(6, 0)
            text.setFont("Helvetica", 10)
            text.textOut(line)
            canv.drawText(text)
            y -= 13
    canv.save()
    return importers.read_document(path).text


@pytest.mark.parametrize("apart", [False, True])
def test_an_affiliation_opening_with_a_raised_number_is_its_own_paragraph(
        tmp_path: Path, apart: bool) -> None:
    text = _affiliations(tmp_path / "aff.pdf", raised=True, apart=apart)
    assert "Dublin, Ireland\n\n2" in text, text
    assert "School of Biotechnology, Dublin City University" in text  # its own lines run on


def test_a_number_at_the_line_start_set_like_the_text_runs_on(tmp_path: Path) -> None:
    text = _affiliations(tmp_path / "plain.pdf", raised=False, apart=False)
    assert "Dublin, Ireland 2 Computational" in text, text  # could be "… Ireland, 2 streets"


@pytest.mark.skipif(not PEERJ.exists(), reason="the development corpus is not beside the repository")
def test_peerj_affiliations_read_one_per_paragraph() -> None:
    text = importers.read_document(PEERJ).text
    assert "Dublin City University, Dublin, Ireland\n\n2 Computational and Molecular" in text


def test_a_mark_pdfium_gives_as_a_line_of_its_own_opens_the_next_affiliation() -> None:
    text = importers.read_document(REAL / "cermine_test3.pdf").text  # committed: always here
    assert "Dhaka-1000, Bangladesh\n\n2 Department of Pharmaceutical Chemistry" in text
