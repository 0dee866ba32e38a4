"""A PDF page's text as pieces of lines with their boxes and pdfium character indices.

pdfium gives the page's text in content order with line breaks, and the boxes of any character
range cheaply (`count_rects`, one box per run of glyphs drawn together). A pdfium line can hold
text from two columns when the producer drew them in turn, so a line is cut wherever its boxes
leave a gap wider than a word space; the layout pass puts pieces of one visual line back
together once it knows where the columns are. Every piece remembers the character indices it
was read from, so the stored text can be mapped back onto the page (`TextRun`).
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pypdfium2.raw as pdfium_c

from importers.bidi import RTL_CHAR, has_rtl
from importers.pdf_layout import Line, Part
from importers.pdf_paragraphs import join_two
from importers.pdf_rtl import rtl_line, same_visual_line

LIGATURES = str.maketrans({
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
    "\ufb05": "st", "\ufb06": "st", "\x00": "",
})
# pdfium joins a word hyphenated across a line end itself and marks the join with U+FFFE
# (sometimes U+0002 or a soft hyphen); whether the hyphen stays is our rule in join_two.
_LINE_END_HYPHEN = re.compile(r"(\S+?)[\ufffe\x02\u00ad]\s*(\S)")
_CID = re.compile(r"\(cid:\d+\)")
_BREAK = re.compile(r"\r\n|\n|\r")
_NEEDS_CLEANING = re.compile(r"[\ufb00-\ufb06\x00\ufffe\x02\u00ad]|\(cid:")
_PIECE_GAP = 0.6  # a gap between boxes wider than this many line heights cuts a pdfium line

Box = tuple[float, float, float, float]  # left, bottom, right, top


def _as_is(text: str) -> str:
    return text


def clean(text: str) -> str:
    text = _LINE_END_HYPHEN.sub(lambda m: join_two(m.group(1) + "-", m.group(2)), text)
    return _CID.sub("", text.translate(LIGATURES)).replace("\ufffe", "-")


class _Boxes:
    """pdfium's box calls through the raw API with reused out-parameters: the wrapper's
    per-call objects cost more than the lookup itself on a page of a thousand lines."""

    def __init__(self, textpage: Any) -> None:
        self.handle = textpage.raw
        self.values = [ctypes.c_double() for _ in range(4)]
        self.refs = [ctypes.byref(v) for v in self.values]
        self.loose = pdfium_c.FS_RECTF()
        self.clean: Callable[[str], str] = clean

    def rects(self, start: int, count: int) -> list[Box]:
        n = pdfium_c.FPDFText_CountRects(self.handle, start, count)
        left, top, right, bottom = self.values
        found = []
        for i in range(n):
            pdfium_c.FPDFText_GetRect(self.handle, i, *self.refs)
            found.append((left.value, bottom.value, right.value, top.value))
        return found

    def type_size(self, text: str, a: int, b: int) -> float:
        """The height of a character's loose box (the font's ascent to descent): unlike glyph
        boxes, the same for "x" as for "Q", so lines of one type size measure alike."""
        middle = (a + b) // 2
        while middle < b - 1 and text[middle].isspace():
            middle += 1
        pdfium_c.FPDFText_GetLooseCharBox(self.handle, middle, self.loose)
        return max(float(self.loose.top - self.loose.bottom), 1.0)

    def char_left(self, index: int) -> float:
        left, right, bottom, top = self.refs
        pdfium_c.FPDFText_GetCharBox(self.handle, index, left, right, bottom, top)
        return self.values[0].value


def page_lines(textpage: Any, page: int = 1) -> list[Line]:
    """The page's line pieces with their boxes, in pdfium's content order."""
    text: str = textpage.get_text_range()
    boxes = _Boxes(textpage)
    boxes.clean = clean if _NEEDS_CLEANING.search(text) else _as_is
    any_rtl = has_rtl(text)
    lines: list[Line] = []
    rtl_ranges: list[tuple[int, int]] = []  # pdfium lines making one right-to-left line
    rtl_boxes: list[Box] = []
    start = 0
    for match in _BREAK.finditer(text + "\r\n"):
        a, b = start, match.start()
        start = match.end()
        if b <= a or not text[a:b].strip():
            continue
        rects = [r for r in boxes.rects(a, b - a) if r[2] > r[0] or r[3] > r[1]]
        if not rects:
            # Some Type 3 fonts (old TeX maths) give no boxes: the text stays, beside the last
            # line read, where content order puts it.
            if lines:
                last = lines[-1]
                boxless = _line(boxes, text, a, b, [(last.x1, last.bottom, last.x1, last.top)], page)
                boxless.font = last.size
                lines.append(boxless)
            continue
        if any_rtl and RTL_CHAR.search(text, a, b) is not None:
            if rtl_ranges and not same_visual_line(rtl_boxes, rects):
                lines.extend(_rtl_lines(textpage, text, rtl_ranges, rtl_boxes, page))
                rtl_ranges, rtl_boxes = [], []
            rtl_ranges.append((a, b))
            rtl_boxes.extend(rects)
        else:
            lines.extend(_pieces(boxes, text, a, b, rects, page))
    if rtl_ranges:
        lines.extend(_rtl_lines(textpage, text, rtl_ranges, rtl_boxes, page))
    return lines


def _rtl_lines(textpage: Any, text: str, ranges: list[tuple[int, int]], boxes: list[Box],
               page: int) -> list[Line]:
    # Right-to-left lines are reordered glyph by glyph; their run covers the whole range.
    first, last = ranges[0][0], ranges[-1][1]
    found = []
    for ln in rtl_line(textpage, text, ranges, _cuts(boxes, 1.5)):
        cleaned = clean(ln.text)
        part = Part(cleaned.strip(), page, first, last, (ln.x0, ln.bottom, ln.x1, ln.top))
        found.append(replace(ln, text=cleaned, parts=(part,)))
    return found


def _cuts(boxes: list[Box], factor: float) -> list[float]:
    """x positions where a line's boxes leave a gap wider than `factor` line heights."""
    boxes = sorted(boxes, key=lambda r: r[0])
    height = max(max(r[3] for r in boxes) - min(r[1] for r in boxes), 1.0)
    cuts = []
    reach = boxes[0][2]
    for box in boxes[1:]:
        if box[0] - reach > factor * height:
            cuts.append((reach + box[0]) / 2)
        reach = max(reach, box[2])
    return cuts


