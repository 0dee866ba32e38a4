"""Coding with two coders in one file: each coder's references merge only with their own; a
stripe's uncode, a recode, a rating and a memo each keep or record who."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from coding.ids import NodeId
from coding.memos import set_memo
from coding.nodes import add_node
from coding.project import Project
from coding.ratings import rate_reference, restore_rating
from coding.references import code, recode, references_for_node, uncode
from tests.coding.two_coders import ANA, BEN, as_coder, code_as
from tests.conftest import add_text_document

TEXT = "".join(chr(ord("a") + i % 26) for i in range(100))


def _setup(tmp_path: Path) -> tuple[Path, int, NodeId, NodeId]:
    path = tmp_path / "p.realist"
    with Project.create(path, coder=ANA) as p:
        doc = add_text_document(p, tmp_path, "doc1", TEXT)
        fear, trust = add_node(p, "Fear"), add_node(p, "Trust")
    return path, doc, fear, trust


def _spans(p: Project, node: NodeId) -> set[tuple[int | None, int, int]]:
    return {(r.coder_id, r.start, r.end) for r in references_for_node(p, node)}


def test_a_colleagues_coding_of_the_same_or_touching_words_stays_theirs(tmp_path: Path) -> None:
    path, doc, fear, _ = _setup(tmp_path)
    a = code_as(path, ANA, doc, fear, (10, 30))
    with as_coder(path, BEN) as p:
        b = p.coder_id
        same = code(p, doc, 10, 30, [fear])
        touching = code(p, doc, 30, 40, [fear])  # touches Ben's own: merges with it only
        assert same.removed == () and len(touching.removed) == 1
        assert _spans(p, fear) == {(a, 10, 30), (b, 10, 40)}
        gone = uncode(p, doc, 0, 100, [fear], coder_ids=[b])  # Ben's stripe, Ben's coding
        assert _spans(p, fear) == {(a, 10, 30)} and len(gone.removed) == 1


def test_recode_keeps_the_coder_and_ratings_and_memos_record_theirs(tmp_path: Path) -> None:
    path, doc, fear, trust = _setup(tmp_path)
    a = code_as(path, ANA, doc, fear, (10, 30))
    with as_coder(path, BEN) as p:
        b = p.coder_id
        ref = references_for_node(p, fear)[0]
        moved = recode(p, ref.id, trust)
        assert [r.coder_id for r in moved.created] == [a]  # Ana's excerpt, whoever moved it
        before, after = rate_reference(p, moved.created[0].id, relevance="high")
        assert (before.rated_by_id, after.rated_by_id) == (None, b)
        restore_rating(p, before)
        assert references_for_node(p, trust)[0].rated_by_id is None
        set_memo(p, "node", trust, "Ben's note")
    con = sqlite3.connect(path)
    assert con.execute("SELECT coder_id FROM memos").fetchall() == [(b,)]
    con.close()


def test_a_node_merge_keeps_a_colleagues_coding_of_words_already_coded_on_the_target(
        tmp_path: Path) -> None:
    from coding.nodes import merge_nodes

    path, doc, fear, trust = _setup(tmp_path)
    a = code_as(path, ANA, doc, trust, (10, 30))
    code_as(path, ANA, doc, fear, (10, 30))  # Ana's duplicate: merged away
    b = code_as(path, BEN, doc, fear, (10, 30))  # Ben's coding of the same words: his
    with Project.open(path) as p:
        merge_nodes(p, fear, trust)
        assert _spans(p, trust) == {(a, 10, 30), (b, 10, 30)}
