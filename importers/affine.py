"""The one affine map between two spaces of a PDF page, and its inverse.

The reader turns a rotated page's boxes into the page as shown (`importers.pdf_turn.Turn`) and
the page view places boxes on the page as shown, y down (`coding.page_geometry.Frame`): the
same map, read from the same pdfium mapping (`pdf_turn.page_to_shown`), so it is written once.
It lives in importers/ because coding/ imports importers/, never the reverse.
"""

from __future__ import annotations

from dataclasses import dataclass

Box = tuple[float, float, float, float]  # min x, min y, max x, max y


@dataclass(frozen=True)
class Affine:
    """x' = a*x + c*y + e, y' = b*x + d*y + f, the six numbers in PDF's own order.

    Each method writes its arithmetic out instead of calling another: the reader maps every
    text line's boxes, and the page view every character's box each time it paints."""

    a: float
    b: float
    c: float
    d: float
    e: float
    f: float

    def point(self, x: float, y: float) -> tuple[float, float]:
        return self.a * x + self.c * y + self.e, self.b * x + self.d * y + self.f

    def point_back(self, x: float, y: float) -> tuple[float, float]:
        det = self.a * self.d - self.b * self.c
        x, y = x - self.e, y - self.f
        return (self.d * x - self.c * y) / det, (-self.b * x + self.a * y) / det

    def box(self, box: Box) -> Box:
        """The box's two corners mapped, put back in (min, min, max, max) order: a turn or a
        flip swaps which corner is the low one."""
        x0 = self.a * box[0] + self.c * box[1] + self.e
        y0 = self.b * box[0] + self.d * box[1] + self.f
        x1 = self.a * box[2] + self.c * box[3] + self.e
        y1 = self.b * box[2] + self.d * box[3] + self.f
        return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)

    def box_back(self, box: Box) -> Box:
        a, b, c, d = self.a, self.b, self.c, self.d
        det = a * d - b * c
        u0, v0, u1, v1 = box[0] - self.e, box[1] - self.f, box[2] - self.e, box[3] - self.f
        x0, y0 = (d * u0 - c * v0) / det, (-b * u0 + a * v0) / det
        x1, y1 = (d * u1 - c * v1) / det, (-b * u1 + a * v1) / det
        return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)
