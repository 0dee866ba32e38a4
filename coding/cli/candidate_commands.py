"""`candidates`: contexts, mechanisms and outcomes coded together, the configurations the model
may be missing; `--adopt LABEL` makes one of them a new (or partial) configuration."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from coding.cli.output import print_rows
from coding.cli.realist_commands import add_rating_filter, rating_filter
from coding.errors import InvalidInput
from coding.ids import NodeId
from coding.nodes import find_node
from coding.project import Project
from coding.review.candidates import (
    CSV_COLUMNS,
    MODES,
    Candidate,
    adopt_candidate,
    candidate_row,
    export_candidates_csv,
    find_candidates,
)

HEADER = CSV_COLUMNS[:-1]


def register(sub: Any) -> None:
    p = sub.add_parser(
        "candidates", help="C x M x O co-occurrence: triples coded together, marked as "
                           "candidates when no configuration has them yet")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("--mode", choices=MODES, default="paragraph",
                   help="together in one paragraph (the default) or anywhere in a document")
    p.add_argument("--min-documents", type=int, default=1, metavar="N",
                   help="only triples coded together in at least N documents")
    p.add_argument("--candidates-only", action="store_true",
                   help="leave out triples that are already a configuration")
    p.add_argument("--csv", metavar="OUT.csv", type=Path,
                   help="write the table (with the documents' names) as CSV instead")
    p.add_argument("--bom", action="store_true", help="CSV with a UTF-8 BOM (for Excel)")
    adopt = p.add_argument_group("make a configuration of one triple (or part of it)")
    adopt.add_argument("--adopt", metavar="LABEL",
                       help="create a new configuration LABEL from --context/--mechanism/"
                            "--outcome (leave one out for a partial configuration); the "
                            "excerpts showing them together are coded to it")
    adopt.add_argument("--topic", dest="new_topic", metavar="TOPIC",
                       help="the new configuration's topic")
    adopt.add_argument("--statement", default="", help="its if-then-because statement")
    for role in ("context", "mechanism", "outcome"):
        adopt.add_argument(f"--{role}", metavar="NODE", help=f"the {role} node (path or id)")
    adopt.add_argument("--reason", default="", help="why (kept in the theory's log)")
    add_rating_filter(p)
    p.set_defaults(handler=cmd_candidates, outputs=("csv",))


def cmd_candidates(args: argparse.Namespace) -> int:
    if args.adopt is not None:  # --adopt "" is a label left empty: refused, not ignored
        return _adopt(args)
    if any(getattr(args, role) for role in ("context", "mechanism", "outcome")) or args.new_topic:
        raise InvalidInput("--context, --mechanism, --outcome and --topic go with --adopt LABEL")
    with Project.open(args.project, readonly=True) as project:
        found = find_candidates(project, mode=args.mode, min_documents=args.min_documents,
                                flt=rating_filter(project, args),
                                candidates_only=args.candidates_only)
    if args.csv:
        export_candidates_csv(found, args.csv, bom=args.bom)
        print(f"wrote {len(found)} triples ({sum(c.is_candidate for c in found)} candidates) "
              f"to {args.csv}")
        return 0
    print_rows(HEADER, (_row(c) for c in found))
    return 0


def _row(c: Candidate) -> tuple[object, ...]:
    return candidate_row(c)[:-1]


def _adopt(args: argparse.Namespace) -> int:
    if not args.new_topic:
        raise InvalidInput("--adopt needs --topic")
    with Project.open(args.project) as project:
        nodes: list[NodeId] = [find_node(project, getattr(args, role))
                               for role in ("context", "mechanism", "outcome")
                               if getattr(args, role)]
        adopted = adopt_candidate(project, args.adopt, topic=args.new_topic, nodes=nodes,
                                  mode=args.mode, statement=args.statement,
                                  flt=rating_filter(project, args), reason=args.reason)
    linked = len(adopted.coding.created) if adopted.coding else 0
    print(f"added configuration {args.adopt.strip()} with {len(nodes)} element(s) and "
          f"{linked} supporting excerpt(s) coded to it")
    return 0
