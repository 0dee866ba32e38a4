"""Run a domain call off the UI thread and hand its result back on the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.fn = fn
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # handed to the UI thread, which reports it
            self.relay.failed.emit(exc)
        else:
            self.relay.done.emit(result)


class Background(QObject):
    """One worker thread, so database work is serialised exactly as a single writer expects.

    A job's work is saved in the worker, but its undo step is pushed later, by the callback on
    the UI thread. `when_idle` lets the undo and redo actions wait for that moment, so Ctrl+Z
    pressed while a step is still in flight takes back that step, not the one before it.
    `finished` (after each job's callback) and `idle` (no job left) are the signals that the
    work ended, for callers and tests alike."""

    started = Signal()
    finished = Signal()
    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._relays: set[_Relay] = set()
        self._waiting: list[Callable[[], None]] = []

    def busy(self) -> bool:
        """A job is running or queued, or its callback has not run yet."""
        return bool(self._relays)

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        relay = _Relay(self)
        self._relays.add(relay)
        self.started.emit()

        def finish(callback: Callable[[Any], None] | None, value: Any) -> None:
            relay.deleteLater()
            try:
                if callback is not None:
                    callback(value)
            finally:
                self._relays.discard(relay)
                self.finished.emit()
                if not self._relays:
                    self._run_waiting()

        relay.done.connect(lambda result: finish(on_done, result))
        relay.failed.connect(lambda exc: finish(on_error, exc))
        self.pool.start(_Job(fn, relay))

    def when_idle(self, fn: Callable[[], None]) -> None:
        """Call `fn` now if nothing is in flight, else once every job and callback has ended."""
        if self.busy():
            self._waiting.append(fn)
        else:
            fn()

    def _run_waiting(self) -> None:
        while self._waiting and not self.busy():  # a call that starts more work stops the rest
            self._waiting.pop(0)()
        if not self.busy():
            self.idle.emit()

    def wait(self, msecs: int = 30_000) -> bool:
        return self.pool.waitForDone(msecs)
