"""A coded region resized on the page by dragging a corner, as a researcher adjusts a figure's
rectangle: its coding, memo and rating move with it, and Ctrl+Z puts it back."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt

from coding.memos import get_memo, set_memo
from coding.references import references_for_document
from tests.app.test_page_view import (  # noqa: F401
    PHRASE,
    char_point,
    drag,
    find_node_id,
    open_pages,
    pdf_project,
)
from tests.app.waiting import settled


def test_a_coded_region_resized_by_its_corner_keeps_its_memo_and_undoes(
        qtbot, pdf_project: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    window = open_pages(qtbot, pdf_project)
    view = window.document_pane.page_view
    text = window.current_text
    start = text.index(PHRASE)
    window.coding.recent = [find_node_id(window, "Figures")]
    first = char_point(window, start)
    drag(qtbot, view.viewport(), first - QPoint(6, 8), char_point(window, start + 5) + QPoint(6, 8),
         Qt.KeyboardModifier.ShiftModifier)  # a rectangle round "Lupeol" only
    qtbot.keyClick(view, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    settled(qtbot, window)
    [ref] = references_for_document(window.project, window.current_document_id)
    assert PHRASE not in text[ref.start:ref.end]
    set_memo(window.project, "reference", ref.id, "the structure figure")
    assert view.handles() == []  # a drawn rectangle is not resizable: a coded one is

    region_mark = view.to_view(0, view.marks(0)[0].rects[0])
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=region_mark.center().toPoint())
    assert view.region_ref is not None and view.region_ref.id == ref.id
    handles = view.handles()
    assert len(handles) == 4
    corner = max(handles, key=lambda h: (h[1].center().x(), h[1].center().y()))[1].center()
    end = char_point(window, start + len(PHRASE) - 1) + QPoint(6, 8)  # past "epilupeol (2)"
    drag(qtbot, view.viewport(), corner.toPoint(), end)
    settled(qtbot, window)
    [moved] = references_for_document(window.project, window.current_document_id)
    assert moved.region != ref.region and PHRASE in text[moved.start:moved.end]
    assert get_memo(window.project, "reference", moved.id) == "the structure figure"
    assert view.region == moved.region and view.region_ref == moved  # still resizable

    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settled(qtbot, window)
    [back] = references_for_document(window.project, window.current_document_id)
    assert (back.id, back.region) == (ref.id, ref.region)
    assert get_memo(window.project, "reference", ref.id) == "the structure figure"
    assert view.region_ref is None and view.region is None  # the resized coding is gone
