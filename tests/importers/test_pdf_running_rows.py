"""A running footer that pdfium cuts into pieces differently from page to page still goes
(importers.pdf_running._rows).

Seen on a Clinical Science article (Portland Press, the development corpus): the footer
"© 2014 The Author(s) … www.clinsci.org 309" came as two pieces on one page, as one on the
next and with the page number apart on a third, so no piece recurred and "2014 The Author(s)
www.clinsci.org 309 ©" stayed in the text as paragraphs between the article's."""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfgen import canvas

import importers
from tests.importers.makers import sentences

SITE = "www.peersupport.org"
# each page's footer, as the pieces it is drawn in: (x, text)
FOOTERS = [
    [(42, "\u00a9 2024 The Author(s)"), (470, f"{SITE} 1")],
    [(42, f"{SITE} 2 \u00a9 2024 The Author(s)")],
    [(42, f"{SITE} 3 \u00a9"), (300, "2024 The Author(s)")],
    [(42, f"\u00a9 2024 The Author(s) {SITE}"), (560, "4")],
]


def _footed(path: Path, footers: list[list[tuple[int, str]]]) -> tuple[Path, list[str]]:
    canv = canvas.Canvas(str(path), pagesize=(612, 792))
    words = " ".join(sentences(60, seed=5)).split()
    prose = []
    for pieces in footers:
        y = 740.0
        while words and y > 120:
            line: list[str] = []
            while words and canv.stringWidth(" ".join([*line, words[0]]), "Times-Roman", 10) < 440:
                line.append(words.pop(0))
            canv.setFont("Times-Roman", 10)
            canv.drawString(90, y, " ".join(line))
            prose.append(" ".join(line))
            y -= 13
        canv.setFont("Helvetica", 8)
        for x, text in pieces:
            canv.drawString(x, 30, text)
        canv.showPage()
    canv.save()
    return path, prose


def test_a_footer_cut_into_pieces_differently_on_each_page_goes(tmp_path: Path) -> None:
    path, prose = _footed(tmp_path / "footed.pdf", FOOTERS)
    doc = importers.read_document(path)
    assert SITE not in doc.text and "Author(s)" not in doc.text, doc.text[-600:]
    assert " ".join(prose) == " ".join(doc.text.split()), "the prose is all there, in order"


def test_a_footer_on_one_page_only_stays(tmp_path: Path) -> None:
    """The rule asks the row's words to recur on another page: a first page's own footer
    (the journal's name, the licence) is kept."""
    once = [FOOTERS[0], [], [], []]
    path, _ = _footed(tmp_path / "once.pdf", once)
    doc = importers.read_document(path)
    assert "\u00a9 2024 The Author(s)" in doc.text and SITE in doc.text
