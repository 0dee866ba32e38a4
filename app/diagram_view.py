"""The Diagram tab beside the model view: the programme-theory diagram, filtered by topic and by
relevance and rigour, with the evidence of the box clicked listed beside it.

The layout is computed by the domain off the UI thread (`coding.realist.diagram`), the drawing
is `app.diagram_render.paint`, the same as the SVG and PNG exports. A click on an element's
box lists the excerpts coded to it (and to the nodes under it) under the same filter;
double-clicking one opens it in the viewer.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app import folders
from app.diagram_render import paint, render_file
from app.export_action import refused
from app.review_widgets import minimum_rating_combos, minimum_rating_filter
from app.wrap_delegate import WrapDelegate
from coding.excerpts import Excerpt, iter_excerpts
from coding.filters import ReferenceFilter
from coding.ids import DocumentId
from coding.realist.diagram import Box, Diagram, model_diagram
from coding.realist.ratings import RATING_LABELS
from coding.realist.topics import list_topics

ALL_TOPICS = "All topics"
ANY = "any"


class DiagramCanvas(QWidget):
    """Paints a `Diagram` at `zoom` (screen pixels per point) and reports box clicks."""

    box_clicked = Signal(object)  # the Box, or None for a click beside every box

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("diagramCanvas")
        self.diagram: Diagram | None = None
        self.selected: str | None = None
        self.zoom = 1.5

    def show_diagram(self, diagram: Diagram) -> None:
        self.diagram = diagram
        self.setFixedSize(round(diagram.width * self.zoom), round(diagram.height * self.zoom))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        if self.diagram is None:
            return
        painter = QPainter(self)
        painter.scale(self.zoom, self.zoom)
        paint(painter, self.diagram, self.selected)
        painter.end()

    def box_at(self, point: QPointF) -> Box | None:
        if self.diagram is None:
            return None
        return self.diagram.box_at(point.x() / self.zoom, point.y() / self.zoom)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        box = self.box_at(event.position())
        self.selected = box.key if box is not None and not box.placeholder else None
        self.update()
        self.box_clicked.emit(box)


class DiagramView(QWidget):
    """Filters above, the diagram on the left, the clicked box's evidence on the right."""

    drawn = Signal()  # a new diagram is on screen
    evidence_shown = Signal()  # the evidence list was filled for the clicked box

    def __init__(self, window, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.topic = QComboBox()
        self.topic.setObjectName("diagramTopic")
        self.min_relevance, self.min_rigour = minimum_rating_combos()
        self.export_button = QPushButton("E&xport as SVG or PNG…")
        bar = QHBoxLayout()
        for widget in (QLabel("Topic"), self.topic, QLabel("Relevance ≥"), self.min_relevance,
                       QLabel("Rigour ≥"), self.min_rigour):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        self.canvas = DiagramCanvas()
        scroll = QScrollArea()
        scroll.setWidget(self.canvas)
        self.box_title = QLabel("Click a box to see its evidence.")
        self.box_title.setWordWrap(True)
        self.evidence = QListWidget()
        self.evidence.setObjectName("diagramEvidence")
        self.evidence.setItemDelegate(WrapDelegate(self.evidence))
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.box_title)
        side_layout.addWidget(self.evidence, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(scroll)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([720, 300])  # the figure first; the scroll area asks for little
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        self.topic.currentTextChanged.connect(lambda _t: self.refresh())
        self.min_relevance.currentTextChanged.connect(lambda _t: self.refresh())
        self.min_rigour.currentTextChanged.connect(lambda _t: self.refresh())
        self.canvas.box_clicked.connect(self.show_evidence)
        self.evidence.itemActivated.connect(self._open)
        self.export_button.clicked.connect(lambda: self.export())

    def filter(self) -> ReferenceFilter:
        flt = minimum_rating_filter(self.min_relevance, self.min_rigour)
        topic = self.topic.currentText()
        return replace(flt, topics=(topic,)) if topic and topic != ALL_TOPICS else flt

    def fill_topics(self) -> None:
        """The project's topics, keeping the one chosen if it is still there."""
        project = self.window.project
        chosen = self.topic.currentText()
        self.topic.blockSignals(True)
        self.topic.clear()
        self.topic.addItems([ALL_TOPICS, *(list_topics(project) if project else [])])
        if self.topic.findText(chosen) >= 0:
            self.topic.setCurrentText(chosen)
        self.topic.blockSignals(False)

    def refresh(self) -> None:
        """Lay the diagram out again off the UI thread, then draw it."""
        project = self.window.project
        if project is None:
            return
        flt = self.filter()
        self.window.run_in_background(lambda: model_diagram(project, flt), self._drawn)

    def _drawn(self, diagram: Diagram) -> None:
        """Show the new figure. The box chosen in the old one stays chosen when it is still
        there, its evidence listed again under the new filter (a researcher who went to an
        excerpt and came back finds the box they were reading); otherwise none is."""
        kept = next((box for section in diagram.sections for box in section.boxes
                     if box.key == self.canvas.selected), None)
        self.canvas.selected = kept.key if kept is not None else None
        self.canvas.show_diagram(diagram)
        self.show_evidence(kept)
        self.drawn.emit()

    def show_evidence(self, box: Box | None) -> None:
        self.evidence.clear()
        if box is None or box.placeholder or box.node_id is None:
            self.box_title.setText("Click a box to see its evidence." if box is None else
                                   "A part this configuration does not have yet.")
            self.evidence_shown.emit()
            return
        project, name = self.window.project, " ".join(box.lines)
        own = replace(self.filter(), node_ids=(box.node_id,), with_descendants=True, topics=())
        whole = replace(own, node_ids=box.wholes, with_descendants=False)
        self.box_title.setText(f"<b>{name}</b> ({box.role}; in "
                               f"{', '.join(label for label, _ in box.configurations)})")

        def excerpts() -> list[Excerpt]:
            found = list(iter_excerpts(project, own))
            return found + (list(iter_excerpts(project, whole)) if box.wholes else [])

        self.window.run_in_background(excerpts, self._list_excerpts)

    def _list_excerpts(self, excerpts: list[Excerpt]) -> None:
        self.evidence.clear()
        for ex in excerpts:
            where = ", ".join(v for v in (ex.document, ex.intervention, ex.pages) if v)
            coded = ex.node_path.rsplit("/", 1)[-1]
            item = QListWidgetItem(f"“{' '.join(ex.text.split())}”\n— {where}; coded to "
                                   f"{coded}; relevance {RATING_LABELS[ex.relevance]}, "
                                   f"rigour {RATING_LABELS[ex.rigour]}")
            item.setData(Qt.ItemDataRole.UserRole, (ex.document_id, ex.start, ex.end))
            self.evidence.addItem(item)
        if not excerpts:
            self.evidence.addItem("No excerpts under this filter.")
        self.evidence_shown.emit()

    def _open(self, item: QListWidgetItem) -> None:
        """The excerpt, selected in its document in the main window. The model window it is
        shown in covered that (seen on a 1,366 by 768 screen: nothing seemed to happen), so
        it steps aside; opened again it shows the same box."""
        found = item.data(Qt.ItemDataRole.UserRole)
        if not found:
            return
        doc, start, end = found
        self.window.open_document_at(DocumentId(doc), start, end)
        holder = QWidget.window(self)  # `self.window` is the main window
        if holder is not self.window:
            holder.hide()
            self.window.show_status("The excerpt in its document; Theories ▸ Programme-theory "
                                    "diagram shows the diagram again")

    def export(self, path: Path | None = None) -> None:
        """Write the diagram on screen as SVG or PNG (asked for when no path is given)."""
        diagram = self.canvas.diagram
        if diagram is None:
            return
        if path is None:
            name, _ = QFileDialog.getSaveFileName(
                self, "Export diagram", folders.start_in(self.window, folders.EXPORT, "diagram.svg"),
                "SVG (*.svg);;PNG (*.png)")
            if not name:
                return
            path = Path(name)
            folders.remember(folders.EXPORT, path)
        if path.suffix.lower() not in (".svg", ".png"):
            path = path.with_suffix(".svg")
        if refused(self.window, self, path):
            return
        target, project = path, self.window.project
        inputs = [project.path] if project is not None else []
        self.window.run_in_background(lambda: render_file(diagram, target, inputs=inputs),
                                      lambda _r: self.window.show_status(f"Wrote {target}"))
