"""Finding a coded passage again in a text read otherwise: the one matching Read again and a
merge share (coding.relocate)."""

from __future__ import annotations

from coding.relocate import Relocator, collapsed


def _moved(old: str, new: str, phrase: str, nth: int = 0) -> tuple[int, int] | None:
    start = -1
    for _ in range(nth + 1):
        start = old.index(phrase, start + 1)
    return Relocator(old, new).find(start, start + len(phrase))


def test_white_space_counts_as_a_space_not_as_nothing() -> None:
    new = "Results.\n\nThe therapist said the mothers felt\nunderstood."
    assert _moved("Results. The therapist said the mothers felt understood.", new,
                  "mothers felt understood") == (new.index("mothers"), len(new) - 1)
    # the old reader's "the rapist" is other words than "therapist": not moved onto them
    assert _moved("Results. The the rapist said it.", new, "the rapist") is None


def test_the_breaks_around_a_passage_are_left_out_and_its_words_found() -> None:
    old = "A heading\n\n  Peer support helped.\n\nNext paragraph."
    new = "A longer heading read otherwise\nPeer support helped. Next paragraph."
    start = old.index("\n\n  Peer")
    found = Relocator(old, new).find(start, old.index("Next"))
    assert found is not None and new[found[0]:found[1]] == "Peer support helped."


def test_the_occurrence_nearest_where_it_stood_is_taken() -> None:
    old = "".join(f"Paragraph {n} of the findings, where peer support is named once.\n\n"
                  for n in range(10))
    new = "A running title the new reader keeps.\n" + old.replace("\n\n", "\n")
    for nth in (0, 4, 9):
        found = _moved(old, new, "peer support", nth)
        assert found is not None
        assert new[:found[0]].count("peer support") == nth


def test_where_the_texts_agree_up_to_its_end_a_passage_stays_as_it_is() -> None:
    old = "Intro.\n\nFindings here. Then more.\nTail read one way."
    new = "Intro.\n\nFindings here. Then more.\nTail read the other way, longer."
    start = old.index("\n\nFindings")
    assert Relocator(old, new).find(start, start + 12) == (start, start + 12)
    assert Relocator(old, old).find(0, len(old)) == (0, len(old))


def test_a_passage_of_white_space_alone_has_no_words_to_find_it_by() -> None:
    old, new = "One.\n\nTwo.", "Zero. One. Two."
    assert Relocator(old, new).find(4, 6) is None
    assert Relocator(old, new).empty_at(4) in range(len(new) + 1)
    assert Relocator(old, "").empty_at(4) == 0


def test_collapsing_keeps_where_each_character_came_from() -> None:
    """Against the plain loop it replaced (Read again's own, before merge shared it),
    Unicode spaces included."""
    def by_loop(text: str) -> tuple[str, list[int]]:
        out, where, spaced = [], [], True
        for index, ch in enumerate(text):
            if ch.isspace():
                if not spaced:
                    out.append(" ")
                    where.append(index)
                spaced = True
            else:
                out.append(ch)
                where.append(index)
                spaced = False
        return "".join(out), where

    for text in ("", " ", "a", "  a  b\n\n c ", "x\u00a0y\u2003\u2003z\u3000", "\t\n",
                 "word\u2028next\x0cpage", "𝑥 = 𝑦\n\n𝑧 "):
        assert collapsed(text) == by_loop(text), text


def test_the_shared_start_of_two_texts_is_found_exactly() -> None:
    import os

    from coding.relocate import _agreeing

    for a, b in (("abc", "abd"), ("abc", "abc"), ("", "x"), ("abc", "ab"), ("xa", "ya"),
                 ("a" * 1000 + "b", "a" * 1000 + "c"), ("𝑥𝑦", "𝑥𝑧")):
        assert _agreeing(a, b) == len(os.path.commonprefix([a, b])), (a, b)


def _loosely(old: str, new: str, phrase: str) -> str | None:
    start = old.index(phrase)
    where = Relocator(old, new)
    assert where.find(start, start + len(phrase)) is None  # not as it was
    found = where.find_loosely(start, start + len(phrase))
    return None if found is None else new[found[0]:found[1]]


def test_words_an_older_reader_wrote_otherwise_are_found_loosely() -> None:
    new = "The peer support was effective the first time.\n\nA well-known sup-port group."
    # a hyphenated word it left broken at a line end, a ligature, OT1 glyphs it could not read
    assert _loosely("The peer sup- port was e\x0bective", new,
                    "peer sup- port was e\x0bective") == "peer support was effective"
    assert _loosely("effective the ﬁrst time.", new, "the ﬁrst time.") == "the first time."
    assert _loosely("x the \x0crst time.", new, "the \x0crst time.") == "the first time."
    assert _loosely("A well- known sup- port", new, "well- known sup- port") == "well-known sup-port"


def test_looseness_stops_short_of_other_words() -> None:
    new = "Results. The therapist said the mothers felt understood."
    assert _loosely("Results. The the rapist said.", new, "the rapist said") is None
    # two columns an older reader interleaved: not the same words in any order today
    assert _loosely("The mothers felt the therapist said understood.", new,
                    "mothers felt the therapist") is None
