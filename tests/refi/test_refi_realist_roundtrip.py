"""Realist data survives export → import of our own .qdpx: every realist table is compared
before and after, value by value (rows keyed by GUIDs and labels, not by the new database ids).

The project is the demo plus what the demo lacks: an intervention numbered #9, appraisals with
multi-line comments, a refinement and an initial element on a new theory, a status override
with a two-line rationale, a theory deleted (its log stays), edits with reasons, a theory
position gap, and the strict evidence rule.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from coding.cases import assign_document, ensure_case
from coding.documents import find_document
from coding.exchange.refi_export import export_qdpx
from coding.exchange.refi_import import import_qdpx
from coding.project import Project
from coding.realist.appraisal import CATEGORIES, appraise
from coding.realist.evidence import override_status, theory_evidence
from coding.realist.evidence_rule import set_evidence_rule
from coding.realist.theories import (
    add_element,
    add_theory,
    delete_theory,
    element_node,
    find_theory,
    update_theory,
)
from coding.theory_log import Journal
from storage.models import (
    APPRAISAL_CATEGORIES,
    Appraisal,
    AppraisalAnswer,
    Case,
    Document,
    Memo,
    Node,
    ProjectSetting,
    Reference,
    Theory,
    TheoryElement,
    TheoryLogEntry,
    Topic,
)


def realist_tables(project: Project) -> dict[str, Any]:
    """Every realist table, surrogate ids replaced by what they point at."""
    with project.db.reading() as s:
        node = dict(s.execute(select(Node.id, Node.guid)).all())
        doc = dict(s.execute(select(Document.id, Document.guid)).all())
        topic = dict(s.execute(select(Topic.id, Topic.name)).all())
        theory = dict(s.execute(select(Theory.id, Theory.guid)).all())
        return {
            "topics": sorted(s.execute(select(Topic.name, Topic.position)).all()),
            "theories": sorted((t.guid, t.label, topic.get(t.topic_id), t.statement, t.origin,
                                t.status_override, node.get(t.node_id), t.position,
                                t.created_at) for t in s.scalars(select(Theory))),
            "theory_elements": sorted((theory[e.theory_id], node[e.node_id], e.origin,
                                       e.position) for e in s.scalars(select(TheoryElement))),
            "theory_log": [(e.theory_guid, e.label, e.at, e.action, e.field, e.old_value,
                            e.new_value, e.detail, e.reason, e.coder) for e in s.scalars(
                                select(TheoryLogEntry).order_by(TheoryLogEntry.id))],
            "cases": sorted((c.guid, c.number, c.name, c.description)
                            for c in s.scalars(select(Case))),
            "appraisals": sorted((doc[a.document_id], a.category, a.comment, a.updated_at)
                                 for a in s.scalars(select(Appraisal))),
            "appraisal_answers": sorted((doc[a.document_id], a.question, a.answer, a.comment)
                                        for a in s.scalars(select(AppraisalAnswer))),
            "evidence_rule": s.scalar(select(ProjectSetting.value)
                                      .where(ProjectSetting.key == "evidence_rule")),
            "theory_memos": sorted((theory[m.theory_id], m.text) for m in s.scalars(
                select(Memo).where(Memo.theory_id.is_not(None))) if m.text),
            "ratings": sorted((r.guid, r.relevance, r.rigour, r.rating_note)
                              for r in s.scalars(select(Reference))),
        }


@pytest.fixture
def realist_project(demo_path: Path) -> Path:
    with Project.open(demo_path) as p:
        helpline = ensure_case(p, "Helpline", number=9)
        assign_document(p, find_document(p, "03_Circle_groups_report"), helpline)
        appraise(p, find_document(p, "01_Harbour_peer_visits_evaluation"), "qualitative",
                 {"S1": "yes", "1.2": ("no", "Two focus groups\nonly"), "1.4": "cant_tell"},
                 comment="Evaluation by the provider:\n  a possible bias")
        n4 = find_theory(p, "N4")
        add_element(p, n4, element_node(p, "outcome", "Stops calling", "initial"), "initial")
        override_status(p, find_theory(p, "N2"), "partial", "Context only.\nSee Circle notes")
        update_theory(p, find_theory(p, "T3"), statement="If a peer shares her story, mothers "
                      "feel less alone.", journal=Journal(reason="Harbour and Circle agree"))
        add_theory(p, "T9", topic="Mismatch", statement="Placeholder")
        delete_theory(p, find_theory(p, "N3"), Journal(reason="never evidenced"))
        set_evidence_rule(p, "strict")
    return demo_path


def test_every_realist_table_survives_the_round_trip(realist_project: Path, tmp_path: Path) -> None:
    with Project.open(realist_project) as original:
        before = realist_tables(original)
        evidence = [(i.theory.label, i.status_text, i.rationale) for i in theory_evidence(original)]
        summary = export_qdpx(original, tmp_path / "out.qdpx")
    assert (9, "Helpline") in [row[1:3] for row in before["cases"]] and before["theory_log"]
    assert any(row[3] == "deleted" for row in before["theory_log"])
    assert summary.not_exported == ("page numbers and document bibliographic fields "
                                    "(no REFI element)",)
    imported = import_qdpx(tmp_path / "out.qdpx", tmp_path / "back.realist")
    assert imported.not_imported == ()
    with Project.open(tmp_path / "back.realist") as back:
        after = realist_tables(back)
        for table, rows in before.items():
            assert after[table] == rows, table
        assert [(i.theory.label, i.status_text, i.rationale)
                for i in theory_evidence(back)] == evidence


def test_other_tools_see_readable_notes_and_a_variable(realist_project: Path,
                                                      tmp_path: Path) -> None:
    import zipfile

    with Project.open(realist_project) as p:
        export_qdpx(p, tmp_path / "out.qdpx")
    with zipfile.ZipFile(tmp_path / "out.qdpx") as zf:
        qde = zf.read("project.qde").decode("utf-8")
    assert 'name="Intervention number (Realist Coder)" typeOfVariable="Integer"' in qde
    assert "<IntegerValue>9</IntegerValue>" in qde
    assert "Category: qualitative" in qde and "1.2 comment: Two focus groups\n  only" in qde
    assert "Evidence rule: strict\nName: whole configuration in one document" in qde
    assert "Refinement (added during coding): Trust builds over weeks {" in qde
    assert "Action: deleted" in qde and "Reason: never evidenced" in qde


def test_a_hand_edited_note_that_does_not_parse_stays_a_memo(realist_project: Path,
                                                            tmp_path: Path) -> None:
    import zipfile

    with Project.open(realist_project) as p:
        export_qdpx(p, tmp_path / "out.qdpx")
    edited = tmp_path / "edited.qdpx"
    with zipfile.ZipFile(tmp_path / "out.qdpx") as src, zipfile.ZipFile(edited, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            if name == "project.qde":
                data = data.replace(b"Category: qualitative", b"Category: ethnography")
                data = data.replace(b"Action: deleted", b"Action: vanished")
            dst.writestr(name, data)
    summary = import_qdpx(edited, tmp_path / "back.realist")
    assert any("unknown study design" in item for item in summary.not_imported)
    assert any("no readable time or action" in item for item in summary.not_imported)
    with Project.open(tmp_path / "back.realist") as back:
        tables = realist_tables(back)
    assert [a[1] for a in tables["appraisals"]] == ["mixed_methods"]  # the other one was kept
    assert all(row[3] != "vanished" for row in tables["theory_log"])


def test_the_core_knows_every_mmat_design() -> None:
    assert tuple(CATEGORIES) == APPRAISAL_CATEGORIES


def test_case_numbers_from_the_file_or_else_the_next_free_one() -> None:
    from coding.exchange.refi_realist import CASE_NUMBER_VARIABLE
    from coding.exchange.refi_store import _case_numbers
    from importers.refi_model import QdaCase, QdaValue, QdaVariable

    number = QdaVariable("v1", CASE_NUMBER_VARIABLE, "Integer")
    other = QdaVariable("v2", "Country", "Text")

    def case(value: str | None, guid: str = "v1") -> QdaCase:
        return QdaCase(f"c{value}", "x", values=[QdaValue(guid, value)] if value else [])

    cases = [case(None), case("9"), case("2"), case("9"), case("abc"), case("3", "v2")]
    assert _case_numbers(cases, [number, other]) == [1, 9, 2, 3, 4, 5]  # no clash, none lost
    assert _case_numbers(cases, [other]) == [1, 2, 3, 4, 5, 6]  # another tool's file
