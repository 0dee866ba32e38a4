"""A second reviewer in the app: the identity asked on first start, File ▸ Merge project…,
Review ▸ Coding comparison, and resolving a disagreement — each undone with Ctrl+Z."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from app.coder_actions import IdentityDialog, ensure_identity, merge_into_project
from app.comparison_view import ComparisonView
from app.main_window import MainWindow
from coding import identity
from coding.coders import list_coders
from coding.documents import find_document, import_files
from coding.nodes import add_node, find_node
from coding.project import Project
from coding.references import code, references_for_node
from tests.app.waiting import work_done
from tests.coding.two_coders import ANA, BEN

TEXT = ("Mothers said the peer supporter understood them. Some felt judged by family. "
        "Groups that were not facilitated well left some feeling worse.\n")


def _span(words: str) -> tuple[int, int]:
    return TEXT.index(words), TEXT.index(words) + len(words)


def _project(folder: Path, name: str, who, spans: list[str]) -> Path:  # type: ignore[no-untyped-def]
    folder.mkdir()
    source = folder / "Smith 2019.txt"
    source.write_text(TEXT, encoding="utf-8")
    path = folder / f"{name}.realist"
    with Project.create(path, coder=who) as p:
        import_files(p, [source])
        node = add_node(p, "Contexts/Fear of judgement", role="context")
        for words in spans:
            code(p, find_document(p, "Smith 2019"), *_span(words), [node])
    return path


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    ours = _project(tmp_path / "ana", "ana", ANA, ["felt judged by family"])
    theirs = _project(tmp_path / "ben", "ben", BEN, ["judged by family. Groups"])
    return ours, theirs


def test_first_start_asks_for_name_and_initials(qtbot) -> None:  # type: ignore[no-untyped-def]
    identity.config_path().unlink()
    dialog = IdentityDialog(first_start=True)
    qtbot.addWidget(dialog)
    dialog.show()
    # as tall as its wrapped text needs at its width: no blank band under the buttons
    assert dialog.height() <= dialog.layout().heightForWidth(dialog.width()) + 2
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert not save.isEnabled()  # no name, no saving
    qtbot.keyClicks(dialog.name, "Ana Maria Silva")  # QTest types ASCII only
    assert dialog.initials.text() == "AMS" and save.isEnabled()
    dialog.initials.clear()
    qtbot.keyClicks(dialog.initials, "AS")
    dialog.name.setText("Ana María Silva Lopes")  # edited initials stay as typed
    assert dialog.initials.text() == "AS"
    saved = dialog.save()
    assert identity.stored_identity() == saved
    assert (saved.name, saved.initials) == ("Ana María Silva Lopes", "AS")


def test_first_start_does_not_ask_when_the_command_line_says_who(  # type: ignore[no-untyped-def]
        qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    """`realist-coder --coder NAME gui` (or REALIST_CODER) on a first start asked for the name
    all the same; it asks only when nothing said who is coding."""
    identity.config_path().unlink()
    asked: list[str] = []

    def dismiss() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, IdentityDialog) and widget.isVisible():
                asked.append("asked")
                widget.reject()

    timer = QTimer()
    timer.timeout.connect(dismiss)
    timer.start(10)
    for name, env in (("Ana Silva", None), (None, "Ben Okafor")):
        identity.use_for_process(name)
        if env is not None:
            monkeypatch.setenv(identity.CODER_ENV, env)
        try:
            ensure_identity()
        finally:
            identity.use_for_process(None)
        assert not asked
    monkeypatch.delenv(identity.CODER_ENV)
    ensure_identity()  # nobody said: the dialog, dismissed by the timer
    timer.stop()
    assert asked == ["asked"] and identity.stored_identity() is None


def test_merge_then_compare_then_resolve_each_undoable(qtbot, pair) -> None:  # type: ignore[no-untyped-def]
    ours, theirs = pair
    identity.save_identity(ANA.name, ANA.initials)
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_project(ours)
    with work_done(qtbot, window):
        merge_into_project(window, theirs)
    assert "References added: 1 (1 Ben Okafor)" in window.merge_report.detailedText()
    assert window.merge_report.text().startswith("Merged from ")  # sentences, in the app
    window.merge_report.close()
    node = find_node(window.project, "Contexts/Fear of judgement")
    assert len(references_for_node(window.project, node)) == 2
    window.undo()  # undo and redo steps run through the core at once
    assert len(references_for_node(window.project, node)) == 1
    window.redo()
    assert {c.name for c in list_coders(window.project) if c.references} == {
        "Ana Silva", "Ben Okafor"}

    view = window.findChild(ComparisonView)
    action = next(a for a in window.menu_named("&Review").actions()
                  if a.text() == "Coding co&mparison")
    with qtbot.waitSignal(view.refreshed, timeout=20_000):
        action.trigger()
    rows = {(view.table.item(r, 0).text(), view.table.item(r, 1).text()): r
            for r in range(view.table.rowCount())}
    row = rows[("Contexts/Fear of judgement", "Smith 2019")]
    # Ana [felt judged by family], Ben [judged by family. Groups]: both 16, Ana only 5, Ben 8
    assert view.table.item(row, 5).text() == str(round(100 * 16 / len(TEXT), 2))
    view.table.selectRow(row)
    assert view.open_button.isEnabled()
    with work_done(qtbot, window):
        view.open_button.click()
    dialog = view.dialog
    assert dialog is not None and "Ben Okafor: 1 excerpt." in dialog.status.text()
    assert len(dialog.viewer.lanes) == 2  # one stripe lane per coder
    with work_done(qtbot, window):
        qtbot.mouseClick(dialog.keep_buttons["a"], Qt.MouseButton.LeftButton)
    spans = {(r.coder_id, r.start, r.end) for r in references_for_node(window.project, node)}
    assert {(s, e) for _, s, e in spans} == {_span("felt judged by family")}
    assert "Both coders agree here." in dialog.status.text()
    with qtbot.waitSignal(dialog.loaded, timeout=20_000):  # the stripes redraw too
        window.undo()
    back = {(r.start, r.end) for r in references_for_node(window.project, node)}
    assert back == {_span("felt judged by family"), _span("judged by family. Groups")}
    assert window.undo_stack.count() == 2  # the merge and the resolution


def test_review_filters_offer_the_coder(qtbot, pair) -> None:  # type: ignore[no-untyped-def]
    from app.coverage_view import CoverageView
    from coding.exchange.merge import merge_project

    ours, theirs = pair
    with Project.open(ours, coder=ANA) as p:
        merge_project(p, theirs)
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_project(ours)
    view = window.findChild(CoverageView)
    with qtbot.waitSignal(view.refreshed, timeout=20_000):
        view.refresh()
    row = next(r for r in range(view.table.rowCount())
               if view.table.item(r, 0).text() == "Contexts/Fear of judgement")
    assert view.table.item(row, 6).text() == str(len("felt judged by family. Groups"))
    combo = view.filters.coder
    assert [combo.itemText(i) for i in range(combo.count())] == [  # who codes here, first
        "any", "Test Researcher (TR)", "Ana Silva (AS)", "Ben Okafor (BO)"]
    with qtbot.waitSignal(view.refreshed, timeout=20_000):
        combo.setCurrentIndex(combo.findText("Ben Okafor (BO)"))
    row = next(r for r in range(view.table.rowCount())
               if view.table.item(r, 0).text() == "Contexts/Fear of judgement")
    assert view.table.item(row, 6).text() == str(len("judged by family. Groups"))


def test_review_docks_left_open_are_filled_when_the_app_starts(qtbot, pair) -> None:  # type: ignore[no-untyped-def]
    """`app.main` opens the project, then shows the window: a dock the last session left open
    is not yet visible when the project opens, and its coder lists and table stayed empty."""
    from PySide6.QtWidgets import QDockWidget

    from app.coverage_view import CoverageView
    from coding.exchange.merge import merge_project

    ours, theirs = pair
    with Project.open(ours, coder=ANA) as p:
        merge_project(p, theirs)
    window = MainWindow()
    qtbot.addWidget(window)
    for name in ("comparisonDock", "coverageDock"):  # as the saved layout leaves them
        window.findChild(QDockWidget, name).show()
    comparison, coverage = window.findChild(ComparisonView), window.findChild(CoverageView)
    with qtbot.waitSignals([comparison.refreshed, coverage.refreshed], timeout=20_000):
        window.open_project(ours)
        window.show()
    assert comparison.coder_a.count() == comparison.coder_b.count() == 3
    # compared (the person at this keyboard, first in the lists, has coded nothing yet)
    assert comparison.summary.text() != "Choose two coders."
    assert coverage.table.rowCount() > 0
