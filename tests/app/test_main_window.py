from __future__ import annotations

from pathlib import Path

from app.main_window import MainWindow
from app.offsets import OffsetMap
from coding.nodes import add_node
from coding.project import Project
from coding.references import code
from coding.review.spans import find_phrase
from tests.conftest import add_text_document


def test_window_shows_demo_documents_nodes_and_highlights(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_project(demo_path)
    assert window.documents.count() == 4
    assert window.nodes.topLevelItemCount() >= 4
    assert window.viewer.toPlainText().startswith("Harbour Peer Visits")
    assert len(window.viewer.extraSelections()) > 0


def test_highlight_covers_exactly_the_coded_non_bmp_characters(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = "Let 𝑥 be 😀 joy; then 𝑦 follows."
    with Project.create(tmp_path / "p.realist") as project:
        doc = add_text_document(project, tmp_path, "math", text)
        node = add_node(project, "N")
        start, end = find_phrase(text, "😀 joy; then 𝑦")
        code(project, doc, start, end, [node])
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_project(tmp_path / "p.realist")
    (selection,) = window.viewer.extraSelections()
    assert selection.cursor.selectedText() == "😀 joy; then 𝑦"


def test_offset_map_round_trips() -> None:
    text = "a𝑥b😀c" * 3
    offsets = OffsetMap(text)
    for cp in range(len(text) + 1):
        u16 = offsets.to_utf16(cp)
        assert u16 == len(text[:cp].encode("utf-16-le")) // 2
        assert offsets.to_codepoint(u16) == cp


def test_background_work_reports_back_on_the_ui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QThread

    window = MainWindow()
    qtbot.addWidget(window)
    seen: list[object] = []

    def work() -> bool:
        return QThread.currentThread() is not window.thread()

    with qtbot.waitSignal(window.background.finished, timeout=5000):
        window.run_in_background(work, lambda off_ui: seen.append(
            (off_ui, QThread.currentThread() is window.thread())))
    assert seen == [(True, True)]
    errors: list[BaseException] = []
    with qtbot.waitSignal(window.background.finished, timeout=5000):
        window.run_in_background(lambda: 1 / 0, lambda _r: None, errors.append)
    assert isinstance(errors[0], ZeroDivisionError)
