"""Where the panels go, the View menu, and the layout remembered per user.

The window must work on a 1,280×800 screen with every tool open. So the review tools are tabs
in one bottom dock group with the node references (the memo stays beside them), the document
list and the node tree keep the sides, and a panel whose controls are wider than a side panel
may be scrolls inside its dock instead of raising the window's minimum width (opening Coverage
then Matrix once made it 2,201 px). The default arrangement is kept, so View ▸ Reset layout can
always go back to it; the user's own arrangement and zoom are saved in QSettings on close.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDockWidget, QFrame, QMenu, QScrollArea, QWidget

from app.screen_fit import keep_on_screen

WIDEST_DOCK_MINIMUM = 260  # wider controls scroll inside their dock
SIDE_WIDTH = 280
SIDE_SHARE = 0.25  # of the window's width at most, each: on a 1,024 px screen 256 and 256 leave
# the page being read 512
BOTTOM_HEIGHT = 230
BOTTOM_SHARE = 0.3  # of the window's height at most: on a 1,024×600 screen the bottom panels
# took 230 of 600 pixels and the page being read had 255
REVIEW_SHARE = 0.45
# pixels: a window restored on the screen it was saved on may come back a title bar shorter
# (Qt's frame geometry; seen under X11 and offscreen), which is no shorter screen
SHORTER_SCREEN = 60
BESIDE_THE_TABS = ("memoDock",)  # bottom docks that are not tabbed with the review tools
STATE_VERSION = 2  # bump when the default arrangement changes: old saved states are ignored


class WindowLayout:
    def __init__(self, window) -> None:
        self.window = window
        self.docks: list[QDockWidget] = []
        self.default_state = QByteArray()
        self.view_menu: QMenu | None = None
        self.panels_menu: QMenu | None = None

    def add_dock(self, object_name: str, title: str, widget: QWidget,
                 area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self.window)
        dock.setObjectName(object_name)
        dock.setWidget(self._fitted(widget))
        self.window.addDockWidget(area, dock)
        self.docks.append(dock)
        if self.panels_menu is not None:
            self._add_toggle(dock)
        return dock

    @staticmethod
    def _fitted(widget: QWidget) -> QWidget:
        if widget.minimumSizeHint().width() <= WIDEST_DOCK_MINIMUM:
            return widget
        scroll = QScrollArea()
        scroll.setObjectName(f"{widget.objectName() or 'panel'}Scroll")
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidgetResizable(True)
        scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(widget)
        return scroll

    def give_room(self, dock: QDockWidget) -> None:
        """A review tool just brought forward gets about half the window's height (the
        bottom strip sized for node references shows two rows of a table)."""
        if self.window.dockWidgetArea(dock) == Qt.DockWidgetArea.BottomDockWidgetArea:
            wanted = int(self.window.height() * REVIEW_SHARE)
            if dock.height() < wanted:
                self.window.resizeDocks([dock], [wanted], Qt.Orientation.Vertical)

    def dock(self, object_name: str) -> QDockWidget | None:
        return next((d for d in self.docks if d.objectName() == object_name), None)

    # The View menu -----------------------------------------------------------------------

    def build_view_menu(self, menu: QMenu) -> None:
        """Panels (one toggle each), zoom, Reset layout; others may add their own items."""
        self.view_menu = menu
        self.panels_menu = menu.addMenu("&Panels")
        for dock in self.docks:
            self._add_toggle(dock)
        w = self.window
        toolbar = menu.addAction("&Toolbar")
        toolbar.setCheckable(True)
        toolbar.setChecked(True)
        toolbar.toggled.connect(lambda on: w.toolbar.setVisible(on))
        self.toolbar_action = toolbar
        menu.addSeparator()
        self.zoom_in = menu.addAction("Zoom &in", QKeySequence.StandardKey.ZoomIn,
                                      lambda: self.zoom(+1))
        self.zoom_out = menu.addAction("Zoom &out", QKeySequence.StandardKey.ZoomOut,
                                       lambda: self.zoom(-1))
        self.zoom_reset = menu.addAction("&Normal size", QKeySequence("Ctrl+0"),
                                         lambda: self.zoom(0))
        menu.addSeparator()
        self.reset_action = menu.addAction("&Reset layout", self.reset)
        w.scope.free(toolbar, self.zoom_in, self.zoom_out, self.zoom_reset, self.reset_action)

    def _add_toggle(self, dock: QDockWidget) -> None:
        assert self.panels_menu is not None
        action = dock.toggleViewAction()
        self.panels_menu.addAction(action)
        self.window.scope.free(action)

    # Zoom -------------------------------------------------------------------------------

    def zoom(self, step: int) -> None:
        """Larger or smaller document text (0: back to normal); remembered for next time."""
        text = self.window.viewer
        current = _stored_zoom(QSettings())
        wanted = 0 if step == 0 else max(-6, min(12, current + step))
        text.zoomIn(wanted - self._applied_zoom)
        self._applied_zoom = wanted
        QSettings().setValue("view/zoom", wanted)
        self.window.viewer_widget.margin.update()

    _applied_zoom = 0

    # Arrangement ------------------------------------------------------------------------

    def arrange(self) -> None:
        """The default: documents left; nodes (and theories) right; node references and the
        review tools as tabs along the bottom, the memo beside them."""
        w = self.window
        side = Qt.DockWidgetArea
        groups: dict[Qt.DockWidgetArea, list[QDockWidget]] = {}
        for dock in self.docks:
            area = w.dockWidgetArea(dock)
            if area == side.NoDockWidgetArea:
                continue
            if area == side.BottomDockWidgetArea and dock.objectName() in BESIDE_THE_TABS:
                continue
            if dock.isFloating():
                dock.setFloating(False)
            groups.setdefault(area, []).append(dock)
        bottom = groups.get(side.BottomDockWidgetArea, [])
        memo = self.dock("memoDock")
        if bottom and memo is not None:  # split first: tabbing hidden docks first made Qt
            w.splitDockWidget(bottom[0], memo, Qt.Orientation.Horizontal)  # tab the memo too
        for docks in groups.values():
            for other in docks[1:]:
                w.tabifyDockWidget(docks[0], other)
            docks[0].raise_()
        if bottom and memo is not None:
            w.resizeDocks([bottom[0], memo], [2, 1], Qt.Orientation.Horizontal)
        firsts = [d[0] for a, d in groups.items() if a != side.BottomDockWidgetArea]
        side_width = min(SIDE_WIDTH, int(SIDE_SHARE * w.width()))
        w.resizeDocks(firsts, [side_width] * len(firsts), Qt.Orientation.Horizontal)
        if bottom:
            w.resizeDocks([bottom[0]], [self._bottom_height()], Qt.Orientation.Vertical)

    def _bottom_height(self) -> int:
        return min(BOTTOM_HEIGHT, int(BOTTOM_SHARE * self.window.height()))

    def _fit_bottom(self) -> None:
        bottom = self._bottom_docks()
        if bottom and max(d.height() for d in bottom) > self._bottom_height():
            self.window.resizeDocks(bottom[:1], [self._bottom_height()], Qt.Orientation.Vertical)

    def _bottom_docks(self) -> list[QDockWidget]:
        return [d for d in self.docks if not d.isHidden() and not d.isFloating()
                and self.window.dockWidgetArea(d) == Qt.DockWidgetArea.BottomDockWidgetArea]

    def restore(self) -> None:
        """Arrange, keep that as the default, then apply what this user saved last time."""
        self.arrange()
        self.default_state = self.window.saveState(STATE_VERSION)
        settings = QSettings()
        if settings.contains("window/geometry"):
            self.window.restoreGeometry(settings.value("window/geometry"))
            self.window.restoreState(settings.value("window/state"), STATE_VERSION)
            keep_on_screen(self.window)  # saved on a larger screen than this one
            if _stored_int(settings, "window/height") > self.window.height() + SHORTER_SCREEN:
                # on a shorter screen than it was saved on (Qt cuts the window to it), the
                # panels' saved height would crowd out the page: cut once the window is shown
                QTimer.singleShot(0, self._fit_bottom)
        self._applied_zoom = 0
        saved_zoom = _stored_zoom(settings)
        if saved_zoom:
            self.window.viewer.zoomIn(saved_zoom)
            self._applied_zoom = saved_zoom
        self.toolbar_action.setChecked(not self.window.toolbar.isHidden())

    def reset(self) -> None:
        self.window.restoreState(self.default_state, STATE_VERSION)
        for dock in self.docks:
            if dock.isFloating():
                dock.setFloating(False)
        self.window.toolbar.show()
        self.zoom(0)
        self.window.show_status("Layout reset")

    def save(self) -> None:
        settings = QSettings()
        settings.setValue("window/geometry", self.window.saveGeometry())
        settings.setValue("window/state", self.window.saveState(STATE_VERSION))
        settings.setValue("window/height", self.window.height())


def _stored_zoom(settings: QSettings) -> int:
    return _stored_int(settings, "view/zoom")


def _stored_int(settings: QSettings, key: str) -> int:
    value = settings.value(key, 0)
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return 0
