"""The lower panels: the selected node's references, and the memo of the selected item.

Memos save as the researcher types (debounced, and flushed when the target changes), each save
one transaction, so nothing typed waits in memory for a "save". An edit session — from showing
a memo until the editor loses focus, another item is shown, or the user asks to undo — becomes
one command on the window's undo stack, so Ctrl+Z takes back a whole thought, not a keystroke.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from coding.errors import USER_ERRORS
from coding.excerpts import Excerpt, iter_excerpts
from coding.filters import NO_FILTER
from coding.ids import DocumentId, NodeId
from coding.memos import get_memo, set_memo
from coding.page_geometry import Pixels
from coding.page_image import region_pixels
from coding.realist.ratings import RATING_LABELS
from coding.references import Region

CONTEXT = 60
REGION_ROLE = Qt.ItemDataRole.UserRole + 1
REFERENCE_ROLE = Qt.ItemDataRole.UserRole + 2
THUMBNAIL = 96  # pixels: a region excerpt's picture in the list
MAX_THUMBNAILS = 60  # a node with more regions shows the first ones pictured


def rating_label(excerpt: Excerpt) -> str:
    """" · relevance high, rigour not rated", or "" for an excerpt not rated at all."""
    if excerpt.relevance == excerpt.rigour == "not_rated":
        return ""
    return (f" · relevance {RATING_LABELS[excerpt.relevance]}, "
            f"rigour {RATING_LABELS[excerpt.rigour]}")


class ReferencesPanel(QListWidget):
    """Every excerpt of the node, with document, page and a little context; double-click opens it."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window_ = window
        self.setObjectName("referencesPanel")
        self.ratings = NO_FILTER  # the Appraisal menu may keep only excerpts rated at least ...
        self.setWordWrap(True)
        self.itemActivated.connect(self._open)
        self.itemDoubleClicked.connect(self._open)

    def show_node(self, node_id: int | None) -> None:
        """One read for every excerpt, its page and its context (a node may span 150 documents)."""
        self.clear()
        project = self.window_.project
        if project is None or node_id is None:
            return
        flt = replace(self.ratings, node_ids=(NodeId(node_id),), with_descendants=False)
        regions: list[tuple[QListWidgetItem, int, Region]] = []
        for e in iter_excerpts(project, flt, context=CONTEXT):
            label = e.document + (f", {e.pages}" if e.pages else "") + rating_label(e)
            before, excerpt, after = (t.replace("\n", " ") for t in (e.before, e.text, e.after))
            if e.region is not None:
                what = f"«{excerpt}»" if excerpt.strip() else "(a figure: no text)"
                item = QListWidgetItem(f"{label}\nRegion on p. {e.region.page} {what}")
                item.setData(REGION_ROLE, e.region)
                regions.append((item, e.document_id, e.region))
            else:
                item = QListWidgetItem(f"{label}\n…{before} «{excerpt}» {after}…")
            item.setData(Qt.ItemDataRole.UserRole, (e.document_id, e.start, e.end))
            item.setData(REFERENCE_ROLE, e.reference_id)
            item.setToolTip(f"coded by {e.coder or 'unknown'}; relevance: {e.relevance}, "
                            f"rigour: {e.rigour}")
            self.addItem(item)
        if regions:
            self._thumbnails(project, regions[:MAX_THUMBNAILS])

    def _thumbnails(self, project, regions: list[tuple[QListWidgetItem, int, Region]]) -> None:
        """Region excerpts show what they cover; pages are rendered off the UI thread."""
        self.setIconSize(QSize(THUMBNAIL, THUMBNAIL))
        shown = self.count()

        def work() -> list[Pixels | None]:
            found: list[Pixels | None] = []
            for _item, doc_id, region in regions:
                try:
                    found.append(region_pixels(project, DocumentId(doc_id), region, THUMBNAIL))
                except USER_ERRORS:
                    found.append(None)
            return found

        def done(found: list[Pixels | None]) -> None:
            if self.count() != shown:  # the list was filled again meanwhile
                return
            for (item, _doc, _region), pixels in zip(regions, found, strict=True):
                if pixels is not None:
                    image = QImage(pixels.data, pixels.width, pixels.height, pixels.stride,
                                   QImage.Format.Format_RGBX8888).copy()
                    item.setIcon(QIcon(QPixmap.fromImage(image)))

        self.window_.run_in_background(work, done)

    def _open(self, item: QListWidgetItem) -> None:
        doc_id, start, end = item.data(Qt.ItemDataRole.UserRole)
        self.window_.open_document_at(DocumentId(doc_id), start, end)
        region = item.data(REGION_ROLE)
        pane = getattr(self.window_, "document_pane", None)
        if region is not None and pane is not None:
            pane.reveal_region(DocumentId(doc_id), region)


class MemoPanel(QWidget):
    """The memo of the current node, document or the project, saved as you type."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window_ = window
        self.label = QLabel("Project memo")
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("memoEditor")
        self.editor.setPlaceholderText("Write your thoughts; they are saved as you type.")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.label)
        layout.addWidget(self.editor)
        self.target: tuple[str, int | None] | None = None
        self.loaded = ""  # the text when the edit session began: what undo goes back to
        self.timer = QTimer(self, singleShot=True, interval=400)
        self.timer.timeout.connect(self.save)
        self.editor.textChanged.connect(self.timer.start)
        self.editor.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.editor and event.type() == QEvent.Type.FocusOut:
            self.end_session()
        return False

    def show_memo(self, target: str, target_id: int | None, title: str) -> None:
        self.end_session()
        project = self.window_.project
        self.target = (target, target_id) if project is not None else None
        self.label.setText(title)
        self._load(get_memo(project, target, target_id) if project else "")
        self.editor.setReadOnly(project is None or project.readonly)

    def _load(self, text: str) -> None:
        self.loaded = text
        self.editor.blockSignals(True)
        self.editor.setPlainText(text)
        self.editor.blockSignals(False)

    def editing(self) -> bool:
        return self.target is not None and self.editor.toPlainText() != self.loaded

    def end_session(self) -> None:
        """Save, and push what changed since the session began as one undoable command."""
        from app.undo import MemoCommand

        self.save()
        text = self.editor.toPlainText()
        if self.target is None or self.window_.project is None or text == self.loaded:
            return
        target, target_id = self.target
        command = MemoCommand(self.window_, target, target_id, self.loaded, text,
                              f"Memo edit ({self.label.text()})")
        self.loaded = text
        self.window_.undo_stack.push(command)

    def reload(self, target: str, target_id: int | None) -> None:
        """Show the stored text again if this memo is the one on screen (after undo/redo)."""
        if self.target == (target, target_id) and self.window_.project is not None:
            self.timer.stop()
            self._load(get_memo(self.window_.project, target, target_id))

    def save(self) -> None:
        self.timer.stop()
        project = self.window_.project
        if self.target is None or project is None or project.readonly:
            return
        target, target_id = self.target
        if get_memo(project, target, target_id) != self.editor.toPlainText():
            set_memo(project, target, target_id, self.editor.toPlainText())
            self.window_.show_status("Memo saved")
