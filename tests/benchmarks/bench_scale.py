"""Scale figures: project open and node coverage on a synthetic project."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from coding.project import Project
from coding.review.coverage import coverage_by_document, node_coverage
from tests.benchmarks.synthetic import build_synthetic


def timed(fn, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def run(quick: bool) -> list[dict[str, object]]:
    docs, nodes, refs = (60, 50, 6_000) if quick else (300, 150, 30_000)
    tag = f"{docs}d/{nodes}n/{refs}r"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "synthetic.realist"
        t0 = time.perf_counter()
        build_synthetic(path, documents=docs, nodes=nodes, references=refs)
        build = time.perf_counter() - t0
        open_time = timed(lambda: Project.open(path).close())
        with Project.open(path) as project:
            coverage = timed(lambda: node_coverage(project))
            by_doc = timed(lambda: coverage_by_document(project))
    return [
        {"name": f"synthetic build {tag}", "value": round(build, 3), "unit": "s"},
        {"name": f"project open {tag}", "value": round(open_time, 4), "unit": "s"},
        {"name": f"node coverage {tag}", "value": round(coverage, 4), "unit": "s"},
        {"name": f"coverage by document {tag}", "value": round(by_doc, 4), "unit": "s"},
    ]
