"""PDF import on real articles: reading order against ground truth, and speed against baselines.

One run, the same real files (tests/data/real, plus the development corpus when it is beside the
repository): our reader's reading-order score per article with ground truth, next to
pdfplumber's default `extract_text` and raw pypdfium2 `get_text_range()`; then pages per second
for our import end to end into a project (read in worker processes and stored, as the app
does), our reader on the batch in worker processes, our reader alone in this process, and the
two baselines in this process. Each timing is the
best of a few rounds, as the machine is shared.
"""

from __future__ import annotations

import json
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import importers
from tests.benchmarks.reading_order import ground_truth, pdfium_text, real_pdfs, score


def _pdfplumber(path: Path) -> str:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def _ours(path: Path) -> str:
    return importers.read_document(path).text


def _best(rounds: int, job: Callable[[], object]) -> float:
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        job()
        times.append(time.perf_counter() - t0)
    return min(times)


def _import_all(paths: list[Path]) -> None:
    from coding.documents import import_files
    from coding.project import Project

    with tempfile.TemporaryDirectory() as tmp, Project.create(Path(tmp) / "b.realist") as project:
        report = import_files(project, paths)
        assert not report.failed, report.failed


def _import_into_open(paths: list[Path]) -> tuple[float, float]:
    """(seconds to create the project, seconds to import into it): a researcher imports into
    a project that exists, so the second is the import's own speed; on ten short articles the
    project's creation (its schema and migrations, once in its life) is a quarter of the first."""
    from coding.documents import import_files
    from coding.project import Project

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        with Project.create(Path(tmp) / "b.realist") as project:
            t1 = time.perf_counter()
            report = import_files(project, paths)
            t2 = time.perf_counter()
        assert not report.failed, report.failed
    return t1 - t0, t2 - t1


def _paired(rounds: int, paths: list[Path]) -> tuple[float, float, list[float]]:
    """Raw pypdfium2, then our import end to end, back to back, `rounds` times: (the best raw,
    the best import, each round's ratio). On a shared machine a busy spell lasts seconds: the
    best of each measured apart gave 0.48, 0.63 and 0.79 in three runs of one afternoon, as
    the spell fell on ours or on the baseline; a pair shares its spell."""
    raws, ours, ratios = [], [], []
    for _ in range(rounds):
        raws.append(_best(1, lambda: [pdfium_text(p) for p in paths]))
        ours.append(_best(1, lambda: _import_all(paths)))
        ratios.append(raws[-1] / ours[-1])
    return min(raws), min(ours), ratios


def _researchers_batch(paths: list[Path], pages: int, rounds: int) -> dict[str, object]:
    """A researcher imports 30-300 files at once, where the worker processes' start and the
    project's first writes are spread thin: the same real PDFs five times over, under other
    names, against raw pypdfium2 on those 50 files."""
    copies = 5
    with tempfile.TemporaryDirectory() as tmp:
        many = []
        for i in range(copies):
            for path in paths:
                many.append(Path(tmp) / f"{i}_{path.name}")
                shutil.copyfile(path, many[-1])
        raw_s = _best(rounds, lambda: [pdfium_text(p) for p in many])
        into_open_s = min(_import_into_open(many)[1] for _ in range(rounds))
    total = pages * copies
    return {"name": f"PDF import into an open project, a batch of {len(many)} real PDFs "
                    f"({len(paths)} articles five times over, {total} pages), pages/s "
                    "(raw pypdfium2 on the same 50 = baseline)",
            "value": round(total / into_open_s, 1), "unit": "pages/s",
            "baseline": round(total / raw_s, 1)}


def run(quick: bool) -> list[dict[str, object]]:
    paths = []
    for path in real_pdfs():
        try:
            importers.read_document(path)
        except importers.NoTextLayer:
            continue  # a scan: nothing for any of the three to read
        paths.append(path)
    records: list[dict[str, object]] = []
    for path in paths:
        truth = ground_truth(path)
        if truth is None:
            continue
        records.append({
            "name": f"reading order, sentences intact: {path.name} (pypdfium2 raw = baseline; "
                    f"pdfplumber {score(truth, _pdfplumber(path)):.3f})",
            "value": round(score(truth, _ours(path)), 3), "unit": "share",
            "baseline": round(score(truth, pdfium_text(path)), 3),
        })
    pages = sum(len(importers.read_document(p).pages) for p in paths)
    rounds = 1 if quick else 3
    raw_s, end_to_end_s, paired = _paired(1 if quick else 7, paths)
    raw_s = min(raw_s, _best(rounds, lambda: [pdfium_text(p) for p in paths]))
    plumber_s = _best(1, lambda: [_pdfplumber(p) for p in paths])
    ours_s = _best(rounds, lambda: [_ours(p) for p in paths])
    batch_s = _best(rounds, lambda: list(importers.read_many(paths)))
    opened = [_import_into_open(paths) for _ in range(rounds)]
    create_s, into_open_s = min(c for c, _ in opened), min(i for _, i in opened)
    label = f"{len(paths)} real PDFs, {pages} pages"
    raw = round(pages / raw_s, 1)
    records += [
        {"name": f"PDF import end to end into a project, pages/s, {label} "
                 "(raw pypdfium2 get_text_range = baseline)",
         "value": round(pages / end_to_end_s, 1), "unit": "pages/s", "baseline": raw},
        {"name": f"PDF import end to end against raw pypdfium2 measured just before it, the "
                 f"median of {len(paired)} such pairs (a busy machine slows a round of both; "
                 "baseline: issue 13's target)",
         "value": round(statistics.median(paired), 3), "unit": "ratio", "baseline": 0.7},
        {"name": f"PDF import into an open project (its creation not timed), pages/s, {label} "
                 "(raw pypdfium2 get_text_range = baseline)",
         "value": round(pages / into_open_s, 1), "unit": "pages/s", "baseline": raw},
        _researchers_batch(paths, pages, rounds),
        {"name": "creating an empty project (schema and migrations), once per project",
         "value": round(create_s, 3), "unit": "s"},
        {"name": f"PDF reader, a batch in worker processes (read_many), pages/s, {label} "
                 "(raw pypdfium2 in one process = baseline)",
         "value": round(pages / batch_s, 1), "unit": "pages/s", "baseline": raw},
        {"name": f"PDF reader alone, one process, pages/s, {label} (raw pypdfium2 = baseline)",
         "value": round(pages / ours_s, 1), "unit": "pages/s", "baseline": raw},
        {"name": f"pdfplumber default extract_text, pages/s, {label} (raw pypdfium2 = baseline)",
         "value": round(pages / plumber_s, 1), "unit": "pages/s", "baseline": raw},
    ]
    return records


if __name__ == "__main__":
    for record in run(quick=False):
        print(json.dumps(record))
