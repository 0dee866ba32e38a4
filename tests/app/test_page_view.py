"""The page view driven as a researcher drives it: real mouse drags and keys on a real PDF."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QWheelEvent
from PySide6.QtWidgets import QApplication

from app.main_window import MainWindow
from coding.documents import document_text, find_document, import_files
from coding.nodes import add_node
from coding.project import Project
from coding.references import references_for_document
from tests.app.test_workspace import open_window
from tests.app.waiting import settled, work_done

REAL = Path(__file__).resolve().parents[1] / "data" / "real" / "cermine_test3.pdf"
PHRASE = "Lupeol (1), epilupeol (2)"


@pytest.fixture
def pdf_project(tmp_path: Path) -> Path:
    path = tmp_path / "pages.realist"
    notes = tmp_path / "notes.txt"
    notes.write_text("Plain notes, no pages.\n", encoding="utf-8")
    with Project.create(path) as project:
        import_files(project, [REAL, notes])
        add_node(project, "Findings")
        add_node(project, "Figures")
    return path


def open_pages(qtbot, path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, path)
    window.select_document(find_document(window.project, "cermine_test3"))
    view = window.document_pane.page_view
    with work_done(qtbot, window), qtbot.waitSignal(
            view.page_measured, timeout=20_000, check_params_cb=lambda page: page == 1):
        qtbot.mouseClick(window.document_pane.bar.page_button, Qt.MouseButton.LeftButton)
    return window


def char_point(window: MainWindow, offset: int) -> QPoint:
    """The viewport position of the middle of a stored character on page 1."""
    view = window.document_pane.page_view
    geometry = view.geometry_of[1]
    assert geometry.text is not None
    index = geometry.text.offsets.index(offset)
    rect = view.to_view(0, geometry.frame.box_to_view(geometry.text.box(index)))
    return rect.center().toPoint()


def drag(qtbot, widget, start: QPoint, end: QPoint,  # type: ignore[no-untyped-def]
         modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, modifier, start)
    middle = QPoint((start.x() + end.x()) // 2, (start.y() + end.y()) // 2)
    for point in (middle, end):
        qtbot.mouseMove(widget, point)
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, modifier, end)


def test_drag_selects_the_same_span_and_ctrl_k_codes_it_with_undo(qtbot, pdf_project: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_pages(qtbot, pdf_project)
    view = window.document_pane.page_view
    start = window.current_text.index(PHRASE)
    end = start + len(PHRASE)
    drag(qtbot, view.viewport(), char_point(window, start), char_point(window, end - 1))
    assert view.selection == (start, end)
    assert window.viewer_widget.selection_span() == (start, end)  # one selection, two views

    qtbot.keyClick(view, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    picker = window.coding.picker
    assert picker is not None and picker.isVisible()
    qtbot.keyClicks(picker.filter, "Findings")
    with qtbot.waitSignal(picker.chosen):
        qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    settled(qtbot, window)  # coding saves off the UI thread
    refs = references_for_document(window.project, window.current_document_id)
    assert [(r.start, r.end) for r in refs] == [(start, end)]
    marks = view.marks(0)
    assert [m.reference.id for m in marks] == [refs[0].id]
    assert len(marks[0].rects) >= 1

    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settled(qtbot, window)
    assert references_for_document(window.project, window.current_document_id) == []
    assert view.marks(0) == []
    qtbot.keyClick(view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    settled(qtbot, window)
    assert len(references_for_document(window.project, window.current_document_id)) == 1


def test_a_drag_down_two_columns_selects_in_reading_order(qtbot, pdf_project: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_pages(qtbot, pdf_project)
    view = window.document_pane.page_view
    text = window.current_text
    first = text.index("INTRODUCTION")
    last = text.index("Here, the preliminary")  # the top of the right-hand column
    drag(qtbot, view.viewport(), char_point(window, first), char_point(window, last))
    assert view.selection == (first, last + 1)
    assert window.viewer_widget.selection_span() == (first, last + 1)


def test_shift_drag_codes_a_region_through_quick_code_and_undo(qtbot, pdf_project: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_pages(qtbot, pdf_project)
    view = window.document_pane.page_view
    start = window.current_text.index(PHRASE)
    window.coding.recent = [int(find_node_id(window, "Figures"))]
    a, b = char_point(window, start), char_point(window, start + len(PHRASE) - 1)
    drag(qtbot, view.viewport(), a - QPoint(6, 8), b + QPoint(6, 8),
         Qt.KeyboardModifier.ShiftModifier)
    assert view.region is not None and view.region.page == 1
    qtbot.keyClick(view, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    settled(qtbot, window)
    refs = references_for_document(window.project, window.current_document_id)
    assert len(refs) == 1 and refs[0].region == view.region
    under = window.current_text[refs[0].start:refs[0].end]
    assert PHRASE in under  # the text under the rectangle is kept with it
    assert any(m.is_region for m in view.marks(0))

    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settled(qtbot, window)
    assert references_for_document(window.project, window.current_document_id) == []
    qtbot.keyClick(view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    settled(qtbot, window)
    again = references_for_document(window.project, window.current_document_id)
    assert [(r.id, r.region) for r in again] == [(refs[0].id, refs[0].region)]

    qtbot.keyClick(view, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)  # uncode region
    settled(qtbot, window)
    assert references_for_document(window.project, window.current_document_id) == []


def find_node_id(window: MainWindow, path: str) -> int:
    from coding.nodes import find_node

    return int(find_node(window.project, path))


def drag_over_phrase(qtbot, path: Path) -> tuple[MainWindow, tuple[int, int]]:  # type: ignore[no-untyped-def]
    """The page view open on page 1, PHRASE selected there by a drag; and its span."""
    window = open_pages(qtbot, path)
    start = window.current_text.index(PHRASE)
    drag(qtbot, window.document_pane.page_view.viewport(), char_point(window, start),
         char_point(window, start + len(PHRASE) - 1))
    return window, (start, start + len(PHRASE))


def test_switching_views_keeps_the_selection_both_ways(qtbot, pdf_project: Path) -> None:  # type: ignore[no-untyped-def]
    window, (start, _end) = drag_over_phrase(qtbot, pdf_project)
    pane = window.document_pane
    view = pane.page_view
    qtbot.mouseClick(pane.bar.text_button, Qt.MouseButton.LeftButton)
    assert pane.mode == "text"
    assert window.viewer_widget.selection_span() == (start, start + len(PHRASE))

    other = window.current_text.index("n-hexane")
    window.viewer_widget.select_span(other, other + 8)
    qtbot.mouseClick(pane.bar.page_button, Qt.MouseButton.LeftButton)
    assert pane.mode == "page"
    assert view.selection == (other, other + 8)


def test_switching_views_shows_the_page_read_not_a_selection_left_pages_back(qtbot, pdf_project: Path) -> None:  # type: ignore[no-untyped-def]
    window, selected = drag_over_phrase(qtbot, pdf_project)
    pane = window.document_pane
    view = pane.page_view
    with qtbot.waitSignal(view.page_measured, timeout=20_000,
                          check_params_cb=lambda page: page == 3):
        pane.bar.page_box.setValue(3)  # read on, two pages past the selection
    qtbot.mouseClick(pane.bar.text_button, Qt.MouseButton.LeftButton)
    text = window.viewer_widget
    top = text.visible_range()[0]
    # page 3's first line at the top of the text (it went back to the selection on page 1)
    assert pane.page_for(top) == 3 and top == pane.pages[2].start
    assert text.selection_span() == selected  # kept, off screen
    qtbot.mouseClick(pane.bar.page_button, Qt.MouseButton.LeftButton)
    assert view.current_page() == 3 and view.selection == selected


def test_the_choice_of_view_is_remembered_per_document(qtbot, pdf_project: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_pages(qtbot, pdf_project)
    pane = window.document_pane
    window.select_document(find_document(window.project, "notes"))
    settled(qtbot, window)  # the text is read off the UI thread, then shown
    assert pane.mode == "text" and not pane.bar.page_button.isEnabled()
    assert not pane.page_action.isEnabled()
    with work_done(qtbot, window):
        window.select_document(find_document(window.project, "cermine_test3"))
    assert pane.mode == "page"
    pane.page_action.trigger()  # the View menu's action
    assert pane.mode == "text"
    window.select_document(find_document(window.project, "notes"))
    settled(qtbot, window)
    window.select_document(find_document(window.project, "cermine_test3"))
    settled(qtbot, window)
    assert pane.mode == "text"


def test_an_excerpt_opened_from_a_list_shows_on_its_page_flashed(qtbot, pdf_project: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_pages(qtbot, pdf_project)
    view = window.document_pane.page_view
    text = document_text(window.project, window.current_document_id)
    late = text.index("General experimental procedure")
    page = window.document_pane.page_for(late)
    assert page is not None and page >= 1
    with qtbot.waitSignal(view.page_measured, timeout=20_000,
                          check_params_cb=lambda p: p == page) if page != 1 else _nothing():
        window.open_document_at(window.current_document_id, late, late + 30)
    assert view.selection == (late, late + 30)
    assert view.flash_span == (late, late + 30)
    assert view.current_page() == page


class _nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def test_zoom_go_to_page_and_page_n_of_n(qtbot, pdf_project: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_pages(qtbot, pdf_project)
    pane = window.document_pane
    view = pane.page_view
    assert pane.bar.of_label.text() == "of 4"
    width_zoom = view.zoom
    view.verticalScrollBar().setValue(int(view.tops[1] + 0.6 * (view.tops[2] - view.tops[1])))
    middle = view.current_page()
    qtbot.mouseClick(pane.bar.fit_page, Qt.MouseButton.LeftButton)
    assert view.zoom < width_zoom
    # the page that was in the middle of the view, whole, from its top (under Xvfb it showed
    # the end of one page over the start of the next)
    shown = view.page_rect(middle - 1)
    assert view.viewport().rect().contains(shown.toRect().adjusted(1, 1, -1, -1))
    before = view.zoom
    centre = QPointF(view.viewport().rect().center())
    wheel = QWheelEvent(centre, view.viewport().mapToGlobal(centre), QPoint(0, 0), QPoint(0, 240),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    view.wheelEvent(wheel)
    assert view.zoom == pytest.approx(before * 1.15 ** 2)
    pane.bar.page_box.setValue(3)
    assert view.current_page() == 3
    assert pane.bar.page_box.value() == 3
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert view.current_page() == 1


def test_a_click_in_a_coded_excerpt_rates_it_with_the_appraisal_keys(qtbot, pdf_project: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_pages(qtbot, pdf_project)
    view = window.document_pane.page_view
    start = window.current_text.index(PHRASE)
    drag(qtbot, view.viewport(), char_point(window, start),
         char_point(window, start + len(PHRASE) - 1))
    window.coding.recent = [find_node_id(window, "Findings")]
    qtbot.keyClick(view, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    settled(qtbot, window)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=char_point(window, start + 3))
    assert view.selection is None
    assert window.current_position() == (window.current_document_id, start + 3)
    with work_done(qtbot, window):
        qtbot.keyClick(view, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier
                       | Qt.KeyboardModifier.AltModifier)
    (ref,) = references_for_document(window.project, window.current_document_id)
    assert ref.relevance == "high"
    # a right-click on its stripe (or on a region with words under it) rates it once, in its
    # own section: the rating of what lies under the caret was offered as well, twice over
    from app.page_actions import page_menu
    from app.page_paint import stripe_rects

    settled(qtbot, window)
    ((mark, stripe),) = stripe_rects(view, 0, view.page_rect(0))
    assert mark.reference.id == ref.id and view.mark_at(stripe.center()) == mark
    menu = page_menu(window, view.viewport().mapToGlobal(stripe.center().toPoint()),
                     start + 3, mark)
    assert [a.text() for a in menu.actions()].count("Rate excerpt…") == 1
    assert not any(a.text() == "Rate excerpt" for a in menu.actions())  # nor as a submenu


def test_a_document_imported_before_page_geometry_gets_it_after_its_first_page(
        qtbot, pdf_project: Path) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    con = sqlite3.connect(pdf_project)  # what every project made before this change holds
    for table in ("document_runs", "document_blocks", "document_layouts"):
        con.execute(f"DELETE FROM {table}")
    con.commit()
    con.close()
    window = open_pages(qtbot, pdf_project)  # waits for page 1's geometry: it was derived
    with Project.open(pdf_project, readonly=True) as project:
        from coding.page_layout import load_layout

        layout = load_layout(project, find_document(project, "cermine_test3"))
    assert layout is not None and layout.source == "reread"  # and kept in the project
    view = window.document_pane.page_view
    start = window.current_text.index(PHRASE)
    drag(qtbot, view.viewport(), char_point(window, start),
         char_point(window, start + len(PHRASE) - 1))
    assert window.viewer_widget.selection_span() == (start, start + len(PHRASE))


def test_a_region_dragged_from_the_page_onto_a_node_is_coded_to_it(qtbot, pdf_project: Path) -> None:  # type: ignore[no-untyped-def]
    """Seen under Xvfb: a press inside the chosen region and a move drew a new rectangle (the
    region tool on) or began a text selection (off), so "drag onto a node", the status line's
    advice, could not be done. The press and move now start the page view's own drag
    (offscreen Qt ends it at once; the drag object, with what it carries, stays until the event
    loop next runs), and what it carries, dropped on a node, codes the region."""
    from PySide6.QtGui import QDrag

    window = open_pages(qtbot, pdf_project)
    view = window.document_pane.page_view
    for tool in (True, False):
        if view.region_tool != tool:
            qtbot.mouseClick(window.document_pane.bar.region_button, Qt.MouseButton.LeftButton)
        start = window.current_text.index(PHRASE)
        a, b = char_point(window, start), char_point(window, start + len(PHRASE) - 1)
        drag(qtbot, view.viewport(), a - QPoint(4, 6), b + QPoint(4, 6),
             Qt.KeyboardModifier.NoModifier if tool else Qt.KeyboardModifier.ShiftModifier)
        chosen = view.region
        assert chosen is not None
        assert window.viewer_widget.selection_span() is None  # only the page holds a rectangle
        middle = (a + b) / 2
        qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton,
                         Qt.KeyboardModifier.NoModifier, middle)
        qtbot.mouseMove(view.viewport(), middle + QPoint(30, 30))
        started = view.findChildren(QDrag)
        qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton,
                           Qt.KeyboardModifier.NoModifier, middle + QPoint(30, 30))
        assert view.region == chosen  # the press drew no new rectangle, selected no text
        assert [d.mimeData().text() for d in started] == ["A region on page 1"]
        node = find_node_id(window, "Figures" if tool else "Findings")
        tree = window.nodes
        point = tree.visualItemRect(tree.items[node]).center()
        mime, buttons = started[0].mimeData(), Qt.MouseButton.LeftButton
        for event in (QDragEnterEvent(point, Qt.DropAction.CopyAction, mime, buttons,
                                      Qt.KeyboardModifier.NoModifier),
                      QDropEvent(QPointF(point), Qt.DropAction.CopyAction, mime, buttons,
                                 Qt.KeyboardModifier.NoModifier)):
            QApplication.sendEvent(tree.viewport(), event)
        settled(qtbot, window)
        refs = references_for_document(window.project, window.current_document_id)
        assert (node, chosen) in [(r.node_id, r.region) for r in refs]
        QApplication.processEvents()  # the finished drag object goes
    # a coded region, pressed (chosen, with its handles) and moved, drags the same way
    view.region = None
    mark = next(m for m in view.marks(0) if m.is_region)
    centre = view.to_view(0, mark.rects[0]).center().toPoint()
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     centre)
    assert view.region_ref is not None and len(view.handles()) == 4
    qtbot.mouseMove(view.viewport(), centre + QPoint(30, 30))
    assert [d.mimeData().text() for d in view.findChildren(QDrag)] == ["A region on page 1"]
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier, centre + QPoint(30, 30))


def test_the_text_view_sets_headings_in_bold_and_captions_in_italic(qtbot, pdf_project: Path) -> None:  # type: ignore[no-untyped-def]
    """Seen under Xvfb: the text view showed "1 Introduction" as plain as the prose under it.
    The reader's headings and captions (its stored blocks) now show as such."""
    from PySide6.QtGui import QFont, QTextCursor

    window = open_pages(qtbot, pdf_project)
    text = window.current_text

    def char_format(offset: int):  # type: ignore[no-untyped-def]
        cursor = QTextCursor(window.viewer.document())
        cursor.setPosition(window.viewer_widget.offsets.to_utf16(offset) + 1)
        return cursor.charFormat()

    assert char_format(text.index("RESULTS AND DISCUSSION")).fontWeight() == QFont.Weight.Bold
    assert char_format(text.index("Table 1. LC50")).fontItalic()
    prose = char_format(text.index(PHRASE))
    assert prose.fontWeight() != QFont.Weight.Bold and not prose.fontItalic()


