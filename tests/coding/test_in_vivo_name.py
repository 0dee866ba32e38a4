"""An in-vivo node is named by the excerpt's words, whole (coding.names.in_vivo_name)."""

from __future__ import annotations

from coding.names import IN_VIVO_LENGTH, in_vivo_name

TEXT = "Methods\nForty-two mothers were offered calls for ten weeks. We measured symptoms."


def _name(first: str, last: str) -> str:
    """The name for a drag from the start of `first` to just before `last`."""
    return in_vivo_name(TEXT, TEXT.index(first), TEXT.index(last))


def test_a_word_cut_at_either_end_of_the_drag_is_left_out() -> None:
    # seen: a drag ending in "for" named the node "Forty-two mothers were offered calls f"
    assert _name("Forty", "or ten") == "Forty-two mothers were offered calls"
    assert _name("rty-two", "or ten") == "mothers were offered calls"
    assert _name("Forty", " for") == "Forty-two mothers were offered calls"  # ends at a word


def test_a_piece_of_one_word_is_kept_and_a_slash_is_no_path() -> None:
    assert _name("ffered", "ed calls") == "ffer"  # all there is
    assert in_vivo_name("either/or choices", 0, 17) == "either or choices"


def test_a_long_excerpt_is_cut_between_words_and_says_so() -> None:
    text = "mothers said the volunteers listened, " * 6
    name = in_vivo_name(text, 0, len(text))
    assert len(name) <= IN_VIVO_LENGTH and name.endswith("…")
    assert name[:-1] == name[:-1].rstrip() and text.startswith(name[:-1])
    # a whole word before the cut (its comma left out)
    assert name[:-1].split()[-1] in {word.strip(",") for word in text.split()}


def test_a_long_list_in_a_message_shows_its_first_items_and_counts_the_rest() -> None:
    from coding.names import bulleted

    assert bulleted(["a", "b"], 3) == "• a\n• b"
    assert bulleted([f"file {n}" for n in range(15)], 12).splitlines()[-2:] == [
        "• file 11", "… and 3 more"]
