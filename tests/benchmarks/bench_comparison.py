"""Coding comparison at scale: 1,000 documents x 200 nodes, two coders of about 100,000
references each (target < 2 s). Baseline, from the same run on the same file: the coverage
table, one pass of the counting engine over every reference; the comparison makes three."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from coding.ids import CoderId
from coding.project import Project
from coding.review.comparison import compare_coders
from coding.review.coverage import coverage_table
from tests.benchmarks.bench_scale import timed
from tests.benchmarks.synthetic import add_second_coder, build_synthetic


def run(quick: bool) -> list[dict[str, object]]:
    docs, nodes, refs, chars = (100, 50, 5_000, 10_000) if quick else (1000, 200, 100_000, 40_000)
    tag = f"{docs}d/{nodes}n/{refs}r x 2 coders/{chars // 1000}k"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "synthetic.realist"
        t0 = time.perf_counter()
        build_synthetic(path, documents=docs, nodes=nodes, references=refs, chars=chars)
        second = add_second_coder(path)
        build = time.perf_counter() - t0
        with Project.open(path) as project:
            first = CoderId(1)
            baseline = timed(lambda: coverage_table(project))
            compared = timed(lambda: compare_coders(project, first, CoderId(second)))
            rows = len(compare_coders(project, first, CoderId(second)).rows)
    return [
        {"name": f"comparison synthetic build {tag}", "value": round(build, 3), "unit": "s"},
        {"name": f"coding comparison, {rows} rows {tag}", "value": round(compared, 4),
         "unit": "s", "baseline": round(baseline, 4), "target": 2.0},
    ]
