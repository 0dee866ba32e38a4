"""Windows beside the main one close with a Close button, and what was typed into the attribute
sheet's open cell is kept however the sheet is closed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit

from app.attributes_sheet import open_sheet
from coding.attributes import attribute_values
from coding.documents import find_document
from coding.project import Project
from tests.app.test_workspace import open_window


def _typed_into_open_cell(qtbot, window, text: str):  # type: ignore[no-untyped-def]
    sheet = open_sheet(window)
    assert sheet is not None and sheet.add_attribute("Country", "text")
    qtbot.waitExposed(sheet)
    columns = [sheet.table.horizontalHeaderItem(c).text() for c in range(sheet.table.columnCount())]
    column = columns.index("Country (text)")
    kinship = find_document(window.project, "04_Kinship_study")
    row = next(r for r in range(sheet.table.rowCount())
               if sheet.table.item(r, 0).data(Qt.ItemDataRole.UserRole) == kinship)
    sheet.table.setCurrentCell(row, column)
    sheet.table.editItem(sheet.table.item(row, column))
    editor = sheet.table.findChild(QLineEdit)
    assert editor is not None and editor.isVisible()
    qtbot.keyClicks(editor, text)  # typed, and not yet committed with Return
    return sheet, kinship


def test_closing_the_sheet_by_its_button_keeps_the_open_cell(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, demo_path)
    sheet, kinship = _typed_into_open_cell(qtbot, window, "Wales")
    button = sheet.findChild(QDialogButtonBox, "closeButtons").button(
        QDialogButtonBox.StandardButton.Close)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not sheet.isVisible()
    assert attribute_values(window.project, "document")[kinship]["Country"] == "Wales"


def test_closing_the_sheet_by_its_title_bar_keeps_the_open_cell(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, demo_path)
    sheet, kinship = _typed_into_open_cell(qtbot, window, "Scotland")
    sheet.close()  # the window manager's ✕: no click moves the focus first
    assert attribute_values(window.project, "document")[kinship]["Country"] == "Scotland"


def test_quitting_with_a_cell_open_keeps_it(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, demo_path)
    _sheet, kinship = _typed_into_open_cell(qtbot, window, "Ireland")
    window.close()  # Ctrl+Q with the sheet still open and the cell still being typed in
    with Project.open(demo_path, readonly=True) as project:
        assert attribute_values(project, "document")[kinship]["Country"] == "Ireland"


def test_each_window_beside_the_main_one_has_a_close_button(qtbot, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.interventions_editor import open_editor
    from app.theories_panel import TheoriesPanel

    window = open_window(qtbot, demo_path)
    panel = window.findChild(TheoriesPanel, "theoriesPanel")
    for opened in (panel.show_model(), panel.show_interventions(), open_editor(window),
                   open_sheet(window)):
        assert opened is not None and opened.isVisible()
        buttons = opened.findChild(QDialogButtonBox, "closeButtons")
        assert buttons is not None, type(opened).__name__
        qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Close),
                         Qt.MouseButton.LeftButton)
        assert not opened.isVisible(), type(opened).__name__
