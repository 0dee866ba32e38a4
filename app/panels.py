"""The lower panels: the selected node's references, and the memo of the selected item.

Memos save as the researcher types (debounced, and flushed when the target changes), each save
one transaction, so nothing typed waits in memory for a "save". An edit session — from showing
a memo until the editor loses focus, another item is shown, or the user asks to undo — becomes
one command on the window's undo stack, so Ctrl+Z takes back a whole thought, not a keystroke.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QIcon, QImage, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.elided import ElidedLabel
from app.excerpt_delegate import SPAN_ROLE, ExcerptDelegate
from coding.errors import USER_ERRORS
from coding.excerpts import Excerpt, iter_excerpts
from coding.filters import NO_FILTER, ReferenceFilter
from coding.ids import DocumentId, NodeId
from coding.memos import get_memo, memo_target_exists, set_memo
from coding.page_geometry import Pixels
from coding.page_image import region_pixels
from coding.realist.ratings import RATING_LABELS
from coding.references import Region

CONTEXT = 60
NO_PROJECT = "No project open"
PLACEHOLDER = "Write your thoughts; they are saved as you type."
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


def _last_words(before: str, keep: int = 40) -> str:
    """The end of the context before an excerpt, from a word's start: what leads into it."""
    if len(before) <= keep:
        return before
    cut = before[-keep:]
    space = cut.find(" ")
    return cut[space + 1:] if 0 <= space < keep - 10 else cut


