"""Which unit a REFI-QDA file's text positions count: code points, or UTF-16 code units.

The specification says code points, but NVivo (a .NET program) writes UTF-16 code-unit
offsets, which differ from code points after every character outside the Basic Multilingual
Plane (emoji, mathematical letters, some CJK). The two readings only disagree on texts that
hold such characters, so only those texts are evidence. The writing tool (the project's
`origin`) gives the expected unit; the evidence checks it: a coded selection almost always
starts and ends between words, while a misread unit shifts boundaries into the middle of
words. When the origin is unknown, or the evidence contradicts it, the better-scoring
reading wins and the choice is reported as a guess. Pure functions, no database.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass

__all__ = ["PositionUnit", "boundary_hits", "choose_unit", "has_astral", "utf16_to_code_points"]

Span = tuple[int, int]
Evidence = Sequence[tuple[str, Sequence[Span]]]


@dataclass(frozen=True)
class PositionUnit:
    utf16: bool
    guessed: bool
    note: str = ""  # a line for the import summary, only when guessed


def has_astral(text: str) -> bool:
    """True when some character needs two UTF-16 units (a surrogate pair)."""
    return bool(text) and max(text) > "\uffff"  # max() runs in C: texts are megabytes


def utf16_to_code_points(text: str) -> Callable[[int], int]:
    """Map a UTF-16 unit offset into `text` to a code-point offset. An offset inside a pair
    moves to the character's end; one past the text stays past it (so it is still refused)."""
    if not has_astral(text):
        return lambda unit: unit
    starts, unit = [], 0
    for char in text:
        starts.append(unit)
        unit += 2 if ord(char) > 0xFFFF else 1
    starts.append(unit)
    extra = len(starts)
    return lambda offset: bisect_left(starts, offset) if offset <= unit else offset - unit + extra


def _word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _between_words(text: str, position: int) -> bool:
    """A boundary that does not cut a word in two."""
    if position <= 0 or position >= len(text):
        return position == 0 or position == len(text)
    return not (_word(text[position - 1]) and _word(text[position]))


def boundary_hits(text: str, spans: Sequence[Span], convert: Callable[[int], int]) -> int:
    """How many span ends, read through `convert`, fall between words (inside the text)."""
    hits = 0
    for start, end in spans:
        a, b = convert(start), convert(end)
        if 0 <= a < b <= len(text):
            hits += _between_words(text, a) + _between_words(text, b)
    return hits


def _identity(offset: int) -> int:
    return offset


def choose_unit(origin: str, evidence: Evidence) -> PositionUnit:
    """The unit for every text of one file, from its origin checked against the evidence."""
    expected = "nvivo" in origin.lower() if origin.strip() else None
    telling = [(text, spans) for text, spans in evidence if spans and has_astral(text)]
    if not telling:
        return PositionUnit(utf16=bool(expected), guessed=False)
    as_points = sum(boundary_hits(t, s, _identity) for t, s in telling)
    as_units = sum(boundary_hits(t, s, utf16_to_code_points(t)) for t, s in telling)
    if expected is not None and (as_units if expected else as_points) >= (
            as_points if expected else as_units):
        return PositionUnit(utf16=expected, guessed=False)
    utf16 = as_units > as_points  # a tie keeps the specification's code points
    said = f"'{origin.strip()}'" if origin.strip() else "unknown"
    total = 2 * sum(len(s) for _t, s in telling)
    return PositionUnit(utf16=utf16, guessed=True, note=(
        f"positions read as {'UTF-16 units' if utf16 else 'code points'} (origin {said}): "
        f"{max(as_units, as_points)} of {total} selection boundaries then fall between words, "
        f"against {min(as_units, as_points)} the other way; check a few excerpts"))
