"""A column of references whose numbers are set apart ("[1]  Author…") beside a column of prose
is two columns, not three. The gap after the numbers was taken for a third column's gutter; the
real columns' lines then crossed it, and the two were read side by side, line by line: the
Bigtable paper's references and the ACM sample's last page ("… a couple of preprints 17
SIGCHI EXTENDED ABSTRACTS [6, 7], a doctoral…"). Measured on both after the change: every
reference of the Bigtable paper but four reads whole, the ACM page reads column by column."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

import importers
from tests.corpus import CORPUS
from tests.importers.makers import sentences

BIGTABLE = CORPUS / "cermine_web_test1.pdf"


def _wrap(canv: canvas.Canvas, text: str, width: float) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and canv.stringWidth(f"{lines[-1]} {word}", "Times-Roman", 9) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


def _page(path: Path, prose: list[str], references: list[str]) -> Path:
    canv = canvas.Canvas(str(path), pagesize=(612, 792))
    canv.setFont("Times-Roman", 9)
    y = 740.0
    for line in _wrap(canv, " ".join(prose), 240):
        canv.drawString(54, y, line)
        y -= 11
    y = 740.0
    for number, reference in enumerate(references, 1):
        canv.drawString(318, y, f"[{number}]")
        for line in _wrap(canv, reference, 225):
            canv.drawString(337, y, line)
            y -= 11
        y -= 3
    canv.save()
    return path


def test_numbers_set_apart_at_the_head_of_a_column_make_no_third_column(tmp_path: Path) -> None:
    prose = sentences(24, seed=7)
    references = [f"AUTHOR{n}, A., AND OTHER, B. The title of work {n} on peer support and "
                  f"recovery. In Proc. of the {n}th Symposium (200{n % 10}), pp. {n}0–{n}9."
                  for n in range(1, 16)]
    text = importers.read_document(_page(tmp_path / "refs.pdf", prose, references)).text
    assert " ".join(prose) in text  # the prose column whole, no reference inside it
    for number, reference in enumerate(references, 1):
        assert f"[{number}] {reference}" in text, reference


@pytest.mark.skipif(not BIGTABLE.exists(), reason="the development corpus is not here")
def test_the_bigtable_paper_s_references_read_one_by_one() -> None:
    text = importers.read_document(BIGTABLE).text
    assert ("[12] DEAN, J., AND GHEMAWAT, S. MapReduce: Simplified data processing on large "
            "clusters. In Proc. of the 6th OSDI (Dec. 2004), pp. 137–150.") in text
    assert ("[29] RATNASAMY, S., FRANCIS, P., HANDLEY, M., KARP, R., AND SHENKER, S. A "
            "scalable content-addressable network.") in text
