"""Argument types shared by commands: what argparse checks before a project is opened."""

from __future__ import annotations

import argparse

from coding.names import SQLITE_MAX_INT


def record_id(text: str) -> int:
    """An id typed for a record (a reference, an annotation): a whole number SQLite can hold.
    A larger one made the lookup raise OverflowError ("unexpected OverflowError"); it is a
    usage error like any other malformed id, said before the project is opened."""
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid id: '{text}' (a whole number)") from None
    if abs(number) > SQLITE_MAX_INT:
        raise argparse.ArgumentTypeError(f"invalid id: '{text}' (too large to be an id)")
    return number
