"""Screenshots of the workspace on the demo project: `python -m tests.app.screenshots`.

Rendered offscreen with QWidget.grab(), so no display is needed; written to docs/.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

DOCS = Path(__file__).resolve().parents[2] / "docs"


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from app.main_window import MainWindow
    from coding.cli.demo import build_demo
    from coding.documents import find_document
    from coding.nodes import find_node

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("RealistCoderScreenshots")
    DOCS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "demo.realist"
        build_demo(path).close()
        window = MainWindow()
        window.resize(1400, 860)
        window.show()
        window.open_project(path)
        window.select_document(find_document(window.project, "01_Harbour_peer_visits_evaluation"))
        window.nodes.select_node(find_node(window.project, "Outcomes/Takes up support"))
        text = window.current_text
        start = text.index("Mothers described feeling understood")
        window.viewer_widget.select_span(start, start + 120)
        app.processEvents()
        window.grab().save(str(DOCS / "workspace.png"))
        picker = window.coding.open_picker()
        assert picker is not None
        picker.filter.setText("feel")
        picker.move(window.geometry().center() - picker.rect().center())
        app.processEvents()
        picker.grab().save(str(DOCS / "node_picker.png"))
        picker.close()
        window.select_document(find_document(window.project, "04_Kinship_study"))
        pane = window.document_pane
        pane.set_mode("page")
        for _ in range(3):  # pages open, geometry comes, visible pages render
            window.background.wait()
            pane.page_view.renderer.wait()
            app.processEvents()
        window.grab().save(str(DOCS / "page_view.png"))
        pane.set_mode("text")
        window.close()
    print(f"wrote screenshots to {DOCS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
