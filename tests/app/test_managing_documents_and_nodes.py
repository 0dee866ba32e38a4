"""Managing what was imported, in the app: documents, nodes, the picker, quick codes, spread."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from app import document_actions, node_actions, text_prompt
from app.main_window import MainWindow
from app.node_dialog import NodeDialog
from app.node_tree import NODE_MIME
from app.search_view import SearchView
from coding.documents import find_document, list_documents
from coding.memos import get_memo, set_memo
from coding.nodes import add_node, find_node, get_node, list_nodes
from coding.references import references_for_document
from tests.app.test_workspace import open_window, select
from tests.app.waiting import settled, work_done
from tests.conftest import REPO


def click_next_box(button_text: str, seen: list[str]) -> None:
    """Press the button called `button_text` on the next modal message box."""
    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen.append(box.text())
        next(b for b in box.buttons() if b.text().replace("&", "") == button_text).click()

    QTimer.singleShot(0, answer)


def drop_node(window: MainWindow, node: int, onto: int) -> None:
    """Drag `node` onto `onto` in the tree, as the mouse would (enter, then drop)."""
    tree = window.nodes
    mime = QMimeData()
    mime.setData(NODE_MIME, str(node).encode())
    point = tree.visualItemRect(tree.items[onto]).center()
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QApplication.sendEvent(tree.viewport(), QDragEnterEvent(point, Qt.DropAction.MoveAction,
                                                            mime, buttons, keys))
    QApplication.sendEvent(tree.viewport(), QDropEvent(QPointF(point), Qt.DropAction.MoveAction,
                                                       mime, buttons, keys))


def test_rename_a_document_then_undo(qtbot, demo_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, demo_path)
    doc = window.current_document_id
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Harbour 2019", True))
    window.rename_document_action.trigger()
    settled(qtbot, window)
    assert window.documents.items[doc].text(0) == "Harbour 2019"
    window.undo()
    settled(qtbot, window)
    assert window.documents.items[doc].text(0) == "01_Harbour_peer_visits_evaluation"


def test_delete_a_document_asks_with_its_codings_and_undo_brings_all_back(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, demo_path)
    doc = window.current_document_id
    set_memo(window.project, "document", doc, "Key paper")
    before = references_for_document(window.project, doc)
    seen: list[str] = []
    click_next_box("Yes", seen)
    with work_done(qtbot, window):
        window.delete_document_action.trigger()
    assert f"{len(before)} codings go with it" in seen[0]
    assert doc not in window.documents.items
    assert doc not in [d.id for d in list_documents(window.project)]
    window.undo()
    settled(qtbot, window)
    assert references_for_document(window.project, doc) == before
    assert get_memo(window.project, "document", doc) == "Key paper"
    assert doc in window.documents.items
    window.redo()
    settled(qtbot, window)
    assert doc not in window.documents.items


def test_declining_the_delete_keeps_the_document(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, demo_path)
    doc = window.current_document_id
    click_next_box("No", [])
    document_actions.delete(window)
    settled(qtbot, window)
    assert doc in window.documents.items and not window.undo_stack.canUndo()


def test_reimporting_the_same_file_asks_and_can_skip_it(qtbot, demo_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.import_dialog import import_paths

    window = open_window(qtbot, demo_path)
    source = REPO / "resources" / "demo"
    original = next(p for p in source.rglob("01_Harbour*"))
    copy = tmp_path / "renamed copy.txt"
    shutil.copyfile(original, copy)
    seen: list[str] = []
    click_next_box("Skip them", seen)
    assert import_paths(window, [copy]) is None
    assert "already imported as '01_Harbour_peer_visits_evaluation'" in seen[0]
    assert window.documents.count() == 4
    click_next_box("Import again", seen)
    with work_done(qtbot, window, timeout=60_000):
        dialog = import_paths(window, [copy])
    assert dialog is not None and window.documents.count() == 5


def test_the_list_shows_titles_and_elides_names_in_the_middle(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, demo_path)
    tree = window.documents.tree
    assert tree.headerItem().text(1) == "Title"
    kinship = window.documents.items[find_document(window.project, "04_Kinship_study")]
    assert kinship.text(1).startswith("Kinship: a qualitative study")
    harbour = window.documents.items[find_document(window.project,
                                                   "01_Harbour_peer_visits_evaluation")]
    assert harbour.text(1) == ""  # its title is its name: not said twice
    assert tree.textElideMode() == Qt.TextElideMode.ElideMiddle


def test_a_node_under_an_empty_realist_folder_takes_the_folder_s_role(qtbot) -> None:  # type: ignore[no-untyped-def]
    from coding.nodes import NodeInfo

    def folder(node_id: int, path: str) -> NodeInfo:
        return NodeInfo(node_id, None, path, path, "", "#888888", "none", "deductive", True,
                        0, 0, 0)

    dialog = NodeDialog([folder(1, "Mechanisms"), folder(2, "Themes")], 1)
    qtbot.addWidget(dialog)
    assert dialog.role.currentText() == "mechanism"  # a folder with no children yet
    dialog.parent_combo.setCurrentIndex(dialog.parent_combo.findData(2))
    assert dialog.role.currentText() == "none"
    dialog.parent_combo.setCurrentIndex(0)
    qtbot.keyClicks(dialog.name, "Context/Rural area")
    assert dialog.role.currentText() == "context"


def test_new_node_dialog_inherits_role_and_origin_from_its_parent(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, demo_path)
    parent = find_node(window.project, "Mechanisms/Feels less exposed")
    dialog = node_actions.new_node_dialog(window, parent)
    assert isinstance(dialog, NodeDialog)
    assert dialog.role.currentText() == "mechanism"
    assert dialog.origin.currentText() == get_node(window.project, parent).origin
    dialog.parent_combo.setCurrentIndex(0)  # the top level: nothing to inherit, still mechanism
    assert dialog.role.currentText() == "mechanism"
    qtbot.keyClicks(dialog.name, "Outcomes/Feels hopeful")  # into a realist folder: its role
    assert dialog.role.currentText() == "outcome"
    dialog.name.clear()
    dialog.parent_combo.setCurrentIndex(dialog.parent_combo.findData(
        find_node(window.project, "Contexts/Rural area")))
    assert dialog.role.currentText() == "context"
    dialog.origin.setCurrentText("inductive")
    dialog.origin.activated.emit(1)  # chosen by hand: a later parent no longer overrides it
    qtbot.keyClicks(dialog.name, "Long drive to clinic")
    dialog.description.setPlainText("Distance as a barrier")
    dialog.set_color("#112233")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    settled(qtbot, window)
    made = find_node(window.project, "Contexts/Rural area/Long drive to clinic")
    info = get_node(window.project, made)
    assert (info.role, info.origin, info.color, info.description) == (
        "context", "inductive", "#112233", "Distance as a barrier")
    assert window.nodes.current_node_id() == made
    window.undo()
    settled(qtbot, window)
    assert made not in window.nodes.items


def test_a_path_is_accepted_but_not_one_with_an_empty_part(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, demo_path)
    dialog = node_actions.new_node_dialog(window, None)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    for name, accepted in (("a/b", True), ("a//b", False), ("a/", False), ("/b", False)):
        dialog.name.setText(name)
        assert ok.isEnabled() is accepted, name
    dialog.name.setText("Trust/Feels understood")
    ok.click()  # "Trust" is made too, and undo takes both back
    paths = [n.path for n in list_nodes(window.project)]
    assert "Trust" in paths and "Trust/Feels understood" in paths
    window.undo_stack.undo()
    paths = [n.path for n in list_nodes(window.project)]
    assert "Trust" not in paths and "Trust/Feels understood" not in paths


def test_drag_a_node_onto_another_moves_it_and_undo_moves_it_back(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, demo_path)
    node = find_node(window.project, "Outcomes/Feels worse")
    target = find_node(window.project, "Mechanisms")
    tree = window.nodes
    drop_node(window, node, target)
    settled(qtbot, window)
    assert get_node(window.project, node).path == "Mechanisms/Feels worse"
    assert tree.path_of(node) == "Mechanisms/Feels worse"
    window.undo()
    settled(qtbot, window)
    assert get_node(window.project, node).path == "Outcomes/Feels worse"


def test_a_node_cannot_be_dropped_inside_itself(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, demo_path)
    node = find_node(window.project, "Outcomes")
    child = find_node(window.project, "Outcomes/Feels worse")
    drop_node(window, node, child)
    settled(qtbot, window)
    assert get_node(window.project, node).parent_id is None
    assert not window.undo_stack.canUndo()
    assert "inside itself" not in window.statusBar().currentMessage()  # refused by the tree


def test_move_to_and_edit_description_are_undoable(qtbot, demo_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, demo_path)
    node = find_node(window.project, "Outcomes/Feels worse")
    offered: list[list[str]] = []

    def choose(_parent, _title, _label, items, *a, **k):  # type: ignore[no-untyped-def]
        offered.append(list(items))
        return "(top level)", True

    monkeypatch.setattr(QInputDialog, "getItem", choose)
    node_actions.move_to(window, node)
    assert "Outcomes/Feels worse" not in offered[0]  # not inside itself
    assert get_node(window.project, node).parent_id is None
    monkeypatch.setattr(text_prompt, "ask_text", lambda *a, **k: ("Harm done", True))
    node_actions.describe(window, node)
    assert get_node(window.project, node).description == "Harm done"
    settled(qtbot, window)
    assert "Harm done" in window.nodes.items[node].toolTip(0)
    window.undo()
    window.undo()
    settled(qtbot, window)
    info = get_node(window.project, node)
    assert info.path == "Outcomes/Feels worse" and info.description != "Harm done"


def test_the_picker_ticks_with_space_while_typing(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, demo_path)
    start, end = select(window, "Matching on lived experience")
    picker = window.coding.open_picker()
    qtbot.addWidget(picker)
    qtbot.keyClicks(picker.filter, "feels")
    first_two = [picker.list.item(r) for r in range(picker.list.count())
                 if not picker.list.item(r).isHidden()][:2]
    qtbot.keyClick(picker.filter, Qt.Key.Key_Down)
    qtbot.keyClick(picker.filter, Qt.Key.Key_Space)
    assert picker.filter.hasFocus() or not picker.isActiveWindow()
    qtbot.keyClicks(picker.filter, "rural")  # the filter was selected: a new search
    assert picker.filter.text() == "rural"
    qtbot.keyClick(picker.filter, Qt.Key.Key_Space)
    assert picker.summary.text().count("[") == 2  # both ticked nodes named, one hidden
    with qtbot.waitSignal(picker.chosen) as chosen:
        qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    settled(qtbot, window)
    rural = find_node(window.project, "Contexts/Rural area")
    expected = {first_two[1].data(Qt.ItemDataRole.UserRole), rural}
    assert set(chosen.args[0]) == expected
    coded = {(r.node_id, r.start, r.end) for r in references_for_document(
        window.project, window.current_document_id)}
    assert all((n, start, end) in coded for n in expected)


def test_the_picker_starts_on_the_node_chosen_in_the_tree(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, demo_path)
    rural = find_node(window.project, "Contexts/Rural area")
    window.nodes.select_node(rural)
    start, end = select(window, "Matching on lived experience")
    picker = window.coding.open_picker()
    qtbot.addWidget(picker)
    with qtbot.waitSignal(picker.chosen) as chosen:  # Ctrl+K, Enter: the node in the tree
        qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    settled(qtbot, window)
    assert chosen.args[0] == [rural]
    assert (rural, start, end) in {(r.node_id, r.start, r.end) for r in references_for_document(
        window.project, window.current_document_id)}


def test_quick_code_slots_name_their_nodes_and_are_kept(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, demo_path)
    worse = find_node(window.project, "Outcomes/Feels worse")
    select(window, "Harbour Peer Visits")
    window.coding.code_selection([worse])
    settled(qtbot, window)
    quick = window.coding.quick
    assert quick[0].text() == "Quick code 1: Outcomes/Feels worse"
    assert quick[1].text() == "Quick code 2 (empty)"
    assert quick[0] in window.menu_named("&Code").actions()
    window.close()
    again = MainWindow()
    qtbot.addWidget(again)
    again.show()
    assert again.open_project(demo_path)
    settled(qtbot, again)
    assert again.coding.quick[0].text() == "Quick code 1: Outcomes/Feels worse"
    select(again, "one-to-one volunteer support")
    again.coding.quick[0].trigger()
    settled(qtbot, again)
    spans = {(r.node_id, r.start) for r in references_for_document(
        again.project, again.current_document_id)}
    assert (worse, again.current_text.index("one-to-one volunteer support")) in spans


def test_search_codes_each_hit_with_its_sentence_or_paragraph(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, demo_path)
    window.menu_named("&Review").actions()[2].trigger()  # Text search
    view = window.findChild(SearchView)
    view.query.setText('"lived through similar difficulties"')
    with work_done(qtbot, window):
        view.search()
    assert view.table.rowCount() == 1
    view.set_all_checked(True)
    node = add_node(window.project, "Mechanisms/Shared experience")
    view.load_nodes()
    view.node.setCurrentIndex(view.node.findData(node))
    view.spread.setCurrentIndex(view.spread.findData("sentence"))
    with qtbot.waitSignal(view.coded):
        view.code_checked()
    settled(qtbot, window)
    text = window.current_text
    (ref,) = [r for r in references_for_document(window.project, window.current_document_id)
              if r.node_id == node]
    assert text[ref.start:ref.end].startswith("Harbour Peer Visits matched mothers")
    assert text[ref.start:ref.end].endswith("similar difficulties.")
    window.undo()
    view.spread.setCurrentIndex(view.spread.findData("paragraph"))
    with qtbot.waitSignal(view.coded):
        view.code_checked()
    settled(qtbot, window)
    (ref,) = [r for r in references_for_document(window.project, window.current_document_id)
              if r.node_id == node]
    assert text[ref.start:ref.end].endswith("two coastal towns.")


def test_creating_a_theory_says_which_nodes_it_made(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.theories_panel import TheoriesPanel

    window = open_window(qtbot, demo_path)
    panel = window.findChild(TheoriesPanel, "theoriesPanel")
    node = find_node(window.project, "Contexts/Rural area")
    dialog = panel.new_theory_dialog({node})
    dialog.label.setText("T9")
    dialog.topic.setCurrentText("Distance")
    with work_done(qtbot, window):
        panel.create_theory(dialog)
    message = window.statusBar().currentMessage()
    assert "New theory T9" in message
    assert "Programme theories/Distance/T9" in message and "made nodes" in message


def test_the_picker_cuts_a_long_path_in_its_middle_and_keeps_the_nodes_name(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.node_picker import NodePicker
    from coding.nodes import add_node, list_nodes

    window = open_window(qtbot, demo_path)
    path = "Programme theories/Take-up of support/T1/Peers who share lived experience of it"
    add_node(window.project, path, role="context")
    picker = NodePicker(list_nodes(window.project), window)
    qtbot.addWidget(picker)
    picker.show()
    qtbot.waitExposed(picker)
    item = next(picker.list.item(r) for r in range(picker.list.count())
                if picker.list.item(r).toolTip() == path)
    assert picker.list.textElideMode() == Qt.TextElideMode.ElideMiddle
    assert picker.list.horizontalScrollBar().maximum() == 0  # cut, not scrolled to
    assert picker.list.fontMetrics().horizontalAdvance(item.text()) > picker.list.viewport().width()
