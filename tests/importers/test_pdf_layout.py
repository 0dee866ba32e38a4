"""Reading order the way journals set a page, on PDFs whose every line the test places."""

from __future__ import annotations

import random
import re
from pathlib import Path

import importers
from tests.importers.makers import (
    WORDS,
    article_pdf,
    flow,
    lines_pdf,
    notes_pdf,
    sentences,
    sidebar_pdf,
    table_pdf,
    turned_table_pdf,
)

TITLE = "Peer Support for Mothers: A Realist Review"
AUTHORS = "A. Author, B. Author and C. Author"
ABSTRACT = " ".join(sentences(4, seed=40, words=16))
FOOTNOTE = "* Corresponding author: a.author@example.org"
FOOTER = "Journal of Peer Support 12(3) 2024"


def _article(tmp_path: Path) -> tuple[importers.ImportedDocument, list[str]]:
    paragraphs = [" ".join(sentences(5, seed=i, words=12)).replace("Sentence", f"P{i}s")
                  for i in range(30)]
    path = article_pdf(tmp_path / "article.pdf", paragraphs, title=TITLE, authors=AUTHORS,
                       abstract=ABSTRACT, heads=("Author et al.", "Journal of Peer Support"),
                       first_page_footer=FOOTER, footnote=FOOTNOTE)
    return importers.read_document(path), paragraphs


def test_full_width_block_then_columns_and_paragraphs_whole(tmp_path: Path) -> None:
    doc, paragraphs = _article(tmp_path)
    parts = doc.text.split("\n\n")
    assert parts[:3] == [TITLE, AUTHORS, ABSTRACT]
    body = [p for p in parts if re.match(r"P\d+s", p)]
    assert body == paragraphs, "every paragraph whole and in order, across columns and pages"


def test_a_page_boundary_may_fall_inside_a_paragraph(tmp_path: Path) -> None:
    doc, paragraphs = _article(tmp_path)
    assert len(doc.pages) >= 3
    for before, after in zip(doc.pages, doc.pages[1:], strict=False):
        assert before.end <= after.start
    assert doc.pages[0].start == 0 and doc.pages[-1].end == len(doc.text)
    spans = [(doc.text.index(p), doc.text.index(p) + len(p)) for p in paragraphs]
    inside = [page for page in doc.pages[1:]
              if any(a < page.start < b for a, b in spans)]
    assert inside, "a paragraph running over a page break is one paragraph"


def test_running_heads_go_a_first_page_footer_stays(tmp_path: Path) -> None:
    doc, _ = _article(tmp_path)
    assert "Author et al." not in doc.text
    assert doc.text.count("Journal of Peer Support") == 1 and FOOTER in doc.text
    assert doc.text.count(FOOTNOTE) == 1


def test_footnote_after_the_body_of_its_page_and_inside_its_span(tmp_path: Path) -> None:
    """After every paragraph that ends on its page; the paragraph that runs on over the page
    break comes after it, so the footnote stays in its own page's span."""
    doc, paragraphs = _article(tmp_path)
    (block,) = [b for b in doc.blocks if b.kind == "footnote"
                and doc.text[b.start:b.end].startswith(FOOTNOTE)]
    page_one, page_two = doc.pages[0], doc.pages[1]
    assert page_one.start <= block.start < block.end <= page_one.end
    spans = [(doc.text.index(p), doc.text.index(p) + len(p)) for p in paragraphs]
    ended = [end for start, end in spans if end <= page_two.start]
    assert ended and block.start > max(ended)
    (running_on,) = [start for start, end in spans if start < page_two.start < end]
    assert block.end < running_on


def test_table_rows_cells_tab_separated_in_a_table_block(tmp_path: Path) -> None:
    rows = [["Programme", "Context", "Outcome"], ["Home visits", "Rural", "Less isolation"],
            ["Phone calls", "Urban", "More confidence"], ["Groups", "Mixed", "Shared stories"]]
    path = table_pdf(tmp_path / "t.pdf", "Table 1 shows the programmes.", rows, "After the table.")
    doc = importers.read_document(path)
    (block,) = [b for b in doc.blocks if b.kind == "table"]
    assert doc.text[block.start:block.end] == "\n".join("\t".join(r) for r in rows)
    assert doc.text.startswith("Table 1 shows the programmes.")
    assert doc.text.endswith("After the table.")


