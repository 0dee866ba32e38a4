"""Interventions, attributes and appraisal on the command line.

case add/list/assign/delete, attributes import, interventions (documents grouped by intervention),
appraise (MMAT-structured appraisal of one document).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from coding.attributes import import_attributes_csv
from coding.case_delete import delete_case
from coding.cases import assign_document, ensure_case, find_case, list_cases, update_case
from coding.cli.output import print_rows
from coding.documents import find_document
from coding.errors import InvalidInput
from coding.project import Project
from coding.realist.appraisal import CATEGORIES, appraise, get_appraisal, questions
from coding.realist.intervention_table import export_interventions_csv, intervention_table
from storage.models import ATTRIBUTE_SCOPES


def register(sub: Any) -> None:
    case = sub.add_parser("case", help="interventions (see: case add --help)")
    case_sub = case.add_subparsers(dest="case_command", metavar="ACTION", required=True)
    p = case_sub.add_parser("add", help="add an intervention (numbered #1, #2...)")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--number", type=int, help="its number (default: the next free one)")
    p.add_argument("--description", help="a short description")
    p.set_defaults(handler=cmd_case_add)
    p = case_sub.add_parser("list", help="list interventions with their document counts")
    p.add_argument("project", metavar="PROJECT")
    p.set_defaults(handler=cmd_case_list)
    p = case_sub.add_parser("assign", help="put a document in an intervention")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("document", metavar="DOCUMENT", help="document name or id")
    p.add_argument("case", metavar="CASE", help='intervention name or number ("#3" or "3")')
    p.set_defaults(handler=cmd_case_assign)
    p = case_sub.add_parser("delete", help="delete an intervention (its documents stay, in none)")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("case", metavar="CASE", help='intervention name or number ("#3" or "3")')
    p.set_defaults(handler=cmd_case_delete)

    attributes = sub.add_parser("attributes", help="document and intervention attributes")
    attr_sub = attributes.add_subparsers(dest="attributes_command", metavar="ACTION",
                                         required=True)
    p = attr_sub.add_parser("import", help="import a classification sheet (CSV, one row each)")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("csv", metavar="SHEET.csv", type=Path,
                   help="first column: document (or intervention); then one column per attribute")
    p.add_argument("--scope", choices=ATTRIBUTE_SCOPES, required=True)
    p.set_defaults(handler=cmd_attributes_import)

    p = sub.add_parser("interventions", help="documents grouped by intervention, with attributes")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("--csv", metavar="OUT.csv", type=Path, help="write the table to a CSV file")
    p.set_defaults(handler=cmd_interventions, outputs=("csv",))

    p = sub.add_parser("appraise", help="appraise a document (MMAT 2018 structure)")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("document", metavar="DOCUMENT", help="document name or id")
    p.add_argument("--category", choices=tuple(CATEGORIES),
                   help="study design (needed the first time)")
    p.add_argument("--answer", action="append", default=[], metavar="Q=ANSWER",
                   help="e.g. S1=yes 1.3=no 1.4=cant_tell (repeat); a comment on the "
                        "criterion after ':', e.g. 1.3=no:themes asserted, not shown")
    p.add_argument("--comment", default="", help="an overall comment")
    p.add_argument("--show", action="store_true", help="print the appraisal")
    p.set_defaults(handler=cmd_appraise)


def cmd_case_add(args: argparse.Namespace) -> int:
    with Project.open(args.project) as project:
        if args.name.strip() in {c.name for c in list_cases(project)}:
            raise InvalidInput(f"an intervention called '{args.name}' already exists")
        case_id = ensure_case(project, args.name, args.number)
        if args.description:
            update_case(project, case_id, description=args.description)
        number = next(c.number for c in list_cases(project) if c.id == case_id)
    print(f"added intervention #{number} {args.name.strip()}")
    return 0


def cmd_case_list(args: argparse.Namespace) -> int:
    with Project.open(args.project, readonly=True) as project:
        cases = list_cases(project)
    print_rows(["number", "name", "documents", "description"],
               [(f"#{c.number}", c.name, c.document_count, c.description) for c in cases])
    return 0


def cmd_case_assign(args: argparse.Namespace) -> int:
    with Project.open(args.project) as project:
        assign_document(project, find_document(project, args.document),
                        find_case(project, args.case))
    print(f"{args.document} is now in intervention {args.case}")
    return 0


def cmd_case_delete(args: argparse.Namespace) -> int:
    with Project.open(args.project) as project:
        deleted = delete_case(project, find_case(project, args.case))
    print(f"deleted intervention {deleted.label}{deleted.kept_note}")
    return 0


def cmd_attributes_import(args: argparse.Namespace) -> int:
    with Project.open(args.project) as project:
        count = import_attributes_csv(project, args.csv, args.scope)
    print(f"imported attributes for {count} {'documents' if args.scope == 'document' else 'interventions'}")
    return 0


def cmd_interventions(args: argparse.Namespace) -> int:
    with Project.open(args.project, readonly=True) as project:
        if args.csv:
            count = export_interventions_csv(project, args.csv)
            print(f"wrote {count} rows to {args.csv}")
            return 0
        table = intervention_table(project)
    print_rows(table.header, table.rows)
    return 0


def _parse_answers(given: list[str]) -> dict[str, str | tuple[str, str]]:
    """"1.3=no" or, with a comment on that criterion, "1.3=no:themes asserted, not shown"."""
    answers: dict[str, str | tuple[str, str]] = {}
    for item in given:
        question, sep, answer = item.partition("=")
        if not sep or not question.strip():
            raise InvalidInput(f"--answer '{item}' is not of the form QUESTION=ANSWER[:COMMENT]")
        answer, _, comment = answer.partition(":")
        answers[question.strip()] = (answer.strip(), comment.strip())
    return answers


def cmd_appraise(args: argparse.Namespace) -> int:
    with Project.open(args.project, readonly=args.show and not args.answer) as project:
        doc_id = find_document(project, args.document)
        if args.answer or args.category:
            current = get_appraisal(project, doc_id)
            category = args.category or (current.category if current else None)
            if category is None:
                raise InvalidInput("first appraisal of this document: give --category")
            appraise(project, doc_id, category, _parse_answers(args.answer), args.comment)
        info = get_appraisal(project, doc_id)
    if info is None:
        raise InvalidInput(f"{args.document} has no appraisal yet; give --category")
    asked = questions(info.category)
    given = {a.question: a for a in info.answers}
    print(f"{args.document}: {info.category_label}, {info.criteria_met}/5 criteria met")
    print_rows(["question", "criterion", "answer", "comment"],
               [(q, label, given[q].answer if q in given else "", given[q].comment
                 if q in given else "") for q, label in asked.items()])
    return 0
