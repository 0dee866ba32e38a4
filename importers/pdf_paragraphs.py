"""Lines of a region into paragraphs, and paragraphs joined again across column and page breaks.

A paragraph is kept as chunks of text, each remembering the part of the page it was read from,
so that after every join and mended hyphen we still know where each stretch of the stored text
sits on its page (`TextRun`). A paragraph breaks at a vertical gap, an indent, a bullet or a
change of type size. A paragraph that stops mid-sentence at the foot of a column and goes on in
lower case at the head of the next (perhaps after a figure label or the page's footnotes) is
joined, and what lay between is read after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from statistics import median

from importers.pdf_items import (
    BULLET,
    ITEM,
    LABEL_TAB,
    OPENS_WITH_TAB,
    follows,
    item_text_x,
    next_item,
    under_label,
)
from importers.pdf_visual_lines import Line, Part, joiner, mirrored

# A line-end hyphen is dropped ("inter-\nvention" -> "intervention") unless the next part
# starts with a capital ("Anglo-\nSaxon") or the first part is a prefix that English keeps
# hyphenated ("well-\nbeing", "self-\nreferred"). Word lists cannot be perfect; this rule
# errs towards joining, as most line-end hyphens in typeset text are breaks.
_KEEP_HYPHEN_PREFIXES = frozenset(
    ["well", "self", "non", "anti", "quasi", "ex", "one", "two", "three", "four", "five",
     "first", "second", "third"]
)
_WORD_TAIL = re.compile(r"([A-Za-z\u00C0-\u024F]+)-$")
# "Figure 2: …", "Table 1 A summary of …"; not prose that names one ("Figure 6 shows two …")
_CAPTION = re.compile(r"^(Figure|Fig\.|Table|Box|Chart|Scheme|Exhibit|Listing|Algorithm)\s*[A-Z]?\d+"
                      r"(?:[.:]\s|\s+(?-i:[A-Z(\[\"\u201c]))", re.I)
# A heading's section number ("4 ", "5.1 ", "IV. "), before the capital its title starts with
_SECTION_NUMBER = re.compile(r"(?:\d+(?:\.\d+)*\.?|[IVX]+\.)\s+")
# A subsection's number ("9.1.3 Styled text"): a line of its own so numbered is a heading even
# set in the body's size (a word processor's heading styles are often only bold)
_SUBSECTION = re.compile(r"\d+(?:\.\d+)+\.?\s+\S")
_SUBSECTION_HEAD = re.compile(r"\s*\d+(?:\.\d+)+\.?\s+[A-Z]")  # its title, a capital first
# A contents line's end: dot leaders, then its page number ("2.1 ASN.1 syntax . . . . 2",
# "Preface ........ xi"): each line of a table of contents is an entry of its own
LEADER_END = re.compile(r"(?:[.\u2026]\s?){4,}\s*(?:\d{1,4}|[ivxlc]{1,7})\s*$", re.IGNORECASE)
LEADER_TAIL = 24  # characters from a text's end that hold its leaders and page number


def ends_with_leaders(text: str) -> bool:
    """Whether the text ends as a contents entry does. Only its tail is searched: a search of
    the whole tried every stop of every line and paragraph (8 ms of the ten real PDFs'
    60 ms of paragraph building)."""
    return LEADER_END.search(text, max(0, len(text) - LEADER_TAIL)) is not None
# An affiliation's or a note's mark: a number or a sign, often set as a superscript
NOTE_SIGNS = frozenset("*\u2217\u2020\u2021\u00a7\u00b6")  # * ∗ † ‡ § ¶
MARK_CHARS = frozenset("0123456789") | NOTE_SIGNS
_MARK = re.compile(f"[0-9{re.escape(''.join(sorted(NOTE_SIGNS)))}]+(?:,[0-9]+)*")  # "2,3", "†"
# The end of a sentence, perhaps followed by a closing quote or bracket and a citation number
# (digits, commas, dashes, daggers, asterisks): read from the end by `ends_sentence`.
_STOPS, _CLOSERS, _CITATION = ".!?:;", "\"'\u201d\u2019)]", ",\u2013-\u2020\u2021*"

Chunk = tuple[str, Part | None]  # text, and the page part it came from (None: a joining space)


@dataclass
class Para:
    kind: str  # "body", "footnote", "table", "heading"
    chunks: list[Chunk] = field(default_factory=list)
    lines: int = 0
    size: float = 0.0  # the type size of its first line
    _text: str | None = field(default=None, repr=False, compare=False)  # chunks joined
    # A table's last row: each cell's left edge and the index in `chunks` after its text.
    _cells: list[tuple[float, int]] = field(default_factory=list, repr=False, compare=False)
    left: float = 0.0  # where its first line starts
    sideways: bool = False  # read from text set sideways (`pdf_layout.page_regions`)

    @property
    def text(self) -> str:
        """Kept until the chunks change: joining across breaks reads each paragraph's text
        again for every paragraph before it that looks for its continuation."""
        if self._text is None:
            self._text = "".join([text for text, _ in self.chunks])
        return self._text

    def first_page(self) -> int:
        """The page its text begins on (0 when none of it was read from a page)."""
        return next((part.page for _, part in self.chunks if part is not None), 0)

    def retext(self, text: str) -> None:
        """The same chunks over new text of the same length (brackets swapped in place)."""
        at, chunks = 0, []
        for old, part in self.chunks:
            chunks.append((text[at:at + len(old)], part))
            at += len(old)
        self.chunks, self._text = chunks, None

    def absorb(self, other: Para) -> None:
        """Go on with `other`'s text: a paragraph continued past a column or page break."""
        self._join(other.chunks[0][0])
        self.chunks.extend(other.chunks)
        self.lines += other.lines
        self._text = None

    def add_line(self, line: Line, *, row: bool = False) -> None:
        """Append a line (a table's row on a line of its own), mending a line-end hyphen that
        only split a word."""
        if not row and len(line.parts) == 1 and line.parts[0].text:
            self._add_prose(line, line.parts[0])
            return
        parts = [p for p in line.parts if p.text]
        if not parts:
            parts = [Part(line.text.strip(), 0, 0, 0, (line.x0, line.bottom, line.x1, line.top))]
        self.lines += 1
        self.size = self.size or line.size
        self.left = self.left if self.chunks else line.x0
        self._text = None
        if row and self.chunks:
            self.chunks.append(("\n", None))
        elif self.chunks:
            self._join(parts[0].text)
        if row:
            self._cells = []
        size = line.size
        for prev, part in zip([None, *parts], parts, strict=False):
            between = "\t"
            if prev is not None:
                between = joiner(prev.box[2], part.box[0], size, prev.spaced or part.spaced)
                self.chunks.append((between if row or between != "\t" else " ", None))
            self.chunks.append((part.text, part if part.page else None))
            if row:
                left = part.box[0] if between == "\t" else self._cells.pop()[0]
                self._cells.append((left, len(self.chunks)))

    def _add_prose(self, line: Line, part: Part) -> None:
        """`add_line` for most lines of prose, read from the page in one part."""
        self.lines += 1
        self.size = self.size or line.size
        self._text = None
        if self.chunks:
            self._join(part.text)
        else:
            self.left = line.x0
        self.chunks.append((part.text, part if part.page else None))

    def add_run_over(self, line: Line) -> None:
        """A line of a table row's cells run over under it: each of its cells goes on after
        the row's cell it sits under (the last one starting left of it), after a line separator
        (U+2028), so the row stays one line of the stored text."""
        parts = [p for p in line.parts if p.text]
        self.lines += 1
        self._text = None
        groups: list[list[Chunk]] = []
        lefts: list[float] = []
        for prev, part in zip([None, *parts], parts, strict=False):
            between = "\t" if prev is None else joiner(
                prev.box[2], part.box[0], line.size, prev.spaced or part.spaced)
            if between == "\t":
                groups.append([("\u2028", None)])
                lefts.append(part.box[0])
            else:
                groups[-1].append((between, None))
            groups[-1].append((part.text, part if part.page else None))
        for left, group in zip(lefts, groups, strict=True):
            under = max((i for i, (x, _) in enumerate(self._cells) if x <= left + 0.5 * line.size),
                        default=0)
            at = self._cells[under][1]
            self.chunks[at:at] = group
            self._cells = [(x, end + len(group) if i >= under else end)
                           for i, (x, end) in enumerate(self._cells)]

    def _join(self, following: str) -> None:
        last_text, last_part = self.chunks[-1]
        if not following:
            return
        self._text = None
        if last_text.endswith(("-", "\u2013")):  # a hyphen or a range's dash: no space after
            match = _WORD_TAIL.search(last_text)
            if match and following[0].islower() and match.group(1).lower() not in _KEEP_HYPHEN_PREFIXES:
                self.chunks[-1] = (last_text[:-1], last_part)
            return
        if last_text.endswith("\u2014") and not last_text.endswith(" \u2014"):
            return  # a closed em dash ("platforms\u2014reflects") stays closed across the break
        self.chunks.append((" ", None))


