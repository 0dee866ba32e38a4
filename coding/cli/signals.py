"""SIGINT and SIGTERM in the command line: an exception, or a request to cancel.

By default SIGTERM kills the process where it stands and SIGINT raises KeyboardInterrupt
anywhere. Commands instead get `Interrupted` (so every `with` and `finally` on the way out
runs: transactions roll back, outputs being written are removed) and exit 128 + the signal's
number, as a shell reports it. A long batch (`import`) asks for a cancel instead, like the
app's Cancel button: what is done is kept and said; a second signal interrupts at once.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Interrupted(KeyboardInterrupt):
    """SIGINT or SIGTERM, raised where the command is."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def raise_interrupted(signum: int, _frame: FrameType | None) -> None:
    raise Interrupted(signum)


def catch_signals() -> None:
    for signum in SIGNALS:
        signal.signal(signum, raise_interrupted)


class CancelRequest:
    """Set by the first SIGINT/SIGTERM; `requested` is the batch's cancel check."""

    def __init__(self) -> None:
        self.signum = 0

    def requested(self) -> bool:
        return self.signum != 0

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        if self.signum:
            raise_interrupted(signum, frame)
        self.signum = signum


@contextmanager
def signals_cancel() -> Iterator[CancelRequest]:
    """Within the block, the first signal requests a cancel rather than raising."""
    request = CancelRequest()
    if threading.current_thread() is not threading.main_thread():  # only it gets signals
        yield request
        return
    previous = {signum: signal.getsignal(signum) for signum in SIGNALS}
    for signum in SIGNALS:
        signal.signal(signum, request._on_signal)
    try:
        yield request
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