class ReferencesPanel(QListWidget):
    """Every excerpt of the node, with document, page and a little context; double-click opens it."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window_ = window
        self.setObjectName("referencesPanel")
        self.ratings = NO_FILTER  # the Appraisal menu may keep only excerpts rated at least ...
        # each item the same height, wrapped by its delegate when painted: laying out 300
        # wrapped items took longer than reading them
        self.setWordWrap(False)
        self.setUniformItemSizes(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setItemDelegate(ExcerptDelegate(self))
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)  # items as wide as the panel
        self.node_id: int | None = None
        self.drawn = 0
        self.itemActivated.connect(self._open)
        self.itemActivated.connect(self._open)  # double-click or Enter
        self.show_excerpts(None, [])

    def show_node(self, node_id: int | None) -> None:
        """One read for every excerpt, its page and its context (a node may span 150 documents)."""
        project = self.window_.project
        if project is None or node_id is None:
            self.show_excerpts(node_id, [])
            return
        flt = self.excerpts_filter(node_id)
        self.show_excerpts(node_id, list(iter_excerpts(project, flt, context=CONTEXT)))

    def empty_text(self) -> str:
        """What an empty list says, so a blank panel is never a puzzle."""
        if self.window_.project is None:
            return NO_PROJECT
        if self.node_id is None:
            return "Choose a node to see the excerpts coded to it."
        if self.ratings != NO_FILTER:
            return "No excerpt of this node is rated as highly as the Appraisal menu asks."
        return "Nothing is coded to this node yet."

    def paintEvent(self, event) -> None:  # noqa: N802
        super().paintEvent(event)
        if self.count():
            return
        painter = QPainter(self.viewport())
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        painter.drawText(self.viewport().rect().adjusted(8, 8, -8, -8),
                         int(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft
                             | Qt.TextFlag.TextWordWrap), self.empty_text())

    def excerpts_filter(self, node_id: int) -> ReferenceFilter:
        return replace(self.ratings, node_ids=(NodeId(node_id),), with_descendants=False)

    def show_excerpts(self, node_id: int | None, excerpts: list[Excerpt]) -> None:
        """Draw a node's excerpts (read by `show_node`, or off the UI thread by the window)."""
        same_node = node_id == self.node_id and node_id is not None
        keep = self.currentItem().data(Qt.ItemDataRole.UserRole) if (
            same_node and self.currentItem() is not None) else None
        scrolled = self.verticalScrollBar().value() if same_node else 0
        self.node_id = node_id
        self.drawn += 1  # thumbnails of an earlier drawing find their items gone
        self.setUpdatesEnabled(False)
        self.clear()
        regions: list[tuple[QListWidgetItem, int, Region]] = []
        for e in excerpts:
            label = e.document + (f", {e.pages}" if e.pages else "") + rating_label(e)
            # on one line each, runs of spaces and line breaks as one space
            before, excerpt, after = (" ".join(t.split()) for t in (e.before, e.text, e.after))
            if e.region is not None:
                what = f"«{excerpt}»" if excerpt.strip() else "(a figure: no text)"
                item = QListWidgetItem(f"{label}\nRegion on p. {e.region.page} {what}")
                item.setData(REGION_ROLE, e.region)
                regions.append((item, e.document_id, e.region))
            else:
                lead = f"…{_last_words(before)} «"
                item = QListWidgetItem(f"{label}\n{lead}{excerpt}» {after}…")
                item.setData(SPAN_ROLE, (len(lead), len(lead) + len(excerpt)))
            item.setData(Qt.ItemDataRole.UserRole, (e.document_id, e.start, e.end))
            item.setData(REFERENCE_ROLE, e.reference_id)
            item.setToolTip(f"{label}\n\n{e.text}\n\ncoded by {e.coder or 'unknown'}; "
                            f"relevance: {e.relevance}, rigour: {e.rigour}")
            self.addItem(item)
            if keep == (e.document_id, e.start, e.end):  # a redraw keeps the reader's place
                self.setCurrentItem(item)
        self.setUniformItemSizes(not regions)  # a region's picture is taller than two lines
        self.verticalScrollBar().setValue(scrolled)
        self.setUpdatesEnabled(True)
        self.setEnabled(self.window_.project is not None and node_id is not None)
        project = self.window_.project
        if regions and project is not None:
            self._thumbnails(project, regions[:MAX_THUMBNAILS])

    def _thumbnails(self, project, regions: list[tuple[QListWidgetItem, int, Region]]) -> None:
        """Region excerpts show what they cover; pages are rendered off the UI thread."""
        self.setIconSize(QSize(THUMBNAIL, THUMBNAIL))
        drawn = self.drawn

        def work() -> list[Pixels | None]:
            found: list[Pixels | None] = []
            for _item, doc_id, region in regions:
                try:
                    found.append(region_pixels(project, DocumentId(doc_id), region, THUMBNAIL))
                except USER_ERRORS:
                    found.append(None)
            return found

        def done(found: list[Pixels | None]) -> None:
            if self.drawn != drawn:  # the list was filled again meanwhile
                return
            for (item, _doc, _region), pixels in zip(regions, found, strict=True):
                if pixels is not None:
                    image = QImage(pixels.data, pixels.width, pixels.height, pixels.stride,
                                   QImage.Format.Format_RGBX8888).copy()
                    item.setIcon(QIcon(QPixmap.fromImage(image)))

        self.window_.background.run(work, done, lambda _exc: None, quiet=True)

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
        self.label = ElidedLabel(NO_PROJECT)
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("memoEditor")
        self.editor.setPlaceholderText(PLACEHOLDER)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.label)
        layout.addWidget(self.editor)
        self.target: tuple[str, int | None] | None = None
        self.loaded = ""  # the text when the edit session began: what undo goes back to
        self._stored = ""  # the text last loaded or saved: only typing differs from it
        self.timer = QTimer(self, singleShot=True, interval=400)
        self.timer.timeout.connect(self.save)
        self.editor.textChanged.connect(self.timer.start)
        self.editor.installEventFilter(self)
        self.show_nothing()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.editor and event.type() == QEvent.Type.FocusOut:
            self.end_session()
        return False

    def show_memo(self, target: str, target_id: int | None, title: str) -> None:
        self.end_session()
        project = self.window_.project
        if project is None:
            self.show_nothing()
            return
        self.target = (target, target_id)
        self.label.setText(title)
        self._load(get_memo(project, target, target_id))
        self._update_editor()

    def show_nothing(self, why: str = NO_PROJECT) -> None:
        """Empty and disabled: typing here would have nowhere to go."""
        self.timer.stop()
        self.target = None
        self.label.setText(why)
        self._load("")
        self._update_editor()

    def _update_editor(self) -> None:
        project = self.window_.project
        self.editor.setEnabled(project is not None and self.target is not None)
        self.editor.setReadOnly(project is None or project.readonly)
        if project is None:
            self.editor.setPlaceholderText("Open a project to write memos.")
        elif self.target is None:
            self.editor.setPlaceholderText("Choose a document, node or excerpt for its memo.")
        elif project.readonly:
            self.editor.setPlaceholderText("The project is open read-only: memos cannot be changed.")
        else:
            self.editor.setPlaceholderText(PLACEHOLDER)

    def forget_if_gone(self) -> None:
        """After a mutation: if what this memo is about was deleted, show nothing rather than
        an editor whose typing would be saved nowhere."""
        project = self.window_.project
        if self.target is None or project is None:
            return
        target, target_id = self.target
        if not memo_target_exists(project, target, target_id):
            unsaved = self.editor.toPlainText() if self.editor.toPlainText() != self.loaded else ""
            self.show_nothing(f"The {target} this memo was about was deleted")
            if unsaved.strip():  # never lost: put where the researcher can paste it
                QApplication.clipboard().setText(unsaved)
                self.window_.show_status("The memo's text was copied to the clipboard: what it "
                                         "was about was deleted before it was saved")

    def _load(self, text: str) -> None:
        self.loaded = self._stored = text
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
        text = self.editor.toPlainText()
        if text == self._stored:  # nothing typed: never overwrite what another action stored
            return
        try:
            set_memo(project, target, target_id, text)
            self._stored = text
            self.window_.show_status("Memo saved")
        except USER_ERRORS as exc:  # say so, and keep the text on screen to copy elsewhere
            self.timer.stop()
            self.window_.show_status(f"The memo could not be saved: {exc}")
