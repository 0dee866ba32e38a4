"""Highlights in a long document: drawn near the screen at open, and wherever the reader scrolls."""

from __future__ import annotations

from pathlib import Path

from app.main_window import MainWindow
from coding.nodes import add_node
from coding.project import Project
from coding.references import code
from tests.conftest import add_text_document


def highlighted(window: MainWindow) -> set[str]:
    return {s.cursor.selectedText() for s in window.viewer.extraSelections()}


def test_every_reference_is_highlighted_once_scrolled_to(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    paragraph = "Peer support 𝑥 helped mothers feel less alone and more hopeful. " * 8
    text = "\n\n".join(f"[{i}] {paragraph}" for i in range(600))  # about 310k code points
    phrases = [f"[{i}] Peer support 𝑥 helped" for i in range(0, 600, 50)]
    with Project.create(tmp_path / "long.realist") as project:
        doc = add_text_document(project, tmp_path, "long", text)
        node = add_node(project, "Outcomes/Feels less alone")
        for phrase in phrases:
            start = text.index(phrase)
            code(project, doc, start, start + len(phrase), [node])
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1000, 700)
    window.show()
    window.open_project(tmp_path / "long.realist")
    assert phrases[0] in highlighted(window)
    assert phrases[-1] not in highlighted(window)  # far off screen: not laid out at open
    bar = window.viewer.verticalScrollBar()
    for step in range(21):
        bar.setValue(bar.maximum() * step // 20)
        first, last = window.viewer_widget.visible_range()
        for phrase in phrases:
            start = text.index(phrase)
            if first <= start <= last:
                assert phrase in highlighted(window), (step, phrase)
    start = text.index(phrases[-1])
    window.viewer_widget.select_span(start, start + 5)
    assert phrases[-1] in highlighted(window)
    stripes = [ref.start for _rect, ref in window.viewer_widget.margin.stripe_rects()]
    assert start in stripes
