"""Seed documents and hypothesis strategies that break them, for the importer fuzz tests."""

from __future__ import annotations

import io
import re
import zipfile
from functools import cache
from typing import Any

from hypothesis import strategies as st

ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "latin-1",
             "cp1252", "mac_roman", "shift_jis", "gb18030", "koi8-r", "cp437")


@cache
def pdf_seed() -> bytes:
    """Two pages of uncompressed text, so mutations land in real content streams."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4, pageCompression=0)
    pdf.setTitle("Peer support and trust")
    pdf.setAuthor("Smith, J.")
    for page in range(2):
        for line in range(6):
            pdf.drawString(72, 760 - 18 * line, f"Page {page + 1}: staff felt understood {line} 𝑥 é")
        pdf.showPage()
    pdf.save()
    return out.getvalue()


@cache
def docx_seed() -> bytes:
    import docx

    document = docx.Document()
    document.core_properties.title = "Interview study"
    document.add_heading("Findings", level=1)
    for n in range(4):
        document.add_paragraph(f"Paragraph {n}: nurses trusted the facilitator — “quotes” ✓ 😀")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "context"
    table.cell(1, 1).text = "outcome"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _mutate(draw: Any, data: bytes, max_ops: int = 6) -> bytes:
    buf = bytearray(data)
    for _ in range(draw(st.integers(1, max_ops))):
        op = draw(st.sampled_from(["flip", "truncate", "insert", "delete", "duplicate", "byte"]))
        pos = draw(st.integers(0, max(len(buf) - 1, 0)))
        if op == "flip" and buf:
            buf[pos] ^= 1 << draw(st.integers(0, 7))
        elif op == "byte" and buf:
            buf[pos] = draw(st.sampled_from([0, 0xFF, ord("("), ord(")"), ord("<"), ord("/"), 0x80]))
        elif op == "truncate":
            del buf[pos:]
        elif op == "insert":
            buf[pos:pos] = draw(st.binary(min_size=1, max_size=64))
        elif op == "delete":
            del buf[pos: pos + draw(st.integers(1, 256))]
        elif op == "duplicate":
            size = draw(st.integers(1, 512))
            buf[pos:pos] = buf[pos: pos + size]
    return bytes(buf)


_NUMBER = re.compile(rb"\d+")
_NAME = re.compile(rb"/[A-Za-z]+")


@st.composite
def mutated_pdfs(draw: Any) -> bytes:
    """Byte-level damage, or PDF-aware damage: numbers (lengths, object refs, counts) swapped
    for hostile values, which makes reference cycles and absurd sizes; names swapped."""
    data = pdf_seed()
    for _ in range(draw(st.integers(0, 4))):
        pattern, values = draw(st.sampled_from([
            (_NUMBER, [b"0", b"-1", b"2147483648", b"99999999999", b"8", b"4", b"1.5e308"]),
            (_NAME, [b"/Pages", b"/Page", b"/Kids", b"/Parent", b"/Length", b"/Filter",
                     b"/FlateDecode", b"/Encrypt", b"/XRefStm"]),
        ]))
        matches = list(pattern.finditer(data))
        match = matches[draw(st.integers(0, len(matches) - 1))]
        data = data[:match.start()] + draw(st.sampled_from(values)) + data[match.end():]
    return _mutate(draw, data, max_ops=3) if draw(st.booleans()) else data


@st.composite
def mutated_docx(draw: Any) -> bytes:
    """Half the time the zip itself, half the time one member's XML inside a valid zip."""
    seed = docx_seed()
    if draw(st.booleans()):
        return _mutate(draw, seed, max_ops=3)
    with zipfile.ZipFile(io.BytesIO(seed)) as zin:
        names = zin.namelist()
        target = draw(st.sampled_from(names))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
            for name in names:
                data = zin.read(name)
                zout.writestr(name, _mutate(draw, data) if name == target else data)
    return out.getvalue()


@st.composite
def odd_texts(draw: Any) -> bytes:
    """Arbitrary Unicode in an arbitrary encoding (what fits), sometimes with raw bytes mixed in."""
    text = draw(st.text(min_size=0, max_size=400))
    encoding = draw(st.sampled_from(ENCODINGS))
    data = text.encode(encoding, errors="ignore")
    if draw(st.booleans()):
        data = _mutate(draw, data or b"x", max_ops=3)
    return data


@cache
def qdpx_seed() -> bytes:
    """A real export of a project using every REFI-QDA structure (tests/refi/rich_project)."""
    import tempfile
    from pathlib import Path

    from coding.exchange.refi_export import export_qdpx
    from tests.refi.rich_project import build_rich_project

    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        with build_rich_project(base / "seed.realist", base) as project:
            export_qdpx(project, base / "seed.qdpx")
        return (base / "seed.qdpx").read_bytes()


_GUID_TEXT = re.compile(rb"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_POSITION = re.compile(rb'(?<=Position=")\d+')


@st.composite
def mutated_qdpx(draw: Any) -> bytes:
    """The zip's bytes; or, inside a valid zip, the .qde with positions made hostile, GUIDs
    made to collide or vanish, and byte damage; or a source text damaged."""
    seed = qdpx_seed()
    if draw(st.integers(0, 3)) == 0:
        return _mutate(draw, seed, max_ops=3)
    with zipfile.ZipFile(io.BytesIO(seed)) as zin:
        files = {name: zin.read(name) for name in zin.namelist()}
    target = "project.qde" if draw(st.integers(0, 3)) else draw(st.sampled_from(sorted(files)))
    data = files[target]
    for _ in range(draw(st.integers(0, 4)) if target == "project.qde" else 0):
        pattern, values = draw(st.sampled_from([
            (_POSITION, [b"0", b"1", b"99999999999", b"-1", b"7", b""]),
            (_GUID_TEXT, [b"", b"not-a-guid", _GUID_TEXT.findall(data)[0],
                          b"{" + _GUID_TEXT.findall(data)[-1].upper() + b"}"]),
        ]))
        matches = list(pattern.finditer(data))
        if matches:
            match = matches[draw(st.integers(0, len(matches) - 1))]
            data = data[:match.start()] + draw(st.sampled_from(values)) + data[match.end():]
    files[target] = _mutate(draw, data, max_ops=3) if draw(st.booleans()) else data
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, content in files.items():
            zout.writestr(name, content)
    return out.getvalue()
