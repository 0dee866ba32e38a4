"""Plain, script-friendly output: tab-separated rows with a header line.

A cell never breaks its row or the terminal: control characters (tabs and line breaks
included) and bidirectional overrides in names are written as escapes (coding.names.visible).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from coding.names import visible


def print_rows(header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    out = sys.stdout
    out.write("\t".join(header) + "\n")
    for row in rows:
        out.write("\t".join("" if v is None else visible(str(v).replace("\t", " ")) for v in row) + "\n")


def warn_suffix(path: Path | None, suffix: str, kind: str) -> None:
    """Say on stderr when a file is written under another suffix than its kind's: `report P N
    r.txt` wrote a Word document that a double-click then opened as garbled text. Only said,
    not refused: scripts that name files their own way keep working."""
    if path is not None and path.suffix.lower() != suffix:
        print(f"realist-coder: warning: {path.name} is written as {kind}; name it {suffix} "
              "to open it by its name", file=sys.stderr)
