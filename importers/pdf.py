"""PDF text in reading order, with page spans, from pypdfium2 (fast) and our own layout pass.

pdfium gives each page's text in content order with line breaks, and the boxes of any char
range cheaply; `pdf_layout` turns those lines into columns and paragraphs. Running headers
and footers are found across pages (the same text in the top or bottom margin of many pages).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

from importers.base import (
    CancelCheck,
    ImportCancelled,
    ImportedDocument,
    ImporterError,
    NoTextLayer,
    PageSpan,
    PasswordRequired,
    Progress,
    ProgressCallback,
    WrongPassword,
)
from importers.bidi import RTL_CHAR, balance_brackets, has_rtl
from importers.ocr import ENGINE, ocr_copy, ocr_engine, temporary_folder
from importers.pdf_layout import Line, join_lines, join_two, reading_order
from importers.pdf_rtl import page_direction, rtl_line, same_visual_line

LIGATURES = str.maketrans({
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
    "\ufb05": "st", "\ufb06": "st", "\x00": "",
})
# pdfium joins a word hyphenated across a line end itself and marks the join with U+FFFE
# (sometimes U+0002 or a soft hyphen); whether the hyphen stays is our rule in join_two.
_LINE_END_HYPHEN = re.compile(r"(\S+?)[\ufffe\x02\u00ad]\s*(\S)")
_CID = re.compile(r"\(cid:\d+\)")
_PAGE_NUMBER = re.compile(r"^\W*(page\s*)?(\d{1,4}|[ivxlcdm]{1,6})(\s*(of|/)\s*\d{1,4})?\W*$", re.I)
_MARGIN = 0.09  # top and bottom share of the page where running heads live


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


def _clean(text: str) -> str:
    text = _LINE_END_HYPHEN.sub(lambda m: join_two(m.group(1) + "-", m.group(2)), text)
    return _CID.sub("", text.translate(LIGATURES)).replace("\ufffe", "-")


def page_lines(textpage: Any) -> list[Line]:
    """The page's lines with their boxes; a line pdfium ran across a gutter is split in two."""
    text: str = textpage.get_text_range()
    any_rtl = has_rtl(text)
    lines: list[Line] = []
    rtl_ranges: list[tuple[int, int]] = []  # pdfium lines making one right-to-left line
    rtl_boxes: list[Any] = []
    start = 0
    for match in re.finditer(r"\r\n|\n|\r", text + "\r\n"):
        a, b = start, match.start()
        start = match.end()
        if b <= a or not text[a:b].strip():
            continue
        count = textpage.count_rects(a, b - a)
        boxes = [textpage.get_rect(i) for i in range(count)]
        if not boxes:
            continue
        if any_rtl and RTL_CHAR.search(text, a, b) is not None:
            if rtl_ranges and not same_visual_line(rtl_boxes, boxes):
                lines.extend(_rtl_lines(textpage, text, rtl_ranges, rtl_boxes))
                rtl_ranges, rtl_boxes = [], []
            rtl_ranges.append((a, b))
            rtl_boxes.extend(boxes)
        else:
            lines.extend(_split_at_gaps(textpage, text, a, b, boxes))
    if rtl_ranges:
        lines.extend(_rtl_lines(textpage, text, rtl_ranges, rtl_boxes))
    return lines


def _rtl_lines(textpage: Any, text: str, ranges: list[tuple[int, int]], boxes: list[Any]
               ) -> list[Line]:
    return [replace(ln, text=_clean(ln.text))
            for ln in rtl_line(textpage, text, ranges, _gutter_cuts(boxes))]


def _gutter_cuts(boxes: list[Any]) -> list[float]:
    """x positions where a line's boxes leave a gap wider than 1.5 line heights."""
    boxes = sorted(boxes, key=lambda r: r[0])
    height = max(max(r[3] for r in boxes) - min(r[1] for r in boxes), 1.0)
    return [
        (boxes[i][2] + boxes[i + 1][0]) / 2
        for i in range(len(boxes) - 1)
        if boxes[i + 1][0] - boxes[i][2] > 1.5 * height
    ]


def _split_at_gaps(textpage: Any, text: str, a: int, b: int, boxes: list[Any]) -> list[Line]:
    cuts = _gutter_cuts(boxes)
    if not cuts:
        return [_line(_clean(text[a:b]), boxes)]
    pieces: list[Line] = []
    piece_start = a
    for cut in cuts:
        index = piece_start
        while index < b and textpage.get_charbox(index)[0] < cut:
            index += 1
        pieces.append(_line_of(textpage, text, piece_start, index))
        piece_start = index
    pieces.append(_line_of(textpage, text, piece_start, b))
    return [p for p in pieces if p.text.strip()]


