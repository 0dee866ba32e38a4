"""Running heads and footers: text that recurs at the same place in the margin of several pages.

A line counts as running when its text (digits folded, so "Page 3" matches "Page 4") sits in
the top or bottom margin of at least two pages at the same height; so does a margin row whose
words recur so on three pages or more, however pdfium cut it into pieces (`_rows`).
Alternating heads of even and odd pages are each found on their own; a line on one page
only — the journal's name on the first page — is kept. Bare page numbers in the margins go too, and a manuscript's line numbers
(a draft or a preprint under review numbers its lines down the side margins).
"""

from __future__ import annotations

import re
from collections import defaultdict

from importers.pdf_visual_lines import Line

# "[12]" is no page number but a reference's, at the head of a column of references
_PAGE_NUMBER = re.compile(r"^(?!\s*\[)\W*(page\s*)?(\d{1,4}|[ivxlcdm]{1,6})(\s*(of|/)\s*\d{1,4})?\W*$",
                          re.I)
_MARGIN = 0.12  # top and bottom share of the page where running heads live
_SAME_PLACE = 4.0  # points: the same head may sit a little higher on some pages
_DIGITS = re.compile(r"\d+")
_NUMBERS = re.compile(r"\s*\d+(?:\s+\d+)*\s*$")  # "106", "106 107 108", "123456789"
_LINE_NUMBERS = 10  # bare numbers in a page's side margins, at least, to be its line numbers


def _key(line: Line) -> str:
    return _DIGITS.sub("#", " ".join(line.text.lower().split()))


def strip_running(pages: list[tuple[float, list[Line]]]) -> list[list[Line]]:
    """Each page's lines without its running heads, footers, page numbers and line numbers
    (those first: a column of them runs down to the page's foot, below its page number)."""
    numbered = [_line_numbers(lines) for _, lines in pages]
    pages = [(height, [ln for ln in lines if id(ln) not in gone]) if gone else (height, lines)
             for (height, lines), gone in zip(pages, numbered, strict=True)]
    outers = [_outer(lines, height) for height, lines in pages]
    keys = {id(line): _key(line) for outer in outers for line, _, _, _ in outer}  # asked twice
    seen: dict[tuple[str, str], list[tuple[int, float]]] = defaultdict(list)
    for number, outer in enumerate(outers):
        for line, zone, _, _ in outer:
            if _worth_matching(line):
                seen[(keys[id(line)], zone)].append((number, line.top))
    rows = [_rows(outer, keys) for outer in outers]
    seen_rows: dict[tuple[str, str], list[tuple[int, float]]] = defaultdict(list)
    for number, page_rows in enumerate(rows):
        for (zone, _), (words, top) in page_rows.items():
            seen_rows[(words, zone)].append((number, top))
    kept: list[list[Line]] = []
    for number, (_, lines) in enumerate(pages):
        again = {place for place, (words, top) in rows[number].items()
                 if _recurs(seen_rows[(words, place[0])], number, top, times=2)}
        recurring = [(line, row) for line, zone, _, row in outers[number]
                     if (zone, row) in again
                     or _recurs(seen.get((keys[id(line)], zone), []), number, line.top)]
        running_rows = {row for _, row in recurring}
        # A bare page number goes from the row at the page's edge, or from a row of running
        # text: a footer with the page number beside it and licence lines below it.
        dropped = {id(line) for line, _ in recurring} | {
            id(line) for line, _, edge, row in outers[number]
            if (edge or row in running_rows) and _PAGE_NUMBER.match(line.text.strip())}
        kept.append([ln for ln in lines if id(ln) not in dropped] if dropped else list(lines))
    return kept


def _line_numbers(lines: list[Line]) -> set[int]:
    """A manuscript's line numbers: bare numbers beside the text, outside the left and right
    edges all its prose keeps to, set in a column (their left or their right edges aligned),
    ten or more of them, counting up down the page. Left in, they were read into the text
    line by line ("… Numerous ACM and 106107108 SIG-specific …" in ACM's draft sample). An
    equation's scattered indices beyond the prose (a 1994 preprint's) are in no column, a
    contents page's numbers (2, 2, 3, 5…) do not count up one by one, and a code listing's
    run beside the listing only, not the page's text: all stay."""
    prose = [ln for ln in lines if len(ln.text) >= 20 and _NUMBERS.match(ln.text) is None]
    if len(prose) < 2:  # a last page may hold two lines, and fifty line numbers
        return set()
    left, right = min([ln.x0 for ln in prose]), max([ln.x1 for ln in prose])
    found = [ln for ln in lines if (ln.x1 <= left + 1 or ln.x0 >= right - 1)
             and _NUMBERS.match(ln.text) is not None]
    if len(found) < _LINE_NUMBERS:
        return set()
    columns: dict[tuple[str, int], list[Line]] = defaultdict(list)
    for ln in found:  # an edge within a point or so of another's: one column
        columns[("left", round(ln.x0 / 2))].append(ln)
        columns[("right", round(ln.x1 / 2))].append(ln)
    # a manuscript numbers the lines of its whole text; a code listing's numbers run down
    # beside the listing only, and the page's prose around it is not to be read into it
    return {id(ln) for column in columns.values()
            if len(column) >= _LINE_NUMBERS and _counts_up(column) and _beside_all(column, prose)
            for ln in column}


