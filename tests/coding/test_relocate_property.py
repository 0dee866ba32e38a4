"""The one matching a merge and Read again share (coding.relocate), for any words and any white
space: a passage is found on exactly its own words, whatever breaks the other reader made, and
never on others."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from coding.relocate import Relocator, collapsed

LETTERS = st.characters(whitelist_categories=("Lu", "Ll", "Lo", "Nd"), min_codepoint=0x30)
BREAKS = st.sampled_from([" ", "  ", "\n", "\n\n", "\t", " \n", "\u00a0"])


@st.composite
def two_readings(draw: st.DrawFn) -> tuple[list[str], str, str, list[int], list[int]]:
    """Unique words (a stem and its number, so a run of them occurs once), read twice with
    different white space between them, the second reading with a running head before."""
    stems = draw(st.lists(st.text(LETTERS, min_size=1, max_size=6), min_size=2, max_size=30))
    words = [f"{stem}{n}" for n, stem in enumerate(stems)]

    def read(head: str) -> tuple[str, list[int]]:
        text, starts = head, []
        for word in words:
            if starts:
                text += draw(BREAKS)
            starts.append(len(text))
            text += word
        return text + draw(st.sampled_from(["", "\n", " "])), starts

    old, old_starts = read(draw(st.sampled_from(["", "  "])))
    new, new_starts = read(draw(st.sampled_from(["", "RUNNING HEAD 1\n\n", "x\n"])))
    return words, old, new, old_starts, new_starts


@settings(max_examples=200, deadline=None)
@given(reading=two_readings(), pick=st.tuples(st.integers(0, 29), st.integers(1, 30)))
def test_a_passage_is_found_on_exactly_its_own_words(
        reading: tuple[list[str], str, str, list[int], list[int]], pick: tuple[int, int]) -> None:
    words, old, new, old_starts, new_starts = reading
    first = min(pick[0], len(words) - 1)
    last = min(max(first + 1, pick[1]), len(words))  # words [first, last)
    start, end = old_starts[first], old_starts[last - 1] + len(words[last - 1])
    found = Relocator(old, new).find(start, end)
    expected = (new_starts[first], new_starts[last - 1] + len(words[last - 1]))
    if old[:end] == new[:end]:  # the texts agree that far: it stays as it is
        assert found == (start, end)
    else:
        assert found == expected, (old[start:end], new, found)
    assert collapsed(new[found[0]:found[1]])[0] == collapsed(old[start:end])[0]


@settings(max_examples=100, deadline=None)
@given(reading=two_readings(), pick=st.integers(0, 29))
def test_words_read_otherwise_are_never_placed_on_others(
        reading: tuple[list[str], str, str, list[int], list[int]], pick: int) -> None:
    words, old, new, old_starts, new_starts = reading
    at = min(pick, len(words) - 1)
    changed = new[:new_starts[at]] + "q" + new[new_starts[at]:]  # that word read otherwise
    start, end = old_starts[at], old_starts[at] + len(words[at])
    where = Relocator(old, changed)
    if old[:end] != changed[:end]:
        assert where.find(start, end) is None
        assert where.find_loosely(start, end) is None
