"""The version the user sees, read from the installed package's metadata: pyproject.toml's
`version` is the one source, for the wheel, a checkout installed with `./dev` and the bundle
(which copies the metadata in)."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

DISTRIBUTION = "realist-coder"


def app_version() -> str:
    """'0.1.0'; from a checkout that was never installed, 'unknown' rather than a failure."""
    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:
        return "unknown"


def app_label() -> str:
    """How files we write name their maker ('Realist Coder 0.1.0')."""
    found = app_version()
    return "Realist Coder" if found == "unknown" else f"Realist Coder {found}"
