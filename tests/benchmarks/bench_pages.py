"""Page view figures on a long real PDF, each beside a baseline measured in the same run.

No 200-page real PDF is at hand, so one is built at run time by concatenating the real PDFs of
the development corpus (`../shared/corpus-dev/pdf`, or `tests/data/real` without it) with
pypdfium2 until it has 200 pages (40 with --quick). It is imported into a project, then:

- first page on screen: from choosing the page view to page 1 painted; baseline: pypdfium2
  alone opening the same bytes and rendering page 1 at the same scale (target < 0.3 s);
- one page at fit width: our render (pdfium + QImage), median of 20 pages; baseline: the bare
  pypdfium2 render of the same pages (target < 80 ms);
- scrolling all pages, down then back up: the longest event-loop stall while the view scrolls
  a third of a screen every 30 ms; baseline: the longest stall with the view open and idle
  (target < 50 ms);
- memory: resident size after scrolling all pages against after the first page (baseline),
  and again after scrolling back up (no growth: bounded), and the image cache's bytes against
  its budget.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from tests.corpus import CORPUS

HERE = Path(__file__).resolve().parents[1]


def long_pdf(out: Path, pages: int) -> int:
    """Concatenate real PDFs (the text-bearing ones) until `pages` pages; returns the count."""
    import pypdfium2 as pdfium

    sources = sorted(CORPUS.glob("*.pdf")) if CORPUS.is_dir() else []
    sources = [p for p in sources if "timeout_simple" not in p.name]  # a scan: no text
    sources = sources or sorted((HERE / "data" / "real").glob("*.pdf"))
    target = pdfium.PdfDocument.new()
    while len(target) < pages:
        for source in sources:
            pdf = pdfium.PdfDocument(str(source))
            wanted = list(range(min(len(pdf), pages - len(target))))
            target.import_pages(pdf, wanted)
            pdf.close()
            if len(target) >= pages:
                break
    target.save(str(out))
    count = len(target)
    target.close()
    return count


def _forget_layout(path: Path) -> None:
    import sqlite3

    con = sqlite3.connect(path)
    for table in ("document_runs", "document_blocks", "document_layouts"):
        con.execute(f"DELETE FROM {table}")
    con.commit()
    con.close()


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        pages = int(fh.read().split()[1])
    import os

    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def run(quick: bool) -> list[dict[str, object]]:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import pypdfium2 as pdfium
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from app.main_window import MainWindow
    from coding.documents import find_document, import_files
    from coding.page_geometry import PdfPages
    from coding.project import Project

    app = QApplication.instance() or QApplication([])
    wanted = 40 if quick else 200
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pdf_path = folder / "long.pdf"
        count = long_pdf(pdf_path, wanted)
        path = folder / "bench.realist"
        with Project.create(path) as project:
            report = import_files(project, [pdf_path])
            assert report.imported, report.failed
        window = MainWindow()
        window.resize(1280, 900)
        window.show()
        window.open_project(path)
        with Project.open(path, readonly=True) as project:
            doc = find_document(project, "long")
        window.select_document(doc)
        app.processEvents()
        view = window.document_pane.page_view

        def wait_for(signal, test, timeout_ms: int = 30_000) -> None:  # type: ignore[no-untyped-def]
            loop = QEventLoop()
            signal.connect(lambda *a: loop.quit() if test(*a) else None)
            QTimer.singleShot(timeout_ms, loop.quit)
            loop.exec()

        rss_before = _rss_mb()
        t0 = time.perf_counter()
        window.document_pane.set_mode("page")
        wait_for(view.page_shown, lambda page: page == 1)
        view.viewport().repaint()
        first_s = time.perf_counter() - t0
        scale = view.render_scale()
        data = pdf_path.read_bytes()
        t0 = time.perf_counter()
        bare = pdfium.PdfDocument(data)
        bare[0].render(scale=scale).close()
        bare_first_s = time.perf_counter() - t0
        rss_first = _rss_mb()

        sample = list(range(1, count + 1, max(count // 20, 1)))[:20]
        ours, raw = [], []
        with PdfPages(data) as pages:
            for number in sample:
                t0 = time.perf_counter()
                pixels = pages.render(number, scale)
                from PySide6.QtGui import QImage

                QImage(pixels.data, pixels.width, pixels.height, pixels.stride,
                       QImage.Format.Format_RGBX8888).copy()
                ours.append(time.perf_counter() - t0)
                page = bare[number - 1]
                t0 = time.perf_counter()
                page.render(scale=scale).close()
                raw.append(time.perf_counter() - t0)
        bare.close()

        idle = _stall(app, lambda: None, 1.5)
        bar = view.verticalScrollBar()
        step = max(view.viewport().height() // 3, 1)

        rss_half: list[float] = []

        def scroll() -> bool:
            bar.setValue(bar.value() + step)
            if not rss_half and bar.value() >= bar.maximum() // 2:
                rss_half.append(_rss_mb())
            return bar.value() < bar.maximum()

        scrolling = _stall(app, scroll, 600.0)
        rss_after = _rss_mb()

        def back_up() -> bool:
            bar.setValue(bar.value() - step)
            return bar.value() > 0

        scrolling_up = _stall(app, back_up, 600.0)
        rss_again = _rss_mb()  # bounded: a second pass over every page adds nothing
        cache_mb = view.cache.size / 1e6
        budget_mb = view.cache.budget / 1e6

        # The same document as one imported before page geometry was kept: the page view is
        # remembered for it, so choosing it shows its pages; their geometry is derived after
        # the first page is on screen.
        window.close_project()
        _forget_layout(path)
        window.open_project(path)
        t0 = time.perf_counter()
        window.select_document(doc)
        view = window.document_pane.page_view
        wait_for(view.page_shown, lambda page: page == 1)
        view.viewport().repaint()
        legacy_first_s = time.perf_counter() - t0
        wait_for(view.page_measured, lambda page: True, 120_000)
        derived_s = time.perf_counter() - t0
        window.close()
    tag = f"{count}-page PDF built from real corpus PDFs"
    return [
        {"name": f"page view: first page on screen ({tag})", "value": round(first_s, 3),
         "unit": "s", "baseline": round(bare_first_s, 3), "target": 0.3},
        {"name": f"page view: first page on screen, document imported before geometry was "
                 f"kept ({count} pages)", "value": round(legacy_first_s, 3), "unit": "s",
         "baseline": round(first_s, 3), "target": 0.3},
        {"name": f"page view: geometry derived for that document, coding shown ({count} pages)",
         "value": round(derived_s, 2), "unit": "s", "baseline": None},
        {"name": f"page view: one page rendered at fit width, median of {len(sample)}",
         "value": round(statistics.median(ours) * 1000, 1), "unit": "ms",
         "baseline": round(statistics.median(raw) * 1000, 1), "target": 80,
         "zoom": round(scale, 3)},
        {"name": f"page view: longest UI stall scrolling all {count} pages (rendering them)",
         "value": round(scrolling, 1), "unit": "ms", "baseline": round(idle, 1),
         "target": 50},
        {"name": f"page view: longest UI stall scrolling back up ({count} pages, cached ones)",
         "value": round(scrolling_up, 1), "unit": "ms", "baseline": round(idle, 1),
         "target": 50},
        {"name": f"page view: resident memory after scrolling {count} pages",
         "value": round(rss_after, 1), "unit": "MB", "baseline": round(rss_first, 1),
         "before_opening": round(rss_before, 1),
         "halfway": round(rss_half[0], 1) if rss_half else None,
         "after_scrolling_back_up": round(rss_again, 1)},
        {"name": "page view: image cache after scrolling", "value": round(cache_mb, 1),
         "unit": "MB", "baseline": round(budget_mb, 1)},
    ]


def _stall(app, action, seconds: float) -> float:  # type: ignore[no-untyped-def]
    """The longest gap between 10 ms watchdog ticks (less the tick) while `action` runs every
    30 ms, until it returns False or `seconds` pass."""
    from PySide6.QtCore import QEventLoop, QTimer

    worst = 0.0
    state = {"last": time.perf_counter(), "end": time.perf_counter() + seconds}
    loop = QEventLoop()

    def tick() -> None:
        nonlocal worst
        now = time.perf_counter()
        worst = max(worst, (now - state["last"]) * 1000 - 10)
        state["last"] = now

    def act() -> None:
        if action() is False or time.perf_counter() > state["end"]:
            QTimer.singleShot(300, loop.quit)  # the renders it set off land meanwhile
            driver.stop()

    watchdog = QTimer()
    watchdog.setTimerType(watchdog.timerType().PreciseTimer)
    watchdog.setInterval(10)
    watchdog.timeout.connect(tick)
    driver = QTimer()
    driver.setInterval(30)
    driver.timeout.connect(act)
    watchdog.start()
    driver.start()
    if seconds < 5:
        QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()
    watchdog.stop()
    driver.stop()
    return max(worst, 0.0)
