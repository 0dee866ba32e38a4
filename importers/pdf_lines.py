"""A PDF page's text as pieces of lines with their boxes and pdfium character indices.

pdfium gives the page's text in content order with line breaks, and the boxes of any character
range cheaply (`count_rects`, one box per run of glyphs drawn together). A pdfium line can hold
text from two columns when the producer drew them in turn, so a line is cut wherever its boxes
leave a gap wider than a word space; the layout pass puts pieces of one visual line back
together once it knows where the columns are. Every piece remembers the character indices it
was read from, so the stored text can be mapped back onto the page (`TextRun`).
"""

from __future__ import annotations

import operator
import re
from dataclasses import replace
from typing import Any

from importers.base import LIGATURES
from importers.bidi import RTL_CHAR, has_rtl
from importers.pdf_accents import FIND as ACCENT
from importers.pdf_accents import place_accents
from importers.pdf_paragraphs import MARK_CHARS, join_two
from importers.pdf_rtl import rtl_line, same_visual_line
from importers.pdf_turn import Turn
from importers.pdf_visual_lines import Line, Part
from importers.pdfium_raw import TextBoxes

# pdfium joins a word hyphenated across a line end itself and marks the join with U+FFFE
# (sometimes U+0002 or a soft hyphen); whether the hyphen stays is our rule in join_two.
_LINE_END_HYPHEN = re.compile(r"(\S+?)[\ufffe\x02\u00ad]\s*(\S)")
_HYPHEN_MARKS = re.compile("[\ufffe\x02\u00ad]")
_CID = re.compile(r"\(cid:\d+\)")
_LIGATURE_TEXT = {**LIGATURES, "\x00": ""}  # the letters; pdfium's NUL, nothing
_LIGATURE_CHARS = re.compile("[" + "".join(map(re.escape, _LIGATURE_TEXT)) + "]")
# pdfium ends a line with "\r\n"; a lone "\r" is a glyph of a font with no Unicode map whose
# code is 13: old TeX's fl ligature, but also the circle of a circled c or R, a check box, a
# chart's marker. Before two lower-case letters it is the ligature ("\ravor", "re\rect"), and
# stays in the line to be mended (`ot1_ligatures`); splitting there cut "flavor" in two lines.
# Elsewhere it still ends a piece, as before: its glyph has no letters to give ("Copyright
# \rc 2008", where a fl would make "Copyrightflc").
_BREAK = re.compile(r"\r\n|\n|\r(?![a-z]{2})")
# What `clean` changes: these characters, or "(cid:" (looked for apart with `in`: one regex
# for both scans a line twice as slowly).
_CLEANED_CHARS = re.compile(r"[\ufb00-\ufb06\x00\ufffe\x02\u00ad\x0b\x0c\r\x0e\x0f]")
# Old TeX's text fonts (OT1) with no Unicode map give their ligatures as raw codes: ff 0x0b,
# fi 0x0c, fl 0x0d, ffi 0x0e, ffl 0x0f ("e\x0bective", "the \x0crst", "\ravor"). A maths font
# has Greek letters at the same codes (alpha 0x0b, beta 0x0c), and formulas sit among the
# words, so only where a word goes on: after a letter and before a lower-case one; at a word's
# start only "fi" and "fl" ("first", "flow"), before two lower-case letters (alpha-crit,
# "\x0bcrit" on the preprint, stays; so does a circled c, "\rc 2008").
_OT1 = {"\x0b": "ff", "\x0c": "fi", "\r": "fl", "\x0e": "ffi", "\x0f": "ffl"}
_OT1_CODES = re.compile("[\x0b\x0c\r\x0e\x0f]")
_OT1_LIGATURE = re.compile(r"(?<=[^\W\d_])[\x0b\x0c\r\x0e\x0f](?=[a-z])"
                           r"|(?<![^\W\d_])[\x0c\r](?=[a-z]{2})")
_PIECE_GAP = 0.6  # a gap between boxes wider than this many line heights cuts a pdfium line
_WORD_END = re.compile(r"[\s\ufffe\x02\u00ad]")  # where a pdfium line may be cut in pieces
_HEAVY = re.compile(r"bold|black|heavy|demi", re.IGNORECASE)  # in a font's name

Box = tuple[float, float, float, float]  # left, bottom, right, top


