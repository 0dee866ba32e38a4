"""Plain, script-friendly output: tab-separated rows with a header line.

A cell never breaks its row or the terminal: control characters (tabs and line breaks
included) and bidirectional overrides in names are written as escapes (coding.names.visible).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence

from coding.names import visible


def print_rows(header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    out = sys.stdout
    out.write("\t".join(header) + "\n")
    for row in rows:
        out.write("\t".join("" if v is None else visible(str(v).replace("\t", " ")) for v in row) + "\n")
