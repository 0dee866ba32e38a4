"""PDF text in reading order, with page spans and page geometry, from pypdfium2 (fast) and our
own layout pass.

pdfium gives each page's text in content order and the boxes of any character range cheaply
(`pdf_lines`); running heads and footers are found across pages (`pdf_running`); each page is
cut into layout regions read in order (`pdf_layout`), whose lines become paragraphs that are
joined again across column and page breaks (`pdf_paragraphs`). Every stretch of stored text
keeps the page, pdfium character indices and box it was read from (`TextRun`), for the page view.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from importers.base import (
    Block,
    CancelCheck,
    ImportCancelled,
    ImportedDocument,
    ImporterError,
    NoTextLayer,
    PageSpan,
    PasswordRequired,
    Progress,
    ProgressCallback,
    TextRun,
    WrongPassword,
)
from importers.bidi import balance_brackets, has_rtl
from importers.ocr import ENGINE, ocr_copy, ocr_engine, temporary_folder
from importers.pdf_breaks import join_across_breaks
from importers.pdf_layout import page_regions
from importers.pdf_lines import page_lines, reads_turned
from importers.pdf_paragraphs import Para, mark_kinds, region_paragraphs
from importers.pdf_rtl import page_direction
from importers.pdf_running import strip_running
from importers.pdf_title import metadata_title, title_paragraph
from importers.pdf_turn import Turn, page_turn, running_view
from importers.pdf_visual_lines import Line


def _open(path: Path, password: str | None) -> Any:
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(str(path), password=password)
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            if password:
                raise WrongPassword(path, "the password is wrong") from None
            raise PasswordRequired(path, "is encrypted; give its password") from None
        if "format" in message or "file" in message:
            raise ImporterError(path, "is damaged or not a PDF (it cannot be opened)") from None
        raise ImporterError(path, f"cannot be read ({exc})") from None


def read_pdf(
    path: Path,
    *,
    password: str | None = None,
    keep_headers: bool = False,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
    ocr: bool = False,
    pages_only: bool = False,
) -> ImportedDocument:
    """With `ocr`, a scan with no text layer goes through the local OCR engine (ocr.py); with
    `pages_only`, one OCR did not read (or was not asked to) comes back as its pages alone."""
    pdf = _open(path, password)
    try:
        total = len(pdf)
        raw_pages: list[tuple[float, list[Line]]] = []
        turns: list[Turn | None] = []
        own_heights: list[float] = []  # before any turn
        for index in range(total):
            if cancel is not None and cancel():
                raise ImportCancelled(path, "import cancelled")
            page = pdf[index]
            textpage = page.get_textpage()
            turn = page_turn(page)
            if turn is not None and not reads_turned(textpage, turn):
                turn = None
            turns.append(turn)
            own_heights.append(page.get_width() if page.get_rotation() % 180 else
                               page.get_height())
            raw_pages.append((page.get_height(), page_lines(textpage, index + 1, turn)))
            textpage.close()
            page.close()
            if progress is not None:
                progress(Progress(path, index + 1, total))
        metadata = pdf.get_metadata_dict()
    except ImporterError:
        raise
    except Exception as exc:  # pdfium reports damage lazily, page by page
        raise ImporterError(path, f"is damaged and cannot be read ({type(exc).__name__})") from None
    finally:
        pdf.close()
    bodies = [lines for _, lines in raw_pages] if keep_headers else _strip_running(
        raw_pages, turns, own_heights)
    text, pages, runs, blocks, printed = _assemble([h for h, _ in raw_pages], bodies, turns)
    if not text.strip():
        ocr_failed = ""
        if ocr:
            try:
                return _read_ocr_copy(path, total, keep_headers, metadata)
            except NoTextLayer as exc:
                if not pages_only:
                    raise
                ocr_failed = exc.reason  # said beside the pages, not swallowed
        if pages_only:
            return _pages_alone(path, total, metadata, ocr_failed)
        raise NoTextLayer(
            path, "has no text layer (a scan?); run OCR first, e.g. `ocrmypdf in.pdf out.pdf`"
            + (", or import with OCR" if ocr_engine() else "")
            + "; or import its pages alone, to code regions of them (--pages-only)"
        )
    return ImportedDocument(
        path=path, format="pdf", text=text, pages=pages,
        title=metadata_title(metadata) or printed or path.stem,
        authors=str(metadata.get("Author", "") or "").strip(),
        year=_year(metadata), runs=runs, blocks=blocks,
    )


def _pages_alone(path: Path, pages: int, metadata: dict[str, Any],
                 ocr_failed: str = "") -> ImportedDocument:
    """A scan kept as its pages and no text: the page view shows them, and regions of them
    (a paragraph, a table, a figure) can be coded; search and excerpts have no words of it.
    `ocr_failed`: why OCR, asked for, gave no text."""
    why = [f"OCR gave no text: {ocr_failed}"] if ocr_failed else []
    return ImportedDocument(
        path=path, format="pdf", text="",
        pages=[PageSpan(number, 0, 0) for number in range(1, pages + 1)],
        title=metadata_title(metadata) or path.stem,
        authors=str(metadata.get("Author", "") or "").strip(), year=_year(metadata),
        warnings=[*why, "no text layer (a scan): imported as its pages alone, to code regions "
                        "of them in the page view; with OCR it would have text"],
    )


def _read_ocr_copy(path: Path, pages: int, keep_headers: bool,
                   metadata: dict[str, Any]) -> ImportedDocument:
    """The text of an OCR'd copy, under the original's name and metadata. No runs: their
    character indices would point into the copy's text layer, which the original has not."""
    with temporary_folder() as work:
        copied = ocr_copy(path, pages, Path(work))
        copy = read_pdf(copied, keep_headers=keep_headers)
    printed = copy.title if copy.title != copied.stem else ""  # not the copy's file name
    if not copy.text.strip():
        raise NoTextLayer(path, "has no text layer and OCR found no text in it")
    return ImportedDocument(
        path=path, format="pdf", text=copy.text, pages=copy.pages, blocks=copy.blocks,
        title=metadata_title(metadata) or printed or path.stem,
        authors=str(metadata.get("Author", "") or "").strip(), year=_year(metadata),
        warnings=[f"text from OCR ({ENGINE}); check quotations against the scan"],  # named by
        # whoever shows it ("⚠ report.pdf: …"): named here too, the name came out twice
    )


