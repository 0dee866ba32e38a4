"""Coding comparison: kappa and agreement over characters, checked against sums done by hand.

Every document here is 100 characters (doc2: 300), so a character count is also a percentage.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from coding.errors import InvalidInput
from coding.filters import NO_FILTER, ReferenceFilter
from coding.ids import CoderId, DocumentId, NodeId, ReferenceId
from coding.nodes import add_node
from coding.project import Project
from coding.reference_undo import restore_references
from coding.references import ReferenceRecord
from coding.review.comparison import ALL_DOCUMENTS, Agreement, compare_coders
from storage.models import utcnow
from tests.coding.two_coders import ANA, BEN, as_coder, code_as
from tests.conftest import add_text_document

TEXT = "".join(chr(ord("a") + i % 26) for i in range(100))


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    path = tmp_path / "p.realist"
    with Project.create(path, coder=ANA) as project:
        add_text_document(project, tmp_path, "doc1", TEXT)
        add_text_document(project, tmp_path, "doc2", TEXT * 3)
        add_node(project, "Fear")
        add_node(project, "Trust")
    return path


def _ids(path: Path) -> tuple[DocumentId, DocumentId, NodeId, NodeId]:
    from coding.documents import find_document
    from coding.nodes import find_node

    with as_coder(path, ANA) as p:
        return (find_document(p, "doc1"), find_document(p, "doc2"), find_node(p, "Fear"),
                find_node(p, "Trust"))


def _compare(path: Path, a: int, b: int, flt: ReferenceFilter = NO_FILTER) -> dict:
    with as_coder(path, ANA) as p:
        result = compare_coders(p, CoderId(a), CoderId(b), flt)
    return {(r.node, r.document): r for r in result.rows}


def test_identical_coding_is_full_agreement(project_path: Path) -> None:
    d1, _, fear, _ = _ids(project_path)
    a = code_as(project_path, ANA, d1, fear, (10, 30))
    b = code_as(project_path, BEN, d1, fear, (10, 30))
    row = _compare(project_path, a, b)[("Fear", "doc1")]
    assert (row.counts.both, row.counts.a_only, row.counts.b_only) == (20, 0, 0)
    assert row.kappa == 1.0 and row.counts.agreement == 1.0


def test_disjoint_coding(project_path: Path) -> None:
    """A [0,20), B [50,70): Po = 60/100; Pe = (20·20 + 80·80)/100² = 0.68;
    kappa = (0.6 - 0.68) / (1 - 0.68) = -0.25."""
    d1, _, fear, _ = _ids(project_path)
    a = code_as(project_path, ANA, d1, fear, (0, 20))
    b = code_as(project_path, BEN, d1, fear, (50, 70))
    row = _compare(project_path, a, b)[("Fear", "doc1")]
    assert (row.counts.both, row.counts.a_only, row.counts.b_only, row.counts.neither) == (
        0, 20, 20, 60)
    assert row.counts.agreement == pytest.approx(0.6)
    assert row.kappa == pytest.approx(-0.25)
    assert row.cells()[3:] == [-0.25, 60.0, 0.0, 20.0, 20.0, 60.0, 40.0]


def test_one_coder_coding_nothing_is_chance_agreement(project_path: Path) -> None:
    """A [0,25), B nothing (of this node; B coded Trust so doc1 is compared):
    Po = 0.75; Pe = (25·0 + 75·100)/100² = 0.75; kappa = 0."""
    d1, _, fear, trust = _ids(project_path)
    a = code_as(project_path, ANA, d1, fear, (0, 25))
    b = code_as(project_path, BEN, d1, trust, (90, 95))
    rows = _compare(project_path, a, b)
    assert rows[("Fear", "doc1")].kappa == pytest.approx(0.0)
    assert rows[("Fear", "doc1")].counts.agreement == pytest.approx(0.75)
    assert rows[("Trust", "doc1")].kappa == pytest.approx(0.0)  # 95 of 100 agree, Pe 0.95


def test_overlapping_spans_of_one_coder_count_once(project_path: Path) -> None:
    """A's [0,30) and [20,50) (a REFI import can bring such) are [0,50): 50 characters.
    B [10,60): both 40, A only 10, B only 10. Po = 0.8; Pe = (50·50 + 50·50)/100² = 0.5;
    kappa = 0.6."""
    d1, _, fear, _ = _ids(project_path)
    a = code_as(project_path, ANA, d1, fear)
    with as_coder(project_path, ANA) as p:
        restore_references(p, [
            ReferenceRecord(ReferenceId(1000 + i), f"overlap-{i}", d1, fear, start, end,
                            a, utcnow())
            for i, (start, end) in enumerate([(0, 30), (20, 50)])])
    b = code_as(project_path, BEN, d1, fear, (10, 60))
    row = _compare(project_path, a, b)[("Fear", "doc1")]
    assert (row.counts.both, row.counts.a_only, row.counts.b_only) == (40, 10, 10)
    assert row.kappa == pytest.approx(0.6)


def test_overall_is_weighted_by_document_length(project_path: Path) -> None:
    """doc1 (100): the disjoint case, kappa -0.25; doc2 (300): neither coded Fear, kappa 1.
    Overall kappa = (-0.25·100 + 1·300) / 400 = 0.6875; agreement = (60 + 300) / 400 = 90 %."""
    d1, d2, fear, _ = _ids(project_path)
    a = code_as(project_path, ANA, d1, fear, (0, 20))
    b = code_as(project_path, BEN, d1, fear, (50, 70))
    rows = _compare(project_path, a, b, ReferenceFilter(document_ids=(d1, d2)))
    overall = rows[("Fear", ALL_DOCUMENTS)]
    assert overall.counts.characters == 400
    assert overall.kappa == pytest.approx(0.6875)
    assert overall.counts.agreement == pytest.approx(0.9)
    assert ("Fear", "doc2") not in rows  # neither coded it there: in the overall figure only


def test_default_documents_are_those_both_coders_coded(project_path: Path) -> None:
    d1, d2, fear, trust = _ids(project_path)
    a = code_as(project_path, ANA, d1, fear, (0, 20))
    code_as(project_path, ANA, d2, fear, (0, 20))  # Ben never read doc2
    b = code_as(project_path, BEN, d1, trust, (0, 5))
    with as_coder(project_path, ANA) as p:
        result = compare_coders(p, CoderId(a), CoderId(b))
    assert [name for _, name, _ in result.documents] == ["doc1"]
    with as_coder(project_path, ANA) as p, pytest.raises(InvalidInput, match="two different"):
        compare_coders(p, CoderId(a), CoderId(a))


def test_kappa_is_one_where_neither_coded_and_where_both_coded_everything() -> None:
    assert Agreement(100).kappa == 1.0
    assert Agreement(100, both=100).kappa == 1.0
    assert Agreement(0).kappa == 1.0
    assert Agreement(100, a_only=100).kappa == 0.0  # Pe = 0, Po = 0
