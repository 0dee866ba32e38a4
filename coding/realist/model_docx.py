"""The final theoretical model and its evidence tables as a Word document.

Type styles are the review convention: a configuration present in the initial model and
supported keeps normal type; an initial one with no evidence is struck through; a new one is
written in CAPITALS. Elements follow the same rules, so a refinement (a new mechanism added to
an initial theory) shows in capitals inside a normal configuration. Capitals are real upper-case
text, not a font effect, so they survive copy-and-paste into other documents.
"""

from __future__ import annotations

from itertools import groupby
from pathlib import Path

from docx import Document as new_docx
from docx.document import Document as DocxDocument
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from coding.excerpts import xml_safe
from coding.filters import NO_FILTER, ReferenceFilter
from coding.project import Project
from coding.realist.evidence import ROLES, TheoryEvidence, theory_evidence
from coding.realist.evidence_tables import KeyExcerpt, part_rows, theory_excerpts
from coding.realist.intervention_table import intervention_table
from coding.realist.ratings import RATING_LABELS, describe
from coding.realist.theories import ElementInfo
from storage.output_files import write_built

STATUS_NOTES = {
    "supported": "supported",
    "unsupported": "no evidence found",
    "new": "new, emerged from the evidence",
    "refined": "refined with new elements",
    "partial": "partial configuration",
}


def treatment(status: str) -> str:
    """How a theory with this status is typeset: "normal", "strike" or "caps"."""
    return {"unsupported": "strike", "new": "caps"}.get(status, "normal")


def element_treatment(element: ElementInfo, has_evidence: bool) -> str:
    if element.origin == "new":
        return "caps"
    return "normal" if has_evidence else "strike"


def styled_run(paragraph: Paragraph, text: str, style: str, *, bold: bool = False) -> None:
    text = xml_safe(text)
    run = paragraph.add_run(text.upper() if style == "caps" else text)
    run.font.strike = style == "strike"
    run.bold = bold


def _legend(doc: DocxDocument) -> None:
    doc.add_heading("Legend", level=2)
    for text, style, meaning in (
        ("Normal type", "normal", "in the initial model and supported by evidence"),
        ("Struck through", "strike", "in the initial model, no evidence found"),
        ("Capitals", "caps", "new: emerged from the evidence (a theory or an added element)"),
    ):
        paragraph = doc.add_paragraph(style="List Bullet")
        styled_run(paragraph, text, style, bold=True)
        paragraph.add_run(f" — {meaning}.")


def _theory(doc: DocxDocument, item: TheoryEvidence) -> None:
    t = item.theory
    style = treatment(item.status)
    paragraph = doc.add_paragraph()
    styled_run(paragraph, f"{t.label}. ", style, bold=True)
    styled_run(paragraph, t.statement or "(no statement)", style)
    bits = [STATUS_NOTES.get(item.status, item.status)]
    if item.is_partial:
        bits.append("partial")
    if item.total.found or "evidence" not in bits[0]:  # not "no evidence found; no evidence"
        bits.append(item.total.summary())
    note = paragraph.add_run(f"  [{'; '.join(bits)}]")
    note.italic = True
    note.font.size = Pt(9)
    for role in ROLES:
        for element in t.of_role(role):
            sources = item.elements[element.node_id]
            line = doc.add_paragraph(style="List Bullet")
            line.add_run(f"{role.capitalize()}: ").italic = True
            shown = "strike" if style == "strike" else element_treatment(element, sources.found)
            styled_run(line, element.name, shown)
            line.add_run(f"  ({sources.summary()})").font.size = Pt(9)
    if item.overridden:
        why = doc.add_paragraph()
        why.add_run(f"Status set by the researcher ({item.computed_status} → {item.status}): ")\
            .italic = True
        why.add_run(xml_safe(item.rationale))


def _evidence_table(doc: DocxDocument, item: TheoryEvidence,
                    excerpts: list[KeyExcerpt]) -> None:
    t = item.theory
    doc.add_heading(f"{t.label} ({item.status})", level=3)
    rows = [*part_rows(item), ("Interventions", item.total.interventions_label() or "none",
                               f"{len(item.total.documents)} document(s), "
                               f"{item.total.references} excerpt(s)"),
            ("Whole configuration", "; ".join(item.complete_documents) or "none",
             "documents showing every part the theory has")]
    table = doc.add_table(rows=len(rows) + 1, cols=3)
    table.style = "Table Grid"
    for row, values in zip(table.rows, rows, strict=False):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    quote = table.rows[-1].cells
    quote[0].text = "Key excerpts"
    merged = quote[1].merge(quote[2])
    merged.text = "" if excerpts else "none"
    for index, ex in enumerate(excerpts):
        paragraph = merged.paragraphs[0] if index == 0 else merged.add_paragraph()
        paragraph.add_run(f"“{xml_safe(ex.text)}”")
        where = ", ".join(v for v in (ex.document, ex.intervention, ex.pages) if v)
        paragraph.add_run(f" — {where}; relevance {RATING_LABELS[ex.relevance]}, rigour "
                          f"{RATING_LABELS[ex.rigour]}").italic = True


def _interventions(doc: DocxDocument, project: Project) -> None:
    table_data = intervention_table(project)
    if not table_data.rows:
        return
    doc.add_heading("Documents by intervention", level=1)
    table = doc.add_table(rows=1, cols=len(table_data.header))
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, table_data.header, strict=True):
        cell.text = name
    for values in table_data.rows:
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = value


def export_model_docx(project: Project, out: Path | str,
                      flt: ReferenceFilter = NO_FILTER) -> int:
    """Write the final model (one section per topic), the evidence tables and table 2.

    Returns the number of theories written.
    """
    items = theory_evidence(project, flt)
    doc = new_docx()
    doc.add_heading(f"Final theoretical model — {project.name}", level=0)
    doc.add_paragraph(f"{len(items)} programme theories; evidence from {describe(flt)}.")
    _legend(doc)
    for topic, group in groupby(items, key=lambda i: i.theory.topic):
        doc.add_heading(topic or "(no topic)", level=1)
        for item in group:
            _theory(doc, item)
    doc.add_page_break()  # type: ignore[no-untyped-call]
    doc.add_heading("Evidence tables", level=1)
    excerpts = theory_excerpts(project, items, flt)
    for item in items:
        _evidence_table(doc, item, excerpts[item.theory.id])
    _interventions(doc, project)
    write_built(out, doc.save, inputs=(project.path,))
    return len(items)
