"""What every bad-input test asks of a failed command: one line, an exit code, no change."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from tests.conftest import CliResult


def one_line_failure(result: CliResult, *words: str, code: int = 1) -> str:
    """The failure's single stderr line (no traceback, no "unexpected" catch-all)."""
    assert result.code == code, result
    lines = result.err.strip().splitlines()
    assert "Traceback" not in result.err and "unexpected" not in result.err, result.err
    if code == 1:
        assert len(lines) == 1, result.err
    for word in words:
        assert word in lines[-1], lines[-1]
    return lines[-1]


def content(project: Path) -> str:
    """The project's rows as SQL: equal before and after means the command changed nothing
    (the file's bytes would also move with a checkpoint of the write-ahead log)."""
    con = sqlite3.connect(f"file:{project}?mode=ro", uri=True)
    try:
        return hashlib.sha256("\n".join(con.iterdump()).encode()).hexdigest()
    finally:
        con.close()
