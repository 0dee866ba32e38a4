"""Every panel follows the open project: close, new, open another, delete what it shows.

A panel shows the current project's live object or is empty and disabled; no editor takes
typing that has nowhere to go (issue 14: memo text typed after Close project was lost).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.coverage_view import CoverageView
from app.main_window import MainWindow
from app.matrix_view import MatrixView
from app.search_view import CooccurrenceView, SearchView
from app.theories_panel import TheoriesPanel
from coding.memos import get_memo
from coding.nodes import find_node
from coding.project import Project
from tests.app.test_backup_actions import _answer_next_message_box
from tests.app.test_workspace import open_window
from tests.app.waiting import settled, work_done
from tests.conftest import add_text_document


def another_project(tmp_path: Path) -> Path:
    path = tmp_path / "other.realist"
    with Project.create(path) as project:
        add_text_document(project, tmp_path, "Other study", "Peer workers helped. Mothers stayed.")
    return path


def review_views(window: MainWindow) -> list:  # type: ignore[type-arg]
    return [window.findChild(kind) for kind in (CoverageView, MatrixView, SearchView,
                                                CooccurrenceView)]


def open_every_review_tool(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    review = window.menu_named("&Review")
    for action in review.actions():
        if action.text() in ("Node &coverage", "&Matrix query", "Text &search", "C&o-occurrence"):
            action.trigger()
    settled(qtbot, window)


def assert_nothing_to_type_into(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    memo = window.memo_panel
    assert not memo.editor.isEnabled()
    assert memo.target is None
    qtbot.keyClicks(memo.editor, "lost words")
    assert memo.editor.toPlainText() == ""


def test_close_empties_and_disables_every_panel_and_action(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, demo_path)
    window.nodes.select_node(find_node(window.project, "Outcomes/Takes up support"))
    open_every_review_tool(qtbot, window)
    coverage = window.findChild(CoverageView)
    assert coverage.table.rowCount() > 0 and window.references_panel.count() == 2
    qtbot.keyClicks(window.memo_panel.editor, "Typed before closing.")
    node_memo = window.memo_panel.target
    assert window.undo_action.isEnabled()  # the typing can be undone, while the project is open

    window.close_project()

    assert window.windowTitle() == "Realist Coder"
    assert_nothing_to_type_into(qtbot, window)
    assert window.memo_panel.label.text() == "No project open"
    assert window.references_panel.count() == 0 and not window.references_panel.isEnabled()
    assert window.documents.count() == 0 and window.nodes.topLevelItemCount() == 0
    assert window.current_text == "" and window.viewer.toPlainText() == ""
    theories = window.findChild(TheoriesPanel, "theoriesPanel")
    assert theories.tree.topLevelItemCount() == 0 and not theories.isEnabled()
    assert coverage.table.rowCount() == 0
    for view in review_views(window):
        assert not view.isEnabled()
    for action in (window.coding.code_to, window.coding.in_vivo, window.export_action,
                   window.memo_action, window.find_action, window.close_action,
                   window.rename_document_action, window.new_node_action, window.undo_action,
                   window.redo_action):
        assert not action.isEnabled(), action.text()
    for action in (window.new_project_action, window.open_action, window.quit_action,
                   window.layout_.reset_action):
        assert action.isEnabled(), action.text()
    with Project.open(demo_path, readonly=True) as project:  # what was typed was kept
        assert get_memo(project, *node_memo) == "Typed before closing."


def test_new_project_from_an_open_one_shows_its_own_project_memo(qtbot, demo_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, demo_path)
    assert window.memo_panel.label.text().startswith("Memo: 01_Harbour")
    fresh = tmp_path / "fresh.realist"
    Project.create(fresh).close()
    assert window.open_project(fresh)
    settled(qtbot, window)
    memo = window.memo_panel
    assert memo.label.text() == "Project memo" and memo.target == ("project", None)
    assert memo.editor.isEnabled() and memo.editor.toPlainText() == ""
    assert window.documents.count() == 0 and window.references_panel.count() == 0
    assert window.windowTitle().startswith("fresh")
    qtbot.keyClicks(memo.editor, "A new review.")
    memo.save()
    assert get_memo(window.project, "project") == "A new review."
    with Project.open(demo_path, readonly=True) as old:
        assert get_memo(old, "project") != "A new review."


def test_opening_another_project_drops_what_the_first_one_showed(qtbot, demo_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, demo_path)
    window.nodes.select_node(find_node(window.project, "Outcomes/Takes up support"))
    open_every_review_tool(qtbot, window)
    search = window.findChild(SearchView)
    search.query.setText("mothers")
    with work_done(qtbot, window):
        search.search()
    assert search.table.rowCount() > 0
    other = another_project(tmp_path)
    assert window.open_project(other)
    settled(qtbot, window)
    assert [d.name for d in window.documents.docs] == ["Other study"]
    assert window.references_panel.count() == 0
    assert search.table.rowCount() == 0 and search.node.count() == 0  # no nodes there
    theories = window.findChild(TheoriesPanel, "theoriesPanel")
    assert theories.tree.topLevelItemCount() == 0 and theories.isEnabled()
    coverage = window.findChild(CoverageView)
    assert coverage.isEnabled() and coverage.table.rowCount() == 0  # the new project has no nodes
    assert window.current_text.startswith("Peer workers helped")
    assert window.memo_panel.label.text() == "Memo: Other study"


def test_deleting_the_shown_node_empties_its_memo_and_references(qtbot, demo_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from app import node_actions

    window = open_window(qtbot, demo_path)
    node = find_node(window.project, "Outcomes/Takes up support")
    window.nodes.select_node(node)
    settled(qtbot, window)
    assert window.memo_panel.target == ("node", node)
    qtbot.keyClicks(window.memo_panel.editor, "About to go.")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    node_actions.delete(window, node)
    settled(qtbot, window)
    assert window.references_panel.node_id != node
    assert window.memo_panel.target != ("node", node)
    if window.memo_panel.target is None:
        assert_nothing_to_type_into(qtbot, window)
    window.undo()  # the memo typed before the delete comes back with the node
    settled(qtbot, window)
    assert get_memo(window.project, "node", node) == "About to go."


def test_deleting_the_shown_document_empties_the_viewer_and_its_memo(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app import document_actions

    window = open_window(qtbot, demo_path)
    doc = window.current_document_id
    assert window.memo_panel.target == ("document", doc)
    _answer_next_message_box(QMessageBox.StandardButton.Yes, [])
    with work_done(qtbot, window):
        document_actions.delete(window)
    assert doc not in window.documents.items
    assert window.current_document_id is None and window.viewer.toPlainText() == ""
    assert_nothing_to_type_into(qtbot, window)


def test_a_project_another_app_holds_opens_read_only_with_a_banner(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    import sys

    from tests.conftest import REPO

    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from coding.project import Project; "
         "p = Project.open(sys.argv[1]); print('held', flush=True); time.sleep(60)",
         str(demo_path)], stdout=subprocess.PIPE, text=True, cwd=REPO)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        window = MainWindow()
        qtbot.addWidget(window)
        window.show()
        _answer_next_message_box(QMessageBox.StandardButton.Ok, [])
        assert window.open_project(demo_path)
        settled(qtbot, window)
        assert window.project.readonly
        assert window.banner.isVisible()
        assert "Read-only" in window.banner.text() and str(holder.pid) in window.banner.text()
        memo = window.memo_panel
        assert memo.editor.isReadOnly()
        qtbot.keyClicks(memo.editor, "cannot be saved")
        assert memo.editor.toPlainText() == get_memo(window.project, *memo.target)
        for action in (window.coding.code_to, window.coding.in_vivo, window.coding.uncode_all,
                       window.rename_document_action, window.delete_document_action,
                       window.new_node_action, window.coding.quick[0]):
            assert not action.isEnabled(), action.text()
        theories_menu = window.menu_named("&Theories")
        edits = [a for a in theories_menu.actions() if a.text().startswith("&New theory")]
        assert edits and not edits[0].isEnabled()
        assert window.export_action.isEnabled() and window.find_action.isEnabled()
        search = window.findChild(SearchView)
        assert not search.code_button.isEnabled()
        assert not window.viewer_widget.editable  # the stripes' Uncode / Recode / Rate greyed
        window.close_project()
        assert not window.banner.isVisible()
    finally:
        holder.kill()
        holder.wait()


def test_the_title_names_the_open_project_only(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, demo_path)
    assert "Demo" in window.windowTitle() or "demo" in window.windowTitle()
    window.close_project()
    assert window.windowTitle() == "Realist Coder"
    assert window.pages.currentWidget() is window.welcome
    assert not window.menu_named("&Code").actions()[0].isEnabled()
    assert Qt.WindowType.Window & window.windowFlags()


def test_a_memo_whose_node_vanishes_unsaved_goes_to_the_clipboard(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from coding.nodes import delete_node

    window = open_window(qtbot, demo_path)
    node = find_node(window.project, "Outcomes/Feels worse")
    window.nodes.select_node(node)
    settled(qtbot, window)
    qtbot.keyClicks(window.memo_panel.editor, "Half a thought")
    window.apply(delete_node(window.project, node))  # deleted elsewhere, mid-typing
    settled(qtbot, window)
    assert window.memo_panel.target is None and not window.memo_panel.editor.isEnabled()
    assert QApplication.clipboard().text() == "Half a thought"
    assert "clipboard" in window.statusBar().currentMessage()


def test_file_open_recent_goes_back_to_an_earlier_project(qtbot, demo_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.menus import fill_recent

    window = open_window(qtbot, demo_path)
    other = another_project(tmp_path)
    window.open_project(other)
    settled(qtbot, window)
    window.close_project()
    assert window.recent_menu.menuAction().isEnabled()  # no project open: still offered
    fill_recent(window)
    texts = [a.text() for a in window.recent_menu.actions()]
    assert texts == [f"&1 other.realist  —  {tmp_path}", f"&2 demo.realist  —  {demo_path.parent}"]
    window.open_project(demo_path)
    settled(qtbot, window)
    fill_recent(window)  # the open project is not offered
    assert [a.text() for a in window.recent_menu.actions()] == [f"&1 other.realist  —  {tmp_path}"]
    window.recent_menu.actions()[0].trigger()
    settled(qtbot, window)
    assert window.project is not None and window.project.path == other


def test_a_project_opened_by_a_relative_name_is_remembered_whole(qtbot, demo_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from app.menus import fill_recent
    from app.welcome import recent_projects

    monkeypatch.chdir(demo_path.parent)
    window = open_window(qtbot, Path(demo_path.name))  # as `realist-coder gui demo.realist`
    window.open_project(demo_path)  # the same file by its whole path: listed once
    settled(qtbot, window)
    assert recent_projects() == [str(demo_path.resolve())]
    fill_recent(window)  # it is the open one
    assert [a.text() for a in window.recent_menu.actions()] == ["No other recent project"]
