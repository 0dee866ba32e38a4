"""Viewer figures: open a 300-page thesis (800k characters) with 2,000 references; code a span;
find as you type, its matches marked, beside counting them alone."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path


def run(quick: bool) -> list[dict[str, object]]:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from app.main_window import MainWindow
    from coding.documents import document_text
    from coding.nodes import add_node
    from coding.project import Project
    from tests.benchmarks.synthetic import add_thesis

    app = QApplication.instance() or QApplication([])
    chars, refs = (200_000, 500) if quick else (800_000, 2_000)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with Project.create(folder / "bench.realist") as project:
            nodes = [add_node(project, f"Node {i}") for i in range(20)]
            doc = add_thesis(project, folder, chars, refs, nodes)
            text = document_text(project, doc)
        window = MainWindow()
        window.resize(1200, 800)
        window.show()
        window.open_project(folder / "bench.realist")
        app.processEvents()
        t0 = time.perf_counter()
        window.show_document(doc)
        window.viewer_widget.margin.repaint()
        app.processEvents()
        open_s = time.perf_counter() - t0
        n_refs = len(window.viewer_widget.refs)
        scroll = window.viewer.verticalScrollBar()
        t0 = time.perf_counter()
        for step in range(20):
            scroll.setValue(scroll.maximum() * step // 20)
            window.viewer_widget.margin.repaint()
        scroll_ms = (time.perf_counter() - t0) / 20 * 1000
        start = text.index("hope", 1000)
        window.viewer_widget.select_span(start, start + 40)
        t0 = time.perf_counter()
        window.coding.code_selection([nodes[0]])
        window.viewer_widget.margin.repaint()
        app.processEvents()
        code_s = time.perf_counter() - t0
        find_ms, count_ms = _find_keystrokes(app, window, text)
        window.close()
    tag = f"{chars // 1000}k chars, {n_refs} references"
    return [
        {"name": f"viewer open with highlights and stripes ({tag})", "value": round(open_s, 3),
         "unit": "s", "baseline": 0.3},
        {"name": f"viewer scroll step with stripe repaint ({tag})", "value": round(scroll_ms, 1),
         "unit": "ms"},
        {"name": f"code keystroke to highlight visible ({tag})", "value": round(code_s, 3),
         "unit": "s"},
        {"name": f"find as you type, a keystroke with its matches marked, 'e' to 'evidence' "
                 f"(counting them alone = baseline; {tag})", "value": round(find_ms, 1),
         "unit": "ms", "baseline": round(count_ms, 1)},
    ]


def _find_keystrokes(app, window, text: str) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """The find bar typed into a letter at a time, the median keystroke, its matches marked in
    the view; and the same keystrokes with the view told nothing (the count alone)."""
    import statistics

    from PySide6.QtTest import QTest

    def typed() -> float:
        window.find_bar.open()
        window.find_bar.setText("")
        app.processEvents()
        times = []
        for letter in "evidence":
            t0 = time.perf_counter()
            QTest.keyClicks(window.find_bar, letter)
            app.processEvents()
            times.append((time.perf_counter() - t0) * 1000)
        return statistics.median(times)

    typed()  # the first marks on a document: Qt's first paint of extra selections, once
    marked = typed()
    pane = window.document_pane
    show_found = pane.show_found
    pane.show_found = lambda _finder: None
    alone = typed()
    pane.show_found = show_found
    return marked, alone
