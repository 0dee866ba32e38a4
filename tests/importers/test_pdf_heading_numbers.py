"""A heading's number set apart from its title ("4    Building Blocks") stays with it. The number
and its space came out as a piece of their own, measured at the space's empty box: a type size
of nothing, a footnote's, so the number went to the foot of the page, into the sentence running
over the page break ("… a specified 3 4 key, and …" in the Bigtable paper). And a numbered
heading is marked a heading (the text view sets it in bold); a caption is marked one with or
without a colon, but prose that names a figure is not."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

import importers
from tests.corpus import CORPUS
from tests.importers.makers import sentences

BIGTABLE = CORPUS / "cermine_web_test1.pdf"


def _prose(canv: canvas.Canvas, words: list[str], y: float, last: str = "") -> float:
    line: list[str] = []
    for word in words:
        if canv.stringWidth(" ".join([*line, word]), "Helvetica", 10) > 440:
            canv.drawString(72, y, " ".join(line))
            y, line = y - 13, []
        line.append(word)
    canv.drawString(72, y, " ".join(line) + last)
    return y - 24


def _numbered_headings(path: Path) -> Path:
    """Two pages, each with a heading whose number is drawn 14 points before its title (no space
    drawn: the one between them is pdfium's, with an empty box), then prose; the first page's
    prose runs on over the page break mid-sentence, above the second heading."""
    canv = canvas.Canvas(str(path))
    words = " ".join(sentences(14, seed=3)).split()
    y = 700.0  # below the top margin, where a bare number is taken for the page's
    for number, title in (("3", "Application Programming Interface"), ("4", "Building Blocks")):
        if number == "4":
            canv.setFont("Helvetica", 10)
            y = _prose(canv, ["goes", "on", "here."], 700.0)
        canv.setFont("Helvetica-Bold", 12)
        canv.drawString(72, y, number)  # pdfium makes up the space before the title
        canv.drawString(86, y, title)
        canv.setFont("Helvetica", 10)
        _prose(canv, words, y - 24, " and the" if number == "3" else "")
        canv.showPage()
    canv.save()
    return path


def test_a_headings_number_set_apart_stays_with_its_title(tmp_path: Path) -> None:
    document = importers.read_document(_numbered_headings(tmp_path / "h.pdf"))
    text = document.text
    headings = [text[b.start:b.end] for b in document.blocks if b.kind == "heading"]
    # a numbered heading is one: "starts with a capital" was asked of its number
    assert headings == ["3 Application Programming Interface", "4 Building Blocks"], headings
    assert "3 Application Programming Interface\n\n" in text, text
    assert "4 Building Blocks\n\n" in text, text
    assert "and the goes on here." in text, text  # the number is not between them


@pytest.mark.skipif(not BIGTABLE.exists(), reason="the development corpus is not beside the repository")
def test_the_bigtable_papers_section_numbers_stay_with_their_headings() -> None:
    document = importers.read_document(BIGTABLE)
    text = document.text
    for heading in ("1 Introduction", "2 Data Model", "3 API", "4 Building Blocks",
                    "5 Implementation", "6 Refinements", "7 Performance Evaluation"):
        assert f"\n\n{heading}\n\n" in text, heading
    assert "associated with a specified key, and to iterate" in text
    assert "an encoding of the tablet’s table identifier" in text
    assert "Google Base\t2\t31%" in text  # a table's one-digit cell stays in its row
    # its paragraphs, indented by an em after a short line (test_pdf_hanging.py)
    assert "session expiration.\n\nBigtable uses Chubby for a variety of tasks" in text
    assert "For example, the performance of random reads" in text  # past the chart's label
    assert "a central scheduler that assigned the next available range" in text  # its legend
    kinds = {document.text[b.start:b.end]: b.kind for b in document.blocks}
    assert kinds["1 Introduction"] == kinds["5.1 Tablet Location"] == "heading"
    assert kinds["Figure 2: Writing to Bigtable."] == "caption"
    assert not any(t.startswith("Figure 6 shows") for t in kinds)  # prose naming a figure


def test_a_caption_without_punctuation_is_one_and_prose_naming_a_figure_is_not(
        tmp_path: Path) -> None:
    path = tmp_path / "captions.pdf"
    canv = canvas.Canvas(str(path))
    canv.setFont("Helvetica", 10)
    for y, line in ((700, "Table 1 A summary of the peer support programmes we reviewed"),
                    (660, "Figure 6 shows that mothers took up support more often in towns"),
                    (646, "than in the countryside, where volunteers had further to travel.")):
        canv.drawString(72, y, line)
    canv.save()
    document = importers.read_document(path)
    kinds = [(b.kind, document.text[b.start:b.end][:12]) for b in document.blocks]
    assert kinds == [("caption", "Table 1 A su")], kinds


def test_a_sentence_over_a_page_break_passes_a_sideways_axis_label(tmp_path: Path) -> None:
    """Bigtable p. 9: its chart's axis label, set sideways, is read after the page's body, and
    the sentence cut by the page's end ran into it ("For example, the Values read/written per
    second performance of …"). A few words set sideways are passed over, and kept apart."""
    path = tmp_path / "label.pdf"
    canv = canvas.Canvas(str(path))
    canv.saveState()  # drawn first, as a chart is: up its side, above the text
    canv.translate(300, 716)
    canv.rotate(90)
    canv.setFont("Helvetica", 8)
    canv.drawString(0, 0, "Values read per second")
    canv.restoreState()
    canv.setFont("Helvetica", 10)
    _prose(canv, " ".join(sentences(6, seed=5)).split(), 700.0, " For example, the")
    canv.showPage()
    canv.setFont("Helvetica", 10)
    _prose(canv, ["performance", "of", "random", "reads", "grew", "with", "the", "number",
                  "of", "servers."], 700.0)
    canv.save()
    text = importers.read_document(path).text
    assert "For example, the performance of random reads" in text, text
    assert "Values read per second" in text.split("\n\n"), text  # a paragraph of its own


def test_a_sentence_over_a_page_break_passes_a_charts_legend(tmp_path: Path) -> None:
    """Bigtable p. 8 to 9: "a central scheduler that as- | signed the next …" ran into the
    legend of the chart at the head of the next page, in lower case ("asscans random reads
    (mem) sequential reads …"). Lines of a word or two, stacked, are passed over and kept."""
    path = tmp_path / "legend.pdf"
    canv = canvas.Canvas(str(path))
    canv.setFont("Helvetica", 10)
    _prose(canv, " ".join(sentences(6, seed=7)).split(), 700.0, " a central scheduler that as-")
    canv.showPage()
    canv.setFont("Helvetica", 8)  # the chart's legend, above the text
    for y, label in ((740, "scans"), (732, "random reads (mem)"), (724, "sequential reads")):
        canv.drawString(380, y, label)
    canv.setFont("Helvetica", 10)
    _prose(canv, ["signed", "the", "next", "range", "to", "a", "client", "as", "soon", "as",
                  "it", "finished."], 680.0)
    canv.save()
    text = importers.read_document(path).text
    assert "a central scheduler that assigned the next range" in text, text
    assert "scans" in text and "asscans" not in text, text



def test_a_subsection_set_in_the_body_s_size_is_a_heading() -> None:
    """A word processor's or a journal's subsection heading is often only bold: "5.1 Hyper
    Parameter Optimization" in the docling paper; "9.1.3 Styled text" in the REFI-QDA
    standard, which ran into the list item before it ("… must be .txt 9.1.3 Styled text")."""
    from tests.benchmarks.reading_order import REAL

    doc = importers.read_document(REAL / "docling_2305.03393v1-pg9.pdf")
    headings = {doc.text[b.start:b.end] for b in doc.blocks if b.kind == "heading"}
    assert {"5.1 Hyper Parameter Optimization", "5.2 Quantitative Results"} <= headings


def test_a_subsection_under_a_sentence_s_end_opens_its_own_paragraph(tmp_path: Path) -> None:
    """As the REFI-QDA standard sets it: a paragraph's full last line ends a sentence, and the
    subsection's heading follows at the usual leading, a point larger only ("… external
    sources. 8.2 Compression scheme" was one paragraph)."""
    path = tmp_path / "sub.pdf"
    canv = canvas.Canvas(str(path))
    words = " ".join(sentences(6, seed=5)).split()
    y = _prose(canv, words, 700.0) + 11  # the usual leading after it, not a wider gap
    canv.setFont("Helvetica", 11)
    canv.drawString(72, y, "8.2 Compression scheme")
    canv.setFont("Helvetica", 10)
    _prose(canv, words[:30], y - 24)  # space under a heading, as there
    canv.save()
    text = importers.read_document(path).text
    assert ".\n\n8.2 Compression scheme\n\n" in text, text


def _run_on_headings(path: Path) -> Path:
    """ACM's style: a numbered heading in the body's size (in capitals, or a subsection's in
    bold), its first paragraph flush under it at the body's leading (no gap, no indent)."""
    canv = canvas.Canvas(str(path))
    words = " ".join(sentences(6, seed=5)).split()
    y = 700.0
    for title in ("11 MATH EQUATIONS", "11.1 Inline Equations"):
        canv.setFont("Helvetica-Bold", 10)
        canv.drawString(72, y, title)
        canv.setFont("Helvetica", 10)
        y = _prose(canv, ["You", "may", "want", "to", "display", "math", *words], y - 13)
    canv.save()
    return path


def test_a_numbered_heading_set_in_the_body_size_ends_before_its_first_sentence(
        tmp_path: Path) -> None:
    # "11 MATH EQUATIONS You may want to display math…": "a one-line paragraph's title in form"
    # asked whether its number was a capital: 95 headings ran into their text in 28 of the
    # 810 PDFs of TeX Live's publishers' samples (ACM's, ASME's, theses, proposals)
    document = importers.read_document(_run_on_headings(tmp_path / "acm.pdf"))
    text = document.text
    assert "11 MATH EQUATIONS\n\nYou may want" in text, text
    assert "11.1 Inline Equations\n\nYou may want" in text, text
    headings = [text[b.start:b.end] for b in document.blocks if b.kind == "heading"]
    assert headings == ["11 MATH EQUATIONS", "11.1 Inline Equations"], headings
