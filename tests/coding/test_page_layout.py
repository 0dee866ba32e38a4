"""Page geometry on real PDFs: kept at import, found again for documents imported before it.

The check that matters to a researcher: every coded span, drawn on the page, covers the very
characters it quotes. For each span we take the pdfium characters its stored characters were
mapped to and compare them with the stored text (ligatures folded, white space aside).
"""

from __future__ import annotations

import random
import re
import sqlite3
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from coding.documents import document_pages, document_text, import_files
from coding.page_align import derive_layout
from coding.page_geometry import PdfPages, fold_char
from coding.page_layout import ensure_layout, load_layout, original_pdf
from coding.project import Project
from importers.pdf import read_pdf
from tests.corpus import CORPUS

HERE = Path(__file__).resolve().parents[1]
REAL = sorted((HERE / "data" / "real").glob("*.pdf"))
# Every corpus file with a text layer (cermine_timeout_simple is a scan): two-column articles,
# a handbook, old TeX maths whose Type 3 glyphs pdfium gives only as points.
CORPUS_FILES = ["cermine_test6.pdf", "cermine_web_test1.pdf", "cermine_example3.pdf",
                "cermine_timeout_complex.pdf", "docling_multi_page.pdf",
                "docling_amt_handbook_sample.pdf", "docling_code_and_formula.pdf",
                "docling_picture_classification.pdf"]


def _fold(text: str) -> str:
    return "".join(fold_char(ch) for ch in text if not ch.isspace())


def _check_spans(data: bytes, text: str, runs, spans: list[tuple[int, int]]) -> float:  # type: ignore[no-untyped-def]
    """Assert each span's boxed characters are pdfium's same characters; returns the share of
    the spans' characters that have a box."""
    pdf = pdfium.PdfDocument(data)
    chars = {n: pdf[n - 1].get_textpage().get_text_range() for n in range(1, len(pdf) + 1)}
    boxed = total = 0
    with PdfPages(data) as pages:
        geometry = {n: pages.page_text(n, [r for r in runs if r.page == n], text)
                    for n in {r.page for r in runs}}
    for start, end in spans:
        total += len(_fold(text[start:end]))
        for number, page in geometry.items():
            picked = [(o, i) for o, i in zip(page.offsets, page.chars, strict=True)
                      if start <= o < end]
            if not picked:
                continue
            stored = _fold("".join(text[o] for o, _ in picked))
            shown = _fold("".join(chars[number][i] for _, i in picked))
            assert shown == stored, (number, text[start:end][:80])
            boxed += len(stored)
    return boxed / max(total, 1)


def _sentences(text: str, count: int = 60) -> list[tuple[int, int]]:
    found = [(m.start(), m.end()) for m in re.finditer(r"[A-Z][^.]{20,300}\.", text)]
    random.Random(7).shuffle(found)
    return found[:count]


def _forget_layout(path: Path) -> None:
    """What a project made before page geometry was kept looks like: documents, no layout."""
    con = sqlite3.connect(path)
    for table in ("document_runs", "document_blocks", "document_layouts"):
        con.execute(f"DELETE FROM {table}")
    con.commit()
    con.close()


@pytest.mark.parametrize("pdf", REAL, ids=[p.name for p in REAL])
def test_import_keeps_the_readers_runs_and_an_older_document_gets_the_same(tmp_path: Path,
                                                                           pdf: Path) -> None:
    path = tmp_path / "p.realist"
    with Project.create(path) as project:
        doc = import_files(project, [pdf]).imported[0][1]
        kept = load_layout(project, doc)
    assert kept is not None and kept.source == "import"
    assert list(kept.runs) == read_pdf(pdf).runs
    _forget_layout(path)
    with Project.open(path) as project:
        assert load_layout(project, doc) is None
        again = ensure_layout(project, doc)  # read again: same reader, same text
        assert again.source == "reread" and again.runs == kept.runs
        assert load_layout(project, doc) == again  # kept: derived once
        text = document_text(project, doc)
        share = _check_spans(original_pdf(project, doc), text, again.runs, _sentences(text))
    assert share > 0.97


