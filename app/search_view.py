"""Review ▸ Text search: find words, phrases or patterns everywhere, then code the hits;
and Review ▸ Co-occurrence: where two nodes are coded together.

Results show keyword in context, page and document; tick the ones that are evidence and code
them to a node in one action (one combined result, so the whole action can be undone).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from app.review_widgets import excerpt_item, install_dock, text_item
from app.undo import CodingCommand
from app.wrap_delegate import WrapDelegate
from coding.names import counted
from coding.nodes import list_nodes
from coding.review.cooccurrence import MODES, CoOccurrence, cooccurrences
from coding.review.search import SearchHit, SearchResult, code_hits, search_text

LIMIT = 2000
SPREAD_LABELS = (("the hit", "hit"), ("its sentence", "sentence"), ("its paragraph", "paragraph"))


class SearchView(QWidget):
    searched = Signal()
    coded = Signal(object)

    def __init__(self, window) -> None:
        super().__init__()
        self.setObjectName("searchView")
        self.window = window
        self.hits: list[SearchHit] = []
        self.query = QLineEdit()
        self.query.setObjectName("searchQuery")
        self.query.setPlaceholderText('words, "exact phrase", or a regular expression')
        self.query.returnPressed.connect(self.search)
        self.regex = QCheckBox("Regular expression")
        self.whole_word = QCheckBox("Whole word")
        self.case_sensitive = QCheckBox("Match case")
        self.search_button = QPushButton("Search")
        self.search_button.clicked.connect(self.search)
        self.status = QLabel()
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("searchResults")
        self.table.setHorizontalHeaderLabels(["Document", "Page", "In context"])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemActivated.connect(self._open_hit)  # double-click or Enter
        self.node = QComboBox()
        self.node.setObjectName("searchNode")
        self.node.setMinimumContentsLength(16)
        self.node.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.spread = QComboBox()
        self.spread.setObjectName("searchSpread")
        for label, spread in SPREAD_LABELS:
            self.spread.addItem(label, spread)
        self.spread.setToolTip("Code the word or phrase found, the sentence around it, or its "
                               "whole paragraph")
        self.select_all = QPushButton("Tick all")
        self.select_all.clicked.connect(lambda: self.set_all_checked(True))
        self.code_button = QPushButton("Code ticked results")
        self.code_button.setObjectName("codeHits")
        self.code_button.clicked.connect(self.code_checked)
        top = QHBoxLayout()
        for widget in (self.query, self.regex, self.whole_word, self.case_sensitive,
                       self.search_button):
            top.addWidget(widget, 1 if widget is self.query else 0)
        bottom = QHBoxLayout()
        bottom.addWidget(self.select_all)
        bottom.addStretch(1)
        bottom.addWidget(QLabel("Code"))
        bottom.addWidget(self.spread)
        bottom.addWidget(QLabel("to"))
        bottom.addWidget(self.node, 1)
        bottom.addWidget(self.code_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

    def clear_results(self) -> None:
        self.hits = []
        self.table.setRowCount(0)
        self.status.clear()
        self.load_nodes()

    def load_nodes(self) -> None:
        project = self.window.project
        current = self.node.currentData()
        self.node.clear()
        if project is None:
            return
        for n in list_nodes(project):
            if n.is_codable:
                self.node.addItem(n.path, n.id)
        index = self.node.findData(current)
        self.node.setCurrentIndex(max(index, 0))

    def search(self) -> None:
        project, text = self.window.project, self.query.text()
        if project is None or not text.strip():
            return
        options = dict(regex=self.regex.isChecked(), whole_word=self.whole_word.isChecked(),
                       case_sensitive=self.case_sensitive.isChecked(), limit=LIMIT)
        self.status.setText("Searching…")
        self.window.run_in_background(lambda: search_text(project, text, **options), self._show,
                                      self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(str(exc))
        self.searched.emit()

    def _show(self, result: SearchResult) -> None:
        self.hits = list(result.hits)
        self.table.setRowCount(len(self.hits))
        for i, hit in enumerate(self.hits):
            doc = text_item(hit.document, i)
            doc.setFlags(doc.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            doc.setCheckState(Qt.CheckState.Unchecked)
            self.table.setItem(i, 0, doc)
            self.table.setItem(i, 1, text_item("" if hit.page is None else str(hit.page)))
            self.table.setItem(i, 2, text_item(hit.kwic))
        shown = f", showing the first {len(self.hits)}" if result.truncated else ""
        how = " · double-click one, or press Enter, to open it" if self.hits else ""
        self.status.setText(f"{counted(result.total, 'hit')} in "
                            f"{counted(result.documents, 'document')}{shown}{how}")
        self.searched.emit()

    def set_all_checked(self, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        for row in range(self.table.rowCount()):
            self.table.item(row, 0).setCheckState(state)

    def checked_hits(self) -> list[SearchHit]:
        return [self.hits[row] for row in range(self.table.rowCount())
                if self.table.item(row, 0).checkState() == Qt.CheckState.Checked]

    def code_checked(self) -> None:
        project, node_id, hits = self.window.project, self.node.currentData(), self.checked_hits()
        if project is None or node_id is None or not hits:
            self.window.show_status("Tick some results and choose a node first")
            return

        node_name, spread = self.node.currentText(), self.spread.currentData()

        def done(result) -> None:
            self.window.apply(result.changes)
            # one undo step takes back every hit (the coding is already saved: redo skips once)
            self.window.undo_stack.push(
                CodingCommand(self.window, result, f"code {len(hits)} search results"))
            what = "results" if spread == "hit" else f"results' {spread}s"
            self.window.show_status(f"Coded {len(hits)} {what} to {node_name}")
            self.coded.emit(result)

        def failed(exc: BaseException) -> None:
            self.window.show_status(str(exc))

        self.window.run_in_background(lambda: code_hits(project, hits, node_id, spread), done,
                                      failed)

    def _open_hit(self, item) -> None:
        hit = self.hits[self.table.item(item.row(), 0).data(Qt.ItemDataRole.UserRole)]
        self.window.open_document_at(hit.document_id, hit.start, hit.end)


def install(window) -> None:
    view = SearchView(window)

    def shown() -> None:
        view.load_nodes()
        view.query.setFocus()

    install_dock(window, view, "searchDock", "Text search", "Text &search", shown)
    window.scope.needs_project(view.code_button, writable=True)
    install_cooccurrence(window)
    window.project_opened.connect(lambda _p: view.load_nodes())
    window.changed.connect(lambda c: view.load_nodes() if c.nodes else None)


class CooccurrenceView(QWidget):
    """Where node A and node B are coded together: overlapping, near, or in one paragraph."""

    found = Signal()

    def __init__(self, window) -> None:
        super().__init__()
        self.setObjectName("cooccurrenceView")
        self.window = window
        self.node_a, self.node_b = QComboBox(), QComboBox()
        self.mode = QComboBox()
        self.mode.addItems(list(MODES))
        self.distance = QSpinBox()
        self.distance.setRange(0, 100_000)
        self.distance.setSuffix(" characters")
        self.run_button = QPushButton("Find")
        self.run_button.clicked.connect(self.run)
        self.status = QLabel()
        self.results = QListWidget()
        self.results.setItemDelegate(WrapDelegate(self.results))
        self.results.itemActivated.connect(self._open)
        top = QHBoxLayout()
        for label, widget in (("A", self.node_a), ("B", self.node_b), ("", self.mode),
                              ("within", self.distance)):
            if label:
                top.addWidget(QLabel(label))
            top.addWidget(widget)
        top.addWidget(self.run_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)

    def clear_results(self) -> None:
        self.results.clear()
        self.status.clear()
        self.load_nodes()

    def load_nodes(self) -> None:
        project = self.window.project
        for combo in (self.node_a, self.node_b):
            current = combo.currentData()
            combo.clear()
            for n in list_nodes(project) if project is not None else []:
                combo.addItem(n.path, n.id)
            combo.setCurrentIndex(max(combo.findData(current), 0))

    def run(self) -> None:
        project, a, b = self.window.project, self.node_a.currentData(), self.node_b.currentData()
        if project is None or a is None or b is None:
            return
        mode, distance = self.mode.currentText(), self.distance.value()
        self.window.run_in_background(
            lambda: cooccurrences(project, a, b, mode=mode, distance=distance), self._show)

    def _show(self, pairs: list[CoOccurrence]) -> None:
        self.results.clear()
        for c in pairs:
            self.results.addItem(excerpt_item(" ".join(c.text.split()), c.document, c.pages,
                                              (c.document_id, c.start, c.end)))
        documents = len({c.document_id for c in pairs})
        self.status.setText(f"{counted(len(pairs), 'co-occurrence')} in {counted(documents, 'document')}")
        self.found.emit()

    def _open(self, item: QListWidgetItem) -> None:
        self.window.open_document_at(*item.data(Qt.ItemDataRole.UserRole))


def install_cooccurrence(window) -> None:
    view = CooccurrenceView(window)
    install_dock(window, view, "cooccurrenceDock", "Co-occurrence", "C&o-occurrence",
                 view.load_nodes)
    window.changed.connect(lambda c: view.load_nodes() if c.nodes else None)
