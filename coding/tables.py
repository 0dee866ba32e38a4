"""Tables as CSV: written spreadsheet-safe, read strictly.

Every CSV the project writes (excerpts, coverage, matrix, search hits, the model, evidence and
intervention tables, codebooks) goes through `safe_cell`/`write_table_csv`, the one place that
neutralises formula injection; every sheet it reads (a model, a classification sheet) through
`read_table_csv`, the one place that refuses a malformed one. The realist, review and export
modules share them from the core instead of from one another.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path

from coding.errors import InvalidInput
from importers.source import MAX_SHEET_BYTES, read_source
from storage.output_files import open_replacing

_FORMULA_START = frozenset("=+-@\t\r")
MAX_CELL_CHARS = 10_000  # a long statement fits; a runaway cell (an open quote) does not


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


def read_table_csv(path: Path) -> list[tuple[int, list[str]]]:
    """(line, cells) for every row with something in it, the header first.

    Strict (issue 18): an unterminated quote used to swallow the rows after it into one cell,
    non-UTF-8 bytes stopped an import with a traceback, and a cell of any size was taken. Each
    is now one line naming the file and the line where the bad row begins.
    """
    data = read_source(path, MAX_SHEET_BYTES)  # a regular file, of a sane size
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InvalidInput(f"{path.name} line {line}: not UTF-8 text (byte 0x{data[exc.start]:02x}); "
                           "save it as \"CSV UTF-8 (comma delimited)\"") from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[int, list[str]]] = []
    start = 1  # where the record being read began (an open quote runs on past it)
    try:
        for cells in reader:
            line, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in cells):
                continue
            for cell in cells:
                if len(cell) > MAX_CELL_CHARS:
                    raise InvalidInput(f"{path.name} line {line}: a cell holds {len(cell):,} "
                                       f"characters, more than the {MAX_CELL_CHARS:,} a cell may")
            rows.append((line, cells))
    except csv.Error as exc:
        raise InvalidInput(f"{path.name} line {start}: not well-formed CSV ({exc}); "
                           "is a quote left open?") from None
    return rows
