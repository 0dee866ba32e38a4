"""Screenshots of the workspace on the demo project: `python -m tests.app.screenshots`.

Rendered offscreen with QWidget.grab() at 1,280×800 (the smallest screen the window is built
for), with the review tools open as tabs; written to docs/.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

DOCS = Path(__file__).resolve().parents[2] / "docs"
SIZE = (1280, 800)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QSettings, Qt
    from PySide6.QtWidgets import QApplication

    from app.main_window import MainWindow
    from app.theories_panel import TheoriesPanel
    from coding.cli.demo import build_demo
    from coding.documents import find_document
    from coding.nodes import find_node

    app = QApplication.instance() or QApplication(sys.argv[:1])
    DOCS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)  # a fresh layout, not the user's
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        app.setOrganizationName("RealistCoderScreenshots")
        path = Path(tmp) / "demo.realist"
        build_demo(path).close()
        window = MainWindow()
        window.resize(*SIZE)
        window.show()
        window.open_project(path)

        def settle() -> None:
            """Until the background work (the views' redraws) has ended, then one paint."""
            if window.background.busy():
                loop = QEventLoop()
                window.background.idle.connect(loop.quit)
                loop.exec()
                window.background.idle.disconnect(loop.quit)
            app.processEvents()

        window.select_document(find_document(window.project, "01_Harbour_peer_visits_evaluation"))
        window.nodes.select_node(find_node(window.project, "Outcomes/Takes up support"))
        text = window.current_text
        start = text.index("Mothers described feeling understood")
        window.viewer_widget.select_span(start, start + 120)
        settle()
        window.grab().save(str(DOCS / "workspace.png"))
        picker = window.coding.open_picker()
        assert picker is not None
        picker.filter.setText("feel")
        picker.move(window.geometry().center() - picker.rect().center())
        settle()
        picker.grab().save(str(DOCS / "node_picker.png"))
        picker.close()
        window.select_document(find_document(window.project, "04_Kinship_study"))
        settle()
        pane = window.document_pane
        pane.set_mode("page")
        for _ in range(3):  # pages open, geometry comes, visible pages render
            window.background.wait()
            pane.page_view.renderer.wait()
            app.processEvents()
        window.grab().save(str(DOCS / "page_view.png"))
        pane.set_mode("text")
        review = {a.text(): a for a in window.menu_named("&Review").actions()}
        for name in ("Text &search", "C&o-occurrence", "&Matrix query", "Node &coverage"):
            review[name].trigger()  # every tool open, as tabs; the last one in front
        settle()
        window.grab().save(str(DOCS / "review_tools.png"))
        theories = window.layout_.dock("theoriesDock")
        theories.show()
        theories.raise_()
        window.layout_.dock("referencesDock").raise_()
        window.resizeDocks([theories], [560], Qt.Orientation.Horizontal)  # as a reader would
        panel = window.findChild(TheoriesPanel, "theoriesPanel")
        panel.tree.setCurrentItem(panel.tree.topLevelItem(0).child(0))
        settle()
        window.grab().save(str(DOCS / "theories_panel.png"))
        model = panel.show_model()
        model.resize(1100, 700)
        settle()
        model.grab().save(str(DOCS / "model_view.png"))
        model.close()
        window.close()
    print(f"wrote screenshots to {DOCS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