def _line_of(textpage: Any, text: str, a: int, b: int) -> Line:
    count = textpage.count_rects(a, max(b - a, 0)) if b > a else 0
    boxes = [textpage.get_rect(i) for i in range(count)] or [(0.0, 0.0, 0.0, 0.0)]
    return _line(_clean(text[a:b]), boxes)


def _line(text: str, boxes: list[Any]) -> Line:
    return Line(text=text, x0=min(r[0] for r in boxes), x1=max(r[2] for r in boxes),
                bottom=min(r[1] for r in boxes), top=max(r[3] for r in boxes))


def _running_keys(pages: list[tuple[float, list[Line]]]) -> set[str]:
    """Margin lines that recur on many pages (digits ignored, so "Page 3" matches "Page 4")."""
    counts: Counter[str] = Counter()
    for height, lines in pages:
        seen = {_key(ln) for ln in lines if _in_margin(ln, height)}
        counts.update(seen)
    threshold = max(3, int(0.4 * len(pages)))
    return {key for key, n in counts.items() if n >= threshold and key}


def _key(line: Line) -> str:
    return re.sub(r"\d+", "#", " ".join(line.text.lower().split()))


def _in_margin(line: Line, height: float) -> bool:
    return line.top > height * (1 - _MARGIN) or line.bottom < height * _MARGIN


def read_pdf(
    path: Path,
    *,
    password: str | None = None,
    keep_headers: bool = False,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
    ocr: bool = False,
) -> ImportedDocument:
    """With `ocr`, a scan with no text layer goes through the local OCR engine (ocr.py)."""
    pdf = _open(path, password)
    try:
        total = len(pdf)
        raw_pages: list[tuple[float, list[Line]]] = []
        for index in range(total):
            if cancel is not None and cancel():
                raise ImportCancelled(path, "import cancelled")
            page = pdf[index]
            textpage = page.get_textpage()
            raw_pages.append((page.get_height(), page_lines(textpage)))
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
    running = set() if keep_headers else _running_keys(raw_pages)
    text, pages = _assemble(raw_pages, running, keep_headers)
    if not text.strip():
        if ocr:
            return _read_ocr_copy(path, total, keep_headers, metadata)
        raise NoTextLayer(
            path, "has no text layer (a scan?); run OCR first, e.g. `ocrmypdf in.pdf out.pdf`"
            + (", or import with OCR" if ocr_engine() else "")
        )
    return ImportedDocument(
        path=path, format="pdf", text=text, pages=pages,
        title=str(metadata.get("Title", "") or "").strip() or path.stem,
        authors=str(metadata.get("Author", "") or "").strip(),
        year=_year(metadata),
    )


def _read_ocr_copy(path: Path, pages: int, keep_headers: bool,
                   metadata: dict[str, Any]) -> ImportedDocument:
    """The text of an OCR'd copy, under the original's name and metadata."""
    with temporary_folder() as work:
        copy = read_pdf(ocr_copy(path, pages, Path(work)), keep_headers=keep_headers)
    if not copy.text.strip():
        raise NoTextLayer(path, "has no text layer and OCR found no text in it")
    return ImportedDocument(
        path=path, format="pdf", text=copy.text, pages=copy.pages,
        title=str(metadata.get("Title", "") or "").strip() or path.stem,
        authors=str(metadata.get("Author", "") or "").strip(), year=_year(metadata),
        warnings=[f"{path.name}: text from OCR ({ENGINE}); check quotations against the scan"],
    )


def _assemble(
    raw_pages: list[tuple[float, list[Line]]], running: set[str], keep_headers: bool
) -> tuple[str, list[PageSpan]]:
    parts: list[str] = []
    pages: list[PageSpan] = []
    offset = 0
    for number, (height, lines) in enumerate(raw_pages, start=1):
        body = [
            ln for ln in lines
            if keep_headers or not _in_margin(ln, height)
            or (_key(ln) not in running and not _PAGE_NUMBER.match(ln.text.strip()))
        ]
        any_rtl, rtl = page_direction(body)
        blocks = reading_order(body, rtl=rtl)
        paragraphs = [p for block in blocks for p in join_lines(block, rtl=rtl)]
        if any_rtl:  # a bracket pair may open on one line and close on the next
            paragraphs = [balance_brackets(p) if has_rtl(p) else p for p in paragraphs]
        page_text = "\n\n".join(paragraphs)
        if parts:
            parts.append("\n\n")
            offset += 2
        parts.append(page_text)
        pages.append(PageSpan(number, offset, offset + len(page_text)))
        offset += len(page_text)
    return "".join(parts), pages


def _year(metadata: dict[str, Any]) -> int | None:
    for key in ("CreationDate", "ModDate"):
        match = re.search(r"(19|20)\d\d", str(metadata.get(key, "")))
        if match:
            return int(match.group(0))
    return None
