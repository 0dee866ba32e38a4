"""Annotations on the page view: made there, marked beside their first line, read by hovering,
selected by a click, gone with an undo - as the text view's margin does it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor

from app import text_prompt
from app.page_paint import note_rects
from app.theme import NOTE_COLOR
from coding.annotations import list_annotations
from tests.app.test_page_view import PHRASE, char_point, drag, open_pages, pdf_project  # noqa: F401
from tests.app.waiting import settled


def _yellow_pixels(view, rect) -> int:  # type: ignore[no-untyped-def]
    image = view.viewport().grab().toImage()
    want = QColor(NOTE_COLOR)
    return sum(
        1
        for x in range(int(rect.left()), int(rect.right()) + 1)
        for y in range(int(rect.top()), int(rect.bottom()) + 1)
        if image.pixelColor(x, y) == want
    )


def test_an_annotation_made_on_the_page_is_marked_there_hovered_clicked_and_undone(
        qtbot, pdf_project: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    window = open_pages(qtbot, pdf_project)
    view = window.document_pane.page_view
    start = window.current_text.index(PHRASE)
    end = start + len(PHRASE)
    drag(qtbot, view.viewport(), char_point(window, start), char_point(window, end - 1))
    assert note_rects(view, 0, view.page_rect(0)) == []

    monkeypatch.setattr(text_prompt, "ask_text", lambda *a, **k: ("Key claim", True))
    qtbot.keyClick(view, Qt.Key.Key_A,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    settled(qtbot, window)
    notes = list_annotations(window.project, window.current_document_id)
    assert [(n.start, n.end, n.text) for n in notes] == [(start, end, "Key claim")]

    [(note, rect)] = note_rects(view, 0, view.page_rect(0))
    assert note.id == notes[0].id
    page = view.page_rect(0)
    assert rect.right() < page.left()  # in the gap, never over the text
    first_char = char_point(window, start)
    assert rect.top() - 2 <= first_char.y() <= rect.bottom() + 12  # level with its first line
    assert _yellow_pixels(view, rect) > 20  # drawn, not only computed

    centre = rect.center().toPoint()
    qtbot.mouseMove(view.viewport(), centre)
    assert view.toolTip() == "Key claim"

    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=char_point(window, window.current_text.index("INTRODUCTION")))
    assert view.selection != (start, end)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert view.selection == (start, end)
    assert window.viewer_widget.selection_span() == (start, end)  # one selection, two views

    monkeypatch.setattr(text_prompt, "ask_text",
                        lambda *a, **k: ("Key claim, in both sites", True))
    window.coding.edit_annotation(note)  # as its right-click's "Edit annotation…"
    settled(qtbot, window)
    qtbot.mouseMove(view.viewport(), centre + QPoint(0, 1))
    assert view.toolTip() == "Key claim, in both sites"
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the edit undone
    settled(qtbot, window)
    assert [n.text for n in list_annotations(window.project, window.current_document_id)] == [
        "Key claim"]

    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the note undone
    settled(qtbot, window)
    assert list_annotations(window.project, window.current_document_id) == []
    assert note_rects(view, 0, view.page_rect(0)) == []
    assert _yellow_pixels(view, rect) == 0
    assert view.note_at(rect.center()) is None
