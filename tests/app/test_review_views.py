"""The review views driven through real widgets: coverage, matrix drill-down, search-then-code."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import Qt

from app.coverage_view import CoverageView
from app.main_window import MainWindow
from app.matrix_view import MatrixView
from app.search_view import SearchView
from coding.nodes import add_node, find_node
from coding.project import Project
from coding.references import references_for_node
from tests.coding.review_project import known_file


def _window(qtbot, path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_project(path)
    return window


def _rows(table) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    return {
        table.item(r, 0).text(): [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    }


def test_coverage_view_shows_exact_numbers_flags_empty_rows_and_exports(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = known_file(tmp_path)
    with Project.open(path) as p:
        add_node(p, "Contexts/Distance", role="context", origin="deductive")  # uncoded: a gap
    window = _window(qtbot, path)
    view = window.findChild(CoverageView)
    with qtbot.waitSignal(view.refreshed, timeout=10_000):
        view.refresh()
    rows = _rows(view.table)
    assert rows["Contexts/Fear"][1:] == ["context", "deductive", "2", "1", "1", "70", "35"]
    row_of = {view.table.item(r, 0).text(): r for r in range(view.table.rowCount())}
    empty_brush = view.table.item(row_of["Contexts/Distance"], 3).background().color().name()
    assert empty_brush == "#fdecea"
    assert view.table.item(row_of["Contexts/Fear"], 3).background().style() == Qt.BrushStyle.NoBrush
    # a folder holds its nodes' coding, not its own: no gap in the evidence
    assert view.table.item(row_of["Contexts"], 3).background().style() == Qt.BrushStyle.NoBrush
    shaded = sum(view.table.item(r, 3).background().style() != Qt.BrushStyle.NoBrush
                 for r in range(view.table.rowCount()))
    assert view.summary.text() == f"{view.table.rowCount()} rows; {shaded} with no evidence (shaded)"
    assert shaded == 1
    view.table.sortItems(6, Qt.SortOrder.DescendingOrder)  # Characters, as a header click does
    assert [view.table.item(r, 0).text() for r in range(3)] == [
        "Contexts/Fear", "Mechanisms/Understood", "Other"]
    sorted_out = tmp_path / "sorted.csv"
    view.export_to(sorted_out)
    with sorted_out.open(encoding="utf-8", newline="") as fh:
        assert [r["Node"] for r in csv.DictReader(fh)][:3] == [
            "Contexts/Fear", "Mechanisms/Understood", "Other"]
    row_of = {view.table.item(r, 0).text(): r for r in range(view.table.rowCount())}
    with qtbot.waitSignal(view.details_shown, timeout=10_000):
        view.table.selectRow(row_of["Contexts/Fear"])
    assert _rows(view.detail) == {"d1": ["d1", "2", "70", "35"]}
    with qtbot.waitSignal(view.refreshed, timeout=10_000):
        view.filters.rows.setCurrentText("theories")
    assert _rows(view.table)["T1"][1:] == ["Take-up", "initial", "5", "2", "2", "90", "36"]
    with qtbot.waitSignal(view.refreshed, timeout=10_000):
        view.filters.rows.setCurrentText("nodes")
    with qtbot.waitSignal(view.refreshed, timeout=10_000):
        view.filters.role.setCurrentText("mechanism")
    assert list(_rows(view.table)) == ["Mechanisms/Understood"]
    out = tmp_path / "cov.csv"
    assert view.export_to(out) == 1
    with out.open(encoding="utf-8", newline="") as fh:
        (exported,) = list(csv.DictReader(fh))
    assert exported["Node"] == "Mechanisms/Understood" and exported["Characters"] == "40"
    with qtbot.waitSignal(view.refreshed, timeout=10_000):
        view.filters.role.setCurrentText("any")
    with qtbot.waitSignal(view.refreshed, timeout=10_000):
        view.filters.origin.setCurrentText("inductive")
    assert _rows(view.table) == {"Other": ["Other", "", "inductive", "1", "1", "1", "15", "30"]}
    with qtbot.waitSignal(view.refreshed, timeout=10_000):
        view.filters.relevance.setCurrentText("high")  # nothing rated high: no evidence left
    assert _rows(view.table)["Other"][3] == "0"
    assert view.table.item(0, 3).background().color().name() == "#fdecea"
    view.tabs.setCurrentIndex(1)
    with qtbot.waitSignal(view.summary_shown, timeout=10_000):
        view.document_combo.setCurrentText("d2")
    assert set(_rows(view.document_table)) == {"Programme theories/Take-up/T1", "Other"}
    with qtbot.waitSignal(view.summary_shown, timeout=10_000):
        view.document_combo.setCurrentText("d1")
    assert _rows(view.document_table)["Contexts/Fear"][1:4] == ["2", "70", "35"]
    with qtbot.waitSignals([view.refreshed, view.summary_shown], timeout=10_000):
        view.filters.aggregate.setChecked(True)  # the summary follows "Include child nodes"
    assert _rows(view.document_table)["Contexts"][1:4] == ["2", "70", "35"]


def test_matrix_cell_drill_down_opens_the_excerpt(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, known_file(tmp_path))
    window.show()
    view = window.findChild(MatrixView)
    (action,) = [a for a in window.menu_named("&Review").actions() if a.text() == "&Matrix query"]
    with qtbot.waitSignal(view.refreshed, timeout=10_000):
        action.trigger()  # the menu shows the dock and runs the query
    with qtbot.waitSignal(view.refreshed, timeout=10_000):
        view.filters.rows.setCurrentText("theories")  # a new choice re-runs it
    model = view.model
    assert (model.rowCount(), model.columnCount()) == (1, 3)
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == ["d1", "d2", "d3"]
    # a long name shows its start and end, and whole on hover
    assert model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == "d1"
    assert view.table.horizontalHeader().textElideMode() == Qt.TextElideMode.ElideMiddle
    assert [model.data(model.index(0, c)) for c in range(3)] == ["4", "1", ""]
    view.measure.setCurrentText("coverage")
    assert model.data(model.index(0, 0)) == "40"
    strong = model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole).alpha()
    weak = model.data(model.index(0, 1), Qt.ItemDataRole.BackgroundRole).alpha()
    assert strong > weak
    assert model.data(model.index(0, 2), Qt.ItemDataRole.BackgroundRole) is None
    with qtbot.waitSignal(view.excerpts_shown, timeout=10_000):
        qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton,
                         pos=view.table.visualRect(model.index(0, 0)).center())
    assert view.cell_label.text() == "T1 × d1"
    assert view.excerpts.count() == 4
    assert view.excerpts.item(0).text().endswith("— d1 · Contexts/Fear")
    view.excerpts.setCurrentRow(1)  # Enter opens the excerpt, as a double-click does
    qtbot.keyClick(view.excerpts, Qt.Key.Key_Return)
    cursor = window.viewer.textCursor()
    assert (cursor.selectionStart(), cursor.selectionEnd()) == (40, 60)
    assert "attribute:Design" in [view.columns.itemText(i) for i in range(view.columns.count())]
    out = tmp_path / "m.csv"
    assert view.export_to(out) == 1
    assert out.read_text(encoding="utf-8").splitlines()[1] == "T1,40,20,0"


def test_search_then_code_ticked_results(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "s.realist"
    with Project.create(path) as p:
        from coding.nodes import add_node
        from tests.conftest import add_text_document

        add_text_document(p, tmp_path, "a", "Peer support helped. Later, more peer support.")
        add_node(p, "Mechanisms/Support", role="mechanism")
    window = _window(qtbot, path)
    view = window.findChild(SearchView)
    view.load_nodes()
    view.query.setText('"peer support"')
    with qtbot.waitSignal(view.searched, timeout=10_000):
        qtbot.mouseClick(view.search_button, Qt.MouseButton.LeftButton)
    assert view.table.rowCount() == 2
    assert "[peer support]" in view.table.item(1, 2).text()
    assert view.status.text().startswith("2 hits in 1 document · ")  # not "1 documents"
    view.table.setCurrentCell(1, 2)  # Enter on a hit opens it, as a double-click does
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    cursor = window.viewer.textCursor()
    assert (cursor.selectionStart(), cursor.selectionEnd()) == (33, 45)
    view.table.item(1, 0).setCheckState(Qt.CheckState.Checked)
    view.node.setCurrentText("Mechanisms/Support")
    with qtbot.waitSignal(view.coded, timeout=10_000):
        qtbot.mouseClick(view.code_button, Qt.MouseButton.LeftButton)
    with Project.open(path) as p:
        refs = references_for_node(p, find_node(p, "Mechanisms/Support"))
    assert [(r.start, r.end) for r in refs] == [(33, 45)]
    assert window.undo_stack.undoText() == "code 1 search results"
    window.undo_stack.undo()  # one step takes the whole action back
    with Project.open(path, readonly=True) as p:
        assert references_for_node(p, find_node(p, "Mechanisms/Support")) == []
    window.undo_stack.redo()
    with Project.open(path, readonly=True) as p:
        refs = references_for_node(p, find_node(p, "Mechanisms/Support"))
    assert [(r.start, r.end) for r in refs] == [(33, 45)]
    view.regex.setChecked(True)
    view.query.setText("(")
    with qtbot.waitSignal(view.searched, timeout=10_000):
        view.search()
    assert "regular expression" in view.status.text()


def test_export_dialog_writes_filtered_excerpts(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.review_exports import ExportDialog

    window = _window(qtbot, known_file(tmp_path))
    dialog = ExportDialog(window)
    qtbot.addWidget(dialog)
    dialog.format.setCurrentText("Coded excerpts — CSV for Excel (UTF-8 with BOM)")
    dialog.node.setCurrentText("Contexts")
    dialog.path.setText(str(tmp_path / "contexts"))
    with qtbot.waitSignal(dialog.exported, timeout=10_000) as blocker:
        dialog.export()
    assert blocker.args == [2]
    out = tmp_path / "contexts.csv"
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    with out.open(encoding="utf-8-sig", newline="") as fh:
        assert {r["node"] for r in csv.DictReader(fh)} == {"Contexts/Fear"}
    dialog = ExportDialog(window)
    qtbot.addWidget(dialog)
    dialog.format.setCurrentText("Node report — Word (needs a node)")
    dialog.node.setCurrentText("Contexts/Fear")
    dialog.path.setText(str(tmp_path / "fear.docx"))
    with qtbot.waitSignal(dialog.exported, timeout=10_000) as blocker:
        dialog.export()
    assert blocker.args == [2] and (tmp_path / "fear.docx").stat().st_size > 0


def test_cooccurrence_lists_overlaps_and_opens_them(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.search_view import CooccurrenceView

    window = _window(qtbot, known_file(tmp_path))
    view = window.findChild(CooccurrenceView)
    view.load_nodes()
    view.node_a.setCurrentText("Contexts/Fear")
    view.node_b.setCurrentText("Mechanisms/Understood")
    with qtbot.waitSignal(view.found, timeout=10_000):
        view.run()
    assert view.status.text() == "2 co-occurrences in 1 document"  # not "1 documents"
    view.results.setCurrentRow(0)  # Enter opens it, as a double-click does
    qtbot.keyClick(view.results, Qt.Key.Key_Return)
    cursor = window.viewer.textCursor()
    assert (cursor.selectionStart(), cursor.selectionEnd()) == (0, 60)


def test_export_dialog_writes_every_format(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Each choice in the dialog reaches its writer and reports how much it wrote."""
    import docx
    from openpyxl import load_workbook

    from app.review_exports import FORMATS, ExportDialog

    window = _window(qtbot, known_file(tmp_path))
    expected = {"excerpts_csv": 6, "excerpts_csv_bom": 6, "xlsx_node": 6, "xlsx_topic": 6,
                "report": 2, "codebook_csv": 8, "codebook_docx": 8}
    for n, (label, (suffix, kind)) in enumerate(FORMATS.items()):
        dialog = ExportDialog(window)
        qtbot.addWidget(dialog)
        dialog.format.setCurrentText(label)
        if kind == "report":
            dialog.node.setCurrentText("Contexts/Fear")
        dialog.path.setText(str(tmp_path / f"out{n}"))  # the suffix is added
        with qtbot.waitSignal(dialog.exported, timeout=10_000) as blocker:
            dialog.export()
        assert blocker.args == [expected[kind]], kind
        out = tmp_path / f"out{n}{suffix}"
        if suffix == ".xlsx":
            sheets = load_workbook(out).sheetnames
            assert ("Take-up" in sheets) == (kind == "xlsx_topic"), sheets
        elif suffix == ".docx":
            assert docx.Document(str(out)).paragraphs[0].text in ("Contexts/Fear",
                                                                  "Codebook — known")
        else:
            assert out.read_bytes().startswith(b"\xef\xbb\xbf") == kind.endswith("bom")
