"""Running heads and footers: text that recurs at the same place in the margin of several pages.

A line counts as running when its text (digits folded, so "Page 3" matches "Page 4") sits in
the top or bottom margin of at least two pages at the same height. Alternating heads of even
and odd pages are each found on their own; a line on one page only — the journal's name on the
first page — is kept. Bare page numbers in the margins go too.
"""

from __future__ import annotations

import re
from collections import defaultdict

from importers.pdf_layout import Line

_PAGE_NUMBER = re.compile(r"^\W*(page\s*)?(\d{1,4}|[ivxlcdm]{1,6})(\s*(of|/)\s*\d{1,4})?\W*$", re.I)
_MARGIN = 0.12  # top and bottom share of the page where running heads live
_SAME_PLACE = 4.0  # points: the same head may sit a little higher on some pages


def _key(line: Line) -> str:
    return re.sub(r"\d+", "#", " ".join(line.text.lower().split()))


def _zone(line: Line, height: float) -> str:
    if line.bottom > height * (1 - _MARGIN):
        return "top"
    if line.top < height * _MARGIN:
        return "bottom"
    return ""


def strip_running(pages: list[tuple[float, list[Line]]]) -> list[list[Line]]:
    """Each page's lines without its running heads, footers and page numbers."""
    seen: dict[tuple[str, str], list[tuple[int, float]]] = defaultdict(list)
    zones = [_outer(lines, height) for height, lines in pages]
    for number, (_, lines) in enumerate(pages):
        for line in lines:
            zone = zones[number].get(id(line), "").split(" ")[0]
            if zone and _worth_matching(line):
                seen[(_key(line), zone)].append((number, line.top))
    kept: list[list[Line]] = []
    for number, (_, lines) in enumerate(pages):
        body = []
        for line in lines:
            zone = zones[number].get(id(line), "")
            place = zone.split(" ")[0]
            if zone and ((zone.endswith("edge") and _PAGE_NUMBER.match(line.text.strip()))
                         or _recurs(seen.get((_key(line), place), []), number, line.top)):
                continue
            body.append(line)
        kept.append(body)
    return kept


def _outer(lines: list[Line], height: float) -> dict[int, str]:
    """The lines in the page's outermost rows (top three and bottom three baselines) that lie in
    its margins: a figure's axis labels or an equation near the edge are further in."""
    tops = sorted({round(ln.top) for ln in lines}, reverse=True)
    if not tops:
        return {}
    high, low = tops[min(2, len(tops) - 1)], tops[max(-3, -len(tops))]
    found = {}
    for ln in lines:
        zone = _zone(ln, height)
        if (zone == "top" and round(ln.top) >= high) or (zone == "bottom" and round(ln.top) <= low):
            found[id(ln)] = zone
            if round(ln.top) in (tops[0], tops[-1]):
                found[id(ln)] += " edge"  # only the outermost row holds a bare page number
    return found


def _worth_matching(line: Line) -> bool:
    """Short scraps ("where", a variable) recur at the foot of pages of equations by chance."""
    return sum(ch.isalnum() for ch in line.text) >= 6


def _recurs(places: list[tuple[int, float]], number: int, top: float) -> bool:
    return any(page != number and abs(at - top) <= _SAME_PLACE for page, at in places)
