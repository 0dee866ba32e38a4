"""How a REFI-QDA file's text positions count: code points or UTF-16 units, CRLF as 2 or 1.

The specification says code points into the text file as stored, so a CRLF line break counts
two. NVivo (a .NET program) writes UTF-16 code-unit offsets, which differ from code points
after every character outside the Basic Multilingual Plane (emoji, mathematical letters, some
CJK); and a tool that normalised line breaks counts a CRLF as one. The readings only disagree
on texts holding such characters or line breaks, so only those texts are evidence. The
writing tool (the project's `origin`) gives the expected reading; the evidence checks it: a
coded selection almost always starts and ends between words, while a misread position lands
in the middle of one. When the origin is unknown (and astral characters make it matter), or
the evidence contradicts the expectation, the best-scoring reading wins and is reported as a
guess. We store text with LF line ends, so every reading maps into the LF text. Pure
functions, no database.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass

__all__ = ["PositionUnit", "boundary_hits", "choose_unit", "has_astral", "lf_positions",
           "utf16_to_code_points"]

Span = tuple[int, int]
Evidence = Sequence[tuple[str, Sequence[Span]]]


@dataclass(frozen=True)
class PositionUnit:
    utf16: bool
    guessed: bool
    note: str = ""  # a line for the import summary, only when guessed
    crlf_as_one: bool = False


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


def lf_positions(text: str, unit: PositionUnit) -> tuple[str, Callable[[int], int]]:
    """The text with LF line ends, and the map from the file's positions into it."""
    crs = [m.start() for m in re.finditer("\r\n", text)]
    lf_text = text.replace("\r\n", "\n") if crs else text
    if unit.crlf_as_one or not crs:  # positions already count the LF text
        return lf_text, utf16_to_code_points(lf_text) if unit.utf16 else _identity
    to_points = utf16_to_code_points(text) if unit.utf16 else _identity
    return lf_text, lambda p: (q := to_points(p)) - bisect_left(crs, q)


def _identity(offset: int) -> int:
    return offset


def _score(evidence: Evidence, unit: PositionUnit) -> int:
    hits = 0
    for text, spans in evidence:
        lf_text, convert = lf_positions(text, unit)
        hits += boundary_hits(lf_text, spans, convert)
    return hits


def choose_unit(origin: str, evidence: Evidence) -> PositionUnit:
    """The reading for every text of one file, from its origin checked against the evidence."""
    expected = "nvivo" in origin.lower() if origin.strip() else None
    astral = [(t, s) for t, s in evidence if s and has_astral(t)]
    crlf = [(t, s) for t, s in evidence if s and "\r\n" in t]
    default = PositionUnit(utf16=bool(expected), guessed=False)
    readings = [PositionUnit(utf16=u, guessed=False, crlf_as_one=c)
                for u in ((False, True) if astral else (default.utf16,))
                for c in ((False, True) if crlf else (False,))]
    if len(readings) == 1:
        return default
    telling = [*astral, *((t, s) for t, s in crlf if not has_astral(t))]
    scores = {r: _score(telling, r) for r in readings}
    best = max(readings, key=lambda r: (scores[r], r == default, not r.crlf_as_one, not r.utf16))
    if best == default and (expected is not None or not astral):
        return default
    said = f"'{origin.strip()}'" if origin.strip() else "unknown"
    total = 2 * sum(len(s) for _t, s in telling)
    others = max(v for r, v in scores.items() if r != best)
    return PositionUnit(utf16=best.utf16, crlf_as_one=best.crlf_as_one, guessed=True, note=(
        f"positions read as {'UTF-16 units' if best.utf16 else 'code points'}"
        f"{', a CRLF line break counted as one' if best.crlf_as_one else ''} (origin {said}): "
        f"{scores[best]} of {total} selection boundaries then fall between words, against "
        f"{others} at best otherwise; check a few excerpts"))
