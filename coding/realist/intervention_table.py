"""Documents grouped by intervention — a realist review's classic "table 2".

One row per document, under its intervention, with the intervention's attributes (format,
delivery, who delivers...) then the document's (design, year, type...).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from coding.attributes import attribute_values, list_attributes
from coding.cases import documents_by_intervention, list_cases
from coding.project import Project
from coding.realist.appraisal import appraisal_summaries
from coding.tables import write_table_csv


@dataclass(frozen=True)
class InterventionTable:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def intervention_table(project: Project) -> InterventionTable:
    case_attrs = [a.name for a in list_attributes(project, "case")]
    doc_attrs = [a.name for a in list_attributes(project, "document")]
    case_values = attribute_values(project, "case")
    doc_values = attribute_values(project, "document")
    case_ids = {c.number: c.id for c in list_cases(project)}
    appraisals = appraisal_summaries(project)
    rows = []
    for row in documents_by_intervention(project):
        case_id = case_ids.get(row.case_number) if row.case_number is not None else None
        values = case_values.get(case_id, {}) if case_id is not None else {}
        docs = doc_values.get(row.document_id, {})
        rows.append((
            f"#{row.case_number}" if row.case_number is not None else "",
            row.case_name or "(no intervention)",
            *(values.get(name, "") for name in case_attrs),
            row.document,
            *(docs.get(name, "") for name in doc_attrs),
            appraisals.get(row.document_id, ""),
        ))
    # A name used at both levels (country) is told apart in the header.
    doc_header = [f"document {n}" if n in case_attrs else n for n in doc_attrs]
    header = ("number", "intervention", *case_attrs, "document", *doc_header, "appraisal")
    return InterventionTable(header, tuple(rows))


def export_interventions_csv(project: Project, out: Path | str, *, bom: bool = False) -> int:
    """Header and cells made spreadsheet-safe like every other table export."""
    table = intervention_table(project)
    return write_table_csv(out, table.header, table.rows, bom=bom, inputs=(project.path,))
