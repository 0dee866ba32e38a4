"""pdfium's few per-line text calls through bare ctypes prototypes.

Reading a page's line boxes takes tens of thousands of calls on a long article. pypdfium2's
raw bindings declare typed pointer arguments, and converting them costs more than pdfium's
lookup itself; the same C functions declared with plain integer addresses cost about 40% of
that (measured: 0.8 against 2.0 µs a call). Results are written straight into one reusable
array of doubles, read back with a single slice. Only the calls the reader makes per line or
per character are here; everything else goes through pypdfium2 as usual.
"""

from __future__ import annotations

import ctypes
from typing import Any

import pypdfium2.raw as pdfium_c

_ADDRESS = ctypes.c_void_p
_INT = ctypes.c_int


def _bare(function: Any, *argtypes: Any) -> Any:
    """The C function behind a pypdfium2 binding, declared with plain integer arguments."""
    address = ctypes.cast(function, ctypes.c_void_p).value
    if address is None:
        raise ImportError(f"pdfium has no {function.__name__}")
    return ctypes.CFUNCTYPE(_INT, *argtypes)(address)


_COUNT_RECTS = _bare(pdfium_c.FPDFText_CountRects, _ADDRESS, _INT, _INT)
# left, top, right, bottom
_GET_RECT = _bare(pdfium_c.FPDFText_GetRect, _ADDRESS, _INT, *(_ADDRESS,) * 4)
# left, right, bottom, top
_GET_CHAR_BOX = _bare(pdfium_c.FPDFText_GetCharBox, _ADDRESS, _INT, *(_ADDRESS,) * 4)
# an FS_RECTF: four floats, left, top, right, bottom
_GET_LOOSE_BOX = _bare(pdfium_c.FPDFText_GetLooseCharBox, _ADDRESS, _INT, _ADDRESS)


class TextBoxes:
    """Boxes of one text page's characters and character ranges, in PDF points."""

    def __init__(self, textpage: Any) -> None:
        self.handle = ctypes.cast(textpage.raw, ctypes.c_void_p).value
        self._size = 0
        self._grow(64)
        self._loose = (ctypes.c_float * 4)()
        self._loose_at = ctypes.addressof(self._loose)

    def _grow(self, rects: int) -> None:
        self._size = rects
        self._buffer = (ctypes.c_double * (4 * rects))()
        self._at = ctypes.addressof(self._buffer)

    def rects(self, start: int, count: int) -> list[float]:
        """pdfium's boxes of the range (one per run of glyphs drawn together), flat:
        left, top, right, bottom for each."""
        n = _COUNT_RECTS(self.handle, start, count)
        if n > self._size:
            self._grow(2 * n)
        get, handle, at = _GET_RECT, self.handle, self._at
        for i in range(n):
            p = at + 32 * i
            get(handle, i, p, p + 8, p + 16, p + 24)
        return self._buffer[:4 * n]

    def char_centre(self, index: int) -> tuple[float, float]:
        """The middle of a character's box (a space pdfium made up has an empty box where the
        space would be)."""
        p = self._at
        _GET_CHAR_BOX(self.handle, index, p, p + 8, p + 16, p + 24)
        left, right, bottom, top = self._buffer[:4]
        return (left + right) / 2, (bottom + top) / 2

    def loose_height(self, index: int) -> float:
        """The height of a character's loose box: the font's ascent to descent."""
        _GET_LOOSE_BOX(self.handle, index, self._loose_at)
        return float(self._loose[1] - self._loose[3])
