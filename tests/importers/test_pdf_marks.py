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


def _lines(path: Path, lines: list[str]) -> str:
    canv = canvas.Canvas(str(path))
    canv.setFont("Helvetica", 10)
    for k, line in enumerate(lines):
        canv.drawString(72, 760 - 13 * k, line)
    canv.save()
    return importers.read_document(path).text


def test_a_note_sign_against_a_capital_opens_the_next_affiliation(tmp_path: Path) -> None:
    text = _lines(tmp_path / "signs.pdf", [
        "\u2020Department of Chemistry and Institute of Infectious Disease and Molecular Medicine,",
        "University of Cape Town, Rondebosch, Cape Town 7701, South Africa and Claverton Down",
        "\u00a7Lead Molecular Design, Sant Cugat del Vall\u00e8s and Pompeu Fabra University, Spain",
    ])  # the line before the sign runs as wide as any: only the sign tells
    assert "Claverton Down\n\n\u00a7Lead Molecular Design" in text, text


def test_a_section_sign_before_a_number_runs_on(tmp_path: Path) -> None:
    text = _lines(tmp_path / "act.pdf", [
        "Volunteers may visit a mother at home only after the checks required under the rules in",
        "\u00a7 12 of the Act have been made, and the mother has agreed to the visit in writing.",
    ])
    assert "the rules in \u00a7 12 of the Act" in text, text


@pytest.mark.skipif(not (CORPUS / "cermine_example3.pdf").exists(),
                    reason="the development corpus is not beside the repository")
def test_biochemical_journal_affiliations_read_one_per_paragraph() -> None:
    text = importers.read_document(CORPUS / "cermine_example3.pdf").text
    assert "Bath BA2 7AY, U.K.\n\n\u00a7Lead Molecular Design" in text
