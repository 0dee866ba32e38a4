"""The development of the programme theories: the appendix RAMESES asks for.

For each theory (in model order, then those deleted during the review): its initial wording,
every logged change with its date and reason, when each element's first evidence was coded and
from which document (derived from the coding, not logged), and its final status under the
project's evidence rule. Written as Word (`model export --history history.docx`) or CSV, and
printed by `theory history`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from coding.excerpts import xml_safe
from coding.filters import NO_FILTER, ReferenceFilter
from coding.project import Project
from coding.realist.evidence import TheoryEvidence, theory_evidence
from coding.realist.evidence_rule import describe_rule, evidence_rule
from coding.realist.ratings import describe
from coding.tables import write_table_csv
from coding.theory_log import LogEntry, all_entries
from storage.output_files import write_built

CSV_COLUMNS = ("theory", "topic", "at", "action", "field", "old_value", "new_value", "detail",
               "reason", "coder", "initial_wording", "final_status")


@dataclass(frozen=True)
class FirstEvidence:
    role: str
    element: str
    at: datetime | None  # None: no evidence yet
    document: str


@dataclass(frozen=True)
class Development:
    label: str
    topic: str
    initial_wording: str
    entries: tuple[LogEntry, ...]
    final_status: str
    first_evidence: tuple[FirstEvidence, ...] = ()
    deleted: bool = False


def _initial(entries: list[LogEntry], current: str) -> str:
    """The statement as first logged (created, or at the upgrade that started the log)."""
    first = next((e for e in entries if e.action in ("created", "start")), None)
    return first.new_value if first is not None else current


def _final(item: TheoryEvidence) -> str:
    if item.overridden:
        return f"{item.status_text} (set by the researcher: {item.rationale})"
    return item.status_text


def developments(project: Project, flt: ReferenceFilter = NO_FILTER) -> list[Development]:
    """Every theory's development, current theories first (the filter decides the final
    status, as in the model export), then deleted ones in the order they were created."""
    items = theory_evidence(project, flt)
    by_guid: dict[str, list[LogEntry]] = {}
    for entry in all_entries(project):
        by_guid.setdefault(entry.theory_guid, []).append(entry)
    found = []
    for item in items:
        t = item.theory
        entries = by_guid.pop(t.guid, [])
        firsts = tuple(FirstEvidence(e.role, e.name, item.elements[e.node_id].first_coded,
                                     item.elements[e.node_id].first_document)
                       for e in t.elements)
        found.append(Development(t.label, t.topic, _initial(entries, t.statement),
                                 tuple(entries), _final(item), firsts))
    if flt.topics:
        return found
    for entries in by_guid.values():  # theories that no longer exist
        last = entries[-1]
        final = "deleted" if last.action == "deleted" else "no longer in the project"
        found.append(Development(last.label, "", _initial(entries, last.old_value),
                                 tuple(entries), final, deleted=True))
    return found


def history_lines(dev: Development) -> Iterator[tuple[str, str, str]]:
    """(date, change, reason) rows in time order: the log's changes and, among them, when each
    element's first evidence was coded; elements with none yet come last."""
    rows: list[tuple[datetime | None, str, str]] = [
        (e.at, e.describe(with_statement=False), e.reason) for e in dev.entries]
    for f in dev.first_evidence:
        where = f"first evidence for {f.role} '{f.element}'"
        rows.append((f.at, f"{where}: coded in {f.document}" if f.at else f"{where}: none yet",
                     ""))
    rows.sort(key=lambda r: (r[0] is None, r[0] or datetime.min))
    for at, change, reason in rows:
        yield (f"{at:%Y-%m-%d %H:%M}" if at else ""), change, reason


def export_history_csv(project: Project, out: Path | str, flt: ReferenceFilter = NO_FILTER,
                       *, bom: bool = False) -> int:
    """One row per logged change and per element's first evidence; returns the theory count."""
    devs = developments(project, flt)

    def rows() -> Iterator[list[object]]:
        for dev in devs:
            common = (dev.initial_wording, dev.final_status)
            for e in dev.entries:
                yield [dev.label, dev.topic, e.at.isoformat(sep=" ", timespec="seconds"),
                       e.action, e.field, e.old_value, e.new_value, e.detail, e.reason, e.coder,
                       *common]
            for f in dev.first_evidence:
                yield [dev.label, dev.topic,
                       f.at.isoformat(sep=" ", timespec="seconds") if f.at else "",
                       "first_evidence", f.role, "", f.element, f.document, "", "", *common]

    write_table_csv(out, CSV_COLUMNS, rows(), bom=bom, inputs=(project.path,))
    return len(devs)


def export_history_docx(project: Project, out: Path | str,
                        flt: ReferenceFilter = NO_FILTER) -> int:
    """The appendix as Word: a section per theory; returns the theory count."""
    from docx import Document as new_docx  # python-docx loads only when needed

    devs = developments(project, flt)
    doc = new_docx()
    doc.add_heading(f"Development of the programme theories — {xml_safe(project.name)}", level=0)
    doc.add_paragraph(f"{describe_rule(evidence_rule(project))} Final statuses from "
                      f"{describe(flt)}. Times are UTC.")
    for heading, group in (("Programme theories", [d for d in devs if not d.deleted]),
                           ("Theories removed during the review", [d for d in devs if d.deleted])):
        if not group:
            continue
        doc.add_heading(heading, level=1)
        for dev in group:
            doc.add_heading(f"{dev.label}" + (f" — {dev.topic}" if dev.topic else ""), level=2)
            wording = doc.add_paragraph()
            wording.add_run("Initial wording: ").italic = True
            wording.add_run(xml_safe(dev.initial_wording) or "(no statement)")
            lines = list(history_lines(dev))
            table = doc.add_table(rows=1, cols=3)
            table.style = "Table Grid"
            for cell, name in zip(table.rows[0].cells, ("Date", "Change", "Reason"),
                                  strict=True):
                cell.text = name
            for values in lines:
                for cell, value in zip(table.add_row().cells, values, strict=True):
                    cell.text = xml_safe(value)
            final = doc.add_paragraph()
            final.add_run("Final status: ").italic = True
            final.add_run(xml_safe(dev.final_status))
    write_built(out, doc.save, inputs=(project.path,))
    return len(devs)
