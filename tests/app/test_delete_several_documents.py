"""Several documents chosen with Ctrl+click are deleted together, after one question that counts
their codings, and one Ctrl+Z brings them all back."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt

from coding.documents import find_document, list_documents
from coding.references import references_for_document
from tests.app.test_managing_documents_and_nodes import click_next_box
from tests.app.test_workspace import open_window
from tests.app.waiting import settled, work_done


def _click(qtbot, window, doc_id: int, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    tree = window.documents.tree
    rect = tree.visualItemRect(window.documents.items[doc_id])  # all columns, wider than shown
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, modifier,
                     QPoint(rect.left() + 20, rect.center().y()))


def test_delete_several_documents_in_one_step(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, demo_path)
    names = ("02_Telephone_befriending_pilot", "04_Kinship_study")
    chosen = [find_document(window.project, n) for n in names]
    codings = {d: references_for_document(window.project, d) for d in chosen}
    _click(qtbot, window, chosen[0])
    _click(qtbot, window, chosen[1], Qt.KeyboardModifier.ControlModifier)
    settled(qtbot, window)
    assert window.documents.selected_ids() == chosen
    assert window.delete_document_action.text() == "&Delete 2 documents…"
    seen: list[str] = []
    click_next_box("Yes", seen)
    with work_done(qtbot, window):
        window.delete_document_action.trigger()
    total = sum(len(c) for c in codings.values())
    assert seen[0].startswith(f"Delete 2 documents? {total} codings go with them")
    left = [d.id for d in list_documents(window.project)]
    assert not set(chosen) & set(left) and len(left) == 2
    assert window.undo_stack.undoText() == f"Deleted 2 documents ({total} codings)"

    window.undo()  # one step: both back, with their coding
    settled(qtbot, window)
    assert all(references_for_document(window.project, d) == codings[d] for d in chosen)
    assert all(d in window.documents.items for d in chosen)
    window.redo()
    settled(qtbot, window)
    assert not set(chosen) & {d.id for d in list_documents(window.project)}
