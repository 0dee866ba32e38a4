"""A numbered item (an affiliation, a reference) is a paragraph of its own: a sentence broken
over a column or page is not carried on into it, nor past it."""

from __future__ import annotations

import pytest

import importers
from tests.benchmarks.reading_order import REAL
from tests.corpus import CORPUS

CLINSCI = CORPUS / "cermine_example3.pdf"


def test_authors_and_their_numbered_affiliations_are_apart() -> None:
    text = importers.read_document(REAL / "cermine_test3.pdf").text
    # was "… and Mohammad A. Rashid2,3 1 Department of Pharmacy, …", one paragraph
    assert "Mohammad A. Rashid2,3\n\n1 Department of Pharmacy" in text


@pytest.mark.skipif(not CLINSCI.exists(), reason="the development corpus is not beside the repository")
def test_a_numbered_reference_keeps_its_own_end() -> None:
    text = importers.read_document(CLINSCI).text
    # the reference before stopped at its page numbers and took the next one in, and a short
    # numbered reference was passed over as a scrap: its end went to the reference before it
    assert "CellTissue Kinet. 23, 99–103\n\n13 Peng, H." in text
    assert "reverses cardiac fibrosis in rats with renovascular hypertension." in text
