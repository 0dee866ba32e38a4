"""What coding looks like on a PDF page, for every view of it: the page view draws these marks
with Qt, `page-image` with PIL, so both show the same rectangles.

A mark is one reference's rectangles on one page, in points of the page as shown (origin
top-left, zoom 1); the caller scales them. Text references get one rectangle per line piece
their characters cover; a region reference gets its rectangle.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from coding.page_geometry import Frame, PageText
from coding.references import ReferenceRecord

Rect = tuple[float, float, float, float]  # left, top, right, bottom on the page as shown
# An annotation's mark beside a page (and in the text view's margin): a sticky note's yellow
# with a dark rim and pencil, which reads on light and dark backgrounds alike.
NOTE_COLOR, NOTE_RIM = "#F2C94C", "#8A6D1A"


@dataclass(frozen=True)
class Mark:
    reference: ReferenceRecord
    rects: tuple[Rect, ...]

    @property
    def is_region(self) -> bool:
        return self.reference.region is not None

    @property
    def extent(self) -> tuple[float, float]:
        """Top and bottom of the mark on the page: where its stripe goes beside the page."""
        return min(r[1] for r in self.rects), max(r[3] for r in self.rects)


def page_marks(number: int, frame: Frame, text: PageText | None,
               refs: Iterable[ReferenceRecord]) -> list[Mark]:
    """The marks of page `number`, regions last so they are drawn over text highlights."""
    marks: list[Mark] = []
    regions: list[Mark] = []
    for ref in refs:
        if ref.region is not None:
            if ref.region.page == number:
                regions.append(Mark(ref, (frame.box_to_view(ref.region.box),)))
        elif text is not None and ref.end > ref.start:
            boxes = text.span_boxes(ref.start, ref.end)
            if boxes:
                marks.append(Mark(ref, tuple(frame.box_to_view(b) for b in boxes)))
    return marks + regions


def lanes(marks: Iterable[Mark]) -> dict[int, int]:
    """One stripe lane per node, in the order nodes first appear on the page."""
    found: dict[int, int] = {}
    for mark in marks:
        found.setdefault(mark.reference.node_id, len(found))
    return found
