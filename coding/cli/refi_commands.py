"""REFI-QDA exchange on the command line: export-qdpx, export-qdc, import-qdpx, import-qdc."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from coding.project import Project


def register(sub: Any) -> None:
    p = sub.add_parser("export-qdpx", help="export the project as REFI-QDA (.qdpx)")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("out", metavar="OUT.qdpx", type=Path)
    p.set_defaults(handler=cmd_export_qdpx, outputs=("out",))
    p = sub.add_parser("export-qdc", help="export the code tree as a REFI-QDA codebook (.qdc)")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("out", metavar="OUT.qdc", type=Path)
    p.set_defaults(handler=cmd_export_qdc, outputs=("out",))
    p = sub.add_parser("import-qdpx", help="make a new project from a REFI-QDA .qdpx file")
    p.add_argument("qdpx", metavar="FILE.qdpx", type=Path)
    p.add_argument("new_project", metavar="NEW_PROJECT", type=Path)
    p.set_defaults(handler=cmd_import_qdpx)  # import_qdpx checks NEW_PROJECT itself
    p = sub.add_parser("import-qdc", help="add the codes of a REFI-QDA codebook (.qdc)")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("qdc", metavar="FILE.qdc", type=Path)
    p.set_defaults(handler=cmd_import_qdc)


def cmd_export_qdpx(args: argparse.Namespace) -> int:
    from coding.exchange.refi_export import export_qdpx

    with Project.open(args.project, readonly=True) as project:
        summary = export_qdpx(project, args.out)
    print(f"exported {summary.codes} codes, {summary.sources} documents, "
          f"{summary.selections} coded excerpts, {summary.notes} memos, {summary.cases} "
          f"interventions to {summary.path}")
    for item in summary.not_exported:
        print(f"not exported: {item}")
    return 0


def cmd_export_qdc(args: argparse.Namespace) -> int:
    from coding.exchange.refi_codebook import export_qdc

    with Project.open(args.project, readonly=True) as project:
        count = export_qdc(project, args.out)
    print(f"exported {count} codes to {args.out}")
    return 0


def cmd_import_qdpx(args: argparse.Namespace) -> int:
    from coding.exchange.refi_import import import_qdpx

    summary = import_qdpx(args.qdpx, args.new_project)
    print(f"created {summary.path} with {summary.codes} codes, {summary.documents} documents, "
          f"{summary.references} coded excerpts, {summary.memos} memos, {summary.cases} "
          "interventions")
    for item in summary.not_imported:
        print(f"not imported: {item}")
    for item in summary.notes:
        print(f"note: {item}")
    return 0


def cmd_import_qdc(args: argparse.Namespace) -> int:
    from coding.exchange.refi_import import import_qdc

    with Project.open(args.project) as project:
        added, _ = import_qdc(project, args.qdc)
    print(f"added {added} codes from {args.qdc}")
    return 0
