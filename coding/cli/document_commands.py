"""`document rename|delete|reread`, `uncode`, `memo` and `show`: the app's edits and views as commands.

`show` prints the stored text exactly as coded (code-point offsets count into it), with a
"--- page N ---" line where each page starts, so a script can find the offsets it wants to
code; `--page N` prints that page only. `memo` prints a memo, or sets or appends to it.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from coding.cases import find_case
from coding.cli.coding_commands import add_span_arguments, region_from_args, span_from_args
from coding.document_history import count_codings
from coding.documents import (
    delete_document,
    document_pages,
    document_text,
    find_document,
    rename_document,
)
from coding.errors import InvalidInput
from coding.memos import append_memo, get_memo, set_memo
from coding.nodes import find_node
from coding.project import Project
from coding.realist.theories import find_theory
from coding.references import uncode
from coding.regions import uncode_region


def register(sub: Any) -> None:
    doc = sub.add_parser("document", help="rename, delete or re-read one document (see: document rename --help)")
    doc_sub = doc.add_subparsers(dest="document_command", metavar="ACTION")
    p = doc_sub.add_parser("rename", help="rename a document")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("document", metavar="DOC", help="document name or id")
    p.add_argument("new_name", metavar="NEW_NAME")
    p.set_defaults(handler=cmd_document_rename)
    p = doc_sub.add_parser("delete", help="delete a document with its coding, annotations and "
                                          "memo (a backup keeps the old state)")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("document", metavar="DOC", help="document name or id")
    p.set_defaults(handler=cmd_document_delete)
    p = doc_sub.add_parser("reread", help="read a document's original again with the current "
                                          "reader, its excerpts and annotations carried over")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("document", metavar="DOC", nargs="?", help="document name or id")
    p.add_argument("--all", action="store_true",
                   help="every document instead of one: each read again or left as it was "
                        "(exit 1 if any was left because its coded passages are not found)")
    p.add_argument("--dry-run", action="store_true",
                   help="say what would change, change nothing")
    p.set_defaults(handler=cmd_document_reread)

    p = sub.add_parser("uncode", help="remove coding of a span or phrase from a node")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("document", metavar="DOC", help="document name or id")
    p.add_argument("node", metavar="NODE", help="node path, unique name or id")
    add_span_arguments(p, "uncode", regions=True)
    p.set_defaults(handler=cmd_uncode)

    p = sub.add_parser("memo", help="print a memo, or set or append to it")
    p.add_argument("project", metavar="PROJECT")
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("--document", metavar="DOC")
    target.add_argument("--node", metavar="NODE")
    target.add_argument("--theory", metavar="LABEL")
    target.add_argument("--intervention", metavar="N|NAME")
    target.add_argument("--project", dest="project_memo", action="store_true",
                        help="the project memo")
    change = p.add_mutually_exclusive_group()
    change.add_argument("--set", metavar="TEXT", help="replace the memo with TEXT")
    change.add_argument("--append", metavar="TEXT", help="add TEXT as a new paragraph")
    p.set_defaults(handler=cmd_memo)

    p = sub.add_parser("show", help="print a document's stored text, with page markers")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("document", metavar="DOC", help="document name or id")
    p.add_argument("--page", type=int, metavar="N", help="only page N")
    p.set_defaults(handler=cmd_show)


def cmd_document_rename(args: argparse.Namespace) -> int:
    with Project.open(args.project) as project:
        doc_id = find_document(project, args.document)
        rename_document(project, doc_id, args.new_name)
    print(f"renamed document {doc_id} to {args.new_name.strip()}")
    return 0


def cmd_document_delete(args: argparse.Namespace) -> int:
    with Project.open(args.project) as project:
        doc_id = find_document(project, args.document)
        count = count_codings(project, doc_id)
        delete_document(project, doc_id)
    print(f"deleted document {args.document} and its {count} coding(s)")
    return 0


def cmd_document_reread(args: argparse.Namespace) -> int:
    """Exit 1, changing nothing, when any coded passage has no place in the new text."""
    from coding.reread import apply_reread, plan_reread

    if args.all == (args.document is not None):
        raise InvalidInput("name one document (DOC) or give --all")
    if args.all:
        return _reread_all(args)
    with Project.open(args.project, readonly=args.dry_run) as project:
        plan = plan_reread(project, find_document(project, args.document))
        for lost in plan.lost:
            print(f"not found: {lost.kind} at {lost.old[0]}-{lost.old[1]}: {lost.words}",
                  file=sys.stderr)
        if plan.lost:
            print(plan.summary, file=sys.stderr)
            return 1
        if not args.dry_run:
            apply_reread(project, plan)
    print(("(dry run) " if args.dry_run and not plan.unchanged else "") + plan.summary)
    return 0


def _reread_all(args: argparse.Namespace) -> int:
    """A line a document (its summary; what stands in the way on stderr), then the totals."""
    from coding.reread_all import reread_all

    def step(done: int, total: int, name: str) -> None:
        print(f"[{done + 1}/{total}] {name}", file=sys.stderr, flush=True)

    with Project.open(args.project, readonly=args.dry_run) as project:
        report = reread_all(project, dry_run=args.dry_run, step=step)
    for outcome in report.outcomes:
        for lost in outcome.lost:
            print(f"not found in {outcome.name}: {lost.label or lost.kind}, at "
                  f"{lost.old[0]}-{lost.old[1]}: {lost.words}", file=sys.stderr)
        print(("(dry run) " if args.dry_run and outcome.changed else "")
              + (f"left as it was: {outcome.summary}" if outcome.refused else outcome.summary))
    print(("(dry run) " if args.dry_run else "") + report.summary)
    return 1 if report.refused else 0


def cmd_uncode(args: argparse.Namespace) -> int:
    with Project.open(args.project) as project:
        doc_id = find_document(project, args.document)
        node_id = find_node(project, args.node)
        region = region_from_args(args)
        if region is not None:
            gone = uncode_region(project, doc_id, region, [node_id]).removed
            print(f"uncoded {len(gone)} region(s) the rectangle overlaps on page {region.page}")
            return 0
        start, end = span_from_args(project, doc_id, args)
        result = uncode(project, doc_id, start, end, [node_id])
    print(f"uncoded {start}-{end}: {len(result.removed)} reference(s) removed, "
          f"{len(result.created)} trimmed piece(s) kept")
    return 0


def _memo_target(project: Project, args: argparse.Namespace) -> tuple[str, int | None]:
    if args.document is not None:
        return "document", find_document(project, args.document)
    if args.node is not None:
        return "node", find_node(project, args.node)
    if args.theory is not None:
        return "theory", find_theory(project, args.theory)
    if args.intervention is not None:
        return "case", find_case(project, args.intervention)
    return "project", None


def cmd_memo(args: argparse.Namespace) -> int:
    writing = args.set is not None or args.append is not None
    with Project.open(args.project, readonly=not writing) as project:
        target, target_id = _memo_target(project, args)
        if args.set is not None:
            set_memo(project, target, target_id, args.set)
        elif args.append is not None:
            append_memo(project, target, target_id, args.append)
        text = get_memo(project, target, target_id)
    if writing:
        print(f"saved the {target} memo ({len(text)} characters)")
    else:
        sys.stdout.write(text + ("\n" if text and not text.endswith("\n") else ""))
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    with Project.open(args.project, readonly=True) as project:
        doc_id = find_document(project, args.document)
        text = document_text(project, doc_id)
        pages = document_pages(project, doc_id)
    if args.page is not None:
        page = next((p for p in pages if p.number == args.page), None)
        if page is None:
            numbers = f"1–{len(pages)}" if pages else "none: it has no pages"
            raise InvalidInput(f"{args.document} has no page {args.page} (pages: {numbers})")
        sys.stdout.write(f"--- page {page.number} (characters {page.start}–{page.end}) ---\n")
        sys.stdout.write(text[page.start:page.end] + "\n")
        return 0
    if len(pages) <= 1:
        sys.stdout.write(text + ("\n" if text and not text.endswith("\n") else ""))
        return 0
    at = 0
    for page in pages:
        before = text[at:page.start]
        sys.stdout.write(before + ("\n" if before and not before.endswith("\n") else ""))
        sys.stdout.write(f"--- page {page.number} (from character {page.start}) ---\n")
        at = page.start
    sys.stdout.write(text[at:] + "\n")
    return 0
