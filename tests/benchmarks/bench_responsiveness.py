"""The UI never freezes for more than 50 ms: the longest event-loop stall on the benchmark project.

A 10 ms watchdog timer notes the gap between its ticks while the workspace is driven through the
event loop: open the 800k-character thesis, code, uncode, switch nodes, find, switch documents.
A gap of G ms means the loop was busy for about G - 10 ms; the worst gap per step is printed.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

TICK_MS = 10


def _steps(window, thesis: int, other: int, node: int, busy_node: int) -> list[tuple[str, Callable[[], object]]]:  # type: ignore[no-untyped-def]
    text = lambda: window.current_text  # noqa: E731
    viewer = window.viewer_widget

    def select_phrase() -> None:
        start = text().index("hope", 5_000)
        viewer.select_span(start, start + 60)

    def find(word: str) -> None:
        window.find_bar.open()
        window.find_bar.setText(word)
        window.find_bar.step()

    return [
        ("open the thesis", lambda: window.select_document(thesis)),
        ("select text", select_phrase),
        ("code the selection", lambda: window.coding.code_selection([node])),
        ("uncode the selection", lambda: window.coding.uncode_selection()),
        ("undo the uncode", window.undo),
        ("switch to a node", lambda: window.nodes.select_node(node)),
        ("switch to the busiest node", lambda: window.nodes.select_node(busy_node)),
        ("find in document", lambda: find("understood")),
        ("find next", lambda: window.find_bar.step()),
        ("switch to a small document", lambda: window.select_document(other)),
        ("back to the thesis", lambda: window.select_document(thesis)),
    ]


def run(quick: bool) -> list[dict[str, object]]:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from app.main_window import MainWindow
    from coding.nodes import list_nodes
    from coding.project import Project
    from tests.benchmarks.synthetic import add_thesis, build_synthetic

    app = QApplication.instance() or QApplication([])
    docs, nodes, refs = (60, 50, 6_000) if quick else (300, 150, 30_000)
    chars, thesis_refs = (200_000, 500) if quick else (800_000, 2_000)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = build_synthetic(folder / "bench.realist", documents=docs, nodes=nodes, references=refs)
        with Project.open(path) as project:
            node_ids = [n.id for n in list_nodes(project) if n.parent_id is not None]
            thesis = add_thesis(project, folder, chars, thesis_refs, node_ids[:20])
            busy = max(list_nodes(project), key=lambda n: n.reference_count).id
        window = MainWindow()
        window.resize(1200, 800)
        window.show()
        window.open_project(path)
        app.processEvents()
        steps = _steps(window, thesis, 1, node_ids[0], busy)
        worst: dict[str, float] = {}
        state = {"step": "idle", "last": time.perf_counter()}

        def tick() -> None:
            now = time.perf_counter()
            gap = (now - state["last"]) * 1000  # type: ignore[operator]
            state["last"] = now
            worst[state["step"]] = max(worst.get(state["step"], 0.0), gap)  # type: ignore[index]

        watchdog = QTimer()
        watchdog.setTimerType(watchdog.timerType().PreciseTimer)
        watchdog.setInterval(TICK_MS)
        watchdog.timeout.connect(tick)
        loop = QEventLoop()
        queue = list(steps)

        def next_step() -> None:
            if not queue:
                loop.quit()
                return
            name, action = queue.pop(0)
            state["step"] = name
            action()
            QTimer.singleShot(250, next_step)  # the gap after an action counts for that action

        state["last"] = time.perf_counter()
        watchdog.start()
        QTimer.singleShot(100, next_step)
        loop.exec()
        watchdog.stop()
        window.close()
    tag = f"{docs}d/{nodes}n/{refs}r + thesis {chars // 1000}k chars"
    records: list[dict[str, object]] = [
        {"name": f"longest UI stall ({tag})", "value": round(max(worst.values()) - TICK_MS, 1),
         "unit": "ms", "baseline": 50},
    ]
    records += [{"name": f"UI stall: {name}", "value": round(gap - TICK_MS, 1), "unit": "ms"}
                for name, _a in steps for gap in [worst.get(name, 0.0)]]
    return records
