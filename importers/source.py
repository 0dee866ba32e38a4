"""Opening a file someone asked us to read: a regular file only, and never without a limit.

`import` on a FIFO hung for ever (opening one waits for a writer); on a symlink to /dev/zero
it read 6.3 GB in 20 seconds and would have gone on (issue 18). So every reader of a user's
file — documents, REFI-QDA archives, model and attribute sheets — opens it here: without
blocking, then refuses anything that is not a regular file (after symlinks: a link to a
document is fine, a link to a device is not), and reads at most a cap of bytes.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from importers.base import ImporterError

MAX_DOCUMENT_BYTES = 512 * 1024 * 1024  # a 500-page scanned book is ~300 MB
MAX_SHEET_BYTES = 64 * 1024 * 1024  # a model or classification sheet

_KINDS = ((stat.S_ISFIFO, "a pipe (FIFO)"), (stat.S_ISCHR, "a device"),
          (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))


def open_source(path: Path, limit: int = MAX_DOCUMENT_BYTES) -> BinaryIO:
    """The open file, checked: regular, and no larger than `limit`."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
                     | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise ImporterError(path, "file not found") from None
    except IsADirectoryError:
        raise ImporterError(path, "is a folder, not a file") from None
    except OSError as exc:
        raise ImporterError(path, f"cannot be read ({exc.strerror or exc})") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ImporterError(path, "is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            kind = next((name for test, name in _KINDS if test(info.st_mode)), "not a file")
            raise ImporterError(path, f"is {kind}, not a regular file; only files can be read")
        if info.st_size > limit:
            raise ImporterError(path, f"is {_size(info.st_size)}, more than the {_size(limit)} "
                                      "a file to read may be")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")


def read_source(path: Path, limit: int = MAX_DOCUMENT_BYTES) -> bytes:
    """All of a regular file's bytes, at most `limit` (a file still growing is cut off there
    and refused, rather than read for ever)."""
    with open_source(path, limit) as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise ImporterError(path, f"grew past {_size(limit)} while being read")
    return data


def _size(count: int) -> str:
    return f"{count / (1024 * 1024):,.0f} MB" if count >= 1024 * 1024 else f"{count:,} bytes"
