"""Choose the reader by what a file is (its magic bytes), not by what its name claims."""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Generator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.context import BaseContext
from pathlib import Path
from types import ModuleType

from importers.base import (
    CancelCheck,
    ImportedDocument,
    ImporterError,
    Progress,
    ProgressCallback,
    UnsupportedFormat,
)
from importers.source import open_source

SUPPORTED_SUFFIXES = (".pdf", ".docx", ".txt", ".md")
CANCEL_POLL_SECONDS = 0.1
PR_SET_PDEATHSIG = 1  # linux/prctl.h

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff_format(path: Path) -> str:
    """Return "pdf", "docx", "txt" or "md", or raise with a message a researcher understands."""
    with open_source(path) as fh:  # a regular file of a sane size, or a one-line refusal
        head = fh.read(1024)
    suffix = path.suffix.lower()
    if not head:
        raise ImporterError(path, "the file is empty")
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(_OLE_MAGIC):
        if suffix == ".docx":
            raise ImporterError(
                path,
                "is password-protected or an old Word 97-2003 .doc file, not a .docx; "
                "remove the password, or open it in Word or LibreOffice and save as .docx",
            )
        raise UnsupportedFormat(path, "is an old Office (OLE) file; save it as .docx first")
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        if suffix in (".docx", ".docm", ".dotx", ""):
            return "docx"
        raise UnsupportedFormat(path, "is a zip archive, not a document we can read")
    if suffix == ".pdf":
        raise ImporterError(path, "is not a PDF (no %PDF header); it may be corrupted")
    if suffix == ".docx":
        raise ImporterError(path, "is not a Word .docx file (not a zip package); it may be corrupted")
    if suffix in (".txt", ".md", ".text", ".markdown", ""):
        return "md" if suffix in (".md", ".markdown") else "txt"
    raise UnsupportedFormat(
        path, f"'{suffix}' files are not supported (use PDF, DOCX, TXT or MD)"
    )


def read_document(
    path: Path | str,
    *,
    password: str | None = None,
    keep_headers: bool = False,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
    ocr: bool = False,
    pages_only: bool = False,
) -> ImportedDocument:
    """Read any supported file; every failure is an `ImporterError` naming the file. With
    `pages_only`, a PDF with no text layer (a scan) comes back as its pages alone, with no
    text, for coding regions on them (OCR, when asked for as well, is tried first)."""
    path = Path(path)
    fmt = sniff_format(path)
    if fmt == "pdf":
        from importers import pdf
        from importers.pdfium_guard import PDFIUM

        with PDFIUM:  # the page view may be rendering on another thread
            return pdf.read_pdf(
                path, password=password, keep_headers=keep_headers, progress=progress,
                cancel=cancel, ocr=ocr, pages_only=pages_only,
            )
    if fmt == "docx":
        from importers import docx

        return docx.read_docx(path)
    from importers import text

    return text.read_text(path, fmt)


