"""Hebrew and Arabic PDFs come out in reading order: reportlab (display order drawn by us, as
a PDF producer lays it out) and LibreOffice (a real producer with shaping), plus Word."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

import importers
from tests.importers.makers import DEJAVU, rtl_pdf, ttf, visual

HEBREW = ("שלום", "עולם", "2024", "עם", "peer support", "בקבוצה", "(ארוכה).")
NUMBERS = ("מחיר", "3.5", 'ש"ח', "ו-1,000", "משתתפים.")
NUMBERS_SHOWN = '.םיפתתשמ 1,000-ו ח"ש 3.5 ריחמ'  # "ו-1,000" mixes directions: written out
# Arabic as a shaping producer writes it: contextual presentation forms, drawn in display order.
# Reading order: "مرحبا" "لا" "عام 2024" (meem initial, reh medial, hah medial, beh medial,
# alef final; the lam-alef ligature).
ARABIC_SHAPED = "2024 \u0645\u0627\u0639 \ufefb \ufe8e\ufe92\ufea4\ufeae\ufee3"
ARABIC_LOGICAL = "\u0645\u0631\u062d\u0628\u0627 \u0644\u0627 \u0639\u0627\u0645 2024"


def test_reportlab_display_order_lines_read_in_logical_order(tmp_path: Path) -> None:
    path = rtl_pdf(tmp_path / "rtl.pdf", [[
        visual(*HEBREW), NUMBERS_SHOWN, ARABIC_SHAPED,
        "Plain English line (with brackets) 2024 and a word " + visual("שלום") + ".",
    ]])
    paragraphs = importers.read_document(path).text.split("\n\n")
    assert paragraphs == [
        " ".join(HEBREW), " ".join(NUMBERS), ARABIC_LOGICAL,
        "Plain English line (with brackets) 2024 and a word שלום.",
    ]


def test_order_comes_from_the_page_not_from_the_drawing_order(tmp_path: Path) -> None:
    """Producers differ: one glyph at a time from the right, or words in any order."""
    import random

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfgen import canvas

    font = ttf("DejaVuSans", DEJAVU)
    shown = visual(*HEBREW)
    canv = canvas.Canvas(str(tmp_path / "order.pdf"))
    canv.setFont(font, 12)
    x, placed = 60.0, []
    for ch in shown:
        placed.append((x, ch))
        x += pdfmetrics.stringWidth(ch, font, 12)
    for x, ch in reversed(placed):  # reading order: rightmost glyph first
        canv.drawString(x, 700, ch)
    x, words = 60.0, []
    for word in shown.split(" "):
        words.append((x, word))
        x += pdfmetrics.stringWidth(word + " ", font, 12)
    random.Random(3).shuffle(words)
    for x, word in words:
        canv.drawString(x, 660, word)
    canv.save()
    text = importers.read_document(tmp_path / "order.pdf").text
    assert text.split("\n\n") == [" ".join(HEBREW)] * 2


def test_brackets_across_lines_are_repaired_per_paragraph(tmp_path: Path) -> None:
    """Some producers' brackets come out unmirrored, and a pair can span a line break."""
    first, second = ("הטקסט", "(ארוך"), ("מאוד)", "וסוף.")
    unmirrored = [" ".join(w[::-1] for w in reversed(line)) for line in (first, second)]
    path = rtl_pdf(tmp_path / "brackets.pdf", [unmirrored], gap_every=2)
    assert importers.read_document(path).text == "הטקסט (ארוך מאוד) וסוף."


def test_right_to_left_columns_read_from_the_right(tmp_path: Path) -> None:
    sentences = [("משפט", str(i), "על", "תמיכה", "בקבוצה", "של", "אמהות.") for i in range(40)]
    lines = [visual(*s) for s in sentences]
    path = rtl_pdf(tmp_path / "cols.pdf", [lines[:20], lines[20:]])
    text = importers.read_document(path).text
    found = [text.find(" ".join(s)) for s in sentences]
    assert -1 not in found, text[:300]
    assert found == sorted(found), "right column first, then the left one"


def _rtl_paragraph(document: docx.document.Document, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph._p.get_or_add_pPr().append(OxmlElement("w:bidi"))
    run = paragraph.add_run(text)
    properties = run._r.get_or_add_rPr()
    fonts = OxmlElement("w:rFonts")
    for script in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(script), "DejaVu Sans")
    properties.append(fonts)
    properties.append(OxmlElement("w:rtl"))


LO_PARAGRAPHS = [
    " ".join(HEBREW + NUMBERS),
    "מַה שְּׁלוֹמְךָ היום",
    "مرحبا بالعالم في عام 2024 مع دعم الأقران (طويلة). لا إله",
    "كَتَبَ الوَلَدُ",  # vowelled Arabic: pdfium splits this line and adds a space mid-word
]


def _rtl_docx(path: Path) -> Path:
    document = docx.Document()
    for text in LO_PARAGRAPHS:
        _rtl_paragraph(document, text)
    document.add_paragraph("An English line with a Hebrew word שלום inside (brackets) 42.")
    document.save(str(path))
    return path


def test_word_keeps_right_to_left_paragraphs_in_logical_order(tmp_path: Path) -> None:
    doc = importers.read_document(_rtl_docx(tmp_path / "rtl.docx"))
    assert doc.text.split("\n") == [
        *LO_PARAGRAPHS, "An English line with a Hebrew word שלום inside (brackets) 42."
    ]


@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="LibreOffice (soffice) is not installed; the reportlab tests cover RTL")
def test_libreoffice_pdf_reads_in_logical_order(tmp_path: Path) -> None:
    source = _rtl_docx(tmp_path / "lo.docx")
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=120,
    )
    text = importers.read_document(tmp_path / "lo.pdf").text
    assert text.split("\n\n") == [
        *LO_PARAGRAPHS, "An English line with a Hebrew word שלום inside (brackets) 42."
    ]
