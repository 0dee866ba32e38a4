"""The realist layer on the command line: the model, theories, evidence status and ratings.

model import/export, theories, theory add/show/status/element/edit/delete, rate. Interventions, attributes and
appraisal live in case_commands.py.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from coding.cli import history_commands
from coding.cli.arguments import record_id
from coding.cli.output import print_rows, warn_suffix
from coding.cli.review_commands import add_filter_arguments, filter_from_args
from coding.errors import InvalidInput
from coding.filters import ReferenceFilter
from coding.ids import ReferenceId
from coding.nodes import find_node
from coding.project import Project
from coding.ratings import rate_reference
from coding.realist.evidence import (
    ROLES,
    Sources,
    evidence_for,
    override_status,
    theory_evidence,
)
from coding.realist.evidence_rule import (
    RULE_NAMES,
    RULES,
    describe_rule,
    evidence_rule,
    set_evidence_rule,
)
from coding.realist.evidence_tables import export_evidence_csv
from coding.realist.model_csv import export_model_csv, import_model
from coding.realist.ratings import LEVELS, check_rating, with_minimum
from coding.realist.theories import (
    add_element,
    add_theory,
    delete_theory,
    element_node,
    find_theory,
    remove_element,
    update_theory,
)
from coding.theory_log import Journal
from storage.models import RATINGS, THEORY_ORIGINS, THEORY_STATUSES


def add_rating_filter(p: argparse.ArgumentParser) -> None:
    """The shared reference filter (--document, --intervention, --relevance, --rigour) plus
    "at least" thresholds, the usual question in a realist review."""
    add_filter_arguments(p, nodes=False)
    p.add_argument("--min-relevance", choices=LEVELS,
                   help="count only excerpts rated at least this relevant")
    p.add_argument("--min-rigour", choices=LEVELS,
                   help="count only excerpts rated at least this rigorous")


def rating_filter(project: Project, args: argparse.Namespace) -> ReferenceFilter:
    return with_minimum(filter_from_args(project, args), args.min_relevance, args.min_rigour)


def register(sub: Any) -> None:
    model = sub.add_parser("model", help="the theoretical model (see: model import --help)")
    model_sub = model.add_subparsers(dest="model_command", metavar="ACTION", required=True)
    p = model_sub.add_parser("import", help="add the theories of a model CSV (one row each)")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("csv", metavar="MODEL.csv", type=Path,
                   help="columns label,topic,statement,contexts,mechanisms,outcomes"
                        "[,origin][,new_elements]; ';' separates several elements; "
                        "new_elements names the refinements")
    p.add_argument("--reason", default=None,
                   help="for each theory's log (default: \"imported from MODEL.csv\")")
    p.set_defaults(handler=cmd_model_import)
    p = model_sub.add_parser("export", help="the final model and evidence tables as Word")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("out", metavar="OUT.docx", type=Path)
    p.add_argument("--csv", metavar="OUT.csv", type=Path,
                   help="also write the model (with status and evidence) as CSV")
    p.add_argument("--evidence-csv", metavar="OUT.csv", type=Path,
                   help="also write the evidence tables (one row per excerpt) as CSV")
    p.add_argument("--history", metavar="HISTORY.docx|.csv", type=Path,
                   help="also write the development of the programme theories (each theory's "
                        "initial wording, changes with dates and reasons, final status)")
    add_rating_filter(p)
    p.set_defaults(handler=cmd_model_export, outputs=("out", "csv", "evidence_csv", "history"))
    p = model_sub.add_parser("export-csv", help="the model with status and evidence as CSV")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("out", metavar="OUT.csv", type=Path)
    p.add_argument("--bom", action="store_true", help="write a UTF-8 BOM (for Excel)")
    add_rating_filter(p)
    p.set_defaults(handler=cmd_model_export_csv, outputs=("out",))
    p = model_sub.add_parser(
        "rule", help="show or set the evidence rule that decides when a configuration is "
                     "supported",
        description="; ".join(f"{r}: {RULE_NAMES[r]}" for r in RULES) + " (the default: parts)")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("rule", metavar="RULE", nargs="?", choices=RULES,
                   help=f"one of {', '.join(RULES)}; without it, print the current rule")
    p.set_defaults(handler=cmd_model_rule)
    from coding.cli import diagram_commands  # it uses this module's rating filter

    diagram_commands.register(model_sub)

    p = sub.add_parser("theories", help="list theories with C/M/O evidence and status")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("--partial", action="store_true", help="only partial configurations")
    add_rating_filter(p)
    p.set_defaults(handler=cmd_theories)

    theory = sub.add_parser("theory", help="work on one theory (see: theory add --help)")
    theory_sub = theory.add_subparsers(dest="theory_command", metavar="ACTION", required=True)
    p = theory_sub.add_parser("add", help="add a theory (a possibly partial C-M-O configuration)")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("label", metavar="LABEL", help='e.g. "T4" or "N2"')
    p.add_argument("--topic", required=True, help="e.g. take-up, positive impact")
    p.add_argument("--statement", default="", help="the if-then-because statement")
    for role in ROLES:
        p.add_argument(f"--{role}", action="append", default=[], metavar="NAME",
                       help=f"a {role} (repeat for several); shared by name with other theories")
    p.add_argument("--origin", choices=THEORY_ORIGINS, default="initial")
    p.add_argument("--reason", default="", help="why, in a few words (kept in the theory's log)")
    p.set_defaults(handler=cmd_theory_add)
    p = theory_sub.add_parser("show", help="one theory's evidence: documents and interventions "
                                           "for each C, M and O")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("label", metavar="LABEL")
    add_rating_filter(p)
    p.set_defaults(handler=cmd_theory_show)
    p = theory_sub.add_parser("status", help="override the computed status, with a rationale")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("label", metavar="LABEL")
    p.add_argument("status", metavar="STATUS", nargs="?", choices=THEORY_STATUSES,
                   help=f"one of {', '.join(THEORY_STATUSES)}")
    p.add_argument("--rationale", default="", help="why (kept as the theory's memo)")
    p.add_argument("--clear", action="store_true", help="go back to the computed status")
    p.add_argument("--reason", default="",
                   help="why, for the theory's log (default: the rationale)")
    p.set_defaults(handler=cmd_theory_status)
    p = theory_sub.add_parser("element", help="add (a refinement) or remove an element")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("label", metavar="LABEL")
    p.add_argument("role", metavar="ROLE", choices=ROLES)
    p.add_argument("name", metavar="NAME", help="element name, or an existing node's path")
    p.add_argument("--origin", choices=THEORY_ORIGINS, default="new",
                   help="new (a refinement, the default) or initial")
    p.add_argument("--remove", action="store_true", help="detach it instead")
    p.add_argument("--reason", default="", help="why, in a few words (kept in the theory's log)")
    p.set_defaults(handler=cmd_theory_element)

    p = theory_sub.add_parser("edit", help="change a theory's label, topic, statement or origin")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("label", metavar="LABEL")
    p.add_argument("--label", dest="new_label", metavar="NEW_LABEL", help="a new label")
    p.add_argument("--topic", help="move it to this topic (created if new)")
    p.add_argument("--statement", help="the if-then-because statement")
    p.add_argument("--origin", choices=THEORY_ORIGINS)
    p.add_argument("--reason", default="", help="why, in a few words (kept in the theory's log)")
    p.set_defaults(handler=cmd_theory_edit)
    p = theory_sub.add_parser("delete", help="delete a theory and the coding to it as a whole "
                                             "(its elements and their coding stay)")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("label", metavar="LABEL")
    p.add_argument("--reason", default="", help="why, in a few words (kept in the theory's log)")
    p.set_defaults(handler=cmd_theory_delete)
    history_commands.register(theory_sub)

    p = sub.add_parser("rate", help="rate a coded excerpt's relevance and rigour")
    p.add_argument("project", metavar="PROJECT")
    p.add_argument("reference", metavar="REFERENCE_ID", type=record_id)
    p.add_argument("--relevance", choices=RATINGS)
    p.add_argument("--rigour", choices=RATINGS)
    p.add_argument("--note", help="a short rationale")
    p.set_defaults(handler=cmd_rate)


def cmd_model_import(args: argparse.Namespace) -> int:
    with Project.open(args.project) as project:
        labels = import_model(project, args.csv, reason=args.reason)
    print(f"imported {len(labels)} theories: {', '.join(labels)}")
    return 0


def cmd_model_export(args: argparse.Namespace) -> int:
    from coding.realist.model_docx import export_model_docx  # python-docx loads only when needed

    if args.history:
        history_commands.check_history_path(args.history)
    warn_suffix(args.out, ".docx", "a Word document")
    warn_suffix(args.csv, ".csv", "CSV")
    warn_suffix(args.evidence_csv, ".csv", "CSV")
    with Project.open(args.project, readonly=True) as project:
        ratings = rating_filter(project, args)
        count = export_model_docx(project, args.out, ratings)
        print(f"wrote {count} theories to {args.out}")
        if args.csv:
            export_model_csv(project, args.csv, ratings)
            print(f"wrote {count} theories to {args.csv}")
        if args.evidence_csv:
            rows = export_evidence_csv(project, args.evidence_csv, ratings)
            print(f"wrote {rows} excerpts to {args.evidence_csv}")
        if args.history:
            written = history_commands.export_history(project, args.history, ratings)
            print(f"wrote the development of {written} theories to {args.history}")
    return 0


def cmd_model_export_csv(args: argparse.Namespace) -> int:
    with Project.open(args.project, readonly=True) as project:
        count = export_model_csv(project, args.out, rating_filter(project, args), bom=args.bom)
    print(f"wrote {count} theories to {args.out}")
    return 0


def cmd_model_rule(args: argparse.Namespace) -> int:
    if args.rule is None:
        with Project.open(args.project, readonly=True) as project:
            rule = evidence_rule(project)
        print(f"{rule}\t{RULE_NAMES[rule]}")
        return 0
    with Project.open(args.project) as project:
        set_evidence_rule(project, args.rule)
    print(f"evidence rule: {args.rule} ({RULE_NAMES[args.rule]})")
    return 0


def cmd_theories(args: argparse.Namespace) -> int:
    with Project.open(args.project, readonly=True) as project:
        items = theory_evidence(project, rating_filter(project, args), partial_only=args.partial)
    print_rows(
        ["label", "topic", "origin", "status", "partial", "contexts", "mechanisms", "outcomes",
         "interventions", "documents", "whole_configuration_in", "evidence_rule"],
        [(i.theory.label, i.theory.topic, i.theory.origin,
          i.status_text + (" (override)" if i.overridden else ""),
          "yes" if i.is_partial else "no",
          *(i.parts[role].interventions_label() or "-" for role in ROLES),
          i.total.interventions_label(), len(i.total.documents),
          "; ".join(i.complete_documents), i.rule)
         for i in items],
    )
    return 0


def cmd_theory_add(args: argparse.Namespace) -> int:
    with Project.open(args.project) as project:
        add_theory(project, args.label, topic=args.topic, statement=args.statement,
                   contexts=args.context, mechanisms=args.mechanism, outcomes=args.outcome,
                   origin=args.origin, journal=Journal(reason=args.reason))
    parts = len(args.context) + len(args.mechanism) + len(args.outcome)
    print(f"added theory {args.label.strip()} with {parts} element(s)")
    return 0


def cmd_theory_show(args: argparse.Namespace) -> int:
    with Project.open(args.project, readonly=True) as project:
        item = evidence_for(project, find_theory(project, args.label), rating_filter(project, args))
    t = item.theory
    print(f"{t.label} ({t.topic}; {t.origin}): {item.status_text}"
          f"{' (set by the researcher: ' + item.rationale + ')' if item.overridden else ''}"
          f"{'; partial' if item.is_partial else ''}")
    if t.statement:
        print(t.statement)
    print(describe_rule(item.rule))
    rows: list[tuple[object, ...]] = []
    for role in ROLES:
        for e in t.of_role(role):
            src = item.elements[e.node_id]
            rows.append((role, e.name, e.origin, src.interventions_label(),
                         "; ".join(src.documents), src.references, first_evidence(src)))
        part = item.parts[role]
        rows.append((role, "(all evidence for this part)", "", part.interventions_label(),
                     "; ".join(part.documents), part.references, first_evidence(part)))
    rows.append(("whole", "(coded to the theory itself)", "", item.whole.interventions_label(),
                 "; ".join(item.whole.documents), item.whole.references,
                 first_evidence(item.whole)))
    rows.append(("complete", "(documents showing every part)", "", "",
                 "; ".join(item.complete_documents), "", ""))
    print_rows(["part", "element", "origin", "interventions", "documents", "references",
                "first_evidence"], rows)
    return 0


def first_evidence(sources: Sources) -> str:
    """"2024-03-05 14:02 UTC in Smith 2019": when the first of these excerpts was coded."""
    if sources.first_coded is None:
        return ""
    return f"{sources.first_coded:%Y-%m-%d %H:%M} UTC in {sources.first_document}"


def cmd_theory_status(args: argparse.Namespace) -> int:
    if args.clear == (args.status is not None):
        raise InvalidInput("give a STATUS with --rationale, or --clear (not both)")
    with Project.open(args.project) as project:
        override_status(project, find_theory(project, args.label), args.status, args.rationale,
                        Journal(reason=args.reason))
    print(f"{args.label}: {'computed status restored' if args.clear else args.status}")
    return 0


def cmd_theory_element(args: argparse.Namespace) -> int:
    with Project.open(args.project) as project:
        theory_id = find_theory(project, args.label)
        if args.remove:
            remove_element(project, theory_id, find_node(project, args.name),
                           Journal(reason=args.reason))
            print(f"{args.label}: removed {args.role} {args.name}")
            return 0
        node_id = (find_node(project, args.name) if "/" in args.name
                   else element_node(project, args.role, args.name, args.origin))
        add_element(project, theory_id, node_id, origin=args.origin,
                    journal=Journal(reason=args.reason))
    print(f"{args.label}: added {args.origin} {args.role} {args.name}")
    return 0


def cmd_theory_edit(args: argparse.Namespace) -> int:
    if all(v is None for v in (args.new_label, args.topic, args.statement, args.origin)):
        raise InvalidInput("give --label, --topic, --statement and/or --origin")
    with Project.open(args.project) as project:
        update_theory(project, find_theory(project, args.label), statement=args.statement,
                      topic=args.topic, origin=args.origin, label=args.new_label,
                      journal=Journal(reason=args.reason))
    print(f"{args.label}: updated" + (f", now {args.new_label.strip()}" if args.new_label else ""))
    return 0


def cmd_theory_delete(args: argparse.Namespace) -> int:
    with Project.open(args.project) as project:
        delete_theory(project, find_theory(project, args.label), Journal(reason=args.reason))
    print(f"deleted theory {args.label}")
    return 0


def cmd_rate(args: argparse.Namespace) -> int:
    if args.relevance is None and args.rigour is None and args.note is None:
        raise InvalidInput("give --relevance, --rigour and/or --note")
    with Project.open(args.project) as project:
        _, after = rate_reference(
            project, ReferenceId(args.reference),
            relevance=check_rating(args.relevance) if args.relevance else None,
            rigour=check_rating(args.rigour) if args.rigour else None, note=args.note)
    print(f"reference {after.id}: relevance {after.relevance}, rigour {after.rigour}")
    return 0
