"""REFI-QDA figures: export and import of a review-sized synthetic project."""

from __future__ import annotations

import tempfile
from pathlib import Path

from coding.exchange.refi_export import export_qdpx
from coding.exchange.refi_import import import_qdpx
from coding.project import Project
from tests.benchmarks.bench_scale import timed
from tests.benchmarks.synthetic import build_synthetic


def run(quick: bool) -> list[dict[str, object]]:
    docs, nodes, refs = (60, 50, 6_000) if quick else (300, 150, 30_000)
    tag = f"{docs}d/{nodes}n/{refs}r"
    with tempfile.TemporaryDirectory() as tmp:
        path, out = Path(tmp) / "synthetic.realist", Path(tmp) / "out.qdpx"
        build_synthetic(path, documents=docs, nodes=nodes, references=refs)
        with Project.open(path) as project:
            export = timed(lambda: export_qdpx(project, out), repeat=1)
        size = out.stat().st_size / 1e6
        back = Path(tmp) / "back.realist"
        imported = timed(lambda: import_qdpx(out, back), repeat=1)
    return [
        {"name": f"REFI-QDA .qdpx export (schema-validated) {tag}", "value": round(export, 2),
         "unit": "s"},
        {"name": f"REFI-QDA .qdpx size {tag}", "value": round(size, 1), "unit": "MB"},
        {"name": f"REFI-QDA .qdpx import into a new project {tag}", "value": round(imported, 2),
         "unit": "s"},
    ]