@pytest.mark.parametrize("pdf", REAL, ids=[p.name for p in REAL])
def test_a_document_read_with_running_heads_kept_is_aligned(tmp_path: Path, pdf: Path) -> None:
    """An import whose text the current reader does not give again (here: running heads kept)
    takes the alignment path; the spans still land on their own characters."""
    with Project.create(tmp_path / "p.realist") as project:
        doc = import_files(project, [pdf], keep_headers=True).imported[0][1]
        text = document_text(project, doc)
        pages = [(p.number, p.start, p.end) for p in document_pages(project, doc)]
        data = original_pdf(project, doc)
    runs, _blocks, source = derive_layout(data, text + " ", pages)  # never equal: aligned
    assert source == "aligned"
    assert _check_spans(data, text, runs, _sentences(text)) > 0.97


def _old_reader_text(data: bytes) -> tuple[str, list[tuple[int, int, int]]]:
    """Text as a reader with no layout logic gave it, worse: each pair of lines swapped (the
    interleaving the issue reports), hyphenated words joined."""
    pdf = pdfium.PdfDocument(data)
    texts, pages, at = [], [], 0
    for index in range(len(pdf)):
        lines = pdf[index].get_textpage().get_text_range().replace("\r\n", "\n").split("\n")
        swapped = [ln for pair in zip(lines[1::2], lines[0::2], strict=False) for ln in pair]
        page = re.sub(r"(\w)-\n(\w)", r"\1\2", "\n".join(swapped + lines[len(swapped):]))
        pages.append((index + 1, at, at + len(page)))
        texts.append(page)
        at += len(page) + 2
    return "\n\n".join(texts), pages


def _corpus() -> list[Path]:
    return [CORPUS / name for name in CORPUS_FILES if (CORPUS / name).exists()]


@pytest.mark.parametrize("pdf", REAL + _corpus(), ids=lambda p: p.name)
def test_text_in_another_order_is_aligned_page_by_page(pdf: Path) -> None:
    data = pdf.read_bytes()
    text, pages = _old_reader_text(data)
    runs, _blocks, source = derive_layout(data, text, pages)
    assert source == "aligned"
    assert _check_spans(data, text, runs, _sentences(text, 120)) > 0.97


@pytest.mark.parametrize("pdf", REAL, ids=[p.name for p in REAL])
def test_with_no_page_spans_the_whole_text_is_aligned(pdf: Path) -> None:
    """A REFI-QDA import has the other tool's text and no page spans."""
    data = pdf.read_bytes()
    text, _pages = _old_reader_text(data)
    runs, _blocks, _source = derive_layout(data, text, [])
    assert runs == sorted(runs, key=lambda r: r.start)
    assert _check_spans(data, text, runs, _sentences(text)) > 0.97


def test_a_text_document_has_no_pages(tmp_path: Path) -> None:
    source = tmp_path / "n.txt"
    source.write_text("Only text.\n", encoding="utf-8")
    with Project.create(tmp_path / "p.realist") as project:
        doc = import_files(project, [source]).imported[0][1]
        assert load_layout(project, doc) is None
        with pytest.raises(Exception, match="only PDF documents have pages"):
            ensure_layout(project, doc)


def test_a_document_stored_with_control_codes_is_read_again_exactly(tmp_path: Path) -> None:
    """An older reader stored a glyph without Unicode as its control code, where today's
    reader stores U+FFFD: the texts are the same otherwise, so the runs are exact."""
    from tests.importers.makers import unmapped_glyph_pdf

    pdf = unmapped_glyph_pdf(tmp_path / "sum.pdf", [
        "The sum \x07 of all scores was taken, and the results",
        "are shown in the second table of this short paper.",
    ])
    path = tmp_path / "p.realist"
    with Project.create(path) as project:
        doc = import_files(project, [pdf]).imported[0][1]
        runs = load_layout(project, doc).runs  # type: ignore[union-attr]
    _forget_layout(path)
    con = sqlite3.connect(path)
    con.execute("UPDATE documents SET text = replace(text, char(65533), char(7))")
    con.commit()
    con.close()
    with Project.open(path) as project:
        assert "\x07" in document_text(project, doc)
        again = ensure_layout(project, doc)
    assert again.source == "reread" and again.runs == runs