def join_two(first: str, second: str) -> str:
    """Join a line to the next, mending a line-end hyphen that only split a word."""
    if not second:
        return first
    match = _WORD_TAIL.search(first)
    if match:
        prefix = match.group(1).lower()
        if second[0].islower() and prefix not in _KEEP_HYPHEN_PREFIXES:
            return first[:-1] + second
        return first + second
    return f"{first} {second}"


def region_paragraphs(lines: list[Line], kind: str = "body", *, rtl: bool = False) -> list[Para]:
    """Lines of one region into paragraphs: a break at a wide gap, an indent, a bullet or a
    change of type size. Right-to-left lines start at the right margin, so their indent is
    measured from there."""
    if not lines:
        return []
    if rtl:
        lines = [mirrored(ln) for ln in lines]
    size = median([ln.size for ln in lines])
    left = min([ln.x0 for ln in lines])
    gaps = sorted([gap for a, b in zip(lines, lines[1:], strict=False)
                   if (gap := a.bottom - b.top) > 0])
    # A gap wider than the region's usual leading opens a paragraph (double-spaced theses too).
    usual = gaps[len(gaps) // 2] if len(gaps) >= 3 else 0.25 * size
    wide = usual + 0.3 * size
    right = max([ln.x1 for ln in lines])
    # The tests' bounds, worked out once for the region, not for each of its lines.
    loose, spread, short_of = usual > 0.6 * size, 0.6 * size, right - 2 * size
    indent, flush, half = 1.2 * size, 0.5 * size, left + 0.5 * (right - left)
    overlap, table_gap = -0.5 * size, 1.5 * size
    rows = _rows(lines)
    para = Para("table" if rows[0] else kind)
    paragraphs = [para]
    para.add_line(lines[0], row=rows[0])
    item = item_text_x(lines[0])  # where the text of the list item being read starts
    for after, (prev, line, row) in enumerate(zip(lines, lines[1:], rows[1:], strict=False), 2):
        if row or (para.kind == "table" and _in_table(prev, line)):
            if para.kind == "table" and _runs_over(para, prev, line, row):
                para.add_run_over(line)
                continue
            if para.kind != "table" or prev.bottom - line.top > table_gap:
                para = Para("table")
                paragraphs.append(para)
            para.add_line(line, row=True)
            continue
        gap = prev.bottom - line.top
        # Each test only when the ones before it failed: this runs for every line of a PDF.
        if (para.kind == "table" or gap > wide
                # in loosely spaced text every gap looks wide: there a short line ends one
                or (loose and gap > spread and prev.x1 < short_of)
                or (line.x0 - left > indent and prev.x0 - left < flush  # indented
                    and not _centred_under(prev, line)
                    and not _hanging(prev, line, lines[after] if after < len(lines) else None,
                                     short_of, flush)
                    and not under_label(prev, line))
                # a short line, then one indented less than `indent` (an em, as the
                # Bigtable paper sets its paragraphs), unless under a list item's first line
                or (prev.x1 < short_of and line.x0 - left > flush and prev.x0 - left < flush
                    and not _centred_under(prev, line) and ITEM.match(prev.text) is None
                    and not under_label(prev, line))
                or (line.x0 < prev.x0 - flush and prev.x1 < short_of and para.lines > 1
                    and next_item(prev, line, right))
                or (prev.x1 < short_of and _opens_with_mark(line))
                # one item of a list ended, the next opens at the same margin ("D. Preserve
                # all the copyright notices." then "E. Add an appropriate…")
                or (prev.x1 < short_of and follows(prev.text, line.text)
                    and ends_sentence(prev.text.rstrip()))
                or _opens_with_note_sign(line.text)
                or ends_with_leaders(prev.text)
                or (prev.x1 < half and _ends_alone(prev.text, line.text, para.lines == 1))
                or gap < overlap
                # resized (max() written out: the same result, NaN included)
                or abs(line.size - prev.size)
                > 0.18 * (prev.size if prev.size > line.size else line.size)
                or BULLET.match(line.text.strip()) is not None
                or ("\t" in line.text and (LABEL_TAB.match(line.text) is not None
                                           or OPENS_WITH_TAB.match(line.text) is not None))
                # a short line numbered as a subsection after a sentence's end: its heading
                # ("… external sources." then "8.2 Compression scheme", a size larger only)
                or (line.x1 < half and _SUBSECTION_HEAD.match(line.text) is not None
                    and ends_sentence(prev.text.rstrip()))
                # a word processor's list item ended: a line back out left of its text (its
                # lines hang under that), opening as a heading or a paragraph does
                or (item is not None and line.x0 < item - flush
                    and not line.text.lstrip()[:1].islower())
                or (line.parts and line.parts[0].lead and ends_sentence(prev.text.rstrip()))):
            para = Para(kind)
            paragraphs.append(para)
            item = item_text_x(line)
        if len(line.parts) == 1 and line.parts[0].text:  # most lines: straight on
            para._add_prose(line, line.parts[0])
        else:
            para.add_line(line)
    for para in paragraphs:  # a lone row with a wide gap is a line of prose set apart
        if para.kind == "table" and para.lines == 1:
            para.kind = kind
    return [p for p in paragraphs if p.text.strip()]


def _centred_under(prev: Line, line: Line) -> bool:
    """A line centred under the one before, as a title's second line is: in from both its
    ends alike. A paragraph's indented first line starts in, but runs to the same right edge."""
    return (abs((line.x0 + line.x1) - (prev.x0 + prev.x1)) < 0.5 * line.size
            and line.x1 < prev.x1 - line.size)


def _hanging(prev: Line, line: Line, after: Line | None, short_of: float, flush: float) -> bool:
    """Whether an indented line under a full one goes on with it: the middle of an item set
    with a hanging indent (a reference of three lines or more), running full width itself
    with the next line indented as far. After a paragraph's indented first line the lines
    return to the margin; a one-line paragraph ends short."""
    return (prev.x1 >= short_of and line.x1 >= short_of and after is not None
            and abs(after.x0 - line.x0) < flush)


def _opens_with_mark(line: Line) -> bool:
    """Whether a line opens with a superscript mark: the next of a list of affiliations
    ("Dublin, Ireland" then "²Computational and Molecular…", which ran on as one) or notes.
    pdfium gives a superscript as a piece of its own, smaller and raised, unless only a space
    stands between it and the text after it (`pdf_lines.raised_mark` looked then)."""
    if line.parts[0].mark:
        return True
    if len(line.parts) < 2:
        return False
    mark, rest = line.parts[0], line.parts[1]
    if _MARK.fullmatch(mark.text.strip()) is None:
        return False
    height = rest.box[3] - rest.box[1]
    return (mark.box[1] > rest.box[1] + 0.25 * height
            and mark.box[3] - mark.box[1] < 0.85 * height)


def _opens_with_note_sign(text: str) -> bool:
    """A line opening with a note sign set against a capital ("§Lead Molecular Design, …"
    after "… Bath BA2 7AY, U.K."; "†Department of …") is the next affiliation or note, at any
    size and after a line of any length. A section sign before a number ("§ 12 of the Act")
    runs on."""
    first = text.lstrip()[:2]
    return first[:1] in NOTE_SIGNS and first[1:].isupper()


def _ends_alone(short: str, following: str, first: bool) -> bool:
    """Whether a line ending short of half its region's width ends its paragraph, though no
    gap or indent follows: when it ends a sentence (a list's items set flush), or is a
    paragraph's one line and a title in form, the next line starting anew (a heading set in
    bold at the body's size and leading: "Boots Self-Locking Nut" over "The Boots ...", or
    after its section number, "11 MATH EQUATIONS" over "You may want…" in ACM's style). A
    short line may also be a line beside a figure, a label ("Correspondence to:") or an
    address's line, which run on."""
    short, following = short.strip(), following.lstrip()
    if ends_sentence(short, ".!?", cited=False):  # a label's colon runs on
        return True
    return (first and short[_numbered(short):][:1].isupper() and following[:1].isupper()
            and not short.endswith((",", ":", ";", "-", "\u2013")) and len(short.split()) <= 12)


def _rows(lines: list[Line]) -> list[bool]:
    """Table rows: lines of three cells or more, or of two next to another such line. A lone
    wide gap in a line of prose is a justified line's stretched space, and one after a list
    item's label is the tab a word processor sets there: a bulleted list is no table (Word's
    "•<tab>item" lines, two in a row, were read as a table's rows and their wrapped second
    lines fell out of them, on the REFI-QDA standard's pages)."""
    tabs = [(n := ln.text.count("\t")) and n - (LABEL_TAB.match(ln.text) is not None)
            for ln in lines] + [0]
    return [n >= 2 or (n == 1 and (tabs[i - 1] > 0 or tabs[i + 1] > 0))
            for i, n in enumerate(tabs[:-1])]


def _in_table(prev: Line, line: Line) -> bool:
    """A short line just under a table row belongs to the table."""
    return prev.bottom - line.top < 0.7 * line.size and len(line.text) < 40


def _runs_over(table: Para, prev: Line, line: Line, row: bool) -> bool:
    """A line set close under a table row whose cells carry on the row's cells rather than
    begin a new row: it starts right of the table's first column, and a line of several cells
    also starts in lower case (a new row starting in a later column, under a group's first
    cell, begins like a row)."""
    if not table._cells or prev.bottom - line.top >= 0.7 * line.size:
        return False
    indented = line.x0 > table.left + line.size
    return indented and (not row or line.text.lstrip()[:1].islower())


def ends_sentence(text: str, stops: str = _STOPS, cited: bool = True) -> bool:
    """Whether the text ends a sentence: one of `stops`, then perhaps closing quotes or
    brackets, then (when `cited`) perhaps a citation's marks. Read back from the end, not
    searched for from the start (a regex anchored at the end is tried at every stop of the
    paragraph)."""
    end = len(text)
    while cited and end and (text[end - 1].isdecimal() or text[end - 1] in _CITATION):
        end -= 1  # isdecimal: a regex's \d
    while end and text[end - 1] in _CLOSERS:
        end -= 1
    return end > 0 and text[end - 1] in stops


def _numbered(text: str) -> int:
    """Where a heading's title starts after its section number (0 when it has none)."""
    match = _SECTION_NUMBER.match(text)
    return match.end() if match else 0


def mark_kinds(paragraphs: list[Para], lines: list[Line]) -> None:
    """Captions ("Figure 2 …", "Table 1. …") and headings: a short single line set larger than
    the page's body text, or in capitals, that starts like a title and does not end like a
    sentence."""
    sizes = sorted([ln.size for ln in lines if len(ln.text) > 30])
    body = sizes[len(sizes) // 2] if sizes else 0.0
    for para in paragraphs:
        if para.kind != "body":
            continue
        text = para.text.strip()
        if _CAPTION.match(text):
            para.kind = "caption"
        # split no further than the thirteenth word: the count is only compared with twelve
        elif (body and para.lines == 1 and len(text.split(None, 12)) <= 12
                and text[_numbered(text):][:1].isupper()
                and not text.endswith((".", ",", ";"))
                and (para.size > 1.15 * body or (text.isupper() and len(text) > 3)
                     or _SUBSECTION.match(text) is not None)):
            para.kind = "heading"
