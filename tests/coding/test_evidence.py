"""Theory evidence and every status transition, on a small model coded in inline text."""

from __future__ import annotations

from pathlib import Path

import pytest

from coding.cases import assign_document, ensure_case
from coding.errors import InvalidInput
from coding.filters import NO_FILTER, ReferenceFilter
from coding.ids import DocumentId, ReferenceId
from coding.memos import get_memo
from coding.nodes import find_node
from coding.project import Project
from coding.ratings import rate_reference
from coding.realist.evidence import (
    evidence_by_intervention,
    evidence_for,
    override_status,
    theory_evidence,
)
from coding.realist.evidence_rule import set_evidence_rule
from coding.realist.ratings import with_minimum
from coding.realist.theories import (
    add_element,
    add_theory,
    element_node,
    find_theory,
    remove_element,
)
from coding.references import code, delete_references, references_for_node
from coding.review.spans import find_phrase
from tests.conftest import add_text_document

TEXT_A = "Mothers feared judgement. A peer who had been there made them feel understood. They joined."
TEXT_B = "By telephone, mothers felt understood and many joined the calls."


def code_phrase(project: Project, doc: int, phrase: str, node_path: str) -> int:
    from coding.documents import document_text

    start, end = find_phrase(document_text(project, DocumentId(doc)), phrase)
    return code(project, DocumentId(doc), start, end, [find_node(project, node_path)]).created[0].id


@pytest.fixture
def model(empty_project: Project, tmp_path: Path) -> tuple[Project, int, int]:
    project = empty_project
    doc_a = add_text_document(project, tmp_path, "A", TEXT_A)
    doc_b = add_text_document(project, tmp_path, "B", TEXT_B)
    assign_document(project, DocumentId(doc_a), ensure_case(project, "Home visits"))
    assign_document(project, DocumentId(doc_b), ensure_case(project, "Phone calls"))
    add_theory(project, "T1", topic="Take-up", statement="If feared judgement...",
               contexts=["Fears judgement"], mechanisms=["Feels understood"],
               outcomes=["Takes up support"])
    add_theory(project, "T2", topic="Take-up", contexts=["By telephone"],
               mechanisms=["Feels understood"])  # partial: no outcome; shares a mechanism
    return project, doc_a, doc_b


def status(project: Project, label: str, flt: ReferenceFilter = NO_FILTER) -> str:
    return evidence_for(project, find_theory(project, label), flt).status


def test_initial_theory_goes_from_unsupported_to_supported_to_refined(model) -> None:  # type: ignore[no-untyped-def]
    project, doc_a, _ = model
    assert status(project, "T1") == "unsupported"
    code_phrase(project, doc_a, "feared judgement", "Contexts/Fears judgement")
    assert status(project, "T1") == "partial"  # issue 15: every part needs evidence
    code_phrase(project, doc_a, "feel understood", "Mechanisms/Feels understood")
    code_phrase(project, doc_a, "They joined", "Outcomes/Takes up support")
    assert status(project, "T1") == "supported"
    new_mech = element_node(project, "mechanism", "Peer has been there", "new")
    add_element(project, find_theory(project, "T1"), new_mech, origin="new")
    assert status(project, "T1") == "partial"  # a refinement needs its own evidence
    code_phrase(project, doc_a, "A peer who had been there", "Mechanisms/Peer has been there")
    assert status(project, "T1") == "refined"
    remove_element(project, find_theory(project, "T1"), new_mech)
    assert status(project, "T1") == "supported"


def test_losing_its_evidence_makes_a_theory_unsupported_and_completing_it_ends_partial(model) -> None:  # type: ignore[no-untyped-def]
    project, _, doc_b = model
    t2 = find_theory(project, "T2")
    ref = code_phrase(project, doc_b, "By telephone", "Contexts/By telephone")
    code_phrase(project, doc_b, "felt understood", "Mechanisms/Feels understood")
    assert (status(project, "T2"), evidence_for(project, t2).is_partial) == ("supported", True)
    delete_references(project, [ReferenceId(ref)])
    assert status(project, "T2") == "partial"
    delete_references(project, [r.id for r in references_for_node(
        project, find_node(project, "Mechanisms/Feels understood"))])
    assert status(project, "T2") == "unsupported"
    add_element(project, t2, element_node(project, "outcome", "Joins calls", "initial"), "initial")
    item = evidence_for(project, t2)
    assert (item.status, item.is_partial) == ("unsupported", False)  # complete, initial element
    override_status(project, t2, "partial", "The outcome is only implied")
    item = evidence_for(project, t2)
    assert (item.status, item.computed_status, item.is_partial) == ("partial", "unsupported", False)
    assert item.status_text == "partly supported" and item.computed_text == "unsupported"


def test_new_theory_is_new_and_override_needs_and_keeps_a_rationale(model) -> None:  # type: ignore[no-untyped-def]
    project, doc_a, _ = model
    add_theory(project, "X1", topic="Impact", origin="new", mechanisms=["Hope"])
    assert status(project, "X1") == "new"
    t1 = find_theory(project, "T1")
    with pytest.raises(InvalidInput, match="rationale"):
        override_status(project, t1, "supported", "  ")
    with pytest.raises(InvalidInput, match="status"):
        override_status(project, t1, "great", "because")
    override_status(project, t1, "supported", "Reported in a thesis we could not import")
    item = evidence_for(project, t1)
    assert (item.status, item.computed_status, item.overridden) == ("supported", "unsupported", True)
    assert item.rationale == "Reported in a thesis we could not import"
    assert get_memo(project, "theory", t1) == item.rationale
    override_status(project, t1, None)
    item = evidence_for(project, t1)
    assert (item.status, item.overridden, item.rationale) == ("unsupported", False, "")


