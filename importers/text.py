"""Plain text and Markdown in any common encoding, newlines normalised."""

from __future__ import annotations

from pathlib import Path

from importers.base import ImportedDocument, ImporterError, PageSpan
from importers.source import read_source


def decode_bytes(data: bytes, path: Path) -> str:
    """Decode UTF-8/UTF-16 (with or without BOM) or a legacy 8-bit encoding."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Windows-1252 is by far the most common legacy encoding of our users' files, and
    # detectors confuse it with its Central European cousin; take it whenever it fits.
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ImporterError(path, "is not a text file (no text encoding fits its bytes)")
    return str(best)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: Path, fmt: str = "txt") -> ImportedDocument:
    data = read_source(path)
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImporterError(path, "is a binary file, not text")
    text = normalise_newlines(decode_bytes(data, path))
    if not text.strip():
        raise ImporterError(path, "contains no text")
    return ImportedDocument(
        path=path, format=fmt, text=text, pages=[PageSpan(1, 0, len(text))],
        title=(markdown_title(text) if fmt == "md" else "") or path.stem,
    )


def markdown_title(text: str) -> str:
    """A Markdown file's title: its first line when that is a level-one heading ("# Title")."""
    first = next((line.strip() for line in text.split("\n", 20)[:20] if line.strip()), "")
    return " ".join(first[2:].strip("# ").split()) if first.startswith("# ") else ""
