"""`model import` stays linear in rows (issue 18: 1,000 rows took 144 s, a quadratic step).

Each figure is printed beside a baseline measured in the same run: ten times the figure for a
tenth of the rows. A ratio near 1 is linear; the quadratic import had a ratio near 10. The
app's undo and redo of an import (`coding.import_undo`, run on the UI thread) are printed
beside the import itself: row by row they took two fifths and two thirds of it.
"""

from __future__ import annotations

import csv
import tempfile
import time
from pathlib import Path

from coding import import_undo
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


def import_seconds(folder: Path, rows: int) -> tuple[float, float, float]:
    """Seconds to import, to take the import back and to put it back, as the app does."""
    model = write_model(folder / f"model-{rows}.csv", rows)
    with Project.create(folder / f"model-{rows}.realist") as project:
        started = time.perf_counter()
        was = import_undo.before(project)
        import_model(project, model)
        added = import_undo.added_since(project, was)
        imported = time.perf_counter()
        import_undo.take_back(project, added)
        taken = time.perf_counter()
        import_undo.put_back(project, added)
        return imported - started, taken - imported, time.perf_counter() - taken


def run(quick: bool) -> list[dict[str, object]]:
    sizes = (100, 1_000) if quick else (100, 1_000, 10_000)
    with tempfile.TemporaryDirectory() as tmp:
        seconds = {rows: import_seconds(Path(tmp), rows) for rows in sizes}
    records: list[dict[str, object]] = [
        {"name": f"model import {rows:,} rows (baseline: 10 x {rows // 10:,} rows)",
         "value": round(seconds[rows][0], 3), "unit": "s",
         "baseline": round(10 * seconds[rows // 10][0], 3)}
        for rows in sizes[1:]
    ]
    rows = sizes[-1]
    for index, what in ((1, "undo"), (2, "redo")):
        records.append({"name": f"{what} of a model import of {rows:,} rows, in the app "
                                f"(baseline: the import itself)",
                        "value": round(seconds[rows][index], 3), "unit": "s",
                        "baseline": round(seconds[rows][0], 3)})
    return records
