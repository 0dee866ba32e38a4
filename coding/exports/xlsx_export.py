"""Coded excerpts to an Excel workbook: one sheet per node, or per topic of the theories.

Cells are written as text, never as formulas, so an excerpt beginning with "=" stays text
(no formula injection) and keeps its exact characters (no apostrophe needed, unlike CSV).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import IO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from sqlalchemy import select

from coding.errors import InvalidInput
from coding.excerpts import document_attributes, iter_excerpts, xml_safe
from coding.exports.csv_export import excerpt_header, excerpt_row
from coding.filters import NO_FILTER, ReferenceFilter
from coding.project import Project
from storage.models import Theory, Topic
from storage.output_files import write_built

SHEETS = ("node", "topic")
NO_TOPIC = "No topic"
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def _sheet_title(name: str, used: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique ignoring case."""
    base = _SHEET_BAD.sub("_", name).strip("'") or "Sheet"
    title, n = base[:31], 2
    while title.lower() in used:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(title.lower())
    return title


def _cell(ws: WriteOnlyWorksheet, value: object, bold: bool = False) -> WriteOnlyCell:
    if isinstance(value, str):
        cell = WriteOnlyCell(ws, value=xml_safe(value))
        cell.data_type = "s"  # text, even when it starts with "="
    else:
        cell = WriteOnlyCell(ws, value=value)
    if bold:
        cell.font = Font(bold=True)
    return cell


def export_references_xlsx(
    project: Project, out: Path | str, *, sheets: str = "node", flt: ReferenceFilter = NO_FILTER
) -> int:
    """Write the excerpts grouped into sheets; returns the number of excerpts written."""
    if sheets not in SHEETS:
        raise InvalidInput(f"sheets must be one of {', '.join(SHEETS)}, not '{sheets}'")
    with project.db.reading() as s:
        names, values = document_attributes(s)
        topic_of = {label: topic for label, topic in s.execute(
            select(Theory.label, Topic.name).join(Topic, Topic.id == Theory.topic_id))}
    groups: dict[str, list[list[object]]] = {}
    count = 0
    for e in iter_excerpts(project, flt):
        attrs = values.get(e.document_id, {})
        row = excerpt_row(e) + [attrs.get(n, "") for n in names]
        if sheets == "node":
            keys = [e.node_path]
        else:
            keys = list(dict.fromkeys(topic_of.get(t, NO_TOPIC) for t in e.theories.split("; ")
                                      if t)) or [NO_TOPIC]
        for key in keys:
            groups.setdefault(key, []).append(row)
        count += 1
    header = excerpt_header(names)

    def save(stream: IO[bytes]) -> None:
        """Inside the writer: openpyxl spools rows to temporary files, which a full disk
        can stop too."""
        wb = Workbook(write_only=True)
        used: set[str] = set()
        for key in sorted(groups) if groups else ["Excerpts"]:
            ws = wb.create_sheet(_sheet_title(key, used))
            ws.freeze_panes = "A2"
            ws.column_dimensions["F"].width = 80
            ws.append([_cell(ws, h, bold=True) for h in header])
            for row in groups.get(key, []):
                ws.append([_cell(ws, v) for v in row])
        wb.save(stream)

    write_built(out, save, inputs=(project.path,))
    return count


