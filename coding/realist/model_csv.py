"""The theoretical model as a spreadsheet: one row per theory, elements separated by ';'.

Import reads the initial model a team drafted in a spreadsheet (label, topic, statement,
contexts, mechanisms, outcomes; optional `origin` and `new_elements` columns — the latter names
the elements added to an initial theory during coding, its refinements). Export writes the same
columns plus the status and evidence, so the file can be read back in, refinements included,
and also read by people.
"""

from __future__ import annotations

import csv
from pathlib import Path

from coding.errors import InvalidInput
from coding.filters import NO_FILTER, ReferenceFilter
from coding.project import Project
from coding.realist.evidence import ROLES, TheoryEvidence, theory_evidence
from coding.realist.theories import (
    add_element,
    add_theory,
    check_element,
    element_node,
    find_theory,
    list_theories,
)
from coding.tables import write_table_csv
from storage.models import THEORY_ORIGINS

SEPARATOR = ";"
REQUIRED = ("label", "topic", "statement", "contexts", "mechanisms", "outcomes")
EXPORT_COLUMNS = (*REQUIRED, "origin", "status", "status_rationale", "partial",
                  "context_interventions", "mechanism_interventions", "outcome_interventions",
                  "interventions", "documents", "references", "new_elements",
                  "whole_configuration_in")
PLURAL = {"context": "contexts", "mechanism": "mechanisms", "outcome": "outcomes"}


def split_list(cell: str | None) -> list[str]:
    """A cell holding several elements: "Rural area; Practical barriers"."""
    return [part.strip() for part in (cell or "").split(SEPARATOR) if part.strip()]


def _read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        header = [h.strip().lower() for h in reader.fieldnames or []]
        missing = [c for c in REQUIRED if c not in header]
        if missing and len(header) == 1 and ";" in header[0]:  # Excel in many locales
            raise InvalidInput(f"{path.name}: columns are separated by ';' — save it as "
                               "\"CSV UTF-8 (comma delimited)\"; ';' separates elements")
        if missing:
            raise InvalidInput(f"{path.name}: missing column(s) {', '.join(missing)}; expected "
                               f"{','.join(REQUIRED)}")
        return [
            {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
            for row in reader
            if any((v or "").strip() for v in row.values() if isinstance(v, str))
        ]


def import_model(project: Project, path: Path | str) -> list[str]:
    """Add every row as a theory; all rows are checked before any is written."""
    path = Path(path)
    rows = _read_rows(path)
    existing = {t.label for t in list_theories(project)}
    seen: set[str] = set()
    for line, row in enumerate(rows, start=2):
        label = row["label"]
        if not label or not row["topic"]:
            raise InvalidInput(f"{path.name} line {line}: every theory needs a label and a topic")
        if label in existing or label in seen:
            raise InvalidInput(f"{path.name} line {line}: theory {label} already exists")
        origin = row.get("origin") or "initial"
        if origin not in THEORY_ORIGINS:
            raise InvalidInput(f"{path.name} line {line}: origin is initial or new, not '{origin}'")
        for role in ROLES:
            for name in split_list(row[PLURAL[role]]):
                try:
                    check_element(project, role, name)
                except InvalidInput as exc:
                    raise InvalidInput(f"{path.name} line {line}: {exc}") from None
        named = {name for role in ROLES for name in split_list(row[PLURAL[role]])}
        unknown = [n for n in split_list(row.get("new_elements")) if n not in named]
        if unknown:
            raise InvalidInput(f"{path.name} line {line}: new element '{unknown[0]}' is not one "
                               f"of the theory's contexts, mechanisms or outcomes")
        seen.add(label)
    for row in rows:
        _add_row(project, row)
    return [row["label"] for row in rows]


def _add_row(project: Project, row: dict[str, str]) -> None:
    """One theory; its refinements (`new_elements`) are attached afterwards with origin new."""
    origin = row.get("origin") or "initial"
    refinements = set(split_list(row.get("new_elements")))
    by_role = {role: split_list(row[PLURAL[role]]) for role in ROLES}
    first = {role: [n for n in names if n not in refinements] for role, names in by_role.items()}
    add_theory(
        project, row["label"], topic=row["topic"], statement=row["statement"],
        contexts=first["context"], mechanisms=first["mechanism"], outcomes=first["outcome"],
        origin=origin,
    )
    if not refinements:
        return
    theory_id = find_theory(project, row["label"])
    for role, names in by_role.items():
        for name in names:
            if name in refinements:
                add_element(project, theory_id, element_node(project, role, name, "new"), "new")


def export_model_csv(
    project: Project, out: Path | str, flt: ReferenceFilter = NO_FILTER, *, bom: bool = False
) -> int:
    """The current model with status and evidence; returns the number of theories written."""
    items = theory_evidence(project, flt)
    sep = f"{SEPARATOR} "

    def row(item: TheoryEvidence) -> list[object]:
        t = item.theory
        elements = [sep.join(e.name for e in t.of_role(role)) for role in ROLES]
        parts = [item.parts[role].interventions_label() for role in ROLES]
        return [
            t.label, t.topic, t.statement, *elements, t.origin, item.status, item.rationale,
            "yes" if item.is_partial else "no", *parts, item.total.interventions_label(),
            sep.join(item.total.documents), item.total.references,
            sep.join(e.name for e in t.elements if e.origin == "new" and t.origin != "new"),
            sep.join(item.complete_documents),
        ]

    return write_table_csv(out, EXPORT_COLUMNS, map(row, items), bom=bom,
                           inputs=(project.path,))
