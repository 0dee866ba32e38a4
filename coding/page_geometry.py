"""Where the stored text lies on a PDF page, and the page itself as pixels.

The page view, the `page-image` command and region coding all ask the same questions: which
boxes hold the characters [start, end) of the stored text, which character is under a point,
which text lies inside a rectangle. The answers come from the document's runs
(`coding.page_layout`) and pdfium's character boxes, read from the original bytes kept in the
project. Boxes are PDF points, origin bottom-left (left, bottom, right, top); `Frame` turns
them into the page as shown (origin top-left, the page's rotation and crop box applied).
Every pdfium call holds `PDFIUM`: pdfium is not thread-safe and the importer may be reading.
"""

from __future__ import annotations

import unicodedata
from array import array
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from coding.errors import InvalidInput
from importers.affine import Affine
from importers.base import TextRun
from importers.pdf_turn import page_to_shown
from importers.pdfium_guard import PDFIUM

Box = tuple[float, float, float, float]  # left, bottom, right, top in PDF points


@dataclass(frozen=True, init=False)
class Frame(Affine):
    """Page space (PDF points) to the page as shown at zoom 1 (points, origin top-left), with
    that page's size: u = a*x + c*y + e, v = b*x + d*y + f. Built as `page_to_shown` gives
    the numbers, size first, hence the hand-written `__init__`; the view's names for the
    map's methods are the ones the page view and page image were written with."""

    width: float
    height: float

    def __init__(self, width: float, height: float,
                 a: float, b: float, c: float, d: float, e: float, f: float) -> None:
        super().__init__(a, b, c, d, e, f)
        object.__setattr__(self, "width", width)
        object.__setattr__(self, "height", height)

    to_view = Affine.point
    to_page = Affine.point_back
    box_to_view = Affine.box  # (left, top, right, bottom) on the page as shown, at zoom 1

    def view_to_box(self, left: float, top: float, right: float, bottom: float) -> Box:
        return self.box_back((left, top, right, bottom))


@dataclass
class PageText:
    """The stored characters of one page that have a box, in stored (reading) order. Flat
    arrays, not lists of tuples: a page holds thousands of characters, and as tuples they kept
    the garbage collector busy enough to stall scrolling."""

    number: int
    offsets: array[int]
    boxes: array[float]  # four per character: left, bottom, right, top
    lines: array[int]  # the run each character came from: one line piece
    chars: array[int]  # each character's pdfium index on the page

    def box(self, i: int) -> Box:
        b, k = self.boxes, 4 * i
        return b[k], b[k + 1], b[k + 2], b[k + 3]

    def span_boxes(self, start: int, end: int) -> list[Box]:
        """One box per line piece the span [start, end) covers, in reading order."""
        found: list[Box] = []
        line = -1
        b = self.boxes
        for i in range(bisect_left(self.offsets, start), bisect_left(self.offsets, end)):
            k = 4 * i
            if self.lines[i] != line or not found:
                found.append((b[k], b[k + 1], b[k + 2], b[k + 3]))
                line = self.lines[i]
            else:
                last = found[-1]
                found[-1] = (min(last[0], b[k]), min(last[1], b[k + 1]),
                             max(last[2], b[k + 2]), max(last[3], b[k + 3]))
        return found

    def offset_at(self, x: float, y: float) -> int | None:
        """The character under (x, y), or the nearest one; beside a line counts for that line
        (vertical distance weighs more), so a drag past a line's end takes its last character."""
        best, best_distance = None, float("inf")
        b = self.boxes
        for i, offset in enumerate(self.offsets):
            k = 4 * i
            left, bottom, right, top = b[k], b[k + 1], b[k + 2], b[k + 3]
            dx = left - x if x < left else x - right if x > right else 0.0
            dy = bottom - y if y < bottom else y - top if y > top else 0.0
            distance = dx + 4 * dy
            if distance < best_distance:
                best, best_distance = offset, distance
                if distance == 0:
                    break
        return best

    def span_in(self, box: Box) -> tuple[int, int] | None:
        """The stored span from the first to the last character whose centre is inside `box`."""
        b = self.boxes
        inside = [offset for i, offset in enumerate(self.offsets)
                  if box[0] <= (b[4 * i] + b[4 * i + 2]) / 2 <= box[2]
                  and box[1] <= (b[4 * i + 1] + b[4 * i + 3]) / 2 <= box[3]]
        return (min(inside), max(inside) + 1) if inside else None


