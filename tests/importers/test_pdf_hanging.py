"""Lists and references set with a hanging indent: each item is a paragraph of its own, and an
item's indented lines go on with it; prose paragraphs with an indented first line are unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

import importers
from tests.benchmarks.reading_order import REAL
from tests.corpus import CORPUS

MULTI_PAGE = CORPUS / "docling_multi_page.pdf"


def _page(path: Path, lines: list[tuple[float, str]]) -> str:
    canv = canvas.Canvas(str(path))
    canv.setFont("Helvetica", 10)
    for number, (x, line) in enumerate(lines):
        canv.drawString(x, 760 - 13 * number, line)
    canv.save()
    return importers.read_document(path).text


def test_a_numbered_item_after_a_line_ending_past_the_middle_is_its_own(tmp_path: Path) -> None:
    text = _page(tmp_path / "list.pdf", [
        (72, "Mothers who were offered support by a volunteer with lived experience said that"),
        (72, "they felt understood, and most of them accepted a first visit from her at home:"),
        (90, "1. Supervision: volunteers who met a midwife each week kept their visits on the"),
        (108, "mother and her baby, and the mothers stayed in touch."),
        (90, "2. Matching: a volunteer from the same town was trusted sooner, and her advice"),
        (108, "on local services was taken up more often than advice from the clinic."),
        (72, "Where volunteers were not supervised, the visits drifted away from the mother and"),
    ])
    # was "… stayed in touch. 2. Matching: …", one paragraph: the short line ends past the middle
    assert "and the mothers stayed in touch.\n\n2. Matching: a volunteer" in text
    assert "the clinic.\n\nWhere volunteers" in text


def test_a_long_word_carried_to_the_next_line_does_not_end_the_paragraph(tmp_path: Path) -> None:
    text = _page(tmp_path / "url.pdf", [  # as PeerJ sets its data availability
        (72, "The following information was supplied regarding data availability:"),
        (84, "GitHub: https://example.org/peer-support."),
        (84, "Supplementary File 1 (archive):"),
        (72, "https://example.org/archive/peer-support-study/supplementary-materials-version-2.zip."),
    ])
    assert "(archive): https://example.org/archive" in text


def test_a_reference_s_indented_lines_go_on_with_it(tmp_path: Path) -> None:
    text = _page(tmp_path / "refs.pdf", [
        (72, "Kosiol C, Vinar T, Da Fonseca RR, Hubisz MJ, Bustamante CD, Nielsen R, Siepel A."),
        (90, "2008. Patterns of positive selection in six mammalian genomes. PLOS Genetics"),
        (90, "4(8):e1000144."),
        (72, "Liu S, Lorenzen ED, Fumagalli M, Li B, Harris K, Xiong Z, Zhou L, Korneliussen TS."),
        (90, "2014. Population genomics reveal recent speciation and rapid evolutionary"),
        (90, "adaptation in polar bears. Cell 157(4):785-794."),
    ])
    # was "… Siepel A." and "2008. Patterns …" apart: the indented line taken for a new paragraph
    assert "Siepel A. 2008. Patterns of positive selection" in text
    assert "4(8):e1000144.\n\nLiu S, Lorenzen" in text
    assert "Korneliussen TS. 2014. Population genomics" in text


def test_an_indented_first_line_after_a_full_line_still_starts_a_paragraph(tmp_path: Path) -> None:
    text = _page(tmp_path / "prose.pdf", [
        (72, "Mothers who were offered support by a volunteer with lived experience said that"),
        (72, "they felt understood, and most accepted a first visit at home within the month."),
        (90, "Where volunteers were not supervised, the visits drifted away from the mother"),
        (72, "and towards the volunteer's own story, and some mothers stopped seeing them"),
        (72, "within a few weeks of the first visit, as the volunteers said themselves."),
    ])
    assert "within the month.\n\nWhere volunteers" in text


def test_real_affiliations_set_in_one_block_are_apart() -> None:
    text = importers.read_document(REAL / "cermine_test3.pdf").text
    # was "… Dhaka-1000, Bangladesh 3 Centre for Biomedical Research, …", one paragraph
    assert "Dhaka-1000, Bangladesh\n\n3 Centre for Biomedical Research" in text
    assert "Rouf, A.S. 2006. Diuretic and analgesic effects" in text  # one reference, whole


@pytest.mark.skipif(not MULTI_PAGE.exists(), reason="the development corpus is not beside the repository")
def test_real_numbered_features_are_each_a_paragraph() -> None:
    text = importers.read_document(MULTI_PAGE).text
    assert "much easier.\n\n2. Spell Check and Grammar Check" in text
    assert "the original text.\n\n5. Real-Time Collaboration" in text


def test_a_one_line_paragraph_after_a_full_line_stays_its_own(tmp_path: Path) -> None:
    text = _page(tmp_path / "short.pdf", [
        (72, "Mothers who were offered support by a volunteer with lived experience said that"),
        (72, "they felt understood, and most accepted a first visit at home within the month."),
        (90, "Few of them said so to their midwife."),
        (90, "Where volunteers were not supervised, the visits drifted away from the mother"),
        (72, "and towards the volunteer's own story, and some mothers stopped seeing them."),
    ])
    # a paragraph's indented first line over another indented line is not a hanging indent
    assert "within the month.\n\nFew of them said so to their midwife." in text


def test_a_first_line_indented_by_an_em_after_a_short_line_starts_a_paragraph(tmp_path: Path) -> None:
    """The Bigtable paper indents its paragraphs by about an em, under the line-height-and-more
    an indent alone must reach: read as one, "… session expiration." and "Bigtable uses
    Chubby for …" ran on. After a short line such an indent opens a paragraph; under a list
    item's first line it is the item going on."""
    text = _page(tmp_path / "em.pdf", [
        (72, "Mothers who were offered support by a volunteer with lived experience said that"),
        (72, "they felt understood at the first visit, and most of them took it up."),
        (82, "Where volunteers were not supervised, the visits drifted away from the mother"),
        (72, "and towards the volunteer's own story, and some mothers stopped seeing them"),
        (72, "\u2022 Supervision: volunteers who met a midwife each week kept"),
        (82, "their visits on the mother and her baby."),
        (72, "[12] Ansari S. 2019. Peer support for mothers with low mood: a review of"),
        (82, "twelve evaluations. Midwifery 70:1-9."),
    ])
    assert "took it up.\n\nWhere volunteers" in text, text
    assert "each week kept their visits on the mother" in text, text
    assert "a review of twelve evaluations." in text, text
