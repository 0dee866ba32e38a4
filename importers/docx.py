"""Word .docx (first version: paragraphs and tables; issue 8 completes it)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from importers.base import ImportedDocument, ImporterError, PageSpan


def read_docx(path: Path) -> ImportedDocument:
    import docx

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ImporterError(path, f"is not a readable Word document ({exc})") from None
    except Exception as exc:  # python-docx raises its own PackageNotFoundError and friends
        raise ImporterError(path, "is damaged or not a Word .docx document") from exc
    try:
        blocks: list[str] = [p.text for p in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                blocks.append("\t".join(cell.text for cell in row.cells))
    except (AttributeError, KeyError, TypeError, ValueError) as exc:  # found by fuzzing
        raise ImporterError(path, "is damaged (its document body cannot be read)") from exc
    text = "\n".join(blocks)
    warnings: list[str] = []
    try:
        props = document.core_properties
        title, authors, created = props.title, props.author, props.created
    except (AttributeError, KeyError, TypeError, ValueError):  # damaged docProps/core.xml
        title, authors, created = "", "", None
        warnings.append("its document properties (title, author, date) are damaged; ignored")
    return ImportedDocument(
        path=path,
        format="docx",
        text=text,
        pages=[PageSpan(1, 0, len(text))],
        title=title or path.stem,
        authors=authors or "",
        year=created.year if created else None,
        warnings=warnings,
    )
