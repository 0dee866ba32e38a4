"""Run a domain call off the UI thread and hand its result back on the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object)


class StepRelay(QObject):
    """A job's progress (done, total, name), emitted on the worker thread and delivered to a
    slot on the UI thread (a queued connection: the relay lives on the UI thread)."""

    step = Signal(int, int, str)


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
    `finished` (after each job's callback) and `idle` (no job left, redraws included) are the
    signals that the work ended, for callers and tests alike."""

    started = Signal()
    finished = Signal()
    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._relays: dict[_Relay, bool] = {}  # relay -> quiet (a redraw's read, not a step)
        self._waiting: list[Callable[[], None]] = []
        self._epoch = 0

    def busy(self) -> bool:
        """A job is running or queued, or its callback has not run yet."""
        return bool(self._relays)

    def busy_with_steps(self) -> bool:
        """A job that is not a quiet read (whose callback may push an undo step) is in flight."""
        return any(not quiet for quiet in self._relays.values())

    def forget_callbacks(self) -> None:
        """Jobs already started still end, but their callbacks are not called: the project
        they read or wrote has closed, and their results must not land in the next one."""
        self._epoch += 1

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
        *,
        quiet: bool = False,
    ) -> None:
        relay = _Relay(self)
        self._relays[relay] = quiet
        epoch = self._epoch
        self.started.emit()

        def finish(callback: Callable[[Any], None] | None, value: Any) -> None:
            relay.deleteLater()
            try:
                if callback is not None and epoch == self._epoch:
                    callback(value)
            finally:
                self._relays.pop(relay, None)
                self.finished.emit()
                if not self.busy_with_steps():
                    self._run_waiting()
                if not self._relays:
                    self.idle.emit()

        relay.done.connect(lambda result: finish(on_done, result))
        relay.failed.connect(lambda exc: finish(on_error, exc))
        self.pool.start(_Job(fn, relay))

    def when_idle(self, fn: Callable[[], None]) -> None:
        """Call `fn` now if no step is in flight, else once every step and its callback has
        ended (quiet reads for redrawing do not hold it up)."""
        if self.busy_with_steps():
            self._waiting.append(fn)
        else:
            fn()

    def _run_waiting(self) -> None:
        while self._waiting and not self.busy_with_steps():  # a call that starts more work stops the rest
            self._waiting.pop(0)()

    def wait(self, msecs: int = 30_000) -> bool:
        return self.pool.waitForDone(msecs)
