"""A scan with no text layer kept as its pages alone (issue 13's region coding, for the scans
OCR cannot read or is not installed for): refused by default, imported with `pages_only`
(`import --pages-only`), coded by region, and counted and exported like any document."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import importers
from coding.documents import import_files, list_documents
from coding.nodes import add_node
from coding.project import Project
from coding.regions import Region, code_region
from coding.review.coverage import node_coverage
from tests.conftest import run_cli
from tests.importers.test_ocr import scanned_pdf


def test_a_scan_is_read_as_its_pages_alone_only_when_asked(tmp_path: Path) -> None:
    scan = scanned_pdf(tmp_path / "scan.pdf")
    with pytest.raises(importers.NoTextLayer):
        importers.read_document(scan)
    document = importers.read_document(scan, pages_only=True)
    assert document.text == "" and [(p.number, p.start, p.end) for p in document.pages] == [(1, 0, 0)]
    assert document.runs == [] and document.warnings and "scan.pdf" not in document.warnings[0]
    (_, batch), = list(importers.read_many([scan], workers=2, pages_only=True))
    assert isinstance(batch, importers.ImportedDocument) and batch.text == ""


def test_its_regions_are_coded_counted_and_exported(tmp_path: Path) -> None:
    scan = scanned_pdf(tmp_path / "scan.pdf")
    with Project.create(tmp_path / "p.realist") as project:
        report = import_files(project, [scan], pages_only=True)
        assert not report.failed and "pages alone" in report.warnings[0][1]
        (doc,) = list_documents(project)
        node = add_node(project, "Contexts/Volunteers visit", role="context")
        code_region(project, doc.id, Region(1, 72, 500, 540, 700), [node])
        rows = {r.path: r for r in node_coverage(project)}
        assert rows["Contexts/Volunteers visit"].references == 1  # no division by its 0 length
    out = tmp_path / "x.csv"
    assert run_cli("export-csv", tmp_path / "p.realist", out).code == 0
    (row,) = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert (row["document"], row["excerpt"], row["region_page"]) == ("scan", "", "1")


def test_import_pages_only_on_the_command_line(tmp_path: Path) -> None:
    scan = scanned_pdf(tmp_path / "scan.pdf")
    project = tmp_path / "p.realist"
    assert run_cli("new", project).code == 0
    refused = run_cli("import", project, scan)
    assert refused.code != 0 and "--pages-only" in refused.err  # the refusal says how
    done = run_cli("import", project, scan, "--pages-only")
    assert done.code == 0, done.err
    assert "imported scan.pdf (1 pages)" in done.out and "pages alone" in done.err


def test_the_pages_of_its_regions_are_listed(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    from coding.review.coverage import document_summary

    path = tmp_path / "two.pdf"
    drawing = canvas.Canvas(str(path))
    for _ in range(2):  # two pages of drawing, no text: a scan as far as the reader can tell
        drawing.rect(72, 500, 400, 200, fill=1)
        drawing.showPage()
    drawing.save()
    with Project.create(tmp_path / "p.realist") as project:
        import_files(project, [path], pages_only=True)
        (doc,) = list_documents(project)
        node = add_node(project, "Outcomes/Stays", role="outcome")
        code_region(project, doc.id, Region(2, 72, 500, 472, 700), [node])
        (row,) = document_summary(project, doc.id)
        assert (row.path, row.references, row.pages) == ("Outcomes/Stays", 1, "2")


def test_asked_for_ocr_and_pages_without_an_engine_says_why_there_is_no_text(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REALIST_CODER_OCRMYPDF", "no-such-ocr-engine")
    document = importers.read_document(scanned_pdf(tmp_path / "scan.pdf"), ocr=True,
                                       pages_only=True)
    assert document.text == "" and "not installed" in document.warnings[0]
    assert "pages alone" in document.warnings[1]
