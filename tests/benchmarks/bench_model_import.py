"""`model import` stays linear in rows (issue 18: 1,000 rows took 144 s, a quadratic step).

Each figure is printed beside a baseline measured in the same run: ten times the figure for a
tenth of the rows. A ratio near 1 is linear; the quadratic import had a ratio near 10.
"""

from __future__ import annotations

import csv
import tempfile
import time
from pathlib import Path

from coding.project import Project
from coding.realist.model_csv import import_model


def write_model(path: Path, rows: int) -> Path:
    """A model with shared elements, as a real one has: 50 contexts, 40 mechanisms, 30
    outcomes over 20 topics, some of them with '/' in their names."""
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["label", "topic", "statement", "contexts", "mechanisms", "outcomes"])
        for i in range(rows):
            writer.writerow([f"T{i}", f"Topic {i % 20}", f"If context {i}, then outcome {i}.",
                             f"Context {i % 50}; Rural/remote {i % 7}", f"Mechanism {i % 40}",
                             f"Outcome {i % 30}"])
    return path


def import_seconds(folder: Path, rows: int) -> float:
    model = write_model(folder / f"model-{rows}.csv", rows)
    with Project.create(folder / f"model-{rows}.realist") as project:
        started = time.perf_counter()
        import_model(project, model)
        return time.perf_counter() - started


def run(quick: bool) -> list[dict[str, object]]:
    sizes = (100, 1_000) if quick else (100, 1_000, 10_000)
    with tempfile.TemporaryDirectory() as tmp:
        seconds = {rows: import_seconds(Path(tmp), rows) for rows in sizes}
    return [
        {"name": f"model import {rows:,} rows (baseline: 10 x {rows // 10:,} rows)",
         "value": round(seconds[rows], 3), "unit": "s",
         "baseline": round(10 * seconds[rows // 10], 3)}
        for rows in sizes[1:]
    ]
