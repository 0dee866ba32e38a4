"""Importing from the app: background batch, per-file results, password retry, drops."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QInputDialog
from reportlab.lib import pdfencrypt

from app.import_dialog import import_paths
from app.main_window import MainWindow
from coding.documents import list_documents
from importers.ocr import ocr_engine
from tests.app.waiting import work_done
from tests.importers.makers import column_pdf, sentences
from tests.importers.test_ocr import scanned_pdf


def _window(qtbot, demo_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_project(demo_path)
    return window


def _refused_scan(qtbot, window: MainWindow, tmp_path: Path):  # type: ignore[no-untyped-def]
    """A scanned PDF imported, and refused (no text layer): the dialog that says so."""
    with work_done(qtbot, window, timeout=60_000):
        dialog = import_paths(window, [scanned_pdf(tmp_path / "scan.pdf")])
        qtbot.addWidget(dialog)
    assert not dialog.running
    return dialog


def test_batch_import_reports_each_file_and_asks_for_a_password(qtbot, demo_path, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, demo_path)
    before = len(list_documents(window.project))
    good = tmp_path / "notes.txt"
    good.write_text("Mothers valued the calls.", encoding="utf-8")
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"not a pdf")
    locked = column_pdf(tmp_path / "locked.pdf", 1, sentences(5),
                        encrypt=pdfencrypt.StandardEncryption("secret", "owner", strength=128))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("secret", True))
    with work_done(qtbot, window, timeout=60_000):
        # first pass: the good file in, the broken one refused; then the locked one asks
        dialog = import_paths(window, [good, bad, locked])
        qtbot.addWidget(dialog)
    assert not dialog.running
    rows = [dialog.results.item(i).text() for i in range(dialog.results.count())]
    assert any("✔ notes.txt" in r for r in rows)
    assert any("broken.pdf" in r and "✖" in r for r in rows)
    assert any("✔ locked.pdf" in r for r in rows), rows  # retried with the password
    # a refusal's advice is read whole, wrapped, not behind a sideways scroll bar
    assert dialog.results.wordWrap() and dialog.results.horizontalScrollBar().maximum() == 0
    names = {d.name for d in list_documents(window.project)}
    assert {"notes", "locked"} <= names and len(names) == before + 2


def test_files_dropped_on_the_window_are_imported(qtbot, demo_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, demo_path)
    window.show()
    dropped = tmp_path / "dropped.txt"
    dropped.write_text("A dropped report.", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(dropped))])
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, buttons, keys)
    QApplication.sendEvent(window, enter)  # Qt delivers a drop only after its drag-enter
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, buttons, keys)
    with work_done(qtbot, window, timeout=60_000):
        QApplication.sendEvent(window, drop)
    assert "dropped" in {d.name for d in list_documents(window.project)}


@pytest.mark.skipif(ocr_engine() is None, reason="ocrmypdf is not installed on this machine")
def test_a_scan_is_offered_ocr_and_then_imported(qtbot, demo_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, demo_path)
    dialog = _refused_scan(qtbot, window, tmp_path)
    assert dialog.ocr_button.parent() is not None and "scan.pdf" in dialog.results.item(0).text()
    with work_done(qtbot, window, timeout=120_000):
        qtbot.mouseClick(dialog.ocr_button, Qt.MouseButton.LeftButton)
    assert not dialog.running and "✔ scan.pdf" in dialog.results.item(0).text()
    assert "scan" in {d.name for d in list_documents(window.project)}


def test_a_batch_stopped_by_a_full_disk_lists_what_it_kept(qtbot, demo_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Issue 18: the dialog says which files are in and that the rest were not imported. The
    project may grow by only a few pages (SQLite's max_page_count): a real SQLITE_FULL."""
    from typing import Any

    from sqlalchemy import event

    window = _window(qtbot, demo_path)
    before = len(list_documents(window.project))
    files = []
    for i in range(3):
        path = tmp_path / f"interview{i}.txt"
        path.write_text(" ".join(["mother", "support", "peer"][i % 3] for _ in range(3_000)),
                        encoding="utf-8")
        files.append(path)

    def cap(dbapi: Any, _record: Any) -> None:
        pages = dbapi.execute("PRAGMA page_count").fetchone()[0]
        dbapi.execute(f"PRAGMA max_page_count={pages + 12}")

    engine = window.project.db.engine
    event.listen(engine, "connect", cap)
    engine.dispose()
    with work_done(qtbot, window, timeout=60_000):
        dialog = import_paths(window, files)
        qtbot.addWidget(dialog)
    rows = [dialog.results.item(i).text() for i in range(dialog.results.count())]
    kept = [r for r in rows if r.startswith("✔")]
    assert 0 < len(kept) < 3, rows
    assert any(f"Stopped, {len(kept)} of 3 imported before it" in r and "disk is full" in r
               for r in rows), rows
    assert dialog.label.text() == f"Imported {len(kept)} of 3"
    assert len(list_documents(window.project)) == before + len(kept)


def test_a_scan_can_be_kept_as_its_pages_and_coded_by_region(qtbot, demo_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from coding.nodes import find_node
    from coding.references import references_for_node
    from coding.regions import Region, code_region

    window = _window(qtbot, demo_path)
    dialog = _refused_scan(qtbot, window, tmp_path)
    assert "✖" in dialog.results.item(0).text()  # refused: no text layer
    assert dialog.pages_button.parent() is not None  # offered with OCR or without it
    with work_done(qtbot, window, timeout=60_000):
        qtbot.mouseClick(dialog.pages_button, Qt.MouseButton.LeftButton)
    rows = [dialog.results.item(i).text() for i in range(dialog.results.count())]
    assert rows[0].startswith("✔ scan.pdf") and any("its pages alone" in r for r in rows), rows
    assert dialog.pages_button.parent() is None or not dialog.pages_button.isVisible()
    doc = next(d for d in list_documents(window.project) if d.name == "scan")
    assert (doc.text_length, doc.page_count) == (0, 1)
    with work_done(qtbot, window):
        window.open_document_at(doc.id, 0, 0)
    assert "a scan with no text" in window.viewer.placeholderText()  # not "No document chosen"
    assert window.document_pane.mode == "page"  # shown as its pages, the only way it can be
    node = find_node(window.project, "Outcomes/Takes up support")
    code_region(window.project, doc.id, Region(1, 100, 500, 400, 700), [node])
    region = next(r for r in references_for_node(window.project, node) if r.document_id == doc.id)
    assert region.region is not None and (region.start, region.end) == (0, 0)


def test_an_import_is_one_undo_step_and_redo_puts_the_documents_back(qtbot, demo_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, demo_path)
    before = {d.id: d.name for d in list_documents(window.project)}
    files = []
    for name in ("first", "second"):
        files.append(tmp_path / f"{name}.txt")
        files[-1].write_text(f"The {name} report on peer support.", encoding="utf-8")
    with work_done(qtbot, window, timeout=60_000):
        dialog = import_paths(window, files)
        qtbot.addWidget(dialog)
    imported = {d.id: d.name for d in list_documents(window.project)}
    assert set(imported.values()) == set(before.values()) | {"first", "second"}
    assert window.undo_stack.undoText() == "Imported 2 documents"
    window.undo_stack.undo()
    assert {d.id: d.name for d in list_documents(window.project)} == before
    window.undo_stack.redo()  # back with their ids: a later step naming them still finds them
    assert {d.id: d.name for d in list_documents(window.project)} == imported
