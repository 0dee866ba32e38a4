"""Page geometry for documents imported before it was kept: found again from the original.

First the stored original is read again with the current reader: when its text is the stored
text, its runs are exact. Otherwise (an older reader ordered or joined the text differently)
each page's stored text is aligned with pdfium's text of that page: the stored characters,
white space left out, are matched to pdfium's (ligatures folded) by anchoring on stretches of
eight characters that occur near where the last match left off and extending each match as far
as the two agree. Lines read in another order are found wherever they are on the page; a
character that matches nothing gets no box rather than a wrong one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from coding.page_geometry import fold_char
from importers import read_stored
from importers.base import Block, ImportedDocument, ImporterError, TextRun
from importers.pdf import UNREADABLE
from importers.pdfium_guard import PDFIUM

ANCHOR = 8  # characters a match must share to start
NEAR = 300  # how far from its neighbours' match a short anchor may land
STEP = 3  # pdfium indices a line may skip (spaces, a hyphen) and stay one run


def derive_layout(data: bytes, text: str, pages: Sequence[tuple[int, int, int]]
                  ) -> tuple[list[TextRun], list[Block], str]:
    """(runs, blocks, source) for a stored PDF whose text is `text` with page spans `pages`
    (number, start, end); source is "reread", "aligned" or "none"."""
    reread = _read_again(data)
    if reread is not None and reread.runs and reread.text in (text, text.translate(UNREADABLE)):
        # the same text (an older reader stored unmapped glyphs as control codes): exact runs
        return list(reread.runs), list(reread.blocks), "reread"
    runs: list[TextRun] = []
    with PDFIUM:
        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError:
            return [], [], "none"
        try:
            if pages:
                for number, start, end in pages:
                    if 1 <= number <= len(pdf) and end > start:
                        runs.extend(_align(pdf, [number], text, start, end))
            else:  # no page spans (a REFI-QDA import): the whole text against every page
                runs = _align(pdf, list(range(1, len(pdf) + 1)), text, 0, len(text))
        finally:
            pdf.close()
    runs.sort(key=lambda r: r.start)
    return runs, [], "aligned" if runs else "none"


def _read_again(data: bytes) -> ImportedDocument | None:
    try:
        return read_stored(data, ".pdf")  # pdfium's lock taken there (a page view renders)
    except ImporterError:
        return None


def _significant(text: str, base: int) -> tuple[str, list[int]]:
    """The characters that carry the text (no white space; ligatures folded), and where each
    came from (base + index)."""
    out: list[str] = []
    where: list[int] = []
    for index, ch in enumerate(text):
        if ch.isspace() or ch == "\x02":
            continue
        for piece in fold_char(ch):
            if not piece.isspace():
                out.append(piece)
                where.append(base + index)
    return "".join(out), where


def match_positions(stored: str, page: str) -> list[int | None]:
    """For each character of `stored`, the position of the same character in `page`, or None.

    Greedy with moves: continue the current match while the characters agree; otherwise anchor
    the next few characters at their unused occurrence in `page` nearest to where the last
    match ended, and go on from there. Later passes anchor on fewer characters (a superscript,
    a short line), only near where their neighbours matched."""
    result: list[int | None] = [None] * len(stored)
    used = bytearray(len(page))
    for size, reach in ((ANCHOR, len(page)), (4, NEAR), (2, NEAR), (1, NEAR)):
        _match_pass(stored, page, result, used, size, reach)
    return result


def _match_pass(stored: str, page: str, result: list[int | None], used: bytearray, size: int,
                reach: int) -> None:
    grams: dict[str, list[int]] = {}
    for p in range(len(page) - size + 1):
        if not any(used[p:p + size]):
            grams.setdefault(page[p:p + size], []).append(p)
    expected = 0
    i = 0
    while i < len(stored):
        done = result[i]
        if done is not None:
            expected = done + 1
            i += 1
            continue
        if expected < len(page) and not used[expected] and page[expected] == stored[i]:
            p = expected
        else:
            candidates = [c for c in grams.get(stored[i:i + size], ())
                          if abs(c - expected) <= reach and not any(used[c:c + size])]
            if not candidates:
                i += 1
                continue
            p = min(candidates, key=lambda c: abs(c - expected))
        while (i < len(stored) and result[i] is None and p < len(page) and not used[p]
               and page[p] == stored[i]):
            result[i] = p
            used[p] = 1
            i += 1
            p += 1
        expected = p


def _align(pdf: Any, numbers: list[int], text: str, start: int, end: int) -> list[TextRun]:
    """Runs for stored text [start, end) found on the given pages."""
    stored, offsets = _significant(text[start:end], start)
    found: list[str] = []
    where: list[tuple[int, int]] = []  # (page, pdfium index) of each significant character
    pages: dict[int, tuple[str, Any, Any]] = {}
    for number in numbers:
        page = pdf[number - 1]
        textpage = page.get_textpage()
        chars: str = textpage.get_text_range()
        pages[number] = (chars, textpage, page)
        significant, indices = _significant(chars, 0)
        found.append(significant)
        where.extend((number, index) for index in indices)
    try:
        positions = match_positions(stored, "".join(found))
        by_page: dict[int, list[tuple[int, int]]] = {}
        last = -1
        for k, p in enumerate(positions):
            if p is not None and offsets[k] != last:
                number, index = where[p]
                by_page.setdefault(number, []).append((offsets[k], index))
                last = offsets[k]
        return [run for number, pairs in by_page.items()
                for run in _runs(pairs, pages[number][0], pages[number][1], number)]
    finally:
        for _chars, textpage, page in pages.values():
            textpage.close()
            page.close()


def _runs(pairs: list[tuple[int, int]], chars: str, textpage: object, number: int
          ) -> list[TextRun]:
    """Consecutive characters that follow each other on one pdfium line become one run."""
    runs: list[TextRun] = []
    rect = pdfium_c.FS_RECTF()
    group: list[tuple[int, int]] = []

    def close() -> None:
        if not group:
            return
        boxes = []
        for _, index in group:
            pdfium_c.FPDFText_GetLooseCharBox(textpage.raw, index, rect)  # type: ignore[attr-defined]
            boxes.append((rect.left, rect.bottom, rect.right, rect.top))
        box = (min(b[0] for b in boxes), min(b[1] for b in boxes),
               max(b[2] for b in boxes), max(b[3] for b in boxes))
        runs.append(TextRun(group[0][0], group[-1][0] + 1, number, group[0][1],
                            group[-1][1] + 1, box))
        group.clear()

    for offset, index in pairs:
        if group:
            last_offset, last_index = group[-1]
            between = chars[last_index + 1:index]
            if (index < last_index or index - last_index > STEP or "\n" in between
                    or offset - last_offset > STEP):
                close()
        group.append((offset, index))
    close()
    return runs