def _pieces(boxes: _Boxes, text: str, a: int, b: int, rects: list[Box], page: int) -> list[Line]:
    cuts = _cuts(rects, _PIECE_GAP) if len(rects) > 1 else []
    if not cuts:
        return [_line(boxes, text, a, b, rects, page)]
    pieces: list[Line] = []
    piece_start = a
    for cut in cuts:
        index = piece_start
        while index < b and boxes.char_left(index) < cut:
            index += 1
        if index > piece_start:
            pieces.append(_line(boxes, text, piece_start, index,
                                boxes.rects(piece_start, index - piece_start), page))
        piece_start = index
    if b > piece_start:
        pieces.append(_line(boxes, text, piece_start, b, boxes.rects(piece_start, b - piece_start),
                            page))
    return [p for p in pieces if p.text.strip()]


def _line(boxes: _Boxes, text: str, a: int, b: int, rects: list[Box], page: int) -> Line:
    if len(rects) == 1:
        box = rects[0]
    else:
        rects = rects or [(0.0, 0.0, 0.0, 0.0)]
        box = (min(r[0] for r in rects), min(r[1] for r in rects),
               max(r[2] for r in rects), max(r[3] for r in rects))
    cleaned = boxes.clean(text[a:b])
    return Line(text=cleaned, x0=box[0], x1=box[2], bottom=box[1], top=box[3],
                parts=(Part(cleaned.strip(), page, a, b, box, cleaned != cleaned.strip()),),
                font=boxes.type_size(text, a, b))
