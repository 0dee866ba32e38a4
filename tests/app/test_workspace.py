"""The coding workspace driven as a researcher drives it: select, code, see, uncode, undo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from app import text_prompt
from app.main_window import MainWindow
from coding.documents import find_document
from coding.nodes import find_node, list_nodes
from coding.project import Project
from coding.references import references_for_document
from tests.app.waiting import settled, work_done


def open_window(qtbot, path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    assert window.open_project(path)
    settled(qtbot, window)
    return window


def select(window: MainWindow, phrase: str) -> tuple[int, int]:
    start = window.current_text.index(phrase)
    window.viewer_widget.select_span(start, start + len(phrase))
    return start, start + len(phrase)


def spans(window: MainWindow) -> set[tuple[int, int, int]]:
    return {(r.node_id, r.start, r.end)
            for r in references_for_document(window.project, window.current_document_id)}


def test_code_with_picker_see_it_uncode_undo_redo_and_reopen(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, demo_path)
    window.select_document(find_document(window.project, "02_Telephone_befriending_pilot"))
    settled(qtbot, window)
    phrase = "Forty-two mothers were offered calls"
    start, end = select(window, phrase)
    before_selections = len(window.viewer.extraSelections())

    picker = window.coding.open_picker()
    qtbot.addWidget(picker)
    qtbot.keyClicks(picker.filter, "feels less expo")
    with qtbot.waitSignal(picker.chosen):
        qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    settled(qtbot, window)
    node = find_node(window.project, "Mechanisms/Feels less exposed")
    assert (node, start, end) in spans(window)
    assert len(window.viewer.extraSelections()) == before_selections + 1
    stripes = [ref for _rect, ref in window.viewer_widget.margin.stripe_rects()]
    assert any(r.node_id == node and r.start == start for r in stripes)
    assert "Coded 1 excerpt to Mechanisms/Feels less exposed" in window.statusBar().currentMessage()

    select(window, "mothers were offered")
    window.coding.uncode_all.trigger()
    settled(qtbot, window)
    assert (node, start, end) not in spans(window)
    assert any(n == node for n, _s, _e in spans(window))  # trimmed pieces remain

    window.undo_stack.undo()
    assert (node, start, end) in spans(window)
    window.undo_stack.redo()
    assert (node, start, end) not in spans(window)
    window.undo_stack.undo()

    window.close_project()
    window2 = open_window(qtbot, demo_path)
    window2.select_document(find_document(window2.project, "02_Telephone_befriending_pilot"))
    settled(qtbot, window2)
    assert (node, start, end) in spans(window2)


def test_in_vivo_node_is_undoable(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, demo_path)
    select(window, "Matching on lived experience")
    window.coding.in_vivo.trigger()
    settled(qtbot, window)
    paths = [n.path for n in list_nodes(window.project)]
    assert "In vivo/Matching on lived experience" in paths
    node = find_node(window.project, "In vivo/Matching on lived experience")
    assert any(n == node for n, _s, _e in spans(window))
    assert window.nodes.items[node].text(2) == "inductive"
    window.undo_stack.undo()
    assert "In vivo/Matching on lived experience" not in [n.path for n in list_nodes(window.project)]
    window.undo_stack.redo()
    assert any(n == node for n, _s, _e in spans(window))


def test_drag_selection_onto_a_node_codes_it(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, demo_path)
    start, end = select(window, "Two mothers stopped after one visit.")
    node = find_node(window.project, "Outcomes/Withdraws from support")
    tree = window.nodes
    item = tree.items[node]
    tree.scrollToItem(item)
    point = tree.visualItemRect(item).center()
    mime = QMimeData()
    mime.setText("Two mothers stopped after one visit.")
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(point, Qt.DropAction.CopyAction, mime, buttons, keys)
    QApplication.sendEvent(tree.viewport(), enter)
    drop = QDropEvent(QPointF(point), Qt.DropAction.CopyAction, mime, buttons, keys)
    QApplication.sendEvent(tree.viewport(), drop)
    settled(qtbot, window)
    assert (node, start, end) in spans(window)


def test_find_counts_and_moves(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, demo_path)
    window.find_bar.open()
    qtbot.keyClicks(window.find_bar, "mothers")
    assert window.find_bar.matches == window.current_text.lower().count("mothers") > 2
    qtbot.keyClick(window.find_bar, Qt.Key.Key_Return)
    first = window.viewer.textCursor().selectionStart()
    qtbot.keyClick(window.find_bar, Qt.Key.Key_Return)
    assert window.viewer.textCursor().selectionStart() > first
    assert window.viewer.textCursor().selectedText().lower() == "mothers"
    assert window.statusBar().currentMessage() == f"Match 2 of {window.find_bar.matches}"
    qtbot.keyClick(window.find_bar, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert window.statusBar().currentMessage() == f"Match 1 of {window.find_bar.matches}"
    window.find_bar.setText("mothers who had no family")
    assert window.statusBar().currentMessage() == "1 match"


def test_page_markers_and_stripe_click_select_the_reference(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, demo_path)
    window.select_document(find_document(window.project, "04_Kinship_study"))
    settled(qtbot, window)
    assert len(window.viewer_widget.pages) == 2
    rect, ref = window.viewer_widget.margin.stripe_rects()[0]
    qtbot.mouseClick(window.viewer_widget.margin, Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.viewer_widget.selection_span() == (ref.start, ref.end)


def test_read_only_project_refuses_coding_with_a_message(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_project(demo_path, readonly=True)
    select(window, "Matching on lived experience")
    window.coding.code_selection([find_node(window.project, "Outcomes/Feels worse")])
    settled(qtbot, window)
    assert "read-only" in window.statusBar().currentMessage()
    with Project.open(demo_path, readonly=True) as project:
        assert project.readonly


def test_references_panel_opens_excerpts_and_memos_save_as_you_type(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, demo_path)
    node = find_node(window.project, "Outcomes/Takes up support")
    window.nodes.select_node(node)
    settled(qtbot, window)
    panel = window.references_panel
    assert panel.count() == 2
    assert "«" in panel.item(0).text()
    panel.setCurrentRow(1)  # Enter opens the excerpt, as a double-click does
    qtbot.keyClick(panel, Qt.Key.Key_Return)
    settled(qtbot, window)
    doc_id, start, end = panel.item(1).data(Qt.ItemDataRole.UserRole)
    assert window.current_document_id == doc_id
    assert window.viewer_widget.selection_span() == (start, end)
    memo = window.memo_panel
    assert memo.label.text().startswith("Memo: 02_Telephone")
    with qtbot.waitSignal(memo.timer.timeout, timeout=5000):  # typing pauses: the memo saves
        qtbot.keyClicks(memo.editor, "Uptake looks high here.")
    window.close_project()
    from coding.memos import get_memo

    with Project.open(demo_path, readonly=True) as project:
        assert get_memo(project, "document", doc_id) == "Uptake looks high here."


def test_node_edits_delete_and_merge_through_the_tree(qtbot, demo_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QInputDialog, QMessageBox

    from app import node_actions
    from coding.nodes import count_references_under, get_node
    from coding.realist.theories import list_theories
    from coding.theory_log import NODE_DELETED, all_entries

    window = open_window(qtbot, demo_path)
    node = find_node(window.project, "Outcomes/Takes up support")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Accepts support", True))
    node_actions.rename(window, node)
    assert get_node(window.project, node).path == "Outcomes/Accepts support"
    renamed = [e for e in all_entries(window.project) if e.detail == "its node was renamed"]
    assert renamed and all(e.new_value == "Accepts support" for e in renamed)  # its theories'
    window.undo_stack.undo()
    assert get_node(window.project, node).path == "Outcomes/Takes up support"
    assert [e for e in all_entries(window.project) if e.detail == "its node was renamed"] == []
    window.undo_stack.redo()
    assert get_node(window.project, node).name == "Accepts support"
    assert [e for e in all_entries(window.project) if e.detail == "its node was renamed"] == \
        renamed

    refs_before = count_references_under(window.project, node)
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _w, _t, text, *a, **k: asked.append(text) or QMessageBox.StandardButton.Yes)
    elements = [t.label for t in list_theories(window.project)
                for e in t.elements if e.node_id == node]
    assert elements  # the demo's theories use it: its deletion is in their logs
    node_actions.delete(window, node)
    assert f"{refs_before} coded references go with it" in asked[0] and refs_before > 1
    assert "Outcomes/Accepts support" not in [n.path for n in list_nodes(window.project)]
    assert [e.label for e in all_entries(window.project) if e.detail == NODE_DELETED] == elements
    window.undo_stack.undo()
    assert count_references_under(window.project, node) == refs_before  # all coding back
    assert [e for e in all_entries(window.project) if e.detail == NODE_DELETED] == []
    window.undo_stack.redo()
    assert [e.label for e in all_entries(window.project) if e.detail == NODE_DELETED] == elements
    window.undo_stack.undo()

    target = find_node(window.project, "Outcomes/Feels less alone")
    before_target = count_references_under(window.project, target)
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("Outcomes/Feels less alone", True))
    node_actions.merge(window, node)
    settled(qtbot, window)
    assert count_references_under(window.project, target) == before_target + refs_before
    assert node not in window.nodes.items


def test_welcome_recent_projects_and_remembered_layout(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.pages.currentWidget() is window.welcome
    window.open_project(demo_path)
    assert window.pages.currentIndex() == 1
    window.resize(900, 600)
    window.close()
    again = MainWindow()
    qtbot.addWidget(again)
    assert again.welcome.recent.item(0).text() == str(demo_path)
    assert again.size().height() == 600  # restored, not the default 1280x820
    again.welcome.recent.itemActivated.emit(again.welcome.recent.item(0))
    assert again.project is not None and again.project.path == demo_path


def test_document_list_sorts_filters_and_groups_by_intervention(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, demo_path)
    docs = window.documents
    docs.tree.sortByColumn(3, Qt.SortOrder.DescendingOrder)  # most references first
    counts = [int(docs.tree.topLevelItem(i).text(3)) for i in range(docs.tree.topLevelItemCount())]
    assert counts == sorted(counts, reverse=True)
    qtbot.keyClicks(docs.filter, "kinship")
    visible = [item.text(0) for item in docs.items.values() if not item.isHidden()]
    assert visible == ["04_Kinship_study"]
    docs.filter.clear()
    docs.group.setChecked(True)
    groups = [docs.tree.topLevelItem(i).text(0) for i in range(docs.tree.topLevelItemCount())]
    assert any(g.startswith("#1 ") for g in groups) and len(groups) == 4
    assert all(docs.tree.topLevelItem(i).childCount() == 1 for i in range(4))


def test_annotation_marker_undo_and_csv_export(qtbot, demo_path: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]

    from coding.annotations import list_annotations

    window = open_window(qtbot, demo_path)
    start, end = select(window, "Matching on lived experience")
    monkeypatch.setattr(text_prompt, "ask_text", lambda *a, **k: ("Key claim", True))
    window.coding.annotate.trigger()
    notes = list_annotations(window.project, window.current_document_id)
    assert [(n.start, n.end, n.text) for n in notes] == [(start, end, "Key claim")]
    settled(qtbot, window)
    window.viewer_widget.select_span(0, 5)
    window.viewer_widget.select_span(start, end)  # scroll the note into view
    marks = window.viewer_widget.margin.annotation_rects()
    assert [m[1].text for m in marks] == ["Key claim"]
    window.undo_stack.undo()
    assert list_annotations(window.project, window.current_document_id) == []
    window.undo_stack.redo()
    assert len(list_annotations(window.project, window.current_document_id)) == 1

    out = tmp_path / "out.csv"
    with work_done(qtbot, window):
        window.export_csv_to(out)
    assert "excerpts to" in window.statusBar().currentMessage()
    assert out.read_bytes().startswith(b"\xef\xbb\xbf") and b"excerpt" in out.read_bytes()


def test_recode_from_a_stripe_and_memos_on_references_and_project(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    from coding.memos import get_memo

    window = open_window(qtbot, demo_path)
    window.select_document(find_document(window.project, "04_Kinship_study"))
    settled(qtbot, window)
    _rect, ref = window.viewer_widget.margin.stripe_rects()[0]
    target = find_node(window.project, "Outcomes/Feels worse")
    picker = window.coding.recode_picker(ref)
    qtbot.addWidget(picker)
    qtbot.keyClicks(picker.filter, "Outcomes/Feels worse")
    with qtbot.waitSignal(picker.chosen):
        qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    settled(qtbot, window)
    assert (target, ref.start, ref.end) in spans(window)
    assert (ref.node_id, ref.start, ref.end) not in spans(window)
    window.undo_stack.undo()
    assert (ref.node_id, ref.start, ref.end) in spans(window)

    window._reference_chosen(ref)
    qtbot.keyClicks(window.memo_panel.editor, "Strong quote.")
    window.show_project_memo()
    assert get_memo(window.project, "reference", ref.id) == "Strong quote."
    qtbot.keyClicks(window.memo_panel.editor, "Overall thoughts.")
    window.memo_panel.save()
    assert get_memo(window.project, "project") == "Overall thoughts."


def test_find_says_which_match_after_a_letter_that_lowers_to_two(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """"İ" lowers to two characters, so counting in the lowered text would count from the
    wrong place after it: there the matches are counted in the text itself."""
    from coding.documents import import_files

    notes = tmp_path / "istanbul.txt"
    notes.write_text("İ" * 40 + " mothers in İstanbul; mothers in Izmir; mothers.\n", encoding="utf-8")
    path = tmp_path / "find.realist"
    with Project.create(path) as project:
        import_files(project, [notes])
    window = open_window(qtbot, path)
    window.find_bar.open()
    qtbot.keyClicks(window.find_bar, "mothers")
    assert window.find_bar.matches == 3
    for expected in (1, 2, 3, 1):
        qtbot.keyClick(window.find_bar, Qt.Key.Key_Return)
        assert window.statusBar().currentMessage() == f"Match {expected} of 3"


def test_find_marks_every_match_as_it_is_typed_and_unmarks_on_close(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Seen under Xvfb: typing "mothers" said "6 matches" and showed none of them until Enter
    was pressed, one at a time. Every match is marked as the word is typed, over the coding's
    tint; Esc takes the marks away."""
    from app.theme import found_color

    def marked(window: MainWindow) -> list[tuple[int, int]]:
        offsets = window.viewer_widget.offsets
        return [(offsets.to_codepoint(s.cursor.selectionStart()),
                 offsets.to_codepoint(s.cursor.selectionEnd()))
                for s in window.viewer.extraSelections() if s.format.background().color() == found_color()]

    window = open_window(qtbot, demo_path)
    window.find_bar.open()
    qtbot.keyClicks(window.find_bar, "mothers")
    text = window.current_text
    expected = [(i, i + 7) for i in range(len(text)) if text[i:i + 7].lower() == "mothers"]
    assert len(expected) > 2 and marked(window) == expected
    window.select_document(find_document(window.project, "04_Kinship_study"))
    settled(qtbot, window)  # another document, the bar still open: its matches, marked
    text = window.current_text
    expected = [(i, i + 7) for i in range(len(text)) if text[i:i + 7].lower() == "mothers"]
    assert len(expected) > 2 and marked(window) == expected
    assert window.find_bar.matches == len(expected)
    qtbot.keyClick(window.find_bar, Qt.Key.Key_Escape)
    assert not window.find_bar.isVisible() and marked(window) == []
    assert window.viewer.extraSelections(), "the coding stays marked"
