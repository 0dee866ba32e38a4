"""Tables as spreadsheet-safe CSV: the one place that neutralises formula injection.

Every CSV the project writes (excerpts, coverage, matrix, search hits, the model, evidence and
intervention tables, codebooks) goes through `safe_cell`/`write_table_csv`, so the realist,
review and export modules share it from the core instead of from one another.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

_FORMULA_START = frozenset("=+-@\t\r")


def safe_cell(value: object) -> str:
    """Neutralise spreadsheet formula injection: a leading apostrophe makes it plain text."""
    text = "" if value is None else str(value)
    if text[:1] in _FORMULA_START and text:
        return "'" + text
    return text


def unsafe_cell(text: str) -> str:
    """Take back the apostrophe `safe_cell` added, so a sheet we wrote reads back the same."""
    return text[1:] if text[:1] == "'" and text[1:2] in _FORMULA_START and text[1:] else text


def safe_row(row: list[object]) -> list[object]:
    """safe_cell on every cell; whole numbers (offsets, ids) pass through as numbers.

    Inlined for text cells because an export of 100,000 excerpts calls it 1.4 million times.
    """
    return [
        ("'" + v if v and v[0] in _FORMULA_START else v) if type(v) is str
        else v if type(v) is int else safe_cell(v)
        for v in row
    ]


def write_table_csv(
    path: Path | str, header: list[str], rows: Iterable[list[object]], *, bom: bool = False
) -> int:
    """Any table (coverage, matrix, search hits) as a spreadsheet-safe CSV; returns rows."""
    count = 0
    with Path(path).open("w", newline="", encoding="utf-8-sig" if bom else "utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(safe_row(list(header)))
        for row in rows:
            writer.writerow(safe_row(row))
            count += 1
    return count
