"""PDF text (first version: pypdfium2 page text; issue 8 replaces this with column-aware reading)."""

from __future__ import annotations

from pathlib import Path

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


def read_pdf(
    path: Path,
    *,
    password: str | None = None,
    keep_headers: bool = False,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
) -> ImportedDocument:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path), password=password)
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            if password:
                raise WrongPassword(path, "the password is wrong") from None
            raise PasswordRequired(path, "is encrypted; give its password") from None
        raise ImporterError(path, "is damaged or not a PDF (it cannot be opened)") from None
    try:
        parts: list[str] = []
        pages: list[PageSpan] = []
        offset = 0
        total = len(pdf)
        for index in range(total):
            if cancel is not None and cancel():
                raise ImportCancelled(path, "import cancelled")
            page = pdf[index]
            textpage = page.get_textpage()
            page_text = textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n")
            textpage.close()
            page.close()
            if index:
                parts.append("\n\n")
                offset += 2
            parts.append(page_text)
            pages.append(PageSpan(index + 1, offset, offset + len(page_text)))
            offset += len(page_text)
            if progress is not None:
                progress(Progress(path, index + 1, total))
        metadata = pdf.get_metadata_dict()
    except pdfium.PdfiumError as exc:  # a damaged page (found by tests/reliability fuzzing)
        raise ImporterError(path, f"is damaged: {str(exc).rstrip('.').lower()}") from None
    finally:
        pdf.close()
    text = "".join(parts)
    if not text.strip():
        raise NoTextLayer(
            path, "has no text layer (a scan?); run OCR first, e.g. `ocrmypdf in.pdf out.pdf`"
        )
    return ImportedDocument(
        path=path,
        format="pdf",
        text=text,
        pages=pages,
        title=metadata.get("Title", "") or path.stem,
        authors=metadata.get("Author", ""),
    )
