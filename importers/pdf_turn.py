"""A page set turned (`/Rotate` 90, 180 or 270): its text read the way it is shown.

pdfium gives character boxes in the page's own space, before its rotation. On a page shown
turned a quarter, the lines of text run up or down that space, so the layout pass, which looks
for lines running left to right, read every line as text set sideways and interleaved the page
(a 1994 arXiv preprint printed two-up on landscape pages: the title's lines and the abstract's
came out woven together). Here the reader's boxes are turned into the page as shown (points,
origin bottom-left, y up), the layout is found there, and each run's box is turned back, since
a run's box is kept in the page's own space like any other (`TextRun`).
"""

from __future__ import annotations

import ctypes
from typing import Any

import pypdfium2.raw as pdfium_c

from importers.affine import Affine
from importers.pdf_visual_lines import Line


class Turn(Affine):
    """Page space to the page as shown, y up: x' = a*x + c*y + e, y' = b*x + d*y + f.
    `back` is the name the reader's callers know `box_back` by."""

    back = Affine.box_back


Mapping = tuple[float, float, float, float, float, float]  # a, b, c, d, e, f


def page_to_shown(page: Any) -> tuple[float, float, Mapping]:
    """The page's size as shown, and how its points land on it at zoom 1 (origin top-left, y
    down): u = a*x + c*y + e, v = b*x + d*y + f. From pdfium's own page-to-device mapping, so
    rotation and crop box come out as the renderer draws them; the page view's `Frame` and
    the reader's `Turn` are both read from here. The caller holds `PDFIUM`."""
    width, height = page.get_size()  # as shown
    grain = 64  # device units a point: pdfium maps to whole device units
    dx, dy = ctypes.c_int(), ctypes.c_int()

    def device(x: float, y: float) -> tuple[float, float]:
        pdfium_c.FPDF_PageToDevice(page.raw, 0, 0, round(width * grain), round(height * grain),
                                   0, x, y, ctypes.byref(dx), ctypes.byref(dy))
        return dx.value / grain, dy.value / grain

    (e, f), (ux, vx), (uy, vy) = device(0, 0), device(100, 0), device(0, 100)
    return width, height, ((ux - e) / 100, (vx - f) / 100, (uy - e) / 100, (vy - f) / 100, e, f)


def page_turn(page: Any) -> Turn | None:
    """How the page is turned when shown, with y running up as the reader's boxes do; None
    for a page shown as it is set, nearly every page."""
    if page.get_rotation() % 360 == 0:
        return None
    _, height, (a, b, c, d, e, f) = page_to_shown(page)
    return Turn(a, -b, c, -d, e, height - f)


def running_view(pages: list[tuple[float, list[Line]]], turns: list[Turn | None],
                 own_heights: list[float]
                 ) -> tuple[list[tuple[float, list[Line]]], dict[int, Line]]:
    """The pages as `strip_running` should see them, a turned page's lines by stand-ins where
    they sit in its own space, and the line each stand-in (by id) stands for. A journal turns
    a page to set a wide table across it, but its running footer stays where every other
    page has it, which the page as shown puts up its side."""
    view: list[tuple[float, list[Line]]] = []
    stands_for: dict[int, Line] = {}
    for (height, lines), turn, own in zip(pages, turns, own_heights, strict=True):
        if turn is None:
            view.append((height, lines))
            continue
        placed = []
        for ln in lines:
            left, bottom, right, top = turn.back((ln.x0, ln.bottom, ln.x1, ln.top))
            placed.append(Line(ln.text, left, right, bottom, top, ln.parts, ln.font))
            stands_for[id(placed[-1])] = ln
        view.append((own, placed))
    return view, stands_for
