"""Plain, script-friendly output: tab-separated rows with a header line."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence


def print_rows(header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    out = sys.stdout
    out.write("\t".join(header) + "\n")
    for row in rows:
        out.write("\t".join("" if v is None else str(v).replace("\t", " ") for v in row) + "\n")
