from __future__ import annotations

from pathlib import Path

import pytest

from coding.errors import InvalidInput, NotFound
from coding.nodes import add_node
from coding.project import Project
from coding.ratings import rate_reference
from coding.reference_undo import redo_coding, undo_coding
from coding.references import (
    code,
    delete_references,
    recode,
    references_for_document,
    uncode,
)
from coding.review.spans import find_phrase
from tests.conftest import add_text_document

TEXT = "Mothers feared judgement. Peers understood them. They took up support."


@pytest.fixture
def setup(empty_project: Project, tmp_path: Path):  # type: ignore[no-untyped-def]
    doc = add_text_document(empty_project, tmp_path, "doc", TEXT)
    a = add_node(empty_project, "Contexts/Fear", role="context")
    b = add_node(empty_project, "Mechanisms/Understood", role="mechanism")
    return empty_project, doc, a, b


def spans(project: Project, doc: int) -> list[tuple[int, int, int]]:
    return [(r.node_id, r.start, r.end) for r in references_for_document(project, doc)]


def test_code_to_several_nodes_creates_one_reference_each(setup) -> None:  # type: ignore[no-untyped-def]
    project, doc, a, b = setup
    result = code(project, doc, 0, 25, [a, b])
    assert len(result.created) == 2
    assert sorted(spans(project, doc)) == sorted([(a, 0, 25), (b, 0, 25)])


def test_overlapping_coding_of_one_node_merges(setup) -> None:  # type: ignore[no-untyped-def]
    project, doc, a, _ = setup
    code(project, doc, 0, 10, [a])
    code(project, doc, 20, 30, [a])
    result = code(project, doc, 5, 22, [a])
    assert spans(project, doc) == [(a, 0, 30)]
    assert len(result.removed) == 2
    assert code(project, doc, 3, 8, [a]).created == ()  # already coded: no-op


def test_uncode_trims_and_splits(setup) -> None:  # type: ignore[no-untyped-def]
    project, doc, a, b = setup
    code(project, doc, 0, 40, [a, b])
    uncode(project, doc, 10, 20, [a])
    assert sorted(spans(project, doc)) == sorted([(a, 0, 10), (a, 20, 40), (b, 0, 40)])
    uncode(project, doc, 35, 50)
    assert sorted(spans(project, doc)) == sorted([(a, 0, 10), (a, 20, 35), (b, 0, 35)])


def test_undo_and_redo_restore_exact_state(setup) -> None:  # type: ignore[no-untyped-def]
    project, doc, a, b = setup
    code(project, doc, 0, 40, [a])
    rate_reference(project, references_for_document(project, doc)[0].id, relevance="high")
    before = references_for_document(project, doc)
    result = uncode(project, doc, 10, 20, [a])
    after = references_for_document(project, doc)
    undo_coding(project, result)
    assert references_for_document(project, doc) == before
    redo_coding(project, result)
    assert references_for_document(project, doc) == after
    assert all(r.relevance == "high" for r in after)


def test_recode_and_delete(setup) -> None:  # type: ignore[no-untyped-def]
    project, doc, a, b = setup
    ref = code(project, doc, 0, 10, [a]).created[0]
    recode(project, ref.id, b)
    assert spans(project, doc) == [(b, 0, 10)]
    delete_references(project, [r.id for r in references_for_document(project, doc)])
    assert spans(project, doc) == []


def test_bad_spans_and_nodes_are_refused(setup) -> None:  # type: ignore[no-untyped-def]
    project, doc, a, _ = setup
    with pytest.raises(InvalidInput):
        code(project, doc, 10, 10, [a])
    with pytest.raises(InvalidInput):
        code(project, doc, 0, len(TEXT) + 1, [a])
    with pytest.raises(NotFound):
        code(project, doc, 0, 5, [9999])
    with pytest.raises(InvalidInput):
        code(project, doc, 0, 5, [])
    with pytest.raises(InvalidInput):
        rate_reference(project, 1, relevance="excellent")


def test_find_phrase_tolerates_pdf_line_breaks() -> None:
    text = "they felt understood\nwithout having to explain, and felt understood"
    assert find_phrase(text, "felt understood without having") == (5, 35)
    assert find_phrase(text, "felt understood", occurrence=2) == (52, 67)
    with pytest.raises(NotFound):
        find_phrase(text, "felt ignored")


def test_offsets_are_code_points_with_non_bmp_text(empty_project: Project, tmp_path: Path) -> None:
    text = "Let 𝑥 be 😀 joy; then 𝑦 follows."
    doc = add_text_document(empty_project, tmp_path, "math", text)
    node = add_node(empty_project, "Maths")
    start, end = find_phrase(text, "😀 joy")
    code(empty_project, doc, start, end, [node])
    ref = references_for_document(empty_project, doc)[0]
    assert text[ref.start:ref.end] == "😀 joy"
