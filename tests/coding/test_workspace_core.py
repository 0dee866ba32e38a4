"""The core under the workspace: document undo, duplicates, spans, memos, quick node lookups."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coding.attribute_history import restore_attributes, snapshot_attributes
from coding.attributes import attribute_values, export_attributes_csv, import_attributes_csv
from coding.document_history import count_codings, delete_with_snapshot, restore_document
from coding.documents import already_imported, find_document
from coding.errors import NotFound
from coding.memos import append_memo, get_memo, memo_target_exists, set_memo
from coding.nodes import add_node, delete_node, find_node, get_node, list_nodes
from coding.project import Project
from coding.references import references_for_document
from coding.review.search import code_hits, search_text
from coding.review.spans import paragraph_of, paragraph_starts, sentence_of
from coding.tables import safe_cell, unsafe_cell
from tests.coding.test_merge_undo import dump
from tests.conftest import REPO, add_text_document


def test_delete_document_then_restore_puts_every_row_back(demo: Project) -> None:
    doc = find_document(demo, "04_Kinship_study")
    refs = references_for_document(demo, doc)
    set_memo(demo, "document", doc, "a memo")
    set_memo(demo, "reference", refs[0].id, "on an excerpt")
    before = dump(demo)
    snapshot = delete_with_snapshot(demo, doc)
    assert snapshot.reference_count == len(refs) == 4
    assert count_codings(demo, doc) == 0
    restore_document(demo, snapshot)
    assert dump(demo) == before


def test_already_imported_finds_the_same_bytes_under_any_name(demo: Project, tmp_path: Path) -> None:
    source = next((REPO / "resources" / "demo").rglob("02_Telephone*"))
    copy = tmp_path / "another name.txt"
    shutil.copyfile(source, copy)
    other = tmp_path / "new.txt"
    other.write_text("Not in the project.", encoding="utf-8")
    assert already_imported(demo, [copy, other, tmp_path / "missing.txt"]) == {
        copy: "02_Telephone_befriending_pilot"}


@pytest.mark.parametrize(("is_pdf", "text", "hit", "sentence", "paragraph"), [
    (False, "First one. Peer support helped! Last here.\nNext line.", "support",
     "Peer support helped!", "First one. Peer support helped! Last here."),
    (True, "Title\n\nMothers said \"it helped.\" Then\nthey stayed.\n\nEnd.", "stayed",
     "Then\nthey stayed.", "Mothers said \"it helped.\" Then\nthey stayed."),
    (False, "No stop at all support here", "support", "No stop at all support here",
     "No stop at all support here"),
])
def test_sentence_and_paragraph_of_a_hit(is_pdf: bool, text: str, hit: str, sentence: str,
                                         paragraph: str) -> None:
    start = text.index(hit)
    starts = paragraph_starts(text, is_pdf)
    s, e = sentence_of(text, starts, start, start + len(hit))
    assert text[s:e] == sentence
    s, e = paragraph_of(text, starts, start, start + len(hit))
    assert text[s:e] == paragraph


def test_spread_coding_codes_a_sentence_once_for_two_hits_in_it(empty_project: Project,
                                                                  tmp_path: Path) -> None:
    text = "Intro line.\nPeer support and more support helped. Other words.\nPeer support again."
    doc = add_text_document(empty_project, tmp_path, "spread", text)
    node = add_node(empty_project, "Mechanisms/Spread")
    hits = search_text(empty_project, "support").hits
    assert len(hits) == 3
    coded = code_hits(empty_project, hits, node, "sentence")
    spans = sorted(text[r.start:r.end] for r in references_for_document(empty_project, doc))
    assert spans == ["Peer support again.", "Peer support and more support helped."]
    assert len(coded.created) == 2
    paragraph = code_hits(empty_project, hits[:1], add_node(empty_project, "P"), "paragraph")
    (ref,) = paragraph.created
    assert text[ref.start:ref.end] == "Peer support and more support helped. Other words."


def test_memos_know_when_their_owner_is_gone(demo: Project) -> None:
    node = find_node(demo, "Outcomes/Feels worse")
    assert memo_target_exists(demo, "node", node)
    delete_node(demo, node)
    assert not memo_target_exists(demo, "node", node)
    with pytest.raises(NotFound):
        set_memo(demo, "node", node, "typed into a deleted node")
    append_memo(demo, "project", None, "First.")
    append_memo(demo, "project", None, "Second.")
    assert get_memo(demo, "project") == "First.\n\nSecond."


def test_get_node_matches_the_full_tree(demo: Project) -> None:
    for info in list_nodes(demo):
        assert get_node(demo, info.id) == info


def test_attribute_sheet_round_trips_and_an_import_undoes_whole(demo: Project, tmp_path: Path) -> None:
    from coding.attributes import define_attribute, set_value

    define_attribute(demo, "document", "Balance", "integer")
    doc = find_document(demo, "04_Kinship_study")
    set_value(demo, "document", doc, "Balance", "-2")
    out = tmp_path / "sheet.csv"
    export_attributes_csv(demo, out, "document")
    assert "'-2" in out.read_text(encoding="utf-8-sig")  # never a formula in Excel
    before = snapshot_attributes(demo)
    out.write_text(out.read_text(encoding="utf-8-sig").replace("'-2", "'-3"), encoding="utf-8")
    import_attributes_csv(demo, out, "document")
    assert attribute_values(demo, "document")[doc]["Balance"] == "-3"
    restore_attributes(demo, before)
    assert attribute_values(demo, "document")[doc]["Balance"] == "-2"
    assert unsafe_cell(safe_cell("=SUM(A1)")) == "=SUM(A1)" and unsafe_cell("'ok") == "'ok"
