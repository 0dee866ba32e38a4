"""Benchmark runner: `python -m tests.benchmarks [--quick] [--only NAME]`.

Runs every `bench_*.py` module's `run(quick)` and prints one JSON object per line:
{"name", "value", "unit", "baseline", "ratio"} (baseline and ratio where one exists).
Speed targets live here, printed, never as timed assertions in the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import pkgutil
import sys
import traceback
from importlib import import_module
from pathlib import Path


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks")
    parser.add_argument("--quick", action="store_true", help="small sizes; under a minute")
    parser.add_argument("--only", help="run only modules whose name contains this")
    args = parser.parse_args()
    here = Path(__file__).parent
    names = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_"))
    failed = 0
    for name in names:
        if args.only and args.only not in name:
            continue
        try:
            records = import_module(f"tests.benchmarks.{name}").run(args.quick)
        except Exception:
            failed += 1
            print(json.dumps({"name": name, "error": traceback.format_exc(limit=3)}), flush=True)
            continue
        for record in records:
            record.setdefault("baseline", None)
            baseline, value = record.get("baseline"), record.get("value")
            if "ratio" not in record:
                record["ratio"] = (
                    round(float(value) / float(baseline), 3)  # type: ignore[arg-type]
                    if isinstance(baseline, int | float) and baseline else None
                )
            print(json.dumps(record), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
