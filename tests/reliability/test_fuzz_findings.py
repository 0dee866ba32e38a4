"""What the importer fuzzing found, pinned as plain regression tests."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

import importers
from tests.reliability.fuzz_inputs import docx_seed, pdf_seed


@pytest.mark.parametrize("damage", [
    (b"/Type /Page\n", b"/Type /Xage\n"),  # a page object that is not a page
    (b"/Count 2", b"/Count 3"),  # the page tree promises a page that is not there
])
def test_pdf_with_an_unloadable_page_is_our_clear_error(
    tmp_path: Path, damage: tuple[bytes, bytes]
) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(pdf_seed().replace(*damage, 1))
    with pytest.raises(importers.ImporterError, match="broken.pdf: is damaged"):
        importers.read_document(path)


def test_docx_with_damaged_properties_keeps_its_text_and_warns(tmp_path: Path) -> None:
    source = zipfile.ZipFile(io.BytesIO(docx_seed()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "docProps/core.xml":
                data = data.replace(b"cp:coreProperties", b"cp:coreXroperties")
            target.writestr(name, data)
    path = tmp_path / "props.docx"
    path.write_bytes(out.getvalue())
    doc = importers.read_document(path)
    assert "nurses trusted the facilitator" in doc.text
    assert doc.title == "props" and any("properties" in w for w in doc.warnings)
