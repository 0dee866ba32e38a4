"""Resolving a disagreement: keep A's, keep B's, keep both — then the row agrees; undo puts
back every reference and memo exactly; redo gives the same ids."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from coding.ids import CoderId, NodeId
from coding.memos import get_memo, set_memo
from coding.nodes import add_node
from coding.project import Project
from coding.references import references_for_node
from coding.review.comparison import compare_coders
from coding.review.resolution import redo_resolution, resolve, undo_resolution
from tests.coding.two_coders import ANA, BEN, as_coder, code_as
from tests.conftest import add_text_document

TEXT = "".join(chr(ord("a") + i % 26) for i in range(100))


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, int, NodeId, int, int]:
    """Ana codes [0,20) and [40,60); Ben codes [10,30) and [40,60); a memo on Ben's [10,30)."""
    path = tmp_path / "p.realist"
    with Project.create(path, coder=ANA) as p:
        doc = add_text_document(p, tmp_path, "doc1", TEXT)
        node = add_node(p, "Fear")
    a = code_as(path, ANA, doc, node, (0, 20), (40, 60))
    b = code_as(path, BEN, doc, node, (10, 30), (40, 60))
    with as_coder(path, BEN) as p:
        ref = next(r for r in references_for_node(p, node) if r.coder_id == b and r.start == 10)
        set_memo(p, "reference", ref.id, "Ben: fear of family")
    return path, doc, node, a, b


def _spans(p: Project, node: NodeId) -> dict[int | None, list[tuple[int, int]]]:
    out: dict[int | None, list[tuple[int, int]]] = {}
    for r in references_for_node(p, node):
        out.setdefault(r.coder_id, []).append((r.start, r.end))
    return {c: sorted(v) for c, v in out.items()}


def _tables(path: Path) -> dict[str, list[tuple[object, ...]]]:
    con = sqlite3.connect(path)
    try:
        return {t: sorted(con.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr)
                for t in ("references", "memos")}
    finally:
        con.close()


def _kappa(p: Project, a: int, b: int) -> float:
    return next(r.kappa for r in compare_coders(p, CoderId(a), CoderId(b)).rows
                if r.document_id is not None)


@pytest.mark.parametrize(("keep", "expected"), [
    ("a", [(0, 20), (40, 60)]),
    ("b", [(10, 30), (40, 60)]),
    ("both", [(0, 30), (40, 60)]),
])
def test_each_resolution_agrees_and_undoes_exactly(setup, keep, expected) -> None:  # type: ignore[no-untyped-def]
    path, doc, node, a, b = setup
    before = _tables(path)
    with as_coder(path, ANA) as p:
        assert _kappa(p, a, b) < 1
        done = resolve(p, doc, node, CoderId(a), CoderId(b), keep)
        assert _spans(p, node) == {a: expected, b: expected}
        assert _kappa(p, a, b) == 1.0
        after = _tables(path)
        undo_resolution(p, done)
    assert _tables(path) == before  # same ids, same memos
    with as_coder(path, ANA) as p:
        redo_resolution(p, done)
    assert _tables(path) == after


def test_a_memo_on_a_reference_that_goes_is_carried_not_lost(setup) -> None:  # type: ignore[no-untyped-def]
    path, doc, node, a, b = setup
    with as_coder(path, ANA) as p:
        resolve(p, doc, node, CoderId(a), CoderId(b), "both")  # Ben's [10,30) -> [0,30)
        ben_new = next(r for r in references_for_node(p, node) if r.coder_id == b and r.start == 0)
        assert get_memo(p, "reference", ben_new.id) == "Ben: fear of family"


def test_a_carried_memo_keeps_its_identity(setup) -> None:  # type: ignore[no-untyped-def]
    """The memo moves with its GUID: merging Ben's copy of the project again later finds it as
    the memo it already has, not as a second one."""
    path, doc, node, a, b = setup
    con = sqlite3.connect(path)
    try:
        (guid,) = con.execute("SELECT guid FROM memos WHERE reference_id IS NOT NULL").fetchone()
    finally:
        con.close()
    with as_coder(path, ANA) as p:
        resolve(p, doc, node, CoderId(a), CoderId(b), "both")
        ben_new = next(r for r in references_for_node(p, node) if r.coder_id == b and r.start == 0)
    con = sqlite3.connect(path)
    try:
        assert con.execute("SELECT reference_id FROM memos WHERE guid = ?", (guid,)).fetchone() \
            == (ben_new.id,)
    finally:
        con.close()


def test_a_memo_on_an_excerpt_set_aside_goes_to_the_node_memo(setup) -> None:  # type: ignore[no-untyped-def]
    path, doc, node, a, b = setup
    code_as(path, BEN, doc, node, (70, 80))  # only Ben saw this
    with as_coder(path, BEN) as p:
        ref = next(r for r in references_for_node(p, node) if r.start == 70)
        set_memo(p, "reference", ref.id, "Ben: only here")
        set_memo(p, "node", node, "Node thoughts.")
    with as_coder(path, ANA) as p:
        done = resolve(p, doc, node, CoderId(a), CoderId(b), "a")
        memo = get_memo(p, "node", node)
        assert memo.startswith("Node thoughts.")
        assert f"Ben Okafor's memo on an excerpt set aside in a resolution, “{TEXT[70:80]}”" in memo
        assert memo.endswith("Ben: only here")
        ben_copy = next(r for r in references_for_node(p, node) if r.coder_id == b and r.start == 0)
        assert get_memo(p, "reference", ben_copy.id) == "Ben: fear of family"
        undo_resolution(p, done)
        assert get_memo(p, "node", node) == "Node thoughts."


def test_resolution_refuses_bad_input(setup) -> None:  # type: ignore[no-untyped-def]
    from coding.errors import InvalidInput, NotFound

    path, doc, node, a, b = setup
    with as_coder(path, ANA) as p:
        with pytest.raises(InvalidInput):
            resolve(p, doc, node, CoderId(a), CoderId(b), "mine")
        with pytest.raises(NotFound):
            resolve(p, doc, node, CoderId(a), CoderId(999), "a")