def _strip_running(pages: list[tuple[float, list[Line]]], turns: list[Turn | None],
                   own_heights: list[float]) -> list[list[Line]]:
    """Each page's lines without its running heads and footers, a turned page's found where
    they sit in its own space (`pdf_turn.running_view`)."""
    if not any(turns):
        return strip_running(pages)
    view, stands_for = running_view(pages, turns, own_heights)
    return [[stands_for.get(id(ln), ln) for ln in kept] for kept in strip_running(view)]


def _page_paragraphs(height: float, lines: list[Line]) -> list[Para]:
    any_rtl, rtl = page_direction(lines)
    paragraphs: list[Para] = []
    regions = page_regions(lines, height, rtl=rtl)
    for region in regions:
        found = region_paragraphs(region.lines, region.kind, rtl=rtl)
        for para in found if region.sideways else ():
            para.sideways = True
        paragraphs.extend(found)
    mark_kinds(paragraphs, [ln for region in regions for ln in region.lines])
    if any_rtl:  # a bracket pair may open on one line and close on the next
        for para in paragraphs:
            if has_rtl(para.text):  # swapping brackets keeps every chunk's length
                para.retext(balance_brackets(para.text))
    return paragraphs


def _assemble(heights: list[float], bodies: list[list[Line]], turns: list[Turn | None]
              ) -> tuple[str, list[PageSpan], list[TextRun], list[Block], str]:
    """One text for the document, and the title printed on its first page; each page's span
    starts where its first text does, so a page boundary may fall inside a paragraph that runs
    on. A run's box is in its page's own space, turned back from the page as shown."""
    per_page = [_page_paragraphs(height, lines) for height, lines in zip(heights, bodies, strict=True)]
    title = title_paragraph(heights[0], per_page[0]) if per_page and turns[0] is None else None
    printed = " ".join(title.text.split()) if title is not None else ""
    if title is not None and title.kind == "body":  # shown as the headings are
        title.kind = "heading"
    paragraphs = join_across_breaks([p for page in per_page for p in page])
    pieces: list[str] = []
    runs: list[TextRun] = []
    add_run = runs.append
    blocks: list[Block] = []
    first_on_page: dict[int, int] = {}
    offset, page = 0, -1  # no page yet
    turn: Turn | None = None
    for para in paragraphs:
        if pieces:
            pieces.append("\n\n")
            offset += 2
        start = offset
        for text, part in para.chunks:
            if part is not None and text:
                if part.page != page:  # a paragraph's chunks stay on one page for long stretches
                    page = part.page
                    first_on_page.setdefault(page, offset)
                    turn = turns[page - 1]
                # Made as a bare tuple: a document has thousands of runs, and the named
                # tuple's own __new__ is a Python call that costs twice as much.
                add_run(_new_tuple(TextRun, (
                    offset, offset + len(text), page, part.char_start, part.char_end,
                    part.box if turn is None else turn.back(part.box))))
            offset += len(text)
        if para.chunks:
            pieces.append(para.text)  # the chunks' texts, joined once already
        if para.kind != "body":
            blocks.append(Block(start, offset, para.kind))
    return (_UNREADABLE.sub("\ufffd", "".join(pieces)),
            _page_spans(len(heights), first_on_page, offset), runs, blocks, printed)


def _page_spans(count: int, first_on_page: dict[int, int], length: int) -> list[PageSpan]:
    starts: list[int] = []
    for number in range(1, count + 1):
        start = first_on_page.get(number, starts[-1] if starts else 0)
        starts.append(max(start, starts[-1]) if starts else 0)
    ends = starts[1:] + [length]
    return [PageSpan(n, a, max(a, b)) for n, (a, b) in enumerate(zip(starts, ends, strict=True), 1)]


_new_tuple = tuple.__new__
# A glyph of a font with no Unicode map (a symbol font's sum sign, a copyright sign, old TeX's
# ligatures) comes out of pdfium as its raw code, a control character: invisible, and trouble
# in every export. The stored text has U+FFFD there instead, one for one (offsets stand), so a
# reader sees a symbol was there. Layout has read them as pdfium gave them.
UNREADABLE = str.maketrans(dict.fromkeys(
    [*range(0x01, 0x09), 0x0B, 0x0C, 0x0D, *range(0x0E, 0x20), 0x7F], "\ufffd"))
# The same characters as a pattern: a document's whole text goes through it, and
# `str.translate` looks every character up in a dict (11 ms on the ten real PDFs' 251k
# characters, 4% of reading them; the pattern takes under 1 ms).
_UNREADABLE = re.compile("[" + "".join(map(re.escape, map(chr, UNREADABLE))) + "]")

def _year(metadata: dict[str, Any]) -> int | None:
    for key in ("CreationDate", "ModDate"):
        match = re.search(r"(19|20)\d\d", str(metadata.get(key, "")))
        if match:
            return int(match.group(0))
    return None
