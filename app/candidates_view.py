"""Review ▸ Configuration candidates: C × M × O coded together, and a candidate made a new (or
partial) configuration in one undoable action.

The table is a `QAbstractTableModel` over the domain's list (125,000 rows on the benchmark
project stay quick); the search and the supporting excerpts of the chosen row are computed off
the UI thread. "Make configuration…" asks for a label, a topic, a statement, which parts to
keep (untick one for a partial configuration) and why, then pushes the creation on the undo
stack like any theory edit.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.export_action import export_to
from app.review_widgets import (
    excerpt_item,
    install_dock,
    minimum_rating_combos,
    minimum_rating_filter,
)
from app.theory_dialogs import ok_cancel, why_field
from app.theory_undo import StepCommand, adopt_step
from app.wrap_delegate import WrapDelegate
from coding.documents import document_text, list_documents
from coding.filters import ReferenceFilter
from coding.ids import NodeId
from coding.names import counted
from coding.realist.topics import list_topics
from coding.review.candidates import (
    MODES,
    Candidate,
    export_candidates_csv,
    find_candidates,
    supporting_spans,
)

HEADERS = ("Context", "Mechanism", "Outcome", "Documents", "Interventions", "In the model")
ANY = "any"
Index = QModelIndex | QPersistentModelIndex


class CandidateModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Candidate] = []

    def show(self, rows: list[Candidate]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        c = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            values = (*(n.rsplit("/", 1)[-1] for n in c.names), c.document_count,
                      c.interventions_label(), ", ".join(c.in_model) or "candidate")
            return values[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() < 3:
            return c.names[index.column()]
        return None


class AdoptDialog(QDialog):
    """Label, topic, statement, the parts to keep, and why."""

    def __init__(self, candidate: Candidate, topics: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("adoptDialog")
        self.setWindowTitle("Make a configuration")
        self.candidate = candidate
        self.label = QLineEdit()
        self.label.setPlaceholderText("e.g. N5")
        self.topic = QComboBox(editable=True)
        self.topic.addItems(topics)
        self.statement = QPlainTextEdit()
        self.statement.setPlaceholderText("If …, then …, because …")
        self.parts = [QCheckBox(f"{role}: {name}") for role, name in zip(
            ("Context", "Mechanism", "Outcome"), candidate.names, strict=True)]
        for box in self.parts:
            box.setChecked(True)
        self.reason = why_field()
        form = QFormLayout(self)
        form.addRow("&Label", self.label)
        form.addRow("&Topic", self.topic)
        form.addRow("&Statement", self.statement)
        form.addRow(QLabel("Parts (untick one for a partial configuration):"))
        for box in self.parts:
            form.addRow(box)
        form.addRow("&Why?", self.reason)
        form.addRow(ok_cancel(self))

    def chosen_nodes(self) -> list[NodeId]:
        return [node for node, box in zip(self.candidate.nodes, self.parts, strict=True)
                if box.isChecked()]


class CandidatesView(QWidget):
    found = Signal()  # the table shows a new search
    excerpts_shown = Signal()

    def __init__(self, window) -> None:
        super().__init__()
        self.setObjectName("candidatesView")
        self.window = window
        self.mode = QComboBox()
        self.mode.addItems(list(MODES))
        self.min_documents = QSpinBox()
        self.min_documents.setRange(1, 100_000)
        self.candidates_only = QCheckBox("Candidates only")
        self.min_relevance, self.min_rigour = minimum_rating_combos()
        self.find_button = QPushButton("Find")
        self.adopt_button = QPushButton("Make configuration…")
        self.csv_button = QPushButton("CSV…")
        top = QHBoxLayout()
        for label, widget in (("Together in", self.mode), ("in at least", self.min_documents),
                              ("", self.candidates_only), ("Relevance ≥", self.min_relevance),
                              ("Rigour ≥", self.min_rigour)):
            if label:
                top.addWidget(QLabel(label))
            top.addWidget(widget)
        self.min_documents.valueChanged.connect(
            lambda n: self.min_documents.setSuffix(" document" if n == 1 else " documents"))
        self.min_documents.setSuffix(" document" if self.min_documents.value() == 1 else " documents")
        top.addStretch(1)
        actions = QHBoxLayout()
        self.status = QLabel()
        self.status.setWordWrap(True)
        actions.addWidget(self.status, 1)
        for button in (self.find_button, self.adopt_button, self.csv_button):
            actions.addWidget(button)
        self.model = CandidateModel()
        self.table = QTableView()
        self.table.setObjectName("candidateTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.excerpts = QListWidget()
        self.excerpts.setItemDelegate(WrapDelegate(self.excerpts))
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.excerpts)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(splitter, 1)
        self.find_button.clicked.connect(self.run)
        self.adopt_button.clicked.connect(lambda: self.ask_adopt())
        self.csv_button.clicked.connect(lambda: self.export_csv())
        self.table.selectionModel().currentRowChanged.connect(lambda _n, _o: self.show_excerpts())
        self.excerpts.itemActivated.connect(
            lambda item: self.window.open_document_at(*item.data(Qt.ItemDataRole.UserRole)))

    def filter(self) -> ReferenceFilter:
        return minimum_rating_filter(self.min_relevance, self.min_rigour)

    def run(self) -> None:
        project = self.window.project
        if project is None:
            return
        mode, least, only = (self.mode.currentText(), self.min_documents.value(),
                             self.candidates_only.isChecked())
        flt = self.filter()
        self.window.run_in_background(
            lambda: find_candidates(project, mode=mode, min_documents=least, flt=flt,
                                    candidates_only=only), self._show)

    def _show(self, rows: list[Candidate]) -> None:
        self.model.show(rows)
        self.excerpts.clear()
        fresh = sum(c.is_candidate for c in rows)
        self.status.setText(f"{counted(len(rows), 'triple')} coded "
                            f"together, {fresh} of them candidates (not yet a configuration)")
        self.table.resizeColumnsToContents()
        self.found.emit()

    def current(self) -> Candidate | None:
        row = self.table.currentIndex().row()
        return self.model.rows[row] if 0 <= row < len(self.model.rows) else None

    def show_excerpts(self) -> None:
        """The excerpts behind the chosen triple, as the adopted configuration would get them."""
        chosen, project = self.current(), self.window.project
        if chosen is None or project is None:
            return
        mode, flt = self.mode.currentText(), self.filter()

        def excerpts() -> list[tuple[str, str, tuple[int, int, int]]]:
            names = {d.id: d.name for d in list_documents(project)}
            texts: dict[int, str] = {}
            found = []
            for doc, start, end in supporting_spans(project, chosen.nodes, mode, flt):
                text = texts.setdefault(doc, document_text(project, doc))
                found.append((" ".join(text[start:end].split()), names[doc], (doc, start, end)))
            return found

        self.window.run_in_background(excerpts, self._list)

    def _list(self, found: list[tuple[str, str, tuple[int, int, int]]]) -> None:
        self.excerpts.clear()
        for text, document, target in found:
            self.excerpts.addItem(excerpt_item(text, document, "", target))
        self.excerpts_shown.emit()

    def adopt_dialog(self) -> AdoptDialog | None:
        chosen = self.current()
        if chosen is None or self.window.project is None:
            self.window.show_status("Choose a triple first")
            return None
        return AdoptDialog(chosen, list_topics(self.window.project), self)

    def adopt(self, dialog: AdoptDialog) -> None:
        project, flt, mode = self.window.project, self.filter(), self.mode.currentText()
        label, topic = dialog.label.text(), dialog.topic.currentText()
        statement, nodes = dialog.statement.toPlainText(), dialog.chosen_nodes()
        reason = dialog.reason.text()

        def done(step) -> None:  # type: ignore[no-untyped-def]
            self.window.undo_stack.push(StepCommand(self.window, step))
            self.window.apply(step.changes)
            self.window.show_status(f"Done: {step.text}")
            self.run()  # the triple is in the model now

        self.window.run_in_background(
            lambda: adopt_step(project, label, topic, statement, nodes, mode, flt, reason), done)

    def ask_adopt(self) -> AdoptDialog | None:
        dialog = self.adopt_dialog()
        if dialog is not None:
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.accepted.connect(lambda: self.adopt(dialog))
            dialog.open()
        return dialog

    def export_csv(self, path=None) -> None:  # type: ignore[no-untyped-def]
        rows = list(self.model.rows)
        export_to(self.window, self, "Export candidates", "candidates.csv", "CSV (*.csv)",
                  lambda target: export_candidates_csv(rows, target), "candidates", path)


    def clear_results(self) -> None:
        """The project closed or another opened: none of the last search's rows stay."""
        self.model.show([])
        self.excerpts.clear()
        self.status.clear()

    def outdated(self) -> None:
        """Coding or the model changed: say so rather than search again on every edit (a
        search over a large review takes a second)."""
        if self.model.rows:
            self.status.setText("The coding or the model changed since this search: Find "
                                "again to update it.")


def install(window) -> None:
    view = CandidatesView(window)
    install_dock(window, view, "candidatesDock", "Configuration candidates",
                 "Configuration ca&ndidates (C × M × O)", view.run)
    window.changed.connect(
        lambda c: view.outdated() if (c.theories or c.references or c.nodes) else None)
    window.scope.needs_project(view.adopt_button, writable=True)  # it codes excerpts
