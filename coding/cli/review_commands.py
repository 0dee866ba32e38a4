"""Reviewing the evidence: matrix, search, co-occurrence, document coverage, codebook, report,
Excel export; and the reference filter options that `coverage` and `export-csv` share."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from coding.cases import find_case
from coding.cli.output import print_rows, warn_suffix
from coding.coders import find_coder
from coding.documents import find_document
from coding.errors import InvalidInput
from coding.filters import ReferenceFilter
from coding.ids import NodeId
from coding.nodes import find_node
from coding.project import Project
from coding.realist.topics import find_topics
from coding.review.cooccurrence import MODES, cooccurrences
from coding.review.coverage import document_summary
from coding.review.matrix import MEASURES, build_matrix, matrix_table, write_matrix_csv
from coding.review.search import code_hits, search_text
from coding.review.spans import SPREADS
from coding.tables import write_table_csv
from storage.models import NODE_ORIGINS, RATINGS, ROLES


def add_filter_arguments(
    p: argparse.ArgumentParser, *, rows: bool = False, nodes: bool = True
) -> None:
    """The shared reference filter; `rows` adds the row filters (role, origin, topic);
    `nodes=False` leaves out --node for commands that name their nodes themselves."""
    g = p.add_argument_group("filters (repeat an option to allow several values)")
    if nodes:
        g.add_argument("--node", action="append", default=[], metavar="NODE",
                       help="only references to this node (and its descendants)")
    g.add_argument("--no-descendants", action="store_true",
                   help="only the node itself, not the nodes under it")
    g.add_argument("--document", action="append", default=[], metavar="DOC")
    g.add_argument("--intervention", action="append", default=[], metavar="N|NAME",
                   help="intervention number (#3 or 3) or name")
    g.add_argument("--relevance", action="append", default=[], choices=RATINGS)
    g.add_argument("--rigour", action="append", default=[], choices=RATINGS)
    g.add_argument("--coded-by", action="append", default=[], metavar="CODER",
                   help="only this coder's references (name, initials or id; see `coders`)")
    if rows:
        g.add_argument("--role", action="append", default=[], choices=ROLES)
        g.add_argument("--origin", action="append", default=[],
                       choices=sorted({*NODE_ORIGINS, "initial", "new"}))
        g.add_argument("--topic", action="append", default=[], metavar="TOPIC")


def filter_from_args(project: Project, args: argparse.Namespace) -> ReferenceFilter:
    return ReferenceFilter(
        node_ids=tuple(find_node(project, n) for n in getattr(args, "node", ())),
        with_descendants=not args.no_descendants,
        document_ids=tuple(find_document(project, d) for d in args.document),
        case_ids=tuple(find_case(project, c) for c in args.intervention),
        relevance=tuple(args.relevance), rigour=tuple(args.rigour),
        roles=tuple(getattr(args, "role", ())), origins=tuple(getattr(args, "origin", ())),
        topics=find_topics(project, getattr(args, "topic", ())),
        coder_ids=tuple(find_coder(project, c) for c in getattr(args, "coded_by", ())),
    )


def register(sub: Any) -> None:
    p = sub.add_parser("matrix", help="matrix query: nodes or theories x documents, "
                                      "interventions or attribute values")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("--rows", choices=("nodes", "theories"), default="nodes")
    p.add_argument("--cols", default="documents",
                   help="documents, interventions or attribute:NAME (default documents)")
    p.add_argument("--cells", choices=MEASURES, default="references")
    p.add_argument("--aggregate", action="store_true", help="fold child nodes into parents")
    p.add_argument("--csv", metavar="OUT.csv", type=Path)
    add_filter_arguments(p, rows=True)
    p.set_defaults(handler=cmd_matrix, outputs=("csv",))

    p = sub.add_parser("search", help="search the text of every document")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("query", metavar="QUERY", help='words, "exact phrases", or a regex')
    p.add_argument("--regex", action="store_true")
    p.add_argument("--whole-word", action="store_true")
    p.add_argument("--case-sensitive", action="store_true")
    p.add_argument("--document", action="append", default=[], metavar="DOC")
    p.add_argument("--limit", type=int, default=1000, help="hits listed (all are counted)")
    p.add_argument("--context", type=int, default=40, help="characters either side")
    p.add_argument("--code", metavar="NODE", help="code every listed hit to this node")
    p.add_argument("--spread", choices=SPREADS, default="hit",
                   help="with --code: code the hit itself, its sentence or its paragraph")
    p.add_argument("--csv", metavar="OUT.csv", type=Path)
    p.set_defaults(handler=cmd_search, outputs=("csv",))

    p = sub.add_parser("cooccur", help="excerpts where two nodes are coded together")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("node_a", metavar="NODE_A")
    p.add_argument("node_b", metavar="NODE_B")
    p.add_argument("--mode", choices=MODES, default="overlap")
    p.add_argument("--distance", type=int, default=0, help="characters, for --mode near")
    p.add_argument("--csv", metavar="OUT.csv", type=Path)
    add_filter_arguments(p, nodes=False)
    p.set_defaults(handler=cmd_cooccur, outputs=("csv",))

    p = sub.add_parser("document-coverage", help="which nodes code a document, how much, where")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("document", metavar="DOCUMENT")
    p.add_argument("--aggregate", action="store_true")
    p.set_defaults(handler=cmd_document_coverage)

    p = sub.add_parser("codebook", help="export the codebook (.csv or .docx)")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("out", metavar="OUT", type=Path)
    p.add_argument("--bom", action="store_true", help="CSV only: a UTF-8 BOM for Excel")
    p.set_defaults(handler=cmd_codebook, outputs=("out",))

    p = sub.add_parser("report", help="Word report of a node's excerpts by document")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("node_path", metavar="NODE")
    p.add_argument("out", metavar="OUT.docx", type=Path)
    add_filter_arguments(p, nodes=False)
    p.set_defaults(handler=cmd_report, outputs=("out",))

    p = sub.add_parser("export-xlsx", help="coded excerpts to an Excel workbook")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("out", metavar="OUT.xlsx", type=Path)
    p.add_argument("--sheets", choices=("node", "topic"), default="node", help="one sheet per node or topic")
    add_filter_arguments(p)
    p.set_defaults(handler=cmd_export_xlsx, outputs=("out",))


def cmd_matrix(args: argparse.Namespace) -> int:
    with Project.open(args.project, readonly=True) as project:
        m = build_matrix(project, rows=args.rows, columns=args.cols,
                         flt=filter_from_args(project, args), aggregate=args.aggregate)
    if args.csv:
        count = write_matrix_csv(m, args.csv, args.cells)
        print(f"wrote {count} rows x {len(m.columns)} columns to {args.csv}")
        return 0
    print_rows(*matrix_table(m, args.cells))
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    coding = args.code is not None  # --code "" names no node: an error, not a plain search
    if args.spread != "hit" and not coding:
        raise InvalidInput("--spread goes with --code NODE (what to code: hit, sentence or "
                           "paragraph)")
    with Project.open(args.project, readonly=not coding) as project:
        docs = tuple(find_document(project, d) for d in args.document)
        result = search_text(project, args.query, regex=args.regex, whole_word=args.whole_word,
                             case_sensitive=args.case_sensitive, document_ids=docs,
                             limit=args.limit, context=args.context)
        node: NodeId | None = find_node(project, args.code) if coding else None
        created = (len(code_hits(project, result.hits, node, args.spread).created)
                   if node and result.hits else 0)
    header = ["document", "page", "start", "end", "match", "context"]
    rows: list[list[object]] = [[h.document, h.page or "", h.start, h.end, h.match, h.kwic]
                                for h in result.hits]
    if args.csv:
        write_table_csv(args.csv, header, rows)
    else:
        print_rows(header, [[*r[:4], " ".join(str(r[4]).split()), r[5]] for r in rows])
    shown = f" (listing {len(result.hits)})" if result.truncated else ""
    print(f"{result.total} hit(s) in {result.documents} document(s){shown}")
    if node is not None and result.hits:
        what = "hit(s)" if args.spread == "hit" else f"hit(s), each with its {args.spread},"
        print(f"coded {len(result.hits)} {what} to {args.code}: {created} reference(s) created")
    return 0


def cmd_cooccur(args: argparse.Namespace) -> int:
    with Project.open(args.project, readonly=True) as project:
        flt = filter_from_args(project, args)
        pairs = cooccurrences(project, find_node(project, args.node_a),
                              find_node(project, args.node_b), mode=args.mode,
                              distance=args.distance, flt=flt)
    header = ["document", "pages", "start", "end", "a_start", "a_end", "b_start", "b_end", "text"]
    rows: list[list[object]] = [[c.document, c.pages, c.start, c.end, c.a_start, c.a_end,
                                 c.b_start, c.b_end, c.text] for c in pairs]
    if args.csv:
        write_table_csv(args.csv, header, rows)
        print(f"wrote {len(rows)} co-occurrence(s) to {args.csv}")
    else:
        print_rows(header, [[*r[:-1], " ".join(str(r[-1]).split())] for r in rows])
    return 0


def cmd_document_coverage(args: argparse.Namespace) -> int:
    with Project.open(args.project, readonly=True) as project:
        rows = document_summary(project, find_document(project, args.document),
                                aggregate=args.aggregate)
    print_rows(["node", "role", "references", "characters", "percent", "pages"],
               [[r.path, r.role, r.references, r.characters, r.percent, r.pages] for r in rows])
    return 0


def cmd_codebook(args: argparse.Namespace) -> int:
    # Office writers import python-docx/openpyxl, which only these commands should pay for.
    from coding.exports.codebook import write_codebook_csv, write_codebook_docx

    suffix = args.out.suffix.lower()
    if suffix not in (".csv", ".docx"):
        raise InvalidInput(f"{args.out}: the codebook is written as .csv or .docx")
    with Project.open(args.project, readonly=True) as project:
        if suffix == ".csv":
            count = write_codebook_csv(project, args.out, bom=args.bom)
        else:
            count = write_codebook_docx(project, args.out)
    print(f"wrote {count} nodes to {args.out}")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from coding.exports.node_report import write_node_report

    warn_suffix(args.out, ".docx", "a Word document")
    with Project.open(args.project, readonly=True) as project:
        node = find_node(project, args.node_path)
        count = write_node_report(project, node, args.out, flt=filter_from_args(project, args))
    print(f"wrote {count} excerpts to {args.out}")
    return 0


def cmd_export_xlsx(args: argparse.Namespace) -> int:
    from coding.exports.xlsx_export import export_references_xlsx

    warn_suffix(args.out, ".xlsx", "an Excel workbook")
    with Project.open(args.project, readonly=True) as project:
        count = export_references_xlsx(project, args.out, sheets=args.sheets,
                                       flt=filter_from_args(project, args))
    print(f"wrote {count} excerpts to {args.out}")
    return 0
