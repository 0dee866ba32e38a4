"""An excerpt's memo and rating go where its words go - through merging, trimming, splitting,
recoding and deleting - and undo and redo put every row back exactly."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from coding.memos import get_memo, set_memo
from coding.nodes import add_node
from coding.project import Project
from coding.ratings import rate_reference
from coding.reference_undo import redo_coding, undo_coding
from coding.references import (
    CodingResult,
    code,
    delete_references,
    recode,
    references_for_node,
    uncode,
)
from tests.coding.test_merge_undo import dump as dump_all
from tests.conftest import add_text_document

TEXT = "Mothers said the group made them feel understood, and less alone at night."


def _memos(p: Project, node: int) -> list[tuple[int, int, str]]:
    return [(r.start, r.end, get_memo(p, "reference", r.id)) for r in references_for_node(p, node)]


def dump(p: Project) -> dict[str, list[tuple[object, ...]]]:
    """Every row, but the tombstones of deleted references: an undo deletes the references
    the action made, and says so for a later project merge."""
    rows = dump_all(p)
    del rows["deleted_references"]
    return rows


def _round_trip(p: Project, action: Callable[[], CodingResult]) -> CodingResult:
    """Do it, undo it (exactly as before), redo it (exactly as done)."""
    before = dump(p)
    result = action()
    done = dump(p)
    undo_coding(p, result)
    assert dump(p) == before
    redo_coding(p, result)
    assert dump(p) == done
    return result


def _project(tmp_path: Path, empty_project: Project) -> tuple[Project, int, int, int]:
    doc = add_text_document(empty_project, tmp_path, "d", TEXT)
    return empty_project, doc, add_node(empty_project, "Understood"), add_node(empty_project, "Alone")


def test_coding_that_merges_excerpts_keeps_their_memos(tmp_path: Path, empty_project: Project) -> None:
    p, doc, node, _other = _project(tmp_path, empty_project)
    first = code(p, doc, 0, 10, [node]).created[0]
    second = code(p, doc, 20, 30, [node]).created[0]
    set_memo(p, "reference", first.id, "said by three mothers")
    set_memo(p, "reference", second.id, "check the transcript")
    result = _round_trip(p, lambda: code(p, doc, 5, 25, [node]))
    assert result.changes.memos
    assert _memos(p, node) == [(0, 30, "said by three mothers\n\ncheck the transcript")]
    undo_coding(p, result)
    assert _memos(p, node) == [(0, 10, "said by three mothers"), (20, 30, "check the transcript")]


def test_coding_that_merges_an_unrated_and_a_rated_excerpt_keeps_the_rating(
        tmp_path: Path, empty_project: Project) -> None:
    p, doc, node, _other = _project(tmp_path, empty_project)
    code(p, doc, 0, 10, [node])
    rated = code(p, doc, 20, 30, [node]).created[0]
    rate_reference(p, rated.id, relevance="high", rigour="high", note="decisive")
    _round_trip(p, lambda: code(p, doc, 5, 25, [node]))
    [merged] = references_for_node(p, node)
    assert (merged.relevance, merged.rigour, merged.rating_note) == ("high", "high", "decisive")


def test_uncoding_trims_or_splits_an_excerpt_and_each_piece_keeps_its_memo(
        tmp_path: Path, empty_project: Project) -> None:
    p, doc, node, _other = _project(tmp_path, empty_project)
    ref = code(p, doc, 0, 40, [node]).created[0]
    set_memo(p, "reference", ref.id, "key quote")
    _round_trip(p, lambda: uncode(p, doc, 10, 20, [node]))
    assert _memos(p, node) == [(0, 10, "key quote"), (20, 40, "key quote")]
    result = _round_trip(p, lambda: uncode(p, doc, 0, 40, [node]))  # all of it: gone, and back
    assert _memos(p, node) == []
    undo_coding(p, result)
    assert [m for *_span, m in _memos(p, node)] == ["key quote", "key quote"]


def test_recoding_moves_the_rating_and_the_memo(tmp_path: Path, empty_project: Project) -> None:
    p, doc, node, other = _project(tmp_path, empty_project)
    ref = code(p, doc, 0, 40, [node]).created[0]
    rate_reference(p, ref.id, relevance="high", rigour="moderate", note="central")
    set_memo(p, "reference", ref.id, "key quote")
    _round_trip(p, lambda: recode(p, ref.id, other))
    [moved] = references_for_node(p, other)
    assert (moved.relevance, moved.rigour, moved.rating_note) == ("high", "moderate", "central")
    assert get_memo(p, "reference", moved.id) == "key quote"
    assert references_for_node(p, node) == []


def test_recoding_into_rated_coding_keeps_that_rating_and_joins_the_memos(
        tmp_path: Path, empty_project: Project) -> None:
    p, doc, node, other = _project(tmp_path, empty_project)
    ref = code(p, doc, 0, 20, [node]).created[0]
    there = code(p, doc, 10, 40, [other]).created[0]
    rate_reference(p, ref.id, relevance="low")
    rate_reference(p, there.id, relevance="high")
    set_memo(p, "reference", ref.id, "from the first coding")
    set_memo(p, "reference", there.id, "already there")
    _round_trip(p, lambda: recode(p, ref.id, other))
    [merged] = references_for_node(p, other)
    assert (merged.start, merged.end, merged.relevance) == (0, 40, "high")
    assert get_memo(p, "reference", merged.id) == "already there\n\nfrom the first coding"


def test_an_excerpt_uncoded_with_its_memo_comes_back_with_it(
        tmp_path: Path, empty_project: Project) -> None:
    p, doc, node, _other = _project(tmp_path, empty_project)
    ref = code(p, doc, 0, 40, [node]).created[0]
    set_memo(p, "reference", ref.id, "months of thinking")
    result = _round_trip(p, lambda: delete_references(p, [ref.id]))
    assert references_for_node(p, node) == []
    undo_coding(p, result)
    assert get_memo(p, "reference", ref.id) == "months of thinking"


def test_a_deleted_node_comes_back_with_its_excerpts_memos(
        tmp_path: Path, empty_project: Project) -> None:
    from coding.history import restore_snapshot, snapshot_nodes
    from coding.nodes import delete_node

    p, doc, node, _other = _project(tmp_path, empty_project)
    child = add_node(p, "Understood/By a peer")
    ref = code(p, doc, 0, 20, [child]).created[0]
    set_memo(p, "reference", ref.id, "three mothers said this")
    set_memo(p, "node", node, "about feeling understood")
    before = dump(p)
    snapshot = snapshot_nodes(p, node)
    delete_node(p, node)
    assert get_memo(p, "reference", ref.id) == ""
    restore_snapshot(p, snapshot)
    assert get_memo(p, "reference", ref.id) == "three mothers said this"
    assert dump(p) == before
