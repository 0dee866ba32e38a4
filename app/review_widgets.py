"""Pieces shared by the review views: the reference filter bar and numeric table items."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QListWidgetItem,
    QSplitter,
    QTableView,
    QTableWidgetItem,
    QWidget,
)

from coding.coders import CoderInfo
from coding.filters import ReferenceFilter
from storage.models import NODE_ORIGINS, RATINGS, ROLES

ANY = "any"


def _combo(name: str, values: tuple[str, ...] | list[str]) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    combo.addItems([ANY, *values])
    return combo


class FilterBar(QWidget):
    """Rows (nodes or theories), child aggregation, and the filters every view shares."""

    filter_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QGridLayout(self)  # two rows: one row of eight filters made docks too wide
        layout.setContentsMargins(0, 0, 0, 0)
        self.rows = QComboBox()
        self.rows.setObjectName("rowsCombo")
        self.rows.addItems(["nodes", "theories"])
        self.aggregate = QCheckBox("Include child nodes")
        self.aggregate.setObjectName("aggregateCheck")
        self.role = _combo("roleCombo", [r for r in ROLES if r != "none"])
        self.origin = _combo("originCombo", list(NODE_ORIGINS) + ["initial", "new"])
        self.topic = _combo("topicCombo", [])
        self.relevance = _combo("relevanceCombo", RATINGS)
        self.rigour = _combo("rigourCombo", RATINGS)
        self.coder = _combo("coderCombo", [])
        cells = (("Rows", self.rows), ("", self.aggregate), ("Role", self.role),
                 ("Origin", self.origin), ("Topic", self.topic), ("Relevance", self.relevance),
                 ("Rigour", self.rigour), ("Coder", self.coder))
        for index, (label, widget) in enumerate(cells):
            row, column = divmod(index, 4)
            if label:
                layout.addWidget(QLabel(label), row, column * 2)
            layout.addWidget(widget, row, column * 2 + 1)
            signal = widget.toggled if isinstance(widget, QCheckBox) else widget.currentIndexChanged
            signal.connect(lambda *_: self.filter_changed.emit())
        layout.setColumnStretch(8, 1)

    def set_topics(self, topics: list[str]) -> None:
        current = self.topic.currentText()
        self.topic.blockSignals(True)
        self.topic.clear()
        self.topic.addItems([ANY, *topics])
        self.topic.setCurrentText(current if current in topics else ANY)
        self.topic.blockSignals(False)

    def set_coders(self, coders: list[CoderInfo]) -> None:
        """The coders to filter by (names shown, ids kept); the choice survives a refresh."""
        current = self.coder.currentData()
        self.coder.blockSignals(True)
        self.coder.clear()
        self.coder.addItem(ANY, None)
        for coder in coders:
            self.coder.addItem(coder.label, coder.id)
        self.coder.setCurrentIndex(max(self.coder.findData(current), 0))
        self.coder.blockSignals(False)

    def reference_filter(self) -> ReferenceFilter:
        def chosen(combo: QComboBox) -> tuple[str, ...]:
            return () if combo.currentText() == ANY else (combo.currentText(),)

        coder = self.coder.currentData()
        return ReferenceFilter(
            relevance=chosen(self.relevance), rigour=chosen(self.rigour),
            roles=chosen(self.role), origins=chosen(self.origin), topics=chosen(self.topic),
            coder_ids=() if coder is None else (coder,),
        )


def results_over_detail(split: QSplitter, table: QTableView, detail: QWidget) -> None:
    """A results table over the detail of its chosen cell or row, in a bottom panel that a
    laptop's screen leaves some 200 px: split by the two widgets' default size hints, which are
    alike, the table showed two rows over an empty detail of the same height (1,366×768). The
    table gets three quarters, and rows a line of text high."""
    detail.setMinimumHeight(36)  # its default minimum held a third of the split
    split.setSizes([300, 100])
    split.setStretchFactor(0, 3)
    split.setStretchFactor(1, 1)
    compact_rows(table)


def compact_rows(table: QTableView) -> None:
    """Rows a line of text high: Qt's default is half as high again."""
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)


def number_item(value: float) -> QTableWidgetItem:
    """An item that sorts by its number, not its text."""
    item = QTableWidgetItem()
    item.setData(Qt.ItemDataRole.DisplayRole, value)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item


def text_item(text: str, data: object = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if data is not None:
        item.setData(Qt.ItemDataRole.UserRole, data)
    return item


def install_dock(window, view: QWidget, object_name: str, title: str, action: str,
                 on_show: Callable[[], None], *, load_on_open: bool = False):
    """A hidden dock for `view` and a Review-menu action that shows it and calls `on_show`.
    The view follows the project: disabled without one, and its results are dropped
    (`view.clear_results()`) whenever the project closes or another one opens; with
    `load_on_open`, `on_show` runs too when a project opens with the dock open."""
    dock = window.add_dock(object_name, title, view)
    dock.hide()
    window.scope.needs_project(view)
    window.scope.on_reset(view.clear_results)
    if load_on_open:
        # not hidden, rather than visible: the app opens the project before it shows the
        # window, and a dock the last session left open is not yet "visible" then (Coverage
        # and Coding comparison stayed empty at start)
        window.project_opened.connect(lambda _p: on_show() if not dock.isHidden() else None)

    def show() -> None:
        dock.show()
        dock.raise_()
        window.layout_.give_room(dock)
        on_show()

    window.menu_named("&Review").addAction(action, show)
    return dock


def excerpt_item(text: str, document: str, pages: str, target: tuple[int, int, int],
                 extra: str = "") -> QListWidgetItem:
    """An excerpt in a list: its text, then "— document, pages"; holds (document, start, end)
    for opening it with `window.open_document_at`."""
    where = f"{document}, {pages}" if pages else document
    item = QListWidgetItem(f"{text}\n— {where}{extra}")
    item.setData(Qt.ItemDataRole.UserRole, target)
    return item


ANY_RATING = "any"


def minimum_rating_combos() -> tuple[QComboBox, QComboBox]:
    """The "Relevance ≥" and "Rigour ≥" boxes of the realist views ("any", high...)."""
    from coding.realist.ratings import LEVELS

    combos = QComboBox(), QComboBox()
    for combo in combos:
        combo.addItems([ANY_RATING, *LEVELS])
    return combos


def minimum_rating_filter(relevance: QComboBox, rigour: QComboBox) -> ReferenceFilter:
    """The one reference filter those two boxes stand for."""
    from coding.filters import NO_FILTER
    from coding.realist.ratings import with_minimum

    def level(combo: QComboBox) -> str | None:
        return None if combo.currentText() == ANY_RATING else combo.currentText()

    return with_minimum(NO_FILTER, level(relevance), level(rigour))
