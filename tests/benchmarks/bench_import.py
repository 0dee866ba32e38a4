"""PDF import speed and reading order: ours against pdfplumber's default, same files, one run."""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

import importers
from tests.importers.makers import column_pdf, sentences


def _intact(known: list[str], text: str) -> float:
    flat = " ".join(text.split())
    return sum(s in flat for s in known) / len(known)


def run(quick: bool) -> list[dict[str, object]]:
    import pdfplumber

    articles, thesis_sentences = (4, 600) if quick else (20, 3000)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        known: dict[Path, list[str]] = {}
        for i in range(articles):
            texts = sentences(140, seed=i, words=22)
            known[column_pdf(folder / f"article{i}.pdf", 2, texts, title=f"Article {i}",
                             running_head="Journal of Peer Support", page_numbers=True)] = texts
        thesis = sentences(thesis_sentences, seed=99, words=22)
        known[column_pdf(folder / "thesis.pdf", 1, thesis, running_head="A Thesis",
                         page_numbers=True)] = thesis
        paths = list(known)
        t0 = time.perf_counter()
        ours = dict(importers.read_many(paths))
        ours_s = time.perf_counter() - t0
        pages = sum(len(d.pages) for d in ours.values() if isinstance(d, importers.ImportedDocument))
        t0 = time.perf_counter()
        theirs: dict[Path, str] = {}
        for path in paths:
            with pdfplumber.open(path) as pdf:
                theirs[path] = "\n".join(page.extract_text() or "" for page in pdf.pages)
        theirs_s = time.perf_counter() - t0
        from coding.documents import import_files
        from coding.project import Project

        with Project.create(folder / "bench.realist") as project:
            t0 = time.perf_counter()
            report = import_files(project, paths)
            end_to_end_s = time.perf_counter() - t0
        assert not report.failed, report.failed
        two_col = [p for p in paths if p.name.startswith("article")]
        acc_ours = sum(_intact(known[p], ours[p].text) for p in two_col) / len(two_col)  # type: ignore[union-attr]
        acc_theirs = sum(_intact(known[p], theirs[p]) for p in two_col) / len(two_col)
    return [
        {"name": f"PDF import pages/s, {len(paths)} files {pages} pages (pdfplumber default = baseline)",
         "value": round(pages / ours_s, 1), "unit": "pages/s",
         "baseline": round(pages / theirs_s, 1)},
        {"name": "PDF import end to end into a project (read + store), pages/s",
         "value": round(pages / end_to_end_s, 1), "unit": "pages/s",
         "baseline": round(pages / theirs_s, 1)},
        {"name": "two-column reading order, sentences intact (pdfplumber = baseline)",
         "value": round(100 * acc_ours, 1), "unit": "%", "baseline": round(100 * acc_theirs, 1)},
    ]


if __name__ == "__main__":
    for record in run(quick=False):
        print(json.dumps(record))
