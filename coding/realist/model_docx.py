"""The final theoretical model and its evidence tables as a Word document.

Type styles are the review convention (`coding.realist.status_text`): a configuration present
in the initial model and supported keeps normal type; an initial one with no evidence is struck
through; a new one is written in CAPITALS. Elements follow the same rules, so a refinement (a
new mechanism added to an initial theory) shows in capitals inside a normal configuration, and
a partly supported configuration shows its unevidenced parts struck. Capitals are real
upper-case text, not a font effect, so they survive copy-and-paste into other documents.
The legend states the evidence rule the statuses were judged by; a new configuration with no
evidence yet is listed apart, after the final model, not as part of it.
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
from coding.realist.evidence_rule import describe_rule, evidence_rule
from coding.realist.evidence_tables import KeyExcerpt, part_rows, theory_excerpts
from coding.realist.intervention_table import intervention_table
from coding.realist.ratings import RATING_LABELS, describe
from coding.realist.status_text import element_treatment, treatment
from storage.output_files import write_built


def styled_run(paragraph: Paragraph, text: str, style: str, *, bold: bool = False) -> None:
    text = xml_safe(text)
    run = paragraph.add_run(text.upper() if style == "caps" else text)
    run.font.strike = style == "strike"
    run.bold = bold


def _legend(doc: DocxDocument, rule: str) -> None:
    doc.add_heading("Legend", level=2)
    doc.add_paragraph(describe_rule(rule))
    for text, style, meaning in (
        ("Normal type", "normal", "in the initial model and supported by evidence; a partly "
                                  "supported configuration keeps normal type and its "
                                  "unevidenced parts are struck through"),
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
    bits = [item.note]
    if item.is_partial:
        bits.append("partial")
    if item.total.found:  # never "no evidence found; no evidence"
        bits.append(item.total.summary())
    note = paragraph.add_run(f"  [{'; '.join(bits)}]")
    note.italic = True
    note.font.size = Pt(9)
    for role in ROLES:
        for element in t.of_role(role):
            line = doc.add_paragraph(style="List Bullet")
            line.add_run(f"{role.capitalize()}: ").italic = True
            shown = ("strike" if style == "strike"
                     else element_treatment(element, item.element_found(element)))
            styled_run(line, element.name, shown)
            line.add_run(f"  ({item.element_summary(element)})").font.size = Pt(9)
    if item.overridden:
        why = doc.add_paragraph()
        why.add_run(f"Status set by the researcher ({item.computed_status} → {item.status}): ")\
            .italic = True  # the keys, as `theory status` takes them
        why.add_run(xml_safe(item.rationale))


def _evidence_table(doc: DocxDocument, item: TheoryEvidence,
                    excerpts: list[KeyExcerpt]) -> None:
    t = item.theory
    doc.add_heading(f"{t.label} ({item.status_text})", level=3)
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
    _legend(doc, evidence_rule(project))
    in_model = [i for i in items if not i.no_evidence_yet]
    for topic, group in groupby(in_model, key=lambda i: i.theory.topic):
        doc.add_heading(topic or "(no topic)", level=1)
        for item in group:
            _theory(doc, item)
    apart = [i for i in items if i.no_evidence_yet]
    if apart:
        doc.add_heading("New configurations with no evidence yet", level=1)
        doc.add_paragraph("Proposed during coding; nothing evidences them yet, so they are not "
                          "part of the final model.")
        for item in apart:
            _theory(doc, item)
    doc.add_page_break()  # type: ignore[no-untyped-call]
    doc.add_heading("Evidence tables", level=1)
    excerpts = theory_excerpts(project, items, flt)
    for item in items:
        _evidence_table(doc, item, excerpts[item.theory.id])
    _interventions(doc, project)
    write_built(out, doc.save, inputs=(project.path,))
    return len(items)
