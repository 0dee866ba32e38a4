"""Wait for the signal that background work ended, never for one of its side effects.

A side effect (a row in the database, a status bar message, a tree row) can show before the
work has finished — an undo step is pushed after the worker has saved — and on a busy machine
the gap is wide. `Background.idle` is emitted once every job started in the block, and every
job its callbacks started in turn, has ended and run its callback.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def work_done(qtbot: Any, window: Any, timeout: int = 20_000) -> Iterator[None]:
    """Run the block (which must start background work), then wait until it has all ended."""
    with qtbot.waitSignal(window.background.idle, timeout=timeout):
        yield


def settled(qtbot: Any, window: Any, timeout: int = 20_000) -> None:
    """Wait until the background work in flight — an action's save, the views' redraw after
    it — has ended; at once if there is none. No events run between the check and the wait,
    so `idle` cannot slip past."""
    if window.background.busy():
        with qtbot.waitSignal(window.background.idle, timeout=timeout):
            pass
