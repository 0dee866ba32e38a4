"""Tables as spreadsheet-safe CSV: the one place that neutralises formula injection.

Every CSV the project writes (excerpts, coverage, matrix, search hits, the model, evidence and
intervention tables, codebooks) goes through `safe_cell`/`write_table_csv`, so the realist,
review and export modules share it from the core instead of from one another.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path

from storage.output_files import open_replacing

_FORMULA_START = frozenset("=+-@\t\r")


def safe_cell(value: object) -> str:
    """Neutralise spreadsheet formula injection: a leading apostrophe makes it plain text."""
    text = "" if value is None else str(value)
    if text[:1] in _FORMULA_START and text:
        return "'" + text
    return text


def safe_row(row: Sequence[object]) -> list[object]:
    """safe_cell on every cell; whole numbers (offsets, ids) pass through as numbers.

    Inlined for text cells because an export of 100,000 excerpts calls it 1.4 million times.
    """
    return [
        ("'" + v if v and v[0] in _FORMULA_START else v) if type(v) is str
        else v if type(v) is int else safe_cell(v)
        for v in row
    ]


def write_table_csv(
    path: Path | str, header: Sequence[str], rows: Iterable[Sequence[object]], *,
    bom: bool = False, inputs: Iterable[Path | str] = (),
) -> int:
    """Any table (coverage, matrix, search hits, excerpts, the model) as a spreadsheet-safe
    CSV, replacing `path` whole or not at all (never over a project or one of `inputs`);
    returns the number of rows."""
    count = 0
    encoding = "utf-8-sig" if bom else "utf-8"
    with open_replacing(path, "w", inputs=inputs, newline="", encoding=encoding) as fh:
        writer = csv.writer(fh)
        writer.writerow(safe_row(header))
        for row in rows:
            writer.writerow(safe_row(row))
            count += 1
    return count
