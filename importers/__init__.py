"""Document readers: one module per format, each turning a file into an `ImportedDocument`."""

from importers.base import (
    Block,
    ImportCancelled,
    ImportedDocument,
    ImporterError,
    NoTextLayer,
    PageSpan,
    PasswordRequired,
    Progress,
    SpanNote,
    TextRun,
    UnsupportedFormat,
    WrongPassword,
)
from importers.dispatch import (
    SUPPORTED_SUFFIXES,
    read_document,
    read_many,
    read_stored,
    sniff_format,
)

__all__ = [
    "SUPPORTED_SUFFIXES",
    "Block",
    "ImportCancelled",
    "ImportedDocument",
    "ImporterError",
    "NoTextLayer",
    "PageSpan",
    "PasswordRequired",
    "Progress",
    "SpanNote",
    "TextRun",
    "UnsupportedFormat",
    "WrongPassword",
    "read_document",
    "read_many",
    "read_stored",
    "sniff_format",
]
