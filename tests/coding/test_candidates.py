"""Configuration discovery on a hand-built project whose co-occurrences are known."""

from __future__ import annotations

from pathlib import Path

import pytest

from coding.cases import assign_document, ensure_case
from coding.documents import document_text
from coding.errors import InvalidInput
from coding.ids import DocumentId
from coding.nodes import add_node, find_node
from coding.project import Project
from coding.realist.evidence import evidence_for
from coding.realist.theories import add_theory, find_theory
from coding.references import code, references_for_node
from coding.review.candidates import adopt_candidate, find_candidates, supporting_spans
from coding.review.spans import find_phrase
from tests.conftest import add_text_document

A = ("Mothers feared judgement and felt understood, so they joined.\n"
     "Rural mothers felt understood too.\n"
     "Some felt worse.")
B = "By phone mothers feared judgement.\nThey felt understood.\nMany joined."

C1, C2 = "Contexts/Fear", "Contexts/Rural"
M1 = "Mechanisms/Understood"
O1, O2 = "Outcomes/Joins", "Outcomes/Worse"


def coded(project: Project, doc: int, phrase: str, node: str, nth: int = 0) -> None:
    text = document_text(project, DocumentId(doc))
    at = 0
    for _ in range(nth + 1):
        start, end = find_phrase(text[at:], phrase)
        start, end, at = start + at, end + at, end + at
    code(project, DocumentId(doc), start, end, [find_node(project, node)])


@pytest.fixture
def known(empty_project: Project, tmp_path: Path) -> tuple[Project, int, int]:
    p = empty_project
    a, b = (add_text_document(p, tmp_path, name, text) for name, text in (("A", A), ("B", B)))
    assign_document(p, DocumentId(a), ensure_case(p, "Visits"))
    assign_document(p, DocumentId(b), ensure_case(p, "Phone"))
    for path, role in ((C1, "context"), (C2, "context"), (M1, "mechanism"), (O1, "outcome"),
                       (O2, "outcome")):
        add_node(p, path, role=role)
    add_node(p, f"{C1}/By family")  # no role: counts as Fear
    add_theory(p, "T1", topic="Take-up", element_nodes=[
        find_node(p, C1), find_node(p, M1), find_node(p, O1)])
    coded(p, a, "feared judgement", f"{C1}/By family")
    coded(p, a, "felt understood", M1)
    coded(p, a, "joined", O1)
    coded(p, a, "Rural mothers", C2)
    coded(p, a, "felt understood", M1, nth=1)
    coded(p, a, "felt worse", O2)
    coded(p, b, "feared judgement", C1)
    coded(p, b, "felt understood", M1)
    coded(p, b, "Many joined", O1)
    return p, a, b


def table(found) -> dict[tuple[str, str, str], tuple[int, tuple[int, ...], tuple[str, ...]]]:  # type: ignore[no-untyped-def]
    return {c.names: (c.document_count, c.interventions, c.in_model) for c in found}


def test_same_paragraph_finds_only_what_one_paragraph_shows(known) -> None:  # type: ignore[no-untyped-def]
    project, _, _ = known
    assert table(find_candidates(project, mode="paragraph")) == {
        (C1, M1, O1): (1, (1,), ("T1",)),  # A's first paragraph; in B they are apart
    }


def test_same_document_counts_documents_and_interventions(known) -> None:  # type: ignore[no-untyped-def]
    project, _, _ = known
    found = find_candidates(project, mode="document")
    assert table(found) == {
        (C1, M1, O1): (2, (1, 2), ("T1",)),
        (C1, M1, O2): (1, (1,), ()),
        (C2, M1, O1): (1, (1,), ()),
        (C2, M1, O2): (1, (1,), ()),
    }
    assert found[0].names == (C1, M1, O1) and found[0].documents == ("A", "B")
    assert [c.names for c in found if c.is_candidate] == [
        (C1, M1, O2), (C2, M1, O1), (C2, M1, O2)]
    assert table(find_candidates(project, mode="document", min_documents=2)) == {
        (C1, M1, O1): (2, (1, 2), ("T1",))}
    assert len(find_candidates(project, mode="document", candidates_only=True)) == 3


def test_bad_requests_are_refused(known) -> None:  # type: ignore[no-untyped-def]
    project, _, _ = known
    with pytest.raises(InvalidInput, match="mode"):
        find_candidates(project, mode="sentence")
    with pytest.raises(InvalidInput, match="1 or more"):
        find_candidates(project, min_documents=0)
    with pytest.raises(InvalidInput, match="at least one"):
        adopt_candidate(project, "X1", topic="Take-up", nodes=[], mode="paragraph")


def test_adopting_a_candidate_links_its_supporting_excerpts(known) -> None:  # type: ignore[no-untyped-def]
    project, a, _ = known
    parts = [find_node(project, p) for p in (C2, M1, O1)]
    assert supporting_spans(project, parts, "paragraph") == []  # never in one paragraph
    adopted = adopt_candidate(project, "X1", topic="Take-up", nodes=parts, mode="document",
                              statement="If rural, then understood, so joins.")
    item = evidence_for(project, adopted.theory_id)
    assert (item.theory.origin, item.status, item.complete_documents) == ("new", "new", ("A",))
    node = item.theory.node_id
    assert node is not None
    text = document_text(project, DocumentId(a))
    linked = sorted(text[r.start:r.end] for r in references_for_node(project, node))
    assert linked == ["Rural mothers", "felt understood", "felt understood", "joined"]
    whole = [find_node(project, p) for p in (C1, M1, O1)]
    spans = supporting_spans(project, whole, "paragraph")
    assert [(d, text[s:e]) for d, s, e in spans] == [
        (a, "feared judgement and felt understood, so they joined")]
    partial = adopt_candidate(project, "X2", topic="Take-up", nodes=whole[:2], mode="paragraph",
                              reason="only C and M seen together")
    item = evidence_for(project, partial.theory_id)
    assert item.is_partial and item.whole.documents == ("A",)  # in B they are apart
    assert item.parts["outcome"].documents == ()  # it has no outcome, whatever the whole says
    assert find_theory(project, "X2") == partial.theory_id
