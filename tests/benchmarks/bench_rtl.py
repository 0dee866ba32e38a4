"""Right-to-left PDF import: speed of the bidi path and reading order on two Hebrew columns.

The left-to-right path is timed by bench_import; this one shows what a Hebrew document
costs (every line goes through per-character boxes and our bidi pass).
"""

from __future__ import annotations

import json
import random
import tempfile
import time
from pathlib import Path

import importers
from tests.importers.makers import rtl_pages, visual

HEBREW_WORDS = ["תמיכה", "עמיתים", "אמהות", "קבוצה", "מתנדבת", "ביקור", "אמון", "תקווה",
                "בריאות", "שירות", "מיילדת", "החלמה", "סטיגמה", "הכשרה", "משפחה"]


def _sentences(count: int, seed: int) -> list[tuple[str, ...]]:
    rng = random.Random(seed)
    return [("משפט", str(i), rng.choice(HEBREW_WORDS), "peer support",
             rng.choice(HEBREW_WORDS) + ".") for i in range(count)]


def run(quick: bool) -> list[dict[str, object]]:
    pages = 10 if quick else 60
    per_column = 40
    known = _sentences(pages * 2 * per_column, seed=7)
    lines = [visual(*s) for s in known]
    layout = [[lines[p * 80:p * 80 + 40], lines[p * 80 + 40:p * 80 + 80]] for p in range(pages)]
    with tempfile.TemporaryDirectory() as tmp:
        path = rtl_pages(Path(tmp) / "hebrew.pdf", layout)
        t0 = time.perf_counter()
        doc = importers.read_document(path)
        seconds = time.perf_counter() - t0
    flat = " ".join(doc.text.split())
    found = [flat.find(" ".join(s)) for s in known]
    in_order = sum(1 for a, b in zip(found, found[1:], strict=False) if -1 < a < b)
    return [
        {"name": f"RTL (Hebrew, two columns) PDF import, {pages} pages, one process",
         "value": round(pages / seconds, 1), "unit": "pages/s"},
        {"name": "RTL sentences found intact and in reading order",
         "value": round(100 * in_order / (len(known) - 1), 1), "unit": "%"},
    ]


if __name__ == "__main__":
    for record in run(quick=False):
        print(json.dumps(record))