def ot1_ligatures(text: str) -> str:
    """Old TeX's raw ligature codes as their letters, where a word goes on (see _OT1)."""
    return _OT1_LIGATURE.sub(lambda m: _OT1[m.group()], text)


def clean(text: str) -> str:
    """Each mend only where its characters are: a line comes here for any one of them (on the
    ten real PDFs most often pdfium's mark of a hyphenated word, never a ligature), and each
    pattern tries every letter of the line, the translation looks every character up (their
    482 lines: 11-13 ms all mends, 6-9 ms each where needed; the hyphen's pattern is most of
    that)."""
    if _OT1_CODES.search(text) is not None:
        text = ot1_ligatures(text)
    if _HYPHEN_MARKS.search(text) is not None:
        text = _LINE_END_HYPHEN.sub(lambda m: join_two(m.group(1) + "-", m.group(2)), text)
    if _LIGATURE_CHARS.search(text) is not None:
        text = _LIGATURE_CHARS.sub(lambda m: _LIGATURE_TEXT[m.group()], text)
    if "(cid:" in text:
        text = _CID.sub("", text)
    return text.replace("\ufffe", "-")


class _Boxes(TextBoxes):
    """The page's boxes as the reader wants them, and a line's type size."""

    def type_size(self, text: str, a: int, b: int) -> float:
        """The height of a character's loose box (the font's ascent to descent): unlike glyph
        boxes, the same for "x" as for "Q", so lines of one type size measure alike."""
        middle = (a + b) // 2
        while middle < b - 1 and text[middle].isspace():
            middle += 1
        # A piece ending in a space ("3 ", a heading's number set apart from its title) has
        # its middle there: measured, the space's empty box made the number a footnote's size,
        # and it went to the foot of the page ("a specified 3 4 key" in the Bigtable paper).
        while middle > a and text[middle].isspace():
            middle -= 1
        return max(self.loose_height(middle), 1.0)

    def has_metrics(self, text: str) -> bool:
        """Whether the page's fonts give their ascent and descent. Type 3 fonts of old TeX's
        bitmaps do not: their loose boxes are just as tall as the glyphs, so an "o" would make
        its line half the size of one read at an "M". Asked of a few dozen letters of the
        page, spread over it; a page of fewer than ten has too few to tell."""
        step = max(1, len(text) // 60)
        letters = [i for i in range(0, len(text), step) if text[i].isalpha()][:40]
        if len(letters) < 10:
            return False
        fit = 0
        for index in letters:
            loose = self.loose_height(index)
            fit += 0 < loose <= 1.1 * self.glyph_height(index)
        # On the real files: 0 to 5% of letters with fonts that have metrics, 30 to 97% on
        # the preprint's pages (its equations are partly set in fonts that have them).
        return fit < 0.3 * len(letters)


class _TurnedBoxes(_Boxes):
    """The boxes of a page shown turned, as they are shown (`importers.pdf_turn`)."""

    def __init__(self, textpage: Any, turn: Turn) -> None:
        super().__init__(textpage)
        self.turn = turn

    def rects(self, start: int, count: int) -> list[float]:
        flat = super().rects(start, count)
        turned: list[float] = []
        for k in range(0, len(flat), 4):
            left, bottom, right, top = self.turn.box((flat[k], flat[k + 3], flat[k + 2],
                                                      flat[k + 1]))
            turned += (left, top, right, bottom)
        return turned

    def char_centre(self, index: int) -> tuple[float, float]:
        return self.turn.point(*super().char_centre(index))

    def char_box(self, index: int) -> Box:
        return self.turn.box(super().char_box(index))

    def glyph_height(self, index: int) -> float:
        super().glyph_height(index)  # leaves the box at the buffer's start
        left, right, bottom, top = self._buffer[:4]
        box = self.turn.box((left, bottom, right, top))
        return box[3] - box[1]

    def loose_height(self, index: int) -> float:
        super().loose_height(index)  # leaves the loose box in self._loose
        left, top, right, bottom = self._loose
        box = self.turn.box((left, bottom, right, top))
        return box[3] - box[1]


def reads_turned(textpage: Any, turn: Turn) -> bool:
    """Whether a page shown turned reads better turned than in the order it was drawn: yes
    when its fonts give their metrics (a journal's landscape table pages), not with
    right-to-left text (its lines are put in order from pdfium's own boxes), nor with fonts
    that give none: old TeX output, whose drawing order is its reading order, and whose type
    sizes the layout pass cannot tell (a two-up 1994 preprint, turned, kept 0.33 of its
    sentences in order against 0.51 as drawn)."""
    text: str = textpage.get_text_range()
    return not has_rtl(text) and _TurnedBoxes(textpage, turn).has_metrics(text)


def page_lines(textpage: Any, page: int = 1, turn: Turn | None = None) -> list[Line]:
    """The page's line pieces with their boxes, in pdfium's content order; on a page shown
    `turn`ed (never one with right-to-left text), boxes as shown."""
    text: str = textpage.get_text_range()
    boxes = _Boxes(textpage) if turn is None else _TurnedBoxes(textpage, turn)
    # Something `clean` changes, or an accent drawn apart, is on the page: then each line is
    # checked on its own.
    dirty = (_CLEANED_CHARS.search(text) is not None or "(cid:" in text
             or ACCENT.search(text) is not None)
    any_rtl = has_rtl(text)
    lines: list[Line] = []
    rtl_ranges: list[tuple[int, int]] = []  # pdfium lines making one right-to-left line
    rtl_boxes: list[Box] = []
    start = 0
    rects_of, append = boxes.rects, lines.append  # looked up once, not once a line
    for match in _BREAK.finditer(text + "\r\n"):
        a, b = start, match.start()
        start = match.end()
        if b <= a or text[a:b].isspace():
            continue
        flat = rects_of(a, b - a)
        rtl = any_rtl and RTL_CHAR.search(text, a, b) is not None
        if not rtl:
            box = _one_piece(flat)
            if box is not None:  # most lines, read without a tuple a box
                append(_line(boxes, text, a, b, box, page, dirty))
                continue
        rects = _boxes(flat)
        if not rects:
            # Some Type 3 fonts (old TeX maths) give no boxes: the text stays, beside the last
            # line read, where content order puts it.
            if lines:
                last = lines[-1]
                lines.append(_line(boxes, text, a, b, (last.x1, last.bottom, last.x1, last.top),
                                   page, dirty, last.size))
            continue
        if rtl:
            if rtl_ranges and not same_visual_line(rtl_boxes, rects):
                lines.extend(_rtl_lines(textpage, text, rtl_ranges, rtl_boxes, page))
                rtl_ranges, rtl_boxes = [], []
            rtl_ranges.append((a, b))
            rtl_boxes.extend(rects)
        elif len(rects) == 1:
            lines.append(_line(boxes, text, a, b, rects[0], page, dirty))
        else:
            lines.extend(_pieces(boxes, text, a, b, rects, page, dirty))
    if rtl_ranges:
        lines.extend(_rtl_lines(textpage, text, rtl_ranges, rtl_boxes, page))
    return lines



def _rtl_lines(textpage: Any, text: str, ranges: list[tuple[int, int]], boxes: list[Box],
               page: int) -> list[Line]:
    # Right-to-left lines are reordered glyph by glyph; their run covers the whole range.
    first, last = ranges[0][0], ranges[-1][1]
    found = []
    for ln in rtl_line(textpage, text, ranges, _cuts(boxes, 1.5)):
        cleaned = clean(ln.text)
        part = Part(cleaned.strip(), page, first, last, (ln.x0, ln.bottom, ln.x1, ln.top))
        found.append(replace(ln, text=cleaned, parts=(part,)))
    return found


def _boxes(flat: list[float]) -> list[Box]:
    """pdfium's flat boxes (left, top, right, bottom each) as (left, bottom, right, top)
    tuples, leaving out empty ones."""
    return [(flat[k], flat[k + 3], flat[k + 2], flat[k + 1]) for k in range(0, len(flat), 4)
            if flat[k + 2] > flat[k] or flat[k + 1] > flat[k + 3]]


def _one_piece(flat: list[float]) -> Box | None:
    """The box of a line `_pieces` would keep whole: one box, or boxes all wider than nothing
    with no gap wider than `_PIECE_GAP` line heights between them, or set sideways. None for
    any other line, which goes the general way (`_boxes`, `_pieces`).

    Most lines are like this, and reading them straight from pdfium's flat list, column by
    column with slices and builtins, saves a tuple a box and several passes over them. Same
    tests, in the same order of the boxes, as `_boxes`, `_bbox` and `_pieces`, so the same box.
    """
    if len(flat) == 4:
        left, top, right, bottom = flat
        return (left, bottom, right, top) if right > left or top > bottom else None
    if not flat:
        return None
    lefts, rights = flat[0::4], flat[2::4]
    if not all(map(operator.gt, rights, lefts)):  # some box is, or may be, empty
        return None
    tops, bottoms = flat[1::4], flat[3::4]
    box = min(lefts), min(bottoms), max(rights), max(tops)
    limit = _PIECE_GAP * max(box[3] - box[1], 1.0)
    # `_cuts`'s gaps, found with the left and the right edges sorted apart (no tuple a box):
    # the line has a gap wider than `limit` just where the (k+1)th left edge is that far past
    # the kth right edge, as every box is wider than nothing (so the k boxes ending first are
    # then the k starting first; and no difference is NaN).
    starts = sorted(lefts)
    del starts[0]
    if max(map(operator.sub, starts, sorted(rights))) <= limit:
        return box
    if sum(map(operator.sub, tops, bottoms)) > sum(map(operator.sub, rights, lefts)):
        return box  # set sideways
    return None


def _bbox(rects: list[Box]) -> Box:
    if len(rects) == 1:
        return rects[0]
    lefts, bottoms, rights, tops = zip(*rects, strict=True)
    return min(lefts), min(bottoms), max(rights), max(tops)


def _cuts(boxes: list[Box], factor: float, height: float = 0.0) -> list[float]:
    """x positions where a line's boxes leave a gap wider than `factor` line heights (the
    height of their bounding box, when the caller has it already)."""
    if not height:
        height = max(max(r[3] for r in boxes) - min(r[1] for r in boxes), 1.0)
    boxes = sorted(boxes)
    limit = factor * height
    cuts = []
    reach = boxes[0][2]
    for left, _, right, _ in boxes[1:]:
        if left - reach > limit:
            cuts.append((reach + left) / 2)
        if right > reach:
            reach = right
    return cuts


def _pieces(boxes: _Boxes, text: str, a: int, b: int, rects: list[Box], page: int,
            dirty: bool) -> list[Line]:
    box = _bbox(rects)
    height = max(box[3] - box[1], 1.0)
    cuts = [] if _unbroken(rects, _PIECE_GAP * height) else _cuts(rects, _PIECE_GAP, height)
    # Text set sideways is one piece: the layout pass reads it apart.
    if not cuts or sum(r[3] - r[1] for r in rects) > sum(r[2] - r[0] for r in rects):
        return [_line(boxes, text, a, b, box, page, dirty)]
    groups = _groups(rects, cuts)
    bounds = [_bbox(group) for group in groups]
    pieces: list[tuple[int, Box]] = [(a, bounds[0])]
    for k in range(1, len(groups)):
        cut = _first_of(boxes, bounds, k, pieces[-1][0], b)
        if a < cut < b and _WORD_END.match(text, cut - 1):
            pieces.append((cut, bounds[k]))
        else:  # inside a word: whatever its boxes say, pdfium's line is not cut there
            pieces[-1] = (pieces[-1][0], _bbox([pieces[-1][1], bounds[k]]))
    ends = [start for start, _ in pieces[1:]] + [b]
    found = [_line(boxes, text, start, end, bound, page, dirty)
             for (start, bound), end in zip(pieces, ends, strict=True) if end > start]
    return [p for p in found if p.text.strip()]


def _unbroken(rects: list[Box], limit: float) -> bool:
    """Most lines: boxes drawn left to right, none more than `limit` after the ones before."""
    left, reach = rects[0][0], rects[0][2]
    for box in rects[1:]:
        if box[0] < left or box[0] - reach > limit:
            return False
        left = box[0]
        if box[2] > reach:
            reach = box[2]
    return True


def _groups(rects: list[Box], cuts: list[float]) -> list[list[Box]]:
    """A pdfium line's boxes, in the order drawn, cut where the next one jumps over one of the
    line's gaps (`cuts`), whichever way: on to the next column, or back to a footer drawn after
    the line. A gap another box of the line covers is no gap."""
    groups = [[rects[0]]]
    for prev, box in zip(rects, rects[1:], strict=False):
        low, high = (prev[2], box[0]) if box[0] >= prev[2] else (box[2], prev[0])
        if any(low < cut < high for cut in cuts):
            groups.append([box])
        else:
            groups[-1].append(box)
    return groups


def _first_of(boxes: _Boxes, bounds: list[Box], k: int, low: int, high: int) -> int:
    """The first character of [low, high) drawn in group `k` or after: the characters come in
    the order the groups were drawn, so a binary search finds it in a few box calls. A
    character in no group's box (the space pdfium adds after a word) goes with the one before."""
    first = low

    def group(index: int) -> int:
        while index >= first:
            x, y = boxes.char_centre(index)
            for j, (left, bottom, right, top) in enumerate(bounds):
                if left - 0.5 <= x <= right + 0.5 and bottom - 0.5 <= y <= top + 0.5:
                    return j
            index -= 1
        return 0

    while low < high:
        middle = (low + high) // 2
        if group(middle) >= k:
            high = middle
        else:
            low = middle + 1
    return low


def _line(boxes: _Boxes, text: str, a: int, b: int, box: Box, page: int, dirty: bool,
          size: float = 0.0) -> Line:
    cleaned = text[a:b]
    if dirty:
        # Only on a line running across: on one set sideways (a page drawn turned), "over a
        # letter" is beside it, and an old TeX font's script l (drawn as "`") sat beside a j.
        if ACCENT.search(cleaned) is not None and box[2] - box[0] > box[3] - box[1]:
            cleaned = place_accents(text, a, b, boxes.char_box) or cleaned
        if _CLEANED_CHARS.search(cleaned) is not None or "(cid:" in cleaned:
            cleaned = clean(cleaned)
    stripped = cleaned.strip()
    return Line(cleaned, box[0], box[2], box[1], box[3],
                (Part(stripped, page, a, b, box, len(stripped) != len(cleaned),
                      stripped[:1].isupper() and run_in(boxes, text, a, b),
                      stripped[:1] in MARK_CHARS and raised_mark(boxes, text, a, b)),),
                size or boxes.type_size(text, a, b))


def raised_mark(boxes: _Boxes, text: str, a: int, b: int) -> bool:
    """Whether the line piece text[a:b] opens with a mark set smaller and raised: an
    affiliation's or a note's number ("2 Computational and Molecular…"), which pdfium gives
    in one piece with the text after it when only a space is between them. Asked only of a
    piece opening with a digit or a note sign."""
    first = a
    while first < b and text[first].isspace():
        first += 1
    after = first
    while after < b and (text[after] in MARK_CHARS or text[after] == ","):
        after += 1
    while after < b and text[after].isspace():
        after += 1
    if after >= b or not text[after].isalpha():
        return False
    mark, word = boxes.char_box(first), boxes.char_box(after)
    height = word[3] - word[1]
    return (height > 0 and mark[1] > word[1] + 0.25 * height
            and boxes.loose_height(first) < 0.85 * boxes.loose_height(after))


def run_in(boxes: _Boxes, text: str, a: int, b: int) -> bool:
    """Whether the line piece text[a:b] opens with a run-in heading just after a sentence
    ended: its first word set heavier than the rest of it ("Results. We have benchmarked"
    in a structured abstract, the heading bold). Such a part begins a paragraph though the
    line before it runs full width, as a justified one does. Asked only of a piece that starts
    with a capital after a sentence's end, two weights each: one piece in twenty or so."""
    before = a - 1
    while before >= 0 and text[before] in " \r\n":
        before -= 1
    if before < 0 or text[before] not in ".!?:":
        return False
    first = a
    while first < b and text[first].isspace():
        first += 1
    rest = text.find(" ", first, b)  # the heading's first word ends, plain text follows
    if rest < 0:
        return False
    middle = (rest + b) // 2
    while middle < b - 1 and text[middle].isspace():
        middle += 1
    # Weights compared with each other, not with 700: pdfium gives some fonts odd ones (a
    # Times Roman of 792), but the same for each of their letters. A standard font named but
    # not embedded has none: its name says it ("Helvetica-Bold").
    body, heading = boxes.weight(middle), boxes.weight(first)
    if body > 0 and heading > 0:
        return body < heading - 150
    return (_HEAVY.search(boxes.font_name(first)) is not None
            and _HEAVY.search(boxes.font_name(middle)) is None)
