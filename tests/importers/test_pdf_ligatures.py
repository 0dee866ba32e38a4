"""Old TeX's ligatures given as raw codes (OT1 fonts with no Unicode map): read as letters
where a word goes on, left where a maths font's Greek letter stands (importers.pdf_lines).

Measured on the 1994 preprint of the development corpus (cermine_timeout_complex): 110 words
mended ("effective", "first", "infinite", "differential"), U+FFFD in its text 620 -> 508; four
pieces of its formulas, already unreadable, read a ligature where a Greek letter was."""

from __future__ import annotations

from importers.pdf import UNREADABLE
from importers.pdf_lines import clean


def test_ligatures_inside_a_word_or_fi_at_its_start_are_letters() -> None:
    assert clean("heavy quark e\x0bective theory") == "heavy quark effective theory"
    assert clean("The \x0crst term, de\x0cned, is e\x0ecient") == "The first term, defined, is efficient"
    assert clean("two di\x0berent ba\x0fes") == "two different baffles"


def test_a_maths_font_s_greek_letters_at_those_codes_stay_unread() -> None:
    for formula in ("1 = \x0bcrit", "(\x0bs)", "\x0b3 = 0:2", "\x0c(1)", "\x0e \x0f"):
        assert clean(formula) == formula
        assert "\ufffd" in formula.translate(UNREADABLE)  # shown as unread, not invisible
