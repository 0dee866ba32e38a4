"""A model import (or a codebook's) taken back leaves the project exactly as it found it, and done again puts
back the same rows with the same ids."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from coding import import_undo
from coding.errors import RealistError
from coding.history import row_dicts, table_of
from coding.memos import set_memo
from coding.nodes import add_node, find_node, get_node
from coding.project import Project
from coding.realist.model_csv import import_model
from coding.realist.theories import add_theory, list_theories
from coding.references import code
from storage.models import Node, Theory, TheoryElement, TheoryLogEntry, Topic
from tests.conftest import add_text_document

HEADER = "label,topic,statement,contexts,mechanisms,outcomes\n"


def _everything(project: Project) -> dict[str, Any]:
    with project.db.reading() as s:
        return {m.__tablename__: sorted(row_dicts(s, table_of(m), True), key=repr)
                for m in (Topic, Node, Theory, TheoryElement, TheoryLogEntry)}


def test_take_back_and_put_back_an_import(empty_project: Project, tmp_path: Path) -> None:
    p = empty_project
    rural = add_node(p, "Contexts/Rural")  # there before, with no role: the import gives one
    joins = add_node(p, "Outcomes/Joins", role="outcome")  # shared with the model's T1
    add_theory(p, "T0", topic="Take-up", statement="there before", element_nodes=[joins])
    sheet = tmp_path / "model.csv"
    sheet.write_text(HEADER + 'T1,Take-up,"If A, then B",Rural; Alone,Feels safe,Joins\n'
                     "T2,Impact,,Rural,,Hope\n", encoding="utf-8")
    was = _everything(p)
    before = import_undo.before(p)
    import_model(p, sheet)
    added = import_undo.added_since(p, before)
    after = _everything(p)
    assert len(dict(added.rows)["theories"]) == 2
    assert get_node(p, rural).role == "context"
    assert added.roles == ((rural, "none", "context"),)

    import_undo.take_back(p, added)
    assert _everything(p) == was
    assert get_node(p, rural).role == "none"

    import_undo.put_back(p, added)
    assert _everything(p) == after  # the same rows, the same ids
    assert [t.label for t in list_theories(p)] == ["T0", "T1", "T2"]
    assert find_node(p, "Contexts/Alone") == next(
        r["id"] for r in after["nodes"] if r["name"] == "Alone")
    with p.db.reading() as s:
        assert s.scalar(select(Theory.label).where(Theory.label == "T2")) == "T2"


def test_nothing_is_taken_back_once_its_nodes_have_coding(empty_project: Project, tmp_path: Path) -> None:
    p = empty_project
    sheet = tmp_path / "model.csv"
    sheet.write_text(HEADER + "T1,Take-up,,Rural,Feels safe,Joins\n", encoding="utf-8")
    before = import_undo.before(p)
    import_model(p, sheet)
    added = import_undo.added_since(p, before)
    doc = add_text_document(p, tmp_path, "notes", "Mothers in rural areas felt safe.")
    code(p, doc, 0, 10, [find_node(p, "Contexts/Rural")])  # coded since, not by the app's undo
    after = _everything(p)
    with pytest.raises(RealistError, match="excerpts or memos"):
        import_undo.take_back(p, added)
    assert _everything(p) == after


def test_a_model_of_hundreds_of_theories_goes_and_comes_back_whole(empty_project: Project,
                                                                    tmp_path: Path) -> None:
    p = empty_project  # more rows than one batch of the undo's statements (500)
    sheet = tmp_path / "model.csv"
    sheet.write_text(HEADER + "".join(f"T{i},Topic {i % 7},,Context {i},Mechanism {i},\n"
                                      for i in range(600)), encoding="utf-8")
    was = _everything(p)
    before = import_undo.before(p)
    import_model(p, sheet)
    added = import_undo.added_since(p, before)
    after = _everything(p)
    import_undo.take_back(p, added)
    assert _everything(p) == was
    import_undo.put_back(p, added)
    assert _everything(p) == after


def test_a_memo_typed_then_taken_back_does_not_hold_the_import(empty_project: Project,
                                                                tmp_path: Path) -> None:
    p = empty_project
    existing = add_node(p, "Notes")  # its id may be a new theory's: each is checked apart
    set_memo(p, "node", existing, "a memo on a node that was there before")
    sheet = tmp_path / "model.csv"
    sheet.write_text(HEADER + "T1,Take-up,,Rural,Feels safe,Joins\n", encoding="utf-8")
    was = _everything(p)
    before = import_undo.before(p)
    import_model(p, sheet)
    added = import_undo.added_since(p, before)
    rural = find_node(p, "Contexts/Rural")
    set_memo(p, "node", rural, "typed")
    set_memo(p, "node", rural, "")  # the memo's own undo: the row stays, empty
    import_undo.take_back(p, added)
    assert _everything(p) == was
