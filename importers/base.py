"""The contract every importer keeps: a path in, a plain `ImportedDocument` out.

Importers know nothing of the database or Qt, so they can run in worker processes and be
tested on their own. Offsets in `pages` are Python code-point offsets into `text`,
end-exclusive, which is the unit the whole project stores (see ARCHITECTURE.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

# Typographic ligature characters and the letters they stand for: the PDF reader writes the
# letters; finding a passage again (`coding.relocate`) accepts either, as an older reader kept
# the ligature.
LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
             "\ufb05": "st", "\ufb06": "st"}


@dataclass(frozen=True)
class PageSpan:
    """Where one page of the original lies in the extracted text (code points, end-exclusive)."""

    number: int
    start: int
    end: int


@dataclass(frozen=True)
class SpanNote:
    """A comment the source file attached to a span (e.g. a Word comment)."""

    start: int
    end: int
    text: str
    author: str = ""


class TextRun(NamedTuple):
    """Where a stretch of the stored text sits on its PDF page, so a page view can draw coding on
    the page and turn a drag on the page back into a text span (one reference, two views).

    `start`/`end` are code points in `text`; `page` is 1-based. `char_start`/`char_end` are the
    pypdfium2 text-page character indices of that page the run was read from
    (`PdfTextPage.get_charbox(i)` gives each glyph's box): where the two ranges have the same
    length, characters correspond one to one; where the reader changed the text (ligatures
    expanded, a line-end hyphen dropped, right-to-left reordering) they correspond in proportion.
    `box` is the run's bounding box in PDF points (left, bottom, right, top), origin bottom-left.
    A named tuple, not a dataclass: a document has thousands, made in a worker process and sent
    back pickled, and tuples cost a third as much both ways.
    """

    start: int
    end: int
    page: int
    char_start: int
    char_end: int
    box: tuple[float, float, float, float]


@dataclass(frozen=True)
class Block:
    """A stretch of the stored text with a structural kind the text view may show differently:
    "table" (rows on lines, cells separated by one tab, a line break inside a cell written as
    U+2028 so a row stays one line), "footnote", "heading", "sidebar", "caption". Code points,
    end-exclusive."""

    start: int
    end: int
    kind: str


@dataclass
class ImportedDocument:
    """Everything the coding layer needs to store one document."""

    path: Path
    format: str  # "pdf", "docx", "txt", "md"
    text: str
    pages: list[PageSpan] = field(default_factory=list)
    title: str = ""
    authors: str = ""
    year: int | None = None
    notes: list[SpanNote] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    runs: list[TextRun] = field(default_factory=list)  # PDF only: text -> page geometry
    blocks: list[Block] = field(default_factory=list)


@dataclass(frozen=True)
class Progress:
    """One step of a long read: `done` of `total` units (pages for a PDF)."""

    path: Path
    done: int
    total: int


ProgressCallback = Callable[[Progress], None]
CancelCheck = Callable[[], bool]


class ImporterError(Exception):
    """A file could not be read. `str()` is one line naming the file and the reason."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path.name}: {reason}")

    def __reduce__(self) -> tuple[type[ImporterError], tuple[Path, str]]:
        # Batches are read in worker processes; errors travel back pickled, type intact.
        return (type(self), (self.path, self.reason))


class PasswordRequired(ImporterError):
    """The file is encrypted and no password was given: ask the user for one."""


class WrongPassword(ImporterError):
    """The password given does not open the file."""


class NoTextLayer(ImporterError):
    """A scanned document: there is no text to code until it has been OCR'd."""


class UnsupportedFormat(ImporterError):
    """Not a format we read, whatever its extension says."""


class ImportCancelled(ImporterError):
    """The user cancelled; nothing was stored."""
