"""`theory history`: how one theory changed, and the appendix behind `model export --history`.

Registered under `theory` by `realist_commands` (one `theory` parser, several modules).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from coding.cli.output import print_rows
from coding.errors import InvalidInput, NotFound
from coding.filters import ReferenceFilter
from coding.project import Project
from coding.realist.theory_development import (
    Development,
    developments,
    export_history_csv,
    export_history_docx,
    history_lines,
)


def register(theory_sub: Any) -> None:
    p = theory_sub.add_parser(
        "history", help="how a theory changed: each change with its date and reason, when "
                        "each part was first evidenced, and its status now")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("label", metavar="LABEL", help="a theory's label (also a deleted one's)")
    p.set_defaults(handler=cmd_theory_history)


def find_development(project: Project, label: str) -> Development:
    """The theory labelled so now; failing that, a deleted one last labelled so."""
    devs = developments(project)
    label = label.strip()
    found = next((d for d in devs if d.label == label and not d.deleted), None) or next(
        (d for d in reversed(devs) if d.label == label), None)
    if found is None:
        raise NotFound(f"no theory labelled '{label}', now or in the log")
    return found


def cmd_theory_history(args: argparse.Namespace) -> int:
    with Project.open(args.project, readonly=True) as project:
        dev = find_development(project, args.label)
    print(f"{dev.label}" + (f" ({dev.topic})" if dev.topic else "") + f": {dev.final_status}")
    print(f"Initial wording: {dev.initial_wording or '(no statement)'}")
    print_rows(["date_utc", "change", "reason"], history_lines(dev))
    return 0


def check_history_path(out: Path) -> None:
    """Refuse an unknown extension before any file of the export is written."""
    if out.suffix.lower() not in (".docx", ".csv"):
        raise InvalidInput(f"{out.name}: the history is written as .docx or .csv")


def export_history(project: Project, out: Path, flt: ReferenceFilter) -> int:
    """Word or CSV by the file's extension; returns the number of theories written."""
    check_history_path(out)
    if out.suffix.lower() == ".docx":
        return export_history_docx(project, out, flt)
    return export_history_csv(project, out, flt)
