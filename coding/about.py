"""What the program says about itself: its version and licence (`--version`, Help ▸ About).

The version is read from the installed package's metadata, never written here a second time,
so the command line, the About box and the packaged app always agree.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

PACKAGE = "realist-coder"
LICENCE = "GNU General Public License, version 3 or later (GPL-3.0-or-later)"


def app_version() -> str:
    try:
        return version(PACKAGE)
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown (not installed)"
