"""Recoding an excerpt from its stripe, as a researcher does: its memo and rating go with it,
and undo brings them back on the excerpt where it was."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from coding.documents import find_document
from coding.memos import get_memo
from coding.nodes import find_node
from coding.ratings import rate_reference
from coding.references import references_for_document
from tests.app.test_workspace import open_window
from tests.app.waiting import settled


def _first_excerpt(qtbot, demo_path: Path):  # type: ignore[no-untyped-def]
    """The window on the Kinship study, and the excerpt of its first stripe."""
    window = open_window(qtbot, demo_path)
    window.select_document(find_document(window.project, "04_Kinship_study"))
    settled(qtbot, window)
    _rect, ref = window.viewer_widget.margin.stripe_rects()[0]
    return window, ref


def test_a_recoded_excerpt_keeps_its_memo_and_rating_and_undo_puts_them_back(
        qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window, ref = _first_excerpt(qtbot, demo_path)
    rate_reference(window.project, ref.id, relevance="high", note="central to CMO 2")
    window._reference_chosen(ref)  # as a click on its stripe: its memo opens
    qtbot.keyClicks(window.memo_panel.editor, "Strong quote.")
    target = find_node(window.project, "Outcomes/Feels worse")

    picker = window.coding.recode_picker(ref)  # typing, then straight to Recode…
    qtbot.addWidget(picker)
    qtbot.keyClicks(picker.filter, "Outcomes/Feels worse")
    with qtbot.waitSignal(picker.chosen):
        qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    settled(qtbot, window)
    [moved] = [r for r in references_for_document(window.project, ref.document_id)
               if (r.node_id, r.start, r.end) == (target, ref.start, ref.end)]
    assert get_memo(window.project, "reference", moved.id) == "Strong quote."
    assert (moved.relevance, moved.rating_note) == ("high", "central to CMO 2")
    assert moved.id != ref.id  # a new row: the panel must follow the memo to it
    assert window.memo_panel.target == ("reference", moved.id)
    assert window.memo_panel.editor.toPlainText() == "Strong quote."

    window.undo_stack.undo()
    settled(qtbot, window)
    assert get_memo(window.project, "reference", ref.id) == "Strong quote."
    assert window.memo_panel.target == ("reference", ref.id)  # followed it back
    assert window.memo_panel.editor.toPlainText() == "Strong quote."
    back = [r for r in references_for_document(window.project, ref.document_id) if r.id == ref.id]
    assert back and back[0].relevance == "high"


def test_the_memo_panel_follows_an_excerpt_merged_by_new_coding_and_back_on_undo(
        qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window, ref = _first_excerpt(qtbot, demo_path)
    window._reference_chosen(ref)  # its (empty) memo opens: nothing typed yet
    window.viewer_widget.select_span(ref.start, ref.end + 12)  # a little more of the text
    window.coding.code_selection([ref.node_id])  # merges with the excerpt: a new row
    settled(qtbot, window)
    [merged] = [r for r in references_for_document(window.project, ref.document_id)
                if r.node_id == ref.node_id and r.start == ref.start]
    assert merged.end == ref.end + 12 and merged.id != ref.id  # a new row: to follow
    assert window.memo_panel.target == ("reference", merged.id)  # not "was deleted"
    window.undo_stack.undo()
    settled(qtbot, window)
    assert window.memo_panel.target == ("reference", ref.id)
