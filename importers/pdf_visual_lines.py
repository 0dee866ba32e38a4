"""Visual lines: the pieces of a PDF line as pdfium gives them, and pieces on one baseline joined.

A `Line` is a piece of a line or a whole one, with its box (PDF points, y upwards), its type size
and the `Part`s of the page it was read from. pdfium splits a line at superscripts and font
changes, so `importers.pdf_layout` joins the pieces on one baseline within each layout region
into one visual line (`visual_lines`); `joiner` says what stands between two pieces: a tab
between table cells, a space between words, nothing before a superscript. Every stage of the
PDF reader (`pdf_lines`, `pdf_running`, `pdf_turn`, `pdf_rtl`, `pdf_layout`, `pdf_paragraphs`)
works on these lines, so they stand below all of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import attrgetter


@dataclass(slots=True)
class Part:
    """A stretch of one visual line as read from the page: its text, where it came from."""

    text: str
    page: int
    char_start: int
    char_end: int
    box: tuple[float, float, float, float]  # left, bottom, right, top
    spaced: bool = False  # pdfium put a space before or after it
    # It opens with a run-in heading: a bold "Results." or "Objectives" leading into plain
    # text, just after a sentence ended (a structured abstract's parts; `pdf_lines.run_in`)
    lead: bool = False
    # It opens with a mark set as a superscript, "²Computational and…" (`pdf_lines.raised_mark`):
    # the next of a list of affiliations or notes
    mark: bool = False


@dataclass(slots=True, init=False)
class Line:
    """A piece of a visual line, or a whole one. Not changed once made (its height and type
    size are worked out when it is)."""

    text: str
    x0: float
    x1: float
    bottom: float
    top: float
    parts: tuple[Part, ...] = ()
    font: float = 0.0  # its type size (loose box height): a superscript or a drop cap would
    #                    make the line's own box look taller than its type
    # Worked out once: the layout passes ask for them hundreds of thousands of times.
    height: float = field(init=False)
    size: float = field(init=False)

    def __init__(self, text: str, x0: float, x1: float, bottom: float, top: float,
                 parts: tuple[Part, ...] = (), font: float = 0.0) -> None:
        """The dataclass's own, written out with what __post_init__ did: tens of thousands of
        lines are made for a few PDFs, and the extra call and max() cost a quarter of it."""
        self.text, self.x0, self.x1 = text, x0, x1  # in threes or twos: no tuple is built
        self.bottom, self.top = bottom, top
        self.parts, self.font = parts, font
        height = top - bottom
        self.height = 1.0 if height < 1.0 else height  # max(height, 1.0), NaN included
        self.size = font or self.height


left_edge = attrgetter("x0")  # a sort key, faster than a lambda


def visual_lines(lines: list[Line]) -> list[Line]:
    """Pieces sharing a baseline become one line, read left to right, top to bottom."""
    rows: list[list[Line]] = []
    low = high = height = 0.0
    # min() and max() written out: this runs for every line piece of a PDF, and the calls
    # cost more than the comparisons (the same results, NaN included).
    for ln in sorted(lines, key=lambda ln: (-ln.top, ln.x0)):
        top, bottom = ln.top, ln.bottom
        if rows and ((top if top < high else high) - (bottom if bottom > low else low)
                     >= 0.5 * (height if height < ln.height else ln.height)):
            rows[-1].append(ln)
            if bottom < low:
                low = bottom
            if top > high:
                high = top
            continue
        rows.append([ln])
        low, high, height = bottom, top, ln.height
    return [_merge(row) if len(row) > 1 else row[0] for row in rows]


def mirrored(ln: Line) -> Line:
    return Line(ln.text, -ln.x1, -ln.x0, ln.bottom, ln.top, ln.parts, ln.font)


def _merge(row: list[Line]) -> Line:
    """The pieces of one visual line as one line. One pass over them, min() and max() written
    out (the same results, NaN included): about a line in eight is pieced together."""
    if len(row) == 1:
        return row[0]
    row.sort(key=left_edge)
    first = row[0]
    texts = [first.text.strip()]
    x1, bottom, top = first.x1, first.bottom, first.top
    widest, widest_width = first, first.x1 - first.x0
    prev = first
    for ln in row[1:]:
        spaced = prev.text[-1:].isspace() or ln.text[:1].isspace()
        size = ln.size if ln.size < prev.size else prev.size
        texts.append(joiner(prev.x1, ln.x0, size, spaced))
        texts.append(ln.text.strip())
        if ln.x1 > x1:
            x1 = ln.x1
        if ln.bottom < bottom:
            bottom = ln.bottom
        if ln.top > top:
            top = ln.top
        if ln.x1 - ln.x0 > widest_width:
            widest, widest_width = ln, ln.x1 - ln.x0
        prev = ln
    return Line("".join(texts), first.x0, x1, bottom, top,
                tuple([p for ln in row for p in ln.parts]), widest.size)


def joiner(right: float, left: float, size: float, spaced: bool = False) -> str:
    """What stands between two pieces of a line: a tab between table cells (a gap wider than a
    type size and a bit), a space between words, nothing between a word and its superscript."""
    gap = left - right
    if gap > 1.2 * size:
        return "\t"
    return " " if spaced or gap > 0.15 * size else ""
