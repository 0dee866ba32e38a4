"""`realist-coder page-image`, checked pixel by pixel: a coded span changes the pixels where its
characters are, and nowhere else."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageChops

from coding.cli import main
from coding.documents import document_text, find_document, import_files
from coding.nodes import add_node, find_node
from coding.page_geometry import PdfPages
from coding.page_layout import ensure_layout, original_pdf
from coding.page_marks import page_marks
from coding.project import Project
from coding.references import code, references_for_document

REAL = Path(__file__).resolve().parents[1] / "data" / "real" / "cermine_test3.pdf"
PHRASE = "ABSTRACT: Lupeol (1), epilupeol (2) and"
ZOOM = 2.0


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    path = tmp_path / "p.realist"
    notes = tmp_path / "notes.txt"
    notes.write_text("No pages here.\n", encoding="utf-8")
    with Project.create(path) as project:
        import_files(project, [REAL, notes])
        add_node(project, "Findings")
    return path


def _png(tmp_path: Path, project_path: Path, name: str, capsys) -> Image.Image:  # type: ignore[no-untyped-def]
    out = tmp_path / name
    assert main(["page-image", str(project_path), "cermine_test3", "1", str(out),
                 "--zoom", str(ZOOM)]) == 0
    assert "wrote page 1" in capsys.readouterr().out
    return Image.open(out).convert("RGB")


def test_a_coded_span_changes_exactly_the_pixels_of_its_characters(tmp_path: Path,
                                                                   project_path: Path,
                                                                   capsys) -> None:  # type: ignore[no-untyped-def]
    before = _png(tmp_path, project_path, "before.png", capsys)
    with Project.open(project_path) as project:
        doc = find_document(project, "cermine_test3")
        text = document_text(project, doc)
        start = text.index(PHRASE)
        code(project, doc, start, start + len(PHRASE), [find_node(project, "Findings")])
        layout = ensure_layout(project, doc)
        with PdfPages(original_pdf(project, doc)) as pdf:
            frame = pdf.frame(1)
            page = pdf.page_text(1, layout.page_runs(1), text)
        (mark,) = page_marks(1, frame, page, references_for_document(project, doc))
    after = _png(tmp_path, project_path, "after.png", capsys)
    assert after.size == before.size

    changed = ImageChops.difference(before, after).convert("L").point(lambda v: 255 if v else 0)
    inside = Image.new("L", after.size, 0)
    expected = 0
    for left, top, right, bottom in mark.rects:
        box = (round(left * ZOOM), round(top * ZOOM), round(right * ZOOM), round(bottom * ZOOM))
        inside.paste(255, box)
        expected += (box[2] - box[0]) * (box[3] - box[1])
    outside = ImageChops.subtract(changed, inside)
    assert outside.getbbox() is None  # nothing changed outside the span's rectangles
    covered = ImageChops.multiply(changed, inside).histogram()[255]
    assert covered >= 0.95 * expected  # and the rectangles are filled
    # and the rectangles are where the characters are: each holds dark (glyph) pixels
    for left, top, right, bottom in mark.rects:
        crop = before.crop((round(left * ZOOM), round(top * ZOOM), round(right * ZOOM),
                            round(bottom * ZOOM))).convert("L")
        assert crop.getextrema()[0] < 100


def test_pages_of_a_text_document_and_pages_out_of_range_are_one_line_errors(
        tmp_path: Path, project_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "x.png"
    assert main(["page-image", str(project_path), "notes", "1", str(out)]) == 1
    error = capsys.readouterr().err
    assert "only PDF documents have pages" in error and error.count("\n") == 1
    assert main(["page-image", str(project_path), "cermine_test3", "7", str(out)]) == 1
    assert "page 7 is not in the document (1-4)" in capsys.readouterr().err
    assert main(["page-image", str(project_path), "cermine_test3", "1", str(out),
                 "--zoom", "50"]) == 1
    assert "zoom" in capsys.readouterr().err
    assert not out.exists()


def test_annotations_are_marked_at_the_left_edge_only_when_asked(tmp_path: Path,
                                                                  project_path: Path) -> None:
    from coding.annotations import add_annotation

    with Project.open(project_path) as project:
        doc = find_document(project, "cermine_test3")
        start = document_text(project, doc).index(PHRASE)
        add_annotation(project, doc, start, start + len(PHRASE), "Check the yield")
        layout = ensure_layout(project, doc)
        with PdfPages(original_pdf(project, doc)) as pdf:
            text = pdf.page_text(1, layout.page_runs(1), document_text(project, doc))
            line_top = pdf.frame(1).box_to_view(text.span_boxes(start, start + 5)[0])[1] * 1.5
    plain, marked = tmp_path / "plain.png", tmp_path / "marked.png"
    assert main(["page-image", str(project_path), "cermine_test3", "1", str(plain)]) == 0
    assert main(["page-image", str(project_path), "cermine_test3", "1", str(marked),
                 "--annotations"]) == 0
    before, after = Image.open(plain).convert("RGB"), Image.open(marked).convert("RGB")
    changed = ImageChops.difference(before, after).getbbox()
    assert changed is not None
    left, top, right, bottom = changed
    assert left <= 3 and right <= 3 + 11 * 1.5 + 2  # the mark at the left edge, nothing else
    assert abs(top - line_top) <= 2  # level with the first line it notes
    assert (242, 201, 76) in {after.getpixel((x, y)) for x in range(left, right)
                              for y in range(top, bottom)}
