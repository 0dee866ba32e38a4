"""Paragraphs, sentences and phrases of a stored text, as code-point spans.

Shared by co-occurrence ("in the same paragraph") and search-then-code's spread ("code the
hit's sentence or paragraph", as NVivo's spread coding does); `code --text` and the demo find
the words they code with `find_phrase`. Paragraphs are separated by line breaks, except in
PDFs, whose lines break inside paragraphs: there a blank line separates them. A sentence ends
at . ! ? (with any closing quotes or brackets) before whitespace, or at its paragraph's end; so
"e.g. this" splits early — a known limit.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from coding.errors import InvalidInput, NotFound

SPREADS = ("hit", "sentence", "paragraph")
_PARAGRAPH = {True: re.compile(r"\n[ \t\f\v]*\n"), False: re.compile(r"\n")}
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s)")


def paragraph_starts(text: str, is_pdf: bool) -> list[int]:
    return [0, *(m.end() for m in _PARAGRAPH[is_pdf].finditer(text))]


def paragraph_of(text: str, starts: list[int], start: int, end: int) -> tuple[int, int]:
    """The paragraph(s) holding [start, end) (`starts` from `paragraph_starts`), trimmed."""
    low = starts[bisect_right(starts, start) - 1]
    following = bisect_right(starts, max(end - 1, start))
    high = starts[following] if following < len(starts) else len(text)
    return _trimmed(text, low, high, start, end)


def sentence_of(text: str, starts: list[int], start: int, end: int) -> tuple[int, int]:
    """The sentence(s) holding [start, end), never past their paragraph."""
    low, high = paragraph_of(text, starts, start, end)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, low, high)]
    index = bisect_right(ends, start)
    begin = ends[index - 1] if index > 0 else low
    after = [e for e in ends if e >= end]
    return _trimmed(text, begin, after[0] if after else high, start, end)


def spread_span(text: str, starts: list[int], start: int, end: int,
                spread: str) -> tuple[int, int]:
    """The hit itself, its sentence or its paragraph."""
    if spread == "hit":
        return start, end
    if spread == "sentence":
        return sentence_of(text, starts, start, end)
    if spread == "paragraph":
        return paragraph_of(text, starts, start, end)
    raise InvalidInput(f"spread is one of {', '.join(SPREADS)}, not '{spread}'")


def find_phrase(text: str, phrase: str, occurrence: int = 1) -> tuple[int, int]:
    """The span of the n-th occurrence of `phrase` (for `code --text`).

    Exact match first; failing that, any run of white space in the phrase matches any run in
    the text, because extracted PDF text breaks lines where the reader's copy did not.
    """
    if not phrase.strip():
        raise InvalidInput("the phrase to code is empty")
    if occurrence < 1:
        raise InvalidInput("occurrence counts from 1")
    spans = [(m.start(), m.end()) for m in re.finditer(re.escape(phrase), text)]
    if len(spans) < occurrence:
        words = [re.escape(w) for w in phrase.split()]
        pattern = re.compile(r"\s+".join(words))
        spans = [(m.start(), m.end()) for m in pattern.finditer(text)]
    if len(spans) < occurrence:
        raise NotFound(f"the phrase '{phrase[:60]}' is not in the document")
    return spans[occurrence - 1]


def _trimmed(text: str, low: int, high: int, start: int, end: int) -> tuple[int, int]:
    """Without surrounding whitespace, and never smaller than the hit itself."""
    while low < high and text[low].isspace():
        low += 1
    while high > low and text[high - 1].isspace():
        high -= 1
    return min(low, start), max(high, end)
