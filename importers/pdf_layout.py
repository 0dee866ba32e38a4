"""Reading order for a PDF page: layout regions, columns read in turn, footnotes last.

Input is a page's line pieces with their boxes (PDF points, y upwards). A *gutter* is a vertical
strip inside the text area that (almost) no narrow piece crosses; it splits the page into
columns. A piece that crosses a gutter is full-width (title, authors, abstract, a wide caption),
and so is anything on the same baseline as one. The full-width stretches cut the page into
bands; the page reads band by band from the top, and within a band column by column — the way
journals set a page. Pieces on one baseline within one region become one visual line
(`importers.pdf_visual_lines`). Small type below a gap at the foot of the page is a footnote and
is read after the body of its page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import accumulate, chain
from statistics import median

from importers.pdf_visual_lines import Line, left_edge, mirrored, visual_lines


@dataclass
class Region:
    """Lines read together: one column of a band, a full-width stretch, or the footnotes."""

    lines: list[Line]
    kind: str = "body"  # "body", "footnote" or "sidebar"
    column: bool = False  # a column of a multi-column band (text may flow on into the next)
    tables: list[list[Line]] = field(default_factory=list)
    sideways: bool = False  # text set sideways, read after the page's body


Gutter = tuple[float, float]


def find_gutters(lines: list[Line]) -> list[Gutter]:
    """Column gutters as (left, right) strips, or [] for a single-column page."""
    if len(lines) < 6:
        return []
    left = min([ln.x0 for ln in lines])
    right = max([ln.x1 for ln in lines])
    width = right - left
    widest = 0.6 * width
    narrow = _side_by_side(
        [ln for ln in lines if ln.x1 - ln.x0 < widest and len(ln.text.strip()) > 3])
    if len(narrow) < 4 or width <= 0:
        return []
    total = sum([len(ln.text) for ln in lines])
    events = sorted([(ln.x0, 1) for ln in narrow] + [(ln.x1, -1) for ln in narrow])
    # How many narrow pieces cover each event's x onwards.
    depths = list(accumulate([step for _, step in events]))
    # A valley, not an empty strip: centred title and author lines cross a gutter. Measured
    # against the columns either side, so a last page's short column still counts.
    highest_before = list(accumulate(depths, max))
    highest_after = list(accumulate(reversed(depths), max))[::-1] + [0]
    gutters: list[Gutter] = []
    low_since: float | None = None
    for (x, _), depth, before, after in zip(events, depths, highest_before, highest_after[1:],
                                            strict=True):
        # min(before, after), written out: this runs for every edge of a narrow piece
        low = depth <= 0.35 * (after if after < before else before)
        if low and low_since is None:
            low_since = x
        elif not low and low_since is not None:
            if _is_gutter(low_since, x, total, narrow, lines, left, width):
                gutters.append((low_since, x))
            low_since = None
    return _apart(gutters, 0.15 * width)


def _apart(gutters: list[Gutter], column: float) -> list[Gutter]:
    """Gutters with a column between them: of two closer than `column`, the narrower is no
    gutter but the gap after a list's labels (the reference numbers "[1]" … set apart from
    their references at the head of a column: taken for a third column, it made the lines of
    the two real ones cross it, and they were read side by side, line by line)."""
    kept: list[Gutter] = []
    for gutter in gutters:
        if kept and gutter[0] - kept[-1][1] < column:
            if gutter[1] - gutter[0] > kept[-1][1] - kept[-1][0]:
                kept[-1] = gutter
            continue
        kept.append(gutter)
    return kept


def _side_by_side(narrow: list[Line]) -> list[Line]:
    """The narrow pieces with another beside them at the same height: column lines have their
    neighbour across the gutter, a centred title or author line has none."""
    ordered = sorted(narrow, key=lambda ln: -ln.top)
    spans = [(ln.top, ln.bottom, ln.x0, ln.x1) for ln in ordered]
    found = []
    for i, (top, bottom, x0, x1) in enumerate(spans):
        # The eight either side of it (itself among them): the one just before it first, then
        # on down, then back up. Its neighbour across a gutter is mostly right next to it, and
        # which one is found first makes no difference.
        first = i - 1 if i else 0
        for other_top, other_bottom, other_x0, other_x1 in chain(
                spans[first:i + 9], reversed(spans[max(0, i - 8):first])):
            # neighbours in height order that overlap it in height and not in width
            if (top > other_bottom and other_top > bottom and top > bottom
                    and other_top > other_bottom and (other_x0 > x1 or other_x1 < x0)):
                found.append(ordered[i])
                break
    return found


def _is_gutter(g0: float, g1: float, total: int, narrow: list[Line], lines: list[Line],
               left: float, width: float) -> bool:
    """Columns of prose on both sides: mostly lines of twenty characters or more, and either
    many of them or typically thirty long (two columns hold forty to sixty, three about thirty),
    so the cells of a table on a one-column page make no gutter; and not a page whose text
    nearly all crosses the strip (`total`: the page's characters)."""
    mid = (g0 + g1) / 2
    if g1 - g0 < 4 or not left + 0.15 * width < mid < left + 0.85 * width:
        return False
    short = 0
    for side in ([len(ln.text) for ln in narrow if ln.x1 <= mid],
                 [len(ln.text) for ln in narrow if ln.x0 >= mid]):
        prose = [n for n in side if n >= 20]
        if len(prose) < 2 or sum(prose) < 0.6 * sum(side) or sum(side) < 0.03 * total:
            return False
        short += median(prose) < 30 and len(prose) < 8
    if short:  # a few lines of short phrases: a table's columns, not columns of prose
        return False
    crossed = sum(len(ln.text) for ln in lines if ln.x0 < g0 and ln.x1 > g1)
    return crossed < 0.8 * total


def page_regions(lines: list[Line], height: float, *, rtl: bool = False) -> list[Region]:
    """The page's regions in reading order. A right-to-left page reads its columns from the
    right, so it is laid out mirrored."""
    if not lines:
        return []
    if rtl:
        lines = [mirrored(ln) for ln in lines]
    # Text set sideways (a journal's name up the margin) is read after the page's body.
    sideways = [ln for ln in lines if ln.height > 4 * ln.size and ln.height > ln.x1 - ln.x0 > 1]
    if sideways:
        aside = {id(ln) for ln in sideways}
        lines = [ln for ln in lines if id(ln) not in aside]
    margin = margin_column(lines)
    if margin:
        beside = {id(ln) for ln in margin}
        lines = [ln for ln in lines if id(ln) not in beside]
    gutters = find_gutters(lines)
    regions = _bands(lines, gutters) if gutters else [Region(lines)]
    for region in regions:
        region.lines = visual_lines(region.lines)
    footnotes = _footnotes(regions, height)
    regions = [r for r in regions if r.lines]
    if margin:
        regions.append(Region(visual_lines(margin), kind="sidebar"))
    if sideways:
        regions.append(Region(sideways, sideways=True))
    if footnotes:
        regions.append(Region(footnotes, kind="footnote"))
    if rtl:
        for region in regions:
            region.lines = [mirrored(ln) for ln in region.lines]
    return regions


def margin_column(lines: list[Line]) -> list[Line]:
    """A column of smaller type in the page's outer margin, beside the body and apart from it by
    a strip no line crosses: a journal's article details (PeerJ: submitted, accepted, editor,
    licence). Left in place it is read line by line into the body beside it, or before it; it
    is read after the body instead, as a sidebar. The body's own columns are found after."""
    if len(lines) < 8:
        return []
    left, right = min([ln.x0 for ln in lines]), max([ln.x1 for ln in lines])
    width = right - left
    by_x = sorted(lines, key=left_edge)
    reach, strips = by_x[0].x1, []
    for ln in by_x[1:]:
        if ln.x0 > reach:
            strips.append((reach, ln.x0))
        if ln.x1 > reach:
            reach = ln.x1
    for g0, g1 in strips:
        for outer_side, narrow in ((g0 - left, True), (right - g1, False)):
            if outer_side > 0.3 * width:
                continue
            margin = [ln for ln in lines if (ln.x1 <= g0 if narrow else ln.x0 >= g1)]
            if len(margin) < 3:  # too few for a column (_is_margin_column): no body to gather
                continue
            body = [ln for ln in lines if (ln.x0 >= g1 if narrow else ln.x1 <= g0)]
            if _is_margin_column(margin, body, g1 - g0):
                return margin
    return []


def _is_margin_column(margin: list[Line], body: list[Line], gap: float) -> bool:
    """Three lines or more of smaller type than a body of prose, side by side with it, with a
    gap wider than a word space or a table's cells leave."""
    prose = [ln for ln in body if len(ln.text) >= 20]
    if len(margin) < 3 or len(prose) < 5:
        return False
    size = median(ln.size for ln in margin)
    if size >= 0.93 * median(ln.size for ln in prose) or gap < 1.5 * size:
        return False
    beside = sum(1 for ln in margin if any(
        min(ln.top, other.top) > max(ln.bottom, other.bottom) for other in prose))
    return beside >= min(3, len(margin))


def _bands(lines: list[Line], gutters: list[Gutter]) -> list[Region]:
    # Each gutter's bounds worked out once, not for each line (a page has one or two).
    crossing = [(g0 + 1, g1 - 1) for g0, g1 in gutters]
    middles = [(g0 + g1) / 2 for g0, g1 in gutters]
    spanning = [ln for ln in lines if any([ln.x0 < a and ln.x1 > b for a, b in crossing])]
    stripes = _stripes(spanning)
    full: list[list[Line]] = [[] for _ in stripes]
    columns: dict[tuple[int, int], list[Line]] = {}
    for ln in lines:
        centre = (ln.top + ln.bottom) / 2
        band = 0
        for index, (low, high) in enumerate(stripes):
            if low <= centre <= high:
                band = -1 - index
                break
            if centre < low:
                band = index + 1
        if band < 0:
            full[-1 - band].append(ln)
            continue
        middle, column = (ln.x0 + ln.x1) / 2, 0
        for gutter_middle in middles:
            if middle > gutter_middle:
                column += 1
        columns.setdefault((band, column), []).append(ln)
    for band in range(1, len(stripes) + 1):
        _close_up(full[band - 1], [c for (b, _), c in columns.items() if b == band])
    regions: list[Region] = []
    for band in range(len(stripes) + 1):
        if band > 0 and full[band - 1]:
            if regions and not regions[-1].column:  # no columns between: one full-width run
                regions[-1].lines.extend(full[band - 1])
            else:
                regions.append(Region(full[band - 1]))
        for column in range(len(gutters) + 1):
            if (band, column) in columns:
                regions.append(Region(columns[(band, column)], column=True))
    return regions


def _close_up(stripe: list[Line], band: list[list[Line]]) -> None:
    """The short last lines of a full-width block (a title's last line, the end of an
    abstract) cross no gutter: a line right under the block with nothing beside it belongs to
    the block, not to the column it happens to sit over."""
    while stripe:
        candidates = [(column, ln) for column in band for ln in column]
        if not candidates:
            return
        column, top = max(candidates, key=lambda c: c[1].top)
        beside = any(min(ln.top, top.top) > max(ln.bottom, top.bottom)
                     for other in band if other is not column for ln in other)
        if beside or min(ln.bottom for ln in stripe) - top.top > 1.2 * top.size:
            return
        column.remove(top)
        stripe.append(top)


def _stripes(spanning: list[Line]) -> list[tuple[float, float]]:
    """The vertical extents full-width lines cover, merged, from the top of the page down."""
    stripes: list[tuple[float, float]] = []
    for ln in sorted(spanning, key=lambda ln: -ln.top):
        if stripes and ln.top >= stripes[-1][0] - 1.5 * ln.size:
            low, high = stripes[-1]
            stripes[-1] = (min(low, ln.bottom), max(high, ln.top))
        else:
            stripes.append((ln.bottom, ln.top))
    return stripes


def _footnotes(regions: list[Region], height: float) -> list[Line]:
    """Small type at the foot of the page, below a gap: read after the body of the page."""
    sizes = [ln.size for r in regions for ln in r.lines if len(ln.text) > 25]
    if len(sizes) < 5:
        return []
    body = median(sizes)
    found: list[Line] = []
    for index, region in enumerate(regions):
        lines = region.lines
        cut = len(lines)
        while cut > 0 and lines[cut - 1].size < 0.86 * body and lines[cut - 1].top < 0.3 * height:
            cut -= 1
        if cut == 0 and _foot_block(regions, index, body, height):
            found.extend(lines)
            del lines[:]
            continue
        if cut == len(lines) or cut == 0 or len(lines) - cut > 15:
            continue
        if lines[cut - 1].bottom - lines[cut].top < 0.6 * body:
            continue
        found.extend(lines[cut:])
        del lines[cut:]
    return found


def _foot_block(regions: list[Region], index: int, body: float, height: float) -> bool:
    """A region all of small type at the foot of the page (the caller checked), set across the
    page under its columns, below a gap, with nothing but more such type after it: the notes a
    journal sets there (abbreviations, correspondence, licence). No body line stands above
    them in their own region, so the rule for a column's notes cannot see them; read in
    place, a paragraph that runs on over the page break was joined to them ("... While this
    Abbreviations: ACE, ..."). A table's caption at the foot has its rows after it."""
    region = regions[index]
    if region.column or len(region.lines) > 15 or not any(r.column for r in regions[:index]):
        return False
    if any(ln.size >= 0.86 * body or ln.top >= 0.3 * height
           for later in regions[index + 1:] for ln in later.lines):
        return False
    above = [ln.bottom for r in regions[:index] for ln in r.lines]
    return bool(above) and min(above) - region.lines[0].top >= 0.6 * body
