"""PDFs with known text, made by the tests themselves with reportlab."""

from __future__ import annotations

import random
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.pdfgen import canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

WORDS = ["mother", "support", "peer", "group", "volunteer", "telephone", "visit", "trust", "judged", "understood", "hope", "alone", "confidence", "intervention", "baby", "health", "service", "midwife", "recovery", "stigma", "training", "family"]


def sentences(count: int, seed: int = 1, words: int = 14) -> list[str]:
    rng = random.Random(seed)
    return [
        f"Sentence {i} " + " ".join(rng.choice(WORDS) for _ in range(words)) + "."
        for i in range(count)
    ]


def column_pdf(path: Path, columns: int, texts: list[str], *, title: str = "",
               running_head: str = "", page_numbers: bool = False, encrypt: object = None) -> Path:
    """Paragraphs flowed through `columns` frames per page, optional full-width title."""
    width, height = A4
    margin, gutter = 50.0, 18.0
    col_w = (width - 2 * margin - gutter * (columns - 1)) / columns
    top = height - margin - (40 if title else 0)

    def decorate(canv: canvas.Canvas, doc: BaseDocTemplate) -> None:
        canv.setFont("Helvetica", 8)
        if running_head:
            canv.drawString(margin, height - 25, running_head)
        if page_numbers:
            canv.drawCentredString(width / 2, 20, str(doc.page))
        if title and doc.page == 1:
            canv.setFont("Helvetica-Bold", 16)
            canv.drawString(margin, height - margin - 20, title)

    frames = [Frame(margin + i * (col_w + gutter), margin, col_w, top - margin, id=f"c{i}")
              for i in range(columns)]
    doc = BaseDocTemplate(str(path), pagesize=A4, encrypt=encrypt, title=title or path.stem,
                          author="Test Author")
    doc.addPageTemplates([PageTemplate(frames=frames, onPage=decorate)])
    style = getSampleStyleSheet()["BodyText"]
    doc.build([Paragraph(t, style) for t in texts])
    return path


def ttf(name: str, file: str) -> str:
    """Register a TrueType font (for glyphs Helvetica lacks: ligatures, emoji)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, file))
    return name


def vera() -> str:
    """Bitstream Vera ships with reportlab and has the fi and fl ligature glyphs."""
    import os

    import reportlab

    return ttf("Vera", os.path.join(os.path.dirname(reportlab.__file__), "fonts", "Vera.ttf"))


def lines_pdf(path: Path, pages: list[list[str]], font: str = "Helvetica") -> Path:
    """Exact lines at fixed positions: for hyphenation and other line-level cases."""
    canv = canvas.Canvas(str(path), pagesize=A4)
    for lines in pages:
        canv.setFont(font, 11)
        y = A4[1] - 80
        for line in lines:
            if line:
                canv.drawString(60, y, line)
            y -= 14 if line else 28
        canv.showPage()
    canv.save()
    return path


def blank_pdf(path: Path) -> Path:
    canv = canvas.Canvas(str(path), pagesize=A4)
    canv.rect(100, 100, 200, 200, fill=1)
    canv.showPage()
    canv.save()
    return path


DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
_MIRRORED = str.maketrans("()[]", ")(][")


def visual(*tokens: str) -> str:
    """Display order of a line given as single-direction tokens in reading order, built the
    way a PDF producer lays it out: tokens right to left, each Hebrew/Arabic token's letters
    reversed and its brackets mirrored, numbers and Latin words left as they are."""
    def shown(token: str) -> str:
        rtl = any("\u0590" <= ch <= "\u08ff" or "\ufb1d" <= ch <= "\ufefc" for ch in token)
        return token[::-1].translate(_MIRRORED) if rtl else token

    return " ".join(shown(t) for t in reversed(tokens))


def rtl_pdf(path: Path, columns: list[list[str]], gap_every: int = 1) -> Path:
    """One page of lines already in display order, right-aligned in columns from the right.

    A blank line follows every `gap_every` lines, so each group is its own paragraph.
    """
    return rtl_pages(path, [columns], gap_every)


def rtl_pages(path: Path, pages: list[list[list[str]]], gap_every: int = 1) -> Path:
    """Several pages of `rtl_pdf` columns."""
    name = ttf("DejaVuSans", DEJAVU)
    canv = canvas.Canvas(str(path), pagesize=A4)
    for columns in pages:
        width = (A4[0] - 100 - 18 * (len(columns) - 1)) / len(columns)
        for index, lines in enumerate(columns):
            right = A4[0] - 50 - index * (width + 18)
            canv.setFont(name, 10)
            y = A4[1] - 80
            for number, line in enumerate(lines, start=1):
                canv.drawRightString(right, y, line)
                y -= 13 if number % gap_every else 26
        canv.showPage()
    canv.save()
    return path
