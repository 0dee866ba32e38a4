"""Documents ▸ Interventions and Attributes: managed in the app, each edit undoable."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from app.attributes_sheet import open_sheet
from app.interventions_editor import DOCS_MIME, open_editor
from coding.attributes import attribute_values, list_attributes
from coding.cases import document_cases, list_cases
from coding.documents import find_document
from tests.app.test_workspace import open_window
from tests.app.waiting import settled, work_done


def test_add_number_and_assign_documents_by_drag_and_selection(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, demo_path)
    editor = open_editor(window)
    assert editor is not None and editor.cases.count() == 4
    assert window.undo_action in editor.actions()  # Ctrl+Z works in the editor's window too
    assert editor.add("Helpline")
    helpline = next(c for c in list_cases(window.project) if c.name == "Helpline")
    assert helpline.number == 5
    editor.cases.setCurrentRow(editor.cases.count() - 1)
    assert editor.renumber(9)
    assert next(c for c in list_cases(window.project) if c.name == "Helpline").number == 9
    kinship = find_document(window.project, "04_Kinship_study")
    circle = find_document(window.project, "03_Circle_groups_report")
    for row in range(editor.documents.count()):
        item = editor.documents.item(row)
        item.setSelected(item.data(Qt.ItemDataRole.UserRole) in (kinship, circle))
    editor.cases.setCurrentRow(next(r for r in range(editor.cases.count())
                                    if "Helpline" in editor.cases.item(r).text()))
    editor.assign_button.click()
    cases = document_cases(window.project)
    assert cases[kinship] == cases[circle] == helpline.id
    assert window.undo_stack.undoText() == "Put 2 documents in #9 Helpline"  # named, not "an"
    assert "#9 Helpline — 2 documents" in [editor.cases.item(r).text()
                                           for r in range(editor.cases.count())]
    window.undo()
    assert document_cases(window.project)[kinship] != helpline.id
    harbour = find_document(window.project, "01_Harbour_peer_visits_evaluation")
    mime = QMimeData()
    mime.setData(DOCS_MIME, str(harbour).encode())
    row = next(r for r in range(editor.cases.count()) if "Helpline" in editor.cases.item(r).text())
    point = editor.cases.visualItemRect(editor.cases.item(row)).center()
    keys, buttons = Qt.KeyboardModifier.NoModifier, Qt.MouseButton.LeftButton
    QApplication.sendEvent(editor.cases.viewport(),
                           QDragEnterEvent(point, Qt.DropAction.CopyAction, mime, buttons, keys))
    QApplication.sendEvent(editor.cases.viewport(),
                           QDropEvent(QPointF(point), Qt.DropAction.CopyAction, mime, buttons, keys))
    assert document_cases(window.project)[harbour] == helpline.id
    settled(qtbot, window)
    assert window.documents.items[harbour].text(5) == "#9 Helpline"
    for _ in range(3):  # the drop, the number, the new intervention
        window.undo()
    assert "Helpline" not in [c.name for c in list_cases(window.project)]
    window.close_project()
    assert not editor.isVisible()


def test_the_attribute_sheet_types_cells_and_round_trips_csv(qtbot, demo_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, demo_path)
    sheet = open_sheet(window)
    assert sheet is not None and sheet.table.rowCount() == 4
    assert sheet.add_attribute("Sample size", "integer")
    assert sheet.add_attribute("Peer paid", "boolean")
    columns = [sheet.table.horizontalHeaderItem(c).text() for c in range(sheet.table.columnCount())]
    size_col = columns.index("Sample size (integer)")
    paid_col = columns.index("Peer paid (boolean)")
    kinship = find_document(window.project, "04_Kinship_study")
    row = next(r for r in range(4) if sheet.table.item(r, 0).data(Qt.ItemDataRole.UserRole) == kinship)
    assert not sheet.set_cell(row, size_col, "2O")  # a letter O: refused, said, put back
    assert "whole number" in sheet.status.text()
    assert sheet.table.item(row, size_col).text() == ""
    sheet.table.item(row, size_col).setText("24")  # typed into the cell
    assert attribute_values(window.project, "document")[kinship]["Sample size"] == "24"
    editor = sheet.table.itemDelegate().createEditor(sheet.table.viewport(), None,
                                                     sheet.table.model().index(row, paid_col))
    assert [editor.itemText(i) for i in range(editor.count())] == ["", "yes", "no"]
    assert sheet.set_cell(row, paid_col, "Yes")
    assert attribute_values(window.project, "document")[kinship]["Peer paid"] == "yes"
    window.undo()
    assert attribute_values(window.project, "document")[kinship].get("Peer paid", "") == ""

    out = tmp_path / "sheet.csv"
    with work_done(qtbot, window):
        sheet.export_csv(out)
    text = out.read_text(encoding="utf-8-sig")
    header = text.splitlines()[0]
    assert header.startswith("document,intervention,") and header.endswith(",Sample size,Peer paid")
    edited = text.replace(",24,", ",31,")
    (tmp_path / "edited.csv").write_text(edited, encoding="utf-8")
    with work_done(qtbot, window):
        sheet.import_csv(tmp_path / "edited.csv")
    assert attribute_values(window.project, "document")[kinship]["Sample size"] == "31"
    window.undo()  # the whole import in one step
    assert attribute_values(window.project, "document")[kinship]["Sample size"] == "24"
    sheet.scope_combo.setCurrentIndex(1)
    assert sheet.table.rowCount() == len(list_cases(window.project))
    assert [a.name for a in list_attributes(window.project, "case")] == [
        sheet.table.horizontalHeaderItem(c).text().rsplit(" (", 1)[0]
        for c in range(1, sheet.table.columnCount())]


def test_delete_an_intervention_in_the_editor_then_undo_and_redo(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, demo_path)
    editor = open_editor(window)
    assert editor is not None
    assert editor.add("Helpline")  # a new intervention is the chosen one at once
    assert "Helpline" in editor.cases.currentItem().text()
    editor.cases.setCurrentRow(0)  # #1, with documents
    first = list_cases(window.project)[0]
    members = {d for d, c in document_cases(window.project).items() if c == first.id}
    editor.delete_button.click()
    assert first.id not in {c.id for c in list_cases(window.project)}
    assert all(document_cases(window.project)[d] is None for d in members)
    assert window.undo_stack.undoText() == f"Delete intervention #{first.number} {first.name}"
    assert "now in no intervention" in window.statusBar().currentMessage()
    assert editor.cases.count() == 4  # redrawn
    window.undo()
    assert {d for d, c in document_cases(window.project).items() if c == first.id} == members
    assert editor.cases.item(0).text().startswith(f"#{first.number} {first.name}")
    window.redo()
    assert first.id not in {c.id for c in list_cases(window.project)}
    window.undo()
    settled(qtbot, window)


def test_renaming_an_intervention_starts_from_its_name_and_long_rows_wrap(qtbot, demo_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QInputDialog

    window = open_window(qtbot, demo_path)
    editor = open_editor(window)
    assert editor is not None
    asked: list[str] = []
    monkeypatch.setattr(QInputDialog, "getText",
                        lambda *a, **k: (asked.append(k.get("text", "")), ("", False))[1])
    editor.cases.setCurrentRow(-1)
    assert not editor.rename() and not asked  # nothing chosen: said before asking
    assert window.statusBar().currentMessage() == "Choose an intervention first"
    editor.cases.setCurrentRow(1)
    first = list_cases(window.project)[1]
    assert not editor.rename()  # cancelled
    assert asked == [first.name]  # the old name to edit, not an empty field
    assert editor.documents.wordWrap() and editor.documents.horizontalScrollBar().maximum() == 0
