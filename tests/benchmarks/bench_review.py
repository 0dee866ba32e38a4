"""Reviewing the evidence at scale: coverage table, matrix, text search, CSV export.

Full mode is the issue's project (1,000 documents x 40,000 characters, 200 nodes, 100,000
references); each figure carries its target in seconds.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from coding.exports.csv_export import export_references_csv
from coding.project import Project
from coding.review.coverage import coverage_table
from coding.review.matrix import build_matrix
from coding.review.search import search_text
from tests.benchmarks.bench_scale import timed
from tests.benchmarks.synthetic import build_synthetic


def run(quick: bool) -> list[dict[str, object]]:
    docs, nodes, refs, chars = (100, 50, 5_000, 10_000) if quick else (1000, 200, 100_000, 40_000)
    tag = f"{docs}d/{nodes}n/{refs}r/{chars // 1000}k"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "synthetic.realist"
        t0 = time.perf_counter()
        build_synthetic(path, documents=docs, nodes=nodes, references=refs, chars=chars)
        build = time.perf_counter() - t0
        with Project.open(path) as project:
            figures = [
                ("coverage table", timed(lambda: coverage_table(project)), 0.5),
                ("coverage table, children folded in",
                 timed(lambda: coverage_table(project, aggregate=True)), None),
                (f"matrix {nodes} x {docs} documents",
                 timed(lambda: build_matrix(project, columns="documents")), 1.0),
                ("matrix x interventions",
                 timed(lambda: build_matrix(project, columns="interventions")), None),
                ("search common word 'support'",
                 timed(lambda: search_text(project, "support")), 1.0),
                ("search phrase, whole word",
                 timed(lambda: search_text(project, '"peer support"', whole_word=True)), 1.0),
                ("CSV export of all references",
                 timed(lambda: export_references_csv(project, Path(tmp) / "all.csv"), repeat=1),
                 3.0),
            ]
    records: list[dict[str, object]] = [
        {"name": f"review synthetic build {tag}", "value": round(build, 3), "unit": "s"}
    ]
    for name, value, target in figures:
        record: dict[str, object] = {"name": f"{name} {tag}", "value": round(value, 4), "unit": "s"}
        if target is not None:
            record["target"] = target
        records.append(record)
    return records
