"""Coverage table, theory rows, aggregation, filters and the per-document summary: exact numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from coding.errors import InvalidInput
from coding.filters import ReferenceFilter
from coding.nodes import add_node
from coding.project import Project
from coding.ratings import rate_reference
from coding.references import code, references_for_node
from coding.review.coverage import coverage_table, document_summary
from tests.coding.review_project import build_known, known_file
from tests.coding.test_cli import assert_one_line_failure
from tests.conftest import add_text_document, run_cli


def test_node_rows_count_references_documents_interventions_and_percent(
    empty_project: Project, tmp_path: Path
) -> None:
    p = empty_project
    build_known(p, tmp_path)
    rows = {r.label: r for r in coverage_table(p)}
    fear = rows["Contexts/Fear"]
    assert (fear.references, fear.documents, fear.cases, fear.characters) == (2, 1, 1, 70)
    assert fear.percent == 35.0  # 70 of d1's 200
    assert rows["Other"].percent == 30.0  # 15 of d2's 50
    assert not rows["Contexts"].has_evidence  # a folder with no references of its own
    summed = {r.label: r for r in coverage_table(p, aggregate=True)}
    assert (summed["Contexts"].references, summed["Contexts"].characters) == (2, 70)
    # Programme theories holds T1's own node only; Contexts/Mechanisms are separate folders
    assert summed["Programme theories"].characters == 10


def test_theory_rows_union_own_node_and_elements(empty_project: Project, tmp_path: Path) -> None:
    p = empty_project
    build_known(p, tmp_path)
    (t1,) = coverage_table(p, rows="theories")
    assert (t1.label, t1.topic) == ("T1", "Take-up")
    # 5 references; d1 union [0,60)+[100,120) = 80 chars, d2 [0,10) = 10; 90 of 250
    assert (t1.references, t1.documents, t1.cases, t1.characters, t1.percent) == (5, 2, 2, 90, 36.0)


def test_filters_narrow_rows_and_references(empty_project: Project, tmp_path: Path) -> None:
    p = empty_project
    k = build_known(p, tmp_path)
    first = references_for_node(p, k.fear)[0]
    rate_reference(p, first.id, relevance="high")
    high = {r.label: r for r in coverage_table(p, flt=ReferenceFilter(relevance=("high",)))}
    assert high["Contexts/Fear"].references == 1 and high["Contexts/Fear"].characters == 50
    assert high["Other"].references == 0
    inductive = coverage_table(p, flt=ReferenceFilter(origins=("inductive",)))
    assert [(r.label, r.references) for r in inductive] == [("Other", 1)]
    assert [r.label for r in coverage_table(p, rows="theories",
                                            flt=ReferenceFilter(origins=("initial",)))] == ["T1"]
    assert coverage_table(p, rows="theories", flt=ReferenceFilter(origins=("new",))) == []
    roles = coverage_table(p, flt=ReferenceFilter(roles=("mechanism",)))
    assert [r.label for r in roles] == ["Mechanisms/Understood"]
    topic = {r.label for r in coverage_table(p, flt=ReferenceFilter(topics=("Take-up",)))}
    assert topic == {"Programme theories/Take-up/T1", "Contexts/Fear", "Mechanisms/Understood"}
    by_case = {r.label: r for r in coverage_table(p, flt=ReferenceFilter(case_ids=(2,)))}
    assert by_case["Other"].references == 1 and by_case["Contexts/Fear"].references == 0
    ordered = coverage_table(p, sort="characters", descending=True)
    assert ordered[0].label == "Contexts/Fear"
    with pytest.raises(InvalidInput):
        coverage_table(p, sort="colour")
    with pytest.raises(InvalidInput):
        ReferenceFilter(relevance=("superb",))


def test_document_summary_lists_nodes_and_amounts(empty_project: Project, tmp_path: Path) -> None:
    p = empty_project
    k = build_known(p, tmp_path)
    summary = {s.path: s for s in document_summary(p, k.d1)}
    assert set(summary) == {"Contexts/Fear", "Mechanisms/Understood"}
    assert (summary["Contexts/Fear"].references, summary["Contexts/Fear"].percent) == (2, 35.0)
    assert summary["Mechanisms/Understood"].characters == 40
    assert document_summary(p, k.d3) == []


def test_coverage_command_filters_sorts_and_flags_empty(tmp_path: Path) -> None:
    path = known_file(tmp_path)
    cov = run_cli("coverage", path, "--sort", "characters", "--desc")
    assert cov.code == 0, cov.err
    lines = cov.out.splitlines()
    assert lines[0].split("\t") == ["node", "role", "origin", "references", "documents",
                                    "interventions", "characters", "percent"]
    assert lines[1] == "Contexts/Fear\tcontext\tdeductive\t2\t1\t1\t70\t35.0"
    theories = run_cli("coverage", path, "--rows", "theories").out.splitlines()
    assert theories[1] == "T1\tTake-up\tinitial\t5\t2\t2\t90\t36.0"
    inductive = run_cli("coverage", path, "--origin", "inductive").out.splitlines()
    assert inductive[1:] == ["Other\tnone\tinductive\t1\t1\t1\t15\t30.0"]
    empty = run_cli("coverage", path, "--empty", "--role", "context").out.splitlines()
    assert [line.split("\t")[0] for line in empty[1:]] == []
    folders = run_cli("coverage", path, "--empty").out.splitlines()
    assert "Contexts" in [line.split("\t")[0] for line in folders[1:]]
    narrowed = run_cli("coverage", path, "--intervention", "#2", "--csv", tmp_path / "c.csv")
    assert narrowed.code == 0, narrowed.err
    text = (tmp_path / "c.csv").read_text(encoding="utf-8")
    assert "Other,none,inductive,1,1,1,15,30.0" in text
    assert "Contexts/Fear,context,deductive,0,0,0,0,0.0" in text
    by_doc = run_cli("coverage", path, "--by", "document").out.splitlines()
    assert by_doc[0].split("\t") == ["node", "document", "references", "documents",
                                      "characters", "percent"]
    assert "Contexts/Fear\td1\t2\t1\t70\t35.0" in by_doc
    assert "Mechanisms/Understood\td1\t2\t1\t40\t20.0" in by_doc
    assert len(by_doc) == 1 + 4  # Fear, Understood, T1, Other: only cells with evidence
    by_case = run_cli("coverage", path, "--by", "case", "--aggregate").out.splitlines()
    assert "Contexts\t#1 Scheme one\t2\t1\t70\t23.33" in by_case  # 70 of d1 + d3 = 300
    assert "Other\t#2 Scheme two\t1\t1\t15\t30.0" in by_case
    doc = run_cli("document-coverage", path, "d1")
    assert "Contexts/Fear\tcontext\t2\t70\t35.0\t" in doc.out
    assert_one_line_failure(run_cli("coverage", path, "--intervention", "#9"), "#9")
    assert_one_line_failure(run_cli("coverage", path, "--node", "Nope"), "Nope")
    assert_one_line_failure(run_cli("coverage", path, "--rows", "theories", "--by", "case"),
                            "matrix")


def test_document_summary_folds_children_into_parents(empty_project: Project, tmp_path: Path) -> None:
    p = empty_project
    k = build_known(p, tmp_path)
    summary = {s.path: s for s in document_summary(p, k.d1, aggregate=True)}
    assert (summary["Contexts"].references, summary["Contexts"].characters) == (2, 70)
    assert summary["Mechanisms"].percent == 20.0


def test_node_filter_shows_only_those_rows(empty_project: Project, tmp_path: Path) -> None:
    p = empty_project
    k = build_known(p, tmp_path)
    contexts = {r.label: r.references for r in coverage_table(
        p, flt=ReferenceFilter(node_ids=(k.fear, k.other)), aggregate=True)}
    assert contexts == {"Contexts/Fear": 2, "Other": 1}


def test_union_of_overlapping_children_matches_brute_force(
    empty_project: Project, tmp_path: Path
) -> None:
    """Folded-in children overlap each other; characters must be the union, not the sum."""
    import random

    p = empty_project
    rng = random.Random(3)
    docs = [add_text_document(p, tmp_path, f"r{i}", "w" * 1000) for i in range(2)]
    children = [add_node(p, f"Parent/C{i}") for i in range(3)]
    covered: dict[int, set[int]] = {d: set() for d in docs}
    for _ in range(60):
        doc, start = rng.choice(docs), rng.randrange(0, 950)
        end = start + rng.randint(1, 50)
        code(p, doc, start, end, [rng.choice(children)])
        covered[doc].update(range(start, end))
    parent = {r.label: r for r in coverage_table(p, aggregate=True)}["Parent"]
    assert parent.characters == sum(len(c) for c in covered.values())
    assert parent.percent == round(100 * parent.characters / 2000, 2)
