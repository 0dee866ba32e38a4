"""Coding commands: nodes, code, export-csv, coverage (node editing: node_commands)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from coding.cli.output import print_rows
from coding.cli.review_commands import add_filter_arguments, filter_from_args
from coding.documents import document_text, find_document
from coding.errors import InvalidInput
from coding.exports.csv_export import export_references_csv
from coding.ids import DocumentId
from coding.nodes import find_node, list_nodes
from coding.project import Project
from coding.references import Region, code
from coding.regions import code_region
from coding.review.coverage import SORT_KEYS, coverage_by_case, coverage_by_document, coverage_table
from coding.review.spans import find_phrase
from coding.tables import write_table_csv


def register(sub: Any) -> None:
    p = sub.add_parser("nodes", help="print the node tree with counts")
    p.add_argument("project", metavar="PROJECT")
    p.set_defaults(handler=cmd_nodes)

    p = sub.add_parser("code", help="code a span or a phrase of a document to node(s)")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("document", metavar="DOCUMENT", help="document name or id")
    p.add_argument("nodes", metavar="NODE", nargs="+", help="node path, unique name or id")
    add_span_arguments(p, "code", regions=True)
    p.set_defaults(handler=cmd_code)

    p = sub.add_parser("export-csv", help="export coded excerpts to CSV")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("out", metavar="OUT.csv", type=Path)
    p.add_argument("--bom", action="store_true", help="write a UTF-8 BOM (for Excel)")
    add_filter_arguments(p)
    p.set_defaults(handler=cmd_export_csv, outputs=("out",))

    p = sub.add_parser("coverage", help="node coverage: references, documents, characters")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("--by", choices=("node", "document", "case"), default="node")
    p.add_argument("--csv", metavar="OUT.csv", type=Path, help="write the table to a CSV file")
    p.add_argument("--rows", choices=("nodes", "theories"), default="nodes",
                   help="with --by node: one row per node or per theory")
    p.add_argument("--aggregate", action="store_true", help="fold child nodes into parents")
    p.add_argument("--sort", choices=SORT_KEYS, default="tree")
    p.add_argument("--desc", action="store_true", help="sort descending")
    p.add_argument("--empty", action="store_true", help="only rows with no evidence")
    add_filter_arguments(p, rows=True)
    p.set_defaults(handler=cmd_coverage, outputs=("csv",))


def add_span_arguments(p: Any, verb: str, regions: bool = False) -> None:
    """Where in the document: --span START END or --text PHRASE [--occurrence N], and with
    `regions` --region PAGE LEFT BOTTOM RIGHT TOP (a rectangle of a PDF page)."""
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--span", nargs=2, type=int, metavar=("START", "END"),
                       help="code-point offsets into the document text, END exclusive")
    where.add_argument("--text", metavar="PHRASE", help=f"{verb} this exact phrase")
    if regions:
        where.add_argument("--region", nargs=5, type=float,
                           metavar=("PAGE", "LEFT", "BOTTOM", "RIGHT", "TOP"),
                           help=f"{verb} a rectangle of a PDF page (points from the page's "
                                "bottom left, as the CSV's region columns)")
    p.add_argument("--occurrence", type=int, default=1, help="which match of --text (from 1)")


def region_from_args(args: argparse.Namespace) -> Region | None:
    if getattr(args, "region", None) is None:
        return None
    page, left, bottom, right, top = args.region
    if page != int(page):
        raise InvalidInput(f"--region: the page is a whole number, not {page}")
    return Region(int(page), left, bottom, right, top)


def span_from_args(project: Project, doc_id: DocumentId, args: argparse.Namespace) -> tuple[int, int]:
    if args.span:
        start, end = args.span
    else:
        start, end = find_phrase(document_text(project, doc_id), args.text, args.occurrence)
    if start < 0 or end <= start:
        raise InvalidInput(f"span {start}-{end}: END must be after START, both >= 0")
    return start, end


def cmd_nodes(args: argparse.Namespace) -> int:
    with Project.open(args.project, readonly=True) as project:
        nodes = list_nodes(project)
    print_rows(
        ["id", "path", "role", "origin", "color", "references", "documents"],
        [(n.id, n.path, n.role, n.origin, n.color, n.reference_count, n.document_count)
         for n in nodes],
    )
    return 0


def cmd_code(args: argparse.Namespace) -> int:
    with Project.open(args.project) as project:
        doc_id = find_document(project, args.document)
        node_ids = [find_node(project, n) for n in args.nodes]
        region = region_from_args(args)
        if region is not None:
            made = code_region(project, doc_id, region, node_ids).created
            print(f"coded the region on page {region.page} to {len(node_ids)} node(s); "
                  f"{len(made)} reference(s) created")
            return 0
        start, end = span_from_args(project, doc_id, args)
        result = code(project, doc_id, start, end, node_ids)
    print(f"coded {start}-{end} to {len(node_ids)} node(s); {len(result.created)} reference(s) "
          f"created, {len(result.removed)} merged")
    return 0


def cmd_export_csv(args: argparse.Namespace) -> int:
    with Project.open(args.project, readonly=True) as project:
        count = export_references_csv(project, args.out, bom=args.bom,
                                      flt=filter_from_args(project, args))
    print(f"wrote {count} excerpts to {args.out}")
    return 0


def cmd_coverage(args: argparse.Namespace) -> int:
    if args.rows == "theories" and args.by != "node":
        raise InvalidInput("--rows theories goes with --by node; for theories by document or "
                           "intervention use `realist-coder matrix --rows theories`")
    with Project.open(args.project, readonly=True) as project:
        flt = filter_from_args(project, args)
        header: list[str]
        rows: list[list[object]]
        if args.by == "node":
            theories = args.rows == "theories"
            header = ["theory" if theories else "node", "topic" if theories else "role",
                      "origin", "references", "documents", "interventions", "characters",
                      "percent"]
            rows = [[c.label, c.topic if theories else c.role, c.origin, c.references,
                     c.documents, c.cases, c.characters, c.percent]
                    for c in coverage_table(project, rows=args.rows, flt=flt,
                                            aggregate=args.aggregate, sort=args.sort,
                                            descending=args.desc)
                    if not (args.empty and c.has_evidence)]
        else:
            by = coverage_by_document if args.by == "document" else coverage_by_case
            cells = by(project, flt, aggregate=args.aggregate)
            header = ["node", args.by, "references", "documents", "characters", "percent"]
            rows = [[c.path, c.group_name, c.references, c.documents, c.characters, c.percent]
                    for c in cells]
    if args.csv:
        write_table_csv(args.csv, header, rows)
        print(f"wrote {len(rows)} rows to {args.csv}")
    else:
        print_rows(header, rows)
    return 0
