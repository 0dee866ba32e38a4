"""Right-to-left lines of a PDF page in reading order.

pdfium already reorders right-to-left text, but not reliably: in a Hebrew or Arabic line it
reverses the order of the words of an embedded English phrase ("peer support" comes out as
"support peer"), moves the hyphen of "ו-1,000", mirrors brackets for some producers but not
others, and reverses lam-alef when the producer maps that one glyph to two letters. So for a
line holding right-to-left letters we ignore pdfium's order: we put the characters back in
display order by their boxes on the page and run our own bidi pass (`importers.bidi`) over
that. Lines with no right-to-left letter never come here, so left-to-right import costs the
same as before.
"""

from __future__ import annotations

import ctypes
import unicodedata
from bisect import bisect
from typing import Any

import pypdfium2.raw as pdfium_c

from importers.bidi import balance_brackets, base_letters, has_rtl, is_rtl, logical_order
from importers.pdf_visual_lines import Line

_ALEFS = frozenset("\u0627\u0622\u0623\u0625\u0671")
_LAM = "\u0644"


Box = tuple[float, float, float, float]  # left, bottom, right, top
Glyph = tuple[float, str, Box]  # x centre, characters, box


def rtl_line(
    textpage: Any, text: str, ranges: list[tuple[int, int]], cuts: list[float]
) -> list[Line]:
    """pdfium's lines `text[a:b]` (one visual line) as logical-order lines split at `cuts`."""
    glyphs = _drop_stray_spaces(_glyphs(textpage, text, ranges))
    glyphs.sort(key=lambda g: g[0])  # display order, left to right
    pieces: list[list[Glyph]] = [[] for _ in range(len(cuts) + 1)]
    for glyph in glyphs:
        pieces[bisect(cuts, glyph[0])].append(glyph)
    lines = []
    for piece in pieces:
        visual = [_ligature_order(chars) if len(chars) == 2 else chars for _, chars, _ in piece]
        if not "".join(visual).strip():
            continue
        logical = logical_order(visual, mirror=False)
        lefts, bottoms, rights, tops = zip(*(box for _, _, box in piece), strict=True)
        lines.append(Line(
            text=balance_brackets(base_letters(logical)),
            x0=min(lefts), x1=max(rights), bottom=min(bottoms), top=max(tops),
        ))
    return lines


def same_visual_line(before: list[Any], after: list[Any]) -> bool:
    """pdfium can break a line of vowelled Arabic in two; the pieces share a baseline band and
    sit side by side."""
    low, high = min(r[1] for r in before), max(r[3] for r in before)
    low2, high2 = min(r[1] for r in after), max(r[3] for r in after)
    overlap = min(high, high2) - max(low, low2)
    left, right = min(r[0] for r in before), max(r[2] for r in before)
    left2, right2 = min(r[0] for r in after), max(r[2] for r in after)
    side_by_side = right2 <= left + 1 or left2 >= right - 1
    return bool(side_by_side and overlap > 0.6 * min(high - low, high2 - low2))


def _glyphs(textpage: Any, text: str, ranges: list[tuple[int, int]]) -> list[Glyph]:
    """Characters with their boxes, in pdfium's order, grouped as they were drawn: a vowel mark
    stays on its letter, and the letters one glyph stands for stay together."""
    # The raw call with reused out-parameters is about three times faster than get_charbox.
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    out = (ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom), ctypes.byref(top))
    char_box, handle = pdfium_c.FPDFText_GetCharBox, textpage.raw
    glyphs: list[Glyph] = []
    last_box: Box | None = None
    carried = ""  # marks pdfium put after a space belong to the next letter
    for a, b in ranges:
        for index in range(a, b):
            ch = text[index]
            char_box(handle, index, *out)
            box = (left.value, bottom.value, right.value, top.value)
            if glyphs and (unicodedata.combining(ch) or box == last_box):
                x, chars, first_box = glyphs[-1]
                if chars.isspace():
                    carried += ch
                else:
                    glyphs[-1] = (x, chars + ch, first_box)
                continue
            glyphs.append(((box[0] + box[2]) / 2, ch + carried if carried else ch, box))
            carried = ""
            last_box = box
    return glyphs


def _drop_stray_spaces(glyphs: list[Glyph]) -> list[Glyph]:
    """pdfium sometimes puts a zero-width space inside a shaped Arabic word (between letters
    whose boxes overlap); a real word space lies between its neighbours' boxes."""
    kept: list[Glyph] = []
    for i, glyph in enumerate(glyphs):
        x, chars, box = glyph
        if chars == " " and box[2] - box[0] < 0.01:
            neighbours = glyphs[max(i - 1, 0):i] + glyphs[i + 1:i + 2]
            if any(n[2][0] + 0.5 < x < n[2][2] - 0.5 for n in neighbours if n[1] != " "):
                continue
        kept.append(glyph)
    return kept


def _ligature_order(chars: str) -> str:
    """Lam-alef is one glyph for two letters; whatever order pdfium gave, lam is read first."""
    if chars[0] in _ALEFS and chars[1] == _LAM:
        return chars[::-1]
    return chars


def page_direction(lines: list[Line]) -> tuple[bool, bool]:
    """(any right-to-left letter, mostly right-to-left): the latter reads columns from the
    right. One joined string, so a left-to-right page pays a single scan."""
    text = "".join(ln.text for ln in lines)
    if not has_rtl(text):
        return False, False
    return True, is_rtl(text)