def read_stored(data: bytes, suffix: str) -> ImportedDocument:
    """Read a file kept as bytes (a project's stored original) as `read_document` reads it
    from disk: through a temporary copy named with `suffix` (".pdf", ".docx")."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"original{suffix}"
        path.write_bytes(data)
        return read_document(path)


def _start_method() -> BaseContext:
    """How to start a batch's workers. fork takes milliseconds, but forking a process that runs
    other threads (the app's worker pool) is unsafe; spawn starts a fresh interpreter that
    imports the readers and runs the program's main module again, half a second a batch. On
    Linux a fork server does it instead: started once, single-threaded, with the readers and
    what the main module imports already loaded, it forks each batch's workers (measured with
    the app's command-line module as main: 0.55 s a batch by spawn, 0.1 s by the fork server
    after its first). Elsewhere, and in the frozen bundle, spawn."""
    if not sys.platform.startswith("linux"):
        return multiprocessing.get_context("spawn")
    if threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if getattr(sys, "frozen", False):
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(_preload())
    return context


def _preload() -> list[str]:
    """The modules a worker needs loaded: the readers, and those the main module uses, which a
    worker not forked from its parent imports again before its first file."""
    names = ["importers.dispatch", "importers.pdf", "importers.docx"]
    main = sys.modules.get("__main__")
    for value in vars(main).values() if main is not None else ():
        name = value.__name__ if isinstance(value, ModuleType) else getattr(value, "__module__", "")
        if isinstance(name, str) and name in sys.modules and not name.startswith("__"):
            names.append(name)
    return list(dict.fromkeys(names))


def _read_quietly(
    path: Path, password: str | None, keep_headers: bool, ocr: bool = False,
    pages_only: bool = False,
) -> ImportedDocument | ImporterError:
    """Worker-process entry: errors come back as values so one bad file spoils nothing."""
    try:
        return read_document(path, password=password, keep_headers=keep_headers, ocr=ocr,
                             pages_only=pages_only)
    except ImporterError as exc:
        return exc
    except Exception as exc:  # a reader bug must not take the batch down
        return ImporterError(path, f"could not be read ({type(exc).__name__}: {exc})")


def read_many(
    paths: list[Path],
    *,
    password: str | None = None,
    keep_headers: bool = False,
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
    workers: int | None = None,
    ocr: bool = False,
    pages_only: bool = False,
) -> Generator[tuple[Path, ImportedDocument | ImporterError], None, None]:
    """Read a batch, yielding each file's result (or its error) in the order given.

    Several files are read in parallel worker processes (one per core, two on the reference
    machine); progress is then reported per file rather than per page. A single file is read
    in this process, with per-page progress and cancel.
    """
    paths = [Path(p) for p in paths]
    workers = workers if workers is not None else min(len(paths), os.cpu_count() or 1, 4)
    if workers <= 1 or len(paths) <= 1:
        for path in paths:
            if cancel is not None and cancel():
                return
            try:
                yield path, read_document(path, password=password, keep_headers=keep_headers,
                                          progress=progress, cancel=cancel, ocr=ocr,
                                          pages_only=pages_only)
            except ImporterError as exc:
                yield path, exc
        return
    context = _start_method()
    served = context.get_start_method() == "forkserver"
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context,
                               initializer=_die_with_parent, initargs=(os.getpid(), served))
    finished = False
    try:
        futures = [pool.submit(_read_quietly, path, password, keep_headers, ocr, pages_only)
                   for path in paths]
        for done, (path, future) in enumerate(zip(paths, futures, strict=True), start=1):
            result = _wait_for(path, future, cancel)
            if result is None:
                return
            yield path, result
            if progress is not None:
                progress(Progress(path, done, len(paths)))
        finished = True
    finally:
        _stop(pool, finished)


def _wait_for(
    path: Path, future: Future[ImportedDocument | ImporterError], cancel: CancelCheck | None
) -> ImportedDocument | ImporterError | None:
    """A worker's result, or None as soon as `cancel()` says so (checked every 0.1 s, so a
    long file does not hold the Cancel button, or an interrupt, for minutes)."""
    while True:
        if cancel is not None and cancel():
            return None
        try:
            return future.result(timeout=CANCEL_POLL_SECONDS if cancel is not None else None)
        except FutureTimeout:
            continue
        except BrokenProcessPool:
            return ImporterError(path, "could not be read (the reader process crashed)")


def _stop(pool: ProcessPoolExecutor, finished: bool) -> None:
    """A finished batch lets its workers exit; a cancelled or interrupted one (or a consumer
    that stopped early, e.g. on a full disk) kills them now rather than waiting for files
    nobody will store."""
    if not finished:
        for process in list(getattr(pool, "_processes", None) or {}):
            with contextlib.suppress(OSError, ProcessLookupError):
                os.kill(process, signal.SIGKILL)
        # A worker killed while sending a result (a large one goes as a length, then the body)
        # leaves half a message in the result pipe, and the executor's manager thread waits
        # for the rest for ever, shutdown() with it: seen as a hung import under load. With
        # the workers dead, closing our own write end of that pipe turns the wait into an
        # end of file, which the executor takes for a broken pool and shuts down.
        writer = getattr(getattr(pool, "_result_queue", None), "_writer", None)
        if writer is not None:
            with contextlib.suppress(OSError):
                writer.close()
    pool.shutdown(wait=True, cancel_futures=True)


def _die_with_parent(parent: int, served: bool = False) -> None:
    """Worker start-up: a worker never outlives the process that started it.

    Killed by SIGKILL or a crash, the parent cannot stop its workers, which would then hold
    its stdout and stderr (a caller reading them would wait for ever) and read on for nobody.
    Linux delivers SIGKILL to the worker when the parent dies (PR_SET_PDEATHSIG); elsewhere a
    watchdog thread notices the parent is gone. SIGINT from the terminal reaches the whole
    process group: the parent decides, and stops the workers itself.

    A worker `served` by the fork server is that server's child, and the server lives on while
    any of its workers does: such a worker watches the importing process itself."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if served:
        threading.Thread(target=_watch_importer, args=(parent,), daemon=True).start()
        return
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    else:  # pragma: no cover - macOS, Windows
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # it died before the line above took effect
        os._exit(1)


def _watch_parent(parent: int) -> None:  # pragma: no cover - not Linux
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _watch_importer(pid: int) -> None:
    """Exit as soon as process `pid` is gone or a zombie (Linux: the fork server is Linux's)."""
    stat = Path(f"/proc/{pid}/stat")
    while True:
        try:
            state = stat.read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            os._exit(1)
        if state in ("Z", "X"):
            os._exit(1)
        time.sleep(0.2)
