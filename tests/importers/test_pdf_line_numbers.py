"""A manuscript's line numbers (a draft, a preprint under review) are not read into its text;
an equation's indices beyond the prose are kept (importers.pdf_running._line_numbers).

Seen on ACM's draft sample (Debian's texlive-publishers-doc): "… Numerous ACM and 106107108
SIG-specific LATEX templates …" and a last page of "525 526 527 … 572" after its text."""

from __future__ import annotations

import re
from pathlib import Path

from reportlab.pdfgen import canvas

import importers
from tests.importers.makers import sentences


def _numbered(path: Path, lines: int, *, numbers: bool = True) -> tuple[Path, str]:
    canv = canvas.Canvas(str(path), pagesize=(612, 792))
    words = " ".join(sentences(40, seed=11)).split()
    text, y, line = [], 740.0, 1
    while words and line <= lines:
        piece: list[str] = []
        while words and canv.stringWidth(" ".join([*piece, words[0]]), "Times-Roman", 10) < 440:
            piece.append(words.pop(0))
        canv.setFont("Times-Roman", 10)
        canv.drawString(90, y, " ".join(piece))
        if numbers:  # right-aligned in the left margin, as lineno.sty sets them
            canv.setFont("Times-Roman", 7)
            canv.drawRightString(70, y, str(100 + line))
        text.append(" ".join(piece))
        y, line = y - 13, line + 1
    canv.save()
    return path, " ".join(text)


def test_line_numbers_in_the_margin_are_left_out(tmp_path: Path) -> None:
    path, prose = _numbered(tmp_path / "draft.pdf", 30)
    text = importers.read_document(path).text
    assert prose in text, text[:300]
    assert not any(str(n) in text for n in range(101, 131))
    kept = importers.read_document(path, keep_headers=True).text  # all of the page, asked for
    assert "101" in kept


def test_a_few_numbers_beside_the_text_are_not_line_numbers(tmp_path: Path) -> None:
    path, prose = _numbered(tmp_path / "short.pdf", 6)  # six: too few to be a column of them
    assert "103" in importers.read_document(path).text


def test_a_contents_page_s_numbers_are_its_entries_pages(tmp_path: Path) -> None:
    """Page numbers right-aligned at a contents page's edge are a column of numbers outside
    its entries too, but they do not count up one line at a time (as in the EU proposal
    sample: "1 Concept and Objectives 2", "2 Progress beyond … 2")."""
    path = tmp_path / "contents.pdf"
    canv = canvas.Canvas(str(path), pagesize=(612, 792))
    canv.setFont("Times-Roman", 10)
    pages = [2, 2, 3, 3, 5, 8, 8, 9, 12, 12, 14, 17]
    for n, page in enumerate(pages):  # below the top margin, where a bare number is a page's
        canv.drawString(90, 600 - 14 * n, f"{n + 1} Section about peer support number {n + 1}")
        canv.drawRightString(540, 600 - 14 * n, str(page))
    canv.save()
    text = importers.read_document(path).text
    for n, page in enumerate(pages, 1):
        assert re.search(f"number {n}\\s+{page}\\b", text), (n, text)