def _beside_all(column: list[Line], prose: list[Line]) -> bool:
    """Whether the numbers run beside most of the page's prose (its running head and the
    like aside) and nearly every line of prose down their stretch has one at its height."""
    low, high = min([ln.bottom for ln in column]), max([ln.top for ln in column])
    inside = [ln for ln in prose if low < ln.top and ln.bottom < high]
    spans = [(ln.bottom, ln.top) for ln in column]
    beside = sum(any(bottom < ln.top and ln.bottom < top for bottom, top in spans)
                 for ln in inside)
    return len(inside) >= 0.6 * len(prose) and beside >= 0.8 * len(inside)


def _counts_up(column: list[Line]) -> bool:
    """Whether the numbers, read down the page, go up one line at a time: nearly every one
    more than the one above it (a blank line's number may be missing), none repeated. Pieces
    of several numbers run together ("106107108") are passed over."""
    numbers = [int(token) for ln in sorted(column, key=lambda ln: -ln.top)
               for token in ln.text.split() if len(token) <= 5]
    steps = [b - a for a, b in zip(numbers, numbers[1:], strict=False)]
    return bool(steps) and sum(1 <= step <= 2 for step in steps) >= 0.8 * len(steps)


def _outer(lines: list[Line], height: float) -> list[tuple[Line, str, bool, int]]:
    """The lines in the page's outermost rows (top three and bottom three baselines) that lie in
    its margins, with their margin ("top" or "bottom"), whether they are on the very edge row
    and their row's number (from the top). A bare number in a margin is a page number only on
    the edge row or beside running text: elsewhere it may be an equation's number. Tops within
    two points make one row (a page number set a point lower than its footer). A figure's axis
    labels or an equation near the edge are further in."""
    if not lines:
        return []
    rounded = [round(ln.top) for ln in lines]
    row_of: dict[int, int] = {}
    previous, row = None, 0
    for top in sorted(set(rounded), reverse=True):
        if previous is not None and previous - top > 2:
            row += 1
        row_of[top], previous = row, top
    upper, lower = height * (1 - _MARGIN), height * _MARGIN
    found = []
    for ln, top in zip(lines, rounded, strict=True):  # a row's number only for a margin's line
        if ln.bottom > upper:
            number = row_of[top]
            if number <= 2:
                found.append((ln, "top", number == 0, number))
        elif ln.top < lower:
            number = row_of[top]
            if number >= row - 2:
                found.append((ln, "bottom", number == row, number))
    return found


def _rows(outer: list[tuple[Line, str, bool, int]], keys: dict[int, str]
          ) -> dict[tuple[str, int], tuple[str, float]]:
    """Each margin row's words (digits folded, bare numbers left out, in alphabetical order)
    and its top, for rows worth matching. pdfium cuts the same footer into pieces differently
    from page to page ("www.clinsci.org 309 ©" and "2014 The Author(s)" on one page, one
    piece "www.clinsci.org 311 © 2014 The Author(s)" on the next, the page number apart on a
    third): no piece recurs, the row's words do. A row's words count as running on three
    pages or more: slides built up step by step, and an exam printed again with its answers,
    repeat a row of their text on two pages, cut differently."""
    words: dict[tuple[str, int], list[str]] = defaultdict(list)
    tops: dict[tuple[str, int], float] = {}
    for line, zone, _, row in outer:
        words[(zone, row)] += [word for word in keys[id(line)].split() if word != "#"]
        tops[(zone, row)] = max(tops.get((zone, row), line.top), line.top)
    return {place: (" ".join(sorted(found)), tops[place]) for place, found in words.items()
            if _worth_matching(" ".join(found))}


def _worth_matching(line: Line | str) -> bool:
    """Short scraps ("where", a variable) recur at the foot of pages of equations by chance."""
    count = 0
    for ch in line if isinstance(line, str) else line.text:
        if ch.isalnum():
            count += 1
            if count == 6:
                return True
    return False


def _recurs(places: list[tuple[int, float]], number: int, top: float, times: int = 1) -> bool:
    """Whether the text at `top` on page `number` is found at the same place on `times` other
    pages or more."""
    found: set[int] = set()
    for page, at in places:
        if page != number and abs(at - top) <= _SAME_PLACE:
            found.add(page)
            if len(found) == times:
                return True
    return False
