"""Exports validate against the official REFI-QDA schemas (lxml and xmlschema both)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import xmlschema
from lxml import etree

from coding.exchange.refi_codebook import export_qdc
from coding.exchange.refi_export import export_qdpx
from coding.exchange.refi_schema import SCHEMA_DIR
from coding.project import Project
from tests.refi.rich_project import build_rich_project

NS = {"q": "urn:QDA-XML:project:1.0"}


@pytest.fixture
def rich(tmp_path: Path) -> Project:
    project = build_rich_project(tmp_path / "rich.realist", tmp_path)
    yield project
    project.close()


def _qde(path: Path) -> bytes:
    with zipfile.ZipFile(path) as zf:
        return zf.read("project.qde")


def test_qdpx_validates_with_both_schema_engines(rich: Project, tmp_path: Path) -> None:
    summary = export_qdpx(rich, tmp_path / "out.qdpx")
    assert (summary.sources, summary.selections, summary.cases) == (2, 4, 1)
    xml = _qde(tmp_path / "out.qdpx")
    xmlschema.XMLSchema(str(SCHEMA_DIR / "Project-mrt2019.xsd")).validate(xml.decode("utf-8"))
    root = etree.fromstring(xml)
    sources = root.find("q:Sources", NS)
    assert sources is not None
    text = sources.find("q:TextSource", NS)
    assert text is not None and text.get("plainTextPath", "").startswith("internal://")
    pdf = sources.find("q:PDFSource", NS)
    assert pdf is not None and pdf.find("q:Representation/q:PlainTextSelection", NS) is not None
    with zipfile.ZipFile(tmp_path / "out.qdpx") as zf:
        names = zf.namelist()
        assert f"sources/{pdf.get('guid')}.pdf" in names
        assert zf.read(f"sources/{pdf.get('guid')}.pdf").startswith(b"%PDF")
        stored = zf.read(f"sources/{text.get('guid')}.txt").decode("utf-8")
    selection = text.find("q:PlainTextSelection", NS)
    assert selection is not None
    start, end = int(selection.get("startPosition", "")), int(selection.get("endPosition", ""))
    assert stored[start:end] == "𝑥 😀 built trust"  # code points, end exclusive
    links = root.findall("q:Links/q:Link", NS)
    assert {link.get("direction") for link in links} == {"OneWay"} and len(links) == 2
    sets = [s.get("name") for s in root.findall("q:Sets/q:Set", NS)]
    assert "Theory: T1" in sets and "Topic: Take-up" in sets and "Role: outcome" in sets


def test_two_exports_are_byte_identical(rich: Project, tmp_path: Path) -> None:
    export_qdpx(rich, tmp_path / "a.qdpx")
    export_qdpx(rich, tmp_path / "b.qdpx")
    assert (tmp_path / "a.qdpx").read_bytes() == (tmp_path / "b.qdpx").read_bytes()


def test_qdc_validates_and_keeps_the_tree(rich: Project, tmp_path: Path) -> None:
    count = export_qdc(rich, tmp_path / "out.qdc")
    xml = (tmp_path / "out.qdc").read_text(encoding="utf-8")
    xmlschema.XMLSchema(str(SCHEMA_DIR / "Codebook-mrt2019.xsd")).validate(xml)
    root = etree.fromstring(xml.encode("utf-8"))
    codes = root.findall(".//{urn:QDA-XML:codebook:1.0}Code")
    assert len(codes) == count
    among = next(c for c in codes if c.get("name") == "Among staff")
    assert among.get("color") == "#112233"
    assert among.getparent().get("name") == "Trust"


def test_schema_files_keep_their_licence_headers() -> None:
    for name in ("Project-mrt2019.xsd", "Codebook-mrt2019.xsd"):
        head = (SCHEMA_DIR / name).read_text(encoding="utf-8")[:3000]
        assert "MIT" in head and "qdasoftware.org" in head