def test_a_cell_run_over_onto_a_second_line_stays_in_its_row(tmp_path: Path) -> None:
    """A cell's further lines go on in that cell after a line separator (U+2028), not as rows
    of their own; a new row still begins in the first column."""
    rows = [["Programme", "Context", "Outcome"],
            ["Home visits", "Rural and\nremote areas", "Less isolation"],
            ["Phone calls", "Urban", "More confidence,\nfewer visits"],
            ["Groups", "Mixed and\nchanging", "Shared stories\nand advice"]]
    path = table_pdf(tmp_path / "t.pdf", "Table 2 shows the settings.", rows, "After the table.")
    doc = importers.read_document(path)
    (block,) = [b for b in doc.blocks if b.kind == "table"]
    assert doc.text[block.start:block.end] == "\n".join(
        "\t".join(cell.replace("\n", "\u2028") for cell in row) for row in rows)


def test_a_thesis_chapter_head_on_a_few_of_many_pages_goes(tmp_path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "thesis.pdf"
    canv = canvas.Canvas(str(path), pagesize=A4)
    for page in range(1, 41):
        canv.setFont("Helvetica", 9)
        chapter = 7 if 10 <= page < 21 else (6 if page < 10 else 8)
        name = {6: "METHODS", 7: "ANALYSING SOLUTIONS", 8: "DISCUSSION"}[chapter]
        if page not in (1, 10, 21):  # a chapter's first page has no head
            canv.drawString(72, A4[1] - 40, f"CHAPTER {chapter}. {name}")
        canv.drawRightString(A4[0] - 72, A4[1] - 40, str(page))
        canv.setFont("Helvetica", 11)
        canv.drawString(72, 700, f"Body text of page {page} goes here, one line only.")
        canv.showPage()
    canv.save()
    doc = importers.read_document(path)
    assert "CHAPTER" not in doc.text
    assert doc.text.count("Body text of page") == 40


def test_a_margin_column_of_small_type_is_a_sidebar_read_after_the_body(tmp_path: Path) -> None:
    paragraphs = [" ".join(sentences(4, seed=i, words=12)).replace("Sentence", f"P{i}s")
                  for i in range(3)]
    margin = ["Submitted 25 March 2016", "Accepted 9 May 2017", "Academic editor",
              "James Procter", "Distributed under", "Creative Commons CC-BY 4.0"]
    doc = importers.read_document(sidebar_pdf(tmp_path / "s.pdf", paragraphs, margin))
    parts = doc.text.split("\n\n")
    assert parts[:3] == paragraphs, "the body whole, no margin line read into it"
    sidebar = [doc.text[b.start:b.end] for b in doc.blocks if b.kind == "sidebar"]
    assert " ".join(sidebar).split() == " ".join(margin).split()
    assert doc.text.index(margin[0]) > doc.text.index(paragraphs[-1])


def _lines(seed: int, words: int, end: str = ".") -> list[str]:
    """A paragraph of random words set as 10-point lines of a column, its first indented."""
    rng = random.Random(seed)
    text = [rng.choice(WORDS) for _ in range(words)]
    lines = flow(text, 200, indent=14)
    return ["  " + lines[0], *lines[1:-1], lines[-1] + end] if len(lines) > 1 else lines


def test_notes_set_across_the_foot_of_the_page_are_not_read_into_a_running_paragraph(
        tmp_path: Path) -> None:
    """Clinical Science's page 1 (cermine_example3.pdf): the last paragraph of page 1 runs on
    to page 2 ("... While this | allows ..."), and under the columns a full-width block of
    small notes sat where its continuation should be; it was read as body and joined to the
    paragraph ("While this Abbreviations: ACE, ..."). The page number beside the running
    footer, above the licence line, stayed in the text as a paragraph "305"."""
    running = _lines(3, 60, end=" while this")
    after = flow(["mothers", "found", "support", "in", "the", "group", "and", "came", "back."],
                 200)
    notes = ["Abbreviations: PS, peer support; RCT, randomised controlled trial; SD, standard "
             "deviation; CMO, context, mechanism, outcome; CI, confidence interval.",
             "Correspondence: Professor A. Author (email a.author@example.org) or Professor "
             "B. Author (email b.author@example.org), University of Somewhere."]
    path = notes_pdf(tmp_path / "notes.pdf",
                     [(_lines(1, 60) + _lines(2, 40), running),
                      (after + _lines(4, 60), _lines(5, 60))],
                     notes, footer="\u00a9 2024 The Author(s)",
                     licence="This article is distributed under the Creative Commons "
                             "Attribution Licence (CC-BY).")
    doc = importers.read_document(path)
    paragraphs = doc.text.split("\n\n")
    whole = " ".join(" ".join(line.strip() for line in running + after).split())
    assert whole in paragraphs, "the paragraph runs on over the page break, whole"
    assert not any("while this Abbreviations" in p for p in paragraphs)
    footnotes = [doc.text[b.start:b.end] for b in doc.blocks if b.kind == "footnote"]
    assert any(p.startswith("Abbreviations:") for p in footnotes)
    assert any("Correspondence:" in p for p in footnotes)
    assert "305" not in paragraphs and "306" not in doc.text
    assert "The Author(s)" not in doc.text, "the running footer goes, page number and all"


def test_a_table_on_a_page_shown_turned_reads_row_by_row(tmp_path: Path) -> None:
    """A journal sets a wide table on a page turned a quarter (PeerJ, cermine_test6.pdf pages
    8-10). Its lines run up the page as set, so they were read as text set sideways and the
    table came out as a heap of cells; its running footer, where every page has it on the
    page as set, stayed. Runs keep their boxes in the page's own space, for the page view."""
    import pypdfium2 as pdfium

    rows = [["Study", "Country", "Design", "Participants"],
            ["Alpha 2019", "Kenya", "Randomised trial", "240 mothers"],
            ["Beta 2021", "Peru", "Cohort study", "1,020 families"]]
    path = turned_table_pdf(tmp_path / "turned.pdf", ["A line of prose on the upright page."],
                            rows, footer="Journal of Peer Support 12(3)")
    doc = importers.read_document(path)
    table = "\n".join("\t".join(cells) for cells in rows)
    assert table in doc.text.split("\n\n")
    assert "Journal of Peer Support" not in doc.text, "the running footer of both pages goes"
    pdf = pdfium.PdfDocument(str(path))
    try:
        textpage = pdf[1].get_textpage()
        for run in [r for r in doc.runs if r.page == 2]:
            left, bottom, right, top = textpage.get_charbox(run.char_start)
            assert run.box[0] - 0.5 <= left and right <= run.box[2] + 0.5
            assert run.box[1] - 0.5 <= bottom and top <= run.box[3] + 0.5
    finally:
        pdf.close()


def test_a_short_line_ends_its_paragraph_when_it_ends_a_sentence_or_is_a_heading(
        tmp_path: Path) -> None:
    """A heading set in bold at the body's size and leading, with no gap under it, ran into
    its paragraph ("Boots Self-Locking Nut The Boots self-locking nut is ...", the amt
    handbook); a numbered list set flush read as one paragraph. A line ending short of half
    the column ends its paragraph when it ends a sentence or is a heading in form; a short
    line that runs on (an address's, "Dhaka,") still runs on."""
    body = flow(" ".join(sentences(6, seed=3, words=12)).split(), 420)
    path = lines_pdf(tmp_path / "short.pdf", [[
        "Boots Self-Locking Nut", *body,
        "1. Undo: the ability to undo mistakes.",
        "2. Templates: formats for documents.",
        "Kept at the Herbarium in Dhaka,",
        "Bangladesh, with the other specimens of the survey.",
    ]])
    paragraphs = importers.read_document(path).text.split("\n\n")
    assert paragraphs[0] == "Boots Self-Locking Nut"
    assert paragraphs[1] == " ".join(body)
    assert paragraphs[2:4] == ["1. Undo: the ability to undo mistakes.",
                               "2. Templates: formats for documents."]
    assert paragraphs[4] == ("Kept at the Herbarium in Dhaka, Bangladesh, with the other "
                             "specimens of the survey.")
