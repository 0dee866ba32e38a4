"""A PDF's title: its info dictionary's, or else the title as printed on its first page.

Researchers' PDFs are named "1-s2.0-S0277953617301234-main.pdf" and their info dictionaries
often hold "Microsoft Word - draft3.doc" or nothing, so the document list would show noise.
The printed title is the one paragraph on the first page set clearly larger than the rest, in
its upper half, that reads like a title (a few words, no web address). When two paragraphs
share the largest size (section headings of a report) none is taken: a file name is better
than a wrong title.
"""

from __future__ import annotations

import re
from typing import Any

from importers.pdf_paragraphs import Para

_FILE_NAME = re.compile(r"^[\w ,.()\-]+\.(docx?|pdf|dvi|tex|rtf|odt|indd|qxd|ps|eps|txt)$", re.I)
_PRODUCER_PREFIX = re.compile(r"^(microsoft (word|powerpoint) - |untitled - )", re.I)
_BANNER = re.compile(  # a journal's line above the title, or the article's label
    r"www\.|https?:|@|\t|\bdoi\b|\bvol(ume)?\.? ?\d|\bissn\b|^open access$"
    r"|^(research|original|review|short)? ?(article|paper|communication|report)s?$", re.I)
LARGER = 1.15  # a title's type against the page's body type: as a heading's (mark_kinds)
MAX_WORDS = 40
MAX_LINES = 4


def metadata_title(metadata: dict[str, Any]) -> str:
    """The info dictionary's title, unless it is what the producer put there itself (the source
    file's name, "Microsoft Word - draft3.doc", "untitled"): then none."""
    title = " ".join(str(metadata.get("Title", "") or "").split())
    title = _PRODUCER_PREFIX.sub("", title)
    if _FILE_NAME.match(title) or title.lower() in ("untitled", "title", "no title", "pdf"):
        return ""
    return title


def title_paragraph(height: float, paragraphs: list[Para]) -> Para | None:
    """The paragraph set as the title of a first page `height` points tall, or None when none
    stands out (the reader names the document by it and marks it a heading)."""
    sized = [p for p in paragraphs if p.text.strip() and p.kind in ("body", "heading")]
    prose = sorted(p.size for p in sized if len(p.text) > 60)
    if not prose:
        return None
    body = prose[len(prose) // 2]
    for para in sorted(sized, key=lambda p: -p.size):
        if para.size < LARGER * body:
            return None
        text = " ".join(para.text.split())
        if _BANNER.search(para.text) or len(text.split()) < 2:
            continue  # the journal's name and address above the title
        if sum(p.size == para.size for p in sized) > 1:
            return None  # headings of one size: none is the title
        top = max((part.box[3] for _, part in para.chunks if part is not None), default=0.0)
        if top < height / 2 or para.lines > MAX_LINES or len(text.split()) > MAX_WORDS:
            return None
        return para
    return None
