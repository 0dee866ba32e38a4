"""An empty panel says what fills it: the documents, nodes and theories of a new project."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QTreeWidget

from app.document_list import NO_DOCUMENTS
from app.theories_panel import NO_THEORIES, TheoriesPanel
from coding.changes import Changes
from coding.nodes import add_node
from coding.project import Project
from tests.app.test_workspace import open_window
from tests.app.waiting import settled
from tests.conftest import add_text_document


def _inked(tree: QTreeWidget) -> int:
    """How many pixels of the tree's viewport are not its background."""
    image = tree.viewport().grab().toImage()
    background = image.pixelColor(image.width() - 1, image.height() - 1)
    return sum(image.pixelColor(x, y) != background
               for x in range(0, image.width(), 2) for y in range(0, min(image.height(), 80), 2))


def test_a_new_project_s_panels_say_what_fills_them(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "new.realist"
    Project.create(path).close()
    window = open_window(qtbot, path)
    documents = window.documents.tree
    theories = window.findChild(TheoriesPanel, "theoriesPanel").tree
    assert documents.hint == NO_DOCUMENTS and theories.hint == NO_THEORIES
    assert _inked(documents) > 50 and _inked(window.nodes) > 50  # the hints, painted

    add_node(window.project, "Contexts/Rural area")
    window.apply(Changes(nodes=True))
    settled(qtbot, window)
    assert window.nodes.topLevelItemCount() == 1
    window.close_project()
    assert documents.hint == "" and theories.hint == ""  # no project: nothing to say
    assert _inked(documents) == 0


def test_the_status_line_counts_in_words(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """'Opened ana: 1 documents, 1 nodes' was seen on opening a project of one article."""
    path = tmp_path / "one.realist"
    with Project.create(path) as p:
        add_text_document(p, tmp_path, "Smith 2019", "Peer support helped.\n")
        add_node(p, "Findings")
    window = open_window(qtbot, path)
    assert window.statusBar().currentMessage() == "Opened one: 1 document, 1 node"