def test_partial_theories_are_flagged_and_listed(model) -> None:  # type: ignore[no-untyped-def]
    project, _, _ = model
    partial = theory_evidence(project, partial_only=True)
    assert [i.theory.label for i in partial] == ["T2"]
    assert partial[0].is_partial and partial[0].status == "unsupported"
    assert not evidence_for(project, find_theory(project, "T1")).is_partial


def test_evidence_by_part_document_and_intervention(model) -> None:  # type: ignore[no-untyped-def]
    project, doc_a, doc_b = model
    code_phrase(project, doc_a, "feared judgement", "Contexts/Fears judgement")
    code_phrase(project, doc_a, "feel understood", "Mechanisms/Feels understood")
    code_phrase(project, doc_a, "They joined", "Outcomes/Takes up support")
    code_phrase(project, doc_b, "felt understood", "Mechanisms/Feels understood")
    code_phrase(project, doc_b, "By telephone", "Contexts/By telephone")
    t1 = evidence_for(project, find_theory(project, "T1"))
    assert t1.parts["context"].documents == ("A",)
    assert t1.parts["mechanism"].documents == ("A", "B")
    assert t1.parts["mechanism"].interventions == (1, 2)
    assert t1.complete_documents == ("A",)  # only A shows C, M and O together
    assert t1.total.references == 4 and t1.total.summary() == "#1, #2; 2 documents"
    t2 = evidence_for(project, find_theory(project, "T2"))
    assert t2.complete_documents == ("B",)  # a partial theory is complete with the parts it has
    table = dict(evidence_by_intervention(project))
    assert table["T1"] == {"C": (1,), "M": (1, 2), "O": (1,), "all": (1, 2)}
    assert table["T2"] == {"C": (2,), "M": (1, 2), "O": (), "all": (1, 2)}


def test_coding_the_theory_as_a_whole_evidences_every_part(model) -> None:  # type: ignore[no-untyped-def]
    project, _, doc_b = model
    code_phrase(project, doc_b, "many joined the calls", "Programme theories/Take-up/T1")
    t1 = evidence_for(project, find_theory(project, "T1"))
    assert t1.status == "supported"
    assert all(t1.parts[r].documents == ("B",) for r in ("context", "mechanism", "outcome"))
    assert t1.whole.references == 1 and t1.complete_documents == ("B",)


def test_rating_filter_changes_the_evidence(model) -> None:  # type: ignore[no-untyped-def]
    project, doc_a, _ = model
    set_evidence_rule(project, "any")  # one excerpt decides, so the filter alone is tested
    ref = code_phrase(project, doc_a, "feared judgement", "Contexts/Fears judgement")
    strict = with_minimum(NO_FILTER, min_relevance="moderate")
    assert status(project, "T1", strict) == "unsupported"  # not rated: filtered out
    rate_reference(project, ref, relevance="low")  # type: ignore[arg-type]
    assert status(project, "T1", strict) == "unsupported"
    rate_reference(project, ref, relevance="high", rigour="low")  # type: ignore[arg-type]
    assert status(project, "T1", strict) == "supported"
    assert status(project, "T1", with_minimum(NO_FILTER, min_rigour="moderate")) == "unsupported"
    assert status(project, "T1", ReferenceFilter(rigour=("low",))) == "supported"
    assert status(project, "T1") == "supported"
    with pytest.raises(InvalidInput):
        with_minimum(NO_FILTER, min_relevance="not_rated")
    with pytest.raises(InvalidInput, match="below the minimum"):
        with_minimum(ReferenceFilter(relevance=("low",)), min_relevance="high")
    assert with_minimum(ReferenceFilter(relevance=("high", "low")), "moderate").relevance == (
        "high",)


def test_document_intervention_and_topic_filters_narrow_the_evidence(model) -> None:  # type: ignore[no-untyped-def]
    project, doc_a, doc_b = model
    code_phrase(project, doc_a, "feel understood", "Mechanisms/Feels understood")
    code_phrase(project, doc_b, "felt understood", "Mechanisms/Feels understood")
    t1 = find_theory(project, "T1")
    only_b = ReferenceFilter(document_ids=(DocumentId(doc_b),))
    assert evidence_for(project, t1, only_b).total.documents == ("B",)
    by_case = evidence_for(project, t1, ReferenceFilter(case_ids=(ensure_case(project, "Home visits"),)))
    assert by_case.total.documents == ("A",)
    assert [i.theory.label for i in theory_evidence(project, ReferenceFilter(topics=("X",)))] == []


def test_demo_has_every_status(demo: Project) -> None:
    by_label = {i.theory.label: i for i in theory_evidence(demo)}
    assert by_label["T1"].status == "supported"
    assert by_label["N3"].status == "unsupported"
    assert by_label["T4"].status == "refined"
    assert by_label["N1"].status_text == "partly supported: no mechanism evidence"
    assert by_label["N2"].status_text == "partly supported: no mechanism or outcome evidence"
    assert by_label["N4"].status == "new" and by_label["N4"].is_partial
