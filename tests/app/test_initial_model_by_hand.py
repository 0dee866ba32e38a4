"""Entering the initial model by hand in a new project: the dialogs' origin, the empty elements
list, and the panels a researcher reads the model from while nothing is grouped yet."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel

from app.main_window import MainWindow
from app.theories_panel import TheoriesPanel
from coding.cases import assign_documents, ensure_case
from coding.documents import import_files
from coding.nodes import add_node, find_node
from coding.project import Project
from coding.realist.theories import add_theory, find_theory, list_theories
from coding.references import code
from tests.app.test_theory_create_delete_undo import select
from tests.app.waiting import work_done


def new_project(tmp_path: Path, text: str = "Peers who had been there made people stay.") -> Path:
    path = tmp_path / "review.realist"
    source = tmp_path / "study.txt"
    source.write_text(text, encoding="utf-8")
    with Project.create(path) as project:
        import_files(project, [source])
    return path


def open_panel(qtbot, path: Path) -> tuple[MainWindow, TheoriesPanel]:  # type: ignore[no-untyped-def]
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_project(path)
    window.show()
    qtbot.waitExposed(window)
    return window, window.findChild(TheoriesPanel, "theoriesPanel")


def test_before_any_coding_a_theory_and_its_elements_are_initial(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window, panel = open_panel(qtbot, new_project(tmp_path))
    dialog = panel.new_theory_dialog()
    qtbot.addWidget(dialog)
    assert dialog.origin.currentText() == "initial"
    # no C/M/O node exists: the dialog says where elements come from instead of an empty list
    hint = dialog.findChild(QLabel, "noElements")
    assert "Add element" in hint.text() and dialog.nodes.isHidden()
    dialog.label.setText("T1")
    dialog.topic.setCurrentText("Take-up")
    with work_done(qtbot, window):
        panel.create_theory(dialog)
    project = window.project
    assert [t.origin for t in list_theories(project)] == ["initial"]

    select(panel, "T1")
    element = panel.element_dialog()
    qtbot.addWidget(element)
    assert element.origin.currentText() == "initial"  # still entering the model
    element.role.setCurrentText("context")
    element.name.setEditText("Peers share lived experience")
    with work_done(qtbot, window):
        panel.add_chosen_element(find_theory(project, "T1"), element)
    t1 = next(t for t in list_theories(project) if t.label == "T1")
    assert [(e.name, e.origin) for e in t1.elements] == [("Peers share lived experience", "initial")]

    # once something is coded, what is entered by hand is a refinement or a new theory
    node = find_node(project, "Contexts/Peers share lived experience")
    code(project, project_document(project), 0, 5, [node])
    panel.refresh()
    select(panel, "T1")
    later = panel.element_dialog()
    qtbot.addWidget(later)
    assert later.origin.currentText() == "new"
    another = panel.new_theory_dialog()
    qtbot.addWidget(another)
    assert another.origin.currentText() == "new"
    assert not another.nodes.isHidden()  # the element it made is offered


def project_document(project: Project):  # type: ignore[no-untyped-def]
    from coding.documents import list_documents

    return list_documents(project)[0].id


def test_a_part_evidenced_by_documents_in_no_intervention_is_counted_not_dashed(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = new_project(tmp_path)
    with Project.open(path) as project:
        add_theory(project, "T1", topic="Take-up", contexts=["Peers"], outcomes=["Stay"])
        code(project, project_document(project), 0, 5, [find_node(project, "Contexts/Peers")])
    window, panel = open_panel(qtbot, path)
    select(panel, "T1")
    row = panel.tree.currentItem()
    assert (row.text(2), row.text(3), row.text(4)) == ("1 doc", "–", "–")  # C, M, O
    project = window.project
    assign_documents(project, {project_document(project): ensure_case(project, "Peer visits")})
    panel.refresh()
    select(panel, "T1")
    assert panel.tree.currentItem().text(2) == "#1"


def test_a_long_node_name_leaves_the_roles_in_view(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = new_project(tmp_path)
    with Project.open(path) as project:
        add_node(project, "Peers who have lived through the same illness share what helped "
                 "them and what did not", role="context")
    window, _ = open_panel(qtbot, path)
    tree = window.nodes
    tree.resize(280, 300)
    tree.fit_columns()
    right_of_roles = tree.columnWidth(0) + tree.columnWidth(1)
    assert right_of_roles <= tree.viewport().width()
    assert tree.columnWidth(0) >= 120
    tree.resize(900, 300)  # room enough: the name is shown whole
    assert tree.columnWidth(0) == tree.sizeHintForColumn(0)


def test_a_long_status_leaves_the_c_m_o_columns_in_view(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window, panel = open_panel(qtbot, demo_path)
    tree = panel.tree
    tree.resize(280, 300)
    select(panel, "N1")  # "partly supported: no mechanism or outcome evidence" in the demo
    row = tree.currentItem()
    assert row.text(1).startswith("partly supported: ") and row.toolTip(1) == row.text(1)
    assert sum(tree.columnWidth(c) for c in range(3)) <= tree.viewport().width()  # to C
    assert tree.columnWidth(1) < tree.sizeHintForColumn(1)  # the status is cut short
    tree.resize(420, 300)  # a dock a little wider: the M and O columns come into view too
    assert sum(tree.columnWidth(c) for c in range(5)) <= tree.viewport().width()
    tree.resize(1200, 300)  # room enough: every column whole
    assert tree.columnWidth(1) >= tree.sizeHintForColumn(1)
