"""The toolbar and menu icons (plain SVG strokes, mid-grey, one accent) and action tooltips.

Mid-grey reads on both light and dark palettes, so one set serves every theme and nothing
depends on `currentColor` (which Qt's SVG renderer does not resolve from the palette).
Icons ship as package data (resources/icons), so they are found the same way from a source
checkout and from an installed wheel.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path

from PySide6.QtGui import QAction, QIcon, QKeySequence

ICON_DIR = Path(str(files("resources") / "icons"))


def icon_names() -> list[str]:
    return sorted(p.stem for p in ICON_DIR.glob("*.svg"))


@cache
def icon(name: str) -> QIcon:
    """The named icon; an unknown name is a programming error, so it fails loudly."""
    path = ICON_DIR / f"{name}.svg"
    if not path.is_file():
        raise KeyError(f"no icon named {name!r} in {ICON_DIR}")
    return QIcon(str(path))


def app_icon() -> QIcon:
    """The application's own icon: the one `install-desktop` puts in the user's icon theme."""
    return QIcon(str(files("resources") / "desktop" / "realist-coder.svg"))


def describe_action(action: QAction) -> None:
    """Tooltip = the action's name and its shortcut, e.g. "Code to… (Ctrl+K)"."""
    name = action.text().replace("&", "")
    keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    action.setToolTip(f"{name} ({keys})" if keys else name)
