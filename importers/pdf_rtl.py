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

from importers.bidi import balance_brackets, base_letters, is_rtl, logical_order
from importers.pdf_layout import Line

_ALEFS = frozenset("\u0627\u0622\u0623\u0625\u0671")
_LAM = "\u0644"


def rtl_line(textpage: Any, text: str, a: int, b: int, cuts: list[float]) -> list[Line]:
    """pdfium's line `text[a:b]` as logical-order lines, split at the gutters `cuts`."""
    # The raw call with reused out-parameters is about three times faster than get_charbox.
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    out = (ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom), ctypes.byref(top))
    char_box, handle = pdfium_c.FPDFText_GetCharBox, textpage.raw
    glyphs: list[tuple[float, str, tuple[float, float, float, float]]] = []
    last_box: tuple[float, float, float, float] | None = None
    for index in range(a, b):
        ch = text[index]
        char_box(handle, index, *out)
        box = (left.value, bottom.value, right.value, top.value)
        if glyphs and (unicodedata.combining(ch) or box == last_box):
            # A vowel mark stays on its letter; several letters from one glyph stay together.
            x, chars, first_box = glyphs[-1]
            glyphs[-1] = (x, chars + ch, first_box)
            continue
        glyphs.append(((box[0] + box[2]) / 2, ch, box))
        last_box = box
    glyphs.sort(key=lambda g: g[0])  # display order, left to right
    pieces: list[list[tuple[float, str, tuple[float, float, float, float]]]] = [
        [] for _ in range(len(cuts) + 1)
    ]
    for glyph in glyphs:
        pieces[bisect(cuts, glyph[0])].append(glyph)
    lines = []
    for piece in pieces:
        visual = [_ligature_order(chars) if len(chars) == 2 else chars for _, chars, _ in piece]
        if not "".join(visual).strip():
            continue
        logical = logical_order(visual, mirror=False)
        boxes = [box for _, _, box in piece]
        lines.append(Line(
            text=balance_brackets(base_letters(logical)),
            x0=min(r[0] for r in boxes), x1=max(r[2] for r in boxes),
            bottom=min(r[1] for r in boxes), top=max(r[3] for r in boxes),
        ))
    return lines


def _ligature_order(chars: str) -> str:
    """Lam-alef is one glyph for two letters; whatever order pdfium gave, lam is read first."""
    if chars[0] in _ALEFS and chars[1] == _LAM:
        return chars[::-1]
    return chars


def mostly_rtl(lines: list[Line]) -> bool:
    """A page whose lines are mostly right-to-left reads its columns from the right."""
    return is_rtl("".join(ln.text for ln in lines))
