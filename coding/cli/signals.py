"""SIGINT and SIGTERM in the command line: an exception, or a request to cancel.

By default SIGTERM kills the process where it stands and SIGINT raises KeyboardInterrupt
anywhere. Commands instead get `Interrupted` (so every `with` and `finally` on the way out
runs: transactions roll back, outputs being written are removed) and exit 128 + the signal's
number, as a shell reports it. A long batch (`import`) asks for a cancel instead, like the
app's Cancel button: what is done is kept and said; a second signal interrupts at once.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType
from typing import Any

SIGNALS = (signal.SIGINT, signal.SIGTERM)
REDELIVER_AFTER_SECONDS = 0.05


class Interrupted(KeyboardInterrupt):
    """SIGINT or SIGTERM, raised where the command is."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def raise_interrupted(signum: int, _frame: FrameType | None) -> None:
    raise Interrupted(signum)


@dataclass(frozen=True)
class Saved:
    handlers: dict[int, Any]
    unraisable: Callable[[Any], object]


def catch_signals() -> Saved:
    """Install our handlers; returns what was there, for `restore_signals`.

    A handler runs wherever Python happens to be — sometimes inside a destructor or a weakref
    callback (SQLAlchemy's), where an exception cannot propagate: Python prints "Exception
    ignored" and goes on, the interrupt lost. The unraisable hook catches that case and sends
    the signal again, to be raised where it can stop the command."""
    global _next_hook
    saved = Saved({s: signal.getsignal(s) for s in SIGNALS}, sys.unraisablehook)
    for signum in SIGNALS:
        signal.signal(signum, raise_interrupted)
    if sys.unraisablehook is not _redeliver:
        _next_hook = sys.unraisablehook
    sys.unraisablehook = _redeliver
    return saved


def restore_signals(saved: Saved) -> None:
    for signum, handler in saved.handlers.items():
        if handler is not None:  # None: set outside Python; nothing of ours to restore
            signal.signal(signum, handler)
    if sys.unraisablehook is _redeliver:
        sys.unraisablehook = saved.unraisable


_next_hook: Callable[[Any], object] = sys.__unraisablehook__


def _redeliver(unraisable: Any) -> None:
    """Send the swallowed signal again, a moment later from another thread: raised here (in
    the hook, still within the collection) it would be swallowed once more."""
    if isinstance(unraisable.exc_value, Interrupted):
        threading.Thread(target=_send_later, args=(unraisable.exc_value.signum,),
                         daemon=True).start()
        return
    _next_hook(unraisable)


def _send_later(signum: int) -> None:
    time.sleep(REDELIVER_AFTER_SECONDS)
    os.kill(os.getpid(), signum)


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
