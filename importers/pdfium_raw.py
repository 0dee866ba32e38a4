"""pdfium's few per-line text calls through bare ctypes prototypes.

Reading a page's line boxes takes tens of thousands of calls on a long article. pypdfium2's
raw bindings declare typed pointer arguments, and converting them costs more than pdfium's
lookup itself. The same C functions are declared here with no argument types at all, and
every pointer is passed as a `c_void_p` made once (the text page's handle, each slot of one
reusable array of doubles): ctypes then hands them over as they are, and only the small
integer arguments (indices, counts) are converted, as C ints, which is what pdfium takes.
Measured: 0.38 µs a call, against 0.57 with integer-address prototypes and 2.0 through
pypdfium2. Results are read back from the array with a single slice. Only the calls the reader
makes per line or per character are here; everything else goes through pypdfium2 as usual.

Without argument types ctypes would pass a plain Python int as a 32-bit C int, so a pointer
must never be given as an int here: always one of the `c_void_p` objects below.
"""

from __future__ import annotations

import ctypes
from itertools import repeat
from typing import Any

import pypdfium2.raw as pdfium_c

_Pointer = ctypes.c_void_p


def _bare(function: Any) -> Any:
    """The C function behind a pypdfium2 binding, returning an int, with no argument types
    (see the module's docstring for what its callers must pass)."""
    address = ctypes.cast(function, ctypes.c_void_p).value
    if address is None:
        raise ImportError(f"pdfium has no {function.__name__}")
    return ctypes.CFUNCTYPE(ctypes.c_int)(address)


# (text page, start, count)
_COUNT_RECTS = _bare(pdfium_c.FPDFText_CountRects)
# (text page, index, &left, &top, &right, &bottom)
_GET_RECT = _bare(pdfium_c.FPDFText_GetRect)
# (text page, index, &left, &right, &bottom, &top)
_GET_CHAR_BOX = _bare(pdfium_c.FPDFText_GetCharBox)
# (text page, index, an FS_RECTF: four floats, left, top, right, bottom)
_GET_LOOSE_BOX = _bare(pdfium_c.FPDFText_GetLooseCharBox)
# (text page, index): the character's font weight (400 regular, 700 bold), -1 if unknown
_GET_WEIGHT = _bare(pdfium_c.FPDFText_GetFontWeight)
# (text page, index, buffer, its length, &flags): the font's name, NUL-terminated
_GET_FONT_INFO = _bare(pdfium_c.FPDFText_GetFontInfo)


class TextBoxes:
    """Boxes of one text page's characters and character ranges, in PDF points."""

    def __init__(self, textpage: Any) -> None:
        self.handle = _Pointer(ctypes.cast(textpage.raw, ctypes.c_void_p).value)
        self._size = 0
        self._grow(64)
        self._loose = (ctypes.c_float * 4)()
        self._loose_at = _Pointer(ctypes.addressof(self._loose))

    def _grow(self, rects: int) -> None:
        """Room for `rects` boxes, and the arguments of each box's `_GET_RECT` call made once:
        the page, the box's index and its four doubles' addresses."""
        self._size = rects
        self._buffer = (ctypes.c_double * (4 * rects))()
        at = ctypes.addressof(self._buffer)
        doubles = list(map(_Pointer, range(at, at + 32 * rects, 8)))
        self._calls = list(zip(repeat(self.handle), range(rects), doubles[0::4], doubles[1::4],
                               doubles[2::4], doubles[3::4], strict=False))
        self._first_box = self._calls[0][2:]  # where `char_centre` has its box written

    def rects(self, start: int, count: int) -> list[float]:
        """pdfium's boxes of the range (one per run of glyphs drawn together), flat:
        left, top, right, bottom for each."""
        handle = self.handle
        n: int = _COUNT_RECTS(handle, start, count)
        if n > self._size:
            self._grow(2 * n)
        get, calls = _GET_RECT, self._calls
        for i in range(n):
            get(*calls[i])
        return self._buffer[:4 * n]

    def char_centre(self, index: int) -> tuple[float, float]:
        """The middle of a character's box (a space pdfium made up has an empty box where the
        space would be)."""
        _GET_CHAR_BOX(self.handle, index, *self._first_box)
        left, right, bottom, top = self._buffer[:4]
        return (left + right) / 2, (bottom + top) / 2

    def char_box(self, index: int) -> tuple[float, float, float, float]:
        """A character's glyph box: left, bottom, right, top."""
        _GET_CHAR_BOX(self.handle, index, *self._first_box)
        left, right, bottom, top = self._buffer[:4]
        return float(left), float(bottom), float(right), float(top)

    def weight(self, index: int) -> int:
        """The font weight of a character (400 regular, 700 bold; 0 or -1 when unknown, as
        for the standard fonts a PDF names without embedding)."""
        return int(_GET_WEIGHT(self.handle, index))

    def font_name(self, index: int) -> str:
        """The name of a character's font ("Helvetica-Bold", "ABCDEF+MinionPro-Regular")."""
        name = ctypes.create_string_buffer(256)  # pdfium copies nothing into a short one
        flags = ctypes.c_int()
        # the length is an unsigned long, not an int: given as one (see the module docstring)
        _GET_FONT_INFO(self.handle, index, _Pointer(ctypes.addressof(name)), ctypes.c_ulong(256),
                       _Pointer(ctypes.addressof(flags)))
        return name.value.decode("latin-1")

    def glyph_height(self, index: int) -> float:
        """The height of a character's glyph box (its box left at the buffer's start)."""
        _GET_CHAR_BOX(self.handle, index, *self._first_box)
        return float(self._buffer[3] - self._buffer[2])

    def loose_height(self, index: int) -> float:
        """The height of a character's loose box: the font's ascent to descent."""
        _GET_LOOSE_BOX(self.handle, index, self._loose_at)
        return float(self._loose[1] - self._loose[3])
