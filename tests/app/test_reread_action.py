"""Documents ▸ Read again with the current reader, from the app: one undo step, and a refusal
that changes nothing when a coded passage has no place in the new text."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from app import reread_action
from coding.documents import document_text, find_document
from tests.app.test_workspace import open_window
from tests.app.waiting import settled, work_done
from tests.coding.test_reread import PHRASES, _coded, _older


def test_read_again_moves_the_coding_and_undo_puts_all_back(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "old.realist"
    today = _older(path)
    window = open_window(qtbot, path)
    doc = find_document(window.project, "cermine_test3")
    window.select_document(doc)
    old, coded = document_text(window.project, doc), _coded(window.project)
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda _w, _t, text: asked.append(text)
                        or QMessageBox.StandardButton.Yes)
    actions = [a.text() for a in window.menu_named("&Documents").actions()]
    assert actions[actions.index("&Delete document…") + 1] == "Read &again with the current reader…"
    with work_done(qtbot, window):  # the reading, then (asked) the change: one idle at the end
        window.reread_action.trigger()
    assert "4 excerpts and 1 annotation move to the same words" in asked[0]
    assert document_text(window.project, doc) == today and _coded(window.project) == coded
    settled(qtbot, window)
    assert window.current_text == today  # the view shows the new text, not the coding over the old
    assert window.undo_stack.undoText() == "Read cermine_test3 again"
    window.undo_stack.undo()
    assert document_text(window.project, doc) == old and _coded(window.project) == coded
    settled(qtbot, window)
    assert window.current_text == old
    window.undo_stack.redo()
    assert document_text(window.project, doc) == today


def test_a_passage_read_otherwise_stops_it_and_is_named(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "lost.realist"
    _older(path, damage=PHRASES[2])
    window = open_window(qtbot, path)
    doc = find_document(window.project, "cermine_test3")
    window.select_document(doc)
    old = document_text(window.project, doc)
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _w, _t, text: warned.append(text))
    with work_done(qtbot, window):
        reread_action.reread(window)
    assert "RASHID" in warned[0] and "nothing was changed" in warned[0]
    # named as a researcher finds it: its node and page, not its offsets
    assert "• excerpt coded to Findings, p. 1: “RASHID" in warned[0], warned[0]
    assert document_text(window.project, doc) == old and window.undo_stack.count() == 0


def test_read_all_again_is_one_undo_step_and_lists_what_it_left(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from tests.coding.test_reread_all import _project

    path = tmp_path / "all.realist"
    today = _project(path, tmp_path)
    window = open_window(qtbot, path)
    doc = find_document(window.project, "cermine_test3")
    window.select_document(doc)
    settled(qtbot, window)
    old = document_text(window.project, doc)
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda _w, _t, text: asked.append(text)
                        or QMessageBox.StandardButton.Yes)
    actions = [a.text() for a in window.menu_named("&Documents").actions()]
    assert actions[actions.index("Read &again with the current reader…") + 1] == \
        "Read a&ll documents again…"
    with work_done(qtbot, window):
        window.reread_all_action.trigger()
    assert "Read all 3 documents again" in asked[0]
    box = window.findChild(QMessageBox, "rereadReport")
    assert box is not None
    assert box.text().startswith("1 document read again, 1 the same already, 1 left")
    assert "• cermine_test3 (2): coded passages not in the new text" in box.text()
    assert "    • excerpt coded to Findings, p. 1: “N-HEXANE”" in box.detailedText()
    box.close()
    assert document_text(window.project, doc) == today
    settled(qtbot, window)
    assert window.current_text == today
    assert window.undo_stack.undoText() == "Read 1 document again"
    window.undo_stack.undo()
    assert document_text(window.project, doc) == old
    settled(qtbot, window)
    assert window.current_text == old
    window.undo_stack.redo()
    assert document_text(window.project, doc) == today
