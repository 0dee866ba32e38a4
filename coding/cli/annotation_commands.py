"""`annotations` and `annotation add|edit|delete`: a researcher's notes on spans (Word comments
arrive as these too), listed and changed from scripts as in the app."""

from __future__ import annotations

import argparse
from typing import Any

from coding.annotations import (
    add_annotation,
    delete_annotation,
    edit_annotation,
    get_annotation,
    list_all_annotations,
    list_annotations,
)
from coding.cli.arguments import record_id
from coding.cli.coding_commands import add_span_arguments, span_from_args
from coding.cli.output import print_rows
from coding.documents import document_pages, find_document, list_documents
from coding.ids import AnnotationId
from coding.project import Project


def register(sub: Any) -> None:
    p = sub.add_parser("annotations", help="list annotations: id, document, span, page, author, "
                                           "note")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("document", metavar="DOC", nargs="?", help="only this document (name or id)")
    p.set_defaults(handler=cmd_annotations)

    note = sub.add_parser("annotation", help="add, edit or delete one annotation (see: "
                                             "annotation add --help)")
    note_sub = note.add_subparsers(dest="annotation_command", metavar="ACTION")
    p = note_sub.add_parser("add", help="annotate a span or a phrase of a document")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("document", metavar="DOC", help="document name or id")
    p.add_argument("note", metavar="NOTE", help="the note's text")
    add_span_arguments(p, "annotate")
    p.set_defaults(handler=cmd_annotation_add)
    p = note_sub.add_parser("edit", help="replace an annotation's text")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("id", metavar="ID", type=record_id, help="the annotation's id (see: annotations)")
    p.add_argument("note", metavar="NOTE", help="the new text")
    p.set_defaults(handler=cmd_annotation_edit)
    p = note_sub.add_parser("delete", help="delete an annotation")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("id", metavar="ID", type=record_id, help="the annotation's id (see: annotations)")
    p.set_defaults(handler=cmd_annotation_delete)


def cmd_annotations(args: argparse.Namespace) -> int:
    with Project.open(args.project, readonly=True) as project:
        names = {d.id: d.name for d in list_documents(project)}
        if args.document is not None:
            notes = list_annotations(project, find_document(project, args.document))
        else:
            notes = list_all_annotations(project)
        pages = {doc: document_pages(project, doc) for doc in {n.document_id for n in notes}}
    rows = []
    for n in notes:
        page = next((p.number for p in pages[n.document_id] if p.start <= n.start < p.end), "")
        rows.append((n.id, names.get(n.document_id, n.document_id), n.start, n.end, page,
                     n.author, " ".join(n.text.split())))
    print_rows(["id", "document", "start", "end", "page", "author", "note"], rows)
    return 0


def cmd_annotation_add(args: argparse.Namespace) -> int:
    with Project.open(args.project) as project:
        doc_id = find_document(project, args.document)
        start, end = span_from_args(project, doc_id, args)
        info = add_annotation(project, doc_id, start, end, args.note)
    print(f"added annotation {info.id} on {start}-{end}")
    return 0


def cmd_annotation_edit(args: argparse.Namespace) -> int:
    with Project.open(args.project) as project:
        edit_annotation(project, AnnotationId(args.id), args.note)
    print(f"edited annotation {args.id}")
    return 0


def cmd_annotation_delete(args: argparse.Namespace) -> int:
    with Project.open(args.project) as project:
        info = get_annotation(project, AnnotationId(args.id))
        delete_annotation(project, info.id)
    print(f"deleted annotation {info.id} ({info.start}-{info.end})")
    return 0
