"""The first 100 bytes of a project file: is it ours, and how long does it say it is?

Read without SQLite (and without blocking on a FIFO), so the open check, the output guard and
the truncation check can look at any path safely, even one that is not a database at all.
Layout: https://www.sqlite.org/fileformat.html#the_database_header
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

SQLITE_MAGIC = b"SQLite format 3\x00"
APPLICATION_ID = 0x52434F44  # "RCOD": lets `file` and our own open() recognise a project
HEADER_BYTES = 100


@dataclass(frozen=True)
class Header:
    raw: bytes
    file_size: int

    @property
    def is_sqlite(self) -> bool:
        return self.raw.startswith(SQLITE_MAGIC)

    @property
    def is_ours(self) -> bool:
        return self.is_sqlite and len(self.raw) >= 72 and self.application_id == APPLICATION_ID

    @property
    def application_id(self) -> int:
        return int.from_bytes(self.raw[68:72], "big")

    @property
    def page_size(self) -> int:
        size = int.from_bytes(self.raw[16:18], "big")
        return 65536 if size == 1 else size

    @property
    def page_count(self) -> int | None:
        """The size in pages the header records, or None when SQLite would not trust it
        (written by a version that did not keep it: the change counters differ)."""
        if len(self.raw) < HEADER_BYTES:
            return None
        pages = int.from_bytes(self.raw[28:32], "big")
        valid = self.raw[24:28] == self.raw[92:96]
        return pages if valid and pages > 0 else None


def read_header(path: Path) -> Header | None:
    """The header of the regular file at `path`, or None when it is missing, unreadable or not
    a regular file. O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None
        return Header(os.read(fd, HEADER_BYTES), info.st_size)
    except OSError:
        return None
    finally:
        os.close(fd)


def is_our_project(path: Path) -> bool:
    header = read_header(path)
    return header is not None and header.is_ours
