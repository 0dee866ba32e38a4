"""Reading order for PDF pages: columns read one after another, full-width blocks in place.

Input is a page's text lines with their boxes (PDF points, y upwards), as pdfium reports them.
A *gutter* is a vertical strip inside the text area that no narrow line crosses; it splits the
page into columns. Lines that cross a gutter (titles, abstracts, wide captions) are full-width:
each one closes the current band of columns, so the page reads top to bottom band by band, and
within a band column by column — as a person reads it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from statistics import median


@dataclass(frozen=True)
class Line:
    text: str
    x0: float
    x1: float
    bottom: float
    top: float

    @property
    def height(self) -> float:
        return max(self.top - self.bottom, 1.0)


# A line-end hyphen is dropped ("inter-\nvention" -> "intervention") unless the next part
# starts with a capital ("Anglo-\nSaxon") or the first part is a prefix that English keeps
# hyphenated ("well-\nbeing", "self-\nreferred"). Word lists cannot be perfect; this rule
# errs towards joining, as most line-end hyphens in typeset text are breaks.
_KEEP_HYPHEN_PREFIXES = frozenset(
    ["well", "self", "non", "anti", "quasi", "ex", "one", "two", "three", "four", "five",
     "first", "second", "third"]
)
_WORD_TAIL = re.compile(r"([A-Za-z\u00C0-\u024F]+)-$")


def find_gutters(lines: list[Line], left: float, right: float) -> list[float]:
    """x positions of column gutters, or [] for a single-column page."""
    width = right - left
    if width <= 0:
        return []
    narrow = [ln for ln in lines if (ln.x1 - ln.x0) < 0.6 * width and len(ln.text.strip()) > 3]
    if len(narrow) < 6:
        return []
    spans = sorted((ln.x0, ln.x1) for ln in narrow)
    gaps: list[tuple[float, float]] = []
    reach = spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 > reach:
            gaps.append((reach, x0))
        reach = max(reach, x1)
    gutters = []
    for g0, g1 in gaps:
        mid = (g0 + g1) / 2
        if g1 - g0 < 6 or not (left + 0.15 * width < mid < right - 0.15 * width):
            continue
        before = sum(1 for ln in narrow if ln.x1 <= mid)
        after = len(narrow) - before
        crossing = sum(1 for ln in lines if ln.x0 < mid < ln.x1)
        if min(before, after) >= max(3, 0.05 * len(narrow)) and crossing < 0.5 * len(lines):
            gutters.append(mid)
    return gutters


def reading_order(lines: list[Line], *, rtl: bool = False) -> list[list[Line]]:
    """Group a page's lines into blocks (one column run or one full-width run) in reading order.

    A right-to-left page (Hebrew, Arabic) reads its columns from the rightmost one.
    """
    if not lines:
        return []
    left = min(ln.x0 for ln in lines)
    right = max(ln.x1 for ln in lines)
    gutters = find_gutters(lines, left, right)
    ordered = sorted(lines, key=lambda ln: (-ln.top, ln.x0))
    if not gutters:
        return [ordered]
    blocks: list[list[Line]] = []
    band: list[list[Line]] = [[] for _ in range(len(gutters) + 1)]

    def flush() -> None:
        for column in band[::-1] if rtl else band:
            if column:
                blocks.append(list(column))
                column.clear()

    for line in ordered:
        if any(line.x0 < g < line.x1 for g in gutters):
            flush()
            if blocks and blocks[-1] and _is_full(blocks[-1][-1], gutters):
                blocks[-1].append(line)
            else:
                blocks.append([line])
        else:
            band[sum(1 for g in gutters if line.x0 >= g)].append(line)
    flush()
    return blocks


def _is_full(line: Line, gutters: list[float]) -> bool:
    return any(line.x0 < g < line.x1 for g in gutters)


def join_lines(lines: list[Line], *, rtl: bool = False) -> list[str]:
    """Lines of one block into paragraphs: a paragraph breaks at a wide gap or an indent.

    Right-to-left lines start at the right margin, so their indent is measured from there.
    """
    if not lines:
        return []
    heights = median(ln.height for ln in lines)
    if rtl:
        right = max(ln.x1 for ln in lines)
        lines = [Line(ln.text, right - ln.x1, right - ln.x0, ln.bottom, ln.top) for ln in lines]
    left = min(ln.x0 for ln in lines)
    paragraphs: list[str] = []
    current = lines[0].text.strip()
    for prev, line in zip(lines, lines[1:], strict=False):
        gap = prev.bottom - line.top
        indented = line.x0 - left > 1.2 * heights and prev.x0 - left < 0.5 * heights
        text = line.text.strip()
        if gap > 0.7 * heights or indented or gap < -0.5 * heights or not current:
            if current:
                paragraphs.append(current)
            current = text
        else:
            current = join_two(current, text)
    if current:
        paragraphs.append(current)
    return paragraphs


def join_two(first: str, second: str) -> str:
    """Join a line to the next, mending a line-end hyphen that only split a word."""
    if not second:
        return first
    match = _WORD_TAIL.search(first)
    if match:
        prefix = match.group(1).lower()
        if second[0].islower() and prefix not in _KEEP_HYPHEN_PREFIXES:
            return first[:-1] + second
        return first + second
    return f"{first} {second}"
