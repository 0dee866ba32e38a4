"""The theoretical model as a spreadsheet: one row per theory, elements separated by ';'.

Import reads the initial model a team drafted in a spreadsheet (label, topic, statement,
contexts, mechanisms, outcomes; optional `origin` and `new_elements` columns — the latter names
the elements added to an initial theory during coding, its refinements). Export writes the same
columns plus the status and evidence, so the file can be read back in, refinements included,
and also read by people: `status` in words ("partly supported"), `status_detail` with the
missing parts named ("partly supported: no outcome evidence"), and the evidence rule.
"""

from __future__ import annotations

from pathlib import Path

from coding.errors import InvalidInput
from coding.filters import NO_FILTER, ReferenceFilter
from coding.project import Project
from coding.realist.evidence import ROLES, TheoryEvidence, theory_evidence
from coding.realist.theories import TheoryMaker
from coding.tables import read_table_csv, write_table_csv
from coding.theory_log import Journal
from storage.models import THEORY_ORIGINS

SEPARATOR = ";"
REQUIRED = ("label", "topic", "statement", "contexts", "mechanisms", "outcomes")
OPTIONAL = ("origin", "new_elements")
EXPORT_COLUMNS = (*REQUIRED, "origin", "status", "status_rationale", "partial",
                  "context_interventions", "mechanism_interventions", "outcome_interventions",
                  "interventions", "documents", "references", "new_elements",
                  "whole_configuration_in", "status_detail", "evidence_rule")
PLURAL = {"context": "contexts", "mechanism": "mechanisms", "outcome": "outcomes"}


def split_list(cell: str | None) -> list[str]:
    """A cell holding several elements: "Rural area; Practical barriers"."""
    return [part.strip() for part in (cell or "").split(SEPARATOR) if part.strip()]


def _read_rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    """(line, row) for every non-empty row, or one line saying what is wrong and where."""
    lines = read_table_csv(path)
    header = [h.strip().lower() for h in (lines[0][1] if lines else [])]
    _check_header(path, header)
    return [(line, _row(path, line, header, cells)) for line, cells in lines[1:]]


def _check_header(path: Path, header: list[str]) -> None:
    missing = [c for c in REQUIRED if c not in header]
    if missing and len(header) == 1 and ";" in header[0]:  # Excel in many locales
        raise InvalidInput(f"{path.name}: columns are separated by ';' — save it as "
                           "\"CSV UTF-8 (comma delimited)\"; ';' separates elements")
    if missing:
        raise InvalidInput(f"{path.name}: missing column(s) {', '.join(missing)}; expected "
                           f"{','.join(REQUIRED)}")


def _row(path: Path, line: int, header: list[str], cells: list[str]) -> dict[str, str]:
    where = f"{path.name} line {line}"
    if len(cells) > len(header):
        raise InvalidInput(f"{where}: {len(cells)} cells under a header of {len(header)}; "
                           "is a comma or a quote out of place?")
    row = {name: cell.strip() for name, cell in zip(header, cells, strict=False)}
    for name, cell in row.items():
        if name != "statement" and ("\n" in cell or "\r" in cell):
            raise InvalidInput(f"{where}: the {name} cell runs over several lines; is a quote "
                               "left open?")
    return {name: row.get(name, "") for name in {*REQUIRED, *OPTIONAL, *row}}


def import_model(project: Project, path: Path | str, reason: str | None = None) -> list[str]:
    """Add every row as a theory, all in one transaction: any refusal (or a kill) leaves the
    project as it was. Linear in rows (one TheoryMaker remembers what it has made). Each
    theory's log says where it came from (`reason`, by default "imported from <file>")."""
    path = Path(path)
    journal = Journal(reason=f"imported from {path.name}" if reason is None else reason)
    rows = _read_rows(path)
    seen: set[str] = set()
    with project.db.transaction() as s:
        maker = TheoryMaker(s, batch=True, coder_id=project.coder_id)
        for line, row in rows:
            try:
                _add_row(maker, row, seen, journal)
            except InvalidInput as exc:
                raise InvalidInput(f"{path.name} line {line}: {exc}") from None
    return [row["label"] for _, row in rows]


def _add_row(maker: TheoryMaker, row: dict[str, str], seen: set[str], journal: Journal) -> None:
    """One theory; its refinements (`new_elements`) are attached with origin new."""
    label = row["label"]
    if not label or not row["topic"]:
        raise InvalidInput("every theory needs a label and a topic")
    if label in seen:
        raise InvalidInput(f"theory {label} already exists")
    seen.add(label)
    origin = row["origin"] or "initial"
    if origin not in THEORY_ORIGINS:
        raise InvalidInput(f"origin is initial or new, not '{origin}'")
    by_role = {role: split_list(row[PLURAL[role]]) for role in ROLES}
    refinements = set(split_list(row["new_elements"]))
    unknown = refinements - {name for names in by_role.values() for name in names}
    if unknown:
        raise InvalidInput(f"new element '{sorted(unknown)[0]}' is not one of the theory's "
                           "contexts, mechanisms or outcomes")
    for role, names in by_role.items():
        for name in names:
            maker.existing_element(role, name)
    first = [maker.element(role, name, origin).id for role, names in by_role.items()
             for name in names if name not in refinements]
    theory = maker.theory(label, topic=row["topic"], statement=row["statement"], origin=origin,
                          elements=first, journal=journal)
    later = [maker.element(role, name, "new").id for role, names in by_role.items()
             for name in names if name in refinements]
    maker.attach(theory, later, "new", journal)


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
            t.label, t.topic, t.statement, *elements, t.origin, item.status_name,
            item.rationale, "yes" if item.is_partial else "no", *parts,
            item.total.interventions_label(), sep.join(item.total.documents),
            item.total.references,
            sep.join(e.name for e in t.elements if e.origin == "new" and t.origin != "new"),
            sep.join(item.complete_documents), item.status_text, item.rule,
        ]

    return write_table_csv(out, EXPORT_COLUMNS, map(row, items), bom=bom,
                           inputs=(project.path,))
