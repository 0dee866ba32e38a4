"""Old TeX's ligatures given as raw codes (OT1 fonts with no Unicode map): read as letters
where a word goes on, left where a maths font's Greek letter stands (importers.pdf_lines).

Measured on the 1994 preprint of the development corpus (cermine_timeout_complex): 110 words
mended ("effective", "first", "infinite", "differential"), U+FFFD in its text 620 -> 508; four
pieces of its formulas, already unreadable, read a ligature where a Greek letter was. fl (0x0d,
a carriage return) ended the line there, "flavor" read as "avor": 10 more words mended, one more
formula piece ("(flir)")."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest

from importers.pdf import UNREADABLE
from importers.pdf_lines import clean, page_lines
from tests.corpus import CORPUS

PREPRINT = CORPUS / "cermine_timeout_complex.pdf"


def test_ligatures_inside_a_word_or_fi_at_its_start_are_letters() -> None:
    assert clean("heavy quark e\x0bective theory") == "heavy quark effective theory"
    assert clean("The \x0crst term, de\x0cned, is e\x0ecient") == "The first term, defined, is efficient"
    assert clean("two di\x0berent ba\x0fes") == "two different baffles"


def test_a_maths_font_s_greek_letters_at_those_codes_stay_unread() -> None:
    for formula in ("1 = \x0bcrit", "(\x0bs)", "\x0b3 = 0:2", "\x0c(1)", "\x0e \x0f"):
        assert clean(formula) == formula
        assert "\ufffd" in formula.translate(UNREADABLE)  # shown as unread, not invisible


def test_fl_is_a_letter_pair_where_a_word_goes_on() -> None:
    assert clean("all \ravor sectors, re\rect") == "all flavor sectors, reflect"
    assert clean("Copyright \rc 2008") == "Copyright \rc 2008"  # a circled c: no word goes on


@pytest.mark.skipif(not PREPRINT.exists(), reason="the development corpus is not beside the repository")
def test_the_preprints_fl_no_longer_ends_its_line() -> None:
    pdf = pdfium.PdfDocument(str(PREPRINT))
    texts = []
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            texts += [ln.text for ln in page_lines(textpage, index + 1)]
            textpage.close()
            page.close()
    finally:
        pdf.close()
    text = " ".join(texts)
    assert "masses in all flavor sectors" in text
    assert not any(t.startswith("avor") for t in texts)
