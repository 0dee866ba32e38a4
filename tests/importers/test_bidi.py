"""The bidi helper on plain strings: display order in, reading order out."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from importers.bidi import balance_brackets, base_letters, is_rtl, units, visual_to_logical
from tests.importers.makers import visual


def test_hebrew_line_with_numbers_latin_words_and_brackets() -> None:
    tokens = ("שלום", "עולם", "2024", "עם", "peer support", "בקבוצה", "(ארוכה).")
    shown = visual(*tokens)
    assert shown == ".(הכורא) הצובקב peer support םע 2024 םלוע םולש"
    assert visual_to_logical(shown) == " ".join(tokens)


def test_numbers_keep_their_separators_and_signs() -> None:
    assert visual_to_logical("םיפתתשמ 1,000-ו ח\"ש 3.5 ריחמ") == "מחיר 3.5 ש\"ח ו-1,000 משתתפים"
    assert visual_to_logical("זוחאב 50% הלע") == "עלה 50% באחוז"
    assert visual_to_logical("10-20 םינשב") == "בשנים 10-20"


def test_two_numbers_in_hebrew_read_right_to_left() -> None:
    assert visual_to_logical("2025 2024 םינשב") == "בשנים 2024 2025"


def test_latin_phrase_with_number_stays_one_run() -> None:
    tokens = ("ראה", "את", "המחקר", "של", "Smith et al. 2019", "ו", "Jones 2020", "בישראל")
    assert visual_to_logical(visual(*tokens)) == " ".join(tokens)


def test_arabic_line() -> None:
    tokens = ("مرحبا", "بالعالم", "في", "عام", "2024", "مع", "(دعم)")
    assert visual_to_logical(visual(*tokens)) == " ".join(tokens)


def test_english_line_with_a_hebrew_phrase_reverses_only_the_phrase() -> None:
    assert visual_to_logical("An English line with םלוע םולש inside (brackets) 42.") == (
        "An English line with שלום עולם inside (brackets) 42."
    )
    assert not is_rtl("An English line with שלום עולם inside")
    assert is_rtl("שלום עולם עם peer")


def test_vowel_points_stay_on_their_letters() -> None:
    # Display order keeps each mark after its letter, as a renderer's clusters do.
    text = "מַה שָׁלוֹם"
    assert visual_to_logical("".join(reversed(units(text)))) == text


def test_mirroring_can_be_left_to_the_caller() -> None:
    assert visual_to_logical(")אב(", mirror=False) == "(בא)"
    assert visual_to_logical(")אב(") == ")בא("


@given(st.text(st.characters(exclude_categories=["Cs"]), max_size=60))
def test_text_without_right_to_left_letters_is_untouched(text: str) -> None:
    if not any("\u0590" <= ch <= "\u08ff" or "\ufb1d" <= ch <= "\ufefc" for ch in text):
        assert visual_to_logical(text) is text


@given(st.lists(st.sampled_from(list("אבגדהוזחטיכלמנסעפצקרשת") + [" "]), min_size=1,
                max_size=40))
def test_pure_hebrew_is_exactly_reversed(letters: list[str]) -> None:
    text = "".join(letters)
    if text.strip():
        assert visual_to_logical(text[::-1]) == text


def test_brackets_are_only_turned_when_that_balances_them() -> None:
    assert balance_brackets(")טקסט( [x]") == "(טקסט) [x]"
    assert balance_brackets("(a) and (b)") == "(a) and (b)"
    assert balance_brackets("1) first") == "1) first"


def test_arabic_presentation_forms_become_base_letters() -> None:
    # meem initial, reh final; lam-alef ligature; allah ligature
    assert base_letters("\ufee3\ufeae") == "\u0645\u0631"
    assert base_letters("\ufefb") == "\u0644\u0627"
    assert base_letters("\ufdf2") == "\u0627\u0644\u0644\u0647"
    assert base_letters("plain, ﬁ kept") == "plain, ﬁ kept"