@dataclass(frozen=True)
class Pixels:
    """A rendered page: RGBX bytes, `stride` bytes a row."""

    width: int
    height: int
    stride: int
    data: bytes


def fold_char(ch: str) -> str:
    """A pdfium character as the reader writes it: ligatures as letters (NFKC), pdfium's
    hyphen marker U+FFFE and a soft hyphen as "-"."""
    if ord(ch) <= 127:
        return ch
    if ch in "\ufffe\u00ad":
        return "-"
    return unicodedata.normalize("NFKC", ch)


def _fold(text: str) -> tuple[str, list[int]]:
    """Each character folded (fold_char), with where each came from."""
    out: list[str] = []
    origin: list[int] = []
    for index, ch in enumerate(text):
        folded = fold_char(ch)
        for piece in folded or ch:
            out.append(piece)
            origin.append(index)
    return "".join(out), origin


def char_map(stored: str, page_text: str) -> list[int | None]:
    """For each stored character, the index of its pdfium character in `page_text` (None for
    white space). Equal texts map one to one; otherwise matching blocks are found (ligatures,
    a dropped hyphen, stripped spaces), and what is left in between maps in proportion."""
    if stored == page_text:
        return [None if ch.isspace() else i for i, ch in enumerate(stored)]
    at = page_text.find(stored) if stored else -1  # the reader stripped the line's spaces
    if at >= 0:
        return [None if ch.isspace() else at + i for i, ch in enumerate(stored)]
    folded, origin = _fold(page_text)
    result: list[int | None] = [None] * len(stored)
    matcher = SequenceMatcher(None, stored, folded, autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            result[a + k] = origin[b + k]
    if page_text:
        scale = len(page_text) / max(len(stored), 1)
        for i, ch in enumerate(stored):
            if result[i] is None and not ch.isspace():
                result[i] = min(int(i * scale), len(page_text) - 1)
    return [None if ch.isspace() else result[i] for i, ch in enumerate(stored)]


def _sized(found: list[tuple[int, int, Box]], line: Box) -> list[tuple[int, int, Box]]:
    """Some fonts give pdfium only a point for a glyph (its origin): such a character gets
    the height of its neighbours (or of its line) and their usual width, so it can be drawn
    and clicked like the others. A character with no position at all is left out."""
    real = [box for _o, _i, box in found if box[2] > box[0] and box[3] > box[1]]
    if len(real) == len(found):
        return found
    if real:
        real.sort(key=lambda b: b[3] - b[1])
        bottom, top = real[len(real) // 2][1], real[len(real) // 2][3]
        width = sorted(b[2] - b[0] for b in real)[len(real) // 2]
    else:
        bottom, top = line[1], line[3]
        width = (top - bottom) / 2
    if top <= bottom or width <= 0:
        return [(o, i, box) for o, i, box in found if box[2] > box[0] and box[3] > box[1]]
    sized = []
    for offset, index, box in found:
        if box[2] > box[0] and box[3] > box[1]:
            sized.append((offset, index, box))
        elif box != (0.0, 0.0, 0.0, 0.0):
            sized.append((offset, index, (box[0], bottom, box[0] + width, top)))
    return sized


class PdfPages:
    """A PDF opened from the project's stored bytes, for geometry and pixels."""

    def __init__(self, data: bytes, password: str | None = None) -> None:
        self._data = data  # pdfium reads from this buffer for as long as the document is open
        with PDFIUM:
            try:
                self.pdf: Any = pdfium.PdfDocument(data, password=password)
            except pdfium.PdfiumError as exc:
                raise InvalidInput(f"the stored PDF cannot be opened ({exc})") from None
            self.page_count = len(self.pdf)
        self._frames: dict[int, Frame] = {}

    def close(self) -> None:
        with PDFIUM:
            self.pdf.close()

    def __enter__(self) -> PdfPages:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def sizes(self) -> list[tuple[float, float]]:
        """Every page's size in points as shown (rotation applied), without loading pages."""
        with PDFIUM:
            return [(float(w), float(h)) for w, h in
                    (self.pdf.get_page_size(i) for i in range(self.page_count))]

    def _page(self, number: int) -> Any:
        if not 1 <= number <= self.page_count:
            raise InvalidInput(f"page {number} is not in the document (1-{self.page_count})")
        return self.pdf[number - 1]

    def frame(self, number: int) -> Frame:
        """How page points land on the shown page, from pdfium's own page-to-device mapping
        (so rotation and crop boxes come out as the renderer draws them)."""
        found = self._frames.get(number)
        if found is not None:
            return found
        with PDFIUM:
            page = self._page(number)
            width, height, mapping = page_to_shown(page)
            page.close()
        found = Frame(width, height, *mapping)
        self._frames[number] = found
        return found

    def page_text(self, number: int, runs: Sequence[TextRun], text: str) -> PageText:
        """Boxes of the stored characters of this page's runs (loose boxes: a line's height
        whatever the letters, so highlights line up)."""
        offsets: list[int] = []
        boxes: list[Box] = []
        lines: list[int] = []
        indices: list[int] = []
        with PDFIUM:
            page = self._page(number)
            textpage = page.get_textpage()
            chars: str = textpage.get_text_range()
            rect = pdfium_c.FS_RECTF()
            for line, run in enumerate(r for r in runs if r.page == number):
                part = chars[run.char_start:run.char_end]
                found: list[tuple[int, int, Box]] = []
                for i, index in enumerate(char_map(text[run.start:run.end], part)):
                    if index is not None:
                        pdfium_c.FPDFText_GetLooseCharBox(textpage.raw, run.char_start + index,
                                                          rect)
                        found.append((run.start + i, run.char_start + index,
                                      (rect.left, rect.bottom, rect.right, rect.top)))
                for offset, index, box in _sized(found, run.box):
                    offsets.append(offset)
                    boxes.append(box)
                    lines.append(line)
                    indices.append(index)
            textpage.close()
            page.close()
        order = sorted(range(len(offsets)), key=offsets.__getitem__)
        return PageText(number, array("q", (offsets[i] for i in order)),
                        array("d", (v for i in order for v in boxes[i])),
                        array("l", (lines[i] for i in order)),
                        array("l", (indices[i] for i in order)))

    def render(self, number: int, scale: float, box: Box | None = None) -> Pixels:
        """The page at `scale` pixels per point, RGBX, white where the PDF draws nothing;
        with `box` (PDF points), only that part of it."""
        if not 0.05 <= scale <= 16:
            raise InvalidInput(f"zoom {scale} is out of range (0.05-16)")
        crop = (0.0, 0.0, 0.0, 0.0)
        if box is not None:  # pdfium crops by margins of the page as shown
            frame = self.frame(number)
            left, top, right, bottom = frame.box_to_view(box)
            crop = (max(left, 0.0), max(frame.height - bottom, 0.0),
                    max(frame.width - right, 0.0), max(top, 0.0))
        with PDFIUM:
            page = self._page(number)
            bitmap = page.render(scale=scale, crop=crop, prefer_bgrx=True, rev_byteorder=True)
            pixels = Pixels(bitmap.width, bitmap.height, bitmap.stride, bytes(bitmap.buffer))
            bitmap.close()
            page.close()
        return pixels