def test_find_in_the_page_view_goes_on_from_the_page_being_read(qtbot, pdf_project: Path) -> None:  # type: ignore[no-untyped-def]
    """Seen under Xvfb on a 140-page thesis: at page 50, Ctrl+F and Enter went back to the
    first match on page 1 (the text view's caret had stayed there). Enter now finds the next
    match from the page on screen."""
    window = open_pages(qtbot, pdf_project)
    pane = window.document_pane
    third = pane.pages[2].start
    assert "lupeol" in window.current_text[:third].lower(), "matches before page 3 too"
    pane.bar.page_box.setValue(3)
    qtbot.waitUntil(lambda: pane.page_view.current_page() == 3)
    window.find_bar.open()
    qtbot.keyClicks(window.find_bar, "lupeol")
    qtbot.keyClick(window.find_bar, Qt.Key.Key_Return)
    span = window.viewer_widget.selection_span()
    assert span is not None and span[0] >= third, (span, third)
    assert window.current_text[span[0]:span[1]].lower() == "lupeol"


def test_find_marks_its_matches_on_the_page_too(qtbot, pdf_project: Path) -> None:  # type: ignore[no-untyped-def]
    """Typed into the find bar with the pages shown, a word's matches are marked on the page
    as in the text (the page view showed "6 matches" and none of them), and unmarked on Esc."""
    window = open_pages(qtbot, pdf_project)
    view = window.document_pane.page_view
    start = window.current_text.lower().index("lupeol")
    geometry = view.geometry_of[1]
    assert geometry.text is not None
    boxes = geometry.text.span_boxes(start, start + len("lupeol"))
    area = view.to_view(0, geometry.frame.box_to_view(boxes[0])).toRect()

    def blue() -> float:  # the mean blue of the word's box: a yellow mark takes most of it
        image = view.viewport().grab(area).toImage()
        return sum(image.pixelColor(x, y).blue() for x in range(image.width())
                   for y in range(image.height())) / max(1, image.width() * image.height())

    before = blue()
    window.find_bar.open()
    qtbot.keyClicks(window.find_bar, "lupeol")
    assert view.found_in is not None and (start, start + len("lupeol")) in view.found_in(0, start)
    marked = blue()
    assert marked < before - 40, (before, marked)
    qtbot.keyClick(window.find_bar, Qt.Key.Key_Escape)
    assert view.found_in is None and abs(blue() - before) < 5


def test_find_marks_stay_on_the_pages_of_the_next_document_shown(qtbot, pdf_project: Path) -> None:  # type: ignore[no-untyped-def]
    """The find bar open, another document shown and the PDF shown again as pages: its
    matches are marked there (the pages load after the text, off the UI thread)."""
    window = open_pages(qtbot, pdf_project)
    view = window.document_pane.page_view
    window.find_bar.open()
    qtbot.keyClicks(window.find_bar, "lupeol")
    window.select_document(find_document(window.project, "notes"))
    settled(qtbot, window)
    assert window.find_bar.matches == 0
    with work_done(qtbot, window), qtbot.waitSignal(
            view.page_measured, timeout=20_000, check_params_cb=lambda page: page == 1):
        window.select_document(find_document(window.project, "cermine_test3"))
    settled(qtbot, window)
    start = window.current_text.lower().index("lupeol")
    assert view.found_in is not None and (start, start + 6) in view.found_in(0, start)
