"""Every status under every evidence rule, on a hand-built project whose answers are known.

Three documents: D1 (intervention #1), D2 (#2), D3 (none). Each theory below is coded so that
one rule-dependent question has an obvious answer; the table says what each rule must make of
it, in the words the researcher reads.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from coding.cases import assign_document, ensure_case
from coding.documents import document_text
from coding.errors import InvalidInput
from coding.ids import DocumentId
from coding.nodes import add_node, find_node
from coding.project import Project
from coding.realist.evidence import theory_evidence
from coding.realist.evidence_rule import (
    DEFAULT_RULE,
    RULES,
    evidence_rule,
    set_evidence_rule,
)
from coding.realist.theories import add_element, add_theory, element_node, find_theory
from coding.references import code
from coding.review.spans import find_phrase
from tests.conftest import add_text_document

D1 = "Mothers feared judgement. She understood me. They joined the visits. Trust took weeks."
D2 = "On the phone they felt less exposed. In a large group she compared herself. Rural mothers."
D3 = "Her family shamed her. She hid her feelings and left the programme."

# label -> what the rule makes of it: strict, parts, any
EXPECTED = {
    "A": ("supported", "supported", "supported"),  # C, M, O all in D1
    "B": ("partly supported: no document shows the whole configuration",  # C, O in D1; M in D2
          "supported", "supported"),
    "C": ("partly supported: no mechanism or outcome evidence",  # only the context, in D2
          "partly supported: no mechanism or outcome evidence", "supported"),
    "D": ("unsupported", "unsupported", "unsupported"),  # nothing coded
    "E": ("new — no evidence yet", "new — no evidence yet", "new — no evidence yet"),
    "F": ("new — partly supported: no mechanism evidence",  # new; only its context coded
          "new — partly supported: no mechanism evidence", "new"),
    "G": ("partly supported: no evidence for mechanism 'Trust builds'",  # A + an uncoded
          "partly supported: no evidence for mechanism 'Trust builds'",  # refinement
          "supported"),
    "H": ("supported", "supported", "supported"),  # coded to the theory as a whole, in D2
    "I": ("supported", "supported", "supported"),  # its context only through a child node
    "J": ("partly supported: no evidence for context 'Barriers'",  # one of two contexts
          "partly supported: no evidence for context 'Barriers'", "supported"),
}


def code_phrase(project: Project, doc: int, phrase: str, node: str) -> None:
    start, end = find_phrase(document_text(project, DocumentId(doc)), phrase)
    code(project, DocumentId(doc), start, end, [find_node(project, node)])


@pytest.fixture
def known(empty_project: Project, tmp_path: Path) -> Project:
    p = empty_project
    d1, d2, d3 = (add_text_document(p, tmp_path, name, text)
                  for name, text in (("D1", D1), ("D2", D2), ("D3", D3)))
    assign_document(p, DocumentId(d1), ensure_case(p, "Home visits"))
    assign_document(p, DocumentId(d2), ensure_case(p, "Phone"))

    def theory(label: str, c: list[str], m: list[str], o: list[str], origin: str = "initial") -> None:
        add_theory(p, label, topic="Take-up", contexts=c, mechanisms=m, outcomes=o, origin=origin)

    theory("A", ["Fear"], ["Understood"], ["Joins"])
    theory("B", ["Phone"], ["Less exposed"], ["Joins"])
    theory("C", ["Large group"], ["Compares"], ["Withdraws"])
    theory("D", ["Unsupervised"], ["Drifts"], ["Feels worse"])
    theory("E", ["Pleases supporter"], ["Masks"], [], origin="new")
    theory("F", ["Rural"], ["Conceals"], [], origin="new")
    theory("G", ["Fear"], ["Understood"], ["Joins"])
    add_element(p, find_theory(p, "G"), element_node(p, "mechanism", "Trust builds", "new"))
    theory("H", ["Shame"], ["Hides"], ["Leaves"])
    theory("I", ["Stigma"], ["Hides"], ["Leaves"])
    theory("J", ["Rural", "Barriers"], ["Less exposed"], ["Compares"])
    add_node(p, "Contexts/Stigma/Family shames her")  # no role: it counts for its parent
    for doc, phrase, node in (
        (d1, "feared judgement", "Contexts/Fear"), (d1, "understood me", "Mechanisms/Understood"),
        (d1, "joined the visits", "Outcomes/Joins"), (d1, "Mothers feared", "Contexts/Phone"),
        (d2, "felt less exposed", "Mechanisms/Less exposed"),
        (d2, "In a large group", "Contexts/Large group"), (d2, "Rural mothers", "Contexts/Rural"),
        (d2, "compared herself", "Outcomes/Compares"),
        (d2, "On the phone", "Programme theories/Take-up/H"),
        (d3, "family shamed her", "Contexts/Stigma/Family shames her"),
        (d3, "hid her feelings", "Mechanisms/Hides"), (d3, "left the programme", "Outcomes/Leaves"),
    ):
        code_phrase(p, doc, phrase, node)
    return p


def texts(project: Project) -> dict[str, str]:
    return {i.theory.label: i.status_text for i in theory_evidence(project)}


@pytest.mark.parametrize("rule", RULES)
def test_each_status_under_each_rule(known: Project, rule: str) -> None:
    set_evidence_rule(known, rule)
    assert evidence_rule(known) == rule
    column = RULES.index(rule)
    assert texts(known) == {label: answers[column] for label, answers in EXPECTED.items()}


@pytest.mark.parametrize("rule", RULES)
def test_a_refinement_counts_once_its_own_element_is_evidenced(known: Project, rule: str) -> None:
    set_evidence_rule(known, rule)
    code_phrase(known, DocumentId(1), "Trust took weeks", "Mechanisms/Trust builds")
    item = next(i for i in theory_evidence(known) if i.theory.label == "G")
    assert (item.status, item.status_text, item.missing) == ("refined", "refined", ())


def test_the_default_rule_and_bad_rules(known: Project) -> None:
    assert evidence_rule(known) == DEFAULT_RULE == "parts"
    known.set_setting("evidence_rule", "nonsense")  # a hand-edited file reads as the default
    assert evidence_rule(known) == "parts"
    with pytest.raises(InvalidInput, match="strict, parts, any"):
        set_evidence_rule(known, "loose")


def test_whole_configuration_documents_need_every_element(known: Project) -> None:
    by_label = {i.theory.label: i for i in theory_evidence(known)}
    assert by_label["A"].complete_documents == ("D1",)
    assert by_label["B"].complete_documents == ()
    assert by_label["H"].complete_documents == ("D2",)  # the whole theory, in D2
    assert by_label["I"].complete_documents == ("D3",)  # through the child node
    assert by_label["I"].parts["context"].documents == ("D3",)
    assert [e.name for e in by_label["J"].missing] == ["Barriers"]


def test_first_evidence_is_the_earliest_coding_and_its_document(known: Project) -> None:
    by_label = {i.theory.label: i for i in theory_evidence(known)}
    joins = next(e for e in by_label["B"].theory.elements if e.name == "Joins")
    sources = by_label["B"].elements[joins.node_id]
    assert sources.first_document == "D1" and sources.first_coded is not None
    exposed = next(e for e in by_label["B"].theory.elements if e.name == "Less exposed")
    assert by_label["B"].elements[exposed.node_id].first_coded >= sources.first_coded  # type: ignore[operator]
    assert by_label["D"].total.first_coded is None
