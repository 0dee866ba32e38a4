"""Optional OCR of scanned PDFs through a locally installed `ocrmypdf` (Tesseract).

Scanned reports are common in grey literature. We do not bundle an OCR engine (Tesseract is
large and its quality depends on installed language packs); when the researcher has
`ocrmypdf`, a scan with no text layer is passed through it into a temporary file and that
copy's text is read. The project keeps the original scan's bytes; page spans come from the
OCR'd copy, which has the same pages.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from importers.base import ImporterError, NoTextLayer

ENGINE = "ocrmypdf"
TIMEOUT_PER_PAGE = 60  # seconds: Tesseract takes a few seconds a page; a hang must end


def ocr_engine() -> str | None:
    """The path of the OCR engine, or None when it is not installed."""
    return shutil.which(os.environ.get("REALIST_CODER_OCRMYPDF", ENGINE))


def ocr_copy(path: Path, pages: int, work_dir: Path) -> Path:
    """A copy of `path` with a text layer; ImporterError naming the file when OCR fails."""
    engine = ocr_engine()
    if engine is None:
        raise NoTextLayer(path, f"has no text layer (a scan?) and {ENGINE} is not installed; "
                          f"install it (e.g. `apt install {ENGINE}`) or run OCR first")
    out = work_dir / "ocr.pdf"
    try:
        done = subprocess.run(
            [engine, "--skip-text", "--quiet", "--output-type", "pdf", str(path), str(out)],
            capture_output=True, text=True, timeout=max(pages, 1) * TIMEOUT_PER_PAGE,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise ImporterError(path, f"OCR with {ENGINE} took too long and was stopped") from None
    except OSError as exc:
        raise ImporterError(path, f"OCR with {ENGINE} could not start ({exc})") from None
    if done.returncode != 0 or not out.exists():
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise ImporterError(path, f"OCR with {ENGINE} failed: {last}")
    return out


def temporary_folder() -> tempfile.TemporaryDirectory[str]:
    return tempfile.TemporaryDirectory(prefix="realist-ocr-")
