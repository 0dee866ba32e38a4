"""Deleting an intervention: its documents stay (in none), its values and memo go, and an undo
puts every row back as it was; the same from the command line."""

from __future__ import annotations

from pathlib import Path

from coding.attributes import attribute_values
from coding.case_delete import delete_case, restore_case_deleted
from coding.cases import document_cases, find_case, list_cases
from coding.memos import get_memo, set_memo
from coding.project import Project
from coding.realist.evidence import theory_evidence
from tests.conftest import run_cli


def test_delete_an_intervention_then_put_it_back_exactly(demo: Project) -> None:
    case_id = find_case(demo, "#1")
    set_memo(demo, "case", case_id, "Ran in two harbours only.")
    before = (list_cases(demo), document_cases(demo), attribute_values(demo, "case"),
              [(t.theory.label, t.total.interventions) for t in theory_evidence(demo)])
    members = sorted(d for d, c in before[1].items() if c == case_id)
    assert members and before[2][case_id]  # the demo's #1 has documents and attribute values

    deleted = delete_case(demo, case_id)
    assert sorted(deleted.documents) == members
    assert case_id not in {c.id for c in list_cases(demo)}
    assert all(document_cases(demo)[d] is None for d in members)  # kept, in no intervention
    assert case_id not in attribute_values(demo, "case")
    memos = dict(deleted.rows)["memos"]
    assert [m["text"] for m in memos] == ["Ran in two harbours only."]  # kept to undo
    assert get_memo(demo, "case", case_id) == ""
    assert all(1 not in t.total.interventions for t in theory_evidence(demo))
    assert deleted.kept_note.startswith(f"; {len(members)} document")

    restore_case_deleted(demo, deleted)
    assert (list_cases(demo), document_cases(demo), attribute_values(demo, "case"),
            [(t.theory.label, t.total.interventions) for t in theory_evidence(demo)]) == before
    assert get_memo(demo, "case", case_id) == "Ran in two harbours only."


def test_case_delete_on_the_command_line(demo_path: Path) -> None:
    result = run_cli("case", "delete", demo_path, "#2")
    assert result.code == 0, result.err
    assert result.out.startswith("deleted intervention #2 ")
    assert "#2" not in run_cli("case", "list", demo_path).out.split()
    missing = run_cli("case", "delete", demo_path, "#2")
    assert missing.code != 0 and "#2" in (missing.err + missing.out)
