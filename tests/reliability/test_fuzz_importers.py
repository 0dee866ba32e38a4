"""Hostile input: mutated PDFs, DOCX packages and text in odd encodings.

Through the public API only (`importers.read_document`, `coding.documents.import_files` into a
real project). Allowed: a successful import whose spans lie inside its text, or an
ImporterError with a one-line message and no rows left behind. Never another exception, and
never a hang: each case runs under a timer (a Python-level hang fails the case) with a
faulthandler watchdog that kills the run if a C library stops answering.
CI runs 60 cases per format; `-m slow` runs 600.
"""

from __future__ import annotations

import faulthandler
import signal
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import importers
from coding.backups import check_project
from coding.documents import import_files
from coding.project import Project
from tests.reliability.fuzz_inputs import mutated_docx, mutated_pdfs, odd_texts

# Generous: a hang never ends, while pdfium may legitimately take ~3 s on a page of absurd
# geometry (found: font size 2**31 on a page whose MediaBox starts at x=2**31) and CI is shared.
CASE_SECONDS = 30
COUNTED = ("documents", "document_pages", "annotations")


class Hang(Exception):
    pass


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    def expire(_signum: int, _frame: object) -> None:
        raise Hang(f"a case ran past {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    faulthandler.dump_traceback_later(seconds * 3, exit=True)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        faulthandler.cancel_dump_traceback_later()
        signal.signal(signal.SIGALRM, previous)


def _counts(path: Path) -> tuple[int, ...]:
    con = sqlite3.connect(path)
    try:
        return tuple(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in COUNTED)
    finally:
        con.close()


class Harness:
    """One real project per test; every case is imported into it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.project = Project.create(folder / "fuzz.realist")
        self.cases = self.imported = 0

    def run(self, data: bytes, suffix: str) -> None:
        self.cases += 1
        path = self.folder / f"case{self.cases}{suffix}"
        path.write_bytes(data)
        with time_limit(CASE_SECONDS):
            try:
                doc = importers.read_document(path)
            except importers.ImporterError as exc:
                assert "\n" not in str(exc).strip(), str(exc)
            else:
                n = len(doc.text)
                assert all(0 <= p.start <= p.end <= n for p in doc.pages), doc.pages
                assert all(0 <= a.start <= a.end <= n for a in doc.notes), doc.notes
            before = _counts(self.project.path)
            report = import_files(self.project, [path])
        if report.failed:
            assert _counts(self.project.path) == before, "a failed import left rows behind"
            assert all("\n" not in message.strip() for _p, message in report.failed)
        else:
            self.imported += 1
        path.unlink()

    def close(self) -> list[str]:
        self.project.close()
        return check_project(self.project.path)


@pytest.fixture
def harness() -> Iterator[Harness]:
    with tempfile.TemporaryDirectory() as folder:
        h = Harness(Path(folder))
        yield h
        assert h.close() == [], "a stored span lies outside its document"
        print(f"fuzz cases run: {h.cases}, imported: {h.imported}")


def _fuzz(strategy: st.SearchStrategy[bytes], suffix: str, examples: int) -> Callable[..., None]:
    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                     HealthCheck.data_too_large])
    @given(data=strategy)
    def run(harness: Harness, data: bytes) -> None:
        harness.run(data, suffix)

    return run


test_fuzz_pdf = _fuzz(mutated_pdfs(), ".pdf", 60)
test_fuzz_docx = _fuzz(mutated_docx(), ".docx", 60)
test_fuzz_text = _fuzz(odd_texts(), ".txt", 60)
test_fuzz_pdf_long = pytest.mark.slow(_fuzz(mutated_pdfs(), ".pdf", 600))
test_fuzz_docx_long = pytest.mark.slow(_fuzz(mutated_docx(), ".docx", 600))
test_fuzz_text_long = pytest.mark.slow(_fuzz(odd_texts(), ".txt", 600))
