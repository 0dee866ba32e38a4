"""A second reviewer: who am I (whoami), who coded (coders), bringing a colleague's coding in
(merge) and measuring agreement (compare)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from coding.cli.output import print_rows
from coding.cli.review_commands import add_filter_arguments, filter_from_args
from coding.coders import find_coder, list_coders
from coding.errors import InvalidInput
from coding.exchange.merge import merge_project
from coding.identity import config_path, current_identity, save_identity
from coding.project import Project
from coding.review.comparison import compare_coders, header
from coding.tables import write_table_csv


def register(sub: Any) -> None:
    p = sub.add_parser("whoami", help="the coder this computer codes as (and set it)")
    p.add_argument("--set", metavar="NAME", dest="set_name",
                   help="save NAME as this user's coder name (as the app's Preferences do)")
    p.add_argument("--initials", metavar="XY", help="with --set: initials (default: derived)")
    p.set_defaults(handler=cmd_whoami)

    p = sub.add_parser("coders", help="list who coded in a project")
    p.add_argument("project", metavar="PROJECT")
    p.set_defaults(handler=cmd_coders)

    p = sub.add_parser("merge", help="bring a colleague's coding in from another project "
                                     "(.realist) or a REFI-QDA file (.qdpx)")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("other", metavar="OTHER", type=Path, help="OTHER.realist or OTHER.qdpx")
    p.set_defaults(handler=cmd_merge)

    p = sub.add_parser("compare", help="coding comparison of two coders: agreement and "
                                       "Cohen's kappa per node and document, over characters")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("--coders", nargs=2, required=True, metavar=("A", "B"),
                   help="the two coders (name, initials or id; see `coders`)")
    p.add_argument("--csv", metavar="OUT.csv", type=Path)
    p.add_argument("--bom", action="store_true", help="with --csv: a BOM, for Excel")
    add_filter_arguments(p)
    p.set_defaults(handler=cmd_compare, outputs=("csv",))


def cmd_whoami(args: argparse.Namespace) -> int:
    if args.initials and not args.set_name:
        raise InvalidInput("--initials goes with --set NAME")
    if args.set_name is not None:
        saved = save_identity(args.set_name, args.initials or "")
        print(f"saved: {saved.name} ({saved.initials}) in {config_path()}")
        return 0
    who = current_identity()
    source = {"setting": f"saved in {config_path()}", "option": "from --coder",
              "environment": "from $REALIST_CODER",
              "login": "the login name: no name saved yet (whoami --set NAME)"}[who.source]
    print(f"{who.name} ({who.initials}) — {source}")
    return 0


def cmd_coders(args: argparse.Namespace) -> int:
    with Project.open(args.project, readonly=True) as project:
        coders = list_coders(project)
    print_rows(["id", "name", "initials", "references", "documents"],
               [(c.id, c.name, c.initials, c.references, c.documents) for c in coders])
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    with Project.open(args.project) as project:
        report = merge_project(project, args.other)
    for line in report.lines():
        print(line)
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    if args.coded_by:
        raise InvalidInput("compare names its two coders with --coders A B, not --coded-by")
    with Project.open(args.project, readonly=True) as project:
        a, b = (find_coder(project, name) for name in args.coders)
        result = compare_coders(project, a, b, filter_from_args(project, args))
    if not result.documents:
        raise InvalidInput(f"{result.coder_a.name} and {result.coder_b.name} have not both "
                           "coded any document; choose documents with --document")
    names = f"A = {result.coder_a.label}, B = {result.coder_b.label}"
    print(f"# {names}; {len(result.documents)} document(s) compared", file=sys.stderr)
    if args.csv:
        count = write_table_csv(args.csv, header(result), result.table(), bom=args.bom)
        print(f"wrote {count} rows to {args.csv}")
    else:
        print_rows(header(result), result.table())
    return 0
