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


def flow(words: list[str], width: float, font: str = "Helvetica", size: float = 10,
         indent: float = 0) -> list[str]:
    """Words into lines no wider than `width` (the first line narrower by `indent`)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines, current = [], ""
    for word in words:
        trial = f"{current} {word}".strip()
        limit = width - (indent if not lines else 0)
        if current and stringWidth(trial, font, size) > limit:
            lines.append(current)
            current = word
        else:
            current = trial
    return lines + [current] if current else lines


def article_pdf(path: Path, paragraphs: list[str], *, title: str, authors: str, abstract: str,
                heads: tuple[str, str], first_page_footer: str, footnote: str,
                lines_per_column: int = 30) -> Path:
    """A two-column article as journals set it: on page 1 a centred title and authors and a
    full-width abstract above the columns, a small-type footnote at the foot of the left column
    and the journal's line at the foot of the page; running heads alternating on later pages.
    Paragraphs flow down the left column, on into the right one and on to the next page, each
    first line indented."""
    width, height = A4
    margin, gutter, size, leading = 56.0, 20.0, 10.0, 12.5
    col_w = (width - 2 * margin - gutter) / 2
    canv = canvas.Canvas(str(path), pagesize=A4)
    canv.setTitle(title)
    queue: list[tuple[str, float]] = []
    for text in paragraphs:
        for i, line in enumerate(flow(text.split(), col_w, indent=14)):
            queue.append((line, 14.0 if i == 0 else 0.0))
    page = 1
    while queue:
        top = height - margin - 14
        if page == 1:
            canv.setFont("Helvetica-Bold", 16)
            canv.drawCentredString(width / 2, top, title)
            canv.setFont("Helvetica", 11)
            canv.drawCentredString(width / 2, top - 24, authors)
            canv.setFont("Helvetica", 10)
            y = top - 52
            for line in flow(abstract.split(), width - 2 * margin):
                canv.drawString(margin, y, line)
                y -= leading
            top = y - 14
            canv.setFont("Helvetica", 7)
            canv.drawString(margin, margin + 10, footnote)
            canv.drawString(margin, 30, first_page_footer)
        else:
            canv.setFont("Helvetica", 8)
            head = heads[page % 2]
            if page % 2:
                canv.drawRightString(width - margin, height - 30, head)
            else:
                canv.drawString(margin, height - 30, head)
            canv.drawCentredString(width / 2, 30, str(page))
        rows = min(lines_per_column, int((top - margin - 30) / leading))
        canv.setFont("Helvetica", size)
        for column in range(2):
            x = margin + column * (col_w + gutter)
            for row in range(rows):
                if not queue:
                    break
                line, indent = queue.pop(0)
                canv.drawString(x + indent, top - row * leading, line)
        canv.showPage()
        page += 1
    canv.save()
    return path


def table_pdf(path: Path, before: str, rows: list[list[str]], after: str) -> Path:
    """A line of prose, a table of cells at fixed column positions, a line of prose. A cell's
    lines ("\n" in it) are set 11 points apart under each other; rows 14 points apart."""
    canv = canvas.Canvas(str(path), pagesize=A4)
    canv.setFont("Helvetica", 10)
    canv.drawString(60, 760, before)
    y = 730.0
    for row in rows:
        for i, cell in enumerate(row):
            for n, line in enumerate(cell.split("\n")):
                canv.drawString(60 + 110 * i, y - 11 * n, line)
        y -= 14 + 11 * max(cell.count("\n") for cell in row)
    canv.drawString(60, y - 16, after)
    canv.showPage()
    canv.save()
    return path


def sidebar_pdf(path: Path, paragraphs: list[str], margin_lines: list[str]) -> Path:
    """A page as PeerJ sets its first page: a wide body column of 10-point prose and, in the
    left margin beside it, a column of short 8-point lines (article details), a clear strip
    between them."""
    canv = canvas.Canvas(str(path), pagesize=A4)
    y = A4[1] - 80
    canv.setFont("Helvetica", 10)
    for text in paragraphs:
        for line in flow(text.split(), 360):
            canv.drawString(180, y, line)
            y -= 13
        y -= 9
    canv.setFont("Helvetica", 8)
    y = A4[1] - 120
    for line in margin_lines:
        canv.drawString(36, y, line)
        y -= 11
    canv.showPage()
    canv.save()
    return path


def notes_pdf(path: Path, columns: list[tuple[list[str], list[str]]], notes: list[str],
              footer: str, licence: str, first_number: int = 305) -> Path:
    """Pages of two 10-point columns, each line placed as given (left lines, right lines per
    page), set as Clinical Science sets an article: on page 1, under the columns, a full-width
    block of 7-point notes (abbreviations, correspondence); at the foot of every page a footer
    with the page number beside it on the same row, and a licence line below them both."""
    width, _ = A4
    margin, top, leading = 56.0, 760.0, 12.5
    col_w = (width - 2 * margin - 20) / 2
    canv = canvas.Canvas(str(path), pagesize=A4)
    for number, (left, right) in enumerate(columns):
        canv.setFont("Helvetica", 10)
        for column, lines in enumerate((left, right)):
            for row, line in enumerate(lines):
                indent = 14.0 if line.startswith("  ") else 0.0
                canv.drawString(margin + column * (col_w + 20) + indent, top - row * leading,
                                line.strip())
        canv.setFont("Helvetica", 7)
        if number == 0:
            for row, note in enumerate(notes):
                canv.drawString(margin, 150 - 9 * row, note)
        canv.drawString(margin, 45, footer)
        canv.drawRightString(width - margin, 45, str(first_number + number))
        canv.drawString(margin, 32, licence)
        canv.showPage()
    canv.save()
    return path


def turned_table_pdf(path: Path, prose: list[str], rows: list[list[str]], footer: str) -> Path:
    """Two pages as a journal sets a wide table: page 1 upright, lines of prose; page 2 turned
    a quarter (/Rotate 90) with the table set along its long side, upright as the page is shown,
    its rows of cells 150 points apart. Each page has `footer` at the same place on the page
    as set, as a journal's running footer stays where every other page has it."""
    width, _ = A4
    canv = canvas.Canvas(str(path), pagesize=A4)
    canv.setFont("Helvetica", 10)
    for row, line in enumerate(prose):
        canv.drawString(60, 760 - 14 * row, line)
    canv.setFont("Helvetica", 8)
    canv.drawString(60, 30, footer)
    canv.showPage()
    canv.setPageSize((A4[1], A4[0]))  # reportlab sets the box turned back: A4 upright
    canv.setPageRotation(90)
    canv.saveState()
    canv.translate(width, 0)
    canv.rotate(90)  # a frame upright as the page is shown: u along the page's height
    canv.setFont("Helvetica", 10)
    for number, cells in enumerate(rows):
        for column, cell in enumerate(cells):
            canv.drawString(60 + 150 * column, 480 - 16 * number, cell)
    canv.restoreState()
    canv.setFont("Helvetica", 8)
    canv.drawString(60, 30, footer)
    canv.showPage()
    canv.save()
    return path


def unmapped_glyph_pdf(path: Path, lines: list[str]) -> Path:
    """Lines in a font whose glyph 7 has an unknown name and no Unicode map, written by hand
    (reportlab maps every code it draws): pdfium gives that glyph as the control code U+0007,
    as it does for a symbol font's sum sign or old TeX's ligatures in real articles."""
    content = "BT /F1 11 Tf 60 700 Td " + " 0 -14 Td ".join(
        "(" + line.replace("\x07", "\\007") + ") Tj" for line in lines) + " ET"
    stream = content.encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding "
        b"/BaseEncoding /WinAnsiEncoding /Differences [7 /g7] >> >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    path.write_bytes(out)
    return path
