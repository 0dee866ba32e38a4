"""Optional OCR of scans: through a local ocrmypdf when installed, a clear message when not."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

import importers
from importers import NoTextLayer
from importers.ocr import ocr_engine
from tests.conftest import run_cli

DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
LINES = ["Volunteers visited mothers at home", "every week for twelve weeks."]


def scanned_pdf(path: Path) -> Path:
    """A page that is only a picture of text, as a scanner makes it."""
    image = Image.new("L", (1700, 2200), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(DEJAVU, 56) if Path(DEJAVU).exists() else ImageFont.load_default()
    for row, line in enumerate(LINES):
        draw.text((150, 200 + row * 90), line, fill=0, font=font)
    pdf = canvas.Canvas(str(path), pagesize=(612, 792))
    pdf.drawImage(ImageReader(image), 0, 0, width=612, height=792)
    pdf.save()
    return path


def test_ocr_without_an_engine_says_what_to_install(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REALIST_CODER_OCRMYPDF", "no-such-ocr-engine")
    scan = scanned_pdf(tmp_path / "scan.pdf")
    with pytest.raises(NoTextLayer, match="not installed") as info:
        importers.read_document(scan, ocr=True)
    assert "scan.pdf" in str(info.value) and "\n" not in str(info.value)


@pytest.mark.skipif(ocr_engine() is None, reason="ocrmypdf is not installed on this machine")
def test_a_scan_imports_with_ocr_through_the_cli(tmp_path: Path) -> None:
    scan = scanned_pdf(tmp_path / "scan.pdf")
    with pytest.raises(NoTextLayer, match="import with OCR"):
        importers.read_document(scan)
    document = importers.read_document(scan, ocr=True)
    words = " ".join(document.text.split()).lower()
    assert "volunteers visited mothers" in words and "twelve weeks" in words
    assert document.pages[0].start == 0 and document.pages[-1].end == len(document.text)
    assert any("OCR" in w for w in document.warnings)
    project = tmp_path / "p.realist"
    assert run_cli("new", str(project)).code == 0
    done = run_cli("import", str(project), str(scan), "--ocr")
    assert done.code == 0, done.err
    listing = run_cli("documents", str(project))
    assert "scan" in listing.out
