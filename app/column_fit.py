"""Columns of a tree in a narrow dock: each as wide as its contents, except one long-text column
capped so that the columns after it, up to a given one, stay in view.

Sized to their contents, one long node name or one long status ("partly supported: no evidence
for outcome 'Feels worse'") pushed the C/M/O columns out of a 280-pixel dock, behind a sideways
scroll bar. The capped column's text is elided; its tooltip (set by the caller) says it whole.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QTreeWidget

MIN_WIDTH = 100  # pixels: below this the capped column says too little to be read
WANTED = "fitWanted"  # the tree's property: how wide the capped column's contents are


def fit_columns(tree: QTreeWidget, capped: int, keep_through: int,
                widths: dict[int, int] | None = None) -> None:
    """Every column to its contents (or to the width given in `widths`), then `capped`
    narrowed (never below MIN_WIDTH) so that the columns up to `keep_through` fit in the
    tree's viewport. Measuring reads every row (13 ms for 2,000 nodes): done when the rows
    change; a resize only caps again (`cap`)."""
    widths = widths or {}
    for column in range(tree.columnCount()):
        if column in widths:
            tree.setColumnWidth(column, widths[column])
        elif column != capped:
            tree.resizeColumnToContents(column)
    tree.setProperty(WANTED, max(tree.sizeHintForColumn(capped),
                                 tree.header().sectionSizeHint(capped)))
    cap(tree, capped, keep_through)


def cap(tree: QTreeWidget, capped: int, keep_through: int) -> None:
    """The capped column as wide as it was measured to want, or as the room left beside the
    columns up to `keep_through` allows, whichever is less (never below MIN_WIDTH)."""
    wanted = tree.property(WANTED)
    if wanted is None:
        return
    others = sum(tree.columnWidth(c) for c in range(keep_through + 1) if c != capped)
    room = tree.viewport().width() - others
    tree.setColumnWidth(capped, max(MIN_WIDTH, min(int(wanted), room)))


class RefitOnResize(QObject):
    """Caps the long-text column again whenever the tree's viewport changes size (the dock
    dragged wider or narrower)."""

    def __init__(self, tree: QTreeWidget, capped: int, keep_through: int) -> None:
        super().__init__(tree)
        self.tree, self.capped, self.keep_through = tree, capped, keep_through
        tree.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize:
            cap(self.tree, self.capped, self.keep_through)
        return False
